//! The tools around a build: `preview` (PNG pages), `watch`, `completions`, `man` and
//! `schema`, each through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::cli::bp;
use crate::common::materials::{self, BUNDLED};
use crate::common::pdf;

/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;

/// A decoded PNG: size and 8-bit RGB pixels.
struct Picture {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

fn read_png(path: &Path) -> Picture {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.color_type, png::ColorType::Rgb, "{}", path.display());
    buf.truncate(info.buffer_size());
    Picture {
        width: info.width,
        height: info.height,
        rgb: buf,
    }
}

impl Picture {
    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * self.width + x) * 3) as usize;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// Every QR code in the picture, sorted.
    fn qr_payloads(&self) -> Vec<String> {
        let luma: Vec<u8> = self
            .rgb
            .chunks(3)
            .map(|p| {
                ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000)
                    as u8
            })
            .collect();
        let mut found: Vec<String> =
            match rxing::helpers::detect_multiple_in_luma(luma, self.width, self.height) {
                Ok(results) => results.iter().map(|r| r.getText().to_owned()).collect(),
                Err(rxing::Exceptions::NotFoundException(_)) => Vec::new(),
                Err(e) => panic!("QR decoding failed: {e}"),
            };
        found.sort();
        found
    }
}

#[test]
fn preview_writes_each_card_page_as_a_png_of_the_card_with_its_bleed_and_codes_that_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let ran = bp()
        .arg("preview")
        .materials(BUNDLED)
        .out(&out)
        .args(["--locale", "en", "--kind", "card"])
        .passes();
    let pngs = [out.join("en/card-1.png"), out.join("en/card-2.png")];
    for png in &pngs {
        assert!(
            ran.stdout.lines().any(|l| Path::new(l) == png),
            "stdout names {}:\n{}",
            png.display(),
            ran.stdout
        );
    }
    assert!(!out.join("en/card-3.png").exists(), "a card has two sides");
    // CR80 (85.6 x 53.98 mm) with 0.125 in of bleed all round, at 100 dpi.
    let bleed_in = 0.125;
    let expect = |mm: f64| ((mm * PT_PER_MM / 72.0 + 2.0 * bleed_in) * 100.0).floor() as u32;
    let pdf_bytes = std::fs::read(out.join("en/card.pdf")).unwrap();
    let in_pdf = pdf::qr_payloads(&pdf_bytes, 300.0);
    for (page, png) in pngs.iter().enumerate() {
        let pic = read_png(png);
        assert_eq!(
            (pic.width, pic.height),
            (expect(85.6), expect(53.98)),
            "{}",
            png.display()
        );
        let codes = pic.qr_payloads();
        assert!(!codes.is_empty(), "{}: no QR code read", png.display());
        assert_eq!(
            codes,
            in_pdf[page],
            "{}: the codes the PDF holds",
            png.display()
        );
    }
    assert!(
        in_pdf.concat().iter().any(|c| c.contains("18883737888")),
        "{in_pdf:?}"
    );
}

#[test]
fn preview_trim_draws_the_trim_and_the_safe_area_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let magenta = [236, 0, 140];
    let cyan = [0, 160, 227];
    let mut seen = Vec::new();
    for trim in [false, true] {
        let out = tmp.path().join(format!("out-{trim}"));
        let mut run = bp()
            .arg("preview")
            .materials(BUNDLED)
            .out(&out)
            .args(["--locale", "en", "--kind", "card", "--dpi", "144"]);
        if trim {
            run = run.arg("--trim");
        }
        run.passes();
        let pic = read_png(&out.join("en/card-2.png"));
        // At 144 dpi a point is 2 px: the trim is 9 pt (18 px) in, the safe area 9.5 pt
        // further (19 px).
        let mid = pic.height / 2;
        seen.push((pic.at(18, mid), pic.at(18 + 19, mid), pic.at(mid, 18)));
    }
    let (plain, marked) = (seen[0], seen[1]);
    assert_eq!(
        marked.0, magenta,
        "trim at the bleed's inner edge: {marked:?}"
    );
    assert_eq!(marked.2, magenta, "trim along the top: {marked:?}");
    assert_eq!(marked.1, cyan, "safe area inside it: {marked:?}");
    assert!(
        plain.0 != magenta && plain.1 != cyan,
        "no marks without --trim: {plain:?}"
    );
}

