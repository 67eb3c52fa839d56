//! One error type for the whole library, each variant carrying the context a user needs to
//! fix the problem: the file, the line, the key, the locale and kind.

use std::fmt;
use std::path::PathBuf;

use crate::compose::{Kind, Paper};

/// A place in a content file: path, 1-based line and column, and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub source_line: String,
}

impl Location {
    /// Turns a byte offset into a line/column location in `source`.
    pub fn from_offset(path: &std::path::Path, source: &str, offset: usize) -> Self {
        let offset = offset.min(source.len());
        let before = &source[..floor_char_boundary(source, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let source_line = source[line_start..]
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        Location {
            path: path.to_path_buf(),
            line,
            column,
            source_line,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Everything that can go wrong between reading content and writing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{}: no materials here (expected contacts.toml and one folder per locale)", path.display())]
    NoMaterials { path: PathBuf },

    #[error("{location}: TOML syntax error: {message}")]
    Syntax { location: Location, message: String },

    #[error("{location}: {message}{}", hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
    Schema {
        location: Location,
        message: String,
        hint: Option<String>,
    },

    #[error("{}: `{key}` is missing (every locale falls back to `en`, and `en` must have it)", path.display())]
    MissingText { path: PathBuf, key: String },

    #[error("{}: `{key}` is empty", place(path, location))]
    EmptyText {
        path: PathBuf,
        key: String,
        /// Where the key is written; found by [`crate::content::load`] once it fails.
        location: Option<Box<Location>>,
    },

    #[error("{}: `{key}`: {message}", place(path, location))]
    InvalidText {
        path: PathBuf,
        key: String,
        message: String,
        /// Like [`Error::EmptyText::location`].
        location: Option<Box<Location>>,
    },

    /// Boxed: its fields would double the size of every `Result<_, Error>`.
    #[error("{0}")]
    LiteralContact(Box<LiteralContact>),

    #[error("{}: contact `{key}`: {message}", place(path, location))]
    InvalidContact {
        path: PathBuf,
        key: String,
        message: String,
        /// Where the record is; like [`Error::EmptyText::location`].
        location: Option<Box<Location>>,
    },

    #[error("{}: edition `{name}`: {message}", place(path, location))]
    InvalidEdition {
        path: PathBuf,
        name: String,
        message: String,
        location: Option<Box<Location>>,
    },

    /// A name the materials declare no edition by, their editions, and the one it most
    /// likely meant.
    #[error("edition `{0}` is not in the materials{hint} (editions: {1}; `all` is every one)", hint = did_you_mean(.2))]
    UnknownEdition(String, String, Option<String>),

    /// The materials predate editions (an older `init` wrote no `editions.toml`): what to
    /// copy in is said by the report's help.
    #[error(
        "edition `{name}` is not in the materials: {} has no editions.toml, so it has no editions (a project made by an older bridgeprint)",
        materials.display()
    )]
    NoEditions { name: String, materials: PathBuf },

    #[error(
        "{}: locale `{locale}` has no `[editions.{edition}]` table, so the {edition} edition cannot be made in it: add it, translated from en/red_flags.toml's; editions never fall back to English",
        path.display()
    )]
    EditionMissing {
        path: PathBuf,
        locale: String,
        edition: String,
    },

    #[error("{}: locale folder `{locale}`: {message}", path.display())]
    InvalidLocale {
        path: PathBuf,
        locale: String,
        message: String,
    },

    /// A locale `--strict` will not print: English standing in for its text.
    #[error("{}: locale `{locale}` {refusal}, refused by --strict", path.display())]
    Strict {
        /// The file at fault: the one that lacks keys, or the locale's folder.
        path: PathBuf,
        locale: String,
        refusal: Refusal,
    },

    /// A tag the materials have no folder for, and the one it most likely meant.
    #[error("unknown locale `{0}`{hint} (run `bridgeprint list` to see the locales)", hint = did_you_mean(.1))]
    UnknownLocale(String, Option<String>),

