//! The drawing elements a backend receives (`layout::Elem`), each rendered to a PDF and
//! checked the way a user would see it: pixels where ink should be and nowhere else, the
//! link a phone opens, the error a build gives for what it cannot draw.

use crate::common;

use std::sync::Arc;

use bridgeprint::Error;
use bridgeprint::layout::{Elem, ImageFormat, LaidDocument, LaidPage, Meta};
use bridgeprint::render::{PdfFonts, PdfOptions, pdf};
use bridgeprint::types::{Direction, Point, Rect, Rgb, Size, Transform};
use common::pdf::{Gray, render_gray};
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::object::dict::keys::{A, ANNOTS, RECT, SUBTYPE, URI};
use hayro::hayro_syntax::object::{Array, Dict, Name, Rect as PdfRect, String as PdfString};

/// 200 x 100 pt: at 72 dpi one pixel is one point.
const PAGE: Size = Size::new(200.0, 100.0);

fn document(elems: Vec<Elem>, bleed: f32) -> LaidDocument {
    LaidDocument {
        meta: Meta {
            title: "elements".into(),
            subject: "test".into(),
            qr_alt: Vec::new(),
            langs: vec!["en".into()],
            direction: Direction::Ltr,
            keywords: Vec::new(),
            draft: false,
            locale: "en".into(),
            of: bridgeprint::error::Of {
                kind: bridgeprint::Kind::Card,
                paper: None,
                pair: None,
            },
        },
        pages: vec![LaidPage {
            size: PAGE,
            bleed,
            slug: 0.0,
            marks: false,
            elems,
        }],
    }
}

fn write(doc: &LaidDocument) -> Result<Vec<u8>, Error> {
    pdf(
        doc,
        &PdfOptions {
            epoch: Some(0),
            fonts: &PdfFonts::default(),
            output: Default::default(),
            cmyk: bridgeprint::compose::theme::cmyk,
        },
    )
}

fn raster(elems: Vec<Elem>) -> Gray {
    let bytes = write(&document(elems, 0.0)).expect("renders");
    render_gray(&bytes, 72.0).remove(0)
}

/// The grey level at the centre of the pixel holding page point (x, y).
fn at(page: &Gray, x: f32, y: f32) -> u8 {
    page.pixels[y as usize * page.width as usize + x as usize]
}

fn fill(rect: Rect) -> Elem {
    Elem::Fill {
        rect,
        color: Rgb::BLACK,
        radius: 0.0,
    }
}

#[test]
fn a_group_moves_scales_and_clips_what_it_holds() {
    // A 40 x 40 square at the group's origin, drawn twice the size 20 pt in and cut to
    // the group's top-left 15 x 10 (30 x 20 on the page).
    let page = raster(vec![Elem::Group {
        transform: Transform::translate(20.0, 20.0).then(Transform::scale(2.0, 2.0)),
        clip: Some(Rect::new(0.0, 0.0, 15.0, 10.0)),
        elems: vec![fill(Rect::new(0.0, 0.0, 40.0, 40.0))],
    }]);
    assert!(at(&page, 22.5, 22.5) < 30, "inside the clip is inked");
    assert!(
        at(&page, 47.5, 37.5) < 30,
        "the scaled square reaches the clip"
    );
    assert!(at(&page, 52.5, 30.5) > 225, "right of the clip is cut");
    assert!(at(&page, 30.5, 42.5) > 225, "below the clip is cut");
    assert!(at(&page, 10.5, 10.5) > 225, "nothing stays at the origin");
}

#[test]
fn a_group_without_a_clip_draws_all_it_holds_where_its_transform_puts_it() {
    let page = raster(vec![Elem::Group {
        transform: Transform::translate(100.0, 10.0).then(Transform::rotate(90.0)),
        clip: None,
        // 50 wide, 10 tall; a quarter turn clockwise makes it 10 wide and 50 tall, left
        // of x = 100.
        elems: vec![fill(Rect::new(0.0, 0.0, 50.0, 10.0))],
    }]);
    assert!(at(&page, 95.5, 55.5) < 30, "turned: tall now");
    assert!(at(&page, 130.5, 15.5) > 225, "not where it lay unturned");
}

