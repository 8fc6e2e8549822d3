//! Per-document features: terms, entities, matched topics, quotes. Pure and cacheable.
//!
//! [`analyze`] looks at one document only, so watch mode keeps each result in memory under
//! the document's `hash` until the configured topics change (`build::Session`). It is not
//! kept on disk: analysis is about 5 % of a cold build's instructions (BENCHMARKS.md, "Where
//! the time goes"), less than reading a cache of the same size would save.

pub mod entities;
pub mod fasthash;
pub(crate) mod fold;
pub(crate) mod lexicon;
pub mod matcher;
pub mod quotes;
pub mod terms;
pub mod text;

use fasthash::FastMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::TopicConfig;
use crate::content::Document;

pub use entities::{Entity, KindEvidence};
pub use lexicon::name_key as entity_key;
pub use matcher::{PhraseMatch, PhraseMatcher};
pub use quotes::FoundQuote;
pub use terms::TermCount;
pub use text::markdown_options;

/// A configured topic (from `site.yaml`) found in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TopicHit {
    /// Index into `config.topics`.
    pub topic: usize,
    pub count: u32,
    /// Byte offset of the first match in the document's plain text (title first).
    pub first: u32,
    pub in_title: bool,
}

/// What one document is about, as far as it alone can tell.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Features {
    /// Names mentioned, with counts and first positions, sorted by [`Entity::key`].
    pub entities: Vec<Entity>,
    /// Configured topics matched in title and body, by topic index.
    pub topics: Vec<TopicHit>,
    /// Content words for similarity (rarity is a corpus matter: weights come later), sorted
    /// by hash.
    pub terms: Vec<TermCount>,
    /// Attributed quotations, in document order.
    pub quotes: Vec<FoundQuote>,
    /// Words in title and body.
    pub words: u32,
    /// Mentions of each weekday, Monday first: news text names the days around its own
    /// publication, which helps place an undated document in time.
    #[serde(default)]
    pub weekdays: [u16; 7],
    /// A sketch of the page's furniture: the smallest hashes of its short body lines of a few
    /// words (menu entries, teaser headlines, footer lines), at most [`FURNITURE_SKETCH`],
    /// sorted. Two pages of one site share their template's lines, so a few equal hashes
    /// mark two pieces of one outlet even when no `source` says so.
    #[serde(default)]
    pub furniture: Vec<u32>,
}

/// Hashes kept in [`Features::furniture`].
pub const FURNITURE_SKETCH: usize = 48;

/// The furniture sketch of blocks that carry no terms (see [`term_places`]): lines of 3 to
/// 15 words, normalised to lower-case letters and digits.
fn furniture_sketch(blocks: &[text::Block], places: &[Option<terms::Place>]) -> Vec<u32> {
    let mut hashes: Vec<u32> = Vec::new();
    let mut line = String::new();
    for (b, place) in blocks.iter().zip(places) {
        if place.is_some() {
            continue;
        }
        for l in b.text.lines() {
            let words = l.split_whitespace().count();
            if !(3..=15).contains(&words) {
                continue;
            }
            line.clear();
            for w in l.split_whitespace() {
                line.extend(
                    w.chars()
                        .filter(|c| c.is_alphanumeric())
                        .flat_map(char::to_lowercase),
                );
                line.push(' ');
            }
            hashes.push(terms::term_id(&line));
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(FURNITURE_SKETCH);
    hashes
}

impl Features {
    /// The entity with this key ([`entity_key`] of a name).
    pub fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities
            .binary_search_by(|e| e.key().as_str().cmp(key))
            .ok()
            .map(|i| &self.entities[i])
    }
}

/// The configured topics' names and aliases, compiled once: whole words, case-aware
/// (a form with a capital matches as written or in capitals, a lower-case form in any case),
/// longest match first.
#[derive(Debug, Clone)]
pub struct TopicMatcher {
    matcher: PhraseMatcher,
}

impl TopicMatcher {
    pub fn new(topics: &[TopicConfig]) -> Self {
        let mut phrases = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            for form in std::iter::once(&t.name).chain(&t.aliases) {
                phrases.push((form.clone(), i));
            }
        }
        TopicMatcher {
            matcher: PhraseMatcher::new(phrases),
        }
    }

    /// Matches in `text`; `id` is the topic's index in the configuration.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        self.matcher.find(text)
    }
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A body block of at least this many words, or one that ends a sentence with at least
/// half as many, is prose; shorter ones are menu items, teaser headlines, captions and
/// buttons that a page copied as text carries around its article.
const PROSE_WORDS: usize = 16;
/// Under this many words of prose, a document is all short blocks (notes, lists): every
/// block counts.
const MIN_PROSE: usize = 40;
/// Words of prose, from the start of the body, that make its lead.
const LEAD_WORDS: usize = 80;

