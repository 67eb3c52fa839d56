//! A small reader and writer of gettext PO files, for what `i18n export` writes and what
//! Poedit, Weblate or Crowdin give back: one entry per text, each with its context
//! (`msgctxt`), translator, extracted and reference comments, flags and the previous
//! source (`#| msgid`, which Poedit and Weblate show as the change in a fuzzy entry).
//!
//! Not a crates.io crate: polib 0.3 keeps neither the line of an entry (every import error
//! names one) nor `#|` previous strings. Plural entries are refused: no text here has a
//! count. Obsolete entries (`#~`, what an editor keeps of removed texts) are skipped.

/// A PO file: its header entry and its messages, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Translator comments above the header (`# ...`).
    pub header_comments: Vec<String>,
    /// The header's `Name: value` fields, in order.
    pub header: Vec<(String, String)>,
    pub entries: Vec<Entry>,
}

/// One message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `# ` lines: the translator's own.
    pub comments: Vec<String>,
    /// `#.` lines: for the translator, from the source.
    pub extracted: Vec<String>,
    /// `#:` lines: where the source text is.
    pub references: Vec<String>,
    /// `#,` flags: `fuzzy`, `python-brace-format`.
    pub flags: Vec<String>,
    /// `#| msgid`: the source text the translation was made from, when it has changed.
    pub previous: Option<String>,
    pub msgctxt: Option<String>,
    pub msgid: String,
    pub msgstr: String,
    /// 1-based line of the entry's `msgstr`, where an import error about it points.
    pub msgstr_line: usize,
}

impl Entry {
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }
}

impl Catalog {
    /// The header field `name` (`Language`), compared without case.
    pub fn header_field(&self, name: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a PO file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    /// A plural entry, refused as such rather than as bad syntax.
    pub plural: bool,
}

/// Which string of an entry a continuation line (`"..."`) adds to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    None,
    Ctxt,
    Id,
    Str,
    Previous,
    PreviousOther,
}

#[derive(Default)]
struct Pending {
    entry: Entry,
    has_id: bool,
    has_str: bool,
    obsolete: bool,
    started: bool,
}

