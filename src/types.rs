//! Value types every stage speaks: sizes and places in points, colours, alignment,
//! direction, transforms. They hold no policy (no palette, no paper list), so compose,
//! layout and render can share them without importing one another.

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// A width and height in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

impl Size {
    pub const fn new(w: f32, h: f32) -> Self {
        Size { w, h }
    }
}

/// A point in points, origin at the top-left of the trimmed page, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
}

/// A rectangle in points, origin at the top-left of the trimmed page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// The rectangle shrunk by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - 2.0 * d, self.h - 2.0 * d)
    }
}

/// An sRGB colour. The palette lives with the templates ([`crate::compose::style`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// What a QR code's modules and quiet zone must be to scan, whatever the theme.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
}

/// A CMYK colour in whole percent of cyan, magenta, yellow and black ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cmyk(pub u8, pub u8, pub u8, pub u8);

/// The colour model of the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    /// sRGB values as DeviceRGB (ICC-based sRGB under PDF/A): for screens and office
    /// printers.
    #[default]
    Rgb,
    /// DeviceCMYK, black text and QR modules in K only: for a print shop. Images (a
    /// logo) stay as they are, RGB: converting them needs the press's profile.
    Cmyk,
}

/// The printing condition a CMYK file is made for: its output intent names it and embeds
/// the condition's profile, so a print shop's RIP and a proofing viewer know which press
/// and paper the CMYK values were chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrintCondition {
    /// GRACoL 2006 coated, sheetfed offset on grade 1 coated paper (CGATS TR 006): what
    /// a US commercial print shop proofs to.
    #[default]
    Gracol,
    /// FOGRA39, offset on coated paper (ISO 12647-2): Europe's default.
    Fogra39,
    /// SWOP coated #3, web offset publication printing in the US (CGATS TR 003).
    Swop,
}

impl PrintCondition {
    pub const ALL: [PrintCondition; 3] = [
        PrintCondition::Gracol,
        PrintCondition::Fogra39,
        PrintCondition::Swop,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PrintCondition::Gracol => "gracol",
            PrintCondition::Fogra39 => "fogra39",
            PrintCondition::Swop => "swop",
        }
    }
}

impl std::str::FromStr for PrintCondition {
    type Err = String;
    fn from_str(s: &str) -> Result<PrintCondition, String> {
        PrintCondition::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                format!("`{s}` is no printing condition: write `gracol`, `fogra39` or `swop`")
            })
    }
}

/// One standard a PDF can be written and validated under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b: archival (fonts embedded, colours device-independent, XMP metadata).
    A2b,
    /// PDF/UA-1: accessible (tagged, alt text, language, title).
    Ua1,
}

impl Standard {
    pub const ALL: [Standard; 2] = [Standard::A2b, Standard::Ua1];

    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "a-2b",
            Standard::Ua1 => "ua-1",
        }
    }

    /// As people write it: `PDF/A-2b`.
    pub fn title(self) -> &'static str {
        match self {
            Standard::A2b => "PDF/A-2b (archival PDF)",
            Standard::Ua1 => "PDF/UA-1 (accessible PDF)",
        }
    }
}

impl std::str::FromStr for Standard {
    type Err = String;
    fn from_str(s: &str) -> Result<Standard, String> {
        Standard::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| format!("`{s}` is no PDF standard: write `a-2b`, `ua-1` or both"))
    }
}

impl ColorMode {
    pub const ALL: [ColorMode; 2] = [ColorMode::Rgb, ColorMode::Cmyk];

    pub fn name(self) -> &'static str {
        match self {
            ColorMode::Rgb => "rgb",
            ColorMode::Cmyk => "cmyk",
        }
    }
}

impl std::str::FromStr for ColorMode {
    type Err = String;
    fn from_str(s: &str) -> Result<ColorMode, String> {
        ColorMode::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| format!("`{s}` is no colour model: write `rgb` or `cmyk`"))
    }
}

/// Horizontal alignment, in the reading direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Center,
    End,
    /// Towards the side of the page where its reading starts, whatever the direction of
    /// the paragraph's own language (an Arabic caption beside a code on an English page).
    PageStart,
    PageEnd,
}

/// Writing direction of a locale, and of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// An affine map of the page, y down: a point (x, y) goes to
/// (sx·x + kx·y + tx, ky·x + sy·y + ty), as PDF's `cm` operator takes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    pub sx: f32,
    pub ky: f32,
    pub kx: f32,
    pub sy: f32,
    pub tx: f32,
    pub ty: f32,
}

impl Transform {
    pub const IDENTITY: Transform = Transform::translate(0.0, 0.0);

    pub const fn translate(tx: f32, ty: f32) -> Self {
        Transform {
            sx: 1.0,
            ky: 0.0,
            kx: 0.0,
            sy: 1.0,
            tx,
            ty,
        }
    }

