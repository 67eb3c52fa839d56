//! The structure a screen reader follows (PDF/UA-1), read back from the PDFs of every
//! bundled locale: the title line is an H1 and sections H2; lists are L/LI/Lbl/LBody;
//! the handout's comparison is a table with column and row headers; the QR codes are
//! figures that say in the document's language what they do; page numbers are artifacts;
//! and the tree reads in the order the page is seen, pairs and right-to-left included.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::cli::bp;
use common::pdf;
use common::structure::{Element, display_doc_title, outline, structure};

/// The default build of every bundled locale, and the en+es and ar+en pairs, made once.
fn built() -> &'static PathBuf {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("output");
        bp().args(["build"]).out(&out).passes();
        for pair in ["en+es", "ar+en"] {
            bp().args(["build", "--locale", pair]).out(&out).passes();
        }
        (dir, out)
    });
    out
}

fn content() -> &'static bridgeprint::Content {
    static CONTENT: OnceLock<bridgeprint::Content> = OnceLock::new();
    CONTENT.get_or_init(|| {
        bridgeprint::content::load(Path::new("materials")).expect("bundled materials load")
    })
}

fn tags() -> Vec<String> {
    content()
        .locales
        .iter()
        .map(|l| l.meta.tag.clone())
        .collect()
}

fn read(locale: &str, file: &str) -> Vec<u8> {
    let path = built().join(locale).join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every single-language document: (locale, file, bytes).
fn documents() -> Vec<(String, &'static str, Vec<u8>)> {
    let mut out = Vec::new();
    for tag in tags() {
        for file in ["card.pdf", "poster.pdf", "handout.pdf"] {
            out.push((tag.clone(), file, read(&tag, file)));
        }
    }
    out
}

/// The language a locale's `texts.document.<key>` is in: its own, or English's while it
/// falls back to English for it.
fn alt_lang<'a>(locale: &'a str, key: &str) -> &'a str {
    let l = content().locale(locale).expect("a bundled locale");
    let key = format!("texts.document.{key}");
    if l.fell_back.contains(&key) {
        "en"
    } else {
        locale
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Where `e` stands in reading order.
fn position(order: &[&Element], e: &Element) -> usize {
    order
        .iter()
        .position(|x| std::ptr::eq(*x, e))
        .expect("the element is in the tree")
}

/// The first paragraph that holds the hotline's number in digits.
fn number_paragraph<'a>(order: &[&'a Element]) -> Option<&'a Element> {
    order
        .iter()
        .find(|e| e.role == "P" && digits(&e.text()).contains("18883737888"))
        .copied()
}

#[test]
fn every_document_opens_with_its_title_line_as_h1_before_the_number_and_has_section_headings() {
    for (locale, file, bytes) in documents() {
        let root = structure(&bytes);
        let order = root.walk();
        let what = format!("{locale}/{file}");
        let first_text = order
            .iter()
            .find(|e| !e.text().trim().is_empty() && e.kids().next().is_none())
            .unwrap_or_else(|| panic!("{what}: no text in the structure tree"));
        assert_eq!(
            first_text.role, "H1",
            "{what}: the first thing read is not the H1"
        );
        let h1 = root.all("H1");
        assert!(
            h1.iter()
                .all(|h| h.title.as_deref().is_some_and(|t| !t.trim().is_empty())),
            "{what}: an H1 without its title: {h1:?}"
        );
        assert!(
            !root.all("H2").is_empty(),
            "{what}: no section heading (H2)"
        );
        let number = number_paragraph(&order)
            .unwrap_or_else(|| panic!("{what}: no paragraph holds the hotline's number"));
        assert!(
            position(&order, h1[0]) < position(&order, number),
            "{what}: the number is read before the title line"
        );
        assert_eq!(
            display_doc_title(&bytes),
            Some(true),
            "{what}: viewers show the file name"
        );
        // The outline viewers show beside the page: the title line, its sections under it.
        let h2: Vec<String> = root
            .all("H2")
            .iter()
            .filter_map(|h| h.title.clone())
            .collect();
        let listed = outline(&bytes);
        let top = listed.first().map(|(t, _)| t.as_str());
        assert_eq!(
            top,
            h1[0].title.as_deref(),
            "{what}: the outline's first entry"
        );
        let sections: Vec<String> = listed.iter().flat_map(|(_, kids)| kids.clone()).collect();
        assert!(
            h2.iter().all(|t| sections.contains(t)),
            "{what}: {sections:?} lacks {h2:?}"
        );
        let claims_ua = bytes
            .windows(b"<pdfuaid:part>1</pdfuaid:part>".len())
            .any(|w| w == b"<pdfuaid:part>1</pdfuaid:part>");
        assert!(
            claims_ua,
            "{what}: no PDF/UA-1 identification in its metadata"
        );
    }
}

