//! What a document is made from, as one hash: a build whose document hashes the same as
//! the manifest's row for its file, with the file on disk still the bytes listed, makes
//! nothing and writes nothing for it (`build::unchanged`).
//!
//! A fingerprint errs towards rebuilding: it hashes more than a document reads, and
//! whatever it cannot read makes no fingerprint at all (the document is then always made).
//! Its parts:
//!
//! - the tool: the crate's version, and the running executable's size and modification
//!   time, so any other binary (a new build of the code, its fonts and its bundled
//!   materials, all compiled in) rebuilds everything once;
//! - the content: every visible file directly in the materials folder (`contacts.toml`,
//!   `editions.toml`, ...), and every visible file in the folders of the document's
//!   locales and of `en` (which every locale falls back to), each by name and bytes;
//! - the fonts of `--font-dir`/`font_dirs`: every file under each, by path, size and
//!   modification time (not bytes: a CJK font is tens of megabytes, and hashing it would
//!   cost more than the no-change build this saves; a font replaced by another of the same
//!   size and time to the nanosecond is the one thing missed, and `--force` is for it);
//! - the project: its theme, its organisation (the logo's bytes with it) and its own
//!   contacts and local help (with the whole text of `bridgeprint.toml`), as their values;
//! - the options: kind, paper, edition, locales, `--strict` and `SOURCE_DATE_EPOCH`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::compose::{Kind, Paper};

/// Bumped when what a fingerprint covers changes, so older rows never match.
const SCHEME: &str = "bridgeprint-inputs-1";

/// The parts every document of a build shares, hashed once; each locale folder hashed
/// when a document first needs it.
pub struct Inputs {
    /// The tool, project, fonts, options and shared content files; `None` when something
    /// could not be read.
    common: Option<[u8; 32]>,
    materials: PathBuf,
    locales: BTreeMap<String, Option<[u8; 32]>>,
}

/// What a run is made with, beyond its documents' own kind, paper, edition and locales.
pub struct Run<'a> {
    pub materials: &'a Path,
    pub font_dirs: &'a [PathBuf],
    pub strict: bool,
    pub epoch: Option<i64>,
    /// `Debug` of the project's values that reach a document: theme, organisation,
    /// contacts and local help. `Debug` prints every field of them (no hash maps), so a
    /// changed value is a changed fingerprint.
    pub project: &'a [&'a dyn std::fmt::Debug],
}

impl Inputs {
    pub fn new(run: &Run) -> Inputs {
        let mut h = Sha256::new();
        h.update(SCHEME);
        let common = tool(&mut h)
            .and_then(|()| {
                writeln!(Feed(&mut h), "strict={} epoch={:?}", run.strict, run.epoch).ok()?;
                for part in run.project {
                    writeln!(Feed(&mut h), "{part:?}").ok()?;
                }
                for dir in run.font_dirs {
                    fonts(&mut h, dir)?;
                }
                files_in(&mut h, run.materials)
            })
            .map(|()| h.finalize().into());
        Inputs {
            common,
            materials: run.materials.to_path_buf(),
            locales: BTreeMap::new(),
        }
    }

    /// The fingerprint of the document of `kind` in `locales` (one, or a pair), on `paper`
    /// (`None` for a kind with one size) in `edition`; `None` when one of its inputs could
    /// not be read, so it is always made.
    pub fn of(
        &mut self,
        locales: &[&str],
        kind: Kind,
        paper: Option<Paper>,
        edition: Option<&str>,
    ) -> Option<String> {
        let mut h = Sha256::new();
        h.update(self.common?);
        writeln!(
            Feed(&mut h),
            "kind={} paper={:?} edition={edition:?} locales={locales:?}",
            kind.name(),
            paper.map(|p| p.name()),
        )
        .ok()?;
        let mut folders: Vec<&str> = std::iter::once("en")
            .chain(locales.iter().copied())
            .collect();
        folders.sort_unstable();
        folders.dedup();
        for tag in folders {
            h.update(tag);
            h.update([0]);
            h.update(self.locale(tag)?);
        }
        Some(hex(&h.finalize()))
    }

