//! `new-locale`: a locale folder made from English, ready to translate.
//!
//! Which way a language is written and which bundled font it needs come from its script:
//! the tag's script subtag when it has one (`pa-Arab`, `az-Arab`), else the script the
//! language is written in by default, from a small table of the languages whose default
//! script is not Latin ([`default_script`]; ICU's likely-subtags data would know every
//! language, but `icu_locale` with its data is not among the crates already built, and a
//! new crate for a table of a few dozen rows would not earn its compile time).

use std::path::{Path, PathBuf};

use crate::content::{self, BASE_LOCALE, CONTENT_FILES, Direction, is_valid_tag};
use crate::error::Error;

/// What `new-locale` made.
#[derive(Debug)]
pub struct NewLocale {
    pub dir: PathBuf,
    pub tag: String,
    pub direction: Direction,
    /// The bundled family the locale tries first, when its script needs one.
    pub fonts: Vec<String>,
    /// The script when no bundled font has it: the locale needs a font of its own.
    pub needs_font: Option<&'static str>,
    pub name: String,
}

/// `tag` with the case BCP 47 recommends: `pt-BR`, `zh-Hant`, `sr-Latn-RS`.
pub fn canonical_tag(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, part)| match part.len() {
            _ if i == 0 => part.to_ascii_lowercase(),
            4 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            2 => part.to_ascii_uppercase(),
            _ => part.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The script a tag is written in: its own script subtag, else its language's default
/// (Chinese by region: Traditional in Taiwan, Hong Kong and Macao).
pub fn script(tag: &str) -> String {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let rest: Vec<&str> = parts.collect();
    if let Some(s) = rest
        .iter()
        .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return canonical_tag(&format!("x-{s}"))[2..].to_string();
    }
    if language == "zh" {
        let traditional = rest
            .iter()
            .any(|r| ["TW", "HK", "MO"].contains(&r.to_ascii_uppercase().as_str()));
        return if traditional { "Hant" } else { "Hans" }.into();
    }
    default_script(&language).to_string()
}

/// The default script of the languages not written in Latin letters by default
/// (CLDR likely subtags); every other language is taken as Latin.
fn default_script(language: &str) -> &'static str {
    match language {
        "ar" | "fa" | "ur" | "ps" | "prs" | "ckb" | "sd" | "ug" | "ks" | "pnb" | "bal" | "azb"
        | "glk" | "mzn" | "lrc" | "skr" => "Arab",
        "he" | "iw" | "yi" | "ji" => "Hebr",
        "dv" => "Thaa",
        "syr" => "Syrc",
        "nqo" => "Nkoo",
        "hi" | "mr" | "ne" | "sa" | "mai" | "bho" | "kok" | "new" => "Deva",
        "th" => "Thai",
        "ja" => "Jpan",
        "ko" => "Kore",
        "bn" | "as" => "Beng",
        "pa" => "Guru",
        "gu" => "Gujr",
        "or" => "Orya",
        "ta" => "Taml",
        "te" => "Telu",
        "kn" => "Knda",
        "ml" => "Mlym",
        "si" => "Sinh",
        "am" | "ti" => "Ethi",
        "my" => "Mymr",
        "km" => "Khmr",
        "lo" => "Laoo",
        "hy" => "Armn",
        "ka" => "Geor",
        "bo" | "dz" => "Tibt",
        "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "tg" | "mn" => "Cyrl",
        "el" => "Grek",
        _ => "Latn",
    }
}

/// Scripts written right to left (Unicode's bidi class R or AL for their letters).
fn is_rtl(script: &str) -> bool {
    matches!(
        script,
        "Arab"
            | "Aran"
            | "Hebr"
            | "Thaa"
            | "Syrc"
            | "Nkoo"
            | "Adlm"
            | "Rohg"
            | "Mand"
            | "Samr"
            | "Mend"
            | "Yezi"
    )
}

/// The bundled family a script needs first, `Some(None)` when the default (Noto Sans)
/// has it, `None` when no bundled font has it.
fn font_for(script: &str, tag: &str) -> Option<Option<&'static str>> {
    let hong_kong = tag.to_ascii_uppercase().split('-').any(|p| p == "HK");
    Some(match script {
        "Latn" | "Cyrl" | "Grek" => None,
        "Arab" | "Aran" => Some("Noto Sans Arabic"),
        "Deva" => Some("Noto Sans Devanagari"),
        "Thai" => Some("Noto Sans Thai"),
        "Jpan" => Some("Noto Sans CJK JP"),
        "Kore" => Some("Noto Sans CJK KR"),
        "Hans" => Some("Noto Sans CJK SC"),
        "Hant" if hong_kong => Some("Noto Sans CJK HK"),
        "Hant" => Some("Noto Sans CJK TC"),
        _ => return None,
    })
}

