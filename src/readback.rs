//! Read-back stage, between layout and render: reads every line of every laid-out page as
//! an eye reads it, and refuses a document that would print a number, keyword or web
//! address other than as its contact record says.
//!
//! The source scan ([`crate::content::numbers`]) judges texts as written; what a reader
//! sees is the shaped, bidi-reordered line. So this stage works from the glyph runs: each
//! line's clusters are ordered by where they are drawn, left to right (digits read left to
//! right in every script), and each cluster gives its characters once. Then:
//!
//! - every contact value (an LRI..PDI span, see [`crate::content::expand`]) must read
//!   exactly as its record prints it, whole, on one line, with no digit or letter fused to
//!   either side, and a code's caption may show only that code's contact;
//! - every other number-like token must be one the source-text rules accept (a year, a
//!   count, `24/7`) and print in the order it is written.
//!
//! What a reader cannot tell apart is normalised first: NFKD (fullwidth, superscript,
//! circled and mathematical digits), every script's decimal digits to ASCII, and
//! invisible, bidi-control and combining characters dropped.

use std::ops::Range;
use std::sync::Arc;

use icu_normalizer::DecomposingNormalizerBorrowed;
use icu_normalizer::properties::CanonicalCombiningClassMapBorrowed;

use crate::content::chars;
use crate::content::numbers::{self, Records, digit_value, show_invisible};
use crate::content::{Contact, ContactKind, Contacts, ISOLATE_END, ISOLATE_START, isolate_spans};
use crate::error::{Error, Printed};
use crate::layout::{Elem, GlyphRun, LaidDocument};

mod links;

/// Checks every page of `laid` against the contact records.
pub fn check(laid: &LaidDocument, contacts: &Contacts) -> Result<(), Error> {
    match read_all(laid, contacts, true, true)
        .problems
        .into_iter()
        .next()
    {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// A contact value the read-back proved on a page: printed whole, on one line, in the
/// order its record writes it, with nothing fused to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Proven {
    /// 1-based.
    pub page: usize,
    /// The record's key (`cast`); a value two records print proves both.
    pub key: String,
    /// Its visible characters as printed.
    pub printed: String,
}

/// What the read-back proved of a document and what it refused, every line read.
#[derive(Debug, Default)]
pub struct Reading {
    pub proven: Vec<Proven>,
    pub problems: Vec<Error>,
}

/// Reads every printed line of every page, going on past a refused line: what a
/// checklist measures the printed numbers by. Links print nothing and are not read.
pub fn read(laid: &LaidDocument, contacts: &Contacts) -> Reading {
    read_all(laid, contacts, false, false)
}

fn read_all(
    laid: &LaidDocument,
    contacts: &Contacts,
    first_only: bool,
    with_links: bool,
) -> Reading {
    let records = Records::new(Some(contacts));
    let reader = Reader {
        laid,
        contacts,
        records: &records,
        nfkd: DecomposingNormalizerBorrowed::new_nfkd(),
        ccc: CanonicalCombiningClassMapBorrowed::new(),
    };
    let mut reading = Reading::default();
    for (i, page) in laid.pages.iter().enumerate() {
        // Runs inside a group are read in the group's own coordinates: lines and their
        // order hold under any transform that keeps left to right (a move, a scale).
        let mut drawn = Drawn::default();
        drawn.collect(&page.elems);
        let Drawn { runs, codes, .. } = drawn;
        // A paragraph's lines come one after another: its spans and tokens are found once.
        let mut para: Option<Para> = None;
        for line in lines(&runs) {
            if let Err(problem) = reader.line(i + 1, &line, &codes, &mut para, &mut reading.proven)
            {
                reading.problems.push(problem);
                if first_only {
                    return reading;
                }
            }
        }
        // Links last: a value printed wrong is the first thing to fix.
        if !with_links {
            continue;
        }
        if let Err((key, value, problem)) = links::check(&page.elems, contacts) {
            reading.problems.push(Error::Printed(Box::new(Printed {
                locale: laid.meta.locale.clone(),
                kind: laid.meta.of.kind,
                paper: laid.meta.of.paper,
                pair: laid.meta.of.pair.clone(),
                page: i + 1,
                key,
                printed: shown(&value),
                written: shown(&value),
                problem,
            })));
            if first_only {
                return reading;
            }
        }
    }
    reading
}

/// One line of a page as drawn: a paragraph's runs on one baseline, with its clusters.
#[derive(Debug)]
pub struct DrawnLine<'a> {
    pub runs: Vec<&'a GlyphRun>,
    /// Its clusters left to right as drawn, each once: the byte range in the paragraph
    /// ([`GlyphRun::text`]) and whether a right-to-left run drew it.
    pub clusters: Vec<(Range<usize>, bool)>,
}

