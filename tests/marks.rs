//! Combining marks land where HarfBuzz puts them: the shaping of decomposed Vietnamese,
//! stacked capitals, Thai, Devanagari and Arabic through bridgeprint's layout equals
//! `hb-shape` on the same bundled font file (glyphs, advances, offsets), marks above stack
//! upwards and marks below downwards, and the PDF draws them there.

use crate::common;

use std::process::Command;

use bridgeprint::layout::fonts::BUNDLED;
use bridgeprint::layout::{Elem, Fonts, GlyphRun, shape_line};
use bridgeprint::{Engine, Kind, Paper};

/// Shaped at 1000 pt, so a point is a thousandth of an em and the tolerance is
/// 1 unit per 1000.
const SIZE: f32 = 1000.0;
const TOLERANCE: f32 = 1.0;

/// (what, language, text, right to left)
const CASES: &[(&str, &str, &str, bool)] = &[
    (
        "Vietnamese e circumflex acute, decomposed",
        "vi",
        "e\u{302}\u{301}",
        false,
    ),
    (
        "Vietnamese a breve grave, decomposed",
        "vi",
        "a\u{306}\u{300}",
        false,
    ),
    (
        "Vietnamese u horn dot below, decomposed",
        "vi",
        "u\u{31b}\u{323}",
        false,
    ),
    (
        "Vietnamese word, decomposed",
        "vi",
        "Vie\u{323}\u{302}t ngu\u{31b}\u{300}o\u{31b}\u{300}i",
        false,
    ),
    (
        "capital E circumflex acute, decomposed",
        "vi",
        "E\u{302}\u{301}",
        false,
    ),
    (
        "capital A breve tilde, decomposed",
        "vi",
        "A\u{306}\u{303}",
        false,
    ),
    (
        "capital O horn hook, decomposed",
        "vi",
        "O\u{31b}\u{309}",
        false,
    ),
    (
        "x with two marks above (no precomposed form)",
        "en",
        "x\u{302}\u{301}",
        false,
    ),
    (
        "capital X with two marks above",
        "en",
        "X\u{302}\u{301}\u{300}",
        false,
    ),
    ("q with two marks below", "en", "q\u{323}\u{330}", false),
    (
        "Thai above vowel and tone mark",
        "th",
        "\u{e1b}\u{e35}\u{e48}",
        false,
    ),
    (
        "Thai tall consonant with tone mark",
        "th",
        "\u{e1d}\u{e49}\u{e32}",
        false,
    ),
    (
        "Thai above vowel, tone mark and word",
        "th",
        "\u{e17}\u{e35}\u{e48}\u{e19}\u{e31}\u{e49}\u{e19}",
        false,
    ),
    ("Devanagari nukta", "hi", "\u{915}\u{93c}\u{93e}", false),
    (
        "Devanagari virama conjunct",
        "hi",
        "\u{915}\u{94d}\u{937}",
        false,
    ),
    (
        "Devanagari candrabindu",
        "hi",
        "\u{939}\u{901}\u{938}\u{940}",
        false,
    ),
    (
        "Arabic shadda and fatha",
        "ar",
        "\u{628}\u{651}\u{64e}",
        true,
    ),
    (
        "Arabic word with shadda and fatha",
        "ar",
        "\u{645}\u{64f}\u{62d}\u{64e}\u{645}\u{651}\u{64e}\u{62f}",
        true,
    ),
];

/// One glyph as a shaper reports it, in thousandths of an em, y up.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shaped {
    id: u32,
    advance: f32,
    dx: f32,
    dy: f32,
}

fn font_file(run: &GlyphRun) -> &'static str {
    BUNDLED
        .iter()
        .find(|f| f.data == run.font.data.data())
        .map(|f| f.file)
        .expect("layout chose a bundled font")
}

/// bridgeprint's shaping of one run, turned to the shaper's convention (offsets y up).
fn ours(run: &GlyphRun) -> Vec<Shaped> {
    run.glyphs
        .iter()
        .map(|g| Shaped {
            id: g.id,
            advance: g.advance,
            dx: g.dx,
            dy: -g.dy,
        })
        .collect()
}

