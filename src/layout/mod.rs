//! Layout stage: a composed [`Document`] to a [`LaidDocument`]: pages of positioned glyph
//! runs, rectangles, QR modules, strokes, links, images and groups, plus the [`Meta`] a
//! backend needs. Text that does not fit its box is an error here, never clipped.
//!
//! A [`LaidDocument`] is all a backend ([`crate::render`]) or the read-back sees: it
//! carries no reference to the composed document or the content.

pub mod breaks;
pub mod fonts;
pub mod ink;
pub mod keeps;
pub mod links;
mod pages;
mod spacing;
mod text;

use std::ops::Range;
use std::sync::Arc;

pub use fonts::Fonts;
pub use pages::{Break, Part};
pub use spacing::{CLEARANCE_EM, MARK_CLEARANCE_EM, clearance_em};
pub use text::{TextProblem, shape_line};

use crate::compose::{Block, Document, Item, Page, Role, Span, TextStyle, VAlign};
use crate::content::Status;
use crate::error::{Error, Of};
use crate::qr::{QUIET_ZONE, QrMatrix};
use crate::types::{Direction, Point, Rect, Rgb, Size, Transform};

/// A document with every glyph placed: all a backend needs.
#[derive(Debug, Clone)]
pub struct LaidDocument {
    pub meta: Meta,
    pub pages: Vec<LaidPage>,
}

/// What a backend writes about the document besides its pages, and how messages name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub subject: String,
    /// What a screen reader says for the QR code of each contact, by contact key.
    pub qr_alt: Vec<crate::types::QrAlt>,
    /// The document's language tags, the main one first; [`GlyphRun::lang`] indexes them.
    pub langs: Vec<String>,
    /// The direction of the page (the main language's).
    pub direction: Direction,
    pub keywords: Vec<String>,
    /// Some of its text is a translation no native reader has reviewed yet.
    pub draft: bool,
    /// How messages name it: `es`, `en+es`.
    pub locale: String,
    /// Which document it is, for messages: kind, paper, pair.
    pub of: Of,
}

impl Meta {
    /// The document's description for the PDF: its title, subject, languages and the
    /// keywords a print shop searches by (kind, locale, translation status).
    pub fn of(doc: &Document) -> Meta {
        // A discreet kind's file says nothing of what it is about: a phone shows it.
        let topic = (!doc.kind.spec().discreet).then(|| "human trafficking".to_string());
        let mut keywords: Vec<String> = topic.into_iter().collect();
        keywords.extend([
            format!("kind: {}", doc.kind.name()),
            format!("locale: {}", doc.locale),
            format!("translation: {}", doc.status.as_str()),
        ]);
        let draft = doc.status == Status::Draft;
        if draft {
            keywords.push("translation not yet reviewed by a native reader".into());
        }
        Meta {
            title: doc.title.clone(),
            subject: doc.subject.clone(),
            qr_alt: doc.qr_alt.clone(),
            langs: doc.langs.iter().map(|l| l.tag.clone()).collect(),
            direction: doc.direction,
            keywords,
            draft,
            locale: doc.locale.clone(),
            of: doc.of(),
        }
    }

    /// The main language: the first language's tag, or the document's name without one.
    pub fn language(&self) -> &str {
        self.langs.first().unwrap_or(&self.locale)
    }

    /// The alternative text of the QR code of `contact`, if the content gives one.
    pub fn qr_alt(&self, contact: &str) -> Option<&crate::types::QrAlt> {
        self.qr_alt
            .iter()
            .find(|a| a.contact == contact && !a.text.trim().is_empty())
    }
}

/// The structure elements a piece of content sits in, outermost first: what a screen
/// reader navigates by (a list and its items, a table and its cells, the hotline panel).
pub type Path = Arc<[Container]>;

/// One structure element around content; `id` tells apart two neighbours of one kind
/// (two lists in a row are two lists, not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Container {
    pub id: u64,
    pub kind: ContainerKind,
}

/// The kinds of structure element layout makes around paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// A bulleted list; its items hold a label (the bullet) and a body (the text).
    List,
    ListItem,
    Label,
    ListBody,
    Table,
    Row,
    /// A header cell: of its column (the header row) or of its row (the row's label).
    Header(HeaderScope),
    Cell,
    /// The hotline panel: the code, its caption and what it says about calling.
    Section,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderScope {
    Column,
    Row,
}

impl Container {
    /// A new element of `kind`, unlike any other made in this process.
    fn new(kind: ContainerKind) -> Container {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Container {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            kind,
        }
    }
}

/// Puts all content in `elems` (in groups too) inside `container`.
fn enclose(elems: &mut [Elem], container: Container) {
    let wrap = |path: &mut Path| {
        *path = std::iter::once(container)
            .chain(path.iter().copied())
            .collect();
    };
    for e in elems {
        match e {
            Elem::Glyphs(run) => wrap(&mut run.path),
            Elem::Qr { path, .. } => wrap(path),
            Elem::Group { elems, .. } => enclose(elems, container),
            _ => {}
        }
    }
}

/// The crop marks' geometry, for the writer, which knows layout and not compose.
pub use crate::compose::print::{MARK_LENGTH, MARK_OFFSET, MARK_WIDTH};

/// One page: trim size, bleed and what to draw, in points from the trim's top-left.
#[derive(Debug, Clone)]
pub struct LaidPage {
    pub size: Size,
    pub bleed: f32,
    /// Beyond the bleed on every side: room for notes to the print shop (a draft
    /// notice, the crop marks and the job's name), cut away with the bleed. Nothing of the
    /// document itself goes there.
    pub slug: f32,
    /// Crop marks at the trim's corners, beyond the bleed (`--marks`): the writer draws
    /// them from the page's geometry.
    pub marks: bool,
    pub elems: Vec<Elem>,
}

