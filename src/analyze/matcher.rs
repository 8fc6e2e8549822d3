//! Whole-word, case-aware matching of many phrases at once (topic names and aliases).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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
}

/// Finds phrases as whole words. Where matches overlap, the leftmost wins, then the
/// longest, then the phrase given first.
///
/// Phrases with a capital go into a case-sensitive automaton (with their all-capitals form),
/// lower-case phrases into an ASCII-case-insensitive one: lower-case text does not even
/// reach the verification step for names.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    exact: Option<AhoCorasick>,
    /// Pattern of `exact` → phrase.
    exact_phrase: Vec<usize>,
    folded: Option<AhoCorasick>,
    folded_phrase: Vec<usize>,
    phrases: Vec<Phrase>,
}

fn automaton(patterns: &[String], fold: bool) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(fold)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .ok()
}

impl PhraseMatcher {
    /// `phrases`: surface form and an id (several forms may share an id). Empty forms are
    /// ignored; a form given twice keeps its first id.
    pub fn new(phrases: impl IntoIterator<Item = (String, usize)>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut list = Vec::new();
        let (mut exact, mut exact_phrase) = (Vec::new(), Vec::new());
        let (mut folded, mut folded_phrase) = (Vec::new(), Vec::new());
        for (text, id) in phrases {
            let text = text.trim().to_string();
            if text.is_empty() || !seen.insert(text.clone()) {
                continue;
            }
            let exact_case = text.chars().any(char::is_uppercase);
            let k = list.len();
            if exact_case {
                exact.push(text.clone());
                exact_phrase.push(k);
                let upper = text.to_uppercase();
                if upper != text && seen.insert(upper.clone()) {
                    exact.push(upper);
                    exact_phrase.push(k);
                }
            } else {
                folded.push(text.clone());
                folded_phrase.push(k);
            }
            list.push(Phrase {
                text,
                id,
                exact_case,
            });
        }
        PhraseMatcher {
            exact: automaton(&exact, false),
            exact_phrase,
            folded: automaton(&folded, true),
            folded_phrase,
            phrases: list,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Non-overlapping whole-word matches in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(ac) = &self.exact {
            for m in ac.find_iter(text) {
                if whole_word(text, m.start(), m.end()) {
                    found.push((
                        m.start(),
                        m.end(),
                        self.exact_phrase[m.pattern().as_usize()],
                    ));
                }
            }
        }
        if let Some(ac) = &self.folded {
            for m in ac.find_iter(text) {
                let k = self.folded_phrase[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                if whole_word(text, s, e) && case_ok(&text[s..e], &self.phrases[k]) {
                    found.push((s, e, k));
                }
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
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
}

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

fn case_ok(found: &str, phrase: &Phrase) -> bool {
    if !phrase.exact_case {
        // The automaton folds ASCII only; other letters must be the same.
        return found.to_lowercase() == phrase.text.to_lowercase();
    }
    found == phrase.text || found == phrase.text.to_uppercase()
}

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
}
