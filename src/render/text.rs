//! What each glyph of a run says when text is extracted or copied from the PDF.
//!
//! A cluster of several glyphs (an Arabic letter with its vowel mark, a Devanagari
//! consonant with its matra, a Thai consonant with its vowel) cannot be given its text
//! glyph by glyph through the font's ToUnicode map, so krilla wraps glyphs sharing a text
//! range in an `/ActualText` span. Extractors such as poppler place such a span from its
//! first glyph's origin to its last glyph's origin plus that glyph's width, on the first
//! glyph's baseline. A cluster drawn as shaped starts (right to left) or ends (left to
//! right) with a mark that has no advance and sits inward over its base: the span is
//! narrower than the cluster, and the gap reads as a space inside the word ("تُجبَ ر",
//! "संके त").
//!
//! So a span here starts with the cluster's base glyph (drawn where it was: only the order
//! of the glyphs in the content stream changes) and runs on over the next cluster, whose
//! base ends where the span should. Its text is the text of both, so the extracted word
//! has no gap on either side.

use std::ops::Range;

use crate::layout::{GlyphRun, PlacedGlyph};

/// A run's glyphs in the order to write them, with the text range of each in `text`.
#[derive(Debug, Clone)]
pub struct Written {
    pub glyphs: Vec<PlacedGlyph>,
    pub ranges: Vec<Range<usize>>,
    pub text: String,
}

/// How `run` is written: single-glyph clusters with their own text, each cluster of
/// several glyphs in a span with the cluster after it. `run_text` is what each
/// single-glyph cluster's range points into (for a right-to-left run, its clusters'
/// characters reversed: see `reversed_clusters`).
pub fn written(run: &GlyphRun, run_text: &str) -> Written {
    let clusters = clusters(&run.glyphs);
    let stacked = |c: &Range<usize>| c.len() > 1;
    let mut units: Vec<(Vec<PlacedGlyph>, String)> = Vec::new();
    let mut i = 0;
    while i < clusters.len() {
        if !stacked(&clusters[i]) {
            let g = &run.glyphs[clusters[i].start];
            let text = run_text.get(g.text.clone()).unwrap_or_default();
            units.push((vec![g.clone()], text.to_string()));
            i += 1;
            continue;
        }
        let own = &run.glyphs[clusters[i].clone()];
        if spacing(own) >= 2 {
            // Its own edges are spacing glyphs (a Devanagari i-matra and its consonant).
            units.push((both_edges(own), span_text(run, &clusters[i..=i])));
            i += 1;
            continue;
        }
        // Runs on over what follows until a glyph ends where the span should: a letter,
        // or a cluster whose own right edge is a spacing glyph.
        let mut j = i + 1;
        let mut ends = false;
        while j < clusters.len() && !ends {
            if is_letter(run, &clusters[j]) {
                ends = true;
            } else if stacked(&clusters[j]) {
                ends = spacing(&run.glyphs[clusters[j].clone()]) >= 2;
            } else {
                break;
            }
            j += 1;
        }
        let mut glyphs = Vec::new();
        let mut from = i;
        let fits = |from: usize, to: usize| fits_a_map_entry(&span_text(run, &clusters[from..to]));
        if !fits(i, j) {
            // Too long for one ToUnicode entry (see [`MAP_ENTRY_MAX`]): the cluster alone.
            units.push((own.to_vec(), span_text(run, &clusters[i..=i])));
            i += 1;
            continue;
        }
        if ends {
            glyphs.extend(edge_glyph_at(own, Edge::First));
            for c in &clusters[i + 1..j - 1] {
                glyphs.extend(run.glyphs[c.clone()].iter().cloned());
            }
            glyphs.extend(edge_glyph_at(
                &run.glyphs[clusters[j - 1].clone()],
                Edge::Last,
            ));
        } else if j == i + 1
            && i > 0
            && fits(i - 1, i + 1)
            && is_letter(run, &clusters[i - 1])
            && units.last().is_some_and(|(g, _)| g.len() == 1)
        {
            // Nothing to run on over (punctuation, a space, the end of the run): starts
            // with the letter before it instead, and ends with its own base.
            units.pop();
            from = i - 1;
            glyphs.push(run.glyphs[clusters[i - 1].start].clone());
            glyphs.extend(edge_glyph_at(own, Edge::Last));
        } else {
            glyphs.extend(edge_glyph_at(own, Edge::First));
            for c in &clusters[i + 1..j] {
                glyphs.extend(run.glyphs[c.clone()].iter().cloned());
            }
        }
        units.push((glyphs, span_text(run, &clusters[from..j])));
        i = j;
    }
    // Ranges rise in reading order: krilla reads a run whose ranges fall as right to left.
    let mut text = String::new();
    let mut unit_ranges = vec![0..0; units.len()];
    let order: Vec<usize> = if run.rtl {
        (0..units.len()).rev().collect()
    } else {
        (0..units.len()).collect()
    };
    for k in order {
        let start = text.len();
        text.push_str(&units[k].1);
        unit_ranges[k] = start..text.len();
    }
    let mut glyphs = Vec::with_capacity(run.glyphs.len());
    let mut ranges = Vec::with_capacity(run.glyphs.len());
    for ((unit, _), range) in units.into_iter().zip(unit_ranges) {
        ranges.extend(std::iter::repeat_n(range, unit.len()));
        glyphs.extend(unit);
    }
    Written {
        glyphs,
        ranges,
        text,
    }
}

