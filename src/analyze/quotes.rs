//! Attributed quotations: who said what, in which paragraph.
//!
//! Four shapes, as news copy and transcripts write them:
//! - a speaker line `(Name, Role)` followed by the quotation (same paragraph or the next);
//! - `"...," Name said` and `"...," said Name`;
//! - `Name said: "..."`;
//! - a block quote whose last line is `— Name, Role`.
//!
//! The speaker must be a name (capitalised words): "a U.S. official said" gives no quote.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::lexicon::lexicon;
use super::text::{Block, BlockKind};

/// A quotation found in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundQuote {
    /// The speaker as the document names them, after folding ("Antony Blinken" even where the
    /// line says "Blinken said").
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The quoted words, without quotation marks.
    pub text: String,
    /// 1-based paragraph number (see [`crate::analyze::markdown_options`]).
    pub paragraph: u32,
    /// Byte offset of the quote's block in the plain text.
    #[serde(skip)]
    pub offset: u32,
}

/// Attribution words of each language (data/speech_verbs.txt).
const SPEECH_VERBS: &str = include_str!("data/speech_verbs.txt");

struct Verbs {
    /// A regex alternation of every verb, the longest first (`a\s+déclaré|said|...`).
    alternation: String,
    /// The last word of each verb: a text without one of these has no attribution.
    words: std::collections::HashSet<&'static str>,
}

fn verbs() -> &'static Verbs {
    static V: OnceLock<Verbs> = OnceLock::new();
    V.get_or_init(|| {
        let mut phrases: Vec<&'static str> = SPEECH_VERBS
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .flat_map(|(_, words)| words.split_whitespace())
            .collect();
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        phrases.dedup();
        let alternation = phrases
            .iter()
            .map(|p| {
                p.split('_')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        let words = phrases
            .iter()
            .filter_map(|p| p.rsplit('_').next())
            .collect();
        Verbs { alternation, words }
    })
}
const NAME: &str = r"\p{Lu}[\p{L}\p{M}’'\-.]*(?:\s+(?:\p{Lu}[\p{L}\p{M}’'\-.]*|bin|ibn|al|el|de|da|van|von|der|del|la|le|du|al-\p{Lu}[\p{L}\-]*))*";
const MIN_WORDS: usize = 4;

struct Patterns {
    speaker_line: Regex,
    quoted: Regex,
    after: Regex,
    before: Regex,
    attribution: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    let verbs = &verbs().alternation;
    P.get_or_init(|| Patterns {
        speaker_line: Regex::new(r"^\(\s*([^,()]{3,80}?)\s*(?:,\s*([^()]{1,120}?))?\s*\)\s*$")
            .expect("static regex"),
        // “...”, "...", ''...'', «...», „...“ (German), »...« (German books), ‹...›
        quoted: Regex::new(
            r#"„([^„“”]{8,}?)[“”]|“([^“”]{8,}?)”|"([^"]{8,}?)"|''(.{8,}?)''|«([^«»]{8,}?)»|»([^»«]{8,}?)«|‹([^‹›]{8,}?)›"#,
        )
        .expect("static regex"),
        after: Regex::new(&format!(
            r"^\s*,?\s*(?:({NAME})\s+(?:{verbs})\b|(?:{verbs})\s+({NAME}))"
        ))
        .expect("static regex"),
        before: Regex::new(&format!(r"({NAME})\s+(?:{verbs})\s*[:,]\s*$")).expect("static regex"),
        attribution: Regex::new(r"^\s*(?:—|–|--|-|―)\s*([^,]{3,80}?)\s*(?:,\s*(.{1,120}?))?\s*$")
            .expect("static regex"),
    })
}

/// Find the quotes of a document's blocks. Speakers are returned as written; the caller
/// folds them to full names.
pub(crate) fn find(blocks: &[Block]) -> Vec<FoundQuote> {
    let p = patterns();
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let BlockKind::Paragraph(n) = block.kind else {
            continue;
        };
        let text = block.text.as_str();
        // (Name, Role) speaker line, quote below it.
        let (first_line, rest) = text.split_once('\n').unwrap_or((text, ""));
        let speaker_line = if first_line.trim_start().starts_with('(') {
            p.speaker_line.captures(first_line.trim())
        } else {
            None
        };
        if let Some(c) = speaker_line {
            if let Some(speaker) = c.get(1).and_then(|m| clean_speaker(m.as_str())) {
                let role = c.get(2).map(|m| m.as_str().trim().to_string());
                let (quote, para, offset) = if !rest.trim().is_empty() {
                    (rest.trim().to_string(), n, block.offset)
                } else if let Some(next) = blocks.get(i + 1) {
                    match next.kind {
                        BlockKind::Paragraph(m) => (next.text.clone(), m, next.offset),
                        _ => continue,
                    }
                } else {
                    continue;
                };
                // A transcript's speaker line introduces words in quotation marks; this
                // keeps "(Reuters)" or a photo credit from taking the next paragraph.
                let opens_quote = quote
                    .trim_start()
                    .starts_with(['"', '“', '„', '«', '»', '‹', '\'', '‘']);
                let quote = strip_marks(&quote);
                if opens_quote && long_enough(&quote) {
                    out.push(FoundQuote {
                        speaker,
                        role,
                        text: quote,
                        paragraph: para,
                        offset,
                    });
                }
                continue;
            }
        }
        // Block quote with an attribution line.
        if block.quoted {
            if let Some(q) = blockquote_attribution(blocks, i, p) {
                out.push(q);
                continue;
            }
        }
        // Quotation marks with a speaker right after or right before.
        // (An apostrophe alone opens nothing: the pattern's single quotes come in pairs.)
        if !text.contains(['"', '“', '„', '«', '»', '‹']) && !text.contains("''") {
            continue;
        }
        for m in p.quoted.find_iter(text) {
            let inner = between_marks(m.as_str());
            let quote = inner.trim().trim_end_matches(',').trim().to_string();
            if !long_enough(&quote) {
                continue;
            }
            // Cheap necessary conditions first: the patterns need a speech verb after the
            // quote, or a colon or comma right before it.
            let after = head(&text[m.end()..]);
            let before = tail(&text[..m.start()]);
            let speaker = has_verb(after)
                .then(|| p.after.captures(after))
                .flatten()
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
                .and_then(|s| clean_speaker(s.as_str()))
                .or_else(|| {
                    before
                        .trim_end()
                        .ends_with([':', ','])
                        .then(|| p.before.captures(before))
                        .flatten()
                        .and_then(|c| c.get(1))
                        .and_then(|s| clean_speaker(s.as_str()))
                });
            if let Some(speaker) = speaker {
                out.push(FoundQuote {
                    speaker,
                    role: None,
                    text: quote,
                    paragraph: n,
                    offset: block.offset,
                });
            }
        }
    }
    out
}

