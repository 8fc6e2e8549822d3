//! Stories (one event, several documents) and storylines (stories that continue over weeks).
//!
//! Stories: candidate pairs of dated documents within `grouping.story_window_days` of each
//! other come from the inverted index. Their content similarity is raised by [`CLOSE_BONUS`]
//! when they were published within [`CLOSE_HOURS`] of each other (a bare date counts as its
//! whole day; at least one of the two needs a time): in a corpus about one running topic,
//! the next day's episode shares nearly as many words as the same event's other reports,
//! and the publication times tell them apart. Two pieces of one outlet
//! ([`PairScore::same_outlet`]: the same `source`, or a few of the same template lines)
//! count at [`SAME_SOURCE_FACTOR`] of their similarity: their shared furniture and house
//! style are no evidence of one event. Two documents whose headlines name nothing in common
//! ([`PairScore::headlines_agree`]) count at [`HEADLINE_MISS_FACTOR`], and two dated two days
//! apart or more at [`DAYS_APART_FACTOR`]: on real pages the false pairs are neighbours of one
//! topic and day (a review and a rumour of one laptop, a game and a column about it) or the
//! next episode of a running story, and the same event's reports name it in their headlines
//! and come out within a day.
//!
//! An undated document links to dated ones at [`UNDATED_MIN`] or more, where the weekdays
//! it names agree with their day (news names the days around its publication: a text about
//! "Tuesday" and "Wednesday" was not written around a Friday), and to none when documents
//! of another time are about as similar ([`UNDATED_MARGIN`]: its time is ambiguous).
//! Beside a corpus on the same people and places, an undated report may be only moderately
//! similar to each report of its event, yet similar to all of them: one that no link took
//! joins the dated story its similarities sum to [`UNDATED_SUM_MIN`] or more over two reports
//! or more, when no other story comes close ([`join_by_summed_evidence`]).
//!
//! Links at least [`EDGE_MIN`] (dated pairs) or [`UNDATED_MIN`] are merged, strongest first,
//! into clusters whose dated documents never span more than the window and whose members
//! stay [`LINK_MIN`] similar on average: a group grows by what is close to most of it, not
//! by a chain of pairwise links through a trip or a topic. Links between two undated
//! documents come last and only join documents no dated story took: pages saved without a
//! visible date still report events, but never bring a page of another time into a dated
//! story.
//!
//! Storylines: each story (and each dated document in no story) is described by its three
//! leading topics. Units sharing a pair of leading topics are linked when the gap between
//! them is at most `grouping.storyline_gap_days`; the most specific pairs (fewest units) link
//! first, and a storyline never grows past [`MAX_STORYLINE_UNITS`]. A storyline needs two
//! units or more and must last longer than the story window. Undated documents are not put
//! in storylines: they have no place in time. A document in no story that is part of a
//! storyline gets a story of its own (so storylines list stories only).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::similarity::{self, day_number, DateIndex, Index, Vectors};
use super::topics::TopicGraph;
use super::{Story, Storyline};
use crate::analyze::Features;
use crate::config::Config;
use crate::content::{slugify, Document};

/// Two documents at least this similar may be the same event.
pub const EDGE_MIN: f32 = 0.30;
/// Average similarity two merged clusters must keep.
pub const LINK_MIN: f32 = 0.21;
/// An undated document links to another document at this similarity or more.
pub const UNDATED_MIN: f32 = 0.30;
/// ... and to no dated one unless its best matches (summed around their day) beat those of
/// another time by this factor.
pub const UNDATED_MARGIN: f32 = 1.3;
/// An undated document that no link took joins a dated story whose members it is this
/// similar to in sum (two reports or more, each as weighed for undated links, and at least
/// [`UNDATED_MARGIN`] times the sum for any other story): the evidence of two links at
/// [`UNDATED_MIN`], spread over the reports of one event.
pub const UNDATED_SUM_MIN: f32 = 2.0 * UNDATED_MIN;
/// Members compared per side when checking average similarity.
const LINK_SAMPLE: usize = 6;
pub const MAX_STORYLINE_UNITS: usize = 60;
const KEY_TOPICS: usize = 3;

pub(crate) struct StorySet {
    pub stories: Vec<Story>,
    pub doc_story: Vec<Option<usize>>,
    pub storylines: Vec<Storyline>,
    pub story_storyline: Vec<Option<usize>>,
}

struct Clusters {
    parent: Vec<u32>,
    members: Vec<Vec<u32>>,
    min_day: Vec<i32>,
    max_day: Vec<i32>,
}

impl Clusters {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
}

