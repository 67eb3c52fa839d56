//! Text extracted from the PDF keeps each word whole: an Arabic letter with its vowel
//! mark, a Devanagari consonant with its matra, a Thai consonant with its vowel, a
//! stacked Vietnamese accent are written so that poppler (`pdftotext`) reads no space
//! inside the word that carries them. Checked for every word of the bundled texts in
//! the scripts that stack marks.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use bridgeprint::{Content, Engine, Kind, Paper};

fn content() -> Content {
    bridgeprint::content::load(Path::new("materials")).expect("bundled materials load")
}

/// Every word of a locale's texts that holds a letter outside Latin-1 (the words whose
/// marks stack), stripped of the punctuation around it.
fn source_words(tag: &str) -> BTreeSet<String> {
    fn strings(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            toml::Value::Table(t) => t.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    let dir = Path::new("materials").join(tag);
    for entry in std::fs::read_dir(&dir).expect("locale folder").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let src = std::fs::read_to_string(&path).expect("readable");
            let value: toml::Value = toml::from_str(&src).expect("valid TOML");
            strings(&value, &mut texts);
        }
    }
    texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(strip)
        .filter(|w| w.chars().any(|c| u32::from(c) > 0x2FF && c.is_alphabetic()))
        .map(str::to_string)
        .collect()
}

fn strip(w: &str) -> &str {
    w.trim_matches(|c: char| {
        c.is_ascii_punctuation()
            || "«»“”،؛؟…·।–—\u{2066}\u{2069}\u{200e}\u{200f}".contains(c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

fn pdftotext(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).expect("written");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Words of `words` that `text` prints split in two on one line: two neighbouring
/// tokens that together are a source word.
fn split_words(text: &str, words: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let tokens: Vec<&str> = line.split([' ', '\u{a0}']).map(strip).collect();
        for pair in tokens.windows(2) {
            let joined = format!("{}{}", pair[0], pair[1]);
            if !pair[0].is_empty() && !pair[1].is_empty() && words.contains(&joined) {
                out.push(format!("{joined:?} as {:?} + {:?}", pair[0], pair[1]));
            }
        }
    }
    out
}

#[test]
fn no_word_with_stacked_marks_extracts_with_a_space_inside() {
    let content = content();
    let mut engine = Engine::new();
    let mut checked = 0;
    for tag in ["ar", "fa", "hi", "th", "vi"] {
        let words = source_words(tag);
        let locale = content.locale(tag).expect("bundled locale");
        for kind in [Kind::Card, Kind::Poster, Kind::Handout] {
            let made = engine
                .make(&content, &[locale], kind, Paper::Letter, Some(0))
                .unwrap_or_else(|e| panic!("{tag} {kind:?}: {e}"));
            let Some(text) = pdftotext(&made.bytes) else {
                eprintln!("pdftotext is not installed: extraction not checked");
                return;
            };
            let split = split_words(&text, &words);
            assert!(
                split.is_empty(),
                "{tag} {kind:?}: pdftotext reads a space inside {} word(s): {}",
                split.len(),
                split.join(", ")
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 15);
}

#[test]
fn the_split_finder_finds_a_split_word() {
    let words: BTreeSet<String> = ["تُجبَر".to_string()].into();
    assert_eq!(split_words("هل تُجبَ ر أنت", &words).len(), 1);
    assert!(split_words("هل تُجبَر أنت", &words).is_empty());
}
