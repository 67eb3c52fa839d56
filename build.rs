//! Compiles the bundled materials into the binary: writes `$OUT_DIR/bundled.rs`, a table
//! of every file under `materials/` (path relative to it, bytes by `include_bytes!`), so an
//! installed binary builds, checks and `init`s in any folder. Generated rather than
//! written by hand so a file added to the materials cannot be left out of the binary.

use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("materials");
    // A folder: cargo rebuilds when any file under it changes, is added or removed.
    println!("cargo::rerun-if-changed=materials");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut table = String::from("&[\n");
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under materials/");
        let parts: Vec<String> = relative
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_str()
                    .expect("bundled file names are UTF-8")
                    .to_string()
            })
            .collect();
        table.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            parts.join("/"),
            file.display().to_string()
        ));
    }
    table.push(']');
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("bundled.rs"), table).expect("write bundled.rs");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read materials/") {
        let path = entry.expect("materials/ entry").path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
