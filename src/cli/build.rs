//! `bridgeprint build`: make PDFs.

use std::path::PathBuf;

use bridgeprint::{BuildOptions, BuildReport, Diagnostic, Errors, Kind, Paper};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use serde::Serialize;

use super::args::{ContentArgs, ReportArgs, in_project, or_project, placed, setup};
use super::progress::Progress;
use super::report;

/// Build PDFs into the output folder.
///
/// Writes OUT/<locale>/<kind>.pdf for each locale and kind: card.pdf (ISO ID-1 wallet card,
/// front and back, with 0.125 in bleed), poster.pdf and handout.pdf. Posters and handouts
/// on paper other than Letter get its name: poster-a4.pdf, handout-a3.pdf.
///
/// Prints the path of each PDF the build answers for on stdout, one a line, and nothing
/// else; warnings and a one-line summary go to stderr (`--json`: one JSON object on stdout
/// instead; `--quiet`: nothing but errors). Nothing is written unless every document
/// succeeds, and each file is replaced atomically.
///
/// A PDF whose inputs (content, fonts, project file, options, this program) are the same
/// as when the output folder's manifest last listed it, and whose file is still the bytes
/// listed, is neither made nor written again: its modification time stays, so make and
/// rsync see it unchanged.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(super) content: ContentArgs,
    /// Where the PDFs go; created if missing. Relative to the project folder in a project.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub(super) out: PathBuf,
    /// Only these kinds (repeatable, or a comma list: `card,poster`). Default: the
    /// project's `kinds`, else all.
    #[arg(long, value_name = "KIND", value_parser = kinds(), value_delimiter = ',', ignore_case = true)]
    kind: Vec<Kind>,
    /// Only these locales, by folder name such as `es`, in any case (repeatable, or a
    /// comma list: `es,vi,en+es`). Default: the project's `locales`, else all.
    ///
    /// Two joined by `+` make one bilingual card and poster, as state posting laws ask for
    /// English and Spanish together: `--locale en+es` writes en+es/card.pdf and
    /// en+es/poster.pdf, the first language leading.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    locale: Vec<String>,
    /// Paper for posters and handouts (repeatable, or a comma list: `letter,a4`; cards take
    /// `--card-size`). Default: the project's `papers`, else letter.
    #[arg(long, value_name = "PAPER", value_parser = papers(), value_delimiter = ',', ignore_case = true)]
    paper: Vec<Paper>,
    /// Card size for the card and the safety card (repeatable, or a comma list:
    /// `cr80,business`): `business` writes card-business.pdf and
    /// safety-card-business.pdf, 3.5 x 2 in; card.pdf stays CR80. Default: the project's
    /// `card_sizes`, else cr80.
    #[arg(long, value_name = "SIZE", value_parser = card_sizes(), value_delimiter = ',', ignore_case = true)]
    card_size: Vec<Paper>,
    /// Audience editions (repeatable, or a comma list): `trucking`, `hospitality`,
    /// `healthcare` (see `list`), `general`, or `all`. Their files carry the name:
    /// en/poster-trucking.pdf, en/card-healthcare.pdf. A named edition in a locale without
    /// its texts is an error; `all` makes each edition in the locales that have it.
    /// Default: the project's `editions`, else general.
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    edition: Vec<String>,
    #[command(flatten)]
    pub(super) print: super::args::PrintArgs,
    #[command(flatten)]
    output: super::args::OutputArgs,
    #[command(flatten)]
    report: ReportArgs,
    /// When another build is writing into the same output folder, wait this long for it
    /// to finish before giving up (exit status 1). 0 gives up at once.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = seconds)]
    lock_timeout: std::time::Duration,
    /// Make and write every PDF, even those whose inputs have not changed.
    #[arg(long)]
    force: bool,
    /// Also remove the PDFs an earlier build wrote that the materials and the project no
    /// longer make (a locale folder deleted; a kind, paper or edition taken out of the
    /// project's [build]). Only files the output folder's manifest lists, still as listed,
    /// are removed; each is named on stderr. What is kept is what this run makes and what
    /// the project's [build] makes without flags, so `--locale es --clean` keeps en's files.
    #[arg(long)]
    clean: bool,
    /// Put the cards (card, safety-card) N-up on sheets for an office printer: `letter`
    /// or `a4` paper (as many as fit, each card with its bleed, crop marks in the
    /// margins), or a pre-cut stock: `avery-8371` (Letter, 10 business-size cards),
    /// `avery-c32011` (A4, 10 cards of 85 x 54 mm). Fronts on one page, backs on the next
    /// where a duplex print lands each behind its front. Writes en/card-letter-8up.pdf in
    /// place of en/card.pdf; locales built together share the sheets
    /// (sheets/card-en-es-letter-8up.pdf). Other kinds are made as usual.
    #[arg(long, value_name = "SHEET", value_parser = sheets(), ignore_case = true)]
    impose: Option<bridgeprint::impose::Sheet>,
    /// Make the document a state's posting law asks for, under its legal profile
    /// (`bridgeprint list --profiles`): `--profile ca-civ-52.6` writes
    /// en+es/notice-ca-civ-52.6.pdf, the statutory text at the law's type size, the numbers
    /// it requires, in the languages it requires (default: those; the county's language
    /// from `[notice] county` in bridgeprint.toml). Not legal advice: see README, "Legal
    /// notices".
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// With --profile: print a language whose official text the project has not supplied
    /// as an unofficial rendering, marked "unofficial translation" on the page.
    #[arg(long, requires = "profile")]
    allow_unofficial: bool,
    /// With --impose: the edge the duplex printer turns the sheet over, `long` (most
    /// printers' default) or `short`. Print `bridgeprint calibrate` to check.
    #[arg(long, value_name = "EDGE", value_parser = flips(), ignore_case = true, requires = "impose", default_value = "long")]
    flip: bridgeprint::impose::Flip,
}

