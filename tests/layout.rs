//! Layout rules a print run depends on, checked on the laid-out pages of every bundled
//! locale and kind: type sizes, QR sizes and quiet zones, nothing outside the safe area.

use crate::common;

use bridgeprint::compose::{MM, Rect};
use bridgeprint::layout::{Elem, LaidDocument, LaidPage};
use bridgeprint::qr::QUIET_ZONE;
use bridgeprint::{Engine, Kind, Paper};
use common::ink;

fn all_docs() -> Vec<(String, Kind, Paper, LaidDocument)> {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let mut engine = Engine::new();
    let mut out = Vec::new();
    for (locale, kind, paper) in bridgeprint::every_document(&content) {
        let laid = engine
            .lay_out(&content, &[locale], kind, paper)
            .expect("lays out");
        out.push((locale.meta.tag.clone(), kind, paper, laid));
    }
    out
}

fn glyph_runs(page: &LaidPage) -> impl Iterator<Item = &bridgeprint::layout::GlyphRun> {
    page.elems.iter().filter_map(|e| match e {
        Elem::Glyphs(g) => Some(g),
        _ => None,
    })
}

/// The text drawn on a page, run by run.
fn page_text(page: &LaidPage) -> String {
    glyph_runs(page)
        .map(|g| {
            let start = g.glyphs.iter().map(|x| x.text.start).min().unwrap_or(0);
            let end = g.glyphs.iter().map(|x| x.text.end).max().unwrap_or(0);
            g.text[start..end].to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_draft_notice(g: &bridgeprint::layout::GlyphRun) -> bool {
    &*g.key == bridgeprint::compose::DRAFT_NOTICE_KEY
}

fn qrs(page: &LaidPage) -> Vec<(Rect, &bridgeprint::qr::QrMatrix)> {
    page.elems
        .iter()
        .filter_map(|e| match e {
            Elem::Qr { rect, code, .. } => Some((*rect, code)),
            _ => None,
        })
        .collect()
}

#[test]
fn card_text_is_never_below_6_5_pt_and_poster_text_never_below_16_pt() {
    for (locale, kind, paper, doc) in all_docs() {
        for (i, page) in doc.pages.iter().enumerate() {
            for g in glyph_runs(page) {
                // The draft notice is a note about the paper, not the message the
                // posting laws size: it has its own floor.
                let floor = if is_draft_notice(g) {
                    kind.spec().draft_notice.floor()
                } else {
                    kind.spec().text_floor
                };
                assert!(
                    g.size >= floor - 0.01,
                    "{locale} {kind:?} {paper:?} p{}: {:.2} pt text {:?}",
                    i + 1,
                    g.size,
                    &g.text[..]
                );
            }
        }
    }
}

#[test]
fn poster_hotline_number_is_at_least_36_pt() {
    for (locale, kind, paper, doc) in all_docs() {
        if kind != Kind::Poster {
            continue;
        }
        let biggest = glyph_runs(&doc.pages[0])
            .filter(|g| g.text.contains("1-888-373-7888") && !g.text.contains(' '))
            .map(|g| g.size)
            .fold(0.0, f32::max);
        assert!(
            biggest >= 36.0,
            "{locale} {paper:?}: number at {biggest} pt"
        );
    }
}

#[test]
fn qr_codes_are_big_enough_and_their_quiet_zone_is_clear() {
    for (locale, kind, paper, doc) in all_docs() {
        // Every document here is in one language.
        let min_mm = kind.spec().qr_min_mm[0];
        for (i, page) in doc.pages.iter().enumerate() {
            for (rect, code) in qrs(page) {
                let what = format!("{locale} {kind:?} {paper:?} p{} {}", i + 1, code.payload);
                assert!(
                    rect.w / MM >= min_mm - 0.01,
                    "{what}: {:.1} mm",
                    rect.w / MM
                );
                let quiet = rect.w / code.width as f32 * QUIET_ZONE as f32;
                let zone = Rect::new(
                    rect.x - quiet,
                    rect.y - quiet,
                    rect.w + 2.0 * quiet,
                    rect.h + 2.0 * quiet,
                );
                // No glyph may start inside the symbol plus its quiet zone.
                for g in glyph_runs(page) {
                    // A run's box: from its start to its last visible glyph, from cap height
                    // to baseline.
                    let (ink_left, ink_right) = ink(g).unwrap_or((g.x, g.x));
                    let (top, bottom) = (g.y - g.size * 0.75, g.y);
                    let eps = 0.01;
                    let overlaps = ink_right > zone.x + eps
                        && ink_left < zone.right() - eps
                        && bottom > zone.y + eps
                        && top < zone.bottom() - eps;
                    assert!(
                        !overlaps,
                        "{what}: text {:?} in the quiet zone",
                        &g.text[..]
                    );
                }
                // The quiet zone lies on the page.
                assert!(
                    zone.x >= -0.01 && zone.y >= -0.01,
                    "{what}: quiet zone off the page: {zone:?}"
                );
                assert!(
                    zone.right() <= page.size.w + 0.01 && zone.bottom() <= page.size.h + 0.01,
                    "{what}: quiet zone off the page: {zone:?} on {:?}",
                    page.size
                );
            }
        }
    }
}

#[test]
fn card_text_stays_inside_the_safe_area() {
    // 0.125 in inside the trim, less a hair for glyph side bearings.
    let safe = 9.0 - 0.5;
    let mut fonts = bridgeprint::layout::Fonts::new();
    for (locale, kind, _, doc) in all_docs() {
        if kind != Kind::Card {
            continue;
        }
        for (i, page) in doc.pages.iter().enumerate() {
            // A draft's notice lies outside the trim on purpose (the next test).
            for g in glyph_runs(page).filter(|g| !is_draft_notice(g)) {
                let (left, right) = ink(g).unwrap_or((g.x, g.x));
                // Or by what prints: a CJK bracket's blank half (a caption centred on its
                // ink, "傳簡訊「HELP」") may reach past the line where its ink stops short.
                let printed = fonts
                    .glyph_ink(g)
                    .into_iter()
                    .flatten()
                    .reduce(bridgeprint::layout::ink::InkBox::union);
                let (ink_left, ink_right) = printed.map_or((left, right), |b| (b.left, b.right));
                let what = format!("{locale} card p{}: {:?}", i + 1, &g.text[..]);
                assert!(
                    left >= safe || ink_left >= 9.0,
                    "{what} starts at x={left:.1}"
                );
                assert!(
                    right <= page.size.w - safe || ink_right <= page.size.w - 9.0,
                    "{what} ends at x={right:.1}"
                );
                // A band's heading may rise 2 pt into the margin: by its em square, or by
                // its ink where that is lower (an Arabic line's em square stands above the
                // ink of its letters when the band centres it).
                let top = printed.map_or(g.y - g.size, |b| b.top.max(g.y - g.size));
                assert!(top >= safe - 2.0, "{what} top at y={top:.1}");
                assert!(g.y <= page.size.h - safe, "{what} baseline at y={:.1}", g.y);
            }
        }
    }
}

#[test]
fn every_printed_number_comes_from_contacts() {
    let content = bridgeprint::content::load(std::path::Path::new("materials")).unwrap();
    let hotline = content.contacts.get("hotline").unwrap();
    let textline = content.contacts.get("textline").unwrap();
    assert_eq!(hotline.payload, "tel:+18883737888");
    assert_eq!(hotline.display, "1-888-373-7888");
    for (locale, kind, paper, doc) in all_docs() {
        // Runs split where the font changes (Thai digits, Noto Sans hyphens), so spacing
        // is not compared.
        let text: String = doc
            .pages
            .iter()
            .map(page_text)
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            text.contains(&hotline.display),
            "{locale} {kind:?} {paper:?} lacks the hotline number"
        );
        if kind != Kind::Handout {
            assert!(
                text.contains(&textline.display),
                "{locale} {kind:?} lacks the text line"
            );
        }
        // The digits printed as the hotline are the digits its QR code dials.
        let digits: String = hotline
            .display
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let payload_digits: String = hotline
            .payload
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        assert_eq!(digits, payload_digits);
        // Every QR on the page encodes a contact's payload.
        for page in &doc.pages {
            for (_, code) in qrs(page) {
                assert!(
                    content
                        .contacts
                        .by_key
                        .values()
                        .any(|c| c.payload == code.payload),
                    "{locale} {kind:?}: QR payload {} is no contact's",
                    code.payload
                );
            }
        }
    }
}

#[test]
fn handouts_have_two_pages_or_more_and_cards_two() {
    for (locale, kind, paper, doc) in all_docs() {
        match kind {
            Kind::Card => assert_eq!(doc.pages.len(), 2, "{locale}"),
            Kind::Poster => assert_eq!(doc.pages.len(), 1, "{locale} {paper:?}"),
            Kind::Handout => assert!(doc.pages.len() >= 2, "{locale} {paper:?}"),
            // Front and back; the sticker's two sizes.
            Kind::SafetyCard | Kind::Sticker => assert_eq!(doc.pages.len(), 2, "{locale}"),
            Kind::Tearoff => assert_eq!(doc.pages.len(), 1, "{locale} {paper:?}"),
            // Made only under a profile (tests/notices.rs); every_document leaves it out.
            Kind::Notice => unreachable!("no notice without a profile"),
        }
    }
}

#[test]
fn a_character_no_font_has_is_refused_with_the_document_as_values() {
    let mut content =
        bridgeprint::content::load(std::path::Path::new("materials")).expect("bundled materials");
    let es = content
        .locales
        .iter_mut()
        .find(|l| l.meta.tag == "es")
        .expect("bundled locale");
    // Ethiopic: no bundled font covers it.
    es.texts.poster.headline = Some("ሰላም".into());
    let locales = ["en", "es"].map(|t| content.locale(t).expect("bundled locale"));
    match Engine::new().lay_out(&content, &locales, Kind::Poster, Paper::A4) {
        Err(e @ bridgeprint::Error::Layout { .. }) => {
            let bridgeprint::Error::Layout {
                locale,
                kind,
                paper,
                pair,
                ..
            } = &e
            else {
                unreachable!()
            };
            assert_eq!(
                (locale.as_str(), *kind, *paper, pair.as_deref()),
                ("es", Kind::Poster, Some(Paper::A4), Some("en+es"))
            );
            assert!(
                e.to_string().starts_with(
                    "es poster (en+es, a4): `texts.poster.headline`: no bundled font has the character 'ሰ'"
                ),
                "{e}"
            );
        }
        other => panic!("expected the layout to refuse the character, got {other:?}"),
    }
}
