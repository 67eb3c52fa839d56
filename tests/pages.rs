//! Handout pagination, measured on the laid-out pages of every bundled locale at Letter
//! and A4: an even count of two or four pages, every page but the last filled with text
//! (the notes only on the last), a section broken across pages under its heading, and the
//! hotline on every page.

use crate::common;

use bridgeprint::compose::handout::{OFFICE, STRIP_KEY, text_area};
use bridgeprint::compose::{DRAFT_NOTICE_KEY, Rect, Role};
use bridgeprint::layout::{Elem, GlyphRun, LaidDocument, LaidPage};
use bridgeprint::{Kind, Paper};
use common::cli::bp;
use common::docs::{self, Plan};
use common::pdf;

const NOTES_KEY: &str = "texts.handout.notes_heading";
const PAGE_LABEL_KEY: &str = "texts.handout.page_label";

/// Every locale's handout at Letter and A4, with its `continued` text.
fn handouts() -> Vec<(String, Paper, LaidDocument, String)> {
    let content = docs::bundled();
    let plan = Plan::default()
        .kinds(|k| k == Kind::Handout)
        .papers(|p| matches!(p, Paper::Letter | Paper::A4));
    plan.lay_out(&content)
        .map(|d| {
            let continued = continued(&content, &d.tags[0]);
            (d.tags[0].clone(), d.paper, d.laid, continued)
        })
        .collect()
}

/// What a locale's handout adds to a section's heading carried to the next page.
fn continued(content: &bridgeprint::Content, tag: &str) -> String {
    let locale = content.locale(tag).expect("a bundled locale");
    locale.texts.handout.continued.clone().unwrap_or_default()
}

/// Furniture of every page, not the flow: the hotline strip, the page number, the notice.
fn furniture(run: &GlyphRun) -> bool {
    [STRIP_KEY, PAGE_LABEL_KEY, DRAFT_NOTICE_KEY].contains(&&*run.key)
}

/// How far down the text area the page's content reaches, as a fraction of its height:
/// text by its baselines' line (ink of the last line), boxes and codes by their bottom.
/// With `notes`, the ruled notes area counts as used.
fn fill(page: &LaidPage, area: Rect, notes: bool) -> f32 {
    let mut bottom = area.y;
    for e in &page.elems {
        let b = match e {
            Elem::Glyphs(run) if furniture(run) => continue,
            Elem::Glyphs(run) if !notes && &*run.key == NOTES_KEY => continue,
            // The descent of a line: a quarter of its size below the baseline.
            Elem::Glyphs(run) => run.y + run.size * 0.25,
            Elem::Fill { rect, .. } | Elem::Qr { rect, .. } | Elem::Image { rect, .. }
                if rect.y >= area.y - 0.5 =>
            {
                rect.y + rect.h
            }
            Elem::Stroke { points, .. } if notes => {
                points.iter().map(|p| p.y).fold(area.y, f32::max)
            }
            _ => continue,
        };
        bottom = bottom.max(b);
    }
    ((bottom - area.y) / area.h).min(1.0)
}

/// Each page's text fill, "95%", with what the notes add where they add: "95% (98%)".
fn fill_figures(pages: &[LaidPage], area: Rect) -> Vec<String> {
    pages
        .iter()
        .map(|p| {
            let (text, used) = (fill(p, area, false), fill(p, area, true));
            if (text - used).abs() < 0.005 {
                format!("{:.0}%", text * 100.0)
            } else {
                format!("{:.0}% ({:.0}%)", text * 100.0, used * 100.0)
            }
        })
        .collect()
}

/// The intro's size: 11 pt, less where the text was set tighter to keep to 4 pages.
fn intro_size(pages: &[LaidPage]) -> f32 {
    pages
        .iter()
        .flat_map(|p| &p.elems)
        .find_map(|e| match e {
            Elem::Glyphs(run) if &*run.key == "texts.handout.intro" => Some(run.size),
            _ => None,
        })
        .unwrap_or(0.0)
}

