//! A project: a folder with `bridgeprint.toml`, found from the current folder or a parent
//! like cargo's `Cargo.toml`, holding the organisation's own `materials/` and `fonts/`.
//! `init` writes one; [`Materials`] says which content a run reads: a folder named on the
//! command line, the project's, `./materials`, or the bundled materials.

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub mod organisation;
pub mod schema;
mod theme;

use crate::bundled::{self, Unpacked};
use crate::compose::{Kind, Paper, Theme};
use crate::content::{self, source};
use crate::error::{Error, Errors, Location};

/// The project file's name.
pub const FILE: &str = "bridgeprint.toml";

/// `bridgeprint.toml` as written. Unknown keys are errors with a suggestion, as in content.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ProjectFile {
    #[serde(default)]
    build: BuildTable,
    /// Local contact records and the local-help panel ([`local`]).
    #[serde(default)]
    contacts: std::collections::BTreeMap<String, content::contacts::ContactRecord>,
    local_help: Option<content::local::HelpTable>,
    #[serde(default)]
    theme: theme::ThemeTable,
    #[serde(default)]
    organisation: Option<organisation::OrganisationTable>,
    /// What a legal notice needs of the project (`--kind notice --profile NAME`).
    #[serde(default)]
    notice: Option<NoticeTable>,
}

/// `[notice]`: where the notices are posted, and the official texts a profile leaves to
/// the project.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeTable {
    /// The county the notices are posted in (`San Diego`): a profile whose law asks for
    /// the county's language looks it up in its county table.
    pub county: Option<String>,
    /// The statutory text's size in points, when larger than the profile's minimum; a
    /// smaller one is an error naming the law's rule.
    pub text_size: Option<f32>,
    /// `[notice.text."ca-civ-52.6".es]`: the official translation of a profile's text in
    /// a language the profile has no words for, with `{hotline}`-style placeholders for
    /// its numbers, and where it was published (`source`).
    #[serde(default)]
    pub text: std::collections::BTreeMap<String, std::collections::BTreeMap<String, SuppliedText>>,
}

/// An official text a project supplies for a profile and language.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuppliedText {
    pub text: String,
    /// Where the official translation was published, and when it was taken.
    pub source: String,
}

/// A project's `[notice]`, with the file's text for errors to point into.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectNotice {
    pub table: NoticeTable,
    pub path: PathBuf,
    pub source: String,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct BuildTable {
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    locales: Vec<String>,
    #[serde(default)]
    papers: Vec<String>,
    /// The card kinds' sizes: `cr80`, `business`.
    #[serde(default)]
    card_sizes: Vec<String>,
    #[serde(default)]
    strict: bool,
    #[serde(default)]
    font_dirs: Vec<PathBuf>,
    #[serde(default)]
    editions: Vec<String>,
    /// Bleed on every side for a print shop: `3mm`, `0.125in`, `9pt` or `0`.
    #[serde(default)]
    bleed: Option<String>,
    /// Crop marks and the file's name in the slug.
    #[serde(default)]
    marks: bool,
    /// `full` (the default) or `office`: light bands for toner and photocopies.
    ink: Option<String>,
    /// `rgb` (the default) or `cmyk`: DeviceCMYK with K-only black, for a print shop.
    color: Option<String>,
    /// The printing condition a CMYK file's output intent names and embeds: `gracol`
    /// (the default), `fogra39` or `swop`.
    output_intent: Option<String>,
    /// The PDF standards every file is written and validated under: `ua-1` (the
    /// default), `a-2b`, or both.
    #[serde(default)]
    pdf_standard: Vec<String>,
}

