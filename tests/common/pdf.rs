//! Pure-Rust PDF inspection for integration tests: page geometry, QR codes and
//! extracted text, so the test suite needs no system tools (poppler, zbar, ...).
//!
//! Everything goes through hayro (parsing, interpretation, rasterization) and
//! rxing (QR decoding). Malformed input panics with a message: this is test code.

use hayro::hayro_interpret::font::{Glyph, GlyphRun};
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, TransformExt, interpret_page,
};
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::object::Rect as PdfRect;
use hayro::hayro_syntax::object::dict::keys::TRIM_BOX;
use hayro::hayro_syntax::page::Page;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

/// Millimetres per PDF point (1 pt = 1/72 in).
const MM_PER_PT: f64 = 25.4 / 72.0;

/// Baselines closer than this fraction of the font size belong to one line.
const LINE_TOLERANCE_EM: f64 = 1.0 / 3.0;

/// A horizontal gap wider than this fraction of the font size reads as a space.
const SPACE_GAP_EM: f64 = 0.25;

/// Advance assumed when a font reports none (Type 3 fonts, broken width tables).
const FALLBACK_ADVANCE_EM: f64 = 0.5;

/// Page geometry in millimetres (width, height).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageBoxes {
    pub media_mm: (f32, f32),
    /// TrimBox, defaulting to the CropBox, then the MediaBox, as the PDF spec says.
    pub trim_mm: (f32, f32),
}

/// One glyph as drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Unicode from the font's ToUnicode CMap (or glyph names); U+FFFD when unmappable.
    pub text: String,
    /// Baseline origin in PDF points, origin at the top-left of the visible page
    /// (crop box), y growing downwards.
    pub origin: (f64, f64),
    /// The baseline of the line the glyph belongs to: its own, or for a combining mark
    /// drawn above or below a letter, that letter's.
    pub line_y: f64,
    /// Em size in points on the page (font size after all transforms).
    pub size: f64,
    /// Horizontal advance in points (from the PDF width table).
    pub advance: f64,
    /// Glyph id in the font program; `None` for Type 3 glyphs, which hayro does not expose.
    pub glyph_id: Option<u32>,
    /// False for text render mode 3/7 (invisible or clip-only text).
    pub visible: bool,
    /// The /Lang of the innermost marked content around it that has one.
    pub lang: Option<String>,
    /// The /MCID of the innermost marked content around it that has one: what ties it
    /// to its element in the structure tree.
    pub mcid: Option<i32>,
    /// Inside an /Artifact sequence: furniture a screen reader skips.
    pub artifact: bool,
}

/// Number of pages in the document.
pub fn page_count(pdf: &[u8]) -> usize {
    load(pdf).pages().len()
}

/// MediaBox and TrimBox size of every page, in millimetres.
pub fn page_boxes(pdf: &[u8]) -> Vec<PageBoxes> {
    let doc = load(pdf);
    doc.pages()
        .iter()
        .map(|page| {
            // hayro resolves inherited MediaBox/CropBox but has no TrimBox accessor;
            // TrimBox is not inheritable, so the page dictionary alone is enough.
            let trim = page
                .raw()
                .get::<PdfRect>(TRIM_BOX)
                .unwrap_or_else(|| page.intersected_crop_box());
            PageBoxes {
                media_mm: size_mm(page.media_box()),
                trim_mm: size_mm(trim),
            }
        })
        .collect()
}

/// A page rendered to 8-bit grey, white where nothing is drawn.
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// Every page rasterized at `dpi` by hayro (pure Rust: the same pixels on every machine).
pub fn render_gray(pdf: &[u8], dpi: f32) -> Vec<Gray> {
    let doc = load(pdf);
    let cache = RenderCache::new();
    let pixmap_settings = PixmapSettings {
        x_scale: dpi / 72.0,
        y_scale: dpi / 72.0,
        bg_color: WHITE,
    };
    doc.pages()
        .iter()
        .map(|page| {
            let pixmap = hayro::render(
                page,
                &cache,
                &InterpreterSettings::default(),
                &RenderSettings::default(),
                &pixmap_settings,
            );
            Gray {
                width: u32::from(pixmap.width()),
                height: u32::from(pixmap.height()),
                pixels: pixmap
                    .data()
                    .iter()
                    .map(|px| luma(px.r, px.g, px.b, px.a))
                    .collect(),
            }
        })
        .collect()
}

