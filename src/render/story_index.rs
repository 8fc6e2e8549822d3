//! `stories/index.json`: every story of two documents or more, for tools and tests (the
//! dev set's `score-stories.py` reads it). URLs are relative to the site root, like the
//! folders pages are written to; dates are the documents' days in the site's time zone.

use serde::Serialize;

use super::urls;
use super::Page;
use crate::site::Site;

/// Where the file goes, relative to the output folder.
pub const PATH: &str = "stories/index.json";

#[derive(Serialize)]
struct Index<'a> {
    stories: Vec<StoryEntry<'a>>,
}

#[derive(Serialize)]
struct StoryEntry<'a> {
    url: String,
    title: &'a str,
    summary: &'a str,
    /// Topic names, most common first.
    topics: Vec<&'a str>,
    articles: Vec<Article<'a>>,
}

#[derive(Serialize)]
struct Article<'a> {
    url: String,
    title: &'a str,
    source: Option<&'a str>,
    /// `YYYY-MM-DD`, or null for an undated document.
    date: Option<String>,
}

/// The index as a page: stories in the grouping's order (first day, then first document),
/// their documents in story order. Serialised with serde_json, which escapes everything a
/// document brings.
pub fn page(site: &Site) -> Page {
    let g = &site.grouping;
    let stories = g
        .stories
        .iter()
        .filter(|s| s.is_multi_document())
        .map(|s| StoryEntry {
            url: urls::story(&s.slug),
            title: &s.title,
            summary: &s.summary,
            topics: s
                .topics
                .iter()
                .filter_map(|&t| g.topics.get(t).map(|t| t.name.as_str()))
                .collect(),
            articles: s
                .docs
                .iter()
                .map(|&d| {
                    let doc = &site.docs[d];
                    Article {
                        url: urls::article(&doc.slug),
                        title: &doc.title,
                        source: doc.front.source.as_deref(),
                        date: site.days[d].map(|day| day.format("%Y-%m-%d").to_string()),
                    }
                })
                .collect(),
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&Index { stories }).unwrap_or_default();
    bytes.push(b'\n');
    Page {
        path: PATH.into(),
        bytes: bytes.into(),
    }
}