/// Something to draw.
#[derive(Debug, Clone)]
pub enum Elem {
    Fill {
        rect: Rect,
        color: Rgb,
        radius: f32,
    },
    Glyphs(GlyphRun),
    /// A QR symbol: `rect` is the symbol without its quiet zone; `contact` is the key of
    /// the record it encodes.
    Qr {
        rect: Rect,
        code: QrMatrix,
        contact: Arc<str>,
        /// The structure elements it sits in (see [`GlyphRun::path`]).
        path: Path,
    },
    /// Elements in their own coordinates, drawn through `transform` (a card turned on an
    /// imposed sheet, a scaled preview) and cut to `clip`, a rectangle in those
    /// coordinates, when it is set.
    Group {
        transform: Transform,
        clip: Option<Rect>,
        elems: Vec<Elem>,
    },
    /// A line through `points` (two for a rule, more for a polyline), `width` points wide,
    /// dashed when `dash` gives the lengths of dash and gap, in points, in turn.
    Stroke {
        points: Vec<Point>,
        width: f32,
        color: Rgb,
        dash: Option<Vec<f32>>,
        /// A spot colour's name (`CutContour`), `color` standing in for it on screen; or
        /// [`BLACK_INK`] for black ink alone.
        spot: Option<Arc<str>>,
    },
    /// A clickable area (over a run or a code) that opens `uri`: `tel:`, `sms:` or
    /// `https:`. It prints nothing.
    Link {
        rect: Rect,
        uri: Arc<str>,
    },
    /// An image (PNG, JPEG or SVG bytes) stretched over `rect`. With `alt` it is a figure
    /// a screen reader announces by those words; without, decoration (a logo whose name is
    /// printed beside it).
    Image {
        rect: Rect,
        format: ImageFormat,
        data: Arc<[u8]>,
        alt: Option<Arc<str>>,
    },
}

pub use crate::types::ImageFormat;

/// The `spot` of a [`Elem::Stroke`] drawn in black ink alone (DeviceGray, the K plate
/// only), not a spot colour: crop marks and cut lines, which must not be four-colour black.
pub const BLACK_INK: &str = "K only";

impl Elem {
    /// Moved by (dx, dy).
    fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Elem::Fill { rect, .. }
            | Elem::Qr { rect, .. }
            | Elem::Link { rect, .. }
            | Elem::Image { rect, .. } => {
                rect.x += dx;
                rect.y += dy;
            }
            Elem::Glyphs(g) => {
                g.x += dx;
                g.y += dy;
            }
            Elem::Group { transform, .. } => {
                *transform = Transform::translate(dx, dy).then(*transform);
            }
            Elem::Stroke { points, .. } => {
                for p in points {
                    p.x += dx;
                    p.y += dy;
                }
            }
        }
    }
}

/// Calls `f` on every element of `elems` and of the groups among them, depth first, in
/// drawing order, with the transform from the element's coordinates to the page's.
pub fn visit<'a>(elems: &'a [Elem], f: &mut impl FnMut(&'a Elem, Transform)) {
    visit_in(elems, Transform::IDENTITY, f);
}

fn visit_in<'a>(elems: &'a [Elem], to_page: Transform, f: &mut impl FnMut(&'a Elem, Transform)) {
    for e in elems {
        f(e, to_page);
        if let Elem::Group {
            transform, elems, ..
        } = e
        {
            visit_in(elems, to_page.then(*transform), f);
        }
    }
}

/// Glyphs of one font, size and colour on one baseline.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    pub font: parley::FontData,
    pub size: f32,
    pub color: Rgb,
    /// Start of the baseline.
    pub x: f32,
    pub y: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// The paragraph the glyphs' text ranges point into.
    pub text: Arc<str>,
    /// Draw heavier than the font: bold asked of a font with one weight (CJK).
    pub embolden: bool,
    /// Which of the document's languages the text is in.
    pub lang: usize,
    /// The run reads right to left (its glyphs are in visual order).
    pub rtl: bool,
    /// The content key of the paragraph (`texts.card.text_line`), for the read-back's
    /// messages.
    pub key: Arc<str>,
    /// The contact whose QR code this text speaks for (its caption, or the number beside
    /// it), if any.
    pub caption_of: Option<Arc<str>>,
    /// What its paragraph is to a screen reader (paragraph, heading, artifact); text
    /// directly in a list label or body or a table cell is [`Role::Paragraph`] with that
    /// container last in `path`.
    pub role: Role,
    /// The structure elements its paragraph sits in, outermost first.
    pub path: Path,
}

impl GlyphRun {
    /// The run's text in logical (reading) order.
    pub fn logical_text(&self) -> &str {
        let start = self.glyphs.iter().map(|g| g.text.start).min().unwrap_or(0);
        let end = self.glyphs.iter().map(|g| g.text.end).max().unwrap_or(0);
        self.text.get(start..end).unwrap_or_default()
    }
}

/// A glyph with its advance and offsets in points and the text it stands for.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    pub id: u32,
    pub advance: f32,
    pub dx: f32,
    pub dy: f32,
    pub text: Range<usize>,
}

/// Laid-out content relative to its own top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub h: f32,
    pub elems: Vec<Elem>,
    /// Space wanted below it when something follows.
    pub after: f32,
    /// The bottom edge of each text block with its content key, so an overflow can name
    /// the text that crosses the edge.
    pub marks: Vec<(String, f32)>,
    /// Where a flow may end a page inside it (between lines, list items, table rows).
    pub breaks: Vec<Break>,
}

impl Laid {
    /// Moves everything by (dx, dy) and hands over the elements, keeping the marks in `marks`.
    fn place(self, dx: f32, dy: f32, marks: &mut Vec<(String, f32)>) -> Vec<Elem> {
        marks.extend(self.marks.iter().map(|(k, b)| (k.clone(), b + dy)));
        self.translate(dx, dy)
    }

    fn translate(mut self, dx: f32, dy: f32) -> Vec<Elem> {
        for e in &mut self.elems {
            e.translate(dx, dy);
        }
        self.elems
    }
}

/// A document of `kind` on Letter, in one language: for tests of one frame.
#[cfg(test)]
fn of_kind(kind: crate::compose::Kind) -> Of {
    Of {
        kind,
        paper: kind.uses_paper().then_some(crate::compose::Paper::Letter),
        pair: None,
    }
}

/// The document being laid out: who it is for (for error messages) and how the text of
/// the current language is set.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    /// Which document, for errors.
    of: &'a Of,
    /// One per language of the document.
    envs: &'a [text::TextEnv],
    lang: usize,
    locale: &'a str,
    rtl: bool,
    text: &'a text::TextEnv,
    /// The contact whose QR code the text being laid out speaks for.
    caption: Option<&'a str>,
    /// What every QR caption frame of the page is scaled by (see [`caption_scale`]).
    caption_scale: f32,
    /// A flow's "(continued)": set after a section's heading repeated on the next page.
    continued: Option<&'a str>,
    /// A frame's first fitting pass: a CJK paragraph that fits only by the last resort
    /// of its break rules is reported too wide, so that the frame shrinks its text
    /// instead (see [`text::paragraph_in_frame`] and [`fit_frame`]).
    strict_breaks: bool,
}

impl<'a> Ctx<'a> {
    fn new(of: &'a Of, envs: &'a [text::TextEnv], lang: usize) -> Option<Self> {
        let env = envs.get(lang)?;
        Some(Ctx {
            of,
            envs,
            lang,
            locale: env.tag(),
            rtl: env.rtl(),
            text: env,
            caption: None,
            caption_scale: 1.0,
            continued: None,
            strict_breaks: false,
        })
    }

