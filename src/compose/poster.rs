//! Poster: one page, read from a few metres. A headline band, the hotline number large,
//! both QR codes with their numbers, the key signs and how to get help.

use super::{
    Align, Block, Document, Item, Kind, MM, Page, Paper, Rect, Rgb, Size, TextStyle, VAlign,
    bullets, caption_of, contact_qr, document, document_pair, hotline_display, in_both, l, second,
    t,
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
/// QR symbols on Letter, quiet zone not included: scannable from a couple of metres.
const QR: f32 = 40.0 * MM;
/// A bilingual poster's symbols give a little room to the second language; still read
/// from well over a metre.
const QR_PAIR: f32 = 36.0 * MM;

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

impl Geometry {
    fn of(paper: Paper) -> Geometry {
        let size = paper.size();
        let s = (size.w / 612.0).min(size.h / 792.0).max(1.0);
        let margin = 32.0 * s;
        Geometry {
            size,
            s,
            lower: s * (size.h / size.w / (792.0 / 612.0)).clamp(1.0, 1.2),
            margin,
            inner_w: size.w - 2.0 * margin,
        }
    }
}

pub fn compose(content: &Content, locale: &Locale, paper: Paper) -> Result<Document, Error> {
    let p = &locale.texts.poster;
    let Geometry {
        size,
        s,
        lower,
        margin,
        inner_w,
    } = Geometry::of(paper);
    let hotline = hotline_display(content);

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
            caption_of(
                "hotline",
                vec![Block::para(
                    "contacts.hotline",
                    &hotline,
                    TextStyle::heading((50.0 * s).max(NUMBER_MIN))
                        .color(Rgb::INK)
                        .align(Align::Center)
                        .leading(1.05)
                        .after(2.0 * s),
                )],
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
    let caption = |key: &str, text: &str| vec![qr_caption(key, text, BODY * s)];
    let qr_bottom = qr_row(
        content,
        &mut items,
        Rect::new(margin, qr_top, inner_w, 0.0),
        s,
        QR * s,
        [
            caption("texts.poster.call_qr_caption", t(&p.call_qr_caption)),
            caption("texts.poster.text_qr_caption", t(&p.text_qr_caption)),
        ],
    )?;

    // Signs on the left, how to get help on the right.
    let cols_top = qr_bottom + 4.0 * lower;
    let list = TextStyle::body(BODY * lower)
        .leading(1.17)
        .after(4.0 * lower);
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
                    bullets("red_flags.poster", l(&locale.red_flags.poster), list),
                ],
                vec![
                    Block::para(
                        "texts.poster.report_heading",
                        t(&p.report_heading),
                        TextStyle::heading(22.0 * lower),
                    ),
                    bullets("texts.poster.report_steps", l(&p.report_steps), list),
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

/// A QR code's caption, bold; aligned towards its code by [`qr_row`].
fn qr_caption(key: &str, text: &str, size: f32) -> Block {
    Block::para(key, text, qr_caption_style(size))
}

fn qr_caption_style(size: f32) -> TextStyle {
    TextStyle::body(size)
        .bold()
        .color(Rgb::NAVY)
        .leading(1.2)
        .after(0.0)
}

/// The call and text QR codes side by side at the outer edges of `row` (its y is the top),
/// each with its captions between them; returns the bottom of the row, quiet zones included.
fn qr_row(
    content: &Content,
    items: &mut Vec<Item>,
    row: Rect,
    s: f32,
    qr_size: f32,
    captions: [Vec<Block>; 2],
) -> Result<f32, Error> {
    let call = contact_qr(content, "hotline")?;
    let text = contact_qr(content, "textline")?;
    let centre = row.x + row.w / 2.0;
    let gap = 3.0 * s;
    // The codes sit at the outer edges with their quiet zones in the page margins, the
    // captions between them facing their code: that gives each caption the width a phone
    // number needs at 16 pt, even on A4.
    // Both symbols share a top edge, clear of the text above by the larger quiet zone.
    let top_quiet = [&call, &text]
        .iter()
        .map(|c| qr_size / c.width as f32 * QUIET_ZONE as f32)
        .fold(0.0, f32::max);
    let mut bottom = row.y;
    let codes = [(call, "hotline"), (text, "textline")];
    for (i, ((code, contact), blocks)) in codes.into_iter().zip(captions).enumerate() {
        let quiet = qr_size / code.width as f32 * QUIET_ZONE as f32;
        let outer_left = i == 0;
        let x = if outer_left {
            row.x
        } else {
            row.right() - qr_size
        };
        let rect = Rect::new(x, row.y + top_quiet, qr_size, qr_size);
        bottom = bottom.max(rect.bottom() + quiet);
        // Captions face their code on the page, in either language's direction.
        let (cap_x, cap_right, align) = if outer_left {
            (rect.right() + quiet + gap, centre - gap, Align::PageStart)
        } else {
            (centre + gap, rect.x - quiet - gap, Align::PageEnd)
        };
        items.push(Item::Frame {
            rect: Rect::new(cap_x, rect.y, cap_right - cap_x, qr_size),
            blocks: vec![caption_of(contact, blocks).aligned(align)],
            valign: VAlign::Center,
            shrink_to: Some(MIN_SIZE * s),
        });
        items.push(Item::Qr {
            rect,
            code,
            contact: contact.into(),
        });
    }
    Ok(bottom)
}

/// A poster in two languages (`en+es`), as state posting laws ask for English and Spanish
/// together: both headlines, one number and one pair of QR codes captioned in both, then
/// the warning signs in one column per language. The report steps of the one-language
/// poster give way to the second language: the number and codes say how to report, and
/// the text line is said once, by its code's caption. The notes under the number (hours,
/// interpreters) stay on the one-language poster: in two languages they do not fit at 16 pt.
pub fn compose_pair(
    content: &Content,
    a: &Locale,
    b: &Locale,
    paper: Paper,
) -> Result<Document, Error> {
    let (pa, pb) = (&a.texts.poster, &b.texts.poster);
    let Geometry {
        size,
        s,
        lower,
        margin,
        inner_w,
    } = Geometry::of(paper);
    let mut doc = document_pair(
        a,
        b,
        Kind::Poster,
        [t(&pa.headline), t(&pb.headline)],
        [t(&pa.call_label), t(&pb.call_label)],
    );
    let both = |key: &str, x: &Option<String>, y: &Option<String>, first, then| {
        in_both(key, t(x), t(y), first, then)
    };
    let mut items = Vec::new();

    let band_h = 132.0 * s;
    items.push(Item::Fill {
        rect: Rect::new(0.0, 0.0, size.w, band_h),
        color: Rgb::NAVY,
        radius: 0.0,
    });
    let headline = TextStyle::heading(26.0 * s).color(Rgb::WHITE).leading(1.08);
    items.push(Item::Frame {
        rect: Rect::new(margin, 16.0 * s, inner_w, band_h - 32.0 * s),
        blocks: both(
            "texts.poster.headline",
            &pa.headline,
            &pb.headline,
            headline.after(8.0 * s),
            TextStyle {
                bold: false,
                ..headline
            }
            .after(0.0),
        ),
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * s),
    });

    let hotline_top = band_h + 12.0 * s;
    let hotline_h = 112.0 * s;
    let label = TextStyle::heading(19.0 * s)
        .align(Align::Center)
        .after(1.0 * s);
    let mut blocks = both(
        "texts.poster.call_label",
        &pa.call_label,
        &pb.call_label,
        label,
        label.after(2.0 * s),
    );
    blocks.push(caption_of(
        "hotline",
        vec![Block::para(
            "contacts.hotline",
            &hotline_display(content),
            TextStyle::heading((50.0 * s).max(NUMBER_MIN))
                .color(Rgb::INK)
                .align(Align::Center)
                .leading(1.05)
                .after(4.0 * s),
        )],
    ));
    items.push(Item::Frame {
        rect: Rect::new(margin, hotline_top, inner_w, hotline_h),
        blocks,
        valign: VAlign::Center,
        shrink_to: Some(MIN_SIZE * s),
    });

    let caption = qr_caption_style(BODY * s);
    let captions = |key: &str, x: &Option<String>, y: &Option<String>| {
        both(key, x, y, caption.after(3.0 * s), caption)
    };
    let qr_bottom = qr_row(
        content,
        &mut items,
        Rect::new(margin, hotline_top + hotline_h + 6.0 * s, inner_w, 0.0),
        s,
        QR_PAIR * s,
        [
            captions(
                "texts.poster.call_qr_caption",
                &pa.call_qr_caption,
                &pb.call_qr_caption,
            ),
            captions(
                "texts.poster.text_qr_caption",
                &pa.text_qr_caption,
                &pb.text_qr_caption,
            ),
        ],
    )?;

    let cols_top = qr_bottom + 4.0 * lower;
    let column = |locale: &Locale| {
        let p = &locale.texts.poster;
        vec![
            Block::para(
                "texts.poster.flags_heading",
                t(&p.flags_heading),
                TextStyle::heading(22.0 * lower),
            ),
            bullets(
                "red_flags.poster",
                l(&locale.red_flags.poster),
                TextStyle::body(BODY * lower)
                    .leading(1.15)
                    .after(3.0 * lower),
            ),
            Block::para(
                "texts.poster.do_not_approach",
                t(&p.do_not_approach),
                TextStyle::body(BODY * lower)
                    .bold()
                    .color(Rgb::ALERT)
                    .leading(1.2)
                    .after(0.0),
            ),
        ]
    };
    items.push(Item::Frame {
        rect: Rect::new(margin, cols_top, inner_w, size.h - margin - cols_top),
        blocks: vec![Block::Columns {
            gap: 24.0 * lower,
            cols: vec![column(a), vec![second(column(b))]],
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
