//! QR payloads to module matrices. The payload always comes from a contact record
//! (see [`crate::content::contacts`]); this module encodes it, then reads the symbol back
//! from the modules that will be drawn ([`decode`]) before anything uses it.

pub mod decode;
pub mod mask;

use qrcode::{Color, EcLevel};

use crate::error::Error;

/// Modules of light margin a scanner needs on every side of the symbol.
pub const QUIET_ZONE: usize = 4;

/// A QR symbol as a square of dark (`true`) and light modules, without its quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    pub width: usize,
    pub modules: Vec<bool>,
    /// What the symbol encodes, kept for alt text and checks.
    pub payload: String,
}

impl QrMatrix {
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.modules[y * self.width + x]
    }

    /// Horizontal runs of dark modules as (x, y, length): one rectangle each when drawn,
    /// which keeps the PDF small and the edges crisp.
    pub fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.width && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((start, y, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }
}

/// Encodes `payload` with error correction Q (25% of the symbol can be damaged), and
/// refuses the symbol unless it reads back perfectly (see [`verify`]).
pub fn encode(key: &str, payload: &str) -> Result<QrMatrix, Error> {
    let matrix = match encoded(payload) {
        Some(m) => m,
        None => {
            let m = encode_new(key, payload)?;
            remember(&m);
            m
        }
    };
    // Every document's code is read back, however it was made: a cache must not be
    // trusted either.
    verify(key, &matrix)?;
    Ok(matrix)
}

/// Symbols made so far in this process, by payload: a build prints the same few codes on
/// every document, and choosing a symbol's mask (the encoder's costliest step, a tenth of
/// a card's CPU) then happens once per code rather than once per document.
fn made() -> &'static std::sync::Mutex<std::collections::HashMap<String, QrMatrix>> {
    static MADE: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<String, QrMatrix>>,
    > = std::sync::OnceLock::new();
    MADE.get_or_init(Default::default)
}

fn encoded(payload: &str) -> Option<QrMatrix> {
    // A map whose holder panicked is still whole: an insert is its only write.
    let map = made().lock().unwrap_or_else(|e| e.into_inner());
    map.get(payload).cloned()
}

fn remember(m: &QrMatrix) {
    let mut map = made().lock().unwrap_or_else(|e| e.into_inner());
    map.insert(m.payload.clone(), m.clone());
}

fn encode_new(key: &str, payload: &str) -> Result<QrMatrix, Error> {
    // qrcode's symbol, its mask chosen by a faster scorer of the same rules (`mask`).
    let (width, colors) = mask::encode(payload.as_bytes(), EcLevel::Q).map_err(|e| Error::Qr {
        key: key.to_string(),
        payload: payload.to_string(),
        message: e.to_string(),
    })?;
    let modules = colors.into_iter().map(|c| c == Color::Dark).collect();
    let matrix = QrMatrix {
        width,
        modules,
        payload: payload.to_string(),
    };
    Ok(matrix)
}

/// Reads `matrix` back from the rectangles the renderer draws ([`QrMatrix::dark_runs`]):
/// it must be a perfect level-Q symbol, every module right, holding exactly its payload.
/// A printed code that dials a wrong number is the worst failure this tool can have, so
/// the encoder is not taken on trust.
pub fn verify(key: &str, matrix: &QrMatrix) -> Result<(), Error> {
    let refuse = |message: String| Error::Qr {
        key: key.to_string(),
        payload: matrix.payload.clone(),
        message,
    };
    let drawn = drawn_modules(matrix);
    let read = decode::decode(matrix.width, &drawn)
        .map_err(|damage| refuse(format!("the drawn symbol does not read back: {damage}")))?;
    if read.level != decode::Level::Q {
        return Err(refuse(format!(
            "the drawn symbol has error correction {:?}, not Q",
            read.level
        )));
    }
    if read.bytes != matrix.payload.as_bytes() {
        return Err(refuse(format!(
            "the drawn symbol reads back as \"{}\"",
            String::from_utf8_lossy(&read.bytes)
        )));
    }
    Ok(())
}

/// The module grid as the dark runs paint it.
fn drawn_modules(matrix: &QrMatrix) -> Vec<bool> {
    let w = matrix.width;
    let mut grid = vec![false; w * w];
    for (x, y, len) in matrix.dark_runs() {
        for cell in grid.iter_mut().skip(y * w + x).take(len) {
            *cell = true;
        }
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotline_payload_makes_a_small_symbol() {
        let m = encode("hotline", "tel:+18883737888").unwrap();
        // Version 1 (21 modules) at level Q: "tel:+" in byte mode and the digits in
        // numeric mode fit, so a 20.5 mm card symbol has modules of almost 1 mm.
        assert_eq!(m.width, 21);
        assert_eq!(m.modules.len(), 21 * 21);
        // Finder pattern corners are dark.
        assert!(m.is_dark(0, 0) && m.is_dark(20, 0) && m.is_dark(0, 20));
    }

    #[test]
    fn a_symbol_with_one_wrong_module_is_refused() {
        let good = encode("hotline", "tel:+18883737888").unwrap();
        assert_eq!(verify("hotline", &good).ok(), Some(()));
        let mut bad = good.clone();
        // A data module well inside the symbol, away from every fixed pattern.
        bad.modules[12 * bad.width + 12] ^= true;
        let err = verify("hotline", &bad).unwrap_err().to_string();
        assert!(
            err.contains("contact `hotline`") && err.contains("does not read back"),
            "{err}"
        );
    }

    #[test]
    fn a_symbol_for_another_payload_is_refused() {
        let mut m = encode("hotline", "tel:+18883737889").unwrap();
        m.payload = "tel:+18883737888".into();
        let err = verify("hotline", &m).unwrap_err().to_string();
        assert!(err.contains("reads back as \"tel:+18883737889\""), "{err}");
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let m = encode("textline", "SMSTO:233733:HELP").unwrap();
        let dark: usize = m.modules.iter().filter(|d| **d).count();
        let covered: usize = m.dark_runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, covered);
    }
}
