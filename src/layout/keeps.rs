//! What no line break may split in any script, beyond the CJK rules of [`super::breaks`]
//! (issue 13, defect 7; each seen on a bundled page):
//! - a separator between listed words (· ・ •) never starts a line, and where a line breaks
//!   after one it is not printed ("24/7 · toll-free ·" / "confidential" reads as a list
//!   item missing; the line ends with the word before it);
//! - a number stays with its code ("22 U.S.C. 7102", "§ 7102"), a phone number is never
//!   split at a hyphen, and a prefix of one or two letters keeps its hyphen ("i-text",
//!   "e-mail");
//! - a range or a ratio of numbers ("15–20", "2021-2022", "24/7") is never split at its
//!   dash or slash, on either side: a line ending "15–" over "20" reads as two numbers;
//! - a Thai word of the reviewed list `thai_words.txt` is kept whole: ICU's dictionary does
//!   not know these loanwords and compounds and splits them ("พาส / ปอร์ต");
//! - in a right-to-left paragraph, English in brackets that a line break splits keeps
//!   its brackets against its words (see [`mark_bracketed_ltr`]).

use std::borrow::Cow;
use std::ops::Range;

use super::Elem;
use super::breaks::{BreakOverride, BreakRules, Tier};

/// Separators between listed words.
pub const SEPARATORS: &str = "·・•‧･";

/// Hyphens a word may be split at.
const HYPHENS: &str = "-\u{2010}";

/// What joins two numbers into one range or ratio: hyphen-minus, hyphen, figure dash, en
/// dash, em dash, slash, fraction slash. UAX #14 allows a break after an en dash or em
/// dash ("15–" / "20"), and a tailoring may after any of them.
const NUMBER_JOINS: &str = "-\u{2010}\u{2012}\u{2013}\u{2014}/\u{2044}";

/// The reviewed Thai words no line breaks inside.
const THAI_WORDS: &str = include_str!("thai_words.txt");

/// Characters that print nothing and steer bidi or joining (isolates, joiners).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn blank(c: char) -> bool {
    c.is_whitespace() || invisible(c)
}

/// The break rules of a paragraph in parley's form: the CJK rules of `rules` at `tier`, if
/// any, and the rules of this module; `None` where nothing is forbidden, so that parley's
/// own rules stand untouched.
pub fn line_breaks(rules: Option<BreakRules>, text: &str, tier: Tier) -> Option<BreakOverride> {
    let mut forbidden = rules
        .map(|rules| super::breaks::forbidden_breaks(rules, text, tier))
        .unwrap_or_default();
    // A spaced separator may end a line where it is hidden, so the words after it may
    // start the next one; it may no longer start a line itself.
    forbidden.retain(|&at| !after_spaced_separator(text, at));
    forbidden.extend(forbidden_breaks(text));
    forbidden.sort_unstable();
    forbidden.dedup();
    let added: Vec<usize> = rules
        .map(|rules| super::breaks::added_breaks(rules, text, tier))
        .unwrap_or_default()
        .into_iter()
        .filter(|at| forbidden.binary_search(at).is_err())
        .collect();
    (!forbidden.is_empty() || !added.is_empty())
        .then(|| BreakOverride::with(text, forbidden, added))
}

/// The byte offsets of `text` at which this module forbids a line break, ascending.
pub fn forbidden_breaks(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && forbidden(text, i))
        .collect();
    out.extend(thai_kept(text));
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether no line may break at `pos`, between two characters of `text`.
fn forbidden(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches(invisible);
    let tail = text[pos..].trim_start_matches(invisible);
    let (Some(before), Some(after)) = (head.chars().next_back(), tail.chars().next()) else {
        return false;
    };
    if joined_numbers(head, tail) {
        return true;
    }
    if before.is_whitespace() {
        return SEPARATORS.contains(after)
            || number_and_code(head, tail)
            || short_word_and_number(head, tail);
    }
    if HYPHENS.contains(before) {
        return hyphen_kept(&head[..head.len() - before.len_utf8()], after);
    }
    false
}

/// Whether `head` and `tail`, with the marks that print nothing trimmed off, meet on
/// either side of a dash or slash set between two digits ("15|–20", "15–|20").
fn joined_numbers(head: &str, tail: &str) -> bool {
    let last = |s: &str| s.trim_end_matches(invisible).chars().next_back();
    let first = |s: &str| s.trim_start_matches(invisible).chars().next();
    let digit = |c: Option<char>| c.is_some_and(char::is_numeric);
    let (Some(before), Some(after)) = (last(head), first(tail)) else {
        return false;
    };
    if NUMBER_JOINS.contains(before) {
        digit(last(&head[..head.len() - before.len_utf8()])) && after.is_numeric()
    } else if NUMBER_JOINS.contains(after) {
        before.is_numeric() && digit(first(&tail[after.len_utf8()..]))
    } else {
        false
    }
}

