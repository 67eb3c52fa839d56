//! `build`: every requested document made in memory, then written as one set.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::compose::{Kind, Paper, Setup};
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::engine::{Engine, Made};
use crate::error::{Error, Errors};
use crate::select::{Selection, distinct, select_editions, select_locales, with_editions};
use crate::{clock, content, drafts, fingerprint, impose, layout, lock, manifest, write};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub materials: PathBuf,
    pub out: PathBuf,
    /// Empty means every kind.
    pub kinds: Vec<Kind>,
    /// Empty means every locale.
    pub locales: Vec<String>,
    /// Papers for the kinds that use one (empty: Letter) and card sizes for the card
    /// kinds (empty: CR80), in one list ([`Kind::papers_in`]).
    pub papers: Vec<Paper>,
    /// Audience editions by name (`trucking`, `all`); empty means the general one only.
    pub editions: Vec<String>,
    /// Refuse draft translations instead of warning about them.
    pub strict: bool,
    /// Folders of extra fonts (`--font-dir`).
    pub font_dirs: Vec<PathBuf>,
    /// How long to wait for another build writing into `out` ([`lock`]).
    pub lock_timeout: Duration,
    /// The project's own contacts and local-help panel.
    pub local: Option<content::local::ProjectLocal>,
    /// What the project asks every document to be composed with.
    pub setup: Setup,
    /// The colour model and PDF standards of every file (`--color`, `--pdf-standard`).
    pub output: crate::render::Output,
    /// The project's `[organisation]`, checked against the content once it is loaded.
    pub organisation: Option<crate::project::organisation::Pending>,
    /// Any warning fails the build before a file is written (`--deny-warnings`).
    pub deny_warnings: bool,
    /// Make every document even when the manifest says its file is already what it
    /// would be (`--force`).
    pub force: bool,
    /// Remove the files the manifest lists that neither this build nor `Scope` makes
    /// (`--clean`).
    pub clean: Option<Scope>,
    /// `--impose`: the cards go N-up on sheets instead of a file each.
    pub impose: Option<Imposition>,
    /// `--profile`: the documents a state's posting law asks for, under its profile.
    pub notice: Option<NoticeRequest>,
}

/// A build under a legal profile (`--profile NAME`): the notice (or the card) the law
/// asks for, in the languages it requires.
#[derive(Debug, Clone, Default)]
pub struct NoticeRequest {
    /// The profile's name (`ca-civ-52.6`).
    pub profile: String,
    /// `--allow-unofficial`: a language without its official text prints an unofficial
    /// rendering, marked.
    pub allow_unofficial: bool,
    /// The project's `[notice]`.
    pub project: Option<crate::project::ProjectNotice>,
}

/// Cards on sheets (`--impose SHEET --flip EDGE`): the card kinds' documents of the run
/// share the sheet in runs, in locale order; the other kinds are made as they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Imposition {
    pub sheet: impose::Sheet,
    pub flip: impose::Flip,
}

/// The kinds a sheet holds: a card's two faces, front and back, of one size. A sticker's
/// pages are two sizes, not two faces, so it is made as it is.
pub fn imposable(kind: Kind) -> bool {
    matches!(kind, Kind::Card | Kind::SafetyCard)
}

/// What a project makes when no flag narrows it: its `[build]` lists (empty: every
/// kind, every locale, Letter, the general edition). `--clean` keeps what this makes,
/// so a build of `--locale es` does not remove `en`'s files.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub kinds: Vec<Kind>,
    pub locales: Vec<String>,
    pub papers: Vec<Paper>,
    pub editions: Vec<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Absolute or `out`-relative paths of the files written, in build order.
    pub written: Vec<PathBuf>,
    /// Each file this build answers for, in build order, with what makes it: the ones
    /// written, then the ones left as they were (`rebuilt: false`).
    pub files: Vec<Output>,
    /// The files `--clean` removed.
    pub removed: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
    /// The pages of the files written.
    pub pages: usize,
}

/// One PDF of a build, as a report (`--json`) shows it.
#[derive(Debug, Clone)]
pub struct Output {
    /// Where it is: the output folder joined with `relative`.
    pub path: PathBuf,
    /// `es/card.pdf`, `/`-separated.
    pub relative: String,
    pub kind: Kind,
    /// `es`, or `en+es` for a pair.
    pub locale: String,
    pub edition: Option<String>,
    /// None for a kind with one size, and for a card in the default CR80.
    pub paper: Option<Paper>,
    pub pages: usize,
    pub bytes: u64,
    pub sha256: String,
    /// False when the file on disk already held these bytes from an earlier build.
    pub rebuilt: bool,
}

impl Output {
    /// The file a manifest row lists, left as it was by this build.
    fn unchanged(row: &manifest::Row, out: &Path) -> Option<Output> {
        let (kind, paper, edition) = row.recipe()?;
        Some(Output {
            path: write::contained(out, Path::new(&row.path)).ok()?,
            relative: row.path.clone(),
            kind,
            locale: row.locales.join("+"),
            edition: edition.map(str::to_string),
            paper: kind.shown_paper(paper),
            pages: row.pages.unwrap_or(0),
            bytes: row.size,
            sha256: row.sha256.clone(),
            rebuilt: false,
        })
    }

