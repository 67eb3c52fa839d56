//! `materials/contacts.toml`: every phone number, short code and web address, once.
//!
//! The printed form of a number and its QR payload are both derived here from one record,
//! so the two cannot disagree.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::chars;
use crate::error::{ContentRule, Error, Rule};

/// The file as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactsFile {
    #[serde(default)]
    pub settings: Settings,
    pub contacts: BTreeMap<String, ContactRecord>,
}

/// Build-wide choices about contacts.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// How a text-message QR code is written.
    pub sms_qr_form: SmsForm,
    /// A contact verified longer ago than this many days gets a warning on every build.
    pub stale_after_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sms_qr_form: SmsForm::Smsto,
            stale_after_days: 365,
        }
    }
}

/// The two payload forms phones understand for "send a text".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SmsForm {
    /// `SMSTO:233733:HELP`: the de-facto QR form (ZXing), read by iOS and Android camera apps.
    Smsto,
    /// `sms:233733?body=HELP`: the RFC 5724 URI form.
    SmsUri,
}

/// What a contact is reached by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    Voice,
    Sms,
    Web,
}

/// One record as written in the file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRecord {
    pub name: String,
    pub kind: ContactKind,
    /// E.164 (`+18883737888`) or a short code (`233733`, `911`); voice and sms.
    pub number: Option<String>,
    /// How the number is printed when not the standard grouping; must hold the same digits.
    pub display: Option<String>,
    /// The number in letters as a law or campaign writes it (`1-855-FLA-SAFE`): digits,
    /// capital letters, `-` and brackets, whose keypad digits must dial `number`; letters
    /// beyond the number only in a closing bracket (`1-888-KEY-2-FRE(EDOM)`). Printed only
    /// where a text writes `{key.vanity}`, and read back as this record's.
    pub vanity: Option<String>,
    /// The message to send; sms only.
    pub keyword: Option<String>,
    /// Web address; web only.
    pub url: Option<String>,
    pub source: String,
    // A TOML date; JSON Schema has no date type, and taplo checks it as a date string.
    #[schemars(with = "String")]
    pub verified: toml::value::Datetime,
    #[serde(default)]
    pub notes: String,
    /// Why a guarded record (the national hotline or text line) differs from the official
    /// number; without it such a record is an error (see [`super::official`]).
    #[serde(rename = "override")]
    pub override_reason: Option<String>,
}

/// A validated contact, ready to print and to encode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub key: String,
    pub name: String,
    pub kind: ContactKind,
    /// What a reader sees: `1-888-373-7888`, `233733`, `humantraffickinghotline.org`;
    /// a written space is a no-break space (`(503) 555-0142` prints on one line).
    pub display: String,
    /// E.164 (`+18883737888`) or a short code (`233733`); empty for web contacts.
    pub number: String,
    /// What the QR code holds: `tel:+18883737888`, `SMSTO:233733:HELP`, a URL.
    pub payload: String,
    /// The sms keyword, empty for other kinds.
    pub keyword: String,
    pub source: String,
    /// `YYYY-MM-DD`.
    pub verified: String,
    pub verified_days: i64,
    /// The record's `override` reason, if it has one.
    pub override_reason: Option<String>,
    /// Its number in letters (`1-855-FLA-SAFE`), checked to dial `number`.
    pub vanity: Option<String>,
}

impl Contact {
    /// Whether a page printing `value` as a contact's value prints this record: its
    /// display, its vanity form, or its sms keyword.
    pub fn prints(&self, value: &str) -> bool {
        self.display == value
            || self.vanity.as_deref() == Some(value)
            || (self.kind == ContactKind::Sms && self.keyword == value)
    }
}

/// All contacts, by key.
#[derive(Debug, Clone)]
pub struct Contacts {
    pub settings: Settings,
    pub by_key: BTreeMap<String, Contact>,
}

impl Contacts {
    pub fn get(&self, key: &str) -> Option<&Contact> {
        self.by_key.get(key)
    }
}

/// The contacts every material needs, so their absence is caught before any layout.
pub const REQUIRED: [(&str, ContactKind); 4] = [
    ("hotline", ContactKind::Voice),
    ("textline", ContactKind::Sms),
    ("emergency", ContactKind::Voice),
    ("website", ContactKind::Web),
];

/// Validates the records and derives display text and payloads.
pub fn validate(file: ContactsFile, path: &Path) -> Result<Contacts, Vec<Error>> {
    validate_in(file, path, None)
}

