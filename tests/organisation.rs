//! `[organisation]` through the real binary: the logo (SVG, PNG) on the page in its box,
//! clear of every QR code; a coarse PNG warned about; a broken or missing logo refused by
//! name before any PDF is written; the distribution line in each language, and a locale
//! without one refused at its place in bridgeprint.toml.

use std::path::{Path, PathBuf};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::Pixmap;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

use crate::common::cli::bp;
use crate::common::pdf::{page_text, qr_payloads};

const LOGOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/logos");

/// A project made by `init` with `[organisation]` set to `table` and the fixture logos
/// copied in.
fn project(table: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    bp().in_dir(tmp.path()).arg("init").arg("proj").passes();
    for entry in std::fs::read_dir(LOGOS).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
    }
    let file = root.join("bridgeprint.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n[organisation]\n");
    text.push_str(table);
    std::fs::write(file, text).unwrap();
    (tmp, root)
}

fn build(root: &Path, args: &[&str]) -> crate::common::cli::Ran {
    bp().in_dir(root)
        .epoch("1700000000")
        .arg("build")
        .args(args)
        .passes()
}

/// Every page at 72 dpi (a pixel a point), in colour.
fn raster(pdf: &[u8]) -> Vec<Pixmap> {
    let doc = Pdf::new(pdf.to_vec()).expect("a readable PDF");
    let cache = RenderCache::new();
    doc.pages()
        .iter()
        .map(|page| {
            hayro::render(
                page,
                &cache,
                &InterpreterSettings::default(),
                &RenderSettings::default(),
                &PixmapSettings {
                    x_scale: 1.0,
                    y_scale: 1.0,
                    bg_color: WHITE,
                },
            )
        })
        .collect()
}

/// The bounding box (x0, y0, x1, y1) of the pixels within 12 of `rgb` per channel, with
/// how many there are.
fn find(page: &Pixmap, rgb: [u8; 3]) -> Option<([usize; 4], usize)> {
    let w = usize::from(page.width());
    let mut b = [usize::MAX, usize::MAX, 0, 0];
    let mut n = 0;
    for (i, p) in page.data().iter().enumerate() {
        let near = [p.r, p.g, p.b]
            .iter()
            .zip(rgb)
            .all(|(g, want)| g.abs_diff(want) <= 12);
        if near {
            let (x, y) = (i % w, i / w);
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            n += 1;
        }
    }
    (n > 0).then_some((b, n))
}

/// No pixel of a QR module (pure black: text is the theme's ink, #1a1a1a) within
/// `reach` points of `bbox`: a logo there would sit in a code's quiet zone.
fn clear_of_codes(page: &Pixmap, bbox: [usize; 4], reach: usize) -> bool {
    let (w, h) = (usize::from(page.width()), usize::from(page.height()));
    let data = page.data();
    let x0 = bbox[0].saturating_sub(reach);
    let y0 = bbox[1].saturating_sub(reach);
    for y in y0..(bbox[3] + reach).min(h - 1) {
        for x in x0..(bbox[2] + reach).min(w - 1) {
            let p = data[y * w + x];
            if p.r < 4 && p.g < 4 && p.b < 4 {
                return false;
            }
        }
    }
    true
}

/// The blue disc and amber bar of logo.svg; the green and magenta halves of logo.png.
const SVG_COLOURS: [[u8; 3]; 2] = [[0x1f, 0x6f, 0xeb], [0xff, 0xb0, 0x00]];
const PNG_COLOURS: [[u8; 3]; 2] = [[0, 160, 80], [200, 0, 200]];

/// A QR code's quiet zone on a poster is about 15 pt; on a card about 9 pt.
const QUIET: usize = 16;

fn logo_on_every_kind(logo: &str, colours: [[u8; 3]; 2]) {
    let (_tmp, root) = project(&format!(
        "name = \"Safe Harbor Coalition\"\nlogo = \"{logo}\"\n"
    ));
    build(&root, &["--locale", "en"]);
    // The card's back, the poster's page, the handout's first page.
    for (file, page) in [("card.pdf", 1), ("poster.pdf", 0), ("handout.pdf", 0)] {
        let pdf = std::fs::read(root.join("output/en").join(file)).unwrap();
        let pages = raster(&pdf);
        for colour in colours {
            let (bbox, n) = find(&pages[page], colour)
                .unwrap_or_else(|| panic!("{file}: no pixel of the logo's {colour:?}"));
            assert!(n > 40, "{file}: only {n} pixels of {colour:?}");
            assert!(
                clear_of_codes(
                    &pages[page],
                    bbox,
                    if file == "card.pdf" { 8 } else { QUIET }
                ),
                "{file}: the logo's {colour:?} at {bbox:?} is within a QR code's quiet zone"
            );
        }
        // And every code still reads.
        let codes: usize = qr_payloads(&pdf, 300.0).iter().map(Vec::len).sum();
        assert!(
            codes >= 2 || file == "handout.pdf",
            "{file}: {codes} codes read"
        );
    }
}

