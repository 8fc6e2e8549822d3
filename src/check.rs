//! `dossier check`: the links of a rendered site, checked without writing it.
//!
//! Two passes. Links written in documents' Markdown are checked where they were written, so a
//! problem names the document's file, line and column. Then every link, image and anchor of
//! every rendered page is checked against the pages and files the build would write; what the
//! first pass already reported is not reported again.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::content::Document;
use crate::error::Diagnostic;
use crate::render::doc_links::{has_scheme, normalise, percent_decode, DocLinks, Target};
use crate::render::{urls, Page};

/// `href`, `src` and `id` attributes of the pages Dossier renders (its templates quote them
/// with double quotes; single quotes are taken too).
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid pattern")
});

/// What the output would hold: every file, and the ids of every HTML page.
struct Output<'a> {
    files: HashSet<&'a str>,
    ids: HashMap<&'a str, HashSet<String>>,
}

impl<'a> Output<'a> {
    fn new(pages: &'a [Page]) -> Output<'a> {
        let ids = pages
            .par_iter()
            .filter(|p| p.path.ends_with(".html"))
            .map(|p| {
                let text = String::from_utf8_lossy(&p.bytes);
                let ids = ATTRIBUTE
                    .captures_iter(&text)
                    .filter(|c| &c[1] == "id")
                    .map(|c| unescape(attribute_value(&c)))
                    .collect();
                (p.path.as_str(), ids)
            })
            .collect();
        Output {
            files: pages.iter().map(|p| p.path.as_str()).collect(),
            ids,
        }
    }

    /// The file a path under the output names: itself, or the folder's `index.html`.
    fn file(&self, path: &str) -> Option<&'a str> {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates
            .iter()
            .find_map(|c| self.files.get(c.as_str()).copied())
    }

    /// A problem with `fragment` (without `#`) on the page `file`, if any.
    fn anchor_problem(&self, file: &str, fragment: &str) -> Option<String> {
        let fragment = percent_decode(fragment);
        if fragment.is_empty() || fragment == "top" {
            return None;
        }
        let ids = self.ids.get(file)?;
        (!ids.contains(&fragment)).then(|| format!("{file} has no anchor #{fragment}"))
    }
}

/// Check every link of the rendered `pages` and of the documents' Markdown.
pub fn links(pages: &[Page], docs: &[Document], doc_links: &DocLinks) -> Vec<Diagnostic> {
    let output = Output::new(pages);
    let mut problems = Vec::new();
    // (page, href) pairs the Markdown pass reported, so the page pass does not repeat them.
    let mut reported: HashSet<(String, String)> = HashSet::new();

    for doc in docs {
        let page = format!("{}index.html", urls::article(&doc.slug));
        for (dest, line, column) in DocLinks::destinations(&doc.body) {
            let problem = match doc_links.resolve(&doc.rel_path, &dest) {
                Target::Missing { looked_for } => Some(format!("no such {looked_for}")),
                Target::Page { folder, fragment } => {
                    let file = format!("{folder}index.html");
                    output.anchor_problem(&file, fragment.trim_start_matches('#'))
                }
                Target::Leave if dest.starts_with('#') => output.anchor_problem(&page, &dest[1..]),
                _ => None,
            };
            if let Some(problem) = problem {
                reported.insert((page.clone(), dest.clone()));
                let kind = if is_image(&doc.body, &dest) {
                    "image"
                } else {
                    "link"
                };
                problems.push(
                    Diagnostic::error(&doc.path, format!("broken {kind} {dest:?}: {problem}"))
                        .at(Some(doc.body_line + line - 1), Some(column))
                        .hint("link to another document by its .md file (relative, or @/ from content/), to an image in static/ by /path, or to a file next to the document by its relative path"),
                );
            }
        }
    }

    let mut from_pages: Vec<Diagnostic> = pages
        .par_iter()
        .filter(|p| p.path.ends_with(".html"))
        .flat_map_iter(|p| {
            let text = String::from_utf8_lossy(&p.bytes);
            let mut found = BTreeSet::new();
            for c in ATTRIBUTE.captures_iter(&text) {
                if &c[1] == "id" {
                    continue;
                }
                let href = unescape(attribute_value(&c));
                if reported.contains(&(p.path.clone(), href.clone())) {
                    continue;
                }
                if let Some(problem) = page_link_problem(&output, &p.path, &href) {
                    found.insert((href, problem));
                }
            }
            found.into_iter().map(|(href, problem)| {
                Diagnostic::error(
                    format!("public/{}", p.path),
                    format!("broken link {href:?}: {problem}"),
                )
                .hint("the link comes from a template; fix the template that renders this page")
            })
        })
        .collect();
    from_pages.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    problems.extend(from_pages);
    problems
}

