//! `check`: every document a materials folder can make, laid out in memory, none written.

use std::path::{Path, PathBuf};

use crate::compose::{Kind, Paper};
use crate::content::{self, Content};
use crate::diag::Diagnostic;
use crate::drafts;
use crate::engine::Engine;
use crate::error::Errors;
use crate::select::Selection;

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    pub locales: usize,
    pub documents: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Validates all content and lays out every kind, locale and paper in memory.
pub fn check(materials: &Path, strict: bool, font_dirs: &[PathBuf]) -> Result<CheckReport, Errors> {
    let content = content::load(materials)?;
    let locales: Vec<_> = content.locales.iter().collect();
    if strict {
        drafts::refuse(&content, &locales)?;
    }
    let mut engine = Engine::with_font_dirs(font_dirs)?;
    let mut errors = Vec::new();
    let mut documents = 0;
    let singles = every_document(&content).map(|(l, k, p)| (vec![l], k, p));
    for (selection, kind, paper) in singles.chain(english_pairs(&content)) {
        documents += 1;
        if let Err(e) = engine.lay_out(&content, &selection, kind, paper) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(CheckReport {
        locales: locales.len(),
        documents,
        warnings: drafts::warnings(&content, &locales),
    })
}

/// Every locale, kind and paper a materials folder can make (a card has one size).
pub fn every_document(content: &Content) -> impl Iterator<Item = (&content::Locale, Kind, Paper)> {
    content.locales.iter().flat_map(|locale| {
        Kind::ALL
            .into_iter()
            .flat_map(move |kind| papers(kind).iter().map(move |paper| (locale, kind, *paper)))
    })
}

/// The papers a kind is made on: every one, or Letter for a kind that has one size.
fn papers(kind: Kind) -> &'static [Paper] {
    if kind.uses_paper() {
        &Paper::ALL
    } else {
        &[Paper::Letter]
    }
}

/// Every bilingual document (card, poster) of a locale with English, both ways round
/// (`en+vi`, `vi+en`), on every paper: the pairs trainers print most, checked so that a
/// new locale that fits alone but not beside English is found before a print run.
fn english_pairs(content: &Content) -> Vec<(Selection<'_>, Kind, Paper)> {
    let Some(en) = content.locale("en") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for other in content.locales.iter().filter(|l| l.meta.tag != en.meta.tag) {
        for pair in [vec![en, other], vec![other, en]] {
            for kind in Kind::bilingual() {
                for paper in papers(kind) {
                    out.push((pair.clone(), kind, *paper));
                }
            }
        }
    }
    out
}
