//! Legal profiles: what a state's posting law asks of a notice, as data
//! (`materials/profiles/<name>.toml`), and a profile resolved for one build into the
//! [`Notice`] the `notice` template prints.
//!
//! A profile holds the law's citation, sources, the date it was checked and a confidence;
//! its minimum paper and type size; the languages it requires (`county` stands for the
//! county's language, which the project's `[notice] county` answers through the profile's
//! county table); the contact records it requires; and its statutory text per language,
//! twice: as the law words it (`statute`, quoted exactly) and with a placeholder for each
//! number (`template`), which must expand to the statute digit for digit, so every printed
//! number comes from a record and none from the profile. A language the profile has no
//! words for names where its official translation is published: the project supplies it,
//! or the build fails saying how (`--allow-unofficial` prints a marked rendering instead).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::compose::notice::{Body, Notice, NoticeText, Piece, pieces};
use crate::compose::{Kind, Paper};
use crate::content::contacts::Contacts;
use crate::content::{self, Content, isolated, source};
use crate::diag::Diagnostic;
use crate::error::{Error, Errors, Location};
use crate::project::ProjectNotice;

/// The folder of the materials the profiles are in.
pub const DIR: &str = content::PROFILES_DIR;

/// A profile file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    citation: String,
    title: String,
    sources: Vec<String>,
    checked: toml::value::Datetime,
    confidence: Confidence,
    wording: Wording,
    paper: Option<String>,
    text_pt: Option<f32>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    separate_sheets: bool,
    #[serde(default)]
    numbers: Vec<String>,
    #[serde(default)]
    codes: Vec<String>,
    warn: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    county: BTreeMap<String, County>,
    #[serde(default)]
    text: BTreeMap<String, ProfileText>,
}

/// How sure the sources are of what a profile says, as the research gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn name(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// What the law says of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wording {
    /// The statute's words exactly ("shall state the following").
    Verbatim,
    /// "Substantially the following": every sentence's words, in order.
    Substantially,
    /// Content the notice must hold, in words of its own.
    Elements,
    /// The law's current words were not found.
    NotFound,
}

impl Wording {
    pub fn name(self) -> &'static str {
        match self {
            Wording::Verbatim => "verbatim",
            Wording::Substantially => "substantially",
            Wording::Elements => "elements",
            Wording::NotFound => "not-found",
        }
    }

    /// Whether the law fixes the words, so a language without them cannot be printed
    /// from the locale's own texts.
    fn fixes_words(self) -> bool {
        matches!(self, Wording::Verbatim | Wording::Substantially)
    }
}

/// A county's language, for a law that asks for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct County {
    /// A locale tag; empty: no language beyond those the profile lists.
    pub language: String,
    /// Where the county's language comes from.
    pub source: String,
}

/// A profile's words in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileText {
    /// The law's wording, exactly.
    pub statute: Option<String>,
    /// The same with a placeholder for each number.
    pub template: Option<String>,
    /// Where the official translation is published, when the profile has no words.
    pub official: Option<String>,
    /// "Unofficial translation" in this language.
    pub unofficial: Option<String>,
    /// A draft rendering, printed only with `--allow-unofficial`.
    pub draft: Option<String>,
}

/// A profile as loaded.
#[derive(Debug, Clone)]
pub struct Profile {
    /// `ca-civ-52.6`: the file's name.
    pub name: String,
    pub citation: String,
    pub title: String,
    pub sources: Vec<String>,
    /// `YYYY-MM-DD`.
    pub checked: String,
    pub confidence: Confidence,
    pub wording: Wording,
    /// The smallest paper the law allows; `None`: no rule.
    pub paper: Option<Paper>,
    /// The smallest type the law allows, in points; `None`: no rule.
    pub text_pt: Option<f32>,
    pub languages: Vec<String>,
    pub separate_sheets: bool,
    pub numbers: Vec<String>,
    pub codes: Vec<String>,
    /// Said on every build under it.
    pub warn: Option<String>,
    /// The kind the law's document is: the notice, or the safety card (a guest-room card).
    pub kind: Kind,
    pub county: BTreeMap<String, County>,
    pub text: BTreeMap<String, ProfileText>,
    /// The file and its text, for errors to point into.
    pub path: PathBuf,
    source: String,
}

