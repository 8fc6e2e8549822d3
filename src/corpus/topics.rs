//! Topics: configured ones, names found in enough documents, and front-matter topics;
//! which documents each topic files, related topics, quotes by speaker.
//!
//! Names are folded across documents as within them: a single word that is the surname of
//! one dominant full name ("Netanyahu" → "Benjamin Netanyahu") joins it. A name that equals
//! a configured topic's name or alias (or whose forms do) is that topic.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::{Quote, Speaker, Topic, TopicKind, RELATED_TOPICS};
use crate::analyze::entities::surname_keys;
use crate::analyze::lexicon::{lexicon, name_key, name_key_into};
use crate::analyze::{Entity, Features, KindEvidence};
use crate::config::Config;
use crate::content::{check_slug, slugify, Document};

/// Automatic topics kept per document (configured and front-matter topics always are).
pub const MAX_AUTO_TOPICS_PER_DOC: usize = 12;
/// Topics per document that count for co-occurrence (the most relevant ones).
const COOCCURRENCE_TOPICS: usize = 8;
/// A built-in place or a marker word gives this much evidence per mention.
const STRONG: u32 = 8;

pub(crate) struct TopicGraph {
    pub topics: Vec<Topic>,
    pub doc_topics: Vec<Vec<usize>>,
    /// Per document: (topic, relevance) in `doc_topics` order.
    pub doc_scores: Vec<Vec<(usize, f32)>>,
    pub topic_docs: Vec<Vec<usize>>,
    pub topic_related: Vec<Vec<usize>>,
    pub quotes: Vec<Quote>,
    pub topic_quotes: Vec<Vec<usize>>,
    pub speakers: Vec<Speaker>,
    /// Per document: the names it mentions that two or more documents share, as corpus-wide
    /// ids (after folding), with mention counts and whether the title has them; for
    /// similarity.
    pub doc_names: Vec<Vec<(u32, u32, bool)>>,
}

/// Corpus-wide statistics of one entity key.
struct Stat {
    key: String,
    df: u32,
    evidence: KindEvidence,
    /// Shown names and other forms, with mention counts.
    names: BTreeMap<String, u32>,
    roles: BTreeMap<String, u32>,
    /// Mentioned at least once other than as a lone sentence-initial word.
    confirmed: bool,
    /// Documents that mention it other than as a lone sentence-initial word (or a word they
    /// also write in lower case).
    confirming: u32,
    multiword: bool,
}

/// A single word with no sign of its kind that at most one document uses as a name.
fn is_weak_single_name(s: &Stat) -> bool {
    let ev = s.evidence;
    !s.multiword && s.confirming < 2 && ev.person == 0 && ev.place == 0 && ev.organisation == 0
}

/// Found names that are common words or things rather than names of people, read from how
/// the whole corpus uses their words (one pass over every document's terms, for the few
/// words asked about). A word "most documents use without naming anything by it" is one whose
/// term is in at least twice as many documents as the name; a stop word always is.
struct WordUse {
    /// Common words capitalised by a heading, a list item, a quote or a sentence start
    /// ("Check", "Good", "Soon"): a weak single name (above) that is such a word, unless it
    /// ends a longer name ("Lindqvist" of two people's names: a name's part, used wherever
    /// the term is). A name a reader knows ("Medicare") is written as a name wherever it is
    /// used. Not topics.
    common: HashSet<usize>,
    /// Runs of capitalised words with no sign of their kind that do not open with a known
    /// given name and hold such a word: things, events or phrases ("MacBook Pro", "Cold War",
    /// "Anniversary Tour"), shown as themes, not people. Runs of unknown words alone
    /// ("Avinoam Rubinstain") stay people.
    things: HashSet<usize>,
}

fn word_use(feats: &[&Features], names: &Names, min_docs: u32) -> WordUse {
    use crate::analyze::fasthash::{FastMap, FastSet};
    use crate::analyze::terms::{normalise, term_id};
    let lx = lexicon();
    let mut common = HashSet::new();
    let mut singles: Vec<(usize, u32)> = Vec::new();
    let mut runs: Vec<(usize, Vec<Option<u32>>)> = Vec::new();
    let name_ends: HashSet<&str> = names
        .stats
        .iter()
        .filter(|s| s.multiword)
        .filter_map(|s| s.key.rsplit(' ').next())
        .collect();
    for (i, s) in names.stats.iter().enumerate() {
        if names.canon[i] != i || s.df < min_docs {
            continue;
        }
        if is_weak_single_name(s) && !name_ends.contains(s.key.as_str()) {
            match normalise(&best_name(s)) {
                None => {
                    common.insert(i);
                }
                Some(term) => singles.push((i, term_id(&term))),
            }
            continue;
        }
        let ev = s.evidence;
        if !s.multiword || ev.person != 0 || ev.place != 0 || ev.organisation != 0 {
            continue;
        }
        let name = best_name(s);
        let first = name.split(' ').next().unwrap_or_default().to_lowercase();
        if !lx.given_names.contains(first.as_str()) {
            let words = name
                .split(' ')
                .map(|w| normalise(w).map(|t| term_id(&t)))
                .collect();
            runs.push((i, words));
        }
    }
    let wanted: FastSet<u32> = singles
        .iter()
        .map(|x| x.1)
        .chain(runs.iter().flat_map(|r| r.1.iter().flatten().copied()))
        .collect();
    let term_df: FastMap<u32, u32> = if wanted.is_empty() {
        FastMap::default()
    } else {
        feats
            .par_iter()
            .fold(FastMap::default, |mut m: FastMap<u32, u32>, f| {
                for t in &f.terms {
                    if wanted.contains(&t.hash) {
                        *m.entry(t.hash).or_insert(0) += 1;
                    }
                }
                m
            })
            .reduce(FastMap::default, |mut a, b| {
                for (k, v) in b {
                    *a.entry(k).or_insert(0) += v;
                }
                a
            })
    };
    let widely_used =
        |term: u32, i: usize| term_df.get(&term).copied().unwrap_or(0) >= 2 * names.stats[i].df;
    common.extend(
        singles
            .iter()
            .filter(|&&(i, t)| widely_used(t, i))
            .map(|x| x.0),
    );
    let things = runs
        .into_iter()
        .filter(|(i, words)| {
            words.iter().any(|w| match w {
                None => true,
                Some(t) => widely_used(*t, *i),
            })
        })
        .map(|(i, _)| i)
        .collect();
    WordUse { common, things }
}

