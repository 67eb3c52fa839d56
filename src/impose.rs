//! Imposition: laid-out cards placed N-up on a printer's sheet, fronts on one page and
//! backs on the next, so a duplex print lands each back behind its front. A backend
//! beside `render`: it takes [`LaidDocument`]s (already read back) and gives one
//! [`LaidDocument`] of sheets for the PDF writer; it knows nothing of kinds or content.
//!
//! The geometry is data ([`SHEETS`]): plain paper (`letter`, `a4`), where the grid is
//! worked out from the card's size, and stock presets (pre-cut business-card sheets),
//! where the slots are the stock's own.

use std::str::FromStr;
use std::sync::Arc;

use crate::error::Error;
use crate::layout::{Container, Elem, Fonts, LaidDocument, LaidPage, Meta, Path};
use crate::types::{MM, Point, Rect, Rgb, Role, Size, Transform};

const IN: f32 = 72.0;

/// A sheet a printer takes, and where cards go on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet {
    /// What `--impose` and `--sheet` call it, and what the file name carries.
    pub name: &'static str,
    /// The paper, portrait.
    pub size: Size,
    /// The stock's own slots; `None` for plain paper, gridded from the card.
    pub stock: Option<Stock>,
    /// Its line in `--help`.
    pub help: &'static str,
}

/// A pre-cut stock's slots: `columns` x `rows` of `card`, the first at (`left`, `top`),
/// each next one `pitch` further.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stock {
    pub card: Size,
    pub columns: usize,
    pub rows: usize,
    pub left: f32,
    pub top: f32,
    pub pitch: Size,
}

/// Every sheet `--impose` knows.
pub const SHEETS: &[Sheet] = &[
    Sheet {
        name: "letter",
        size: Size {
            w: 8.5 * IN,
            h: 11.0 * IN,
        },
        stock: None,
        help: "US Letter paper: as many cards as fit inside 0.5 in margins, each with its bleed",
    },
    Sheet {
        name: "a4",
        size: Size {
            w: 210.0 * MM,
            h: 297.0 * MM,
        },
        stock: None,
        help: "A4 paper: as many cards as fit inside 0.5 in margins, each with its bleed",
    },
    // Avery 8371 is of the 5371 family (with 5371, 8871, 28371...): 2 x 5 cards of
    // 3.5 x 2 in on Letter, the first at 0.75 in from the left and 0.5 in from the top,
    // no gap between cards. Source: gLabels' template table,
    // github.com/jimevins/glabels-qt templates/avery-us-templates.xml (commit
    // 2da9b2d8), Template part="5371": Layout nx=2 ny=5 x0=0.75in y0=0.5in dx=3.5in
    // dy=2in; part="8371" equiv="5371".
    Sheet {
        name: "avery-8371",
        size: Size {
            w: 8.5 * IN,
            h: 11.0 * IN,
        },
        stock: Some(Stock {
            card: Size {
                w: 3.5 * IN,
                h: 2.0 * IN,
            },
            columns: 2,
            rows: 5,
            left: 0.75 * IN,
            top: 0.5 * IN,
            pitch: Size {
                w: 3.5 * IN,
                h: 2.0 * IN,
            },
        }),
        help: "Avery 8371/5371 business-card stock: Letter, 10 cards of 3.5 x 2 in (a business-size card)",
    },
    // Avery C32011 (10 per sheet): 2 x 5 cards of 85 x 54 mm on A4, the first at 15 mm
    // from the left and 13.5 mm from the top, a 10 mm gap between the columns and none
    // between the rows. Source: gLabels' template table, github.com/jimevins/glabels-qt
    // templates/avery-iso-templates.xml (commit 2da9b2d8), Template part="C32011-10":
    // width=85mm height=54mm, Layout nx=2 ny=5 x0=15mm y0=13.5mm dx=95mm dy=54mm.
    Sheet {
        name: "avery-c32011",
        size: Size {
            w: 210.0 * MM,
            h: 297.0 * MM,
        },
        stock: Some(Stock {
            card: Size {
                w: 85.0 * MM,
                h: 54.0 * MM,
            },
            columns: 2,
            rows: 5,
            left: 15.0 * MM,
            top: 13.5 * MM,
            pitch: Size {
                w: 95.0 * MM,
                h: 54.0 * MM,
            },
        }),
        help: "Avery C32011 business-card stock: A4, 10 cards of 85 x 54 mm (a CR80 card, trimmed 0.3 mm a side by the perforation)",
    },
];

