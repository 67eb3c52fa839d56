//! Checklist stage, beside the read-back: a laid-out notice measured against a legal
//! profile's rules (issue 15). Everything is measured from what is printed: the trim of
//! each page, the size each glyph run is drawn at, the language each run is tagged with,
//! the numbers the read-back proved, and the page's text as the read-back reads it. A
//! [`Checklist`] says, rule by rule, what was measured where and what was expected; it
//! judges a document, it does not change one.
//!
//! What counts as the notice's own text: every glyph run with visible characters whose
//! role is not [`Role::Artifact`]. Layout gives that role to what describes the print
//! rather than says anything (the draft notice, the slug's job name, page numbers, a
//! heading repeated as "continued"), so those are left out of the text size, the
//! languages and the statutory text. A list's label (its bullet) is left out of the
//! statutory text only: list markers are layout, not words.

use std::fmt;
use std::ops::Range;

use icu_normalizer::ComposingNormalizerBorrowed;

use crate::content::{Contacts, chars};
use crate::layout::{self, ContainerKind, Elem, GlyphRun, LaidDocument, LaidPage};
use crate::readback::{self, Reading};
use crate::types::{Role, Size};

/// What a profile asks of a posted notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirements {
    /// `ca-civ-52.6`.
    pub profile: String,
    /// `Cal. Civ. Code § 52.6`.
    pub citation: String,
    /// In points; a page passes if it is at least this in either orientation.
    pub min_paper: Size,
    /// The smallest glyph size allowed in the notice's own (non-artifact) text, in points.
    pub min_text_pt: f32,
    /// BCP 47 tags that must be printed (read from the runs' language tags); `es` is
    /// met by `es` or `es-US`.
    pub languages: Vec<String>,
    /// Contact keys whose value must be read back on the page (`hotline`, `cast`).
    pub numbers: Vec<String>,
    /// Text that must be printed.
    pub statutes: Vec<Statute>,
    /// Each language posted separately (Texas): no page prints two languages, and each
    /// page, a notice of its own, prints every required number.
    pub one_language_per_page: bool,
}

/// Statutory text as it must read on the page, contact values already expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct Statute {
    /// The BCP 47 tag of the runs it must be printed in.
    pub lang: String,
    pub text: String,
    /// Verbatim (every character), or "substantially" ([`SUBSTANTIAL`] of its words in
    /// order, every word with a digit as written).
    pub exact: bool,
}

/// The share of a statute's words a page must print, in order, when the law asks for
/// "substantially the following" (Florida § 787.29(4)). Substantially the text is the same
/// sentences, a word changed or moved here and there: 95 % lets Florida's 55 words differ
/// in two (an article, a word form, "a" for "an"), not lose a clause ("Victims of slavery
/// and human trafficking are protected under United States and Florida law." is 14 of them).
/// Numbers are outside this allowance: each must print as written.
pub const SUBSTANTIAL: f32 = 0.95;

/// Sizes within this many points are equal: a page's size and a glyph's size are f32s
/// computed from inches and millimetres.
const EPSILON: f32 = 0.01;

/// A profile's rules measured on one document (serialisable: the shape `--json` prints).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Checklist {
    pub profile: String,
    pub rules: Vec<Rule>,
}

/// One rule: what was measured, where, and what the profile expects.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rule {
    /// `paper`, `text size`, `number cast`, `statute en (verbatim)`.
    pub name: String,
    pub pass: bool,
    /// What is printed, and where: `page 1: smallest 16.0 pt, 'Toll-free.'`.
    pub measured: String,
    pub expected: String,
    /// The page (1-based) the measure that decided the rule is on.
    pub page: Option<usize>,
}

impl Checklist {
    /// Every rule passes.
    pub fn passed(&self) -> bool {
        self.rules.iter().all(|r| r.pass)
    }

    /// The rules that do not pass.
    pub fn failed(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| !r.pass)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = if self.pass { "PASS" } else { "FAIL" };
        write!(
            f,
            "{status}  {}: {} (expected {})",
            self.name, self.measured, self.expected
        )
    }
}

/// One line per rule.
impl fmt::Display for Checklist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for rule in &self.rules {
            writeln!(f, "{rule}")?;
        }
        Ok(())
    }
}

/// Measures `doc` against `req`; the numbers are proven against `contacts`.
pub fn measure(doc: &LaidDocument, contacts: &Contacts, req: &Requirements) -> Checklist {
    let reading = readback::read(doc, contacts);
    let mut rules = vec![paper(doc, req.min_paper), text_size(doc, req.min_text_pt)];
    if !req.languages.is_empty() {
        rules.push(languages(doc, &req.languages));
    }
    if req.one_language_per_page {
        rules.push(one_language_per_page(doc));
    }
    for key in &req.numbers {
        rules.push(number(
            contacts,
            &reading,
            key,
            req.one_language_per_page.then_some(doc.pages.len()),
        ));
    }
    rules.push(read_back(&reading));
    rules.extend(req.statutes.iter().map(|s| statute(doc, s)));
    Checklist {
        profile: req.profile.clone(),
        rules,
    }
}

