//! Characters a reader cannot see but a page obeys: bidi controls, invisible and filler
//! characters, and combining marks.
//!
//! A bidi override in a contact's `display` prints `8887-373-888-1` beside a QR code that
//! dials the right number; a zero-width space or a combining mark beside a digit hides
//! a digit or changes one; a digit typed against `{textline}` makes `2337334`. The number
//! scan in [`super::numbers`] reads the text as written, so these rules look at exactly the
//! places it cannot: the characters around digits and around every placeholder.

use std::ops::Range;

use icu_properties::props::{BidiClass, GeneralCategory, GeneralCategoryGroup};
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed};

use super::numbers;

/// Bidi formatting characters, with their Unicode names. bridgeprint isolates every
/// number itself; one typed into content can reverse or move a number on the page.
pub fn bidi_control(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// Characters that print nothing (or nothing a reader tells from a space) and so can sit
/// unseen inside or beside a number. ZWNJ and ZWJ are among them: Persian and Indic text
/// needs them between letters, never beside a digit.
pub fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{115F}' => "HANGUL CHOSEONG FILLER",
        '\u{1160}' => "HANGUL JUNGSEONG FILLER",
        '\u{180B}'..='\u{180D}' | '\u{180F}' => "MONGOLIAN FREE VARIATION SELECTOR",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{3164}' => "HANGUL FILLER",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "VARIATION SELECTOR",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{FFA0}' => "HALFWIDTH HANGUL FILLER",
        '\u{E0000}'..='\u{E007F}' => "TAG CHARACTER",
        // The rest of what Unicode calls default-ignorable (a renderer shows it as
        // nothing); bidi controls are in [`bidi_control`]. Spelled out rather than looked
        // up, because the read-back asks for every letter it reads: a unit test checks the
        // two sets against Unicode's property.
        '\u{17B4}'
        | '\u{17B5}'
        | '\u{2065}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0080}'..='\u{E00FF}'
        | '\u{E01F0}'..='\u{E0FFF}' => "INVISIBLE CHARACTER (default ignorable)",
        _ => return None,
    })
}

fn categories() -> CodePointMapDataBorrowed<'static, GeneralCategory> {
    CodePointMapData::<GeneralCategory>::new()
}

/// Nonspacing, spacing and enclosing marks (Mn, Mc, Me): they attach to the character
/// before them.
pub fn is_mark(c: char) -> bool {
    // Every mark is outside ASCII; most texts are mostly ASCII.
    !c.is_ascii() && GeneralCategoryGroup::Mark.contains(categories().get(c))
}

/// A digit a reader would read as part of a number: every Unicode digit and number
/// character (`٣`, `３`, `²`, `③`).
fn is_digit(c: char) -> bool {
    c.is_numeric()
}

/// A letter that joins a keyword or number into another word (`HELPS`, `233733O`): the
/// letters of cased scripts (Latin, Greek, Cyrillic, Armenian...). Korean particles,
/// Chinese, Japanese and Thai attach to a number without changing how it reads.
fn is_joining_letter(c: char) -> bool {
    c.is_alphabetic() && (c.is_uppercase() || c.is_lowercase())
}

