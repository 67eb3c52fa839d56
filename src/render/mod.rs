//! Draw stage: laid-out pages to PDF bytes with krilla. Fonts are embedded as subsets
//! with ToUnicode maps (so text can be copied and searched), QR codes are vector
//! rectangles, and nothing depends on the clock unless `SOURCE_DATE_EPOCH` asks for it.

use std::collections::HashMap;
use std::sync::Arc;

use krilla::Document as PdfDocument;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect as PdfRect};
use krilla::metadata::{DateTime, Metadata, TextDirection};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::compose::{Document, Rect, Rgb};
use crate::content::{Direction, Status};
use crate::error::Error;
use crate::layout::{Elem, GlyphRun, LaidDocument};

/// Fonts converted for the PDF writer, kept for the whole process so each font file is
/// parsed once however many documents are written.
#[derive(Default)]
pub struct PdfFonts {
    by_blob: HashMap<(u64, u32), Font>,
}

impl PdfFonts {
    fn get(&mut self, data: &parley::FontData) -> Option<Font> {
        let key = (data.data.id(), data.index);
        if let Some(f) = self.by_blob.get(&key) {
            return Some(f.clone());
        }
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.data.clone());
        let font = Font::new(bytes.into(), data.index)?;
        self.by_blob.insert(key, font.clone());
        Some(font)
    }
}

/// Renders a laid-out document to PDF bytes.
pub fn render(
    doc: &Document,
    laid: &LaidDocument,
    fonts: &mut PdfFonts,
    epoch: Option<i64>,
) -> Result<Vec<u8>, Error> {
    let fail = |message: String| Error::Pdf {
        locale: doc.locale.clone(),
        kind: doc.label(),
        message,
    };
    let mut pdf = PdfDocument::new();
    let mut tree = TagTree::new();
    for page in &laid.pages {
        let b = page.bleed;
        let (w, h) = (page.size.w + 2.0 * b, page.size.h + 2.0 * b);
        let mut settings =
            PageSettings::from_wh(w, h).ok_or_else(|| fail("empty page size".into()))?;
        if b > 0.0 {
            let trim = PdfRect::from_xywh(b, b, page.size.w, page.size.h);
            let bleed = PdfRect::from_xywh(0.0, 0.0, w, h);
            settings = settings.with_trim_box(trim).with_bleed_box(bleed);
        }
        let mut pdf_page = pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let mut paragraph: Option<(Arc<str>, TagGroup)> = None;
        for elem in &page.elems {
            // A paragraph's lines are runs sharing its text; the structure tree groups
            // them into one P element tagged with the paragraph's language.
            let same = matches!((&paragraph, elem), (Some((text, _)), Elem::Glyphs(run)) if Arc::ptr_eq(text, &run.text));
            if !same && let Some((_, group)) = paragraph.take() {
                tree.push(group);
            }
            match elem {
                Elem::Fill {
                    rect,
                    color,
                    radius,
                } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::new(
                        ArtifactType::Layout,
                        None,
                    )));
                    fill_rect(&mut surface, shift(rect, b), *color, *radius);
                    surface.end_tagged();
                }
                Elem::Qr { rect, code, .. } => {
                    let id = surface.start_tagged(ContentTag::Other);
                    let r = shift(rect, b);
                    let m = r.w / code.width as f32;
                    let mut pb = PathBuilder::new();
                    for (x, y, len) in code.dark_runs() {
                        if let Some(rect) = PdfRect::from_xywh(
                            r.x + x as f32 * m,
                            r.y + y as f32 * m,
                            len as f32 * m,
                            m,
                        ) {
                            pb.push_rect(rect);
                        }
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(solid(Rgb(0, 0, 0))));
                        surface.draw_path(&path);
                    }
                    surface.end_tagged();
                    let mut figure =
                        TagGroup::new(Tag::Figure(Some(format!("QR code: {}", code.payload))));
                    figure.push(id);
                    tree.push(figure);
                }
                Elem::Glyphs(run) => {
                    let id = draw_run(&mut surface, run, b, fonts, &laid.langs)
                        .ok_or_else(|| fail("a bundled font could not be read".into()))?;
                    let (_, group) = paragraph.get_or_insert_with(|| {
                        let lang = laid.langs.get(run.lang).cloned();
                        (run.text.clone(), TagGroup::new(Tag::P.with_lang(lang)))
                    });
                    group.push(id);
                }
            }
        }
        if let Some((_, group)) = paragraph.take() {
            tree.push(group);
        }
        surface.finish();
        pdf_page.finish();
    }
    pdf.set_tag_tree(tree);
    pdf.set_metadata(metadata(doc, epoch));
    pdf.finish().map_err(|e| fail(format!("{e:?}")))
}

fn shift(r: &Rect, b: f32) -> Rect {
    Rect::new(r.x + b, r.y + b, r.w, r.h)
}

