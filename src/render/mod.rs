//! Draw stage: a [`LaidDocument`] to PDF bytes with krilla. It reads nothing else (no
//! composed document, no content), so another backend (a PNG preview) can sit beside it.
//! Fonts are embedded as subsets with ToUnicode maps (so text can be copied and
//! searched), QR codes are vector rectangles, and nothing depends on the clock unless
//! `SOURCE_DATE_EPOCH` asks for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use krilla::Document as PdfDocument;
use krilla::SerializeSettings;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, ValidationError};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect as PdfRect};
use krilla::metadata::{DateTime, Metadata, TextDirection};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::error::Error;
use crate::layout::{
    Container, ContainerKind, Elem, GlyphRun, HeaderScope, ImageFormat, LaidDocument, Meta,
};
use crate::types::{Cmyk, Direction, Rect, Rgb, Role, Transform, without_isolates};
pub use crate::types::{ColorMode, PrintCondition, Standard};

mod intent;
mod text;
mod update;

/// Fonts converted for the PDF writer, kept for the whole process so each font file is
/// parsed once however many documents are written, by however many threads.
#[derive(Default)]
pub struct PdfFonts {
    /// Locked only to look up or add one font, never while a page is drawn.
    by_blob: Mutex<HashMap<(u64, u32), Font>>,
}

/// The writer's font for `data`, converted once.
fn pdf_font(fonts: &PdfFonts, data: &parley::FontData) -> Option<Font> {
    let key = (data.data.id(), data.index);
    // The map is whole after any panic: an insert is its only write.
    let mut cache = fonts.by_blob.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = cache.get(&key) {
        return Some(f.clone());
    }
    let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.data.clone());
    let font = Font::new(bytes.into(), data.index)?;
    cache.insert(key, font.clone());
    Some(font)
}

/// How to write the PDF: what the document itself does not say.
pub struct PdfOptions<'a> {
    /// `SOURCE_DATE_EPOCH`: the creation date written, in seconds since 1970; none is
    /// written without it, so the same content gives the same bytes (PDF/A, which needs a
    /// date, takes the clock's).
    pub epoch: Option<i64>,
    /// Fonts already converted for the writer (kept across documents).
    pub fonts: &'a PdfFonts,
    /// The colour model and the standards the file is written under.
    pub output: Output,
    /// What each colour prints as in CMYK (the theme's table): used under
    /// [`ColorMode::Cmyk`] only.
    pub cmyk: fn(Rgb) -> Cmyk,
}

/// The colour model and the standards of every PDF of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub color: ColorMode,
    /// Never empty; PDF/UA-1 alone unless asked otherwise.
    pub standards: Vec<Standard>,
    /// The printing condition a CMYK file's output intent names (unused in RGB).
    pub intent: PrintCondition,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            color: ColorMode::Rgb,
            standards: vec![Standard::Ua1],
            intent: PrintCondition::default(),
        }
    }
}

impl Output {
    fn wants(&self, standard: Standard) -> bool {
        self.standards.contains(&standard)
    }

