//! How errors, warnings and summaries reach a person: stderr, colour only on a terminal.

use std::io::IsTerminal;

use bridgeprint::{Error, Errors};

fn paint(code: &str, text: &str) -> String {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn errors(errors: &Errors) {
    for e in &errors.0 {
        eprintln!("{} {e}", paint("1;31", "error:"));
        if let Some(loc) = e.location() {
            let gutter = loc.line.to_string().len();
            let (shown, caret) = excerpt(&loc.source_line, loc.column.saturating_sub(1));
            eprintln!("{:>gutter$} |", "");
            eprintln!("{} | {shown}", loc.line);
            eprintln!(
                "{:>gutter$} | {}{}",
                "",
                " ".repeat(caret),
                paint("1;31", "^")
            );
        }
        if let Some(help) = help(e) {
            eprintln!("  {} {help}", paint("1;36", "help:"));
        }
    }
    if errors.0.len() > 1 {
        eprintln!("{} {} errors", paint("1;31", "error:"), errors.0.len());
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
fn help(e: &Error) -> Option<&'static str> {
    match e {
        Error::LiteralContact(_) => Some(
            "texts name contacts by key ({hotline}, {textline}, {emergency}, {website}): the printed number and the QR code then come from one record in contacts.toml",
        ),
        Error::NoMaterials { .. } => Some("run from the project folder, or pass --materials DIR"),
        Error::Overflow { .. } => Some("shorten the text in that key, or split it"),
        Error::UnknownLocale(_) => Some("`bridgeprint list` shows the locales"),
        Error::Bilingual { .. } => Some("add --kind card or --kind poster"),
        _ => None,
    }
}

pub fn exit_code(errors: &Errors) -> u8 {
    if errors.0.iter().all(|e| {
        matches!(
            e,
            Error::UnknownLocale(_) | Error::BadPair(_) | Error::Bilingual { .. }
        )
    }) {
        super::EXIT_USAGE
    } else {
        super::EXIT_CONTENT
    }
}

pub fn warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("{} {w}", paint("1;33", "warning:"));
    }
}

/// Something a person waiting should know: not a problem, not the result.
pub fn note(line: &str) {
    eprintln!("{} {line}", paint("1;36", "note:"));
}

pub fn summary(line: &str) {
    eprintln!("{}", paint("1;32", line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_source_line_is_cut_around_the_error() {
        assert_eq!(excerpt("a = 1", 4), ("a = 1".to_string(), 4));
        let line = "x".repeat(1000) + "!" + &"y".repeat(1000);
        let (shown, caret) = excerpt(&line, 1000);
        assert_eq!(shown.chars().count(), 2 * EXCERPT + 2);
        assert_eq!(shown.chars().nth(caret), Some('!'));
    }
}
