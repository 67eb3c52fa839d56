//! Wallet card: ISO/IEC 7810 ID-1 (CR80), front and back, with bleed for a cutter.
//!
//! Front: who to call, the number large, a QR code that dials it, the text line and 911.
//! Back: the signs to look for and a QR code that opens a text to the text line.

use super::{
    Align, Block, Document, Item, Kind, MM, Page, Rect, Rgb, Size, TextStyle, VAlign, bullets,
    caption_of, contact_qr, document, document_pair, hotline_display, in_both, l, second, t,
};
use crate::content::{Content, Locale};
use crate::error::Error;
use crate::qr::QUIET_ZONE;

/// ID-1 trim size.
pub const SIZE: Size = Size::new(85.6 * MM, 53.98 * MM);
/// US bleed, 0.125 in.
pub const BLEED: f32 = 9.0;
/// Text stays this far inside the trim (a cutter drifts up to 1/16 in).
const SAFE: f32 = 9.5;
/// The QR symbol itself, quiet zone not included: at least 20 mm.
const QR: f32 = 20.5 * MM;
/// No text on the card is smaller than this.
pub const MIN_SIZE: f32 = 6.5;
/// Body text before any shrinking: room for translations 30% longer than English.
const BODY: f32 = 7.5;

pub fn compose(content: &Content, locale: &Locale) -> Result<Document, Error> {
    let c = &locale.texts.card;
    let hotline = hotline_display(content);
    let mut doc = document(locale, Kind::Card, t(&c.hotline_label), t(&c.front_heading));
    doc.pages.push(front(content, locale, &hotline)?);
    doc.pages.push(back(content, locale)?);
    Ok(doc)
}

/// The navy band across the top, reaching into the bleed, with its heading.
fn band(height: f32, key: &str, text: &str, size: f32) -> [Item; 2] {
    band_of(height, vec![band_heading(key, text, size)])
}

fn band_heading(key: &str, text: &str, size: f32) -> Block {
    Block::para(
        key,
        text,
        TextStyle::heading(size)
            .color(Rgb::WHITE)
            .align(Align::Center)
            .leading(1.12)
            .after(0.0),
    )
}

fn band_of(height: f32, blocks: Vec<Block>) -> [Item; 2] {
    [
        Item::Fill {
            rect: Rect::new(-BLEED, -BLEED, SIZE.w + 2.0 * BLEED, height + BLEED),
            color: Rgb::NAVY,
            radius: 0.0,
        },
        Item::Frame {
            rect: Rect::new(SAFE, SAFE - 2.0, SIZE.w - 2.0 * SAFE, height - SAFE),
            blocks,
            valign: VAlign::Center,
            shrink_to: Some(MIN_SIZE),
        },
    ]
}

/// A heading in both languages, the second on its own line, lighter.
fn band_pair(key: &str, a: &str, b: &str, size: f32) -> Vec<Block> {
    let style = TextStyle::body(size)
        .color(Rgb::WHITE)
        .align(Align::Center)
        .leading(1.12);
    in_both(key, a, b, style.bold().after(1.5), style.after(0.0))
}

/// The light margin around a symbol of `width_modules`.
fn quiet(width_modules: usize) -> f32 {
    QR / width_modules as f32 * QUIET_ZONE as f32
}

/// Where a card's QR symbol goes: right-hand side, below the band, with its whole quiet
/// zone inside the trim and clear of the band.
fn qr_rect(band: f32, width_modules: usize) -> Rect {
    let q = quiet(width_modules);
    Rect::new(SIZE.w - SAFE.max(q + 1.5) - QR, band + q, QR, QR)
}

/// The human-readable line under the QR code of `contact`, kept inside the safe area.
fn caption_under(qr: Rect, width_modules: usize, contact: &str, key: &str, text: &str) -> Item {
    captions_under(qr, width_modules, contact, vec![caption(key, text)])
}

fn caption(key: &str, text: &str) -> Block {
    Block::para(key, text, caption_style())
}

fn caption_style() -> TextStyle {
    TextStyle::body(BODY)
        .bold()
        .align(Align::Center)
        .leading(1.15)
        .after(0.0)
}

fn captions_under(qr: Rect, width_modules: usize, contact: &str, blocks: Vec<Block>) -> Item {
    let w = QR + 14.0;
    let x = (qr.x + QR / 2.0 - w / 2.0).min(SIZE.w - SAFE - w);
    let top = qr.bottom() + quiet(width_modules);
    Item::Frame {
        rect: Rect::new(x, top, w, SIZE.h - SAFE + 2.0 - top),
        blocks: vec![caption_of(contact, blocks)],
        valign: VAlign::Top,
        shrink_to: Some(MIN_SIZE),
    }
}

