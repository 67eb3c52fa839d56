//! Poster: one page, read from a few metres. A headline band with the victim's rights, the
//! hotline number large, both QR codes with their numbers, the key signs and how to get
//! help.

use super::Setup;
use super::icons::{self, Icon};
use super::kinds::{Kind, KindSpec, NoticePlace};
use super::organisation::{self, Organisation};
use super::qr_block;
use super::theme::Theme;
use super::{
    Align, Block, Document, Item, MM, Page, Paper, Rect, Rgb, Size, TextStyle, VAlign, bullets,
    contact_qr, document_in, hotline_number, in_each, l, second, t,
};
use crate::content::schema::PosterTexts;
use crate::content::{Content, Locale, Status};
use crate::error::Error;

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Poster,
    name: "poster",
    description: "one-page poster",
    help: "One-page poster (Letter, A4, Tabloid or A3)",
    uses_paper: true,
    languages: 2,
    text_floor: MIN_SIZE,
    qr_min_mm: [40.0, 36.0],
    draft_notice: NoticePlace::POSTER,
    discreet: false,
    compose,
};

/// Body text is never smaller than this (state posting laws ask for 16-point type).
pub const MIN_SIZE: f32 = 16.0;
/// Body text before any shrinking.
const BODY: f32 = 18.0;
/// The hotline number is at least this large.
pub const NUMBER_MIN: f32 = 36.0;
/// Leading of the hotline number: digits have no descenders to clear.
const NUMBER_LEADING: f32 = 1.05;
/// The text line under the number, one language.
const TEXT_LINE: f32 = 24.0;
/// Headings of the lists at the bottom.
const LIST_HEADING: f32 = 22.0;
/// The icon beside a list's heading: its cap height and a little more, no taller than
/// the heading's line.
const ICON: f32 = 17.0;
/// The text line between the codes in two languages, stacked: at the floor, so that
/// two languages of it keep to the codes' height.
const PAIR_TEXT_LINE: f32 = MIN_SIZE;
/// The number panel: its padding, and its icons (call beside the label, number and note;
/// text beside the text line and its note), one size so the words beside both start on
/// one edge; a pair's panel is smaller: its padding, and its call icon the number's
/// height.
const PANEL_PAD: f32 = 3.0;
const PANEL_ICON: f32 = 34.0;
const PANEL_GAP: f32 = 2.0;
const PAIR_PANEL_PAD: f32 = 2.0;
const PAIR_ICON: f32 = 30.0;
/// Leading of headlines: large type sets tight.
const HEADLINE_LEADING: f32 = 1.08;
/// After the headline, and after the label and the text line, on the design page.
const HEADLINE_AFTER: f32 = 8.0;
const LABEL_AFTER: f32 = 2.0;
/// Between a QR code's quiet zone and its caption, and between the two languages of a
/// caption, on the design page.
const CAPTION_GAP: f32 = 3.0;
/// QR captions: the floor, so that they take the fewest lines under their codes (the
/// number above them is the large one).
const CAPTION: f32 = MIN_SIZE;
/// Leading of QR captions.
const CAPTION_LEADING: f32 = 1.12;
/// Between a code's quiet zone and the text line set between the two codes: a script's ink
/// (Arabic's tails) may reach past its line's box.
const MIDDLE_CLEAR: f32 = 3.0;
/// The lists under the QR row are composed this much larger than their design size, and
/// the frame shrinks them (in its 4% steps, to the 16 pt floor) to the largest size that
/// fits: the room a short translation leaves at the foot goes to larger lists instead of
/// an empty band (8% of an `en+ja` A4 poster's safe area was empty). Eight steps of 4% bring
/// it back to the design size exactly, so a poster that fitted at its design size still does.
const GROW: f32 = 1.0 / (0.96 * 0.96 * 0.96 * 0.96 * 0.96 * 0.96 * 0.96 * 0.96);
/// The page the poster is designed on; other papers scale it.
const DESIGN: Size = Size::new(612.0, 792.0);

/// Where things go on a sheet of paper.
struct Geometry {
    size: Size,
    /// Type scale: bigger paper, bigger type; never smaller than the Letter design.
    s: f32,
    /// Type scale of the lists at the bottom: on paper taller than Letter's proportions
    /// (Tabloid) they get the extra height as larger type instead of an empty band.
    lower: f32,
    margin: f32,
    inner_w: f32,
}

/// The page margin of a poster in one language or two on `paper` (see [`Kind::safe_inset`]).
pub fn margin(paper: Paper, languages: usize) -> f32 {
    Geometry::of(paper, if languages > 1 { &PAIR } else { &ONE }).margin
}

impl Geometry {
    fn of(paper: Paper, d: &Design) -> Geometry {
        let size = paper.size();
        let s = (size.w / DESIGN.w).min(size.h / DESIGN.h).max(1.0);
        let margin = d.margin * s;
        Geometry {
            size,
            s,
            // At most 20% larger: beyond that the lists would outgrow their column.
            lower: s * (size.h / size.w / (DESIGN.h / DESIGN.w)).clamp(1.0, 1.2),
            margin,
            inner_w: size.w - 2.0 * margin,
        }
    }
}

/// What differs between the one- and two-language posters, on the design page.
struct Design {
    /// Height of the headline band.
    band: f32,
    /// Headline size.
    headline: f32,
    /// The band's text frame starts this far below its top and ends this far above its
    /// bottom.
    band_top: f32,
    band_bottom: f32,
    /// Gap between the band and the number's frame, and that frame's height.
    hotline_gap: f32,
    hotline_h: f32,
    /// The label above the number, and the number, on Letter.
    label: f32,
    number: f32,
    /// Gap between the number's frame and the QR row.
    qr_gap: f32,
    /// After the number: more in two languages, where the captions follow at once.
    number_after: f32,
    /// QR symbols, quiet zone not included: scannable from a couple of metres.
    qr: f32,
    /// The column of each QR block, its caption centred under its code across it (the
    /// row narrows it to keep the gutter between two captions), and the narrowest it is
    /// made to move the codes out for the message between them.
    caption_w: f32,
    caption_min: f32,
    list_leading: f32,
    list_after: f32,
    alert_leading: f32,
    /// Page margin, and the gap between two columns.
    margin: f32,
    column_gap: f32,
    /// Between the QR row and the lists, and between the blocks of a list column.
    lists_gap: f32,
    alert_gap: f32,
}

