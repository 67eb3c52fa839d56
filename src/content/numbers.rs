//! Phone numbers, short codes and web addresses written literally in content texts.
//!
//! Content names contacts by key (`{hotline}`), so the printed number and the QR payload
//! come from one record in `contacts.toml`. A number typed into a text bypasses that: a
//! wrong digit there would print on every copy with nothing to compare it against. This
//! module finds such literals in the raw text, in any script, and says which record (if
//! any) each one is, or nearly is.
//!
//! The rule, in order (the README states it for content authors):
//! 1. Digits of any script (Unicode general category Nd) joined by phone separators
//!    (spaces of every width, hyphens and dashes, dots, brackets round an area code, a
//!    leading `+`, with bidi marks and zero-width characters ignored) are read as one
//!    number.
//! 2. A number equal to a contact's number, or within a typo of a national line's
//!    (hotline, text line, 911, website), is always reported; so is a service code other
//!    than 911 (211, 311, ... 988), a line of its own that needs a record.
//! 3. Otherwise years, year ranges, dates and counts grouped in threes are not numbers.
//! 4. What is left is a phone number from 7 digits (or any length after a `+`), and a
//!    short code at 5 or 6 digits (US short codes are 5 or 6 digits long). Shorter runs
//!    (ages, hours, counts such as `24/7`, `200+`, `18`) pass unless rule 2 applies.
//! 5. Digits joined by any other punctuation (`1,888,373,7888`, `888/373/7888`) are
//!    reported only under rule 2, since commas and slashes also join counts and dates.
//! 6. A web address (`https://…`, `www.…`, or a bare `name.org`) is always reported.

use std::ops::Range;

use super::contacts::{ContactKind, Contacts, REQUIRED};

/// The first code point of each run of ten decimal digits (general category Nd, Unicode
/// 17). Nd digits always come in runs of ten from a zero, so the zero gives the value.
/// A unit test checks this table against ICU4X's general category data.
const DIGIT_ZEROS: [u32; 77] = [
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50,
    0x11D50, 0x11DA0, 0x11DE0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950,
    0x1FBF0,
];

/// The value of a decimal digit in any script: `٣`, `۳`, `३`, `๓` and `３` are all 3.
pub fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii() {
        return c.is_ascii_digit().then(|| c as u8 - b'0');
    }
    let cp = u32::from(c);
    // Latin, Greek, Cyrillic, Armenian and Hebrew letters: no digits before Arabic-Indic.
    if cp < 0x0660 {
        return None;
    }
    let i = DIGIT_ZEROS.partition_point(|z| *z <= cp);
    let value = cp - DIGIT_ZEROS[i.checked_sub(1)?];
    // Lossless: value < 10.
    (value < 10).then_some(value as u8)
}

/// Characters that change nothing a reader sees between digits: bidi marks and isolates,
/// zero-width joiners and spaces, the soft hyphen. They must not hide a number.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// What people put between the digit groups of a phone number.
pub(super) fn is_phone_separator(c: char) -> bool {
    matches!(c,
        ' ' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
        | '.' | '\u{FF0E}' | '(' | ')' | '\u{FF08}' | '\u{FF09}')
}

pub(super) fn is_plus(c: char) -> bool {
    matches!(c, '+' | '\u{FF0B}' | '\u{FE62}')
}

/// Any punctuation or space, for the second, looser reading (rule 5).
fn is_any_separator(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '{' | '}' | '\n')
}

/// A phone number is read across at most this many separators between two digits, so
/// `(888) 373` joins but two figures a sentence apart do not.
const MAX_SEPARATORS: usize = 3;

/// Digits joined by separators, as found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DigitRun {
    /// Byte range in the text, from the `+` or first digit to the last digit or letter.
    range: Range<usize>,
    /// ASCII digits.
    digits: String,
    /// Digits per group, in order.
    groups: Vec<usize>,
    /// The separators between groups, invisible characters removed.
    separators: Vec<String>,
    plus: bool,
    /// Letters read as keypad digits (`1-800-THE-LOST`).
    vanity: bool,
}

