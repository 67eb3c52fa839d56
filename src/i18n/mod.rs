//! Translators' round trip: a locale's texts out as a gettext PO file ([`export`]), back in
//! as the locale's TOML files ([`import`]), and a new locale folder made from English
//! ([`new_locale`]).
//!
//! A text is named in the PO file by its content key (`msgctxt "texts.card.text_line"`,
//! `red_flags.card[2]` for a list item), its English is the `msgid` and the locale's own
//! text the `msgstr` (empty when the locale leaves it to English). `{placeholders}` are
//! locked: an import that drops, changes or adds one is refused at the entry's line.
//!
//! "Changed since the last import" is known from `translated_from.toml` in the locale
//! folder ([`crate::content::TRANSLATED_FROM`]): each import records the English every
//! translation was made from (the entry's `msgid`, or for an entry still marked fuzzy the
//! English it was made from before). An export marks a translation whose recorded English
//! differs from today's `#, fuzzy` and gives the old English as `#| msgid`, which Poedit
//! and Weblate show as a change to review. A locale never imported has no record, so
//! nothing in it is fuzzy.
//!
//! An import writes nothing until the whole result has loaded: the new files go into a
//! private copy of the materials (English, contacts and this locale), which the content
//! loader reads under every rule a build applies, and only then are they written beside
//! the old ones and renamed into place ([`crate::write::write_all`]).

pub mod new;
pub mod po;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use new::{NewLocale, new_locale};

use crate::content::schema::{
    Comparison, LocaleFile, RedFlags, Report, Scale, Status, Texts, Types, VisitTexts,
};
use crate::content::{self, BASE_LOCALE, CONTENT_FILES, TRANSLATED_FROM, source};
use crate::diag::Diagnostic;
use crate::error::{Error, Errors, Location, PoProblem, PoRule};

/// One translatable text: its key, English's text, and the locale's own when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// `texts.card.text_line`, `red_flags.card[2]`: the PO entry's `msgctxt`.
    pub key: String,
    /// As written in `en`, placeholders unexpanded.
    pub english: String,
    /// As written in the locale's file; `None` when the locale leaves it to English.
    pub text: Option<String>,
    /// Where English writes it: `en/texts.toml:12`.
    pub reference: String,
    /// The comments above the text (and above its table) in English's file.
    pub notes: Vec<String>,
}

/// The content files by stem: `texts`, `types`, ...
fn stems() -> impl Iterator<Item = &'static str> {
    CONTENT_FILES
        .iter()
        .map(|f| f.strip_suffix(".toml").unwrap_or(f))
}

/// A file's texts by key, in the schema's order.
type Keyed = Vec<(String, String)>;

/// The texts of one content file as written (placeholders unexpanded), with the file's
/// source; `None` when the file is not there.
fn raw_texts(root: &Path, dir: &Path, stem: &str) -> Result<Option<(Keyed, String)>, Error> {
    let path = dir.join(format!("{stem}.toml"));
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let src = source::read(root, &path)?;
    let mut out = Vec::new();
    let mut push = |k: &str, t: &mut String| out.push((k.to_string(), t.clone()));
    match stem {
        "texts" => source::parse::<Texts>(&path, &src)?.visit_texts(stem, &mut push),
        "types" => source::parse::<Types>(&path, &src)?.visit_texts(stem, &mut push),
        "comparison" => source::parse::<Comparison>(&path, &src)?.visit_texts(stem, &mut push),
        "red_flags" => source::parse::<RedFlags>(&path, &src)?.visit_texts(stem, &mut push),
        "report" => source::parse::<Report>(&path, &src)?.visit_texts(stem, &mut push),
        "scale" => source::parse::<Scale>(&path, &src)?.visit_texts(stem, &mut push),
        _ => {}
    }
    Ok(Some((out, src)))
}

/// The locale folder of `materials` named `tag`, matched without case (`pt-br`, or
/// `pt_BR` as gettext writes it), by its name on disk.
pub fn locale_folder(materials: &Path, tag: &str) -> Option<String> {
    let wanted = tag.replace('_', "-");
    let entries = std::fs::read_dir(materials).ok()?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
        .iter()
        .find(|n| **n == wanted)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(&wanted)))
        .cloned()
}

