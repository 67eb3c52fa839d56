//! How a document goes to a print shop: its bleed (`--bleed`) and crop marks (`--marks`).
//! Page geometry, not a template's: a template draws to the trim and marks the fills
//! that run off the edge ([`super::Item::Fill`]'s `bleeds`); [`apply`] sets every page's
//! bleed and runs those fills into it, so no template computes a bleed.

use super::{Block, Document, Item, Page, TextStyle};
use crate::types::{MM, Rect};

/// What a run asks of every document's paper.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Print {
    /// Bleed in points on every side; `None` keeps each kind's own (a card's and a
    /// sticker's 0.125 in, none for a page an office printer prints).
    pub bleed: Option<f32>,
    /// Crop marks at the trim's corners, beyond the bleed, with the document's name and
    /// page in the slug.
    pub marks: bool,
}

/// The most bleed a print shop asks for: 10 mm (the usual is 3 mm or 0.125 in).
pub const MAX_BLEED: f32 = 10.0 * MM;

/// The forms `--bleed` and `[build] bleed` accept, for messages.
pub const LENGTH_FORMS: &str = "a length such as `3mm`, `0.125in`, `9pt` or `0`, at most 10mm";

/// A bleed as written (`3mm`, `0.125in`, `9pt`, `0`), in points.
pub fn parse_bleed(s: &str) -> Result<f32, String> {
    let s = s.trim();
    let unit = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let number = &s[..s.len() - unit.len()];
    let per = match unit.trim().to_ascii_lowercase().as_str() {
        "mm" => MM,
        "in" => 72.0,
        "pt" => 1.0,
        // A bare zero is zero in any unit; another bare number is ambiguous.
        "" if number.parse::<f32>().is_ok_and(|n| n == 0.0) => 1.0,
        _ => return Err(format!("`{s}` is not {LENGTH_FORMS}")),
    };
    let n: f32 = number
        .parse()
        .map_err(|_| format!("`{s}` is not {LENGTH_FORMS}"))?;
    let points = n * per;
    // A hundredth of a point over, from a decimal conversion, is still 10 mm.
    if !points.is_finite() || points > MAX_BLEED + 0.01 {
        return Err(format!(
            "`{s}` is more bleed than a print shop uses: {LENGTH_FORMS}"
        ));
    }
    Ok(points)
}

/// Crop marks: this far beyond the bleed's edge, so a cutter's drift never shows one on
/// a trimmed piece, and this long.
pub const MARK_OFFSET: f32 = 3.0;
pub const MARK_LENGTH: f32 = 12.0;
/// The marks' width: hairline, as print shops draw them.
pub const MARK_WIDTH: f32 = 0.25;
/// The part of the slug the marks and the job's name take, next to the bleed; a draft
/// notice goes beyond it.
pub const MARK_ZONE: f32 = MARK_OFFSET + MARK_LENGTH + 3.0;
/// The job's name in the slug: between the corner marks, small.
pub const SLUG_SIZE: f32 = 6.0;
/// The key the slug's line is laid out under: an artifact, never read back as content.
pub const SLUG_KEY: &str = "print.slug";

/// The line in each page's slug when the document has crop marks: `{name}` (the file's
/// path in the output folder), `{page}` and `{pages}` filled in by layout, which knows
/// how many pages a flow makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Slug {
    pub name: String,
    pub style: TextStyle,
}

impl Slug {
    /// The slug's words for page `page` of `pages` (from 1): to the print shop, which
    /// reads the job sheet's language, not the document's.
    pub fn line(&self, page: usize, pages: usize) -> String {
        // No isolates round it (the read-back takes isolated text for a contact's
        // value): from its first letter to its last digit it is one left-to-right run,
        // so a right-to-left document prints it in this order too.
        format!("{} · page {page} of {pages}", self.name)
    }

    /// Where the line goes on a page of trim `w` wide with `bleed`: above the trim, past
    /// the bleed and the marks' offset, between the corner marks.
    pub fn rect(w: f32, bleed: f32) -> Rect {
        let inset = MARK_OFFSET + 1.0;
        Rect::new(
            inset,
            -bleed - MARK_ZONE,
            (w - 2.0 * inset).max(1.0),
            MARK_ZONE - MARK_OFFSET,
        )
    }

