//! Proves the pure-Rust PDF inspection helpers in `common::pdf` on a real card
//! from the binary and on small PDFs drawn here with krilla, whose expected
//! content is known exactly.

use crate::common;

use std::sync::{Arc, OnceLock};

use common::pdf::{self, PageBoxes};
use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use parley::fontique::Blob;
use parley::style::{FontFamily, StyleProperty};
use parley::{FontContext, LayoutContext, PositionedLayoutItem};

/// Decoding resolution: what a phone camera comfortably resolves on print.
const DPI: f32 = 300.0;

/// The English wallet card, built once per test binary.
fn card() -> &'static [u8] {
    static CARD: OnceLock<Vec<u8>> = OnceLock::new();
    CARD.get_or_init(|| {
        let dir = tempfile::tempdir().expect("create temp dir");
        common::cli::bp()
            .arg("build")
            .args(["--kind", "card", "--locale", "en"])
            .out(dir.path())
            .passes();
        std::fs::read(dir.path().join("en/card.pdf")).expect("read en/card.pdf")
    })
}

const NOTO_SANS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSans-Regular.ttf");

fn noto_sans() -> Font {
    let data = std::fs::read(NOTO_SANS).expect("read NotoSans-Regular.ttf");
    Font::new(data.into(), 0).expect("parse NotoSans-Regular.ttf")
}

/// Draws one line of Noto Sans at baseline (x, y), shaped by parley: krilla's own
/// shaper is behind a feature the project does not enable.
fn draw_line(surface: &mut Surface, text: &str, x: f32, y: f32, size: f32) {
    let data = std::fs::read(NOTO_SANS).expect("read NotoSans-Regular.ttf");
    let mut fcx = FontContext::new();
    fcx.collection
        .register_fonts(Blob::new(Arc::new(data)), None);
    let mut lcx: LayoutContext<()> = LayoutContext::new();
    let mut builder = lcx.ranged_builder(&mut fcx, text, 1.0, false);
    builder.push_default(StyleProperty::FontFamily(FontFamily::named("Noto Sans")));
    builder.push_default(StyleProperty::FontSize(size));
    let mut layout = builder.build(text);
    layout.break_all_lines(None);

    let mut glyphs = Vec::new();
    let mut font = None;
    for line in layout.lines() {
        for item in line.items() {
            let PositionedLayoutItem::GlyphRun(run) = item else {
                continue;
            };
            // Embed exactly the font parley shaped with, so glyph ids agree.
            let data = &run.run().font().data;
            let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.clone());
            font = Font::new(bytes.into(), run.run().font().index);
            for cluster in run.run().visual_clusters() {
                for g in cluster.glyphs() {
                    glyphs.push(KrillaGlyph::new(
                        GlyphId::new(g.id),
                        g.advance / size,
                        g.x / size,
                        g.y / size,
                        0.0,
                        cluster.text_range(),
                        None,
                    ));
                }
            }
        }
    }
    surface.set_fill(Some(Fill::default()));
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        font.expect("parley shaped with a font krilla can read"),
        text,
        size,
        false,
    );
}

fn assert_close(actual: (f32, f32), expected: (f32, f32), what: &str) {
    let ok = (actual.0 - expected.0).abs() < 0.05 && (actual.1 - expected.1).abs() < 0.05;
    assert!(ok, "{what}: got {actual:?} mm, expected {expected:?} mm");
}

/// Draws a QR code as vector modules with its top-left corner at (x, y), in points.
fn draw_qr(surface: &mut Surface, payload: &str, x: f32, y: f32, module: f32) {
    let code = qrcode::QrCode::new(payload).expect("encode QR");
    let width = code.width();
    let mut pb = PathBuilder::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (col, row) = ((i % width) as f32, (i / width) as f32);
            let rect = Rect::from_xywh(x + col * module, y + row * module, module, module)
                .expect("non-empty module");
            pb.push_rect(rect);
        }
    }
    surface.set_fill(Some(Fill::default()));
    surface.draw_path(&pb.finish().expect("QR has dark modules"));
}

#[test]
fn card_has_two_pages() {
    assert_eq!(pdf::page_count(card()), 2);
}

