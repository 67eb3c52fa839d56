//! Wallet card: ISO/IEC 7810 ID-1 (CR80), front and back, with bleed for a cutter.
//!
//! Front: who to call, the number large, a QR code that dials it, the text line and 911.
//! Back: the signs to look for and a QR code that opens a text to the text line.
//! In two languages the front tells how to get help in both, under one number and one QR
//! code; the back lists the signs side by side, one column per language.

use super::kinds::{Kind, KindSpec};
use super::theme::Theme;
use super::{
    Align, Block, Document, Item, MM, Page, Paper, Rect, Size, TextStyle, VAlign, bullets,
    caption_of, contact_qr, document, document_pair, hotline_display, in_both, l, second, t,
};
use crate::content::{Content, Locale};
use crate::error::Error;
use crate::qr::QUIET_ZONE;

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Card,
    name: "card",
    description: "wallet card, 85.6 x 53.98 mm, front and back",
    help: "Wallet card, ISO ID-1 (85.6 x 53.98 mm), front and back",
    uses_paper: false,
    languages: 2,
    text_floor: CR80.text_floor,
    qr_min_mm: [20.0, 20.0],
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
};

/// What a face of the card sets apart from its text: the band's height and heading size,
/// the gap below the band, and the footer's height.
#[derive(Debug, Clone, Copy)]
struct Face {
    band: f32,
    heading: f32,
    gap: f32,
    footer: f32,
}

const FRONT: Face = Face {
    band: 40.0,
    heading: 8.0,
    gap: 4.0,
    footer: 0.0,
};
const BACK: Face = Face {
    band: 27.0,
    heading: 8.5,
    gap: 5.0,
    footer: 16.0,
};
/// Two languages: a taller band for two headings, set smaller.
const FRONT_PAIR: Face = Face {
    band: 41.0,
    heading: 7.5,
    gap: 3.0,
    footer: 0.0,
};
const BACK_PAIR: Face = Face {
    band: 28.0,
    heading: 7.5,
    gap: 4.0,
    footer: 17.0,
};
/// The hotline number on the front, in one language and in two.
const NUMBER: f32 = 16.5;
const NUMBER_PAIR: f32 = 15.0;
/// Leading of the card's short lines: tighter than body text, which is made for reading
/// paragraphs.
const TIGHT: f32 = 1.15;
/// Band headings and the lines of a two-language card, two to a text.
const TIGHTER: f32 = 1.12;
/// The label above the number, in one language and in two.
const LABEL: f32 = 8.0;
const LABEL_PAIR: f32 = 7.5;
/// The text line and the 911 line stand out from the body text of one language.
const TEXT_LINE: f32 = 9.0;
const EMERGENCY: f32 = 8.0;
/// Leading of the hotline number: digits have no descenders to clear.
const NUMBER_LEADING: f32 = 1.05;
/// The gap between the two languages' columns of signs.
const COLUMN_GAP: f32 = 12.0;
/// Between the lines of one group (a label and its translation, a line and its note).
const LINE_GAP: f32 = 0.5;
/// After the label and after the number; in two languages more after the number and
/// before the 911 line, which close a group each.
const NUMBER_AFTER: f32 = 1.0;
const NUMBER_AFTER_PAIR: f32 = 2.5;
/// Between groups on the front: after the hours note, after the text line's note.
const GROUP_GAP: f32 = 4.0;
const NOTE_AFTER: f32 = 3.0;
/// Between the signs on the back, in one language and in two columns.
const ITEM_GAP: f32 = 1.6;
const ITEM_GAP_PAIR: f32 = 1.0;
/// The band's heading may rise this far into the top safe margin: the band is ink, not
/// text near a cut.
const BAND_RISE: f32 = 2.0;
/// A caption may be this much wider than its code, and reach this far into the bottom
/// safe margin: a caption of two short lines then fits at the body size.
const CAPTION_WIDEN: f32 = 14.0;
const CAPTION_DROP: f32 = 2.0;
/// A QR code's quiet zone stays at least this far inside the trim.
const QUIET_INSET: f32 = 1.5;
/// Extra room between the signs and the text code's quiet zone.
const SIGNS_CLEARANCE: f32 = 2.0;

/// One language or two; the card is always card-sized, so `paper` does not matter.
pub fn compose(
    content: &Content,
    locales: &[&Locale],
    _paper: Paper,
    theme: &Theme,
) -> Result<Document, Error> {
    compose_on(content, locales, Kind::Card, &CR80, theme)
}

