//! How a file is printed (issue 12): `--ink office` leaves no large dark area on any kind
//! and its codes still decode; `--color cmyk` writes only DeviceCMYK colours with text and
//! QR modules in black ink alone (read from the content streams, and from Ghostscript's
//! separations); `--pdf-standard` writes and validates PDF/A-2b, PDF/UA-1 or both, and a
//! file that cannot meet one is an error naming it. The default writes the same bytes as
//! naming every default.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::cli::bp;
use common::materials::BUNDLED;
use common::pdf;

const KINDS: [&str; 6] = [
    "card",
    "poster",
    "handout",
    "tearoff",
    "sticker",
    "safety-card",
];

/// `build` of the bundled materials in `locales` with `flags`, into a fresh folder.
fn built(locales: &str, flags: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    bp().arg("build")
        .materials(BUNDLED)
        .out(&out)
        .epoch("0")
        .args(["--locale", locales])
        .args(flags)
        .passes();
    (dir, out)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The side, in millimetres, of the largest square of `page` (at `dpi`) that is dark
/// all over (grey under half): a band, a panel; a text stroke or a code's module is a
/// few millimetres at most.
fn largest_dark_square(page: &pdf::Gray, dpi: f32) -> f32 {
    let (w, h) = (page.width as usize, page.height as usize);
    let mut side = vec![0u32; w * h];
    let mut best = 0;
    for y in 0..h {
        for x in 0..w {
            if page.pixels[y * w + x] >= 128 {
                continue;
            }
            let s = if x == 0 || y == 0 {
                1
            } else {
                1 + side[(y - 1) * w + x]
                    .min(side[y * w + x - 1])
                    .min(side[(y - 1) * w + x - 1])
            };
            side[y * w + x] = s;
            best = best.max(s);
        }
    }
    best as f32 * 25.4 / dpi
}

/// Above this, a dark square is an area a copier streaks: the full-ink bands are 10 to
/// 34 mm; with `--ink office` the largest dark square anywhere is a code's finder
/// pattern or a bold stroke of the poster's number (5.6 mm).
const DARK_AREA_MM: f32 = 6.0;

#[test]
fn office_ink_leaves_no_large_dark_area_and_every_code_still_decodes() {
    let (_dir, out) = built("en,es,ar", &["--ink", "office"]);
    for loc in ["en", "es", "ar"] {
        for kind in KINDS {
            let bytes = read(&out.join(loc).join(format!("{kind}.pdf")));
            for (i, page) in pdf::render_gray(&bytes, 100.0).iter().enumerate() {
                let side = largest_dark_square(page, 100.0);
                assert!(
                    side < DARK_AREA_MM,
                    "{loc}/{kind}.pdf page {}: a dark area {side:.1} mm across",
                    i + 1
                );
            }
            let codes: Vec<String> = pdf::qr_payloads(&bytes, 300.0).concat();
            assert!(
                codes.iter().any(|c| c == "tel:+18883737888"),
                "{loc}/{kind}.pdf: the hotline's code does not decode: {codes:?}"
            );
        }
    }
    // The measure finds the bands it is there to find.
    let (_full, out) = built("en", &[]);
    let poster = pdf::render_gray(&read(&out.join("en/poster.pdf")), 100.0);
    assert!(largest_dark_square(&poster[0], 100.0) > 3.0 * DARK_AREA_MM);
}

#[test]
fn the_default_is_the_same_bytes_as_every_default_named() {
    let (_a, plain) = built("en,ar", &[]);
    let (_b, named) = built(
        "en,ar",
        &["--ink", "full", "--color", "rgb", "--pdf-standard", "ua-1"],
    );
    for loc in ["en", "ar"] {
        for kind in KINDS {
            let file = format!("{loc}/{kind}.pdf");
            assert!(
                read(&plain.join(&file)) == read(&named.join(&file)),
                "{file} differs"
            );
        }
    }
}

/// Whether `program` runs here; a test that needs it says so and passes without it.
fn have(program: &str, why: &str) -> bool {
    let ok = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: {program} is not installed ({why}); CI installs it");
    }
    ok
}

