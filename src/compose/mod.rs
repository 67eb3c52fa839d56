//! Compose stage: [`Content`](crate::content::Content) + kind + locale + paper to a
//! [`Document`] of boxes. Templates decide what goes where and how it looks; they never
//! measure text (that is the layout stage's job) and never touch the PDF writer.

pub mod card;
pub mod handout;
pub mod icons;
pub mod kinds;
pub mod local;
pub mod notice;
pub mod organisation;
pub mod poster;
pub mod print;
pub mod qr_block;
pub mod safety_card;
pub mod sticker;
pub mod style;
pub mod tearoff;
pub mod theme;

use crate::content::schema::EditionTexts;
use crate::content::{Content, Direction, Locale, Status};
use crate::error::Error;
use crate::qr::QrMatrix;

pub use crate::types::{Align, MM, Point, QrAlt, Rect, Rgb, Size, without_isolates};
pub use kinds::{Kind, KindSpec, NoticePlace, REGISTRY, UnknownName};
pub use style::{Role, TextStyle};
pub use theme::Theme;

/// What a project asks every document to be composed with, beyond the content: its look
/// (`[theme]`). One per run, shared by every document of it.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub theme: Theme,
    /// The audience edition (`trucking`); `None` is the general one. Set per document
    /// ([`Setup::in_edition`]).
    pub edition: Option<String>,
    pub organisation: Option<organisation::Organisation>,
    /// Bleed and crop marks (`--bleed`, `--marks`).
    pub print: print::Print,
    /// The legal profile a notice is made under (`--profile`), resolved for the run.
    pub notice: Option<std::sync::Arc<notice::Notice>>,
}

impl Setup {
    /// This setup for one document in `edition` (`None`: the general one).
    pub fn in_edition(&self, edition: Option<&str>) -> Setup {
        Setup {
            edition: edition.map(str::to_string),
            ..self.clone()
        }
    }
}

/// Whether an audience edition changes a `kind` document in `languages` languages: a
/// bilingual card carries no signs ([`card::shows_signs`]), so it is the same in every
/// edition and build and check make it once, as the general one.
pub fn edition_changes(kind: Kind, languages: usize) -> bool {
    // A discreet kind has no signs, and an edition's title would name trafficking on it.
    match kind {
        _ if kind.spec().discreet => false,
        // The law's words, not an edition's.
        Kind::Notice => false,
        Kind::Card => card::shows_signs(languages),
        _ => true,
    }
}

/// What a document is printed on: a sheet for posters and handouts (`--paper`, [`ALL`]),
/// a card size for the card kinds (`--card-size`, [`CARDS`]). One type, so the size
/// flows through the build plan, file names, the manifest and fingerprints as a paper
/// does; [`Kind::papers_in`] keeps each kind to its own.
///
/// [`ALL`]: Paper::ALL
/// [`CARDS`]: Paper::CARDS
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Paper {
    /// US Letter, 8.5 x 11 in.
    Letter,
    /// ISO A4, 210 x 297 mm.
    A4,
    /// US Tabloid, 11 x 17 in.
    Tabloid,
    /// ISO A3, 297 x 420 mm.
    A3,
    /// ISO/IEC 7810 ID-1 ([`card::CR80`]), a bank card's size: the cards' default.
    Cr80,
    /// US business card, 3.5 x 2 in ([`card::BUSINESS`]; Avery 8371/5371).
    Business,
}

impl Paper {
    /// The sheets posters and handouts are laid out on.
    pub const ALL: [Paper; 4] = [Paper::Letter, Paper::A4, Paper::Tabloid, Paper::A3];
    /// The sizes the card kinds are made in.
    pub const CARDS: [Paper; 2] = [Paper::Cr80, Paper::Business];

