//! Diagnostics as data: one type for what a run found, errors and warnings alike, so a
//! library caller (or a later JSON reporter) reads severity, place and hints as fields,
//! and only `src/cli/report.rs` decides how they look on a terminal.

use std::fmt;

use crate::error::{Error, Location};

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Stops the build: nothing is written.
    Error,
    /// Does not stop the build; a person should still read it.
    Warning,
}

/// Something a run found, with where it is when it comes from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The place in a content file the message is about, when it has one.
    pub location: Option<Location>,
    /// Complete on its own: a located error's message starts with its `file:line:col`, so
    /// a line read alone in a log still says where.
    pub message: String,
    /// What to do next, where that is not obvious from the message.
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: None,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// The same diagnostic pointing at `location` (kept out of the message, which stays
    /// as people already read it).
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl From<&Error> for Diagnostic {
    fn from(e: &Error) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: e.location().cloned(),
            message: e.to_string(),
            hints: Vec::new(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