/// The content streams and objects of `pdf`, uncompressed by qpdf.
fn uncompressed(pdf: &Path) -> String {
    let qdf = pdf.with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf)
        .status()
        .expect("qpdf runs");
    assert!(status.success(), "qpdf --qdf {}", pdf.display());
    String::from_utf8_lossy(&read(&qdf)).into_owned()
}

/// Every page of `pdf` as Ghostscript separates it for a press: C, M, Y, K per pixel.
struct Plates {
    width: usize,
    height: usize,
    cmyk: Vec<[u8; 4]>,
}

fn plates(pdf: &Path, dpi: u32) -> Vec<Plates> {
    let dir = pdf.parent().expect("a folder");
    let stem = pdf.file_stem().expect("a name").to_string_lossy();
    let pattern = dir.join(format!("{stem}-%d.pam"));
    let status = Command::new("gs")
        .args([
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-sDEVICE=pamcmyk32",
        ])
        .arg(format!("-r{dpi}"))
        .arg(format!("-sOutputFile={}", pattern.display()))
        .arg(pdf)
        .status()
        .expect("gs runs");
    assert!(status.success(), "gs pamcmyk32 {}", pdf.display());
    (1..)
        .map(|n| dir.join(format!("{stem}-{n}.pam")))
        .take_while(|p| p.exists())
        .map(|p| pam(&read(&p)))
        .collect()
}

/// A PAM file's CMYK pixels (`P7`, DEPTH 4, MAXVAL 255).
fn pam(bytes: &[u8]) -> Plates {
    let end = bytes
        .windows(7)
        .position(|w| w == b"ENDHDR\n")
        .expect("a PAM header")
        + 7;
    let header = String::from_utf8_lossy(&bytes[..end]);
    let field = |name: &str| -> usize {
        header
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("PAM {name}"))
    };
    let (width, height) = (field("WIDTH"), field("HEIGHT"));
    assert_eq!(field("DEPTH"), 4);
    let cmyk = bytes[end..]
        .chunks_exact(4)
        .map(|c| [c[0], c[1], c[2], c[3]])
        .collect::<Vec<_>>();
    assert_eq!(cmyk.len(), width * height);
    Plates {
        width,
        height,
        cmyk,
    }
}

