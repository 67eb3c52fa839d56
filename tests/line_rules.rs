//! Line breaks a reader trips on in any script (issue 13, defect 7, beyond CJK), checked on
//! the laid-out lines of every document: every locale, kind, paper and edition, and every
//! locale beside English both ways round.
//! - a separator (· ・ •) never starts or ends a line ("· interprètes", "24/7 ·"): where a
//!   line breaks at one, it is not printed;
//! - a number stays with its code ("22 / U.S.C. 7102", "§ / 7102") and a phone number is
//!   never split at a hyphen; a short prefix keeps its hyphen ("i- / text");
//! - a range or ratio of numbers is never split at its dash or slash ("15– / 20", "24/ /
//!   7" read as two numbers);
//! - no Thai line breaks inside a word of the reviewed list ("พาส / ปอร์ต", "เป็นความ / ลับ");
//! - in a right-to-left paragraph, an English title in brackets that a line break splits
//!   keeps each bracket against the word it encloses ("Modern ( الحديثة" printed the
//!   opening bracket on the Arabic side of the English).

use std::collections::BTreeSet;

use bridgeprint::layout::{Elem, GlyphRun, LaidDocument, visit};
use bridgeprint::{Engine, Kind, Paper};

use crate::common::docs::{self, Plan};

/// The separators between listed words, written out here rather than taken from the code.
const SEPARATORS: &str = "·・•‧･";

/// Every document the check plan lays out, in every edition, and every English pair on
/// every paper and card size, with its name and the language tag of each of its
/// languages. Every edition of every kind, not only the poster's: the ranges of numbers
/// are in the editions' signs ("15–20" on the Russian and Ukrainian trucking tear-off).
fn every_document(mut each: impl FnMut(&str, &[String], &LaidDocument)) {
    let content = docs::bundled();
    let plan = Plan::default().editions(|_| true);
    for doc in plan.lay_out(&content) {
        each(&doc.name, &doc.tags, &doc.laid);
    }
}

/// A paragraph as laid out: its runs and its lines as byte ranges of its text, in text
/// order (the glyph runs that share a text, grouped by baseline).
struct Paragraph<'a> {
    runs: Vec<&'a GlyphRun>,
    lines: Vec<(usize, usize)>,
}

fn paragraphs(doc: &LaidDocument) -> Vec<Paragraph<'_>> {
    let mut runs: Vec<&GlyphRun> = Vec::new();
    for page in &doc.pages {
        visit(&page.elems, &mut |e, _| {
            if let Elem::Glyphs(g) = e {
                runs.push(g);
            }
        });
    }
    let mut out: Vec<(Vec<&GlyphRun>, BTreeSet<(u32, usize, usize)>)> = Vec::new();
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
            .find(|(r, _)| std::sync::Arc::ptr_eq(&r[0].text, &run.text))
        {
            Some((r, set)) => {
                r.push(run);
                set.insert(key);
            }
            None => out.push((vec![run], BTreeSet::from([key]))),
        }
    }
    out.into_iter()
        .map(|(runs, set)| {
            let ranges = crate::common::docs::line_ranges(set);
            Paragraph {
                runs,
                lines: ranges,
            }
        })
        .collect()
}

/// Characters that print nothing and steer bidi or joining (isolates, joiners).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn blank(c: char) -> bool {
    c.is_whitespace() || invisible(c)
}

/// The characters a line prints, in text order: those some glyph of the paragraph on that
/// line stands for.
fn printed(p: &Paragraph<'_>, line: (usize, usize)) -> String {
    let text = &*p.runs[0].text;
    let mut covered: BTreeSet<usize> = BTreeSet::new();
    for run in &p.runs {
        for g in &run.glyphs {
            if g.text.start >= line.0 && g.text.end <= line.1 {
                covered.extend(g.text.clone());
            }
        }
    }
    text[line.0..line.1]
        .char_indices()
        .filter(|(i, _)| covered.contains(&(line.0 + i)))
        .map(|(_, c)| c)
        .collect()
}

/// The word (letters, digits and the marks inside them) that ends `head`.
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
    let to = tail.find(blank).unwrap_or(tail.len());
    &tail[..to]
}

/// A legal code's abbreviation: capitals each followed by a stop ("U.S.C.", "C.F.R.").
fn code(token: &str) -> bool {
    token.contains('.')
        && token.len() >= 4
        && token.chars().all(|c| c == '.' || c.is_ascii_uppercase())
}

