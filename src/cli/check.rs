//! `bridgeprint check`: validate without writing.

use bridgeprint::{CheckLimits, Errors, Kind, Paper};

use super::args::{ContentArgs, or_project, placed, setup};
use super::report;

/// Validate all content and lay out every document in memory, writing nothing.
///
/// Checks every file for syntax, unknown or missing keys, every contact for a valid number
/// with a source and date, and lays out every kind in every locale on every paper, and
/// every locale beside English as a bilingual card and poster (en+vi and vi+en), so text
/// that would not fit is found before a print run. `--kind`, `--locale`, `--paper`
/// and `--edition` limit the layout to what is printed (every document is still read and validated).
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
    /// Only lay out these audience editions (repeatable; `general`, `all`). Default: every
    /// edition each locale has.
    #[arg(long, value_name = "NAME")]
    edition: Vec<String>,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    // The project's `[build]` says what the organisation prints: check that, as build
    // would make it, unless a flag says otherwise.
    let limits = CheckLimits {
        kinds: or_project(&args.kind, project, |p| &p.kinds),
        locales: or_project(&args.locale, project, |p| &p.locales),
        papers: or_project(&args.paper, project, |p| &p.papers),
        setup: setup(project),
        local: project.and_then(|p| p.local.clone()),
        // A project whose `[build]` names no edition builds the general one: check that.
        // Without a project, every edition each locale has is laid out.
        editions: match (project, args.edition.is_empty()) {
            (Some(p), true) if p.editions.is_empty() => vec!["general".to_string()],
            _ => or_project(&args.edition, project, |p| &p.editions),
        },
        organisation: project.and_then(|p| p.organisation.clone()),
    };
    let checked = bridgeprint::check_limited(
        materials.path(),
        args.content.strict(project),
        &args.content.font_dirs(project),
        &limits,
    )
    .map_err(|e| placed(e, &args.locale, project, materials.path()))?;
    report::diagnostics(&checked.warnings);
    report::summary(&format!(
        "checked {}, {}: all fit",
        report::count(checked.locales, "locale"),
        report::count(checked.documents, "document")
    ));
    Ok(())
}