    fn overflow(&self, key: &str, detail: String) -> Error {
        Error::Overflow {
            locale: self.locale.to_string(),
            kind: self.of.kind,
            paper: self.of.paper,
            pair: self.of.pair.clone(),
            key: key.to_string(),
            detail,
            origin: None,
        }
    }

    fn problem(&self, message: String) -> Error {
        layout_error(self.locale, self.of, message)
    }
}

fn layout_error(locale: &str, of: &Of, message: String) -> Error {
    Error::Layout {
        locale: locale.to_string(),
        kind: of.kind,
        paper: of.paper,
        pair: of.pair.clone(),
        message,
    }
}

/// Lays out every page of `doc`.
pub fn layout(doc: &Document, fonts: &mut Fonts) -> Result<LaidDocument, Error> {
    let of = doc.of();
    for lang in &doc.langs {
        if let Some(family) = lang.fonts.iter().find(|f| !fonts.has_family(f)) {
            return Err(layout_error(
                &lang.tag,
                &of,
                format!(
                    "locale.toml names the font family `{family}`, which is neither bundled nor in a --font-dir"
                ),
            ));
        }
    }
    let envs: Vec<text::TextEnv> = doc
        .langs
        .iter()
        .map(|l| {
            text::TextEnv::new(
                &l.tag,
                &l.fonts,
                &fonts.extra,
                l.direction == Direction::Rtl,
            )
        })
        .collect();
    let mut ctx = Ctx::new(&of, &envs, 0)
        .ok_or_else(|| layout_error(&doc.locale, &of, "a document without a language".into()))?;
    ctx.continued = doc.flow.as_ref().and_then(|f| f.continued.as_deref());
    let mut pages = Vec::new();
    for page in &doc.pages {
        let mut laid = lay_page(page, fonts, &ctx)?;
        laid.slug = doc.slug;
        pages.push(laid);
    }
    if let Some(flow) = &doc.flow {
        let bodies = pages::pour(flow, doc.kind.spec().text_floor, fonts, &ctx)?;
        let total = bodies.len();
        for (i, mut elems) in bodies.into_iter().enumerate() {
            let mut page = lay_page(
                &Page {
                    size: flow.size,
                    bleed: flow.bleed,
                    items: flow.items.clone(),
                },
                fonts,
                &ctx,
            )?;
            page.elems.append(&mut elems);
            if let Some(footer) = &flow.footer {
                let label = footer
                    .template
                    .replace("{page}", &(i + 1).to_string())
                    .replace("{pages}", &total.to_string());
                // The page number is furniture: a reader knows the page already.
                let style = footer.style.role(Role::Artifact);
                let block = Block::para(footer.key.as_str(), &label, style);
                let laid = lay_blocks(std::slice::from_ref(&block), footer.rect.w, fonts, &ctx)?;
                page.elems
                    .extend(laid.translate(footer.rect.x, footer.rect.y));
            }
            pages.push(page);
        }
    }
    if let Some(slug) = &doc.marks {
        mark(&mut pages, slug, fonts, &ctx)?;
    }
    Ok(LaidDocument {
        meta: Meta::of(doc),
        pages,
    })
}

/// Crop marks on every page, and the job's name and page in the slug above the trim.
fn mark(
    pages: &mut [LaidPage],
    slug: &crate::compose::print::Slug,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<(), Error> {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.marks = true;
        page.slug += crate::compose::print::MARK_ZONE;
        let rect = crate::compose::print::Slug::rect(page.size.w, page.bleed);
        let block = slug.block(i + 1, total);
        let laid = lay_blocks(std::slice::from_ref(&block), rect.w, fonts, ctx)?;
        // At the foot of its room, next to the bleed: clear of the marks' ends.
        let dy = (rect.h - laid.h).max(0.0);
        page.elems.extend(laid.translate(rect.x, rect.y + dy));
    }
    Ok(())
}

fn lay_page(page: &Page, fonts: &mut Fonts, ctx: &Ctx) -> Result<LaidPage, Error> {
    let ctx = &Ctx {
        caption_scale: caption_scale(&page.items, fonts, ctx)?,
        ..*ctx
    };
    let mut elems = Vec::new();
    for item in &page.items {
        lay_item(item, &mut elems, fonts, ctx)?;
    }
    Ok(LaidPage {
        size: page.size,
        bleed: page.bleed,
        slug: 0.0,
        marks: false,
        elems,
    })
}

/// The quarter turn counterclockwise that takes a box `rect.h` wide and `rect.w` tall at
/// the origin onto `rect`: its x axis runs up the page, its y axis to the right.
pub fn turned_into(rect: Rect) -> Transform {
    Transform::translate(rect.x, rect.y + rect.h).then(Transform::rotate(-90.0))
}

fn lay_item(item: &Item, elems: &mut Vec<Elem>, fonts: &mut Fonts, ctx: &Ctx) -> Result<(), Error> {
    {
        match item {
            Item::Turned { rect, item } => {
                let mut inner = Vec::new();
                lay_item(item, &mut inner, fonts, ctx)?;
                elems.push(Elem::Group {
                    transform: turned_into(*rect),
                    clip: None,
                    elems: inner,
                });
            }
            Item::Line {
                points,
                width,
                color,
                dash,
                spot,
            } => elems.push(Elem::Stroke {
                points: points.clone(),
                width: *width,
                color: *color,
                dash: dash.clone(),
                spot: spot.map(Arc::from),
            }),
            Item::Fill {
                rect,
                color,
                radius,
                ..
            } => elems.push(Elem::Fill {
                rect: *rect,
                color: *color,
                radius: *radius,
            }),
            Item::Qr {
                rect,
                code,
                contact,
            } => elems.extend(qr_elems(*rect, code, contact)),
            Item::Image { rect, picture, alt } => {
                elems.push(image_elem(*rect, picture, alt.as_deref()))
            }
            Item::Frame {
                rect,
                blocks,
                valign,
                shrink_to,
            } => {
                let scaled: Vec<Block>;
                let blocks = match ctx.caption_scale < 1.0 && is_caption_frame(blocks) {
                    true => {
                        scaled = blocks.iter().map(|b| b.scaled(ctx.caption_scale)).collect();
                        &scaled[..]
                    }
                    false => &blocks[..],
                };
                let (laid, dy, _) = fit_frame(blocks, *rect, *shrink_to, *valign, fonts, ctx)?;
                elems.extend(laid.translate(rect.x, rect.y + dy));
            }
        }
    }
    Ok(())
}

