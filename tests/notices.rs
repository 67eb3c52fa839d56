//! Legal notices (`build --profile NAME`), through the binary: what each state's profile
//! makes, what it refuses and why, and that every number a notice prints is its record's,
//! on the page and in its code.

use std::path::{Path, PathBuf};

use crate::common::cli::bp;
use crate::common::materials::{BUNDLED, bundled_case, files_under};
use crate::common::pdf;

/// A project folder with `toml` as its bridgeprint.toml, and an output folder in it.
fn project(toml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bridgeprint.toml"), toml).expect("write project");
    let out = dir.path().join("out");
    (dir, out)
}

/// `build --profile NAME` with the bundled materials in the project `dir`.
fn notice(dir: &Path, profile: &str) -> crate::common::cli::Bp {
    bp().arg("build")
        .materials(BUNDLED)
        .arg("--project")
        .arg(dir)
        .arg("--profile")
        .arg(profile)
        .out(dir.join("out"))
        .epoch("0")
}

/// A Spanish text written for these tests only, in the shape an official translation is
/// supplied in. NOT the official translation of Cal. Civ. Code § 52.6.
const STAND_IN_ES: &str = r#"
[notice]
county = "Ventura"

[notice.text."ca-civ-52.6".es]
source = "TEST STAND-IN written for bridgeprint's tests; not the official translation"
text = """
[Texto de prueba, no es la traducción oficial] Si usted o alguien que conoce está siendo obligado a realizar cualquier actividad y no puede irse, envíe un mensaje de texto al {befree} (Be Free) o llame a la Línea Nacional contra la Trata de Personas al {hotline} o a CAST al {cast.vanity} o {cast} para recibir ayuda.

Las líneas son:
- Disponibles las 24 horas.
- Gratuitas.
"""
"#;

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A page's text as a reader reads it: one space for every run of whitespace.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn california_en_es_prints_the_statute_the_supplied_spanish_and_every_number_from_its_record() {
    let (dir, out) = project(STAND_IN_ES);
    notice(dir.path(), "ca-civ-52.6")
        .args(["--locale", "en+es"])
        .passes();
    let file = out.join("en+es/notice-ca-civ-52.6.pdf");
    let bytes = read(&file);
    let boxes = pdf::page_boxes(&bytes);
    for b in &boxes {
        let (w, h) = b.trim_mm;
        assert!(
            (w - 215.9).abs() < 0.5 && (h - 279.4).abs() < 0.5,
            "Letter: {w} x {h}"
        );
    }
    let text = words(&pdf::page_text(&bytes).join("\n"));
    // The law's words, its digits among them, in the order the statute has them.
    for part in [
        "If you or someone you know is being forced to engage in any activity and cannot leave",
        "text 233-733 (Be Free) or call the National Human Trafficking Hotline at 1-888-373-7888",
        "(CAST) at 1-888-KEY-2-FRE(EDOM) or 1-888-539-2373 to access help and services.",
        "Victims of slavery and human trafficking are protected under United States and California law.",
        "Accessible in more than 160 languages.",
        "[Texto de prueba, no es la traducción oficial]",
        "al 233-733 (Be Free)",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    // Each required number as a figure, and its code dials the same record.
    let payloads: Vec<String> = pdf::qr_payloads(&bytes, 200.0).concat();
    for p in ["tel:+18883737888", "SMSTO:233733:HELP", "tel:+18885392373"] {
        assert!(payloads.iter().any(|x| x == p), "{p} in {payloads:?}");
    }
    assert!(
        !text.contains("Unofficial"),
        "an official text is not marked"
    );
}

#[test]
fn california_without_the_spanish_text_fails_saying_where_it_is_published_and_how_to_supply_it() {
    let (dir, out) = project("[notice]\ncounty = \"Ventura\"\n");
    notice(dir.path(), "ca-civ-52.6").fails_with(&[
        "rule `text` (Cal. Civ. Code § 52.6)",
        "https://oag.ca.gov/human-trafficking/model-notice",
        "[notice.text.\"ca-civ-52.6\".es]",
        "--allow-unofficial",
    ]);
    assert!(files_under(&out).is_empty());
}

