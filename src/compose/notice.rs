//! The notice a state's posting law asks for (`--kind notice --profile NAME`): the
//! statutory text first, at the profile's type size and never smaller, then the numbers
//! it requires as large figures with the codes the law allows as extras, then the
//! organisation's name. What the law says lives in `materials/profiles/` (read by
//! [`crate::profile`](../../profile/index.html)); this template receives it resolved, as a
//! [`Notice`] in the [`Setup`], every number already taken from its record.
//!
//! The statutory text is locked: its words are laid out as given (a paragraph per
//! paragraph, an item per item), set at [`Notice::text_pt`] with no shrinking, so a text
//! that does not fit the paper is an overflow error, never a smaller size.

use super::{
    Block, Document, Item, Kind, KindSpec, NoticePlace, Page, Paper, Rect, Setup, Span, VAlign,
    caption_of, contact_qr, l, t,
};
use crate::content::{Content, Locale, isolated};
use crate::error::Error;

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Notice,
    name: "notice",
    description: "the notice a state's posting law asks for (--profile; see list --profiles)",
    help: "A state's legal notice under --profile NAME: statutory text, required numbers",
    // The paper is the profile's.
    uses_paper: false,
    // English, Spanish and a county's language on one notice (Cal. Civ. Code § 52.6(c)).
    languages: 3,
    text_floor: 16.0,
    qr_min_mm: [20.0, 20.0],
    // Below the margin's frame: a note about the paper, not the law's text.
    draft_notice: NoticePlace::Foot {
        // Its descenders over 1/4 in above the paper's edge (an office printer's rim).
        rise: 19.0,
        height: 14.0,
        inset: MARGIN,
        size: 10.0,
        floor: 8.0,
    },
    discreet: false,
    compose,
};

/// A profile as one build prints it: its law's words in each language of the run, with
/// every contact value expanded and isolated like any placeholder's.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// `ca-civ-52.6`.
    pub profile: String,
    /// `Cal. Civ. Code § 52.6`.
    pub citation: String,
    /// The statutory text's size, in points: the profile's minimum or a project's larger.
    pub text_pt: f32,
    /// The profile's paper (its minimum size).
    pub paper: Paper,
    /// One page per language (Texas: "posted separately").
    pub separate: bool,
    /// The records printed as large figures, in order.
    pub numbers: Vec<String>,
    /// The records given a code to scan, under their figure.
    pub codes: Vec<String>,
    /// Each language's text, by tag.
    pub texts: Vec<NoticeText>,
}

/// One language's text of a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeText {
    /// The locale's tag (`es`).
    pub lang: String,
    pub body: Body,
    /// `Some("Traducción no oficial")` when the text is not the official one: the page
    /// says so in the language and in English.
    pub unofficial: Option<String>,
}

/// What a notice says in one language.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The law's own words (or an official translation the project supplied), expanded.
    Statute(Vec<Piece>),
    /// A law that names elements, not words (or whose words were not found): the locale's
    /// own reviewed texts, the poster's headline, how to get help and (`signs`) the
    /// warning signs; without them, the unofficial stand-in for a statute's words.
    OwnWords { signs: bool },
}

/// A paragraph or a list item of statutory text.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Para(String),
    Item(String),
}

impl Piece {
    pub fn text(&self) -> &str {
        match self {
            Piece::Para(s) | Piece::Item(s) => s,
        }
    }
}

