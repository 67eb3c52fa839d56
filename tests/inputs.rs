//! Files that could hang a build or fill its memory, or leave the materials folder, are
//! refused by name through the real binary, and nothing a file or folder name holds can
//! drive the terminal the messages are printed on.
#![cfg(unix)]

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::materials::{Case, case, copy, copy_dir};

/// Longer than a check of the fixture materials takes on a slow machine, far shorter than
/// forever: a run past it is a hang.
const HANG: Duration = Duration::from_secs(60);

/// Runs `check` and `build` with a hang guard; both must exit 1 naming `needles`, write
/// nothing, and print no raw escape character.
fn refused(c: &Case, extra: &[&str], needles: &[&str]) -> String {
    let mut last = String::new();
    for run in [c.build(), c.check()] {
        // A FIFO that is opened blocks until a writer comes, which here is never.
        let stderr = run.args(extra).timeout(HANG).status(1).stderr;
        for n in needles {
            assert!(stderr.contains(n), "{n:?} not in stderr:\n{stderr}");
        }
        assert!(!stderr.contains('\u{1b}'), "raw ESC on stderr: {stderr:?}");
        last = stderr;
    }
    assert!(
        common::materials::files_under(&c.out).is_empty(),
        "a refused build wrote files"
    );
    last
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[test]
fn a_fifo_as_a_content_file_is_named_and_does_not_hang() {
    for file in ["es/texts.toml", "es/locale.toml", "contacts.toml"] {
        let c = copy();
        let path = c.materials.join(file);
        std::fs::remove_file(&path).unwrap();
        mkfifo(&path);
        refused(&c, &[], &[file, "is a FIFO (named pipe), not a file"]);
    }
}

#[test]
fn a_device_behind_a_link_is_named() {
    let c = copy();
    let path = c.materials.join("es/texts.toml");
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    refused(
        &c,
        &[],
        &["es/texts.toml", "is a character device, not a file"],
    );
}

#[test]
fn a_socket_as_a_content_file_is_named() {
    let c = copy();
    let path = c.materials.join("es/types.toml");
    std::fs::remove_file(&path).unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    refused(&c, &[], &["es/types.toml", "is a socket, not a file"]);
}

#[test]
fn a_fifo_in_a_font_folder_is_named_and_does_not_hang() {
    let c = copy();
    let fonts = c.dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    mkfifo(&fonts.join("Extra-Regular.ttf"));
    let dir = fonts.to_str().unwrap();
    refused(
        &c,
        &["--font-dir", dir],
        &["Extra-Regular.ttf", "is a FIFO (named pipe), not a file"],
    );
}

#[test]
fn a_content_file_linked_from_outside_the_materials_is_refused_naming_link_and_target() {
    let c = copy();
    let outside = c.dir.path().join("elsewhere.toml");
    let path = c.materials.join("es/texts.toml");
    std::fs::rename(&path, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &path).unwrap();
    refused(
        &c,
        &[],
        &[
            "es/texts.toml: it is a symbolic link to",
            "elsewhere.toml, outside the materials folder",
        ],
    );
}

#[test]
fn a_locale_folder_linked_from_outside_the_materials_is_refused() {
    let c = copy();
    let outside = c.dir.path().join("spanish");
    std::fs::rename(c.materials.join("es"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, c.materials.join("es")).unwrap();
    let stderr = refused(&c, &[], &["outside the materials folder"]);
    assert!(
        stderr.contains(&format!(
            "refusing to read {}: it is a symbolic link to {}",
            c.materials.join("es").display(),
            outside.display()
        )),
        "{stderr}"
    );
}

#[test]
fn links_that_stay_inside_the_materials_are_read() {
    let c = copy();
    let shared = c.materials.join("es/texts.toml");
    let moved = c.materials.join(".shared-texts.toml");
    std::fs::rename(&shared, &moved).unwrap();
    std::os::unix::fs::symlink("../.shared-texts.toml", &shared).unwrap();
    c.check().passes();
}

#[test]
fn a_locale_folder_named_with_an_escape_sequence_is_shown_escaped() {
    let c = copy();
    copy_dir(&c.materials.join("es"), &c.materials.join("e\u{1b}[2Js"));
    refused(
        &c,
        &[],
        &["locale folder `e<U+001B>[2Js`", "is not a language tag"],
    );
}

#[test]
fn a_control_character_in_a_text_is_shown_escaped() {
    let c = case("es/texts.toml", |t| {
        format!("\"hot\\u001b]0;pwned\\u0007line\" = \"x\"\n{t}")
    });
    refused(&c, &[], &["hot<U+001B>]0;pwned<U+0007>line"]);
}

#[test]
fn a_syntax_error_in_a_file_that_is_not_text_is_not_quoted() {
    let secret = "token = \"s3cr3t\u{1b}[8m\"";
    let c = case("es/texts.toml", |t| format!("{secret}\n{t}"));
    let stderr = refused(&c, &[], &["es/texts.toml:1:", "TOML syntax error"]);
    assert!(
        !stderr.contains("s3cr3t"),
        "quoted a file that is not text: {stderr}"
    );
    assert!(!stderr.contains(" | "), "showed a source line: {stderr}");
}

#[test]
fn a_syntax_error_in_content_is_still_quoted() {
    let c = case("es/texts.toml", |t| format!("oops = = 1\n{t}"));
    let stderr = refused(&c, &[], &["es/texts.toml:1:", "1 | oops = = 1"]);
    assert!(stderr.contains('^'), "{stderr}");
}

#[test]
fn a_font_file_over_its_limit_is_named_with_the_limit() {
    use bridgeprint::layout::fonts::MAX_FONT_BYTES;
    let c = copy();
    let fonts = c.dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // Sparse: takes no disk, reads as zeros.
    let f = std::fs::File::create(fonts.join("Huge-Regular.otf")).unwrap();
    f.set_len(MAX_FONT_BYTES + 1).unwrap();
    refused(
        &c,
        &["--font-dir", fonts.to_str().unwrap()],
        &[
            "Huge-Regular.otf",
            &format!("more than the {MAX_FONT_BYTES} bytes a font file may have"),
        ],
    );
}
