//! Ink a print shop or an office printer would lose (issue 13): a draft's notice set on
//! one line and kept 1/8 in inside a card's or sticker's media (beyond its slug, where the
//! sheet is cut) and 1/4 in inside a page printed without bleed (what an office printer
//! cannot reach), in every document and every English pair; and every mark a sticker
//! prints 1/8 in inside the cut path its cutter follows. Measured by the glyphs' ink on
//! the laid-out pages.

use bridgeprint::compose::{DRAFT_NOTICE_KEY, NoticePlace, Point, Rect};
use bridgeprint::layout::{Elem, Fonts, GlyphRun, LaidPage};
use bridgeprint::types::Transform;
use bridgeprint::{Content, Engine, Kind, Paper};

use crate::common::docs::{self, Doc};

/// 1/8 in: inside a cut, where a cutter's drift cannot reach.
const CUT_SAFE: f32 = 9.0;
/// 1/4 in: the rim many office printers leave unprinted.
const PRINTABLE: f32 = 18.0;

fn content() -> Content {
    bridgeprint::content::load(std::path::Path::new("materials")).expect("bundled materials load")
}

/// The ink box of each glyph of the runs on `page` that `keep` picks, in page space, with
/// the baseline of its run.
fn inks(
    fonts: &mut Fonts,
    page: &LaidPage,
    keep: impl Fn(&GlyphRun) -> bool,
) -> Vec<(Rect, f32, String)> {
    let mut runs: Vec<(&GlyphRun, Transform)> = Vec::new();
    bridgeprint::layout::visit(&page.elems, &mut |e, to_page| {
        if let Elem::Glyphs(run) = e
            && keep(run)
        {
            runs.push((run, to_page));
        }
    });
    let mut out = Vec::new();
    for (run, t) in runs {
        for (glyph, ink) in run.glyphs.iter().zip(fonts.glyph_ink(run)) {
            let Some(ink) = ink else { continue };
            let baseline = t.bounds(Rect::new(run.x, run.y, 0.0, 0.0)).y;
            let what = format!(
                "{:?} of {:?} ({:.2} pt)",
                run.text.get(glyph.text.clone()).unwrap_or("?"),
                &*run.key,
                run.size
            );
            out.push((t.bounds(ink.rect()), baseline, what));
        }
    }
    out
}

/// The sheet a page prints on: its trim, the bleed and the slug round it.
fn media(page: &LaidPage) -> Rect {
    let o = page.bleed + page.slug;
    Rect::new(-o, -o, page.size.w + 2.0 * o, page.size.h + 2.0 * o)
}

/// How far inside `outer` the box `r` lies (negative: past its edge).
fn inside_by(r: Rect, outer: Rect) -> f32 {
    (r.x - outer.x)
        .min(r.y - outer.y)
        .min(outer.right() - r.right())
        .min(outer.bottom() - r.bottom())
}

/// Where a draft's notice breaks the rules on `page`: how many lines it takes, and the
/// glyphs nearer the media's edge than `clear`.
fn notice_faults(fonts: &mut Fonts, page: &LaidPage, clear: f32) -> Vec<String> {
    let found = inks(fonts, page, |r| &*r.key == DRAFT_NOTICE_KEY);
    let mut faults = Vec::new();
    let mut lines: Vec<f32> = Vec::new();
    for (_, baseline, _) in &found {
        if !lines.iter().any(|b| (b - baseline).abs() < 0.5) {
            lines.push(*baseline);
        }
    }
    if lines.len() > 1 {
        faults.push(format!("{} lines", lines.len()));
    }
    let sheet = media(page);
    if let Some((r, _, what)) = found
        .iter()
        .min_by(|a, b| inside_by(a.0, sheet).total_cmp(&inside_by(b.0, sheet)))
    {
        let by = inside_by(*r, sheet);
        if by < clear - 0.01 {
            faults.push(format!("{what} {by:.2} pt from the media's edge"));
        }
    }
    faults
}

