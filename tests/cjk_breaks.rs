//! Line breaks in Chinese, Japanese and Korean, checked on the laid-out pages of every
//! ja, zh and ko document (every kind, paper and edition, alone and paired with English):
//! no break inside a word of ICU's dictionary segmenter ("管 / 理", "知ら / せましょう"),
//! nor inside a word a reader sees as one though the dictionary splits it (the list
//! below, each seen split on a bundled page), no Japanese particle or ending starting a
//! line ("「HELP」 / と", "7888 / に"), no Korean break but at a space ("이 / 상",
//! "7888 / 번으로", "사무소 / (UNODC)"), no closing mark starting a line, no opening one or
//! separator ending one.

use std::collections::BTreeSet;

use bridgeprint::layout::{Elem, GlyphRun, LaidDocument, visit};
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

use crate::common::docs::{self, Plan};

/// Characters that may not start a line (the kinsoku the issue names, small kana and the
/// prolonged sound mark), written out here rather than taken from the code under test.
const NO_START: &str =
    "、。，．」』）】〕〉》！？：；・·ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
/// Characters that may not end a line: opening brackets, and the separators.
const NO_END: &str = "「『（【〔〈《・·";
/// Separators between listed words: one left unprinted may stand at a line's end only.
const SEPARATORS: &str = "・·";

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3005}'..='\u{3007}' | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Every document with a Chinese, Japanese or Korean language, with its name and the
/// language tag of each of its languages: every kind, paper, card size and edition, alone
/// and beside English both ways round.
fn cjk_documents() -> Vec<(String, Vec<String>, LaidDocument)> {
    let content = docs::bundled();
    let plan = Plan::default()
        .locales(|tag| ["ja", "zh", "ko"].contains(&tag.split('-').next().unwrap_or("")))
        .editions(|_| true);
    plan.lay_out(&content)
        .map(|d| (d.name, d.tags, d.laid))
        .collect()
}

/// Each paragraph's lines as byte ranges of its text, in text order: the glyph runs that
/// share a paragraph's text, grouped by baseline (a paragraph drawn twice, as on the
/// tear-off tabs, gives the same ranges twice, kept once).
fn paragraphs(doc: &LaidDocument) -> Vec<(&GlyphRun, Vec<(usize, usize)>, BTreeSet<usize>)> {
    let mut runs: Vec<&GlyphRun> = Vec::new();
    for page in &doc.pages {
        visit(&page.elems, &mut |e, _| {
            if let Elem::Glyphs(g) = e {
                runs.push(g);
            }
        });
    }
    let mut out: Vec<(&GlyphRun, BTreeSet<(u32, usize, usize)>, BTreeSet<usize>)> = Vec::new();
    for run in runs {
        let printed = run.glyphs.iter().map(|g| g.text.start);
        let (Some(start), Some(end)) = (
            run.glyphs.iter().map(|g| g.text.start).min(),
            run.glyphs.iter().map(|g| g.text.end).max(),
        ) else {
            continue;
        };
        let key = (run.y.to_bits(), start, end);
        match out
            .iter_mut()
            .find(|(r, _, _)| std::sync::Arc::ptr_eq(&r.text, &run.text))
        {
            Some((_, set, starts)) => {
                set.insert(key);
                starts.extend(printed);
            }
            None => out.push((run, BTreeSet::from([key]), printed.collect())),
        }
    }
    out.into_iter()
        .map(|(run, set, printed)| {
            // The runs of one line share its baseline (a number's runs and the text around
            // it have invisible bidi isolates between them, drawn by no glyph).
            let ranges = crate::common::docs::line_ranges(set);
            (run, ranges, printed)
        })
        .collect()
}

/// Characters that print nothing and steer bidi or joining (isolates, joiners).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Line breaks a typesetter of the language reads as wrong, as "end of a line|start of
/// the next", each seen on a page of the bundled documents (issue 13, defect 7) and
/// written out here rather than taken from the list the code keeps.
const LISTED: &[(&str, &str)] = &[
    // Japanese: a compound split where the dictionary sees two words.
    ("ja", "見|張られ"),
    ("ja", "在留|資格"),
    ("ja", "人身|取引"),
    ("ja", "被害|者"),
    ("ja", "加害|者"),
    ("ja", "法|執行"),
    ("ja", "執行|機関"),
    ("ja", "商業|的"),
    ("ja", "性的|搾取"),
    ("ja", "搾取|目的"),
    ("ja", "年中|無休"),
    ("ja", "秘密|厳守"),
    ("ja", "通話|無料"),
    ("ja", "被|搾取"),
    ("ja", "問い|詰め"),
    // Chinese: a word, a set phrase or a name split.
    ("zh", "无|需"),
    ("zh", "無|須"),
    ("zh", "切|勿"),
    ("zh", "举|报"),
    ("zh", "舉|報"),
    ("zh", "贩运|人口"),
    ("zh", "人口|販運"),
    ("zh", "交叉|路口"),
    ("zh", "情况|说明"),
    ("zh", "資料|說明"),
    ("zh", "不|确定"),
    ("zh", "不|確定"),
    ("zh", "沒|關係"),
    ("zh", "全年|無休"),
    ("zh", "工作|时"),
    ("zh", "工作|時"),
    ("zh", "分钟|后"),
    ("zh", "分鐘|後"),
    ("zh", "衛生|及"),
    ("zh", "衛生及|公共"),
    ("zh", "犯罪|问题"),
    ("zh", "问题|办公室"),
    ("zh", "犯罪|問題"),
    ("zh", "問題|辦公室"),
    // A verb and its object ("send a text"), parted where the quote after it was glued on.
    ("zh", "发|短信"),
    ("zh", "傳|簡訊"),
    // The structural particle starting a line ("一开始 / 的同意").
    ("zh", "|的"),
    // Not on main's pages, but on a page set while the list above was being kept whole.
    ("zh", "一|开始"),
    ("zh", "还|不清"),
    ("zh", "還|不清"),
];