/// How far a card may differ from a stock's slot and still go on it: a CR80 card
/// (85.6 x 53.98 mm) on 85 x 54 mm stock loses 0.3 mm a side to the perforation, well
/// inside its safe area.
const STOCK_TOLERANCE: f32 = 1.0 * MM;

/// Plain paper's margin: office printers print nothing in the outer 4-6 mm, and the crop
/// marks need room beyond the cards' bleed.
const PLAIN_MARGIN: f32 = 0.5 * IN;

impl FromStr for Sheet {
    type Err = String;
    fn from_str(s: &str) -> Result<Sheet, String> {
        let wanted = s.trim().to_ascii_lowercase();
        SHEETS
            .iter()
            .find(|sheet| sheet.name == wanted)
            .copied()
            .ok_or_else(|| {
                let names: Vec<&str> = SHEETS.iter().map(|s| s.name).collect();
                format!("unknown sheet `{s}` (sheets: {})", names.join(", "))
            })
    }
}

/// Which edge a duplex printer turns the sheet over: the long one (the default of most
/// printers, a book's page) or the short one (a wall calendar's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flip {
    #[default]
    Long,
    Short,
}

impl Flip {
    pub fn name(self) -> &'static str {
        match self {
            Flip::Long => "long",
            Flip::Short => "short",
        }
    }

    /// Where a point of the front lies on the back page, read the back's way up: turned
    /// about the long edge, left and right swap; about the short edge, top and bottom.
    pub fn mirror(self, sheet: Size, r: Rect) -> Rect {
        match self {
            Flip::Long => Rect::new(sheet.w - r.x - r.w, r.y, r.w, r.h),
            Flip::Short => Rect::new(r.x, sheet.h - r.y - r.h, r.w, r.h),
        }
    }
}

impl FromStr for Flip {
    type Err = String;
    fn from_str(s: &str) -> Result<Flip, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "long" => Ok(Flip::Long),
            "short" => Ok(Flip::Short),
            _ => Err(format!("unknown flip `{s}` (long or short)")),
        }
    }
}

/// Where the cards go on a sheet: each slot's trim rectangle, in reading order, and how
/// far each card's print may run past it on each side (left, top, right, bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub slots: Vec<Rect>,
    /// Per slot, the room for bleed on each side: half the gap to a neighbour, or the
    /// margin at the sheet's edge, at most the card's bleed.
    pub room: Vec<[f32; 4]>,
    pub columns: usize,
    pub rows: usize,
}

/// The grid of `card`-sized cards with `bleed` on `sheet`: a stock's own slots (a card
/// centred in each), or on plain paper as many as fit in its margins with a gap of two
/// bleeds between them, so every card keeps its whole bleed and one cut a little off
/// still shows no white; the grid centred on the sheet. `None`: a card that does not fit
/// the stock (or the paper).
pub fn grid(sheet: &Sheet, card: Size, bleed: f32) -> Option<Grid> {
    let (columns, rows, origin, pitch) = match sheet.stock {
        Some(stock) => {
            let off = |a: f32, b: f32| (a - b).abs() > STOCK_TOLERANCE;
            if off(card.w, stock.card.w) || off(card.h, stock.card.h) {
                return None;
            }
            let origin = Point::new(
                stock.left + (stock.card.w - card.w) / 2.0,
                stock.top + (stock.card.h - card.h) / 2.0,
            );
            (stock.columns, stock.rows, origin, stock.pitch)
        }
        None => {
            let gap = 2.0 * bleed;
            let fit =
                |room: f32, len: f32| ((room - 2.0 * PLAIN_MARGIN + gap) / (len + gap)).floor();
            let (columns, rows) = (fit(sheet.size.w, card.w), fit(sheet.size.h, card.h));
            if columns < 1.0 || rows < 1.0 {
                return None;
            }
            let (columns, rows) = (columns as usize, rows as usize);
            let used = |n: usize, len: f32| n as f32 * len + (n - 1) as f32 * gap;
            let origin = Point::new(
                (sheet.size.w - used(columns, card.w)) / 2.0,
                (sheet.size.h - used(rows, card.h)) / 2.0,
            );
            (columns, rows, origin, Size::new(card.w + gap, card.h + gap))
        }
    };
    let mut slots = Vec::with_capacity(columns * rows);
    let mut room = Vec::with_capacity(columns * rows);
    for r in 0..rows {
        for c in 0..columns {
            let slot = Rect::new(
                origin.x + c as f32 * pitch.w,
                origin.y + r as f32 * pitch.h,
                card.w,
                card.h,
            );
            // Half the gap to the next card, or all the margin at the sheet's edge.
            let gap_x = (pitch.w - card.w) / 2.0;
            let gap_y = (pitch.h - card.h) / 2.0;
            let side = |first: bool, edge: f32, gap: f32| if first { edge } else { gap };
            let sides = [
                side(c == 0, slot.x, gap_x),
                side(r == 0, slot.y, gap_y),
                side(c + 1 == columns, sheet.size.w - slot.right(), gap_x),
                side(r + 1 == rows, sheet.size.h - slot.bottom(), gap_y),
            ];
            room.push(sides.map(|s| s.clamp(0.0, bleed)));
            slots.push(slot);
        }
    }
    Some(Grid {
        slots,
        room,
        columns,
        rows,
    })
}

