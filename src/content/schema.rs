//! The typed shape of a locale's content files.
//!
//! Every text is optional in the file so a partly translated locale still loads: missing
//! keys are filled from `en` (with a warning) by [`Fill::fill_from`], and what is still
//! missing after that is an error. `deny_unknown_fields` turns a misspelt key into an error
//! that names the file, line and the allowed names.

use serde::Deserialize;

/// A translatable text; `None` when the locale's file does not give it.
pub type Text = Option<String>;
/// A translatable list of texts, filled as a whole.
pub type List = Option<Vec<String>>;

/// What filling a locale from its base (`en`) found.
#[derive(Debug, Default)]
pub struct FillReport {
    /// Keys taken from the base locale.
    pub fell_back: Vec<String>,
    /// Keys that neither the locale nor the base gives.
    pub missing: Vec<String>,
    /// Keys that are present but empty (or hold an empty list item).
    pub empty: Vec<String>,
}

/// Fills missing texts from a base.
pub trait Fill: VisitTexts {
    /// Takes every text this value lacks from `base`, recording what it did in `report`.
    fn fill_from(&mut self, base: Option<&Self>, path: &str, report: &mut FillReport);
}

/// Visits every text of a value.
pub trait VisitTexts {
    /// Calls `f` with the key and value of every text, so placeholders can be expanded.
    fn visit_texts(&mut self, path: &str, f: &mut dyn FnMut(&str, &mut String));
}

pub(crate) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

impl Fill for Text {
    fn fill_from(&mut self, base: Option<&Self>, path: &str, report: &mut FillReport) {
        match self {
            Some(s) if s.trim().is_empty() => report.empty.push(path.to_string()),
            Some(_) => {}
            None => match base.and_then(|b| b.as_ref()) {
                Some(b) => {
                    *self = Some(b.clone());
                    report.fell_back.push(path.to_string());
                }
                None => report.missing.push(path.to_string()),
            },
        }
    }
}

impl VisitTexts for Text {
    fn visit_texts(&mut self, path: &str, f: &mut dyn FnMut(&str, &mut String)) {
        if let Some(s) = self {
            f(path, s);
        }
    }
}

impl Fill for List {
    fn fill_from(&mut self, base: Option<&Self>, path: &str, report: &mut FillReport) {
        match self {
            Some(items) if items.is_empty() => report.empty.push(path.to_string()),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.trim().is_empty() {
                        report.empty.push(format!("{path}[{i}]"));
                    }
                }
            }
            None => match base.and_then(|b| b.as_ref()) {
                Some(b) => {
                    *self = Some(b.clone());
                    report.fell_back.push(path.to_string());
                }
                None => report.missing.push(path.to_string()),
            },
        }
    }
}

impl VisitTexts for List {
    fn visit_texts(&mut self, path: &str, f: &mut dyn FnMut(&str, &mut String)) {
        if let Some(items) = self {
            for (i, item) in items.iter_mut().enumerate() {
                f(&format!("{path}[{i}]"), item);
            }
        }
    }
}

/// Declares a section of a content file: a serde struct whose fields are texts, lists or
/// other sections, with its [`Fill`] implementation generated from the same field list.
macro_rules! section {
    ($(#[$meta:meta])* pub struct $name:ident { $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields, default)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl Fill for $name {
            fn fill_from(&mut self, base: Option<&Self>, path: &str, report: &mut FillReport) {
                $( self.$field.fill_from(base.map(|b| &b.$field), &join(path, stringify!($field)), report); )*
            }
        }

        impl VisitTexts for $name {
            fn visit_texts(&mut self, path: &str, f: &mut dyn FnMut(&str, &mut String)) {
                $( self.$field.visit_texts(&join(path, stringify!($field)), f); )*
            }
        }
    };
}

