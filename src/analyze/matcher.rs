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
    /// The all-capitals form of an exact-case phrase.
    upper: String,
    /// Lower case, for phrases the ASCII-folding automaton cannot settle alone (non-ASCII).
    lower: Option<String>,
}

/// Finds phrases as whole words. Where matches overlap, the leftmost wins, then the
/// longest, then the phrase given first.
///
/// Phrases with a capital go into a case-sensitive automaton (with their all-capitals form),
/// lower-case phrases into an ASCII-case-insensitive one: lower-case text does not even
/// reach the verification step for names. Both report overlapping candidates, and only
/// those that pass the whole-word and case checks compete for leftmost-longest, so a longer
/// candidate that fails its check never hides a shorter phrase inside it. A handful of
/// capitalised phrases (a site's topics) share the folding automaton instead, checked for
/// case after the match: one scan of the text, and the same matches.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    /// Each automaton with its pattern → (phrase, whether the case must be checked).
    automata: Vec<(AhoCorasick, Vec<(usize, bool)>)>,
    phrases: Vec<Phrase>,
}

/// Up to this many capitalised patterns share the folding automaton.
const SHARED_SCAN_MAX: usize = 256;

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
                if upper != text {
                    exact.push(upper);
                    exact_phrase.push(k);
                }
            } else {
                folded.push(text.clone());
                folded_phrase.push(k);
            }
            let lower = (!exact_case && !text.is_ascii()).then(|| text.to_lowercase());
            // The folding automaton folds ASCII letters only: a lower-case phrase with other
            // letters gets its capitalised forms ("Über", "Über Alles", "ÜBER ALLES") as
            // patterns of their own.
            if lower.is_some() {
                let mut forms = vec![
                    capitalised(&text, false),
                    capitalised(&text, true),
                    text.to_uppercase(),
                ];
                forms.dedup();
                for form in forms {
                    if !form.eq_ignore_ascii_case(&text) {
                        folded.push(form);
                        folded_phrase.push(k);
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
        let mut exact_phrase: Vec<(usize, bool)> =
            exact_phrase.into_iter().map(|k| (k, false)).collect();
        let mut folded_phrase: Vec<(usize, bool)> =
            folded_phrase.into_iter().map(|k| (k, true)).collect();
        if exact.len() <= SHARED_SCAN_MAX {
            folded.append(&mut exact);
            folded_phrase.extend(exact_phrase.drain(..).map(|(k, _)| (k, true)));
        }
        let automata = [(exact, exact_phrase, false), (folded, folded_phrase, true)]
            .into_iter()
            .filter(|(p, _, _)| !p.is_empty())
            .filter_map(|(p, table, fold)| {
                let ac = AhoCorasickBuilder::new()
                    .ascii_case_insensitive(fold)
                    .match_kind(MatchKind::Standard)
                    .build(&p)
                    .ok()?;
                Some((ac, table))
            })
            .collect();
        PhraseMatcher {
            automata,
            phrases: list,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Non-overlapping whole-word matches in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (ac, table) in &self.automata {
            for m in ac.find_overlapping_iter(text) {
                let (k, check) = table[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                if whole_word(text, s, e) && (!check || case_ok(&text[s..e], &self.phrases[k])) {
                    found.push((s, e, k));
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
    // The automaton matched ASCII letters in any case; other letters must agree too.
    match &phrase.lower {
        None => true,
        Some(lower) => found.to_lowercase() == *lower,
    }
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

    #[test]
    fn a_longer_phrase_in_the_wrong_case_hides_nothing() {
        let pm = m(&[("Strike Force", 0), ("strike", 1)]);
        let text = "a strike force; the Strike Force";
        let got: Vec<(usize, usize)> = pm.find(text).iter().map(|x| (x.start, x.id)).collect();
        assert_eq!(got, [(2, 1), (20, 0)]);
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
    fn shared_and_separate_scans_agree() {
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
        ];
        let text = "us and the US; Gazans in the Gaza Strip, GAZA; Climate Change, a strike \
                    force, the Strike Force, ZÜRICH, zürich, Über, U.S.-led";
        let small = m(&phrases);
        assert_eq!(small.automata.len(), 1, "one shared scan");
        // Enough capitalised phrases for a case-sensitive automaton of their own.
        let fillers: Vec<(String, usize)> = (0..SHARED_SCAN_MAX)
            .map(|i| (format!("Filler{i}"), 100 + i))
            .collect();
        let large = PhraseMatcher::new(
            phrases
                .iter()
                .map(|(t, i)| (t.to_string(), *i))
                .chain(fillers),
        );
        assert_eq!(large.automata.len(), 2, "two scans");
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
                "U.S."
            ]
        );
        assert_eq!(found, large.find(text));
    }
}
