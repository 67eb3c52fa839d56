//! Line breaks in Chinese, Japanese and Korean, checked on the laid-out pages of every
//! ja, zh and ko document (every kind, paper and edition, alone and paired with English):
//! no break inside a word of ICU's dictionary segmenter ("管 / 理", "知ら / せましょう"),
//! no Korean break but at a space ("이 / 상"), no closing mark starting a line, no opening
//! one or separator ending one.

use std::collections::BTreeSet;

use bridgeprint::layout::{Elem, GlyphRun, LaidDocument, visit};
use bridgeprint::{Engine, Kind, Paper};
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// Characters that may not start a line (the kinsoku the issue names, small kana and the
/// prolonged sound mark), written out here rather than taken from the code under test.
const NO_START: &str =
    "、。，．」』）】〕〉》！？：；・·ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
/// Characters that may not end a line: opening brackets, and the separators.
const NO_END: &str = "「『（【〔〈《・·";

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3005}'..='\u{3007}' | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Every document with a Chinese, Japanese or Korean language, with its name and the
/// language tag of each of its languages.
fn cjk_documents() -> Vec<(String, Vec<String>, LaidDocument)> {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let en = content.locale("en").expect("en");
    let mut engine = Engine::new();
    let mut out = Vec::new();
    let cjk = |tag: &str| ["ja", "zh", "ko"].contains(&tag.split('-').next().unwrap_or(""));
    for locale in content.locales.iter().filter(|l| cjk(&l.meta.tag)) {
        let editions: Vec<&String> = locale.red_flags.editions.0.keys().collect();
        for kind in Kind::made_by_default() {
            for paper in Paper::ALL {
                for selection in [vec![locale], vec![en, locale], vec![locale, en]] {
                    let tags: Vec<String> = selection.iter().map(|l| l.meta.tag.clone()).collect();
                    let name = format!("{} {kind:?} {paper:?}", tags.join("+"));
                    // A kind that takes one language or one paper says so; what it makes
                    // is checked.
                    let Ok(laid) = engine.lay_out(&content, &selection, kind, paper) else {
                        continue;
                    };
                    out.push((name.clone(), tags.clone(), laid));
                    if selection.len() > 1
                        || !bridgeprint::compose::edition_changes(kind, selection.len())
                    {
                        continue;
                    }
                    for e in &editions {
                        let laid = engine
                            .lay_out_edition(&content, &selection, kind, paper, Some(e))
                            .expect("edition lays out");
                        out.push((format!("{name} {e}"), tags.clone(), laid));
                    }
                }
            }
        }
    }
    out
}

/// Each paragraph's lines as byte ranges of its text, in text order: the glyph runs that
/// share a paragraph's text, grouped by baseline (a paragraph drawn twice, as on the
/// tear-off tabs, gives the same ranges twice, kept once).
fn paragraphs(doc: &LaidDocument) -> Vec<(&GlyphRun, Vec<(usize, usize)>)> {
    let mut runs: Vec<&GlyphRun> = Vec::new();
    for page in &doc.pages {
        visit(&page.elems, &mut |e, _| {
            if let Elem::Glyphs(g) = e {
                runs.push(g);
            }
        });
    }
    let mut out: Vec<(&GlyphRun, BTreeSet<(u32, usize, usize)>)> = Vec::new();
    for run in runs {
        let (Some(start), Some(end)) = (
            run.glyphs.iter().map(|g| g.text.start).min(),
            run.glyphs.iter().map(|g| g.text.end).max(),
        ) else {
            continue;
        };
        let key = (run.y.to_bits(), start, end);
        match out
            .iter_mut()
            .find(|(r, _)| std::sync::Arc::ptr_eq(&r.text, &run.text))
        {
            Some((_, set)) => {
                set.insert(key);
            }
            None => out.push((run, BTreeSet::from([key]))),
        }
    }
    out.into_iter()
        .map(|(run, set)| {
            // The runs of one line share its baseline (a number's runs and the text around
            // it have invisible bidi isolates between them, drawn by no glyph).
            let mut lines: Vec<(u32, usize, usize)> = Vec::new();
            for (y, s, e) in set {
                match lines.iter_mut().find(|l| l.0 == y) {
                    Some(l) => {
                        l.1 = l.1.min(s);
                        l.2 = l.2.max(e);
                    }
                    None => lines.push((y, s, e)),
                }
            }
            let mut ranges: Vec<(usize, usize)> = lines.iter().map(|l| (l.1, l.2)).collect();
            ranges.sort();
            ranges.dedup();
            (run, ranges)
        })
        .collect()
}

/// Characters that print nothing and steer bidi or joining (isolates, joiners).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// What is wrong with a line break at byte `at` of `text` in language `tag`, if anything.
fn bad_break(text: &str, at: usize, tag: &str, words: &[usize]) -> Option<&'static str> {
    let head = text[..at].trim_end_matches(invisible);
    let spaced = head.ends_with(char::is_whitespace);
    let before = head
        .trim_end_matches(|c: char| c.is_whitespace() || invisible(c))
        .chars()
        .next_back()?;
    let after = text[at..].trim_start_matches(invisible).chars().next()?;
    if NO_END.contains(before) {
        return Some("a line ends with an opening mark or a separator");
    }
    if NO_START.contains(after) && !(after == '·' && spaced) {
        return Some("a line starts with a closing mark");
    }
    let letters = before.is_alphanumeric() && after.is_alphanumeric();
    if spaced || !letters || !(is_cjk(before) || is_cjk(after)) {
        return None;
    }
    // Where a number or a Latin word meets Korean ("1-888-373-7888 / 번으로") a line may
    // break when it fits no other way; inside Korean letters, never.
    if tag.starts_with("ko") {
        return (is_cjk(before) && is_cjk(after))
            .then_some("a Korean line breaks where there is no space");
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
        for (run, lines) in paragraphs(doc) {
            let tag = tags.get(run.lang).map_or("", String::as_str);
            if !["ja", "zh", "ko"].iter().any(|t| tag.starts_with(t)) {
                continue;
            }
            let text = &*run.text;
            let words: Vec<usize> = segmenter.segment_str(text).collect();
            for w in lines.windows(2) {
                let at = w[1].0;
                breaks += 1;
                if let Some(why) = bad_break(text, at, tag, &words) {
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
