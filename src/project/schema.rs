//! JSON Schemas of the files a project is edited in, derived from the serde types that
//! read them (schemars), so an editor (Even Better TOML, taplo) flags a misspelt key or a
//! wrong value type while it is typed, with the same names the build accepts.
//!
//! The schemas describe shape only: what a key may be called and hold. The rules beyond
//! shape (a number's digits, a placeholder, a colour's contrast) stay the build's.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::content::contacts::ContactsFile;
use crate::content::editions::Declared;
use crate::content::schema::{Comparison, LocaleFile, RedFlags, Report, Scale, Texts, Types};
use crate::error::Error;

/// One file's schema: where it is written and which project files it describes.
pub struct SchemaFile {
    /// `texts`: what `bridgeprint schema NAME` takes.
    pub name: &'static str,
    /// The glob of the files it describes, from the project folder.
    pub applies_to: &'static str,
    pub schema: serde_json::Value,
}

impl SchemaFile {
    /// `texts.schema.json`.
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }
}

/// The folder of a project that holds the schemas `init` writes.
pub const FOLDER: &str = "schemas";

/// Every schema file: its name, the files it applies to, and how its schema is made. The
/// names are read at every start (they are the `schema` command's choices, built with the
/// command line); the schemas, 1.5 M instructions of schemars, only when one is asked for.
type Entry = (&'static str, &'static str, fn() -> serde_json::Value);

/// The project file's first, then the content files'.
const FILES: [Entry; 10] = [
    ("bridgeprint", "**/bridgeprint.toml", || {
        of::<super::ProjectFile>("bridgeprint.toml")
    }),
    ("contacts", "**/materials/contacts.toml", || {
        of::<ContactsFile>("contacts.toml")
    }),
    ("editions", "**/materials/editions.toml", || {
        of::<std::collections::BTreeMap<String, Declared>>("editions.toml")
    }),
    ("locale", "**/materials/*/locale.toml", || {
        of::<LocaleFile>("locale.toml")
    }),
    ("texts", "**/materials/*/texts.toml", || {
        of::<Texts>("texts.toml")
    }),
    ("types", "**/materials/*/types.toml", || {
        of::<Types>("types.toml")
    }),
    ("comparison", "**/materials/*/comparison.toml", || {
        of::<Comparison>("comparison.toml")
    }),
    ("red_flags", "**/materials/*/red_flags.toml", || {
        of::<RedFlags>("red_flags.toml")
    }),
    ("report", "**/materials/*/report.toml", || {
        of::<Report>("report.toml")
    }),
    ("scale", "**/materials/*/scale.toml", || {
        of::<Scale>("scale.toml")
    }),
];

/// Every schema file's name, in `all`'s order, without making any schema.
pub fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(name, _, _)| *name)
}

/// Every schema: the project file's first, then the content files'.
pub fn all() -> Vec<SchemaFile> {
    FILES
        .iter()
        .map(|(name, applies_to, make)| SchemaFile {
            name,
            applies_to,
            schema: make(),
        })
        .collect()
}

/// `T`'s schema titled by the file it describes. Draft 7: the newest draft every TOML
/// editor plugin reads.
pub fn of<T: JsonSchema>(file: &str) -> serde_json::Value {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    if let Some(map) = schema.as_object_mut() {
        map.insert("title".into(), file.into());
    }
    schema
}

/// `.taplo.toml`: each file of the project checked against its schema in `folder`, for
/// Even Better TOML (VS Code) and the taplo command line.
pub fn taplo_config(folder: &str) -> String {
    let mut out = String::from(
        "# Tells Even Better TOML (VS Code) and taplo which schema each file follows, so a\n\
         # misspelt key is underlined as you type. Written by `bridgeprint init`; remake the\n\
         # schemas after updating bridgeprint: `bridgeprint schema --out schemas`.\n",
    );
    for s in all() {
        out.push_str(&format!(
            "\n[[rule]]\ninclude = [\"{}\"]\n[rule.schema]\npath = \"{folder}/{}\"\n",
            s.applies_to,
            s.file_name()
        ));
    }
    out
}

/// Writes every schema into `dir` (created if missing) and returns the paths written.
pub fn write_all(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for s in all() {
        let path = dir.join(s.file_name());
        let mut text = serde_json::to_string_pretty(&s.schema).unwrap_or_default();
        text.push('\n');
        std::fs::write(&path, text).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
