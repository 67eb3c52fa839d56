//! The engine: fonts parsed once, and one document made from content to PDF bytes.
//!
//! An [`Engine`] is shared by every thread of a build: it holds what is read-only (the
//! fonts as registered, the writer's converted fonts, the project's setup). What a
//! document's layout writes to (parley's contexts, the ink cache) is a [`Scratch`], one per
//! thread, so threads never wait on each other while shaping.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::compose::{self, Kind, Paper};
use crate::content::{self, Content};
use crate::error::Error;
use crate::{impose, layout, naming, readback, render};

/// One PDF made (in memory or on disk).
#[derive(Debug, Clone)]
pub struct Made {
    pub locale: String,
    pub kind: Kind,
    pub paper: Option<Paper>,
    /// The audience edition (`trucking`); `None` for the general one.
    pub edition: Option<String>,
    /// Where it goes, relative to the output folder: `es/card.pdf`.
    pub relative: PathBuf,
    pub pages: usize,
    pub bytes: Vec<u8>,
    /// `bytes`' SHA-256 in hex, for the manifest and the report: hashed once, on the
    /// thread that made it.
    pub sha256: String,
    /// What of the project's it leaves out for want of room, said as a warning.
    pub left_out: Option<&'static str>,
}

/// The fonts, parsed once and shared by every document a process makes, on every thread.
#[derive(Default)]
pub struct Engine {
    /// The fonts as registered: each [`Scratch`] starts as a copy sharing their data.
    /// Behind a lock only so the engine can be shared; it is read once per thread.
    fonts: Mutex<layout::Fonts>,
    /// The scratch [`Engine::make`] and [`Engine::lay_out`] use, made on first use.
    own: Option<Scratch>,
    pdf_fonts: render::PdfFonts,
    /// What the project asks of every document ([`compose::Setup`]: its theme).
    setup: compose::Setup,
    /// The colour model and PDF standards of every file ([`render::Output`]).
    output: render::Output,
    /// What a notice made under a legal profile must measure up to: one that does not is
    /// an error listing every unmet rule ([`crate::checklist::measure`]).
    requirements: Option<crate::checklist::Requirements>,
}

