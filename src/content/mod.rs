//! Load stage: `materials/` on disk to a validated, fully resolved [`Content`].
//!
//! After loading, every text of every locale is present (missing keys filled from `en`),
//! non-empty, writes no phone number, short code or web address of its own (see
//! [`numbers`]), and has its contact placeholders (`{hotline}`, `{textline.keyword}`)
//! replaced by the values derived from `contacts.toml`.

pub mod chars;
pub mod contacts;
pub mod editions;
pub mod limits;
pub mod local;
pub mod numbers;
pub mod official;
pub mod schema;
pub mod source;
mod tag;

use std::path::{Path, PathBuf};

pub use contacts::{Contact, ContactKind, Contacts, SmsForm};
pub use editions::Edition;
use schema::{Comparison, Fill, FillReport, RedFlags, Report, Scale, Texts, Types, VisitTexts};
pub use schema::{Direction, LocaleMeta, Status};
pub use tag::is_valid_tag;

use crate::diag::Diagnostic;
use crate::error::{ContentRule, Error, Errors, LiteralContact, Location, Rule};

/// The folder of legal profiles beside the locale folders (`materials/profiles/`): read by
/// `profile`, never a locale.
pub const PROFILES_DIR: &str = "profiles";

/// The locale every other one falls back to.
pub const BASE_LOCALE: &str = "en";

/// The content files of a locale folder, beside `locale.toml`.
pub const CONTENT_FILES: [&str; 6] = [
    "texts.toml",
    "types.toml",
    "comparison.toml",
    "red_flags.toml",
    "report.toml",
    "scale.toml",
];

/// What `bridgeprint i18n import` keeps beside a locale's texts: the English each
/// translation was made from, so an export marks a text fuzzy once its English changes.
/// Never read as content.
pub const TRANSLATED_FROM: &str = "translated_from.toml";

/// Every file name a locale folder may hold: anything else ending in `.toml` is a
/// misspelt content file (`red_flag.toml`) whose texts would silently fall back to English.
fn known_file(name: &str) -> bool {
    name == "locale.toml" || name == TRANSLATED_FROM || CONTENT_FILES.contains(&name)
}

/// An error for each `.toml` file in the locale folder `dir` that is none of its files,
/// naming the one it was probably meant to be. Hidden files (an editor's) and other
/// kinds of file (a README, a `.po`) are left alone.
fn unknown_files(dir: &Path, tag: &str) -> Vec<Error> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n.to_ascii_lowercase().ends_with(".toml"))
        .filter(|n| !known_file(n))
        .collect();
    names.sort();
    let allowed: Vec<&str> = ["locale.toml"]
        .into_iter()
        .chain(CONTENT_FILES)
        .chain([TRANSLATED_FROM])
        .collect();
    names
        .into_iter()
        .map(|name| {
            let lower = name.to_ascii_lowercase();
            let hint = allowed
                .iter()
                .map(|a| (source::edit_distance(&lower, a), *a))
                .filter(|(d, a)| *d <= (a.len() / 3).max(2))
                .min()
                .map(|(_, a)| format!(" (did you mean `{a}`?)"))
                .unwrap_or_default();
            Error::InvalidLocale {
                path: dir.join(&name),
                locale: tag.to_string(),
                message: format!(
                    "unknown file `{name}`{hint}: a locale folder holds {}",
                    allowed.join(", ")
                ),
            }
        })
        .collect()
}

/// Everything in a materials folder, validated.
#[derive(Debug, Clone)]
pub struct Content {
    pub root: PathBuf,
    pub contacts: Contacts,
    /// Sorted by tag, `en` first.
    pub locales: Vec<Locale>,
    /// The audience editions `editions.toml` declares, `general` not among them.
    pub editions: Vec<Edition>,
    /// Things a user should know that do not stop a build.
    pub warnings: Vec<Diagnostic>,
    /// The project's local-help panel (`[local_help]`), empty without one.
    pub local_help: local::LocalHelp,
    /// Locale folders this run did not read, as it builds none of them ([`load_only`]):
    /// still names a "did you mean" can offer.
    pub unread: Vec<String>,
}

