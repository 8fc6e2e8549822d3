//! The whole-corpus graph: topics, stories, storylines, related articles, quotes.
//!
//! [`group`] is the only place that sees all documents at once, and this stage's one entry
//! point. It stays near-linear:
//! entity statistics come from sorted runs, candidate pairs from inverted indexes with
//! bounded posting scans, clusters from a union-find over a bounded edge list. Nothing
//! compares all pairs of documents.
//!
//! Every list is sorted with explicit tie-breaks (document index, topic index, slug), and
//! per-document work runs in parallel with results collected in document order, so the
//! output is the same on every run and with any number of threads.

pub mod compare;
mod links;
mod similarity;
mod stories;
mod summary;
mod topics;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analyze::Features;
use crate::config::Config;
use crate::content::Document;

pub use links::{link_first_mentions, MentionTargets};

pub use crate::config::TopicKind;

/// A topic: configured in site.yaml, written in front matter, or found as a name in at least
/// `grouping.entity_min_docs` documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// Unique among topics.
    pub slug: String,
    pub name: String,
    pub kind: TopicKind,
    /// From site.yaml; for a person found automatically, the role most often written before
    /// the name ("U.S. Secretary of State"); otherwise empty.
    pub description: String,
    /// Other names: site.yaml aliases, or the other forms the documents use ("Blinken").
    /// Together with `name`, these are the surface forms linked in article bodies.
    pub aliases: Vec<String>,
    pub from_config: bool,
    /// Number of documents filed under the topic.
    pub doc_count: usize,
}

/// Documents about one event, usually from several outlets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    pub slug: String,
    /// The title of the story's most central document (the one most similar to the others;
    /// ties go to the earliest): the most representative headline.
    pub title: String,
    /// One or two sentences from the reports' leads, as written: those whose words the other
    /// reports share most. Empty when no document has prose.
    pub summary: String,
    /// Document indices by date, then source name, then index; undated documents last.
    pub docs: Vec<usize>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Topics named by at least half of the story's documents, most common first.
    pub topics: Vec<usize>,
    /// What the story is about: the topic with the highest relevance summed over its
    /// documents (title, lead and mentions weigh; one passing mention does not), if any.
    /// Home page sections use it.
    pub main_topic: Option<usize>,
    /// The distinct sources of its documents (front-matter `source`), sorted.
    pub sources: Vec<String>,
}

impl Story {
    /// Several documents: real coverage of an event, not a lone document kept as a story so
    /// that a storyline can list it.
    pub fn is_multi_document(&self) -> bool {
        self.docs.len() >= 2
    }

    /// Covered by two outlets or more.
    pub fn is_multi_source(&self) -> bool {
        self.sources.len() >= 2
    }
}

/// Stories that continue over weeks, linked by the topics they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Storyline {
    pub slug: String,
    /// Generated from its two leading topics: "Antony Blinken and Gaza".
    pub title: String,
    /// Story indices in date order.
    pub stories: Vec<usize>,
    /// Topics shared by the storyline's stories, most common first.
    pub topics: Vec<usize>,
}

/// A quotation attributed to its speaker, once however many documents repeat it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Topic index of the speaker, when the speaker is a person topic.
    pub speaker: Option<usize>,
    /// The speaker: the topic's name, else as the document names them.
    pub speaker_name: String,
    pub role: Option<String>,
    pub text: String,
    /// The earliest document with these words.
    pub doc: usize,
    /// 1-based paragraph of the document's body: the renderer's `id="p{N}"` (see
    /// [`crate::analyze::markdown_options`] for the definition).
    pub paragraph: usize,
    /// Other documents quoting the same words (after normalising quotation marks,
    /// punctuation and case), in document order.
    pub also: Vec<usize>,
}

/// Someone quoted, for the site's "who said what" page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub name: String,
    /// The speaker's person topic, if any.
    pub topic: Option<usize>,
    /// Indices into [`Grouping::quotes`], newest first.
    pub quotes: Vec<usize>,
}

