//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod site;
pub use site::TestSite;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copy a folder recursively (fixtures are copied so tests never write into the repo).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of a fixture site.
pub fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn dossier() -> Command {
    Command::cargo_bin("dossier").unwrap()
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Like [`tree`], for a folder something may be writing into right now: files that vanish
/// between listing and reading are left out instead of failing the test.
pub fn tree_now(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect()
}

/// Every `href` and `src` in an HTML text, entity-decoded.
pub fn links_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(
                after[..end]
                    .replace("&amp;", "&")
                    .replace("&#x2F;", "/")
                    .replace("&#39;", "'"),
            );
            rest = &after[end..];
        }
    }
    out
}

/// Internal links of every HTML page under `dir` that do not resolve to a file, as
/// (page, link) pairs.
pub fn broken_links(dir: &Path) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    for (page, bytes) in tree(dir) {
        if !page.ends_with(".html") || page == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links_in(&html) {
            let lower = link.to_ascii_lowercase();
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:")
                || link.starts_with('#')
            {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            let base = Path::new(&page).parent().unwrap();
            let mut target = dir.join(base).join(path);
            if path.ends_with('/') || path.is_empty() {
                target = target.join("index.html");
            }
            if !target.is_file() {
                broken.push((page.clone(), link));
            }
        }
    }
    broken
}

/// What one run of the command did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `dossier` with `args`, asserting it ended as a program should: exit code 0 or 1 (never
/// a panic's 101 or a signal) and no panic message.
pub fn run_dossier(args: &[&std::ffi::OsStr]) -> Run {
    let out = dossier().args(args).output().expect("dossier runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        run.code == 0 || run.code == 1,
        "exit code {} (stderr: {})",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked"),
        "dossier panicked: {}",
        run.stderr
    );
    run
}

/// `dossier build --root ROOT`, checked as [`run_dossier`] does.
pub fn build_site(root: &Path) -> Run {
    run_dossier(&["build".as_ref(), "--root".as_ref(), root.as_os_str()])
}

/// Every folder under `dir` (relative, sorted), so two trees can be compared folder for folder.
pub fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// A copy of the repository's sample site, inbox included (the build converts the inbox,
/// which writes into content/: never into the repository itself).
pub fn sample_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    copy_dir(&repo.join("templates"), &dir.path().join("templates"));
    dir
}

/// Analyze documents and group them, as a build does (through the corpus stage's one entry
/// point, run to its end).
pub fn analyze_and_group(
    docs: &[dossier::content::Document],
    config: &dossier::Config,
) -> (Vec<dossier::analyze::Features>, dossier::corpus::Grouping) {
    let matcher = dossier::analyze::TopicMatcher::new(&config.topics);
    let features = dossier::analyze::analyze_all(docs, &matcher);
    let grouping = dossier::corpus::group(
        docs,
        &features,
        config,
        &mut dossier::corpus::Control::new(),
    )
    .expect("a grouping nothing stops runs to its end");
    (features, grouping)
}