impl Locale {
    /// Every text with its key (`texts.card.heading`, `red_flags.card[2]`), as loaded:
    /// filled from `en` and with placeholders expanded.
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        // `visit_texts` lends mutably; a copy keeps the locale untouched.
        self.clone()
            .visit_texts(&mut |_, key, text| out.push((key.to_string(), text.clone())));
        out
    }

    /// Calls `f` with the file (`report`), the key (`report.rights`) and the text of every
    /// text of the locale, file by file.
    fn visit_texts(&mut self, f: &mut dyn FnMut(&str, &str, &mut String)) {
        let files: [(&str, &mut dyn VisitTexts); 6] = [
            ("texts", &mut self.texts),
            ("types", &mut self.types),
            ("comparison", &mut self.comparison),
            ("red_flags", &mut self.red_flags),
            ("report", &mut self.report),
            ("scale", &mut self.scale),
        ];
        for (file, value) in files {
            value.visit_texts(file, &mut |key, text| f(file, key, text));
        }
    }

    /// Whether the text at `key` is `en`'s because this locale's files lack it (a list
    /// item when its whole list does).
    pub fn is_fallback(&self, key: &str) -> bool {
        let list = key.split_once('[').map_or(key, |(list, _)| list);
        self.fell_back.iter().any(|k| k == key || k == list)
    }
}

impl Content {
    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.meta.tag == tag)
    }
}

/// One locale's content, complete.
#[derive(Debug, Clone)]
pub struct Locale {
    pub meta: LocaleMeta,
    pub dir: PathBuf,
    pub texts: Texts,
    pub types: Types,
    pub comparison: Comparison,
    pub red_flags: RedFlags,
    pub report: Report,
    pub scale: Scale,
    /// Keys (`texts.card.text_line`) this locale's files do not have, whose text is
    /// therefore `en`'s: an error about such a text points into `en`'s file.
    pub fell_back: Vec<String>,
}

/// Reads and validates a materials folder. All problems found are returned together, each
/// keyed one pointing at where its key is written.
pub fn load(root: &Path) -> Result<Content, Errors> {
    load_with(root, None)
}

/// [`load`] with a project's own contact records and local-help panel, held to the same
/// rules, every error about them pointing into `bridgeprint.toml`.
pub fn load_with(root: &Path, project: Option<&local::ProjectLocal>) -> Result<Content, Errors> {
    load_only(root, project, &[])
}

/// [`load_with`] reading only the locales a run builds: `wanted` are its `--locale` names
/// (`es`, `en+es`; empty means every locale), matched in any case, and `en`, the base every
/// other locale falls back to, is always read. A locale folder not read cannot stop the
/// run, and costs nothing; `check` reads them all.
pub fn load_only(
    root: &Path,
    project: Option<&local::ProjectLocal>,
    wanted: &[String],
) -> Result<Content, Errors> {
    load_unlocated(root, project, wanted).map_err(|mut e| {
        locate_keyed(root, &mut e.0);
        e
    })
}

/// Fills in where each keyed error's key is written, reading each file named once more:
/// only a failed load pays for it.
fn locate_keyed(root: &Path, errors: &mut [Error]) {
    let mut read: Vec<(PathBuf, Option<String>)> = Vec::new();
    for e in errors {
        let (path, key, location) = match e {
            Error::EmptyText {
                path,
                key,
                location,
            }
            | Error::InvalidText {
                path,
                key,
                location,
                ..
            } => match key.split_once('.') {
                Some((_, in_file)) => (&*path, in_file.to_string(), location),
                None => continue,
            },
            Error::InvalidContact {
                path,
                key,
                location,
                ..
            } => (&*path, format!("contacts.{key}"), location),
            _ => continue,
        };
        if location.is_some() {
            continue;
        }
        let i = match read.iter().position(|(p, _)| p == path) {
            Some(i) => i,
            None => {
                read.push((path.clone(), source::read(root, path).ok()));
                read.len() - 1
            }
        };
        if let Some(text) = &read[i].1 {
            *location = source::locate_key(path, text, &key).map(Box::new);
        }
    }
}

/// Whether a run asking for `wanted` (`es`, `en+es`; none: all) builds locale `tag`.
pub fn is_wanted(wanted: &[String], tag: &str) -> bool {
    tag == BASE_LOCALE
        || wanted.is_empty()
        || wanted
            .iter()
            .flat_map(|w| w.split(['+', ',']))
            .any(|w| w.trim().eq_ignore_ascii_case(tag))
}

