//! `dossier init`: a new site, ready to build and to publish, never overwriting a file.
//!
//! A new site gets `site.yaml`, the default theme in `templates/`, the sample documents
//! (unless `--empty`), a `.gitignore` for what builds write, and a GitHub Pages workflow
//! that installs a released `dossier` and publishes the site on every push.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::{default_theme, SAMPLE_SITE};

/// The repository whose action (`action.yml`) installs Dossier in a workflow.
pub const ACTION_REPOSITORY: &str = "dossier-briefing/dossier";

/// The workflow a new site publishes itself with.
const PAGES_WORKFLOW: &str = include_str!("pages.yml");
const GITIGNORE: &str = include_str!("gitignore");

/// What `dossier init` was asked for.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The site's title; the sample's when absent.
    pub title: Option<String>,
    /// No sample documents: an empty `content/articles/` and `content/inbox/`.
    pub empty: bool,
    /// Write into a folder that already has files (existing files are still kept).
    pub force: bool,
}

/// What `init` did.
#[derive(Debug, Default)]
pub struct Created {
    pub written: Vec<PathBuf>,
    /// Files that were already there and were left as they were (only with `force`).
    pub kept: Vec<PathBuf>,
}

/// Write a new site into `dir` (created if missing).
pub fn init(dir: &Path, opts: &InitOptions) -> Result<Created> {
    if !opts.force {
        if let Some(first) = first_entry(dir)? {
            return Err(Error::Init {
                path: dir.to_path_buf(),
                message: format!(
                    "is not empty (it holds {}); nothing was written. Choose a new folder, or pass --force to add a site beside what is there (existing files are kept)",
                    first
                ),
            });
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    files.push(("site.yaml".into(), site_yaml(opts).into_bytes()));
    if opts.empty {
        files.push(("content/articles/.gitkeep".into(), Vec::new()));
        files.push(("content/inbox/.gitkeep".into(), Vec::new()));
    } else {
        files.extend(
            SAMPLE_SITE
                .iter()
                .filter(|(p, _)| *p != "site.yaml")
                .map(|(p, b)| (p.to_string(), b.to_vec())),
        );
    }
    files.extend(
        default_theme()
            .iter()
            .map(|(p, text)| (format!("templates/{p}"), text.as_bytes().to_vec())),
    );
    files.push((".gitignore".into(), GITIGNORE.as_bytes().to_vec()));
    files.push((
        ".github/workflows/pages.yml".into(),
        pages_workflow().into_bytes(),
    ));

    let mut created = Created::default();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if path.exists() {
            created.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "creating", e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, "writing", e))?;
        created.written.push(path);
    }
    Ok(created)
}

/// The name of something already in `dir`, if it has anything.
fn first_entry(dir: &Path) -> Result<Option<String>> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries
            .next()
            .and_then(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Error::Init {
            path: dir.to_path_buf(),
            message: "is a file, not a folder; nothing was written".into(),
        }),
        Err(e) => Err(Error::io(dir, "reading", e)),
    }
}

/// The Pages workflow, installing the version of Dossier that wrote it.
pub fn pages_workflow() -> String {
    PAGES_WORKFLOW
        .replace("@DOSSIER_ACTION@", ACTION_REPOSITORY)
        .replace("@DOSSIER_VERSION@", env!("CARGO_PKG_VERSION"))
}

