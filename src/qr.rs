//! QR payloads to module matrices. The payload always comes from a contact record
//! (see [`crate::content::contacts`]); this module only encodes it.

use qrcode::{Color, EcLevel, QrCode};

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

/// Encodes `payload` with error correction Q (25% of the symbol can be damaged).
pub fn encode(key: &str, payload: &str) -> Result<QrMatrix, Error> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::Q).map_err(|e| {
            Error::Qr {
                key: key.to_string(),
                payload: payload.to_string(),
                message: e.to_string(),
            }
        })?;
    let width = code.width();
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(QrMatrix {
        width,
        modules,
        payload: payload.to_string(),
    })
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
    fn runs_cover_exactly_the_dark_modules() {
        let m = encode("textline", "SMSTO:233733:HELP").unwrap();
        let dark: usize = m.modules.iter().filter(|d| **d).count();
        let covered: usize = m.dark_runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, covered);
    }
}
