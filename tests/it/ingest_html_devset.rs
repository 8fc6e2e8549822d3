//! Guard of the HTML conversion's scores on the dev set's saved pages
//! (`../shared/devset/html/*.html.gz`, read from disk, never copied here): every page is
//! converted, written as `ID.md` and scored by the dev set's own `score.py`. The test fails
//! when a field falls more than 0.02 below the figure recorded in CONVERSION-HTML.md. It is
//! skipped with a note when the dev set or `python3` is absent.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use dossier::ingest::{html, ConvertOptions};

/// Recorded at the commit that last changed the conversion (CONVERSION-HTML.md).
const RECORDED: &[(&str, f64)] = &[
    ("body_bow_F1", 0.975),
    ("title", 1.000),
    ("date", 0.984),
    ("authors_exact", 0.951),
    ("source", 0.967),
    ("url", 0.951),
];
const TOLERANCE: f64 = 0.02;

fn devset() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devset");
    if dir.join("score.py").is_file() && dir.join("html").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} not found; HTML score guard skipped",
            dir.display()
        );
        None
    }
}

#[test]
fn devset_html_scores_hold() {
    let Some(dir) = devset() else { return };
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("note: python3 not found; HTML score guard skipped");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let opts = ConvertOptions::default();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    pages.sort();
    assert!(pages.len() > 100, "only {} pages found", pages.len());
    for p in &pages {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let id = name.trim_end_matches(".html.gz");
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap())
            .read_to_end(&mut raw)
            .unwrap();
        let source_file = format!("content/inbox/{id}.html");
        let converted = html::convert_page(&raw, &source_file, &opts)
            .unwrap_or_else(|e| panic!("{id}: not converted: {e:?}"));
        std::fs::write(
            out.path().join(format!("{id}.md")),
            converted.file_text().unwrap(),
        )
        .unwrap();
    }
    let json = out.path().join("scores.json");
    let run = Command::new("python3")
        .arg(dir.join("score.py"))
        .arg(out.path())
        .arg("--truth")
        .arg(dir.join("truth.jsonl"))
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&run.stdout);
    let scores: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap_or_else(|_| {
            panic!(
                "score.py wrote no scores: {text} {}",
                String::from_utf8_lossy(&run.stderr)
            )
        }))
        .unwrap();
    let mut failures = Vec::new();
    for (field, recorded) in RECORDED {
        let now = scores["summary"][field].as_f64().unwrap_or(0.0);
        eprintln!("{field}: {now:.3} (recorded {recorded:.3})");
        if now < recorded - TOLERANCE {
            failures.push(format!(
                "{field} {now:.3} < recorded {recorded:.3} - {TOLERANCE}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "HTML conversion scores fell:\n{}\n{text}",
        failures.join("\n")
    );
}