/// The card's faces on `g`, for `kind`: another kind cut to card-like proportions (a
/// sticker) reuses this template with its own geometry.
pub fn compose_on(
    content: &Content,
    locales: &[&Locale],
    kind: Kind,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Document, Error> {
    match locales {
        [one] => compose_one(content, one, kind, g, theme),
        [a, b] => compose_pair(content, a, b, kind, g, theme),
        _ => Err(super::unspoken(locales, kind)),
    }
}

fn compose_one(
    content: &Content,
    locale: &Locale,
    kind: Kind,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Document, Error> {
    let c = &locale.texts.card;
    let hotline = hotline_display(content);
    let mut doc = document(locale, kind, t(&c.hotline_label), t(&c.front_heading));
    doc.pages.push(front(content, locale, &hotline, g, theme)?);
    doc.pages.push(back(content, locale, g, theme)?);
    Ok(doc)
}

/// The band across the top, reaching into the bleed, with its heading.
fn band(face: Face, key: &str, text: &str, g: &CardGeometry, theme: &Theme) -> [Item; 2] {
    band_of(
        face.band,
        vec![band_heading(key, text, face.heading, theme)],
        g,
        theme,
    )
}

fn band_heading(key: &str, text: &str, size: f32, theme: &Theme) -> Block {
    Block::para(
        key,
        text,
        theme
            .heading(size)
            .color(theme.colors.on_brand)
            .align(Align::Center)
            .leading(TIGHTER)
            .after(0.0),
    )
}

fn band_of(height: f32, blocks: Vec<Block>, g: &CardGeometry, theme: &Theme) -> [Item; 2] {
    let (size, bleed, safe) = (g.trim, g.bleed, g.safe);
    [
        Item::Fill {
            rect: Rect::new(-bleed, -bleed, size.w + 2.0 * bleed, height + bleed),
            color: theme.colors.brand,
            radius: 0.0,
        },
        Item::Frame {
            rect: Rect::new(safe, safe - BAND_RISE, size.w - 2.0 * safe, height - safe),
            blocks,
            valign: VAlign::Center,
            shrink_to: Some(g.text_floor),
        },
    ]
}

/// A heading in both languages, the second on its own line, lighter.
fn band_pair(key: &str, a: &str, b: &str, size: f32, theme: &Theme) -> Vec<Block> {
    let style = theme
        .body(size)
        .color(theme.colors.on_brand)
        .align(Align::Center)
        .leading(TIGHTER);
    in_both(key, a, b, style.bold().after(1.5), style.after(0.0))
}

/// The light margin around a symbol of `width_modules`.
fn quiet(g: &CardGeometry, width_modules: usize) -> f32 {
    g.qr / width_modules as f32 * QUIET_ZONE as f32
}

/// Where a card's QR symbol goes: right-hand side, below the band, with its whole quiet
/// zone inside the trim and clear of the band.
fn qr_rect(g: &CardGeometry, band: f32, width_modules: usize) -> Rect {
    let q = quiet(g, width_modules);
    Rect::new(
        g.trim.w - g.safe.max(q + QUIET_INSET) - g.qr,
        band + q,
        g.qr,
        g.qr,
    )
}

/// The human-readable line under the QR code of `contact`, kept inside the safe area.
fn caption_under(
    g: &CardGeometry,
    qr: Rect,
    width_modules: usize,
    contact: &str,
    block: Block,
) -> Item {
    captions_under(g, qr, width_modules, contact, vec![block])
}

fn caption_style(g: &CardGeometry, theme: &Theme) -> TextStyle {
    theme
        .body(g.body)
        .bold()
        .align(Align::Center)
        .leading(TIGHT)
        .after(0.0)
}

fn captions_under(
    g: &CardGeometry,
    qr: Rect,
    width_modules: usize,
    contact: &str,
    blocks: Vec<Block>,
) -> Item {
    let w = g.qr + CAPTION_WIDEN;
    let x = (qr.x + g.qr / 2.0 - w / 2.0).min(g.trim.w - g.safe - w);
    let top = qr.bottom() + quiet(g, width_modules);
    Item::Frame {
        rect: Rect::new(x, top, w, g.trim.h - g.safe + CAPTION_DROP - top),
        blocks: vec![caption_of(contact, blocks)],
        valign: VAlign::Top,
        shrink_to: Some(g.text_floor),
    }
}

/// The hotline number as printed on the front, in the colour of body text.
fn number(hotline: &str, size: f32, after: f32, theme: &Theme) -> Block {
    caption_of(
        "hotline",
        vec![Block::para(
            "contacts.hotline",
            hotline,
            theme
                .heading(size)
                .color(theme.colors.ink)
                .leading(NUMBER_LEADING)
                .after(after),
        )],
    )
}

/// The text frame left of the QR code, below the band.
fn text_frame(g: &CardGeometry, face: Face, text_w: f32, blocks: Vec<Block>) -> Item {
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

fn page(g: &CardGeometry, items: Vec<Item>) -> Page {
    Page {
        size: g.trim,
        bleed: g.bleed,
        items,
    }
}

fn front(
    content: &Content,
    locale: &Locale,
    hotline: &str,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Page, Error> {
    let c = &locale.texts.card;
    let body = g.body;
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(g, FRONT.band, code.width);
    let text_w = qr.x - quiet(g, code.width) - g.safe;
    let mut items = Vec::from(band(
        FRONT,
        "texts.card.front_heading",
        t(&c.front_heading),
        g,
        theme,
    ));
    items.push(text_frame(
        g,
        FRONT,
        text_w,
        vec![
            Block::para(
                "texts.card.hotline_label",
                t(&c.hotline_label),
                theme.heading(LABEL).after(NUMBER_AFTER),
            ),
            number(hotline, NUMBER, NUMBER_AFTER, theme),
            Block::para(
                "texts.card.hotline_note",
                t(&c.hotline_note),
                theme.body(body).color(theme.colors.muted).after(GROUP_GAP),
            ),
            Block::para(
                "texts.card.text_line",
                t(&c.text_line),
                theme.body(TEXT_LINE).bold().leading(TIGHT).after(LINE_GAP),
            ),
            Block::para(
                "texts.card.text_note",
                t(&c.text_note),
                theme
                    .body(body)
                    .color(theme.colors.muted)
                    .leading(TIGHT)
                    .after(NOTE_AFTER),
            ),
            Block::para(
                "texts.card.emergency",
                t(&c.emergency),
                theme
                    .body(EMERGENCY)
                    .bold()
                    .color(theme.colors.alert)
                    .after(0.0),
            ),
        ],
    ));
    items.push(caption_under(
        g,
        qr,
        code.width,
        "hotline",
        Block::para(
            "texts.card.call_qr_caption",
            t(&c.call_qr_caption),
            caption_style(g, theme),
        ),
    ));
    items.push(Item::Qr {
        rect: qr,
        code,
        contact: "hotline".into(),
    });
    Ok(page(g, items))
}

fn back(
    content: &Content,
    locale: &Locale,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Page, Error> {
    let c = &locale.texts.card;
    let code = contact_qr(content, "textline")?;
    let qr = qr_rect(g, BACK.band, code.width);
    let mut items = Vec::from(band(
        BACK,
        "texts.card.back_heading",
        t(&c.back_heading),
        g,
        theme,
    ));
    items.push(Item::Frame {
        rect: Rect::new(
            g.safe,
            BACK.band + BACK.gap,
            qr.x - quiet(g, code.width) - g.safe - SIGNS_CLEARANCE,
            g.trim.h - g.safe - BACK.footer - BACK.band - BACK.gap,
        ),
        blocks: vec![bullets(
            "red_flags.card",
            l(&locale.red_flags.card),
            theme.body(g.body).leading(TIGHT).after(ITEM_GAP),
            theme,
        )],
        valign: VAlign::Center,
        shrink_to: Some(g.text_floor),
    });
    items.push(caption_under(
        g,
        qr,
        code.width,
        "textline",
        Block::para(
            "texts.card.text_qr_caption",
            t(&c.text_qr_caption),
            caption_style(g, theme),
        ),
    ));
    items.push(Item::Qr {
        rect: qr,
        code,
        contact: "textline".into(),
    });
    items.push(footer_frame(
        g,
        BACK,
        vec![Block::para(
            "texts.card.back_footer",
            t(&c.back_footer),
            theme
                .body(g.body)
                .bold()
                .color(theme.colors.alert)
                .align(Align::Center)
                .leading(TIGHT)
                .after(0.0),
        )],
    ));
    Ok(page(g, items))
}

/// A card for two languages (`en+es`). The back carries no QR code, so the two lists get
/// the card's full width.
fn compose_pair(
    content: &Content,
    a: &Locale,
    b: &Locale,
    kind: Kind,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Document, Error> {
    let (ca, cb) = (&a.texts.card, &b.texts.card);
    let mut doc = document_pair(
        a,
        b,
        kind,
        [t(&ca.hotline_label), t(&cb.hotline_label)],
        [t(&ca.front_heading), t(&cb.front_heading)],
    );
    doc.pages.push(front_pair(content, a, b, g, theme)?);
    doc.pages.push(back_pair(a, b, g, theme));
    Ok(doc)
}

fn front_pair(
    content: &Content,
    a: &Locale,
    b: &Locale,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Page, Error> {
    let (ca, cb) = (&a.texts.card, &b.texts.card);
    let hotline = hotline_display(content);
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(g, FRONT_PAIR.band, code.width);
    let text_w = qr.x - quiet(g, code.width) - g.safe;
    let mut items = Vec::from(band_of(
        FRONT_PAIR.band,
        band_pair(
            "texts.card.front_heading",
            t(&ca.front_heading),
            t(&cb.front_heading),
            FRONT_PAIR.heading,
            theme,
        ),
        g,
        theme,
    ));
    let label = theme.heading(LABEL_PAIR).after(LINE_GAP);
    let line = theme.body(g.body).bold().leading(TIGHTER).after(LINE_GAP);
    let emergency = line.color(theme.colors.alert);
    let pair = |key: &str, x: &str, y: &str, style: TextStyle, gap: f32| {
        in_both(key, x, y, style.after(LINE_GAP), style.after(gap))
    };
    let mut blocks = Vec::new();
    blocks.extend(pair(
        "texts.card.hotline_label",
        t(&ca.hotline_label),
        t(&cb.hotline_label),
        label,
        NUMBER_AFTER,
    ));
    blocks.push(number(&hotline, NUMBER_PAIR, NUMBER_AFTER_PAIR, theme));
    blocks.extend(pair(
        "texts.card.text_line",
        t(&ca.text_line),
        t(&cb.text_line),
        line,
        LINE_GAP,
    ));
    blocks.extend(pair(
        "texts.card.text_note",
        t(&ca.text_note),
        t(&cb.text_note),
        theme
            .body(g.body)
            .color(theme.colors.muted)
            .leading(TIGHTER),
        NUMBER_AFTER_PAIR,
    ));
    blocks.extend(pair(
        "texts.card.emergency",
        t(&ca.emergency),
        t(&cb.emergency),
        emergency,
        0.0,
    ));
    items.push(text_frame(g, FRONT_PAIR, text_w, blocks));
    let style = caption_style(g, theme);
    items.push(captions_under(
        g,
        qr,
        code.width,
        "hotline",
        in_both(
            "texts.card.call_qr_caption",
            t(&ca.call_qr_caption),
            t(&cb.call_qr_caption),
            style,
            style,
        ),
    ));
    items.push(Item::Qr {
        rect: qr,
        code,
        contact: "hotline".into(),
    });
    Ok(page(g, items))
}

fn back_pair(a: &Locale, b: &Locale, g: &CardGeometry, theme: &Theme) -> Page {
    let (ca, cb) = (&a.texts.card, &b.texts.card);
    let mut items = Vec::from(band_of(
        BACK_PAIR.band,
        band_pair(
            "texts.card.back_heading",
            t(&ca.back_heading),
            t(&cb.back_heading),
            BACK_PAIR.heading,
            theme,
        ),
        g,
        theme,
    ));
    let signs = |locale: &Locale| {
        bullets(
            "red_flags.card",
            l(&locale.red_flags.card),
            theme.body(g.body).leading(TIGHTER).after(ITEM_GAP_PAIR),
            theme,
        )
    };
    items.push(Item::Frame {
        // 1 pt more room above the footer than below the band.
        rect: Rect::new(
            g.safe,
            BACK_PAIR.band + BACK_PAIR.gap,
            g.trim.w - 2.0 * g.safe,
            g.trim.h - g.safe - BACK_PAIR.footer - BACK_PAIR.band - (BACK_PAIR.gap + 1.0),
        ),
        blocks: vec![Block::Columns {
            gap: COLUMN_GAP,
            cols: vec![vec![signs(a)], vec![second(vec![signs(b)])]],
        }],
        valign: VAlign::Center,
        shrink_to: Some(g.text_floor),
    });
    let footer = theme
        .body(g.body)
        .bold()
        .color(theme.colors.alert)
        .align(Align::Center)
        .leading(TIGHTER)
        .after(0.0);
    items.push(footer_frame(
        g,
        BACK_PAIR,
        in_both(
            "texts.card.back_footer",
            t(&ca.back_footer),
            t(&cb.back_footer),
            footer,
            footer,
        ),
    ));
    page(g, items)
}