/// The lines of a page (groups opened, in their own coordinates) in the order their
/// first run is drawn, as the read-back groups them.
pub fn drawn_lines(elems: &[Elem]) -> Vec<DrawnLine<'_>> {
    let mut drawn = Drawn::default();
    drawn.collect(elems);
    lines(&drawn.runs)
        .into_iter()
        .map(|line| DrawnLine {
            clusters: clusters(&line)
                .into_iter()
                .map(|c| (c.text, c.rtl))
                .collect(),
            runs: line.runs,
        })
        .collect()
}

/// What a page draws that the read-back reads, groups opened.
#[derive(Default)]
struct Drawn<'a> {
    runs: Vec<&'a GlyphRun>,
    codes: Vec<&'a str>,
}

impl<'a> Drawn<'a> {
    fn collect(&mut self, elems: &'a [Elem]) {
        for e in elems {
            match e {
                Elem::Glyphs(run) => self.runs.push(run),
                Elem::Qr { contact, .. } => self.codes.push(contact),
                Elem::Group { elems, .. } => self.collect(elems),
                _ => {}
            }
        }
    }
}

/// One character as drawn: where it is in its paragraph and what a reader takes it for.
#[derive(Debug, Clone)]
struct Seen {
    ch: char,
    /// Byte offset in the paragraph.
    at: usize,
    /// Which contact value of the paragraph it belongs to.
    span: Option<usize>,
    /// What a reader takes it for: ASCII digits for any digit, nothing for an invisible
    /// character, else the character's compatibility decomposition.
    reads: Reads,
}

#[derive(Debug, Clone, PartialEq)]
enum Reads {
    Invisible,
    /// Most characters read as one (no allocation: a handout has thousands).
    Char(char),
    Text(Box<str>),
}

impl Reads {
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let (one, many) = match self {
            Reads::Invisible => (None, None),
            Reads::Char(c) => (Some(*c), None),
            Reads::Text(t) => (None, Some(t.chars())),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }

    /// Appends what is read to `out`; returns how many bytes.
    fn push_to(&self, out: &mut String) -> usize {
        let before = out.len();
        out.extend(self.chars());
        out.len() - before
    }
}

impl Seen {
    fn visible(&self) -> bool {
        self.reads != Reads::Invisible
    }
}

/// What the read-back knows of a paragraph as written.
struct Para {
    text: Arc<str>,
    spans: Result<Vec<Span>, String>,
    /// Its number-like tokens, found when a line of it has a digit or a dot.
    written: Option<Vec<Vec<usize>>>,
}

/// A contact value in a paragraph: the text between an LRI and its PDI.
#[derive(Debug, Clone)]
struct Span {
    inner: Range<usize>,
}

/// The runs of one paragraph on one baseline, in the order they are drawn.
struct Line<'a> {
    runs: Vec<&'a GlyphRun>,
}

impl Line<'_> {
    fn first(&self) -> &GlyphRun {
        self.runs[0]
    }
}

/// Groups runs into lines: the same paragraph and the same baseline.
fn lines<'a>(runs: &[&'a GlyphRun]) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'a>> = Vec::new();
    for run in runs {
        let same = |l: &Line| {
            let f = l.first();
            Arc::ptr_eq(&f.text, &run.text) && (f.y - run.y).abs() < 0.01
        };
        match out.iter_mut().rev().find(|l| same(l)) {
            Some(line) => line.runs.push(run),
            None => out.push(Line { runs: vec![run] }),
        }
    }
    out
}

