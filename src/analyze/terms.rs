//! Content words for similarity: normalised, counted and hashed.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::fasthash::FastMap;

use serde::Serialize;

use super::lexicon::lexicon;
use super::text::Token;

/// How often one content word occurs in a document. The word itself is kept only as a
/// stable 32-bit hash ([`term_id`]), which is all similarity needs (8 bytes a term: a rare
/// collision merges two words, which similarity shrugs off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TermCount {
    pub hash: u32,
    pub count: u16,
    /// The word is in the title.
    pub in_title: bool,
    /// The word is in the lead: the first sentences of the body's prose, where a report
    /// says what happened, who and where.
    #[serde(default)]
    pub in_lead: bool,
}

/// Where a block of text sits, for term weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Title,
    /// The first prose of the body.
    Lead,
    Body,
}

/// At most this many terms are kept per document: every title word, then the most frequent.
/// High on purpose: the words used once carry most of what two reports of one event share.
pub const MAX_TERMS: usize = 1000;

/// FNV-1a: stable across runs, platforms and versions, so cached features stay valid.
pub fn term_hash(term: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in term.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The 32-bit term id stored in [`TermCount`]: both halves of [`term_hash`] folded.
pub fn term_id(term: &str) -> u32 {
    let h = term_hash(term);
    (h ^ (h >> 32)) as u32
}

/// The normal form of a word for similarity, or `None` for stop words, numbers and very short
/// words. Lower case, without hyphens, dots and apostrophes, with a light plural stemming.
pub fn normalise(word: &str) -> Option<String> {
    let mut w = String::new();
    normalise_into(word, &mut w).then_some(w)
}

/// [`normalise`] into a reused buffer; false for words that are no terms.
pub fn normalise_into(word: &str, w: &mut String) -> bool {
    w.clear();
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Nearly every word: a copy, lower-cased in place.
        w.push_str(word);
        w.make_ascii_lowercase();
    } else if word.is_ascii() {
        w.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        for c in word.chars() {
            if c.is_ascii_alphanumeric() {
                w.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                w.extend(c.to_lowercase());
            }
        }
    }
    if w.len() < 3 && w.chars().count() < 3 || w.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if lexicon().stop_terms.contains(w.as_str()) {
        return false;
    }
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 4
        && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("sses") || w.ends_with("xes"))
    {
        w.truncate(n - 2);
    } else if n > 3
        && w.ends_with('s')
        && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is"))
    {
        w.truncate(n - 1);
    }
    true
}

/// Stop words of languages other than English (data/stopwords/*.txt; English's are the
/// lexicon's), by language subtag.
const STOP_WORDS: &[(&str, &str)] = &[
    ("de", include_str!("data/stopwords/de.txt")),
    ("fr", include_str!("data/stopwords/fr.txt")),
    ("es", include_str!("data/stopwords/es.txt")),
];

/// A language's stop words in the form [`normalise_into`] gives (plural endings cut as
/// words are), so a normalised word is looked up as it is.
pub(crate) fn stop_words(lang: &str) -> Option<&'static HashSet<String>> {
    static SETS: OnceLock<Vec<(&'static str, HashSet<String>)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        STOP_WORDS
            .iter()
            .map(|(l, text)| {
                let mut set = HashSet::new();
                let mut w = String::new();
                for word in text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .flat_map(str::split_whitespace)
                {
                    if normalise_into(word, &mut w) {
                        set.insert(w.clone());
                    }
                }
                (*l, set)
            })
            .collect()
    });
    let primary = crate::lang::primary(lang);
    sets.iter().find(|(l, _)| *l == primary).map(|(_, s)| s)
}

/// A language's function words as written, lower case (the stop words before
/// normalisation), for telling names from capitalised words; `None` for English.
pub(crate) fn function_words(lang: &str) -> Option<&'static HashSet<String>> {
    static SETS: OnceLock<Vec<(&'static str, HashSet<String>)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        STOP_WORDS
            .iter()
            .map(|(l, text)| {
                let set = text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .flat_map(str::split_whitespace)
                    .map(str::to_lowercase)
                    .collect();
                (*l, set)
            })
            .collect()
    });
    let primary = crate::lang::primary(lang);
    sets.iter().find(|(l, _)| *l == primary).map(|(_, s)| s)
}

