//! The content rules a translator meets at load time, through the real binary: a bidi
//! control, an invisible character or combining mark beside a digit or placeholder, a
//! digit or letter fused to a placeholder, a pile of combining marks, a `direction` the
//! script contradicts, a `display` that is not its number or address, and the guard on
//! every record that holds the hotline's text line or website. Each test plants one
//! problem in a copy of the fixture materials (of the bundled ones where it needs Persian
//! or Russian); `check` and `build` must both exit 1,
//! write nothing, and name the file:line:col, the key and the code point.

use crate::common;

use common::materials::{Case, bundled, bundled_case, case};

/// `file:line:col` of the first line of `file` in `c` that contains `needle`, with the
/// column of the character `at` chars into that match.
fn place(c: &Case, file: &str, needle: &str, at: usize) -> String {
    let text = std::fs::read_to_string(c.materials.join(file)).expect("read edited file");
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .expect("needle in file");
    let byte = line.find(needle).expect("needle in line");
    let column = line[..byte].chars().count() + at + 1;
    format!("{}:{}:{column}", c.materials.join(file).display(), n + 1)
}

/// Replaces the first `from` after the first table header (past the file's comments).
fn in_body(text: &str, from: &str, to: &str) -> String {
    let body = text.find("\n[").map_or(0, |i| i + 1);
    let at = body + text[body..].find(from).expect("text in file body");
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// `check` and `build --kind card` succeed; returns check's stderr.
fn passes(c: &Case) -> String {
    c.passes().stderr
}

#[test]
fn a_right_to_left_override_in_the_hotline_display_is_refused_where_it_is_written() {
    // Reproduced: every card printed 8887-373-888-1 beside a QR code dialling the hotline.
    let c = case("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"\n",
            "number = \"+18883737888\"\ndisplay = \"\\u202E1-888-373-7888\\u202C\"\n",
            1,
        )
    });
    let at = place(&c, "contacts.toml", "\\u202E", 0);
    let end = place(&c, "contacts.toml", "\\u202C", 0);
    c.fails_with(&[
        &format!(
            "{at}: `contacts.hotline.display`: U+202E RIGHT-TO-LEFT OVERRIDE is a bidi control"
        ),
        &format!("{end}: `contacts.hotline.display`: U+202C POP DIRECTIONAL FORMATTING"),
        "remove it: bridgeprint isolates numbers itself",
    ]);
}

#[test]
fn a_bidi_control_in_any_text_is_refused_in_every_direction() {
    // A left-to-right isolate typed into English, and a right-to-left mark into Arabic.
    let c = case("en/red_flags.toml", |t| {
        t.replacen("No single sign", "No \u{2066}single sign", 1)
    });
    let at = place(&c, "en/red_flags.toml", "\u{2066}", 0);
    c.fails_with(&[
        &format!("{at}: `red_flags.intro`: U+2066 LEFT-TO-RIGHT ISOLATE is a bidi control"),
        "remove it",
    ]);

    let c = case("ar/texts.toml", |t| {
        in_body(&t, "{textline}", "\u{200F}{textline}")
    });
    let at = place(&c, "ar/texts.toml", "\u{200F}", 0);
    c.fails_with(&[&format!(
        "{at}: `texts.card.text_line`: U+200F RIGHT-TO-LEFT MARK is a bidi control"
    )]);
}

#[test]
fn a_digit_fused_to_a_placeholder_is_refused() {
    // Reproduced: the card printed "Text HELP to 2337334".
    let c = case("en/texts.toml", |t| {
        t.replacen(
            "text_line = \"Text {textline.keyword} to {textline}\"",
            "text_line = \"Text {textline.keyword} to {textline}4\"",
            1,
        )
    });
    let at = place(&c, "en/texts.toml", "{textline}4", "{textline}".len());
    c.fails_with(&[
        &format!("{at}: `texts.card.text_line`: `4` directly after {{textline}} prints as part of its number or keyword"),
        "put a word or a comma between them",
    ]);

    let c = case("en/texts.toml", |t| {
        t.replacen("{textline}\"", "{textline}-7\"", 1)
    });
    c.fails_with(&["`texts.card.text_line`: `-7` directly after {textline}"]);
}

