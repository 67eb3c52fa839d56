//! Restroom sticker: the number, the text line and one short line, discreet like the
//! safety card (no word for trafficking), in the theme's darkest pairs, with a bleed and
//! the cut path a sign shop's cutter follows (a `CutContour` spot colour, not printed).
//!
//! One file holds both sizes, a page each: 4 x 3 in, then 3 x 2 in. A sign shop prints
//! and cuts from one file page by page, a user picks the size at the shop, and no
//! `--paper` value has to mean a sticker to the posters and handouts that take paper.

use super::card::{self, CardGeometry, NUMBER_LEADING, TIGHT, TIGHTER, band_of, qr_rect, quiet};
use super::kinds::{Kind, KindSpec, NoticePlace};
use super::theme::Theme;
use super::{
    Align, Block, Document, Item, Page, Paper, Point, Rect, Rgb, Setup, Size, VAlign, contact_qr,
    document, hotline_number, own_para, t,
};
use crate::content::schema::StickerTexts;
use crate::content::{Content, Locale};
use crate::error::Error;
use crate::types::{QrAlt, without_isolates};

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Sticker,
    name: "sticker",
    description: "restroom sticker, 4 x 3 in and 3 x 2 in (a page each), bleed and CutContour path",
    help: "Restroom sticker, 4 x 3 in (page 1) and 3 x 2 in (page 2), with bleed and a CutContour cut path",
    uses_paper: false,
    languages: 1,
    text_floor: TEXT_FLOOR,
    qr_min_mm: [20.0, 20.0],
    draft_notice: NoticePlace::CARD,
    discreet: true,
    compose,
};

/// A caption's frame ends this far inside the safe margin (a card's may reach 2 pt into
/// it): its descenders, which a frame lets a quarter point past its foot, keep 1/8 in
/// inside the cut path, as a sign shop asks.
const CAPTION_DROP: f32 = -0.25;

/// Read on a wall at arm's length: larger than a card's floor.
const TEXT_FLOOR: f32 = 7.5;

/// One sticker size: the card-like geometry the card's helpers place by, and its type.
#[derive(Debug, Clone, Copy)]
pub struct StickerSize {
    /// `4x3`, in messages.
    pub name: &'static str,
    pub geometry: CardGeometry,
    /// The band's height from the trim's top, and the one line's size in it.
    pub band: f32,
    pub line: f32,
    pub number: f32,
    pub text_line: f32,
    /// The cut path's corner radius.
    pub corner: f32,
}

const IN: f32 = 72.0;

pub const FOUR_BY_THREE: StickerSize = StickerSize {
    name: "4x3",
    geometry: CardGeometry {
        trim: Size::new(4.0 * IN, 3.0 * IN),
        bleed: 9.0,
        safe: 9.0,
        qr: 28.0 * super::MM,
        text_floor: TEXT_FLOOR,
        body: 10.0,
        caption_widen: super::card::CAPTION_WIDEN,
        caption_drop: CAPTION_DROP,
    },
    band: 66.0,
    line: 13.0,
    number: 22.0,
    text_line: 13.0,
    corner: 9.0,
};

pub const THREE_BY_TWO: StickerSize = StickerSize {
    name: "3x2",
    geometry: CardGeometry {
        trim: Size::new(3.0 * IN, 2.0 * IN),
        bleed: 9.0,
        safe: 9.0,
        // The kind's minimum, 20 mm, and a little for the press: at 20.5 mm Arabic's two
        // caption lines under it did not fit 1/8 in inside the cut.
        qr: 20.3 * super::MM,
        text_floor: TEXT_FLOOR,
        body: 8.0,
        caption_widen: super::card::CAPTION_WIDEN,
        caption_drop: CAPTION_DROP,
    },
    band: 37.0,
    line: 8.5,
    number: 16.0,
    text_line: 10.0,
    corner: 9.0,
};

/// The sizes, in page order.
pub const SIZES: [StickerSize; 2] = [FOUR_BY_THREE, THREE_BY_TWO];

/// The spot colour a cutter follows, by the name sign shops' RIPs look for, and what
/// stands in for it on screen.
pub const CUT_SPOT: &str = "CutContour";
pub const CUT_SCREEN: Rgb = Rgb(0xec, 0x00, 0x8c);
const CUT_WIDTH: f32 = 0.5;

fn s(locale: &Locale) -> &StickerTexts {
    &locale.texts.sticker
}

pub fn compose(
    content: &Content,
    locales: &[&Locale],
    _paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    let [locale] = locales else {
        return Err(super::unspoken(locales, Kind::Sticker));
    };
    let texts = s(locale);
    let mut doc = document(locale, Kind::Sticker, t(&texts.title), t(&texts.subject));
    doc.qr_alt = vec![QrAlt {
        contact: "hotline".into(),
        text: without_isolates(t(&texts.call_qr_alt)),
        lang: if locale
            .fell_back
            .iter()
            .any(|k| k == "texts.sticker.call_qr_alt")
        {
            crate::content::BASE_LOCALE.to_string()
        } else {
            locale.meta.tag.clone()
        },
    }];
    for size in &SIZES {
        doc.pages.push(face(content, locale, size, &setup.theme)?);
    }
    Ok(doc)
}