/// Counts terms over the blocks of one document.
pub(crate) struct TermCounter {
    /// Term id → (count, in title, in lead, length).
    counts: FastMap<u32, (u32, bool, bool, u32)>,
    buf: String,
    /// The document's language's stop words, beside English's.
    stops: Option<&'static HashSet<String>>,
}

impl Default for TermCounter {
    fn default() -> Self {
        TermCounter {
            // Room for a typical article's distinct words: no regrowth on the way.
            counts: FastMap::with_capacity_and_hasher(512, Default::default()),
            buf: String::new(),
            stops: None,
        }
    }
}

impl TermCounter {
    /// A counter for a document in `lang` (a BCP 47 tag): its stop words are left out too.
    pub fn for_language(lang: &str) -> TermCounter {
        TermCounter {
            stops: stop_words(lang),
            ..TermCounter::default()
        }
    }

    pub fn add(&mut self, tokens: &[Token<'_>], place: Place) {
        for t in tokens {
            if normalise_into(t.text, &mut self.buf)
                && !self.stops.is_some_and(|s| s.contains(self.buf.as_str()))
            {
                let e = self.counts.entry(term_id(&self.buf)).or_insert((
                    0,
                    false,
                    false,
                    self.buf.len() as u32,
                ));
                e.0 += 1;
                e.1 |= place == Place::Title;
                e.2 |= place == Place::Lead;
            }
        }
    }

    /// Title terms first, then lead terms, then by count, then longer words (rarer, on the whole), then the
    /// id: a total order, so the kept set never depends on hash-map order.
    pub fn finish(self) -> Vec<TermCount> {
        let mut all: Vec<(u32, (u32, bool, bool, u32))> = self.counts.into_iter().collect();
        if all.len() > MAX_TERMS {
            all.sort_unstable_by(|a, b| {
                b.1 .1
                    .cmp(&a.1 .1)
                    .then(b.1 .2.cmp(&a.1 .2))
                    .then(b.1 .0.cmp(&a.1 .0))
                    .then(b.1 .3.cmp(&a.1 .3))
                    .then(a.0.cmp(&b.0))
            });
            all.truncate(MAX_TERMS);
        }
        // Into a fresh, exact buffer: collecting in place would keep the source's allocation,
        // twice the size these 8-byte entries need, for the life of the features.
        let mut out: Vec<TermCount> = Vec::with_capacity(all.len());
        out.extend(all.into_iter().map(|(id, (c, ti, le, _))| TermCount {
            hash: id,
            count: c.min(u32::from(u16::MAX)) as u16,
            in_title: ti,
            in_lead: le,
        }));
        out.sort_unstable_by_key(|t| t.hash);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_plurals_and_drops_stop_words() {
        assert_eq!(normalise("Hostages").as_deref(), Some("hostage"));
        assert_eq!(normalise("talks").as_deref(), Some("talk"));
        assert_eq!(normalise("cease-fire").as_deref(), Some("ceasefire"));
        assert_eq!(normalise("ceasefire").as_deref(), Some("ceasefire"));
        assert_eq!(normalise("militias").as_deref(), Some("militia"));
        assert_eq!(normalise("the"), None);
        assert_eq!(normalise("2024"), None);
        assert_eq!(normalise("crisis").as_deref(), Some("crisis"));
    }

    #[test]
    fn stop_words_of_the_document_language() {
        let de = stop_words("de-AT").unwrap();
        for w in ["werden", "dies", "zwischen"] {
            let n = normalise(w).unwrap();
            assert!(de.contains(&n), "{w} -> {n}");
        }
        assert!(stop_words("en").is_none());
        let mut c = TermCounter::for_language("de");
        let tokens = crate::analyze::text::tokenize("Die Regierung werden zwischen Hochwasser");
        c.add(&tokens, Place::Body);
        assert_eq!(c.finish().len(), 2, "Regierung and Hochwasser only");
    }

    #[test]
    fn hash_is_stable() {
        // FNV-1a of "a": a fixed value, so a change of hash function is noticed.
        assert_eq!(term_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