/// The sample's site.yaml, or one for a site of the user's own.
fn site_yaml(opts: &InitOptions) -> String {
    let sample = SAMPLE_SITE
        .iter()
        .find(|(p, _)| *p == "site.yaml")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    if opts.empty {
        let title = opts.title.as_deref().unwrap_or("My briefing");
        return format!(
            "# site.yaml: the settings of this briefing site. docs/content.md in Dossier's\n\
             # repository lists every key; all are optional.\n\n\
             title: {title}\n\
             description: {description}\n\
             # Where the site is published. The Pages workflow passes its own address with\n\
             # --base-url; links between pages are relative, so the site also works from disk.\n\
             base_url: \"https://example.org/\"\n\
             language: \"en\"\n\
             timezone: \"UTC\"\n\n\
             # Topics you follow: a document is filed under a topic when it names the topic or\n\
             # one of its aliases. Other people, places and organisations named often enough\n\
             # become topics on their own.\n\
             topics: []\n\
             #  - name: Harbour project\n\
             #    kind: theme\n\
             #    aliases: [harbour works]\n",
            title = yaml_string(title),
            description = yaml_string(&format!("{title}: a briefing built with Dossier")),
        );
    }
    let Some(title) = &opts.title else {
        return sample;
    };
    // The sample's documents stay; its title and description are the new site's.
    sample
        .lines()
        .map(|line| {
            if line.starts_with("title:") {
                format!("title: {}", yaml_string(title))
            } else if line.starts_with("description:") {
                format!(
                    "description: {}",
                    yaml_string(&format!("{title}: a briefing built with Dossier"))
                )
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `dossier new`: write `content/articles/<slug>.md` with a title and a date (today unless
/// given), as a draft. Refuses to overwrite a file; returns the new file's path.
pub fn new_document(
    root: &Path,
    title: &str,
    date: Option<&str>,
    source: Option<&str>,
) -> Result<PathBuf> {
    let title = title.trim();
    let bad = |message: String| Error::Init {
        path: root.join("content/articles"),
        message,
    };
    if title.is_empty() {
        return Err(bad(
            "a new document needs a title: dossier new \"Title\"".into()
        ));
    }
    if !root.join("site.yaml").is_file() {
        return Err(Error::Init {
            path: root.to_path_buf(),
            message: "has no site.yaml: run this in a site folder, or pass --root".into(),
        });
    }
    let date = match date {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| bad(format!("--date {d:?} is not a date like 2024-02-06")))?,
        None => chrono::Local::now().date_naive(),
    };
    let slug = crate::content::slugify(title);
    if slug.is_empty() {
        return Err(bad(format!(
            "{title:?} gives no file name; use letters or digits"
        )));
    }
    let path = root.join("content/articles").join(format!("{slug}.md"));
    if path.exists() {
        return Err(Error::Init {
            path,
            message: "already exists; nothing was written. Choose another title".into(),
        });
    }
    let mut front = format!(
        "---\ntitle: {}\ndate: {}\n",
        yaml_string(title),
        date.format("%Y-%m-%d")
    );
    if let Some(source) = source.map(str::trim).filter(|s| !s.is_empty()) {
        front.push_str(&format!("source: {}\n", yaml_string(source)));
    }
    front.push_str("summary: \"\"\n# Published once this line is removed (or set to false).\ndraft: true\n---\n\nWrite the report here.\n");
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "creating", e))?;
    }
    std::fs::write(&path, front).map_err(|e| Error::io(&path, "writing", e))?;
    Ok(path)
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_replaces_the_samples_title_and_description() {
        let yaml = site_yaml(&InitOptions {
            title: Some("Harbour \"watch\": notes".into()),
            ..Default::default()
        });
        let config: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(config["title"].as_str(), Some("Harbour \"watch\": notes"));
        let description = config["description"].as_str().unwrap();
        assert!(!description.contains("Blinken"), "{description}");
        assert!(config["topics"]
            .as_sequence()
            .is_some_and(|t| !t.is_empty()));
    }

    #[test]
    fn an_empty_site_has_no_sample_topics() {
        let yaml = site_yaml(&InitOptions {
            title: Some("T".into()),
            empty: true,
            ..Default::default()
        });
        let config: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(config["title"].as_str(), Some("T"));
        assert_eq!(config["topics"].as_sequence().map(Vec::len), Some(0));
    }

    #[test]
    fn the_workflow_installs_this_version_with_the_action() {
        let text = pages_workflow();
        assert!(text.contains(&format!("uses: {ACTION_REPOSITORY}@v0")));
        assert!(text.contains(&format!("version: \"{}\"", env!("CARGO_PKG_VERSION"))));
        assert!(!text.contains('@') || !text.contains("@DOSSIER"));
    }
}
