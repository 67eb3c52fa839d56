//! The visual vocabulary shared by the templates: colours and text styles.

pub use crate::types::{Align, Rgb};

impl Rgb {
    pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
    /// Deep navy for bands and headings (contrast 11.6:1 with white).
    pub const NAVY: Rgb = Rgb(0x14, 0x3d, 0x66);
    /// Brick red for "danger" lines (contrast 6.5:1 with white).
    pub const ALERT: Rgb = Rgb(0xa8, 0x2b, 0x1d);
    /// Pale blue for panels; ink on it stays above 15:1.
    pub const PANEL: Rgb = Rgb(0xe8, 0xef, 0xf7);
    /// Light stripe for table rows.
    pub const STRIPE: Rgb = Rgb(0xf3, 0xf6, 0xfa);
    /// Muted grey for small print (contrast 7:1 with white).
    pub const MUTED: Rgb = Rgb(0x4a, 0x4a, 0x4a);
}

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub bold: bool,
    pub color: Rgb,
    pub align: Align,
    /// Space after the block, in points.
    pub after: f32,
}

impl TextStyle {
    pub const fn body(size: f32) -> Self {
        TextStyle {
            size,
            leading: 1.3,
            bold: false,
            color: Rgb::INK,
            align: Align::Start,
            after: size * 0.5,
        }
    }
    pub const fn heading(size: f32) -> Self {
        TextStyle {
            size,
            leading: 1.15,
            bold: true,
            color: Rgb::NAVY,
            align: Align::Start,
            after: size * 0.35,
        }
    }
    pub const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub const fn color(mut self, color: Rgb) -> Self {
        self.color = color;
        self
    }
    pub const fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub const fn after(mut self, after: f32) -> Self {
        self.after = after;
        self
    }
    /// The same style at `f` times the size, with its spacing scaled alike.
    pub fn scaled(mut self, f: f32) -> Self {
        self.size *= f;
        self.after *= f;
        self
    }
    pub const fn leading(mut self, leading: f32) -> Self {
        self.leading = leading;
        self
    }
}