/// A picture's element over `rect`.
fn image_elem(rect: Rect, picture: &crate::types::Picture, alt: Option<&str>) -> Elem {
    Elem::Image {
        rect,
        format: picture.format,
        data: picture.data.clone(),
        alt: alt.map(Arc::from),
    }
}

/// A frame that holds QR captions and nothing else: a code's caption beside or under it.
fn is_caption_frame(blocks: &[Block]) -> bool {
    !blocks.is_empty() && blocks.iter().all(|b| matches!(b, Block::Caption { .. }))
}

/// One size for all QR captions of a page: the factor of the caption frame that must
/// shrink most to fit, which every caption frame of the page is then scaled by. Two codes
/// side by side whose captions shrank each as far as it had to printed them in two sizes
/// (a Russian poster on A4); captions of one size read as a pair.
fn caption_scale(items: &[Item], fonts: &mut Fonts, ctx: &Ctx) -> Result<f32, Error> {
    let mut f: f32 = 1.0;
    for item in items {
        if let Item::Frame {
            rect,
            blocks,
            valign,
            shrink_to,
        } = item
            && is_caption_frame(blocks)
        {
            let (_, _, g) = fit_frame(blocks, *rect, *shrink_to, *valign, fonts, ctx)?;
            f = f.min(g);
        }
    }
    Ok(f)
}

/// Ink may reach this far past a frame's edge, in points: less than anti-aliasing shows.
pub const INK_TOLERANCE: f32 = 0.25;

