//! Which locales a run makes: all, the ones named, and bilingual pairs (`en+es`).

use crate::content::{self, Content};
use crate::error::{Error, Errors};

/// One document's languages: a locale, or two for a bilingual card or poster (`en+es`).
pub type Selection<'a> = Vec<&'a content::Locale>;

/// Picks the requested locales (all when none are named). `en+es` selects a bilingual pair.
pub fn select_locales<'a>(
    content: &'a Content,
    wanted: &[String],
) -> Result<Vec<Selection<'a>>, Errors> {
    if wanted.is_empty() {
        return Ok(content.locales.iter().map(|l| vec![l]).collect());
    }
    let mut out: Vec<Selection> = Vec::new();
    let mut errors = Vec::new();
    for name in wanted {
        let tags: Vec<&str> = name.split('+').collect();
        if tags.len() > 2
            || tags.iter().any(|t| t.is_empty())
            || (tags.len() == 2 && tags[0] == tags[1])
        {
            errors.push(Error::BadPair(name.clone()));
            continue;
        }
        let mut selection = Vec::new();
        for tag in tags {
            match content.locale(tag) {
                Some(l) => selection.push(l),
                None => errors.push(Error::UnknownLocale(tag.to_string())),
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