    /// The standards in words, for a refusal: `PDF/A-2b (archival PDF) and PDF/UA-1 ...`.
    fn titles(&self) -> String {
        Standard::ALL
            .into_iter()
            .filter(|s| self.wants(*s))
            .map(Standard::title)
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

/// How colours are written: a theme colour to krilla's, in RGB or (with the theme's
/// table) CMYK.
#[derive(Clone, Copy)]
struct Inks {
    cmyk: Option<fn(Rgb) -> Cmyk>,
}

impl Inks {
    fn of(options: &PdfOptions) -> Inks {
        Inks {
            cmyk: (options.output.color == ColorMode::Cmyk).then_some(options.cmyk),
        }
    }

    fn regular(self, c: Rgb) -> krilla::color::RegularColor {
        match self.cmyk {
            Some(convert) => {
                let Cmyk(cy, m, y, k) = convert(c);
                let byte = |p: u8| (u16::from(p.min(100)) * 255 / 100) as u8;
                krilla::color::cmyk::Color::new(byte(cy), byte(m), byte(y), byte(k)).into()
            }
            None => rgb::Color::new(c.0, c.1, c.2).into(),
        }
    }

    fn color(self, c: Rgb) -> krilla::color::Color {
        self.regular(c).into()
    }
}

/// A laid-out document as PDF bytes, tagged for screen readers and checked against
/// PDF/UA-1 by krilla's validator: a document it refuses is an error naming it.
pub fn pdf(laid: &LaidDocument, options: &PdfOptions) -> Result<Vec<u8>, Error> {
    let of = &laid.meta.of;
    let fail = |message: String| Error::Pdf {
        locale: laid.meta.locale.clone(),
        kind: of.kind,
        paper: of.paper,
        pair: of.pair.clone(),
        message,
    };
    let inks = Inks::of(options);
    let mut pdf = PdfDocument::new_with(settings(&options.output).map_err(fail)?);
    let mut tree = TagTree::new().with_lang(Some(laid.meta.language().to_string()));
    let mut headings = Vec::new();
    // One for the whole document: a list, a table or a paragraph a page break cuts
    // through is one element, its content on two pages.
    let mut structure = Structure::default();
    let mut annotations: Vec<Vec<Identifier>> = Vec::with_capacity(laid.pages.len());
    let mut spot_lines = false;
    for (index, page) in laid.pages.iter().enumerate() {
        // The trim's top-left on the sheet: past the slug (notes to the print shop,
        // cut away) and the bleed.
        let b = page.bleed + page.slug;
        let (w, h) = (page.size.w + 2.0 * b, page.size.h + 2.0 * b);
        let mut settings =
            PageSettings::from_wh(w, h).ok_or_else(|| fail("empty page size".into()))?;
        if b > 0.0 {
            let trim = PdfRect::from_xywh(b, b, page.size.w, page.size.h);
            let bleed = PdfRect::from_xywh(
                page.slug,
                page.slug,
                page.size.w + 2.0 * page.bleed,
                page.size.h + 2.0 * page.bleed,
            );
            settings = settings.with_trim_box(trim).with_bleed_box(bleed);
        }
        let mut pdf_page = pdf.start_page_with(settings);
        structure.new_page(index);
        let links = {
            let mut painter = Painter {
                surface: pdf_page.surface(),
                page: index,
                structure: &mut structure,
                links: Vec::new(),
                headings: &mut headings,
                fonts: options.fonts,
                meta: &laid.meta,
                inks,
                spot_lines: &mut spot_lines,
            };
            painter
                .draw(&page.elems, b, Transform::translate(b, b))
                .map_err(fail)?;
            if page.marks {
                crop_marks(&mut painter.surface, page);
            }
            let Painter { surface, links, .. } = painter;
            surface.finish();
            links
        };
        let on_page: Vec<Identifier> = links
            .into_iter()
            .map(|(rect, uri)| {
                let link =
                    LinkAnnotation::new(rect, Target::Action(LinkAction::new(uri.clone()).into()));
                pdf_page.add_tagged_annotation(Annotation::new_link(link, Some(uri)))
            })
            .collect();
        annotations.push(on_page);
        pdf_page.finish();
    }
    structure.finish(&mut tree, annotations);
    pdf.set_tag_tree(tree);
    pdf.set_outline(outline(&headings));
    // PDF/A records when the file was made (its XMP history): the clock's time, where no
    // SOURCE_DATE_EPOCH fixes one.
    let epoch = match options.epoch {
        None if options.output.wants(Standard::A2b) => Some(now()),
        given => given,
    };
    pdf.set_metadata(metadata(&laid.meta, epoch));
    let written = pdf
        .finish()
        .map_err(|e| fail(refusal(e, &options.output)))?;
    let additions = intent::Additions {
        intent: (options.output.color == ColorMode::Cmyk).then_some(options.output.intent),
        overprint: spot_lines,
    };
    intent::add(written, additions).map_err(|e| fail(format!("the print additions: {e}")))
}

/// Crop marks at the trim's four corners, each two hairlines on the trim's lines beyond
/// the bleed: K-only (DeviceGray black), so every separation of a press job carries them
/// in one ink, and artifacts a screen reader skips.
fn crop_marks(surface: &mut Surface, page: &crate::layout::LaidPage) {
    use crate::layout::{MARK_LENGTH, MARK_OFFSET, MARK_WIDTH};
    let o = page.bleed + page.slug;
    let (w, h) = (page.size.w, page.size.h);
    let near = page.bleed + MARK_OFFSET;
    let far = near + MARK_LENGTH;
    let mut pb = PathBuilder::new();
    for (x, out_x) in [(0.0, -1.0), (w, 1.0)] {
        for (y, out_y) in [(0.0, -1.0), (h, 1.0)] {
            // Along the trim's horizontal line, then its vertical one.
            pb.move_to(o + x + out_x * near, o + y);
            pb.line_to(o + x + out_x * far, o + y);
            pb.move_to(o + x, o + y + out_y * near);
            pb.line_to(o + x, o + y + out_y * far);
        }
    }
    let Some(path) = pb.finish() else {
        return;
    };
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Page,
        None,
    )));
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: krilla::color::luma::Color::black().into(),
        width: MARK_WIDTH,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
    surface.end_tagged();
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The standards `output` names, each with krilla's validator on: under PDF/UA-1 krilla
/// tags, writes the `pdfuaid` claim and DisplayDocTitle; under PDF/A-2b the `pdfaid`
/// claim, XMP metadata and an sRGB output intent, with device colours made ICC-based. Each
/// refuses a document that breaks a rule it can check (a figure without words, a glyph
/// without a character, a CMYK colour with no profile). Tagged in every case: a screen
/// reader reads an archival PDF too.
fn settings(output: &Output) -> Result<SerializeSettings, String> {
    let mut builder = ConfigurationBuilder::new();
    if output.wants(Standard::A2b) {
        builder = builder.with_archival_validator(Archival::A2_B);
    }
    if output.wants(Standard::Ua1) {
        builder = builder.with_accessibility_validator(Accessibility::UA1);
    }
    let configuration = builder
        .finish()
        .map_err(|e| format!("no PDF version suits {}: {e:?}", output.titles()))?;
    Ok(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    })
}

/// What the writer refused, in words: the standards' own findings one by one.
fn refusal(e: KrillaError, output: &Output) -> String {
    match e {
        KrillaError::Validation(found) => {
            let said: Vec<String> = found.iter().map(|(v, _)| finding(v)).collect();
            format!("it breaks {}: {}", output.titles(), said.join("; "))
        }
        e => format!("{e:?}"),
    }
}

/// One finding, with what to do where the cause is an option rather than the content.
fn finding(v: &ValidationError) -> String {
    match v {
        ValidationError::MissingCMYKProfile => "MissingCMYKProfile (PDF/A needs CMYK \
            colours tied to its one output intent, and krilla writes PDF/A's intent in sRGB \
            only: build PDF/A with --color rgb, or CMYK without --pdf-standard a-2b)"
            .to_string(),
        v => format!("{v:?}"),
    }
}

/// The outline viewers show beside the page (PDF/UA-1 asks for one): each heading,
/// sections under the title line before them.
fn outline(headings: &[Heading]) -> Outline {
    let mut outline = Outline::new();
    let mut open: Option<OutlineNode> = None;
    for h in headings {
        let node = OutlineNode::new(
            h.title.clone(),
            XyzDestination::new(h.page, Point::from_xy(h.at.x, h.at.y)),
        );
        match (&mut open, h.level) {
            (Some(top), level) if level > 1 => top.push_child(node),
            _ => {
                if let Some(top) = open.replace(node) {
                    outline.push_child(top);
                }
            }
        }
    }
    if let Some(top) = open {
        outline.push_child(top);
    }
    outline
}

