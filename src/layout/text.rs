//! One paragraph of text to positioned glyph runs: shaping, bidi and line breaking by
//! parley, then a check that every line fits and every character has a glyph.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use parley::style::{FontFamily, FontFamilyName, FontWeight, Language, LineHeight, StyleProperty};
use parley::{Alignment, AlignmentOptions, BaseDirection, PositionedLayoutItem};

use super::breaks::{BreakOverride, BreakRules, Tier};
use super::fonts::{Fonts, stack};
use super::{Elem, GlyphRun, Laid, PlacedGlyph};
use crate::compose::{Span, TextStyle};
use crate::types::{Align, Rgb};

/// Why a paragraph could not be set.
#[derive(Debug, Clone, PartialEq)]
pub enum TextProblem {
    /// The widest line is this many points wider than the box (a word that cannot break).
    TooWide(f32),
    /// No bundled font has this character.
    Uncovered(char),
}

/// How a language's text is set: its font stack, language and direction.
pub struct TextEnv {
    tag: String,
    families: Vec<FontFamilyName<'static>>,
    language: Option<Language>,
    rtl: bool,
    /// Chinese, Japanese and Korean line breaking (see [`super::breaks`]).
    break_rules: Option<BreakRules>,
}

impl TextEnv {
    pub fn new(lang: &str, preferred: &[String], extra: &[String], rtl: bool) -> Self {
        TextEnv {
            tag: lang.to_string(),
            families: stack(preferred, extra)
                .into_iter()
                .map(|f| FontFamilyName::Named(Cow::Owned(f)))
                .collect(),
            // The language picks locale forms (Japanese versus Chinese Han, Persian digits)
            // and line-breaking rules.
            language: Language::parse(lang).ok(),
            rtl,
            break_rules: BreakRules::for_language(lang),
        }
    }

    pub fn tag(&self) -> &str {
        &self.tag
    }

    pub fn rtl(&self) -> bool {
        self.rtl
    }

    /// Whether the language takes the Chinese, Japanese or Korean break rules.
    pub fn breaks_cjk(&self) -> bool {
        self.break_rules.is_some()
    }
}

/// Lays out `spans` in a box `width` points wide. The result's origin is the top-left of
/// the first line box. A Chinese, Japanese or Korean paragraph is set under the strictest
/// tier of its break rules under which it fits (see [`Tier`]), the last resort included.
pub fn paragraph(
    fonts: &mut Fonts,
    spans: &[Span],
    style: &TextStyle,
    width: f32,
    env: &TextEnv,
    lang: usize,
    page_rtl: bool,
) -> Result<Laid, TextProblem> {
    paragraph_in_frame(fonts, spans, style, width, env, lang, page_rtl, true)
}

/// [`paragraph`], for a frame that may shrink its text: unless `last_resort`, a paragraph
/// that fits under no tier but the last resort is too wide, so that the frame shrinks its
/// text (down to the kind's floor) rather than part a number from its particle.
#[allow(clippy::too_many_arguments)]
pub fn paragraph_in_frame(
    fonts: &mut Fonts,
    spans: &[Span],
    style: &TextStyle,
    width: f32,
    env: &TextEnv,
    lang: usize,
    page_rtl: bool,
    last_resort: bool,
) -> Result<Laid, TextProblem> {
    let set = |fonts: &mut Fonts, tier| {
        set_paragraph(fonts, spans, style, width, env, lang, page_rtl, tier)
    };
    let Some(rules) = env.break_rules else {
        return set(fonts, Tier::Phrase);
    };
    let mut laid = set(fonts, Tier::Phrase);
    for tier in [Tier::Word, Tier::Separated, Tier::LastResort] {
        let skip = (tier == Tier::Word && rules == BreakRules::Korean)
            || (tier >= Tier::Separated && !last_resort);
        if skip || !matches!(laid, Err(TextProblem::TooWide(_))) {
            continue;
        }
        laid = set(fonts, tier);
    }
    laid
}