/// Where each block sits for term weights: the title, the lead (the first [`LEAD_WORDS`] of
/// prose), the rest of the prose, or `None` for short furniture, which carries no terms.
fn term_places(blocks: &[text::Block]) -> Vec<Option<terms::Place>> {
    let words: Vec<usize> = blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .collect();
    let is_prose = |k: usize| {
        let w = words[k];
        let t = blocks[k]
            .text
            .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
        w >= PROSE_WORDS || (w >= PROSE_WORDS / 2 && t.ends_with(['.', '!', '?']))
    };
    let prose: usize = (1..blocks.len())
        .filter(|&k| is_prose(k))
        .map(|k| words[k])
        .sum();
    let all = prose < MIN_PROSE;
    let mut lead = 0usize;
    blocks
        .iter()
        .enumerate()
        .map(|(k, b)| {
            if b.kind == text::BlockKind::Title {
                return Some(terms::Place::Title);
            }
            if !all && !is_prose(k) {
                return None;
            }
            let place = if lead < LEAD_WORDS && b.kind != text::BlockKind::Heading {
                terms::Place::Lead
            } else {
                terms::Place::Body
            };
            lead += words[k];
            Some(place)
        })
        .collect()
}

/// Analyze one document. Pure: the same document and topics give the same features.
pub fn analyze(doc: &Document, topics: &TopicMatcher) -> Features {
    let blocks = text::blocks(&doc.title, &doc.body);
    let places = term_places(&blocks);
    let lang = doc.lang("en");
    let mut collector = entities::EntityCollector::for_language(lang);
    // The document's own stop words count as none (the loader set its language).
    let mut counter = terms::TermCounter::for_language(lang);
    let mut hits: FastMap<usize, TopicHit> = FastMap::default();
    let mut words = 0u32;
    let mut weekdays = [0u16; 7];
    let mut restricted = Vec::new();
    let mut tokens = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let in_title = block.kind == text::BlockKind::Title;
        text::tokenize_into(&block.text, &mut tokens);
        words += tokens.len() as u32;
        for t in &tokens {
            // Weekdays are 6 to 9 letters and capitalised: most words are rejected at once.
            if (6..=9).contains(&t.text.len()) && t.text.as_bytes()[0].is_ascii_uppercase() {
                if let Some(k) = WEEKDAYS.iter().position(|w| *w == t.text) {
                    weekdays[k] = weekdays[k].saturating_add(1);
                }
            }
        }
        if let Some(place) = places[i] {
            counter.add(&tokens, place);
        }
        for m in topics.find(&block.text) {
            let first = block.offset + m.start as u32;
            let hit = hits.entry(m.id).or_insert(TopicHit {
                topic: m.id,
                count: 0,
                first,
                in_title: false,
            });
            hit.count += 1;
            hit.first = hit.first.min(first);
            hit.in_title |= in_title;
        }
        if entities::is_shouted(&tokens) {
            continue;
        }
        let headline = matches!(
            block.kind,
            text::BlockKind::Title | text::BlockKind::Heading
        );
        if headline && entities::is_title_case(&tokens) {
            restricted.push(i);
            continue;
        }
        collector.add_block(&block.text, &tokens, block.offset, in_title, false);
    }
    for i in restricted {
        let block = &blocks[i];
        text::tokenize_into(&block.text, &mut tokens);
        let in_title = block.kind == text::BlockKind::Title;
        collector.add_block(&block.text, &tokens, block.offset, in_title, true);
    }
    let mut found_quotes = quotes::find(&blocks);
    for q in &found_quotes {
        collector.add_speaker(&q.speaker, q.role.as_deref(), q.offset);
    }
    let (mut entities, folded) = collector.finish();
    entities::mark_lower_case_twins(&mut entities, &doc.body);
    if capitalises_nouns(lang) {
        entities::unconfirm_bare_capitals(&mut entities);
    }
    // Most documents quote no one: no name table for them.
    if !found_quotes.is_empty() {
        let names: FastMap<String, &str> = entities
            .iter()
            .map(|e| (e.key(), e.name.as_str()))
            .collect();
        for q in &mut found_quotes {
            let key = lexicon::name_key(&q.speaker);
            let key = folded.get(&key).cloned().unwrap_or(key);
            if let Some(name) = names.get(&key) {
                q.speaker = name.to_string();
            }
        }
    }
    let furniture = furniture_sketch(&blocks, &places);
    let mut topic_hits: Vec<TopicHit> = hits.into_values().collect();
    topic_hits.sort_by_key(|h| h.topic);
    Features {
        entities,
        topics: topic_hits,
        terms: counter.finish(),
        quotes: found_quotes,
        words,
        weekdays,
        furniture,
    }
}

/// Languages that write every noun with a capital ("die Steuer", "das Geld"): there a
/// capital alone does not make a name.
fn capitalises_nouns(lang: &str) -> bool {
    matches!(lang.split(['-', '_']).next(), Some("de" | "lb"))
}

/// [`analyze`] every document, in parallel; `out[i]` belongs to `docs[i]`.
pub fn analyze_all(docs: &[Document], topics: &TopicMatcher) -> Vec<Features> {
    docs.par_iter().map(|d| analyze(d, topics)).collect()
}
