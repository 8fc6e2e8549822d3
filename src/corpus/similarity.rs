//! Document similarity: TF-IDF vectors over content words and names, an inverted index in
//! date order, and bounded candidate scans (no all-pairs pass).
//!
//! Each document keeps its [`MAX_FEATURES`] heaviest features that at least one other
//! document shares (a word no other document has cannot link anything). Scans skip posting
//! lists that are huge where they are read, and look at most at a bounded slice of the others,
//! so the work per document is bounded whatever the corpus size.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::analyze::Features;

/// The least norm a document's vector is divided by (see [`Vectors::build`]). A report's
/// norm is 5 or more even among a handful of documents (dozens of shared features, a few of
/// them rare), 15 or more in a corpus of a hundred; a notice of one line that shares only a
/// place name and a common word with the rest stays under 1.
const NORM_MIN: f32 = 3.0;

/// Features indexed per document.
pub const MAX_FEATURES: usize = 64;

/// Names weigh more than words: they say who and where.
const NAME_WEIGHT: f32 = 1.0;
const TITLE_WEIGHT: f32 = 1.5;
/// Words of the lead (the body's first prose) weigh more than those further down: reports of
/// one event open on the same facts, and wander apart after.
const LEAD_WEIGHT: f32 = 1.25;
/// A feature whose postings inside a story window exceed this is too common there to tell
/// events apart; it is skipped for that document.
const WINDOW_CAP: usize = 160;
/// Candidates kept per document for story edges.
const STORY_CANDIDATES: usize = 12;
/// Postings read per feature for related documents (the ones nearest in date).
const RELATED_SCAN: usize = 64;
/// Candidates whose exact similarity is computed for related documents.
const RELATED_CANDIDATES: usize = 10;
/// Postings read per feature for an undated document (nearest to the newest).
const UNDATED_SCAN: usize = 1024;
/// Features of a document used to query the index (its heaviest).
const QUERY_FEATURES: usize = 24;

/// A fast hasher for u64 keys that are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// (feature id, weight), sorted by feature id.
pub(crate) type Sparse = Vec<(u32, f32)>;

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Sparse unit vectors over the features a document shares with at least one other, one
/// per document, sorted by feature id: `full` has all of them (for exact similarities),
/// `docs` the heaviest ones that are not nearly everywhere (for the index and scans).
pub(crate) struct Vectors {
    pub docs: Vec<Vec<(u32, f32)>>,
    /// Per document, its [`QUERY_FEATURES`] heaviest indexed features.
    pub query: Vec<Sparse>,
    pub full: Vec<Vec<(u32, f32)>>,
    /// Per document, the features of its title (sorted ids), or none when the title names
    /// nothing of its own text (page chrome taken for a headline: "Subscribe Sign in").
    pub title: Vec<Vec<u32>>,
    /// Per document, the features of its title and lead (sorted ids).
    pub opening: Vec<Vec<u32>>,
    /// Documents each feature is in.
    pub df: Vec<u32>,
    /// Feature ids from this one on are names.
    pub first_name: u32,
    pub features: usize,
    /// Each document's language, as a small id; empty when all are in one language.
    lang: Vec<u16>,
    /// Each document's names alone, as a unit vector (filled only with `lang`).
    names: Vec<Sparse>,
}

/// One document's part of [`Vectors`].
#[derive(Default)]
struct Built {
    top: Sparse,
    full: Sparse,
    query: Sparse,
    title: Vec<u32>,
    opening: Vec<u32>,
}

/// Names live beside words in one feature space: words are 32-bit ids, names have the
/// top bit set.
fn entity_hash(id: u32) -> u64 {
    (1 << 63) | u64::from(id)
}