/// Why a set of documents cannot go on a sheet, for the caller to name with its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The card is not the size of the stock's slots (or larger than the paper).
    WrongSize { card: Size, sheet: &'static str },
    /// A document is not one card: not two pages (front, back) of one size.
    NotACard { pages: usize },
}

/// `cards` (each a front and back of one size, read back already) on sheets: the cards
/// share each sheet in runs, in the order given (ten slots, two locales: five and five),
/// and more cards than slots go on further sheets. Each sheet is two pages: the fronts,
/// then the backs with each back where `flip` turns its front's slot, so back N prints
/// behind front N. The sheet's structure keeps each card's own: its texts in their
/// languages, its codes with their alternative text.
pub fn impose(
    fonts: &mut Fonts,
    cards: &[&LaidDocument],
    sheet: &Sheet,
    flip: Flip,
) -> Result<LaidDocument, Error> {
    let first = cards
        .first()
        .ok_or_else(|| refused(None, "no card to place"))?;
    for doc in cards {
        if doc.pages.len() != 2 || doc.pages[0].size != doc.pages[1].size {
            return Err(refusal(
                doc,
                sheet,
                Refusal::NotACard {
                    pages: doc.pages.len(),
                },
            ));
        }
    }
    let (card, bleed) = (first.pages[0].size, first.pages[0].bleed);
    if let Some(other) = cards.iter().find(|d| d.pages[0].size != card) {
        return Err(refused(
            Some(other),
            "cards of different sizes cannot share a sheet",
        ));
    }
    let grid = grid(sheet, card, bleed).ok_or_else(|| {
        refusal(
            first,
            sheet,
            Refusal::WrongSize {
                card,
                sheet: sheet.name,
            },
        )
    })?;
    let (meta, contacts) = merged_meta(cards, sheet, grid.slots.len());
    let mut pages = Vec::new();
    let mut copy = 0u64;
    for chunk in cards.chunks(grid.slots.len()) {
        let mut front = marks(sheet.size, &grid, bleed);
        let mut back = marks(sheet.size, &mirrored(&grid, sheet.size, flip), bleed);
        let shown = runs(chunk.len(), grid.slots.len());
        let notes = notices(chunk, &shown, &meta);
        front.extend(notes_in_margin(fonts, &notes, &grid, sheet)?);
        back.extend(notes_in_margin(
            fonts,
            &notes,
            &mirrored(&grid, sheet.size, flip),
            sheet,
        )?);
        for (slot, doc_index) in shown.into_iter().enumerate() {
            let doc = chunk[doc_index];
            let at = grid.slots[slot];
            let room = grid.room[slot];
            // Which document in `cards`: its codes' contact keys are renamed by it.
            let n = cards
                .iter()
                .position(|d| std::ptr::eq(*d, doc))
                .unwrap_or_default();
            copy += 1;
            let place = |page: &LaidPage, at: Rect, room: [f32; 4]| Elem::Group {
                transform: Transform::translate(at.x, at.y),
                clip: Some(Rect::new(
                    -room[0],
                    -room[1],
                    at.w + room[0] + room[2],
                    at.h + room[1] + room[3],
                )),
                // Its slug's text (the draft notice) is cut off with the slug: the
                // sheet's margin says it instead, and text no one sees is not extracted.
                elems: copied(
                    &page
                        .elems
                        .iter()
                        .filter(|e| !in_slug(page, e))
                        .cloned()
                        .collect::<Vec<_>>(),
                    &meta,
                    doc,
                    &contacts[n],
                    copy,
                ),
            };
            front.push(place(&doc.pages[0], at, room));
            // The back's room mirrors too: what faces the sheet's edge on the front
            // faces it on the back.
            let back_room = match flip {
                Flip::Long => [room[2], room[1], room[0], room[3]],
                Flip::Short => [room[0], room[3], room[2], room[1]],
            };
            back.push(place(&doc.pages[1], flip.mirror(sheet.size, at), back_room));
        }
        for elems in [front, back] {
            pages.push(LaidPage {
                size: sheet.size,
                bleed: 0.0,
                slug: 0.0,
                // The sheet draws its own shared marks between the cards.
                marks: false,
                elems,
            });
        }
    }
    Ok(LaidDocument { meta, pages })
}