/// A loaded project: its folder and the defaults of its `[build]` table, which a command
/// line flag of the same meaning overrides.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub kinds: Vec<Kind>,
    pub locales: Vec<String>,
    pub papers: Vec<Paper>,
    /// `card_sizes`: the card kinds' sizes ([`Paper::CARDS`]); empty: CR80.
    pub card_sizes: Vec<Paper>,
    pub strict: bool,
    /// Resolved against `root`.
    pub font_dirs: Vec<PathBuf>,
    /// Its own contact records and local-help panel, judged when the content loads.
    pub local: Option<content::local::ProjectLocal>,
    /// Where each of `locales` is written in the file, for an error about one.
    pub locale_places: Vec<Location>,
    /// `[theme]` over the bundled theme.
    pub theme: Theme,
    /// Audience editions (`trucking`, `all`); empty: the general one.
    pub editions: Vec<String>,
    /// `[organisation]`, its logo read; settled against the content by the build.
    pub organisation: Option<organisation::Pending>,
    /// `bleed`, in points; `None`: each kind's own.
    pub bleed: Option<f32>,
    /// `marks`: crop marks.
    pub marks: bool,
    /// `[build] ink`, if set.
    pub ink: Option<crate::compose::theme::Ink>,
    /// `[build] color`, if set.
    pub color: Option<crate::types::ColorMode>,
    /// `[build] output_intent`, if set.
    pub output_intent: Option<crate::types::PrintCondition>,
    /// `[build] pdf_standard`; empty: not set.
    pub pdf_standards: Vec<crate::types::Standard>,
    /// `[notice]`, for a notice's profile to read.
    pub notice: Option<ProjectNotice>,
}

/// The nearest folder from `start` upwards holding a `bridgeprint.toml`.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join(FILE)).is_ok())
        .map(Path::to_path_buf)
}

