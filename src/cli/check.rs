//! `bridgeprint check`: validate without writing.

use bridgeprint::{CheckLimits, CheckReport, Diagnostic, Error, Errors, Kind, Paper};
use serde::Serialize;

use super::args::{ContentArgs, ReportArgs, or_project, placed, setup};
use super::report;

/// Validate all content and lay out every document in memory, writing nothing.
///
/// Checks every file for syntax, unknown or missing keys, every contact for a valid number
/// with a source and date, and lays out every kind in every locale on every paper, and
/// every locale beside English as a bilingual card and poster (en+vi and vi+en), so text
/// that would not fit is found before a print run. `--kind`, `--locale`, `--paper`
/// and `--edition` limit the layout to what is printed (every document is still read and validated).
/// Exit status 1 when anything is wrong.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentArgs,
    /// Only lay out these kinds (repeatable, or a comma list). Default: all.
    #[arg(long, value_name = "KIND", value_parser = super::build::kinds(), value_delimiter = ',', ignore_case = true)]
    kind: Vec<Kind>,
    /// Only lay out these locales or pairs such as `en+es`, in any case (repeatable, or a
    /// comma list: `es,vi,en+es`). Default: every locale, and each beside English both
    /// ways round.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    locale: Vec<String>,
    /// Only lay out posters and handouts on these papers (repeatable, or a comma list).
    /// Default: all.
    #[arg(long, value_name = "PAPER", value_parser = super::build::papers(), value_delimiter = ',', ignore_case = true)]
    paper: Vec<Paper>,
    /// Only lay out cards and safety cards in these sizes (`cr80`, `business`; repeatable,
    /// or a comma list). Default: both.
    #[arg(long, value_name = "SIZE", value_parser = super::build::card_sizes(), value_delimiter = ',', ignore_case = true)]
    card_size: Vec<Paper>,
    /// Only lay out these audience editions (repeatable, or a comma list; `general`,
    /// `all`). Default: every edition each locale has.
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    edition: Vec<String>,
    #[command(flatten)]
    print: super::args::PrintArgs,
    #[command(flatten)]
    report: ReportArgs,
    /// Measure the notice under this legal profile (`list --profiles`) and print its
    /// checklist: each rule of the law with PASS or FAIL, what was measured on which page
    /// and what the law expects. Exit status 1 when a rule fails. Writes nothing.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// With --profile: measure an unofficial rendering where the official text is missing.
    #[arg(long, requires = "profile")]
    allow_unofficial: bool,
}

pub fn run(args: Args) -> Result<(), Errors> {
    let start = std::time::Instant::now();
    report::set_mode(args.report.mode());
    if let Some(name) = &args.profile {
        return checklist(&args, name);
    }
    let checked = check(&args);
    // A check that found only warnings fails with --deny-warnings, as a build does.
    let denied = match &checked {
        Ok(c) if args.report.deny_warnings && !c.warnings.is_empty() => {
            Some(Errors::from(Error::WarningsDenied(c.warnings.clone())))
        }
        _ => None,
    };
    if args.report.json {
        let object = json_report(&checked, denied.as_ref(), start.elapsed().as_secs_f64());
        report::json(&object);
    }
    let checked = checked?;
    if let Some(denied) = denied {
        return Err(denied);
    }
    report::diagnostics(&checked.warnings);
    report::summary(&format!(
        "checked {}, {}: all fit",
        report::count(checked.locales, "locale"),
        report::count(checked.documents, "document")
    ));
    Ok(())
}

