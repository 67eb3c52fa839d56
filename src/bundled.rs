//! The materials compiled into the binary (the table `build.rs` generates from
//! `materials/`): what `init` copies into a new project, and what a run uses when there is
//! no project and no `materials/` folder, so an installed binary works in any folder.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Every bundled file: its path under `materials/` (`/`-separated) and its bytes.
pub static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// What a run reports instead of the private folder the bundled materials are read from.
pub const LABEL: &str = "<bundled materials>";

/// Writes every bundled file under `dir` (created if missing), never replacing a file that
/// is there: a person's edited materials are not overwritten.
pub fn write_to(dir: &Path) -> Result<(), Error> {
    write_some(dir, |_| true, false)
}

/// The locale folder a bundled file is in (`es` for `es/texts.toml`), `None` for a file
/// beside them (`contacts.toml`).
fn locale_of(relative: &str) -> Option<&str> {
    // The legal profiles' folder is read by every notice, whatever its locales.
    relative
        .split_once('/')
        .map(|(tag, _)| tag)
        .filter(|tag| *tag != PROFILES)
}

/// `content::PROFILES_DIR`, which this module may not import.
const PROFILES: &str = "profiles";

/// Writes the bundled files under `dir`, those in a locale folder only when `keep` takes
/// its tag (every locale folder is still made, empty if not kept, so the loader lists the
/// same locales). With `existing_ok` a file already there is left as it is; otherwise it
/// is an error.
fn write_some(dir: &Path, keep: impl Fn(&str) -> bool, existing_ok: bool) -> Result<(), Error> {
    let mut made: Vec<&str> = Vec::new();
    for (relative, bytes) in FILES {
        let path = relative
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        let write_err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let tag = locale_of(relative);
        if let Some(parent) = path.parent() {
            // One `mkdir` a folder, not one a file: this runs in every run without a
            // project, and each call is a system call.
            if tag.is_none_or(|t| !made.contains(&t)) {
                std::fs::create_dir_all(parent).map_err(write_err)?;
                made.extend(tag);
            }
        }
        if tag.is_some_and(|t| !keep(t)) {
            continue;
        }
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
        {
            Err(e) if existing_ok && e.kind() == std::io::ErrorKind::AlreadyExists => {}
            other => other.map_err(write_err)?,
        }
    }
    Ok(())
}

/// When `root` is this process's own unpacked folder ([`Unpacked::only`]), writes the
/// files it left out of the locale folders `keep` takes; anywhere else, nothing. For a
/// build that finds it must read more locales than it asked for (a file of another
/// locale to repair).
pub fn unpack_more(root: &Path, keep: impl Fn(&str) -> bool) -> Result<(), Error> {
    let ours = format!("{PREFIX}{}-", std::process::id());
    let own = root
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(&ours))
        && root.join(OWNER_FILE).is_file();
    if !own {
        return Ok(());
    }
    write_some(root, keep, true)
}

/// The start of the name of every folder [`Unpacked`] makes in the temporary directory.
const PREFIX: &str = "bridgeprint-bundled-";

/// The file in an unpacked folder its run holds locked while it lives: the kernel drops
/// the lock when the run ends, however it ends, so a later run knows the folder is left.
const OWNER_FILE: &str = ".bridgeprint-owner";

/// The bundled materials written out as files for one run, removed when dropped.
///
/// The content loader reads files from disk under the rules of [`crate::input`]; rather
/// than a second loader for memory, the bundled files are written to a folder of this
/// process's own (created fresh, so nobody else's folder is read) and loaded like any other.
///
/// A run killed before the drop leaves its folder; the next run removes it
/// ([`remove_left`]). Unpacking into memory instead would need that second loader, and a
/// fixed folder shared by every run would need a lock around its rewrites: cleaning up
/// after dead runs keeps one loader and one folder per run.
#[derive(Debug)]
pub struct Unpacked {
    pub root: PathBuf,
    /// Held locked while this run uses the folder ([`OWNER_FILE`]).
    _owner: Option<std::fs::File>,
}

impl Unpacked {
    pub fn new() -> Result<Self, Error> {
        Self::only(|_| true)
    }

