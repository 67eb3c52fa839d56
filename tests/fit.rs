//! Text that runs long shrinks to fit its box, never below the kind's floor; past the
//! floor it is an overflow error that names the locale, kind and key.

use crate::common;

use bridgeprint::layout::{Elem, LaidDocument};
use bridgeprint::{Engine, Error, Kind, Paper};

/// The fixture set: what shrinks and what overflows is a rule, not a property of the
/// bundled texts.
fn content() -> bridgeprint::Content {
    bridgeprint::content::load(std::path::Path::new(common::materials::FIXTURE))
        .expect("fixture materials load")
}

fn smallest_text(doc: &LaidDocument) -> f32 {
    doc.pages
        .iter()
        .flat_map(|p| &p.elems)
        .filter_map(|e| match e {
            Elem::Glyphs(g) => Some(g.size),
            _ => None,
        })
        .fold(f32::MAX, f32::min)
}

/// The English card with each sign on its back `factor` times as long.
fn card_with_longer_signs(factor: f32) -> Result<LaidDocument, Error> {
    let mut content = content();
    let en = &mut content.locales[0];
    assert_eq!(en.meta.tag, "en");
    let signs = en.red_flags.card.as_mut().unwrap();
    for s in signs.iter_mut() {
        let words: Vec<&str> = s.split(' ').collect();
        let target = (s.len() as f32 * factor) as usize;
        let mut longer = s.clone();
        let mut i = 0;
        while longer.len() < target {
            longer.push(' ');
            longer.push_str(words[i % words.len()]);
            i += 1;
        }
        *s = longer;
    }
    let content = content;
    Engine::new().lay_out(&content, &[&content.locales[0]], Kind::Card, Paper::Letter)
}

#[test]
fn a_card_text_30_percent_longer_fits_at_a_smaller_size_above_the_floor() {
    let normal = Engine::new()
        .lay_out(
            &content(),
            &[&content().locales[0]],
            Kind::Card,
            Paper::Letter,
        )
        .unwrap();
    let longer = card_with_longer_signs(1.3).expect("30% longer still fits");
    let (before, after) = (smallest_text(&normal), smallest_text(&longer));
    assert!(after < before, "text did not shrink: {before} -> {after}");
    assert!(
        after >= 6.5 - 1e-3,
        "shrunk below the 6.5 pt floor: {after}"
    );
}

#[test]
fn a_card_text_3_times_too_long_is_an_overflow_error_naming_it() {
    match card_with_longer_signs(3.0) {
        Err(Error::Overflow {
            locale,
            kind,
            paper,
            key,
            detail,
            ..
        }) => {
            assert_eq!(
                (locale.as_str(), kind, paper, key.as_str()),
                ("en", Kind::Card, None, "red_flags.card")
            );
            assert!(
                detail.contains("too tall") && detail.contains("6.5 pt floor"),
                "{detail}"
            );
        }
        other => panic!("expected an overflow error, got {other:?}"),
    }
}

/// The front of the English card with `heading` as its heading: the PDF, or the error that
/// refused it, and the heading's frame in trim coordinates (points).
fn card_with_heading(heading: &str) -> (Result<Vec<u8>, Error>, bridgeprint::compose::Rect) {
    let mut content = content();
    content.locales[0].texts.card.front_heading = Some(heading.to_string());
    let content = content;
    let en = &content.locales[0];
    let doc = bridgeprint::compose::compose(&content, &[en], Kind::Card, Paper::Letter)
        .expect("composes");
    let frame = doc.pages[0]
        .items
        .iter()
        .find_map(|item| match item {
            bridgeprint::compose::Item::Frame { rect, blocks, .. }
                if blocks.iter().any(|b| {
                    matches!(b, bridgeprint::compose::Block::Para { key, .. } if key == "texts.card.front_heading")
                }) =>
            {
                Some(*rect)
            }
            _ => None,
        })
        .expect("the heading's frame");
    let pdf = Engine::new()
        .make(&content, &[en], Kind::Card, Paper::Letter, Some(0))
        .map(|m| m.bytes);
    (pdf, frame)
}

#[test]
fn a_letter_with_stacked_combining_marks_is_refused_or_prints_inside_its_frame() {
    const DPI: f32 = 300.0;
    let px = |pt: f32| pt * DPI / 72.0;
    let (plain, frame) = card_with_heading("x");
    let plain = common::pdf::render_gray(&plain.expect("a one-letter heading builds"), DPI);
    let bleed = 9.0; // 0.125 in on every side of the card's trim
    let mut refused = 0;
    for marks in [3, 10, 16, 40] {
        let heading = format!("x{}", "\u{301}".repeat(marks));
        let (pdf, _) = card_with_heading(&heading);
        let Ok(pdf) = pdf else {
            refused += 1;
            continue;
        };
        let page = &common::pdf::render_gray(&pdf, DPI)[0];
        // Pixels the marks changed must lie in the frame (half a point for anti-aliasing).
        let (x0, y0) = (px(frame.x + bleed - 0.5), px(frame.y + bleed - 0.5));
        let (x1, y1) = (
            px(frame.x + frame.w + bleed + 0.5),
            px(frame.y + frame.h + bleed + 0.5),
        );
        let mut inside = 0;
        for y in 0..page.height {
            for x in 0..page.width {
                let i = (y * page.width + x) as usize;
                if page.pixels[i].abs_diff(plain[0].pixels[i]) <= 64 {
                    continue;
                }
                let (fx, fy) = (x as f32, y as f32);
                assert!(
                    fx >= x0 && fx <= x1 && fy >= y0 && fy <= y1,
                    "{marks} marks: ink at ({x}, {y}) px, outside the heading's frame \
                     ({x0:.0}..{x1:.0}, {y0:.0}..{y1:.0})"
                );
                inside += 1;
            }
        }
        assert!(
            inside > 0,
            "{marks} marks changed nothing: the frame is not where the test looks"
        );
    }
    assert!(
        refused >= 1,
        "40 stacked marks cannot fit a card heading, yet nothing was refused"
    );
}

