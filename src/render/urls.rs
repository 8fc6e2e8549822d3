//! Where each page lives and how pages link to each other.
//!
//! Every page is a file under the output folder. Internal links are relative to the linking
//! page, so one build works at a domain root, under a sub-path and from `file://`.
//! Absolute URLs (from base_url) are made only for feeds, the sitemap and canonical links.

use chrono::{Datelike, NaiveDate};

/// Paths of every kind of page, relative to the output folder, as folders (`articles/x/`).
pub fn article(slug: &str) -> String {
    join(&["articles/", slug, "/"])
}
pub fn topic(slug: &str) -> String {
    join(&["topics/", slug, "/"])
}
pub fn source(slug: &str) -> String {
    join(&["sources/", slug, "/"])
}
pub fn story(slug: &str) -> String {
    join(&["stories/", slug, "/"])
}
pub fn storyline(slug: &str) -> String {
    join(&["storylines/", slug, "/"])
}

/// `parts` one after the other, in a string of their length: links are made for every
/// entry of every list, and `format!` costs several times as much for plain pieces.
fn join(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}
pub fn day(d: NaiveDate) -> String {
    format!("archive/{:04}/{:02}/{:02}/", d.year(), d.month(), d.day())
}
pub fn month(year: i32, month: u32) -> String {
    format!("archive/{year:04}/{month:02}/")
}
pub fn year(year: i32) -> String {
    format!("archive/{year:04}/")
}
pub const UNDATED: &str = "archive/undated/";
pub const TIMELINE: &str = "archive/";
pub const TOPICS: &str = "topics/";
pub const SOURCES: &str = "sources/";
pub const STORIES: &str = "stories/";
pub const SEARCH: &str = "search/";
/// One entry per day: the daily editions.
pub const EDITIONS_FEED: &str = "archive/atom.xml";

/// Page `n` (1-based) of a paginated list whose first page is `base`.
pub fn paged(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// Turns folder paths into the links and files a build writes.
#[derive(Debug, Clone)]
pub struct Links {
    /// End links in `index.html` (needed for `file://`).
    pub index_html: bool,
    /// Absolute base URL with one trailing slash.
    pub base_url: String,
}

impl Links {
    /// The link from the site root to `folder` (a folder path, or "" for home).
    pub fn href(&self, folder: &str) -> String {
        if self.index_html {
            join(&[folder, "index.html"])
        } else if folder.is_empty() {
            "./".into()
        } else {
            folder.to_string()
        }
    }

    /// The file a folder page is written to.
    pub fn file(folder: &str) -> String {
        join(&[folder, "index.html"])
    }

    /// The absolute URL of a folder or file path (canonical, feeds, sitemap).
    pub fn absolute(&self, path: &str) -> String {
        join(&[&self.base_url, path])
    }
}

/// The prefix that leads from the page written at `file` back to the output folder's root.
pub fn root_of(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_lead_back_to_the_top() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("articles/x/index.html"), "../../");
        assert_eq!(root_of("archive/2024/02/06/index.html"), "../../../../");
    }

    #[test]
    fn links_end_in_index_html_when_asked() {
        let l = Links {
            index_html: true,
            base_url: "https://e.org/r/".into(),
        };
        assert_eq!(l.href("topics/gaza/"), "topics/gaza/index.html");
        assert_eq!(l.href(""), "index.html");
        let l = Links {
            index_html: false,
            ..l
        };
        assert_eq!(l.href("topics/gaza/"), "topics/gaza/");
        assert_eq!(l.href(""), "./");
        assert_eq!(l.absolute("atom.xml"), "https://e.org/r/atom.xml");
    }

    #[test]
    fn joined_links_are_the_formatted_ones() {
        for slug in ["", "x", "gaza-city", "caf\u{e9}"] {
            assert_eq!(article(slug), format!("articles/{slug}/"));
            assert_eq!(topic(slug), format!("topics/{slug}/"));
            assert_eq!(source(slug), format!("sources/{slug}/"));
            assert_eq!(story(slug), format!("stories/{slug}/"));
            assert_eq!(storyline(slug), format!("storylines/{slug}/"));
            assert_eq!(Links::file(slug), format!("{slug}index.html"));
        }
    }

    #[test]
    fn pages_after_the_first() {
        assert_eq!(paged("topics/gaza/", 1), "topics/gaza/");
        assert_eq!(paged("topics/gaza/", 3), "topics/gaza/page/3/");
    }
}
