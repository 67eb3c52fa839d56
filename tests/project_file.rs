//! A project's `[theme]` and the rest of `bridgeprint.toml` through the real binary: the
//! colours and type scale reach the page, a theme cannot reach a QR code, an unreadable
//! pair or a bad value is an error at its key; `check` takes `[build]` as `build` does,
//! `--no-strict` overrides the file, a `[build]` locale that does not exist is named at
//! its place, and a run killed mid-way leaves nothing in the temporary directory.

use std::path::{Path, PathBuf};

use crate::common::cli::bp;
use crate::common::pdf::{page_glyphs, qr_payloads, render_gray};

/// A project made by `init` (the bundled materials), its file replaced by `file`.
fn project(file: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    bp().in_dir(tmp.path()).arg("init").arg("proj").passes();
    std::fs::write(root.join("bridgeprint.toml"), file).unwrap();
    (tmp, root)
}

/// Builds `locale`'s `kind` in the project at `root` and returns the PDF's bytes.
fn built(root: &Path, locale: &str, kind: &str) -> Vec<u8> {
    bp().in_dir(root)
        .args(["build", "--locale", locale, "--kind", kind])
        .passes();
    std::fs::read(root.join("output").join(locale).join(format!("{kind}.pdf"))).unwrap()
}

/// The grey a colour renders as (the luma of `tests/common/pdf.rs`).
fn grey(r: u32, g: u32, b: u32) -> u8 {
    u8::try_from((299 * r + 587 * g + 114 * b) / 1000).unwrap()
}

/// A theme that moves every colour role a project may set, each still readable.
const EVERY_ROLE: &str = "[theme]\nink = \"#2B1A4A\"\nbrand = \"#5B2A86\"\non_brand = \"#FFFDF5\"\nalert = \"#9E1B14\"\nmuted = \"#4F4A5A\"\npanel = \"#F3ECFA\"\nstripe = \"#F7F2FC\"\n";

#[test]
fn the_theme_s_brand_colour_fills_the_card_s_band() {
    let (_tmp, root) = project("[theme]\nbrand = \"#5B2A86\"\n");
    let pdf = built(&root, "en", "card");
    let front = &render_gray(&pdf, 72.0)[0];
    // Just inside the trim, left of the headline: the band and nothing else.
    let at = |x: u32, y: u32| front.pixels[(y * front.width + x) as usize];
    let band = at(front.width / 2, front.height / 12);
    assert_eq!(
        band,
        grey(0x5b, 0x2a, 0x86),
        "the band is the theme's brand"
    );
    std::fs::write(root.join("bridgeprint.toml"), "").unwrap();
    let pdf = built(&root, "en", "card");
    let front = &render_gray(&pdf, 72.0)[0];
    let at = |x: u32, y: u32| front.pixels[(y * front.width + x) as usize];
    assert_eq!(
        at(front.width / 2, front.height / 12),
        grey(0x14, 0x3d, 0x66),
        "without a theme, the bundled navy"
    );
}

#[test]
fn a_theme_cannot_reach_a_qr_code() {
    // Pure black is drawn only by QR modules (the bundled ink is #1A1A1A; this theme's is
    // #2B1A4A): the same count in both themes means the same black modules on the same
    // white, and each still scans.
    let black = |pdf: &[u8]| -> usize {
        render_gray(pdf, 150.0)
            .iter()
            .map(|p| p.pixels.iter().filter(|&&v| v == 0).count())
            .sum()
    };
    let (_tmp, plain) = project("");
    let (_tmp2, themed) = project(EVERY_ROLE);
    for kind in ["card", "poster", "handout"] {
        let (a, b) = (built(&plain, "en", kind), built(&themed, "en", kind));
        assert_ne!(a, b, "{kind}: the theme changed nothing");
        assert!(black(&a) > 1000, "{kind}: no QR modules found");
        assert_eq!(black(&a), black(&b), "{kind}: QR modules changed");
        assert_eq!(qr_payloads(&a, 150.0), qr_payloads(&b, 150.0), "{kind}");
    }
}

