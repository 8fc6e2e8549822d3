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