const ONE: Design = Design {
    band: 146.0,
    headline: 29.0,
    band_top: 18.0,
    band_bottom: 16.0,
    hotline_gap: 2.0,
    // The text line stands between the codes (see `middle`): the panel holds the label,
    // the number and the two notes.
    hotline_h: 138.0,
    label: 19.0,
    number: 48.0,
    qr_gap: 0.0,
    number_after: 2.0,
    qr: 40.0 * MM,
    // An English caption keeps one line at 16 pt ("Scan to call 1-888-373-7888", 221 pt),
    // and the text line between the two codes has the room of its words.
    caption_w: 230.0,
    caption_min: 230.0,
    list_leading: 1.12,
    // Items apart by a little more than their leading: 3 pt left the gap under the
    // captions no room on a Letter poster in Spanish or Russian at 16 pt.
    list_after: 2.0,
    alert_leading: 1.12,
    // The captions between the codes need the width of the number at 16 pt in the widest
    // digits bundled (CJK's: 121.6 pt): at 28 a Japanese, Korean or Chinese A4 poster
    // had 119.7 pt and did not build.
    margin: 25.0,
    column_gap: 18.0,
    // A caption's last line and the headings under it: a line of the lists' leading apart
    // (see `caption_clearance`), so a caption does not read on into the heading under it
    // as one block (Japanese captions stood 3 pt over their headings). Most of it is in
    // the lists' frame, where it takes their size; this is what the captions' ink may
    // reach below their lines' boxes.
    lists_gap: 1.5,
    alert_gap: 3.0,
};

/// Two headlines in the band, a smaller number, the symbols a little smaller (still read
/// from well over a metre), everything set tighter: the longest pairs (`uk+en`) fill
/// Letter at 16 pt.
const PAIR: Design = Design {
    band: 90.0,
    headline: 22.0,
    band_top: 12.0,
    band_bottom: 12.0,
    // Tight: with the number panel, `uk+en` in an audience edition fills Letter at 16 pt.
    hotline_gap: 2.5,
    hotline_h: 112.0,
    label: 17.0,
    number: 44.0,
    qr_gap: 0.0,
    number_after: 2.0,
    qr: 36.0 * MM,
    // Wide: two languages of caption take the fewest lines. Where they take no more at
    // 230, the codes move out that far and the text lines between them keep the room of
    // "or text HELP to 233733" on one line at 16 pt (at 262 the English one took two and
    // `en+ja`'s stood taller than the codes).
    caption_w: 262.0,
    caption_min: 230.0,
    list_leading: 1.1,
    list_after: 2.0,
    alert_leading: 1.1,
    margin: 22.0,
    column_gap: 14.0,
    lists_gap: 3.0,
    alert_gap: 3.0,
};

/// One language or two, on `paper`.
pub fn compose(
    content: &Content,
    locales: &[&Locale],
    paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    let mut doc = document_in(
        locales,
        Kind::Poster,
        |l| t(&p(l).headline),
        |l| t(&p(l).call_label),
    )?;
    doc.pages.push(page(content, locales, paper, setup)?);
    Ok(doc)
}

/// What a poster leaves out, for want of room at its text floor, when a project asks for
/// more than its page holds: each a phrase for the build's warning. One language: the
/// local-help panel stands where the signs would, but an edition's poster is its
/// audience's signs, so there the panel gives way (the edition's card and handout carry
/// it). Two languages: the panel takes the room under the columns, the foot included, so
/// the organisation's strip and the edition's audience line give way (the longer pairs
/// have no line to spare for both at 16 pt). [`page`] and the build's warnings both
/// ask this one function, so what is printed and what is said cannot differ.
pub fn gives_way(
    languages: usize,
    local: &crate::content::local::LocalHelp,
    setup: &Setup,
) -> Vec<&'static str> {
    crowding(languages, local, setup, None).left_out
}

/// What a crowded poster leaves out ([`gives_way`], which the build warns of), and whether
/// a one-language poster's free room under how to get help takes the "what to tell" list
/// (`report.details`): it does where the project's local-help panel does not take that
/// room and `fit` (the locale and paper) leaves room for it at the lists' type, shrunk no
/// further than the 16 pt floor ([`room_for_details`]). The list is the bundled
/// material's, not something the project asked for, so its giving way is not warned of.
pub struct Crowding {
    pub left_out: Vec<&'static str>,
    pub tells: bool,
}

pub fn crowding(
    languages: usize,
    local: &crate::content::local::LocalHelp,
    setup: &Setup,
    fit: Option<(&Locale, Paper)>,
) -> Crowding {
    let tells = match fit {
        Some((locale, paper)) if languages == 1 && local.is_empty() => {
            room_for_details(locale, paper, setup)
        }
        _ => false,
    };
    Crowding {
        left_out: left_out(languages, local, setup),
        tells,
    }
}

fn left_out(
    languages: usize,
    local: &crate::content::local::LocalHelp,
    setup: &Setup,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    if local.is_empty() {
        return out;
    }
    match languages {
        1 if setup.edition.is_some() => out.push(
            "the local-help panel (the edition's signs keep their place; its card and handout carry the panel)",
        ),
        2 => {
            if local.lines.iter().any(|l| l.qr) {
                out.push("the local lines' QR codes (their labels and numbers print in both languages; the one-language posters and the handouts carry the codes)");
            }
            if setup.organisation.is_some() {
                out.push("the organisation's strip (the local-help panel takes its room)");
            }
            if setup.edition.is_some() {
                out.push("the line saying who the edition is for (the local-help panel takes its room)");
            }
        }
        _ => {}
    }
    out
}

/// Share of the lists' frame the estimate of [`room_for_details`] may fill: the estimate
/// counts characters, not shaped glyphs, and a word wrapped early costs a line.
const DETAILS_MARGIN: f32 = 1.0;

/// Whether the "what to tell" list fits under how to get help on a one-language poster of
/// `locale` on `paper`: an estimate from the texts' lengths (the layout, which knows the
/// glyphs, comes after composing), the help column with the list against the frame left
/// under the QR row, the text shrunk at most to the floor. Kept on the safe side: a list
/// left out costs a poster nothing it had before.
fn room_for_details(locale: &Locale, paper: Paper, setup: &Setup) -> bool {
    let e = Estimate::of(locale, paper);
    let (g, d) = (&e.g, e.d);
    let heading = LIST_HEADING * g.lower * 1.3 * e.tall;
    let pt = p(locale);
    let (_, signs) = super::signs(locale, setup, super::Signs::Poster);
    let signs_h = heading + e.list(signs);
    let help_h = heading + e.help(pt);
    let details_h = heading + e.list(l(&locale.report.details));
    let caution_h = e.lines(t(&locale.red_flags.caution), g.inner_w) * e.line;
    // From the top of the lists to the bottom margin, as `page` places them.
    let qr = d.qr * g.s;
    let lists_top = (d.band + d.hotline_gap + d.hotline_h + d.qr_gap) * g.s
        - notice_lift(g, &[locale])
        + qr * (1.0 + 8.0 / 29.0)
        + qr_block::POSTER.caption_gap * g.s
        + RowSize::of(&[locale], g, d).caption_h
        + d.lists_gap * g.lower
        + caption_clearance(locale, g.lower);
    let frame_h = lists_foot(g, noticed(&[locale])) - lists_top;
    let shrink = MIN_SIZE * g.s / e.body;
    (signs_h.max(help_h + details_h) + caution_h) * shrink.min(1.0) <= frame_h * DETAILS_MARGIN
}