section! {
    /// `texts.toml`: the short texts of each kind of material.
    pub struct Texts {
        pub card: CardTexts,
        pub poster: PosterTexts,
        pub handout: HandoutTexts,
        pub safety_card: SafetyCardTexts,
        pub tearoff: TearoffTexts,
        pub sticker: StickerTexts,
        pub document: DocumentTexts,
    }
}

section! {
    /// `[document]`: texts every kind prints or announces, outside its own layout.
    pub struct DocumentTexts {
        /// Printed on a draft translation's paper (in the slug of a card, the footer of a
        /// poster or handout), beside the same notice in English; never on a reviewed one.
        pub draft_notice: Text,
        /// What a screen reader says for the call QR code: in words, with the number.
        pub call_qr_alt: Text,
        /// What a screen reader says for the text QR code.
        pub text_qr_alt: Text,
        /// The heading of a project's local-help panel (poster, handout): "Local help".
        pub local_help: Text,
    }
}

section! {
    /// `[card]`: the wallet card's two sides.
    pub struct CardTexts {
        /// Top band of the front.
        pub front_heading: Text,
        /// The line above the big number.
        pub hotline_label: Text,
        /// Under the number: hours, cost, languages.
        pub hotline_note: Text,
        /// "Text HELP to 233733", with placeholders.
        pub text_line: Text,
        /// Under the text line: the languages texts are answered in.
        pub text_note: Text,
        /// The 911 line.
        pub emergency: Text,
        /// Caption under the call QR code.
        pub call_qr_caption: Text,
        /// Top band of the back.
        pub back_heading: Text,
        /// Caption under the text QR code.
        pub text_qr_caption: Text,
        /// Bottom line of the back.
        pub back_footer: Text,
    }
}

section! {
    /// `[poster]`: the one-page poster.
    pub struct PosterTexts {
        pub headline: Text,
        pub subhead: Text,
        pub call_label: Text,
        pub hotline_note: Text,
        pub text_line: Text,
        /// Which languages the text line answers in (calls have interpreters).
        pub text_note: Text,
        pub call_qr_caption: Text,
        pub text_qr_caption: Text,
        pub flags_heading: Text,
        pub report_heading: Text,
        pub report_steps: List,
        pub do_not_approach: Text,
    }
}

section! {
    /// `[handout]`: the multi-page handout's own texts (topics come from the other files).
    pub struct HandoutTexts {
        pub title: Text,
        pub subtitle: Text,
        pub intro: Text,
        pub hotline_box_heading: Text,
        pub hotline_box: Text,
        /// Which languages the text line answers in.
        pub text_note: Text,
        pub call_qr_caption: Text,
        /// Footer, with `{page}` and `{pages}`.
        pub page_label: Text,
        pub sources_heading: Text,
        pub sources: List,
        /// After a section's heading repeated at the top of the next page: "(continued)".
        pub continued: Text,
        /// Over the ruled lines that fill the last page above the hotline box.
        pub notes_heading: Text,
    }
}

section! {
    /// `[safety_card]`: the discreet card a victim may carry or find alone. None of its
    /// texts, its title and its QR code's alt text included, names trafficking: a phone's
    /// viewer shows the title, and a card found on someone can put them at risk.
    pub struct SafetyCardTexts {
        /// The PDF's title and subject.
        pub title: Text,
        pub subject: Text,
        /// The one short line on the front: a question a victim recognises and the answer.
        pub line: Text,
        /// Under the call code.
        pub call_qr_caption: Text,
        /// "Text HELP to 233733", with placeholders.
        pub text_line: Text,
        /// The back's band: the rights line, short enough for a card.
        pub rights: Text,
        /// The back's number, in words: "Call {hotline}".
        pub back_call: Text,
        /// No name needed.
        pub anonymous: Text,
        /// The 911 line.
        pub emergency: Text,
        /// What a screen reader says for the call code (without the word).
        pub call_qr_alt: Text,
    }
}