/// Every QR code on every page, rasterized at `dpi`; payloads sorted per page.
pub fn qr_payloads(pdf: &[u8], dpi: f32) -> Vec<Vec<String>> {
    render_gray(pdf, dpi)
        .into_iter()
        .enumerate()
        .map(|(index, page)| {
            // rxing reports "nothing found" as an error rather than an empty list.
            let mut payloads: Vec<String> =
                match rxing::helpers::detect_multiple_in_luma(page.pixels, page.width, page.height)
                {
                    Ok(results) => results.iter().map(|r| r.getText().to_owned()).collect(),
                    Err(rxing::Exceptions::NotFoundException(_)) => Vec::new(),
                    Err(err) => panic!("QR decoding failed on page {}: {err}", index + 1),
                };
            payloads.sort();
            payloads
        })
        .collect()
}

/// A QR code found on a page: what it encodes and where, in PDF points from the page's
/// top-left (y down): the mean of the points the decoder located it by (its finder
/// patterns), the same point of every upright code of one size.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQr {
    pub payload: String,
    pub at: (f64, f64),
}

/// Every QR code on every page, rasterized at `dpi`, with where it is.
pub fn qr_codes(pdf: &[u8], dpi: f32) -> Vec<Vec<FoundQr>> {
    let pt = 72.0 / f64::from(dpi);
    render_gray(pdf, dpi)
        .into_iter()
        .enumerate()
        .map(|(index, page)| {
            match rxing::helpers::detect_multiple_in_luma(page.pixels, page.width, page.height) {
                Ok(results) => results
                    .iter()
                    .map(|r| {
                        let points = r.getPoints();
                        let n = points.len().max(1) as f64;
                        let x = points.iter().map(|p| f64::from(p.x)).sum::<f64>() / n;
                        let y = points.iter().map(|p| f64::from(p.y)).sum::<f64>() / n;
                        FoundQr {
                            payload: r.getText().to_owned(),
                            at: (x * pt, y * pt),
                        }
                    })
                    .collect(),
                Err(rxing::Exceptions::NotFoundException(_)) => Vec::new(),
                Err(err) => panic!("QR decoding failed on page {}: {err}", index + 1),
            }
        })
        .collect()
}

/// Text of every page in reading order: lines top to bottom, glyphs left to right,
/// lines joined with '\n' and trailing whitespace trimmed from each line.
///
/// Lines are grouped by baseline only, so side-by-side columns merge into one line,
/// and rotated or vertical text is not handled. Right-to-left scripts come out in
/// visual (left-to-right) order, not logical order: no bidi reordering is done yet.
pub fn page_text(pdf: &[u8]) -> Vec<String> {
    page_glyphs(pdf)
        .iter()
        .map(|glyphs| reading_order(glyphs))
        .collect()
}

/// Text of every page in reading order, keeping only glyphs tagged with language `lang`.
pub fn page_text_in(pdf: &[u8], lang: &str) -> Vec<String> {
    page_glyphs(pdf)
        .into_iter()
        .map(|glyphs| {
            let tagged: Vec<PlacedGlyph> = glyphs
                .into_iter()
                .filter(|g| g.lang.as_deref() == Some(lang))
                .collect();
            reading_order(&tagged)
        })
        .collect()
}

/// Number of visible .notdef glyphs (glyph id 0, the "tofu" box) in the document:
/// non-zero means some text was set in a font lacking its characters.
///
/// Type 3 glyphs are not counted, as hayro does not expose their glyph id.
pub fn notdef_glyphs(pdf: &[u8]) -> usize {
    page_glyphs(pdf)
        .iter()
        .flatten()
        .filter(|g| g.visible && g.glyph_id == Some(0))
        .count()
}