/// [`validate`], with a fault in one field of a record pointed at that field in `src`
/// (the text of `path`) rather than at the record's header.
pub fn validate_in(
    file: ContactsFile,
    path: &Path,
    src: Option<&str>,
) -> Result<Contacts, Vec<Error>> {
    let (by_key, mut errors) =
        validate_records(file.contacts, file.settings.sms_qr_form, path, src);
    for (key, kind) in REQUIRED {
        match by_key.get(key) {
            None if !errors.iter().any(|e| matches!(e, Error::InvalidContact { key: k, .. } if k == key)) => {
                errors.push(Error::InvalidContact {
                    path: path.to_path_buf(),
                    key: key.to_string(),
                    message: format!("missing: every material prints it (add [contacts.{key}] with kind = \"{}\")", kind_name(kind)),
                    location: None,
                })
            }
            Some(c) if c.kind != kind => errors.push(Error::InvalidContact {
                path: path.to_path_buf(),
                key: key.to_string(),
                message: format!("must be kind = \"{}\"", kind_name(kind)),
                location: None,
            }),
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(Contacts {
            settings: file.settings,
            by_key,
        })
    } else {
        Err(errors)
    }
}

/// Each record validated on its own (no record is required): the records of
/// `contacts.toml`, or a project's own in `bridgeprint.toml`, errors naming `path`.
pub fn validate_records(
    records: BTreeMap<String, ContactRecord>,
    sms_form: SmsForm,
    path: &Path,
    src: Option<&str>,
) -> (BTreeMap<String, Contact>, Vec<Error>) {
    let mut errors = Vec::new();
    let mut by_key = BTreeMap::new();
    for (key, record) in records {
        match contact_from_record(&key, record, sms_form) {
            Ok(c) => {
                by_key.insert(key, c);
            }
            Err(fault) => errors.push(Error::InvalidContact {
                location: fault.field.zip(src).and_then(|(field, src)| {
                    super::source::locate_key(path, src, &format!("contacts.{key}.{field}"))
                        .map(Box::new)
                }),
                path: path.to_path_buf(),
                key,
                message: fault.message,
            }),
        }
    }
    (by_key, errors)
}

/// The rules on what a record prints, with the line and column of each break: no bidi
/// control in any field, no hidden character beside a digit, and a `display` that is only
/// its number (ASCII digits, spaces, `-`, `.`, brackets and a leading `+`) or its web
/// address (the `url`'s host and path). `src` is the text of `path`.
pub fn check_printed(file: &ContactsFile, path: &Path, src: &str) -> Vec<Error> {
    let mut errors = Vec::new();
    for (key, r) in &file.contacts {
        let fields = [
            ("name", Some(&r.name)),
            ("display", r.display.as_ref()),
            ("vanity", r.vanity.as_ref()),
            ("keyword", r.keyword.as_ref()),
            ("number", r.number.as_ref()),
            ("url", r.url.as_ref()),
        ];
        for (field, value) in fields {
            let Some(value) = value else { continue };
            let at = format!("contacts.{key}.{field}");
            let error = |range: std::ops::Range<usize>, rule, message, advice: &str| {
                Error::ContentRule(Box::new(ContentRule {
                    location: super::locate(path, src, &at, value, range),
                    key: at.clone(),
                    locale: None,
                    rule,
                    message,
                    advice: advice.to_string(),
                }))
            };
            let found = chars::scan(value);
            for f in &found {
                let rule = match f.problem {
                    chars::Problem::BidiControl(_) => Rule::BidiControl,
                    _ => Rule::HiddenCharacter,
                };
                errors.push(error(
                    f.range.clone(),
                    rule,
                    f.problem.message(),
                    f.problem.advice(),
                ));
            }
            if field != "display" || !found.is_empty() {
                continue;
            }
            let wrong = match r.kind {
                ContactKind::Voice | ContactKind::Sms => display_number_fault(value),
                ContactKind::Web => display_web_fault(value, r.url.as_deref().unwrap_or_default()),
            };
            if let Some((range, message, advice)) = wrong {
                errors.push(error(range, Rule::Display, message, advice));
            }
        }
    }
    errors
}

/// The first character of a number's `display` that is not a digit or one of the
/// separators a printed phone number uses.
fn display_number_fault(display: &str) -> Option<(std::ops::Range<usize>, String, &'static str)> {
    let (i, c) = display.char_indices().find(|&(i, c)| {
        !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0))
    })?;
    Some((
        i..i + c.len_utf8(),
        format!(
            "`display` holds {} (`{}`); a printed number holds only the digits 0-9, spaces, `-`, `.`, brackets and a leading `+`",
            chars::describe(c),
            crate::content::numbers::show_invisible(&c.to_string())
        ),
        "write the number with ASCII digits (the page isolates it in every script)",
    ))
}

