//! Icons for call, text, emergency and warning: Lucide's (ISC licence, `icons/LICENSE`),
//! compiled into the binary as their SVG source and drawn as vector paths through the
//! same SVG path an organisation's logo takes. They are decoration beside words that say
//! the same thing, so a screen reader skips them (no alternative text).

use std::sync::Arc;

use super::{Block, Rgb, Size};
use crate::types::{ImageFormat, Picture};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Call,
    Text,
    Emergency,
    Warning,
}

/// Lucide draws on a 24 x 24 grid.
const GRID: f32 = 24.0;

/// Room between an icon and its words, in ems of the icon.
const GAP_EM: f32 = 0.3;

impl Icon {
    pub const ALL: [Icon; 4] = [Icon::Call, Icon::Text, Icon::Emergency, Icon::Warning];

    fn source(self) -> &'static str {
        match self {
            Icon::Call => include_str!("../../icons/phone.svg"),
            Icon::Text => include_str!("../../icons/message-square-text.svg"),
            Icon::Emergency => include_str!("../../icons/siren.svg"),
            Icon::Warning => include_str!("../../icons/triangle-alert.svg"),
        }
    }

    /// The icon's strokes in `color` (the sources draw in `currentColor`).
    pub fn picture(self, color: Rgb) -> Arc<Picture> {
        let Rgb(r, g, b) = color;
        let svg = self
            .source()
            .replace("currentColor", &format!("#{r:02x}{g:02x}{b:02x}"));
        Arc::new(Picture {
            file: format!("icon {self:?}"),
            format: ImageFormat::Svg,
            data: Arc::from(svg.into_bytes()),
            width: GRID,
            height: GRID,
        })
    }
}

/// `blocks` with `icon` `size` points square at their start side, in `color`: the icon is
/// decoration, the words beside it say what it means.
pub fn beside(icon: Icon, color: Rgb, size: f32, blocks: Vec<Block>) -> Block {
    Block::Figure {
        picture: icon.picture(color),
        size: Size::new(size, size),
        gap: size * GAP_EM,
        blocks,
        alt: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_parses_and_takes_the_colour_asked_for() {
        for icon in Icon::ALL {
            let p = icon.picture(Rgb(0x12, 0xab, 0xef));
            let svg = std::str::from_utf8(&p.data).expect("utf-8");
            assert!(
                svg.contains("#12abef") && !svg.contains("currentColor"),
                "{icon:?}"
            );
            usvg::Tree::from_data(&p.data, &usvg::Options::default()).expect("parses");
        }
    }
}