/// Reads `dir/bridgeprint.toml` under the content rules (a regular file, size-capped, no
/// link out of the project), every error pointing at its line and column.
pub fn load(dir: &Path) -> Result<Project, Errors> {
    let path = dir.join(FILE);
    let text = source::read(dir, &path)?;
    let file: ProjectFile = source::parse(&path, &text)?;
    let local = local(&file, &path, &text);
    let notice = file.notice.clone().map(|table| ProjectNotice {
        table,
        path: path.clone(),
        source: text.clone(),
    });
    let b = file.build;
    let mut errors = Vec::new();
    let organisation = match file.organisation {
        Some(t) => Some(organisation::table(t, dir, &path, &text)?),
        None => None,
    };
    let kinds = named(&b.kinds, "build.kinds", &path, &text, &mut errors);
    let papers = named(&b.papers, "build.papers", &path, &text, &mut errors);
    let card_sizes: Vec<CardSizeName> =
        named(&b.card_sizes, "build.card_sizes", &path, &text, &mut errors);
    let theme = theme::load(&file.theme, &path, &text).unwrap_or_else(|e| {
        errors.extend(e);
        Theme::default()
    });
    errors.extend(edition_names(&b.editions, &path, &text));
    let bleed = b.bleed.as_deref().and_then(|given| {
        crate::compose::print::parse_bleed(given)
            .map_err(|message| {
                errors.push(Error::ProjectValue {
                    location: source::locate_key(&path, &text, "build.bleed")
                        .unwrap_or_else(|| Location::from_offset(&path, &text, 0)),
                    message,
                })
            })
            .ok()
    });
    let ink = one(b.ink.as_deref(), "build.ink", &path, &text, &mut errors);
    let color = one(b.color.as_deref(), "build.color", &path, &text, &mut errors);
    let output_intent = one(
        b.output_intent.as_deref(),
        "build.output_intent",
        &path,
        &text,
        &mut errors,
    );
    let pdf_standards = named(
        &b.pdf_standard,
        "build.pdf_standard",
        &path,
        &text,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let locale_places = (0..b.locales.len())
        .map(|i| {
            source::locate_key(&path, &text, &format!("build.locales[{i}]"))
                .unwrap_or_else(|| Location::from_offset(&path, &text, 0))
        })
        .collect();
    Ok(Project {
        root: dir.to_path_buf(),
        kinds,
        locales: b.locales,
        papers,
        card_sizes: card_sizes.into_iter().map(|c| c.0).collect(),
        strict: b.strict,
        font_dirs: b.font_dirs.iter().map(|d| dir.join(d)).collect(),
        local,
        locale_places,
        theme,
        editions: b.editions,
        organisation,
        bleed,
        marks: b.marks,
        ink,
        color,
        output_intent,
        pdf_standards,
        notice,
    })
}

/// The file's `[contacts.*]` and `[local_help]`, with its text for errors to point into;
/// `None` when it has neither, so such a project builds exactly what the materials do.
fn local(file: &ProjectFile, path: &Path, text: &str) -> Option<content::local::ProjectLocal> {
    if file.contacts.is_empty() && file.local_help.is_none() {
        return None;
    }
    Some(content::local::ProjectLocal {
        path: path.to_path_buf(),
        source: text.to_string(),
        contacts: file.contacts.clone(),
        help: file.local_help.clone(),
    })
}

impl Project {
    /// What every document of this project is composed with.
    pub fn setup(&self) -> crate::compose::Setup {
        crate::compose::Setup {
            theme: self.theme,
            ..Default::default()
        }
    }

    /// `errors` of a run that took its locales from this file, with each unknown locale
    /// or malformed pair pointed at where `[build] locales` names it, and the locale of
    /// `materials` it most likely meant.
    pub fn place_locale_errors(&self, errors: Errors, materials: &Path) -> Errors {
        let known = locale_folders(materials);
        Errors(
            errors
                .0
                .into_iter()
                .map(|e| self.place_locale_error(e, &known))
                .collect(),
        )
    }

    fn place_locale_error(&self, e: Error, known: &[String]) -> Error {
        let (entry, tag) = match &e {
            Error::UnknownLocale(tag, _) => {
                let found = self
                    .locales
                    .iter()
                    .position(|l| l.split('+').any(|t| t == tag));
                (found, Some(tag.clone()))
            }
            Error::BadPair(name) => (self.locales.iter().position(|l| l == name), None),
            _ => (None, None),
        };
        let Some((i, mut location)) =
            entry.and_then(|i| Some((i, self.locale_places.get(i)?.clone())))
        else {
            return e;
        };
        let Some(tag) = tag else {
            return Error::ProjectValue {
                location,
                message: e.to_string(),
            };
        };
        // Inside a pair, the caret goes under the tag itself, past the opening quote.
        let before = self.locales[i]
            .split('+')
            .take_while(|t| *t != tag)
            .map(|t| t.chars().count() + 1)
            .sum::<usize>();
        location.column += 1 + before;
        let valid: Vec<&str> = known.iter().map(String::as_str).collect();
        let closest = closest_name(&tag, &valid);
        Error::ProjectValue {
            location,
            message: format!(
                "no locale `{tag}` in the materials{}; they have {}",
                closest.map_or_else(String::new, |c| format!(" (did you mean `{c}`?)")),
                if valid.is_empty() {
                    "none".to_string()
                } else {
                    valid.join(", ")
                }
            ),
        }
    }
}

/// The locale folders of `materials` (those holding a `locale.toml`), sorted: what a
/// misspelt locale is matched against without loading the content again.
fn locale_folders(materials: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(materials)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("locale.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The name of `valid` a typo of `given` most likely meant: a different case or up to two
/// letters changed, as for kinds and papers.
fn closest_name<'a>(given: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|v| {
            (
                crate::compose::kinds::edits(&given.to_lowercase(), &v.to_lowercase()),
                *v,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// Each name in `[build] editions` that no edition can have, at its place in the file.
/// Whether the materials have it is known only once they are read: the build says so.
fn edition_names(names: &[String], path: &Path, text: &str) -> Vec<Error> {
    names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let why = crate::content::editions::unrequestable(name)?;
            Some(Error::ProjectValue {
                location: source::locate_key(path, text, &format!("build.editions[{i}]"))
                    .unwrap_or_else(|| Location::from_offset(path, text, 0)),
                message: format!("`{name}` is no edition: {why}"),
            })
        })
        .collect()
}

/// A card size as `[build] card_sizes` names it.
struct CardSizeName(Paper);

impl std::str::FromStr for CardSizeName {
    type Err = crate::compose::UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Paper::card_size(s).map(CardSizeName)
    }
}

/// Each name of the array at `key` parsed as a `T` (a kind, a paper); a name that is none
/// is an error at its place in the file, with the close name when there is one.
fn named<T: std::str::FromStr<Err: std::fmt::Display>>(
    names: &[String],
    key: &str,
    path: &Path,
    text: &str,
    errors: &mut Vec<Error>,
) -> Vec<T> {
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match name.parse::<T>() {
            Ok(v) => out.push(v),
            Err(e) => errors.push(Error::ProjectValue {
                location: source::locate_key(path, text, &format!("{key}[{i}]"))
                    .unwrap_or_else(|| Location::from_offset(path, text, 0)),
                message: e.to_string(),
            }),
        }
    }
    out
}

