//! `[organisation]` in bridgeprint.toml: the name, logo, web address and distribution line
//! an organisation prints as its own. Read with the project file ([`table`]); checked
//! against the content and the locales a run builds once they are known ([`settle`]).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::compose::organisation::{Distribution, Organisation};
use crate::content::{self, ContactKind, Content, source};
use crate::error::{Error, Errors, Location};
use crate::types::{ImageFormat, Picture};

/// The table as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationTable {
    name: String,
    #[serde(default)]
    short_name: Option<String>,
    #[serde(default)]
    logo: Option<PathBuf>,
    #[serde(default)]
    website: Option<String>,
    #[serde(default)]
    distribution: Option<DistributionValue>,
    /// The safety card leaves the organisation off unless this says otherwise.
    #[serde(default)]
    on_safety_card: bool,
}

/// One line for every locale, or a table of them by locale.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
enum DistributionValue {
    One(String),
    ByLocale(BTreeMap<String, String>),
}

/// The table read, its logo loaded; what needs the content waits in it with its places.
#[derive(Debug, Clone)]
pub struct Pending {
    name: Placed<String>,
    short_name: Option<Placed<String>>,
    logo: Option<Arc<Picture>>,
    website: Option<Placed<String>>,
    distribution: Option<Placed<PendingDistribution>>,
    on_safety_card: bool,
}

#[derive(Debug, Clone)]
enum PendingDistribution {
    One(String),
    ByLocale(BTreeMap<String, String>),
}

/// A value and where bridgeprint.toml has it.
#[derive(Debug, Clone)]
struct Placed<T> {
    value: T,
    at: Location,
}

/// The most bytes a logo may have: a print logo is tens of kilobytes, a photo a few
/// megabytes; past this it is a mistake.
pub const MAX_LOGO_BYTES: u64 = 8 * 1024 * 1024;

/// Reads the table of `path` (the text `text`, in the project `root`), loading the logo.
pub fn table(t: OrganisationTable, root: &Path, path: &Path, text: &str) -> Result<Pending, Error> {
    let at = |key: &str| {
        source::locate_key(path, text, key).unwrap_or_else(|| Location::from_offset(path, text, 0))
    };
    let logo = match &t.logo {
        Some(file) => Some(Arc::new(read_logo(root, file, at("organisation.logo"))?)),
        None => None,
    };
    Ok(Pending {
        name: Placed {
            value: t.name,
            at: at("organisation.name"),
        },
        short_name: t.short_name.map(|value| Placed {
            value,
            at: at("organisation.short_name"),
        }),
        logo,
        website: t.website.map(|value| Placed {
            value,
            at: at("organisation.website"),
        }),
        distribution: t.distribution.map(|d| {
            let value = match d {
                DistributionValue::One(line) => PendingDistribution::One(line),
                DistributionValue::ByLocale(lines) => PendingDistribution::ByLocale(lines),
            };
            Placed {
                value,
                at: at("organisation.distribution"),
            }
        }),
        on_safety_card: t.on_safety_card,
    })
}

