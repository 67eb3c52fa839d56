#![allow(dead_code)]

pub mod cli;
pub mod docs;
pub mod materials;
pub mod pdf;
pub mod structure;

/// Two local lines of a project's bridgeprint.toml, as a coordinator writes them: a legal aid
/// line with its display form and a shelter, each with its source and date.
pub const LOCAL_RECORDS: &str = r#"
[contacts.legal_aid]
kind = "voice"
number = "+15035550142"
display = "(503) 555-0142"
name = "Workers' legal aid line"
source = "Called 2026-11-20, confirmed by the director"
verified = 2026-11-20

[contacts.shelter]
kind = "voice"
number = "+15035550199"
name = "Safe shelter"
source = "Called 2026-11-20"
verified = 2026-11-20
"#;

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