    /// The block layout sets in the rect.
    pub fn block(&self, page: usize, pages: usize) -> Block {
        Block::para(SLUG_KEY, &self.line(page, pages), self.style)
    }
}

/// Sets every page's bleed (`print.bleed`, else the template's) and runs each fill the
/// template marked `bleeds` into it on every side it touches the trim.
pub fn apply(doc: &mut Document, print: Print) {
    for page in &mut doc.pages {
        if let Some(b) = print.bleed {
            page.bleed = b;
        }
        extend(page);
    }
    if let (Some(flow), Some(b)) = (&mut doc.flow, print.bleed) {
        flow.bleed = b;
        let mut page = Page {
            size: flow.size,
            bleed: b,
            items: std::mem::take(&mut flow.items),
        };
        extend(&mut page);
        flow.items = page.items;
    }
}

/// How close to the trim a fill's edge counts as on it.
const ON_TRIM: f32 = 0.01;

/// Runs `page`'s bleeding fills from the trim into its bleed.
fn extend(page: &mut Page) {
    let (size, b) = (page.size, page.bleed);
    for item in &mut page.items {
        let Item::Fill {
            rect, bleeds: true, ..
        } = item
        else {
            continue;
        };
        let left = if rect.x <= ON_TRIM { b } else { 0.0 };
        let top = if rect.y <= ON_TRIM { b } else { 0.0 };
        let right = if rect.x + rect.w >= size.w - ON_TRIM {
            b
        } else {
            0.0
        };
        let bottom = if rect.y + rect.h >= size.h - ON_TRIM {
            b
        } else {
            0.0
        };
        // Summed first, so a band across the card is `-b .. w + 2b` exactly as a
        // template that drew it into the bleed itself wrote it.
        *rect = Rect::new(
            rect.x - left,
            rect.y - top,
            rect.w + (left + right),
            rect.h + (top + bottom),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Rgb, Size};

    #[test]
    fn a_bleed_is_read_in_mm_in_pt_or_as_zero() {
        assert!((parse_bleed("3mm").unwrap() - 8.503_937).abs() < 1e-3);
        assert_eq!(parse_bleed("0.125in"), Ok(9.0));
        assert_eq!(parse_bleed("9pt"), Ok(9.0));
        assert_eq!(parse_bleed("0"), Ok(0.0));
        assert_eq!(parse_bleed("10mm"), Ok(10.0 * MM));
        for bad in ["3", "3cm", "mm", "-3mm", "11mm", "1in", "three", ""] {
            let e = parse_bleed(bad).expect_err(bad);
            assert!(e.contains("`3mm`, `0.125in`, `9pt` or `0`"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_bleeding_fill_runs_into_the_bleed_only_where_it_touches_the_trim() {
        let fill = |rect, bleeds| Item::Fill {
            rect,
            color: Rgb::BLACK,
            radius: 0.0,
            bleeds,
        };
        let mut page = Page {
            size: Size::new(100.0, 50.0),
            bleed: 0.0,
            items: vec![
                fill(Rect::new(0.0, 0.0, 100.0, 10.0), true),
                fill(Rect::new(20.0, 40.0, 10.0, 10.0), true),
                fill(Rect::new(0.0, 0.0, 100.0, 10.0), false),
            ],
        };
        let mut doc_page = page.clone();
        doc_page.bleed = 5.0;
        extend(&mut doc_page);
        let rects: Vec<Rect> = doc_page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Fill { rect, .. } => Some(*rect),
                _ => None,
            })
            .collect();
        assert_eq!(rects[0], Rect::new(-5.0, -5.0, 110.0, 15.0));
        assert_eq!(rects[1], Rect::new(20.0, 40.0, 10.0, 15.0));
        assert_eq!(rects[2], Rect::new(0.0, 0.0, 100.0, 10.0));
        // No bleed: nothing moves.
        extend(&mut page);
        assert!(
            matches!(page.items[0], Item::Fill { rect, .. } if rect == Rect::new(0.0, 0.0, 100.0, 10.0))
        );
    }
}
