//! The poster's identity: its page used to the foot. A one-language poster once left its
//! bottom 15 % empty (the lists ended there, the room under them unused), which reads as
//! a template; every one-language poster now carries ink down to near its safe area's
//! foot, in every locale and paper.

use bridgeprint::layout::{Elem, Fonts, visit};
use bridgeprint::{Engine, Kind};

/// The most of the safe area's height a poster may leave empty above its foot.
const EMPTY_FOOT: f32 = 0.07;

#[test]
fn every_one_language_poster_is_used_to_its_foot() {
    let content = bridgeprint::content::load(std::path::Path::new("materials"))
        .expect("bundled materials load");
    let mut engine = Engine::new();
    let mut fonts = Fonts::new();
    let mut faults = Vec::new();
    for (locale, kind, paper) in bridgeprint::every_document(&content) {
        if kind != Kind::Poster {
            continue;
        }
        let laid = match engine.lay_out(&content, &[locale], kind, paper) {
            Ok(laid) => laid,
            Err(e) => {
                faults.push(format!("{} poster {}: {e}", locale.meta.tag, paper.name()));
                continue;
            }
        };
        let page = &laid.pages[0];
        let inset = kind.safe_inset(paper, 1);
        let safe_top = inset;
        let safe_bottom = page.size.h - inset;
        let mut lowest = f32::MIN;
        visit(&page.elems, &mut |e, to_page| {
            let Elem::Glyphs(run) = e else { return };
            // The draft notice sits in the foot's band whatever the poster holds.
            if run.key.as_ref() == bridgeprint::compose::DRAFT_NOTICE_KEY {
                return;
            }
            for ink in fonts.glyph_ink(run).into_iter().flatten() {
                lowest = lowest.max(to_page.bounds(ink.rect()).bottom());
            }
        });
        let empty = (safe_bottom - lowest) / (safe_bottom - safe_top);
        if empty > EMPTY_FOOT {
            faults.push(format!(
                "{} poster {}: lowest ink {lowest:.0} pt, {:.1} % of the safe area empty above its foot",
                locale.meta.tag,
                paper.name(),
                empty * 100.0
            ));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
