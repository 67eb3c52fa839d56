//! Cards on sheets (`build --impose`, issue 12), read from the PDFs the binary writes: the
//! sheet's size and card count, every card's code decoding at 300 dpi, each back landing
//! behind its front once the back page is turned over the edge `--flip` names (worked
//! out from where the codes are on the pages, not from the imposition code), a stock
//! that refuses a card of another size, and the read-back still refusing a wrong digit.

use crate::common;

use std::path::Path;

use common::materials::{self, Case};
use common::pdf::{self, FoundQr};

const DPI: f32 = 300.0;
/// How far apart, in points, two places on the two sides may be and count as one: a
/// few pixels at 300 dpi, far under the 9 pt between two cards.
const TOLERANCE: f64 = 2.0;
const CALL: &str = "tel:+18883737888";
const TEXT: &str = "SMSTO:233733:HELP";

fn impose(case: &Case, locales: &str, sheet: &str, flip: &str) -> common::cli::Ran {
    case.build()
        .args([
            "--kind", "card", "--locale", locales, "--impose", sheet, "--flip", flip,
        ])
        .epoch("0")
        .passes()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_letter_and_an_a4_sheet_hold_eight_cards_whose_codes_all_decode() {
    for (sheet, mm) in [("letter", (215.9, 279.4)), ("a4", (210.0, 297.0))] {
        let case = materials::copy();
        impose(&case, "en", sheet, "long");
        let file = case.out.join(format!("en/card-{sheet}-8up.pdf"));
        let bytes = read(&file);
        assert!(
            !case.out.join("en/card.pdf").exists(),
            "--impose makes the sheet in place of the single card"
        );
        let boxes = pdf::page_boxes(&bytes);
        assert_eq!(boxes.len(), 2, "{sheet}: a front page and a back page");
        for b in &boxes {
            let (w, h) = b.media_mm;
            assert!(
                (f64::from(w) - mm.0).abs() < 0.2 && (f64::from(h) - mm.1).abs() < 0.2,
                "{sheet}: {b:?}"
            );
        }
        let codes = pdf::qr_payloads(&bytes, DPI);
        assert_eq!(codes[0], vec![CALL; 8], "{sheet}: the fronts' codes");
        assert_eq!(codes[1], vec![TEXT; 8], "{sheet}: the backs' codes");
    }
}

/// Where a single card's code is on its front and on its back, from the trim's top-left,
/// and the card's width and height: read from the card's own PDF.
struct OneCard {
    front: (f64, f64),
    back: (f64, f64),
    size: (f64, f64),
}

fn one_card(case: &Case, locale: &str) -> OneCard {
    case.build()
        .args(["--kind", "card", "--locale", locale])
        .epoch("0")
        .passes();
    let bytes = read(&case.out.join(format!("{locale}/card.pdf")));
    let b = pdf::page_boxes(&bytes)[0];
    let pt = 72.0 / 25.4;
    let (mw, mh) = (f64::from(b.media_mm.0) * pt, f64::from(b.media_mm.1) * pt);
    let (tw, th) = (f64::from(b.trim_mm.0) * pt, f64::from(b.trim_mm.1) * pt);
    // The trim is centred on the page: bleed (and slug) alike on every side.
    let (ox, oy) = ((mw - tw) / 2.0, (mh - th) / 2.0);
    let codes = pdf::qr_codes(&bytes, DPI);
    let at = |page: usize| {
        let [code] = codes[page].as_slice() else {
            panic!("{locale}: one code a side: {codes:?}")
        };
        (code.at.0 - ox, code.at.1 - oy)
    };
    OneCard {
        front: at(0),
        back: at(1),
        size: (tw, th),
    }
}

/// The language of the text nearest `at` on `page`: which locale's card a code is on.
fn language_near(glyphs: &[pdf::PlacedGlyph], at: (f64, f64)) -> String {
    glyphs
        .iter()
        .filter(|g| g.visible && !g.artifact && g.lang.is_some())
        .min_by(|a, b| {
            let d = |g: &pdf::PlacedGlyph| (g.origin.0 - at.0).hypot(g.origin.1 - at.1);
            d(a).total_cmp(&d(b))
        })
        .and_then(|g| g.lang.clone())
        .unwrap_or_default()
}

/// Turns the sheet over `flip` and checks each front's back lies behind it: every code on
/// the back page, its place turned as the printer turns the sheet, must sit where the
/// card it belongs to (by its language) puts its back code behind the front code found
/// there, and each front must have exactly one.
fn backs_land_behind_fronts(flip: &str) {
    let case = materials::copy();
    let cards: Vec<(&str, OneCard)> = ["en", "es", "ar"]
        .into_iter()
        .map(|l| (l, one_card(&case, l)))
        .collect();
    impose(&case, "en,es,ar", "letter", flip);
    let bytes = read(&case.out.join("sheets/card-en-es-ar-letter-8up.pdf"));
    let boxes = pdf::page_boxes(&bytes);
    let pt = 72.0 / 25.4;
    let (sw, sh) = (
        f64::from(boxes[0].media_mm.0) * pt,
        f64::from(boxes[0].media_mm.1) * pt,
    );
    let codes = pdf::qr_codes(&bytes, DPI);
    let glyphs = pdf::page_glyphs(&bytes);
    let fronts: Vec<(&FoundQr, String)> = codes[0]
        .iter()
        .map(|c| (c, language_near(&glyphs[0], c.at)))
        .collect();
    let backs: Vec<(&FoundQr, String)> = codes[1]
        .iter()
        .map(|c| (c, language_near(&glyphs[1], c.at)))
        .collect();
    assert_eq!((fronts.len(), backs.len()), (8, 8), "{codes:?}");
    let turned = |(x, y): (f64, f64)| match flip {
        "long" => (sw - x, y),
        _ => (x, sh - y),
    };
    for (front, lang) in &fronts {
        let card = &cards
            .iter()
            .find(|(l, _)| l == lang)
            .unwrap_or_else(|| panic!("a front code near {lang:?} text"))
            .1;
        // The card's trim corner on the sheet, from where its front code is.
        let corner = (front.at.0 - card.front.0, front.at.1 - card.front.1);
        // Its back code, turned with the sheet: read the back's way up, the card's back
        // is the card's front region mirrored, its code at the card's own place in it.
        let expected = match flip {
            "long" => (corner.0 + card.size.0 - card.back.0, corner.1 + card.back.1),
            _ => (corner.0 + card.back.0, corner.1 + card.size.1 - card.back.1),
        };
        let behind: Vec<&(&FoundQr, String)> = backs
            .iter()
            .filter(|(b, l)| {
                let t = turned(b.at);
                l == lang
                    && (t.0 - expected.0).abs() < TOLERANCE
                    && (t.1 - expected.1).abs() < TOLERANCE
            })
            .collect();
        assert_eq!(
            behind.len(),
            1,
            "flip {flip}: the {lang} front at {:?} has no {lang} back behind it (expected at {expected:?}); backs turned: {:?}",
            front.at,
            backs
                .iter()
                .map(|(b, l)| (turned(b.at), l.clone()))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn back_n_lands_behind_front_n_after_a_long_edge_flip() {
    backs_land_behind_fronts("long");
}

#[test]
fn back_n_lands_behind_front_n_after_a_short_edge_flip() {
    backs_land_behind_fronts("short");
}

#[test]
fn locales_built_together_share_one_sheet_each_in_its_language() {
    let case = materials::copy();
    impose(&case, "en,es,ar", "a4", "long");
    let bytes = read(&case.out.join("sheets/card-en-es-ar-a4-8up.pdf"));
    for lang in ["en", "es", "ar"] {
        let text = pdf::page_text_in(&bytes, lang);
        assert!(
            text.iter().all(|page| !page.trim().is_empty()),
            "{lang}: each side carries its cards' text: {text:?}"
        );
    }
    assert_eq!(pdf::notdef_glyphs(&bytes), 0, "no tofu on the sheet");
}

#[test]
fn a_business_card_stock_refuses_a_wallet_card_and_names_the_flag() {
    let case = materials::copy();
    let ran = case
        .build()
        .args(["--kind", "card", "--locale", "en", "--impose", "avery-8371"])
        .fails_with(&["avery-8371", "--impose letter", "88.9 x 50.8 mm"]);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert_eq!(
        materials::files_under(&case.out),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn an_a4_business_card_stock_takes_ten_wallet_cards() {
    let case = materials::copy();
    impose(&case, "en", "avery-c32011", "long");
    let bytes = read(&case.out.join("en/card-avery-c32011-10up.pdf"));
    let codes = pdf::qr_payloads(&bytes, DPI);
    assert_eq!(codes[0], vec![CALL; 10]);
    assert_eq!(codes[1], vec![TEXT; 10]);
}

#[test]
fn a_wrong_digit_still_fails_an_imposed_build() {
    let case = materials::case("en/texts.toml", |t| {
        t.replacen(
            "text_line = \"Text {textline.keyword} to {textline}\"",
            "text_line = \"Text {textline.keyword} to {textline}4\"",
            1,
        )
    });
    let ran = case
        .build()
        .args(["--kind", "card", "--locale", "en", "--impose", "letter"])
        .fails_with(&["text_line"]);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}

#[test]
fn a_bad_sheet_or_flip_is_a_usage_error() {
    let case = materials::copy();
    let ran = case.build().args(["--impose", "legal"]).run();
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(ran.stderr.contains("avery-8371"), "{}", ran.stderr);
    let ran = case
        .build()
        .args(["--impose", "letter", "--flip", "sideways"])
        .run();
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
}

#[test]
fn the_calibration_sheet_numbers_every_slot_on_both_sides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("cal.pdf");
    common::cli::bp()
        .args([
            "calibrate",
            "--sheet",
            "avery-8371",
            "--flip",
            "short",
            "--out",
        ])
        .arg(&out)
        .passes();
    let bytes = read(&out);
    let text = pdf::page_text(&bytes);
    assert_eq!(text.len(), 2);
    for n in 1..=10 {
        assert!(text[0].contains(&format!("FRONT {n}")), "{}", text[0]);
        assert!(text[1].contains(&format!("BACK {n}")), "{}", text[1]);
    }
    // The extraction groups by baseline and guesses spaces from gaps: compare the words.
    let words: String = text[0].split_whitespace().collect();
    assert!(words.contains("thisedgeintotheprinterfirst"), "{}", text[0]);
    assert!(words.contains("flipontheshortedge"), "{}", text[0]);
}

#[test]
fn calibrate_writes_a_bare_file_name_into_the_folder_it_is_run_in() {
    // `--out cal.pdf` has the empty path as its folder, which no system call opens.
    let dir = tempfile::tempdir().expect("temp dir");
    common::cli::bp()
        .in_dir(dir.path())
        .args(["calibrate", "--sheet", "letter", "--out", "cal.pdf"])
        .passes();
    let text = pdf::page_text(&read(&dir.path().join("cal.pdf")));
    assert!(text[0].contains("FRONT 1"), "{}", text[0]);
}

/// Where the cards of a Letter sheet of eight CR80 cards end, bleed included, from the
/// sheet's edges (the same on all four sides' pairs): 2 x 4 cards 0.25 in apart, centred.
fn letter_cards_box() -> (f64, f64, f64, f64) {
    let pt = 72.0 / 25.4;
    let (w, h, gap, bleed) = (85.6 * pt, 53.98 * pt, 18.0, 9.0);
    let (used_w, used_h) = (2.0 * w + gap, 4.0 * h + 3.0 * gap);
    let (x0, y0) = ((612.0 - used_w) / 2.0, (792.0 - used_h) / 2.0);
    (
        x0 - bleed,
        y0 - bleed,
        x0 + used_w + bleed,
        y0 + used_h + bleed,
    )
}

#[test]
fn a_sheet_of_draft_cards_says_so_in_its_margin_and_a_reviewed_one_does_not() {
    let case = materials::copy();
    impose(&case, "es", "letter", "long");
    impose(&case, "en", "letter", "long");
    let draft = read(&case.out.join("es/card-letter-8up.pdf"));
    case.build()
        .args(["--kind", "card", "--locale", "es"])
        .epoch("0")
        .passes();
    // The single card's text, its slug's notice with it.
    let single = pdf::page_text(&read(&case.out.join("es/card.pdf"))).concat();
    let reviewed = read(&case.out.join("en/card-letter-8up.pdf"));
    let (_, _, _, cards_bottom) = letter_cards_box();
    let printable = 792.0 - 18.0;
    for (side, glyphs) in pdf::page_glyphs(&draft).iter().enumerate() {
        let text = pdf::page_text(&draft)[side].clone();
        let label = "es, cards 1\u{2013}8: ";
        let said = text
            .lines()
            .find_map(|l| l.split_once(label).map(|(_, rest)| rest.trim().to_string()))
            .unwrap_or_else(|| panic!("side {side}: no `{label}` on the sheet:\n{text}"));
        assert!(
            !said.is_empty() && single.contains(&said),
            "side {side}: the sheet says `{said}`, not what the card says:\n{single}"
        );
        // The notice's lines: below the cards and their bleed, above the paper's last
        // quarter inch, where every printer prints and no cutter reaches.
        let line_ys: Vec<f64> = glyphs
            .iter()
            .filter(|g| g.artifact && g.origin.1 > cards_bottom)
            .map(|g| g.line_y)
            .collect();
        assert!(
            !line_ys.is_empty(),
            "side {side}: no notice below the cards"
        );
        for g in glyphs.iter().filter(|g| line_ys.contains(&g.line_y)) {
            assert!(
                g.origin.1 - g.size > cards_bottom && g.origin.1 + 0.3 * g.size < printable,
                "side {side}: {g:?} outside the margin ({cards_bottom:.1}..{printable})"
            );
        }
    }
    let text = pdf::page_text(&reviewed).concat();
    assert!(
        !text.contains("Draft") && !text.contains("cards 1"),
        "a reviewed sheet carries no notice:\n{text}"
    );
}

/// Every stroke on a page that is one straight segment wholly outside `cards` (the crop
/// marks), with the stroke colour operator and operands in force when it was stroked.
fn margin_strokes(stream: &[u8], cards: (f64, f64, f64, f64)) -> Vec<(String, Vec<f64>)> {
    let text = String::from_utf8_lossy(stream);
    let mut operands: Vec<f64> = Vec::new();
    // (CTM, stroke colour) saved by q, restored by Q.
    let mut stack: Vec<([f64; 6], (String, Vec<f64>))> = Vec::new();
    let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut colour = ("G".to_string(), vec![0.0]);
    let mut path: Vec<(f64, f64)> = Vec::new();
    let mut straight = true;
    let mut found = Vec::new();
    let page =
        |m: &[f64; 6], x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    for token in text.split_ascii_whitespace() {
        if let Ok(n) = token.parse::<f64>() {
            operands.push(n);
            continue;
        }
        match token {
            "q" => stack.push((ctm, colour.clone())),
            "Q" => {
                if let Some((m, c)) = stack.pop() {
                    ctm = m;
                    colour = c;
                }
            }
            "cm" if operands.len() >= 6 => {
                let n = &operands[operands.len() - 6..];
                ctm = [
                    n[0] * ctm[0] + n[1] * ctm[2],
                    n[0] * ctm[1] + n[1] * ctm[3],
                    n[2] * ctm[0] + n[3] * ctm[2],
                    n[2] * ctm[1] + n[3] * ctm[3],
                    n[4] * ctm[0] + n[5] * ctm[2] + ctm[4],
                    n[4] * ctm[1] + n[5] * ctm[3] + ctm[5],
                ];
            }
            "G" | "K" | "RG" | "SC" | "SCN" | "CS" => {
                colour = (token.to_string(), operands.clone())
            }
            "m" | "l" if operands.len() >= 2 => {
                let n = &operands[operands.len() - 2..];
                path.push(page(&ctm, n[0], n[1]));
            }
            "c" | "v" | "y" | "re" | "h" => straight = false,
            "S" | "s" | "B" | "B*" | "b" | "b*" | "f" | "F" | "f*" | "n" => {
                let outside =
                    |&(x, y): &(f64, f64)| x < cards.0 || y < cards.1 || x > cards.2 || y > cards.3;
                if token == "S" && straight && path.len() == 2 && path.iter().all(outside) {
                    found.push(colour.clone());
                }
                path.clear();
                straight = true;
            }
            _ => {}
        }
        operands.clear();
    }
    found
}

#[test]
fn crop_marks_are_black_ink_alone_never_rgb_black() {
    let case = materials::copy();
    impose(&case, "en", "letter", "long");
    let bytes = read(&case.out.join("en/card-letter-8up.pdf"));
    // The box is symmetrical, so the PDF's y-up space gives the same numbers.
    let cards = letter_cards_box();
    for (side, stream) in pdf::page_streams(&bytes).iter().enumerate() {
        let marks = margin_strokes(stream, cards);
        // 4 cuts across x 2 edges, 8 cuts down x 2 edges.
        assert_eq!(marks.len(), 24, "side {side}: {marks:?}");
        for (op, n) in &marks {
            assert!(
                (op == "G" && n == &[0.0]) || (op == "K" && n == &[0.0, 0.0, 0.0, 1.0]),
                "side {side}: a crop mark stroked with `{n:?} {op}`, not black ink alone"
            );
        }
    }
}

#[test]
fn a_stock_too_tight_for_the_draft_notice_refuses_a_draft_and_names_plain_paper() {
    let case = materials::copy();
    let ran = case
        .build()
        .args([
            "--kind",
            "card",
            "--locale",
            "es",
            "--impose",
            "avery-c32011",
        ])
        .fails_with(&["es", "avery-c32011", "draft", "--impose letter"]);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}
