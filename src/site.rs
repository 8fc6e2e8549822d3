//! The site model: documents plus everything the build derived from them, ready to render.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::analyze::{self, Features, TopicMatcher};
use crate::config::Config;
use crate::content::{slugify, Document};
use crate::corpus::{self, Grouping};

/// A publisher with its documents (newest first).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub slug: String,
    pub url: Option<String>,
    pub docs: Vec<usize>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub tz: chrono_tz::Tz,
    /// Documents in load order (sorted by path); every other list holds indices into it.
    pub docs: Vec<Document>,
    /// Each document's day in the site's time zone.
    pub days: Vec<Option<NaiveDate>>,
    /// Dated documents newest first, then undated ones by title.
    pub chrono: Vec<usize>,
    /// Each day's documents, newest first.
    pub by_day: BTreeMap<NaiveDate, Vec<usize>>,
    pub undated: Vec<usize>,
    pub sources: Vec<Source>,
    pub doc_source: Vec<Option<usize>>,
    pub grouping: Grouping,
}

impl Site {
    /// Analyze every document (in parallel) and group the corpus.
    pub fn new(config: Config, docs: Vec<Document>) -> Site {
        let matcher = TopicMatcher::new(&config.topics);
        let features: Vec<Features> = docs
            .par_iter()
            .map(|d| analyze::analyze(d, &matcher))
            .collect();
        Site::with_features(config, docs, &features)
    }

    /// Group documents whose features are already known (`features[i]` is `docs[i]`'s).
    pub fn with_features(config: Config, docs: Vec<Document>, features: &[Features]) -> Site {
        let grouping = corpus::group(&docs, features, &config, &mut corpus::Control::new())
            .unwrap_or_default();
        Site::assemble(config, docs, grouping)
    }

    /// [`Site::with_features`], or `None` if `stop` says so between grouping phases.
    pub fn with_features_until(
        config: Config,
        docs: Vec<Document>,
        features: &[Features],
        stop: &dyn Fn() -> bool,
    ) -> Option<Site> {
        let grouping = corpus::group(
            &docs,
            features,
            &config,
            &mut corpus::Control::stop_when(stop),
        )?;
        Some(Site::assemble(config, docs, grouping))
    }

    /// Build the date and source indexes around an existing grouping.
    pub fn assemble(config: Config, docs: Vec<Document>, grouping: Grouping) -> Site {
        let tz = config.tz();
        let days: Vec<Option<NaiveDate>> = docs.iter().map(|d| d.date.map(|x| x.day(tz))).collect();
        let moments: Vec<_> = docs.iter().map(|d| d.date.map(|x| x.moment(tz))).collect();

        let mut chrono: Vec<usize> = (0..docs.len()).collect();
        // Stable, as `sort_by`; its comparisons of slugs and titles on every core.
        chrono.par_sort_by(|&a, &b| match (moments[a], moments[b]) {
            (Some(x), Some(y)) => y.cmp(&x).then_with(|| docs[a].slug.cmp(&docs[b].slug)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => docs[a]
                .title
                .cmp(&docs[b].title)
                .then_with(|| docs[a].slug.cmp(&docs[b].slug)),
        });
        let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        let mut undated = Vec::new();
        for &i in &chrono {
            match days[i] {
                Some(day) => by_day.entry(day).or_default().push(i),
                None => undated.push(i),
            }
        }

        let (sources, doc_source) = collect_sources(&config, &docs, &chrono);
        Site {
            config,
            tz,
            docs,
            days,
            chrono,
            by_day,
            undated,
            sources,
            doc_source,
            grouping,
        }
    }
}

/// Map each document's `source` (or its URL's host) to a publisher, merging the aliases and
/// domains site.yaml lists.
fn collect_sources(
    config: &Config,
    docs: &[Document],
    chrono: &[usize],
) -> (Vec<Source>, Vec<Option<usize>>) {
    let mut lookup: BTreeMap<String, usize> = BTreeMap::new();
    let mut domains: Vec<(String, usize)> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for s in &config.sources {
        let idx = sources.len();
        sources.push(Source {
            name: s.name.clone(),
            slug: s.slug.clone().unwrap_or_else(|| slugify(&s.name)),
            url: s.url.clone(),
            docs: Vec::new(),
        });
        lookup.insert(s.name.to_lowercase(), idx);
        for a in &s.aliases {
            lookup.insert(a.to_lowercase(), idx);
        }
        for d in &s.domains {
            domains.push((d.to_lowercase(), idx));
        }
    }
    let mut doc_source = vec![None; docs.len()];
    for &i in chrono {
        let doc = &docs[i];
        let by_name = doc
            .front
            .source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let idx = match by_name {
            Some(name) => Some(*lookup.entry(name.to_lowercase()).or_insert_with(|| {
                sources.push(Source {
                    name: name.to_string(),
                    slug: slugify(name),
                    url: None,
                    docs: Vec::new(),
                });
                sources.len() - 1
            })),
            None => doc.front.url.as_deref().and_then(host).and_then(|h| {
                domains
                    .iter()
                    .find(|(d, _)| h == *d || h.ends_with(&format!(".{d}")))
                    .map(|(_, i)| *i)
            }),
        };
        if let Some(s) = idx {
            sources[s].docs.push(i);
            doc_source[i] = Some(s);
        }
    }
    // Slugs must be unique; keep the first, number the rest in a stable order.
    let mut seen = BTreeMap::new();
    for s in sources.iter_mut() {
        let n = seen.entry(s.slug.clone()).or_insert(0usize);
        *n += 1;
        if *n > 1 {
            s.slug = format!("{}-{}", s.slug, n);
        }
    }
    (sources, doc_source)
}

/// The lowercase host of an http(s) URL, without `www.`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_urls() {
        assert_eq!(
            host("https://www.Reuters.com/world/x").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(host("http://p.dw.com:80/p/4c").as_deref(), Some("p.dw.com"));
        assert_eq!(host("not a url"), None);
    }
}
