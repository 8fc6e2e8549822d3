//! Tera 1.20 (what Dossier uses) against Tera 2 on Dossier's own templates and real page
//! contexts (issue #21; BENCHMARKS.md "Tera and its alternatives (measured)").
//!
//! Usage: tera-compare TEMPLATES CONTEXTS [--runs N]
//!
//! TEMPLATES is a theme folder (Dossier's `templates/`); CONTEXTS is what
//! `cargo run --release --example page_contexts SITE CONTEXTS` wrote: per template, page
//! contexts as JSON and the bytes Dossier rendered from each. When Tera 2 cannot load the
//! templates as they are, they are ported mechanically for it (see [`port`]) and measured so.
//!
//! Prints: which templates Tera 2 parses unchanged (and every error), then per template the
//! render time per page of each engine (median of N runs, one thread), whether each engine's
//! output is byte-identical to Dossier's, and the time of the shared frame alone (a template
//! that extends base.html and overrides no block, rendered with the same contexts; `empty`:
//! an empty template, what any render costs before the template does anything), and the
//! time to build a page's context in each engine's value type (`json`: a `serde_json::Value`,
//! what Tera 1 takes; `t2val`: Tera 2's `Value`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The frame: base.html with no block overridden.
const FRAME: &str = "_frame.html";
const FRAME_SOURCE: &str = "{% extends \"base.html\" %}";
/// Nothing: what any render costs before the template does anything.
const EMPTY: &str = "_empty.html";

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut runs = 5usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(5),
            s => positional.push(PathBuf::from(s)),
        }
    }
    let [templates, contexts] = positional.as_slice() else {
        eprintln!("usage: tera-compare TEMPLATES CONTEXTS [--runs N]");
        std::process::exit(2)
    };
    let sources = read_theme(templates);
    let t1 = tera1_load(&sources);
    println!("# Tera 2 on the templates as they are");
    let t2 = match parse_report(&sources) {
        Some(t) => Some(t),
        None => {
            let ported: BTreeMap<String, String> = sources
                .iter()
                .map(|(name, text)| (name.clone(), port(text)))
                .collect();
            println!("# Tera 2 on the templates ported (macros as components); changed:");
            for (name, text) in &ported {
                if *text != sources[name] {
                    println!("  {name}");
                }
            }
            parse_report(&ported)
        }
    };

    println!();
    println!(
        "{:<16} {:>5} {:>10} {:>10} {:>6} {:>8} {:>8} {:>10} {:>6} {:>9} {:>9} {:>9}",
        "template",
        "pages",
        "tera1 µs",
        "tera2 µs",
        "2/1",
        "t1 same",
        "t2 same",
        "frame µs",
        "frame",
        "empty µs",
        "json µs",
        "t2val µs"
    );
    let mut totals = [Duration::ZERO; 3];
    for (template, pages) in read_contexts(contexts) {
        let n = pages.len();
        // Contexts in each engine's own form. Tera 1 takes a `serde_json::Value` as it is
        // (Dossier builds one per page); Tera 2 has a value type of its own, which Dossier
        // would build from the same `Serialize` data: each timed as a serialisation of the
        // page's data into that type.
        let ctx1: Vec<tera1::Context> = pages
            .iter()
            .map(|(v, _)| tera1::Context::from_value(v.clone()).expect("a context is a map"))
            .collect();
        let ctx2: Vec<tera2::Context> = pages
            .iter()
            .map(|(v, _)| tera2::Context::from_serialize(v).expect("a context is a map"))
            .collect();
        let mut build: [Vec<Duration>; 2] = Default::default();
        for _ in 0..runs {
            build[0].push(
                timed(|| {
                    for (v, _) in &pages {
                        std::hint::black_box(serde_json::to_value(v).expect("JSON"));
                    }
                })
                .0,
            );
            build[1].push(
                timed(|| {
                    for (v, _) in &pages {
                        std::hint::black_box(tera2::Value::from_serializable(v));
                    }
                })
                .0,
            );
        }
        let framed = template.ends_with(".html") && extends_base(&sources, &template);
        let mut times: [Vec<Duration>; 4] = Default::default();
        let mut same = [0usize; 2];
        let mut same_but_blanks = 0usize;
        let mut t2_error = None;
        for run in 0..runs {
            let (d, outs) = timed(|| {
                ctx1.iter()
                    .map(|c| t1.render(&template, c))
                    .collect::<Vec<_>>()
            });
            times[0].push(d);
            if let Some(t2) = &t2 {
                let (d, outs2) = timed(|| {
                    ctx2.iter()
                        .map(|c| t2.render(&template, c))
                        .collect::<Vec<_>>()
                });
                times[1].push(d);
                if run == 0 {
                    for (out, (_, want)) in outs2.iter().zip(&pages) {
                        match out {
                            Ok(text) if text.as_bytes() == want.as_slice() => same[1] += 1,
                            Ok(text) => {
                                if squeeze(text.as_bytes()) == squeeze(want) {
                                    same_but_blanks += 1;
                                }
                                if t2_error.is_none() {
                                    t2_error = Some(first_difference(text.as_bytes(), want));
                                }
                            }
                            Err(e) => {
                                if t2_error.is_none() {
                                    t2_error = Some(format!("error: {}", chain(e)));
                                }
                            }
                        }
                    }
                }
            }
            if run == 0 {
                for (out, (_, want)) in outs.iter().zip(&pages) {
                    match out {
                        Ok(text) if text.as_bytes() == want.as_slice() => same[0] += 1,
                        Ok(_) => {}
                        Err(e) => eprintln!("tera1 {template}: {e:?}"),
                    }
                }
            }
            if framed {
                let (d, _) = timed(|| {
                    ctx1.iter()
                        .map(|c| t1.render(FRAME, c).map(|s| s.len()))
                        .collect::<Vec<_>>()
                });
                times[2].push(d);
            }
            let (d, _) = timed(|| {
                ctx1.iter()
                    .map(|c| t1.render(EMPTY, c).map(|s| s.len()))
                    .collect::<Vec<_>>()
            });
            times[3].push(d);
        }
        let per_page = |v: &mut Vec<Duration>| -> Option<f64> {
            if v.is_empty() {
                return None;
            }
            v.sort();
            Some(v[v.len() / 2].as_secs_f64() * 1e6 / n as f64)
        };
        let [r1, r2, rf, re] = &mut times;
        let (p1, p2, pf, pe) = (per_page(r1), per_page(r2), per_page(rf), per_page(re));
        let [b1, b2] = &mut build;
        let (c1, c2) = (per_page(b1).unwrap_or(0.0), per_page(b2).unwrap_or(0.0));
        for (total, t) in totals.iter_mut().zip([p1, p2, pf]) {
            *total += Duration::from_secs_f64(t.unwrap_or(0.0) * n as f64 / 1e6);
        }
        let show = |x: Option<f64>| x.map(|x| format!("{x:.1}")).unwrap_or_else(|| "-".into());
        println!(
            "{:<16} {:>5} {:>10} {:>10} {:>6} {:>8} {:>8} {:>10} {:>6} {:>9} {:>9.1} {:>9.1}",
            template,
            n,
            show(p1),
            show(p2),
            match (p1, p2) {
                (Some(a), Some(b)) => format!("{:.2}", b / a),
                _ => "-".into(),
            },
            format!("{}/{n}", same[0]),
            if t2.is_some() {
                format!("{}/{n}", same[1])
            } else {
                "-".into()
            },
            show(pf),
            match (p1, pf) {
                (Some(a), Some(f)) => format!("{:.0}%", 100.0 * f / a),
                _ => "-".into(),
            },
            show(pe),
            c1,
            c2,
        );
        if let Some(e) = t2_error {
            println!(
                "    tera2: {same_but_blanks} of the {} that differ differ only in blanks; first difference: {e}",
                n - same[1]
            );
        }
    }
    println!(
        "sum over the pages measured: tera1 {:.1} ms, tera2 {:.1} ms, frame (tera1) {:.1} ms",
        totals[0].as_secs_f64() * 1e3,
        totals[1].as_secs_f64() * 1e3,
        totals[2].as_secs_f64() * 1e3
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let out = f();
    (started.elapsed(), out)
}