#[test]
fn an_svg_logo_prints_on_poster_handout_and_card_back_clear_of_the_codes() {
    logo_on_every_kind("logo.svg", SVG_COLOURS);
}

#[test]
fn a_png_logo_prints_on_poster_handout_and_card_back_clear_of_the_codes() {
    logo_on_every_kind("logo.png", PNG_COLOURS);
}

#[test]
fn a_png_logo_read_by_its_bytes_whatever_its_name() {
    let (_tmp, root) = project("name = \"Safe Harbor Coalition\"\nlogo = \"looks-like.svg\"\n");
    std::fs::copy(root.join("logo.png"), root.join("looks-like.svg")).unwrap();
    build(&root, &["--locale", "en", "--kind", "poster"]);
    let pdf = std::fs::read(root.join("output/en/poster.pdf")).unwrap();
    assert!(find(&raster(&pdf)[0], PNG_COLOURS[0]).is_some());
}

#[test]
fn a_coarse_png_logo_is_warned_about_with_its_size_and_dpi() {
    let (_tmp, root) = project("name = \"Safe Harbor Coalition\"\nlogo = \"small.png\"\n");
    let ran = build(&root, &["--locale", "en", "--kind", "card"]);
    for needle in ["small.png", "60 x 24 px", "dpi", "card"] {
        assert!(
            ran.stderr.contains(needle),
            "{needle:?} not in:\n{}",
            ran.stderr
        );
    }
    // The fine one is not.
    let (_tmp, root) = project("name = \"Safe Harbor Coalition\"\nlogo = \"logo.png\"\n");
    let ran = build(&root, &["--locale", "en"]);
    assert!(!ran.stderr.contains("dpi"), "{}", ran.stderr);
}

/// Refused, naming the file, and nothing written.
fn refused(table: &str, needles: &[&str]) {
    let (_tmp, root) = project(table);
    bp().in_dir(&root)
        .arg("build")
        .args(["--locale", "en"])
        .fails_with(needles);
    assert!(!root.join("output").exists(), "a PDF was written");
}

#[test]
fn a_broken_missing_or_worded_logo_is_refused_by_name_before_any_pdf() {
    refused(
        "name = \"SHC\"\nlogo = \"broken.png\"\n",
        &["broken.png", "broken PNG"],
    );
    refused("name = \"SHC\"\nlogo = \"gone.svg\"\n", &["gone.svg"]);
    refused(
        "name = \"SHC\"\nlogo = \"with-text.svg\"\n",
        &["with-text.svg", "outlines"],
    );
    refused(
        "name = \"SHC\"\nlogo = \"bridgeprint.toml\"\n",
        &["bridgeprint.toml", "not a PNG, JPEG or SVG"],
    );
    refused(
        "name = \"SHC\"\nlogo = \"../logo.svg\"\n",
        &["bridgeprint.toml:", "inside the project"],
    );
}

#[test]
fn a_distribution_table_without_the_built_locale_is_refused_at_its_line() {
    let (_tmp, root) = project(
        "name = \"Safe Harbor Coalition\"\ndistribution = { en = \"Distributed by Safe Harbor Coalition\" }\n",
    );
    bp().in_dir(&root)
        .arg("build")
        .args(["--locale", "es"])
        .fails_with(&["bridgeprint.toml:", "distribution", "`es`"]);
    assert!(!root.join("output").exists());
}

#[test]
fn a_phone_number_typed_in_the_distribution_line_is_refused() {
    refused(
        "name = \"SHC\"\ndistribution = \"Call us at 503-555-0142\"\n",
        &["bridgeprint.toml:", "distribution", "503-555-0142"],
    );
}

#[test]
fn a_website_that_names_no_web_record_gets_a_suggestion() {
    refused(
        "name = \"SHC\"\nwebsite = \"websit\"\n",
        &["bridgeprint.toml:", "websit", "did you mean `website`"],
    );
}

