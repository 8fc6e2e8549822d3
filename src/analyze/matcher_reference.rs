//! The matcher as it was before it looked up first words: two Aho-Corasick automata with
//! overlapping matches. The reference the current one must agree with.

use super::{capitalised, case_ok, whole_word, Phrase, PhraseMatch};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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

    /// Non-overlapping whole-word matches in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (ac, table) in &self.automata {
            for m in ac.find_overlapping_iter(text) {
                let (k, check) = table[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                let p = &self.phrases[k];
                if whole_word(text, s, e) && (!check || case_ok(&text[s..e], p)) {
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
