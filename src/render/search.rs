//! The search index: small JavaScript files under `search/` that the search page loads with
//! `<script>` elements, so search works from `file://` (where `fetch` of JSON does not) and
//! under any sub-path.
//!
//! What is searched: articles (title, summary, body, authors, source), topics, stories and
//! quotations. Words come from the analysis tokenizer, split at hyphens and apostrophes, folded
//! to lower case without diacritics (the page folds queries the same way). The index is
//! sharded so a query loads only what it needs:
//!
//! - `search/meta.js`: per item its kind, length in words, date, source and topics (for
//!   BM25 and the filters), and the names of sources and topics;
//! - `search/t/<xx>.js`: the postings of every word whose first two letters are `xx`;
//! - `search/d/<n>.js`: titles, links, dates and snippet text of items `n*CHUNK..`, loaded
//!   only for the results shown.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Page;
use crate::analyze::fasthash::FastMap;
use crate::analyze::text::tokenize_into;
use crate::site::Site;

/// Items per file of `search/d/`.
pub const CHUNK: usize = 64;
/// Title words count this many times (a match in the title ranks higher).
const TITLE_WEIGHT: u32 = 3;
/// Characters of text kept per item for its snippet.
const SNIPPET_CHARS: usize = 600;

/// One searchable thing.
struct Item {
    kind: &'static str,
    title: String,
    /// From the site root.
    url: String,
    source: Option<usize>,
    date: Option<String>,
    topics: Vec<usize>,
    /// Shown under the title, with the matched words marked.
    snippet: String,
    /// Indexed, not shipped.
    text: String,
}

/// Fold a word for the index: lower case, diacritics removed, only letters and digits.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The words of `text` as the index keeps them.
fn words(text: &str, out: &mut Vec<String>) {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    for t in &tokens {
        for part in t.text.split(|c: char| !c.is_alphanumeric()) {
            let w = fold(part);
            if !w.is_empty() && (w.len() > 1 || w.chars().all(|c| c.is_ascii_digit())) {
                out.push(w);
            }
        }
    }
}

/// The shard a word's postings live in: its first two characters.
pub fn shard_of(word: &str) -> String {
    word.chars().take(2).collect()
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
            let body = super::markdown::plain_text(&d.body);
            let summary = d
                .front
                .summary
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| body.chars().take(SNIPPET_CHARS).collect());
            let authors = d.front.authors.join(" ");
            let source = site.doc_source[i];
            let source_name = source.map(|s| site.sources[s].name.as_str()).unwrap_or("");
            Item {
                kind: "article",
                title: d.title.clone(),
                url: href(super::urls::article(&d.slug)),
                source,
                date: site.days[i].map(|day| day.to_string()),
                topics: g.doc_topics[i].clone(),
                snippet: summary.clone(),
                text: format!("{summary}\n{body}\n{authors}\n{source_name}"),
            }
        })
        .collect();
    for t in &g.topics {
        out.push(Item {
            kind: "topic",
            title: t.name.clone(),
            url: href(super::urls::topic(&t.slug)),
            source: None,
            date: None,
            topics: Vec::new(),
            snippet: t.description.clone(),
            text: t.description.clone(),
        });
    }
    for s in g.stories.iter().filter(|s| s.docs.len() >= 2) {
        out.push(Item {
            kind: "story",
            title: s.title.clone(),
            url: href(super::urls::story(&s.slug)),
            source: None,
            date: Some(s.last_day.to_string()),
            topics: s.topics.clone(),
            snippet: s.summary.clone(),
            text: s.summary.clone(),
        });
    }
    for q in &g.quotes {
        let folder = super::urls::article(&site.docs[q.doc].slug);
        let url = format!("{}#p{}", href(folder), q.paragraph);
        out.push(Item {
            kind: "quote",
            title: q.speaker_name.clone(),
            url,
            source: site.doc_source[q.doc],
            date: site.days[q.doc].map(|day| day.to_string()),
            topics: q.speaker.into_iter().collect(),
            snippet: q.text.chars().take(SNIPPET_CHARS).collect(),
            text: q.text.clone(),
        });
    }
    out
}

#[derive(Serialize)]
struct Meta<'a> {
    /// Items in all.
    n: usize,
    chunk: usize,
    /// Average length in words (BM25).
    avgdl: f64,
    /// Per item: kind letter, length, date (or ""), source index (or -1), topic indices.
    items: Vec<(&'a str, u32, &'a str, i64, &'a [usize])>,
    sources: Vec<&'a str>,
    topics: Vec<&'a str>,
    /// The shards that exist.
    shards: Vec<&'a str>,
}

/// Items whose words are counted at once: bounds the memory the per-item counts take.
const BATCH: usize = 1024;

/// Per item, its length in words and how often each word occurs (title words weigh more).
fn count(item: &Item) -> (u32, Vec<(String, u32)>) {
    let mut counts: FastMap<String, u32> = FastMap::default();
    let mut buf = Vec::new();
    words(&item.title, &mut buf);
    let title_words = buf.len() as u32;
    for w in buf.drain(..) {
        *counts.entry(w).or_insert(0) += TITLE_WEIGHT;
    }
    words(&item.text, &mut buf);
    let len = title_words + buf.len() as u32;
    for w in buf {
        *counts.entry(w).or_insert(0) += 1;
    }
    (len, counts.into_iter().collect())
}

