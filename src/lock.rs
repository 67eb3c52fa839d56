//! One build at a time writes into an output folder.
//!
//! Each file is replaced atomically anyway; the lock adds three things. A folder ends up
//! holding one build's set of PDFs, not a mix of two builds' files. A build may remove
//! the temporary files a killed build left, knowing no live build is still writing them.
//! And the manifest ([`crate::manifest`]) a build reads is the one the last build wrote,
//! not one a concurrent build is about to replace.
//!
//! The lock is an advisory OS lock (`flock` on Unix) on `OUT/.bridgeprint.lock`, so the
//! kernel releases it when a build dies, however it dies. The file stays: deleting a lock
//! file races with a build that has just opened it. While held it names the holder's pid,
//! for the message a waiting build shows; it is emptied on release, so two builds leave
//! identical folders.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;

/// The lock file's name inside the output folder.
pub const LOCK_FILE: &str = ".bridgeprint.lock";

/// How often a waiting build tries the lock again.
const POLL: Duration = Duration::from_millis(50);

/// Another build holds the lock.
#[derive(Debug, Clone)]
pub struct Busy {
    /// The lock file.
    pub path: PathBuf,
    /// The holder's process id, when it could be read.
    pub pid: Option<u32>,
}

/// The held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct OutputLock {
    file: File,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Best effort: a pid left behind only makes a later message name a dead process.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// Takes the lock of output folder `out` (creating the folder), waiting up to `timeout`
/// for another build to finish. `waiting` is called once, when the wait begins.
pub fn acquire(
    out: &Path,
    timeout: Duration,
    waiting: &mut dyn FnMut(&Busy),
) -> Result<OutputLock, Error> {
    let path = out.join(LOCK_FILE);
    let err = |source| Error::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(out).map_err(err)?;
    // The lock file is truncated; through a planted link that would empty another file.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::UnsafePath {
            reason: "the lock file is not a plain file (remove it; a build makes a new one)".into(),
            path,
        });
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(err)?;
    let start = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                let busy = Busy {
                    path: path.clone(),
                    pid: holder(&mut file),
                };
                if start.elapsed() >= timeout {
                    return Err(Error::Locked {
                        path,
                        pid: busy.pid,
                        waited: start.elapsed().as_secs_f64(),
                    });
                }
                if !told {
                    waiting(&busy);
                    told = true;
                }
                std::thread::sleep(POLL.min(timeout.saturating_sub(start.elapsed())));
            }
            Err(TryLockError::Error(source)) => return Err(err(source)),
        }
    }
    let mut lock = OutputLock { file };
    let pid = std::process::id();
    let written = lock
        .file
        .set_len(0)
        .and_then(|()| lock.file.rewind())
        .and_then(|()| writeln!(lock.file, "{pid}"));
    written.map_err(err)?;
    Ok(lock)
}

/// The pid the holder wrote, if it has written it yet.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_names_the_holder_and_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let held = acquire(dir.path(), Duration::ZERO, &mut |_| {
            panic!("free lock waited")
        })
        .unwrap();
        let mut seen = Vec::new();
        let second = acquire(dir.path(), Duration::from_millis(120), &mut |b| {
            seen.push(b.pid)
        });
        match second {
            Err(Error::Locked { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected a lock timeout, got {other:?}"),
        }
        assert_eq!(seen, [Some(std::process::id())]);
        drop(held);
        let again = acquire(dir.path(), Duration::ZERO, &mut |_| {
            panic!("released lock waited")
        });
        assert!(again.is_ok());
        drop(again);
        assert_eq!(std::fs::read(dir.path().join(LOCK_FILE)).unwrap(), b"");
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join(LOCK_FILE)).unwrap();
        let e = acquire(dir.path(), Duration::ZERO, &mut |_| {}).unwrap_err();
        assert!(matches!(e, Error::UnsafePath { .. }), "{e}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
    }
}