/// A cluster of a line as drawn: where it starts and ends, its text in the paragraph, and
/// the size and direction of the run that drew it.
struct Cluster {
    x: f32,
    end: f32,
    text: Range<usize>,
    size: f32,
    rtl: bool,
}

/// The clusters of a line, left to right, each once.
fn clusters(line: &Line) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for run in &line.runs {
        let mut pen = run.x;
        for g in &run.glyphs {
            match out.last_mut() {
                // A cluster's glyphs come together in a run (a ligature's parts, a base and
                // its marks).
                Some(c) if c.text == g.text && c.rtl == run.rtl => {
                    c.end = c.end.max(pen + g.dx + g.advance);
                }
                _ => out.push(Cluster {
                    x: pen + g.dx,
                    end: pen + g.dx + g.advance,
                    text: g.text.clone(),
                    size: run.size,
                    rtl: run.rtl,
                }),
            }
            pen += g.advance;
        }
    }
    // Stable: clusters drawn at the same place (zero-width ones) keep the shaper's order.
    out.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut seen: Vec<Range<usize>> = Vec::with_capacity(out.len());
    out.retain(|c| {
        let new = !seen.contains(&c.text);
        if new {
            seen.push(c.text.clone());
        }
        new
    });
    out
}

/// The contact values of a paragraph, or the reason its isolates are not well formed.
fn spans(text: &str) -> Result<Vec<Span>, String> {
    match isolate_spans(text) {
        (_, Some(problem)) => Err(problem.into()),
        (inner, None) => Ok(inner.into_iter().map(|inner| Span { inner }).collect()),
    }
}

/// Characters a reader does not see: every character Unicode calls default-ignorable
/// (bidi controls, zero-width characters, fillers, tag characters: the content rules'
/// [`chars::invisible`] set), and combining marks, which sit on the character before.
fn is_invisible(c: char, ccc: &CanonicalCombiningClassMapBorrowed) -> bool {
    !c.is_ascii()
        && (chars::invisible(c).is_some()
            || chars::bidi_control(c).is_some()
            || matches!(c,
                '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
                | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
            || ccc.get_u8(c) != 0)
}

/// Digits drawn in a circle without a compatibility decomposition to plain digits
/// (dingbats): `❶` is 1.
fn dingbat_number(c: char) -> Option<u32> {
    let cp = u32::from(c);
    match cp {
        0x2776..=0x277F => Some(cp - 0x2776 + 1),
        0x2780..=0x2789 => Some(cp - 0x2780 + 1),
        0x278A..=0x2793 => Some(cp - 0x278A + 1),
        0x24EB..=0x24F4 => Some(cp - 0x24EB + 11),
        0x24F5..=0x24FE => Some(cp - 0x24F5 + 1),
        0x24FF | 0x1F10B | 0x1F10C => Some(0),
        _ => None,
    }
}

/// Whether `c` lies in a block with compatibility forms of digits, Latin letters, spaces
/// or punctuation (superscripts, fullwidth and mathematical forms, enclosed numbers, ...).
/// Other letters (Arabic, Thai, CJK) are read as themselves without decomposing them,
/// which keeps the read-back of a page of Arabic fast.
fn may_read_as_ascii(c: char) -> bool {
    matches!(u32::from(c),
        0x00A0..=0x00BF | 0x02B0..=0x02FF | 0x1D2C..=0x1D7F | 0x2000..=0x2BFF
        | 0x3000..=0x33FF | 0xFB00..=0xFB06 | 0xFE10..=0xFE6F | 0xFF00..=0xFFEF
        | 0x1D400..=0x1D7FF | 0x1F100..=0x1F1FF)
}

/// The widest gap between two clusters of a line that still reads as none, in ems of the
/// cluster after it: kerning and tracking stay well under it, a word space (about 0.25 em)
/// is a character of its own.
const GAP_EM: f32 = 0.2;

struct Reader<'a> {
    laid: &'a LaidDocument,
    contacts: &'a Contacts,
    records: &'a Records,
    nfkd: DecomposingNormalizerBorrowed<'static>,
    ccc: CanonicalCombiningClassMapBorrowed<'static>,
}

