//! Reads a QR symbol back from its modules, refusing anything a perfect symbol would not
//! have.
//!
//! Written from ISO/IEC 18004 independently of the `qrcode` crate that encodes, so the
//! two can check each other. A phone's decoder corrects damage; this one does the
//! opposite: every function pattern, both copies of the format (and version) information,
//! every Reed-Solomon block, the padding and the remainder bits must be exactly right, so
//! a single wrong module anywhere is an error. The error-correction budget is for scuffs
//! on a printed card, not for a symbol that leaves the printer already damaged.

use std::fmt;

/// Error-correction level, as the format information names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    L,
    M,
    Q,
    H,
}

impl Level {
    /// The two format-information bits of each level, in the order of [`Level::index`].
    const BITS: [u32; 4] = [0b01, 0b00, 0b11, 0b10];

    fn index(self) -> usize {
        match self {
            Level::L => 0,
            Level::M => 1,
            Level::Q => 2,
            Level::H => 3,
        }
    }

    fn from_bits(bits: u32) -> Level {
        match bits {
            0b01 => Level::L,
            0b00 => Level::M,
            0b11 => Level::Q,
            _ => Level::H,
        }
    }
}

/// What a symbol holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub version: usize,
    pub level: Level,
    pub mask: u8,
    pub bytes: Vec<u8>,
}

/// Why a symbol is not a perfect QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage(String);

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn damage<T>(message: impl Into<String>) -> Result<T, Damage> {
    Err(Damage(message.into()))
}

/// Error-correction codewords per block, by level (L, M, Q, H) and version (ISO/IEC
/// 18004 table 9; index 0 unused).
#[rustfmt::skip]
const ECC_PER_BLOCK: [[u8; 41]; 4] = [
    [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];

/// Error-correction blocks, by level and version (same table).
#[rustfmt::skip]
const BLOCKS: [[u8; 41]; 4] = [
    [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];

/// What a module of the symbol is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Finder, separator, timing, alignment or the dark module: its colour is fixed.
    Fixed(bool),
    /// Format or version information, checked as codewords.
    Info,
    /// Data and error-correction bits, masked.
    Data,
}

/// A square grid of roles, indexed `[y * size + x]`.
struct Layout {
    size: usize,
    roles: Vec<Role>,
}

impl Layout {
    fn new(version: usize) -> Layout {
        let size = version * 4 + 17;
        let mut l = Layout {
            size,
            roles: vec![Role::Data; size * size],
        };
        for i in 0..size {
            l.set(6, i, Role::Fixed(i % 2 == 0));
            l.set(i, 6, Role::Fixed(i % 2 == 0));
        }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            l.finder(cx, cy);
        }
        let align = alignment_positions(version);
        let n = align.len();
        for (i, &ay) in align.iter().enumerate() {
            for (j, &ax) in align.iter().enumerate() {
                // Three corners hold finders; the bottom-right one has an alignment pattern.
                let edge = |k: usize| k == 0 || k == n - 1;
                let on_a_finder = edge(i) && edge(j) && (i == 0 || j == 0);
                if !on_a_finder {
                    l.alignment(ax, ay);
                }
            }
        }
        for (x, y) in format_positions(size).into_iter().flatten() {
            l.set(x, y, Role::Info);
        }
        l.set(8, size - 8, Role::Fixed(true));
        if version >= 7 {
            for (x, y) in version_positions(size).into_iter().flatten() {
                l.set(x, y, Role::Info);
            }
        }
        l
    }

    fn set(&mut self, x: usize, y: usize, role: Role) {
        self.roles[y * self.size + x] = role;
    }

    fn role(&self, x: usize, y: usize) -> Role {
        self.roles[y * self.size + x]
    }

    /// A 7x7 finder with its light separator, clipped to the symbol.
    fn finder(&mut self, cx: usize, cy: usize) {
        for dy in -4i32..=4 {
            for dx in -4i32..=4 {
                let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                if (0..self.size as i32).contains(&x) && (0..self.size as i32).contains(&y) {
                    let ring = dx.abs().max(dy.abs());
                    self.set(x as usize, y as usize, Role::Fixed(ring != 2 && ring != 4));
                }
            }
        }
    }

    fn alignment(&mut self, cx: usize, cy: usize) {
        for dy in -2i32..=2 {
            for dx in -2i32..=2 {
                let ring = dx.abs().max(dy.abs());
                let (x, y) = ((cx as i32 + dx) as usize, (cy as i32 + dy) as usize);
                self.set(x, y, Role::Fixed(ring != 1));
            }
        }
    }
}

