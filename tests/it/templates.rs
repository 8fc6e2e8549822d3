//! docs/templates.md against the typed contexts (src/render/context/): every template of the
//! default theme renders against its page's context, and the variables the documentation
//! lists for each template are exactly the ones its context has.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dossier::build::{load_config, load_content};
use dossier::render::pages::{plan, Shared};
use dossier::render::{PageSpec, Theme};
use dossier::site::Site;
use dossier::BuildOptions;

/// One page of each template, built from the bundled sample (read only: nothing is written).
fn sample_specs() -> BTreeMap<&'static str, PageSpec> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = BuildOptions::new(root);
    let config = load_config(&opts).unwrap();
    let (docs, _) = load_content(&opts, &config).unwrap();
    let shared = Shared::new(Site::new(config, docs));
    let mut specs = BTreeMap::new();
    for job in plan(&shared) {
        if !specs.contains_key(job.template) {
            specs.insert(job.template, job.spec(&shared));
        }
    }
    specs
}

/// Names in backticks outside any parentheses, braces or brackets: a cell's top-level
/// variables ("`article` (an entry plus `body_html`)" gives `article`).
fn top_level_names(cell: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut depth = 0i32;
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => depth -= 1,
            '`' => {
                let name: String = chars.by_ref().take_while(|&c| c != '`').collect();
                let is_name =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                if depth == 0 && is_name {
                    names.insert(name);
                }
            }
            _ => {}
        }
    }
    names
}

/// The rows of the markdown table that follows `heading`: first cell, rest of the row.
fn table_after(doc: &str, heading: &str) -> Vec<(String, String)> {
    let start = doc.find(heading).expect("heading in docs/templates.md");
    doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            let l = l.trim().trim_matches('|');
            let (first, rest) = l.split_once(" | ").expect("a row with two cells");
            (first.trim().to_string(), rest.trim().to_string())
        })
        .collect()
}

fn keys(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn every_template_renders_and_the_documentation_matches_the_contexts() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md"))
            .unwrap();
    let theme = Theme::load(Path::new("/nonexistent-templates-folder")).unwrap();
    let specs = sample_specs();

    // The common variables, and the fields of `site` and `page`.
    let common_rows = table_after(&doc, "## Variables every page has");
    let common: BTreeSet<String> = common_rows
        .iter()
        .flat_map(|(name, _)| top_level_names(name))
        .collect();
    let any = specs.values().next().unwrap();
    for (name, meaning) in &common_rows {
        let name = name.trim_matches('`');
        if name == "site" || name == "page" {
            assert_eq!(
                top_level_names(meaning),
                keys(&any.context[name]),
                "docs/templates.md: the fields of `{name}`"
            );
        }
    }

    let rows = table_after(&doc, "## Per template");
    let documented: BTreeMap<String, BTreeSet<String>> = rows
        .iter()
        .map(|(first, vars)| {
            let template = first
                .split('`')
                .nth(1)
                .expect("a template name in backticks")
                .to_string();
            (template, top_level_names(vars))
        })
        .collect();
    for (template, spec) in &specs {
        let actual: BTreeSet<String> = keys(&spec.context)
            .into_iter()
            .filter(|k| !common.contains(k))
            .collect();
        let listed = documented
            .get(*template)
            .unwrap_or_else(|| panic!("docs/templates.md has no row for {template}"));
        assert_eq!(
            listed, &actual,
            "docs/templates.md: the variables of {template} (left: documented, right: its context)"
        );
        for k in &common {
            assert!(spec.context.get(k).is_some(), "{template} has no `{k}`");
        }
        theme
            .render(spec.clone())
            .unwrap_or_else(|e| panic!("{template} does not render: {e}"));
    }
    // Every template of the theme was seen (the sitemap index needs 50,000 URLs).
    for name in theme.sources.keys() {
        let page = !name.starts_with("partials/") && name != "base.html" && name != "macros.html";
        if page && name != "sitemap_index.xml" {
            assert!(specs.contains_key(name.as_str()), "no page renders {name}");
        }
    }
}

#[test]
fn names_are_read_at_the_top_level_only() {
    let names = top_level_names(
        "`article` (an entry plus `body_html`), `newer`, `older` (`{a, b}`), `story`",
    );
    let want: BTreeSet<String> = ["article", "newer", "older", "story"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, want);
}