fn blockquote_attribution(blocks: &[Block], i: usize, p: &Patterns) -> Option<FoundQuote> {
    let block = &blocks[i];
    let BlockKind::Paragraph(n) = block.kind else {
        return None;
    };
    let (body, last) = match block.text.rsplit_once('\n') {
        Some((body, last)) => (Some(body), last),
        None => (None, block.text.as_str()),
    };
    let c = p.attribution.captures(last)?;
    let speaker = clean_speaker(c.get(1)?.as_str())?;
    let role = c.get(2).map(|m| m.as_str().trim().to_string());
    // The quote is above the attribution: in this paragraph, or the quoted one before.
    let (text, paragraph, offset) = match body {
        Some(b) if !b.trim().is_empty() => (b.to_string(), n, block.offset),
        _ => {
            let prev = blocks.get(i.checked_sub(1)?)?;
            match prev.kind {
                BlockKind::Paragraph(m) if prev.quoted => (prev.text.clone(), m, prev.offset),
                _ => return None,
            }
        }
    };
    let text = strip_marks(&text);
    long_enough(&text).then_some(FoundQuote {
        speaker,
        role,
        text,
        paragraph,
        offset,
    })
}

/// Role words of other languages than English (data/role_words.txt): whole words, and
/// endings of compound words.
struct RoleWords {
    words: std::collections::HashSet<&'static str>,
    endings: Vec<&'static str>,
}

