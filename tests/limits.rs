//! Content past a limit is an error that names the file, the key and the limit, with
//! exit status 1 and nothing written: never a build that runs for minutes or fills memory.

use crate::common;

use bridgeprint::content::limits::{MAX_LIST_ITEMS, MAX_LOCALES, MAX_TEXT_CHARS};
use bridgeprint::content::source::MAX_FILE_BYTES;
use common::materials::{case, copy};

/// Replaces the value of `key = "..."` (one line) in a TOML text.
fn set(toml: &str, key: &str, value: &str) -> String {
    let start = toml
        .find(&format!("\n{key} = \""))
        .unwrap_or_else(|| panic!("no {key} in the file"))
        + 1;
    let end = start + toml[start..].find('\n').expect("line end");
    format!("{}{key} = \"{value}\"{}", &toml[..start], &toml[end..])
}

#[test]
fn a_content_file_over_the_size_limit_is_named_with_the_limit() {
    let c = case("es/texts.toml", |t| {
        let pad = "#".repeat(MAX_FILE_BYTES as usize - t.len() + 1);
        format!("{t}\n{pad}\n")
    });
    c.fails_with(&[
        "es/texts.toml",
        &format!("more than the {MAX_FILE_BYTES} bytes a content file may have"),
    ]);
}

#[test]
fn a_content_file_at_the_size_limit_is_read() {
    let c = case("es/texts.toml", |t| {
        let pad = "#".repeat(MAX_FILE_BYTES as usize - t.len() - 1);
        format!("{t}{pad}\n")
    });
    c.check().passes();
}

#[test]
fn a_text_over_the_length_limit_names_file_key_and_limit() {
    let long = "a ".repeat(MAX_TEXT_CHARS / 2) + "é";
    let c = case("es/texts.toml", |t| set(&t, "front_heading", &long));
    c.fails_with(&[
        "es/texts.toml",
        "`texts.card.front_heading`",
        &format!("{} characters", MAX_TEXT_CHARS + 1),
        &format!("more than the {MAX_TEXT_CHARS} a text may have"),
    ]);
}

#[test]
fn a_list_over_the_item_limit_names_file_key_and_limit() {
    let items: Vec<String> = (0..=MAX_LIST_ITEMS)
        .map(|i| format!("  \"Sign {i}\",\n"))
        .collect();
    let c = case("es/red_flags.toml", |t| {
        t.replacen("card = [\n", &format!("card = [\n{}", items.concat()), 1)
    });
    let err = c.fails_with(&[
        "es/red_flags.toml",
        "`red_flags.card`",
        &format!("more than the {MAX_LIST_ITEMS} a list may have"),
    ]);
    assert!(err.contains(" items, more than"), "{err}");
}

#[test]
fn too_many_locale_folders_is_an_error_naming_the_limit() {
    let c = copy();
    for i in 0..MAX_LOCALES {
        // Region codes of three digits keep every name a valid tag.
        std::fs::create_dir(c.materials.join(format!("es-{}", 100 + i))).unwrap();
    }
    c.fails_with(&[&format!(
        "more than the {MAX_LOCALES} locales a materials folder may have"
    )]);
}

#[test]
fn a_truncated_font_in_a_font_dir_is_an_error_not_a_crash() {
    let c = case("es/texts.toml", |t| {
        t.replacen("back_footer = \"", "back_footer = \"ሰላም ", 1)
    });
    let fonts = c.dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let font = std::fs::read("tests/fixtures/fonts/NotoSansEthiopic-Regular.ttf").unwrap();
    std::fs::write(fonts.join("Cut.ttf"), &font[..font.len() / 3]).unwrap();
    c.build().arg("--font-dir").arg(&fonts).status(1);
}

#[test]
fn a_syntax_error_on_a_huge_line_shows_only_the_part_around_it() {
    // A one-line file (minified, or generated): the error shows its place, not the line.
    let c = case("es/scale.toml", |t| {
        format!("{t}\nx = [{}\"unterminated]\n", "1, ".repeat(200_000))
    });
    let err = c.fails_with(&["es/scale.toml:", "TOML syntax error", "…"]);
    assert!(err.len() < 4000, "{} bytes of stderr", err.len());
}
