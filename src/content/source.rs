//! Reading one TOML file into a typed value, with errors that point at the line.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location};

/// Content files larger than this are refused: real content is a few kilobytes, and a
/// stray multi-megabyte file is a mistake that would otherwise slow every build.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads `path`, a file inside the materials folder `root`, as UTF-8 text: a regular
/// file (through links that stay inside `root`), at most [`MAX_FILE_BYTES`] long.
pub fn read(root: &Path, path: &Path) -> Result<String, Error> {
    // What it is first: a link to a device says "a character device", the more telling.
    crate::input::regular_file(path)?;
    if let Some((link, target)) = crate::input::link_outside(root, path) {
        return Err(Error::LinkOutside {
            link,
            target,
            root: root.to_path_buf(),
        });
    }
    let bytes = crate::input::read_limited(path, MAX_FILE_BYTES, "a content file")?;
    String::from_utf8(bytes).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        ),
    })
}

/// Parses `source` (the text of `path`) as `T`, telling syntax errors from schema errors.
pub fn parse<T: DeserializeOwned>(path: &Path, source: &str) -> Result<T, Error> {
    if let Err(e) = toml::from_str::<toml::Table>(source) {
        return Err(Error::Syntax {
            location: location(path, source, e.span()),
            message: e.message().trim().to_string(),
        });
    }
    toml::from_str::<T>(source).map_err(|e| {
        let message = e.message().trim().to_string();
        Error::Schema {
            location: location(path, source, e.span()),
            hint: did_you_mean(&message),
            message,
        }
    })
}

/// Where the text at `key` (its path inside the file: `card.hotline_note`,
/// `poster.report_steps[2]`) is written in `source`, pointing at the `nth` occurrence of
/// `needle` inside it when the file spells it as the text does, else at the value's start.
///
/// Only called for a text already found to be wrong, so parsing again costs nothing in a
/// clean build.
pub fn locate_text(path: &Path, source: &str, key: &str, needle: &str, nth: usize) -> Location {
    let span = text_span(source, key).unwrap_or(0..0);
    let offset = source
        .get(span.clone())
        .and_then(|raw| raw.match_indices(needle).nth(nth))
        .map_or(span.start, |(i, _)| span.start + i);
    quoted_if_text(Location::from_offset(path, source, offset), source)
}

/// Where the value at `key` starts in `source`, or `None` when the file does not have
/// the key (a text that came from `en`, or a key that is no TOML path).
pub fn locate_key(path: &Path, source: &str, key: &str) -> Option<Location> {
    let span = text_span(source, key)?;
    Some(quoted_if_text(
        Location::from_offset(path, source, span.start),
        source,
    ))
}

/// The byte range of the value at `key`, following tables and array indexes.
pub fn text_span(source: &str, key: &str) -> Option<std::ops::Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(source).ok()?;
    let mut table = doc.get_ref();
    let mut found = None;
    for segment in key.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, i)) => (name, Some(i.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (segment, None),
        };
        let mut value = table.get(name)?;
        if let Some(i) = index {
            let DeValue::Array(items) = value.get_ref() else {
                return None;
            };
            value = items.get(i)?;
        }
        found = Some(value.span());
        if let DeValue::Table(t) = value.get_ref() {
            table = t;
        }
    }
    found
}

fn location(path: &Path, source: &str, span: Option<std::ops::Range<usize>>) -> Location {
    quoted_if_text(
        Location::from_offset(path, source, span.map_or(0, |s| s.start)),
        source,
    )
}

/// `location` with its source line kept only if `source` reads as content: text with no
/// control character but tab and line ends. A file that is not content (a binary, or a
/// text with escape sequences that would drive the terminal) gets line:column only, so an
/// error never prints part of it.
fn quoted_if_text(mut location: Location, source: &str) -> Location {
    if !is_plain_text(source) {
        location.source_line.clear();
    }
    location
}

/// Whether `source` holds no control character (C0, DEL, C1) other than tab, line feed and
/// carriage return. TOML allows no other in a valid file, escapes aside.
pub fn is_plain_text(source: &str) -> bool {
    !source
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"),
/// the allowed name closest to the misspelt one, if it is close.
fn did_you_mean(message: &str) -> Option<String> {
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return None;
    }
    let mut quoted = message.split('`').skip(1).step_by(2);
    let wrong = quoted.next()?;
    quoted
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|(d, c)| *d <= (c.len().max(wrong.len()) / 3).max(1))
        .min()
        .map(|(_, c)| c.to_string())
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_close_name() {
        let m = "unknown field `hedline`, expected one of `headline`, `subhead`, `footer`";
        assert_eq!(did_you_mean(m).as_deref(), Some("headline"));
        let m = "unknown field `zzz`, expected one of `headline`, `subhead`";
        assert_eq!(did_you_mean(m), None);
    }

    #[test]
    fn a_text_is_located_by_its_key_and_the_needle_in_it() {
        let src = "[card]\nfront = \"a\"\nnote = \"call 555 or 555\"\n\n[poster]\nsteps = [\n  \"x\",\n  \"dial 12\",\n]\n";
        let p = Path::new("t.toml");
        let l = locate_text(p, src, "card.note", "555", 1);
        assert_eq!((l.line, l.column), (3, 21));
        let l = locate_text(p, src, "poster.steps[1]", "12", 0);
        assert_eq!((l.line, l.column), (8, 9));
        // Spelt with an escape in the file: the value's start.
        let src = "note = \"\\u0661\"\n";
        let l = locate_text(p, src, "note", "\u{661}", 0);
        assert_eq!((l.line, l.column), (1, 8));
    }

    #[test]
    fn locations_are_one_based() {
        let src = "a = 1\nb = ?\n";
        let l = Location::from_offset(Path::new("f.toml"), src, 10);
        assert_eq!((l.line, l.column), (2, 5));
        assert_eq!(l.source_line, "b = ?");
    }
}
