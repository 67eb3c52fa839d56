//! Where glyphs put ink: each glyph's outline bounds, read from the font itself, placed
//! the way the run draws it. Line boxes and advances say where text is meant to sit; a
//! letter under a stack of marks, or a tall Vietnamese or Thai capital, prints beyond
//! them, and only the outline says how far.

use std::collections::HashMap;

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider};

use super::GlyphRun;

/// How far synthetic bold grows a glyph on each side, as a fraction of the font size: half
/// the outline stroke the renderer adds (see `render::draw_run`).
pub const EMBOLDEN_GROWTH_EM: f32 = 0.035 / 2.0;

/// A box in points, y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InkBox {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl InkBox {
    /// What a filled rectangle prints.
    pub fn of(r: crate::types::Rect) -> InkBox {
        InkBox {
            left: r.x,
            top: r.y,
            right: r.right(),
            bottom: r.bottom(),
        }
    }

    pub fn rect(self) -> crate::types::Rect {
        crate::types::Rect::new(
            self.left,
            self.top,
            self.right - self.left,
            self.bottom - self.top,
        )
    }

    /// What is inside both, if anything (ink cut by a group's clip).
    pub fn intersect(self, o: InkBox) -> Option<InkBox> {
        let b = InkBox {
            left: self.left.max(o.left),
            top: self.top.max(o.top),
            right: self.right.min(o.right),
            bottom: self.bottom.min(o.bottom),
        };
        (b.left < b.right && b.top < b.bottom).then_some(b)
    }

    pub fn union(self, o: InkBox) -> InkBox {
        InkBox {
            left: self.left.min(o.left),
            top: self.top.min(o.top),
            right: self.right.max(o.right),
            bottom: self.bottom.max(o.bottom),
        }
    }

    pub fn translate(self, dx: f32, dy: f32) -> InkBox {
        InkBox {
            left: self.left + dx,
            top: self.top + dy,
            right: self.right + dx,
            bottom: self.bottom + dy,
        }
    }

    /// How far, in points, the box reaches outside a `w` x `h` frame at the origin on
    /// each side: (left, top, right, bottom), zero where it stays inside.
    pub fn outside(self, w: f32, h: f32) -> [f32; 4] {
        [
            (-self.left).max(0.0),
            (-self.top).max(0.0),
            (self.right - w).max(0.0),
            (self.bottom - h).max(0.0),
        ]
    }
}

/// A glyph's outline bounds in font units, y up, as the font draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct UnitBounds {
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

/// Outline bounds per glyph, read once per process: a document lays out the same few
/// hundred glyphs at every shrink step.
#[derive(Default)]
pub struct InkCache {
    /// Per face, keyed by (blob id, face index): one hash per run, then an index per glyph.
    faces: HashMap<(u64, u32), Face>,
}

struct Face {
    /// `None` for a face skrifa cannot read.
    upem: Option<f32>,
    /// By glyph id, filled as glyphs are met: `None` not read yet, `Some(None)` a glyph
    /// without ink (a space).
    glyphs: Vec<Option<Option<UnitBounds>>>,
}

impl InkCache {
    /// The ink of each glyph of `run` in order, in the coordinates its `x` and `y` are in;
    /// `None` for a glyph without ink (a space) or a face skrifa cannot read.
    pub fn glyphs(&mut self, run: &GlyphRun) -> Vec<Option<InkBox>> {
        let font = &run.font;
        let data = font.data.data();
        let face = self
            .faces
            .entry((font.data.id(), font.index))
            .or_insert_with(|| Face {
                upem: units_per_em(data, font.index),
                glyphs: Vec::new(),
            });
        // A face the outline reader rejects cannot be measured; its text is then held to
        // its line boxes only, rather than refused after it shaped and will draw.
        let Some(upem) = face.upem else {
            return vec![None; run.glyphs.len()];
        };
        let scale = run.size / upem;
        let grow = if run.embolden {
            run.size * EMBOLDEN_GROWTH_EM
        } else {
            0.0
        };
        let mut pen_x = run.x;
        let mut out = Vec::with_capacity(run.glyphs.len());
        for g in &run.glyphs {
            let id = g.id as usize;
            if face.glyphs.len() <= id {
                face.glyphs.resize(id + 1, None);
            }
            let b = *face.glyphs[id].get_or_insert_with(|| glyph_bounds(data, font.index, g.id));
            // Offsets are y down, like the page; outlines are y up from the baseline.
            let (x, y) = (pen_x + g.dx, run.y + g.dy);
            out.push(b.map(|b| InkBox {
                left: x + b.x_min * scale - grow,
                right: x + b.x_max * scale + grow,
                top: y - b.y_max * scale - grow,
                bottom: y - b.y_min * scale + grow,
            }));
            pen_x += g.advance;
        }
        out
    }

