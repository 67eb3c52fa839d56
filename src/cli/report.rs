//! How errors, warnings and summaries reach a person: stderr, colour only on a terminal;
//! or, with `--json`, a script: one object on stdout and nothing on stderr.

use std::borrow::Cow;
use std::io::IsTerminal;

use bridgeprint::content::chars::bidi_control;
use bridgeprint::{Diagnostic, Error, Errors, Severity};

/// Who reads this run's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Results on stdout; warnings, notes and a summary on stderr.
    Person,
    /// Errors on stderr, nothing else (`--quiet`).
    Quiet,
    /// One JSON object on stdout, the command's own, and nothing else anywhere (`--json`).
    Json,
}

static MODE: std::sync::OnceLock<Mode> = std::sync::OnceLock::new();

/// How the rest of the run reports; set once, by the subcommand, before it reports anything.
pub fn set_mode(mode: Mode) {
    let _ = MODE.set(mode);
}

pub fn mode() -> Mode {
    MODE.get().copied().unwrap_or(Mode::Person)
}

fn paint(code: &str, text: &str) -> String {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// `text` with every character that could drive a terminal or reorder what it shows
/// written as `<U+001B>`, the form number errors already use for invisible marks: C0
/// controls but tab, DEL, C1 controls, bidi embeddings, overrides, isolates and marks, and
/// the line and paragraph separators. Content and folder names reach messages whole, and a
/// folder named with an escape sequence must not clear the screen or recolour the output.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || bidi_control(c).is_some()
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Every error, with the hints only the command line can give (they name its options),
/// then how many there were; the warnings `--deny-warnings` refused come first. With
/// `--json` the command has put them in its object already.
pub fn errors(errors: &Errors) {
    if mode() == Mode::Json {
        return;
    }
    let (warnings, errors) = as_data(errors);
    for d in warnings.iter().chain(&errors) {
        diagnostic(d);
    }
    if errors.len() > 1 {
        eprintln!("{} {} errors", paint("1;31", "error:"), errors.len());
    }
}

/// `errors` as data, as `--json` and the terminal show them: the warnings that
/// `--deny-warnings` refused, then each error with its command-line hints.
pub fn as_data(errors: &Errors) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    for e in &errors.0 {
        if let Error::WarningsDenied(denied) = e {
            warnings.extend(denied.iter().map(shown));
        }
        let mut d = shown(&Diagnostic::from(e));
        d.hints.extend(help(e).map(String::from));
        out.push(d);
    }
    (warnings, out)
}

/// Warnings (or any diagnostics) a run returned along with its result: for a person only.
pub fn diagnostics(diagnostics: &[Diagnostic]) {
    if mode() != Mode::Person {
        return;
    }
    for d in diagnostics {
        diagnostic(&shown(d));
    }
}

/// `d` as a report shows it: the bundled materials' temporary folder named as such, in
/// the message and in its place.
pub fn shown(d: &Diagnostic) -> Diagnostic {
    let mut d = d.clone();
    d.message = unhidden(&d.message);
    if let Some(l) = &mut d.location {
        l.path = unhidden(&l.path.to_string_lossy()).into();
    }
    if let Some(f) = &mut d.file {
        *f = unhidden(&f.to_string_lossy()).into();
    }
    d
}

/// The `version` of every `--json` object: raised when a field changes meaning or goes,
/// not when one is added.
pub const JSON_VERSION: u32 = 1;

/// Prints a command's `--json` object: one line on stdout.
pub fn json(object: &impl serde::Serialize) {
    match serde_json::to_string(object) {
        Ok(line) => println!("{line}"),
        // Plain structs of strings and numbers: no map with non-string keys, nothing
        // that can refuse. Said on stderr rather than dropped.
        Err(e) => eprintln!("error: cannot write the JSON report: {e}"),
    }
}

/// A folder no message should name: the temporary one the bundled materials are read from.
static HIDDEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Names `dir` as `<bundled materials>` in every message from now on.
pub fn hide_path(dir: &std::path::Path) {
    let _ = HIDDEN.set(dir.to_string_lossy().into_owned());
}

fn unhidden(text: &str) -> String {
    match HIDDEN.get() {
        Some(dir) => text.replace(dir.as_str(), bridgeprint::bundled::LABEL),
        None => text.to_string(),
    }
}

fn diagnostic(d: &Diagnostic) {
    let (label, colour) = match d.severity {
        Severity::Error => ("error:", "1;31"),
        Severity::Warning => ("warning:", "1;33"),
    };
    eprintln!("{} {}", paint(colour, label), escape(&d.message));
    // A warning stays one line, so a build of every draft locale reads in one screen; an
    // error shows the line it points at. An empty source line is a file that is not
    // content: line:column is all it gets.
    let excerpt_of = d
        .location
        .as_ref()
        .filter(|l| d.severity == Severity::Error && !l.source_line.is_empty());
    if let Some(loc) = excerpt_of {
        let gutter = loc.line.to_string().len();
        let (shown, caret) = excerpt(&loc.source_line, loc.column.saturating_sub(1));
        // A bidi control before the column widens to `<U+202E>`; the caret follows.
        let caret = escape(&shown.chars().take(caret).collect::<String>())
            .chars()
            .count();
        eprintln!("{:>gutter$} |", "");
        eprintln!("{} | {}", loc.line, escape(&shown));
        eprintln!(
            "{:>gutter$} | {}{}",
            "",
            " ".repeat(caret),
            paint(colour, "^")
        );
    }
    for hint in &d.hints {
        eprintln!("  {} {hint}", paint("1;36", "help:"));
    }
}

