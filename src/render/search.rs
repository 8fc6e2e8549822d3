//! The search index: small JavaScript files under `search/` that the search page loads with
//! `<script>` elements, so search works from `file://` (where `fetch` of JSON does not) and
//! under any sub-path. Every file calls `DossierSearch.add(NAME, DATA)`.
//!
//! What is searched: articles (title, summary, body, authors, source), topics, stories and
//! quotations. Words come from the analysis tokenizer, split at hyphens and apostrophes, folded
//! to lower case without diacritics (the page folds queries the same way).
//!
//! The first result needs little: no table with a row per item is loaded. Each posting carries
//! its item's BM25 score for the word, computed here and quantised to 1..=255 (an "impact"), so
//! a query's score is a sum of impacts. A word's postings are in falling impact order, in
//! blocks that grow fourfold: the page reads the first blocks and stops as soon as no item it
//! has not fully seen could enter the top results (the threshold algorithm).
//!
//! - `search/meta.js`: the item count, which shard files exist and how often their words
//!   occur (the page fetches the likely next ones while a word is typed);
//! - `search/t/<key>.js`: the words that begin with `key` (a prefix trie, split until each
//!   file is small), each with its document frequency and first block of postings, and the
//!   display rows of each word's ten best items (a query of one word, or the prefix being
//!   typed, then needs no `d/` file); `search/t/<key>.top.js` holds the most frequent words of
//!   a split prefix, for typing, with the rows of the prefix's best items;
//!   A shard also lists, as `<prefix>*`, the own list of each typed prefix of which several
//!   forms have later postings (each item's best impact over the forms; see [`prefix_lists`]);
//! - `search/p/<stem>.<b>.js`: block `b` of a frequent word's (or prefix list's) postings;
//!   `p/<stem>.d.js`: a very frequent word's whole list, a character per item ([`dense`]) or,
//!   for a word in fewer than about half the items, two per item it is in ([`by_item`]). The
//!   first of a word's `p/` files also carries the rows of its next best items ([`DEEP_ROWS`]);
//! - `search/x/<n>.js`: the pairs of adjacent words of items `n*PAIR_CHUNK..`, each item's
//!   a small set ([`pair_set`]), loaded only for a quoted phrase's candidates: a phrase is in
//!   an item when each of its pairs is (an article ships a snippet, not its body);
//! - `search/d/<n>.js`: kind, title, link, source, date and snippet text of items
//!   `n*CHUNK..`, loaded only for results shown whose rows no file loaded carried;
//! - `search/f/names.js`: the topics and sources to filter by (loaded after the first result);
//! - `search/f/t<n>.js`, `f/s<n>.js`, `f/dates.js`: the items of topics, of sources, and where
//!   each day's items begin, loaded only when a filter is set. Items are numbered newest first
//!   (a quotation after its article), so a date range is a range of item numbers.

use std::cmp::Reverse;
use std::fmt::Write as _;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Page;
use crate::analyze::fasthash::FastMap;
use crate::site::Site;

/// Items per file of `search/d/`: small, since the results shown are scattered over them.
pub const CHUNK: usize = 16;
/// Title words count this many times (a match in the title ranks higher).
const TITLE_WEIGHT: u32 = 3;
/// Characters of text kept per item for its snippet.
const SNIPPET_CHARS: usize = 400;
/// Postings of a word kept in its shard file; later blocks are this times 8, 64, 512...
pub const FIRST_BLOCK: usize = 128;
/// A word's best items whose display rows its shard file carries too: a query of one word, or
/// the prefix being typed, shows its results without waiting for `d/` files (ten results
/// were ten files, the slowest round of a keystroke: BENCHMARKS.md "Search index").
pub const INLINE_ROWS: usize = 10;
/// Words a typed prefix expands to (the page's `MAX_EXPANSIONS`).
const PREFIX_FORMS: usize = 12;
/// The rows of a word's first this many items are all carried: its shard file carries the
/// first [`INLINE_ROWS`], the first file of its later postings (a block or its dense file) the
/// rest. A query of several words mostly draws its results from the best postings of one of
/// its words, so the round that reads the postings brings the rows too (BENCHMARKS.md
/// "Search index": 128 cost 37 MB more at 10,000 documents than 64, for no round fewer).
/// A word with a dense file carries none: it is in one item in 16 or more, so its impacts are
/// low and the results of a query with it come from its other words' postings (at 1,000
/// documents those rows were a third of the index's bytes, and CI's keystroke check waits
/// for no more rounds without them).
const DEEP_ROWS: usize = 64;
const BLOCK_GROWTH: usize = 8;
/// A word in at least one item in this many has, instead of blocks, one file with its impact
/// on every item (one character each): a query that pairs it with other words needs it all,
/// and this is smaller than its postings and read at once.
const DENSE_SHARE: usize = 16;
/// Impacts a dense file can hold (one printable character each, see [`dense`]).
const DENSE_MAX: u8 = 90;
/// A prefix's shard is split by the next letter once its file would pass this many bytes.
const SHARD_BYTES: usize = 48_000;
/// Words of a split prefix listed in its `.top` file (the page expands a typed prefix to at
/// most this many words).
const TOP_FORMS: usize = 40;
/// Lists of a filter's items share a file up to this size.
const FACET_BYTES: usize = 8_000;
/// Longer words are not indexed (they are not words people type).
const MAX_WORD_CHARS: usize = 40;
/// Items whose word pairs share a file of `search/x/` (see [`pair_set`]): a phrase query loads
/// the files of its candidates only, scattered over the site, so files are small.
pub const PAIR_CHUNK: usize = 8;
/// A pair set answers "yes" for a pair an item does not have once in 2^PAIR_BITS.
const PAIR_BITS: u32 = 10;
/// BM25 parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// One searchable thing.
struct Item {
    /// `a`rticle, `t`opic, `s`tory or `q`uote.
    kind: &'static str,
    title: String,
    /// From the site root.
    url: String,
    source: Option<usize>,
    date: Option<NaiveDate>,
    topics: Vec<usize>,
    /// Shown under the title, with the matched words marked.
    snippet: String,
    /// Indexed, not shipped.
    text: String,
    /// The document an article item is, whose text is read only when it is indexed (the
    /// text of every document at once would be the biggest thing a build holds).
    doc: Option<usize>,
    /// Where the item goes in the numbering: newest first, then by kind and place.
    order: (bool, Reverse<Option<NaiveDate>>, u8, usize, usize),
}

/// Fold a word for the index: lower case, diacritics removed, only letters and digits.
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}

/// [`fold`], appended to `out`.
fn fold_into(word: &str, out: &mut String) {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(
            word.nfd()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric()),
        );
    }
}

/// For each byte: an ASCII letter or digit lower-cased, 0 for other ASCII (a word's end), and
/// [`WIDE`] for a byte of a wider character (classed by the character).
const ASCII_WORD: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};
const WIDE: u8 = 0x80;

/// The words of `text` as the index keeps them, appended to `arena` (UTF-8), their places in
/// it pushed to `spans` (no allocation per word). A word is a run of letters and digits
/// ([`crate::analyze::text::word_runs`]), folded; one letter alone is not a word (a lone digit is).
///
/// One pass over the bytes copies and lower-cases an ASCII run as it finds its end (finding
/// the runs first, then copying and lower-casing each, cost about 45 instructions a byte of
/// body); a run with a wider letter in it is folded whole by [`fold_into`].
fn words_into(text: &str, arena: &mut Vec<u8>, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let alnum_at = |i: usize| -> (bool, usize) {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    };
    let mut scratch = String::new();
    let mut i = 0;
    while i < n {
        let class = ASCII_WORD[usize::from(bytes[i])];
        if class == 0 {
            i += 1;
            continue;
        }
        if class == WIDE {
            let (alnum, len) = alnum_at(i);
            if !alnum {
                i += len;
                continue;
            }
        }
        let (start, at) = (i, arena.len());
        let mut wide = false;
        while i < n {
            let class = ASCII_WORD[usize::from(bytes[i])];
            if class == 0 {
                break;
            }
            if class == WIDE {
                let (alnum, len) = alnum_at(i);
                if !alnum {
                    break;
                }
                wide = true;
                i += len;
                continue;
            }
            arena.push(class);
            i += 1;
        }
        let chars = if wide {
            arena.truncate(at);
            scratch.clear();
            fold_into(&text[start..i], &mut scratch);
            arena.extend_from_slice(scratch.as_bytes());
            scratch.chars().count()
        } else {
            i - start
        };
        if chars > 0
            && chars <= MAX_WORD_CHARS
            && (chars > 1 || arena[at..].iter().all(u8::is_ascii_digit))
        {
            spans.push((at, arena.len()));
        } else {
            arena.truncate(at);
        }
    }
}

