//! Handout: two or more pages for training sessions. Everything the other kinds say,
//! with room to explain it: the four types, smuggling versus trafficking, every group of
//! signs, how to report and what to tell, and the hotline with its QR code.

use super::{
    Align, Block, Document, Flow, Footer, Kind, MM, Paper, Rect, Rgb, TextStyle, bullets,
    caption_of, contact_qr, document, l, t,
};
use crate::content::schema::{Category, Topic};
use crate::content::{Content, Locale};
use crate::error::Error;

const BODY: f32 = 11.0;
const H2: f32 = 16.0;

pub fn compose(content: &Content, locale: &Locale, paper: Paper) -> Result<Document, Error> {
    let h = &locale.texts.handout;
    let size = paper.size();
    let margin = 0.75 * 72.0;
    let footer_h = 20.0;
    let mut doc = document(locale, Kind::Handout, t(&h.title), t(&h.subtitle));

    let body = TextStyle::body(BODY);
    let h2 = TextStyle::heading(H2).after(6.0);
    let h3 = TextStyle::heading(BODY + 1.0).after(3.0);
    let small = TextStyle::body(8.5).color(Rgb::MUTED);

    let mut blocks = vec![
        Block::Panel {
            fill: Rgb::NAVY,
            padding: 16.0,
            blocks: vec![
                Block::para(
                    "texts.handout.title",
                    t(&h.title),
                    TextStyle::heading(24.0).color(Rgb::WHITE).after(6.0),
                ),
                Block::para(
                    "texts.handout.subtitle",
                    t(&h.subtitle),
                    TextStyle::body(13.0).color(Rgb::WHITE).after(0.0),
                ),
            ],
        },
        Block::Space(12.0),
        Block::para("texts.handout.intro", t(&h.intro), body.after(12.0)),
    ];

    // The scale, each figure with its source.
    let sc = &locale.scale;
    blocks.push(Block::Keep(vec![
        Block::para("scale.heading", t(&sc.heading), h2),
        bullets("scale.figures", l(&sc.figures), body.after(3.0)),
        Block::para("scale.source", t(&sc.source), small.after(12.0)),
    ]));

    // The four types, two by two.
    let ty = &locale.types;
    let topic = |key: &str, topic: &Topic| {
        vec![
            Block::para(format!("types.{key}.title"), t(&topic.title), h3),
            Block::para(format!("types.{key}.body"), t(&topic.body), body.after(8.0)),
        ]
    };
    let mut left = topic("adult_labor", &ty.adult_labor);
    left.extend(topic("child_labor", &ty.child_labor));
    let mut right = topic("adult_sex", &ty.adult_sex);
    right.extend(topic("child_sex", &ty.child_sex));
    // A heading stays with what it introduces; the rest may move to the next page.
    blocks.push(Block::Keep(vec![
        Block::para("types.heading", t(&ty.heading), h2),
        Block::para("types.intro", t(&ty.intro), body.after(8.0)),
        Block::Columns {
            gap: 20.0,
            cols: vec![left, right],
        },
    ]));
    blocks.push(bullets("types.notes", l(&ty.notes), body.after(3.0)));
    blocks.push(Block::Space(12.0));

    // Smuggling versus trafficking, as a table.
    let cmp = &locale.comparison;
    let rows = [
        &cmp.crime_against,
        &cmp.consent,
        &cmp.movement,
        &cmp.relationship,
        &cmp.profit,
        &cmp.who,
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
        Block::para("comparison.intro", t(&cmp.intro), body.after(6.0)),
        Block::Table {
            key: "comparison".into(),
            widths: vec![0.26, 0.37, 0.37],
            header: vec![
                t(&cmp.point).to_string(),
                t(&cmp.smuggling).to_string(),
                t(&cmp.trafficking).to_string(),
            ],
            rows,
            style: TextStyle::body(10.0).leading(1.25).after(0.0),
            header_fill: Rgb::NAVY,
            header_ink: Rgb::WHITE,
            header_bold: true,
            stripe: Rgb::STRIPE,
        },
        Block::Space(6.0),
        Block::para("comparison.note", t(&cmp.note), body.after(12.0)),
    ]));

    // Every group of signs, in two columns.
    let rf = &locale.red_flags;
    let category = |key: &str, c: &Category| {
        Block::Keep(vec![
            Block::para(format!("red_flags.{key}.title"), t(&c.title), h3),
            bullets(
                &format!("red_flags.{key}.items"),
                l(&c.items),
                TextStyle::body(10.0).leading(1.25).after(2.5),
            ),
            Block::Space(4.0),
        ])
    };
    let pair = |a: (&str, &Category), b: (&str, &Category)| Block::Columns {
        gap: 20.0,
        cols: vec![vec![category(a.0, a.1)], vec![category(b.0, b.1)]],
    };
    blocks.push(Block::Keep(vec![
        Block::para("red_flags.heading", t(&rf.heading), h2),
        Block::para("red_flags.intro", t(&rf.intro), body.after(8.0)),
        pair(("behaviour", &rf.behaviour), ("control", &rf.control)),
    ]));
    blocks.push(pair(
        ("work_living", &rf.work_living),
        ("physical", &rf.physical),
    ));
    blocks.push(pair(
        ("commercial_sex", &rf.commercial_sex),
        ("children_youth", &rf.children_youth),
    ));
    blocks.push(Block::Space(6.0));

    // How to report.
    let rp = &locale.report;
    blocks.push(Block::Keep(vec![
        Block::para("report.heading", t(&rp.heading), h2),
        Block::para(
            "report.emergency",
            t(&rp.emergency),
            body.bold().color(Rgb::ALERT),
        ),
        Block::para("report.hotline", t(&rp.hotline), body),
    ]));
    blocks.push(Block::Keep(vec![
        Block::para("report.details_heading", t(&rp.details_heading), h3),
        bullets("report.details", l(&rp.details), body.after(3.0)),
    ]));
    blocks.push(Block::Space(4.0));
    blocks.push(Block::para("report.photo", t(&rp.photo), body));
    blocks.push(Block::para(
        "report.do_not_approach",
        t(&rp.do_not_approach),
        body.bold(),
    ));
    blocks.push(Block::para(
        "report.name_optional",
        t(&rp.name_optional),
        body.after(12.0),
    ));

    // The hotline, with a code to scan.
    let code = contact_qr(content, "hotline")?;
    blocks.push(Block::Panel {
        fill: Rgb::PANEL,
        padding: 12.0,
        blocks: vec![Block::QrBeside {
            code,
            contact: "hotline".into(),
            size: 28.0 * MM,
            caption: Box::new(caption_of(
                "hotline",
                vec![Block::para(
                    "texts.handout.call_qr_caption",
                    t(&h.call_qr_caption),
                    TextStyle::body(9.0).bold().align(Align::Center).after(0.0),
                )],
            )),
            blocks: vec![
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
        }],
    });
    blocks.push(Block::Space(12.0));
    blocks.push(Block::Keep(vec![
        Block::para(
            "texts.handout.sources_heading",
            t(&h.sources_heading),
            TextStyle::heading(9.5).color(Rgb::MUTED).after(2.0),
        ),
        bullets("texts.handout.sources", l(&h.sources), small.after(1.5)),
    ]));

    doc.flow = Some(Flow {
        size,
        frame: Rect::new(
            margin,
            margin,
            size.w - 2.0 * margin,
            size.h - 2.0 * margin - footer_h,
        ),
        items: Vec::new(),
        footer: Some(Footer {
            key: "texts.handout.page_label".into(),
            rect: Rect::new(margin, size.h - margin - 12.0, size.w - 2.0 * margin, 14.0),
            template: t(&h.page_label).to_string(),
            style: TextStyle::body(9.0)
                .color(Rgb::MUTED)
                .align(Align::Center)
                .after(0.0),
        }),
        blocks,
    });
    Ok(doc)
}
