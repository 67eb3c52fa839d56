//! bridgeprint: TOML outreach content to print-ready PDFs.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`content`] (load and validate) → [`compose`] (templates to boxes) → [`layout`] (text
//! shaping and fitting) → [`readback`] (what prints is what the contacts say) → [`render`]
//! (PDF drawing) → [`write`] (atomic files).

pub mod clock;
pub mod compose;
pub mod content;
pub mod error;
pub mod input;
pub mod layout;
pub mod lock;
pub mod manifest;
pub mod qr;
pub mod readback;
pub mod render;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use compose::{Kind, Paper};
pub use content::Content;
pub use error::{Error, Errors};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub materials: PathBuf,
    pub out: PathBuf,
    /// Empty means every kind.
    pub kinds: Vec<Kind>,
    /// Empty means every locale.
    pub locales: Vec<String>,
    pub paper: Paper,
    /// Refuse draft translations instead of warning about them.
    pub strict: bool,
    /// Folders of extra fonts (`--font-dir`).
    pub font_dirs: Vec<PathBuf>,
    /// How long to wait for another build writing into `out` ([`lock`]).
    pub lock_timeout: Duration,
}

/// One PDF made (in memory or on disk).
#[derive(Debug, Clone)]
pub struct Made {
    pub locale: String,
    pub kind: Kind,
    pub paper: Option<Paper>,
    /// Where it goes, relative to the output folder: `es/card.pdf`.
    pub relative: PathBuf,
    pub pages: usize,
    pub bytes: Vec<u8>,
}

/// The fonts, parsed once and shared by every document a process makes.
#[derive(Default)]
pub struct Engine {
    fonts: layout::Fonts,
    pdf_fonts: render::PdfFonts,
    theme: compose::Theme,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// An engine that also knows the fonts in `dirs` (`--font-dir`), so a locale can name
    /// them in its `fonts = [...]`.
    pub fn with_font_dirs(dirs: &[PathBuf]) -> Result<Self, Error> {
        let mut engine = Self::new();
        for dir in dirs {
            engine.fonts.add_dir(dir)?;
        }
        Ok(engine)
    }

    /// Composes, lays out and renders one document, in one locale or (for a bilingual
    /// card or poster) two.
    pub fn make(
        &mut self,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        epoch: Option<i64>,
    ) -> Result<Made, Error> {
        let doc = compose::compose_with(content, locales, kind, paper, &self.theme)?;
        let laid = layout::layout(&doc, &mut self.fonts)?;
        readback::check(&doc, &laid, &content.contacts)?;
        let bytes = render::render(&doc, &laid, &mut self.pdf_fonts, epoch)?;
        Ok(Made {
            relative: output_path(&doc.locale, kind, paper),
            locale: doc.locale,
            kind,
            paper: doc.paper,
            pages: laid.pages.len(),
            bytes,
        })
    }

    /// Composes, lays out and reads back one document without rendering it: what `check`
    /// needs.
    pub fn lay_out(
        &mut self,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
    ) -> Result<layout::LaidDocument, Error> {
        let doc = compose::compose_with(content, locales, kind, paper, &self.theme)?;
        let laid = layout::layout(&doc, &mut self.fonts)?;
        readback::check(&doc, &laid, &content.contacts)?;
        Ok(laid)
    }
}

/// `es/card.pdf`, `en/poster.pdf`, `en/poster-a4.pdf`: Letter has no suffix, a card is
/// always card-sized.
pub fn output_path(locale: &str, kind: Kind, paper: Paper) -> PathBuf {
    let name = if kind.uses_paper() && paper != Paper::Letter {
        format!("{}-{}.pdf", kind.name(), paper.name())
    } else {
        format!("{}.pdf", kind.name())
    };
    Path::new(locale).join(name)
}

/// One document's languages: a locale, or two for a bilingual card or poster (`en+es`).
pub type Selection<'a> = Vec<&'a content::Locale>;

/// Picks the requested locales (all when none are named). `en+es` selects a bilingual pair.
pub fn select_locales<'a>(
    content: &'a Content,
    wanted: &[String],
) -> Result<Vec<Selection<'a>>, Errors> {
    if wanted.is_empty() {
        return Ok(content.locales.iter().map(|l| vec![l]).collect());
    }
    let mut out: Vec<Selection> = Vec::new();
    let mut errors = Vec::new();
    for name in wanted {
        let tags: Vec<&str> = name.split('+').collect();
        if tags.len() > 2
            || tags.iter().any(|t| t.is_empty())
            || (tags.len() == 2 && tags[0] == tags[1])
        {
            errors.push(Error::BadPair(name.clone()));
            continue;
        }
        let mut selection = Vec::new();
        for tag in tags {
            match content.locale(tag) {
                Some(l) => selection.push(l),
                None => errors.push(Error::UnknownLocale(tag.to_string())),
            }
        }
        let same = |o: &Selection| {
            o.len() == selection.len()
                && o.iter()
                    .zip(&selection)
                    .all(|(a, b)| a.meta.tag == b.meta.tag)
        };
        if !out.iter().any(same) {
            out.push(selection);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

/// Every locale in these selections, once.
fn distinct<'a>(selections: &[Selection<'a>]) -> Vec<&'a content::Locale> {
    let mut out: Vec<&content::Locale> = Vec::new();
    for l in selections.iter().flatten() {
        if !out.iter().any(|o| o.meta.tag == l.meta.tag) {
            out.push(l);
        }
    }
    out
}

