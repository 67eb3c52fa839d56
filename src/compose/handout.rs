//! Handout: two or more pages for training sessions. Everything the other kinds say,
//! with room to explain it: the four types, smuggling versus trafficking, every group of
//! signs, how to report and what to tell, and the hotline with its QR code.

use super::Setup;
use super::kinds::{Kind, KindSpec, NoticePlace};
use super::organisation::{self, Organisation};
use super::qr_block;
use super::theme::Theme;
use super::{
    Align, Block, Closing, Document, Flow, Footer, Item, MM, Paper, Rect, Role, Span, VAlign,
    bullets, contact_qr, document, l, t,
};
use crate::content::schema::EditionTexts;
use crate::content::schema::{Category, Topic};
use crate::content::{Content, Locale};
use crate::error::Error;

pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Handout,
    name: "handout",
    description: "handout, two or more pages",
    help: "Handout of two or more pages",
    uses_paper: true,
    // Its pages are poured from one language's flow of text.
    languages: 1,
    text_floor: 8.0,
    qr_min_mm: [20.0, 20.0],
    draft_notice: NoticePlace::HANDOUT,
    discreet: false,
    compose,
};

/// Where the flow goes on a page of any paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageGeometry {
    /// On every side, for office printers that cannot print to the edge.
    pub margin: f32,
    /// Kept free above the bottom margin for the page number.
    pub footer: f32,
    /// The page number's line: from this far above the bottom margin, this tall.
    pub footer_rise: f32,
    pub footer_h: f32,
}

/// Three quarters of an inch all round.
pub const OFFICE: PageGeometry = PageGeometry {
    margin: 0.75 * 72.0,
    footer: 20.0,
    footer_rise: 12.0,
    footer_h: 14.0,
};

/// Body text.
const BODY: f32 = 11.0;
/// Section headings.
const H2: f32 = 16.0;
/// Sub-headings: a point above body text, bold.
const H3: f32 = BODY + 1.0;
/// Sources and small print.
const SMALL: f32 = 8.5;
/// The title band.
const TITLE: f32 = 24.0;
const SUBTITLE: f32 = 13.0;
/// The comparison table and the lists of signs: denser than body text.
const DENSE: f32 = 10.0;
const DENSE_LEADING: f32 = 1.25;
/// The QR caption, the page number and the sources heading.
const CAPTION: f32 = 9.0;
const SOURCES_HEADING: f32 = 9.5;
/// Between sections.
const SECTION_GAP: f32 = 12.0;
/// After a section heading and a sub-heading.
const H2_AFTER: f32 = 6.0;
const H3_AFTER: f32 = 3.0;
/// After an intro or a topic, before what it introduces.
const PARA_GAP: f32 = 8.0;
/// Between the items of a list.
const ITEM_GAP: f32 = 3.0;
/// Around the comparison table, and after the groups of signs.
const TABLE_GAP: f32 = 6.0;
/// After each group of signs, and before the closing notes on reporting.
const GROUP_GAP: f32 = 4.0;
/// Inside the title band and the hotline box.
const TITLE_PADDING: f32 = 16.0;
const BOX_PADDING: f32 = 12.0;
/// Around the line on a victim's rights.
const RIGHTS_PADDING: f32 = 8.0;
/// The comparison's columns: the point compared, then smuggling and trafficking alike.
const TABLE_WIDTHS: [f32; 3] = [0.26, 0.37, 0.37];
/// Between side-by-side columns.
const COLUMN_GAP: f32 = 20.0;
/// The hotline's QR symbol, quiet zone not included.
const QR: f32 = 28.0 * MM;
/// A local line's QR symbol: smaller than the hotline's, above the kind's 20 mm minimum.
const LOCAL_QR: f32 = 24.0 * MM;
/// The hotline strip over every page: its height, the space under it, its text and the
/// smallest it may shrink to on one line.
const STRIP_H: f32 = 22.0;
const STRIP_GAP: f32 = 10.0;
const STRIP_TEXT: f32 = 10.0;
const STRIP_FLOOR: f32 = 8.0;
/// Two sheets printed on both sides at most; a longer flow is set tighter to fit.
const MAX_PAGES: usize = 4;
/// Between the ruled lines of the notes area: room to write by hand.
const NOTES_PITCH: f32 = 22.0;