#[test]
fn a_dashed_stroke_inks_its_dashes_and_leaves_its_gaps() {
    let page = raster(vec![Elem::Stroke {
        points: vec![Point::new(10.0, 50.0), Point::new(190.0, 50.0)],
        width: 4.0,
        color: Rgb::BLACK,
        dash: Some(vec![10.0, 10.0]),
        spot: None,
    }]);
    for x in [15.5, 35.5, 175.5] {
        assert!(at(&page, x, 50.5) < 30, "dash at x = {x}");
    }
    for x in [25.5, 45.5, 165.5] {
        assert!(at(&page, x, 50.5) > 225, "gap at x = {x}");
    }
    assert!(at(&page, 15.5, 44.5) > 225, "4 pt wide: nothing 6 pt above");
}

#[test]
fn a_polyline_strokes_every_segment_and_leaves_its_inside_empty() {
    // A fill drawn before must not leak its paint into the stroke's inside.
    let page = raster(vec![
        fill(Rect::new(180.0, 80.0, 10.0, 10.0)),
        Elem::Stroke {
            points: vec![
                Point::new(20.0, 20.0),
                Point::new(120.0, 20.0),
                Point::new(120.0, 80.0),
            ],
            width: 3.0,
            color: Rgb(0x14, 0x3d, 0x66),
            dash: None,
            spot: None,
        },
    ]);
    assert!(at(&page, 185.5, 85.5) < 30, "the fill before");
    assert!(at(&page, 70.5, 20.5) < 100, "the top segment");
    assert!(at(&page, 120.5, 60.5) < 100, "the right segment");
    assert!(at(&page, 100.5, 30.5) > 225, "a stroke is not filled");
}

/// Every link annotation of the first page: its URI and its rectangle in points from the
/// page's top-left, y down.
fn links(bytes: &[u8]) -> Vec<(String, [f64; 4])> {
    let doc = Pdf::new(bytes.to_vec()).expect("a readable PDF");
    let page = &doc.pages()[0];
    let height = page.media_box().y1;
    let Some(annots) = page.raw().get::<Array>(ANNOTS) else {
        return Vec::new();
    };
    annots
        .iter::<Dict>()
        .filter(|a| {
            a.get::<Name>(SUBTYPE)
                .is_some_and(|n| n.as_ref() == b"Link")
        })
        .map(|a| {
            let uri = a
                .get::<Dict>(A)
                .and_then(|action| action.get::<PdfString>(URI))
                .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned())
                .unwrap_or_default();
            let r = a.get::<PdfRect>(RECT).expect("a link has a /Rect");
            (uri, [r.x0, height - r.y1, r.x1, height - r.y0])
        })
        .collect()
}

fn close(a: [f64; 4], b: [f64; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
}

#[test]
fn a_link_opens_its_uri_over_its_rect_and_prints_nothing() {
    let elems = vec![
        Elem::Link {
            rect: Rect::new(20.0, 30.0, 100.0, 15.0),
            uri: Arc::from("tel:+18883737888"),
        },
        // Inside a group its area follows the group (an imposed card's number).
        Elem::Group {
            transform: Transform::translate(50.0, 60.0),
            clip: None,
            elems: vec![Elem::Link {
                rect: Rect::new(0.0, 0.0, 40.0, 10.0),
                uri: Arc::from("sms:233733"),
            }],
        },
    ];
    // With a 9 pt bleed the trim, and every link with it, sits 9 pt in.
    let bytes = write(&document(elems.clone(), 9.0)).expect("renders");
    let found = links(&bytes);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "tel:+18883737888");
    assert!(close(found[0].1, [29.0, 39.0, 129.0, 54.0]), "{found:?}");
    assert_eq!(found[1].0, "sms:233733");
    assert!(close(found[1].1, [59.0, 69.0, 99.0, 79.0]), "{found:?}");
    let page = raster(elems);
    assert!(page.pixels.iter().all(|p| *p > 250), "a link prints no ink");
}