#[test]
fn a_letter_fused_to_a_keyword_is_refused() {
    let c = case("en/texts.toml", |t| {
        t.replacen(
            "Text {textline.keyword} to",
            "Text {textline.keyword}S to",
            1,
        )
    });
    let at = place(
        &c,
        "en/texts.toml",
        "{textline.keyword}S",
        "{textline.keyword}".len(),
    );
    c.fails_with(&[&format!(
        "{at}: `texts.card.text_line`: `S` directly after {{textline.keyword}}"
    )]);
}

#[test]
fn an_invisible_character_beside_a_digit_or_placeholder_is_refused_but_joiners_between_letters_pass()
 {
    // A zero-width space inside a figure, named by its code point.
    let c = case("en/texts.toml", |t| t.replacen("24/7", "24\u{200B}/7", 1));
    let at = place(&c, "en/texts.toml", "\u{200B}", 0);
    c.fails_with(&[&format!(
        "{at}: `texts.card.hotline_note`: U+200B ZERO WIDTH SPACE is an invisible character beside digit `4`"
    )]);

    // ZWNJ against a placeholder in Persian: refused...
    let c = bundled_case("fa/texts.toml", |t| {
        in_body(&t, "{textline}", "{textline}\u{200C}")
    });
    let at = place(
        &c,
        "fa/texts.toml",
        "{textline}\u{200C}",
        "{textline}".len(),
    );
    c.fails_with(&[&format!(
        "{at}: `texts.card.text_line`: U+200C ZERO WIDTH NON-JOINER is an invisible character beside a placeholder"
    )]);

    // ...while the bundled Persian, full of ZWNJ between letters, loads.
    let fa = std::fs::read_to_string("materials/fa/texts.toml").expect("fa texts");
    assert!(fa.contains('\u{200C}'), "the bundled Persian has ZWNJ");
    passes(&bundled());
}

#[test]
fn a_combining_mark_on_a_digit_or_placeholder_is_refused() {
    let c = case("en/texts.toml", |t| t.replacen("200+", "200\u{0338}+", 1));
    let at = place(&c, "en/texts.toml", "\u{0338}", 0);
    c.fails_with(&[&format!(
        "{at}: `texts.card.hotline_note`: U+0338 COMBINING MARK is a combining mark beside digit `0`"
    )]);

    let c = case("en/texts.toml", |t| {
        t.replacen("{textline}\"", "{textline}\u{20E3}\"", 1)
    });
    c.fails_with(&["U+20E3 COMBINING MARK is a combining mark beside a placeholder"]);
}

#[test]
fn a_letter_with_1999_combining_marks_is_refused_though_it_is_2000_characters() {
    let pile = format!("x{}", "\u{0301}".repeat(1999));
    let c = case("en/red_flags.toml", |t| {
        t.replacen(
            "heading = \"Red flags\"",
            &format!("heading = \"{pile}\""),
            1,
        )
    });
    let at = place(
        &c,
        "en/red_flags.toml",
        "heading = \"x",
        "heading = \"".len(),
    );
    c.fails_with(&[
        &format!("{at}: `red_flags.heading`: 1999 combining marks on one character (`x`, U+0078), more than the 6"),
        "remove the extra marks",
    ]);
}

#[test]
fn a_direction_the_script_contradicts_is_refused() {
    let c = case("ar/locale.toml", |t| {
        t.replacen("direction = \"rtl\"", "direction = \"ltr\"", 1)
    });
    let at = place(&c, "ar/locale.toml", "direction = ", "direction = ".len());
    c.fails_with(&[
        &format!("{at}: `locale.direction` (locale `ar`): `direction = \"ltr\"`, but the texts are written right to left"),
        "set `direction = \"rtl\"`",
    ]);

    let c = bundled_case("ru/locale.toml", |t| {
        t.replacen("direction = \"ltr\"", "direction = \"rtl\"", 1)
    });
    c.fails_with(&[
        "`locale.direction` (locale `ru`): `direction = \"rtl\"`, but the texts are written left to right",
    ]);
}