/// One thread's working space for laying out documents: parley's contexts over the
/// engine's fonts and the glyph ink cache. Make one per thread with [`Engine::scratch`].
pub struct Scratch(layout::Fonts);

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// An engine that also knows the fonts in `dirs` (`--font-dir`), so a locale can name
    /// them in its `fonts = [...]`.
    pub fn with_font_dirs(dirs: &[PathBuf]) -> Result<Self, Error> {
        let mut fonts = layout::Fonts::new();
        for dir in dirs {
            fonts.add_dir(dir)?;
        }
        Ok(Self {
            fonts: Mutex::new(fonts),
            ..Self::default()
        })
    }

    /// A thread's working space over this engine's fonts: the parsed font data is shared,
    /// not copied.
    pub fn scratch(&self) -> Scratch {
        // A thread that panicked while holding the lock only read from it.
        let fonts = self.fonts.lock().unwrap_or_else(|e| e.into_inner());
        Scratch(fonts.fork())
    }

    /// Runs `f` in the engine's own scratch (made on first use), for the one-document
    /// calls: `make_edition`, `lay_out_edition`.
    fn in_own<T>(&mut self, f: impl FnOnce(&Self, &mut Scratch) -> T) -> T {
        let mut scratch = self.own.take().unwrap_or_else(|| self.scratch());
        let out = f(self, &mut scratch);
        self.own = Some(scratch);
        out
    }

    /// The same engine composing with a project's `setup` (`bridgeprint.toml`).
    pub fn with_setup(mut self, setup: compose::Setup) -> Self {
        self.setup = setup;
        self
    }

    /// The same engine measuring each notice it makes against `requirements`.
    pub fn with_requirements(mut self, requirements: crate::checklist::Requirements) -> Self {
        self.requirements = Some(requirements);
        self
    }

    /// The same engine writing its PDFs in `output`'s colour model and standards.
    pub fn with_output(mut self, output: render::Output) -> Self {
        self.output = output;
        self
    }

    /// Composes, lays out and renders one document, in one locale or (for a bilingual
    /// card or poster) two.
    pub fn make(
        &mut self,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        epoch: Option<i64>,
    ) -> Result<Made, Error> {
        self.make_edition(content, locales, kind, paper, None, epoch)
    }

    /// [`Engine::make`] in an audience edition (`Some("trucking")`) or the general one.
    pub fn make_edition(
        &mut self,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        edition: Option<&str>,
        epoch: Option<i64>,
    ) -> Result<Made, Error> {
        self.in_own(|engine, scratch| {
            engine.make_in(scratch, content, locales, kind, paper, edition, epoch)
        })
    }

    /// [`Engine::make_edition`] in a thread's own `scratch`: what a parallel build calls.
    #[allow(clippy::too_many_arguments)]
    pub fn make_in(
        &self,
        scratch: &mut Scratch,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        edition: Option<&str>,
        epoch: Option<i64>,
    ) -> Result<Made, Error> {
        let (doc, laid, left_out) =
            self.checked(scratch, content, locales, kind, paper, edition)?;
        let bytes = render::pdf(&laid, &self.pdf_options(epoch))?;
        Ok(Made {
            relative: naming::output_path(&doc.locale, kind, paper, edition),
            locale: doc.locale,
            kind,
            edition: edition.map(str::to_string),
            paper: doc.paper,
            pages: laid.pages.len(),
            sha256: crate::manifest::sha256_hex(&bytes),
            bytes,
            left_out,
        })
    }

    /// Composes, lays out and reads back one document without rendering it: what `check`
    /// needs.
    pub fn lay_out(
        &mut self,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
    ) -> Result<layout::LaidDocument, Error> {
        self.lay_out_edition(content, locales, kind, paper, None)
    }

    /// [`Engine::lay_out`] in an audience edition or (`None`) the general one.
    pub fn lay_out_edition(
        &mut self,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        edition: Option<&str>,
    ) -> Result<layout::LaidDocument, Error> {
        self.in_own(|engine, scratch| {
            engine.lay_out_in(scratch, content, locales, kind, paper, edition)
        })
    }

    /// [`Engine::lay_out_edition`] in a thread's own `scratch`: what a parallel check calls.
    pub fn lay_out_in(
        &self,
        scratch: &mut Scratch,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        edition: Option<&str>,
    ) -> Result<layout::LaidDocument, Error> {
        Ok(self
            .checked(scratch, content, locales, kind, paper, edition)?
            .1)
    }

    /// How this engine writes a PDF: its fonts, colour model and standards, and the
    /// creation date `epoch`.
    fn pdf_options(&self, epoch: Option<i64>) -> render::PdfOptions<'_> {
        render::PdfOptions {
            epoch,
            fonts: &self.pdf_fonts,
            output: self.output.clone(),
            cmyk: compose::theme::cmyk,
        }
    }

    /// Laid-out cards (each already read back by [`Engine::lay_out_in`]) on sheets of
    /// `sheet` for a duplex print turned over `flip`, as PDF bytes, with the sheet's pages.
    pub fn impose(
        &self,
        cards: &[&layout::LaidDocument],
        sheet: &impose::Sheet,
        flip: impose::Flip,
        epoch: Option<i64>,
    ) -> Result<(Vec<u8>, usize), Error> {
        let mut scratch = self.scratch();
        let laid = impose::impose(&mut scratch.0, cards, sheet, flip)?;
        let bytes = render::pdf(&laid, &self.pdf_options(epoch))?;
        Ok((bytes, laid.pages.len()))
    }

    /// `bridgeprint calibrate`: the duplex test sheet of `sheet` turned over `flip`, its
    /// slots those of the stock's card or, on plain paper, of the wallet card (CR80).
    pub fn calibration(
        &self,
        sheet: &impose::Sheet,
        flip: impose::Flip,
        epoch: Option<i64>,
    ) -> Result<Vec<u8>, Error> {
        let card = compose::card::CR80;
        let trim = sheet.stock.map_or(card.trim, |s| s.card);
        let meta = layout::Meta {
            title: format!(
                "Duplex calibration sheet: {}, flip on the {} edge",
                sheet.name,
                flip.name()
            ),
            subject: "Where each card of an imposed sheet prints, on both sides".into(),
            qr_alt: Vec::new(),
            langs: vec!["en".into()],
            direction: crate::types::Direction::Ltr,
            keywords: vec![
                format!("sheet: {}", sheet.name),
                format!("flip: {}", flip.name()),
            ],
            draft: false,
            locale: "en".into(),
            of: crate::error::Of {
                kind: Kind::Card,
                paper: None,
                pair: None,
            },
        };
        let mut scratch = self.scratch();
        let laid = impose::calibration(&mut scratch.0, sheet, flip, trim, card.bleed, meta)?;
        render::pdf(&laid, &self.pdf_options(epoch))
    }

    /// Composes and lays out one document, links its printed contact values and reads it
    /// back: everything before the PDF writer, so `check` proves what `build` would print.
    fn checked(
        &self,
        scratch: &mut Scratch,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        edition: Option<&str>,
    ) -> Result<Laid, Error> {
        let made = self.laid_out(scratch, content, locales, kind, paper, edition)?;
        if let Some(req) = self.requirements.as_ref().filter(|_| kind.needs_profile()) {
            measured(&made.1, content, req)?;
        }
        Ok(made)
    }

    /// [`Engine::checked`] before a notice is measured.
    fn laid_out(
        &self,
        scratch: &mut Scratch,
        content: &Content,
        locales: &[&content::Locale],
        kind: Kind,
        paper: Paper,
        edition: Option<&str>,
    ) -> Result<Laid, Error> {
        // The project's setup is the same for every document; only the edition varies.
        let setup = self.setup.in_edition(edition);
        if kind == Kind::Notice {
            return largest_notice(scratch, content, locales, paper, &setup);
        }
        match attempt(scratch, content, locales, kind, paper, &setup) {
            // A bilingual card's band holds two languages' lines across its width; where
            // they need the room the logo takes, the logo gives way (the build says so)
            // rather than the lines shrinking under the card's floor.
            Err(Error::Overflow { .. })
                if kind == Kind::Card && locales.len() > 1 && setup.organisation.is_some() =>
            {
                let plain = compose::Setup {
                    organisation: None,
                    ..setup
                };
                let (doc, laid) = attempt(scratch, content, locales, kind, paper, &plain)?;
                Ok((doc, laid, Some(LOGO_GAVE_WAY)))
            }
            done => done.map(|(doc, laid)| (doc, laid, None)),
        }
    }
}