impl Reader<'_> {
    /// What a reader takes `c` for.
    fn reads(&self, c: char) -> Reads {
        if c.is_ascii() {
            return Reads::Char(c);
        }
        if is_invisible(c, &self.ccc) {
            return Reads::Invisible;
        }
        if let Some(d) = digit_value(c) {
            return Reads::Char(char::from(b'0' + d));
        }
        if let Some(n) = dingbat_number(c) {
            return match char::from_digit(n, 10) {
                Some(d) => Reads::Char(d),
                None => Reads::Text(n.to_string().into()),
            };
        }
        if !may_read_as_ascii(c) {
            return Reads::Char(c);
        }
        let mut out = String::new();
        for d in self.nfkd.normalize_iter(std::iter::once(c)) {
            if let Some(v) = digit_value(d) {
                out.push(char::from(b'0' + v));
            } else if !is_invisible(d, &self.ccc) {
                out.push(d);
            }
        }
        let mut chars = out.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Reads::Invisible,
            (Some(one), None) => Reads::Char(one),
            _ => Reads::Text(out.into()),
        }
    }

    fn line(
        &self,
        page: usize,
        line: &Line,
        codes: &[&str],
        cache: &mut Option<Para>,
        proven: &mut Vec<Proven>,
    ) -> Result<(), Error> {
        let run = line.first();
        let text: &str = &run.text;
        let para = match cache {
            Some(p) if Arc::ptr_eq(&p.text, &run.text) => p,
            _ => cache.insert(Para {
                text: run.text.clone(),
                spans: spans(text),
                written: None,
            }),
        };
        let spans = match &para.spans {
            Ok(spans) => spans,
            Err(problem) => return Err(self.error(page, line, &[], problem.clone())),
        };
        let mut seen: Vec<Seen> = Vec::new();
        let mut drawn_to: Option<f32> = None;
        for Cluster {
            x,
            end,
            text: range,
            size,
            ..
        } in clusters(line)
        {
            let Some(chars) = text.get(range.clone()) else {
                continue;
            };
            // A gap no character fills (between two runs, or glyphs moved apart) parts what
            // is either side of it as a space does: a reader sees two things, not one
            // number. (A glyph's advance is taken as drawn: the layout gives a hidden
            // glyph's advance to its neighbour only at a line's edge.)
            if drawn_to.is_some_and(|to| x - to > GAP_EM * size) {
                seen.push(Seen {
                    ch: ' ',
                    at: range.start,
                    span: None,
                    reads: Reads::Char(' '),
                });
            }
            drawn_to = Some(drawn_to.map_or(end, |to| to.max(end)));
            for (off, ch) in chars.char_indices() {
                let at = range.start + off;
                let span = spans.iter().position(|s| s.inner.contains(&at));
                seen.push(Seen {
                    ch,
                    at,
                    span,
                    reads: self.reads(ch),
                });
            }
        }
        let fail = |problem: String| self.error(page, line, &seen, problem);
        if let Some(c) = &run.caption_of
            && !codes.contains(&&**c)
        {
            return Err(fail(format!(
                "it speaks for the QR code of `{c}`, which is not on this page"
            )));
        }
        for (i, span) in spans.iter().enumerate() {
            let printed = self
                .check_span(i, span, text, &seen, run.caption_of.as_deref())
                .map_err(&fail)?;
            if let Some(printed) = printed {
                let value = &text[span.inner.clone()];
                proven.extend(self.owners(value).into_iter().map(|owner| Proven {
                    page,
                    key: owner.key.clone(),
                    printed: printed.clone(),
                }));
            }
        }
        self.check_tokens(text, &seen, &mut para.written)
            .map_err(&fail)
    }

    /// A contact value reads exactly as its record prints it, whole, on this line, with
    /// nothing alphanumeric fused to it, and only where it may be printed: its printed
    /// characters, or `None` when it is not on this line.
    fn check_span(
        &self,
        index: usize,
        span: &Span,
        text: &str,
        seen: &[Seen],
        caption: Option<&str>,
    ) -> Result<Option<String>, String> {
        let value = &text[span.inner.clone()];
        let at: Vec<usize> = (0..seen.len())
            .filter(|&i| seen[i].span == Some(index) && seen[i].visible())
            .collect();
        let owners = self.owners(value);
        let Some(owner) = owners.first() else {
            return Err(format!(
                "\"{}\" is marked as a contact's value but no record in contacts.toml prints it",
                show_invisible(value)
            ));
        };
        let printed: String = at.iter().map(|&i| seen[i].ch).collect();
        let expected: String = value
            .chars()
            .filter(|&c| self.reads(c) != Reads::Invisible)
            .collect();
        if at.is_empty() {
            // Not on this line at all: the line holding it checks it.
            return Ok(None);
        }
        if printed.chars().count() != expected.chars().count() {
            return Err(format!(
                "{} breaks across lines; a reader must see it whole",
                describe(owner, value)
            ));
        }
        if printed != expected {
            return Err(format!(
                "{} prints as \"{}\" (its characters are out of order: a direction control in contacts.toml or the text reverses it)",
                describe(owner, value),
                show_invisible(&printed)
            ));
        }
        let (first, last) = (at[0], at[at.len() - 1]);
        if let Some(foreign) =
            (first..=last).find(|&i| seen[i].visible() && seen[i].span != Some(index))
        {
            return Err(format!(
                "\"{}\" is printed inside {}",
                seen[foreign].ch,
                describe(owner, value)
            ));
        }
        for (side, neighbour) in [
            ("before", self.fused(seen, first, -1)),
            ("after", self.fused(seen, last, 1)),
        ] {
            if let Some(n) = neighbour {
                return Err(format!(
                    "\"{}\" is printed right {side} {}, so a reader takes them for one {}; put a word or a comma between them",
                    seen[n].ch,
                    describe(owner, value),
                    if owner.kind == ContactKind::Web {
                        "address"
                    } else {
                        "number or keyword"
                    }
                ));
            }
        }
        if let Some(code) = caption
            && !owners.iter().any(|o| o.key == code)
        {
            return Err(format!(
                "{} is printed as the caption of the QR code for `{code}`, which reaches {}; a code's caption may show only its own contact",
                describe(owner, value),
                self.contacts
                    .get(code)
                    .map_or(String::from("another contact"), |c| format!(
                        "{} ({})",
                        c.name, c.display
                    ))
            ));
        }
        Ok(Some(printed))
    }

    /// The records whose printed form is `value`: a display, or an sms keyword.
    fn owners(&self, value: &str) -> Vec<&Contact> {
        self.contacts
            .by_key
            .values()
            .filter(|c| c.prints(value))
            .collect()
    }

    /// The character fused to the edge `from` of a contact value, looking `step` (-1 left,
    /// 1 right): a letter or digit right beside it, or a digit one phone separator away
    /// (`{hotline}-1`, `{hotline} 24`), the same distance the content rule in
    /// [`crate::content::chars`] refuses. Two separators (`233733 (24/7)`) read apart. Letters of scripts unlike the Latin one a number is printed
    /// in (Arabic, Chinese, Thai) stand apart from it and are not fused.
    fn fused(&self, seen: &[Seen], from: usize, step: isize) -> Option<usize> {
        let mut separators = 0;
        let mut i = from as isize + step;
        while let Some(s) = usize::try_from(i).ok().and_then(|i| seen.get(i)) {
            let here = i as usize;
            i += step;
            if !s.visible() {
                continue;
            }
            let reads = &s.reads;
            let digit = reads.chars().any(|c| c.is_ascii_digit());
            if digit {
                return Some(here);
            }
            if separators == 0 && reads.chars().any(latin_like) {
                return Some(here);
            }
            if reads.chars().all(numbers::joins_phone_digits) && separators < 1 {
                separators += 1;
                continue;
            }
            return None;
        }
        None
    }

    /// Every number-like token outside the contact values is a figure the source-text
    /// rules accept, printed in the order it is written; none straddles a value's edge.
    fn check_tokens(
        &self,
        text: &str,
        seen: &[Seen],
        written: &mut Option<Vec<Vec<usize>>>,
    ) -> Result<(), String> {
        // What a reader sees, normalised, with each byte's character in `seen`; contact
        // values masked with `{`, which neither scan reads as part of a number.
        let mut plain = String::new();
        let mut masked = String::new();
        let mut owner: Vec<usize> = Vec::new();
        for (i, s) in seen.iter().enumerate() {
            let n = s.reads.push_to(&mut plain);
            if s.span.is_some() {
                masked.extend(std::iter::repeat_n('{', n));
            } else {
                s.reads.push_to(&mut masked);
            }
            owner.extend(std::iter::repeat_n(i, n));
        }
        if !plain.bytes().any(|b| b.is_ascii_digit() || b == b'.') {
            return Ok(());
        }
        let written = written.get_or_insert_with(|| written_tokens(self, text));
        for token in numbers::token_ranges(&plain) {
            let chars: Vec<usize> = dedup(owner[token.clone()].iter().copied());
            let spans: Vec<Option<usize>> = dedup(chars.iter().map(|&i| seen[i].span));
            let shown = &plain[token.clone()];
            if spans.len() > 1 {
                return Err(format!(
                    "\"{shown}\" joins a contact's value to {}, so a reader takes them for one number or address",
                    if spans.contains(&None) {
                        "other characters"
                    } else {
                        "another contact's value"
                    }
                ));
            }
            if !chars.windows(2).all(|w| seen[w[0]].at < seen[w[1]].at) {
                let mut written = chars.clone();
                written.sort_by_key(|&i| seen[i].at);
                let written: String = written.iter().map(|&i| seen[i].ch).collect();
                return Err(format!(
                    "\"{shown}\" prints in a different order than written (\"{}\"): a direction control or the text's direction reorders it",
                    show_invisible(&written)
                ));
            }
            let mut set: Vec<usize> = chars.iter().map(|&i| seen[i].at).collect();
            set.sort_unstable();
            if !written.contains(&set) {
                return Err(format!(
                    "\"{shown}\" prints apart from, or joined to, characters it is not written with: a direction control or the text's direction moves part of a number"
                ));
            }
        }
        if let Some(lit) = numbers::find(&masked, self.records).into_iter().next() {
            let shown = &plain[lit.range.clone()];
            return Err(format!(
                "it prints the {} \"{shown}\", which is not a contact's value: {}",
                lit.kind.noun(),
                lit.advice()
            ));
        }
        Ok(())
    }

    fn error(&self, page: usize, line: &Line, seen: &[Seen], problem: String) -> Error {
        let run = line.first();
        let locale = self
            .laid
            .meta
            .langs
            .get(run.lang)
            .cloned()
            .unwrap_or_else(|| self.laid.meta.locale.clone());
        let printed: String = seen.iter().map(|s| s.ch).collect();
        let written: String = {
            let (lo, hi) = seen.iter().fold((usize::MAX, 0), |(lo, hi), s| {
                (lo.min(s.at), hi.max(s.at + s.ch.len_utf8()))
            });
            run.text.get(lo..hi).unwrap_or(&run.text).to_string()
        };
        Error::Printed(Box::new(Printed {
            locale,
            kind: self.laid.meta.of.kind,
            paper: self.laid.meta.of.paper,
            pair: self.laid.meta.of.pair.clone(),
            page,
            key: run.key.to_string(),
            printed: shown(&printed),
            written: shown(&written),
            problem,
        }))
    }
}

