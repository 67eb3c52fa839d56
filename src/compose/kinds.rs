//! The registry of kinds: everything the rest of the program knows about a kind (its name,
//! what `list` and `--help` say of it, whether paper changes it, how many languages it
//! holds, its type and QR floors, and the template that composes it) is read from the
//! [`KindSpec`] its template file exports. Adding a kind is a variant of [`Kind`], one
//! template file exporting a `SPEC`, and one line in [`REGISTRY`].

use std::fmt;
use std::str::FromStr;

use super::Setup;
use super::{Document, Paper, card, handout, notice, poster, safety_card, sticker, tearoff};
use crate::content::{Content, Locale};
use crate::error::Error;

/// The kinds of material bridgeprint makes. Only a name: what a kind is lives in its
/// [`KindSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    // Each variant's value is its place in the REGISTRY.
    Card = 0,
    Poster = 1,
    Handout = 2,
    SafetyCard = 3,
    Tearoff = 4,
    Sticker = 5,
    Notice = 6,
}

/// A template: one locale, or two for a bilingual document (the first leads), on `paper`
/// (ignored by a kind that does not use paper), with the project's `setup`.
pub type ComposeFn = fn(&Content, &[&Locale], Paper, &Setup) -> Result<Document, Error>;

/// What a kind is, declared once, in its template's file.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: Kind,
    /// In `--kind`, file names and messages: `card`.
    pub name: &'static str,
    /// One line for `bridgeprint list`.
    pub description: &'static str,
    /// One line for `--help`.
    pub help: &'static str,
    /// Whether `--paper` changes it (a card is always card-sized).
    pub uses_paper: bool,
    /// The most languages one document of it holds (2: it can be bilingual).
    pub languages: usize,
    /// No text on it is set smaller than this, in points, on any paper.
    pub text_floor: f32,
    /// Its QR symbols (quiet zone not included) are at least this wide, in millimetres,
    /// in one language and in two.
    pub qr_min_mm: [f32; 2],
    /// Where a draft translation says so on paper.
    pub draft_notice: NoticePlace,
    /// For a person who may be watched (a safety card, a restroom sticker): nothing of it,
    /// its PDF's keywords and an edition's title included, names trafficking.
    pub discreet: bool,
    pub compose: ComposeFn,
}

/// Where a kind prints the line saying its text is a draft translation, not yet reviewed
/// (see [`super::add_draft_notice`]). Outside the template's own layout, so a template
/// redesign keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoticePlace {
    /// Below the trim, beyond the bleed, in a slug `depth` points deep added round the
    /// sheet: where print shops expect notes on a job, and cut away with the bleed. One
    /// line across the sheet, down to `floor` points when a pair's notice is long.
    Slug { depth: f32, size: f32, floor: f32 },
    /// Inside the page, in its bottom margin below everything the template places: a
    /// band `height` points tall whose foot is `rise` points above the paper's edge (clear
    /// of what an office printer cannot reach), `inset` points in from either side.
    Foot {
        rise: f32,
        height: f32,
        inset: f32,
        size: f32,
        /// A long notice (two languages' names) shrinks down to this before overflowing.
        floor: f32,
    },
}

impl NoticePlace {
    /// A wallet card or a sticker: one line of 6.5 pt (a card's floor) with 1/8 in under
    /// it to the sheet's edge, where a cutter or a sheet feeder may take it off; a pair's
    /// notice, two languages long, gets smaller before it takes a second line.
    pub const CARD: NoticePlace = NoticePlace::Slug {
        depth: 22.0,
        size: 6.5,
        floor: 5.5,
    };
    /// A poster: below the lists (they end above its band), small print a reader can still
    /// make out at arm's length; the posting laws' 16 pt is for the poster's message. Its
    /// descenders 1/4 in above the paper's edge, inside what a print shop trims and an
    /// office printer leaves unprinted.
    pub const POSTER: NoticePlace = NoticePlace::Foot {
        rise: 18.5,
        // One line at its leading and a little more: the lists end this far above the
        // paper's edge, less a pair's reach into the band (see `poster::lists_foot`).
        height: 14.0,
        inset: 32.0,
        size: 7.5,
        floor: 7.0,
    };
    /// A handout: under the page number, in the 0.75 in margin, at the handout's floor.
    pub const HANDOUT: NoticePlace = NoticePlace::Foot {
        rise: 28.0,
        height: 22.0,
        inset: 54.0,
        size: 8.0,
        floor: 8.0,
    };

