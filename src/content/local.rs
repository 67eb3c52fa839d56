//! A project's own contact records (`[contacts.*]` in `bridgeprint.toml`) and its local-help
//! panel (`[local_help]`): the records are held to every rule of `contacts.toml` and merged
//! with its records; each label is held to every rule of a content text, then expanded.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::contacts::{self, ContactRecord, Contacts, ContactsFile};
use super::{chars, numbers, official, source};
use crate::diag::Diagnostic;
use crate::error::{ContentRule, Error, LiteralContact, Location, Rule};

/// What `bridgeprint.toml` says about local help, as read by `project`, with the file's
/// text so every error can point into it.
#[derive(Debug, Clone)]
pub struct ProjectLocal {
    pub path: PathBuf,
    pub source: String,
    pub contacts: BTreeMap<String, ContactRecord>,
    pub help: Option<HelpTable>,
}

/// `[local_help]` as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpTable {
    /// The records the panel lists, in this order.
    pub lines: Vec<String>,
    /// Those of `lines` that also get a QR code of their own.
    #[serde(default)]
    pub qr: Vec<String>,
    /// The one line the wallet card's back names.
    pub card: Option<String>,
    /// One sentence per locale for each line: `labels.legal_aid.en`.
    #[serde(default)]
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
}

/// The local-help panel, checked: empty when the project has none.
#[derive(Debug, Clone, Default)]
pub struct LocalHelp {
    pub lines: Vec<LocalLine>,
    /// The key of the line the card names.
    pub card: Option<String>,
}

/// One line of the panel.
#[derive(Debug, Clone)]
pub struct LocalLine {
    /// Its contact record's key.
    pub key: String,
    pub qr: bool,
    /// Locale tag to the label, placeholders expanded.
    pub labels: BTreeMap<String, String>,
    /// Locale tag to where that label is written, for a label that does not fit.
    pub written_at: BTreeMap<String, Location>,
    /// Where its labels are written (or where the line is named, with none), for the
    /// error about a locale built without one.
    pub at: Location,
}

impl LocalHelp {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Where the label printed under `key` (`local_help.labels.shelter`) in locale `tag`
    /// is written in bridgeprint.toml.
    pub fn origin(&self, key: &str, tag: &str) -> Option<Location> {
        let line = key.strip_prefix("local_help.labels.")?;
        let line = self.lines.iter().find(|l| l.key == line)?;
        line.written_at.get(tag).cloned()
    }

    /// The label of line `key` in locale `tag`, placeholders expanded.
    pub fn label(&self, key: &str, tag: &str) -> Option<&str> {
        let line = self.lines.iter().find(|l| l.key == key)?;
        line.labels.get(tag).map(String::as_str)
    }

    /// One error for each line with no label in a locale of `tags`, the locales a run
    /// builds: a local line is never dropped from one language of a document.
    pub fn missing_labels(&self, tags: &[&str]) -> Vec<Error> {
        let mut errors = Vec::new();
        for line in &self.lines {
            for tag in tags {
                if !line.labels.contains_key(*tag) {
                    errors.push(Error::ProjectValue {
                        location: line.at.clone(),
                        message: format!(
                            "`local_help.labels.{}` has no label for locale `{tag}`, which this run builds: add `{tag} = \"... {{{}}}\"` (a local line is printed in every language of a document, never dropped from one)",
                            line.key, line.key
                        ),
                    });
                }
            }
        }
        errors
    }
}