/// Every run of digits in `text`, joined across characters `joins` accepts.
fn digit_runs(text: &str, joins: fn(char) -> bool) -> Vec<DigitRun> {
    let mut runs = Vec::new();
    let mut current: Option<DigitRun> = None;
    let mut pending = String::new();
    for (i, c) in text.char_indices() {
        if let Some(d) = digit_value(c) {
            if pending.contains(['(', '\u{FF08}']) && !closes_bracket(&text[i..]) {
                // `150 (0.67%)`: a bracket that does not close round an area code is prose.
                runs.extend(current.take());
                pending.clear();
            }
            let run = current.get_or_insert_with(|| start_run(text, i));
            if run.digits.is_empty() || !pending.is_empty() {
                run.groups.push(0);
                if !run.digits.is_empty() {
                    run.separators.push(std::mem::take(&mut pending));
                }
            }
            pending.clear();
            run.digits.push(char::from(b'0' + d));
            if let Some(g) = run.groups.last_mut() {
                *g += 1;
            }
            run.range.end = i + c.len_utf8();
        } else if is_invisible(c) {
            continue;
        } else if current.is_some() && joins(c) && pending.chars().count() < MAX_SEPARATORS {
            pending.push(c);
        } else if let Some(run) = current.take() {
            pending.clear();
            runs.push(run);
        }
    }
    runs.extend(current);
    for run in &mut runs {
        extend_vanity(text, run);
    }
    runs
}

/// Whether the digits `rest` starts with are followed by a closing bracket, as in `(888)`.
fn closes_bracket(rest: &str) -> bool {
    rest.chars()
        .find(|c| digit_value(*c).is_none() && !is_invisible(*c))
        .is_some_and(|c| matches!(c, ')' | '\u{FF09}'))
}

/// A run starting at byte `i`, taking in a `+` written just before it.
fn start_run(text: &str, i: usize) -> DigitRun {
    let before = text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| !is_invisible(*c) && !matches!(c, '(' | '\u{FF08}'));
    let (start, plus) = match before {
        Some((j, c)) if is_plus(c) => (j, true),
        _ => (i, false),
    };
    DigitRun {
        range: start..i,
        digits: String::new(),
        groups: Vec::new(),
        separators: Vec::new(),
        plus,
        vanity: false,
    }
}

/// `1-800-THE-LOST`: capital letters after a hyphen, read as the keypad digits they dial.
fn extend_vanity(text: &str, run: &mut DigitRun) {
    if run.digits.len() < 3 {
        return;
    }
    let mut end = run.range.end;
    let mut digits = String::new();
    let mut rest = &text[end..];
    while let Some(after) = rest.strip_prefix('-') {
        let letters: String = after
            .chars()
            .take_while(|c| c.is_ascii_uppercase())
            .collect();
        if letters.len() < 2 {
            break;
        }
        digits.extend(letters.chars().filter_map(keypad));
        end += 1 + letters.len();
        rest = &text[end..];
    }
    let next_is_letter = rest.chars().next().is_some_and(char::is_alphanumeric);
    if !digits.is_empty() && !next_is_letter && run.digits.len() + digits.len() >= 7 {
        run.groups.push(digits.len());
        run.separators.push("-".into());
        run.digits.push_str(&digits);
        run.range.end = end;
        run.vanity = true;
    }
}

/// The digit a letter is on, on a phone keypad.
pub(super) fn keypad(c: char) -> Option<char> {
    let d = match c {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        _ => return None,
    };
    Some(d)
}