/// Every translatable text of the schema in English's order, with `tag`'s own texts.
/// Also what the locale has that English has not (list items past English's end, an
/// edition English lacks): a PO file cannot carry them.
pub fn units(materials: &Path, tag: &str) -> Result<(Vec<Unit>, Vec<String>), Errors> {
    let en_dir = materials.join(BASE_LOCALE);
    let dir = materials.join(tag);
    let mut units = Vec::new();
    let mut errors = Vec::new();
    let mut extra = Vec::new();
    for stem in stems() {
        let english = raw_texts(materials, &en_dir, stem);
        let own = raw_texts(materials, &dir, stem);
        let (english, own) = match (english, own) {
            (Ok(e), Ok(o)) => (e, o),
            (e, o) => {
                errors.extend(e.err());
                errors.extend(o.err());
                continue;
            }
        };
        let Some((english, en_src)) = english else {
            errors.push(Error::MissingText {
                path: en_dir.join(format!("{stem}.toml")),
                key: stem.to_string(),
            });
            continue;
        };
        let own: BTreeMap<String, String> = own
            .map(|(t, _)| t.into_iter().collect())
            .unwrap_or_default();
        let known: BTreeSet<&str> = english.iter().map(|(k, _)| k.as_str()).collect();
        extra.extend(own.keys().filter(|k| !known.contains(k.as_str())).cloned());
        let lines: Vec<&str> = en_src.lines().collect();
        for (key, text) in &english {
            let in_file = key.split_once('.').map_or(key.as_str(), |(_, k)| k);
            let line = source::text_span(&en_src, in_file)
                .map_or(1, |s| en_src[..s.start].matches('\n').count() + 1);
            units.push(Unit {
                key: key.clone(),
                english: text.clone(),
                text: own.get(key).cloned(),
                reference: format!("{BASE_LOCALE}/{stem}.toml:{line}"),
                notes: notes(&en_src, &lines, in_file),
            });
        }
    }
    if errors.is_empty() {
        Ok((units, extra))
    } else {
        Err(Errors(errors))
    }
}

/// The comment lines right above the key `in_file` (a list's, for an item) and right
/// above the header of the table it sits in: what English's file says to a translator.
fn notes(src: &str, lines: &[&str], in_file: &str) -> Vec<String> {
    let list = in_file.split_once('[').map_or(in_file, |(l, _)| l);
    let Some(span) = source::text_span(src, list) else {
        return Vec::new();
    };
    let line = src[..span.start].matches('\n').count();
    let mut out = Vec::new();
    if list.contains('.') {
        let header = (0..line).rev().find(|&i| {
            let t = lines[i].trim();
            t.starts_with('[') && t.ends_with(']') && !t.starts_with("[\"")
        });
        if let Some(h) = header {
            out.extend(comments_above(lines, h));
        }
    }
    for c in comments_above(lines, line) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn comments_above(lines: &[&str], line: usize) -> Vec<String> {
    let mut out: Vec<String> = lines[..line.min(lines.len())]
        .iter()
        .rev()
        .map_while(|l| l.trim().strip_prefix('#').map(|c| c.trim().to_string()))
        .collect();
    out.reverse();
    out
}

/// The `{placeholders}` of a text, sorted: `{hotline}`, `{textline.keyword}`, and the
/// `{{page}}` a page label leaves to the layout. A brace that opens or closes nothing is
/// one too, so a stray one in a translation counts as a change.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = tokens(text);
    out.sort();
    out
}

/// The `{placeholders}` and stray braces of a text, in the order it has them.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        let rest = &text[i..];
        let (token, len) = if let Some(inner) = rest.strip_prefix("{{") {
            match inner.find("}}") {
                Some(j) if inner[..j].bytes().all(name_byte) => (rest[..j + 4].to_string(), j + 4),
                _ => ("{{".to_string(), 2),
            }
        } else if rest.starts_with('{') {
            match rest.find('}') {
                Some(j) if rest[1..j].bytes().all(name_byte) => (rest[..=j].to_string(), j + 1),
                _ => ("{".to_string(), 1),
            }
        } else if rest.starts_with('}') {
            ("}".to_string(), 1)
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        out.push(token);
        i += len;
    }
    out
}

fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// What `translated_from.toml` holds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordFile {
    #[serde(default)]
    from: BTreeMap<String, String>,
}

/// The English each of `tag`'s translations was made from, by key; empty when the locale
/// was never imported.
fn read_record(materials: &Path, tag: &str) -> Result<BTreeMap<String, String>, Error> {
    let path = materials.join(tag).join(TRANSLATED_FROM);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(BTreeMap::new());
    }
    let src = source::read(materials, &path)?;
    Ok(source::parse::<RecordFile>(&path, &src)?.from)
}

fn record_file(record: &BTreeMap<String, String>) -> String {
    let mut out = String::from(
        "# Written by `bridgeprint i18n import`: the English text each translation in this\n\
         # folder was made from. `bridgeprint i18n export` marks a translation fuzzy when\n\
         # its English has changed since. Build and check never read it.\n\n[from]\n",
    );
    for (k, v) in record {
        out.push_str(&format!("{} = {}\n", toml_string(k), toml_string(v)));
    }
    out
}

fn read_meta(materials: &Path, tag: &str) -> Result<(content::LocaleMeta, String), Error> {
    let path = materials.join(tag).join("locale.toml");
    let src = source::read(materials, &path)?;
    Ok((source::parse::<LocaleFile>(&path, &src)?.locale, src))
}