    #[error(
        "`{0}`: a bilingual selection is two different locales joined by `+`, such as `en+es` (a notice takes three: `en+es+tl`)"
    )]
    BadPair(String),

    #[error(
        "{locales}: a {} is made in one language; bilingual documents are cards and posters",
        kind.name()
    )]
    Bilingual { locales: String, kind: Kind },

    #[error("{}{locale} {}{}{}: `{key}` does not fit its box: {detail}{}",
        origin.as_ref().and_then(|o| o.location.as_ref()).map(|l| format!("{l}: ")).unwrap_or_default(),
        kind.name(),
        paper.map(|p| format!(" on {} paper", p.name())).unwrap_or_default(),
        pair.as_ref().map(|p| format!(" (in {p})")).unwrap_or_default(),
        if origin.as_ref().is_some_and(|o| o.from_en) { " (the text is `en`'s: this locale does not have the key)" } else { "" })]
    Overflow {
        /// The language whose text does not fit.
        locale: String,
        kind: Kind,
        /// `None` for a kind with one size (a card).
        paper: Option<Paper>,
        /// `en+vi` when the document is bilingual.
        pair: Option<String>,
        key: String,
        detail: String,
        /// Where the text is written; filled in by the engine, which knows the content.
        origin: Option<Box<Origin>>,
    },

    #[error("{locale} {}: {message}", label(*kind, *paper, pair.as_deref()))]
    Layout {
        locale: String,
        kind: Kind,
        /// Like [`Error::Overflow::paper`].
        paper: Option<Paper>,
        /// Like [`Error::Overflow::pair`].
        pair: Option<String>,
        message: String,
    },

    #[error("QR code for contact `{key}` ({payload}): {message}")]
    Qr {
        key: String,
        payload: String,
        message: String,
    },

    /// Boxed, like [`Error::LiteralContact`].
    #[error("{0}")]
    Printed(Box<Printed>),

    /// A card that cannot go on the sheet `--impose` names (a stock for another card
    /// size); the message says which sheet would take it.
    #[error("{locale}{}: cannot impose on {sheet}: {message}", kind.map(|k| format!(" {}", k.name())).unwrap_or_default())]
    Impose {
        locale: String,
        kind: Option<Kind>,
        sheet: String,
        message: String,
    },

    #[error("{locale} {}: the PDF writer refused the document: {message}", label(*kind, *paper, pair.as_deref()))]
    Pdf {
        locale: String,
        kind: Kind,
        /// Like [`Error::Overflow::paper`].
        paper: Option<Paper>,
        /// Like [`Error::Overflow::pair`].
        pair: Option<String>,
        message: String,
    },

    /// `bridgeprint init` where a project (or a materials folder it would overwrite) is.
    #[error("{}: a bridgeprint project is already here; `bridgeprint init` cannot be run on an existing project", path.display())]
    ProjectExists { path: PathBuf },

    /// An organisation's logo that is not a PNG, JPEG or SVG image that draws as it
    /// should.
    #[error("{}: {message}", path.display())]
    Logo { path: PathBuf, message: String },

    /// A legal profile (`materials/profiles/NAME.toml`) with a field that is wrong, at its
    /// place in the file.
    #[error("{location}: `{field}`: {message}")]
    ProfileValue {
        location: Location,
        field: String,
        message: String,
    },

    /// `--profile NAME` that no profile has.
    #[error("no legal profile `{given}`{}; the profiles are {} (see `bridgeprint list --profiles`)", did_you_mean(.closest), .valid.join(", "))]
    UnknownProfile {
        given: String,
        valid: Vec<String>,
        closest: Option<String>,
    },

    /// A notice asked for without the profile it is made under.
    #[error("a notice is made under a state's legal profile: add --profile NAME (the profiles are {}; `bridgeprint list --profiles` shows each with its citation)", if .profiles.is_empty() { "listed by `bridgeprint list --profiles`".to_string() } else { .profiles.join(", ") })]
    NoticeNeedsProfile { profiles: Vec<String> },

    /// A rule of a legal profile a build cannot meet, named with the law it comes from.
    #[error("{profile}: rule `{rule}` ({citation}): {message}")]
    NoticeRule {
        profile: String,
        citation: String,
        rule: String,
        message: String,
    },

    /// A document made under a legal profile that does not measure up to it: every rule
    /// unmet, each with what was measured and what the law asks.
    #[error("{profile}: {document} does not meet {citation}: {}", .unmet.join("; "))]
    Unmet {
        profile: String,
        citation: String,
        document: String,
        unmet: Vec<String>,
    },

    /// A value in `bridgeprint.toml` that parses but names nothing there is.
    #[error("{location}: {message}")]
    ProjectValue { location: Location, message: String },

    /// A `[theme]` whose text colour on a ground the templates print it on is under WCAG
    /// AA (4.5:1). Boxed: its fields would double the size of every `Result<_, Error>`.
    #[error("{0}")]
    Contrast(Box<UnreadablePair>),

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A write that failed before any file was renamed into place.
    #[error("cannot write {}: {source}; nothing was replaced, the output folder still holds the previous build", path.display())]
    WriteNothingReplaced {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("refusing to write {}: {reason}", path.display())]
    UnsafePath { path: PathBuf, reason: String },

    /// A PDF `bridgeprint preview` cannot turn into pictures.
    #[error("cannot preview {}: {message}", path.display())]
    Preview { path: PathBuf, message: String },

    /// `bridgeprint preview` from a binary built without the `preview` feature.
    #[error(
        "this bridgeprint was built without previews (--no-default-features); install one with them: cargo install --path ."
    )]
    PreviewUnavailable,

    #[error("another build{} is writing into {}; gave up after {waited:.0} s", pid.map(|p| format!(" (pid {p})")).unwrap_or_default(), path.parent().map(|p| p.display().to_string()).unwrap_or_default())]
    Locked {
        /// The lock file.
        path: PathBuf,
        pid: Option<u32>,
        /// Seconds waited.
        waited: f64,
    },

    /// `--deny-warnings` and a run that found these: a print run refuses a stale contact or
    /// English standing in for a translation as it refuses an error.
    #[error("{} with --deny-warnings: nothing was written", count_warnings(.0.len()))]
    WarningsDenied(Vec<crate::diag::Diagnostic>),

    #[error("SOURCE_DATE_EPOCH={0} is not a number of seconds since 1970")]
    SourceDateEpoch(String),

    /// Boxed like [`Error::LiteralContact`].
    #[error("{0}")]
    ContentRule(Box<ContentRule>),

    /// A FIFO, device, socket or folder where a file was expected: reading it could block
    /// forever or never end.
    #[error("cannot read {}: it is {kind}, not a file", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },

    #[error("cannot read {}: it has more than the {limit} bytes {what} may have", path.display())]
    TooLarge {
        path: PathBuf,
        limit: u64,
        /// "a content file", "a font file".
        what: &'static str,
    },

    #[error("refusing to read {}: it is a symbolic link to {}, outside the materials folder {} (copy the files in instead)", link.display(), target.display(), root.display())]
    LinkOutside {
        /// The link: the content file or the locale folder holding it.
        link: PathBuf,
        /// Where it resolves to.
        target: PathBuf,
        root: PathBuf,
    },

    /// A PO file, or one of its entries, that `i18n import` refuses, at its place in the
    /// PO file.
    #[error("{0}")]
    Po(Box<PoProblem>),

    /// `i18n import` or `new-locale` with no materials folder to write into.
    #[error(
        "`{command}` writes into a materials folder and there is none here (the bundled materials are part of the program)"
    )]
    NoMaterialsFolder { command: &'static str },
}