#[test]
fn a_bilingual_poster_carries_the_distribution_line_in_both_languages() {
    let (_tmp, root) = project(
        "name = \"Safe Harbor Coalition\"\nlogo = \"logo.svg\"\ndistribution = { en = \"Distributed by Safe Harbor Coalition\", es = \"Distribuido por Safe Harbor Coalition\" }\n",
    );
    build(&root, &["--locale", "en+es", "--kind", "poster"]);
    let pdf = std::fs::read(root.join("output/en+es/poster.pdf")).unwrap();
    let text = page_text(&pdf).join("\n");
    for line in [
        "Distributed by Safe Harbor Coalition",
        "Distribuido por Safe Harbor Coalition",
    ] {
        assert!(text.contains(line), "{line:?} not on the page:\n{text}");
    }
    let codes: usize = qr_payloads(&pdf, 300.0).iter().map(Vec::len).sum();
    assert_eq!(codes, 2);
}

#[test]
fn a_pair_poster_puts_the_logo_on_its_first_language_side() {
    // es+en reads from the left; ar+en, led by Arabic, from the right.
    let (_tmp, root) = project(
        "name = \"Safe Harbor Coalition\"\nlogo = \"logo.svg\"\ndistribution = \"Distributed by Safe Harbor Coalition\"\n",
    );
    build(
        &root,
        &["--locale", "es+en", "--locale", "ar+en", "--kind", "poster"],
    );
    for (pair, left) in [("es+en", true), ("ar+en", false)] {
        let pdf = std::fs::read(root.join("output").join(pair).join("poster.pdf")).unwrap();
        let page = &raster(&pdf)[0];
        let (bbox, _) = find(page, SVG_COLOURS[0]).expect("the logo on the page");
        let half = usize::from(page.width()) / 2;
        assert!(
            if left { bbox[2] < half } else { bbox[0] > half },
            "{pair}: the logo at {bbox:?} is not on the first language's side"
        );
    }
}

#[test]
fn the_website_and_name_print_and_the_website_links() {
    let (_tmp, root) =
        project("name = \"Safe Harbor Coalition\"\nwebsite = \"website\"\nlogo = \"logo.svg\"\n");
    build(&root, &["--locale", "en", "--kind", "poster"]);
    let pdf = std::fs::read(root.join("output/en/poster.pdf")).unwrap();
    let text = page_text(&pdf).join("\n");
    assert!(text.contains("Safe Harbor Coalition"), "{text}");
    assert!(text.contains("humantraffickinghotline.org"), "{text}");
}

#[test]
fn without_an_organisation_the_pdfs_are_the_bytes_of_no_project() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    bp().in_dir(tmp.path()).arg("init").arg("proj").passes();
    build(&root, &["--locale", "en"]);
    let bare = tmp.path().join("bare");
    bp().in_dir(tmp.path())
        .epoch("1700000000")
        .arg("build")
        .materials(root.join("materials"))
        .out(&bare)
        .args(["--locale", "en"])
        .passes();
    for file in ["card.pdf", "poster.pdf", "handout.pdf"] {
        let a = std::fs::read(root.join("output/en").join(file)).unwrap();
        let b = std::fs::read(bare.join("en").join(file)).unwrap();
        assert!(a == b, "{file} differs");
    }
}

#[test]
fn a_logo_alone_is_a_figure_named_by_the_organisation_and_one_beside_its_name_is_not() {
    let (_tmp, root) = project("name = \"Safe Harbor Coalition\"\nlogo = \"logo.svg\"\n");
    build(
        &root,
        &["--locale", "en", "--kind", "card", "--kind", "poster"],
    );
    let figures = |file: &str| -> Vec<Option<String>> {
        let pdf = std::fs::read(root.join("output/en").join(file)).unwrap();
        crate::common::structure::structure(&pdf)
            .all("Figure")
            .iter()
            .map(|f| f.alt.clone())
            .filter(|alt| alt.as_deref().is_some_and(|a| a.starts_with("Logo")))
            .collect()
    };
    // The card's back shows the logo alone: a screen reader says whose it is.
    assert_eq!(
        figures("card.pdf"),
        vec![Some("Logo: Safe Harbor Coalition".to_string())]
    );
    // The poster prints the name beside it: the logo is decoration, not said twice.
    assert!(figures("poster.pdf").is_empty());
    // The same bytes from a second build.
    let first = std::fs::read(root.join("output/en/card.pdf")).unwrap();
    build(&root, &["--locale", "en", "--kind", "card"]);
    assert!(first == std::fs::read(root.join("output/en/card.pdf")).unwrap());
}

