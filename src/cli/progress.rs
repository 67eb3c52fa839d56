//! A progress bar for a person waiting on a long build: on stderr, only when stderr is a
//! terminal, only for `Mode::Person`, and only once the build has run half a second, so
//! a quick build, a pipe, a log file, `--quiet` and `--json` never see one.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::report::Mode;

/// A build shorter than this shows no bar: it would only flicker.
pub const AFTER: Duration = Duration::from_millis(500);

/// A bar drawn once the build is slow enough, fed by `Hooks::progress` (from any thread).
pub struct Progress {
    start: Instant,
    /// Whether anything may be drawn at all (a terminal, a person).
    terminal: bool,
    bar: Mutex<Option<indicatif::ProgressBar>>,
}

impl Progress {
    pub fn new(mode: Mode) -> Self {
        use std::io::IsTerminal;
        Progress {
            start: Instant::now(),
            terminal: mode == Mode::Person && std::io::stderr().is_terminal(),
            bar: Mutex::new(None),
        }
    }

    /// `done` documents of `total` are made. Documents made in parallel may report out of
    /// order: the bar never goes back.
    pub fn update(&self, done: usize, total: usize) {
        if !shows(self.terminal, self.start.elapsed()) {
            return;
        }
        let mut bar = self.bar.lock().unwrap_or_else(PoisonError::into_inner);
        let bar = bar.get_or_insert_with(|| new_bar(total));
        if done as u64 > bar.position() {
            bar.set_position(done as u64);
        }
    }

    /// Takes the bar off the screen before the result or the errors are printed.
    pub fn finish(&self) {
        let mut bar = self.bar.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bar) = bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Whether a bar is drawn: on a terminal, once the build has run [`AFTER`].
fn shows(terminal: bool, elapsed: Duration) -> bool {
    terminal && elapsed >= AFTER
}

fn new_bar(total: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    // The template is a constant: it parses, and a failure would only cost the style.
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{prefix}[{bar:30}] {pos}/{len} documents {elapsed}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("building ");
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_waits_half_a_second_and_needs_a_terminal() {
        assert!(!shows(true, Duration::from_millis(499)));
        assert!(shows(true, AFTER));
        assert!(!shows(false, Duration::from_secs(60)));
    }
}
