//! What a translation that nobody has reviewed does to the paper and to a strict print
//! run: a draft says so on every page (in the slug outside a card's trim, at the foot of
//! a poster or a handout), in its own words and in English's; `--strict` refuses it, and
//! refuses English standing in for a translation (a key left to English, a folder copied
//! from `en`); and no locale may call smuggling and trafficking by one name.

use crate::common;

use std::path::Path;

use bridgeprint::Kind;
use bridgeprint::compose::{DRAFT_NOTICE_KEY, MM, NoticePlace};
use bridgeprint::content::{self, Status};
use common::materials::{bundled, case, copy};
use common::pdf;

fn bundled_content() -> content::Content {
    content::load(Path::new("materials")).expect("bundled materials load")
}

/// A locale's draft notice, as its texts.toml says it.
fn notice(content: &content::Content, tag: &str) -> String {
    let locale = content.locale(tag).expect("bundled locale");
    locale.texts.document.draft_notice.clone().expect("filled")
}

/// Text without any whitespace: lines may wrap anywhere.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Builds every kind of `locales` from the bundled materials, Letter paper.
fn build(locales: &[&str]) -> common::materials::Case {
    let c = bundled();
    let mut run = c.build();
    for l in locales {
        run = run.args(["--locale", l]);
    }
    run.passes();
    c
}