/// A single-valued `[build]` setting parsed, or an error at its key.
fn one<T: std::str::FromStr<Err: std::fmt::Display>>(
    name: Option<&str>,
    key: &str,
    path: &Path,
    text: &str,
    errors: &mut Vec<Error>,
) -> Option<T> {
    match name?.parse::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(Error::ProjectValue {
                location: source::locate_key(path, text, key)
                    .unwrap_or_else(|| Location::from_offset(path, text, 0)),
                message: e.to_string(),
            });
            None
        }
    }
}

/// The content a run reads, and the folder it reads it from.
#[derive(Debug)]
pub enum Materials {
    Folder(PathBuf),
    /// No project and no `materials/` folder: the bundled materials, unpacked for the run.
    Bundled(Unpacked),
}

impl Materials {
    /// `--materials` when given; else the project's `materials/`; else `./materials`;
    /// else, when none is there, the bundled materials, with only the locale folders
    /// `locales` names filled (as `--locale` names them; none: all).
    pub fn resolve(
        flag: Option<&Path>,
        project: Option<&Project>,
        locales: &[String],
    ) -> Result<Self, Error> {
        if let Some(dir) = flag {
            return Ok(Materials::Folder(dir.to_path_buf()));
        }
        let dir = project.map_or_else(|| PathBuf::from("materials"), |p| p.root.join("materials"));
        if std::fs::symlink_metadata(&dir).is_ok() {
            return Ok(Materials::Folder(dir));
        }
        Unpacked::only(|tag| crate::content::is_wanted(locales, tag)).map(Materials::Bundled)
    }

    pub fn path(&self) -> &Path {
        match self {
            Materials::Folder(dir) => dir,
            Materials::Bundled(unpacked) => &unpacked.root,
        }
    }

    /// `text` naming the bundled materials as such rather than by their temporary folder.
    pub fn relabel(&self, text: &str) -> String {
        match self {
            Materials::Folder(_) => text.to_string(),
            Materials::Bundled(unpacked) => unpacked.relabel(text),
        }
    }
}

/// What `init` wrote, for the summary.
#[derive(Debug)]
pub struct Initialised {
    pub root: PathBuf,
    pub files: usize,
}

/// Writes a new project into `dir` (created if missing): `bridgeprint.toml`, the bundled
/// materials to edit, an empty `fonts/`, a README, and the schemas an editor checks them by. Refuses a folder that already has a
/// project file or a `materials/` folder, writing nothing there.
pub fn init(dir: &Path) -> Result<Initialised, Error> {
    for existing in [FILE, "materials"] {
        if std::fs::symlink_metadata(dir.join(existing)).is_ok() {
            return Err(Error::ProjectExists {
                path: dir.join(existing),
            });
        }
    }
    let write = |path: PathBuf, text: &str| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|source| Error::Write { path, source })
    };
    write(dir.join(FILE), &project_file())?;
    write(dir.join("fonts").join("README.md"), FONTS_README)?;
    // A README already there is the organisation's own: kept.
    let readme = dir.join("README.md");
    let mut files = 2 + bundled::FILES.len();
    if std::fs::symlink_metadata(&readme).is_err() {
        write(readme, PROJECT_README)?;
        files += 1;
    }
    bundled::write_to(&dir.join("materials"))?;
    // The editor's schemas (see `schema`); a taplo config already there is kept.
    files += schema::write_all(&dir.join(schema::FOLDER))?.len();
    let taplo = dir.join(".taplo.toml");
    if std::fs::symlink_metadata(&taplo).is_err() {
        write(taplo, &schema::taplo_config(schema::FOLDER))?;
        files += 1;
    }
    Ok(Initialised {
        root: dir.to_path_buf(),
        files,
    })
}