/// The words of `text` as the index keeps them.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let (mut arena, mut spans) = (Vec::new(), Vec::new());
    words_into(text, &mut arena, &mut spans);
    spans
        .iter()
        .map(|&(a, b)| String::from_utf8_lossy(&arena[a..b]).into_owned())
        .collect()
}

/// Collapsed white space, at most [`SNIPPET_CHARS`] characters.
fn snippet(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for w in text.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        for c in w.chars() {
            if chars >= SNIPPET_CHARS {
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// An article's words counted, and its snippet when it has no summary (the body's start).
/// Made where the body is read and parsed for its page ([`article_words`]): the index then
/// reads, checks and parses no body again (at 1,000 documents that was a fifth of its cost).
pub struct ArticleWords {
    counts: Counts,
    snippet: Option<String>,
}

impl ArticleWords {
    /// The bytes these counts hold on the heap (what waiting for the index costs).
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.counts.words.capacity()
            + self.counts.tfs.capacity() * std::mem::size_of::<u32>()
            + self.counts.pairs.capacity()
            + self.snippet.as_ref().map_or(0, String::capacity)
    }
}

/// Where the index gets each article's words: document `i`'s [`ArticleWords`].
pub type Words<'a> = dyn Fn(usize) -> ArticleWords + Sync + 'a;

/// Document `i`'s [`ArticleWords`], from its body's events as parsed (before any rewriting;
/// `body_len`: the body's length).
pub fn article_words(
    site: &Site,
    i: usize,
    events: &[pulldown_cmark::Event<'_>],
    body_len: usize,
) -> ArticleWords {
    let body = super::markdown::text_of_events(events, body_len);
    let (text, snippet) = article_text(site, i, &body);
    let mut counts = count(&site.docs[i].title, &text);
    counts.words.shrink_to_fit();
    counts.tfs.shrink_to_fit();
    counts.pairs.shrink_to_fit();
    ArticleWords { counts, snippet }
}

fn items(site: &Site, index_html: bool) -> Vec<Item> {
    let href = |folder: String| {
        if index_html {
            format!("{folder}index.html")
        } else {
            folder
        }
    };
    let g = &site.grouping;
    let mut out: Vec<Item> = site
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let summary = d.front.summary.as_deref().filter(|s| !s.trim().is_empty());
            let source = site.doc_source[i];
            let date = site.days[i];
            // The snippet is the summary; without one, the body's start, taken when the body
            // is read for the index (`terms`).
            let snippet = summary.map(snippet).unwrap_or_default();
            Item {
                kind: "a",
                title: d.title.clone(),
                url: href(super::urls::article(&d.slug)),
                source,
                date,
                topics: g.doc_topics[i].clone(),
                snippet,
                text: String::new(),
                doc: Some(i),
                order: (date.is_none(), Reverse(date), 0, i, 0),
            }
        })
        .collect();
    for (i, t) in g.topics.iter().enumerate() {
        out.push(Item {
            kind: "t",
            title: t.name.clone(),
            url: href(super::urls::topic(&t.slug)),
            source: None,
            date: None,
            topics: vec![i],
            snippet: snippet(&t.description),
            text: t.description.clone(),
            doc: None,
            order: (true, Reverse(None), 2, i, 0),
        });
    }
    for (i, s) in g
        .stories
        .iter()
        .enumerate()
        .filter(|(_, s)| s.docs.len() >= 2)
    {
        let date = Some(s.last_day);
        out.push(Item {
            kind: "s",
            title: s.title.clone(),
            url: href(super::urls::story(&s.slug)),
            source: None,
            date,
            topics: s.topics.clone(),
            snippet: snippet(&s.summary),
            text: s.summary.clone(),
            doc: None,
            order: (false, Reverse(date), 1, i, 0),
        });
    }
    for (i, q) in g.quotes.iter().enumerate() {
        let folder = super::urls::article(&site.docs[q.doc].slug);
        let date = site.days[q.doc];
        out.push(Item {
            kind: "q",
            title: q.speaker_name.clone(),
            url: format!("{}#p{}", href(folder), q.paragraph),
            source: site.doc_source[q.doc],
            date,
            topics: q.speaker.into_iter().collect(),
            snippet: snippet(&q.text),
            text: q.text.clone(),
            doc: None,
            // Right after its article.
            order: (date.is_none(), Reverse(date), 0, q.doc, 1 + i),
        });
    }
    out.par_sort_by(|a, b| a.order.cmp(&b.order));
    out
}

/// What an article item indexes besides its title: summary, body text (`body`), authors,
/// source; and its snippet when the document has no summary: the body's start.
fn article_text(site: &Site, i: usize, body: &str) -> (String, Option<String>) {
    let d = &site.docs[i];
    let summary = d.front.summary.as_deref().filter(|s| !s.trim().is_empty());
    let snippet_of = summary.is_none().then(|| snippet(body));
    let source_name = site.doc_source[i]
        .map(|s| site.sources[s].name.as_str())
        .unwrap_or("");
    let text = format!(
        "{}\n{body}\n{}\n{source_name}",
        summary.unwrap_or(""),
        d.front.authors.join(" ")
    );
    (text, snippet_of)
}

/// Items whose words are counted at once: bounds the memory the per-item counts take.
const BATCH: usize = 1024;

/// An item's words counted: its length in words, its distinct words (space-separated) and
/// how often each occurs (title words weigh more).
struct Counts {
    len: u32,
    words: String,
    tfs: Vec<u32>,
    /// Its adjacent word pairs, a [`pair_set`].
    pairs: String,
}

fn count(title: &str, text: &str) -> Counts {
    let mut arena = Vec::with_capacity(title.len() + text.len());
    let mut spans = Vec::new();
    words_into(title, &mut arena, &mut spans);
    let title_words = spans.len();
    words_into(text, &mut arena, &mut spans);
    // Only whole UTF-8 sequences are pushed, so this does not fail (if it did: no words).
    let arena = String::from_utf8(arena).unwrap_or_else(|_| {
        spans.clear();
        String::new()
    });
    let mut index: FastMap<&str, usize> = FastMap::default();
    index.reserve(spans.len() / 2);
    let mut counts = Counts {
        len: spans.len() as u32,
        words: String::new(),
        tfs: Vec::new(),
        pairs: String::new(),
    };
    // For the pairs: each word's distinct-word number, and each distinct word's hash (hashed
    // once, not at every occurrence).
    let mut seq: Vec<u32> = Vec::with_capacity(spans.len());
    let mut hashes: Vec<u32> = Vec::new();
    for (k, &(a, b)) in spans.iter().enumerate() {
        let weight = if k < title_words { TITLE_WEIGHT } else { 1 };
        let w = &arena[a..b];
        let i = match index.get(w) {
            Some(&i) => {
                counts.tfs[i] += weight;
                i
            }
            None => {
                let i = counts.tfs.len();
                index.insert(w, i);
                counts.tfs.push(weight);
                if !counts.words.is_empty() {
                    counts.words.push(' ');
                }
                counts.words.push_str(w);
                hashes.push(word_hash(w));
                i
            }
        };
        seq.push(i as u32);
    }
    counts.pairs = pairs_of(&seq, &hashes, title_words);
    counts
}

/// The pairs of words side by side in the title and in the text (`seq`: each word's number
/// among the distinct words, whose hashes are `hashes`; the first `title_words` the title's),
/// as a [`pair_set`]. A quoted phrase is in an item only if each of its pairs is; the page
/// checks its candidates' sets (`search/x/`) and so finds a phrase anywhere in an article's
/// body, of which the index ships only a snippet.
fn pairs_of(seq: &[u32], hashes: &[u32], title_words: usize) -> String {
    let mut pairs: Vec<u32> = seq
        .windows(2)
        .enumerate()
        .filter(|&(k, _)| k + 1 != title_words)
        .map(|(_, w)| pair_hash(hashes[w[0] as usize], hashes[w[1] as usize]))
        .collect();
    pair_set(&mut pairs)
}

/// A folded word's hash: 32-bit FNV-1a over its code points (search.js's `wordHash`).
fn word_hash(word: &str) -> u32 {
    let step = |h: u32, c: u32| (h ^ c).wrapping_mul(0x0100_0193);
    if word.is_ascii() {
        // An ASCII byte is its code point.
        word.bytes().fold(0x811c_9dc5, |h, b| step(h, u32::from(b)))
    } else {
        word.chars().fold(0x811c_9dc5, |h, c| step(h, c as u32))
    }
}

/// Two adjacent words' hashes mixed into one, in order (search.js's `pairHash`): murmur3's
/// finaliser, so that every bit depends on both words (the set keeps a hash's remainder).
fn pair_hash(first: u32, second: u32) -> u32 {
    let mut h = first.wrapping_mul(0x9e37_79b1) ^ second;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// The characters of a pair set, six bits each (URL-safe base 64: no escaping in JSON).
const SET_DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `hashes` as a Golomb-Rice coded set, about `PAIR_BITS + 1.6` bits a hash, against 32 for
/// the hashes themselves: the `n` distinct hashes scaled down to `0..range`, `range` being
/// `n << PAIR_BITS` (at most 2^32), by `h * range >> 32` ([`reduce`]: it keeps their order, so
/// one sort serves), deduplicated, each gap from the one before (the first from 0) written as
/// its quotient by 2^PAIR_BITS in unary (that many ones, then a zero) and its remainder in
/// PAIR_BITS bits. The bits go six to a character of [`SET_DIGITS`], the last padded with
/// ones (a unary run cut short ends the set). Prefixed by `n` in base 36 and `:`; empty for
/// no hashes. A hash not in the set is found in it with a chance of 2^-PAIR_BITS.
fn pair_set(hashes: &mut Vec<u32>) -> String {
    hashes.sort_unstable();
    hashes.dedup();
    if hashes.is_empty() {
        return String::new();
    }
    let range = ((hashes.len() as u64) << PAIR_BITS).min(1 << 32);
    let mut out = String::with_capacity(hashes.len() * 2 + 8);
    push36(&mut out, hashes.len());
    out.push(':');
    let mut bits = SetBits {
        acc: 0,
        held: 0,
        out,
    };
    let mut previous = None;
    for &h in hashes.iter() {
        let v = reduce(h, range);
        if previous == Some(v) {
            continue;
        }
        let gap = v - previous.unwrap_or(0);
        previous = Some(v);
        for _ in 0..gap >> PAIR_BITS {
            bits.push(1, 1);
        }
        bits.push(0, 1);
        bits.push((gap & ((1 << PAIR_BITS) - 1)) as u32, PAIR_BITS);
    }
    bits.finish()
}

/// A 32-bit hash scaled to `0..range` (`range` at most 2^32): the same spread as the
/// remainder, but rising with the hash. search.js computes it in two halves (a double holds
/// 53 bits, the product up to 64).
fn reduce(hash: u32, range: u64) -> u64 {
    (u64::from(hash) * range) >> 32
}

/// Bits written six to a character, first bit highest.
struct SetBits {
    acc: u32,
    held: u32,
    out: String,
}

impl SetBits {
    fn push(&mut self, value: u32, width: u32) {
        self.acc = (self.acc << width) | value;
        self.held += width;
        while self.held >= 6 {
            self.held -= 6;
            self.out.push(char::from(
                SET_DIGITS[((self.acc >> self.held) & 63) as usize],
            ));
        }
        self.acc &= (1 << self.held) - 1;
    }

    fn finish(mut self) -> String {
        if self.held > 0 {
            let pad = 6 - self.held;
            self.push((1 << pad) - 1, pad);
        }
        self.out
    }
}

/// A word of the index with its postings: (item, impact), highest impact first.
struct Term {
    word: Box<str>,
    postings: Vec<(u32, u8)>,
    /// The name of its block files when it has more than the first block.
    stem: Option<String>,
    /// Its impacts are in one dense file rather than in blocks.
    dense: bool,
    /// That file lists its items ([`by_item`]) rather than a character per item.
    by_item: bool,
    /// The first block, encoded.
    first: String,
}

/// Words and their postings, items numbered in `items` order, words in byte order; the
/// items' pair sets handed to `pair_file` as each batch is counted, [`PAIR_CHUNK`] at a time
/// with the number of their file (so they are never all held).
fn terms<T: Send>(
    items: &mut [Item],
    words: &Words<'_>,
    pair_file: &(dyn Fn(usize, &[String]) -> crate::error::Result<T> + Sync),
) -> crate::error::Result<(Vec<Term>, Vec<T>)> {
    const _: () = assert!(BATCH % PAIR_CHUNK == 0);
    let mut files = Vec::new();
    let mut ids: FastMap<Box<str>, u32> = FastMap::default();
    let mut lists: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut lengths: Vec<u32> = Vec::with_capacity(items.len());
    for (b, batch) in items.chunks_mut(BATCH).enumerate() {
        let counted: Vec<Counts> = batch
            .par_iter_mut()
            .map(|item| {
                // Indexed now; only the snippet ships.
                match item.doc {
                    Some(i) => {
                        let w = words(i);
                        if let Some(snippet) = w.snippet {
                            item.snippet = snippet;
                        }
                        w.counts
                    }
                    None => {
                        // Pairs for a quotation too: its row holds its whole text, but a
                        // phrase's later candidates are checked before their rows load.
                        let text = std::mem::take(&mut item.text);
                        count(&item.title, &text)
                    }
                }
            })
            .collect();
        let mut counted = counted;
        let pairs: Vec<String> = counted
            .iter_mut()
            .map(|c| std::mem::take(&mut c.pairs))
            .collect();
        let made: Vec<T> = pairs
            .par_chunks(PAIR_CHUNK)
            .enumerate()
            .map(|(j, chunk)| pair_file(b * BATCH / PAIR_CHUNK + j, chunk))
            .collect::<crate::error::Result<_>>()?;
        files.extend(made);
        drop(pairs);
        for (k, counts) in counted.into_iter().enumerate() {
            let item = (b * BATCH + k) as u32;
            lengths.push(counts.len);
            for (word, &tf) in counts.words.split(' ').zip(&counts.tfs) {
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = lists.len() as u32;
                        ids.insert(word.into(), id);
                        lists.push(Vec::new());
                        id
                    }
                };
                lists[id as usize].push((item, tf));
            }
        }
    }
    let n = items.len() as f64;
    let total: f64 = lengths.iter().map(|&l| f64::from(l)).sum();
    let avgdl = if items.is_empty() {
        1.0
    } else {
        (total / n).max(1.0)
    };
    // Once a word, not once a posting.
    let idf = |df: usize| (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
    let score = |idf: f64, tf: u32, len: u32| -> f64 {
        let tf = f64::from(tf);
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * f64::from(len) / avgdl))
    };
    let max = lists
        .par_iter()
        .map(|l| {
            let idf = idf(l.len());
            l.iter()
                .map(|&(i, tf)| score(idf, tf, lengths[i as usize]))
                .fold(0.0, f64::max)
        })
        .reduce(|| 0.0, f64::max);
    let scale = if max > 0.0 { 255.0 / max } else { 1.0 };
    let mut words: Vec<(Box<str>, u32)> = ids.into_iter().collect();
    words.par_sort_unstable();
    let mut lists: Vec<Option<Vec<(u32, u32)>>> = lists.into_iter().map(Some).collect();
    // Each word with its (item, count) list, in word order.
    type Counted = (Box<str>, Vec<(u32, u32)>);
    let taken: Vec<Counted> = words
        .into_iter()
        .map(|(w, id)| (w, lists[id as usize].take().unwrap_or_default()))
        .collect();
    let mut terms: Vec<Term> = taken
        .into_par_iter()
        .map(|(word, list)| {
            let idf = idf(list.len());
            // In item order, as counted.
            let mut postings: Vec<(u32, u8)> = list
                .into_iter()
                .map(|(i, tf)| {
                    let s = (score(idf, tf, lengths[i as usize]) * scale).round();
                    (i, s.clamp(1.0, 255.0) as u8)
                })
                .collect();
            by_impact(&mut postings);
            new_term(word, postings, items.len())
        })
        .collect();
    for (next, t) in terms
        .iter_mut()
        .filter(|t| t.postings.len() > FIRST_BLOCK)
        .enumerate()
    {
        t.stem = Some(radix36(next));
    }
    Ok((terms, files))
}