/// A heading as the outline lists it.
struct Heading {
    level: u8,
    title: String,
    page: usize,
    at: crate::types::Point,
}

/// A structure element being built: made into krilla's once every page, and so every
/// link annotation its children name, exists.
struct Node {
    tag: TagKind,
    children: Vec<Child>,
}

enum Child {
    /// An element, by its place in [`Structure::nodes`].
    Node(usize),
    /// Marked content, with the page and the box a run of text covers on it (for the
    /// link over it).
    Content(Identifier, Option<(usize, Rect)>),
    /// A page's n-th link annotation: (page, n).
    Link(usize, usize),
}

impl Node {
    fn new(tag: impl Into<TagKind>) -> Node {
        Node {
            tag: tag.into(),
            children: Vec::new(),
        }
    }
}

/// The document's structure, in reading order: its elements (each one placed in its
/// parent when made), the ones still open (outermost first) and the paragraph whose
/// lines are being drawn, with the text they share. It outlives a page: content a page
/// break sends on (the rest of a list, a table's next rows, a paragraph's next lines)
/// joins the element it began in, so a screen reader hears one list, not two.
#[derive(Default)]
struct Structure {
    nodes: Vec<Node>,
    top: Vec<Child>,
    open: Vec<(Container, usize)>,
    /// Every element made for a layout container, by its id: a container left for a
    /// neighbour (the other column) takes its content again after a page break.
    made: HashMap<u64, usize>,
    paragraph: Option<(Arc<str>, usize)>,
    /// Paragraphs ended on this page or the one before, outside any group, and the page:
    /// a column's paragraph cut by the page's foot goes on under the next page's head.
    ended: Vec<(Arc<str>, usize, usize)>,
    page: usize,
    /// How many groups deep the drawing is: a group's paragraphs are its own (a card on
    /// an imposed sheet, each copy a card of its own).
    depth: usize,
}

impl Structure {
    fn new_page(&mut self, page: usize) {
        self.page = page;
        self.ended.retain(|(_, _, p)| p + 1 >= page);
    }