/// Builds and reports as `build` does; `preview` and `watch` go on from the report.
pub fn run(args: Args) -> Result<BuildReport, Errors> {
    let start = std::time::Instant::now();
    report::set_mode(args.report.mode());
    let built = build(&args);
    if args.report.json {
        report::json(&json_report(&built, start.elapsed().as_secs_f64()));
        return built;
    }
    let built = built?;
    report::diagnostics(&built.warnings);
    for path in &built.removed {
        report::note(&format!("removed {}", path.display()));
    }
    for file in &built.files {
        report::result(&file.path.display().to_string());
    }
    let unchanged = built.files.len() - built.written.len();
    report::summary(&format!(
        "wrote {} PDF{} ({} page{}){}{} in {:.2} s",
        built.written.len(),
        if built.written.len() == 1 { "" } else { "s" },
        built.pages,
        if built.pages == 1 { "" } else { "s" },
        if unchanged > 0 {
            format!(", {unchanged} unchanged")
        } else {
            String::new()
        },
        if built.removed.is_empty() {
            String::new()
        } else {
            format!(", removed {}", built.removed.len())
        },
        start.elapsed().as_secs_f64()
    ));
    Ok(built)
}

fn build(args: &Args) -> Result<BuildReport, Errors> {
    // `--clean` reads every locale; a project's materials are a folder, never unpacked.
    let only: &[String] = if args.clean { &[] } else { &args.locale };
    let (project, materials) = args.content.materials.resolve_for(only)?;
    let project = project.as_ref();
    let out = in_project(&args.out, project);
    let opts = BuildOptions {
        materials: materials.path().to_path_buf(),
        out: out.clone(),
        kinds: or_project(&args.kind, project, |p| &p.kinds),
        locales: or_project(&args.locale, project, |p| &p.locales),
        papers: sheets_and_sizes(project, &args.paper, &args.card_size),
        editions: or_project(&args.edition, project, |p| &p.editions),
        strict: args.content.strict(project),
        font_dirs: args.content.font_dirs(project),
        lock_timeout: args.lock_timeout,
        local: project.and_then(|p| p.local.clone()),
        setup: setup(project, &args.print),
        output: args.output.output(project),
        organisation: project.and_then(|p| p.organisation.clone()),
        deny_warnings: args.report.deny_warnings,
        force: args.force,
        notice: args
            .profile
            .as_ref()
            .map(|profile| bridgeprint::build::NoticeRequest {
                profile: profile.clone(),
                allow_unofficial: args.allow_unofficial,
                project: project.and_then(|p| p.notice.clone()),
            }),
        impose: args.impose.map(|sheet| bridgeprint::build::Imposition {
            sheet,
            flip: args.flip,
        }),
        clean: args.clean.then(|| bridgeprint::build::Scope {
            kinds: or_project(&[], project, |p| &p.kinds),
            locales: or_project(&[], project, |p| &p.locales),
            papers: sheets_and_sizes(project, &[], &[]),
            editions: or_project(&[], project, |p| &p.editions),
        }),
    };
    let bar = Progress::new(report::mode());
    let built = bridgeprint::build_with(
        &opts,
        &mut bridgeprint::build::Hooks {
            waiting: &mut |busy| {
                report::note(&format!(
                    "waiting for another build in {}/{}…",
                    out.display(),
                    busy.pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
                ))
            },
            progress: &|done, total| bar.update(done, total),
        },
    );
    bar.finish();
    built.map_err(|e| placed(e, &args.locale, project, materials.path()))
}

/// The `--json` object of a build, written or failed (README, "Output a script can read").
#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    command: &'static str,
    ok: bool,
    files: Vec<JsonFile<'a>>,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    totals: Totals,
    seconds: f64,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: std::borrow::Cow<'a, str>,
    relative: &'a str,
    kind: &'static str,
    locale: &'a str,
    /// `general` for the materials without an edition.
    edition: &'a str,
    /// `null` for a kind with one size, and for a card in the default CR80.
    paper: Option<&'static str>,
    /// The card kinds' size, `cr80` or `business`; `null` for the other kinds.
    card_size: Option<&'static str>,
    pages: usize,
    bytes: u64,
    sha256: &'a str,
    rebuilt: bool,
}

