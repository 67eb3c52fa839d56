//! Tear-off flyer: a Letter or A4 sheet for a notice board, the signs and "call or
//! text" with both codes on its body, and a row of tabs along its foot that a passer-by
//! tears off and keeps: each tab carries the number and the text line, turned a quarter
//! to read from bottom to top, between dashed cut lines. Every tab's number is laid out
//! and read back like any other printed number.

use super::kinds::{Kind, KindSpec, NoticePlace};
use super::qr_block;
use super::theme::Theme;
use super::{
    Align, Block, Document, Item, MM, Page, Paper, Point, Rect, Setup, Signs, Size, VAlign,
    bullets, contact_qr, document, hotline_number, own_para, t,
};
use crate::content::schema::TearoffTexts;
use crate::content::{Content, Locale};
use crate::error::Error;

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Tearoff,
    name: "tearoff",
    description: "flyer with 10 tear-off tabs carrying the hotline number and text line",
    help: "Tear-off flyer: the signs, both codes, and 10 tabs with the number and text line",
    uses_paper: true,
    languages: 1,
    text_floor: TEXT_FLOOR,
    qr_min_mm: [30.0, 30.0],
    // Above the tabs and the line asking to take one, where the notice cannot be torn off.
    draft_notice: NoticePlace::Foot {
        rise: NOTICE_RISE,
        height: NOTICE_H,
        inset: MARGIN,
        size: TEXT_FLOOR,
        floor: TEXT_FLOOR,
    },
    discreet: false,
    compose,
};

/// No text smaller, the tabs' included: a tab is read in a hand, a flyer at arm's length.
const TEXT_FLOOR: f32 = 9.0;

/// The tabs: how many, how tall, and where they stop short of the paper's edges (an office
/// printer leaves about 1/4 in unprinted).
#[derive(Debug, Clone, Copy)]
pub struct Tabs {
    pub count: usize,
    pub height: f32,
    /// From the paper's sides and foot to the printed tabs.
    pub edge: f32,
    /// Between a tab's cut lines and its text.
    pub pad: f32,
    /// The label, the number and the text line on each tab.
    pub label: f32,
    pub number: f32,
    pub text: f32,
    /// The cut lines: width and dash pattern.
    pub cut_width: f32,
    pub dash: [f32; 2],
}

pub const TABS: Tabs = Tabs {
    count: 10,
    height: 150.0,
    edge: 18.0,
    pad: 4.0,
    label: 9.0,
    number: 12.5,
    text: 9.5,
    cut_width: 0.6,
    dash: [4.0, 3.0],
};

/// The body above the tabs, on any paper.
#[derive(Debug, Clone, Copy)]
struct Design {
    band: f32,
    headline: f32,
    call_h: f32,
    call_line: f32,
    number: f32,
    qr: f32,
    flags_heading: f32,
    signs: f32,
    /// Between the signs, and after their heading.
    sign_gap: f32,
    heading_gap: f32,
    /// The rights line under the signs.
    rights: f32,
    caption: f32,
    caption_h: f32,
    take_one: f32,
    take_one_h: f32,
    gap: f32,
}

const DESIGN: Design = Design {
    band: 120.0,
    headline: 26.0,
    call_h: 96.0,
    call_line: 15.0,
    number: 40.0,
    qr: 30.5 * MM,
    // Read from a wall across a corridor: as large as the column allows, the signs and
    // their heading shrinking together to fit it (a long translation, a short paper).
    flags_heading: 23.0,
    signs: 19.0,
    sign_gap: 6.0,
    heading_gap: 8.0,
    rights: 14.0,
    caption: 10.5,
    caption_h: 30.0,
    take_one: 10.0,
    take_one_h: 18.0,
    gap: 12.0,
};

pub(crate) const MARGIN: f32 = 36.0;
/// The draft notice's band: over the line asking to take a tab.
const NOTICE_H: f32 = 14.0;
const NOTICE_RISE: f32 = TABS.edge + TABS.height + DESIGN.take_one_h + 6.0;
/// The column of codes beside the signs.
const CODES_W: f32 = 140.0;

fn x(locale: &Locale) -> &TearoffTexts {
    &locale.texts.tearoff
}

pub fn compose(
    content: &Content,
    locales: &[&Locale],
    paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    let [locale] = locales else {
        return Err(super::unspoken(locales, Kind::Tearoff));
    };
    let texts = x(locale);
    let mut doc = document(locale, Kind::Tearoff, t(&texts.title), t(&texts.subject));
    let size = paper.size();
    let theme = &setup.theme;
    let d = &DESIGN;
    let mut items = band(locale, size, d, theme);
    let call_top = d.band + d.gap;
    items.push(call(content, locale, size, call_top, d, theme));
    let body_top = call_top + d.call_h + d.gap;
    let mut body_bottom = size.h - NOTICE_RISE - NOTICE_H - d.gap;
    if let Some(org) = &setup.organisation {
        body_bottom -= ORG_H + d.gap / 2.0;
        let strip = Rect::new(
            MARGIN,
            body_bottom + d.gap / 2.0,
            size.w - 2.0 * MARGIN,
            ORG_H,
        );
        items.push(organisation_line(org, content, locale, strip, theme));
    }
    let codes_x = size.w - MARGIN - CODES_W;
    let column = codes_x - d.gap - MARGIN;
    items.push(signs(
        locale,
        setup,
        Rect::new(MARGIN, body_top, column, body_bottom - body_top),
        d,
    ));
    codes(
        content,
        locale,
        &mut items,
        Rect::new(codes_x, body_top, CODES_W, body_bottom - body_top),
        d,
        theme,
    )?;
    items.push(take_one(locale, size, d, theme));
    items.extend(tabs(content, locale, size, &TABS, theme));
    doc.pages.push(Page {
        size,
        bleed: 0.0,
        items,
    });
    Ok(doc)
}