    fn new(m: &Made, path: &Path) -> Output {
        Output {
            path: path.to_path_buf(),
            relative: manifest::slash_path(&m.relative),
            kind: m.kind,
            locale: m.locale.clone(),
            edition: m.edition.clone(),
            paper: m.paper,
            pages: m.pages,
            bytes: m.bytes.len() as u64,
            sha256: m.sha256.clone(),
            rebuilt: true,
        }
    }
}

/// Builds the requested documents. Every document is made in memory first; only when all
/// of them succeed is anything written, so a failed build leaves the output folder as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Errors> {
    build_with(
        opts,
        &mut Hooks {
            waiting: &mut |_| {},
            progress: &|_, _| {},
        },
    )
}

/// What a build tells its caller while it runs.
pub struct Hooks<'a> {
    /// Called once when another build holds the output folder and this one has to wait
    /// for it, so a person or script sees why nothing happens.
    pub waiting: &'a mut dyn FnMut(&lock::Busy),
    /// Called as each document is made: how many are done, of how many.
    pub progress: &'a (dyn Fn(usize, usize) + Sync),
}

/// One document a build makes.
#[derive(Debug, Clone)]
pub struct Job<'c> {
    pub selection: Selection<'c>,
    pub kind: Kind,
    pub paper: Paper,
    pub edition: Option<&'c str>,
}

impl Job<'_> {
    /// Where its file goes, relative to the output folder, `/`-separated.
    fn relative(&self) -> String {
        manifest::slash_path(&crate::naming::output_path(
            &self.tags().join("+"),
            self.kind,
            self.paper,
            self.edition,
        ))
    }

    fn tags(&self) -> Vec<&str> {
        self.selection.iter().map(|l| l.meta.tag.as_str()).collect()
    }

    /// Its paper if its kind has one, as its file and manifest row name it.
    fn paper(&self) -> Option<Paper> {
        self.kind.shown_paper(self.paper)
    }
}

