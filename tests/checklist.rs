//! The checklist (issue 15) on a notice laid out as a user's build lays it out: the
//! bundled en+es poster on Letter, measured against requirements built here, passes what
//! it prints and fails each rule it does not meet, naming what was measured and where.

use std::path::Path;

use bridgeprint::checklist::{Checklist, Requirements, Rule, Statute, measure};
use bridgeprint::content::Contacts;
use bridgeprint::layout::LaidDocument;
use bridgeprint::types::Size;
use bridgeprint::{Content, Engine, Kind, Paper};

const LETTER: Size = Size { w: 612.0, h: 792.0 };
const TABLOID: Size = Size {
    w: 792.0,
    h: 1224.0,
};

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("materials load")
}

/// The en+es poster on Letter, as a build lays it out and reads it back.
fn poster(content: &Content) -> LaidDocument {
    let locales = ["en", "es"].map(|t| content.locale(t).expect("bundled locale"));
    Engine::new()
        .lay_out(content, &locales, Kind::Poster, Paper::Letter)
        .expect("the en+es poster lays out")
}

/// The poster's second step, in each language, as its content writes it (the numbers
/// expanded), which it must print word for word.
fn steps(content: &Content) -> Vec<Statute> {
    ["en", "es"]
        .iter()
        .map(|tag| {
            let locale = content.locale(tag).expect("bundled locale");
            let steps = locale.texts.poster.report_steps.as_ref().expect("steps");
            Statute {
                lang: tag.to_string(),
                text: steps[1].clone(),
                exact: true,
            }
        })
        .collect()
}

fn requirements(content: &Content) -> Requirements {
    Requirements {
        profile: "test-en-es".into(),
        citation: "the poster's own words".into(),
        min_paper: LETTER,
        min_text_pt: 16.0,
        languages: vec!["en".into(), "es".into()],
        numbers: vec!["hotline".into(), "textline".into()],
        statutes: steps(content),
        one_language_per_page: false,
    }
}

fn rule<'a>(list: &'a Checklist, name: &str) -> &'a Rule {
    list.rules
        .iter()
        .find(|r| r.name.starts_with(name))
        .unwrap_or_else(|| panic!("no rule {name} in\n{list}"))
}

/// Only the rule `name` fails: the others measured the same page and still pass.
fn fails_alone(list: &Checklist, name: &str) -> Rule {
    let failed: Vec<&str> = list.failed().map(|r| r.name.as_str()).collect();
    assert_eq!(failed.len(), 1, "{list}");
    assert!(failed[0].starts_with(name), "{list}");
    rule(list, name).clone()
}

#[test]
fn the_en_es_poster_meets_what_it_prints() {
    let content = content();
    let laid = poster(&content);
    let list = measure(&laid, &content.contacts, &requirements(&content));
    assert!(list.passed(), "{list}");
    assert_eq!(list.to_string().lines().count(), list.rules.len());
    assert_eq!(
        rule(&list, "paper").measured,
        "page 1: 8.5 x 11 in (612 x 792 pt)"
    );
    assert_eq!(
        rule(&list, "languages").measured,
        "en (page 1), es (page 1)"
    );
    assert_eq!(
        rule(&list, "number hotline").measured,
        "page 1: 1-888-373-7888"
    );
    assert!(
        rule(&list, "statute es")
            .measured
            .ends_with("characters, verbatim")
    );
}

#[test]
fn each_rule_the_poster_does_not_meet_fails_alone_and_says_where() {
    let content = content();
    let laid = poster(&content);
    let base = requirements(&content);
    let measured = |req: Requirements| measure(&laid, &content.contacts, &req);

    let paper = fails_alone(
        &measured(Requirements {
            min_paper: TABLOID,
            ..base.clone()
        }),
        "paper",
    );
    assert_eq!(paper.measured, "page 1: 8.5 x 11 in (612 x 792 pt)");

    // Every size the poster prints is under 100 pt: the smallest is named with its page.
    let size = fails_alone(
        &measured(Requirements {
            min_text_pt: 100.0,
            ..base.clone()
        }),
        "text size",
    );
    assert!(size.measured.starts_with("page 1: smallest "), "{size:?}");
    assert!(size.measured.contains(" pt, '"), "{size:?}");

    let tagalog = fails_alone(
        &measured(Requirements {
            languages: vec!["en".into(), "es".into(), "tl".into()],
            ..base.clone()
        }),
        "languages",
    );
    assert!(
        tagalog.measured.starts_with("tl not printed"),
        "{tagalog:?}"
    );

    let separate = fails_alone(
        &measured(Requirements {
            one_language_per_page: true,
            ..base.clone()
        }),
        "one language per page",
    );
    assert_eq!(separate.measured, "page 1: en and es");
}

#[test]
fn a_number_the_poster_does_not_print_or_the_records_lack_fails() {
    let content = content();
    let laid = poster(&content);
    let cast = Requirements {
        numbers: vec!["hotline".into(), "cast".into()],
        ..requirements(&content)
    };
    // The bundled records have CAST's line (the California notice prints it): without it.
    let mut without: Contacts = content.contacts.clone();
    without.by_key.remove("cast");
    let missing = fails_alone(&measure(&laid, &without, &cast), "number cast");
    assert_eq!(missing.measured, "no `cast` record in the contacts");
    // With a CAST record, the poster still does not print its number.
    let mut contacts: Contacts = content.contacts.clone();
    let mut record = contacts.get("hotline").expect("hotline").clone();
    record.key = "cast".into();
    record.name = "California Coalition to Abolish Slavery and Trafficking".into();
    record.display = "1-888-539-2373".into();
    contacts.by_key.insert("cast".into(), record);
    let unread = fails_alone(&measure(&laid, &contacts, &cast), "number cast");
    assert_eq!(unread.measured, "not read back on any page");
}

#[test]
fn a_statute_one_word_or_one_digit_away_from_the_page_fails() {
    let content = content();
    let laid = poster(&content);
    let base = requirements(&content);
    for (from, to) in [
        ("any time", "anytime"),
        ("233733", "233738"),
        ("Call", "call"),
    ] {
        let mut req = base.clone();
        assert!(req.statutes[0].text.contains(from), "{from}");
        req.statutes[0].text = req.statutes[0].text.replace(from, to);
        let statute = fails_alone(&measure(&laid, &content.contacts, &req), "statute en");
        assert!(
            statute.measured.starts_with("page 1: verbatim for "),
            "{statute:?}"
        );
        // Substantially, a changed word passes and a changed digit does not.
        req.statutes[0].exact = false;
        let list = measure(&laid, &content.contacts, &req);
        assert_eq!(list.passed(), !to.contains("233738"), "{to}: {list}");
    }
}
