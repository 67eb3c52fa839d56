//! `bridgeprint build`: make PDFs.

use std::path::PathBuf;

use bridgeprint::{BuildOptions, BuildReport, Errors, Kind, Paper};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use super::args::{ContentArgs, in_project, or_project, placed, setup};
use super::report;

/// Build PDFs into the output folder.
///
/// Writes OUT/<locale>/<kind>.pdf for each locale and kind: card.pdf (ISO ID-1 wallet card,
/// front and back, with 0.125 in bleed), poster.pdf and handout.pdf. Posters and handouts
/// on paper other than Letter get its name: poster-a4.pdf, handout-a3.pdf.
///
/// Prints the path of each PDF written on stdout, one a line, and nothing else; warnings
/// and a one-line summary go to stderr. Nothing is written unless every document succeeds,
/// and each file is replaced atomically.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(super) content: ContentArgs,
    /// Where the PDFs go; created if missing. Relative to the project folder in a project.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub(super) out: PathBuf,
    /// Only these kinds (repeatable). Default: the project's `kinds`, else all.
    #[arg(long, value_name = "KIND", value_parser = kinds())]
    kind: Vec<Kind>,
    /// Only these locales, by folder name such as `es` (repeatable). Default: the
    /// project's `locales`, else all.
    ///
    /// Two joined by `+` make one bilingual card and poster, as state posting laws ask for
    /// English and Spanish together: `--locale en+es` writes en+es/card.pdf and
    /// en+es/poster.pdf, the first language leading.
    #[arg(long, value_name = "CODE")]
    locale: Vec<String>,
    /// Paper for posters and handouts (repeatable; cards are always card-sized).
    /// Default: the project's `papers`, else letter.
    #[arg(long, value_name = "PAPER", value_parser = papers())]
    paper: Vec<Paper>,
    /// Audience editions (repeatable): `trucking`, `hospitality`, `healthcare` (see `list`),
    /// `general`, or `all`. Their files carry the name: en/poster-trucking.pdf,
    /// en/card-healthcare.pdf. A named edition in a locale without its texts is an error;
    /// `all` makes each edition in the locales that have it. Default: the project's
    /// `editions`, else general.
    #[arg(long, value_name = "NAME")]
    edition: Vec<String>,
    /// When another build is writing into the same output folder, wait this long for it
    /// to finish before giving up (exit status 1). 0 gives up at once.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = seconds)]
    pub(super) lock_timeout: std::time::Duration,
}

/// Builds and reports as `build` does; `preview` and `watch` go on from the report.
pub fn run(args: Args) -> Result<BuildReport, Errors> {
    let start = std::time::Instant::now();
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    let out = in_project(&args.out, project);
    let opts = BuildOptions {
        materials: materials.path().to_path_buf(),
        out: out.clone(),
        kinds: or_project(&args.kind, project, |p| &p.kinds),
        locales: or_project(&args.locale, project, |p| &p.locales),
        papers: or_project(&args.paper, project, |p| &p.papers),
        editions: or_project(&args.edition, project, |p| &p.editions),
        strict: args.content.strict(project),
        font_dirs: args.content.font_dirs(project),
        lock_timeout: args.lock_timeout,
        local: project.and_then(|p| p.local.clone()),
        setup: setup(project),
        organisation: project.and_then(|p| p.organisation.clone()),
    };
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
            progress: &|_, _| {},
        },
    )
    .map_err(|e| placed(e, &args.locale, project, materials.path()))?;
    report::diagnostics(&built.warnings);
    for path in &built.written {
        report::result(&path.display().to_string());
    }
    report::summary(&format!(
        "wrote {} PDF{} ({} page{}) in {:.2} s",
        built.written.len(),
        if built.written.len() == 1 { "" } else { "s" },
        built.pages,
        if built.pages == 1 { "" } else { "s" },
        start.elapsed().as_secs_f64()
    ));
    Ok(built)
}

/// `--kind`: the registry's kinds, each with its line for `--help`.
pub(super) fn kinds() -> impl TypedValueParser<Value = Kind> {
    let names = Kind::ALL.map(|k| PossibleValue::new(k.name()).help(k.spec().help));
    PossibleValuesParser::new(names).try_map(|s| s.parse::<Kind>())
}

/// `--paper`: every paper, each with its line for `--help`.
pub(super) fn papers() -> impl TypedValueParser<Value = Paper> {
    let names = Paper::ALL.map(|p| PossibleValue::new(p.name()).help(p.help()));
    PossibleValuesParser::new(names).try_map(|s| s.parse::<Paper>())
}

/// `--lock-timeout`: a number of seconds, fractions allowed.
fn seconds(s: &str) -> Result<std::time::Duration, String> {
    s.parse::<f64>()
        .ok()
        .and_then(|n| std::time::Duration::try_from_secs_f64(n).ok())
        .ok_or_else(|| format!("`{s}` is not a number of seconds (0 or more)"))
}