/// What a draft card says of itself in its slug, which the sheet cuts off: its notice's
/// text with the locale and the slots it fills, set as the card set it.
#[derive(Debug, Clone)]
struct Notice {
    locale: String,
    text: String,
    tag: String,
    /// Its language among the sheet's.
    lang: usize,
    size: f32,
    color: Rgb,
    rtl: bool,
}

/// The notice of every draft card on one sheet (`shown`: which of `chunk` each slot
/// holds), in slot order: `es, cards 5-8: Traducción en borrador, sin revisar · Draft
/// translation, not yet reviewed`. The card's own notice is the text it prints in its
/// slug (below its trim and bleed), so the sheet says word for word what the card would.
fn notices(chunk: &[&LaidDocument], shown: &[usize], sheet: &Meta) -> Vec<Notice> {
    let mut out = Vec::new();
    for (i, doc) in chunk.iter().enumerate() {
        let Some(run) = slug_run(doc) else { continue };
        let slots: Vec<usize> = (0..shown.len()).filter(|s| shown[*s] == i).collect();
        let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
            continue;
        };
        let cards = if first == last {
            format!("card {}", first + 1)
        } else {
            format!("cards {}\u{2013}{}", first + 1, last + 1)
        };
        let tag = doc.meta.langs.get(run.lang).cloned().unwrap_or_default();
        // The label isolated left to right, so an Arabic notice keeps it whole.
        let text = format!(
            "\u{2066}{}, {cards}:\u{2069} {}",
            doc.meta.locale,
            run.text.trim()
        );
        out.push(Notice {
            locale: doc.meta.locale.clone(),
            text,
            lang: sheet
                .langs
                .iter()
                .position(|t| *t == tag)
                .unwrap_or_default(),
            tag,
            size: run.size,
            color: run.color,
            // The paragraph's direction: any of its runs right to left (an Arabic
            // notice's English half is a left-to-right run inside it).
            rtl: slug_runs(doc).any(|r| r.rtl),
        });
    }
    out
}

/// The first run of text a card prints in its slug (its draft notice), if any: an
/// artifact below its trim and bleed.
fn slug_run(doc: &LaidDocument) -> Option<&crate::layout::GlyphRun> {
    slug_runs(doc).next()
}

fn slug_runs(doc: &LaidDocument) -> impl Iterator<Item = &crate::layout::GlyphRun> {
    doc.pages.iter().take(1).flat_map(|page| {
        page.elems.iter().filter_map(move |e| match e {
            Elem::Glyphs(run) if in_slug(page, e) => Some(run),
            _ => None,
        })
    })
}

/// Text a card prints in its slug, below its trim and bleed: a note on the print job.
fn in_slug(page: &LaidPage, e: &Elem) -> bool {
    matches!(e, Elem::Glyphs(run) if run.role == Role::Artifact && run.y > page.size.h + page.bleed)
}

/// How near the paper's edge a sheet's notice may come: an office printer prints
/// nothing in the outer 4-6 mm.
const PRINTABLE: f32 = 0.25 * IN;

/// Clear of a card's bleed and of the crop marks at its edges.
const NOTE_GAP: f32 = 3.0;