/// Through the binary, the same heading meets the content rule first: more than six
/// marks on one letter is refused where it is written, before any layout. The ink rule
/// above is the second key, for marks the content rules allow.
#[test]
fn the_binary_refuses_a_heading_of_one_letter_and_forty_marks_where_it_is_written() {
    let case = common::materials::case("en/texts.toml", |t| {
        t.replace(
            "front_heading = \"Card front heading for the fixture set\"",
            &format!("front_heading = \"x{}\"", "\\u0301".repeat(40)),
        )
    });
    case.fails_with(&[
        "en/texts.toml:5:18",
        "texts.card.front_heading",
        "40 combining marks on one character",
    ]);
}

/// `text` repeated until it is `times` as long, words kept whole.
fn longer(text: &str, times: usize) -> String {
    vec![text; times].join(" ")
}

/// The one overflow error laying out `kind` of `tag` on `paper` gives, with its message.
fn overflow_of(
    case: &common::materials::Case,
    tag: &str,
    kind: Kind,
    paper: Paper,
) -> (Error, String) {
    let content = bridgeprint::content::load(&case.materials).expect("the copy loads");
    let locale = content.locale(tag).expect("locale");
    match Engine::new().lay_out(&content, &[locale], kind, paper) {
        Err(e @ Error::Overflow { .. }) => {
            let message = e.to_string();
            (e, message)
        }
        other => panic!("expected an overflow, got {other:?}"),
    }
}

#[test]
fn an_overflow_names_the_file_line_and_column_of_its_text_and_the_paper() {
    let case = common::materials::case("es/texts.toml", |t| {
        let line = "Línea de no acercarse del cartel.";
        t.replace(line, &longer(line, 40))
    });
    let (e, message) = overflow_of(&case, "es", Kind::Poster, Paper::A4);
    let at = e.location().expect("located");
    assert!(at.path.ends_with("es/texts.toml"), "{}", at.path.display());
    // `do_not_approach = "…"` is line 32; the value starts after `do_not_approach = `.
    assert_eq!((at.line, at.column), (32, 19), "{message}");
    assert!(at.source_line.starts_with("do_not_approach = "), "{at:?}");
    assert!(
        message.starts_with(&format!(
            "{at}: es poster on a4 paper: `texts.poster.do_not_approach` does not fit its box"
        )),
        "{message}"
    );
    assert!(!message.contains("`en`'s"), "{message}");
    // What a user sees: the message, then the line it points at.
    let stderr = case.fails_with(&[
        "texts.toml:32:19: es poster on letter paper: `texts.poster.do_not_approach` does not fit its box",
        "32 | do_not_approach = ",
    ]);
    assert!(stderr.contains("help: shorten the text"), "{stderr}");
}

#[test]
fn an_overflow_of_a_text_that_came_from_en_points_into_en_and_says_so() {
    let footer = "Card back footer, a sentence of some ten words long.";
    let case = common::materials::case("en/texts.toml", |t| {
        assert!(t.contains(footer), "the en back footer changed");
        t.replace(footer, &longer(footer, 12))
    });
    let es = case.materials.join("es/texts.toml");
    let text = std::fs::read_to_string(&es).expect("es texts");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("back_footer ="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, text);
    std::fs::write(&es, without).expect("write es texts");

    let (e, message) = overflow_of(&case, "es", Kind::Card, Paper::Letter);
    let Error::Overflow { key, origin, .. } = &e else {
        unreachable!()
    };
    assert_eq!(key, "texts.card.back_footer");
    let origin = origin.as_ref().expect("origin found");
    assert!(origin.from_en, "{message}");
    let at = origin.location.as_ref().expect("located in en");
    assert!(at.path.ends_with("en/texts.toml"), "{}", at.path.display());
    assert!(at.source_line.starts_with("back_footer = "), "{at:?}");
    assert!(
        message.contains("es card: `texts.card.back_footer` does not fit its box")
            && message.ends_with("(the text is `en`'s: this locale does not have the key)"),
        "{message}"
    );
}

#[test]
fn a_draft_warning_carries_the_location_of_its_status() {
    let content = content();
    let es = content.locale("es").expect("es");
    let warnings = bridgeprint::warnings(&content, &[es]);
    let draft = warnings
        .iter()
        .find(|w| w.message.contains("`es` is a draft translation"))
        .expect("a draft warning");
    assert_eq!(draft.severity, bridgeprint::Severity::Warning);
    let at = draft.location.as_ref().expect("located");
    assert!(at.path.ends_with("es/locale.toml"), "{}", at.path.display());
    assert_eq!(at.source_line, "status = \"draft\"");
    assert_eq!(at.column, 10);
    // The message reads as before: the place is data, not words on the line.
    assert_eq!(
        draft.message,
        "locale `es` is a draft translation, not yet reviewed by a native reader"
    );
}
