//! The translators' round trip through the real binary: `i18n export` to a PO file,
//! `i18n import` back to TOML, `new-locale`, and unknown files in a locale folder.

use std::path::{Path, PathBuf};

use crate::common;
use common::cli::bp;
use common::materials::{Case, bundled, copy};

/// A locale as loaded: tag, every text with its key, the keys from English, status.
type Loaded = (String, Vec<(String, String)>, Vec<String>, String);

/// Every text of every locale as loaded (filled from English, placeholders expanded),
/// with the keys each locale takes from English.
fn loaded(materials: &Path) -> Vec<Loaded> {
    let content = bridgeprint::content::load(materials).expect("materials load");
    content
        .locales
        .iter()
        .map(|l| {
            (
                l.meta.tag.clone(),
                l.texts(),
                l.fell_back.clone(),
                l.meta.status.as_str().to_string(),
            )
        })
        .collect()
}

fn export(case: &Case, tag: &str) -> String {
    bp().args(["i18n", "export", "--locale", tag])
        .materials(&case.materials)
        .passes()
        .stdout
}

/// Writes `po` beside the materials and imports it.
fn import(case: &Case, po: &str) -> common::cli::Ran {
    let path = po_file(case, po);
    bp().args(["i18n", "import"])
        .arg(&path)
        .materials(&case.materials)
        .run()
}

fn po_file(case: &Case, po: &str) -> PathBuf {
    let path = case.dir.path().join("texts.po");
    std::fs::write(&path, po).unwrap();
    path
}

/// The bytes of every file of a locale folder, to prove a refused import wrote nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// `po` with the `msgstr` of the entry `key` replaced by `msgstr` (one line).
fn with_msgstr(po: &str, key: &str, msgstr: &str) -> String {
    let ctxt = format!("msgctxt \"{key}\"\n");
    let at = po
        .find(&ctxt)
        .unwrap_or_else(|| panic!("{key} in the PO file"));
    let start = at + po[at..].find("\nmsgstr ").unwrap() + 1;
    let end = po[start..].find("\n\n").map_or(po.len(), |i| start + i);
    format!("{}msgstr \"{msgstr}\"{}", &po[..start], &po[end..])
}

/// The 1-based line of the `msgstr` of `key`.
fn msgstr_line(po: &str, key: &str) -> usize {
    let at = po.find(&format!("msgctxt \"{key}\"\n")).unwrap();
    let start = at + po[at..].find("\nmsgstr ").unwrap() + 1;
    po[..start].matches('\n').count() + 1
}