impl Vectors {
    /// `names[d]`: (name id, mentions, in title) of document `d`, ids unique per document.
    pub fn build(feats: &[&Features], names: &[Vec<(u32, u32, bool)>]) -> Vectors {
        let n = feats.len();
        let df = FeatureTable::count(feats, names);
        let nf = n as f32;
        // Features in nearly every document say nothing; keep them out of the index (they
        // still count in the norm).
        let max_df = ((n as f64 * 0.2) as u32).max(50);
        let built: Vec<Built> = (0..n)
            .into_par_iter()
            .map(|d| {
                let mut shared: Vec<(u32, f32, bool)> = Vec::new();
                let mut title: Vec<u32> = Vec::new();
                let mut opening: Vec<u32> = Vec::new();
                let mut headline = false;
                for_each_feature(feats[d], &names[d], |h, tf, place| {
                    // Words no other document has cannot link this one to anything;
                    // leaving them out of the norm keeps similarities comparable between
                    // small and large corpora.
                    if let Some((id, d)) = df.get(h) {
                        let w = tf * idf(nf, d as f32);
                        if w > 0.0 {
                            shared.push((id, w, d <= max_df));
                        }
                        // Headlines name what they report however common it is (in a
                        // corpus of one event, every document names it).
                        if place.title {
                            title.push(id);
                            headline |= place.in_text;
                        }
                        if place.title || place.lead {
                            opening.push(id);
                        }
                    }
                });
                if !headline {
                    title.clear();
                }
                title.sort_unstable();
                title.dedup();
                opening.sort_unstable();
                opening.dedup();
                // Summed in feature order, so the norm is the same whatever order the
                // features came in.
                shared.sort_unstable_by_key(|x| x.0);
                shared.dedup_by_key(|x| x.0);
                let norm = shared.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
                if norm == 0.0 {
                    return Built::default();
                }
                // A document whose shared features nearly every document has is about
                // nothing in particular: scaled to unit length, its few common words would
                // weigh like a full report's. Such a vector stays short.
                let norm = norm.max(NORM_MIN);
                let full: Vec<(u32, f32)> = shared.iter().map(|x| (x.0, x.1 / norm)).collect();
                let mut top: Vec<(u32, f32)> = shared
                    .iter()
                    .filter(|x| x.2)
                    .map(|x| (x.0, x.1 / norm))
                    .collect();
                top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                top.truncate(MAX_FEATURES);
                let query: Sparse = top.iter().take(QUERY_FEATURES).copied().collect();
                top.sort_unstable_by_key(|x| x.0);
                Built {
                    top,
                    full,
                    query,
                    title,
                    opening,
                }
            })
            .collect();
        let mut docs = Vec::with_capacity(n);
        let mut full = Vec::with_capacity(n);
        let mut query = Vec::with_capacity(n);
        let mut title = Vec::with_capacity(n);
        let mut opening = Vec::with_capacity(n);
        for b in built {
            docs.push(b.top);
            full.push(b.full);
            query.push(b.query);
            title.push(b.title);
            opening.push(b.opening);
        }
        Vectors {
            docs,
            query,
            full,
            title,
            opening,
            df: df.df_by_id(),
            first_name: df.first_name,
            features: df.features,
            lang: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Say which language each document is in (a BCP 47 tag; `de-AT` is `de`). Two reports
    /// of one event in different languages share names, not words: their similarity is
    /// then taken over names alone ([`Vectors::cross_language`]). Documents in one
    /// language keep their similarity as it is.
    pub fn with_languages<'a>(mut self, langs: impl IntoIterator<Item = &'a str>) -> Vectors {
        let mut ids: std::collections::BTreeMap<String, u16> = Default::default();
        let lang: Vec<u16> = langs
            .into_iter()
            .map(|l| {
                let next = ids.len() as u16;
                *ids.entry(crate::lang::primary(l).to_ascii_lowercase())
                    .or_insert(next)
            })
            .collect();
        if ids.len() < 2 || lang.len() != self.full.len() {
            return self;
        }
        let first_name = self.first_name;
        self.names = self
            .full
            .par_iter()
            .map(|v| {
                let names: Vec<(u32, f32)> =
                    v.iter().copied().filter(|x| x.0 >= first_name).collect();
                let norm = names.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
                if norm == 0.0 {
                    Vec::new()
                } else {
                    names.into_iter().map(|(f, w)| (f, w / norm)).collect()
                }
            })
            .collect();
        self.lang = lang;
        self
    }

    /// Whether two documents are in one language (always, when all are).
    pub fn same_language(&self, a: usize, b: usize) -> bool {
        self.lang.is_empty() || self.lang[a] == self.lang[b]
    }

    /// For two documents in different languages, the cosine of their names alone, or 0
    /// when they share fewer than [`MIN_SHARED`] names; `None` for one language.
    fn cross_language(&self, a: usize, b: usize) -> Option<f32> {
        if self.lang.is_empty() || self.lang[a] == self.lang[b] {
            return None;
        }
        let (s, n, _) = dot(&self.names[a], &self.names[b], self.first_name);
        Some(if n < MIN_SHARED { 0.0 } else { s })
    }

    /// Cosine of two documents over the features each shares with some other document.
    pub fn sim(&self, a: usize, b: usize) -> f32 {
        if let Some(s) = self.cross_language(a, b) {
            return s;
        }
        dot(&self.full[a], &self.full[b], self.first_name).0
    }

    /// The cosine, or 0 when it rests on too little: fewer than [`MIN_SHARED`] common
    /// features, or common words only (no name in common) and below [`WORDS_ONLY_MIN`].
    /// A few shared everyday words are no relation, however heavy they weigh in a short text.
    pub fn linked_sim(&self, a: usize, b: usize) -> f32 {
        if let Some(s) = self.cross_language(a, b) {
            return s;
        }
        let (s, n, names) = dot(&self.full[a], &self.full[b], self.first_name);
        gate(s, n, names)
    }

    /// [`Vectors::linked_sim`] of the document scattered into `dense` and `b`: the same
    /// value (same products, summed in the same feature order), without merging two lists.
    fn linked_sim_dense(&self, dense: &Dense, b: usize) -> f32 {
        if let Some(s) = dense.doc.and_then(|a| self.cross_language(a, b)) {
            return s;
        }
        let (mut s, mut n, mut names) = (0.0f32, 0u32, 0u32);
        // Without a branch: most features of `b` are not the other's, a branch taken at
        // random. An absent feature adds 0 × w = +0.0 (weights are finite), which leaves the
        // sum as it was, so the value is the same.
        for &(f, w) in &self.full[b] {
            let x = dense.w[f as usize];
            let hit = u32::from(x != 0.0);
            s += x * w;
            n += hit;
            names += hit & u32::from(f >= self.first_name);
        }
        gate(s, n, names)
    }
}

/// Shards of the document-frequency count: each is counted by one parallel job that reads
/// every document, so a few more than there are cores.
const SHARDS: usize = 8;

/// Every feature a document has, with its weighted term frequency: content words (hashes
/// below 2^32), then names (top bit set).
fn for_each_feature(
    f: &Features,
    names: &[(u32, u32, bool)],
    mut visit: impl FnMut(u64, f32, FeaturePlace),
) {
    for t in &f.terms {
        let tf = 1.0 + f32::from(t.count).ln();
        let mut w = tf;
        if t.in_title {
            w *= TITLE_WEIGHT;
        }
        if t.in_lead {
            w *= LEAD_WEIGHT;
        }
        // A title word counted more than once, or in the lead, is in the text as well.
        let place = FeaturePlace {
            title: t.in_title,
            lead: t.in_lead,
            in_text: t.in_title && (t.in_lead || t.count >= 2),
        };
        visit(u64::from(t.hash), w, place);
    }
    for &(id, count, title) in names {
        let tf = (1.0 + (count.max(1) as f32).ln()) * NAME_WEIGHT;
        let place = FeaturePlace {
            title,
            lead: false,
            in_text: title && count >= 2,
        };
        visit(
            entity_hash(id),
            if title { tf * TITLE_WEIGHT } else { tf },
            place,
        );
    }
}

/// Where a feature sits: in the title, and if so whether the text repeats it.
#[derive(Clone, Copy)]
struct FeaturePlace {
    title: bool,
    lead: bool,
    in_text: bool,
}

/// The features found in two documents or more: feature hash → (feature id, document
/// frequency). Ids follow hash order, so names (top bit set) come after words.
struct FeatureTable {
    shards: Vec<IdMap<(u32, u32)>>,
    first_name: u32,
    features: usize,
}

impl FeatureTable {
    /// Each shard job reads every document and counts only its own share of the hashes: a
    /// read of the features per shard instead of one list of every (document, feature) pair,
    /// which at 100,000 documents is hundreds of megabytes of fresh memory.
    fn count(feats: &[&Features], names: &[Vec<(u32, u32, bool)>]) -> FeatureTable {
        let counts: Vec<IdMap<u32>> = (0..SHARDS)
            .into_par_iter()
            .map(|s| {
                let mut m: IdMap<u32> = IdMap::default();
                for (f, names) in feats.iter().zip(names) {
                    let words = f.terms.iter().map(|t| u64::from(t.hash));
                    let names = names.iter().map(|x| entity_hash(x.0));
                    for h in words.chain(names).filter(|&h| shard(h) == s) {
                        *m.entry(h).or_insert(0) += 1;
                    }
                }
                m.retain(|_, c| *c >= 2);
                m
            })
            .collect();
        let mut shared: Vec<u64> = counts.iter().flat_map(|m| m.keys().copied()).collect();
        shared.par_sort_unstable();
        let first_name = shared.partition_point(|&h| h >> 63 == 0);
        let shards = counts
            .into_par_iter()
            .enumerate()
            .map(|(s, m)| {
                let mut out: IdMap<(u32, u32)> = IdMap::default();
                out.reserve(m.len());
                for (id, &h) in shared.iter().enumerate() {
                    if shard(h) == s {
                        out.insert(h, (id as u32, m[&h]));
                    }
                }
                out
            })
            .collect();
        FeatureTable {
            shards,
            first_name: if first_name == shared.len() {
                u32::MAX
            } else {
                first_name as u32
            },
            features: shared.len(),
        }
    }