#[test]
fn lists_are_items_each_with_its_bullet_as_label_and_its_text_as_body_read_down_the_page() {
    for (locale, file, bytes) in documents() {
        let root = structure(&bytes);
        let what = format!("{locale}/{file}");
        let lists = root.all("L");
        assert!(!lists.is_empty(), "{what}: no list (L)");
        for list in lists {
            let items: Vec<&Element> = list.kids().collect();
            assert!(
                !items.is_empty() && items.iter().all(|i| i.role == "LI"),
                "{what}: a list holds something else than items: {:?}",
                items.iter().map(|i| &i.role).collect::<Vec<_>>()
            );
            let mut last_at = (0, f64::NEG_INFINITY);
            for item in items {
                let parts: Vec<&Element> = item.kids().collect();
                let roles: Vec<&str> = parts.iter().map(|p| p.role.as_str()).collect();
                assert_eq!(roles, ["Lbl", "LBody"], "{what}: an item's parts");
                assert_eq!(
                    parts[0].text().trim(),
                    "\u{2022}",
                    "{what}: the label is the bullet"
                );
                assert!(
                    !parts[1].text().trim().is_empty(),
                    "{what}: an empty item body"
                );
                // A list a page break cuts through goes on at the top of the next page.
                let (page, (_, y)) = item.first_at().expect("an item is drawn");
                let at = (page, y);
                assert!(
                    at > last_at,
                    "{what}: a list's items are not read top to bottom, page by page"
                );
                last_at = at;
            }
        }
    }
}

#[test]
fn the_handout_comparison_is_a_table_whose_header_row_heads_columns_and_first_cells_head_rows() {
    for tag in tags() {
        let root = structure(&read(&tag, "handout.pdf"));
        let tables = root.all("Table");
        assert_eq!(tables.len(), 1, "{tag}: one table, the comparison");
        let rows: Vec<&Element> = tables[0].kids().collect();
        assert!(
            rows.len() >= 2 && rows.iter().all(|r| r.role == "TR"),
            "{tag}: rows"
        );
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<(&str, Option<&str>)> = row
                .kids()
                .map(|c| (c.role.as_str(), c.scope.as_deref()))
                .collect();
            let want: Vec<(&str, Option<&str>)> = if r == 0 {
                vec![("TH", Some("Column")); 3]
            } else {
                vec![("TH", Some("Row")), ("TD", None), ("TD", None)]
            };
            assert_eq!(cells, want, "{tag}: row {r} of the comparison");
            assert!(
                row.kids().all(|c| !c.text().trim().is_empty()),
                "{tag}: an empty cell"
            );
        }
        let order = root.walk();
        let first = |role: &str| order.iter().position(|e| e.role == role);
        assert!(
            first("TH") < first("TD"),
            "{tag}: a data cell is read before the headers"
        );
    }
}

#[test]
fn each_qr_code_is_a_figure_saying_in_the_documents_language_what_it_dials_over_its_symbol() {
    for (locale, file, bytes) in documents() {
        let what = format!("{locale}/{file}");
        let texts = &content()
            .locale(&locale)
            .expect("a bundled locale")
            .texts
            .document;
        let expect = |text: &Option<String>| {
            bridgeprint::compose::without_isolates(text.as_deref().unwrap_or_default())
        };
        let (call, sms) = (expect(&texts.call_qr_alt), expect(&texts.text_qr_alt));
        assert!(
            digits(&call).contains("18883737888"),
            "{locale}: call_qr_alt: {call}"
        );
        assert!(
            digits(&sms).contains("233733"),
            "{locale}: text_qr_alt: {sms}"
        );
        let root = structure(&bytes);
        let figures = root.all("Figure");
        let alts: Vec<&str> = figures.iter().filter_map(|f| f.alt.as_deref()).collect();
        let want: Vec<&str> = match file {
            "handout.pdf" => vec![&call],
            _ => vec![&call, &sms],
        };
        assert_eq!(alts, want, "{what}: the QR codes' alternative texts");
        for (f, key) in figures.into_iter().zip(["call_qr_alt", "text_qr_alt"]) {
            assert_eq!(
                f.lang.as_deref(),
                Some(alt_lang(&locale, key)),
                "{what}: the language {key} is in"
            );
            let [x0, y0, x1, y1] = f
                .bbox
                .unwrap_or_else(|| panic!("{what}: a figure without BBox"));
            let (w, h) = (x1 - x0, y1 - y0);
            // The symbol, not its quiet zone or caption: square, and at least the 20 mm
            // every kind asks of a code.
            assert!(
                (w - h).abs() < 0.5 && w > 56.0,
                "{what}: figure box {w} x {h}"
            );
        }
    }
}

