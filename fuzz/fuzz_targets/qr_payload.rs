//! Arbitrary contact records through validation to a QR symbol: a record is refused with
//! an error or gives a payload that encodes. Arbitrary payloads encode or are refused.
//! A panic is a crash.
//!
//! Input: fields separated by 0xFF bytes: number, keyword, display, url, vanity; byte 0
//! picks the kind and the text-message form.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use bridgeprint::content::contacts::{
    self, ContactKind, ContactRecord, ContactsFile, Settings, SmsForm,
};
use libfuzzer_sys::fuzz_target;

fn field(parts: &[&[u8]], i: usize) -> Option<String> {
    parts
        .get(i)
        .map(|p| String::from_utf8_lossy(p).into_owned())
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let parts: Vec<&[u8]> = rest.split(|b| *b == 0xFF).collect();
    let kind = match flags % 3 {
        0 => ContactKind::Voice,
        1 => ContactKind::Sms,
        _ => ContactKind::Web,
    };
    let sms_qr_form = if flags & 4 == 0 {
        SmsForm::Smsto
    } else {
        SmsForm::SmsUri
    };
    let record = ContactRecord {
        name: "fuzz".into(),
        kind,
        number: field(&parts, 0),
        keyword: field(&parts, 1),
        display: field(&parts, 2),
        url: field(&parts, 3),
        vanity: field(&parts, 4),
        source: "fuzz".into(),
        verified: "2026-11-29".parse().expect("a date"),
        notes: String::new(),
        override_reason: None,
    };
    let file = ContactsFile {
        settings: Settings {
            sms_qr_form,
            stale_after_days: 365,
        },
        contacts: BTreeMap::from([("hotline".to_string(), record)]),
    };
    if let Ok(valid) = contacts::validate(file, Path::new("contacts.toml")) {
        for c in valid.by_key.values() {
            let code = bridgeprint::qr::encode(&c.key, &c.payload);
            // A number or short code always fits a QR symbol; a long web address may not.
            if c.kind != ContactKind::Web {
                let code = code.unwrap_or_else(|e| panic!("{}: {e}", c.payload));
                assert_eq!(code.modules.len(), code.width * code.width);
                assert_eq!(code.payload, c.payload);
            }
        }
    }
    if let Some(raw) = field(&parts, 0) {
        let _ = bridgeprint::qr::encode("raw", &raw);
    }
});
