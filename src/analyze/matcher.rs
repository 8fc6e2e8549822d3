//! Whole-word, case-aware matching of many phrases at once (topic names and aliases).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::fasthash::FastMap;
use super::text::char_at;

/// A phrase found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    /// The id given with the phrase.
    pub id: usize,
}

#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    id: usize,
    /// Phrases with a capital letter match only as written (or in capitals): "US" is not
    /// "us". Lower-case phrases match in any case: "climate change", "Climate Change".
    exact_case: bool,
    /// The all-capitals form of an exact-case phrase.
    upper: String,
    /// Lower case, for phrases that ASCII case folding cannot settle alone (non-ASCII).
    lower: Option<String>,
}

/// One form a phrase is looked for in.
#[derive(Debug, Clone)]
struct Pattern {
    text: Box<str>,
    /// Index into `phrases`.
    phrase: usize,
    /// Compared ignoring ASCII case, then checked with the phrase's case rule; otherwise
    /// compared byte for byte.
    fold: bool,
}

/// Finds phrases as whole words. Where matches overlap, the leftmost wins, then the
/// longest, then the phrase given first.
///
/// A whole-word match of a phrase that starts with a letter or digit starts where a word
/// of the text starts, and that word is the phrase's first word: so the matcher looks up
/// each word of the text (lower-cased) in a table of first words and compares only the
/// phrases listed there. Every phrase that passes its whole-word and case checks competes
/// for leftmost-longest, so a longer candidate that fails its check never hides a shorter
/// phrase inside it. Phrases with a capital match as written or in capitals, lower-case
/// phrases in any case (with their capitalised forms listed for letters beyond ASCII).
/// The rare phrase that starts with another character ("#MeToo") can start anywhere and is
/// found by an automaton.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    phrases: Vec<Phrase>,
    patterns: Vec<Pattern>,
    /// Hash of the lower-cased first word ([`word_key`]) → patterns that start with it, in
    /// the order given. (Two words with one hash only add candidates that fail to compare.)
    by_first_word: FastMap<u64, Vec<u32>>,
    /// Patterns that do not start with a letter or digit, and their automaton.
    anywhere: Option<(AhoCorasick, Vec<u32>)>,
}

impl PhraseMatcher {
    /// `phrases`: surface form and an id (several forms may share an id). Empty forms are
    /// ignored; a form given twice keeps its first id.
    pub fn new(phrases: impl IntoIterator<Item = (String, usize)>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut list = Vec::new();
        let mut patterns = Vec::new();
        for (text, id) in phrases {
            // Phrases and texts are compared with their diacritics folded ("Erdoğan" finds
            // "Erdogan" and the other way round).
            let text = super::fold::fold(text.trim());
            if text.is_empty() || !seen.insert(text.clone()) {
                continue;
            }
            let k = list.len();
            let exact_case = text.chars().any(char::is_uppercase);
            let pattern = |form: String, fold: bool| Pattern {
                text: form.into_boxed_str(),
                phrase: k,
                fold,
            };
            if exact_case {
                let upper = text.to_uppercase();
                patterns.push(pattern(text.clone(), false));
                if upper != text {
                    patterns.push(pattern(upper, false));
                }
            } else {
                patterns.push(pattern(text.clone(), true));
            }
            let lower = (!exact_case && !text.is_ascii()).then(|| text.to_lowercase());
            // Folding covers ASCII letters only: a lower-case phrase with other letters gets
            // its capitalised forms ("Über", "Über Alles", "ÜBER ALLES") as patterns of
            // their own.
            if lower.is_some() {
                let mut forms = vec![
                    capitalised(&text, false),
                    capitalised(&text, true),
                    text.to_uppercase(),
                ];
                forms.dedup();
                for form in forms {
                    if !form.eq_ignore_ascii_case(&text) {
                        patterns.push(pattern(form, true));
                    }
                }
            }
            let upper = if exact_case {
                text.to_uppercase()
            } else {
                String::new()
            };
            list.push(Phrase {
                text,
                id,
                exact_case,
                upper,
                lower,
            });
        }
        let mut by_first_word: FastMap<u64, Vec<u32>> = FastMap::default();
        let mut anywhere = Vec::new();
        for (p, pattern) in patterns.iter().enumerate() {
            if char_at(&pattern.text, 0).is_alphanumeric() {
                let (_, key) = word_key(&pattern.text, 0);
                by_first_word.entry(key).or_default().push(p as u32);
            } else {
                anywhere.push(p as u32);
            }
        }
        let anywhere = (!anywhere.is_empty())
            .then(|| {
                let forms = anywhere.iter().map(|&p| &*patterns[p as usize].text);
                let ac = AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(forms)
                    .ok()?;
                Some((ac, anywhere))
            })
            .flatten();
        PhraseMatcher {
            phrases: list,
            patterns,
            by_first_word,
            anywhere,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Non-overlapping whole-word matches in `text`, in order, diacritics folded; offsets
    /// are `text`'s.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        match super::fold::fold_with_offsets(text) {
            None => self.find_folded(text),
            Some((folded, offsets)) => {
                let mut found = self.find_folded(&folded);
                for m in &mut found {
                    m.start = offsets[m.start] as usize;
                    m.end = offsets[m.end] as usize;
                }
                found
            }
        }
    }