    /// The ink of one run; `None` when no glyph of it has an outline.
    pub fn run(&mut self, run: &GlyphRun) -> Option<InkBox> {
        self.glyphs(run).into_iter().flatten().reduce(InkBox::union)
    }
}

fn units_per_em(data: &[u8], index: u32) -> Option<f32> {
    let font = FontRef::from_index(data, index).ok()?;
    let upem = font
        .metrics(Size::unscaled(), LocationRef::default())
        .units_per_em;
    (upem > 0).then_some(f32::from(upem))
}

/// The exact bounds of a glyph's outline (curve extremes, not control points), at the
/// font's default instance.
fn glyph_bounds(data: &[u8], index: u32, glyph: u32) -> Option<UnitBounds> {
    let font = FontRef::from_index(data, index).ok()?;
    let outline = font.outline_glyphs().get(GlyphId::new(glyph))?;
    let mut pen = BoundsPen::default();
    outline
        .draw(
            DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
            &mut pen,
        )
        .ok()?;
    pen.bounds
}

/// Collects the bounding box of the path drawn into it.
#[derive(Default)]
struct BoundsPen {
    at: (f32, f32),
    bounds: Option<UnitBounds>,
}

impl BoundsPen {
    fn add(&mut self, x: f32, y: f32) {
        self.bounds = Some(match self.bounds {
            None => UnitBounds {
                x_min: x,
                y_min: y,
                x_max: x,
                y_max: y,
            },
            Some(b) => UnitBounds {
                x_min: b.x_min.min(x),
                y_min: b.y_min.min(y),
                x_max: b.x_max.max(x),
                y_max: b.y_max.max(y),
            },
        });
    }
}

impl OutlinePen for BoundsPen {
    fn move_to(&mut self, x: f32, y: f32) {
        // A contour's start is on the curve only once something is drawn from it.
        self.at = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.add(self.at.0, self.at.1);
        self.add(x, y);
        self.at = (x, y);
    }