/// Whether `pos` follows a separator set between spaces ("24/7 · |toll-free").
fn after_spaced_separator(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches(invisible);
    if !head.ends_with(char::is_whitespace) {
        return false;
    }
    let word = head.trim_end_matches(blank);
    word.ends_with(|c| SEPARATORS.contains(c))
        && word[..word.len() - word.chars().next_back().map_or(0, char::len_utf8)].ends_with(blank)
}

/// Whether a hyphen after `stem` with `after` next joins what a reader takes as one
/// thing: a number ("1-888-373-7888") or a prefix of one or two letters ("i-text").
fn hyphen_kept(stem: &str, after: char) -> bool {
    let stem = stem.trim_end_matches(invisible);
    if stem.ends_with(|c: char| c.is_ascii_digit()) || after.is_ascii_digit() {
        return true;
    }
    let letters = stem.chars().rev().take_while(|c| c.is_alphabetic()).count();
    (1..=2).contains(&letters) && after.is_alphabetic()
}

/// Whether a space between `head` and `tail` parts a number from its code ("22 U.S.C."),
/// or a code or a section sign from its number ("U.S.C. 7102", "§ 7102").
fn number_and_code(head: &str, tail: &str) -> bool {
    let before = last_token(head);
    let after = first_token(tail);
    let number = !before.is_empty()
        && before
            .trim_end_matches([',', '.'])
            .chars()
            .all(|c| c.is_ascii_digit());
    let sign = matches!(before, "§" | "§§" | "¶");
    (number && code(after))
        || ((code(before) || sign) && after.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a space parts a word of one or two letters from the number after it ("to
/// 233733", "au 233733", "на 233733", "al 911"): left at a line's end, the little word
/// reads as belonging to the line above, and the number below stands alone, as on a QR
/// caption that read "Par SMS : HELP au / 233733".
///
/// Not in Korean, Chinese or Japanese, where two syllables or characters make an ordinary
/// word ("또는 233733번으로" is a phrase, kept whole it would shrink a poster's line), nor
/// before a number a word is set straight onto ("233733번으로").
fn short_word_and_number(head: &str, tail: &str) -> bool {
    let word = last_token(head);
    let letters = word.chars().count();
    let number = first_token(tail).trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    (1..=2).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_alphabetic() && !super::breaks::is_cjk(c))
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '/' || c == '.' || invisible(c))
}

/// A legal code's abbreviation: capitals each followed by a stop ("U.S.C.", "C.F.R.").
fn code(token: &str) -> bool {
    token.len() >= 4
        && token.ends_with('.')
        && token.chars().all(|c| c == '.' || c.is_ascii_uppercase())
}

fn last_token(head: &str) -> &str {
    let head = head.trim_end_matches(blank);
    let from = head
        .char_indices()
        .rev()
        .find(|(_, c)| blank(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[from..]
}

fn first_token(tail: &str) -> &str {
    let tail = tail.trim_start_matches(blank);
    &tail[..tail.find(blank).unwrap_or(tail.len())]
}

/// The reviewed Thai words, one a line, `#` starting a comment.
fn thai_words() -> impl Iterator<Item = &'static str> {
    THAI_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The offsets strictly inside an occurrence of a listed Thai word in `text`.
fn thai_kept(text: &str) -> Vec<usize> {
    if !text.contains(|c| matches!(c, '\u{0E00}'..='\u{0E7F}')) {
        return Vec::new();
    }
    thai_words()
        .flat_map(|word| {
            text.match_indices(word)
                .flat_map(move |(at, _)| word.char_indices().skip(1).map(move |(i, _)| at + i))
        })
        .collect()
}

/// `text` with a left-to-right mark (U+200E) before each bracketed run of English words,
/// when the paragraph is right to left. Unmarked, the pair takes the paragraph's direction
/// (UAX #9, rule N0: English inside, but the text before the opening bracket is Arabic),
/// so where a line break falls inside, each line reorders its half on its own and the
/// bracket lands on the Arabic side of its English fragment ("Modern ( الحديثة" /
/// "Slavery)، 2022"). With a left-to-right mark before it, the pair takes the direction
/// of the English it encloses and prints against its words on either line; a
/// right-to-left mark after it when Arabic follows. (A direction
/// isolate would do as well, but the tool's isolates mark contact values for the
/// read-back.)
pub fn mark_bracketed_ltr(text: &str, rtl: bool) -> Cow<'_, str> {
    if !rtl || !text.contains('(') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 12);
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        let close = open + len + 1;
        let inner = &rest[open + 1..close - 1];
        out.push_str(&rest[..open]);
        let english = inner.chars().any(|c| c.is_ascii_alphabetic())
            && !inner.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        if english {
            out.push('\u{200E}');
        }
        out.push_str(&rest[open..close]);
        rest = &rest[close..];
        // The closing bracket, now left to right, would draw what follows up to the next
        // Arabic word into its English run ("Slavery)، 2022" read as English, the year
        // first); a right-to-left mark hands it back to the paragraph.
        let next_strong = rest.chars().find(|c| c.is_alphabetic());
        if english && next_strong.is_some_and(|c| !c.is_ascii()) {
            out.push('\u{200F}');
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Which side of its box a line is set against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Center,
    Right,
}

/// Takes a separator that ends a line (spaced or glued) off the page, with the spaces
/// before it, and moves the line over by what it no longer holds, as set against `side`.
/// `range` is the line's text in `text`; `line` its glyph runs.
pub fn hide_end_separator(line: &mut [Elem], text: &str, range: Range<usize>, side: Side) {
    let Some(words) = text.get(range.clone()) else {
        return;
    };
    let trimmed = words.trim_end_matches(blank);
    let Some(sep) = trimmed
        .chars()
        .next_back()
        .filter(|c| SEPARATORS.contains(*c))
    else {
        return;
    };
    let sep_end = range.start + trimmed.len();
    let sep_at = sep_end - sep.len_utf8();
    // Only a separator between words: a list's bullet ("•") is a paragraph of its own.
    let words_before = !text[range.start..sep_at].trim_matches(blank).is_empty();
    let words_after = !text[range.end.min(text.len())..]
        .trim_matches(blank)
        .is_empty();
    if !(words_before && words_after) {
        return;
    }
    let from = range.start + text[range.start..sep_at].trim_end_matches(blank).len();
    // The blanks after it go too (a trailing space's glyph would still read as the
    // separator's line end), but they hang past the line's measure: no shift for them.
    let hidden = from..range.end.max(sep_end);
    let gone = |g: &super::PlacedGlyph| g.text.start >= hidden.start && g.text.end <= hidden.end;
    // The extents of the glyphs kept and of the separator with the blanks before it, in
    // the line's coordinates.
    let (mut left, mut right) = (f32::MAX, f32::MIN);
    let (mut kept_left, mut kept_right) = (f32::MAX, f32::MIN);
    let (mut gone_left, mut gone_right, mut width) = (f32::MAX, f32::MIN, 0.0);
    for e in line.iter() {
        let Elem::Glyphs(run) = e else { continue };
        let mut x = run.x;
        for g in &run.glyphs {
            left = left.min(x);
            right = right.max(x + g.advance);
            if !gone(g) {
                if g.advance > 0.0 {
                    kept_left = kept_left.min(x);
                    kept_right = kept_right.max(x + g.advance);
                }
            } else if g.text.start < sep_end {
                gone_left = gone_left.min(x);
                gone_right = gone_right.max(x + g.advance);
                width += g.advance;
            }
            x += g.advance;
        }
    }
    if width == 0.0 {
        return;
    }
    // Ending the line in logical order is not ending it on the page: the bidi algorithm
    // can draw a line's last separator between two of its words ("24/7 · ٤" when a
    // right-to-left run follows a number). Hidden there, it would leave a gap that parts
    // what it stood between without a mark; it stays.
    const EPS: f32 = 0.01;
    if !(gone_left >= kept_right - EPS || gone_right <= kept_left + EPS) {
        return;
    }
    for e in line.iter_mut() {
        let Elem::Glyphs(run) = e else { continue };
        let mut kept: Vec<super::PlacedGlyph> = Vec::with_capacity(run.glyphs.len());
        let mut lead = 0.0;
        for g in std::mem::take(&mut run.glyphs) {
            if gone(&g) {
                // The glyphs after it keep their places: its advance goes to the glyph
                // before it, or moves the run's origin.
                match kept.last_mut() {
                    Some(prev) => prev.advance += g.advance,
                    None => lead += g.advance,
                }
            } else {
                kept.push(g);
            }
        }
        run.x += lead;
        run.glyphs = kept;
    }
    let at_right = gone_left + gone_right > left + right;
    let shift = match (side, at_right) {
        (Side::Left, true) | (Side::Right, false) => 0.0,
        (Side::Left, false) => -width,
        (Side::Right, true) => width,
        (Side::Center, true) => width / 2.0,
        (Side::Center, false) => -width / 2.0,
    };
    for e in line.iter_mut() {
        if let Elem::Glyphs(run) = e {
            run.x += shift;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text split at every offset the rules forbid, as "a|b".
    fn kept(text: &str) -> String {
        let forbidden = forbidden_breaks(text);
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            if forbidden.binary_search(&i).is_ok() {
                out.push('|');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn a_separator_never_starts_a_line_and_may_end_one_between_spaces() {
        let text = "24/7 · toll-free";
        assert_eq!(kept(text), "24|/|7 |· toll-free");
        assert!(after_spaced_separator(text, text.find('t').expect("t")));
        assert!(!after_spaced_separator("無料・秘密", "無料・".len()));
    }

    #[test]
    fn numbers_keep_their_codes_and_hyphens_and_short_prefixes_theirs() {
        assert_eq!(kept("TVPA, 22 U.S.C. 7102."), "TVPA, 22 |U.S.C. |7102.");
        assert_eq!(kept("§ 52.6"), "§ |52.6");
        assert_eq!(kept("1-888-373"), "1|-|888|-|373");
        assert_eq!(kept("o i-text pa"), "o i-|text pa");
        assert_eq!(kept("well-known in 2022"), "well-known in |2022");
    }

    #[test]
    fn a_word_of_one_or_two_letters_stays_with_the_number_after_it() {
        assert_eq!(
            kept("Par SMS : HELP au 233733"),
            "Par SMS : HELP au |233733"
        );
        assert_eq!(kept("SMS HELP на 233733"), "SMS HELP на |233733");
        assert_eq!(kept("Llame al 911."), "Llame al |911.");
        assert_eq!(kept("text HELP to 1-888"), "text HELP to |1|-|888");
        // Through the isolates a number is set in for bidi.
        assert_eq!(kept("في \u{2066}2021\u{2069}"), "في |\u{2066}|2021\u{2069}");
        assert_eq!(kept("au \u{2066}233733"), "au |\u{2066}|233733");
        // A longer word, or a short one before a word, breaks as usual.
        assert_eq!(kept("call 911, go to it"), "call 911, go to it");
        // Two Hangul syllables are a word; a number with its word set on is not alone.
        assert_eq!(kept("또는 233733번으로"), "또는 233733번으로");
        assert_eq!(kept("to 233733번으로"), "to 233733번으로");
    }

    #[test]
    fn a_range_or_ratio_of_numbers_is_never_split_at_its_dash_or_slash() {
        assert_eq!(kept("через 15–20 хвилин"), "через 15|–|20 хвилин");
        assert_eq!(kept("9–5, 2021-2022"), "9|–|5, 2021|-|2022");
        assert_eq!(kept("24/7 · 1983/2004"), "24|/|7 |· 1983|/|2004");
        // Through the isolates a number is set in for bidi.
        assert_eq!(kept("\u{2066}15\u{2069}–20"), "\u{2066}15|\u{2069}|–|20");
        // Arabic-Indic digits are digits too.
        assert_eq!(kept("١٥–٢٠"), "١٥|–|٢٠");
        // A dash or slash beside a word, or spaced, is not a range of numbers.
        assert_eq!(kept("and/or 15 – 20 Mon–Fri"), "and/or 15 – 20 Mon–Fri");
    }

    #[test]
    fn a_listed_thai_word_is_kept_whole() {
        let text = "ยึดพาสปอร์ต";
        let forbidden = forbidden_breaks(text);
        let at = text.find("ปอร์ต").expect("ปอร์ต");
        assert!(forbidden.contains(&at));
        assert!(!forbidden.contains(&text.find("พาส").expect("พาส")));
    }

    #[test]
    fn english_in_brackets_is_marked_in_a_right_to_left_paragraph_only() {
        let text = "الحديثة (Global Estimates)، 2022، بيانات (٢)";
        assert_eq!(
            mark_bracketed_ltr("قانون (TVPA)، 22 U.S.C.", true),
            "قانون \u{200E}(TVPA)، 22 U.S.C."
        );
        assert_eq!(
            mark_bracketed_ltr(text, true),
            "الحديثة \u{200E}(Global Estimates)\u{200F}، 2022، بيانات (٢)"
        );
        assert_eq!(mark_bracketed_ltr(text, false), text);
    }
}
