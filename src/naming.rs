//! Where each document goes in the output folder.

use std::path::{Path, PathBuf};

use crate::compose::{Kind, Paper};

/// `es/card.pdf`, `en/poster.pdf`, `en/poster-a4.pdf`, `en/card-business.pdf`: Letter and
/// a card's default CR80 have no suffix. An audience edition follows the kind (`en/poster-trucking-a4.pdf`,
/// `en/card-healthcare.pdf`), so one folder sorts a kind's editions together; the general
/// edition (`None`) keeps the names it has always had.
pub fn output_path(locale: &str, kind: Kind, paper: Paper, edition: Option<&str>) -> PathBuf {
    let mut name = kind.name().to_string();
    if let Some(edition) = edition {
        name = format!("{name}-{edition}");
    }
    if let Some(paper) = kind.shown_paper(paper).filter(|p| *p != Paper::Letter) {
        name = format!("{name}-{}", paper.name());
    }
    Path::new(locale).join(format!("{name}.pdf"))
}

/// An imposed sheet's file: `en/card-letter-8up.pdf`, `en/safety-card-trucking-avery-8371-10up.pdf`:
/// the card's name, the sheet and how many cards it holds, so a sheet never takes the
/// name of a single card. Documents of several locales share one file under `sheets/`,
/// named by them in order: `sheets/card-en-es-ar-letter-8up.pdf`.
pub fn sheet_path(
    locales: &[&str],
    kind: Kind,
    edition: Option<&str>,
    sheet: &str,
    per_sheet: usize,
) -> PathBuf {
    let mut name = kind.name().to_string();
    if let Some(edition) = edition {
        name = format!("{name}-{edition}");
    }
    let folder = match locales {
        [one] => one.to_string(),
        many => {
            name = format!("{name}-{}", many.join("-"));
            SHEETS_FOLDER.to_string()
        }
    };
    Path::new(&folder).join(format!("{name}-{sheet}-{per_sheet}up.pdf"))
}

/// Where sheets of several locales go.
const SHEETS_FOLDER: &str = "sheets";

/// Whether a manifest's path (`/`-separated) names an imposed sheet: a `-<N>up.pdf` file.
/// A build without `--impose` leaves those as they are.
pub fn is_sheet(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix("up.pdf")
        .and_then(|rest| rest.rsplit_once('-'))
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_follow_the_kind_and_general_keeps_its_names() {
        let name = |kind, paper, edition| output_path("en", kind, paper, edition);
        assert_eq!(
            name(Kind::Poster, Paper::Letter, None),
            Path::new("en/poster.pdf")
        );
        assert_eq!(
            name(Kind::Poster, Paper::A4, None),
            Path::new("en/poster-a4.pdf")
        );
        assert_eq!(
            name(Kind::Poster, Paper::A4, Some("trucking")),
            Path::new("en/poster-trucking-a4.pdf")
        );
        assert_eq!(
            name(Kind::Card, Paper::A4, Some("healthcare")),
            Path::new("en/card-healthcare.pdf")
        );
    }

    #[test]
    fn a_sheet_names_its_stock_and_count_and_never_a_single_cards_name() {
        let p = sheet_path(&["en"], Kind::Card, None, "letter", 8);
        assert_eq!(p, Path::new("en/card-letter-8up.pdf"));
        let p = sheet_path(
            &["en", "es"],
            Kind::SafetyCard,
            Some("trucking"),
            "avery-8371",
            10,
        );
        assert_eq!(
            p,
            Path::new("sheets/safety-card-trucking-en-es-avery-8371-10up.pdf")
        );
        assert!(is_sheet("en/card-letter-8up.pdf"));
        assert!(!is_sheet("en/card.pdf"));
        assert!(!is_sheet("en/poster-a4.pdf"));
    }

    #[test]
    fn a_business_card_is_named_and_cr80_keeps_the_cards_name() {
        let name = |kind, paper| output_path("en+es", kind, paper, None);
        assert_eq!(name(Kind::Card, Paper::Cr80), Path::new("en+es/card.pdf"));
        assert_eq!(
            name(Kind::Card, Paper::Business),
            Path::new("en+es/card-business.pdf")
        );
        assert_eq!(
            name(Kind::SafetyCard, Paper::Business),
            Path::new("en+es/safety-card-business.pdf")
        );
        // A card size means nothing to a page kind or the sticker.
        assert_eq!(
            name(Kind::Sticker, Paper::Business),
            Path::new("en+es/sticker.pdf")
        );
    }
}