/// [`paragraph`], with the CJK break rules at `tier`.
#[allow(clippy::too_many_arguments)]
fn set_paragraph(
    fonts: &mut Fonts,
    spans: &[Span],
    style: &TextStyle,
    width: f32,
    env: &TextEnv,
    lang: usize,
    page_rtl: bool,
    tier: Tier,
) -> Result<Laid, TextProblem> {
    let rtl = env.rtl;
    let mut text = String::new();
    let mut bold_ranges: Vec<Range<usize>> = Vec::new();
    for span in spans {
        let start = text.len();
        text.push_str(&super::keeps::mark_bracketed_ltr(&span.text, rtl));
        if span.bold {
            bold_ranges.push(start..text.len());
        }
    }
    let decide = line_breaks(env, &text, tier).map(|b| move |cx| b.decide(cx));
    let fcx = &mut fonts.fcx;
    let mut builder = fonts.lcx.ranged_builder(fcx, &text, 1.0, false);
    if let Some(decide) = &decide {
        builder.set_line_break_override(Some(decide));
    }
    // As a last resort a number may leave the Korean word it ends (1-888-373-7888 /
    // 번으로), which keep-all forbids; the override still keeps Korean words whole.
    if env.break_rules == Some(BreakRules::Korean) && tier != Tier::LastResort {
        builder.push_default(StyleProperty::WordBreak(parley::style::WordBreak::KeepAll));
    }
    builder.push_default(StyleProperty::FontFamily(FontFamily::List(Cow::Borrowed(
        &env.families,
    ))));
    builder.push_default(StyleProperty::Locale(env.language));
    builder.push_default(StyleProperty::FontSize(style.size));
    builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
        style.leading,
    )));
    builder.push_default(StyleProperty::Brush(style.color));
    builder.push_default(StyleProperty::FontWeight(if style.bold {
        FontWeight::BOLD
    } else {
        FontWeight::NORMAL
    }));
    for r in bold_ranges {
        builder.push(StyleProperty::FontWeight(FontWeight::BOLD), r);
    }
    builder.set_base_direction(if rtl {
        BaseDirection::Rtl
    } else {
        BaseDirection::Ltr
    });
    let mut layout = builder.build(&text);
    balance_last_line(&mut layout, &text, width);
    let alignment = match style.align {
        Align::Start => Alignment::Start,
        Align::Center => Alignment::Center,
        Align::End => Alignment::End,
        Align::PageStart if rtl == page_rtl => Alignment::Start,
        Align::PageStart => Alignment::End,
        Align::PageEnd if rtl == page_rtl => Alignment::End,
        Align::PageEnd => Alignment::Start,
    };
    layout.align(alignment, AlignmentOptions::default());
    let side = match (alignment, rtl) {
        (Alignment::Center, _) => super::keeps::Side::Center,
        (Alignment::Start, false) | (Alignment::End, true) => super::keeps::Side::Left,
        _ => super::keeps::Side::Right,
    };
    let text: Arc<str> = Arc::from(text.as_str());
    let mut elems = Vec::new();
    let mut widest: f32 = 0.0;
    let mut lines: Vec<Range<usize>> = Vec::new();
    for line in layout.lines() {
        let line_start = elems.len();
        let m = line.metrics();
        widest = widest.max(m.advance - m.hanging_advance - unhung_space(&line, &text));
        // Clusters of the run being drawn, in visual order, and how far we have used them.
        let mut clusters: Vec<parley::Cluster<'_, _>> = Vec::new();
        let mut current: Option<usize> = None;
        let mut pos = 0;
        for item in line.items() {
            let PositionedLayoutItem::GlyphRun(gr) = item else {
                continue;
            };
            let run = gr.run();
            if current != Some(run.index()) {
                current = Some(run.index());
                clusters = run.visual_clusters().collect();
                pos = 0;
            }
            let size = run.font_size();
            let needed = gr.glyphs().count();
            let mut glyphs: Vec<PlacedGlyph> = Vec::with_capacity(needed);
            let mut pending: Option<Range<usize>> = None;
            while pos < clusters.len() {
                let cluster = &clusters[pos];
                let n = cluster.glyphs().count();
                if glyphs.len() >= needed
                    && !(n == 0 && !run.is_rtl() && cluster.is_ligature_continuation())
                {
                    break;
                }
                pos += 1;
                let range = cluster.text_range();
                if n == 0 {
                    // A ligature's later characters: give their text to the ligature glyph,
                    // which precedes them visually in LTR and follows them in RTL.
                    match glyphs.last_mut() {
                        Some(g) if !run.is_rtl() => g.text = merge(&g.text, &range),
                        _ => pending = Some(pending.map_or(range.clone(), |p| merge(&p, &range))),
                    }
                    continue;
                }
                let mut range = range;
                if let Some(p) = pending.take() {
                    range = merge(&p, &range);
                }
                for g in cluster.glyphs() {
                    if g.id == 0 {
                        let ch = text[cluster.text_range()]
                            .chars()
                            .next()
                            .unwrap_or('\u{fffd}');
                        return Err(TextProblem::Uncovered(ch));
                    }
                    glyphs.push(PlacedGlyph {
                        id: g.id,
                        advance: g.advance,
                        dx: g.x,
                        dy: g.y,
                        // Every glyph of a cluster carries the cluster's text; the PDF writer
                        // maps the group to it once.
                        text: range.clone(),
                    });
                }
            }
            if glyphs.is_empty() {
                continue;
            }
            elems.push(Elem::Glyphs(GlyphRun {
                font: run.font().clone(),
                size,
                color: gr.style().brush,
                x: gr.offset(),
                y: gr.baseline(),
                glyphs,
                text: text.clone(),
                embolden: run.synthesis().embolden(),
                lang,
                rtl: run.is_rtl(),
                // Filled in by the caller, which knows the content key.
                key: Arc::from(""),
                caption_of: None,
                role: style.role,
                path: Arc::new([]),
            }));
        }
        super::keeps::hide_end_separator(&mut elems[line_start..], &text, line.text_range(), side);
        keep_ink_inside(fonts, &mut elems[line_start..], width);
        lines.push(line_start..elems.len());
    }
    if widest > width + 0.5 {
        return Err(TextProblem::TooWide(widest - width));
    }
    let taller = super::spacing::clear_lines(fonts, &mut elems, &lines);
    Ok(Laid {
        h: layout.height() + taller,
        elems,
        after: style.after,
        marks: Vec::new(),
        breaks: Vec::new(),
    })
}

