//! Audience editions through the real binary: each edition prints its own signs (and not
//! the general ones) on poster and card and its section in the handout, in en and es;
//! its files carry its name; a locale without its texts is an error naming the file and
//! table to add; `list` shows editions; `check` lays them out; the general edition's
//! bytes do not depend on the editions being there.

use std::path::Path;

use bridgeprint::content::{self, Locale};

use crate::common::cli::bp;
use crate::common::materials::{self, BUNDLED};
use crate::common::pdf;
use crate::common::structure::structure;

const EDITIONS: [&str; 3] = ["trucking", "hospitality", "healthcare"];

/// The text of every element of the PDF's structure tree (a list item, a paragraph, the
/// whole document), white space squashed: what a screen reader reads, one column at a
/// time, where the page's text runs across columns.
fn text_of(path: &Path) -> Printed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let root = structure(&bytes);
    Printed(root.walk().iter().map(|e| squash(&e.text())).collect())
}

#[derive(Debug)]
struct Printed(Vec<String>);

impl Printed {
    fn contains(&self, s: &str) -> bool {
        self.0.iter().any(|p| p.contains(s))
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bundled_locale<'a>(content: &'a bridgeprint::Content, tag: &str) -> &'a Locale {
    content.locale(tag).expect("bundled locale")
}

/// The signs (as printed: placeholders expanded, isolates dropped) a list holds.
fn signs(list: &Option<Vec<String>>) -> Vec<String> {
    list.iter()
        .flatten()
        .map(|s| squash(&bridgeprint::compose::without_isolates(s)))
        .collect()
}

#[test]
fn each_edition_prints_its_own_signs_in_english_and_spanish() {
    let content = content::load(Path::new(BUNDLED)).expect("bundled materials load");
    let out = tempfile::tempdir().unwrap();
    let mut run = bp()
        .arg("build")
        .materials(BUNDLED)
        .out(out.path())
        .epoch("0");
    for e in EDITIONS {
        run = run.args(["--edition", e]);
    }
    run.args(["--locale", "en", "--locale", "es"]).passes();
    for tag in ["en", "es"] {
        let locale = bundled_locale(&content, tag);
        let general = &locale.red_flags;
        for name in EDITIONS {
            let e = &general.editions.0[name];
            let dir = out.path().join(tag);
            let poster = text_of(&dir.join(format!("poster-{name}.pdf")));
            let card = text_of(&dir.join(format!("card-{name}.pdf")));
            let handout = text_of(&dir.join(format!("handout-{name}.pdf")));
            for (what, printed, own, theirs) in [
                ("poster", &poster, &e.poster, &general.poster),
                ("card", &card, &e.card, &general.card),
            ] {
                for sign in signs(own) {
                    assert!(
                        printed.contains(&sign),
                        "{tag} {name} {what}: {sign:?} missing:\n{printed:?}"
                    );
                }
                for sign in signs(theirs) {
                    assert!(
                        !printed.contains(&sign),
                        "{tag} {name} {what} prints the general sign {sign:?}"
                    );
                }
            }
            let audience = squash(e.audience.as_deref().unwrap());
            assert!(
                poster.contains(&audience),
                "{tag} {name} poster lacks {audience:?}"
            );
            for line in signs(&e.items)
                .into_iter()
                .chain(signs(&Some(vec![e.heading.clone().unwrap()])))
                .chain(signs(&e.steps))
            {
                assert!(
                    handout.contains(&line),
                    "{tag} {name} handout: {line:?} missing"
                );
            }
            // The safety lines stay: the hotline, and never-approach on the poster.
            for printed in [&poster, &card, &handout] {
                assert!(
                    printed.contains("1-888-373-7888"),
                    "{tag} {name}: no hotline"
                );
            }
            let title = e.title.as_deref().unwrap();
            let bytes = std::fs::read(dir.join(format!("poster-{name}.pdf"))).unwrap();
            assert!(
                String::from_utf8_lossy(&bytes).contains(&format!(
                    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}<"
                )),
                "{tag} {name}: the PDF title is not {title:?}"
            );
        }
    }
    // Every code of an edition decodes: the call on the card's front, the text on its
    // back, both on the poster.
    for tag in ["en", "es"] {
        let dir = out.path().join(tag);
        for name in EDITIONS {
            let card = pdf::qr_payloads(
                &std::fs::read(dir.join(format!("card-{name}.pdf"))).unwrap(),
                300.0,
            );
            assert_eq!(card.len(), 2, "{tag} {name} card pages");
            assert!(
                card[0]
                    .iter()
                    .any(|p| p.to_ascii_uppercase().starts_with("TEL:+18883737888")),
                "{tag} {name} card front: {card:?}"
            );
            assert!(
                card[1].iter().any(|p| p.contains("233733")),
                "{tag} {name} card back: {card:?}"
            );
            let poster = pdf::qr_payloads(
                &std::fs::read(dir.join(format!("poster-{name}.pdf"))).unwrap(),
                200.0,
            );
            assert_eq!(poster[0].len(), 2, "{tag} {name} poster: {poster:?}");
        }
    }
    // Healthcare's handout says what to do: speak alone, interpreter, HIPAA.
    let handout = text_of(&out.path().join("en/handout-healthcare.pdf"));
    for needle in ["alone", "interpreter", "HIPAA", "mandatory reporting"] {
        assert!(
            handout.contains(needle),
            "healthcare handout lacks {needle:?}"
        );
    }
}

