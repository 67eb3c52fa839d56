//! The safety card, the tear-off flyer and the sticker (issue 12), read back from their
//! PDFs: each builds in en, es and ar at its size, its codes decode to the hotline's and
//! text line's payloads and dial the number it prints, every tab of the flyer carries the
//! number (and a wrong digit in one tab is refused), and the two discreet kinds name
//! trafficking nowhere, in any bundled locale.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use bridgeprint::layout::{Elem, LaidDocument};
use bridgeprint::types::without_isolates;
use bridgeprint::{Content, Engine, Error, Kind, Paper};
use common::pdf;

const DPI: f32 = 300.0;
const NEW: [Kind; 3] = [Kind::SafetyCard, Kind::Tearoff, Kind::Sticker];
const LOCALES: [&str; 3] = ["en", "es", "ar"];

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("bundled materials load")
}

fn make(content: &Content, tag: &str, kind: Kind, paper: Paper) -> Vec<u8> {
    let locale = content.locale(tag).expect("bundled locale");
    Engine::new()
        .make(content, &[locale], kind, paper, Some(0))
        .unwrap_or_else(|e| panic!("{tag} {kind}: {e}"))
        .bytes
}

fn contact(content: &Content, key: &str) -> bridgeprint::content::Contact {
    content.contacts.get(key).expect("bundled contact").clone()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Trim sizes in millimetres, page by page.
fn trims(kind: Kind, paper: Paper) -> Vec<(f32, f32)> {
    match kind {
        Kind::SafetyCard => vec![(85.6, 53.98); 2],
        Kind::Sticker => vec![(101.6, 76.2), (76.2, 50.8)],
        Kind::Tearoff => match paper {
            Paper::A4 => vec![(210.0, 297.0)],
            _ => vec![(215.9, 279.4)],
        },
        _ => unreachable!("not a new kind"),
    }
}

/// What each page's codes hold.
fn payloads(kind: Kind, content: &Content) -> Vec<Vec<String>> {
    let tel = contact(content, "hotline").payload;
    let sms = contact(content, "textline").payload;
    let mut both = vec![tel.clone(), sms];
    both.sort();
    match kind {
        // One code: the front's call code; the back gets a reader to help in words.
        Kind::SafetyCard => vec![vec![tel], vec![]],
        Kind::Sticker => vec![vec![tel.clone()], vec![tel]],
        Kind::Tearoff => vec![both],
        _ => unreachable!("not a new kind"),
    }
}

#[test]
fn each_new_kind_builds_in_en_es_ar_at_its_size_and_its_codes_dial_the_number_it_prints() {
    let content = content();
    let hotline = contact(&content, "hotline");
    let textline = contact(&content, "textline");
    for kind in NEW {
        let papers: &[Paper] = if kind.uses_paper() {
            &[Paper::Letter, Paper::A4]
        } else {
            &[Paper::Letter]
        };
        for &paper in papers {
            for tag in LOCALES {
                let bytes = make(&content, tag, kind, paper);
                let at = format!("{tag} {kind} {paper}");
                let boxes = pdf::page_boxes(&bytes);
                let want = trims(kind, paper);
                assert_eq!(boxes.len(), want.len(), "{at}: pages");
                for (i, (got, want)) in boxes.iter().zip(&want).enumerate() {
                    assert!(
                        (got.trim_mm.0 - want.0).abs() < 0.2
                            && (got.trim_mm.1 - want.1).abs() < 0.2,
                        "{at} page {}: trim {:?}, want {want:?}",
                        i + 1,
                        got.trim_mm
                    );
                }
                assert_eq!(
                    pdf::qr_payloads(&bytes, DPI),
                    payloads(kind, &content),
                    "{at}"
                );
                // The number the code dials is the number printed on every page, and the
                // text line's short code is printed with it.
                assert_eq!(digits(&hotline.payload), digits(&hotline.display));
                for (i, text) in pdf::page_text(&bytes).iter().enumerate() {
                    let flat = digits(text);
                    assert!(
                        flat.contains(&digits(&hotline.display)),
                        "{at} page {}: no hotline number in {text:?}",
                        i + 1
                    );
                    assert!(
                        flat.contains(&textline.display),
                        "{at} page {}: no text line",
                        i + 1
                    );
                }
                assert_eq!(pdf::notdef_glyphs(&bytes), 0, "{at}: tofu");
            }
        }
    }
}

// ---- the tabs ----------------------------------------------------------------------

/// Text drawn turned a quarter counterclockwise in the foot of the first page: glyphs
/// grouped by the vertical baseline they share, each column read bottom to top.
fn turned_columns(bytes: &[u8], below_mm: f64) -> Vec<String> {
    let below = below_mm * 72.0 / 25.4;
    let mut columns: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
    for g in pdf::page_glyphs(bytes).remove(0) {
        if !g.visible || g.origin.1 < below {
            continue;
        }
        match columns
            .iter_mut()
            .find(|(x, _)| (x - g.origin.0).abs() < 0.5)
        {
            Some((_, glyphs)) => glyphs.push((g.origin.1, g.text.clone())),
            None => columns.push((g.origin.0, vec![(g.origin.1, g.text.clone())])),
        }
    }
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    columns
        .into_iter()
        .map(|(_, mut glyphs)| {
            glyphs.sort_by(|a, b| b.0.total_cmp(&a.0));
            glyphs.into_iter().map(|(_, t)| t).collect()
        })
        .collect()
}

#[test]
fn every_tab_of_the_tearoff_carries_the_number_read_from_the_pdf() {
    let content = content();
    let display = contact(&content, "hotline").display;
    for tag in LOCALES {
        for paper in [Paper::Letter, Paper::A4] {
            let bytes = make(&content, tag, Kind::Tearoff, paper);
            // The tabs are the last 2.3 in of the sheet.
            let height_mm = pdf::page_boxes(&bytes)[0].trim_mm.1 as f64;
            let columns = turned_columns(&bytes, height_mm - 2.3 * 25.4);
            let numbers = columns.iter().filter(|c| c.as_str() == display).count();
            assert_eq!(numbers, 10, "{tag} {paper}: tabs read {columns:#?}");
        }
    }
}

/// The runs laid out inside the turned groups (the tabs) of the first page.
fn tab_runs(laid: &mut LaidDocument) -> Vec<&mut bridgeprint::layout::GlyphRun> {
    let mut runs = Vec::new();
    for e in &mut laid.pages[0].elems {
        if let Elem::Group {
            transform, elems, ..
        } = e
        {
            // A quarter turn: x runs up the page.
            assert!((transform.ky + 1.0).abs() < 1e-4, "{transform:?}");
            for inner in elems {
                if let Elem::Glyphs(run) = inner {
                    runs.push(run);
                }
            }
        }
    }
    runs
}

#[test]
fn a_wrong_digit_in_one_tab_is_refused_by_the_read_back() {
    let content = content();
    let en = content.locale("en").expect("en");
    let mut laid = Engine::new()
        .lay_out(&content, &[en], Kind::Tearoff, Paper::Letter)
        .expect("the flyer lays out");
    bridgeprint::readback::check(&laid, &content.contacts).expect("as laid, it reads back");
    let numbers: Vec<_> = tab_runs(&mut laid)
        .into_iter()
        .filter(|r| &*r.key == "contacts.hotline")
        .collect();
    assert_eq!(numbers.len(), 10, "one number run per tab");
    // The seventh tab's last digit, as if a font or a shaper had swapped it: the same
    // length, so every glyph's cluster still points into the text.
    let mut runs = tab_runs(&mut laid);
    let run = runs
        .iter_mut()
        .filter(|r| &*r.key == "contacts.hotline")
        .nth(6)
        .expect("seventh tab");
    let text = run.text.to_string();
    let last = text.rfind('8').expect("a digit 8");
    let mut broken = text.clone();
    broken.replace_range(last..last + 1, "9");
    run.text = Arc::from(broken.as_str());
    drop(runs);
    match bridgeprint::readback::check(&laid, &content.contacts) {
        // Refused where the line is read (what it prints), not only by the link over it.
        Err(Error::Printed(p)) => {
            assert_eq!(p.key, "contacts.hotline", "{p:?}");
            assert_eq!(
                without_isolates(&p.printed),
                without_isolates(&broken),
                "{p:?}"
            );
        }
        other => panic!("a wrong tab number passed the read-back: {other:?}"),
    }
}

// ---- discreet ----------------------------------------------------------------------

/// The forms of the word for trafficking (and trafficked, trafficker) in each bundled
/// locale, lower case: a stem matches any word it starts; `=` marks a whole word (Spanish
/// `trata` is also the start of `tratamiento`). Every locale is also checked for the
/// English forms, which a key left to English would print.
fn trafficking_forms(tag: &str) -> &'static [&'static str] {
    match tag {
        "en" | "tl" => &["traffick"],
        "es" => &["=trata", "tratante"],
        "ar" => &["الاتجار", "اتجار", "الإتجار", "المتاجر", "يتاجر", "يُتاجر"],
        "fa" => &["قاچاق"],
        "fr" => &["=traite", "trafiquant"],
        "hi" => &["दुर्व्यापार", "तस्करी"],
        "ht" => &["trafik"],
        "ja" => &["人身取引", "人身売買"],
        "ko" => &["인신매매"],
        "pt-BR" => &["tráfico", "traficante", "traficad"],
        "ru" => &["торговл", "торговц"],
        "th" => &["ค้ามนุษย์"],
        "uk" => &["торгівл", "торговц"],
        "vi" => &["buôn người"],
        "zh-Hans" => &["贩运", "拐卖"],
        "zh-Hant" => &["販運", "拐賣"],
        other => panic!("no forms of the word listed for `{other}`: add them"),
    }
}