/// Every glyph drawn on every page, in content-stream order.
pub fn page_glyphs(pdf: &[u8]) -> Vec<Vec<PlacedGlyph>> {
    let doc = load(pdf);
    let cache = InterpreterCache::new();
    doc.pages()
        .iter()
        .map(|page| collect_glyphs(page, &cache))
        .collect()
}

/// Each page's content stream, decoded (filters undone, several streams joined): the
/// operators as the PDF writer wrote them.
pub fn page_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let doc = load(pdf);
    doc.pages()
        .iter()
        .map(|page| page.page_stream().unwrap_or_default().to_vec())
        .collect()
}

fn load(pdf: &[u8]) -> Pdf {
    // hayro wants owned data; copying is cheap next to interpreting the file.
    Pdf::new(pdf.to_vec()).unwrap_or_else(|err| panic!("not a readable PDF: {err:?}"))
}

fn size_mm(rect: PdfRect) -> (f32, f32) {
    (
        (rect.width() * MM_PER_PT) as f32,
        (rect.height() * MM_PER_PT) as f32,
    )
}

/// Rec. 601 luma of a premultiplied pixel composited over white.
fn luma(r: u8, g: u8, b: u8, a: u8) -> u8 {
    // Premultiplied over white: c + (1 - alpha) * 255.
    let over_white = |c: u8| u32::from(c) + 255 - u32::from(a);
    let y = (299 * over_white(r) + 587 * over_white(g) + 114 * over_white(b)) / 1000;
    y.min(255) as u8
}

/// Interprets one page with a device that records glyphs instead of painting.
fn collect_glyphs<'a>(page: &'a Page<'a>, cache: &InterpreterCache<'a>) -> Vec<PlacedGlyph> {
    let (width, height) = page.render_dimensions();
    // Same set-up as hayro's render_into at scale 1: device space is points, y down.
    let mut context = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        cache,
        page.xref(),
        InterpreterSettings::default(),
    );
    let mut collector = GlyphCollector::default();
    interpret_page(page, &mut context, &mut collector);
    collector.glyphs
}

/// A [`Device`] that keeps glyphs and ignores all other drawing.
#[derive(Default)]
struct GlyphCollector {
    glyphs: Vec<PlacedGlyph>,
    /// Origins of the last filled run: fill-then-stroke text (render mode 2) reaches
    /// the device twice, and the stroke pass must not duplicate the text.
    last_fill: Vec<(f64, f64)>,
    /// Baseline of the last glyph that is not a combining mark: a mark sits above or
    /// below its base and belongs to the base's line.
    last_base_y: Option<f64>,
    /// Open marked-content sequences, innermost last.
    marked: Vec<Marked>,
}

/// What a marked-content sequence says about the text in it.
struct Marked {
    /// /ActualText, and whether a glyph has already taken it.
    actual: Option<(String, bool)>,
    lang: Option<String>,
    mcid: Option<i32>,
    artifact: bool,
}

/// A PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (close enough
/// to Latin-1 for the texts a test meets).
pub fn text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Combining marks of the bundled scripts (Latin, Arabic, Devanagari, Thai): drawn offset
/// from the baseline, read as part of the letter before them.
fn is_mark(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(c as u32,
                0x0300..=0x036F
                | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
                | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
                | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E)
        })
}