fn load_unlocated(
    root: &Path,
    project: Option<&local::ProjectLocal>,
    wanted: &[String],
) -> Result<Content, Errors> {
    let contacts_path = root.join("contacts.toml");
    // Present as anything (a FIFO too): reading it then says what is wrong with it.
    if !root.is_dir() || std::fs::symlink_metadata(&contacts_path).is_err() {
        return Err(Error::NoMaterials {
            path: root.to_path_buf(),
        }
        .into());
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let contacts = source::read(root, &contacts_path)
        .and_then(|src| {
            source::parse::<contacts::ContactsFile>(&contacts_path, &src).map(|f| (f, src))
        })
        .map_err(|e| vec![e])
        .and_then(|(file, src)| {
            // Apart from the records' own validity, so the guard below still runs.
            errors.append(&mut contacts::check_printed(&file, &contacts_path, &src));
            contacts::validate_in(file, &contacts_path, Some(&src))
        });
    let mut contacts = match contacts {
        Ok(c) => Some(c),
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    };
    if let (Some(c), Some(project)) = (&mut contacts, project) {
        local::merge_contacts(c, project, &contacts_path, &mut errors, &mut warnings);
    }
    if let Some(c) = &contacts {
        // The project's records were judged against their own file.
        let own = |key: &str| project.is_some_and(|p| p.contacts.contains_key(key));
        for contact in c.by_key.values().filter(|c| !own(&c.key)) {
            if contact.verified_days > i64::from(c.settings.stale_after_days) {
                warnings.push(
                    Diagnostic::warning(format!(
                        "contact `{}` ({}) was last verified {} ({} days ago); check it against its source: {}",
                        contact.key, contact.display, contact.verified, contact.verified_days, contact.source
                    ))
                    .at(locate_in(root, &contacts_path, &format!("contacts.{}.verified", contact.key))),
                );
            }
        }
        let locate = |key: &str| locate_in(root, &contacts_path, key);
        let materials_only = Contacts {
            settings: c.settings.clone(),
            by_key: c
                .by_key
                .iter()
                .filter(|(k, _)| !own(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        };
        let (mut guard_errors, mut guard_warnings) =
            official::guard(&materials_only, &contacts_path, &locate);
        errors.append(&mut guard_errors);
        warnings.append(&mut guard_warnings);
    }
    let records = numbers::Records::new(contacts.as_ref());

    let mut tags = match locale_dirs(root) {
        Ok(tags) => tags,
        Err(mut e) => {
            errors.append(&mut e);
            return Err(Errors(errors));
        }
    };
    tags.sort_by(|a, b| (a != BASE_LOCALE, a).cmp(&(b != BASE_LOCALE, b)));
    if tags.first().map(String::as_str) != Some(BASE_LOCALE) {
        errors.push(Error::InvalidLocale {
            path: root.to_path_buf(),
            locale: BASE_LOCALE.into(),
            message: "missing: `en` is the locale every other one falls back to".into(),
        });
        return Err(Errors(errors));
    }
    let (tags, unread): (Vec<String>, Vec<String>) =
        tags.into_iter().partition(|t| is_wanted(wanted, t));

    let mut locales: Vec<Locale> = Vec::new();
    // Apart from `errors`: a literal number leaves a locale complete, so `en` with one can
    // still be the base the others are judged against.
    let mut literals = Vec::new();
    for tag in &tags {
        let base = locales.first();
        match load_locale(root, tag, base, &records, &mut literals, &mut warnings) {
            Ok(l) => locales.push(l),
            Err(mut e) => {
                errors.append(&mut e);
                if tag == BASE_LOCALE {
                    // Without a complete base the other locales cannot be judged.
                    return Err(Errors(errors));
                }
            }
        }
    }

    errors.append(&mut literals);
    let editions = editions::load(root).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Vec::new()
    });
    for locale in &locales {
        errors.append(&mut editions::undeclared(root, locale, &editions));
    }
    let Some(contacts) = contacts else {
        return Err(Errors(errors));
    };
    for locale in &mut locales {
        expand_placeholders(locale, &contacts, &mut errors);
    }
    let local_help = project.map_or_else(local::LocalHelp::default, |p| {
        // A label for a locale this run does not read still names a locale folder.
        let mut tags: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
        tags.extend(unread.iter().map(String::as_str));
        tags.sort_by(|a, b| (*a != BASE_LOCALE, a).cmp(&(*b != BASE_LOCALE, b)));
        local::help(p, &contacts, &records, &tags, &mut errors)
    });
    if errors.is_empty() {
        Ok(Content {
            root: root.to_path_buf(),
            contacts,
            locales,
            editions,
            warnings,
            local_help,
            unread,
        })
    } else {
        Err(Errors(errors))
    }
}

/// The locale folders under `root`: every visible subfolder is one. Each name becomes an
/// output folder name, so it must be a language tag; two names that differ only in case
/// would write to the same folder on macOS and Windows.
fn locale_dirs(root: &Path) -> Result<Vec<String>, Vec<Error>> {
    let read_err = |source| {
        vec![Error::Read {
            path: root.to_path_buf(),
            source,
        }]
    };
    let mut tags: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for entry in std::fs::read_dir(root).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() || name.starts_with('.') || name == PROFILES_DIR {
            continue;
        }
        let invalid = |message: String| Error::InvalidLocale {
            path: entry.path(),
            locale: name.clone(),
            message,
        };
        if !is_valid_tag(&name) {
            errors.push(invalid(format!(
                "`{name}` is not a language tag (BCP 47, like `es`, `pt-BR` or `zh-Hans`); the folder name becomes the output folder name"
            )));
        } else if let Some(other) = tags.iter().find(|t| t.eq_ignore_ascii_case(&name)) {
            errors.push(invalid(format!(
                "`{name}` and `{other}` are the same language tag in different case"
            )));
        } else {
            tags.push(name);
        }
    }
    if tags.len() > limits::MAX_LOCALES {
        errors.push(Error::InvalidLocale {
            path: root.to_path_buf(),
            locale: format!("{} folders", tags.len()),
            message: format!(
                "more than the {} locales a materials folder may have",
                limits::MAX_LOCALES
            ),
        });
    }
    if errors.is_empty() {
        Ok(tags)
    } else {
        Err(errors)
    }
}

