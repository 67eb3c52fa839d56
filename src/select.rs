//! Which locales a run makes: all, the ones named, and bilingual pairs (`en+es`); and
//! which audience editions.

use crate::content::{self, Content, editions};
use crate::error::{Error, Errors};

/// One document's languages: a locale, or two for a bilingual card or poster (`en+es`).
pub type Selection<'a> = Vec<&'a content::Locale>;

/// Picks the requested locales (all when none are named). `en+es` selects a bilingual pair.
pub fn select_locales<'a>(
    content: &'a Content,
    wanted: &[String],
) -> Result<Vec<Selection<'a>>, Errors> {
    select_up_to(content, wanted, 2)
}

/// [`select_locales`] taking up to `most` locales joined by `+`: three for a notice
/// (English, Spanish and a county's language, `en+es+tl`).
pub fn select_up_to<'a>(
    content: &'a Content,
    wanted: &[String],
    most: usize,
) -> Result<Vec<Selection<'a>>, Errors> {
    if wanted.is_empty() {
        return Ok(content.locales.iter().map(|l| vec![l]).collect());
    }
    let mut out: Vec<Selection> = Vec::new();
    let mut errors = Vec::new();
    for name in wanted {
        let tags: Vec<&str> = name.split('+').collect();
        let repeated = tags
            .iter()
            .enumerate()
            .any(|(i, a)| tags[..i].iter().any(|b| a.eq_ignore_ascii_case(b)));
        if tags.len() > most || tags.iter().any(|t| t.is_empty()) || repeated {
            errors.push(Error::BadPair(name.clone()));
            continue;
        }
        let mut selection = Vec::new();
        for tag in tags {
            match find_locale(content, tag) {
                Some(l) => selection.push(l),
                None => errors.push(Error::UnknownLocale(
                    tag.to_string(),
                    closest_locale(content, tag),
                )),
            }
        }
        let same = |o: &Selection| {
            o.len() == selection.len()
                && o.iter()
                    .zip(&selection)
                    .all(|(a, b)| a.meta.tag == b.meta.tag)
        };
        if !out.iter().any(same) {
            out.push(selection);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

/// The locale `tag` names, whatever its case: BCP 47 tags are case-insensitive (`pt-br` is
/// `pt-BR`), and the folder keeps its own spelling for the output path.
fn find_locale<'a>(content: &'a Content, tag: &str) -> Option<&'a content::Locale> {
    content.locale(tag).or_else(|| {
        content
            .locales
            .iter()
            .find(|l| l.meta.tag.eq_ignore_ascii_case(tag))
    })
}

/// The locale a typo of `tag` most likely meant.
fn closest_locale(content: &Content, tag: &str) -> Option<String> {
    // A build reads only the locales it makes; the guess still knows every folder.
    let tags = content
        .locales
        .iter()
        .map(|l| l.meta.tag.as_str())
        .chain(content.unread.iter().map(String::as_str));
    closest(tag, tags).map(String::from)
}

/// The name of `known` a typo of `given` most likely meant: up to two letters changed in
/// any case, fewer than it has, and of equally near ones the one that starts alike (`vn`:
/// `vi`, not `en`).
fn closest<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let given = given.to_ascii_lowercase();
    known
        .map(|name| {
            let theirs = name.to_ascii_lowercase();
            let d = crate::compose::kinds::edits(&given, &theirs);
            let alike = given
                .chars()
                .zip(theirs.chars())
                .take_while(|(a, b)| a == b);
            (d, std::cmp::Reverse(alike.count()), name)
        })
        .filter(|(d, _, _)| *d <= 2 && *d < given.chars().count())
        .min_by_key(|(d, alike, _)| (*d, *alike))
        .map(|(_, _, name)| name)
}

/// Every locale in these selections, once.
pub(crate) fn distinct<'a>(selections: &[Selection<'a>]) -> Vec<&'a content::Locale> {
    let mut out: Vec<&content::Locale> = Vec::new();
    for l in selections.iter().flatten() {
        if !out.iter().any(|o| o.meta.tag == l.meta.tag) {
            out.push(l);
        }
    }
    out
}

/// The editions a run asks for: `general` alone when none are named, `all` for general and
/// every edition the materials declare. `None` stands for general.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionChoice {
    pub editions: Vec<Option<String>>,
    /// `all` was asked for: each edition is made only in the locales that have it.
    pub all: bool,
}

/// Resolves `--edition` names against the materials; an unknown name is an error listing
/// the known ones.
pub fn select_editions(content: &Content, wanted: &[String]) -> Result<EditionChoice, Errors> {
    let all = wanted.iter().any(|w| w.eq_ignore_ascii_case("all"));
    let names: Vec<&str> = if all {
        std::iter::once(editions::GENERAL)
            .chain(content.editions.iter().map(|e| e.name.as_str()))
            .collect()
    } else if wanted.is_empty() {
        vec![editions::GENERAL]
    } else {
        // As a locale, an edition is named in any case; the materials' spelling is kept.
        wanted
            .iter()
            .map(|w| {
                content
                    .editions
                    .iter()
                    .map(|e| e.name.as_str())
                    .chain([editions::GENERAL])
                    .find(|n| n.eq_ignore_ascii_case(w))
                    .unwrap_or(w)
            })
            .collect()
    };
    let mut out: Vec<Option<String>> = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        let known = name == editions::GENERAL || content.editions.iter().any(|e| e.name == name);
        if !known && !content.root.join(editions::FILE).exists() {
            errors.push(Error::NoEditions {
                name: name.to_string(),
                materials: content.root.clone(),
            });
            continue;
        }
        if !known {
            let declared = content.editions.iter().map(|e| e.name.as_str());
            errors.push(Error::UnknownEdition(
                name.to_string(),
                editions::names(&content.editions),
                closest(name, declared).map(String::from),
            ));
            continue;
        }
        let edition = (name != editions::GENERAL).then(|| name.to_string());
        if !out.contains(&edition) {
            out.push(edition);
        }
    }
    if errors.is_empty() {
        Ok(EditionChoice { editions: out, all })
    } else {
        Err(Errors(errors))
    }
}

/// Whether every locale of `selection` has `edition` (general: always).
pub fn speaks_edition(selection: &Selection, edition: Option<&str>) -> bool {
    edition.is_none_or(|e| selection.iter().all(|l| editions::has(l, e)))
}

/// Each selection with each edition it is made in: every named edition in every
/// selection, a locale without one an error naming the file and table to add; with `all`,
/// each edition only where every locale of the selection has it.
pub fn with_editions<'a, 'e>(
    selections: &[Selection<'a>],
    choice: &'e EditionChoice,
) -> Result<Vec<(Selection<'a>, Option<&'e str>)>, Errors> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for selection in selections {
        for edition in choice.editions.iter().map(Option::as_deref) {
            if speaks_edition(selection, edition) {
                out.push((selection.clone(), edition));
                continue;
            }
            if choice.all {
                continue;
            }
            let name = edition.unwrap_or_default();
            for l in selection.iter().filter(|l| !editions::has(l, name)) {
                let e = Error::EditionMissing {
                    path: l.dir.join("red_flags.toml"),
                    locale: l.meta.tag.clone(),
                    edition: name.to_string(),
                };
                // A locale in two selections (`fr`, `en+fr`) is named once.
                if !errors
                    .iter()
                    .any(|o: &Error| o.to_string() == e.to_string())
                {
                    errors.push(e);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}
