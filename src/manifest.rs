//! `OUT/.bridgeprint-manifest.json`: what the output folder should hold. Each PDF's path,
//! SHA-256, size, the build that wrote it, and what makes it (locales, kind, paper), so a
//! later build can tell a file a killed build left half-renamed from the set it belongs to,
//! and make it again.
//!
//! A build writes it twice, holding the folder's lock ([`crate::lock`]): once before it
//! renames its new PDFs into place (`complete: false`, already naming the new files'
//! hashes) and once after (`complete: true`). A kill at any moment between them leaves a
//! manifest that every file not yet renamed fails to match, so the next build finds them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::compose::{Kind, Paper};
use crate::error::Error;

/// The manifest's name inside the output folder.
pub const MANIFEST_FILE: &str = ".bridgeprint-manifest.json";

/// The format this build reads and writes; a manifest of another version is ignored.
pub const VERSION: u32 = 1;

/// A manifest is a few hundred bytes a PDF, and a build makes at most a few thousand.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: u32,
    /// The build that wrote the manifest last: [`build_id`] of the files it wrote.
    pub build: String,
    /// False from just before a build renames its files into place until just after.
    pub complete: bool,
    /// Sorted by path.
    pub files: Vec<Row>,
}

/// One PDF in the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Relative to the output folder, `/`-separated: `es/card.pdf`.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    /// The build that wrote it.
    pub build: String,
    /// One locale, or two for a bilingual card or poster.
    pub locales: Vec<String>,
    pub kind: String,
    /// None for a card, which has one size.
    pub paper: Option<String>,
    /// The audience edition (`trucking`); absent for the general one, so a general
    /// build's manifest reads as it always has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Its pages, so a build that leaves the file as it is can still report them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// What made it ([`crate::fingerprint`]): a later build whose document hashes the
    /// same, with the file still these bytes, leaves it as it is. Absent in a manifest of
    /// an older build (which therefore makes everything once) and for a document whose
    /// inputs could not all be read (made every time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
}

impl Row {
    /// The row for a PDF this build wrote, made from `inputs`.
    pub fn new(made: &crate::Made, build: &str, inputs: Option<String>) -> Row {
        Row {
            path: slash_path(&made.relative),
            sha256: made.sha256.clone(),
            size: made.bytes.len() as u64,
            build: build.to_string(),
            locales: made.locale.split('+').map(str::to_string).collect(),
            kind: made.kind.name().to_string(),
            paper: made.paper.map(|p| p.name().to_string()),
            edition: made.edition.clone(),
            pages: Some(made.pages),
            inputs,
        }
    }

    /// Whether this row's file is the one a document of fingerprint `inputs` makes, and
    /// is still on disk in `out` as listed: then a build leaves it as it is, and gets how
    /// the file stood before it was read, to see later that nothing replaced it since.
    pub fn unchanged(&self, out: &Path, inputs: Option<&str>) -> Option<Stamp> {
        if inputs.is_none() || self.inputs.as_deref() != inputs {
            return None;
        }
        let before = stamp(out, self)?;
        mismatch(out, self).is_none().then_some(before)
    }

    /// What makes this file again: kind, paper and edition, if the row names ones this
    /// tool knows and its path is the one they make (a manifest edited by hand names
    /// nothing else).
    pub fn recipe(&self) -> Option<(Kind, Paper, Option<&str>)> {
        let kind = Kind::ALL.into_iter().find(|k| k.name() == self.kind)?;
        let paper = match &self.paper {
            None => Paper::Letter,
            Some(name) => Paper::ALL
                .into_iter()
                .chain(Paper::CARDS)
                .find(|p| p.name() == name)?,
        };
        let edition = self.edition.as_deref();
        let made = crate::output_path(&self.locales.join("+"), kind, paper, edition);
        (slash_path(&made) == self.path).then_some((kind, paper, edition))
    }
}

/// `es/card.pdf` on every system, so a manifest reads the same everywhere.
pub fn slash_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A build's id: the first 16 hex digits of the SHA-256 of its files' paths and hashes.
/// The same content makes the same id, so two identical builds leave identical folders.
pub fn build_id(rows: &[Row]) -> String {
    let mut h = Sha256::new();
    for r in rows {
        h.update(r.path.as_bytes());
        h.update([0]);
        h.update(r.sha256.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize()[..8])
}

/// The manifest in `out`: `Ok(None)` when there is none, `Err(why)` when there is one that
/// cannot be used (the build then goes on as if there were none, with a warning).
pub fn read(out: &Path) -> Result<Option<Manifest>, String> {
    let path = out.join(MANIFEST_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let bytes = crate::input::read_limited(&path, MAX_MANIFEST_BYTES, "a manifest")
        .map_err(|e| e.to_string())?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "{}: not a manifest this build can read ({e})",
            path.display()
        )
    })?;
    if manifest.version != VERSION {
        return Err(format!(
            "{}: manifest version {} (this build reads version {VERSION})",
            path.display(),
            manifest.version
        ));
    }
    Ok(Some(manifest))
}

