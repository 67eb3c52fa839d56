//! Wallet card: ISO/IEC 7810 ID-1 (CR80), front and back, with bleed for a cutter.
//!
//! Front: who to call, the number large, a QR code that dials it, the text line and 911.
//! Back: the signs to look for and a QR code that opens a text to the text line.
//! In two languages the front tells how to get help in both, under one number and one QR
//! code; the back lists the signs side by side, one column per language.

use super::Setup;
use super::icons::{self, Icon};
use super::kinds::{Kind, KindSpec, NoticePlace};
use super::organisation::Organisation;
use super::qr_block;
use super::theme::Theme;
use super::{
    Align, Block, Document, Item, MM, Page, Paper, Rect, Rgb, Size, TextStyle, VAlign, bullets,
    contact_qr, document_in, hotline_number, in_both, in_each, second, t,
};
use crate::content::schema::CardTexts;
use crate::content::{Content, Locale};
use crate::error::Error;
use crate::qr::{QUIET_ZONE, QrMatrix};

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Card,
    name: "card",
    description: "wallet card, 85.6 x 53.98 mm, front and back",
    help: "Wallet card, ISO ID-1 (85.6 x 53.98 mm), front and back",
    uses_paper: false,
    languages: 2,
    text_floor: CR80.text_floor,
    qr_min_mm: [20.0, 20.0],
    draft_notice: NoticePlace::CARD,
    discreet: false,
    compose,
};

/// The physical card a template fills: a sticker or another card size reuses the
/// template with other numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardGeometry {
    /// Trim size.
    pub trim: Size,
    /// Printed beyond the trim on every side, for the cutter.
    pub bleed: f32,
    /// Text stays this far inside the trim.
    pub safe: f32,
    /// The QR symbol itself, quiet zone not included.
    pub qr: f32,
    /// No text is smaller than this.
    pub text_floor: f32,
    /// Body text before any shrinking.
    pub body: f32,
    /// How much wider than its code a code's caption may be ([`CAPTION_WIDEN`] unless
    /// the card has width to spare).
    pub caption_widen: f32,
    /// How far a pair's code caption may reach into the bottom safe margin (one
    /// language's, [`CAPTION_DROP`]).
    pub caption_drop: f32,
}

/// ISO/IEC 7810 ID-1, the size of a bank card.
pub const CR80: CardGeometry = CardGeometry {
    trim: Size::new(85.6 * MM, 53.98 * MM),
    // US bleed, 0.125 in.
    bleed: 9.0,
    // A cutter drifts up to 1/16 in.
    safe: 9.5,
    // At least 20 mm, so a phone at arm's length reads it.
    qr: 20.5 * MM,
    text_floor: 6.5,
    // Room for translations 30% longer than English.
    body: 7.5,
    caption_widen: CAPTION_WIDEN,
    caption_drop: CAPTION_DROP,
};

/// A US business card, 3.5 x 2 in (Avery 8371/5371 sheets of ten): 0.13 in wider than
/// CR80 and 0.125 in shorter. Same bleed, safe area, code and type as CR80: the height it
/// lacks comes out of the bands ([`fitted`]), whose lines get the extra width, and out
/// of the code, at the kind's minimum.
pub const BUSINESS: CardGeometry = CardGeometry {
    trim: Size::new(3.5 * 72.0, 2.0 * 72.0),
    // The kind's 20 mm minimum: with the bands' share, the caption under the code keeps
    // the room it has on CR80 (a code of 21 modules has the widest quiet zone).
    qr: 20.0 * MM,
    // Most of the extra width goes to the captions under the codes, which are the
    // height-bound texts on a shorter card (a pair's caption then keeps its lines).
    caption_widen: CAPTION_WIDEN + 8.0,
    // 0.125 in shorter, a pair's caption of three lines under its code needs 2.5 pt more
    // of the margin: it still ends 5 pt from the cut, beyond a cutter's 1/16 in drift.
    // One language keeps CAPTION_DROP (`captioned_code`, the safety card).
    caption_drop: CAPTION_DROP + 2.5,
    ..CR80
};

/// The geometry a card kind is composed on for `paper`: BUSINESS for the business size,
/// CR80 for anything else (a card job carries a sheet when no card size was asked).
pub fn geometry(paper: Paper) -> &'static CardGeometry {
    match paper {
        Paper::Business => &BUSINESS,
        _ => &CR80,
    }
}

/// Of the height a card shorter than CR80 lacks, the share its bands give up: the rest
/// comes out of the captions and the text, which have the extra width.
const BAND_SHARE: f32 = 0.78;

/// `face` on `g`: its band shorter by `g`'s share of what it lacks of CR80's height (a
/// CR80 face is unchanged).
pub(super) fn fitted(face: Face, g: &CardGeometry) -> Face {
    fitted_by(face, g, BAND_SHARE)
}

/// [`fitted`] giving up `share` of the height.
fn fitted_by(face: Face, g: &CardGeometry, share: f32) -> Face {
    let short = (CR80.trim.h - g.trim.h).max(0.0);
    Face {
        band: face.band - short * share,
        ..face
    }
}

/// A pair's `face` on `g`: CR80's as it is; on a shorter card `short`, [`fitted`]
/// (see [`PAIR_SHORT`]).
fn pair_face(face: Face, short: Face, g: &CardGeometry) -> Face {
    if shorter_than_cr80(g) {
        fitted(short, g)
    } else {
        face
    }
}

