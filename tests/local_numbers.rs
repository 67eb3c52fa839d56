//! An organisation's own numbers, the way a coordinator meets them: a local service code
//! (311, 211, 988) typed into a text is sent to a contact record of its own, never to
//! `{emergency}`; two local lines of one exchange are both right; a +1 number may be
//! displayed in its national format; `check` lays out only what is named. Each test
//! copies the fixture materials, plants one thing, and runs the real binary.

use crate::common;

use common::materials::{Case, case, copy};
use common::pdf;

/// Two local lines of the same exchange, one displayed in its national format.
const LOCAL: &str = r#"
[contacts.shelter]
name = "Local shelter"
kind = "voice"
number = "+15035550142"
display = "(503) 555-0142"
source = "Shelter source"
verified = 2026-11-29

[contacts.outreach]
name = "Local outreach"
kind = "voice"
number = "+15035550143"
source = "Outreach source"
verified = 2026-11-29
"#;

fn with_local_lines() -> Case {
    let c = case("contacts.toml", |t| format!("{t}{LOCAL}"));
    c.plant(
        "en/texts.toml",
        "hotline_note",
        "Shelter {shelter}, outreach {outreach}.",
    );
    c
}

#[test]
fn a_local_service_code_is_sent_to_a_record_of_its_own_not_to_911() {
    for code in ["311", "211", "711", "988"] {
        let m = copy();
        let line = m.plant("en/texts.toml", "hotline_note", &format!("Call {code}."));
        let err = m.fails_with(&[
            &format!("short code \"{code}\""),
            &format!("{code} is a service line of its own, not 911"),
            "add a contact record for it",
            "write its {key}",
        ]);
        assert!(err.contains(&format!("en/texts.toml:{line}:")), "{err}");
        assert!(!err.contains("write {emergency}"), "{code}: {err}");
    }
}

#[test]
fn two_local_lines_of_one_exchange_are_both_printed_as_written() {
    let m = with_local_lines();
    m.passes();
    let built = m.out.join("en/card.pdf");
    // Printed with a no-break space, so the number never splits across lines.
    let text = pdf::page_text(&std::fs::read(built).expect("card written"))
        .join("\n")
        .replace('\u{a0}', " ");
    assert!(text.contains("(503) 555-0142"), "{text:?}");
    assert!(text.contains("1-503-555-0143"), "{text}");
}

#[test]
fn a_number_near_a_local_line_is_not_called_its_typo() {
    let m = with_local_lines();
    m.plant("en/texts.toml", "text_line", "Or 503-555-0144.");
    let err = m.fails_with(&["phone number \"503-555-0144\"", "no contact has it"]);
    assert!(!err.contains("typo"), "{err}");
}

#[test]
fn a_display_with_other_digits_is_refused_naming_the_accepted_forms() {
    let m = case("contacts.toml", |t| {
        format!("{t}{}", LOCAL.replace("(503) 555-0142", "(503) 555-0124"))
    });
    let err = m.fails_with(&[
        "contact `shelter`",
        "`display` \"(503) 555-0124\"",
        "1-503-555-0142, (503) 555-0142, 503-555-0142, +1 503 555 0142",
    ]);
    assert!(
        err.contains("contacts.toml:"),
        "no file:line:col in:\n{err}"
    );
}

/// An Arabic poster text too long for any poster fails the exhaustive `check`, and
/// passes one limited to what an organisation that never prints Arabic posters makes.
#[test]
fn check_lays_out_only_the_kinds_locales_and_papers_named() {
    let m = copy();
    m.edit("ar/texts.toml", |t| {
        let poster = t.find("\n[poster]").expect("poster table");
        let at = poster + t[poster..].find("hotline_note = \"").expect("poster note") + 16;
        format!("{}{}{}", &t[..at], "نص طويل جدا ".repeat(150), &t[at..])
    });
    let all = m
        .check()
        .fails_with(&["ar/texts.toml", "`texts.poster.hotline_note`"]);
    assert!(!all.stderr.contains("es/texts.toml"), "{}", all.stderr);
    let by_locale = m
        .check()
        .args(["--locale", "en", "--locale", "es", "--locale", "en+es"])
        .passes()
        .stderr;
    assert!(
        // 35 on CR80, and the three cards and two safety cards on the business size.
        by_locale.contains("checked 2 locales, 40 documents"),
        "{by_locale}"
    );
    let by_kind = m.check().args(["--kind", "card"]).passes().stderr;
    assert!(
        // Seven cards, each in both sizes.
        by_kind.contains("checked 3 locales, 14 documents"),
        "{by_kind}"
    );
    let by_paper = m
        .check()
        .args(["--locale", "en+ar", "--kind", "poster", "--paper", "a4"])
        .fails_with(&["`texts.poster.hotline_note`"]);
    let laid_out = |stderr: &str| stderr.matches("help: shorten the text").count();
    assert_eq!(laid_out(&by_paper.stderr), 1, "{}", by_paper.stderr);
    assert!(laid_out(&all.stderr) > 1, "{}", all.stderr);
}

/// The hotline in its national format prints whole on every page, in Arabic and Spanish
/// too, where a plain space would let a caption break the number across two lines (the
/// read-back refuses that); its QR code still dials the official number.
#[test]
fn a_national_display_prints_whole_in_every_document_and_dials_the_same_number() {
    let m = case("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"\n",
            "number = \"+18883737888\"\ndisplay = \"(888) 373-7888\"\n",
            1,
        )
    });
    m.build().passes();
    m.check().passes();
    let poster = std::fs::read(m.out.join("es/poster.pdf")).expect("poster written");
    let text = pdf::page_text(&poster).join("\n").replace('\u{a0}', " ");
    assert!(text.contains("(888) 373-7888"), "{text:?}");
    let payloads = pdf::qr_payloads(&poster, 300.0).concat();
    assert!(
        payloads.contains(&"tel:+18883737888".to_string()),
        "{payloads:?}"
    );
}
