//! QR blocks and paint order. Two codes side by side: their captions stay a gutter apart
//! (6 pt apart on one baseline, "1-888-373-7888 HELP to 233733" read as one line) and are
//! set at one size. Paint order: a panel, a code's white square or a picture painted after a glyph hides
//! the part of the glyph under it (the card's white square behind its code once cut the
//! Thai tone marks of its caption). Backgrounds go down before any text, in every document
//! a check lays out: every kind, locale and paper, and every locale beside English.

use bridgeprint::layout::ink::InkBox;
use bridgeprint::layout::{Elem, Fonts, LaidDocument, visit};
use bridgeprint::types::Transform;
use bridgeprint::{Kind, Paper};

use crate::common::docs::{self, Plan};

/// Less than this much overlap, in points, is anti-aliasing, not a cut glyph.
const TOUCH: f32 = 0.1;

/// Every document the exhaustive check lays out, named for messages: each locale in every
/// kind and paper, then each locale beside English (both orders) in the bilingual kinds,
/// a pair card on CR80.
fn every_document(mut each: impl FnMut(String, LaidDocument)) {
    let content = docs::bundled();
    let plan = Plan::default().pair_papers(|p| p != Paper::Business);
    for doc in plan.lay_out(&content) {
        each(doc.name, doc.laid);
    }
}

fn page_box(to_page: Transform, b: InkBox) -> InkBox {
    InkBox::of(to_page.bounds(b.rect()))
}

/// Each place on `doc` where something opaque is painted over the ink of a glyph drawn
/// before it: page, what was painted, the glyph's text and its content key.
fn covered_glyphs(doc: &LaidDocument, fonts: &mut Fonts) -> Vec<String> {
    let mut found = Vec::new();
    for (n, page) in doc.pages.iter().enumerate() {
        // Glyph ink painted so far on this page, in page space.
        let mut inked: Vec<(InkBox, String, String)> = Vec::new();
        visit(&page.elems, &mut |e, to_page| {
            let (what, rect) = match e {
                Elem::Glyphs(run) => {
                    for (glyph, ink) in run.glyphs.iter().zip(fonts.glyph_ink(run)) {
                        if let Some(ink) = ink {
                            let text = run.text.get(glyph.text.clone()).unwrap_or_default();
                            inked.push((page_box(to_page, ink), text.into(), run.key.to_string()));
                        }
                    }
                    return;
                }
                Elem::Fill { rect, .. } => ("a fill", *rect),
                Elem::Qr { rect, .. } => ("a QR symbol", *rect),
                Elem::Image { rect, .. } => ("an image", *rect),
                _ => return,
            };
            let painted = page_box(to_page, InkBox::of(rect));
            for (ink, text, key) in &inked {
                if let Some(cut) = painted.intersect(*ink)
                    && cut.right - cut.left > TOUCH
                    && cut.bottom - cut.top > TOUCH
                {
                    found.push(format!(
                        "page {}: {what} at {:?} covers {:.1} x {:.1} pt of {text:?} ({key})",
                        n + 1,
                        painted,
                        cut.right - cut.left,
                        cut.bottom - cut.top
                    ));
                }
            }
        });
    }
    found
}