    /// The smallest the notice is ever set, in points.
    pub fn floor(self) -> f32 {
        match self {
            NoticePlace::Slug { floor, .. } | NoticePlace::Foot { floor, .. } => floor,
        }
    }
}

/// Every kind, in the order `build` makes them and `list` shows them.
pub const REGISTRY: [&KindSpec; 7] = [
    &card::SPEC,
    &poster::SPEC,
    &handout::SPEC,
    &safety_card::SPEC,
    &tearoff::SPEC,
    &sticker::SPEC,
    &notice::SPEC,
];

// A variant's value is its place in the registry: checked when compiling, so a kind
// registered out of order cannot be built.
const _: () = {
    let mut i = 0;
    while i < REGISTRY.len() {
        assert!(REGISTRY[i].kind as usize == i, "REGISTRY out of Kind order");
        i += 1;
    }
};

impl Kind {
    /// How far inside the trim the template keeps what must not be cut or lost to an
    /// office printer's edge, in points: a card's safe area, a page's margin. For
    /// `preview --trim`, which knows the PDF, not the template.
    pub fn safe_inset(self, paper: Paper, languages: usize) -> f32 {
        match self {
            Kind::Card => card::geometry(paper).safe,
            Kind::Poster => poster::margin(paper, languages),
            Kind::Handout => handout::OFFICE.margin,
            Kind::SafetyCard => card::geometry(paper).safe,
            Kind::Tearoff => tearoff::MARGIN,
            // Both sizes keep the same distance from the cut.
            Kind::Sticker => sticker::FOUR_BY_THREE.geometry.safe,
            Kind::Notice => 36.0,
        }
    }

    /// Every kind, in registry order.
    pub const ALL: [Kind; REGISTRY.len()] = {
        let mut all = [Kind::Card; REGISTRY.len()];
        let mut i = 0;
        while i < REGISTRY.len() {
            all[i] = REGISTRY[i].kind;
            i += 1;
        }
        all
    };

    /// Its entry in the [`REGISTRY`].
    pub fn spec(self) -> &'static KindSpec {
        REGISTRY[self as usize]
    }

    /// In `--kind`, file names and messages: `card`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Whether `--paper` changes this kind (a card is always card-sized).
    pub fn uses_paper(self) -> bool {
        self.spec().uses_paper
    }

    /// Whether `--card-size` changes this kind: the wallet card and the safety card.
    pub fn card_sized(self) -> bool {
        matches!(self, Kind::Card | Kind::SafetyCard)
    }

    /// `paper` as this kind's file name, manifest row and report show it: a page kind's
    /// sheet; a card kind's size when it is not the default CR80, so `card.pdf` keeps its
    /// name, row and bytes; nothing for a kind of one size.
    pub fn shown_paper(self, paper: Paper) -> Option<Paper> {
        if self.uses_paper() {
            Some(paper)
        } else if self.card_sized() && paper == Paper::Business {
            Some(paper)
        } else {
            None
        }
    }

    /// The papers this kind is made on of those a run asks for (`--paper` and
    /// `--card-size` in one list): a page kind on each sheet asked (Letter when none), a
    /// card kind in each card size asked (CR80 when none), any other once, on the first
    /// sheet asked.
    pub fn papers_in(self, asked: &[Paper]) -> Vec<Paper> {
        let of = |card: bool, default: Paper| {
            let mut v: Vec<Paper> = Vec::new();
            for p in asked.iter().filter(|p| p.is_card() == card) {
                if !v.contains(p) {
                    v.push(*p);
                }
            }
            if v.is_empty() {
                v.push(default);
            }
            v
        };
        if self.uses_paper() {
            of(false, Paper::Letter)
        } else if self.card_sized() {
            of(true, Paper::Cr80)
        } else {
            of(false, Paper::Letter)[..1].to_vec()
        }
    }

    /// Whether it can be made in `n` languages at once.
    pub fn speaks(self, n: usize) -> bool {
        (1..=self.spec().languages).contains(&n)
    }

    /// The kinds that can be made in two languages (a notice only under a profile).
    pub fn bilingual() -> impl Iterator<Item = Kind> {
        Kind::made_by_default().filter(|k| k.speaks(2))
    }

    /// Whether it is made only under a legal profile (`--profile`): the notice.
    pub fn needs_profile(self) -> bool {
        self == Kind::Notice
    }

    /// The kinds a build or check makes when none is named: all but the notice, which
    /// needs a profile, so the default build's files stay what they were.
    pub fn made_by_default() -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(|k| !k.needs_profile())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownName::new("kind", s, Kind::ALL.map(Kind::name)))
    }
}