/// One sticker: the line in a band across the top, the number and the text line beside
/// the call code, and the cut path round the trim.
fn face(
    content: &Content,
    locale: &Locale,
    size: &StickerSize,
    theme: &Theme,
) -> Result<Page, Error> {
    let g = &size.geometry;
    let texts = s(locale);
    let mut items = Vec::from(band_of(
        size.band,
        vec![Block::para(
            "texts.sticker.line",
            t(&texts.line),
            theme
                .heading(size.line)
                .heading_level(1)
                .color(theme.colors.on_brand)
                .align(Align::Center)
                .leading(TIGHTER)
                .after(0.0),
        )],
        g,
        theme,
    ));
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(g, size.band, code.width);
    let text_w = qr.x - quiet(g, code.width) - g.safe - super::card::CODE_CLEARANCE;
    let gap = 3.0;
    items.push(Item::Frame {
        rect: Rect::new(
            g.safe,
            size.band + gap,
            text_w,
            g.trim.h - g.safe - size.band - gap,
        ),
        blocks: vec![Block::Section(vec![
            hotline_number(
                content,
                theme
                    .heading(size.number)
                    .color(theme.colors.ink)
                    .leading(NUMBER_LEADING)
                    .after(3.0),
            ),
            own_para(
                locale,
                "texts.sticker.text_line",
                &texts.text_line,
                ("texts.card.text_line", &locale.texts.card.text_line),
                theme
                    .body(size.text_line)
                    .bold()
                    .color(theme.colors.ink)
                    .leading(TIGHT)
                    .after(0.0),
            ),
        ])],
        valign: VAlign::Center,
        shrink_to: Some(TEXT_FLOOR),
    });
    items.extend(card::captioned(
        g,
        qr,
        code,
        "hotline",
        vec![own_para(
            locale,
            "texts.sticker.call_qr_caption",
            &texts.call_qr_caption,
            (
                "texts.card.call_qr_caption",
                &locale.texts.card.call_qr_caption,
            ),
            super::card::caption_style(g, theme).color(theme.colors.ink),
        )],
    ));
    items.push(Item::Line {
        points: cut_path(g.trim, size.corner),
        width: CUT_WIDTH,
        color: CUT_SCREEN,
        dash: None,
        spot: Some(CUT_SPOT),
    });
    Ok(Page {
        size: g.trim,
        bleed: g.bleed,
        items,
    })
}

/// The trim as a closed path with rounded corners of radius `r` (each a polyline of
/// short chords: a cutter's blade follows them as a curve).
pub fn cut_path(trim: Size, r: f32) -> Vec<Point> {
    const STEPS: usize = 8;
    // Each corner's centre and the angle its arc starts at, clockwise from the top right.
    let corners = [
        (trim.w - r, r, -90.0f32),
        (trim.w - r, trim.h - r, 0.0),
        (r, trim.h - r, 90.0),
        (r, r, 180.0),
    ];
    let mut points = Vec::with_capacity(4 * (STEPS + 1) + 1);
    for (cx, cy, start) in corners {
        for i in 0..=STEPS {
            let a = (start + 90.0 * i as f32 / STEPS as f32).to_radians();
            points.push(Point::new(cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::theme::{DEFAULT, contrast};

    #[test]
    fn the_sticker_pairs_are_high_contrast() {
        // WCAG AAA for normal text (7:1): a sticker is read across a restroom.
        let c = &DEFAULT.colors;
        for (name, text, ground) in [
            ("line on band", c.on_brand, c.band),
            ("number and text line", c.ink, c.paper),
        ] {
            let ratio = contrast(text, ground);
            assert!(ratio >= 7.0, "{name}: {ratio:.2}:1");
        }
    }

    #[test]
    fn the_cut_path_is_closed_and_on_the_trim() {
        for size in SIZES {
            let trim = size.geometry.trim;
            let path = cut_path(trim, size.corner);
            assert_eq!(path.first(), path.last());
            for p in &path {
                assert!(
                    p.x >= -0.01 && p.x <= trim.w + 0.01 && p.y >= -0.01 && p.y <= trim.h + 0.01
                );
            }
            // It touches every edge of the trim.
            let touches = |f: &dyn Fn(&Point) -> bool| path.iter().any(f);
            assert!(touches(&|p| p.x.abs() < 0.01));
            assert!(touches(&|p| (p.x - trim.w).abs() < 0.01));
            assert!(touches(&|p| p.y.abs() < 0.01));
            assert!(touches(&|p| (p.y - trim.h).abs() < 0.01));
        }
    }

    #[test]
    fn the_small_sticker_keeps_the_kinds_qr_minimum_and_quiet_zone_inside_the_trim() {
        let g = THREE_BY_TWO.geometry;
        assert!(g.qr >= SPEC.qr_min_mm[0] * super::super::MM);
        // A version 2 symbol (25 modules), the hotline's.
        let r = qr_rect(&g, THREE_BY_TWO.band, 25);
        let q = quiet(&g, 25);
        assert!(
            r.x - q >= 0.0 && r.right() + q <= g.trim.w,
            "{r:?} quiet {q}"
        );
        assert!(r.bottom() + q <= g.trim.h, "{r:?} quiet {q}");
    }
}