/// What a face of the card sets apart from its text: the band's height and heading size,
/// the gap below the band, and the footer's height.
#[derive(Debug, Clone, Copy)]
pub(super) struct Face {
    pub(super) band: f32,
    pub(super) heading: f32,
    pub(super) gap: f32,
    pub(super) footer: f32,
}

/// One language's band on CR80, front and back: one heading each (the front's question,
/// two lines of 8 pt in its longest locales; the back's signs heading, one line), so one
/// height holds both. Turned over, the card reads as one design (50 and 27 pt before,
/// issue 13, when the front's band also held the rights line).
const BAND: f32 = 30.0;

const FRONT: Face = Face {
    band: BAND,
    heading: 8.0,
    gap: 4.0,
    footer: 0.0,
};
/// Where the front's text and code begin in one language, under the band and the rights
/// line set on white: where they began when the rights line was in the band, so their
/// sizes do not change.
const FRONT_BODY: f32 = 50.0;
/// Between the band and the rights line under it.
const RIGHTS_GAP: f32 = 1.5;
const BACK: Face = Face {
    band: BAND,
    heading: 8.5,
    gap: 3.0,
    footer: 16.0,
};
/// Where the back's signs began under its band of 27 pt, and still begin: the list is at
/// its last size above the floor and has no height to give.
const BACK_BODY: f32 = 27.0 + 5.0;

/// On a card shorter than CR80 (business) one language's front band holds its question
/// and the rights line (43 pt once [`fitted`]): on white under the band, as on CR80, the
/// rights line would push the front's code down until a caption of two lines ("Сканируйте
/// для / звонка") no longer fits under it.
const FRONT_SHORT: Face = Face {
    band: FRONT_BODY,
    ..FRONT
};
/// The back's band is the front's height (it was 20 pt to the front's 43, issue 13) and,
/// like the front's, holds a heading and the lines that answer it: the signs' heading,
/// the caution and "do not confront". The signs then have the column beside the code to
/// the card's foot, at [`LIST_FLOOR`] or more.
const BACK_SHORT: Face = Face {
    band: FRONT_SHORT.band,
    gap: 2.5,
    footer: 0.0,
    ..BACK
};

/// The smallest size of the signs on a card shorter than CR80: a step (x 0.96) under the
/// body size is 7.2 pt, and no more than 7 pt is given up for the short card (its list was
/// set at 6.64 pt beside a footer that took 16 pt of its height, issue 13).
pub const LIST_FLOOR: f32 = 7.0;

/// Whether `g` is shorter than CR80 (the business card): its bands hold more (see
/// [`FRONT_SHORT`], [`PAIR_SHORT`]).
fn shorter_than_cr80(g: &CardGeometry) -> bool {
    g.trim.h < CR80.trim.h
}

/// Whether one language's rights line is in the front's band (see [`FRONT_SHORT`]).
fn rights_in_band(g: &CardGeometry) -> bool {
    shorter_than_cr80(g)
}

/// One language's faces on `g`: on CR80 one band height, the back's signs starting where
/// they did under its band of 27 pt.
fn one_faces(g: &CardGeometry) -> (Face, Face) {
    if rights_in_band(g) {
        (fitted(FRONT_SHORT, g), fitted(BACK_SHORT, g))
    } else {
        (
            FRONT,
            Face {
                gap: BACK_BODY - BACK.band,
                ..BACK
            },
        )
    }
}

/// A pair's band on CR80, front and back: the back's holds the rights line in both
/// languages (four lines, a step under their size in the longest), the front's its two
/// questions, centred. Turned over, the card reads as one design (41 and 46 pt before,
/// issue 13). Not taller: the text beside the front's code starts where it did (the
/// front's gap under the band is smaller by as much as the band is taller), as its two
/// languages need all of its height, and the code, which moves down with the band, needs
/// the room under it for the three lines of its caption.
const PAIR_BAND: f32 = 42.0;

/// Two languages: a taller band for two headings, set smaller.
const FRONT_PAIR: Face = Face {
    band: PAIR_BAND,
    heading: 7.5,
    gap: 1.0,
    footer: 0.0,
};
const BACK_PAIR: Face = Face {
    band: PAIR_BAND,
    heading: 7.5,
    gap: 3.0,
    footer: 0.0,
};

/// A pair's band on a card shorter than CR80 (business), before [`fitted`]: 34 pt on
/// both faces. The front's caption of three lines under its code has no room for a band
/// of more than 38 pt, and the rights line in two languages needs 41.5 pt (four lines at
/// the floor in hi+en): so on this card the back's band holds "do not confront" in both
/// languages, as one language's back band holds it, and the rights line goes beside the
/// code, each language's above its note on texts.
const PAIR_SHORT: Face = Face {
    band: 41.0,
    gap: 3.0,
    ..FRONT_PAIR
};

/// What a second language changes in the card's look: the same template, set tighter
/// and smaller so two of every line fit.
#[derive(Debug, Clone, Copy)]
struct Look {
    front: Face,
    back: Face,
    /// The label above the number, the number, and the space after the number.
    label: f32,
    number: f32,
    number_after: f32,
    /// The text line and the 911 line; in one language they stand out from body text.
    text_line: f32,
    emergency: f32,
    /// The 911 line's leading; `None` keeps the body's.
    emergency_leading: Option<f32>,
    /// Leading of the short lines, the signs and the footer.
    leading: f32,
    /// After the text line's note, which closes a group.
    note_after: f32,
    /// Between the signs.
    item_gap: f32,
}