/// One character in the wrong place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range in the text of what the error points at: the character, or a
    /// placeholder with what touches it.
    pub range: Range<usize>,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A bidi control anywhere.
    BidiControl(char),
    /// A character no PDF may map a glyph to (PDF/UA-1, PDF/A): U+FEFF and the
    /// noncharacters. It would stop the document at the PDF writer; refused here, with its
    /// place, instead.
    Unwritable(char),
    /// An invisible or filler character, or a combining mark, beside a digit or
    /// placeholder.
    Hidden { c: char, beside: String },
    /// A digit or letter touching a placeholder, or a digit one separator away.
    Fused {
        placeholder: String,
        touching: String,
        after: bool,
    },
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`.
pub fn describe(c: char) -> String {
    let name = bidi_control(c)
        .or_else(|| invisible(c))
        .or_else(|| is_mark(c).then_some("COMBINING MARK"));
    match name {
        Some(name) => format!("U+{:04X} {name}", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// Every bidi control, hidden character and fused placeholder in `text`.
pub fn scan(text: &str) -> Vec<Finding> {
    // Most texts are plain: no braces, nothing outside printable ASCII.
    let plain = !text.contains('{') && text.bytes().all(|b| (0x20..0x7F).contains(&b));
    if plain {
        return Vec::new();
    }
    let placeholders = numbers::placeholder_ranges(text);
    let mut found = Vec::new();
    hidden_characters(text, &placeholders, &mut found);
    for p in &placeholders {
        fused(text, p.clone(), &mut found);
        next_placeholder(text, p.clone(), &placeholders, &mut found);
    }
    found.sort_by_key(|f| f.range.start);
    found
}

fn hidden_characters(text: &str, placeholders: &[Range<usize>], found: &mut Vec<Finding>) {
    let starts_placeholder = |i: usize| placeholders.iter().any(|p| p.start == i);
    let ends_placeholder = |i: usize| placeholders.iter().any(|p| p.end == i);
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        // Every character these rules look for is outside ASCII.
        if c.is_ascii() {
            prev = Some(c);
            continue;
        }
        let end = i + c.len_utf8();
        let next = text[end..].chars().next();
        let range = i..end;
        if bidi_control(c).is_some() {
            found.push(Finding {
                range,
                problem: Problem::BidiControl(c),
            });
        } else if unwritable(c) {
            found.push(Finding {
                range,
                problem: Problem::Unwritable(c),
            });
        } else if invisible(c).is_some() || is_mark(c) {
            // A mark belongs to the character before it; an invisible one to both sides.
            let before = if ends_placeholder(i) {
                Some("a placeholder".to_string())
            } else {
                prev.filter(|p| is_digit(*p))
                    .map(|p| format!("digit `{p}`"))
            };
            let after = if starts_placeholder(end) {
                Some("a placeholder".to_string())
            } else if invisible(c).is_some() {
                next.filter(|n| is_digit(*n))
                    .map(|n| format!("digit `{n}`"))
            } else {
                None
            };
            if let Some(beside) = before.or(after) {
                found.push(Finding {
                    range,
                    problem: Problem::Hidden { c, beside },
                });
            }
        }
        prev = Some(c);
    }
}

/// A digit or joining letter directly against placeholder `p`, or a digit one separator
/// away (`{hotline}-4`, `1 {textline}`): the page would print one longer number or word.
fn fused(text: &str, p: Range<usize>, found: &mut Vec<Finding>) {
    let name = text[p.clone()].to_string();
    let joins = |c: char| is_digit(c) || is_joining_letter(c);
    let mut after = text[p.end..].chars();
    let touching_after = match (after.next(), after.next()) {
        (Some(a), _) if joins(a) => Some(a.to_string()),
        (Some(s), Some(d)) if numbers::is_phone_separator(s) && is_digit(d) => {
            Some(format!("{s}{d}"))
        }
        _ => None,
    };
    if let Some(touching) = touching_after {
        found.push(Finding {
            range: p.start..p.end + touching.len(),
            problem: Problem::Fused {
                placeholder: name.clone(),
                touching,
                after: true,
            },
        });
    }
    let mut before = text[..p.start].chars().rev();
    let touching_before = match (before.next(), before.next()) {
        (Some(b), _) if joins(b) || numbers::is_plus(b) => Some(b.to_string()),
        (Some(s), Some(d)) if numbers::is_phone_separator(s) && is_digit(d) => {
            Some(format!("{d}{s}"))
        }
        _ => None,
    };
    if let Some(touching) = touching_before {
        found.push(Finding {
            range: p.start - touching.len()..p.end,
            problem: Problem::Fused {
                placeholder: name,
                touching,
                after: false,
            },
        });
    }
}

/// Two placeholders together (`{hotline}{textline}`, `{hotline} {textline}`) print as one
/// longer number.
fn next_placeholder(
    text: &str,
    p: Range<usize>,
    placeholders: &[Range<usize>],
    found: &mut Vec<Finding>,
) {
    let gap = text[p.end..]
        .chars()
        .next()
        .filter(|c| numbers::is_phone_separator(*c))
        .map_or(0, char::len_utf8);
    if let Some(q) = placeholders.iter().find(|q| q.start == p.end + gap) {
        found.push(Finding {
            range: p.start..q.end,
            problem: Problem::Fused {
                placeholder: text[p.clone()].to_string(),
                touching: text[p.end..q.end].to_string(),
                after: true,
            },
        });
    }
}

/// U+FEFF (a byte order mark inside a text) and the noncharacters (U+FDD0..U+FDEF and
/// the last two code points of every plane): an accessible PDF may not map text to them.
pub fn unwritable(c: char) -> bool {
    let u = u32::from(c);
    c == '\u{FEFF}' || (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

impl Problem {
    /// What is wrong, for an error message.
    pub fn message(&self) -> String {
        match self {
            Problem::BidiControl(c) => format!(
                "{} is a bidi control; it can reverse or move a number on the page",
                describe(*c)
            ),
            Problem::Unwritable(c) => format!(
                "{} cannot be written as text in an accessible PDF (PDF/UA-1)",
                describe(*c)
            ),
            Problem::Hidden { c, beside } => {
                let what = if is_mark(*c) && invisible(*c).is_none() {
                    "a combining mark"
                } else {
                    "an invisible character"
                };
                format!(
                    "{} is {what} beside {beside}; it hides or changes what the number prints as",
                    describe(*c)
                )
            }
            Problem::Fused {
                placeholder,
                touching,
                after,
            } => {
                let side = if *after { "after" } else { "before" };
                format!(
                    "`{}` directly {side} {placeholder} prints as part of its number or keyword",
                    show(touching)
                )
            }
        }
    }

    /// What to do instead.
    pub fn advice(&self) -> &'static str {
        match self {
            Problem::BidiControl(_) => {
                "remove it: bridgeprint isolates numbers itself, in every direction"
            }
            Problem::Unwritable(_) => {
                "remove it (a byte order mark belongs only at the start of a file; to keep two words together use U+2060 WORD JOINER)"
            }
            Problem::Hidden { .. } => {
                "remove it (ZWNJ and ZWJ belong between letters, never beside a digit or placeholder)"
            }
            Problem::Fused { .. } => {
                "put a word or a comma between them (a digit one space or dash away still reads as part of the number), or take the digit out: a number belongs in contacts.toml"
            }
        }
    }
}

/// `touching` with separators a reader cannot see named.
fn show(s: &str) -> String {
    numbers::show_invisible(s)
}

/// Strong left-to-right and right-to-left characters in `text`, placeholders excluded:
/// the evidence for which way a locale's script runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Strong {
    pub ltr: usize,
    pub rtl: usize,
}

impl Strong {
    pub fn count(&mut self, text: &str) {
        let mut from = 0;
        for p in numbers::placeholder_ranges(text) {
            self.count_plain(&text[from..p.start]);
            from = p.end;
        }
        self.count_plain(&text[from..]);
    }

    fn count_plain(&mut self, text: &str) {
        let classes = CodePointMapData::<BidiClass>::new();
        for c in text.chars() {
            if c.is_ascii() {
                self.ltr += usize::from(c.is_ascii_alphabetic());
                continue;
            }
            match classes.get(c) {
                BidiClass::LeftToRight => self.ltr += 1,
                BidiClass::RightToLeft | BidiClass::ArabicLetter => self.rtl += 1,
                _ => {}
            }
        }
    }

    /// The direction the letters clearly run in: two thirds of them or more.
    pub fn clear_direction(self) -> Option<super::Direction> {
        if self.rtl >= 2 * self.ltr.max(1) {
            Some(super::Direction::Rtl)
        } else if self.ltr >= 2 * self.rtl.max(1) {
            Some(super::Direction::Ltr)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        scan(text).iter().map(|f| f.problem.message()).collect()
    }

    /// The spelled-out sets are exactly Unicode's default-ignorable code points, so the
    /// content rules and the read-back miss none and the list cannot drift unseen.
    #[test]
    fn invisible_and_bidi_controls_are_unicodes_default_ignorables() {
        use icu_properties::CodePointSetData;
        use icu_properties::props::DefaultIgnorableCodePoint;
        let unicode = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        let differ: Vec<String> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| {
                unicode.contains(c) != (invisible(c).is_some() || bidi_control(c).is_some())
            })
            .map(|c| format!("U+{:04X}", u32::from(c)))
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
    }

    #[test]
    fn every_bidi_control_is_found_anywhere() {
        for c in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            let f = scan(&format!("Call us {c}today"));
            assert_eq!(f.len(), 1, "U+{:04X}", u32::from(c));
            assert_eq!(f[0].range, 8..8 + c.len_utf8());
        }
        assert!(problems("\u{202E}1-888\u{202C}")[0].contains("U+202E RIGHT-TO-LEFT OVERRIDE"));
    }

    #[test]
    fn characters_no_accessible_pdf_may_hold_are_found_anywhere() {
        for text in [
            "\u{FEFF}Free",
            "Gratis \u{FFFE}",
            "Hotline \u{FDD0}",
            "\u{10FFFF}x",
        ] {
            assert!(
                matches!(
                    scan(text)[..],
                    [Finding {
                        problem: Problem::Unwritable(_),
                        ..
                    }]
                ),
                "{text:?}: {:?}",
                scan(text)
            );
        }
        assert!(scan("Free \u{2060}help").is_empty());
    }

    #[test]
    fn invisible_characters_and_marks_beside_digits_or_placeholders_are_found() {
        for text in [
            "Call 1\u{200B}888",
            "Call \u{2060}1",
            "Text {textline}\u{00AD}",
            "Text \u{2060}{textline}",
            "Call 7\u{0301}",
            "Call {hotline}\u{0338}",
            "Text {textline.keyword}\u{20E3}",
            "1\u{FE0F}\u{20E3}",
            "Call 1\u{034F}2",
            "Call \u{3164}{hotline}",
            "Text {textline}\u{E0034}",
            "Call 1\u{2065}2",
            "Call ١\u{0651}",
            "Text 1\u{200D}2",
            "Call {hotline}\u{200C}",
            "\u{0301}{hotline}",
        ] {
            let f = scan(text);
            assert!(
                f.iter()
                    .any(|f| matches!(f.problem, Problem::Hidden { .. })),
                "{text:?}: {f:?}"
            );
        }
    }

    #[test]
    fn joiners_and_marks_between_letters_stay_allowed() {
        for text in [
            "می‌کنید",                // Persian ZWNJ
            "क्‍ष",                    // Devanagari ZWJ
            "Tiếng Việt",            // precomposed
            "Tie\u{0302}\u{0301}ng", // decomposed Vietnamese
            "ज़िंदगी",
            "ที่ {hotline}",
            "اتصل بالرقم {hotline}.",
            "{hotline}번으로 {textline.keyword}라고",
            "热线{hotline}，或发短信“{textline.keyword}”至{textline}",
            "Página {{page}} de {{pages}}",
            "24/7 · 200+ languages, since 2021",
        ] {
            assert_eq!(scan(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn digits_and_letters_fused_to_a_placeholder_are_found() {
        for (text, touching) in [
            ("Text {textline.keyword} to {textline}4", "4"),
            ("Text {textline.keyword}S to {textline}", "S"),
            ("Call 1{hotline}", "1"),
            ("Call {hotline}-4", "-4"),
            ("Call {hotline} 4", " 4"),
            ("Call 4 {hotline}", "4 "),
            ("Call +{textline}", "+"),
            ("Call {hotline}²", "²"),
            ("Text {textline}٤", "٤"),
            ("Text x{textline.keyword}", "x"),
            ("Call {hotline}{textline}", "{textline}"),
            ("Call {hotline} {emergency}", " {emergency}"),
        ] {
            let f = scan(text);
            assert!(
                f.iter().any(
                    |f| matches!(&f.problem, Problem::Fused { touching: t, .. } if t == touching)
                ),
                "{text}: {f:?}"
            );
        }
        let f = scan("Text {textline.keyword} to {textline}4");
        assert_eq!(f[0].range, 27..38);
    }

    #[test]
    fn the_script_direction_is_counted_from_letters_not_placeholders() {
        let mut s = Strong::default();
        s.count("اتصل بالرقم {hotline} أو أرسل {textline.keyword}");
        assert_eq!(s.clear_direction(), Some(super::super::Direction::Rtl));
        let mut s = Strong::default();
        s.count("Call {hotline}");
        assert_eq!(s.clear_direction(), Some(super::super::Direction::Ltr));
        let mut s = Strong::default();
        s.count("ab عر");
        assert_eq!(s.clear_direction(), None);
    }
}