/// A notice set as large as its sheet allows (read from across a room), one sheet for its
/// languages before a sheet each, never under the law's size. Any attempt that fails (too
/// long, or a number a line break would part) gives way to the next; if none is made, the
/// law's size on one sheet says why.
fn largest_notice(
    scratch: &mut Scratch,
    content: &Content,
    locales: &[&content::Locale],
    paper: Paper,
    setup: &compose::Setup,
) -> Result<Laid, Error> {
    let sizes: Vec<_> = NOTICE_GROWTH
        .iter()
        .chain([1.0].iter())
        .filter_map(|&f| grown(setup, f))
        .collect();
    let each: Vec<_> = sizes.iter().filter_map(apart).collect();
    let mut why = None;
    for (i, setup) in sizes.iter().chain(&each).enumerate() {
        match attempt(scratch, content, locales, Kind::Notice, paper, setup) {
            Ok((doc, laid)) => return Ok((doc, laid, None)),
            Err(e) if i + 1 == sizes.len() => why = Some(e),
            Err(_) => {}
        }
    }
    match why {
        Some(e) => Err(e),
        // No notice in the setup to grow: the notice kind's own error says so.
        None => attempt(scratch, content, locales, Kind::Notice, paper, setup)
            .map(|(doc, laid)| (doc, laid, None)),
    }
}