/// Whether a one-language poster's caution goes under the signs in their column rather
/// than across the page: where, estimated as [`room_for_details`] does, the signs' column
/// with it is no taller than how to get help, it costs the lists no height.
fn caution_beside_signs(locale: &Locale, paper: Paper, setup: &Setup) -> bool {
    let e = Estimate::of(locale, paper);
    let (_, signs) = super::signs(locale, setup, super::Signs::Poster);
    let signs_h = e.list(signs) + e.lines(t(&locale.red_flags.caution), e.col + e.body) * e.line;
    signs_h <= e.help(p(locale))
}

/// The one-language poster's lists measured before layout, from the texts' lengths: what
/// [`room_for_details`] and [`caution_beside_signs`] both estimate with.
struct Estimate {
    g: Geometry,
    d: &'static Design,
    /// How much taller than Latin the locale's lines stand ([`line_factor`]).
    tall: f32,
    body: f32,
    /// A list column's measure, less its bullet.
    col: f32,
    /// A list line's height.
    line: f32,
}

impl Estimate {
    fn of(locale: &Locale, paper: Paper) -> Estimate {
        let g = Geometry::of(paper, &ONE);
        let d = &ONE;
        let tall = line_factor(locale);
        let body = BODY * g.lower;
        let col = (g.inner_w - d.column_gap * g.lower) / 2.0 - body;
        let line = body * d.list_leading * tall;
        Estimate {
            g,
            d,
            tall,
            body,
            col,
            line,
        }
    }

    /// The lines `text` takes at the body size on `width`.
    fn lines(&self, text: &str, width: f32) -> f32 {
        (em_width(text) * self.body / width).ceil().max(1.0)
    }

    fn list(&self, items: &[String]) -> f32 {
        items
            .iter()
            .map(|i| self.lines(i, self.col) * self.line + self.d.list_after * self.g.lower)
            .sum()
    }

    /// How to get help: its steps, then do not approach across the column and its bullet.
    fn help(&self, pt: &PosterTexts) -> f32 {
        self.list(l(&pt.report_steps))
            + self.d.alert_gap * self.g.lower
            + self.lines(t(&pt.do_not_approach), self.col + self.body)
                * self.body
                * self.d.alert_leading
                * self.tall
    }
}

/// Width of `text` in ems of its size: CJK and Hangul a full em, combining marks none,
/// spaces a quarter, the rest about half.
fn em_width(text: &str) -> f32 {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x11FF
            | 0x2E80..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFFEF => 1.0,
            // Marks set above, below or on their letter take no width of their own.
            0x0E31
            | 0x0E34..=0x0E3A
            | 0x0E47..=0x0E4E
            | 0x0900..=0x0903
            | 0x093A..=0x094F
            | 0x0951..=0x0957
            | 0x0962..=0x0963
            | 0x064B..=0x065F => 0.0,
            // Bidi isolates and marks round a number print nothing.
            0x200E | 0x200F | 0x061C | 0x2066..=0x2069 => 0.0,
            _ if c.is_whitespace() => 0.26,
            _ => 0.52,
        })
        .sum()
}

/// The room at the top of a one-language poster's lists, under the QR captions: a line of
/// the lists' leading at their size `lower` (the frame shrinks it with them), less what
/// their lines' boxes already hold over and under the ink of Latin and Cyrillic (a
/// caption's last line without descenders, a heading's capitals under its ascenders).
/// Other scripts' ink fills their lines (Chinese, Japanese and Korean set at 1.12 overrun
/// them; marks stand over Devanagari, Thai and Arabic): they have the whole line.
fn caption_clearance(locale: &Locale, lower: f32) -> f32 {
    // Letters only: the isolates round a placeholder's number are past U+0590 too.
    let fills = |c: char| c.is_alphabetic() && c as u32 >= 0x0590;
    let texts = [
        t(&p(locale).flags_heading),
        t(&p(locale).report_heading),
        t(&p(locale).call_qr_caption),
        t(&p(locale).text_qr_caption),
    ];
    let line = BODY * lower * ONE.list_leading;
    match texts.iter().any(|t| t.chars().any(fills)) {
        true => line,
        false => line * 0.6,
    }
}

/// How much taller than Latin a locale's lines are set (marks above and below the line:
/// Arabic, Devanagari, Thai).
fn line_factor(locale: &Locale) -> f32 {
    let tall = |c: char| matches!(c as u32, 0x0600..=0x06FF | 0x0900..=0x097F | 0x0E00..=0x0E7F);
    match t(&locale.red_flags.caution).chars().any(tall) {
        true => 1.15,
        false => 1.0,
    }
}

/// A locale's poster texts.
fn p(locale: &Locale) -> &PosterTexts {
    &locale.texts.poster
}

/// An edition's line saying who the poster is for ("For drivers and staff at truck
/// stops"), in each language; none for the general poster. Alone it leads the signs it
/// narrows; a pair, whose signs give way, carries it across the foot. It cannot stand in
/// the band: the headline and rights line fill that at the floor.
fn audience(locales: &[&Locale], setup: &Setup, style: TextStyle, theme: &Theme) -> Vec<Block> {
    let Some(edition) = setup.edition.as_deref() else {
        return Vec::new();
    };
    let style = style.bold().color(theme.colors.brand);
    in_each(
        &format!("red_flags.editions.{edition}.audience"),
        locales,
        audience_of(edition),
        style.after(0.0),
        style,
    )
}

/// A locale's audience line in `edition` (checked present before composing).
fn audience_of<'e>(edition: &'e str) -> impl for<'a> Fn(&'a Locale) -> &'a str + 'e {
    move |l| {
        l.red_flags
            .editions
            .0
            .get(edition)
            .map_or("", |e| t(&e.audience))
    }
}

/// The band across the top, in the brand colour, with its frame of headlines.
fn band(g: &Geometry, d: &Design, band_h: f32, blocks: Vec<Block>, theme: &Theme) -> [Item; 2] {
    let s = g.s;
    [
        Item::Fill {
            rect: Rect::new(0.0, 0.0, g.size.w, band_h),
            color: theme.colors.band,
            radius: 0.0,
            bleeds: true,
        },
        Item::Frame {
            rect: Rect::new(
                g.margin,
                d.band_top * s,
                g.inner_w,
                // As designed: a draft's shorter band takes its lift from the room under
                // the text, not from the text (Thai's marks and Arabic's had none to give).
                (d.band - d.band_top - d.band_bottom) * s,
            ),
            blocks,
            valign: VAlign::Center,
            shrink_to: Some(MIN_SIZE * s),
        },
    ]
}