/// The words and phrases the break rules keep whole (`src/layout/cjk_words.txt`: the
/// language, a space, the word; "ja-phrase" and "zh-phrase" lines too): a break inside one
/// is a break inside a word, whichever tier set the paragraph.
const KEPT: &str = include_str!("../src/layout/cjk_words.txt");

/// Whether byte `at` of `text` falls strictly inside a word of [`KEPT`] of `tag`'s language.
fn inside_kept(text: &str, at: usize, tag: &str) -> bool {
    KEPT.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.trim().split_once(' '))
        .filter(|(lang, _)| !lang.ends_with("-break"))
        .filter(|(lang, _)| tag.starts_with(lang.split('-').next().unwrap_or(lang)))
        .any(|(_, word)| {
            text.match_indices(word.trim())
                .any(|(from, w)| from < at && at < from + w.len())
        })
}

/// Whether byte `at` of a Japanese `text` falls inside one of BudouX's phrases (the
/// phrase model the rules follow: "知らせ / ましょう", "電話して / ください"), and at none
/// of the boundaries the list adds to the model's ("ja-break 問い詰めたり|しない").
fn inside_phrase(text: &str, at: usize) -> bool {
    use bridgeprint::layout::breaks::{japanese_model, phrase_boundaries};
    let listed = KEPT
        .lines()
        .filter_map(|l| l.trim().strip_prefix("ja-break "))
        .filter_map(|entry| entry.trim().split_once('|'))
        .any(|(head, tail)| text[..at].ends_with(head) && text[at..].starts_with(tail));
    !listed
        && phrase_boundaries(japanese_model(), text)
            .binary_search(&at)
            .is_err()
}

/// Whether a break with `head` before it and `tail` after it is one of [`LISTED`].
fn listed(head: &str, tail: &str, tag: &str) -> bool {
    LISTED.iter().any(|(lang, case)| {
        let (end, start) = case.split_once('|').unwrap_or((case, ""));
        tag.starts_with(lang) && head.ends_with(end) && tail.starts_with(start)
    })
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// What is wrong with a line break at byte `at` of `text` in language `tag`, if anything.
fn bad_break(
    text: &str,
    at: usize,
    tag: &str,
    words: &[usize],
    printed: &BTreeSet<usize>,
) -> Option<&'static str> {
    let head = text[..at].trim_end_matches(invisible);
    if listed(
        head.trim_end(),
        text[at..].trim_start_matches(invisible),
        tag,
    ) {
        return Some("a line breaks inside a word a reader sees as one");
    }
    let spaced = head.ends_with(char::is_whitespace);
    let before = head
        .trim_end_matches(|c: char| c.is_whitespace() || invisible(c))
        .chars()
        .next_back()?;
    let after = text[at..].trim_start_matches(invisible).chars().next()?;
    // A separator the line break stands in for is not printed ("通話無料 / 秘密厳守"); the
    // line ends with the word before it.
    let before_at = head
        .trim_end_matches(|c: char| c.is_whitespace() || invisible(c))
        .len()
        - before.len_utf8();
    let unprinted_separator = SEPARATORS.contains(before) && !printed.contains(&before_at);
    if NO_END.contains(before) && !unprinted_separator {
        return Some("a line ends with an opening mark or a separator");
    }
    if NO_START.contains(after) && !(after == '·' && spaced) {
        return Some("a line starts with a closing mark");
    }
    // Korean is set keep-all: a line breaks at a space, not between a word and its
    // particle ("1-888-373-7888 / 번으로") or a bracket glued to it ("사무소 / (UNODC)").
    if tag.starts_with("ko") && !spaced && (is_cjk(before) || is_cjk(after)) {
        return Some("a Korean line breaks where there is no space");
    }
    // A Japanese particle or ending belongs to the word, number or quote before it.
    if tag.starts_with("ja") && !spaced && is_hiragana(after) && !is_hiragana(before) {
        let punctuation = "、。，．？！：；・";
        if !punctuation.contains(before) {
            return Some("a Japanese line starts with the particle of the word before it");
        }
    }
    // A number keeps the counter or particle written after it ("24 / 時間", "7888 / に",
    // "7888 / 번으로", "200 / 多种").
    if !spaced && before.is_ascii_digit() && is_cjk(after) {
        return Some("a number is split from the word it is attached to");
    }
    if !spaced && inside_kept(text, at, tag) {
        return Some("a line breaks inside a word or phrase of cjk_words.txt");
    }
    // The model reads a list ("無料・秘密厳守") as one phrase; the break that stands in
    // for its separator parts two of its items.
    if tag.starts_with("ja")
        && !spaced
        && !unprinted_separator
        && is_cjk(before)
        && is_cjk(after)
        && inside_phrase(text, at)
    {
        return Some("a Japanese line breaks inside a phrase of the phrase model");
    }
    let letters = before.is_alphanumeric() && after.is_alphanumeric();
    if spaced || !letters || !(is_cjk(before) || is_cjk(after)) {
        return None;
    }
    if words.binary_search(&at).is_err() {
        return Some("a line breaks inside a word");
    }
    None
}

