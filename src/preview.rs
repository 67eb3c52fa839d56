//! A backend from PDF bytes to PNG pages: what `bridgeprint preview` shows a trainer who
//! has no PDF viewer. It reads the PDF as written (not the laid-out document), so a
//! preview is of the very file that goes to the printer, rebuilt or not; it knows nothing
//! of `compose` or `content`: the safe area comes in as a number from its caller.
//!
//! The rasteriser is behind the `preview` cargo feature (see Cargo.toml: linking hayro
//! changes the compression of every PDF); without it [`pages`] says how to get it.
#![cfg_attr(not(feature = "preview"), allow(dead_code))]

use std::path::Path;

use crate::error::Error;

/// Whether this binary can make previews (built with the `preview` feature).
pub const AVAILABLE: bool = cfg!(feature = "preview");

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Pixels per inch.
    pub dpi: f32,
    /// Draw the trim box (solid) and the safe area inside it (dashed), this many points in
    /// from the trim on every side; `None` draws the page alone.
    pub safe: Option<f32>,
}

/// The smallest and largest resolution `preview` accepts: below 10 dpi a card is a smudge,
/// above 1200 a poster is a 100-megapixel file.
pub const DPI_RANGE: std::ops::RangeInclusive<f32> = 10.0..=1200.0;

/// One page as a PNG file's bytes.
#[derive(Debug, Clone)]
pub struct PngPage {
    pub width: u32,
    pub height: u32,
    pub png: Vec<u8>,
}

/// The trim box, solid: where the cutter cuts (magenta, the print trade's colour for
/// marks that are not printed).
const TRIM_INK: [u8; 3] = [236, 0, 140];
/// The safe area, dashed: what must stay clear of the cut (cyan).
const SAFE_INK: [u8; 3] = [0, 160, 227];

/// Without the rasteriser: an error saying how to install a bridgeprint that has it.
#[cfg(not(feature = "preview"))]
pub fn pages(_pdf: &[u8], _path: &Path, _opts: &Options) -> Result<Vec<PngPage>, Error> {
    Err(Error::PreviewUnavailable)
}

/// Every page of `pdf` as a PNG. `path` names the file in an error.
#[cfg(feature = "preview")]
pub fn pages(pdf: &[u8], path: &Path, opts: &Options) -> Result<Vec<PngPage>, Error> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::hayro_syntax::object::Rect as PdfRect;
    use hayro::hayro_syntax::object::dict::keys::TRIM_BOX;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings};

    let fail = |message: String| Error::Preview {
        path: path.to_path_buf(),
        message,
    };
    let doc = Pdf::new(pdf.to_vec()).map_err(|e| fail(format!("not a readable PDF: {e:?}")))?;
    let cache = RenderCache::new();
    let scale = opts.dpi / 72.0;
    let settings = PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: WHITE,
    };
    let mut out = Vec::new();
    for page in doc.pages().iter() {
        let pixmap = hayro::render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &settings,
        );
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // Drawn over white, so every pixel is opaque and premultiplied equals straight.
        let mut rgb: Vec<u8> = pixmap.data().iter().flat_map(|p| [p.r, p.g, p.b]).collect();
        if let Some(safe) = opts.safe {
            let crop = page.intersected_crop_box();
            // The trim box is not inheritable: the page's own dictionary has it or none.
            let trim = page.raw().get::<PdfRect>(TRIM_BOX).unwrap_or(crop);
            let canvas = Canvas {
                rgb: &mut rgb,
                width,
                height,
            };
            let corners = |r: PdfRect| [r.x0, r.y0, r.x1, r.y1];
            draw_marks(
                canvas,
                to_pixels(corners(trim), corners(crop), scale),
                safe * scale,
                scale,
            );
        }
        out.push(PngPage {
            width,
            height,
            png: encode(&rgb, width, height, opts.dpi).map_err(|e| fail(e.to_string()))?,
        });
    }
    Ok(out)
}

