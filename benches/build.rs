//! `cargo bench`: how long bridgeprint takes, in-process and as a process, beside Typst.
//!
//! In-process numbers are wall-clock medians over repeated runs with fonts already
//! parsed. The summary at the end holds issue 14's targets: the full bundled matrix as one
//! `bridgeprint build` process (wall), a one-card process (CPU, user + system), the peak
//! memory of the full build (the child's `ru_maxrss`) and the card's PDF bytes, each beside
//! Typst compiling the same card (`benches/typst/card.typ`, timed in-process by
//! `benches/typst/time.py`) when a Python with the `typst` module is found: `$TYPST_PYTHON`,
//! else `/tmp/typst-venv/bin/python`, else `python3`.

use std::path::Path;
use std::time::{Duration, Instant};

use bridgeprint::{BuildOptions, Engine, Kind, Paper};

/// Every kind and locale of `materials` on `papers` in `editions`, made and written in
/// full each time, as a first build does (`force`).
fn full_build(
    materials: &Path,
    out: std::path::PathBuf,
    papers: Vec<Paper>,
    editions: Vec<String>,
) -> BuildOptions {
    BuildOptions {
        materials: materials.to_path_buf(),
        out,
        kinds: Vec::new(),
        locales: Vec::new(),
        papers,
        editions,
        strict: false,
        font_dirs: Vec::new(),
        lock_timeout: std::time::Duration::ZERO,
        local: None,
        setup: Default::default(),
        output: Default::default(),
        organisation: None,
        deny_warnings: false,
        force: true,
        clean: None,
        impose: None,
        notice: None,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One finished child's own usage: wall time, CPU (user + system) and peak memory.
struct Child {
    wall: Duration,
    cpu: Duration,
    max_rss_kb: i64,
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Runs `cmd` to the end and reads its own rusage (`wait4`), not every child's so far.
fn run_child(cmd: &mut std::process::Command) -> Child {
    let t = Instant::now();
    #[allow(clippy::zombie_processes)] // reaped by wait4 below, which clippy cannot see
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run bridgeprint");
    let mut status = 0;
    // SAFETY: wait4 only writes into the status and the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut ru) };
    let wall = t.elapsed();
    assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    Child {
        wall,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
        max_rss_kb: ru.ru_maxrss,
    }
}

/// Typst compiling `benches/typst/card.typ`: (making the compiler, which loads the fonts,
/// ms; first compile ms; median ms of the next 20; PDF bytes), or `None` when no Python
/// with the `typst` module is found.
fn typst_card() -> Option<(f64, f64, f64, usize)> {
    let candidates = std::env::var("TYPST_PYTHON").ok().into_iter().chain([
        "/tmp/typst-venv/bin/python".to_string(),
        "python3".to_string(),
    ]);
    for python in candidates {
        let Ok(out) = std::process::Command::new(&python)
            .args(["benches/typst/time.py", "20"])
            .output()
        else {
            continue;
        };
        if !out.status.success() {
            continue;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let field = |name: &str| -> Option<f64> {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse().ok())
        };
        return Some((
            field("fonts_ms")?,
            field("cold_ms")?,
            field("median_ms")?,
            field("pdf_bytes")? as usize,
        ));
    }
    None
}

/// CPU time used by finished child processes so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn main() {
    let materials = Path::new("materials");
    let content = bridgeprint::content::load(materials).expect("bundled materials load");
    let en = content.locale("en").expect("en locale");

    let runs: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            bridgeprint::content::load(materials).expect("bundled materials load");
            t.elapsed()
        })
        .collect();
    println!(
        "{:<44} {:>8.2} ms",
        "load and check all materials (median of 30)",
        ms(median(runs))
    );

    let hotline = &content.contacts.get("hotline").expect("hotline").payload;
    let symbol = bridgeprint::qr::encode("hotline", hotline).expect("encode");
    let time_qr = |f: &dyn Fn()| {
        let runs: Vec<Duration> = (0..1000)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        median(runs).as_secs_f64() * 1e6
    };
    let encode = time_qr(&|| {
        bridgeprint::qr::encode("hotline", hotline).expect("encode");
    });
    let read_back = time_qr(&|| {
        bridgeprint::qr::verify("hotline", &symbol).expect("reads back");
    });
    println!(
        "{:<44} {:>8.1} us ({read_back:.1} us of it reading back)",
        "one QR code (made once a process) read back", encode
    );

    let t = Instant::now();
    let mut engine = Engine::new();
    let fonts = t.elapsed();
    println!(
        "{:<44} {:>8.2} ms",
        "parse bundled fonts (once per process)",
        ms(fonts)
    );

    for kind in Kind::made_by_default() {
        // Warm up, then time.
        engine
            .make(&content, &[en], kind, Paper::Letter, None)
            .expect("make");
        let runs: Vec<Duration> = (0..30)
            .map(|_| {
                let t = Instant::now();
                engine
                    .make(&content, &[en], kind, Paper::Letter, None)
                    .expect("make");
                t.elapsed()
            })
            .collect();
        println!(
            "{:<44} {:>8.2} ms",
            format!("one {} (en, in memory, median of 30)", kind.name()),
            ms(median(runs))
        );
    }

    // What the ink check adds to a layout pass: every glyph's outline box, from the cache.
    let mut fonts = bridgeprint::layout::Fonts::new();
    let doc = bridgeprint::compose::compose(&content, &[en], Kind::Handout, Paper::Letter)
        .expect("compose");
    let laid = bridgeprint::layout::layout(&doc, &mut fonts).expect("layout");
    let runs: Vec<&bridgeprint::layout::GlyphRun> = laid
        .pages
        .iter()
        .flat_map(|p| &p.elems)
        .filter_map(|e| match e {
            bridgeprint::layout::Elem::Glyphs(r) => Some(r),
            _ => None,
        })
        .collect();
    let glyphs: usize = runs.iter().map(|r| r.glyphs.len()).sum();
    let times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            for r in &runs {
                std::hint::black_box(fonts.glyph_ink(r));
            }
            t.elapsed()
        })
        .collect();
    println!(
        "{:<44} {:>8.1} us",
        format!("ink of the en handout's {glyphs} glyphs (median)"),
        median(times).as_secs_f64() * 1e6
    );

    // Every locale, pair and paper laid out: where the ink check runs most.
    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            bridgeprint::check(materials, false, &[]).expect("check");
            t.elapsed()
        })
        .collect();
    println!(
        "{:<44} {:>8.2} ms",
        "check: lay out every document (median of 5)",
        ms(median(runs))
    );

    // The read-back alone (src/readback.rs), on laid-out documents: the target is under
    // 1 ms a document.
    for tag in ["en", "ar"] {
        let locale = content.locale(tag).expect("bundled locale");
        for kind in Kind::made_by_default() {
            let doc = bridgeprint::compose::compose(&content, &[locale], kind, Paper::Letter)
                .expect("compose");
            let mut laid = bridgeprint::layout::layout(&doc, &mut fonts).expect("layout");
            bridgeprint::layout::links::attach(&mut laid, &content.contacts);
            let runs: Vec<Duration> = (0..200)
                .map(|_| {
                    let t = Instant::now();
                    bridgeprint::readback::check(&laid, &content.contacts).expect("reads back");
                    t.elapsed()
                })
                .collect();
            println!(
                "{:<44} {:>8.1} us",
                format!("read back one {} ({tag}, median of 200)", kind.name()),
                median(runs).as_secs_f64() * 1e6
            );
        }
    }

    let out = tempfile::tempdir().expect("temp dir");
    let runs: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            bridgeprint::build(&full_build(
                materials,
                out.path().to_path_buf(),
                vec![Paper::Letter],
                Vec::new(),
            ))
            .expect("build");
            t.elapsed()
        })
        .collect();
    println!(
        "{:<44} {:>8.2} ms",
        "full default build, written (median of 10)",
        ms(median(runs))
    );

    // Every edition on every paper, in-process: the largest matrix the bundled materials make.
    let runs: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            bridgeprint::build(&full_build(
                materials,
                out.path().join("every"),
                Paper::ALL.to_vec(),
                vec!["all".to_string()],
            ))
            .expect("build");
            t.elapsed()
        })
        .collect();
    let every = files_under(&out.path().join("every"));
    println!(
        "{:<44} {:>8.2} ms ({every} PDFs)",
        "every edition on every paper (median of 3)",
        ms(median(runs))
    );

    let exe = env!("CARGO_BIN_EXE_bridgeprint");
    let n = 20;
    let before = children_cpu();
    let t = Instant::now();
    for _ in 0..n {
        let status = std::process::Command::new(exe)
            .args([
                "build", "--force", "--kind", "card", "--locale", "en", "--out",
            ])
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run bridgeprint");
        assert!(status.success());
    }
    let cpu = (children_cpu() - before) / n;
    let wall = t.elapsed() / n;
    println!(
        "{:<44} {:>8.2} ms CPU ({:.2} ms wall)",
        "one-card process, whole (mean of 20)",
        ms(cpu),
        ms(wall)
    );

    // The full bundled matrix (every locale and kind, Letter), as a user runs it.
    let full: Vec<Child> = (0..5)
        .map(|_| {
            run_child(
                std::process::Command::new(exe)
                    .args(["build", "--force", "--out"])
                    .arg(out.path().join("full")),
            )
        })
        .collect();
    // The same build again with nothing changed: every file is left as it is.
    let again = median(
        (0..10)
            .map(|_| {
                run_child(
                    std::process::Command::new(exe)
                        .args(["build", "--out"])
                        .arg(out.path().join("full")),
                )
                .wall
            })
            .collect(),
    );
    let pdfs = files_under(&out.path().join("full"));
    let full_wall = median(full.iter().map(|c| c.wall).collect());
    let full_cpu = median(full.iter().map(|c| c.cpu).collect());
    let peak_mb = full.iter().map(|c| c.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0;
    let card_cpu = median(
        (0..20)
            .map(|_| {
                run_child(
                    std::process::Command::new(exe)
                        .args([
                            "build", "--force", "--kind", "card", "--locale", "en", "--out",
                        ])
                        .arg(out.path().join("card")),
                )
                .cpu
            })
            .collect(),
    );
    let card = engine
        .make(
            &content,
            &[en],
            Kind::Card,
            Paper::Letter,
            Some(1_700_000_000),
        )
        .expect("card")
        .bytes
        .len();
    let typst = typst_card();
    let floor = floor_cpu(&out.path().join("floor"), card);

    println!();
    println!(
        "{:<40} {:>12} {:>14} {:>10}",
        "issue 14 target", "bridgeprint", "Typst", "target"
    );
    println!(
        "{:<40} {:>9.0} ms {:>14} {:>10}",
        format!("full bundled matrix, wall ({pdfs} PDFs)"),
        ms(full_wall),
        "",
        "< 500 ms"
    );
    println!(
        "{:<40} {:>9.0} ms {:>14} {:>10}",
        "  (its CPU, all threads)",
        ms(full_cpu),
        "",
        ""
    );
    println!(
        "{:<40} {:>9.0} ms {:>14} {:>10}",
        "the same build again, nothing changed",
        ms(again),
        "",
        "< 100 ms"
    );
    println!(
        "{:<40} {:>9.0} MB {:>14} {:>10}",
        "full build, peak memory", peak_mb, "", "< 200 MB"
    );
    match typst {
        Some((fonts, cold, warm, bytes)) => {
            println!(
                "{:<40} {:>9.2} ms {:>11.2} ms {:>10}",
                "one card: process CPU / Typst 1st compile",
                ms(card_cpu),
                cold,
                "<= 0.2x"
            );
            println!(
                "{:<40} {:>12} {:>11.2} ms {:>10}",
                "  Typst, fonts loaded + 1st compile",
                "",
                fonts + cold,
                ""
            );
            println!(
                "{:<40} {:>12} {:>11.2} ms {:>10}",
                "  Typst, later compiles (memoized)", "", warm, ""
            );
            println!(
                "{:<40} {:>12.2} {:>14} {:>10}",
                "  ratio to Typst's 1st compile",
                ms(card_cpu) / cold,
                "",
                ""
            );
            println!(
                "{:<40} {:>12.2} {:>14} {:>10}",
                "  ratio to fonts loaded + 1st compile",
                ms(card_cpu) / (fonts + cold),
                "",
                ""
            );
            println!(
                "{:<40} {:>9} B {:>12} B {:>10}",
                "one card, PDF bytes", card, bytes, "<= Typst"
            );
        }
        None => {
            println!(
                "{:<40} {:>9.2} ms {:>14}",
                "one card: process CPU",
                ms(card_cpu),
                "-"
            );
            println!("{:<40} {:>9} B {:>14}", "one card, PDF bytes", card, "-");
            println!("Typst: not installed (pip install typst)");
        }
    }
    if let Some(floor) = floor {
        println!(
            "{:<40} {:>9.2} ms {:>14} {:>10}",
            "  floor: exec+read+write (benches/floor)",
            ms(floor),
            "",
            ""
        );
    }
}

/// The median CPU of `benches/floor/floor.rs` (compiled here with `rustc -O`) writing a
/// file of `bytes` into `out` as a card build does: what a one-card process cannot go
/// below. `None` when `rustc` is not found.
fn floor_cpu(out: &Path, bytes: usize) -> Option<Duration> {
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bridgeprint-floor");
    let built = std::process::Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()))
        .args(["-O", "--edition", "2021", "benches/floor/floor.rs", "-o"])
        .arg(&exe)
        .status()
        .ok()?;
    if !built.success() {
        return None;
    }
    let runs: Vec<Duration> = (0..20)
        .map(|_| {
            run_child(
                std::process::Command::new(&exe)
                    .arg("materials")
                    .arg(out)
                    .arg(bytes.to_string()),
            )
            .cpu
        })
        .collect();
    Some(median(runs))
}

/// How many PDFs are under `dir`.
fn files_under(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                files_under(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "pdf"))
            }
        })
        .sum()
}
