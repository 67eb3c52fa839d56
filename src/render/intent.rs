//! What a print shop reads beyond the page: the output intent of a CMYK file (which press
//! and paper its CMYK values are for, with that condition's ICC profile), and spot-colour
//! lines (the sticker's `CutContour`) set to overprint. krilla 0.8 writes neither (its
//! only output intent is PDF/A's sRGB one; it has no overprint), so both are added to
//! its bytes as one incremental update ([`super::update`]).

use super::update::{self, Object, Trailer};
use crate::types::PrintCondition;

/// A printing condition as an output intent names it, and its profile.
pub struct Condition {
    /// The ICC characterization data registry's reference name (RegistryName below).
    pub identifier: &'static str,
    /// In words, for a person reading the file.
    pub words: &'static str,
    /// The CMYK output profile made from the registered data (profiles/README.md).
    pub profile: &'static [u8],
}

/// The registry the identifiers are names in.
pub const REGISTRY: &str = "http://www.color.org";

pub fn condition(c: PrintCondition) -> Condition {
    match c {
        PrintCondition::Gracol => Condition {
            identifier: "CGATS TR 006",
            words: "GRACoL 2006 coated: sheetfed offset, grade 1 coated paper (ANSI CGATS/GRACoL TR 006)",
            profile: include_bytes!("../../profiles/GRACoL_TR006_coated.icc"),
        },
        PrintCondition::Fogra39 => Condition {
            identifier: "FOGRA39",
            words: "FOGRA39: offset, coated paper types 1 and 2 (ISO 12647-2:2004/Amd 1)",
            profile: include_bytes!("../../profiles/FOGRA39L_coated.icc"),
        },
        PrintCondition::Swop => Condition {
            identifier: "CGATS TR 003",
            words: "SWOP coated #3: web offset publication printing (ANSI CGATS/SWOP TR 003)",
            profile: include_bytes!("../../profiles/SWOP_TR003_coated_3.icc"),
        },
    }
}

/// The stroke opacity the renderer gives a spot-colour line so that its graphics state
/// can be found in the written file and made to overprint: 1023/1024, exact in f32 and
/// no opacity a theme or logo would choose; the update sets it back to 1.
pub const OVERPRINT_MARK: f32 = 1023.0 / 1024.0;

/// What to add to a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Additions {
    /// The output intent of a CMYK file.
    pub intent: Option<PrintCondition>,
    /// Whether spot-colour lines were drawn with [`OVERPRINT_MARK`] (their states to
    /// rewrite).
    pub overprint: bool,
}

/// `pdf` with the additions as one incremental update; `pdf` itself when there are none.
pub fn add(pdf: Vec<u8>, additions: Additions) -> Result<Vec<u8>, String> {
    if additions.intent.is_none() && !additions.overprint {
        return Ok(pdf);
    }
    let trailer = update::trailer(&pdf)?;
    let offsets = update::offsets(&pdf, trailer.startxref)?;
    let mut objects = Vec::new();
    if additions.overprint {
        objects.extend(overprinting(&pdf, &offsets));
    }
    if let Some(c) = additions.intent {
        objects.extend(intent(&pdf, &offsets, &trailer, &condition(c))?);
    }
    if objects.is_empty() {
        return Ok(pdf);
    }
    Ok(update::append(pdf, &trailer, objects))
}

/// The three objects of an output intent: the profile's stream, the intent (`GTS_PDFX`,
/// what PDF/X and print shops' preflight read) and the catalog again with
/// `/OutputIntents`, numbered after the file's last object.
fn intent(
    pdf: &[u8],
    offsets: &[Option<usize>],
    trailer: &Trailer,
    c: &Condition,
) -> Result<Vec<Object>, String> {
    let catalog = update::object(pdf, offsets, trailer.root).ok_or("no catalog to add to")?;
    if catalog
        .windows(b"/OutputIntents".len())
        .any(|w| w == b"/OutputIntents")
    {
        // Only PDF/A writes one, and CMYK under PDF/A is refused before this.
        return Err("the file has an output intent already".into());
    }
    let (profile, oi) = (trailer.size, trailer.size + 1);
    let catalog = update::with_entries(catalog, &format!("/OutputIntents[{oi} 0 R]"))
        .ok_or("a catalog that is no dictionary")?;
    Ok(vec![
        Object {
            id: profile,
            body: icc_stream(c.profile),
        },
        Object {
            id: oi,
            body: output_intent(c, profile).into_bytes(),
        },
        Object {
            id: trailer.root,
            body: catalog,
        },
    ])
}

