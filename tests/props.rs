//! Properties over generated input, beyond the bundled materials:
//!
//! - any contact number a phone dials (a North American number, a short code, a keyword)
//!   gives a QR payload that scans back to exactly itself;
//! - any text in a card box either fits at or above the 6.5 pt floor, inside the card's
//!   safe area, or is an overflow error: never drawn outside, never another failure;
//! - digits of any script, combining marks, zero-width and bidi controls planted next to
//!   and inside contact values and figures, in every bundled locale, are either refused
//!   by the read-back or print, as read from the PDF by an independent extractor, only
//!   the records' numbers and the figures the text writes.
//!
//! Case counts keep the file under 30 s in release; raise them with PROPTEST_CASES.

use crate::common;

use std::cell::RefCell;
use std::path::Path;

use bridgeprint::content::chars;
use bridgeprint::content::contacts::{self, ContactsFile};
use bridgeprint::content::limits::MAX_TEXT_CHARS;
use bridgeprint::content::source;
use bridgeprint::layout::Elem;
use bridgeprint::qr::{QUIET_ZONE, QrMatrix};
use bridgeprint::{Content, Engine, Error, Kind, Paper};
use common::ink;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..Config::default()
    }
}

// ---- QR payloads -------------------------------------------------------------------

/// `+1 NXX NXX XXXX`: North American numbers as E.164.
fn nanp() -> impl Strategy<Value = String> {
    "[2-9][0-9]{2}[2-9][0-9]{6}".prop_map(|d| format!("+1{d}"))
}

fn short_code() -> impl Strategy<Value = String> {
    "[0-9]{3,6}"
}

fn keyword() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{1,16}"
}

/// A contacts.toml with these numbers, read and validated the way a build does.
fn contacts(voice: &str, sms: &str, keyword: &str, uri_form: bool) -> contacts::Contacts {
    let record = |kind: &str, number: &str, extra: &str| {
        format!(
            "kind = \"{kind}\"\nname = \"n\"\nnumber = \"{number}\"\n{extra}source = \"s\"\nverified = 2026-11-29\n"
        )
    };
    let form = if uri_form { "sms-uri" } else { "smsto" };
    let toml = format!(
        "[settings]\nsms_qr_form = \"{form}\"\n\n[contacts.hotline]\n{}\n[contacts.textline]\n{}\n[contacts.emergency]\n{}\n[contacts.website]\nkind = \"web\"\nname = \"w\"\nurl = \"https://example.org\"\nsource = \"s\"\nverified = 2026-11-29\n",
        record("voice", voice, ""),
        record("sms", sms, &format!("keyword = \"{keyword}\"\n")),
        record("voice", "911", ""),
    );
    let path = Path::new("contacts.toml");
    let file: ContactsFile = source::parse(path, &toml).expect("generated contacts parse");
    contacts::validate(file, path).expect("generated contacts are valid")
}

/// The symbol as a phone camera would see it: 4 pixels a module, black on white, with
/// its quiet zone.
fn raster(code: &QrMatrix) -> (Vec<u8>, u32) {
    const PX: usize = 4;
    let side = (code.width + 2 * QUIET_ZONE) * PX;
    let mut luma = vec![255u8; side * side];
    for y in 0..code.width {
        for x in 0..code.width {
            if code.is_dark(x, y) {
                for py in 0..PX {
                    let row = (y + QUIET_ZONE) * PX + py;
                    let start = row * side + (x + QUIET_ZONE) * PX;
                    luma[start..start + PX].fill(0);
                }
            }
        }
    }
    (luma, side as u32)
}

fn scan(code: &QrMatrix) -> String {
    let (luma, side) = raster(code);
    rxing::helpers::detect_in_luma(luma, side, side, Some(rxing::BarcodeFormat::QR_CODE))
        .map(|r| r.getText().to_string())
        .unwrap_or_else(|e| panic!("{:?} did not scan: {e}", code.payload))
}

#[test]
fn every_contact_payload_scans_back_to_itself() {
    let numbers = (
        prop_oneof![nanp(), short_code()],
        prop_oneof![nanp(), short_code()],
        keyword(),
        any::<bool>(),
    );
    TestRunner::new(config(500))
        .run(&numbers, |(voice, sms, keyword, uri_form)| {
            let c = contacts(&voice, &sms, &keyword, uri_form);
            let expected = [
                ("hotline", format!("tel:{voice}")),
                (
                    "textline",
                    if uri_form {
                        format!("sms:{sms}?body={keyword}")
                    } else {
                        format!("SMSTO:{sms}:{keyword}")
                    },
                ),
            ];
            for (key, payload) in expected {
                let contact = c.get(key).expect("contact");
                prop_assert_eq!(&contact.payload, &payload);
                let code = bridgeprint::qr::encode(key, &contact.payload)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(scan(&code), payload);
            }
            Ok(())
        })
        .unwrap();
}