impl Look {
    fn of(locales: &[&Locale], g: &CardGeometry) -> Look {
        if locales.len() == 2 {
            Look {
                front: pair_face(FRONT_PAIR, PAIR_SHORT, g),
                back: pair_face(BACK_PAIR, PAIR_SHORT, g),
                label: 7.5,
                number: 15.0,
                number_after: 2.5,
                text_line: g.body,
                emergency: g.body,
                emergency_leading: Some(TIGHTER),
                leading: TIGHTER,
                note_after: 2.5,
                item_gap: 1.0,
            }
        } else {
            Look {
                front: one_faces(g).0,
                back: one_faces(g).1,
                label: 8.0,
                number: 16.5,
                number_after: NUMBER_AFTER,
                text_line: 9.0,
                emergency: 8.0,
                emergency_leading: None,
                leading: TIGHT,
                note_after: 3.0,
                item_gap: 1.6,
            }
        }
    }
}

/// Leading of the card's short lines: tighter than body text, which is made for reading
/// paragraphs.
pub(super) const TIGHT: f32 = 1.15;
/// Band headings and the lines of a two-language card, two to a text.
pub(super) const TIGHTER: f32 = 1.12;
/// Leading of the hotline number: digits have no descenders to clear.
pub(super) const NUMBER_LEADING: f32 = 1.05;
/// Between one language's lines and the other's, on the back of a two-language card.
const PAIR_GROUP_GAP: f32 = 3.0;
/// Between the lines of one group (a label and its translation, a line and its note).
const LINE_GAP: f32 = 0.5;
/// After the label (and, in one language, after the number).
const NUMBER_AFTER: f32 = 1.0;
/// The band's heading may rise this far into the top safe margin: the band is ink, not
/// text near a cut.
const BAND_RISE: f32 = 2.0;
/// A caption may be this much wider than its code, and reach this far into the bottom
/// safe margin: a caption of two short lines then fits at the body size.
pub(super) const CAPTION_WIDEN: f32 = 14.0;
pub(super) const CAPTION_DROP: f32 = 2.0;
/// The emergency icon beside the 911 line, in ems of its text: its cap height and a little.
const EMERGENCY_ICON_EM: f32 = 1.0;
/// A QR code's quiet zone stays at least this far inside the trim.
const QUIET_INSET: f32 = 1.5;
/// Extra room between text and a code's quiet zone: the code's caption, wider than the
/// code, reaches into it, and a right-aligned line (Arabic) must not run into the caption.
pub(super) const CODE_CLEARANCE: f32 = 4.0;

/// How much further left than on CR80 a code's caption reaches on `g`, which the text
/// beside the code leaves it (0 on CR80).
pub(super) fn caption_overhang(g: &CardGeometry) -> f32 {
    g.caption_widen - CAPTION_WIDEN
}

/// One language or two, on `paper`'s card size ([`geometry`]).
pub fn compose(
    content: &Content,
    locales: &[&Locale],
    paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    let g = geometry(paper);
    let mut doc = compose_on(content, locales, Kind::Card, g, setup)?;
    if let (Some(org), Some(back)) = (&setup.organisation, doc.pages.get_mut(1)) {
        let face = Look::of(locales, g).back;
        let room = if locales.len() > 1 {
            PAIR_LOGO_BOX
        } else {
            LOGO_BOX
        };
        mark_back(back, org, face, room, g, &setup.theme);
    }
    Ok(doc)
}

/// The box the organisation's logo is fitted into, in the back's band.
pub const LOGO_BOX: Size = Size::new(44.0, 15.5);
/// A pair's band carries two languages' lines: its logo takes less of their width.
const PAIR_LOGO_BOX: Size = Size::new(34.0, 12.5);
/// Between the logo's box and the band's heading, and the white ground round the logo.
const LOGO_GAP: f32 = 5.0;
const LOGO_GROUND: f32 = 1.5;

/// The organisation on the back: its logo (or, without one, its short name) at the end
/// of the band, the heading making room beside it. The band ends where the code's quiet
/// zone begins, so the mark is clear of it. Alone, the logo is a figure named by the
/// organisation; its distribution line does not fit on a card at the floor size.
pub(super) fn mark_back(
    back: &mut Page,
    org: &Organisation,
    face: Face,
    room: Size,
    g: &CardGeometry,
    theme: &Theme,
) {
    let top = g.safe - BAND_RISE;
    let band_h = face.band - g.safe;
    let boxed = Rect::new(
        g.trim.w - g.safe - room.w,
        top + (band_h - room.h) / 2.0,
        room.w,
        room.h,
    );
    // A logo sits at the box's outer end, so the heading keeps what its shape leaves.
    let fitted = org.logo.as_ref().map(|logo| {
        let fitted = logo.fit(boxed);
        Rect::new(boxed.x + boxed.w - fitted.w, fitted.y, fitted.w, fitted.h)
    });
    let mark_left = fitted.map_or(boxed.x, |f| f.x - LOGO_GROUND);
    // The band's heading frame is its second item (see `band_of`).
    if let Some(Item::Frame { rect, .. }) = back.items.get_mut(1) {
        rect.w = mark_left - LOGO_GAP - rect.x;
    }
    match (&org.logo, fitted) {
        (Some(logo), Some(fitted)) => {
            back.items.push(Item::Fill {
                rect: fitted.inset(-LOGO_GROUND),
                color: Rgb::WHITE,
                radius: 2.0,
                bleeds: false,
            });
            back.items.push(Item::Image {
                rect: fitted,
                picture: logo.clone(),
                alt: Some(org.logo_alt()),
            });
        }
        _ => back.items.push(Item::Frame {
            rect: boxed,
            blocks: vec![Block::para(
                super::organisation::NAME_KEY,
                org.card_name(),
                theme
                    .heading(g.text_floor)
                    .color(theme.colors.on_brand)
                    .align(Align::End)
                    .leading(TIGHTER)
                    .after(0.0),
            )],
            valign: VAlign::Center,
            shrink_to: None,
        }),
    }
}