#[test]
fn edition_files_carry_its_name_and_the_manifest_records_it() {
    let out = tempfile::tempdir().unwrap();
    let ran = bp()
        .arg("build")
        .materials(BUNDLED)
        .out(out.path())
        .args(["--edition", "trucking", "--edition", "general"])
        .args(["--locale", "en", "--locale", "en+es"])
        .args(["--kind", "poster", "--kind", "card"])
        .args(["--paper", "letter", "--paper", "a4"])
        .passes();
    let mut written: Vec<String> = ran
        .stdout
        .lines()
        .map(|l| {
            let p = Path::new(l).strip_prefix(out.path()).unwrap();
            p.to_string_lossy().replace('\\', "/")
        })
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            // No en+es card-trucking: a bilingual card has no signs to change.
            "en+es/card.pdf",
            "en+es/poster-a4.pdf",
            "en+es/poster-trucking-a4.pdf",
            "en+es/poster-trucking.pdf",
            "en+es/poster.pdf",
            "en/card-trucking.pdf",
            "en/card.pdf",
            "en/poster-a4.pdf",
            "en/poster-trucking-a4.pdf",
            "en/poster-trucking.pdf",
            "en/poster.pdf",
        ]
    );
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.path().join(".bridgeprint-manifest.json")).unwrap(),
    )
    .unwrap();
    let row = |path: &str| {
        manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == path)
            .unwrap_or_else(|| panic!("{path} not in the manifest"))
            .clone()
    };
    assert_eq!(row("en/poster-trucking-a4.pdf")["edition"], "trucking");
    assert!(row("en/poster-a4.pdf").get("edition").is_none());
    // The en+es trucking poster carries the audience line in both languages.
    let pair = text_of(&out.path().join("en+es/poster-trucking.pdf"));
    assert!(
        pair.contains("For truck stops and travel plazas"),
        "{pair:?}"
    );
    assert!(pair.contains("Para paradas de camiones"), "{pair:?}");
}