// ---- text in a box -----------------------------------------------------------------

/// A word in one script the bundled fonts cover.
fn word() -> impl Strategy<Value = String> {
    let letters = |ranges: &'static [(u32, u32)]| {
        proptest::collection::vec(
            proptest::sample::select(ranges).prop_flat_map(|(a, b)| a..=b),
            1..14,
        )
        .prop_map(|cs| {
            cs.into_iter()
                .filter_map(char::from_u32)
                .collect::<String>()
        })
    };
    prop_oneof![
        4 => letters(&[(0x61, 0x7A), (0x41, 0x5A), (0xE0, 0xFC)]), // Latin
        1 => letters(&[(0x30, 0x39)]),                            // digits
        2 => letters(&[(0x0621, 0x064A)]),                        // Arabic
        2 => letters(&[(0x4E00, 0x9FA5)]),                        // CJK
        2 => letters(&[(0x0E01, 0x0E2E), (0x0E30, 0x0E39)]),      // Thai
        2 => letters(&[(0x0915, 0x0939), (0x093E, 0x094C)]),      // Devanagari
    ]
}

/// Words and spaces, from one word up to the length limit a text may have.
fn text() -> impl Strategy<Value = String> {
    let words = prop_oneof![
        3 => proptest::collection::vec(word(), 1..8),
        2 => proptest::collection::vec(word(), 8..40),
        1 => proptest::collection::vec(word(), 40..300),
    ];
    (words, prop_oneof![Just(" "), Just("  "), Just(" \u{a0}")])
        .prop_map(|(w, gap)| w.join(gap).chars().take(MAX_TEXT_CHARS).collect::<String>())
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    FrontHeading,
    RedFlag,
}

fn place(content: &mut Content, slot: Slot, text: &str) {
    let en = &mut content.locales[0];
    match slot {
        Slot::FrontHeading => en.texts.card.front_heading = Some(text.to_string()),
        Slot::RedFlag => {
            if let Some(first) = en.red_flags.card.as_mut().and_then(|l| l.first_mut()) {
                *first = text.to_string();
            }
        }
    }
}

#[test]
fn any_card_text_fits_above_the_floor_inside_the_safe_area_or_is_an_overflow() {
    let base = bridgeprint::content::load(Path::new("materials")).expect("materials load");
    assert_eq!(base.locales[0].meta.tag, "en");
    let engine = RefCell::new(Engine::new());
    // Measures glyph outlines: what prints, not the line boxes.
    let fonts = RefCell::new(bridgeprint::layout::Fonts::new());
    // How many cases fitted and how many overflowed, to show both sides were tried.
    let outcomes = RefCell::new([0usize; 2]);
    let strategy = (
        prop_oneof![Just(Slot::FrontHeading), Just(Slot::RedFlag)],
        text(),
    );
    TestRunner::new(config(500))
        .run(&strategy, |(slot, text)| {
            let mut content = base.clone();
            place(&mut content, slot, &text);
            let laid = engine.borrow_mut().lay_out(
                &content,
                &[&content.locales[0]],
                Kind::Card,
                Paper::Letter,
            );
            let doc = match laid {
                Ok(doc) => doc,
                Err(Error::Overflow { key, .. }) => {
                    outcomes.borrow_mut()[1] += 1;
                    let want = match slot {
                        // A long heading or sign may push the line under it out of its
                        // box instead: the rights line in the band, the caution under the
                        // signs.
                        Slot::FrontHeading if key == "report.rights" => "report.rights",
                        Slot::FrontHeading => "texts.card.front_heading",
                        Slot::RedFlag if key == "red_flags.caution" => "red_flags.caution",
                        Slot::RedFlag => "red_flags.card",
                    };
                    prop_assert!(key.starts_with(want), "overflow names {key}");
                    return Ok(());
                }
                // Digit words can make a number the read-back refuses (`12 34` between
                // Arabic words prints `34 12`): not this property's concern.
                Err(Error::Printed(_)) if text.chars().any(|c| c.is_ascii_digit()) => {
                    return Ok(());
                }
                Err(e) => return Err(TestCaseError::fail(format!("not an overflow: {e}"))),
            };
            outcomes.borrow_mut()[0] += 1;
            // 0.125 in inside the trim, less a hair for side bearings (as tests/layout.rs).
            let safe = 9.0 - 0.5;
            for (i, page) in doc.pages.iter().enumerate() {
                for e in &page.elems {
                    let Elem::Glyphs(g) = e else { continue };
                    let what = format!("p{} {:?}", i + 1, &g.text[..]);
                    prop_assert!(g.size >= 6.5 - 0.01, "{what}: {} pt", g.size);
                    let Some((left, right)) = ink(g) else {
                        continue;
                    };
                    prop_assert!(left >= safe, "{what} starts at x={left:.1}");
                    prop_assert!(right <= page.size.w - safe, "{what} ends at x={right:.1}");
                    let top = fonts
                        .borrow_mut()
                        .glyph_ink(g)
                        .into_iter()
                        .flatten()
                        .fold(f32::INFINITY, |t, b| t.min(b.top));
                    prop_assert!(top >= safe - 2.0, "{what} ink top at {top:.1}");
                    prop_assert!(g.y <= page.size.h - safe, "{what} baseline at {:.1}", g.y);
                }
            }
            Ok(())
        })
        .unwrap();
    let [fit, overflow] = *outcomes.borrow();
    println!("{fit} fitted, {overflow} overflowed");
    assert!(
        fit > 0 && overflow > 0,
        "{fit} fitted, {overflow} overflowed"
    );
}