/// Every page's trim is at least `min`, either way round.
fn paper(doc: &LaidDocument, min: Size) -> Rule {
    let fits = |s: Size| {
        let at_least = |a: f32, b: f32| a + EPSILON >= b;
        (at_least(s.w, min.w) && at_least(s.h, min.h))
            || (at_least(s.w, min.h) && at_least(s.h, min.w))
    };
    let pages = doc.pages.iter().enumerate();
    // The first page too small, or else the smallest.
    let shown = pages.clone().find(|(_, p)| !fits(p.size)).or_else(|| {
        pages.min_by(|a, b| (a.1.size.w * a.1.size.h).total_cmp(&(b.1.size.w * b.1.size.h)))
    });
    let expected = format!("at least {}, either way round", inches(min));
    match shown {
        None => Rule::fail("paper", "no page".into(), expected, None),
        Some((i, page)) => Rule {
            name: "paper".into(),
            pass: fits(page.size),
            measured: format!("page {}: {}", i + 1, inches(page.size)),
            expected,
            page: Some(i + 1),
        },
    }
}

/// The smallest size any of the notice's own text is drawn at, on every page.
fn text_size(doc: &LaidDocument, min: f32) -> Rule {
    let mut runs: Vec<(usize, f32, &GlyphRun)> = Vec::new();
    for (i, page) in doc.pages.iter().enumerate() {
        runs.extend(
            drawn_sizes(page)
                .into_iter()
                .map(|(size, run)| (i + 1, size, run)),
        );
    }
    let expected = format!("no text under {min:.1} pt");
    let Some(&(page, size, run)) = runs.iter().min_by(|a, b| a.1.total_cmp(&b.1)) else {
        return Rule::fail("text size", "no text on any page".into(), expected, None);
    };
    let under = runs.iter().filter(|r| r.1 + EPSILON < min).count();
    let mut measured = format!("page {page}: smallest {size:.1} pt, {}", describe(run));
    if under > 1 {
        measured.push_str(&format!("; {under} runs under {min:.1} pt"));
    }
    Rule {
        name: "text size".into(),
        pass: under == 0,
        measured,
        expected,
        page: Some(page),
    }
}

/// Each of the notice's runs on `page` with the size it is printed at: its font size
/// times the scale of the groups it is drawn in.
fn drawn_sizes(page: &LaidPage) -> Vec<(f32, &GlyphRun)> {
    let mut out = Vec::new();
    layout::visit(&page.elems, &mut |e, to_page| {
        if let Elem::Glyphs(run) = e
            && is_notice_text(run)
        {
            let scale = (to_page.sx * to_page.sy - to_page.kx * to_page.ky)
                .abs()
                .sqrt();
            out.push((run.size * scale, run));
        }
    });
    out
}

/// A run of the notice's own text: not an artifact, and something visible in it.
fn is_notice_text(run: &GlyphRun) -> bool {
    run.role != Role::Artifact
        && run
            .glyphs
            .iter()
            .filter_map(|g| run.text.get(g.text.clone()))
            .flat_map(str::chars)
            .any(|c| !c.is_whitespace() && !is_invisible(c))
}

/// `'Toll-free.' (texts.notice.list)`: a run as a message names it.
fn describe(run: &GlyphRun) -> String {
    let text: String = run
        .logical_text()
        .chars()
        .filter(|&c| !is_invisible(c))
        .collect();
    let text = text.trim();
    let short: String = text.chars().take(40).collect();
    let more = if short.len() < text.len() { "…" } else { "" };
    if run.key.is_empty() {
        format!("'{short}{more}'")
    } else {
        format!("'{short}{more}' ({})", run.key)
    }
}

/// Each required language is printed: some run of the notice's text is tagged with it.
fn languages(doc: &LaidDocument, wanted: &[String]) -> Rule {
    let printed = printed_languages(doc);
    let shown: Vec<String> = printed
        .iter()
        .map(|(tag, pages)| format!("{tag} (page {})", list(pages)))
        .collect();
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|w| !printed.iter().any(|(tag, _)| tag_matches(tag, w)))
        .map(String::as_str)
        .collect();
    let mut measured = if shown.is_empty() {
        "none printed".to_string()
    } else {
        shown.join(", ")
    };
    if !missing.is_empty() {
        measured = format!("{} not printed; printed: {measured}", missing.join(", "));
    }
    Rule {
        name: "languages".into(),
        pass: missing.is_empty(),
        measured,
        expected: wanted.join(", "),
        page: None,
    }
}

/// Each language tag the notice's text is printed in, with the pages it is on.
fn printed_languages(doc: &LaidDocument) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, page) in doc.pages.iter().enumerate() {
        for tag in page_languages(doc, page) {
            match out.iter_mut().find(|(t, _)| *t == tag) {
                Some((_, pages)) => pages.push(i + 1),
                None => out.push((tag, vec![i + 1])),
            }
        }
    }
    out
}

/// The language tags of the notice's text on one page, in the order first drawn.
fn page_languages(doc: &LaidDocument, page: &LaidPage) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, run) in drawn_sizes(page) {
        let tag = tag_of(doc, run).to_string();
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

fn tag_of<'a>(doc: &'a LaidDocument, run: &GlyphRun) -> &'a str {
    doc.meta.langs.get(run.lang).unwrap_or(&doc.meta.locale)
}

/// Whether a printed tag meets a wanted one: the same, or more specific (`es-US` meets
/// `es`, `zh-Hant-TW` meets `zh-Hant`; `zh-Hans` does not meet `zh-Hant`).
fn tag_matches(printed: &str, wanted: &str) -> bool {
    let (p, w) = (printed.to_ascii_lowercase(), wanted.to_ascii_lowercase());
    p == w || p.strip_prefix(&w).is_some_and(|rest| rest.starts_with('-'))
}

