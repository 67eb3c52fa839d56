//! Limits on what a materials folder may hold, so a mistake (a pasted book, a generated
//! list, the wrong folder) is an error that names the place instead of a build that runs
//! for minutes or fills memory. Every limit is far above what real outreach content uses.

use std::collections::BTreeMap;
use std::path::Path;

use super::schema::VisitTexts;
use crate::error::Error;

/// Characters in one text. The longest bundled text (the French handout intro) has about
/// 600; three times that leaves room for any translation, and keeps shrink-to-fit (which
/// shapes a text again at every 4% step) fast.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Items in one list. The longest bundled list has 7; a card or poster fits about 6 signs,
/// and a handout list of 50 already runs over several pages.
pub const MAX_LIST_ITEMS: usize = 50;

/// Locale folders in one materials folder. 17 are bundled; a build holds every PDF in
/// memory until all succeed, so the count bounds memory (about 150 KB a locale).
pub const MAX_LOCALES: usize = 200;

/// Combining marks in a row on one base character. Limits count what prints: a letter
/// with 1,999 marks is one character wide and a column of ink high. Real scripts need few:
/// decomposed Vietnamese 2, Thai 3, and 3 is the most in the bundled texts (Hindi `ज़िं`:
/// nukta, vowel sign, anusvara); Tibetan stacks and pointed Hebrew with cantillation reach
/// 4 or 5.
pub const MAX_MARKS_PER_BASE: usize = 6;

/// Each run of more than [`MAX_MARKS_PER_BASE`] combining marks in `text`: where the run
/// starts (its base character) and how many marks it has.
pub fn mark_piles(text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut piles = Vec::new();
    let mut base = 0;
    let mut marks = 0;
    for (i, c) in text.char_indices() {
        if super::chars::is_mark(c) {
            marks += 1;
            continue;
        }
        if marks > MAX_MARKS_PER_BASE {
            piles.push((base..i, marks));
        }
        base = i;
        marks = 0;
    }
    if marks > MAX_MARKS_PER_BASE {
        piles.push((base..text.len(), marks));
    }
    piles
}

/// Every text over [`MAX_TEXT_CHARS`] and list over [`MAX_LIST_ITEMS`] in `value`, the
/// content of `path`, with keys starting at `stem` (`texts`, `red_flags`).
pub fn check(value: &mut dyn VisitTexts, stem: &str, path: &Path) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut lists: BTreeMap<String, usize> = BTreeMap::new();
    value.visit_texts(stem, &mut |key, text| {
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            errors.push(Error::InvalidText {
                path: path.to_path_buf(),
                key: key.to_string(),
                message: format!(
                    "{chars} characters, more than the {MAX_TEXT_CHARS} a text may have (shorten it or split it)"
                ),
                location: None,
            });
        }
        if let Some((list, index)) = list_item(key) {
            let n = lists.entry(list.to_string()).or_default();
            *n = (*n).max(index + 1);
        }
    });
    for (key, items) in lists {
        if items > MAX_LIST_ITEMS {
            errors.push(Error::InvalidText {
                path: path.to_path_buf(),
                key,
                message: format!("{items} items, more than the {MAX_LIST_ITEMS} a list may have"),
                location: None,
            });
        }
    }
    errors
}

/// `red_flags.card[3]` → (`red_flags.card`, 3): the visitor names list items this way.
fn list_item(key: &str) -> Option<(&str, usize)> {
    let inner = key.strip_suffix(']')?;
    let (list, index) = inner.rsplit_once('[')?;
    Some((list, index.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::RedFlags;

    #[test]
    fn long_texts_and_long_lists_are_named() {
        let mut flags = RedFlags {
            heading: Some("x".repeat(MAX_TEXT_CHARS + 1)),
            intro: Some("é".repeat(MAX_TEXT_CHARS)),
            card: Some(vec!["sign".into(); MAX_LIST_ITEMS + 1]),
            poster: Some(vec!["sign".into(); MAX_LIST_ITEMS]),
            ..RedFlags::default()
        };
        let errors = check(&mut flags, "red_flags", Path::new("en/red_flags.toml"));
        let keys: Vec<String> = errors
            .iter()
            .map(|e| match e {
                Error::InvalidText { key, .. } => key.clone(),
                other => panic!("{other}"),
            })
            .collect();
        assert_eq!(keys, ["red_flags.heading", "red_flags.card"]);
    }

    #[test]
    fn piles_of_combining_marks_are_counted_per_base() {
        let pile = format!("a{}", "\u{0301}".repeat(1999));
        assert_eq!(mark_piles(&pile), vec![(0..pile.len(), 1999)]);
        let most = format!("x e{} y", "\u{0301}".repeat(MAX_MARKS_PER_BASE));
        assert_eq!(mark_piles(&most), vec![]);
        let over = format!("x e{} y", "\u{0301}".repeat(MAX_MARKS_PER_BASE + 1));
        assert_eq!(
            mark_piles(&over),
            vec![(2..3 + 2 * (MAX_MARKS_PER_BASE + 1), 7)]
        );
        for real in [
            "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t",
            "ที่น้ำ",
            "ज़िंदगी",
            "བསྒྲུབས",
        ] {
            assert_eq!(mark_piles(real), vec![], "{real}");
        }
    }

    #[test]
    fn list_items_are_told_from_plain_keys() {
        assert_eq!(list_item("a.b[12]"), Some(("a.b", 12)));
        assert_eq!(list_item("a.b"), None);
        assert_eq!(list_item("a[x]"), None);
    }
}
