//! `bridgeprint calibrate`: the duplex test sheet for `build --impose`.

use std::path::PathBuf;

use bridgeprint::Errors;
use bridgeprint::impose::{Flip, Sheet};

use super::build::{flips, sheets};
use super::report;

/// Write a one-sheet duplex calibration PDF: print it on both sides and hold it to the light.
///
/// The front page outlines each card slot of the sheet and numbers it (FRONT 1, FRONT 2,
/// ...); the back page numbers the same slots where a duplex print turned over the given
/// edge lands them (BACK 1 behind FRONT 1). Arrows mark the edge to feed first. When
/// every number and cross on the back sits behind its twin on the front, `build --impose
/// SHEET --flip EDGE` prints each card's back behind its front on this printer; when
/// they sit mirrored, try the other `--flip`. Prints the path written.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The sheet to test: `letter`, `a4` (wallet-card slots) or a stock preset.
    #[arg(long, value_name = "SHEET", value_parser = sheets(), ignore_case = true, default_value = "letter")]
    sheet: Sheet,
    /// The edge the duplex printer turns the sheet over.
    #[arg(long, value_name = "EDGE", value_parser = flips(), ignore_case = true, default_value = "long")]
    flip: Flip,
    /// Where to write the PDF. Default: calibration-SHEET-EDGE.pdf in the current folder.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let epoch = bridgeprint::clock::source_date_epoch()?;
    let bytes = bridgeprint::Engine::new().calibration(&args.sheet, args.flip, epoch)?;
    let out = args.out.unwrap_or_else(|| {
        PathBuf::from(format!(
            "calibration-{}-{}.pdf",
            args.sheet.name,
            args.flip.name()
        ))
    });
    bridgeprint::write::atomic_write(&out, &bytes)?;
    report::result(&out.display().to_string());
    Ok(())
}