/// Where notices go on a page of `grid`: below each card of the bottom row, then above
/// each of the top row, in the margin between that card's crop marks, outside its bleed,
/// inside the printable area.
fn note_spots(grid: &Grid, sheet: &Sheet, bleed: f32) -> Vec<Rect> {
    let bottom = grid
        .slots
        .iter()
        .map(|s| s.bottom())
        .fold(f32::MIN, f32::max);
    let top = grid.slots.iter().map(|s| s.y).fold(f32::MAX, f32::min);
    let mut below: Vec<Rect> = grid
        .slots
        .iter()
        .filter(|s| (s.bottom() - bottom).abs() < 0.01)
        .map(|s| {
            let y = s.bottom() + bleed + NOTE_GAP;
            Rect::new(
                s.x + NOTE_GAP,
                y,
                s.w - 2.0 * NOTE_GAP,
                sheet.size.h - PRINTABLE - y,
            )
        })
        .collect();
    let mut above: Vec<Rect> = grid
        .slots
        .iter()
        .filter(|s| (s.y - top).abs() < 0.01)
        .map(|s| {
            Rect::new(
                s.x + NOTE_GAP,
                PRINTABLE,
                s.w - 2.0 * NOTE_GAP,
                s.y - bleed - NOTE_GAP - PRINTABLE,
            )
        })
        .collect();
    below.sort_by(|a, b| a.x.total_cmp(&b.x));
    above.sort_by(|a, b| a.x.total_cmp(&b.x));
    below.extend(above);
    below
}

/// `notes` set in the margin spots of a page of `grid`, one spot each. A notice that
/// fits no spot left is refused: a draft must never print without saying so.
fn notes_in_margin(
    fonts: &mut Fonts,
    notes: &[Notice],
    grid: &Grid,
    sheet: &Sheet,
) -> Result<Vec<Elem>, Error> {
    let bleed = grid
        .room
        .iter()
        .flat_map(|r| r.iter().copied())
        .fold(0.0, f32::max);
    let mut spots = note_spots(grid, sheet, bleed).into_iter();
    let mut out = Vec::new();
    for note in notes {
        let placed = loop {
            let Some(spot) = spots.next() else {
                break None;
            };
            if spot.h <= 0.0 || spot.w <= 0.0 {
                continue;
            }
            let laid = crate::layout::draft_note(
                fonts, &note.text, &note.tag, note.lang, note.size, note.color, spot.w, note.rtl,
            )
            .map_err(|e| Error::Impose {
                locale: note.locale.clone(),
                kind: None,
                sheet: sheet.name.to_string(),
                message: format!("the draft notice cannot be set for the sheet: {e:?}"),
            })?;
            if laid.h <= spot.h {
                break Some((spot, laid));
            }
        };
        let Some((spot, laid)) = placed else {
            return Err(Error::Impose {
                locale: note.locale.clone(),
                kind: None,
                sheet: sheet.name.to_string(),
                message: "the draft translation's notice does not fit in this sheet's margins; put drafts on plain paper (`--impose letter` or `--impose a4`) or review the translation first".into(),
            });
        };
        out.extend(laid.elems.into_iter().map(|e| match e {
            Elem::Glyphs(mut run) => {
                run.x += spot.x;
                run.y += spot.y;
                Elem::Glyphs(run)
            }
            other => Elem::Group {
                transform: Transform::translate(spot.x, spot.y),
                clip: None,
                elems: vec![other],
            },
        }));
    }
    Ok(out)
}

/// Which document each of `slots` slots shows: `docs` documents in runs as even as they
/// go, the first ones a card longer (ten slots, three documents: 4, 3, 3).
pub fn runs(docs: usize, slots: usize) -> Vec<usize> {
    (0..slots).map(|s| s * docs.max(1) / slots.max(1)).collect()
}

fn mirrored(grid: &Grid, sheet: Size, flip: Flip) -> Grid {
    Grid {
        slots: grid.slots.iter().map(|r| flip.mirror(sheet, *r)).collect(),
        ..grid.clone()
    }
}

/// One card's elements for its place on the sheet: its languages renumbered into the
/// sheet's, its codes' contacts renamed to the document's own (each keeps its own words
/// for a screen reader), its structure elements made this copy's own so two copies of a
/// card are two cards in the structure tree, not one.
fn copied(
    elems: &[Elem],
    sheet: &Meta,
    doc: &LaidDocument,
    contacts: &[(Arc<str>, Arc<str>)],
    copy: u64,
) -> Vec<Elem> {
    let lang_of = |i: usize| {
        doc.meta
            .langs
            .get(i)
            .and_then(|tag| sheet.langs.iter().position(|t| t == tag))
            .unwrap_or_default()
    };
    let own = |path: &Path| -> Path {
        path.iter()
            .map(|c| Container {
                id: c.id ^ (copy << 40),
                kind: c.kind,
            })
            .collect()
    };
    elems
        .iter()
        .map(|e| {
            let mut e = e.clone();
            match &mut e {
                Elem::Glyphs(run) => {
                    run.lang = lang_of(run.lang);
                    run.path = own(&run.path);
                }
                Elem::Qr { contact, path, .. } => {
                    if let Some((_, renamed)) = contacts.iter().find(|(c, _)| c == &*contact) {
                        *contact = renamed.clone();
                    }
                    *path = own(path);
                }
                Elem::Group { elems, .. } => *elems = copied(elems, sheet, doc, contacts, copy),
                _ => {}
            }
            e
        })
        .collect()
}

