//! A project's own contacts and its local-help panel (`[contacts.*]` and `[local_help]` in
//! bridgeprint.toml), through the real binary: each local code decodes to its record and
//! the page prints the same number, the national hotline stays the largest number, every
//! language built has its label, and the records obey every rule of contacts.toml with
//! errors pointing into bridgeprint.toml. Each test copies the fixture materials and
//! writes a project file beside them.

use std::path::Path;

use crate::common;

use common::cli::{Bp, bp};
use common::materials::{Case, copy};
use common::{LOCAL_RECORDS, pdf};

const HELP: &str = r#"
[local_help]
lines = ["legal_aid", "shelter"]
qr = ["legal_aid"]
card = "shelter"

[local_help.labels.legal_aid]
en = "Free legal help for workers: {legal_aid}"
es = "Ayuda legal gratuita para trabajadores: {legal_aid}"
ar = "مساعدة قانونية مجانية للعمال: {legal_aid}"

[local_help.labels.shelter]
en = "Safe shelter, day and night: {shelter}"
es = "Refugio seguro, día y noche: {shelter}"
ar = "مأوى آمن ليلاً ونهاراً: {shelter}"
"#;

/// A copy of the fixtures with `project` as its bridgeprint.toml, in the folder above.
fn with_project(project: &str) -> Case {
    let c = copy();
    std::fs::write(c.dir.path().join("bridgeprint.toml"), project).unwrap();
    c
}

fn build(c: &Case) -> Bp {
    c.build().arg("--project").arg(c.dir.path())
}

fn check(c: &Case) -> Bp {
    c.check().arg("--project").arg(c.dir.path())
}

/// Build and check both fail with `needles`; returns build's stderr.
fn refused(c: &Case, args: &[&str], needles: &[&str]) -> String {
    check(c).args(args).fails_with(needles);
    build(c).args(args).fails_with(needles).stderr
}

/// The 1-based line of bridgeprint.toml holding `needle`.
fn line_of(c: &Case, needle: &str) -> usize {
    let text = std::fs::read_to_string(c.dir.path().join("bridgeprint.toml")).unwrap();
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in the project file"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Digits only.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn a_local_code_decodes_to_its_record_and_the_page_prints_its_number() {
    let c = with_project(&format!("{LOCAL_RECORDS}{HELP}"));
    build(&c)
        .args(["--locale", "en", "--locale", "ar", "--locale", "en+es"])
        .args(["--kind", "poster", "--paper", "a4"])
        .passes();
    build(&c)
        .args(["--locale", "en", "--kind", "handout", "--paper", "a4"])
        .passes();
    for doc in [
        "en/poster-a4.pdf",
        "en/handout-a4.pdf",
        "ar/poster-a4.pdf",
        "en+es/poster-a4.pdf",
    ] {
        let bytes = read(&c.out.join(doc));
        let codes: Vec<String> = pdf::qr_payloads(&bytes, 200.0).concat();
        let local: Vec<&String> = codes.iter().filter(|p| p.contains("503")).collect();
        // A pair poster has no room for a local code beside both languages: its lines
        // print their numbers, and the build says the codes gave way.
        if doc.starts_with("en+es") {
            assert!(local.is_empty(), "{doc}: {codes:?}");
        } else {
            assert_eq!(local, ["tel:+15035550142"], "{doc}: {codes:?}");
        }
        // The national codes are all still there.
        assert!(
            codes.iter().any(|p| p == "tel:+18883737888"),
            "{doc}: {codes:?}"
        );
        // What the page prints for each local line is its record's number; the coded one
        // dials exactly what is printed.
        let text = pdf::page_text(&bytes).join("\n").replace('\u{a0}', " ");
        // Extraction gives Arabic lines in visual order with mirrored brackets: there the
        // digits are compared (the read-back has proved the order as printed).
        if doc.starts_with("ar") {
            assert!(digits(&text).contains("5035550142"), "{doc}: {text}");
        } else {
            assert!(text.contains("(503) 555-0142"), "{doc}: {text}");
        }
        assert!(text.contains("1-503-555-0199"), "{doc}: {text}");
        if let Some(code) = local.first() {
            assert_eq!(digits("(503) 555-0142"), digits(code)[1..]);
        }
        if doc.starts_with("en+es") {
            assert!(text.contains("Ayuda legal gratuita"), "{doc}: {text}");
            assert!(text.contains("Refugio seguro"), "{doc}: {text}");
        }
    }
}

#[test]
fn the_card_back_names_its_local_line_in_every_language() {
    let c = with_project(&format!("{LOCAL_RECORDS}{HELP}"));
    build(&c)
        .args(["--kind", "card", "--locale", "en+es"])
        .passes();
    let text = pdf::page_text(&read(&c.out.join("en+es/card.pdf")))[1].replace('\u{a0}', " ");
    // Lines wrap, and extraction merges the caption beside them into their lines.
    assert!(text.contains("Safe shelter, day and night:"), "{text}");
    assert!(text.contains("Refugio seguro, día y noche:"), "{text}");
    assert_eq!(text.matches("1-503-555-0199").count(), 2, "{text}");
}