impl Error {
    /// Where in a content file the error points, when it does: the source line shown
    /// under the message, and [`crate::diag::Diagnostic::location`].
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Syntax { location, .. }
            | Error::Schema { location, .. }
            | Error::ProjectValue { location, .. }
            | Error::ProfileValue { location, .. } => Some(location),
            Error::Contrast(pair) => Some(&pair.location),
            Error::LiteralContact(found) => Some(&found.location),
            Error::ContentRule(broken) => Some(&broken.location),
            Error::Po(problem) => Some(&problem.location),
            Error::Overflow { origin, .. } => origin.as_ref()?.location.as_ref(),
            Error::EmptyText { location, .. }
            | Error::InvalidText { location, .. }
            | Error::InvalidContact { location, .. } => location.as_deref(),
            _ => None,
        }
    }
}

fn did_you_mean(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

fn count_warnings(n: usize) -> String {
    format!("{n} warning{}", if n == 1 { "" } else { "s" })
}

/// `path:line:col` when the place is known, else the path.
fn place(path: &std::path::Path, location: &Option<Box<Location>>) -> String {
    match location {
        Some(l) => l.to_string(),
        None => path.display().to_string(),
    }
}

/// Which document an error is about, as [`Error::Overflow`], [`Error::Layout`],
/// [`Error::Pdf`] and [`Printed`] carry it. A laid-out document keeps it
/// ([`crate::layout::Meta::of`]) so the read-back and a backend, which know nothing of
/// compose, can still name the kind as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Of {
    pub kind: Kind,
    /// `None` for a kind with one size (a card).
    pub paper: Option<Paper>,
    /// `en+vi` when the document is bilingual.
    pub pair: Option<String>,
}