fn decide_kind(ev: KindEvidence, multiword: bool) -> TopicKind {
    let max = ev.person.max(ev.place).max(ev.organisation);
    if max == 0 {
        // Capitalised word runs with no other sign are mostly people; single words,
        // groups ("Hamas", "Reuters").
        return if multiword {
            TopicKind::Person
        } else {
            TopicKind::Organisation
        };
    }
    if ev.place == max {
        TopicKind::Place
    } else if ev.organisation == max {
        TopicKind::Organisation
    } else {
        TopicKind::Person
    }
}

fn hash_key(key: &str) -> u64 {
    crate::analyze::terms::term_hash(key)
}

/// Gather entity statistics from sorted runs (no per-key hash map over all mentions).
/// Also returns, per document, the statistic of each of its entities.
fn entity_stats(feats: &[&Features]) -> (Vec<Stat>, Vec<Vec<u32>>) {
    let mut mentions: Vec<(u64, u32, u32)> = feats
        .par_iter()
        .enumerate()
        .map_init(String::new, |key, (d, f)| {
            f.entities
                .iter()
                .enumerate()
                .map(|(k, e)| {
                    name_key_into(&e.name, key);
                    (hash_key(key), d as u32, k as u32)
                })
                .collect::<Vec<_>>()
        })
        .flatten_iter()
        .collect();
    mentions.par_sort_unstable();
    // Runs of one key, then one statistic per run, in parallel.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let h = mentions[i].0;
        let mut j = i + 1;
        while j < mentions.len() && mentions[j].0 == h {
            j += 1;
        }
        runs.push((i, j));
        i = j;
    }
    let mut stat_of: Vec<Vec<u32>> = feats.iter().map(|f| vec![0; f.entities.len()]).collect();
    for (r, &(i, j)) in runs.iter().enumerate() {
        for &(_, d, k) in &mentions[i..j] {
            stat_of[d as usize][k as usize] = r as u32;
        }
    }
    let stats = runs
        .par_iter()
        .map(|&(i, j)| {
            let first: &Entity = &feats[mentions[i].1 as usize].entities[mentions[i].2 as usize];
            let mut stat = Stat {
                key: first.key(),
                df: 0,
                evidence: KindEvidence::default(),
                names: BTreeMap::new(),
                roles: BTreeMap::new(),
                confirmed: false,
                confirming: 0,
                multiword: first.is_multiword(),
            };
            let mut last_doc = u32::MAX;
            let mut last_confirming = u32::MAX;
            for &(_, d, k) in &mentions[i..j] {
                let e = &feats[d as usize].entities[k as usize];
                if d != last_doc {
                    stat.df += 1;
                    last_doc = d;
                }
                if !e.initial_only && d != last_confirming {
                    stat.confirming += 1;
                    last_confirming = d;
                }
                stat.evidence.add(e.evidence);
                tally(&mut stat.names, &e.name, e.count);
                for f in &e.forms {
                    tally(&mut stat.names, f, 1);
                }
                for r in &e.roles {
                    tally(&mut stat.roles, r, 1);
                }
                stat.confirmed |= !e.initial_only;
            }
            stat
        })
        .collect();
    (stats, stat_of)
}

/// Add `n` to `key`'s count, copying the key only the first time.
fn tally(map: &mut BTreeMap<String, u32>, key: &str, n: u32) {
    match map.get_mut(key) {
        Some(c) => *c += n,
        None => {
            map.insert(key.to_string(), n);
        }
    }
}

/// Most used first, ties alphabetical.
fn by_count(map: &BTreeMap<String, u32>) -> Vec<String> {
    let mut v: Vec<(&String, &u32)> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.clone()).collect()
}

/// Fold lone surnames into the dominant full name with that surname. Returns, per stat, the
/// stat it folds into (itself if none).
fn fold_surnames(stats: &[Stat]) -> Vec<usize> {
    let lx = lexicon();
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in stats.iter().enumerate() {
        if s.multiword && decide_kind(s.evidence, true) == TopicKind::Person {
            for sk in surname_keys(&s.key) {
                by_surname.entry(sk).or_default().push(i);
            }
        }
    }
    let mut canon: Vec<usize> = (0..stats.len()).collect();
    for (i, s) in stats.iter().enumerate() {
        if s.multiword || lx.places.contains_key(s.key.as_str()) || s.evidence.place >= STRONG {
            continue;
        }
        // An acronym is not a surname.
        if s.names.keys().all(|n| n.chars().all(|c| !c.is_lowercase())) {
            continue;
        }
        let Some(full) = by_surname.get(&s.key) else {
            continue;
        };
        let mut ranked: Vec<usize> = full.clone();
        ranked.sort_by(|&a, &b| {
            stats[b]
                .df
                .cmp(&stats[a].df)
                .then(stats[a].key.cmp(&stats[b].key))
        });
        let best = ranked[0];
        let dominant = ranked
            .get(1)
            .is_none_or(|&second| stats[best].df >= 2 * stats[second].df);
        if dominant {
            canon[i] = best;
        }
    }
    canon
}

/// Words left out of an organisation's initials ("United Nations Office for the Coordination
/// of Humanitarian Affairs" is OCHA).
const INITIALS_SKIP: &[&str] = &["of", "the", "and", "for", "on", "in", "to", "&"];

