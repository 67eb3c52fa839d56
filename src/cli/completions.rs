//! `bridgeprint completions SHELL` and `bridgeprint man`: both generated from the clap
//! definitions, so a new flag or kind is in them the day it is in `--help`.

use std::path::PathBuf;

use bridgeprint::{Error, Errors};
use clap::CommandFactory;
use clap_complete::Shell;

use super::report;

/// Print a shell's completion script on stdout.
///
/// Completes subcommands, flags and the values of --kind and --paper. Install, then open
/// a new shell:
///   bash:  bridgeprint completions bash > ~/.local/share/bash-completion/completions/bridgeprint
///   zsh:   bridgeprint completions zsh > ~/.zfunc/_bridgeprint   (with fpath+=~/.zfunc before compinit)
///   fish:  bridgeprint completions fish > ~/.config/fish/completions/bridgeprint.fish
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_name = "SHELL")]
    shell: Shell,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let mut cmd = super::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "bridgeprint", &mut script);
    // A script, not lines of a result: passed byte for byte even on a terminal. A closed
    // pipe (`| head`) is the reader's choice, not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
    Ok(())
}

/// Write the manual pages: bridgeprint.1 and one page per subcommand (bridgeprint-build.1).
///
/// Read one with `man -l DIR/bridgeprint.1`, or copy them into a folder of MANPATH
/// (~/.local/share/man/man1) and run `man bridgeprint`. Prints each file written.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Where the pages go; created if missing.
    #[arg(long, value_name = "DIR", default_value = "man")]
    out: PathBuf,
}

pub fn man(args: ManArgs) -> Result<(), Errors> {
    let cmd = super::Cli::command();
    let write_failed = |path: PathBuf, source| Errors::from(Error::Write { path, source });
    std::fs::create_dir_all(&args.out).map_err(|e| write_failed(args.out.clone(), e))?;
    let mut pages = vec![(String::from("bridgeprint"), cmd.clone())];
    for sub in cmd.get_subcommands() {
        // Each page's name and usage line say the full command: `bridgeprint build`.
        let name = format!("bridgeprint-{}", sub.get_name());
        // clap names a command with a `&'static str`; a handful of page names live as long
        // as this one-shot process anyway.
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        let full = sub
            .clone()
            .name(leaked)
            .bin_name(format!("bridgeprint {}", sub.get_name()));
        pages.push((name, full));
    }
    for (name, page) in pages {
        let mut roff = Vec::new();
        clap_mangen::Man::new(page)
            .title(name.to_uppercase())
            .render(&mut roff)
            .map_err(|e| write_failed(args.out.clone(), e))?;
        let path = args.out.join(format!("{name}.1"));
        bridgeprint::write::atomic_write(&path, &roff)?;
        report::result(&path.display().to_string());
    }
    Ok(())
}