/// The card's faces on `g`, for `kind`: another kind cut to card-like proportions (a
/// sticker) reuses this template with its own geometry.
pub fn compose_on(
    content: &Content,
    locales: &[&Locale],
    kind: Kind,
    g: &CardGeometry,
    setup: &Setup,
) -> Result<Document, Error> {
    let theme = &setup.theme;
    let g = &for_languages(g, locales.len());
    let look = Look::of(locales, g);
    let mut doc = document_in(
        locales,
        kind,
        |l| t(&c(l).hotline_label),
        |l| t(&c(l).front_heading),
    )?;
    doc.pages.push(front(content, locales, &look, g, theme)?);
    doc.pages.push(back(content, locales, &look, g, setup)?);
    Ok(doc)
}

/// The smallest code the card kind allows, 20 mm (its `qr_min_mm`).
const PAIR_QR: f32 = 20.0 * MM;

/// `g` for a card in `languages` languages. A pair's captions hold two languages under
/// each code, three lines where one language has one or two: its codes are at the kind's
/// 20 mm minimum, so the caption gains what the code and its quiet zone give up.
fn for_languages(g: &CardGeometry, languages: usize) -> CardGeometry {
    match languages {
        1 => *g,
        _ => CardGeometry {
            qr: g.qr.min(PAIR_QR),
            ..*g
        },
    }
}

/// What a card in `languages` languages leaves out for want of room. Beside a pair's
/// front code, two languages of the hotline's name, its note, the text line and the 911
/// line do not fit at the body size (7.5 pt shrank to 6.64 pt in en+ru, issue 13): the
/// name is printed once, in the first language, as the name the number reaches; every
/// safety line stays in both. [`front`] and the build's warning both ask this one
/// function, so what is printed and what is said cannot differ.
pub fn gives_way(languages: usize) -> Vec<&'static str> {
    match languages {
        1 => Vec::new(),
        _ => vec![NAME_ONCE],
    }
}

/// The hotline's name in a pair's second language (see [`gives_way`]).
pub const NAME_ONCE: &str = "the hotline's name in its second language: the front names the hotline once, in its first language, so the text beside the code keeps the 7.5 pt body size (the note, the text line and the 911 line stay in both)";

/// Whether a card in `languages` languages prints the signs an edition changes: a pair's
/// back gives their room to both languages' safety lines (see [`super::edition_changes`]).
pub fn shows_signs(languages: usize) -> bool {
    languages == 1
}

/// A locale's card texts.
fn c(locale: &Locale) -> &CardTexts {
    &locale.texts.card
}

/// The band's heading in every language, the second on its own line, lighter.
fn band_heading(
    key: &str,
    locales: &[&Locale],
    text: impl Fn(&Locale) -> &str,
    size: f32,
    level: u8,
    theme: &Theme,
) -> Vec<Block> {
    let style = theme
        .heading(size)
        .heading_level(level)
        .color(theme.colors.on_brand)
        .align(Align::Center)
        .leading(TIGHTER);
    // A second language's heading is lighter, so the eye finds the first's.
    let then = match locales {
        [_, _] => TextStyle {
            bold: false,
            ..style
        },
        _ => style,
    };
    in_each(key, locales, text, style.after(1.5), then.after(0.0))
}

/// The band across the top, reaching into the bleed, with its headings.
pub(super) fn band_of(
    height: f32,
    blocks: Vec<Block>,
    g: &CardGeometry,
    theme: &Theme,
) -> [Item; 2] {
    let (size, safe) = (g.trim, g.safe);
    [
        Item::Fill {
            rect: Rect::new(0.0, 0.0, size.w, height),
            color: theme.colors.band,
            radius: 0.0,
            bleeds: true,
        },
        // The frame runs from the top safe margin (less the rise) to 2 pt above the band's
        // edge; its middle is that much lower than the band's, on which the headings centre.
        Item::Frame {
            rect: Rect::new(safe, safe - BAND_RISE, size.w - 2.0 * safe, height - safe),
            blocks,
            valign: VAlign::CenterAbove((safe - 2.0 * BAND_RISE) / 2.0),
            shrink_to: Some(g.text_floor),
        },
    ]
}

/// The light margin around a symbol of `width_modules`.
pub(super) fn quiet(g: &CardGeometry, width_modules: usize) -> f32 {
    g.qr / width_modules as f32 * QUIET_ZONE as f32
}

