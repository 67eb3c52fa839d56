//! Diagnostics as data: one type for what a run found, errors and warnings alike, so a
//! library caller (or `--json`) reads severity, place, key, locale and hints as fields,
//! and only `src/cli/report.rs` decides how they look on a terminal.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location};

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Stops the build: nothing is written.
    Error,
    /// Does not stop the build; a person should still read it.
    Warning,
}

impl Severity {
    /// `error`, `warning`: how a report names it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Something a run found, with where it is when it comes from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The place in a content file the message is about, when it has one.
    pub location: Option<Location>,
    /// The file it is about when no line is known (a missing key, a locale folder).
    pub file: Option<PathBuf>,
    /// Complete on its own: a located error's message starts with its `file:line:col`, so
    /// a line read alone in a log still says where.
    pub message: String,
    /// What to do next, where that is not obvious from the message.
    pub hints: Vec<String>,
    /// The content key at fault: `texts.card.heading`, `hotline`.
    pub key: Option<String>,
    /// The locale (or pair, `en+es`) it is about; a build shows only those it builds.
    pub locale: Option<String>,
    /// The kind of document, by name (`card`), when it is about one.
    pub kind: Option<String>,
}

impl Diagnostic {
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: None,
            file: None,
            message: message.into(),
            hints: Vec::new(),
            key: None,
            locale: None,
            kind: None,
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

    /// The same diagnostic about one locale, so a run that does not build it leaves it out.
    pub fn for_locale(mut self, tag: &str) -> Self {
        self.locale = Some(tag.to_string());
        self
    }

    /// Whether it concerns the locales `built` names: said of none, or of one of them
    /// (either of a pair).
    pub fn concerns(&self, built: &[&str]) -> bool {
        self.locale
            .as_deref()
            .is_none_or(|l| l.split('+').any(|t| built.contains(&t)))
    }
}

impl From<&Error> for Diagnostic {
    fn from(e: &Error) -> Self {
        let location = e.location().cloned();
        Diagnostic {
            severity: Severity::Error,
            file: if location.is_none() {
                file_of(e).map(Path::to_path_buf)
            } else {
                None
            },
            location,
            message: e.to_string(),
            hints: Vec::new(),
            key: key_of(e).map(String::from),
            locale: locale_of(e),
            kind: kind_of(e).map(String::from),
        }
    }
}

/// The file an error without a line is about.
fn file_of(e: &Error) -> Option<&Path> {
    match e {
        Error::Read { path, .. }
        | Error::NoMaterials { path }
        | Error::MissingText { path, .. }
        | Error::EmptyText { path, .. }
        | Error::InvalidText { path, .. }
        | Error::InvalidContact { path, .. }
        | Error::InvalidEdition { path, .. }
        | Error::EditionMissing { path, .. }
        | Error::InvalidLocale { path, .. }
        | Error::Strict { path, .. }
        | Error::Logo { path, .. }
        | Error::Write { path, .. }
        | Error::WriteNothingReplaced { path, .. }
        | Error::UnsafePath { path, .. }
        | Error::NotAFile { path, .. }
        | Error::TooLarge { path, .. } => Some(path),
        Error::LinkOutside { link, .. } => Some(link),
        _ => None,
    }
}

fn key_of(e: &Error) -> Option<&str> {
    match e {
        Error::MissingText { key, .. }
        | Error::EmptyText { key, .. }
        | Error::InvalidText { key, .. }
        | Error::InvalidContact { key, .. }
        | Error::Overflow { key, .. }
        | Error::Qr { key, .. } => Some(key),
        Error::LiteralContact(found) => Some(&found.key),
        Error::Printed(printed) => Some(&printed.key),
        Error::ContentRule(broken) => Some(&broken.key),
        _ => None,
    }
}

fn locale_of(e: &Error) -> Option<String> {
    let one = |l: &String| Some(l.clone());
    match e {
        Error::EditionMissing { locale, .. }
        | Error::InvalidLocale { locale, .. }
        | Error::Strict { locale, .. }
        | Error::Overflow { locale, .. }
        | Error::Layout { locale, .. }
        | Error::Pdf { locale, .. } => one(locale),
        Error::Impose { locale, .. } if !locale.is_empty() => one(locale),
        Error::UnknownLocale(tag, _) => one(tag),
        Error::BadPair(name) => one(name),
        Error::Bilingual { locales, .. } => one(locales),
        Error::Printed(printed) => one(&printed.locale),
        Error::ContentRule(broken) => broken.locale.clone(),
        _ => None,
    }
}

fn kind_of(e: &Error) -> Option<&'static str> {
    match e {
        Error::Bilingual { kind, .. }
        | Error::Overflow { kind, .. }
        | Error::Layout { kind, .. }
        | Error::Pdf { kind, .. } => Some(kind.name()),
        Error::Printed(printed) => Some(printed.kind.name()),
        Error::Impose { kind, .. } => kind.map(|k| k.name()),
        _ => None,
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The shape `--json` gives each warning and error: `location` is `{file, line, column}`,
/// line and column `null` when only the file is known, the whole `null` when not even
/// that is.
impl serde::Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Place<'a> {
            file: std::borrow::Cow<'a, str>,
            line: Option<usize>,
            column: Option<usize>,
        }
        #[derive(serde::Serialize)]
        struct View<'a> {
            severity: &'static str,
            message: &'a str,
            hints: &'a [String],
            location: Option<Place<'a>>,
            key: Option<&'a str>,
            locale: Option<&'a str>,
            kind: Option<&'a str>,
        }
        let location = match (&self.location, &self.file) {
            (Some(l), _) => Some(Place {
                file: l.path.to_string_lossy(),
                line: Some(l.line),
                column: Some(l.column),
            }),
            (None, Some(file)) => Some(Place {
                file: file.to_string_lossy(),
                line: None,
                column: None,
            }),
            (None, None) => None,
        };
        serde::Serialize::serialize(
            &View {
                severity: self.severity.name(),
                message: &self.message,
                hints: &self.hints,
                location,
                key: self.key.as_deref(),
                locale: self.locale.as_deref(),
                kind: self.kind.as_deref(),
            },
            s,
        )
    }
}