/// Years (`2021`, `2021-2022`), dates (`2026-11-29`, `29.11.2026`) and counts grouped in
/// threes (`1 000 000`, `1.000.000`): digits joined like a phone number that are not one.
fn looks_like_year_date_or_count(run: &DigitRun) -> bool {
    if run.plus || run.vanity {
        return false;
    }
    let g = &run.groups;
    let groups: Vec<&str> = {
        let mut out = Vec::new();
        let mut at = 0;
        for n in g {
            out.push(&run.digits[at..at + n]);
            at += n;
        }
        out
    };
    let one_separator = |allowed: fn(char) -> bool| {
        run.separators.iter().all(|s| {
            let mut cs = s.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if allowed(c))
        }) && run.separators.windows(2).all(|w| w[0] == w[1])
    };
    let is_year = |s: &str| s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
    let in_range =
        |s: &str, lo: u32, hi: u32| s.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v));
    let years = groups.iter().all(|s| is_year(s));
    let dashed = |c: char| c == '-' || c == '.' || ('\u{2010}'..='\u{2015}').contains(&c);
    let date = groups.len() == 3
        && one_separator(dashed)
        && ((is_year(groups[0]) && in_range(groups[1], 1, 12) && in_range(groups[2], 1, 31))
            || (groups[0].len() <= 2
                && groups[1].len() <= 2
                && (groups[2].len() == 2 || is_year(groups[2]))
                && in_range(groups[0], 1, 31)
                && in_range(groups[1], 1, 31)));
    let spaced = |c: char| c == '.' || (is_phone_separator(c) && c.is_whitespace());
    let count = groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|s| s.len() == 3)
        && one_separator(spaced);
    years || date || count
}

/// A contact's number or address, as texts could write it.
#[derive(Debug, Clone)]
struct Record {
    key: String,
    display: String,
    /// Digit strings that dial it: `18883737888` and `8883737888` for a +1 number.
    digits: Vec<String>,
    /// Lower-case host without `www.`, for web contacts.
    host: Option<String>,
    /// One of the national lines every material prints ([`REQUIRED`]): the only records a
    /// literal is called a typo of, since two local lines of one exchange differ by a
    /// digit and are both right.
    national: bool,
}

/// The contact records literals are compared with.
#[derive(Debug, Clone, Default)]
pub struct Records(Vec<Record>);

impl Records {
    pub fn new(contacts: Option<&Contacts>) -> Self {
        let Some(contacts) = contacts else {
            return Records::default();
        };
        let records = contacts
            .by_key
            .values()
            .map(|c| {
                let (digits, host) = match c.kind {
                    ContactKind::Voice | ContactKind::Sms => (dialled_forms(&c.number), None),
                    ContactKind::Web => (Vec::new(), host_of(&c.payload)),
                };
                Record {
                    key: c.key.clone(),
                    display: c.display.clone(),
                    digits,
                    host,
                    national: REQUIRED.iter().any(|(k, _)| *k == c.key),
                }
            })
            .collect();
        Records(records)
    }
}

/// `+18883737888` is dialled as `18883737888` or, inside North America, `8883737888`.
fn dialled_forms(number: &str) -> Vec<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mut forms = vec![digits.clone()];
    if number.starts_with("+1") && digits.len() == 11 {
        forms.push(digits[1..].to_string());
    }
    forms
}

/// `https://www.Example.org/x` → `example.org`.
fn host_of(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Optimal string alignment distance: a typo is one changed, added, dropped or swapped
/// digit.
fn typo_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// How many typos still make a literal "nearly" a record: two in a long number, one in
/// a 5-6 digit short code, and for a 3-4 digit code (`911`) only a changed or swapped
/// digit of the same length, since shorter runs are everywhere in prose.
pub(super) fn is_typo_of(literal: &str, record: &str) -> bool {
    if literal.len().abs_diff(record.len()) > 2 {
        return false;
    }
    let d = typo_distance(literal, record);
    match record.len() {
        7.. => d <= 2,
        5..=6 => d <= 1,
        _ => d <= 1 && literal.len() == record.len(),
    }
}

/// What a literal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralKind {
    Phone,
    ShortCode,
    Web,
}