/// A web `display` that is not the `url`'s host and path, so the page would name a
/// different site than the QR code opens.
fn display_web_fault(
    display: &str,
    url: &str,
) -> Option<(std::ops::Range<usize>, String, &'static str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let split = |s: &str| {
        let s = s.trim_end_matches('/');
        let (host, path) = s.split_once('/').map_or((s, ""), |(h, p)| (h, p));
        (host.to_ascii_lowercase(), path.to_string())
    };
    if split(display) == split(rest) {
        return None;
    }
    Some((
        0..display.len(),
        format!("`display` \"{display}\" is not the address of `url` \"{url}\""),
        "write the url's host and path without https:// (or leave `display` out)",
    ))
}

fn kind_name(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Voice => "voice",
        ContactKind::Sms => "sms",
        ContactKind::Web => "web",
    }
}

/// Why a record is refused, and the field it is about when it is one field's.
struct Fault {
    field: Option<&'static str>,
    message: String,
}

impl From<String> for Fault {
    fn from(message: String) -> Self {
        Fault {
            field: None,
            message,
        }
    }
}

impl From<&str> for Fault {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

fn contact_from_record(key: &str, r: ContactRecord, sms_form: SmsForm) -> Result<Contact, Fault> {
    if r.source.trim().is_empty() {
        return Err("`source` is empty: say where the number was checked".into());
    }
    let verified = parse_date(&r.verified).ok_or_else(|| {
        format!(
            "`verified` must be a date (YYYY-MM-DD), not `{}`",
            r.verified
        )
    })?;
    let (display, number, payload, keyword) = match r.kind {
        ContactKind::Voice | ContactKind::Sms => {
            if r.url.is_some() {
                return Err("`url` belongs to kind = \"web\"".into());
            }
            let number = r.number.as_deref().ok_or("has no `number`")?;
            let number = Number::parse(number)?;
            if let Some(v) = &r.vanity {
                vanity_fault(v, &number).map_err(|message| Fault {
                    field: Some("vanity"),
                    message,
                })?;
            }
            let display = match &r.display {
                Some(d) => {
                    if !number.is_dialled_as(&digits(d)) {
                        return Err(Fault {
                            field: Some("display"),
                            message: format!(
                                "`display` \"{d}\" does not hold the same digits as `number` \"{}\"; write one of: {}",
                                number.canonical(),
                                number.accepted_displays().join(", ")
                            ),
                        });
                    }
                    // A space is a line break opportunity; a number must be seen whole, so
                    // the printed form (and what the read-back expects) holds no-break spaces.
                    d.replace(' ', "\u{00A0}")
                }
                None => number.grouped(),
            };
            if r.kind == ContactKind::Voice {
                if r.keyword.is_some() {
                    return Err("`keyword` belongs to kind = \"sms\"".into());
                }
                let payload = format!("tel:{}", number.canonical());
                (
                    display,
                    number.canonical().to_string(),
                    payload,
                    String::new(),
                )
            } else {
                let keyword = r
                    .keyword
                    .clone()
                    .ok_or("kind = \"sms\" needs a `keyword`")?;
                if keyword.is_empty() || !keyword.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(
                        format!("`keyword` \"{keyword}\" must be letters and digits only").into(),
                    );
                }
                let payload = match sms_form {
                    SmsForm::Smsto => format!("SMSTO:{}:{keyword}", number.canonical()),
                    SmsForm::SmsUri => format!("sms:{}?body={keyword}", number.canonical()),
                };
                (display, number.canonical().to_string(), payload, keyword)
            }
        }
        ContactKind::Web => {
            if r.vanity.is_some() {
                return Err("`vanity` belongs to a number (kind = \"voice\" or \"sms\")".into());
            }
            if r.number.is_some() || r.keyword.is_some() {
                return Err("kind = \"web\" takes a `url`, not a number".into());
            }
            let url = r.url.clone().ok_or("has no `url`")?;
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .ok_or_else(|| format!("`url` \"{url}\" must start with https:// or http://"))?;
            if rest.is_empty() || rest.contains(char::is_whitespace) {
                return Err(format!("`url` \"{url}\" is not a web address").into());
            }
            let display = r
                .display
                .clone()
                .unwrap_or_else(|| rest.trim_end_matches('/').to_string());
            (display, String::new(), url, String::new())
        }
    };
    Ok(Contact {
        key: key.to_string(),
        name: r.name,
        kind: r.kind,
        display,
        number,
        payload,
        keyword,
        source: r.source,
        verified: verified.0,
        verified_days: verified.1,
        override_reason: r.override_reason,
        vanity: r.vanity,
    })
}