section! {
    /// `[tearoff]`: the flyer with tear-off tabs along its foot.
    pub struct TearoffTexts {
        pub title: Text,
        pub subject: Text,
        pub headline: Text,
        pub flags_heading: Text,
        /// Call or text, when and how.
        pub call_or_text: Text,
        pub call_qr_caption: Text,
        pub text_qr_caption: Text,
        /// Above the tabs: take one.
        pub take_one: Text,
        /// On each tab, above the number.
        pub tab_label: Text,
        /// On each tab, under the number.
        pub tab_text: Text,
    }
}

section! {
    /// `[sticker]`: the restroom sticker. Discreet like the safety card: no word for
    /// trafficking in any of its texts.
    pub struct StickerTexts {
        pub title: Text,
        pub subject: Text,
        /// The one short line.
        pub line: Text,
        pub text_line: Text,
        pub call_qr_caption: Text,
        pub call_qr_alt: Text,
    }
}

section! {
    /// `types.toml`: the four types of trafficking.
    pub struct Types {
        pub heading: Text,
        pub intro: Text,
        pub adult_labor: Topic,
        pub adult_sex: Topic,
        pub child_labor: Topic,
        pub child_sex: Topic,
        /// What "commercial sex" means: sex in exchange for anything of value.
        pub commercial_sex: Text,
        /// Facts that hold across the four types (movement, immigration status, overlap).
        pub notes: List,
    }
}

section! {
    /// A titled paragraph.
    pub struct Topic {
        pub title: Text,
        pub body: Text,
    }
}

section! {
    /// `comparison.toml`: smuggling versus trafficking.
    pub struct Comparison {
        pub heading: Text,
        pub intro: Text,
        /// Header of the first column (what is compared).
        pub point: Text,
        pub smuggling: Text,
        pub trafficking: Text,
        pub crime_against: Row,
        pub consent: Row,
        pub movement: Row,
        pub relationship: Row,
        pub profit: Row,
        pub who: Row,
        /// What the person moved or exploited is: a customer, or a victim.
        pub person: Row,
        /// Crimes the person takes part in: a victim forced to commit them is not the offender.
        pub crimes: Row,
        pub note: Text,
    }
}

section! {
    /// One row of the comparison table.
    pub struct Row {
        pub label: Text,
        pub smuggling: Text,
        pub trafficking: Text,
    }
}

section! {
    /// `red_flags.toml`: signs, grouped as the sources group them.
    pub struct RedFlags {
        pub heading: Text,
        pub intro: Text,
        /// The one-line caution the card and poster print with their short lists.
        pub caution: Text,
        /// The shortest selection, for the back of the wallet card.
        pub card: List,
        /// The key signs for the poster.
        pub poster: List,
        pub behaviour: Category,
        pub control: Category,
        pub physical: Category,
        pub work_living: Category,
        pub commercial_sex: Category,
        pub children_youth: Category,
        /// `[editions.trucking]`: each audience edition's own texts in this locale.
        pub editions: Editions,
    }
}

/// An audience edition's texts, one table per edition (`[editions.trucking]`). Never
/// filled from `en`: an edition a locale has no table for cannot be made in it (English
/// signs on a Spanish truck-stop poster would be worse than an error), so
/// [`Editions::fill_from`] only checks what is there.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Editions(pub std::collections::BTreeMap<String, EditionTexts>);

impl Fill for Editions {
    fn fill_from(&mut self, _base: Option<&Self>, path: &str, report: &mut FillReport) {
        for (name, texts) in &mut self.0 {
            texts.fill_from(None, &join(path, name), report);
        }
    }
}

impl VisitTexts for Editions {
    fn visit_texts(&mut self, path: &str, f: &mut dyn FnMut(&str, &mut String)) {
        for (name, texts) in &mut self.0 {
            texts.visit_texts(&join(path, name), f);
        }
    }
}