#[test]
fn page_numbers_are_artifacts_and_every_other_glyph_is_in_the_structure() {
    for (locale, file, bytes) in documents() {
        let what = format!("{locale}/{file}");
        for (p, glyphs) in pdf::page_glyphs(&bytes).iter().enumerate() {
            let untagged: String = glyphs
                .iter()
                .filter(|g| !g.artifact && g.mcid.is_none())
                .map(|g| g.text.as_str())
                .collect();
            assert!(
                untagged.is_empty(),
                "{what} page {}: untagged text {untagged:?}",
                p + 1
            );
            if file == "handout.pdf" {
                // The page number is furniture, and so is everything below it (a draft's
                // notice): the lowest line that holds this page's number and the lines under it.
                let mut lines: Vec<f64> = glyphs.iter().map(|g| g.line_y).collect();
                lines.sort_by(|a, b| b.total_cmp(a));
                lines.dedup();
                let line_text = |y: f64| -> String {
                    glyphs
                        .iter()
                        .filter(|g| g.line_y == y)
                        .map(|g| g.text.as_str())
                        .collect()
                };
                let number_line = lines
                    .iter()
                    .copied()
                    .find(|&y| digits(&line_text(y)).contains(&(p + 1).to_string()));
                let Some(number_line) = number_line else {
                    panic!("{what} page {}: no line holds the page number", p + 1);
                };
                let footer: Vec<_> = glyphs.iter().filter(|g| g.line_y >= number_line).collect();
                let number: String = footer.iter().map(|g| g.text.as_str()).collect();
                assert!(
                    footer.iter().all(|g| g.artifact),
                    "{what} page {}: the page number or what lies below it {number:?} is not an artifact",
                    p + 1
                );
            }
        }
    }
}

#[test]
fn a_pair_reads_the_main_languages_title_then_the_seconds_then_the_number_ltr_and_rtl() {
    for (pair, first, second) in [("en+es", "en", "es"), ("ar+en", "ar", "en")] {
        for file in ["poster.pdf", "card.pdf"] {
            let what = format!("{pair}/{file}");
            let root = structure(&read(pair, file));
            let order = root.walk();
            let h1: Vec<&Element> = root.all("H1");
            let langs: Vec<Option<&str>> = h1.iter().map(|h| h.lang.as_deref()).collect();
            assert_eq!(
                langs,
                [Some(first), Some(second)],
                "{what}: the title lines"
            );
            let number = number_paragraph(&order).expect("the number is read");
            assert!(
                position(&order, h1[1]) < position(&order, number),
                "{what}: the number is read before the second title line"
            );
            let figure_langs: Vec<Option<&str>> = root
                .all("Figure")
                .iter()
                .map(|f| f.lang.as_deref())
                .collect();
            let main = alt_lang(first, "call_qr_alt");
            assert!(
                !figure_langs.is_empty() && figure_langs.iter().all(|l| *l == Some(main)),
                "{what}: QR codes speak the main language: {figure_langs:?}"
            );
        }
    }
}

