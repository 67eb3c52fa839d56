//! `bridgeprint check`: validate without writing.

use bridgeprint::Errors;

use super::args::ContentArgs;
use super::report;

/// Validate all content and lay out every document in memory, writing nothing.
///
/// Checks every file for syntax, unknown or missing keys, every contact for a valid number
/// with a source and date, and lays out every kind in every locale on every paper, and
/// every locale beside English as a bilingual card and poster (en+vi and vi+en), so text
/// that would not fit is found before a print run. Exit status 1 when anything is wrong.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentArgs,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    let checked = bridgeprint::check(
        materials.path(),
        args.content.strict(project),
        &args.content.font_dirs(project),
    )?;
    report::diagnostics(&checked.warnings);
    report::summary(&format!(
        "checked {} locales, {} documents: all fit",
        checked.locales, checked.documents
    ));
    Ok(())
}