fn check(args: &Args) -> Result<CheckReport, Errors> {
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    // The project's `[build]` says what the organisation prints: check that, as build
    // would make it, unless a flag says otherwise.
    // A project checks the card sizes it builds: CR80 unless its `card_sizes` says;
    // without one, both sizes are laid out.
    let card_sizes = match project {
        Some(p) if args.card_size.is_empty() && p.card_sizes.is_empty() => vec![Paper::Cr80],
        _ => args.card_size.clone(),
    };
    let limits = CheckLimits {
        kinds: or_project(&args.kind, project, |p| &p.kinds),
        locales: or_project(&args.locale, project, |p| &p.locales),
        papers: super::build::sheets_and_sizes(project, &args.paper, &card_sizes),
        setup: setup(project, &args.print),
        local: project.and_then(|p| p.local.clone()),
        // A project whose `[build]` names no edition builds the general one: check that.
        // Without a project, every edition each locale has is laid out.
        editions: match (project, args.edition.is_empty()) {
            (Some(p), true) if p.editions.is_empty() => vec!["general".to_string()],
            _ => or_project(&args.edition, project, |p| &p.editions),
        },
        organisation: project.and_then(|p| p.organisation.clone()),
    };
    bridgeprint::check_limited(
        materials.path(),
        args.content.strict(project),
        &args.content.font_dirs(project),
        &limits,
    )
    .map_err(|e| placed(e, &args.locale, project, materials.path()))
}

/// The `--json` object of a check (README, "Output a script can read"): what was laid out, and
/// what was found.
#[derive(Serialize)]
struct Json {
    version: u32,
    command: &'static str,
    ok: bool,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    totals: Totals,
    seconds: f64,
}

#[derive(Serialize)]
struct Totals {
    locales: usize,
    documents: usize,
    warnings: usize,
    errors: usize,
}

fn json_report(
    checked: &Result<CheckReport, Errors>,
    denied: Option<&Errors>,
    seconds: f64,
) -> Json {
    let (locales, documents, warnings, errors) = match (checked, denied) {
        (Ok(c), None) => (
            c.locales,
            c.documents,
            c.warnings.iter().map(report::shown).collect(),
            Vec::new(),
        ),
        (Ok(c), Some(e)) => {
            let (warnings, errors) = report::as_data(e);
            (c.locales, c.documents, warnings, errors)
        }
        (Err(e), _) => {
            let (warnings, errors) = report::as_data(e);
            (0, 0, warnings, errors)
        }
    };
    let warnings: Vec<Diagnostic> = warnings;
    Json {
        version: report::JSON_VERSION,
        command: "check",
        ok: errors.is_empty(),
        totals: Totals {
            locales,
            documents,
            warnings: warnings.len(),
            errors: errors.len(),
        },
        warnings,
        errors,
        seconds,
    }
}

/// `check --profile NAME`: each notice's checklist, a line a rule.
fn checklist(args: &Args, name: &str) -> Result<(), Errors> {
    let (project, materials) = args.content.materials.resolve()?;
    let project = project.as_ref();
    let opts = bridgeprint::BuildOptions {
        materials: materials.path().to_path_buf(),
        out: std::path::PathBuf::new(),
        kinds: Vec::new(),
        locales: args.locale.clone(),
        papers: Vec::new(),
        editions: Vec::new(),
        strict: args.content.strict(project),
        font_dirs: args.content.font_dirs(project),
        lock_timeout: std::time::Duration::ZERO,
        local: project.and_then(|p| p.local.clone()),
        setup: setup(project, &args.print),
        output: Default::default(),
        organisation: None,
        deny_warnings: args.report.deny_warnings,
        force: true,
        clean: None,
        impose: None,
        notice: Some(bridgeprint::build::NoticeRequest {
            profile: name.to_string(),
            allow_unofficial: args.allow_unofficial,
            project: project.and_then(|p| p.notice.clone()),
        }),
    };
    let (citation, lists, warnings) = bridgeprint::build::check_profile(&opts)?;
    report::diagnostics(&warnings);
    let mut failed = Vec::new();
    for (document, list) in &lists {
        println!("{document}:");
        print!("{list}");
        if !list.passed() {
            failed.push(Error::Unmet {
                profile: list.profile.clone(),
                citation: citation.clone(),
                document: document.clone(),
                unmet: list.failed().map(|r| r.name.clone()).collect(),
            });
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Errors(failed))
    }
}