#[test]
fn cjk_lines_break_between_words_and_keep_kinsoku_in_every_document() {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut problems = Vec::new();
    let mut breaks = 0;
    let docs = cjk_documents();
    assert!(docs.len() > 100, "only {} documents laid out", docs.len());
    for (name, tags, doc) in &docs {
        for (run, lines, printed) in paragraphs(doc) {
            let tag = tags.get(run.lang).map_or("", String::as_str);
            if !["ja", "zh", "ko"].iter().any(|t| tag.starts_with(t)) {
                continue;
            }
            let text = &*run.text;
            let words: Vec<usize> = segmenter.segment_str(text).collect();
            // Every separator prints, but one a line break stands in for.
            let line_ends: Vec<usize> = lines.iter().map(|l| l.1).collect();
            for (i, c) in text.char_indices().filter(|&(_, c)| SEPARATORS.contains(c)) {
                // Hidden at a line's end: within the line, or between its last glyph and
                // the next line's first (the separator and the blanks round it go together).
                let end = i + c.len_utf8();
                let at_end = line_ends.contains(&end)
                    || lines.windows(2).any(|w| w[0].1 <= i && end <= w[1].0);
                if !printed.contains(&i) && !at_end {
                    problems.push(format!(
                        "{name}: a separator inside a line is not printed: {text:?}"
                    ));
                }
            }
            for w in lines.windows(2) {
                let at = w[1].0;
                breaks += 1;
                if let Some(why) = bad_break(text, at, tag, &words, &printed) {
                    problems.push(format!(
                        "{name}: {why}: {:?} / {:?}",
                        &text[w[0].0..w[0].1],
                        &text[w[1].0..w[1].1]
                    ));
                }
            }
        }
    }
    assert!(breaks > 500, "only {breaks} line breaks seen");
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} bad breaks in {breaks}:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every line end of every Chinese, Japanese and Korean paragraph, for a typesetter to
/// read: `BRIDGEPRINT_LINE_ENDS=file cargo test --release --test tests -- --ignored
/// cjk_breaks::print_line_ends` writes each paragraph once, its lines split by " / ", with
/// the documents that set it so.
#[test]
#[ignore = "writes a file for reading, asserts nothing"]
fn print_line_ends() {
    let Ok(path) = std::env::var("BRIDGEPRINT_LINE_ENDS") else {
        return;
    };
    let mut seen: std::collections::BTreeMap<(String, String), Vec<String>> =
        std::collections::BTreeMap::new();
    for (name, tags, doc) in &cjk_documents() {
        for (run, lines, _) in paragraphs(doc) {
            let tag = tags.get(run.lang).map_or("", String::as_str);
            if lines.len() < 2 || !["ja", "zh", "ko"].iter().any(|t| tag.starts_with(t)) {
                continue;
            }
            let text = &*run.text;
            let split: Vec<String> = lines
                .iter()
                .map(|&(s, e)| text[s..e].chars().filter(|&c| !invisible(c)).collect())
                .collect();
            seen.entry((tag.to_string(), split.join(" / ")))
                .or_default()
                .push(name.clone());
        }
    }
    let mut out = String::new();
    for ((tag, lines), docs) in &seen {
        out.push_str(&format!(
            "[{tag}] {lines}\n    in {} docs: {}\n",
            docs.len(),
            docs[0]
        ));
    }
    std::fs::write(path, out).expect("writes the line ends");
}