/// English and native names of the languages an outreach team most often asks for; any
/// other gets its tag until someone writes its names in locale.toml.
fn names(language: &str) -> Option<(&'static str, &'static str)> {
    Some(match language {
        "am" => ("Amharic", "አማርኛ"),
        "ar" => ("Arabic", "العربية"),
        "bn" => ("Bengali", "বাংলা"),
        "de" => ("German", "Deutsch"),
        "el" => ("Greek", "Ελληνικά"),
        "es" => ("Spanish", "Español"),
        "fa" => ("Persian", "فارسی"),
        "fr" => ("French", "Français"),
        "he" => ("Hebrew", "עברית"),
        "hi" => ("Hindi", "हिन्दी"),
        "hmn" => ("Hmong", "Hmoob"),
        "ht" => ("Haitian Creole", "Kreyòl ayisyen"),
        "id" => ("Indonesian", "Bahasa Indonesia"),
        "it" => ("Italian", "Italiano"),
        "ja" => ("Japanese", "日本語"),
        "km" => ("Khmer", "ខ្មែរ"),
        "ko" => ("Korean", "한국어"),
        "lo" => ("Lao", "ລາວ"),
        "my" => ("Burmese", "မြန်မာ"),
        "ne" => ("Nepali", "नेपाली"),
        "pa" => ("Punjabi", "ਪੰਜਾਬੀ"),
        "pl" => ("Polish", "Polski"),
        "ps" => ("Pashto", "پښتو"),
        "pt" => ("Portuguese", "Português"),
        "ro" => ("Romanian", "Română"),
        "ru" => ("Russian", "Русский"),
        "so" => ("Somali", "Soomaali"),
        "sw" => ("Swahili", "Kiswahili"),
        "ta" => ("Tamil", "தமிழ்"),
        "th" => ("Thai", "ไทย"),
        "ti" => ("Tigrinya", "ትግርኛ"),
        "tl" => ("Tagalog", "Tagalog"),
        "tr" => ("Turkish", "Türkçe"),
        "uk" => ("Ukrainian", "Українська"),
        "ur" => ("Urdu", "اردو"),
        "vi" => ("Vietnamese", "Tiếng Việt"),
        "yi" => ("Yiddish", "ייִדיש"),
        "zh" => ("Chinese", "中文"),
        _ => return None,
    })
}

/// Makes `materials/TAG/`: a `locale.toml` (draft, its direction and font, notes for the
/// reviewer) and the content files with English's texts commented out, so every text
/// prints in English until it is translated, and the folder passes `check` at once.
/// Refuses a tag that is no language tag and a locale the materials already have (in any
/// case), writing nothing.
pub fn new_locale(
    materials: &Path,
    tag: &str,
    name: Option<&str>,
    native_name: Option<&str>,
) -> Result<NewLocale, Error> {
    let invalid = |message: String| Error::InvalidLocale {
        path: materials.join(tag),
        locale: tag.to_string(),
        message,
    };
    if !is_valid_tag(tag) {
        return Err(invalid(format!(
            "`{tag}` is not a language tag (BCP 47, like `so`, `pt-BR` or `zh-Hant`); the folder name becomes the output folder name"
        )));
    }
    let tag = canonical_tag(tag);
    if let Some(existing) = super::locale_folder(materials, &tag) {
        return Err(Error::InvalidLocale {
            path: materials.join(&existing),
            locale: tag.clone(),
            message: "already exists: export it with `bridgeprint i18n export` to translate it"
                .into(),
        });
    }
    let en = materials.join(BASE_LOCALE);
    if !en.is_dir() {
        return Err(Error::NoMaterials {
            path: materials.to_path_buf(),
        });
    }
    let script = script(&tag);
    let direction = if is_rtl(&script) {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let font = font_for(&script, &tag);
    let language = tag.split('-').next().unwrap_or_default();
    let known = names(language);
    let name = name
        .map(String::from)
        .or_else(|| known.map(|(n, _)| n.to_string()))
        .unwrap_or_else(|| tag.clone());
    let native = native_name
        .map(String::from)
        .or_else(|| known.map(|(_, n)| n.to_string()))
        .unwrap_or_else(|| tag.clone());

    let mut files = vec![(
        "locale.toml".to_string(),
        locale_toml(&tag, &name, &native, direction, font, &script),
    )];
    for file in CONTENT_FILES {
        let path = en.join(file);
        let english = content::source::read(materials, &path)?;
        files.push((file.to_string(), commented(&english, file)));
    }

    // Made under a hidden name (the loader skips it) and renamed whole, so a folder that
    // exists is always complete.
    let staging = materials.join(format!(".new-{tag}.{}.tmp", std::process::id()));
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })
    };
    let made = std::fs::create_dir(&staging)
        .map_err(|source| Error::Write {
            path: staging.clone(),
            source,
        })
        .and_then(|()| {
            files
                .iter()
                .try_for_each(|(file, text)| write(&staging.join(file), text))
        });
    let dir = materials.join(&tag);
    let made = made.and_then(|()| {
        // A folder made meanwhile under the same name is never replaced.
        if std::fs::symlink_metadata(&dir).is_ok() {
            return Err(Error::InvalidLocale {
                path: dir.clone(),
                locale: tag.clone(),
                message: "already exists".into(),
            });
        }
        std::fs::rename(&staging, &dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })
    });
    if let Err(e) = made {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    Ok(NewLocale {
        dir,
        tag,
        direction,
        fonts: font.flatten().map(String::from).into_iter().collect(),
        needs_font: font.is_none().then(|| script_name(&script)),
        name,
    })
}

