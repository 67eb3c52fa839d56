//! End to end, the way a user and a phone meet the output: run the real binary on the
//! bundled materials, then read the PDFs back in Rust: page sizes and counts, every QR code
//! rasterized at 300 dpi and decoded, the extracted text, and the bytes of a second build.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use bridgeprint::Kind;
use bridgeprint::compose::MM;
use bridgeprint::content::Status;
use common::cli::{Ran, bp};
use common::pdf;

const DPI: f32 = 300.0;

struct Build {
    _dir: tempfile::TempDir,
    out: PathBuf,
    stdout: String,
}

/// Runs `args` into `out`, asserting it succeeds.
fn run(args: &[&str], out: &Path, epoch: Option<&str>) -> Ran {
    let run = bp().args(args).out(out);
    match epoch {
        Some(e) => run.epoch(e),
        None => run,
    }
    .passes()
}

/// The default build (every kind, every locale, Letter), made once per test binary.
fn default_build() -> &'static Build {
    static BUILD: OnceLock<Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("output");
        let o = run(&["build"], &out, None);
        Build {
            stdout: o.stdout,
            out,
            _dir: dir,
        }
    })
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Contact payloads and printed forms, read from the bundled contacts.toml through the
/// library, so the test follows the data rather than restating it.
struct Contacts {
    tel: String,
    sms: String,
    hotline: String,
    textline: String,
}

fn contacts() -> Contacts {
    let content = bridgeprint::content::load(Path::new("materials")).expect("materials load");
    let c = |k: &str| {
        content
            .contacts
            .get(k)
            .unwrap_or_else(|| panic!("contact {k}"))
            .clone()
    };
    Contacts {
        tel: c("hotline").payload,
        sms: c("textline").payload,
        hotline: c("hotline").display,
        textline: c("textline").display,
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The text of a PDF, all pages, as two readers extract it: the Rust-side extractor
/// (glyphs through ToUnicode and /ActualText, lines put in reading order) and poppler's
/// pdftotext where installed (CI installs it).
fn extractions(path: &Path) -> Vec<(&'static str, String)> {
    let mut out = vec![("hayro", pdf::page_text(&read(path)).join("\n"))];
    if let Some(text) = pdftotext(path) {
        out.push(("pdftotext", text));
    }
    out
}

/// Poppler's extraction, when poppler-utils is installed.
fn pdftotext(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Text with whitespace and bidi controls removed, for comparing across line wraps.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(*c as u32, 0x200B | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060 | 0x2066..=0x2069)
        })
        .collect()
}

fn locales() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("materials")
        .expect("materials")
        .flatten()
        .filter(|e| e.path().join("locale.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn stdout_lists_exactly_the_pdfs_written() {
    let b = default_build();
    let listed: Vec<PathBuf> = b.stdout.lines().map(PathBuf::from).collect();
    let mut expected = Vec::new();
    for l in locales() {
        for k in Kind::made_by_default() {
            expected.push(b.out.join(&l).join(format!("{}.pdf", k.name())));
        }
    }
    let mut sorted = listed.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected, "stdout:\n{}", b.stdout);
    for p in &listed {
        assert!(p.is_file(), "{} listed but missing", p.display());
    }
}

#[test]
fn pages_have_the_right_count_and_size() {
    let b = default_build();
    let letter = (215.9, 279.4);
    let content = bridgeprint::content::load(Path::new("materials")).unwrap();
    // A draft's sheet has a slug round the bleed, for the notice that it is a draft.
    let slug_mm = match Kind::Card.spec().draft_notice {
        bridgeprint::compose::NoticePlace::Slug { depth, .. } => 2.0 * depth / MM,
        _ => 0.0,
    };
    for l in locales() {
        let card = read(&b.out.join(&l).join("card.pdf"));
        let boxes = pdf::page_boxes(&card);
        assert_eq!(boxes.len(), 2, "{l} card pages");
        let draft = content.locale(&l).unwrap().meta.status == Status::Draft;
        let slug = if draft { slug_mm } else { 0.0 };
        for bx in &boxes {
            near(bx.trim_mm, (85.6, 53.98), &format!("{l} card trim"));
            // 0.125 in of bleed on every side, for the cutter.
            near(
                bx.media_mm,
                (85.6 + 6.35 + slug, 53.98 + 6.35 + slug),
                &format!("{l} card media"),
            );
        }
        let poster = read(&b.out.join(&l).join("poster.pdf"));
        let boxes = pdf::page_boxes(&poster);
        assert_eq!(boxes.len(), 1, "{l} poster pages");
        near(boxes[0].trim_mm, letter, &format!("{l} poster"));
        let handout = read(&b.out.join(&l).join("handout.pdf"));
        let boxes = pdf::page_boxes(&handout);
        assert!(boxes.len() >= 2, "{l} handout has {} pages", boxes.len());
        for bx in &boxes {
            near(bx.trim_mm, letter, &format!("{l} handout"));
            near(bx.media_mm, letter, &format!("{l} handout media"));
        }
    }
}