    fn add(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn push(&mut self, child: Child) {
        match self.open.last() {
            Some(&(_, n)) => {
                if let Some(node) = self.nodes.get_mut(n) {
                    node.children.push(child);
                }
            }
            None => self.top.push(child),
        }
    }

    /// A new element where the drawing is.
    fn push_node(&mut self, node: Node) -> usize {
        let n = self.add(node);
        self.push(Child::Node(n));
        n
    }

    fn end_paragraph(&mut self) {
        if let Some((text, n)) = self.paragraph.take()
            && self.depth == 0
        {
            self.ended.push((text, n, self.page));
        }
    }

    /// The paragraph a page break cut `text` from, when the page before ended it.
    fn broken(&self, text: &Arc<str>) -> Option<usize> {
        if self.depth > 0 {
            return None;
        }
        self.ended
            .iter()
            .rev()
            .find(|(t, _, p)| Arc::ptr_eq(t, text) && p + 1 == self.page)
            .map(|(_, n, _)| *n)
    }

    /// Closes the open elements `path` does not share and opens the ones it adds (the
    /// ones made before taking content again), so what comes next lands inside `path`.
    fn enter(&mut self, path: &[Container]) {
        let shared = self
            .open
            .iter()
            .zip(path)
            .take_while(|((open, _), new)| open.id == new.id)
            .count();
        if shared < self.open.len() {
            self.end_paragraph();
        }
        self.open.truncate(shared);
        for c in &path[shared..] {
            let n = match self.made.get(&c.id) {
                Some(&n) => n,
                None => {
                    let n = self.push_node(Node::new(container_tag(c.kind)));
                    self.made.insert(c.id, n);
                    n
                }
            };
            self.open.push((*c, n));
        }
    }

    /// Whether text goes straight into the innermost open element (a list's label or
    /// body, a table cell) rather than into a paragraph of its own.
    fn holds_text(&self) -> bool {
        self.open.last().is_some_and(|(c, _)| {
            matches!(
                c.kind,
                ContainerKind::Label
                    | ContainerKind::ListBody
                    | ContainerKind::Header(_)
                    | ContainerKind::Cell
            )
        })
    }

    /// Puts a link into paragraph `p`: a Link element holding the annotation and the
    /// runs on its page it lies over (the printed number), where the first of them was,
    /// so a screen reader reads the number as the link; over no run, it goes at the end.
    fn wrap_link(&mut self, p: usize, annotation: Child, page: usize, over: Rect) {
        let covered = |c: &Child| matches!(c, Child::Content(_, Some((on, r))) if *on == page && overlaps(*r, over));
        let Some(paragraph) = self.nodes.get_mut(p) else {
            return;
        };
        let children = std::mem::take(&mut paragraph.children);
        let at = children.iter().position(covered);
        let mut link = Node::new(Tag::Link);
        link.children.push(annotation);
        let mut kept = Vec::with_capacity(children.len());
        for child in children {
            if covered(&child) {
                link.children.push(child);
            } else {
                kept.push(child);
            }
        }
        let at = at.unwrap_or(kept.len()).min(kept.len());
        let l = self.add(link);
        kept.insert(at, Child::Node(l));
        if let Some(paragraph) = self.nodes.get_mut(p) {
            paragraph.children = kept;
        }
    }

    /// Into krilla's tree, each link annotation (`annotations[page][n]`) in its place.
    fn finish(mut self, tree: &mut TagTree, annotations: Vec<Vec<Identifier>>) {
        self.enter(&[]);
        self.end_paragraph();
        let mut annotations: Vec<Vec<Option<Identifier>>> = annotations
            .into_iter()
            .map(|page| page.into_iter().map(Some).collect())
            .collect();
        let mut nodes: Vec<Option<Node>> = self.nodes.into_iter().map(Some).collect();
        for child in self.top {
            match child {
                Child::Node(n) => {
                    if let Some(group) = group(n, &mut nodes, &mut annotations) {
                        tree.push(group);
                    }
                }
                Child::Content(id, _) => tree.push(id),
                Child::Link(page, i) => {
                    if let Some(id) = take_annotation(&mut annotations, page, i) {
                        tree.push(id);
                    }
                }
            }
        }
    }
}

/// Element `n` as krilla's, with its children; each element is placed once.
fn group(
    n: usize,
    nodes: &mut [Option<Node>],
    annotations: &mut [Vec<Option<Identifier>>],
) -> Option<TagGroup> {
    let node = nodes.get_mut(n)?.take()?;
    let mut group = TagGroup::new(node.tag);
    for child in node.children {
        match child {
            Child::Node(k) => {
                if let Some(kid) = self::group(k, nodes, annotations) {
                    group.push(kid);
                }
            }
            Child::Content(id, _) => group.push(id),
            Child::Link(page, i) => {
                if let Some(id) = take_annotation(annotations, page, i) {
                    group.push(id);
                }
            }
        }
    }
    Some(group)
}

fn take_annotation(
    annotations: &mut [Vec<Option<Identifier>>],
    page: usize,
    i: usize,
) -> Option<Identifier> {
    annotations.get_mut(page)?.get_mut(i)?.take()
}

/// The hotline panel is a `Sect`: PDF/UA-1 is PDF 1.7, whose tag set has no `Aside`,
/// and a section (a group of related content a reader can move past whole) is what the
/// panel is; `Div` would say nothing.
fn container_tag(kind: ContainerKind) -> TagKind {
    match kind {
        ContainerKind::List => Tag::L(ListNumbering::Disc).into(),
        ContainerKind::ListItem => Tag::LI.into(),
        ContainerKind::Label => Tag::Lbl.into(),
        ContainerKind::ListBody => Tag::LBody.into(),
        ContainerKind::Table => Tag::Table.into(),
        ContainerKind::Row => Tag::TR.into(),
        ContainerKind::Header(HeaderScope::Column) => Tag::TH(TableHeaderScope::Column).into(),
        ContainerKind::Header(HeaderScope::Row) => Tag::TH(TableHeaderScope::Row).into(),
        ContainerKind::Cell => Tag::TD.into(),
        ContainerKind::Section => Tag::Section.into(),
    }
}

/// One page being drawn, and what its drawing adds to the document's structure.
struct Painter<'s, 'f> {
    surface: Surface<'s>,
    /// The page's index in the document.
    page: usize,
    structure: &'f mut Structure,
    /// Link annotations, in page coordinates: added to the page once its surface is done.
    links: Vec<(PdfRect, String)>,
    headings: &'f mut Vec<Heading>,
    fonts: &'f PdfFonts,
    meta: &'f Meta,
    inks: Inks,
    /// Set once a spot-colour line is drawn: its graphics state is made to overprint
    /// after krilla has written the file.
    spot_lines: &'f mut bool,
}

impl Painter<'_, '_> {
    /// Draws `elems`, their coordinates moved by `b` (the bleed, at the top level; zero
    /// inside a group, whose transform carries it); `to_page` maps them to the page's.
    fn draw(&mut self, elems: &[Elem], b: f32, to_page: Transform) -> Result<(), String> {
        for elem in elems {
            self.elem(elem, b, to_page)?;
        }
        Ok(())
    }

    /// Where a run's content goes in the structure: into its paragraph (a new one when
    /// the run starts one), or straight into a list's label or body or a table cell.
    fn place_run(&mut self, run: &GlyphRun, id: Identifier, to_page: Transform) {
        let s = &mut *self.structure;
        let same = matches!(&s.paragraph, Some((text, _)) if Arc::ptr_eq(text, &run.text));
        if !same {
            s.end_paragraph();
            s.enter(&run.path);
            if let Some(n) = s.broken(&run.text).filter(|_| !s.holds_text()) {
                s.paragraph = Some((run.text.clone(), n));
            } else if !s.holds_text() {
                let lang = self.meta.langs.get(run.lang).cloned();
                let tag: TagKind = match run.role {
                    Role::Heading(level) => {
                        let title = without_isolates(&run.text).trim().to_string();
                        let at = to_page.apply(crate::types::Point::new(run.x, run.y - run.size));
                        self.headings.push(Heading {
                            level,
                            title: title.clone(),
                            page: self.page,
                            at,
                        });
                        let level = std::num::NonZeroU16::new(level.max(1).into())
                            .unwrap_or(std::num::NonZeroU16::MIN);
                        Tag::Hn(level, Some(title)).with_lang(lang).into()
                    }
                    _ => Tag::P.with_lang(lang).into(),
                };
                let n = s.push_node(Node::new(tag));
                s.paragraph = Some((run.text.clone(), n));
            }
        }
        let covers = Some((self.page, to_page.bounds(run_box(run))));
        match s.paragraph.as_ref().map(|(_, n)| *n) {
            Some(n) => {
                if let Some(node) = s.nodes.get_mut(n) {
                    node.children.push(Child::Content(id, covers));
                }
            }
            None => s.push(Child::Content(id, covers)),
        }
    }

