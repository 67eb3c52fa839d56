//! The one way the tests launch the real binary, so every launch starts from the same
//! environment (no inherited `SOURCE_DATE_EPOCH`, no stdin) and none can hang a test run.

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far longer than any build of the bundled materials takes on a loaded machine: a run
/// past it is a hang, not a slow build.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// A launch of `bridgeprint` being put together: `bp().arg("build").materials(m).out(o)`.
pub struct Bp {
    cmd: Command,
    shown: Vec<String>,
    timeout: Duration,
}

/// What a finished run printed and how it ended.
#[derive(Debug)]
pub struct Ran {
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn bp() -> Bp {
    bp_at(Path::new(env!("CARGO_BIN_EXE_bridgeprint")))
}

/// A launch of the binary at `program`: a copy installed somewhere else.
pub fn bp_at(program: &Path) -> Bp {
    let mut cmd = Command::new(program);
    // Tests that want a creation date say so with `.epoch()`; one set in the shell that
    // runs `cargo test` must not leak into the others.
    cmd.env_remove("SOURCE_DATE_EPOCH");
    Bp {
        cmd,
        shown: Vec::new(),
        timeout: DEFAULT_TIMEOUT,
    }
}

impl Bp {
    pub fn arg(mut self, a: impl AsRef<OsStr>) -> Self {
        self.shown.push(a.as_ref().to_string_lossy().into_owned());
        self.cmd.arg(a);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    pub fn materials(self, dir: impl AsRef<Path>) -> Self {
        self.arg("--materials").arg(dir.as_ref())
    }

    pub fn out(self, dir: impl AsRef<Path>) -> Self {
        self.arg("--out").arg(dir.as_ref())
    }

    /// Runs in `dir`, as a person working in that folder would.
    pub fn in_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    /// `SOURCE_DATE_EPOCH`: the creation date written into every PDF.
    pub fn epoch(mut self, seconds: &str) -> Self {
        self.cmd.env("SOURCE_DATE_EPOCH", seconds);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Fails the test, after killing the run, if it has not ended by then.
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = limit;
        self
    }

    /// The command itself, for tests that spawn it and kill it or read it line by line.
    pub fn command(mut self) -> Command {
        self.cmd.stdin(Stdio::null());
        self.cmd
    }

    /// Runs to the end (or to the timeout, which fails the test).
    pub fn run(mut self) -> Ran {
        let mut child = self
            .cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run bridgeprint");
        // Read both pipes while waiting: a run that prints more than a pipe holds would
        // otherwise block on its write and look like a hang.
        let drain = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                pipe.read_to_end(&mut bytes).expect("read a pipe");
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().expect("stdout pipe")));
        let stderr = drain(Box::new(child.stderr.take().expect("stderr pipe")));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for bridgeprint") {
                break status;
            }
            if start.elapsed() > self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                panic!("bridgeprint {:?} hung for {:?}", self.shown, self.timeout);
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let stdout = stdout.join().expect("stdout reader");
        let stderr = stderr.join().expect("stderr reader");
        Ran {
            code: status.code(),
            stdout: String::from_utf8(stdout).unwrap_or_else(|e| {
                panic!(
                    "bridgeprint {:?} printed non-UTF-8 on stdout: {e}",
                    self.shown
                )
            }),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    /// Runs, asserting it exits with `code` and does not panic.
    pub fn status(self, code: i32) -> Ran {
        let shown = self.shown.clone();
        let ran = self.run();
        assert_eq!(
            ran.code,
            Some(code),
            "bridgeprint {shown:?}; stderr:\n{}",
            ran.stderr
        );
        assert!(
            !ran.stderr.contains("panicked"),
            "bridgeprint {shown:?} panicked:\n{}",
            ran.stderr
        );
        ran
    }

    /// Runs, asserting it succeeds.
    pub fn passes(self) -> Ran {
        self.status(0)
    }

    /// Runs, asserting it exits 1 with every needle on stderr and nothing on stdout.
    pub fn fails_with(self, needles: &[&str]) -> Ran {
        let shown = self.shown.clone();
        let ran = self.status(1);
        assert!(
            ran.stdout.is_empty(),
            "bridgeprint {shown:?} printed on stdout: {:?}",
            ran.stdout
        );
        for needle in needles {
            assert!(
                ran.stderr.contains(needle),
                "bridgeprint {shown:?}: {needle:?} not in stderr:\n{}",
                ran.stderr
            );
        }
        ran
    }
}
