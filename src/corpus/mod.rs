//! The whole-corpus graph: topics, timeline, stories, storylines, related links.
//!
//! Interim version: topics from front matter and site.yaml only.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::analyze::Features;
use crate::config::Config;
use crate::content::{slugify, Document};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    Person,
    Place,
    Organisation,
    Theme,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub kind: TopicKind,
    pub description: String,
    pub aliases: Vec<String>,
    pub from_config: bool,
    pub doc_count: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Story {
    pub slug: String,
    pub title: String,
    pub docs: Vec<usize>,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub topics: Vec<usize>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Storyline {
    pub slug: String,
    pub title: String,
    pub stories: Vec<usize>,
    pub topics: Vec<usize>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Quote {
    pub speaker: usize,
    pub speaker_name: String,
    pub role: Option<String>,
    pub text: String,
    pub doc: usize,
    pub paragraph: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Grouping {
    pub topics: Vec<Topic>,
    pub doc_topics: Vec<Vec<usize>>,
    pub topic_docs: Vec<Vec<usize>>,
    pub topic_related: Vec<Vec<usize>>,
    pub stories: Vec<Story>,
    pub doc_story: Vec<Option<usize>>,
    pub storylines: Vec<Storyline>,
    pub related: Vec<Vec<usize>>,
    pub quotes: Vec<Quote>,
}

fn kind_of(kind: Option<&str>) -> TopicKind {
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some("person") => TopicKind::Person,
        Some("place") => TopicKind::Place,
        Some("organisation" | "organization") => TopicKind::Organisation,
        _ => TopicKind::Theme,
    }
}

pub fn group(docs: &[Document], features: &[Features], config: &Config) -> Grouping {
    let tz = config.tz();
    // topic key (lowercase name) -> index
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut topics: Vec<Topic> = Vec::new();
    for t in &config.topics {
        by_key.insert(t.name.to_lowercase(), topics.len());
        topics.push(Topic {
            slug: t.slug.clone().unwrap_or_else(|| slugify(&t.name)),
            name: t.name.clone(),
            kind: kind_of(t.kind.as_deref()),
            description: t.description.clone(),
            aliases: t.aliases.clone(),
            from_config: true,
            doc_count: 0,
        });
    }
    let mut doc_topics = vec![Vec::new(); docs.len()];
    for (i, doc) in docs.iter().enumerate() {
        let mut mine: Vec<usize> = features[i].config_topics.clone();
        for name in &doc.front.topics {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            let idx = match features[i].config_topics.iter().find(|&&c| {
                config.topics[c]
                    .aliases
                    .iter()
                    .any(|a| a.to_lowercase() == key)
            }) {
                Some(&c) => c,
                None => *by_key.entry(key).or_insert_with(|| {
                    topics.push(Topic {
                        slug: slugify(name),
                        name: name.trim().to_string(),
                        kind: TopicKind::Theme,
                        description: String::new(),
                        aliases: Vec::new(),
                        from_config: false,
                        doc_count: 0,
                    });
                    topics.len() - 1
                }),
            };
            if !mine.contains(&idx) {
                mine.push(idx);
            }
        }
        doc_topics[i] = mine;
    }
    let mut topic_docs = vec![Vec::new(); topics.len()];
    for (d, ts) in doc_topics.iter().enumerate() {
        for &t in ts {
            topic_docs[t].push(d);
        }
    }
    for (t, list) in topic_docs.iter_mut().enumerate() {
        list.sort_by(|&a, &b| {
            let da = docs[a].date.map(|d| d.moment(tz));
            let db = docs[b].date.map(|d| d.moment(tz));
            db.cmp(&da).then_with(|| docs[a].slug.cmp(&docs[b].slug))
        });
        topics[t].doc_count = list.len();
    }
    // Unique slugs, first come first served in a stable order.
    let mut seen = BTreeMap::new();
    for t in topics.iter_mut() {
        let n = seen.entry(t.slug.clone()).or_insert(0usize);
        *n += 1;
        if *n > 1 {
            t.slug = format!("{}-{}", t.slug, n);
        }
    }
    Grouping {
        topic_related: vec![Vec::new(); topics.len()],
        topics,
        doc_topics,
        topic_docs,
        stories: Vec::new(),
        doc_story: vec![None; docs.len()],
        storylines: Vec::new(),
        related: vec![Vec::new(); docs.len()],
        quotes: Vec::new(),
    }
}
