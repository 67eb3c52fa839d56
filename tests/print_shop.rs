//! A job for a print shop (issue 12): `--bleed` gives every kind a TrimBox at its paper
//! and a BleedBox the bleed beyond it, the fills a template marks run into it (the
//! poster's band, read from pixels), text and codes stay where they were on the trim;
//! `--marks` adds K-only crop marks beyond the bleed and the file's name and page in the
//! slug, an artifact; a card or sticker keeps its 0.125 in by default.

use crate::common;

use std::path::Path;

use bridgeprint::compose::Setup;
use bridgeprint::compose::print::Print;
use bridgeprint::layout::{Elem, LaidDocument};
use bridgeprint::{Content, Engine, Kind, Paper};
use common::cli::bp;
use common::pdf;

const MM: f64 = 72.0 / 25.4;

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("bundled materials load")
}

fn engine(print: Print) -> Engine {
    Engine::new().with_setup(Setup {
        print,
        ..Setup::default()
    })
}

fn make(content: &Content, tag: &str, kind: Kind, print: Print) -> Vec<u8> {
    let locale = content.locale(tag).expect("bundled locale");
    engine(print)
        .make(content, &[locale], kind, Paper::Letter, Some(0))
        .unwrap_or_else(|e| panic!("{tag} {kind}: {e}"))
        .bytes
}

fn laid(content: &Content, tag: &str, kind: Kind, print: Print) -> LaidDocument {
    let locale = content.locale(tag).expect("bundled locale");
    engine(print)
        .lay_out(content, &[locale], kind, Paper::Letter)
        .unwrap_or_else(|e| panic!("{tag} {kind}: {e}"))
}

fn bleed(points: f32) -> Print {
    Print {
        bleed: Some(points),
        marks: false,
    }
}