// ---- planted digits, marks and controls ----------------------------------------------

/// What may be planted, with the digit value the oracle reads for it (`None`: not a digit,
/// and invisible to a reader when in `INVISIBLE`).
const PLANTS: &[(char, Option<u8>)] = &[
    ('4', Some(4)),
    ('0', Some(0)),
    ('٤', Some(4)),
    ('۷', Some(7)),
    ('४', Some(4)),
    ('๔', Some(4)),
    ('４', Some(4)),
    ('②', Some(2)),
    ('³', Some(3)),
    ('𝟕', Some(7)),
    ('\u{0301}', None),
    ('\u{064B}', None),
    ('\u{20DD}', None),
    ('\u{200B}', None),
    ('\u{200C}', None),
    ('\u{200D}', None),
    ('\u{2060}', None),
    ('\u{FEFF}', None),
    ('\u{200E}', None),
    ('\u{200F}', None),
    ('\u{061C}', None),
    ('\u{202A}', None),
    ('\u{202B}', None),
    ('\u{202D}', None),
    ('\u{202E}', None),
    ('\u{202C}', None),
    ('\u{2066}', None),
    ('\u{2067}', None),
    ('\u{2068}', None),
    ('\u{2069}', None),
    ('-', None),
    (' ', None),
    ('.', None),
];

/// The oracle's own reading of a character as a digit: ASCII, the planted ones, and any
/// script's decimal digits (the bundled texts write Arabic-Indic and Devanagari ones).
fn oracle_digit(c: char) -> Option<u8> {
    if let Some((_, d)) = PLANTS.iter().find(|(p, _)| *p == c) {
        return *d;
    }
    c.to_digit(10)
        .map(|d| d as u8)
        .or_else(|| bridgeprint::content::numbers::digit_value(c))
}

/// What no reader sees: format characters and combining marks.
fn oracle_invisible(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{20D0}'..='\u{20FF}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}')
}

/// Digit sequences in `text`: digits next to each other or joined by one `-` or `.`,
/// invisible characters skipped.
fn digit_sequences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut joiner = false;
    for c in text.chars() {
        if oracle_invisible(c) {
            continue;
        }
        if let Some(d) = oracle_digit(c) {
            current.push(char::from(b'0' + d));
            joiner = false;
        } else if matches!(c, '-' | '.') && !current.is_empty() && !joiner {
            joiner = true;
        } else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            joiner = false;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The figures a text writes itself, in its own order: its digit sequences outside the
/// contact values the tool put in (between an LRI and its PDI).
fn written_figures(text: &str) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '\u{2066}' => depth += 1,
            '\u{2069}' if depth > 0 => depth -= 1,
            _ if depth == 0 => outside.push(c),
            _ => outside.push(' '),
        }
    }
    digit_sequences(&outside)
}

/// Lines of a PDF page as drawn, left to right, read by the tests' PDF extractor (hayro:
/// the font's ToUnicode map and each glyph's position), not by the read-back.
fn drawn_lines(pdf: &[u8]) -> Vec<String> {
    let mut lines = Vec::new();
    for page in common::pdf::page_glyphs(pdf) {
        // Zero-width glyphs (joiners, controls) carry their font's width in the PDF's
        // table though drawn with none: they would read as a gap.
        let mut glyphs: Vec<_> = page
            .into_iter()
            .filter(|g| g.visible && !g.text.chars().all(oracle_invisible))
            .collect();
        glyphs.sort_by(|a, b| {
            (a.line_y / 0.5)
                .round()
                .total_cmp(&(b.line_y / 0.5).round())
                .then(a.origin.0.total_cmp(&b.origin.0))
        });
        let mut line = String::new();
        let mut last: Option<(f64, f64)> = None;
        for g in glyphs {
            match last {
                Some((y, _)) if (g.line_y - y).abs() > 0.5 => {
                    lines.push(std::mem::take(&mut line));
                }
                // A gap wider than a space: another box beside this one.
                Some((_, end)) if g.origin.0 - end > g.size * 0.6 => line.push(' '),
                _ => {}
            }
            line.push_str(&g.text);
            last = Some((g.line_y, g.origin.0 + g.advance));
        }
        lines.push(line);
    }
    lines
}