/// A theme folder's templates by name (`assets/` left out), as Dossier's `Theme::load` reads
/// them.
fn read_theme(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a folder entry").path();
            let rel = path
                .strip_prefix(dir)
                .expect("under the folder")
                .to_string_lossy()
                .replace('\\', "/");
            if rel.starts_with("assets") || rel.split('/').any(|p| p.starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(rel, std::fs::read_to_string(&path).expect("UTF-8 template"));
            }
        }
    }
    out.insert(FRAME.into(), FRAME_SOURCE.into());
    out.insert(EMPTY.into(), String::new());
    out
}

/// Per template: each page's context and the bytes Dossier made from it.
fn read_contexts(dir: &Path) -> BTreeMap<String, Vec<(serde_json::Value, Vec<u8>)>> {
    let mut out: BTreeMap<String, Vec<(serde_json::Value, Vec<u8>)>> = BTreeMap::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the contexts folder")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for tdir in names {
        let template = tdir.file_name().unwrap().to_string_lossy().into_owned();
        let mut k = 0;
        while let Ok(json) = std::fs::read(tdir.join(format!("{k}.json"))) {
            let mut record: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
            let context = record["context"].take();
            let want = std::fs::read(tdir.join(format!("{k}.out"))).expect("the rendered page");
            out.entry(template.clone())
                .or_default()
                .push((context, want));
            k += 1;
        }
    }
    out
}