#[test]
fn a_link_must_open_a_records_link_and_lie_over_what_it_opens() {
    let content = bridgeprint::content::load(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("materials")
            .as_path(),
    )
    .expect("the bundled materials load");
    let with_link = |uri: &str| {
        document(
            vec![Elem::Link {
                rect: Rect::new(0.0, 0.0, 50.0, 10.0),
                uri: Arc::from(uri),
            }],
            0.0,
        )
    };
    let check = |uri: &str| bridgeprint::readback::check(&with_link(uri), &content.contacts);
    // Even a record's own link is refused over nothing: a reader cannot see what it opens.
    for contact in ["hotline", "textline", "website"] {
        let link = bridgeprint::layout::links::uri(content.contacts.get(contact).expect("bundled"));
        match check(&link) {
            Err(Error::Printed(p)) => {
                assert!(p.problem.contains("no contact value"), "{}", p.problem)
            }
            other => panic!("{link} over nothing: expected a refusal, got {other:?}"),
        }
    }
    // One digit off: the phone would dial someone else.
    for wrong in ["tel:+18883737889", "TEL:+1-888-373-7888", "sms:233734"] {
        match check(wrong) {
            Err(Error::Printed(p)) => {
                assert_eq!(
                    (p.page, p.key.as_str(), p.printed.as_str()),
                    (1, "link", wrong)
                );
                assert!(p.problem.contains("tel:+18883737888"), "{}", p.problem);
            }
            other => panic!("{wrong}: expected the read-back to refuse it, got {other:?}"),
        }
    }
}

// What a template gives, layout draws: the bullet's glyph, the table header's ink and
// weight, the footer's content key come from the composed blocks, not from layout.

use bridgeprint::compose::{Block, Document, Flow, Footer, Kind, Lang, Page, Span, TextStyle};
use bridgeprint::layout::{Fonts, GlyphRun, layout};

fn one_language_document(pages: Vec<Page>, flow: Option<Flow>) -> Document {
    Document {
        kind: Kind::Handout,
        paper: None,
        locale: "en".into(),
        direction: Direction::Ltr,
        status: bridgeprint::content::Status::Draft,
        langs: vec![Lang {
            tag: "en".into(),
            direction: Direction::Ltr,
            fonts: Vec::new(),
        }],
        title: "T".into(),
        subject: "S".into(),
        slug: 0.0,
        marks: None,
        qr_alt: Vec::new(),
        pages,
        flow,
    }
}

fn runs(doc: &LaidDocument) -> Vec<&GlyphRun> {
    let mut out = Vec::new();
    for page in &doc.pages {
        bridgeprint::layout::visit(&page.elems, &mut |e, _| {
            if let Elem::Glyphs(run) = e {
                out.push(run);
            }
        });
    }
    out
}

#[test]
fn bullets_table_header_and_footer_print_as_the_template_says() {
    let style = TextStyle::body(10.0);
    let header_ink = Rgb(0x12, 0x34, 0x56);
    let blocks = vec![
        Block::Bullets {
            key: "signs".into(),
            items: vec![vec![Span::plain("Item")]],
            style,
            bullet: Rgb(0xa8, 0x2b, 0x1d),
            glyph: "→".into(),
        },
        Block::Table {
            key: "cmp".into(),
            widths: vec![0.5, 0.5],
            header: vec!["Head".into(), "Two".into()],
            rows: vec![vec!["a".into(), "b".into()]],
            style,
            header_fill: Rgb::BLACK,
            header_ink,
            header_bold: false,
            stripe: Rgb::WHITE,
        },
    ];
    let flow = Flow {
        size: Size::new(300.0, 400.0),
        bleed: 0.0,
        frame: Rect::new(20.0, 20.0, 260.0, 300.0),
        items: Vec::new(),
        footer: Some(Footer {
            key: "texts.leaflet.page_label".into(),
            rect: Rect::new(20.0, 370.0, 260.0, 14.0),
            template: "Page {page} of {pages}".into(),
            style,
        }),
        blocks,
        continued: None,
        closing: None,
    };
    let doc = one_language_document(Vec::new(), Some(flow));
    let laid = layout(&doc, &mut Fonts::new()).expect("lays out");
    let all = runs(&laid);
    let by_text = |t: &str| {
        all.iter()
            .find(|r| r.logical_text().trim() == t)
            .unwrap_or_else(|| panic!("no run reads {t:?}"))
    };
    let mark = by_text("→");
    assert_eq!(
        (mark.color, &*mark.key),
        (Rgb(0xa8, 0x2b, 0x1d), "signs[0]")
    );
    let head = by_text("Two");
    let face = |r: &GlyphRun| (r.font.data.id(), r.font.index);
    assert_eq!(head.color, header_ink);
    assert_eq!(
        face(head),
        face(by_text("b")),
        "a header not asked to be bold is not"
    );
    assert_eq!(&*by_text("Page 1 of 1").key, "texts.leaflet.page_label");
    // The meta a backend reads comes with it.
    assert_eq!(
        (&laid.meta.of, laid.meta.draft, laid.meta.language()),
        (
            &bridgeprint::error::Of {
                kind: Kind::Handout,
                paper: None,
                pair: None
            },
            true,
            "en"
        )
    );
    assert!(
        laid.meta
            .keywords
            .contains(&"translation not yet reviewed by a native reader".to_string())
    );
}