/// The corpus graph. Indices refer to the `docs` slice given to [`group`] and to the
/// vectors in here.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Grouping {
    /// Sorted by slug.
    pub topics: Vec<Topic>,
    /// Per document: its topics, front-matter topics first (as written), then by relevance
    /// (mentions, title, position), ties by topic index.
    pub doc_topics: Vec<Vec<usize>>,
    /// Per topic: its documents, newest first, undated last, ties by document index.
    pub topic_docs: Vec<Vec<usize>>,
    /// Per topic: topics named in the same documents, strongest first (co-occurrences
    /// normalised by both topics' sizes), at most [`RELATED_TOPICS`].
    pub topic_related: Vec<Vec<usize>>,
    /// Sorted by first day, then first document index.
    pub stories: Vec<Story>,
    pub doc_story: Vec<Option<usize>>,
    /// Sorted by first day, then first story index.
    pub storylines: Vec<Storyline>,
    /// Per story: the storyline it belongs to.
    pub story_storyline: Vec<Option<usize>>,
    /// Per document: the `grouping.related` most related documents, best first.
    pub related: Vec<Vec<usize>>,
    /// Every attributed quote, once: by speaker, then newest document first, then paragraph.
    pub quotes: Vec<Quote>,
    /// Per topic: indices into `quotes`.
    pub topic_quotes: Vec<Vec<usize>>,
    /// Everyone quoted, by name.
    pub speakers: Vec<Speaker>,
}

/// How many related topics each topic lists.
pub const RELATED_TOPICS: usize = 10;

/// How a grouping runs: whether to give up between phases (watch mode stops a rebuild that
/// newer changes have made pointless), and how long each phase took (for benchmarks and
/// timing reports).
pub struct Control<'a> {
    stop: &'a (dyn Fn() -> bool + 'a),
    /// (phase, duration) in order: topics, vectors, stories and related.
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

impl Default for Control<'_> {
    fn default() -> Self {
        Control::new()
    }
}

impl<'a> Control<'a> {
    /// Runs to its end.
    pub fn new() -> Control<'static> {
        Control {
            stop: &|| false,
            phases: Vec::new(),
        }
    }

    /// Gives up between phases as soon as `stop` says so.
    pub fn stop_when(stop: &'a (dyn Fn() -> bool + 'a)) -> Control<'a> {
        Control {
            stop,
            phases: Vec::new(),
        }
    }
}

/// Build the corpus graph: the one entry point of this stage. `features[i]` must belong to
/// `docs[i]`; a missing entry counts as a document with no features. `None` only when
/// `control` stopped it.
pub fn group(
    docs: &[Document],
    features: &[Features],
    config: &Config,
    control: &mut Control,
) -> Option<Grouping> {
    let stop = control.stop;
    let mut phases = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, phases: &mut Vec<_>| {
        phases.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let empty = Features::default();
    let feats: Vec<&Features> = (0..docs.len())
        .map(|i| features.get(i).unwrap_or(&empty))
        .collect();
    let tz = config.tz();
    let days: Vec<Option<NaiveDate>> = docs.iter().map(|d| d.date.map(|x| x.day(tz))).collect();
    let moments: Vec<Option<i64>> = docs
        .iter()
        .map(|d| d.date.map(|x| x.moment(tz).timestamp()))
        .collect();

    let topic_graph = topics::build(docs, &feats, config, &moments);
    lap("topics", &mut phases);
    if stop() {
        return None;
    }
    let vectors = similarity::Vectors::build(&feats, &topic_graph.doc_names)
        .with_languages(docs.iter().map(|d| d.lang(&config.language)));
    let dated = similarity::DateIndex::new(&days);
    let index = similarity::Index::build(&vectors, &dated);
    lap("vectors", &mut phases);
    if stop() {
        return None;
    }
    let inputs = stories::StoryInputs {
        docs,
        days: &days,
        moments: &moments,
        feats: &feats,
        vectors: &vectors,
        index: &index,
        dates: &dated,
        graph: &topic_graph,
    };
    // Stories and related articles read the same vectors and index, not each other. The
    // stories' candidate links first, on every core; then related articles beside the rest
    // of the stories, whose clustering is serial: the other core runs the related scan
    // meanwhile, instead of waiting.
    let edges = stories::dated_edges(&inputs, config);
    let (story_set, related) = rayon::join(
        || stories::build(inputs, edges, config),
        || similarity::related(&vectors, &index, &dated, &days, config.grouping.related),
    );
    lap("stories and related", &mut phases);
    let grouping = Grouping {
        topics: topic_graph.topics,
        doc_topics: topic_graph.doc_topics,
        topic_docs: topic_graph.topic_docs,
        topic_related: topic_graph.topic_related,
        stories: story_set.stories,
        doc_story: story_set.doc_story,
        storylines: story_set.storylines,
        story_storyline: story_set.story_storyline,
        related,
        quotes: topic_graph.quotes,
        topic_quotes: topic_graph.topic_quotes,
        speakers: topic_graph.speakers,
    };
    control.phases = phases;
    Some(grouping)
}
