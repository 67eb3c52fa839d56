//! The read-back: what a laid-out page prints, read as an eye reads it, must be what the
//! contact records say. Each reproduced failure is refused through the real binary; the
//! same cases are also fed to the read-back directly, past the loader (whose own rules
//! may refuse them first), so the second key is proven on its own.

use crate::common;

use std::path::Path;

use bridgeprint::content::{Locale, expand};
use bridgeprint::error::Printed;
use bridgeprint::{Content, Engine, Error, Kind, Paper};
use common::materials::case;

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("bundled materials load")
}

fn locale_mut<'a>(content: &'a mut Content, tag: &str) -> &'a mut Locale {
    content
        .locales
        .iter_mut()
        .find(|l| l.meta.tag == tag)
        .expect("bundled locale")
}

/// Sets a card text of `tag` as if the loader had accepted `text` (placeholders expanded
/// the way loading does).
fn set_card_text(
    content: &mut Content,
    tag: &str,
    field: fn(&mut bridgeprint::content::schema::CardTexts) -> &mut Option<String>,
    text: &str,
) {
    let expanded = expand(text, &content.contacts).expect("placeholders expand");
    *field(&mut locale_mut(content, tag).texts.card) = Some(expanded);
}

fn lay_out(content: &Content, tag: &str, kind: Kind) -> Result<(), Error> {
    let locale = content.locale(tag).expect("bundled locale");
    Engine::new()
        .lay_out(content, &[locale], kind, Paper::Letter)
        .map(|_| ())
}

/// The read-back's own error for this document, or a failure saying what happened instead.
fn printed(content: &Content, tag: &str, kind: Kind) -> Box<Printed> {
    match lay_out(content, tag, kind) {
        Err(Error::Printed(p)) => p,
        other => panic!("{tag} {kind:?}: expected a read-back error, got {other:?}"),
    }
}

// ---- through the binary ----------------------------------------------------------

#[test]
fn a_hotline_display_reversed_by_a_bidi_override_is_refused() {
    let c = case("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"\n",
            "number = \"+18883737888\"\ndisplay = \"\\u202E1-888-373-7888\\u202C\"\n",
            1,
        )
    });
    // The loader may refuse it first (a bidi control in `display`); either way the
    // message names the record.
    c.fails_with(&["hotline"]);
}

