//! Bad content gets a clear error that names the file, line and key, exit status 1, and
//! no PDF is written. Each test copies the fixture materials, breaks one thing, and runs
//! the real binary the way a user would.

use crate::common;

use common::cli::bp;
use common::materials::{FIXTURE, case};

#[test]
fn toml_syntax_error_names_file_line_and_column_and_shows_the_line() {
    let c = case("es/texts.toml", |t| {
        t.lines()
            .map(|l| {
                if l.starts_with("back_heading = ") {
                    "back_heading = \"unterminated"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let err = c.fails_with(&["es/texts.toml:", "TOML syntax error"]);
    // The reporter shows the offending source line under the message.
    assert!(err.contains("| back_heading = \"unterminated"), "{err}");
    let line = err
        .split("es/texts.toml:")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a line number after the path");
    let source = std::fs::read_to_string(c.materials.join("es/texts.toml")).unwrap();
    let expected = source
        .lines()
        .position(|l| l.starts_with("back_heading = \"unterminated"))
        .unwrap()
        + 1;
    assert_eq!(line, expected, "{err}");
}

#[test]
fn unknown_field_names_it_lists_the_allowed_names_and_suggests_the_close_one() {
    let c = case("en/texts.toml", |t| {
        t.replacen("\nheadline = ", "\nhedline = ", 1)
    });
    c.fails_with(&[
        "en/texts.toml:",
        "unknown field `hedline`",
        "`subhead`",
        "did you mean `headline`?",
    ]);
}

#[test]
fn missing_required_text_in_the_base_locale_names_file_and_key() {
    let c = case("en/report.toml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("photo = "))
            .collect::<Vec<_>>()
            .join("\n")
    });
    c.fails_with(&["en/report.toml", "`report.photo` is missing"]);
}

#[test]
fn missing_text_in_a_translation_falls_back_to_english_with_a_warning() {
    let c = case("es/report.toml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("photo = "))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let stderr = c.check().passes().stderr;
    assert!(
        stderr.contains("locale `es`: `report.photo` is missing"),
        "{stderr}"
    );
    assert!(stderr.contains("using `en`"), "{stderr}");
}

#[test]
fn empty_text_names_file_line_column_and_key() {
    let c = case("es/texts.toml", |t| {
        let start = t.find("back_footer = \"").unwrap();
        let end = start + t[start..].find('\n').unwrap();
        format!("{}back_footer = \"\"{}", &t[..start], &t[end..])
    });
    c.fails_with(&[
        "es/texts.toml:14:15: `texts.card.back_footer` is empty",
        "14 | back_footer = \"\"",
    ]);
}

#[test]
fn empty_locale_folder_is_an_error() {
    let c = case("es/locale.toml", |_| String::from("# nothing\n"));
    c.fails_with(&["es/locale.toml:", "missing field `locale`"]);
}

#[test]
fn locale_folder_with_no_content_is_an_error() {
    let c = case("es/locale.toml", |t| {
        t.replace("tag = \"es\"", "tag = \"eo\"")
    });
    std::fs::rename(c.materials.join("es"), c.materials.join("eo")).unwrap();
    for f in [
        "texts",
        "types",
        "comparison",
        "red_flags",
        "report",
        "scale",
    ] {
        std::fs::remove_file(c.materials.join("eo").join(format!("{f}.toml"))).unwrap();
    }
    c.fails_with(&["locale folder `eo`", "is empty", "texts.toml"]);
}

#[test]
fn locale_folder_without_locale_toml_is_an_error() {
    let c = case("es/locale.toml", |t| t + "\n");
    std::fs::remove_file(c.materials.join("es/locale.toml")).unwrap();
    c.fails_with(&["locale folder `es`", "has no locale.toml"]);
}

#[test]
fn contact_without_a_number_names_the_contact() {
    let c = case("contacts.toml", |t| {
        t.replacen("number = \"+18883737888\"\n", "", 1)
    });
    c.fails_with(&["contacts.toml", "contact `hotline`", "has no `number`"]);
}

#[test]
fn phone_number_that_is_not_e164_is_refused() {
    for bad in ["1-888-373-7888", "+1888373788", "+1 888 373 7888"] {
        let c = case("contacts.toml", |t| {
            t.replacen("\"+18883737888\"", &format!("\"{bad}\""), 1)
        });
        c.fails_with(&["contacts.toml", "contact `hotline`", bad]);
    }
}

#[test]
fn display_with_other_digits_than_the_number_is_refused() {
    let c = case("contacts.toml", |t| {
        t.replacen(
            "number = \"+18883737888\"\n",
            "number = \"+18883737888\"\ndisplay = \"1-888-373-7889\"\n",
            1,
        )
    });
    c.fails_with(&["contact `hotline`", "does not hold the same digits"]);
}

#[test]
fn unknown_placeholder_names_file_key_and_the_known_ones() {
    let c = case("es/texts.toml", |t| {
        t.replacen("{emergency}", "{emergencia}", 1)
    });
    c.fails_with(&[
        "es/texts.toml",
        "`texts.card.emergency`",
        "unknown placeholder `{emergencia}`",
        "{hotline}",
    ]);
}

#[test]
fn text_too_long_for_the_card_names_locale_kind_key_and_overflow() {
    let c = case("es/red_flags.toml", |t| {
        t.replacen(
            "card = [\n",
            "card = [\n  \"Una línea muy larga que no cabe en una tarjeta de bolsillo, repetida para que ocupe mucho más espacio del que hay disponible en la parte de atrás de la tarjeta, y todavía más\",\n",
            1,
        )
    });
    c.fails_with(&[
        "es card",
        "`red_flags.card` does not fit",
        "pt too tall",
        "% too long",
    ]);
}

#[test]
fn a_character_no_bundled_font_has_is_an_error_not_a_box() {
    // Ethiopic: no bundled font covers it.
    let c = case("es/texts.toml", |t| {
        t.replacen("back_footer = \"", "back_footer = \"ሰላም ", 1)
    });
    c.fails_with(&[
        "es card",
        "`texts.card.back_footer`",
        "U+1230",
        "would print as a box",
    ]);
}

#[test]
fn font_dir_adds_a_script_that_no_bundled_font_covers() {
    let c = case("es/texts.toml", |t| {
        t.replacen("back_footer = \"", "back_footer = \"ሰላም ", 1)
    });
    c.build()
        .args(["--locale", "es", "--kind", "card"])
        .args(["--font-dir", "tests/fixtures/fonts"])
        .passes();
    assert!(c.out.join("es/card.pdf").is_file());
}

#[test]
fn font_dir_finds_fonts_in_folders_inside_it_or_takes_one_font_file() {
    let nested = tempfile::tempdir().unwrap();
    let family = nested.path().join("ethiopic").join("regular");
    std::fs::create_dir_all(&family).unwrap();
    std::fs::copy(
        "tests/fixtures/fonts/NotoSansEthiopic-Regular.ttf",
        family.join("NotoSansEthiopic-Regular.ttf"),
    )
    .unwrap();
    let single = "tests/fixtures/fonts/NotoSansEthiopic-Regular.ttf";
    for dir in [nested.path().to_str().unwrap(), single] {
        let c = case("es/texts.toml", |t| {
            t.replacen("back_footer = \"", "back_footer = \"ሰላም ", 1)
        });
        c.build()
            .args(["--locale", "es", "--kind", "card"])
            .args(["--font-dir", dir])
            .passes();
        assert!(c.out.join("es/card.pdf").is_file(), "{dir}");
    }
}

#[test]
fn a_font_file_that_is_not_a_font_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.ttf"), "this is not a font").unwrap();
    let stderr = bp()
        .arg("check")
        .materials(FIXTURE)
        .arg("--font-dir")
        .arg(dir.path())
        .status(1)
        .stderr;
    assert!(
        stderr.contains("broken.ttf") && stderr.contains("not a font"),
        "{stderr}"
    );
}

#[test]
fn missing_materials_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("nowhere");
    bp().arg("build")
        .materials(&m)
        .out(dir.path())
        .fails_with(&["no materials here", "--materials"]);
}

#[test]
fn bad_command_line_is_status_2() {
    for args in [
        &["build", "--kind", "flyer"][..],
        &["build", "--paper", "b5"],
        &["frobnicate"],
        &["build", "--locale", "xx"],
    ] {
        bp().args(args).status(2);
    }
}

#[test]
fn a_failed_build_keeps_the_previous_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    bp().arg("build")
        .materials(FIXTURE)
        .out(&out)
        .args(["--kind", "card", "--locale", "en"])
        .passes();
    let before = std::fs::read(out.join("en/card.pdf")).unwrap();

    let c = case("en/texts.toml", |t| {
        t.replacen("front_heading = \"", "front_heading = \"{nope} ", 1)
    });
    bp().arg("build")
        .materials(&c.materials)
        .out(&out)
        .status(1);
    assert_eq!(
        std::fs::read(out.join("en/card.pdf")).unwrap(),
        before,
        "previous PDF changed"
    );
    let names: Vec<_> = std::fs::read_dir(out.join("en"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("card.pdf")],
        "temporary files left behind"
    );
}
