//! The look every template draws with: colours and the defaults of body and heading
//! text. Templates take every colour from a [`Theme`], so an organisation's colours
//! (issue 8) change one value, and [`Theme::contrast_faults`] keeps each text readable on
//! the ground it is printed on.

use super::style::{Align, Rgb, Role, TextStyle};
use super::{Block, Document, Item};
use crate::types::Cmyk;

// The bundled palette. Only this module spells a colour.
const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Deep navy for bands and headings.
const NAVY: Rgb = Rgb(0x14, 0x3d, 0x66);
/// Brick red for "danger" lines.
const ALERT: Rgb = Rgb(0xa8, 0x2b, 0x1d);
/// Pale blue for panels.
const PANEL: Rgb = Rgb(0xe8, 0xef, 0xf7);
/// Light stripe for table rows.
const STRIPE: Rgb = Rgb(0xf3, 0xf6, 0xfa);
/// Muted grey for small print.
const MUTED: Rgb = Rgb(0x4a, 0x4a, 0x4a);

/// Colours by role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Body text.
    pub ink: Rgb,
    /// The sheet itself.
    pub paper: Rgb,
    /// Headings, bullets, and the ground of bands and table headers ([`Palette::band`]).
    pub brand: Rgb,
    /// The ground of the bands across a page and of table headers: the brand colour,
    /// or under [`Ink::Office`] a light tint of it. Not a setting of its own: it follows
    /// `brand` ([`Theme::for_ink`]).
    pub band: Rgb,
    /// Text on a band.
    pub on_brand: Rgb,
    /// "Danger" lines: call 911, do not approach.
    pub alert: Rgb,
    /// Small print: notes under a number, sources, page numbers.
    pub muted: Rgb,
    /// The ground of a panel (the handout's hotline box).
    pub panel: Rgb,
    /// Every other table row.
    pub stripe: Rgb,
}

/// How body text and headings are set unless a template says otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextDefaults {
    /// Line height of body text, as a multiple of its size.
    pub body_leading: f32,
    /// Space after a body paragraph, as a multiple of its size.
    pub body_after: f32,
    pub heading_leading: f32,
    pub heading_after: f32,
}

/// Colours and text defaults, passed to every template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub colors: Palette,
    pub text: TextDefaults,
    /// The mark before each item of a list.
    pub bullet: &'static str,
    /// Every text size times this ([`apply_scale`]): an organisation's bigger or smaller
    /// type, within [`SCALE_RANGE`].
    pub scale: f32,
}

/// The bundled look.
pub const DEFAULT: Theme = Theme {
    colors: Palette {
        ink: INK,
        paper: Rgb::WHITE,
        brand: NAVY,
        band: NAVY,
        on_brand: Rgb::WHITE,
        alert: ALERT,
        muted: MUTED,
        panel: PANEL,
        stripe: STRIPE,
    },
    text: TextDefaults {
        body_leading: 1.3,
        body_after: 0.5,
        heading_leading: 1.15,
        heading_after: 0.35,
    },
    bullet: "\u{2022}",
    scale: 1.0,
};

/// The type scales a project may ask for: below 0.9 most text would sit on its kind's
/// floor and the hierarchy flatten; above 1.3 the fixed bands of a card stop holding their
/// text in most languages.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.9..=1.3;

/// How much ink a page may lay down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ink {
    /// The bundled look: bands in the brand colour, to the edge of the page.
    #[default]
    Full,
    /// For toner and photocopies: no large dark area (a copier streaks and greys a solid
    /// band, and an office printer runs out of toner on a stack of posters). Bands become
    /// a light tint of the brand colour with the brand colour's text on them; text stays
    /// dark and QR codes black on white.
    Office,
}

impl Ink {
    pub const ALL: [Ink; 2] = [Ink::Full, Ink::Office];

    pub fn name(self) -> &'static str {
        match self {
            Ink::Full => "full",
            Ink::Office => "office",
        }
    }
}

impl std::str::FromStr for Ink {
    type Err = String;
    fn from_str(s: &str) -> Result<Ink, String> {
        Ink::ALL
            .into_iter()
            .find(|i| i.name() == s)
            .ok_or_else(|| format!("`{s}` is no ink: write `full` or `office`"))
    }
}