    fn get(&self, h: u64) -> Option<(u32, u32)> {
        self.shards[shard(h)].get(&h).copied()
    }

    /// Document frequency by feature id.
    fn df_by_id(&self) -> Vec<u32> {
        let mut out = vec![0u32; self.features];
        for m in &self.shards {
            for &(id, df) in m.values() {
                out[id as usize] = df;
            }
        }
        out
    }
}

/// A mix of its own, unrelated to [`IdHasher`]'s: the keys of one shard must still spread
/// over the buckets of its map.
fn shard(h: u64) -> usize {
    ((h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 60) as usize % SHARDS
}

fn gate(s: f32, n: u32, names: u32) -> f32 {
    if n < MIN_SHARED || (names == 0 && s < WORDS_ONLY_MIN) {
        0.0
    } else {
        s
    }
}

/// One document's full vector as a dense array over all features (weights are positive, so
/// 0 means absent), for many similarities with it in a row. Reused across documents.
struct Dense {
    w: Vec<f32>,
    doc: Option<usize>,
}

impl Dense {
    fn new(features: usize) -> Dense {
        Dense {
            w: vec![0.0; features],
            doc: None,
        }
    }

    fn load(&mut self, vectors: &Vectors, d: usize) {
        if let Some(old) = self.doc.take() {
            for &(f, _) in &vectors.full[old] {
                self.w[f as usize] = 0.0;
            }
        }
        for &(f, w) in &vectors.full[d] {
            self.w[f as usize] = w;
        }
        self.doc = Some(d);
    }
}

/// Inverse document frequency: a feature in every document weighs nothing (it cannot tell
/// documents apart, however small the corpus).
fn idf(n: f32, df: f32) -> f32 {
    (n / df).ln().max(0.0)
}

/// Features two documents must share to be related at all.
pub const MIN_SHARED: u32 = 3;
/// Similarity needed when two documents share no name.
pub const WORDS_ONLY_MIN: f32 = 0.3;

/// Dot product of two sparse vectors, how many features they share, and how many of those
/// are names (ids from `first_name` on).
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)], first_name: u32) -> (f32, u32, u32) {
    let (mut i, mut j, mut s, mut n, mut names) = (0, 0, 0.0f32, 0u32, 0u32);
    // Advance both sides without a three-way branch: the only branch left is the match.
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.0 == y.0 {
            s += x.1 * y.1;
            n += 1;
            names += u32::from(x.0 >= first_name);
        }
        i += usize::from(x.0 <= y.0);
        j += usize::from(y.0 <= x.0);
    }
    (s, n, names)
}

