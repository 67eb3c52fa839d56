//! `bridgeprint list`: what can be built.

use bridgeprint::{Errors, Paper};

use super::args::MaterialsArg;

/// Show the kinds, the locales with their translation status, the audience editions with
/// the locales that have each, and the papers.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    materials: MaterialsArg,
    /// Show the legal profiles instead (`build --profile NAME`): each law's citation, how
    /// sure its sources are, and the date its text was checked.
    #[arg(long)]
    profiles: bool,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let (_, materials) = args.materials.resolve()?;
    if args.profiles {
        return profiles(materials.path());
    }
    let content = bridgeprint::content::load(materials.path())?;
    println!("kinds:");
    for spec in bridgeprint::compose::REGISTRY {
        println!("  {:<10} {}", spec.name, spec.description);
    }
    println!("locales:");
    for l in &content.locales {
        println!(
            "  {:<10} {:<9} {} ({}){}",
            l.meta.tag,
            l.meta.status.as_str(),
            super::report::escape(&l.meta.name),
            super::report::escape(&l.meta.native_name),
            if l.meta.direction == bridgeprint::content::Direction::Rtl {
                ", right-to-left"
            } else {
                ""
            }
        );
    }
    println!("editions:");
    println!(
        "  {:<12} the red flags of red_flags.toml (every locale)",
        bridgeprint::content::editions::GENERAL
    );
    for e in &content.editions {
        let have: Vec<&str> = content
            .locales
            .iter()
            .filter(|l| bridgeprint::content::editions::has(l, &e.name))
            .map(|l| l.meta.tag.as_str())
            .collect();
        println!(
            "  {:<12} {} ({}; locales: {})",
            e.name,
            super::report::escape(&e.audience),
            super::report::escape(&e.source),
            if have.is_empty() {
                "none yet".to_string()
            } else {
                have.join(", ")
            }
        );
    }
    println!("papers:");
    for p in Paper::ALL {
        let s = p.size();
        println!(
            "  {:<10} {:.0} x {:.0} mm",
            p.name(),
            s.w / bridgeprint::compose::MM,
            s.h / bridgeprint::compose::MM
        );
    }
    println!("card sizes (--card-size, for card and safety-card):");
    for p in Paper::CARDS {
        println!("  {:<10} {}", p.name(), p.help());
    }
    Ok(())
}

/// `list --profiles`: one line a profile, then its title and what it still lacks.
fn profiles(materials: &std::path::Path) -> Result<(), Errors> {
    let all = bridgeprint::profile::load_all(materials)?;
    println!(
        "legal profiles (build --profile NAME; not legal advice: check each against the state's current text):"
    );
    for p in &all {
        println!(
            "  {:<16} {:<28} confidence {:<6} checked {}  {} ({}; {})",
            p.name,
            super::report::escape(&p.citation),
            p.confidence.name(),
            p.checked,
            super::report::escape(&p.title),
            p.wording.name(),
            p.kind,
        );
    }
    Ok(())
}