impl Of {
    /// [`label`] of this document.
    pub fn label(&self) -> String {
        label(self.kind, self.paper, self.pair.as_deref())
    }
}

/// How [`Error::Layout`], [`Error::Pdf`] and [`Printed`] name a document: `card`,
/// `poster (a4)`, `card (en+es)`, `poster (en+es, a4)`. Letter goes unsaid: it is what a
/// build makes unless told otherwise.
pub fn label(kind: Kind, paper: Option<Paper>, pair: Option<&str>) -> String {
    let mut notes: Vec<&str> = pair.into_iter().collect();
    if let Some(p) = paper.filter(|&p| p != Paper::Letter) {
        notes.push(p.name());
    }
    if notes.is_empty() {
        kind.name().to_string()
    } else {
        format!("{} ({})", kind.name(), notes.join(", "))
    }
}

/// Where a text that failed is written: in its locale's file, or in `en`'s when the locale
/// does not have the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `None` when the key is no path in the file (a page label made from a template).
    pub location: Option<Location>,
    pub from_en: bool,
}

/// A phone number, short code or web address written in a text instead of a `{contact}`.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: `{key}`: {what} \"{written}\" ({normalised}) is written in the text: {advice}"
)]
pub struct LiteralContact {
    pub location: Location,
    /// The text's key: `texts.card.hotline_note`.
    pub key: String,
    /// "phone number", "short code" or "web address".
    pub what: &'static str,
    /// As written, invisible characters shown as `<U+200F>`.
    pub written: String,
    /// `digits 18883737889` or `host example.org`.
    pub normalised: String,
    pub advice: String,
}

/// A number, keyword or web address that the laid-out page would print other than as its
/// contact record says, found by reading the page back (see [`crate::readback`]).
#[derive(Debug, thiserror::Error)]
#[error(
    "{locale} {}, page {page}: `{key}` would print \"{printed}\" where the text says \"{written}\": {problem}; nothing was written",
    label(*kind, *paper, pair.as_deref())
)]
pub struct Printed {
    pub locale: String,
    pub kind: Kind,
    /// Like [`Error::Overflow::paper`].
    pub paper: Option<Paper>,
    /// Like [`Error::Overflow::pair`].
    pub pair: Option<String>,
    /// 1-based.
    pub page: usize,
    /// The content key of the text: `texts.card.text_line`, `contacts.hotline`.
    pub key: String,
    /// The line as a reader sees it, left to right, invisible characters shown as `<U+202E>`.
    pub printed: String,
    /// The text in reading order as the content gives it, invisible characters shown too.
    pub written: String,
    /// What is wrong, in words a print shop can act on.
    pub problem: String,
}

/// A character rule broken at a place in a content file or `contacts.toml`.
#[derive(Debug, thiserror::Error)]
#[error("{location}: `{key}`{}: {message}: {advice}", locale.as_ref().map(|l| format!(" (locale `{l}`)")).unwrap_or_default())]
pub struct ContentRule {
    pub location: Location,
    /// The text's key (`texts.card.text_line`), or a record's field
    /// (`contacts.hotline.display`), or `locale.direction`.
    pub key: String,
    /// The locale folder, for errors that concern a locale as a whole.
    pub locale: Option<String>,
    pub rule: Rule,
    /// What is wrong, naming the code point where there is one.
    pub message: String,
    /// What to do instead.
    pub advice: String,
}

