//! Typed template contexts: one `#[derive(Serialize)]` struct per page kind, the variables
//! docs/templates.md lists for it. `pages` fills them; a test renders every template of the
//! default theme against them (tests/templates.rs).
//!
//! Shapes shared by many pages (an article entry, a topic entry, a story entry) are built
//! once per build and cloned into the lists that show them.

pub mod archive;
pub mod article;
pub mod feed;
pub mod home;
pub mod source;
pub mod story;
pub mod topic;

use serde::Serialize;
pub use serde_json::Value;

use crate::corpus::TopicKind;

/// A document as lists show it (`a` in the theme's partials).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleEntry {
    pub title: String,
    /// Link to the article page.
    pub url: String,
    pub slug: String,
    /// `YYYY-MM-DD` in the site's time zone, or null.
    pub date: Option<String>,
    /// RFC 3339.
    pub datetime: Option<String>,
    /// `date_format.long`.
    pub date_display: Option<String>,
    /// `date_format.short`.
    pub date_short: Option<String>,
    pub day_url: Option<String>,
    pub source: Option<OutletLink>,
    pub authors: Vec<String>,
    /// Front matter, else the first paragraph shortened.
    pub summary: String,
    pub kind: String,
    /// Up to 8 of its topics.
    pub topics: Vec<TopicLink>,
    /// Its story, when it has one with two reports or more.
    pub story: Option<StoryEntry>,
}

/// A topic named in an article entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicLink {
    pub name: String,
    pub url: String,
    pub kind: TopicKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicEntry {
    pub name: String,
    pub slug: String,
    pub kind: TopicKind,
    pub description: String,
    /// Documents (on a source page: that source's documents).
    pub count: usize,
    pub url: String,
    /// Root-relative path of its feed.
    pub feed_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEntry {
    pub title: String,
    pub slug: String,
    pub url: String,
    /// Documents.
    pub count: usize,
    pub first_day: String,
    pub last_day: String,
    pub first_display: String,
    pub last_display: String,
}

/// Reports of one day (`days` on list pages).
#[derive(Debug, Clone, Serialize)]
pub struct DayGroup {
    /// Null for the undated group.
    pub date: Option<String>,
    pub display: String,
    pub url: String,
    pub articles: Vec<ArticleEntry>,
}

/// One topic's part of a day's briefing (`sections`).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Null for "other news".
    pub topic: Option<TopicEntry>,
    pub entries: Vec<SectionEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionEntry {
    pub story: Option<StoryEntry>,
    /// The story's reports that day, or one article.
    pub articles: Vec<ArticleEntry>,
    /// Their outlets, each once.
    pub outlets: Vec<OutletLink>,
    /// Reports with no known outlet.
    pub unnamed: usize,
    /// `new`, `updated`, or null outside a story.
    pub status: Option<&'static str>,
}

/// Links of a paginated list (`pagination`).
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and last pages and those near the current one.
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
}

/// What every page has besides its own variables.
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    /// Site-wide values (see [`SiteInfo`]), serialised once per build.
    pub site: &'a Value,
    /// The way from the page back to the site root.
    pub root: String,
    /// The complete link to the home page.
    pub home: String,
    pub page: PageInfo,
    /// The meta description: the page's own, else the site's.
    pub description: String,
    /// The picture for link previews, absolute: the page's own, else the site's.
    pub image: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    pub language: String,
    pub publisher: String,
    pub base_url: String,
    pub extra: std::collections::BTreeMap<String, Value>,
    pub feed_url: &'static str,
    pub editions_feed_url: &'static str,
    pub topics_url: String,
    pub sources_url: String,
    /// The search page (the masthead's search box submits to it); null when site.yaml has
    /// `search: false`.
    pub search_url: Option<String>,
    pub stories_url: String,
    pub timeline_url: String,
    pub undated_url: String,
    pub has_stories: bool,
    pub has_undated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub title: String,
    /// The template's name without extension.
    pub kind: String,
    /// The file written, relative to the output folder.
    pub path: String,
    /// The page's absolute address.
    pub canonical: String,
}

/// The search page: where its index files are, from the page.
#[derive(Debug, Clone, Serialize)]
pub struct Search {
    /// The folder of `meta.js`, `t/` and `d/`, relative to the search page.
    pub index_folder: &'static str,
}

/// The 404 page has the common variables only.
#[derive(Debug, Clone, Serialize)]
pub struct NotFound {}

/// A storyline in a list.
#[derive(Debug, Clone, Serialize)]
pub struct StorylineLink {
    pub title: String,
    pub url: String,
    /// Its stories.
    pub count: usize,
}

/// A storyline a story belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct StorylineRef {
    pub title: String,
    pub url: String,
}

/// An outlet named in a list, linked to its source page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletLink {
    pub name: String,
    pub url: String,
}

/// A story as a briefing shows it: what happened, who covered it, when.
#[derive(Debug, Clone, Serialize)]
pub struct StoryBrief {
    pub title: String,
    /// Link to the story page.
    pub url: String,
    /// One or two sentences: the story's summary.
    pub summary: String,
    /// Each outlet once, in the order they first reported.
    pub outlets: Vec<OutletLink>,
    /// Reports whose outlet is not known (not named in `outlets`).
    pub unnamed_reports: usize,
    /// All the story's reports.
    pub report_count: usize,
    /// The story's main topic entry, or null.
    pub topic: Option<TopicEntry>,
    /// The latest report's time of day (`HH:MM`, site time zone) when the reports give one.
    pub time: Option<String>,
    /// RFC 3339 moment of that report.
    pub datetime: Option<String>,
    /// `new` (first reported that day) or `updated` (new reports that day on an older story).
    pub status: &'static str,
    /// Its reports that day (article entries), newest first.
    pub reports: Vec<ArticleEntry>,
}

/// A day's briefing: its stories, then its other reports.
#[derive(Debug, Clone, Serialize)]
pub struct Edition {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `date_format.long`.
    pub display: String,
    /// Link to the day page.
    pub url: String,
    /// Reports that day.
    pub count: usize,
    /// Stories with reports that day, the most widely covered first.
    pub stories: Vec<StoryBrief>,
    /// That day's reports outside any story (article entries), newest first.
    pub reports: Vec<ArticleEntry>,
}