/// Centre coordinates of the alignment patterns on each axis.
fn alignment_positions(version: usize) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let count = version / 7 + 2;
    let size = version * 4 + 17;
    let step = if version == 32 {
        26
    } else {
        (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    let mut out = vec![6];
    out.extend((0..count - 1).rev().map(|i| size - 7 - i * step));
    out
}

/// Where the 15 format bits go (bit 0 first), both copies.
fn format_positions(size: usize) -> [[(usize, usize); 15]; 2] {
    let mut first = [(0, 0); 15];
    let mut second = [(0, 0); 15];
    for (i, p) in first.iter_mut().enumerate() {
        *p = match i {
            0..=5 => (8, i),
            6 => (8, 7),
            7 => (8, 8),
            8 => (7, 8),
            _ => (14 - i, 8),
        };
    }
    for (i, p) in second.iter_mut().enumerate() {
        *p = if i < 8 {
            (size - 1 - i, 8)
        } else {
            (8, size - 15 + i)
        };
    }
    [first, second]
}

/// Where the 18 version bits go (bit 0 first), both copies.
fn version_positions(size: usize) -> [[(usize, usize); 18]; 2] {
    let mut a = [(0, 0); 18];
    let mut b = [(0, 0); 18];
    for i in 0..18 {
        let (u, v) = (size - 11 + i % 3, i / 3);
        a[i] = (u, v);
        b[i] = (v, u);
    }
    [a, b]
}

/// The 15 format bits for a level and mask, BCH-protected and masked.
fn format_word(level: Level, mask: u8) -> u32 {
    let data = (Level::BITS[level.index()] << 3) | u32::from(mask);
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    ((data << 10) | rem) ^ 0x5412
}

/// The 18 version bits, BCH-protected.
fn version_word(version: usize) -> u32 {
    let v = version as u32;
    let mut rem = v;
    for _ in 0..12 {
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
    }
    (v << 12) | rem
}

/// Whether mask pattern `mask` flips the module at column `x`, row `y`.
#[allow(
    clippy::manual_is_multiple_of,
    reason = "the standard's formulas, as it writes them"
)]
fn masked(mask: u8, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
    }
}

/// Data modules of a version: all modules less the function patterns.
fn raw_data_modules(version: usize) -> usize {
    let mut n = (16 * version + 128) * version + 64;
    if version >= 2 {
        let align = version / 7 + 2;
        n -= (25 * align - 10) * align - 55;
        if version >= 7 {
            n -= 36;
        }
    }
    n
}

/// Reads the symbol `dark` (row by row, `width` modules a side, no quiet zone).
pub fn decode(width: usize, dark: &[bool]) -> Result<Decoded, Damage> {
    if dark.len() != width * width {
        return damage(format!(
            "{} modules for a {width}x{width} symbol",
            dark.len()
        ));
    }
    if !(21..=177).contains(&width) || !(width - 17).is_multiple_of(4) {
        return damage(format!("{width} modules a side is not a QR code size"));
    }
    let version = (width - 17) / 4;
    let layout = Layout::new(version);
    let at = |x: usize, y: usize| dark[y * width + x];

    for y in 0..width {
        for x in 0..width {
            if let Role::Fixed(expected) = layout.role(x, y)
                && at(x, y) != expected
            {
                return damage(format!(
                    "module ({x}, {y}) of a finder, timing or alignment pattern is {}",
                    if expected { "light" } else { "dark" }
                ));
            }
        }
    }

    let (level, mask) = read_format(width, &at)?;
    if version >= 7 {
        for (copy, positions) in version_positions(width).iter().enumerate() {
            let word = read_bits(positions, &at);
            if word != version_word(version) {
                return damage(format!(
                    "version information copy {} reads {word:#07x}, not version {version}",
                    copy + 1
                ));
            }
        }
    }

    let bits = read_data_bits(&layout, mask, &at);
    let total = raw_data_modules(version) / 8;
    let (codewords, remainder) = bits.split_at(total * 8);
    if remainder.iter().any(|b| *b) {
        return damage("a remainder bit after the last codeword is set");
    }
    let codewords: Vec<u8> = codewords
        .chunks(8)
        .map(|c| c.iter().fold(0u8, |acc, b| (acc << 1) | u8::from(*b)))
        .collect();
    let data = deinterleave_and_check(&codewords, version, level)?;
    let bytes = parse_segments(&data, version)?;
    Ok(Decoded {
        version,
        level,
        mask,
        bytes,
    })
}