fn near(got: (f32, f32), want: (f32, f32), what: &str) {
    assert!(
        (got.0 - want.0).abs() < 0.1 && (got.1 - want.1).abs() < 0.1,
        "{what}: {:.2} x {:.2} mm, want {:.2} x {:.2}",
        got.0,
        got.1,
        want.0,
        want.1
    );
}

#[test]
fn qr_codes_decode_to_the_contact_payloads_on_every_kind_and_locale() {
    let b = default_build();
    let c = contacts();
    for l in locales() {
        let card = pdf::qr_payloads(&read(&b.out.join(&l).join("card.pdf")), DPI);
        assert_eq!(
            card,
            vec![vec![c.tel.clone()], vec![c.sms.clone()]],
            "{l} card"
        );
        let poster = pdf::qr_payloads(&read(&b.out.join(&l).join("poster.pdf")), DPI);
        let mut want = vec![c.tel.clone(), c.sms.clone()];
        want.sort();
        assert_eq!(poster, vec![want], "{l} poster");
        let handout = pdf::qr_payloads(&read(&b.out.join(&l).join("handout.pdf")), DPI);
        let all: Vec<&String> = handout.iter().flatten().collect();
        assert_eq!(all, vec![&c.tel], "{l} handout");
    }
}

#[test]
fn the_number_printed_on_a_page_is_the_number_its_qr_code_dials() {
    let b = default_build();
    let c = contacts();
    let by_payload: BTreeMap<&str, &str> = [
        (c.tel.as_str(), c.hotline.as_str()),
        (c.sms.as_str(), c.textline.as_str()),
    ]
    .into();
    for l in locales() {
        for kind in ["card", "poster", "handout"] {
            let bytes = read(&b.out.join(&l).join(format!("{kind}.pdf")));
            let texts = pdf::page_text(&bytes);
            let codes = pdf::qr_payloads(&bytes, DPI);
            for (page, payloads) in codes.iter().enumerate() {
                for payload in payloads {
                    let printed = by_payload[payload.as_str()];
                    // The printed number holds exactly the digits the code dials.
                    let payload_digits = digits(payload);
                    assert_eq!(digits(printed), payload_digits, "{payload}");
                    assert!(
                        texts[page].contains(printed),
                        "{l} {kind} p{}: QR {payload} but {printed:?} is not printed there:\n{}",
                        page + 1,
                        texts[page]
                    );
                }
            }
        }
    }
}