/// A block of postings: runs of equal impact, `;`-separated; each run its impact, then its
/// items in rising order, the first whole and the others as the gap from the one before,
/// all `,`-separated and in base 36.
fn encode(postings: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(postings.len() * 3);
    let mut run: Option<(u8, u32)> = None;
    for &(item, impact) in postings {
        match run {
            Some((imp, prev)) if imp == impact => {
                out.push(',');
                push36(&mut out, (item - prev) as usize);
            }
            _ => {
                if run.is_some() {
                    out.push(';');
                }
                push36(&mut out, usize::from(impact));
                out.push(',');
                push36(&mut out, item as usize);
            }
        }
        run = Some((impact, item));
    }
    out
}

/// The postings of block `b` (0 is the first, kept in the shard file).
fn block(postings: &[(u32, u8)], b: u32) -> &[(u32, u8)] {
    let (mut start, mut len) = (0, FIRST_BLOCK);
    for _ in 0..b {
        start += len;
        len *= BLOCK_GROWTH;
    }
    &postings[start.min(postings.len())..(start + len).min(postings.len())]
}

/// What a result shows of an item: kind, title, link, source, date and snippet text.
fn row<'a>(
    it: &'a Item,
    names: impl Fn(Option<usize>) -> &'a str,
) -> (&'a str, &'a str, &'a str, &'a str, String, &'a str) {
    (
        it.kind,
        it.title.as_str(),
        it.url.as_str(),
        names(it.source),
        it.date.map(|d| d.to_string()).unwrap_or_default(),
        it.snippet.as_str(),
    )
}

