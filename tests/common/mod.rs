#![allow(dead_code)]

pub mod cli;
pub mod materials;
pub mod pdf;
pub mod structure;

/// Where a run's visible glyphs start and end, if it has any: a space that ends a line
/// hangs past the box edge (on the left in right-to-left text), as it should, and is not
/// ink.
pub fn ink(g: &bridgeprint::layout::GlyphRun) -> Option<(f32, f32)> {
    let mut x = g.x;
    let mut span: Option<(f32, f32)> = None;
    for glyph in &g.glyphs {
        if !g.text[glyph.text.clone()].trim().is_empty() {
            let left = span.map_or(x, |s| s.0);
            span = Some((left, x + glyph.advance));
        }
        x += glyph.advance;
    }
    span
}