/// One language only ([`SPEC`] says so; the registry refuses two before this is called).
pub fn compose(
    content: &Content,
    locales: &[&Locale],
    paper: Paper,
    setup: &Setup,
) -> Result<Document, Error> {
    match locales {
        [one] => {
            let mut doc = compose_one(content, one, paper, &OFFICE, setup)?;
            if let (Some(org), Some(flow)) = (&setup.organisation, &mut doc.flow) {
                let mut end = Vec::new();
                add_organisation(&mut flow.blocks, &mut end, org, content, one, &setup.theme);
                match &mut flow.closing {
                    Some(closing) => closing.blocks.append(&mut end),
                    None => flow.blocks.append(&mut end),
                }
            }
            Ok(doc)
        }
        _ => Err(super::unspoken(locales, Kind::Handout)),
    }
}

/// An edition's own section after the general signs: its audience's signs and, for an
/// audience with its own steps (healthcare), what to do; nothing for the general edition.
fn audience_section(locale: &Locale, setup: &Setup, theme: &Theme) -> Vec<Block> {
    let Some((name, e)) = edition_of(locale, setup) else {
        return Vec::new();
    };
    let key = |field: &str| format!("red_flags.editions.{name}.{field}");
    let h2 = theme.heading(H2).after(H2_AFTER).heading_level(2);
    let h3 = theme.heading(H3).after(H3_AFTER).heading_level(3);
    let list = theme.body(DENSE).leading(DENSE_LEADING).after(2.5);
    let mut section = vec![
        Block::para(key("heading"), t(&e.heading), h2),
        bullets(&key("items"), l(&e.items), list, theme),
        Block::Space(GROUP_GAP),
    ];
    if e.steps.is_some() {
        section.extend([
            Block::para(key("steps_heading"), t(&e.steps_heading), h3),
            bullets(&key("steps"), l(&e.steps), list, theme),
        ]);
    }
    section.push(Block::Space(TABLE_GAP));
    // A heading is never left at the foot of a page without its first signs.
    vec![Block::Keep(section)]
}

/// `setup`'s edition and its texts in `locale`; `None` for the general edition.
fn edition_of<'a>(locale: &'a Locale, setup: &'a Setup) -> Option<(&'a str, &'a EditionTexts)> {
    let name = setup.edition.as_deref()?;
    Some((name, locale.red_flags.editions.0.get(name)?))
}

/// The box the organisation's logo is fitted into, under the title band.
pub const LOGO_BOX: super::Size = super::Size::new(1.5 * 72.0, 0.6 * 72.0);
/// Between the logo and the name beside it.
const LOGO_GAP: f32 = 12.0;
/// The organisation's name beside its logo.
const ORG_NAME: f32 = 13.0;

/// The organisation on the handout: its logo with its name and web address beside it
/// under the title band, where a reader looks for who gives the sheet out, and its
/// distribution line closing the last page, under the sources (`end`).
fn add_organisation(
    blocks: &mut Vec<Block>,
    end: &mut Vec<Block>,
    org: &Organisation,
    content: &Content,
    locale: &Locale,
    theme: &Theme,
) {
    let small = organisation::small_style(SMALL, theme);
    let mut about = vec![Block::para(
        organisation::NAME_KEY,
        &org.name,
        organisation::name_style(ORG_NAME, theme),
    )];
    if let Some(web) = organisation::website(org, content) {
        about.push(Block::para(organisation::WEBSITE_KEY, &web, small));
    }
    let head = match &org.logo {
        Some(logo) => Block::Figure {
            picture: logo.clone(),
            size: LOGO_BOX,
            gap: LOGO_GAP,
            blocks: about,
            // The name beside it says what it is.
            alt: None,
        },
        None => Block::Keep(about),
    };
    // After the title band (the first block) and the space under it.
    let at = blocks.len().min(2);
    blocks.splice(at..at, [head, Block::Space(SECTION_GAP)]);
    let lines = organisation::distribution_blocks(org, &[locale.meta.tag.as_str()], small);
    if !lines.is_empty() {
        end.push(Block::Space(SECTION_GAP));
        end.extend(lines);
    }
}

/// Where the flow goes on `paper`: inside the margins, under the hotline strip, above the
/// page number.
pub fn text_area(paper: Paper, g: &PageGeometry) -> Rect {
    let size = paper.size();
    let top = g.margin + STRIP_H + STRIP_GAP;
    Rect::new(
        g.margin,
        top,
        size.w - 2.0 * g.margin,
        size.h - top - g.margin - g.footer,
    )
}