/// How a file stands: a file replaced (renamed over) has another inode, one written in
/// place another modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: (u64, u64),
}

/// How `row`'s file in `out` stands, if it is there.
pub fn stamp(out: &Path, row: &Row) -> Option<Stamp> {
    let path = crate::write::contained(out, Path::new(&row.path)).ok()?;
    let meta = std::fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let inode = (0, 0);
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// How a row's file differs from what the manifest says, if it does: missing, or other
/// bytes. Said after the file's path in a warning.
pub fn mismatch(out: &Path, row: &Row) -> Option<&'static str> {
    let path = crate::write::contained(out, Path::new(&row.path)).ok()?;
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Some(MISSING);
    };
    if !meta.is_file() || meta.len() != row.size {
        return Some(DIFFERENT);
    }
    let same = crate::input::read_limited(&path, row.size, "a PDF listed in the manifest")
        .is_ok_and(|bytes| sha256_hex(&bytes) == row.sha256);
    (!same).then_some(DIFFERENT)
}

pub const MISSING: &str = "is missing, though the last build's manifest lists it";
const DIFFERENT: &str = "does not match the last build's manifest";

/// The manifest after a build: `old`'s rows for files this build did not write (less those
/// in `forget`), then this build's `new` rows, sorted by path.
pub fn merge(old: Option<Manifest>, new: Vec<Row>, forget: &[String], complete: bool) -> Manifest {
    let build = build_id(&new);
    let mut files: Vec<Row> = old
        .map(|m| m.files)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| !forget.contains(&r.path) && !new.iter().any(|n| n.path == r.path))
        .collect();
    files.extend(new);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Manifest {
        version: VERSION,
        build,
        complete,
        files,
    }
}

/// Writes `manifest` into `out` atomically (a temporary file, synced, then renamed).
pub fn write(out: &Path, manifest: &Manifest) -> Result<(), Error> {
    let path: PathBuf = out.join(MANIFEST_FILE);
    let mut json = serde_json::to_vec_pretty(manifest).map_err(|e| Error::Write {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    json.push(b'\n');
    crate::write::atomic_write(&path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, sha: &str) -> Row {
        Row {
            path: path.into(),
            sha256: sha.into(),
            size: 1,
            build: "b".into(),
            locales: vec![path.split('/').next().unwrap().to_string()],
            kind: "card".into(),
            paper: None,
            edition: None,
            pages: None,
            inputs: None,
        }
    }

    #[test]
    fn this_builds_rows_replace_theirs_and_others_stay() {
        let old = merge(
            None,
            vec![row("es/card.pdf", "1"), row("fr/card.pdf", "2")],
            &[],
            true,
        );
        let new = merge(Some(old), vec![row("es/card.pdf", "3")], &[], true);
        let shas: Vec<_> = new
            .files
            .iter()
            .map(|r| (r.path.as_str(), r.sha256.as_str()))
            .collect();
        assert_eq!(shas, [("es/card.pdf", "3"), ("fr/card.pdf", "2")]);
        let forgot = merge(Some(new), vec![], &["fr/card.pdf".into()], true);
        assert_eq!(forgot.files.len(), 1);
    }

    #[test]
    fn a_row_makes_only_the_path_it_names() {
        let mut r = row("es/card.pdf", "1");
        assert_eq!(r.recipe(), Some((Kind::Card, Paper::Letter, None)));
        r.path = "../../etc/card.pdf".into();
        assert_eq!(r.recipe(), None);
        let mut r = row("en+es/poster-a4.pdf", "1");
        r.locales = vec!["en".into(), "es".into()];
        r.kind = "poster".into();
        r.paper = Some("a4".into());
        assert_eq!(r.recipe(), Some((Kind::Poster, Paper::A4, None)));
        // An edition's row makes its own file, and only that one.
        r.edition = Some("trucking".into());
        assert_eq!(r.recipe(), None);
        r.path = "en+es/poster-trucking-a4.pdf".into();
        assert_eq!(
            r.recipe(),
            Some((Kind::Poster, Paper::A4, Some("trucking")))
        );
        r.kind = "flyer".into();
        assert_eq!(r.recipe(), None);
    }

    #[test]
    fn a_changed_or_missing_file_is_found() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("es")).unwrap();
        std::fs::write(dir.path().join("es/card.pdf"), b"new").unwrap();
        let mut r = row("es/card.pdf", &sha256_hex(b"new"));
        r.size = 3;
        assert_eq!(mismatch(dir.path(), &r), None);
        r.sha256 = sha256_hex(b"old");
        assert_eq!(mismatch(dir.path(), &r), Some(DIFFERENT));
        r.path = "fr/card.pdf".into();
        assert_eq!(mismatch(dir.path(), &r), Some(MISSING));
    }
}
