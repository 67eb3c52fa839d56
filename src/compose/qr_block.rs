//! The QR block: a code, its white square and quiet zone, and the caption that speaks for
//! it, placed as one piece by every kind that prints a code. Two rules hold wherever a
//! block is used: the code is drawn before its caption (its white square is a background,
//! so it goes down before any text, and a screen reader meets the code first), and a
//! caption never comes closer than [`Spacing::gutter`] to the caption of the code beside
//! it (two captions 6 pt apart on one baseline read as one line: "1-888-373-7888 HELP to
//! 233733"). Layout adds the third: every caption of a page is set at one size, the
//! largest at which all of them fit (see `layout::caption_scale`).

use super::{Align, Block, Item, Rect, VAlign, caption_of};
use crate::qr::{QUIET_ZONE, QrMatrix};

/// The room around a block's caption, in points on the page it is used on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Between a code's quiet zone and its caption.
    pub caption_gap: f32,
    /// The least room between the captions of two codes side by side.
    pub gutter: f32,
}

/// The poster's row on its design page (Letter; other papers scale it): the gutter is
/// one em of the 18 pt caption, wide enough that the eye stops between two captions on
/// one baseline, and narrow enough that a CJK caption's hotline number, set in the CJK
/// bold's wider digits, keeps a line of its own on A4.
pub const POSTER: Spacing = Spacing {
    caption_gap: 3.0,
    gutter: 18.0,
};

impl Spacing {
    pub fn scaled(self, s: f32) -> Spacing {
        Spacing {
            caption_gap: self.caption_gap * s,
            gutter: self.gutter * s,
        }
    }
}

/// The quiet zone of a symbol `size` points wide of `code`'s width in modules.
pub fn quiet(size: f32, code: &QrMatrix) -> f32 {
    size / code.width as f32 * QUIET_ZONE as f32
}

/// A placed block: the code at `symbol` and its caption in `caption`, a frame whose text
/// may shrink to `shrink_to`.
pub struct Placed {
    pub symbol: Rect,
    pub caption: Rect,
    /// `None` keeps the caption's own alignment (centred under a card's code).
    pub align: Option<Align>,
    pub valign: VAlign,
    pub shrink_to: Option<f32>,
}

/// The items of one block, code first: its white square goes down before its caption's
/// text, and a screen reader reads the code, then what it says.
pub fn items(at: Placed, code: QrMatrix, contact: &str, caption: Vec<Block>) -> [Item; 2] {
    let aligned = caption_of(contact, caption);
    let aligned = match at.align {
        Some(align) => aligned.aligned(align),
        None => aligned,
    };
    [
        Item::Qr {
            rect: at.symbol,
            code,
            contact: contact.into(),
        },
        Item::Frame {
            rect: at.caption,
            blocks: vec![aligned],
            valign: at.valign,
            shrink_to: at.shrink_to,
        },
    ]
}

/// Where the captions of two codes at the outer edges of `row` go: each between its own
/// code and the middle of the row, facing its code, `spacing.gutter` apart at the middle
/// and `spacing.caption_gap` clear of each quiet zone. Returns the left and right caption
/// boxes (their x and width; `row`'s y and height).
pub fn facing(row: Rect, symbols: [Rect; 2], quiets: [f32; 2], spacing: Spacing) -> [Rect; 2] {
    let centre = row.x + row.w / 2.0;
    let half = spacing.gutter / 2.0;
    let left_x = symbols[0].right() + quiets[0] + spacing.caption_gap;
    let right_end = symbols[1].x - quiets[1] - spacing.caption_gap;
    [
        Rect::new(left_x, row.y, centre - half - left_x, row.h),
        Rect::new(centre + half, row.y, right_end - centre - half, row.h),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facing_captions_keep_the_gutter_between_them_and_the_gap_to_their_codes() {
        let row = Rect::new(28.0, 300.0, 556.0, 100.0);
        let symbols = [
            Rect::new(28.0, 300.0, 113.0, 113.0),
            Rect::new(471.0, 300.0, 113.0, 113.0),
        ];
        let [l, r] = facing(row, symbols, [8.0, 8.0], POSTER);
        assert!((r.x - l.right() - POSTER.gutter).abs() < 1e-3);
        assert!((l.x - (symbols[0].right() + 8.0 + POSTER.caption_gap)).abs() < 1e-3);
        assert!((symbols[1].x - 8.0 - r.right() - POSTER.caption_gap).abs() < 1e-3);
    }
}