fn script_name(script: &str) -> &'static str {
    match script {
        "Hebr" => "Hebrew",
        "Thaa" => "Thaana",
        "Syrc" => "Syriac",
        "Nkoo" => "N'Ko",
        "Beng" => "Bengali",
        "Guru" => "Gurmukhi",
        "Gujr" => "Gujarati",
        "Orya" => "Odia",
        "Taml" => "Tamil",
        "Telu" => "Telugu",
        "Knda" => "Kannada",
        "Mlym" => "Malayalam",
        "Sinh" => "Sinhala",
        "Ethi" => "Ethiopic",
        "Mymr" => "Myanmar",
        "Khmr" => "Khmer",
        "Laoo" => "Lao",
        "Armn" => "Armenian",
        "Geor" => "Georgian",
        "Tibt" => "Tibetan",
        _ => "this script",
    }
}

fn locale_toml(
    tag: &str,
    name: &str,
    native: &str,
    direction: Direction,
    font: Option<Option<&str>>,
    script: &str,
) -> String {
    use super::toml_string as q;
    let direction = match direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    };
    let fonts = match font {
        Some(Some(f)) => format!("fonts = [{}]\n", q(f)),
        Some(None) => String::new(),
        None => format!(
            "# No bundled font has {} letters: add one (--font-dir, or font_dirs in bridgeprint.toml)\n# and name its family here, for example fonts = [\"Noto Sans {}\"].\n",
            script_name(script),
            script_name(script)
        ),
    };
    let notes = format!(
        "Made by `bridgeprint new-locale` from English; nothing is translated yet, so every text prints in English. \
         To translate: `bridgeprint i18n export --locale {tag} --output {tag}.po`, translate it in Poedit (or Weblate, Crowdin), \
         then `bridgeprint i18n import {tag}.po`; or edit the commented English in each file. \
         For the reviewer: check the terms for trafficking and for smuggling against this language's official texts of the UN \
         Trafficking in Persons and Smuggling of Migrants protocols (they must differ), the name given to the hotline, the form \
         of address, that every number is a placeholder such as {{hotline}}, and the draft notice; say here who translated and \
         who reviewed, and set status = \"reviewed\" only once a native reader has checked every text."
    );
    let names_note = if name == tag || native == tag {
        "# name and native_name: the language's name in English and in itself (set them).\n"
    } else {
        ""
    };
    format!(
        "[locale]\ntag = {}\n{names_note}name = {}\nnative_name = {}\n# {direction}: the script ({script}) is written {}.\ndirection = {}\nstatus = \"draft\"\n{fonts}notes = {}\n",
        q(tag),
        q(name),
        q(native),
        if direction == "rtl" {
            "right to left"
        } else {
            "left to right"
        },
        q(direction),
        q(&notes)
    )
}

/// English's file with every line commented out, under a line saying so: the file gives
/// no text, so each comes from English, and a translator uncomments what they translate.
fn commented(english: &str, file: &str) -> String {
    let mut out = format!(
        "# Not translated yet: every text of this file prints in English ({BASE_LOCALE}/{file}).\n\
         # Translate with `bridgeprint i18n export` and `bridgeprint i18n import`, or remove the\n\
         # `# ` before a [table] line and a key below, and translate its text. Placeholders such\n\
         # as {{hotline}} come from ../contacts.toml; never type a number here.\n\n"
    );
    for line in english.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_and_font_follow_the_script() {
        for (tag, rtl, font) in [
            ("ur", true, Some(Some("Noto Sans Arabic"))),
            ("he", true, None),
            ("yi", true, None),
            ("ps", true, Some(Some("Noto Sans Arabic"))),
            ("pa-Arab", true, Some(Some("Noto Sans Arabic"))),
            ("pa", false, None),
            ("so", false, Some(None)),
            ("ne", false, Some(Some("Noto Sans Devanagari"))),
            ("zh-TW", false, Some(Some("Noto Sans CJK TC"))),
            ("zh-Hant-HK", false, Some(Some("Noto Sans CJK HK"))),
            ("zh", false, Some(Some("Noto Sans CJK SC"))),
            ("sr-Latn", false, Some(None)),
        ] {
            let s = script(tag);
            assert_eq!(is_rtl(&s), rtl, "{tag}: {s}");
            assert_eq!(font_for(&s, tag), font, "{tag}: {s}");
        }
    }

    #[test]
    fn tags_take_their_canonical_case() {
        assert_eq!(canonical_tag("PT-br"), "pt-BR");
        assert_eq!(canonical_tag("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(canonical_tag("es-419"), "es-419");
        assert_eq!(script("AZ-arab"), "Arab");
    }
}