#[test]
fn no_fill_is_painted_over_a_glyph_in_any_document() {
    let mut fonts = Fonts::new();
    let mut bad = Vec::new();
    let mut documents = 0;
    every_document(|name, doc| {
        documents += 1;
        for problem in covered_glyphs(&doc, &mut fonts) {
            bad.push(format!("{name}: {problem}"));
        }
    });
    assert!(documents > 100, "only {documents} documents laid out");
    assert!(
        bad.is_empty(),
        "{} glyphs painted over, first ones:\n{}",
        bad.len(),
        bad.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// The least room between the ink of two captions side by side: the poster's gutter on
/// Letter (larger papers scale it up).
const CAPTION_GUTTER: f32 = 18.0;

const CAPTION_KEYS: [&str; 2] = [
    "texts.poster.call_qr_caption",
    "texts.poster.text_qr_caption",
];

#[test]
fn the_captions_of_two_codes_side_by_side_are_a_gutter_apart_and_one_size() {
    let mut fonts = Fonts::new();
    let mut bad = Vec::new();
    let mut posters = 0;
    every_document(|name, doc| {
        for page in &doc.pages {
            // Each caption's ink, by code: (size, left, top, right, bottom).
            let mut ink: [Vec<(f32, InkBox)>; 2] = [Vec::new(), Vec::new()];
            visit(&page.elems, &mut |e, to_page| {
                if let Elem::Glyphs(run) = e
                    && let Some(i) = CAPTION_KEYS.iter().position(|k| **k == *run.key)
                    && let Some(b) = fonts
                        .glyph_ink(run)
                        .into_iter()
                        .flatten()
                        .reduce(InkBox::union)
                {
                    ink[i].push((run.size, page_box(to_page, b)));
                }
            });
            if ink[0].is_empty() || ink[1].is_empty() {
                continue;
            }
            posters += 1;
            let sizes: Vec<f32> = ink.iter().flatten().map(|(s, _)| *s).collect();
            let (lo, hi) = sizes
                .iter()
                .fold((f32::MAX, 0.0f32), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
            if hi - lo > 0.01 {
                bad.push(format!("{name}: captions in sizes {lo:.2} to {hi:.2} pt"));
            }
            for (_, a) in &ink[0] {
                for (_, b) in &ink[1] {
                    let same_lines = a.top < b.bottom && b.top < a.bottom;
                    let gap = (b.left - a.right).max(a.left - b.right);
                    if same_lines && gap < CAPTION_GUTTER - 0.01 {
                        bad.push(format!("{name}: captions {gap:.1} pt apart on one line"));
                    }
                }
            }
        }
    });
    assert!(
        posters > 50,
        "only {posters} pages with two captioned codes"
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// How far a caption's ink may sit off its code's centre line, in points: what the eye
/// reads as centred at arm's length. A caption pushed off the card's edge sat 6 pt off.
const CENTRED: f32 = 1.0;

/// Every document with a QR code, named for messages: every locale in every kind, paper
/// and card size, every edition's poster, and every locale beside English (both orders)
/// in the bilingual kinds on every paper and card size.
fn every_coded_document(mut each: impl FnMut(String, LaidDocument)) {
    let content = docs::bundled();
    let plan = Plan::default().editions(|k| k == Kind::Poster);
    for doc in plan.lay_out(&content) {
        each(doc.name, doc.laid);
    }
}

/// A code on a page: its symbol (quiet zone not included) and quiet zone, in page space.
struct Code {
    contact: String,
    symbol: bridgeprint::types::Rect,
    quiet: f32,
}

/// A code's caption on a page: the ink of every line of it, in page space, and its size.
struct Caption {
    contact: String,
    ink: InkBox,
    size: f32,
}

/// The codes and their captions (the runs of a `..._qr_caption` text) on a laid page.
fn codes_and_captions(
    page: &bridgeprint::layout::LaidPage,
    fonts: &mut Fonts,
) -> (Vec<Code>, Vec<Caption>, Vec<String>) {
    let mut codes = Vec::new();
    let mut captions: Vec<Caption> = Vec::new();
    let mut untied = Vec::new();
    visit(&page.elems, &mut |e, to_page| match e {
        Elem::Qr {
            rect,
            code,
            contact,
            ..
        } => codes.push(Code {
            contact: contact.to_string(),
            symbol: to_page.bounds(*rect),
            quiet: to_page.bounds(*rect).w / code.width as f32 * bridgeprint::qr::QUIET_ZONE as f32,
        }),
        Elem::Glyphs(run) if run.key.ends_with("qr_caption") => {
            let Some(contact) = run.caption_of.as_deref() else {
                untied.push(format!("{} is not tied to a code", run.key));
                return;
            };
            // All of the caption's ink, a CJK bracket's too: the reader sees it, and
            // layout centres a CJK caption's lines on their ink, not their em squares.
            let Some(ink) = fonts
                .glyph_ink(run)
                .into_iter()
                .flatten()
                .reduce(InkBox::union)
            else {
                return;
            };
            let ink = page_box(to_page, ink);
            match captions.iter_mut().find(|c| c.contact == contact) {
                Some(c) => c.ink = c.ink.union(ink),
                None => captions.push(Caption {
                    contact: contact.to_string(),
                    ink,
                    size: run.size,
                }),
            }
        }
        _ => {}
    });
    (codes, captions, untied)
}

#[test]
fn every_qr_caption_is_centred_under_its_code_and_a_gutter_from_its_neighbour() {
    let mut fonts = Fonts::new();
    let mut bad = Vec::new();
    let mut captions_seen = 0;
    every_coded_document(|name, doc| {
        for (n, page) in doc.pages.iter().enumerate() {
            let at = format!("{name} page {}", n + 1);
            let (codes, captions, untied) = codes_and_captions(page, &mut fonts);
            bad.extend(untied.into_iter().map(|u| format!("{at}: {u}")));
            for caption in &captions {
                captions_seen += 1;
                let Some(code) = codes.iter().find(|c| c.contact == caption.contact) else {
                    bad.push(format!(
                        "{at}: a caption of {} without its code",
                        caption.contact
                    ));
                    continue;
                };
                let ink = caption.ink;
                let below = code.symbol.bottom() + code.quiet;
                if ink.top < below - bridgeprint::layout::INK_TOLERANCE {
                    bad.push(format!(
                        "{at}: the {} caption's ink starts {:.1} pt above the foot of its code's quiet zone",
                        caption.contact,
                        below - ink.top
                    ));
                }
                let off = (ink.left + ink.right) / 2.0 - (code.symbol.x + code.symbol.w / 2.0);
                if off.abs() > CENTRED {
                    bad.push(format!(
                        "{at}: the {} caption is {off:+.1} pt off its code's centre",
                        caption.contact
                    ));
                }
            }
            // Neighbours: captions side by side keep the gutter, and one page sets all
            // its captions at one size.
            for (i, a) in captions.iter().enumerate() {
                for b in &captions[i + 1..] {
                    let (a_ink, b_ink) = (a.ink, b.ink);
                    let level = a_ink.top < b_ink.bottom && b_ink.top < a_ink.bottom;
                    let gap = (b_ink.left - a_ink.right).max(a_ink.left - b_ink.right);
                    if level && gap < CAPTION_GUTTER - 0.01 {
                        bad.push(format!("{at}: captions {gap:.1} pt apart side by side"));
                    }
                    if (a.size - b.size).abs() > 0.01 {
                        bad.push(format!(
                            "{at}: captions at {:.2} and {:.2} pt",
                            a.size, b.size
                        ));
                    }
                }
            }
        }
    });
    assert!(captions_seen > 500, "only {captions_seen} captions seen");
    assert!(
        bad.is_empty(),
        "{} faults, first ones:\n{}",
        bad.len(),
        bad.iter().take(200).cloned().collect::<Vec<_>>().join("\n")
    );
}
