//! The dev set's conversion scores must not drop: `scripts/score_devset.py` converts
//! ../shared/devset/docs/*.txt with this build's `dossier ingest` and scores the output with
//! the dev set's own score.py; every field must stay within 0.02 of the figures recorded in
//! tests/devset_scores.json (the ones CONVERSION.md reports).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Allowed drop below a recorded figure.
const TOLERANCE: f64 = 0.02;

fn devset() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devset");
    d.join("score.py").exists().then_some(d)
}

#[test]
fn devset_scores_do_not_drop() {
    let Some(devset) = devset() else {
        eprintln!("skipped: ../shared/devset is not there (the dev set lives beside the project)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let json = out.path().join("scores.json");
    let status = Command::new("python3")
        .arg(root.join("scripts/score_devset.py"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .arg("--devset")
        .arg(&devset)
        .arg("--json")
        .arg(&json)
        .status()
        .expect("python3 runs (it is on CI machines)");
    assert!(status.success(), "score_devset.py failed: {status}");
    let got: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("scores written"))
            .expect("scores are JSON");
    let recorded: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/devset_scores.json")).expect("recorded scores"),
    )
    .expect("recorded scores are JSON");
    let mut drops = Vec::new();
    for (field, want) in recorded.as_object().expect("an object") {
        let want = want.as_f64().expect("a number");
        let have = got["summary"][field]
            .as_f64()
            .unwrap_or_else(|| panic!("score.py reports no {field}"));
        eprintln!("{field}: {have:.3} (recorded {want:.3})");
        if have < want - TOLERANCE {
            drops.push(format!("{field}: {have:.3}, recorded {want:.3}"));
        }
    }
    assert!(
        drops.is_empty(),
        "dev set scores dropped more than {TOLERANCE} below the recorded ones:\n{}",
        drops.join("\n")
    );
}
