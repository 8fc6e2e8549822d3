//! Archive pages: a day, a month, a year, the timeline, the undated reports.

use serde::Serialize;

use super::{StorylineLink, Value};

#[derive(Debug, Clone, Serialize)]
pub struct DayPage {
    pub day: DayInfo,
    /// Days with reports either side (empty days are skipped), or null.
    pub prev_day: Option<DayLink>,
    pub next_day: Option<DayLink>,
    pub month_url: String,
    /// The month's name ("February") for the breadcrumb.
    pub month_name: String,
    pub year: i32,
    pub year_url: String,
    /// The day as an edition: its stories, then its other reports.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub edition: super::Edition,
    /// Briefing sections.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub sections: Vec<Value>,
    /// Every report of the day (article entries).
    #[serde(skip_serializing)] // moved in by `into_value`
    pub articles: Vec<Value>,
    /// Storylines with a story that day.
    pub storylines: Vec<StorylineLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayInfo {
    pub date: String,
    pub display: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayLink {
    pub date: String,
    pub display: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthPage {
    pub month: MonthInfo,
    pub year_url: String,
    #[serde(skip_serializing)] // moved in by `into_value`
    pub days: Vec<Value>,
    pub prev_month: Option<MonthLink>,
    pub next_month: Option<MonthLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthInfo {
    pub display: String,
    pub year: i32,
    pub number: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthLink {
    pub display: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearPage {
    pub year: YearSummary,
    pub prev_year: Option<YearLink>,
    pub next_year: Option<YearLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    pub year: i32,
    pub url: String,
}

/// A year's months and days with their report counts.
#[derive(Debug, Clone, Serialize)]
pub struct YearSummary {
    pub year: i32,
    pub url: String,
    pub count: usize,
    /// Newest first.
    pub months: Vec<MonthSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthSummary {
    pub display: String,
    pub url: String,
    pub count: usize,
    pub days: Vec<DaySummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DaySummary {
    pub date: String,
    pub display: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelinePage {
    /// Newest first.
    pub years: Vec<YearSummary>,
    pub undated_count: usize,
    pub storylines: Vec<StorylineLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UndatedPage {
    #[serde(skip_serializing)] // moved in by `into_value`
    pub articles: Vec<Value>,
}

super::moved_into_value!(MonthPage { days });

super::moved_into_value!(DayPage {
    edition,
    sections,
    articles
});

super::moved_into_value!(UndatedPage { articles });