#[test]
fn a_number_display_holds_only_ascii_digits_and_phone_punctuation() {
    // En dashes: the same digits, but not the characters a printed number is made of.
    let c = case("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"\n",
            "number = \"+18883737888\"\ndisplay = \"1\u{2013}888\u{2013}373\u{2013}7888\"\n",
            1,
        )
    });
    let at = place(&c, "contacts.toml", "\u{2013}", 0);
    c.fails_with(&[&format!(
        "{at}: `contacts.hotline.display`: `display` holds U+2013 (`\u{2013}`); a printed number holds only the digits 0-9"
    )]);
}

#[test]
fn a_web_display_naming_another_host_is_refused() {
    let c = case("contacts.toml", |t| {
        t.replacen(
            "url = \"https://humantraffickinghotline.org\"",
            "url = \"https://humantraffickinghotline.org\"\ndisplay = \"humantraffickinghotline.org.example.com\"",
            1,
        )
    });
    let at = place(
        &c,
        "contacts.toml",
        "humantraffickinghotline.org.example",
        0,
    );
    c.fails_with(&[&format!(
        "{at}: `contacts.website.display`: `display` \"humantraffickinghotline.org.example.com\" is not the address of `url` \"https://humantraffickinghotline.org\""
    )]);

    // The host in capitals, for reading, is the same address.
    let c = case("contacts.toml", |t| {
        t.replacen(
            "url = \"https://humantraffickinghotline.org\"",
            "url = \"https://humantraffickinghotline.org\"\ndisplay = \"HumanTraffickingHotline.org\"",
            1,
        )
    });
    passes(&c);
}

const BEFREE: &str = "\n[contacts.befree]\nname = \"BeFree\"\nkind = \"sms\"\nnumber = \"233733\"\nkeyword = \"STOP\"\nsource = \"test\"\nverified = 2026-11-29\n";

#[test]
fn any_record_holding_the_text_line_needs_an_override_for_another_keyword() {
    let c = case("contacts.toml", |t| format!("{t}{BEFREE}"));
    c.fails_with(&[
        "contact `befree`: has keyword `STOP`, not one the National Human Trafficking Hotline text line answers to (HELP or INFO)",
        "override = \"reason\"",
    ]);

    let c = case("contacts.toml", |t| {
        format!("{t}{BEFREE}override = \"opt-out line test\"\n")
    });
    let err = passes(&c);
    assert!(
        err.contains("warning: contact `befree` has keyword `STOP`")
            && err.contains("(override: opt-out line test)"),
        "{err}"
    );
}

#[test]
fn the_website_record_is_guarded_like_the_hotline() {
    let c = case("contacts.toml", |t| {
        t.replacen(
            "url = \"https://humantraffickinghotline.org\"",
            "url = \"https://humantraffickinghotline.org.example.com\"",
            1,
        )
    });
    c.fails_with(&[
        "contact `website`: is https://humantraffickinghotline.org.example.com, not the official National Human Trafficking Hotline website https://humantraffickinghotline.org",
        "override = \"reason\"",
    ]);
}

#[test]
fn a_byte_order_mark_inside_a_text_is_refused_where_it_is_written() {
    // U+FEFF in the middle of a file (pasted from another document) is no digit's
    // neighbour, but no accessible PDF may hold it: refused at load, not at the PDF writer.
    let c = case("en/texts.toml", |t| {
        t.replacen("Hotline note", "Hotline \u{FEFF}note", 1)
    });
    let at = place(&c, "en/texts.toml", "\u{FEFF}", 0);
    c.fails_with(&[&format!(
        "{at}: `texts.card.hotline_note`: U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM) cannot be written as text in an accessible PDF"
    )]);
}
