//! How far apart lines of text stand, measured by what their glyphs print.
//!
//! parley stacks lines by the leading a template asks for (a multiple of the type size),
//! the same for every script. That suits Latin, whose ink sits inside the line box; Arabic
//! descenders, Devanagari vowel signs above the headstroke and Thai tone marks print well
//! outside it, so two lines set at a Latin leading touch (an Arabic meem's tail on the
//! next line's hamza, an English "g" on a Hindi "रे" under it). The fonts' own ascent and
//! descent do not help: Noto Sans Arabic's are clipping bounds 2.1 em apart (far looser
//! than Arabic is set), and Noto Sans Devanagari's (0.9 + 0.4 em) are smaller than Latin's
//! although its marks reach higher. So a line keeps its leading unless the ink of the line
//! above, where the two share some width, comes closer than a clearance to its own ink;
//! then the lines move apart by what it takes. Text whose lines never come that close
//! (Latin, CJK at their leadings) is set exactly as before.

use super::ink::InkBox;
use super::{Elem, Fonts};

/// The white kept between the ink of two lines, as a fraction of a glyph's type size:
/// 0.45 pt at a card's 7.5 pt, 1.1 pt at a poster's 18 pt. Between Latin, Cyrillic or
/// CJK letters (a "g" over an "h") that is enough for the eye to see two lines.
pub const CLEARANCE_EM: f32 = 0.06;

/// The white kept around a glyph of a script whose dots and marks stand apart from the
/// letter and carry its meaning (see [`clearance_em`]): 0.94 pt on a card, 2 pt at 16 pt.
/// At [`CLEARANCE_EM`] a printed page shows such a mark as belonging to the line it
/// nearly touches: a Thai tone mark 0.45 pt under a "3" reads as part of it, the two dots
/// of an Arabic yeh 1.4 pt over a "7" read as a different digit.
pub const MARK_CLEARANCE_EM: f32 = 0.125;

/// The clearance a glyph keeps, as a fraction of its type size, by the script of the
/// text it draws (`cluster`): [`MARK_CLEARANCE_EM`] for Hebrew, Arabic and the scripts
/// written with it, the Brahmic scripts of India and South-East Asia (Devanagari to
/// Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer), whose dots, vowel signs and tone marks
/// print away from the letter; [`CLEARANCE_EM`] for everything else, digits and Latin
/// inside such text included (their pair takes the larger of the two clearances).
pub fn clearance_em(cluster: &str) -> f32 {
    let marked = |c: char| {
        matches!(c as u32,
            0x0590..=0x08FF // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
            | 0x0900..=0x0DFF // Devanagari .. Sinhala
            | 0x0E00..=0x0FFF // Thai, Lao, Tibetan
            | 0x1000..=0x109F // Myanmar
            | 0x1780..=0x17FF // Khmer
            | 0xA8E0..=0xA8FF // Devanagari Extended
            | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms A
            | 0xFE70..=0xFEFF) // Arabic presentation forms B
    };
    if cluster.chars().any(marked) {
        MARK_CLEARANCE_EM
    } else {
        CLEARANCE_EM
    }
}

/// One glyph's ink and the white it keeps from another line's, in points.
#[derive(Debug, Clone, Copy)]
pub struct GlyphInk {
    pub ink: InkBox,
    pub clear: f32,
}

impl GlyphInk {
    fn down(self, dy: f32) -> GlyphInk {
        GlyphInk {
            ink: self.ink.translate(0.0, dy),
            ..self
        }
    }
}

/// The ink of every glyph of the text runs among `elems` (not those in groups: a group is
/// a picture or a turned item, stacked by its frame, never by its lines).
pub fn glyph_inks(fonts: &mut Fonts, elems: &[Elem]) -> Vec<GlyphInk> {
    let mut out = Vec::new();
    for e in elems {
        if let Elem::Glyphs(run) = e {
            let inks = fonts.ink.glyphs(run);
            out.extend(run.glyphs.iter().zip(inks).filter_map(|(g, ink)| {
                let cluster = run.text.get(g.text.clone()).unwrap_or_default();
                Some(GlyphInk {
                    ink: ink?,
                    clear: run.size * clearance_em(cluster),
                })
            }));
        }
    }
    out
}

/// How far `below` must move down so that none of its glyphs comes within the clearance
/// of a glyph of `above` over the same width (the larger of the two glyphs'): 0 when it
/// is clear already.
pub fn push_down(above: &[GlyphInk], below: &[GlyphInk]) -> f32 {
    let Some(top) = below.iter().map(|g| g.ink.top).reduce(f32::min) else {
        return 0.0;
    };
    let reach = above
        .iter()
        .chain(below)
        .map(|g| g.clear)
        .fold(0.0, f32::max);
    let mut push: f32 = 0.0;
    // Only the lowest ink above can meet the highest ink below.
    for a in above.iter().filter(|a| a.ink.bottom + reach > top) {
        for b in below {
            let across = a.ink.right.min(b.ink.right) - a.ink.left.max(b.ink.left);
            if across <= 0.0 {
                continue;
            }
            push = push.max(a.ink.bottom + a.clear.max(b.clear) - b.ink.top);
        }
    }
    push
}