impl LiteralKind {
    pub fn noun(self) -> &'static str {
        match self {
            LiteralKind::Phone => "phone number",
            LiteralKind::ShortCode => "short code",
            LiteralKind::Web => "web address",
        }
    }
}

/// How a literal relates to the contact records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matches {
    /// It is this record's number or address.
    Record { key: String },
    /// It is a typo away from this record's number, whose display form is given.
    Near { key: String, display: String },
    /// A local service code (311, 211, 988...) no record has: not a typo of 911.
    LocalService,
    /// No record has it.
    None,
}

/// A number or address written literally in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// As written, bidi marks and all.
    pub written: String,
    /// ASCII digits, or the lower-case host of a web address.
    pub normalised: String,
    pub kind: LiteralKind,
    pub matches: Matches,
}

impl Literal {
    /// `digits 18883737889` or `host example.org`.
    pub fn normalised_label(&self) -> String {
        match self.kind {
            LiteralKind::Web => format!("host {}", self.normalised),
            LiteralKind::Phone | LiteralKind::ShortCode => format!("digits {}", self.normalised),
        }
    }

    /// What the author should do instead.
    pub fn advice(&self) -> String {
        match &self.matches {
            Matches::Record { key } => format!("write {{{key}}} instead"),
            Matches::Near { key, display } => format!(
                "it is not {{{key}}} ({display}) but a typo away from it: write {{{key}}}"
            ),
            Matches::LocalService => format!(
                "{} is a service line of its own, not 911: add a contact record for it to contacts.toml (with its source and verified date) and write its {{key}}",
                self.normalised
            ),
            Matches::None => "no contact has it: add a record to contacts.toml (with its source and verified date) and write its {key}".into(),
        }
    }
}

/// Byte ranges of digits joined like a phone number (rule 1), and of web addresses, in
/// `text`: every number-like token, whether or not it is one. The read-back
/// ([`crate::readback`]) tokenises the printed page with the same rules as the source scan.
pub fn token_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = digit_runs(text, is_phone_separator)
        .into_iter()
        .map(|r| r.range)
        .collect();
    if text.contains('.') {
        out.extend(web_addresses(text).into_iter().map(|(r, _)| r));
    }
    out
}

/// What people put between the digit groups of a phone number (spaces, hyphens, dots,
/// brackets), for the read-back's "fused to a number" test.
pub fn joins_phone_digits(c: char) -> bool {
    is_phone_separator(c)
}

/// Every phone number, short code and web address written in `text`.
pub fn find(text: &str, records: &Records) -> Vec<Literal> {
    let mut found: Vec<Literal> = Vec::new();
    // Most texts have neither: every build scans every text of every locale.
    let has_digit = text.bytes().any(|b| b.is_ascii_digit())
        || (!text.is_ascii() && text.chars().any(|c| digit_value(c).is_some()));
    if has_digit {
        find_numbers(text, records, &mut found);
    }
    if text.contains('.') {
        find_web_addresses(text, records, &mut found);
    }
    found.sort_by_key(|l| l.range.start);
    found
}

fn find_numbers(text: &str, records: &Records, found: &mut Vec<Literal>) {
    for run in digit_runs(text, is_phone_separator) {
        if let Some(lit) = judge_strict(text, &run, records) {
            found.push(lit);
        }
    }
    for run in digit_runs(text, is_any_separator) {
        let overlaps = found
            .iter()
            .any(|f| f.range.start < run.range.end && run.range.start < f.range.end);
        if !overlaps && run.digits.len() >= 5 {
            let m = match_record(&run.digits, records);
            if m != Matches::None {
                found.push(literal(text, &run, kind_of(&run), m));
            }
        }
    }
}

