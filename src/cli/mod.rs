//! The command line, one file per subcommand. Each translates arguments into a library
//! call; all the work is in the library.

mod args;
mod build;
mod calibrate;
mod check;
mod completions;
mod i18n;
mod init;
mod list;
mod new_locale;
mod preview;
mod progress;
mod report;
mod schema;
mod watch;

use clap::{Parser, Subcommand};

/// Exit status when the content is invalid or a document cannot be laid out or written.
pub const EXIT_CONTENT: u8 = 1;
/// Exit status for a bad command line (clap uses it too).
pub const EXIT_USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Examples:
  bridgeprint init my-project                a project to edit: bridgeprint.toml, materials/, fonts/
  bridgeprint build                          every kind, every locale, Letter, into output/
  bridgeprint build --locale es --kind card  output/es/card.pdf only
  bridgeprint build --paper a4 --out print   posters and handouts on A4, into print/
  bridgeprint check                          validate everything, write nothing
  bridgeprint list                           kinds, locales (with translation status), papers

Exit status: 0 success; 1 invalid content, or a document that cannot be laid out or
written; 2 a bad command line.";

/// Print-ready counter-trafficking outreach materials from TOML content.
///
/// bridgeprint turns the content in a materials folder (one folder per language, plus
/// contacts.toml with every phone number) into PDFs: wallet cards, posters, handouts, a
/// discreet safety card, tear-off flyers and stickers, with QR codes that dial the hotline
/// or open a text. It works offline; fonts and the default materials are bundled. A project's bridgeprint.toml (in the current folder or a
/// parent, or --project DIR) sets the defaults; flags override it.
#[derive(Debug, Parser)]
#[command(name = "bridgeprint", version, after_help = AFTER_HELP, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    Calibrate(calibrate::Args),
    Init(init::Args),
    List(list::Args),
    Preview(preview::Args),
    Watch(watch::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
    Schema(schema::Args),
    I18n(i18n::Args),
    NewLocale(new_locale::Args),
}

pub fn run() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return std::process::ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build(args) => build::run(args).map(drop),
        Command::Check(args) => check::run(args),
        Command::Calibrate(args) => calibrate::run(args),
        Command::Init(args) => init::run(args),
        Command::List(args) => list::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
        Command::Schema(args) => schema::run(args),
        Command::I18n(args) => i18n::run(args),
        Command::NewLocale(args) => new_locale::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(errors) => {
            report::errors(&errors);
            std::process::ExitCode::from(report::exit_code(&errors))
        }
    }
}
