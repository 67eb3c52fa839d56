//! Number safety, the way a user meets it: a number typed into a text instead of
//! `{hotline}`, in any script, stops `check` and `build` with the file, line, key and
//! number; the hotline and text line records are guarded against the official numbers;
//! stale contacts warn with their source. Each test copies the fixture materials (the
//! bundled ones where it needs their scripts or is about them), plants one problem, and
//! runs the real binary.

use crate::common;

use common::cli::Bp;
use common::materials::{Case, FIXTURE, bundled, copy};

/// `check` and `build` both exit 1 with every needle on stderr, and nothing is written,
/// not even the output folder. Returns check's stderr.
fn fails_with(c: &Case, needles: &[&str]) -> String {
    let check = c.check().fails_with(needles);
    c.build().fails_with(needles);
    assert!(!c.out.exists(), "a failed build wrote output");
    check.stderr
}

/// `check` and `build` both succeed and warn alike about contacts; returns check's stderr.
fn passes(c: &Case, epoch: Option<&str>) -> String {
    let dated = |run: Bp| match epoch {
        Some(e) => run.epoch(e),
        None => run,
    };
    let check = dated(c.check()).passes().stderr;
    let build = dated(c.build().args(["--kind", "card", "--locale", "en"]))
        .passes()
        .stderr;
    assert_eq!(
        warnings_about_contacts(&build),
        warnings_about_contacts(&check),
        "build and check warn differently about contacts"
    );
    check
}

fn warnings_about_contacts(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning: contact"))
        .collect()
}

#[test]
fn a_wrong_hotline_number_typed_in_english_names_file_line_key_and_number() {
    let m = copy();
    let line = m.plant("en/texts.toml", "hotline_note", "Call 1-888-373-7889.");
    let err = fails_with(
        &m,
        &[
            "`texts.card.hotline_note`",
            "phone number \"1-888-373-7889\"",
            "digits 18883737889",
            "it is not {hotline} (1-888-373-7888) but a typo away from it",
            "write {hotline}",
        ],
    );
    let at = format!("en/texts.toml:{line}:");
    assert!(err.contains(&at), "{at} not in:\n{err}");
    assert!(
        err.contains("| hotline_note = \"Call 1-888-373-7889."),
        "{err}"
    );
}

#[test]
fn a_wrong_hotline_number_in_arabic_indic_digits_names_file_line_key_and_number() {
    let m = copy();
    let line = m.plant("ar/texts.toml", "hotline_note", "اتصل ١-٨٨٨-٣٧٣-٧٨٨٩");
    let err = fails_with(
        &m,
        &[
            "`texts.card.hotline_note`",
            "phone number \"١-٨٨٨-٣٧٣-٧٨٨٩\"",
            "digits 18883737889",
            "write {hotline}",
        ],
    );
    let at = format!("ar/texts.toml:{line}:");
    assert!(err.contains(&at), "{at} not in:\n{err}");
}

#[test]
fn numbers_in_every_script_are_all_reported_in_one_run() {
    let m = bundled();
    let planted = [
        // Persian digits, a short code one digit off.
        (
            "fa/texts.toml",
            "text_line",
            "۲۳۳۷۳۴",
            "digits 233734",
            "{textline}",
        ),
        // Devanagari, the right hotline: still refused, content names it by key.
        (
            "hi/texts.toml",
            "hotline_note",
            "१-८८८-३७३-७८८८",
            "digits 18883737888",
            "write {hotline} instead",
        ),
        // Thai digits, the text line's short code.
        (
            "th/report.toml",
            "hotline",
            "๒๓๓๗๓๓",
            "digits 233733",
            "write {textline} instead",
        ),
        // Fullwidth, as Chinese and Japanese input methods type them.
        (
            "ja/texts.toml",
            "hotline_note",
            "１－８８８－３７３－７８８８",
            "digits 18883737888",
            "write {hotline} instead",
        ),
        // Bidi marks and a no-break space inside the number, in a right-to-left text.
        (
            "ar/report.toml",
            "hotline",
            "\u{200F}1-888-\u{200E}373\u{00A0}7878",
            "digits 18883737878",
            "{hotline}",
        ),
        // An unknown number with a vanity spelling.
        (
            "en/report.toml",
            "hotline",
            "or 1-800-THE-LOST",
            "digits 18008435678",
            "no contact has it",
        ),
        // A web address.
        (
            "es/texts.toml",
            "back_footer",
            "humantraffickinghotline.org",
            "host humantraffickinghotline.org",
            "write {website} instead",
        ),
    ];
    let mut needles = Vec::new();
    for (file, key, number, digits, advice) in planted {
        let line = m.plant(file, key, number);
        needles.push(format!("{file}:{line}:"));
        needles.push(digits.to_string());
        needles.push(advice.to_string());
    }
    let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
    let err = fails_with(&m, &needles);
    assert!(
        err.contains("\"1-888-<U+200E>373<U+00A0>7878\""),
        "invisible marks are not shown: {err}"
    );
    assert_eq!(
        err.matches("is written in the text").count(),
        planted.len(),
        "{err}"
    );
    // The two bidi marks are refused in their own right as well, and the Persian short
    // code planted one space before `{textline.keyword}` would print fused to it.
    assert!(
        err.contains("U+200F RIGHT-TO-LEFT MARK is a bidi control")
            && err.contains("U+200E LEFT-TO-RIGHT MARK is a bidi control")
            && err.contains("`۴ ` directly before {textline.keyword}"),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {} errors", planted.len() + 3)),
        "{err}"
    );
}

