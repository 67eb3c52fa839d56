//! Arbitrary bytes as a content file: every schema the loader reads (locale.toml,
//! contacts.toml and the six text files), then what loading does next with a file that
//! parsed: the limits, filling from a base, and placeholder expansion in every text.
//! Errors are expected; a panic is a crash.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use bridgeprint::content::contacts::{self, Contacts, ContactsFile};
use bridgeprint::content::schema::{
    Comparison, Fill, FillReport, LocaleFile, RedFlags, Report, Scale, Texts, Types, VisitTexts,
};
use bridgeprint::content::{expand, limits, source};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn bundled_contacts() -> &'static Contacts {
    static CONTACTS: OnceLock<Contacts> = OnceLock::new();
    CONTACTS.get_or_init(|| {
        let path = Path::new("contacts.toml");
        let src = include_str!("../../materials/contacts.toml");
        let file: ContactsFile = source::parse(path, src).expect("bundled contacts parse");
        contacts::validate(file, path).expect("bundled contacts are valid")
    })
}

/// Parses `src` as `T` and, if it parses, runs the rest of loading on it.
fn text_file<T: DeserializeOwned + Default + Fill + VisitTexts>(src: &str, stem: &str) {
    let path = Path::new("materials/xx").join(format!("{stem}.toml"));
    let Ok(mut value) = source::parse::<T>(&path, src) else {
        return;
    };
    let _ = limits::check(&mut value, stem, &path);
    let base = T::default();
    value.fill_from(Some(&base), stem, &mut FillReport::default());
    let contacts = bundled_contacts();
    value.visit_texts(stem, &mut |_, text| {
        let _ = expand(text, contacts);
    });
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("materials/contacts.toml");
    if let Ok(file) = source::parse::<ContactsFile>(path, src) {
        let _ = contacts::validate(file, path);
    }
    let _ = source::parse::<LocaleFile>(Path::new("materials/xx/locale.toml"), src);
    text_file::<Texts>(src, "texts");
    text_file::<Types>(src, "types");
    text_file::<Comparison>(src, "comparison");
    text_file::<RedFlags>(src, "red_flags");
    text_file::<Report>(src, "report");
    text_file::<Scale>(src, "scale");
});
