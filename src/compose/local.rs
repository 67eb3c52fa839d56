//! A project's local-help panel (`[local_help]` in `bridgeprint.toml`): the blocks the
//! poster and the handout place, and the one line the card's back names. Every number in
//! them is its record's, from the label's placeholder; a line with a QR code has its
//! number under the code, tied to it as a caption so the read-back holds the two together.

use super::{
    Block, QrAlt, TextStyle, caption_of, contact_qr, in_both, in_each, t, without_isolates,
};
use crate::content::{Content, Locale, isolated};
use crate::error::Error;

/// The content key a line's label is printed under: `local_help.labels.legal_aid`.
pub fn label_key(line: &str) -> String {
    format!("local_help.labels.{line}")
}

/// How the panel looks in a template.
#[derive(Debug, Clone, Copy)]
pub struct PanelStyle {
    pub heading: TextStyle,
    pub label: TextStyle,
    /// The number under a code, if it is printed there as well as in the label beside.
    pub caption: Option<TextStyle>,
    /// Between a line's two languages, and between lines.
    pub pair_gap: f32,
    pub line_gap: f32,
    /// A local code's symbol, quiet zone not included: the kind's minimum or more.
    pub qr: f32,
    pub arrange: Arrange,
    /// Whether the lines asked for with a code get it here; without, their labels (and
    /// the numbers in them) stand alone, where a page has no room for a code at its size.
    pub codes: bool,
}

/// Between two languages' headings side by side.
const HEADING_GAP: f32 = 12.0;

/// How a template arranges the panel in the room it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrange {
    /// Each code beside its line's label (a page-wide box: the handout).
    Beside,
    /// Each code under its line's label (a column too narrow for a code and a number
    /// side by side: the one-language poster).
    Under,
    /// The first code with the heading and every label beside it, further codes beside
    /// their own labels (the least height: the two-language poster).
    Compact,
}

/// The panel in each language of `locales`: its heading, then each line's label, and for
/// each line with a QR code its code, arranged as `style` says; a code's label is its
/// caption, so the read-back holds the number printed there to the code. Empty when the
/// project has no local help.
pub fn panel(
    content: &Content,
    locales: &[&Locale],
    style: &PanelStyle,
) -> Result<Vec<Block>, Error> {
    let help = &content.local_help;
    if help.is_empty() {
        return Ok(Vec::new());
    }
    let heading = in_each(
        "texts.document.local_help",
        locales,
        |l| t(&l.texts.document.local_help),
        style.heading.after(style.pair_gap),
        style.heading,
    );
    let labels = |key: &str, after: f32| {
        labelled(
            content,
            key,
            locales,
            style.label.after(style.pair_gap),
            style.label.after(after),
        )
    };
    let code = |key: &str, beside: Vec<Block>| -> Result<Block, Error> {
        let display = content
            .contacts
            .get(key)
            .map(|c| c.display.as_str())
            .unwrap_or_default();
        let caption = style
            .caption
            .map(|caption| Block::para(format!("contacts.{key}"), &isolated(display), caption));
        Ok(super::qr_block::beside(
            contact_qr(content, key)?,
            key,
            style.qr,
            caption.into_iter().collect(),
            beside,
        ))
    };
    let mut blocks = Vec::new();
    match style.arrange {
        Arrange::Beside | Arrange::Under => {
            blocks.extend(heading);
            for line in &help.lines {
                if !(line.qr && style.codes) {
                    blocks.extend(labels(&line.key, style.line_gap));
                } else if style.arrange == Arrange::Beside {
                    let label = caption_of(&line.key, labels(&line.key, 0.0));
                    blocks.push(code(&line.key, vec![label])?);
                    blocks.push(Block::Space(style.line_gap));
                } else {
                    blocks.push(caption_of(&line.key, labels(&line.key, style.pair_gap)));
                    blocks.push(code(&line.key, Vec::new())?);
                    blocks.push(Block::Space(style.line_gap));
                }
            }
        }
        Arrange::Compact => {
            let first = help
                .lines
                .iter()
                .find(|l| l.qr && style.codes)
                .map(|l| l.key.as_str());
            // Two languages' headings side by side: one line where stacked they take two.
            let mut beside = match (locales, heading.as_slice()) {
                ([_, _], [a, b]) => vec![Block::Columns {
                    gap: style.line_gap.max(HEADING_GAP),
                    cols: vec![vec![a.clone()], vec![b.clone()]],
                }],
                _ => heading,
            };
            let mut after = Vec::new();
            for line in &help.lines {
                let is_first = Some(line.key.as_str()) == first;
                if line.qr && style.codes && !is_first {
                    let label = caption_of(&line.key, labels(&line.key, 0.0));
                    after.push(Block::Space(style.line_gap));
                    after.push(code(&line.key, vec![label])?);
                } else if is_first {
                    beside.push(caption_of(&line.key, labels(&line.key, style.line_gap)));
                } else {
                    beside.extend(labels(&line.key, style.line_gap));
                }
            }
            match first {
                Some(key) => blocks.push(code(key, beside)?),
                None => blocks.extend(beside),
            }
            blocks.extend(after);
        }
    }
    Ok(vec![Block::Section(blocks)])
}

/// The card's local line in each language of `locales`, or nothing without one.
pub fn card_line(content: &Content, locales: &[&Locale], style: TextStyle, gap: f32) -> Vec<Block> {
    let help = &content.local_help;
    let Some(key) = &help.card else {
        return Vec::new();
    };
    labelled(content, key, locales, style.after(gap), style)
}

/// The label of line `key` in each language, as [`in_each`] sets a text.
fn labelled(
    content: &Content,
    key: &str,
    locales: &[&Locale],
    first: TextStyle,
    then: TextStyle,
) -> Vec<Block> {
    let label = |l: &Locale| {
        content
            .local_help
            .label(key, &l.meta.tag)
            .unwrap_or_default()
            .to_string()
    };
    let labels: Vec<String> = locales.iter().map(|l| label(l)).collect();
    match labels.as_slice() {
        [a, b] => in_both(&label_key(key), a, b, first, then),
        _ => labels
            .first()
            .map(|a| vec![Block::para(label_key(key), a, then)])
            .unwrap_or_default(),
    }
}

/// What a screen reader says for each local code: its label in the main language.
pub fn qr_alt(content: &Content, locale: &Locale) -> Vec<QrAlt> {
    content
        .local_help
        .lines
        .iter()
        .filter(|l| l.qr)
        .filter_map(|l| {
            Some(QrAlt {
                contact: l.key.clone(),
                text: without_isolates(l.labels.get(&locale.meta.tag)?),
                lang: locale.meta.tag.clone(),
            })
        })
        .collect()
}