/// Reads a PO file.
pub fn parse(text: &str) -> Result<Catalog, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut catalog = Catalog::default();
    let mut cur = Pending::default();
    let mut field = Field::None;
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim_start();
        let err = |column: usize, message: String| ParseError {
            line: n,
            column,
            message,
            plural: false,
        };
        if trimmed.is_empty() {
            finish(&mut cur, &mut catalog, &mut header_seen);
            field = Field::None;
            continue;
        }
        if trimmed.starts_with("#~") {
            // An obsolete entry: kept by editors, never imported.
            if cur.has_str {
                finish(&mut cur, &mut catalog, &mut header_seen);
            }
            cur.obsolete = true;
            cur.started = true;
            field = Field::None;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("#|") {
            if cur.has_str {
                finish(&mut cur, &mut catalog, &mut header_seen);
            }
            cur.started = true;
            let rest = rest.trim_start();
            let col = column_of(line, rest);
            if rest.starts_with("msgid_plural") {
                field = Field::PreviousOther;
            } else if let Some(s) = rest.strip_prefix("msgid") {
                cur.entry.previous = Some(quoted(s, col + 5).map_err(|(c, m)| err(c, m))?);
                field = Field::Previous;
            } else if let Some(s) = rest.strip_prefix("msgctxt") {
                quoted(s, col + 7).map_err(|(c, m)| err(c, m))?;
                field = Field::PreviousOther;
            } else if rest.starts_with('"') {
                let s = quoted(rest, col).map_err(|(c, m)| err(c, m))?;
                if field == Field::Previous
                    && let Some(p) = &mut cur.entry.previous
                {
                    p.push_str(&s);
                }
            } else {
                return Err(err(col, "a `#|` line holds `msgid \"...\"`".into()));
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            if cur.has_str {
                finish(&mut cur, &mut catalog, &mut header_seen);
            }
            cur.started = true;
            field = Field::None;
            let (list, text) = match rest.chars().next() {
                Some('.') => (&mut cur.entry.extracted, &rest[1..]),
                Some(':') => (&mut cur.entry.references, &rest[1..]),
                Some(',') => {
                    cur.entry.flags.extend(
                        rest[1..]
                            .split(',')
                            .map(str::trim)
                            .filter(|f| !f.is_empty())
                            .map(String::from),
                    );
                    continue;
                }
                _ => (&mut cur.entry.comments, rest),
            };
            list.push(text.strip_prefix(' ').unwrap_or(text).to_string());
            continue;
        }
        let col = column_of(line, trimmed);
        if trimmed.starts_with("msgid_plural") || trimmed.starts_with("msgstr[") {
            return Err(ParseError {
                plural: true,
                ..err(
                    col,
                    "a plural entry: bridgeprint's texts have no plural forms, so each is one `msgid` and one `msgstr`".into(),
                )
            });
        }
        if let Some(s) = trimmed.strip_prefix("msgctxt") {
            if cur.has_str || cur.has_id {
                finish(&mut cur, &mut catalog, &mut header_seen);
            }
            cur.started = true;
            cur.entry.msgctxt = Some(quoted(s, col + 7).map_err(|(c, m)| err(c, m))?);
            field = Field::Ctxt;
        } else if let Some(s) = trimmed.strip_prefix("msgid") {
            if cur.has_str || cur.has_id {
                finish(&mut cur, &mut catalog, &mut header_seen);
            }
            cur.started = true;
            cur.entry.msgid = quoted(s, col + 5).map_err(|(c, m)| err(c, m))?;
            cur.has_id = true;
            field = Field::Id;
        } else if let Some(s) = trimmed.strip_prefix("msgstr") {
            if !cur.has_id || cur.has_str {
                return Err(err(col, "`msgstr` without a `msgid` before it".into()));
            }
            cur.entry.msgstr = quoted(s, col + 6).map_err(|(c, m)| err(c, m))?;
            cur.entry.msgstr_line = n;
            cur.has_str = true;
            field = Field::Str;
        } else if trimmed.starts_with('"') {
            let s = quoted(trimmed, col).map_err(|(c, m)| err(c, m))?;
            match field {
                Field::Ctxt => {
                    if let Some(c) = &mut cur.entry.msgctxt {
                        c.push_str(&s);
                    }
                }
                Field::Id => cur.entry.msgid.push_str(&s),
                Field::Str => cur.entry.msgstr.push_str(&s),
                _ => return Err(err(col, "a string that continues nothing".into())),
            }
        } else {
            return Err(err(
                col,
                format!(
                    "expected `msgctxt`, `msgid`, `msgstr`, a comment or a quoted string, found `{}`",
                    trimmed.chars().take(20).collect::<String>()
                ),
            ));
        }
    }
    finish(&mut cur, &mut catalog, &mut header_seen);
    Ok(catalog)
}

/// Ends the entry being read: the header, a message, or an obsolete one dropped.
fn finish(cur: &mut Pending, catalog: &mut Catalog, header_seen: &mut bool) {
    let done = std::mem::take(cur);
    if done.obsolete || !done.has_id {
        return;
    }
    let e = done.entry;
    if e.msgid.is_empty() && e.msgctxt.is_none() && !*header_seen {
        *header_seen = true;
        catalog.header_comments = e.comments;
        catalog.header = e
            .msgstr
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        return;
    }
    catalog.entries.push(e);
}

/// The 1-based character column at which `part` (a suffix of `line`) starts.
fn column_of(line: &str, part: &str) -> usize {
    line[..line.len() - part.len()].chars().count() + 1
}