/// Lays out a frame's blocks, shrinking their text in steps of 4% when they do not fit,
/// down to `shrink_to` points for the smallest text. Past that it is an overflow error.
/// Fitting means both the line boxes and the glyphs' ink (marks stacked above a letter,
/// a tall accented capital) lie inside the frame. Returns the content, how far down the
/// frame it goes and the factor its text was scaled by.
///
/// Chinese, Japanese and Korean text first fits without the last resort of its break
/// rules (a Korean number parted from its particle): the text shrinks, down to the floor,
/// to keep the number and its particle on one line. Only when no size down to the floor
/// does it is the frame set again with the last resort, at the largest size that fits:
/// never clipped, never below the floor, and no smaller than the break needs.
fn fit_frame(
    blocks: &[Block],
    rect: Rect,
    shrink_to: Option<f32>,
    valign: VAlign,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<(Laid, f32, f32), Error> {
    if !ctx.envs.iter().any(text::TextEnv::breaks_cjk) {
        return fit_frame_pass(blocks, rect, shrink_to, valign, fonts, ctx);
    }
    let strict = &Ctx {
        strict_breaks: true,
        ..*ctx
    };
    match fit_frame_pass(blocks, rect, shrink_to, valign, fonts, strict) {
        Err(Error::Overflow { .. }) => fit_frame_pass(blocks, rect, shrink_to, valign, fonts, ctx),
        fitted => fitted,
    }
}

/// One pass of [`fit_frame`], under `ctx`'s break rules.
fn fit_frame_pass(
    blocks: &[Block],
    rect: Rect,
    shrink_to: Option<f32>,
    valign: VAlign,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<(Laid, f32, f32), Error> {
    let smallest = blocks
        .iter()
        .filter_map(Block::smallest_size)
        .reduce(f32::min);
    let lowest = match (shrink_to, smallest) {
        (Some(floor), Some(small)) if small > floor => floor / small,
        _ => 1.0,
    };
    let mut f: f32 = 1.0;
    loop {
        let scaled: Vec<Block>;
        let current = if f < 1.0 {
            scaled = blocks.iter().map(|b| b.scaled(f)).collect();
            &scaled[..]
        } else {
            blocks
        };
        let problem = match lay_blocks(current, rect.w, fonts, ctx) {
            Ok(laid) if laid.h <= rect.h + 0.5 => {
                let ink = printed_extent(fonts, &laid.elems);
                match place_in_frame(rect, laid.h, valign, ink) {
                    Ok(dy) => return Ok((laid, dy, f)),
                    Err(outside) => {
                        let key =
                            ink_key(&laid, fonts, rect, valign_offset(valign, rect.h, laid.h))
                                .or_else(|| first_key(blocks))
                                .unwrap_or_default();
                        ctx.overflow(&key, ink_detail(outside))
                    }
                }
            }
            Ok(laid) => {
                let key = laid
                    .marks
                    .iter()
                    .find(|(_, bottom)| *bottom > rect.h + 0.5)
                    .map(|(k, _)| k.clone())
                    .or_else(|| first_key(blocks))
                    .unwrap_or_default();
                ctx.overflow(
                    &key,
                    format!(
                        "{:.1} pt too tall ({:.1} pt of content in a {:.1} pt box, {:.0}% too long)",
                        laid.h - rect.h,
                        laid.h,
                        rect.h,
                        (laid.h / rect.h - 1.0) * 100.0
                    ),
                )
            }
            Err(e @ Error::Overflow { .. }) => e,
            Err(e) => return Err(e),
        };
        if f <= lowest + 1e-4 {
            return Err(match (problem, smallest) {
                (
                    Error::Overflow {
                        locale,
                        kind,
                        paper,
                        pair,
                        key,
                        detail,
                        origin,
                    },
                    Some(small),
                ) if lowest < 1.0 => Error::Overflow {
                    locale,
                    kind,
                    paper,
                    pair,
                    key,
                    origin,
                    detail: format!(
                        "{detail} even with its text shrunk to the {:.1} pt floor",
                        small * f
                    ),
                },
                (p, _) => p,
            });
        }
        f = (f * 0.96).max(lowest);
    }
}

/// How far down a frame `h` tall content `content_h` tall goes when aligned by its line
/// boxes.
fn valign_offset(valign: VAlign, h: f32, content_h: f32) -> f32 {
    match valign {
        VAlign::Top => 0.0,
        VAlign::Center => (h - content_h) / 2.0,
        VAlign::Bottom => h - content_h,
        VAlign::CenterAbove(lift) => ((h - content_h) / 2.0 - lift).max(0.0),
    }
}

/// Where content goes down a frame so that what it prints stays inside: where its line
/// boxes align it when that keeps the ink inside; otherwise moved just far enough, as a
/// headline of Thai or Vietnamese marks at the top of a frame with room below it moves
/// down by the height of its marks (line boxes print nothing and may then cross the edge).
/// When no place works, how far the ink reaches outside at the aligned place: (left,
/// top, right, bottom).
fn place_in_frame(
    rect: Rect,
    content_h: f32,
    valign: VAlign,
    ink: Option<ink::InkBox>,
) -> Result<f32, [f32; 4]> {
    let aligned = valign_offset(valign, rect.h, content_h);
    let Some(ink) = ink else {
        return Ok(aligned);
    };
    let at = ink.translate(0.0, aligned).outside(rect.w, rect.h);
    if at.iter().all(|d| *d <= INK_TOLERANCE) {
        return Ok(aligned);
    }
    if at[0] > INK_TOLERANCE || at[2] > INK_TOLERANCE {
        return Err(at);
    }
    fit_span(
        ink.top + aligned,
        ink.bottom + aligned,
        rect.h,
        INK_TOLERANCE,
    )
    .map(|shift| aligned + shift)
    .ok_or(at)
}

/// The smallest move that puts `start..end` inside `0..len`: zero when it is inside
/// within `tolerance` already, the move that centres it when it is longer than `len` by
/// no more than twice the tolerance, `None` when it is longer still.
pub(crate) fn fit_span(start: f32, end: f32, len: f32, tolerance: f32) -> Option<f32> {
    if start >= -tolerance && end <= len + tolerance {
        return Some(0.0);
    }
    let (lo, hi) = (-start, len - end);
    if lo <= hi {
        Some(0.0f32.clamp(lo, hi))
    } else if lo - hi <= 2.0 * tolerance {
        Some((lo + hi) / 2.0)
    } else {
        None
    }
}

/// What `elems` print, relative to their own origin: glyph ink, fills and QR symbols.
fn printed_extent(fonts: &mut Fonts, elems: &[Elem]) -> Option<ink::InkBox> {
    let boxes = elems.iter().map(|e| match e {
        Elem::Glyphs(run) => fonts.ink.run(run),
        Elem::Fill { rect, .. } | Elem::Qr { rect, .. } | Elem::Image { rect, .. } => {
            Some(ink::InkBox::of(*rect))
        }
        Elem::Link { .. } => None,
        Elem::Stroke { points, width, .. } => stroke_extent(points, *width),
        Elem::Group {
            transform,
            clip,
            elems,
        } => {
            let inner = printed_extent(fonts, elems)?;
            let inner = match clip {
                Some(c) => inner.intersect(ink::InkBox::of(*c))?,
                None => inner,
            };
            Some(ink::InkBox::of(transform.bounds(inner.rect())))
        }
    });
    boxes.flatten().reduce(ink::InkBox::union)
}

/// Where a stroke's paint can reach: its points' box grown by half its width on every
/// side (a miter joint can reach further; rules and polylines here keep square ends).
fn stroke_extent(points: &[Point], width: f32) -> Option<ink::InkBox> {
    let half = width / 2.0;
    points
        .iter()
        .map(|p| ink::InkBox {
            left: p.x - half,
            top: p.y - half,
            right: p.x + half,
            bottom: p.y + half,
        })
        .reduce(ink::InkBox::union)
}

/// The content key of the text whose ink reaches furthest out of the frame, the content
/// placed `dy` down it: the text block whose bottom is the first at or below the run's
/// baseline.
fn ink_key(laid: &Laid, fonts: &mut Fonts, rect: Rect, dy: f32) -> Option<String> {
    let worst = laid
        .elems
        .iter()
        .filter_map(|e| match e {
            Elem::Glyphs(run) => {
                let ink = fonts.ink.run(run)?.translate(0.0, dy);
                let out = ink.outside(rect.w, rect.h).into_iter().fold(0.0, f32::max);
                Some((run.y, out))
            }
            _ => None,
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    laid.marks
        .iter()
        .filter(|(_, bottom)| *bottom >= worst.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k.clone())
}

/// "ink reaches 3.2 pt above its box": each side the ink crosses, worst first.
fn ink_detail(outside: [f32; 4]) -> String {
    let mut sides: Vec<(f32, &str)> = outside
        .into_iter()
        .zip(["left of", "above", "right of", "below"])
        .filter(|(d, _)| *d > INK_TOLERANCE)
        .collect();
    sides.sort_by(|a, b| b.0.total_cmp(&a.0));
    let said: Vec<String> = sides
        .iter()
        .map(|(d, side)| format!("{d:.1} pt {side}"))
        .collect();
    format!(
        "ink reaches {} its box (stacked marks or tall letters print beyond the lines)",
        said.join(" and ")
    )
}

/// The symbol plus a white square under it and its quiet zone, so it scans on any
/// background.
fn qr_elems(rect: Rect, code: &QrMatrix, contact: &str) -> [Elem; 2] {
    let quiet = rect.w / code.width as f32 * QUIET_ZONE as f32;
    [
        Elem::Fill {
            rect: Rect::new(
                rect.x - quiet,
                rect.y - quiet,
                rect.w + 2.0 * quiet,
                rect.h + 2.0 * quiet,
            ),
            color: Rgb::WHITE,
            radius: 0.0,
        },
        Elem::Qr {
            rect,
            code: code.clone(),
            contact: Arc::from(contact),
            path: Arc::new([]),
        },
    ]
}

/// The content key of the first text in `blocks`, to name in an error.
fn first_key(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Para { key, .. } | Block::Bullets { key, .. } | Block::Table { key, .. } => {
            Some(key.clone())
        }
        Block::Columns { cols, .. } => cols.iter().find_map(|c| first_key(c)),
        Block::Panel { blocks, .. }
        | Block::Keep(blocks)
        | Block::Section(blocks)
        | Block::Lang { blocks, .. }
        | Block::Caption { blocks, .. } => first_key(blocks),
        Block::QrBeside { blocks, .. } | Block::Figure { blocks, .. } => first_key(blocks),
        Block::Space(_) => None,
    })
}

/// Stacks blocks top to bottom; the trailing space of the last one is not counted.
fn lay_blocks(blocks: &[Block], width: f32, fonts: &mut Fonts, ctx: &Ctx) -> Result<Laid, Error> {
    let mut out = Laid::default();
    let mut y = 0.0;
    let mut pending_after = 0.0;
    let mut stack = spacing::Stack::default();
    // The bottom of the last block that prints something, and whether it is a heading.
    let mut content_bottom: Option<f32> = None;
    let mut after_heading = false;
    for block in blocks {
        let mut laid = lay_block(block, width, fonts, ctx)?;
        y = stack.clear_at(fonts, &laid.elems, y + pending_after);
        stack.add(fonts, &laid.elems, y);
        let space = matches!(block, Block::Space(_));
        if let Some(bottom) = content_bottom
            && !space
            && !after_heading
        {
            out.breaks.push(Break::between(bottom, y));
        }
        let mut inner: Vec<Break> = std::mem::take(&mut laid.breaks)
            .into_iter()
            .map(|b| b.moved(0.0, y))
            .collect();
        if after_heading && !space {
            // A heading keeps at least two lines of what it introduces: the first break
            // of a paragraph comes after its second line, of a list after its first item.
            pages::drop_first(&mut inner);
        }
        out.breaks.extend(inner);
        let after = laid.after;
        let h = laid.h;
        out.elems.extend(laid.place(0.0, y, &mut out.marks));
        y += h;
        pending_after = after;
        if !space {
            content_bottom = Some(y);
            after_heading = is_heading(block);
        }
    }
    out.h = y;
    out.after = pending_after;
    Ok(out)
}

/// A paragraph a screen reader announces as a heading.
fn is_heading(block: &Block) -> bool {
    matches!(block, Block::Para { style, .. } if matches!(style.role, Role::Heading(_)))
}

fn para(
    key: &str,
    spans: &[Span],
    style: &TextStyle,
    width: f32,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<Laid, Error> {
    let mut laid = text::paragraph_in_frame(
        fonts,
        spans,
        style,
        width,
        ctx.text,
        ctx.lang,
        ctx.envs[0].rtl(),
        !ctx.strict_breaks,
    )
    .map_err(|p| match p {
        TextProblem::TooWide(by) => ctx.overflow(
            key,
            format!("a word is {by:.1} pt wider than its {width:.1} pt box"),
        ),
        TextProblem::Uncovered(ch) => ctx.problem(format!(
            "`{key}`: no bundled font has the character {ch:?} (U+{:04X}); it would print as a box",
            ch as u32
        )),
    })?;
    if ctx.caption.is_some()
        && ctx.text.breaks_cjk()
        && matches!(style.align, crate::types::Align::Center)
    {
        centre_lines_on_ink(fonts, &mut laid.elems, width);
    }
    laid.marks.push((key.to_string(), laid.h));
    laid.breaks = pages::line_breaks(&laid.elems);
    let artifact = is_slug(key);
    let key: Arc<str> = Arc::from(key);
    let caption_of: Option<Arc<str>> = ctx.caption.map(Arc::from);
    for e in &mut laid.elems {
        if let Elem::Glyphs(run) = e {
            run.key = key.clone();
            run.caption_of = caption_of.clone();
            if artifact {
                run.role = Role::Artifact;
            }
            drop_isolate_glyphs(run);
        }
    }
    laid.elems
        .retain(|e| !matches!(e, Elem::Glyphs(run) if run.glyphs.is_empty()));
    Ok(laid)
}

/// Centres each line of `elems`, a paragraph `width` wide, on its ink rather than its
/// advance. A CJK line is a row of em squares whose ends the eye does not see: the blank
/// half of a bracket that opens a line ("「HELP」とSMSを送信") or closes one ("傳簡訊「HELP」"),
/// the wide bearings of a kana ("と"). Centred by advance, such a caption sat up to 3.9 pt
/// off its code's centre line, which the code's square edge shows.
fn centre_lines_on_ink(fonts: &mut Fonts, elems: &mut [Elem], width: f32) {
    let mut start = 0;
    while start < elems.len() {
        let baseline = baseline_of(&elems[start]);
        let end = start
            + elems[start..]
                .iter()
                .take_while(|e| baseline_of(e) == baseline)
                .count();
        let line = &mut elems[start..end];
        let ink = line
            .iter()
            .filter_map(|e| match e {
                Elem::Glyphs(run) => fonts.ink.run(run),
                _ => None,
            })
            .reduce(ink::InkBox::union);
        if let Some(ink) = ink {
            let shift = width / 2.0 - (ink.left + ink.right) / 2.0;
            for e in line {
                if let Elem::Glyphs(run) = e {
                    run.x += shift;
                }
            }
        }
        start = end.max(start + 1);
    }
}

/// The baseline of a paragraph's run, which the runs of one line share.
fn baseline_of(e: &Elem) -> Option<f32> {
    match e {
        Elem::Glyphs(run) => Some(run.y),
        _ => None,
    }
}

/// A draft notice set again, for a margin other than the one its document gave it (an
/// imposed sheet's, where each card's own slug is cut off): the same paragraph setting,
/// style and artifact role as [`para`] gives the notice, centred in `width`. `lang` is
/// the language's index among the document's that will hold it.
#[allow(clippy::too_many_arguments)]
pub fn draft_note(
    fonts: &mut Fonts,
    text: &str,
    tag: &str,
    lang: usize,
    size: f32,
    color: Rgb,
    width: f32,
    rtl: bool,
) -> Result<Laid, TextProblem> {
    let env = text::TextEnv::new(tag, &[], &[], rtl);
    let style = TextStyle::body(size)
        .color(color)
        .align(crate::types::Align::Center)
        .after(0.0)
        .role(Role::Artifact);
    let mut laid = text::paragraph(fonts, &[Span::plain(text)], &style, width, &env, lang, rtl)?;
    let key: Arc<str> = Arc::from("texts.document.draft_notice");
    for e in &mut laid.elems {
        if let Elem::Glyphs(run) = e {
            run.key = key.clone();
            run.role = Role::Artifact;
            drop_isolate_glyphs(run);
        }
    }
    laid.elems
        .retain(|e| !matches!(e, Elem::Glyphs(run) if run.glyphs.is_empty()));
    Ok(laid)
}

/// The draft notice is a slug (outside a card's trim, in a poster's or handout's footer)
/// whichever template prints it: it describes the print, so a screen reader skips it.
fn is_slug(key: &str) -> bool {
    key == "texts.document.draft_notice" || key == crate::compose::print::SLUG_KEY
}

/// How a table's cell is tagged: the header row's cells head their columns, the first
/// cell of every other row (the point compared) heads its row.
fn cell_kind(is_header: bool, column: usize) -> ContainerKind {
    match (is_header, column) {
        (true, _) => ContainerKind::Header(HeaderScope::Column),
        (false, 0) => ContainerKind::Header(HeaderScope::Row),
        _ => ContainerKind::Cell,
    }
}

/// Removes the invisible glyphs that stand only for the isolates the tool wraps round
/// every contact value: they draw nothing, but in the PDF they carry the font's width and
/// their code points, so text copied or extracted from the page would hold them (and
/// extractors read their width as a space inside `HELP`). Their advance, if any, goes to
/// the glyph before, so nothing moves.
fn drop_isolate_glyphs(run: &mut GlyphRun) {
    let only_isolates = |r: &Range<usize>| {
        run.text.get(r.clone()).is_some_and(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c == crate::content::ISOLATE_START || c == crate::content::ISOLATE_END)
        })
    };
    if !run.glyphs.iter().any(|g| only_isolates(&g.text)) {
        return;
    }
    let mut kept: Vec<PlacedGlyph> = Vec::with_capacity(run.glyphs.len());
    for g in std::mem::take(&mut run.glyphs) {
        if only_isolates(&g.text) {
            match kept.last_mut() {
                Some(prev) => prev.advance += g.advance,
                None => run.x += g.advance,
            }
        } else {
            kept.push(g);
        }
    }
    run.glyphs = kept;
}

fn lay_block(block: &Block, width: f32, fonts: &mut Fonts, ctx: &Ctx) -> Result<Laid, Error> {
    match block {
        Block::Para { key, spans, style } => para(key, spans, style, width, fonts, ctx),
        Block::Space(h) => Ok(Laid {
            h: *h,
            ..Laid::default()
        }),
        Block::Keep(blocks) => {
            let mut laid = lay_blocks(blocks, width, fonts, ctx)?;
            pages::carry_heading(&mut laid, blocks, width, fonts, ctx)?;
            Ok(laid)
        }
        Block::Section(blocks) => {
            let mut laid = lay_blocks(blocks, width, fonts, ctx)?;
            enclose(&mut laid.elems, Container::new(ContainerKind::Section));
            Ok(laid)
        }
        Block::Lang { lang, blocks } => {
            let mut inner = Ctx::new(ctx.of, ctx.envs, *lang).ok_or_else(|| {
                ctx.problem(format!(
                    "text in language #{lang}, which the document does not have"
                ))
            })?;
            inner.caption = ctx.caption;
            lay_blocks(blocks, width, fonts, &inner)
        }
        Block::Caption { contact, blocks } => {
            let inner = Ctx {
                caption: Some(contact),
                ..*ctx
            };
            lay_blocks(blocks, width, fonts, &inner)
        }
        Block::Bullets {
            key,
            items,
            style,
            bullet,
            glyph,
        } => {
            let indent = style.size * 1.1;
            let mut out = Laid::default();
            let mut y = 0.0;
            let mut stack = spacing::Stack::default();
            for (i, item) in items.iter().enumerate() {
                let item_key = format!("{key}[{i}]");
                let text = para(&item_key, item, style, width - indent, fonts, ctx)?;
                let mark_style = TextStyle {
                    color: *bullet,
                    bold: true,
                    ..*style
                };
                let mark = para(
                    &item_key,
                    &[Span::plain(glyph.as_str())],
                    &mark_style,
                    indent,
                    fonts,
                    ctx,
                )?;
                let (text_x, mark_x) = if ctx.rtl {
                    (0.0, width - indent)
                } else {
                    (indent, 0.0)
                };
                if i > 0 {
                    out.breaks.push(Break::between(y, y + style.after));
                    y += style.after;
                }
                y = stack.clear_at(fonts, &text.elems, y);
                stack.add(fonts, &text.elems, y);
                out.breaks
                    .extend(text.breaks.iter().map(|b| b.moved(0.0, y)));
                let h = text.h;
                let mut mark = mark.translate(mark_x, y);
                let mut text = text.translate(text_x, y);
                enclose(&mut mark, Container::new(ContainerKind::Label));
                enclose(&mut text, Container::new(ContainerKind::ListBody));
                let mut item = mark;
                item.append(&mut text);
                enclose(&mut item, Container::new(ContainerKind::ListItem));
                out.elems.append(&mut item);
                y += h;
            }
            enclose(&mut out.elems, Container::new(ContainerKind::List));
            out.h = y;
            out.after = style.after * 2.0;
            // A list is named as a whole: the reader fixing it shortens the list, not
            // whichever item happens to cross the edge.
            out.marks.push((key.clone(), y));
            Ok(out)
        }
        Block::Columns { gap, cols } => {
            let n = cols.len().max(1) as f32;
            let col_w = (width - gap * (n - 1.0)) / n;
            let mut out = Laid::default();
            let mut spans = Vec::new();
            for (i, col) in cols.iter().enumerate() {
                let mut laid = lay_blocks(col, col_w, fonts, ctx)?;
                let slot = if ctx.rtl { cols.len() - 1 - i } else { i };
                let x = slot as f32 * (col_w + gap);
                spans.push(pages::Column {
                    x0: x - gap / 2.0,
                    x1: x + col_w + gap / 2.0,
                    h: laid.h,
                    breaks: std::mem::take(&mut laid.breaks),
                });
                out.h = out.h.max(laid.h);
                out.after = out.after.max(laid.after);
                out.elems.extend(laid.place(x, 0.0, &mut out.marks));
            }
            out.breaks = pages::column_breaks(&spans, out.h);
            Ok(out)
        }
        Block::Panel {
            fill,
            padding,
            blocks,
        } => {
            let inner = lay_blocks(blocks, width - 2.0 * padding, fonts, ctx)?;
            let h = inner.h + 2.0 * padding;
            let mut out = Laid {
                h,
                elems: vec![Elem::Fill {
                    rect: Rect::new(0.0, 0.0, width, h),
                    color: *fill,
                    radius: 4.0,
                }],
                ..Laid::default()
            };
            let elems = inner.place(*padding, *padding, &mut out.marks);
            out.elems.extend(elems);
            Ok(out)
        }
        Block::Figure {
            picture,
            size,
            gap,
            blocks,
            alt,
        } => {
            let text = lay_blocks(blocks, width - size.w - gap, fonts, ctx)?;
            let h = size.h.max(text.h);
            let (pic_x, text_x) = if ctx.rtl {
                (width - size.w, 0.0)
            } else {
                (0.0, size.w + gap)
            };
            let boxed = Rect::new(pic_x, (h - size.h) / 2.0, size.w, size.h);
            let mut elems = vec![image_elem(picture.fit(boxed), picture, alt.as_deref())];
            let mut marks = Vec::new();
            let (after, text_y) = (text.after, (h - text.h) / 2.0);
            elems.extend(text.place(text_x, text_y, &mut marks));
            Ok(Laid {
                h,
                elems,
                after,
                marks,
                breaks: Vec::new(),
            })
        }
        Block::QrBeside {
            code,
            contact,
            size,
            caption,
            blocks,
        } => {
            let quiet = size / code.width as f32 * QUIET_ZONE as f32;
            let square = size + 2.0 * quiet;
            let cap = lay_block(caption, square, fonts, ctx)?;
            // The caption's line box starts at the quiet zone's foot, but marks stacked
            // over a letter (Thai "พื่") rise above their line box: its ink goes no higher.
            let drop = printed_extent(fonts, &cap.elems).map_or(0.0, |ink| (-ink.top).max(0.0));
            let gap = 14.0;
            let text_w = width - square - gap;
            let text = lay_blocks(blocks, text_w, fonts, ctx)?;
            let left_h = square + drop + cap.h;
            let h = left_h.max(text.h);
            let (qr_x, text_x) = if ctx.rtl {
                (width - square, 0.0)
            } else {
                (0.0, square + gap)
            };
            let mut marks = Vec::new();
            let mut elems = vec![Elem::Fill {
                rect: Rect::new(qr_x, 0.0, square, left_h + quiet / 2.0),
                color: Rgb::WHITE,
                radius: 2.0,
            }];
            elems.extend(qr_elems(
                Rect::new(qr_x + quiet, quiet, *size, *size),
                code,
                contact,
            ));
            elems.extend(cap.place(qr_x, square + drop, &mut marks));
            let text_y = (h - text.h) / 2.0;
            elems.extend(text.place(text_x, text_y, &mut marks));
            enclose(&mut elems, Container::new(ContainerKind::Section));
            Ok(Laid {
                h: h + quiet / 2.0,
                elems,
                after: 0.0,
                marks,
                breaks: Vec::new(),
            })
        }
        Block::Table {
            key,
            widths,
            header,
            rows,
            style,
            header_fill,
            header_ink,
            header_bold,
            stripe,
        } => {
            let pad = style.size * 0.5;
            let mut out = Laid::default();
            let mut y = 0.0;
            let header_style = TextStyle {
                bold: *header_bold,
                color: *header_ink,
                ..*style
            };
            let mut header_again: Option<Laid> = None;
            let all_rows = std::iter::once((header, true)).chain(rows.iter().map(|r| (r, false)));
            for (r, (cells, is_header)) in all_rows.enumerate() {
                let mut laid_cells = Vec::new();
                let mut row_h: f32 = 0.0;
                let mut x = 0.0;
                for (c, cell) in cells.iter().enumerate() {
                    let w = widths.get(c).copied().unwrap_or(0.0) * width;
                    let cell_style = if is_header {
                        header_style
                    } else if c == 0 {
                        TextStyle {
                            bold: true,
                            ..*style
                        }
                    } else {
                        *style
                    };
                    let cell_key = format!("{key}[{r}][{c}]");
                    let laid = para(
                        &cell_key,
                        &[Span::plain(cell.as_str())],
                        &cell_style,
                        w - 2.0 * pad,
                        fonts,
                        ctx,
                    )?;
                    row_h = row_h.max(laid.h + 2.0 * pad);
                    let cx = if ctx.rtl { width - x - w } else { x };
                    laid_cells.push((cx, laid, cell_kind(is_header, c)));
                    x += w;
                }
                let fill = if is_header {
                    Some(*header_fill)
                } else if r % 2 == 0 {
                    Some(*stripe)
                } else {
                    None
                };
                if let Some(color) = fill {
                    out.elems.push(Elem::Fill {
                        rect: Rect::new(0.0, y, width, row_h),
                        color,
                        radius: 0.0,
                    });
                }
                let mut row = Vec::new();
                for (cx, laid, kind) in laid_cells {
                    let mut elems = laid.place(cx + pad, y + pad, &mut out.marks);
                    enclose(&mut elems, Container::new(kind));
                    row.append(&mut elems);
                }
                if r == 0 {
                    // Repeated over the rest on a later page: furniture there, so a
                    // screen reader reads the header once.
                    let mut again: Vec<Elem> = out.elems.clone();
                    again.extend(row.iter().cloned());
                    header_again = Some(Laid {
                        h: row_h,
                        elems: pages::as_artifacts(again),
                        ..Laid::default()
                    });
                } else if r >= 2 {
                    let mut b = Break::between(y, y);
                    b.carry.extend(header_again.clone());
                    out.breaks.push(b);
                }
                enclose(&mut row, Container::new(ContainerKind::Row));
                out.elems.append(&mut row);
                y += row_h;
            }
            enclose(&mut out.elems, Container::new(ContainerKind::Table));
            out.h = y;
            out.after = style.after;
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(rect: Rect) -> Elem {
        Elem::Fill {
            rect,
            color: Rgb::BLACK,
            radius: 0.0,
        }
    }

    fn extent(elems: &[Elem]) -> Option<[f32; 4]> {
        printed_extent(&mut Fonts::new(), elems).map(|b| [b.left, b.top, b.right, b.bottom])
    }

    #[test]
    fn a_group_prints_what_its_clip_keeps_where_its_transform_puts_it() {
        // So a frame holding a group is fitted by the group's ink, not its contents'.
        let group = Elem::Group {
            transform: Transform::translate(10.0, 20.0).then(Transform::scale(2.0, 2.0)),
            clip: Some(Rect::new(0.0, 0.0, 5.0, 4.0)),
            elems: vec![fill(Rect::new(0.0, 0.0, 100.0, 100.0))],
        };
        assert_eq!(extent(&[group]), Some([10.0, 20.0, 20.0, 28.0]));
    }

    #[test]
    fn a_stroke_prints_half_its_width_beyond_its_points_and_a_link_prints_nothing() {
        let stroke = Elem::Stroke {
            points: vec![Point::new(0.0, 10.0), Point::new(50.0, 10.0)],
            width: 2.0,
            color: Rgb::BLACK,
            dash: None,
            spot: None,
        };
        let link = Elem::Link {
            rect: Rect::new(-40.0, -40.0, 200.0, 200.0),
            uri: Arc::from("tel:+18883737888"),
        };
        assert_eq!(
            extent(&[stroke, link.clone()]),
            Some([-1.0, 9.0, 51.0, 11.0])
        );
        assert_eq!(extent(&[link]), None);
    }

    #[test]
    fn moving_laid_content_moves_a_group_and_a_strokes_points() {
        let laid = Laid {
            elems: vec![
                Elem::Group {
                    transform: Transform::scale(2.0, 2.0),
                    clip: None,
                    elems: vec![fill(Rect::new(1.0, 1.0, 1.0, 1.0))],
                },
                Elem::Stroke {
                    points: vec![Point::new(1.0, 2.0)],
                    width: 1.0,
                    color: Rgb::BLACK,
                    dash: None,
                    spot: None,
                },
            ],
            ..Laid::default()
        };
        let moved = laid.translate(5.0, 7.0);
        match &moved[0] {
            Elem::Group { transform, .. } => {
                assert_eq!(transform.apply(Point::new(1.0, 1.0)), Point::new(7.0, 9.0));
            }
            e => panic!("{e:?}"),
        }
        match &moved[1] {
            Elem::Stroke { points, .. } => assert_eq!(points[0], Point::new(6.0, 9.0)),
            e => panic!("{e:?}"),
        }
    }
}