    /// [`PhraseMatcher::find`] in text already folded.
    fn find_folded(&self, text: &str) -> Vec<PhraseMatch> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            let b = bytes[i];
            if b.is_ascii() && ASCII_LOWER_ALNUM[usize::from(b)] == 0 {
                i += 1;
                continue;
            }
            let c = char_at(text, i);
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            let (word_end, key) = word_key(text, i);
            if let Some(candidates) = self.by_first_word.get(&key) {
                for &p in candidates {
                    let pattern = &self.patterns[p as usize];
                    let end = i + pattern.text.len();
                    let Some(found_text) = text.get(i..end) else {
                        continue;
                    };
                    let same = if pattern.fold {
                        bytes[i..end].eq_ignore_ascii_case(pattern.text.as_bytes())
                    } else {
                        found_text == &*pattern.text
                    };
                    if same && self.valid(text, i, end, pattern) {
                        found.push((i, end, pattern.phrase));
                    }
                }
            }
            i = word_end;
        }
        if let Some((ac, table)) = &self.anywhere {
            for m in ac.find_overlapping_iter(text) {
                let pattern = &self.patterns[table[m.pattern().as_usize()] as usize];
                let (s, e) = (m.start(), m.end());
                // The automaton ignores ASCII case: patterns that keep it compare again.
                let same = pattern.fold || text[s..e] == *pattern.text;
                if same && self.valid(text, s, e, pattern) {
                    found.push((s, e, pattern.phrase));
                }
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut last_end = 0;
        for (s, e, k) in found {
            if s >= last_end {
                out.push(PhraseMatch {
                    start: s,
                    end: e,
                    id: self.phrases[k].id,
                });
                last_end = e;
            }
        }
        out
    }

    /// A pattern found at `text[s..e]` (equal to it, ignoring ASCII case where it folds)
    /// stands as a whole word in the case its phrase allows.
    fn valid(&self, text: &str, s: usize, e: usize, pattern: &Pattern) -> bool {
        whole_word(text, s, e)
            && (!pattern.fold || case_ok(&text[s..e], &self.phrases[pattern.phrase]))
    }
}