/// The line-break rules of a paragraph: a Chinese, Japanese or Korean one's, and those of
/// every script (`super::keeps`); `None` where they forbid nothing.
fn line_breaks(env: &TextEnv, text: &str, tier: Tier) -> Option<BreakOverride> {
    super::keeps::line_breaks(env.break_rules, text, tier)
}

/// Moves a line sideways, by as little as it takes, when a glyph's ink overhangs the
/// paragraph's box (a Persian letter's tail past the start of a right-to-left line, the
/// end of a Devanagari headstroke, an italic-like swash) and the line has room on the
/// other side. A line with no room is left for the frame's fit check to shrink.
fn keep_ink_inside(fonts: &mut Fonts, line: &mut [Elem], width: f32) {
    let ink = line
        .iter()
        .filter_map(|e| match e {
            Elem::Glyphs(run) => fonts.ink.run(run),
            _ => None,
        })
        .reduce(super::ink::InkBox::union);
    let Some(shift) = ink.and_then(|ink| inside_shift(ink.left, ink.right, width)) else {
        return;
    };
    for e in line {
        if let Elem::Glyphs(run) = e {
            run.x += shift;
        }
    }
}

/// How far to move ink spanning `left..right` so it lies within `0..width`: `None` when
/// it is inside already (give or take the tolerance) or cannot be.
fn inside_shift(left: f32, right: f32, width: f32) -> Option<f32> {
    super::fit_span(left, right, width, super::INK_TOLERANCE).filter(|s| *s != 0.0)
}

/// Sets `text` on one line at `size` points, regular weight, as a document in language
/// `lang` would (the bundled font stack; right to left if `rtl`): what a shaper
/// comparison or a test of mark placement needs, without a document around it.
pub fn shape_line(
    fonts: &mut Fonts,
    text: &str,
    lang: &str,
    size: f32,
    rtl: bool,
) -> Result<Vec<GlyphRun>, TextProblem> {
    let env = TextEnv::new(lang, &[], &[], rtl);
    // Wide enough that no text a test shapes breaks.
    let width = 1.0e7;
    let laid = paragraph(
        fonts,
        &[Span::plain(text)],
        &TextStyle::body(size),
        width,
        &env,
        0,
        rtl,
    )?;
    Ok(laid
        .elems
        .into_iter()
        .filter_map(|e| match e {
            Elem::Glyphs(run) => Some(run),
            _ => None,
        })
        .collect())
}