    pub fn name(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
            Paper::Tabloid => "tabloid",
            Paper::A3 => "a3",
            Paper::Cr80 => "cr80",
            Paper::Business => "business",
        }
    }

    /// Whether it is a card size rather than a sheet.
    pub fn is_card(self) -> bool {
        Paper::CARDS.contains(&self)
    }

    /// A card size by name (`--card-size`, `[build] card_sizes`).
    pub fn card_size(s: &str) -> Result<Paper, UnknownName> {
        Paper::CARDS
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownName::new("card size", s, Paper::CARDS.map(Paper::name)))
    }

    /// One line for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            Paper::Letter => "US Letter, 8.5 x 11 in",
            Paper::A4 => "ISO A4, 210 x 297 mm",
            Paper::Tabloid => "US Tabloid, 11 x 17 in",
            Paper::A3 => "ISO A3, 297 x 420 mm",
            Paper::Cr80 => "ISO ID-1 wallet card, 85.6 x 54 mm (card.pdf)",
            Paper::Business => "US business card, 3.5 x 2 in (card-business.pdf)",
        }
    }

    /// Width and height in points, portrait.
    pub fn size(self) -> Size {
        match self {
            Paper::Letter => Size::new(612.0, 792.0),
            Paper::A4 => Size::new(210.0 * MM, 297.0 * MM),
            Paper::Tabloid => Size::new(792.0, 1224.0),
            Paper::A3 => Size::new(297.0 * MM, 420.0 * MM),
            Paper::Cr80 | Paper::Business => card::geometry(self).trim,
        }
    }
}

impl std::fmt::Display for Paper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Paper {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Paper::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownName::new("paper", s, Paper::ALL.map(Paper::name)))
    }
}

/// A language a document speaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Lang {
    /// BCP 47 tag, such as `es`.
    pub tag: String,
    pub direction: Direction,
    /// Font families the locale wants first.
    pub fonts: Vec<String>,
}

impl Lang {
    fn of(locale: &Locale) -> Lang {
        Lang {
            tag: locale.meta.tag.clone(),
            direction: locale.meta.direction,
            fonts: locale.meta.fonts.clone(),
        }
    }
}

/// One composed document, ready for layout.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    pub paper: Option<Paper>,
    /// What the document is called in file names and messages: `es`, or `en+es` for a
    /// bilingual one.
    pub locale: String,
    /// The direction of the page (the first language's).
    pub direction: Direction,
    /// Draft when any of its languages is a draft.
    pub status: Status,
    /// Its languages, the first being the main one; text outside a [`Block::Lang`] is in
    /// the first.
    pub langs: Vec<Lang>,
    pub title: String,
    pub subject: String,
    /// Beyond the bleed on every side of its placed pages, in points: room for notes to
    /// the print shop (the draft notice of a card), cut away with the bleed.
    pub slug: f32,
    /// The line in the slug beside crop marks, when the run asks for them (`--marks`).
    pub marks: Option<print::Slug>,
    /// What a screen reader says for the QR code of each contact (`hotline`, `textline`),
    /// in the main language: a pair's second language follows in the code's caption.
    pub qr_alt: Vec<QrAlt>,
    /// Pages whose boxes are all placed by the template.
    pub pages: Vec<Page>,
    /// Blocks poured into as many pages as they need, after `pages`.
    pub flow: Option<Flow>,
}

/// A page of placed boxes.
#[derive(Debug, Clone)]
pub struct Page {
    /// The trimmed size.
    pub size: Size,
    /// Printed area beyond the trim on each side (0 for office printing).
    pub bleed: f32,
    pub items: Vec<Item>,
}

/// Something placed on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// A filled rectangle. With `bleeds`, each of its edges on the trim runs on into the
    /// bleed ([`print::apply`]): a template draws it to the trim only.
    Fill {
        rect: Rect,
        color: Rgb,
        radius: f32,
        bleeds: bool,
    },
    /// Text and other blocks stacked top to bottom inside `rect`; they must fit. When
    /// they do not, all their text shrinks in small steps, as long as the smallest text
    /// stays at or above `shrink_to` points.
    Frame {
        rect: Rect,
        blocks: Vec<Block>,
        valign: VAlign,
        shrink_to: Option<f32>,
    },
    /// A QR code whose symbol (without quiet zone) fills the square at `rect`; `contact`
    /// is the key of the record it encodes.
    Qr {
        rect: Rect,
        code: QrMatrix,
        contact: String,
    },
    /// A picture (the organisation's logo) stretched over `rect`, which has its aspect:
    /// a figure read as `alt`, or decoration without.
    Image {
        rect: Rect,
        picture: std::sync::Arc<crate::types::Picture>,
        alt: Option<String>,
    },
    /// `item`, placed in a box `rect.h` wide and `rect.w` tall, then turned a quarter
    /// counterclockwise into `rect`: its lines read from bottom to top (a tear-off tab).
    Turned { rect: Rect, item: Box<Item> },
    /// A line through `points`, `width` points wide, dashed when `dash` gives the lengths
    /// of dash and gap in turn. With `spot`, it is in that spot colour (`CutContour`: the
    /// path a cutter follows, not printed), `color` standing in for it on screen.
    Line {
        points: Vec<Point>,
        width: f32,
        color: Rgb,
        dash: Option<Vec<f32>>,
        spot: Option<&'static str>,
    },
}

