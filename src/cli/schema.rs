//! `bridgeprint schema`: the JSON Schemas of the project file and the content files.

use std::path::PathBuf;

use bridgeprint::Errors;
use bridgeprint::project::schema::{self, SchemaFile};

use super::report;

/// Print the JSON Schema of a file you edit, or write them all for an editor.
///
/// For an editor that checks TOML as you type (Even Better TOML, taplo). `project` is bridgeprint.toml; `content` is every content file at once (a schema that
/// accepts any of them); the others name one file: contacts, editions, locale, texts,
/// types, comparison, red_flags, report, scale. With --out, writes every schema into the
/// folder (bridgeprint.schema.json, texts.schema.json, ...) and prints their paths; point
/// Even Better TOML or taplo at them (`init` writes the schemas/ folder and a .taplo.toml
/// that does).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema.
    #[arg(value_name = "FILE", default_value = "project", value_parser = names())]
    which: String,
    /// Write every schema into this folder instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "which")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), Errors> {
    if let Some(dir) = args.out {
        for path in schema::write_all(&dir)? {
            report::result(&path.display().to_string());
        }
        return Ok(());
    }
    let all = schema::all();
    let value = match args.which.as_str() {
        "project" => all.into_iter().next().map(|s| s.schema).unwrap_or_default(),
        "content" => any_content(all),
        name => all
            .into_iter()
            .find(|s| s.name == name)
            .map(|s| s.schema)
            .unwrap_or_default(),
    };
    let _ = std::io::Write::write_all(
        &mut std::io::stdout(),
        format!(
            "{}\n",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        )
        .as_bytes(),
    );
    Ok(())
}

/// One schema any content file passes: each file's schema, in `definitions`, as an
/// alternative. For an editor, one file's own schema says more (see `--out`).
fn any_content(all: Vec<SchemaFile>) -> serde_json::Value {
    let mut definitions = serde_json::Map::new();
    let mut any = Vec::new();
    for mut s in all.into_iter().skip(1) {
        // Each file's own definitions move up beside it, so their references still point.
        if let Some(defs) = s
            .schema
            .as_object_mut()
            .and_then(|m| m.remove("definitions"))
            && let serde_json::Value::Object(defs) = defs
        {
            definitions.extend(defs);
        }
        if let Some(m) = s.schema.as_object_mut() {
            m.remove("$schema");
        }
        any.push(serde_json::json!({ "$ref": format!("#/definitions/{}", s.name) }));
        definitions.insert(s.name.to_string(), s.schema);
    }
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "bridgeprint content file",
        "anyOf": any,
        "definitions": definitions,
    })
}

/// `project`, `content`, and each file's name.
fn names() -> clap::builder::PossibleValuesParser {
    let mut names = vec!["project", "content"];
    names.extend(schema::names().skip(1));
    clap::builder::PossibleValuesParser::new(names)
}
