//! A flow poured into pages: blocks split between lines, list items and table rows (a
//! table's header row and a section's heading repeated on the next page), and the closing
//! blocks set at the foot of an even-numbered last page, the room above them ruled for notes;
//! every page but the last at least [`MIN_FILL`] text, so the notes are the last page's.

use std::collections::VecDeque;

use super::{
    Ctx, Elem, Fonts, INK_TOLERANCE, Laid, Rect, Role, first_key, fit_span, ink, ink_detail,
    ink_key, lay_block, lay_blocks, para, printed_extent,
};
use crate::compose::{Block, Closing, Flow, Span};
use crate::error::Error;
use crate::types::Point;

/// A place where a flow may end a page inside laid content, in the content's coordinates.
/// What is anchored below `cut` (a run by its baseline, a box by its middle) goes to the
/// next page, moved up by `shift`; inside a column of `parts`, by that column's own.
#[derive(Debug, Clone, Default)]
pub struct Break {
    /// The height of what stays, its trailing space left out: what must fit the page.
    pub fit: f32,
    pub cut: f32,
    pub shift: f32,
    /// Side-by-side columns, each broken at a line of its own.
    pub parts: Vec<Part>,
    /// Set again at the top of the next page before the rest: a section's heading with
    /// "(continued)", a table's header row. Furniture there: a screen reader skips it.
    pub carry: Vec<Laid>,
}

/// A column's share of a [`Break`]: what is anchored in `x0..x1` and `y0..=y1`.
#[derive(Debug, Clone, Default)]
pub struct Part {
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
    pub cut: f32,
    pub shift: f32,
}

impl Break {
    /// Between two blocks: the first ends at `bottom`, the next starts at `top`.
    pub(super) fn between(bottom: f32, top: f32) -> Break {
        Break {
            fit: bottom,
            cut: top - 0.01,
            shift: top,
            ..Break::default()
        }
    }

    pub(super) fn moved(&self, dx: f32, dy: f32) -> Break {
        Break {
            fit: self.fit + dy,
            cut: self.cut + dy,
            shift: self.shift + dy,
            parts: self
                .parts
                .iter()
                .map(|p| Part {
                    x0: p.x0 + dx,
                    x1: p.x1 + dx,
                    y0: p.y0 + dy,
                    y1: p.y1 + dy,
                    cut: p.cut + dy,
                    shift: p.shift + dy,
                })
                .collect(),
            carry: self.carry.clone(),
        }
    }

    /// Where an element anchored at (x, y) goes: `None` on this page, else how far up.
    fn tail_shift(&self, (x, y): (f32, f32)) -> Option<f32> {
        for p in &self.parts {
            if (p.x0..p.x1).contains(&x) && (p.y0..=p.y1).contains(&y) {
                return (y > p.cut).then_some(p.shift);
            }
        }
        (y > self.cut).then_some(self.shift)
    }

    /// Below everything this break cuts through.
    fn floor(&self) -> f32 {
        self.parts.iter().map(|p| p.y1).fold(self.cut, f32::max)
    }
}

/// A paragraph's breaks: at the top of each line, two lines at least on either side
/// (no line of a paragraph alone at the foot or the head of a page).
pub(super) fn line_breaks(elems: &[Elem]) -> Vec<Break> {
    let mut baselines: Vec<f32> = elems
        .iter()
        .filter_map(|e| match e {
            Elem::Glyphs(run) => Some(run.y),
            _ => None,
        })
        .collect();
    baselines.sort_by(f32::total_cmp);
    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let Some(&first) = baselines.first() else {
        return Vec::new();
    };
    let n = baselines.len();
    (2..n.saturating_sub(1))
        .map(|k| {
            let top = baselines[k] - first;
            Break::between(top, top)
        })
        .collect()
}

/// Leaves out the earliest break: the one a heading just above would be left alone by.
pub(super) fn drop_first(breaks: &mut Vec<Break>) {
    if let Some(i) = (0..breaks.len()).min_by(|&a, &b| breaks[a].fit.total_cmp(&breaks[b].fit)) {
        breaks.remove(i);
    }
}

/// One column of a [`Block::Columns`], laid: its span across the block and its breaks.
pub(super) struct Column {
    pub x0: f32,
    pub x1: f32,
    pub h: f32,
    pub breaks: Vec<Break>,
}