/// The forms of `tag`'s list (and English's) found in `text`.
fn found(text: &str, tag: &str) -> Vec<&'static str> {
    let text = text.to_lowercase();
    trafficking_forms(tag)
        .iter()
        .chain(trafficking_forms("en"))
        .copied()
        .filter(|form| match form.strip_prefix('=') {
            Some(word) => text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word),
            None => text.contains(form),
        })
        .collect()
}

/// Everything a person holding or opening it can read: the title, subject and keywords
/// a viewer shows, what a screen reader says for each code, every laid-out line in its
/// reading order, and the text a PDF reader extracts (both directions, as extraction
/// gives right-to-left text in drawing order).
fn readable(content: &Content, tag: &str, kind: Kind) -> String {
    let locale = content.locale(tag).expect("bundled locale");
    let doc = bridgeprint::compose::compose(content, &[locale], kind, Paper::Letter)
        .unwrap_or_else(|e| panic!("{tag} {kind}: {e}"));
    let laid = Engine::new()
        .lay_out(content, &[locale], kind, Paper::Letter)
        .unwrap_or_else(|e| panic!("{tag} {kind}: {e}"));
    let mut all = vec![doc.title, doc.subject];
    all.extend(doc.qr_alt.iter().map(|a| a.text.clone()));
    all.extend(laid.meta.keywords.iter().cloned());
    all.push(laid.meta.title.clone());
    all.push(laid.meta.subject.clone());
    for page in &laid.pages {
        bridgeprint::layout::visit(&page.elems, &mut |e, _| {
            if let Elem::Glyphs(run) = e {
                all.push(run.text.to_string());
            }
        });
    }
    let bytes = make(content, tag, kind, Paper::Letter);
    for text in pdf::page_text(&bytes) {
        all.push(text.chars().rev().collect());
        all.push(text);
    }
    // The metadata as written (XMP is plain UTF-8 in the file).
    all.push(String::from_utf8_lossy(&bytes).into_owned());
    all.join("\n")
}

