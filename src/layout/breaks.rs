//! Where Chinese, Japanese and Korean text may break a line. The Unicode line breaking
//! parley applies allows a break between any two ideographs or kana, so "管理" and
//! "知らせましょう" split across lines and Korean breaks inside words; these rules take
//! break opportunities away (never add one):
//! - Chinese and Japanese break only at the word boundaries of ICU's dictionary word
//!   segmenter (the dictionary parley already links in for its own word analysis), and
//!   Japanese keeps the hiragana that follow a word (particles, verb endings) with it, so
//!   a line breaks between phrases ("電話して / ください" is kept together, "に / 電話" may
//!   break); a number keeps its counter ("24時間", "200以上");
//! - Korean breaks only at spaces (keep-all, as Korean is set);
//! - kinsoku: closing punctuation and small kana never start a line, opening brackets
//!   never end one, and a separator (・, ·) stays with the words around it.

use std::sync::atomic::{AtomicUsize, Ordering};

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use parley::LineBreakContext;

/// Which rules a paragraph's language takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakRules {
    /// Word boundaries, phrases kept whole (hiragana stay with the word before them).
    Japanese,
    /// Word boundaries.
    Chinese,
    /// Spaces only (keep-all).
    Korean,
}

impl BreakRules {
    /// The rules for a BCP 47 language tag, if it is one of the three.
    pub fn for_language(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "ja" => Some(BreakRules::Japanese),
            "zh" | "yue" => Some(BreakRules::Chinese),
            "ko" => Some(BreakRules::Korean),
            _ => None,
        }
    }
}

/// Characters that never start a line: closing brackets and quotes, stops and commas,
/// small kana, the prolonged sound mark and iteration marks (JIS X 4051 line-start
/// prohibitions, the same set Chinese typesetting keeps).
pub const NO_LINE_START: &str = "、。，．,.:;?!：；？！)）]］}｝」』】〕〉》〙〗〛’”»›%％‰ーゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ…‥〜～";

/// Characters that never end a line: opening brackets and quotes.
pub const NO_LINE_END: &str = "(（[［{｛「『【〔〈《〘〖〚‘“«‹";

/// Separators between listed words: a line neither ends with one nor starts with one
/// that is glued to the word before it ("無料・秘密厳守", "강제력·사기"); one set between
/// spaces ("상담 · 비밀") may start a line but never end one.
pub const SEPARATORS: &str = "・·･‧";

/// Whether a line may not break at `pos` (a byte offset in `text`, between two
/// characters), under `rules`.
fn forbidden(rules: BreakRules, text: &str, pos: usize, words: &[usize], relaxed: bool) -> bool {
    // A number or a keyword is isolated for bidi (U+2066..U+2069): the rules look past
    // the isolate marks, which print nothing, to the characters a reader sees.
    let head = text[..pos].trim_end_matches(invisible);
    let tail = text[pos..].trim_start_matches(invisible);
    let (Some(before), Some(after)) = (head.chars().next_back(), tail.chars().next()) else {
        return false;
    };
    if kinsoku(head, before, after) {
        return true;
    }
    if !(before.is_alphanumeric() && after.is_alphanumeric()) || !(is_cjk(before) || is_cjk(after))
    {
        return false;
    }
    if relaxed && !(is_cjk(before) && is_cjk(after)) {
        return false;
    }
    match rules {
        // Two letters or digits with no space between them: one Korean word.
        BreakRules::Korean => true,
        BreakRules::Chinese | BreakRules::Japanese => {
            words.binary_search(&pos).is_err()
                || (before.is_numeric() && is_cjk(after))
                || (rules == BreakRules::Japanese && is_hiragana(after))
        }
    }
}

/// Line-start and line-end prohibitions, with `head` the text before the break.
fn kinsoku(head: &str, before: char, after: char) -> bool {
    let separator = |c: char| SEPARATORS.contains(c);
    NO_LINE_START.contains(after)
        || NO_LINE_END.contains(before)
        || separator(before)
        || (separator(after) && !before.is_whitespace())
        || (before.is_whitespace()
            && head
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| separator(c) || NO_LINE_END.contains(c)))
}

/// Characters that print nothing and steer bidi or joining (isolates, joiners).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// Han, kana and Hangul: the letters written without spaces between words (Korean with
/// them, but a Korean word is still several such letters).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'       // Hangul Jamo
        | '\u{3005}'..='\u{3007}'     // 々 〆 〇
        | '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}'     // Hangul compatibility Jamo
        | '\u{31F0}'..='\u{31FF}'     // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'     // Han extension A
        | '\u{4E00}'..='\u{9FFF}'     // Han
        | '\u{A960}'..='\u{A97F}'     // Hangul Jamo extended A
        | '\u{AC00}'..='\u{D7FF}'     // Hangul syllables, Jamo extended B
        | '\u{F900}'..='\u{FAFF}'     // Han compatibility
        | '\u{FF66}'..='\u{FFDC}'     // halfwidth Katakana and Hangul
        | '\u{20000}'..='\u{3134F}'   // Han extensions B to G
    )
}