/// The initials of a multi-word name key: "united nations" → "un".
fn initials(key: &str) -> String {
    key.split(' ')
        .filter(|w| !INITIALS_SKIP.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Written in capitals in every form seen ("UN", "U.N."): an acronym.
fn is_acronym(s: &Stat) -> bool {
    !s.multiword
        && (2..=6).contains(&s.key.chars().count())
        && s.names.keys().all(|n| {
            n.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
}

/// Fold other names of one organisation into one (on top of `canon`, the surname folding):
/// a gazetteer name into the gazetteer's shown name ("U.N." and "UN" into "United
/// Nations"), an acronym into the one multi-word name of the corpus with those initials,
/// and a name that starts with a folded acronym into the same name spelt out ("UN Security
/// Council" into "United Nations Security Council"), when those names are in the corpus.
fn fold_aliases(stats: &[Stat], by_key: &HashMap<String, usize>, canon: &mut [usize]) {
    let lx = lexicon();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in stats.iter().enumerate() {
        if s.multiword {
            by_initials.entry(initials(&s.key)).or_default().push(i);
        }
    }
    // What an acronym (as a key) stands for, as a key.
    let expand = |key: &str, acronym: bool| -> Option<String> {
        if let Some(l) = lx.listed.get(key) {
            let full = name_key(l.name);
            return (full != key).then_some(full);
        }
        if !acronym {
            return None;
        }
        match by_initials.get(key).map(Vec::as_slice) {
            Some([only]) => Some(stats[*only].key.clone()),
            _ => None,
        }
    };
    let root = |canon: &[usize], mut i: usize| {
        while canon[i] != i {
            i = canon[i];
        }
        i
    };
    for (i, s) in stats.iter().enumerate() {
        if canon[i] != i {
            continue;
        }
        let target = if let Some(full) = expand(&s.key, is_acronym(s)) {
            by_key.get(&full).copied()
        } else if let Some((first, rest)) = s.key.split_once(' ') {
            // "UN Security Council": the first word an acronym written in capitals.
            let capitals = s.names.keys().all(|n| {
                n.split_whitespace().next().is_some_and(|w| {
                    w.chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase)
                })
            });
            let spelt = if capitals {
                lx.listed
                    .get(first)
                    .map(|l| name_key(l.name))
                    .filter(|f| f != first)
                    .or_else(|| match by_initials.get(first).map(Vec::as_slice) {
                        Some([only]) => Some(stats[*only].key.clone()),
                        _ => None,
                    })
            } else {
                None
            };
            spelt.and_then(|f| by_key.get(&format!("{f} {rest}")).copied())
        } else {
            None
        };
        if let Some(t) = target {
            let t = root(canon, t);
            if t != i {
                canon[i] = t;
            }
        }
    }
}

/// The gazetteer entry of a statistic's key or one of its forms.
fn listed(s: &Stat) -> Option<crate::analyze::lexicon::Listed> {
    let lx = lexicon();
    lx.listed
        .get(&s.key)
        .or_else(|| s.names.keys().find_map(|n| lx.listed.get(&name_key(n))))
        .copied()
}

/// Forms of address, not roles: "Prime Minister Sheikh" describes a prime minister.
const HONORIFICS: &[&str] = &[
    "sheikh",
    "sheikha",
    "sheik",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "his",
    "her",
    "excellency",
    "highness",
    "majesty",
];

/// A role as a description: whole words, without forms of address at its ends ("Prime
/// Minister Sheikh" → "Prime Minister"; "Sheikh" alone → nothing).
fn clean_role(role: &str) -> String {
    let words: Vec<&str> = role.split_whitespace().collect();
    let honorific =
        |w: &&str| HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str());
    let start = words
        .iter()
        .position(|w| !honorific(w))
        .unwrap_or(words.len());
    let end = words
        .iter()
        .rposition(|w| !honorific(w))
        .map_or(start, |e| e + 1);
    words[start..end.max(start)].join(" ")
}

/// A document's front-matter topics and its other topics with their relevance.
type Filed = (Vec<usize>, Vec<(usize, f32)>);

struct Draft {
    name: String,
    kind: TopicKind,
    description: String,
    aliases: Vec<String>,
    from_config: bool,
    /// Preferred slug.
    slug: String,
    /// Order in which slugs are handed out: configured first, then by documents.
    priority: (u8, i64, String),
}

/// Corpus-wide names after folding: statistics per entity key, the key each folds into,
/// and each document's canonical names.
struct Names {
    stats: Vec<Stat>,
    by_key: HashMap<String, usize>,
    /// Per statistic, the one it folds into (itself if none).
    canon: Vec<usize>,
    /// Per document: (canonical stat, mentions, in title, first position), by stat.
    doc_entities: Vec<Vec<(usize, u32, bool, u32)>>,
}

/// First phase of [`build`]: gather entity statistics, fold surnames and aliases into full
/// names, and merge each document's mentions and each statistic's counts accordingly.
fn fold_names(feats: &[&Features]) -> Names {
    let (mut stats, stat_of) = entity_stats(feats);
    let by_key: HashMap<String, usize> = stats
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    let mut canon = fold_surnames(&stats);
    fold_aliases(&stats, &by_key, &mut canon);
    // Every entry points at its final name (a surname of an alias, an alias of an alias).
    for i in 0..canon.len() {
        let mut r = canon[i];
        while canon[r] != r {
            r = canon[r];
        }
        canon[i] = r;
    }

    // Per document: canonical stats mentioned, with (count, in_title, first).
    let doc_entities: Vec<Vec<(usize, u32, bool, u32)>> = feats
        .par_iter()
        .zip(&stat_of)
        .map(|(f, stat_of)| {
            let mut v: Vec<(usize, u32, bool, u32)> = f
                .entities
                .iter()
                .zip(stat_of)
                .map(|(e, &i)| (canon[i as usize], e.count, e.in_title, e.first))
                .collect();
            v.sort_by_key(|x| x.0);
            // Merge a surname and its full name mentioned in the same document.
            let mut merged: Vec<(usize, u32, bool, u32)> = Vec::with_capacity(v.len());
            for x in v {
                match merged.last_mut() {
                    Some(m) if m.0 == x.0 => {
                        m.1 += x.1;
                        m.2 |= x.2;
                        m.3 = m.3.min(x.3);
                    }
                    _ => merged.push(x),
                }
            }
            merged
        })
        .collect();
    drop(stat_of);
    // Fold statistics into canonical entries.
    let mut df = vec![0u32; stats.len()];
    for de in &doc_entities {
        for x in de {
            df[x.0] += 1;
        }
    }
    for i in 0..stats.len() {
        let c = canon[i];
        if c != i {
            let (names, roles, ev, confirmed, confirming) = {
                let s = &stats[i];
                (
                    s.names.clone(),
                    s.roles.clone(),
                    s.evidence,
                    s.confirmed,
                    s.confirming,
                )
            };
            let t = &mut stats[c];
            for (n, k) in names {
                *t.names.entry(n).or_insert(0) += k;
            }
            for (r, k) in roles {
                *t.roles.entry(r).or_insert(0) += k;
            }
            t.evidence.add(ev);
            t.confirmed |= confirmed;
            t.confirming += confirming;
        }
    }
    for (i, s) in stats.iter_mut().enumerate() {
        s.df = df[i];
    }
    Names {
        stats,
        by_key,
        canon,
        doc_entities,
    }
}

/// Second phase of [`build`]: the keys that name each configured topic (its name, aliases
/// and slug), and the configured topic each folded name is, if any.
fn match_config(
    config: &Config,
    stats: &[Stat],
    canon: &[usize],
) -> (HashMap<String, usize>, Vec<Option<usize>>) {
    let mut config_keys: HashMap<String, usize> = HashMap::new();
    for (i, t) in config.topics.iter().enumerate() {
        for form in std::iter::once(&t.name).chain(&t.aliases) {
            config_keys.entry(name_key(form)).or_insert(i);
        }
        if let Some(slug) = &t.slug {
            config_keys.entry(name_key(slug)).or_insert(i);
        }
        config_keys.entry(name_key(&slugify(&t.name))).or_insert(i);
    }
    let config_of_stat = |s: &Stat| -> Option<usize> {
        if config_keys.is_empty() {
            return None;
        }
        if let Some(&c) = config_keys.get(&s.key) {
            return Some(c);
        }
        s.names
            .keys()
            .find_map(|n| config_keys.get(&name_key(n)).copied())
    };
    // Folded surnames count for their full name's configured topic too.
    let mut stat_config: Vec<Option<usize>> = stats.par_iter().map(config_of_stat).collect();
    for i in 0..stats.len() {
        if canon[i] != i && stat_config[canon[i]].is_none() {
            stat_config[canon[i]] = stat_config[i];
        }
    }
    (config_keys, stat_config)
}

/// Third phase of [`build`]: each document's front-matter topics (trimmed, once each), and
/// the found names they force to be topics whatever their document count.
fn front_matter_names(
    docs: &[Document],
    config_keys: &HashMap<String, usize>,
    by_key: &HashMap<String, usize>,
    canon: &[usize],
) -> (Vec<Vec<String>>, HashSet<usize>) {
    let front_keys: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let mut seen = HashSet::new();
            d.front
                .topics
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .filter(|t| seen.insert(name_key(t)))
                .map(str::to_string)
                .collect()
        })
        .collect();
    let mut forced: HashSet<usize> = HashSet::new();
    for list in &front_keys {
        for t in list {
            let key = name_key(t);
            if config_keys.contains_key(&key) {
                continue;
            }
            if let Some(&i) = by_key.get(&key) {
                forced.insert(canon[i]);
            }
        }
    }
    (front_keys, forced)
}