/// A coordinator's table: the logo, and one distribution line for every language.
const EVERY_LANGUAGE: &str = "name = \"Safe Harbor Coalition\"\nlogo = \"logo.svg\"\ndistribution = \"Distributed by Safe Harbor Coalition\"\n";

#[test]
fn check_fits_the_organisation_on_every_pair_poster_and_paper() {
    let (_tmp, root) = project(EVERY_LANGUAGE);
    let ran = bp()
        .in_dir(&root)
        .arg("check")
        .args(["--kind", "poster"])
        .passes();
    let said = format!("{}{}", ran.stdout, ran.stderr);
    assert!(said.contains("all fit"), "{said}");
}

#[test]
fn a_pair_poster_carries_the_organisation_clear_of_the_codes_above_the_draft_notice() {
    let (_tmp, root) = project(
        "name = \"Safe Harbor Coalition\"\nlogo = \"logo.svg\"\ndistribution = { en = \"Distributed by Safe Harbor Coalition\", es = \"Distribuido por Safe Harbor Coalition\", ar = \"توزيع Safe Harbor Coalition\" }\n",
    );
    let pairs = ["en+es", "ar+en"];
    let mut args = vec!["--kind", "poster", "--paper", "letter", "--paper", "a4"];
    for pair in pairs {
        args.extend(["--locale", pair]);
    }
    build(&root, &args);
    for pair in pairs {
        for file in ["poster.pdf", "poster-a4.pdf"] {
            let pdf = std::fs::read(root.join("output").join(pair).join(file)).unwrap();
            let page = &raster(&pdf)[0];
            let height = usize::from(page.height());
            for colour in SVG_COLOURS {
                let (bbox, n) = find(page, colour)
                    .unwrap_or_else(|| panic!("{pair} {file}: no pixel of the logo's {colour:?}"));
                assert!(n > 40, "{pair} {file}: only {n} pixels of {colour:?}");
                assert!(
                    clear_of_codes(page, bbox, QUIET),
                    "{pair} {file}: the logo's {colour:?} at {bbox:?} is within a QR code's quiet zone"
                );
                // In the foot, above the draft notice's band (its top 32 pt above the edge).
                assert!(
                    bbox[1] > height * 3 / 4 && bbox[3] < height - 32,
                    "{pair} {file}: the logo at {bbox:?} is not in the foot above the notice"
                );
            }
            let text = page_text(&pdf).join("\n");
            for line in [
                "Safe Harbor Coalition",
                "Distributed by Safe Harbor Coalition",
                "Draft translation, not yet reviewed",
            ] {
                assert!(
                    text.contains(line),
                    "{pair} {file}: {line:?} not on the page:\n{text}"
                );
            }
            let codes: usize = qr_payloads(&pdf, 300.0).iter().map(Vec::len).sum();
            assert_eq!(codes, 2, "{pair} {file}");
        }
    }
}

#[test]
fn with_local_help_a_pair_poster_leaves_the_strip_out_and_the_build_says_so() {
    // The panel under the columns takes the foot: both do not fit at 16 pt on Letter.
    let (_tmp, root) = project(&format!(
        "{EVERY_LANGUAGE}{}",
        r#"
[contacts.shelter]
kind = "voice"
number = "+15035550199"
name = "Safe shelter"
source = "Called 2026-11-20"
verified = 2026-11-20

[local_help]
lines = ["shelter"]
qr = ["shelter"]

[local_help.labels.shelter]
en = "Safe shelter, day and night: {shelter}"
es = "Refugio seguro, día y noche: {shelter}"
"#
    ));
    let ran = build(&root, &["--locale", "en+es", "--kind", "poster"]);
    assert!(
        ran.stderr
            .contains("(en+es) leaves out the organisation's strip"),
        "{}",
        ran.stderr
    );
    let pdf = std::fs::read(root.join("output/en+es/poster.pdf")).unwrap();
    assert!(find(&raster(&pdf)[0], SVG_COLOURS[0]).is_none());
    assert!(page_text(&pdf).join("\n").contains("Safe shelter"));
}