/// `hb-shape` on the same font file and text, or `None` where it is not installed.
fn harfbuzz(file: &str, index: u32, lang: &str, text: &str) -> Option<Vec<Shaped>> {
    let out = Command::new("hb-shape")
        .arg("--output-format=json")
        .arg("--no-glyph-names")
        .arg(format!("--font-size={SIZE}"))
        .arg(format!("--face-index={index}"))
        .arg(format!("--language={lang}"))
        .arg(format!("fonts/{file}"))
        .arg(text)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "hb-shape failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(parse_hb_json(&String::from_utf8_lossy(&out.stdout)))
}

/// Reads hb-shape's JSON (`[{"g":12,"cl":0,"dx":0,"dy":0,"ax":564,"ay":0},...]`) without
/// a JSON crate: every object is flat and holds only numbers.
fn parse_hb_json(json: &str) -> Vec<Shaped> {
    json.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split('}')
        .filter(|o| o.contains('{'))
        .map(|obj| {
            let field = |name: &str| -> f32 {
                obj.split(['{', ','])
                    .filter_map(|kv| kv.split_once(':'))
                    .find(|(k, _)| k.trim_matches('"') == name)
                    .and_then(|(_, v)| v.trim().parse().ok())
                    .unwrap_or_else(|| panic!("no {name} in {obj}"))
            };
            Shaped {
                id: field("g") as u32,
                advance: field("ax"),
                dx: field("dx"),
                dy: field("dy"),
            }
        })
        .collect()
}

fn close(a: &Shaped, b: &Shaped) -> bool {
    a.id == b.id
        && (a.advance - b.advance).abs() <= TOLERANCE
        && (a.dx - b.dx).abs() <= TOLERANCE
        && (a.dy - b.dy).abs() <= TOLERANCE
}