/// Like [`build`], telling `hooks` what it waits for and how far it is.
pub fn build_with(opts: &BuildOptions, hooks: &mut Hooks) -> Result<BuildReport, Errors> {
    let epoch = clock::source_date_epoch()?;
    let profile = law_of(opts)?;
    let asked_locales = match &profile {
        Some(p) if opts.locales.is_empty() => vec![crate::profile::default_locales(
            p,
            opts.notice.as_ref().and_then(|n| n.project.as_ref()),
        )],
        _ => opts.locales.clone(),
    };
    // `--clean` asks what the materials make in every locale, so it reads them all.
    let content = if opts.clean.is_some() {
        content::load_with(&opts.materials, opts.local.as_ref())?
    } else {
        content::load_only(&opts.materials, opts.local.as_ref(), &asked_locales)?
    };
    // A notice holds a third language (a county's); every other kind two at most.
    let most = if profile.is_some() { 3 } else { 2 };
    let selections = crate::select::select_up_to(&content, &asked_locales, most)?;
    let locales = distinct(&selections);
    local_labels(&content, &locales)?;
    if opts.strict {
        drafts::refuse(&content, &locales)?;
    }
    let choice = select_editions(&content, &opts.editions)?;
    let documents = with_editions(&selections, &choice)?;
    let asked_kinds: Vec<Kind> = match &profile {
        Some(p) if opts.kinds.is_empty() => vec![p.kind],
        _ => opts.kinds.clone(),
    };
    let (kinds, papers) = kinds_and_papers(&asked_kinds, &opts.papers);
    let (base, law_warnings) = match &profile {
        Some(p) => under_law(p, opts, &content, &selections, &kinds)?,
        None => (opts.setup.clone(), Vec::new()),
    };
    let (setup, logo_warnings) = setup_of(
        base,
        opts.organisation.as_ref(),
        &content,
        &locales,
        &kinds,
        &Kind::Poster.papers_in(&papers),
    )?;
    let mut gave_way = crowded_posters(
        &content,
        &documents,
        &kinds,
        &Kind::Poster.papers_in(&papers),
        &setup,
    );
    gave_way.extend(crowded_cards(&documents, &kinds));
    let (mut jobs, same_in_every_edition) =
        plan(&documents, &kinds, &papers, asked_kinds.is_empty());
    // A notice's file is named by its law, as an edition's by its edition:
    // en+es/notice-ca-civ-52.6.pdf.
    if let Some(p) = &profile {
        for job in jobs.iter_mut().filter(|j| j.kind.needs_profile()) {
            job.edition = Some(p.name.as_str());
        }
    }
    let keep = match &opts.clean {
        Some(scope) => Some(kept_by(&content, scope, &jobs)?),
        None => None,
    };
    // Imposed cards are laid out for their sheets, never made a file each.
    let (jobs, sheet_jobs): (Vec<Job>, Vec<Job>) = match opts.impose {
        Some(_) => jobs.into_iter().partition(|j| !imposable(j.kind)),
        None => (jobs, Vec::new()),
    };
    let mut inputs = fingerprint::Inputs::new(&fingerprint::Run {
        materials: &opts.materials,
        font_dirs: &opts.font_dirs,
        strict: opts.strict,
        epoch,
        project: &[
            &opts.setup,
            &opts.organisation,
            &opts.local,
            &opts.output,
            &setup.notice,
        ],
    });
    // Read without the lock, so a build that fails leaves no file or folder behind; what
    // it finds unchanged is confirmed under the lock (`confirm`).
    let peek = match opts.force {
        true => None,
        false => manifest::read(&opts.out).ok().flatten(),
    };
    let (jobs, unchanged) = unchanged(jobs, peek.as_ref(), &mut inputs, &opts.out);
    let requirements = requirements_of(profile.as_ref(), &setup);
    let mut engine = Engine::with_font_dirs(&opts.font_dirs)?
        .with_setup(setup)
        .with_output(opts.output.clone());
    if let Some(req) = requirements {
        engine = engine.with_requirements(req);
    }
    let mut made = make_all(&engine, &content, &jobs, epoch, hooks.progress)?;
    if let Some(imposition) = &opts.impose {
        made.extend(make_sheets(
            &engine,
            &content,
            &sheet_jobs,
            imposition,
            epoch,
        )?);
    }
    // Every path is checked before anything is written, so a refused one leaves the
    // folder as it was.
    let mut paths = made
        .iter()
        .map(|m| write::contained(&opts.out, &m.relative))
        .collect::<Result<Vec<_>, _>>()?;
    let mut warnings = drafts::warnings(&content, &locales);
    warnings.extend(law_warnings);
    warnings.extend(logo_warnings);
    warnings.extend(gave_way);
    warnings.extend(same_in_every_edition);
    warnings.extend(made.iter().filter_map(|m| {
        let what = m.left_out?;
        Some(Diagnostic::warning(format!(
            "{} leaves out {what}",
            m.relative.display()
        )))
    }));
    // Before the lock, so a refused print run leaves the output folder as it was; again
    // before writing, for what repairing the folder found.
    let mut warnings = denied(opts, warnings)?;
    let _lock = lock::acquire(&opts.out, opts.lock_timeout, &mut *hooks.waiting)?;
    let stale = write::remove_stale_temps(&opts.out)?;
    if stale > 0 {
        warnings.push(Diagnostic::warning(format!(
            "removed {stale} temporary file{} left in {} by a build that was interrupted",
            if stale == 1 { "" } else { "s" },
            opts.out.display()
        )));
    }
    let old = manifest::read(&opts.out).unwrap_or_else(|why| {
        warnings.push(Diagnostic::warning(format!(
            "{why}; ignored: the new manifest lists only this build's files"
        )));
        None
    });
    let (unchanged, late) = confirm(unchanged, old.as_ref(), &opts.out);
    for job in late {
        let m = engine
            .make_edition(
                &content,
                &job.selection,
                job.kind,
                job.paper,
                job.edition,
                epoch,
            )
            .map_err(Errors::from)?;
        paths.push(write::contained(&opts.out, &m.relative)?);
        made.push(m);
    }
    let answered: Vec<String> = made
        .iter()
        .map(|m| manifest::slash_path(&m.relative))
        .chain(unchanged.iter().map(|r| r.path.clone()))
        .collect();
    // A file to repair in a locale this run did not read is made from those locales, read
    // now (rarely: only after an interrupted build).
    let reread = |extra: &[String]| {
        let wanted: Vec<String> = opts.locales.iter().chain(extra).cloned().collect();
        crate::bundled::unpack_more(&opts.materials, |tag| content::is_wanted(&wanted, tag))
            .map_err(|e| Errors(vec![e]))?;
        content::load_only(&opts.materials, opts.local.as_ref(), &wanted)
    };
    let repair = repairs(
        &content,
        old.as_ref(),
        &answered,
        keep.as_deref(),
        &opts.out,
        Remake {
            engine: &mut engine,
            epoch,
            reread: &reread,
        },
    )?;
    warnings.extend(repair.warnings);
    for m in repair.made {
        paths.push(write::contained(&opts.out, &m.relative)?);
        made.push(m);
    }
    let mut forget = repair.forget;
    let removable = repair.removable;
    forget.extend(removable.iter().map(|r| r.path.clone()));
    let rows: Vec<manifest::Row> = made
        .iter()
        .map(|m| {
            let tags: Vec<&str> = m.locale.split('+').collect();
            let fp = inputs.of(&tags, m.kind, m.paper, m.edition.as_deref());
            manifest::Row::new(m, "", fp)
        })
        .collect();
    // A document made again from other inputs into the very bytes its file holds (a
    // comment edited in contacts.toml) leaves the file alone too; only its row changes.
    let fresh: Vec<bool> = rows
        .iter()
        .map(|row| opts.force || !same_file(old.as_ref(), row, &opts.out))
        .collect();
    // Nothing made and nothing dropped: the manifest already says all this build would,
    // and rewriting it would touch the folder.
    let same = rows.is_empty() && forget.is_empty() && old.as_ref().is_some_and(|m| m.complete);
    let mut warnings = denied(opts, warnings)?;
    if !same {
        let planned: Vec<write::Planned> = made
            .iter()
            .zip(&paths)
            .zip(&fresh)
            .filter(|(_, fresh)| **fresh)
            .map(|((m, path), _)| write::Planned {
                path: path.clone(),
                bytes: &m.bytes,
            })
            .collect();
        write_set(&opts.out, &planned, rows, old, &forget)?;
    }
    let (removed, kept) = remove(&opts.out, &removable);
    warnings.extend(kept);
    let pages = made
        .iter()
        .zip(&fresh)
        .filter(|(_, fresh)| **fresh)
        .map(|(m, _)| m.pages)
        .sum();
    let files = made
        .iter()
        .zip(&paths)
        .zip(&fresh)
        .map(|((m, path), fresh)| Output {
            rebuilt: *fresh,
            ..Output::new(m, path)
        })
        .chain(
            unchanged
                .iter()
                .filter_map(|r| Output::unchanged(r, &opts.out)),
        )
        .collect();
    let written = paths
        .into_iter()
        .zip(fresh)
        .filter_map(|(path, fresh)| fresh.then_some(path))
        .collect();
    Ok(BuildReport {
        written,
        files,
        removed,
        warnings,
        pages,
    })
}

