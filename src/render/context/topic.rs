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
    #[serde(skip_serializing)] // moved in by `into_value`
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
    pagination,
    related_topics,
    stories
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_topic_page_moved_has_every_variable_as_given() {
        let pagination = json!({"current": 2, "total": 3, "prev": "topics/x/", "next": null,
            "pages": [{"number": 1, "url": "topics/x/"}]});
        let page = TopicPage {
            topic: json!({"name": "X"}),
            days: vec![json!({"date": "2024-01-02"})],
            pagination: pagination.clone(),
            related_topics: vec![json!({"name": "Y"})],
            stories: vec![json!({"title": "S"})],
            quotes: Vec::new(),
            description: "d".into(),
        };
        let value = page.into_value();
        assert_eq!(
            value,
            json!({
                "topic": {"name": "X"},
                "days": [{"date": "2024-01-02"}],
                "pagination": pagination,
                "related_topics": [{"name": "Y"}],
                "stories": [{"title": "S"}],
                "quotes": [],
                "description": "d",
            })
        );
    }
}