/// The sheet's description: the first card's title and main language, every card's
/// languages and codes' words; each document's contacts renamed `hotline#2` so a sheet of
/// several languages says each code in its card's language.
#[allow(clippy::type_complexity)]
fn merged_meta(
    cards: &[&LaidDocument],
    sheet: &Sheet,
    slots: usize,
) -> (Meta, Vec<Vec<(Arc<str>, Arc<str>)>>) {
    let first = &cards[0].meta;
    let mut meta = first.clone();
    meta.qr_alt.clear();
    let mut contacts = Vec::new();
    let mut locales: Vec<&str> = Vec::new();
    for (n, doc) in cards.iter().enumerate() {
        for tag in &doc.meta.langs {
            if !meta.langs.contains(tag) {
                meta.langs.push(tag.clone());
            }
        }
        if !locales.contains(&doc.meta.locale.as_str()) {
            locales.push(&doc.meta.locale);
        }
        meta.draft |= doc.meta.draft;
        let mut renamed = Vec::new();
        for alt in &doc.meta.qr_alt {
            let name: Arc<str> = format!("{}#{n}", alt.contact).into();
            renamed.push((Arc::from(alt.contact.as_str()), name.clone()));
            let mut alt = alt.clone();
            alt.contact = name.to_string();
            meta.qr_alt.push(alt);
        }
        contacts.push(renamed);
    }
    meta.locale = locales.join(",");
    meta.keywords.push(format!(
        "imposed: {} up on {} ({} locale{})",
        slots,
        sheet.name,
        locales.len(),
        if locales.len() == 1 { "" } else { "s" }
    ));
    (meta, contacts)
}

/// Crop marks for `grid`: a short line at every cut, outside the cards' bleed, in the
/// margins only (never over a card), in black ink alone.
fn marks(sheet: Size, grid: &Grid, bleed: f32) -> Vec<Elem> {
    const LENGTH: f32 = 14.0;
    const OFFSET: f32 = 3.0;
    let mut xs: Vec<f32> = Vec::new();
    let mut ys: Vec<f32> = Vec::new();
    for s in &grid.slots {
        for x in [s.x, s.right()] {
            if !xs.iter().any(|v| (v - x).abs() < 0.01) {
                xs.push(x);
            }
        }
        for y in [s.y, s.bottom()] {
            if !ys.iter().any(|v| (v - y).abs() < 0.01) {
                ys.push(y);
            }
        }
    }
    let (Some(top), Some(bottom)) = (
        grid.slots.iter().map(|s| s.y).reduce(f32::min),
        grid.slots.iter().map(|s| s.bottom()).reduce(f32::max),
    ) else {
        return Vec::new();
    };
    let left = grid.slots.iter().map(|s| s.x).fold(f32::MAX, f32::min);
    let right = grid
        .slots
        .iter()
        .map(|s| s.right())
        .fold(f32::MIN, f32::max);
    let away = bleed + OFFSET;
    let mut out = Vec::new();
    let mut line = |a: Point, b: Point| {
        out.push(Elem::Stroke {
            points: vec![a, b],
            width: 0.25,
            color: Rgb::BLACK,
            dash: None,
            spot: Some(crate::layout::BLACK_INK.into()),
        })
    };
    // Each mark as long as the margin allows, never onto the paper's last 2 pt.
    let len = |room: f32| (room - away - 2.0).min(LENGTH);
    for &x in &xs {
        let l = len(top);
        if l > 2.0 {
            line(Point::new(x, top - away), Point::new(x, top - away - l));
        }
        let l = len(sheet.h - bottom);
        if l > 2.0 {
            line(
                Point::new(x, bottom + away),
                Point::new(x, bottom + away + l),
            );
        }
    }
    for &y in &ys {
        let l = len(left);
        if l > 2.0 {
            line(Point::new(left - away, y), Point::new(left - away - l, y));
        }
        let l = len(sheet.w - right);
        if l > 2.0 {
            line(Point::new(right + away, y), Point::new(right + away + l, y));
        }
    }
    out
}

