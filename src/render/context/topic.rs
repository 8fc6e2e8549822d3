//! The topics index and a topic page.

use serde::Serialize;

use super::{DayGroup, OutletLink, Pager, StoryEntry, TopicEntry};

#[derive(Debug, Clone, Serialize)]
pub struct TopicsIndex {
    /// Per kind with topics: people, places, organisations, themes.
    pub groups: Vec<TopicGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicGroup {
    pub kind: &'static str,
    pub label: &'static str,
    /// The busiest first.
    pub topics: Vec<TopicEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicPage {
    pub topic: TopicEntry,
    /// This page's reports by day.
    pub days: Vec<DayGroup>,
    pub pagination: Pager,
    pub related_topics: Vec<TopicEntry>,
    /// Newest first.
    pub stories: Vec<StoryEntry>,
    pub quotes: Vec<TopicQuote>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicQuote {
    pub text: String,
    pub speaker: String,
    pub role: Option<String>,
    pub article: QuotedArticle,
    /// Link to the quoted paragraph.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuotedArticle {
    pub title: String,
    pub url: String,
    pub source: Option<OutletLink>,
    pub date_short: Option<String>,
}