/// The organisation as the templates receive it: its website a `web` record of
/// `content`, its texts through the content rules with their placeholders expanded, and
/// a distribution line for each locale in `tags` (the ones a run builds).
pub fn settle(p: &Pending, content: &Content, tags: &[&str]) -> Result<Organisation, Errors> {
    let mut errors = Vec::new();
    let text =
        |placed: &Placed<String>, key: &str, locale: Option<&str>, errors: &mut Vec<Error>| {
            match checked(&placed.value, content) {
                Ok(t) => t,
                Err(message) => {
                    let within = locale
                        .map(|l| format!(" (locale `{l}`)"))
                        .unwrap_or_default();
                    errors.push(Error::ProjectValue {
                        location: placed.at.clone(),
                        message: format!("`{key}`{within}: {message}"),
                    });
                    String::new()
                }
            }
        };
    let name = text(&p.name, "name", None, &mut errors);
    let short_name = p
        .short_name
        .as_ref()
        .map(|s| text(s, "short_name", None, &mut errors));
    let distribution = match &p.distribution {
        None => Distribution::None,
        Some(Placed {
            value: PendingDistribution::One(line),
            at,
        }) => Distribution::All(text(
            &Placed {
                value: line.clone(),
                at: at.clone(),
            },
            "distribution",
            None,
            &mut errors,
        )),
        Some(Placed {
            value: PendingDistribution::ByLocale(lines),
            at,
        }) => {
            let mut out = BTreeMap::new();
            for tag in tags {
                match lines.get(*tag) {
                    Some(line) => {
                        let placed = Placed {
                            value: line.clone(),
                            at: at.clone(),
                        };
                        out.insert(tag.to_string(), text(&placed, "distribution", Some(tag), &mut errors));
                    }
                    None => errors.push(Error::ProjectValue {
                        location: at.clone(),
                        message: format!(
                            "`distribution` has no line for locale `{tag}`, which this run builds (it has {}): add `{tag} = \"...\"` to the table, or write one line for every locale",
                            names(lines.keys())
                        ),
                    }),
                }
            }
            Distribution::ByLocale(out)
        }
    };
    let website = p
        .website
        .as_ref()
        .and_then(|w| match web_record(&w.value, content) {
            Ok(()) => Some(w.value.clone()),
            Err(message) => {
                errors.push(Error::ProjectValue {
                    location: w.at.clone(),
                    message,
                });
                None
            }
        });
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(Organisation {
        name,
        short_name,
        logo: p.logo.clone(),
        website,
        distribution,
        on_safety_card: p.on_safety_card,
    })
}

/// `a`, `a, b`: keys for a message.
fn names<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let all: Vec<String> = keys.map(|k| format!("`{k}`")).collect();
    if all.is_empty() {
        "none".into()
    } else {
        all.join(", ")
    }
}

/// A text under the rules of content texts: no hidden or bidi characters, no phone
/// number or web address typed in (a contact's `{key}` prints it), placeholders expanded.
fn checked(text: &str, content: &Content) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("is empty".into());
    }
    if let Some(found) = content::chars::scan(text).first() {
        return Err(found.problem.message());
    }
    let records = content::numbers::Records::new(Some(&content.contacts));
    if let Some(literal) = content::numbers::find(text, &records).first() {
        return Err(format!(
            "`{}` is typed in ({}): {}",
            literal.written,
            literal.normalised_label(),
            literal.advice()
        ));
    }
    content::expand(text, &content.contacts)
}

/// `Ok` when `key` is a `web` record; else what is wrong, with the closest web key.
fn web_record(key: &str, content: &Content) -> Result<(), String> {
    match content.contacts.get(key) {
        Some(c) if c.kind == ContactKind::Web => Ok(()),
        Some(_) => Err(format!(
            "`website = \"{key}\"` names a phone or text record; it must name a `web` record (kind = \"web\") in contacts.toml"
        )),
        None => {
            let webs: Vec<&str> = content
                .contacts
                .by_key
                .values()
                .filter(|c| c.kind == ContactKind::Web)
                .map(|c| c.key.as_str())
                .collect();
            let close = webs
                .iter()
                .map(|w| (crate::compose::kinds::edits(&key.to_lowercase(), w), *w))
                .filter(|(d, _)| *d <= 2)
                .min_by_key(|(d, _)| *d);
            let hint = match close {
                Some((_, w)) => format!("; did you mean `{w}`?"),
                None if webs.is_empty() => {
                    "; contacts.toml has no `web` record: add one (kind = \"web\")".into()
                }
                None => format!("; the web records are: {}", webs.join(", ")),
            };
            Err(format!(
                "`website = \"{key}\"` names no contact record{hint}"
            ))
        }
    }
}

