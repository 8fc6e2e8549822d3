//! Per-document features: terms, entities, matched topics, quotes. Pure and cacheable.
//!
//! Interim version: matches configured topics against front-matter topics only. The full
//! analysis (entities, terms, quotes) replaces it.

use crate::config::TopicConfig;
use crate::content::Document;

/// Recognises the site's configured topics by name, slug or alias.
#[derive(Debug, Clone, Default)]
pub struct TopicMatcher {
    names: Vec<(String, usize)>,
}

impl TopicMatcher {
    pub fn new(topics: &[TopicConfig]) -> Self {
        let mut names = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            names.push((t.name.to_lowercase(), i));
            if let Some(s) = &t.slug {
                names.push((s.to_lowercase(), i));
            }
            for a in &t.aliases {
                names.push((a.to_lowercase(), i));
            }
        }
        TopicMatcher { names }
    }

    pub fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.trim().to_lowercase();
        self.names.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

/// What one document contributes to the corpus.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Configured topics (indices into `config.topics`) this document is filed under.
    pub config_topics: Vec<usize>,
}

pub fn analyze(doc: &Document, topics: &TopicMatcher) -> Features {
    let mut config_topics: Vec<usize> = doc
        .front
        .topics
        .iter()
        .filter_map(|t| topics.lookup(t))
        .collect();
    config_topics.sort_unstable();
    config_topics.dedup();
    Features { config_topics }
}