#[test]
fn a_card_line_too_long_for_the_card_is_an_error_naming_it() {
    let long = HELP.replace(
        "Safe shelter, day and night: {shelter}",
        &format!(
            "{} {{shelter}}",
            "Safe shelter for anyone who needs a bed tonight.".repeat(6)
        ),
    );
    let c = with_project(&format!("{LOCAL_RECORDS}{long}"));
    let line = line_of(&c, "Safe shelter for anyone");
    refused(
        &c,
        &["--kind", "card", "--locale", "en"],
        &[
            &format!("bridgeprint.toml:{line}:"),
            "`local_help.labels.shelter` does not fit its box",
        ],
    );
}

#[test]
fn the_national_hotline_stays_the_largest_number() {
    let c = with_project(&format!("{LOCAL_RECORDS}{HELP}"));
    build(&c)
        .args([
            "--locale", "en", "--locale", "en+es", "--kind", "poster", "--kind", "card",
        ])
        .args(["--paper", "letter", "--paper", "a4"])
        .passes();
    for doc in [
        "en/poster.pdf",
        "en/poster-a4.pdf",
        "en/card.pdf",
        "en+es/card.pdf",
    ] {
        let glyphs = pdf::page_glyphs(&read(&c.out.join(doc)));
        // The size of the largest digit on any line that prints a number containing
        // `digits`, across the document's pages.
        let largest = |wanted: &str| {
            let mut best: f64 = 0.0;
            for page in &glyphs {
                let mut lines: Vec<(f64, Vec<&pdf::PlacedGlyph>)> = Vec::new();
                for g in page {
                    match lines.iter_mut().find(|(y, _)| (y - g.line_y).abs() < 0.5) {
                        Some((_, line)) => line.push(g),
                        None => lines.push((g.line_y, vec![g])),
                    }
                }
                for (_, line) in lines {
                    let text: String = line.iter().map(|g| g.text.as_str()).collect();
                    if digits(&text).contains(wanted) {
                        let size = line
                            .iter()
                            .filter(|g| g.text.chars().all(|ch| ch.is_ascii_digit()))
                            .map(|g| g.size)
                            .fold(0.0, f64::max);
                        best = best.max(size);
                    }
                }
            }
            best
        };
        let hotline = largest("8883737888");
        let local = largest("5550142").max(largest("5550199"));
        assert!(local > 0.0, "{doc}: no local number printed");
        assert!(
            hotline > local,
            "{doc}: hotline {hotline} pt is not larger than a local number at {local} pt"
        );
    }
}

#[test]
fn a_built_locale_without_a_label_is_an_error_at_its_line() {
    let help = HELP.replace(
        "es = \"Ayuda legal gratuita para trabajadores: {legal_aid}\"\n",
        "",
    );
    let c = with_project(&format!("{LOCAL_RECORDS}{help}"));
    let line = line_of(&c, "[local_help.labels.legal_aid]");
    let place = format!("bridgeprint.toml:{line}:");
    let needles = [place.as_str(), "`local_help.labels.legal_aid`", "`es`"];
    // Alone and in a pair: never a poster with the line in one language only.
    refused(&c, &["--locale", "es", "--kind", "handout"], &needles);
    refused(&c, &["--locale", "en+es", "--kind", "poster"], &needles);
    // A run that does not build Spanish does not need it.
    build(&c)
        .args(["--locale", "en", "--kind", "card"])
        .passes();
}

#[test]
fn a_label_must_print_its_own_number_from_its_record() {
    // Its own placeholder missing.
    let c = with_project(&format!(
        "{LOCAL_RECORDS}{}",
        HELP.replace(
            "Free legal help for workers: {legal_aid}",
            "Free legal help for workers"
        )
    ));
    let line = line_of(&c, "Free legal help for workers\"");
    refused(
        &c,
        &["--locale", "en"],
        &[&format!("bridgeprint.toml:{line}:"), "write `{legal_aid}`"],
    );
    // A number typed into a label is refused as in a text.
    let c = with_project(&format!(
        "{LOCAL_RECORDS}{}",
        HELP.replace(
            "Free legal help for workers: {legal_aid}",
            "Free legal help for workers: {legal_aid} or 503-555-0143"
        )
    ));
    let line = line_of(&c, "503-555-0143");
    refused(
        &c,
        &["--locale", "en"],
        &[
            &format!("bridgeprint.toml:{line}:"),
            "`local_help.labels.legal_aid.en`",
            "phone number \"503-555-0143\"",
        ],
    );
}

