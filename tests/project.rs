//! A project through the real binary: `init`, `bridgeprint.toml` found like cargo's
//! `Cargo.toml` or named with `--project`, its `[build]` defaults under the command line's
//! flags, and the materials compiled into the binary when there is no folder to read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::cli::{bp, bp_at};

/// A folder far from the repository with a project made in it by `init`.
fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    bp().in_dir(tmp.path()).arg("init").arg("proj").passes();
    (tmp, root)
}

/// `[build]` of the project's file replaced by `table`.
fn set_build(root: &Path, table: &str) {
    std::fs::write(root.join("bridgeprint.toml"), format!("[build]\n{table}")).unwrap();
}

/// The paths a build printed, relative to `root`, sorted.
fn written(stdout: &str, root: &Path) -> Vec<String> {
    let mut paths: Vec<String> = stdout
        .lines()
        .map(|l| {
            let p = Path::new(l);
            p.strip_prefix(root)
                .unwrap_or_else(|_| panic!("{l} is not under {}", root.display()))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    paths.sort();
    paths
}

/// Every file under `dir` (the manifest left out), by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn init_then_build_with_an_installed_binary_in_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    // The binary copied away from the repository, as `cargo install` leaves it: nothing
    // it reads may come from the source tree.
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let program = bin.join("bridgeprint");
    std::fs::copy(env!("CARGO_BIN_EXE_bridgeprint"), &program).unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();

    let ran = bp_at(&program)
        .in_dir(&work)
        .arg("init")
        .arg("outreach")
        .passes();
    assert!(
        ran.stderr.contains("created a bridgeprint project"),
        "{}",
        ran.stderr
    );
    let root = work.join("outreach");
    for file in [
        "bridgeprint.toml",
        "README.md",
        "fonts/README.md",
        "materials/contacts.toml",
        "materials/en/locale.toml",
        "materials/ar/texts.toml",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains("bridgeprint build") && readme.contains("Print"),
        "{readme}"
    );

    let ran = bp_at(&program)
        .in_dir(&root)
        .args([
            "build", "--locale", "en", "--locale", "ar", "--kind", "card",
        ])
        .passes();
    assert_eq!(
        written(&ran.stdout, &root),
        ["output/ar/card.pdf", "output/en/card.pdf"]
    );
    let pdf = std::fs::read(root.join("output/en/card.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    bp_at(&program).in_dir(&root).arg("list").passes();
}

#[test]
fn init_refuses_an_existing_project_and_changes_nothing() {
    let (tmp, root) = project();
    set_build(&root, "kinds = [\"card\"]\n");
    let before = std::fs::read(root.join("bridgeprint.toml")).unwrap();
    bp().in_dir(tmp.path())
        .arg("init")
        .arg("proj")
        .fails_with(&["bridgeprint.toml: a bridgeprint project is already here"]);
    assert_eq!(
        std::fs::read(root.join("bridgeprint.toml")).unwrap(),
        before
    );
    // A materials folder alone is a project's content too: never overwritten.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(other.join("materials")).unwrap();
    bp().in_dir(tmp.path())
        .arg("init")
        .arg("other")
        .fails_with(&["materials: a bridgeprint project is already here"]);
    assert!(!other.join("bridgeprint.toml").exists());
}

#[test]
fn a_project_is_found_from_a_subfolder_and_its_build_table_is_the_default() {
    let (_tmp, root) = project();
    set_build(
        &root,
        "kinds = [\"card\", \"poster\"]\nlocales = [\"es\", \"en+es\"]\npapers = [\"a4\"]\n",
    );
    let deep = root.join("notes/2026");
    std::fs::create_dir_all(&deep).unwrap();
    let ran = bp().in_dir(&deep).arg("build").passes();
    // Output goes to the project's folder, as cargo's target/ does.
    assert_eq!(
        written(&ran.stdout, &root),
        [
            "output/en+es/card.pdf",
            "output/en+es/poster-a4.pdf",
            "output/es/card.pdf",
            "output/es/poster-a4.pdf"
        ]
    );
}

#[test]
fn project_names_the_project_from_anywhere() {
    let (tmp, root) = project();
    set_build(&root, "kinds = [\"card\"]\nlocales = [\"vi\"]\n");
    let ran = bp()
        .in_dir(tmp.path())
        .arg("build")
        .arg("--project")
        .arg("proj")
        .passes();
    assert_eq!(
        written(&ran.stdout, Path::new("proj")),
        ["output/vi/card.pdf"]
    );
    // Its materials, not the bundled ones: an edit there is what is read, and the file's
    // `vi` now names nothing.
    std::fs::remove_dir_all(root.join("materials/vi")).unwrap();
    for command in ["check", "build"] {
        bp().in_dir(tmp.path())
            .args([command, "--project", "proj"])
            .fails_with(&["bridgeprint.toml:3:13", "no locale `vi` in the materials"]);
    }
}

#[test]
fn a_flag_overrides_the_build_table() {
    let (_tmp, root) = project();
    set_build(
        &root,
        "kinds = [\"card\"]\nlocales = [\"es\"]\npapers = [\"a4\"]\n",
    );
    let ran = bp()
        .in_dir(&root)
        .args([
            "build", "--locale", "fr", "--kind", "poster", "--paper", "a3",
        ])
        .passes();
    assert_eq!(written(&ran.stdout, &root), ["output/fr/poster-a3.pdf"]);
    // A flag given for one setting leaves the others to the file.
    let ran = bp()
        .in_dir(&root)
        .args(["build", "--locale", "ko"])
        .passes();
    assert_eq!(written(&ran.stdout, &root), ["output/ko/card.pdf"]);
}

#[test]
fn a_misspelt_key_in_the_project_file_is_named_with_its_place_and_the_right_name() {
    let (_tmp, root) = project();
    set_build(&root, "kinds = [\"card\"]\nlocale = [\"es\"]\n");
    bp().in_dir(&root).arg("build").fails_with(&[
        "bridgeprint.toml:3:1",
        "unknown field `locale`",
        "did you mean `locales`?",
    ]);
    set_build(&root, "papers = [\"letter\", \"a5\"]\n");
    bp().in_dir(&root).arg("check").fails_with(&[
        "bridgeprint.toml:2:21",
        "unknown paper `a5` (did you mean `a4`?)",
    ]);
}

#[test]
fn a_one_locale_build_without_a_project_still_repairs_another_locale_s_file() {
    // A build unpacks only the bundled locales it asked for; a file of another locale that
    // the last build's manifest lists and that is gone must still be made again.
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    bp().in_dir(&empty)
        .epoch("1700000000")
        .args([
            "build", "--kind", "card", "--locale", "en", "--locale", "es",
        ])
        .passes();
    let es = empty.join("output/es/card.pdf");
    let before = std::fs::read(&es).unwrap();
    std::fs::remove_file(&es).unwrap();
    let ran = bp()
        .in_dir(&empty)
        .epoch("1700000000")
        .args(["build", "--kind", "card", "--locale", "en"])
        .passes();
    assert!(ran.stderr.contains("es/card.pdf"), "{}", ran.stderr);
    assert!(std::fs::read(&es).unwrap() == before, "es/card.pdf differs");
}

#[test]
fn with_no_materials_folder_the_bundled_ones_build_the_repository_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let args = [
        "build", "--locale", "en", "--locale", "ar", "--locale", "th", "--locale", "en+es",
    ];
    let ran = bp().in_dir(&empty).epoch("1700000000").args(args).passes();
    assert!(
        !ran.stderr.contains(&tmp.path().display().to_string()),
        "{}",
        ran.stderr
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("materials");
    let reference = tmp.path().join("reference");
    bp().epoch("1700000000")
        .args(args)
        .materials(&repo)
        .out(&reference)
        .passes();
    let bundled = files(&empty.join("output"));
    let from_repo = files(&reference);
    assert_eq!(
        bundled.keys().collect::<Vec<_>>(),
        from_repo.keys().collect::<Vec<_>>()
    );
    assert!(bundled.len() >= 9, "{:?}", bundled.keys());
    for (path, bytes) in &bundled {
        assert!(
            bytes == &from_repo[path],
            "{path} differs from the repository build"
        );
    }
    // A draft warning names the bundled file, not a temporary folder.
    let ran = bp()
        .in_dir(&empty)
        .args(["build", "--locale", "fr", "--kind", "card"])
        .passes();
    assert!(ran.stderr.contains("draft"), "{}", ran.stderr);
    assert!(
        !ran.stderr.contains("bridgeprint-bundled-"),
        "{}",
        ran.stderr
    );
}

#[test]
fn the_build_table_s_strict_and_font_folders_are_the_project_s() {
    let (tmp, root) = project();
    set_build(
        &root,
        "kinds = [\"card\"]\nlocales = [\"fr\"]\nstrict = true\n",
    );
    bp().in_dir(&root).arg("build").fails_with(&["fr", "draft"]);
    // Font folders are relative to the project, wherever the run starts: a broken font
    // in the project's fonts/ is read (and refused) from a folder outside it.
    set_build(
        &root,
        "kinds = [\"card\"]\nlocales = [\"en\"]\nfont_dirs = [\"fonts\"]\n",
    );
    std::fs::write(root.join("fonts/broken.ttf"), "not a font").unwrap();
    bp().in_dir(tmp.path())
        .args(["build", "--project", "proj"])
        .fails_with(&["broken.ttf", "not a font"]);
    // --font-dir replaces the project's folders.
    let empty = tmp.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    bp().in_dir(&root)
        .arg("build")
        .arg("--font-dir")
        .arg(&empty)
        .passes();
}

/// `text` with every example of the file `init` writes switched on: a `#` directly before
/// a setting or a table header dropped, as a coordinator would; `# ` explanations stay.
fn uncommented(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| !c.is_whitespace() && c != '#') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn every_example_init_writes_builds_once_uncommented() {
    let (_tmp, root) = project();
    let file = std::fs::read_to_string(root.join("bridgeprint.toml")).unwrap();
    for table in [
        "#[organisation]",
        "#short_name",
        "#logo",
        "#website",
        "#distribution",
        "#[theme]",
        "#[contacts.legal_aid]",
        "#source",
        "#verified",
        "#[local_help]",
        "#[local_help.labels.legal_aid]",
        "#editions",
    ] {
        assert!(file.contains(table), "no example `{table}` in\n{file}");
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for needle in ["--edition trucking", "[local_help]"] {
        assert!(readme.contains(needle), "{needle} not in\n{readme}");
    }

    let on = uncommented(&file);
    assert!(on.contains("\n[organisation]\n") && on.contains("\n[local_help]\n"));
    std::fs::write(root.join("bridgeprint.toml"), on).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logos/logo.svg"),
        root.join("logo.svg"),
    )
    .unwrap();
    let ran = bp().in_dir(&root).arg("build").passes();
    let made = written(&ran.stdout, &root);
    for file in [
        "output/en/poster.pdf",
        "output/es/card-trucking.pdf",
        "output/en+es/poster-trucking.pdf",
    ] {
        assert!(made.iter().any(|m| m == file), "{file} not in {made:?}");
    }
    // The examples are used, not just parsed: the card's back names the local line.
    let card = std::fs::read(root.join("output/en/card.pdf")).unwrap();
    let text = crate::common::pdf::page_text(&card).join("\n");
    assert!(text.contains("555-0142"), "{text}");
}

#[test]
fn an_older_project_asked_for_an_edition_is_told_what_to_copy_and_copying_it_works() {
    let (tmp, root) = project();
    let materials = root.join("materials");
    // As an older `init` left it: no editions.toml, no [editions.*] tables.
    std::fs::remove_file(materials.join("editions.toml")).unwrap();
    let tables = |text: &str, keep_editions: bool| -> String {
        let mut inside = false;
        text.lines()
            .filter(|l| {
                if l.starts_with('[') {
                    inside = l.starts_with("[editions.");
                }
                inside == keep_editions
            })
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let en_flags = materials.join("en/red_flags.toml");
    for locale in std::fs::read_dir(&materials).unwrap() {
        let flags = locale.unwrap().path().join("red_flags.toml");
        if flags.is_file() {
            let text = std::fs::read_to_string(&flags).unwrap();
            std::fs::write(&flags, tables(&text, false)).unwrap();
        }
    }
    let args = ["build", "--edition", "trucking", "--locale", "en"];
    let ran = bp().in_dir(&root).args(args).fails_with(&[
        "edition `trucking` is not in the materials",
        "has no editions.toml",
        "bridgeprint init",
        "editions.toml into",
        "[editions.*] tables",
    ]);
    assert!(
        ran.stderr.contains(&materials.display().to_string()),
        "the materials folder is not named: {}",
        ran.stderr
    );

    // The advice followed: a fresh init elsewhere, its files copied in.
    let fresh = tmp.path().join("fresh");
    bp().arg("init").arg(&fresh).passes();
    std::fs::copy(
        fresh.join("materials/editions.toml"),
        materials.join("editions.toml"),
    )
    .unwrap();
    let fresh_en = std::fs::read_to_string(fresh.join("materials/en/red_flags.toml")).unwrap();
    let mut old_en = std::fs::read_to_string(&en_flags).unwrap();
    old_en.push_str(&tables(&fresh_en, true));
    std::fs::write(&en_flags, old_en).unwrap();
    let ran = bp().in_dir(&root).args(args).passes();
    assert!(ran.stdout.contains("poster-trucking.pdf"), "{}", ran.stdout);
}