/// Vertical placement of a frame's content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum VAlign {
    Top,
    Center,
    Bottom,
    /// Centred on a line this many points above the frame's middle, as far as the frame's
    /// top allows: a card's band keeps its frame off the cut at the top but runs it to the
    /// band's lower edge, and its headings centre on the band, not on the frame.
    CenterAbove(f32),
}

/// Content for a frame or a flow, laid out top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph; `key` names the content it came from, for error messages.
    Para {
        key: String,
        spans: Vec<Span>,
        style: TextStyle,
    },
    /// A bulleted list.
    Bullets {
        key: String,
        items: Vec<Vec<Span>>,
        style: TextStyle,
        /// The colour and the text of the mark before each item.
        bullet: Rgb,
        glyph: String,
    },
    /// A table with a header row; `widths` are fractions of the frame width.
    Table {
        key: String,
        widths: Vec<f32>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        style: TextStyle,
        header_fill: Rgb,
        /// The header row's text colour and weight (the body's style otherwise).
        header_ink: Rgb,
        header_bold: bool,
        stripe: Rgb,
    },
    /// Side-by-side columns of equal width.
    Columns { gap: f32, cols: Vec<Vec<Block>> },
    /// A tinted box around blocks.
    Panel {
        fill: Rgb,
        padding: f32,
        blocks: Vec<Block>,
    },
    /// A QR code of `size` points with blocks beside it; `caption` belongs to the code
    /// (see [`Block::Caption`]), which encodes the record `contact`.
    QrBeside {
        code: QrMatrix,
        contact: String,
        size: f32,
        caption: Box<Block>,
        blocks: Vec<Block>,
    },
    /// A picture scaled to fit a box of `size` (aspect kept, centred in it) at the start
    /// side, with `blocks` beside it, centred on it: the organisation's logo and name.
    Figure {
        picture: std::sync::Arc<crate::types::Picture>,
        size: Size,
        gap: f32,
        blocks: Vec<Block>,
        /// What a screen reader says for the picture; `None` when `blocks` name it.
        alt: Option<String>,
    },
    /// A heading and what it introduces. In a frame it is laid out as its blocks are; a
    /// flow breaks it between lines, list items or table rows only, never within two lines
    /// of a heading, and repeats its heading (with [`Flow::continued`]) on the next page.
    Keep(Vec<Block>),
    /// Blocks a screen reader may take or skip as one (the hotline panel): a `Sect` in
    /// the PDF's structure. It changes nothing on the page.
    Section(Vec<Block>),
    /// Vertical space.
    Space(f32),
    /// Blocks in another of the document's languages (an index into
    /// [`Document::langs`]): set with that language's fonts, direction and line breaking,
    /// and tagged with it in the PDF.
    Lang { lang: usize, blocks: Vec<Block> },
    /// Blocks that speak for the QR code of the record `contact`: its caption, or the
    /// number printed beside it. The read-back refuses any other contact's number or
    /// keyword printed in them (a call code captioned with the text line).
    Caption { contact: String, blocks: Vec<Block> },
}

/// A run of text with one weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            bold: false,
        }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            bold: true,
        }
    }
}

/// Blocks poured into pages of one template.
#[derive(Debug, Clone)]
pub struct Flow {
    pub size: Size,
    /// Printed area beyond the trim on each side, as [`Page::bleed`].
    pub bleed: f32,
    /// Where the blocks go on every flow page.
    pub frame: Rect,
    /// Placed on every flow page (rules, bands).
    pub items: Vec<Item>,
    /// Page number line; `{page}` and `{pages}` are replaced.
    pub footer: Option<Footer>,
    pub blocks: Vec<Block>,
    /// Put after a section's heading where it is repeated at the top of the next page
    /// (`(continued)`).
    pub continued: Option<String>,
    /// Ends the flow at the foot of its last page (see [`Closing`]).
    pub closing: Option<Closing>,
}