/// Why `vanity` does not dial `number`, if it does not: its digits and the keypad digits of
/// its letters, in order, must be the number's (all of them, or a +1 number's national
/// ten); separators are `-`, spaces and brackets; letters past the last digit of the
/// number only inside a bracket that closes the vanity (`FRE(EDOM)`), as campaigns spell
/// out a word the dialling cuts short.
fn vanity_fault(vanity: &str, number: &Number) -> Result<(), String> {
    let mut dialled = String::new();
    let mut tail = false;
    let full = number.digits();
    let wants = |d: &str| number.is_dialled_as(d);
    for (i, c) in vanity.char_indices() {
        let d = match c {
            '0'..='9' => Some(c),
            'A'..='Z' => super::numbers::keypad(c),
            '+' if i == 0 => None,
            '-' | ' ' | ')' => None,
            '(' => {
                // A bracket after the whole number opens the spelled-out tail.
                tail = wants(&dialled);
                None
            }
            _ => {
                return Err(format!(
                    "`vanity` \"{vanity}\" holds `{c}`; a vanity number holds only digits, capital letters, `-`, spaces and brackets"
                ));
            }
        };
        if let Some(d) = d {
            if tail {
                if c.is_ascii_digit() {
                    return Err(format!(
                        "`vanity` \"{vanity}\" has digits after the number is complete"
                    ));
                }
                continue;
            }
            dialled.push(d);
        }
    }
    if wants(&dialled) {
        Ok(())
    } else {
        Err(format!(
            "`vanity` \"{vanity}\" dials {dialled} on a phone keypad, not `number` \"{}\" ({full})",
            number.canonical()
        ))
    }
}

/// A dialable number: E.164 with its `+`, or a short code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    E164(String),
    Short(String),
}

impl Number {
    /// Accepts `+18883737888` or a 3 to 6 digit short code, nothing else: a number that is
    /// almost right must not reach a print run.
    pub fn parse(s: &str) -> Result<Number, String> {
        if let Some(rest) = s.strip_prefix('+') {
            let ok = (8..=15).contains(&rest.len())
                && rest.chars().all(|c| c.is_ascii_digit())
                && !rest.starts_with('0');
            if !ok {
                return Err(format!(
                    "`number` \"{s}\" is not an E.164 number (a + then 8 to 15 digits, no spaces or dashes)"
                ));
            }
            if rest.starts_with('1') && rest.len() != 11 {
                return Err(format!(
                    "`number` \"{s}\" starts with country code 1 but does not have 10 digits after it"
                ));
            }
            Ok(Number::E164(s.to_string()))
        } else if (3..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit()) {
            Ok(Number::Short(s.to_string()))
        } else {
            Err(format!(
                "`number` \"{s}\" is neither E.164 (like +18883737888) nor a short code (3 to 6 digits)"
            ))
        }
    }

    /// The form that goes into a `tel:` or `SMSTO:` payload.
    pub fn canonical(&self) -> &str {
        match self {
            Number::E164(s) | Number::Short(s) => s,
        }
    }

    /// Digits only (no `+`).
    pub fn digits(&self) -> String {
        digits(self.canonical())
    }

    /// Whether `digits` (a `display` without its separators) dials this number: all its
    /// digits, or for a +1 number the ten of its national format (`(503) 555-0142`), which
    /// is how people in its country read it.
    pub fn is_dialled_as(&self, digits: &str) -> bool {
        digits == self.digits() || self.national_digits().is_some_and(|n| n == digits)
    }

    /// The ten digits after the country code of a North American (+1) number.
    fn national_digits(&self) -> Option<String> {
        let d = self.digits();
        match self {
            Number::E164(_) if d.len() == 11 && d.starts_with('1') => Some(d[1..].to_string()),
            _ => None,
        }
    }

