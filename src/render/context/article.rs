//! An article page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Value;

#[derive(Debug, Clone, Serialize)]
pub struct ArticlePage {
    #[serde(skip_serializing)] // moved in by `into_value`
    pub article: ArticleView,
    /// The next later and earlier reports (article entries), or null.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub newer: Option<Value>,
    #[serde(skip_serializing)] // moved in by `into_value`
    pub older: Option<Value>,
    /// The story the article belongs to, with the other coverage, or null.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub story: Option<StoryCoverage>,
    /// Related reports outside the story (article entries).
    #[serde(skip_serializing)] // moved in by `into_value`
    pub related: Vec<Value>,
    /// Link to the article's month, or null when undated.
    pub month_url: Option<String>,
    /// NewsArticle JSON-LD, safe inside a `<script>` element.
    pub jsonld: String,
    pub description: String,
    /// The article's picture (front matter `image`), else the site's, absolute.
    pub image: Option<String>,
}

/// An article entry and what only its own page shows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleView {
    /// The article entry's fields.
    #[serde(flatten)]
    pub entry: Value,
    pub body_html: String,
    /// The front-matter summary, unless it merely repeats the first paragraph.
    pub standfirst: Option<String>,
    pub words: usize,
    pub reading_minutes: usize,
    pub original_url: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub section: Option<String>,
    pub date_source: Option<crate::content::DateSource>,
    pub date_evidence: Option<String>,
    /// How the date was found, in words for readers, or null for a date the author wrote.
    pub date_note: Option<String>,
    /// Every topic entry of the article.
    pub all_topics: Vec<Value>,
    pub extra: BTreeMap<String, Value>,
}

/// A story entry with the story's other reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryCoverage {
    #[serde(flatten)]
    pub entry: Value,
    /// The other reports (article entries).
    pub others: Vec<Value>,
}

impl ArticlePage {
    /// This context as a value, with the article's entry, body and topics, the story's
    /// entries and the neighbours moved in rather than copied by serialising them: an
    /// article page's cards (its own, the story's other reports, related reading) are most
    /// of its context.
    pub fn into_value(mut self) -> Value {
        let article = std::mem::take(&mut self.article).into_value();
        let story = Value::from(self.story.take().map(StoryCoverage::into_value));
        let newer = Value::from(self.newer.take());
        let older = Value::from(self.older.take());
        let related = Value::from(std::mem::take(&mut self.related));
        super::value_with(
            &self,
            [
                ("article", article),
                ("story", story),
                ("newer", newer),
                ("older", older),
                ("related", related),
            ],
        )
    }
}

impl ArticleView {
    /// What serialising this view gives (`entry`'s fields, then the view's own), with the
    /// entry, the body and the topics moved rather than copied.
    pub fn into_value(mut self) -> Value {
        if !self.entry.is_object() {
            // Serde's flattening decides what a non-object entry gives (an error).
            return serde_json::to_value(&self).unwrap_or(Value::Null);
        }
        // An empty object in its place flattens to nothing.
        let mut map = match std::mem::replace(&mut self.entry, Value::Object(Default::default())) {
            Value::Object(map) => map,
            _ => Default::default(),
        };
        let body_html = std::mem::take(&mut self.body_html);
        let all_topics = std::mem::take(&mut self.all_topics);
        // The view's own fields come after the entry's and win over them, as when the view
        // is serialised whole.
        if let Ok(Value::Object(own)) = serde_json::to_value(&self) {
            map.extend(own);
        }
        map.insert("body_html".to_string(), Value::from(body_html));
        map.insert("all_topics".to_string(), Value::from(all_topics));
        Value::Object(map)
    }
}

impl StoryCoverage {
    /// What serialising this gives (`entry`'s fields and `others`), moved rather than copied.
    pub fn into_value(self) -> Value {
        match self.entry {
            Value::Object(mut map) => {
                map.insert("others".to_string(), Value::from(self.others));
                Value::Object(map)
            }
            entry => serde_json::to_value(&StoryCoverage {
                entry,
                others: self.others,
            })
            .unwrap_or(Value::Null),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn view() -> ArticleView {
        ArticleView {
            entry: json!({"title": "Zölle steigen", "url": "a/zoelle/", "topics": [{"name": "Handel"}],
                          "story": {"title": "Trade", "count": 3}, "summary": "Kurz."}),
            body_html: "<p>Die Zölle steigen & fallen.</p>".into(),
            standfirst: Some("Kurz gesagt".into()),
            words: 420,
            reading_minutes: 2,
            original_url: None,
            updated: Some("2026-03-02".into()),
            updated_display: None,
            section: Some("Wirtschaft".into()),
            date_source: Some(crate::content::DateSource::Inferred),
            date_evidence: Some("lundi 2 mars".into()),
            date_note: None,
            all_topics: vec![
                json!({"name": "Handel", "count": 12}),
                json!({"name": "Zoll"}),
            ],
            extra: [("note".to_string(), json!(1.5))].into_iter().collect(),
        }
    }

    fn coverage() -> StoryCoverage {
        StoryCoverage {
            entry: json!({"title": "Trade", "slug": "trade", "count": 3}),
            others: vec![
                json!({"title": "Tarifs en hausse"}),
                json!({"title": "Suben los aranceles"}),
            ],
        }
    }

    #[test]
    fn moved_values_equal_the_serialised_ones() {
        assert_eq!(view().into_value(), serde_json::to_value(view()).unwrap());
        assert_eq!(
            coverage().into_value(),
            serde_json::to_value(coverage()).unwrap()
        );
        // The view's own fields win over an entry's of the same name, as serde's do.
        let mut clash = view();
        clash.entry["words"] = json!("from the entry");
        assert_eq!(
            clash.clone().into_value(),
            serde_json::to_value(clash).unwrap()
        );
        assert_eq!(view().into_value()["words"], json!(420));
    }

    #[test]
    fn a_page_moves_its_parts_in_whole() {
        let page = |story: Option<StoryCoverage>| ArticlePage {
            article: view(),
            newer: Some(json!({"title": "Later"})),
            older: None,
            story,
            related: vec![json!({"title": "Related"})],
            month_url: Some("../../2026/03/".into()),
            jsonld: "{}".into(),
            description: "Kurz.".into(),
            image: None,
        };
        for story in [Some(coverage()), None] {
            let value = page(story.clone()).into_value();
            assert_eq!(value["article"], serde_json::to_value(view()).unwrap());
            assert_eq!(value["story"], serde_json::to_value(&story).unwrap());
            assert_eq!(value["newer"], json!({"title": "Later"}));
            assert_eq!(value["older"], Value::Null);
            assert_eq!(value["related"], json!([{"title": "Related"}]));
            assert_eq!(value["month_url"], json!("../../2026/03/"));
            assert_eq!(value.as_object().map(|m| m.len()), Some(9));
        }
    }
}
