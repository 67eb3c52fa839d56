//! The poster's identity, measured on the laid-out page of every poster: each locale alone
//! and beside English (both orders), on every paper.
//!
//! - Its page used to the foot: a poster once left its bottom 15 % empty (the lists ended
//!   there, the room under them unused), which reads as a template; then 5-8 % on some
//!   locales and pairs (`en+ja` A4, `zh-Hans` Letter, `en+ar` Letter).
//! - The message between the two codes ("or text HELP to 233733") no taller than the codes
//!   (five Arabic lines on A4 stood above and below them), and its number never alone on a
//!   line nor split ("233733" alone under "or text HELP to").
//! - A QR caption apart from the heading under it by a line of the lists' leading (the
//!   Japanese captions stood 3 pt over their headings and read as one block with them).

use bridgeprint::layout::{Elem, Fonts, LaidDocument, visit};
use bridgeprint::types::Rect;
use bridgeprint::{Engine, Kind, Paper};

/// The most of the safe area's height a poster may leave empty above its foot (a draft's:
/// above its notice, which stands 1/4 in inside the paper's edge, into the margin).
const EMPTY_FOOT: f32 = 0.05;
/// A line of the lists' leading, in sizes of their body text.
const LIST_LEADING: f32 = 1.12;
/// Less than this, in points, is rounding.
const TOLERANCE: f32 = 0.5;

/// Every poster, named for messages, with its number of languages; returns the posters
/// that do not lay out.
fn every_poster(mut each: impl FnMut(String, usize, Paper, LaidDocument)) -> Vec<String> {
    let mut faults = Vec::new();
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let mut engine = Engine::new();
    let mut sets = Vec::new();
    for (locale, kind, paper) in bridgeprint::every_document(&content) {
        if kind == Kind::Poster {
            sets.push((vec![locale], paper));
        }
    }
    let en = content.locale("en").expect("English is bundled");
    for other in content.locales.iter().filter(|l| l.meta.tag != "en") {
        for pair in [[en, other], [other, en]] {
            for paper in Paper::ALL {
                sets.push((pair.to_vec(), paper));
            }
        }
    }
    for (locales, paper) in sets {
        let tags: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
        let name = format!("{} poster {}", tags.join("+"), paper.name());
        match engine.lay_out(&content, &locales, Kind::Poster, paper) {
            Ok(laid) => each(name, locales.len(), paper, laid),
            Err(e) => faults.push(format!("{name}: {e}")),
        }
    }
    faults
}

/// A run of glyphs as printed: its content key, size, baseline, text and ink in page space.
struct Printed {
    key: String,
    size: f32,
    baseline: f32,
    text: String,
    paragraph: String,
    caption: bool,
    ink: Rect,
}

/// The runs of the poster's page and its QR symbols, in page space.
fn printed(doc: &LaidDocument, fonts: &mut Fonts) -> (Vec<Printed>, Vec<Rect>) {
    let mut runs = Vec::new();
    let mut codes = Vec::new();
    visit(&doc.pages[0].elems, &mut |e, to_page| match e {
        Elem::Glyphs(run) => {
            let inks: Vec<Rect> = fonts
                .glyph_ink(run)
                .into_iter()
                .flatten()
                .map(|ink| to_page.bounds(ink.rect()))
                .collect();
            let Some(first) = inks.first() else { return };
            let ink = inks.iter().fold(*first, |a, b| {
                let x = a.x.min(b.x);
                let y = a.y.min(b.y);
                Rect::new(
                    x,
                    y,
                    a.right().max(b.right()) - x,
                    a.bottom().max(b.bottom()) - y,
                )
            });
            let baseline = to_page.bounds(Rect::new(run.x, run.y, 0.0, 0.0)).y;
            runs.push(Printed {
                key: run.key.to_string(),
                size: run.size,
                baseline,
                text: run.logical_text().to_string(),
                paragraph: run.text.to_string(),
                caption: run.caption_of.is_some(),
                ink,
            });
        }
        Elem::Qr { rect, .. } => codes.push(to_page.bounds(*rect)),
        _ => {}
    });
    (runs, codes)
}

/// The runs of the message between the codes.
fn middle(runs: &[Printed]) -> impl Iterator<Item = &Printed> {
    runs.iter().filter(|r| r.key == "texts.poster.text_line")
}

