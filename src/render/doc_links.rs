//! Links a writer puts in a document's Markdown to other documents and to files.
//!
//! `[x](../other.md)`, `[x](@/articles/other.md)` and `[x](other.md#part)` point at another
//! document's source; they become relative links to that document's page. Images and files
//! written as `/img/x.png` (the site's root) come from `static/`; written relative to the
//! document (`img/x.png`, `../img/x.png`) they come from next to the document, copied into the
//! output under `media/`, or else from `static/`. Every resolved link is relative to the page,
//! so it works under a sub-path and from `file://`. What does not resolve is left as written
//! for `dossier check` to report.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use super::urls;

/// Where the output puts files that sit next to documents in `content/`.
pub const MEDIA: &str = "media/";

/// What a Markdown link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Not ours to change: a web or mail address, a fragment of the same page, or a path
    /// that is not a document nor a file we know.
    Leave,
    /// Another document's page (its folder under the output, `articles/x/`), and a fragment.
    Page { folder: String, fragment: String },
    /// A file of `static/`, by its path there.
    Static { path: String, fragment: String },
    /// A file next to a document, by its path under `content/`.
    Media { path: String },
    /// A document or file that does not exist: what was looked for.
    Missing { looked_for: String },
}

/// The documents and files links can point at.
#[derive(Debug, Clone, Default)]
pub struct DocLinks {
    /// Source path under `content/` → the document's page folder.
    pages: HashMap<String, String>,
    /// Files of `static/`, by path there.
    statics: BTreeSet<String>,
    content_dir: PathBuf,
    index_html: bool,
}

impl DocLinks {
    /// `pages`: each document's path under `content/` and its slug.
    pub fn new<'a>(
        pages: impl IntoIterator<Item = (&'a str, &'a str)>,
        statics: impl IntoIterator<Item = String>,
        content_dir: &Path,
        index_html: bool,
    ) -> DocLinks {
        DocLinks {
            pages: pages
                .into_iter()
                .map(|(rel, slug)| (rel.to_string(), urls::article(slug)))
                .collect(),
            statics: statics.into_iter().collect(),
            content_dir: content_dir.to_path_buf(),
            index_html,
        }
    }

    /// What `dest`, written in the document at `doc_rel` (under `content/`), points at.
    pub fn resolve(&self, doc_rel: &str, dest: &str) -> Target {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return Target::Leave;
        }
        let (path, fragment) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let fragment = fragment
            .split_once('#')
            .map(|(_, f)| format!("#{f}"))
            .unwrap_or_default();
        let path = percent_decode(path);
        let doc_dir = match doc_rel.rfind('/') {
            Some(i) => &doc_rel[..i],
            None => "",
        };
        let (rel, from_root) = if let Some(p) = path.strip_prefix("@/") {
            (normalise("", p), true)
        } else if let Some(p) = path.strip_prefix('/') {
            (normalise("", p), true)
        } else {
            (normalise(doc_dir, &path), false)
        };
        let Some(rel) = rel else {
            return Target::Missing {
                looked_for: format!("place inside the site as {path} (it climbs out of content/)"),
            };
        };
        if rel.ends_with(".md") || rel.ends_with(".markdown") {
            return match self.pages.get(&rel) {
                Some(folder) => Target::Page {
                    folder: folder.clone(),
                    fragment,
                },
                None => Target::Missing {
                    looked_for: format!("document content/{rel}"),
                },
            };
        }
        if from_root && !path.starts_with("@/") {
            // `/img/x.png`: the site's root, which is what static/ is copied to.
            return if self.statics.contains(&rel) {
                Target::Static {
                    path: rel,
                    fragment,
                }
            } else {
                Target::Missing {
                    looked_for: format!("file static/{rel}"),
                }
            };
        }
        if self.content_dir.join(&rel).is_file() {
            return Target::Media { path: rel };
        }
        if self.statics.contains(&rel) {
            return Target::Static {
                path: rel,
                fragment,
            };
        }
        // A relative path to something else (a page path written by hand, say): only a
        // file-like name is worth reporting.
        if Path::new(&rel).extension().is_some() {
            Target::Missing {
                looked_for: format!("file content/{rel} or static/{rel}"),
            }
        } else {
            Target::Leave
        }
    }

    /// The link from a page (`prefix` leads from it to the site root) to `target`.
    pub fn href(&self, target: &Target, prefix: &str) -> Option<String> {
        match target {
            Target::Page { folder, fragment } => {
                let index = if self.index_html { "index.html" } else { "" };
                Some(format!("{prefix}{folder}{index}{fragment}"))
            }
            Target::Static { path, fragment } => Some(format!("{prefix}{path}{fragment}")),
            Target::Media { path } => Some(format!("{prefix}{MEDIA}{path}")),
            Target::Leave | Target::Missing { .. } => None,
        }
    }

    /// Rewrite the link and image destinations of a document's events.
    pub fn rewrite<'a>(
        &self,
        events: Vec<Event<'a>>,
        doc_rel: &str,
        prefix: &str,
    ) -> Vec<Event<'a>> {
        events
            .into_iter()
            .map(|event| {
                super::markdown::map_destination(event, |_, dest| {
                    self.rewritten(&dest, doc_rel, prefix).unwrap_or(dest)
                })
            })
            .collect()
    }

    fn rewritten<'a>(&self, dest: &str, doc_rel: &str, prefix: &str) -> Option<CowStr<'a>> {
        self.href(&self.resolve(doc_rel, dest), prefix)
            .map(CowStr::from)
    }

    /// Every link and image destination of a Markdown body, with its 1-based line and
    /// column in the body.
    pub fn destinations(body: &str) -> Vec<(String, usize, usize)> {
        if !body.contains("](") && !body.contains("]:") {
            return Vec::new();
        }
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Parser::new_ext(body, super::markdown::options())
            .into_offset_iter()
            .filter_map(|(event, range)| match event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    let line = line_starts.partition_point(|&s| s <= range.start);
                    let column = range.start - line_starts[line - 1] + 1;
                    Some((dest_url.to_string(), line, column))
                }
                _ => None,
            })
            .collect()
    }

    /// The files next to documents that a body links to (paths under `content/`).
    pub fn media_of(&self, doc_rel: &str, body: &str) -> Vec<String> {
        Self::destinations(body)
            .into_iter()
            .filter_map(|(dest, _, _)| match self.resolve(doc_rel, &dest) {
                Target::Media { path } => Some(path),
                _ => None,
            })
            .collect()
    }

    pub fn content_dir(&self) -> &Path {
        &self.content_dir
    }
}