/// The headline in a band across the top, to the paper's edge: an office printer leaves
/// a white rim, which is the flyer's frame.
fn band(locale: &Locale, size: Size, d: &Design, theme: &Theme) -> Vec<Item> {
    vec![
        Item::Fill {
            rect: Rect::new(0.0, 0.0, size.w, d.band),
            color: theme.colors.band,
            radius: 0.0,
            bleeds: true,
        },
        Item::Frame {
            rect: Rect::new(MARGIN, 18.0, size.w - 2.0 * MARGIN, d.band - 32.0),
            blocks: vec![own_para(
                locale,
                "texts.tearoff.headline",
                &x(locale).headline,
                ("texts.poster.headline", &locale.texts.poster.headline),
                theme
                    .heading(d.headline)
                    .heading_level(1)
                    .color(theme.colors.on_brand)
                    .align(Align::Center)
                    .after(0.0),
            )],
            valign: VAlign::Center,
            shrink_to: Some(TEXT_FLOOR),
        },
    ]
}

/// The organisation's strip over the line asking to take a tab: its name, under it its
/// distribution line or else its web address, centred (no logo: the flyer's room is the
/// signs' and the tabs').
const ORG_H: f32 = 30.0;

fn organisation_line(
    org: &super::organisation::Organisation,
    content: &Content,
    locale: &Locale,
    rect: Rect,
    theme: &Theme,
) -> Item {
    use super::organisation as o;
    let small = o::small_style(9.0, theme).align(Align::Center).after(0.0);
    let mut under = o::distribution_blocks(org, &[locale.meta.tag.as_str()], small);
    if under.is_empty() {
        under.extend(o::website(org, content).map(|web| Block::para(o::WEBSITE_KEY, &web, small)));
    }
    let mut blocks = vec![Block::para(
        o::NAME_KEY,
        &org.name,
        o::name_style(12.0, theme).align(Align::Center),
    )];
    blocks.extend(under);
    Item::Frame {
        rect,
        blocks,
        valign: VAlign::Center,
        shrink_to: Some(TEXT_FLOOR),
    }
}

/// Call or text, and the number large.
fn call(
    content: &Content,
    locale: &Locale,
    size: Size,
    top: f32,
    d: &Design,
    theme: &Theme,
) -> Item {
    Item::Frame {
        rect: Rect::new(MARGIN, top, size.w - 2.0 * MARGIN, d.call_h),
        blocks: vec![Block::Section(vec![
            Block::para(
                "texts.tearoff.call_or_text",
                t(&x(locale).call_or_text),
                theme
                    .body(d.call_line)
                    .bold()
                    .align(Align::Center)
                    .after(4.0),
            ),
            hotline_number(
                content,
                theme
                    .heading(d.number)
                    .color(theme.colors.ink)
                    .align(Align::Center)
                    .leading(1.05)
                    .after(0.0),
            ),
        ])],
        valign: VAlign::Center,
        shrink_to: Some(TEXT_FLOOR),
    }
}

/// The signs the poster shows (an edition's, in an edition), and under them, to the
/// person the flyer may be about, that help does not hang on their papers. One frame:
/// where the signs are short (Chinese, Japanese, on A4) the rights line follows them
/// rather than leaving a hole above it at the column's foot.
fn signs(locale: &Locale, setup: &Setup, rect: Rect, d: &Design) -> Item {
    let theme = &setup.theme;
    let (key, list) = super::signs(locale, setup, Signs::Poster);
    Item::Frame {
        rect,
        blocks: vec![
            own_para(
                locale,
                "texts.tearoff.flags_heading",
                &x(locale).flags_heading,
                (
                    "texts.poster.flags_heading",
                    &locale.texts.poster.flags_heading,
                ),
                theme
                    .heading(d.flags_heading)
                    .heading_level(2)
                    .after(d.heading_gap),
            ),
            bullets(&key, list, theme.body(d.signs).after(d.sign_gap), theme),
            Block::Space(d.gap),
            rights(locale, d, theme),
        ],
        valign: VAlign::Top,
        shrink_to: Some(TEXT_FLOOR),
    }
}

/// The rights line under the signs.
fn rights(locale: &Locale, d: &Design, theme: &Theme) -> Block {
    Block::para(
        "report.rights",
        t(&locale.report.rights),
        theme
            .body(d.rights)
            .bold()
            .color(theme.colors.brand)
            .leading(1.2)
            .after(0.0),
    )
}