fn close(a: [f64; 4], b: [f64; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
}

#[test]
fn every_kind_with_3mm_bleed_has_its_trim_at_the_paper_and_its_bleed_3mm_beyond() {
    let content = content();
    let b = 3.0 * MM;
    for kind in Kind::made_by_default() {
        let bytes = make(&content, "en", kind, bleed(3.0 * MM as f32));
        let trims = pdf::page_boxes(&bytes);
        for (page, boxes) in pdf::print_boxes(&bytes).iter().enumerate() {
            let trim = boxes
                .trim
                .unwrap_or_else(|| panic!("{kind} p{page}: no TrimBox"));
            let bleed = boxes
                .bleed
                .unwrap_or_else(|| panic!("{kind} p{page}: no BleedBox"));
            let (w, h) = (trim[2] - trim[0], trim[3] - trim[1]);
            // The trim is the paper the kind is printed on, whatever the bleed.
            let (tw, th) = trims[page].trim_mm;
            assert!(((w / MM) as f32 - tw).abs() < 0.01 && ((h / MM) as f32 - th).abs() < 0.01);
            assert!(
                close(bleed, [trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b]),
                "{kind} p{page}: trim {trim:?}, bleed {bleed:?}"
            );
            // No marks asked for: the sheet is the bleed.
            assert!(close(boxes.media, bleed), "{kind} p{page}: {boxes:?}");
        }
    }
}

#[test]
fn a_card_and_a_sticker_keep_their_eighth_inch_and_pages_have_no_bleed_by_default() {
    let content = content();
    for kind in Kind::made_by_default() {
        let default = make(&content, "en", kind, Print::default());
        let boxes = pdf::print_boxes(&default);
        match kind {
            Kind::Card | Kind::SafetyCard | Kind::Sticker => {
                // Byte for byte what `--bleed 0.125in` makes.
                assert!(
                    default == make(&content, "en", kind, bleed(9.0)),
                    "{kind}: the default is not 0.125 in of bleed"
                );
                assert!(boxes.iter().all(|b| b.bleed.is_some()), "{kind}");
            }
            _ => assert!(
                boxes.iter().all(|b| b.trim.is_none() && b.bleed.is_none()),
                "{kind}: {boxes:?}"
            ),
        }
    }
}

#[test]
fn the_posters_band_runs_into_the_bleed_read_from_its_pixels() {
    let content = content();
    let dpi = 150.0;
    let b = 3.0 * MM;
    for tag in ["en", "ar"] {
        let bytes = make(&content, tag, Kind::Poster, bleed(b as f32));
        let page = &pdf::render_gray(&bytes, dpi)[0];
        let px = |pt: f64| (pt * f64::from(dpi) / 72.0) as u32;
        let at = |x: u32, y: u32| page.pixels[(y * page.width + x) as usize];
        // The band is navy: dark grey. Inside the top bleed strip, the left one and the
        // right one, at the band's height, it is still there.
        let mid = page.width / 2;
        let strip = px(b) / 2;
        let band_y = px(b + 20.0);
        for (what, x, y) in [
            ("top", mid, strip),
            ("left", strip, band_y),
            ("right", page.width - 1 - strip, band_y),
            ("top-left corner", 1, 1),
        ] {
            assert!(
                at(x, y) < 110,
                "{tag}: the band stops short of the {what} bleed ({})",
                at(x, y)
            );
        }
        // Below the band nothing runs into the bleed.
        assert!(
            at(strip, page.height / 2) > 240,
            "{tag}: ink in the left bleed mid-page"
        );
    }
}

/// Where each run of text and each code is, and what it holds: everything but the fills.
fn placed(laid: &LaidDocument) -> Vec<String> {
    laid.pages
        .iter()
        .flat_map(|p| p.elems.iter())
        .filter_map(|e| match e {
            // The slug's notes (a draft notice) move with the bleed: they are beyond it.
            Elem::Glyphs(run) if run.role != bridgeprint::types::Role::Artifact => {
                let ids: Vec<u32> = run.glyphs.iter().map(|g| g.id).collect();
                Some(format!(
                    "{} {} {} {} {ids:?}",
                    run.text, run.x, run.y, run.size
                ))
            }
            Elem::Qr { rect, code, .. } => Some(format!("{rect:?} {}", code.payload)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_bleed_moves_no_text_or_code_and_keeps_them_inside_the_safe_area() {
    let content = content();
    for kind in Kind::made_by_default() {
        for tag in ["en", "ar"] {
            let none = laid(&content, tag, kind, bleed(0.0));
            let wide = laid(&content, tag, kind, bleed(10.0 * MM as f32));
            // Bleed is outside the trim: what is printed on the trim is where it was.
            let (a, b) = (placed(&none), placed(&wide));
            assert_eq!(a.len(), b.len(), "{tag} {kind}");
            if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
                let cut = |s: &str| s.chars().take(300).collect::<String>();
                panic!("{tag} {kind}: {} became {}", cut(x), cut(y));
            }
            for page in &wide.pages {
                let inset = kind.safe_inset(Paper::Letter, 1).min(9.5);
                let inside = |r: bridgeprint::types::Rect, what: &str| {
                    // A card's band heading may rise 2 pt into its safe margin, a caption
                    // drop 2 pt: never nearer the cut than 7.5 pt.
                    let margin = inset - 2.0;
                    assert!(
                        r.x >= margin - 0.5
                            && r.y >= margin - 2.5
                            && r.x + r.w <= page.size.w - margin + 0.5
                            && r.y + r.h <= page.size.h - margin + 2.5,
                        "{tag} {kind}: {what} at {r:?} outside the safe area of {:?}",
                        page.size
                    );
                };
                for e in &page.elems {
                    match e {
                        Elem::Qr { rect, .. } => inside(*rect, "a QR code"),
                        Elem::Glyphs(run) if run.role != bridgeprint::types::Role::Artifact => {
                            let left = run.x;
                            let right = run.x + run.glyphs.iter().map(|g| g.advance).sum::<f32>();
                            inside(
                                bridgeprint::types::Rect::new(
                                    left,
                                    run.y - run.size * 0.8,
                                    right - left,
                                    run.size,
                                ),
                                "text",
                            )
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

#[test]
fn crop_marks_are_k_only_hairlines_beyond_the_bleed_and_the_slug_names_file_and_page() {
    let out = tempfile::tempdir().expect("temp dir");
    bp().arg("build")
        .materials("materials")
        .out(out.path())
        .args([
            "--locale",
            "es,ar",
            "--kind",
            "poster,card",
            "--paper",
            "a4",
        ])
        .args(["--bleed", "3mm", "--marks"])
        .passes();
    let bytes = std::fs::read(out.path().join("es/poster-a4.pdf")).expect("poster");
    let boxes = pdf::print_boxes(&bytes)[0];
    let (trim, bleed) = (boxes.trim.expect("trim"), boxes.bleed.expect("bleed"));
    // The sheet grows past the bleed by the slug, which holds the marks.
    let slug = bleed[0] - boxes.media[0];
    assert!(slug >= 15.0, "{boxes:?}");
    assert!((trim[0] - bleed[0] - 3.0 * MM).abs() < 0.01, "{boxes:?}");
    let content = &pdf::page_content(&bytes)[0];
    // The marks are stroked at 0.25 pt in DeviceGray black (`0 G`), never RGB.
    let marks = content.split("0 G").nth(1).unwrap_or_else(|| {
        panic!(
            "no DeviceGray stroke in {}",
            &content[..content.len().min(400)]
        )
    });
    let marks = &marks[..marks.find('S').expect("the marks are stroked")];
    assert!(!marks.contains("RG"), "an RGB colour in the marks: {marks}");
    assert!(content.contains("0.25 w"), "no hairline");
    // Sixteen segments beyond the bleed: eight marks of two points each.
    assert_eq!(marks.matches(" m").count(), 8, "{marks}");
    // The slug's words extract, and are an artifact: not content a reader hears.
    let glyphs = &pdf::page_glyphs(&bytes)[0];
    let slug_text: String = glyphs
        .iter()
        .filter(|g| g.artifact)
        .map(|g| g.text.as_str())
        .collect();
    assert!(
        slug_text
            .replace(' ', "")
            .contains("es/poster-a4.pdf·page1of1"),
        "{slug_text}"
    );
    let text = pdf::page_text(&bytes).concat();
    assert!(text.contains("es/poster-a4.pdf · page 1 of 1"), "{text}");
    // In Arabic it reads the same way round.
    let ar = std::fs::read(out.path().join("ar/card.pdf")).expect("card");
    let text = pdf::page_text(&ar);
    assert!(text[1].contains("ar/card.pdf · page 2 of 2"), "{}", text[1]);
}

#[test]
fn marks_without_bleed_sit_at_the_trim_corners() {
    let content = content();
    let bytes = make(
        &content,
        "en",
        Kind::Handout,
        Print {
            bleed: Some(0.0),
            marks: true,
        },
    );
    for (i, boxes) in pdf::print_boxes(&bytes).iter().enumerate() {
        let (trim, bleed) = (boxes.trim.expect("trim"), boxes.bleed.expect("bleed"));
        assert!(close(trim, bleed), "p{i}: {boxes:?}");
        assert!(trim[0] - boxes.media[0] >= 15.0, "p{i}: {boxes:?}");
    }
    let pages = pdf::page_content(&bytes);
    assert!(
        pages.iter().all(|c| c.contains("0 G")),
        "a handout page without marks"
    );
    let text = pdf::page_text(&bytes);
    let n = text.len();
    assert!(
        text[n - 1].contains(&format!("en/handout.pdf · page {n} of {n}")),
        "{}",
        text[n - 1]
    );
}

#[test]
fn a_draft_cards_notice_and_the_marks_share_the_slug_without_touching() {
    let content = content();
    // A draft locale (its notice goes to the card's slug).
    let draft = content
        .locales
        .iter()
        .find(|l| l.meta.status == bridgeprint::content::Status::Draft)
        .map(|l| l.meta.tag.clone());
    let Some(tag) = draft else {
        return;
    };
    let laid = laid(
        &content,
        &tag,
        Kind::Card,
        Print {
            bleed: None,
            marks: true,
        },
    );
    for page in &laid.pages {
        let bottom_marks = page.size.h
            + page.bleed
            + bridgeprint::layout::MARK_OFFSET
            + bridgeprint::layout::MARK_LENGTH;
        for e in &page.elems {
            if let Elem::Glyphs(run) = e
                && &*run.key == bridgeprint::compose::DRAFT_NOTICE_KEY
            {
                assert!(
                    run.y - run.size > bottom_marks,
                    "notice at {} over marks ending {bottom_marks}",
                    run.y
                );
                assert!(
                    run.y < page.size.h + page.bleed + page.slug,
                    "notice off the sheet"
                );
            }
        }
    }
}

#[test]
fn a_bleed_the_tool_cannot_read_is_a_usage_error_naming_the_flag_and_its_forms() {
    for bad in ["3cm", "3", "2in", "-1mm"] {
        let ran = bp().args(["build", &format!("--bleed={bad}")]).status(2);
        assert!(ran.stderr.contains("--bleed"), "{bad}: {}", ran.stderr);
        assert!(
            ran.stderr.contains("`3mm`, `0.125in`, `9pt` or `0`"),
            "{bad}: {}",
            ran.stderr
        );
    }
}

#[test]
fn a_projects_build_table_sets_bleed_and_marks_and_a_bad_bleed_points_at_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bridgeprint.toml"),
        "[build]\nkinds = [\"poster\"]\nlocales = [\"en\"]\nbleed = \"0.125in\"\nmarks = true\n",
    )
    .expect("write project");
    bp().in_dir(dir.path()).arg("build").passes();
    let bytes = std::fs::read(dir.path().join("output/en/poster.pdf")).expect("poster");
    let boxes = pdf::print_boxes(&bytes)[0];
    let (trim, bleed) = (boxes.trim.expect("trim"), boxes.bleed.expect("bleed"));
    assert!((trim[0] - bleed[0] - 9.0).abs() < 0.01, "{boxes:?}");
    assert!(
        bleed[0] - boxes.media[0] > 0.0,
        "no slug for the marks: {boxes:?}"
    );
    std::fs::write(
        dir.path().join("bridgeprint.toml"),
        "[build]\nlocales = [\"en\"]\nbleed = \"3 cm\"\n",
    )
    .expect("write project");
    bp().in_dir(dir.path())
        .arg("build")
        .fails_with(&["bridgeprint.toml:3", "`3mm`, `0.125in`, `9pt` or `0`"]);
}

fn business() -> Engine {
    Engine::new()
}

#[test]
fn the_business_card_is_3_5_by_2_in_and_its_codes_decode_in_every_locale() {
    let content = content();
    let mut engine = business();
    let tel = content
        .contacts
        .get("hotline")
        .expect("hotline")
        .payload
        .clone();
    for kind in [Kind::Card, Kind::SafetyCard] {
        for locale in &content.locales {
            let tag = locale.meta.tag.as_str();
            let made = engine
                .make(&content, &[locale], kind, Paper::Business, Some(0))
                .unwrap_or_else(|e| panic!("{tag} {kind} on a business card: {e}"));
            for boxes in pdf::page_boxes(&made.bytes) {
                let (w, h) = boxes.trim_mm;
                assert!(
                    (w - 88.9).abs() < 0.01 && (h - 50.8).abs() < 0.01,
                    "{tag} {kind}: {w} x {h} mm"
                );
            }
            if ["en", "es", "ar", "zh-Hans"].contains(&tag) {
                let codes = pdf::qr_payloads(&made.bytes, 300.0);
                assert!(
                    codes[0].contains(&tel),
                    "{tag} {kind}: front codes {:?}",
                    codes[0]
                );
            }
            // The code keeps the kind's minimum.
            let laid = engine
                .lay_out(&content, &[locale], kind, Paper::Business)
                .expect("lays out");
            for e in laid.pages.iter().flat_map(|p| &p.elems) {
                if let Elem::Qr { rect, .. } = e {
                    assert!(
                        rect.w / MM as f32 >= kind.spec().qr_min_mm[0] - 1e-3,
                        "{tag} {kind}: {rect:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn check_lays_out_every_locale_and_english_pair_on_the_business_card() {
    let ran = bp()
        .args([
            "check",
            "--kind",
            "card,safety-card",
            "--card-size",
            "business",
        ])
        .passes();
    assert!(
        ran.stderr.contains("all fit") || ran.stdout.contains("all fit"),
        "{}",
        ran.stderr
    );
}

/// The page's digits, in reading order, without the punctuation between them.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn card_size_business_writes_business_files_at_3_5_by_2_in_whose_code_dials_the_printed_number() {
    let out = tempfile::tempdir().expect("temp dir");
    bp().args(["build", "--locale", "en,ar,en+es", "--kind", "card"])
        .args(["--card-size", "business", "--json"])
        .out(out.path())
        .passes();
    bp().args(["build", "--locale", "en,ar", "--kind", "safety-card"])
        .args(["--card-size", "business"])
        .out(out.path())
        .passes();
    for (file, pages) in [
        ("en/card-business.pdf", 2),
        ("en/safety-card-business.pdf", 2),
        ("ar/card-business.pdf", 2),
        ("ar/safety-card-business.pdf", 2),
        ("en+es/card-business.pdf", 2),
    ] {
        let bytes = std::fs::read(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let boxes = pdf::print_boxes(&bytes);
        assert_eq!(boxes.len(), pages, "{file}");
        for b in &boxes {
            let trim = b.trim.expect("trim");
            let bleed = b.bleed.expect("bleed");
            // 3.5 x 2 in at the trim, and the cards' 0.125 in beyond it.
            assert!(
                ((trim[2] - trim[0]) - 252.0).abs() < 0.01
                    && ((trim[3] - trim[1]) - 144.0).abs() < 0.01,
                "{file}: trim {trim:?}"
            );
            assert!(
                ((bleed[2] - bleed[0]) - 270.0).abs() < 0.01
                    && ((bleed[3] - bleed[1]) - 162.0).abs() < 0.01,
                "{file}: bleed {bleed:?}"
            );
        }
        let codes = pdf::qr_payloads(&bytes, 300.0);
        let front = &codes[0];
        assert!(
            !front.is_empty(),
            "{file}: no code on the front decodes at 300 dpi"
        );
        let text = digits(&pdf::page_text(&bytes)[0]);
        for code in front {
            let number = digits(code);
            assert!(
                number.len() >= 6 && text.contains(&number),
                "{file}: the front's code dials {code}, not a number printed on it ({text})"
            );
        }
    }
    // Only what was asked: no CR80 file beside them.
    assert!(!out.path().join("en/card.pdf").exists());
}

#[test]
fn the_default_card_keeps_its_name_and_a_bad_card_size_is_a_usage_error_naming_the_flag() {
    let out = tempfile::tempdir().expect("temp dir");
    let ran = bp()
        .args(["build", "--locale", "en", "--kind", "card", "--json"])
        .out(out.path())
        .passes();
    assert!(out.path().join("en/card.pdf").exists());
    assert!(!out.path().join("en/card-business.pdf").exists());
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).expect("json");
    assert_eq!(json["files"][0]["card_size"], "cr80", "{json}");
    assert_eq!(json["files"][0]["paper"], serde_json::Value::Null, "{json}");
    let bad = bp()
        .args(["build", "--kind", "card", "--card-size", "a4"])
        .out(out.path())
        .status(2);
    for needle in ["--card-size", "cr80", "business"] {
        assert!(bad.stderr.contains(needle), "{needle}: {}", bad.stderr);
    }
}

#[test]
fn a_projects_card_sizes_make_both_and_clean_knows_the_business_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bridgeprint.toml"),
        "[build]\nlocales = [\"es\"]\nkinds = [\"card\"]\ncard_sizes = [\"cr80\", \"business\"]\n",
    )
    .expect("write project");
    let ran = bp().in_dir(dir.path()).args(["build", "--json"]).passes();
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).expect("json");
    let sizes: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["card_size"].as_str().expect("card_size"))
        .collect();
    assert_eq!(sizes, ["cr80", "business"], "{json}");
    let business = dir.path().join("output/es/card-business.pdf");
    assert!(business.exists());
    // The manifest knows the file: a second build finds it unchanged, and once the
    // project no longer asks for it, --clean removes it.
    let again = bp().in_dir(dir.path()).args(["build", "--json"]).passes();
    let again: serde_json::Value = serde_json::from_str(&again.stdout).expect("json");
    assert_eq!(again["totals"]["rebuilt"], 0, "{again}");
    std::fs::write(
        dir.path().join("bridgeprint.toml"),
        "[build]\nlocales = [\"es\"]\nkinds = [\"card\"]\n",
    )
    .expect("write project");
    bp().in_dir(dir.path()).args(["build", "--clean"]).passes();
    assert!(!business.exists(), "--clean left card-business.pdf");
    assert!(dir.path().join("output/es/card.pdf").exists());
    std::fs::write(
        dir.path().join("bridgeprint.toml"),
        "[build]\ncard_sizes = [\"wallet\"]\n",
    )
    .expect("write project");
    bp().in_dir(dir.path())
        .arg("build")
        .fails_with(&["bridgeprint.toml:2", "card size"]);
}