impl std::fmt::Display for Ink {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How much of the brand colour an office band keeps: 15 % on white is a tint a copier
/// reproduces as a light grey, not a streaky solid, and it still reads as the brand.
const OFFICE_TINT: f32 = 0.15;

/// `c` laid over white at `share` (0 white, 1 the colour itself).
fn tint(c: Rgb, share: f32) -> Rgb {
    let mix = |v: u8| (255.0 - (255.0 - f32::from(v)) * share).round() as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}

impl Theme {
    /// This theme for `ink`. Under [`Ink::Office`] the bands are a light tint of the brand
    /// colour, and their text the brand colour itself, or the body ink where the brand is
    /// too light to read on its own tint; every other colour is already light ground or
    /// dark text and stays.
    pub fn for_ink(mut self, ink: Ink) -> Theme {
        let c = &mut self.colors;
        c.band = c.brand;
        if ink == Ink::Office {
            c.band = tint(c.brand, OFFICE_TINT);
            c.on_brand = if contrast(c.brand, c.band) >= MIN_CONTRAST {
                c.brand
            } else {
                c.ink
            };
        }
        self
    }
}

// CMYK, in whole percent: what `--color cmyk` prints for each colour of the bundled
// palette. Black and the body ink are K only: text and QR modules in four inks would
// print with colour fringes wherever the plates do not register, and a 0.7 mm module
// fringed is a module a phone misreads. Navy and red are the naive conversion of their
// sRGB values ([`naive_cmyk`]: K = 1 - max(R,G,B), each of C, M, Y = (1 - channel - K)
// / (1 - K)), rounded: 80/40/0/60 (180 % total ink) and 0/74/83/34 (191 %), both under
// the 300 % a coated sheet takes.
const CMYK_TABLE: [(Rgb, Cmyk); 4] = [
    (Rgb::BLACK, Cmyk(0, 0, 0, 100)),
    (INK, Cmyk(0, 0, 0, 100)),
    (NAVY, Cmyk(80, 40, 0, 60)),
    (ALERT, Cmyk(0, 74, 83, 34)),
];

/// What `c` prints as under `--color cmyk`: the palette's own values
/// ([`CMYK_TABLE`]: K-only black), else [`naive_cmyk`] (a grey, a project's own colour).
pub fn cmyk(c: Rgb) -> Cmyk {
    CMYK_TABLE
        .iter()
        .find(|(rgb, _)| *rgb == c)
        .map_or_else(|| naive_cmyk(c), |(_, k)| *k)
}

/// The device conversion with no profile: a grey is K only, and no colour takes more than
/// 200 % of ink plus its K. Not colour-managed: a print shop with a profile for its press
/// converts the brand colours better, which is why the palette's are stated.
pub fn naive_cmyk(c: Rgb) -> Cmyk {
    let [r, g, b] = [c.0, c.1, c.2].map(|v| f32::from(v) / 255.0);
    let k = 1.0 - r.max(g).max(b);
    if k >= 1.0 {
        return Cmyk(0, 0, 0, 100);
    }
    let part = |v: f32| ((1.0 - v - k) / (1.0 - k) * 100.0).round() as u8;
    Cmyk(part(r), part(g), part(b), (k * 100.0).round() as u8)
}

impl Default for Theme {
    fn default() -> Self {
        DEFAULT
    }
}

/// WCAG 2 AA for normal text: what every pair must reach, whatever its size.
pub const MIN_CONTRAST: f32 = 4.5;

/// A text colour on a ground colour that a template prints, named for messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub name: &'static str,
    pub text: Rgb,
    pub ground: Rgb,
    /// The [`Palette`] fields the two colours come from (`on_brand`, `brand`), so a
    /// message can name the setting to change; `None` for a ground no theme sets (the
    /// white under a QR code).
    pub text_role: &'static str,
    pub ground_role: Option<&'static str>,
}

/// A pair below [`MIN_CONTRAST`].
#[derive(Debug, Clone, PartialEq)]
pub struct ContrastFault {
    pub pair: Pair,
    pub ratio: f32,
}

impl Theme {
    /// Body text of `size` points in ink.
    pub const fn body(&self, size: f32) -> TextStyle {
        TextStyle {
            size,
            leading: self.text.body_leading,
            bold: false,
            color: self.colors.ink,
            align: Align::Start,
            after: size * self.text.body_after,
            role: Role::Paragraph,
        }
    }

    /// A bold heading of `size` points in the brand colour. Its role stays a paragraph:
    /// the look also sets the printed number and labels; a template says which lines are
    /// headings ([`TextStyle::heading_level`]).
    pub const fn heading(&self, size: f32) -> TextStyle {
        TextStyle {
            size,
            leading: self.text.heading_leading,
            bold: true,
            color: self.colors.brand,
            align: Align::Start,
            after: size * self.text.heading_after,
            role: Role::Paragraph,
        }
    }

