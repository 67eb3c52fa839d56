//! A project's local-help panel (`[local_help]` in `bridgeprint.toml`): the blocks the
//! poster and the handout place, and the one line the card's back names. Every number in
//! them is its record's, from the label's placeholder; a line with a QR code has its
//! number under the code, tied to it as a caption so the read-back holds the two together.

use super::{Block, QrAlt, TextStyle, caption_of, contact_qr, in_both, in_each, t, without_isolates};
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
    /// The number under a code.
    pub caption: TextStyle,
    /// Between a line's two languages, and between lines.
    pub pair_gap: f32,
    pub line_gap: f32,
    /// A local code's symbol, quiet zone not included: the kind's minimum or more.
    pub qr: f32,
}

/// The panel in each language of `locales`: its heading, then each line's label; a line
/// with a QR code has the code beside its label and its number under the code. Empty
/// when the project has no local help.
pub fn panel(content: &Content, locales: &[&Locale], style: &PanelStyle) -> Result<Vec<Block>, Error> {
    let help = &content.local_help;
    if help.is_empty() {
        return Ok(Vec::new());
    }
    let mut blocks = in_each(
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
    for line in &help.lines {
        if !line.qr {
            blocks.extend(labels(&line.key, style.line_gap));
            continue;
        }
        let code = contact_qr(content, &line.key)?;
        let display = content
            .contacts
            .get(&line.key)
            .map(|c| c.display.as_str())
            .unwrap_or_default();
        blocks.push(Block::QrBeside {
            code,
            contact: line.key.clone(),
            size: style.qr,
            caption: Box::new(caption_of(
                &line.key,
                vec![Block::para(
                    format!("contacts.{}", line.key),
                    &isolated(display),
                    style.caption,
                )],
            )),
            blocks: vec![caption_of(&line.key, labels(&line.key, 0.0))],
        });
        blocks.push(Block::Space(style.line_gap));
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
