//! `dossier init`, `dossier new` and the Pages workflow a new site publishes itself with: the
//! workflow's shell steps run here as GitHub would run them, with the local binary in place
//! of the release download.

use std::path::Path;
use std::process::Command;

use crate::common::*;

#[test]
fn init_refuses_a_folder_that_is_not_empty_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("notes.txt"), "mine").unwrap();
    let out = dossier().arg("init").arg(&root).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not empty") && err.contains("--force"),
        "{err}"
    );
    assert!(!root.join("site.yaml").exists(), "nothing was written");

    std::fs::write(root.join("site.yaml"), "title: Kept\n").unwrap();
    dossier()
        .args(["init", "--force"])
        .arg(&root)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(root.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("site.yaml")).unwrap(),
        "title: Kept\n",
        "--force never overwrites"
    );
    assert!(root.join(".github/workflows/pages.yml").is_file());
}

#[test]
fn an_empty_site_with_a_title_builds_with_no_sample_left() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    dossier()
        .args(["init", "--empty", "--title", "Harbour & River Watch"])
        .arg(&root)
        .assert()
        .success();
    let gitignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/public/"));
    assert!(gitignore.lines().any(|l| l == "/.dossier/"));
    assert!(!root.join("content/inbox/sample").exists());

    dossier()
        .args([
            "new",
            "Council votes on the harbour budget",
            "--date",
            "2024-03-01",
        ])
        .args(["--source", "Daily Ledger", "--root"])
        .arg(&root)
        .assert()
        .success();
    let doc = root.join("content/articles/council-votes-on-the-harbour-budget.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    assert!(text.contains("date: 2024-03-01") && text.contains("draft: true"));
    // A second `new` with the same title never overwrites.
    dossier()
        .args(["new", "Council votes on the harbour budget", "-r"])
        .arg(&root)
        .assert()
        .failure();
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), text);

    dossier()
        .args(["build", "--drafts", "-r"])
        .arg(&root)
        .assert()
        .success();
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(home.contains("Harbour &amp; River Watch"), "the title");
    assert!(home.contains("Council votes on the harbour budget"));
    assert!(!home.contains("Blinken"), "nothing of the sample");
}

/// The steps of a workflow job: (name, uses, run, env).
fn steps(workflow: &serde_yaml::Value, job: &str) -> Vec<serde_yaml::Value> {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .expect("the job has steps")
        .clone()
}

#[test]
fn the_pages_workflow_of_a_new_site_builds_its_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    dossier()
        .args(["init", "--title", "Published briefing"])
        .arg(&root)
        .assert()
        .success();
    let text = std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();

    // The local binary stands in for what the install step puts on the PATH.
    let binary = assert_cmd::cargo::cargo_bin("dossier");
    let bin_dir = binary.parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let pages_url = "https://someone.github.io/briefing";

    let mut installed = false;
    let mut artifact = None;
    for step in steps(&workflow, "build") {
        let uses = step["uses"].as_str().unwrap_or("");
        if uses.ends_with("@v0") && uses.contains("/dossier") {
            installed = true;
            assert!(step["with"]["version"].as_str().is_some());
            continue;
        }
        if uses.starts_with("actions/upload-pages-artifact") {
            artifact = step["with"]["path"].as_str().map(str::to_string);
            continue;
        }
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        assert!(installed, "dossier is installed before it runs");
        let mut cmd = Command::new("bash");
        cmd.args(["-euo", "pipefail", "-c", script])
            .current_dir(&root)
            .env("PATH", &path);
        if let Some(env) = step["env"].as_mapping() {
            for (k, v) in env {
                let value = v.as_str().unwrap_or("");
                // The one expression the steps use: the Pages address from configure-pages.
                let value = value.replace("${{ steps.pages.outputs.base_url }}", pages_url);
                assert!(!value.contains("${{"), "unexpected expression {value}");
                cmd.env(k.as_str().unwrap(), value);
            }
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "step {:?} failed: {}",
            step["name"],
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let artifact = root.join(artifact.expect("the workflow uploads a folder"));
    let home = std::fs::read_to_string(artifact.join("index.html")).unwrap();
    assert!(home.contains("Published briefing"));
    assert!(
        home.contains(&format!("href=\"{pages_url}/\"")),
        "canonical links carry the Pages address"
    );
    assert!(artifact.join(".nojekyll").is_file());
    assert!(artifact.join("sitemap.xml").is_file());
    let sitemap = std::fs::read_to_string(artifact.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("<loc>{pages_url}/")));
    assert!(has_pages(&artifact));
}

fn has_pages(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("articles")).is_ok_and(|d| d.count() > 5)
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = dossier().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("dossier") && script.contains("ingest"),
            "{shell}"
        );
    }
}
