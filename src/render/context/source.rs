//! A source (outlet) page and the sources index.

use serde::Serialize;

use super::{DayGroup, Pager, TopicEntry};

#[derive(Debug, Clone, Serialize)]
pub struct SourcePage {
    pub source: SourceInfo,
    /// Topics of its reports, `count` being its reports on the topic.
    pub topics: Vec<TopicEntry>,
    /// This page's reports by day.
    pub days: Vec<DayGroup>,
    pub pagination: Pager,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub name: String,
    /// Link to the source page.
    pub url: String,
    pub count: usize,
    /// The outlet's own web site, or null.
    pub home: Option<String>,
    /// Where the outlet is based, when known.
    pub country: Option<&'static str>,
    /// news agency, public broadcaster, newspaper, state media... when known.
    pub kind: Option<&'static str>,
    /// The newest report's day, `date_format.short`.
    pub latest: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourcesIndex {
    pub sources: Vec<SourceInfo>,
}