/// The string in `s` (after a keyword: spaces, then `"..."`), unescaped. `col` is the
/// column `s` starts at, for errors.
fn quoted(s: &str, col: usize) -> Result<String, (usize, String)> {
    let body = s.trim_start();
    let col = col + (s.len() - body.len());
    let Some(inner) = body.strip_prefix('"') else {
        return Err((col, "expected a string in double quotes".into()));
    };
    let mut bytes: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    let at = |i: usize| col + 1 + inner[..i].chars().count();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let rest = &inner[i + 1..];
                if !rest.trim().is_empty() {
                    let lead = rest.len() - rest.trim_start().len();
                    return Err((at(i + 1 + lead), "text after the closing quote".into()));
                }
                return String::from_utf8(bytes)
                    .map_err(|_| (col, "escapes that make no UTF-8 text".into()));
            }
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    break;
                };
                let simple = match e {
                    'n' => Some(b'\n'),
                    't' => Some(b'\t'),
                    'r' => Some(b'\r'),
                    'a' => Some(0x07),
                    'b' => Some(0x08),
                    'f' => Some(0x0c),
                    'v' => Some(0x0b),
                    '\\' => Some(b'\\'),
                    '"' => Some(b'"'),
                    '\'' => Some(b'\''),
                    '?' => Some(b'?'),
                    _ => None,
                };
                if let Some(b) = simple {
                    bytes.push(b);
                } else if e.is_digit(8) {
                    let mut v = e.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match chars.peek().and_then(|(_, d)| d.to_digit(8)) {
                            Some(d) => {
                                v = v * 8 + d;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    bytes.push((v & 0xff) as u8);
                } else if e == 'x' {
                    let mut v = 0u32;
                    let mut digits = 0;
                    while let Some(d) = chars.peek().and_then(|(_, d)| d.to_digit(16)) {
                        v = (v * 16 + d) & 0xff;
                        digits += 1;
                        chars.next();
                    }
                    if digits == 0 {
                        return Err((at(i), "`\\x` with no hex digits".into()));
                    }
                    bytes.push(v as u8);
                } else {
                    return Err((at(i), format!("unknown escape `\\{e}`")));
                }
            }
            _ => {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    Err((
        col,
        "a string that is never closed (a `\"` is missing)".into(),
    ))
}

/// Lines wider than this are wrapped, as gettext's tools and Poedit wrap them.
const WIDTH: usize = 79;

/// Writes a catalog as gettext's tools would: header first, one blank line between
/// entries, long strings wrapped after spaces and after each `\n`.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::new();
    for c in &catalog.header_comments {
        comment(&mut out, "#", c);
    }
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for (k, v) in &catalog.header {
        out.push('"');
        out.push_str(&escape(&format!("{k}: {v}\n")));
        out.push_str("\"\n");
    }
    for e in &catalog.entries {
        out.push('\n');
        for c in &e.comments {
            comment(&mut out, "#", c);
        }
        for c in &e.extracted {
            comment(&mut out, "#.", c);
        }
        for c in &e.references {
            comment(&mut out, "#:", c);
        }
        if !e.flags.is_empty() {
            out.push_str("#, ");
            out.push_str(&e.flags.join(", "));
            out.push('\n');
        }
        if let Some(p) = &e.previous {
            string(&mut out, "#| ", "msgid", p);
        }
        if let Some(c) = &e.msgctxt {
            string(&mut out, "", "msgctxt", c);
        }
        string(&mut out, "", "msgid", &e.msgid);
        string(&mut out, "", "msgstr", &e.msgstr);
    }
    out
}

