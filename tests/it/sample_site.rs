//! The bundled sample briefing builds, and every internal link of every page resolves.

use crate::common::*;

#[test]
fn sample_site_builds_with_no_broken_links() {
    let site = sample_copy();
    let root = site.path();
    let out = root.join("public");
    dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("ingest: 2 converted"));
    let pages = tree(&out);
    let html = pages.keys().filter(|p| p.ends_with(".html")).count();
    assert!(html > 40, "only {html} HTML pages");
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    // A long topic description is shortened at a word on the topics list (Rafah's runs to
    // 150 characters).
    let topics = String::from_utf8(pages["topics/index.html"].clone()).unwrap();
    assert!(
        topics.contains("where more than a million displaced people sheltered and Israel…</p>"),
        "Rafah's description is cut inside a word"
    );
    // Every article in content/ got its page (drafts excepted).
    for entry in walkdir::WalkDir::new(root.join("content/articles")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if text.contains("\ndraft: true") {
                continue;
            }
            let slug = entry
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .to_string();
            assert!(
                out.join("articles")
                    .join(&slug)
                    .join("index.html")
                    .is_file(),
                "no page for {slug}"
            );
        }
    }
}