fn refusal(doc: &LaidDocument, sheet: &Sheet, why: Refusal) -> Error {
    let message = match why {
        Refusal::WrongSize { card, sheet: name } => match sheet.stock {
            Some(stock) => format!(
                "the card ({:.1} x {:.1} mm) is not the size of the {name} stock's slots ({:.1} x {:.1} mm); put it on plain paper with `--impose letter` or `--impose a4`, or make a card of the stock's size",
                card.w / MM,
                card.h / MM,
                stock.card.w / MM,
                stock.card.h / MM
            ),
            None => format!(
                "the card ({:.1} x {:.1} mm) does not fit on {name} paper inside its margins",
                card.w / MM,
                card.h / MM
            ),
        },
        Refusal::NotACard { pages } => format!(
            "only a card (a front and a back of one size) goes on a sheet; this document has {pages} page{}",
            if pages == 1 { "" } else { "s" }
        ),
    };
    Error::Impose {
        locale: doc.meta.locale.clone(),
        kind: Some(doc.meta.of.kind),
        sheet: sheet.name.to_string(),
        message,
    }
}

fn refused(doc: Option<&LaidDocument>, message: &str) -> Error {
    Error::Impose {
        locale: doc.map(|d| d.meta.locale.clone()).unwrap_or_default(),
        kind: doc.map(|d| d.meta.of.kind),
        sheet: String::new(),
        message: message.to_string(),
    }
}

/// A one-sheet duplex test (front and back pages) for `sheet` turned over `flip`: each
/// slot of a `card`-sized card outlined and numbered on both sides, the back's number
/// where the flip lands it, and arrows at the edge to feed first. Printed and held to
/// the light, a number and its outline on the back sit behind the same on the front when
/// the printer's duplex is set as `flip` says. `meta` describes the document.
pub fn calibration(
    fonts: &mut Fonts,
    sheet: &Sheet,
    flip: Flip,
    card: Size,
    bleed: f32,
    meta: Meta,
) -> Result<LaidDocument, Error> {
    let grid = grid(sheet, card, bleed).ok_or_else(|| Error::Impose {
        locale: meta.locale.clone(),
        kind: Some(meta.of.kind),
        sheet: sheet.name.to_string(),
        message: format!(
            "a {:.1} x {:.1} mm card does not fit this sheet",
            card.w / MM,
            card.h / MM
        ),
    })?;
    let mut pages = Vec::new();
    for (side, face) in ["FRONT", "BACK"].into_iter().enumerate() {
        let placed = if side == 0 {
            grid.clone()
        } else {
            mirrored(&grid, sheet.size, flip)
        };
        let mut elems = marks(sheet.size, &placed, bleed);
        for (n, slot) in placed.slots.iter().enumerate() {
            let outline = [
                Point::new(slot.x, slot.y),
                Point::new(slot.right(), slot.y),
                Point::new(slot.right(), slot.bottom()),
                Point::new(slot.x, slot.bottom()),
                Point::new(slot.x, slot.y),
            ];
            elems.push(Elem::Stroke {
                points: outline.to_vec(),
                width: 0.5,
                color: Rgb::BLACK,
                dash: Some(vec![3.0, 2.0]),
                spot: Some(crate::layout::BLACK_INK.into()),
            });
            // A cross through the slot's centre: front and back crosses meet when aligned.
            let c = Point::new(slot.x + slot.w / 2.0, slot.y + slot.h / 2.0);
            for (a, b) in [
                (Point::new(c.x - 12.0, c.y), Point::new(c.x + 12.0, c.y)),
                (Point::new(c.x, c.y - 12.0), Point::new(c.x, c.y + 12.0)),
            ] {
                elems.push(Elem::Stroke {
                    points: vec![a, b],
                    width: 0.5,
                    color: Rgb::BLACK,
                    dash: None,
                    spot: Some(crate::layout::BLACK_INK.into()),
                });
            }
            // Inside the slot, where any printer prints: the margins may not.
            let lines = [
                (12.0, format!("{face} {}", n + 1)),
                (
                    7.0,
                    if side == 0 {
                        "\u{2191} this edge into the printer first".to_string()
                    } else {
                        "\u{2191} top of the back".to_string()
                    },
                ),
                (
                    7.0,
                    format!("print both sides, flip on the {} edge;", flip.name()),
                ),
                (
                    7.0,
                    format!(
                        "held to the light, BACK {} lies behind FRONT {}",
                        n + 1,
                        n + 1
                    ),
                ),
            ];
            // Each line's top: a shaped line's runs carry their baseline below it.
            let mut top = slot.y + 8.0;
            for (size, line) in lines {
                elems.extend(text(
                    fonts,
                    &line,
                    &meta,
                    size,
                    Point::new(slot.x + 8.0, top),
                    Role::Paragraph,
                )?);
                top += size * 1.35;
            }
        }
        pages.push(LaidPage {
            size: sheet.size,
            bleed: 0.0,
            slug: 0.0,
            // The sheet draws its own shared marks between the cards.
            marks: false,
            elems,
        });
    }
    Ok(LaidDocument { meta, pages })
}