    /// The bundled materials with only the locale folders `keep` takes filled, the others
    /// made empty (so the loader lists the same locales). A build reads only the locales
    /// it makes (`content::load_only`), and each file written and removed again costs a
    /// run without a project about 0.2 ms of CPU on ext4: a one-card build wrote 120 files
    /// to read 12.
    pub fn only(keep: impl Fn(&str) -> bool) -> Result<Self, Error> {
        let base = std::env::temp_dir();
        remove_left(&base);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let mut attempt = 0u32;
        loop {
            let root = base.join(format!("{PREFIX}{}-{nanos}-{attempt}", std::process::id()));
            // `create_dir`, not `create_dir_all`: a folder already there (anyone's) is
            // never used.
            match std::fs::create_dir(&root) {
                Ok(()) => {
                    // Locked before the materials are written: a folder that holds them
                    // always says whether its run is alive.
                    let owner = lock_owner(&root);
                    let unpacked = Unpacked {
                        root,
                        _owner: owner,
                    };
                    write_some(&unpacked.root, &keep, false)?;
                    return Ok(unpacked);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(source) => return Err(Error::Write { path: root, source }),
            }
        }
    }

    /// `text` with this folder's path written as [`LABEL`]: a warning about a bundled
    /// draft names the file a person knows, not a temporary folder.
    pub fn relabel(&self, text: &str) -> String {
        text.replace(&*self.root.to_string_lossy(), LABEL)
    }
}

/// Creates and locks the owner file of a new folder; `None` when the system cannot (the
/// folder is then only removed by this run's drop, as before).
fn lock_owner(root: &Path) -> Option<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(root.join(OWNER_FILE))
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// Removes the folders under `base` (the temporary directory) that a run of this tool
/// unpacked and did not remove because it was killed. Only a folder named
/// `bridgeprint-bundled-<pid>-…`, not a link, whose owner file can be locked (no live run
/// holds it) and whose process is gone is removed: nothing else there is touched. A folder
/// without an owner file (a run killed between making it and locking, or an older version)
/// is left unless its process is gone and it is an hour old. Best effort: a folder that
/// cannot be removed stays, as it would have.
pub fn remove_left(base: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(base) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(left_pid) else {
            continue;
        };
        let dir = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&dir) else {
            continue;
        };
        if !meta.is_dir() || process_alive(pid) {
            continue;
        }
        let unowned = match std::fs::File::open(dir.join(OWNER_FILE)) {
            // Released by the kernel when its run ended: the lock is free.
            Ok(owner) => owner.try_lock().is_ok(),
            Err(_) => meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(3600)),
        };
        if unowned && std::fs::remove_dir_all(&dir).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The pid in the name of a folder [`Unpacked`] makes (`bridgeprint-bundled-<pid>-…`).
fn left_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    let (pid, tail) = rest.split_once('-')?;
    let (nanos, attempt) = tail.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(nanos) && digits(attempt)).then_some(())?;
    pid.parse().ok()
}

/// Whether a process `pid` runs, as far as this system shows (`/proc` where there is
/// one). Without `/proc` the owner file's lock alone decides.
fn process_alive(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists())
}

impl Drop for Unpacked {
    fn drop(&mut self) {
        // Best effort: a folder left in the temporary directory harms nothing.
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_materials_folder_is_bundled_byte_for_byte() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("materials");
        assert!(FILES.len() > 100, "{} files", FILES.len());
        for (relative, bytes) in FILES {
            assert_eq!(
                std::fs::read(root.join(relative)).unwrap(),
                *bytes,
                "{relative}"
            );
        }
        assert!(FILES.iter().any(|(p, _)| *p == "contacts.toml"));
        assert!(FILES.iter().any(|(p, _)| *p == "en/locale.toml"));
    }

    #[test]
    fn unpacked_materials_are_removed_when_dropped() {
        let unpacked = Unpacked::new().unwrap();
        let root = unpacked.root.clone();
        assert!(root.join("contacts.toml").is_file());
        drop(unpacked);
        assert!(!root.exists());
    }

    #[test]
    fn a_run_for_some_locales_unpacks_their_files_and_every_locale_folder() {
        let unpacked = Unpacked::only(|tag| ["en", "es"].contains(&tag)).unwrap();
        let root = unpacked.root.clone();
        let folders = |root: &Path| -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(root)
                .unwrap()
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let every = Unpacked::new().unwrap();
        // The loader lists the same locales, so it says the same about them.
        assert_eq!(folders(&root), folders(&every.root));
        for (relative, _) in FILES {
            let filled = match locale_of(relative) {
                None | Some("en" | "es") => true,
                Some(_) => false,
            };
            assert_eq!(root.join(relative).is_file(), filled, "{relative}");
        }
        // A build that must read one more locale gets its files, and only in its own folder.
        unpack_more(&root, |tag| tag == "fr").unwrap();
        assert!(root.join("fr/locale.toml").is_file());
        assert!(!root.join("ar/locale.toml").exists());
        let elsewhere = tempfile::tempdir().unwrap();
        unpack_more(elsewhere.path(), |_| true).unwrap();
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    #[test]
    fn only_names_this_tool_makes_are_taken_for_its_folders() {
        assert_eq!(left_pid("bridgeprint-bundled-123-456-0"), Some(123));
        for other in [
            "bridgeprint-bundled-123",
            "bridgeprint-bundled-x-456-0",
            "bridgeprint-bundled-123-456-0-extra",
            "bridgeprint-bundled-123-456-",
            "other-bundled-123-456-0",
        ] {
            assert_eq!(left_pid(other), None, "{other}");
        }
    }

    #[test]
    fn writing_never_replaces_an_edited_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("contacts.toml"), "edited").unwrap();
        assert!(write_to(dir.path()).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("contacts.toml")).unwrap(),
            "edited"
        );
    }
}
