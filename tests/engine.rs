//! The build engine (issue 14): documents made on every core give the bytes one thread
//! gives, and a build reads only the locales it makes.

use crate::common;

use std::path::Path;

use common::materials::{bundled, copy, files_under};

/// Every file under `dir` (the manifest too) with its bytes, by path inside `dir`.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read output");
            let shown = p
                .strip_prefix(dir)
                .expect("under dir")
                .display()
                .to_string();
            (shown, bytes)
        })
        .collect()
}

#[test]
fn a_parallel_build_writes_the_bytes_and_manifest_of_a_one_thread_build() {
    let c = bundled();
    let one = c.dir.path().join("one-thread");
    let many = c.dir.path().join("many-threads");
    // Every edition too, so the matrix has documents of every length to finish out of order.
    let build = |out: &Path, threads: &str| {
        common::cli::bp()
            .arg("build")
            .materials(&c.materials)
            .out(out)
            .args(["--edition", "all"])
            .epoch("1700000000")
            .env("RAYON_NUM_THREADS", threads)
            .passes()
    };
    let one_run = build(&one, "1");
    let many_run = build(&many, "4");
    let (one, many) = (tree(&one), tree(&many));
    assert!(
        one.len() > 50,
        "the bundled matrix made {} files",
        one.len()
    );
    assert_eq!(
        one.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        many.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "the same files"
    );
    for ((path, a), (_, b)) in one.iter().zip(&many) {
        assert!(a == b, "{path} differs between 1 and 4 threads");
    }
    // The paths printed, in plan order, and the warnings, in the same order (the summary
    // line says how long it took).
    let strip = |s: &str, dir: &str| {
        s.replace(dir, "OUT")
            .lines()
            .filter(|l| !l.starts_with("wrote "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(&one_run.stdout, "one-thread"),
        strip(&many_run.stdout, "many-threads")
    );
    assert_eq!(
        strip(&one_run.stderr, "one-thread"),
        strip(&many_run.stderr, "many-threads")
    );
}

#[test]
fn a_build_of_one_locale_is_not_stopped_by_a_broken_other_one_that_check_still_finds() {
    let c = copy();
    c.edit("ar/texts.toml", |t| t.replace("[card]", "[card\n"));
    for wanted in ["es", "en+es", "ES"] {
        let built = c.build().args(["--locale", wanted]);
        // `ES` is a folder name in another case: read, then refused (or taken) by the
        // selection, but never stopped by `ar`.
        let ran = built.run();
        assert!(
            !ran.stderr.contains("ar/texts.toml"),
            "a build of {wanted} read ar:\n{}",
            ran.stderr
        );
        if wanted != "ES" {
            assert_eq!(
                ran.code,
                Some(0),
                "build --locale {wanted}:\n{}",
                ran.stderr
            );
        }
    }
    assert!(c.out.join("es/card.pdf").is_file());
    assert!(c.out.join("en+es/card.pdf").is_file());
    // What is not built is still checked, and a build of everything still refuses it.
    c.check().fails_with(&["ar/texts.toml"]);
    c.build().fails_with(&["ar/texts.toml"]);
}
