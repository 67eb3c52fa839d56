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
        assert_eq!(name(Kind::Sticker, Paper::Business), Path::new("en+es/sticker.pdf"));
    }
}
