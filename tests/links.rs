//! Links on the printed contact values: every number, the text line's keyword and number,
//! and the website open what their record says (`tel:`, `sms:` with its keyword,
//! `https:`) from a link lying over the printed glyphs, in left-to-right, right-to-left and
//! bilingual documents; a QR code's link opens what the code does.

use crate::common;

use std::path::Path;

use bridgeprint::layout::{Elem, LaidDocument};
use bridgeprint::{Content, Engine, Error, Kind, Paper};
use common::pdf::{self, Link, PlacedGlyph};

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("bundled materials load")
}

/// What each printed value of the bundled contacts must open: written out, not derived,
/// so the test says what a phone dials.
const EXPECTED: [(&str, &str); 5] = [
    ("1-888-373-7888", "tel:+18883737888"),
    ("233733", "sms:233733?body=HELP"),
    ("HELP", "sms:233733?body=HELP"),
    ("911", "tel:911"),
    (
        "humantraffickinghotline.org",
        "https://humantraffickinghotline.org",
    ),
];

/// The documents under test: en, es and ar in every kind, en+es as a card and a poster.
fn documents(content: &Content) -> Vec<(String, Vec<u8>)> {
    let mut engine = Engine::new();
    let mut out = Vec::new();
    let sets: [(&[&str], &[Kind]); 4] = [
        (&["en"], &[Kind::Card, Kind::Poster, Kind::Handout]),
        (&["es"], &[Kind::Card, Kind::Poster, Kind::Handout]),
        (&["ar"], &[Kind::Card, Kind::Poster, Kind::Handout]),
        (&["en", "es"], &[Kind::Card, Kind::Poster]),
    ];
    for (tags, kinds) in sets {
        let locales: Vec<_> = tags
            .iter()
            .map(|t| content.locale(t).expect("bundled locale"))
            .collect();
        for &kind in kinds {
            let made = engine
                .make(content, &locales, kind, Paper::Letter, Some(0))
                .unwrap_or_else(|e| panic!("{tags:?} {kind:?}: {e}"));
            out.push((format!("{} {}", tags.join("+"), kind.name()), made.bytes));
        }
    }
    out
}

/// Where each printed occurrence of `value` is drawn: consecutive glyphs spelling it,
/// not inside a longer word or number, as (left, top, right, bottom) of their advances
/// from cap height to the baseline.
fn occurrences(glyphs: &[PlacedGlyph], value: &str) -> Vec<(f64, f64, f64, f64)> {
    let text: Vec<&str> = glyphs.iter().map(|g| g.text.as_str()).collect();
    // A letter or digit on the same line right beside glyph `j` makes it part of a
    // longer word; the stream runs one line's last glyph into the next line's first.
    let word = |i: usize, j: usize| {
        text.get(i)
            .is_some_and(|t| t.chars().any(|c| c.is_ascii_alphanumeric()))
            && (glyphs[i].line_y - glyphs[j].line_y).abs() < 0.3 * glyphs[j].size
    };
    let mut out = Vec::new();
    for start in 0..glyphs.len() {
        let mut spelled = String::new();
        let mut end = start;
        while end < glyphs.len() && spelled.len() < value.len() {
            spelled.push_str(&glyphs[end].text);
            end += 1;
        }
        let apart = (start == 0 || !word(start - 1, start)) && !word(end, end - 1);
        if spelled != value || !apart {
            continue;
        }
        let run = &glyphs[start..end];
        let left = run.iter().map(|g| g.origin.0).fold(f64::INFINITY, f64::min);
        let right = run
            .iter()
            .map(|g| g.origin.0 + g.advance)
            .fold(f64::NEG_INFINITY, f64::max);
        let base = run[0].origin.1;
        out.push((left, base - 0.7 * run[0].size, right, base));
    }
    out
}

fn contains(link: &Link, b: (f64, f64, f64, f64)) -> bool {
    let r = link.rect;
    let tol = 0.5;
    r.0 <= b.0 + tol && r.1 <= b.1 + tol && r.2 >= b.2 - tol && r.3 >= b.3 - tol
}