/// Characters of a source line shown on each side of the error's column: a content file
/// can be one line of a megabyte, which would otherwise be printed whole.
const EXCERPT: usize = 60;

/// The part of `line` around character `column`, and where the caret goes in it.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let column = column.min(chars.len());
    let start = column.saturating_sub(EXCERPT);
    let end = (column + EXCERPT).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret = column - start;
    if start > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// What to do next, where that is not obvious from the message.
fn help(e: &Error) -> Option<Cow<'static, str>> {
    let fixed = |s: &'static str| Some(Cow::Borrowed(s));
    match e {
        Error::LiteralContact(_) => fixed(
            "texts name contacts by key ({hotline}, {textline}, {emergency}, {website}): the printed number and the QR code then come from one record in contacts.toml",
        ),
        Error::NoMaterials { .. } => fixed(
            "run from the project folder, pass --materials DIR, or run `bridgeprint init` to make a project",
        ),
        Error::Overflow { .. } => fixed("shorten the text in that key, or split it"),
        Error::UnknownLocale(..) => fixed("`bridgeprint list` shows the locales"),
        Error::WarningsDenied(_) => {
            fixed("fix what the warnings say, or leave out --deny-warnings to print with them")
        }
        Error::Bilingual { .. } => Some(Cow::Owned(bilingual_hint())),
        Error::NoEditions { materials, .. } => Some(Cow::Owned(editions_hint(materials))),
        _ => None,
    }
}

/// How an older project gets the editions: they are bundled in the binary, and a fresh
/// `init` in a folder of its own writes them out to copy from, leaving this project as it is.
fn editions_hint(materials: &std::path::Path) -> String {
    let to = materials.display();
    format!(
        "the editions are bundled in bridgeprint: run `bridgeprint init /tmp/fresh` (a new folder, not this project), copy /tmp/fresh/materials/editions.toml into {to}/, and the [editions.*] tables of /tmp/fresh/materials/<locale>/red_flags.toml into {to}/<locale>/red_flags.toml for each language you build; or leave out --edition for the general materials"
    )
}

/// `add --kind card or --kind poster`: the kinds the registry says can be bilingual.
fn bilingual_hint() -> String {
    let kinds: Vec<String> = bridgeprint::Kind::bilingual()
        .map(|k| format!("--kind {k}"))
        .collect();
    format!("add {}", kinds.join(" or "))
}

pub fn exit_code(errors: &Errors) -> u8 {
    if errors.0.iter().all(|e| {
        matches!(
            e,
            Error::UnknownLocale(..) | Error::BadPair(_) | Error::Bilingual { .. }
        )
    }) {
        super::EXIT_USAGE
    } else {
        super::EXIT_CONTENT
    }
}

/// Something a person waiting should know: not a problem, not the result.
pub fn note(line: &str) {
    if mode() != Mode::Person {
        return;
    }
    eprintln!("{} {}", paint("1;36", "note:"), escape(line));
}

/// `1 locale`, `2 locales`: a count and its noun, plural when it is not one.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

pub fn summary(line: &str) {
    if mode() != Mode::Person {
        return;
    }
    eprintln!("{}", paint("1;32", &escape(line)));
}

/// A line of a command's result on stdout: escaped on a terminal, as every message is, but
/// passed whole to a pipe, where a script needs the exact path.
pub fn result(line: &str) {
    if mode() != Mode::Person {
        return;
    }
    if std::io::stdout().is_terminal() {
        println!("{}", escape(line));
    } else {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_and_bidi_controls_are_shown_not_obeyed() {
        assert_eq!(escape("es/texts.toml"), "es/texts.toml");
        assert_eq!(
            escape("a\u{1b}[2Jb\u{202E}c\u{7f}\u{9b}\td\ne\u{2066}"),
            "a<U+001B>[2Jb<U+202E>c<U+007F><U+009B>\td<U+000A>e<U+2066>"
        );
        // Arabic, Thai, ZWJ and ZWNJ print as they are.
        let text = "\u{627}\u{644}\u{e01}\u{200c}\u{200d}";
        assert_eq!(escape(text), text);
    }

    #[test]
    fn the_bilingual_hint_names_the_kinds_that_can_be_bilingual() {
        assert_eq!(bilingual_hint(), "add --kind card or --kind poster");
    }

    #[test]
    fn a_long_source_line_is_cut_around_the_error() {
        assert_eq!(excerpt("a = 1", 4), ("a = 1".to_string(), 4));
        let line = "x".repeat(1000) + "!" + &"y".repeat(1000);
        let (shown, caret) = excerpt(&line, 1000);
        assert_eq!(shown.chars().count(), 2 * EXCERPT + 2);
        assert_eq!(shown.chars().nth(caret), Some('!'));
    }
}
