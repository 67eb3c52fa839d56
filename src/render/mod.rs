//! Draw stage: a [`LaidDocument`] to PDF bytes with krilla. It reads nothing else (no
//! composed document, no content), so another backend (a PNG preview) can sit beside it.
//! Fonts are embedded as subsets with ToUnicode maps (so text can be copied and
//! searched), QR codes are vector rectangles, and nothing depends on the clock unless
//! `SOURCE_DATE_EPOCH` asks for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use krilla::Document as PdfDocument;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect as PdfRect};
use krilla::metadata::{DateTime, Metadata, TextDirection};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::error::Error;
use crate::layout::{Elem, GlyphRun, ImageFormat, LaidDocument, Meta};
use crate::types::{Direction, Rect, Rgb, Transform};

mod text;

/// Fonts converted for the PDF writer, kept for the whole process so each font file is
/// parsed once however many documents are written.
#[derive(Default)]
pub struct PdfFonts {
    /// Behind a `RefCell` so [`PdfOptions`] can lend it by shared reference.
    by_blob: RefCell<HashMap<(u64, u32), Font>>,
}

/// The writer's font for `data`, converted once.
fn pdf_font(cache: &mut HashMap<(u64, u32), Font>, data: &parley::FontData) -> Option<Font> {
    let key = (data.data.id(), data.index);
    if let Some(f) = cache.get(&key) {
        return Some(f.clone());
    }
    let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.data.clone());
    let font = Font::new(bytes.into(), data.index)?;
    cache.insert(key, font.clone());
    Some(font)
}

/// How to write the PDF: what the document itself does not say.
pub struct PdfOptions<'a> {
    /// `SOURCE_DATE_EPOCH`: the creation date written, in seconds since 1970; none is
    /// written without it, so the same content gives the same bytes.
    pub epoch: Option<i64>,
    /// Fonts already converted for the writer (kept across documents).
    pub fonts: &'a PdfFonts,
}

/// A laid-out document as PDF bytes.
pub fn pdf(laid: &LaidDocument, options: &PdfOptions) -> Result<Vec<u8>, Error> {
    let of = &laid.meta.of;
    let fail = |message: String| Error::Pdf {
        locale: laid.meta.locale.clone(),
        kind: of.kind,
        paper: of.paper,
        pair: of.pair.clone(),
        message,
    };
    let mut fonts = options.fonts.by_blob.borrow_mut();
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
        let links = {
            let mut painter = Painter {
                surface: pdf_page.surface(),
                tree: &mut tree,
                paragraph: None,
                links: Vec::new(),
                fonts: &mut fonts,
                langs: &laid.meta.langs,
            };
            painter
                .draw(&page.elems, b, Transform::translate(b, b))
                .map_err(fail)?;
            painter.end_paragraph();
            let Painter { surface, links, .. } = painter;
            surface.finish();
            links
        };
        for (rect, uri) in links {
            let link =
                LinkAnnotation::new(rect, Target::Action(LinkAction::new(uri.clone()).into()));
            let id = pdf_page.add_tagged_annotation(Annotation::new_link(link, Some(uri)));
            let mut group = TagGroup::new(Tag::Link);
            group.push(id);
            tree.push(group);
        }
        pdf_page.finish();
    }
    pdf.set_tag_tree(tree);
    pdf.set_metadata(metadata(&laid.meta, options.epoch));
    pdf.finish().map_err(|e| fail(format!("{e:?}")))
}

/// One page being drawn, and what its drawing adds to the document's structure.
struct Painter<'s, 'f> {
    surface: Surface<'s>,
    tree: &'f mut TagTree,
    /// The paragraph whose lines are being drawn, and its structure element.
    paragraph: Option<(Arc<str>, TagGroup)>,
    /// Link annotations, in page coordinates: added to the page once its surface is done.
    links: Vec<(PdfRect, String)>,
    fonts: &'f mut HashMap<(u64, u32), Font>,
    langs: &'f [String],
}

impl Painter<'_, '_> {
    /// Draws `elems`, their coordinates moved by `b` (the bleed, at the top level; zero
    /// inside a group, whose transform carries it); `to_page` maps them to the page's.
    fn draw(&mut self, elems: &[Elem], b: f32, to_page: Transform) -> Result<(), String> {
        for elem in elems {
            // A paragraph's lines are runs sharing its text; the structure tree groups
            // them into one P element tagged with the paragraph's language.
            let same = matches!((&self.paragraph, elem), (Some((text, _)), Elem::Glyphs(run)) if Arc::ptr_eq(text, &run.text));
            if !same {
                self.end_paragraph();
            }
            self.elem(elem, b, to_page)?;
        }
        Ok(())
    }

    fn end_paragraph(&mut self) {
        if let Some((_, group)) = self.paragraph.take() {
            self.tree.push(group);
        }
    }

