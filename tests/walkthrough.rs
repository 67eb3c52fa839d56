//! Issue 11's "Done means", through the real binary: a new organisation in an empty folder
//! runs `init`, sets its name and an SVG logo and two local lines (one with a QR code)
//! labelled in en and es, and builds the general and trucking editions in en and es plus
//! the en+es poster. What a coordinator then checks by eye is checked here: the files,
//! every QR code, the organisation's name, and what a crowded poster left out.
//! `scripts/walkthrough.sh` does the same from an installed binary and renders the pages.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::cli::bp;
use crate::common::{LOCAL_RECORDS, pdf, structure};

const NAME: &str = "Safe Harbor Coalition";
const HOTLINE: &str = "tel:+18883737888";
const TEXTLINE: &str = "SMSTO:233733:HELP";
const LEGAL_AID: &str = "tel:+15035550142";

/// What the coordinator adds under the commented examples `init` wrote.
const ORGANISATION: &str = r#"
[organisation]
name = "Safe Harbor Coalition"
logo = "logo.svg"
"#;

/// ... then the local lines (`common::LOCAL_RECORDS`) and their panel.
const LOCAL_HELP: &str = r#"
[local_help]
lines = ["legal_aid", "shelter"]
qr = ["legal_aid"]
card = "shelter"

[local_help.labels.legal_aid]
en = "Free legal help for workers: {legal_aid}"
es = "Ayuda legal gratuita para trabajadores: {legal_aid}"

[local_help.labels.shelter]
en = "Safe shelter, day and night: {shelter}"
es = "Refugio seguro, día y noche: {shelter}"
"#;

fn read(root: &Path, file: &str) -> Vec<u8> {
    std::fs::read(root.join("output").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every code of every page of `file`, each page's in one set.
fn codes(root: &Path, file: &str) -> Vec<BTreeSet<String>> {
    // A card's codes are under an inch wide: they need the finer raster.
    let dpi = if file.contains("card") { 300.0 } else { 200.0 };
    pdf::qr_payloads(&read(root, file), dpi)
        .into_iter()
        .map(|page| page.into_iter().collect())
        .collect()
}

#[test]
fn a_new_organisation_builds_its_editions_with_its_name_logo_and_local_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    bp().in_dir(root).arg("init").passes();
    let mut file = std::fs::read_to_string(root.join("bridgeprint.toml")).unwrap();
    file.push_str(ORGANISATION);
    file.push_str(LOCAL_RECORDS);
    file.push_str(LOCAL_HELP);
    std::fs::write(root.join("bridgeprint.toml"), file).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logos/logo.svg"),
        root.join("logo.svg"),
    )
    .unwrap();

    let ran = bp()
        .in_dir(root)
        .args([
            "build", "--locale", "en", "--locale", "es", "--locale", "en+es",
        ])
        .args(["--edition", "general", "--edition", "trucking"])
        .passes();

    let mut expected = BTreeSet::new();
    for edition in ["", "-trucking"] {
        for locale in ["en", "es"] {
            for kind in ["card", "poster", "handout", "tearoff"] {
                expected.insert(format!("{locale}/{kind}{edition}.pdf"));
            }
        }
        expected.insert(format!("en+es/poster{edition}.pdf"));
    }
    // A bilingual card carries no signs: one, the general, serves every edition; so do
    // the discreet safety card and sticker.
    expected.insert("en+es/card.pdf".to_string());
    for locale in ["en", "es"] {
        for kind in ["safety-card", "sticker"] {
            expected.insert(format!("{locale}/{kind}.pdf"));
        }
    }
    let written: BTreeSet<String> = ran
        .stdout
        .lines()
        .map(|l| {
            Path::new(l)
                .strip_prefix(root.join("output"))
                .unwrap_or_else(|_| panic!("{l} is outside the project's output"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(written, expected);

    // Every code on every page is one of the records': nothing else can be dialled.
    let records = BTreeSet::from([HOTLINE, TEXTLINE, LEGAL_AID].map(String::from));
    for file in &expected {
        let pages = codes(root, file);
        let all: BTreeSet<String> = pages.iter().flatten().cloned().collect();
        assert!(all.is_subset(&records), "{file}: {pages:?}");
        assert!(
            all.contains(HOTLINE),
            "{file}: no hotline code in {pages:?}"
        );
        // The local code goes where the panel is with its codes: every handout and the
        // general one-language posters; the trucking poster keeps its signs instead, and a
        // pair poster prints the local lines without their codes.
        let local = file.contains("handout")
            || (file.ends_with("/poster.pdf") && !file.starts_with("en+es"));
        assert_eq!(all.contains(LEGAL_AID), local, "{file}: {pages:?}");
    }

    // The name prints beside the logo on every one-language poster and handout; the card's
    // back shows the logo alone, named for a screen reader.
    // (An en+es poster gives the strip's room to the panel: see the warnings below.)
    // The safety card and the sticker leave it off (the safety card unless the project
    // sets `on_safety_card`); the tear-off flyer prints the name without the logo.
    for file in expected.iter().filter(|f| !f.starts_with("en+es/poster")) {
        let bytes = read(root, file);
        if ["safety-card", "sticker"].iter().any(|k| file.contains(k)) {
            let text = pdf::page_text(&bytes).join("\n");
            assert!(!text.contains(NAME), "{file}: {text}");
        } else if file.contains("tearoff") {
            let text = pdf::page_text(&bytes).join("\n");
            assert!(text.contains(NAME), "{file}: {text}");
        } else if file.contains("card") {
            let logos: Vec<String> = structure::structure(&bytes)
                .all("Figure")
                .iter()
                .filter_map(|f| f.alt.clone())
                .filter(|a| a.starts_with("Logo"))
                .collect();
            assert_eq!(logos, [format!("Logo: {NAME}")], "{file}");
        } else {
            let text = pdf::page_text(&bytes).join("\n");
            assert!(text.contains(NAME), "{file}: {text}");
        }
    }

    // What gave way on a crowded poster is said, poster by poster.
    for warning in [
        "the trucking poster (en) leaves out the local-help panel",
        "the trucking poster (es) leaves out the local-help panel",
        "the general poster pair (en+es) leaves out the organisation's strip",
        "the trucking poster pair (en+es) leaves out the organisation's strip",
        "the trucking poster pair (en+es) leaves out the line saying who the edition is for",
        "the general poster pair (en+es) leaves out the local lines' QR codes",
        "no trucking en+es card: a bilingual card carries no signs",
    ] {
        assert!(
            ran.stderr.contains(warning),
            "no `{warning}` in\n{}",
            ran.stderr
        );
    }
}