/// Published within this many hours of each other (a date without a time spans its whole
/// day; two bare dates are never known to be close): reports of one event come out within
/// hours of each other, those of the next day's events a day later.
pub const CLOSE_HOURS: i64 = 12;
/// Similarity factor for documents published that close: the same content words a day
/// apart may be the next episode; within hours, most likely the same event.
pub const CLOSE_BONUS: f32 = 1.6;
/// Similarity factor for two documents of one outlet: an outlet covers an event once, or
/// updates it, so two of its pieces are more often two events of one running topic.
pub const SAME_SOURCE_FACTOR: f32 = 0.5;
/// Furniture lines two pages must share to count as one outlet's.
pub const SAME_SITE_LINES: usize = 4;
/// Similarity factor for two documents whose headlines name nothing in common
/// ([`PairScore::headlines_agree`]): reports of one event name it in their headlines; pages
/// of one topic and day (a review and a rumour of one laptop, a game and a pundit's column)
/// share names and words in their bodies, not the thing that happened.
pub const HEADLINE_MISS_FACTOR: f32 = 0.5;
/// A headline feature is an event term when at most this share of the documents have it
/// (or [`EVENT_TERM_MIN_DF`], for small corpora, where one event is a large share).
pub const EVENT_TERM_SHARE: f32 = 0.1;
/// See [`EVENT_TERM_SHARE`].
pub const EVENT_TERM_MIN_DF: u32 = 10;
/// Similarity factor for two dated documents whose days are two or more apart: reports of
/// one event come out within a day of each other; two days on, the same names and words are
/// most often the next episode of a running topic.
pub const DAYS_APART_FACTOR: f32 = 0.6;

/// The similarity stories are built on: content similarity ([`Vectors::linked_sim`]),
/// raised for documents published within [`CLOSE_HOURS`] and lowered for two pieces of one
/// outlet.
struct PairScore<'a> {
    vectors: &'a Vectors,
    /// Publication time as an interval of Unix seconds (a bare date: its whole day).
    spans: Vec<Option<(i64, i64)>>,
    /// Source id; `u32::MAX` for none.
    sources: Vec<u32>,
    /// Each document's furniture sketch ([`crate::analyze::Features::furniture`]).
    furniture: Vec<&'a [u32]>,
    /// Day numbers.
    days: Vec<Option<i32>>,
    /// A headline feature in at most this many documents is an event term.
    event_df: u32,
}

impl<'a> PairScore<'a> {
    fn new(
        vectors: &'a Vectors,
        docs: &[Document],
        days: &[Option<NaiveDate>],
        moments: &[Option<i64>],
        furniture: Vec<&'a [u32]>,
    ) -> Self {
        let spans = docs
            .iter()
            .zip(moments)
            .map(|(d, m)| {
                let m = (*m)?;
                Some(match d.date {
                    Some(crate::content::DocDate::Day(_)) => (m, m + 86_399),
                    _ => (m, m),
                })
            })
            .collect();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let sources = docs
            .iter()
            .map(|d| match d.front.source.as_deref() {
                Some(s) if !s.trim().is_empty() => {
                    let next = ids.len() as u32;
                    *ids.entry(s.trim()).or_insert(next)
                }
                _ => u32::MAX,
            })
            .collect();
        let share = (docs.len() as f32 * EVENT_TERM_SHARE) as u32;
        PairScore {
            vectors,
            spans,
            sources,
            furniture,
            days: days.iter().map(|d| d.map(day_number)).collect(),
            event_df: share.max(EVENT_TERM_MIN_DF),
        }
    }

    /// Two pieces of one outlet: the same `source`, or [`SAME_SITE_LINES`] furniture lines
    /// in common.
    fn same_outlet(&self, a: usize, b: usize) -> bool {
        if self.sources[a] != u32::MAX && self.sources[a] == self.sources[b] {
            return true;
        }
        let (x, y) = (&self.furniture[a], &self.furniture[b]);
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            shared += usize::from(x[i] == y[j]);
            let (p, q) = (x[i], y[j]);
            i += usize::from(p <= q);
            j += usize::from(q <= p);
        }
        shared >= SAME_SITE_LINES
    }

    /// Whether the two headlines name the same thing: they share a word or name, or each
    /// shares an event term (a feature few documents have) with the other's title and lead
    /// (a headline in other words: "Two news conferences, one evening"). True when either
    /// title is unknown (it names nothing of its own text), and for headlines in two languages
    /// (they share names, not words; their similarity is already over names alone).
    fn headlines_agree(&self, a: usize, b: usize) -> bool {
        let v = self.vectors;
        if v.title[a].is_empty() || v.title[b].is_empty() || !v.same_language(a, b) {
            return true;
        }
        self.share(&v.title[a], &v.title[b], u32::MAX)
            || (self.share(&v.title[a], &v.opening[b], self.event_df)
                && self.share(&v.title[b], &v.opening[a], self.event_df))
    }

    /// Whether two sorted feature lists have a feature of at most `max_df` documents in
    /// common.
    fn share(&self, x: &[u32], y: &[u32], max_df: u32) -> bool {
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            let (p, q) = (x[i], y[j]);
            if p == q && self.vectors.df[p as usize] <= max_df {
                return true;
            }
            i += usize::from(p <= q);
            j += usize::from(q <= p);
        }
        false
    }

    /// Whole days between two dated documents (0 when either is undated).
    fn days_apart(&self, a: usize, b: usize) -> i64 {
        match (self.days[a], self.days[b]) {
            (Some(x), Some(y)) => i64::from((x - y).abs()),
            _ => 0,
        }
    }

    fn close(&self, a: usize, b: usize) -> bool {
        match (self.spans[a], self.spans[b]) {
            // Two bare dates: the hours between them are unknown (up to a day, a long time
            // in news), so nothing says they are close.
            (Some((a0, a1)), Some((b0, b1))) if a0 != a1 && b0 != b1 => false,
            (Some((a0, a1)), Some((b0, b1))) => a0.max(b0) - a1.min(b1) <= CLOSE_HOURS * 3600,
            _ => false,
        }
    }

    fn score(&self, a: usize, b: usize) -> f32 {
        self.adjust(a, b, self.vectors.linked_sim(a, b))
    }

    /// The score of `a` and `b` given their [`Vectors::linked_sim`] `s`.
    fn adjust(&self, a: usize, b: usize, s: f32) -> f32 {
        if s == 0.0 {
            return 0.0;
        }
        let mut f = 1.0;
        if self.close(a, b) {
            f *= CLOSE_BONUS;
        }
        if self.same_outlet(a, b) {
            f *= SAME_SOURCE_FACTOR;
        }
        if !self.headlines_agree(a, b) {
            f *= HEADLINE_MISS_FACTOR;
        }
        if self.days_apart(a, b) >= 2 {
            f *= DAYS_APART_FACTOR;
        }
        s * f
    }
}

