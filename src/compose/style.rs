//! The visual vocabulary shared by the templates: colours and text styles. The colours
//! themselves are named in [`theme`](super::theme).

pub use crate::types::{Align, Rgb, Role};

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
    /// What the text is to a screen reader: a paragraph unless a template says otherwise.
    pub role: Role,
}

impl TextStyle {
    /// Body text in the bundled theme ([`Theme::body`](super::Theme::body)).
    pub const fn body(size: f32) -> Self {
        super::theme::DEFAULT.body(size)
    }
    /// A heading in the bundled theme ([`Theme::heading`](super::Theme::heading)).
    pub const fn heading(size: f32) -> Self {
        super::theme::DEFAULT.heading(size)
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
    /// The same style as a heading of `level` (1 for the document's title line).
    pub const fn heading_level(mut self, level: u8) -> Self {
        self.role = Role::Heading(level);
        self
    }
    pub const fn role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }
    pub const fn leading(mut self, leading: f32) -> Self {
        self.leading = leading;
        self
    }
}