/// Makes every job, on as many threads as rayon runs (`RAYON_NUM_THREADS`), each with its
/// own layout scratch over the engine's shared fonts. Results come back in `jobs` order, so
/// the files, their errors and the manifest read the same however the work was split;
/// `progress` hears each document as it is done, from whichever thread made it.
fn make_all(
    engine: &Engine,
    content: &Content,
    jobs: &[Job],
    epoch: Option<i64>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Made>, Errors> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let done = AtomicUsize::new(0);
    let make = |scratch: &mut crate::engine::Scratch, job: &Job| {
        let made = engine.make_in(
            scratch,
            content,
            &job.selection,
            job.kind,
            job.paper,
            job.edition,
            epoch,
        );
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
        made
    };
    // One document is made on this thread: starting rayon's pool (a thread per core that
    // spins and yields before it sleeps) costs more than the document gains.
    let results: Vec<Result<Made, Error>> = if jobs.len() < 2 {
        let mut scratch = engine.scratch();
        jobs.iter().map(|job| make(&mut scratch, job)).collect()
    } else {
        jobs.par_iter()
            .map_init(|| engine.scratch(), make)
            .collect()
    };
    let (made, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(made.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(Errors(errors.into_iter().filter_map(Result::err).collect()))
    }
}

/// Whether `old` lists `row`'s file with `row`'s bytes, and it still holds them on disk.
/// Lays out the cards of `jobs` (each read back as a card file's would be) and puts them
/// on sheets: one file per kind and edition, its locales sharing each sheet in the
/// order the run lists them.
fn make_sheets(
    engine: &Engine,
    content: &Content,
    jobs: &[Job],
    imposition: &Imposition,
    epoch: Option<i64>,
) -> Result<Vec<Made>, Errors> {
    use rayon::prelude::*;
    let laid: Vec<Result<layout::LaidDocument, Error>> = jobs
        .par_iter()
        .map_init(
            || engine.scratch(),
            |scratch, job| {
                engine.lay_out_in(
                    scratch,
                    content,
                    &job.selection,
                    job.kind,
                    job.paper,
                    job.edition,
                )
            },
        )
        .collect();
    let (laid, errors): (Vec<_>, Vec<_>) = laid.into_iter().partition(Result::is_ok);
    if !errors.is_empty() {
        return Err(Errors(errors.into_iter().filter_map(Result::err).collect()));
    }
    let laid: Vec<layout::LaidDocument> = laid.into_iter().filter_map(Result::ok).collect();
    let mut groups: Vec<(Kind, Option<&str>, Vec<&layout::LaidDocument>)> = Vec::new();
    for (job, doc) in jobs.iter().zip(&laid) {
        match groups
            .iter_mut()
            .find(|(k, e, _)| *k == job.kind && *e == job.edition)
        {
            Some((_, _, docs)) => docs.push(doc),
            None => groups.push((job.kind, job.edition, vec![doc])),
        }
    }
    let mut made = Vec::new();
    for (kind, edition, docs) in groups {
        let Imposition { sheet, flip } = *imposition;
        let (bytes, pages) = engine.impose(&docs, &sheet, flip, epoch)?;
        let first = &docs[0].pages[0];
        let per_sheet = impose::grid(&sheet, first.size, first.bleed)
            .map(|g| g.slots.len())
            .unwrap_or_default();
        let locales: Vec<&str> = docs.iter().map(|d| d.meta.locale.as_str()).collect();
        made.push(Made {
            relative: crate::naming::sheet_path(&locales, kind, edition, sheet.name, per_sheet),
            locale: locales.join("+"),
            kind,
            paper: None,
            edition: edition.map(str::to_string),
            pages,
            sha256: manifest::sha256_hex(&bytes),
            bytes,
            left_out: None,
        });
    }
    Ok(made)
}

fn same_file(old: Option<&manifest::Manifest>, row: &manifest::Row, out: &Path) -> bool {
    old.and_then(|m| m.files.iter().find(|r| r.path == row.path))
        .is_some_and(|r| r.sha256 == row.sha256 && manifest::mismatch(out, r).is_none())
}

/// A job whose file was found unchanged: the manifest's row for it, and how the file
/// stood when it was read.
struct Kept<'c> {
    job: Job<'c>,
    row: manifest::Row,
    stamp: manifest::Stamp,
}