/// The most UTF-16 code units one glyph's ToUnicode entry may hold: MuPDF ignores a longer
/// one-to-many mapping (`PDF_MRANGE_CAP`), and krilla maps a glyph first met inside a span
/// to the span's whole text, so a span's text stays within it.
const MAP_ENTRY_MAX: usize = 8;

fn fits_a_map_entry(text: &str) -> bool {
    text.encode_utf16().count() <= MAP_ENTRY_MAX
}

/// The glyph index ranges of the run's clusters: neighbours sharing a text range.
fn clusters(glyphs: &[PlacedGlyph]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        match out.last_mut() {
            Some(c) if glyphs[c.start].text == g.text => c.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Whether a single-glyph cluster is a letter (not a space, a digit or punctuation).
fn is_letter(run: &GlyphRun, cluster: &Range<usize>) -> bool {
    cluster.len() == 1
        && run
            .text
            .get(run.glyphs[cluster.start].text.clone())
            .is_some_and(|t| t.chars().any(char::is_alphabetic))
}

/// The clusters' text in the order extractors that read right-to-left lines by position
/// want it: logical, or reversed for a right-to-left run (they lay a span's characters
/// out left to right, then reverse the line).
fn span_text(run: &GlyphRun, clusters: &[Range<usize>]) -> String {
    let all = clusters.iter().flat_map(|c| &run.glyphs[c.clone()]);
    let start = all.clone().map(|g| g.text.start).min().unwrap_or(0);
    let end = all.map(|g| g.text.end).max().unwrap_or(0);
    let logical = run.text.get(start..end).unwrap_or_default();
    if run.rtl {
        logical.chars().rev().collect()
    } else {
        logical.to_string()
    }
}

/// How many of a cluster's glyphs advance the pen.
fn spacing(cluster: &[PlacedGlyph]) -> usize {
    cluster.iter().filter(|g| g.advance > 0.0).count()
}

/// A cluster with its left edge glyph first and its right edge glyph last.
fn both_edges(cluster: &[PlacedGlyph]) -> Vec<PlacedGlyph> {
    let first = edge_glyph_at(cluster, Edge::First);
    // The rest is placed from the pen after the first glyph, as it was.
    let mut rest = edge_glyph_at(&first[1..], Edge::Last);
    let mut out = vec![first[0].clone()];
    out.append(&mut rest);
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Edge {
    First,
    Last,
}

/// A cluster's glyphs with the spacing glyph at its left edge first (the base under an
/// Arabic mark; a Devanagari i-matra or half form, already first), or the one at its right
/// edge last, each drawn where it was: the advances are kept, the offsets recomputed from
/// the pen position each now follows.
fn edge_glyph_at(cluster: &[PlacedGlyph], edge: Edge) -> Vec<PlacedGlyph> {
    let mut pen = 0.0;
    let mut pick: Option<(usize, f32)> = None;
    for (i, g) in cluster.iter().enumerate() {
        let x = pen + g.dx;
        let better = |b: f32| match edge {
            Edge::First => x < b,
            Edge::Last => x + g.advance >= b,
        };
        if g.advance > 0.0 {
            let key = if edge == Edge::First {
                x
            } else {
                x + g.advance
            };
            if pick.is_none_or(|(_, b)| better(b)) {
                pick = Some((i, key));
            }
        }
        pen += g.advance;
    }
    let base = pick.map_or(0, |(i, _)| i);
    let mut at = Vec::with_capacity(cluster.len());
    let mut pen = 0.0;
    for g in cluster {
        at.push(pen + g.dx);
        pen += g.advance;
    }
    let others = (0..cluster.len()).filter(|&k| k != base);
    let order: Vec<usize> = match edge {
        Edge::First => std::iter::once(base).chain(others).collect(),
        Edge::Last => others.chain(std::iter::once(base)).collect(),
    };
    let mut pen = 0.0;
    order
        .into_iter()
        .map(|k| {
            let mut g = cluster[k].clone();
            g.dx = at[k] - pen;
            pen += g.advance;
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(id: u32, advance: f32, dx: f32, text: Range<usize>) -> PlacedGlyph {
        PlacedGlyph {
            id,
            advance,
            dx,
            dy: 0.0,
            text,
        }
    }

    /// Where each glyph is drawn, by id, from the run's start.
    fn drawn_at(glyphs: &[PlacedGlyph]) -> Vec<(u32, f32)> {
        let mut pen = 0.0;
        let mut out: Vec<(u32, f32)> = glyphs
            .iter()
            .map(|g| {
                let at = (g.id, pen + g.dx);
                pen += g.advance;
                at
            })
            .collect();
        out.sort_by_key(|a| a.0);
        out
    }

    #[test]
    fn putting_the_base_first_moves_no_glyph() {
        // As HarfBuzz gives a right-to-left letter with its mark: the mark first, drawn
        // 4.9 pt into the base's 9.5 pt.
        let cluster = [glyph(2, 0.0, 4.9, 0..4), glyph(1, 9.5, 0.0, 0..4)];
        let moved = edge_glyph_at(&cluster, Edge::First);
        assert_eq!(moved[0].id, 1);
        assert_eq!(drawn_at(&moved), drawn_at(&cluster));
        let total = |g: &[PlacedGlyph]| g.iter().map(|g| g.advance).sum::<f32>();
        assert_eq!(total(&moved), total(&cluster));
        let last = edge_glyph_at(&cluster, Edge::Last);
        assert_eq!(last[1].id, 1);
        assert_eq!(drawn_at(&last), drawn_at(&cluster));
    }
}