/// Undated documents still alone after the sweep join the dated story their links sum to
/// the most, when that sum is at least [`UNDATED_SUM_MIN`] over two of its reports or more
/// and [`UNDATED_MARGIN`] times the sum for any other cluster. Every choice is made on the
/// clusters as the sweep left them, so the order of the undated documents does not matter.
fn join_by_summed_evidence(cl: &mut Clusters, undated_links: &[(u32, Vec<(u32, f32)>)]) {
    let mut joins = Vec::new();
    for (u, links) in undated_links {
        let root = cl.find(*u) as usize;
        if cl.members[root].len() > 1 {
            continue;
        }
        // Per cluster: summed score and how many of its reports contribute.
        let mut sums: BTreeMap<u32, (f32, u32)> = BTreeMap::new();
        for &(v, s) in links {
            let e = sums.entry(cl.find(v)).or_insert((0.0, 0));
            e.0 += s;
            e.1 += 1;
        }
        let mut ranked: Vec<(u32, f32, u32)> =
            sums.into_iter().map(|(r, (s, k))| (r, s, k)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(best, sum, reports)) = ranked.first() else {
            continue;
        };
        let rival = ranked.get(1).map_or(0.0, |x| x.1);
        if reports >= 2 && sum >= UNDATED_SUM_MIN && sum >= UNDATED_MARGIN * rival {
            joins.push((*u, best));
        }
    }
    for (u, best) in joins {
        let moved = std::mem::take(&mut cl.members[u as usize]);
        cl.members[best as usize].extend(moved);
        cl.parent[u as usize] = best;
    }
}

fn avg_sim(pairs: &PairScore, a: &[u32], b: &[u32]) -> f32 {
    let (mut sum, mut n) = (0.0f32, 0u32);
    for &x in a.iter().take(LINK_SAMPLE) {
        for &y in b.iter().take(LINK_SAMPLE) {
            sum += pairs.score(x as usize, y as usize);
            n += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f32
    }
}

/// How far an undated document's weekday names agree with a cluster's days (each day
/// widened by one on both sides: "yesterday's" and "tomorrow's" events): the share of its
/// weekday mentions that fall on those weekdays, 1 if it names none. Under one half, the
/// document was written at another time: 0.
fn weekday_agreement(mentions: &[u16; 7], min_day: i32, max_day: i32) -> f32 {
    let total: u32 = mentions.iter().map(|&m| u32::from(m)).sum();
    if total == 0 {
        return 1.0;
    }
    let mut fits = [false; 7];
    for d in (min_day - 1)..=(max_day + 1).min(min_day + 6) {
        // Day numbers count from 0001-01-01, a Monday.
        fits[(d - 1).rem_euclid(7) as usize] = true;
    }
    let ok: u32 = (0..7)
        .filter(|&k| fits[k])
        .map(|k| u32::from(mentions[k]))
        .sum();
    let share = ok as f32 / total as f32;
    if share < 0.5 {
        0.0
    } else {
        share
    }
}

/// What stories are made from: the documents with their days, times and features, the
/// similarity vectors and indexes, and the topics.
#[derive(Clone, Copy)]
pub(crate) struct StoryInputs<'a> {
    pub docs: &'a [Document],
    pub days: &'a [Option<NaiveDate>],
    pub moments: &'a [Option<i64>],
    pub feats: &'a [&'a Features],
    pub vectors: &'a Vectors,
    pub index: &'a Index,
    pub dates: &'a DateIndex,
    pub graph: &'a TopicGraph,
}

/// The candidate links between dated documents, scored as [`build`] weighs them: the
/// parallel part of story clustering, run on its own so that what follows it (serial) can
/// overlap other work.
pub(crate) fn dated_edges(inputs: &StoryInputs<'_>, config: &Config) -> Vec<(u32, u32, f32)> {
    let window = config.grouping.story_window_days.max(0);
    let furniture = inputs
        .feats
        .iter()
        .map(|f| f.furniture.as_slice())
        .collect();
    let pairs = PairScore::new(
        inputs.vectors,
        inputs.docs,
        inputs.days,
        inputs.moments,
        furniture,
    );
    similarity::story_edges(
        inputs.vectors,
        inputs.index,
        inputs.dates,
        window,
        EDGE_MIN,
        |a, b, s| pairs.adjust(a, b, s),
    )
}

