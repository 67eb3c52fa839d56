//! Materials to break, and the real binary to run on them, for tests that check what a
//! user sees: stderr, the exit status, what was written.
//!
//! Tests of a rule (bad input, limits, paths, numbers, locks...) start from the small
//! synthetic fixture set in `tests/fixtures/materials` (contacts, `en`, `es` and `ar`; its
//! README says what each test relies on), so rewriting the bundled texts cannot break
//! them; tests about what the bundled content prints start from `materials/`.

use std::path::{Path, PathBuf};

use super::cli::{Bp, Ran, bp};

/// The fixture set: contacts, English, Spanish (a draft, LTR) and Arabic (a draft, RTL).
pub const FIXTURE: &str = "tests/fixtures/materials";

/// The materials the tool ships with.
pub const BUNDLED: &str = "materials";

/// A temporary copy of a materials folder and an output folder beside it.
pub struct Case {
    pub dir: tempfile::TempDir,
    pub materials: PathBuf,
    pub out: PathBuf,
}

/// A copy of the fixture set, unchanged.
pub fn copy() -> Case {
    copy_of(Path::new(FIXTURE))
}

/// A copy of the bundled materials, for rules that need a script the fixtures lack.
pub fn bundled() -> Case {
    copy_of(Path::new(BUNDLED))
}

fn copy_of(from: &Path) -> Case {
    let dir = tempfile::tempdir().expect("temp dir");
    let materials = dir.path().join("materials");
    copy_dir(from, &materials);
    let out = dir.path().join("out");
    Case {
        dir,
        materials,
        out,
    }
}

/// A copy of the fixture set with `edit` applied to one file.
pub fn case(file: &str, edit: impl FnOnce(String) -> String) -> Case {
    let c = copy();
    c.edit(file, |t| edit(t.to_owned()));
    c
}

/// A copy of the bundled materials with `edit` applied to one file.
pub fn bundled_case(file: &str, edit: impl FnOnce(String) -> String) -> Case {
    let c = bundled();
    c.edit(file, |t| edit(t.to_owned()));
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

impl Case {
    /// Applies `edit` to one file of the copy; the edit must change it.
    pub fn edit(&self, file: &str, edit: impl FnOnce(&str) -> String) -> &Self {
        let path = self.materials.join(file);
        let text = std::fs::read_to_string(&path).expect("read materials file");
        let edited = edit(&text);
        assert_ne!(edited, text, "the edit changed nothing in {file}");
        std::fs::write(&path, edited).expect("write materials file");
        self
    }

    /// Puts `planted` at the start of the text of `key` (a top-level line `key = "…"`
    /// under its table) and returns the 1-based line it is on.
    pub fn plant(&self, file: &str, key: &str, planted: &str) -> usize {
        let mut line = 0;
        self.edit(file, |t| {
            let prefix = format!("\n{key} = \"");
            let at = t.find(&prefix).expect("key in file") + prefix.len();
            line = t[..at].matches('\n').count() + 1;
            format!("{}{planted} {}", &t[..at], &t[at..])
        });
        line
    }

    /// `build` on the copy, into its output folder.
    pub fn build(&self) -> Bp {
        bp().arg("build").materials(&self.materials).out(&self.out)
    }

    /// `check` on the copy.
    pub fn check(&self) -> Bp {
        bp().arg("check").materials(&self.materials)
    }

    /// Runs `build` and `check` on the copy; both must fail with status 1, print
    /// `needles` on stderr and nothing on stdout, and no file may appear in the output
    /// folder. Returns the build's stderr.
    pub fn fails_with(&self, needles: &[&str]) -> String {
        let build = self.build().fails_with(needles);
        self.check().fails_with(needles);
        assert_eq!(
            files_under(&self.out),
            Vec::<PathBuf>::new(),
            "a failed build wrote files"
        );
        build.stderr
    }

    /// `check` and `build --kind card --locale en` both succeed; returns check's run.
    pub fn passes(&self) -> Ran {
        let check = self.check().passes();
        self.build()
            .args(["--kind", "card", "--locale", "en"])
            .passes();
        check
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
