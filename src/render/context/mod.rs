//! Typed template contexts: one `#[derive(Serialize)]` struct per page kind, the variables
//! docs/templates.md lists for it. `pages` fills them; a test renders every template of the
//! default theme against them (tests/it/templates.rs).
//!
//! Shapes shared by many pages (an article entry, a topic entry, a story entry) are still
//! built once per build as JSON values in `pages` and carried here as [`Value`]s: they are
//! cloned into thousands of lists, and a value is cheaper to clone than to re-serialise.

pub mod archive;
pub mod article;
pub mod feed;
pub mod home;
pub mod source;
pub mod story;
pub mod topic;

use serde::Serialize;
pub use serde_json::Value;

/// `typed` as a value, with `moved` inserted as they are. Serialising a [`Value`] copies it,
/// and the entries of a list page are most of its context; so those fields are skipped when
/// the struct is serialised and moved in here (see [`moved_into_value!`]).
pub fn value_with<const N: usize>(typed: &impl Serialize, moved: [(&str, Value); N]) -> Value {
    let mut value = serde_json::to_value(typed).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for (key, v) in moved {
            map.insert(key.to_string(), v);
        }
    }
    value
}

/// `into_value(self)` for a context struct whose listed fields (each `Value`, `Vec<Value>` or
/// `Option<Value>`, marked `#[serde(skip_serializing)]`) move into the value instead of
/// being copied by serialising them.
macro_rules! moved_into_value {
    ($ty:ty { $($field:ident),+ $(,)? }) => {
        impl $ty {
            /// This context as a value, its entry lists moved in rather than copied.
            pub fn into_value(mut self) -> $crate::render::context::Value {
                let moved = [$((
                    stringify!($field),
                    $crate::render::context::Value::from(std::mem::take(&mut self.$field)),
                )),+];
                $crate::render::context::value_with(&self, moved)
            }
        }
    };
}
pub(crate) use moved_into_value;

/// What every page has besides its own variables.
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    /// Site-wide values (see [`SiteInfo`]), serialised once per build. Like `t`, not
    /// copied into each page's context: a rendering thread keeps it (`render::SharedVars`).
    #[serde(skip_serializing)]
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
    /// The page's language (BCP 47): the site's, or an article's own.
    pub lang: String,
    /// `ltr` or `rtl`, as the page's language is written.
    pub dir: &'static str,
    /// The interface's strings in the site's language (src/lang/strings/*.yaml, then
    /// site.yaml's `strings:`).
    #[serde(skip_serializing)]
    pub t: &'a Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    pub language: String,
    /// `ltr` or `rtl`, as the site's language is written.
    pub dir: &'static str,
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
    /// The folder of the index files (`meta.js`, `t/`, `p/`, `d/`, `f/`), relative to the
    /// search page.
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
    /// The title's language (its report's) and direction.
    pub lang: String,
    pub dir: String,
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
    pub topic: Option<Value>,
    /// The latest report's time of day (`HH:MM`, site time zone) when the reports give one.
    pub time: Option<String>,
    /// RFC 3339 moment of that report.
    pub datetime: Option<String>,
    /// `new` (first reported that day) or `updated` (new reports that day on an older story).
    pub status: &'static str,
    /// Its reports that day (article entries), newest first.
    pub reports: Vec<Value>,
}

/// A day's briefing: its stories, then its other reports.
#[derive(Debug, Clone, Default, Serialize)]
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
    pub reports: Vec<Value>,
}

impl StoryBrief {
    /// What serialising this gives, with the topic entry and the reports' entries moved
    /// rather than copied.
    pub fn into_value(mut self) -> Value {
        let topic = Value::from(self.topic.take());
        let reports = Value::from(std::mem::take(&mut self.reports));
        value_with(&self, [("topic", topic), ("reports", reports)])
    }
}

impl Edition {
    /// What serialising this gives, with its stories' and its own report entries moved
    /// rather than copied (a day page's edition lists every report of the day).
    pub fn into_value(mut self) -> Value {
        let stories: Vec<Value> = std::mem::take(&mut self.stories)
            .into_iter()
            .map(StoryBrief::into_value)
            .collect();
        let reports = Value::from(std::mem::take(&mut self.reports));
        value_with(
            &self,
            [("stories", Value::from(stories)), ("reports", reports)],
        )
    }
}

impl From<Edition> for Value {
    fn from(edition: Edition) -> Value {
        edition.into_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn brief(topic: Option<Value>) -> StoryBrief {
        StoryBrief {
            title: "Aranceles al acero".into(),
            lang: "es".into(),
            dir: "ltr".into(),
            url: "../stories/aranceles/".into(),
            summary: "Suben los aranceles.".into(),
            outlets: vec![OutletLink {
                name: "Diario".into(),
                url: "../sources/diario/".into(),
            }],
            unnamed_reports: 1,
            report_count: 3,
            topic,
            time: Some("09:30".into()),
            datetime: None,
            status: "new",
            reports: vec![
                json!({"title": "Suben"}),
                json!({"title": "Steel", "count": 2}),
            ],
        }
    }

    #[test]
    fn an_edition_moved_equals_it_serialised() {
        for topic in [
            Some(json!({"name": "Comercio", "url": "t/comercio/"})),
            None,
        ] {
            assert_eq!(
                brief(topic.clone()).into_value(),
                serde_json::to_value(brief(topic)).unwrap()
            );
        }
        let edition = || Edition {
            date: "2026-03-02".into(),
            display: "2 mars 2026".into(),
            url: "2026/03/02/".into(),
            count: 4,
            stories: vec![brief(None), brief(Some(json!({"name": "Handel"})))],
            reports: vec![json!({"title": "Sonst"})],
        };
        assert_eq!(
            Value::from(edition()),
            serde_json::to_value(edition()).unwrap()
        );
        assert_eq!(
            Value::from(Edition::default()),
            serde_json::to_value(Edition::default()).unwrap()
        );
    }
}