/// A document composed and laid out, with what gave way for it to fit, if anything.
type Laid = (
    compose::Document,
    layout::LaidDocument,
    Option<&'static str>,
);

/// A laid-out notice measured against its law: every unmet rule, with what was measured
/// and what the law asks, in one error.
fn measured(
    laid: &layout::LaidDocument,
    content: &Content,
    req: &crate::checklist::Requirements,
) -> Result<(), Error> {
    let list = crate::checklist::measure(laid, &content.contacts, req);
    if list.passed() {
        return Ok(());
    }
    Err(Error::Unmet {
        profile: req.profile.clone(),
        citation: req.citation.clone(),
        document: format!("{} {}", laid.meta.locale, laid.meta.of.label()),
        unmet: list
            .failed()
            .map(|r| {
                format!(
                    "rule `{}`{}: measured {}, expected {}",
                    r.name,
                    r.page.map_or(String::new(), |p| format!(" (page {p})")),
                    r.measured,
                    r.expected
                )
            })
            .collect(),
    })
}

/// How much larger than the law's size a notice's text is tried, largest first, before the
/// law's own size: a notice that fits no larger is set as before.
const NOTICE_GROWTH: [f32; 5] = [1.75, 1.5, 1.375, 1.25, 1.125];

/// `setup` with its notice's text `factor` times larger, when it is a notice.
fn grown(setup: &compose::Setup, factor: f32) -> Option<compose::Setup> {
    let notice = setup.notice.as_deref()?;
    Some(compose::Setup {
        notice: Some(std::sync::Arc::new(compose::notice::Notice {
            text_pt: notice.text_pt * factor,
            ..notice.clone()
        })),
        ..setup.clone()
    })
}

/// `setup` with its notice on one sheet per language, when it is a notice that puts them
/// together.
fn apart(setup: &compose::Setup) -> Option<compose::Setup> {
    let notice = setup.notice.as_deref().filter(|n| !n.separate)?;
    Some(compose::Setup {
        notice: Some(std::sync::Arc::new(compose::notice::Notice {
            separate: true,
            ..notice.clone()
        })),
        ..setup.clone()
    })
}

fn attempt(
    scratch: &mut Scratch,
    content: &Content,
    locales: &[&content::Locale],
    kind: Kind,
    paper: Paper,
    setup: &compose::Setup,
) -> Result<(compose::Document, layout::LaidDocument), Error> {
    let mut doc = compose::compose_with(content, locales, kind, paper, setup)?;
    if let Some(slug) = &mut doc.marks {
        // The print shop's name for the job: the file it was sent.
        let path = naming::output_path(&doc.locale, kind, paper, setup.edition.as_deref());
        let parts: Vec<String> = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        slug.name = parts.join("/");
    }
    let mut laid = layout::layout(&doc, &mut scratch.0).map_err(|e| locate(e, content))?;
    layout::links::attach(&mut laid, &content.contacts);
    readback::check(&laid, &content.contacts)?;
    Ok((doc, laid))
}

/// What a bilingual card leaves out when its band has no room for the logo.
pub const LOGO_GAVE_WAY: &str = "the organisation's logo: its band has no room beside two languages' lines at the card's smallest size";

/// An overflow pointed at the text that does not fit: the layout knows only the key, the
/// content knows the file, and only a failing document pays for reading it again.
fn locate(mut e: Error, content: &Content) -> Error {
    if let Error::Overflow {
        locale,
        key,
        origin: origin @ None,
        ..
    } = &mut e
    {
        *origin = content.text_origin(locale, key).map(Box::new);
    }
    e
}