#[test]
fn an_unreadable_pair_names_both_colours_their_roles_the_ratio_and_the_key() {
    let (_tmp, root) =
        project("[build]\nkinds = [\"card\"]\n\n[theme]\nscale = 1\nbrand = \"#7fb2e5\"\n");
    let ran = bp().in_dir(&root).arg("build").fails_with(&[
        "bridgeprint.toml:6:9",
        "heading on band would print #FFFFFF (on_brand, bundled) on #7fb2e5 (theme.brand), a contrast of 2.23:1",
        "heading on paper would print #7fb2e5 (theme.brand) on #FFFFFF (paper, bundled)",
        "at least 4.5:1",
    ]);
    assert!(!root.join("output").exists(), "{}", ran.stderr);
    // The same in check, and a pale small print is pointed at its own line.
    std::fs::write(
        root.join("bridgeprint.toml"),
        "[theme]\nmuted = \"#999999\"\n",
    )
    .unwrap();
    bp().in_dir(&root).arg("check").fails_with(&[
        "bridgeprint.toml:2:9",
        "muted on paper would print #999999 (theme.muted) on #FFFFFF (paper, bundled), a contrast of 2.84:1",
    ]);
}

#[test]
fn a_bad_colour_a_scale_out_of_range_and_a_misspelt_role_are_named_at_their_place() {
    let (_tmp, root) = project("[theme]\nbrand = \"navy\"\nscale = 1.5\n");
    bp().in_dir(&root).arg("check").fails_with(&[
        "bridgeprint.toml:2:9",
        "theme.brand = \"navy\" is not a colour: write \"#RRGGBB\"",
        "bridgeprint.toml:3:9",
        "theme.scale = 1.5 is out of range: the type scale is a number from 0.9 to 1.3",
    ]);
    std::fs::write(
        root.join("bridgeprint.toml"),
        "[theme]\non_brnd = \"#FFFFFF\"\n",
    )
    .unwrap();
    bp().in_dir(&root).arg("check").fails_with(&[
        "bridgeprint.toml:2:1",
        "unknown field `on_brnd`",
        "did you mean `on_brand`?",
    ]);
}

/// The em sizes of every glyph of `pdf`.
fn sizes(pdf: &[u8]) -> Vec<f64> {
    page_glyphs(pdf).iter().flatten().map(|g| g.size).collect()
}

#[test]
fn the_type_scale_sets_every_text_bigger_or_smaller_but_never_under_the_kind_s_floor() {
    let (_tmp, root) = project("");
    let plain = sizes(&built(&root, "en", "handout"));
    std::fs::write(root.join("bridgeprint.toml"), "[theme]\nscale = 1.2\n").unwrap();
    let big = sizes(&built(&root, "en", "handout"));
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    // The handout flows onto more pages rather than shrinking: every size grows.
    assert!(
        (max(&big) / max(&plain) - 1.2).abs() < 0.01,
        "{} {}",
        max(&big),
        max(&plain)
    );

    // At 0.9 the handout's 8.5 pt small print would be 7.65 pt, under its 8 pt floor:
    // it stays at the floor while the rest gets smaller.
    std::fs::write(root.join("bridgeprint.toml"), "[theme]\nscale = 0.9\n").unwrap();
    let small = sizes(&built(&root, "en", "handout"));
    let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
    assert!(min(&plain) < 8.6, "the small print is {} pt", min(&plain));
    assert!(
        max(&small) < max(&plain) * 0.91,
        "{} {}",
        max(&small),
        max(&plain)
    );
    assert!(min(&small) >= 8.0 - 0.01, "a text at {} pt", min(&small));
}

#[test]
fn check_lays_out_what_the_build_table_names_and_flags_override_it() {
    let (_tmp, root) = project("[build]\nkinds = [\"card\"]\nlocales = [\"en\"]\n");
    let ran = bp().in_dir(&root).arg("check").passes();
    assert!(
        ran.stderr.contains("checked 1 locale, 1 document: all fit"),
        "{}",
        ran.stderr
    );
    let ran = bp()
        .in_dir(&root)
        .args([
            "check", "--locale", "es", "--locale", "fr", "--kind", "poster",
        ])
        .passes();
    // Two posters (letter, a4, tabloid, a3 each): the flags, not the file.
    assert!(
        ran.stderr
            .contains("checked 2 locales, 8 documents: all fit"),
        "{}",
        ran.stderr
    );
}

