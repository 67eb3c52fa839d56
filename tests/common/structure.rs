//! The structure tree of a tagged PDF, read back with hayro: what a screen reader
//! follows. Each element keeps its role, the attributes tests ask about and its content
//! in tree order, with the text of that content taken from the glyphs its marked-content
//! ids point at (see [`super::pdf::PlacedGlyph::mcid`]).

use std::collections::HashMap;

use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::object::String as PdfString;
use hayro::hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier};

use super::pdf;

/// One structure element.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// `/S`: `H1`, `P`, `L`, `TH`, `Figure`...
    pub role: String,
    pub alt: Option<String>,
    /// `/T`, which a heading carries.
    pub title: Option<String>,
    pub lang: Option<String>,
    /// `/Scope` from its table attributes: `Column`, `Row`.
    pub scope: Option<String>,
    /// `/BBox` from its layout attributes, in PDF points (y up): x0, y0, x1, y1.
    pub bbox: Option<[f32; 4]>,
    /// What it holds, in tree order.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub enum Item {
    /// Marked content: its page, and the text and first glyph origin (y down) of it.
    Content {
        page: usize,
        text: String,
        at: Option<(f64, f64)>,
    },
    Element(Element),
    /// An annotation (a link's).
    Annotation,
}

impl Element {
    pub fn kids(&self) -> impl Iterator<Item = &Element> {
        self.items.iter().filter_map(|i| match i {
            Item::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Itself and every element under it, depth first: the order a screen reader reads.
    pub fn walk(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for kid in self.kids() {
            out.extend(kid.walk());
        }
        out
    }

    /// The elements of `role` under it (itself included), in reading order.
    pub fn all(&self, role: &str) -> Vec<&Element> {
        self.walk().into_iter().filter(|e| e.role == role).collect()
    }

    /// The text of all its content, its elements' included, in tree order.
    pub fn text(&self) -> String {
        self.items
            .iter()
            .map(|i| match i {
                Item::Content { text, .. } => text.clone(),
                Item::Element(e) => e.text(),
                Item::Annotation => String::new(),
            })
            .collect()
    }

    /// Where its first content is drawn: page, then the first glyph's origin (y down).
    pub fn first_at(&self) -> Option<(usize, (f64, f64))> {
        self.items.iter().find_map(|i| match i {
            Item::Content { page, at, .. } => at.map(|a| (*page, a)),
            Item::Element(e) => e.first_at(),
            Item::Annotation => None,
        })
    }
}

/// The document's structure tree: its root element's children under one element of
/// role `Root`.
/// Each marked-content run's text and where it starts, by page and MCID.
type Glyphs = HashMap<(usize, i32), (String, Option<(f64, f64)>)>;

pub fn structure(bytes: &[u8]) -> Element {
    let doc = Pdf::new(bytes.to_vec()).unwrap_or_else(|e| panic!("not a readable PDF: {e:?}"));
    let glyphs = pdf::page_glyphs(bytes);
    let mut content: Glyphs = HashMap::new();
    for (page, gs) in glyphs.iter().enumerate() {
        for g in gs {
            if let Some(mcid) = g.mcid {
                let entry = content
                    .entry((page, mcid))
                    .or_insert((String::new(), Some(g.origin)));
                entry.0.push_str(&g.text);
            }
        }
    }
    let pages: Vec<ObjectIdentifier> = doc
        .pages()
        .iter()
        .map(|p| p.raw().obj_id().expect("a page is an indirect object"))
        .collect();
    let catalog: Dict = doc
        .xref()
        .get(doc.xref().root_id())
        .expect("the PDF has a catalog");
    let root: Dict = catalog
        .get(b"StructTreeRoot")
        .expect("the PDF is tagged: it has a structure tree");
    let reader = Reader {
        pages: &pages,
        content: &content,
    };
    let mut top = Element {
        role: "Root".into(),
        ..Element::default()
    };
    reader.kids(&root, None, &mut top.items);
    top
}

/// The catalog's `/ViewerPreferences /DisplayDocTitle` and the XMP metadata's text, for
/// the title and PDF/UA claims.
pub fn display_doc_title(bytes: &[u8]) -> Option<bool> {
    let doc = Pdf::new(bytes.to_vec()).ok()?;
    let catalog: Dict = doc.xref().get(doc.xref().root_id())?;
    let prefs: Dict = catalog.get(b"ViewerPreferences")?;
    prefs.get::<bool>(b"DisplayDocTitle")
}

/// The titles of the outline's top entries and of their children, as viewers list them.
pub fn outline(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let Ok(doc) = Pdf::new(bytes.to_vec()) else {
        return Vec::new();
    };
    let Some(catalog) = doc.xref().get::<Dict>(doc.xref().root_id()) else {
        return Vec::new();
    };
    let title = |d: &Dict| {
        d.get::<PdfString>(b"Title")
            .map(|s| pdf::text_string(s.as_bytes()))
            .unwrap_or_default()
    };
    let first = catalog
        .get::<Dict>(b"Outlines")
        .and_then(|o| o.get::<Dict>(b"First"));
    siblings(first)
        .iter()
        .map(|top| {
            let kids = siblings(top.get::<Dict>(b"First"));
            (title(top), kids.iter().map(title).collect())
        })
        .collect()
}

/// An outline entry and the ones after it (`/Next`).
fn siblings<'a>(first: Option<Dict<'a>>) -> Vec<Dict<'a>> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(d) = next {
        next = d.get::<Dict>(b"Next");
        out.push(d);
    }
    out
}

