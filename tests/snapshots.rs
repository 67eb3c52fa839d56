//! Visual checks: the Arabic, Hindi, Thai and Chinese cards, and a poster and the first
//! handout page of each script family (Latin, Arabic, Devanagari, Thai, CJK, Cyrillic),
//! rendered by hayro, against PNG snapshots in tests/snapshots/ that a person looked at
//! before committing them (joined Arabic, formed conjuncts, Thai marks in place, no boxes,
//! numbers readable, captions apart, icons in place).
//!
//! A layout or font change that moves pixels fails here. After looking at the new
//! rendering (the failure writes it next to a diff under target/snapshot-diff/), accept it
//! with `BRIDGEPRINT_UPDATE_SNAPSHOTS=1 cargo test --release --test tests snapshots::`, look at the
//! files in tests/snapshots/ again, and commit them.

use crate::common;

use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

use bridgeprint::{Engine, Kind, Paper};
use common::pdf::{self, Gray};

/// Resolution of the snapshots: enough to see a vowel mark or a conjunct, small enough to
/// keep the PNGs in the repository light.
const DPI: f32 = 150.0;
/// A pixel counts as changed when its grey differs by more than this (anti-aliasing
/// noise stays well below).
const PIXEL_TOLERANCE: u8 = 64;
/// At most this many changed pixels per page: far fewer than one changed character of
/// the smallest text (about 150 at this resolution).
const MAX_CHANGED: usize = 40;

/// Posters and handouts are Letter pages: half the card's resolution still shows a mark
/// above a letter of their 11 pt and larger text, at a quarter of the bytes.
const PAGE_DPI: f32 = 75.0;

/// One snapshot set: a locale's kind, at a resolution, its first `pages` pages.
struct Case {
    locale: &'static str,
    kind: Kind,
    dpi: f32,
    pages: usize,
}

const fn case(locale: &'static str, kind: Kind, dpi: f32, pages: usize) -> Case {
    Case {
        locale,
        kind,
        dpi,
        pages,
    }
}

const CASES: [Case; 16] = [
    case("ar", Kind::Card, DPI, 2),
    case("hi", Kind::Card, DPI, 2),
    case("th", Kind::Card, DPI, 2),
    case("zh-Hans", Kind::Card, DPI, 2),
    case("en", Kind::Poster, PAGE_DPI, 1),
    case("ar", Kind::Poster, PAGE_DPI, 1),
    case("hi", Kind::Poster, PAGE_DPI, 1),
    case("th", Kind::Poster, PAGE_DPI, 1),
    case("zh-Hans", Kind::Poster, PAGE_DPI, 1),
    case("ru", Kind::Poster, PAGE_DPI, 1),
    case("en", Kind::Handout, PAGE_DPI, 1),
    case("ar", Kind::Handout, PAGE_DPI, 1),
    case("hi", Kind::Handout, PAGE_DPI, 1),
    case("th", Kind::Handout, PAGE_DPI, 1),
    case("zh-Hans", Kind::Handout, PAGE_DPI, 1),
    case("ru", Kind::Handout, PAGE_DPI, 1),
];

fn snapshot_path(locale: &str, kind: Kind, page: usize) -> PathBuf {
    Path::new("tests/snapshots").join(format!("{locale}-{kind}-{page}.png"))
}

fn encode(page: &Gray) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, page.width, page.height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("png header");
    writer.write_image_data(&page.pixels).expect("png data");
    writer.finish().expect("png end");
    bytes
}

fn decode(bytes: &[u8]) -> Gray {
    let decoder = png::Decoder::new(BufReader::new(Cursor::new(bytes)));
    let mut reader = decoder.read_info().expect("snapshot is a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("snapshot pixels");
    assert_eq!(
        (info.color_type, info.bit_depth),
        (png::ColorType::Grayscale, png::BitDepth::Eight),
        "snapshots are 8-bit grey"
    );
    pixels.truncate(info.buffer_size());
    Gray {
        width: info.width,
        height: info.height,
        pixels,
    }
}

/// The changed pixels, and an image of them (black where changed) to look at.
fn compare(expected: &Gray, actual: &Gray) -> (usize, Gray) {
    let diff: Vec<u8> = expected
        .pixels
        .iter()
        .zip(&actual.pixels)
        .map(|(a, b)| {
            if a.abs_diff(*b) > PIXEL_TOLERANCE {
                0
            } else {
                255
            }
        })
        .collect();
    let changed = diff.iter().filter(|&&p| p == 0).count();
    (
        changed,
        Gray {
            width: actual.width,
            height: actual.height,
            pixels: diff,
        },
    )
}

fn pages_of(case: &Case) -> Vec<Gray> {
    let content = bridgeprint::content::load(Path::new("materials")).expect("materials");
    let l = content.locale(case.locale).expect("bundled locale");
    let made = Engine::new()
        .make(&content, &[l], case.kind, Paper::Letter, None)
        .expect("document builds");
    let mut pages = pdf::render_gray(&made.bytes, case.dpi);
    pages.truncate(case.pages);
    pages
}

#[test]
fn cards_posters_and_handouts_of_every_script_look_as_reviewed() {
    let update = std::env::var_os("BRIDGEPRINT_UPDATE_SNAPSHOTS").is_some();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshot-diff");
    let mut failures = Vec::new();
    for case in &CASES {
        let (locale, kind) = (case.locale, case.kind);
        for (i, page) in pages_of(case).iter().enumerate() {
            let path = snapshot_path(locale, kind, i + 1);
            if update {
                std::fs::write(&path, encode(page)).expect("write snapshot");
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                failures.push(format!(
                    "{}: no snapshot (run with BRIDGEPRINT_UPDATE_SNAPSHOTS=1, look at it, commit it)",
                    path.display()
                ));
                continue;
            };
            let expected = decode(&bytes);
            if (expected.width, expected.height) != (page.width, page.height) {
                failures.push(format!(
                    "{}: {}x{} px, the page now renders {}x{}",
                    path.display(),
                    expected.width,
                    expected.height,
                    page.width,
                    page.height
                ));
                continue;
            }
            let (changed, diff) = compare(&expected, page);
            if changed > MAX_CHANGED {
                std::fs::create_dir_all(&out).expect("diff folder");
                let name = format!("{locale}-{kind}-{}", i + 1);
                let actual_path = out.join(format!("{name}.png"));
                let diff_path = out.join(format!("{name}-diff.png"));
                std::fs::write(&actual_path, encode(page)).expect("write actual");
                std::fs::write(&diff_path, encode(&diff)).expect("write diff");
                failures.push(format!(
                    "{}: {changed} pixels changed (at most {MAX_CHANGED}); now: {}, changes: {}",
                    path.display(),
                    actual_path.display(),
                    diff_path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_sees_a_changed_digit() {
    // The same card with one digit of the printed number changed must not pass as the
    // reviewed one: the tolerance is tighter than a character.
    let content = bridgeprint::content::load(Path::new("materials")).expect("materials");
    let mut changed = content.clone();
    if let Some(h) = changed.contacts.by_key.get_mut("hotline") {
        h.display = h.display.replacen('7', "1", 1);
    }
    let ar = content.locale("ar").expect("ar");
    let render = |c: &bridgeprint::Content| {
        let made = Engine::new()
            .make(c, &[ar], Kind::Card, Paper::Letter, None)
            .expect("card builds");
        pdf::render_gray(&made.bytes, DPI).remove(0)
    };
    let (n, _) = compare(&render(&content), &render(&changed));
    assert!(n > MAX_CHANGED, "a changed digit moved only {n} pixels");
}