/// Stories and storylines; `edges` are [`dated_edges`] of the same inputs.
pub(crate) fn build(
    inputs: StoryInputs<'_>,
    mut edges: Vec<(u32, u32, f32)>,
    config: &Config,
) -> StorySet {
    let StoryInputs {
        docs,
        days,
        moments,
        feats,
        vectors,
        index,
        dates,
        graph,
    } = inputs;
    let n = docs.len();
    let window = config.grouping.story_window_days.max(0);
    let furniture = feats.iter().map(|f| f.furniture.as_slice()).collect();
    let pairs = PairScore::new(vectors, docs, days, moments, furniture);
    // Undated documents link on stronger similarity only, to dated documents whose day the
    // weekdays they name agree with, and to each other.
    let undated = similarity::undated_candidates(vectors, index, dates, 16);
    let mut loose: Vec<(u32, u32, f32)> = Vec::new();
    // Each undated document's scored links to dated ones (for joining a story by summed
    // evidence, after the sweep), unless its time is ambiguous.
    let mut undated_links: Vec<(u32, Vec<(u32, f32)>)> = Vec::new();
    for near in &undated {
        let u = near.doc;
        let week = &feats[u as usize].weekdays;
        let mut links: Vec<(u32, f32, Option<i32>)> = near
            .dated
            .iter()
            .chain(&near.undated)
            .map(|&(v, _)| {
                let day = days[v as usize].map(day_number);
                let agree = day.map_or(1.0, |d| weekday_agreement(week, d, d));
                (v, pairs.score(u as usize, v as usize) * agree, day)
            })
            .collect();
        links.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Its time is ambiguous when documents from another time are nearly as similar as
        // those around the best dated one (summed: an event has several reports): then it
        // links to no dated document.
        let near_sum = |d: i32| -> f32 {
            links
                .iter()
                .filter(|l| l.2.is_some_and(|d2| i64::from((d2 - d).abs()) <= window))
                .map(|l| l.1)
                .sum()
        };
        let best = links.iter().find_map(|l| l.2);
        let ambiguous = best.is_some_and(|d| {
            let rival = links
                .iter()
                .find_map(|l| l.2.filter(|&d2| i64::from((d2 - d).abs()) > window))
                .map_or(0.0, near_sum);
            near_sum(d) < UNDATED_MARGIN * rival
        });
        if !ambiguous {
            let dated = links
                .iter()
                .filter(|l| l.2.is_some() && l.1 > 0.0)
                .map(|l| (l.0, l.1))
                .collect();
            undated_links.push((u, dated));
        }
        for (v, s, day) in links {
            if s < UNDATED_MIN {
                continue;
            }
            match day {
                Some(_) if !ambiguous => edges.push((u, v, s)),
                Some(_) => {}
                None => loose.push((u.min(v), u.max(v), s)),
            }
        }
    }
    // Strongest first; an undated pair found from both ends once. Links between undated
    // documents come after all others, and only join documents no dated one took: two
    // undated pages alike enough form a story of their own, but never bring a third one
    // from another time into a dated story.
    // Every key is distinct or the whole edge is equal, so an unstable parallel sort gives
    // the order a stable one would (a million edges at 100,000 documents).
    edges.par_sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    loose.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    loose.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let dated_edges = edges.len();
    edges.extend(loose);

    // Clusters grow from their strongest links, and two clusters merge only when their
    // members stay similar on average (no chain of pairwise links through a trip or a
    // topic) and their dated documents stay within the window.
    let day = |d: u32| days[d as usize].map(day_number);
    let mut cl = Clusters {
        parent: (0..n as u32).collect(),
        members: (0..n as u32).map(|d| vec![d]).collect(),
        min_day: (0..n as u32).map(|d| day(d).unwrap_or(i32::MAX)).collect(),
        max_day: (0..n as u32).map(|d| day(d).unwrap_or(i32::MIN)).collect(),
    };
    for (k, &(a, b, _)) in edges.iter().enumerate() {
        let (ra, rb) = (cl.find(a) as usize, cl.find(b) as usize);
        if ra == rb {
            continue;
        }
        let dated = |r: usize| cl.min_day[r] != i32::MAX;
        if k >= dated_edges && (dated(ra) || dated(rb)) {
            continue;
        }
        let lo = cl.min_day[ra].min(cl.min_day[rb]);
        let hi = cl.max_day[ra].max(cl.max_day[rb]);
        if lo <= hi && i64::from(hi) - i64::from(lo) > window {
            continue;
        }
        // Two single documents: the edge itself is their link.
        let single = cl.members[ra].len() == 1 && cl.members[rb].len() == 1;
        if !single && avg_sim(&pairs, &cl.members[ra], &cl.members[rb]) < LINK_MIN {
            continue;
        }
        // The larger cluster absorbs the smaller; ties to the lower root.
        let (big, small) = if (cl.members[ra].len(), rb) >= (cl.members[rb].len(), ra) {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let moved = std::mem::take(&mut cl.members[small]);
        cl.members[big].extend(moved);
        cl.parent[small] = big as u32;
        cl.min_day[big] = lo;
        cl.max_day[big] = hi;
    }

    join_by_summed_evidence(&mut cl, &undated_links);

    // Clusters of two or more documents are stories.
    let mut groups: Vec<Vec<u32>> = (0..n)
        .filter(|&r| cl.parent[r] == r as u32 && cl.members[r].len() >= 2)
        .map(|r| cl.members[r].clone())
        .collect();
    let mut in_group = vec![false; n];
    for g in &groups {
        for &d in g {
            in_group[d as usize] = true;
        }
    }

    // Storylines over units: stories and loose dated documents.
    let mut units: Vec<Vec<u32>> = groups.clone();
    units.extend(
        (0..n as u32)
            .filter(|&d| !in_group[d as usize] && days[d as usize].is_some())
            .map(|d| vec![d]),
    );
    let unit_days: Vec<(i32, i32)> = units
        .iter()
        .map(|u| {
            let ds = u.iter().filter_map(|&d| days[d as usize].map(day_number));
            let lo = ds.clone().min().unwrap_or(0);
            let hi = ds.max().unwrap_or(0);
            (lo, hi)
        })
        .collect();
    let unit_keys: Vec<Vec<(usize, f32)>> =
        units.par_iter().map(|u| key_topics(u, graph)).collect();
    let lines = link_units(&units, &unit_days, &unit_keys, config, window);

    // Loose documents in a storyline become single-document stories.
    let mut line_groups: Vec<Vec<usize>> = Vec::new();
    let mut unit_group: Vec<Option<usize>> = vec![None; units.len()];
    for (k, _) in units.iter().enumerate().take(groups.len()) {
        unit_group[k] = Some(k);
    }
    for line in &lines {
        let mut gs = Vec::new();
        for &u in line {
            let g = match unit_group[u] {
                Some(g) => g,
                None => {
                    groups.push(units[u].clone());
                    unit_group[u] = Some(groups.len() - 1);
                    groups.len() - 1
                }
            };
            gs.push(g);
        }
        line_groups.push(gs);
    }

    // Order stories by first day, then first document; build them.
    let story_of_group = |g: &Vec<u32>| -> (NaiveDate, NaiveDate, usize) {
        let dated: Vec<NaiveDate> = g.iter().filter_map(|&d| days[d as usize]).collect();
        let first = dated.iter().min().copied().unwrap_or_default();
        let last = dated.iter().max().copied().unwrap_or_default();
        let min_doc = g.iter().copied().min().unwrap_or(0) as usize;
        (first, last, min_doc)
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    let keys: Vec<(NaiveDate, NaiveDate, usize)> = groups.iter().map(story_of_group).collect();
    order.sort_by_key(|&g| (keys[g].0, keys[g].2));
    let mut new_index = vec![0usize; groups.len()];
    for (k, &g) in order.iter().enumerate() {
        new_index[g] = k;
    }
    // Each story's members, central report and topics on its own (in parallel: at 100,000
    // documents the second longest serial part of grouping, 1.2 s at load 5); slugs after,
    // in story order.
    let built: Vec<Built> = order
        .par_iter()
        .map(|&g| build_story(&groups[g], docs, moments, vectors, days, graph))
        .collect();
    let mut doc_story = vec![None; n];
    let mut taken = std::collections::HashSet::new();
    let mut stories = Vec::with_capacity(groups.len());
    for (b, &g) in built.into_iter().zip(&order) {
        let title = docs[b.central].title.clone();
        let base = slugify(&title);
        let mut slug = base.clone();
        let mut k = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{k}");
            k += 1;
        }
        for &d in &b.sorted {
            doc_story[d] = Some(stories.len());
        }
        stories.push(Story {
            slug,
            title,
            summary: String::new(),
            sources: b.sources,
            topics: b.topics,
            main_topic: b.main_topic,
            docs: b.sorted,
            first_day: keys[g].0,
            last_day: keys[g].1,
        });
    }

    stories
        .par_iter_mut()
        .for_each(|s| s.summary = super::summary::summarise(&s.docs, docs, feats));

    let mut storylines: Vec<Storyline> = line_groups
        .iter()
        .zip(&lines)
        .map(|(gs, line)| {
            let mut ss: Vec<usize> = gs.iter().map(|&g| new_index[g]).collect();
            ss.sort_unstable();
            let topics = line_topics(line, &unit_keys);
            let title = match topics.as_slice() {
                [] => stories[ss[0]].title.clone(),
                [a] => graph.topics[*a].name.clone(),
                [a, b, ..] => format!("{} and {}", graph.topics[*a].name, graph.topics[*b].name),
            };
            Storyline {
                slug: String::new(),
                title,
                stories: ss,
                topics,
            }
        })
        .collect();
    storylines.sort_by_key(|l| l.stories[0]);
    let mut taken = std::collections::HashSet::new();
    let mut story_storyline = vec![None; stories.len()];
    for (k, l) in storylines.iter_mut().enumerate() {
        let base = slugify(&l.title);
        let mut slug = base.clone();
        let mut m = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{m}");
            m += 1;
        }
        l.slug = slug;
        for &s in &l.stories {
            story_storyline[s] = Some(k);
        }
    }
    StorySet {
        stories,
        doc_story,
        storylines,
        story_storyline,
    }
}

