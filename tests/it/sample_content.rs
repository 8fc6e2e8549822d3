//! The bundled sample site (content/, site.yaml) and the synthetic corpus generator.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use dossier::content::load_dir;
use dossier::Config;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn errors(diagnostics: &[dossier::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn sample_site_config_loads() {
    let config = Config::load(&root().join("site.yaml")).expect("site.yaml must load");
    assert!(config.topics.len() >= 9, "too few topics in site.yaml");
    assert!(config.sources.len() >= 6, "too few sources in site.yaml");
    assert_eq!(config.base_url(), "https://example.github.io/dossier/");
}

#[test]
fn sample_content_loads_without_errors() {
    let root = root();
    let loaded = load_dir(&root.join("content"), &[root.join("content/inbox")], true);
    let errs = errors(&loaded.diagnostics);
    assert!(
        errs.is_empty(),
        "sample content has errors:\n{}",
        errs.join("\n")
    );
    let docs = &loaded.documents;
    assert!(docs.len() >= 18, "only {} sample documents", docs.len());

    let config = Config::load(&root.join("site.yaml")).expect("site.yaml must load");
    let topic_names: BTreeSet<&str> = config.topics.iter().map(|t| t.name.as_str()).collect();
    let source_names: BTreeSet<&str> = config.sources.iter().map(|s| s.name.as_str()).collect();

    let mut days = BTreeSet::new();
    let mut per_day_sources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for doc in docs {
        let name = &doc.rel_path;
        assert!(
            doc.front.extra.get("sample") == Some(&serde_json::Value::Bool(true)),
            "{name} lacks `extra: {{sample: true}}`"
        );
        let date = doc.date.unwrap_or_else(|| panic!("{name} has no date"));
        let day = date.day(config.tz());
        assert!(
            name.starts_with(&day.format("articles/%Y/%m/").to_string()),
            "{name} is not filed under its date {day}"
        );
        days.insert(day);
        let source = doc.front.source.clone().unwrap_or_default();
        assert!(
            source_names.contains(source.as_str()),
            "{name}: unknown source {source:?}"
        );
        per_day_sources
            .entry(day.to_string())
            .or_default()
            .insert(source);
        assert!(doc.front.summary.is_some(), "{name} has no summary");
        assert!(doc.front.kind.is_some(), "{name} has no kind");
        for topic in &doc.front.topics {
            assert!(
                topic_names.contains(topic.as_str()),
                "{name}: topic {topic:?} not in site.yaml"
            );
        }
        if let Some(url) = &doc.front.url {
            assert!(
                url.starts_with("https://example.org/"),
                "{name}: real article URL {url}"
            );
        }
        let words = doc.body.split_whitespace().count();
        assert!((150..=450).contains(&words), "{name} has {words} words");
    }
    assert!(days.len() >= 8, "only {} distinct dates", days.len());
    assert_eq!(
        docs.iter().filter(|d| d.is_draft()).count(),
        1,
        "want exactly one draft"
    );
    assert!(
        docs.iter().any(|d| d.front.topics.is_empty()),
        "every document has topics"
    );
    assert!(docs.iter().any(|d| d.front.authors.len() >= 2));
    assert!(docs.iter().any(|d| d.front.authors.is_empty()));
    // Stories: days on which several outlets covered the same event.
    let multi = per_day_sources.values().filter(|s| s.len() >= 2).count();
    assert!(
        multi >= 3,
        "only {multi} days with coverage by several outlets"
    );

    let without_drafts = load_dir(&root.join("content"), &[root.join("content/inbox")], false);
    assert_eq!(without_drafts.documents.len(), docs.len() - 1);
}

#[test]
fn inbox_holds_raw_text_only() {
    let inbox = root().join("content/inbox");
    let mut raw = 0;
    for entry in std::fs::read_dir(&inbox).expect("content/inbox exists") {
        let path = entry.expect("readable inbox entry").path();
        let text = std::fs::read_to_string(&path).expect("inbox files are UTF-8");
        assert!(
            !text.starts_with("---"),
            "{} has front matter",
            path.display()
        );
        raw += 1;
    }
    assert!(raw >= 2);
}

/// Every file under `dir`, relative path → bytes, in sorted order.
fn tree(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walkable generated tree");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("inside the tree")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).expect("readable file"));
        }
    }
    out
}