/// A bilingual card's band holds two languages' lines: where they need the logo's room
/// (Tagalog and English), the logo gives way and the build says so; where they do not
/// (Spanish and English), the logo prints. `check` passes both.
#[test]
fn a_pair_card_without_room_for_the_logo_leaves_it_out_and_says_so() {
    let (_tmp, root) = project("name = \"Safe Harbor Coalition\"\nlogo = \"logo.svg\"\n");
    let ran = build(
        &root,
        &["--kind", "card", "--locale", "tl+en", "--locale", "en+es"],
    );
    assert!(
        ran.stderr
            .contains("tl+en/card.pdf leaves out the organisation's logo"),
        "{}",
        ran.stderr
    );
    assert!(
        !ran.stderr.contains("en+es/card.pdf leaves out"),
        "{}",
        ran.stderr
    );
    let out = root.join("output");
    let tl = std::fs::read(out.join("tl+en/card.pdf")).unwrap();
    let es = std::fs::read(out.join("en+es/card.pdf")).unwrap();
    assert!(
        find(&raster(&tl)[1], SVG_COLOURS[1]).is_none(),
        "a logo on tl+en"
    );
    assert!(
        find(&raster(&es)[1], SVG_COLOURS[1]).is_some(),
        "no logo on en+es"
    );
    bp().in_dir(&root)
        .args([
            "check", "--kind", "card", "--locale", "tl+en", "--locale", "uk+en",
        ])
        .passes();
}

#[test]
fn a_coarse_logo_on_the_safety_card_alone_is_warned_about() {
    // The safety card carries the logo only when asked, in the card's box: built without
    // the card, its own warning is the only one.
    let table = "name = \"Safe Harbor Coalition\"\nlogo = \"small.png\"\non_safety_card = true\n";
    let (_tmp, root) = project(table);
    let ran = build(&root, &["--locale", "en", "--kind", "safety-card"]);
    for needle in ["small.png", "60 x 24 px", "dpi", "safety-card"] {
        assert!(
            ran.stderr.contains(needle),
            "{needle:?} not in:\n{}",
            ran.stderr
        );
    }
    // Not carried: nothing to warn about.
    let (_tmp, root) = project("name = \"Safe Harbor Coalition\"\nlogo = \"small.png\"\n");
    let ran = build(&root, &["--locale", "en", "--kind", "safety-card"]);
    assert!(!ran.stderr.contains("dpi"), "{}", ran.stderr);
}

#[test]
fn the_tearoff_flyer_prints_the_organisation_over_its_tabs() {
    let (_tmp, root) =
        project("name = \"Safe Harbor Coalition\"\nwebsite = \"website\"\nlogo = \"logo.svg\"\n");
    build(&root, &["--locale", "en,ar", "--kind", "tearoff"]);
    for loc in ["en", "ar"] {
        let pdf = std::fs::read(root.join(format!("output/{loc}/tearoff.pdf"))).unwrap();
        let text = page_text(&pdf).join("\n");
        assert!(text.contains("Safe Harbor Coalition"), "{loc}: {text}");
        assert!(
            text.contains("humantraffickinghotline.org"),
            "{loc}: {text}"
        );
        // The name's line sits above the tabs (the last 2.3 in of the sheet), whose
        // numbers the build has read back.
        let glyphs = crate::common::pdf::page_glyphs(&pdf).remove(0);
        let name_y = glyphs
            .iter()
            .filter(|g| g.text == "H" || g.text == "C")
            .map(|g| g.line_y)
            .find(|y| {
                let mut line: Vec<_> = glyphs
                    .iter()
                    .filter(|g| (g.line_y - y).abs() < 0.5)
                    .collect();
                line.sort_by(|a, b| a.origin.0.total_cmp(&b.origin.0));
                let text: String = line.iter().map(|g| g.text.as_str()).collect();
                text.replace(' ', "").contains("SafeHarborCoalition")
            })
            .expect("the name's line");
        let tabs_top = 11.0 * 72.0 - 2.3 * 72.0;
        assert!(
            name_y < tabs_top,
            "{loc}: the name at {name_y} pt, the tabs from {tabs_top}"
        );
        let codes = qr_payloads(&pdf, 300.0).concat();
        assert!(
            codes.iter().any(|c| c == "tel:+18883737888"),
            "{loc}: {codes:?}"
        );
        assert!(
            codes.iter().any(|c| c.starts_with("SMSTO:233733")),
            "{loc}: {codes:?}"
        );
    }
}