/// The hotline number's style, in the colour of body text.
fn number(size: f32, after: f32, align: Align, theme: &Theme) -> TextStyle {
    theme
        .heading(size.max(NUMBER_MIN))
        .color(theme.colors.ink)
        .align(align)
        .leading(NUMBER_LEADING)
        .after(after)
}

/// The frame of the lists at the bottom, from `top` to the bottom margin: `before` points
/// of room, then `cols` side by side, then `under` across the page.
fn lists(
    g: &Geometry,
    d: &Design,
    top: f32,
    before: f32,
    cols: Vec<Vec<Block>>,
    under: Vec<Block>,
) -> Item {
    let mut blocks = vec![
        Block::Space(before),
        Block::Columns {
            gap: d.column_gap * g.lower,
            cols,
        },
    ];
    blocks.extend(under);
    Item::Frame {
        rect: Rect::new(g.margin, top, g.inner_w, g.size.h - g.margin - top),
        blocks,
        // What a size step of the lists' fit leaves over goes half above them, under the
        // captions, and half under them: no band at the foot.
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * g.s),
    }
}

/// The organisation on a one-language poster: in the QR row, between the two codes (clear
/// of both quiet zones), where the text line stands without one: the one room a Letter
/// poster has left at its sizes. The text line gives way to it: the text code's caption
/// under it says the same words ("Scan to text HELP to 233733"). Its logo's box (this
/// tall on the design page), and the gap to the name beside it.
const ORG_ROW: f32 = 34.0;
const ORG_LOGO_W: f32 = 70.0;
const ORG_GAP: f32 = 8.0;
/// The name and the small print (web address, distribution line): an attribution, set
/// like the draft notice as small print read at arm's length, not the message the
/// posting laws' 16 pt is for.
const ORG_NAME: f32 = 13.0;
const ORG_SMALL: f32 = 11.0;
/// A pair's poster has no room in its QR row (the text lines of both languages stand
/// there): the organisation takes a strip at the foot, its logo in a box this size.
const PAIR_LOGO: super::Size = super::Size::new(50.0, 24.0);

/// The box the logo is fitted into on `paper`, in points (for the resolution warning).
pub fn logo_box(paper: Paper) -> super::Size {
    let s = Geometry::of(paper, &ONE).s;
    super::Size::new(ORG_LOGO_W * s, ORG_ROW * s)
}

/// The organisation's items in `row` (the room between the codes of the QR row): the logo
/// centred at its top, the name and small print under it across the room's width (a web
/// address beside the logo did not fit the room's width).
fn org_in_row(
    org: &Organisation,
    content: &Content,
    locales: &[&Locale],
    row: Rect,
    s: f32,
    theme: &Theme,
) -> Vec<Item> {
    let logo_h = ORG_ROW * s;
    let logo_w = (ORG_LOGO_W * s).min(row.w);
    let logo_box = Rect::new(row.x + (row.w - logo_w) / 2.0, row.y, logo_w, logo_h);
    let text_y = match org.logo {
        Some(_) => logo_box.bottom() + ORG_GAP * s,
        None => row.y,
    };
    let text = Rect::new(row.x, text_y, row.w, row.bottom() - text_y);
    let tags: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
    let small = organisation::small_style(ORG_SMALL * s, theme);
    let under = organisation::distribution_blocks(org, &tags, small);
    organisation::strip(
        org,
        content,
        logo_box,
        text,
        organisation::name_style(ORG_NAME * s, theme),
        small,
        under,
    )
}

/// The organisation on a pair's poster: a strip across the foot, its bottom at the top of
/// the draft notice's band (the notice prints there whether or not a language is a draft,
/// so the strip never moves), this tall on the design page: the name over the
/// distribution lines, each language's under its column, at the pair's small print.
const PAIR_STRIP: f32 = 24.0;
/// Between the lists and the strip.
const PAIR_STRIP_GAP: f32 = 4.0;
const PAIR_NAME: f32 = 10.0;
const PAIR_LINE: f32 = 9.0;

/// The top of a pair's organisation strip and its items.
fn pair_strip(
    org: &Organisation,
    content: &Content,
    locales: &[&Locale],
    g: &Geometry,
    theme: &Theme,
) -> (f32, Vec<Item>) {
    let s = g.s;
    let bottom = g.size.h - notice_top();
    let h = PAIR_STRIP * s;
    let top = bottom - h;
    let logo_box = Rect::new(g.margin, top, PAIR_LOGO.w * s, h);
    let text_x = logo_box.right() + ORG_GAP * s;
    let text = Rect::new(text_x, top, g.margin + g.inner_w - text_x, h);
    let tags: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
    let small = organisation::small_style(PAIR_LINE * s, theme).after(0.0);
    let lines = organisation::distribution_blocks(org, &tags, small);
    // Side by side, each language's line on the side of its column (mirrored with the
    // page for a right-to-left first language): one line of the strip, not two.
    let under = match lines.len() {
        0 | 1 => lines,
        _ => vec![Block::Columns {
            gap: PAIR.column_gap * s,
            cols: lines.into_iter().map(|b| vec![b]).collect(),
        }],
    };
    let items = organisation::strip(
        org,
        content,
        logo_box,
        text,
        organisation::name_style(PAIR_NAME * s, theme).after(0.0),
        small,
        under,
    );
    (top, items)
}

/// How far into the draft notice's band a pair's lists may reach: its text is centred in
/// it, this far below its top and more.
const NOTICE_CLEAR: f32 = 4.0;

/// Whether a draft notice prints on a poster in `locales` (as [`super::draft_notice`]
/// decides).
fn noticed(locales: &[&Locale]) -> bool {
    locales.iter().any(|l| l.meta.status == Status::Draft)
}

/// Where the lists' frame ends on `g`: at the bottom margin, or, `above_notice`, where the
/// lists' descenders end above the draft notice's text (a 'g' of a pair's rights line
/// touched it), whose band reaches above the margin: the notice stands 1/4 in inside the
/// paper's edge, where an office printer prints it whole.
fn lists_foot(g: &Geometry, above_notice: bool) -> f32 {
    let margin = g.size.h - g.margin;
    match above_notice {
        true => margin.min(g.size.h - notice_top() + NOTICE_CLEAR * g.s),
        false => margin,
    }
}

/// How much shorter a one-language draft's headline band is than designed: the room its
/// lists give up at the foot to the notice ([`lists_foot`]). On Letter the lists of the
/// longer translations (`ru`, `es`) fill their frame at the 16 pt floor and have none to
/// give; the band's padding under its text gives it (16 pt of it, 3.5 pt), and everything
/// under the band moves up.
fn notice_lift(g: &Geometry, locales: &[&Locale]) -> f32 {
    match locales {
        [_] if noticed(locales) => (g.size.h - g.margin - lists_foot(g, true)).max(0.0),
        _ => 0.0,
    }
}