#[test]
fn every_poster_is_used_to_its_foot() {
    let mut fonts = Fonts::new();
    let mut faults = Vec::new();
    let mut worst = (0.0f32, String::new());
    let unlaid = every_poster(|name, languages, paper, laid| {
        let page = &laid.pages[0];
        let inset = Kind::Poster.safe_inset(paper, languages);
        let (safe_top, safe_bottom) = (inset, page.size.h - inset);
        let (runs, _) = printed(&laid, &mut fonts);
        let notice = |r: &&Printed| r.key == bridgeprint::compose::DRAFT_NOTICE_KEY;
        let lowest = runs
            .iter()
            .filter(|r| !notice(r))
            .map(|r| r.ink.bottom())
            .fold(f32::MIN, f32::max);
        // A draft's foot is its notice, whose band reaches above the margin: the lists end
        // above it.
        let foot = runs
            .iter()
            .filter(notice)
            .map(|r| r.ink.y)
            .fold(safe_bottom, f32::min);
        let empty = (foot - lowest) / (safe_bottom - safe_top);
        if empty > worst.0 {
            worst = (empty, name.clone());
        }
        if empty > EMPTY_FOOT {
            faults.push(format!(
                "{name}: lowest ink {lowest:.0} pt, {:.1} % of the safe area empty above its foot",
                empty * 100.0
            ));
        }
    });
    faults.extend(unlaid);
    eprintln!("emptiest foot: {} ({:.1} %)", worst.1, worst.0 * 100.0);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_message_between_the_codes_is_no_taller_than_they_are_and_keeps_its_number_whole() {
    let mut fonts = Fonts::new();
    let mut faults = Vec::new();
    let unlaid = every_poster(|name, _, _, laid| {
        let (runs, codes) = printed(&laid, &mut fonts);
        // The row's two codes: the topmost (a local line's code stands lower).
        let Some(top) = codes.iter().map(|c| c.y).reduce(f32::min) else {
            faults.push(format!("{name}: no QR code"));
            return;
        };
        let row: Vec<&Rect> = codes.iter().filter(|c| (c.y - top).abs() < 1.0).collect();
        let bottom = row.iter().map(|c| c.bottom()).fold(f32::MIN, f32::max);
        let message: Vec<&Printed> = middle(&runs).collect();
        if message.is_empty() {
            // The organisation stands there instead (not in the bundled build).
            faults.push(format!("{name}: no message between the codes"));
            return;
        }
        let (ink_top, ink_bottom) = message.iter().fold((f32::MAX, f32::MIN), |(t, b), r| {
            (t.min(r.ink.y), b.max(r.ink.bottom()))
        });
        if ink_top < top - TOLERANCE || ink_bottom > bottom + TOLERANCE {
            faults.push(format!(
                    "{name}: the message between the codes is {:.1} pt tall, from {:.1} to {:.1} pt; the codes {:.1} pt, from {top:.1} to {bottom:.1} pt",
                    ink_bottom - ink_top,
                    ink_top,
                    ink_bottom,
                    bottom - top
                ));
        }
        // Its lines, by baseline: a number alone on one, or part of a number on one.
        let mut lines: Vec<(f32, String, &str)> = Vec::new();
        for r in &message {
            match lines.iter_mut().find(|l| (l.0 - r.baseline).abs() < 0.5) {
                Some(line) => line.1.push_str(&r.text),
                None => lines.push((r.baseline, r.text.clone(), &r.paragraph)),
            }
        }
        for (_, line, paragraph) in &lines {
            let visible: String = line
                .chars()
                .filter(|c| {
                    !c.is_whitespace()
                        && !matches!(
                            *c as u32,
                            0x200B | 0x200E | 0x200F | 0x061C | 0x2060 | 0x2066..=0x2069
                        )
                })
                .collect();
            if !visible.is_empty() && visible.chars().all(|c| c.is_ascii_digit()) {
                faults.push(format!(
                    "{name}: {visible:?} alone on a line of {paragraph:?}"
                ));
            }
            let whole = digit_runs(paragraph);
            for part in digit_runs(line) {
                if !whole.contains(&part) {
                    faults.push(format!(
                        "{name}: {part:?} of a number split across lines of {paragraph:?}"
                    ));
                }
            }
        }
    });
    faults.extend(unlaid);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// The runs of ASCII digits in `text`.
fn digit_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn a_qr_caption_stands_a_line_of_the_lists_leading_above_the_heading_under_it() {
    let mut fonts = Fonts::new();
    let mut faults = Vec::new();
    let mut least = (f32::MAX, String::new());
    let unlaid = every_poster(|name, _, _, laid| {
        let (runs, codes) = printed(&laid, &mut fonts);
        let Some(top) = codes.iter().map(|c| c.y).reduce(f32::min) else {
            return;
        };
        // The row's captions: under the row's codes, above everything else under them.
        let captions: Vec<&Printed> = runs
            .iter()
            .filter(|r| r.caption && r.ink.y > top && r.key.starts_with("texts.poster."))
            .collect();
        let Some(caption_bottom) = captions.iter().map(|r| r.ink.bottom()).reduce(f32::max) else {
            faults.push(format!("{name}: no QR caption"));
            return;
        };
        // The first text under the captions; a heading is what this rule is about (a
        // pair's columns start with their hotline notes).
        let Some(under) = runs
            .iter()
            .filter(|r| !r.caption && r.ink.y > caption_bottom - TOLERANCE)
            .min_by(|a, b| a.ink.y.total_cmp(&b.ink.y))
        else {
            return;
        };
        if !under.key.ends_with("heading") {
            return;
        }
        let Some(body) = runs
            .iter()
            .filter(|r| r.ink.y > under.ink.y && !r.key.ends_with("heading"))
            .min_by(|a, b| a.ink.y.total_cmp(&b.ink.y))
        else {
            return;
        };
        let line = body.size * LIST_LEADING;
        let gap = under.ink.y - caption_bottom;
        if gap < least.0 {
            least = (gap, name.clone());
        }
        if gap < line - TOLERANCE {
            faults.push(format!(
                    "{name}: {gap:.1} pt between the QR captions' ink and the heading `{}` under them, less than a line of the lists' leading ({line:.1} pt)",
                    under.key
                ));
        }
    });
    faults.extend(unlaid);
    eprintln!(
        "least caption to heading gap: {} ({:.1} pt)",
        least.1, least.0
    );
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
