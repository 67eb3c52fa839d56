//! Every document the bundled materials make, laid out one at a time, for the tests that
//! measure them all (lines, QR blocks, line breaks, print edges, card bands, handout
//! pages): by default the check plan (`bridgeprint::every_document`: each locale alone in
//! every kind, on every paper or card size the kind is made on) and every locale beside
//! English, both ways round, in the kinds that take two languages, on every paper or card
//! size. A [`Plan`] narrows it or adds the audience editions; one engine lays them out in
//! turn, so a test holds one document at a time unless it collects them.

use bridgeprint::compose::edition_changes;
use bridgeprint::content::{Content, Locale};
use bridgeprint::layout::LaidDocument;
use bridgeprint::{Engine, Kind, Paper};

/// A laid-out document and what it is.
pub struct Doc {
    /// For messages: "en card cr80", "en+ar poster a4", "uk tearoff letter trucking".
    pub name: String,
    /// The language tag of each of its languages, in order.
    pub tags: Vec<String>,
    pub kind: Kind,
    pub paper: Paper,
    /// The audience edition, `None` for the general one.
    pub edition: Option<String>,
    pub laid: LaidDocument,
}

/// Which documents a test lays out. [`Plan::default`] is the check plan and the English
/// pairs; each method narrows it, or adds editions.
#[derive(Clone, Copy)]
pub struct Plan {
    locales: fn(&str) -> bool,
    kinds: fn(Kind) -> bool,
    papers: fn(Paper) -> bool,
    pair_papers: fn(Paper) -> bool,
    editions: fn(Kind) -> bool,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            locales: |_| true,
            kinds: |_| true,
            papers: |_| true,
            pair_papers: |_| true,
            editions: |_| false,
        }
    }
}

/// One document to lay out: its languages, kind, paper and edition.
type Selection<'c> = (Vec<&'c Locale>, Kind, Paper, Option<&'c str>);

impl Plan {
    /// Only the locales whose tag `keep` takes, alone and (unless English) beside English.
    pub fn locales(self, keep: fn(&str) -> bool) -> Self {
        Plan {
            locales: keep,
            ..self
        }
    }

    /// Only the kinds `keep` takes.
    pub fn kinds(self, keep: fn(Kind) -> bool) -> Self {
        Plan {
            kinds: keep,
            ..self
        }
    }

    /// Only the papers and card sizes `keep` takes.
    pub fn papers(self, keep: fn(Paper) -> bool) -> Self {
        Plan {
            papers: keep,
            ..self
        }
    }

    /// The English pairs only on the papers and card sizes `keep` takes.
    pub fn pair_papers(self, keep: fn(Paper) -> bool) -> Self {
        Plan {
            pair_papers: keep,
            ..self
        }
    }

    /// Also each audience edition a locale has, alone, in the kinds `keep` takes that an
    /// edition changes, on the same papers, after the general edition.
    pub fn editions(self, keep: fn(Kind) -> bool) -> Self {
        Plan {
            editions: keep,
            ..self
        }
    }

    /// What the plan lays out, in order: each locale alone (kind by kind, paper by paper,
    /// the general edition then the others), then the English pairs.
    fn selections<'c>(&self, content: &'c Content) -> Vec<Selection<'c>> {
        let mut out: Vec<Selection<'c>> = Vec::new();
        for (locale, kind, paper) in bridgeprint::every_document(content) {
            if !((self.locales)(&locale.meta.tag) && (self.kinds)(kind) && (self.papers)(paper)) {
                continue;
            }
            out.push((vec![locale], kind, paper, None));
            if (self.editions)(kind) && edition_changes(kind, 1) {
                for edition in locale.red_flags.editions.0.keys() {
                    out.push((vec![locale], kind, paper, Some(edition.as_str())));
                }
            }
        }
        let Some(en) = content.locale("en") else {
            return out;
        };
        let others = content
            .locales
            .iter()
            .filter(|l| l.meta.tag != en.meta.tag && (self.locales)(&l.meta.tag));
        for other in others {
            for pair in [vec![en, other], vec![other, en]] {
                for kind in Kind::bilingual().filter(|k| (self.kinds)(*k)) {
                    let papers = papers(kind)
                        .iter()
                        .filter(|p| (self.papers)(**p) && (self.pair_papers)(**p));
                    for paper in papers {
                        out.push((pair.clone(), kind, *paper, None));
                    }
                }
            }
        }
        out
    }

    /// The plan's documents, each laid out when the iterator reaches it; a document that
    /// fails to lay out fails the test, by name.
    pub fn lay_out(self, content: &Content) -> impl Iterator<Item = Doc> + '_ {
        let mut engine = Engine::new();
        self.selections(content)
            .into_iter()
            .map(move |(locales, kind, paper, edition)| {
                let tags: Vec<String> = locales.iter().map(|l| l.meta.tag.clone()).collect();
                let mut name = format!("{} {kind} {}", tags.join("+"), paper.name());
                if let Some(e) = edition {
                    name = format!("{name} {e}");
                }
                let laid = engine
                    .lay_out_edition(content, &locales, kind, paper, edition)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                Doc {
                    name,
                    tags,
                    kind,
                    paper,
                    edition: edition.map(str::to_owned),
                    laid,
                }
            })
    }
}

/// The check plan and the English pairs, laid out one by one.
pub fn every_document(content: &Content) -> impl Iterator<Item = Doc> + '_ {
    Plan::default().lay_out(content)
}

/// The bundled materials.
pub fn bundled() -> Content {
    bridgeprint::content::load(std::path::Path::new("materials")).expect("bundled materials load")
}

/// The papers a kind is made on: every sheet, every card size for a card kind, or Letter
/// for a kind of one size (as the check plan has them).
fn papers(kind: Kind) -> &'static [Paper] {
    if kind.uses_paper() {
        &Paper::ALL
    } else if kind.card_sized() {
        &Paper::CARDS
    } else {
        &[Paper::Letter]
    }
}

/// A paragraph's printed lines as byte ranges of its text, in order: each `(baseline,
/// start, end)` of its glyph runs joined with the others on its baseline (a number's runs
/// and the words round it are runs of their own on one line).
pub fn line_ranges(runs: impl IntoIterator<Item = (u32, usize, usize)>) -> Vec<(usize, usize)> {
    let mut lines: Vec<(u32, usize, usize)> = Vec::new();
    for (y, s, e) in runs {
        match lines.iter_mut().find(|l| l.0 == y) {
            Some(l) => {
                l.1 = l.1.min(s);
                l.2 = l.2.max(e);
            }
            None => lines.push((y, s, e)),
        }
    }
    let mut ranges: Vec<(usize, usize)> = lines.iter().map(|l| (l.1, l.2)).collect();
    ranges.sort();
    ranges.dedup();
    ranges
}