impl GlyphCollector {
    fn record(&mut self, run: &GlyphRun<'_, '_>, base: Affine, visible: bool) {
        for glyph in run.glyphs() {
            // Glyph space is 1000 units per em; the glyph transform maps it to user space.
            let transform = base * glyph.transform();
            let origin = transform * Point::ORIGIN;
            // The em is measured along glyph-space y, which the width-fitting stretch
            // hayro applies along x leaves untouched.
            let [_, _, c, d, _, _] = transform.as_coeffs();
            let size = 1000.0 * c.hypot(d);
            let (glyph_id, advance_units) = match &**glyph {
                Glyph::Outline(outline) => (
                    Some(outline.glyph_id().to_u32()),
                    outline.advance_width().map(f64::from),
                ),
                // Type 3 widths are in the font's own glyph space, not 1/1000 em.
                Glyph::Type3(_) => (None, None),
            };
            let advance = advance_units.map_or(FALLBACK_ADVANCE_EM * size, |w| w / 1000.0 * size);
            // Inside /ActualText, the first glyph stands for the whole text and the others
            // for nothing, as a reader's copy and paste does.
            let lang = self.marked.iter().rev().find_map(|m| m.lang.clone());
            let mcid = self.marked.iter().rev().find_map(|m| m.mcid);
            let artifact = self.marked.iter().any(|m| m.artifact);
            let actual = self.marked.iter_mut().rev().find_map(|m| m.actual.as_mut());
            let text = match (actual, glyph.as_unicode()) {
                (Some((actual, taken)), _) => {
                    let text = if *taken {
                        String::new()
                    } else {
                        actual.clone()
                    };
                    *taken = true;
                    text
                }
                (None, Some(BfString::Char(c))) => c.to_string(),
                (None, Some(BfString::String(s))) => s,
                (None, None) => char::REPLACEMENT_CHARACTER.to_string(),
            };
            let line_y = match self.last_base_y {
                Some(y) if is_mark(&text) => y,
                _ => origin.y,
            };
            if !is_mark(&text) {
                self.last_base_y = Some(origin.y);
            }
            self.glyphs.push(PlacedGlyph {
                text,
                origin: (origin.x, origin.y),
                line_y,
                size,
                advance,
                glyph_id,
                visible,
                lang,
                mcid,
                artifact,
            });
        }
    }
}

