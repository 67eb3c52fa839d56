//! Locale folder names are BCP 47 language tags, and they become output folder names, so
//! only a well-formed tag may pass: no `..`, no slash, nothing a path could be built from.

/// Whether `tag` is a well-formed BCP 47 language tag of the shape this tool uses:
/// `language[-script][-region][-variant]...`, case-insensitive (RFC 5646 section 2.1.1).
///
/// - language: 2 or 3 letters (`en`, `haw`)
/// - script: 4 letters (`Hans`)
/// - region: 2 letters or 3 digits (`BR`, `419`)
/// - variant: 5 to 8 letters or digits, or 4 starting with a digit (`1901`)
///
/// Extensions and private use (`-u-`, `-x-`) are refused: no locale here needs them.
pub fn is_valid_tag(tag: &str) -> bool {
    let mut parts = tag.split('-').peekable();
    if !parts.next().is_some_and(is_language) {
        return false;
    }
    parts.next_if(|p| is_script(p));
    parts.next_if(|p| is_region(p));
    parts.all(is_variant)
}

fn is_language(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_script(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_region(s: &str) -> bool {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
}

fn is_variant(s: &str) -> bool {
    let alnum = s.bytes().all(|b| b.is_ascii_alphanumeric());
    alnum && ((5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags_pass() {
        for ok in [
            "en",
            "es",
            "pt-BR",
            "zh-Hans",
            "zh-Hant",
            "ht",
            "haw",
            "es-419",
            "sr-Latn-RS",
            "de-CH-1901",
            "sl-rozaj",
            "EN",
            "pt-br",
            "ZH-hans",
        ] {
            assert!(is_valid_tag(ok), "{ok}");
        }
    }

    #[test]
    fn anything_a_path_could_be_built_from_is_refused() {
        for bad in [
            "",
            ".",
            "..",
            "en/../x",
            "../en",
            "a/../../x",
            "en\\..",
            "e",
            "en-",
            "-en",
            "en_US",
            "toolongtag",
            "en-US-",
            "en--US",
            "en-Hans-Hant",
            "en-x-private",
            "en-u-ca-buddhist",
            "1en",
            "en-12",
            "en-123456789",
            "en-abc",
            "é",
            "en.pdf",
            "en US",
            "en\0",
        ] {
            assert!(!is_valid_tag(bad), "{bad:?}");
        }
    }
}