#[test]
fn a_drafts_notice_is_one_line_clear_of_the_edge_in_every_document_and_english_pair() {
    let content = content();
    let mut fonts = Fonts::new();
    let (mut failures, mut notices) = (Vec::new(), 0);
    // Every document the check plan makes and every English pair on every paper and card size.
    for Doc {
        name,
        kind,
        laid: doc,
        ..
    } in docs::every_document(&content)
    {
        // A card's or sticker's notice is in the slug, cut away 1/8 in inside the sheet's
        // edge at the least; a page's is on paper an office printer takes.
        let clear = match kind.spec().draft_notice {
            NoticePlace::Slug { .. } => CUT_SAFE,
            NoticePlace::Foot { .. } => PRINTABLE,
        };
        for (i, page) in doc.pages.iter().enumerate() {
            if !doc.meta.draft {
                continue;
            }
            notices += 1;
            for fault in notice_faults(&mut fonts, page, clear) {
                failures.push(format!("{name} p{}: {fault}", i + 1));
            }
        }
    }
    assert!(notices > 500, "only {notices} pages with a notice");
    assert!(
        failures.is_empty(),
        "{} faults:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The shortest distance from `p` to the polyline `path`.
fn to_path(p: Point, path: &[Point]) -> f32 {
    path.windows(2)
        .map(|s| {
            let (a, b) = (s[0], s[1]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (cx, cy) = (a.x + t * dx - p.x, a.y + t * dy - p.y);
            (cx * cx + cy * cy).sqrt()
        })
        .fold(f32::INFINITY, f32::min)
}

/// How far inside the cut path `path` (convex, round the trim `trim`) the box `r` lies:
/// the distance to a convex outline is least at one of a box's corners. Negative past the
/// trim.
fn inside_cut(r: Rect, path: &[Point], trim: Rect) -> f32 {
    if inside_by(r, trim) < 0.0 {
        return inside_by(r, trim);
    }
    [
        Point::new(r.x, r.y),
        Point::new(r.right(), r.y),
        Point::new(r.x, r.bottom()),
        Point::new(r.right(), r.bottom()),
    ]
    .into_iter()
    .map(|p| to_path(p, path))
    .fold(f32::INFINITY, f32::min)
}

#[test]
fn every_stickers_ink_keeps_an_eighth_inch_inside_its_cut_path() {
    let content = content();
    let mut fonts = Fonts::new();
    let mut engine = Engine::new();
    let mut failures = Vec::new();
    let mut pages = 0;
    for locale in &content.locales {
        let doc = engine
            .lay_out(&content, &[locale], Kind::Sticker, Paper::Letter)
            .expect("lays out");
        for (i, page) in doc.pages.iter().enumerate() {
            let Some(path) = page.elems.iter().find_map(|e| match e {
                Elem::Stroke {
                    points,
                    spot: Some(s),
                    ..
                } if &**s == "CutContour" => Some(points.clone()),
                _ => None,
            }) else {
                panic!("{} sticker p{}: no cut path", locale.meta.tag, i + 1);
            };
            pages += 1;
            let trim = Rect::new(0.0, 0.0, page.size.w, page.size.h);
            // The draft notice is in the slug, outside the trim, on purpose.
            let mut marks: Vec<(Rect, String)> =
                inks(&mut fonts, page, |r| &*r.key != DRAFT_NOTICE_KEY)
                    .into_iter()
                    .map(|(r, _, what)| (r, what))
                    .collect();
            for e in &page.elems {
                match e {
                    Elem::Qr { rect, contact, .. } => {
                        marks.push((*rect, format!("code {contact}")))
                    }
                    Elem::Image { rect, .. } => marks.push((*rect, "image".into())),
                    _ => {}
                }
            }
            if let Some((r, what)) = marks.iter().min_by(|a, b| {
                inside_cut(a.0, &path, trim).total_cmp(&inside_cut(b.0, &path, trim))
            }) {
                let by = inside_cut(*r, &path, trim);
                if by < CUT_SAFE - 0.01 {
                    failures.push(format!(
                        "{} sticker p{}: {what} {by:.2} pt ({:.2} mm) inside the cut",
                        locale.meta.tag,
                        i + 1,
                        by / bridgeprint::compose::MM
                    ));
                }
            }
        }
    }
    assert_eq!(pages, 2 * content.locales.len());
    assert!(
        failures.is_empty(),
        "{} stickers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_cut_measure_sees_ink_in_a_rounded_corner_and_not_ink_well_inside() {
    let trim = Rect::new(0.0, 0.0, 216.0, 144.0);
    let path = bridgeprint::compose::sticker::cut_path(
        bridgeprint::compose::Size::new(trim.w, trim.h),
        9.0,
    );
    // 9 pt in from both edges: on the corner's centre, 9 pt from its arc.
    let on_centre = inside_cut(Rect::new(9.0, 9.0, 10.0, 10.0), &path, trim);
    assert!((on_centre - 9.0).abs() < 0.05, "{on_centre}");
    // 9.5 pt from both edges' lines but nearer the arc, diagonally: under 9 pt.
    let corner = inside_cut(Rect::new(4.0, 4.0, 10.0, 10.0), &path, trim);
    assert!(corner < 9.0, "{corner}");
    assert!(inside_cut(Rect::new(-1.0, 50.0, 10.0, 10.0), &path, trim) < 0.0);
    assert!(inside_cut(Rect::new(50.0, 50.0, 10.0, 10.0), &path, trim) > 40.0);
}
