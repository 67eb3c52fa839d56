//! Where each document goes in the output folder.

use std::path::{Path, PathBuf};

use crate::compose::{Kind, Paper};

/// `es/card.pdf`, `en/poster.pdf`, `en/poster-a4.pdf`: Letter has no suffix, a card is
/// always card-sized.
pub fn output_path(locale: &str, kind: Kind, paper: Paper) -> PathBuf {
    let name = if kind.uses_paper() && paper != Paper::Letter {
        format!("{}-{}.pdf", kind.name(), paper.name())
    } else {
        format!("{}.pdf", kind.name())
    };
    Path::new(locale).join(name)
}