/// The ink coverage of `area` (x0, y0, x1, y1 in pixels) of `plates`: C, M, Y, K in
/// percent of the area, as Ghostscript's inkcov device gives a page's.
fn coverage(p: &Plates, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> [f64; 4] {
    let mut sum = [0f64; 4];
    let mut n = 0f64;
    for y in y0..y1.min(p.height) {
        for x in x0..x1.min(p.width) {
            let px = p.cmyk[y * p.width + x];
            for (s, v) in sum.iter_mut().zip(px) {
                *s += f64::from(v) / 255.0;
            }
            n += 1.0;
        }
    }
    sum.map(|s| s / n.max(1.0) * 100.0)
}

/// The box round each QR code on `page` (from its finder patterns, at the same `dpi`),
/// widened by `pad` pixels.
fn qr_boxes(page: pdf::Gray, pad: f32) -> Vec<(usize, usize, usize, usize)> {
    let found = rxing::helpers::detect_multiple_in_luma(page.pixels, page.width, page.height)
        .unwrap_or_default();
    found
        .iter()
        .map(|r| {
            let pts = r.getPoints();
            let xs = pts.iter().map(|p| p.x);
            let ys = pts.iter().map(|p| p.y);
            let (x0, x1) = (xs.clone().fold(f32::MAX, f32::min), xs.fold(0.0, f32::max));
            let (y0, y1) = (ys.clone().fold(f32::MAX, f32::min), ys.fold(0.0, f32::max));
            let at = |v: f32| (v.max(0.0)) as usize;
            (at(x0 - pad), at(y0 - pad), at(x1 + pad), at(y1 + pad))
        })
        .collect()
}

#[test]
fn cmyk_output_prints_text_and_codes_in_black_ink_only() {
    let (_dir, out) = built("en,ar", &["--color", "cmyk"]);
    let tools = have("qpdf", "reads the content streams") & have("gs", "separates the inks");
    let mut codes_seen = 0;
    for loc in ["en", "ar"] {
        for kind in KINDS {
            let file = out.join(loc).join(format!("{kind}.pdf"));
            let bytes = read(&file);
            // Codes decode as before: black on white.
            let codes = pdf::qr_payloads(&bytes, 300.0).concat();
            assert!(
                codes.iter().any(|c| c == "tel:+18883737888"),
                "{loc}/{kind}: {codes:?}"
            );
            if !tools {
                continue;
            }
            // Every colour is set with `k`/`K` (DeviceCMYK) or a Separation over it:
            // no RGB operator, no RGB colour space.
            let text = uncompressed(&file);
            for op in [" rg\n", " RG\n", " rg ", " RG ", "/DeviceRGB"] {
                assert!(
                    !text.contains(op),
                    "{loc}/{kind}.pdf writes `{}`",
                    op.trim()
                );
            }
            assert!(
                text.contains("0 0 0 1 k"),
                "{loc}/{kind}.pdf: no K-only black"
            );
            // No pixel of text or code in four-colour black: wherever black ink is
            // heavy (65 % and more, over the navy's 60 %), there is no other ink.
            let dpi = 150;
            let pages = plates(&file, dpi);
            let grays = pdf::render_gray(&bytes, dpi as f32);
            assert_eq!(pages.len(), grays.len());
            for (i, (p, gray)) in pages.iter().zip(grays).enumerate() {
                let heavy: Vec<[u8; 4]> =
                    p.cmyk.iter().copied().filter(|px| px[3] >= 166).collect();
                assert!(
                    heavy.len() > 500,
                    "{loc}/{kind} page {}: no black text",
                    i + 1
                );
                let rich = heavy.iter().filter(|px| px[..3] != [0, 0, 0]).count();
                assert_eq!(
                    rich,
                    0,
                    "{loc}/{kind} page {}: {rich} pixels of rich black",
                    i + 1
                );
                // Each code's area, as inkcov would measure it: black ink only.
                let areas = qr_boxes(gray, 4.0);
                codes_seen += areas.len();
                for area in areas {
                    let [c, m, y, k] = coverage(p, area);
                    assert!(
                        c == 0.0 && m == 0.0 && y == 0.0 && k > 20.0,
                        "{loc}/{kind} page {}: a code's area has C {c:.2} M {m:.2} Y {y:.2} K {k:.2} %",
                        i + 1
                    );
                }
            }
        }
    }
    assert!(
        !tools || codes_seen >= 12,
        "only {codes_seen} codes found on the plates"
    );
}

/// The XMP packet of `pdf` (krilla writes it uncompressed).
fn xmp(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("<x:xmpmeta").expect("an XMP packet");
    let end = text[start..]
        .find("</x:xmpmeta>")
        .expect("the packet's end")
        + start;
    text[start..end].to_string()
}

#[test]
fn pdf_standards_are_claimed_alone_or_together() {
    for (flag, archival, accessible) in [
        ("a-2b", true, false),
        ("ua-1", false, true),
        ("a-2b,ua-1", true, true),
    ] {
        let (_dir, out) = built("en,ar", &["--pdf-standard", flag, "--kind", "card,poster"]);
        for file in ["en/card.pdf", "ar/poster.pdf"] {
            let bytes = read(&out.join(file));
            let meta = xmp(&bytes);
            let text = String::from_utf8_lossy(&bytes);
            assert_eq!(
                meta.contains("<pdfaid:part>2</pdfaid:part>"),
                archival,
                "{flag} {file}"
            );
            assert_eq!(
                meta.contains("<pdfaid:conformance>B"),
                archival,
                "{flag} {file}"
            );
            assert_eq!(text.contains("/OutputIntents"), archival, "{flag} {file}");
            assert_eq!(
                meta.contains("<pdfuaid:part>1"),
                accessible,
                "{flag} {file}"
            );
            // Tagged whatever the standard: a screen reader reads an archival file too.
            assert!(text.contains("/StructTreeRoot"), "{flag} {file}");
        }
    }
}

#[test]
fn the_project_sets_print_modes_and_a_flag_overrides_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path();
    common::materials::copy_dir(Path::new(BUNDLED), &project.join("materials"));
    std::fs::write(
        project.join("bridgeprint.toml"),
        "[build]\nlocales = [\"en\"]\nkinds = [\"card\"]\nink = \"office\"\ncolor = \"cmyk\"\npdf_standard = [\"a-2b\"]\n",
    )
    .expect("write project");
    // PDF/A with CMYK needs a CMYK profile bridgeprint does not ship: refused, named.
    bp().arg("build").in_dir(project).fails_with(&[
        "en card",
        "PDF/A-2b",
        "MissingCMYKProfile",
        "--color rgb",
    ]);
    bp().arg("build")
        .in_dir(project)
        .args(["--color", "rgb", "--out", "rgb"])
        .passes();
    let bytes = read(&project.join("rgb/en/card.pdf"));
    assert!(xmp(&bytes).contains("<pdfaid:part>2</pdfaid:part>"));
    let front = &pdf::render_gray(&bytes, 100.0)[0];
    assert!(
        largest_dark_square(front, 100.0) < DARK_AREA_MM,
        "the project's office ink"
    );

    std::fs::write(
        project.join("bridgeprint.toml"),
        "[build]\nink = \"toner\"\n",
    )
    .expect("write project");
    bp().arg("build")
        .in_dir(project)
        .fails_with(&["bridgeprint.toml:2", "`toner` is no ink"]);
    let refused = bp()
        .arg("build")
        .in_dir(project)
        .args(["--pdf-standard", "a-3b"])
        .status(2);
    for said in ["a-3b", "a-2b", "ua-1"] {
        assert!(refused.stderr.contains(said), "{}", refused.stderr);
    }
}

