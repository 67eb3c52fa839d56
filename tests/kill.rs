//! A build killed at any moment (SIGKILL: no cleanup runs) leaves every PDF in the output
//! folder complete: each is the previous build's file or the new build's, never half of
//! one. The next build removes the temporary files the killed one left, and, after a kill
//! between renames, makes again every file that does not match the manifest. A build that
//! cannot write (a full tmpfs, a read-only bind mount; skipped, saying so, where the test
//! cannot mount) exits 1 and leaves the folder byte for byte as it was.
//!
//! The loop alternates two creation dates (SOURCE_DATE_EPOCH), so the two builds' files
//! differ and each file tells which build wrote it. The seed is printed; rerun a failure
//! with `KILL_SEED=<seed> cargo test --release --test tests kill:: -- --nocapture`.
//! The builds read the fixture materials (three locales, nine PDFs).
#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::cli::{Bp, bp};
use common::materials::FIXTURE;

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

fn build(out: &Path, epoch: &str) -> Bp {
    bp().arg("build").materials(FIXTURE).out(out).epoch(epoch)
}

/// The build, started and left to run: its output is not read.
fn spawn(run: Bp) -> std::process::Child {
    run.command()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run bridgeprint")
}

fn complete_build(out: &Path, epoch: &str) -> Duration {
    let start = Instant::now();
    build(out, epoch).passes();
    start.elapsed()
}

/// The PDFs under `out` by relative path, and every other file but the lock and the
/// manifest (temporary files).
fn read_folder(out: &Path) -> (Files, Vec<PathBuf>) {
    let mut pdfs = Files::new();
    let mut others = Vec::new();
    for path in common::materials::files_under(out) {
        let rel = path.strip_prefix(out).unwrap().to_path_buf();
        if path.extension().is_some_and(|e| e == "pdf") {
            pdfs.insert(rel, std::fs::read(&path).unwrap());
        } else if rel != Path::new(".bridgeprint.lock")
            && rel != Path::new(".bridgeprint-manifest.json")
        {
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
        let mut child = spawn(build(&out, EPOCHS[i % 2]));
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

/// The rename phase lasts microseconds; the write stage's test hook stretches it so a
/// kill lands inside it (src/write.rs documents the hook).
const PAUSE: &str = "BRIDGEPRINT_TEST_PAUSE_BEFORE_RENAME_MS";

/// Every row of the manifest in `out` matches its file, and the manifest is complete.
fn assert_matches_manifest(out: &Path, pdfs: &Files) {
    let m = bridgeprint::manifest::read(out)
        .expect("a readable manifest")
        .expect("a manifest");
    assert!(m.complete, "the manifest is marked incomplete");
    let listed: Vec<&str> = m.files.iter().map(|r| r.path.as_str()).collect();
    let present: Vec<String> = pdfs
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listed, present,
        "the manifest lists other files than the folder holds"
    );
    for row in &m.files {
        assert_eq!(
            bridgeprint::manifest::mismatch(out, row),
            None,
            "{}",
            row.path
        );
    }
}

/// Starts a build of `new` (made with `EPOCHS[1]`) into `out`, slowed by the test hook,
/// and SIGKILLs it once `renamed` of its files are in place. Returns its pid.
fn kill_after_renames(out: &Path, new: &Files, renamed: usize) -> u32 {
    let mut child = spawn(build(out, EPOCHS[1]).env(PAUSE, "40"));
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (now, _) = read_folder(out);
        let landed = now
            .iter()
            .filter(|(rel, b)| new.get(*rel) == Some(*b))
            .count();
        if landed >= renamed {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the build never renamed {renamed} files"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    child.id()
}

#[test]
fn a_first_build_killed_while_renaming_is_completed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let new_ref = dir.path().join("ref");
    complete_build(&new_ref, EPOCHS[1]);
    let (new, _) = read_folder(&new_ref);
    let out = dir.path().join("out");
    kill_after_renames(&out, &new, 3);
    let (now, _) = read_folder(&out);
    assert!(now.len() < new.len(), "the kill came after the last rename");
    // The build after the kill.
    let stderr = build(&out, EPOCHS[1])
        .args(["--locale", "en", "--kind", "card"])
        .passes()
        .stderr;
    let missing = stderr
        .matches("is missing, though the last build's manifest lists it (an interrupted build?): rebuilt")
        .count();
    let expected = new
        .keys()
        .filter(|k| !now.contains_key(*k) && !k.ends_with("en/card.pdf"));
    assert_eq!(missing, expected.count(), "{stderr}");
    let (after, others) = read_folder(&out);
    assert!(others.is_empty(), "{others:?}");
    assert!(
        after == new,
        "after the repair, the folder is not the new build's set"
    );
    assert_matches_manifest(&out, &after);
}

#[test]
fn a_build_killed_while_renaming_is_found_and_repaired_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let new_ref = dir.path().join("ref");
    complete_build(&new_ref, EPOCHS[1]);
    let (new, _) = read_folder(&new_ref);
    // Kill after the first rename, half-way, and before the last.
    for renamed in [1, new.len() / 2, new.len() - 1] {
        let out = dir.path().join(format!("out-{renamed}"));
        complete_build(&out, EPOCHS[0]);
        let (old, _) = read_folder(&out);
        let pid = kill_after_renames(&out, &new, renamed);

        let (now, others) = read_folder(&out);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            old.keys().collect::<Vec<_>>()
        );
        let mut stale = Vec::new();
        for (rel, bytes) in &now {
            check_complete(&out.join(rel), bytes);
            if new.get(rel) != Some(bytes) {
                assert_eq!(old.get(rel), Some(bytes), "{}", rel.display());
                stale.push(out.join(rel));
            }
        }
        assert!(!stale.is_empty(), "the kill came after the last rename");
        for o in &others {
            let killed = format!(".{pid}.tmp");
            assert!(
                o.to_string_lossy().ends_with(&killed),
                "stray file {}",
                o.display()
            );
        }

        // A build of one card finds every file the killed build had not yet replaced.
        let stderr = build(&out, EPOCHS[1])
            .args(["--locale", "en", "--kind", "card"])
            .passes()
            .stderr;
        for path in &stale {
            let said = format!(
                "{} does not match the last build's manifest (an interrupted build?): rebuilt",
                path.display()
            );
            let is_the_card = path.ends_with("en/card.pdf");
            assert!(
                is_the_card || stderr.contains(&said),
                "{said:?} not in:\n{stderr}"
            );
        }
        let (after, others) = read_folder(&out);
        assert!(others.is_empty(), "{others:?}");
        assert!(
            after == new,
            "after the repair, the folder is not the new build's set"
        );
        assert_matches_manifest(&out, &after);
    }
}

