//! Arguments more than one subcommand takes, declared once so they read and behave the
//! same in each.

use std::path::{Path, PathBuf};

use bridgeprint::Errors;
use bridgeprint::compose::theme::Ink;
use bridgeprint::project::{self, Materials, Project};
use bridgeprint::render::{ColorMode, Output, PrintCondition, Standard};
use clap::builder::{PossibleValuesParser, TypedValueParser};

/// Where the content is: every subcommand reads it.
#[derive(Debug, Clone, clap::Args)]
pub struct MaterialsArg {
    /// The content folder: contacts.toml and one folder per locale. Default: the project's
    /// materials/, else ./materials, else the materials bundled in this program.
    #[arg(long, value_name = "DIR")]
    pub materials: Option<PathBuf>,
    /// The project folder (with bridgeprint.toml). Default: the nearest one from the
    /// current folder upwards, if any.
    #[arg(long, value_name = "DIR")]
    pub project: Option<PathBuf>,
}

impl MaterialsArg {
    /// The project (named, or found from the current folder) and the materials to read.
    pub fn resolve(&self) -> Result<(Option<Project>, Materials), Errors> {
        self.resolve_for(&[])
    }

    /// [`Self::resolve`] for a run that reads only the locales `locales` names (none: all).
    pub fn resolve_for(&self, locales: &[String]) -> Result<(Option<Project>, Materials), Errors> {
        let root = match &self.project {
            Some(dir) => Some(dir.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|cwd| project::find(&cwd)),
        };
        let project = root.as_deref().map(project::load).transpose()?;
        let materials = Materials::resolve(self.materials.as_deref(), project.as_ref(), locales)?;
        if let Materials::Bundled(unpacked) = &materials {
            super::report::hide_path(&unpacked.root);
        }
        Ok((project, materials))
    }
}

/// How the content is read and judged: the subcommands that lay documents out.
#[derive(Debug, Clone, clap::Args)]
pub struct ContentArgs {
    #[command(flatten)]
    pub materials: MaterialsArg,
    /// Refuse draft translations (status = "draft" in locale.toml) instead of warning.
    #[arg(long)]
    pub strict: bool,
    /// Print draft translations with a warning even when the project says `strict = true`.
    #[arg(long, conflicts_with = "strict")]
    pub no_strict: bool,
    /// Also use the fonts in this folder and the folders inside it, or this one font file
    /// (repeatable); a locale names them in the
    /// `fonts = [...]` of its locale.toml. System fonts are never read. Replaces the
    /// project's `font_dirs`.
    #[arg(long, value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
}

impl ContentArgs {
    /// `--strict` or `--no-strict`, else the project's `strict`.
    pub fn strict(&self, project: Option<&Project>) -> bool {
        self.strict || (!self.no_strict && project.is_some_and(|p| p.strict))
    }

    /// `--font-dir` when given, else the project's folders.
    pub fn font_dirs(&self, project: Option<&Project>) -> Vec<PathBuf> {
        or_project(&self.font_dir, project, |p| &p.font_dirs)
    }
}

/// `flag` when the command line gave any, else the project's setting.
pub fn or_project<T: Clone>(
    flag: &[T],
    project: Option<&Project>,
    setting: impl Fn(&Project) -> &Vec<T>,
) -> Vec<T> {
    match project {
        Some(p) if flag.is_empty() => setting(p).clone(),
        _ => flag.to_vec(),
    }
}

/// The project's setup (its theme), or the bundled one outside a project, with the bleed,
/// marks and ink the command line or the project's `[build]` ask for.
pub fn setup(project: Option<&Project>, print: &PrintArgs) -> bridgeprint::compose::Setup {
    let mut setup: bridgeprint::compose::Setup = project.map(Project::setup).unwrap_or_default();
    setup.print = bridgeprint::compose::print::Print {
        bleed: print.bleed.or(project.and_then(|p| p.bleed)),
        marks: print.marks || project.is_some_and(|p| p.marks),
    };
    let ink = print
        .ink
        .or(project.and_then(|p| p.ink))
        .unwrap_or_default();
    setup.theme = setup.theme.for_ink(ink);
    setup
}

/// How the paper goes to a print shop or an office printer: the subcommands that lay
/// documents out (`build`, `check`, and `preview`/`watch` through build's options).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PrintArgs {
    /// Print this far beyond the trim on every side, and run backgrounds and bands that
    /// reach the edge into it: `3mm`, `0.125in`, `9pt` or `0` (at most 10mm). TrimBox and
    /// BleedBox are set. Default: the project's `bleed`, else 0.125in on cards and
    /// stickers and none on pages, which office printers print.
    #[arg(long, value_name = "LENGTH", value_parser = bleed)]
    pub bleed: Option<f32>,
    /// Add crop marks (K-only hairlines at the trim's corners, beyond the bleed) and the
    /// file's name and page number in the slug; the page grows to hold them.
    #[arg(long)]
    pub marks: bool,
    /// `office`: light backgrounds and no large dark areas, for an office printer's toner
    /// and photocopies (bands become a light tint, text stays dark, QR codes black on
    /// white). `full`: the bands in the brand colour. Default: the project's `ink`, else
    /// full.
    #[arg(long, value_name = "INK", value_parser = named::<Ink>(&Ink::ALL.map(Ink::name)))]
    pub ink: Option<Ink>,
}