    /// Every text-on-ground pair the templates print.
    pub fn pairs(&self) -> [Pair; 10] {
        let c = &self.colors;
        let pair = |name, (text_role, text), (ground_role, ground)| Pair {
            name,
            text,
            ground,
            text_role,
            ground_role,
        };
        let (ink, brand) = (("ink", c.ink), ("brand", c.brand));
        let (paper, on_brand) = ((Some("paper"), c.paper), ("on_brand", c.on_brand));
        let (panel, band) = ((Some("panel"), c.panel), (Some("brand"), c.band));
        [
            pair("body on paper", ink, paper),
            pair("heading on paper", brand, paper),
            pair("heading on band", on_brand, band),
            pair("muted on paper", ("muted", c.muted), paper),
            pair("alert on paper", ("alert", c.alert), paper),
            pair("body on panel", ink, panel),
            pair("heading on panel", brand, panel),
            pair("caption on white panel", ink, (None, Rgb::WHITE)),
            pair("table header on brand", on_brand, band),
            pair("body on stripe", ink, (Some("stripe"), c.stripe)),
        ]
    }

    /// The pairs that do not reach WCAG AA, [`MIN_CONTRAST`]; empty for a readable theme.
    pub fn contrast_faults(&self) -> Vec<ContrastFault> {
        self.pairs()
            .into_iter()
            .map(|pair| ContrastFault {
                pair,
                ratio: contrast(pair.text, pair.ground),
            })
            .filter(|f| f.ratio < MIN_CONTRAST)
            .collect()
    }
}

/// `style` with its size (and the space after it) times `f`, but never taken below
/// `floor` by a scale under 1: a kind's smallest readable size is not the theme's to
/// change. A size already under the floor (a template's own choice) is left as it is.
pub fn scale_style(style: TextStyle, f: f32, floor: f32) -> TextStyle {
    let size = (style.size * f).max(floor.min(style.size));
    style.scaled(size / style.size)
}

/// Every text of `doc` set at the theme's type scale. Spaces, boxes and QR codes keep
/// their size: the scale is of the type, and the geometry of a card or the quiet zone of
/// a code is not the theme's.
///
/// A frame's texts and spaces are scaled together, by `f` or, where that would take its
/// smallest text under `floor`, by as little as keeps it there ([`frame_factor`]): the
/// layout shrinks a frame all alike to fit, so a frame scaled under 1 is one the layout
/// would reach by shrinking it, and a smaller scale never makes a frame overflow that fits
/// at 1. Flowing text, which never shrinks, is scaled style by style ([`scale_style`]).
pub fn apply_scale(doc: &mut Document, f: f32, floor: f32) {
    if f == 1.0 {
        return;
    }
    let frames = doc
        .pages
        .iter_mut()
        .flat_map(|p| p.items.iter_mut())
        .chain(doc.flow.iter_mut().flat_map(|flow| flow.items.iter_mut()));
    for mut item in frames {
        // A turned frame (a tear-off tab) is scaled as any other.
        while let Item::Turned { item: inner, .. } = item {
            item = inner;
        }
        if let Item::Frame { blocks, .. } = item {
            // With its spaces, as the layout shrinks a frame: the same frame at 1 shrunk
            // to this size is what it must look like.
            let g = frame_factor(blocks, f, floor);
            *blocks = blocks.iter().map(|b| b.scaled(g)).collect();
        }
    }
    if let Some(flow) = &mut doc.flow {
        scale_flow_text(flow, f, floor);
        if let Some(footer) = &mut flow.footer {
            footer.style = scale_style(footer.style, f, floor);
        }
    }
}

/// Every text of a flow's blocks and closing blocks at `f`, none taken under `floor`
/// ([`scale_style`]): also how a flow too long for its most pages is set tighter.
pub fn scale_flow_text(flow: &mut super::Flow, f: f32, floor: f32) {
    let mut each = |style: &mut TextStyle| *style = scale_style(*style, f, floor);
    flow.blocks
        .iter_mut()
        .for_each(|b| each_style(b, &mut each));
    if let Some(closing) = &mut flow.closing {
        closing
            .blocks
            .iter_mut()
            .chain(std::iter::once(&mut closing.notes_heading))
            .for_each(|b| each_style(b, &mut each));
    }
}

/// The one factor a frame's texts are scaled by: `f`, or for a scale under 1 no less than
/// takes its smallest text to `floor` (and 1 for a frame already at or under it).
fn frame_factor(blocks: &[Block], f: f32, floor: f32) -> f32 {
    let smallest = blocks
        .iter()
        .filter_map(Block::smallest_size)
        .reduce(f32::min);
    match smallest {
        Some(small) if f < 1.0 => f.max((floor / small).min(1.0)),
        _ => f,
    }
}