/// Images drawn into a page (krilla's raster support).
mod images {
    use super::*;
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::object::Object;
    use hayro::hayro_syntax::object::dict::keys::{HEIGHT, WIDTH};
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings};

    /// 32 x 16 pixels: the left half (200, 30, 30), the right half (30, 60, 200).
    const JPEG: &[u8] = include_bytes!("fixtures/images/red-blue-32x16.jpg");
    const RED: [u8; 3] = [200, 30, 30];
    const BLUE: [u8; 3] = [30, 60, 200];
    const GREEN: [u8; 3] = [20, 160, 60];

    /// A 4 x 2 PNG: top row red, green, blue, black; bottom row white, blue, green, red.
    fn png() -> Vec<u8> {
        let rows = [
            RED,
            GREEN,
            BLUE,
            [0, 0, 0],
            [255, 255, 255],
            BLUE,
            GREEN,
            RED,
        ];
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 4, 2);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("a PNG header");
        writer.write_image_data(&rows.concat()).expect("PNG pixels");
        writer.finish().expect("a PNG");
        out
    }

    fn image(rect: Rect, format: ImageFormat, data: &[u8]) -> Elem {
        Elem::Image {
            rect,
            format,
            data: Arc::from(data),
            alt: None,
        }
    }

    /// The first page at 72 dpi in colour (one pixel per point), row by row.
    fn raster_rgb(elems: Vec<Elem>) -> (usize, Vec<[u8; 3]>) {
        let bytes = write(&document(elems, 0.0)).expect("renders");
        let doc = Pdf::new(bytes).expect("a readable PDF");
        let pixmap = hayro::render(
            &doc.pages()[0],
            &RenderCache::new(),
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: 1.0,
                y_scale: 1.0,
                bg_color: WHITE,
            },
        );
        let width = usize::from(pixmap.width());
        let pixels = pixmap.data().iter().map(|p| [p.r, p.g, p.b]).collect();
        (width, pixels)
    }

    fn rgb_at(page: &(usize, Vec<[u8; 3]>), x: usize, y: usize) -> [u8; 3] {
        page.1[y * page.0 + x]
    }

    /// Within `tolerance` per channel (JPEG is lossy; rasterising rounds).
    fn near(got: [u8; 3], want: [u8; 3], tolerance: u8) -> bool {
        got.iter()
            .zip(want)
            .all(|(g, w)| g.abs_diff(w) <= tolerance)
    }

    /// The pixel size of every image embedded in the PDF.
    fn embedded_sizes(elems: Vec<Elem>) -> Vec<(i32, i32)> {
        let bytes = write(&document(elems, 0.0)).expect("renders");
        let doc = Pdf::new(bytes).expect("a readable PDF");
        let mut sizes: Vec<(i32, i32)> = doc
            .objects()
            .into_iter()
            .filter_map(|o| match o {
                Object::Stream(s) => {
                    let d = s.dict();
                    let is_image = d
                        .get::<Name>(SUBTYPE)
                        .is_some_and(|n| n.as_ref() == b"Image");
                    // A soft mask is an image too; only colour images are counted.
                    let is_mask = d
                        .get::<Name>(hayro::hayro_syntax::object::dict::keys::COLORSPACE)
                        .is_some_and(|n| n.as_ref() == b"DeviceGray");
                    (is_image && !is_mask).then(|| {
                        (
                            d.get::<i32>(WIDTH).unwrap_or(0),
                            d.get::<i32>(HEIGHT).unwrap_or(0),
                        )
                    })
                }
                _ => None,
            })
            .collect();
        sizes.sort();
        sizes
    }

    #[test]
    fn a_png_is_drawn_over_its_rect_pixel_for_pixel_in_its_colours() {
        // Each of the 4 x 2 pixels becomes a 10 pt square, from (20, 30).
        let page = raster_rgb(vec![image(
            Rect::new(20.0, 30.0, 40.0, 20.0),
            ImageFormat::Png,
            &png(),
        )]);
        let want = [
            (25, 35, RED),
            (35, 35, GREEN),
            (45, 35, BLUE),
            (55, 35, [0, 0, 0]),
            (25, 45, [255, 255, 255]),
            (35, 45, BLUE),
            (45, 45, GREEN),
            (55, 45, RED),
        ];
        for (x, y, colour) in want {
            let got = rgb_at(&page, x, y);
            assert!(
                near(got, colour, 3),
                "at ({x}, {y}): {got:?}, want {colour:?}"
            );
        }
        // Unsmoothed: a pixel's colour holds up to its edge.
        assert!(near(rgb_at(&page, 21, 31), RED, 3));
        assert!(near(rgb_at(&page, 28, 38), RED, 3));
        for (x, y) in [(15, 35), (65, 35), (35, 25), (35, 55)] {
            assert_eq!(
                rgb_at(&page, x, y),
                [255, 255, 255],
                "nothing at ({x}, {y})"
            );
        }
    }

    #[test]
    fn a_jpeg_is_drawn_over_its_rect_in_its_colours() {
        // 32 x 16 pixels stretched over 64 x 32 pt from (100, 40).
        let page = raster_rgb(vec![image(
            Rect::new(100.0, 40.0, 64.0, 32.0),
            ImageFormat::Jpeg,
            JPEG,
        )]);
        for (x, y) in [(104, 44), (120, 56), (128, 68)] {
            let got = rgb_at(&page, x, y);
            assert!(near(got, RED, 8), "red at ({x}, {y}): {got:?}");
        }
        for (x, y) in [(136, 44), (150, 56), (160, 68)] {
            let got = rgb_at(&page, x, y);
            assert!(near(got, BLUE, 8), "blue at ({x}, {y}): {got:?}");
        }
        for (x, y) in [(96, 56), (168, 56), (130, 36), (130, 76)] {
            assert_eq!(
                rgb_at(&page, x, y),
                [255, 255, 255],
                "nothing at ({x}, {y})"
            );
        }
    }

    #[test]
    fn an_image_is_embedded_at_its_own_resolution() {
        // Drawn far larger than its pixels: a print shop must get the pixels given, not
        // an upsampled copy (nor a downsampled one when drawn small).
        let sizes = embedded_sizes(vec![
            image(Rect::new(0.0, 0.0, 200.0, 100.0), ImageFormat::Png, &png()),
            image(Rect::new(0.0, 0.0, 8.0, 4.0), ImageFormat::Jpeg, JPEG),
        ]);
        assert_eq!(sizes, vec![(4, 2), (32, 16)]);
    }

    #[test]
    fn an_image_in_a_group_is_moved_scaled_and_clipped_with_it() {
        // The JPEG over 32 x 16 in the group's coordinates, the group twice the size from
        // (20, 20) and cut to its left 24 x 16: red, then 8 of blue, then nothing.
        let page = raster_rgb(vec![Elem::Group {
            transform: Transform::translate(20.0, 20.0).then(Transform::scale(2.0, 2.0)),
            clip: Some(Rect::new(0.0, 0.0, 24.0, 16.0)),
            elems: vec![image(
                Rect::new(0.0, 0.0, 32.0, 16.0),
                ImageFormat::Jpeg,
                JPEG,
            )],
        }]);
        assert!(
            near(rgb_at(&page, 24, 24), RED, 8),
            "{:?}",
            rgb_at(&page, 24, 24)
        );
        assert!(
            near(rgb_at(&page, 50, 48), RED, 8),
            "{:?}",
            rgb_at(&page, 50, 48)
        );
        assert!(
            near(rgb_at(&page, 62, 30), BLUE, 8),
            "{:?}",
            rgb_at(&page, 62, 30)
        );
        assert_eq!(rgb_at(&page, 72, 30), [255, 255, 255], "cut by the clip");
        assert_eq!(rgb_at(&page, 40, 56), [255, 255, 255], "below the image");
        assert_eq!(
            rgb_at(&page, 10, 10),
            [255, 255, 255],
            "nothing at the origin"
        );
    }

    #[test]
    fn an_unreadable_image_is_a_typed_error_not_a_blank() {
        let doc = document(
            vec![image(
                Rect::new(0.0, 0.0, 50.0, 50.0),
                ImageFormat::Png,
                b"not a png",
            )],
            0.0,
        );
        match write(&doc) {
            Err(e @ Error::Pdf { .. }) => {
                let said = e.to_string();
                assert!(said.contains("en card") && said.contains("image"), "{said}");
            }
            Err(other) => panic!("expected the PDF writer to refuse the image, got {other}"),
            Ok(bytes) => panic!("a broken image was accepted ({} bytes of PDF)", bytes.len()),
        }
    }
}
