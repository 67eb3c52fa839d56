//! The draft policy: a draft translation is a warning, or with `--strict` an error, for
//! print runs that must only carry text a native reader has checked. `--strict` also
//! refuses English standing in for a translation: a key left to English, or a folder
//! copied from `en` and never translated.

use std::collections::HashMap;

use crate::content::{self, Content, source};
use crate::diag::Diagnostic;
use crate::error::{Error, Errors, Location, Refusal};

/// Warnings a build or check of these locales should show: the content's own about them
/// (or about no locale: a stale contact), then the drafts among `locales`. A locale not
/// built is not warned about.
pub fn warnings(content: &Content, locales: &[&content::Locale]) -> Vec<Diagnostic> {
    let built: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
    let mut w: Vec<Diagnostic> = content
        .warnings
        .iter()
        .filter(|d| d.concerns(&built))
        .cloned()
        .collect();
    let drafts: Vec<&content::Locale> = locales
        .iter()
        .copied()
        .filter(|l| l.meta.status == content::Status::Draft)
        .collect();
    match drafts.as_slice() {
        [] => {}
        [one] => w.push(
            Diagnostic::warning(format!(
                "locale `{}` is a draft translation, not yet reviewed by a native reader",
                one.meta.tag
            ))
            .at(status_location(content, one))
            .for_locale(&one.meta.tag),
        ),
        many => w.push(Diagnostic::warning(format!(
            "{} locales are draft translations, not yet reviewed by a native reader: {}",
            many.len(),
            many.iter()
                .map(|l| l.meta.tag.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
    w
}

/// Where locale.toml says `status = "draft"`; read again only when a warning needs it.
fn status_location(content: &Content, locale: &content::Locale) -> Option<Location> {
    let path = locale.dir.join("locale.toml");
    let text = source::read(&content.root, &path).ok()?;
    source::locate_key(&path, &text, "locale.status")
}

/// With `--strict`, a locale is refused when it is a draft, when English stands in for
/// any of its keys, or when most of its texts are English's word for word (a folder
/// copied from `en` and never translated, even if it says `status = "reviewed"`).
pub fn refuse(content: &Content, locales: &[&content::Locale]) -> Result<(), Errors> {
    // English's texts by key, once for every locale compared with them.
    let english: Option<HashMap<String, String>> = content
        .locale(content::BASE_LOCALE)
        .map(|en| en.texts().into_iter().collect());
    let mut errors = Vec::new();
    for l in locales {
        if l.meta.status == content::Status::Draft {
            errors.push(Error::InvalidLocale {
                path: l.dir.join("locale.toml"),
                locale: l.meta.tag.clone(),
                message: "is a draft translation (status = \"draft\"), refused by --strict".into(),
            });
        }
        if l.meta.tag == content::BASE_LOCALE {
            continue;
        }
        errors.extend(fell_back(l));
        if let Some(english) = &english {
            errors.extend(copied(l, english));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

/// One error per file whose keys `locale` takes from English, naming them.
fn fell_back(locale: &content::Locale) -> Vec<Error> {
    let mut by_file: Vec<(&str, Vec<String>)> = Vec::new();
    for key in &locale.fell_back {
        let file = key.split_once('.').map_or(key.as_str(), |(f, _)| f);
        match by_file.iter_mut().find(|(f, _)| *f == file) {
            Some((_, keys)) => keys.push(key.clone()),
            None => by_file.push((file, vec![key.clone()])),
        }
    }
    by_file
        .into_iter()
        .map(|(file, keys)| Error::Strict {
            path: locale.dir.join(format!("{file}.toml")),
            locale: locale.meta.tag.clone(),
            refusal: Refusal::FellBack { keys },
        })
        .collect()
}

/// The error for a locale whose own texts are mostly English's, word for word. Texts
/// with no letters of their own (`{hotline}`, `24/7`) read the same in every language
/// and are not counted; nor are keys the locale takes from English (see [`fell_back`]).
fn copied(locale: &content::Locale, english: &HashMap<String, String>) -> Option<Error> {
    let (mut identical, mut compared) = (0, 0);
    for (key, text) in locale.texts() {
        if locale.is_fallback(&key) || !has_words(&text) {
            continue;
        }
        let Some(theirs) = english.get(&key) else {
            continue;
        };
        compared += 1;
        if text.trim() == theirs.trim() {
            identical += 1;
        }
    }
    is_copy(identical, compared).then(|| Error::Strict {
        path: locale.dir.clone(),
        locale: locale.meta.tag.clone(),
        refusal: Refusal::Copied {
            identical,
            compared,
        },
    })
}

/// Most: more than half. A translation keeps a name or a term here and there, never
/// half of its sentences.
fn is_copy(identical: usize, compared: usize) -> bool {
    compared > 0 && identical * 2 > compared
}

/// Whether `text` has a letter outside its contact values (expanded placeholders, each
/// inside an isolate).
fn has_words(text: &str) -> bool {
    let mut inside = false;
    text.chars().any(|c| {
        match c {
            content::ISOLATE_START => inside = true,
            content::ISOLATE_END => inside = false,
            _ => {}
        }
        !inside && c.is_alphabetic()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_without_words_of_their_own_are_not_counted_as_copies() {
        let hotline = content::isolated("1-888-373-7888");
        assert!(!has_words(&hotline));
        assert!(!has_words(&format!("{hotline} · 24/7")));
        assert!(!has_words(&content::isolated("HELP")));
        assert!(has_words(&format!("Call {hotline}")));
        assert!(has_words("Línea"));
    }

    #[test]
    fn most_means_more_than_half() {
        assert!(is_copy(61, 120));
        assert!(!is_copy(60, 120));
        assert!(!is_copy(0, 0));
    }
}