    pub const fn scale(sx: f32, sy: f32) -> Self {
        Transform {
            sx,
            ky: 0.0,
            kx: 0.0,
            sy,
            tx: 0.0,
            ty: 0.0,
        }
    }

    /// Turned by `degrees` clockwise on the page (y points down) about the origin.
    pub fn rotate(degrees: f32) -> Self {
        let (s, c) = degrees.to_radians().sin_cos();
        Transform {
            sx: c,
            ky: s,
            kx: -s,
            sy: c,
            tx: 0.0,
            ty: 0.0,
        }
    }

    /// `self` applied after `inner`: a group inside a group.
    pub fn then(self, inner: Transform) -> Transform {
        let a = self;
        let b = inner;
        Transform {
            sx: a.sx * b.sx + a.kx * b.ky,
            ky: a.ky * b.sx + a.sy * b.ky,
            kx: a.sx * b.kx + a.kx * b.sy,
            sy: a.ky * b.kx + a.sy * b.sy,
            tx: a.sx * b.tx + a.kx * b.ty + a.tx,
            ty: a.ky * b.tx + a.sy * b.ty + a.ty,
        }
    }

    pub fn apply(&self, p: Point) -> Point {
        Point::new(
            self.sx * p.x + self.kx * p.y + self.tx,
            self.ky * p.x + self.sy * p.y + self.ty,
        )
    }

    /// The smallest upright rectangle holding `r` once mapped (a link's clickable area
    /// under a rotation).
    pub fn bounds(&self, r: Rect) -> Rect {
        let corners = [
            Point::new(r.x, r.y),
            Point::new(r.right(), r.y),
            Point::new(r.x, r.bottom()),
            Point::new(r.right(), r.bottom()),
        ]
        .map(|p| self.apply(p));
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in corners {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_inside_a_group_moves_then_scales_in_the_right_order() {
        // The outer group moves by (10, 20); the inner one doubles: (1, 1) lands at (12, 22).
        let t = Transform::translate(10.0, 20.0).then(Transform::scale(2.0, 2.0));
        assert_eq!(t.apply(Point::new(1.0, 1.0)), Point::new(12.0, 22.0));
    }

    #[test]
    fn a_quarter_turn_keeps_a_rect_the_same_size() {
        let b = Transform::rotate(90.0).bounds(Rect::new(0.0, 0.0, 20.0, 10.0));
        assert!(
            (b.w - 10.0).abs() < 1e-4 && (b.h - 20.0).abs() < 1e-4,
            "{b:?}"
        );
        assert!((b.x + 10.0).abs() < 1e-4 && b.y.abs() < 1e-4, "{b:?}");
    }
}

/// What a paragraph is in the PDF's structure, which a screen reader announces and
/// navigates by: its look alone (bold, large) says nothing to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Paragraph,
    /// A heading of level 1 to 6: 1 is the document's title line (poster headline,
    /// handout title, card front heading), 2 a section, 3 a sub-heading.
    Heading(u8),
    /// Page furniture a reader skips: page numbers, footers and slugs, which repeat or
    /// describe the print rather than say anything.
    Artifact,
}

/// The words a screen reader says for a QR code, and the language they are in.
#[derive(Debug, Clone, PartialEq)]
pub struct QrAlt {
    /// The key of the contact record the code encodes.
    pub contact: String,
    pub text: String,
    /// BCP 47 tag.
    pub lang: String,
}

/// `text` without the bidi isolates (U+2066..U+2069) the tool wraps round values.
pub fn without_isolates(text: &str) -> String {
    text.chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect()
}

/// How a picture's bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

impl ImageFormat {
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Svg => "SVG",
        }
    }
}

/// A picture a project gives (its logo), already read and found to decode: its bytes,
/// their format, and its own size (pixels for PNG and JPEG; for SVG its width and height
/// in user units, which only give the aspect).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The file it was read from, as the person named it, for messages.
    pub file: String,
    pub format: ImageFormat,
    pub data: std::sync::Arc<[u8]>,
    pub width: f32,
    pub height: f32,
}

impl Picture {
    /// The largest rectangle of the picture's aspect inside `frame`, centred in it: a
    /// logo is never stretched.
    pub fn fit(&self, frame: Rect) -> Rect {
        let scale = (frame.w / self.width).min(frame.h / self.height);
        let (w, h) = (self.width * scale, self.height * scale);
        Rect::new(
            frame.x + (frame.w - w) / 2.0,
            frame.y + (frame.h - h) / 2.0,
            w,
            h,
        )
    }

    /// The pixels per inch a raster picture gets printed `width` points wide; `None` for
    /// SVG, which has no pixels.
    pub fn dpi(&self, width: f32) -> Option<f32> {
        (self.format != ImageFormat::Svg && width > 0.0).then(|| self.width / (width / 72.0))
    }
}
