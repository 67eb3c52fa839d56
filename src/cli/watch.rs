//! `bridgeprint watch`: build, then build again each time a content file, font or the
//! project file is saved, until Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use bridgeprint::project::Materials;
use bridgeprint::{Error, Errors};
use notify::{EventKind, RecursiveMode, Watcher};

use super::args::in_project;
use super::report;

/// Build, then build again on every save, until Ctrl-C.
///
/// Builds as `build` does, then again after every save of a content file, a font, or
/// bridgeprint.toml, until Ctrl-C (exit status 0). An error is printed, as `build` prints it, and the watch goes on: the previous PDFs
/// stay as they were until a build succeeds. The folders watched are decided at the start
/// (the materials, the font folders, the project file); after changing `font_dirs`,
/// restart it. The bundled materials never change: watch needs a materials folder or a
/// project.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    build: super::build::Args,
}

/// Saves closer together than this make one rebuild: an editor writes a file in several
/// steps (temporary file, rename, attributes), and "save all" writes several files.
const QUIET: Duration = Duration::from_millis(200);

/// How often a wait for a save looks up to see whether Ctrl-C came.
const TICK: Duration = Duration::from_millis(100);

/// Set by Ctrl-C: the watch finishes the build under way, if any, and ends.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

pub fn run(args: Args) -> Result<(), Errors> {
    let watched = watched(&args.build)?;
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| watch_failed(&watched.roots[0], e))?;
    for (path, mode) in &watched.roots_with_modes() {
        watcher
            .watch(path, *mode)
            .map_err(|e| watch_failed(path, e))?;
    }
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, on_stop as *const () as libc::sighandler_t);
        libc::signal(libc::SIGTERM, on_stop as *const () as libc::sighandler_t);
    }
    build_once(&args.build);
    report::note("watching for saves; Ctrl-C ends");
    while !STOP.load(Ordering::SeqCst) {
        let Some(first) = next_change(&rx, &watched) else {
            continue;
        };
        // Let the rest of the save land before building on half of it.
        let mut changed = vec![first];
        while let Some(more) = settle(&rx, &watched) {
            changed.push(more);
        }
        changed.sort();
        changed.dedup();
        report::note(&format!(
            "changed: {}",
            changed
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        build_once(&args.build);
    }
    Ok(())
}

/// One build, its errors printed and forgotten: a watch outlives a typo.
fn build_once(args: &super::build::Args) {
    if let Err(errors) = super::build::run(args.clone()) {
        report::errors(&errors);
    }
}

/// What a save in may change the PDFs, and the output folder, whose own writes are not
/// saves.
struct Watched {
    /// Folders watched with everything inside them: the materials and the font folders.
    roots: Vec<PathBuf>,
    /// Files watched through their folder (an editor's save replaces the file, and a
    /// watch on the old one would see nothing after the first save).
    files: Vec<PathBuf>,
    out: PathBuf,
}

impl Watched {
    fn roots_with_modes(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut all: Vec<(PathBuf, RecursiveMode)> = self
            .roots
            .iter()
            .map(|r| (r.clone(), RecursiveMode::Recursive))
            .collect();
        for file in &self.files {
            if let Some(dir) = file.parent() {
                all.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        all
    }

    /// Whether a change at `path` is one a build reads.
    fn matters(&self, path: &Path) -> bool {
        !path.starts_with(&self.out)
            && !is_editor_scratch(path)
            && (self.roots.iter().any(|r| path.starts_with(r))
                || self.files.iter().any(|f| f == path))
    }
}

/// Vim's `4913` probe and swap files, Emacs's `#file#` and `.#file`, `file~` backups:
/// written on every save, read by no build.
fn is_editor_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name == "4913"
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// The folders and files the build of `args` reads, resolved as the build resolves them.
fn watched(args: &super::build::Args) -> Result<Watched, Errors> {
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    let Materials::Folder(dir) = &materials else {
        return Err(Error::NoMaterials {
            path: PathBuf::from("materials"),
        }
        .into());
    };
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut roots = vec![absolute(dir)];
    let mut files = Vec::new();
    for font in args.content.font_dirs(project) {
        let font = absolute(&in_project(&font, project));
        if font.is_dir() {
            roots.push(font);
        } else {
            files.push(font);
        }
    }
    if let Some(p) = project {
        files.push(absolute(&p.root.join(bridgeprint::project::FILE)));
    }
    Ok(Watched {
        roots,
        files,
        out: absolute(&in_project(&args.out, project)),
    })
}

/// The first change that matters within one tick, if any.
fn next_change(rx: &mpsc::Receiver<notify::Result<notify::Event>>, w: &Watched) -> Option<PathBuf> {
    wait(rx, w, TICK)
}

/// Another change that matters within [`QUIET`] of the last one.
fn settle(rx: &mpsc::Receiver<notify::Result<notify::Event>>, w: &Watched) -> Option<PathBuf> {
    wait(rx, w, QUIET)
}

fn wait(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    w: &Watched,
    limit: Duration,
) -> Option<PathBuf> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let left = deadline.checked_duration_since(std::time::Instant::now())?;
        match rx.recv_timeout(left) {
            Ok(Ok(event)) if writes(&event.kind) => {
                if let Some(path) = event.paths.into_iter().find(|p| w.matters(p)) {
                    return Some(path);
                }
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => report::note(&format!("watching: {e}")),
            Err(_) => return None,
        }
    }
}

/// A change of what a file holds or where it is, not a read (the build's own reads of
/// the materials are events too) or a touch of its times.
fn writes(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(notify::event::ModifyKind::Metadata(_))
    )
}

fn watch_failed(path: &Path, e: notify::Error) -> Errors {
    Error::Read {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
    .into()
}
