//! Where a story's reports disagree: figures that count the same thing ("at least 27
//! killed", "30 people were killed") but differ from one outlet to another.
//!
//! Each report is read once, paragraph by paragraph: a number followed, within a few words
//! and in the same sentence, by a word naming what it counts (killed, injured, hostages...).
//! A report's first figure for a measure stands for it (later ones often count something
//! else: a daily toll, then the war's). A measure is a disagreement when two outlets give
//! values that differ but stay within a factor of [`SAME_SCALE`] of each other; further apart,
//! they most likely count different things. Linear in the length of the reports.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Two figures further apart than this factor count different things.
const SAME_SCALE: f64 = 3.0;
/// Words read after a number when looking for what it counts.
const MEASURE_WINDOW: usize = 5;

/// What a figure counts, by the words that name it. The first word of each entry is the
/// name shown to readers.
const MEASURES: &[(&str, &[&str])] = &[
    (
        "killed",
        &[
            "killed",
            "dead",
            "died",
            "deaths",
            "death",
            "fatalities",
            "lives",
            "kill",
        ],
    ),
    ("injured", &["injured", "wounded", "hurt", "injuries"]),
    ("hostages", &["hostages", "hostage", "captives", "abducted"]),
    (
        "prisoners",
        &["prisoners", "detainees", "detained", "arrested"],
    ),
    (
        "displaced",
        &["displaced", "evacuated", "refugees", "homeless"],
    ),
    ("missing", &["missing"]),
    ("aid trucks", &["trucks", "lorries"]),
    ("rescued", &["rescued", "freed", "released"]),
];

/// Words between a number and the word that names what it counts that do not change what
/// is counted ("27 people were killed", "30 Palestinians killed"). Anything that is not here,
/// not a measure word and starts with a lower-case letter ends the search: "27 days" or
/// "3 buildings destroyed" are not tolls.
const FILLER: &[&str] = &[
    "people",
    "persons",
    "person",
    "of",
    "the",
    "them",
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "are",
    "is",
    "being",
    "more",
    "other",
    "others",
    "reportedly",
    "confirmed",
    "civilians",
    "civilian",
    "children",
    "women",
    "men",
    "soldiers",
    "troops",
    "residents",
    "workers",
    "staff",
    "members",
    "individuals",
    "police",
    "officers",
    "fighters",
    "militants",
    "israeli",
    "palestinian",
    "including",
    "in",
    "total",
    "all",
    "who",
    "later",
    "now",
    "reported",
    "believed",
    "feared",
    "still",
    "being",
    "held",
    "taken",
    "as",
];

/// Qualifiers read before a number and kept with the figure ("at least 27").
const QUALIFIERS: &[&str] = &[
    "at least",
    "more than",
    "fewer than",
    "less than",
    "up to",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "over",
    "under",
    "estimated",
];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("dozen", 12.0),
    ("hundred", 100.0),
];

/// One report of a story, as the comparison reads it.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The document's index (handed back in [`Figure::doc`]).
    pub doc: usize,
    /// The outlet's name; reports from one outlet never disagree with each other.
    pub outlet: &'a str,
    /// The Markdown body.
    pub body: &'a str,
}

/// A figure as one report gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub doc: usize,
    /// 1-based paragraph (the article page's `id="pN"`).
    pub paragraph: usize,
    pub value: f64,
    /// The words as printed, from the qualifier to the measure word ("at least 27 killed").
    pub phrase: String,
    /// The sentence the figure is in.
    pub sentence: String,
}

/// Figures for one measure that differ across outlets, in the reports' order.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// What is counted: "killed", "injured", ...
    pub measure: &'static str,
    pub figures: Vec<Figure>,
}