/// A locale's texts as a PO file.
#[derive(Debug)]
pub struct Exported {
    pub tag: String,
    pub po: String,
    pub entries: usize,
    pub translated: usize,
    pub fuzzy: usize,
    pub warnings: Vec<Diagnostic>,
}

/// The texts of locale `tag` of `materials` as a PO file for Poedit, Weblate or Crowdin.
pub fn export(materials: &Path, tag: &str) -> Result<Exported, Errors> {
    let tag =
        locale_folder(materials, tag).ok_or_else(|| Error::UnknownLocale(tag.into(), None))?;
    let (meta, _) = read_meta(materials, &tag)?;
    let (units, extra) = units(materials, &tag)?;
    let record = if tag == BASE_LOCALE {
        BTreeMap::new()
    } else {
        read_record(materials, &tag)?
    };
    let contacts = contacts(materials);
    let warnings: Vec<Diagnostic> = extra
        .iter()
        .map(|k| {
            Diagnostic::warning(format!(
                "locale `{tag}`: `{k}` has no English to translate from, so the PO file leaves it out and an import of it drops it"
            ))
        })
        .collect();
    let mut entries = Vec::with_capacity(units.len());
    let (mut translated, mut fuzzy) = (0, 0);
    for u in &units {
        let mut extracted = u.notes.clone();
        let held: Vec<String> = dedup(&tokens(&u.english))
            .into_iter()
            .filter(|p| p.len() > 2 && p.starts_with('{') && p.ends_with('}'))
            .collect();
        let named: Vec<String> = held
            .iter()
            .map(|p| describe(p, contacts.as_ref()))
            .collect();
        // What msgfmt, Poedit and Weblate check as Python's `{name}`: the contacts, not
        // the `{{page}}` Python reads as a literal brace.
        let brace_format = held.iter().any(|p| !p.starts_with("{{"));
        if !named.is_empty() {
            extracted.push(format!(
                "Keep each placeholder exactly as written: {}",
                named.join("; ")
            ));
        }
        let mut flags = Vec::new();
        let mut previous = None;
        if u.text.is_some() {
            translated += 1;
            if let Some(old) = record.get(&u.key).filter(|old| **old != u.english) {
                flags.push("fuzzy".to_string());
                fuzzy += 1;
                previous = Some(old.clone()).filter(|o| !o.is_empty());
            }
        }
        if brace_format {
            flags.push("python-brace-format".into());
        }
        entries.push(po::Entry {
            extracted,
            references: vec![u.reference.clone()],
            flags,
            previous,
            msgctxt: Some(u.key.clone()),
            msgid: u.english.clone(),
            msgstr: u.text.clone().unwrap_or_default(),
            ..Default::default()
        });
    }
    let mut header_comments = vec![
        format!(
            "{} ({}) texts of bridgeprint's materials, status {}.",
            meta.name,
            tag,
            meta.status.as_str()
        ),
        "msgctxt is the text's key (file, table and key; [n] is an item of a list), msgid the English.".into(),
        "Keep every {placeholder} as it is: bridgeprint prints the number there, and refuses".into(),
        "an import that drops or changes one. An empty translation prints the English.".into(),
        format!("Import with: bridgeprint i18n import FILE --locale {tag}"),
    ];
    if !meta.notes.trim().is_empty() {
        header_comments.push(String::new());
        header_comments.push("Notes of this locale (locale.toml):".into());
        header_comments.extend(wrap_words(&meta.notes, 76));
    }
    let catalog = po::Catalog {
        header_comments,
        header: vec![
            ("Project-Id-Version".into(), "bridgeprint materials".into()),
            ("Language-Team".into(), meta.name.clone()),
            ("Language".into(), tag.replace('-', "_")),
            ("MIME-Version".into(), "1.0".into()),
            ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ("Content-Transfer-Encoding".into(), "8bit".into()),
            (
                "X-Generator".into(),
                format!("bridgeprint {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
        entries,
    };
    Ok(Exported {
        tag,
        po: po::write(&catalog),
        entries: units.len(),
        translated,
        fuzzy,
        warnings,
    })
}

fn dedup(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(i) {
            out.push(i.clone());
        }
    }
    out
}

/// The materials' contacts, to say what each placeholder prints; `None` when they do not
/// load (the PO file then names the placeholders only).
fn contacts(materials: &Path) -> Option<content::Contacts> {
    let path = materials.join("contacts.toml");
    let src = source::read(materials, &path).ok()?;
    let file = source::parse::<content::contacts::ContactsFile>(&path, &src).ok()?;
    content::contacts::validate(file, &path).ok()
}

/// `{hotline} prints 1-888-373-7888 (National Human Trafficking Hotline)`.
fn describe(placeholder: &str, contacts: Option<&content::Contacts>) -> String {
    if let Some(inner) = placeholder
        .strip_prefix("{{")
        .and_then(|p| p.strip_suffix("}}"))
    {
        let what = match inner {
            "page" => "the page number",
            "pages" => "the number of pages",
            _ => "filled in when the page is laid out",
        };
        return format!("{placeholder} ({what})");
    }
    let name = &placeholder[1..placeholder.len() - 1];
    let (key, field) = name.split_once('.').unwrap_or((name, "display"));
    match contacts.and_then(|c| c.get(key)) {
        Some(c) if field == "keyword" => format!("{placeholder} prints {}", c.keyword),
        Some(c) => format!("{placeholder} prints {} ({})", c.display, c.name),
        None => placeholder.to_string(),
    }
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// What an import did, for the report.
#[derive(Debug, Default)]
pub struct Imported {
    pub tag: String,
    /// Files written (those whose bytes changed).
    pub written: Vec<PathBuf>,
    /// Texts whose translation changed, was added or removed.
    pub changed: usize,
    /// Entries with an empty translation: their English prints. Line and key.
    pub untranslated: Vec<(usize, String)>,
    /// Entries still marked fuzzy: imported, and fuzzy again at the next export.
    pub fuzzy: Vec<(usize, String)>,
    /// Entries translated from an English that has changed since the PO was exported.
    pub outdated: Vec<(usize, String)>,
    /// Texts the PO file lacks (an export older than the English): kept as they were.
    pub not_in_po: Vec<String>,
    /// A reviewed locale whose texts changed: now a draft.
    pub now_draft: bool,
}

/// A PO entry's place, for an error about it.
fn po_location(po: &Path, text: &str, line: usize) -> Location {
    Location {
        path: po.to_path_buf(),
        line,
        column: 1,
        source_line: text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or_default()
            .to_string(),
    }
}

fn problem(
    location: Location,
    key: Option<&str>,
    rule: PoRule,
    message: String,
    hint: Option<String>,
) -> Error {
    Error::Po(Box::new(PoProblem {
        location,
        key: key.map(String::from),
        rule,
        message,
        hint,
    }))
}

/// Writes locale `tag` (or the PO header's `Language`) of `materials` from the PO file
/// `po_path` (its text `po_text`). Refuses, writing nothing, an entry that is not
/// PO syntax or plural, a `msgctxt` the schema does not know or gives twice, a changed
/// placeholder, a list or edition translated in part, and anything the content loader
/// refuses in the result (`project` is the project's own contacts, for its placeholders).
pub fn import(
    materials: &Path,
    po_path: &Path,
    po_text: &str,
    tag: Option<&str>,
    project: Option<&content::local::ProjectLocal>,
) -> Result<Imported, Errors> {
    let at = |line: usize| po_location(po_path, po_text, line);
    let catalog = po::parse(po_text).map_err(|e| {
        let mut location = at(e.line);
        location.column = e.column;
        let rule = if e.plural {
            PoRule::Plural
        } else {
            PoRule::Syntax
        };
        problem(location, None, rule, e.message, None)
    })?;
    let tag = which_locale(materials, &catalog, tag, &at(1))?;
    let (units, _) = units(materials, &tag)?;
    let old_record = if tag == BASE_LOCALE {
        BTreeMap::new()
    } else {
        read_record(materials, &tag)?
    };

    // Each entry against the schema.
    let known: BTreeMap<&str, &Unit> = units.iter().map(|u| (u.key.as_str(), u)).collect();
    let mut errors = Vec::new();
    let mut by_key: BTreeMap<&str, &po::Entry> = BTreeMap::new();
    for e in &catalog.entries {
        let Some(key) = e.msgctxt.as_deref() else {
            errors.push(problem(
                at(e.msgstr_line),
                None,
                PoRule::UnknownKey,
                format!(
                    "an entry without `msgctxt` (msgid \"{}\"): bridgeprint names each text by its msgctxt; export the locale again",
                    e.msgid.chars().take(40).collect::<String>()
                ),
                None,
            ));
            continue;
        };
        if !known.contains_key(key) {
            let hint = known
                .keys()
                .map(|k| (source::edit_distance(key, k), *k))
                .filter(|(d, k)| *d <= (k.len() / 3).max(2))
                .min()
                .map(|(_, k)| k.to_string());
            errors.push(problem(
                at(e.msgstr_line),
                Some(key),
                PoRule::UnknownKey,
                "no text of the materials has this msgctxt".into(),
                hint,
            ));
            continue;
        }
        if by_key.insert(key, e).is_some() {
            errors.push(problem(
                at(e.msgstr_line),
                Some(key),
                PoRule::Duplicate,
                "a second entry for this text".into(),
                None,
            ));
        }
    }

    // What each text becomes.
    let mut report = Imported {
        tag: tag.clone(),
        ..Default::default()
    };
    let mut record = BTreeMap::new();
    let mut new_texts: Vec<(&Unit, Option<String>)> = Vec::with_capacity(units.len());
    for u in &units {
        let Some(e) = by_key.get(u.key.as_str()) else {
            report.not_in_po.push(u.key.clone());
            if let Some(r) = old_record.get(&u.key).filter(|_| u.text.is_some()) {
                record.insert(u.key.clone(), r.clone());
            }
            new_texts.push((u, u.text.clone()));
            continue;
        };
        if e.msgstr.is_empty() {
            report.untranslated.push((e.msgstr_line, u.key.clone()));
            new_texts.push((u, None));
            continue;
        }
        let want = placeholders(&u.english);
        let got = placeholders(&e.msgstr);
        if want != got {
            errors.push(problem(
                at(e.msgstr_line),
                Some(&u.key),
                PoRule::Placeholder,
                placeholder_change(&want, &got),
                None,
            ));
            continue;
        }
        let made_from = if e.is_fuzzy() {
            report.fuzzy.push((e.msgstr_line, u.key.clone()));
            e.previous
                .clone()
                .or_else(|| old_record.get(&u.key).cloned())
                .unwrap_or_default()
        } else {
            if e.msgid != u.english {
                report.outdated.push((e.msgstr_line, u.key.clone()));
            }
            e.msgid.clone()
        };
        record.insert(u.key.clone(), made_from);
        new_texts.push((u, Some(e.msgstr.clone())));
    }
    errors.extend(partial(&new_texts, &by_key, &at));
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    report.changed = new_texts.iter().filter(|(u, t)| u.text != *t).count();

    // The files, and the locale's status.
    let (meta, meta_src) = read_meta(materials, &tag)?;
    let mut files: Vec<(String, String)> = stems()
        .map(|stem| {
            let texts: Vec<(&str, &str)> = new_texts
                .iter()
                .filter_map(|(u, t)| Some((u.key.as_str(), t.as_deref()?)))
                .filter(|(k, _)| k.split_once('.').is_some_and(|(s, _)| s == stem))
                .collect();
            let old = source::read(
                materials,
                &materials.join(&tag).join(format!("{stem}.toml")),
            )
            .map(|src| kept_comments(&src))
            .unwrap_or_default();
            (format!("{stem}.toml"), toml_file(stem, &texts, &old))
        })
        .collect();
    if tag != BASE_LOCALE {
        files.push((TRANSLATED_FROM.to_string(), record_file(&record)));
    }
    if meta.status == Status::Reviewed && report.changed > 0 {
        report.now_draft = true;
        files.push(("locale.toml".into(), as_draft(&meta_src)));
    }

    validate(materials, &tag, &files, project, po_path, po_text, &by_key)?;

    // Only what changed, all or nothing.
    let dir = materials.join(&tag);
    let changed: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(name, text)| (dir.join(name), text.into_bytes()))
        .filter(|(path, bytes)| std::fs::read(path).ok().as_deref() != Some(bytes.as_slice()))
        .collect();
    let planned: Vec<crate::write::Planned> = changed
        .iter()
        .map(|(path, bytes)| crate::write::Planned {
            path: path.clone(),
            bytes,
        })
        .collect();
    crate::write::write_all(&planned, &dir, || Ok(()))?;
    report.written = changed.into_iter().map(|(p, _)| p).collect();
    Ok(report)
}

/// The locale an import writes: `--locale`, else the PO header's `Language`; the two must
/// name one language, and its folder must be there.
fn which_locale(
    materials: &Path,
    catalog: &po::Catalog,
    flag: Option<&str>,
    header: &Location,
) -> Result<String, Error> {
    let said = catalog.header_field("Language").filter(|l| !l.is_empty());
    let language = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    if let (Some(flag), Some(said)) = (flag, said)
        && language(flag) != language(said)
    {
        return Err(problem(
            header.clone(),
            None,
            PoRule::Locale,
            format!(
                "the PO file says `Language: {said}`, but --locale says `{flag}`: is it the right file?"
            ),
            None,
        ));
    }
    let Some(wanted) = flag.or(said) else {
        return Err(problem(
            header.clone(),
            None,
            PoRule::Locale,
            "the PO file has no `Language` header: say which locale it is with --locale TAG".into(),
            None,
        ));
    };
    locale_folder(materials, wanted).ok_or_else(|| {
        problem(
            header.clone(),
            None,
            PoRule::Locale,
            format!(
                "there is no locale folder `{}` in {}: make it first with `bridgeprint new-locale {}`",
                wanted.replace('_', "-"),
                materials.display(),
                wanted.replace('_', "-")
            ),
            None,
        )
    })
}

/// "`{textline}` dropped", "`{hotlin}` added": what a translation did to the placeholders.
fn placeholder_change(want: &[String], got: &[String]) -> String {
    let mut missing = want.to_vec();
    let mut added = Vec::new();
    for g in got {
        match missing.iter().position(|m| m == g) {
            Some(i) => {
                missing.remove(i);
            }
            None => added.push(g.clone()),
        }
    }
    let list = |v: &[String]| {
        v.iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("the translation drops {}", list(&missing)));
    }
    if !added.is_empty() {
        parts.push(format!("adds {}", list(&added)));
    }
    format!(
        "{}; keep every placeholder of the English exactly as written ({}): bridgeprint prints the number there",
        parts.join(" and "),
        if want.is_empty() {
            "it has none".to_string()
        } else {
            list(&dedup(want))
        }
    )
}

/// A list translated in part, and an edition translated in part: each prints whole or
/// not at all (an empty item is an error, an edition never borrows English).
fn partial(
    texts: &[(&Unit, Option<String>)],
    entries: &BTreeMap<&str, &po::Entry>,
    at: &dyn Fn(usize) -> Location,
) -> Vec<Error> {
    let line_of = |key: &str| entries.get(key).map_or(1, |e| e.msgstr_line);
    let mut errors = Vec::new();
    // Lists: items by list key, in order.
    let mut lists: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
    for (u, t) in texts {
        if let Some((list, _)) = u.key.split_once('[') {
            lists
                .entry(list)
                .or_default()
                .push((u.key.as_str(), t.is_some()));
        }
    }
    for (list, items) in &lists {
        let done = items.iter().filter(|(_, d)| *d).count();
        if done == 0 || done == items.len() {
            continue;
        }
        let empty: Vec<&str> = items.iter().filter(|(_, d)| !d).map(|(k, _)| *k).collect();
        errors.push(problem(
            at(line_of(empty[0])),
            Some(empty[0]),
            PoRule::Partial,
            format!(
                "{done} of the {} items of `{list}` are translated, but not {}: a list prints whole, so translate every item (or none, and the list prints in English)",
                items.len(),
                empty.join(", ")
            ),
            None,
        ));
    }
    // Editions: every field but the optional steps, or none.
    let mut editions: BTreeMap<&str, Vec<(&str, &str, bool)>> = BTreeMap::new();
    for (u, t) in texts {
        let Some(rest) = u.key.strip_prefix("red_flags.editions.") else {
            continue;
        };
        let Some((name, field)) = rest.split_once('.') else {
            continue;
        };
        let field = field.split_once('[').map_or(field, |(f, _)| f);
        editions
            .entry(name)
            .or_default()
            .push((u.key.as_str(), field, t.is_some()));
    }
    for (name, fields) in &editions {
        let required = |f: &str| !f.starts_with("steps");
        let any = fields.iter().any(|(_, _, d)| *d);
        let lacking: Vec<&str> = fields
            .iter()
            .filter(|(_, f, d)| required(f) && !d)
            .map(|(k, _, _)| *k)
            .collect();
        if any && !lacking.is_empty() {
            errors.push(problem(
                at(line_of(lacking[0])),
                Some(lacking[0]),
                PoRule::Partial,
                format!(
                    "the `{name}` edition is translated in part ({} untranslated): an edition is printed only whole and never borrows English, so translate all of it (or none, and the locale has no `{name}` edition)",
                    lacking.join(", ")
                ),
                None,
            ));
        }
    }
    errors
}

/// `locale.toml` with `status = "draft"`.
fn as_draft(src: &str) -> String {
    match source::text_span(src, "locale.status") {
        Some(span) => format!("{}\"draft\"{}", &src[..span.start], &src[span.end..]),
        None => src.to_string(),
    }
}

/// Loads the materials as they would be after the import, from a private copy: English,
/// the contacts, the editions and this locale with its new files. Every error the loader
/// finds is pointed at the PO entry of its text.
fn validate(
    materials: &Path,
    tag: &str,
    files: &[(String, String)],
    project: Option<&content::local::ProjectLocal>,
    po_path: &Path,
    po_text: &str,
    entries: &BTreeMap<&str, &po::Entry>,
) -> Result<(), Errors> {
    let copy = Scratch::new()?;
    let copy_file = |from: &Path, to: &Path| {
        std::fs::copy(from, to)
            .map(|_| ())
            .map_err(|source| Error::Write {
                path: to.to_path_buf(),
                source,
            })
    };
    for name in ["contacts.toml", content::editions::FILE] {
        let from = materials.join(name);
        if from.is_file() {
            copy_file(&from, &copy.0.join(name))?;
        }
    }
    let mut folders = vec![BASE_LOCALE];
    if tag != BASE_LOCALE {
        folders.push(tag);
    }
    for folder in folders {
        let to = copy.0.join(folder);
        std::fs::create_dir(&to).map_err(|source| Error::Write {
            path: to.clone(),
            source,
        })?;
        let entries = std::fs::read_dir(materials.join(folder)).map_err(|source| Error::Read {
            path: materials.join(folder),
            source,
        })?;
        for entry in entries.flatten() {
            if entry.path().is_file() {
                copy_file(&entry.path(), &to.join(entry.file_name()))?;
            }
        }
    }
    for (name, text) in files {
        let path = copy.0.join(tag).join(name);
        std::fs::write(&path, text).map_err(|source| Error::Write { path, source })?;
    }
    let loaded = content::load_with(&copy.0, project);
    let Err(found) = loaded else {
        return Ok(());
    };
    let relabel = |s: String| s.replace(&*copy.0.to_string_lossy(), &materials.to_string_lossy());
    let at = |key: &str| {
        let list = key.split_once('[').map_or(key, |(l, _)| l);
        let line = entries
            .get(key)
            .or_else(|| entries.get(format!("{list}[0]").as_str()))
            .map_or(1, |e| e.msgstr_line);
        po_location(po_path, po_text, line)
    };
    Err(Errors(
        found
            .0
            .into_iter()
            .map(|e| match content_problem(&e) {
                Some((key, message)) => problem(
                    at(&key),
                    Some(&key),
                    PoRule::Content,
                    relabel(message),
                    None,
                ),
                None => problem(
                    po_location(po_path, po_text, 1),
                    None,
                    PoRule::Content,
                    relabel(e.to_string()),
                    None,
                ),
            })
            .collect(),
    ))
}

/// The key a loader error is about and what it says of the text, without the place in
/// the (private) TOML file.
fn content_problem(e: &Error) -> Option<(String, String)> {
    Some(match e {
        Error::LiteralContact(l) => (
            l.key.clone(),
            format!(
                "{} \"{}\" ({}) is written in the text: {}",
                l.what, l.written, l.normalised, l.advice
            ),
        ),
        Error::ContentRule(r) if r.key != "locale.direction" => {
            (r.key.clone(), format!("{}: {}", r.message, r.advice))
        }
        Error::InvalidText { key, message, .. } => (key.clone(), message.clone()),
        Error::EmptyText { key, .. } => (key.clone(), "is empty".into()),
        Error::MissingText { key, .. } => (key.clone(), "is missing".into()),
        _ => return None,
    })
}

/// A private folder in the temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self, Error> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for attempt in 0..100 {
            let dir = base.join(format!(
                "bridgeprint-i18n-{}-{nanos}-{attempt}",
                std::process::id()
            ));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(Scratch(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(Error::Write { path: dir, source }),
            }
        }
        Err(Error::Write {
            path: base,
            source: std::io::Error::other("no fresh folder name"),
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The comments of a content file by what they stand above: `[table]` for a table's
/// header, `table.key` (`key` in the root) for a key; blank lines after and between
/// comments kept as empty strings. Comments inside a list or after the last key are not kept.
pub fn kept_comments(src: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    let mut table = String::new();
    let mut in_list = false;
    for line in src.lines() {
        let t = line.trim();
        if in_list {
            in_list = !t.starts_with(']');
            continue;
        }
        if let Some(c) = t.strip_prefix('#') {
            pending.push(format!("#{c}"));
            continue;
        }
        if t.is_empty() {
            if !pending.is_empty() {
                pending.push(String::new());
            }
            continue;
        }
        // A blank line between a comment and what follows it is kept: the comment is the
        // file's, or a section's, not the key's (and is no note for its translator).
        let taken = std::mem::take(&mut pending);
        let at = if let Some(h) = t.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            table = h.trim().to_string();
            format!("[{table}]")
        } else if let Some((key, value)) = t.split_once('=') {
            let value = value.trim();
            in_list = value.starts_with('[') && !value.ends_with(']');
            let key = key.trim();
            if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            }
        } else {
            continue;
        };
        if !taken.is_empty() {
            out.insert(at, taken);
        }
    }
    out
}

/// A content file holding `texts` (keys with the file's stem, in schema order): keys of
/// the file's root first, then one `[table]` each, lists one item a line, each under the
/// comments `kept` from the file it replaces ([`kept_comments`]).
pub fn toml_file(
    stem: &str,
    texts: &[(&str, &str)],
    kept: &BTreeMap<String, Vec<String>>,
) -> String {
    // A key of a table: its name, its text (or list items), and whether it is a list.
    type Field = (String, Vec<String>, bool);
    // Table path, then its keys, in first-seen order.
    let mut tables: Vec<(String, Vec<Field>)> = vec![(String::new(), Vec::new())];
    for (key, text) in texts {
        let in_file = key
            .strip_prefix(stem)
            .and_then(|k| k.strip_prefix('.'))
            .unwrap_or(key);
        let (path, is_item) = match in_file.split_once('[') {
            Some((p, _)) => (p, true),
            None => (in_file, false),
        };
        let (table, field) = path.rsplit_once('.').unwrap_or(("", path));
        let table = table
            .split('.')
            .filter(|s| !s.is_empty())
            .map(toml_key)
            .collect::<Vec<_>>()
            .join(".");
        let i = match tables.iter().position(|(t, _)| *t == table) {
            Some(i) => i,
            None => {
                tables.push((table, Vec::new()));
                tables.len() - 1
            }
        };
        let keys = &mut tables[i].1;
        match keys.iter_mut().find(|(f, _, _)| f == field) {
            Some((_, items, _)) => items.push(text.to_string()),
            None => keys.push((field.to_string(), vec![text.to_string()], is_item)),
        }
    }
    let mut out = String::new();
    let comment = |out: &mut String, at: &str| {
        for line in kept.get(at).into_iter().flatten() {
            out.push_str(line);
            out.push('\n');
        }
    };
    if kept.is_empty() {
        out.push_str(
            "# Written by `bridgeprint i18n import`. Placeholders such as {hotline} come from\n# ../contacts.toml; never type a number here.\n",
        );
    }
    if texts.is_empty() {
        out.push_str(
            "# No text is translated here yet: every text of this file comes from English.\n",
        );
    } else if kept.is_empty() {
        // Apart from the first key: a file's comment, not a note on that text.
        out.push('\n');
    }
    let mut started = false;
    for (table, keys) in &tables {
        if keys.is_empty() {
            continue;
        }
        // The generated header sits right above the first key, as a kept comment would,
        // so a file imported twice is written the same.
        if started {
            out.push('\n');
        }
        if !table.is_empty() {
            comment(&mut out, &format!("[{table}]"));
            out.push_str(&format!("[{table}]\n"));
        }
        for (field, items, is_list) in keys {
            let field = toml_key(field);
            let at = if table.is_empty() {
                field.clone()
            } else {
                format!("{table}.{field}")
            };
            // A commented key stands apart, as in the file it replaces; not right under
            // its table's header.
            let after_header = out.lines().last().is_some_and(|l| l.starts_with('['));
            if started && kept.contains_key(&at) && !out.ends_with("\n\n") && !after_header {
                out.push('\n');
            }
            started = true;
            comment(&mut out, &at);
            if *is_list {
                out.push_str(&format!("{field} = [\n"));
                for item in items {
                    out.push_str(&format!("  {},\n", toml_string(item)));
                }
                out.push_str("]\n");
            } else if let Some(text) = items.first() {
                out.push_str(&format!("{field} = {}\n", toml_string(text)));
            }
        }
    }
    out
}

fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_string()
    } else {
        toml_string(k)
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped, the rest as
/// it is.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_whole_and_stray_braces_count() {
        assert_eq!(
            placeholders("Text {textline.keyword} to {textline}, page {{page}}/{{pages}}"),
            vec!["{textline.keyword}", "{textline}", "{{pages}}", "{{page}}"]
        );
        assert_eq!(placeholders("a { b } c"), vec!["{", "}"]);
        assert_eq!(
            placeholders("Gọi {hotline}"),
            placeholders("Call {hotline}")
        );
        assert_ne!(placeholders("Gọi {hotlin}"), placeholders("Call {hotline}"));
        assert_ne!(placeholders("Gọi"), placeholders("Call {hotline}"));
    }

    #[test]
    fn a_written_file_reads_back_as_the_same_texts() {
        let texts = [
            ("red_flags.heading", "Dấu hiệu \"cảnh báo\" \\ ok"),
            ("red_flags.card[0]", "one"),
            ("red_flags.card[1]", "two\nlines\ttab"),
            ("red_flags.behaviour.title", "Hành vi"),
            ("red_flags.editions.trucking.title", "Xe tải"),
            ("red_flags.editions.trucking.poster[0]", "x"),
        ];
        let file = toml_file("red_flags", &texts, &BTreeMap::new());
        let mut value: RedFlags = toml::from_str(&file).unwrap_or_else(|e| panic!("{e}\n{file}"));
        let mut back = Vec::new();
        value.visit_texts("red_flags", &mut |k, t| {
            back.push((k.to_string(), t.clone()))
        });
        let want: Vec<(String, String)> = texts
            .iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect();
        assert_eq!(back, want, "{file}");
    }

    #[test]
    fn a_changed_placeholder_is_named() {
        let m = placeholder_change(
            &placeholders("Text {textline.keyword} to {textline}"),
            &placeholders("Nhắn {textline.keyword} đến {textlin}"),
        );
        assert!(
            m.contains("drops `{textline}`") && m.contains("adds `{textlin}`"),
            "{m}"
        );
    }
}