/// How far above the paper's foot the draft notice's band begins.
fn notice_top() -> f32 {
    match SPEC.draft_notice {
        NoticePlace::Foot { rise, height, .. } => rise + height,
        NoticePlace::Slug { .. } => 0.0,
    }
}

/// "Do not approach", bold in the alert colour.
fn do_not_approach(text: &str, g: &Geometry, d: &Design, theme: &Theme) -> Block {
    Block::para(
        "texts.poster.do_not_approach",
        text,
        theme
            .body(BODY * g.lower)
            .bold()
            .color(theme.colors.alert)
            .leading(d.alert_leading)
            .after(0.0),
    )
}

/// "No single sign proves trafficking", under the signs it qualifies, quieter than they are.
fn caution(locale: &Locale, g: &Geometry, d: &Design, theme: &Theme) -> Block {
    Block::para(
        "red_flags.caution",
        t(&locale.red_flags.caution),
        theme
            .body(BODY * g.lower)
            .color(theme.colors.muted)
            .leading(d.list_leading)
            .after(d.list_after * g.lower),
    )
}

/// The victim's rights whatever their immigration status: the headline asks victims a
/// question and this line answers it, so it stands under the headline, where the subhead
/// was (the hotline note under the number says what the subhead said).
fn rights(locale: &Locale, size: f32, color: Rgb, theme: &Theme) -> Block {
    Block::para(
        "report.rights",
        t(&locale.report.rights),
        theme.body(size).color(color).after(0.0),
    )
}