fn front(content: &Content, locale: &Locale, hotline: &str) -> Result<Page, Error> {
    let c = &locale.texts.card;
    let band_h = 40.0;
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(band_h, code.width);
    let text_w = qr.x - quiet(code.width) - SAFE;
    let mut items = Vec::from(band(
        band_h,
        "texts.card.front_heading",
        t(&c.front_heading),
        8.0,
    ));
    items.push(Item::Frame {
        rect: Rect::new(SAFE, band_h + 4.0, text_w, SIZE.h - SAFE - band_h - 4.0),
        blocks: vec![
            Block::para(
                "texts.card.hotline_label",
                t(&c.hotline_label),
                TextStyle::heading(8.0).after(1.0),
            ),
            caption_of(
                "hotline",
                vec![Block::para(
                    "contacts.hotline",
                    hotline,
                    TextStyle::heading(16.5)
                        .color(Rgb::INK)
                        .leading(1.05)
                        .after(1.0),
                )],
            ),
            Block::para(
                "texts.card.hotline_note",
                t(&c.hotline_note),
                TextStyle::body(BODY).color(Rgb::MUTED).after(4.0),
            ),
            Block::para(
                "texts.card.text_line",
                t(&c.text_line),
                TextStyle::body(9.0).bold().leading(1.15).after(0.5),
            ),
            Block::para(
                "texts.card.text_note",
                t(&c.text_note),
                TextStyle::body(BODY)
                    .color(Rgb::MUTED)
                    .leading(1.15)
                    .after(3.0),
            ),
            Block::para(
                "texts.card.emergency",
                t(&c.emergency),
                TextStyle::body(8.0).bold().color(Rgb::ALERT).after(0.0),
            ),
        ],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE),
    });
    items.push(caption_under(
        qr,
        code.width,
        "hotline",
        "texts.card.call_qr_caption",
        t(&c.call_qr_caption),
    ));
    items.push(Item::Qr {
        rect: qr,
        code,
        contact: "hotline".into(),
    });
    Ok(Page {
        size: SIZE,
        bleed: BLEED,
        items,
    })
}

fn back(content: &Content, locale: &Locale) -> Result<Page, Error> {
    let c = &locale.texts.card;
    let band_h = 27.0;
    let code = contact_qr(content, "textline")?;
    let qr = qr_rect(band_h, code.width);
    let footer_h = 16.0;
    let mut items = Vec::from(band(
        band_h,
        "texts.card.back_heading",
        t(&c.back_heading),
        8.5,
    ));
    items.push(Item::Frame {
        rect: Rect::new(
            SAFE,
            band_h + 5.0,
            qr.x - quiet(code.width) - SAFE - 2.0,
            SIZE.h - SAFE - footer_h - band_h - 5.0,
        ),
        blocks: vec![bullets(
            "red_flags.card",
            l(&locale.red_flags.card),
            TextStyle::body(BODY).leading(1.15).after(1.6),
        )],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE),
    });
    items.push(caption_under(
        qr,
        code.width,
        "textline",
        "texts.card.text_qr_caption",
        t(&c.text_qr_caption),
    ));
    items.push(Item::Qr {
        rect: qr,
        code,
        contact: "textline".into(),
    });
    items.push(Item::Frame {
        rect: Rect::new(
            SAFE,
            SIZE.h - SAFE - footer_h,
            SIZE.w - 2.0 * SAFE,
            footer_h,
        ),
        blocks: vec![Block::para(
            "texts.card.back_footer",
            t(&c.back_footer),
            TextStyle::body(BODY)
                .bold()
                .color(Rgb::ALERT)
                .align(Align::Center)
                .leading(1.15)
                .after(0.0),
        )],
        valign: VAlign::Bottom,
        shrink_to: Some(MIN_SIZE),
    });
    Ok(Page {
        size: SIZE,
        bleed: BLEED,
        items,
    })
}