/// Warnings a build or check of these locales should show.
pub fn warnings(content: &Content, locales: &[&content::Locale]) -> Vec<String> {
    let mut w = content.warnings.clone();
    let drafts: Vec<&str> = locales
        .iter()
        .filter(|l| l.meta.status == content::Status::Draft)
        .map(|l| l.meta.tag.as_str())
        .collect();
    match drafts.as_slice() {
        [] => {}
        [one] => w.push(format!(
            "locale `{one}` is a draft translation, not yet reviewed by a native reader"
        )),
        many => w.push(format!(
            "{} locales are draft translations, not yet reviewed by a native reader: {}",
            many.len(),
            many.join(", ")
        )),
    }
    w
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Absolute or `out`-relative paths of the files written, in build order.
    pub written: Vec<PathBuf>,
    pub warnings: Vec<String>,
    pub pages: usize,
}

/// Builds the requested documents. Every document is made in memory first; only when all
/// of them succeed is anything written, so a failed build leaves the output folder as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Errors> {
    build_with(opts, &mut |_| {})
}

/// Like [`build`], calling `waiting` once when another build holds the output folder and
/// this one has to wait for it, so a person or script sees why nothing happens.
pub fn build_with(
    opts: &BuildOptions,
    waiting: &mut dyn FnMut(&lock::Busy),
) -> Result<BuildReport, Errors> {
    let epoch = clock::source_date_epoch()?;
    let content = content::load(&opts.materials)?;
    let selections = select_locales(&content, &opts.locales)?;
    let locales = distinct(&selections);
    if opts.strict {
        refuse_drafts(&locales)?;
    }
    let kinds = if opts.kinds.is_empty() {
        Kind::ALL.to_vec()
    } else {
        dedup(&opts.kinds)
    };
    let mut engine = Engine::with_font_dirs(&opts.font_dirs)?;
    let mut made: Vec<Made> = Vec::new();
    let mut errors = Vec::new();
    for selection in &selections {
        for kind in &kinds {
            // Without --kind, a bilingual pair makes the kinds that can be bilingual; a
            // kind asked for by name that cannot is an error.
            if opts.kinds.is_empty() && !kind.speaks(selection.len()) {
                continue;
            }
            match engine.make(&content, selection, *kind, opts.paper, epoch) {
                Ok(m) => made.push(m),
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    // Every path is checked before anything is written, so a refused one leaves the
    // folder as it was.
    let mut paths = made
        .iter()
        .map(|m| write::contained(&opts.out, &m.relative))
        .collect::<Result<Vec<_>, _>>()?;
    let mut warnings = warnings(&content, &locales);
    let _lock = lock::acquire(&opts.out, opts.lock_timeout, waiting)?;
    let stale = write::remove_stale_temps(&opts.out)?;
    if stale > 0 {
        warnings.push(format!(
            "removed {stale} temporary file{} left in {} by a build that was interrupted",
            if stale == 1 { "" } else { "s" },
            opts.out.display()
        ));
    }
    let old = manifest::read(&opts.out).unwrap_or_else(|why| {
        warnings.push(format!(
            "{why}; ignored: the new manifest lists only this build's files"
        ));
        None
    });
    let repair = repairs(&content, old.as_ref(), &made, &opts.out, &mut engine, epoch)?;
    warnings.extend(repair.warnings);
    for m in repair.made {
        paths.push(write::contained(&opts.out, &m.relative)?);
        made.push(m);
    }
    write_set(&opts.out, &made, &paths, old, &repair.forget)?;
    let pages = made.iter().map(|m| m.pages).sum();
    Ok(BuildReport {
        written: paths,
        warnings,
        pages,
    })
}

/// Writes `made` to `paths` as one set ([`write::write_all`]) and the manifest around the
/// renames: naming the new files before the first (`complete: false`), then complete.
fn write_set(
    out: &Path,
    made: &[Made],
    paths: &[PathBuf],
    old: Option<manifest::Manifest>,
    forget: &[String],
) -> Result<(), Error> {
    let mut rows: Vec<manifest::Row> = made.iter().map(|m| manifest::Row::new(m, "")).collect();
    let id = manifest::build_id(&rows);
    for r in &mut rows {
        r.build.clone_from(&id);
    }
    let mut set = manifest::merge(old, rows, forget, false);
    let planned: Vec<write::Planned> = made
        .iter()
        .zip(paths)
        .map(|(m, path)| write::Planned {
            path: path.clone(),
            bytes: &m.bytes,
        })
        .collect();
    write::write_all(&planned, out, || manifest::write(out, &set))?;
    set.complete = true;
    manifest::write(out, &set)
}

/// What the last build's manifest asks of this one.
struct Repairs {
    /// Documents to make again: their files are missing or do not match the manifest.
    made: Vec<Made>,
    /// Manifest rows to drop: files this build cannot make again.
    forget: Vec<String>,
    warnings: Vec<String>,
}

/// Every file the manifest lists that this build does not write and that is missing or
/// not the bytes listed (a build killed while renaming), made again.
fn repairs(
    content: &Content,
    old: Option<&manifest::Manifest>,
    made: &[Made],
    out: &Path,
    engine: &mut Engine,
    epoch: Option<i64>,
) -> Result<Repairs, Errors> {
    let mut r = Repairs {
        made: Vec::new(),
        forget: Vec::new(),
        warnings: Vec::new(),
    };
    let mut errors = Vec::new();
    let rows = old.map_or(&[][..], |m| &m.files[..]);
    for row in rows {
        let written = |m: &Made| manifest::slash_path(&m.relative) == row.path;
        if made.iter().any(written) {
            continue;
        }
        let shown = out.join(&row.path);
        // A row no build would write (a manifest edited by hand) names no file to check.
        let Some((kind, paper)) = row.recipe() else {
            r.warnings.push(format!(
                "the last build's manifest lists {}, which no build makes: dropped from the manifest",
                shown.display()
            ));
            r.forget.push(row.path.clone());
            continue;
        };
        let Some(why) = manifest::mismatch(out, row) else {
            continue;
        };
        let selection: Option<Selection> = row.locales.iter().map(|t| content.locale(t)).collect();
        let Some(selection) = selection else {
            r.warnings.push(format!(
                "{} {why}, and its locale is no longer in the materials, so this build cannot make it again: left as it is and dropped from the manifest",
                shown.display()
            ));
            r.forget.push(row.path.clone());
            continue;
        };
        match engine.make(content, &selection, kind, paper, epoch) {
            Ok(m) => {
                r.warnings.push(format!(
                    "{} {why} (an interrupted build?): rebuilt",
                    shown.display()
                ));
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

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    pub locales: usize,
    pub documents: usize,
    pub warnings: Vec<String>,
}

/// Validates all content and lays out every kind, locale and paper in memory.
pub fn check(materials: &Path, strict: bool, font_dirs: &[PathBuf]) -> Result<CheckReport, Errors> {
    let content = content::load(materials)?;
    let locales: Vec<_> = content.locales.iter().collect();
    if strict {
        refuse_drafts(&locales)?;
    }
    let mut engine = Engine::with_font_dirs(font_dirs)?;
    let mut errors = Vec::new();
    let mut documents = 0;
    let singles = every_document(&content).map(|(l, k, p)| (vec![l], k, p));
    for (selection, kind, paper) in singles.chain(english_pairs(&content)) {
        documents += 1;
        if let Err(e) = engine.lay_out(&content, &selection, kind, paper) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(CheckReport {
        locales: locales.len(),
        documents,
        warnings: warnings(&content, &locales),
    })
}

/// Every locale, kind and paper a materials folder can make (a card has one size).
pub fn every_document(content: &Content) -> impl Iterator<Item = (&content::Locale, Kind, Paper)> {
    content.locales.iter().flat_map(|locale| {
        Kind::ALL
            .into_iter()
            .flat_map(move |kind| papers(kind).iter().map(move |paper| (locale, kind, *paper)))
    })
}

/// The papers a kind is made on: every one, or Letter for a kind that has one size.
fn papers(kind: Kind) -> &'static [Paper] {
    if kind.uses_paper() {
        &Paper::ALL
    } else {
        &[Paper::Letter]
    }
}

/// Every bilingual document (card, poster) of a locale with English, both ways round
/// (`en+vi`, `vi+en`), on every paper: the pairs trainers print most, checked so that a
/// new locale that fits alone but not beside English is found before a print run.
fn english_pairs(content: &Content) -> Vec<(Selection<'_>, Kind, Paper)> {
    let Some(en) = content.locale("en") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for other in content.locales.iter().filter(|l| l.meta.tag != en.meta.tag) {
        for pair in [vec![en, other], vec![other, en]] {
            for kind in Kind::bilingual() {
                for paper in papers(kind) {
                    out.push((pair.clone(), kind, *paper));
                }
            }
        }
    }
    out
}

/// With `--strict`, a draft translation is an error: for print runs that must only carry
/// text a native reader has checked.
fn refuse_drafts(locales: &[&content::Locale]) -> Result<(), Errors> {
    let errors: Vec<Error> = locales
        .iter()
        .filter(|l| l.meta.status == content::Status::Draft)
        .map(|l| Error::InvalidLocale {
            path: l.dir.join("locale.toml"),
            locale: l.meta.tag.clone(),
            message: "is a draft translation (status = \"draft\"), refused by --strict".into(),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
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