/// The poster's one page. One language: the headline and the rights line in the band, the
/// number with its notes, both QR codes, then the signs beside how to get help and the
/// caution under both. Two languages (`en+es`, as state posting laws ask for English and
/// Spanish together): both headlines, both call labels side by side over one number and
/// one pair of QR codes captioned in both, then one column per language holding every
/// safety line of the single poster: the hotline note, the text line, the report steps
/// (911 first), do not approach and the rights line. The warning signs, with the caution
/// that goes with them, and the text note give way: they teach, and at 16 pt on Letter two
/// languages of them do not fit beside the safety lines.
fn page(
    content: &Content,
    locales: &[&Locale],
    paper: Paper,
    setup: &Setup,
) -> Result<Page, Error> {
    let theme = &setup.theme;
    let org = setup.organisation.as_ref();
    let one = match locales {
        [one] => Some(*one),
        _ => None,
    };
    let d = if one.is_some() { &ONE } else { &PAIR };
    let g = Geometry::of(paper, d);
    let Geometry {
        size,
        s,
        lower,
        margin,
        inner_w,
    } = g;
    let mut items = Vec::new();

    // Headline band: a second language's headline is lighter, in place of the subhead.
    let band_h = d.band * s - notice_lift(&g, locales);
    let headline = theme
        .heading(d.headline * s)
        .heading_level(1)
        .color(theme.colors.on_brand)
        .leading(HEADLINE_LEADING)
        .after(HEADLINE_AFTER * s);
    let then = match one {
        Some(_) => headline,
        None => TextStyle {
            bold: false,
            ..headline
        }
        .after(0.0),
    };
    let mut blocks = in_each(
        "texts.poster.headline",
        locales,
        |l| t(&p(l).headline),
        headline,
        then,
    );
    if let Some(one) = one {
        blocks.push(rights(one, BODY * s, theme.colors.on_brand, theme));
    }
    items.extend(band(&g, d, band_h, blocks, theme));

    // The number panel: the number large on the panel's ground, the call icon beside it.
    let hotline_top = band_h + d.hotline_gap * s;
    let hotline_h = d.hotline_h * s;
    let notes_bottom = hotline_top + hotline_h;
    let blocks = match one {
        Some(one) => number_panel(content, one, s, theme),
        None => pair_panel(content, locales, d, s, theme),
    };
    items.push(Item::Frame {
        rect: Rect::new(margin, hotline_top, inner_w, hotline_h),
        blocks: vec![Block::Section(vec![blocks])],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * s),
    });
    // Both QR codes, each with its caption centred under it.
    let caption = qr_caption_style(CAPTION * s, theme);
    let captions = |key: &str, text: fn(&Locale) -> &str| {
        in_each(key, locales, text, caption.after(CAPTION_GAP * s), caption)
    };
    let (qr_bottom, middle) = qr_row(
        content,
        &mut items,
        Rect::new(margin, notes_bottom + d.qr_gap * s, inner_w, 0.0),
        s,
        RowSize::of(locales, &g, d),
        [
            captions("texts.poster.call_qr_caption", |l| {
                t(&l.texts.poster.call_qr_caption)
            }),
            captions("texts.poster.text_qr_caption", |l| {
                t(&l.texts.poster.text_qr_caption)
            }),
        ],
    )?;
    match (org, one) {
        (Some(org), Some(_)) => items.extend(org_in_row(org, content, locales, middle, s, theme)),
        _ => items.push(middle_text_line(locales, middle, d, s, theme)),
    }

    // One language: the signs on the left, how to get help on the right. Two: how to get
    // help in one column per language, the signs giving way to it.
    let cols_top = qr_bottom + d.lists_gap * lower;
    // The lists are set larger than designed and the frame shrinks them to fit (`GROW`);
    // the gap between their columns keeps its size.
    let designed = g;
    let lower = lower * GROW;
    let g = Geometry { lower, ..designed };
    let clearance = one.map_or(0.0, |one| caption_clearance(one, lower));
    let list = theme
        .body(BODY * lower)
        .leading(d.list_leading)
        .after(d.list_after * lower);
    let heading = |key: &str, text: &str| {
        Block::para(
            key,
            text,
            theme.heading(LIST_HEADING * lower).heading_level(2),
        )
    };
    let signs = |locale: &Locale| {
        // The warning sign beside the heading, in the colour of the caution it leads to.
        let mut column = vec![icons::beside(
            Icon::Warning,
            theme.colors.alert,
            ICON * designed.lower,
            vec![heading(
                "texts.poster.flags_heading",
                t(&p(locale).flags_heading),
            )],
        )];
        column.extend(audience(&[locale], setup, list, theme));
        column.extend([{
            let (key, signs) = super::signs(locale, setup, super::Signs::Poster);
            bullets(&key, signs, list, theme)
        }]);
        column
    };
    let alert = |locale: &Locale| do_not_approach(t(&p(locale).do_not_approach), &g, d, theme);
    let steps = |locale: &Locale| {
        bullets(
            "texts.poster.report_steps",
            l(&p(locale).report_steps),
            list,
            theme,
        )
    };
    let help = |locale: &Locale| {
        vec![
            // Its first step is 911: the emergency sign leads the list.
            icons::beside(
                Icon::Emergency,
                theme.colors.alert,
                ICON * designed.lower,
                vec![heading(
                    "texts.poster.report_heading",
                    t(&p(locale).report_heading),
                )],
            ),
            steps(locale),
            Block::Space(d.alert_gap * lower),
            alert(locale),
        ]
    };
    // What to tell the hotline, under how to get help, where the page has room for it.
    let details = |locale: &Locale| {
        vec![
            Block::Space(d.alert_gap * lower),
            heading("report.details_heading", t(&locale.report.details_heading)),
            bullets("report.details", l(&locale.report.details), list, theme),
        ]
    };
    // A project's local lines. One language: they take the place of the signs, which
    // teach (the card and the handout carry them) where these lines are help at hand; two:
    // they run across the page under the safety lines.
    let local = super::local::panel(
        content,
        locales,
        &super::local::PanelStyle {
            heading: theme.heading(LIST_HEADING * lower).heading_level(2),
            label: list.leading(d.list_leading),
            caption: None,
            pair_gap: 0.0,
            line_gap: d.list_after * lower,
            qr: d.qr * s,
            arrange: match one {
                Some(_) => super::local::Arrange::Under,
                None => super::local::Arrange::Compact,
            },
            codes: one.is_some(),
        },
    )?;
    // The caution under the signs, in their column, where that column is the shorter:
    // across the page it takes a line of the lists' height (`ru` on Letter had none to
    // spare for the gap under the captions).
    let beside = one.is_some_and(|one| caution_beside_signs(one, paper, setup));
    // What gives way when the page cannot hold everything the project asks for.
    let crowding = crowding(
        locales.len(),
        &content.local_help,
        setup,
        one.map(|one| (one, paper)),
    );
    let crowded = !crowding.left_out.is_empty();
    let (local, org) = match (one, crowded) {
        (Some(_), true) => (Vec::new(), org),
        (None, true) => (local, None),
        (_, false) => (local, org),
    };
    let cols = match locales {
        [a, b] => {
            // Set as tight as the lists: in two languages every line counts.
            let tight = |key: &str, text: &str, style: TextStyle| {
                Block::para(key, text, style.leading(d.list_leading))
            };
            // A local code under the columns takes the height of its symbol: the gaps
            // between their groups give way to it (the groups stay apart by their leading).
            let gap = match local.is_empty() {
                true => d.alert_gap * lower,
                false => 0.0,
            };
            // What a pair's foot carries (an edition's line saying who it is for, the
            // organisation's strip, the local-help panel) takes the hotline notes' room:
            // with the codes' captions under them, the longer pairs (`uk+en`) have no room
            // for both at 16 pt on Letter.
            let noted = setup.edition.is_none() && org.is_none() && local.is_empty();
            let column = |locale: &Locale| {
                let pt = p(locale);
                let centred = |style: TextStyle| style.align(Align::Center);
                let note = tight(
                    "texts.poster.hotline_note",
                    t(&pt.hotline_note),
                    centred(theme.body(BODY * lower).color(theme.colors.muted))
                        .after(LABEL_AFTER * lower),
                );
                vec![
                    match noted {
                        true => note,
                        false => Block::Space(0.0),
                    },
                    Block::Space(gap),
                    steps(locale),
                    Block::Space(gap),
                    alert(locale),
                    Block::Space(gap),
                    tight(
                        "report.rights",
                        t(&locale.report.rights),
                        theme
                            .body(BODY * lower)
                            .color(theme.colors.brand)
                            .after(0.0),
                    ),
                ]
            };
            vec![column(a), vec![second(column(b))]]
        }
        _ => one
            .map(|one| match local.is_empty() {
                true if crowding.tells => vec![signs(one), [help(one), details(one)].concat()],
                true if beside => vec![
                    [signs(one), vec![caution(one, &g, d, theme)]].concat(),
                    help(one),
                ],
                true => vec![signs(one), help(one)],
                false => vec![local.clone(), help(one)],
            })
            .unwrap_or_default(),
    };
    // Under both lists, across the page, the caution takes a line where a column would
    // take two; it goes with the signs. Two languages: the local lines across the page,
    // then who the edition is for, centred under both columns as it belongs to both.
    let under = match (one, local.is_empty()) {
        (Some(_), true) if beside && !crowding.tells => Vec::new(),
        (Some(one), true) => vec![caution(one, &g, d, theme)],
        (Some(_), false) => Vec::new(),
        (None, _) => {
            let mut foot = match crowded {
                true => Vec::new(),
                false => audience(locales, setup, list.align(Align::Center), theme),
            };
            if !foot.is_empty() {
                foot.insert(0, Block::Space(d.alert_gap * lower));
            }
            // The code's white square is painted over what lies under it: a space keeps
            // it off the descenders of the line above (a 'g' of the rights line was cut).
            let before = match local.is_empty() {
                true => Vec::new(),
                false => vec![Block::Space(d.alert_gap * lower)],
            };
            [before, local, foot].concat()
        }
    };
    // A pair: the organisation in a strip across the foot, above the draft notice; the
    // lists end above it.
    let strip = match (org, one) {
        (Some(org), None) => Some(pair_strip(org, content, locales, &g, theme)),
        _ => None,
    };
    let mut frame = lists(&designed, d, cols_top, clearance, cols, under);
    if let (Some((top, strip)), Item::Frame { rect, .. }) = (strip, &mut frame) {
        rect.h = top - PAIR_STRIP_GAP * s - rect.y;
        items.extend(strip);
    } else if let Item::Frame { rect, .. } = &mut frame {
        // A pair keeps the notice's band whether or not it prints (its organisation's
        // strip stands on it, and never moves); one language, where the notice prints.
        let foot = lists_foot(&g, one.is_none() || noticed(locales));
        rect.h = rect.h.min(foot - rect.y);
    }
    items.push(frame);

    Ok(Page {
        size,
        bleed: 0.0,
        items,
    })
}

