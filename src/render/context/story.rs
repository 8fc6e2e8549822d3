//! A story page: one event compared across the outlets that covered it.

use serde::Serialize;

use super::{OutletLink, Value};

#[derive(Debug, Clone, Serialize)]
pub struct StoryPage {
    /// The story entry.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub story: Value,
    /// One or two sentences on what happened.
    pub summary: String,
    /// Each outlet once, in the order they first reported.
    pub outlets: Vec<OutletLink>,
    /// Reports whose outlet is not known.
    pub unnamed_reports: usize,
    /// Every report in the order published.
    pub timeline: Vec<TimelineEntry>,
    /// Figures that count the same thing but differ between outlets.
    pub disagreements: Vec<Disagreement>,
    /// Attributed quotations from the reports, each once.
    pub quotes: Vec<StoryQuote>,
    /// Topic entries.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub topics: Vec<Value>,
    /// `{title, url}` or null.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub storyline: Option<Value>,
    /// The reports as article entries (story order).
    #[serde(skip_serializing)] // moved in by `into_value`
    pub articles: Vec<Value>,
    /// Text for the meta description.
    pub description: String,
}

/// One report on the story's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub title: String,
    /// Link to the article page.
    pub url: String,
    /// The outlet, or null when unknown.
    pub source: Option<OutletLink>,
    /// `date_format.short`, or null for an undated report.
    pub date_short: Option<String>,
    /// `HH:MM` when the report gives a time.
    pub time: Option<String>,
    /// RFC 3339.
    pub datetime: Option<String>,
    /// The report's summary.
    pub summary: String,
    /// The first report of its outlet in this story (later ones say "update").
    pub first_from_outlet: bool,
    /// The report's language (BCP 47) and its direction (`ltr`, `rtl`).
    pub lang: String,
    pub dir: String,
}

/// One measure the outlets give different figures for.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// What is counted: "killed", "injured", "hostages"...
    pub measure: String,
    pub figures: Vec<FigureEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureEntry {
    /// The outlet's name, or null when unknown.
    pub outlet: Option<String>,
    /// The words as printed: "at least 27 killed".
    pub phrase: String,
    /// The sentence around them.
    pub sentence: String,
    /// Link to the paragraph on the article page.
    pub url: String,
    pub date_short: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoryQuote {
    pub text: String,
    pub speaker: String,
    pub role: Option<String>,
    /// The outlet that printed it first, or null.
    pub outlet: Option<String>,
    /// Link to the quoted paragraph.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoriesIndex {
    /// Story entries, the latest first.
    pub stories: Vec<Value>,
    pub storylines: Vec<super::StorylineLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StorylinePage {
    pub storyline: StorylineInfo,
    /// Story entries with their `articles`, in date order; a one-report episode links to
    /// its article.
    pub episodes: Vec<Value>,
    pub topics: Vec<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StorylineInfo {
    pub title: String,
    pub count: usize,
}

super::moved_into_value!(StoryPage {
    story,
    topics,
    storyline,
    articles
});
