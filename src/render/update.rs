//! An incremental update of a PDF krilla has written: new objects, and new versions of
//! old ones, appended after its `%%EOF` with their own cross-reference section and a
//! trailer pointing back at the first (`/Prev`), as ISO 32000-1 7.5.6 describes. What
//! krilla cannot write (an output intent of our choosing, an overprinting graphics state)
//! is added this way without touching a byte it wrote, so the content, the structure tree
//! and the validators' findings stay exactly krilla's.
//!
//! It reads only what krilla writes: one classic cross-reference table (`xref`, one
//! subsection from object 0) and a trailer dictionary with `/Size` and `/Root`.

/// What the file's last trailer says.
#[derive(Debug, PartialEq)]
pub struct Trailer {
    /// The trailer dictionary as written, `<<` to `>>`.
    pub dict: String,
    /// One more than the highest object number.
    pub size: u32,
    /// The catalog's object number.
    pub root: u32,
    /// Where the cross-reference table starts (the update's `/Prev`).
    pub startxref: usize,
}

/// The last trailer of `pdf`, or why it cannot be read.
pub fn trailer(pdf: &[u8]) -> Result<Trailer, String> {
    let at = rfind(pdf, b"startxref").ok_or("no startxref")?;
    let startxref = number(&pdf[at + b"startxref".len()..]).ok_or("no offset after startxref")?;
    let start = rfind(&pdf[..at], b"trailer").ok_or("no trailer")?;
    let dict = String::from_utf8_lossy(&pdf[start + b"trailer".len()..at])
        .trim()
        .to_string();
    if !dict.starts_with("<<") || !dict.ends_with(">>") {
        return Err(format!("a trailer that is no dictionary: {dict}"));
    }
    let size = key_number(&dict, "/Size").ok_or("no /Size in the trailer")?;
    let root = key_number(&dict, "/Root").ok_or("no /Root in the trailer")?;
    Ok(Trailer {
        dict,
        size: u32::try_from(size).map_err(|_| "a /Size past 2^32")?,
        root: u32::try_from(root).map_err(|_| "a /Root past 2^32")?,
        startxref,
    })
}

/// Where each object starts, by number, from the cross-reference table at `startxref`
/// (`None` for a free entry).
pub fn offsets(pdf: &[u8], startxref: usize) -> Result<Vec<Option<usize>>, String> {
    let table = pdf.get(startxref..).ok_or("startxref past the end")?;
    let mut lines = table.split(|b| *b == b'\n');
    if lines.next().map(trim) != Some(&b"xref"[..]) {
        return Err("no classic xref table at startxref".into());
    }
    let head = String::from_utf8_lossy(lines.next().ok_or("an empty xref table")?).to_string();
    let mut head = head.split_whitespace().map(str::parse::<usize>);
    let (Some(Ok(0)), Some(Ok(count))) = (head.next(), head.next()) else {
        return Err("an xref table that does not start at object 0".into());
    };
    (0..count)
        .map(|_| {
            let entry = String::from_utf8_lossy(trim(lines.next().ok_or("a short xref table")?))
                .to_string();
            let mut parts = entry.split_whitespace();
            let offset = parts.next().and_then(|o| o.parse::<usize>().ok());
            match (offset, parts.nth(1)) {
                (Some(o), Some("n")) => Ok(Some(o)),
                (Some(_), Some("f")) => Ok(None),
                _ => Err(format!("an xref entry that cannot be read: {entry}")),
            }
        })
        .collect()
}

/// The body of object `id` (between `id 0 obj` and `endobj`), if it is no stream: the
/// dictionaries an update rewrites are never streams.
pub fn object<'a>(pdf: &'a [u8], offsets: &[Option<usize>], id: u32) -> Option<&'a [u8]> {
    let at = (*offsets.get(id as usize)?)?;
    let rest = pdf.get(at..)?;
    let head = format!("{id} 0 obj");
    if !rest.starts_with(head.as_bytes()) {
        return None;
    }
    let rest = &rest[head.len()..];
    let end = find(rest, b"endobj")?;
    let body = trim(&rest[..end]);
    (!contains(body, b"stream")).then_some(body)
}

/// A dictionary `<<...>>` with `entries` added before its closing `>>`.
pub fn with_entries(dict: &[u8], entries: &str) -> Option<Vec<u8>> {
    let dict = trim(dict);
    let open = dict.strip_suffix(b">>")?;
    dict.starts_with(b"<<")
        .then(|| [open, entries.as_bytes(), b">>"].concat())
}

/// One object of an update: its number and its body as written (a dictionary, or a
/// dictionary and its stream).
pub struct Object {
    pub id: u32,
    pub body: Vec<u8>,
}

