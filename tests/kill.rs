//! A build killed at any moment (SIGKILL: no cleanup runs) leaves every PDF in the output
//! folder complete: each is the previous build's file or the new build's, never half of
//! one. The next build removes the temporary files the killed one left.
//!
//! The loop alternates two creation dates (SOURCE_DATE_EPOCH), so the two builds' files
//! differ and each file tells which build wrote it. The seed is printed; rerun a failure
//! with `KILL_SEED=<seed> cargo test --release --test kill -- --nocapture`.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ITERATIONS: usize = 30;
/// A complete build runs after every this many kills, and once at the end.
const COMPLETE_EVERY: usize = 5;
const EPOCHS: [&str; 2] = ["1767225600", "1798761600"];

type Files = BTreeMap<PathBuf, Vec<u8>>;

/// SplitMix64: enough randomness for kill times, and no new dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn build(out: &Path, epoch: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bridgeprint"));
    cmd.args(["build", "--out"])
        .arg(out)
        .env("SOURCE_DATE_EPOCH", epoch)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn complete_build(out: &Path, epoch: &str) -> Duration {
    let start = Instant::now();
    let run = build(out, epoch)
        .stderr(Stdio::piped())
        .output()
        .expect("run bridgeprint");
    assert!(
        run.status.success(),
        "a complete build into {} failed ({}): {}",
        out.display(),
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    start.elapsed()
}

/// The PDFs under `out` by relative path, and every other file (temporary files).
fn read_folder(out: &Path) -> (Files, Vec<PathBuf>) {
    let mut pdfs = Files::new();
    let mut others = Vec::new();
    for path in common::materials::files_under(out) {
        let rel = path.strip_prefix(out).unwrap().to_path_buf();
        if path.extension().is_some_and(|e| e == "pdf") {
            pdfs.insert(rel, std::fs::read(&path).unwrap());
        } else if rel != Path::new(".bridgeprint.lock") {
            others.push(rel);
        }
    }
    (pdfs, others)
}

/// A complete, well-formed PDF: qpdf when present (CI installs it), else a parse in Rust.
fn check_complete(path: &Path, bytes: &[u8]) {
    assert!(
        bytes.trim_ascii_end().ends_with(b"%%EOF"),
        "{} is cut short",
        path.display()
    );
    match Command::new("qpdf").arg("--check").arg(path).output() {
        Ok(run) => assert!(run.status.success(), "qpdf --check {}", path.display()),
        Err(_) => assert!(common::pdf::page_count(bytes) > 0, "{}", path.display()),
    }
}

#[test]
fn a_killed_build_leaves_only_complete_pdfs_and_the_next_build_cleans_up() {
    let seed = std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_129);
    println!("KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();

    // Reference outputs for both dates, each file checked once.
    let mut references = Vec::new();
    let mut build_time = Duration::ZERO;
    for epoch in EPOCHS {
        let out = dir.path().join(format!("ref-{epoch}"));
        build_time = build_time.max(complete_build(&out, epoch));
        let (files, others) = read_folder(&out);
        assert!(others.is_empty(), "{others:?}");
        for (rel, bytes) in &files {
            check_complete(&out.join(rel), bytes);
        }
        references.push(files);
    }
    assert_ne!(references[0], references[1]);

    let out = dir.path().join("out");
    let mut before = Files::new();
    let (mut mid_write, mut leftovers, mut finished) = (0, 0, 0);
    let mut killed: Vec<String> = Vec::new();
    let start = Instant::now();
    for i in 0..ITERATIONS {
        let new = &references[i % 2];
        let delay = Duration::from_micros(rng.below(build_time.as_micros() as u64));
        let mut child = build(&out, EPOCHS[i % 2]).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; an error means it had already finished.
        if child.wait().unwrap().success() {
            finished += 1;
        }

        let (now, others) = read_folder(&out);
        for rel in before.keys() {
            assert!(
                now.contains_key(rel),
                "kill {i}: {} vanished",
                rel.display()
            );
        }
        let mut from_new = 0;
        for (rel, bytes) in &now {
            let was = before.get(rel).is_some_and(|b| b == bytes);
            let is_new = new.get(rel).is_some_and(|b| b == bytes);
            assert!(
                was || is_new,
                "kill {i} after {delay:?}: {} is neither the previous nor the new build's file",
                rel.display()
            );
            if is_new && !was {
                from_new += 1;
            }
        }
        // Only killed builds' temporary files may remain: this one's, or those of earlier
        // ones when this one died before it took the lock and cleaned up.
        killed.push(format!(".{}.tmp", child.id()));
        for o in &others {
            assert!(
                killed
                    .iter()
                    .any(|k| o.to_string_lossy().ends_with(k.as_str())),
                "kill {i}: stray file {}",
                o.display()
            );
        }
        if !others.is_empty() {
            leftovers += 1;
        }
        if (0 < from_new && from_new < new.len()) || !others.is_empty() {
            mid_write += 1;
        }
        before = now;

        if (i + 1) % COMPLETE_EVERY == 0 {
            complete_build(&out, EPOCHS[i % 2]);
            let (now, others) = read_folder(&out);
            assert!(
                others.is_empty(),
                "after kill {i}, a complete build left {others:?}"
            );
            assert!(
                &now == new,
                "after kill {i}, a complete build's files differ"
            );
            before = now;
            killed.clear();
        }
    }
    println!(
        "{ITERATIONS} kills in {:.1} s (build {:.0} ms): {mid_write} landed while writing, {leftovers} left temporary files, {finished} came too late",
        start.elapsed().as_secs_f64(),
        build_time.as_secs_f64() * 1000.0
    );
}
