//! Where Chinese, Japanese and Korean text may break a line. The Unicode line breaking
//! parley applies allows a break between any two ideographs or kana, so "管理" and
//! "知らせましょう" split across lines and Korean breaks inside words; these rules take
//! break opportunities away, in tiers a paragraph tries in turn (see [`Tier`]), and add
//! only one: before an opening quotation mark after a Chinese or Japanese letter ("发短信 /
//! “HELP”至"), which UAX #14 before Unicode 15.1 (LB19, the rules parley follows) forbids
//! around every ambiguous quotation mark, gluing a quoted word to the phrase before it
//! ("发 / 短信“HELP”至"); Unicode 15.1's LB19a allows it next to East Asian letters.
//! - Japanese breaks only between phrases: where BudouX's phrase model (Apache-2.0,
//!   `budoux/ja.json`, see `budoux/LICENSE`) and ICU's dictionary word segmenter (the
//!   dictionary parley already links in) both see a boundary, and never before the
//!   hiragana that follow a word, a number or a closing bracket (particles, verb
//!   endings: "電話して / ください" and "「HELP」と" are kept together); the boundaries
//!   the model misses, listed as "ja-break" in `cjk_words.txt` ("問い詰めたり|しない"),
//!   are phrase boundaries too;
//! - Chinese breaks only at ICU's word boundaries, and "的" never starts a line;
//! - both keep a number with its counter ("24時間", "200以上") and keep whole every word
//!   of the reviewed list `cjk_words.txt` (compounds the segmenters split: "人身取引",
//!   "在留資格", "无需", "全年無休");
//! - Korean breaks only at spaces (keep-all, as Korean is set), not even before a bracket
//!   glued to a word ("사무소(UNODC)");
//! - kinsoku: closing punctuation and small kana never start a line, opening brackets
//!   never end one, and a separator (・, ·) stays with the words around it.

use std::collections::HashMap;
use std::sync::OnceLock;
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

/// How strictly a paragraph's rules hold. A paragraph is set with the first tier under
/// which every line fits its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Between phrases (Japanese: where the phrase model and the dictionary agree).
    Phrase,
    /// Between dictionary words, the phrases of `cjk_words.txt` no longer kept whole
    /// (Korean: the same as [`Tier::Phrase`]).
    Word,
    /// Also after a separator glued to the words around it ("通話無料・ / 秘密厳守"), as
    /// JIS X 4051 allows, the separator then left unprinted (the line break parts the
    /// words; `text::hide_separator_at_end`): better than parting a number from its
    /// counter. Like [`Tier::LastResort`], only where a paragraph fits no other way at its
    /// floor.
    Separated,
    /// Also where a number or a Latin word meets CJK letters ("1-888-373-7888 / 번으로",
    /// "24 / 時間"), or a bracket meets a Korean word: poor, but it splits no word of
    /// either script. Only for a paragraph that fits no other way at any size down to its
    /// frame's floor (the frame then takes the largest size at which it fits).
    LastResort,
}

/// What the rules need to know of a paragraph's text beyond two neighbouring characters.
struct Analysis {
    /// ICU's word boundaries (Chinese and Japanese).
    words: Vec<usize>,
    /// BudouX's phrase boundaries (Japanese), every offset between the two characters.
    phrases: Option<Vec<usize>>,
    /// Offsets inside a word of the reviewed list, ascending.
    kept: Vec<usize>,
    /// Phrase boundaries of the reviewed list the phrase model misses, ascending.
    listed_breaks: Vec<usize>,
}

