//! Bilingual documents (`--locale en+es`): a card and a poster carry both languages, each
//! text tagged with its own language in the PDF, under one number and one set of QR codes.

use crate::common;

use std::path::{Path, PathBuf};

use common::cli::bp;
use common::pdf;

fn built(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("output");
    bp().args(args).out(&out).passes();
    (dir, out)
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(*c as u32, 0x200E | 0x200F | 0x2066..=0x2069))
        .collect()
}

fn content() -> bridgeprint::Content {
    bridgeprint::content::load(Path::new("materials")).expect("materials load")
}

#[test]
fn en_es_makes_a_card_and_a_poster_with_both_languages_each_tagged_with_its_own() {
    let (_dir, out) = built(&["build", "--locale", "en+es"]);
    let folder = out.join("en+es");
    let mut made: Vec<String> = std::fs::read_dir(&folder)
        .expect("en+es folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    // A handout is one language; without --kind the pair makes what can be bilingual.
    assert_eq!(made, ["card.pdf", "poster.pdf"]);

    let content = content();
    let (en, es) = (
        content.locale("en").expect("en"),
        content.locale("es").expect("es"),
    );
    let hotline = &content.contacts.get("hotline").expect("hotline");
    let textline = &content.contacts.get("textline").expect("textline");

    let card = std::fs::read(folder.join("card.pdf")).expect("card");
    let en_text = squash(&pdf::page_text_in(&card, "en").join(""));
    let es_text = squash(&pdf::page_text_in(&card, "es").join(""));
    for (lang, text, locale) in [("en", &en_text, en), ("es", &es_text, es)] {
        // A pair's front names the hotline once, in its first language
        // (`card::gives_way`): each language's note on it stands in.
        for t in [
            &locale.texts.card.hotline_note,
            &locale.texts.card.emergency,
            &locale.texts.card.back_footer,
            &locale.report.rights,
        ] {
            let t = squash(t.as_deref().expect("text"));
            // A separator where a line breaks is not printed (layout::keeps).
            let bare = |s: &str| s.replace('·', "");
            assert!(
                bare(&text).contains(&bare(&t)),
                "card: {t:?} is not tagged {lang}:\n{text}"
            );
        }
    }
    // Each language's text carries its own tag and no other.
    let es_note = squash(es.texts.card.hotline_note.as_deref().expect("note"));
    assert!(!en_text.contains(&es_note), "Spanish tagged as English");
    let en_label = squash(en.texts.card.hotline_label.as_deref().expect("label"));
    assert!(
        en_text.contains(&en_label),
        "the hotline's name is not on the card"
    );

    // One number for both languages, the one the front's QR code dials; the back's
    // code sends a text, as on a card in one language.
    let pages = pdf::page_text(&card);
    assert!(pages[0].contains(&hotline.display), "{}", pages[0]);
    assert_eq!(
        pdf::qr_payloads(&card, 300.0),
        [
            std::slice::from_ref(&hotline.payload),
            std::slice::from_ref(&textline.payload)
        ]
    );
    assert_eq!(pdf::page_boxes(&card).len(), 2);

    let poster = std::fs::read(folder.join("poster.pdf")).expect("poster");
    let mut codes = vec![hotline.payload.clone(), textline.payload.clone()];
    codes.sort();
    assert_eq!(pdf::qr_payloads(&poster, 200.0), [codes]);
    for (lang, locale) in [("en", en), ("es", es)] {
        let text = squash(&pdf::page_text_in(&poster, lang).join(""));
        for t in [
            &locale.texts.poster.headline,
            &locale.texts.poster.hotline_note,
            &locale.texts.poster.do_not_approach,
            &locale.report.rights,
        ] {
            let t = squash(t.as_deref().expect("text"));
            // A separator where a line breaks is not printed (layout::keeps).
            let bare = |s: &str| s.replace('\u{b7}', "");
            assert!(
                bare(&text).contains(&bare(&t)),
                "poster: {t:?} is not tagged {lang}:\n{text}"
            );
        }
    }
    // The document's own language is the first of the pair.
    let raw = String::from_utf8_lossy(&poster);
    assert!(raw.contains("/Lang (en)") || raw.contains("/Lang(en)"));
}

#[test]
fn a_right_to_left_second_language_reads_in_order_with_its_numbers() {
    let (_dir, out) = built(&["build", "--locale", "en+ar", "--kind", "card"]);
    let card = std::fs::read(out.join("en+ar/card.pdf")).expect("card");
    let ar = content();
    let ar = ar.locale("ar").expect("ar");
    let text = squash(&pdf::page_text_in(&card, "ar").join(""));
    let line = squash(ar.texts.card.text_line.as_deref().expect("text_line"));
    assert!(
        text.contains(&line),
        "{line:?} not in the Arabic text:\n{text}"
    );
    assert_eq!(pdf::notdef_glyphs(&card), 0);
}

#[test]
fn every_bundled_locale_pairs_with_english_on_every_paper() {
    let content = content();
    let mut engine = bridgeprint::Engine::new();
    let en = content.locale("en").expect("en");
    for other in content.locales.iter().filter(|l| l.meta.tag != "en") {
        for pair in [[en, other], [other, en]] {
            for kind in bridgeprint::Kind::bilingual() {
                for paper in bridgeprint::Paper::ALL {
                    if let Err(e) = engine.lay_out(&content, &pair, kind, paper) {
                        panic!("{}+{}: {e}", pair[0].meta.tag, pair[1].meta.tag);
                    }
                }
            }
        }
    }
}

#[test]
fn a_pair_that_cannot_be_made_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("output");
    for (args, says) in [
        (
            &["build", "--locale", "en+es", "--kind", "handout"][..],
            "bilingual documents are cards and posters",
        ),
        (
            &["build", "--locale", "en+es+fr"][..],
            "two different locales",
        ),
        (&["build", "--locale", "en+en"][..], "two different locales"),
        (&["build", "--locale", "en+xx"][..], "unknown locale `xx`"),
    ] {
        let stderr = bp().args(args).out(&out).status(2).stderr;
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} wrote something");
    }
}