#[test]
fn card_boxes_include_bleed() {
    let boxes = pdf::page_boxes(card());
    assert_eq!(boxes.len(), 2);
    for (i, b) in boxes.iter().enumerate() {
        assert_close(b.trim_mm, (85.6, 53.98), &format!("page {} trim", i + 1));
        assert_close(b.media_mm, (91.95, 60.33), &format!("page {} media", i + 1));
    }
}

#[test]
fn card_qr_codes_decode() {
    assert_eq!(
        pdf::qr_payloads(card(), DPI),
        vec![
            vec!["tel:+18883737888".to_string()],
            vec!["SMSTO:233733:HELP".to_string()],
        ]
    );
}

#[test]
fn card_text_extracts() {
    let text = pdf::page_text(card());
    assert_eq!(text.len(), 2);
    assert!(text[0].contains("1-888-373-7888"), "page 1: {:?}", text[0]);
    // The caption under the back's QR code wraps ("Text HELP / to 233733"), its lines
    // extracted between the list's: read with its line breaks as spaces.
    let words = text[1].split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Text HELP to 233733"),
        "page 2: {:?}",
        text[1]
    );
    assert_eq!(pdf::notdef_glyphs(card()), 0);
}

#[test]
fn two_qr_codes_on_one_page_are_both_found() {
    let mut doc = Document::new();
    let mut page = doc.start_page_with(PageSettings::from_wh(320.0, 160.0).expect("page size"));
    let mut surface = page.surface();
    draw_qr(&mut surface, "https://example.org/first", 20.0, 20.0, 4.0);
    draw_qr(&mut surface, "SMSTO:233733:SECOND", 190.0, 20.0, 4.0);
    surface.finish();
    page.finish();
    let bytes = doc.finish().expect("write PDF");

    assert_eq!(
        pdf::qr_payloads(&bytes, DPI),
        vec![vec![
            "SMSTO:233733:SECOND".to_string(),
            "https://example.org/first".to_string(),
        ]]
    );
}

#[test]
fn text_comes_out_in_reading_order() {
    let mut doc = Document::new();

    // Page 1: lines drawn bottom-up, words drawn right-to-left without space glyphs,
    // and one fill+stroke run (render mode 2, which reaches the device twice).
    let mut page = doc.start_page_with(PageSettings::from_wh(300.0, 200.0).expect("page size"));
    let mut surface = page.surface();
    draw_line(&mut surface, "last", 20.0, 150.0, 12.0);
    draw_line(&mut surface, "World", 90.0, 50.0, 12.0);
    draw_line(&mut surface, "Hello", 20.0, 50.0, 12.0);
    surface.set_stroke(Some(Stroke::default()));
    draw_line(&mut surface, "bold", 20.0, 100.0, 12.0);
    surface.finish();
    page.finish();

    // Page 2: a glyph id 0, as when a font lacks a character; no TrimBox either.
    let mut page = doc.start_page_with(PageSettings::from_wh(100.0, 50.0).expect("page size"));
    let mut surface = page.surface();
    surface.set_fill(Some(Fill::default()));
    let tofu = KrillaGlyph::new(GlyphId::new(0), 0.6, 0.0, 0.0, 0.0, 0..1, None);
    surface.draw_glyphs(
        Point::from_xy(10.0, 30.0),
        &[tofu],
        noto_sans(),
        "?",
        12.0,
        false,
    );
    surface.finish();
    page.finish();
    let bytes = doc.finish().expect("write PDF");

    let text = pdf::page_text(&bytes);
    assert_eq!(text[0], "Hello World\nbold\nlast");
    // 18 letters: the stroke pass of the fill+stroke run is not counted again.
    assert_eq!(pdf::page_glyphs(&bytes)[0].len(), 18);
    assert_eq!(pdf::notdef_glyphs(&bytes), 1);
    // No QR code means empty lists, not a panic (rxing reports it as an error).
    assert_eq!(
        pdf::qr_payloads(&bytes, 72.0),
        vec![Vec::<String>::new(); 2]
    );

    let PageBoxes { media_mm, trim_mm } = pdf::page_boxes(&bytes)[1];
    let expected = (100.0 * 25.4 / 72.0, 50.0 * 25.4 / 72.0);
    assert_close(media_mm, expected, "synthetic media");
    assert_close(trim_mm, expected, "TrimBox falls back to MediaBox");
}
