//! The organisation a project prints as its own (`[organisation]` in bridgeprint.toml):
//! its name, logo, web address and distribution line, checked and expanded by the
//! project's loader, and the pieces every template places the same way.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::theme::Theme;
use super::{Align, Block, Item, Rect, TextStyle, VAlign};
use crate::content::Content;
use crate::types::Picture;

/// An organisation as the templates receive it: every text already through the content
/// rules, placeholders expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    pub name: String,
    /// Where the full name does not fit (the card).
    pub short_name: Option<String>,
    pub logo: Option<Arc<Picture>>,
    /// The key of the `web` record printed (and linked) under the name.
    pub website: Option<String>,
    pub distribution: Distribution,
    /// Whether the safety card carries it (`on_safety_card = true`): off unless asked, as
    /// an organisation's name can tell whoever finds the card what it is about.
    pub on_safety_card: bool,
}

/// "Distributed by ...": none, one line for every locale, or one per locale.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Distribution {
    #[default]
    None,
    All(String),
    ByLocale(BTreeMap<String, String>),
}

impl Organisation {
    /// The distribution line of the locale `tag`; the loader has made sure every locale a
    /// run builds has one when the table is by locale.
    pub fn distribution(&self, tag: &str) -> Option<&str> {
        match &self.distribution {
            Distribution::None => None,
            Distribution::All(line) => Some(line),
            Distribution::ByLocale(lines) => lines.get(tag).map(String::as_str),
        }
    }

    /// The name the card prints: the short one when there is one.
    pub fn card_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// The words a screen reader says for the logo standing alone.
    pub fn logo_alt(&self) -> String {
        format!("Logo: {}", self.name)
    }
}

/// The box the logo is fitted into on each of `kinds` (on each of `papers` for a kind
/// laid out on paper), in points: what its printed resolution is reckoned on. The safety
/// card's only when it carries the logo (`on_safety_card`).
pub fn logo_boxes(
    kinds: &[super::Kind],
    papers: &[super::Paper],
    on_safety_card: bool,
) -> Vec<(super::Kind, Option<super::Paper>, super::Size)> {
    let mut out = Vec::new();
    for kind in kinds {
        match kind {
            super::Kind::Poster => {
                out.extend(
                    papers
                        .iter()
                        .map(|p| (*kind, Some(*p), super::poster::logo_box(*p))),
                );
            }
            super::Kind::Handout => out.push((*kind, None, super::handout::LOGO_BOX)),
            super::Kind::Card => out.push((*kind, None, super::card::LOGO_BOX)),
            // The card's box on the back's band (`card::mark_back`), reckoned on its own:
            // a project may build the safety card without the card.
            super::Kind::SafetyCard if on_safety_card => {
                out.push((*kind, None, super::card::LOGO_BOX))
            }
            // No logo on these.
            super::Kind::SafetyCard
            | super::Kind::Tearoff
            | super::Kind::Sticker
            | super::Kind::Notice => {}
        }
    }
    out
}

/// The content key organisation texts are named by in messages.
pub const NAME_KEY: &str = "organisation.name";
pub const DISTRIBUTION_KEY: &str = "organisation.distribution";
pub const WEBSITE_KEY: &str = "organisation.website";

/// The web address of the organisation's `website` record, isolated like every contact
/// value so the read-back and the links know it.
pub fn website(org: &Organisation, content: &Content) -> Option<String> {
    let key = org.website.as_deref()?;
    let record = content.contacts.get(key)?;
    Some(crate::content::isolated(&record.display))
}

/// The distribution lines of a document's languages: one per language, said once when a
/// pair's are the same; each but the first in its own language.
pub fn distribution_blocks(org: &Organisation, tags: &[&str], style: TextStyle) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut said: Vec<&str> = Vec::new();
    for (lang, tag) in tags.iter().enumerate() {
        let Some(line) = org.distribution(tag) else {
            continue;
        };
        if said.iter().any(|s| s.trim() == line.trim()) {
            continue;
        }
        said.push(line);
        let para = Block::para(DISTRIBUTION_KEY, line, style);
        out.push(if lang == 0 {
            para
        } else {
            Block::Lang {
                lang,
                blocks: vec![para],
            }
        });
    }
    out
}

/// The organisation's strip: the logo in `logo_box` (scaled to fit, centred, as
/// decoration: the name beside it says what it is) and in `text` the name over `under`
/// (the distribution lines), or over the web address when there are none: a strip has
/// room for two lines. Without a logo the text takes both boxes.
pub fn strip(
    org: &Organisation,
    content: &Content,
    logo_box: Rect,
    text: Rect,
    name: TextStyle,
    small: TextStyle,
    under: Vec<Block>,
) -> Vec<Item> {
    let mut items = Vec::new();
    let frame = match &org.logo {
        Some(logo) => {
            items.push(Item::Image {
                rect: logo.fit(logo_box),
                picture: logo.clone(),
                alt: None,
            });
            text
        }
        None => Rect::new(
            logo_box.x.min(text.x),
            text.y,
            text.right().max(logo_box.right()) - logo_box.x.min(text.x),
            text.h,
        ),
    };
    let mut blocks = vec![Block::para(NAME_KEY, &org.name, name)];
    if under.is_empty() {
        blocks.extend(website(org, content).map(|web| Block::para(WEBSITE_KEY, &web, small)));
    }
    blocks.extend(under);
    items.push(Item::Frame {
        rect: frame,
        blocks,
        valign: VAlign::Center,
        shrink_to: None,
    });
    items
}

/// The name's style in a strip: bold, in the text colour.
pub fn name_style(size: f32, theme: &Theme) -> TextStyle {
    theme
        .heading(size)
        .color(theme.colors.ink)
        .align(Align::Start)
        .after(1.0)
}

/// The small print of a strip: the web address and the distribution line.
pub fn small_style(size: f32, theme: &Theme) -> TextStyle {
    theme
        .body(size)
        .color(theme.colors.muted)
        .align(Align::Start)
        .after(1.0)
}
