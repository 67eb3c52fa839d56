//! `check`: every document a materials folder can make, laid out in memory, none written.

use std::path::{Path, PathBuf};

use crate::compose::{Kind, Paper, Setup};
use crate::content::{self, Content};
use crate::diag::Diagnostic;
use crate::drafts;
use crate::engine::Engine;
use crate::error::Errors;
use crate::select::{Selection, distinct, select_editions, select_locales, with_editions};

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    pub locales: usize,
    pub documents: usize,
    pub warnings: Vec<Diagnostic>,
}

/// What a check lays out: empty lists mean every kind, every locale (and each beside
/// English) and every paper, the exhaustive check; named ones limit it to what an
/// organisation prints, as build's flags do.
#[derive(Debug, Clone, Default)]
pub struct CheckLimits {
    pub kinds: Vec<Kind>,
    /// Locales and pairs (`en+es`), as `build --locale` takes them.
    pub locales: Vec<String>,
    /// Sheets (`--paper`) and card sizes (`--card-size`), each narrowing its own kinds.
    pub papers: Vec<Paper>,
    /// The project's own contacts and local-help panel, laid out with everything else.
    pub local: Option<content::local::ProjectLocal>,
    /// What the project asks every document to be composed with (its theme).
    pub setup: Setup,
    /// Editions by name (`trucking`); empty means every edition each locale has.
    pub editions: Vec<String>,
    /// The project's `[organisation]`, checked against the content once it is loaded.
    pub organisation: Option<crate::project::organisation::Pending>,
}

/// Validates all content and lays out every kind, locale and paper in memory.
pub fn check(materials: &Path, strict: bool, font_dirs: &[PathBuf]) -> Result<CheckReport, Errors> {
    check_limited(materials, strict, font_dirs, &CheckLimits::default())
}

/// Validates all content and lays out the documents `limits` names in memory.
pub fn check_limited(
    materials: &Path,
    strict: bool,
    font_dirs: &[PathBuf],
    limits: &CheckLimits,
) -> Result<CheckReport, Errors> {
    let content = content::load_with(materials, limits.local.as_ref())?;
    let selections = if limits.locales.is_empty() {
        let singles = content.locales.iter().map(|l| vec![l]);
        singles.chain(english_pairs(&content)).collect()
    } else {
        select_locales(&content, &limits.locales)?
    };
    let locales = distinct(&selections);
    crate::build::local_labels(&content, &locales)?;
    if strict {
        drafts::refuse(&content, &locales)?;
    }
    // Unlimited, every edition is laid out wherever its texts are: an edition a locale
    // has is one it can be asked to print.
    let wanted = if limits.editions.is_empty() {
        vec!["all".to_string()]
    } else {
        limits.editions.clone()
    };
    let choice = select_editions(&content, &wanted)?;
    let kinds = if limits.kinds.is_empty() {
        Kind::made_by_default().collect()
    } else {
        limits.kinds.clone()
    };
    // The sheets, for the logo's warnings (a card's logo box is one size).
    let papers: Vec<Paper> = limits
        .papers
        .iter()
        .copied()
        .filter(|p| !p.is_card())
        .collect();
    let papers = if papers.is_empty() {
        Paper::ALL.to_vec()
    } else {
        papers
    };
    let (setup, logo_warnings) = crate::build::setup_of(
        limits.setup.clone(),
        limits.organisation.as_ref(),
        &content,
        &locales,
        &kinds,
        &papers,
    )?;
    let engine = Engine::with_font_dirs(font_dirs)?.with_setup(setup);
    let mut jobs = Vec::new();
    for (selection, edition) in with_editions(&selections, &choice)? {
        for (selection, kind, paper) in documents_of(&[selection], limits) {
            // A bilingual card is the same in every edition: build makes only the general.
            if edition.is_some() && !crate::compose::edition_changes(kind, selection.len()) {
                continue;
            }
            jobs.push((selection, kind, paper, edition));
        }
    }
    let documents = jobs.len();
    // In parallel like a build, each thread with its own scratch; errors in `jobs` order.
    let errors: Vec<crate::Error> = {
        use rayon::prelude::*;
        jobs.par_iter()
            .map_init(
                || engine.scratch(),
                |scratch, (selection, kind, paper, edition)| {
                    engine
                        .lay_out_in(scratch, &content, selection, *kind, *paper, *edition)
                        .err()
                },
            )
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    };
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(CheckReport {
        locales: locales.len(),
        documents,
        warnings: drafts::warnings(&content, &locales)
            .into_iter()
            .chain(logo_warnings)
            .collect(),
    })
}

/// Each selection in each wanted kind it can be made in (a pair only in the bilingual
/// kinds) on each wanted paper its kind is made on.
fn documents_of<'a>(
    selections: &[Selection<'a>],
    limits: &CheckLimits,
) -> Vec<(Selection<'a>, Kind, Paper)> {
    let mut out = Vec::new();
    for selection in selections {
        let kinds: Vec<Kind> = if selection.len() > 1 {
            Kind::bilingual().collect()
        } else {
            Kind::made_by_default().collect()
        };
        for kind in kinds
            .into_iter()
            .filter(|k| limits.kinds.is_empty() || limits.kinds.contains(k))
        {
            // Only the papers of this kind's sort narrow it: `--card-size` leaves posters
            // on every sheet, `--paper` cards in every size.
            let asked: Vec<&Paper> = limits
                .papers
                .iter()
                .filter(|p| p.is_card() == kind.card_sized())
                .collect();
            let on = papers(kind).iter().filter(|p| {
                !(kind.uses_paper() || kind.card_sized()) || asked.is_empty() || asked.contains(p)
            });
            for paper in on {
                out.push((selection.clone(), kind, *paper));
            }
        }
    }
    out
}

/// Every locale, kind and paper a materials folder can make (a card in each card size).
pub fn every_document(content: &Content) -> impl Iterator<Item = (&content::Locale, Kind, Paper)> {
    content.locales.iter().flat_map(|locale| {
        Kind::made_by_default()
            .flat_map(move |kind| papers(kind).iter().map(move |paper| (locale, kind, *paper)))
    })
}

/// The papers a kind is made on: every sheet, every card size for a card kind, or Letter
/// for a kind that has one size.
fn papers(kind: Kind) -> &'static [Paper] {
    if kind.uses_paper() {
        &Paper::ALL
    } else if kind.card_sized() {
        &Paper::CARDS
    } else {
        &[Paper::Letter]
    }
}

/// Every bilingual document (card, poster) of a locale with English, both ways round
/// (`en+vi`, `vi+en`), on every paper: the pairs trainers print most, checked so that a
/// new locale that fits alone but not beside English is found before a print run.
fn english_pairs(content: &Content) -> Vec<Selection<'_>> {
    let Some(en) = content.locale("en") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for other in content.locales.iter().filter(|l| l.meta.tag != en.meta.tag) {
        out.push(vec![en, other]);
        out.push(vec![other, en]);
    }
    out
}
