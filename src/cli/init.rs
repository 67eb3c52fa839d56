//! `bridgeprint init`: start a project.

use std::path::PathBuf;

use bridgeprint::Errors;

use super::report;

/// Make a project: bridgeprint.toml, a materials/ copy of the bundled content to edit,
/// a fonts/ folder and a README.
///
/// Refuses a folder that already has a bridgeprint.toml or a materials/ folder (exit
/// status 1), so nothing of an existing project is overwritten.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder; created if missing. Default: the current folder.
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let made = bridgeprint::project::init(&args.dir)?;
    report::summary(&format!(
        "created a bridgeprint project in {} ({} files): edit materials/, then `bridgeprint build`",
        made.root.display(),
        made.files
    ));
    Ok(())
}