#[test]
fn the_safety_card_and_the_sticker_name_trafficking_nowhere_in_any_bundled_locale() {
    let content = content();
    assert!(content.locales.len() >= 17, "every bundled locale");
    for locale in &content.locales {
        let tag = locale.meta.tag.as_str();
        // The check finds the word where it is: on the wallet card, in every locale.
        let card = readable(&content, tag, Kind::Card);
        assert!(
            !found(&card, tag).is_empty(),
            "{tag}: the forms miss the wallet card's word"
        );
        for kind in [Kind::SafetyCard, Kind::Sticker] {
            let text = readable(&content, tag, kind);
            let hits = found(&text, tag);
            assert!(hits.is_empty(), "{tag} {kind} names trafficking: {hits:?}");
        }
    }
}

#[test]
fn the_safety_card_keeps_its_title_in_an_edition_and_carries_no_organisation_unless_asked() {
    let content = content();
    let en = content.locale("en").expect("en");
    let mut setup = bridgeprint::compose::Setup {
        edition: Some("trucking".into()),
        ..Default::default()
    };
    setup.organisation = Some(bridgeprint::compose::organisation::Organisation {
        name: "Harbour Outreach".into(),
        short_name: None,
        logo: None,
        website: None,
        distribution: Default::default(),
        on_safety_card: false,
    });
    let doc = |setup: &bridgeprint::compose::Setup| {
        bridgeprint::compose::compose_with(&content, &[en], Kind::SafetyCard, Paper::Letter, setup)
            .expect("composes")
    };
    let names =
        |d: &bridgeprint::compose::Document| format!("{:?}", d.pages).contains("Harbour Outreach");
    let quiet = doc(&setup);
    assert_eq!(
        quiet.title,
        en.texts.safety_card.title.clone().unwrap_or_default()
    );
    assert!(!names(&quiet), "the organisation is off by default");
    if let Some(org) = &mut setup.organisation {
        org.on_safety_card = true;
    }
    assert!(
        names(&doc(&setup)),
        "on_safety_card = true puts it on the back"
    );
}
