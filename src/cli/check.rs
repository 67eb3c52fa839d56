//! `bridgeprint check`: validate without writing.

use std::path::PathBuf;

use bridgeprint::Errors;

use super::report;

/// Validate all content and lay out every document in memory, writing nothing.
///
/// Checks every file for syntax, unknown or missing keys, every contact for a valid number
/// with a source and date, and lays out every kind in every locale on every paper, and
/// every locale beside English as a bilingual card and poster (en+vi and vi+en), so text
/// that would not fit is found before a print run. Exit status 1 when anything is wrong.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder: contacts.toml and one folder per locale.
    #[arg(long, value_name = "DIR", default_value = "materials")]
    materials: PathBuf,
    /// Refuse draft translations (status = "draft" in locale.toml) instead of warning.
    #[arg(long)]
    strict: bool,
    /// Also use the fonts in this folder (repeatable); a locale names them in the
    /// `fonts = [...]` of its locale.toml. System fonts are never read.
    #[arg(long, value_name = "DIR")]
    font_dir: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let checked = bridgeprint::check(&args.materials, args.strict, &args.font_dir)?;
    report::warnings(&checked.warnings);
    report::summary(&format!(
        "checked {} locales, {} documents: all fit",
        checked.locales, checked.documents
    ));
    Ok(())
}
