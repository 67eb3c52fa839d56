//! A bilingual document keeps the essentials: every QR code, every caption and every
//! safety line that a single-language document prints, the pair prints too, in that
//! language, read from the laid-out documents (what is printed, not what was meant).

use std::collections::BTreeSet;
use std::path::Path;

use bridgeprint::layout::{Elem, LaidDocument, visit};
use bridgeprint::{Content, Engine, Kind, Paper};

/// The lines a reader's safety depends on, for every kind that can be bilingual: the
/// number and the 911 line, the hotline note (free, confidential, 24/7), the text line,
/// how to report, do not confront, the rights line, and each QR code's caption. The signs
/// teach, and may give way in a pair; the caution goes wherever they go (see
/// [`the_caution_goes_with_the_signs_in_every_document`]).
const SAFETY: &[&str] = &[
    "contacts.hotline",
    "texts.card.emergency",
    "texts.card.hotline_note",
    "texts.card.text_line",
    "texts.card.back_footer",
    "texts.card.call_qr_caption",
    "texts.card.text_qr_caption",
    "texts.poster.hotline_note",
    "texts.poster.text_line",
    "texts.poster.report_steps",
    "texts.poster.do_not_approach",
    "texts.poster.call_qr_caption",
    "texts.poster.text_qr_caption",
    "report.rights",
];

/// `texts.poster.report_steps[1]` is a line of `texts.poster.report_steps`.
fn is_safety(key: &str) -> bool {
    let list = key.split('[').next().unwrap_or(key);
    SAFETY.contains(&list)
}

/// What a document prints that matters here: each safety paragraph as (key, text), each
/// caption as (contact, key, text), and the contact of each QR code.
#[derive(Default)]
struct Printed {
    lines: BTreeSet<(String, String)>,
    captions: BTreeSet<(String, String, String)>,
    codes: BTreeSet<String>,
}

fn printed(doc: &LaidDocument) -> Printed {
    let mut p = Printed::default();
    for page in &doc.pages {
        visit(&page.elems, &mut |e, _| match e {
            Elem::Glyphs(run) => {
                let text = run.text.trim().to_string();
                // A list's bullet mark carries its item's key but says nothing.
                let says = text.chars().any(char::is_alphanumeric);
                if says && is_safety(&run.key) {
                    p.lines.insert((run.key.to_string(), text.clone()));
                }
                if let Some(contact) = &run.caption_of {
                    p.captions
                        .insert((contact.to_string(), run.key.to_string(), text));
                }
            }
            Elem::Qr { contact, .. } => {
                p.codes.insert(contact.to_string());
            }
            _ => {}
        });
    }
    p
}

/// What `single` prints that `pair` does not, one line each.
fn missing(single: &Printed, pair: &Printed) -> Vec<String> {
    let lines = single
        .lines
        .difference(&pair.lines)
        .map(|(k, t)| format!("line {k}: {t:?}"));
    let captions = single
        .captions
        .difference(&pair.captions)
        .map(|(c, k, t)| format!("caption of {c} ({k}): {t:?}"));
    let codes = single
        .codes
        .difference(&pair.codes)
        .map(|c| format!("QR code of {c}"));
    lines.chain(captions).chain(codes).collect()
}

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("materials load")
}

/// Each pair, either way round, keeps what each of its languages prints alone.
fn keeps_the_essentials(pairs: &[[&str; 2]], papers: &[Paper]) {
    let content = content();
    let mut engine = Engine::new();
    let mut failures = Vec::new();
    for kind in Kind::bilingual() {
        for &paper in papers {
            let mut lay = |tags: &[&str]| {
                let locales: Vec<_> = tags
                    .iter()
                    .map(|t| content.locale(t).expect("bundled locale"))
                    .collect();
                let doc = engine
                    .lay_out(&content, &locales, kind, paper)
                    .unwrap_or_else(|e| panic!("{tags:?} {kind:?} {paper}: {e}"));
                printed(&doc)
            };
            for &[a, b] in pairs {
                let alone = [lay(&[a]), lay(&[b])];
                for order in [[a, b], [b, a]] {
                    let pair = lay(&order);
                    for (tag, single) in [a, b].iter().zip(&alone) {
                        assert!(!single.lines.is_empty(), "{tag} {kind:?}: no safety line");
                        for m in missing(single, &pair) {
                            failures.push(format!(
                                "{}+{} {kind:?} {paper}: {tag} alone prints {m}",
                                order[0], order[1]
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "a pair drops essentials:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_pair_prints_every_code_caption_and_safety_line_of_each_language_alone() {
    keeps_the_essentials(&[["en", "es"], ["en", "ar"]], &[Paper::Letter]);
}

#[test]
fn every_locale_paired_with_english_keeps_the_essentials_on_every_paper() {
    let content = content();
    let others: Vec<&str> = content
        .locales
        .iter()
        .map(|l| l.meta.tag.as_str())
        .filter(|t| *t != "en")
        .collect();
    let pairs: Vec<[&str; 2]> = others.iter().map(|o| ["en", *o]).collect();
    keeps_the_essentials(&pairs, &Paper::ALL);
}

/// Where a document prints warning signs, it says in the same language that no single sign
/// proves trafficking; where the signs give way (a pair), the caution goes with them.
#[test]
fn the_caution_goes_with_the_signs_in_every_document() {
    let content = content();
    let mut engine = Engine::new();
    let mut failures = Vec::new();
    let tags: Vec<&str> = content
        .locales
        .iter()
        .map(|l| l.meta.tag.as_str())
        .collect();
    let mut sets: Vec<Vec<&str>> = tags.iter().map(|t| vec![*t]).collect();
    sets.extend([vec!["en", "es"], vec!["en", "ar"], vec!["zh-Hans", "en"]]);
    for kind in Kind::bilingual() {
        for set in &sets {
            let locales: Vec<_> = set
                .iter()
                .map(|t| content.locale(t).expect("bundled locale"))
                .collect();
            let doc = engine
                .lay_out(&content, &locales, kind, Paper::Letter)
                .unwrap_or_else(|e| panic!("{set:?} {kind:?}: {e}"));
            // Per language of the document: does it print signs, and the caution?
            let mut signs = BTreeSet::new();
            let mut caution = BTreeSet::new();
            for page in &doc.pages {
                visit(&page.elems, &mut |e, _| {
                    if let Elem::Glyphs(run) = e {
                        if run.key.starts_with("red_flags.card")
                            || run.key.starts_with("red_flags.poster")
                        {
                            signs.insert(run.lang);
                        }
                        if &*run.key == "red_flags.caution" {
                            caution.insert(run.lang);
                        }
                    }
                });
            }
            if signs != caution {
                failures.push(format!(
                    "{set:?} {kind:?}: signs in languages {signs:?}, the caution in {caution:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