/// The breaks of side-by-side columns: for each height a page may leave them, every column
/// broken at its last break above it (or kept whole, or moved whole).
pub(super) fn column_breaks(cols: &[Column], h: f32) -> Vec<Break> {
    // Each column's choices: (fit, cut, shift); moved whole and kept whole included.
    let choices: Vec<Vec<(f32, f32, f32)>> = cols
        .iter()
        .map(|c| {
            let mut v = vec![(0.0, -0.01, 0.0)];
            v.extend(
                c.breaks
                    .iter()
                    .filter(|b| b.parts.is_empty() && b.carry.is_empty())
                    .map(|b| (b.fit, b.cut, b.shift)),
            );
            v.push((c.h, f32::INFINITY, c.h));
            v
        })
        .collect();
    let mut heights: Vec<f32> = choices.iter().flatten().map(|c| c.0).collect();
    heights.sort_by(f32::total_cmp);
    heights.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let mut out = Vec::new();
    for limit in heights {
        let picked: Vec<(f32, f32, f32)> = choices
            .iter()
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|c| c.0 <= limit + 0.01)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .unwrap_or((0.0, -0.01, 0.0))
            })
            .collect();
        let all_moved = picked.iter().all(|p| p.0 <= 0.0);
        let all_kept = picked.iter().all(|p| p.1.is_infinite());
        if all_moved || all_kept {
            continue;
        }
        let rest = cols
            .iter()
            .zip(&picked)
            .map(|(c, p)| if p.1.is_infinite() { 0.0 } else { c.h - p.2 })
            .fold(0.0, f32::max);
        out.push(Break {
            fit: picked.iter().map(|p| p.0).fold(0.0, f32::max),
            cut: h,
            shift: h - rest,
            parts: cols
                .iter()
                .zip(&picked)
                .map(|(c, p)| Part {
                    x0: c.x0,
                    x1: c.x1,
                    y0: -0.01,
                    y1: h,
                    cut: p.1.min(h + 1.0),
                    shift: p.2,
                })
                .collect(),
            carry: Vec::new(),
        });
    }
    out
}

/// Content repeated on a later page: drawn, but a screen reader skips it (it read it once).
pub(super) fn as_artifacts(mut elems: Vec<Elem>) -> Vec<Elem> {
    for e in &mut elems {
        if let Elem::Glyphs(run) = e {
            run.role = Role::Artifact;
            run.path = std::sync::Arc::new([]);
        }
    }
    elems
}