/// Moves the lines of a paragraph (`lines`, each the range of its runs in `elems`) down,
/// each as far as it takes to keep its ink clear of the line above; returns how much
/// taller the paragraph is. A line moves only where its own ink needs it: the lines of a
/// paragraph keep the template's leading wherever their ink is clear (a Hindi line under
/// a line without descenders), so a paragraph grows by what its words need, not by its
/// worst pair times its lines, and still fits the box its leading was designed for.
pub fn clear_lines(fonts: &mut Fonts, elems: &mut [Elem], lines: &[std::ops::Range<usize>]) -> f32 {
    let mut moved = 0.0;
    let mut above: Vec<GlyphInk> = Vec::new();
    for r in lines {
        let line = &mut elems[r.clone()];
        let below: Vec<GlyphInk> = glyph_inks(fonts, line)
            .into_iter()
            .map(|g| g.down(moved))
            .collect();
        moved += push_down(&above, &below);
        for e in line.iter_mut() {
            e.translate(0.0, moved);
        }
        above = glyph_inks(fonts, line);
    }
    moved
}

/// The glyph ink of stacked content so far, and where the next block goes: blocks stack
/// by their line boxes and spaces, moved further down only when a block's first line
/// would come within the clearance of the ink above it (an English line over a Hindi
/// one, an Arabic item over the next).
#[derive(Default)]
pub struct Stack {
    placed: Vec<GlyphInk>,
}

impl Stack {
    /// How far below `y` the content `elems` (at its own origin) must go to stay clear,
    /// `y` included.
    pub fn clear_at(&self, fonts: &mut Fonts, elems: &[Elem], y: f32) -> f32 {
        if self.placed.is_empty() {
            return y;
        }
        let below: Vec<GlyphInk> = glyph_inks(fonts, elems)
            .into_iter()
            .map(|g| g.down(y))
            .collect();
        y + push_down(&self.placed, &below)
    }

    /// Records the ink of `elems` placed at `y`.
    pub fn add(&mut self, fonts: &mut Fonts, elems: &[Elem], y: f32) {
        self.placed
            .extend(glyph_inks(fonts, elems).into_iter().map(|g| g.down(y)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(left: f32, top: f32, right: f32, bottom: f32) -> GlyphInk {
        GlyphInk {
            ink: InkBox {
                left,
                top,
                right,
                bottom,
            },
            clear: 10.0 * CLEARANCE_EM,
        }
    }

    #[test]
    fn a_line_moves_down_only_where_ink_above_shares_its_width() {
        // A descender to 12.0 over a mark from 11.0: 1 pt in, plus 0.6 pt of clearance.
        let above = [g(0.0, 0.0, 5.0, 12.0)];
        let push = push_down(&above, &[g(2.0, 11.0, 6.0, 20.0)]);
        assert!((push - 1.6).abs() < 1e-4, "{push}");
        // The same mark beside the descender, not under it: stays.
        assert_eq!(push_down(&above, &[g(5.5, 11.0, 9.0, 20.0)]), 0.0);
        // Clear by more than the clearance: stays.
        assert_eq!(push_down(&above, &[g(0.0, 13.0, 5.0, 20.0)]), 0.0);
    }

    #[test]
    fn a_mark_keeps_its_script_s_clearance_from_a_latin_digit() {
        // A Thai tone mark under a "3": the mark's clearance, not the digit's.
        let digit = GlyphInk {
            clear: 10.0 * clearance_em("3"),
            ..g(0.0, 0.0, 5.0, 10.0)
        };
        let mark = GlyphInk {
            clear: 10.0 * clearance_em("\u{e17}\u{e35}\u{e48}"),
            ..g(1.0, 10.6, 3.0, 12.0)
        };
        let push = push_down(&[digit], &[mark]);
        assert!((push - (1.25 - 0.6)).abs() < 1e-4, "{push}");
        // Two Latin letters the same distance apart stay.
        assert_eq!(push_down(&[digit], &[g(1.0, 10.6, 3.0, 12.0)]), 0.0);
        for (text, em) in [
            ("\u{64a}", MARK_CLEARANCE_EM),        // Arabic yeh
            ("\u{930}\u{947}", MARK_CLEARANCE_EM), // Devanagari re
            ("\u{1ee7}", CLEARANCE_EM),            // Vietnamese u with hook above
            ("\u{4eba}", CLEARANCE_EM),
            ("7", CLEARANCE_EM),
        ] {
            assert_eq!(clearance_em(text), em, "{text}");
        }
    }
}
