//! The bundled fonts, registered once per process with the text layout engine.
//!
//! No system font is ever looked up: what prints is what ships in `fonts/`.

use std::sync::Arc;

use parley::fontique::Blob;
use parley::{FontContext, LayoutContext};

use crate::compose::Rgb;

/// A font file shipped with bridgeprint, compiled into the binary so a build works from
/// any folder, offline.
pub struct BundledFont {
    pub file: &'static str,
    pub data: &'static [u8],
}

/// Noto Sans (Latin, Greek, Cyrillic, Vietnamese), OFL; licence in `fonts/OFL.txt`.
pub const BUNDLED: [BundledFont; 2] = [
    BundledFont {
        file: "NotoSans-Regular.ttf",
        data: include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    },
    BundledFont {
        file: "NotoSans-Bold.ttf",
        data: include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    },
];

/// The family every text is set in, first in the fallback stack.
pub const FAMILY: &str = "Noto Sans";

/// The layout engine's state: the registered fonts and reusable scratch space.
pub struct Fonts {
    pub(crate) fcx: FontContext,
    pub(crate) lcx: LayoutContext<Rgb>,
}

impl Fonts {
    /// Registers the bundled fonts. Parsing happens once; every document reuses it.
    pub fn new() -> Self {
        let mut fcx = FontContext::new();
        for font in &BUNDLED {
            fcx.collection
                .register_fonts(Blob::new(Arc::new(font.data)), None);
        }
        Fonts {
            fcx,
            lcx: LayoutContext::new(),
        }
    }
}

impl Default for Fonts {
    fn default() -> Self {
        Self::new()
    }
}