#[test]
fn preview_refuses_a_resolution_out_of_range_as_a_usage_error() {
    bp().args(["preview", "--dpi", "5"]).status(2);
}

/// Kills the watch when a test fails, so no process outlives the test run.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until `ready` holds, or fails after `limit` (the hang guard).
fn wait_for(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < limit,
            "gave up after {limit:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_on_save_survives_an_error_and_ends_on_ctrl_c_with_status_0() {
    let case = materials::copy();
    let log = case.dir.path().join("watch.log");
    let child = bp()
        .arg("watch")
        .materials(&case.materials)
        .out(&case.out)
        .args(["--locale", "en", "--kind", "card"])
        .command()
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start watch");
    let mut watching = Watching(child);
    let card = case.out.join("en/card.pdf");
    let limit = Duration::from_secs(120);
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_for("the first build", limit, || stderr().contains("watching"));
    let first = std::fs::read(&card).expect("the first build wrote the card");

    // A typo: the error is printed, the card stays, the watch goes on.
    let texts = case.materials.join("en/texts.toml");
    let good = std::fs::read_to_string(&texts).unwrap();
    std::fs::write(
        &texts,
        good.replacen("front_heading =", "front_headng =", 1),
    )
    .unwrap();
    wait_for("the error to be printed", limit, || {
        stderr().contains("front_headng")
    });
    assert!(
        watching.0.try_wait().unwrap().is_none(),
        "an error ends no watch:\n{}",
        stderr()
    );
    assert_eq!(
        std::fs::read(&card).unwrap(),
        first,
        "a failed build replaces nothing"
    );

    // Fixed, with a new heading: the card changes to say it.
    let heading = good
        .lines()
        .find_map(|l| l.strip_prefix("front_heading = "))
        .expect("the fixture's card has a front heading")
        .to_string();
    std::fs::write(&texts, good.replacen(&heading, "\"WATCHED\"", 1)).unwrap();
    wait_for("the card to be rebuilt", limit, || {
        assert!(
            watching.0.try_wait().unwrap().is_none(),
            "the watch ended after an error:\n{}",
            stderr()
        );
        std::fs::read(&card).is_ok_and(|now| now != first)
    });
    let text = pdf::page_text(&std::fs::read(&card).unwrap()).concat();
    assert!(
        text.contains("WATCHED"),
        "the rebuilt card prints the new heading: {text}"
    );

    // Ctrl-C.
    let pid = watching.0.id() as libc::pid_t;
    // SAFETY: signals the child this test started, by its id.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let mut status = None;
    wait_for("the watch to end", limit, || {
        status = watching.0.try_wait().unwrap();
        status.is_some()
    });
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "Ctrl-C ends it with 0:\n{}",
        stderr()
    );
}

#[test]
fn bash_completion_offers_every_subcommand_and_every_kind() {
    let script = bp().args(["completions", "bash"]).passes().stdout;
    // What `bridgeprint <Tab>` offers: the top level's word list.
    let top = script
        .lines()
        .find(|l| l.trim_start().starts_with("opts=\"-h -V --help --version"))
        .expect("the top level's words");
    for word in [
        "build",
        "check",
        "init",
        "list",
        "preview",
        "watch",
        "completions",
        "man",
        "schema",
    ] {
        assert!(
            top.split(['"', ' ']).any(|w| w == word),
            "subcommand {word} missing: {top}"
        );
    }
    // What `--kind <Tab>` offers, from the registry.
    let names: Vec<&str> = bridgeprint::Kind::ALL.iter().map(|k| k.name()).collect();
    let kinds = format!("compgen -W \"{}\"", names.join(" "));
    assert!(script.contains(&kinds), "{kinds} missing");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(
            !bp().args(["completions", shell]).passes().stdout.is_empty(),
            "{shell}"
        );
    }
}

#[test]
fn man_writes_a_page_for_the_program_and_each_subcommand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man");
    bp().args(["man", "--out"]).arg(&dir).passes();
    for name in [
        "bridgeprint",
        "bridgeprint-build",
        "bridgeprint-preview",
        "bridgeprint-schema",
    ] {
        let page = std::fs::read_to_string(dir.join(format!("{name}.1"))).unwrap();
        assert!(
            page.starts_with(".ie") || page.contains(".TH"),
            "{name}.1 is roff"
        );
    }
    let build = std::fs::read_to_string(dir.join("bridgeprint-build.1")).unwrap();
    assert!(
        build.contains("lock\\-timeout"),
        "the build page lists its flags"
    );
}