#[test]
fn california_with_allow_unofficial_marks_the_rendering_in_spanish_and_english() {
    let (dir, out) = project("[notice]\ncounty = \"Ventura\"\n");
    let ran = notice(dir.path(), "ca-civ-52.6")
        .arg("--allow-unofficial")
        .passes();
    assert!(
        ran.stderr.contains("unofficial rendering"),
        "{}",
        ran.stderr
    );
    let bytes = read(&out.join("en+es/notice-ca-civ-52.6.pdf"));
    let text = words(&pdf::page_text(&bytes).join("\n"));
    assert!(
        text.contains("Traducción no oficial · Unofficial translation"),
        "{text}"
    );
    // The English statute is the law's, never marked.
    assert_eq!(text.matches("Unofficial translation").count(), 1, "{text}");
}

#[test]
fn a_county_project_asks_for_the_countys_language_and_a_project_without_one_is_told_how() {
    let (dir, _) = project(&STAND_IN_ES.replace("Ventura", "San Diego"));
    notice(dir.path(), "ca-civ-52.6")
        .args(["--locale", "en+es"])
        .fails_with(&["rule `languages`", "in tl too", "--locale en+es+tl"]);
    let (dir, _) = project("");
    notice(dir.path(), "ca-civ-52.6")
        .args(["--locale", "en+es"])
        .fails_with(&["county = \"NAME\"", "[notice]", "San Diego"]);
    let (dir, _) = project(&STAND_IN_ES.replace("Ventura", "Kern"));
    notice(dir.path(), "ca-civ-52.6")
        .args(["--locale", "en+es"])
        .fails_with(&["[county] table", "no county `Kern`"]);
}

#[test]
fn a_text_size_under_the_laws_fails_naming_the_rule() {
    let (dir, out) = project(&STAND_IN_ES.replace("[notice]\n", "[notice]\ntext_size = 14\n"));
    notice(dir.path(), "ca-civ-52.6").fails_with(&[
        "rule `text size` (Cal. Civ. Code § 52.6)",
        "text_size = 14",
        "16-point",
    ]);
    assert!(files_under(&out).is_empty());
    // Larger is the project's to choose.
    let (dir, _) = project(&STAND_IN_ES.replace("[notice]\n", "[notice]\ntext_size = 16\n"));
    notice(dir.path(), "ca-civ-52.6").passes();
}

#[test]
fn a_missing_cast_record_fails_naming_the_rule_and_the_record() {
    let case = bundled_case("contacts.toml", |t| {
        let start = t.find("[contacts.cast]").expect("a cast record");
        let end = t[start..].find("[contacts.fl_hotline]").expect("then fl") + start;
        format!("{}{}", &t[..start], &t[end..])
    });
    let (dir, _) = project(STAND_IN_ES);
    bp().arg("build")
        .materials(&case.materials)
        .arg("--project")
        .arg(dir.path())
        .args(["--profile", "ca-civ-52.6"])
        .out(&case.out)
        .fails_with(&["rule `numbers`", "record `cast`"]);
    assert!(files_under(&case.out).is_empty());
}

#[test]
fn a_changed_cast_digit_is_refused_by_the_guard() {
    let case = bundled_case("contacts.toml", |t| {
        t.replace("number = \"+18885392373\"", "number = \"+18885392374\"")
            .replace("vanity = \"1-888-KEY-2-FRE(EDOM)\"\n", "")
    });
    case.build()
        .args(["--kind", "card", "--locale", "en"])
        .fails_with(&["cast", "+18885392373"]);
}

#[test]
fn florida_prints_english_and_a_marked_spanish_rendering_with_the_florida_hotline_only() {
    let (dir, out) = project("");
    notice(dir.path(), "fl-787.29")
        .arg("--locale")
        .arg("en+es")
        .fails_with(&["rule `text`", "[notice.text.\"fl-787.29\".es]"]);
    notice(dir.path(), "fl-787.29")
        .args(["--locale", "en+es", "--allow-unofficial"])
        .passes();
    let bytes = read(&out.join("en+es/notice-fl-787.29.pdf"));
    let text = words(&pdf::page_text(&bytes).join("\n"));
    assert!(
        text.contains("call the Florida Human Trafficking Hotline, 1-855-FLA-SAFE, to access help and services."),
        "{text}"
    );
    assert!(text.contains("Traducción no oficial · Unofficial translation"));
    assert!(text.contains("1-855-352-7233"));
    // Since July 2024 the sign names Florida's line, not the national one.
    assert!(!text.contains("373-7888"), "{text}");
    let payloads = pdf::qr_payloads(&bytes, 200.0).concat();
    assert_eq!(payloads, ["tel:+18553527233"]);
    // English alone is a rule broken, named.
    notice(dir.path(), "fl-787.29")
        .args(["--locale", "en"])
        .fails_with(&["rule `languages`", "--locale en+es"]);
}

