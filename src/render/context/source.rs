//! A source (outlet) page and the sources index.

use serde::Serialize;

use super::Value;

#[derive(Debug, Clone, Serialize)]
pub struct SourcePage {
    pub source: SourceInfo,
    /// Topic entries of its reports, with `count` replaced by its reports on the topic.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub topics: Vec<Value>,
    /// Day groups of this page's reports.
    #[serde(skip_serializing)] // moved in by `into_value`
    pub days: Vec<Value>,
    #[serde(skip_serializing)] // moved in by `into_value`
    pub pagination: Value,
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
    pub country: Option<String>,
    /// news agency, public broadcaster, newspaper, state media... when known.
    pub kind: Option<String>,
    /// The newest report's day, `date_format.short`.
    pub latest: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourcesIndex {
    pub sources: Vec<SourceInfo>,
}

super::moved_into_value!(SourcePage {
    topics,
    days,
    pagination
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_source_page_moved_has_every_variable_as_given() {
        let info = SourceInfo {
            name: "N".into(),
            url: "sources/n/".into(),
            count: 4,
            home: None,
            country: Some("FR".into()),
            kind: None,
            latest: Some("2 Jan".into()),
        };
        let pagination = json!({"current": 1, "total": 1, "prev": null, "next": null, "pages": []});
        let value = SourcePage {
            source: info.clone(),
            topics: vec![json!({"name": "T", "count": 2})],
            days: vec![json!({"date": "2024-01-02"})],
            pagination: pagination.clone(),
        }
        .into_value();
        assert_eq!(
            value,
            json!({
                "source": serde_json::to_value(&info).unwrap(),
                "topics": [{"name": "T", "count": 2}],
                "days": [{"date": "2024-01-02"}],
                "pagination": pagination,
            })
        );
    }
}