struct Reader<'r> {
    pages: &'r [ObjectIdentifier],
    content: &'r Glyphs,
}

impl Reader<'_> {
    fn page_of(&self, dict: &Dict) -> Option<usize> {
        let pg = dict.get_ref(b"Pg")?;
        let id: ObjectIdentifier = pg.into();
        self.pages.iter().position(|p| *p == id)
    }

    fn content(&self, page: Option<usize>, mcid: i32) -> Item {
        let page = page.unwrap_or(0);
        let (text, at) = self.content.get(&(page, mcid)).cloned().unwrap_or_default();
        Item::Content { page, text, at }
    }

    /// The children of `dict`'s `/K`, onto `out`.
    fn kids(&self, dict: &Dict, page: Option<usize>, out: &mut Vec<Item>) {
        let page = self.page_of(dict).or(page);
        match dict.get::<Object>(b"K") {
            Some(Object::Array(array)) => self.array(&array, page, out),
            Some(kid) => self.kid(kid, page, out),
            None => {}
        }
    }

    fn array(&self, array: &Array, page: Option<usize>, out: &mut Vec<Item>) {
        for kid in array.iter::<Object>() {
            self.kid(kid, page, out);
        }
    }

    fn kid(&self, kid: Object, page: Option<usize>, out: &mut Vec<Item>) {
        match kid {
            Object::Number(n) => out.push(self.content(page, n.as_i64() as i32)),
            Object::Dict(d) => match d.get::<Name>(b"Type").as_ref().map(|n| n.as_str()) {
                Some("MCR") => {
                    let page = self.page_of(&d).or(page);
                    if let Some(mcid) = d.get::<i32>(b"MCID") {
                        out.push(self.content(page, mcid));
                    }
                }
                Some("OBJR") => out.push(Item::Annotation),
                _ => out.push(Item::Element(self.element(&d, page))),
            },
            _ => {}
        }
    }

    fn element(&self, dict: &Dict, page: Option<usize>) -> Element {
        let string = |key: &[u8]| {
            dict.get::<PdfString>(key)
                .map(|s| pdf::text_string(s.as_bytes()))
        };
        let mut e = Element {
            role: dict
                .get::<Name>(b"S")
                .map(|n| n.as_str().to_string())
                .unwrap_or_default(),
            alt: string(b"Alt"),
            title: string(b"T"),
            lang: string(b"Lang"),
            ..Element::default()
        };
        let attributes: Vec<Dict> = match dict.get::<Object>(b"A") {
            Some(Object::Array(a)) => a.iter::<Dict>().collect(),
            Some(Object::Dict(d)) => vec![d],
            _ => Vec::new(),
        };
        for a in attributes {
            if let Some(scope) = a.get::<Name>(b"Scope") {
                e.scope = Some(scope.as_str().to_string());
            }
            if let Some(bbox) = a.get::<[f32; 4]>(b"BBox") {
                e.bbox = Some(bbox);
            }
        }
        self.kids(dict, page, &mut e.items);
        e
    }
}