/// The end of a flow: blocks kept whole at the foot of the last page, the room between
/// the text and them ruled for notes, and the pages made even in number (a sheet printed
/// on both sides leaves no blank back).
#[derive(Debug, Clone)]
pub struct Closing {
    pub blocks: Vec<Block>,
    /// Above the ruled lines.
    pub notes_heading: Block,
    /// Between ruled lines, and between the text and the notes.
    pub pitch: f32,
    pub rule: Rgb,
    pub rule_width: f32,
    /// The most pages: a flow that needs more is set tighter, its text in steps of 4%
    /// down to its kind's floor.
    pub max_pages: usize,
}

/// A line at the foot of every flow page.
#[derive(Debug, Clone)]
pub struct Footer {
    /// The content key of `template`, for messages (`texts.handout.page_label`).
    pub key: String,
    pub rect: Rect,
    pub template: String,
    pub style: TextStyle,
}

impl Block {
    /// The same blocks with every text size (and the space after it) times `f`.
    pub fn scaled(&self, f: f32) -> Block {
        let mut block = self.clone();
        block.scale(f);
        block
    }

    fn scale(&mut self, f: f32) {
        match self {
            Block::Para { style, .. }
            | Block::Bullets { style, .. }
            | Block::Table { style, .. } => {
                *style = style.scaled(f);
            }
            Block::Columns { cols, .. } => cols.iter_mut().flatten().for_each(|b| b.scale(f)),
            Block::Panel { blocks, .. }
            | Block::Keep(blocks)
            | Block::Section(blocks)
            | Block::Lang { blocks, .. }
            | Block::Caption { blocks, .. } => blocks.iter_mut().for_each(|b| b.scale(f)),
            Block::QrBeside {
                caption, blocks, ..
            } => {
                caption.scale(f);
                blocks.iter_mut().for_each(|b| b.scale(f));
            }
            Block::Figure { blocks, .. } => blocks.iter_mut().for_each(|b| b.scale(f)),
            Block::Space(h) => *h *= f,
        }
    }

    /// The smallest text size in these blocks, if they hold any text.
    pub fn smallest_size(&self) -> Option<f32> {
        let min = |blocks: &[Block]| {
            blocks
                .iter()
                .filter_map(Block::smallest_size)
                .reduce(f32::min)
        };
        match self {
            Block::Para { style, .. }
            | Block::Bullets { style, .. }
            | Block::Table { style, .. } => Some(style.size),
            Block::Columns { cols, .. } => cols.iter().filter_map(|c| min(c)).reduce(f32::min),
            Block::Panel { blocks, .. }
            | Block::Keep(blocks)
            | Block::Section(blocks)
            | Block::Lang { blocks, .. }
            | Block::Figure { blocks, .. }
            | Block::Caption { blocks, .. } => min(blocks),
            Block::QrBeside {
                caption, blocks, ..
            } => [caption.smallest_size(), min(blocks)]
                .into_iter()
                .flatten()
                .reduce(f32::min),
            Block::Space(_) => None,
        }
    }

    /// The same block with `after` points of space below it (text blocks only).
    pub fn after(mut self, after: f32) -> Block {
        if let Block::Para { style, .. }
        | Block::Bullets { style, .. }
        | Block::Table { style, .. } = &mut self
        {
            style.after = after;
        }
        self
    }

    /// The same block with its text (in any language it holds) aligned `align`.
    pub fn aligned(mut self, align: Align) -> Block {
        match &mut self {
            Block::Para { style, .. }
            | Block::Bullets { style, .. }
            | Block::Table { style, .. } => {
                style.align = align;
            }
            Block::Lang { blocks, .. } | Block::Caption { blocks, .. } | Block::Section(blocks) => {
                *blocks = std::mem::take(blocks)
                    .into_iter()
                    .map(|b| b.aligned(align))
                    .collect();
            }
            _ => {}
        }
        self
    }

    pub fn para(key: impl Into<String>, text: &str, style: TextStyle) -> Block {
        Block::Para {
            key: key.into(),
            spans: vec![Span::plain(text)],
            style,
        }
    }
}

/// Composes one document in one language, or in two (`[en, es]`) for a kind that can be
/// bilingual, in the bundled theme with nothing of a project's.
pub fn compose(
    content: &Content,
    locales: &[&Locale],
    kind: Kind,
    paper: Paper,
) -> Result<Document, Error> {
    compose_with(content, locales, kind, paper, &Setup::default())
}