/// What is wrong with a PO file being imported ([`Error::Po`]): the entry's `msgstr` line
/// (the header's for the file as a whole), its `msgctxt` when it has one.
#[derive(Debug, thiserror::Error)]
#[error("{location}: {}{message}{}", key.as_ref().map(|k| format!("`{k}`: ")).unwrap_or_default(), hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
pub struct PoProblem {
    pub location: Location,
    /// The entry's `msgctxt`: the content key (`texts.card.text_line`).
    pub key: Option<String>,
    pub rule: PoRule,
    pub message: String,
    /// The known name closest to a misspelt one.
    pub hint: Option<String>,
}

/// Which rule a [`PoProblem`] broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoRule {
    /// Not PO syntax.
    Syntax,
    /// A plural entry: no text here has plural forms.
    Plural,
    /// Which locale the file is for is unknown or contradicts `--locale`.
    Locale,
    /// An entry without `msgctxt`, or one the schema does not know.
    UnknownKey,
    /// Two entries with one `msgctxt`.
    Duplicate,
    /// A `{placeholder}` of the English dropped, changed or added.
    Placeholder,
    /// A list or an edition translated in part: it prints whole or not at all.
    Partial,
    /// A content rule the imported text breaks (a number typed in, a bidi control...).
    Content,
}

/// Why `--strict` refuses a locale that is not a draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Keys its file does not give, printed in English instead.
    #[error("falls back to English for {} key{}: {}", keys.len(), if keys.len() == 1 { "" } else { "s" }, keys.join(", "))]
    FellBack { keys: Vec<String> },
    /// Its own texts are English's, word for word, for most keys.
    #[error(
        "has {identical} of {compared} texts word for word the same as English: a copied folder left untranslated"
    )]
    Copied { identical: usize, compared: usize },
}

/// Which rule a [`ContentRule`] error broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A bidi control character anywhere in content.
    BidiControl,
    /// An invisible, filler or combining character beside a digit or placeholder.
    HiddenCharacter,
    /// A digit, letter or placeholder touching a placeholder.
    FusedPlaceholder,
    /// More combining marks on one base than any script needs.
    MarkPile,
    /// `direction` in locale.toml against the script of the texts.
    Direction,
    /// A contact's `display` that is not its number or address.
    Display,
    /// `comparison.smuggling` and `comparison.trafficking` name one crime twice.
    SameTerms,
}

/// Several errors found in one pass, so a user fixes them all in one go.
#[derive(Debug)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl Errors {
    /// Each error as a [`crate::diag::Diagnostic`], for a caller that reports them itself.
    pub fn diagnostics(&self) -> impl Iterator<Item = crate::diag::Diagnostic> + '_ {
        self.0.iter().map(crate::diag::Diagnostic::from)
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A text colour and the ground a template prints it on, as a `[theme]` set them, too
/// close to read: [`Error::Contrast`]. `location` is the key that set one of the two;
/// colours are as written.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: {pair} would print {text} ({text_role}) on {ground} ({ground_role}), a contrast of {ratio}:1; text needs at least 4.5:1 (WCAG AA)"
)]
pub struct UnreadablePair {
    pub location: Location,
    pub pair: String,
    pub text: String,
    pub text_role: String,
    pub ground: String,
    pub ground_role: String,
    /// Cut (not rounded) to two decimals, so 4.499 never shows as 4.50.
    pub ratio: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_named_by_kind_then_pair_then_paper_other_than_letter() {
        let cases = [
            (Kind::Card, None, None, "card"),
            (Kind::Poster, Some(Paper::Letter), None, "poster"),
            (Kind::Poster, Some(Paper::A4), None, "poster (a4)"),
            (Kind::Card, None, Some("en+es"), "card (en+es)"),
            (
                Kind::Poster,
                Some(Paper::Letter),
                Some("ar+en"),
                "poster (ar+en)",
            ),
            (
                Kind::Poster,
                Some(Paper::A4),
                Some("en+es"),
                "poster (en+es, a4)",
            ),
        ];
        for (kind, paper, pair, named) in cases {
            assert_eq!(label(kind, paper, pair), named);
        }
    }
}
