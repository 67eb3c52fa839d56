//! Lines of text keep the white between them that layout promises
//! (`layout::clearance_em`): every document the `check` plan lays out (every kind, locale
//! and paper, and every locale beside English both ways round) is measured by the ink of
//! its glyphs, as printed, and no glyph's ink box comes closer to a glyph's on another
//! line, where the two share some width, than the larger of their clearances.
//! Devanagari, Thai and Arabic print above and below the Latin line box, and their dots
//! and marks read as part of whatever they nearly touch (a Thai tone mark under a "3",
//! an Arabic yeh's dots on a "7"); a line stacked by Latin metrics under them, or a frame
//! placed under theirs, comes too close.

use bridgeprint::compose::Rect;
use bridgeprint::layout::{Elem, Fonts, GlyphRun, clearance_em};

use crate::common;
use crate::common::docs::{Doc, Plan};
use bridgeprint::types::Transform;
use bridgeprint::{Content, Engine, Kind, Paper};

/// Every document of the check plan: each locale alone in every kind on every paper, and
/// each locale beside English (both orders) in the bilingual kinds, a pair card on CR80.
fn every_document(content: &Content) -> impl Iterator<Item = Doc> + '_ {
    Plan::default()
        .pair_papers(|p| p != Paper::Business)
        .lay_out(content)
}

/// One glyph's ink on the page, with the line it sits on and the white it keeps.
struct Ink {
    line: usize,
    rect: Rect,
    /// Its clearance in points on the page.
    clear: f32,
    what: String,
}

/// The ink box of every glyph on a page in page space. A line is a run's baseline under
/// its transform: runs on one baseline (a bullet and its item, the words of one line) are
/// one line, whatever paragraph or frame they come from.
fn inks(fonts: &mut Fonts, elems: &[Elem]) -> Vec<Ink> {
    let mut lines: Vec<([f32; 7], usize)> = Vec::new();
    let mut out = Vec::new();
    let mut runs: Vec<(&GlyphRun, Transform)> = Vec::new();
    bridgeprint::layout::visit(elems, &mut |e, to_page| {
        if let Elem::Glyphs(run) = e {
            runs.push((run, to_page));
        }
    });
    for (run, t) in runs {
        let key = [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty, run.y];
        let line = match lines
            .iter()
            .find(|(k, _)| k.iter().zip(key).all(|(a, b)| (a - b).abs() < 0.01))
        {
            Some((_, n)) => *n,
            None => {
                lines.push((key, lines.len()));
                lines.len() - 1
            }
        };
        // The type size as printed: a scaled group (an imposed card) scales its white too.
        let size = run.size * (t.sx * t.sy - t.kx * t.ky).abs().sqrt();
        for (glyph, ink) in run.glyphs.iter().zip(fonts.glyph_ink(run)) {
            let Some(ink) = ink else { continue };
            let cluster = run.text.get(glyph.text.clone()).unwrap_or("?");
            out.push(Ink {
                line,
                rect: t.bounds(ink.rect()),
                clear: size * clearance_em(cluster),
                what: format!("{cluster:?} of {:?} ({:.2} pt)", &*run.key, run.size),
            });
        }
    }
    out
}

