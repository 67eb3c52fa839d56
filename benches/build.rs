//! `cargo bench`: how long bridgeprint takes, in-process and as a one-card process.
//!
//! In-process numbers are wall-clock medians over repeated runs with fonts already
//! parsed; the one-card process number is the CPU time (user + system) of a whole
//! `bridgeprint build --kind card --locale en` process, the number the project's target
//! is stated in (under 20 ms of CPU).

use std::path::Path;
use std::time::{Duration, Instant};

use bridgeprint::{BuildOptions, Engine, Kind, Paper};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time used by finished child processes so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
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
        "one QR code encoded and read back (median)", encode
    );

    let t = Instant::now();
    let mut engine = Engine::new();
    let fonts = t.elapsed();
    println!(
        "{:<44} {:>8.2} ms",
        "parse bundled fonts (once per process)",
        ms(fonts)
    );

    for kind in Kind::ALL {
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
        for kind in Kind::ALL {
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
            bridgeprint::build(&BuildOptions {
                materials: materials.to_path_buf(),
                out: out.path().to_path_buf(),
                kinds: Vec::new(),
                locales: Vec::new(),
                papers: vec![Paper::Letter],
                editions: Vec::new(),
                strict: false,
                font_dirs: Vec::new(),
                lock_timeout: std::time::Duration::ZERO,
                local: None,
                setup: Default::default(),
                organisation: None,
                // Each run makes and writes every file, as a first build does.
                force: true,
                clean: None,
            })
            .expect("build");
            t.elapsed()
        })
        .collect();
    println!(
        "{:<44} {:>8.2} ms",
        "full default build, written (median of 10)",
        ms(median(runs))
    );

    let exe = env!("CARGO_BIN_EXE_bridgeprint");
    let n = 20;
    let before = children_cpu();
    let t = Instant::now();
    for _ in 0..n {
        let status = std::process::Command::new(exe)
            .args(["build", "--kind", "card", "--locale", "en", "--out"])
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
}