/// A box in pixels: left, top, right, bottom.
type PixelBox = [f32; 4];

/// `rect` (PDF points as x0, y0, x1, y1, y up) as pixels from the top-left of the
/// rendered `crop` box.
fn to_pixels(rect: [f64; 4], crop: [f64; 4], scale: f32) -> PixelBox {
    let s = f64::from(scale);
    [
        ((rect[0] - crop[0]) * s) as f32,
        ((crop[3] - rect[3]) * s) as f32,
        ((rect[2] - crop[0]) * s) as f32,
        ((crop[3] - rect[1]) * s) as f32,
    ]
}

struct Canvas<'a> {
    rgb: &'a mut [u8],
    width: u32,
    height: u32,
}

/// The trim box solid and the safe area (`inset` pixels inside it) dashed, lines about
/// half a point wide so they read at any resolution.
fn draw_marks(mut c: Canvas<'_>, trim: PixelBox, inset: f32, scale: f32) {
    let line = (0.75 * scale).round().max(1.0) as u32;
    let dash = (4.0 * scale).round().max(2.0) as u32;
    outline(&mut c, trim, line, None, TRIM_INK);
    let [l, t, r, b] = trim;
    let safe = [l + inset, t + inset, r - inset, b - inset];
    if safe[0] < safe[2] && safe[1] < safe[3] {
        outline(&mut c, safe, line, Some(dash), SAFE_INK);
    }
}

/// The four sides of `bx`, `line` pixels wide, drawn inward; dashed every `dash` pixels.
fn outline(c: &mut Canvas<'_>, bx: PixelBox, line: u32, dash: Option<u32>, ink: [u8; 3]) {
    let clamp = |v: f32, max: u32| (v.round().max(0.0) as u32).min(max.saturating_sub(1));
    let (l, t) = (clamp(bx[0], c.width), clamp(bx[1], c.height));
    let (r, b) = (clamp(bx[2] - 1.0, c.width), clamp(bx[3] - 1.0, c.height));
    let on = |i: u32| dash.is_none_or(|d| (i / d).is_multiple_of(2));
    for x in l..=r {
        for k in 0..line {
            if on(x - l) {
                put(c, x, (t + k).min(b), ink);
                put(c, x, b.saturating_sub(k).max(t), ink);
            }
        }
    }
    for y in t..=b {
        for k in 0..line {
            if on(y - t) {
                put(c, (l + k).min(r), y, ink);
                put(c, r.saturating_sub(k).max(l), y, ink);
            }
        }
    }
}

fn put(c: &mut Canvas<'_>, x: u32, y: u32, ink: [u8; 3]) {
    let i = ((y as usize) * (c.width as usize) + x as usize) * 3;
    if let Some(px) = c.rgb.get_mut(i..i + 3) {
        px.copy_from_slice(&ink);
    }
}

/// 8-bit RGB PNG, with the resolution recorded so an image viewer can print it to scale.
fn encode(rgb: &[u8], width: u32, height: u32, dpi: f32) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let per_metre = (dpi / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_land_on_the_trim_and_inside_it() {
        let (width, height) = (40, 30);
        let mut rgb = vec![255; (width * height * 3) as usize];
        let c = Canvas {
            rgb: &mut rgb,
            width,
            height,
        };
        draw_marks(c, [5.0, 5.0, 35.0, 25.0], 5.0, 1.0);
        let at = |x: u32, y: u32| {
            let i = ((y * width + x) * 3) as usize;
            [rgb[i], rgb[i + 1], rgb[i + 2]]
        };
        assert_eq!(at(5, 5), TRIM_INK);
        assert_eq!(at(34, 24), TRIM_INK);
        assert_eq!(at(10, 10), SAFE_INK);
        assert_eq!(at(2, 2), [255, 255, 255]);
        assert_eq!(at(20, 15), [255, 255, 255]);
    }
}