/// What a story is made of that depends on its members alone.
struct Built {
    sorted: Vec<usize>,
    central: usize,
    sources: Vec<String>,
    topics: Vec<usize>,
    main_topic: Option<usize>,
}

/// A story's members in order (time, then source, then index), its most central report,
/// its sources and its topics.
fn build_story(
    members: &[u32],
    docs: &[Document],
    moments: &[Option<i64>],
    vectors: &Vectors,
    days: &[Option<NaiveDate>],
    graph: &TopicGraph,
) -> Built {
    let mut sorted: Vec<usize> = members.iter().map(|&d| d as usize).collect();
    sorted.sort_by(|&a, &b| {
        let ka = (moments[a].is_none(), moments[a]);
        let kb = (moments[b].is_none(), moments[b]);
        ka.cmp(&kb)
            .then_with(|| source(&docs[a]).cmp(source(&docs[b])))
            .then(a.cmp(&b))
    });
    let central = most_central(vectors, &sorted, days);
    let mut sources: Vec<String> = sorted
        .iter()
        .filter_map(|&d| docs[d].front.source.as_deref())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    sources.sort();
    sources.dedup();
    Built {
        topics: story_topics(&sorted, graph),
        main_topic: main_topic(&sorted, graph),
        sorted,
        central,
        sources,
    }
}

