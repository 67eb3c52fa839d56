//! Safety card: a discreet CR80 card for a person who may be alone with it (a restroom,
//! a clinic) and may be watched. It never names trafficking, on paper or in the PDF's
//! title and alt texts: one short line a victim recognises, the number large, the text
//! line, one code that dials, and their rights. Each side alone gets them to help: the
//! front by number, text line and code; the back by the number in words, the text line
//! and the rights line. No organisation unless the project asks (`on_safety_card`).

use super::card::{
    self, CR80, CardGeometry, Face, NUMBER_LEADING, TIGHT, TIGHTER, band_of, page, qr_rect, quiet,
    text_frame,
};
use super::kinds::{Kind, KindSpec, NoticePlace};
use super::theme::Theme;
use super::{
    Align, Block, Document, Page, Paper, Setup, contact_qr, document, hotline_number, own_para,
    own_text, t,
};
use crate::content::schema::SafetyCardTexts;
use crate::content::{Content, Locale};
use crate::error::Error;
use crate::types::{QrAlt, without_isolates};

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::SafetyCard,
    name: "safety-card",
    description: "discreet card for a person who may be watched, 85.6 x 53.98 mm, both sides",
    help: "Discreet safety card, ISO ID-1 (85.6 x 53.98 mm): number, text line, one code, rights; no word for trafficking",
    uses_paper: false,
    languages: 1,
    text_floor: CR80.text_floor,
    qr_min_mm: [20.0, 20.0],
    draft_notice: NoticePlace::CARD,
    discreet: true,
    compose,
};

/// Both faces' band: the back's rights line (up to three lines) and the front's one line
/// (two) centred in it. One height front and back, so the card turned over reads as one
/// design (46 and 40 pt, issue 13); the front's body gains the 6 pt.
const BAND: f32 = 40.0;

/// The front's band holds the one line; the back's the rights line. No footers.
const FRONT: Face = Face {
    band: BAND,
    heading: 8.0,
    gap: 3.0,
    footer: 0.0,
};
const BACK: Face = Face {
    band: BAND,
    heading: 7.5,
    gap: 3.0,
    footer: 0.0,
};

/// The number on the front, larger than the wallet card's: it is the card's message.
const NUMBER: f32 = 17.0;
/// The number in words on the back, and the text line on either side.
const BACK_CALL: f32 = 11.0;
const TEXT_LINE: f32 = 9.0;
const EMERGENCY: f32 = 7.5;

fn s(locale: &Locale) -> &SafetyCardTexts {
    &locale.texts.safety_card
}

/// One language: the card's room goes to one large number, not to two of every line.
pub fn compose(
    content: &Content,
    locales: &[&Locale],
    paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    let [locale] = locales else {
        return Err(super::unspoken(locales, Kind::SafetyCard));
    };
    let g = super::card::geometry(paper);
    let texts = s(locale);
    let mut doc = document(locale, Kind::SafetyCard, t(&texts.title), t(&texts.subject));
    // Its own words for its code: the document's would name the hotline, and trafficking.
    doc.qr_alt = vec![QrAlt {
        contact: "hotline".into(),
        text: without_isolates(t(&texts.call_qr_alt)),
        lang: if locale
            .fell_back
            .iter()
            .any(|k| k == "texts.safety_card.call_qr_alt")
        {
            crate::content::BASE_LOCALE.to_string()
        } else {
            locale.meta.tag.clone()
        },
    }];
    doc.pages.push(front(content, locale, g, &setup.theme)?);
    let mut back = back(locale, g, &setup.theme);
    if let Some(org) = setup.organisation.as_ref().filter(|o| o.on_safety_card) {
        card::mark_back(
            &mut back,
            org,
            card::fitted(BACK, g),
            card::LOGO_BOX,
            g,
            &setup.theme,
        );
    }
    doc.pages.push(back);
    Ok(doc)
}

