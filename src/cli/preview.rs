//! `bridgeprint preview`: build, then every page of each PDF as a PNG beside it.

use std::path::{Path, PathBuf};

use bridgeprint::build::Output;
use bridgeprint::preview::{self, DPI_RANGE, Options};
use bridgeprint::{Error, Errors};

use super::report;

/// Build, then write each page of every PDF as a PNG beside it.
///
/// Builds as `build` does, then writes every page of each PDF it answers for as a PNG
/// beside it: es/card.pdf gives es/card-1.png (front) and es/card-2.png (back),
/// en/poster.pdf gives en/poster-1.png. The pictures are rendered from the PDF files themselves, in this program (no PDF
/// viewer or system tool needed). Prints the path of each PDF, then of each PNG, on
/// stdout.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    build: super::build::Args,
    /// Pixels per inch of the pictures (10 to 1200). 100 shows a card at about the size
    /// it prints on most screens; 300 is print resolution.
    #[arg(long, value_name = "N", default_value = "100", value_parser = dpi)]
    dpi: f32,
    /// Draw where the cutter trims (solid magenta) and the safe area that must keep clear
    /// of it (dashed cyan): on a card the ISO wallet-card size inside its bleed; on a
    /// poster or handout the margin an office printer needs.
    // Not with --impose: a sheet holds many cards, and the marks are one card's.
    #[arg(long, conflicts_with = "impose")]
    trim: bool,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let start = std::time::Instant::now();
    if !preview::AVAILABLE {
        // Said before building: a build the user did not ask for is no answer.
        return Err(Error::PreviewUnavailable.into());
    }
    let built = super::build::run(args.build)?;
    let mut written = 0;
    for output in &built.files {
        let opts = Options {
            dpi: args.dpi,
            safe: args.trim.then(|| safe_inset(output)),
        };
        let pdf = std::fs::read(&output.path).map_err(|source| Error::Read {
            path: output.path.clone(),
            source,
        })?;
        for (index, page) in preview::pages(&pdf, &output.path, &opts)?
            .iter()
            .enumerate()
        {
            let path = png_path(&output.path, index + 1);
            bridgeprint::write::atomic_write(&path, &page.png)?;
            report::result(&path.display().to_string());
            written += 1;
        }
    }
    report::summary(&format!(
        "wrote {} at {} dpi in {:.2} s",
        report::count(written, "PNG page"),
        args.dpi,
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// The safe area of the output's kind, in points inside the trim.
fn safe_inset(output: &Output) -> f32 {
    let languages = output.locale.split('+').count();
    let paper = output.paper.unwrap_or(bridgeprint::Paper::Letter);
    output.kind.safe_inset(paper, languages)
}

/// `es/card.pdf`, page 2 → `es/card-2.png`: beside the PDF, numbered from 1, so a
/// folder listing shows a document's pages together and in order.
fn png_path(pdf: &Path, page: usize) -> PathBuf {
    let stem = pdf
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    pdf.with_file_name(format!("{stem}-{page}.png"))
}

/// `--dpi`: a resolution in [`DPI_RANGE`].
fn dpi(s: &str) -> Result<f32, String> {
    s.parse::<f32>()
        .ok()
        .filter(|n| DPI_RANGE.contains(n))
        .ok_or_else(|| {
            format!(
                "`{s}` is not a resolution from {} to {} dpi",
                DPI_RANGE.start(),
                DPI_RANGE.end()
            )
        })
}