/// Pairs of glyphs on different lines, sharing some width, whose ink boxes stand closer
/// than the larger of their clearances (or overlap), the closest first by how much of
/// the clearance is missing.
fn too_close(mut inks: Vec<Ink>) -> Vec<(f32, String)> {
    inks.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
    let reach = inks.iter().map(|i| i.clear).fold(0.0, f32::max);
    let mut out = Vec::new();
    for (i, a) in inks.iter().enumerate() {
        for b in &inks[i + 1..] {
            if b.rect.y >= a.rect.bottom() + reach {
                break;
            }
            if a.line == b.line {
                continue;
            }
            let across = a.rect.right().min(b.rect.right()) - a.rect.x.max(b.rect.x);
            if across <= 0.0 {
                continue;
            }
            // Negative where they overlap; `a` starts higher, `b` may still end higher.
            let gap = (b.rect.y - a.rect.bottom()).max(a.rect.y - b.rect.bottom());
            let want = a.clear.max(b.clear);
            // Layout moves a line to exactly its clearance; rounding is not a defect.
            if gap < want - 0.01 {
                out.push((
                    want - gap,
                    format!(
                        "{} over {}: {gap:.2} pt apart, {want:.2} pt wanted",
                        a.what, b.what
                    ),
                ));
            }
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

#[test]
fn glyphs_of_two_lines_keep_their_clearance_in_any_document_or_english_pair() {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let mut fonts = Fonts::new();
    let mut failures = Vec::new();
    let mut documents = 0;
    for Doc {
        name, laid: doc, ..
    } in every_document(&content)
    {
        documents += 1;
        for (i, page) in doc.pages.iter().enumerate() {
            let found = too_close(inks(&mut fonts, &page.elems));
            if !found.is_empty() {
                let worst: Vec<&str> = found.iter().take(3).map(|f| f.1.as_str()).collect();
                failures.push(format!(
                    "{name} p{}: {} pairs too close, worst {}",
                    i + 1,
                    found.len(),
                    worst.join("; ")
                ));
            }
        }
    }
    assert!(documents > 300, "only {documents} documents laid out");
    assert!(
        failures.is_empty(),
        "{} pages with lines too close:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_clearance_finder_sees_lines_too_close_and_not_one_line() {
    let ink = |line, y: f32, h: f32, cluster: &str| Ink {
        line,
        rect: Rect::new(0.0, y, 10.0, h),
        clear: 10.0 * clearance_em(cluster),
        what: String::new(),
    };
    // A descender reaching 0.3 pt into the next line's accent: found.
    assert_eq!(
        too_close(vec![ink(0, 0.0, 10.3, "g"), ink(1, 10.0, 10.0, "h")]).len(),
        1
    );
    // Latin 0.7 pt apart (0.6 pt wanted at 10 pt): clear; on the same line: not looked at.
    assert!(too_close(vec![ink(0, 0.0, 9.3, "g"), ink(1, 10.0, 10.0, "h")]).is_empty());
    assert!(too_close(vec![ink(0, 0.0, 10.3, "g"), ink(0, 10.0, 10.0, "h")]).is_empty());
    // A Thai tone mark 0.7 pt under a "3" wants its own script's clearance: found.
    assert_eq!(
        too_close(vec![
            ink(0, 0.0, 9.3, "3"),
            ink(1, 10.0, 2.0, "\u{e17}\u{e35}\u{e48}")
        ])
        .len(),
        1
    );
}

#[test]
#[ignore = "a report, not a rule: cargo test --release --test tests sizes_report -- --ignored --nocapture"]
fn sizes_report() {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    for Doc {
        name,
        kind,
        tags,
        laid: doc,
        ..
    } in every_document(&content)
    {
        if kind != Kind::Card || tags.len() < 2 {
            continue;
        }
        for (i, page) in doc.pages.iter().enumerate() {
            let mut sizes: Vec<(f32, String)> = Vec::new();
            bridgeprint::layout::visit(&page.elems, &mut |e, _| {
                if let Elem::Glyphs(run) = e
                    && &*run.key != bridgeprint::compose::DRAFT_NOTICE_KEY
                {
                    sizes.push((run.size, run.key.to_string()));
                }
            });
            let min = sizes.iter().map(|s| s.0).fold(f32::INFINITY, f32::min);
            let at: Vec<&str> = sizes
                .iter()
                .filter(|s| s.0 == min)
                .map(|s| s.1.as_str())
                .collect();
            println!("{name} p{} min {min:.2} {:?}", i + 1, at.first());
        }
    }
}

/// The left and right ink edges of each line of the text beside a bilingual card's codes
/// (both faces), by baseline.
fn card_column_lines(content: &Content, pair: [&str; 2]) -> Vec<(f32, f32, usize)> {
    card_column_lines_but(content, pair, &[])
}

/// [`card_column_lines`] without the lines of the keys in `but`.
fn card_column_lines_but(
    content: &Content,
    pair: [&str; 2],
    but: &[&str],
) -> Vec<(f32, f32, usize)> {
    let locales: Vec<_> = pair
        .iter()
        .map(|t| content.locale(t).expect("locale"))
        .collect();
    let doc = Engine::new()
        .lay_out(content, &locales, Kind::Card, Paper::Letter)
        .expect("lays out");
    let column = [
        "texts.card.hotline_label",
        "contacts.hotline",
        "texts.card.hotline_note",
        "texts.card.text_line",
        "texts.card.emergency",
        "texts.card.back_footer",
        "texts.card.text_note",
    ];
    let mut lines: Vec<(f32, f32, f32, usize)> = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for e in &page.elems {
            let Elem::Glyphs(run) = e else { continue };
            if !column.contains(&&*run.key) || but.contains(&&*run.key) {
                continue;
            }
            let Some((l, r)) = common::ink(run) else {
                continue;
            };
            let y = run.y + 1000.0 * p as f32;
            match lines.iter_mut().find(|x| (x.0 - y).abs() < 0.01) {
                Some(x) => {
                    x.1 = x.1.min(l);
                    x.2 = x.2.max(r);
                }
                None => lines.push((y, l, r, p)),
            }
        }
    }
    lines.into_iter().map(|(_, l, r, k)| (l, r, k)).collect()
}

#[test]
fn a_bilingual_card_column_keeps_one_alignment_and_never_zig_zags() {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    // Two directions: every line centred on one axis per face.
    for pair in [["en", "ar"], ["ar", "en"], ["en", "fa"]] {
        let lines = card_column_lines(&content, pair);
        assert!(lines.len() > 8, "{pair:?}: {} lines", lines.len());
        for face in 0..2 {
            let centres: Vec<f32> = lines
                .iter()
                .filter(|x| x.2 == face)
                .map(|(l, r, _)| (l + r) / 2.0)
                .collect();
            let (lo, hi) = centres
                .iter()
                .fold((f32::MAX, f32::MIN), |(a, b), c| (a.min(*c), b.max(*c)));
            assert!(
                centres.len() > 3 && hi - lo < 1.0,
                "{pair:?} face {face}: line centres from {lo:.1} to {hi:.1} pt: {lines:?}"
            );
        }
    }
    // One direction: every line starts at the column's left edge (the 911 lines after
    // their icon, which starts there: they are left out here).
    for pair in [["en", "es"], ["en", "hi"]] {
        let lines = card_column_lines_but(&content, pair, &["texts.card.emergency"]);
        let lefts: Vec<f32> = lines.iter().map(|(l, _, _)| *l).collect();
        let lo = lefts.iter().copied().fold(f32::MAX, f32::min);
        let hi = lefts.iter().copied().fold(f32::MIN, f32::max);
        assert!(
            hi - lo < 1.5,
            "{pair:?}: lines start from {lo:.1} to {hi:.1} pt"
        );
    }
}