    fn locale(&mut self, tag: &str) -> Option<[u8; 32]> {
        let materials = &self.materials;
        *self.locales.entry(tag.to_string()).or_insert_with(|| {
            let mut h = Sha256::new();
            files_in(&mut h, &materials.join(tag)).map(|()| h.finalize().into())
        })
    }
}

/// A `fmt::Write` into a hash, so `Debug` of a logo's bytes is never one big string.
struct Feed<'a>(&'a mut Sha256);

impl std::fmt::Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// The crate's version and the running binary's size and modification time.
fn tool(h: &mut Sha256) -> Option<()> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    writeln!(
        Feed(h),
        "{} {} {:?}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        meta.modified().ok()?
    )
    .ok()
}

/// Every visible file directly in `dir` (links followed, as the content loader follows
/// them), by name and bytes, in name order. Folders inside are not read by the loader.
fn files_in(h: &mut Sha256, dir: &Path) -> Option<()> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        if name.starts_with('.') || !entry.path().is_file() {
            continue;
        }
        names.push(name);
    }
    names.sort();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).ok()?;
        h.update(name.as_bytes());
        h.update([0]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Some(())
}

/// Every file under `path` (a folder of fonts, its sub-folders, or one font file), by
/// path, size and modification time.
fn fonts(h: &mut Sha256, path: &Path) -> Option<()> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        writeln!(
            Feed(h),
            "{:?} {} {:?}",
            path,
            meta.len(),
            meta.modified().ok()?
        )
        .ok()?;
        return Some(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .ok()?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .ok()?;
    entries.sort();
    writeln!(Feed(h), "{path:?} folder").ok()?;
    for entry in entries {
        // The font loader does not follow a link to a folder; neither does this.
        let is_dir_link = std::fs::symlink_metadata(&entry)
            .is_ok_and(|m| m.file_type().is_symlink())
            && entry.is_dir();
        if !is_dir_link {
            fonts(h, &entry)?;
        }
    }
    Some(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn materials() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "contacts.toml",
            "en/texts.toml",
            "es/texts.toml",
            "fr/texts.toml",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        dir
    }

    fn inputs(root: &Path, epoch: Option<i64>) -> Inputs {
        Inputs::new(&Run {
            materials: root,
            font_dirs: &[],
            strict: false,
            epoch,
            project: &[&"theme"],
        })
    }

    #[test]
    fn a_document_hashes_its_locales_en_and_the_shared_files_only() {
        let dir = materials();
        let es = |i: &mut Inputs| i.of(&["es"], Kind::Card, None, None).unwrap();
        let before = es(&mut inputs(dir.path(), None));
        assert_eq!(es(&mut inputs(dir.path(), None)), before);
        std::fs::write(dir.path().join("fr/texts.toml"), "changed").unwrap();
        assert_eq!(es(&mut inputs(dir.path(), None)), before, "fr is not es's");
        for f in ["en/texts.toml", "es/texts.toml", "contacts.toml"] {
            std::fs::write(dir.path().join(f), "changed").unwrap();
            let now = es(&mut inputs(dir.path(), None));
            assert_ne!(now, before, "{f}");
        }
        let a = es(&mut inputs(dir.path(), None));
        assert_ne!(es(&mut inputs(dir.path(), Some(1))), a, "the epoch");
        let mut i = inputs(dir.path(), None);
        assert_ne!(
            i.of(&["es"], Kind::Poster, Some(Paper::A4), None).unwrap(),
            a
        );
        assert_ne!(
            i.of(&["es"], Kind::Card, None, Some("trucking")).unwrap(),
            a
        );
    }

    #[test]
    fn what_cannot_be_read_has_no_fingerprint() {
        let dir = materials();
        let mut i = inputs(dir.path(), None);
        assert_eq!(i.of(&["de"], Kind::Card, None, None), None);
        assert!(i.of(&["es"], Kind::Card, None, None).is_some());
    }
}
