//! The guard on the two numbers every material exists to print, the hotline's website,
//! and the state lines a posting law prints (California's CAST line, Florida's hotline).
//!
//! Numbers live in `contacts.toml`, never in code, with one exception: this module. The
//! official US National Human Trafficking Hotline and its text line, and the state lines a
//! legal notice must print, are written here once more, as a second key to the same lock, so a wrong digit in `contacts.toml` cannot
//! reach ten thousand printed cards unnoticed. A materials set made for another line says
//! so with `override = "reason"` on the record, and every build then warns.

use std::path::Path;

use super::contacts::{Contact, ContactKind, Contacts};
use super::numbers;
use crate::diag::Diagnostic;
use crate::error::{Error, Location};

/// The National Human Trafficking Hotline, E.164 (1-888-373-7888).
pub const HOTLINE: &str = "+18883737888";
/// The hotline's text line (short code "BeFree").
pub const TEXTLINE: &str = "233733";
/// The hotline's website.
pub const WEBSITE: &str = "https://humantraffickinghotline.org";
/// The Coalition to Abolish Slavery and Trafficking (CAST), the line Cal. Civ. Code § 52.6
/// names: 1-888-539-2373 (1-888-KEY-2-FRE(EDOM)).
pub const CAST: &str = "+18885392373";
/// The Florida Human Trafficking Hotline, 1-855-352-7233 (1-855-FLA-SAFE): the only
/// number Fla. Stat. § 787.29 prints since July 1, 2024.
pub const FL_HOTLINE: &str = "+18553527233";
/// The keywords the text line answers to.
pub const TEXTLINE_KEYWORDS: [&str; 2] = ["HELP", "INFO"];

/// A record key the guard watches, with the official value it must hold.
struct Guarded {
    key: &'static str,
    name: &'static str,
    number: &'static str,
}

const GUARDED: [Guarded; 4] = [
    Guarded {
        key: "hotline",
        name: "National Human Trafficking Hotline",
        number: HOTLINE,
    },
    Guarded {
        key: "textline",
        name: "National Human Trafficking Hotline text line",
        number: TEXTLINE,
    },
    Guarded {
        key: "cast",
        name: "CAST line (Cal. Civ. Code § 52.6)",
        number: CAST,
    },
    Guarded {
        key: "fl_hotline",
        name: "Florida Human Trafficking Hotline (Fla. Stat. § 787.29)",
        number: FL_HOTLINE,
    },
];

/// Errors for guarded records that differ from the official numbers without an
/// `override`, and warnings for those that differ with one, each at the `override` that
/// `locate` finds (given a key such as `contacts.hotline.override`).
pub fn guard(
    contacts: &Contacts,
    path: &Path,
    locate: &dyn Fn(&str) -> Option<Location>,
) -> (Vec<Error>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let error = |key: &str, message: String| Error::InvalidContact {
        path: path.to_path_buf(),
        key: key.to_string(),
        message,
        location: None,
    };
    for contact in contacts.by_key.values() {
        let warning = |message: String| {
            Diagnostic::warning(message).at(locate(&format!("contacts.{}.override", contact.key)))
        };
        let reason = contact.override_reason.as_deref().map(str::trim);
        if reason == Some("") {
            errors.push(error(
                &contact.key,
                "`override` is empty: say why this record differs from the official number".into(),
            ));
            continue;
        }
        let Some(difference) = difference(contact) else {
            if reason.is_some() {
                warnings.push(warning(format!(
                    "contact `{}` has `override` but holds the official number: remove the override",
                    contact.key
                )));
            }
            continue;
        };
        match reason {
            Some(reason) => warnings.push(warning(format!(
                "contact `{}` {difference} (override: {reason})",
                contact.key
            ))),
            None => errors.push(error(
                &contact.key,
                format!(
                    "{difference}; a wrong digit here would print on every copy and in every QR code (if this materials set is meant for another line, say why with `override = \"reason\"` on the record)"
                ),
            )),
        }
    }
    (errors, warnings)
}

/// How `contact` differs from the official line it is, or nearly is; `None` when it does
/// not.
fn difference(contact: &Contact) -> Option<String> {
    if contact.kind == ContactKind::Web {
        return website_difference(contact);
    }
    let digits = |n: &str| n.trim_start_matches('+').to_string();
    for g in &GUARDED {
        let official = digits(g.number);
        let own = digits(&contact.number);
        if contact.key == g.key && contact.number != g.number {
            return Some(format!(
                "is {}, not the official {} {}",
                contact.number, g.name, g.number
            ));
        }
        // Under any key: a record holding the text line's number texts the text line.
        let is_line = contact.key == g.key || contact.number == g.number;
        if is_line
            && contact.kind == ContactKind::Sms
            && g.number == TEXTLINE
            && !TEXTLINE_KEYWORDS.contains(&contact.keyword.as_str())
        {
            return Some(format!(
                "has keyword `{}`, not one the {} answers to ({})",
                contact.keyword,
                g.name,
                TEXTLINE_KEYWORDS.join(" or ")
            ));
        }
        if contact.key != g.key && own != official && numbers::is_typo_of(&own, &official) {
            return Some(format!(
                "is {}, a typo away from the official {} {}",
                contact.number, g.name, g.number
            ));
        }
    }
    None
}