#[test]
fn a_digit_typed_after_a_placeholder_is_refused() {
    let c = case("en/texts.toml", |t| {
        t.replacen(
            "text_line = \"Text {textline.keyword} to {textline}\"",
            "text_line = \"Text {textline.keyword} to {textline}4\"",
            1,
        )
    });
    let stderr = c.fails_with(&["text_line"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

// ---- the read-back itself, past the loader ------------------------------------------

#[test]
fn a_reversed_display_is_caught_on_the_card_and_the_poster() {
    let mut content = content();
    if let Some(h) = content.contacts.by_key.get_mut("hotline") {
        h.display = "\u{202E}1-888-373-7888\u{202C}".into();
    }
    for kind in [Kind::Card, Kind::Poster] {
        for tag in ["en", "ar", "zh-Hans"] {
            let p = printed(&content, tag, kind);
            assert_eq!(p.key, "contacts.hotline", "{tag} {kind:?}: {p:?}");
            assert_eq!((p.locale.as_str(), p.page), (tag, 1), "{p:?}");
            assert!(p.printed.contains("8887-373-888-1"), "{p:?}");
            assert!(p.problem.contains("out of order"), "{p:?}");
        }
    }
}

#[test]
fn a_digit_fused_to_a_placeholder_is_caught_in_english_and_arabic() {
    for (tag, text, fused) in [
        ("en", "Text {textline.keyword} to {textline}4", "4"),
        ("en", "Text {textline.keyword} to 4{textline}", "4"),
        ("en", "Text {textline.keyword} to {textline}-4", "4"),
        ("en", "Text {textline.keyword} to {textline}\u{200B}4", "4"),
        (
            "en",
            "Text {textline.keyword} to {textline}\u{0301}\u{2463}",
            "\u{2463}",
        ),
        ("ar", "أرسل {textline.keyword} إلى {textline}٤", "٤"),
        ("ar", "أرسل {textline.keyword} إلى ٤{textline}", "٤"),
        ("ar", "أرسل {textline.keyword} إلى {textline} 4", "4"),
        ("fa", "ارسال {textline.keyword} به {textline}۴", "۴"),
    ] {
        let mut content = content();
        set_card_text(&mut content, tag, |c| &mut c.text_line, text);
        let p = printed(&content, tag, Kind::Card);
        assert_eq!(p.key, "texts.card.text_line", "{text}: {p:?}");
        assert!(
            p.problem.contains(&format!("\"{fused}\"")) && p.problem.contains("233733"),
            "{text}: {p:?}"
        );
    }
}

#[test]
fn a_letter_or_plus_fused_to_a_value_or_two_values_run_together_are_caught() {
    for text in [
        "Text {textline.keyword}S to {textline}",
        "Text X{textline.keyword} to {textline}",
        "Text {textline}{textline.keyword}",
        "Text {textline.keyword} to {textline}{emergency}",
        "See {website}x",
        "See {website}/x",
        "Text {textline.keyword} to +{textline}",
    ] {
        let mut content = content();
        set_card_text(&mut content, "en", |c| &mut c.text_line, text);
        let p = printed(&content, "en", Kind::Card);
        assert_eq!(p.key, "texts.card.text_line", "{text}: {p:?}");
    }
}

#[test]
fn a_caption_that_prints_another_contact_is_caught() {
    let mut content = content();
    set_card_text(
        &mut content,
        "en",
        |c| &mut c.call_qr_caption,
        "Text {textline.keyword} to {textline}",
    );
    let p = printed(&content, "en", Kind::Card);
    assert_eq!(p.key, "texts.card.call_qr_caption", "{p:?}");
    assert!(p.problem.contains("QR code for `hotline`"), "{p:?}");

    let mut content = self::content();
    set_card_text(
        &mut content,
        "ar",
        |c| &mut c.text_qr_caption,
        "اتصل {hotline}",
    );
    let p = printed(&content, "ar", Kind::Card);
    assert_eq!((p.key.as_str(), p.page), ("texts.card.text_qr_caption", 2));
    assert!(p.problem.contains("QR code for `textline`"), "{p:?}");
}

#[test]
fn a_number_typed_past_the_source_scan_is_caught_as_printed() {
    // The source scan reads texts before placeholders; these reach the page only when
    // something bypasses it. The read-back reads them where they print.
    for text in [
        "Call 1-888-373-7889",
        "Call \u{202E}8887-373-888-1\u{202C}",
        "Text HELP to ２３３７３３",
        "Text HELP to 2\u{0301}3\u{200D}3733",
        "Visit example.org",
    ] {
        let mut content = content();
        set_card_text(&mut content, "en", |c| &mut c.text_line, text);
        let p = printed(&content, "en", Kind::Card);
        assert_eq!(p.key, "texts.card.text_line", "{text}: {p:?}");
    }
}

#[test]
fn figures_the_source_rules_accept_print_in_every_bundled_locale() {
    let mut content = content();
    let tags: Vec<String> = content.locales.iter().map(|l| l.meta.tag.clone()).collect();
    for tag in &tags {
        let locale = locale_mut(&mut content, tag);
        let note = locale.texts.card.hotline_note.clone().unwrap_or_default();
        // `200+` only where the line runs left to right (see the Arabic test below).
        let plus = if locale.meta.direction == bridgeprint::content::Direction::Ltr {
            "200+ · "
        } else {
            ""
        };
        locale.texts.card.hotline_note = Some(format!("24/7 · {plus}2021 · 49.6 · 18 · {note}"));
    }
    for tag in &tags {
        for kind in Kind::made_by_default() {
            if let Err(e) = lay_out(&content, tag, kind) {
                panic!("{tag} {kind:?}: {e}");
            }
        }
    }
}

#[test]
fn a_figure_the_text_direction_reorders_is_refused_in_arabic() {
    // In a right-to-left line `200+` prints `+200`, a phone-number-looking figure, and
    // `2021–2022` prints `2022–2021`: what is printed is not what is written.
    for (tag, text) in [
        ("ar", "مجاني · أكثر من 200+ لغة"),
        ("ar", "من 2021–2022"),
        ("fa", "رایگان · بیش از 200+ زبان"),
    ] {
        let mut content = content();
        set_card_text(&mut content, tag, |c| &mut c.hotline_note, text);
        let p = printed(&content, tag, Kind::Card);
        assert_eq!(p.key, "texts.card.hotline_note", "{text}: {p:?}");
    }
}

#[test]
fn a_figure_split_by_an_unclosed_isolate_is_refused() {
    let mut content = content();
    set_card_text(
        &mut content,
        "th",
        |c| &mut c.hotline_note,
        "ฟรี · 24/7 · กว่า 2\u{2067}00 ภาษา",
    );
    let p = printed(&content, "th", Kind::Card);
    assert_eq!(p.key, "texts.card.hotline_note", "{p:?}");
}

/// The case CI's property run turned up (tests/props.rs): a right-to-left mark and an
/// Arabic-Indic digit planted after "24/7" in the Russian card's note. The bidi algorithm
/// draws the line's last separator between "7" and "٤"; hidden as if it ended the line, it
/// left a gap there, and the read-back, which reads characters and not gaps, took "24/7٤"
/// for the figure as written while a reader sees "24/7" and a stray "٤".
#[test]
fn a_separator_the_text_direction_moves_inside_a_line_stays_and_the_split_figure_is_refused() {
    let mut content = content();
    set_card_text(
        &mut content,
        "ru",
        |c| &mut c.hotline_note,
        "Бесплатно · Конфиденциально · 24/7\u{200f}\u{664} · 200+ языков",
    );
    let p = printed(&content, "ru", Kind::Card);
    assert_eq!(p.key, "texts.card.hotline_note", "{p:?}");
}

/// A hole in a printed number parts it for a reader as a space would, though no character
/// fills it: the digits after "373" of the English card's hotline moved 6 pt right past the
/// layout, the read-back refuses it, and takes it back whole when they move back.
#[test]
fn a_gap_no_character_fills_parts_a_printed_number() {
    use bridgeprint::layout::{Elem, LaidDocument};
    fn widen_after(laid: &mut LaidDocument, digits: &str, by: f32) -> usize {
        let mut opened = 0;
        let mut visit = |elems: &mut Vec<Elem>| {
            for e in elems.iter_mut() {
                let Elem::Glyphs(run) = e else { continue };
                let Some(at) = run.text.find(digits) else {
                    continue;
                };
                let end = at + digits.len();
                for g in run.glyphs.iter_mut().filter(|g| g.text.start >= end) {
                    g.dx += by;
                    opened += 1;
                }
            }
        };
        for page in &mut laid.pages {
            visit(&mut page.elems);
        }
        opened
    }
    let content = content();
    let en = content.locale("en").expect("en");
    let mut laid = Engine::new()
        .lay_out(&content, &[en], Kind::Card, Paper::Letter)
        .expect("the bundled card reads back");
    assert!(
        widen_after(&mut laid, "888-373", 6.0) > 0,
        "the hotline is on the card"
    );
    let problem = bridgeprint::readback::check(&laid, &content.contacts)
        .expect_err("a hole in the hotline is refused");
    assert!(problem.to_string().contains("printed inside"), "{problem}");
    widen_after(&mut laid, "888-373", -6.0);
    bridgeprint::readback::check(&laid, &content.contacts).expect("closed again, it reads");
}

#[test]
fn every_bundled_document_reads_back() {
    let content = content();
    for tag in content.locales.iter().map(|l| l.meta.tag.as_str()) {
        for kind in Kind::made_by_default() {
            for paper in Paper::ALL {
                let locale = content.locale(tag).expect("locale");
                if let Err(e) = Engine::new().lay_out(&content, &[locale], kind, paper) {
                    panic!("{tag} {kind:?} {paper:?}: {e}");
                }
            }
        }
    }
}

#[test]
fn extracted_text_holds_the_values_without_the_isolates_round_them() {
    // Every contact value is isolated in every locale now; the isolates must not reach
    // what a reader copies out of the PDF.
    let content = content();
    for tag in ["en", "es", "ar"] {
        let locale = content.locale(tag).expect("locale");
        let made = Engine::new()
            .make(&content, &[locale], Kind::Card, Paper::Letter, None)
            .expect("card");
        let pages = common::pdf::page_text(&made.bytes);
        let all = pages.concat();
        assert!(all.contains("1-888-373-7888"), "{tag}: {all:?}");
        assert!(all.contains("233733"), "{tag}: {all:?}");
        assert!(!all.contains(['\u{2066}', '\u{2069}']), "{tag}: {all:?}");
    }
}

/// The text of the input CI's 30-second fuzz run of `layout_text` turned up (kept as
/// fuzz/corpus/layout_text/seed-typed-hotline-in-emergency): the hotline typed into a card
/// text with Arabic, Devanagari and Chinese beside it, past the loader. The read-back
/// refuses it by key, and no kind does anything but print it or refuse it.
#[test]
fn the_fuzzed_typed_hotline_beside_three_scripts_is_refused_by_key() {
    let mut content = content();
    let text = "Call 1-888-373-7888 \u{627}\u{62a}\u{635}\u{932} \u{96fb}\u{8a71} jow";
    set_card_text(&mut content, "en", |c| &mut c.emergency, text);
    let p = printed(&content, "en", Kind::Card);
    assert_eq!(p.key, "texts.card.emergency", "{p:?}");
    for kind in Kind::made_by_default() {
        match lay_out(&content, "en", kind) {
            Ok(()) | Err(Error::Printed(_)) => {}
            Err(e) => panic!("{kind:?}: {e}"),
        }
    }
}

#[test]
fn the_refusal_names_the_document_by_kind_paper_and_pair_as_values() {
    let mut content = content();
    for tag in ["en", "es"] {
        let text = expand("Text {textline.keyword} to {textline}4", &content.contacts)
            .expect("placeholders expand");
        let texts = &mut locale_mut(&mut content, tag).texts;
        texts.card.text_line = Some(text.clone());
        texts.poster.text_line = Some(text);
    }
    let refused = |tags: &[&str], kind: Kind, paper: Paper| {
        let locales: Vec<&Locale> = tags
            .iter()
            .map(|t| content.locale(t).expect("bundled locale"))
            .collect();
        match Engine::new().lay_out(&content, &locales, kind, paper) {
            Err(Error::Printed(p)) => p,
            other => panic!("{tags:?} {kind}: expected a read-back error, got {other:?}"),
        }
    };
    // A caller (a report, a retry on other paper) reads what was refused without parsing
    // `poster (a4)` back out of a message.
    let p = refused(&["es"], Kind::Poster, Paper::A4);
    assert_eq!(
        (p.locale.as_str(), p.kind, p.paper, p.pair.as_deref()),
        ("es", Kind::Poster, Some(Paper::A4), None)
    );
    assert!(p.to_string().starts_with("es poster (a4), page 1: "), "{p}");
    let p = refused(&["en", "es"], Kind::Card, Paper::Letter);
    assert_eq!(
        (p.kind, p.paper, p.pair.as_deref()),
        (Kind::Card, None, Some("en+es"))
    );
    assert!(
        p.to_string().starts_with("en card (en+es), page 1: "),
        "{p}"
    );
}