/// The flyer's QR blocks, one over the other down their column: the caption starts at
/// the quiet zone's edge, and the next block a gap below it.
const CODES: qr_block::Spacing = qr_block::Spacing {
    caption_gap: 0.0,
    gutter: DESIGN.gap,
};

/// The call code over the text code, each a QR block with its caption centred under it,
/// down the column `col`.
fn codes(
    content: &Content,
    locale: &Locale,
    items: &mut Vec<Item>,
    col: Rect,
    d: &Design,
    theme: &Theme,
) -> Result<(), Error> {
    let texts = x(locale);
    let style = theme
        .body(d.caption)
        .bold()
        .color(theme.colors.brand)
        .align(Align::Center)
        .leading(1.15)
        .after(0.0);
    let mut y = col.y;
    for (contact, key, text) in [
        (
            "hotline",
            "texts.tearoff.call_qr_caption",
            &texts.call_qr_caption,
        ),
        (
            "textline",
            "texts.tearoff.text_qr_caption",
            &texts.text_qr_caption,
        ),
    ] {
        let code = contact_qr(content, contact)?;
        let quiet = qr_block::quiet(d.qr, &code);
        let block = Rect::new(col.x, y, col.w, 2.0 * quiet + d.qr + d.caption_h);
        let (symbol, caption) = qr_block::under(block, d.qr, quiet, CODES);
        let at = qr_block::Placed {
            symbol,
            caption,
            align: None,
            valign: VAlign::Top,
            shrink_to: Some(TEXT_FLOOR),
        };
        items.extend(qr_block::items(
            at,
            code,
            contact,
            vec![Block::para(key, t(text), style)],
        ));
        y = block.bottom() + CODES.gutter;
    }
    Ok(())
}

/// Over the tabs: take one.
fn take_one(locale: &Locale, size: Size, d: &Design, theme: &Theme) -> Item {
    Item::Frame {
        rect: Rect::new(
            MARGIN,
            size.h - TABS.edge - TABS.height - d.take_one_h - 2.0,
            size.w - 2.0 * MARGIN,
            d.take_one_h,
        ),
        blocks: vec![Block::para(
            "texts.tearoff.take_one",
            t(&x(locale).take_one),
            theme
                .body(d.take_one)
                .bold()
                .color(theme.colors.muted)
                .align(Align::Center)
                .after(0.0),
        )],
        valign: VAlign::Bottom,
        shrink_to: Some(TEXT_FLOOR),
    }
}

/// Where each tab is on a sheet of `size`: side by side across the foot, inside the edges.
pub fn tab_rects(size: Size, tabs: &Tabs) -> Vec<Rect> {
    let w = (size.w - 2.0 * tabs.edge) / tabs.count as f32;
    let top = size.h - tabs.edge - tabs.height;
    (0..tabs.count)
        .map(|i| Rect::new(tabs.edge + i as f32 * w, top, w, tabs.height))
        .collect()
}

/// The tabs and their cut lines: a dashed line along their tops, and one between each
/// two tabs (and at the row's ends) from there to the paper's edge, where scissors start.
fn tabs(content: &Content, locale: &Locale, size: Size, tabs: &Tabs, theme: &Theme) -> Vec<Item> {
    let texts = x(locale);
    let rects = tab_rects(size, tabs);
    let line = |points: Vec<Point>| Item::Line {
        points,
        width: tabs.cut_width,
        color: theme.colors.muted,
        dash: Some(tabs.dash.to_vec()),
        spot: None,
    };
    let top = size.h - tabs.edge - tabs.height;
    let mut items = vec![line(vec![
        Point::new(tabs.edge, top),
        Point::new(size.w - tabs.edge, top),
    ])];
    for i in 0..=tabs.count {
        let cx = tabs.edge + i as f32 * (size.w - 2.0 * tabs.edge) / tabs.count as f32;
        items.push(line(vec![Point::new(cx, top), Point::new(cx, size.h)]));
    }
    let centred = |s: f32| theme.body(s).align(Align::Center).leading(1.1);
    for rect in rects {
        let inner = rect.inset(tabs.pad);
        // Laid out across the tab's length, then turned into it.
        let blocks = vec![
            Block::para(
                "texts.tearoff.tab_label",
                t(&texts.tab_label),
                centred(tabs.label).color(theme.colors.muted).after(0.5),
            ),
            hotline_number(
                content,
                theme
                    .heading(tabs.number)
                    .color(theme.colors.ink)
                    .align(Align::Center)
                    .leading(1.05)
                    .after(0.5),
            ),
            own_para(
                locale,
                "texts.tearoff.tab_text",
                &texts.tab_text,
                ("texts.card.text_line", &locale.texts.card.text_line),
                centred(tabs.text).bold().after(0.0),
            ),
        ];
        items.push(Item::Turned {
            rect: inner,
            item: Box::new(Item::Frame {
                rect: Rect::new(0.0, 0.0, inner.h, inner.w),
                blocks,
                valign: VAlign::Center,
                shrink_to: Some(TEXT_FLOOR),
            }),
        });
    }
    items
}