    /// The `display` forms named in the error for one whose digits differ.
    pub fn accepted_displays(&self) -> Vec<String> {
        match self.national_digits() {
            Some(n) => {
                let (area, exchange, line) = (&n[..3], &n[3..6], &n[6..]);
                vec![
                    self.grouped(),
                    format!("({area}) {exchange}-{line}"),
                    format!("{area}-{exchange}-{line}"),
                    format!("+1 {area} {exchange} {line}"),
                ]
            }
            None => vec![self.grouped()],
        }
    }

    /// The usual printed grouping: `1-888-373-7888` for North America, the short code as is.
    pub fn grouped(&self) -> String {
        match self {
            Number::Short(s) => s.clone(),
            Number::E164(s) => {
                let d = &s[1..];
                if d.len() == 11 && d.starts_with('1') {
                    format!("1-{}-{}-{}", &d[1..4], &d[4..7], &d[7..])
                } else {
                    s.clone()
                }
            }
        }
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// `YYYY-MM-DD` and how many days ago it was, from the build's reference day.
fn parse_date(dt: &toml::value::Datetime) -> Option<(String, i64)> {
    if dt.time.is_some() {
        return None;
    }
    let d = dt.date?;
    let days = days_from_civil(i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let age = crate::clock::today_days() - days;
    Some((format!("{:04}-{:02}-{:02}", d.year, d.month, d.day), age))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanp_numbers_group_as_printed_on_materials() {
        let n = Number::parse("+18883737888").unwrap();
        assert_eq!(n.grouped(), "1-888-373-7888");
        assert_eq!(n.canonical(), "+18883737888");
    }

    #[test]
    fn almost_right_numbers_are_refused() {
        for bad in [
            "18883737888",
            "+1888373788",
            "+1 888 373 7888",
            "+1-888-373-7888",
            "+188837378889",
            "23",
            "2337334",
            "",
            "+0123456789",
        ] {
            assert!(Number::parse(bad).is_err(), "{bad} accepted");
        }
        assert!(Number::parse("911").is_ok());
        assert!(Number::parse("233733").is_ok());
        assert!(Number::parse("+33123456789").is_ok());
    }

    #[test]
    fn a_number_display_is_ascii_digits_and_phone_punctuation_only() {
        for ok in [
            "1-888-373-7888",
            "(888) 373.7888",
            "+1 888 373 7888",
            "233733",
        ] {
            assert_eq!(display_number_fault(ok), None, "{ok}");
        }
        for (bad, at) in [
            ("1-888-373-7888+", 14),
            ("１-888-373-7888", 0),
            ("1\u{2011}888", 1),
            ("1 888\u{00A0}373", 5),
            ("233733 HELP", 7),
        ] {
            let fault = display_number_fault(bad).map(|f| f.0.start);
            assert_eq!(fault, Some(at), "{bad}");
        }
    }

    #[test]
    fn a_web_display_is_the_urls_host_and_path() {
        let url = "https://humantraffickinghotline.org/en/";
        for ok in [
            "humantraffickinghotline.org/en",
            "humantraffickinghotline.org/en/",
            "HumanTraffickingHotline.org/en",
        ] {
            assert!(display_web_fault(ok, url).is_none(), "{ok}");
        }
        for bad in [
            "humantraffickinghotline.org",
            "humantraffickinghotline.org/EN",
            "humantraffickinghotline.org.example.com/en",
            "https://humantraffickinghotline.org/en",
            "humantrafickinghotline.org/en",
        ] {
            assert!(display_web_fault(bad, url).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_vanity_number_must_dial_its_record() {
        let cast = Number::parse("+18885392373").unwrap();
        assert_eq!(vanity_fault("1-888-KEY-2-FRE(EDOM)", &cast), Ok(()));
        assert!(vanity_fault("1-888-KEY-2-FREE", &cast).is_err());
        assert!(vanity_fault("1-888-KEY-2-FRA(EDOM)", &cast).is_err());
        assert!(vanity_fault("1-888-KEY-2-FRE(ED0M)", &cast).is_err());
        let fl = Number::parse("+18553527233").unwrap();
        assert_eq!(vanity_fault("1-855-FLA-SAFE", &fl), Ok(()));
        assert!(vanity_fault("1-855-FLA-SAVE", &fl).is_err());
        assert!(vanity_fault("1-855-FLA-SAFE\u{202E}", &fl).is_err());
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 11, 29), 20_786);
    }
}