/// One language's number panel, on the panel's ground: the call icon beside the label
/// and the number, its note under both; the text icon beside the text line, its note
/// under it. The lines start at the panel's start edge, the icons hanging there (a centred
/// line beside an icon at the edge would stand apart from it); the notes take the panel's
/// full width, as the longer ones (ru) would not fit it in two lines beside an icon. Ink and brand on the panel are pairs the theme checks for AA.
fn number_panel(content: &Content, one: &Locale, s: f32, theme: &Theme) -> Block {
    let pt = p(one);
    let start = Align::Start;
    let label = theme
        .heading(ONE.label * s)
        .align(start)
        .after(LABEL_AFTER * s);
    let note = |key: &str, text: &str, after: f32| {
        Block::para(
            key,
            text,
            theme
                .body(BODY * s)
                .color(theme.colors.ink)
                .align(start)
                .after(after),
        )
    };
    let icon = |icon: Icon, blocks: Vec<Block>| {
        icons::beside(icon, theme.colors.brand, PANEL_ICON * s, blocks)
    };
    Block::Panel {
        fill: theme.colors.panel,
        padding: PANEL_PAD * s,
        blocks: vec![
            icon(
                Icon::Call,
                vec![
                    Block::para("texts.poster.call_label", t(&pt.call_label), label),
                    hotline_number(
                        content,
                        number(ONE.number * s, ONE.number_after * s, start, theme),
                    ),
                ],
            ),
            note("texts.poster.hotline_note", t(&pt.hotline_note), 0.0),
            Block::Space(PANEL_GAP * s),
            note("texts.poster.text_note", t(&pt.text_note), 0.0),
        ],
    }
}

/// The text line between the two codes, in each language, with the text icon: it names
/// the text code at its right, as the call code at its left is named by the number above
/// it. Level with the codes, in the room their captions leave (their column is the
/// caption's); this room was the foot's, and the row's captions under the codes take it.
fn middle_text_line(locales: &[&Locale], middle: Rect, d: &Design, s: f32, theme: &Theme) -> Item {
    let size = match locales.len() {
        1 => TEXT_LINE,
        _ => PAIR_TEXT_LINE,
    } * s;
    let style = theme
        .heading(size)
        .color(theme.colors.ink)
        .align(Align::Center)
        .leading(d.list_leading)
        .after(0.0);
    let glued: Vec<String> = locales
        .iter()
        .map(|l| keep_numbers_with_words(t(&p(l).text_line)))
        .collect();
    let key = "texts.poster.text_line";
    let lines = match glued.as_slice() {
        [a, b] => super::in_both(key, a, b, style.after(LABEL_AFTER * s), style),
        _ => glued
            .iter()
            .take(1)
            .map(|one| Block::para(key, one, style))
            .collect(),
    };
    // As tall as the symbols, not their quiet zones: the message between the codes is
    // never taller than they are (five Arabic lines on A4 stood above and below them);
    // where it would be, the frame sets it smaller, to the floor.
    let qr = d.qr * s;
    let middle = Rect::new(middle.x, middle.y + (middle.h - qr) / 2.0, middle.w, qr);
    Item::Frame {
        rect: middle,
        blocks: vec![icons::beside(Icon::Text, theme.colors.brand, size, lines)],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * s),
    }
}

/// `text` with each number (five digits or more: the text line's 233733) tied to the word
/// before it by a no-break space, or to the word after it where it leads: a number alone
/// on its line reads as a stray figure, not as where to text, and a no-break space also
/// keeps it from being split. Bidi isolates round the number are skipped over. A number set
/// straight after a letter (Chinese "至233733") is joined to it by a word joiner; where a
/// closing quotation mark stands before that letter ("“HELP”至"), a zero-width space after
/// the quote gives the line the break Chinese sets there (clreq) and UAX #14 does not (its
/// LB19 glues a quote to both neighbours): else the quoted keyword, the letter and the
/// number would be one run no line could break ("或发短信 / “HELP” / 至233733").
fn keep_numbers_with_words(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut joins: Vec<(usize, char)> = Vec::new();

    let invisible = |c: char| {
        matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2066}'..='\u{2069}'
        )
    };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i - start < 5 {
            continue;
        }
        let before = (0..start).rev().find(|&j| !invisible(chars[j]));
        let after = (i..chars.len()).find(|&j| !invisible(chars[j]));
        // A number whose word follows it at once (Korean "233733번으로") is not alone.
        let attached = after.is_some_and(|j| chars[j].is_alphabetic());
        match (before, after) {
            _ if attached => {}
            (Some(j), _) if chars[j] == ' ' => chars[j] = '\u{00A0}',
            (None, Some(j)) if chars[j] == ' ' => chars[j] = '\u{00A0}',
            (Some(j), _) if chars[j].is_alphabetic() => {
                joins.push((j + 1, '\u{2060}'));
                let quote = (0..j).rev().find(|&k| !invisible(chars[k]));
                if let Some(k) = quote.filter(|&k| CLOSING_QUOTES.contains(chars[k])) {
                    joins.push((k + 1, '\u{200B}'));
                }
            }
            _ => {}
        }
    }
    // From the end, so that each place still counts the characters before it.
    joins.sort_by(|a, b| b.0.cmp(&a.0));
    for (at, c) in joins {
        chars.insert(at, c);
    }
    chars.into_iter().collect()
}

/// Closing quotation marks, which UAX #14 does not let a line break after when a letter
/// follows (brackets, 」, it does).
const CLOSING_QUOTES: &str = "”’";

/// A pair's number panel, smaller (its text lines stand in the columns below): the two
/// call labels side by side, each over its language's column, over one number with the
/// call icon beside it.
fn pair_panel(content: &Content, locales: &[&Locale], d: &Design, s: f32, theme: &Theme) -> Block {
    let label = theme.heading(d.label * s).align(Align::Center);
    let label_of = |l: &Locale| Block::para("texts.poster.call_label", t(&p(l).call_label), label);
    let labels = match locales {
        [a, b] => Block::Columns {
            gap: d.column_gap * s,
            cols: vec![vec![label_of(a)], vec![second(vec![label_of(b)])]],
        },
        _ => Block::Section(locales.iter().map(|l| label_of(l)).collect()),
    };
    Block::Panel {
        fill: theme.colors.panel,
        padding: PAIR_PANEL_PAD * s,
        blocks: vec![
            labels,
            Block::Space(LABEL_AFTER * s),
            icons::beside(
                Icon::Call,
                theme.colors.brand,
                PAIR_ICON * s,
                vec![hotline_number(
                    content,
                    number(d.number * s, d.number_after * s, Align::Center, theme),
                )],
            ),
        ],
    }
}

/// A QR code's caption, bold; aligned towards its code by [`qr_row`].
fn qr_caption_style(size: f32, theme: &Theme) -> TextStyle {
    theme
        .body(size)
        .bold()
        .color(theme.colors.brand)
        .leading(CAPTION_LEADING)
        .after(0.0)
}

/// The measures of the QR row on a page: the symbols' size, the column each block takes
/// (its caption centred under its code across it) and the height its captions are given.
struct RowSize {
    qr: f32,
    column: f32,
    caption_h: f32,
}

/// A bold caption's width against [`em_width`]'s regular estimate (Noto Sans Bold's
/// digits are 0.57 em wide), with a margin: a caption cannot shrink below its 16 pt, so
/// its room is estimated on the safe side.
const BOLD_EM: f32 = 1.2;