impl<'a> Device<'a> for GlyphCollector {
    fn draw_glyph_run(
        &mut self,
        glyph_run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        let origins: Vec<(f64, f64)> = glyph_run
            .glyphs()
            .iter()
            .map(|g| {
                let p = props.transform * g.transform() * Point::ORIGIN;
                (p.x, p.y)
            })
            .collect();
        match draw_mode {
            DrawMode::Stroke(_) if origins == self.last_fill => {}
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) => {
                self.record(glyph_run, props.transform, true);
                self.last_fill = origins;
            }
            DrawMode::Stroke(_) => self.record(glyph_run, props.transform, true),
            DrawMode::Invisible => self.record(glyph_run, props.transform, false),
        }
    }

    fn begin_marked_content(
        &mut self,
        tag: &[u8],
        properties: Option<&hayro::hayro_syntax::object::Dict<'_>>,
    ) {
        use hayro::hayro_syntax::object::String as PdfString;
        let get = |key: &[u8]| {
            properties
                .and_then(|p| p.get::<PdfString>(key))
                .map(|s| text_string(s.as_bytes()))
        };
        self.marked.push(Marked {
            actual: get(b"ActualText").map(|t| (t, false)),
            lang: get(b"Lang"),
            mcid: properties.and_then(|p| p.get::<i32>(b"MCID")),
            artifact: tag == b"Artifact",
        });
    }

    fn end_marked_content(&mut self) {
        self.marked.pop();
    }

    // Nothing else matters for text extraction.
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Orders glyphs into lines and words the way a reader's text extraction would.
/// Turns a visual-order line into reading order the way a PDF reader does for mixed
/// text: a line with right-to-left letters is reversed, then each run of left-to-right
/// text inside it (numbers, Latin words, with the separators between them) is put back.
/// A right-to-left glyph that stands for several characters (lam-alef, a letter with its
/// vowel mark) carries them reversed, as the writer marks such runs /ReversedChars, so its
/// characters are reversed with the line.
fn logical_order(tokens: &mut [String]) {
    #[derive(Clone, Copy, PartialEq)]
    enum Class {
        L,
        R,
        N,
    }
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    let class = |t: &str| {
        if t.chars().any(rtl) {
            Class::R
        } else if t.chars().any(char::is_alphanumeric) {
            Class::L
        } else {
            Class::N
        }
    };
    if !tokens.iter().any(|t| class(t) == Class::R) {
        return;
    }
    tokens.reverse();
    let classes: Vec<Class> = tokens.iter().map(|t| class(t)).collect();
    for (token, class) in tokens.iter_mut().zip(&classes) {
        if *class == Class::R {
            *token = token.chars().rev().collect();
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        if classes[i] != Class::L {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut k = i;
        while k + 1 < tokens.len() && classes[k + 1] != Class::R {
            k += 1;
            if classes[k] == Class::L {
                end = k;
            }
        }
        tokens[i..=end].reverse();
        i = end + 1;
    }
}

fn reading_order(glyphs: &[PlacedGlyph]) -> String {
    let mut sorted: Vec<&PlacedGlyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| a.line_y.total_cmp(&b.line_y));

    // Each line is anchored at its first (topmost) baseline so that slowly drifting
    // baselines cannot chain unrelated lines together.
    let mut lines: Vec<(f64, f64, Vec<&PlacedGlyph>)> = Vec::new();
    for glyph in sorted {
        match lines.last_mut() {
            Some((baseline, size, members))
                if (glyph.line_y - *baseline).abs() <= size.max(glyph.size) * LINE_TOLERANCE_EM =>
            {
                *size = size.max(glyph.size);
                members.push(glyph);
            }
            _ => lines.push((glyph.line_y, glyph.size, vec![glyph])),
        }
    }

    lines
        .into_iter()
        .map(|(_, _, mut members)| {
            members.sort_by(|a, b| a.origin.0.total_cmp(&b.origin.0));
            // Tokens in visual order: each glyph's text, and a space where a gap shows one.
            let mut tokens: Vec<String> = Vec::new();
            let mut previous: Option<&PlacedGlyph> = None;
            for glyph in members {
                if let Some(prev) = previous {
                    let gap = glyph.origin.0 - (prev.origin.0 + prev.advance);
                    let has_space = tokens
                        .last()
                        .is_some_and(|t| t.ends_with(char::is_whitespace))
                        || glyph.text.starts_with(char::is_whitespace);
                    if !has_space && gap > prev.size.max(glyph.size) * SPACE_GAP_EM {
                        tokens.push(" ".to_owned());
                    }
                }
                tokens.push(glyph.text.clone());
                previous = Some(glyph);
            }
            logical_order(&mut tokens);
            tokens.concat().trim().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A link annotation as a viewer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// left, top, right, bottom in PDF points, origin at the top-left of the visible page
    /// (crop box), y growing downwards, as [`PlacedGlyph::origin`].
    pub rect: (f64, f64, f64, f64),
    /// The URI its action opens; empty when it has none.
    pub uri: String,
}

/// Every link annotation on every page.
pub fn page_links(pdf: &[u8]) -> Vec<Vec<Link>> {
    use hayro::hayro_syntax::object::dict::keys::ANNOTS;
    use hayro::hayro_syntax::object::{Array, Dict, Name, String as PdfString};
    let doc = load(pdf);
    doc.pages()
        .iter()
        .map(|page| {
            let crop = page.intersected_crop_box();
            let Some(annots) = page.raw().get::<Array>(ANNOTS) else {
                return Vec::new();
            };
            annots
                .iter::<Dict>()
                .filter(|a| {
                    a.get::<Name>(b"Subtype")
                        .is_some_and(|n| n.as_ref() == b"Link")
                })
                .map(|a| {
                    let r = a.get::<PdfRect>(b"Rect").expect("a link has a /Rect");
                    let uri = a
                        .get::<Dict>(b"A")
                        .and_then(|action| action.get::<PdfString>(b"URI"))
                        .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned())
                        .unwrap_or_default();
                    let (top, bottom) = (crop.y1 - r.y0.max(r.y1), crop.y1 - r.y0.min(r.y1));
                    Link {
                        rect: (
                            r.x0.min(r.x1) - crop.x0,
                            top,
                            r.x0.max(r.x1) - crop.x0,
                            bottom,
                        ),
                        uri,
                    }
                })
                .collect()
        })
        .collect()
}

/// A page's boxes in points, each `[x0, y0, x1, y1]` as the page dictionary writes it:
/// MediaBox, then TrimBox and BleedBox when it has them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintBoxes {
    pub media: [f64; 4],
    pub trim: Option<[f64; 4]>,
    pub bleed: Option<[f64; 4]>,
}

/// The print boxes of every page.
pub fn print_boxes(pdf: &[u8]) -> Vec<PrintBoxes> {
    let doc = load(pdf);
    let corners = |r: PdfRect| [r.x0, r.y0, r.x1, r.y1];
    doc.pages()
        .iter()
        .map(|page| PrintBoxes {
            media: corners(page.media_box()),
            trim: page.raw().get::<PdfRect>(TRIM_BOX).map(corners),
            bleed: page.raw().get::<PdfRect>(&b"BleedBox"[..]).map(corners),
        })
        .collect()
}

/// Each page's content stream, decoded, as text (its operators and operands).
pub fn page_content(pdf: &[u8]) -> Vec<String> {
    let doc = load(pdf);
    doc.pages()
        .iter()
        .map(|page| String::from_utf8_lossy(page.page_stream().unwrap_or_default()).into_owned())
        .collect()
}

/// One entry of the catalog's /OutputIntents, as a print shop's preflight reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputIntent {
    /// /S: `GTS_PDFX`, `GTS_PDFA1`.
    pub subtype: String,
    pub identifier: String,
    pub registry: String,
    /// The /DestOutputProfile stream, decoded (empty without one).
    pub profile: Vec<u8>,
    /// The profile stream's /N (colour components).
    pub components: Option<i32>,
}

