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

/// The project's git history, when the tests run in a full clone (not a shallow one, not a
/// source archive): `None` otherwise, and the tests that read it say so and pass.
fn git(args: &[&str]) -> Option<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

fn full_history() -> bool {
    match git(&["rev-parse", "--is-shallow-repository"]) {
        Some(out) => out.starts_with(b"false"),
        None => false,
    }
}

/// Every earlier version of each default theme file, from git: (path under templates/, bytes).
fn earlier_defaults() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = git(&["ls-files", "templates"]).unwrap_or_default();
    let mut out = Vec::new();
    for path in String::from_utf8_lossy(&files).lines() {
        let current = std::fs::read(root.join(path)).unwrap_or_default();
        let commits = git(&["log", "--format=%H", "--", path]).unwrap_or_default();
        for commit in String::from_utf8_lossy(&commits).split_whitespace() {
            if let Some(bytes) = git(&["show", &format!("{commit}:{path}")]) {
                if bytes != current {
                    out.push((path["templates/".len()..].to_string(), bytes));
                }
            }
        }
    }
    out
}

#[test]
fn theme_history_lists_every_earlier_default() {
    if !full_history() {
        eprintln!("not a full git clone: the theme history cannot be checked here");
        return;
    }
    let mut lines: BTreeSet<String> = BTreeSet::new();
    for (rel, bytes) in earlier_defaults() {
        lines.insert(format!("{rel} {}", blake3::hash(&bytes).to_hex()));
    }
    let mut text = String::from(
        "# Earlier versions of the default theme's files: path, BLAKE3 of the bytes.\n\
         # Written by tests/it/templates.rs (UPDATE_THEME_HISTORY=1) from the git history; do not edit.\n",
    );
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/theme_history.txt");
    if std::env::var_os("UPDATE_THEME_HISTORY").is_some() {
        std::fs::write(&file, &text).unwrap();
        return;
    }
    assert!(
        std::fs::read_to_string(&file).unwrap() == text,
        "src/render/theme_history.txt is out of date (a file under templates/ changed): run \
         UPDATE_THEME_HISTORY=1 cargo test --test it theme_history and commit the file"
    );
}

fn asset<'a>(theme: &'a Theme, name: &str) -> Option<&'a [u8]> {
    theme
        .assets()
        .find(|(n, _)| n.as_str() == name)
        .map(|(_, b)| b.as_slice())
}

#[test]
fn an_unedited_copy_of_an_earlier_default_follows_this_version() {
    if !full_history() {
        eprintln!("not a full git clone: no earlier default to copy");
        return;
    }
    let earlier = earlier_defaults();
    let (_, old_script) = earlier
        .iter()
        .find(|(rel, _)| rel == "assets/search.js")
        .expect("search.js has earlier versions");
    let current = dossier::render::default_theme()
        .iter()
        .find(|(n, _)| *n == "assets/search.js")
        .unwrap()
        .1;
    assert!(dossier::render::is_earlier_default(
        "assets/search.js",
        old_script
    ));
    assert!(!dossier::render::is_earlier_default(
        "assets/search.js",
        current.as_bytes()
    ));
    // A site made by an earlier `init`: its untouched copy gives way to this version.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("assets/search.js"), old_script).unwrap();
    let theme = Theme::load(dir.path()).unwrap();
    assert_eq!(asset(&theme, "search.js"), Some(current.as_bytes()));
    // An edited copy is the site's own, whatever it started from.
    let mut edited = old_script.clone();
    edited.extend_from_slice(b"\n// our own change\n");
    std::fs::write(dir.path().join("assets/search.js"), &edited).unwrap();
    let theme = Theme::load(dir.path()).unwrap();
    assert_eq!(asset(&theme, "search.js"), Some(edited.as_slice()));
}