#[test]
fn every_handout_is_two_or_four_pages_and_every_page_but_the_last_at_least_80_percent_text() {
    let mut table = String::from("locale  paper   pages  body   text fill per page (with notes)\n");
    let mut problems = Vec::new();
    for (locale, paper, doc, _) in handouts() {
        let area = text_area(paper, &OFFICE);
        let n = doc.pages.len();
        let figures = fill_figures(&doc.pages, area);
        let body = intro_size(&doc.pages);
        table += &format!(
            "{locale:7} {:7} {n:5}  {body:4.1}  {}\n",
            format!("{paper:?}"),
            figures.join(", ")
        );
        if n != 2 && n != 4 {
            problems.push(format!("{locale} {paper:?}: {n} pages"));
        }
        // Text, not the notes: ruled lines filling a page the text left are not a page
        // filled; the notes are the last page's.
        for (i, page) in doc.pages.iter().enumerate().take(n.saturating_sub(1)) {
            let text = fill(page, area, false);
            if text < 0.8 {
                problems.push(format!(
                    "{locale} {paper:?} page {}: text down to {:.0}% of the text area",
                    i + 1,
                    text * 100.0
                ));
            }
            if fill(page, area, true) > text + 0.005 {
                problems.push(format!(
                    "{locale} {paper:?} page {}: notes before the last page",
                    i + 1
                ));
            }
        }
    }
    println!("{table}");
    assert!(problems.is_empty(), "{}\n{table}", problems.join("\n"));
}

#[test]
fn a_page_after_the_first_starts_with_a_heading_or_a_section_s_heading_continued() {
    for (locale, paper, doc, continued) in handouts() {
        let area = text_area(paper, &OFFICE);
        for (i, page) in doc.pages.iter().enumerate().skip(1) {
            let first = page
                .elems
                .iter()
                .filter_map(|e| match e {
                    Elem::Glyphs(run) if !furniture(run) && run.y >= area.y => Some(run),
                    _ => None,
                })
                .min_by(|a, b| a.y.total_cmp(&b.y));
            let Some(run) = first else {
                panic!("{locale} {paper:?} page {} holds no text", i + 1);
            };
            let text = run.text.trim_end();
            let ok = matches!(run.role, Role::Heading(_))
                || &*run.key == NOTES_KEY
                || (run.role == Role::Artifact && text.ends_with(continued.as_str()));
            assert!(
                ok,
                "{locale} {paper:?} page {} starts with `{}` ({:?}): {text:?}",
                i + 1,
                run.key,
                run.role
            );
        }
    }
}

#[test]
fn the_hotline_number_prints_on_every_page_of_a_handout_in_every_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("output");
    bp().args(["build", "--kind", "handout", "--locale", "en,ar,ja,ru"])
        .out(&out)
        .passes();
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let display = &content.contacts.get("hotline").expect("hotline").display;
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    for tag in ["en", "ar", "ja", "ru"] {
        let bytes = std::fs::read(out.join(tag).join("handout.pdf")).expect("handout built");
        let pages = pdf::page_text(&bytes);
        assert!(pages.len() >= 2, "{tag}");
        for (i, text) in pages.iter().enumerate() {
            assert!(
                digits(text).contains(&digits(display)),
                "{tag} page {}: no {display}:\n{text}",
                i + 1
            );
        }
    }
}

/// Every handout the bundled materials make: each locale, each paper a handout takes,
/// the general edition and each audience edition the locale has. English pairs are not
/// here: a handout is made in one language (`--locale en+es --kind handout` is refused).
fn every_handout() -> &'static [(String, LaidDocument, Paper, String)] {
    // Laid out once for the tests that read them: 272 documents.
    static ALL: std::sync::OnceLock<Vec<(String, LaidDocument, Paper, String)>> =
        std::sync::OnceLock::new();
    ALL.get_or_init(lay_out_every_handout)
}

fn lay_out_every_handout() -> Vec<(String, LaidDocument, Paper, String)> {
    let content = docs::bundled();
    let plan = Plan::default()
        .kinds(|k| k == Kind::Handout)
        .editions(|_| true);
    plan.lay_out(&content)
        .map(|d| {
            let edition = d.edition.map(|e| format!(" {e}")).unwrap_or_default();
            let name = format!("{} {:?}{edition}", d.tags[0], d.paper);
            (name, d.laid, d.paper, continued(&content, &d.tags[0]))
        })
        .collect()
}