fn role_words() -> &'static RoleWords {
    static R: OnceLock<RoleWords> = OnceLock::new();
    R.get_or_init(|| {
        let all = include_str!("data/role_words.txt")
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .flat_map(|(_, words)| words.split_whitespace());
        let mut r = RoleWords {
            words: Default::default(),
            endings: Vec::new(),
        };
        for w in all {
            match w.strip_prefix('-') {
                Some(ending) => r.endings.push(ending),
                None => {
                    r.words.insert(w);
                }
            }
        }
        r
    })
}

pub(crate) fn is_role_word(lower: &str) -> bool {
    let r = role_words();
    r.words.contains(lower) || r.endings.iter().any(|e| lower.ends_with(e))
}

/// A speaker must be a name: capitalised words, not a pronoun or a bare role, at most six
/// words. Leading role words are dropped ("Prime Minister Jan Ek" → "Jan Ek").
fn clean_speaker(raw: &str) -> Option<String> {
    let lx = lexicon();
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let lower = |w: &str| w.trim_end_matches('.').to_lowercase();
    let mut start = 0;
    while start < words.len() {
        let w = lower(words[start]);
        if lx.role_heads.contains(w.as_str())
            || lx.role_modifiers.contains(w.as_str())
            || lx.demonyms.contains(w.as_str())
            || lx.capital_stops.contains(w.as_str())
            || lx.places.contains_key(w.as_str())
            || is_role_word(&w)
            || w == "of"
        {
            start += 1;
        } else {
            break;
        }
    }
    let mut name: Vec<&str> = words[start..].to_vec();
    // A word that ends a sentence ends the name: "sagte Ilse Brandauer. Das Wasser ..."
    // (initials such as "J." are two characters at most).
    if let Some(k) = name
        .iter()
        .position(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 2)
    {
        name.truncate(k + 1);
    }
    if name.is_empty() || name.len() > 6 {
        return None;
    }
    if !name[0].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if name.iter().any(|w| lx.calendar.contains(lower(w).as_str())) {
        return None;
    }
    let joined = name.join(" ");
    let joined = joined.trim_end_matches([',', '.']).to_string();
    (joined.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(joined)
}

/// The end of `text` a "Name said:" can occupy: the last [`TAIL`] bytes or so, from a word
/// start. Searching a whole paragraph for a pattern anchored at its end costs time
/// proportional to the paragraph for every quotation in it.
fn tail(text: &str) -> &str {
    if text.len() <= TAIL {
        return text;
    }
    let mut cut = text.len() - TAIL;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let rest = &text[cut..];
    match rest.find(char::is_whitespace) {
        Some(k) => &rest[k..],
        None => rest,
    }
}

/// The words inside a match of `Patterns::quoted`: without its opening and closing marks
/// (one character each, or two for `''`).
fn between_marks(m: &str) -> &str {
    let n = if m.starts_with("''") { 2 } else { 1 };
    let mut chars = m.char_indices();
    let start = chars.nth(n - 1).map_or(m.len(), |(i, c)| i + c.len_utf8());
    let end = m.char_indices().rev().nth(n - 1).map_or(start, |(i, _)| i);
    m.get(start..end.max(start)).unwrap_or_default()
}

/// Does one of the speech verbs (data/speech_verbs.txt) occur as a word?
fn has_verb(text: &str) -> bool {
    let words = &verbs().words;
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && words.contains(w))
}

/// The start of `text` a "said Name" can occupy, up to a word end (see [`tail`]).
fn head(text: &str) -> &str {
    if text.len() <= TAIL {
        return text;
    }
    let mut cut = TAIL;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &text[..cut];
    match rest.rfind(char::is_whitespace) {
        Some(k) => &rest[..k],
        None => rest,
    }
}

/// Far longer than any speaker's name with its verb. (The regex engine's work on a
/// haystack grows with its length even when the pattern is anchored.)
const TAIL: usize = 256;

