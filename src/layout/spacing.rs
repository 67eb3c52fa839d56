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

/// The white kept between the ink of two lines, as a fraction of the larger type size:
/// 0.45 pt at a card's 7.5 pt, 1.1 pt at a poster's 18 pt; enough for the eye to see two
/// lines where a descender meets a mark.
pub const CLEARANCE_EM: f32 = 0.06;

/// One glyph's ink and the size of the type it is set in.
#[derive(Debug, Clone, Copy)]
pub struct GlyphInk {
    pub ink: InkBox,
    pub size: f32,
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
            let size = run.size;
            out.extend(
                fonts
                    .ink
                    .glyphs(run)
                    .into_iter()
                    .flatten()
                    .map(|ink| GlyphInk { ink, size }),
            );
        }
    }
    out
}

/// How far `below` must move down so that none of its glyphs comes within the clearance
/// of a glyph of `above` over the same width: 0 when it is clear already.
pub fn push_down(above: &[GlyphInk], below: &[GlyphInk]) -> f32 {
    let Some(top) = below.iter().map(|g| g.ink.top).reduce(f32::min) else {
        return 0.0;
    };
    let reach = above.iter().map(|g| g.size).fold(0.0, f32::max) * CLEARANCE_EM;
    let mut push: f32 = 0.0;
    // Only the lowest ink above can meet the highest ink below.
    for a in above.iter().filter(|a| a.ink.bottom + reach > top) {
        for b in below {
            let across = a.ink.right.min(b.ink.right) - a.ink.left.max(b.ink.left);
            if across <= 0.0 {
                continue;
            }
            let clearance = a.size.max(b.size) * CLEARANCE_EM;
            push = push.max(a.ink.bottom + clearance - b.ink.top);
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
            size: 10.0,
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
}