/// Whether a line may not break at `pos` (a byte offset in `text`, between two
/// characters), under `rules` at `tier`.
fn forbidden(rules: BreakRules, text: &str, pos: usize, cx: &Analysis, tier: Tier) -> bool {
    // A number or a keyword is isolated for bidi (U+2066..U+2069): the rules look past
    // the isolate marks, which print nothing, to the characters a reader sees.
    let head = text[..pos].trim_end_matches(invisible);
    let tail = text[pos..].trim_start_matches(invisible);
    let (Some(before), Some(after)) = (head.chars().next_back(), tail.chars().next()) else {
        return false;
    };
    let line_may_end_with_separator = tier >= Tier::Separated
        && SEPARATORS.contains(before)
        && after.is_alphanumeric()
        && !NO_LINE_START.contains(after);
    let kinsoku_holds = kinsoku(head, before, after) && !line_may_end_with_separator;
    if kinsoku_holds || cx.kept.binary_search(&pos).is_ok() {
        return true;
    }
    if cx.listed_breaks.binary_search(&pos).is_ok() {
        return false;
    }
    let spaced = before.is_whitespace();
    let relaxed = tier == Tier::LastResort;
    match rules {
        // Keep-all: a Korean line breaks at a space, and only there.
        BreakRules::Korean if !spaced => {
            return !relaxed || (is_cjk(before) && is_cjk(after));
        }
        // A structural particle belongs to the word before it ("一开始的 / 同意").
        BreakRules::Chinese if ZH_NO_LINE_START.contains(after) && !spaced => return true,
        // A particle after a quoted word ("「HELP」と", "「物」の").
        BreakRules::Japanese if is_hiragana(after) && CLOSING.contains(before) && !relaxed => {
            return true;
        }
        _ => {}
    }
    if !(before.is_alphanumeric() && after.is_alphanumeric()) || !(is_cjk(before) || is_cjk(after))
    {
        return false;
    }
    if relaxed && !(is_cjk(before) && is_cjk(after)) {
        return false;
    }
    let between_phrases = match (&cx.phrases, tier) {
        (Some(phrases), Tier::Phrase) => phrases.binary_search(&pos).is_ok(),
        _ => true,
    };
    cx.words.binary_search(&pos).is_err()
        || !between_phrases
        || (before.is_numeric() && is_cjk(after))
        || (rules == BreakRules::Japanese && is_hiragana(after))
}

/// Characters that never start a Chinese line though kinsoku allows it: the structural
/// particle, which ends the phrase before it.
const ZH_NO_LINE_START: &str = "的";

/// Closing brackets and quotes: the hiragana after one is the particle of the quoted word.
const CLOSING: &str = ")）]］}｝」』】〕〉》〙〗〛’”»›";

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
pub fn invisible(c: char) -> bool {
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

/// The byte offsets of `text` at which `rules` forbid a line break at `tier`, ascending.
pub fn forbidden_breaks(rules: BreakRules, text: &str, tier: Tier) -> Vec<usize> {
    let cx = Analysis {
        words: match rules {
            BreakRules::Korean => Vec::new(),
            BreakRules::Chinese | BreakRules::Japanese => word_boundaries(text),
        },
        phrases: (rules == BreakRules::Japanese && tier == Tier::Phrase)
            .then(|| phrase_boundaries(japanese_model(), text)),
        kept: kept_words(rules, text, tier),
        listed_breaks: listed_breaks(rules, text),
    };
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && forbidden(rules, text, i, &cx, tier))
        .collect()
}

/// The reviewed words no line breaks inside, one per line after its language.
const KEPT_WORDS: &str = include_str!("cjk_words.txt");

/// Opening quotation marks a Chinese or Japanese line may start with (clreq, JIS X 4051)
/// though UAX #14's LB19 glues them to the letter before.
const OPENING_QUOTES: &str = "“‘";

/// The byte offsets of `text` where a line may break though parley's Unicode rules do
/// not allow it, ascending: before an opening quotation mark that follows a Chinese or
/// Japanese letter ("发短信 / “HELP”至"), where `rules` forbid nothing.
pub fn added_breaks(rules: BreakRules, text: &str, tier: Tier) -> Vec<usize> {
    if rules == BreakRules::Korean {
        return Vec::new();
    }
    let forbidden = forbidden_breaks(rules, text, tier);
    text.char_indices()
        .filter(|&(i, c)| {
            OPENING_QUOTES.contains(c)
                && text[..i].chars().next_back().is_some_and(is_cjk)
                && forbidden.binary_search(&i).is_err()
        })
        .map(|(i, _)| i)
        .collect()
}