/// The commented `bridgeprint.toml` `init` writes. The names it lists come from the
/// registries, so the file never offers a kind or paper the binary does not have.
pub fn project_file() -> String {
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("\"{}\"", k.name()))
        .collect();
    let papers: Vec<String> = Paper::ALL
        .iter()
        .map(|p| format!("\"{}\"", p.name()))
        .collect();
    format!(
        r##"# bridgeprint.toml: this project's settings.
#
# `bridgeprint build`, `check` and `list` read this file when run in this folder or any
# folder inside it (or given `--project DIR`). A flag on the command line overrides the
# setting of the same meaning here. The content to edit is in materials/: one folder per
# language and contacts.toml with every phone number (see README.md).
#
# Lines starting "#" right before a setting or a [table] are examples: delete that "#"
# to use one, then change its value. Lines starting "# " explain.

[build]
# The kinds `bridgeprint build` makes when no --kind is given. Absent or empty: every
# kind (a pair such as "en+es" then makes its card and poster). Any of: {kinds}. A
# handout is one language: named here with a pair in `locales`, it is an error.
#kinds = ["card", "poster"]

# The locales built when no --locale is given, by folder name in materials/ ("en", "es").
# Two joined by "+" ("en+es") make one bilingual card and poster. Absent or empty: every
# locale.
#locales = ["en", "es", "en+es"]

# The papers posters and handouts are laid out on when no --paper is given (cards are
# always wallet-card sized). Any of: {papers}. Absent or empty: letter.
#papers = ["letter"]

# The sizes cards and safety cards are made in when no --card-size is given: "cr80"
# (card.pdf, a bank card's size) or "business" (card-business.pdf, 3.5 x 2 in, for
# Avery 8371/5371 sheets). Absent or empty: cr80.
#card_sizes = ["cr80", "business"]

# Audience editions, as declared in materials/editions.toml: "general" (every sign),
# "trucking", "hospitality", "healthcare", or "all" (each in the languages that have it).
# Their files carry the name: output/en/poster-trucking.pdf. Absent or empty: general.
#editions = ["general", "trucking"]

# true refuses draft translations (status = "draft" in a locale.toml) instead of printing
# them with a warning; the --strict flag turns it on too.
strict = false

# Folders of extra fonts (their sub-folders too) or font files, relative to this file
# (--font-dir replaces them). A locale uses a font by naming its family in the
# `fonts = [...]` of its locale.toml.
font_dirs = ["fonts"]

# Your organisation, on the poster, the handout and the card's back. `name` is required
# when the table is there. The logo is an SVG (text converted to outlines), PNG or JPEG
# file inside this folder, at least 300 dpi at its printed size (450 x 180 px fills the
# handout's box). `website` is the key of a kind = "web" contact record (below or in
# materials/contacts.toml). `distribution` is one line for every language, or a table by
# language with a line for each language you build. The safety card is for a person who
# may be watched: it carries your name and logo only with `on_safety_card = true` (the
# sticker and the tear-off flyer never do).
#[organisation]
#name = "Safe Harbor Coalition"
#short_name = "SHC"
#logo = "logo.svg"
#website = "org_site"
#distribution = {{ en = "Distributed by Safe Harbor Coalition", es = "Distribuido por Safe Harbor Coalition" }}
#on_safety_card = false

# Your colours and type size over the bundled look, each colour "#RRGGBB": ink (body
# text), brand (bands, headings), on_brand (text on a band), alert ("call 911"), muted
# (small print), panel (the handout's hotline box), stripe (table rows). Every text must
# reach a contrast of 4.5:1 on its ground, or the build names the pair. scale (0.9 to 1.3)
# multiplies every text size. QR codes stay black on white.
#[theme]
#brand = "#5B2A86"
#on_brand = "#FFFFFF"
#alert = "#B3261E"

# Your own contact records, with the same fields and rules as materials/contacts.toml:
# `source` says where you checked the number, `verified` when. A page prints a record
# only where a text writes its {{key}}. `display` is optional and holds the same digits.
#[contacts.legal_aid]
#kind = "voice"
#number = "+15035550142"
#display = "(503) 555-0142"
#name = "Workers' legal aid line"
#source = "Called 2026-11-20, confirmed by the director"
#verified = 2026-11-20

#[contacts.org_site]
#kind = "web"
#url = "https://example.org"
#name = "Safe Harbor Coalition website"
#source = "Our own site"
#verified = 2026-11-20

# A "Local help" panel on the poster and the handout listing your lines in this order,
# `qr` those that also get a QR code of their own, `card` the one line the card's back
# names. Each line needs one sentence for every language you build ("en+es" is two),
# writing the number as its {{key}}, never by hand.
#[local_help]
#lines = ["legal_aid"]
#qr = ["legal_aid"]
#card = "legal_aid"

#[local_help.labels.legal_aid]
#en = "Free legal help: {{legal_aid}}"
#es = "Ayuda legal gratis: {{legal_aid}}"
"##,
        kinds = kinds.join(", "),
        papers = papers.join(", "),
    )
}