fn source(doc: &Document) -> &str {
    doc.front.source.as_deref().unwrap_or("")
}

/// The document most similar to the others; ties to the earliest, then the lowest index.
fn most_central(vectors: &Vectors, docs: &[usize], days: &[Option<NaiveDate>]) -> usize {
    let mut best = (f32::MIN, docs[0]);
    for &d in docs {
        let s: f32 = docs
            .iter()
            .filter(|&&o| o != d)
            .map(|&o| vectors.sim(d, o))
            .sum();
        let better = s > best.0
            || (s == best.0
                && (
                    days[d].is_some(),
                    std::cmp::Reverse(days[d]),
                    std::cmp::Reverse(d),
                ) > (
                    days[best.1].is_some(),
                    std::cmp::Reverse(days[best.1]),
                    std::cmp::Reverse(best.1),
                ));
        if better {
            best = (s, d);
        }
    }
    best.1
}

/// Topics of at least half of the documents, most common first, then by summed relevance.
fn story_topics(docs: &[usize], graph: &TopicGraph) -> Vec<usize> {
    let mut acc: BTreeMap<usize, (usize, f32)> = BTreeMap::new();
    for &d in docs {
        for &(t, s) in &graph.doc_scores[d] {
            let e = acc.entry(t).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += s;
        }
    }
    let need = docs.len().div_ceil(2);
    let mut v: Vec<(usize, (usize, f32))> = acc.into_iter().filter(|x| x.1 .0 >= need).collect();
    v.sort_by(|a, b| {
        b.1 .0
            .cmp(&a.1 .0)
            .then(b.1 .1.total_cmp(&a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    v.into_iter().take(10).map(|x| x.0).collect()
}

/// The topic with the highest relevance summed over `docs` (ties: named by more documents,
/// then the lower topic index).
fn main_topic(docs: &[usize], graph: &TopicGraph) -> Option<usize> {
    let mut acc: BTreeMap<usize, (f32, usize)> = BTreeMap::new();
    for &d in docs {
        for &(t, s) in &graph.doc_scores[d] {
            let e = acc.entry(t).or_insert((0.0, 0));
            e.0 += s;
            e.1 += 1;
        }
    }
    acc.into_iter()
        .max_by(|a, b| {
            a.1 .0
                .total_cmp(&b.1 .0)
                .then(a.1 .1.cmp(&b.1 .1))
                .then(b.0.cmp(&a.0))
        })
        .map(|x| x.0)
}

/// A unit's leading topics: named by at least half its documents, by mean relevance.
fn key_topics(unit: &[u32], graph: &TopicGraph) -> Vec<(usize, f32)> {
    let mut acc: BTreeMap<usize, (usize, f32)> = BTreeMap::new();
    for &d in unit {
        for &(t, s) in &graph.doc_scores[d as usize] {
            let e = acc.entry(t).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += s;
        }
    }
    let need = unit.len().div_ceil(2);
    let n = unit.len() as f32;
    let mut v: Vec<(usize, f32)> = acc
        .into_iter()
        .filter(|x| x.1 .0 >= need)
        .map(|(t, (_, s))| (t, s / n))
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(KEY_TOPICS);
    v
}

fn link_units(
    units: &[Vec<u32>],
    unit_days: &[(i32, i32)],
    unit_keys: &[Vec<(usize, f32)>],
    config: &Config,
    window: i64,
) -> Vec<Vec<usize>> {
    let gap_max = config.grouping.storyline_gap_days.max(0);
    let mut buckets: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (u, keys) in unit_keys.iter().enumerate() {
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                buckets
                    .entry((a.0.min(b.0), a.0.max(b.0)))
                    .or_default()
                    .push(u);
            }
        }
    }
    let cap = (units.len() / 50).max(20);
    let mut list: Vec<((usize, usize), Vec<usize>)> = buckets
        .into_iter()
        .filter(|(_, v)| v.len() >= 2 && v.len() <= cap)
        .collect();
    list.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.0.cmp(&b.0)));
    let mut parent: Vec<usize> = (0..units.len()).collect();
    let mut size: Vec<usize> = vec![1; units.len()];
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (_, mut us) in list {
        us.sort_by_key(|&u| (unit_days[u].0, u));
        for w in us.windows(2) {
            let (a, b) = (w[0], w[1]);
            let gap = i64::from(unit_days[b].0 - unit_days[a].1);
            if gap > gap_max {
                continue;
            }
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra == rb || size[ra] + size[rb] > MAX_STORYLINE_UNITS {
                continue;
            }
            let (big, small) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent[small] = big;
            size[big] += size[small];
        }
    }
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for u in 0..units.len() {
        let r = find(&mut parent, u);
        comps.entry(r).or_default().push(u);
    }
    comps
        .into_values()
        .filter(|c| {
            let lo = c.iter().map(|&u| unit_days[u].0).min().unwrap_or(0);
            let hi = c.iter().map(|&u| unit_days[u].1).max().unwrap_or(0);
            c.len() >= 2 && i64::from(hi - lo) > window
        })
        .map(|mut c| {
            c.sort_by_key(|&u| (unit_days[u].0, u));
            c
        })
        .collect()
}

