//! The topics index and a topic page.

use serde::Serialize;

use super::Value;

#[derive(Debug, Clone, Serialize)]
pub struct TopicsIndex {
    /// Per kind with topics: people, places, organisations, themes.
    pub groups: Vec<TopicGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicGroup {
    pub kind: &'static str,
    pub label: String,
    /// Topic entries, the busiest first.
    pub topics: Vec<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicPage {
    #[serde(skip_serializing)] // moved in by `into_value`
    pub topic: Value,
    /// Day groups of this page's reports.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub days: Vec<Value>,
    pub pagination: Value,
    #[serde(skip_serializing)] // moved in by `into_value`
    pub related_topics: Vec<Value>,
    /// Story entries, newest first.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub stories: Vec<Value>,
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
    pub title: Value,
    pub url: Value,
    pub source: Value,
    pub date_short: Value,
}

super::moved_into_value!(TopicPage {
    topic,
    days,
    related_topics,
    stories
});
