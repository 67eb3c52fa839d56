//! `bridgeprint check`: validate without writing.

use bridgeprint::{CheckLimits, Errors, Kind, Paper};

use super::args::ContentArgs;
use super::report;

/// Validate all content and lay out every document in memory, writing nothing.
///
/// Checks every file for syntax, unknown or missing keys, every contact for a valid number
/// with a source and date, and lays out every kind in every locale on every paper, and
/// every locale beside English as a bilingual card and poster (en+vi and vi+en), so text
/// that would not fit is found before a print run. `--kind`, `--locale` and `--paper`
/// limit the layout to what is printed (every document is still read and validated).
/// Exit status 1 when anything is wrong.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentArgs,
    /// Only lay out these kinds (repeatable). Default: all.
    #[arg(long, value_name = "KIND", value_parser = super::build::kinds())]
    kind: Vec<Kind>,
    /// Only lay out these locales or pairs such as `en+es` (repeatable). Default: every
    /// locale, and each beside English both ways round.
    #[arg(long, value_name = "CODE")]
    locale: Vec<String>,
    /// Only lay out posters and handouts on these papers (repeatable). Default: all.
    #[arg(long, value_name = "PAPER", value_parser = super::build::papers())]
    paper: Vec<Paper>,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    let limits = CheckLimits {
        kinds: args.kind,
        locales: args.locale,
        papers: args.paper,
        organisation: project.and_then(|p| p.organisation.clone()),
    };
    let checked = bridgeprint::check_limited(
        materials.path(),
        args.content.strict(project),
        &args.content.font_dirs(project),
        &limits,
    )?;
    report::diagnostics(&checked.warnings);
    report::summary(&format!(
        "checked {} locales, {} documents: all fit",
        checked.locales, checked.documents
    ));
    Ok(())
}