// ---- schema -------------------------------------------------------------------------

/// Where `value` breaks `schema` (the parts of JSON Schema draft 7 the derived schemas
/// use), as `key: why` lines; none when it passes.
fn violations(
    value: &serde_json::Value,
    schema: &serde_json::Value,
    root: &serde_json::Value,
    at: &str,
) -> Vec<String> {
    use serde_json::Value;
    let mut out = Vec::new();
    let Some(s) = schema.as_object() else {
        return out; // `true`: anything
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/definitions/");
        return violations(value, &root["definitions"][name], root, at);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array)
            && alts
                .iter()
                .all(|a| !violations(value, a, root, at).is_empty())
        {
            out.push(format!("{at}: matches none of {key}"));
        }
    }
    if let Some(allowed) = s.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        out.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let Some(c) = s.get("const")
        && c != value
    {
        out.push(format!("{at}: {value} is not {c}"));
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let is = |ty: &str| match ty {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "null" => value.is_null(),
            _ => true,
        };
        if !types.iter().any(|t| is(t)) {
            out.push(format!("{at}: {value} is not {types:?}"));
            return out;
        }
    }
    if let Some(obj) = value.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for req in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(req) = req.as_str().filter(|r| !obj.contains_key(*r)) {
                out.push(format!("{at}: `{req}` is required"));
            }
        }
        for (k, v) in obj {
            let here = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            match props.and_then(|p| p.get(k)) {
                Some(sub) => out.extend(violations(v, sub, root, &here)),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{here}: unknown key")),
                    Some(sub @ Value::Object(_)) => out.extend(violations(v, sub, root, &here)),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(sub)) = (value.as_array(), s.get("items")) {
        for (i, v) in items.iter().enumerate() {
            out.extend(violations(v, sub, root, &format!("{at}[{i}]")));
        }
    }
    out
}

/// A TOML file as the JSON an editor's schema check sees (dates as strings, as taplo
/// gives them).
fn as_json(toml_text: &str) -> serde_json::Value {
    fn convert(v: toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.into_iter().map(convert).collect(),
            toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, convert(v))).collect(),
        }
    }
    convert(toml::from_str::<toml::Value>(toml_text).expect("TOML"))
}

fn schema_of(dir: &Path, name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(format!("{name}.schema.json"))).unwrap();
    serde_json::from_str(&text).expect("JSON")
}

fn check(schemas: &Path, name: &str, file: &Path) -> Vec<String> {
    let schema = schema_of(schemas, name);
    violations(
        &as_json(&std::fs::read_to_string(file).unwrap()),
        &schema,
        &schema,
        "",
    )
}

#[test]
fn the_schemas_init_writes_accept_its_files_and_catch_a_misspelt_key() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    bp().arg("init").arg(&root).passes();
    let schemas = root.join("schemas");
    let materials = root.join("materials");

    // Everything init wrote passes: the project file and every file of `en`.
    assert_eq!(
        check(&schemas, "bridgeprint", &root.join("bridgeprint.toml")),
        Vec::<String>::new()
    );
    assert_eq!(
        check(&schemas, "contacts", &materials.join("contacts.toml")),
        Vec::<String>::new()
    );
    assert_eq!(
        check(&schemas, "editions", &materials.join("editions.toml")),
        Vec::<String>::new()
    );
    for file in [
        "locale",
        "texts",
        "types",
        "comparison",
        "red_flags",
        "report",
        "scale",
    ] {
        let path = materials.join(format!("en/{file}.toml"));
        assert_eq!(
            check(&schemas, file, &path),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }

    // A misspelt key, a wrong type and a missing required key are each caught.
    let texts = materials.join("en/texts.toml");
    let good = std::fs::read_to_string(&texts).unwrap();
    std::fs::write(
        &texts,
        good.replacen("front_heading =", "front_headng =", 1),
    )
    .unwrap();
    assert_eq!(
        check(&schemas, "texts", &texts),
        vec!["card.front_headng: unknown key".to_string()]
    );
    let project = root.join("bridgeprint.toml");
    let good = std::fs::read_to_string(&project).unwrap();
    std::fs::write(
        &project,
        good.replacen("strict = false", "strict = \"no\"", 1),
    )
    .unwrap();
    assert!(check(&schemas, "bridgeprint", &project)[0].starts_with("build.strict:"));
    let locale = materials.join("en/locale.toml");
    let good = std::fs::read_to_string(&locale).unwrap();
    std::fs::write(&locale, good.replacen("status = \"reviewed\"", "", 1)).unwrap();
    assert_eq!(
        check(&schemas, "locale", &locale),
        vec!["locale: `status` is required".to_string()]
    );

    // The editor configuration names a schema that is there for each file.
    let taplo: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join(".taplo.toml")).unwrap()).unwrap();
    let rules = taplo["rule"].as_array().expect("[[rule]]");
    assert_eq!(rules.len(), 10);
    for rule in rules {
        let path = rule["schema"]["path"].as_str().unwrap();
        assert!(root.join(path).is_file(), "{path}");
    }
}

