//! Handout pagination, measured on the laid-out pages of every bundled locale at Letter
//! and A4: an even count of two or four pages, every page but the last filled with text
//! (the notes only on the last), a section broken across pages under its heading, and the
//! hotline on every page.

use crate::common;

use bridgeprint::compose::handout::{OFFICE, STRIP_KEY, text_area};
use bridgeprint::compose::{DRAFT_NOTICE_KEY, Rect, Role};
use bridgeprint::layout::{Elem, GlyphRun, LaidDocument, LaidPage};
use bridgeprint::{Engine, Kind, Paper};
use common::cli::bp;
use common::pdf;

const NOTES_KEY: &str = "texts.handout.notes_heading";
const PAGE_LABEL_KEY: &str = "texts.handout.page_label";

fn handouts() -> Vec<(String, Paper, LaidDocument, String)> {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let mut engine = Engine::new();
    let mut out = Vec::new();
    for locale in &content.locales {
        for paper in [Paper::Letter, Paper::A4] {
            let laid = engine
                .lay_out(&content, &[locale], Kind::Handout, paper)
                .expect("lays out");
            let continued = locale.texts.handout.continued.clone().unwrap_or_default();
            out.push((locale.meta.tag.clone(), paper, laid, continued));
        }
    }
    out
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

#[test]
fn every_handout_is_two_or_four_pages_and_every_page_but_the_last_at_least_80_percent_text() {
    let mut table = String::from("locale  paper   pages  body   text fill per page (with notes)\n");
    let mut problems = Vec::new();
    for (locale, paper, doc, _) in handouts() {
        let area = text_area(paper, &OFFICE);
        let n = doc.pages.len();
        let figures: Vec<String> = doc
            .pages
            .iter()
            .map(|p| {
                let (text, used) = (fill(p, area, false), fill(p, area, true));
                if (text - used).abs() < 0.005 {
                    format!("{:.0}%", text * 100.0)
                } else {
                    format!("{:.0}% ({:.0}%)", text * 100.0, used * 100.0)
                }
            })
            .collect();
        // The intro's size: 11 pt, less where the text was set tighter to keep to 4 pages.
        let body = doc
            .pages
            .iter()
            .flat_map(|p| &p.elems)
            .find_map(|e| match e {
                Elem::Glyphs(run) if &*run.key == "texts.handout.intro" => Some(run.size),
                _ => None,
            })
            .unwrap_or(0.0);
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