#[test]
fn english_and_vietnamese_round_trip_through_a_po_file_losslessly() {
    let case = bundled();
    let before = loaded(&case.materials);
    for tag in ["en", "vi"] {
        let po = export(&case, tag);
        let first = import(&case, &po);
        assert_eq!(first.code, Some(0), "{}", first.stderr);
        assert_eq!(
            loaded(&case.materials),
            before,
            "{tag} -> PO -> TOML changed a text"
        );
        // The same file again changes nothing, and writes nothing.
        let again = import(&case, &po);
        assert!(again.stdout.is_empty(), "{}", again.stdout);
        assert!(again.stderr.contains("nothing changed"), "{}", again.stderr);
        // Exported again, the PO file is the same but for the lines it points at in
        // English's files, which an import of `en` rewrites.
        let unplaced = |po: &str| {
            po.lines()
                .filter(|l| !l.starts_with("#:"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            unplaced(&export(&case, tag)),
            unplaced(&po),
            "{tag}: a second export differs"
        );
    }
    // `--output` with a bare file name writes it in the current folder.
    bp().args(["i18n", "export", "--locale", "vi", "--output", "vi.po"])
        .materials(&case.materials)
        .in_dir(case.dir.path())
        .passes();
    assert_eq!(
        std::fs::read_to_string(case.dir.path().join("vi.po")).unwrap(),
        export(&case, "vi")
    );
    bp().args(["check", "--locale", "vi", "--locale", "en"])
        .materials(&case.materials)
        .passes();
}

#[test]
fn a_changed_or_dropped_placeholder_is_refused_at_its_line_and_nothing_is_written() {
    let case = copy();
    let po = export(&case, "es");
    let es = case.materials.join("es");
    let files = snapshot(&es);
    for (msgstr, needle) in [
        ("Envíe {textline.keyword} al número", "drops `{textline}`"),
        ("Envíe {textline.keyword} al {textlin}", "adds `{textlin}`"),
    ] {
        let edited = with_msgstr(&po, "texts.card.text_line", msgstr);
        let line = msgstr_line(&edited, "texts.card.text_line");
        let ran = import(&case, &edited);
        assert_eq!(ran.code, Some(1), "{}", ran.stderr);
        assert!(
            ran.stderr
                .contains(&format!("texts.po:{line}:1: `texts.card.text_line`: ")),
            "{}",
            ran.stderr
        );
        assert!(ran.stderr.contains(needle), "{}", ran.stderr);
        assert_eq!(snapshot(&es), files, "a refused import wrote");
    }
}

#[test]
fn an_unknown_msgctxt_is_refused_with_the_key_it_was_meant_to_be() {
    let case = copy();
    let po = export(&case, "es").replace(
        "msgctxt \"texts.card.back_footer\"",
        "msgctxt \"texts.card.back_fotter\"",
    );
    let ran = import(&case, &po);
    assert_eq!(ran.code, Some(1));
    assert!(
        ran.stderr.contains("`texts.card.back_fotter`: no text of the materials has this msgctxt (did you mean `texts.card.back_footer`?)"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_number_typed_into_a_translation_is_refused_at_the_po_entry() {
    let case = copy();
    let po = with_msgstr(
        &export(&case, "es"),
        "texts.card.emergency",
        "Emergencia: llame al {emergency} o al 1-888-373-7888.",
    );
    let line = msgstr_line(&po, "texts.card.emergency");
    let ran = import(&case, &po);
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains(&format!("texts.po:{line}:1: `texts.card.emergency`")),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("write {hotline} instead"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_list_translated_in_part_is_refused_and_an_untranslated_text_prints_english() {
    let case = copy();
    let po = export(&case, "es");
    let partial = with_msgstr(&po, "red_flags.card[2]", "");
    let ran = import(&case, &partial);
    assert_eq!(ran.code, Some(1));
    assert!(
        ran.stderr.contains("5 of the 6 items of `red_flags.card`"),
        "{}",
        ran.stderr
    );

    let untranslated = with_msgstr(&po, "texts.card.back_footer", "");
    let ran = import(&case, &untranslated);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains("1 text untranslated, printed in English: texts.card.back_footer"),
        "{}",
        ran.stderr
    );
    let es = loaded(&case.materials)
        .into_iter()
        .find(|l| l.0 == "es")
        .unwrap();
    assert!(
        es.2.contains(&"texts.card.back_footer".to_string()),
        "{:?}",
        es.2
    );
    // Exported again, the entry is empty: English prints.
    let again = export(&case, "es");
    let at = again.find("msgctxt \"texts.card.back_footer\"").unwrap();
    let msgstr = at + again[at..].find("\nmsgstr ").unwrap();
    assert!(
        again[msgstr..].starts_with("\nmsgstr \"\"\n"),
        "{}",
        &again[at..]
    );
}

#[test]
fn a_translation_whose_english_changed_since_its_import_is_fuzzy_until_confirmed() {
    let case = copy();
    let first = export(&case, "es");
    assert!(
        !first.contains("#, fuzzy"),
        "nothing is fuzzy before any import"
    );
    assert_eq!(import(&case, &first).code, Some(0));
    let old = "Card back heading";
    case.edit("en/texts.toml", |t| {
        t.replace(
            &format!("back_heading = \"{old}\""),
            "back_heading = \"Signs to look for\"",
        )
    });
    let second = export(&case, "es");
    let entry = |po: &str| {
        let at = po.find("msgctxt \"texts.card.back_heading\"").unwrap();
        let start = po[..at].rfind("\n\n").unwrap();
        po[start..at].to_string()
    };
    assert!(entry(&second).contains("#, fuzzy"), "{}", entry(&second));
    assert!(
        entry(&second).contains(&format!("#| msgid \"{old}\"")),
        "{}",
        entry(&second)
    );
    // Imported as it is: reported, and still fuzzy at the next export.
    let ran = import(&case, &second);
    assert!(
        ran.stderr
            .contains("`texts.card.back_heading` is marked fuzzy"),
        "{}",
        ran.stderr
    );
    assert!(entry(&export(&case, "es")).contains("#, fuzzy"));
    // Confirmed in the editor (the flag and the previous source gone): no longer fuzzy.
    let confirmed = second.replace(
        &entry(&second),
        &entry(&second)
            .replace("#, fuzzy\n", "")
            .replace(&format!("#| msgid \"{old}\"\n"), ""),
    );
    assert_eq!(import(&case, &confirmed).code, Some(0));
    assert!(!export(&case, "es").contains("#, fuzzy"));
}

#[test]
fn a_reviewed_locale_whose_texts_change_becomes_a_draft() {
    let case = copy();
    case.edit("es/locale.toml", |t| {
        t.replace("status = \"draft\"", "status = \"reviewed\"")
    });
    let po = export(&case, "es");
    assert_eq!(import(&case, &po).code, Some(0));
    assert!(
        std::fs::read_to_string(case.materials.join("es/locale.toml"))
            .unwrap()
            .contains("status = \"reviewed\""),
        "an import that changes nothing keeps the status"
    );
    let ran = import(
        &case,
        &with_msgstr(&po, "texts.card.back_heading", "Señales"),
    );
    assert!(
        ran.stderr.contains("now says status = \"draft\""),
        "{}",
        ran.stderr
    );
    let meta = std::fs::read_to_string(case.materials.join("es/locale.toml")).unwrap();
    assert!(meta.contains("status = \"draft\""), "{meta}");
}

#[test]
fn plural_entries_and_a_wrong_language_are_refused() {
    let case = copy();
    let po = export(&case, "es");
    let plural = format!(
        "{po}\nmsgctxt \"x\"\nmsgid \"one card\"\nmsgid_plural \"cards\"\nmsgstr[0] \"x\"\n"
    );
    let ran = import(&case, &plural);
    assert_eq!(ran.code, Some(1));
    assert!(ran.stderr.contains("a plural entry"), "{}", ran.stderr);
    let path = po_file(&case, &po);
    let ran = bp()
        .args(["i18n", "import"])
        .arg(&path)
        .args(["--locale", "ar"])
        .materials(&case.materials)
        .run();
    assert_eq!(ran.code, Some(1));
    assert!(
        ran.stderr
            .contains("says `Language: es`, but --locale says `ar`"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_new_right_to_left_locale_is_a_draft_that_checks_and_builds_in_english() {
    let case = copy();
    let ran = bp()
        .args(["new-locale", "ur"])
        .materials(&case.materials)
        .passes();
    assert!(ran.stdout.trim_end().ends_with("ur"), "{}", ran.stdout);
    let meta = std::fs::read_to_string(case.materials.join("ur/locale.toml")).unwrap();
    for line in [
        "direction = \"rtl\"",
        "status = \"draft\"",
        "fonts = [\"Noto Sans Arabic\"]",
        "name = \"Urdu\"",
    ] {
        assert!(meta.contains(line), "{line} not in\n{meta}");
    }
    let check = bp()
        .args(["check", "--locale", "ur"])
        .materials(&case.materials)
        .passes();
    assert!(
        check
            .stderr
            .contains("has no text yet, all of it comes from `en`"),
        "{}",
        check.stderr
    );
    bp().args(["build", "--locale", "ur", "--kind", "card"])
        .materials(&case.materials)
        .out(&case.out)
        .passes();
    assert!(case.out.join("ur/card.pdf").is_file());
    // Nothing is translated: every entry of its PO file is empty.
    let po = export(&case, "ur");
    assert!(po.contains("\"Language: ur\\n\""), "{po}");
    assert_eq!(
        po.matches("\nmsgstr \"\"\n").count() - 1,
        po.matches("\nmsgctxt \"").count(),
        "{po}"
    );

    bp().args(["new-locale", "ES"])
        .materials(&case.materials)
        .fails_with(&["already exists"]);
    bp().args(["new-locale", "../x"])
        .materials(&case.materials)
        .fails_with(&["is not a language tag"]);
    assert!(!case.dir.path().join("x").exists());
}

#[test]
fn an_unknown_file_in_a_locale_folder_is_named_with_the_file_it_was_meant_to_be() {
    let case = copy();
    let es = case.materials.join("es");
    std::fs::rename(es.join("red_flags.toml"), es.join("red_flag.toml")).unwrap();
    case.fails_with(&[
        "red_flag.toml",
        "unknown file `red_flag.toml` (did you mean `red_flags.toml`?)",
    ]);
}