    fn quad_to(&mut self, cx: f32, cy: f32, x: f32, y: f32) {
        let (x0, y0) = self.at;
        self.add(x0, y0);
        self.add(x, y);
        for t in quad_extremes(x0, cx, x)
            .into_iter()
            .chain(quad_extremes(y0, cy, y))
        {
            let u = 1.0 - t;
            self.add(
                u * u * x0 + 2.0 * u * t * cx + t * t * x,
                u * u * y0 + 2.0 * u * t * cy + t * t * y,
            );
        }
        self.at = (x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let (x0, y0) = self.at;
        self.add(x0, y0);
        self.add(x, y);
        let ts = cubic_extremes(x0, cx0, cx1, x)
            .into_iter()
            .chain(cubic_extremes(y0, cy0, cy1, y))
            .flatten();
        for t in ts {
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            self.add(
                a * x0 + b * cx0 + c * cx1 + d * x,
                a * y0 + b * cy0 + c * cy1 + d * y,
            );
        }
        self.at = (x, y);
    }

    fn close(&mut self) {}
}

/// Where a quadratic Bézier coordinate turns, strictly inside (0, 1).
fn quad_extremes(p0: f32, p1: f32, p2: f32) -> Option<f32> {
    let denom = p0 - 2.0 * p1 + p2;
    if denom == 0.0 {
        return None;
    }
    let t = (p0 - p1) / denom;
    (t > 0.0 && t < 1.0).then_some(t)
}

/// Where a cubic Bézier coordinate turns, strictly inside (0, 1): the roots of its
/// derivative a t² + b t + c.
fn cubic_extremes(p0: f32, p1: f32, p2: f32, p3: f32) -> [Option<f32>; 2] {
    let a = -p0 + 3.0 * p1 - 3.0 * p2 + p3;
    let b = 2.0 * (p0 - 2.0 * p1 + p2);
    let c = p1 - p0;
    let inside = |t: f32| (t > 0.0 && t < 1.0).then_some(t);
    if a.abs() < 1e-6 {
        return [if b == 0.0 { None } else { inside(-c / b) }, None];
    }
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return [None, None];
    }
    let r = disc.sqrt();
    [inside((-b + r) / (2.0 * a)), inside((-b - r) / (2.0 * a))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{Block, Rect, TextStyle, VAlign};
    use crate::error::Error;
    use crate::layout::{Ctx, Fonts, fit_frame, of_kind, text::TextEnv};

    /// Fits one paragraph of body text at `size` into a `w` x `h` frame, without shrinking.
    fn fit(
        text: &str,
        size: f32,
        leading: f32,
        w: f32,
        h: f32,
        valign: VAlign,
    ) -> Result<(f32, InkBox), Error> {
        let mut fonts = Fonts::new();
        let envs = [TextEnv::new("vi", &[], &[], false)];
        let of = of_kind(crate::compose::Kind::Card);
        let ctx = Ctx::new(&of, &envs, 0).expect("one language");
        let blocks = [Block::para(
            "texts.test",
            text,
            TextStyle::body(size).leading(leading),
        )];
        let (laid, dy, _) = fit_frame(
            &blocks,
            Rect::new(0.0, 0.0, w, h),
            None,
            valign,
            &mut fonts,
            &ctx,
        )?;
        let ink = crate::layout::printed_extent(&mut fonts, &laid.elems).expect("ink");
        Ok((dy, ink.translate(0.0, dy)))
    }

    #[test]
    fn a_letter_under_stacked_marks_fits_by_its_line_box_but_its_ink_is_refused() {
        let text = format!("x{}", "\u{301}".repeat(12));
        // One 10 pt line is 13 pt tall: the line box fits a 16 pt frame easily.
        match fit(&text, 10.0, 1.3, 100.0, 16.0, VAlign::Top) {
            Err(Error::Overflow { key, detail, .. }) => {
                assert_eq!(key, "texts.test");
                assert!(
                    detail.contains("ink reaches") && detail.contains("pt above its box"),
                    "{detail}"
                );
                let pt: f32 = detail
                    .split("ink reaches ")
                    .nth(1)
                    .and_then(|d| d.split(" pt").next())
                    .and_then(|n| n.parse().ok())
                    .expect("a distance");
                // Twelve acutes stacked 0.23 em apart reach far above the line.
                assert!(pt > 15.0, "{detail}");
            }
            other => panic!("expected an overflow, got {other:?}"),
        }
    }

    #[test]
    fn a_tall_accented_line_at_the_top_of_a_roomy_frame_moves_down_inside_it() {
        let text = "\u{1ebe}\u{1ec6}\u{1ede}".to_string(); // capitals with marks on top
        // Set solid, as a poster headline is: the marks reach above the line box.
        let (dy, ink) = fit(&text, 20.0, 1.0, 200.0, 60.0, VAlign::Top).expect("fits");
        assert!(dy > 0.0, "not moved: {dy}");
        assert!(ink.top >= -0.25 && ink.bottom <= 60.25, "{ink:?}");
        // Ink inside at its aligned place: not moved at all.
        let (dy, _) = fit("ace", 20.0, 1.0, 200.0, 60.0, VAlign::Top).expect("fits");
        assert_eq!(dy, 0.0);
    }

    #[test]
    fn synthetic_bold_ink_grows_by_half_the_outline_stroke_on_every_side() {
        let mut fonts = Fonts::new();
        let runs = crate::layout::shape_line(&mut fonts, "\u{4eba}", "zh-Hans", 20.0, false)
            .expect("shapes");
        let plain = fonts.ink.run(&runs[0]).expect("ink");
        let bold = fonts
            .ink
            .run(&GlyphRun {
                embolden: true,
                ..runs[0].clone()
            })
            .expect("ink");
        let grow = 20.0 * 0.035 / 2.0;
        for (p, b) in [
            (plain.left, bold.left + grow),
            (plain.top, bold.top + grow),
            (plain.right, bold.right - grow),
            (plain.bottom, bold.bottom - grow),
        ] {
            assert!((p - b).abs() < 1e-4, "{plain:?} {bold:?}");
        }
    }

    /// Pours one paragraph of `text` at 10 pt into pages with a 100 x 40 pt frame.
    fn pour(text: &str) -> Result<Vec<InkBox>, Error> {
        let mut fonts = Fonts::new();
        let envs = [TextEnv::new("vi", &[], &[], false)];
        let of = of_kind(crate::compose::Kind::Handout);
        let ctx = Ctx::new(&of, &envs, 0).expect("one language");
        let blocks = [Block::para("texts.test", text, TextStyle::body(10.0))];
        let (pages, _) = crate::layout::pages::paginate(
            &blocks,
            Rect::new(0.0, 0.0, 100.0, 40.0),
            &mut fonts,
            &ctx,
        )?;
        Ok(pages
            .iter()
            .filter_map(|p| crate::layout::printed_extent(&mut fonts, p))
            .collect())
    }

    #[test]
    fn a_flow_page_keeps_a_block_s_ink_inside_its_frame_or_refuses_it() {
        // Marks reaching above the first line: the block moves down the page.
        let ink = pour(&format!("x{}", "\u{301}".repeat(8))).expect("fits a page");
        assert!(ink[0].top >= -0.25 && ink[0].bottom <= 40.25, "{ink:?}");
        match pour(&format!("x{}", "\u{301}".repeat(30))) {
            Err(Error::Overflow { key, detail, .. }) => {
                assert_eq!(key, "texts.test");
                assert!(detail.contains("ink reaches"), "{detail}");
            }
            other => panic!("expected an overflow, got {other:?}"),
        }
    }

    #[test]
    fn a_curve_bulging_past_its_ends_is_measured_at_its_extreme_not_its_control_points() {
        let mut pen = BoundsPen::default();
        pen.move_to(0.0, 0.0);
        // Control point at y = 100: the curve itself peaks at y = 50.
        pen.quad_to(50.0, 100.0, 100.0, 0.0);
        let b = pen.bounds.expect("drawn");
        assert!((b.y_max - 50.0).abs() < 1e-3, "{b:?}");
        let mut pen = BoundsPen::default();
        pen.move_to(0.0, 0.0);
        pen.curve_to(0.0, 100.0, 100.0, 100.0, 100.0, 0.0);
        let b = pen.bounds.expect("drawn");
        assert!((b.y_max - 75.0).abs() < 1e-3, "{b:?}");
    }

    #[test]
    fn bundled_faces_have_outline_bounds_including_the_cff_collection() {
        for font in &super::super::fonts::BUNDLED {
            let upem = units_per_em(font.data, 0).expect(font.file);
            // Glyph 1..: some glyph of every face has ink above the baseline.
            let tallest = (1..200)
                .filter_map(|g| glyph_bounds(font.data, 0, g))
                .map(|b| b.y_max)
                .fold(f32::MIN, f32::max);
            assert!(tallest > upem * 0.5, "{}: {tallest}", font.file);
        }
    }
}