/// A line of flow text on a page: its paragraph (or list item), baseline and extent.
#[derive(Debug, Clone)]
struct Line {
    key: String,
    y: f32,
    x0: f32,
    x1: f32,
    /// A heading's level; a section's heading repeated with "(continued)" is a level 2.
    heading: Option<u8>,
    /// Repeated furniture: a carried heading or table header row.
    artifact: bool,
}

/// The flow's lines on `page`: one per paragraph and baseline, furniture and the notes
/// heading left out.
fn lines(page: &LaidPage, area: Rect, continued: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for e in &page.elems {
        let Elem::Glyphs(run) = e else { continue };
        if furniture(run) || &*run.key == NOTES_KEY || run.y < area.y {
            continue;
        }
        let carried = run.role == Role::Artifact && run.text.trim_end().ends_with(continued);
        let heading = match run.role {
            Role::Heading(level) => Some(level),
            _ if carried => Some(2),
            _ => None,
        };
        let x1 = run.x + run.glyphs.iter().map(|g| g.advance).sum::<f32>();
        match out
            .iter_mut()
            .find(|l| l.key == *run.key && (l.y - run.y).abs() < 0.5 && l.heading == heading)
        {
            Some(l) => {
                l.x0 = l.x0.min(run.x);
                l.x1 = l.x1.max(x1);
            }
            None => out.push(Line {
                key: run.key.to_string(),
                y: run.y,
                x0: run.x,
                x1,
                heading,
                artifact: run.role == Role::Artifact,
            }),
        }
    }
    out.sort_by(|a, b| a.y.total_cmp(&b.y));
    out
}

/// The closing blocks' sources: the last page's small print.
fn is_source(key: &str) -> bool {
    key.starts_with("texts.handout.sources") || key.ends_with(".source") || key.contains(".source[")
}

