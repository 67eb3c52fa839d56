//! `--json` on build and check, through the real binary: one JSON object on stdout and
//! nothing else anywhere, each file with its hash and size as written on disk, warnings
//! and errors as data with their place, and an object for a failed run too.

use serde_json::Value;
use sha2::Digest;

use crate::common::materials::{self, files_under};

/// The whole of stdout as one JSON object: serde_json refuses anything after it.
fn object(stdout: &str) -> Value {
    let v: Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}):\n{stdout}"));
    assert!(v.is_object(), "{v}");
    v
}

#[test]
fn build_json_is_one_object_naming_each_file_as_written() {
    let case = materials::copy();
    let ran = case
        .build()
        .args(["--json", "--locale", "en,es", "--kind", "card"])
        .passes();
    assert_eq!(ran.stderr, "", "--json keeps stderr quiet");
    let v = object(&ran.stdout);
    assert_eq!(v["version"], 1);
    assert_eq!(v["command"], "build");
    assert_eq!(v["ok"], true);
    let files = v["files"].as_array().unwrap();
    let relative: Vec<&str> = files
        .iter()
        .map(|f| f["relative"].as_str().unwrap())
        .collect();
    assert_eq!(relative, ["en/card.pdf", "es/card.pdf"]);
    for f in files {
        let path = f["path"].as_str().unwrap();
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(f["bytes"], bytes.len() as u64, "{path}");
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            format!("{:x}", sha2::Sha256::digest(&bytes)),
            "{path}"
        );
        assert_eq!(f["kind"], "card");
        assert_eq!(f["edition"], "general");
        assert_eq!(f["paper"], Value::Null, "a card has one size");
        assert_eq!(f["pages"], 2);
        assert_eq!(f["rebuilt"], true);
    }
    assert_eq!(files[1]["locale"], "es");
    // The fixture's es is a draft: the warning is data, pointed at its line.
    let warnings = v["warnings"].as_array().unwrap();
    let draft = warnings
        .iter()
        .find(|w| w["message"].as_str().unwrap().contains("draft"))
        .unwrap_or_else(|| panic!("no draft warning in {v}"));
    assert_eq!(draft["severity"], "warning");
    assert_eq!(draft["locale"], "es");
    assert!(
        draft["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("es/locale.toml"),
        "{draft}"
    );
    assert_eq!(draft["location"]["line"], 6, "status = \"draft\" is line 6");
    let totals = &v["totals"];
    assert_eq!(totals["files"], 2);
    assert_eq!(totals["pages"], 4);
    assert_eq!(totals["rebuilt"], 2);
    assert_eq!(totals["warnings"], warnings.len());
    assert_eq!(totals["errors"], 0);
    assert!(v["seconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_failed_build_prints_its_object_with_each_error_in_place_and_exits_1() {
    let case = materials::case("es/texts.toml", |t| {
        t.replacen("[card]\n", "[card]\nnot toml at all\n", 1)
    });
    let ran = case.build().args(["--json", "--locale", "es"]).status(1);
    assert_eq!(ran.stderr, "", "--json keeps stderr quiet");
    let v = object(&ran.stdout);
    assert_eq!(v["ok"], false);
    assert_eq!(v["files"], Value::Array(Vec::new()));
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(v["totals"]["errors"], errors.len());
    let syntax = &errors[0];
    assert_eq!(syntax["severity"], "error");
    assert!(
        syntax["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("es/texts.toml"),
        "{syntax}"
    );
    assert!(syntax["location"]["line"].as_u64().unwrap() > 1, "{syntax}");
    assert!(syntax["location"]["column"].as_u64().is_some(), "{syntax}");
    assert_eq!(files_under(&case.out), Vec::<std::path::PathBuf>::new());
}

#[test]
fn an_unknown_locale_is_an_error_in_the_object_with_its_suggestion() {
    let case = materials::copy();
    let ran = case.build().args(["--json", "--locale", "esp"]).status(2);
    assert_eq!(ran.stderr, "");
    let v = object(&ran.stdout);
    let error = &v["errors"][0];
    assert_eq!(error["locale"], "esp");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `es`"),
        "{error}"
    );
    assert_eq!(error["hints"][0], "`bridgeprint list` shows the locales");
}

#[test]
fn check_json_counts_what_it_laid_out() {
    let case = materials::copy();
    let ran = case.check().args(["--json", "--locale", "es"]).passes();
    assert_eq!(ran.stderr, "");
    let v = object(&ran.stdout);
    assert_eq!(v["command"], "check");
    assert_eq!(v["ok"], true);
    assert_eq!(v["totals"]["locales"], 1);
    assert!(v["totals"]["documents"].as_u64().unwrap() >= 3, "{v}");
    assert_eq!(v["warnings"][0]["locale"], "es");
}