/// Topics leading at least two of a storyline's units, most common first.
fn line_topics(line: &[usize], unit_keys: &[Vec<(usize, f32)>]) -> Vec<usize> {
    let mut acc: BTreeMap<usize, (usize, f32)> = BTreeMap::new();
    for &u in line {
        for &(t, s) in &unit_keys[u] {
            let e = acc.entry(t).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += s;
        }
    }
    let mut v: Vec<(usize, (usize, f32))> = acc.into_iter().filter(|x| x.1 .0 >= 2).collect();
    v.sort_by(|a, b| {
        b.1 .0
            .cmp(&a.1 .0)
            .then(b.1 .1.total_cmp(&a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    v.into_iter().take(5).map(|x| x.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of `source`, dated `date`, with nothing else the tests read.
    fn doc_from(date: Option<crate::content::DocDate>, source: &str) -> Document {
        Document {
            path: "x.md".into(),
            rel_path: "x.md".into(),
            front: crate::content::FrontMatter {
                source: Some(source.to_string()),
                ..Default::default()
            },
            title: String::new(),
            slug: "x".into(),
            date,
            hash: String::new(),
            body: String::new(),
            body_released: false,
            body_line: 1,
            lang: None,
        }
    }

    #[test]
    fn close_means_within_hours_and_a_bare_date_spans_its_day() {
        use crate::content::DocDate;
        let doc = |date: DocDate, source: &str| doc_from(Some(date), source);
        let day = |d: u32| DocDate::Day(NaiveDate::from_ymd_opt(2024, 3, d).unwrap());
        let at = |s: &str| DocDate::parse(s).unwrap();
        let docs = vec![
            doc(day(2), "A"),
            doc(at("2024-03-02T22:30:00-05:00"), "B"),
            doc(day(3), "C"),
            doc(at("2024-03-04T18:00:00Z"), "A"),
            doc(day(4), "A"),
        ];
        let moments: Vec<Option<i64>> = docs
            .iter()
            .map(|d| d.date.map(|x| x.moment(chrono_tz::UTC).timestamp()))
            .collect();
        let empty = Features::default();
        let feats = vec![&empty; docs.len()];
        let vectors = Vectors::build(&feats, &vec![Vec::new(); docs.len()]);
        let days: Vec<Option<NaiveDate>> = docs
            .iter()
            .map(|d| d.date.map(|x| x.day(chrono_tz::UTC)))
            .collect();
        let p = PairScore::new(&vectors, &docs, &days, &moments, vec![&[][..]; docs.len()]);
        // 03:30 UTC on the 3rd lies inside the 3rd, and 3.5 hours after the 2nd ends.
        assert!(p.close(1, 2) && p.close(0, 1));
        // Two bare dates, even of one day: how many hours apart is not known.
        assert!(!p.close(0, 2) && !p.close(2, 4) && !p.close(0, 0));
        assert!(p.close(3, 4) && !p.close(2, 3));
        assert_eq!(p.sources[0], p.sources[3]);
        assert_ne!(p.sources[0], p.sources[1]);
    }

    #[test]
    fn a_story_orders_its_reports_by_time_then_source_and_reads_its_topics() {
        use crate::content::DocDate;
        let doc = doc_from;
        let day = |d: u32| Some(DocDate::Day(NaiveDate::from_ymd_opt(2025, 6, d).unwrap()));
        let docs = vec![
            doc(day(3), "Harbour Times"),
            doc(day(2), "Abendblatt "),
            doc(None, "Abendblatt"),
            doc(day(2), "Courrier du Soir"),
            doc(DocDate::parse("2025-06-02T08:00:00Z").ok(), "Harbour Times"),
        ];
        let moments: Vec<Option<i64>> = docs
            .iter()
            .map(|d| d.date.map(|x| x.moment(chrono_tz::UTC).timestamp()))
            .collect();
        let days: Vec<Option<NaiveDate>> = docs
            .iter()
            .map(|d| d.date.map(|x| x.day(chrono_tz::UTC)))
            .collect();
        let empty = Features::default();
        let vectors = Vectors::build(&vec![&empty; docs.len()], &vec![Vec::new(); docs.len()]);
        // Topic 7 is named by three of the five (a story topic), topic 2 by two, but with
        // more relevance in sum (the main topic).
        let graph = TopicGraph {
            topics: Vec::new(),
            doc_topics: Vec::new(),
            doc_scores: vec![
                vec![(2, 0.9)],
                vec![(7, 0.5)],
                Vec::new(),
                vec![(7, 0.5)],
                vec![(7, 0.5), (2, 0.9)],
            ],
            topic_docs: Vec::new(),
            topic_related: Vec::new(),
            quotes: Vec::new(),
            topic_quotes: Vec::new(),
            speakers: Vec::new(),
            doc_names: Vec::new(),
        };
        let b = build_story(&[4, 2, 0, 3, 1], &docs, &moments, &vectors, &days, &graph);
        // Midnight of the 2nd (a bare date) twice, by source; 08:00 on the 2nd; the 3rd;
        // the undated one last.
        assert_eq!(b.sorted, vec![1, 3, 4, 0, 2]);
        assert_eq!(
            b.sources,
            vec!["Abendblatt", "Courrier du Soir", "Harbour Times"]
        );
        // No similarity at all: the earliest dated report, then the lowest index.
        assert_eq!(b.central, 1);
        assert_eq!(b.topics, vec![7]);
        assert_eq!(b.main_topic, Some(2));
    }

    #[test]
    fn headlines_agree_on_a_shared_word_or_on_event_terms_both_ways() {
        use crate::analyze::TermCount;
        use crate::content::FrontMatter;
        // Word 1 is in the title and lead; words 2.. as given.
        let doc_feats = |title: &[u32], lead: &[u32]| Features {
            terms: {
                let mut t: Vec<TermCount> = title
                    .iter()
                    .map(|&hash| TermCount {
                        hash,
                        count: 2,
                        in_title: true,
                        in_lead: lead.contains(&hash),
                    })
                    .chain(
                        lead.iter()
                            .filter(|h| !title.contains(h))
                            .map(|&hash| TermCount {
                                hash,
                                count: 1,
                                in_title: false,
                                in_lead: true,
                            }),
                    )
                    .collect();
                t.sort_by_key(|x| x.hash);
                t
            },
            ..Features::default()
        };
        let feats = vec![
            // 0 and 1: "pier" (10) in both titles.
            doc_feats(&[10, 11], &[12]),
            doc_feats(&[10, 13], &[12]),
            // 2: a headline in other words (20), whose lead names 11 and 13; 3 names 20 in
            // its lead and 11 in its title: each title meets the other's opening.
            doc_feats(&[20], &[11, 13, 12]),
            doc_feats(&[11, 21], &[20, 12]),
            // 4: nothing in common with 0 but word 12 of the leads.
            doc_feats(&[30, 31], &[12]),
            // 5: a title that its text never repeats: unknown.
            Features {
                terms: vec![TermCount {
                    hash: 10,
                    count: 1,
                    in_title: true,
                    in_lead: false,
                }],
                ..Features::default()
            },
            // Others so that every feature above is shared and none is everywhere.
            doc_feats(&[20, 21, 30, 31, 13], &[]),
            doc_feats(&[40], &[41]),
            doc_feats(&[40], &[41]),
        ];
        let refs: Vec<&Features> = feats.iter().collect();
        let vectors = Vectors::build(&refs, &vec![Vec::new(); feats.len()]);
        let docs: Vec<Document> = (0..feats.len())
            .map(|_| Document {
                path: "x.md".into(),
                rel_path: "x.md".into(),
                front: FrontMatter::default(),
                title: String::new(),
                slug: "x".into(),
                date: None,
                hash: String::new(),
                body: String::new(),
                body_released: false,
                body_line: 1,
                lang: None,
            })
            .collect();
        let n = docs.len();
        let p = PairScore::new(
            &vectors,
            &docs,
            &vec![None; n],
            &vec![None; n],
            vec![&[][..]; n],
        );
        assert!(p.headlines_agree(0, 1), "a shared headline word");
        assert!(p.headlines_agree(2, 3), "each title in the other's opening");
        assert!(!p.headlines_agree(0, 4), "only a lead word in common");
        assert!(!p.headlines_agree(2, 4));
        assert!(
            p.headlines_agree(5, 4),
            "an unknown headline is never held against a pair"
        );
    }

    #[test]
    fn weekday_agreement_reads_the_days_around_a_story() {
        // 2024-02-06 was a Tuesday: Monday to Wednesday fit.
        let tue = day_number(NaiveDate::from_ymd_opt(2024, 2, 6).unwrap());
        let mut m = [0u16; 7];
        m[1] = 6; // Tuesday
        m[0] = 2; // Monday
        assert_eq!(weekday_agreement(&m, tue, tue), 1.0);
        let mut f = [0u16; 7];
        f[4] = 1; // Friday
        f[3] = 1; // Thursday
        f[2] = 1; // Wednesday
        assert_eq!(weekday_agreement(&f, tue, tue), 0.0);
        assert_eq!(weekday_agreement(&[0; 7], tue, tue), 1.0);
        // A week-long span fits every day.
        assert_eq!(weekday_agreement(&f, tue, tue + 6), 1.0);
    }
}