/// [`compose`] with a project's [`Setup`].
pub fn compose_with(
    content: &Content,
    locales: &[&Locale],
    kind: Kind,
    paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    if !kind.speaks(locales.len()) {
        return Err(unspoken(locales, kind));
    }
    // A notice's "edition" is the law it is made under (its file's name), never texts.
    let editions = match kind.needs_profile() {
        true => None,
        false => editions_of(locales, setup)?,
    };
    let mut doc = (kind.spec().compose)(content, locales, paper, setup)?;
    // A kind the edition leaves unchanged keeps its own title (a safety card's says
    // nothing of trafficking; an edition's title would).
    if let Some(texts) = editions.filter(|_| edition_changes(kind, locales.len())) {
        // The edition says who it is for in the title a PDF reader shows first.
        let titles: Vec<&str> = texts.iter().map(|e| t(&e.title)).collect();
        doc.title = titles.join(" / ");
    }
    theme::apply_scale(&mut doc, setup.theme.scale, kind.spec().text_floor);
    // Before mirroring, so a bleeding fill is mirrored whole, as a template drew it.
    print::apply(&mut doc, setup.print);
    if setup.print.marks {
        doc.marks = Some(print::Slug {
            name: doc.locale.clone(),
            style: setup
                .theme
                .body(print::SLUG_SIZE)
                .color(Rgb::BLACK)
                .align(Align::Center)
                .after(0.0),
        });
    }
    doc.paper = kind.shown_paper(paper);
    if let Some(main) = locales.first() {
        doc.qr_alt.extend(local::qr_alt(content, main));
    }
    if doc.direction == Direction::Rtl {
        for page in &mut doc.pages {
            mirror(page);
        }
    }
    add_draft_notice(&mut doc, content, locales, &setup.theme);
    Ok(doc)
}

/// The content key the draft notice is printed under: the structure tree can mark it as
/// an artifact (a note about the paper, not part of the text) by this key.
pub const DRAFT_NOTICE_KEY: &str = "texts.document.draft_notice";

/// What a document with a draft among `locales` prints to say so, and the index of the
/// language it is set in (the first draft's); `None` when every language is reviewed.
/// Each draft's own notice, then English's once, naming the drafts in a pair:
/// `Traducción en borrador, sin revisar · Draft translation, not yet reviewed`, or
/// `… · Draft translation, not yet reviewed: Spanish` on an `en+es` card. A notice that
/// is English's word for word (not yet translated) is said once.
pub fn draft_notice(content: &Content, locales: &[&Locale]) -> Option<(usize, String)> {
    let drafts: Vec<(usize, &Locale)> = locales
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, l)| l.meta.status == Status::Draft)
        .collect();
    let (lang, _) = *drafts.first()?;
    let english = content
        .locale(crate::content::BASE_LOCALE)
        .map_or(ENGLISH_NOTICE, |en| t(&en.texts.document.draft_notice))
        .trim();
    let mut parts: Vec<String> = Vec::new();
    for (_, l) in &drafts {
        let own = t(&l.texts.document.draft_notice).trim();
        if own != english && !parts.iter().any(|p| p == own) {
            parts.push(own.to_string());
        }
    }
    parts.push(if locales.len() > 1 {
        let names: Vec<&str> = drafts.iter().map(|(_, l)| l.meta.name.as_str()).collect();
        format!("{english}: {}", names.join(", "))
    } else {
        english.to_string()
    });
    Some((lang, parts.join(" · ")))
}

/// English's notice, should a materials folder's `en` ever lack it (loading fills every
/// key, so only a test builds such content).
const ENGLISH_NOTICE: &str = "Draft translation, not yet reviewed";