/// The index files for `site`.
pub fn index_files(site: &Site, index_html: bool) -> Vec<Page> {
    let mut items = items(site, index_html);
    // Postings of each word, "item:count" in item order, built a batch of items at a time.
    let mut postings: FastMap<String, String> = FastMap::default();
    let mut lengths: Vec<u32> = Vec::with_capacity(items.len());
    for (b, batch) in items.chunks_mut(BATCH).enumerate() {
        let counted: Vec<(u32, Vec<(String, u32)>)> = batch
            .par_iter_mut()
            .map(|item| {
                let c = count(item);
                // Indexed now; only the snippet ships.
                item.text = String::new();
                c
            })
            .collect();
        for (k, (len, counts)) in counted.into_iter().enumerate() {
            let id = radix36(b * BATCH + k);
            lengths.push(len);
            for (word, tf) in counts {
                let list = postings.entry(word).or_default();
                if !list.is_empty() {
                    list.push(',');
                }
                let _ = write!(list, "{id}:{tf}");
            }
        }
    }
    // Shards in a stable order, each word's postings in it sorted by word.
    let mut by_shard: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (word, list) in postings {
        by_shard
            .entry(shard_of(&word))
            .or_default()
            .insert(word, list);
    }
    let postings = by_shard;
    let total: u64 = lengths.iter().map(|&len| u64::from(len)).sum();
    let kinds: Vec<&str> = items.iter().map(|it| &it.kind[..1]).collect();
    let meta = Meta {
        n: items.len(),
        chunk: CHUNK,
        avgdl: if items.is_empty() {
            1.0
        } else {
            total as f64 / items.len() as f64
        },
        items: items
            .iter()
            .zip(&lengths)
            .zip(&kinds)
            .map(|((it, len), kind)| {
                (
                    *kind,
                    *len,
                    it.date.as_deref().unwrap_or(""),
                    it.source.map_or(-1, |s| s as i64),
                    it.topics.as_slice(),
                )
            })
            .collect(),
        sources: site.sources.iter().map(|s| s.name.as_str()).collect(),
        topics: site
            .grouping
            .topics
            .iter()
            .map(|t| t.name.as_str())
            .collect(),
        shards: postings.keys().map(String::as_str).collect(),
    };
    let mut pages = vec![Page {
        path: "search/meta.js".into(),
        bytes: script("meta(", &json(&meta)).into_bytes().into(),
    }];
    for (shard, words) in &postings {
        pages.push(Page {
            path: format!("search/t/{}.js", file_name(shard)),
            bytes: script(&format!("shard({}, ", json(shard)), &json(words))
                .into_bytes()
                .into(),
        });
    }
    for (n, chunk) in items.chunks(CHUNK).enumerate() {
        let rows: Vec<(&str, &str, &str, &str, &str, &str)> = chunk
            .iter()
            .map(|it| {
                (
                    it.kind,
                    it.title.as_str(),
                    it.url.as_str(),
                    it.source.map_or("", |s| site.sources[s].name.as_str()),
                    it.date.as_deref().unwrap_or(""),
                    it.snippet.as_str(),
                )
            })
            .collect();
        pages.push(Page {
            path: format!("search/d/{n}.js"),
            bytes: script(&format!("chunk({n}, "), &json(&rows))
                .into_bytes()
                .into(),
        });
    }
    pages
}

/// A shard's file name: its letters, or their code points when not plain ASCII (file systems
/// and URLs then need no escaping).
pub fn file_name(shard: &str) -> String {
    if shard.chars().all(|c| c.is_ascii_alphanumeric()) {
        shard.to_string()
    } else {
        shard
            .chars()
            .map(|c| format!("u{:x}", c as u32))
            .collect::<Vec<_>>()
            .join("-")
    }
}

fn radix36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[n % 36]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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

/// `DossierSearch.<head><data>);`, for a file the page loads with a `<script>` element;
/// `head` is the call up to its data, such as `chunk(3, `.
fn script(head: &str, data: &str) -> String {
    format!("window.DossierSearch && DossierSearch.{head}{data});\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_like_the_page_folds_queries() {
        let mut w = Vec::new();
        words(
            "Erdoğan's visit to Zürich: al-Sisi, U.N. and 27 killed",
            &mut w,
        );
        assert_eq!(
            w,
            ["erdogan", "visit", "to", "zurich", "al", "sisi", "and", "27", "killed"]
        );
        assert_eq!(fold("Ÿes"), "yes");
        assert_eq!(shard_of("erdogan"), "er");
        assert_eq!(file_name("ér"), "ue9-u72");
    }

    #[test]
    fn scripts_cannot_be_closed_by_data() {
        let s = script("chunk(3, ", &json(&["</script><b>"]));
        assert_eq!(
            s,
            "window.DossierSearch && DossierSearch.chunk(3, [\"\\u003c/script\\u003e\\u003cb\\u003e\"]);\n"
        );
        assert_eq!(radix36(0), "0");
        assert_eq!(radix36(71), "1z");
    }
}
