//! The draft policy: a draft translation is a warning, or with `--strict` an error, for
//! print runs that must only carry text a native reader has checked.

use crate::content::{self, Content, source};
use crate::diag::Diagnostic;
use crate::error::{Error, Errors, Location};

/// Warnings a build or check of these locales should show: the content's own, then the
/// drafts among `locales`.
pub fn warnings(content: &Content, locales: &[&content::Locale]) -> Vec<Diagnostic> {
    let mut w = content.warnings.clone();
    let drafts: Vec<&content::Locale> = locales
        .iter()
        .copied()
        .filter(|l| l.meta.status == content::Status::Draft)
        .collect();
    match drafts.as_slice() {
        [] => {}
        [one] => w.push(
            Diagnostic::warning(format!(
                "locale `{}` is a draft translation, not yet reviewed by a native reader",
                one.meta.tag
            ))
            .at(status_location(content, one)),
        ),
        many => w.push(Diagnostic::warning(format!(
            "{} locales are draft translations, not yet reviewed by a native reader: {}",
            many.len(),
            many.iter()
                .map(|l| l.meta.tag.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
    w
}

/// Where locale.toml says `status = "draft"`; read again only when a warning needs it.
fn status_location(content: &Content, locale: &content::Locale) -> Option<Location> {
    let path = locale.dir.join("locale.toml");
    let text = source::read(&content.root, &path).ok()?;
    source::locate_key(&path, &text, "locale.status")
}

/// With `--strict`, a draft translation is an error.
pub fn refuse(locales: &[&content::Locale]) -> Result<(), Errors> {
    let errors: Vec<Error> = locales
        .iter()
        .filter(|l| l.meta.status == content::Status::Draft)
        .map(|l| Error::InvalidLocale {
            path: l.dir.join("locale.toml"),
            locale: l.meta.tag.clone(),
            message: "is a draft translation (status = \"draft\"), refused by --strict".into(),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}
