//! The `bridgeprint` command line: parse arguments, call the library, report.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