/// `jobs` less those whose file the manifest `old` lists as made from the same inputs and
/// which is still on disk as listed; those come back as [`Kept`].
fn unchanged<'c>(
    jobs: Vec<Job<'c>>,
    old: Option<&manifest::Manifest>,
    inputs: &mut fingerprint::Inputs,
    out: &Path,
) -> (Vec<Job<'c>>, Vec<Kept<'c>>) {
    let Some(old) = old else {
        return (jobs, Vec::new());
    };
    let mut make = Vec::new();
    let mut kept = Vec::new();
    for job in jobs {
        let relative = job.relative();
        let row = old.files.iter().find(|r| r.path == relative);
        let fp = inputs.of(&job.tags(), job.kind, job.paper(), job.edition);
        match row.and_then(|row| Some((row, row.unchanged(out, fp.as_deref())?))) {
            Some((row, stamp)) => kept.push(Kept {
                job,
                row: row.clone(),
                stamp,
            }),
            None => make.push(job),
        }
    }
    (make, kept)
}

/// Under the lock: the rows of `kept` the manifest `old` still lists as they were, with
/// their files as they stood; the jobs of the others (another build wrote them since), to
/// make now.
fn confirm<'c>(
    kept: Vec<Kept<'c>>,
    old: Option<&manifest::Manifest>,
    out: &Path,
) -> (Vec<manifest::Row>, Vec<Job<'c>>) {
    let mut rows = Vec::new();
    let mut late = Vec::new();
    for k in kept {
        let listed = old.is_some_and(|m| m.files.contains(&k.row));
        if listed && manifest::stamp(out, &k.row) == Some(k.stamp) {
            rows.push(k.row);
        } else {
            late.push(k.job);
        }
    }
    (rows, late)
}

/// Every path, relative to the output folder, that this build (`jobs`) or the project's
/// whole `scope` makes: what `--clean` keeps.
fn kept_by(content: &Content, scope: &Scope, jobs: &[Job]) -> Result<Vec<String>, Errors> {
    let selections = select_locales(content, &scope.locales)?;
    let choice = select_editions(content, &scope.editions)?;
    let documents = with_editions(&selections, &choice)?;
    let (kinds, papers) = kinds_and_papers(&scope.kinds, &scope.papers);
    let (all, _) = plan(&documents, &kinds, &papers, scope.kinds.is_empty());
    Ok(all.iter().chain(jobs).map(Job::relative).collect())
}

/// Removes each of `rows`' files from `out` if it is still the bytes listed, and its
/// folder if that leaves it empty. Returns the paths removed, and a warning for each file
/// left because it is not what the manifest lists (someone changed it: it is theirs).
fn remove(out: &Path, rows: &[manifest::Row]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for row in rows {
        let Ok(path) = write::contained(out, Path::new(&row.path)) else {
            continue;
        };
        if let Some(why) = manifest::mismatch(out, row) {
            if why != manifest::MISSING {
                kept.push(Diagnostic::warning(format!(
                    "{} {why}, so --clean leaves it: no build makes it any more, and it is no longer this tool's file",
                    path.display()
                )));
            }
            continue;
        }
        if std::fs::remove_file(&path).is_ok() {
            // Only an empty folder goes: a file the user put there keeps it.
            if let Some(dir) = path.parent().filter(|d| *d != out) {
                let _ = std::fs::remove_dir(dir);
            }
            removed.push(path);
        }
    }
    (removed, kept)
}

/// The documents a build makes, in order: each selection and edition, each kind, each
/// paper of a kind that has one. `all_kinds` (no `--kind`) skips the kinds a pair cannot
/// make; a bilingual card is made only in the general edition (the warning says why).
fn plan<'c>(
    documents: &[(Selection<'c>, Option<&'c str>)],
    kinds: &[Kind],
    papers: &[Paper],
    all_kinds: bool,
) -> (Vec<Job<'c>>, Vec<Diagnostic>) {
    let mut jobs = Vec::new();
    let mut same_in_every_edition = Vec::new();
    for (selection, edition) in documents {
        for kind in kinds {
            // Without --kind, a bilingual pair makes the kinds that can be bilingual; a
            // kind asked for by name that cannot is an error.
            if all_kinds && !kind.speaks(selection.len()) {
                continue;
            }
            if let Some(name) = edition
                && !crate::compose::edition_changes(*kind, selection.len())
            {
                let tags: Vec<&str> = selection.iter().map(|l| l.meta.tag.as_str()).collect();
                same_in_every_edition.push(Diagnostic::warning(format!(
                    "no {name} {} card: a bilingual card carries no signs, so it is the same in every edition (the general one is `{}`)",
                    tags.join("+"),
                    crate::naming::output_path(&tags.join("+"), Kind::Card, Paper::Cr80, None)
                        .display()
                )));
                continue;
            }
            for paper in kind.papers_in(papers) {
                jobs.push(Job {
                    selection: selection.clone(),
                    kind: *kind,
                    paper,
                    edition: *edition,
                });
            }
        }
    }
    (jobs, same_in_every_edition)
}