fn find_web_addresses(text: &str, records: &Records, found: &mut Vec<Literal>) {
    let placeholders = placeholder_ranges(text);
    for (range, host) in web_addresses(text) {
        if placeholders
            .iter()
            .any(|p| p.start <= range.start && range.end <= p.end)
        {
            continue;
        }
        let matches = records
            .0
            .iter()
            .find(|r| r.host.as_deref() == Some(host.as_str()))
            .map_or(Matches::None, |r| Matches::Record { key: r.key.clone() });
        found.push(Literal {
            written: text[range.clone()].to_string(),
            range,
            normalised: host,
            kind: LiteralKind::Web,
            matches,
        });
    }
}

fn judge_strict(text: &str, run: &DigitRun, records: &Records) -> Option<Literal> {
    let m = match_record(&run.digits, records);
    let n = run.digits.len();
    if m == Matches::None {
        if looks_like_year_date_or_count(run) {
            return None;
        }
        let plus_number = run.plus && n >= 3;
        if n < 5 && !plus_number {
            return None;
        }
    }
    Some(literal(text, run, kind_of(run), m))
}

fn kind_of(run: &DigitRun) -> LiteralKind {
    if run.digits.len() >= 7 || run.plus {
        LiteralKind::Phone
    } else {
        LiteralKind::ShortCode
    }
}

fn match_record(digits: &str, records: &Records) -> Matches {
    if digits.len() < 3 {
        return Matches::None;
    }
    // A national line before another record of the same number (California's `befree`
    // prints the text line's digits as 233-733): the advice names the key texts use.
    let same = |r: &&Record| r.digits.iter().any(|d| d == digits);
    let national = records.0.iter().filter(|r| r.national).find(same);
    if let Some(r) = national.or_else(|| records.0.iter().find(same)) {
        return Matches::Record { key: r.key.clone() };
    }
    if is_local_service(digits) {
        return Matches::LocalService;
    }
    records
        .0
        .iter()
        .filter(|r| r.national)
        .find(|r| r.digits.iter().any(|d| is_typo_of(digits, d)))
        .map_or(Matches::None, |r| Matches::Near {
            key: r.key.clone(),
            display: r.display.clone(),
        })
}

/// The three-digit US service codes other than 911 (211 community services, 311 city
/// services, 511 traffic, 711 relay, 811 dig safe, 988 crisis line...): real lines one
/// digit away from 911, so "write {emergency}" would print 911 on a non-emergency line.
fn is_local_service(digits: &str) -> bool {
    let b = digits.as_bytes();
    digits == "988" || (b.len() == 3 && (b'2'..=b'8').contains(&b[0]) && &b[1..] == b"11")
}

fn literal(text: &str, run: &DigitRun, kind: LiteralKind, matches: Matches) -> Literal {
    Literal {
        range: run.range.clone(),
        written: text[run.range.clone()].to_string(),
        normalised: run.digits.clone(),
        kind,
        matches,
    }
}

/// Byte ranges of `{placeholder}`s (not `{{` escapes), whose dotted names look like hosts.
pub(super) fn placeholder_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('{') {
        let start = i + off;
        if text[start..].starts_with("{{") {
            i = start + 2;
            continue;
        }
        match text[start..].find('}') {
            Some(len) => {
                out.push(start..start + len + 1);
                i = start + len + 1;
            }
            None => break,
        }
    }
    out
}

/// Characters a web address is made of, as printed.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.' | '_' | '~' | ':' | '/' | '?' | '#' | '@' | '%' | '&' | '=' | '+'
        )
}