/// The output intents of `pdf`'s catalog (the newest version of it, updates followed).
pub fn output_intents(pdf: &[u8]) -> Vec<OutputIntent> {
    use hayro::hayro_syntax::object::{Array, Dict, Name, Stream, String as PdfString};
    let pdf = load(pdf);
    let xref = pdf.xref();
    let catalog: Dict = xref.get(xref.root_id()).expect("a catalog");
    let Some(intents) = catalog.get::<Array>(b"OutputIntents") else {
        return Vec::new();
    };
    let text = |d: &Dict, key: &[u8]| {
        d.get::<PdfString>(key)
            .map(|s| std::string::String::from_utf8_lossy(&s).into_owned())
            .unwrap_or_default()
    };
    intents
        .iter::<Dict>()
        .map(|oi| {
            let profile = oi.get::<Stream>(b"DestOutputProfile");
            OutputIntent {
                subtype: oi
                    .get::<Name>(b"S")
                    .map(|n| n.as_str().to_string())
                    .unwrap_or_default(),
                identifier: text(&oi, b"OutputConditionIdentifier"),
                registry: text(&oi, b"RegistryName"),
                components: profile.as_ref().and_then(|s| s.dict().get::<i32>(b"N")),
                profile: profile
                    .and_then(|s| s.decoded().ok().map(|d| d.into_owned()))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The graphics states of `pdf` (every /Type /ExtGState object) that turn overprint on
/// for stroking (`/OP true`), with their `/OPM`.
pub fn overprinting_states(pdf: &[u8]) -> Vec<Option<i32>> {
    use hayro::hayro_syntax::object::{Dict, Name, Object};
    let pdf = load(pdf);
    pdf.objects()
        .into_iter()
        .filter_map(|o| match o {
            Object::Dict(d) => Some(d),
            _ => None,
        })
        .filter(|d: &Dict| {
            d.get::<Name>(b"Type")
                .is_some_and(|n| n.as_str() == "ExtGState")
                && d.get::<bool>(b"OP") == Some(true)
        })
        .map(|d| d.get::<i32>(b"OPM"))
        .collect()
}
