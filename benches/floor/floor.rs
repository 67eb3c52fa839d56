//! The floor of a one-card process: what `bridgeprint build --force --kind card --locale en`
//! cannot avoid doing, and nothing else. `cargo bench` compiles it with `rustc -O` (no
//! crates) and times it as it times bridgeprint's card.
//!
//! It execs (a small binary: no 47 MB executable, no relocations of its crates), reads the
//! content files a card build reads (`materials/*.toml`, `materials/en/*.toml`), touches
//! every byte of the two faces a card prints (compiled in, as bridgeprint's are), and
//! writes a file of the card's size the way a build does: the output folder's lock, the
//! PDF and the manifest each written to a temporary name, synced and renamed, and the
//! folders synced (eight `fsync` calls, as bridgeprint makes for one card). No parsing,
//! checking, shaping, layout, QR code, compression or hashing: those are the work.
//!
//! Usage: `floor MATERIALS OUT BYTES [--no-sync]`.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

static REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

fn durable(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut f = File::create(&tmp)?;
    f.write_all(bytes)?;
    if sync {
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if sync {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let materials = Path::new(&args[1]);
    let out = Path::new(&args[2]);
    let size: usize = args[3].parse().unwrap_or(34_554);
    let sync = !args.iter().any(|a| a == "--no-sync");

    let mut read = 0usize;
    for dir in [materials.to_path_buf(), materials.join("en")] {
        let mut names: Vec<_> = fs::read_dir(&dir)?.flatten().map(|e| e.path()).collect();
        names.sort();
        for p in names.iter().filter(|p| p.extension().is_some_and(|x| x == "toml")) {
            read += fs::read_to_string(p)?.len();
        }
    }
    let touched: u64 = REGULAR.iter().chain(BOLD).map(|b| u64::from(*b)).sum();

    fs::create_dir_all(out.join("en"))?;
    let lock = OpenOptions::new().create(true).truncate(false).write(true).open(out.join(".bridgeprint.lock"))?;
    lock.try_lock().map_err(|_| std::io::Error::other("locked"))?;
    let mut pdf = vec![b' '; size];
    pdf[..8].copy_from_slice(b"%PDF-1.7");
    pdf[size - 1] = (touched as usize ^ read) as u8;
    let manifest = format!("{{\"files\":[{{\"path\":\"en/card.pdf\",\"bytes\":{size}}}]}}\n");
    let pdf_path = out.join("en").join("card.pdf");
    // The manifest names the new file before it is renamed in, then again once complete,
    // as `write::write_all` and `build::write_set` do.
    let dir = out.join("en");
    let tmp = dir.join(format!(".card.pdf.{}.tmp", std::process::id()));
    let mut f = File::create(&tmp)?;
    f.write_all(&pdf)?;
    if sync {
        f.sync_all()?;
    }
    durable(&out.join(".bridgeprint-manifest.json"), manifest.as_bytes(), sync)?;
    fs::rename(&tmp, &pdf_path)?;
    if sync {
        File::open(out)?.sync_all()?;
        File::open(&dir)?.sync_all()?;
    }
    durable(&out.join(".bridgeprint-manifest.json"), manifest.as_bytes(), sync)?;
    Ok(())
}