/// Where a card's QR symbol goes: right-hand side, below the band, with its whole quiet
/// zone inside the trim and clear of the band.
pub(super) fn qr_rect(g: &CardGeometry, band: f32, width_modules: usize) -> Rect {
    let q = quiet(g, width_modules);
    Rect::new(
        g.trim.w - g.safe.max(q + QUIET_INSET) - g.qr,
        band + q,
        g.qr,
        g.qr,
    )
}

/// [`qr_rect`] for `locales`: two languages' caption needs its whole width, so the code
/// moves in from the edge until that caption, centred under it, is inside the safe area;
/// one language's short caption keeps the code at the edge (its frame narrows instead,
/// see [`captioned`]).
fn qr_rect_for(g: &CardGeometry, band: f32, width_modules: usize, locales: &[&Locale]) -> Rect {
    let qr = qr_rect(g, band, width_modules);
    let room = g.trim.w - g.safe - (qr.x + g.qr / 2.0);
    let short = match locales.len() {
        1 => 0.0,
        _ => (g.caption_widen + g.qr) / 2.0 - room,
    };
    Rect::new(qr.x - short.max(0.0), qr.y, qr.w, qr.h)
}

pub(super) fn caption_style(g: &CardGeometry, theme: &Theme) -> TextStyle {
    theme
        .body(g.body)
        .bold()
        .align(Align::Center)
        .leading(TIGHT)
        .after(0.0)
}

/// The human-readable lines under the QR code of `contact`, kept inside the safe area.
/// A face's QR code for `contact` with its caption under it, in each language: the
/// caption is tied to the code, so the read-back refuses another contact printed in it.
fn captioned_code(
    g: &CardGeometry,
    qr: Rect,
    code: QrMatrix,
    contact: &str,
    (key, text): (&str, impl Fn(&Locale) -> &str),
    locales: &[&Locale],
    theme: &Theme,
) -> [Item; 2] {
    // Two languages' captions are two couplets under one code: set as tight as the
    // pair's other lines.
    let style = match locales {
        [_] => caption_style(g, theme),
        _ => caption_style(g, theme).leading(TIGHTER),
    };
    let caption = in_each(key, locales, text, style, style);
    let one = CardGeometry {
        caption_drop: CAPTION_DROP,
        ..*g
    };
    let g = if locales.len() > 1 { g } else { &one };
    captioned(g, qr, code, contact, caption)
}

/// A card's QR block (see [`super::qr_block`]): the code at `qr`, its caption centred
/// under it, a little wider than the code and kept inside the safe area: the caption's
/// frame is centred on the code, narrowed alike on both sides where the safe area cuts it
/// (a frame pushed in from the edge set its caption up to 6 pt off the code's centre).
pub(super) fn captioned(
    g: &CardGeometry,
    qr: Rect,
    code: QrMatrix,
    contact: &str,
    blocks: Vec<Block>,
) -> [Item; 2] {
    let (x, w) = caption_span(g, qr);
    let top = qr.bottom() + quiet(g, code.width);
    // `g.caption_drop`: its caller gives one language's captions CAPTION_DROP.
    let at = qr_block::Placed {
        symbol: qr,
        caption: Rect::new(x, top, w, g.trim.h - g.safe + g.caption_drop - top),
        align: None,
        valign: VAlign::Top,
        shrink_to: Some(g.text_floor),
    };
    qr_block::items(at, code, contact, blocks)
}

/// Where the caption under a code at `qr` starts and how wide it is: centred on the code,
/// [`CardGeometry::caption_widen`] wider than it, narrowed alike on both sides where the
/// safe area cuts it.
fn caption_span(g: &CardGeometry, qr: Rect) -> (f32, f32) {
    let centre = qr.x + g.qr / 2.0;
    let half = ((g.qr + g.caption_widen) / 2.0).min(g.trim.w - g.safe - centre);
    (centre - half, 2.0 * half)
}

/// The victim's rights whatever their immigration status, in `color`: the brand's on
/// white under the band, white in it.
fn rights(locale: &Locale, g: &CardGeometry, theme: &Theme, color: Rgb) -> Block {
    Block::para(
        "report.rights",
        t(&locale.report.rights),
        theme
            .body(g.body)
            .color(color)
            .align(Align::Center)
            .leading(TIGHTER)
            .after(0.0),
    )
}

/// In which languages texts are answered.
fn text_note(locale: &Locale, g: &CardGeometry, look: &Look, theme: &Theme) -> Block {
    Block::para(
        "texts.card.text_note",
        t(&c(locale).text_note),
        theme
            .body(g.body)
            .color(theme.colors.muted)
            .leading(look.leading)
            .after(0.0),
    )
}

/// The hotline number's style on the front: in the colour of body text.
fn number(size: f32, after: f32, theme: &Theme) -> TextStyle {
    theme
        .heading(size)
        .color(theme.colors.ink)
        .leading(NUMBER_LEADING)
        .after(after)
}

/// The text frame left of the QR code, below the band.
pub(super) fn text_frame(g: &CardGeometry, face: Face, text_w: f32, blocks: Vec<Block>) -> Item {
    Item::Frame {
        rect: Rect::new(
            g.safe,
            face.band + face.gap,
            text_w,
            g.trim.h - g.safe - face.band - face.gap,
        ),
        blocks,
        valign: VAlign::Center,
        shrink_to: Some(g.text_floor),
    }
}

