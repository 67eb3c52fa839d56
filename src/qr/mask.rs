//! A QR symbol made with the mask the `qrcode` crate chooses, chosen at a fraction of the
//! cost.
//!
//! qrcode 0.14 scores each of the eight masks by ISO 18004's four penalty rules over a grid
//! of enum modules, boxing a closure for every window of the finder rule: about 2.3 M
//! instructions a version-1 symbol, a tenth of a whole one-card process. Here qrcode still
//! encodes the bits, computes the error correction, draws every pattern and applies each
//! mask (its own `apply_mask`, format information included); only the scoring is redone,
//! over a grid of booleans, with qrcode's exact rules and arithmetic (each quirk is named at
//! its rule), so the symbol is the one qrcode makes, module for module. The tests compare
//! the two over thousands of payloads, versions and levels, and every symbol a document
//! prints is read back anyway ([`super::verify`]).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, QrResult, Version, bits, ec};

/// qrcode's order: on equal scores the first mask wins (`Iterator::min_by_key`).
const PATTERNS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// What `QrCode::with_error_correction_level(data, level)` makes: the symbol's width and
/// its modules, row by row.
pub fn encode(data: &[u8], level: EcLevel) -> QrResult<(usize, Vec<Color>)> {
    let bits = bits::encode_auto(data, level)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).unwrap_or(0);
    let chosen = match version {
        // Micro symbols are scored by another rule; `encode_auto` never makes one.
        Version::Micro(_) => canvas.apply_best_mask(),
        Version::Normal(_) => best_of(&canvas, width),
    };
    Ok((width, chosen.into_colors()))
}

/// The masked canvas with the lowest penalty, the first of equals.
fn best_of(canvas: &Canvas, width: usize) -> Canvas {
    let mut best: Option<(u16, Canvas)> = None;
    let mut dark = vec![false; width * width];
    for pattern in PATTERNS {
        let mut masked = canvas.clone();
        masked.apply_mask(pattern);
        for (i, d) in dark.iter_mut().enumerate() {
            // Widths are at most 177, so the coordinates fit in i16.
            *d = masked.get((i % width) as i16, (i / width) as i16).is_dark();
        }
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, masked));
        }
    }
    best.map_or_else(|| canvas.apply_best_mask(), |(_, c)| c)
}

/// qrcode's total penalty of a masked symbol (`Canvas::compute_total_penalty_scores`),
/// in its `u16` arithmetic, which wraps in a release build.
pub fn penalty(dark: &[bool], width: usize) -> u16 {
    let row = |i: usize| move |j: usize| dark[i * width + j];
    let column = |i: usize| move |j: usize| dark[j * width + i];
    let mut total = 0u16;
    for i in 0..width {
        total = total
            .wrapping_add(runs(width, row(i)))
            .wrapping_add(runs(width, column(i)));
    }
    total = total.wrapping_add(blocks(dark, width));
    let mut finders = 0u16;
    let mut finders_down = 0u16;
    for i in 0..width {
        finders = finders.wrapping_add(finder_like(width, row(i)));
        finders_down = finders_down.wrapping_add(finder_like(width, column(i)));
    }
    // qrcode takes 360 off each direction: the three finder patterns themselves.
    total = total
        .wrapping_add(finders.wrapping_sub(360))
        .wrapping_add(finders_down.wrapping_sub(360));
    total.wrapping_add(balance(dark))
}

/// Rule 1: each run of five or more modules of one colour in a line scores its length
/// less two.
fn runs(width: usize, at: impl Fn(usize) -> bool) -> u16 {
    let mut score = 0u16;
    let mut len = 0u16;
    for j in 0..width {
        if j > 0 && at(j) == at(j - 1) {
            len += 1;
        } else {
            if len >= 5 {
                score = score.wrapping_add(len - 2);
            }
            len = 1;
        }
    }
    if len >= 5 {
        score = score.wrapping_add(len - 2);
    }
    score
}

