//! Visual checks: the Arabic, Hindi, Thai and Chinese cards, rendered by hayro, against
//! PNG snapshots in tests/snapshots/ that a person looked at before committing them
//! (joined Arabic, formed conjuncts, Thai marks in place, no boxes, numbers readable).
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

const LOCALES: [&str; 4] = ["ar", "hi", "th", "zh-Hans"];

fn snapshot_path(locale: &str, page: usize) -> PathBuf {
    Path::new("tests/snapshots").join(format!("{locale}-card-{page}.png"))
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

fn card_pages(locale: &str) -> Vec<Gray> {
    let content = bridgeprint::content::load(Path::new("materials")).expect("materials");
    let l = content.locale(locale).expect("bundled locale");
    let made = Engine::new()
        .make(&content, &[l], Kind::Card, Paper::Letter, None)
        .expect("card builds");
    pdf::render_gray(&made.bytes, DPI)
}

#[test]
fn complex_script_cards_look_as_reviewed() {
    let update = std::env::var_os("BRIDGEPRINT_UPDATE_SNAPSHOTS").is_some();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshot-diff");
    let mut failures = Vec::new();
    for locale in LOCALES {
        for (i, page) in card_pages(locale).iter().enumerate() {
            let path = snapshot_path(locale, i + 1);
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
                    "{}: {}x{} px, the card now renders {}x{}",
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
                let name = format!("{locale}-card-{}", i + 1);
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