#[test]
fn text_extracts_in_each_locales_own_words_and_no_glyph_is_missing() {
    let b = default_build();
    let content = bridgeprint::content::load(Path::new("materials")).unwrap();
    for locale in &content.locales {
        let l = &locale.meta.tag;
        let rtl = locale.meta.direction == bridgeprint::content::Direction::Rtl;
        let card_texts = &locale.texts.card;
        // Each text comes out whole and in reading order, whatever the script: accents,
        // Arabic with the numbers inside it, Devanagari conjuncts, Thai and Chinese without
        // spaces. Lines may wrap, so whitespace is not compared. (The 911 line is left out:
        // where it wraps, a line-by-line extractor interleaves it with the QR caption.)
        for (reader, text) in extractions(&b.out.join(l).join("card.pdf")) {
            assert!(
                !text.contains('\u{fffd}'),
                "{l} card: {reader} finds unmapped glyphs:\n{text}"
            );
            for t in [&card_texts.text_line, &card_texts.hotline_label] {
                let t = t.as_deref().unwrap();
                assert!(
                    squash(&text).contains(&squash(t)),
                    "{l} card: {reader} does not extract {t:?} (rtl: {rtl}):\n{text}"
                );
            }
        }
        for kind in ["card", "poster", "handout"] {
            let bytes = read(&b.out.join(l).join(format!("{kind}.pdf")));
            assert_eq!(
                pdf::notdef_glyphs(&bytes),
                0,
                "{l} {kind} draws .notdef boxes"
            );
        }
        let poster_texts = &locale.texts.poster;
        for (reader, text) in extractions(&b.out.join(l).join("poster.pdf")) {
            for t in [&poster_texts.call_label, &poster_texts.text_line] {
                let t = t.as_deref().unwrap();
                assert!(
                    squash(&text).contains(&squash(t)),
                    "{l} poster: {reader} does not extract {t:?}:\n{text}"
                );
            }
        }
        let heading = locale.comparison.heading.as_deref().unwrap();
        for (reader, handout) in extractions(&b.out.join(l).join("handout.pdf")) {
            assert!(
                squash(&handout).contains(&squash(heading)),
                "{l} handout: {reader} does not extract {heading:?}:\n{handout}"
            );
        }
    }
    // Spanish keeps its accents when copied out of the PDF.
    let es = pdf::page_text(&read(&b.out.join("es/card.pdf"))).join(" ");
    assert!(es.contains("Línea Nacional"), "{es}");
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let b = default_build();
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again");
    run(&["build"], &again, None);
    for l in locales() {
        for kind in ["card", "poster", "handout"] {
            let name = format!("{kind}.pdf");
            let one = read(&b.out.join(&l).join(&name));
            let two = read(&again.join(&l).join(&name));
            assert!(one == two, "{l}/{name} differs between two builds");
        }
    }
}

#[test]
fn source_date_epoch_sets_the_creation_date_and_stays_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // 2026-11-29 00:00:00 UTC.
    for out in [&a, &b] {
        run(
            &["build", "--kind", "card", "--locale", "en"],
            out,
            Some("1795910400"),
        );
    }
    let one = read(&a.join("en/card.pdf"));
    let two = read(&b.join("en/card.pdf"));
    assert!(
        one == two,
        "two builds with the same SOURCE_DATE_EPOCH differ"
    );
    let s = String::from_utf8_lossy(&one);
    assert!(
        s.contains("D:20261129000000"),
        "no CreationDate from SOURCE_DATE_EPOCH"
    );
    let unset = read(&default_build().out.join("en/card.pdf"));
    assert!(
        !String::from_utf8_lossy(&unset).contains("/CreationDate"),
        "a date without SOURCE_DATE_EPOCH"
    );
}

#[test]
fn a4_posters_and_handouts_are_a4_and_named_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a4");
    let o = run(
        &[
            "build", "--paper", "a4", "--locale", "es", "--kind", "poster", "--kind", "handout",
        ],
        &out,
        None,
    );
    let listed: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    for name in ["poster-a4.pdf", "handout-a4.pdf"] {
        let bytes = read(&out.join("es").join(name));
        for bx in pdf::page_boxes(&bytes) {
            near(bx.trim_mm, (210.0, 297.0), name);
        }
        assert!(
            pdf::qr_payloads(&bytes, DPI)
                .iter()
                .flatten()
                .any(|p| *p == contacts().tel),
            "{name}"
        );
    }
}

#[test]
fn strict_refuses_draft_translations_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let stderr = bp()
        .args(["build", "--strict", "--locale", "en", "--locale", "es"])
        .out(&out)
        .status(1)
        .stderr;
    assert!(
        stderr.contains("locale folder `es`") && stderr.contains("--strict"),
        "{stderr}"
    );
    assert!(!out.exists(), "wrote into the output folder");
    // A reviewed locale passes.
    run(
        &["build", "--strict", "--locale", "en", "--kind", "card"],
        &out,
        None,
    );
    assert!(out.join("en/card.pdf").is_file());
}

#[test]
fn draft_translations_warn_and_say_so_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = run(&["build", "--kind", "card", "--locale", "es"], &out, None);
    let stderr = &o.stderr;
    assert!(
        stderr.contains("locale `es`") && stderr.contains("draft"),
        "{stderr}"
    );
    let bytes = read(&out.join("es/card.pdf"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("translation: draft"),
        "status not in the PDF metadata"
    );
}