    fn elem(&mut self, elem: &Elem, b: f32, to_page: Transform) -> Result<(), String> {
        let surface = &mut self.surface;
        match elem {
            Elem::Fill {
                rect,
                color,
                radius,
            } => {
                surface.start_tagged(layout_artifact());
                fill_rect(surface, shift(rect, b), self.inks.color(*color), *radius);
                surface.end_tagged();
            }
            Elem::Qr {
                rect,
                code,
                contact,
                path,
            } => {
                let id = surface.start_tagged(ContentTag::Other);
                let r = shift(rect, b);
                let m = r.w / code.width as f32;
                // Drawn in module units, scaled once: whole-number corners are a third
                // the bytes of page coordinates and compress to a fraction of them.
                let mut pb = PathBuilder::new();
                for (x, y, len) in code.dark_runs() {
                    if let Some(rect) = PdfRect::from_xywh(x as f32, y as f32, len as f32, 1.0) {
                        pb.push_rect(rect);
                    }
                }
                if let Some(path) = pb.finish() {
                    surface.push_transform(&krilla::geom::Transform::from_row(
                        m, 0.0, 0.0, m, r.x, r.y,
                    ));
                    surface.set_fill(Some(solid(self.inks.color(Rgb::BLACK))));
                    surface.draw_path(&path);
                    surface.pop();
                }
                surface.end_tagged();
                let (alt, lang) = qr_alt(self.meta, contact, &code.payload);
                let on_page = to_page.bounds(*rect);
                let bbox = PdfRect::from_xywh(on_page.x, on_page.y, on_page.w, on_page.h)
                    .map(|r| BBox::new(self.page, r));
                let mut figure = Node::new(Tag::Figure(Some(alt)).with_bbox(bbox).with_lang(lang));
                figure.children.push(Child::Content(id, None));
                let s = &mut *self.structure;
                s.end_paragraph();
                s.enter(path);
                s.push_node(figure);
            }
            Elem::Glyphs(run) => {
                if run.role == Role::Artifact {
                    surface.start_tagged(pagination_artifact());
                    draw_run(surface, run, b, self.fonts, self.inks)
                        .ok_or_else(|| "a bundled font could not be read".to_string())?;
                    surface.end_tagged();
                    return Ok(());
                }
                let lang = self.meta.langs.get(run.lang).map(String::as_str);
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty().with_lang(lang)));
                let drawn = draw_run(surface, run, b, self.fonts, self.inks);
                surface.end_tagged();
                drawn.ok_or_else(|| "a bundled font could not be read".to_string())?;
                self.place_run(run, id, to_page);
            }
            Elem::Group {
                transform,
                clip,
                elems,
            } => {
                let inner = Transform::translate(b, b).then(*transform);
                surface.push_transform(&pdf_transform(inner));
                let clipped = clip.and_then(rect_path);
                if let Some(path) = &clipped {
                    surface.push_clip_path(path, &FillRule::NonZero);
                }
                self.structure.depth += 1;
                let drawn = self.draw(elems, 0.0, to_page.then(*transform));
                // A group's paragraphs end with it: a paragraph is read as one, and a
                // group (a card on a sheet) is a whole of its own.
                self.structure.end_paragraph();
                self.structure.depth -= 1;
                if clipped.is_some() {
                    self.surface.pop();
                }
                self.surface.pop();
                drawn?;
            }
            Elem::Stroke {
                points,
                width,
                color,
                dash,
                spot,
            } => {
                let mut pb = PathBuilder::new();
                for (i, p) in points.iter().enumerate() {
                    if i == 0 {
                        pb.move_to(p.x + b, p.y + b);
                    } else {
                        pb.line_to(p.x + b, p.y + b);
                    }
                }
                if let Some(path) = pb.finish() {
                    // A spot colour's line (a cut path) overprints: the opacity marks its
                    // graphics state for `intent::add` to find and rewrite.
                    let spot_line = spot
                        .as_deref()
                        .is_some_and(|s| s != crate::layout::BLACK_INK);
                    *self.spot_lines |= spot_line;
                    surface.start_tagged(layout_artifact());
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: stroke_paint(self.inks, *color, spot.as_deref()),
                        width: *width,
                        dash: dash.as_ref().map(|array| StrokeDash {
                            array: array.clone(),
                            offset: 0.0,
                        }),
                        opacity: if spot_line {
                            NormalizedF32::new(intent::OVERPRINT_MARK).unwrap_or(NormalizedF32::ONE)
                        } else {
                            NormalizedF32::ONE
                        },
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.end_tagged();
                }
            }
            Elem::Link { rect, uri } => {
                let on_page = to_page.bounds(*rect);
                if let Some(r) = PdfRect::from_xywh(on_page.x, on_page.y, on_page.w, on_page.h) {
                    let link = Child::Link(self.page, self.links.len());
                    self.links.push((r, uri.to_string()));
                    let s = &mut *self.structure;
                    match s.paragraph.as_ref().map(|(_, n)| *n) {
                        Some(n) => s.wrap_link(n, link, self.page, on_page),
                        None => {
                            s.push_node(Node {
                                tag: Tag::Link.into(),
                                children: vec![link],
                            });
                        }
                    }
                }
            }
            Elem::Image {
                rect,
                format,
                data,
                alt,
            } => {
                let Some(alt) = alt else {
                    // Decoration: the name printed beside it says what it says.
                    surface.start_tagged(layout_artifact());
                    let drawn = draw_image(surface, shift(rect, b), *format, data, self.inks);
                    surface.end_tagged();
                    return drawn;
                };
                let id = surface.start_tagged(ContentTag::Other);
                let drawn = draw_image(surface, shift(rect, b), *format, data, self.inks);
                surface.end_tagged();
                drawn?;
                let on_page = to_page.bounds(*rect);
                let bbox = PdfRect::from_xywh(on_page.x, on_page.y, on_page.w, on_page.h)
                    .map(|r| BBox::new(self.page, r));
                let mut figure = Node::new(Tag::Figure(Some(alt.to_string())).with_bbox(bbox));
                figure.children.push(Child::Content(id, None));
                let s = &mut *self.structure;
                s.end_paragraph();
                s.push_node(figure);
            }
        }
        Ok(())
    }
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// The box a run's line covers, in its own coordinates: from its baseline start across
/// its advances, one size above the baseline to a third below.
fn run_box(run: &GlyphRun) -> Rect {
    let width: f32 = run.glyphs.iter().map(|g| g.advance).sum();
    Rect::new(run.x, run.y - run.size, width, run.size * 4.0 / 3.0)
}