/// What a project asks every document to be composed with: its organisation settled
/// against `content` and the `locales` a run builds, with a warning for each kind the
/// logo prints too coarse on.
pub(crate) fn setup_of(
    base: crate::compose::Setup,
    organisation: Option<&crate::project::organisation::Pending>,
    content: &Content,
    locales: &[&content::Locale],
    kinds: &[Kind],
    papers: &[Paper],
) -> Result<(crate::compose::Setup, Vec<Diagnostic>), Errors> {
    let Some(pending) = organisation else {
        return Ok((base, Vec::new()));
    };
    let tags: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
    let org = crate::project::organisation::settle(pending, content, &tags)?;
    let warnings = org
        .logo
        .as_deref()
        .map(|logo| logo_warnings(logo, kinds, papers, org.on_safety_card))
        .unwrap_or_default();
    let setup = crate::compose::Setup {
        organisation: Some(org),
        ..base
    };
    Ok((setup, warnings))
}

/// A warning for each poster this build makes that leaves something of the project's
/// out for want of room ([`compose::poster::gives_way`]), so no line goes missing unsaid.
fn crowded_posters(
    content: &Content,
    documents: &[(Vec<&content::Locale>, Option<&str>)],
    kinds: &[Kind],
    papers: &[Paper],
    setup: &crate::compose::Setup,
) -> Vec<Diagnostic> {
    if !kinds.contains(&Kind::Poster) {
        return Vec::new();
    }
    documents
        .iter()
        .flat_map(|(selection, edition)| {
            let setup = setup.in_edition(*edition);
            let tags: Vec<&str> = selection.iter().map(|l| l.meta.tag.as_str()).collect();
            crate::compose::poster::gives_way(selection.len(), &content.local_help, &setup)
                .into_iter()
                .map(move |what| {
                    Diagnostic::warning(format!(
                        "the {} poster{} ({}) leaves out {what}: there is no room for it at 16 pt on {}",
                        edition.unwrap_or("general"),
                        if selection.len() > 1 { " pair" } else { "" },
                        tags.join("+"),
                        papers.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "),
                    ))
                })
        })
        .collect()
}

/// A warning for each bilingual card this build makes, saying what it leaves out for
/// want of room ([`compose::card::gives_way`]): once a pair, whatever its editions.
fn crowded_cards(
    documents: &[(Vec<&content::Locale>, Option<&str>)],
    kinds: &[Kind],
) -> Vec<Diagnostic> {
    if !kinds.contains(&Kind::Card) {
        return Vec::new();
    }
    let mut seen: Vec<Vec<&str>> = Vec::new();
    let mut out = Vec::new();
    for (selection, _) in documents {
        let tags: Vec<&str> = selection.iter().map(|l| l.meta.tag.as_str()).collect();
        if seen.contains(&tags) {
            continue;
        }
        for what in crate::compose::card::gives_way(selection.len()) {
            out.push(Diagnostic::warning(format!(
                "the card pair ({}) leaves out {what}",
                tags.join("+")
            )));
        }
        seen.push(tags);
    }
    out
}

/// The print shop's resolution for a raster logo at its printed size.
pub const LOGO_DPI: f32 = 300.0;

/// A warning for each kind and paper a raster logo prints at under [`LOGO_DPI`].
fn logo_warnings(
    logo: &crate::types::Picture,
    kinds: &[Kind],
    papers: &[Paper],
    on_safety_card: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (kind, paper, frame) in
        crate::compose::organisation::logo_boxes(kinds, papers, on_safety_card)
    {
        let printed = logo.fit(crate::types::Rect::new(0.0, 0.0, frame.w, frame.h));
        let Some(dpi) = logo.dpi(printed.w) else {
            continue;
        };
        if dpi >= LOGO_DPI {
            continue;
        }
        let on = paper.map(|p| format!(" ({p})")).unwrap_or_default();
        out.push(
            Diagnostic::warning(format!(
                "logo {}: {} x {} px printed {:.2} x {:.2} in on the {kind}{on} gets {:.0} dpi, under the {LOGO_DPI:.0} dpi print needs",
                logo.file,
                logo.width,
                logo.height,
                printed.w / 72.0,
                printed.h / 72.0,
                dpi
            ))
            .with_hint(format!(
                "give a logo of at least {:.0} x {:.0} px, or an SVG",
                (printed.w / 72.0 * LOGO_DPI).ceil(),
                (printed.h / 72.0 * LOGO_DPI).ceil()
            )),
        );
    }
    out
}

/// Writes `made` to `paths` as one set ([`write::write_all`]) and the manifest around the
/// renames: naming the new files before the first (`complete: false`), then complete.
fn write_set(
    out: &Path,
    planned: &[write::Planned],
    mut rows: Vec<manifest::Row>,
    old: Option<manifest::Manifest>,
    forget: &[String],
) -> Result<(), Error> {
    let id = manifest::build_id(&rows);
    for r in &mut rows {
        r.build.clone_from(&id);
    }
    let mut set = manifest::merge(old, rows, forget, false);
    write::write_all(planned, out, || manifest::write(out, &set))?;
    set.complete = true;
    manifest::write(out, &set)
}