fn strip_marks(text: &str) -> String {
    let t = text.trim();
    let t = t.trim_start_matches(['"', '“', '”', '„', '«', '»', '‹', '\'', '‘']);
    let t = t.trim_end_matches(['"', '“', '”', '»', '«', '›', '\'', '’']);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn long_enough(quote: &str) -> bool {
    quote.split_whitespace().count() >= MIN_WORDS
}

#[cfg(test)]
mod tests {
    use super::super::text::blocks;
    use super::*;

    fn quotes(md: &str) -> Vec<(String, Option<String>, String, u32)> {
        find(&blocks("T", md))
            .into_iter()
            .map(|q| (q.speaker, q.role, q.text, q.paragraph))
            .collect()
    }

    #[test]
    fn speaker_lines() {
        let q = quotes("Intro.\n\n(Mara Lind, harbour pilot)\n\"The tide turns at noon and we sail.\"\n\n(Ola Berg, Mayor of Tromso)\n\n''We will rebuild the pier this year.''");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].0, "Mara Lind");
        assert_eq!(q[0].1.as_deref(), Some("harbour pilot"));
        assert_eq!(q[0].2, "The tide turns at noon and we sail.");
        assert_eq!(q[0].3, 2);
        assert_eq!(q[1].0, "Ola Berg");
        assert_eq!(q[1].3, 4);
        assert_eq!(q[1].2, "We will rebuild the pier this year.");
    }

    #[test]
    fn said_before_and_after() {
        let q = quotes(
            "“The bridge will open in May, as planned,” Lind said on Friday.\n\n\
             \"We expect more visitors than ever before,\" said Mayor Ola Berg.\n\n\
             Minister Eva Holm said: “Nobody will be left without a home.”\n\n\
             “Work goes on,” a ministry official said.\n\n\
             She called it a “very big day” for the town.",
        );
        let speakers: Vec<(&str, u32)> = q.iter().map(|x| (x.0.as_str(), x.3)).collect();
        assert_eq!(speakers, [("Lind", 1), ("Ola Berg", 2), ("Eva Holm", 3)]);
        assert_eq!(q[0].2, "The bridge will open in May, as planned");
    }

    #[test]
    fn marks_are_stripped_whole() {
        assert_eq!(between_marks("“Hello there”"), "Hello there");
        assert_eq!(between_marks("''Hello there''"), "Hello there");
        assert_eq!(between_marks("«Hé»"), "Hé");
        assert!(has_verb(", Lind said on Friday"));
        assert!(!has_verb(", Lind sayings"));
    }

    #[test]
    fn quotes_in_german_french_and_spanish() {
        let q = quotes(
            "„Wir werden die Hilfe für die Region deutlich aufstocken“, sagte Scholz am Dienstag.\n\n\
             Außenministerin Annalena Baerbock erklärte: „Eine Waffenruhe ist jetzt überfällig.“\n\n\
             « Nous ne laisserons personne sans abri cet hiver », a déclaré Macron.\n\n\
             »Das Abkommen gilt ab dem ersten Mai für alle Häfen«, so Lindner.\n\n\
             «La ayuda llegará a todas las familias afectadas», dijo Sánchez.\n\n\
             „Das ist ein guter Tag für alle“, sagte der Sprecher.",
        );
        let got: Vec<(&str, &str)> = q.iter().map(|q| (q.0.as_str(), q.2.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (
                    "Scholz",
                    "Wir werden die Hilfe für die Region deutlich aufstocken"
                ),
                ("Annalena Baerbock", "Eine Waffenruhe ist jetzt überfällig."),
                ("Macron", "Nous ne laisserons personne sans abri cet hiver"),
                (
                    "Lindner",
                    "Das Abkommen gilt ab dem ersten Mai für alle Häfen"
                ),
                ("Sánchez", "La ayuda llegará a todas las familias afectadas"),
            ]
        );
    }

    #[test]
    fn blockquote_attribution() {
        let q = quotes(
            "Text.\n\n> We are ready for the storm season.\n> — Ada Moe, Coast Guard chief\n",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "Ada Moe");
        assert_eq!(q[0].1.as_deref(), Some("Coast Guard chief"));
        assert_eq!(q[0].2, "We are ready for the storm season.");
        assert_eq!(q[0].3, 2);
    }
}