/// `pdf` with `objects` appended as an incremental update over `trailer`: each object,
/// then a cross-reference section listing them in runs of consecutive numbers, then a
/// trailer with the old entries, `/Size` past the highest number and `/Prev`.
pub fn append(mut pdf: Vec<u8>, trailer: &Trailer, mut objects: Vec<Object>) -> Vec<u8> {
    objects.sort_by_key(|o| o.id);
    if pdf.last() != Some(&b'\n') {
        pdf.push(b'\n');
    }
    let mut at = Vec::with_capacity(objects.len());
    for o in &objects {
        at.push((o.id, pdf.len()));
        pdf.extend_from_slice(format!("{} 0 obj\n", o.id).as_bytes());
        pdf.extend_from_slice(&o.body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n");
    for run in runs(&at) {
        pdf.extend_from_slice(format!("{} {}\n", run[0].0, run.len()).as_bytes());
        for (_, offset) in run {
            // Each entry 20 bytes, end of line included.
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
    }
    let size = objects.last().map_or(0, |o| o.id + 1).max(trailer.size);
    let dict = set_size(&trailer.dict, size);
    let dict = with_entries(dict.as_bytes(), &format!("/Prev {}", trailer.startxref))
        .unwrap_or_else(|| dict.into_bytes());
    pdf.extend_from_slice(b"trailer\n");
    pdf.extend_from_slice(&dict);
    pdf.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    pdf
}

/// Consecutive object numbers grouped: one xref subsection each.
fn runs(at: &[(u32, usize)]) -> Vec<&[(u32, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=at.len() {
        if i == at.len() || at[i].0 != at[i - 1].0 + 1 {
            out.push(&at[start..i]);
            start = i;
        }
    }
    out
}

/// The trailer dictionary with its `/Size` set to `size`, `/Prev` dropped (the new one
/// is added), everything else as it was.
fn set_size(dict: &str, size: u32) -> String {
    let mut out = dict.to_string();
    for key in ["/Size", "/Prev"] {
        if let Some(i) = key_at(&out, key) {
            let value_end = out[i + key.len()..]
                .char_indices()
                .skip_while(|(_, c)| c.is_whitespace())
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(out.len(), |(j, _)| i + key.len() + j);
            out.replace_range(i..value_end, "");
        }
    }
    match out.strip_prefix("<<") {
        Some(rest) => format!("<</Size {size}{rest}"),
        None => out,
    }
}

/// Where `key` stands as a whole name in `dict` (`/Size`, not `/SizeX`).
fn key_at(dict: &str, key: &str) -> Option<usize> {
    dict.match_indices(key)
        .find(|(i, _)| {
            dict[i + key.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
        .map(|(i, _)| i)
}

/// The first number after `key` in `dict` (`/Root 82 0 R` gives 82).
fn key_number(dict: &str, key: &str) -> Option<usize> {
    let i = key_at(dict, key)?;
    number(dict[i + key.len()..].as_bytes())
}

/// The unsigned number at the start of `bytes`, after any white space.
fn number(bytes: &[u8]) -> Option<usize> {
    let s = String::from_utf8_lossy(bytes);
    let digits: String = s
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &bytes[start..end]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A three-object file as krilla lays one out.
    fn tiny() -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut at = Vec::new();
        for (id, body) in [
            (1, "<</Type/Pages/Kids[]/Count 0>>"),
            (2, "<</Type/ExtGState/CA 0.5>>"),
            (3, "<</Type/Catalog/Pages 1 0 R/Lang(en)>>"),
        ] {
            at.push(pdf.len());
            pdf.extend_from_slice(format!("{id} 0 obj\n{body}\nendobj\n").as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 4\n0000000000 65535 f\r\n");
        for a in at {
            pdf.extend_from_slice(format!("{a:010} 00000 n\r\n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<</Size 4/Root 3 0 R/ID[(a)(a)]>>\nstartxref\n{xref}\n%%EOF")
                .as_bytes(),
        );
        pdf
    }

    #[test]
    fn an_update_keeps_every_byte_and_points_back() {
        let pdf = tiny();
        let t = trailer(&pdf).expect("a trailer");
        assert_eq!((t.size, t.root), (4, 3));
        let offsets = offsets(&pdf, t.startxref).expect("an xref table");
        let catalog = object(&pdf, &offsets, 3).expect("the catalog");
        let new_catalog = with_entries(catalog, "/OutputIntents[4 0 R]").expect("a dict");
        let out = append(
            pdf.clone(),
            &t,
            vec![
                Object {
                    id: 4,
                    body: b"<</Type/OutputIntent>>".to_vec(),
                },
                Object {
                    id: 3,
                    body: new_catalog,
                },
            ],
        );
        assert!(out.starts_with(&pdf), "the first version is kept whole");
        let t2 = trailer(&out).expect("the update's trailer");
        assert_eq!((t2.size, t2.root), (5, 3));
        assert!(
            t2.dict.contains(&format!("/Prev {}", t.startxref)) && t2.dict.contains("/ID[(a)(a)]"),
            "{}",
            t2.dict
        );
        // The update's section: 3 and 4 in one run, each entry at its object.
        let tail = String::from_utf8_lossy(&out[t2.startxref..]);
        assert!(tail.starts_with("xref\n3 2\n"), "{tail}");
        for (line, id) in tail.lines().skip(2).take(2).zip([3, 4]) {
            let at: usize = line[..10].parse().expect("an offset");
            assert!(
                out[at..].starts_with(format!("{id} 0 obj\n").as_bytes()),
                "{line}"
            );
        }
        let rewritten = String::from_utf8_lossy(&out);
        assert!(rewritten.contains("<</Type/Catalog/Pages 1 0 R/Lang(en)/OutputIntents[4 0 R]>>"));
    }

    #[test]
    fn runs_split_where_numbers_jump() {
        let at = [(2, 0), (3, 0), (7, 0)];
        let r = runs(&at);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0][0].0, r[0].len(), r[1][0].0), (2, 2, 7));
    }

    #[test]
    fn the_size_is_replaced_not_added_and_an_old_prev_dropped() {
        assert_eq!(
            set_size("<</Size 83/Root 82 0 R/Prev 10>>", 86),
            "<</Size 86/Root 82 0 R>>"
        );
    }

    #[test]
    fn a_stream_or_a_missing_object_is_not_a_dictionary_to_rewrite() {
        let pdf = b"1 0 obj\n<</Length 1>>\nstream\nx\nendstream\nendobj\n".to_vec();
        assert_eq!(object(&pdf, &[Some(0)], 1), None);
        assert_eq!(object(&pdf, &[Some(0)], 2), None);
        assert_eq!(object(&pdf, &[None, Some(0)], 1), None);
    }
}
