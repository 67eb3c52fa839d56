//! Locale folder names become output paths: only language tags pass, and a build writes
//! only inside its output folder, whatever the materials folder holds.

use crate::common;

use std::path::Path;

use common::materials::{case, copy, copy_dir, files_under};

#[test]
fn a_locale_folder_that_is_not_a_language_tag_is_named() {
    for bad in ["en_US", "x..y", "español", "toolong-tag"] {
        let c = copy();
        std::fs::rename(c.materials.join("es"), c.materials.join(bad)).unwrap();
        c.fails_with(&[
            &format!("locale folder `{bad}`"),
            "is not a language tag (BCP 47",
        ]);
    }
}

#[test]
fn a_tag_that_does_not_match_its_folder_is_refused() {
    for tag in ["../../x", "es/../../x", "fr"] {
        let c = case("es/locale.toml", |t| {
            t.replace("tag = \"es\"", &format!("tag = \"{tag}\""))
        });
        c.fails_with(&[
            "es/locale.toml",
            &format!("`tag = \"{tag}\"` does not match its folder name `es`"),
        ]);
    }
}

#[test]
fn two_locale_folders_that_differ_only_in_case_are_refused() {
    let c = copy();
    copy_dir(&c.materials.join("es"), &c.materials.join("ES"));
    c.fails_with(&["same language tag in different case"]);
}

#[test]
fn tags_are_case_insensitive_but_folder_and_tag_must_agree() {
    let c = case("es/locale.toml", |t| {
        t.replace("tag = \"es\"", "tag = \"ES\"")
    });
    std::fs::rename(c.materials.join("es"), c.materials.join("ES")).unwrap();
    c.build()
        .args(["--locale", "ES", "--kind", "card"])
        .passes();
    assert!(c.out.join("ES/card.pdf").is_file());
}

/// Every file under `root` that is not under `out`.
fn outside(root: &Path, out: &Path) -> Vec<std::path::PathBuf> {
    files_under(root)
        .into_iter()
        .filter(|p| !p.starts_with(out))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_symlinked_locale_folder_writes_inside_the_output_folder() {
    let c = copy();
    // The locale's content lives elsewhere in the materials (a link out of them is
    // refused: tests/inputs.rs); its output still goes to OUT/xx.
    let elsewhere = c.materials.join(".elsewhere");
    std::fs::rename(c.materials.join("es"), &elsewhere).unwrap();
    let meta = elsewhere.join("locale.toml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replace("tag = \"es\"", "tag = \"xx\"")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, c.materials.join("xx")).unwrap();
    let before = outside(c.dir.path(), &c.out);

    let run = c.build().passes();
    assert!(c.out.join("xx/card.pdf").is_file());
    assert_eq!(
        outside(c.dir.path(), &c.out),
        before,
        "a file appeared outside the output folder"
    );
    for line in run.stdout.lines() {
        assert!(Path::new(line).starts_with(&c.out), "wrote {line}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_output_folder_is_not_followed() {
    let c = copy();
    let elsewhere = c.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(&c.out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, c.out.join("es")).unwrap();

    let stderr = c.build().status(1).stderr;
    assert!(
        stderr.contains("is a symbolic link") && stderr.contains("/es"),
        "{stderr}"
    );
    assert_eq!(files_under(&elsewhere), Vec::<std::path::PathBuf>::new());
}