/// The advance of a line's trailing spaces that parley counts in the line although it
/// broke the line as if they hung past its end: in a right-to-left paragraph it hangs
/// only spaces at the paragraph's own level, so an English line there (a text that fell
/// back to English in Arabic) ends in a space counted as ink, and would be taken for a
/// word too wide for its box.
fn unhung_space(line: &parley::Line<'_, Rgb>, text: &str) -> f32 {
    if line.metrics().hanging_advance > 0.0 {
        return 0.0;
    }
    let range = line.text_range();
    let Some(words) = text.get(range.clone()) else {
        return 0.0;
    };
    let trailing = range.start + words.trim_end().len()..range.end;
    if trailing.is_empty() {
        return 0.0;
    }
    line.items()
        .filter_map(|item| match item {
            PositionedLayoutItem::GlyphRun(gr) => Some(*gr.run()),
            _ => None,
        })
        .flat_map(|run| {
            run.clusters()
                .filter(|c| {
                    let r = c.text_range();
                    r.start >= trailing.start && r.end <= trailing.end
                })
                .map(|c| c.advance())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// Breaks the paragraph into lines no wider than `width`, avoiding a last line that holds
/// a single short word (or, in scripts without spaces, a character or two): such a line
/// reads as an afterthought on a poster. The lines before the last are set a little
/// shorter, a step at a time up to 40%, so that they hand a word down: first the line
/// before the last alone, then up to three, so a small shortening spread over a few lines
/// wins over a large one of one line ("whatever your / immigration status."). The first
/// line keeps the full measure (in a paragraph of more than two lines), so the paragraph
/// still fills its column, and the number of lines is kept (the paragraph's height, and
/// whether it fits, never changes).
fn balance_last_line(layout: &mut parley::Layout<Rgb>, text: &str, width: f32) {
    layout.break_all_lines(Some(width));
    let lines = layout.len();
    if lines < 2 || !orphan(layout, text, width) {
        return;
    }
    let last = lines - 1;
    let earliest = last
        .saturating_sub(MAX_SHORTENED)
        .max(usize::from(lines > 2));
    for step in 1..=10 {
        let measure = width * (1.0 - 0.04 * step as f32);
        for first in (earliest..last).rev() {
            break_with_short_lines(layout, width, first..last, measure);
            if layout.len() == lines && !orphan(layout, text, width) {
                return;
            }
        }
    }
    layout.break_all_lines(Some(width));
}

/// How many lines before the last [`balance_last_line`] may shorten.
const MAX_SHORTENED: usize = 3;

/// Breaks the lines in `short` at `measure` and every other at `width`; the short lines
/// still align within `width`, so centred and end-aligned text lines up with the rest.
fn break_with_short_lines(
    layout: &mut parley::Layout<Rgb>,
    width: f32,
    short: Range<usize>,
    measure: f32,
) {
    let mut breaker = layout.break_lines();
    let mut line = 0;
    loop {
        let state = breaker.state_mut();
        state.set_layout_max_advance(width);
        state.set_line_max_advance(if short.contains(&line) {
            measure
        } else {
            width
        });
        match breaker.break_next() {
            Some(parley::YieldData::LineBreak(_)) => {}
            // Our paragraphs hold no inline boxes and set no line height limit; were one to
            // appear, finishing here leaves the rest unbroken rather than looping.
            Some(_) | None => break,
        }
        if short.contains(&line) {
            breaker.set_prior_line_width(width);
        }
        line += 1;
    }
    breaker.finish();
}

/// Whether the last line is a lone short word: no space inside it and under a quarter of
/// the box wide.
fn orphan(layout: &parley::Layout<Rgb>, text: &str, width: f32) -> bool {
    let Some(last) = layout.lines().last() else {
        return false;
    };
    let words = text.get(last.text_range()).unwrap_or_default().trim();
    let m = last.metrics();
    !words.contains(char::is_whitespace) && m.advance - m.hanging_advance < width * 0.25
}

fn merge(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number of lines and the words of the last line, for a paragraph set `width` wide.
    fn last_line(fonts: &mut Fonts, text: &str, lang: &str, width: f32) -> (usize, String) {
        let env = TextEnv::new(lang, &[], &[], false);
        let laid = paragraph(
            fonts,
            &[Span::plain(text)],
            &TextStyle::heading(18.0),
            width,
            &env,
            0,
            false,
        )
        .expect("sets");
        let mut baselines: Vec<f32> = Vec::new();
        let mut last = String::new();
        for e in &laid.elems {
            if let Elem::Glyphs(run) = e {
                if baselines.last() != Some(&run.y) {
                    baselines.push(run.y);
                    last.clear();
                }
                last.push_str(run.logical_text());
            }
        }
        (baselines.len(), last)
    }

    /// A separator ending a line in logical order that the bidi algorithm draws inside
    /// it ("24/7 · ٤" when a right-to-left run follows the number) stays: hidden there, it
    /// would leave a hole parting "7" from "٤". No line of any width has a gap between two
    /// of its glyphs wider than a word space, and some width breaks after the separator.
    #[test]
    fn a_separator_drawn_inside_its_line_is_not_hidden() {
        let mut fonts = Fonts::new();
        let text = "Бесплатно · 24/7\u{200f}\u{664} · 200+ языков";
        let env = TextEnv::new("ru", &[], &[], false);
        let mut broke_after_separator = 0;
        for width in (60..240).step_by(2) {
            let laid = paragraph(
                &mut fonts,
                &[Span::plain(text)],
                &TextStyle::body(10.0),
                width as f32,
                &env,
                0,
                false,
            )
            .expect("sets");
            let mut lines: Vec<(f32, Vec<(f32, f32, usize)>)> = Vec::new();
            for e in &laid.elems {
                let Elem::Glyphs(run) = e else { continue };
                let mut pen = run.x;
                let glyphs = run.glyphs.iter().map(|g| {
                    let at = (pen, pen + g.advance, g.text.start);
                    pen += g.advance;
                    at
                });
                match lines.iter_mut().find(|(y, _)| *y == run.y) {
                    Some((_, line)) => line.extend(glyphs),
                    None => lines.push((run.y, glyphs.collect())),
                }
            }
            let second_starts = lines.get(1).and_then(|(_, l)| l.iter().map(|g| g.2).min());
            if second_starts == text.find("200") {
                broke_after_separator += 1;
            }
            for (_, line) in &mut lines {
                line.sort_by(|a, b| a.0.total_cmp(&b.0));
                for w in line.windows(2) {
                    assert!(
                        w[1].0 - w[0].1 < 2.0,
                        "{width} pt: a {:.1} pt hole in a line",
                        w[1].0 - w[0].1
                    );
                }
            }
        }
        assert!(
            broke_after_separator > 0,
            "no width breaks after the second separator"
        );
    }

    #[test]
    fn a_line_whose_ink_overhangs_its_box_moves_inside_when_it_has_room() {
        // Inside, give or take the tolerance: stays.
        assert_eq!(inside_shift(-0.2, 99.0, 100.0), None);
        // A tail 0.6 pt past the right edge, room on the left: moves left by 0.6.
        let moved = |l, r| inside_shift(l, r, 100.0).expect("moves");
        assert!((moved(5.0, 100.6) + 0.6).abs() < 1e-4);
        assert!((moved(-1.0, 50.0) - 1.0).abs() < 1e-4);
        // No room on either side: left for the frame's fit check.
        assert_eq!(inside_shift(-1.0, 101.0, 100.0), None);
    }

    #[test]
    fn a_last_line_never_holds_one_short_word_when_a_narrower_measure_avoids_it() {
        let mut fonts = Fonts::new();
        let text = "Are you or someone you know being forced to work or sell sex?";
        let mut seen = 0;
        for width in (200..=560).step_by(4) {
            let width = width as f32;
            // What plain line breaking at this width would give.
            let mut plain = parley_lines(&mut fonts, text, width);
            let lone = plain.pop().is_some_and(|l| !l.trim().contains(' '));
            let (lines, last) = last_line(&mut fonts, text, "en", width);
            if lone && plain.len() + 1 == lines {
                seen += 1;
                assert!(
                    last.trim().contains(' '),
                    "at {width} pt the last line is a lone word: {last:?}"
                );
            }
        }
        assert!(seen > 0, "no width gave a lone last word to avoid");
    }

    /// Avoiding a lone last word shortens a few lines before it, never the first (of more
    /// than two): the paragraph keeps the column's full measure (the en+es poster's closing
    /// paragraph was once set 30% narrower than its column), and every line of a centred
    /// paragraph is centred in the column.
    #[test]
    fn a_balanced_paragraph_keeps_its_full_measure_and_its_centre() {
        let mut fonts = Fonts::new();
        let text = "Describe what you saw, where and when; you do not need to be sure it is \
                    trafficking, and you can stay anonymous if you wish.";
        let env = TextEnv::new("en", &[], &[], false);
        let mut style = TextStyle::heading(18.0);
        style.align = Align::Center;
        let mut balanced = 0;
        for width in (200..=560).step_by(3) {
            let width = width as f32;
            let plain = parley_lines(&mut fonts, text, width);
            let laid = paragraph(
                &mut fonts,
                &[Span::plain(text)],
                &style,
                width,
                &env,
                0,
                false,
            )
            .expect("sets");
            // Lines in order: (baseline, left, right, text).
            let mut lines: Vec<(f32, f32, f32, String)> = Vec::new();
            for e in &laid.elems {
                if let Elem::Glyphs(run) = e {
                    // Where its visible glyphs end: a line's last space hangs past the box.
                    let (mut x, mut right) = (run.x, run.x);
                    for g in &run.glyphs {
                        x += g.advance;
                        if !run.text[g.text.clone()].trim().is_empty() {
                            right = x;
                        }
                    }
                    match lines.last_mut() {
                        Some(l) if l.0 == run.y => {
                            l.1 = l.1.min(run.x);
                            l.2 = l.2.max(right);
                            l.3.push_str(run.logical_text());
                        }
                        _ => lines.push((run.y, run.x, right, run.logical_text().to_string())),
                    }
                }
            }
            assert_eq!(
                lines.len(),
                plain.len(),
                "at {width} pt the line count changed"
            );
            let last = plain.last().expect("a line");
            if last.trim().contains(' ') {
                continue;
            }
            balanced += 1;
            for (i, (_, left, right, words)) in lines.iter().enumerate() {
                let centre = (left + right) / 2.0;
                assert!(
                    (centre - width / 2.0).abs() < 0.5,
                    "at {width} pt line {i} ({words:?}) is centred on {centre:.1}, not {:.1}",
                    width / 2.0
                );
                if i == 0 && lines.len() > 2 {
                    assert_eq!(
                        words.trim(),
                        plain[i].trim(),
                        "at {width} pt line {i} was set narrower than the column"
                    );
                }
            }
        }
        assert!(
            balanced > 5,
            "only {balanced} widths had a lone last word to avoid"
        );
    }

    #[test]
    fn english_in_a_right_to_left_paragraph_is_not_too_wide_for_its_trailing_space() {
        // An Arabic handout's table cell that fell back to English: parley breaks after
        // "a " at 176.5 pt, the line's ink 175.7 pt wide and its space 2.6 pt more.
        let mut fonts = Fonts::new();
        let env = TextEnv::new("ar", &[], &[], true);
        let text = "A victim forced to commit a crime is a victim, not the offender";
        let laid = paragraph(
            &mut fonts,
            &[Span::plain(text)],
            &TextStyle::body(10.0).leading(1.25),
            176.5,
            &env,
            0,
            true,
        );
        assert!(laid.is_ok(), "{:?}", laid.err());
    }

    /// Lines as parley breaks them without balancing.
    fn parley_lines(fonts: &mut Fonts, text: &str, width: f32) -> Vec<String> {
        let env = TextEnv::new("en", &[], &[], false);
        let mut builder = fonts.lcx.ranged_builder(&mut fonts.fcx, text, 1.0, false);
        builder.push_default(StyleProperty::FontFamily(FontFamily::List(Cow::Borrowed(
            &env.families,
        ))));
        builder.push_default(StyleProperty::FontSize(18.0));
        builder.push_default(StyleProperty::FontWeight(FontWeight::BOLD));
        let mut layout: parley::Layout<Rgb> = builder.build(text);
        layout.break_all_lines(Some(width));
        layout
            .lines()
            .map(|l| text[l.text_range()].to_string())
            .collect()
    }
}