fn extends_base(sources: &BTreeMap<String, String>, template: &str) -> bool {
    sources
        .get(template)
        .is_some_and(|s| s.contains("{% extends \"base.html\" %}"))
}

/// Dossier's settings (src/render/mod.rs `Theme::load`).
fn tera1_load(sources: &BTreeMap<String, String>) -> tera1::Tera {
    let mut tera = tera1::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("fill", fill1);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .expect("Tera 1 loads Dossier's templates");
    tera
}

/// The same settings in Tera 2's API.
fn tera2_new() -> tera2::Tera {
    let mut tera = tera2::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html2);
    tera.register_filter("fill", fill2);
    tera
}

/// Load the whole theme into Tera 2; if that fails, parse each template on its own (with
/// base.html beside it when it extends it) and print every error.
fn parse_report(sources: &BTreeMap<String, String>) -> Option<tera2::Tera> {
    let mut tera = tera2_new();
    match tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        Ok(()) => {
            println!("all {} templates parse", sources.len());
            return Some(tera);
        }
        Err(e) => println!("the theme as a whole: {}", chain(&e)),
    }
    // Alone first (with base.html when it extends it), then, for a template that failed
    // only because a template it includes was missing, beside every template that parsed.
    let mut parsed = Vec::new();
    let mut report = BTreeMap::new();
    for (name, source) in sources {
        let mut set = vec![(name.as_str(), source.as_str())];
        if name != "base.html" && source.contains("extends \"base.html\"") {
            set.push(("base.html", sources["base.html"].as_str()));
        }
        let result = tera2_new().add_raw_templates(set).map_err(|e| chain(&e));
        if result.is_ok() {
            parsed.push((name.as_str(), source.as_str()));
        }
        report.insert(name, result);
    }
    for (name, result) in report.iter_mut() {
        if result
            .as_ref()
            .is_err_and(|e| e.contains("Unknown template"))
        {
            let mut set = parsed.clone();
            set.push((name.as_str(), sources[*name].as_str()));
            *result = tera2_new().add_raw_templates(set).map_err(|e| chain(&e));
        }
    }
    for (name, result) in report {
        match result {
            Ok(()) => println!("  {name}: parses"),
            Err(e) => println!("  {name}: {e}"),
        }
    }
    None
}

/// Dossier's templates rewritten for Tera 2, which has components instead of macros:
/// `{% macro x(a, b) %}…{% endmacro x %}` becomes `{% component x(a, b) %}…{% endcomponent x %}`,
/// `{% import "macros.html" as m %}` goes (components are global), and a call
/// `{{ m::x(a=e1, b=e2) }}` becomes `{{ <x a={e1} b={e2} /> }}`. What a template author would
/// have to change by hand.
fn port(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let bare = line.trim();
        if bare.starts_with("{% import ") && bare.ends_with("%}") {
            continue;
        }
        let line = line
            .replace("{% macro ", "{% component ")
            .replace("{% endmacro", "{% endcomponent");
        out.push_str(&port_calls(&line));
    }
    out
}