/// The profiles a materials folder has (its `profiles/`, else the bundled ones), sorted.
pub fn names(materials: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(materials.join(DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    if out.is_empty() {
        out = bundled_names();
    }
    out.sort();
    out
}

fn bundled_names() -> Vec<String> {
    crate::bundled::FILES
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("profiles/")?.strip_suffix(".toml"))
        .map(str::to_string)
        .collect()
}

/// Every profile of `materials`, loaded.
pub fn load_all(materials: &Path) -> Result<Vec<Profile>, Errors> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for name in names(materials) {
        match load(materials, &name) {
            Ok(p) => out.push(p),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

/// The profile `name` of `materials` (its `profiles/NAME.toml`; a materials folder without
/// a `profiles/` folder reads the bundled one), every problem an error at its line.
pub fn load(materials: &Path, name: &str) -> Result<Profile, Error> {
    let known = names(materials);
    if !known.iter().any(|n| n == name) {
        let closest = known
            .iter()
            .map(|k| (crate::compose::kinds::edits(&name.to_lowercase(), k), k))
            .filter(|(d, _)| *d <= 2)
            .min_by_key(|(d, _)| *d)
            .map(|(_, k)| k.clone());
        return Err(Error::UnknownProfile {
            given: name.to_string(),
            valid: known,
            closest,
        });
    }
    let path = materials.join(DIR).join(format!("{name}.toml"));
    let text = if materials.join(DIR).is_dir() {
        source::read(materials, &path)?
    } else {
        let bundled = crate::bundled::FILES
            .iter()
            .find(|(p, _)| *p == format!("profiles/{name}.toml"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned());
        bundled.ok_or_else(|| Error::UnknownProfile {
            given: name.to_string(),
            valid: Vec::new(),
            closest: None,
        })?
    };
    parse(name, &path, &text)
}

/// A profile from its text, checked field by field.
pub fn parse(name: &str, path: &Path, text: &str) -> Result<Profile, Error> {
    let file: ProfileFile = source::parse(path, text)?;
    let at = |field: &str, message: String| Error::ProfileValue {
        location: locate(path, text, field),
        field: field.to_string(),
        message,
    };
    let paper = match file.paper.as_deref() {
        Some(p) => Some(p.parse::<Paper>().map_err(|e| at("paper", e.to_string()))?),
        None => None,
    };
    if let Some(pt) = file.text_pt
        && !(6.0..=72.0).contains(&pt)
    {
        return Err(at(
            "text_pt",
            format!("{pt} is not a type size a notice can hold (6 to 72 points)"),
        ));
    }
    let kind = match file.kind.as_deref() {
        None => Kind::Notice,
        Some(k) => match k.parse::<Kind>() {
            Ok(kind @ (Kind::Notice | Kind::SafetyCard | Kind::Card)) => kind,
            Ok(_) | Err(_) => {
                return Err(at(
                    "kind",
                    format!(
                        "`{k}` is not a kind a law's document is made as: notice, safety-card or card"
                    ),
                ));
            }
        },
    };
    if file.sources.is_empty() {
        return Err(at("sources", "name where the law's text was read".into()));
    }
    for (i, lang) in file.languages.iter().enumerate() {
        if lang == "county" {
            if file.county.is_empty() {
                return Err(at(
                    &format!("languages[{i}]"),
                    "`county` needs a [county.NAME] table: each county's language and where it comes from".into(),
                ));
            }
        } else if !content::is_valid_tag(lang) {
            return Err(at(
                &format!("languages[{i}]"),
                format!("`{lang}` is not a language tag (BCP 47, like `es`) nor `county`"),
            ));
        }
    }
    for (lang, t) in &file.text {
        let field = |f: &str| format!("text.{lang}.{f}");
        match (&t.statute, &t.template) {
            (Some(_), None) => {
                return Err(at(
                    &field("statute"),
                    "a statute needs its `template`: the same words with {key} for each number, so the numbers print from contacts.toml".into(),
                ));
            }
            (None, Some(_)) => {
                return Err(at(
                    &field("template"),
                    "a template needs the `statute` it stands for, quoted exactly, to be checked against".into(),
                ));
            }
            (None, None) if t.official.is_none() => {
                return Err(at(
                    &lang.to_string(),
                    "a language without the law's words names where its official translation is published (`official`)".into(),
                ));
            }
            _ => {}
        }
    }
    if file.wording.fixes_words() && !file.text.values().any(|t| t.template.is_some()) {
        return Err(at(
            "wording",
            format!(
                "`{}` needs the law's words in at least one [text.LANG] table",
                file.wording.name()
            ),
        ));
    }
    Ok(Profile {
        name: name.to_string(),
        citation: file.citation,
        title: file.title,
        sources: file.sources,
        checked: file.checked.to_string(),
        confidence: file.confidence,
        wording: file.wording,
        paper,
        text_pt: file.text_pt,
        languages: file.languages,
        separate_sheets: file.separate_sheets,
        numbers: file.numbers,
        codes: file.codes,
        warn: file.warn,
        kind,
        county: file.county,
        text: file.text,
        path: path.to_path_buf(),
        source: text.to_string(),
    })
}

/// Where `field` (`text.en.template`, dotted, any segment may hold no dot of its own) is
/// written in a profile; the file's start when it is not.
fn locate(path: &Path, text: &str, field: &str) -> Location {
    source::locate_key(path, text, field).unwrap_or_else(|| Location::from_offset(path, text, 0))
}

/// What a project asks of a build under a profile.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// The project's `[notice]`.
    pub project: Option<&'a ProjectNotice>,
    /// `--allow-unofficial`.
    pub allow_unofficial: bool,
}

/// `profile` for a build of the locales `tags` (one document, in this order): its words
/// in each, every number from `contacts`, with the warnings every build under it gives.
/// A rule the build cannot meet is an error naming it and the law.
pub fn resolve(
    profile: &Profile,
    content: &Content,
    tags: &[&str],
    req: &Request,
) -> Result<(Arc<Notice>, Vec<Diagnostic>), Errors> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let rule = |rule: &str, message: String| Error::NoticeRule {
        profile: profile.name.clone(),
        citation: profile.citation.clone(),
        rule: rule.to_string(),
        message,
    };
    if let Some(w) = &profile.warn {
        warnings.push(Diagnostic::warning(format!("{}: {w}", profile.name)));
    }
    let table = req.project.map(|p| &p.table);
    // The languages the law requires, the county's through the county table.
    for lang in &profile.languages {
        let tag = if lang == "county" {
            match county_language(profile, table.and_then(|t| t.county.as_deref())) {
                Ok(Some(tag)) => tag,
                Ok(None) => continue,
                Err(message) => {
                    errors.push(rule("languages", message));
                    continue;
                }
            }
        } else {
            lang.clone()
        };
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            errors.push(rule(
                "languages",
                format!(
                    "the notice must be printed in {tag} too: build it with --locale {}",
                    with_tag(tags, &tag)
                ),
            ));
        }
    }
    // Every number the law requires, from its record.
    for key in &profile.numbers {
        if content.contacts.get(key).is_none() {
            errors.push(rule(
                "numbers",
                format!(
                    "the notice must print the number of record `{key}`, and contacts.toml has no record `{key}`: add it (with its source and verified date) as the bundled materials/contacts.toml has it"
                ),
            ));
        }
    }
    let text_pt = match (profile.text_pt, table.and_then(|t| t.text_size)) {
        (Some(min), Some(asked)) if asked < min => {
            errors.push(rule(
                "text size",
                format!(
                    "[notice] text_size = {asked} in {} is under the law's {min}-point type: the statutory text is never set smaller",
                    req.project.map_or(String::new(), |p| p.path.display().to_string())
                ),
            ));
            min
        }
        (min, asked) => asked
            .or(min)
            .unwrap_or(crate::compose::notice::SPEC.text_floor),
    };
    let mut texts = Vec::new();
    for tag in tags {
        match text_for(profile, content, tag, req) {
            Ok((text, warning)) => {
                texts.push(text);
                warnings.extend(warning);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok((
        Arc::new(Notice {
            profile: profile.name.clone(),
            citation: profile.citation.clone(),
            text_pt,
            paper: profile.paper.unwrap_or(Paper::Letter),
            separate: profile.separate_sheets,
            numbers: profile.numbers.clone(),
            codes: profile.codes.clone(),
            texts,
        }),
        warnings,
    ))
}

/// The languages a build under `profile` makes when `--locale` names none, as one
/// selection (`en+es+tl`): the law's, the county's through the project's `[notice]`
/// (left out when unknown: [`resolve`] then says what to add), English for a law that
/// names none.
pub fn default_locales(profile: &Profile, project: Option<&ProjectNotice>) -> String {
    let county = project.and_then(|p| p.table.county.as_deref());
    let tags: Vec<String> = profile
        .languages
        .iter()
        .filter_map(|l| match l.as_str() {
            "county" => county_language(profile, county).ok().flatten(),
            tag => Some(tag.to_string()),
        })
        .collect();
    if tags.is_empty() {
        content::BASE_LOCALE.to_string()
    } else {
        tags.join("+")
    }
}

/// `tags` with `tag` added, as `--locale` writes them: `en+es+tl`.
fn with_tag(tags: &[&str], tag: &str) -> String {
    let mut all: Vec<&str> = tags.to_vec();
    all.push(tag);
    all.join("+")
}

/// The county's language (`None`: the county needs none beyond the profile's others), or
/// what the project must say.
fn county_language(profile: &Profile, county: Option<&str>) -> Result<Option<String>, String> {
    let known: Vec<&str> = profile.county.keys().map(String::as_str).collect();
    let Some(county) = county else {
        return Err(format!(
            "the notice must also be printed in the county's language: say where it is posted with `county = \"NAME\"` under [notice] in bridgeprint.toml (the counties {} knows: {})",
            profile.path.display(),
            known.join(", ")
        ));
    };
    match profile
        .county
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(county.trim()))
    {
        Some((_, c)) if c.language.is_empty() => Ok(None),
        Some((_, c)) => Ok(Some(c.language.clone())),
        None => Err(format!(
            "the [county] table of {} has no county `{county}`: add [county.\"{county}\"] with its language and where that comes from (the Attorney General's list for this law; its counties so far: {})",
            profile.path.display(),
            known.join(", ")
        )),
    }
}

/// One language's words under `profile`: the profile's statute, the project's official
/// translation, the locale's own words where the law fixes none, or (allowed) an
/// unofficial rendering, marked.
fn text_for(
    profile: &Profile,
    content: &Content,
    tag: &str,
    req: &Request,
) -> Result<(NoticeText, Option<Diagnostic>), Error> {
    let own = profile.text.get(tag);
    let field = |f: &str| format!("text.{tag}.{f}");
    if let Some(template) = own.and_then(|t| t.template.as_deref()) {
        let statute = own.and_then(|t| t.statute.as_deref()).unwrap_or_default();
        let expanded = expand(template, &content.contacts).map_err(|m| Error::ProfileValue {
            location: locate(&profile.path, &profile.source, &field("template")),
            field: field("template"),
            message: m,
        })?;
        check_statute(profile, &expanded, statute, &field("template"))?;
        return Ok((
            NoticeText {
                lang: tag.to_string(),
                body: Body::Statute(pieces(&expanded)),
                unofficial: None,
            },
            None,
        ));
    }
    let supplied = req
        .project
        .and_then(|p| Some((p, p.table.text.get(&profile.name)?.get(tag)?)));
    if let Some((project, s)) = supplied {
        let key = format!("notice.text.\"{}\".{tag}.text", profile.name);
        let bad = |message: String| Error::ProjectValue {
            location: Location::from_offset(
                &project.path,
                &project.source,
                project.source.find(&s.text).unwrap_or(0),
            ),
            message: format!("{key}: {message}"),
        };
        if s.source.trim().is_empty() {
            return Err(bad(
                "`source` is empty: say where the official translation was published".into(),
            ));
        }
        let records = content::numbers::Records::new(Some(&content.contacts));
        if let Some(lit) = content::numbers::find(&s.text, &records).into_iter().next() {
            return Err(bad(format!(
                "it writes the {} \"{}\": {}",
                lit.kind.noun(),
                lit.written,
                lit.advice()
            )));
        }
        let expanded = expand(&s.text, &content.contacts).map_err(bad)?;
        return Ok((
            NoticeText {
                lang: tag.to_string(),
                body: Body::Statute(pieces(&expanded)),
                unofficial: None,
            },
            None,
        ));
    }
    if !profile.wording.fixes_words() {
        return Ok((
            NoticeText {
                lang: tag.to_string(),
                body: Body::OwnWords { signs: true },
                unofficial: None,
            },
            None,
        ));
    }
    let official = own
        .and_then(|t| t.official.as_deref())
        .unwrap_or("the state's own publication of the notice");
    if !req.allow_unofficial {
        return Err(Error::NoticeRule {
            profile: profile.name.clone(),
            citation: profile.citation.clone(),
            rule: "text".into(),
            message: format!(
                "the notice's {tag} text must be the official translation, which this tool does not make ({official}). Put it in bridgeprint.toml as [notice.text.\"{}\".{tag}] with text = \"\"\"...\"\"\" (each number written as its placeholder, {}) and source = \"where and when you took it\"; or build with --allow-unofficial to print an unofficial rendering marked as such",
                profile.name,
                profile
                    .numbers
                    .iter()
                    .map(|k| format!("{{{k}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let marker = own
        .and_then(|t| t.unofficial.clone())
        .unwrap_or_else(|| crate::compose::notice::UNOFFICIAL.to_string());
    let body = match own.and_then(|t| t.draft.as_deref()) {
        Some(draft) => Body::Statute(pieces(&expand(draft, &content.contacts).map_err(|m| {
            Error::ProfileValue {
                location: locate(&profile.path, &profile.source, &field("draft")),
                field: field("draft"),
                message: m,
            }
        })?)),
        None => Body::OwnWords { signs: false },
    };
    Ok((
        NoticeText {
            lang: tag.to_string(),
            body,
            unofficial: Some(marker),
        },
        Some(Diagnostic::warning(format!(
            "{}: the {tag} text is an unofficial rendering (--allow-unofficial), marked so on the page; for the official one: {official}",
            profile.name
        ))),
    ))
}

/// A template expanded must read as the statute it stands for, word and digit: a record
/// changed since (a number, a display) shows here before it prints.
fn check_statute(
    profile: &Profile,
    expanded: &str,
    statute: &str,
    field: &str,
) -> Result<(), Error> {
    let printed = plain(expanded);
    let law = plain(statute);
    if printed == law {
        return Ok(());
    }
    let at = printed
        .char_indices()
        .zip(law.chars())
        .find(|((_, a), b)| a != b)
        .map_or(printed.len().min(law.len()), |((i, _), _)| i);
    let from = printed[..at].rfind(' ').map_or(0, |i| i + 1);
    Err(Error::ProfileValue {
        location: locate(&profile.path, &profile.source, field),
        field: field.to_string(),
        message: format!(
            "expanded with contacts.toml it no longer reads as the `statute` (from \"{}\"): a record's number or display differs from the law's, or the template's words do",
            printed[from..].chars().take(40).collect::<String>()
        ),
    })
}

/// A text as a reader reads it: isolates dropped, whitespace runs one space.
pub fn plain(text: &str) -> String {
    crate::types::without_isolates(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A profile's or project's text with `{key}` (the record's display), `{key.vanity}`
/// and `{key.keyword}` filled in from `contacts`, each value isolated as content's are.
pub fn expand(text: &str, contacts: &Contacts) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail.find('}').ok_or("a `{` that is never closed")?;
        let name = &tail[..end];
        let (key, field) = name.split_once('.').unwrap_or((name, ""));
        let c = contacts.get(key).ok_or_else(|| {
            format!("`{{{name}}}`: contacts.toml has no record `{key}`; add it with its source and verified date")
        })?;
        let value = match field {
            "" => c.display.clone(),
            "vanity" => c
                .vanity
                .clone()
                .ok_or_else(|| format!("`{{{name}}}`: record `{key}` has no `vanity`"))?,
            "keyword" if !c.keyword.is_empty() => c.keyword.clone(),
            _ => {
                return Err(format!(
                    "`{{{name}}}` names no field of a record (`{{{key}}}`, `{{{key}.vanity}}`, `{{{key}.keyword}}`)"
                ));
            }
        };
        out.push_str(&isolated(&value));
        rest = &tail[end + 1..];
    }
    if rest.contains('}') {
        return Err("a `}` that was never opened".into());
    }
    out.push_str(rest);
    Ok(out)
}

/// The pieces of a statute as the checklist compares them with the page: each paragraph
/// and item on a line of its own, contact values as printed.
pub fn statute_lines(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| crate::types::without_isolates(p.text()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a page made under `profile` must measure up to (K's [`crate::checklist`]): its
/// paper and type size, languages, numbers, the statutory text each language prints, and
/// whether each language stands on a sheet of its own.
pub fn requirements(profile: &Profile, notice: &Notice) -> crate::checklist::Requirements {
    crate::checklist::Requirements {
        profile: profile.name.clone(),
        citation: profile.citation.clone(),
        min_paper: profile.paper.unwrap_or(Paper::Letter).size(),
        min_text_pt: profile.text_pt.unwrap_or(0.0),
        languages: notice.texts.iter().map(|t| t.lang.clone()).collect(),
        numbers: profile.numbers.clone(),
        statutes: notice
            .texts
            .iter()
            .filter(|t| t.unofficial.is_none())
            .filter_map(|t| match &t.body {
                Body::Statute(pieces) => Some(crate::checklist::Statute {
                    lang: t.lang.clone(),
                    text: statute_lines(pieces),
                    exact: profile.wording == Wording::Verbatim,
                }),
                Body::OwnWords { .. } => None,
            })
            .collect(),
        one_language_per_page: profile.separate_sheets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (Vec<Profile>, Content) {
        let m = Path::new("materials");
        (
            load_all(m).expect("the bundled profiles load"),
            content::load_only(m, None, &[]).expect("the bundled materials load"),
        )
    }

    #[test]
    fn every_bundled_statute_is_its_template_expanded_digit_for_digit() {
        let (profiles, content) = bundled();
        let mut seen = 0;
        for p in &profiles {
            for (lang, t) in &p.text {
                let (Some(template), Some(statute)) = (&t.template, &t.statute) else {
                    continue;
                };
                let expanded = expand(template, &content.contacts).expect("expands");
                assert_eq!(plain(&expanded), plain(statute), "{} {lang}", p.name);
                // Every digit the law prints came from a record.
                let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
                assert_eq!(digits(&plain(&expanded)), digits(statute));
                seen += 1;
            }
        }
        assert!(seen >= 2, "CA and FL carry statutes");
    }

    #[test]
    fn a_changed_record_no_longer_reads_as_the_statute() {
        let (profiles, mut content) = bundled();
        let ca = profiles.iter().find(|p| p.name == "ca-civ-52.6").unwrap();
        if let Some(c) = content.contacts.by_key.get_mut("cast") {
            c.display = "1-888-539-2374".into();
        }
        let t = &ca.text["en"];
        let expanded = expand(t.template.as_deref().unwrap(), &content.contacts).unwrap();
        let e = check_statute(
            ca,
            &expanded,
            t.statute.as_deref().unwrap(),
            "text.en.template",
        )
        .unwrap_err();
        assert!(e.to_string().contains("text.en.template"), "{e}");
    }

    #[test]
    fn a_bad_profile_names_its_file_line_and_field() {
        let text = "citation = \"x\"\ntitle = \"x\"\nsources = [\"u\"]\nchecked = 2026-11-29\nconfidence = \"high\"\nwording = \"elements\"\npaper = \"leter\"\n";
        let e = parse("x", Path::new("profiles/x.toml"), text).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("profiles/x.toml:7") && s.contains("`paper`"),
            "{s}"
        );
    }

    #[test]
    fn the_county_table_answers_or_says_what_to_add() {
        let (profiles, _) = bundled();
        let ca = profiles.iter().find(|p| p.name == "ca-civ-52.6").unwrap();
        assert_eq!(
            county_language(ca, Some("San Diego")),
            Ok(Some("tl".into()))
        );
        assert_eq!(county_language(ca, Some("ventura")), Ok(None));
        let e = county_language(ca, Some("Kern")).unwrap_err();
        assert!(e.contains("[county] table") && e.contains("Kern"), "{e}");
        let e = county_language(ca, None).unwrap_err();
        assert!(
            e.contains("county = \"NAME\"") && e.contains("[notice]"),
            "{e}"
        );
    }
}
