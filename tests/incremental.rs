//! A build makes and writes only what changed: a PDF whose inputs (content, project file,
//! options, this program) hash as the manifest says they did, with its file still those
//! bytes, keeps its file, inode and modification time; `--force` makes all; `--clean`
//! removes what no build makes any more, and nothing else.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::common::cli::{Bp, bp};
use crate::common::materials::{Case, copy};

use bridgeprint::manifest::MANIFEST_FILE;

const EPOCH: &str = "1700000000";

/// Every file under `out` (the manifest too, not the lock file every build takes),
/// relative, with its inode and modification time: a file rewritten (a new file renamed
/// into place) changes both.
fn stamps(out: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    crate::common::materials::files_under(out)
        .into_iter()
        .filter(|p| !p.ends_with(".bridgeprint.lock"))
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            let rel = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// The files whose stamp differs between `before` and `after` (or which one lacks).
fn changed(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> Vec<String> {
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| before.get(*n) != after.get(*n))
        .cloned()
        .collect()
}

fn cards(c: &Case) -> Bp {
    c.build().epoch(EPOCH).args(["--kind", "card"])
}

/// The PDFs the build's stdout names, relative to `out`, sorted.
fn listed(stdout: &str, out: &Path) -> Vec<String> {
    let mut v: Vec<String> = stdout
        .lines()
        .map(|l| {
            Path::new(l)
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

const CARDS: [&str; 3] = ["ar/card.pdf", "en/card.pdf", "es/card.pdf"];

#[test]
fn a_second_build_rewrites_nothing_and_still_lists_every_file() {
    let c = copy();
    cards(&c).passes();
    let before = stamps(&c.out);
    let run = cards(&c).passes();
    assert_eq!(changed(&before, &stamps(&c.out)), Vec::<String>::new());
    assert!(
        run.stderr.contains("wrote 0 PDFs (0 pages), 3 unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(listed(&run.stdout, &c.out), CARDS);
}

#[test]
fn a_changed_locale_text_rebuilds_only_that_locales_files() {
    let c = copy();
    cards(&c).passes();
    let before = stamps(&c.out);
    c.edit("es/texts.toml", |t| {
        t.replace("Título del reverso", "Otro título del reverso")
    });
    let run = cards(&c).passes();
    assert_eq!(
        changed(&before, &stamps(&c.out)),
        [MANIFEST_FILE, "es/card.pdf"]
    );
    assert!(run.stderr.contains("wrote 1 PDF"), "{}", run.stderr);
}

/// Each PDF's fingerprint as the manifest in `out` lists it.
fn fingerprints(out: &Path) -> BTreeMap<String, Option<String>> {
    let m = bridgeprint::manifest::read(out).unwrap().unwrap();
    m.files.into_iter().map(|r| (r.path, r.inputs)).collect()
}

#[test]
fn an_edit_to_english_makes_every_locale_again_and_rewrites_only_changed_bytes() {
    let c = copy();
    cards(&c).passes();
    let before = stamps(&c.out);
    let inputs = fingerprints(&c.out);
    // Every locale falls back to en, so each is made again; a comment changes no byte
    // printed, so no PDF is rewritten, and only the manifest says they were made.
    c.edit("en/texts.toml", |t| format!("{t}\n# a note\n"));
    let run = cards(&c).passes();
    assert!(run.stderr.contains("wrote 0 PDFs"), "{}", run.stderr);
    assert_eq!(changed(&before, &stamps(&c.out)), [MANIFEST_FILE]);
    let now = fingerprints(&c.out);
    for (path, fp) in &inputs {
        assert!(fp.is_some());
        assert_ne!(now.get(path), Some(fp), "{path}");
    }
}

#[test]
fn a_changed_contact_makes_every_file_again() {
    let c = copy();
    cards(&c).passes();
    let inputs = fingerprints(&c.out);
    c.edit("contacts.toml", |t| {
        t.replace(
            "source = \"Emergency source\"",
            "source = \"Called 911 dispatch\"",
        )
    });
    cards(&c).passes();
    let now = fingerprints(&c.out);
    assert_eq!(now.len(), 3);
    for (path, fp) in &inputs {
        assert_ne!(now.get(path), Some(fp), "{path}");
    }
}

#[test]
fn a_changed_source_date_epoch_rebuilds() {
    let c = copy();
    cards(&c).passes();
    let before = stamps(&c.out);
    let run = c
        .build()
        .epoch("1700000001")
        .args(["--kind", "card"])
        .passes();
    assert_eq!(changed(&before, &stamps(&c.out)).len(), 4, "{}", run.stderr);
}

#[test]
fn a_deleted_or_edited_output_is_made_again() {
    let c = copy();
    cards(&c).passes();
    let good = std::fs::read(c.out.join("es/card.pdf")).unwrap();
    std::fs::remove_file(c.out.join("en/card.pdf")).unwrap();
    let mut bad = good.clone();
    let at = bad.len() / 2;
    bad[at] ^= 1;
    std::fs::write(c.out.join("es/card.pdf"), &bad).unwrap();
    let before = stamps(&c.out);
    let run = cards(&c).passes();
    assert!(run.stderr.contains("wrote 2 PDFs"), "{}", run.stderr);
    assert_eq!(std::fs::read(c.out.join("es/card.pdf")).unwrap(), good);
    assert!(c.out.join("en/card.pdf").is_file());
    assert_eq!(
        changed(&before, &stamps(&c.out)),
        [MANIFEST_FILE, "en/card.pdf", "es/card.pdf"]
    );
}

#[test]
fn force_rewrites_every_file() {
    let c = copy();
    cards(&c).passes();
    let before = stamps(&c.out);
    let run = cards(&c).arg("--force").passes();
    assert!(run.stderr.contains("wrote 3 PDFs"), "{}", run.stderr);
    let now = changed(&before, &stamps(&c.out));
    assert_eq!(now.len(), 4, "{now:?}");
}

#[test]
fn an_older_manifest_without_fingerprints_reads_and_rebuilds_once() {
    let c = copy();
    cards(&c).passes();
    let path = c.out.join(MANIFEST_FILE);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for row in json["files"].as_array_mut().unwrap() {
        let row = row.as_object_mut().unwrap();
        assert!(row.remove("inputs").is_some() && row.remove("pages").is_some());
    }
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let run = cards(&c).passes();
    assert!(
        run.stderr.contains("wrote 0 PDFs"),
        "same bytes: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("manifest"), "{}", run.stderr);
    let before = stamps(&c.out);
    let again = cards(&c).passes();
    assert!(again.stderr.contains("3 unchanged"), "{}", again.stderr);
    assert_eq!(changed(&before, &stamps(&c.out)), Vec::<String>::new());
}

#[test]
fn clean_removes_a_deleted_locales_files_and_nothing_else() {
    let c = copy();
    cards(&c).passes();
    let stray = c.out.join("ar/notes.txt");
    std::fs::write(&stray, "mine").unwrap();
    std::fs::write(c.out.join("README.txt"), "mine too").unwrap();
    let en_before = stamps(&c.out);
    std::fs::remove_dir_all(c.materials.join("ar")).unwrap();
    // Without --clean a deleted locale's file stays.
    cards(&c).passes();
    assert!(c.out.join("ar/card.pdf").is_file());
    let run = cards(&c).arg("--clean").passes();
    let removed = c.out.join("ar/card.pdf");
    assert!(!removed.exists());
    assert!(
        run.stderr
            .contains(&format!("removed {}", removed.display())),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&stray).unwrap(), b"mine");
    assert!(c.out.join("README.txt").is_file());
    assert_eq!(listed(&run.stdout, &c.out), ["en/card.pdf", "es/card.pdf"]);
    let now = stamps(&c.out);
    for f in ["en/card.pdf", "es/card.pdf"] {
        assert_eq!(now.get(f), en_before.get(f), "{f} was rewritten");
    }
    let m = bridgeprint::manifest::read(&c.out).unwrap().unwrap();
    let rows: Vec<&str> = m.files.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(rows, ["en/card.pdf", "es/card.pdf"]);
}

#[test]
fn clean_with_one_locale_keeps_the_others_and_removes_a_kind_no_longer_built() {
    let c = copy();
    c.build()
        .epoch(EPOCH)
        .args(["--kind", "card", "--kind", "poster"])
        .passes();
    // `--locale es --clean` outside a project: the whole build is every locale and every
    // kind, so nothing is removed.
    let run = cards(&c).args(["--locale", "es", "--clean"]).passes();
    assert!(!run.stderr.contains("removed"), "{}", run.stderr);
    assert!(c.out.join("en/card.pdf").is_file());
    assert!(c.out.join("en/poster.pdf").is_file());
    // A paper the whole build does not make goes; the letter poster it does make stays.
    c.build()
        .epoch(EPOCH)
        .args(["--kind", "poster", "--locale", "es", "--paper", "a4"])
        .passes();
    assert!(c.out.join("es/poster-a4.pdf").is_file());
    let run = cards(&c).args(["--locale", "en", "--clean"]).passes();
    assert!(!c.out.join("es/poster-a4.pdf").exists(), "{}", run.stderr);
    assert!(c.out.join("es/poster.pdf").is_file());
    assert!(c.out.join("es/card.pdf").is_file());
}

/// A project made by `init` with the fixture materials, building en's card.
fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    bp().in_dir(tmp.path()).arg("init").arg("proj").passes();
    std::fs::remove_dir_all(root.join("materials")).unwrap();
    crate::common::materials::copy_dir(
        Path::new(crate::common::materials::FIXTURE),
        &root.join("materials"),
    );
    (tmp, root)
}

fn project_card(root: &Path) -> Bp {
    bp().in_dir(root)
        .epoch(EPOCH)
        .args(["build", "--kind", "card", "--locale", "en"])
}

#[test]
fn a_changed_theme_or_logo_rebuilds() {
    let (_tmp, root) = project();
    let logos = Path::new("tests/fixtures/logos");
    std::fs::copy(logos.join("logo.png"), root.join("logo.png")).unwrap();
    let file = root.join("bridgeprint.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\n[organisation]\nname = \"Safe Harbor\"\nlogo = \"logo.png\"\n"),
    )
    .unwrap();
    let out = root.join("output");
    project_card(&root).passes();
    let before = stamps(&out);
    project_card(&root).passes();
    assert_eq!(changed(&before, &stamps(&out)), Vec::<String>::new());

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n[theme]\nbrand = \"#5B2A86\"\n")).unwrap();
    let run = project_card(&root).passes();
    assert!(run.stderr.contains("wrote 1 PDF"), "{}", run.stderr);
    let before = stamps(&out);

    std::fs::copy(logos.join("small.png"), root.join("logo.png")).unwrap();
    let run = project_card(&root).passes();
    assert!(run.stderr.contains("wrote 1 PDF"), "{}", run.stderr);
    assert_eq!(
        changed(&before, &stamps(&out)),
        [MANIFEST_FILE, "en/card.pdf"]
    );
}

#[test]
fn the_two_project_example_builds_both_and_a_second_run_rewrites_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    crate::common::materials::copy_dir(Path::new("examples/two-projects"), tmp.path());
    let build = |project: &str| {
        bp().in_dir(tmp.path())
            .epoch(EPOCH)
            .args(["build", "--project", project, "--clean"])
            .passes()
    };
    let outs = ["safe-harbor", "valley-outreach"].map(|p| tmp.path().join(p).join("output"));
    for p in ["safe-harbor", "valley-outreach"] {
        build(p);
    }
    let before = outs.clone().map(|o| stamps(&o));
    assert!(before.iter().all(|s| s.len() > 5), "{before:?}");
    for p in ["safe-harbor", "valley-outreach"] {
        let run = build(p);
        assert!(run.stderr.contains("wrote 0 PDFs"), "{}", run.stderr);
    }
    for (o, b) in outs.iter().zip(&before) {
        assert_eq!(changed(b, &stamps(o)), Vec::<String>::new());
    }
}