/// What is wrong with a Latin line break before byte `at` of `text`, if anything.
fn bad_latin_break(text: &str, at: usize) -> Option<&'static str> {
    let head = text[..at].trim_end_matches(blank);
    let tail = text[at..].trim_start_matches(blank);
    let before = last_token(head);
    let after = first_token(tail);
    let digit_start = after.starts_with(|c: char| c.is_ascii_digit());
    let number = |t: &str| {
        t.trim_end_matches([',', '.'])
            .chars()
            .all(|c| c.is_ascii_digit())
    };
    if let Some(stem) = before.strip_suffix('-') {
        let letters: String = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if stem.ends_with(|c: char| c.is_ascii_digit()) || digit_start {
            return Some("a number split at its hyphen");
        }
        if !letters.is_empty() && letters.chars().count() <= 2 {
            return Some("a short prefix split from its word at its hyphen");
        }
    }
    if !before.is_empty() && number(before) && code(after) {
        return Some("a number split from its code");
    }
    if (code(before) || before == "§" || before == "§§") && digit_start {
        return Some("a code split from its number");
    }
    None
}

/// What joins two numbers into a range or ratio, written out here rather than taken from
/// the code: hyphen-minus, hyphen, figure dash, en dash, em dash, slash, fraction slash.
const NUMBER_JOINS: &str = "-\u{2010}\u{2012}\u{2013}\u{2014}/\u{2044}";

/// Whether two printed lines, one over the other, split a range or ratio of numbers at its
/// dash or slash: the first ends with a digit and a dash ("15–" / "20") or a digit ("15"
/// / "–20"), and the second starts with the digit that completes it.
fn split_numbers(line: &str, next: &str) -> bool {
    let (line, next) = (line.trim_matches(blank), next.trim_matches(blank));
    let mut end = line.chars().rev();
    let mut start = next.chars();
    let joins = |c: Option<char>| c.is_some_and(|c| NUMBER_JOINS.contains(c));
    let digit = |c: Option<char>| c.is_some_and(char::is_numeric);
    let (last, first) = (end.next(), start.next());
    (joins(last) && digit(end.next()) && digit(first))
        || (digit(last) && joins(first) && digit(start.next()))
}

/// The reviewed Thai words no line breaks inside (the list the layout keeps whole).
const THAI_WORDS: &str = include_str!("../src/layout/thai_words.txt");

fn thai_words() -> Vec<&'static str> {
    THAI_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The listed Thai word a break at `at` of `text` falls inside, if any.
fn inside_thai_word(text: &str, at: usize, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| {
        text.match_indices(w)
            .any(|(from, _)| from < at && at < from + w.len())
    })
}

/// Whether `c` is written right to left (Hebrew, Arabic and their presentation forms).
fn rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Each glyph's horizontal centre, the byte offset of the text it stands for and whether
/// its run is right to left (the shaper mirrors a bracket there: "(" prints as ")").
fn glyph_xs(run: &GlyphRun) -> Vec<(f32, usize, bool)> {
    let mut x = run.x;
    run.glyphs
        .iter()
        .map(|g| {
            let at = (x + g.dx + g.advance / 2.0, g.text.start, run.rtl);
            x += g.advance;
            at
        })
        .collect()
}