/// One edition's texts in one locale.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EditionTexts {
    /// The PDF title of every document of the edition.
    pub title: Text,
    /// The poster's line saying who the poster is for.
    pub audience: Text,
    /// The poster's signs, in place of `red_flags.poster`.
    pub poster: List,
    /// The card back's signs, in place of `red_flags.card`.
    pub card: List,
    /// The handout's section for this audience: its heading and signs.
    pub heading: Text,
    pub items: List,
    /// Where the signs come from, in the handout's sources.
    pub source: Text,
    /// What to do, for an audience with its own steps (healthcare); both or neither.
    pub steps_heading: Text,
    pub steps: List,
}

impl Fill for EditionTexts {
    fn fill_from(&mut self, _base: Option<&Self>, path: &str, report: &mut FillReport) {
        let key = |field: &str| join(path, field);
        self.title.fill_from(None, &key("title"), report);
        self.audience.fill_from(None, &key("audience"), report);
        self.poster.fill_from(None, &key("poster"), report);
        self.card.fill_from(None, &key("card"), report);
        self.heading.fill_from(None, &key("heading"), report);
        self.items.fill_from(None, &key("items"), report);
        self.source.fill_from(None, &key("source"), report);
        // Steps are optional, but a heading over no steps (or steps under no heading) is
        // half a section: ask for the other half.
        if self.steps_heading.is_some() || self.steps.is_some() {
            self.steps_heading
                .fill_from(None, &key("steps_heading"), report);
            self.steps.fill_from(None, &key("steps"), report);
        }
    }
}

impl VisitTexts for EditionTexts {
    fn visit_texts(&mut self, path: &str, f: &mut dyn FnMut(&str, &mut String)) {
        let key = |field: &str| join(path, field);
        self.title.visit_texts(&key("title"), f);
        self.audience.visit_texts(&key("audience"), f);
        self.poster.visit_texts(&key("poster"), f);
        self.card.visit_texts(&key("card"), f);
        self.heading.visit_texts(&key("heading"), f);
        self.items.visit_texts(&key("items"), f);
        self.source.visit_texts(&key("source"), f);
        self.steps_heading.visit_texts(&key("steps_heading"), f);
        self.steps.visit_texts(&key("steps"), f);
    }
}

section! {
    /// A titled list.
    pub struct Category {
        pub title: Text,
        pub items: List,
    }
}

section! {
    /// `report.toml`: how to report.
    pub struct Report {
        pub heading: Text,
        pub emergency: Text,
        pub hotline: Text,
        /// Call even when unsure: staff help work out what is happening.
        pub not_sure: Text,
        /// What the hotline does with what a caller says (consent, the law's exceptions).
        pub privacy: Text,
        /// To a victim: rights and help whatever their immigration status.
        pub rights: Text,
        pub details_heading: Text,
        pub details: List,
        pub photo: Text,
        pub do_not_approach: Text,
        pub name_optional: Text,
    }
}

section! {
    /// `scale.toml`: how big the problem is, each figure with its source and year.
    pub struct Scale {
        pub heading: Text,
        /// What the figures count: modern slavery, broader than trafficking.
        pub scope: Text,
        pub figures: List,
        pub source: Text,
    }
}

/// `locale.toml`: who the locale is for and how far its translation has come.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocaleFile {
    pub locale: LocaleMeta,
}

/// The `[locale]` table.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocaleMeta {
    /// BCP 47 language tag, equal to the folder name.
    pub tag: String,
    /// The language's name in English.
    pub name: String,
    /// The language's name in itself.
    pub native_name: String,
    pub direction: Direction,
    pub status: Status,
    /// Font families to try first, in order (for example `["Noto Sans CJK JP"]` for
    /// Japanese, so Han characters take Japanese forms); the bundled fallback follows.
    #[serde(default)]
    pub fonts: Vec<String>,
    /// Who translated or reviewed it, and anything a reviewer should know.
    #[serde(default)]
    pub notes: String,
}

pub use crate::types::Direction;

/// How far a translation has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A native reader checked it.
    Reviewed,
    /// Not yet checked by a native reader.
    Draft,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reviewed => "reviewed",
            Status::Draft => "draft",
        }
    }
}