/// The items whose rows a word's shard carries: its [`INLINE_ROWS`] best.
fn top_items(t: &Term) -> impl Iterator<Item = u32> + '_ {
    t.postings.iter().take(INLINE_ROWS).map(|&(i, _)| i)
}

/// The best [`INLINE_ROWS`] items of `prefix` typed, ranked as the page ranks it: its forms
/// among `words` (the prefix itself first, then the most frequent, at most the page's
/// `MAX_EXPANSIONS`), an item scored by its best form, ties to the lower item.
fn prefix_top(prefix: &str, words: &[&Term]) -> Vec<u32> {
    let forms = page_forms(prefix, words.iter().copied().enumerate());
    // An item among the best of the merged list is among the best of the form it scores by
    // (ties go to the lower item in both), so each form's first few postings suffice.
    let mut best: FastMap<u32, u8> = FastMap::default();
    for (_, t) in forms {
        for &(i, impact) in t.postings.iter().take(INLINE_ROWS) {
            let b = best.entry(i).or_insert(0);
            *b = (*b).max(impact);
        }
    }
    let mut ranked: Vec<(u32, u8)> = best.into_iter().collect();
    ranked.sort_unstable_by_key(|&(i, impact)| (Reverse(impact), i));
    ranked
        .into_iter()
        .take(INLINE_ROWS)
        .map(|(i, _)| i)
        .collect()
}

/// The words `prefix` expands to on the page, of those of the file it loads for it: the prefix
/// itself first, then the most frequent, ties in word order, at most `MAX_EXPANSIONS`.
/// `words` and `forms` are (index, word) pairs.
fn page_forms<'a>(
    prefix: &str,
    words: impl Iterator<Item = (usize, &'a Term)>,
) -> Vec<(usize, &'a Term)> {
    let mut forms: Vec<(usize, &Term)> =
        words.filter(|(_, t)| t.word.starts_with(prefix)).collect();
    forms.sort_by(|(_, a), (_, b)| {
        (*b.word == *prefix)
            .cmp(&(*a.word == *prefix))
            .then(b.postings.len().cmp(&a.postings.len()))
            .then(a.word.cmp(&b.word))
    });
    forms.truncate(PREFIX_FORMS);
    forms
}

/// The words of split prefix `range`'s `.top` file, as indices into `terms`: the most
/// frequent [`TOP_FORMS`], and the prefix itself when it is a word.
fn top_words(terms: &[Term], key: &str, range: std::ops::Range<usize>) -> Vec<usize> {
    let mut top: Vec<usize> = range.clone().collect();
    top.sort_by_key(|&i| (Reverse(terms[i].postings.len()), i));
    top.truncate(TOP_FORMS);
    if let Some(i) = range.clone().find(|&i| *terms[i].word == *key) {
        if !top.contains(&i) {
            top.push(i);
        }
    }
    top.sort_unstable();
    top
}

/// Where a prefix's own list goes: the file the page loads for the prefix.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Home {
    /// `trie.leaves[n]`'s shard file.
    Leaf(usize),
    /// `trie.inner[n]`'s `.top` file.
    Top(usize),
}

/// A typed prefix's own list: the file the page loads for the prefix, the prefix, and its list
/// in [`PrefixLists::lists`].
type PrefixName = (Home, String, usize);

/// The lists of typed prefixes (three letters or more) of which several forms have later
/// postings: each item's best impact over the forms the page expands the prefix to, listed
/// as a word `<prefix>*` of the file the page loads for the prefix. The page then reads one
/// list (one dense file, say, not one per form of `the`) in one round, and ranks exactly as
/// it would merging the forms. Prefixes with the same forms (`decis`, `decisi`...) share one.
struct PrefixLists {
    /// Stems numbered on from the words'.
    lists: Vec<Term>,
    /// By file, then prefix.
    names: Vec<PrefixName>,
}

fn prefix_lists(terms: &[Term], trie: &Trie, n: usize, next_stem: usize) -> PrefixLists {
    // The page's forms of `p` among `ids` (indices into `terms`), when several have later
    // postings.
    let chosen = |p: &str, ids: &mut dyn Iterator<Item = usize>| -> Option<Vec<usize>> {
        let forms = page_forms(p, ids.map(|i| (i, &terms[i])));
        let deep = forms.iter().filter(|(_, t)| t.stem.is_some()).count() >= 2;
        deep.then(|| {
            let mut ids: Vec<usize> = forms.iter().map(|&(i, _)| i).collect();
            ids.sort_unstable();
            ids
        })
    };
    let mut wanted: Vec<(Home, String, Vec<usize>)> = Vec::new();
    for (k, (key, range)) in trie.inner.iter().enumerate() {
        if key.chars().count() < 3 {
            continue;
        }
        let top = top_words(terms, key, range.clone());
        if let Some(ids) = chosen(key, &mut top.into_iter()) {
            wanted.push((Home::Top(k), key.clone(), ids));
        }
    }
    for (k, (key, range)) in trie.leaves.iter().enumerate() {
        let words = &terms[range.clone()];
        let shortest = key.chars().count().max(3);
        // Only a prefix of a word with later postings can have two such forms.
        let mut prefixes: Vec<&str> = words
            .iter()
            .filter(|t| t.stem.is_some())
            .flat_map(|t| {
                let w: &str = &t.word;
                w.char_indices()
                    .map(|(at, _)| at)
                    .chain([w.len()])
                    .skip(shortest)
                    .map(move |at| &w[..at])
            })
            .collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        for p in prefixes {
            // Words are in byte order: those beginning with `p` are together.
            let from = words.partition_point(|t| *t.word < *p);
            let to = from + words[from..].partition_point(|t| t.word.starts_with(p));
            let mut ids = range.start + from..range.start + to;
            if let Some(ids) = chosen(p, &mut ids) {
                wanted.push((Home::Leaf(k), p.to_string(), ids));
            }
        }
    }
    // One list per set of forms, numbered in order of first use.
    let mut by_forms: std::collections::BTreeMap<Vec<usize>, usize> = Default::default();
    let mut forms_of: Vec<Vec<usize>> = Vec::new();
    let mut names: Vec<PrefixName> = Vec::with_capacity(wanted.len());
    for (home, p, ids) in wanted {
        let next = forms_of.len();
        let list = *by_forms.entry(ids.clone()).or_insert(next);
        if list == next {
            forms_of.push(ids);
        }
        names.push((home, p, list));
    }
    names.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut lists: Vec<Term> = forms_of
        .into_par_iter()
        .map(|ids| {
            let mut postings: Vec<(u32, u8)> = ids
                .iter()
                .flat_map(|&i| terms[i].postings.iter().copied())
                .collect();
            // Each item once, with its best impact.
            postings.sort_unstable_by_key(|&(i, impact)| (i, Reverse(impact)));
            postings.dedup_by_key(|p| p.0);
            postings.sort_unstable_by_key(|&(i, impact)| (Reverse(impact), i));
            new_term("*".into(), postings, n)
        })
        .collect();
    for (k, t) in lists.iter_mut().enumerate() {
        t.stem = Some(radix36(next_stem + k));
    }
    PrefixLists { lists, names }
}

/// A term of `postings`, highest impact first, among `n` items.
fn new_term(word: Box<str>, postings: Vec<(u32, u8)>, n: usize) -> Term {
    let df = postings.len();
    let first = encode(&postings[..df.min(FIRST_BLOCK)]);
    let dense = df > FIRST_BLOCK
        && df * DENSE_SHARE >= n
        && postings.first().is_some_and(|&(_, top)| top <= DENSE_MAX);
    let by_item = dense && n < GAP_LIMIT && by_item_len(&postings, n) < n;
    Term {
        word,
        postings,
        stem: None,
        dense,
        by_item,
        first,
    }
}

/// The rows a word's first later file carries: those of its first [`DEEP_ROWS`] items after
/// the [`INLINE_ROWS`] of its shard file, as a JSON object by item number.
fn deep_rows(t: &Term, rows: &[String]) -> String {
    let mut ids: Vec<u32> = t
        .postings
        .iter()
        .take(DEEP_ROWS)
        .skip(INLINE_ROWS)
        .map(|&(i, _)| i)
        .collect();
    ids.sort_unstable();
    let mut out = String::from("{");
    for (k, i) in ids.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{i}\":{}", rows[*i as usize]);
    }
    out.push('}');
    out
}