/// No page prints the notice's text in two languages.
fn one_language_per_page(doc: &LaidDocument) -> Rule {
    let pages: Vec<(usize, Vec<String>)> = doc
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (i + 1, page_languages(doc, p)))
        .collect();
    let mixed = pages.iter().find(|(_, tags)| tags.len() > 1);
    let measured = match mixed {
        Some((page, tags)) => format!("page {page}: {}", tags.join(" and ")),
        None => pages
            .iter()
            .map(|(page, tags)| match tags.first() {
                Some(tag) => format!("page {page}: {tag}"),
                None => format!("page {page}: no text"),
            })
            .collect::<Vec<_>>()
            .join(", "),
    };
    Rule {
        name: "one language per page".into(),
        pass: mixed.is_none(),
        measured,
        expected: "each language on a sheet of its own".into(),
        page: mixed.map(|(p, _)| *p),
    }
}

/// The record `key`'s value is read back on the page (on each of `every` pages, when each
/// page is a notice of its own): printed whole, in order, as the record prints it.
fn number(contacts: &Contacts, reading: &Reading, key: &str, every: Option<usize>) -> Rule {
    let name = format!("number {key}");
    let Some(record) = contacts.get(key) else {
        return Rule::fail(
            &name,
            format!("no `{key}` record in the contacts"),
            format!("a `{key}` record, its value read back on the page"),
            None,
        );
    };
    let display: String = record
        .display
        .chars()
        .filter(|&c| !is_invisible(c))
        .collect();
    let mut pages: Vec<usize> = reading
        .proven
        .iter()
        .filter(|p| p.key == key && p.printed == display)
        .map(|p| p.page)
        .collect();
    pages.dedup();
    let expected = format!(
        "{} ({}) read back{}",
        record.display,
        record.name,
        if every.is_some() {
            " on every page"
        } else {
            ""
        }
    );
    let missing = match every {
        Some(n) => (1..=n).find(|p| !pages.contains(p)),
        None => pages.is_empty().then_some(1),
    };
    let measured = match (missing, pages.is_empty()) {
        (_, true) => "not read back on any page".to_string(),
        (Some(p), false) => format!(
            "page {p}: not read back (read back on page {})",
            list(&pages)
        ),
        (None, false) => format!("page {}: {}", list(&pages), record.display),
    };
    Rule {
        name,
        pass: missing.is_none(),
        measured,
        expected,
        page: missing.or(pages.first().copied()),
    }
}

/// The read-back refused nothing: a number printed other than as its record says is
/// never a number the notice gives, whatever the other rules measure.
fn read_back(reading: &Reading) -> Rule {
    let first = reading.problems.first();
    Rule {
        name: "read-back".into(),
        pass: first.is_none(),
        measured: match first {
            None => "every number, keyword and address reads as its record prints it".into(),
            // The read-back's words are a build's, which refuses to write the file.
            Some(e) => format!(
                "{} problem(s); first: {}",
                reading.problems.len(),
                e.to_string().trim_end_matches("; nothing was written")
            ),
        },
        expected: "every printed contact value as its record prints it".into(),
        page: first.and_then(|e| match e {
            crate::error::Error::Printed(p) => Some(p.page),
            _ => None,
        }),
    }
}