#[test]
fn no_strict_overrides_strict_in_the_file() {
    // Spanish is a draft in the bundled materials.
    let (_tmp, root) = project("[build]\nstrict = true\nkinds = [\"card\"]\nlocales = [\"es\"]\n");
    bp().in_dir(&root).arg("build").fails_with(&["draft"]);
    let ran = bp().in_dir(&root).args(["build", "--no-strict"]).passes();
    assert!(ran.stderr.contains("draft translation"), "{}", ran.stderr);
    bp().in_dir(&root).args(["check", "--no-strict"]).passes();
    let ran = bp()
        .in_dir(&root)
        .args(["build", "--strict", "--no-strict"])
        .status(2);
    assert!(ran.stderr.contains("cannot be used with"), "{}", ran.stderr);
}

#[test]
fn a_build_table_locale_that_does_not_exist_is_named_in_the_file() {
    let (_tmp, root) = project("[build]\nkinds = [\"card\"]\nlocales = [\"en\", \"en+esp\"]\n");
    for command in ["build", "check"] {
        bp().in_dir(&root).arg(command).fails_with(&[
            "bridgeprint.toml:3:22",
            "no locale `esp` in the materials (did you mean `es`?)",
        ]);
    }
    // Given on the command line, it is the command line's mistake, as before.
    let ran = bp()
        .in_dir(&root)
        .args(["build", "--locale", "ez"])
        .status(2);
    assert!(ran.stderr.contains("unknown locale `ez`"), "{}", ran.stderr);
}

#[test]
fn a_display_with_other_digits_is_pointed_at_its_own_line() {
    let (_tmp, root) = project("[build]\nkinds = [\"card\"]\nlocales = [\"en\"]\n");
    let path = root.join("materials/contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "number = \"+18883737888\"\n",
        "number = \"+18883737888\"\ndisplay = \"1-888-373-7889\"\n",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l == "display = \"1-888-373-7889\"")
        .unwrap();
    bp().in_dir(&root).arg("check").fails_with(&[
        &format!("contacts.toml:{line}:11"),
        "does not hold the same digits",
    ]);
}

#[cfg(unix)]
#[test]
fn a_run_killed_with_the_bundled_materials_unpacked_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let (temp, work) = (tmp.path().join("tmp"), tmp.path().join("work"));
    std::fs::create_dir(&temp).unwrap();
    std::fs::create_dir(&work).unwrap();
    let unpacked = || -> Vec<String> {
        std::fs::read_dir(&temp)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("bridgeprint-bundled-"))
            .collect()
    };
    // No project and no materials/: the bundled materials, unpacked into TMPDIR. The
    // pause before the renames holds the run until it is killed.
    let mut child = bp()
        .in_dir(&work)
        .env("TMPDIR", temp.to_str().unwrap())
        .env("BRIDGEPRINT_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .args(["build", "--locale", "en", "--kind", "card"])
        .command()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !work.join("output/en").exists() {
        assert!(
            start.elapsed().as_secs() < 120,
            "the build never began writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        unpacked().len(),
        1,
        "the killed run left no folder to clean"
    );
    // Something else in the temporary directory, named alike or not, is not touched.
    for other in ["bridgeprint-bundled-notes", "other-folder"] {
        std::fs::create_dir(temp.join(other)).unwrap();
    }
    bp().in_dir(&work)
        .env("TMPDIR", temp.to_str().unwrap())
        .args(["check", "--locale", "en", "--kind", "card"])
        .passes();
    assert_eq!(unpacked(), ["bridgeprint-bundled-notes"]);
    assert!(temp.join("other-folder").is_dir());
}

#[test]
fn a_smaller_scale_never_makes_a_poster_overflow_that_fits_at_one() {
    // Russian's red flags fill their poster column at 1, shrunk to the 16 pt floor: at 0.9
    // the column must be the one the layout reaches by shrinking, spaces included.
    let (_tmp, root) = project("[theme]\nscale = 0.9\n");
    bp().in_dir(&root)
        .args([
            "check", "--locale", "ru", "--kind", "poster", "--paper", "letter",
        ])
        .passes();
}