/// Rule 2: 3 for each 2x2 square of one colour, overlapping squares each counted.
fn blocks(dark: &[bool], width: usize) -> u16 {
    let mut score = 0u16;
    for y in 0..width.saturating_sub(1) {
        for x in 0..width - 1 {
            let c = dark[y * width + x];
            if dark[y * width + x + 1] == c
                && dark[(y + 1) * width + x] == c
                && dark[(y + 1) * width + x + 1] == c
            {
                score = score.wrapping_add(3);
            }
        }
    }
    score
}

/// Rule 3 as qrcode counts it: 40 for each dark-light-dark-dark-dark-light-dark window
/// (the finder's 1:1:3:1:1) with no dark module in the four before it or no dark module in
/// the four after it, the symbol's edge counting as light.
fn finder_like(width: usize, at: impl Fn(usize) -> bool) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0u16;
    for j in 0..width.saturating_sub(6) {
        if (0..7).any(|k| at(j + k) != PATTERN[k]) {
            continue;
        }
        let light_before = (j.saturating_sub(4)..j).all(|k| !at(k));
        let light_after = (j + 7..(j + 11).min(width)).all(|k| !at(k));
        if light_before || light_after {
            score = score.wrapping_add(40);
        }
    }
    score
}

/// Rule 4 as qrcode counts it: the dark share in halves of a percent (integer division)
/// away from half, not rounded to steps of 5 % as the standard says.
fn balance(dark: &[bool]) -> u16 {
    let n = dark.iter().filter(|d| **d).count();
    let ratio = n * 200 / dark.len().max(1);
    let off = ratio.abs_diff(100);
    u16::try_from(off).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    /// Payloads of every mode and many lengths, from a fixed seed: digits (numeric mode),
    /// upper-case letters and signs (alphanumeric), any bytes, and the URIs a card prints.
    fn payloads() -> Vec<Vec<u8>> {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabets: [&[u8]; 4] = [
            b"0123456789",
            b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
            b"abcdefghijklmnopqrstuvwxyz0123456789:+-?=&/ ",
            &[],
        ];
        let mut out = vec![
            b"tel:+18883737888".to_vec(),
            b"sms:233733?body=HELP".to_vec(),
            b"SMSTO:233733:HELP".to_vec(),
            b"tel:911".to_vec(),
            b"https://humantraffickinghotline.org".to_vec(),
        ];
        for len in (1..=90).chain((100..=400).step_by(25)) {
            for alphabet in alphabets {
                out.push(
                    (0..len)
                        .map(|_| {
                            let r = next();
                            if alphabet.is_empty() {
                                r as u8
                            } else {
                                alphabet[(r % alphabet.len() as u64) as usize]
                            }
                        })
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn the_same_symbol_as_qrcode_over_every_mode_version_and_level() {
        let mut masks = [0usize; 8];
        let mut versions = std::collections::BTreeSet::new();
        let mut symbols = 0;
        for payload in payloads() {
            for level in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
                let Ok(code) = QrCode::with_error_correction_level(&payload, level) else {
                    assert!(encode(&payload, level).is_err());
                    continue;
                };
                let (width, modules) = encode(&payload, level).unwrap();
                assert_eq!(width, code.width());
                assert!(
                    modules == code.to_colors(),
                    "{level:?} {:?}: another symbol than qrcode's",
                    String::from_utf8_lossy(&payload)
                );
                let dark: Vec<bool> = modules.iter().map(|c| *c == Color::Dark).collect();
                let read = crate::qr::decode::decode(width, &dark).unwrap();
                assert_eq!(read.bytes, payload);
                masks[usize::from(read.mask)] += 1;
                versions.insert(width);
                symbols += 1;
            }
        }
        // The comparison means something only if every mask won somewhere.
        assert!(masks.iter().all(|n| *n > 0), "masks chosen: {masks:?}");
        assert!(versions.len() >= 15, "widths: {versions:?}");
        assert!(symbols > 1000, "{symbols} symbols");
    }

    #[test]
    fn the_penalty_is_qrcodes_on_a_known_grid() {
        // A 21-module all-light grid: 21 runs of 21 in each direction (19 each), 400 light
        // squares (3 each), no finder-like window (-360 twice, wrapped), balance 100.
        let dark = vec![false; 21 * 21];
        let expected = (42u16 * 19 + 400 * 3 + 100).wrapping_sub(720);
        assert_eq!(penalty(&dark, 21), expected);
    }
}