/// A section whose first block is a heading of level 2 repeats it, followed by the flow's
/// "(continued)", above what a break sends to the next page.
pub(super) fn carry_heading(
    laid: &mut Laid,
    blocks: &[Block],
    width: f32,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<(), Error> {
    let (Some(continued), Some(Block::Para { key, spans, style })) =
        (ctx.continued, blocks.first())
    else {
        return Ok(());
    };
    if style.role != Role::Heading(2) || laid.breaks.is_empty() {
        return Ok(());
    }
    let heading: String = spans.iter().map(|s| s.text.as_str()).collect();
    // A full-width bracket (Japanese, Chinese) carries its own space.
    let sep = if continued.starts_with('（') {
        ""
    } else {
        " "
    };
    let text = format!("{heading}{sep}{continued}");
    let mut again = para(
        key,
        &[Span::plain(text)],
        &style.role(Role::Artifact),
        width,
        fonts,
        ctx,
    )?;
    again.breaks.clear();
    again.elems = as_artifacts(again.elems);
    let below = laid
        .marks
        .iter()
        .find(|(k, _)| k == key)
        .map_or(0.0, |m| m.1);
    for b in &mut laid.breaks {
        if b.fit > below {
            b.carry.insert(0, again.clone());
        }
    }
    Ok(())
}

/// What [`Break::carry`] sets at the top of a page, stacked, and its height with its space.
fn stack(carry: &[Laid]) -> (Vec<Elem>, f32) {
    let mut y = 0.0;
    let mut elems = Vec::new();
    for c in carry {
        elems.extend(c.clone().translate(0.0, y));
        y += c.h + c.after;
    }
    (elems, y)
}

fn anchor(e: &Elem) -> (f32, f32) {
    match e {
        Elem::Glyphs(run) => (run.x, run.y),
        Elem::Fill { rect, .. }
        | Elem::Qr { rect, .. }
        | Elem::Link { rect, .. }
        | Elem::Image { rect, .. } => (rect.x + rect.w / 2.0, rect.y + rect.h / 2.0),
        Elem::Stroke { points, .. } => points
            .first()
            .map_or((0.0, 0.0), |p: &Point| (p.x, p.y + 0.01)),
        Elem::Group { transform, .. } => (transform.tx, transform.ty + 0.01),
    }
}

/// `laid` cut at `b`: what stays on this page, and the rest as content of its own (the
/// carried heading or header row on top), with the breaks still ahead of it.
pub(super) fn split(laid: &Laid, b: &Break) -> (Vec<Elem>, Laid) {
    let (mut top, carry_h) = stack(&b.carry);
    let mut head = Vec::new();
    for e in &laid.elems {
        match b.tail_shift(anchor(e)) {
            None => head.push(e.clone()),
            Some(shift) => {
                let mut e = e.clone();
                e.translate(0.0, carry_h - shift);
                top.push(e);
            }
        }
    }
    let floor = b.floor();
    let breaks = laid
        .breaks
        .iter()
        .filter(|n| n.fit > b.fit && n.parts.iter().all(|p| p.y0 >= floor) && n.cut >= floor)
        .filter(|n| b.parts.is_empty() || n.parts.is_empty())
        .map(|n| n.moved(0.0, carry_h - b.shift))
        .collect();
    let marks = laid
        .marks
        .iter()
        .filter(|(_, bottom)| *bottom > b.cut)
        .map(|(k, bottom)| (k.clone(), bottom + carry_h - b.shift))
        .collect();
    let tail = Laid {
        h: laid.h - b.shift + carry_h,
        elems: top,
        after: laid.after,
        marks,
        breaks,
    };
    (head, tail)
}

enum Piece {
    Block(Block),
    Laid(Laid),
}

/// Pours blocks into as many frames as they need. A block that does not fit the rest of a
/// page is broken at its last break that does (lines, items, rows, never within two lines
/// of a heading), the rest going to the next page; one with no such break moves to the
/// next page whole. A block goes where its line boxes fit and its ink stays inside the
/// frame; at the top of a page it moves down as far as the ink of its first line reaches
/// above it. Returns each page's elements and how far down the last page the text ends.
pub(super) fn paginate(
    blocks: &[Block],
    frame: Rect,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<(Vec<Vec<Elem>>, f32), Error> {
    let mut pages: Vec<Vec<Elem>> = vec![Vec::new()];
    let mut queue: VecDeque<Piece> = blocks.iter().cloned().map(Piece::Block).collect();
    let mut y: f32 = 0.0;
    let mut pending_after = 0.0;
    while let Some(piece) = queue.pop_front() {
        let (laid, key, space) = match piece {
            Piece::Block(block) => {
                let space = matches!(block, Block::Space(_));
                if y == 0.0 && space {
                    continue;
                }
                let laid = lay_block(&block, frame.w, fonts, ctx)?;
                let key = first_key(std::slice::from_ref(&block)).unwrap_or_default();
                (laid, key, space)
            }
            Piece::Laid(laid) => {
                let key = laid.marks.first().map(|m| m.0.clone()).unwrap_or_default();
                (laid, key, false)
            }
        };
        let ink = printed_extent(fonts, &laid.elems);
        if let Some(out) = ink.map(|i| i.outside(frame.w, f32::INFINITY))
            && (out[0] > INK_TOLERANCE || out[2] > INK_TOLERANCE)
        {
            let key = ink_key(
                &laid,
                fonts,
                Rect {
                    h: f32::INFINITY,
                    ..frame
                },
                0.0,
            )
            .unwrap_or(key);
            return Err(ctx.overflow(&key, ink_detail(out)));
        }
        let (ink_top, ink_bottom) = ink.map_or((0.0, laid.h), |i| (i.top, i.bottom));
        let here = if y == 0.0 { 0.0 } else { y + pending_after };
        let top = if y == 0.0 {
            fit_span(ink_top, ink_bottom, frame.h, INK_TOLERANCE)
                .filter(|_| laid.h <= frame.h + 0.5)
        } else {
            Some(here).filter(|t| {
                t + laid.h <= frame.h + 0.5 && t + ink_bottom <= frame.h + INK_TOLERANCE
            })
        };
        if let Some(top) = top {
            if let Some(page) = pages.last_mut() {
                page.extend(laid.elems.iter().cloned().map(|mut e| {
                    e.translate(frame.x, frame.y + top);
                    e
                }));
            }
            y = top + laid.h;
            pending_after = laid.after;
            continue;
        }
        if space {
            pages.push(Vec::new());
            y = 0.0;
            continue;
        }
        if let Some((head, at, tail)) = best_split(&laid, here, frame, fonts) {
            if let Some(page) = pages.last_mut() {
                page.extend(head.into_iter().map(|mut e| {
                    e.translate(frame.x, frame.y + at);
                    e
                }));
            }
            queue.push_front(Piece::Laid(tail));
            pages.push(Vec::new());
            y = 0.0;
            pending_after = 0.0;
            continue;
        }
        if y > 0.0 {
            queue.push_front(Piece::Laid(laid));
            pages.push(Vec::new());
            y = 0.0;
            pending_after = 0.0;
            continue;
        }
        let detail = if laid.h > frame.h + 0.5 {
            format!(
                "{:.1} pt tall, taller than a whole page ({:.1} pt)",
                laid.h, frame.h
            )
        } else {
            let at_top = ink::InkBox {
                left: 0.0,
                top: ink_top,
                right: 0.0,
                bottom: ink_bottom,
            };
            ink_detail(at_top.outside(frame.w, frame.h))
        };
        return Err(ctx.overflow(&key, detail));
    }
    Ok((pages, y))
}

/// The last break of `laid` whose part before it fits from `here` to the foot of the
/// frame, ink included: that part, where it goes down the page, and the rest.
fn best_split(
    laid: &Laid,
    here: f32,
    frame: Rect,
    fonts: &mut Fonts,
) -> Option<(Vec<Elem>, f32, Laid)> {
    let mut order: Vec<&Break> = laid
        .breaks
        .iter()
        .filter(|b| b.fit > 0.0 && here + b.fit <= frame.h + 0.5)
        .collect();
    order.sort_by(|a, b| b.fit.total_cmp(&a.fit));
    for b in order {
        let (head, tail) = split(laid, b);
        if head.is_empty() || !keeps_lines_together(&laid.elems, b, &head, &tail.elems) {
            continue;
        }
        let Some(ink) = printed_extent(fonts, &head) else {
            continue;
        };
        let shift = if here == 0.0 {
            match fit_span(ink.top, ink.bottom, frame.h, INK_TOLERANCE) {
                Some(s) => s,
                None => continue,
            }
        } else {
            0.0
        };
        if here + shift + ink.bottom <= frame.h + INK_TOLERANCE && here + ink.top >= -INK_TOLERANCE
        {
            return Some((head, here + shift, tail));
        }
    }
    None
}

/// A line of a paragraph in laid content: its baseline, horizontal extent and whether it
/// is a heading's. Repeated furniture (a carried heading, a header row) has none.
struct Line {
    key: std::sync::Arc<str>,
    y: f32,
    x0: f32,
    x1: f32,
    heading: bool,
}

fn text_lines(elems: &[Elem]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for e in elems {
        let Elem::Glyphs(run) = e else { continue };
        if run.role == Role::Artifact {
            continue;
        }
        let heading = matches!(run.role, Role::Heading(_));
        let x1 = run.x + run.glyphs.iter().map(|g| g.advance).sum::<f32>();
        match lines
            .iter_mut()
            .find(|l| l.key == run.key && (l.y - run.y).abs() < 0.5 && l.heading == heading)
        {
            Some(l) => {
                l.x0 = l.x0.min(run.x);
                l.x1 = l.x1.max(x1);
            }
            None => lines.push(Line {
                key: run.key.clone(),
                y: run.y,
                x0: run.x,
                x1,
                heading,
            }),
        }
    }
    lines
}

/// Whether a page may end after `head` with `tail` going on (widow and orphan control,
/// issue 13): every heading in `head` has two lines of text under it there (a heading is
/// never left at the foot), and `tail` brings two lines of its own to the next page (a
/// heading carried there with "(continued)" never stands over a lone line or item), and
/// from each column `b` breaks in `laid`, two lines or none. Lines under a heading count
/// only beside it: a column's heading heads its column.
fn keeps_lines_together(laid: &[Elem], b: &Break, head: &[Elem], tail: &[Elem]) -> bool {
    let head = text_lines(head);
    let led = head.iter().filter(|h| h.heading).all(|h| {
        let under = head
            .iter()
            .filter(|l| !l.heading && l.y > h.y + 0.5 && l.x0 < h.x1 - 1.0 && h.x0 < l.x1 - 1.0);
        under.count() >= 2
    });
    let all = text_lines(laid);
    let columns = b.parts.iter().all(|p| {
        let sent = all.iter().filter(|l| {
            (p.x0..p.x1).contains(&l.x0) && (p.y0..=p.y1).contains(&l.y) && l.y > p.cut
        });
        matches!(baselines(sent), 0 | 2..)
    });
    led && columns && baselines(text_lines(tail).iter()) >= 2
}

/// How many baselines the lines of text that are not headings' stand on.
fn baselines<'a>(lines: impl Iterator<Item = &'a Line>) -> usize {
    let mut ys: Vec<f32> = lines.filter(|l| !l.heading).map(|l| l.y).collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    ys.len()
}

/// Sets the closing blocks at the foot of the last page, on a new page when they do not
/// fit under the text, and on one more when that page would be odd-numbered; rules notes
/// lines across the room above them, headed, so no page is left blank: on their page
/// only, under the text there, or, with `from_text` (a last page of text too short to
/// leave as it is), from under the text on its own page on.
pub(super) fn close(
    pages: &mut Vec<Vec<Elem>>,
    end: f32,
    closing: &Closing,
    frame: Rect,
    from_text: bool,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<(), Error> {
    let laid = lay_blocks(&closing.blocks, frame.w, fonts, ctx)?;
    let key = first_key(&closing.blocks).unwrap_or_default();
    if laid.h > frame.h + 0.5 {
        return Err(ctx.overflow(
            &key,
            format!(
                "{:.1} pt tall, taller than a whole page ({:.1} pt)",
                laid.h, frame.h
            ),
        ));
    }
    let ink = printed_extent(fonts, &laid.elems);
    let (ink_top, ink_bottom) = ink.map_or((0.0, laid.h), |i| (i.top, i.bottom));
    // Its top on the page, line boxes at the foot, moved up as far as its ink needs.
    let at = frame.h - laid.h - (ink_bottom - laid.h).max(0.0);
    let at = at.max(-ink_top.min(0.0));
    let gap = closing.pitch;
    let last = pages.len().saturating_sub(1);
    let mut on = if end + gap <= at { last } else { last + 1 };
    if on % 2 == 0 {
        on += 1;
    }
    while pages.len() <= on {
        pages.push(Vec::new());
    }
    // The notes, from under the text to above the closing blocks.
    let heading = lay_block(&closing.notes_heading, frame.w, fonts, ctx)?;
    let mut headed = false;
    let first = if from_text { last } else { on };
    for (index, page) in pages
        .iter_mut()
        .enumerate()
        .skip(first)
        .take(on - first + 1)
    {
        let start = if index == last && end > 0.0 {
            end + gap
        } else {
            0.0
        };
        let stop = if index == on { at - gap } else { frame.h };
        let mut y = start;
        if !headed {
            // A heading with fewer than two lines under it waits for the next page.
            if stop - y < heading.h + heading.after + 2.0 * closing.pitch {
                continue;
            }
            page.extend(heading.clone().translate(frame.x, frame.y + y));
            y += heading.h + heading.after;
            headed = true;
        }
        y += closing.pitch;
        while y <= stop {
            page.push(Elem::Stroke {
                points: vec![
                    Point::new(frame.x, frame.y + y),
                    Point::new(frame.x + frame.w, frame.y + y),
                ],
                width: closing.rule_width,
                color: closing.rule,
                dash: None,
                spot: None,
            });
            y += closing.pitch;
        }
    }
    if let Some(page) = pages.get_mut(on) {
        page.extend(laid.translate(frame.x, frame.y + at));
    }
    Ok(())
}

/// A flow's pages: poured, closed, and, while that takes more than its closing's most
/// pages, poured again with its text 4% smaller, no text under `floor`; the tightest
/// setting when none fits. A page before the last left under [`MIN_FILL`] text is
/// [`balance`]d.
pub(super) fn pour(
    flow: &Flow,
    floor: f32,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Result<Vec<Vec<Elem>>, Error> {
    let mut f: f32 = 1.0;
    loop {
        let mut tight;
        let current = if f < 1.0 {
            tight = flow.clone();
            crate::compose::theme::scale_flow_text(&mut tight, f, floor);
            &tight
        } else {
            flow
        };
        let (mut pages, end) = paginate(&current.blocks, current.frame, fonts, ctx)?;
        let Some(closing) = &current.closing else {
            return Ok(pages);
        };
        let fills = text_fills(&pages, current.frame, fonts);
        let from_text = !fills.last().is_some_and(|f| *f >= MIN_FILL);
        close(
            &mut pages,
            end,
            closing,
            current.frame,
            from_text,
            fonts,
            ctx,
        )?;
        if pages.len() <= closing.max_pages || f <= MIN_SCALE {
            if !well_filled(&fills, pages.len())
                && let Some(balanced) = balance(current, closing, pages.len(), fonts, ctx)
            {
                return Ok(balanced);
            }
            return Ok(pages);
        }
        f = (f - 0.04).max(MIN_SCALE);
    }
}

/// As tight as a flow is set to keep to its most pages: body text of 11 pt at 8.8.
const MIN_SCALE: f32 = 0.8;

/// The least share of its text area's height a page before the last is filled with text
/// to (issue 13): under it a page looks left unfinished, and its room goes to notes that
/// belong on the last page.
pub const MIN_FILL: f32 = 0.8;
/// How much shorter each try of [`balance`] makes the pages.
const BALANCE_STEP: f32 = 0.02;

/// How far down `frame` the text of each page reaches, by its ink, as a share of the
/// frame's height: the pages as [`paginate`] leaves them, before the notes and closing.
fn text_fills(pages: &[Vec<Elem>], frame: Rect, fonts: &mut Fonts) -> Vec<f32> {
    pages
        .iter()
        .map(|page| {
            printed_extent(fonts, page).map_or(0.0, |ink| {
                ((ink.bottom - frame.y) / frame.h.max(1.0)).clamp(0.0, 1.0)
            })
        })
        .collect()
}

/// Whether every one of `pages` but the last has text down to [`MIN_FILL`] (`fills`
/// counts only the pages that hold text: a page of notes alone has none).
fn well_filled(fills: &[f32], pages: usize) -> bool {
    (0..pages.saturating_sub(1)).all(|i| fills.get(i).is_some_and(|f| *f >= MIN_FILL))
}

/// The flow poured on pages a little shorter, 2% at a time down to [`MIN_FILL`], until
/// the text's last page is no longer one the closing blocks did not fit under: each page
/// hands a few lines on, the last lines come to the last page over its notes and the
/// closing, and every page before it is at least `MIN_FILL` text, in as many pages as
/// before. `None` when no height does (the notes then take the room, as before).
fn balance(
    flow: &Flow,
    closing: &Closing,
    pages: usize,
    fonts: &mut Fonts,
    ctx: &Ctx,
) -> Option<Vec<Vec<Elem>>> {
    let frame = flow.frame;
    let mut k = 1;
    loop {
        let share = 1.0 - BALANCE_STEP * k as f32;
        if share < MIN_FILL - 0.001 {
            return None;
        }
        k += 1;
        let short = Rect {
            h: frame.h * share,
            ..frame
        };
        // A block that fits only the full height is the unbalanced pour's to place.
        let Ok((mut laid, end)) = paginate(&flow.blocks, short, fonts, ctx) else {
            continue;
        };
        let fills = text_fills(&laid, frame, fonts);
        if close(&mut laid, end, closing, frame, false, fonts, ctx).is_ok()
            && laid.len() == pages
            && well_filled(&fills, pages)
        {
            return Some(laid);
        }
    }
}