/// The offsets of `text` at the "|" of a phrase boundary of `rules`' language that the
/// reviewed list names ("ja-break 問い詰めたり|しない"), ascending.
fn listed_breaks(rules: BreakRules, text: &str) -> Vec<usize> {
    let lang = match rules {
        BreakRules::Japanese => "ja-break",
        BreakRules::Chinese => "zh-break",
        BreakRules::Korean => return Vec::new(),
    };
    let mut out: Vec<usize> = KEPT_WORDS
        .lines()
        .filter_map(|line| line.trim().split_once(' '))
        .filter(|(l, _)| *l == lang)
        .filter_map(|(_, entry)| entry.trim().split_once('|'))
        .flat_map(|(head, tail)| {
            let whole = format!("{head}{tail}");
            text.match_indices(&whole)
                .map(|(at, _)| at + head.len())
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The offsets strictly inside an occurrence in `text` of a word of `rules`' language
/// from the reviewed list (`cjk_words.txt`), ascending; at [`Tier::Phrase`], of its
/// phrases too.
fn kept_words(rules: BreakRules, text: &str, tier: Tier) -> Vec<usize> {
    let (lang, phrase) = match rules {
        BreakRules::Japanese => ("ja", "ja-phrase"),
        BreakRules::Chinese => ("zh", "zh-phrase"),
        BreakRules::Korean => ("ko", "ko-phrase"),
    };
    let kept = |l: &str| l == lang || (tier == Tier::Phrase && l == phrase);
    let mut inside: Vec<usize> = KEPT_WORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.trim().split_once(' '))
        .filter(|(l, word)| kept(l) && !word.trim().is_empty())
        .flat_map(|(_, word)| {
            let word = word.trim();
            text.match_indices(word)
                .flat_map(move |(at, _)| word.char_indices().skip(1).map(move |(i, _)| at + i))
        })
        .collect();
    inside.sort_unstable();
    inside.dedup();
    inside
}

/// A BudouX phrase model: for each feature (the characters around a place, one to three
/// at a time), the score of each string, and the sum of every score.
#[derive(Default)]
pub struct PhraseModel {
    features: HashMap<String, HashMap<String, i64>>,
    total: i64,
}

impl PhraseModel {
    /// A model from BudouX's JSON; an empty model (no phrase boundary anywhere, so the
    /// word tier sets the text) if it does not parse.
    pub fn from_json(json: &str) -> Self {
        let features: HashMap<String, HashMap<String, i64>> =
            serde_json::from_str(json).unwrap_or_default();
        let total = features.values().flat_map(|m| m.values()).sum();
        PhraseModel { features, total }
    }

    /// How many strings the model scores.
    pub fn len(&self) -> usize {
        self.features.values().map(HashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn score(&self, feature: &str, chars: &[char]) -> i64 {
        let key: String = chars.iter().collect();
        self.features
            .get(feature)
            .and_then(|m| m.get(&key))
            .copied()
            .unwrap_or(0)
    }

    /// Whether a phrase starts at `chars[i]`: BudouX's scorer (`Parser.parse` in its
    /// Python package), the single characters, pairs and triples around the place
    /// weighed against half the sum of every score.
    fn starts_phrase(&self, chars: &[char], i: usize) -> bool {
        // (feature, first character relative to `i`, length)
        const FEATURES: [(&str, isize, usize); 13] = [
            ("UW1", -3, 1),
            ("UW2", -2, 1),
            ("UW3", -1, 1),
            ("UW4", 0, 1),
            ("UW5", 1, 1),
            ("UW6", 2, 1),
            ("BW1", -2, 2),
            ("BW2", -1, 2),
            ("BW3", 0, 2),
            ("TW1", -3, 3),
            ("TW2", -2, 3),
            ("TW3", -1, 3),
            ("TW4", 0, 3),
        ];
        let s: i64 = FEATURES
            .iter()
            .filter_map(|&(feature, from, len)| {
                let from = usize::try_from(i as isize + from).ok()?;
                let window = chars.get(from..from + len)?;
                Some(self.score(feature, window))
            })
            .sum();
        2 * s > self.total
    }
}

/// BudouX's Japanese model, parsed once.
pub fn japanese_model() -> &'static PhraseModel {
    static MODEL: OnceLock<PhraseModel> = OnceLock::new();
    MODEL.get_or_init(|| PhraseModel::from_json(include_str!("budoux/ja.json")))
}

/// The offsets of `text` where a phrase of `model` starts, ascending: every offset from
/// the end of the character before to the start of the phrase's first character (bidi
/// isolates between them print nothing, and the model never sees them).
pub fn phrase_boundaries(model: &PhraseModel, text: &str) -> Vec<usize> {
    let seen: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| !invisible(c))
        .collect();
    let chars: Vec<char> = seen.iter().map(|&(_, c)| c).collect();
    let mut out = Vec::new();
    for i in 1..chars.len() {
        if model.starts_phrase(&chars, i) {
            let (prev, c) = seen[i - 1];
            let (start, _) = seen[i];
            let from = prev + c.len_utf8();
            out.extend(text[from..start].char_indices().map(|(j, _)| from + j));
            out.push(start);
        }
    }
    out
}

/// A paragraph's break rules in the form parley asks for them: parley calls the override
/// once for each pair of neighbouring characters, in text order, with the characters but
/// not their place, so the override follows along the text to find the place.
/// It holds a copy of the text: parley takes the override as a `'static` function.
pub struct BreakOverride {
    text: Box<str>,
    forbidden: Vec<usize>,
    /// Where a break is allowed that parley's rules forbid ([`added_breaks`]).
    added: Vec<usize>,
    /// Where the next pair's second character is looked for from.
    cursor: AtomicUsize,
}

impl BreakOverride {
    pub fn new(rules: BreakRules, text: &str, tier: Tier) -> Self {
        BreakOverride {
            text: text.into(),
            forbidden: forbidden_breaks(rules, text, tier),
            added: added_breaks(rules, text, tier),
            cursor: AtomicUsize::new(0),
        }
    }

    /// An override forbidding a break at each of `forbidden` and allowing one at each of
    /// `added`, ascending byte offsets of `text` (the rules of every script join the CJK
    /// ones: `super::keeps::line_breaks`).
    pub fn with(text: &str, forbidden: Vec<usize>, added: Vec<usize>) -> Self {
        BreakOverride {
            text: text.into(),
            forbidden,
            added,
            cursor: AtomicUsize::new(0),
        }
    }

    /// `Some(false)` where the rules forbid a break, `Some(true)` where they add one;
    /// otherwise parley's own rules stand.
    pub fn decide(&self, cx: LineBreakContext) -> Option<bool> {
        let pos = self.locate(cx.before, cx.after)?;
        if self.forbidden.binary_search(&pos).is_ok() {
            return Some(false);
        }
        self.added.binary_search(&pos).is_ok().then_some(true)
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
        let forbidden = forbidden_breaks(rules, text, Tier::Phrase);
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
    fn a_number_may_leave_its_particle_only_as_a_last_resort() {
        let text = "1-888-373-7888번으로 전화";
        let at = text.find('번').expect("번");
        assert!(forbidden_breaks(BreakRules::Korean, text, Tier::Word).contains(&at));
        assert!(!forbidden_breaks(BreakRules::Korean, text, Tier::LastResort).contains(&at));
        // Never inside the Korean word, whatever the tier.
        assert!(forbidden_breaks(BreakRules::Korean, text, Tier::LastResort).contains(&(at + 3)));
        // Nor before a bracket glued to a Korean word, but as a last resort.
        let text = "유엔마약범죄사무소(UNODC)";
        let at = text.find('(').expect("(");
        assert!(forbidden_breaks(BreakRules::Korean, text, Tier::Word).contains(&at));
        assert!(!forbidden_breaks(BreakRules::Korean, text, Tier::LastResort).contains(&at));
    }

    #[test]
    fn the_phrase_model_splits_as_budoux_does() {
        // BudouX 0.10.1's Python `Parser.parse` on these: the reference the scorer follows.
        let model = japanese_model();
        assert!(
            model.len() > 2000,
            "the bundled model has {} scores",
            model.len()
        );
        let chunks = |text: &str| -> Vec<String> {
            let mut cuts = phrase_boundaries(model, text);
            cuts.push(text.len());
            let mut from = 0;
            cuts.into_iter()
                .map(|to| {
                    let chunk = text[from..to].to_string();
                    from = to;
                    chunk
                })
                .collect()
        };
        assert_eq!(
            chunks("あなたに寄り添う最先端のテクノロジー。"),
            ["あなたに", "寄り添う", "最先端の", "テクノロジー。"]
        );
        assert_eq!(
            chunks("1-888-373-7888に電話するか、233733に「HELP」とSMSを送ってください。"),
            [
                "1-888-373-7888に",
                "電話するか、",
                "233733に",
                "「HELP」と",
                "SMSを",
                "送ってください。"
            ]
        );
    }

    #[test]
    fn japanese_breaks_between_phrases_and_keeps_listed_compounds() {
        // The dictionary splits 見 / 張られている; the phrase model and the list keep it.
        let got = breakable(
            BreakRules::Japanese,
            "自由に出入りできない、見張られている様子",
        );
        assert!(!got.contains("見|張"), "{got}");
        assert!(got.contains("、|見"), "{got}");
        let got = breakable(BreakRules::Japanese, "誰でも：市民、在留資格のない人");
        assert!(!got.contains("在留|資格"), "{got}");
        // A line may end after a separator only when nothing else fits.
        let text = "通話無料・秘密厳守";
        let at = text.find('秘').expect("秘");
        assert!(forbidden_breaks(BreakRules::Japanese, text, Tier::Word).contains(&at));
        assert!(!forbidden_breaks(BreakRules::Japanese, text, Tier::Separated).contains(&at));
        // A phrase of the list is kept only at the phrase tier.
        let text = "或发短信";
        let at = text.find('短').expect("短");
        assert!(forbidden_breaks(BreakRules::Chinese, text, Tier::Phrase).contains(&at));
        assert!(!forbidden_breaks(BreakRules::Chinese, text, Tier::Word).contains(&at));
        // A particle stays with the quoted word before it.
        let got = breakable(BreakRules::Japanese, "233733に「HELP」とSMSを送信");
        assert!(!got.contains("」|と"), "{got}");
    }

    #[test]
    fn a_chinese_line_never_starts_with_the_structural_particle() {
        let got = breakable(BreakRules::Chinese, "一开始的同意就不算数");
        assert!(!got.contains("|的"), "{got}");
        let got = breakable(BreakRules::Chinese, "无需证明存在武力");
        assert!(!got.contains("无|需"), "{got}");
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
        let o = BreakOverride::new(BreakRules::Korean, "가가 가가", Tier::Phrase);
        let mut seen = Vec::new();
        let chars: Vec<char> = "가가 가가".chars().collect();
        for w in chars.windows(2) {
            seen.push(o.locate(w[0], w[1]));
        }
        assert_eq!(seen, vec![Some(3), Some(6), Some(7), Some(10)]);
    }
}