/// Splits a statute as profiles write it: paragraphs apart by a blank line, `- ` starting a
/// list item, the lines of a paragraph joined by a space.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<Piece>| {
        if !para.is_empty() {
            out.push(Piece::Para(std::mem::take(para)));
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut para, &mut out);
        } else if let Some(item) = line.strip_prefix("- ") {
            flush(&mut para, &mut out);
            out.push(Piece::Item(item.trim().to_string()));
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(line);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// The page's margin: a quarter inch more than an office printer's unprintable edge.
const MARGIN: f32 = 36.0;
/// Between the statutory text of two languages, and before the numbers.
const GAP: f32 = 18.0;
/// A required number's figure: a line a reader makes out from two metres (about 8 mm
/// capitals), bold.
const FIGURE: f32 = 32.0;
/// A code to scan beside its figure, with its quiet zone, in points: about 21 mm of
/// symbol, over the kind's floor, read by a phone from arm's length, and three of them
/// still leave California's statute its 16 pt on Letter. Every code's square is this
/// wide, whatever its modules, so the figures beside them line up.
const SQUARE: f32 = 78.0;

fn compose(
    content: &Content,
    locales: &[&Locale],
    _paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    let notice = setup.notice.as_deref().ok_or(Error::NoticeNeedsProfile {
        profiles: Vec::new(),
    })?;
    let first = locales.first().ok_or(Error::NoticeNeedsProfile {
        profiles: Vec::new(),
    })?;
    let mut doc = super::document(first, Kind::Notice, &notice.citation, &notice.citation);
    for l in locales.iter().skip(1) {
        doc.langs.push(super::Lang::of(l));
        if l.meta.status == crate::content::Status::Draft {
            doc.status = crate::content::Status::Draft;
        }
    }
    doc.locale = super::pair_name(locales);
    let title = |l: &Locale| t(&l.texts.poster.headline).to_string();
    doc.title = format!("{}: {}", notice.citation, title(first));
    doc.subject = notice.citation.clone();
    let size = notice.paper.size();
    // A larger sheet than Letter (Texas's 11 x 17 in) is read from further away: its type
    // grows with its width, never under the law's size.
    let grown = Notice {
        text_pt: notice.text_pt * (size.w / Paper::Letter.size().w).max(1.0),
        ..notice.clone()
    };
    let notice = &grown;
    let sheets: Vec<Vec<usize>> = if notice.separate {
        (0..locales.len()).map(|i| vec![i]).collect()
    } else {
        vec![(0..locales.len()).collect()]
    };
    for langs in sheets {
        let mut blocks: Vec<Block> = Vec::new();
        for (n, &i) in langs.iter().enumerate() {
            let locale = locales[i];
            let text = notice.texts.iter().find(|x| x.lang == locale.meta.tag);
            let mut own = language_blocks(notice, text, locale, setup);
            if n > 0 {
                blocks.push(Block::Space(GAP));
            }
            if i > 0 {
                own = vec![Block::Lang {
                    lang: i,
                    blocks: own,
                }];
            }
            blocks.extend(own);
        }
        blocks.push(Block::Space(GAP));
        let mut tail = numbers(content, notice, setup)?;
        if let Some(org) = &setup.organisation {
            tail.push(Block::Space(GAP));
            tail.push(Block::para(
                "organisation.name",
                &org.name,
                setup.theme.body(notice.text_pt).bold().after(0.0),
            ));
        }
        // A sheet of one language speaks it throughout (Texas: each language posted
        // separately): the lines' names, proper names mostly, are set in its language.
        match langs.as_slice() {
            [only] if *only > 0 => blocks.push(Block::Lang {
                lang: *only,
                blocks: tail,
            }),
            _ => blocks.extend(tail),
        }
        doc.pages.push(Page {
            size,
            bleed: 0.0,
            items: vec![Item::Frame {
                rect: Rect::new(MARGIN, MARGIN, size.w - 2.0 * MARGIN, size.h - 2.0 * MARGIN),
                blocks,
                valign: VAlign::Top,
                // Locked: never smaller than the law's size.
                shrink_to: None,
            }],
        });
    }
    Ok(doc)
}

/// One language's part of a page: the unofficial marker when there is one, then the
/// statutory text (or the locale's own words), all at the notice's size.
fn language_blocks(
    notice: &Notice,
    text: Option<&NoticeText>,
    locale: &Locale,
    setup: &Setup,
) -> Vec<Block> {
    let theme = &setup.theme;
    let body = theme
        .body(notice.text_pt)
        .leading(1.2)
        .after(notice.text_pt * 0.4);
    let mut out = Vec::new();
    if let Some(marker) = text.and_then(|x| x.unofficial.as_deref()) {
        let line = if marker.eq_ignore_ascii_case(UNOFFICIAL) {
            UNOFFICIAL.to_string()
        } else {
            format!("{marker} · {UNOFFICIAL}")
        };
        out.push(Block::para(
            UNOFFICIAL_KEY,
            &line,
            body.bold().color(theme.colors.alert),
        ));
    }
    match text.map(|x| &x.body) {
        Some(Body::Statute(pieces)) => {
            let key = format!("profiles.{}.text.{}", notice.profile, locale.meta.tag);
            let mut items: Vec<String> = Vec::new();
            let flush = |items: &mut Vec<String>, out: &mut Vec<Block>| {
                if !items.is_empty() {
                    out.push(Block::Bullets {
                        key: key.clone(),
                        items: std::mem::take(items)
                            .into_iter()
                            .map(|s| vec![Span::plain(s)])
                            .collect(),
                        style: body,
                        bullet: theme.colors.brand,
                        glyph: theme.bullet.into(),
                    });
                }
            };
            for piece in pieces {
                match piece {
                    Piece::Para(s) => {
                        flush(&mut items, &mut out);
                        out.push(Block::para(key.clone(), s, body));
                    }
                    Piece::Item(s) => items.push(s.clone()),
                }
            }
            flush(&mut items, &mut out);
        }
        Some(Body::OwnWords { signs }) => out.extend(own_words(notice, locale, setup, *signs)),
        None => out.extend(own_words(notice, locale, setup, true)),
    }
    out
}

/// The English half of the unofficial marker, after the language's own words.
pub const UNOFFICIAL: &str = "Unofficial translation";
/// The content key the marker is laid out under.
pub const UNOFFICIAL_KEY: &str = "notice.unofficial";

/// A law that names what a notice must hold, not its words: the locale's reviewed texts
/// that hold it (the poster's headline and subhead, its warning signs, how to get help),
/// at the notice's size.
fn own_words(notice: &Notice, locale: &Locale, setup: &Setup, with_signs: bool) -> Vec<Block> {
    let theme = &setup.theme;
    let p = &locale.texts.poster;
    let size = notice.text_pt;
    let body = theme.body(size).leading(1.2).after(size * 0.4);
    let heading = theme
        .heading(size * 1.25)
        .heading_level(2)
        .after(size * 0.4);
    let (signs_key, signs) = super::signs(locale, setup, super::Signs::Poster);
    let mut out = vec![
        Block::para("texts.poster.headline", t(&p.headline), heading),
        Block::para("texts.poster.subhead", t(&p.subhead), body),
    ];
    if with_signs {
        out.push(Block::para(
            "texts.poster.flags_heading",
            t(&p.flags_heading),
            body.bold().after(size * 0.2),
        ));
        out.push(super::bullets(&signs_key, signs, body, theme));
    }
    out.push(Block::para(
        "texts.poster.report_heading",
        t(&p.report_heading),
        body.bold().after(size * 0.2),
    ));
    out.push(super::bullets(
        "texts.poster.report_steps",
        l(&p.report_steps),
        body,
        theme,
    ));
    out
}

/// The required numbers: each record's name, then its figure, large; a code to scan
/// beside it where the profile allows one.
fn numbers(content: &Content, notice: &Notice, setup: &Setup) -> Result<Vec<Block>, Error> {
    let theme = &setup.theme;
    let label = theme.body(notice.text_pt).after(0.0);
    let figure = theme
        .body(FIGURE.max(2.0 * notice.text_pt))
        .bold()
        .color(theme.colors.brand)
        .after(0.0);
    let mut out = Vec::new();
    for key in &notice.numbers {
        let Some(contact) = content.contacts.get(key) else {
            continue;
        };
        let coded = notice.codes.iter().any(|c| c == key);
        let mut big = Block::para(
            format!("contacts.{key}"),
            &isolated(&contact.display),
            if contact.kind == crate::content::contacts::ContactKind::Web {
                theme.body(notice.text_pt * 1.25).bold().after(0.0)
            } else {
                figure
            },
        );
        if coded {
            // The figure speaks for its code: the read-back holds the two to one record.
            big = caption_of(key, vec![big]);
        }
        let name = Block::para(format!("contacts.{key}.name"), &contact.name, label);
        if coded {
            // The code beside its figure, in the numbers under the statutory text: never
            // inside the law's words.
            let code = contact_qr(content, key)?;
            // The symbol and its four-module quiet zone on either side fill the square.
            let quiet = 2.0 * crate::qr::QUIET_ZONE as f32;
            let size = SQUARE / (1.0 + quiet / code.width as f32);
            out.push(Block::QrBeside {
                code,
                contact: key.clone(),
                size,
                caption: Box::new(Block::Space(0.0)),
                blocks: vec![name, big],
            });
        } else {
            out.push(name);
            out.push(big);
        }
        out.push(Block::Space(notice.text_pt * 0.5));
    }
    // Nothing follows the last number.
    if matches!(out.last(), Some(Block::Space(_))) {
        out.pop();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statute_splits_into_its_paragraphs_and_items() {
        let p = pieces("\nOne line\nand more.\n\nThe list:\n- a.\n- b.\n");
        assert_eq!(
            p,
            vec![
                Piece::Para("One line and more.".into()),
                Piece::Para("The list:".into()),
                Piece::Item("a.".into()),
                Piece::Item("b.".into()),
            ]
        );
    }
}