/// Reads the logo at `file` (relative to the project `root`) under the content file
/// rules, and finds its format from its bytes, decoding it in full: a broken logo is
/// found before any PDF is written. `at` is the `logo` key, for errors about the path.
fn read_logo(root: &Path, file: &Path, at: Location) -> Result<Picture, Error> {
    let inside = file
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err(Error::ProjectValue {
            location: at,
            message: format!(
                "`logo = \"{}\"` is not a path inside the project: give it relative to bridgeprint.toml's folder, without `..`",
                file.display()
            ),
        });
    }
    let path = root.join(file);
    crate::input::regular_file(&path)?;
    if let Some((link, target)) = crate::input::link_outside(root, &path) {
        return Err(Error::LinkOutside {
            link,
            target,
            root: root.to_path_buf(),
        });
    }
    let bytes = crate::input::read_limited(&path, MAX_LOGO_BYTES, "a logo")?;
    let bad = |message: String| Error::Logo {
        path: path.clone(),
        message,
    };
    let (format, width, height) = decode(&bytes).map_err(bad)?;
    Ok(Picture {
        file: file.display().to_string(),
        format,
        data: Arc::from(bytes),
        width,
        height,
    })
}

/// The format of a logo's bytes and its size, once it has decoded in full.
fn decode(bytes: &[u8]) -> Result<(ImageFormat, f32, f32), String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (w, h) = decode_png(bytes).map_err(|e| format!("a broken PNG image: {e}"))?;
        return Ok((ImageFormat::Png, w as f32, h as f32));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (w, h) = decode_jpeg(bytes).map_err(|e| format!("a broken JPEG image: {e}"))?;
        return Ok((ImageFormat::Jpeg, w as f32, h as f32));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err("not a PNG, JPEG or SVG image".into());
    };
    if !text.contains("<svg") {
        return Err(if text.trim().is_empty() {
            "an empty file, not a PNG, JPEG or SVG image".into()
        } else {
            "a text file, not a PNG, JPEG or SVG image".into()
        });
    }
    let (w, h) = decode_svg(bytes)?;
    Ok((ImageFormat::Svg, w, h))
}

fn decode_png(bytes: &[u8]) -> Result<(u32, u32), String> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or("its pixels would not fit in memory")?;
    let mut buf = vec![0; size];
    reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let info = reader.info();
    Ok((info.width, info.height))
}

fn decode_jpeg(bytes: &[u8]) -> Result<(u32, u32), String> {
    let mut decoder = zune_jpeg::JpegDecoder::new(std::io::Cursor::new(bytes));
    decoder.decode().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or("no image header")?;
    Ok((u32::from(info.width), u32::from(info.height)))
}

/// Parses an SVG as it will be drawn, refusing what would print differently from what
/// its author sees: text (drawn with whatever font a viewer has, or not at all), an
/// image it names from outside itself, or nothing at all.
fn decode_svg(bytes: &[u8]) -> Result<(f32, f32), String> {
    let named_file = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut options = usvg::Options::default();
    let flag = named_file.clone();
    options.image_href_resolver.resolve_string = Box::new(move |_, _| {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
        None
    });
    let tree =
        usvg::Tree::from_data(bytes, &options).map_err(|e| format!("a broken SVG image: {e}"))?;
    let text = String::from_utf8_lossy(bytes);
    if tree.has_text_nodes() || text.contains("<text") || text.contains(":text") {
        return Err("an SVG with text in it (<text>): its words would print in whatever font is at hand, or not at all; convert the text to outlines (paths) in your drawing program and save again".into());
    }
    if named_file.load(std::sync::atomic::Ordering::Relaxed) {
        return Err("an SVG that draws an image from another file (<image href=\"...\">): embed it, or export the logo as one file".into());
    }
    if !tree.root().has_children() {
        return Err("an SVG that draws nothing".into());
    }
    let size = tree.size();
    Ok((size.width(), size.height()))
}
