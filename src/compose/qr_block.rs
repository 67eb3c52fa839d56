//! The QR block: a code, its white square and quiet zone, and the caption that speaks for
//! it, centred under the code, placed as one piece by every kind that prints a code (the
//! poster's row of two, the cards' and the sticker's code, the tear-off flyer's column, a
//! handout's closing box). Three rules hold wherever a block is used: the caption is
//! centred under its code, so the eye takes them as one (captions beside their codes,
//! between two of them, met in the middle and read as one line: "1-888-373-7888 HELP to
//! 233733"); the code is drawn before its caption (its white square is a background, so
//! it goes down before any text, and a screen reader meets the code first); and a caption
//! never comes closer than [`Spacing::gutter`] to the caption of the code beside it.
//! Layout adds the fourth: every caption of a page is set at one size, the largest at
//! which all of them fit (see `layout::caption_scale`).

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
    // The quiet zone already parts caption from code (four modules, about 15 pt); the
    // room goes under the caption instead, to part it from the headings below.
    caption_gap: 0.0,
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

/// Two columns `w` wide at the outer edges of `row`, one for each of two QR blocks side by
/// side, narrowed where need be so that they stay `spacing.gutter` apart: each caption is
/// centred under its code across its column, so the captions can come no closer than the
/// gutter, however long a translation runs.
pub fn outer_columns(row: Rect, w: f32, spacing: Spacing) -> [Rect; 2] {
    let w = w.min((row.w - spacing.gutter) / 2.0);
    [
        Rect::new(row.x, row.y, w, row.h),
        Rect::new(row.right() - w, row.y, w, row.h),
    ]
}

/// A block in `column`: the symbol `size` points wide centred at the column's top, its
/// quiet zone `quiet` inside the column, and the caption under the quiet zone across the
/// column's width, which is centred on the code (a caption centred in it is centred under
/// the code). Returns the symbol and the caption's frame.
pub fn under(column: Rect, size: f32, quiet: f32, spacing: Spacing) -> (Rect, Rect) {
    let symbol = Rect::new(
        column.x + (column.w - size) / 2.0,
        column.y + quiet,
        size,
        size,
    );
    let top = symbol.bottom() + quiet + spacing.caption_gap;
    let caption = Rect::new(column.x, top, column.w, column.bottom() - top);
    (symbol, caption)
}

/// A code in a flow (a handout's closing box, a local line): the symbol `size` points wide
/// with its caption centred under it, `blocks` beside both. Layout sets the caption in the
/// width of the code and its quiet zone, so it is centred under the code.
pub fn beside(
    code: QrMatrix,
    contact: &str,
    size: f32,
    caption: Vec<Block>,
    blocks: Vec<Block>,
) -> Block {
    let caption = match caption.is_empty() {
        true => Block::Space(0.0),
        false => caption_of(contact, caption),
    };
    Block::QrBeside {
        code,
        contact: contact.into(),
        size,
        caption: Box::new(caption),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_blocks_keep_the_gutter_and_centre_their_captions_under_their_codes() {
        let row = Rect::new(28.0, 300.0, 556.0, 200.0);
        let [l, r] = outer_columns(row, 300.0, POSTER);
        assert!((r.x - l.right() - POSTER.gutter).abs() < 1e-3);
        for column in [l, r] {
            let (symbol, caption) = under(column, 113.0, 8.0, POSTER);
            let centre = |r: Rect| r.x + r.w / 2.0;
            assert!((centre(symbol) - centre(caption)).abs() < 1e-3);
            assert!((caption.y - (symbol.bottom() + 8.0 + POSTER.caption_gap)).abs() < 1e-3);
            assert!((caption.bottom() - row.bottom()).abs() < 1e-3);
        }
        let [l, r] = outer_columns(row, 190.0, POSTER);
        assert!((l.w - 190.0).abs() < 1e-3 && (r.right() - row.right()).abs() < 1e-3);
    }
}