/// A line for a message: the isolates the tool puts round contact values dropped, every
/// other invisible character shown as `<U+202E>`.
fn shown(text: &str) -> String {
    let own: String = text
        .chars()
        .filter(|&c| c != ISOLATE_START && c != ISOLATE_END)
        .collect();
    show_invisible(own.trim())
}

/// `the number 233733 of contact \`textline\``.
fn describe(owner: &Contact, value: &str) -> String {
    let what = match owner.kind {
        ContactKind::Web => "the address",
        ContactKind::Sms if owner.keyword == value && owner.display != value => "the keyword",
        _ => "the number",
    };
    format!("{what} {} of `{}`", show_invisible(value), owner.key)
}

/// Letters a reader would run together with a Latin keyword or an ASCII number: Latin,
/// Greek, Cyrillic and Armenian.
fn latin_like(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c.is_alphabetic()
            && matches!(u32::from(c), 0x00C0..=0x058F | 0x1D00..=0x1FFF | 0x2C60..=0x2C7F | 0xA640..=0xA7FF | 0xFF21..=0xFF5A))
}

fn dedup<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in items {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The number-like tokens of a paragraph as written (in logical order), each as the
/// byte offsets of its visible characters: a token as printed must be one of them whole,
/// or part of it prints elsewhere (another place on the line, or another line).
fn written_tokens(reader: &Reader, text: &str) -> Vec<Vec<usize>> {
    let mut plain = String::new();
    let mut owner: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        let n = reader.reads(c).push_to(&mut plain);
        owner.extend(std::iter::repeat_n(at, n));
    }
    numbers::token_ranges(&plain)
        .into_iter()
        .map(|t| dedup(owner[t].iter().copied()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(c: char) -> Reads {
        let reader = Reader {
            laid: &LaidDocument {
                meta: crate::layout::Meta {
                    title: String::new(),
                    subject: String::new(),
                    qr_alt: Vec::new(),
                    langs: Vec::new(),
                    direction: crate::types::Direction::Ltr,
                    keywords: Vec::new(),
                    draft: false,
                    locale: "en".into(),
                    of: crate::error::Of {
                        kind: crate::compose::Kind::Card,
                        paper: None,
                        pair: None,
                    },
                },
                pages: Vec::new(),
            },
            contacts: &Contacts {
                settings: Default::default(),
                by_key: Default::default(),
            },
            records: &Records::default(),
            nfkd: DecomposingNormalizerBorrowed::new_nfkd(),
            ccc: CanonicalCombiningClassMapBorrowed::new(),
        };
        reader.reads(c)
    }

    #[test]
    fn digits_a_reader_cannot_tell_from_ascii_read_as_ascii() {
        for (c, d) in [
            ('٤', '4'),
            ('۴', '4'),
            ('४', '4'),
            ('๔', '4'),
            ('４', '4'),
            ('④', '4'),
            ('⁴', '4'),
            ('₄', '4'),
            ('𝟒', '4'),
            ('❹', '4'),
            ('➃', '4'),
            ('²', '2'),
        ] {
            assert_eq!(reads(c), Reads::Char(d), "{c:?}");
        }
        assert_eq!(reads('⑩'), Reads::Text("10".into()));
        assert_eq!(reads('－'), Reads::Char('-'));
        assert_eq!(reads('ب'), Reads::Char('ب'));
    }

    #[test]
    fn controls_joiners_fillers_and_marks_are_invisible() {
        for c in [
            '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{202E}', '\u{2066}', '\u{061C}',
            '\u{0301}', '\u{064B}', '\u{20DD}', '\u{3164}', '\u{FE0F}',
        ] {
            assert_eq!(reads(c), Reads::Invisible, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn isolates_mark_contact_values_and_must_pair_up() {
        let text = "Text \u{2066}HELP\u{2069} to \u{2066}233733\u{2069}";
        let found: Vec<&str> = spans(text)
            .expect("well formed")
            .iter()
            .map(|s| &text[s.inner.clone()])
            .collect();
        assert_eq!(found, ["HELP", "233733"]);
        assert!(spans("a \u{2066}1\u{2066}2\u{2069}\u{2069}").is_err());
        assert!(spans("a \u{2066}1").is_err());
        assert!(spans("a 1\u{2069}").is_err());
    }
}