/// The profile bridgeprint ships for `name` (profiles/).
fn shipped_profile(name: &str) -> Vec<u8> {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("profiles")
            .join(name),
    )
}

#[test]
fn a_cmyk_file_names_its_printing_condition_and_embeds_its_profile() {
    let gracol = shipped_profile("GRACoL_TR006_coated.icc");
    let (_dir, out) = built("en,ar", &["--color", "cmyk"]);
    for loc in ["en", "ar"] {
        for kind in KINDS {
            let file = out.join(loc).join(format!("{kind}.pdf"));
            let bytes = read(&file);
            let intents = pdf::output_intents(&bytes);
            assert_eq!(intents.len(), 1, "{loc}/{kind}: {intents:?}");
            let oi = &intents[0];
            assert_eq!(
                (
                    oi.subtype.as_str(),
                    oi.identifier.as_str(),
                    oi.registry.as_str()
                ),
                ("GTS_PDFX", "CGATS TR 006", "http://www.color.org"),
                "{loc}/{kind}"
            );
            assert_eq!(oi.components, Some(4), "{loc}/{kind}");
            assert!(
                oi.profile == gracol,
                "{loc}/{kind}: not the shipped GRACoL profile"
            );
            // The update leaves the document whole: its text, its tags, its codes.
            let text = pdf::page_text(&bytes).join("\n");
            assert!(text.contains("1-888-373-7888"), "{loc}/{kind}: {text}");
            assert!(
                String::from_utf8_lossy(&bytes).contains("/StructTreeRoot"),
                "{loc}/{kind}"
            );
            if have("qpdf", "checks the file's structure") {
                let check = Command::new("qpdf")
                    .arg("--check")
                    .arg(&file)
                    .output()
                    .expect("qpdf");
                assert!(
                    check.status.success(),
                    "{loc}/{kind}: {}",
                    String::from_utf8_lossy(&check.stdout)
                );
            }
        }
    }
    // Reproducible: the same build, the same bytes.
    let (_again, again) = built("en,ar", &["--color", "cmyk"]);
    for loc in ["en", "ar"] {
        for kind in KINDS {
            let name = format!("{kind}.pdf");
            assert!(
                read(&out.join(loc).join(&name)) == read(&again.join(loc).join(&name)),
                "{loc}/{kind}: two CMYK builds differ"
            );
        }
    }
    // RGB files name no printing condition.
    let (_rgb, rgb) = built("en", &["--kind", "card,sticker"]);
    for kind in ["card", "sticker"] {
        let bytes = read(&rgb.join("en").join(format!("{kind}.pdf")));
        assert_eq!(pdf::output_intents(&bytes), Vec::new(), "rgb {kind}");
    }
}