/// The characters of `s` a reader hears, sorted: lines and right-to-left runs come back
/// from the page in visual order, so the order inside a paragraph is not compared.
fn letters(s: &str) -> Vec<char> {
    let mut out: Vec<char> = bridgeprint::compose::without_isolates(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    out.sort_unstable();
    out
}

#[test]
fn each_qr_code_is_read_just_before_its_caption_as_the_eye_meets_them() {
    for (locale, file, bytes) in documents() {
        let what = format!("{locale}/{file}");
        let texts = &content().locale(&locale).expect("a bundled locale").texts;
        let t = |s: &Option<String>| s.clone().unwrap_or_default();
        let captions = match file {
            "card.pdf" => vec![
                t(&texts.card.call_qr_caption),
                t(&texts.card.text_qr_caption),
            ],
            "poster.pdf" => vec![
                t(&texts.poster.call_qr_caption),
                t(&texts.poster.text_qr_caption),
            ],
            _ => vec![t(&texts.handout.call_qr_caption)],
        };
        let root = structure(&bytes);
        let order = root.walk();
        let figures = root.all("Figure");
        assert_eq!(figures.len(), captions.len(), "{what}: QR figures");
        for (figure, caption) in figures.into_iter().zip(captions) {
            let next = order[position(&order, figure) + 1..]
                .iter()
                .find(|e| e.role == "P")
                .unwrap_or_else(|| panic!("{what}: nothing is read after a QR code"));
            assert_eq!(
                letters(&next.text()),
                letters(&caption),
                "{what}: after the code comes {:?}, not its caption {caption:?}",
                next.text()
            );
        }
    }
}

#[test]
fn a_link_over_the_printed_number_holds_the_number_inside_its_paragraph() {
    use bridgeprint::compose::{Block, Rect, TextStyle};
    use bridgeprint::layout::Elem;

    let mut laid = one_frame(vec![
        Block::para("intro", "Call the hotline", TextStyle::body(12.0)),
        Block::para("number", "1-888-373-7888", TextStyle::heading(20.0)),
    ]);
    // A link over the number's run, as layout puts one after the text it covers.
    let page = &mut laid.pages[0];
    let number = page
        .elems
        .iter()
        .find_map(|e| match e {
            Elem::Glyphs(run) if run.logical_text().contains("888") => Some(run.clone()),
            _ => None,
        })
        .expect("the number is laid out");
    let width: f32 = number.glyphs.iter().map(|g| g.advance).sum();
    page.elems.push(Elem::Link {
        rect: Rect::new(number.x, number.y - number.size * 0.8, width, number.size),
        uri: "tel:+18883737888".into(),
    });
    let root = structure(&written(&laid));
    let paragraphs = root.all("P");
    let kinds: Vec<Vec<&str>> = paragraphs
        .iter()
        .map(|p| p.kids().map(|k| k.role.as_str()).collect())
        .collect();
    assert_eq!(
        kinds,
        [vec![], vec!["Link"]],
        "the link sits in the number's paragraph"
    );
    let link = paragraphs[1].kids().next().expect("the link");
    assert_eq!(
        digits(&link.text()),
        "18883737888",
        "the link holds the number"
    );
    assert!(
        link.items
            .iter()
            .any(|i| matches!(i, common::structure::Item::Annotation)),
        "the link holds its annotation"
    );
}

/// One page holding `blocks` in one frame, laid out in English.
fn one_frame(blocks: Vec<bridgeprint::compose::Block>) -> bridgeprint::layout::LaidDocument {
    use bridgeprint::compose::{Document, Item, Kind, Lang, Page, Rect, Size, VAlign};
    use bridgeprint::types::Direction;
    let doc = Document {
        kind: Kind::Poster,
        paper: None,
        locale: "en".into(),
        direction: Direction::Ltr,
        status: bridgeprint::content::Status::Reviewed,
        langs: vec![Lang {
            tag: "en".into(),
            direction: Direction::Ltr,
            fonts: Vec::new(),
        }],
        title: "Structure".into(),
        subject: "test".into(),
        slug: 0.0,
        marks: None,
        qr_alt: Vec::new(),
        pages: vec![Page {
            size: Size::new(400.0, 200.0),
            bleed: 0.0,
            items: vec![Item::Frame {
                rect: Rect::new(20.0, 20.0, 300.0, 160.0),
                blocks,
                valign: VAlign::Top,
                shrink_to: None,
            }],
        }],
        flow: None,
    };
    bridgeprint::layout::layout(&doc, &mut bridgeprint::layout::Fonts::new()).expect("lays out")
}

/// The PDF of `laid`, which krilla's PDF/UA-1 validator lets through.
fn written(laid: &bridgeprint::layout::LaidDocument) -> Vec<u8> {
    use bridgeprint::render::{PdfFonts, PdfOptions, pdf};
    let options = PdfOptions {
        epoch: None,
        fonts: &PdfFonts::default(),
        output: Default::default(),
        cmyk: bridgeprint::compose::theme::cmyk,
    };
    pdf(laid, &options).expect("writes under PDF/UA-1")
}

#[test]
fn the_draft_notice_is_a_slug_a_screen_reader_skips_whichever_template_prints_it() {
    use bridgeprint::compose::{Block, TextStyle};
    let laid = one_frame(vec![
        Block::para("texts.poster.subhead", "Free help", TextStyle::body(12.0)),
        Block::para(
            "texts.document.draft_notice",
            "Draft translation, not yet reviewed",
            TextStyle::body(8.0),
        ),
    ]);
    let bytes = written(&laid);
    let glyphs = &pdf::page_glyphs(&bytes)[0];
    let text = |artifact: bool| -> String {
        glyphs
            .iter()
            .filter(|g| g.artifact == artifact)
            .map(|g| g.text.as_str())
            .filter(|t| !t.trim().is_empty())
            .collect()
    };
    assert_eq!(text(true), "Drafttranslation,notyetreviewed");
    assert_eq!(text(false), "Freehelp");
    assert_eq!(
        structure(&bytes).all("P").len(),
        1,
        "only the subhead is read"
    );
}

#[test]
fn the_hotline_panel_is_one_section_holding_the_number_on_the_card_and_poster_and_the_code_on_the_handout()
 {
    for tag in tags() {
        for (file, holds) in [
            ("card.pdf", "P"),
            ("poster.pdf", "P"),
            ("handout.pdf", "Figure"),
        ] {
            let root = structure(&read(&tag, file));
            let sections = root.all("Sect");
            assert_eq!(sections.len(), 1, "{tag}/{file}: one hotline panel");
            let inside = sections[0].walk();
            let found = match holds {
                "P" => number_paragraph(&inside).is_some(),
                _ => inside.iter().any(|e| e.role == "Figure"),
            };
            assert!(found, "{tag}/{file}: the hotline panel lacks its {holds}");
        }
    }
}

/// The pages `e`'s content is drawn on.
fn pages_of(e: &Element) -> std::collections::BTreeSet<usize> {
    use common::structure::Item;
    let mut out = std::collections::BTreeSet::new();
    for item in &e.items {
        match item {
            Item::Content { page, .. } => {
                out.insert(*page);
            }
            Item::Element(kid) => out.extend(pages_of(kid)),
            Item::Annotation => {}
        }
    }
    out
}

/// Every run a page draws, in groups too.
fn runs(elems: &[bridgeprint::layout::Elem]) -> Vec<&bridgeprint::layout::GlyphRun> {
    use bridgeprint::layout::Elem;
    let mut out = Vec::new();
    for e in elems {
        match e {
            Elem::Glyphs(run) => out.push(run),
            Elem::Group { elems, .. } => out.extend(runs(elems)),
            _ => {}
        }
    }
    out
}

#[test]
fn a_list_table_or_paragraph_a_page_break_cuts_through_is_one_element_of_the_tree() {
    use bridgeprint::compose::Role;
    use bridgeprint::layout::ContainerKind;
    use std::collections::{BTreeSet, HashMap};
    let mut engine = bridgeprint::Engine::new();
    let mut split = 0;
    for locale in &content().locales {
        let tag = &locale.meta.tag;
        for paper in [bridgeprint::Paper::Letter, bridgeprint::Paper::A4] {
            let laid = engine
                .lay_out(content(), &[locale], bridgeprint::Kind::Handout, paper)
                .expect("lays out");
            // What layout made, each by its identity, and the pages it lies on: lists,
            // items, tables and rows by their container, paragraphs by their text.
            let mut made: HashMap<(&str, usize), BTreeSet<usize>> = HashMap::new();
            for (page, p) in laid.pages.iter().enumerate() {
                // A repeated header row or heading is furniture: a reader heard it once.
                for run in runs(&p.elems)
                    .into_iter()
                    .filter(|r| r.role != Role::Artifact)
                {
                    for c in run.path.iter() {
                        let role = match c.kind {
                            ContainerKind::List => "L",
                            ContainerKind::ListItem => "LI",
                            ContainerKind::Table => "Table",
                            ContainerKind::Row => "TR",
                            _ => continue,
                        };
                        made.entry((role, c.id as usize)).or_default().insert(page);
                    }
                    let in_cell = run.path.last().is_some_and(|c| {
                        matches!(
                            c.kind,
                            ContainerKind::Label
                                | ContainerKind::ListBody
                                | ContainerKind::Header(_)
                                | ContainerKind::Cell
                        )
                    });
                    if run.role == Role::Paragraph && !in_cell {
                        made.entry(("P", run.text.as_ptr() as usize))
                            .or_default()
                            .insert(page);
                    }
                }
            }
            let root = structure(&written(&laid));
            for role in ["L", "LI", "Table", "TR", "P"] {
                let laid_out: Vec<&BTreeSet<usize>> = made
                    .iter()
                    .filter(|(k, _)| k.0 == role)
                    .map(|(_, pages)| pages)
                    .collect();
                let across = laid_out.iter().filter(|p| p.len() > 1).count();
                let tree = root.all(role);
                let tree_across = tree.iter().filter(|e| pages_of(e).len() > 1).count();
                assert_eq!(
                    (tree.len(), tree_across),
                    (laid_out.len(), across),
                    "{tag} {paper:?}: {role}: (in the tree, of them over two pages) against \
                     (laid out, of them over two pages)"
                );
                split += across;
            }
        }
    }
    assert!(
        split > 0,
        "no handout breaks a list, table or paragraph across pages"
    );
}

#[test]
fn a_paragraph_and_a_table_poured_over_pages_are_one_p_and_one_table_its_header_read_once() {
    use bridgeprint::compose::{Block, Document, Flow, Kind, Lang, Rect, Size, TextStyle};
    use bridgeprint::types::{Direction, Rgb};
    let style = TextStyle::body(10.0);
    let long =
        "Ask what the work is, who holds the papers and whether the person can leave. ".repeat(12);
    let rows: Vec<Vec<String>> = (1..=24)
        .map(|i| vec![format!("Row {i}"), format!("cell {i}")])
        .collect();
    let flow = Flow {
        size: Size::new(300.0, 260.0),
        bleed: 0.0,
        frame: Rect::new(20.0, 20.0, 260.0, 200.0),
        items: Vec::new(),
        footer: None,
        blocks: vec![
            Block::para("long", long.trim_end(), style),
            Block::Table {
                key: "cmp".into(),
                widths: vec![0.5, 0.5],
                header: vec!["Point".into(), "Answer".into()],
                rows,
                style,
                header_fill: Rgb::BLACK,
                header_ink: Rgb::WHITE,
                header_bold: true,
                stripe: Rgb::WHITE,
            },
        ],
        continued: None,
        closing: None,
    };
    let doc = Document {
        kind: Kind::Handout,
        paper: None,
        locale: "en".into(),
        direction: Direction::Ltr,
        status: bridgeprint::content::Status::Reviewed,
        langs: vec![Lang {
            tag: "en".into(),
            direction: Direction::Ltr,
            fonts: Vec::new(),
        }],
        title: "Structure".into(),
        subject: "test".into(),
        slug: 0.0,
        marks: None,
        qr_alt: Vec::new(),
        pages: Vec::new(),
        flow: Some(flow),
    };
    let laid = bridgeprint::layout::layout(&doc, &mut bridgeprint::layout::Fonts::new())
        .expect("lays out");
    assert!(
        laid.pages.len() >= 3,
        "the flow takes {} pages",
        laid.pages.len()
    );
    let root = structure(&written(&laid));
    let paragraphs = root.all("P");
    assert_eq!(paragraphs.len(), 1, "the long paragraph is one P");
    assert!(pages_of(paragraphs[0]).len() > 1, "the P is over two pages");
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squeeze(&paragraphs[0].text()), squeeze(&long));
    let tables = root.all("Table");
    assert_eq!(tables.len(), 1, "the table is one Table");
    assert!(pages_of(tables[0]).len() > 1, "the Table is over two pages");
    let rows: Vec<&Element> = tables[0].kids().collect();
    assert_eq!(rows.len(), 25, "its header row once and its 24 rows");
    assert_eq!(rows[0].all("TH").len(), 2);
    // The header row set again over the rest is furniture: heard once, at the top.
    assert_eq!(root.text().matches("Point").count(), 1);
}