/// The word boundaries of `text` (byte offsets), from ICU's dictionary segmenter.
pub fn word_boundaries(text: &str) -> Vec<usize> {
    WordSegmenter::new_dictionary(WordBreakInvariantOptions::default())
        .segment_str(text)
        .collect()
}

/// The byte offsets of `text` at which `rules` forbid a line break, ascending. `relaxed`
/// allows a break where a number or a Latin word meets CJK letters ("1-888-373-7888 /
/// 번으로", "24 / 時間"), for a paragraph that does not fit otherwise: such a break is
/// poor but splits no word of either script.
pub fn forbidden_breaks(rules: BreakRules, text: &str, relaxed: bool) -> Vec<usize> {
    let words = match rules {
        BreakRules::Korean => Vec::new(),
        BreakRules::Chinese | BreakRules::Japanese => word_boundaries(text),
    };
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && forbidden(rules, text, i, &words, relaxed))
        .collect()
}

/// A paragraph's break rules in the form parley asks for them: parley calls the override
/// once for each pair of neighbouring characters, in text order, with the characters but
/// not their place, so the override follows along the text to find the place.
/// It holds a copy of the text: parley takes the override as a `'static` function.
pub struct BreakOverride {
    text: Box<str>,
    forbidden: Vec<usize>,
    /// Where the next pair's second character is looked for from.
    cursor: AtomicUsize,
}

impl BreakOverride {
    pub fn new(rules: BreakRules, text: &str, relaxed: bool) -> Self {
        BreakOverride {
            text: text.into(),
            forbidden: forbidden_breaks(rules, text, relaxed),
            cursor: AtomicUsize::new(0),
        }
    }

    /// `Some(false)` where the rules forbid a break; otherwise parley's own rules stand.
    pub fn decide(&self, cx: LineBreakContext) -> Option<bool> {
        let pos = self.locate(cx.before, cx.after)?;
        self.forbidden.binary_search(&pos).is_ok().then_some(false)
    }

    /// The offset between `before` and `after`: the first such pair from the cursor on.
    /// Pairs parley skips (around a mandatory break) hold a line-break character that
    /// no pair it asks about holds, so the first match is the one asked about.
    fn locate(&self, before: char, after: char) -> Option<usize> {
        let from = self.cursor.load(Ordering::Relaxed).max(before.len_utf8());
        let text = &*self.text;
        let pos = text
            .get(from..)?
            .char_indices()
            .map(|(i, _)| from + i)
            .find(|&p| text[..p].ends_with(before) && text[p..].starts_with(after))?;
        self.cursor.store(pos + after.len_utf8(), Ordering::Relaxed);
        Some(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text split at every offset the rules leave breakable, as "a|b|c".
    fn breakable(rules: BreakRules, text: &str) -> String {
        let forbidden = forbidden_breaks(rules, text, false);
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            // Parley never breaks before a space; the rules need not say so.
            if i > 0 && !c.is_whitespace() && forbidden.binary_search(&i).is_err() {
                out.push('|');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn japanese_words_and_their_endings_stay_together() {
        let got = breakable(BreakRules::Japanese, "知らせましょう");
        assert!(!got.contains('|'), "{got}");
        let got = breakable(BreakRules::Japanese, "管理");
        assert_eq!(got, "管理");
        // A number keeps its counter; the separator keeps its neighbours.
        let got = breakable(BreakRules::Japanese, "無料・24時間");
        assert!(
            !got.contains("料|") && !got.contains("|・") && !got.contains("24|"),
            "{got}"
        );
    }

    #[test]
    fn chinese_breaks_between_words_only() {
        let got = breakable(BreakRules::Chinese, "從事");
        assert_eq!(got, "從事");
    }

    #[test]
    fn korean_breaks_at_spaces_only_and_not_after_a_separator() {
        assert_eq!(
            breakable(BreakRules::Korean, "이상 징후 무료 상담 · 비밀"),
            "이상 |징후 |무료 |상담 |· 비밀"
        );
    }

    #[test]
    fn a_number_may_leave_its_particle_only_when_relaxed() {
        let text = "1-888-373-7888번으로 전화";
        let at = text.find('번').expect("번");
        assert!(forbidden_breaks(BreakRules::Korean, text, false).contains(&at));
        assert!(!forbidden_breaks(BreakRules::Korean, text, true).contains(&at));
        // Never inside the Korean word, relaxed or not.
        assert!(forbidden_breaks(BreakRules::Korean, text, true).contains(&(at + 3)));
    }

    #[test]
    fn kinsoku_keeps_closing_marks_off_a_line_start_and_opening_ones_off_its_end() {
        let got = breakable(BreakRules::Chinese, "他说「你好」。");
        assert!(
            !got.contains("|」") && !got.contains("「|") && !got.contains("|。"),
            "{got}"
        );
    }

    #[test]
    fn the_override_finds_each_pair_in_order_across_repeated_pairs() {
        let o = BreakOverride::new(BreakRules::Korean, "가가 가가", false);
        let mut seen = Vec::new();
        let chars: Vec<char> = "가가 가가".chars().collect();
        for w in chars.windows(2) {
            seen.push(o.locate(w[0], w[1]));
        }
        assert_eq!(seen, vec![Some(3), Some(6), Some(7), Some(10)]);
    }
}