#[test]
fn texas_hotel_puts_each_language_on_its_own_tabloid_sheet() {
    let (dir, out) = project("");
    let ran = notice(dir.path(), "tx-1tac-54.103").passes();
    assert!(
        ran.stderr.contains("Department of Public Safety"),
        "{}",
        ran.stderr
    );
    let bytes = read(&out.join("en+es/notice-tx-1tac-54.103.pdf"));
    let boxes = pdf::page_boxes(&bytes);
    assert_eq!(boxes.len(), 2, "one sheet per language");
    for b in &boxes {
        let (w, h) = b.trim_mm;
        assert!(
            (w - 279.4).abs() < 0.5 && (h - 431.8).abs() < 0.5,
            "11 x 17 in: {w} x {h}"
        );
    }
    let pages = pdf::page_text(&bytes);
    assert!(pages[0].contains("How to get help") && !pages[0].contains("Cómo pedir ayuda"));
    assert!(pages[1].contains("Cómo pedir ayuda") && !pages[1].contains("How to get help"));
    for (i, codes) in pdf::qr_payloads(&bytes, 150.0).iter().enumerate() {
        assert_eq!(
            codes,
            &["SMSTO:233733:HELP", "tel:+18883737888"],
            "page {i}"
        );
    }
}

#[test]
fn georgia_warns_with_the_source_to_check_on_every_build() {
    let (dir, out) = project("");
    let ran = notice(dir.path(), "ga-16-5-47").passes();
    assert!(
        ran.stderr.contains("https://gbi.georgia.gov") && ran.stderr.contains("not found"),
        "{}",
        ran.stderr
    );
    let bytes = read(&out.join("en+es/notice-ga-16-5-47.pdf"));
    let text = pdf::page_text(&bytes).join("\n");
    assert!(text.contains("1-888-373-7888"));
}

#[test]
fn a_notice_needs_a_profile_and_new_yorks_card_is_the_safety_card() {
    let dir = tempfile::tempdir().expect("temp");
    bp().arg("build")
        .materials(BUNDLED)
        .args(["--kind", "notice"])
        .out(dir.path())
        .fails_with(&["--profile NAME", "ca-civ-52.6", "tx-1tac-54.103"]);
    bp().arg("build")
        .materials(BUNDLED)
        .args(["--kind", "notice", "--profile", "ny-gbl-206-f"])
        .out(dir.path())
        .fails_with(&["--kind safety-card --profile ny-gbl-206-f"]);
    bp().arg("build")
        .materials(BUNDLED)
        .args(["--profile", "ca-civ-52"])
        .out(dir.path())
        .fails_with(&["no legal profile `ca-civ-52`", "did you mean `ca-civ-52.6`"]);
    bp().arg("build")
        .materials(BUNDLED)
        .args(["--kind", "safety-card", "--profile", "ny-gbl-206-f"])
        .out(dir.path())
        .passes();
    assert!(dir.path().join("en/safety-card.pdf").is_file());
}

#[test]
fn the_default_build_makes_no_notice() {
    let dir = tempfile::tempdir().expect("temp");
    bp().arg("build")
        .materials(BUNDLED)
        .args(["--locale", "en+es"])
        .out(dir.path())
        .passes();
    let made: Vec<String> = files_under(dir.path())
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert!(made.iter().all(|p| !p.contains("notice")), "{made:?}");
    assert!(made.iter().any(|p| p.ends_with("en+es/poster.pdf")));
}

#[test]
fn list_profiles_shows_each_laws_citation_confidence_and_checked_date() {
    let ran = bp()
        .args(["list", "--profiles"])
        .materials(BUNDLED)
        .passes();
    for line in [
        "ca-civ-52.6",
        "Cal. Civ. Code § 52.6",
        "fl-787.29",
        "tx-1tac-54.103",
        "ga-16-5-47",
        "confidence low",
        "ny-gbl-206-f",
        "checked 2026-11-29",
    ] {
        assert!(ran.stdout.contains(line), "{line} in:\n{}", ran.stdout);
    }
}