/// A shard file's data: each word's [`entry`], each of `lists` (a prefix and its list) under
/// `<prefix>*`, and under the key `""` (no word is empty) the display rows of the items
/// `inline` by item number, `rows` holding each item's row as JSON.
fn shard(
    words: &[&Term],
    lists: &[(&str, &Term)],
    mut inline: Vec<u32>,
    rows: &[String],
) -> String {
    let map: serde_json::Map<String, serde_json::Value> = words
        .iter()
        .map(|t| (t.word.to_string(), entry(t)))
        .chain(lists.iter().map(|(p, t)| (format!("{p}*"), entry(t))))
        .collect();
    inline.sort_unstable();
    inline.dedup();
    let mut out = json(&map);
    out.pop(); // the closing brace
    if !map.is_empty() {
        out.push(',');
    }
    out.push_str("\"\":{");
    for (k, &i) in inline.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{i}\":{}", rows[i as usize]);
    }
    out.push_str("}}");
    out
}

/// A word as its shard file lists it: `[df, first block]`, plus the block files' stem.
/// `[df, first block, stem, 1]` when the word has a dense file, `2` when that file lists its
/// items by gaps ([`by_item`]).
fn entry(t: &Term) -> serde_json::Value {
    match &t.stem {
        Some(stem) if t.dense => {
            let format = if t.by_item { 2 } else { 1 };
            serde_json::json!([t.postings.len(), t.first, stem, format])
        }
        Some(stem) => serde_json::json!([t.postings.len(), t.first, stem]),
        None => serde_json::json!([t.postings.len(), t.first]),
    }
}

/// Symbol `v` (0 to 90) of a dense file: `#` onwards, skipping `\` (so no escapes are
/// needed in a JavaScript string).
fn symbol(v: u8) -> u8 {
    let c = 35 + v;
    if c >= b'\\' {
        c + 1
    } else {
        c
    }
}

