//! An arbitrary text in any text slot of a locale, laid out as every kind: it fits, or
//! is an overflow or layout error, or the read-back refuses what it would print (the text
//! is put in after loading, past the content rules, which is what the read-back is for).
//! A panic is a crash.
//!
//! Input: byte 0 picks the locale (its high bit: set beside English as a bilingual card
//! and poster), bytes 1-2 the slot (every text and list item the locale has), the rest is
//! the text (UTF-8, cut to the length limit as loading would).
#![no_main]

use std::cell::RefCell;
use std::path::Path;

use bridgeprint::content::limits::MAX_TEXT_CHARS;
use bridgeprint::content::schema::VisitTexts;
use bridgeprint::content::{Content, Locale};
use bridgeprint::{Engine, Error, Kind, Paper};
use libfuzzer_sys::fuzz_target;

/// Locales that differ in direction and script: Latin, Arabic (right to left), Thai
/// (no spaces), Hindi (conjuncts), Japanese (CJK).
const LOCALES: [&str; 5] = ["en", "ar", "th", "hi", "ja"];

thread_local! {
    static STATE: RefCell<(Content, Engine)> = RefCell::new({
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../materials");
        let content = bridgeprint::content::load(&root).expect("bundled materials load");
        (content, Engine::new())
    });
}

/// Calls `f` on every text of `locale`, with its index.
fn each_text(locale: &mut Locale, f: &mut dyn FnMut(usize, &mut String)) {
    let mut i = 0;
    let mut visit = |_: &str, text: &mut String| {
        f(i, text);
        i += 1;
    };
    locale.texts.visit_texts("texts", &mut visit);
    locale.types.visit_texts("types", &mut visit);
    locale.comparison.visit_texts("comparison", &mut visit);
    locale.red_flags.visit_texts("red_flags", &mut visit);
    locale.report.visit_texts("report", &mut visit);
    locale.scale.visit_texts("scale", &mut visit);
}

fuzz_target!(|data: &[u8]| {
    let [which, hi, lo, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let text: String = text.chars().take(MAX_TEXT_CHARS).collect();
    if text.trim().is_empty() {
        return; // loading refuses an empty text
    }
    STATE.with_borrow_mut(|(base, engine)| {
        let tag = LOCALES[usize::from(*which) % LOCALES.len()];
        let mut content = base.clone();
        let Some(index) = content.locales.iter().position(|l| l.meta.tag == tag) else {
            return;
        };
        let mut count = 0;
        each_text(&mut content.locales[index], &mut |_, _| count += 1);
        let slot = usize::from(u16::from_be_bytes([*hi, *lo])) % count.max(1);
        each_text(&mut content.locales[index], &mut |i, t| {
            if i == slot {
                *t = text.clone();
            }
        });
        let locale = &content.locales[index];
        let selection = match content.locales.iter().find(|l| l.meta.tag == "en") {
            Some(en) if which & 0x80 != 0 && locale.meta.tag != "en" => vec![en, locale],
            _ => vec![locale],
        };
        // A notice is made only under a legal profile, never from a locale's texts alone.
        for kind in Kind::made_by_default() {
            if !kind.speaks(selection.len()) {
                continue;
            }
            match engine.lay_out(&content, &selection, kind, Paper::Letter) {
                Ok(_) | Err(Error::Overflow { .. } | Error::Layout { .. } | Error::Printed(_)) => {}
                Err(e) => panic!("{tag} {kind:?}: neither a layout nor an overflow error: {e}"),
            }
        }
    });
});