#[test]
fn schema_prints_the_project_schema_and_writes_all_with_out() {
    let printed: serde_json::Value =
        serde_json::from_str(&bp().args(["schema", "project"]).passes().stdout).unwrap();
    assert_eq!(printed["title"], "bridgeprint.toml");
    assert_eq!(
        printed["properties"]["build"]["$ref"],
        "#/definitions/BuildTable"
    );
    let content: serde_json::Value =
        serde_json::from_str(&bp().args(["schema", "content"]).passes().stdout).unwrap();
    let en = PathBuf::from(BUNDLED).join("en/texts.toml");
    let texts = as_json(&std::fs::read_to_string(&en).unwrap());
    assert_eq!(
        violations(&texts, &content, &content, ""),
        Vec::<String>::new()
    );
    let mut wrong = texts.clone();
    wrong["card"]["front_headng"] = "x".into();
    assert!(!violations(&wrong, &content, &content, "").is_empty());

    let tmp = tempfile::tempdir().unwrap();
    let written = bp()
        .args(["schema", "--out"])
        .arg(tmp.path())
        .passes()
        .stdout;
    assert_eq!(written.lines().count(), 10, "{written}");
    bp().args(["schema", "nonsense"]).status(2);
}

#[test]
fn preview_of_an_imposed_build_shows_each_side_of_the_sheet_and_refuses_trim() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let ran = bp()
        .arg("preview")
        .materials(BUNDLED)
        .out(&out)
        .args(["--locale", "en", "--kind", "card", "--impose", "letter"])
        .passes();
    let pngs = [
        out.join("en/card-letter-8up-1.png"),
        out.join("en/card-letter-8up-2.png"),
    ];
    for png in &pngs {
        assert!(
            ran.stdout.lines().any(|l| Path::new(l) == png),
            "stdout names {}:\n{}",
            png.display(),
            ran.stdout
        );
        let pic = read_png(png);
        // A Letter sheet at 100 dpi.
        assert!(
            pic.width.abs_diff(850) <= 1 && pic.height.abs_diff(1100) <= 1,
            "{}: {} x {}",
            png.display(),
            pic.width,
            pic.height
        );
        assert_eq!(pic.qr_payloads().len(), 8, "{}: eight cards", png.display());
    }
    // --trim draws one card's trim and safe area: on a sheet it would mark nothing true.
    let ran = bp()
        .arg("preview")
        .materials(BUNDLED)
        .out(tmp.path().join("out-trim"))
        .args([
            "--locale", "en", "--kind", "card", "--impose", "letter", "--trim",
        ])
        .status(2);
    assert!(
        ran.stderr.contains("--trim") && ran.stderr.contains("--impose"),
        "{}",
        ran.stderr
    );
}

#[test]
fn watch_with_impose_builds_the_sheet() {
    let case = materials::copy();
    let log = case.dir.path().join("watch.log");
    let child = bp()
        .arg("watch")
        .materials(&case.materials)
        .out(&case.out)
        .args(["--locale", "en", "--kind", "card", "--impose", "letter"])
        .command()
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start watch");
    let _watching = Watching(child);
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_for("the first build", Duration::from_secs(120), || {
        stderr().contains("watching")
    });
    let sheet = std::fs::read(case.out.join("en/card-letter-8up.pdf")).expect("the sheet");
    assert_eq!(pdf::qr_payloads(&sheet, 300.0)[0].len(), 8, "{}", stderr());
    assert!(!case.out.join("en/card.pdf").exists());
}
