//! Copies of the bundled materials to break, and the real binary to run on them, for
//! tests that check what a user sees: stderr, the exit status, what was written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary copy of `materials/` and an output folder beside it.
pub struct Case {
    pub dir: tempfile::TempDir,
    pub materials: PathBuf,
    pub out: PathBuf,
}

/// A copy of the bundled materials, unchanged.
pub fn copy() -> Case {
    let dir = tempfile::tempdir().expect("temp dir");
    let materials = dir.path().join("materials");
    copy_dir(Path::new("materials"), &materials);
    let out = dir.path().join("out");
    Case {
        dir,
        materials,
        out,
    }
}

/// A copy of the bundled materials with `edit` applied to one file.
pub fn case(file: &str, edit: impl FnOnce(String) -> String) -> Case {
    let c = copy();
    let path = c.materials.join(file);
    let text = std::fs::read_to_string(&path).expect("read fixture file");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing in {file}");
    std::fs::write(&path, edited).expect("write fixture file");
    c
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Runs the real binary.
pub fn bridgeprint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bridgeprint"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run bridgeprint")
}

impl Case {
    pub fn m(&self) -> &str {
        self.materials.to_str().expect("utf-8 path")
    }

    pub fn o(&self) -> &str {
        self.out.to_str().expect("utf-8 path")
    }

    /// Runs `build` and `check` on the copy; both must fail with status 1, print
    /// `needles` on stderr and nothing on stdout, and no file may appear in the output
    /// folder. Returns the build's stderr.
    pub fn fails_with(&self, needles: &[&str]) -> String {
        let build = bridgeprint(&["build", "--materials", self.m(), "--out", self.o()]);
        let check = bridgeprint(&["check", "--materials", self.m()]);
        for (what, run) in [("build", &build), ("check", &check)] {
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert_eq!(
                run.status.code(),
                Some(1),
                "{what} exit status; stderr:\n{stderr}"
            );
            assert!(
                run.stdout.is_empty(),
                "{what} printed on stdout: {:?}",
                String::from_utf8_lossy(&run.stdout)
            );
            for needle in needles {
                assert!(
                    stderr.contains(needle),
                    "{what}: {needle:?} not in stderr:\n{stderr}"
                );
            }
            assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
        }
        assert_eq!(
            files_under(&self.out),
            Vec::<PathBuf>::new(),
            "a failed build wrote files"
        );
        String::from_utf8_lossy(&build.stderr).into_owned()
    }
}

/// Every file under `dir`, hidden ones included, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                found.extend(files_under(&p));
            } else {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}