#[test]
fn an_edition_a_locale_has_no_texts_for_is_an_error_naming_the_file_and_table() {
    let case = fr_without_editions();
    let bundled = case.materials.as_path();
    let out = tempfile::tempdir().unwrap();
    bp().arg("build")
        .materials(bundled)
        .out(out.path())
        .args(["--edition", "trucking", "--locale", "fr"])
        .fails_with(&[
            &format!("{}", Path::new("fr").join("red_flags.toml").display()),
            "[editions.trucking]",
            "never fall back to English",
        ]);
    assert!(
        materials::files_under(out.path()).is_empty(),
        "a refused build wrote files"
    );
    bp().arg("check")
        .materials(bundled)
        .args(["--edition", "trucking", "--locale", "fr"])
        .fails_with(&["[editions.trucking]"]);
    bp().arg("build")
        .materials(BUNDLED)
        .out(out.path())
        .args(["--edition", "truckin", "--locale", "en"])
        .fails_with(&["edition `truckin`", "trucking"]);
}

#[test]
fn all_makes_each_edition_only_where_its_texts_are() {
    let case = fr_without_editions();
    let out = tempfile::tempdir().unwrap();
    let ran = bp()
        .arg("build")
        .materials(&case.materials)
        .out(out.path())
        .args(["--edition", "all", "--locale", "en", "--locale", "fr"])
        .args(["--kind", "card"])
        .passes();
    let n = ran.stdout.lines().count();
    assert_eq!(
        n,
        4 + 1,
        "en: general and three editions; fr: general only:\n{}",
        ran.stdout
    );
}

#[test]
fn list_shows_the_editions_and_the_locales_that_have_each() {
    let ran = bp().arg("list").materials(BUNDLED).passes();
    assert!(ran.stdout.contains("editions:"), "{}", ran.stdout);
    for name in ["general", "trucking", "hospitality", "healthcare"] {
        assert!(
            ran.stdout.contains(&format!("  {name} ")),
            "{name}:\n{}",
            ran.stdout
        );
    }
    let trucking = ran
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("trucking"))
        .unwrap();
    assert!(
        trucking.contains("locales: en, ")
            && trucking.contains(" es,")
            && trucking.contains(" fr,"),
        "{trucking}"
    );
    assert!(
        trucking.contains("Truckers Against Trafficking"),
        "{trucking}"
    );
}

/// The bundled materials with every edition taken out: `editions.toml` and each
/// locale's `[editions.*]` tables.
fn without_editions(root: &Path) {
    std::fs::remove_file(root.join("editions.toml")).unwrap();
    for entry in std::fs::read_dir(root).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("red_flags.toml").is_file() {
            cut_editions(&dir);
        }
    }
}

/// A locale folder's `red_flags.toml` without its `[editions.*]` tables (they close it).
fn cut_editions(locale: &Path) {
    let path = locale.join("red_flags.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.find("\n[editions.").expect("an edition table");
    std::fs::write(&path, &text[..cut]).unwrap();
}

/// The bundled materials with French's edition tables taken out: a locale that has
/// the general texts and no edition, as a project's own language may.
fn fr_without_editions() -> materials::Case {
    let case = materials::bundled();
    cut_editions(&case.materials.join("fr"));
    case
}

#[test]
fn the_general_edition_prints_the_same_bytes_with_or_without_editions() {
    let with = materials::bundled();
    let without = materials::bundled();
    without_editions(&without.materials);
    let build = |m: &Path, out: &Path, extra: &[&str]| {
        bp().arg("build")
            .materials(m)
            .out(out)
            .epoch("1700000000")
            .args(["--locale", "en", "--locale", "es", "--locale", "en+es"])
            .args(extra)
            .passes()
    };
    build(&with.materials, &with.out, &[]);
    build(&without.materials, &without.out, &[]);
    let general = with.dir.path().join("general");
    build(&with.materials, &general, &["--edition", "general"]);
    let files = materials::files_under(&with.out);
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|f| !f.to_string_lossy().contains("trucking")),
        "a default build made an edition: {files:?}"
    );
    // The manifests differ only in each row's `inputs`: the materials and options differ.
    let read = |p: &Path| {
        let bytes = std::fs::read(p).unwrap();
        if !p.ends_with(bridgeprint::manifest::MANIFEST_FILE) {
            return bytes;
        }
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.contains("\"inputs\"")).collect();
        lines.join("\n").into_bytes()
    };
    for f in files {
        let rel = f.strip_prefix(&with.out).unwrap();
        let a = read(&f);
        assert_eq!(a, read(&without.out.join(rel)), "{}", rel.display());
        assert_eq!(a, read(&general.join(rel)), "{}", rel.display());
    }
}