#[test]
fn a_draft_says_so_on_every_page_of_every_kind_in_its_words_and_englishs() {
    let content = bundled_content();
    let es = notice(&content, "es");
    let en = notice(&content, "en");
    assert_ne!(
        es, en,
        "the Spanish notice is translated, so both must print"
    );
    let c = build(&["es"]);
    for kind in ["card", "poster", "handout"] {
        let bytes = read(&c.out.join("es").join(format!("{kind}.pdf")));
        for (i, text) in pdf::page_text(&bytes).iter().enumerate() {
            for want in [&es, &en] {
                assert!(
                    squash(text).contains(&squash(want)),
                    "es {kind} p{}: no {want:?} in\n{text}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn a_reviewed_locale_prints_nothing_extra_and_its_card_has_no_slug() {
    let content = bundled_content();
    assert_eq!(content.locale("en").unwrap().meta.status, Status::Reviewed);
    let en = notice(&content, "en");
    let c = build(&["en"]);
    for kind in ["card", "poster", "handout"] {
        let bytes = read(&c.out.join("en").join(format!("{kind}.pdf")));
        for text in pdf::page_text(&bytes) {
            assert!(!squash(&text).contains(&squash(&en)), "en {kind}:\n{text}");
        }
    }
    let card = read(&c.out.join("en").join("card.pdf"));
    for bx in pdf::page_boxes(&card) {
        let (w, h) = bx.media_mm;
        assert!(
            (w - 91.95).abs() < 0.1 && (h - 60.33).abs() < 0.1,
            "{w} x {h} mm"
        );
    }
}

#[test]
fn a_draft_cards_notice_lies_in_the_slug_outside_its_trim_and_bleed() {
    let c = build(&["es"]);
    let card = read(&c.out.join("es").join("card.pdf"));
    let boxes = pdf::page_boxes(&card);
    let NoticePlace::Slug { depth, size, .. } = Kind::Card.spec().draft_notice else {
        panic!("a card's notice goes in the slug");
    };
    for (page, (bx, glyphs)) in boxes.iter().zip(pdf::page_glyphs(&card)).enumerate() {
        // The trim is exactly the card, centred on a sheet a bleed and a slug larger.
        let (tw, th) = bx.trim_mm;
        assert!((tw - 85.6).abs() < 0.05 && (th - 53.98).abs() < 0.05);
        let slug_mm = depth / MM;
        assert!((bx.media_mm.0 - (85.6 + 6.35 + 2.0 * slug_mm)).abs() < 0.05);
        let trim_bottom = f64::from((bx.media_mm.1 - th) / 2.0 + th) * f64::from(MM);
        let bleed = 9.0;
        let (outside, inside): (Vec<_>, Vec<_>) =
            glyphs.iter().partition(|g| g.origin.1 > trim_bottom);
        let slug: String = outside.iter().map(|g| g.text.as_str()).collect();
        assert!(
            squash(&slug).contains("Drafttranslation,notyetreviewed"),
            "p{}: below the trim: {slug:?}",
            page + 1
        );
        for g in &outside {
            // Its whole height past the bleed, where the cutter takes it away.
            assert!(
                g.origin.1 - g.size > trim_bottom + bleed,
                "p{}: {:?} reaches into the bleed",
                page + 1,
                g.text
            );
            assert!((g.size - f64::from(size)).abs() < 0.01);
        }
        let card_text: String = inside.iter().map(|g| g.text.as_str()).collect();
        assert!(
            !squash(&card_text).contains("Drafttranslation"),
            "p{}: the notice is on the card itself",
            page + 1
        );
    }
}

#[test]
fn a_pair_with_a_draft_prints_the_notice_naming_the_draft() {
    let content = bundled_content();
    let es = notice(&content, "es");
    let en = notice(&content, "en");
    let c = build(&["en+es"]);
    for kind in ["card", "poster"] {
        let bytes = read(&c.out.join("en+es").join(format!("{kind}.pdf")));
        for (i, text) in pdf::page_text(&bytes).iter().enumerate() {
            for want in [es.clone(), format!("{en}: Spanish")] {
                assert!(
                    squash(text).contains(&squash(&want)),
                    "en+es {kind} p{}: no {want:?} in\n{text}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn the_notice_is_laid_out_under_its_own_key_on_every_page() {
    // The structure tree marks it as an artifact by this key.
    let content = bundled_content();
    let mut engine = bridgeprint::Engine::new();
    for tag in ["es", "ar", "zh-Hans"] {
        let locale = content.locale(tag).unwrap();
        for kind in Kind::made_by_default() {
            let laid = engine
                .lay_out(&content, &[locale], kind, bridgeprint::Paper::A4)
                .expect("lays out");
            for (i, page) in laid.pages.iter().enumerate() {
                let found = page.elems.iter().any(|e| {
                    matches!(e, bridgeprint::layout::Elem::Glyphs(g) if &*g.key == DRAFT_NOTICE_KEY)
                });
                assert!(found, "{tag} {kind} p{}: no draft notice", i + 1);
            }
        }
    }
}

#[test]
fn strict_refuses_a_reviewed_locale_that_falls_back_to_english_naming_file_and_keys() {
    let c = case("es/locale.toml", |t| t.replace("\"draft\"", "\"reviewed\""));
    c.edit("es/report.toml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("not_sure =") && !l.starts_with("privacy ="))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let es_report = c.materials.join("es").join("report.toml");
    let file = format!("{}: locale `es` falls back to English", es_report.display());
    let needles = [
        file.as_str(),
        "2 keys: report.not_sure, report.privacy",
        "refused by --strict",
    ];
    c.build()
        .args(["--strict", "--locale", "es"])
        .fails_with(&needles);
    c.check().arg("--strict").fails_with(&needles);
    // Without --strict it stays a warning.
    let ran = c
        .build()
        .args(["--locale", "es", "--kind", "card"])
        .passes();
    assert!(
        ran.stderr.contains("`report.not_sure` is missing"),
        "{}",
        ran.stderr
    );
}

#[test]
fn strict_refuses_a_folder_copied_from_english_and_says_how_much_is_copied() {
    let c = copy();
    common::materials::copy_dir(&c.materials.join("en"), &c.materials.join("de"));
    c.edit("de/locale.toml", |t| {
        t.replace("tag = \"en\"", "tag = \"de\"")
    });
    let de = c.materials.join("de");
    let stderr = c
        .build()
        .args(["--strict", "--locale", "de"])
        .fails_with(&[
            &format!("{}: locale `de` has ", de.display()),
            "texts word for word the same as English: a copied folder left untranslated",
        ])
        .stderr;
    // Every text with words is counted; `{hotline}`-only texts are not.
    let counted = stderr
        .split("has ")
        .nth(1)
        .and_then(|s| s.split(" texts").next())
        .expect("a count");
    let (same, of) = counted.split_once(" of ").expect("N of M");
    assert_eq!(same, of, "an untouched copy is all English: {counted}");
    c.build()
        .args(["--locale", "de", "--kind", "card"])
        .passes();
}

#[test]
fn strict_accepts_a_translation_that_keeps_a_few_words_of_english() {
    // Names and terms stay English in many translations: a few is not a copy.
    let c = copy();
    c.edit("es/locale.toml", |t| t.replace("\"draft\"", "\"reviewed\""));
    c.edit("es/texts.toml", |t| {
        t.replacen(
            "call_qr_caption = \"Escanee y llame\"",
            "call_qr_caption = \"Scan to call\"",
            1,
        )
    });
    c.build()
        .args(["--strict", "--locale", "es", "--kind", "card"])
        .passes();
}

#[test]
fn a_locale_calling_smuggling_and_trafficking_by_one_name_is_refused() {
    let c = case("es/comparison.toml", |t| {
        t.replacen(
            "trafficking = \"Columna B\"",
            "trafficking = \"columna a \"",
            1,
        )
    });
    let at = format!(
        "{}:5:",
        c.materials.join("es").join("comparison.toml").display()
    );
    c.fails_with(&[
        &at,
        "`comparison.trafficking` (locale `es`)",
        "the terms for smuggling and trafficking are the same (`columna a`)",
    ]);
}

#[test]
fn every_bundled_locale_keeps_smuggling_and_trafficking_apart() {
    for locale in &bundled_content().locales {
        let c = &locale.comparison;
        let (s, t) = (c.smuggling.as_deref(), c.trafficking.as_deref());
        let (s, t) = (s.unwrap().trim(), t.unwrap().trim());
        assert_ne!(
            s.to_lowercase(),
            t.to_lowercase(),
            "{}: smuggling and trafficking are both {s:?}",
            locale.meta.tag
        );
    }
}
