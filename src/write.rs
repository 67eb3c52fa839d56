//! Write stage: PDF bytes to files, atomically. A reader (or a print shop's hot folder)
//! sees either the previous complete file or the new complete file, never half of one,
//! and a build that fails to write any file (a full disk, a read-only folder) replaces
//! none: [`write_all`] writes and syncs every file under a temporary name before it
//! renames the first into place.
//!
//! Test hook: `BRIDGEPRINT_TEST_PAUSE_BEFORE_RENAME_MS=N` makes [`write_all`] sleep N ms
//! before each rename, so tests/kill.rs can kill a build inside the rename phase, which
//! otherwise lasts microseconds. It changes no byte written, and nothing else reads it.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The test hook named in the module documentation.
const PAUSE_BEFORE_RENAME: &str = "BRIDGEPRINT_TEST_PAUSE_BEFORE_RENAME_MS";

/// One file to write: where it goes, and its bytes.
pub struct Planned<'a> {
    pub path: PathBuf,
    pub bytes: &'a [u8],
}

/// Writes every file in two phases. First each goes to its temporary name, written and
/// synced; if any fails, every temporary file of this call is removed and the error
/// returned, with nothing replaced. Then `before_renames` runs (it writes the manifest
/// naming the new files), each file is renamed into place, and each folder synced once.
///
/// Hold the output folder's lock ([`crate::lock`]) around it.
pub fn write_all(
    files: &[Planned],
    out: &Path,
    before_renames: impl FnOnce() -> Result<(), Error>,
) -> Result<(), Error> {
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let staged = files.iter().try_for_each(|f| {
        let tmp = temp_name(&f.path);
        // Recorded before it exists: a write that fails half-way leaves a file to remove.
        temps.push(tmp.clone());
        write_synced(&tmp, f.bytes).map_err(|source| Error::WriteNothingReplaced {
            path: f.path.clone(),
            source,
        })
    });
    if let Err(e) = staged.and_then(|()| before_renames()) {
        for tmp in &temps {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    let pause = rename_pause();
    for (f, tmp) in files.iter().zip(&temps) {
        if let Some(pause) = pause {
            std::thread::sleep(pause);
        }
        if let Err(source) = std::fs::rename(tmp, &f.path) {
            // The manifest already names the new files: the next build finds the ones
            // this left as they were and makes them again.
            for tmp in &temps {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(Error::Write {
                path: f.path.clone(),
                source,
            });
        }
    }
    let mut dirs: Vec<&Path> = files.iter().map(|f| folder_of(&f.path)).collect();
    dirs.push(out);
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        sync_dir(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

/// `tmp` created (in a folder created if missing), filled with `bytes` and synced.
fn write_synced(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder_of(tmp))?;
    let mut f = std::fs::File::create(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The folder a file is in: `.` for a bare file name, whose parent is the empty path
/// (`--out cal.pdf`), which no system call opens.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The test hook's pause, when set.
fn rename_pause() -> Option<std::time::Duration> {
    let ms: u64 = std::env::var(PAUSE_BEFORE_RENAME).ok()?.parse().ok()?;
    Some(std::time::Duration::from_millis(ms))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = folder_of(path);
    let tmp = temp_name(path);
    let result = write_synced(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .and_then(|()| sync_dir(dir));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Write {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// Makes a rename in `dir` durable: without it a power cut just after a build can bring
/// back the old file, or none. Windows cannot open a folder as a file; there the rename
/// is as durable as the file system makes it.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        std::fs::File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

/// `.card.pdf.<pid>.tmp` beside `card.pdf`: hidden, and unique to this process.
fn temp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Whether `name` is a temporary file this module makes: `.card.pdf.1234.tmp`, a preview's
/// `.card-1.png.1234.tmp`, or the manifest's `..bridgeprint-manifest.json.1234.tmp`.
fn is_temp_name(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    inner.rsplit_once('.').is_some_and(|(file, pid)| {
        (file.ends_with(".pdf") || file.ends_with(".png") || file == crate::manifest::MANIFEST_FILE)
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The temporary files of this module's pattern directly in `dir`.
fn temps_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)?.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file())
            && entry.file_name().to_str().is_some_and(is_temp_name)
        {
            found.push(entry.path());
        }
    }
    Ok(found)
}

/// Removes the temporary files a killed build left in the locale folders of `out`.
/// Only call it holding the output folder's lock ([`crate::lock`]): then no live build
/// is writing any of them. Returns how many it removed.
pub fn remove_stale_temps(out: &Path) -> Result<usize, Error> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    let Ok(folders) = std::fs::read_dir(out) else {
        return Ok(0);
    };
    // The manifest's temporary file is in `out` itself, the PDFs' in the locale folders.
    let mut temps = temps_in(out).map_err(err(out))?;
    for folder in folders.flatten() {
        // A symlinked folder is refused when written to; its files are not ours to remove.
        if !folder.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let folder = folder.path();
        temps.extend(temps_in(&folder).map_err(err(&folder))?);
    }
    for path in &temps {
        std::fs::remove_file(path).map_err(err(path))?;
    }
    Ok(temps.len())
}

/// `out` joined with `relative`, refusing any path that could land outside `out`: a
/// component that is `..`, a root or a prefix, or a folder inside `out` that is a
/// symbolic link. Locale tags are checked when content loads; this holds whatever the
/// caller passes.
pub fn contained(out: &Path, relative: &Path) -> Result<PathBuf, Error> {
    use std::path::Component;
    let path = out.join(relative);
    let refuse = |reason: String| Error::UnsafePath {
        path: path.clone(),
        reason,
    };
    if relative.as_os_str().is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(refuse(format!(
            "`{}` is not a plain path inside the output folder",
            relative.display()
        )));
    }
    let mut dir = out.to_path_buf();
    for part in relative.parent().into_iter().flat_map(Path::components) {
        dir.push(part);
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refuse(format!(
                "{} is a symbolic link, and bridgeprint writes only inside the output folder (replace the link with a folder)",
                dir.display()
            )));
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_output_folder_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(contained(&out, Path::new("es/card.pdf")).is_ok());
        for bad in [
            "../x/card.pdf",
            "/etc/card.pdf",
            "es/../../card.pdf",
            "./card.pdf",
            "",
        ] {
            assert!(
                matches!(
                    contained(&out, Path::new(bad)),
                    Err(Error::UnsafePath { .. })
                ),
                "{bad:?} accepted"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_folder_inside_the_output_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("es")).unwrap();
        let e = contained(&out, Path::new("es/card.pdf")).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
    }

    #[test]
    fn stale_temp_files_are_told_from_other_files() {
        for yes in [
            ".card.pdf.1234.tmp",
            ".poster-a4.pdf.7.tmp",
            ".card-1.png.99.tmp",
            "..bridgeprint-manifest.json.12.tmp",
        ] {
            assert!(is_temp_name(yes), "{yes}");
        }
        for no in [
            "card.pdf",
            ".card.pdf.tmp",
            ".card.pdf.12a.tmp",
            "card.pdf.12.tmp",
            ".notes.txt.12.tmp",
            ".card-1.png.tmp",
            ".bridgeprint.lock",
            ".bridgeprint-manifest.json",
            ".bridgeprint-manifest.json.12.tmp",
        ] {
            assert!(!is_temp_name(no), "{no}");
        }
    }

    #[test]
    fn stale_temp_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let es = dir.path().join("es");
        std::fs::create_dir_all(&es).unwrap();
        for f in [".card.pdf.99999.tmp", "card.pdf", "notes.txt"] {
            std::fs::write(es.join(f), "x").unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path()).unwrap(), 1);
        let mut names: Vec<_> = std::fs::read_dir(&es)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["card.pdf", "notes.txt"]);
    }

    #[test]
    fn replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x").join("card.pdf");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("card.pdf")]);
    }
}
