//! The import rules ARCHITECTURE.md states, checked on the source: a stage may use only
//! the stages before it, so a new backend or kind stays additive. A rule broken here is
//! either a mistake in the code or a change of shape to write into ARCHITECTURE.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The crate's top-level modules each module's code (tests and comments left out) names
/// through `crate::`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    for file in files {
        let rel = file.strip_prefix("src").expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a module name")
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(&file).expect("source is UTF-8");
        // Unit tests may reach anywhere; the rules are about the shipped code.
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(i) => &text[..i],
            None => &text[..],
        };
        let deps = out.entry(top.clone()).or_default();
        for line in code.lines() {
            let line = line.split("//").next().unwrap_or_default();
            let mut rest = line;
            while let Some(i) = rest.find("crate::") {
                rest = &rest[i + "crate::".len()..];
                if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    for name in group[..end].split(',') {
                        push(deps, &top, name);
                    }
                } else {
                    push(deps, &top, rest);
                }
            }
        }
    }
    out
}

fn push(deps: &mut BTreeSet<String>, top: &str, path: &str) {
    let name: String = path
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    if !name.is_empty() && name != top {
        deps.insert(name);
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn each_stage_imports_only_what_architecture_md_allows() {
    let graph = imports();
    // module: what it may import (ARCHITECTURE.md, "Who may import whom").
    let allowed: &[(&str, &[&str])] = &[
        ("types", &[]),
        ("error", &["compose", "diag"]),
        ("diag", &["error"]),
        ("clock", &["error"]),
        ("input", &["error"]),
        ("content", &["clock", "diag", "error", "input", "types"]),
        ("qr", &["error"]),
        ("compose", &["content", "error", "qr", "types"]),
        (
            "layout",
            &["compose", "content", "error", "input", "qr", "types"],
        ),
        ("readback", &["content", "error", "layout", "types"]),
        (
            "checklist",
            &["content", "error", "layout", "readback", "types"],
        ),
        ("render", &["clock", "error", "layout", "types"]),
        ("impose", &["error", "layout", "types"]),
        ("preview", &["error"]),
        ("bundled", &["error"]),
        (
            "project",
            &["bundled", "compose", "content", "error", "input", "types"],
        ),
    ];
    let mut broken = Vec::new();
    for (module, may) in allowed {
        let Some(uses) = graph.get(*module) else {
            broken.push(format!("{module}: no such module"));
            continue;
        };
        for used in uses {
            if !may.contains(&used.as_str()) {
                broken.push(format!("{module} imports {used}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "import rules broken: {broken:?}\n{graph:#?}"
    );
}

#[test]
fn only_the_command_line_knows_clap() {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    let mut found = Vec::new();
    for file in files {
        if file.starts_with("src/cli") || file == Path::new("src/main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source is UTF-8");
        if text.contains("clap::") || text.contains("use clap") {
            found.push(file.display().to_string());
        }
    }
    assert!(found.is_empty(), "the library uses clap in {found:?}");
}

/// The rule checker sees a forbidden import: it is not a test that cannot fail.
#[test]
fn the_checker_finds_an_import() {
    let mut deps = BTreeSet::new();
    push(&mut deps, "render", "compose::Document;");
    push(&mut deps, "render", "render::x");
    assert_eq!(deps.into_iter().collect::<Vec<_>>(), ["compose"]);
}