/// The content key of the hotline strip's line (its number is the hotline record's).
pub const STRIP_KEY: &str = "texts.handout.strip";

/// The hotline on every page, a band over the text: the number as its record prints it,
/// the text line and the card's note (free, confidential, 24/7), in the page's language
/// and direction. Repeated furniture: a screen reader hears it in the hotline box.
fn hotline_strip(
    content: &Content,
    locale: &Locale,
    paper: Paper,
    g: &PageGeometry,
    theme: &Theme,
) -> Vec<Item> {
    let size = paper.size();
    let band = Rect::new(g.margin, g.margin, size.w - 2.0 * g.margin, STRIP_H);
    let number = content
        .contacts
        .get("hotline")
        .map(|h| h.display.as_str())
        .unwrap_or_default();
    let card = &locale.texts.card;
    let rest = format!(
        "  \u{b7}  {}  \u{b7}  {}",
        t(&card.text_line),
        t(&card.hotline_note)
    );
    let style = theme
        .body(STRIP_TEXT)
        .color(theme.colors.brand)
        .align(Align::Center)
        .role(Role::Artifact)
        .after(0.0);
    vec![
        Item::Fill {
            rect: band,
            color: theme.colors.panel,
            radius: 3.0,
            bleeds: false,
        },
        Item::Frame {
            rect: Rect::new(band.x + 6.0, band.y, band.w - 12.0, band.h),
            blocks: vec![Block::Para {
                key: STRIP_KEY.into(),
                spans: vec![
                    Span::bold(crate::content::isolated(number)),
                    Span::plain(rest),
                ],
                style,
            }],
            valign: VAlign::Center,
            shrink_to: Some(STRIP_FLOOR),
        },
    ]
}