impl RowSize {
    /// The row of `locales`' captions on `g`: the captions' height estimated from their
    /// texts at the caption's size (the layout, which knows the glyphs, comes after
    /// composing; where a caption takes more lines than estimated, every caption of the
    /// page shrinks alike, to 16 pt at the least).
    fn of(locales: &[&Locale], g: &Geometry, d: &Design) -> RowSize {
        let s = g.s;
        let spacing = qr_block::POSTER.scaled(s);
        let widest = (d.caption_w * s).min((g.inner_w - spacing.gutter) / 2.0);
        let size = CAPTION * s;
        let gaps = CAPTION_GAP * s * locales.len().saturating_sub(1) as f32;
        let height = |text: fn(&Locale) -> &str, column: f32| {
            locales
                .iter()
                .map(|l| {
                    wrapped_lines(text(l), size * BOLD_EM, column)
                        * size
                        * CAPTION_LEADING
                        * line_factor(l)
                })
                .sum::<f32>()
                + gaps
        };
        let caption_h = |column: f32| {
            height(|l| t(&p(l).call_qr_caption), column)
                .max(height(|l| t(&p(l).text_qr_caption), column))
        };
        // The codes go as far out as their captions allow: the narrowest column, down to
        // `caption_min`, whose captions take no more lines than the widest's. The message
        // between the codes gets the room (`en+ja`'s stood taller than the codes).
        let least = caption_h(widest);
        let narrowest = (d.caption_min * s).min(widest);
        let column = (0..=16)
            .map(|k| narrowest + (widest - narrowest) * k as f32 / 16.0)
            // With a margin: the estimate counts characters, and a caption one line longer
            // than its frame cannot shrink below its 16 pt.
            .find(|&w| caption_h(w * 0.92) <= least + 0.01)
            .unwrap_or(widest);
        // A pair's text lines stand at the floor between the codes and cannot shrink: where
        // they would be taller than the codes, the codes move out as far as they go and
        // the captions take the lines they need.
        let qr = d.qr * s;
        let middle_fits = |column: f32| {
            let quiet = qr * 4.0 / 21.0;
            let size = PAIR_TEXT_LINE * s;
            let w = g.inner_w - column - qr - 2.0 * (quiet + MIDDLE_CLEAR * s) - size * 1.3;
            let h: f32 = locales
                .iter()
                .map(|l| {
                    wrapped_lines(t(&p(l).text_line), size * BOLD_EM, w)
                        * size
                        * d.list_leading
                        * line_factor(l)
                })
                .sum();
            h + LABEL_AFTER * s <= qr
        };
        let (column, caption_h) = match locales.len() > 1 && !middle_fits(column) {
            true => (narrowest, caption_h(narrowest)),
            false => (column, least),
        };
        RowSize {
            qr,
            column,
            caption_h,
        }
    }
}

/// How many lines `text` takes at `size` in `width`, broken at spaces (a word wider than
/// the line, a run of CJK, broken where it must).
fn wrapped_lines(text: &str, size: f32, width: f32) -> f32 {
    let space = em_width(" ") * size;
    let mut lines = 0.0;
    let mut line: Option<f32> = None;
    for word in text.split_whitespace() {
        let w = em_width(word) * size;
        line = match line {
            Some(used) if used + space + w <= width => Some(used + space + w),
            _ => {
                let n = (w / width).ceil().max(1.0);
                lines += n;
                Some(w - (n - 1.0) * width)
            }
        };
    }
    if lines == 0.0 { 1.0 } else { lines }
}

/// The call and text QR codes side by side at the outer edges of `row` (its y is the top),
/// each in its column with its caption centred under it; returns the bottom of the row,
/// the captions' room included, and the room between the two columns beside the codes.
fn qr_row(
    content: &Content,
    items: &mut Vec<Item>,
    row: Rect,
    s: f32,
    size: RowSize,
    captions: [Vec<Block>; 2],
) -> Result<(f32, Rect), Error> {
    let call = contact_qr(content, "hotline")?;
    let text = contact_qr(content, "textline")?;
    let spacing = qr_block::POSTER.scaled(s);
    let quiets = [
        qr_block::quiet(size.qr, &call),
        qr_block::quiet(size.qr, &text),
    ];
    // Both symbols share a top edge, clear of the text above by the larger quiet zone,
    // and both captions a top edge, under the larger quiet zone: one line across.
    let quiet = quiets[0].max(quiets[1]);
    let bottom = row.y + 2.0 * quiet + size.qr + spacing.caption_gap + size.caption_h;
    let row = Rect::new(row.x, row.y, row.w, bottom - row.y);
    let columns = qr_block::outer_columns(row, size.column, spacing);
    let blocks = columns.map(|column| qr_block::under(column, size.qr, quiet, spacing));
    // Level with the codes and their quiet zones, clear of both quiet zones by the
    // caption's gap; the captions start under it.
    let clear = quiet + MIDDLE_CLEAR * s;
    let middle_x = blocks[0].0.right() + clear;
    let middle = Rect::new(
        middle_x,
        row.y,
        blocks[1].0.x - clear - middle_x,
        size.qr + 2.0 * quiet,
    );
    let codes = [(call, "hotline"), (text, "textline")];
    for (((code, contact), (symbol, caption)), blocks) in
        codes.into_iter().zip(blocks).zip(captions)
    {
        let at = qr_block::Placed {
            symbol,
            caption,
            align: Some(Align::Center),
            valign: VAlign::Top,
            shrink_to: Some(MIN_SIZE * s),
        };
        items.extend(qr_block::items(at, code, contact, blocks));
    }
    Ok((bottom, middle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_keeps_to_the_word_before_it_and_a_quoted_keyword_may_end_a_line() {
        let (lri, pdi) = ('\u{2066}', '\u{2069}');
        assert_eq!(
            keep_numbers_with_words(&format!("or text {lri}HELP{pdi} to {lri}233733{pdi}")),
            format!("or text {lri}HELP{pdi} to\u{00A0}{lri}233733{pdi}")
        );
        // Chinese: the number joined to 至, a break offered after the closing quote.
        assert_eq!(
            keep_numbers_with_words(&format!("或发短信“{lri}HELP{pdi}”至{lri}233733{pdi}")),
            format!("或发短信“{lri}HELP{pdi}”\u{200B}至\u{2060}{lri}233733{pdi}")
        );
        // After a closing bracket a line may break already: only the joiner.
        assert_eq!(
            keep_numbers_with_words("或傳簡訊「HELP」至233733"),
            "或傳簡訊「HELP」至\u{2060}233733"
        );
        // A number that leads its word, or a short one, is left alone.
        assert_eq!(keep_numbers_with_words("233733번으로"), "233733번으로");
        assert_eq!(keep_numbers_with_words("至911"), "至911");
    }
}