/// Web addresses: `http(s)://…`, `www.…`, or a bare host whose last label is a lower-case
/// top-level domain (`humantraffickinghotline.org`), so `e.g.`, `U.S.` and `49.6` are not.
fn web_addresses(text: &str) -> Vec<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    let url_byte = |b: u8| is_url_char(char::from(b));
    let mut out = Vec::new();
    let mut scanned_to = 0;
    // Every address has a dot, so only the tokens around dots are read. URL characters
    // are ASCII, so these byte offsets are character boundaries.
    for (dot, _) in text.match_indices('.') {
        if dot < scanned_to {
            continue;
        }
        let s = bytes[..dot]
            .iter()
            .rposition(|b| !url_byte(*b))
            .map_or(0, |i| i + 1);
        let e = bytes[dot..]
            .iter()
            .position(|b| !url_byte(*b))
            .map_or(bytes.len(), |i| dot + i);
        scanned_to = e;
        let token = text[s..e].trim_end_matches(|c: char| {
            matches!(c, '.' | ':' | '?' | '#' | '@' | '&' | '=' | '+' | '-')
        });
        let lower = token.to_ascii_lowercase();
        let explicit = lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.");
        if let Some(host) = host_of(token)
            && (explicit || is_bare_host(&host, token))
        {
            out.push((s..s + token.len(), host));
        }
    }
    out
}

fn is_bare_host(host: &str, token: &str) -> bool {
    let host_written = token
        .rsplit_once('@')
        .map_or(token, |(_, h)| h)
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or_default();
    let labels: Vec<&str> = host_written.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && (2..=24).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && !host.is_empty()
}

