//! An article page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Value;

#[derive(Debug, Clone, Serialize)]
pub struct ArticlePage {
    pub article: ArticleView,
    /// The next later and earlier reports (article entries), or null.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub newer: Option<Value>,
    #[serde(skip_serializing)] // moved in by `into_value`
    pub older: Option<Value>,
    /// The story the article belongs to, with the other coverage, or null.
    pub story: Option<StoryCoverage>,
    /// Related reports outside the story (article entries).
    #[serde(skip_serializing)] // moved in by `into_value`
    pub related: Vec<Value>,
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
    /// The article entry's fields.
    #[serde(flatten)]
    pub entry: Value,
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
    pub date_note: Option<String>,
    /// Every topic entry of the article.
    pub all_topics: Vec<Value>,
    pub extra: BTreeMap<String, Value>,
}

/// A story entry with the story's other reports.
#[derive(Debug, Clone, Serialize)]
pub struct StoryCoverage {
    #[serde(flatten)]
    pub entry: Value,
    /// The other reports (article entries).
    pub others: Vec<Value>,
}

super::moved_into_value!(ArticlePage {
    newer,
    older,
    related
});