/// The words a screen reader says for a QR code: the document's own (`call_qr_alt`,
/// `text_qr_alt`), or, for a contact the content gives none for, what it encodes.
fn qr_alt(meta: &Meta, contact: &str, payload: &str) -> (String, Option<String>) {
    match meta.qr_alt(contact) {
        Some(alt) => (alt.text.clone(), Some(alt.lang.clone())),
        None => (format!("QR code: {payload}"), None),
    }
}

/// Draws an image's own pixels stretched over `rect`, unresampled: a print shop gets
/// the resolution it was given. An SVG is drawn as vectors. The caller tags it.
fn draw_image(
    surface: &mut Surface,
    rect: Rect,
    format: ImageFormat,
    data: &Arc<[u8]>,
    inks: Inks,
) -> Result<(), String> {
    use krilla::image::Image;
    let size = krilla::geom::Size::from_wh(rect.w, rect.h)
        .ok_or_else(|| format!("an image has an empty rectangle ({} x {})", rect.w, rect.h))?;
    let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.clone());
    // No interpolation: a viewer must not blur a logo's edges or a printed number.
    let image = match format {
        ImageFormat::Png => Image::from_png(bytes.into(), false),
        ImageFormat::Jpeg => Image::from_jpeg(bytes.into(), false),
        ImageFormat::Svg => return draw_svg(surface, rect, size, data, inks),
    }
    .map_err(|e| format!("an image could not be read ({format:?}): {e}"))?;
    surface.push_transform(&krilla::geom::Transform::from_translate(rect.x, rect.y));
    surface.draw_image(image, size);
    surface.pop();
    Ok(())
}

/// Draws an SVG's vectors over `rect`. The project's loader has refused any SVG with
/// text, so no font is ever looked up on the system.
fn draw_svg(
    surface: &mut Surface,
    rect: Rect,
    size: krilla::geom::Size,
    data: &[u8],
    inks: Inks,
) -> Result<(), String> {
    use krilla_svg::{SurfaceExt, SvgSettings};
    let mut options = usvg::Options::default();
    // Never a file named inside the SVG: the loader refused those; this keeps it so.
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree = usvg::Tree::from_data(data, &options)
        .map_err(|e| format!("an SVG image could not be read: {e}"))?;
    surface.push_transform(&krilla::geom::Transform::from_translate(rect.x, rect.y));
    // In CMYK, an SVG of plain filled and stroked paths (the icons) is drawn here in the
    // job's inks; krilla-svg would write its colours as RGB. Anything richer (a logo with
    // gradients, masks or pictures) goes through krilla-svg and stays RGB, as README says.
    let drawn = if inks.cmyk.is_some() && plain_svg(tree.root()) {
        let (sx, sy) = (
            size.width() / tree.size().width(),
            size.height() / tree.size().height(),
        );
        surface.push_transform(&krilla::geom::Transform::from_scale(sx, sy));
        svg_paths(surface, tree.root(), inks);
        surface.pop();
        Some(())
    } else {
        surface.draw_svg(&tree, size, SvgSettings::default())
    };
    surface.pop();
    drawn.ok_or_else(|| "an SVG image could not be drawn".to_string())
}

/// Whether `group` holds only paths with solid colours, in groups that neither clip,
/// mask, filter nor fade: what [`svg_paths`] draws exactly as krilla-svg would.
fn plain_svg(group: &usvg::Group) -> bool {
    let solid = |paint: &usvg::Paint| matches!(paint, usvg::Paint::Color(_));
    group.clip_path().is_none()
        && group.mask().is_none()
        && group.filters().is_empty()
        && group.opacity() == usvg::Opacity::ONE
        && group.children().iter().all(|node| match node {
            usvg::Node::Group(g) => plain_svg(g),
            usvg::Node::Path(p) => {
                p.fill().is_none_or(|f| solid(f.paint()))
                    && p.stroke().is_none_or(|s| solid(s.paint()))
            }
            _ => false,
        })
}

