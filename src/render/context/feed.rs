//! Atom feeds: the site's latest reports, each topic's, and the daily editions.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FeedPage {
    pub feed: FeedInfo,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedInfo {
    pub title: String,
    /// The feed's absolute address, also its id.
    pub id: String,
    pub self_url: String,
    /// The page the feed follows, absolute.
    pub alternate_url: String,
    /// RFC 3339: the newest entry's `updated`.
    pub updated: String,
    pub author: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    pub title: String,
    pub id: String,
    /// Absolute link to the entry's page.
    pub url: String,
    /// RFC 3339.
    pub published: String,
    pub updated: String,
    pub authors: Vec<String>,
    pub summary: String,
    /// HTML (the template escapes it into the feed), or null for summary-only entries.
    pub content: Option<String>,
    /// Topic names.
    pub topics: Vec<String>,
    /// The entry's language (BCP 47): the document's, or the site's for an edition.
    pub lang: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapPage {
    pub entries: Vec<SitemapEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SitemapEntry {
    pub loc: String,
    /// `YYYY-MM-DD`.
    pub lastmod: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapIndex {
    pub sitemaps: Vec<SitemapRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapRef {
    pub loc: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Robots {
    pub sitemap_url: String,
}