/// A topic's identity while topics are drafted: a configured topic, or a name key.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Ident {
    Config(usize),
    Named(String),
}

/// Slug phase of [`build`]: unique slugs for the kept drafts, handed out by priority (a
/// clash gets "-2", "-3"), as (slug, draft) sorted by slug; and each draft's topic index.
fn assign_slugs(
    draft_list: &[&Draft],
    idents: &[Ident],
    keep: &[bool],
) -> (Vec<(String, usize)>, Vec<Option<usize>>) {
    let mut order: Vec<usize> = (0..idents.len()).filter(|&k| keep[k]).collect();
    order.sort_by(|&a, &b| {
        draft_list[a]
            .priority
            .cmp(&draft_list[b].priority)
            .then(idents[a].cmp(&idents[b]))
    });
    let mut taken: HashSet<String> = HashSet::new();
    let mut slugged: Vec<(String, usize)> = Vec::with_capacity(order.len());
    for k in order {
        let base = &draft_list[k].slug;
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone());
        slugged.push((slug, k));
    }
    slugged.sort();
    let mut index_of: Vec<Option<usize>> = vec![None; idents.len()];
    for (t, (_, k)) in slugged.iter().enumerate() {
        index_of[*k] = Some(t);
    }
    (slugged, index_of)
}

/// The site's `grouping.block` and `grouping.rename` rules, by name key and slug.
struct NameRules<'a> {
    blocked: HashSet<String>,
    renames: HashMap<String, &'a String>,
}

impl<'a> NameRules<'a> {
    fn new(g: &'a crate::config::GroupingConfig) -> Self {
        NameRules {
            blocked: g
                .block
                .iter()
                .flat_map(|b| [name_key(b), slugify(b)])
                .collect(),
            renames: g
                .rename
                .iter()
                .flat_map(|(from, to)| [(name_key(from), to), (slugify(from), to)])
                .collect(),
        }
    }