/// An ICC profile as a PDF stream: four components, uncompressed (28 KB; deflating here
/// would tie the file's bytes to the build's zlib backend for 5 KB).
fn icc_stream(profile: &[u8]) -> Vec<u8> {
    [
        format!("<</N 4/Length {}>>\nstream\n", profile.len()).as_bytes(),
        profile,
        b"\nendstream",
    ]
    .concat()
}

/// The output intent dictionary naming `c`, its profile in object `profile`.
fn output_intent(c: &Condition, profile: u32) -> String {
    format!(
        "<</Type/OutputIntent/S/GTS_PDFX/OutputConditionIdentifier{}/OutputCondition{}\
         /RegistryName{}/Info{}/DestOutputProfile {profile} 0 R>>",
        pdf_string(c.identifier),
        pdf_string(c.words),
        pdf_string(REGISTRY),
        pdf_string(c.identifier),
    )
}

/// A literal string with its delimiters escaped.
fn pdf_string(s: &str) -> String {
    let mut out = String::from("(");
    for ch in s.chars() {
        if matches!(ch, '(' | ')' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push(')');
    out
}

/// Each graphics state that sets [`OVERPRINT_MARK`] as its stroke opacity, again with
/// full opacity and overprint on (`/OP`, `/op`, `/OPM 1`): the line's ink does not
/// knock out what is under it, as a sign shop's RIP expects of a cut path.
fn overprinting(pdf: &[u8], offsets: &[Option<usize>]) -> Vec<Object> {
    (0..offsets.len() as u32)
        .filter_map(|id| {
            let body = update::object(pdf, offsets, id)?;
            let text = std::str::from_utf8(body).ok()?;
            overprinting_state(text).map(|body| Object {
                id,
                body: body.into_bytes(),
            })
        })
        .collect()
}

/// `state` (an ExtGState dictionary) made to overprint, if its `/CA` is the mark.
fn overprinting_state(state: &str) -> Option<String> {
    if !state.starts_with("<</Type/ExtGState") {
        return None;
    }
    let at = state.find("/CA ")?;
    let value = &state[at + "/CA ".len()..];
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let ca: f32 = value[..end].parse().ok()?;
    ((ca - OVERPRINT_MARK).abs() < 1e-5).then(|| {
        format!(
            "{}/CA 1/OP true/op true/OPM 1{}",
            &state[..at],
            &value[end..]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_condition_ships_a_cmyk_output_profile() {
        for c in PrintCondition::ALL {
            let p = condition(c).profile;
            // ICC header: size, 'prtr' class, 'CMYK' data colour space, 'acsp'.
            assert_eq!(
                u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
                p.len()
            );
            assert_eq!(&p[12..16], b"prtr", "{c:?}");
            assert_eq!(&p[16..20], b"CMYK", "{c:?}");
            assert_eq!(&p[36..40], b"acsp", "{c:?}");
        }
    }

    #[test]
    fn only_the_marked_state_is_made_to_overprint() {
        let marked = format!("<</Type/ExtGState/CA {}>>", OVERPRINT_MARK);
        assert_eq!(
            overprinting_state(&marked).as_deref(),
            Some("<</Type/ExtGState/CA 1/OP true/op true/OPM 1>>")
        );
        assert_eq!(
            overprinting_state("<</Type/ExtGState/CA 0.5/ca 0.9990234>>").as_deref(),
            None
        );
        assert_eq!(overprinting_state("<</Type/Font/CA 0.99902344>>"), None);
    }

    #[test]
    fn intent_strings_escape_their_delimiters() {
        assert_eq!(pdf_string("a (b) \\"), "(a \\(b\\) \\\\)");
    }
}
