//! A story's summary: one or two sentences taken as they are from the leads of its reports,
//! the ones whose words the other reports share most (the most central), so nothing is
//! invented and no outlet's angle dominates.

use crate::analyze::terms::{normalise_into, term_id};
use crate::analyze::text::tokenize_into;
use crate::analyze::{markdown_options, Features};
use crate::content::Document;

/// Sentences read from the start of each report.
const LEAD_SENTENCES: usize = 3;
/// A summary of two sentences stays under this many characters.
const MAX_CHARS: usize = 320;
/// Shorter sentences are datelines, captions or fragments.
const MIN_WORDS: usize = 8;
/// Paragraphs shorter than this are page furniture, not the lead.
const PROSE_WORDS: usize = 16;

/// Words that end with a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "jr", "sr", "no", "vs",
    "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov",
    "dec", "prof", "sgt", "capt", "adm", "maj",
];

/// Split a paragraph into sentences: after `.`, `!` or `?` (and any closing quote or
/// bracket) followed by a space and a capital, a digit or an opening quote, unless the word
/// before is an abbreviation or an initial ("U.S.", "J.").
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?') {
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')') {
                j += 1;
            }
            let space = j < chars.len() && chars[j].1.is_whitespace();
            let next = chars[j..]
                .iter()
                .find(|x| !x.1.is_whitespace())
                .map(|x| x.1);
            let opens = next
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(".contains(n));
            let word: String = text[start..i]
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("")
                .trim_start_matches(['"', '“', '(', '\''])
                .to_lowercase();
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&word.as_str())
                    || word.contains('.')
                    || word.chars().count() == 1);
            if space && opens && !abbreviation {
                let end = chars.get(j).map_or(text.len(), |x| x.0);
                let s = text[start..end].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = end;
            }
            k = j;
            continue;
        }
        let _ = i;
        k += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The first sentences of a document's body prose (paragraphs outside block quotes), read
/// only as far as needed.
fn lead_sentences(doc: &Document) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut para: Option<String> = None;
    let mut quote = 0usize;
    // A body that cannot be read again gives no lead here; the build fails when the
    // document's own page reads it.
    let body = doc.body_text().unwrap_or_default();
    for event in Parser::new_ext(&body, markdown_options()) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::Paragraph) if quote == 0 => para = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(p) = para.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = para.as_mut() {
                    p.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) => {
                let Some(text) = para.take() else { continue };
                if text.split_whitespace().count() < PROSE_WORDS {
                    continue;
                }
                for s in sentences(&text) {
                    if s.split_whitespace().count() >= MIN_WORDS {
                        out.push(s.to_string());
                        if out.len() == LEAD_SENTENCES {
                            return out;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Content-word ids of a sentence, sorted and unique.
fn sentence_terms(sentence: &str) -> Vec<u32> {
    let mut tokens = Vec::new();
    tokenize_into(sentence, &mut tokens);
    let mut buf = String::new();
    let mut ids: Vec<u32> = Vec::with_capacity(tokens.len());
    for t in &tokens {
        if normalise_into(t.text, &mut buf) {
            ids.push(term_id(&buf));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// One or two lead sentences of `docs` (a story's documents, in story order): the one whose
/// words the most other documents share, then the next such from another document if both
/// fit in [`MAX_CHARS`]. A single document's summary is its first lead sentence. Empty when
/// no document has prose.
pub(crate) fn summarise(docs: &[usize], all: &[Document], feats: &[&Features]) -> String {
    let mut scored: Vec<(f32, usize, usize, String)> = Vec::new();
    for (rank, &d) in docs.iter().enumerate() {
        for (k, s) in lead_sentences(&all[d]).into_iter().enumerate() {
            let terms = sentence_terms(&s);
            if terms.is_empty() {
                continue;
            }
            // Share of the sentence's words found in each other report, summed; a little
            // preference for the opening sentence, which says what happened.
            let shared: f32 = docs
                .iter()
                .filter(|&&o| o != d)
                .map(|&o| {
                    let other = &feats[o].terms;
                    let hits = terms
                        .iter()
                        .filter(|&&t| other.binary_search_by_key(&t, |x| x.hash).is_ok())
                        .count();
                    hits as f32 / terms.len() as f32
                })
                .sum();
            let score = shared + if k == 0 { 0.25 } else { 0.0 };
            scored.push((score, rank, k, s));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let Some(first) = scored.first() else {
        return String::new();
    };
    let mut summary = first.3.clone();
    if docs.len() >= 2 {
        // The second sentence must add something: not one whose words the first mostly has
        // (two outlets often print nearly the same sentence).
        let first_terms = sentence_terms(&first.3);
        let repeats = |s: &str| {
            let terms = sentence_terms(s);
            let shared = terms.iter().filter(|t| first_terms.contains(t)).count();
            terms.is_empty() || shared * 10 >= terms.len() * 6
        };
        if let Some(second) = scored.iter().find(|x| x.1 != first.1 && !repeats(&x.3)) {
            if summary.chars().count() + second.3.chars().count() < MAX_CHARS {
                summary.push(' ');
                summary.push_str(&second.3);
            }
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sentence_that_repeats_the_first_is_left_out() {
        let doc = |name: &str, body: &str| {
            crate::content::parse_document(
                std::path::Path::new(name),
                name,
                format!("---\ntitle: {name}\ndate: 2024-02-06\n---\n{body}\n").as_bytes(),
            )
            .unwrap()
        };
        let docs = vec![
            doc("a.md", "The ferry service along the coast was suspended. Divers searched the harbour."),
            doc("b.md", "The ferry service along the coast was suspended and the pier was still in the water."),
        ];
        let matcher = crate::analyze::TopicMatcher::new(&[]);
        let feats: Vec<Features> = docs
            .iter()
            .map(|d| crate::analyze::analyze(d, &matcher))
            .collect();
        let refs: Vec<&Features> = feats.iter().collect();
        let summary = summarise(&[0, 1], &docs, &refs);
        assert_eq!(summary.matches("ferry service").count(), 1, "{summary}");
    }

    #[test]
    fn sentences_split_after_full_stops_not_abbreviations() {
        let s = sentences(
            "The U.S. Air Force dropped 38,000 meals on Saturday. Mr. Biden said more would \
             follow. \"It is not enough,\" a doctor said! Talks resume in Cairo.",
        );
        assert_eq!(
            s,
            [
                "The U.S. Air Force dropped 38,000 meals on Saturday.",
                "Mr. Biden said more would follow.",
                "\"It is not enough,\" a doctor said!",
                "Talks resume in Cairo."
            ]
        );
        assert_eq!(sentences("No stop at the end"), ["No stop at the end"]);
        assert!(sentences("").is_empty());
    }
}