/// The frame at the foot of the back, across the card.
fn footer_frame(g: &CardGeometry, face: Face, blocks: Vec<Block>) -> Item {
    Item::Frame {
        rect: Rect::new(
            g.safe,
            g.trim.h - g.safe - face.footer,
            g.trim.w - 2.0 * g.safe,
            face.footer,
        ),
        blocks,
        valign: VAlign::Bottom,
        shrink_to: Some(g.text_floor),
    }
}

pub(super) fn page(g: &CardGeometry, items: Vec<Item>) -> Page {
    Page {
        size: g.trim,
        bleed: g.bleed,
        items,
    }
}

fn front(
    content: &Content,
    locales: &[&Locale],
    look: &Look,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Page, Error> {
    let mut heading = band_heading(
        "texts.card.front_heading",
        locales,
        |l| t(&c(l).front_heading),
        look.front.heading,
        1,
        theme,
    );
    // The heading asks a victim a question; in one language the rights line answers it
    // (in two, it heads the back): on CR80 on white under the band, across the card, the
    // text and code starting below it; on a shorter card in the band, under the question.
    if let [one] = locales
        && rights_in_band(g)
    {
        if let Some(last) = heading.pop() {
            heading.push(last.after(1.5));
        }
        heading.push(rights(one, g, theme, theme.colors.on_brand));
    }
    let mut items = Vec::from(band_of(look.front.band, heading, g, theme));
    let face = match locales {
        [one] if !rights_in_band(g) => {
            let body = FRONT_BODY;
            let top = look.front.band + RIGHTS_GAP;
            items.push(Item::Frame {
                rect: Rect::new(g.safe, top, g.trim.w - 2.0 * g.safe, body - top),
                blocks: vec![rights(one, g, theme, theme.colors.brand)],
                valign: VAlign::Center,
                shrink_to: Some(g.text_floor),
            });
            Face {
                band: body,
                ..look.front
            }
        }
        _ => look.front,
    };
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(g, face.band, code.width);
    let text_w = qr.x - quiet(g, code.width) - g.safe - CODE_CLEARANCE - caption_overhang(g);
    // A line and its translation sit close; `after` closes the group.
    let each = |key: &str, text: fn(&Locale) -> &str, style: TextStyle, after: f32| {
        in_each(
            key,
            locales,
            text,
            style.after(LINE_GAP),
            style.after(after),
        )
    };
    let name_once = gives_way(locales.len()).contains(&NAME_ONCE);
    let mut blocks = each(
        "texts.card.hotline_label",
        |l| t(&l.texts.card.hotline_label),
        theme.heading(look.label),
        NUMBER_AFTER,
    );
    if name_once {
        // The first language's name only: the document's language, so no tag of its own.
        blocks.truncate(1);
        if let Some(name) = blocks.pop() {
            blocks.push(name.after(NUMBER_AFTER));
        }
    }
    blocks.push(hotline_number(
        content,
        number(look.number, look.number_after, theme),
    ));
    blocks.extend(each(
        "texts.card.hotline_note",
        |l| t(&l.texts.card.hotline_note),
        theme
            .body(g.body)
            .color(theme.colors.muted)
            .leading(look.leading),
        look.note_after,
    ));
    // In one language the note on texts follows its line; in two it is on the back.
    let text_after = match locales {
        [_] => LINE_GAP,
        _ => look.note_after,
    };
    blocks.extend(each(
        "texts.card.text_line",
        |l| t(&l.texts.card.text_line),
        theme.body(look.text_line).bold().leading(look.leading),
        text_after,
    ));
    if let [one] = locales {
        blocks.push(text_note(one, g, look, theme).after(look.note_after));
    }
    // The hotline's label, number and notes are one section for a screen reader, as on
    // the poster and handout; the 911 line follows it.
    let mut blocks = vec![Block::Section(blocks)];
    let emergency = theme.body(look.emergency).bold().color(theme.colors.alert);
    let lines = each(
        "texts.card.emergency",
        |l| t(&l.texts.card.emergency),
        look.emergency_leading
            .map_or(emergency, |leading| emergency.leading(leading)),
        0.0,
    );
    if two_directions(locales) {
        // Centred lines of two directions: an icon on one side would pull them off centre.
        blocks.extend(lines);
    } else {
        // The emergency sign beside the 911 line, in its colour: decoration, the words say it.
        blocks.push(icons::beside(
            Icon::Emergency,
            theme.colors.alert,
            look.emergency * EMERGENCY_ICON_EM,
            lines,
        ));
    }
    items.push(text_frame(g, face, text_w, one_alignment(locales, blocks)));
    items.extend(captioned_code(
        g,
        qr,
        code,
        "hotline",
        ("texts.card.call_qr_caption", |l| t(&c(l).call_qr_caption)),
        locales,
        theme,
    ));
    Ok(page(g, items))
}

/// The lines of a pair beside a code, each followed by its translation. Two languages
/// of one direction share their start edge. Of two directions (English and Arabic) each
/// would keep its own start, and the column would zig-zag left, right, left at every
/// line; centred, each line and its translation read as one couplet, as in the band above,
/// and the number between them stays where the eye expects it.
fn one_alignment(locales: &[&Locale], blocks: Vec<Block>) -> Vec<Block> {
    if !two_directions(locales) {
        return blocks;
    }
    blocks
        .into_iter()
        .map(|block| block.aligned(Align::Center))
        .collect()
}

/// A pair written in two directions (en+ar, fa+en), whose card column is centred.
fn two_directions(locales: &[&Locale]) -> bool {
    matches!(locales, [a, b] if a.meta.direction != b.meta.direction)
}

/// How much wider than a one-language card's a pair's caption under the back's code is:
/// two languages of "Text HELP to 233733", the longer (ru, fr) wrapping once, set at the
/// body size. The back's notes are short and give it the width.
const PAIR_BACK_WIDEN: f32 = 29.0;
/// On a card shorter than CR80 (business) the notes beside the back's code hold the rights
/// line too (see [`PAIR_SHORT`]) and need the width more: the caption, with room for
/// three lines under its code, wraps the longer language once ("Par SMS : HELP /
/// au 233733").
const PAIR_BACK_WIDEN_SHORT: f32 = 20.0;

/// A pair's back: its geometry (the caption [`PAIR_BACK_WIDEN`] wider than CR80's, or
/// [`PAIR_BACK_WIDEN_SHORT`] on a shorter card), its code centred
/// over that caption at the safe area's right edge, and the width of the notes' column,
/// which ends [`CODE_CLEARANCE`] short of the caption (the caption reaches further left
/// than the code's quiet zone).
fn pair_back_code(g: &CardGeometry, band: f32, width_modules: usize) -> (CardGeometry, Rect, f32) {
    // Widened from CR80's caption width on every card size: the business card's own
    // wider caption is for one language's code, which its taller band pushes down.
    let widen = if shorter_than_cr80(g) {
        PAIR_BACK_WIDEN_SHORT
    } else {
        PAIR_BACK_WIDEN
    };
    let g = CardGeometry {
        caption_widen: CAPTION_WIDEN + widen,
        ..*g
    };
    let caption_w = g.qr + g.caption_widen;
    let centre = g.trim.w - g.safe - caption_w / 2.0;
    let qr = Rect::new(
        centre - g.qr / 2.0,
        band + quiet(&g, width_modules),
        g.qr,
        g.qr,
    );
    let column = g.trim.w - g.safe - caption_w - CODE_CLEARANCE - g.safe;
    (g, qr, column)
}

/// One language's band on the back of a card shorter than CR80: the signs' heading, then
/// in white the caution and "do not confront", as the front's band holds the question and
/// the rights line that answers it.
fn back_band_short(one: &Locale, face: Face, g: &CardGeometry, theme: &Theme) -> Vec<Block> {
    let mut blocks = band_heading(
        "texts.card.back_heading",
        &[one],
        |l| t(&c(l).back_heading),
        face.heading,
        2,
        theme,
    );
    if let Some(last) = blocks.pop() {
        blocks.push(last.after(1.5));
    }
    let line = theme
        .body(g.body)
        .color(theme.colors.on_brand)
        .align(Align::Center)
        .leading(TIGHTER);
    blocks.push(Block::para(
        "red_flags.caution",
        t(&one.red_flags.caution),
        line.after(1.0),
    ));
    blocks.push(Block::para(
        "texts.card.back_footer",
        t(&c(one).back_footer),
        line.bold().after(0.0),
    ));
    blocks
}

/// Where one language's code goes under the band of a card shorter than CR80: in from the
/// safe area's edge until its caption, centred under it, is CR80's caption width (the code
/// plus [`CAPTION_WIDEN`]). Under a band of the front's height the caption has two lines
/// of room, and at the code's width Japanese "233733に「HELP」と / SMSを送信" took three.
fn qr_for_caption(g: &CardGeometry, band: f32, width_modules: usize) -> Rect {
    let qr = qr_rect(g, band, width_modules);
    let half = (g.qr + CAPTION_WIDEN) / 2.0;
    let centre = (qr.x + g.qr / 2.0).min(g.trim.w - g.safe - half);
    Rect::new(centre - g.qr / 2.0, qr.y, qr.w, qr.h)
}

/// The width of one language's column left of a code at `qr` on a card shorter than
/// CR80: it ends [`CODE_CLEARANCE`] short of the code's quiet zone or of its caption,
/// whichever reaches further left. (The caption of a code at the safe area's edge is
/// narrowed to the code's width there, so the [`caption_overhang`] the front keeps clear
/// is 8 pt of the signs' width lost.)
fn column_beside(g: &CardGeometry, qr: Rect, width_modules: usize) -> f32 {
    let (caption_left, _) = caption_span(g, qr);
    (qr.x - quiet(g, width_modules)).min(caption_left) - CODE_CLEARANCE - g.safe
}

/// The back. One language: the signs and the caution beside the text code, "do not
/// confront" across the foot (on a card shorter than CR80, the caution and "do not
/// confront" in the band). Two: the signs give way (they teach; two languages of them
/// and a second code do not fit on a card), the rights line in both languages heads the
/// back, and beside the text code each language says "do not confront" and in which
/// languages texts are answered (the caution goes with the signs, and gives way with them).
fn back(
    content: &Content,
    locales: &[&Locale],
    look: &Look,
    g: &CardGeometry,
    setup: &Setup,
) -> Result<Page, Error> {
    let theme = &setup.theme;
    let face = look.back;
    let caution = |locale: &Locale| {
        Block::para(
            "red_flags.caution",
            t(&locale.red_flags.caution),
            theme
                .body(g.body)
                .color(theme.colors.muted)
                .leading(look.leading)
                .after(0.0),
        )
    };
    let dont = |locale: &Locale| {
        Block::para(
            "texts.card.back_footer",
            t(&c(locale).back_footer),
            theme
                .body(g.body)
                .bold()
                .color(theme.colors.alert)
                .leading(look.leading)
                .after(0.0),
        )
    };
    // One language on a card shorter than CR80: the band, the front's height, holds the
    // caution and "do not confront" under its heading (see [`BACK_SHORT`]).
    let in_band = matches!(locales, [_]) && rights_in_band(g);
    // A pair on a card shorter than CR80: the band holds "do not confront", the rights
    // line goes beside the code (see [`PAIR_SHORT`]).
    let rights_beside = matches!(locales, [_, _]) && shorter_than_cr80(g);
    let heading = match locales {
        [a, b] => {
            let style = theme
                .heading(face.heading)
                .color(theme.colors.on_brand)
                .align(Align::Center)
                .leading(TIGHTER);
            let then = TextStyle {
                bold: false,
                ..style
            };
            let (key, text): (_, fn(&Locale) -> &str) = if rights_beside {
                ("texts.card.back_footer", |l| t(&c(l).back_footer))
            } else {
                ("report.rights", |l| t(&l.report.rights))
            };
            in_both(key, text(a), text(b), style.after(1.5), then.after(0.0))
        }
        [one] if in_band => back_band_short(one, face, g, theme),
        _ => band_heading(
            "texts.card.back_heading",
            locales,
            |l| t(&c(l).back_heading),
            face.heading,
            2,
            theme,
        ),
    };
    let mut items = Vec::from(band_of(face.band, heading, g, theme));
    // The project's one local line, bold: a reader looks for a number.
    let local_line = |locale: &Locale| {
        super::local::card_line(
            content,
            &[locale],
            theme.body(g.body).bold().leading(look.leading).after(0.0),
            0.0,
        )
    };
    let code = contact_qr(content, "textline")?;
    // A pair's caption takes width from the notes' column, unless the project's local line
    // needs the column's whole width (its caption then shrinks as it must).
    let widened = matches!(locales, [a, _] if local_line(a).is_empty());
    let (g, qr, w) = if widened {
        pair_back_code(g, face.band, code.width)
    } else {
        let qr = if in_band {
            qr_for_caption(g, face.band, code.width)
        } else {
            qr_rect_for(g, face.band, code.width, locales)
        };
        let w = if in_band {
            column_beside(g, qr, code.width)
        } else {
            qr.x - quiet(g, code.width) - g.safe - CODE_CLEARANCE - caption_overhang(g)
        };
        (*g, qr, w)
    };
    let g = &g;
    let beside = |below: f32, blocks: Vec<Block>| Item::Frame {
        rect: Rect::new(
            g.safe,
            face.band + face.gap,
            w,
            g.trim.h - g.safe - face.footer - face.band - (face.gap + below),
        ),
        blocks,
        valign: VAlign::Center,
        shrink_to: Some(g.text_floor),
    };
    match locales {
        [one] => {
            let (key, list) = super::signs(one, setup, super::Signs::Card);
            let signs = bullets(
                &key,
                list,
                theme
                    .body(g.body)
                    .leading(look.leading)
                    .after(look.item_gap),
                theme,
            );
            if in_band {
                let local = local_line(one);
                // A project's local line takes its room from the signs, down to the card's
                // floor; without one the signs keep LIST_FLOOR or fail to build.
                let floor = if local.is_empty() {
                    LIST_FLOOR
                } else {
                    g.text_floor
                };
                let mut blocks = vec![signs];
                blocks.extend(local);
                items.push(Item::Frame {
                    rect: Rect::new(
                        g.safe,
                        face.band + face.gap,
                        w,
                        g.trim.h - g.safe - face.band - face.gap,
                    ),
                    blocks,
                    valign: VAlign::Center,
                    shrink_to: Some(floor),
                });
            } else {
                let mut blocks = vec![signs, caution(one).after(look.item_gap)];
                blocks.extend(local_line(one));
                items.push(beside(0.0, blocks));
                items.push(footer_frame(
                    g,
                    face,
                    vec![dont(one).aligned(Align::Center)],
                ));
            }
        }
        [a, b] => {
            let say = |locale: &Locale| {
                let first = if rights_beside {
                    rights(locale, g, theme, theme.colors.brand).aligned(Align::Start)
                } else {
                    dont(locale)
                };
                vec![first.after(LINE_GAP), text_note(locale, g, look, theme)]
            };
            let mut blocks = say(a);
            blocks.push(Block::Space(PAIR_GROUP_GAP));
            blocks.push(second(say(b)));
            let line = local_line(a);
            if !line.is_empty() {
                blocks.push(Block::Space(PAIR_GROUP_GAP));
                blocks.extend(line);
                blocks.push(second(local_line(b)));
            }
            // The notes start level with the code's top edge, whatever their length: a
            // centred column left a gap under the band that changed with the language.
            items.push(Item::Frame {
                rect: Rect::new(g.safe, qr.y, w, g.trim.h - g.safe - qr.y),
                blocks: one_alignment(locales, blocks),
                valign: VAlign::Top,
                shrink_to: Some(g.text_floor),
            });
        }
        _ => return Err(super::unspoken(locales, Kind::Card)),
    }
    items.extend(captioned_code(
        g,
        qr,
        code,
        "textline",
        ("texts.card.text_qr_caption", |l| t(&c(l).text_qr_caption)),
        locales,
        theme,
    ));
    Ok(page(g, items))
}