/// Draws every path of a [`plain_svg`] group in the SVG's own units, colours through
/// `inks`.
fn svg_paths(surface: &mut Surface, group: &usvg::Group, inks: Inks) {
    use krilla::paint::{LineCap, LineJoin};
    use usvg::tiny_skia_path::PathSegment;
    let color = |paint: &usvg::Paint| match paint {
        usvg::Paint::Color(c) => inks.color(Rgb(c.red, c.green, c.blue)),
        _ => inks.color(Rgb::BLACK),
    };
    for node in group.children() {
        let path = match node {
            usvg::Node::Group(g) => {
                svg_paths(surface, g, inks);
                continue;
            }
            usvg::Node::Path(p) if p.is_visible() => p,
            _ => continue,
        };
        let t = path.abs_transform();
        let mut pb = PathBuilder::new();
        for segment in path.data().segments() {
            let at = |p: usvg::tiny_skia_path::Point| {
                let mut p = p;
                t.map_point(&mut p);
                (p.x, p.y)
            };
            match segment {
                PathSegment::MoveTo(p) => {
                    let (x, y) = at(p);
                    pb.move_to(x, y);
                }
                PathSegment::LineTo(p) => {
                    let (x, y) = at(p);
                    pb.line_to(x, y);
                }
                PathSegment::QuadTo(p1, p) => {
                    let ((x1, y1), (x, y)) = (at(p1), at(p));
                    pb.quad_to(x1, y1, x, y);
                }
                PathSegment::CubicTo(p1, p2, p) => {
                    let ((x1, y1), (x2, y2), (x, y)) = (at(p1), at(p2), at(p));
                    pb.cubic_to(x1, y1, x2, y2, x, y);
                }
                PathSegment::Close => pb.close(),
            }
        }
        let Some(drawn) = pb.finish() else {
            continue;
        };
        // The stroke's width scales with the path's own transform (uniform in icons).
        let scale = (t.sx * t.sy - t.kx * t.ky).abs().sqrt();
        surface.set_fill(path.fill().map(|f| Fill {
            paint: color(f.paint()).into(),
            opacity: NormalizedF32::new(f.opacity().get()).unwrap_or(NormalizedF32::ONE),
            rule: match f.rule() {
                usvg::FillRule::NonZero => FillRule::NonZero,
                usvg::FillRule::EvenOdd => FillRule::EvenOdd,
            },
        }));
        surface.set_stroke(path.stroke().map(|s| Stroke {
            paint: color(s.paint()).into(),
            width: s.width().get() * scale,
            miter_limit: s.miterlimit().get(),
            line_cap: match s.linecap() {
                usvg::LineCap::Butt => LineCap::Butt,
                usvg::LineCap::Round => LineCap::Round,
                usvg::LineCap::Square => LineCap::Square,
            },
            line_join: match s.linejoin() {
                usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => LineJoin::Miter,
                usvg::LineJoin::Round => LineJoin::Round,
                usvg::LineJoin::Bevel => LineJoin::Bevel,
            },
            opacity: NormalizedF32::new(s.opacity().get()).unwrap_or(NormalizedF32::ONE),
            dash: None,
        }));
        surface.draw_path(&drawn);
    }
    surface.set_fill(None);
    surface.set_stroke(None);
}

/// Fills and strokes that only shape the page: screen readers skip them.
fn layout_artifact() -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None))
}

/// Page numbers, footers and slugs: /Pagination artifacts, which a screen reader skips.
fn pagination_artifact() -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::new(ArtifactType::PaginationOther, None))
}

fn pdf_transform(t: Transform) -> krilla::geom::Transform {
    krilla::geom::Transform::from_row(t.sx, t.ky, t.kx, t.sy, t.tx, t.ty)
}

fn rect_path(r: Rect) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(PdfRect::from_xywh(r.x, r.y, r.w, r.h)?);
    pb.finish()
}

fn shift(r: &Rect, b: f32) -> Rect {
    Rect::new(r.x + b, r.y + b, r.w, r.h)
}