struct Loaded<T> {
    value: T,
    path: PathBuf,
    /// The file's text, kept to point errors found after parsing at their line.
    source: String,
    present: bool,
}

fn load_file<T: Default + serde::de::DeserializeOwned + VisitTexts>(
    root: &Path,
    dir: &Path,
    name: &str,
    errors: &mut Vec<Error>,
) -> Loaded<T> {
    let path = dir.join(name);
    // A link that resolves nowhere is read (and named), not taken for a missing file.
    if std::fs::symlink_metadata(&path).is_err() {
        return Loaded {
            value: T::default(),
            path,
            source: String::new(),
            present: false,
        };
    }
    let read = source::read(root, &path)
        .and_then(|src| source::parse::<T>(&path, &src).map(|value| (value, src)));
    match read {
        Ok((mut value, source)) => {
            let stem = name.strip_suffix(".toml").unwrap_or(name);
            errors.append(&mut limits::check(&mut value, stem, &path));
            Loaded {
                value,
                path,
                source,
                present: true,
            }
        }
        Err(e) => {
            errors.push(e);
            Loaded {
                value: T::default(),
                path,
                source: String::new(),
                present: true,
            }
        }
    }
}

fn load_locale(
    root: &Path,
    tag: &str,
    base: Option<&Locale>,
    records: &numbers::Records,
    literals: &mut Vec<Error>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Locale, Vec<Error>> {
    let dir = root.join(tag);
    let meta_path = dir.join("locale.toml");
    if std::fs::symlink_metadata(&meta_path).is_err() {
        return Err(vec![Error::InvalidLocale {
            path: dir,
            locale: tag.to_string(),
            message:
                "has no locale.toml (it says the language tag, direction and translation status)"
                    .into(),
        }]);
    }
    let meta_src = source::read(root, &meta_path).map_err(|e| vec![e])?;
    let meta = source::parse::<schema::LocaleFile>(&meta_path, &meta_src)
        .map_err(|e| vec![e])?
        .locale;
    let invalid = |message: String| {
        vec![Error::InvalidLocale {
            path: meta_path.clone(),
            locale: tag.to_string(),
            message,
        }]
    };
    // The folder name was checked as a tag; the output path is built from `meta.tag`, so
    // the two must be the same string.
    if meta.tag != tag {
        return Err(invalid(format!(
            "`tag = \"{}\"` does not match its folder name `{tag}`",
            meta.tag
        )));
    }

    let mut errors = unknown_files(&dir, tag);
    let mut texts = load_file::<Texts>(root, &dir, "texts.toml", &mut errors);
    let mut types = load_file::<Types>(root, &dir, "types.toml", &mut errors);
    let mut comparison = load_file::<Comparison>(root, &dir, "comparison.toml", &mut errors);
    let mut red_flags = load_file::<RedFlags>(root, &dir, "red_flags.toml", &mut errors);
    let mut report = load_file::<Report>(root, &dir, "report.toml", &mut errors);
    let mut scale = load_file::<Scale>(root, &dir, "scale.toml", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let present = [
        texts.present,
        types.present,
        comparison.present,
        red_flags.present,
        report.present,
        scale.present,
    ];
    if !present.contains(&true) {
        return Err(invalid(format!(
            "is empty: none of {} is there (copy them from `{BASE_LOCALE}` and translate)",
            CONTENT_FILES.join(", ")
        )));
    }

    // Before filling from `en`, so each literal is reported once, in the file that has it.
    scan_literals(&mut texts, records, literals);
    scan_literals(&mut types, records, literals);
    scan_literals(&mut comparison, records, literals);
    scan_literals(&mut red_flags, records, literals);
    scan_literals(&mut report, records, literals);
    scan_literals(&mut scale, records, literals);
    let mut strong = chars::Strong::default();
    scan_chars(&mut texts, &mut strong, literals);
    scan_chars(&mut types, &mut strong, literals);
    scan_chars(&mut comparison, &mut strong, literals);
    scan_chars(&mut red_flags, &mut strong, literals);
    scan_chars(&mut report, &mut strong, literals);
    scan_chars(&mut scale, &mut strong, literals);
    literals.extend(check_direction(&meta, &meta_path, &meta_src, strong));

    // Counted before filling: a locale with no text of its own yet (`new-locale`).
    let own = gives(&mut texts)
        + gives(&mut types)
        + gives(&mut comparison)
        + gives(&mut red_flags)
        + gives(&mut report)
        + gives(&mut scale);
    let mut fell_back = Vec::new();
    fill(
        &mut texts,
        base.map(|b| &b.texts),
        tag,
        warnings,
        &mut fell_back,
        &mut errors,
    );
    fill(
        &mut types,
        base.map(|b| &b.types),
        tag,
        warnings,
        &mut fell_back,
        &mut errors,
    );
    fill(
        &mut comparison,
        base.map(|b| &b.comparison),
        tag,
        warnings,
        &mut fell_back,
        &mut errors,
    );
    fill(
        &mut red_flags,
        base.map(|b| &b.red_flags),
        tag,
        warnings,
        &mut fell_back,
        &mut errors,
    );
    fill(
        &mut report,
        base.map(|b| &b.report),
        tag,
        warnings,
        &mut fell_back,
        &mut errors,
    );
    fill(
        &mut scale,
        base.map(|b| &b.scale),
        tag,
        warnings,
        &mut fell_back,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    // After filling: a term left to English can still equal the one translated.
    literals.extend(check_terms(tag, &comparison));
    let mut meta = meta;
    if own == 0 && base.is_some() && meta.direction == Direction::Rtl {
        // English set right to left moves its numbers and full stops (the read-back
        // refuses it): until a text is translated, the locale prints as English does.
        meta.direction = Direction::Ltr;
        warnings.push(Diagnostic::warning(format!(
            "locale `{tag}` has no text of its own yet: it prints in English, left to right, until one is translated"
        )));
    }
    Ok(Locale {
        meta,
        dir,
        texts: texts.value,
        types: types.value,
        comparison: comparison.value,
        red_flags: red_flags.value,
        report: report.value,
        scale: scale.value,
        fell_back,
    })
}

/// Reports every phone number, short code and web address the texts of `file` write
/// themselves instead of naming a contact (see [`numbers`]).
fn scan_literals<T: VisitTexts>(
    file: &mut Loaded<T>,
    records: &numbers::Records,
    errors: &mut Vec<Error>,
) {
    let stem = file_stem(&file.path);
    let (path, src) = (&file.path, &file.source);
    file.value
        .visit_texts(&stem, &mut |key: &str, text: &mut String| {
            for lit in numbers::find(text, records) {
                // Keys start with the file stem; inside the file the path starts after it.
                let in_file = key.split_once('.').map_or(key, |(_, k)| k);
                let nth = text[..lit.range.start]
                    .matches(lit.written.as_str())
                    .count();
                errors.push(Error::LiteralContact(Box::new(LiteralContact {
                    location: source::locate_text(path, src, in_file, &lit.written, nth),
                    key: key.to_string(),
                    what: lit.kind.noun(),
                    written: numbers::show_invisible(&lit.written),
                    normalised: lit.normalised_label(),
                    advice: lit.advice(),
                })));
            }
        });
}

/// Reports every bidi control, hidden character, fused placeholder and pile of combining
/// marks in the texts of `file` (see [`chars`]), and counts their strong letters into
/// `strong`.
fn scan_chars<T: VisitTexts>(
    file: &mut Loaded<T>,
    strong: &mut chars::Strong,
    errors: &mut Vec<Error>,
) {
    let stem = file_stem(&file.path);
    let (path, src) = (&file.path, &file.source);
    file.value
        .visit_texts(&stem, &mut |key: &str, text: &mut String| {
            strong.count(text);
            let in_file = key.split_once('.').map_or(key, |(_, k)| k);
            let rule = |range, rule, message, advice: &str| {
                Error::ContentRule(Box::new(ContentRule {
                    location: locate(path, src, in_file, text, range),
                    key: key.to_string(),
                    locale: None,
                    rule,
                    message,
                    advice: advice.to_string(),
                }))
            };
            for found in chars::scan(text) {
                let kind = match found.problem {
                    chars::Problem::BidiControl(_) => Rule::BidiControl,
                    chars::Problem::Hidden { .. } | chars::Problem::Unwritable(_) => {
                        Rule::HiddenCharacter
                    }
                    chars::Problem::Fused { .. } => Rule::FusedPlaceholder,
                };
                let mut e = rule(
                    found.range.clone(),
                    kind,
                    found.problem.message(),
                    found.problem.advice(),
                );
                // Point at what touches the placeholder, not at the placeholder.
                if let (
                    chars::Problem::Fused {
                        placeholder,
                        after: true,
                        ..
                    },
                    Error::ContentRule(broken),
                ) = (&found.problem, &mut e)
                    && broken
                        .location
                        .source_line
                        .chars()
                        .skip(broken.location.column - 1)
                        .collect::<String>()
                        .starts_with(placeholder.as_str())
                {
                    broken.location.column += placeholder.chars().count();
                }
                errors.push(e);
            }
            for (range, marks) in limits::mark_piles(text) {
                let base = text[range.clone()].chars().next().unwrap_or(' ');
                errors.push(rule(
                    range.start..range.start + base.len_utf8(),
                    Rule::MarkPile,
                    format!(
                        "{marks} combining marks on one character (`{base}`, U+{:04X}), more than the {} any script needs",
                        u32::from(base),
                        limits::MAX_MARKS_PER_BASE
                    ),
                    "remove the extra marks; a pile of marks prints as a smear of ink over the line above",
                ));
            }
        });
}

/// Where `range` of `text` (the text at `key`, its path inside the file) is written in
/// `src`: at the same characters when the file spells them as the text does, else at a
/// `\uXXXX` escape of its first character, else at the start of the value.
fn locate(
    path: &Path,
    src: &str,
    key: &str,
    text: &str,
    range: std::ops::Range<usize>,
) -> Location {
    let needle = &text[range.clone()];
    let value_start = source::locate_text(path, src, key, "", 0);
    let nth = text[..range.start].matches(needle).count();
    let found = source::locate_text(path, src, key, needle, nth);
    if found != value_start {
        return found;
    }
    let Some(c) = needle.chars().next() else {
        return found;
    };
    let nth = text[..range.start].matches(c).count();
    let cp = u32::from(c);
    for escape in [
        format!("\\u{cp:04X}"),
        format!("\\u{cp:04x}"),
        format!("\\U{cp:08X}"),
        format!("\\U{cp:08x}"),
    ] {
        let at = source::locate_text(path, src, key, &escape, nth);
        if at != value_start {
            return at;
        }
    }
    value_start
}

/// The names of the two crimes must differ: a language whose one word covers both
/// (Persian and Hindi drafts once had "smuggling is not smuggling") teaches nothing, and
/// tells a victim of trafficking that they committed the crime of crossing.
fn check_terms(tag: &str, file: &Loaded<Comparison>) -> Option<Error> {
    let smuggling = file.value.smuggling.as_deref()?;
    let trafficking = file.value.trafficking.as_deref()?;
    if !same_term(smuggling, trafficking) {
        return None;
    }
    Some(Error::ContentRule(Box::new(ContentRule {
        location: source::locate_text(&file.path, &file.source, "trafficking", "", 0),
        key: "comparison.trafficking".into(),
        locale: Some(tag.to_string()),
        rule: Rule::SameTerms,
        message: format!(
            "the terms for smuggling and trafficking are the same (`{}`), so the table compares a crime with itself",
            trafficking.trim()
        ),
        advice: "use the term of this language's official translation of the UN Trafficking Protocol for trafficking, and of the Smuggling Protocol for smuggling".into(),
    })))
}

/// Two terms a reader cannot tell apart: equal but for case and surrounding space.
fn same_term(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A locale whose letters clearly run one way but whose `direction` says the other
/// would mirror the page the wrong way round and leave numbers unisolated.
fn check_direction(
    meta: &LocaleMeta,
    meta_path: &Path,
    meta_src: &str,
    strong: chars::Strong,
) -> Option<Error> {
    let script = strong.clear_direction()?;
    if script == meta.direction {
        return None;
    }
    let name = |d: Direction| match d {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    };
    Some(Error::ContentRule(Box::new(ContentRule {
        location: source::locate_text(meta_path, meta_src, "locale.direction", "", 0),
        key: "locale.direction".into(),
        locale: Some(meta.tag.clone()),
        rule: Rule::Direction,
        message: format!(
            "`direction = \"{}\"`, but the texts are written {} ({} right-to-left letters, {} left-to-right)",
            name(meta.direction),
            match script {
                Direction::Ltr => "left to right",
                Direction::Rtl => "right to left",
            },
            strong.rtl,
            strong.ltr
        ),
        advice: format!("set `direction = \"{}\"`", name(script)),
    })))
}

/// Where `key` is written in the file at `path`, read again: only a warning or an error
/// asks, so a clean build never pays for it.
fn locate_in(root: &Path, path: &Path, key: &str) -> Option<Location> {
    let text = source::read(root, path).ok()?;
    source::locate_key(path, &text, key)
}

impl Content {
    /// Where the text at `key` (`texts.card.text_line`) of locale `tag` is written, and
    /// whether it is `en`'s because that locale does not have it. Found only when an
    /// error about the text asks.
    pub fn text_origin(&self, tag: &str, key: &str) -> Option<crate::error::Origin> {
        if let Some(location) = self.local_help.origin(key, tag) {
            return Some(crate::error::Origin {
                location: Some(location),
                from_en: false,
            });
        }
        let locale = self.locale(tag)?;
        let from_en = locale.fell_back.iter().any(|k| k == key);
        let dir = if from_en {
            &self.locale(BASE_LOCALE)?.dir
        } else {
            &locale.dir
        };
        let (file, in_file) = key.split_once('.')?;
        let path = dir.join(format!("{file}.toml"));
        Some(crate::error::Origin {
            location: locate_in(&self.root, &path, in_file),
            from_en,
        })
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// How many texts `file` gives itself.
fn gives<T: VisitTexts>(file: &mut Loaded<T>) -> usize {
    let mut given = 0;
    file.value.visit_texts("", &mut |_, _| given += 1);
    given
}

/// Fills `file` from the base locale's copy, turning the report into warnings and errors.
fn fill<T: Fill>(
    file: &mut Loaded<T>,
    base: Option<&T>,
    tag: &str,
    warnings: &mut Vec<Diagnostic>,
    fell_back: &mut Vec<String>,
    errors: &mut Vec<Error>,
) {
    let mut report = FillReport::default();
    let stem = file_stem(&file.path);
    // A file with no text yet (as `new-locale` writes them) says so once, not per key.
    let given = gives(file);
    file.value.fill_from(base, &stem, &mut report);
    if !file.present && base.is_some() {
        warnings.push(
            Diagnostic::warning(format!(
                "locale `{tag}`: {} is missing, all of it comes from `{BASE_LOCALE}`",
                file.path.display()
            ))
            .for_locale(tag),
        );
    } else if given == 0 && base.is_some() {
        warnings.push(
            Diagnostic::warning(format!(
                "locale `{tag}`: {} has no text yet, all of it comes from `{BASE_LOCALE}`",
                file.path.display()
            ))
            .for_locale(tag),
        );
    } else {
        for key in &report.fell_back {
            warnings.push(
                Diagnostic::warning(format!(
                    "locale `{tag}`: `{key}` is missing in {}, using `{BASE_LOCALE}`",
                    file.path.display()
                ))
                .for_locale(tag),
            );
        }
    }
    fell_back.append(&mut report.fell_back);
    for key in report.missing {
        // An edition's table is never filled from `en`, so "en must have it" would mislead.
        errors.push(if key.contains(".editions.") {
            Error::InvalidText {
                path: file.path.clone(),
                key,
                message: "missing: an edition's table has its own title, audience, poster, card, heading, items and source (never `en`'s)".into(),
                location: None,
            }
        } else {
            Error::MissingText {
                path: file.path.clone(),
                key,
            }
        });
    }
    for key in report.empty {
        errors.push(Error::EmptyText {
            path: file.path.clone(),
            key,
            location: None,
        });
    }
}

/// Replaces `{contact}` and `{contact.keyword}` in every text of `locale`.
fn expand_placeholders(locale: &mut Locale, contacts: &Contacts, errors: &mut Vec<Error>) {
    let dir = locale.dir.clone();
    locale.visit_texts(&mut |file, key, text| match expand(text, contacts) {
        Ok(t) => *text = t,
        Err(message) => errors.push(Error::InvalidText {
            path: dir.join(format!("{file}.toml")),
            key: key.to_string(),
            message,
            location: None,
        }),
    });
}

/// Expands placeholders in one text. `{{` and `}}` stand for literal braces.
///
/// Each value is wrapped in Unicode directional isolates (LRI ... PDI, see [`isolated`]),
/// in every locale: without them the bidi algorithm turns the digits of `1-888-373-7888`
/// after Arabic letters into Arabic numbers, the hyphens between them into neutrals, and
/// prints the groups in reverse (`7888-373-888-1`). Content may not hold bidi controls
/// itself, so an isolate in a laid-out text marks exactly one contact value: the read-back
/// ([`crate::readback`]) finds what the document meant to print there by it.
pub fn expand(text: &str, contacts: &Contacts) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(r) = tail.strip_prefix("{{") {
            out.push('{');
            rest = r;
        } else if let Some(r) = tail.strip_prefix("}}") {
            out.push('}');
            rest = r;
        } else if tail.starts_with('}') {
            return Err("a lone `}` (write `}}` for a literal brace)".into());
        } else {
            let end = tail
                .find('}')
                .ok_or("a `{` that is never closed (write `{{` for a literal brace)")?;
            let name = &tail[1..end];
            out.push_str(&isolated(&placeholder(name, contacts)?));
            rest = &tail[end + 1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Opens the isolate round a contact value (LEFT-TO-RIGHT ISOLATE).
pub const ISOLATE_START: char = '\u{2066}';
/// Closes it (POP DIRECTIONAL ISOLATE).
pub const ISOLATE_END: char = '\u{2069}';

/// A contact value as every text prints it: isolated left to right, so it keeps its order
/// in any sentence, and marked as a contact value for the read-back. Templates that print
/// a contact themselves (the big hotline number) use this too.
pub fn isolated(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 6);
    out.push(ISOLATE_START);
    out.push_str(value);
    out.push(ISOLATE_END);
    out
}

/// The byte ranges inside each isolate pair of `text` (the contact values it prints), and
/// the first thing wrong with its isolates, if any: one opened inside another, one closed
/// that never opened, one never closed. Where one is wrong the whole pairs are still given:
/// the read-back refuses such a text, and links need only the values that are whole.
pub fn isolate_spans(text: &str) -> (Vec<std::ops::Range<usize>>, Option<&'static str>) {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut problem = None;
    for (i, c) in text.char_indices() {
        match c {
            ISOLATE_START => {
                if open.is_some() {
                    problem.get_or_insert("a contact value opens inside another");
                }
                open = Some(i + c.len_utf8());
            }
            ISOLATE_END => match open.take() {
                Some(start) => out.push(start..i),
                None => {
                    problem.get_or_insert("a direction isolate closes that never opened");
                }
            },
            _ => {}
        }
    }
    if open.is_some() {
        problem.get_or_insert("a contact value is never closed");
    }
    (out, problem)
}

fn placeholder(name: &str, contacts: &Contacts) -> Result<String, String> {
    let (key, field) = name.split_once('.').unwrap_or((name, "display"));
    let known = || {
        contacts
            .by_key
            .keys()
            .map(|k| format!("{{{k}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let contact = contacts
        .get(key)
        .ok_or_else(|| format!("unknown placeholder `{{{name}}}` (contacts: {})", known()))?;
    match field {
        "display" => Ok(contact.display.clone()),
        "keyword" if contact.kind == ContactKind::Sms => Ok(contact.keyword.clone()),
        _ => Err(format!(
            "unknown placeholder `{{{name}}}`: a contact gives `{{{key}}}`{}",
            if contact.kind == ContactKind::Sms {
                format!(" and `{{{key}.keyword}}`")
            } else {
                String::new()
            }
        )),
    }
}