/// The end of the run of letters and digits starting at byte `i` of `text`, and a hash of
/// the run in lower case: ASCII in one pass, other text through `to_lowercase`.
fn word_key(text: &str, i: usize) -> (usize, u64) {
    let bytes = text.as_bytes();
    let mut hash = HASH_OFFSET;
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        let lower = ASCII_LOWER_ALNUM[usize::from(b)];
        if lower != 0 {
            hash = (hash ^ u64::from(lower)).wrapping_mul(HASH_PRIME);
            j += 1;
        } else if b.is_ascii() || !char_at(text, j).is_alphanumeric() {
            return (j, hash);
        } else {
            let end = text[i..]
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(text.len(), |(k, _)| i + k);
            let lower = text[i..end].to_lowercase();
            let hash = lower.bytes().fold(HASH_OFFSET, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(HASH_PRIME)
            });
            return (end, hash);
        }
    }
    (j, hash)
}

const HASH_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const HASH_PRIME: u64 = 0x0100_0000_01b3;

/// Each ASCII letter or digit in lower case; 0 for every other byte.
const ASCII_LOWER_ALNUM: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let inner_first = text[start..end].chars().next();
    let inner_last = text[start..end].chars().next_back();
    // A boundary is needed only where the phrase itself starts or ends with a word character
    // ("U.S." may be followed by a letter-less dot, never by a letter though).
    let ok_before = !(before.is_some_and(char::is_alphanumeric)
        && inner_first.is_some_and(char::is_alphanumeric));
    let ok_after = !after.is_some_and(char::is_alphanumeric)
        || !inner_last.is_some_and(|c| c.is_alphanumeric() || c == '.');
    ok_before && ok_after
}

/// `text` with its first letter (`every_word`: each word's first letter) in capitals.
fn capitalised(text: &str, every_word: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    for c in text.chars() {
        if at_start && c.is_alphanumeric() {
            out.extend(c.to_uppercase());
            at_start = false;
        } else {
            out.push(c);
            if every_word && c.is_whitespace() {
                at_start = true;
            }
        }
    }
    out
}

fn case_ok(found: &str, phrase: &Phrase) -> bool {
    if phrase.exact_case {
        return found == phrase.text || found == phrase.upper;
    }
    // ASCII letters were compared in any case; other letters must agree too.
    match &phrase.lower {
        None => true,
        Some(lower) => found.to_lowercase() == *lower,
    }
}