/// Puts the draft notice ([`draft_notice`]) on every page of a document with a draft
/// among its languages, where its kind's [`NoticePlace`] says: after the template, so
/// no template has to know about drafts.
fn add_draft_notice(doc: &mut Document, content: &Content, locales: &[&Locale], theme: &Theme) {
    let Some((lang, text)) = draft_notice(content, locales) else {
        return;
    };
    let place = doc.kind.spec().draft_notice;
    let size = match place {
        NoticePlace::Slug { size, .. } | NoticePlace::Foot { size, .. } => size,
    };
    let style = theme
        .body(size)
        .color(theme.colors.muted)
        .align(Align::Center)
        .after(0.0);
    let mut block = Block::para(DRAFT_NOTICE_KEY, &text, style);
    if lang > 0 {
        block = Block::Lang {
            lang,
            blocks: vec![block],
        };
    }
    let frame = |rect: Rect, valign: VAlign| Item::Frame {
        rect,
        blocks: vec![block.clone()],
        valign,
        shrink_to: Some(place.floor()),
    };
    match place {
        NoticePlace::Slug { depth, .. } => {
            doc.slug = depth;
            for page in &mut doc.pages {
                // Beyond the crop marks when there are any.
                let b = page.bleed
                    + match doc.marks {
                        Some(_) => print::MARK_ZONE,
                        None => 0.0,
                    };
                // Just below the bleed, across the sheet but 1/8 in inside its edges:
                // one line where the trim's width alone would wrap a pair's notice.
                let edge = b + depth;
                let rect = Rect::new(
                    -edge + SLUG_CLEAR,
                    page.size.h + b + SLUG_GAP,
                    page.size.w + 2.0 * (edge - SLUG_CLEAR),
                    depth - SLUG_GAP - SLUG_CLEAR,
                );
                page.items.push(frame(rect, VAlign::Top));
            }
        }
        NoticePlace::Foot {
            rise,
            height,
            inset,
            ..
        } => {
            let foot =
                |size: Size| Rect::new(inset, size.h - rise - height, size.w - 2.0 * inset, height);
            for page in &mut doc.pages {
                page.items.push(frame(foot(page.size), VAlign::Bottom));
            }
            if let Some(flow) = &mut doc.flow {
                flow.items.push(frame(foot(flow.size), VAlign::Bottom));
            }
        }
    }
}

/// Between the bleed's edge and the notice in the slug: clear of a cutter's drift.
const SLUG_GAP: f32 = 3.0;
/// Between the notice in the slug and the sheet's edge: 1/8 in, where a cutter or a
/// sheet feeder may take it off, and half a point for the ink a frame lets past its edge.
const SLUG_CLEAR: f32 = 9.5;

/// The error for a kind asked for in more languages than it holds.
fn unspoken(locales: &[&Locale], kind: Kind) -> Error {
    Error::Bilingual {
        locales: pair_name(locales),
        kind,
    }
}

/// Mirrors a page's placement left to right for a right-to-left locale: the QR code moves
/// to the left and the text it belongs with to the right, as a reader of Arabic expects.
/// Text inside each box already runs and aligns right to left in layout.
fn mirror(page: &mut Page) {
    let w = page.size.w;
    for item in &mut page.items {
        let rect = match item {
            Item::Fill { rect, .. }
            | Item::Frame { rect, .. }
            | Item::Qr { rect, .. }
            | Item::Image { rect, .. }
            | Item::Turned { rect, .. } => rect,
            Item::Line { points, .. } => {
                points.iter_mut().for_each(|p| p.x = w - p.x);
                continue;
            }
        };
        rect.x = w - rect.x - rect.w;
    }
}