/// A word's impact on every item, one character each: ` ` for none, else the symbol of
/// impact - 1.
fn dense(postings: &[(u32, u8)], n: usize) -> String {
    let mut bytes = vec![b' '; n];
    for &(item, impact) in postings {
        bytes[item as usize] = symbol(impact.clamp(1, DENSE_MAX) - 1);
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// Gaps of [`by_item`] below this are one symbol; others the symbol 90 and four digits
/// (base 90), so lists of fewer items than `GAP_LIMIT` can be written that way.
const SHORT_GAP: u32 = 90;
const GAP_LIMIT: usize = 90usize.pow(4);

/// A dense file that lists a word's items instead of giving every item a character: the
/// items in rising order, each as the gap from the one before (minus one; the first from -1)
/// and its impact, in the symbols of [`dense`]. Two characters an item, so smaller than one
/// per item when the word is in fewer than about half of them (at 10,000 documents, 20 MB of
/// dense files became 7: BENCHMARKS.md "Search index").
fn by_item(postings: &[(u32, u8)], n: usize) -> String {
    let mut out = Vec::with_capacity(2 * postings.len());
    let mut next = 0;
    for (item, impact) in in_item_order(postings, n) {
        let gap = item - next;
        if gap < SHORT_GAP {
            out.push(symbol(gap as u8));
        } else {
            out.push(symbol(SHORT_GAP as u8));
            for k in (0..4).rev() {
                out.push(symbol((gap / SHORT_GAP.pow(k) % SHORT_GAP) as u8));
            }
        }
        out.push(symbol(impact.clamp(1, DENSE_MAX) - 1));
        next = item + 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The length of [`by_item`]'s list, without writing it.
fn by_item_len(postings: &[(u32, u8)], n: usize) -> usize {
    let mut next = 0;
    in_item_order(postings, n)
        .map(|(item, _)| {
            let len = if item - next < SHORT_GAP { 2 } else { 6 };
            next = item + 1;
            len
        })
        .sum()
}

/// A dense word's postings (each item once, impacts at least 1: a 0 is read as 1, as
/// [`by_item`] writes it) in rising item order: placed by item among `n`, not sorted (a
/// dense word is in at least one item in [`DENSE_SHARE`]).
fn in_item_order(postings: &[(u32, u8)], n: usize) -> impl Iterator<Item = (u32, u8)> {
    let mut at = vec![0u8; n];
    for &(item, impact) in postings {
        if let Some(slot) = at.get_mut(item as usize) {
            *slot = impact.max(1);
        }
    }
    at.into_iter()
        .enumerate()
        .filter(|&(_, impact)| impact > 0)
        .map(|(item, impact)| (item as u32, impact))
}

/// Postings in rising item order (each item once) put in falling impact order, items rising
/// within an impact: what sorting by `(Reverse(impact), item)` gives, but a long list is
/// counted into place (a sort cost about 135 M instructions of a 1,000-document build).
fn by_impact(postings: &mut Vec<(u32, u8)>) {
    if postings.len() <= 64 {
        postings.sort_unstable_by_key(|&(i, impact)| (Reverse(impact), i));
        return;
    }
    let mut start = [0usize; 256];
    for &(_, impact) in postings.iter() {
        start[usize::from(impact)] += 1;
    }
    let mut at = 0;
    for impact in (0..256).rev() {
        let count = start[impact];
        start[impact] = at;
        at += count;
    }
    let mut out = vec![(0, 0); postings.len()];
    for &(i, impact) in postings.iter() {
        let slot = &mut start[usize::from(impact)];
        out[*slot] = (i, impact);
        *slot += 1;
    }
    *postings = out;
}

/// The prefix trie of the shard files.
#[derive(Default)]
struct Trie {
    /// Prefixes with a file of all their words, with the range of `terms` they hold.
    leaves: Vec<(String, std::ops::Range<usize>)>,
    /// Prefixes split by their next letter, with their range of `terms`.
    inner: Vec<(String, std::ops::Range<usize>)>,
}

/// Split `terms[range]`, the words beginning with `key`, until each file is small.
fn split(
    terms: &[Term],
    sizes: &[usize],
    key: String,
    range: std::ops::Range<usize>,
    trie: &mut Trie,
) {
    let size: usize = sizes[range.clone()].iter().sum();
    let depth = key.chars().count();
    let longer = range
        .clone()
        .filter(|&i| terms[i].word.chars().count() > depth)
        .count();
    if size <= SHARD_BYTES || longer == 0 {
        trie.leaves.push((key, range));
        return;
    }
    trie.inner.push((key.clone(), range.clone()));
    // Words equal to the key live in its `.top` file only; the others go by their next letter
    // (in byte order, words sharing it are together).
    let mut i = range.start;
    while i < range.end && terms[i].word.chars().count() == depth {
        i += 1;
    }
    while i < range.end {
        let next = terms[i].word.chars().nth(depth);
        let start = i;
        while i < range.end && terms[i].word.chars().nth(depth) == next {
            i += 1;
        }
        let mut child = key.clone();
        child.extend(next);
        split(terms, sizes, child, start..i, trie);
    }
}

/// The index files for `site`, each handed to `keep` as soon as it is made (at 100,000
/// documents the index is hundreds of megabytes: it is never held whole).
pub fn index_files<T: Send>(
    site: &Site,
    index_html: bool,
    words: &Words<'_>,
    keep: &(dyn Fn(Page) -> crate::error::Result<T> + Sync),
) -> crate::error::Result<Vec<T>> {
    let mut items = items(site, index_html);
    let file = |path: String, name: &str, data: &str| {
        keep(Page {
            path,
            bytes: script(name, data).into_bytes().into(),
        })
    };
    // Each item's word pairs, written as it is counted (a phrase query reads its candidates').
    let pair_file = |n: usize, sets: &[String]| {
        file(format!("search/x/{n}.js"), &format!("x/{n}"), &json(sets))
    };
    let (terms, mut kept) = terms(&mut items, words, &pair_file)?;
    let names = |s: Option<usize>| s.map_or("", |s| site.sources[s].name.as_str());
    let rows: Vec<String> = items.par_iter().map(|it| json(&row(it, names))).collect();
    // The rows carry what results show; the filters below need only topics, source and date.
    for it in &mut items {
        it.title = String::new();
        it.url = String::new();
        it.snippet = String::new();
    }
    // A shard's size counts its words' inline rows (shared ones once per file, so this is at
    // most the file's size).
    let sizes: Vec<usize> = terms
        .iter()
        .map(|t| {
            let inline: usize = top_items(t).map(|i| rows[i as usize].len() + 8).sum();
            t.word.len() + t.first.len() + 16 + inline
        })
        .collect();
    let mut trie = Trie::default();
    if !terms.is_empty() {
        split(&terms, &sizes, String::new(), 0..terms.len(), &mut trie);
    }
    let n = items.len();
    let stems = terms.iter().filter(|t| t.stem.is_some()).count();
    let prefixes = prefix_lists(&terms, &trie, n, stems);
    // The prefix lists a file lists besides its words.
    let lists_of = |home: Home| -> Vec<(&str, &Term)> {
        let names = &prefixes.names;
        let from = names.partition_point(|(h, _, _)| *h < home);
        names[from..]
            .iter()
            .take_while(|(h, _, _)| *h == home)
            .map(|(_, p, list)| (p.as_str(), &prefixes.lists[*list]))
            .collect()
    };

    // Shards, then the `.top` files of split prefixes (not the root: no one types "").
    let shard_files: Vec<T> = trie
        .leaves
        .par_iter()
        .enumerate()
        .map(|(k, (key, range))| {
            let words: Vec<&Term> = terms[range.clone()].iter().collect();
            // Any prefix's best items are among its forms' best (a prefix scores an item by
            // its best form).
            let inline = words.iter().flat_map(|t| top_items(t)).collect();
            let name = file_name(key);
            let data = shard(&words, &lists_of(Home::Leaf(k)), inline, &rows);
            file(format!("search/t/{name}.js"), &format!("t/{name}"), &data)
        })
        .chain(
            trie.inner
                .par_iter()
                .enumerate()
                .filter(|(_, (key, _))| !key.is_empty())
                .map(|(k, (key, range))| {
                    let top = top_words(&terms, key, range.clone());
                    let words: Vec<&Term> = top.iter().map(|&i| &terms[i]).collect();
                    // Only what this file answers: the key as a word, and as a prefix.
                    let exact = words.iter().filter(|t| *t.word == **key);
                    let inline = exact
                        .flat_map(|t| top_items(t))
                        .chain(prefix_top(key, &words))
                        .collect();
                    let name = format!("{}.top", file_name(key));
                    let data = shard(&words, &lists_of(Home::Top(k)), inline, &rows);
                    file(format!("search/t/{name}.js"), &format!("t/{name}"), &data)
                }),
        )
        .collect::<crate::error::Result<_>>()?;
    kept.extend(shard_files);

    // Later blocks of frequent words and prefixes, or their dense file; the first of these
    // files carries the rows of the word's next best items (see [`DEEP_ROWS`]).
    let blocks: Vec<T> = terms
        .par_iter()
        .chain(prefixes.lists.par_iter())
        .filter_map(|t| t.stem.as_ref().map(|stem| (t, stem)))
        .flat_map_iter(|(t, stem)| {
            let dense = t.dense.then(|| {
                let text = if t.by_item {
                    by_item(&t.postings, n)
                } else {
                    dense(&t.postings, n)
                };
                (format!("{stem}.d"), text)
            });
            (1u32..)
                .map(move |b| (b, block(&t.postings, b)))
                .take_while(move |(_, p)| !t.dense && !p.is_empty())
                .map(move |(b, p)| (format!("{stem}.{b}"), encode(p)))
                .chain(dense)
                .enumerate()
                .map(|(k, (name, text))| {
                    let data = if k == 0 && t.dense {
                        format!("[\"{text}\",{{}}]")
                    } else if k == 0 {
                        format!("[\"{text}\",{}]", deep_rows(t, &rows))
                    } else {
                        format!("\"{text}\"")
                    };
                    file(format!("search/p/{name}.js"), &format!("p/{name}"), &data)
                })
        })
        .collect::<crate::error::Result<_>>()?;
    kept.extend(blocks);

    // What the results show.
    let chunks: Vec<T> = rows
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let data = format!("[{}]", chunk.join(","));
            file(format!("search/d/{n}.js"), &format!("d/{n}"), &data)
        })
        .collect::<crate::error::Result<_>>()?;
    kept.extend(chunks);

    // Filters: the items of each topic and source, and where each day begins.
    let mut by_topic: Vec<Vec<u32>> = vec![Vec::new(); site.grouping.topics.len()];
    let mut by_source: Vec<Vec<u32>> = vec![Vec::new(); site.sources.len()];
    let mut days: Vec<(String, u32)> = Vec::new();
    for (id, it) in items.iter().enumerate() {
        let id = id as u32;
        for &t in &it.topics {
            if let Some(list) = by_topic.get_mut(t) {
                list.push(id);
            }
        }
        if let Some(list) = it.source.and_then(|s| by_source.get_mut(s)) {
            list.push(id);
        }
        if let Some(d) = it.date {
            let d = d.to_string();
            if days.last().is_none_or(|(last, _)| *last != d) {
                days.push((d, id));
            }
        }
    }
    let dated = items.iter().take_while(|it| it.date.is_some()).count();
    // Small lists share a file (thousands of people and places have a few items each).
    let mut names = Names::default();
    for (kind, lists, out) in [
        ("t", &by_topic, &mut names.topics),
        ("s", &by_source, &mut names.sources),
    ] {
        let mut packs: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
        let mut size = FACET_BYTES;
        for (i, list) in lists.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            let text = gaps(list);
            if size + text.len() > FACET_BYTES {
                packs.push(serde_json::Map::new());
                size = 0;
            }
            size += text.len() + 8;
            let name = match kind {
                "t" => site.grouping.topics[i].name.as_str(),
                _ => site.sources[i].name.as_str(),
            };
            out.push((i, name, packs.len() - 1));
            if let Some(pack) = packs.last_mut() {
                pack.insert(i.to_string(), text.into());
            }
        }
        for (n, pack) in packs.iter().enumerate() {
            kept.push(file(
                format!("search/f/{kind}{n}.js"),
                &format!("f/{kind}{n}"),
                &json(pack),
            )?);
        }
    }
    names
        .topics
        .sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
    names
        .sources
        .sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
    kept.push(file("search/f/names.js".into(), "f/names", &json(&names))?);
    kept.push(file(
        "search/f/dates.js".into(),
        "f/dates",
        &json(&serde_json::json!({ "days": days, "dated": dated })),
    )?);

    let meta = Meta {
        n: items.len(),
        chunk: CHUNK,
        pairs: (PAIR_CHUNK, PAIR_BITS),
        first: FIRST_BLOCK,
        growth: BLOCK_GROWTH,
        leaves: trie.leaves.iter().map(|(k, _)| k.as_str()).collect(),
        inner: trie.inner.iter().map(|(k, _)| k.as_str()).collect(),
        weights: trie
            .leaves
            .iter()
            .chain(&trie.inner)
            .map(|(_, range)| weight(&terms[range.clone()]))
            .collect(),
    };
    kept.push(file("search/meta.js".into(), "meta", &json(&meta))?);
    Ok(kept)
}

#[derive(Serialize)]
struct Meta<'a> {
    /// Items in all.
    n: usize,
    chunk: usize,
    /// Items per file of `search/x/`, and the bits of a pair set's remainders ([`pair_set`]).
    pairs: (usize, u32),
    /// Postings in a word's first block, and how much larger each next block is.
    first: usize,
    growth: usize,
    /// The shard files' prefixes, and the prefixes split into several (see [`split`]).
    leaves: Vec<&'a str>,
    inner: Vec<&'a str>,
    /// How likely each of them (leaves, then inner) is to be typed: the page fetches the likely
    /// next ones ahead while a word is typed.
    weights: Vec<u32>,
}

/// How often words of a prefix occur, `words` its words: the sum of their item counts on a
/// scale of four steps per doubling (order is what counts, and short numbers keep `meta.js`
/// small).
fn weight(words: &[Term]) -> u32 {
    let sum: usize = words.iter().map(|t| t.postings.len()).sum();
    (4.0 * (1.0 + sum as f64).log2()).round() as u32
}

/// The filters' choices, `[index, name, file]` by name: the topics and sources that have
/// items, and the file of `f/` that lists their items (loaded when the filter is set).
#[derive(Default, Serialize)]
struct Names<'a> {
    topics: Vec<(usize, &'a str, usize)>,
    sources: Vec<(usize, &'a str, usize)>,
}

/// Rising item numbers as base-36 gaps, `,`-separated (the first whole).
fn gaps(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 3);
    let mut prev = 0;
    for (k, &id) in ids.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        push36(&mut out, (id - prev) as usize);
        prev = id;
    }
    out
}

/// A shard's file name: its letters when plain ASCII, else `_` and the code points in
/// hexadecimal, `_`-separated (file systems and URLs then need no escaping; the root's is `_`).
pub fn file_name(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()) {
        key.to_string()
    } else {
        key.chars().fold(String::from("_"), |mut s, c| {
            if s.len() > 1 {
                s.push('_');
            }
            let _ = write!(s, "{:x}", c as u32);
            s
        })
    }
}

fn push36(out: &mut String, mut n: usize) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = DIGITS[n % 36];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[at..] {
        out.push(char::from(b));
    }
}

fn radix36(n: usize) -> String {
    let mut s = String::new();
    push36(&mut s, n);
    s
}