/// `label` set on one line, the line's top-left at `at`.
fn text(
    fonts: &mut Fonts,
    label: &str,
    meta: &Meta,
    size: f32,
    at: Point,
    role: Role,
) -> Result<Vec<Elem>, Error> {
    let runs =
        crate::layout::shape_line(fonts, label, meta.language(), size, false).map_err(|e| {
            Error::Impose {
                locale: meta.locale.clone(),
                kind: Some(meta.of.kind),
                sheet: String::new(),
                message: format!("the calibration sheet's text cannot be set: {e:?}"),
            }
        })?;
    Ok(runs
        .into_iter()
        .map(|mut run| {
            run.x += at.x;
            run.y += at.y;
            run.role = role;
            run.key = Arc::from("calibration");
            Elem::Glyphs(run)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CR80: Size = Size {
        w: 85.6 * MM,
        h: 53.98 * MM,
    };

    #[test]
    fn avery_8371_takes_ten_business_cards_at_the_templates_places() {
        let sheet: Sheet = "avery-8371".parse().unwrap();
        let g = grid(&sheet, Size::new(3.5 * IN, 2.0 * IN), 9.0).unwrap();
        assert_eq!((g.columns, g.rows, g.slots.len()), (2, 5, 10));
        assert_eq!(
            g.slots[0],
            Rect::new(0.75 * IN, 0.5 * IN, 3.5 * IN, 2.0 * IN)
        );
        assert_eq!(g.slots[9].right(), 7.75 * IN);
        assert_eq!(g.slots[9].bottom(), 10.5 * IN);
        // No gap between cards: a shared cut, the bleed only towards the margins.
        assert_eq!(g.room[0], [9.0, 9.0, 0.0, 0.0]);
    }

    #[test]
    fn a_stock_refuses_a_card_of_another_size() {
        let sheet: Sheet = "avery-8371".parse().unwrap();
        assert!(grid(&sheet, CR80, 9.0).is_none());
        let a4: Sheet = "avery-c32011".parse().unwrap();
        assert_eq!(grid(&a4, CR80, 9.0).map(|g| g.slots.len()), Some(10));
    }

    #[test]
    fn plain_paper_centres_eight_cr80_cards_each_with_its_bleed() {
        for name in ["letter", "a4"] {
            let sheet: Sheet = name.parse().unwrap();
            let g = grid(&sheet, CR80, 9.0).unwrap();
            assert_eq!((g.columns, g.rows), (2, 4), "{name}");
            let left = g.slots[0].x;
            let right = sheet.size.w - g.slots[1].right();
            assert!((left - right).abs() < 0.01, "{name}: {left} {right}");
            assert!(g.room.iter().all(|r| *r == [9.0; 4]), "{name}");
        }
    }

    #[test]
    fn runs_share_slots_evenly_in_order() {
        assert_eq!(runs(2, 10), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert_eq!(runs(3, 10), [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(runs(1, 4), [0, 0, 0, 0]);
    }

    #[test]
    fn a_long_edge_flip_mirrors_the_columns_and_a_short_one_the_rows() {
        let sheet = Size::new(100.0, 200.0);
        let r = Rect::new(10.0, 20.0, 30.0, 40.0);
        assert_eq!(
            Flip::Long.mirror(sheet, r),
            Rect::new(60.0, 20.0, 30.0, 40.0)
        );
        assert_eq!(
            Flip::Short.mirror(sheet, r),
            Rect::new(10.0, 140.0, 30.0, 40.0)
        );
    }
}