fn compose_one(
    content: &Content,
    locale: &Locale,
    paper: Paper,
    g: &PageGeometry,
    setup: &Setup,
) -> Result<Document, Error> {
    let theme = &setup.theme;
    let h = &locale.texts.handout;
    let size = paper.size();
    let margin = g.margin;
    let mut doc = document(locale, Kind::Handout, t(&h.title), t(&h.subtitle));

    let body = theme.body(BODY);
    let h2 = theme.heading(H2).after(H2_AFTER).heading_level(2);
    let h3 = theme.heading(H3).after(H3_AFTER).heading_level(3);
    let small = theme.body(SMALL).color(theme.colors.muted);

    let mut blocks = vec![
        Block::Panel {
            fill: theme.colors.band,
            padding: TITLE_PADDING,
            blocks: vec![
                Block::para(
                    "texts.handout.title",
                    t(&h.title),
                    theme
                        .heading(TITLE)
                        .heading_level(1)
                        .color(theme.colors.on_brand)
                        .after(6.0),
                ),
                Block::para(
                    "texts.handout.subtitle",
                    t(&h.subtitle),
                    theme.body(SUBTITLE).color(theme.colors.on_brand).after(0.0),
                ),
            ],
        },
        Block::Space(SECTION_GAP),
        Block::para("texts.handout.intro", t(&h.intro), body.after(SECTION_GAP)),
    ];

    // The scale, each figure with its source.
    let sc = &locale.scale;
    blocks.push(Block::Keep(vec![
        Block::para("scale.heading", t(&sc.heading), h2),
        // What the figures count comes before them: modern slavery is wider than trafficking.
        Block::para("scale.scope", t(&sc.scope), body.after(PARA_GAP)),
        bullets("scale.figures", l(&sc.figures), body.after(ITEM_GAP), theme),
        Block::para("scale.source", t(&sc.source), small.after(SECTION_GAP)),
    ]));

    // The four types, two by two.
    let ty = &locale.types;
    let topic = |key: &str, topic: &Topic| {
        vec![
            Block::para(format!("types.{key}.title"), t(&topic.title), h3),
            Block::para(
                format!("types.{key}.body"),
                t(&topic.body),
                body.after(PARA_GAP),
            ),
        ]
    };
    let mut left = topic("adult_labor", &ty.adult_labor);
    left.extend(topic("child_labor", &ty.child_labor));
    let mut right = topic("adult_sex", &ty.adult_sex);
    right.extend(topic("child_sex", &ty.child_sex));
    // One section: a page break inside it repeats its heading.
    blocks.push(Block::Keep(vec![
        Block::para("types.heading", t(&ty.heading), h2),
        Block::para("types.intro", t(&ty.intro), body.after(PARA_GAP)),
        Block::Columns {
            gap: COLUMN_GAP,
            cols: vec![left, right],
        },
        Block::para(
            "types.commercial_sex",
            t(&ty.commercial_sex),
            body.after(PARA_GAP),
        ),
        bullets("types.notes", l(&ty.notes), body.after(ITEM_GAP), theme),
    ]));
    blocks.push(Block::Space(SECTION_GAP));

    // Smuggling versus trafficking, as a table.
    let cmp = &locale.comparison;
    let rows = [
        &cmp.crime_against,
        &cmp.consent,
        &cmp.movement,
        &cmp.relationship,
        &cmp.profit,
        &cmp.who,
        &cmp.person,
        &cmp.crimes,
    ]
    .iter()
    .map(|r| {
        vec![
            t(&r.label).to_string(),
            t(&r.smuggling).to_string(),
            t(&r.trafficking).to_string(),
        ]
    })
    .collect();
    blocks.push(Block::Keep(vec![
        Block::para("comparison.heading", t(&cmp.heading), h2),
        Block::para("comparison.intro", t(&cmp.intro), body.after(TABLE_GAP)),
        Block::Table {
            key: "comparison".into(),
            widths: TABLE_WIDTHS.to_vec(),
            header: vec![
                t(&cmp.point).to_string(),
                t(&cmp.smuggling).to_string(),
                t(&cmp.trafficking).to_string(),
            ],
            rows,
            style: theme.body(DENSE).leading(DENSE_LEADING).after(0.0),
            header_fill: theme.colors.band,
            header_ink: theme.colors.on_brand,
            header_bold: true,
            stripe: theme.colors.stripe,
        },
        Block::Space(TABLE_GAP),
        Block::para("comparison.note", t(&cmp.note), body.after(SECTION_GAP)),
    ]));

    // Every group of signs, in two columns.
    let rf = &locale.red_flags;
    let category = |key: &str, c: &Category| {
        Block::Keep(vec![
            Block::para(format!("red_flags.{key}.title"), t(&c.title), h3),
            bullets(
                &format!("red_flags.{key}.items"),
                l(&c.items),
                theme.body(DENSE).leading(DENSE_LEADING).after(2.5),
                theme,
            ),
            Block::Space(GROUP_GAP),
        ])
    };
    let pair = |a: (&str, &Category), b: (&str, &Category)| Block::Columns {
        gap: COLUMN_GAP,
        cols: vec![vec![category(a.0, a.1)], vec![category(b.0, b.1)]],
    };
    // One section, so the signs continued on the next page come under their heading.
    blocks.push(Block::Keep(vec![
        Block::para("red_flags.heading", t(&rf.heading), h2),
        Block::para("red_flags.intro", t(&rf.intro), body.after(PARA_GAP)),
        pair(("behaviour", &rf.behaviour), ("control", &rf.control)),
        pair(("work_living", &rf.work_living), ("physical", &rf.physical)),
        pair(
            ("commercial_sex", &rf.commercial_sex),
            ("children_youth", &rf.children_youth),
        ),
    ]));
    blocks.push(Block::Space(TABLE_GAP));
    blocks.extend(audience_section(locale, setup, theme));

    // How to report.
    let rp = &locale.report;
    blocks.push(Block::Keep(vec![
        Block::para("report.heading", t(&rp.heading), h2),
        Block::para(
            "report.emergency",
            t(&rp.emergency),
            body.bold().color(theme.colors.alert),
        ),
        Block::para("report.hotline", t(&rp.hotline), body),
        Block::para("report.not_sure", t(&rp.not_sure), body),
        Block::para("report.privacy", t(&rp.privacy), body.after(PARA_GAP)),
        // Said to a victim who may be reading: set apart so it is not lost among the steps.
        Block::Panel {
            fill: theme.colors.panel,
            padding: RIGHTS_PADDING,
            blocks: vec![Block::para(
                "report.rights",
                t(&rp.rights),
                body.bold().color(theme.colors.brand).after(0.0),
            )],
        },
        Block::Space(PARA_GAP),
        Block::Keep(vec![
            Block::para("report.details_heading", t(&rp.details_heading), h3),
            bullets(
                "report.details",
                l(&rp.details),
                body.after(ITEM_GAP),
                theme,
            ),
        ]),
        Block::Space(GROUP_GAP),
        Block::para("report.photo", t(&rp.photo), body),
        Block::para(
            "report.do_not_approach",
            t(&rp.do_not_approach),
            body.bold(),
        ),
        Block::para(
            "report.name_optional",
            t(&rp.name_optional),
            body.after(SECTION_GAP),
        ),
    ]));
    // The closing blocks, kept whole at the foot of the last page: the hotline with its
    // code, the local lines, the sources.
    let mut end: Vec<Block> = Vec::new();

    // The hotline, with a code to scan.
    let code = contact_qr(content, "hotline")?;
    end.push(Block::Panel {
        fill: theme.colors.panel,
        padding: BOX_PADDING,
        blocks: vec![qr_block::beside(
            code,
            "hotline",
            QR,
            vec![Block::para(
                "texts.handout.call_qr_caption",
                t(&h.call_qr_caption),
                theme.body(CAPTION).bold().align(Align::Center).after(0.0),
            )],
            vec![
                Block::para(
                    "texts.handout.hotline_box_heading",
                    t(&h.hotline_box_heading),
                    h2,
                ),
                Block::para(
                    "texts.handout.hotline_box",
                    t(&h.hotline_box),
                    body.after(0.0),
                ),
            ],
        )],
    });
    end.push(Block::Space(SECTION_GAP));
    // The project's local lines after the national one, in a box of their own.
    let local = super::local::panel(
        content,
        &[locale],
        &super::local::PanelStyle {
            heading: h2,
            label: body,
            caption: Some(theme.body(CAPTION).bold().align(Align::Center).after(0.0)),
            pair_gap: 0.0,
            line_gap: ITEM_GAP,
            qr: LOCAL_QR,
            arrange: super::local::Arrange::Beside,
            codes: true,
        },
    )?;
    if !local.is_empty() {
        end.push(Block::Keep(vec![Block::Panel {
            fill: theme.colors.panel,
            padding: BOX_PADDING,
            blocks: local,
        }]));
        end.push(Block::Space(SECTION_GAP));
    }
    end.push(Block::Keep(vec![
        Block::para(
            "texts.handout.sources_heading",
            t(&h.sources_heading),
            theme
                .heading(SOURCES_HEADING)
                .heading_level(2)
                .color(theme.colors.muted)
                .after(2.0),
        ),
        bullets(
            "texts.handout.sources",
            l(&h.sources),
            small.after(1.5),
            theme,
        ),
    ]));
    // An edition's signs are its audience's source's, named with the others.
    if let Some((name, e)) = edition_of(locale, setup) {
        end.push(bullets(
            &format!("red_flags.editions.{name}.source"),
            std::slice::from_ref(e.source.as_ref().unwrap_or(&String::new())),
            small.after(1.5),
            theme,
        ));
    }

    doc.flow = Some(Flow {
        bleed: 0.0,
        size,
        frame: text_area(paper, g),
        items: hotline_strip(content, locale, paper, g, theme),
        continued: Some(t(&h.continued).to_string()),
        closing: Some(Closing {
            blocks: end,
            notes_heading: Block::para(
                "texts.handout.notes_heading",
                t(&h.notes_heading),
                theme.heading(H3).color(theme.colors.muted).after(0.0),
            ),
            pitch: NOTES_PITCH,
            rule: theme.colors.muted,
            rule_width: 0.5,
            // A project that asks for bigger type gets more pages, not its type undone.
            max_pages: if theme.scale > 1.0 {
                usize::MAX
            } else {
                MAX_PAGES
            },
        }),
        footer: Some(Footer {
            key: "texts.handout.page_label".into(),
            rect: Rect::new(
                margin,
                size.h - margin - g.footer_rise,
                size.w - 2.0 * margin,
                g.footer_h,
            ),
            template: t(&h.page_label).to_string(),
            style: theme
                .body(CAPTION)
                .color(theme.colors.muted)
                .align(Align::Center)
                .after(0.0),
        }),
        blocks,
    });
    Ok(doc)
}