#[test]
fn a_local_record_with_the_hotline_number_is_refused_without_override() {
    let records = LOCAL_RECORDS.replace("\"+15035550199\"", "\"+18883737888\"");
    let c = with_project(&format!("{records}{HELP}"));
    let line = line_of(&c, "[contacts.shelter]");
    refused(
        &c,
        &["--locale", "en"],
        &[
            &format!("bridgeprint.toml:{line}:"),
            "contact `shelter`",
            "National Human Trafficking Hotline",
        ],
    );
}

#[test]
fn a_key_in_both_files_is_refused_naming_both() {
    let c = with_project(&format!("{LOCAL_RECORDS}{HELP}"));
    c.edit("contacts.toml", |t| {
        format!("{t}\n[contacts.shelter]\nname = \"Shelter\"\nkind = \"voice\"\nnumber = \"+15035550198\"\nsource = \"s\"\nverified = 2026-11-20\n")
    });
    let line = line_of(&c, "[contacts.shelter]");
    refused(
        &c,
        &["--locale", "en"],
        &[
            &format!("bridgeprint.toml:{line}:"),
            "contact `shelter`",
            "contacts.toml",
            "one key names one record",
        ],
    );
}

#[test]
fn a_local_record_breaking_a_contacts_rule_points_into_the_project_file() {
    let records = LOCAL_RECORDS.replace(
        "display = \"(503) 555-0142\"",
        "display = \"(503) 555-0124\"",
    );
    let c = with_project(&format!("{records}{HELP}"));
    let line = line_of(&c, "display = \"(503) 555-0124\"");
    refused(
        &c,
        &["--locale", "en"],
        &[
            &format!("bridgeprint.toml:{line}:"),
            "does not hold the same digits",
        ],
    );
}

#[test]
fn without_local_help_the_records_alone_change_no_byte() {
    let plain = copy();
    plain
        .build()
        .args(["--locale", "en", "--paper", "letter"])
        .epoch("1700000000")
        .passes();
    let c = with_project(LOCAL_RECORDS);
    build(&c)
        .args(["--locale", "en", "--paper", "letter"])
        .epoch("1700000000")
        .passes();
    for doc in ["en/card.pdf", "en/poster.pdf", "en/handout.pdf"] {
        assert!(
            read(&plain.out.join(doc)) == read(&c.out.join(doc)),
            "{doc} differs"
        );
    }
}

/// The panel fits the bundled texts, the longest the tool ships, with two lines and one
/// code, on Letter and A4, alone and in the English-Spanish pair.
#[test]
fn the_panel_fits_the_bundled_posters_and_handouts() {
    let c = common::materials::bundled();
    std::fs::write(
        c.dir.path().join("bridgeprint.toml"),
        format!("{LOCAL_RECORDS}{HELP}"),
    )
    .unwrap();
    check(&c)
        .args([
            "--locale", "en", "--locale", "es", "--locale", "ar", "--locale", "en+es",
        ])
        .args(["--paper", "letter", "--paper", "a4"])
        .passes();
}

#[test]
fn bridgeprint_check_lays_out_the_panel_too() {
    let c = with_project(&format!("{LOCAL_RECORDS}{HELP}"));
    check(&c)
        .args([
            "--locale", "en", "--locale", "es", "--locale", "ar", "--locale", "en+es",
        ])
        .args(["--paper", "letter", "--paper", "a4"])
        .passes();
    let _ = bp;
}

/// An edition's poster is its audience's signs: with local help it keeps them and says
/// the panel went to its card and handout; a pair poster says what gave way to the panel.
#[test]
fn a_crowded_poster_keeps_the_edition_signs_and_says_what_gave_way() {
    let c = common::materials::bundled();
    std::fs::write(
        c.dir.path().join("bridgeprint.toml"),
        format!("{LOCAL_RECORDS}{HELP}"),
    )
    .unwrap();
    let ran = build(&c)
        .args([
            "--edition",
            "trucking",
            "--kind",
            "poster",
            "--paper",
            "letter",
        ])
        .args(["--locale", "en", "--locale", "en+es"])
        .passes();
    assert!(
        ran.stderr
            .contains("the trucking poster (en) leaves out the local-help panel"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains(
            "the trucking poster pair (en+es) leaves out the line saying who the edition is for"
        ),
        "{}",
        ran.stderr
    );
    let one = std::fs::read(c.out.join("en/poster-trucking.pdf")).unwrap();
    let text = common::pdf::page_text(&one).join("\n");
    assert!(text.contains("Does not know where they are"), "{text}");
    assert!(!text.contains("Local help"), "{text}");
    // The pair keeps every local line, in both languages.
    let pair = std::fs::read(c.out.join("en+es/poster-trucking.pdf")).unwrap();
    let text = common::pdf::page_text(&pair).join("\n");
    assert!(
        text.contains("Local help") && text.contains("Ayuda local"),
        "{text}"
    );
    assert!(!text.contains("For truck stops"), "{text}");
}