/// Validates the project's records by the rules of `contacts.toml` (printed form, source,
/// verified date and its staleness, the official-number guard) and adds them to
/// `contacts`; a key already in `contacts.toml` is an error naming both files.
pub fn merge_contacts(
    contacts: &mut Contacts,
    local: &ProjectLocal,
    materials_file: &std::path::Path,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Diagnostic>,
) {
    let (path, src) = (&local.path, local.source.as_str());
    let at = |key: &str| source::locate_key(path, src, key);
    let file = ContactsFile {
        settings: contacts.settings.clone(),
        contacts: local.contacts.clone(),
    };
    errors.append(&mut contacts::check_printed(&file, path, src));
    let (by_key, mut invalid) = contacts::validate_records(
        file.contacts,
        contacts.settings.sms_qr_form,
        path,
        Some(src),
    );
    let mut own = Contacts {
        settings: contacts.settings.clone(),
        by_key,
    };
    for key in own.by_key.keys() {
        if contacts.by_key.contains_key(key) {
            invalid.push(Error::InvalidContact {
                path: path.clone(),
                key: key.clone(),
                message: format!(
                    "is also a record of {} (`[contacts.{key}]`): one key names one record, so rename this one",
                    materials_file.display()
                ),
                location: None,
            });
        }
    }
    own.by_key.retain(|k, _| !contacts.by_key.contains_key(k));
    for c in own.by_key.values() {
        if c.verified_days > i64::from(contacts.settings.stale_after_days) {
            warnings.push(
                Diagnostic::warning(format!(
                    "contact `{}` ({}) was last verified {} ({} days ago); check it against its source: {}",
                    c.key, c.display, c.verified, c.verified_days, c.source
                ))
                .at(at(&format!("contacts.{}.verified", c.key))),
            );
        }
    }
    for c in own.by_key.values() {
        if let Some(message) = national_number(c) {
            invalid.push(Error::InvalidContact {
                path: path.clone(),
                key: c.key.clone(),
                message,
                location: None,
            });
        }
    }
    let (mut guarded, mut guard_warnings) = official::guard(&own, path, &at);
    invalid.append(&mut guarded);
    warnings.append(&mut guard_warnings);
    for mut e in invalid {
        if let Error::InvalidContact { key, location, .. } = &mut e
            && location.is_none()
        {
            *location = at(&format!("contacts.{key}")).map(Box::new);
        }
        errors.push(e);
    }
    contacts.by_key.append(&mut own.by_key);
}

/// Why a project's record holding a national line's number is refused without an
/// `override`: a panel of local help would print the hotline again under another name.
fn national_number(c: &super::Contact) -> Option<String> {
    if c.override_reason.is_some() {
        return None;
    }
    let line = [
        (official::HOTLINE, "National Human Trafficking Hotline"),
        (
            official::TEXTLINE,
            "National Human Trafficking Hotline text line",
        ),
    ]
    .into_iter()
    .find(|(number, _)| c.number == *number)?;
    Some(format!(
        "holds {}, the number of the {}: a local record is a local line, and every document prints the national one already (if this record is meant to be it, say why with `override = \"reason\"`)",
        line.0, line.1
    ))
}

/// The contacts every material prints already: the panel is for local lines.
const NATIONAL: [&str; 4] = ["hotline", "textline", "emergency", "website"];

