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
    for (relative, bytes) in FILES {
        let path = relative
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        let write_err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_err)?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
            .map_err(write_err)?;
    }
    Ok(())
}

/// The bundled materials written out as files for one run, removed when dropped.
///
/// The content loader reads files from disk under the rules of [`crate::input`]; rather
/// than a second loader for memory, the bundled files are written to a folder of this
/// process's own (created fresh, so nobody else's folder is read) and loaded like any other.
#[derive(Debug)]
pub struct Unpacked {
    pub root: PathBuf,
}

impl Unpacked {
    pub fn new() -> Result<Self, Error> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let mut attempt = 0u32;
        loop {
            let root = base.join(format!(
                "bridgeprint-bundled-{}-{nanos}-{attempt}",
                std::process::id()
            ));
            // `create_dir`, not `create_dir_all`: a folder already there (anyone's) is
            // never used.
            match std::fs::create_dir(&root) {
                Ok(()) => {
                    let unpacked = Unpacked { root };
                    write_to(&unpacked.root)?;
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