/// Documents in date order: dated by day then index, undated last.
pub(crate) struct DateIndex {
    /// Document at each rank.
    pub doc: Vec<u32>,
    /// Rank of each document.
    pub rank: Vec<u32>,
    /// Day number of each dated rank (`rank < dated`).
    pub day: Vec<i32>,
    pub dated: usize,
}

pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

impl DateIndex {
    pub fn new(days: &[Option<NaiveDate>]) -> DateIndex {
        let mut order: Vec<u32> = (0..days.len() as u32).collect();
        order.sort_by_key(|&i| (days[i as usize].is_none(), days[i as usize], i));
        let mut rank = vec![0u32; days.len()];
        for (r, &d) in order.iter().enumerate() {
            rank[d as usize] = r as u32;
        }
        let day: Vec<i32> = order
            .iter()
            .map_while(|&d| days[d as usize].map(day_number))
            .collect();
        let dated = day.len();
        DateIndex {
            doc: order,
            rank,
            day,
            dated,
        }
    }

    /// Ranks of dated documents whose day is within `window` days of `day`.
    pub fn window(&self, day: i32, window: i64) -> (u32, u32) {
        let w = window.clamp(0, 100_000) as i32;
        let lo = self.day.partition_point(|&x| x < day - w);
        let hi = self.day.partition_point(|&x| x <= day + w);
        (lo as u32, hi as u32)
    }
}

