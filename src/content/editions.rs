//! Audience editions (`materials/editions.toml`): which editions the materials have and
//! the source each one's signs come from. Their texts are in each locale's
//! `red_flags.toml`, one `[editions.NAME]` table per edition, never filled from `en`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{Locale, source};
use crate::error::Error;

/// The edition every build makes unless asked otherwise: the red flags of
/// `red_flags.toml`, with today's output names.
pub const GENERAL: &str = "general";

/// The file that declares the editions, beside `contacts.toml`.
pub const FILE: &str = "editions.toml";

/// An audience edition the materials declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// `trucking`: the name on the command line and in output names.
    pub name: String,
    /// Who it is for, in a few words, for `bridgeprint list`.
    pub audience: String,
    /// Where its signs come from.
    pub source: String,
}

/// An edition's table in `editions.toml`, as written.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declared {
    audience: String,
    source: String,
}

/// The editions `root/editions.toml` declares, in file order of their names; none when
/// the file is absent (a project that prints only the general edition needs none).
pub fn load(root: &Path) -> Result<Vec<Edition>, Vec<Error>> {
    let path = root.join(FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(Vec::new());
    }
    let src = source::read(root, &path).map_err(|e| vec![e])?;
    let declared: BTreeMap<String, Declared> = source::parse(&path, &src).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (name, d) in declared {
        if let Some(why) = bad_name(&name) {
            errors.push(Error::InvalidEdition {
                location: source::locate_key(&path, &src, &name).map(Box::new),
                path: path.clone(),
                name,
                message: why,
            });
            continue;
        }
        out.push(Edition {
            name,
            audience: d.audience,
            source: d.source,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Why `name` cannot be an edition's name, if it cannot: it becomes part of a file name
/// (`poster-trucking.pdf`), and `general` and `all` already mean something.
fn bad_name(name: &str) -> Option<String> {
    if name == GENERAL || name == "all" {
        return Some(format!(
            "`{name}` is reserved (`general` is red_flags.toml's own signs, `all` every edition)"
        ));
    }
    let ok = !name.is_empty()
        && name.len() <= 32
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    (!ok).then(|| {
        "an edition's name is part of file names: lower-case letters, digits and `_`, starting with a letter, at most 32".to_string()
    })
}

/// Why `name` cannot be asked for (`--edition`, `[build] editions`), if it cannot: it is
/// `general`, `all`, or could be an edition's name.
pub fn unrequestable(name: &str) -> Option<String> {
    if name == GENERAL || name == "all" {
        return None;
    }
    bad_name(name)
}

/// Every `[editions.NAME]` table of `locale` that `editions.toml` does not declare: a
/// misspelt name would otherwise be an edition nobody can build.
pub fn undeclared(root: &Path, locale: &Locale, editions: &[Edition]) -> Vec<Error> {
    let path = locale.dir.join("red_flags.toml");
    locale
        .red_flags
        .editions
        .0
        .keys()
        .filter(|name| !editions.iter().any(|e| &e.name == *name))
        .map(|name| {
            let key = format!("editions.{name}");
            Error::InvalidEdition {
                location: source::read(root, &path)
                    .ok()
                    .and_then(|src| source::locate_key(&path, &src, &key))
                    .map(Box::new),
                path: path.clone(),
                name: name.clone(),
                message: format!("{FILE} does not declare it (declared: {})", names(editions)),
            }
        })
        .collect()
}

/// `general, trucking, healthcare`: every edition a run can be asked for.
pub fn names(editions: &[Edition]) -> String {
    std::iter::once(GENERAL)
        .chain(editions.iter().map(|e| e.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `locale` can make `edition`: every locale can make `general`.
pub fn has(locale: &Locale, edition: &str) -> bool {
    edition == GENERAL || locale.red_flags.editions.0.contains_key(edition)
}

#[cfg(test)]
mod tests {
    use super::bad_name;

    #[test]
    fn names_that_become_file_names() {
        assert!(bad_name("trucking").is_none());
        assert!(bad_name("home_care2").is_none());
        for bad in [
            "general",
            "all",
            "Trucking",
            "truck-stops",
            "2x",
            "",
            "a/b",
            "é",
        ] {
            assert!(bad_name(bad).is_some(), "{bad}");
        }
    }
}
