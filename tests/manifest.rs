//! `OUT/.bridgeprint-manifest.json` lists the folder's set; a build trusts it only as far
//! as it can check it, and two identical builds leave identical manifests.

use crate::common;

use bridgeprint::manifest::{self, MANIFEST_FILE};
use common::materials::{Case, copy};

fn build(c: &Case, extra: &[&str]) -> String {
    c.build().args(extra).passes().stderr
}

#[test]
fn two_identical_builds_leave_identical_manifests_listing_every_file() {
    let c = copy();
    build(&c, &[]);
    let first = std::fs::read(c.out.join(MANIFEST_FILE)).unwrap();
    build(&c, &[]);
    assert_eq!(std::fs::read(c.out.join(MANIFEST_FILE)).unwrap(), first);
    let m = manifest::read(&c.out).unwrap().unwrap();
    assert!(m.complete);
    let pdfs = common::materials::files_under(&c.out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert_eq!(m.files.len(), pdfs);
    for row in &m.files {
        assert_eq!(row.build, m.build);
        assert_eq!(manifest::mismatch(&c.out, row), None, "{}", row.path);
    }
}

#[test]
fn a_manifest_that_cannot_be_read_is_replaced_with_a_warning() {
    let c = copy();
    build(&c, &["--locale", "en", "--kind", "card"]);
    std::fs::write(c.out.join(MANIFEST_FILE), "{ not json").unwrap();
    let stderr = build(&c, &["--locale", "en", "--kind", "card"]);
    assert!(
        stderr.contains("not a manifest this build can read"),
        "{stderr}"
    );
    assert!(manifest::read(&c.out).unwrap().unwrap().complete);
}

#[test]
fn rows_a_build_cannot_make_are_dropped_and_no_file_outside_is_touched() {
    let c = copy();
    build(&c, &["--locale", "en", "--locale", "es", "--kind", "card"]);
    let path = c.out.join(MANIFEST_FILE);
    let mut m = manifest::read(&c.out).unwrap().unwrap();
    let mut escape = m.files[0].clone();
    escape.path = "../victim.pdf".into();
    m.files.push(escape);
    std::fs::write(&path, serde_json::to_vec(&m).unwrap()).unwrap();
    let victim = c.dir.path().join("victim.pdf");
    std::fs::write(&victim, "keep me").unwrap();
    // `es` leaves the materials, and its card the folder.
    std::fs::remove_dir_all(c.materials.join("es")).unwrap();
    std::fs::remove_file(c.out.join("es/card.pdf")).unwrap();

    let stderr = build(&c, &["--locale", "en", "--kind", "card"]);
    assert!(
        stderr.contains("victim.pdf, which no build makes: dropped from the manifest"),
        "{stderr}"
    );
    assert!(
        stderr.contains("es/card.pdf is missing, though the last build's manifest lists it, and its locale is no longer in the materials"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
    let paths: Vec<String> = manifest::read(&c.out)
        .unwrap()
        .unwrap()
        .files
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(paths, ["en/card.pdf"]);
}