/// Checks `[local_help]` against the records (`contacts`, merged) and the materials'
/// locales `tags`, and expands each label as a content text is expanded.
pub fn help(
    local: &ProjectLocal,
    contacts: &Contacts,
    records: &numbers::Records,
    tags: &[&str],
    errors: &mut Vec<Error>,
) -> LocalHelp {
    let Some(table) = &local.help else {
        return LocalHelp::default();
    };
    let (path, src) = (&local.path, local.source.as_str());
    let here = |key: &str| {
        source::locate_key(path, src, key).unwrap_or_else(|| Location::from_offset(path, src, 0))
    };
    let value = |key: &str, message: String| Error::ProjectValue {
        location: here(key),
        message,
    };
    let known = || {
        contacts
            .by_key
            .keys()
            .filter(|k| !NATIONAL.contains(&k.as_str()))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines: Vec<LocalLine> = Vec::new();
    for (i, key) in table.lines.iter().enumerate() {
        let at = format!("local_help.lines[{i}]");
        if NATIONAL.contains(&key.as_str()) {
            errors.push(value(&at, format!("`{key}` is printed on every document already; `lines` names local records (the project's: {})", known())));
        } else if !contacts.by_key.contains_key(key) {
            errors.push(value(&at, format!("no contact record `{key}`: add `[contacts.{key}]` to bridgeprint.toml or contacts.toml (records: {})", known())));
        } else if lines.iter().any(|l| &l.key == key) {
            errors.push(value(&at, format!("`{key}` is listed twice")));
        } else {
            let labels_at = format!("local_help.labels.{key}");
            lines.push(LocalLine {
                key: key.clone(),
                qr: table.qr.contains(key),
                labels: BTreeMap::new(),
                written_at: BTreeMap::new(),
                at: source::locate_key(path, src, &labels_at).unwrap_or_else(|| here(&at)),
            });
        }
    }
    for (i, key) in table.qr.iter().enumerate() {
        if !table.lines.contains(key) {
            errors.push(value(
                &format!("local_help.qr[{i}]"),
                format!("`{key}` is not in `local_help.lines`: a QR code goes beside its line"),
            ));
        }
    }
    if let Some(card) = &table.card
        && !table.lines.contains(card)
    {
        errors.push(value(
            "local_help.card",
            format!(
                "`{card}` is not in `local_help.lines`: the card names one of the panel's lines"
            ),
        ));
    }
    for (key, by_locale) in &table.labels {
        let Some(line) = lines.iter_mut().find(|l| &l.key == key) else {
            if !table.lines.contains(key) {
                errors.push(value(
                    &format!("local_help.labels.{key}"),
                    format!(
                        "`{key}` is not in `local_help.lines`, so this label would never print"
                    ),
                ));
            }
            continue;
        };
        for (tag, text) in by_locale {
            let at = format!("local_help.labels.{key}.{tag}");
            if !tags.contains(&tag.as_str()) {
                errors.push(value(
                    &at,
                    format!(
                        "no locale `{tag}` in the materials (locales: {})",
                        tags.join(", ")
                    ),
                ));
                continue;
            }
            if let Some(label) = label(text, key, &at, path, src, contacts, records, errors) {
                line.labels.insert(tag.clone(), label);
                line.written_at.insert(tag.clone(), here(&at));
            }
        }
    }
    LocalHelp {
        lines,
        card: table.card.clone(),
    }
}

/// One label held to the rules of a content text (characters, numbers written out,
/// placeholders), which must name its own record; expanded when it keeps them all.
#[allow(clippy::too_many_arguments)]
fn label(
    text: &str,
    key: &str,
    at: &str,
    path: &std::path::Path,
    src: &str,
    contacts: &Contacts,
    records: &numbers::Records,
    errors: &mut Vec<Error>,
) -> Option<String> {
    let before = errors.len();
    for found in chars::scan(text) {
        let rule = match found.problem {
            chars::Problem::BidiControl(_) => Rule::BidiControl,
            chars::Problem::Fused { .. } => Rule::FusedPlaceholder,
            _ => Rule::HiddenCharacter,
        };
        errors.push(Error::ContentRule(Box::new(ContentRule {
            location: super::locate(path, src, at, text, found.range.clone()),
            key: at.to_string(),
            locale: None,
            rule,
            message: found.problem.message(),
            advice: found.problem.advice().to_string(),
        })));
    }
    for lit in numbers::find(text, records) {
        let nth = text[..lit.range.start]
            .matches(lit.written.as_str())
            .count();
        errors.push(Error::LiteralContact(Box::new(LiteralContact {
            location: source::locate_text(path, src, at, &lit.written, nth),
            key: at.to_string(),
            what: lit.kind.noun(),
            written: numbers::show_invisible(&lit.written),
            normalised: lit.normalised_label(),
            advice: lit.advice(),
        })));
    }
    if !text.contains(&format!("{{{key}}}")) {
        errors.push(Error::ProjectValue {
            location: source::locate_text(path, src, at, "", 0),
            message: format!(
                "the label of `{key}` does not print its number: write `{{{key}}}` where it goes (the number always comes from its record)"
            ),
        });
    }
    match super::expand(text, contacts) {
        Ok(expanded) if errors.len() == before => Some(expanded),
        Ok(_) => None,
        Err(message) => {
            errors.push(Error::ProjectValue {
                location: source::locate_text(path, src, at, "", 0),
                message: format!("`{at}`: {message}"),
            });
            None
        }
    }
}