fn solid(c: krilla::color::Color) -> Fill {
    Fill {
        paint: c.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn fill_rect(surface: &mut Surface, r: Rect, color: krilla::color::Color, radius: f32) {
    let mut pb = PathBuilder::new();
    if radius > 0.0 {
        // Rounded corners from four quarter-circle Béziers.
        let k = 0.552_284_8 * radius;
        let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
        pb.move_to(x0 + radius, y0);
        pb.line_to(x1 - radius, y0);
        pb.cubic_to(x1 - radius + k, y0, x1, y0 + radius - k, x1, y0 + radius);
        pb.line_to(x1, y1 - radius);
        pb.cubic_to(x1, y1 - radius + k, x1 - radius + k, y1, x1 - radius, y1);
        pb.line_to(x0 + radius, y1);
        pb.cubic_to(x0 + radius - k, y1, x0, y1 - radius + k, x0, y1 - radius);
        pb.line_to(x0, y0 + radius);
        pb.cubic_to(x0, y0 + radius - k, x0 + radius - k, y0, x0 + radius, y0);
        pb.close();
    } else if let Some(rect) = PdfRect::from_xywh(r.x, r.y, r.w, r.h) {
        pb.push_rect(rect);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(solid(color)));
        surface.draw_path(&path);
    }
}

/// Draws one run; the caller marks it (a span in its language, or an artifact).
fn draw_run(
    surface: &mut Surface,
    run: &GlyphRun,
    b: f32,
    fonts: &PdfFonts,
    inks: Inks,
) -> Option<()> {
    let font = pdf_font(fonts, &run.font)?;
    let run_text = if run.rtl {
        reversed_clusters(run)
    } else {
        run.text.to_string()
    };
    // Clusters of several glyphs are written so that extraction reads no space inside
    // their word (see `text`).
    let written = text::written(run, &run_text);
    let s = run.size;
    let glyphs: Vec<KrillaGlyph> = written
        .glyphs
        .iter()
        .zip(&written.ranges)
        .map(|(g, range)| {
            KrillaGlyph::new(
                GlyphId::new(g.id),
                g.advance / s,
                g.dx / s,
                // krilla takes offsets as the shaper gives them, y up; layout keeps them
                // y down like the page. Passed as is, a mark stacked above another would
                // be drawn below it.
                -g.dy / s,
                0.0,
                range.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(solid(inks.color(run.color))));
    if run.embolden {
        // Synthesized bold: outline the glyphs in their own colour as well as filling them.
        surface.set_stroke(Some(Stroke {
            paint: inks.color(run.color).into(),
            width: s * 0.035,
            ..Stroke::default()
        }));
    }
    surface.draw_glyphs(
        Point::from_xy(run.x + b, run.y + b),
        &glyphs,
        font,
        &written.text,
        s,
        false,
    );
    surface.set_stroke(None);
    Some(())
}

/// The run's text with the characters of each cluster in reverse order. krilla marks a
/// right-to-left run /ReversedChars, and extractors (poppler, Acrobat) reverse what it
/// shows to get reading order; a cluster of several characters (lam-alef, a letter with its
/// vowel mark) is one glyph group whose text they reverse too, so it must be stored
/// reversed to come out right. Reversing characters in place keeps every byte range valid.
fn reversed_clusters(run: &GlyphRun) -> String {
    let mut text = run.text.to_string();
    let mut ranges: Vec<std::ops::Range<usize>> =
        run.glyphs.iter().map(|g| g.text.clone()).collect();
    ranges.sort_by_key(|r| r.start);
    ranges.dedup();
    for r in ranges {
        if let Some(cluster) = run.text.get(r.clone())
            && cluster.chars().nth(1).is_some()
        {
            let reversed: String = cluster.chars().rev().collect();
            text.replace_range(r, &reversed);
        }
    }
    text
}

fn metadata(meta: &Meta, epoch: Option<i64>) -> Metadata {
    let mut m = Metadata::new()
        .title(meta.title.clone())
        .description(meta.subject.clone())
        .language(meta.language().to_string())
        .keywords(meta.keywords.clone())
        .creator(format!("bridgeprint {}", env!("CARGO_PKG_VERSION")))
        .producer(format!(
            "bridgeprint {} (krilla)",
            env!("CARGO_PKG_VERSION")
        ))
        .text_direction(match meta.direction {
            Direction::Ltr => TextDirection::LeftToRight,
            Direction::Rtl => TextDirection::RightToLeft,
        });
    if let Some(secs) = epoch {
        let (y, mo, d, h, mi, s) = crate::clock::civil_from_epoch(secs);
        let date = DateTime::new(y.clamp(0, 9999) as u16)
            .month(mo)
            .day(d)
            .hour(h)
            .minute(mi)
            .second(s)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        m = m.creation_date(date);
    }
    m
}

/// A stroke's paint: its colour, or the spot colour `spot` (a Separation colour space of
/// that name, full tint) with the colour as what a device without the ink shows.
fn stroke_paint(inks: Inks, color: Rgb, spot: Option<&str>) -> krilla::paint::Paint {
    match spot {
        // Marks a print shop registers by: black ink alone (DeviceGray), never an RGB
        // black a press would separate into four inks.
        Some(crate::layout::BLACK_INK) => krilla::color::luma::Color::black().into(),
        Some(name) => {
            use krilla::color::separation::{Color, SeparationColorant, SeparationSpace};
            let space =
                SeparationSpace::new(SeparationColorant::Custom(name.into()), inks.regular(color));
            krilla::color::Color::from(Color::new(255, space)).into()
        }
        None => inks.color(color).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::QrAlt;
    use krilla::configure::ValidationError;

    #[test]
    fn every_pdf_is_written_under_pdf_ua_1() {
        let settings = settings(&Output::default()).expect("PDF/UA-1 has a PDF version");
        let validators = settings.configuration.validators();
        assert_eq!(validators.accessibility(), Some(Accessibility::UA1));
        assert!(settings.enable_tagging);
    }

    #[test]
    fn a_pdf_ua_refusal_names_each_finding() {
        let validators = settings(&Output::default())
            .expect("PDF/UA-1 has a PDF version")
            .configuration
            .validators();
        let said = refusal(
            KrillaError::Validation(vec![
                (ValidationError::MissingHeadingTitle, validators),
                (ValidationError::MissingAltText(None), validators),
            ]),
            &Output::default(),
        );
        assert!(said.contains("PDF/UA-1"), "{said}");
        assert!(
            said.contains("MissingHeadingTitle; MissingAltText"),
            "{said}"
        );
    }

    #[test]
    fn pdf_a_2b_and_pdf_ua_1_are_written_together_or_alone() {
        let both = Output {
            color: ColorMode::Rgb,
            standards: vec![Standard::A2b, Standard::Ua1],
            intent: PrintCondition::default(),
        };
        let v = settings(&both)
            .expect("A-2b and UA-1 share PDF 1.7")
            .configuration
            .validators();
        assert_eq!(v.accessibility(), Some(Accessibility::UA1));
        assert_eq!(v.archival(), Some(Archival::A2_B));
        let archival = Output {
            standards: vec![Standard::A2b],
            ..both.clone()
        };
        let v = settings(&archival)
            .expect("A-2b has a PDF version")
            .configuration
            .validators();
        assert_eq!(
            (v.archival(), v.accessibility()),
            (Some(Archival::A2_B), None)
        );
        let said = refusal(
            KrillaError::Validation(vec![(ValidationError::MissingCMYKProfile, v)]),
            &archival,
        );
        assert!(
            said.contains("PDF/A-2b") && said.contains("--color rgb"),
            "{said}"
        );
    }

    #[test]
    fn a_qr_code_the_content_gives_no_words_for_says_what_it_encodes() {
        let meta = Meta {
            title: "t".into(),
            subject: String::new(),
            qr_alt: vec![
                QrAlt {
                    contact: "hotline".into(),
                    text: "Código QR: llamar al 1-888-373-7888".into(),
                    lang: "es".into(),
                },
                QrAlt {
                    contact: "textline".into(),
                    text: " ".into(),
                    lang: "es".into(),
                },
            ],
            langs: vec!["en".into()],
            direction: Direction::Ltr,
            keywords: Vec::new(),
            draft: false,
            locale: "en".into(),
            of: crate::error::Of {
                kind: crate::compose::Kind::Card,
                paper: None,
                pair: None,
            },
        };
        assert_eq!(
            qr_alt(&meta, "hotline", "tel:+18883737888"),
            (
                "Código QR: llamar al 1-888-373-7888".into(),
                Some("es".into())
            )
        );
        assert_eq!(
            qr_alt(&meta, "textline", "SMSTO:233733:HELP"),
            ("QR code: SMSTO:233733:HELP".into(), None)
        );
    }
}