fn bleed(s: &str) -> Result<f32, String> {
    bridgeprint::compose::print::parse_bleed(s)
}

/// How the PDFs are written: the colour model and the standards (`build`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// `cmyk`: DeviceCMYK for a print shop, black text and QR modules in black ink only
    /// (no four-colour black to misregister), the theme's navy and red as stated CMYK
    /// values; images stay RGB. `rgb`: sRGB, for screens and office printers. Default:
    /// the project's `color`, else rgb.
    #[arg(long, value_name = "MODEL", value_parser = named::<ColorMode>(&ColorMode::ALL.map(ColorMode::name)))]
    pub color: Option<ColorMode>,
    /// With `--color cmyk`: the printing condition the file's output intent names and
    /// embeds the profile of. `gracol` (GRACoL 2006 coated, CGATS TR 006: US commercial
    /// sheetfed), `fogra39` (FOGRA39: Europe's coated offset), `swop` (SWOP coated #3,
    /// CGATS TR 003: US web offset). Default: the project's `output_intent`, else gracol.
    #[arg(long, value_name = "CONDITION", value_parser = named::<PrintCondition>(&PrintCondition::ALL.map(PrintCondition::name)))]
    pub output_intent: Option<PrintCondition>,
    /// The PDF standards every file is written and checked under (a comma list):
    /// `ua-1` (PDF/UA-1, accessible), `a-2b` (PDF/A-2b, archival), or `a-2b,ua-1`. A
    /// document that cannot meet one is an error naming it and what failed. Default: the
    /// project's `pdf_standard`, else ua-1.
    #[arg(long, value_name = "STANDARD", value_delimiter = ',', value_parser = named::<Standard>(&Standard::ALL.map(Standard::name)))]
    pub pdf_standard: Vec<Standard>,
}

impl OutputArgs {
    /// The colour model and standards: the flags, else the project's `[build]`, else
    /// RGB under PDF/UA-1.
    pub fn output(&self, project: Option<&Project>) -> Output {
        let mut output = Output::default();
        if let Some(color) = self.color.or(project.and_then(|p| p.color)) {
            output.color = color;
        }
        if let Some(condition) = self.output_intent.or(project.and_then(|p| p.output_intent)) {
            output.intent = condition;
        }
        let standards = or_project(&self.pdf_standard, project, |p| &p.pdf_standards);
        if !standards.is_empty() {
            output.standards = standards;
            output.standards.dedup();
        }
        output
    }
}

/// A value parser for a type with a fixed list of names, parsed by its `FromStr`.
fn named<T>(names: &[&'static str]) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(names.to_vec())
        .try_map(|s| s.to_ascii_lowercase().parse::<T>().map_err(|_| "unknown"))
}

/// `errors` with those about the locales a run took from the project file pointed at
/// their place in it; errors about `--locale` flags are the command line's own.
pub fn placed(
    errors: Errors,
    flag: &[String],
    project: Option<&Project>,
    materials: &Path,
) -> Errors {
    match project {
        Some(p) if flag.is_empty() => p.place_locale_errors(errors, materials),
        _ => errors,
    }
}

/// Where relative output goes: the project's folder when there is one (as cargo's
/// `target/`), else the current folder.
pub fn in_project(path: &Path, project: Option<&Project>) -> PathBuf {
    match project {
        Some(p) if path.is_relative() => p.root.join(path),
        _ => path.to_path_buf(),
    }
}

/// How a run reports: to a person, quietly, or as one JSON object for a script; and
/// whether a warning fails it.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Print one JSON object on stdout (each file, warnings and errors with their place,
    /// totals, seconds) and nothing else, on success or failure; nothing on stderr.
    #[arg(long)]
    pub json: bool,
    /// Print nothing when the run succeeds; errors still go to stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Fail (exit status 1) on any warning, after printing it: a stale contact, a key left
    /// to English, a draft translation. A build then writes nothing.
    #[arg(long)]
    pub deny_warnings: bool,
}

impl ReportArgs {
    pub fn mode(&self) -> super::report::Mode {
        use super::report::Mode;
        match (self.json, self.quiet) {
            (true, _) => Mode::Json,
            (false, true) => Mode::Quiet,
            (false, false) => Mode::Person,
        }
    }
}