fn comment(out: &mut String, mark: &str, text: &str) {
    // A comment is one line: a line break inside would start a line the reader misreads.
    for line in text.split('\n') {
        out.push_str(mark);
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// `keyword "value"`, on one line when it fits, else `keyword ""` and the value in
/// lines broken after each `\n` and, to stay within [`WIDTH`], after spaces.
fn string(out: &mut String, prefix: &str, keyword: &str, value: &str) {
    let escaped = escape(value);
    let one = format!("{prefix}{keyword} \"{escaped}\"");
    let inner_newline = escaped
        .strip_suffix("\\n")
        .unwrap_or(&escaped)
        .contains("\\n");
    if !inner_newline && one.chars().count() <= WIDTH {
        out.push_str(&one);
        out.push('\n');
        return;
    }
    out.push_str(&format!("{prefix}{keyword} \"\"\n"));
    let room = WIDTH - prefix.chars().count() - 2;
    for segment in split_after(&escaped, "\\n") {
        for line in wrap(segment, room) {
            out.push_str(&format!("{prefix}\"{line}\"\n"));
        }
    }
}

/// `s` cut after each `sep`, the separators kept.
fn split_after<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(sep) {
        out.push(&rest[..i + sep.len()]);
        rest = &rest[i + sep.len()..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest);
    }
    out
}

/// `s` in pieces of at most `room` characters, each ending after a space where one is
/// within reach; a word longer than `room` stays whole.
fn wrap(s: &str, room: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while rest.chars().count() > room {
        let limit = rest.char_indices().nth(room).map_or(rest.len(), |(i, _)| i);
        let cut = rest[..limit]
            .rfind(' ')
            .map(|i| i + 1)
            .or_else(|| rest[limit..].find(' ').map(|i| limit + i + 1));
        match cut {
            Some(c) if c < rest.len() => {
                out.push(&rest[..c]);
                rest = &rest[c..];
            }
            _ => break,
        }
    }
    out.push(rest);
    out
}

/// A string as a PO file spells it between quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ctxt: &str, id: &str, s: &str) -> Entry {
        Entry {
            msgctxt: Some(ctxt.into()),
            msgid: id.into(),
            msgstr: s.into(),
            ..Default::default()
        }
    }

    fn round_trip(c: &Catalog) -> Catalog {
        let text = write(c);
        let mut back = parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        for e in &mut back.entries {
            e.msgstr_line = 0;
        }
        back
    }

    #[test]
    fn escapes_survive_a_round_trip() {
        let hard =
            "quote \" backslash \\ tab \t cr \r bell \u{7} {{page}} {hotline} Tiếng Việt العربية";
        let c = Catalog {
            header: vec![("Language".into(), "vi".into())],
            entries: vec![entry("texts.a", hard, hard)],
            ..Default::default()
        };
        assert_eq!(round_trip(&c), c);
        assert!(write(&c).contains(r#"quote \" backslash \\ tab \t cr \r bell \007"#));
    }

    #[test]
    fn long_and_multi_line_strings_are_wrapped_and_read_back_whole() {
        let long = "word ".repeat(40) + "end";
        let lines = "first line\nsecond line\n\nlast";
        let c = Catalog {
            entries: vec![
                entry("k.long", &long, &long),
                entry("k.lines", lines, lines),
            ],
            ..Default::default()
        };
        let text = write(&c);
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert!(
            text.contains("msgid \"\"\n\"first line\\n\"\n\"second line\\n\"\n\"\\n\"\n\"last\"\n"),
            "{text}"
        );
        assert_eq!(round_trip(&c), c);
    }

    #[test]
    fn comments_flags_and_the_previous_source_are_kept() {
        let c = Catalog {
            header_comments: vec!["Vietnamese texts".into()],
            header: vec![
                ("Language".into(), "vi".into()),
                ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ],
            entries: vec![Entry {
                comments: vec!["checked by Lan".into()],
                extracted: vec![
                    "The top band of the card.".into(),
                    "Placeholders: {hotline}".into(),
                ],
                references: vec!["en/texts.toml:5".into()],
                flags: vec!["fuzzy".into(), "python-brace-format".into()],
                previous: Some("Call {hotline} now".into()),
                ..entry("texts.card.x", "Call {hotline}", "Gọi {hotline}")
            }],
        };
        let back = round_trip(&c);
        assert_eq!(back, c);
        assert!(back.entries[0].is_fuzzy());
        assert_eq!(back.header_field("language"), Some("vi"));
    }

    #[test]
    fn plural_entries_are_refused_at_their_line() {
        let text = "msgid \"\"\nmsgstr \"\"\n\nmsgid \"one card\"\nmsgid_plural \"%d cards\"\nmsgstr[0] \"x\"\n";
        let e = parse(text).unwrap_err();
        assert!(e.plural);
        assert_eq!((e.line, e.column), (5, 1));
    }

    #[test]
    fn obsolete_entries_are_skipped_and_lines_are_counted() {
        let text = "msgid \"\"\nmsgstr \"Language: es\\n\"\n\n#~ msgctxt \"old\"\n#~ msgid \"gone\"\n#~ msgstr \"ido\"\n\nmsgctxt \"k\"\nmsgid \"a\"\nmsgstr \"\"\n\"b\"\n";
        let c = parse(text).unwrap();
        assert_eq!(c.entries.len(), 1);
        assert_eq!(c.entries[0].msgstr, "b");
        assert_eq!(c.entries[0].msgstr_line, 10);
        assert_eq!(c.header_field("Language"), Some("es"));
    }

    #[test]
    fn broken_syntax_is_named_with_line_and_column() {
        let e = parse("msgid \"a\"\nmsgstr \"b\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("msgid \"a\"\nmsgstr \"b\" x\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12));
        let e = parse("msgid \"a\\q\"\n").unwrap_err();
        assert!(e.message.contains("unknown escape"), "{}", e.message);
        // Octal and hex escapes spell UTF-8 bytes.
        let c = parse("msgid \"a\"\nmsgstr \"\\303\\251\\x41\"\n").unwrap();
        assert_eq!(c.entries[0].msgstr, "éA");
    }
}