#[test]
fn a_bad_profile_names_its_file_line_and_field() {
    let case = bundled_case("profiles/fl-787.29.toml", |t| {
        t.replace("paper = \"letter\"", "paper = \"leter\"")
    });
    let dir = tempfile::tempdir().expect("temp");
    bp().arg("build")
        .materials(&case.materials)
        .args(["--profile", "fl-787.29", "--allow-unofficial"])
        .out(dir.path())
        .fails_with(&["fl-787.29.toml:", "`paper`", "did you mean `letter`"]);
}

#[test]
fn a_san_diego_notice_is_english_spanish_and_tagalog_once_the_tagalog_is_supplied() {
    let tl = r#"
[notice.text."ca-civ-52.6".tl]
source = "TEST STAND-IN written for bridgeprint's tests; not the official translation"
text = """
[Pansubok na teksto, hindi ang opisyal na salin] Tumawag sa {hotline}, mag-text sa {befree}, o tumawag sa CAST sa {cast}.
"""
"#;
    let toml = format!("{}{tl}", STAND_IN_ES.replace("Ventura", "San Diego"));
    let (dir, out) = project(&toml);
    // Without --locale, the law's languages: English, Spanish and the county's.
    notice(dir.path(), "ca-civ-52.6").passes();
    let bytes = read(&out.join("en+es+tl/notice-ca-civ-52.6.pdf"));
    let text = words(&pdf::page_text(&bytes).join("\n"));
    for part in [
        "protected under United States and California law",
        "[Texto de prueba, no es la traducción oficial]",
        "[Pansubok na teksto, hindi ang opisyal na salin] Tumawag sa 1-888-373-7888",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    // A supplied text that writes a number itself is refused: numbers come from records.
    let (dir, _) = project(&toml.replace("sa {cast}", "sa 1-888-539-2373"));
    notice(dir.path(), "ca-civ-52.6").fails_with(&["write {cast} instead"]);
}

#[test]
fn each_notice_passes_its_laws_checklist_and_a_stricter_rule_fails_it_by_name() {
    use bridgeprint::compose::Setup;
    use bridgeprint::{Engine, Kind, Paper, profile};
    let m = Path::new(BUNDLED);
    let content =
        bridgeprint::content::load_only(m, None, &["en+es".to_string()]).expect("materials");
    let [en, es] = ["en", "es"].map(|t| content.locale(t).expect("locale"));
    for name in ["fl-787.29", "tx-1tac-54.103", "ga-16-5-47"] {
        let law = profile::load(m, name).expect("profile");
        let (notice, _) = profile::resolve(
            &law,
            &content,
            &["en", "es"],
            &profile::Request {
                project: None,
                allow_unofficial: true,
            },
        )
        .expect("resolves");
        let mut req = profile::requirements(&law, &notice);
        let laid = Engine::new()
            .with_setup(Setup {
                notice: Some(notice),
                ..Setup::default()
            })
            .lay_out(&content, &[en, es], Kind::Notice, Paper::Letter)
            .expect("lays out");
        let list = bridgeprint::checklist::measure(&laid, &content.contacts, &req);
        assert!(list.passed(), "{name}:\n{list}");
        // The same page against a law asking 40-point type: the rule is named.
        req.min_text_pt = 40.0;
        let list = bridgeprint::checklist::measure(&laid, &content.contacts, &req);
        let failed: Vec<&str> = list.failed().map(|r| r.name.as_str()).collect();
        assert_eq!(failed, ["text size"], "{name}");
    }
}

#[test]
fn check_profile_prints_each_rule_measured_and_writes_nothing() {
    let (dir, out) = project(STAND_IN_ES);
    let ran = bp()
        .arg("check")
        .materials(BUNDLED)
        .arg("--project")
        .arg(dir.path())
        .args(["--profile", "ca-civ-52.6"])
        .passes();
    for line in [
        "PASS  paper: page 1: 8.5 x 11 in",
        "PASS  text size: page 1: smallest 16.0 pt",
        "PASS  number cast: page 1",
        "PASS  statute en (verbatim)",
    ] {
        assert!(ran.stdout.contains(line), "{line} in:\n{}", ran.stdout);
    }
    assert!(!ran.stdout.contains("FAIL"), "{}", ran.stdout);
    assert!(!out.exists(), "check writes nothing");
}