/// `en+es`: how a bilingual selection is named in paths and messages.
pub fn pair_name(locales: &[&Locale]) -> String {
    locales
        .iter()
        .map(|l| l.meta.tag.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

impl Document {
    /// Which document this is, for errors: kind, paper, and the pair when bilingual.
    pub fn of(&self) -> crate::error::Of {
        crate::error::Of {
            kind: self.kind,
            paper: self.paper,
            pair: (self.langs.len() > 1).then(|| self.locale.clone()),
        }
    }
}

/// Each locale's texts for `setup`'s edition, `None` for the general one; a locale without
/// the edition's table is an error naming the file to add it to, never English's signs.
pub(crate) fn editions_of<'a>(
    locales: &[&'a Locale],
    setup: &Setup,
) -> Result<Option<Vec<&'a EditionTexts>>, Error> {
    let Some(name) = setup.edition.as_deref() else {
        return Ok(None);
    };
    locales
        .iter()
        .map(|l| {
            l.red_flags
                .editions
                .0
                .get(name)
                .ok_or_else(|| Error::EditionMissing {
                    path: l.dir.join("red_flags.toml"),
                    locale: l.meta.tag.clone(),
                    edition: name.to_string(),
                })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A sign list of `locale` in `setup`'s edition, with its content key: `general`'s
/// (`red_flags.poster`) or the edition's (`red_flags.editions.trucking.poster`).
pub(crate) fn signs<'a>(locale: &'a Locale, setup: &Setup, which: Signs) -> (String, &'a [String]) {
    let edition = setup
        .edition
        .as_deref()
        .and_then(|name| Some((name, locale.red_flags.editions.0.get(name)?)));
    let rf = &locale.red_flags;
    let (list, name) = match (which, edition) {
        (Signs::Poster, None) => (&rf.poster, "poster"),
        (Signs::Card, None) => (&rf.card, "card"),
        (Signs::Poster, Some((_, e))) => (&e.poster, "poster"),
        (Signs::Card, Some((_, e))) => (&e.card, "card"),
    };
    let key = match edition {
        Some((edition, _)) => format!("red_flags.editions.{edition}.{name}"),
        None => format!("red_flags.{name}"),
    };
    (key, l(list))
}

/// Which short list of signs: the poster's or the card back's.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Signs {
    Poster,
    Card,
}

/// The fields every template fills the same way.
fn document(locale: &Locale, kind: Kind, title: &str, subject: &str) -> Document {
    Document {
        kind,
        paper: None,
        locale: locale.meta.tag.clone(),
        direction: locale.meta.direction,
        status: locale.meta.status,
        langs: vec![Lang::of(locale)],
        title: title.to_string(),
        subject: subject.to_string(),
        slug: 0.0,
        marks: None,
        qr_alt: qr_alt(locale),
        pages: Vec::new(),
        flow: None,
    }
}

/// The locale's words for each QR code, as alternative text: its placeholders are
/// expanded already, and the isolates round their values, which a screen reader has no
/// use for, are dropped.
fn qr_alt(locale: &Locale) -> Vec<QrAlt> {
    let d = &locale.texts.document;
    [
        ("hotline", "texts.document.call_qr_alt", &d.call_qr_alt),
        ("textline", "texts.document.text_qr_alt", &d.text_qr_alt),
    ]
    .into_iter()
    .map(|(contact, key, text)| QrAlt {
        contact: contact.to_string(),
        text: without_isolates(t(text)),
        // A text the locale does not have yet is English's, and is voiced as English.
        lang: if locale.fell_back.iter().any(|k| k == key) {
            crate::content::BASE_LOCALE.to_string()
        } else {
            locale.meta.tag.clone()
        },
    })
    .collect()
}

/// A document in two languages: `a` leads (page direction, main language), `b` follows.
fn document_pair(
    a: &Locale,
    b: &Locale,
    kind: Kind,
    title: [&str; 2],
    subject: [&str; 2],
) -> Document {
    let mut doc = document(a, kind, &title.join(" / "), &subject.join(" / "));
    doc.locale = pair_name(&[a, b]);
    if b.meta.status == Status::Draft {
        doc.status = Status::Draft;
    }
    doc.langs.push(Lang::of(b));
    doc
}

/// The document for one language or a pair (the first leads), titled from each
/// language's own texts; any other count is refused for `kind`.
fn document_in(
    locales: &[&Locale],
    kind: Kind,
    title: impl Fn(&Locale) -> &str,
    subject: impl Fn(&Locale) -> &str,
) -> Result<Document, Error> {
    match locales {
        [one] => Ok(document(one, kind, title(one), subject(one))),
        [a, b] => Ok(document_pair(
            a,
            b,
            kind,
            [title(a), title(b)],
            [subject(a), subject(b)],
        )),
        _ => Err(unspoken(locales, kind)),
    }
}

/// One text in every language of the document: alone it takes `then`, as a translation
/// that repeats the first's wording does in [`in_both`]; a pair is [`in_both`].
fn in_each(
    key: &str,
    locales: &[&Locale],
    text: impl Fn(&Locale) -> &str,
    first: TextStyle,
    then: TextStyle,
) -> Vec<Block> {
    match locales {
        [a, b] => in_both(key, text(a), text(b), first, then),
        _ => locales
            .iter()
            .take(1)
            .map(|one| Block::para(key, text(one), then))
            .collect(),
    }
}

/// Blocks in the document's second language.
fn second(blocks: Vec<Block>) -> Block {
    Block::Lang { lang: 1, blocks }
}

/// One text in both languages of a pair: the first's, then the second's in its own
/// language. A translation that keeps the first's wording (a name, say) prints once, with
/// the spacing of the second.
fn in_both(key: &str, a: &str, b: &str, first: TextStyle, then: TextStyle) -> Vec<Block> {
    if a.trim() == b.trim() {
        return vec![Block::para(key, a, then)];
    }
    vec![
        Block::para(key, a, first),
        second(vec![Block::para(key, b, then)]),
    ]
}

/// The hotline number as its record prints it (`display`; loading guarantees the record),
/// isolated like every placeholder value so the read-back knows it for a contact, in
/// `style`: a caption of the hotline's QR code, so the read-back holds it to that code.
fn hotline_number(content: &Content, style: TextStyle) -> Block {
    let display = content
        .contacts
        .get("hotline")
        .map(|h| h.display.as_str())
        .unwrap_or_default();
    caption_of(
        "hotline",
        vec![Block::para(
            "contacts.hotline",
            &crate::content::isolated(display),
            style,
        )],
    )
}

/// Blocks that speak for the QR code of `contact` (see [`Block::Caption`]).
fn caption_of(contact: &str, blocks: Vec<Block>) -> Block {
    Block::Caption {
        contact: contact.to_string(),
        blocks,
    }
}

/// A bulleted list of plain items.
fn bullets(key: &str, list: &[String], style: TextStyle, theme: &Theme) -> Block {
    Block::Bullets {
        key: key.into(),
        items: list.iter().map(|s| vec![Span::plain(s.as_str())]).collect(),
        style,
        bullet: theme.colors.brand,
        glyph: theme.bullet.into(),
    }
}

/// A paragraph of a new kind's text `key`; while the locale has that only from English,
/// the same words it already has in its own language under `alt` (the safety card's rights
/// line is `report.rights`), so a half-translated locale prints as few English lines as it
/// can.
fn own_para(
    locale: &Locale,
    key: &'static str,
    text: &Option<String>,
    alt: (&'static str, &Option<String>),
    style: TextStyle,
) -> Block {
    let (key, text) = own_text(locale, key, text, alt);
    Block::para(key, text, style)
}

/// The key and text [`own_para`] prints.
fn own_text<'a>(
    locale: &Locale,
    key: &'static str,
    text: &'a Option<String>,
    alt: (&'static str, &'a Option<String>),
) -> (&'static str, &'a str) {
    let fell = |k: &str| locale.fell_back.iter().any(|f| f == k);
    if fell(key) && !fell(alt.0) {
        (alt.0, t(alt.1))
    } else {
        (key, t(text))
    }
}

/// A text that loading guarantees is present.
fn t(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or_default()
}

/// A list that loading guarantees is present.
fn l(list: &Option<Vec<String>>) -> &[String] {
    list.as_deref().unwrap_or_default()
}

/// The QR code for a contact every material carries.
fn contact_qr(content: &Content, key: &str) -> Result<QrMatrix, Error> {
    let contact = content.contacts.get(key).ok_or_else(|| Error::Qr {
        key: key.to_string(),
        payload: String::new(),
        message: "no such contact".into(),
    })?;
    crate::qr::encode(&contact.key, &contact.payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Content {
        crate::content::load(std::path::Path::new("tests/fixtures/materials"))
            .expect("fixture materials load")
    }

    #[test]
    fn a_draft_notice_is_the_drafts_words_then_englishs_naming_the_draft_in_a_pair() {
        let content = fixture();
        let [en, es, ar] = ["en", "es", "ar"].map(|t| content.locale(t).expect("fixture"));
        assert_eq!(draft_notice(&content, &[en]), None, "a reviewed locale");
        assert_eq!(
            draft_notice(&content, &[es]),
            Some((0, "Aviso de borrador · Draft notice".into()))
        );
        // Set in the draft's language, the second of the pair.
        assert_eq!(
            draft_notice(&content, &[en, es]),
            Some((1, "Aviso de borrador · Draft notice: Spanish".into()))
        );
        assert_eq!(
            draft_notice(&content, &[es, ar]),
            Some((
                0,
                "Aviso de borrador · إشعار مسودة · Draft notice: Spanish, Arabic".into()
            ))
        );
    }

    #[test]
    fn a_notice_not_yet_translated_is_said_once() {
        let content = fixture();
        let mut es = content.locale("es").expect("fixture").clone();
        es.texts.document.draft_notice = Some("Draft notice".into());
        assert_eq!(
            draft_notice(&content, &[&es]),
            Some((0, "Draft notice".into()))
        );
    }
}