/// A kind or paper name this program does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`{}; the {what}s are {}", suggestion(.closest), .valid.join(", "))]
pub struct UnknownName {
    pub what: &'static str,
    pub given: String,
    pub valid: Vec<&'static str>,
    /// The valid name a typo most likely meant.
    pub closest: Option<&'static str>,
}

fn suggestion(closest: &Option<&'static str>) -> String {
    closest.map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}

impl UnknownName {
    pub fn new(
        what: &'static str,
        given: &str,
        valid: impl IntoIterator<Item = &'static str>,
    ) -> Self {
        let valid: Vec<&'static str> = valid.into_iter().collect();
        let lower = given.to_lowercase();
        // A different case or up to two letters changed: a typo, not another word.
        let closest = valid
            .iter()
            .map(|v| (edits(&lower, v), *v))
            .filter(|(d, _)| *d <= 2)
            .min_by_key(|(d, _)| *d)
            .map(|(_, v)| v);
        UnknownName {
            what,
            given: given.to_string(),
            valid,
            closest,
        }
    }
}

/// Levenshtein distance between two short names.
pub fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_kind_names_itself_and_parses_back() {
        for (i, spec) in REGISTRY.iter().enumerate() {
            assert_eq!(Kind::ALL[i], spec.kind);
            assert!(std::ptr::eq(spec.kind.spec(), *spec), "{}", spec.name);
            assert_eq!(spec.name.parse::<Kind>(), Ok(spec.kind));
            assert_eq!(spec.kind.to_string(), spec.name);
        }
    }

    #[test]
    fn an_unknown_kind_lists_the_kinds_and_suggests_the_likely_one() {
        let e = "postr".parse::<Kind>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown kind `postr` (did you mean `poster`?); the kinds are card, poster, handout, safety-card, tearoff, sticker, notice"
        );
        let e = "flyer".parse::<Kind>().unwrap_err();
        assert_eq!(e.closest, None);
        assert_eq!("Card".parse::<Kind>().unwrap_err().closest, Some("card"));
    }

    #[test]
    fn the_floors_are_the_ones_the_readme_promises() {
        // 6.5 pt on a card, 16 pt on a poster (state posting laws), QR codes of 20 mm on a
        // card and 40 mm on a one-language poster: tests measure pages against these.
        assert_eq!(Kind::Card.spec().text_floor, 6.5);
        assert_eq!(Kind::Poster.spec().text_floor, 16.0);
        assert_eq!(Kind::Card.spec().qr_min_mm, [20.0, 20.0]);
        assert_eq!(Kind::Poster.spec().qr_min_mm, [40.0, 36.0]);
    }

    #[test]
    fn papers_parse_from_their_names_only() {
        for p in Paper::ALL {
            assert_eq!(p.to_string().parse::<Paper>(), Ok(p));
        }
        let e = "A4".parse::<Paper>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown paper `A4` (did you mean `a4`?); the papers are letter, a4, tabloid, a3"
        );
    }

    #[test]
    fn only_kinds_declaring_two_languages_are_bilingual() {
        assert_eq!(
            Kind::bilingual().collect::<Vec<_>>(),
            [Kind::Card, Kind::Poster]
        );
        assert!(!Kind::Handout.speaks(2));
        assert!(Kind::Handout.speaks(1));
        assert!(!Kind::Card.speaks(3));
    }
}