/// In a right-to-left paragraph, each bracket round English words that does not open
/// towards them as printed: a bracket printed as "(" has on its right, and one printed as
/// ")" on its left, the nearest visible glyph a character inside the brackets.
fn misplaced_brackets(p: &Paragraph<'_>) -> Vec<String> {
    let text = &*p.runs[0].text;
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(len) = text[open..].find(')') else {
            continue;
        };
        let close = open + len;
        let inner = &text[open + 1..close];
        if !inner.chars().any(|c| c.is_ascii_alphabetic()) || inner.chars().any(rtl_letter) {
            continue;
        }
        for line in &p.lines {
            let mut xs: Vec<(f32, usize, bool)> = p
                .runs
                .iter()
                .flat_map(|r| glyph_xs(r))
                .filter(|&(_, at, _)| at >= line.0 && at < line.1 && !text[at..].starts_with(blank))
                .collect();
            xs.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (i, &(_, at, rtl)) in xs.iter().enumerate() {
                if at != open && at != close {
                    continue;
                }
                let opens = (at == open) != rtl;
                let neighbour = if opens {
                    xs.get(i + 1)
                } else {
                    i.checked_sub(1).and_then(|j| xs.get(j))
                };
                if !neighbour.is_some_and(|&(_, n, _)| n > open && n < close) {
                    let shape = if opens { "(" } else { ")" };
                    out.push(format!(
                        "{shape:?} printed away from its words {:?}",
                        &text[open..close + 1]
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn no_line_in_any_script_breaks_where_a_reader_trips() {
    let words = thai_words();
    assert!(
        words.len() >= 2,
        "the Thai list holds {} words",
        words.len()
    );
    let mut problems: BTreeSet<String> = BTreeSet::new();
    let mut breaks = 0;
    let mut docs = 0;
    every_document(|name, tags, doc| {
        docs += 1;
        for p in paragraphs(doc) {
            let run = p.runs[0];
            let text = &*run.text;
            let tag = tags.get(run.lang).map_or("", String::as_str);
            let lines: Vec<String> = p.lines.iter().map(|&l| printed(&p, l)).collect();
            let shown = |i: usize| lines[i].trim_matches(blank).to_string();
            for line in &lines {
                let line = line.trim_matches(blank);
                // A list's bullet ("•") is a label of its own, not a separator.
                let bullet = line.chars().count() == 1;
                let edge = line.starts_with(|c| SEPARATORS.contains(c))
                    || line.ends_with(|c| SEPARATORS.contains(c));
                if edge && !bullet {
                    problems.insert(format!("{name}: a separator at a line's edge: {line:?}"));
                }
            }
            for (i, w) in p.lines.windows(2).enumerate() {
                let at = w[1].0;
                breaks += 1;
                let pair = format!("{:?} / {:?}", shown(i), shown(i + 1));
                if let Some(why) = bad_latin_break(text, at) {
                    problems.insert(format!("{name}: {why}: {pair}"));
                }
                if split_numbers(&lines[i], &lines[i + 1]) {
                    problems.insert(format!("{name}: numbers split at their dash: {pair}"));
                }
                if let Some(word) = inside_thai_word(text, at, &words) {
                    problems.insert(format!("{name}: inside the Thai word {word:?}: {pair}"));
                }
            }
            if (tag.starts_with("ar") || tag.starts_with("fa")) && p.lines.len() > 1 {
                for why in misplaced_brackets(&p) {
                    problems.insert(format!("{name} {tag}: {why}"));
                }
            }
        }
    });
    assert!(docs > 300, "only {docs} documents laid out");
    assert!(breaks > 5000, "only {breaks} line breaks seen");
    assert!(
        problems.is_empty(),
        "{} bad breaks in {breaks}:\n{}",
        problems.len(),
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_latin_rules_see_the_breaks_the_reviewers_saw() {
    let text = "Act (TVPA), 22 U.S.C. 7102.";
    assert!(bad_latin_break(text, text.find("U.S.C.").unwrap()).is_some());
    assert!(bad_latin_break(text, text.find("7102").unwrap()).is_some());
    assert!(bad_latin_break(text, text.find("22").unwrap()).is_none());
    let text = "Tawagan o i-text pa rin.";
    assert!(bad_latin_break(text, text.find("text").unwrap()).is_some());
    let text = "Call 1-888-373-7888";
    assert!(bad_latin_break(text, text.find("373").unwrap()).is_some());
    let text = "well-known";
    assert!(bad_latin_break(text, text.find("known").unwrap()).is_none());
}

#[test]
fn the_range_rule_sees_a_range_split_at_its_dash_and_not_a_phrase() {
    assert!(split_numbers("через 15–", "20 хвилин"));
    assert!(split_numbers("open 24/\u{2069} ", "7 days"));
    assert!(split_numbers("1983", "/2004"));
    assert!(!split_numbers("Mon–", "Fri"));
    assert!(!split_numbers("24/7 ·", "toll-free"));
    assert!(!split_numbers("15 –", "20"));
}

/// Ranges of numbers set in a handout's paragraph on every paper: with a break allowed
/// after a dash, some line of one of them ends "17–" over "57". The bundled texts have few
/// ranges ("15–20" on the Russian and Ukrainian trucking signs, "24/7"), none at a line's
/// end today: this is the rule seen at work.
#[test]
fn ranges_of_numbers_set_in_a_paragraph_are_never_split_at_their_dash() {
    // Two digits each side: no run of three or five reads as a service or short code.
    let ranges: Vec<String> = (10..58).map(|a| format!("shift {a}–{}", a + 40)).collect();
    let case = crate::common::materials::case("en/texts.toml", |t| {
        t.replace(
            "intro = \"Handout intro paragraph.\"",
            &format!("intro = \"Hours: {}.\"", ranges.join(", ")),
        )
    });
    let content = bridgeprint::content::load(&case.materials).expect("edited fixture loads");
    let en = content.locale("en").expect("en");
    let mut engine = Engine::new();
    let (mut breaks, mut problems) = (0, Vec::new());
    for paper in Paper::ALL {
        // Split at a dash, a number fails the read-back: the user gets an error, no page.
        let doc = match engine.lay_out(&content, &[en], Kind::Handout, paper) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(format!("{}: not laid out: {e}", paper.name()));
                continue;
            }
        };
        for p in paragraphs(&doc) {
            if &*p.runs[0].key != "texts.handout.intro" {
                continue;
            }
            let lines: Vec<String> = p.lines.iter().map(|&l| printed(&p, l)).collect();
            for w in lines.windows(2) {
                breaks += 1;
                if split_numbers(&w[0], &w[1]) {
                    problems.push(format!("{}: {:?} / {:?}", paper.name(), w[0], w[1]));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(breaks >= 12, "only {breaks} line breaks in the ranges");
}
