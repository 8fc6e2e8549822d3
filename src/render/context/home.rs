//! The home page: the latest edition as a briefing, earlier days, the busiest topics.

use serde::Serialize;

use super::{Edition, Value};

#[derive(Debug, Clone, Serialize)]
pub struct HomePage {
    /// The latest day with reports, or null on an empty site.
    pub edition: Option<Edition>,
    /// The days before it (up to `pagination.home_days` in all), newest first.
    pub earlier: Vec<Edition>,
    /// Topics of those days, the most reported first.
    pub top_topics: Vec<TopicTrend>,
    /// Link to the month before the days shown, or null.
    pub older_url: Option<String>,
    pub undated_count: usize,
    pub article_count: usize,
}

/// A topic with how much it was reported lately.
#[derive(Debug, Clone, Serialize)]
pub struct TopicTrend {
    /// The topic entry.
    pub topic: Value,
    /// Reports in the days the home page shows.
    pub recent: usize,
    /// Reports in the seven days up to the latest edition.
    pub this_week: usize,
    /// Reports in the seven days before those.
    pub last_week: usize,
    /// A short phrase: "+5 this week".
    pub trend: String,
}