#[test]
fn the_bundled_materials_write_no_number_of_their_own() {
    let m = bundled();
    let err = passes(&m, None);
    assert!(!err.contains("is written in the text"), "{err}");
}

#[test]
fn the_hotline_record_must_hold_the_official_number() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("number = \"+18883737888\"", "number = \"+18883737788\"", 1)
    });
    fails_with(
        &m,
        &[
            // The record's header, `[contacts.hotline]`.
            "contacts.toml:7:1: contact `hotline`",
            "is +18883737788, not the official National Human Trafficking Hotline +18883737888",
            "override = \"reason\"",
        ],
    );
}

#[test]
fn the_text_line_record_must_hold_the_official_short_code_and_keyword() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("number = \"233733\"", "number = \"233737\"", 1)
    });
    fails_with(
        &m,
        &[
            "contact `textline`",
            "is 233737, not the official",
            "233733",
        ],
    );

    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("keyword = \"HELP\"", "keyword = \"HALP\"", 1)
    });
    fails_with(
        &m,
        &["contact `textline`", "keyword `HALP`", "HELP or INFO"],
    );

    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("keyword = \"HELP\"", "keyword = \"INFO\"", 1)
    });
    passes(&m, None);
}

#[test]
fn an_override_lets_another_hotline_through_with_a_warning_naming_it_and_why() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"",
            "number = \"+18005550100\"\noverride = \"regional pilot line, approved by the program lead\"",
            1,
        )
    });
    let err = passes(&m, None);
    assert!(
        err.contains("warning: contact `hotline` is +18005550100, not the official National Human Trafficking Hotline +18883737888 (override: regional pilot line, approved by the program lead)"),
        "{err}"
    );
    // The warning, as data, points at the `override` that let the number through.
    let content = bridgeprint::content::load(&m.materials).expect("loads with the override");
    let warning = content
        .warnings
        .iter()
        .find(|w| w.message.starts_with("contact `hotline` is +18005550100"))
        .expect("the override warning");
    let at = warning.location.as_ref().expect("located");
    assert!(at.path.ends_with("contacts.toml"), "{}", at.path.display());
    assert!(at.source_line.starts_with("override = "), "{at:?}");
    assert_eq!(at.column, "override = ".len() + 1);
}

#[test]
fn an_empty_override_is_refused() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"",
            "number = \"+18005550100\"\noverride = \" \"",
            1,
        )
    });
    fails_with(&m, &["contact `hotline`", "`override` is empty"]);
}

#[test]
fn a_typo_of_the_hotline_under_another_key_is_refused() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        format!(
            "{t}\n[contacts.hotline_es]\nname = \"Hotline (Spanish)\"\nkind = \"voice\"\nnumber = \"+18883738788\"\nsource = \"test\"\nverified = 2026-11-29\n"
        )
    });
    fails_with(
        &m,
        &["contact `hotline_es`", "a typo away from the official"],
    );
}

/// 2026-12-31 00:00 UTC: 32 days after the fixture contacts' `verified = 2026-11-29`.
const DEC_31_2026: &str = "1798675200";

#[test]
fn a_stale_contact_warns_naming_the_record_its_date_and_its_source() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("stale_after_days = 365", "stale_after_days = 31", 1)
    });
    let err = passes(&m, Some(DEC_31_2026));
    let stale = warnings_about_contacts(&err);
    assert_eq!(stale.len(), 4, "{err}");
    assert!(
        err.contains("warning: contact `emergency` (911) was last verified 2026-11-29 (32 days ago); check it against its source: Emergency source"),
        "{err}"
    );
    assert!(
        err.contains("contact `hotline` (1-888-373-7888) was last verified 2026-11-29")
            && err.contains("source: Hotline source"),
        "{err}"
    );

    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("stale_after_days = 365", "stale_after_days = 32", 1)
    });
    let err = passes(&m, Some(DEC_31_2026));
    assert_eq!(warnings_about_contacts(&err), Vec::<&str>::new(), "{err}");
}

#[test]
fn a_stale_contact_warning_points_at_its_verified_date() {
    let m = copy();
    m.edit("contacts.toml", |t| {
        t.replacen("verified = 2026-11-29", "verified = 2020-01-01", 1)
    });
    let content = bridgeprint::content::load(&m.materials).expect("loads");
    let warning = content
        .warnings
        .iter()
        .find(|w| w.message.contains("was last verified 2020-01-01"))
        .expect("a stale warning");
    let at = warning.location.as_ref().expect("located");
    assert!(at.path.ends_with("contacts.toml"), "{}", at.path.display());
    assert_eq!(at.source_line, "verified = 2020-01-01");
    assert_eq!(at.column, "verified = ".len() + 1);
}

#[test]
fn a_qr_code_with_any_wrong_module_is_refused_naming_its_contact() {
    let content =
        bridgeprint::content::load(std::path::Path::new(FIXTURE)).expect("fixture materials");
    for contact in content.contacts.by_key.values() {
        // What a build does: encode the record's payload, which reads it back.
        let good = bridgeprint::qr::encode(&contact.key, &contact.payload).expect("encodes");
        for i in 0..good.modules.len() {
            let mut bad = good.clone();
            bad.modules[i] = !bad.modules[i];
            let err = bridgeprint::qr::verify(&contact.key, &bad)
                .expect_err("a wrong module read back")
                .to_string();
            let names = format!(
                "QR code for contact `{}` ({})",
                contact.key, contact.payload
            );
            assert!(err.starts_with(&names), "{err}");
        }
    }
}
