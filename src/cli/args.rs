//! Arguments more than one subcommand takes, declared once so they read and behave the
//! same in each.

use std::path::PathBuf;

/// Where the content is: every subcommand reads it.
#[derive(Debug, clap::Args)]
pub struct MaterialsArg {
    /// The content folder: contacts.toml and one folder per locale.
    #[arg(long, value_name = "DIR", default_value = "materials")]
    pub materials: PathBuf,
}

/// How the content is read and judged: the subcommands that lay documents out.
#[derive(Debug, clap::Args)]
pub struct ContentArgs {
    #[command(flatten)]
    pub materials: MaterialsArg,
    /// Refuse draft translations (status = "draft" in locale.toml) instead of warning.
    #[arg(long)]
    pub strict: bool,
    /// Also use the fonts in this folder (repeatable); a locale names them in the
    /// `fonts = [...]` of its locale.toml. System fonts are never read.
    #[arg(long, value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
}
