//! Text that runs long shrinks to fit its box, never below the kind's floor; past the
//! floor it is an overflow error that names the locale, kind and key.

use bridgeprint::layout::{Elem, LaidDocument};
use bridgeprint::{Engine, Error, Kind, Paper};

fn content() -> bridgeprint::Content {
    bridgeprint::content::load(std::path::Path::new("materials")).expect("bundled materials load")
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
            key,
            detail,
        }) => {
            assert_eq!(
                (locale.as_str(), kind.as_str(), key.as_str()),
                ("en", "card", "red_flags.card")
            );
            assert!(
                detail.contains("too tall") && detail.contains("6.5 pt floor"),
                "{detail}"
            );
        }
        other => panic!("expected an overflow error, got {other:?}"),
    }
}