/// What the last build's manifest asks of this one.
struct Repairs {
    /// Documents to make again: their files are missing or do not match the manifest.
    made: Vec<Made>,
    /// Manifest rows to drop: files this build cannot make again.
    forget: Vec<String>,
    /// Rows whose files `--clean` removes: neither this build nor the project makes them.
    removable: Vec<manifest::Row>,
    warnings: Vec<Diagnostic>,
}

/// How [`repairs`] makes a document again: the build's engine and epoch, and how to read
/// locales this run did not.
struct Remake<'a> {
    engine: &'a mut Engine,
    epoch: Option<i64>,
    reread: &'a dyn Fn(&[String]) -> Result<Content, Errors>,
}

/// Every file the manifest lists that this build does not answer for (`answered`: made,
/// or found unchanged) and that is missing or not the bytes listed (a build killed while
/// renaming), made again; with `keep` (`--clean`), every such file not in it to remove.
fn repairs(
    content: &Content,
    old: Option<&manifest::Manifest>,
    answered: &[String],
    keep: Option<&[String]>,
    out: &Path,
    remake: Remake,
) -> Result<Repairs, Errors> {
    let Remake {
        engine,
        epoch,
        reread,
    } = remake;
    let mut r = Repairs {
        made: Vec::new(),
        forget: Vec::new(),
        removable: Vec::new(),
        warnings: Vec::new(),
    };
    let mut errors = Vec::new();
    let rows = old.map_or(&[][..], |m| &m.files[..]);
    // Each file this build does not write, checked once: those missing or changed are due.
    let mut due = Vec::new();
    for row in rows {
        // A sheet is made only when asked for (`--impose`): left as it is otherwise.
        if answered.contains(&row.path) || crate::naming::is_sheet(&row.path) {
            continue;
        }
        if keep.is_some_and(|keep| !keep.contains(&row.path)) && row.recipe().is_some() {
            r.removable.push(row.clone());
            continue;
        }
        let shown = out.join(&row.path);
        // A row no build would write (a manifest edited by hand) names no file to check.
        let Some((kind, paper, edition)) = row.recipe() else {
            r.warnings.push(Diagnostic::warning(format!(
                "the last build's manifest lists {}, which no build makes: dropped from the manifest",
                shown.display()
            )));
            r.forget.push(row.path.clone());
            continue;
        };
        if let Some(why) = manifest::mismatch(out, row) {
            due.push((row, shown, kind, paper, edition, why));
        }
    }
    // A file due in a locale this run did not read is made from it, read now (rarely:
    // only after an interrupted build).
    let mut unread: Vec<String> = Vec::new();
    for (row, ..) in &due {
        for t in &row.locales {
            if content.unread.contains(t) && !unread.contains(t) {
                unread.push(t.clone());
            }
        }
    }
    let more;
    let content = if unread.is_empty() {
        content
    } else {
        match reread(&unread) {
            Ok(c) => {
                more = c;
                &more
            }
            Err(e) => {
                // Locales this run was not asked for cannot stop it: their files stay as
                // they are, for a build of them to repair or to say what is wrong.
                r.warnings.push(Diagnostic::warning(format!(
                    "files in {} need making again after an interrupted build, but those locales do not load ({} error{}): left as they are; build them to see why",
                    unread.join(", "),
                    e.0.len(),
                    if e.0.len() == 1 { "" } else { "s" }
                )));
                content
            }
        }
    };
    for (row, shown, kind, paper, edition, why) in due {
        if content.unread.iter().any(|t| row.locales.contains(t)) {
            continue;
        }
        let selection: Option<Selection> = row.locales.iter().map(|t| content.locale(t)).collect();
        let Some(selection) = selection else {
            r.warnings.push(Diagnostic::warning(format!(
                "{} {why}, and its locale is no longer in the materials, so this build cannot make it again: left as it is and dropped from the manifest",
                shown.display()
            )));
            r.forget.push(row.path.clone());
            continue;
        };
        match engine.make_edition(content, &selection, kind, paper, edition, epoch) {
            Ok(m) => {
                r.warnings.push(Diagnostic::warning(format!(
                    "{} {why} (an interrupted build?): rebuilt",
                    shown.display()
                )));
                r.made.push(m);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(r)
    } else {
        Err(Errors(errors))
    }
}

/// `warnings` back, unless `--deny-warnings` makes them the build's failure.
fn denied(opts: &BuildOptions, warnings: Vec<Diagnostic>) -> Result<Vec<Diagnostic>, Errors> {
    if opts.deny_warnings && !warnings.is_empty() {
        Err(Error::WarningsDenied(warnings).into())
    } else {
        Ok(warnings)
    }
}

/// `check --profile`: the notice `opts` would build under its profile, laid out in memory
/// and measured against the law (nothing is written), with the warnings the build would
/// give: the law's citation, each document's label and its checklist, passed or not.
#[allow(clippy::type_complexity)]
pub fn check_profile(
    opts: &BuildOptions,
) -> Result<
    (
        String,
        Vec<(String, crate::checklist::Checklist)>,
        Vec<Diagnostic>,
    ),
    Errors,
> {
    let Some(profile) = law_of(opts)? else {
        return Err(Error::NoticeNeedsProfile {
            profiles: crate::profile::names(&opts.materials),
        }
        .into());
    };
    let asked = match opts.locales.is_empty() {
        true => vec![crate::profile::default_locales(
            &profile,
            opts.notice.as_ref().and_then(|n| n.project.as_ref()),
        )],
        false => opts.locales.clone(),
    };
    let content = content::load_only(&opts.materials, opts.local.as_ref(), &asked)?;
    let selections = crate::select::select_up_to(&content, &asked, 3)?;
    let (setup, mut warnings) = under_law(&profile, opts, &content, &selections, &[profile.kind])?;
    let Some(req) = requirements_of(Some(&profile), &setup) else {
        return Ok((profile.citation, Vec::new(), warnings));
    };
    warnings.extend(drafts::warnings(&content, &distinct(&selections)));
    let mut engine = Engine::with_font_dirs(&opts.font_dirs)?.with_setup(setup);
    let mut out = Vec::new();
    for selection in &selections {
        let laid = engine
            .lay_out_edition(
                &content,
                selection,
                profile.kind,
                Paper::Letter,
                Some(profile.name.as_str()),
            )
            .map_err(Errors::from)?;
        let label = format!("{} {}", laid.meta.locale, laid.meta.of.label());
        out.push((
            label,
            crate::checklist::measure(&laid, &content.contacts, &req),
        ));
    }
    Ok((profile.citation, out, warnings))
}

/// The profile a run is made under (`--profile`), loaded; a notice asked for without one
/// is an error listing the profiles.
fn law_of(opts: &BuildOptions) -> Result<Option<crate::profile::Profile>, Errors> {
    match &opts.notice {
        Some(req) => Ok(Some(crate::profile::load(&opts.materials, &req.profile)?)),
        None if opts.kinds.iter().any(|k| k.needs_profile()) => Err(Error::NoticeNeedsProfile {
            profiles: crate::profile::names(&opts.materials),
        }
        .into()),
        None => Ok(None),
    }
}

/// The setup of a run under `profile`: its notice resolved for the run's one selection
/// of languages, and the warnings every build under it gives. The kinds asked must be
/// the law's.
fn under_law(
    profile: &crate::profile::Profile,
    opts: &BuildOptions,
    content: &Content,
    selections: &[Selection],
    kinds: &[Kind],
) -> Result<(Setup, Vec<Diagnostic>), Errors> {
    let rule = |message: String| Error::NoticeRule {
        profile: profile.name.clone(),
        citation: profile.citation.clone(),
        rule: "kind".into(),
        message,
    };
    if let Some(other) = kinds.iter().find(|k| **k != profile.kind) {
        return Err(rule(format!(
            "the document this law asks for is the {law}, not the {other}: build it with --kind {law} --profile {}",
            profile.name,
            law = profile.kind,
        ))
        .into());
    }
    let [selection] = selections else {
        return Err(rule(
            "a build under a profile makes one notice: name its languages once, joined by `+` (--locale en+es)".into(),
        )
        .into());
    };
    let tags: Vec<&str> = selection.iter().map(|l| l.meta.tag.as_str()).collect();
    let req = opts.notice.as_ref();
    let (notice, warnings) = crate::profile::resolve(
        profile,
        content,
        &tags,
        &crate::profile::Request {
            project: req.and_then(|r| r.project.as_ref()),
            allow_unofficial: req.is_some_and(|r| r.allow_unofficial),
        },
    )?;
    let mut setup = opts.setup.clone();
    if profile.kind.needs_profile() {
        setup.notice = Some(notice);
    }
    Ok((setup, warnings))
}

/// What the notices of a run under `setup`'s profile must measure up to.
fn requirements_of(
    profile: Option<&crate::profile::Profile>,
    setup: &Setup,
) -> Option<crate::checklist::Requirements> {
    Some(crate::profile::requirements(
        profile?,
        setup.notice.as_deref()?,
    ))
}

/// The kinds and papers a run asks for, each once: every kind when none is named, Letter
/// when no paper is (each kind then takes its own of them, [`Kind::papers_in`]).
fn kinds_and_papers(kinds: &[Kind], papers: &[Paper]) -> (Vec<Kind>, Vec<Paper>) {
    let kinds = if kinds.is_empty() {
        Kind::made_by_default().collect()
    } else {
        dedup(kinds)
    };
    let papers = if papers.is_empty() {
        vec![Paper::Letter]
    } else {
        dedup(papers)
    };
    (kinds, papers)
}

fn dedup<T: Copy + Ord>(v: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in v {
        if !out.contains(x) {
            out.push(*x);
        }
    }
    out
}

/// Every local line has a label in every locale `locales` builds.
pub(crate) fn local_labels(content: &Content, locales: &[&content::Locale]) -> Result<(), Errors> {
    let tags: Vec<&str> = locales.iter().map(|l| l.meta.tag.as_str()).collect();
    let missing = content.local_help.missing_labels(&tags);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Errors(missing))
    }
}
