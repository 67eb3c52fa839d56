//! `bridgeprint new-locale`: a locale folder to translate.

use bridgeprint::project::Materials;
use bridgeprint::{Diagnostic, Error, Errors};

use super::args::MaterialsArg;
use super::report;

/// Make a locale folder from English: locale.toml as a draft with the direction and font
/// its script needs and notes for the reviewer, and each content file with English's
/// texts commented out, so every text prints in English until it is translated (with
/// `i18n export` and `i18n import`, or by hand). Refuses a folder that exists and a tag
/// that is not a language tag. Prints the folder on stdout.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The language tag: `so`, `ur`, `pt-BR`, `zh-Hant` (the folder's name).
    #[arg(value_name = "TAG")]
    tag: String,
    /// The language's name in English. Default: known for common languages, else the tag.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The language's name in itself. Default: known for common languages, else the tag.
    #[arg(long, value_name = "NAME")]
    native_name: Option<String>,
    #[command(flatten)]
    materials: MaterialsArg,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let (_, materials) = args.materials.resolve()?;
    let Materials::Folder(dir) = &materials else {
        return Err(Error::NoMaterialsFolder {
            command: "bridgeprint new-locale",
        }
        .into());
    };
    let made = bridgeprint::i18n::new_locale(
        dir,
        &args.tag,
        args.name.as_deref(),
        args.native_name.as_deref(),
    )?;
    if let Some(script) = made.needs_font {
        report::diagnostics(&[Diagnostic::warning(format!(
            "no bundled font has {script} letters: add one with --font-dir (or font_dirs in bridgeprint.toml) and name its family in {}/locale.toml `fonts`, or its texts cannot be built",
            made.dir.display()
        ))]);
    }
    report::result(&made.dir.display().to_string());
    let direction = match made.direction {
        bridgeprint::content::Direction::Rtl => "right to left",
        bridgeprint::content::Direction::Ltr => "left to right",
    };
    let fonts = if made.fonts.is_empty() {
        String::new()
    } else {
        format!(", fonts {}", made.fonts.join(", "))
    };
    report::summary(&format!(
        "created {} ({}, {direction}{fonts}, draft): every text prints in English until translated; next: bridgeprint i18n export --locale {} --output {}.po",
        made.dir.display(),
        made.name,
        made.tag,
        made.tag
    ));
    Ok(())
}
