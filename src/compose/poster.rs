//! Poster: one page, read from a few metres. A headline band, the hotline number large,
//! both QR codes with their numbers, the key signs and how to get help.

use super::{
    Align, Block, Document, Item, Kind, MM, Page, Paper, Rect, Rgb, Span, TextStyle, VAlign,
    contact_qr, document, l, t,
};
use crate::content::{Content, Locale};
use crate::error::Error;
use crate::qr::QUIET_ZONE;

/// Body text is never smaller than this (state posting laws ask for 16-point type).
pub const MIN_SIZE: f32 = 16.0;
/// Body text before any shrinking.
const BODY: f32 = 18.0;
/// The hotline number is at least this large.
pub const NUMBER_MIN: f32 = 36.0;

pub fn compose(content: &Content, locale: &Locale, paper: Paper) -> Result<Document, Error> {
    let p = &locale.texts.poster;
    let size = paper.size();
    // Bigger paper, bigger type; never smaller than the Letter design.
    let s = (size.w / 612.0).min(size.h / 792.0).max(1.0);
    // On paper taller than Letter's proportions (Tabloid), the signs and steps at the
    // bottom get the extra height as larger type instead of an empty band.
    let lower = s * (size.h / size.w / (792.0 / 612.0)).clamp(1.0, 1.2);
    let margin = 32.0 * s;
    let inner_w = size.w - 2.0 * margin;
    let hotline = content
        .contacts
        .get("hotline")
        .map(|h| h.display.as_str())
        .unwrap_or_default();

    let mut doc = document(locale, Kind::Poster, t(&p.headline), t(&p.call_label));
    let mut items = Vec::new();

    // Headline band.
    let band_h = 134.0 * s;
    items.push(Item::Fill {
        rect: Rect::new(0.0, 0.0, size.w, band_h),
        color: Rgb::NAVY,
        radius: 0.0,
    });
    items.push(Item::Frame {
        rect: Rect::new(margin, 22.0 * s, inner_w, band_h - 40.0 * s),
        blocks: vec![
            Block::para(
                "texts.poster.headline",
                t(&p.headline),
                TextStyle::heading(29.0 * s)
                    .color(Rgb::WHITE)
                    .leading(1.08)
                    .after(8.0 * s),
            ),
            Block::para(
                "texts.poster.subhead",
                t(&p.subhead),
                TextStyle::body(BODY * s).color(Rgb::WHITE).after(0.0),
            ),
        ],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * s),
    });

    // The number, large and centred.
    let hotline_top = band_h + 16.0 * s;
    let hotline_h = 162.0 * s;
    items.push(Item::Frame {
        rect: Rect::new(margin, hotline_top, inner_w, hotline_h),
        blocks: vec![
            Block::para(
                "texts.poster.call_label",
                t(&p.call_label),
                TextStyle::heading(19.0 * s)
                    .align(Align::Center)
                    .after(2.0 * s),
            ),
            Block::para(
                "contacts.hotline",
                hotline,
                TextStyle::heading((50.0 * s).max(NUMBER_MIN))
                    .color(Rgb::INK)
                    .align(Align::Center)
                    .leading(1.05)
                    .after(2.0 * s),
            ),
            Block::para(
                "texts.poster.hotline_note",
                t(&p.hotline_note),
                TextStyle::body(BODY * s)
                    .color(Rgb::MUTED)
                    .align(Align::Center)
                    .after(6.0 * s),
            ),
            Block::para(
                "texts.poster.text_line",
                t(&p.text_line),
                TextStyle::heading(24.0 * s)
                    .color(Rgb::INK)
                    .align(Align::Center)
                    .after(2.0 * s),
            ),
            Block::para(
                "texts.poster.text_note",
                t(&p.text_note),
                TextStyle::body(BODY * s)
                    .color(Rgb::MUTED)
                    .align(Align::Center)
                    .after(0.0),
            ),
        ],
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * s),
    });

    // Both QR codes, each with its number beside it.
    let qr_top = hotline_top + hotline_h + 8.0 * s;
    let qr_size = 40.0 * MM * s;
    let call = contact_qr(content, "hotline")?;
    let text = contact_qr(content, "textline")?;
    let centre = margin + inner_w / 2.0;
    let gap = 3.0 * s;
    // The codes sit at the outer edges with their quiet zones in the page margins, the
    // captions between them facing their code: that gives each caption the width a phone
    // number needs at 16 pt, even on A4.
    // Both symbols share a top edge, clear of the text above by the larger quiet zone.
    let top_quiet = [&call, &text]
        .iter()
        .map(|c| qr_size / c.width as f32 * QUIET_ZONE as f32)
        .fold(0.0, f32::max);
    let mut qr_bottom = qr_top;
    for (i, (code, key, caption)) in [
        (call, "texts.poster.call_qr_caption", t(&p.call_qr_caption)),
        (text, "texts.poster.text_qr_caption", t(&p.text_qr_caption)),
    ]
    .into_iter()
    .enumerate()
    {
        let quiet = qr_size / code.width as f32 * QUIET_ZONE as f32;
        let outer_left = i == 0;
        let x = if outer_left {
            margin
        } else {
            margin + inner_w - qr_size
        };
        let rect = Rect::new(x, qr_top + top_quiet, qr_size, qr_size);
        qr_bottom = qr_bottom.max(rect.bottom() + quiet);
        let (cap_x, cap_right, align) = if outer_left {
            (rect.right() + quiet + gap, centre - gap, Align::Start)
        } else {
            (centre + gap, rect.x - quiet - gap, Align::End)
        };
        items.push(Item::Frame {
            rect: Rect::new(cap_x, rect.y, cap_right - cap_x, qr_size),
            blocks: vec![Block::para(
                key,
                caption,
                TextStyle::body(BODY * s)
                    .bold()
                    .color(Rgb::NAVY)
                    .align(align)
                    .leading(1.2)
                    .after(0.0),
            )],
            valign: VAlign::Center,
            shrink_to: Some(MIN_SIZE * s),
        });
        items.push(Item::Qr { rect, code });
    }

    // Signs on the left, how to get help on the right.
    let cols_top = qr_bottom + 4.0 * lower;
    let bullets = |key: &str, list: &[String]| Block::Bullets {
        key: key.into(),
        items: list.iter().map(|s| vec![Span::plain(s.as_str())]).collect(),
        style: TextStyle::body(BODY * lower)
            .leading(1.17)
            .after(4.0 * lower),
        bullet: Rgb::NAVY,
    };
    items.push(Item::Frame {
        rect: Rect::new(margin, cols_top, inner_w, size.h - margin - cols_top),
        blocks: vec![Block::Columns {
            gap: 24.0 * lower,
            cols: vec![
                vec![
                    Block::para(
                        "texts.poster.flags_heading",
                        t(&p.flags_heading),
                        TextStyle::heading(22.0 * lower),
                    ),
                    bullets("red_flags.poster", l(&locale.red_flags.poster)),
                ],
                vec![
                    Block::para(
                        "texts.poster.report_heading",
                        t(&p.report_heading),
                        TextStyle::heading(22.0 * lower),
                    ),
                    bullets("texts.poster.report_steps", l(&p.report_steps)),
                    Block::Space(4.0 * lower),
                    Block::para(
                        "texts.poster.do_not_approach",
                        t(&p.do_not_approach),
                        TextStyle::body(BODY * lower)
                            .bold()
                            .color(Rgb::ALERT)
                            .leading(1.22)
                            .after(0.0),
                    ),
                ],
            ],
        }],
        valign: VAlign::Top,
        shrink_to: Some(MIN_SIZE * s),
    });

    doc.pages.push(Page {
        size,
        bleed: 0.0,
        items,
    });
    Ok(doc)
}
