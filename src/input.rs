//! Opening the files a build reads (content and `--font-dir` fonts) so that no file can
//! hang it or fill its memory: only regular files are opened, a FIFO is never waited on,
//! and a size limit is applied while reading, not only to what the file said its size was.

use std::fs::{File, FileType};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// What a file that is not a regular file is, for the error naming it: "a FIFO".
pub fn not_regular(file_type: FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// The metadata of `path` (links followed) if it is a regular file, else an error saying
/// what it is. Checked before opening: opening a FIFO for reading blocks until a writer
/// comes.
pub fn regular_file(path: &Path) -> Result<std::fs::Metadata, Error> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    match not_regular(meta.file_type()) {
        Some(kind) => Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind,
        }),
        None => Ok(meta),
    }
}

/// Reads the regular file at `path` (symbolic links followed), refusing anything else and
/// anything longer than `limit` bytes. `what` names the file in the limit's message: "a
/// content file".
pub fn read_limited(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, Error> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let not_a_file = |kind: &'static str| Error::NotAFile {
        path: path.to_path_buf(),
        kind,
    };
    regular_file(path)?;
    let file = open_nonblocking(path).map_err(read_err)?;
    // The path may have been swapped for a FIFO or device between the check and the open.
    let opened = file.metadata().map_err(read_err)?;
    if let Some(kind) = not_regular(opened.file_type()) {
        return Err(not_a_file(kind));
    }
    // One byte past the limit tells "at the limit" from "over it", and a file that grows
    // while it is read is still cut there.
    let capacity = opened.len().min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            limit,
            what,
        });
    }
    Ok(bytes)
}

/// Opens for reading without waiting: with `O_NONBLOCK` a FIFO that slipped past the type
/// check opens at once (and is then refused) instead of blocking until a writer appears.
/// On a regular file the flag changes nothing.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// The first symbolic link on the way from `root` to `path` (a locale folder or the file
/// itself) that resolves outside `root`, with where it resolves to. `path` must be `root`
/// joined with plain components; anything else is not checked here.
pub fn link_outside(root: &Path, path: &Path) -> Option<(PathBuf, PathBuf)> {
    let relative = path.strip_prefix(root).ok()?;
    let canonical_root = root.canonicalize().ok()?;
    let mut at = root.to_path_buf();
    for part in relative.components() {
        let Component::Normal(part) = part else {
            return None;
        };
        at.push(part);
        if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        // A link that resolves nowhere is not outside; reading it fails, naming it.
        let target = at.canonicalize().ok()?;
        if !target.starts_with(&canonical_root) {
            return Some((at, target));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, [b'x'; 100]).unwrap();
        assert_eq!(read_limited(&p, 100, "a test file").unwrap().len(), 100);
        let e = read_limited(&p, 99, "a test file").unwrap_err();
        assert!(matches!(e, Error::TooLarge { limit: 99, .. }), "{e}");
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_limited(dir.path(), 100, "a test file").unwrap_err();
        assert!(e.to_string().contains("is a folder, not a file"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn links_that_stay_inside_pass_and_links_that_leave_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("materials");
        let outside = dir.path().join("elsewhere");
        std::fs::create_dir_all(root.join("en")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("en/texts.toml"), "").unwrap();
        std::fs::write(outside.join("texts.toml"), "").unwrap();
        std::os::unix::fs::symlink(root.join("en"), root.join("en-GB")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("fr")).unwrap();
        assert_eq!(link_outside(&root, &root.join("en-GB/texts.toml")), None);
        let (link, target) = link_outside(&root, &root.join("fr/texts.toml")).unwrap();
        assert_eq!(link, root.join("fr"));
        assert_eq!(target, outside.canonicalize().unwrap());
    }
}