/// The matcher as it was before it looked up first words: two Aho-Corasick automata with
/// overlapping matches. The reference the current one must agree with.
#[cfg(test)]
#[path = "matcher_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    fn m(phrases: &[(&str, usize)]) -> PhraseMatcher {
        PhraseMatcher::new(phrases.iter().map(|(t, i)| (t.to_string(), *i)))
    }

    #[test]
    fn whole_words_and_case() {
        let pm = m(&[
            ("US", 0),
            ("Gaza", 1),
            ("Gaza Strip", 1),
            ("climate change", 2),
        ]);
        let text = "Let us go: the US and Gazans, the Gaza Strip, GAZA. Climate Change!";
        let got: Vec<&str> = pm
            .find(text)
            .iter()
            .map(|x| &text[x.start..x.end])
            .collect();
        assert_eq!(got, ["US", "Gaza Strip", "GAZA", "Climate Change"]);
    }

    #[test]
    fn longest_first_and_first_id_wins() {
        let pm = m(&[
            ("Blinken", 0),
            ("Antony Blinken", 0),
            ("Antony", 3),
            ("Blinken", 9),
        ]);
        let text = "Antony Blinken met. Blinken left.";
        let got: Vec<(usize, usize)> = pm.find(text).iter().map(|x| (x.start, x.id)).collect();
        assert_eq!(got, [(0, 0), (20, 0)]);
    }

    #[test]
    fn dotted_acronyms() {
        let pm = m(&[("U.S.", 0)]);
        let text = "the U.S.-led plan, U.S. officials; U.S.A";
        let got: Vec<usize> = pm.find(text).iter().map(|x| x.start).collect();
        assert_eq!(got, [4, 19]);
    }

    #[test]
    fn a_longer_phrase_in_the_wrong_case_hides_nothing() {
        let pm = m(&[("Strike Force", 0), ("strike", 1)]);
        let text = "a strike force; the Strike Force";
        let got: Vec<(usize, usize)> = pm.find(text).iter().map(|x| (x.start, x.id)).collect();
        assert_eq!(got, [(2, 1), (20, 0)]);
    }

    #[test]
    fn diacritics_fold_both_ways() {
        let matcher = m(&[("Erdogan", 0), ("São Paulo", 1)]);
        let text = "Präsident Erdoğan traf in Sao Paulo ein.";
        let found = matcher.find(text);
        let spans: Vec<(&str, usize)> = found
            .iter()
            .map(|f| (&text[f.start..f.end], f.id))
            .collect();
        assert_eq!(spans, vec![("Erdoğan", 0), ("Sao Paulo", 1)]);
        // Case still counts: a capitalised phrase is a name.
        assert!(matcher.find("erdoğan").is_empty());
    }

    #[test]
    fn capitals_beyond_ascii() {
        let pm = m(&[("Zürich", 0), ("über", 1)]);
        let text = "Zürich, ZÜRICH, zürich, ÜBER and Über";
        let got: Vec<&str> = pm
            .find(text)
            .iter()
            .map(|x| &text[x.start..x.end])
            .collect();
        assert_eq!(got, ["Zürich", "ZÜRICH", "ÜBER", "Über"]);
    }

    #[test]
    fn agrees_with_the_automata_whatever_their_layout() {
        let phrases = [
            ("US", 0),
            ("Gaza Strip", 1),
            ("Gaza", 1),
            ("climate change", 2),
            ("Strike Force", 3),
            ("strike", 4),
            ("Zürich", 5),
            ("über", 6),
            ("U.S.", 7),
            ("#MeToo", 8),
            ("'Ndrangheta", 9),
            ("Αθήνα", 10),
        ];
        let text = "us and the US; Gazans in the Gaza Strip, GAZA; Climate Change, a strike \
                    force, the Strike Force, ZÜRICH, zürich, Über, U.S.-led, #metoo #MeToo \
                    the 'Ndrangheta, ΑΘΉΝΑ Αθήνα";
        let small = m(&phrases);
        let found = small.find(text);
        let got: Vec<&str> = found.iter().map(|x| &text[x.start..x.end]).collect();
        assert_eq!(
            got,
            [
                "US",
                "Gaza Strip",
                "GAZA",
                "Climate Change",
                "strike",
                "Strike Force",
                "ZÜRICH",
                "Über",
                "U.S.",
                "#MeToo",
                "'Ndrangheta",
                "ΑΘΉΝΑ",
                "Αθήνα"
            ]
        );
        // The reference: one shared automaton for a few capitalised phrases, two for many.
        let fillers: Vec<(String, usize)> =
            (0..300).map(|i| (format!("Filler{i}"), 100 + i)).collect();
        let all = || {
            phrases
                .iter()
                .map(|(t, i)| (t.to_string(), *i))
                .chain(fillers.iter().cloned())
        };
        let reference_small =
            reference::PhraseMatcher::new(phrases.iter().map(|(t, i)| (t.to_string(), *i)));
        assert_eq!(found, reference_small.find(text));
        let large = PhraseMatcher::new(all());
        assert_eq!(
            large.find(text),
            reference::PhraseMatcher::new(all()).find(text)
        );
        assert_eq!(large.find(text), found);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_automata(
            phrases in proptest::collection::vec(
                ("(gaza|Gaza|GAZA|Strip|strip|U\\.S\\.|US|us|über|Über|Ür|al|Al|-|#|'|\\.| ){1,4}", 0usize..5),
                0..12,
            ),
            text in "(gaza|Gaza|GAZA|Strip|strip|U\\.S\\.|US|us|über|Über|ÜBER|Ür|al|Al|Alps|-|#|'|\\.| |, |x){0,40}",
        ) {
            let new = PhraseMatcher::new(phrases.iter().cloned());
            let old = reference::PhraseMatcher::new(phrases.iter().cloned());
            proptest::prop_assert_eq!(new.find(&text), old.find(&text));
        }
    }
}