#[test]
fn marks_are_shaped_as_harfbuzz_shapes_them_on_the_same_font() {
    if Command::new("hb-shape").arg("--version").output().is_err() {
        println!("skipped: hb-shape is not installed (apt-get install libharfbuzz-bin)");
        return;
    }
    let mut fonts = Fonts::new();
    let mut differ = Vec::new();
    for (what, lang, text, rtl) in CASES {
        let runs = shape_line(&mut fonts, text, lang, SIZE, *rtl).expect("shapes");
        assert!(!runs.is_empty(), "{what}: nothing shaped");
        for run in &runs {
            let file = font_file(run);
            let piece = run.logical_text();
            let theirs = harfbuzz(file, run.font.index, lang, piece).expect("hb-shape ran");
            let ours = ours(run);
            if ours.len() != theirs.len() || !ours.iter().zip(&theirs).all(|(a, b)| close(a, b)) {
                differ.push(format!(
                    "{what} ({piece:?} in {file}):\n  bridgeprint {ours:?}\n  hb-shape    {theirs:?}"
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn the_hb_shape_reader_reads_offsets_and_ids() {
    let json = r#"[{"g":68,"cl":0,"dx":0,"dy":0,"ax":529,"ay":0},{"g":590,"cl":0,"dx":-268,"dy":0,"ax":0,"ay":0},{"g":602,"cl":0,"dx":6,"dy":229,"ax":0,"ay":0}]"#;
    let g = parse_hb_json(json);
    assert_eq!(g.len(), 3);
    assert_eq!(
        g[2],
        Shaped {
            id: 602,
            advance: 0.0,
            dx: 6.0,
            dy: 229.0
        }
    );
}

/// Ink boxes (y down) of the glyphs of a one-run text, in order.
fn glyph_ink(fonts: &mut Fonts, text: &str, lang: &str) -> Vec<bridgeprint::layout::ink::InkBox> {
    let runs = shape_line(fonts, text, lang, SIZE, false).expect("shapes");
    assert_eq!(runs.len(), 1, "{text:?} is one run");
    fonts
        .glyph_ink(&runs[0])
        .into_iter()
        .map(|b| b.expect("every glyph here has ink"))
        .collect()
}

#[test]
fn a_second_mark_above_sits_on_top_of_the_first_and_a_second_below_under_it() {
    let mut fonts = Fonts::new();
    // Letters without a precomposed form, so the font stacks the marks itself.
    for text in [
        "x\u{302}\u{301}",
        "o\u{328}\u{302}\u{301}",
        "X\u{302}\u{301}",
    ] {
        let ink = glyph_ink(&mut fonts, text, "vi");
        let (base, first, second) = (ink[0], ink[ink.len() - 2], ink[ink.len() - 1]);
        assert!(
            first.bottom <= base.top + 0.5 * SIZE / 10.0,
            "{text:?}: first mark not over the letter: {ink:?}"
        );
        assert!(
            second.bottom <= first.top + TOLERANCE,
            "{text:?}: second mark above ({second:?}) is not on top of the first ({first:?})"
        );
    }
    for text in ["q\u{323}\u{330}", "x\u{323}\u{330}"] {
        let ink = glyph_ink(&mut fonts, text, "vi");
        let (first, second) = (ink[1], ink[2]);
        assert!(
            second.top >= first.bottom - TOLERANCE,
            "{text:?}: second mark below ({second:?}) is not under the first ({first:?})"
        );
        assert!(
            first.top >= ink[0].bottom - SIZE / 10.0,
            "{text:?}: first mark not under the letter: {ink:?}"
        );
    }
}

#[test]
fn decomposed_vietnamese_prints_the_same_glyphs_as_precomposed() {
    let mut fonts = Fonts::new();
    for (decomposed, precomposed) in [
        ("e\u{302}\u{301}", "\u{1ebf}"),
        ("a\u{306}\u{300}", "\u{1eb1}"),
        ("u\u{31b}\u{323}", "\u{1ef1}"),
        ("E\u{302}\u{301}", "\u{1ebe}"),
        ("O\u{31b}\u{309}", "\u{1ede}"),
    ] {
        let ids = |fonts: &mut Fonts, t: &str| -> Vec<u32> {
            shape_line(fonts, t, "vi", SIZE, false).expect("shapes")[0]
                .glyphs
                .iter()
                .map(|g| g.id)
                .collect()
        };
        assert_eq!(
            ids(&mut fonts, decomposed),
            ids(&mut fonts, precomposed),
            "{decomposed:?}"
        );
    }
}

/// The card with `heading` as its front heading, laid out and rendered.
fn card_with_heading(heading: &str) -> (bridgeprint::layout::LaidDocument, Vec<u8>) {
    let fixture = std::path::Path::new(common::materials::FIXTURE);
    let mut content = bridgeprint::content::load(fixture).expect("loads");
    content.locales[0].texts.card.front_heading = Some(heading.to_string());
    let content = content;
    let en = &content.locales[0];
    let mut engine = Engine::new();
    let laid = engine
        .lay_out(&content, &[en], Kind::Card, Paper::Letter)
        .expect("lays out");
    let made = engine
        .make(&content, &[en], Kind::Card, Paper::Letter, Some(0))
        .expect("builds");
    (laid, made.bytes)
}

#[test]
fn the_pdf_draws_stacked_marks_where_layout_placed_them() {
    let (laid, pdf) = card_with_heading("x\u{302}\u{301} q\u{323}\u{330}");
    let page = &laid.pages[0];
    let run = page
        .elems
        .iter()
        .find_map(|e| match e {
            Elem::Glyphs(r) if r.logical_text().starts_with('x') => Some(r),
            _ => None,
        })
        .expect("the heading's run");
    // Where layout puts each glyph's origin, y down from the trim's top-left.
    let mut x = run.x;
    let mut want = Vec::new();
    for g in &run.glyphs {
        want.push((x + g.dx + page.bleed, run.y + g.dy + page.bleed));
        x += g.advance;
    }
    let drawn = &common::pdf::page_glyphs(&pdf)[0];
    let at = drawn
        .windows(want.len())
        .find(|w| {
            (w[0].origin.0 - f64::from(want[0].0)).abs() < 0.05
                && (w[0].origin.1 - f64::from(want[0].1)).abs() < 0.05
        })
        .unwrap_or_else(|| panic!("heading not found among {drawn:#?}"));
    for (i, (g, w)) in at.iter().zip(&want).enumerate() {
        assert!(
            (g.origin.0 - f64::from(w.0)).abs() < 0.05
                && (g.origin.1 - f64::from(w.1)).abs() < 0.05,
            "glyph {i} of {:?} drawn at {:?}, laid out at {w:?}",
            run.logical_text(),
            g.origin
        );
    }
    // The acute over the circumflex is drawn higher, the tilde below lower than the dot.
    assert!(
        want[2].1 < want[1].1 - 1.0 && want[6].1 > want[5].1 + 1.0,
        "{want:?}"
    );
}