/// Every breach of the pagination rules in one laid-out handout.
fn pagination_problems(
    name: &str,
    doc: &LaidDocument,
    paper: Paper,
    continued: &str,
) -> Vec<String> {
    let area = text_area(paper, &OFFICE);
    let n = doc.pages.len();
    let mut problems = Vec::new();
    if n != 2 && n != 4 {
        problems.push(format!("{name}: {n} pages, not 2 or 4"));
    }
    let pages: Vec<Vec<Line>> = doc
        .pages
        .iter()
        .map(|p| lines(p, area, continued))
        .collect();
    for (i, page) in pages.iter().enumerate() {
        let at = format!("{name} page {}", i + 1);
        // The promise is for the papers a handout is given out on; a Tabloid or
        // A3 handout's figures are in `handout_figures`.
        let office = matches!(paper, Paper::Letter | Paper::A4);
        if office && i + 1 < n && fill(&doc.pages[i], area, false) < 0.8 {
            problems.push(format!(
                "{at}: text down to {:.0}% of the text area",
                fill(&doc.pages[i], area, false) * 100.0
            ));
        }
        // A heading keeps two lines of what it heads under it, on its page: the lines
        // below it, beside it, before the next heading of its level or above.
        for h in page.iter().filter(|l| l.heading.is_some()) {
            let level = h.heading.unwrap_or(0);
            let beside = |l: &Line| l.x0 < h.x1 - 1.0 && h.x0 < l.x1 - 1.0;
            // The heading's own last line: a heading of two lines is one heading.
            let bottom = page
                .iter()
                .filter(|l| l.key == h.key && l.heading == h.heading)
                .map(|l| l.y)
                .fold(h.y, f32::max);
            if bottom > h.y + 0.5 {
                continue;
            }
            let next = page
                .iter()
                .filter(|l| l.y > bottom + 0.5 && beside(l))
                .filter(|l| l.heading.is_some_and(|k| k <= level) && l.key != h.key)
                .map(|l| l.y)
                .fold(f32::INFINITY, f32::min);
            let under = page
                .iter()
                .filter(|l| l.heading.is_none() && l.y > bottom + 0.5 && l.y < next && beside(l))
                .count();
            if under < 2 {
                let what = if h.artifact {
                    "continued heading"
                } else {
                    "heading"
                };
                problems.push(format!("{at}: {what} `{}` over {under} line(s)", h.key));
            }
        }
        // A paragraph or list item split between pages leaves two lines on each.
        if let Some(next) = pages.get(i + 1) {
            let count = |p: &[Line], key: &str| {
                p.iter()
                    .filter(|l| l.heading.is_none() && !l.artifact && l.key == key)
                    .count()
            };
            let mut seen: Vec<&str> = Vec::new();
            for l in page.iter().filter(|l| l.heading.is_none() && !l.artifact) {
                if seen.contains(&l.key.as_str()) {
                    continue;
                }
                seen.push(&l.key);
                let (foot, head) = (count(page, &l.key), count(next, &l.key));
                if head > 0 && (foot < 2 || head < 2) {
                    problems.push(format!(
                        "{at}: `{}` split {foot} line(s) / {head} line(s)",
                        l.key
                    ));
                }
            }
        }
        // A list, table or paragraph continued from the page before brings two lines at
        // least when nothing of its section follows it there: a list's last item alone at
        // the head of its column is a widow too.
        if i > 0 {
            let block = |key: &str| key.split('[').next().unwrap_or(key).to_string();
            let mut seen: Vec<String> = Vec::new();
            for l in page.iter().filter(|l| l.heading.is_none() && !l.artifact) {
                let b = block(&l.key);
                let before = pages[i - 1]
                    .iter()
                    .any(|p| p.heading.is_none() && !p.artifact && block(&p.key) == b);
                if !before || seen.contains(&b) {
                    continue;
                }
                let mut ys: Vec<f32> = page
                    .iter()
                    .filter(|p| p.heading.is_none() && !p.artifact && block(&p.key) == b)
                    .map(|p| p.y)
                    .collect();
                ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
                let lone = page
                    .iter()
                    .find(|p| p.heading.is_none() && !p.artifact && block(&p.key) == b);
                let followed = |one: &Line| {
                    let beside = |l: &Line| l.x0 < one.x1 - 1.0 && one.x0 < l.x1 - 1.0;
                    let next = page
                        .iter()
                        .filter(|l| l.heading.is_some() && l.y > one.y + 0.5 && beside(l))
                        .map(|l| l.y)
                        .fold(f32::INFINITY, f32::min);
                    page.iter().any(|l| {
                        l.heading.is_none() && l.y > one.y + 0.5 && l.y < next && beside(l)
                    })
                };
                if ys.len() < 2 && lone.is_some_and(|one| !followed(one)) {
                    problems.push(format!("{at}: `{b}` continued with one line"));
                }
                seen.push(b);
            }
        }
        let own: Vec<&Line> = page.iter().filter(|l| !l.artifact).collect();
        if !own.is_empty() && own.iter().all(|l| is_source(&l.key)) {
            problems.push(format!("{at}: holds only the sources"));
        }
        // A page holding only the rest of what the page before began.
        if i > 0
            && !own.is_empty()
            && own
                .iter()
                .all(|l| pages[i - 1].iter().any(|p| p.key == l.key))
        {
            problems.push(format!("{at}: holds only a tail of page {i}"));
        }
    }
    problems
}

#[test]
fn no_heading_left_over_one_line_and_no_line_alone_on_a_page_in_any_handout() {
    let mut problems = Vec::new();
    for (name, doc, paper, continued) in every_handout() {
        problems.extend(pagination_problems(name, doc, *paper, continued));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The note's figures (issue 13): each handout's pages and how full each page's text is.
/// `cargo test --release --test tests handout_figures -- --nocapture`
#[test]
fn handout_figures() {
    let mut table = String::from(
        "| handout | pages | body pt | text fill per page (notes included, if more) |\n|---|---|---|---|\n",
    );
    for (name, doc, paper, _) in every_handout() {
        let area = text_area(*paper, &OFFICE);
        let figures = fill_figures(&doc.pages, area);
        let body = intro_size(&doc.pages);
        table += &format!(
            "| {name} | {} | {body:.1} | {} |\n",
            doc.pages.len(),
            figures.join(", ")
        );
    }
    println!("{table}");
}
