//! Builds into one output folder take turns: a build that finds the folder locked waits
//! (saying for whom), or gives up with a clear error after `--lock-timeout`, and the folder
//! always ends up holding one build's complete set of PDFs.

use crate::common;

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::cli::{Bp, bp};
use common::materials::{Case, copy, files_under};

const LOCK: &str = ".bridgeprint.lock";

fn build_cmd(c: &Case, out: &Path, epoch: Option<&str>) -> Bp {
    let run = bp().arg("build").materials(&c.materials).out(out);
    match epoch {
        Some(e) => run.epoch(e),
        None => run,
    }
}

/// Takes the output folder's lock as a build would, naming this process.
fn hold_lock(out: &Path) -> File {
    std::fs::create_dir_all(out).unwrap();
    let mut f = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(out.join(LOCK))
        .unwrap();
    f.try_lock().expect("the lock is free");
    writeln!(f, "{}", std::process::id()).unwrap();
    f
}

fn pdfs(out: &Path) -> Vec<PathBuf> {
    files_under(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

#[test]
fn a_build_gives_up_after_the_lock_timeout_naming_the_holder() {
    let c = copy();
    let _held = hold_lock(&c.out);
    let run = build_cmd(&c, &c.out, None)
        .args(["--lock-timeout", "0.3"])
        .status(1);
    let stderr = &run.stderr;
    let pid = format!("(pid {})", std::process::id());
    assert!(stderr.contains("waiting for another build in"), "{stderr}");
    assert!(
        stderr.contains(&format!("another build {pid} is writing into")),
        "{stderr}"
    );
    assert!(stderr.contains("gave up after"), "{stderr}");
    assert!(run.stdout.is_empty());
    assert_eq!(pdfs(&c.out), Vec::<PathBuf>::new());
}

#[test]
fn a_build_waits_for_the_lock_writes_nothing_meanwhile_then_finishes() {
    let c = copy();
    let held = hold_lock(&c.out);
    let mut child = build_cmd(&c, &c.out, None)
        .args(["--kind", "card"])
        .command()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(
        first.contains("waiting for another build in")
            && first.contains(&format!("(pid {})", std::process::id())),
        "{first}"
    );
    // It has made every PDF in memory and is waiting to write them.
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(pdfs(&c.out), Vec::<PathBuf>::new());
    drop(held);
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(status.success(), "{rest}");
    assert_eq!(pdfs(&c.out).len(), 3, "a card for each of en, es and ar");
}

/// Whether `pdf` is a complete, well-formed PDF: qpdf when present (CI installs it),
/// else a parse in Rust.
fn check_pdf(pdf: &Path) {
    let bytes = std::fs::read(pdf).unwrap();
    assert!(
        bytes.trim_ascii_end().ends_with(b"%%EOF"),
        "{} is cut short",
        pdf.display()
    );
    match Command::new("qpdf").arg("--check").arg(pdf).output() {
        Ok(run) => assert!(
            run.status.success(),
            "qpdf --check {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&run.stdout)
        ),
        Err(_) => assert!(common::pdf::page_count(&bytes) > 0, "{}", pdf.display()),
    }
}

#[test]
fn two_builds_at_once_both_succeed_and_leave_one_complete_set() {
    let c = copy();
    // Two builds with different creation dates make different bytes, so the files tell
    // which build wrote them.
    let (a, b) = ("1767225600", "1798761600");
    let reference = |epoch: &str| {
        let out = c.dir.path().join(format!("ref-{epoch}"));
        build_cmd(&c, &out, Some(epoch)).passes();
        pdfs(&out)
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(&out).unwrap().to_path_buf();
                (rel, std::fs::read(&p).unwrap())
            })
            .collect::<Vec<_>>()
    };
    let (ref_a, ref_b) = (reference(a), reference(b));
    assert_ne!(ref_a, ref_b);

    for round in 0..3 {
        let runs: Vec<_> = [a, b]
            .into_iter()
            .map(|e| {
                build_cmd(&c, &c.out, Some(e))
                    .command()
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for run in runs {
            let o = run.wait_with_output().unwrap();
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let now: Vec<_> = pdfs(&c.out)
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(&c.out).unwrap().to_path_buf();
                (rel, std::fs::read(&p).unwrap())
            })
            .collect();
        assert!(
            now == ref_a || now == ref_b,
            "round {round}: the folder mixes the two builds' files"
        );
        let others: Vec<_> = files_under(&c.out)
            .into_iter()
            .filter(|p| p.extension().is_none_or(|e| e != "pdf"))
            .collect();
        assert_eq!(
            others,
            [c.out.join(".bridgeprint-manifest.json"), c.out.join(LOCK)],
            "round {round}: temporary files left"
        );
    }
    for pdf in pdfs(&c.out) {
        check_pdf(&pdf);
    }
}

/// The tests' hang guard (`common::cli`) is what keeps a blocked run from stalling the
/// whole suite: a build waiting for a held lock (60 s by default) is killed and fails.
#[test]
#[should_panic(expected = "hung for")]
fn the_hang_guard_kills_a_build_that_waits_and_fails_the_test() {
    let c = copy();
    let _held = hold_lock(&c.out);
    build_cmd(&c, &c.out, None)
        .args(["--kind", "card", "--locale", "en"])
        .timeout(std::time::Duration::from_millis(1500))
        .passes();
}