/// A card for two languages (`en+es`): the front tells how to get help in both, under one
/// number and one QR code; the back lists the signs side by side, one column per language.
/// The back carries no QR code, so the two lists get the card's full width.
pub fn compose_pair(content: &Content, a: &Locale, b: &Locale) -> Result<Document, Error> {
    let (ca, cb) = (&a.texts.card, &b.texts.card);
    let mut doc = document_pair(
        a,
        b,
        Kind::Card,
        [t(&ca.hotline_label), t(&cb.hotline_label)],
        [t(&ca.front_heading), t(&cb.front_heading)],
    );
    doc.pages.push(front_pair(content, a, b)?);
    doc.pages.push(back_pair(a, b));
    Ok(doc)
}

fn front_pair(content: &Content, a: &Locale, b: &Locale) -> Result<Page, Error> {
    let (ca, cb) = (&a.texts.card, &b.texts.card);
    let hotline = hotline_display(content);
    let band_h = 41.0;
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(band_h, code.width);
    let text_w = qr.x - quiet(code.width) - SAFE;
    let mut items = Vec::from(band_of(
        band_h,
        band_pair(
            "texts.card.front_heading",
            t(&ca.front_heading),
            t(&cb.front_heading),
            7.5,
        ),
    ));
    let label = TextStyle::heading(7.5).after(0.5);
    let line = TextStyle::body(BODY).bold().leading(1.12).after(0.5);
    let emergency = line.color(Rgb::ALERT);
    let pair = |key: &str, x: &str, y: &str, style: TextStyle, gap: f32| {
        in_both(key, x, y, style.after(0.5), style.after(gap))
    };
    let mut blocks = Vec::new();
    blocks.extend(pair(
        "texts.card.hotline_label",
        t(&ca.hotline_label),
        t(&cb.hotline_label),
        label,
        1.0,
    ));
    blocks.push(caption_of(
        "hotline",
        vec![Block::para(
            "contacts.hotline",
            &hotline,
            TextStyle::heading(15.0)
                .color(Rgb::INK)
                .leading(1.05)
                .after(2.5),
        )],
    ));
    blocks.extend(pair(
        "texts.card.text_line",
        t(&ca.text_line),
        t(&cb.text_line),
        line,
        0.5,
    ));
    blocks.extend(pair(
        "texts.card.text_note",
        t(&ca.text_note),
        t(&cb.text_note),
        TextStyle::body(BODY).color(Rgb::MUTED).leading(1.12),
        2.5,
    ));
    blocks.extend(pair(
        "texts.card.emergency",
        t(&ca.emergency),
        t(&cb.emergency),
        emergency,
        0.0,
    ));
    items.push(Item::Frame {
        rect: Rect::new(SAFE, band_h + 3.0, text_w, SIZE.h - SAFE - band_h - 3.0),
        blocks,
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE),
    });
    let style = caption_style();
    items.push(captions_under(
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
    Ok(Page {
        size: SIZE,
        bleed: BLEED,
        items,
    })
}

fn back_pair(a: &Locale, b: &Locale) -> Page {
    let (ca, cb) = (&a.texts.card, &b.texts.card);
    let band_h = 28.0;
    let footer_h = 17.0;
    let mut items = Vec::from(band_of(
        band_h,
        band_pair(
            "texts.card.back_heading",
            t(&ca.back_heading),
            t(&cb.back_heading),
            7.5,
        ),
    ));
    let signs = |locale: &Locale| {
        bullets(
            "red_flags.card",
            l(&locale.red_flags.card),
            TextStyle::body(BODY).leading(1.12).after(1.0),
        )
    };
    items.push(Item::Frame {
        rect: Rect::new(
            SAFE,
            band_h + 4.0,
            SIZE.w - 2.0 * SAFE,
            SIZE.h - SAFE - footer_h - band_h - 5.0,
        ),
        blocks: vec![Block::Columns {
            gap: 12.0,
            cols: vec![vec![signs(a)], vec![second(vec![signs(b)])]],
        }],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE),
    });
    let footer = TextStyle::body(BODY)
        .bold()
        .color(Rgb::ALERT)
        .align(Align::Center)
        .leading(1.12)
        .after(0.0);
    items.push(Item::Frame {
        rect: Rect::new(
            SAFE,
            SIZE.h - SAFE - footer_h,
            SIZE.w - 2.0 * SAFE,
            footer_h,
        ),
        blocks: in_both(
            "texts.card.back_footer",
            t(&ca.back_footer),
            t(&cb.back_footer),
            footer,
            footer,
        ),
        valign: VAlign::Bottom,
        shrink_to: Some(MIN_SIZE),
    });
    Page {
        size: SIZE,
        bleed: BLEED,
        items,
    }
}
