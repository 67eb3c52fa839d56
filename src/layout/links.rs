//! Links over what a phone can act on: every printed contact value (the text between the
//! isolates [`crate::content::expand`] puts round it) and every QR code gets a clickable
//! area opening its record's link form, so a reader on a phone, or a screen reader, can
//! call, text or open it. The address is derived from the contact record, never from the
//! printed text.

use std::ops::Range;
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::{Elem, GlyphRun, LaidDocument};
use crate::content::{Contact, ContactKind, Contacts, isolate_spans};
use crate::types::Rect;

/// What a link to `contact` opens: `tel:+18883737888`, `sms:233733?body=HELP` (RFC 5724:
/// the QR code's `SMSTO:` form is not a URI a PDF viewer opens), the web address.
pub fn uri(contact: &Contact) -> String {
    match contact.kind {
        ContactKind::Voice => format!("tel:{}", contact.number),
        ContactKind::Sms => format!("sms:{}?body={}", contact.number, contact.keyword),
        ContactKind::Web => contact.payload.clone(),
    }
}

/// The records that print `value`: as their display, or as their sms keyword.
pub fn owners<'c>(value: &str, contacts: &'c Contacts) -> Vec<&'c Contact> {
    contacts
        .by_key
        .values()
        .filter(|c| c.prints(value))
        .collect()
}

/// The link a printed `value` opens: its record's, the captioned code's record when
/// several print the same text. Records that print the same number with different
/// keywords share the number's link without a message body. `None` when no record prints
/// it, or records that print it reach different numbers and nothing says which is meant.
pub fn link_for(value: &str, caption: Option<&str>, contacts: &Contacts) -> Option<String> {
    let owners = owners(value, contacts);
    if let Some(c) = caption.and_then(|k| owners.iter().find(|o| o.key == k)) {
        return Some(uri(c));
    }
    let mut uris: Vec<String> = owners.iter().map(|c| uri(c)).collect();
    uris.sort();
    uris.dedup();
    if let [one] = uris.as_slice() {
        return Some(one.clone());
    }
    let mut numbers: Vec<Option<String>> = owners.iter().map(|c| number_link(c)).collect();
    numbers.dedup();
    match numbers.as_slice() {
        [Some(one)] => Some(one.clone()),
        _ => None,
    }
}

/// A number's link without a message body: `tel:911`, `sms:233733`. `None` for a web
/// address.
pub fn number_link(contact: &Contact) -> Option<String> {
    match contact.kind {
        ContactKind::Voice => Some(format!("tel:{}", contact.number)),
        ContactKind::Sms => Some(format!("sms:{}", contact.number)),
        ContactKind::Web => None,
    }
}

/// A contact value as printed on one line: the part of it on that line, in the runs'
/// coordinates.
#[derive(Debug, Clone)]
pub struct PrintedValue<'a> {
    /// The value as written (between its isolates), whole even when it wraps.
    pub value: &'a str,
    /// The content key of its paragraph.
    pub key: &'a str,
    /// The contact whose QR code its paragraph speaks for.
    pub caption: Option<&'a str>,
    /// From the start of its first glyph to the end of its last, from the font's ascent
    /// to its descent.
    pub rect: Rect,
}

/// The contact values printed by the runs among `elems` (not inside their groups), one a
/// line they are set on.
pub fn printed_values(elems: &[Elem]) -> Vec<PrintedValue<'_>> {
    let runs: Vec<&GlyphRun> = elems
        .iter()
        .filter_map(|e| match e {
            Elem::Glyphs(run) => Some(run),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for line in lines(&runs) {
        let text: &str = &line[0].text;
        // An unpaired isolate marks nothing (the read-back refuses the text).
        for span in isolate_spans(text).0 {
            let boxes = line.iter().filter_map(|run| span_box(run, &span));
            if let Some(rect) = boxes.reduce(union) {
                out.push(PrintedValue {
                    value: &text[span],
                    key: &line[0].key,
                    caption: line[0].caption_of.as_deref(),
                    rect,
                });
            }
        }
    }
    out
}

/// Adds a link over every contact value and QR code of `laid`, in the coordinates of
/// what it covers (inside a group when that is inside one).
pub fn attach(laid: &mut LaidDocument, contacts: &Contacts) {
    for page in &mut laid.pages {
        attach_in(&mut page.elems, contacts);
    }
}

fn attach_in(elems: &mut Vec<Elem>, contacts: &Contacts) {
    for e in elems.iter_mut() {
        if let Elem::Group { elems: inner, .. } = e {
            attach_in(inner, contacts);
        }
    }
    let mut links: Vec<Elem> = printed_values(elems)
        .into_iter()
        .filter_map(|p| {
            let uri = link_for(p.value, p.caption, contacts)?;
            Some(Elem::Link {
                rect: p.rect,
                uri: Arc::from(uri),
            })
        })
        .collect();
    links.extend(elems.iter().filter_map(|e| match e {
        Elem::Qr { rect, contact, .. } => Some(Elem::Link {
            rect: *rect,
            uri: Arc::from(uri(contacts.get(contact)?)),
        }),
        _ => None,
    }));
    elems.extend(links);
}

/// Runs of one paragraph on one baseline, in drawing order.
fn lines<'a>(runs: &[&'a GlyphRun]) -> Vec<Vec<&'a GlyphRun>> {
    let mut out: Vec<Vec<&'a GlyphRun>> = Vec::new();
    for run in runs {
        let same = |l: &Vec<&GlyphRun>| {
            Arc::ptr_eq(&l[0].text, &run.text) && (l[0].y - run.y).abs() < 0.01
        };
        match out.iter_mut().find(|l| same(l)) {
            Some(line) => line.push(run),
            None => out.push(vec![run]),
        }
    }
    out
}

/// Where `run` draws the glyphs of `span`: their advances, from ascent to descent.
fn span_box(run: &GlyphRun, span: &Range<usize>) -> Option<Rect> {
    let mut pen = run.x;
    let mut x: Option<(f32, f32)> = None;
    for g in &run.glyphs {
        if span.contains(&g.text.start) {
            let (l, r) = (pen.min(pen + g.advance), pen.max(pen + g.advance));
            x = Some(x.map_or((l, r), |(a, b)| (a.min(l), b.max(r))));
        }
        pen += g.advance;
    }
    let (left, right) = x?;
    let (ascent, descent) = vertical_extent(run);
    Some(Rect::new(
        left,
        run.y - ascent,
        right - left,
        ascent + descent,
    ))
}

/// How far the run's font reaches above and below the baseline, in points: its ascent
/// and descent, or the usual 0.9 / 0.25 em when the font cannot be read.
fn vertical_extent(run: &GlyphRun) -> (f32, f32) {
    let metrics = FontRef::from_index(run.font.data.as_ref(), run.font.index)
        .ok()
        .map(|f| f.metrics(Size::new(run.size), LocationRef::default()));
    match metrics {
        Some(m) if m.ascent > 0.0 => (m.ascent, -m.descent.min(0.0)),
        _ => (run.size * 0.9, run.size * 0.25),
    }
}

fn union(a: Rect, b: Rect) -> Rect {
    let (l, t) = (a.x.min(b.x), a.y.min(b.y));
    let (r, bt) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
    Rect::new(l, t, r - l, bt - t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paired_isolates_mark_a_value() {
        let text = "Text \u{2066}HELP\u{2069} to \u{2066}233733\u{2069} \u{2066}x";
        let found: Vec<&str> = isolate_spans(text)
            .0
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["HELP", "233733"]);
    }
}
