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
            eprintln!("{:>gutter$} |", "");
            eprintln!("{} | {}", loc.line, loc.source_line);
            eprintln!(
                "{:>gutter$} | {}{}",
                "",
                " ".repeat(
                    loc.source_line
                        .chars()
                        .take(loc.column.saturating_sub(1))
                        .count()
                ),
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

pub fn summary(line: &str) {
    eprintln!("{}", paint("1;32", line));
}