fn generate(out: &std::path::Path, docs: usize, seed: u64, extra: &[&str]) {
    let mut args: Vec<std::ffi::OsString> = vec![
        "dossier-gen".into(),
        "--docs".into(),
        docs.to_string().into(),
        "--seed".into(),
        seed.to_string().into(),
        "--out".into(),
        out.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    let summary = dossier_gen::run(args).expect("dossier-gen writes the site");
    assert!(
        summary.contains(&format!("{docs} documents")),
        "summary: {summary}"
    );
}

#[test]
fn generator_is_deterministic_and_its_markdown_loads() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    generate(a.path(), 50, 11, &["--raw"]);
    generate(b.path(), 50, 11, &["--form", "both"]);
    let ta = tree(a.path());
    let tb = tree(b.path());
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "different file lists"
    );
    for (name, bytes) in &ta {
        assert!(tb[name] == *bytes, "{name} differs between two runs");
    }
    let md = ta.keys().filter(|k| k.ends_with(".md")).count();
    let raw = ta
        .keys()
        .filter(|k| k.starts_with("content/inbox/"))
        .count();
    assert_eq!((md, raw), (50, 50));

    let content = a.path().join("content");
    let loaded = load_dir(&content, &[content.join("inbox")], true);
    let errs = errors(&loaded.diagnostics);
    assert!(
        errs.is_empty(),
        "generated content has errors:\n{}",
        errs.join("\n")
    );
    assert_eq!(loaded.documents.len(), 50);
    for doc in &loaded.documents {
        let words = doc.body.split_whitespace().count();
        assert!(
            (280..=1300).contains(&words),
            "{} has {words} words",
            doc.rel_path
        );
        assert!(doc.front.source.is_some() && doc.date.is_some());
    }
    // Stories: some event is covered by several outlets, so titles differ but rare terms repeat.
    let sources: BTreeSet<_> = loaded
        .documents
        .iter()
        .filter_map(|d| d.front.source.clone())
        .collect();
    assert!(sources.len() >= 8, "only {} outlets", sources.len());

    let config = Config::load(&a.path().join("site.yaml")).expect("generated site.yaml loads");
    assert!(
        (18..=22).contains(&config.topics.len()),
        "{} topics",
        config.topics.len()
    );
    assert!(config.sources.len() >= 10);

    // A different seed gives a different corpus.
    let c = tempfile::tempdir().expect("temp dir");
    generate(c.path(), 50, 12, &[]);
    assert_ne!(tree(c.path()).get("site.yaml"), ta.get("site.yaml"));
}

#[test]
fn generator_refuses_to_overwrite_foreign_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("content")).expect("mkdir");
    std::fs::write(dir.path().join("content/mine.md"), "keep me").expect("write");
    let refused = dossier_gen::run(
        ["dossier-gen", "--docs", "5", "--out"]
            .map(Into::into)
            .into_iter()
            .chain([dir.path().as_os_str().to_os_string()])
            .collect::<Vec<std::ffi::OsString>>(),
    )
    .expect_err("foreign content is refused");
    assert!(
        refused.to_string().contains("not written by dossier-gen"),
        "{refused}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/mine.md")).expect("kept"),
        "keep me"
    );

    // Its own output it may replace, leaving no stale files behind.
    let own = tempfile::tempdir().expect("temp dir");
    generate(own.path(), 30, 1, &[]);
    generate(own.path(), 10, 2, &[]);
    let md = tree(own.path())
        .keys()
        .filter(|k| k.ends_with(".md"))
        .count();
    assert_eq!(md, 10);
}