#[test]
fn the_output_intent_is_chosen_by_flag_or_project_and_sheets_carry_it() {
    for (flag, identifier, profile) in [
        ("fogra39", "FOGRA39", "FOGRA39L_coated.icc"),
        ("swop", "CGATS TR 003", "SWOP_TR003_coated_3.icc"),
    ] {
        let (_dir, out) = built(
            "en",
            &[
                "--color",
                "cmyk",
                "--output-intent",
                flag,
                "--kind",
                "card,poster",
            ],
        );
        for kind in ["card", "poster"] {
            let intents = pdf::output_intents(&read(&out.join("en").join(format!("{kind}.pdf"))));
            assert_eq!(intents.len(), 1, "{flag} {kind}");
            assert_eq!(intents[0].identifier, identifier, "{flag} {kind}");
            assert!(
                intents[0].profile == shipped_profile(profile),
                "{flag} {kind}"
            );
        }
    }
    // An imposed sheet is a CMYK file like any other.
    let (_dir, out) = built(
        "en",
        &["--color", "cmyk", "--kind", "card", "--impose", "letter"],
    );
    let sheets: Vec<PathBuf> = std::fs::read_dir(out.join("en"))
        .expect("en folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    let intents = pdf::output_intents(&read(&sheets[0]));
    assert_eq!(intents.len(), 1);
    assert_eq!(intents[0].identifier, "CGATS TR 006");

    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path();
    common::materials::copy_dir(Path::new(BUNDLED), &project.join("materials"));
    std::fs::write(
        project.join("bridgeprint.toml"),
        "[build]\nlocales = [\"en\"]\nkinds = [\"card\"]\ncolor = \"cmyk\"\noutput_intent = \"swop\"\n",
    )
    .expect("write project");
    bp().arg("build").in_dir(project).passes();
    let intents = pdf::output_intents(&read(&project.join("output/en/card.pdf")));
    assert_eq!(intents[0].identifier, "CGATS TR 003");
    bp().arg("build")
        .in_dir(project)
        .args(["--output-intent", "fogra39", "--out", "eu"])
        .passes();
    let intents = pdf::output_intents(&read(&project.join("eu/en/card.pdf")));
    assert_eq!(intents[0].identifier, "FOGRA39");
    // A condition bridgeprint has no profile for: refused by clap, or at its line.
    let refused = bp()
        .arg("build")
        .in_dir(project)
        .args(["--output-intent", "fogra51"])
        .status(2);
    for said in ["fogra51", "gracol", "fogra39", "swop"] {
        assert!(refused.stderr.contains(said), "{}", refused.stderr);
    }
    std::fs::write(
        project.join("bridgeprint.toml"),
        "[build]\ncolor = \"cmyk\"\noutput_intent = \"iso-coated\"\n",
    )
    .expect("write project");
    bp().arg("build").in_dir(project).fails_with(&[
        "bridgeprint.toml:3",
        "`iso-coated` is no printing condition",
    ]);
}

#[test]
fn the_stickers_cut_path_overprints_and_nothing_else_does() {
    for flags in [&[][..], &["--color", "cmyk"][..]] {
        let (_dir, out) = built(
            "en",
            &[&["--kind", "sticker,card,tearoff"][..], flags].concat(),
        );
        let sticker = read(&out.join("en/sticker.pdf"));
        // One state, used by the CutContour line on both pages, with OPM 1.
        assert_eq!(
            pdf::overprinting_states(&sticker),
            vec![Some(1)],
            "{flags:?}"
        );
        for kind in ["card", "tearoff"] {
            let bytes = read(&out.join("en").join(format!("{kind}.pdf")));
            assert_eq!(
                pdf::overprinting_states(&bytes),
                Vec::new(),
                "{kind} {flags:?}"
            );
        }
    }
}