/// The fixture set with one edition, `night_shift`, in English only.
fn fixture_with_edition(poster: &str) -> materials::Case {
    let case = materials::copy();
    std::fs::write(
        case.materials.join("editions.toml"),
        "[night_shift]\naudience = \"night staff\"\nsource = \"a test\"\n",
    )
    .unwrap();
    case.edit("en/red_flags.toml", |t| {
        format!(
            "{t}\n[editions.night_shift]\ntitle = \"Night title\"\naudience = \"For night staff\"\n\
             poster = [{poster}]\ncard = [\"Night card sign\"]\nheading = \"Night heading\"\n\
             items = [\"Night item\"]\nsource = \"Night source\"\n"
        )
    });
    case
}

#[test]
fn check_lays_out_every_edition_a_locale_has_and_check_edition_limits_it() {
    let case = fixture_with_edition("\"Night poster sign\"");
    let all = case.check().passes();
    let limited = case
        .check()
        .args(["--edition", "night_shift", "--locale", "en"])
        .passes();
    // en alone: a card in both sizes, four posters, four handouts and four tear-off
    // flyers (the discreet kinds have no edition).
    assert!(
        limited.stderr.contains("1 locale, 14 documents"),
        "{}",
        limited.stderr
    );
    let count = |s: &str| -> usize {
        let at = s.find(" documents").unwrap();
        s[..at].rsplit(' ').next().unwrap().parse().unwrap()
    };
    let general = case.check().args(["--edition", "general"]).passes();
    assert_eq!(
        count(&all.stderr),
        count(&general.stderr) + 14,
        "{}",
        all.stderr
    );
    // A sign list that cannot fit is found by the default check, named by its key.
    let long = ["\"A poster sign written long enough to wrap over several lines of the column\"";
        12]
        .join(", ");
    let case = fixture_with_edition(&long);
    case.check()
        .fails_with(&["red_flags.editions.night_shift.poster"]);
    // es has no table: naming the edition there is an error, the default check skips it.
    case.check()
        .args(["--edition", "night_shift", "--locale", "es"])
        .fails_with(&["[editions.night_shift]"]);
}

#[test]
fn an_edition_table_the_materials_do_not_declare_is_an_error_at_its_line() {
    let case = fixture_with_edition("\"Night poster sign\"");
    case.edit("en/red_flags.toml", |t| {
        t.replace("[editions.night_shift]", "[editions.nightshift]")
    });
    case.fails_with(&[
        "red_flags.toml:",
        "edition `nightshift`",
        "does not declare it",
    ]);
}

#[test]
fn a_project_names_its_editions_in_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    bp().in_dir(tmp.path()).arg("init").arg("proj").passes();
    std::fs::write(
        root.join("bridgeprint.toml"),
        "[build]\nlocales = [\"en\"]\nkinds = [\"card\"]\neditions = [\"hospitality\"]\n",
    )
    .unwrap();
    let ran = bp().in_dir(&root).arg("build").epoch("0").passes();
    assert!(
        ran.stdout.contains("card-hospitality.pdf"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.stdout.lines().count(), 1, "{}", ran.stdout);
    std::fs::write(
        root.join("bridgeprint.toml"),
        "[build]\neditions = [\"Hospitality\"]\n",
    )
    .unwrap();
    bp().in_dir(&root)
        .arg("build")
        .fails_with(&["bridgeprint.toml:2:", "`Hospitality` is no edition"]);
}
