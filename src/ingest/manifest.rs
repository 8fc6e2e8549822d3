//! `.dossier/ingest.json`: which generated file belongs to which raw file, so a run can tell
//! an unchanged raw document without parsing every article's YAML. The front matter stays
//! the source of truth: a missing or unreadable manifest is rebuilt from it.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::{split_front_matter, FrontMatter};
use crate::error::Error;
use crate::yaml;

const VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// By raw file (relative to the site root, `/` separators).
    pub entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub source_hash: String,
    /// The generated file, relative to the site root, `/` separators.
    pub output: String,
    pub title: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

pub fn path(root: &Path) -> PathBuf {
    root.join(".dossier").join("ingest.json")
}

/// `p` relative to `root` with `/` separators (or `p` itself when it is not inside).
pub fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A manifest path back to a file, only if it stays inside `articles` (never `..`, never
/// absolute): a tampered manifest must not make a run touch other files.
pub fn resolve(root: &Path, articles: &Path, output: &str) -> Option<PathBuf> {
    let relp = Path::new(output);
    if relp
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    // Compared without "." parts: a build run from the site folder has the root ".", and
    // "./content/articles/a.md" must still be found inside "content/articles".
    let full = lexical_clean(&root.join(relp));
    full.starts_with(lexical_clean(articles)).then_some(full)
}

/// `p` without `.` parts and with `..` applied, without touching the file system.
pub fn lexical_clean(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

impl Manifest {
    /// Load the manifest, or rebuild it from the front matter of the files in `articles`.
    pub fn load(root: &Path, articles: &Path) -> Manifest {
        if let Ok(text) = std::fs::read_to_string(path(root)) {
            if let Ok(m) = serde_json::from_str::<Manifest>(&text) {
                if m.version == VERSION {
                    return m;
                }
            }
        }
        Manifest::rebuild(root, articles)
    }

    /// Read the front matter of every Markdown file under `articles` that names a raw file.
    pub fn rebuild(root: &Path, articles: &Path) -> Manifest {
        let mut m = Manifest {
            version: VERSION,
            entries: BTreeMap::new(),
        };
        if !articles.is_dir() {
            return m;
        }
        let walker = walkdir::WalkDir::new(articles)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walker.into_iter().flatten() {
            let p = entry.path();
            if !entry.file_type().is_file() || p.extension().and_then(|e| e.to_str()) != Some("md")
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            let Some((yaml_text, _, _)) = split_front_matter(&text) else {
                continue;
            };
            // Cheap pre-check: only generated files are worth a YAML parse.
            if !yaml_text.contains("source_file:") {
                continue;
            }
            let Ok(front) = yaml::from_str::<FrontMatter>(yaml_text) else {
                continue;
            };
            let (Some(src), Some(hash)) = (front.source_file, front.source_hash) else {
                continue;
            };
            m.entries.entry(src).or_insert(Entry {
                source_hash: hash,
                output: rel(root, p),
                title: front.title.unwrap_or_default(),
                date: front.date.map(|d| d.to_string()),
                source: front.source,
            });
        }
        m
    }

    pub fn save(&self, root: &Path) -> Result<(), Error> {
        let p = path(root);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "creating the folder", e))?;
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default() + "\n";
        if std::fs::read_to_string(&p).ok().as_deref() == Some(text.as_str()) {
            return Ok(());
        }
        write_atomic(&p, text.as_bytes())
    }
}

/// Write through a temporary file in the same folder and rename, so a crash never leaves a
/// half-written file.
pub fn write_atomic(p: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = p.parent().unwrap_or(Path::new("."));
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.dossier-tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, "writing", e))?;
    std::fs::rename(&tmp, p).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(p, "writing", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_stays_inside() {
        let root = Path::new("/site");
        let articles = Path::new("/site/content/articles");
        assert!(resolve(root, articles, "content/articles/2024/02/a.md").is_some());
        assert!(resolve(root, articles, "content/articles/../../etc/passwd").is_none());
        assert!(resolve(root, articles, "/etc/passwd").is_none());
        assert!(resolve(root, articles, "site.yaml").is_none());
    }

    #[test]
    fn resolve_from_the_site_folder() {
        // `dossier build` run inside the site: root ".", articles cleaned of the ".".
        let found = resolve(
            Path::new("."),
            Path::new("content/articles"),
            "content/articles/a.md",
        );
        assert_eq!(found.as_deref(), Some(Path::new("content/articles/a.md")));
    }
}