/// `written` with invisible characters shown as `<U+200F>`, so a reader sees them.
pub fn show_invisible(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    for c in written.chars() {
        if is_invisible(c) || (c.is_whitespace() && c != ' ') {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Records {
        let rec = |key: &str, display: &str, digits: &[&str], host: Option<&str>| Record {
            key: key.into(),
            display: display.into(),
            digits: digits.iter().map(|d| d.to_string()).collect(),
            host: host.map(str::to_string),
            national: true,
        };
        Records(vec![
            rec("emergency", "911", &["911"], None),
            rec(
                "hotline",
                "1-888-373-7888",
                &["18883737888", "8883737888"],
                None,
            ),
            rec("textline", "233733", &["233733"], None),
            rec(
                "website",
                "humantraffickinghotline.org",
                &[],
                Some("humantraffickinghotline.org"),
            ),
        ])
    }

    fn found(text: &str) -> Vec<(String, String, LiteralKind, Matches)> {
        find(text, &records())
            .into_iter()
            .map(|l| (l.written, l.normalised, l.kind, l.matches))
            .collect()
    }

    fn digits_of(text: &str) -> Vec<String> {
        find(text, &records())
            .into_iter()
            .map(|l| l.normalised)
            .collect()
    }

    fn record(key: &str) -> Matches {
        Matches::Record { key: key.into() }
    }

    #[test]
    fn every_script_reads_as_ascii_digits() {
        let cases = [
            ("ASCII", "0123456789"),
            ("Arabic-Indic", "٠١٢٣٤٥٦٧٨٩"),
            ("Extended Arabic-Indic (Persian, Urdu)", "۰۱۲۳۴۵۶۷۸۹"),
            ("Devanagari", "०१२३४५६७८९"),
            ("Bengali", "০১২৩৪৫৬৭৮৯"),
            ("Thai", "๐๑๒๓๔๕๖๗๘๙"),
            ("Lao", "໐໑໒໓໔໕໖໗໘໙"),
            ("Myanmar", "၀၁၂၃၄၅၆၇၈၉"),
            ("Khmer", "០១២៣៤៥៦៧៨៩"),
            ("Fullwidth", "０１２３４５６７８９"),
            ("Mathematical bold", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"),
        ];
        for (script, digits) in cases {
            let values: Vec<Option<u8>> = digits.chars().map(digit_value).collect();
            let expected: Vec<Option<u8>> = (0..10).map(Some).collect();
            assert_eq!(values, expected, "{script}");
        }
        for not_digit in ['a', '/', '²', '½', '①', 'Ⅻ', '〇', '十'] {
            assert_eq!(digit_value(not_digit), None, "{not_digit}");
        }
    }

    #[test]
    fn the_digit_table_matches_unicode_general_category_nd() {
        use icu_properties::{CodePointMapData, props::GeneralCategory};
        let gc = CodePointMapData::<GeneralCategory>::new();
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let nd = gc.get(c) == GeneralCategory::DecimalNumber;
            assert_eq!(digit_value(c).is_some(), nd, "U+{cp:04X}");
        }
        assert!(
            DIGIT_ZEROS.windows(2).all(|w| w[0] + 10 <= w[1]),
            "zeros out of order"
        );
    }

    #[test]
    fn a_wrong_hotline_digit_is_found_in_any_script_and_separator() {
        for text in [
            "Call 1-888-373-7889 now",
            "اتصل على ١-٨٨٨-٣٧٣-٧٨٨٩ الآن",
            "تماس ۱-۸۸۸-۳۷۳-۷۸۸۹",
            "कॉल करें १-८८८-३७३-७८८९",
            "โทร ๑-๘๘๘-๓๗๓-๗๘๘๙",
            "電話１－８８８－３７３－７８８９",
            "+1 (888) 373-7889",
            "1\u{00A0}888\u{2009}373\u{202F}7889",
            "1.888.373.7889",
            "\u{2066}1-888-373-7889\u{2069}",
            "1-888-\u{200F}373-\u{200E}7889",
            "888 373 7889",
            "1,888,373,7889",
            "888/373/7889",
        ] {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(f[0].1.ends_with("8883737889"), "{text}: {f:?}");
            assert_eq!(
                f[0].3,
                Matches::Near {
                    key: "hotline".into(),
                    display: "1-888-373-7888".into()
                },
                "{text}"
            );
        }
    }

    #[test]
    fn the_written_form_keeps_what_the_author_typed() {
        let f = find("Text HELP to ‏٢٣٣٧٣٣‏ now", &records());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].written, "٢٣٣٧٣٣");
        assert_eq!(f[0].normalised, "233733");
        assert_eq!(f[0].kind, LiteralKind::ShortCode);
        assert_eq!(show_invisible("1\u{200F}2\u{00A0}3"), "1<U+200F>2<U+00A0>3");
    }

    #[test]
    fn the_real_numbers_written_out_are_reported_as_their_records() {
        assert_eq!(found("Call 1-888-373-7888")[0].3, record("hotline"));
        assert_eq!(found("Call (888) 373-7888")[0].3, record("hotline"));
        assert_eq!(found("Call 1-888-3737-888")[0].3, record("hotline"));
        assert_eq!(found("Call +18883737888")[0].3, record("hotline"));
        assert_eq!(found("Text HELP to 233733")[0].3, record("textline"));
        assert_eq!(found("Text HELP to 233 733")[0].3, record("textline"));
        assert_eq!(found("In danger? Call 911.")[0].3, record("emergency"));
        assert_eq!(found("call ٩١١")[0].3, record("emergency"));
        assert_eq!(
            found("See humantraffickinghotline.org."),
            vec![(
                "humantraffickinghotline.org".into(),
                "humantraffickinghotline.org".into(),
                LiteralKind::Web,
                record("website")
            )]
        );
        assert_eq!(
            found("https://www.HumanTraffickingHotline.org/en/")[0].3,
            record("website")
        );
    }

    #[test]
    fn typos_of_the_short_codes_are_found() {
        for (text, key) in [
            ("Text HELP to 233734", "textline"),
            ("Text HELP to 233373", "textline"),
            ("Text HELP to 23373", "textline"),
            ("Text HELP to 2337333", "textline"),
            ("Call 912", "emergency"),
            ("Call 191", "emergency"),
        ] {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(
                matches!(&f[0].3, Matches::Near { key: k, .. } if k == key),
                "{text}: {f:?}"
            );
        }
    }

    #[test]
    fn unknown_numbers_are_found() {
        for (text, digits, kind) in [
            (
                "HSI tip line 1-866-347-2423",
                "18663472423",
                LiteralKind::Phone,
            ),
            ("NCMEC 1-800-THE-LOST", "18008435678", LiteralKind::Phone),
            ("call 555-0100", "5550100", LiteralKind::Phone),
            ("call +33 1 23 45 67 89", "33123456789", LiteralKind::Phone),
            ("call 1 (866) 347-2423", "18663472423", LiteralKind::Phone),
            ("dial +44 20", "4420", LiteralKind::Phone),
            ("text 55555", "55555", LiteralKind::ShortCode),
            ("text ٥٥٥٥٥٥", "555555", LiteralKind::ShortCode),
            ("Call 2021-2022-99", "2021202299", LiteralKind::Phone),
        ] {
            let f = find(text, &records());
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(
                (f[0].normalised.as_str(), f[0].kind),
                (digits, kind),
                "{text}"
            );
            assert_eq!(f[0].matches, Matches::None, "{text}");
        }
        assert_eq!(found("visit example.org today")[0].1, "example.org");
        assert_eq!(found("visit www.example.com/help")[0].1, "example.com");
        assert_eq!(found("write to help@example.org")[0].1, "example.org");
    }

    #[test]
    fn years_counts_ages_and_list_numbers_are_not_numbers() {
        for text in [
            "Free · Confidential · 24/7 · 200+ languages",
            "24 hours a day, 7 days a week",
            "49.6 million people were living in modern slavery in 2021: about 1 in every 150",
            "27,6 milyon, ladan yo 6,3 milyon",
            "US$236 billion a year",
            "Sources: ILO (2022, data for 2021); ILO (2024).",
            "from 2021-2022, and 2019 – 2021",
            "verified 2026-11-29 or 29.11.2026 or 11-29-26",
            "4,960万人 and 2,760万人, 2021年",
            "1 000 000 people, 1.000.000 people, 12 345 cases",
            "Under 18 and in commercial sex",
            "18 pt, 16-point type, 8.5x11 in, 11x17 in",
            "1. Call. 2. Text. 3. Leave.",
            "Page {page} of {pages}",
            "Text {textline.keyword} to {textline} or call {hotline}",
            "e.g. U.S. i.e. a.m. p.m. No.5 Ph.D. etc.",
            "The ages 13-17 and 18-24",
            "(1 in 150)",
            "about 1 in 150 (0.67%) of people",
            "In 2021 (150 countries)",
            "٢٠٢١ و ١٥٠ شخصًا",
            "1911 and 2001",
        ] {
            assert_eq!(digits_of(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn service_codes_other_than_911_are_lines_of_their_own() {
        for code in ["211", "311", "411", "511", "611", "711", "811", "988"] {
            let f = found(&format!("call {code}"));
            assert_eq!(f.len(), 1, "{code}: {f:?}");
            assert_eq!(f[0].3, Matches::LocalService, "{code}");
        }
        assert!(matches!(&found("call 912")[0].3, Matches::Near { key, .. } if key == "emergency"));
        assert_eq!(found("call 911")[0].3, record("emergency"));
    }

    #[test]
    fn a_plus_makes_a_short_run_a_phone_number() {
        assert_eq!(digits_of("200+ languages"), Vec::<String>::new());
        assert_eq!(digits_of("call +1 888"), vec!["1888".to_string()]);
    }

    #[test]
    fn typo_distance_counts_changed_added_dropped_and_swapped_digits() {
        assert_eq!(typo_distance("233733", "233733"), 0);
        assert_eq!(typo_distance("233733", "233734"), 1);
        assert_eq!(typo_distance("233733", "233373"), 1);
        assert_eq!(typo_distance("233733", "23373"), 1);
        assert_eq!(typo_distance("18883737888", "8883737889"), 2);
        assert!(!is_typo_of("200", "911"));
        assert!(is_typo_of("919", "911"));
        assert!(!is_typo_of("9111", "911"));
    }
}