fn read_bits(positions: &[(usize, usize)], at: &impl Fn(usize, usize) -> bool) -> u32 {
    positions
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &(x, y))| acc | (u32::from(at(x, y)) << i))
}

/// Both copies of the format information, each exactly one of the 32 valid words.
fn read_format(size: usize, at: &impl Fn(usize, usize) -> bool) -> Result<(Level, u8), Damage> {
    let [first, second] = format_positions(size);
    let a = read_bits(&first, at);
    let b = read_bits(&second, at);
    if a != b {
        return damage(format!(
            "the two copies of the format information differ ({a:#06x} and {b:#06x})"
        ));
    }
    let data = (a ^ 0x5412) >> 10;
    let level = Level::from_bits(data >> 3);
    let mask = (data & 7) as u8;
    if format_word(level, mask) != a {
        return damage(format!(
            "the format information {a:#06x} is not a valid word"
        ));
    }
    Ok((level, mask))
}

/// The masked data region read in the standard zigzag, unmasked.
fn read_data_bits(layout: &Layout, mask: u8, at: &impl Fn(usize, usize) -> bool) -> Vec<bool> {
    let size = layout.size;
    let mut bits = Vec::with_capacity(size * size);
    let mut right = size as i32 - 1;
    while right >= 1 {
        if right == 6 {
            right = 5;
        }
        let upward = ((right + 1) & 2) == 0;
        for vert in 0..size {
            let y = if upward { size - 1 - vert } else { vert };
            for dx in 0..2 {
                let x = right as usize - dx;
                if layout.role(x, y) == Role::Data {
                    bits.push(at(x, y) ^ masked(mask, x, y));
                }
            }
        }
        right -= 2;
    }
    bits
}

/// Splits the interleaved codewords into blocks, requires every block's Reed-Solomon
/// syndromes to be zero, and returns the data codewords in order.
fn deinterleave_and_check(
    codewords: &[u8],
    version: usize,
    level: Level,
) -> Result<Vec<u8>, Damage> {
    let blocks = usize::from(BLOCKS[level.index()][version]);
    let ecc = usize::from(ECC_PER_BLOCK[level.index()][version]);
    let total = codewords.len();
    let short_len = total / blocks;
    let long_blocks = total % blocks;
    let short_data = short_len - ecc;
    let mut split: Vec<Vec<u8>> = (0..blocks)
        .map(|b| Vec::with_capacity(short_len + usize::from(b >= blocks - long_blocks)))
        .collect();
    let mut it = codewords.iter().copied();
    // Data codewords go round the blocks; long blocks (the last ones) take one more.
    for i in 0..=short_data {
        for (b, block) in split.iter_mut().enumerate() {
            if i < short_data || b >= blocks - long_blocks {
                block.extend(it.next());
            }
        }
    }
    for _ in 0..ecc {
        for block in &mut split {
            block.extend(it.next());
        }
    }
    let mut data = Vec::with_capacity(total - blocks * ecc);
    for (b, block) in split.iter().enumerate() {
        if let Some(i) = (0..ecc).find(|i| syndrome(block, *i) != 0) {
            return damage(format!(
                "Reed-Solomon block {} of {blocks} has errors (syndrome {i} is not zero)",
                b + 1
            ));
        }
        data.extend_from_slice(&block[..block.len() - ecc]);
    }
    Ok(data)
}