/// The measures the reports disagree on, in the order of [`MEASURES`]. Reports are taken in
/// the order given (a story's date order); each report gives at most one figure per measure.
pub fn disagreements(reports: &[Report<'_>]) -> Vec<Disagreement> {
    let mut by_measure: Vec<Vec<(usize, Figure)>> = vec![Vec::new(); MEASURES.len()];
    for (r, report) in reports.iter().enumerate() {
        let mut seen = [false; MEASURES.len()];
        for (measure, figure) in figures(report.doc, report.body) {
            if !seen[measure] {
                seen[measure] = true;
                by_measure[measure].push((r, figure));
            }
        }
    }
    let mut out = Vec::new();
    for (m, list) in by_measure.into_iter().enumerate() {
        let outlets: std::collections::BTreeSet<&str> =
            list.iter().map(|(r, _)| reports[*r].outlet).collect();
        if outlets.len() < 2 {
            continue;
        }
        let values: Vec<f64> = list.iter().map(|(_, f)| f.value).collect();
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(0.0, f64::max);
        if min <= 0.0 || max == min || max / min > SAME_SCALE {
            continue;
        }
        // The outlets that disagree must be different ones: one outlet's two values alone are
        // an update, not a disagreement.
        let distinct_by_outlet: std::collections::BTreeSet<(&str, u64)> = list
            .iter()
            .map(|(r, f)| (reports[*r].outlet, f.value.to_bits()))
            .collect();
        let values_across: std::collections::BTreeSet<u64> =
            distinct_by_outlet.iter().map(|(_, v)| *v).collect();
        if values_across.len() < 2 {
            continue;
        }
        out.push(Disagreement {
            measure: MEASURES[m].0,
            figures: list.into_iter().map(|(_, f)| f).collect(),
        });
    }
    out
}

/// Every figure of a body with its measure's index, in reading order.
pub fn figures(doc: usize, body: &str) -> Vec<(usize, Figure)> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(body, crate::analyze::markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraph += 1;
                inside = true;
                text.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                inside = false;
                // Most paragraphs hold no number at all: they are not split into words.
                if may_hold_figure(&text) {
                    for sentence in sentences(&text) {
                        figures_in_sentence(doc, paragraph, sentence, &mut out);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    out
}

/// Whether a text can hold a figure at all: a digit or a number word.
fn may_hold_figure(text: &str) -> bool {
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    NUMBER_WORDS.iter().any(|(w, _)| lower.contains(w))
}

/// Split at `.`, `!`, `?` or `;` followed by a space (not inside "1.5" or "U.S.").
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut cuts = Vec::new();
    for i in 0..bytes.len() {
        let end_mark = matches!(bytes[i], b'.' | b'!' | b'?' | b';');
        let next_space = bytes.get(i + 1).is_some_and(|b| *b == b' ');
        let next_upper = bytes
            .get(i + 2)
            .is_some_and(|b| b.is_ascii_uppercase() || *b == b'"' || *b >= 0x80);
        // "U.S. officials": a one-letter word before the dot is an abbreviation.
        let abbreviation = bytes[i] == b'.'
            && i >= 2
            && bytes[i - 1].is_ascii_uppercase()
            && !bytes[i - 2].is_ascii_alphanumeric();
        if end_mark && next_space && (next_upper || bytes[i] == b';') && !abbreviation {
            cuts.push((start, i + 1));
            start = i + 2;
        }
    }
    cuts.push((start, text.len()));
    cuts.into_iter()
        .filter(|(a, b)| a < b)
        .map(move |(a, b)| text[a..b].trim())
}

/// A word with the punctuation around it removed, and its byte span in the sentence.
struct Word<'a> {
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
    /// Followed by a comma, colon, dash or bracket: the phrase ends here.
    closes: bool,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in sentence.split(' ') {
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = raw
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%');
        if !core.is_empty() {
            let tail = &raw[lead + core.len()..];
            out.push(Word {
                text: core,
                lower: core.to_lowercase(),
                start: offset + lead,
                end: offset + lead + core.len(),
                closes: tail.contains([',', ':', ';', '(', ')', '–', '—']),
            });
        }
        offset += raw.len() + 1;
    }
    out
}

/// A word's value as a count: "27", "1,200", "1.5" (then "million"), "three".
fn number(word: &Word<'_>) -> Option<f64> {
    let t = word.text;
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        if !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return None;
        }
        // "1,200" groups of three after the first comma; anything else is not a count.
        let plain = t.replace(',', "");
        if t.contains(',') && t.split(',').skip(1).any(|g| g.len() != 3) {
            return None;
        }
        return plain.parse::<f64>().ok();
    }
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word.lower)
        .map(|(_, v)| *v)
}

