//! Write stage: PDF bytes to files, atomically. A reader (or a print shop's hot folder)
//! sees either the previous complete file or the new complete file, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let tmp = temp_name(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
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

/// Whether `name` is a temporary file [`atomic_write`] makes: `.card.pdf.1234.tmp`.
fn is_temp_name(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    inner.rsplit_once('.').is_some_and(|(file, pid)| {
        file.ends_with(".pdf") && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Removes the temporary files a killed build left in the locale folders of `out`.
/// Only call it holding the output folder's lock ([`crate::lock`]): then no live build
/// is writing any of them. Returns how many it removed.
pub fn remove_stale_temps(out: &Path) -> Result<usize, Error> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    let mut removed = 0;
    let Ok(folders) = std::fs::read_dir(out) else {
        return Ok(0);
    };
    for folder in folders.flatten() {
        // A symlinked folder is refused when written to; its files are not ours to remove.
        if !folder.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let folder = folder.path();
        for entry in std::fs::read_dir(&folder).map_err(err(&folder))?.flatten() {
            let name = entry.file_name();
            if entry.file_type().is_ok_and(|t| t.is_file())
                && name.to_str().is_some_and(is_temp_name)
            {
                let path = entry.path();
                std::fs::remove_file(&path).map_err(err(&path))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
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
        for yes in [".card.pdf.1234.tmp", ".poster-a4.pdf.7.tmp"] {
            assert!(is_temp_name(yes), "{yes}");
        }
        for no in [
            "card.pdf",
            ".card.pdf.tmp",
            ".card.pdf.12a.tmp",
            "card.pdf.12.tmp",
            ".notes.txt.12.tmp",
            ".bridgeprint.lock",
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