/// Calls `f` on every text style in `block` and the blocks inside it.
fn each_style(block: &mut Block, f: &mut impl FnMut(&mut TextStyle)) {
    match block {
        Block::Para { style, .. } | Block::Bullets { style, .. } | Block::Table { style, .. } => {
            f(style);
        }
        Block::Columns { cols, .. } => cols.iter_mut().flatten().for_each(|b| each_style(b, f)),
        Block::Panel { blocks, .. }
        | Block::Figure { blocks, .. }
        | Block::Keep(blocks)
        | Block::Section(blocks)
        | Block::Lang { blocks, .. }
        | Block::Caption { blocks, .. } => blocks.iter_mut().for_each(|b| each_style(b, f)),
        Block::QrBeside {
            caption, blocks, ..
        } => {
            each_style(caption, f);
            blocks.iter_mut().for_each(|b| each_style(b, f));
        }
        Block::Space(_) => {}
    }
}

/// WCAG 2 contrast ratio, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(c: Rgb) -> f32 {
    let channel = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast(Rgb(0, 0, 0), Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Rgb::WHITE, Rgb::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the lightest grey that passes AA: 4.54:1.
        assert!((contrast(Rgb(0x76, 0x76, 0x76), Rgb::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn the_office_ink_has_light_bands_and_stays_readable() {
        let office = DEFAULT.for_ink(Ink::Office);
        assert_eq!(office.contrast_faults(), Vec::new());
        assert!(
            luminance(office.colors.band) > 0.7,
            "{:?}",
            office.colors.band
        );
        assert_eq!(office.colors.on_brand, NAVY);
        assert_eq!(DEFAULT.for_ink(Ink::Full), DEFAULT);
        // A lighter brand (5.2:1 on white, with a white panel) reads at 4.2:1 on its own
        // tint: its band text is the body ink.
        let mut light = DEFAULT;
        light.colors.brand = Rgb(0x30, 0x70, 0xb0);
        light.colors.panel = Rgb::WHITE;
        assert_eq!(light.for_ink(Ink::Full).contrast_faults(), Vec::new());
        let office = light.for_ink(Ink::Office);
        assert_eq!(office.colors.on_brand, INK);
        assert_eq!(office.contrast_faults(), Vec::new());
    }

    #[test]
    fn cmyk_black_is_k_only_and_the_brand_colours_are_the_stated_conversion() {
        assert_eq!(cmyk(Rgb::BLACK), Cmyk(0, 0, 0, 100));
        assert_eq!(cmyk(INK), Cmyk(0, 0, 0, 100));
        assert_eq!(cmyk(MUTED), Cmyk(0, 0, 0, 71));
        assert_eq!(cmyk(Rgb::WHITE), Cmyk(0, 0, 0, 0));
        for (rgb, k) in &CMYK_TABLE[2..] {
            assert_eq!(naive_cmyk(*rgb), *k, "{rgb:?}");
        }
        for c in [NAVY, ALERT, PANEL, STRIPE, Rgb(0x5b, 0x2a, 0x86)] {
            let Cmyk(a, b, d, e) = cmyk(c);
            let total = u32::from(a) + u32::from(b) + u32::from(d) + u32::from(e);
            assert!(total <= 300, "{c:?}: {total} %");
        }
    }

    #[test]
    fn every_pair_of_the_bundled_theme_is_readable() {
        assert_eq!(DEFAULT.contrast_faults(), Vec::new());
        assert!(contrast(NAVY, Rgb::WHITE) > 11.0);
    }

    #[test]
    fn a_pale_grey_for_small_print_or_a_light_band_is_refused() {
        let mut pale = DEFAULT;
        pale.colors.muted = Rgb(0x99, 0x99, 0x99);
        let faults = pale.contrast_faults();
        assert_eq!(faults.len(), 1, "{faults:?}");
        assert_eq!(faults[0].pair.name, "muted on paper");
        assert!(faults[0].ratio < MIN_CONTRAST);

        let mut light = DEFAULT;
        light.colors.brand = Rgb(0x7f, 0xb2, 0xe5);
        let light = light.for_ink(Ink::Full);
        let names: Vec<_> = light
            .contrast_faults()
            .into_iter()
            .map(|f| f.pair.name)
            .collect();
        assert!(names.contains(&"heading on band"), "{names:?}");
        assert!(names.contains(&"heading on paper"), "{names:?}");
    }
}
