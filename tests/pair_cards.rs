//! A bilingual wallet card keeps its body text at the card's design size: two languages
//! of every line beside the code must fit without the frame shrinking its text to the
//! floor (7.5 pt shrunk three times to 6.64 pt, issue 13). Measured on the laid-out
//! glyphs of both faces, for every locale beside English in both orders, on every card
//! size.

use crate::common::cli::bp;
use crate::common::pdf;

use bridgeprint::compose::DRAFT_NOTICE_KEY;
use bridgeprint::compose::card;
use bridgeprint::layout::Elem;
use bridgeprint::{Engine, Kind, Paper};

/// Text that is not the card's body: the draft notice, and whatever the band holds (its
/// headings, set as headings: the questions, the rights line or "do not confront").
const NOT_BODY: [&str; 1] = [DRAFT_NOTICE_KEY];

/// How far under the card's body size a bilingual card's text may be set: one of the
/// layout's shrink steps (x 0.96), no more.
const ONE_STEP: f32 = 0.96;

/// The text beside the codes on both faces: the front's label, notes, text line and 911
/// line, the back's "do not confront" and note on texts (on a business card, the rights
/// line and the note on texts: "do not confront" is in the band).
const COLUMN: [&str; 7] = [
    "report.rights",
    "texts.card.hotline_label",
    "texts.card.hotline_note",
    "texts.card.text_line",
    "texts.card.emergency",
    "texts.card.back_footer",
    "texts.card.text_note",
];

#[test]
fn bilingual_cards_keep_the_text_beside_the_code_within_one_step_of_the_body_size() {
    // A pair that does not lay out at all is the whole-card test's to report.
    faces_set_small(|key| COLUMN.contains(&key), false);
}

#[test]
fn bilingual_cards_keep_all_body_text_within_one_step_of_the_body_size() {
    faces_set_small(|key| !NOT_BODY.contains(&key), true);
}

/// Fails listing every bilingual card face whose text of a key `counts` is set smaller
/// than one step under the card's body size, and (if `whole`) every pair that does not
/// lay out at all.
fn faces_set_small(counts: impl Fn(&str) -> bool, whole: bool) {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let en = content.locale("en").expect("en");
    let mut failures = Vec::new();
    let mut faces = 0;
    let mut engine = Engine::new();
    for size in Paper::CARDS {
        let g = card::geometry(size);
        let least = g.body * ONE_STEP - 0.005;
        for other in content.locales.iter().filter(|l| l.meta.tag != "en") {
            for pair in [[en, other], [other, en]] {
                let name = format!("{}+{}", pair[0].meta.tag, pair[1].meta.tag);
                let doc = match engine.lay_out(&content, &pair, Kind::Card, size) {
                    Ok(doc) => doc,
                    Err(_) if !whole => continue,
                    Err(e) => {
                        failures.push(format!("{name} {}: {e}", size_name(size)));
                        continue;
                    }
                };
                // Whoever finds the card must know whom the number reaches.
                let mut named = false;
                if let Some(front) = doc.pages.first() {
                    bridgeprint::layout::visit(&front.elems, &mut |e, _| {
                        if let Elem::Glyphs(run) = e {
                            named |= &*run.key == "texts.card.hotline_label";
                        }
                    });
                }
                if whole && !named {
                    failures.push(format!("{name} {}: no hotline name", size_name(size)));
                }
                for (i, page) in doc.pages.iter().enumerate() {
                    faces += 1;
                    let band = crate::card_bands::band_bottom(page).unwrap_or(0.0);
                    let mut small: Vec<(f32, String)> = Vec::new();
                    bridgeprint::layout::visit(&page.elems, &mut |e, _| {
                        if let Elem::Glyphs(run) = e
                            && run.y > band
                            && counts(&run.key)
                            && run.size < least
                            && !small.iter().any(|s| *s.1 == *run.key)
                        {
                            small.push((run.size, run.key.to_string()));
                        }
                    });
                    if !small.is_empty() {
                        failures.push(format!(
                            "{name} {} p{}: {}",
                            size_name(size),
                            i + 1,
                            small
                                .iter()
                                .map(|(s, k)| format!("{k} {s:.2} pt"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                }
            }
        }
    }
    assert!(faces > 40, "only {faces} faces laid out");
    assert!(
        failures.is_empty(),
        "{} faces set under {:.2} pt (the body size less one step):\n{}",
        failures.len(),
        7.5 * ONE_STEP,
        failures.join("\n")
    );
}

fn size_name(size: Paper) -> &'static str {
    match size {
        Paper::Business => "business",
        _ => "CR80",
    }
}

/// A pair's front names the hotline once, in its first language (`card::gives_way`), and
/// the build says what gave way; a one-language card names it and says nothing.
#[test]
fn a_pair_card_names_the_hotline_once_in_its_first_language_and_the_build_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("output");
    let ran = bp()
        .args(["build", "--kind", "card", "--locale", "en+ru,ru+en,es"])
        .out(&out)
        .passes();
    let warned = |tags: &str| {
        ran.stderr.contains(&format!(
            "the card pair ({tags}) leaves out the hotline's name in its second language"
        ))
    };
    assert!(warned("en+ru") && warned("ru+en"), "{}", ran.stderr);
    assert!(!ran.stderr.contains("(es) leaves out"), "{}", ran.stderr);

    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let (en, ru) = (
        squash("National Human Trafficking Hotline"),
        squash("Национальная горячая линия против торговли людьми"),
    );
    for (folder, named, not) in [("en+ru", &en, &ru), ("ru+en", &ru, &en)] {
        let card = std::fs::read(out.join(folder).join("card.pdf")).expect("card");
        let front = squash(&pdf::page_text(&card)[0]);
        assert!(front.contains(named.as_str()), "{folder}: {front}");
        assert!(!front.contains(not.as_str()), "{folder}: {front}");
    }
}