    /// Whether a found name is blocked (by its key, any spelling, or its shown name's slug).
    fn is_blocked(&self, s: &Stat) -> bool {
        self.blocked.contains(&s.key)
            || s.names.keys().any(|n| self.blocked.contains(&name_key(n)))
            || self.blocked.contains(&slugify(&best_name(s)))
    }

    /// The name a rename rule gives a found name, if any.
    fn renamed(&self, s: &Stat) -> Option<&'a String> {
        self.renames
            .get(&s.key)
            .copied()
            .or_else(|| {
                s.names
                    .keys()
                    .find_map(|n| self.renames.get(&name_key(n)).copied())
            })
            .or_else(|| self.renames.get(&slugify(&best_name(s))).copied())
    }
}

/// Topic drafts while they are gathered: by identity, with the kind evidence of the names
/// that are configured topics, and the draft each folded name is.
struct Drafts {
    drafts: BTreeMap<Ident, Draft>,
    config_evidence: Vec<KindEvidence>,
    stat_topic: HashMap<usize, Ident>,
}

/// Drafts from the found names: a configured topic's names add their kind evidence to it;
/// a name in enough documents (or forced by front matter), confirmed and not blocked
/// becomes a draft under its shown, renamed or gazetteer name, with its kind, a description
/// from its roles (people) and its other spellings as aliases.
fn draft_found_topics(
    config: &Config,
    names: &Names,
    stat_config: &[Option<usize>],
    config_keys: &HashMap<String, usize>,
    forced: &HashSet<usize>,
    words: &WordUse,
) -> Drafts {
    let g = &config.grouping;
    let rules = NameRules::new(g);
    let Names { stats, canon, .. } = names;
    let mut drafts: BTreeMap<Ident, Draft> = BTreeMap::new();
    let mut config_evidence: Vec<KindEvidence> = vec![KindEvidence::default(); config.topics.len()];
    let mut stat_topic: HashMap<usize, Ident> = HashMap::new();
    for (i, s) in stats.iter().enumerate() {
        if canon[i] != i || s.df == 0 {
            continue;
        }
        if let Some(c) = stat_config[i] {
            config_evidence[c].add(s.evidence);
            stat_topic.insert(i, Ident::Config(c));
            continue;
        }
        let wanted = forced.contains(&i);
        if !wanted
            && (s.df < g.entity_min_docs.max(1) as u32
                || !s.confirmed
                || words.common.contains(&i)
                || rules.is_blocked(s))
        {
            continue;
        }
        let mut name = best_name(s);
        if let Some(new) = rules.renamed(s) {
            name = new.trim().to_string();
            if let Some(&c) = config_keys.get(&name_key(&name)) {
                config_evidence[c].add(s.evidence);
                stat_topic.insert(i, Ident::Config(c));
                continue;
            }
        }
        // A gazetteer entry shows its own name and kind.
        let gazetteer = listed(s);
        if let Some(l) = gazetteer {
            if rules.renamed(s).is_none() {
                name = l.name.to_string();
            }
        }
        let ident = Ident::Named(name_key(&name));
        let kind = match gazetteer {
            Some(l) if l.theme => TopicKind::Theme,
            Some(_) => TopicKind::Organisation,
            None if words.things.contains(&i) => TopicKind::Theme,
            None => decide_kind(s.evidence, s.multiword),
        };
        let description = if kind == TopicKind::Person {
            by_count(&s.roles)
                .iter()
                .map(|r| clean_role(r))
                .find(|r| !r.is_empty())
                .unwrap_or_default()
        } else {
            String::new()
        };
        let aliases: Vec<String> = by_count(&s.names)
            .into_iter()
            .filter(|n| *n != name)
            .take(6)
            .collect();
        let draft = drafts.entry(ident.clone()).or_insert_with(|| Draft {
            slug: slugify(&name),
            priority: (1, -i64::from(s.df), name_key(&name)),
            name: name.clone(),
            kind,
            description,
            aliases: Vec::new(),
            from_config: false,
        });
        for a in aliases {
            if !draft.aliases.contains(&a) && a != draft.name {
                draft.aliases.push(a);
            }
        }
        stat_topic.insert(i, ident);
    }
    Drafts {
        drafts,
        config_evidence,
        stat_topic,
    }
}

/// Drafts of the configured topics (they replace any found draft of the same identity):
/// kind as configured, else from the evidence of their names in the documents (a theme
/// when none was found).
fn draft_config_topics(config: &Config, drafts: &mut Drafts) {
    for (i, t) in config.topics.iter().enumerate() {
        let kind = match &t.kind {
            Some(k) => TopicKind::parse(k),
            None => {
                let ev = drafts.config_evidence[i];
                if ev == KindEvidence::default() {
                    TopicKind::Theme
                } else {
                    decide_kind(ev, t.name.contains(' '))
                }
            }
        };
        let slug = match &t.slug {
            Some(s) if check_slug(s).is_ok() => s.clone(),
            Some(s) => slugify(s),
            None => slugify(&t.name),
        };
        drafts.drafts.insert(
            Ident::Config(i),
            Draft {
                name: t.name.trim().to_string(),
                kind,
                description: t.description.clone(),
                aliases: t.aliases.clone(),
                from_config: true,
                slug,
                priority: (0, i as i64, String::new()),
            },
        );
    }
}