/// The block read as a polynomial, evaluated at alpha^i in GF(256) (x^8+x^4+x^3+x^2+1).
fn syndrome(block: &[u8], i: usize) -> u8 {
    let mut alpha_i = 1u8;
    for _ in 0..i {
        alpha_i = gf_mul(alpha_i, 2);
    }
    block.iter().fold(0, |acc, &c| gf_mul(acc, alpha_i) ^ c)
}

fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut product = 0u8;
    while b != 0 {
        if b & 1 != 0 {
            product ^= a;
        }
        let carry = a & 0x80 != 0;
        a <<= 1;
        if carry {
            a ^= 0x1D;
        }
        b >>= 1;
    }
    product
}

/// Reads bits most significant first.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn left(&self) -> usize {
        self.data.len() * 8 - self.pos
    }

    fn take(&mut self, n: usize) -> Result<u32, Damage> {
        if n > self.left() {
            return damage("the data ends inside a segment");
        }
        let mut v = 0;
        for _ in 0..n {
            let bit = (self.data[self.pos / 8] >> (7 - self.pos % 8)) & 1;
            v = (v << 1) | u32::from(bit);
            self.pos += 1;
        }
        Ok(v)
    }
}

const ALPHANUMERIC: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// The segments of the data codewords as bytes, then the terminator and padding exactly
/// as the standard writes them.
fn parse_segments(data: &[u8], version: usize) -> Result<Vec<u8>, Damage> {
    let band = match version {
        1..=9 => 0,
        10..=26 => 1,
        _ => 2,
    };
    let mut bits = Bits { data, pos: 0 };
    let mut out = Vec::new();
    while bits.left() >= 4 {
        let mode = bits.take(4)?;
        match mode {
            0 => break,
            0b0001 => {
                let count = bits.take([10, 12, 14][band])? as usize;
                let mut left = count;
                while left > 0 {
                    let (digits, width) = match left {
                        1 => (1, 4),
                        2 => (2, 7),
                        _ => (3, 10),
                    };
                    let v = bits.take(width)?;
                    if v >= 10u32.pow(digits) {
                        return damage(format!("numeric group {v} has more than {digits} digits"));
                    }
                    out.extend(format!("{v:0width$}", width = digits as usize).bytes());
                    left -= digits as usize;
                }
            }
            0b0010 => {
                let count = bits.take([9, 11, 13][band])? as usize;
                for _ in 0..count / 2 {
                    let v = bits.take(11)? as usize;
                    if v >= 45 * 45 {
                        return damage(format!("alphanumeric pair {v} is out of range"));
                    }
                    out.extend([ALPHANUMERIC[v / 45], ALPHANUMERIC[v % 45]]);
                }
                if count % 2 == 1 {
                    let v = bits.take(6)? as usize;
                    let c = ALPHANUMERIC
                        .get(v)
                        .ok_or_else(|| Damage(format!("alphanumeric {v} is out of range")))?;
                    out.push(*c);
                }
            }
            0b0100 => {
                let count = bits.take([8, 16, 16][band])?;
                for _ in 0..count {
                    out.push(bits.take(8)? as u8);
                }
            }
            0b1000 => {
                // Kanji mode packs Shift JIS byte pairs; the payload is those bytes.
                let count = bits.take([8, 10, 12][band])?;
                for _ in 0..count {
                    let v = bits.take(13)?;
                    let packed = ((v / 0xC0) << 8) | (v % 0xC0);
                    let sjis = if packed < 0x1F00 {
                        packed + 0x8140
                    } else {
                        packed + 0xC140
                    };
                    out.extend([(sjis >> 8) as u8, sjis as u8]);
                }
            }
            other => return damage(format!("unexpected segment mode {other:04b}")),
        }
    }
    // After the terminator: zero bits to the byte boundary, then 0xEC 0x11 alternately.
    let to_boundary = (8 - bits.pos % 8) % 8;
    if bits.take(to_boundary.min(bits.left()))? != 0 {
        return damage("the bits after the terminator are not zero");
    }
    for (i, &pad) in data[bits.pos / 8..].iter().enumerate() {
        let expected = if i % 2 == 0 { 0xEC } else { 0x11 };
        if pad != expected {
            return damage(format!(
                "pad codeword {i} is {pad:#04x}, not {expected:#04x}"
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(payload: &[u8], level: qrcode::EcLevel) -> (usize, Vec<bool>) {
        let code = qrcode::QrCode::with_error_correction_level(payload, level).unwrap();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        (code.width(), dark)
    }

    #[test]
    fn reads_the_contact_payloads() {
        for payload in [
            "tel:+18883737888",
            "TEL:+18883737888",
            "SMSTO:233733:HELP",
            "sms:233733?body=HELP",
            "tel:911",
            "https://humantraffickinghotline.org",
        ] {
            let (w, dark) = encode(payload.as_bytes(), qrcode::EcLevel::Q);
            let d = decode(w, &dark).unwrap();
            assert_eq!(d.bytes, payload.as_bytes(), "{payload}");
            assert_eq!(d.level, Level::Q);
        }
    }

    #[test]
    fn reads_every_version_and_level_the_encoder_makes() {
        let levels = [
            (qrcode::EcLevel::L, Level::L),
            (qrcode::EcLevel::M, Level::M),
            (qrcode::EcLevel::Q, Level::Q),
            (qrcode::EcLevel::H, Level::H),
        ];
        for (ec, level) in levels {
            let mut seen = [false; 41];
            // Mixed content so numeric, alphanumeric and byte segments all occur.
            let unit = b"https://example.org/a?b=12345678901234567890&c=HELLO WORLD ";
            let mut len = 1;
            while len <= 8000 {
                let payload: Vec<u8> = unit.iter().cycle().take(len).copied().collect();
                let Ok(code) = qrcode::QrCode::with_error_correction_level(&payload, ec) else {
                    break;
                };
                let w = code.width();
                let dark: Vec<bool> = code
                    .to_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect();
                let d = decode(w, &dark).unwrap_or_else(|e| panic!("{level:?} len {len}: {e}"));
                assert_eq!(d.bytes, payload, "{level:?} len {len}");
                assert_eq!(d.level, level);
                seen[d.version] = true;
                len += 1 + len / 40;
            }
            let missing: Vec<usize> = (1..=40).filter(|v| !seen[*v]).collect();
            assert_eq!(
                missing,
                Vec::<usize>::new(),
                "{level:?}: versions never made"
            );
        }
    }

    #[test]
    fn any_single_wrong_module_is_refused() {
        for payload in [
            "tel:+18883737888",
            "SMSTO:233733:HELP",
            "https://humantraffickinghotline.org",
        ] {
            let (w, dark) = encode(payload.as_bytes(), qrcode::EcLevel::Q);
            for i in 0..dark.len() {
                let mut bad = dark.clone();
                bad[i] = !bad[i];
                assert!(
                    decode(w, &bad).is_err(),
                    "{payload}: module ({}, {}) flipped and still read",
                    i % w,
                    i / w
                );
            }
        }
    }

    #[test]
    fn reads_what_rxing_reads() {
        let (w, dark) = encode(b"SMSTO:233733:HELP", qrcode::EcLevel::Q);
        let grid: Vec<Vec<bool>> = dark.chunks(w).map(<[bool]>::to_vec).collect();
        let theirs = rxing::qrcode::decoder::qrcode_decoder::decode_bool_array(&grid).unwrap();
        let ours = decode(w, &dark).unwrap();
        assert_eq!(theirs.getText().as_bytes(), ours.bytes);
    }

    #[test]
    fn shapes_that_are_not_qr_codes_are_refused() {
        assert!(decode(21, &[false; 20]).is_err());
        assert!(decode(22, &[false; 22 * 22]).is_err());
        assert!(decode(21, &[false; 21 * 21]).is_err());
    }
}