/// JSON safe inside a script: `<`, `>`, `&` and the line separators escaped.
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `DossierSearch.add("<name>", <data>);`, for a file the page loads with a `<script>`
/// element; `name` is the file's path under `search/` without `.js`.
fn script(name: &str, data: &str) -> String {
    format!("window.DossierSearch && DossierSearch.add(\"{name}\", {data});\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_like_the_page_folds_queries() {
        let w = words("Erdoğan's visit to Zürich: al-Sisi, U.N. and 27 killed, x 7");
        assert_eq!(
            w,
            ["erdogan", "visit", "to", "zurich", "al", "sisi", "and", "27", "killed", "7"]
        );
        assert_eq!(snippet("  a\n b  "), "a b");
        assert_eq!(snippet(&"x".repeat(900)).len(), SNIPPET_CHARS);
        assert_eq!(fold("Ÿes"), "yes");
        assert_eq!(fold("ABC12"), "abc12");
        assert_eq!(file_name("ér"), "_e9_72");
        assert_eq!(file_name("e9"), "e9");
        assert_eq!(file_name(""), "_");
    }

    #[test]
    fn the_one_pass_scan_keeps_the_word_runs_folded() {
        // What the scan replaced: the runs found first, then each folded and kept or not.
        let reference = |text: &str| -> Vec<String> {
            crate::analyze::text::word_runs(text)
                .map(fold)
                .filter(|w| {
                    let chars = w.chars().count();
                    chars > 0
                        && chars <= MAX_WORD_CHARS
                        && (chars > 1 || w.bytes().all(|b| b.is_ascii_digit()))
                })
                .collect()
        };
        let long = format!("short {} after", "x".repeat(41));
        let texts = [
            "The Minister’s aides—two of them—met at 10:30 in São Paulo; a 2nd round e 5 É",
            "Die Größe des Straßenfests überraschte Bürgermeisterin Müller (78 %) ÄRGER",
            "L’économie française a crû de 0,4 % ; « Très bien », dit-il à l’AFP\u{a0}hier",
            "El señor Ñúñez llegó a las 7 ¿Por qué? ¡Sí! Pingüino, año 2024–25",
            "Cafe\u{301} fu\u{308}r İstanbul ΑΘΗΝΑ Ελλάδα 東京 war 😀smile x y z 9",
            "ends on a wide letter ç",
            "é",
            "",
            "...---'''",
            &long,
        ];
        for text in texts {
            assert_eq!(words(text), reference(text), "{text}");
        }
        // The possessive's "s" and "x" are single letters: not words.
        assert_eq!(words("Ça va, İzmir’s 3 x"), ["ca", "va", "izmir", "3"]);
    }

    #[test]
    fn scripts_cannot_be_closed_by_data() {
        let s = script("d/3", &json(&["</script><b>"]));
        assert_eq!(
            s,
            "window.DossierSearch && DossierSearch.add(\"d/3\", [\"\\u003c/script\\u003e\\u003cb\\u003e\"]);\n"
        );
        assert_eq!(radix36(0), "0");
        assert_eq!(radix36(71), "1z");
    }

    #[test]
    fn blocks_are_runs_of_equal_impact_with_gaps() {
        let p = [(3, 200), (9, 200), (10, 200), (1, 7), (40, 1)];
        assert_eq!(encode(&p), "5k,3,6,1;7,1;1,14");
        assert_eq!(gaps(&[2, 5, 41]), "2,3,10");
        let len = FIRST_BLOCK * (1 + BLOCK_GROWTH) + 5;
        let many: Vec<(u32, u8)> = (0..len as u32).map(|i| (i, 1)).collect();
        assert_eq!(block(&many, 0).len(), FIRST_BLOCK);
        assert_eq!(block(&many, 1).len(), FIRST_BLOCK * BLOCK_GROWTH);
        assert_eq!(block(&many, 1)[0].0, FIRST_BLOCK as u32);
        assert_eq!(block(&many, 2).len(), 5);
        assert!(block(&many, 3).is_empty());
    }

    fn term(word: &str, postings: Vec<(u32, u8)>) -> Term {
        Term {
            word: word.into(),
            first: encode(&postings[..postings.len().min(FIRST_BLOCK)]),
            postings,
            stem: None,
            dense: false,
            by_item: false,
        }
    }

    #[test]
    fn a_shard_carries_the_rows_of_its_words_best_items() {
        // Twelve items, best first, and a word whose best item is another.
        let mina = term("mina", (0..12u32).map(|i| (i, 200 - i as u8)).collect());
        let mine = term("mine", vec![(20, 255), (3, 1)]);
        let rows: Vec<String> = (0..21).map(|i| format!("[\"row {i}\"]")).collect();
        let words = [&mina, &mine];
        let inline = words.iter().flat_map(|t| top_items(t)).collect();
        let data: serde_json::Value =
            serde_json::from_str(&shard(&words, &[], inline, &rows)).unwrap();
        let carried = data[""].as_object().unwrap();
        let mut ids: Vec<u32> = carried.keys().map(|k| k.parse().unwrap()).collect();
        ids.sort_unstable();
        assert_eq!(ids, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20]);
        assert_eq!(data[""]["20"], serde_json::json!(["row 20"]));
        assert_eq!(data["mina"][0], 12);
        // A prefix scores an item by its best form.
        assert_eq!(prefix_top("min", &words), [20, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
        // Only the page's most frequent forms count: the rarest of thirteen is left out.
        let forms: Vec<Term> = (0..=PREFIX_FORMS as u32)
            .map(|k| {
                let df = 2 + PREFIX_FORMS as u32 - k;
                let top = if k == PREFIX_FORMS as u32 { 250 } else { 100 };
                term(
                    &format!("pa{k:02}"),
                    (0..df).map(|i| (100 * k + i, top)).collect(),
                )
            })
            .collect();
        let refs: Vec<&Term> = forms.iter().collect();
        let best = prefix_top("pa", &refs);
        assert_eq!(best.len(), INLINE_ROWS);
        assert!(
            best.iter().all(|&i| i < 100 * PREFIX_FORMS as u32),
            "{best:?}"
        );
    }

    #[test]
    fn a_prefix_with_several_frequent_forms_has_its_own_list() {
        let big = FIRST_BLOCK as u32 + 10;
        let mut terms = vec![
            // Two forms with later postings, overlapping on items 5..big.
            term(
                "resort",
                (0..big).map(|i| (i, 200 - (i % 100) as u8)).collect(),
            ),
            term("result", (5..big + 5).map(|i| (i, 150)).collect()),
            term("resume", vec![(900, 255)]),
            // One frequent form only: no list of its own.
            term("rival", (0..big).map(|i| (i, 9)).collect()),
        ];
        terms.sort_by(|a, b| a.word.cmp(&b.word));
        for (k, t) in terms
            .iter_mut()
            .filter(|t| t.postings.len() > FIRST_BLOCK)
            .enumerate()
        {
            t.stem = Some(radix36(k));
        }
        let trie = Trie {
            leaves: vec![(String::new(), 0..terms.len())],
            inner: Vec::new(),
        };
        let got = prefix_lists(&terms, &trie, 2000, 3);
        let names: Vec<&str> = got.names.iter().map(|(_, p, _)| p.as_str()).collect();
        // `res`, `resu` and `resul` would expand to other forms; `resort` and `result` are
        // one form each.
        assert_eq!(names, ["res"]);
        let list = &got.lists[0];
        assert_eq!(list.stem.as_deref(), Some("3"));
        // Each item once, its best impact over the forms.
        let best = |i: u32| list.postings.iter().find(|p| p.0 == i).map(|p| p.1);
        assert_eq!(list.postings.len(), big as usize + 6);
        assert_eq!(best(0), Some(200));
        assert_eq!(best(99), Some(150));
        assert_eq!(best(big + 4), Some(150));
        assert_eq!(best(900), Some(255));
        assert_eq!(list.postings[0], (900, 255));
        assert!(list.postings.windows(2).all(|w| w[0].1 >= w[1].1));
        // Prefixes with the same forms share one list.
        let terms2 = [
            term("decision", (0..big).map(|i| (i, 40)).collect()),
            term("decisions", (0..big).map(|i| (i + 1, 41)).collect()),
        ];
        let mut terms2 = terms2;
        for (k, t) in terms2.iter_mut().enumerate() {
            t.stem = Some(radix36(k));
        }
        let trie2 = Trie {
            leaves: vec![("dec".into(), 0..2)],
            inner: Vec::new(),
        };
        let got2 = prefix_lists(&terms2, &trie2, 2000, 2);
        assert_eq!(got2.lists.len(), 1);
        let names2: Vec<&str> = got2.names.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            names2,
            ["dec", "deci", "decis", "decisi", "decisio", "decision"]
        );
        assert!(got2.names.iter().all(|(_, _, list)| *list == 0));
        // The shard lists each under `<prefix>*`.
        let data: serde_json::Value = serde_json::from_str(&shard(
            &[&terms2[0]],
            &[("dec", &got2.lists[0])],
            Vec::new(),
            &[],
        ))
        .unwrap();
        assert_eq!(data["dec*"][0], big + 1);
        assert_eq!(data["dec*"][2], "2");
    }

    #[test]
    fn later_postings_carry_the_rows_of_the_next_best_items() {
        // Item i is the (i + 1)th best.
        let t = term("mina", (0..200u32).map(|i| (i, 200 - i as u8)).collect());
        let rows: Vec<String> = (0..200).map(|i| format!("[{i}]")).collect();
        let carried: serde_json::Value = serde_json::from_str(&deep_rows(&t, &rows)).unwrap();
        let carried = carried.as_object().unwrap();
        // Ranks INLINE_ROWS..DEEP_ROWS: the shard carries the first ten.
        assert_eq!(carried.len(), DEEP_ROWS - INLINE_ROWS);
        let last = (DEEP_ROWS - 1).to_string();
        assert_eq!(carried[&last], serde_json::json!([DEEP_ROWS - 1]));
        assert!(carried.contains_key("10") && !carried.contains_key("9"));
        assert!(!carried.contains_key(&DEEP_ROWS.to_string()));
    }

    #[test]
    fn dense_files_are_one_printable_character_per_item() {
        let d = dense(&[(0, 1), (2, 57), (3, 58), (4, 200)], 6);
        assert_eq!(d, "# []} ");
        assert!(!d.contains('\\') && !d.contains('"'));
    }

    #[test]
    fn postings_counted_into_place_are_those_a_sort_gives() {
        for len in [0usize, 1, 5, 64, 65, 300, 5000] {
            // Rising items with made-up impacts, many equal.
            let list: Vec<(u32, u8)> = (0..len as u32)
                .map(|k| {
                    (
                        k * 3 + k % 7,
                        (1 + (k.wrapping_mul(2_654_435_761) >> 24) % 40) as u8,
                    )
                })
                .collect();
            let mut sorted = list.clone();
            sorted.sort_unstable_by_key(|&(i, impact)| (Reverse(impact), i));
            let mut counted = list;
            by_impact(&mut counted);
            assert_eq!(counted, sorted, "{len} postings");
        }
    }

    #[test]
    fn dense_files_by_item_are_gaps_and_impacts() {
        let p = [(0, 1), (2, 57), (200, 3), (3, 58)];
        let d = by_item(&p, 201);
        assert_eq!(d, "##$[#]~##%3%");
        assert_eq!(by_item_len(&p, 201), d.len());
        // Read back as the page reads it.
        let value = |c: u8| c - if c > b'\\' { 36 } else { 35 };
        let many: Vec<(u32, u8)> = (0..3000u32)
            .filter(|i| i % 7 == 0 || i % 500 == 3)
            .map(|i| (i, 1 + (i % 90) as u8))
            .rev()
            .collect();
        let text = by_item(&many, 3000);
        assert!(!text.contains('\\') && !text.contains('"'));
        let (bytes, mut at, mut next, mut got) = (text.as_bytes(), 0, 0u32, Vec::new());
        while at < bytes.len() {
            let mut gap = u32::from(value(bytes[at]));
            at += 1;
            if gap == SHORT_GAP {
                gap = bytes[at..at + 4]
                    .iter()
                    .fold(0, |g, &c| g * SHORT_GAP + u32::from(value(c)));
                at += 4;
            }
            let item = next + gap;
            got.push((item, value(bytes[at]) + 1));
            at += 1;
            next = item + 1;
        }
        let mut want = many.clone();
        want.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(by_item_len(&many, 3000), text.len());
    }

    #[test]
    fn a_large_prefix_is_split_and_its_top_words_kept() {
        let terms: Vec<Term> = (0..600)
            .map(|i| Term {
                word: format!("co{}", radix36(i * 37)).into(),
                postings: vec![(0, 1); 1 + i % 7],
                stem: None,
                dense: false,
                by_item: false,
                first: "x".repeat(80),
            })
            .collect();
        let mut terms = terms;
        terms.sort_by(|a, b| a.word.cmp(&b.word));
        let sizes: Vec<usize> = terms
            .iter()
            .map(|t| t.word.len() + t.first.len() + 16)
            .collect();
        let mut trie = Trie::default();
        split(&terms, &sizes, String::new(), 0..terms.len(), &mut trie);
        assert!(trie.inner.iter().any(|(k, _)| k == "co"));
        // Every word in exactly one leaf, each leaf small or a single word.
        let mut covered = 0;
        for (key, range) in &trie.leaves {
            assert!(terms[range.clone()]
                .iter()
                .all(|t| t.word.starts_with(key.as_str())));
            let size: usize = sizes[range.clone()].iter().sum();
            assert!(size <= SHARD_BYTES || range.len() == 1, "{key}: {size}");
            covered += range.len();
        }
        let at_inner: usize = trie
            .inner
            .iter()
            .filter(|(k, r)| terms[r.clone()].iter().any(|t| *t.word == **k))
            .count();
        assert_eq!(covered + at_inner, terms.len());
    }

    /// A pair set read back as search.js reads it (`inPairSet`): whether it holds `hash`.
    fn set_holds(set: &str, hash: u32) -> bool {
        let (n, bits) = set.split_once(':').expect("a count");
        let n = u64::from_str_radix(n, 36).expect("base 36");
        let range = (n << PAIR_BITS).min(1 << 32);
        let want = reduce(hash, range);
        let mut stream = bits.bytes().flat_map(|c| {
            let v = SET_DIGITS
                .iter()
                .position(|&d| d == c)
                .expect("a set digit");
            (0..6).rev().map(move |k| (v >> k) & 1)
        });
        let mut value = 0;
        loop {
            let mut q = 0;
            loop {
                match stream.next() {
                    Some(1) => q += 1,
                    Some(_) => break,
                    None => return false,
                }
            }
            let mut r = 0;
            for _ in 0..PAIR_BITS {
                match stream.next() {
                    Some(b) => r = r * 2 + b as u64,
                    None => return false,
                }
            }
            value += (q << PAIR_BITS) + r;
            if value >= want {
                return value == want;
            }
        }
    }

    fn pairs_in(title: &str, text: &str) -> String {
        count(title, text).pairs
    }

    fn holds(set: &str, a: &str, b: &str) -> bool {
        set_holds(set, pair_hash(word_hash(a), word_hash(b)))
    }

    #[test]
    fn a_pair_set_holds_the_pairs_side_by_side_in_order() {
        let set = pairs_in(
            "Harbour talks resume",
            "The floating platform was moved. Ministers met at the Zürich harbour on Monday.",
        );
        assert!(holds(&set, "floating", "platform"));
        assert!(holds(&set, "harbour", "talks"));
        assert!(holds(&set, "zurich", "harbour"));
        // Across a sentence's end: the words are side by side in the index too.
        assert!(holds(&set, "moved", "ministers"));
        assert!(!holds(&set, "platform", "floating"));
        assert!(!holds(&set, "floating", "was"));
        // Not across the title's end and the text's start.
        assert!(!holds(&set, "resume", "the"));
        assert_eq!(pairs_in("", ""), "");
        assert_eq!(pairs_in("", "single"), "");
    }

    #[test]
    fn a_pair_set_is_small_and_seldom_wrong() {
        // 2,000 distinct pairs of made-up words, and 20,000 pairs not among them.
        let word = |i: usize| format!("w{}x{}", i * 7919 % 10007, i % 13);
        let text: Vec<String> = (0..2001).map(word).collect();
        let set = pairs_in("", &text.join(" "));
        for k in 0..2000 {
            assert!(holds(&set, &text[k], &text[k + 1]), "pair {k}");
        }
        let wrong = (0..20_000)
            .filter(|&k| holds(&set, &word(k + 5000), &word(k + 1)))
            .count();
        // One in 2^PAIR_BITS (1,024) expected: about 20.
        assert!(wrong < 60, "{wrong} false matches");
        let bits = (set.len() - set.find(':').unwrap() - 1) * 6;
        assert!(bits < 2000 * (PAIR_BITS as usize + 3), "{bits} bits");
    }

    #[test]
    fn pair_hashes_are_those_search_js_computes() {
        // Values computed by search.js's wordHash and pairHash (node, for these words); the
        // page and the build must agree bit for bit.
        assert_eq!(word_hash("minister"), 48_340_894);
        assert_eq!(word_hash("zürich"), 141_621_789);
        // A character outside the first plane: one code point, two UTF-16 units in the page.
        assert_eq!(word_hash("𝔘x"), 24_494_925);
        assert_eq!(
            pair_hash(word_hash("minister"), word_hash("said")),
            3_562_556_324
        );
    }
}