/// `{{ m::x(a=e1, b=e2) }}` → `{{ <x a={e1} b={e2} /> }}` (arguments split at top-level commas).
fn port_calls(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("{{ m::") {
        out.push_str(&rest[..at]);
        let call = &rest[at + "{{ m::".len()..];
        let (Some(open), Some(end)) = (call.find('('), call.find(") }}")) else {
            out.push_str(&rest[at..]);
            return out;
        };
        let name = &call[..open];
        let mut args = Vec::new();
        let (mut depth, mut start) = (0, 0);
        let inner = &call[open + 1..end];
        for (i, c) in inner.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        args.push(&inner[start..]);
        out.push_str("{{ <");
        out.push_str(name);
        for arg in args {
            if let Some((k, v)) = arg.split_once('=') {
                out.push_str(&format!(" {}={{{}}}", k.trim(), v.trim()));
            }
        }
        out.push_str(" /> }}");
        rest = &call[end + ") }}".len()..];
    }
    out.push_str(rest);
    out
}

/// An error with its causes, on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(" / ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text.replace('\n', " ⏎ ")
}

/// The bytes with every run of blanks (space, tab, newline) made one space.
fn squeeze(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        let blank = matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        if !(blank && out.last() == Some(&b' ')) {
            out.push(if blank { b' ' } else { b });
        }
    }
    out
}

fn first_difference(got: &[u8], want: &[u8]) -> String {
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let around = |b: &[u8]| {
        let start = at.saturating_sub(40);
        String::from_utf8_lossy(&b[start..(at + 60).min(b.len())]).replace('\n', "⏎")
    };
    format!(
        "at byte {at}: tera2 «{}» dossier «{}»",
        around(got),
        around(want)
    )
}

/// Dossier's `fill` (src/lang/strings.rs): `{name}` marks filled from the arguments, `n`
/// picking the form of a `one|other` string.
fn fill(text: &str, n: Option<i64>, args: &[(&str, String)]) -> String {
    let form = match (n, text.split_once('|')) {
        (Some(1), Some((one, _))) => one,
        (Some(_), Some((_, other))) => other,
        _ => text,
    };
    let mut out = form.to_string();
    if let Some(n) = n {
        out = out.replace("{n}", &n.to_string());
    }
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn fill1(
    value: &tera1::Value,
    args: &HashMap<String, tera1::Value>,
) -> tera1::Result<tera1::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera1::Error::msg("fill: the value is not a string"))?;
    let n = args.get("n").and_then(|v| v.as_i64());
    let mut named: Vec<(&str, String)> = args
        .iter()
        .filter(|(k, _)| k.as_str() != "n")
        .map(|(k, v)| {
            let text = match v {
                tera1::Value::String(s) => s.clone(),
                tera1::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k.as_str(), text)
        })
        .collect();
    named.sort();
    Ok(tera1::Value::String(fill(text, n, &named)))
}

fn fill2(value: &str, kwargs: tera2::Kwargs, _: &tera2::State) -> tera2::TeraResult<String> {
    let n = kwargs.get::<i64>("n")?;
    let mut named: Vec<(&str, String)> = kwargs
        .iter()
        .filter_map(|(k, v)| {
            let k = k.as_str()?;
            if k == "n" {
                return None;
            }
            let text = if let Some(s) = v.as_str() {
                s.to_string()
            } else if v.is_none() || v.is_undefined() {
                String::new()
            } else {
                v.to_string()
            };
            Some((k, text))
        })
        .collect();
    named.sort();
    Ok(fill(value, n, &named))
}

/// Dossier's escaping (src/render/mod.rs `escape_html`): leaves `/` alone.
fn escape_html(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + input.len() / 16);
    escape_into(input, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

fn escape_html2(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_into(input, out)
}

fn escape_into(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}