/// What is wrong with `href` on the page at `page` (a path under the output), if anything.
fn page_link_problem(output: &Output, page: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("//") || has_scheme(href) {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, f),
        None => (href, ""),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return output.anchor_problem(page, fragment);
    }
    if path.starts_with('/') {
        return Some("a link from the site root breaks under a sub-path and from file://; use a relative link".into());
    }
    let dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "",
    };
    let Some(target) = join(dir, &percent_decode(path)) else {
        return Some("it leads outside the site".into());
    };
    match output.file(&target) {
        None => Some(format!("nothing would be written at {target}")),
        Some(file) => output.anchor_problem(file, fragment),
    }
}

/// Is `dest` written as an image (`![...](dest)`) in `body`?
fn is_image(body: &str, dest: &str) -> bool {
    body.match_indices(dest).any(|(i, _)| {
        let before = &body[..i];
        let Some(label) = before.strip_suffix("](") else {
            return false;
        };
        label
            .rfind("![")
            .is_some_and(|open| !label[open..].contains("]("))
    })
}

fn attribute_value<'t>(c: &regex::Captures<'t>) -> &'t str {
    c.get(2).or_else(|| c.get(3)).map_or("", |m| m.as_str())
}

/// The entities Dossier's escaping writes into attributes, back to characters.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// `path` from the folder `dir` (ending in `/`, or empty for the root), `..` folded.
/// A trailing `/` (a folder) is kept.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut joined = normalise(dir, path)?;
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Page {
        Page {
            path: path.into(),
            bytes: html.as_bytes().to_vec().into(),
        }
    }

    #[test]
    fn page_links_anchors_and_images_are_checked() {
        let pages = vec![
            page(
                "index.html",
                r##"<a href="articles/a/index.html#part">a</a><a href="articles/b/">b</a><img src="img/x.png"><a href="#main">skip</a><main id="main"></main><a href="https://example.org/">x</a>"##,
            ),
            page(
                "articles/a/index.html",
                r#"<h2 id="part">Part</h2><a href="../../index.html#nope">home</a><a href="../../style.css">css</a>"#,
            ),
            page("style.css", "body{}"),
        ];
        let output = Output::new(&pages);
        let problems: Vec<_> = pages
            .iter()
            .flat_map(|p| {
                let text = String::from_utf8_lossy(&p.bytes).into_owned();
                ATTRIBUTE
                    .captures_iter(&text)
                    .filter(|c| &c[1] != "id")
                    .filter_map(|c| page_link_problem(&output, &p.path, attribute_value(&c)))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            problems,
            vec![
                "nothing would be written at articles/b/".to_string(),
                "nothing would be written at img/x.png".to_string(),
                "index.html has no anchor #nope".to_string(),
            ]
        );
    }

    #[test]
    fn root_relative_and_escaping_links_are_problems() {
        let pages = vec![page("a/index.html", "")];
        let output = Output::new(&pages);
        assert!(page_link_problem(&output, "a/index.html", "/a/").is_some());
        assert!(page_link_problem(&output, "a/index.html", "../../x").is_some());
        assert!(page_link_problem(&output, "a/index.html", "../a/").is_none());
        assert!(page_link_problem(&output, "a/index.html", "mailto:x@example.org").is_none());
    }

    #[test]
    fn images_are_told_from_links() {
        let body = "See [a](x.md) and ![map](map.png) or ![Gone](/img/gone.png).";
        assert!(is_image(body, "/img/gone.png"));
        assert!(is_image(body, "map.png"));
        assert!(!is_image(body, "x.md"));
    }
}