/// The statute's text is printed in its language on one page: verbatim, or substantially.
fn statute(doc: &LaidDocument, statute: &Statute) -> Rule {
    let how = if statute.exact {
        "verbatim"
    } else {
        "substantially"
    };
    let name = format!("statute {} ({how})", statute.lang);
    let wanted = normalise(&statute.text);
    let pages: Vec<(usize, String)> = doc
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (i + 1, page_text(doc, p, &statute.lang)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    if pages.is_empty() {
        let expected = format!("the statute's text in {}", statute.lang);
        return Rule::fail(
            &name,
            format!("no {} text on any page", statute.lang),
            expected,
            None,
        );
    }
    if statute.exact {
        verbatim(name, &wanted, &pages)
    } else {
        substantially(name, &wanted, &pages)
    }
}

fn verbatim(name: String, wanted: &str, pages: &[(usize, String)]) -> Rule {
    let total = wanted.chars().count();
    let expected = format!(
        "its {total} characters as the statute writes them (quotes, dashes and digits too)"
    );
    if let Some((page, _)) = pages.iter().find(|(_, text)| text.contains(wanted)) {
        return Rule {
            name,
            pass: true,
            measured: format!("page {page}: all {total} characters, verbatim"),
            expected,
            page: Some(*page),
        };
    }
    // Where the page parts from the statute: the longest start of it a page prints, back
    // to the word it is in, so the message shows words whole.
    let (page, text, agreed) = pages
        .iter()
        .map(|(p, text)| (*p, text, printed_prefix(text, wanted)))
        .max_by_key(|(_, _, n)| *n)
        .unwrap_or((0, &pages[0].1, 0));
    let agreed = wanted[..agreed].rfind(' ').map_or(0, |i| i + 1);
    let head: &str = &wanted[..agreed];
    let shows = match text.find(head) {
        Some(at) if agreed > 0 => excerpt(&text[at + agreed..]),
        _ => "nothing of it".to_string(),
    };
    Rule {
        name,
        pass: false,
        measured: format!(
            "page {page}: verbatim for {} of {total} characters, then reads '{shows}' where the statute has '{}'",
            head.chars().count(),
            excerpt(&wanted[agreed..])
        ),
        expected,
        page: Some(page),
    }
}

/// The length in bytes of the longest start of `wanted` that `text` contains (a start
/// contained means every shorter one is: a binary search over character boundaries).
fn printed_prefix(text: &str, wanted: &str) -> usize {
    let ends: Vec<usize> = wanted
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain(std::iter::once(wanted.len()))
        .collect();
    let (mut lo, mut hi) = (0, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text.contains(&wanted[..ends[mid - 1]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 { 0 } else { ends[lo - 1] }
}

/// The first few words of `text`, for a message.
fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(30).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn substantially(name: String, wanted: &str, pages: &[(usize, String)]) -> Rule {
    let statute = words(wanted);
    let numbers: Vec<&String> = statute
        .iter()
        .filter(|w| w.chars().any(char::is_numeric))
        .collect();
    let expected = format!(
        "at least {:.0} % of its {} words in order, every number as written",
        SUBSTANTIAL * 100.0,
        statute.len()
    );
    let judged = pages.iter().map(|(page, text)| {
        let printed = words(text);
        let share = in_order(&statute, &printed) as f32 / statute.len().max(1) as f32;
        let lost: Vec<&str> = numbers
            .iter()
            .filter(|n| !printed.contains(n))
            .map(|n| n.as_str())
            .collect();
        (*page, share, lost)
    });
    // The page that prints most of it, its numbers first.
    let Some((page, share, lost)) =
        judged.max_by(|a, b| (b.2.len().cmp(&a.2.len())).then(a.1.total_cmp(&b.1)))
    else {
        return Rule::fail(&name, "no page".into(), expected, None);
    };
    let mut measured = format!(
        "page {page}: {:.0} % of its words in order",
        (share * 100.0).floor()
    );
    if !lost.is_empty() {
        measured.push_str(&format!("; not printed: {}", lost.join(", ")));
    }
    Rule {
        name,
        pass: share + f32::EPSILON >= SUBSTANTIAL && lost.is_empty(),
        measured,
        expected,
        page: Some(page),
    }
}

/// A normalised text's words as "substantially" compares them: lower case, curly quotes
/// and dashes as their plain forms, punctuation at either end dropped; a dash between
/// words separates them whether or not spaces stand round it.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c == ' ' || matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}'))
        .map(|w| {
            let folded: String = w
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
                    '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
                    '\u{2010}' | '\u{2011}' | '\u{2012}' => '-',
                    c => c,
                })
                .collect();
            folded
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How many of `statute`'s words `printed` has in the same order (their longest common
/// subsequence).
fn in_order(statute: &[String], printed: &[String]) -> usize {
    let mut row = vec![0usize; printed.len() + 1];
    for word in statute {
        let mut diagonal = 0;
        for (j, p) in printed.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if word == p {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[printed.len()]
}

/// The text of the notice's runs in `lang` on `page` as a reader reads it, normalised
/// (see [`normalise`]): each line's clusters in reading order, lines and paragraphs in
/// the order drawn. A line ends in a space only where the layout broke the line at
/// whitespace of its paragraph; where it broke a word at a soft hyphen, the hyphen (an
/// invisible character) is dropped and the word read whole; a hyphen the text writes
/// stays, and the words round it are read joined (`Toll-` / `free.` reads `Toll-free.`).
fn page_text(doc: &LaidDocument, page: &LaidPage, lang: &str) -> String {
    let mut out = String::new();
    // The previous line's paragraph and where its drawn text ends.
    let mut last: Option<(&GlyphRun, usize)> = None;
    for line in readback::drawn_lines(&page.elems) {
        let run = line.runs[0];
        let label = run.path.last().map(|c| c.kind) == Some(ContainerKind::Label);
        if run.role == Role::Artifact || label || !tag_matches(tag_of(doc, run), lang) {
            continue;
        }
        let Some(start) = line.clusters.iter().map(|c| c.0.start).min() else {
            continue;
        };
        let end = line.clusters.iter().map(|c| c.0.end).max().unwrap_or(start);
        match last {
            Some((prev, prev_end)) if std::sync::Arc::ptr_eq(&prev.text, &run.text) => {
                let between = run.text.get(prev_end..start).unwrap_or_default();
                if between.chars().any(char::is_whitespace) {
                    out.push(' ');
                }
            }
            _ => out.push(' '),
        }
        out.push_str(&reading_order(&run.text, &line.clusters));
        last = Some((run, end));
    }
    normalise(&out)
}

/// A line's clusters (left to right as drawn, each with whether a right-to-left run drew
/// it) in the order a reader reads them: in the paragraph's direction, a stretch drawn
/// the other way (a number in Arabic, an Arabic word in English) read its own way.
fn reading_order(text: &str, clusters: &[(Range<usize>, bool)]) -> String {
    let rtl = starts_right_to_left(text);
    let mut order: Vec<&(Range<usize>, bool)> = clusters.iter().collect();
    if rtl {
        order.reverse();
    }
    let mut out = String::new();
    for stretch in order.chunk_by(|a, b| a.1 == b.1) {
        let against = stretch[0].1 != rtl;
        let mut push = |(range, _): &&(Range<usize>, bool)| {
            out.extend(text.get(range.clone()).unwrap_or_default().chars());
        };
        if against {
            stretch.iter().rev().for_each(&mut push);
        } else {
            stretch.iter().for_each(&mut push);
        }
    }
    out
}

/// Whether a paragraph's first strong letter (outside isolates, as Unicode's bidi
/// algorithm finds a paragraph's direction) is of a right-to-left script.
fn starts_right_to_left(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            c if depth == 0 && right_to_left(c) => return true,
            c if depth == 0 && c.is_alphabetic() => return false,
            _ => {}
        }
    }
    false
}

/// Letters of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan,
/// Mandaic and their presentation forms.
fn right_to_left(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
        && c.is_alphabetic()
}

/// Text as the verbatim comparison reads it: invisible characters (bidi controls, the
/// isolates round contact values, zero-width characters, a soft hyphen) dropped,
/// composed (NFC: `é` as one character or two is the same letter to a reader), every run
/// of whitespace (line breaks and no-break spaces too) one space. Nothing else is folded:
/// a straight quote is not a curly one, a hyphen not a dash.
fn normalise(text: &str) -> String {
    let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
    let composed = ComposingNormalizerBorrowed::new_nfc().normalize(&visible);
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_invisible(c: char) -> bool {
    chars::invisible(c).is_some() || chars::bidi_control(c).is_some()
}

/// `8.5 x 11 in (612 x 792 pt)`.
fn inches(size: Size) -> String {
    format!(
        "{} x {} in ({} x {} pt)",
        number_shown(size.w / 72.0),
        number_shown(size.h / 72.0),
        number_shown(size.w),
        number_shown(size.h)
    )
}

/// At most two decimals, none trailing: `8.5`, `11`, `8.27`.
fn number_shown(v: f32) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `1, 2`.
fn list(pages: &[usize]) -> String {
    pages
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Rule {
    fn fail(name: &str, measured: String, expected: String, page: Option<usize>) -> Rule {
        Rule {
            name: name.to_string(),
            pass: false,
            measured,
            expected,
            page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, OnceLock};

    use crate::content::{Contact, ContactKind};
    use crate::layout::{Container, Meta, PlacedGlyph};
    use crate::types::{Direction, Rgb};

    const LETTER: Size = Size { w: 612.0, h: 792.0 };
    const TABLOID: Size = Size {
        w: 792.0,
        h: 1224.0,
    };

    /// California's first paragraph as printed: its numbers are contact values.
    const CA_PRINTED: &str = "If you or someone you know is being forced to engage in any |activity and cannot leave—|whether it is commercial sex, housework, farm work, |construction, factory, retail, or restaurant work, or any other |activity—text \u{2066}233733\u{2069} (Be Free) or call the National Human |Trafficking Hotline at \u{2066}1-888-373-7888\u{2069} or the California Coalition to |Abolish Slavery and Trafficking (CAST) at \u{2066}1-888-539-2373\u{2069} to access help |and services.";
    /// The statute's text for the page above, its list item and the line before it.
    const CA_STATUTE: &str = "If you or someone you know is being forced to engage in any activity and cannot leave—whether it is commercial sex, housework, farm work, construction, factory, retail, or restaurant work, or any other activity—text 233733 (Be Free) or call the National Human Trafficking Hotline at 1-888-373-7888 or the California Coalition to Abolish Slavery and Trafficking (CAST) at 1-888-539-2373 to access help and services.\nThe hotlines are:\n  Toll-free.";

    fn font() -> parley::FontData {
        static FONT: OnceLock<parley::FontData> = OnceLock::new();
        FONT.get_or_init(|| {
            let mut fonts = crate::layout::Fonts::new();
            crate::layout::shape_line(&mut fonts, "x", "en", 10.0, false).expect("shapes")[0]
                .font
                .clone()
        })
        .clone()
    }

    /// A paragraph at `size` from `y`, a line at each `|` (a space before the `|` is the
    /// break's, not drawn, as a line breaker leaves it), one glyph per character but the
    /// isolates, which layout drops too.
    fn para(marked: &str, size: f32, lang: usize, y: f32) -> Vec<Elem> {
        let text: Arc<str> = Arc::from(marked.replace('|', ""));
        let mut elems = Vec::new();
        let mut at = 0;
        for (n, line) in marked.split('|').enumerate() {
            let drawn = line.trim_end_matches(' ');
            let glyphs: Vec<PlacedGlyph> = drawn
                .char_indices()
                .filter(|(_, c)| !('\u{2066}'..='\u{2069}').contains(c))
                .map(|(i, c)| PlacedGlyph {
                    id: 1,
                    advance: size * 0.5,
                    dx: 0.0,
                    dy: 0.0,
                    text: at + i..at + i + c.len_utf8(),
                })
                .collect();
            at += line.len();
            elems.push(Elem::Glyphs(GlyphRun {
                font: font(),
                size,
                color: Rgb::BLACK,
                x: 36.0,
                y: y + n as f32 * size * 1.2,
                glyphs,
                text: text.clone(),
                embolden: false,
                lang,
                rtl: false,
                key: Arc::from("texts.notice.body"),
                caption_of: None,
                role: Role::Paragraph,
                path: Arc::new([]),
            }));
        }
        elems
    }

    fn with_role(mut elems: Vec<Elem>, role: Role) -> Vec<Elem> {
        for e in &mut elems {
            if let Elem::Glyphs(run) = e {
                run.role = role;
            }
        }
        elems
    }

    fn as_label(mut elems: Vec<Elem>) -> Vec<Elem> {
        for e in &mut elems {
            if let Elem::Glyphs(run) = e {
                run.path = Arc::new([Container {
                    id: 1,
                    kind: ContainerKind::Label,
                }]);
            }
        }
        elems
    }

    fn doc(langs: &[&str], pages: Vec<(Size, Vec<Elem>)>) -> LaidDocument {
        LaidDocument {
            meta: Meta {
                title: String::new(),
                subject: String::new(),
                qr_alt: Vec::new(),
                langs: langs.iter().map(|l| l.to_string()).collect(),
                direction: Direction::Ltr,
                keywords: Vec::new(),
                draft: false,
                locale: langs.join("+"),
                of: crate::error::Of {
                    kind: crate::compose::Kind::Poster,
                    paper: Some(crate::compose::Paper::Letter),
                    pair: None,
                },
            },
            pages: pages
                .into_iter()
                .map(|(size, elems)| LaidPage {
                    size,
                    bleed: 0.0,
                    slug: 0.0,
                    marks: false,
                    elems,
                })
                .collect(),
        }
    }

    /// California's notice in English on one Letter page at 16 pt: the paragraph, the
    /// list's heading and one item broken after its hyphen.
    fn ca_page(printed: &str) -> Vec<Elem> {
        let mut elems = para(printed, 16.0, 0, 72.0);
        elems.extend(para("The hotlines are:", 16.0, 0, 400.0));
        elems.extend(as_label(para("•", 16.0, 0, 430.0)));
        elems.extend(para("Toll-|free.", 16.0, 0, 430.0));
        elems
    }

    fn contacts() -> Contacts {
        let record = |key: &str, kind: ContactKind, display: &str, keyword: &str| Contact {
            key: key.into(),
            name: key.to_uppercase(),
            kind,
            display: display.into(),
            number: String::new(),
            payload: String::new(),
            keyword: keyword.into(),
            source: "https://example.org".into(),
            verified: "2026-11-01".into(),
            verified_days: 30,
            override_reason: None,
            vanity: None,
        };
        let by_key = [
            record("hotline", ContactKind::Voice, "1-888-373-7888", ""),
            record("textline", ContactKind::Sms, "233733", "BEFREE"),
            record("cast", ContactKind::Voice, "1-888-539-2373", ""),
        ]
        .into_iter()
        .map(|c| (c.key.clone(), c))
        .collect();
        Contacts {
            settings: Default::default(),
            by_key,
        }
    }

    fn california() -> Requirements {
        Requirements {
            profile: "ca-civ-52.6".into(),
            citation: "Cal. Civ. Code § 52.6".into(),
            min_paper: LETTER,
            min_text_pt: 16.0,
            languages: vec!["en".into()],
            numbers: vec!["hotline".into(), "textline".into(), "cast".into()],
            statutes: vec![Statute {
                lang: "en".into(),
                text: CA_STATUTE.into(),
                exact: true,
            }],
            one_language_per_page: false,
        }
    }

    fn rule<'a>(list: &'a Checklist, name: &str) -> &'a Rule {
        list.rules
            .iter()
            .find(|r| r.name.starts_with(name))
            .unwrap_or_else(|| panic!("no rule {name} in\n{list}"))
    }

    #[test]
    fn a_notice_as_the_statute_writes_it_passes_every_rule() {
        let laid = doc(&["en"], vec![(LETTER, ca_page(CA_PRINTED))]);
        let list = measure(&laid, &contacts(), &california());
        assert!(list.passed(), "{list}");
        assert_eq!(
            rule(&list, "statute en").measured,
            format!(
                "page 1: all {} characters, verbatim",
                normalise(CA_STATUTE).chars().count()
            )
        );
        assert_eq!(
            rule(&list, "number cast").measured,
            "page 1: 1-888-539-2373"
        );
        assert_eq!(
            rule(&list, "paper").measured,
            "page 1: 8.5 x 11 in (612 x 792 pt)"
        );
    }

    #[test]
    fn a_letter_page_fails_an_11_by_17_minimum_and_a_turned_tabloid_passes() {
        let req = Requirements {
            min_paper: TABLOID,
            ..california()
        };
        let laid = doc(&["en"], vec![(LETTER, ca_page(CA_PRINTED))]);
        let paper = rule(&measure(&laid, &contacts(), &req), "paper").clone();
        assert!(!paper.pass);
        assert_eq!(paper.measured, "page 1: 8.5 x 11 in (612 x 792 pt)");
        assert_eq!(
            paper.expected,
            "at least 11 x 17 in (792 x 1224 pt), either way round"
        );
        assert_eq!(paper.page, Some(1));
        let turned = doc(
            &["en"],
            vec![(Size::new(1224.0, 792.0), ca_page(CA_PRINTED))],
        );
        assert!(rule(&measure(&turned, &contacts(), &req), "paper").pass);
        // The second page is the one too small.
        let two = doc(
            &["en"],
            vec![(TABLOID, ca_page(CA_PRINTED)), (LETTER, Vec::new())],
        );
        assert_eq!(
            rule(&measure(&two, &contacts(), &req), "paper").page,
            Some(2)
        );
    }

    #[test]
    fn a_14_point_run_under_a_16_point_minimum_names_the_run_and_its_page() {
        let mut small = para("Toll-free.", 14.0, 0, 100.0);
        small.extend(para("Anonymous and confidential.", 16.0, 0, 130.0));
        let laid = doc(
            &["en"],
            vec![(LETTER, ca_page(CA_PRINTED)), (LETTER, small)],
        );
        let list = measure(&laid, &contacts(), &california());
        let size = rule(&list, "text size");
        assert!(!size.pass, "{list}");
        assert_eq!(
            size.measured,
            "page 2: smallest 14.0 pt, 'Toll-free.' (texts.notice.body)"
        );
        assert_eq!(size.page, Some(2));
        assert!(!list.passed());
        let lower = Requirements {
            min_text_pt: 14.0,
            ..california()
        };
        assert!(rule(&measure(&laid, &contacts(), &lower), "text size").pass);
    }

    #[test]
    fn artifacts_are_not_the_notices_text_but_the_same_run_as_text_is() {
        let draft = para("Draft: not yet reviewed", 8.0, 0, 770.0);
        let mut page = ca_page(CA_PRINTED);
        page.extend(with_role(draft.clone(), Role::Artifact));
        let laid = doc(&["en"], vec![(LETTER, page)]);
        assert!(measure(&laid, &contacts(), &california()).passed());
        let mut page = ca_page(CA_PRINTED);
        page.extend(draft);
        let laid = doc(&["en"], vec![(LETTER, page)]);
        let list = measure(&laid, &contacts(), &california());
        assert!(
            rule(&list, "text size").measured.contains("8.0 pt"),
            "{list}"
        );
    }

    #[test]
    fn a_run_scaled_down_by_its_group_is_measured_as_printed() {
        let group = Elem::Group {
            transform: crate::types::Transform {
                sx: 0.5,
                ky: 0.0,
                kx: 0.0,
                sy: 0.5,
                tx: 0.0,
                ty: 0.0,
            },
            clip: None,
            elems: para("Toll-free.", 20.0, 0, 100.0),
        };
        let laid = doc(&["en"], vec![(LETTER, vec![group])]);
        let size = measure(&laid, &contacts(), &california());
        assert!(
            rule(&size, "text size").measured.contains("10.0 pt"),
            "{size}"
        );
    }

    #[test]
    fn a_statute_with_one_word_or_digit_changed_fails_verbatim() {
        let laid = doc(&["en"], vec![(LETTER, ca_page(CA_PRINTED))]);
        for (from, to) in [
            ("housework", "homework"),
            ("1-888-539-2373", "1-888-539-2374"),
            ("leave—whether", "leave-whether"),
            ("Toll-free.", "Toll free."),
        ] {
            let mut req = california();
            req.statutes[0].text = CA_STATUTE.replace(from, to);
            let list = measure(&laid, &contacts(), &req);
            let statute = rule(&list, "statute en");
            assert!(!statute.pass, "{to}: {list}");
            assert!(
                statute.measured.contains("where the statute has"),
                "{statute:?}"
            );
            assert!(!list.passed());
        }
        let mut req = california();
        req.statutes[0].text = CA_STATUTE.replace("housework", "homework");
        let list = measure(&laid, &contacts(), &req);
        assert!(
            rule(&list, "statute en").measured.contains("then reads 'housework, farm work, construc…' where the statute has 'homework, farm work, construct…'"),
            "{list}"
        );
    }

    #[test]
    fn verbatim_means_the_statutes_quotes_not_a_look_alike() {
        let laid = doc(&["en"], vec![(LETTER, para("Don't wait.", 16.0, 0, 72.0))]);
        let req = |text: &str, exact: bool| Requirements {
            statutes: vec![Statute {
                lang: "en".into(),
                text: text.into(),
                exact,
            }],
            numbers: Vec::new(),
            ..california()
        };
        let statute = |text: &str, exact: bool| {
            rule(&measure(&laid, &contacts(), &req(text, exact)), "statute").pass
        };
        assert!(statute("Don't wait.", true));
        assert!(!statute("Don\u{2019}t wait.", true));
        // Substantially reads a curly and a straight quote as one.
        assert!(statute("Don\u{2019}t wait.", false));
    }

    #[test]
    fn substantially_allows_a_changed_word_but_not_a_lost_clause_or_a_wrong_digit() {
        let laid = doc(&["en"], vec![(LETTER, ca_page(CA_PRINTED))]);
        let check = |text: String| {
            let mut req = california();
            req.statutes[0] = Statute {
                lang: "en".into(),
                text,
                exact: false,
            };
            rule(&measure(&laid, &contacts(), &req), "statute en").clone()
        };
        let one_word = check(CA_STATUTE.replace("housework", "homework"));
        assert!(one_word.pass, "{one_word:?}");
        assert_eq!(one_word.measured, "page 1: 98 % of its words in order");
        let clause = check(format!(
            "{CA_STATUTE} Victims of slavery and human trafficking are protected under United States and California law."
        ));
        assert!(!clause.pass, "{clause:?}");
        // One word of 70 differs, but it is a number.
        let digit = check(CA_STATUTE.replace("1-888-539-2373", "1-888-539-2374"));
        assert!(!digit.pass, "{digit:?}");
        assert!(
            digit.measured.ends_with("not printed: 1-888-539-2374"),
            "{digit:?}"
        );
    }

    #[test]
    fn a_wrong_digit_printed_fails_though_the_statute_matches_the_page() {
        let wrong = CA_PRINTED.replace("1-888-539-2373", "1-888-539-2374");
        let laid = doc(&["en"], vec![(LETTER, ca_page(&wrong))]);
        let mut req = california();
        req.statutes[0].text = CA_STATUTE.replace("1-888-539-2373", "1-888-539-2374");
        let list = measure(&laid, &contacts(), &req);
        assert!(rule(&list, "statute en").pass, "the text matches: {list}");
        assert!(!rule(&list, "number cast").pass, "{list}");
        let read_back = rule(&list, "read-back");
        assert!(!read_back.pass, "{list}");
        assert!(read_back.measured.contains("1-888-539-2374"), "{list}");
        assert!(
            !read_back.measured.ends_with("nothing was written"),
            "{list}"
        );
        assert!(!list.passed());
    }

    #[test]
    fn a_number_missing_from_the_page_or_the_records_fails() {
        let without = CA_PRINTED.replace("\u{2066}1-888-539-2373\u{2069}", "CAST");
        let laid = doc(&["en"], vec![(LETTER, ca_page(&without))]);
        let cast = rule(&measure(&laid, &contacts(), &california()), "number cast").clone();
        assert!(!cast.pass);
        assert_eq!(cast.measured, "not read back on any page");
        let laid = doc(&["en"], vec![(LETTER, ca_page(CA_PRINTED))]);
        let mut records = contacts();
        records.by_key.remove("cast");
        let list = measure(&laid, &records, &california());
        assert_eq!(
            rule(&list, "number cast").measured,
            "no `cast` record in the contacts"
        );
        assert!(!list.passed());
    }

    #[test]
    fn languages_are_read_from_the_runs_tags() {
        let mut page = para("Call \u{2066}1-888-373-7888\u{2069}.", 16.0, 0, 72.0);
        page.extend(para(
            "Llame al \u{2066}1-888-373-7888\u{2069}.",
            16.0,
            1,
            200.0,
        ));
        let laid = doc(&["en", "es-US"], vec![(LETTER, page)]);
        let req = |langs: &[&str]| Requirements {
            languages: langs.iter().map(|l| l.to_string()).collect(),
            numbers: vec!["hotline".into()],
            statutes: Vec::new(),
            ..california()
        };
        let list = measure(&laid, &contacts(), &req(&["en", "es"]));
        assert!(list.passed(), "{list}");
        assert_eq!(
            rule(&list, "languages").measured,
            "en (page 1), es-US (page 1)"
        );
        let list = measure(&laid, &contacts(), &req(&["en", "es", "tl"]));
        let langs = rule(&list, "languages");
        assert!(!langs.pass);
        assert_eq!(
            langs.measured,
            "tl not printed; printed: en (page 1), es-US (page 1)"
        );
    }

    #[test]
    fn two_languages_on_one_page_fail_one_language_per_page_and_pass_without_it() {
        let en = || para("Call \u{2066}1-888-373-7888\u{2069}.", 16.0, 0, 72.0);
        let es = || para("Llame al \u{2066}1-888-373-7888\u{2069}.", 16.0, 1, 200.0);
        let mut both = en();
        both.extend(es());
        let one_page = doc(&["en", "es"], vec![(TABLOID, both)]);
        let texas = Requirements {
            profile: "tx-1tac-54.103".into(),
            citation: "1 Tex. Admin. Code § 54.103".into(),
            min_paper: TABLOID,
            min_text_pt: 16.0,
            languages: vec!["en".into(), "es".into()],
            numbers: vec!["hotline".into()],
            statutes: Vec::new(),
            one_language_per_page: true,
        };
        let list = measure(&one_page, &contacts(), &texas);
        let rule_of = rule(&list, "one language per page");
        assert!(!rule_of.pass);
        assert_eq!(rule_of.measured, "page 1: en and es");
        assert_eq!(rule_of.page, Some(1));
        let off = Requirements {
            one_language_per_page: false,
            ..texas.clone()
        };
        let list = measure(&one_page, &contacts(), &off);
        assert!(list.passed(), "{list}");
        assert!(list.rules.iter().all(|r| r.name != "one language per page"));
        let two_pages = doc(&["en", "es"], vec![(TABLOID, en()), (TABLOID, es())]);
        let list = measure(&two_pages, &contacts(), &texas);
        assert!(list.passed(), "{list}");
        assert_eq!(
            rule(&list, "one language per page").measured,
            "page 1: en, page 2: es"
        );
        // Each sheet is a notice of its own: the number on the English one only fails.
        let bare = doc(
            &["en", "es"],
            vec![(TABLOID, en()), (TABLOID, para("Llame.", 16.0, 1, 72.0))],
        );
        let hotline = rule(&measure(&bare, &contacts(), &texas), "number hotline").clone();
        assert!(!hotline.pass);
        assert_eq!(
            hotline.measured,
            "page 2: not read back (read back on page 1)"
        );
    }

    #[test]
    fn a_right_to_left_line_reads_from_the_right_with_its_number_left_to_right() {
        // "اتصل 123": drawn left to right as 1 2 3, space, ل ص ت ا.
        let text = "اتصل 123";
        let at = |c: char| {
            let i = text.find(c).expect("in text");
            i..i + c.len_utf8()
        };
        let clusters = vec![
            (at('1'), false),
            (at('2'), false),
            (at('3'), false),
            (at(' '), true),
            (at('ل'), true),
            (at('ص'), true),
            (at('ت'), true),
            (at('ا'), true),
        ];
        assert_eq!(reading_order(text, &clusters), text);
        let english = "Call 123";
        let ltr: Vec<(Range<usize>, bool)> =
            (0..english.len()).map(|i| (i..i + 1, false)).collect();
        assert_eq!(reading_order(english, &ltr), english);
    }

    #[test]
    fn the_longest_start_a_page_prints_is_found() {
        assert_eq!(
            printed_prefix("call the hotline now", "the hotlime"),
            "the hotli".len()
        );
        assert_eq!(printed_prefix("abc", "xyz"), 0);
        assert_eq!(printed_prefix("ab—c", "ab—c"), "ab—c".len());
    }

    #[test]
    fn a_checklist_prints_a_line_per_rule() {
        let laid = doc(&["en"], vec![(LETTER, ca_page(CA_PRINTED))]);
        let req = Requirements {
            min_paper: TABLOID,
            ..california()
        };
        let shown = measure(&laid, &contacts(), &req).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 8, "{shown}");
        assert_eq!(
            lines[0],
            "FAIL  paper: page 1: 8.5 x 11 in (612 x 792 pt) (expected at least 11 x 17 in (792 x 1224 pt), either way round)"
        );
        assert!(
            lines[1].starts_with("PASS  text size: page 1: smallest 16.0 pt"),
            "{shown}"
        );
    }
}
