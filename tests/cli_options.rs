//! Options a script or a Makefile leans on, through the real binary: `--quiet`,
//! `--deny-warnings`, warnings only for the locales a run builds, comma lists, values in
//! any case, and "did you mean" for a near miss.

use crate::common::cli::bp;
use crate::common::materials::{self, FIXTURE, files_under};

/// The fixture with `ar` taking one key from English: a warning about `ar` alone.
fn ar_falls_back() -> materials::Case {
    materials::case("ar/texts.toml", |t| {
        t.replacen("text_note = \"ملاحظة الرسائل.\"\n", "", 1)
    })
}

#[test]
fn quiet_prints_nothing_on_success_and_errors_still() {
    let case = materials::copy();
    let ran = case
        .build()
        .args(["--quiet", "--locale", "es", "--kind", "card"])
        .passes();
    assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("", ""));
    assert!(case.out.join("es/card.pdf").is_file());
    let ran = case.check().args(["--quiet", "--locale", "es"]).passes();
    assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("", ""));
    let ran = case.build().args(["-q", "--locale", "ez"]).status(2);
    assert!(ran.stderr.contains("unknown locale `ez`"), "{}", ran.stderr);
}

#[test]
fn deny_warnings_fails_a_print_run_with_a_stale_contact_and_writes_nothing() {
    let case = materials::case("contacts.toml", |t| {
        t.replacen("verified = 2026-11-29", "verified = 2019-01-02", 1)
    });
    // Without it the stale contact is a warning and the build writes.
    let other = materials::case("contacts.toml", |t| {
        t.replacen("verified = 2026-11-29", "verified = 2019-01-02", 1)
    });
    let ran = other
        .build()
        .args(["--locale", "en", "--kind", "card"])
        .passes();
    assert!(
        ran.stderr.contains("was last verified 2019-01-02"),
        "{}",
        ran.stderr
    );
    let ran = case
        .build()
        .args(["--deny-warnings", "--locale", "en", "--kind", "card"])
        .fails_with(&[
            "warning: contact `hotline`",
            "was last verified 2019-01-02",
            "1 warning with --deny-warnings: nothing was written",
        ]);
    assert!(!ran.stderr.contains("draft"), "{}", ran.stderr);
    assert_eq!(files_under(&case.out), Vec::<std::path::PathBuf>::new());
    case.check()
        .args(["--deny-warnings", "--locale", "en"])
        .fails_with(&["was last verified", "with --deny-warnings"]);
}

#[test]
fn deny_warnings_fails_on_english_standing_in_and_passes_a_clean_run() {
    let case = ar_falls_back();
    case.build()
        .args([
            "--deny-warnings",
            "--locale",
            "ar",
            "--kind",
            "card",
            "--quiet",
        ])
        .fails_with(&["card.text_note` is missing", "with --deny-warnings"]);
    // en is reviewed and complete: nothing to deny.
    let ran = case
        .build()
        .args(["--deny-warnings", "--locale", "en", "--kind", "card"])
        .passes();
    assert!(case.out.join("en/card.pdf").is_file(), "{}", ran.stderr);
}

#[test]
fn a_run_warns_only_about_the_locales_it_builds() {
    let case = ar_falls_back();
    for run in [case.build(), case.check()] {
        let ran = run.args(["--locale", "es"]).passes();
        assert!(ran.stderr.contains("locale `es`"), "{}", ran.stderr);
        assert!(
            !ran.stderr.contains("`ar`"),
            "ar is not built:\n{}",
            ran.stderr
        );
    }
    let ran = case
        .build()
        .args(["--locale", "ar", "--kind", "card"])
        .passes();
    assert!(
        ran.stderr.contains("card.text_note` is missing"),
        "{}",
        ran.stderr
    );
    // A pair builds both of its locales, and is warned about both.
    let ran = case
        .build()
        .args(["--locale", "en+ar", "--kind", "card"])
        .passes();
    assert!(
        ran.stderr.contains("card.text_note` is missing"),
        "{}",
        ran.stderr
    );
}

#[test]
fn lists_take_commas_and_values_take_any_case() {
    let case = materials::copy();
    let ran = case
        .build()
        .args([
            "--locale",
            "ES,en",
            "--kind",
            "Card,POSTER",
            "--paper",
            "A4",
        ])
        .args(["--paper", "Letter"])
        .passes();
    let written: Vec<&str> = ran.stdout.lines().collect();
    let out = case.out.display().to_string();
    let expected: Vec<String> = [
        "es/card.pdf",
        "es/poster-a4.pdf",
        "es/poster.pdf",
        "en/card.pdf",
        "en/poster-a4.pdf",
        "en/poster.pdf",
    ]
    .iter()
    .map(|f| format!("{out}/{f}"))
    .collect();
    assert_eq!(written, expected, "{}", ran.stderr);
    // The folder keeps the materials' spelling of the tag.
    assert!(case.out.join("es").is_dir());
    assert!(!case.out.join("ES").exists());
    case.check()
        .args([
            "--locale",
            "AR,es+EN",
            "--paper",
            "a4,A3",
            "--edition",
            "General",
        ])
        .passes();
}

#[test]
fn a_near_miss_is_refused_with_what_was_meant() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["--locale", "esp"],
            "unknown locale `esp` (did you mean `es`?)",
        ),
        (&["--kind", "postr"], "a similar value exists: 'poster'"),
        (&["--paper", "leter"], "a similar value exists: 'letter'"),
    ];
    let out = tempfile::tempdir().unwrap();
    for (args, needle) in cases {
        let build = bp().arg("build").materials(FIXTURE).out(out.path());
        let check = bp().arg("check").materials(FIXTURE);
        for run in [build, check] {
            let ran = run.args(args).status(2);
            assert!(ran.stderr.contains(needle), "{args:?}:\n{}", ran.stderr);
        }
    }
    // A tag far from every locale gets no guess.
    let ran = bp()
        .args(["build", "--locale", "xx"])
        .materials(FIXTURE)
        .out(out.path())
        .status(2);
    assert!(!ran.stderr.contains("did you mean"), "{}", ran.stderr);
    assert_eq!(files_under(out.path()), Vec::<std::path::PathBuf>::new());
    // An edition the materials lack is theirs to fix (status 1), and gets a guess too.
    bp().args(["build", "--edition", "Truckin", "--locale", "en"])
        .materials(materials::BUNDLED)
        .out(out.path())
        .fails_with(&["edition `Truckin` is not in the materials (did you mean `trucking`?)"]);
}