/// Each document's front-matter topics as draft identities: a configured topic, a found
/// name's draft, a draft with the same slug, or else a new theme draft.
fn resolve_front_topics(
    front_keys: &[Vec<String>],
    config_keys: &HashMap<String, usize>,
    names: &Names,
    drafts: &mut Drafts,
) -> Vec<Vec<Ident>> {
    let slug_of_draft: HashMap<String, Ident> = drafts
        .drafts
        .iter()
        .map(|(id, d)| (d.slug.clone(), id.clone()))
        .collect();
    let mut front_idents: Vec<Vec<Ident>> = Vec::with_capacity(front_keys.len());
    for list in front_keys {
        let mut ids = Vec::new();
        for t in list {
            let key = name_key(t);
            let id = if let Some(&c) = config_keys.get(&key) {
                Ident::Config(c)
            } else if let Some(id) = names
                .by_key
                .get(&key)
                .and_then(|&i| drafts.stat_topic.get(&names.canon[i]))
            {
                id.clone()
            } else if let Some(id) = slug_of_draft.get(&slugify(t)) {
                id.clone()
            } else {
                let id = Ident::Named(key.clone());
                drafts.drafts.entry(id.clone()).or_insert_with(|| Draft {
                    name: t.clone(),
                    kind: TopicKind::Theme,
                    description: String::new(),
                    aliases: Vec::new(),
                    from_config: false,
                    slug: slugify(t),
                    priority: (2, 0, key.clone()),
                });
                id
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        front_idents.push(ids);
    }
    front_idents
}

/// The drafts by position (in identity order), and what points at them: each folded name's,
/// each configured topic's and each document's front-matter drafts.
struct DraftIndex<'a> {
    idents: Vec<Ident>,
    list: Vec<&'a Draft>,
    stat_draft: HashMap<usize, usize>,
    config_draft: Vec<Option<usize>>,
    front_draft: Vec<Vec<usize>>,
}

fn index_drafts<'a>(
    drafts: &'a BTreeMap<Ident, Draft>,
    stat_topic: &HashMap<usize, Ident>,
    front_idents: &[Vec<Ident>],
    config_topics: usize,
) -> DraftIndex<'a> {
    let idents: Vec<Ident> = drafts.keys().cloned().collect();
    let draft_of: HashMap<Ident, usize> = idents
        .iter()
        .enumerate()
        .map(|(k, id)| (id.clone(), k))
        .collect();
    DraftIndex {
        list: drafts.values().collect(),
        stat_draft: stat_topic
            .iter()
            .filter_map(|(s, id)| draft_of.get(id).map(|&k| (*s, k)))
            .collect(),
        config_draft: (0..config_topics)
            .map(|i| draft_of.get(&Ident::Config(i)).copied())
            .collect(),
        front_draft: front_idents
            .iter()
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| draft_of.get(id).copied())
                    .collect()
            })
            .collect(),
        idents,
    }
}

/// Each document's drafts: its front-matter ones, then the others it mentions by relevance
/// (mentions up to 10, +4 in the title, +1 in the first 300 characters), at most
/// [`MAX_AUTO_TOPICS_PER_DOC`] found ones.
fn file_documents(
    feats: &[&Features],
    doc_entities: &[Vec<(usize, u32, bool, u32)>],
    index: &DraftIndex,
) -> Vec<Filed> {
    (0..feats.len())
        .into_par_iter()
        .map(|d| {
            let mut acc: BTreeMap<usize, (u32, bool, u32)> = BTreeMap::new();
            for h in &feats[d].topics {
                if let Some(Some(t)) = index.config_draft.get(h.topic) {
                    let e = acc.entry(*t).or_insert((0, false, u32::MAX));
                    e.0 = e.0.max(h.count);
                    e.1 |= h.in_title;
                    e.2 = e.2.min(h.first);
                }
            }
            let mut entity_counts: BTreeMap<usize, u32> = BTreeMap::new();
            for &(s, count, in_title, first) in &doc_entities[d] {
                if let Some(&t) = index.stat_draft.get(&s) {
                    *entity_counts.entry(t).or_insert(0) += count;
                    let e = acc.entry(t).or_insert((0, false, u32::MAX));
                    e.1 |= in_title;
                    e.2 = e.2.min(first);
                }
            }
            for (t, c) in entity_counts {
                if let Some(e) = acc.get_mut(&t) {
                    e.0 = e.0.max(c);
                }
            }
            let front = index.front_draft[d].clone();
            let mut rest: Vec<(usize, f32)> = acc
                .into_iter()
                .filter(|(t, _)| !front.contains(t))
                .map(|(t, (count, title, first))| {
                    let score = count.min(10) as f32
                        + if title { 4.0 } else { 0.0 }
                        + if first < 300 { 1.0 } else { 0.0 };
                    (t, score)
                })
                .collect();
            rest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut auto = 0;
            rest.retain(|x| {
                if index.list[x.0].from_config {
                    return true;
                }
                auto += 1;
                auto <= MAX_AUTO_TOPICS_PER_DOC
            });
            (front, rest)
        })
        .collect()
}

/// Which drafts become topics: configured ones, front-matter ones, and found names filed
/// (within the caps) in at least `entity_min_docs` documents.
fn kept_drafts(filed: &[Filed], index: &DraftIndex, min_docs: usize) -> Vec<bool> {
    let n = index.idents.len();
    let mut counts = vec![0usize; n];
    let mut in_front = vec![false; n];
    for (front, rest) in filed {
        for &t in front {
            counts[t] += 1;
            in_front[t] = true;
        }
        for &(t, _) in rest {
            counts[t] += 1;
        }
    }
    (0..n)
        .map(|k| index.list[k].from_config || in_front[k] || counts[k] >= min_docs)
        .collect()
}

/// Each document's topics with their relevance: front-matter ones first (above every
/// other), then the rest by score; drafts that are no topic dropped.
fn score_documents(filed: Vec<Filed>, index_of: &[Option<usize>]) -> Vec<Vec<(usize, f32)>> {
    filed
        .into_par_iter()
        .map(|(front, rest)| {
            let top = rest.first().map_or(10.0, |x| x.1.max(10.0));
            let mut rest: Vec<(usize, f32)> = rest
                .into_iter()
                .filter_map(|(k, s)| index_of[k].map(|t| (t, s)))
                .collect();
            rest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            front
                .into_iter()
                .filter_map(|k| index_of[k])
                .map(|t| (t, top + 5.0))
                .chain(rest)
                .collect()
        })
        .collect()
}

