//! `[theme]` of `bridgeprint.toml`: an organisation's colours and type scale over the
//! bundled theme, refused when a colour is not `#RRGGBB`, a scale is out of range, or a
//! text would print on a ground it cannot be read on.

use std::path::Path;

use serde::Deserialize;

use crate::compose::Rgb;
use crate::compose::theme::{self, Palette, Theme};
use crate::content::source;
use crate::error::{Error, Location, UnreadablePair};

/// `[theme]` as written: each colour role of [`Palette`] a project may set, and the type
/// scale. `paper` is not one: bridgeprint prints on the sheet, it does not colour it.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeTable {
    ink: Option<String>,
    brand: Option<String>,
    on_brand: Option<String>,
    alert: Option<String>,
    muted: Option<String>,
    panel: Option<String>,
    stripe: Option<String>,
    scale: Option<f64>,
}

impl ThemeTable {
    /// Each colour role with what the file wrote for it, in the order of the table.
    fn colours(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("ink", self.ink.as_deref()),
            ("brand", self.brand.as_deref()),
            ("on_brand", self.on_brand.as_deref()),
            ("alert", self.alert.as_deref()),
            ("muted", self.muted.as_deref()),
            ("panel", self.panel.as_deref()),
            ("stripe", self.stripe.as_deref()),
        ]
    }
}

/// The bundled theme with the table's settings over it; every fault is an error at the
/// key that caused it in `path` (whose text is `text`).
pub(super) fn load(table: &ThemeTable, path: &Path, text: &str) -> Result<Theme, Vec<Error>> {
    let at = |key: &str| {
        source::locate_key(path, text, &format!("theme.{key}"))
            .unwrap_or_else(|| Location::from_offset(path, text, 0))
    };
    let mut out = theme::DEFAULT;
    let mut errors = Vec::new();
    for (role, written) in table.colours() {
        let Some(written) = written else { continue };
        match parse_colour(written) {
            Some(rgb) => *role_mut(&mut out.colors, role) = rgb,
            None => errors.push(Error::ProjectValue {
                location: at(role),
                message: format!(
                    "theme.{role} = {written:?} is not a colour: write \"#RRGGBB\", a # and six hex digits, such as \"#0B3D6E\""
                ),
            }),
        }
    }
    if let Some(scale) = table.scale {
        match checked_scale(scale) {
            Some(f) => out.scale = f,
            None => errors.push(Error::ProjectValue {
                location: at("scale"),
                message: format!(
                    "theme.scale = {scale} is out of range: the type scale is a number from {} to {} (1 is the bundled sizes)",
                    theme::SCALE_RANGE.start(),
                    theme::SCALE_RANGE.end()
                ),
            }),
        }
    }
    // The band is in the brand colour; only `--ink office` makes it lighter.
    out.colors.band = out.colors.brand;
    // A colour that did not parse would be judged as the default it left in place.
    if errors.is_empty() {
        errors.extend(contrast_errors(&out, table, &at));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Every pair of `theme` under WCAG AA, as an error naming both colours as the file wrote
/// them (the bundled ones as `#RRGGBB`), their roles, and the place of the key that set
/// the text's colour, or else the ground's.
fn contrast_errors(theme: &Theme, table: &ThemeTable, at: &dyn Fn(&str) -> Location) -> Vec<Error> {
    let colours = table.colours();
    let written = |role: &str| {
        colours
            .iter()
            .find(|(r, _)| *r == role)
            .and_then(|(_, w)| *w)
    };
    let shown = |role: Option<&str>, rgb: Rgb| match role.and_then(written) {
        Some(w) => w.to_string(),
        None => hex(rgb),
    };
    let named = |role: Option<&str>| match role {
        Some(r) if written(r).is_some() => format!("theme.{r}"),
        Some(r) => format!("{r}, bundled"),
        None => "the white under a QR code, fixed".to_string(),
    };
    theme
        .contrast_faults()
        .into_iter()
        .map(|fault| {
            let p = fault.pair;
            let key = [Some(p.text_role), p.ground_role]
                .into_iter()
                .flatten()
                .find(|r| written(r).is_some())
                .unwrap_or(p.text_role);
            Error::Contrast(Box::new(UnreadablePair {
                location: at(key),
                pair: p.name.to_string(),
                text: shown(Some(p.text_role), p.text),
                text_role: named(Some(p.text_role)),
                ground: shown(p.ground_role, p.ground),
                ground_role: named(p.ground_role),
                ratio: format!("{:.2}", (f64::from(fault.ratio) * 100.0).floor() / 100.0),
            }))
        })
        .collect()
}

/// `#RRGGBB` (hex digits of either case) as a colour; anything else is `None`.
pub fn parse_colour(s: &str) -> Option<Rgb> {
    let digits = s.strip_prefix('#')?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// A colour as `#RRGGBB`, as a person would write it back in the file.
fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// `scale` when it lies in [`theme::SCALE_RANGE`] (NaN does not).
fn checked_scale(scale: f64) -> Option<f32> {
    #[allow(clippy::cast_possible_truncation)] // in range, so an f32 holds it
    let f = scale as f32;
    theme::SCALE_RANGE.contains(&f).then_some(f)
}

/// The palette's field for a role of [`ThemeTable::colours`].
fn role_mut<'a>(p: &'a mut Palette, role: &str) -> &'a mut Rgb {
    match role {
        "ink" => &mut p.ink,
        "brand" => &mut p.brand,
        "on_brand" => &mut p.on_brand,
        "alert" => &mut p.alert,
        "muted" => &mut p.muted,
        "panel" => &mut p.panel,
        _ => &mut p.stripe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hash_and_six_hex_digits_are_a_colour() {
        assert_eq!(parse_colour("#0B3D6E"), Some(Rgb(0x0b, 0x3d, 0x6e)));
        assert_eq!(parse_colour("#0b3d6e"), Some(Rgb(0x0b, 0x3d, 0x6e)));
        for bad in [
            "0B3D6E", "#0B3D6", "#0B3D6EF", "#GGGGGG", "navy", "#", "#é3D6E1",
        ] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_scale_outside_the_range_or_not_a_number_is_refused() {
        assert_eq!(checked_scale(1.1), Some(1.1));
        assert_eq!(checked_scale(0.9), Some(0.9));
        assert_eq!(checked_scale(1.3), Some(1.3));
        assert_eq!(checked_scale(0.5), None);
        assert_eq!(checked_scale(f64::NAN), None);
    }
}