/// Does `dest` start with a URL scheme (`https:`, `mailto:`...)?
pub(crate) fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// `path` taken from folder `base` (both `/`-separated, under one root): `..` and `.` folded.
/// None when it climbs above the root.
pub(crate) fn normalise(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and friends back into bytes (file names with spaces are written encoded).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(dir: &Path) -> DocLinks {
        DocLinks::new(
            [
                ("articles/2024/budget.md", "budget-row"),
                ("articles/2024/harbour.md", "harbour-opens"),
                ("notes/memo.md", "memo"),
            ],
            ["img/logo.png".to_string()],
            dir,
            true,
        )
    }

    #[test]
    fn document_links_become_page_links() {
        let dir = tempfile::tempdir().unwrap();
        let l = links(dir.path());
        let page = |t: &Target| l.href(t, "../../");
        assert_eq!(
            page(&l.resolve("articles/2024/budget.md", "harbour.md")).as_deref(),
            Some("../../articles/harbour-opens/index.html")
        );
        assert_eq!(
            page(&l.resolve("articles/2024/budget.md", "../../notes/memo.md#vote")).as_deref(),
            Some("../../articles/memo/index.html#vote")
        );
        assert_eq!(
            page(&l.resolve("notes/memo.md", "@/articles/2024/budget.md")).as_deref(),
            Some("../../articles/budget-row/index.html")
        );
        assert!(matches!(
            l.resolve("notes/memo.md", "../nowhere.md"),
            Target::Missing { .. }
        ));
        assert!(matches!(
            l.resolve("notes/memo.md", "../../../etc/passwd.md"),
            Target::Missing { .. }
        ));
        for external in [
            "https://example.org/a.md",
            "mailto:x@y",
            "#top",
            "//cdn/x.png",
        ] {
            assert_eq!(l.resolve("notes/memo.md", external), Target::Leave);
        }
    }

    #[test]
    fn images_come_from_static_or_next_to_the_document() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles/2024/img")).unwrap();
        std::fs::write(dir.path().join("articles/2024/img/map.png"), b"png").unwrap();
        let l = links(dir.path());
        assert_eq!(
            l.href(
                &l.resolve("articles/2024/budget.md", "/img/logo.png"),
                "../../"
            )
            .as_deref(),
            Some("../../img/logo.png")
        );
        assert_eq!(
            l.href(
                &l.resolve("articles/2024/budget.md", "img/map.png"),
                "../../"
            )
            .as_deref(),
            Some("../../media/articles/2024/img/map.png")
        );
        assert!(matches!(
            l.resolve("articles/2024/budget.md", "/img/missing.png"),
            Target::Missing { .. }
        ));
        assert!(matches!(
            l.resolve("articles/2024/budget.md", "../img/missing.png"),
            Target::Missing { .. }
        ));
        assert_eq!(
            l.media_of(
                "articles/2024/budget.md",
                "Text ![map](img/map.png) and [doc](harbour.md)."
            ),
            vec!["articles/2024/img/map.png".to_string()]
        );
    }

    #[test]
    fn destinations_carry_line_and_column() {
        let body = "First line.\n\nSee [the vote](budget.md) and\n![map](img/x.png).\n";
        assert_eq!(
            DocLinks::destinations(body),
            vec![
                ("budget.md".to_string(), 3, 5),
                ("img/x.png".to_string(), 4, 1)
            ]
        );
    }
}