/// Each topic's documents, newest first; sets each topic's `doc_count`.
fn documents_by_topic(
    doc_topics: &[Vec<usize>],
    topics: &mut [Topic],
    moments: &[Option<i64>],
) -> Vec<Vec<usize>> {
    let mut topic_docs: Vec<Vec<usize>> = vec![Vec::new(); topics.len()];
    for (d, ts) in doc_topics.iter().enumerate() {
        for &t in ts {
            topic_docs[t].push(d);
        }
    }
    topic_docs.par_iter_mut().for_each(|list| {
        list.sort_by(|&a, &b| newest_first(moments, a, b));
    });
    for (t, list) in topic_docs.iter().enumerate() {
        topics[t].doc_count = list.len();
    }
    topic_docs
}

/// Names in two or more documents, confirmed, are similarity features: per document,
/// (name, mentions, in title).
fn similarity_names(names: &Names) -> Vec<Vec<(u32, u32, bool)>> {
    names
        .doc_entities
        .par_iter()
        .map(|list| {
            list.iter()
                .filter(|x| names.stats[x.0].df >= 2 && names.stats[x.0].confirmed)
                .map(|x| (x.0 as u32, x.1, x.2))
                .collect()
        })
        .collect()
}

pub(crate) fn build(
    docs: &[Document],
    feats: &[&Features],
    config: &Config,
    moments: &[Option<i64>],
) -> TopicGraph {
    let names = fold_names(feats);
    let (config_keys, stat_config) = match_config(config, &names.stats, &names.canon);
    let (front_keys, forced) = front_matter_names(docs, &config_keys, &names.by_key, &names.canon);
    let min_docs = config.grouping.entity_min_docs.max(1) as u32;
    let words = word_use(feats, &names, min_docs);
    let mut drafts =
        draft_found_topics(config, &names, &stat_config, &config_keys, &forced, &words);
    draft_config_topics(config, &mut drafts);
    let front_idents = resolve_front_topics(&front_keys, &config_keys, &names, &mut drafts);
    let index = index_drafts(
        &drafts.drafts,
        &drafts.stat_topic,
        &front_idents,
        config.topics.len(),
    );
    let filed = file_documents(feats, &names.doc_entities, &index);
    let keep = kept_drafts(&filed, &index, config.grouping.entity_min_docs.max(1));

    // Unique slugs, handed out by priority; topics sorted by slug.
    let (slugged, index_of) = assign_slugs(&index.list, &index.idents, &keep);
    let mut topics: Vec<Topic> = slugged
        .iter()
        .map(|(slug, k)| {
            let d = index.list[*k];
            Topic {
                slug: slug.clone(),
                name: d.name.clone(),
                kind: d.kind,
                description: d.description.clone(),
                aliases: d.aliases.clone(),
                from_config: d.from_config,
                doc_count: 0,
            }
        })
        .collect();
    let stat_topic_idx: HashMap<usize, usize> = index
        .stat_draft
        .iter()
        .filter_map(|(s, &k)| index_of[k].map(|t| (*s, t)))
        .collect();
    let config_topic_idx: Vec<Option<usize>> = index
        .config_draft
        .iter()
        .map(|k| k.and_then(|k| index_of[k]))
        .collect();
    let doc_scores = score_documents(filed, &index_of);
    let doc_topics: Vec<Vec<usize>> = doc_scores
        .iter()
        .map(|v| v.iter().map(|x| x.0).collect())
        .collect();
    let topic_docs = documents_by_topic(&doc_topics, &mut topics, moments);
    let topic_related = related_topics(&doc_topics, &topic_docs);
    let (quotes, topic_quotes, speakers) = collect_quotes(
        feats,
        &topics,
        SpeakerLookup {
            config_keys: &config_keys,
            config_topic_idx: &config_topic_idx,
            by_key: &names.by_key,
            canon: &names.canon,
            stat_topic_idx: &stat_topic_idx,
        },
        moments,
    );
    TopicGraph {
        topics,
        doc_topics,
        doc_scores,
        topic_docs,
        topic_related,
        quotes,
        topic_quotes,
        speakers,
        doc_names: similarity_names(&names),
    }
}

/// The shown name of an entity: the most used multi-word form if there is one (a full name
/// over its surname), else the most used form.
fn best_name(s: &Stat) -> String {
    let ranked = by_count(&s.names);
    let key_match: Vec<&String> = ranked.iter().filter(|n| name_key(n) == s.key).collect();
    key_match
        .first()
        .map(|n| n.to_string())
        .or_else(|| ranked.first().cloned())
        .unwrap_or_else(|| s.key.clone())
}

pub(crate) fn newest_first(moments: &[Option<i64>], a: usize, b: usize) -> std::cmp::Ordering {
    match (moments[a], moments[b]) {
        (Some(x), Some(y)) => y.cmp(&x).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    }
}

