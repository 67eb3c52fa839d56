//! `bridgeprint i18n`: a locale's texts out to a PO file for a translation tool, and back.

use std::io::Read;
use std::path::{Path, PathBuf};

use bridgeprint::project::Materials;
use bridgeprint::{Diagnostic, Error, Errors};

use super::args::MaterialsArg;
use super::report;

/// Translate the materials with Poedit, Weblate or Crowdin: export a locale's texts as a
/// gettext PO file, translate, import it back into the locale's TOML files.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Export(ExportArgs),
    Import(ImportArgs),
}

/// The file formats a locale's texts can be exported in.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// gettext PO (Poedit, Weblate, Crowdin, Lokalise).
    Po,
}

/// Write a locale's texts as a PO file: each text's key as its context (msgctxt), the
/// English as its source, the locale's text as its translation (empty where the locale
/// leaves it to English), English's comments and what each {placeholder} prints for the
/// translator, and `fuzzy` for a translation whose English changed since it was imported.
#[derive(Debug, clap::Args)]
struct ExportArgs {
    #[command(flatten)]
    materials: MaterialsArg,
    /// The locale, by its folder name: `vi`, `pt-BR`.
    #[arg(long, value_name = "TAG")]
    locale: String,
    /// The file format.
    #[arg(long, value_enum, default_value = "po")]
    format: Format,
    /// Write the PO file here instead of to stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Write a locale's TOML files from a translated PO file. Nothing is written unless every
/// entry is valid and the result loads under every content rule: a changed or dropped
/// {placeholder}, an unknown msgctxt, a list or edition translated in part, or a number
/// typed into a text is an error at the entry's line. Untranslated entries print in
/// English; fuzzy ones are imported and stay fuzzy. A reviewed locale whose texts change
/// becomes a draft again. Prints each file it wrote on stdout.
#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The PO file (`-`: read it from stdin).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The locale to write. Default: the PO file's `Language` header.
    #[arg(long, value_name = "TAG")]
    locale: Option<String>,
    #[command(flatten)]
    materials: MaterialsArg,
}

pub fn run(args: Args) -> Result<(), Errors> {
    match args.command {
        Command::Export(a) => export(a),
        Command::Import(a) => import(a),
    }
}

fn export(args: ExportArgs) -> Result<(), Errors> {
    let Format::Po = args.format;
    let (_, materials) = args.materials.resolve()?;
    let exported = bridgeprint::i18n::export(materials.path(), &args.locale)?;
    report::diagnostics(&exported.warnings);
    let to = match &args.output {
        Some(path) => {
            // `vi.po` has the empty path for its folder, where the temporary file goes.
            let path = match path.parent() {
                Some(p) if p.as_os_str().is_empty() => Path::new(".").join(path),
                _ => path.clone(),
            };
            bridgeprint::write::atomic_write(&path, exported.po.as_bytes())?;
            path.display().to_string()
        }
        None => {
            print!("{}", exported.po);
            "stdout".to_string()
        }
    };
    report::summary(&format!(
        "exported {} of {} to {to}: {} translated, {} fuzzy",
        report::count(exported.entries, "text"),
        exported.tag,
        exported.translated,
        exported.fuzzy
    ));
    Ok(())
}

/// A PO file is a few hundred kilobytes at most; past this it is not one.
const MAX_PO_BYTES: u64 = 16 * 1024 * 1024;

fn import(args: ImportArgs) -> Result<(), Errors> {
    let (project, materials) = args.materials.resolve()?;
    let Materials::Folder(dir) = &materials else {
        return Err(Error::NoMaterialsFolder {
            command: "bridgeprint i18n import",
        }
        .into());
    };
    let (shown, text) = read_po(&args.file)?;
    let imported = bridgeprint::i18n::import(
        dir,
        &shown,
        &text,
        args.locale.as_deref(),
        project.as_ref().and_then(|p| p.local.as_ref()),
    )?;
    let name = shown.display();
    let mut warnings = Vec::new();
    for (line, key) in &imported.fuzzy {
        warnings.push(Diagnostic::warning(format!(
            "{name}:{line}: `{key}` is marked fuzzy: imported, and fuzzy again at the next export until the translation is confirmed"
        )));
    }
    for (line, key) in &imported.outdated {
        warnings.push(Diagnostic::warning(format!(
            "{name}:{line}: `{key}` was translated from an older English: imported, and fuzzy at the next export"
        )));
    }
    if !imported.untranslated.is_empty() {
        const SHOWN: usize = 10;
        let listed: Vec<String> = imported
            .untranslated
            .iter()
            .take(SHOWN)
            .map(|(line, key)| format!("{key} (line {line})"))
            .collect();
        let more = imported.untranslated.len().saturating_sub(SHOWN);
        warnings.push(Diagnostic::warning(format!(
            "{name}: {} untranslated, printed in English: {}{}",
            report::count(imported.untranslated.len(), "text"),
            listed.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )));
    }
    if !imported.not_in_po.is_empty() {
        warnings.push(Diagnostic::warning(format!(
            "{name} lacks {} (exported before English had them): kept as they were: {}",
            report::count(imported.not_in_po.len(), "text"),
            imported.not_in_po.join(", ")
        )));
    }
    if imported.now_draft {
        warnings.push(Diagnostic::warning(format!(
            "locale `{}` was reviewed; its texts changed, so its locale.toml now says status = \"draft\": set \"reviewed\" again once a native reader has checked them",
            imported.tag
        )));
    }
    report::diagnostics(&warnings);
    for path in &imported.written {
        report::result(&materials.relabel(&path.display().to_string()));
    }
    report::summary(&if imported.written.is_empty() {
        format!(
            "imported {} from {name}: nothing changed, no file written",
            imported.tag
        )
    } else {
        format!(
            "imported {} from {name}: {} changed, {} written",
            imported.tag,
            report::count(imported.changed, "text"),
            report::count(imported.written.len(), "file")
        )
    });
    Ok(())
}

/// The PO file's name for messages, and its text.
fn read_po(path: &Path) -> Result<(PathBuf, String), Error> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| Error::Read {
                path: PathBuf::from("<stdin>"),
                source,
            })?;
        return Ok((PathBuf::from("<stdin>"), text));
    }
    bridgeprint::input::regular_file(path)?;
    let bytes = bridgeprint::input::read_limited(path, MAX_PO_BYTES, "a PO file")?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (byte {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        ),
    })?;
    Ok((path.to_path_buf(), text))
}