    fn elem(&mut self, elem: &Elem, b: f32, to_page: Transform) -> Result<(), String> {
        let surface = &mut self.surface;
        match elem {
            Elem::Fill {
                rect,
                color,
                radius,
            } => {
                surface.start_tagged(layout_artifact());
                fill_rect(surface, shift(rect, b), *color, *radius);
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
                    surface.set_fill(Some(solid(Rgb::BLACK)));
                    surface.draw_path(&path);
                }
                surface.end_tagged();
                let mut figure =
                    TagGroup::new(Tag::Figure(Some(format!("QR code: {}", code.payload))));
                figure.push(id);
                self.tree.push(figure);
            }
            Elem::Glyphs(run) => {
                let id = draw_run(surface, run, b, self.fonts, self.langs)
                    .ok_or_else(|| "a bundled font could not be read".to_string())?;
                let langs = self.langs;
                let (_, group) = self.paragraph.get_or_insert_with(|| {
                    let lang = langs.get(run.lang).cloned();
                    (run.text.clone(), TagGroup::new(Tag::P.with_lang(lang)))
                });
                group.push(id);
            }
            Elem::Group {
                transform,
                clip,
                elems,
            } => {
                let inner = Transform::translate(b, b).then(*transform);
                surface.push_transform(&pdf_transform(inner));
                let clipped = clip.and_then(rect_path);
                if let Some(path) = &clipped {
                    surface.push_clip_path(path, &FillRule::NonZero);
                }
                let drawn = self.draw(elems, 0.0, to_page.then(*transform));
                // A group's paragraphs end with it: the structure tree must not hold
                // content from both sides of a pop.
                self.end_paragraph();
                if clipped.is_some() {
                    self.surface.pop();
                }
                self.surface.pop();
                drawn?;
            }
            Elem::Stroke {
                points,
                width,
                color,
                dash,
            } => {
                let mut pb = PathBuilder::new();
                for (i, p) in points.iter().enumerate() {
                    if i == 0 {
                        pb.move_to(p.x + b, p.y + b);
                    } else {
                        pb.line_to(p.x + b, p.y + b);
                    }
                }
                if let Some(path) = pb.finish() {
                    surface.start_tagged(layout_artifact());
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(color.0, color.1, color.2).into(),
                        width: *width,
                        dash: dash.as_ref().map(|array| StrokeDash {
                            array: array.clone(),
                            offset: 0.0,
                        }),
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.end_tagged();
                }
            }
            Elem::Link { rect, uri } => {
                let on_page = to_page.bounds(*rect);
                if let Some(r) = PdfRect::from_xywh(on_page.x, on_page.y, on_page.w, on_page.h) {
                    self.links.push((r, uri.to_string()));
                }
            }
            Elem::Image { rect, format, data } => {
                draw_image(surface, shift(rect, b), *format, data)?;
            }
        }
        Ok(())
    }
}

/// Draws an image's own pixels stretched over `rect`, unresampled: a print shop gets
/// the resolution it was given.
#[cfg(feature = "images")]
fn draw_image(
    surface: &mut Surface,
    rect: Rect,
    format: ImageFormat,
    data: &Arc<[u8]>,
) -> Result<(), String> {
    use krilla::image::Image;
    let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.clone());
    // No interpolation: a viewer must not blur a logo's edges or a printed number.
    let image = match format {
        ImageFormat::Png => Image::from_png(bytes.into(), false),
        ImageFormat::Jpeg => Image::from_jpeg(bytes.into(), false),
    }
    .map_err(|e| format!("an image could not be read ({format:?}): {e}"))?;
    let size = krilla::geom::Size::from_wh(rect.w, rect.h)
        .ok_or_else(|| format!("an image has an empty rectangle ({} x {})", rect.w, rect.h))?;
    // The image carries no alternative text, so it is marked as decoration rather than
    // as a figure a screen reader would announce without words.
    surface.start_tagged(layout_artifact());
    surface.push_transform(&krilla::geom::Transform::from_translate(rect.x, rect.y));
    surface.draw_image(image, size);
    surface.pop();
    surface.end_tagged();
    Ok(())
}

/// krilla draws images only with its raster-images feature, about 14 s of dependencies
/// on a clean build (measured for issue 9): our `images` feature turns it on.
#[cfg(not(feature = "images"))]
fn draw_image(_: &mut Surface, _: Rect, _: ImageFormat, _: &Arc<[u8]>) -> Result<(), String> {
    Err(
        "an image cannot be drawn: this build has no raster image support \
         (build with --features images)"
            .into(),
    )
}

/// Fills and strokes that only shape the page: screen readers skip them.
fn layout_artifact() -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None))
}

fn pdf_transform(t: Transform) -> krilla::geom::Transform {
    krilla::geom::Transform::from_row(t.sx, t.ky, t.kx, t.sy, t.tx, t.ty)
}

fn rect_path(r: Rect) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(PdfRect::from_xywh(r.x, r.y, r.w, r.h)?);
    pb.finish()
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
    fonts: &mut HashMap<(u64, u32), Font>,
    langs: &[String],
) -> Option<Identifier> {
    let font = pdf_font(fonts, &run.font)?;
    let id = surface.start_tagged(ContentTag::Span(
        SpanTag::empty().with_lang(langs.get(run.lang).map(String::as_str)),
    ));
    let run_text = if run.rtl {
        reversed_clusters(run)
    } else {
        run.text.to_string()
    };
    // Clusters of several glyphs are written so that extraction reads no space inside
    // their word (see `text`).
    let written = text::written(run, &run_text);
    let s = run.size;
    let glyphs: Vec<KrillaGlyph> = written
        .glyphs
        .iter()
        .zip(&written.ranges)
        .map(|(g, range)| {
            KrillaGlyph::new(
                GlyphId::new(g.id),
                g.advance / s,
                g.dx / s,
                // krilla takes offsets as the shaper gives them, y up; layout keeps them
                // y down like the page. Passed as is, a mark stacked above another would
                // be drawn below it.
                -g.dy / s,
                0.0,
                range.clone(),
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
        &written.text,
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

fn metadata(meta: &Meta, epoch: Option<i64>) -> Metadata {
    let mut m = Metadata::new()
        .title(meta.title.clone())
        .description(meta.subject.clone())
        .language(meta.language().to_string())
        .keywords(meta.keywords.clone())
        .creator(format!("bridgeprint {}", env!("CARGO_PKG_VERSION")))
        .producer(format!(
            "bridgeprint {} (krilla)",
            env!("CARGO_PKG_VERSION")
        ))
        .text_direction(match meta.direction {
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