/// How the `website` record's address differs from the hotline's own site. A trailing
/// `/` and the case of the host change nothing.
fn website_difference(contact: &Contact) -> Option<String> {
    if contact.key != "website" {
        return None;
    }
    let normal = |u: &str| u.trim_end_matches('/').to_ascii_lowercase();
    (normal(&contact.payload) != normal(WEBSITE)).then(|| {
        format!(
            "is {}, not the official National Human Trafficking Hotline website {WEBSITE}",
            contact.payload
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(key: &str, kind: ContactKind, number: &str, keyword: &str) -> Contact {
        Contact {
            key: key.into(),
            name: key.into(),
            kind,
            display: number.into(),
            number: number.into(),
            payload: String::new(),
            keyword: keyword.into(),
            source: "test".into(),
            verified: "2026-11-29".into(),
            verified_days: 0,
            override_reason: None,
            vanity: None,
        }
    }

    #[test]
    fn the_official_numbers_pass() {
        assert_eq!(
            difference(&contact("hotline", ContactKind::Voice, HOTLINE, "")),
            None
        );
        for kw in TEXTLINE_KEYWORDS {
            assert_eq!(
                difference(&contact("textline", ContactKind::Sms, TEXTLINE, kw)),
                None
            );
        }
        assert_eq!(
            difference(&contact("emergency", ContactKind::Voice, "911", "")),
            None
        );
        assert_eq!(
            difference(&contact("ncmec", ContactKind::Voice, "+18008435678", "")),
            None
        );
    }

    #[test]
    fn other_numbers_on_the_guarded_keys_are_named() {
        let d = difference(&contact("hotline", ContactKind::Voice, "+18883737889", ""));
        assert!(d.is_some_and(|d| d.contains("+18883737889") && d.contains(HOTLINE)));
        let d = difference(&contact("textline", ContactKind::Sms, "233734", "HELP"));
        assert!(d.is_some_and(|d| d.contains(TEXTLINE)));
        let d = difference(&contact("textline", ContactKind::Sms, TEXTLINE, "HLEP"));
        assert!(d.is_some_and(|d| d.contains("HLEP")));
    }

    #[test]
    fn the_state_lines_a_notice_prints_are_guarded_too() {
        assert_eq!(
            difference(&contact("cast", ContactKind::Voice, CAST, "")),
            None
        );
        let d = difference(&contact("cast", ContactKind::Voice, "+18885392374", ""));
        assert!(d.is_some_and(|d| d.contains(CAST)));
        let d = difference(&contact(
            "fl_hotline",
            ContactKind::Voice,
            "+18553527223",
            "",
        ));
        assert!(d.is_some_and(|d| d.contains(FL_HOTLINE)));
    }

    #[test]
    fn the_text_line_under_another_key_needs_its_keyword() {
        let d = difference(&contact("befree", ContactKind::Sms, TEXTLINE, "STOP"));
        assert!(d.is_some_and(|d| d.contains("STOP") && d.contains("HELP or INFO")));
        assert_eq!(
            difference(&contact("befree", ContactKind::Sms, TEXTLINE, "INFO")),
            None
        );
    }

    #[test]
    fn the_website_record_must_be_the_hotline_site() {
        let mut site = contact("website", ContactKind::Web, "", "");
        for ok in [
            WEBSITE,
            "https://humantraffickinghotline.org/",
            "https://HumanTraffickingHotline.org",
        ] {
            site.payload = ok.into();
            assert_eq!(difference(&site), None, "{ok}");
        }
        for bad in [
            "https://humantraffickinghotline.org.example.com",
            "http://humantraffickinghotline.org",
            "https://humantrafickinghotline.org",
        ] {
            site.payload = bad.into();
            assert!(
                difference(&site).is_some_and(|d| d.contains(WEBSITE)),
                "{bad}"
            );
        }
        site.key = "partner".into();
        assert_eq!(difference(&site), None);
    }

    #[test]
    fn a_typo_of_the_hotline_under_another_key_is_caught() {
        let d = difference(&contact(
            "hotline_es",
            ContactKind::Voice,
            "+18883737878",
            "",
        ));
        assert!(d.is_some_and(|d| d.contains("typo")));
        let d = difference(&contact("befree", ContactKind::Sms, "233773", "HELP"));
        assert!(d.is_some_and(|d| d.contains("typo")));
    }
}