/// A tmpfs mounted for one test, unmounted when dropped (even when the test fails).
struct Mount(PathBuf);

impl Mount {
    /// Mounts a tmpfs of `size` at `at`, or says why not (not root, no mount(8), inside
    /// a container without the capability): the test is then skipped, saying so.
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let run = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output();
        match run {
            Ok(r) if r.status.success() => Some(Mount(at.to_path_buf())),
            Ok(r) => {
                println!(
                    "SKIPPED: cannot mount a tmpfs: {}",
                    String::from_utf8_lossy(&r.stderr)
                );
                None
            }
            Err(e) => {
                println!("SKIPPED: cannot run mount: {e}");
                None
            }
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Everything under `out` by relative path, the manifest and lock included.
fn snapshot(out: &Path) -> Files {
    common::materials::files_under(out)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(out).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// A build that fails to write runs to exit 1 and leaves the folder exactly as it was:
/// every PDF, the manifest, no temporary file.
fn assert_failed_and_untouched(out: &Path, epoch: &str, before: &Files, what: &str) {
    let stderr = build(out, epoch).status(1).stderr;
    assert!(stderr.contains("cannot write"), "{what}: {stderr}");
    assert!(
        stderr.contains("nothing was replaced"),
        "{what}: the message does not tell the user the previous build is intact: {stderr}"
    );
    println!("{what}: {}", stderr.trim());
    let after = snapshot(out);
    let changed: Vec<_> = after
        .iter()
        .filter(|(rel, b)| before.get(*rel) != Some(*b))
        .map(|(rel, _)| rel)
        .chain(before.keys().filter(|rel| !after.contains_key(*rel)))
        .collect();
    assert!(changed.is_empty(), "{what}: changed or left {changed:?}");
}

#[test]
fn a_full_disk_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mount) = Mount::tmpfs(&dir.path().join("disk"), "8m") else {
        return;
    };
    let out = mount.0.join("out");
    complete_build(&out, EPOCHS[0]);
    let before = snapshot(&out);
    // Full, then room for half the set: some temporary files are written before the disk
    // runs out, and the build cannot finish.
    let room: u64 = before.values().map(|b| b.len() as u64).sum::<u64>() / 2;
    let filler = mount.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    let full = f.metadata().unwrap().len();
    f.set_len(full.saturating_sub(room)).unwrap();
    drop(f);
    assert_failed_and_untouched(&out, EPOCHS[1], &before, "a build into a full disk");
    // With room again, the same build succeeds and the folder is its set.
    std::fs::remove_file(&filler).unwrap();
    complete_build(&out, EPOCHS[1]);
    let (pdfs, _) = read_folder(&out);
    assert_matches_manifest(&out, &pdfs);
}

#[test]
fn a_read_only_locale_folder_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mount) = Mount::tmpfs(&dir.path().join("disk"), "16m") else {
        return;
    };
    let out = mount.0.join("out");
    complete_build(&out, EPOCHS[0]);
    let before = snapshot(&out);
    // Root writes through file permissions; a read-only bind mount stops it. `es` comes
    // after other locales in build order, so their temporary files exist when it fails.
    let es = out.join("es");
    let bind = Command::new("mount")
        .arg("--bind")
        .arg(&es)
        .arg(&es)
        .status();
    if !bind.is_ok_and(|s| s.success()) {
        println!("SKIPPED: cannot bind-mount {}", es.display());
        return;
    }
    let es_mount = Mount(es.clone());
    let ro = Command::new("mount")
        .args(["-o", "remount,bind,ro"])
        .arg(&es)
        .status()
        .unwrap();
    assert!(ro.success(), "remount read-only");
    assert_failed_and_untouched(&out, EPOCHS[1], &before, "a build into a read-only folder");
    drop(es_mount);
}