fn solid(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn fill_rect(surface: &mut Surface, r: Rect, color: Rgb, radius: f32) {
    let mut pb = PathBuilder::new();
    if radius > 0.0 {
        // Rounded corners from four quarter-circle Béziers.
        let k = 0.552_284_8 * radius;
        let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
        pb.move_to(x0 + radius, y0);
        pb.line_to(x1 - radius, y0);
        pb.cubic_to(x1 - radius + k, y0, x1, y0 + radius - k, x1, y0 + radius);
        pb.line_to(x1, y1 - radius);
        pb.cubic_to(x1, y1 - radius + k, x1 - radius + k, y1, x1 - radius, y1);
        pb.line_to(x0 + radius, y1);
        pb.cubic_to(x0 + radius - k, y1, x0, y1 - radius + k, x0, y1 - radius);
        pb.line_to(x0, y0 + radius);
        pb.cubic_to(x0, y0 + radius - k, x0 + radius - k, y0, x0 + radius, y0);
        pb.close();
    } else if let Some(rect) = PdfRect::from_xywh(r.x, r.y, r.w, r.h) {
        pb.push_rect(rect);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(solid(color)));
        surface.draw_path(&path);
    }
}

/// Draws one run as a marked-content span carrying its language.
fn draw_run(
    surface: &mut Surface,
    run: &GlyphRun,
    b: f32,
    fonts: &mut PdfFonts,
    langs: &[String],
) -> Option<Identifier> {
    let font = fonts.get(&run.font)?;
    let id = surface.start_tagged(ContentTag::Span(
        SpanTag::empty().with_lang(langs.get(run.lang).map(String::as_str)),
    ));
    let text = if run.rtl {
        reversed_clusters(run)
    } else {
        run.text.to_string()
    };
    let s = run.size;
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(g.id),
                g.advance / s,
                g.dx / s,
                // krilla takes offsets as the shaper gives them, y up; layout keeps them
                // y down like the page. Passed as is, a mark stacked above another would
                // be drawn below it.
                -g.dy / s,
                0.0,
                g.text.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(solid(run.color)));
    if run.embolden {
        // Synthesized bold: outline the glyphs in their own colour as well as filling them.
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(run.color.0, run.color.1, run.color.2).into(),
            width: s * 0.035,
            ..Stroke::default()
        }));
    }
    surface.draw_glyphs(
        Point::from_xy(run.x + b, run.y + b),
        &glyphs,
        font,
        &text,
        s,
        false,
    );
    surface.set_stroke(None);
    surface.end_tagged();
    Some(id)
}

/// The run's text with the characters of each cluster in reverse order. krilla marks a
/// right-to-left run /ReversedChars, and extractors (poppler, Acrobat) reverse what it
/// shows to get reading order; a cluster of several characters (lam-alef, a letter with its
/// vowel mark) is one glyph group whose text they reverse too, so it must be stored
/// reversed to come out right. Reversing characters in place keeps every byte range valid.
fn reversed_clusters(run: &GlyphRun) -> String {
    let mut text = run.text.to_string();
    let mut ranges: Vec<std::ops::Range<usize>> =
        run.glyphs.iter().map(|g| g.text.clone()).collect();
    ranges.sort_by_key(|r| r.start);
    ranges.dedup();
    for r in ranges {
        if let Some(cluster) = run.text.get(r.clone())
            && cluster.chars().nth(1).is_some()
        {
            let reversed: String = cluster.chars().rev().collect();
            text.replace_range(r, &reversed);
        }
    }
    text
}

fn metadata(doc: &Document, epoch: Option<i64>) -> Metadata {
    let mut keywords = vec![
        "human trafficking".to_string(),
        format!("kind: {}", doc.kind.name()),
        format!("locale: {}", doc.locale),
        format!("translation: {}", doc.status.as_str()),
    ];
    if doc.status == Status::Draft {
        keywords.push("translation not yet reviewed by a native reader".into());
    }
    let mut m = Metadata::new()
        .title(doc.title.clone())
        .description(doc.subject.clone())
        .language(
            doc.langs
                .first()
                .map_or_else(|| doc.locale.clone(), |l| l.tag.clone()),
        )
        .keywords(keywords)
        .creator(format!("bridgeprint {}", env!("CARGO_PKG_VERSION")))
        .producer(format!(
            "bridgeprint {} (krilla)",
            env!("CARGO_PKG_VERSION")
        ))
        .text_direction(match doc.direction {
            Direction::Ltr => TextDirection::LeftToRight,
            Direction::Rtl => TextDirection::RightToLeft,
        });
    if let Some(secs) = epoch {
        let (y, mo, d, h, mi, s) = crate::clock::civil_from_epoch(secs);
        let date = DateTime::new(y.clamp(0, 9999) as u16)
            .month(mo)
            .day(d)
            .hour(h)
            .minute(mi)
            .second(s)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        m = m.creation_date(date);
    }
    m
}
