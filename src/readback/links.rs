//! The read-back of links: a link is a number no reader sees, so each one must lie over
//! a contact value or a QR code and open exactly what that contact's record says, and every
//! printed contact value must have one over it.

use crate::content::Contacts;
use crate::layout::links::{PrintedValue, link_for, number_link, owners, printed_values, uri};
use crate::layout::{Elem, visit};
use crate::types::{Rect, Transform};

/// How far, in points, what a link covers may reach past its edge: rounding, nothing a
/// finger notices.
const TOLERANCE: f32 = 0.5;

/// What is wrong with a page's links, if anything: (content key, what is printed or
/// linked, the problem).
pub(super) fn check(elems: &[Elem], contacts: &Contacts) -> Result<(), (String, String, String)> {
    let mut links: Vec<(Rect, &str)> = Vec::new();
    let mut codes: Vec<(Rect, &str)> = Vec::new();
    visit(elems, &mut |e, to_page| match e {
        Elem::Link { rect, uri } => links.push((to_page.bounds(*rect), uri)),
        Elem::Qr { rect, contact, .. } => codes.push((to_page.bounds(*rect), contact)),
        _ => {}
    });
    let mut values: Vec<(Rect, PrintedValue)> = Vec::new();
    values_in(elems, Transform::IDENTITY, &mut values);

    for (_, link) in &links {
        if let Some(problem) = unknown(link, contacts) {
            return Err(("link".into(), link.to_string(), problem));
        }
    }
    for (rect, link) in &links {
        let over_values = values.iter().filter(|(v, _)| inside(v, rect));
        let over_codes = codes.iter().filter(|(c, _)| inside(c, rect));
        let mut covers = 0;
        for (_, v) in over_values {
            covers += 1;
            let owners = owners(v.value, contacts);
            let shared = link_for(v.value, v.caption, contacts);
            if !owners.iter().any(|o| uri(o) == *link) && shared.as_deref() != Some(*link) {
                let want: Vec<String> = owners.iter().map(|o| uri(o)).collect();
                return Err((
                    v.key.to_string(),
                    link.to_string(),
                    format!(
                        "a link over \"{}\" opens {link}, not what its record opens ({})",
                        v.value,
                        if want.is_empty() {
                            "no record prints it".to_string()
                        } else {
                            want.join(" or ")
                        }
                    ),
                ));
            }
        }
        for (_, key) in over_codes {
            covers += 1;
            let want = contacts.get(key).map(uri);
            if want.as_deref() != Some(*link) {
                return Err((
                    "link".into(),
                    link.to_string(),
                    format!(
                        "a link over the QR code of `{key}` opens {link}, not what the record opens ({})",
                        want.unwrap_or_else(|| "no record".into())
                    ),
                ));
            }
        }
        if covers == 0 {
            return Err((
                "link".into(),
                link.to_string(),
                "a link lies over no contact value or QR code: a reader cannot see what it opens"
                    .into(),
            ));
        }
    }
    for (rect, v) in &values {
        // A value no single link can be derived for (records reaching different
        // numbers print it) is left unlinked rather than guessed.
        let linkable = link_for(v.value, v.caption, contacts).is_some();
        if linkable && !links.iter().any(|(l, _)| inside(rect, l)) {
            return Err((
                v.key.to_string(),
                v.value.to_string(),
                format!(
                    "\"{}\" is printed without a link over it, so a phone or a screen reader cannot call, text or open it",
                    v.value
                ),
            ));
        }
    }
    Ok(())
}

/// Why a link that dials or texts opens no record's link form, if it does not: caught
/// before what it covers, as a number one digit off is the worst a link can do.
fn unknown(link: &str, contacts: &Contacts) -> Option<String> {
    let scheme = link.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    if matches!(scheme.as_deref(), Some("https" | "http")) {
        return None;
    }
    let known: Vec<String> = contacts
        .by_key
        .values()
        .flat_map(|c| std::iter::once(uri(c)).chain(number_link(c)))
        .collect();
    if known.iter().any(|k| k == link) {
        return None;
    }
    Some(format!(
        "a link that dials or texts must open exactly a contact record's link ({})",
        known.join(", ")
    ))
}

/// Every printed contact value under `elems`, with its box on the page.
fn values_in<'a>(elems: &'a [Elem], to_page: Transform, out: &mut Vec<(Rect, PrintedValue<'a>)>) {
    out.extend(
        printed_values(elems)
            .into_iter()
            .map(|v| (to_page.bounds(v.rect), v)),
    );
    for e in elems {
        if let Elem::Group {
            transform, elems, ..
        } = e
        {
            values_in(elems, to_page.then(*transform), out);
        }
    }
}

/// Whether `inner` lies inside `outer`, give or take the tolerance.
fn inside(inner: &Rect, outer: &Rect) -> bool {
    inner.x >= outer.x - TOLERANCE
        && inner.y >= outer.y - TOLERANCE
        && inner.right() <= outer.right() + TOLERANCE
        && inner.bottom() <= outer.bottom() + TOLERANCE
}