#[test]
fn every_printed_contact_value_lies_under_a_link_that_opens_its_record() {
    let content = content();
    for (name, bytes) in documents(&content) {
        let glyphs = pdf::page_glyphs(&bytes);
        let links = pdf::page_links(&bytes);
        let mut found = [0usize; EXPECTED.len()];
        for (page, (glyphs, links)) in glyphs.iter().zip(&links).enumerate() {
            let page = page + 1;
            for (i, (value, uri)) in EXPECTED.iter().enumerate() {
                for at in occurrences(glyphs, value) {
                    found[i] += 1;
                    let over: Vec<&Link> = links.iter().filter(|l| contains(l, at)).collect();
                    assert!(
                        !over.is_empty(),
                        "{name}, page {page}: {value} at {at:?} has no link over it; links: {links:?}"
                    );
                    assert!(
                        over.iter().all(|l| l.uri == *uri),
                        "{name}, page {page}: the link over {value} opens {:?}, not {uri}",
                        over.iter().map(|l| &l.uri).collect::<Vec<_>>()
                    );
                }
            }
            for link in links {
                assert!(
                    EXPECTED.iter().any(|(_, uri)| link.uri == *uri),
                    "{name}, page {page}: a link opens {:?}, which no contact record opens",
                    link.uri
                );
            }
        }
        for (i, (value, _)) in EXPECTED.iter().enumerate().take(3) {
            assert!(found[i] > 0, "{name}: {value} is not printed anywhere");
        }
    }
}

#[test]
fn a_qr_codes_link_opens_what_the_code_does() {
    let content = content();
    let en = content.locale("en").expect("en");
    let made = Engine::new()
        .make(&content, &[en], Kind::Card, Paper::Letter, Some(0))
        .expect("card");
    let links = pdf::page_links(&made.bytes);
    let codes = pdf::qr_payloads(&made.bytes, 300.0);
    for (page, payloads) in codes.iter().enumerate() {
        for payload in payloads {
            // The text line's code holds the de-facto SMSTO: form; its link the RFC 5724
            // URI a viewer opens.
            let want = match payload.strip_prefix("SMSTO:") {
                Some(rest) => {
                    let (number, body) = rest.split_once(':').expect("SMSTO:number:body");
                    format!("sms:{number}?body={body}")
                }
                None => payload.clone(),
            };
            assert!(
                links[page].iter().any(|l| l.uri == want),
                "page {}: no link opens {want} beside its code {payload}",
                page + 1
            );
        }
    }
}

/// Every link of a laid-out page, mutably, groups opened.
fn links_mut(elems: &mut [Elem], f: &mut impl FnMut(&mut Elem)) {
    for e in elems {
        match e {
            Elem::Group { elems, .. } => links_mut(elems, f),
            Elem::Link { .. } => f(e),
            _ => {}
        }
    }
}

fn laid_card(content: &Content) -> LaidDocument {
    let en = content.locale("en").expect("en");
    Engine::new()
        .lay_out(content, &[en], Kind::Card, Paper::Letter)
        .expect("the card lays out")
}

fn refusal(content: &Content, laid: &LaidDocument) -> String {
    match bridgeprint::readback::check(laid, &content.contacts) {
        Err(Error::Printed(p)) => p.problem,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_read_back_refuses_a_link_that_opens_another_contact() {
    let content = content();
    let mut laid = laid_card(&content);
    for page in &mut laid.pages {
        links_mut(&mut page.elems, &mut |e| {
            if let Elem::Link { uri, .. } = e
                && &**uri == "tel:+18883737888"
            {
                *uri = "tel:911".into();
            }
        });
    }
    let problem = refusal(&content, &laid);
    assert!(
        problem.contains("opens tel:911, not what its record opens (tel:+18883737888)"),
        "{problem}"
    );
}

#[test]
fn the_read_back_refuses_a_value_printed_without_a_link_and_a_link_over_nothing() {
    let content = content();
    let mut laid = laid_card(&content);
    for page in &mut laid.pages {
        links_mut(&mut page.elems, &mut |e| {
            if let Elem::Link { uri, rect } = e
                && &**uri == "tel:911"
            {
                // Moved off the number it covers.
                rect.y -= 40.0;
            }
        });
    }
    let problem = refusal(&content, &laid);
    assert!(
        problem.contains("no contact value") || problem.contains("without a link"),
        "{problem}"
    );
}