/// Postings per feature, (rank, weight) in rank (date) order.
pub(crate) struct Index {
    offsets: Vec<u32>,
    postings: Vec<(u32, f32)>,
}

impl Index {
    pub fn build(vectors: &Vectors, dates: &DateIndex) -> Index {
        let mut counts = vec![0u32; vectors.features + 1];
        for v in &vectors.docs {
            for &(f, _) in v {
                counts[f as usize + 1] += 1;
            }
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let offsets = counts.clone();
        let mut fill = counts;
        let mut postings = vec![(0u32, 0f32); *offsets.last().unwrap_or(&0) as usize];
        for (r, &d) in dates.doc.iter().enumerate() {
            for &(f, w) in &vectors.docs[d as usize] {
                let slot = &mut fill[f as usize];
                postings[*slot as usize] = (r as u32, w);
                *slot += 1;
            }
        }
        Index { offsets, postings }
    }

    fn list(&self, f: u32) -> &[(u32, f32)] {
        let f = f as usize;
        &self.postings[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }
}

/// Documents per parallel job: each job allocates one accumulator as long as the corpus.
const CHUNK: usize = 1024;

/// Score accumulator over ranks, reused across documents of one thread.
struct Acc {
    score: Vec<f32>,
    touched: Vec<u32>,
}

impl Acc {
    fn new(n: usize) -> Acc {
        Acc {
            score: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, r: u32, s: f32) {
        let slot = &mut self.score[r as usize];
        if *slot == 0.0 {
            self.touched.push(r);
        }
        *slot += s;
    }

    /// The `k` best ranks (score, then rank), and reset.
    fn take_best(&mut self, k: usize, skip: u32) -> Vec<u32> {
        let mut c: Vec<(f32, u32)> = self
            .touched
            .iter()
            .filter(|&&r| r != skip)
            .map(|&r| (self.score[r as usize], r))
            .collect();
        for &r in &self.touched {
            self.score[r as usize] = 0.0;
        }
        self.touched.clear();
        if c.len() > k {
            c.select_nth_unstable_by(k, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            c.truncate(k);
        }
        c.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        c.into_iter().map(|x| x.1).collect()
    }
}

/// The postings of ranks `lo..hi`, or `None` when there are more than [`WINDOW_CAP`]. The
/// end is searched only among the cap's worth of postings after the start: at 100,000
/// documents most lists are long, and a second search over the whole list cost as much as
/// the scan.
fn in_window(list: &[(u32, f32)], lo: u32, hi: u32) -> Option<&[(u32, f32)]> {
    let a = list.partition_point(|p| p.0 < lo);
    let rest = &list[a..];
    if rest.get(WINDOW_CAP).is_some_and(|p| p.0 < hi) {
        return None;
    }
    let near = &rest[..rest.len().min(WINDOW_CAP)];
    Some(&near[..near.partition_point(|p| p.0 < hi)])
}

/// Pairs of dated documents within `window` days whose `score` (a similarity, possibly
/// adjusted for time and source) is at least `min_sim`: (a, b, score) with a < b, sorted by
/// a then b.
pub(crate) fn story_edges(
    vectors: &Vectors,
    index: &Index,
    dates: &DateIndex,
    window: i64,
    min_sim: f32,
    score: impl Fn(usize, usize, f32) -> f32 + Sync,
) -> Vec<(u32, u32, f32)> {
    let n = vectors.docs.len();
    let mut edges: Vec<(u32, u32, f32)> = (0..dates.dated)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map_init(
            || (Acc::new(n), Dense::new(vectors.features)),
            |(acc, dense), r| {
                let d = dates.doc[r] as usize;
                let (lo, hi) = dates.window(dates.day[r], window);
                for &(f, w) in &vectors.query[d] {
                    let Some(window) = in_window(index.list(f), lo, hi) else {
                        continue;
                    };
                    for &(r2, w2) in window {
                        acc.add(r2, w * w2);
                    }
                }
                let best = acc.take_best(STORY_CANDIDATES, r as u32);
                if !best.is_empty() {
                    dense.load(vectors, d);
                }
                best.into_iter()
                    .filter_map(|r2| {
                        let d2 = dates.doc[r2 as usize] as usize;
                        let s = score(d, d2, vectors.linked_sim_dense(dense, d2));
                        (s >= min_sim).then_some((d.min(d2) as u32, d.max(d2) as u32, s))
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten()
        .collect();
    edges.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    edges.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    edges
}

/// For each undated document, its most similar dated documents: (dated doc, sim), best
/// first, at most `k`; and its most similar undated documents, likewise.
pub(crate) fn undated_candidates(
    vectors: &Vectors,
    index: &Index,
    dates: &DateIndex,
    k: usize,
) -> Vec<Undated> {
    let n = vectors.docs.len();
    (dates.dated..n)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map_init(
            || Acc::new(n),
            |acc, r| {
                let d = dates.doc[r] as usize;
                let exact = |acc: &mut Acc| -> Vec<(u32, f32)> {
                    acc.take_best(k, r as u32)
                        .into_iter()
                        .map(|r2| {
                            let d2 = dates.doc[r2 as usize];
                            (d2, vectors.linked_sim(d, d2 as usize))
                        })
                        .collect()
                };
                // Dated postings, the newest ones if there are too many; then undated ones,
                // as many at most.
                for &(f, w) in &vectors.query[d] {
                    let list = index.list(f);
                    let end = list.partition_point(|p| (p.0 as usize) < dates.dated);
                    let start = end.saturating_sub(UNDATED_SCAN);
                    for &(r2, w2) in &list[start..end] {
                        acc.add(r2, w * w2);
                    }
                }
                let dated = exact(acc);
                for &(f, w) in &vectors.query[d] {
                    let list = index.list(f);
                    let start = list.partition_point(|p| (p.0 as usize) < dates.dated);
                    let end = list.len().min(start + UNDATED_SCAN);
                    for &(r2, w2) in &list[start..end] {
                        acc.add(r2, w * w2);
                    }
                }
                let undated = exact(acc);
                Undated {
                    doc: d as u32,
                    dated,
                    undated,
                }
            },
        )
        .collect()
}

/// An undated document's nearest documents: (document, similarity), best first.
pub(crate) struct Undated {
    pub doc: u32,
    pub dated: Vec<(u32, f32)>,
    pub undated: Vec<(u32, f32)>,
}

/// Each document's `k` most related documents: cosine similarity times a gentle preference
/// for nearby dates, best first, ties by document index.
pub(crate) fn related(
    vectors: &Vectors,
    index: &Index,
    dates: &DateIndex,
    days: &[Option<NaiveDate>],
    k: usize,
) -> Vec<Vec<usize>> {
    let n = vectors.docs.len();
    if k == 0 {
        return vec![Vec::new(); n];
    }
    (0..n)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map_init(
            || (Acc::new(n), Dense::new(vectors.features)),
            |(acc, dense), d| {
                let r = dates.rank[d];
                for &(f, w) in &vectors.query[d] {
                    let list = index.list(f);
                    let (a, b) = if list.len() <= RELATED_SCAN {
                        (0, list.len())
                    } else {
                        // The postings nearest in date.
                        let at = list.partition_point(|p| p.0 < r);
                        let a = at
                            .saturating_sub(RELATED_SCAN / 2)
                            .min(list.len() - RELATED_SCAN);
                        (a, a + RELATED_SCAN)
                    };
                    for &(r2, w2) in &list[a..b] {
                        acc.add(r2, w * w2);
                    }
                }
                let best = acc.take_best(RELATED_CANDIDATES, r);
                if !best.is_empty() {
                    dense.load(vectors, d);
                }
                let mut scored: Vec<(f32, usize)> = best
                    .into_iter()
                    .filter_map(|r2| {
                        let d2 = dates.doc[r2 as usize] as usize;
                        let s = vectors.linked_sim_dense(dense, d2);
                        (s > MIN_RELATED).then(|| (s * date_factor(days[d], days[d2]), d2))
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                scored.into_iter().take(k).map(|x| x.1).collect()
            },
        )
        .collect()
}

/// Below this cosine, two documents share too little to be called related.
const MIN_RELATED: f32 = 0.05;

/// 1 on the same day, easing to 0.75 over a few months; 0.85 when a date is unknown.
fn date_factor(a: Option<NaiveDate>, b: Option<NaiveDate>) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let gap = (a - b).num_days().unsigned_abs() as f32;
            0.75 + 0.25 * (-gap / 60.0).exp()
        }
        _ => 0.85,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_index_orders_and_windows() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let days = vec![
            d("2024-02-06"),
            None,
            d("2024-01-07"),
            d("2024-02-08"),
            d("2024-02-06"),
        ];
        let ix = DateIndex::new(&days);
        assert_eq!(ix.doc, [2, 0, 4, 3, 1]);
        assert_eq!(ix.dated, 4);
        let (lo, hi) = ix.window(day_number(d("2024-02-06").unwrap()), 1);
        assert_eq!((lo, hi), (1, 3));
        let (lo, hi) = ix.window(day_number(d("2024-02-06").unwrap()), 3);
        assert_eq!((lo, hi), (1, 4));
    }

    #[test]
    fn feature_table_keeps_shared_features_in_hash_order_names_last() {
        use crate::analyze::TermCount;
        let doc = |hashes: &[u32]| Features {
            terms: hashes
                .iter()
                .map(|&hash| TermCount {
                    hash,
                    count: 1,
                    in_title: false,
                    in_lead: false,
                })
                .collect(),
            ..Features::default()
        };
        // Word 7 is in three documents, 3 and 900 in two, 5 and 11 in one; name 2 is in
        // two documents, name 4 in one.
        let feats = [doc(&[3, 5, 7]), doc(&[3, 7, 900]), doc(&[7, 11, 900])];
        let refs: Vec<&Features> = feats.iter().collect();
        let names = vec![
            vec![(2, 1, false)],
            vec![(2, 3, true), (4, 1, false)],
            vec![],
        ];
        let table = FeatureTable::count(&refs, &names);
        assert_eq!(table.features, 4);
        assert_eq!(table.get(3), Some((0, 2)));
        assert_eq!(table.get(7), Some((1, 3)));
        assert_eq!(table.get(900), Some((2, 2)));
        assert_eq!(table.get(entity_hash(2)), Some((3, 2)));
        assert_eq!(table.first_name, 3);
        for lone in [5, 11, entity_hash(4)] {
            assert_eq!(table.get(lone), None);
        }
        // The vectors use the same ids: document 1 has words 3, 7, 900 and name 2.
        let v = Vectors::build(&refs, &names);
        let ids: Vec<u32> = v.full[1].iter().map(|x| x.0).collect();
        assert_eq!(
            ids,
            [0, 2, 3],
            "word 7 is in every document: idf 0, left out"
        );
        // Three features among three documents weigh little: the vector is divided by
        // NORM_MIN, not scaled up to unit length. Weights: tf times idf ln(3/2), the title
        // name 1.5 times (1 + ln 3).
        let idf = (1.5f32).ln();
        let raw = [idf, idf, 1.5 * (1.0 + 3f32.ln()) * idf];
        for (x, want) in v.full[1].iter().zip(raw) {
            assert!((x.1 - want / NORM_MIN).abs() < 1e-5, "{x:?} vs {want}");
        }
        // The title names name 2, which the text repeats: a headline.
        assert_eq!(v.title[1], [3]);
    }

    #[test]
    fn a_vector_of_common_features_stays_short_and_a_report_is_a_unit() {
        use crate::analyze::TermCount;
        let term = |hash: u32, count: u16| TermCount {
            hash,
            count,
            in_title: false,
            in_lead: false,
        };
        // Thirty of forty documents have words 1 to 3; documents 2 and 3 (4 and 5, ...)
        // share thirty words of their own. Document 0 has the common words only: a notice.
        let feats: Vec<Features> = (0..40u32)
            .map(|d| {
                let mut terms: Vec<TermCount> = Vec::new();
                if d < 30 {
                    terms.extend((1..=3).map(|h| term(h, 1)));
                }
                if d > 0 {
                    terms.extend((0..30).map(|k| term(1000 * (d / 2) + k + 10, 3)));
                }
                terms.sort_by_key(|t| t.hash);
                Features {
                    terms,
                    ..Features::default()
                }
            })
            .collect();
        let refs: Vec<&Features> = feats.iter().collect();
        let v = Vectors::build(&refs, &vec![Vec::new(); 40]);
        let norm = |d: usize| v.full[d].iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        assert!(
            (norm(3) - 1.0).abs() < 1e-4,
            "a report is a unit: {}",
            norm(3)
        );
        let notice = 3f32.sqrt() * (40.0f32 / 30.0).ln();
        assert!((norm(0) - notice / NORM_MIN).abs() < 1e-4, "{}", norm(0));
        // So the notice is far less similar to a report than its few words would make it.
        assert!(v.sim(0, 4) < 0.1, "{}", v.sim(0, 4));
    }

    #[test]
    fn reports_in_two_languages_are_compared_by_their_names() {
        use crate::analyze::TermCount;
        let doc = |hashes: &[u32]| Features {
            terms: hashes
                .iter()
                .map(|&hash| TermCount {
                    hash,
                    count: 3,
                    in_title: false,
                    in_lead: false,
                })
                .collect(),
            ..Features::default()
        };
        // 0 and 1: an English report and a German one of one event (different words, names
        // 1, 2, 3 in common); 2: another German report naming only name 1; 3 and 4: fillers
        // that give every word and name a document frequency below the whole corpus.
        let feats = [
            doc(&[10, 11, 12, 13]),
            doc(&[20, 21, 22, 23]),
            doc(&[20, 24, 25, 26]),
            doc(&[10, 11, 24, 25]),
            doc(&[12, 13, 21, 22, 23, 26]),
        ];
        let refs: Vec<&Features> = feats.iter().collect();
        let names = vec![
            vec![(1, 2, false), (2, 1, false), (3, 1, false)],
            vec![(1, 2, false), (2, 1, false), (3, 1, false)],
            vec![(1, 2, false), (9, 1, false)],
            vec![(9, 1, false)],
            vec![],
        ];
        let one = Vectors::build(&refs, &names);
        let langs = ["en", "de", "de-AT", "en", "de"];
        let two = Vectors::build(&refs, &names).with_languages(langs);
        // In one language the pair shares too little to count as one event...
        assert!(one.linked_sim(0, 1) < 0.5, "{}", one.linked_sim(0, 1));
        // ...across languages its names alone are compared, and they are the same.
        assert!(two.linked_sim(0, 1) > 0.99, "{}", two.linked_sim(0, 1));
        assert!((two.sim(0, 1) - two.linked_sim(0, 1)).abs() < 1e-6);
        // One name in common is not enough.
        assert_eq!(two.linked_sim(0, 2), 0.0);
        // Reports in one language (de and de-AT) keep their usual similarity.
        assert_eq!(two.linked_sim(1, 2), one.linked_sim(1, 2));
        assert_eq!(two.linked_sim(0, 3), one.linked_sim(0, 3));
    }

    #[test]
    fn a_window_is_its_postings_or_none_past_the_cap() {
        // Ranks 0, 2, 4, ...: postings in rank order, as the index keeps them.
        let list: Vec<(u32, f32)> = (0..1000).map(|r| (2 * r, 1.0)).collect();
        let ranks = |w: Option<&[(u32, f32)]>| w.map(|w| w.iter().map(|p| p.0).collect::<Vec<_>>());
        assert_eq!(ranks(in_window(&list, 3, 9)), Some(vec![4, 6, 8]));
        assert_eq!(ranks(in_window(&list, 2001, 3000)), Some(vec![]));
        assert_eq!(ranks(in_window(&[], 0, 10)), Some(vec![]));
        // Exactly the cap's worth is kept; one more is too common there.
        let cap = WINDOW_CAP as u32;
        assert_eq!(
            in_window(&list, 10, 10 + 2 * cap).map(<[_]>::len),
            Some(WINDOW_CAP)
        );
        assert_eq!(in_window(&list, 10, 11 + 2 * cap), None);
        // The same answer as searching both ends over the whole list.
        for (lo, hi) in [(0, 0), (0, 400), (1, 321), (500, 821), (1900, 2100), (7, 5)] {
            let a = list.partition_point(|p| p.0 < lo);
            let b = list.partition_point(|p| p.0 < hi).max(a);
            let both = (b - a <= WINDOW_CAP).then(|| &list[a..b]);
            assert_eq!(in_window(&list, lo, hi), both, "{lo}..{hi}");
        }
    }

    #[test]
    fn dot_merges_sorted_features() {
        assert_eq!(
            dot(&[(1, 0.5), (3, 0.5)], &[(2, 1.0), (3, 0.5)], 3),
            (0.25, 1, 1)
        );
        assert_eq!(
            dot(&[(1, 0.5), (3, 0.5)], &[(2, 1.0), (3, 0.5)], 9),
            (0.25, 1, 0)
        );
    }
}