fn related_topics(doc_topics: &[Vec<usize>], topic_docs: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut pairs: Vec<(u32, u32)> = doc_topics
        .par_iter()
        .flat_map_iter(|ts| {
            let top: Vec<usize> = ts.iter().copied().take(COOCCURRENCE_TOPICS).collect();
            let mut out = Vec::with_capacity(top.len() * top.len());
            for (k, &a) in top.iter().enumerate() {
                for &b in &top[k + 1..] {
                    out.push((a.min(b) as u32, a.max(b) as u32));
                    out.push((a.max(b) as u32, a.min(b) as u32));
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    // One run of pairs per topic, each ranked on its own.
    let ranked: Vec<(usize, Vec<usize>)> = pairs
        .par_chunk_by(|x, y| x.0 == y.0)
        .map(|run| {
            let a = run[0].0 as usize;
            let mut v: Vec<(usize, f64, u32)> = run
                .chunk_by(|x, y| x == y)
                .map(|same| {
                    let b = same[0].1 as usize;
                    let co = same.len() as u32;
                    let norm =
                        ((topic_docs[a].len().max(1) * topic_docs[b].len().max(1)) as f64).sqrt();
                    (b, f64::from(co) / norm, co)
                })
                .collect();
            v.sort_by(|x, y| y.1.total_cmp(&x.1).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
            (a, v.into_iter().take(RELATED_TOPICS).map(|x| x.0).collect())
        })
        .collect();
    let mut related = vec![Vec::new(); topic_docs.len()];
    for (a, v) in ranked {
        related[a] = v;
    }
    related
}

/// The words of a quotation for comparing: letters and digits, lower-cased, one space
/// between words. Outlets quoting the same sentence differ in quotation marks, punctuation,
/// case and the final full stop.
pub(crate) fn quote_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Every attributed quotation, once: the same words of the same speaker in several
/// documents are one quote, kept from the earliest document, the others listed in `also`.
/// A speaker who is a person topic is linked to it. Sorted by speaker (name key), then
/// newest first, then paragraph.
/// How a speaker's name leads to a topic: the configured topics' names and aliases, the
/// names found, and which of them became topics.
struct SpeakerLookup<'a> {
    config_keys: &'a HashMap<String, usize>,
    config_topic_idx: &'a [Option<usize>],
    by_key: &'a HashMap<String, usize>,
    canon: &'a [usize],
    stat_topic_idx: &'a HashMap<usize, usize>,
}

fn collect_quotes(
    feats: &[&Features],
    topics: &[Topic],
    lookup: SpeakerLookup<'_>,
    moments: &[Option<i64>],
) -> (Vec<Quote>, Vec<Vec<usize>>, Vec<Speaker>) {
    let SpeakerLookup {
        config_keys,
        config_topic_idx,
        by_key,
        canon,
        stat_topic_idx,
    } = lookup;
    // (speaker key, quote key, quote), one per quotation found.
    let mut found: Vec<(String, String, Quote)> = feats
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, f)| f.quotes.iter().map(move |q| (d, q)))
        .map(|(d, q)| {
            let key = name_key(&q.speaker);
            let topic = config_keys
                .get(&key)
                .and_then(|&c| config_topic_idx.get(c).copied().flatten())
                .or_else(|| {
                    by_key
                        .get(&key)
                        .and_then(|&s| stat_topic_idx.get(&canon[s]).copied())
                })
                .filter(|&t| topics[t].kind == TopicKind::Person);
            let speaker_key = match topic {
                Some(t) => format!("\u{1}{}", topics[t].slug),
                None => key,
            };
            let quote = Quote {
                speaker: topic,
                speaker_name: topic.map_or_else(|| q.speaker.clone(), |t| topics[t].name.clone()),
                role: q.role.clone(),
                text: q.text.clone(),
                doc: d,
                paragraph: q.paragraph as usize,
                also: Vec::new(),
            };
            (speaker_key, quote_key(&q.text), quote)
        })
        .filter(|x| !x.1.is_empty())
        .collect();
    // Oldest first within one speaker's same words: the first report keeps the quote.
    found.par_sort_by(|a, b| {
        (&a.0, &a.1)
            .cmp(&(&b.0, &b.1))
            .then(newest_first(moments, a.2.doc, b.2.doc).reverse())
            .then(a.2.paragraph.cmp(&b.2.paragraph))
    });
    let mut quotes: Vec<(String, Quote)> = Vec::with_capacity(found.len());
    let mut last: Option<(String, String)> = None;
    for (speaker, words, quote) in found {
        let same = last
            .as_ref()
            .is_some_and(|(s, w)| *s == speaker && *w == words);
        if same {
            if let Some((_, kept)) = quotes.last_mut() {
                if kept.doc != quote.doc && !kept.also.contains(&quote.doc) {
                    kept.also.push(quote.doc);
                }
            }
            continue;
        }
        last = Some((speaker.clone(), words));
        quotes.push((speaker, quote));
    }
    quotes.par_sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(newest_first(moments, a.1.doc, b.1.doc))
            .then(a.1.paragraph.cmp(&b.1.paragraph))
    });
    let mut topic_quotes = vec![Vec::new(); topics.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut last_speaker: Option<&str> = None;
    for (k, (key, q)) in quotes.iter().enumerate() {
        if let Some(t) = q.speaker {
            topic_quotes[t].push(k);
        }
        if last_speaker != Some(key.as_str()) {
            speakers.push(Speaker {
                name: q.speaker_name.clone(),
                topic: q.speaker,
                quotes: Vec::new(),
            });
            last_speaker = Some(key.as_str());
        }
        if let Some(s) = speakers.last_mut() {
            s.quotes.push(k);
        }
    }
    // Each speaker's key made once (not twice per comparison), in parallel; the sort is
    // stable, as before.
    speakers.par_sort_by_cached_key(|s| (name_key(&s.name), s.topic));
    let quotes = quotes.into_iter().map(|(_, q)| q).collect();
    (quotes, topic_quotes, speakers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_leave_out_forms_of_address() {
        assert_eq!(clean_role("Prime Minister Sheikh"), "Prime Minister");
        assert_eq!(clean_role("Sheikh"), "");
        assert_eq!(
            clean_role("Dr. Chief Medical Officer"),
            "Chief Medical Officer"
        );
        assert_eq!(
            clean_role("U.S. Secretary of State"),
            "U.S. Secretary of State"
        );
    }

    #[test]
    fn acronyms_are_initials() {
        assert_eq!(initials("united nations"), "un");
        assert_eq!(
            initials("united nations office for the coordination of humanitarian affairs"),
            "unocha"
        );
    }
}