const FONTS_README: &str = "Put extra .ttf or .otf fonts here; a locale uses one by naming its family in the `fonts = [...]` of its locale.toml.\n";

const PROJECT_README: &str = r#"# Outreach materials

Made with bridgeprint: wallet cards, posters and handouts that point to the National
Human Trafficking Hotline (1-888-373-7888, text 233733).

- Edit the texts in `materials/<language>/` and the numbers in `materials/contacts.toml`
  (each number needs its source and the date you checked it).
- Settings (which kinds, languages and papers to build) are in `bridgeprint.toml`.
- Editions for an audience (`trucking`, `hospitality`, `healthcare`): `bridgeprint build
  --edition trucking`, or `editions` in `bridgeprint.toml`; files carry the name
  (`output/en/poster-trucking.pdf`).
- Your own lines (legal aid, a shelter) go in `bridgeprint.toml` as `[contacts.*]` records
  with a `[local_help]` panel: a sentence per language, and a QR code if you ask for one.

## Build

    bridgeprint check     # every text, number and layout, nothing written
    bridgeprint build     # PDFs into output/<language>/card.pdf, poster.pdf, handout.pdf
    bridgeprint list      # the kinds, languages (with translation status) and papers

## Preview

Open the PDFs in `output/`. Check every number on every page before printing: scan each
QR code with a phone and see that it dials or texts what the page says.

## Print

Print at 100 % ("actual size", not "fit to page"). Cards have 0.125 in of bleed on each
side: ask the print shop to trim to 3.370 x 2.125 in (ISO ID-1). Posters and handouts print
on the paper named in the file (`poster.pdf` is Letter, `poster-a4.pdf` A4).
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_project_file_loads_and_names_every_kind_and_paper() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), project_file()).unwrap();
        let p = load(dir.path()).unwrap();
        assert!(p.kinds.is_empty() && p.locales.is_empty() && p.papers.is_empty());
        assert_eq!(p.font_dirs, vec![dir.path().join("fonts")]);
        for k in Kind::ALL {
            assert!(project_file().contains(&format!("\"{}\"", k.name())));
        }
        for paper in Paper::ALL {
            assert!(project_file().contains(&format!("\"{}\"", paper.name())));
        }
    }

    #[test]
    fn an_unknown_kind_is_named_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE),
            "[build]\nkinds = [\"card\", \"postr\"]\n",
        )
        .unwrap();
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("bridgeprint.toml:2:18"), "{e}");
        assert!(e.contains("poster"), "{e}");
    }
}
