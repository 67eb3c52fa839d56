//! bridgeprint: TOML outreach content to print-ready PDFs.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`content`] (load and validate) → [`compose`] (templates to boxes) → [`layout`] (text
//! shaping and fitting) → [`readback`] (what prints is what the contacts say) → [`render`]
//! (PDF drawing) → [`write`] (atomic files). Beside the read-back, [`checklist`] measures a
//! laid-out notice against a legal profile's rules.
//!
//! Around the stages: [`engine`] runs them for one document; [`select`] picks the locales
//! and bilingual pairs a run makes, [`drafts`] applies the draft policy, [`naming`] names
//! each file; [`build`] and [`check`] are the two runs; [`project`] finds `bridgeprint.toml`
//! and which materials a run reads ([`bundled`]: the ones compiled into the binary); [`diag`] is what a run reports
//! (errors and warnings as data). The library knows nothing of the command line.

pub mod build;
pub mod bundled;
pub mod check;
pub mod checklist;
pub mod clock;
pub mod compose;
pub mod content;
pub mod diag;
pub mod drafts;
pub mod engine;
pub mod error;
pub mod fingerprint;
pub mod i18n;
pub mod impose;
pub mod input;
pub mod layout;
pub mod lock;
pub mod manifest;
pub mod naming;
pub mod preview;
pub mod profile;
pub mod project;
pub mod qr;
pub mod readback;
pub mod render;
pub mod select;
pub mod types;
pub mod write;

pub use build::{BuildOptions, BuildReport, build, build_with};
pub use check::{CheckLimits, CheckReport, check, check_limited, every_document};
pub use compose::{Kind, Paper};
pub use content::Content;
pub use diag::{Diagnostic, Severity};
pub use drafts::warnings;
pub use engine::{Engine, Made};
pub use error::{Error, Errors};
pub use naming::output_path;
pub use select::{Selection, select_locales};