#[derive(Debug, Clone, Copy)]
enum Field {
    TextLine,
    HotlineNote,
}

#[test]
fn planted_digits_marks_and_controls_are_refused_or_print_only_records_and_figures() {
    let base = bridgeprint::content::load(Path::new("materials")).expect("materials load");
    let engine = RefCell::new(Engine::new());
    let records: Vec<String> = base
        .contacts
        .by_key
        .values()
        .filter(|c| !c.number.is_empty())
        .map(|c| c.display.chars().filter(char::is_ascii_digit).collect())
        .collect();
    let outcomes = RefCell::new([0usize; 2]);
    let strategy = (
        0..base.locales.len(),
        prop_oneof![Just(Field::TextLine), Just(Field::HotlineNote)],
        proptest::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(PLANTS)),
            1..4,
        ),
    );
    TestRunner::new(config(120))
        .run(&strategy, |(locale, field, plants)| {
            let mut content = base.clone();
            let card = &mut content.locales[locale].texts.card;
            let slot = match field {
                Field::TextLine => &mut card.text_line,
                Field::HotlineNote => &mut card.hotline_note,
            };
            let mut text = slot.clone().unwrap_or_default();
            for (at, (c, _)) in &plants {
                // Where planting matters: at a contact value's edges and inside it, and
                // beside every digit; else anywhere.
                let spots: Vec<usize> = text
                    .char_indices()
                    .filter(|(_, c)| oracle_digit(*c).is_some() || matches!(c, '\u{2066}' | '\u{2069}'))
                    .flat_map(|(i, c)| [i, i + c.len_utf8()])
                    .collect();
                let spots = if spots.is_empty() {
                    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()
                } else {
                    spots
                };
                text.insert(spots[at.index(spots.len())], *c);
            }
            *slot = Some(text.clone());
            let tag = content.locales[locale].meta.tag.clone();
            let made = engine.borrow_mut().make(
                &content,
                &[&content.locales[locale]],
                Kind::Card,
                Paper::Letter,
                None,
            );
            let pdf = match made {
                Ok(m) => m.bytes,
                Err(Error::Printed(_)) => {
                    outcomes.borrow_mut()[1] += 1;
                    return Ok(());
                }
                // A planted character no font has, or a text grown too long.
                Err(Error::Layout { .. } | Error::Overflow { .. }) => return Ok(()),
                // A character no accessible PDF may hold (U+FEFF): the content rules refuse
                // it in a file; planted past them, the PDF writer's validator does.
                Err(Error::Pdf { .. }) if text.chars().any(chars::unwritable) => return Ok(()),
                Err(e) => return Err(TestCaseError::fail(format!("{tag}: {e}"))),
            };
            outcomes.borrow_mut()[0] += 1;
            // Every figure any text of the card writes, and the records' numbers.
            let mut allowed = records.clone();
            let c = &content.locales[locale];
            let texts = [&c.texts.card.text_line, &c.texts.card.hotline_note,
                &c.texts.card.emergency, &c.texts.card.text_note, &c.texts.card.front_heading,
                &c.texts.card.hotline_label, &c.texts.card.back_heading, &c.texts.card.back_footer,
                &c.texts.card.call_qr_caption, &c.texts.card.text_qr_caption,
                &c.report.rights, &c.red_flags.caution];
            for t in texts.into_iter().flatten().map(String::as_str)
                .chain(c.red_flags.card.iter().flatten().map(String::as_str))
            {
                allowed.extend(written_figures(t));
            }
            for line in drawn_lines(&pdf) {
                for seq in digit_sequences(&line) {
                    prop_assert!(
                        allowed.contains(&seq),
                        "{tag} {field:?} {text:?}: the card prints {seq:?} in {line:?}, neither a record's number nor a figure the texts write ({allowed:?})"
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    let [printed, refused] = *outcomes.borrow();
    println!("{printed} printed, {refused} refused");
    assert!(
        printed > 0 && refused > 0,
        "{printed} printed, {refused} refused"
    );
}
