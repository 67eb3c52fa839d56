//! `bridgeprint list`: what can be built.

use bridgeprint::{Errors, Paper};

use super::args::MaterialsArg;

/// Show the kinds, the locales with their translation status, and the papers.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    materials: MaterialsArg,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let (_, materials) = args.materials.resolve()?;
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
    Ok(())
}
