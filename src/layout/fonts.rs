//! The bundled fonts, registered once per process with the text layout engine.
//!
//! No system font is ever looked up: what prints is what ships in `fonts/`.

use std::sync::Arc;

use parley::fontique::Blob;
use parley::{FontContext, LayoutContext};

use crate::types::Rgb;

/// A font file shipped with bridgeprint, compiled into the binary so a build works from
/// any folder, offline.
pub struct BundledFont {
    pub file: &'static str,
    pub data: &'static [u8],
}

macro_rules! bundled {
    ($($file:literal),* $(,)?) => {
        [$(BundledFont { file: $file, data: include_bytes!(concat!("../../fonts/", $file)) }),*]
    };
}

/// Every bundled font, OFL; see `fonts/README.md` for versions and `fonts/OFL.txt`.
/// CJK comes as two collections, Regular and Bold, each with the JP, KR, SC, TC and HK
/// faces: a bold CJK heading is drawn from the Bold outlines, not thickened Regular ones
/// (which fill in dense characters such as 國 and 熱).
pub const BUNDLED: [BundledFont; 10] = bundled![
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansThai-Bold.ttf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
];

/// Tried after a locale's own families, in this order, so a character of any bundled
/// script finds a font: a Latin brand name inside Chinese, a number inside Arabic.
pub const FALLBACK: [&str; 5] = [
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Noto Sans Thai",
    "Noto Sans CJK SC",
];

/// The full fallback stack for a locale that prefers `preferred` (first wins), with
/// `extra` (fonts added with `--font-dir`) last.
pub fn stack(preferred: &[String], extra: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let all = preferred
        .iter()
        .map(String::as_str)
        .chain(FALLBACK)
        .chain(extra.iter().map(String::as_str));
    for f in all {
        if !out.iter().any(|o| o == f) {
            out.push(f.to_string());
        }
    }
    out
}

/// `--font-dir` files larger than this are refused, as each is held in memory whole. The
/// largest bundled font, the CJK Bold collection of five faces, is 20 MB; 64 MiB is three
/// times that, room for any single-weight font or collection, while a file past it is a
/// collection of every weight (of which a build uses one or two) or not a font at all.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The layout engine's state: the registered fonts and reusable scratch space.
pub struct Fonts {
    pub(crate) fcx: FontContext,
    pub(crate) lcx: LayoutContext<Rgb>,
    /// Families added with `--font-dir`, tried after the bundled ones.
    pub(crate) extra: Vec<String>,
    /// Glyph outline bounds, so checking where ink lands costs a lookup per glyph.
    pub(crate) ink: super::ink::InkCache,
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
            extra: Vec::new(),
            ink: super::ink::InkCache::default(),
        }
    }

    /// Adds every font file (`.ttf`, `.otf`, `.ttc`, `.otc`) in `dir` and the folders
    /// inside it (a project keeps families in folders of their own), in path order so
    /// builds stay reproducible; `dir` may also be one font file. A file with a font
    /// extension that is not a font is an error naming it; other files are ignored, and
    /// links to folders are not followed (no loop, nothing outside the folder given).
    pub fn add_dir(&mut self, dir: &std::path::Path) -> Result<Vec<String>, crate::Error> {
        let read_err = |source| crate::Error::Read {
            path: dir.to_path_buf(),
            source,
        };
        let meta = std::fs::metadata(dir).map_err(read_err)?;
        let mut paths = if meta.is_file() {
            vec![dir.to_path_buf()]
        } else {
            font_files(dir).map_err(read_err)?
        };
        paths.sort();
        let mut families = Vec::new();
        for path in paths {
            let bytes = crate::input::read_limited(&path, MAX_FONT_BYTES, "a font file")?;
            let added = self
                .fcx
                .collection
                .register_fonts(Blob::new(Arc::new(bytes)), None);
            if added.is_empty() {
                return Err(crate::Error::Read {
                    path,
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "not a font this tool can read (TrueType or OpenType)",
                    ),
                });
            }
            for (id, _) in added {
                if let Some(name) = self.fcx.collection.family_name(id) {
                    families.push(name.to_string());
                }
            }
        }
        for f in &families {
            if !self.extra.contains(f) {
                self.extra.push(f.clone());
            }
        }
        Ok(families)
    }

    /// Another thread's working copy: the same registered fonts (their data shared, their
    /// blob ids the same, so the PDF writer's cache and every output stay as they are)
    /// with scratch space of its own.
    pub fn fork(&self) -> Fonts {
        Fonts {
            fcx: self.fcx.clone(),
            lcx: LayoutContext::new(),
            extra: self.extra.clone(),
            ink: super::ink::InkCache::default(),
        }
    }

    /// Where each glyph of `run` prints ink, from the font's outlines (see [`super::ink`]).
    pub fn glyph_ink(&mut self, run: &super::GlyphRun) -> Vec<Option<super::ink::InkBox>> {
        self.ink.glyphs(run)
    }

    /// Whether a family of this name is registered.
    pub fn has_family(&mut self, name: &str) -> bool {
        self.fcx.collection.family_id(name).is_some()
    }
}

/// The entries named like font files under `dir`, its sub-folders included (a link to a
/// folder is not followed).
fn font_files(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let is_font = |p: &std::path::Path| {
        p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            )
        })
    };
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                todo.push(path);
            } else if is_font(&path) {
                // Whatever it is (a FIFO, a link), the reader names it if it is no font file.
                out.push(path);
            }
        }
    }
    Ok(out)
}

impl Default for Fonts {
    fn default() -> Self {
        Self::new()
    }
}
