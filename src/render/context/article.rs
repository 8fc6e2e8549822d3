//! An article page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ArticleEntry, StoryEntry, TopicEntry, Value};

#[derive(Debug, Clone, Serialize)]
pub struct ArticlePage {
    pub article: ArticleView,
    /// The next later and earlier reports, or null.
    pub newer: Option<ArticleEntry>,
    pub older: Option<ArticleEntry>,
    /// The story the article belongs to, with the other coverage, or null.
    pub story: Option<StoryCoverage>,
    /// Related reports outside the story.
    pub related: Vec<ArticleEntry>,
    /// Link to the article's month, or null when undated.
    pub month_url: Option<String>,
    /// NewsArticle JSON-LD, safe inside a `<script>` element.
    pub jsonld: String,
    pub description: String,
    /// The article's picture (front matter `image`), else the site's, absolute.
    pub image: Option<String>,
}

/// An article entry and what only its own page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    #[serde(flatten)]
    pub entry: ArticleEntry,
    pub body_html: String,
    /// The front-matter summary, unless it merely repeats the first paragraph.
    pub standfirst: Option<String>,
    pub words: usize,
    pub reading_minutes: usize,
    pub original_url: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub section: Option<String>,
    pub date_source: Option<crate::content::DateSource>,
    pub date_evidence: Option<String>,
    /// How the date was found, in words for readers, or null for a date the author wrote.
    pub date_note: Option<&'static str>,
    pub all_topics: Vec<TopicEntry>,
    pub extra: BTreeMap<String, Value>,
}

/// A story entry with the story's other reports.
#[derive(Debug, Clone, Serialize)]
pub struct StoryCoverage {
    #[serde(flatten)]
    pub entry: StoryEntry,
    /// The other reports.
    pub others: Vec<ArticleEntry>,
}