fn figures_in_sentence(
    doc: usize,
    paragraph: usize,
    sentence: &str,
    out: &mut Vec<(usize, Figure)>,
) {
    let list = words(sentence);
    let mut i = 0;
    while i < list.len() {
        let Some(mut value) = number(&list[i]) else {
            i += 1;
            continue;
        };
        let first = i;
        // A year, a date or an age is not a count.
        let prev = first.checked_sub(1).map(|p| list[p].lower.as_str());
        let next = list.get(i + 1).map(|w| w.lower.as_str());
        let is_year = list[i].text.len() == 4
            && !list[i].text.contains([',', '.'])
            && (1900.0..=2100.0).contains(&value);
        let near_month = prev.is_some_and(crate::lang::calendar::is_month)
            || next.is_some_and(crate::lang::calendar::is_month);
        // "All but four": the number counts the others.
        let all_but = prev == Some("but");
        if is_year || near_month || all_but {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // "1.5 million", "two thousand", "dozens" is too vague to compare.
        while let Some(w) = list.get(j) {
            let scale = match w.lower.as_str() {
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" => 1e9,
                _ => break,
            };
            value *= scale;
            j += 1;
        }
        let mut measure = None;
        let mut k = j;
        // One capitalised word may stand between ("30 Palestinians killed"); more is a
        // name or a headline's capitals ("2 In Custody After Death").
        let mut names = 0;
        let mut closed = list[j - 1].closes;
        while !closed && k < list.len() && k < j + MEASURE_WINDOW {
            let w = &list[k];
            let capitalised = w.text.starts_with(|c: char| c.is_uppercase());
            let is_measure = MEASURES
                .iter()
                .position(|(_, ws)| ws.contains(&w.lower.as_str()));
            if let (Some(m), false) = (is_measure, capitalised) {
                measure = Some(m);
                break;
            }
            names += usize::from(capitalised);
            if number(w).is_some()
                || names > 1
                || !(FILLER.contains(&w.lower.as_str()) || capitalised)
            {
                break;
            }
            closed = w.closes;
            k += 1;
        }
        let Some(m) = measure else {
            i = j.max(i + 1);
            continue;
        };
        // Take the qualifier in front ("at least"), one or two words.
        let mut from = first;
        for q in QUALIFIERS {
            let parts: Vec<&str> = q.split(' ').collect();
            if first >= parts.len()
                && parts
                    .iter()
                    .enumerate()
                    .all(|(n, p)| list[first - parts.len() + n].lower == *p)
            {
                from = first - parts.len();
                break;
            }
        }
        out.push((
            m,
            Figure {
                doc,
                paragraph,
                value,
                phrase: sentence[list[from].start..list[k].end].to_string(),
                sentence: sentence.to_string(),
            },
        ));
        i = k + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report<'a>(doc: usize, outlet: &'a str, body: &'a str) -> Report<'a> {
        Report { doc, outlet, body }
    }

    fn phrases(body: &str) -> Vec<(&'static str, String, f64, usize)> {
        figures(0, body)
            .into_iter()
            .map(|(m, f)| (MEASURES[m].0, f.phrase, f.value, f.paragraph))
            .collect()
    }

    #[test]
    fn reads_counts_with_their_qualifiers() {
        let got = phrases(
            "An air strike on the camp left at least 27 people killed, officials said.\n\n\
             Another 1,200 were wounded. Three hostages were freed on Tuesday.",
        );
        assert_eq!(
            got,
            vec![
                ("killed", "at least 27 people killed".to_string(), 27.0, 1),
                ("injured", "1,200 were wounded".to_string(), 1200.0, 2),
                ("hostages", "Three hostages".to_string(), 3.0, 2),
            ]
        );
    }

    #[test]
    fn years_dates_and_other_counts_are_not_tolls() {
        assert!(phrases("In 2024 the talks resumed.").is_empty());
        assert!(phrases("On March 3 the envoy arrived; 12 killed was a rumour.").len() == 1);
        assert!(phrases("The truce lasted 7 days before anyone was killed.").is_empty());
        assert!(phrases("It took 3 buildings and many were killed.").is_empty());
    }

    #[test]
    fn names_headlines_and_clauses_end_the_search() {
        // A title in a list, a headline's capitals, a second clause, "all but".
        assert!(phrases("They include Final Battle 2, Red Dead Redemption and more.").is_empty());
        assert!(phrases("Police: 2 In Custody After Death Of Student").is_empty());
        assert!(phrases("Israel has lost 18 soldiers and killed dozens of militants.").is_empty());
        assert!(phrases("All but four have now been released.").is_empty());
        assert_eq!(
            phrases("Officials said 30 Palestinians were killed.").len(),
            1
        );
    }

    #[test]
    fn scales_and_number_words() {
        let got = phrases("About 1.5 million displaced people fled south.");
        assert_eq!(got[0].0, "displaced");
        assert_eq!(got[0].2, 1_500_000.0);
    }

    #[test]
    fn outlets_that_disagree_are_compared_side_by_side() {
        let a = "A strike on Sunday left at least 27 killed in the camp.\n\nLater, 100 were killed elsewhere.";
        let b = "Health officials said 30 people were killed in the strike.";
        let c = "The strike killed many. 27 hostages remain.";
        let found = disagreements(&[
            report(4, "Wire", a),
            report(7, "Paper", b),
            report(9, "Radio", c),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].measure, "killed");
        let docs: Vec<(usize, f64, usize)> = found[0]
            .figures
            .iter()
            .map(|f| (f.doc, f.value, f.paragraph))
            .collect();
        // Each report's first toll only: the wire's second figure counts something else.
        assert_eq!(docs, vec![(4, 27.0, 1), (7, 30.0, 1)]);
    }

    #[test]
    fn agreement_and_one_outlet_alone_are_not_disagreements() {
        let same = [
            report(0, "A", "30 killed."),
            report(1, "B", "Some 30 people died."),
        ];
        assert!(disagreements(&same).is_empty());
        let one = [report(0, "A", "30 killed."), report(1, "A", "35 killed.")];
        assert!(disagreements(&one).is_empty());
        // Far apart: a day's toll against a war's.
        let apart = [
            report(0, "A", "30 killed."),
            report(1, "B", "28,000 killed."),
        ];
        assert!(disagreements(&apart).is_empty());
    }
}