/// A band's one text, centred in the band's colours.
fn band_text(key: &str, text: &str, size: f32, bold: bool, theme: &Theme) -> Vec<Block> {
    let style = if bold {
        theme.heading(size).heading_level(1)
    } else {
        theme.body(size)
    };
    vec![Block::para(
        key,
        text,
        style
            .color(theme.colors.on_brand)
            .align(Align::Center)
            .leading(TIGHTER)
            .after(0.0),
    )]
}

/// The front: the line in the band; the number and the text line beside the call code.
fn front(
    content: &Content,
    locale: &Locale,
    g: &CardGeometry,
    theme: &Theme,
) -> Result<Page, Error> {
    let texts = s(locale);
    let face = card::fitted(FRONT, g);
    let mut items = Vec::from(band_of(
        face.band,
        band_text(
            "texts.safety_card.line",
            t(&texts.line),
            face.heading,
            true,
            theme,
        ),
        g,
        theme,
    ));
    let code = contact_qr(content, "hotline")?;
    let qr = qr_rect(g, face.band, code.width);
    let text_w =
        qr.x - quiet(g, code.width) - g.safe - card::CODE_CLEARANCE - card::caption_overhang(g);
    let number = theme
        .heading(NUMBER)
        .color(theme.colors.ink)
        .leading(NUMBER_LEADING)
        .after(2.5);
    let blocks = vec![Block::Section(vec![
        hotline_number(content, number),
        own_para(
            locale,
            "texts.safety_card.text_line",
            &texts.text_line,
            ("texts.card.text_line", &locale.texts.card.text_line),
            theme.body(TEXT_LINE).bold().leading(TIGHT).after(0.0),
        ),
    ])];
    items.push(text_frame(g, face, text_w, blocks));
    let caption = card::caption_style(g, theme);
    items.extend(card::captioned(
        // One language: the caption keeps the usual margin.
        &CardGeometry {
            caption_drop: card::CAPTION_DROP,
            ..*g
        },
        qr,
        code,
        "hotline",
        vec![own_para(
            locale,
            "texts.safety_card.call_qr_caption",
            &texts.call_qr_caption,
            (
                "texts.card.call_qr_caption",
                &locale.texts.card.call_qr_caption,
            ),
            caption,
        )],
    ));
    Ok(page(g, items))
}

/// The back: the rights line in the band; under it the number in words, the text line,
/// that no name is needed and the 911 line, across the card.
fn back(locale: &Locale, g: &CardGeometry, theme: &Theme) -> Page {
    let texts = s(locale);
    let face = card::fitted(BACK, g);
    let mut items = Vec::from(band_of(
        face.band,
        {
            let (key, text) = own_text(
                locale,
                "texts.safety_card.rights",
                &texts.rights,
                ("report.rights", &locale.report.rights),
            );
            band_text(key, text, g.body, false, theme)
        },
        g,
        theme,
    ));
    let centred = |size: f32| theme.body(size).align(Align::Center).leading(TIGHT);
    let blocks = vec![
        Block::para(
            "texts.safety_card.back_call",
            t(&texts.back_call),
            centred(BACK_CALL).bold().color(theme.colors.ink).after(1.5),
        ),
        own_para(
            locale,
            "texts.safety_card.text_line",
            &texts.text_line,
            ("texts.card.text_line", &locale.texts.card.text_line),
            centred(TEXT_LINE).bold().after(2.0),
        ),
        Block::para(
            "texts.safety_card.anonymous",
            t(&texts.anonymous),
            centred(g.body).color(theme.colors.muted).after(1.5),
        ),
        own_para(
            locale,
            "texts.safety_card.emergency",
            &texts.emergency,
            ("texts.card.emergency", &locale.texts.card.emergency),
            centred(EMERGENCY)
                .bold()
                .color(theme.colors.alert)
                .after(0.0),
        ),
    ];
    // No code on the back: the frame runs the card's width.
    items.push(text_frame(g, face, g.trim.w - 2.0 * g.safe, blocks));
    page(g, items)
}