#[derive(Serialize)]
struct Totals {
    files: usize,
    pages: usize,
    rebuilt: usize,
    warnings: usize,
    errors: usize,
}

fn json_report(built: &Result<BuildReport, Errors>, seconds: f64) -> Json<'_> {
    let (files, warnings, errors) = match built {
        Ok(b) => (
            b.files.iter().map(json_file).collect(),
            b.warnings.iter().map(report::shown).collect(),
            Vec::new(),
        ),
        Err(e) => {
            let (warnings, errors) = report::as_data(e);
            (Vec::new(), warnings, errors)
        }
    };
    let files: Vec<JsonFile> = files;
    Json {
        version: report::JSON_VERSION,
        command: "build",
        ok: built.is_ok(),
        totals: Totals {
            files: files.len(),
            pages: files.iter().map(|f| f.pages).sum(),
            rebuilt: files.iter().filter(|f| f.rebuilt).count(),
            warnings: warnings.len(),
            errors: errors.len(),
        },
        files,
        warnings,
        errors,
        seconds,
    }
}

fn json_file(f: &bridgeprint::build::Output) -> JsonFile<'_> {
    JsonFile {
        path: f.path.to_string_lossy(),
        relative: &f.relative,
        kind: f.kind.name(),
        locale: &f.locale,
        edition: f.edition.as_deref().unwrap_or("general"),
        paper: f.paper.map(|p| p.name()),
        card_size: f
            .kind
            .card_sized()
            .then(|| f.paper.unwrap_or(Paper::Cr80).name()),
        pages: f.pages,
        bytes: f.bytes,
        sha256: &f.sha256,
        rebuilt: f.rebuilt,
    }
}

/// `--kind`: the registry's kinds, each with its line for `--help`.
pub(super) fn kinds() -> impl TypedValueParser<Value = Kind> {
    let names = Kind::ALL.map(|k| PossibleValue::new(k.name()).help(k.spec().help));
    PossibleValuesParser::new(names).try_map(|s| s.to_ascii_lowercase().parse::<Kind>())
}

/// `--paper`: every paper, each with its line for `--help`.
pub(super) fn papers() -> impl TypedValueParser<Value = Paper> {
    let names = Paper::ALL.map(|p| PossibleValue::new(p.name()).help(p.help()));
    PossibleValuesParser::new(names).try_map(|s| s.to_ascii_lowercase().parse::<Paper>())
}

/// `--impose`, `calibrate --sheet`: every sheet, each with its line for `--help`.
pub(super) fn sheets() -> impl TypedValueParser<Value = bridgeprint::impose::Sheet> {
    let names = bridgeprint::impose::SHEETS
        .iter()
        .map(|s| PossibleValue::new(s.name).help(s.help));
    PossibleValuesParser::new(names).try_map(|s| s.parse::<bridgeprint::impose::Sheet>())
}

/// `--flip`: the duplex edge.
pub(super) fn flips() -> impl TypedValueParser<Value = bridgeprint::impose::Flip> {
    let names = [
        PossibleValue::new("long").help("turned over the long edge, like a book's page"),
        PossibleValue::new("short").help("turned over the short edge, like a wall calendar"),
    ];
    PossibleValuesParser::new(names).try_map(|s| s.parse::<bridgeprint::impose::Flip>())
}

/// `--card-size`: the card kinds' sizes, each with its line for `--help`.
pub(super) fn card_sizes() -> impl TypedValueParser<Value = Paper> {
    let names = Paper::CARDS.map(|p| PossibleValue::new(p.name()).help(p.help()));
    PossibleValuesParser::new(names).try_map(|s| Paper::card_size(&s.to_ascii_lowercase()))
}

/// `--paper` and `--card-size` as one list ([`bridgeprint::Kind::papers_in`] gives each
/// kind its own), each flag over the project's setting of the same meaning.
pub(super) fn sheets_and_sizes(
    project: Option<&bridgeprint::project::Project>,
    paper: &[Paper],
    card_size: &[Paper],
) -> Vec<Paper> {
    let mut all = or_project(paper, project, |p| &p.papers);
    all.extend(or_project(card_size, project, |p| &p.card_sizes));
    all
}

/// `--lock-timeout`: a number of seconds, fractions allowed.
fn seconds(s: &str) -> Result<std::time::Duration, String> {
    s.parse::<f64>()
        .ok()
        .and_then(|n| std::time::Duration::try_from_secs_f64(n).ok())
        .ok_or_else(|| format!("`{s}` is not a number of seconds (0 or more)"))
}
