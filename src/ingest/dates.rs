//! Dates as pages print them: "February 6, 2024", "Feb. 6, 2024", "Tuesday, Feb. 6, 2024",
//! "6 February 2024", "2024-02-06", "06/02/2024" (in the configured order), "Published ...
//! Updated ..." lines, and dates in URL paths.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// How all-numeric dates are read (`ingest.date_order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Mdy,
    Dmy,
    Ymd,
}

impl Order {
    pub fn parse(s: &str) -> Order {
        match s {
            "dmy" => Order::Dmy,
            "ymd" => Order::Ymd,
            _ => Order::Mdy,
        }
    }
}

/// A date found in a piece of text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// Month names of the four languages (data/months.txt): number and the forms.
static MONTHS: LazyLock<Vec<(u32, Vec<&'static str>)>> = LazyLock::new(|| {
    include_str!("data/months.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let n = words.next()?.parse().ok()?;
            Some((n, words.collect()))
        })
        .collect()
});

/// The month alternation for the date patterns, longest forms first.
static MONTH: LazyLock<String> = LazyLock::new(|| {
    let mut forms: Vec<&str> = MONTHS.iter().flat_map(|(_, f)| f.iter().copied()).collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    format!(r"(?P<m>{})\.?", forms.join("|"))
});
const WEEKDAY: &str =
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)?";

static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){WEEKDAY}{month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>\d{{4}})(?-u:\b)",
        month = *MONTH
    ))
    .expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{month},?\s+(?:de\s+)?(?P<y>\d{{4}})(?-u:\b)",
        month = *MONTH
    ))
    .expect("valid regex")
});
static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P<s2>[-/.])(?P<d>\d{1,2})(?:(?-u:\b)|T)",
    )
    .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P<s2>[/.-])(?P<y>\d{4}|\d{2})(?-u:\b)",
    )
    .expect("valid regex")
});
/// Month and day without a year, as in wire datelines ("PARIS, Feb 6 (Reuters)").
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)",
        month = *MONTH
    ))
    .expect("valid regex")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:/|-|$)|/(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])/")
        .expect("valid regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)\d{1,2}(?:[:.h]\d{2})(?::\d{2})?(?:\s*[ap]\.?m(?-u:\b)\.?)?|(?-u:\b)\d{1,2}\s*[ap]\.?m(?-u:\b)\.?|[+-]\d{1,2}(?::?\d{2})?(?-u:\b)")
        .expect("valid regex")
});

/// How long ago a page says it changed ("Updated 3 hours ago", "2 hrs ago", "just now"): the
/// count is not a date, but the phrase belongs on a date line.
static RELATIVE_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:\d{1,3}|an?|one|a few)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)\s+ago(?-u:\b)|(?-u:\b)just now(?-u:\b)")
        .expect("valid regex")
});

static GLUED_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})(\d{1,2}:\d{2})").expect("valid regex"));
static GLUED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9a-z])([A-Z][a-z])").expect("valid regex"));

/// A month name or abbreviation of the four languages ("Nov.", "März").
pub fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(_, forms)| forms.contains(&n))
        .map(|(m, _)| *m)
}

fn plausible(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn num(c: &regex::Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

/// Matches of `re` with their groups: the fast matcher finds them, the groups are resolved
/// on the matched text only (offsets in the captures are relative to the returned start).
fn matches<'h>(
    re: &'h Regex,
    text: &'h str,
) -> impl Iterator<Item = (usize, regex::Captures<'h>)> + 'h {
    re.find_iter(text).filter_map(move |m| {
        re.captures(&text[m.start()..m.end()])
            .map(|c| (m.start(), c))
    })
}

/// The last four characters of `s`: the year of an `MDY` or `DMY` match, which ends with
/// `\d{4}`.
fn last_four(s: &str) -> Option<&str> {
    s.char_indices().rev().nth(3).map(|(at, _)| &s[at..])
}

/// The `\d` characters a word opens with (none of the words before a day's holds a digit,
/// and what follows a day is no digit).
fn leading_digits(word: &str) -> &str {
    let end = word
        .char_indices()
        .find(|(_, c)| !c.is_numeric())
        .map_or(word.len(), |(at, _)| at);
    &word[..end]
}

/// The month, day and year groups of a whole `MDY` match, read off its words: the weekday
/// and month words hold no digit and the month is followed by white space, so the day opens
/// the first word that opens with a digit, the month is the word before it (a trailing "."
/// is dropped by `month_number`), and the year is the last four characters.
fn month_first_parts(s: &str) -> Option<(&str, &str, &str)> {
    let mut before = None;
    for word in s.split_whitespace() {
        if word.starts_with(|c: char| c.is_numeric()) {
            return Some((before?, leading_digits(word), last_four(s)?));
        }
        before = Some(word);
    }
    None
}

/// The month, day and year groups of a whole `DMY` match: the day opens the first word that
/// opens with a digit (the weekday holds none), the year is the last word (white space
/// stands before it), and the month is the word before the year, or before a "de" there,
/// without its one optional trailing ",".
fn day_first_parts(s: &str) -> Option<(&str, &str, &str)> {
    let day = s
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_numeric()))?;
    let mut back = s.split_whitespace().rev().skip(1);
    let mut month = back.next()?;
    if month.eq_ignore_ascii_case("de") {
        month = back.next()?;
    }
    let month = month.strip_suffix(',').unwrap_or(month);
    Some((month, leading_digits(day), last_four(s)?))
}

/// Whether `text` has four ASCII digits in a row (what a year needs) and a digit, a
/// separator (`/`, `.`, `-`) and a digit (what an all-numeric date needs): one byte scan.
fn date_shapes(text: &str) -> (bool, bool) {
    let b = text.as_bytes();
    let (mut year, mut numeric) = (false, false);
    // Both shapes start at a digit: jump from one run of digits to the next (most lines the
    // date rules see have none, and are passed over a block at a time).
    let mut from = 0;
    while let Some(start) = next_ascii_digit(b, from) {
        let run = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        let end = start + run;
        year |= run >= 4;
        numeric |= b.get(end).is_some_and(|c| matches!(c, b'/' | b'.' | b'-'))
            && b.get(end + 1).is_some_and(u8::is_ascii_digit);
        if year && numeric {
            break;
        }
        from = end;
    }
    (year, numeric)
}

/// The first ASCII digit in `b` at or after `from`. Blocks of 16 bytes are tested without
/// an early exit (the compiler reads such a block in one vector step), then the block that
/// holds a digit byte by byte.
pub fn next_ascii_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from.min(b.len());
    while let Some(block) = b.get(i..i + 16) {
        if block.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        i += 16;
    }
    b[i..].iter().position(u8::is_ascii_digit).map(|p| i + p)
}

/// Whether `text` can hold a full date at all (`find_dates` finds none otherwise).
pub fn may_hold_date(text: &str) -> bool {
    let (year, numeric) = date_shapes(text);
    year || numeric
}

/// All full dates (with a year) in `text`, left to right, non-overlapping.
pub fn find_dates(text: &str, order: Order) -> Vec<Found> {
    // Every form with a month name or a year first has four digits in a row; the numeric
    // form a digit, a separator and a digit: skip the regexes a line cannot match.
    let (year, numeric) = date_shapes(text);
    if !year && !numeric {
        return Vec::new();
    }
    let mut found: Vec<Found> = Vec::new();
    let mut push = |date: Option<NaiveDate>, base: usize, m: regex::Match| {
        if let Some(date) = date {
            // The `T` of an ISO timestamp is not part of the date.
            let end = if m.as_str().ends_with('T') {
                m.end() - 1
            } else {
                m.end()
            };
            found.push(Found {
                date,
                start: base + m.start(),
                end: base + end,
            });
        }
    };
    if year {
        // The month-name forms' groups are read off the match (`month_first_parts`,
        // `day_first_parts`): the capture engine cost thousands of instructions a match.
        let named = |parts: Option<(&str, &str, &str)>| {
            let (m, d, y) = parts?;
            plausible(y.parse().ok()?, month_number(m)?, d.parse().ok()?)
        };
        for m in MDY.find_iter(text) {
            push(named(month_first_parts(m.as_str())), 0, m);
        }
        for m in DMY.find_iter(text) {
            push(named(day_first_parts(m.as_str())), 0, m);
        }
        for (base, c) in matches(&YMD, text) {
            if c["s"] != c["s2"] {
                continue;
            }
            let date = (|| plausible(c["y"].parse().ok()?, num(&c, "m")?, num(&c, "d")?))();
            push(date, base, c.get(0).expect("group 0"));
        }
    }
    if order != Order::Ymd && numeric {
        for (base, c) in matches(&NUMERIC, text) {
            if c["s"] != c["s2"] {
                continue;
            }
            let (Some(a), Some(b)) = (num(&c, "a"), num(&c, "b")) else {
                continue;
            };
            let y_text = &c["y"];
            let Ok(mut y) = y_text.parse::<i32>() else {
                continue;
            };
            if y_text.len() == 2 {
                // Two-digit years only in the slash form that US pages print ("2/6/24").
                if &c["s"] != "/" {
                    continue;
                }
                y += 2000;
            }
            let (m, d) = if order == Order::Dmy { (b, a) } else { (a, b) };
            push(plausible(y, m, d), base, c.get(0).expect("group 0"));
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if out.last().is_none_or(|l| f.start >= l.end) {
            out.push(f);
        }
    }
    out
}

/// How this document writes all-numeric dates: day first if one of them can only be read
/// day first ("13.11.2019"), month first if one can only be read month first ("11/13/2019");
/// otherwise from the language (day first in German, French and Spanish; for English
/// pages the site's `ingest.date_order`). Decided per document, never for a whole site.
pub fn document_order(text: &str, lang: Option<&str>, default: Order) -> Order {
    let (dmy, mdy) = numeric_votes(text);
    if dmy > mdy {
        Order::Dmy
    } else if mdy > dmy {
        Order::Mdy
    } else {
        match lang {
            Some("de" | "fr" | "es") => Order::Dmy,
            _ => default,
        }
    }
}

/// The all-numeric dates of `piece` that can only be read day first, and those that can
/// only be read month first.
fn count_numeric_votes(piece: &str, votes: &mut (usize, usize)) {
    for (_, c) in matches(&NUMERIC, piece) {
        if c["s"] != c["s2"] {
            continue;
        }
        let (Some(a), Some(b)) = (num(&c, "a"), num(&c, "b")) else {
            continue;
        };
        if a > 12 && (1..=12).contains(&b) {
            votes.0 += 1;
        } else if b > 12 && (1..=12).contains(&a) {
            votes.1 += 1;
        }
    }
}

/// A byte that may belong to a `\d` character: an ASCII digit or any byte of a character
/// beyond ASCII.
fn digit_like(b: u8) -> bool {
    b.is_ascii_digit() || b >= 0x80
}

/// A byte a `NUMERIC` match may hold: a digit-like byte or a separator.
fn numeric_byte(b: u8) -> bool {
    digit_like(b) || matches!(b, b'/' | b'.' | b'-')
}

/// Whether the separator at `at` has a digit-like byte on both sides.
fn digits_around(b: &[u8], at: usize) -> bool {
    at > 0 && digit_like(b[at - 1]) && b.get(at + 1).is_some_and(|&c| digit_like(c))
}

/// `count_numeric_votes` over a whole document, the regex run only where a match can be.
/// A match holds nothing but `\d` characters and separators, and each of its two
/// separators has a digit on both sides: it lies inside a run of digit-like bytes and
/// separators with two such separators. Such a run starts and ends beside an ASCII byte
/// (every byte of a character beyond ASCII is digit-like), so the run with one byte either
/// side is a `str` whose matches are the whole text's inside that run: the ASCII word
/// boundaries at the run's edges see the same bytes, and no match reaches past the run.
fn numeric_votes(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let mut votes = (0, 0);
    // The end of the last run read: separators before it are passed over.
    let mut from = 0;
    for at in memchr::memchr3_iter(b'/', b'.', b'-', b) {
        if at < from || !digits_around(b, at) {
            continue;
        }
        let start = b[..at]
            .iter()
            .rposition(|&c| !numeric_byte(c))
            .map_or(0, |q| q + 1);
        let end = b[at..]
            .iter()
            .position(|&c| !numeric_byte(c))
            .map_or(b.len(), |q| at + q);
        from = end;
        let seps = (at..end)
            .filter(|&i| matches!(b[i], b'/' | b'.' | b'-') && digits_around(b, i))
            .take(2)
            .count();
        if seps < 2 {
            continue;
        }
        // The bytes beside the run are ASCII: one byte each side keeps char boundaries.
        let piece = &text[start.saturating_sub(1)..(end + 1).min(b.len())];
        count_numeric_votes(piece, &mut votes);
    }
    votes
}

/// A month and day with no year (the first one), for wire datelines.
pub fn find_month_day(text: &str) -> Option<(u32, u32)> {
    let c = MONTH_DAY.captures(text)?;
    let m = month_number(&c["m"])?;
    let d = num(&c, "d")?;
    (1..=31).contains(&d).then_some((m, d))
}

/// A date in a URL path: `/2024/02/06/`, `/2024-02-06-`, `/20240206/`.
pub fn url_date(url: &str) -> Option<NaiveDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    let c = URL_DATE.captures(path)?;
    if c.name("y").is_some() {
        plausible(c["y"].parse().ok()?, num(&c, "m")?, num(&c, "d")?)
    } else {
        plausible(c["y2"].parse().ok()?, num(&c, "m2")?, num(&c, "d2")?)
    }
}

/// Words that may stand beside a date on a line that only states when something was published
/// (weekdays too: [`crate::lang::calendar`]).
const DATE_LINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "update",
    "last",
    "first",
    "posted",
    "modified",
    "created",
    "issued",
    "released",
    "edited",
    "date",
    "dated",
    "on",
    "at",
    "of",
    "and",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "gmt",
    "utc",
    "z",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "cest",
    "eet",
    "eest",
    "ist",
    "jst",
    "aest",
    "aedt",
    "msk",
    "ast",
    "trt",
    "wat",
    "eat",
    "cat",
    "sast",
    "hkt",
    "sgt",
    "time",
    "local",
    "h",
    "hrs",
    "uhr",
    "ago",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "today",
    "yesterday",
];

/// `DATE_LINE_WORDS` as a set.
static DATE_LINE_SET: LazyLock<crate::analyze::fasthash::FastSet<&'static str>> =
    LazyLock::new(|| DATE_LINE_WORDS.iter().copied().collect());

/// `GLUED_WORD.replace_all(text, "$1 $2")`, the regex asked only when it can match: its
/// classes are ASCII, so a match is three ASCII bytes in a row (a digit or lower-case
/// letter, a capital, a lower-case letter).
fn unglue_words(text: &str) -> std::borrow::Cow<'_, str> {
    let glued = text.as_bytes().windows(3).any(|w| {
        (w[0].is_ascii_digit() || w[0].is_ascii_lowercase())
            && w[1].is_ascii_uppercase()
            && w[2].is_ascii_lowercase()
    });
    if glued {
        GLUED_WORD.replace_all(text, "$1 $2")
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `RELATIVE_AGE.replace_all(rest, " ")` on lower-case text, the regex asked only when it
/// can match: a match holds "ago" or "t now" (no character beyond ASCII folds to one of
/// their letters, and lower-case text holds no ASCII capital).
fn without_ages(rest: &str) -> std::borrow::Cow<'_, str> {
    if rest.contains("ago") || rest.contains("t now") {
        RELATIVE_AGE.replace_all(rest, " ")
    } else {
        std::borrow::Cow::Borrowed(rest)
    }
}

/// `TIME.replace_all(rest, " ")`, the regex asked only when it can match: every match holds
/// a `\d` character (a decimal digit, which is numeric).
fn without_times(rest: &str) -> std::borrow::Cow<'_, str> {
    let digit = rest.bytes().any(|b| b.is_ascii_digit())
        || (!rest.is_ascii() && rest.chars().any(char::is_numeric));
    if digit {
        TIME.replace_all(rest, " ")
    } else {
        std::borrow::Cow::Borrowed(rest)
    }
}

/// The words of data/date_cues.txt (labels of four languages and the small words around
/// them), as a date line may hold them.
static CUE_WORDS: LazyLock<crate::analyze::fasthash::FastSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/date_cues.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '[']))
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
});

/// The labels of an updated date, in four languages (data/date_cues.txt `[updated]`).
static UPDATE_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut out = Vec::new();
    let mut section = "";
    for line in include_str!("data/date_cues.txt").lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
        } else if section == "[updated]" && !line.is_empty() && !line.starts_with('#') {
            out.push(line);
        }
    }
    out
});

/// The publication words a date line without a date needs (one of them), lower case.
const BARE_LABELS: [&str; 4] = ["publish", "updat", "posted", "modified"];

/// `BARE_LABELS` found in any ASCII case in one pass.
static BARE_LABEL_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(BARE_LABELS)
        .expect("four short literals")
});

/// Whether `text.to_lowercase()` holds one of `BARE_LABELS`, without lowering the text: the
/// labels are ASCII letters without a `k`, and the only characters beyond ASCII whose lower
/// case holds an ASCII letter are the Kelvin sign (`k`) and the dotted capital I (`i` and a
/// combining dot, which no label's `i` is followed by).
fn has_bare_label(text: &str) -> bool {
    BARE_LABEL_FINDER.is_match(text)
}

/// A line that does nothing but say when the piece was published or updated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateLine {
    pub published: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
}

impl DateLine {
    /// Only labels, no date ("| Last update :").
    pub fn is_label_only(&self) -> bool {
        self.published.is_none() && self.updated.is_none()
    }
}

/// Read `text` as a date line: dates, publication labels, weekdays, times and zones only.
/// `None` if anything else is on the line.
pub fn date_line(text: &str, order: Order) -> Option<DateLine> {
    if text.len() > 160 {
        return None;
    }
    if next_ascii_digit(text.as_bytes(), 0).is_none() && !has_bare_label(text) {
        // No date; only a bare publication label can still make this a date line.
        return None;
    }
    // Pages that glue fields together: "February 6, 20248:47 AM GMT+1Updated a year ago".
    // Every glued time holds a colon: the search is skipped on a line without one.
    let unglued = if memchr::memchr(b':', text.as_bytes()).is_some() {
        GLUED_TIME.replace_all(text, "$1 $2")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let unglued = unglue_words(&unglued);
    let text: &str = &unglued;
    let dates = find_dates(text, order);
    let mut rest = String::with_capacity(text.len());
    let mut line = DateLine::default();
    let mut last = 0;
    for f in &dates {
        let before = text[last..f.start].to_lowercase();
        rest.push_str(&before);
        rest.push(' ');
        last = f.end;
        // An ISO timestamp's `T` joins the date to its time ("2024-02-06T08:15:00Z").
        if text[last..].starts_with(['T', 't'])
            && text[last + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            last += 1;
        }
        let is_update = before.contains("updat")
            || before.contains("modif")
            || before.contains("edited")
            || UPDATE_CUES.iter().any(|c| before.contains(c));
        if is_update {
            line.updated.get_or_insert(f.date);
        } else if line.published.is_none() {
            line.published = Some(f.date);
        } else {
            line.updated.get_or_insert(f.date);
        }
    }
    rest.push_str(&text[last..].to_lowercase());
    let rest = without_ages(&rest);
    let rest = without_times(&rest);
    let mut words = 0;
    for w in super::locate::alnum_words(&rest, false) {
        if !DATE_LINE_SET.contains(w)
            && !CUE_WORDS.contains(w)
            && !crate::lang::calendar::is_weekday(w)
        {
            return None;
        }
        words += 1;
    }
    if dates.is_empty() {
        // A label with no date ("Last update:"); needs one of the publication words.
        let labelled = ["publish", "updat", "posted", "modified"]
            .iter()
            .any(|l| rest.contains(l));
        return (labelled && words <= 4).then_some(line);
    }
    Some(line)
}

/// Deterministic pseudo-random texts, each one to `max_parts` pieces of `parts` glued
/// together: inputs for the tests that hold a fast path to the plain one.
#[cfg(test)]
pub(crate) fn glued_texts(
    parts: &[&str],
    count: usize,
    max_parts: usize,
    seed: u64,
) -> Vec<String> {
    let mut state = seed;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    };
    (0..count)
        .map(|_| {
            let len = 1 + next(max_parts);
            (0..len).map(|_| parts[next(parts.len())]).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_check_lets_every_date_form_through_and_spares_other_lines() {
        // Each of these holds a date in one of the four languages: the byte check must not
        // keep the regexes from it.
        for (text, order, day) in [
            ("Published February 6, 2024", Order::Mdy, (2024, 2, 6)),
            (
                "Veröffentlicht am 6. Februar 2024",
                Order::Dmy,
                (2024, 2, 6),
            ),
            ("Publié le 6 février 2024 à 10h", Order::Dmy, (2024, 2, 6)),
            (
                "Publicado el 6 de febrero de 2024",
                Order::Dmy,
                (2024, 2, 6),
            ),
            ("Stand: 06.02.2024", Order::Dmy, (2024, 2, 6)),
            ("Updated 2/6/24 at noon", Order::Mdy, (2024, 2, 6)),
            ("2024-02-06T09:30:00Z", Order::Mdy, (2024, 2, 6)),
        ] {
            assert!(may_hold_date(text), "{text}");
            let found = find_dates(text, order);
            let want = NaiveDate::from_ymd_opt(day.0, day.1, day.2);
            assert_eq!(found.first().map(|f| f.date), want, "{text}");
        }
        // No four digits in a row and no digit, separator, digit: no date to look for.
        for text in [
            "Seite 3 von 12",
            "Lecture 4 min",
            "Hace 3 horas",
            "The minister said 12 people were hurt.",
            "Version 2 of the plan, 3 votes to 1",
        ] {
            assert!(!may_hold_date(text), "{text}");
            assert!(find_dates(text, Order::Dmy).is_empty(), "{text}");
        }
    }

    #[test]
    fn date_lines_with_labels_of_four_languages() {
        for (text, published, updated) in [
            (
                "Published on 6 February 2024 at 14:30",
                Some("2024-02-06"),
                None,
            ),
            (
                "Veröffentlicht am 6. Februar 2024, 14:30 Uhr",
                Some("2024-02-06"),
                None,
            ),
            ("Aktualisiert am 7. Februar 2024", None, Some("2024-02-07")),
            ("Publié le 6 février 2024 à 14h30", Some("2024-02-06"), None),
            ("Mis à jour le 7 février 2024", None, Some("2024-02-07")),
            (
                "Publicado el 6 de febrero de 2024 a las 14:30",
                Some("2024-02-06"),
                None,
            ),
            (
                "Actualizado el 7 de febrero de 2024",
                None,
                Some("2024-02-07"),
            ),
        ] {
            let dl = date_line(text, Order::Dmy).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                dl.published.map(|d| d.to_string()).as_deref(),
                published,
                "{text}"
            );
            assert_eq!(
                dl.updated.map(|d| d.to_string()).as_deref(),
                updated,
                "{text}"
            );
        }
        // Words of a sentence make it no date line, in any language.
        assert!(date_line("Der Hafen öffnet am 6. Februar 2024 wieder", Order::Dmy).is_none());
        assert!(date_line("Le port rouvre le 6 février 2024", Order::Dmy).is_none());
    }

    #[test]
    fn date_lines_with_weekdays_of_four_languages() {
        for text in [
            "Tuesday, 12 March 2024",
            "12 March 2024, Tuesday",
            "Dienstag, 12. März 2024",
            "Veröffentlicht am Dienstag, 12. März 2024, 14:30 Uhr",
            "mardi 12 mars 2024",
            "Publié le mardi 12 mars 2024 à 14h30",
            "martes, 12 de marzo de 2024",
            "Publicado el miércoles 13 de marzo de 2024",
        ] {
            let dl = date_line(text, Order::Dmy).unwrap_or_else(|| panic!("{text}"));
            let day = dl.published.or(dl.updated).map(|d| d.to_string());
            assert!(
                matches!(day.as_deref(), Some("2024-03-12" | "2024-03-13")),
                "{text}: {day:?}"
            );
        }
        // A weekday in a sentence still makes no date line.
        assert!(date_line("Am Dienstag, 12. März 2024, öffnet der Hafen", Order::Dmy).is_none());
        assert!(date_line("Le port rouvre mardi 12 mars 2024", Order::Dmy).is_none());
    }

    #[test]
    fn month_names_of_four_languages() {
        for text in [
            "6 February 2024",
            "6. Februar 2024",
            "6 février 2024",
            "6 de febrero de 2024",
            "Feb. 6, 2024",
            "6. März 2024",
        ] {
            let found = find_dates(text, Order::Mdy);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(chrono::Datelike::day(&found[0].date), 6, "{text}");
        }
        assert!(is_month_name("Dezember") && is_month_name("août") && is_month_name("dic."));
        assert!(!is_month_name("Hafen"));
    }

    #[test]
    fn numeric_order_is_the_documents_own() {
        // A date only readable day first decides for the whole document.
        assert_eq!(
            document_order("13.11.2019 and 05.11.2019", None, Order::Mdy),
            Order::Dmy
        );
        assert_eq!(
            document_order("11/13/2019 and 11/05/2019", None, Order::Dmy),
            Order::Mdy
        );
        // Nothing decides: the language does, else the site's setting.
        assert_eq!(
            document_order("05.11.2019", Some("de"), Order::Mdy),
            Order::Dmy
        );
        assert_eq!(
            document_order("05.11.2019", Some("es"), Order::Mdy),
            Order::Dmy
        );
        assert_eq!(
            document_order("05/11/2019", Some("en"), Order::Mdy),
            Order::Mdy
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn first(text: &str, order: Order) -> Option<NaiveDate> {
        find_dates(text, order).first().map(|f| f.date)
    }

    #[test]
    fn the_printed_forms() {
        let want = Some(d("2024-02-06"));
        for text in [
            "February 6, 2024",
            "Feb. 6, 2024",
            "Tuesday, Feb. 6, 2024",
            "Tue Feb 6 2024",
            "6 February 2024",
            "6th of February, 2024",
            "2024-02-06",
            "2024-02-06T09:30:00Z",
            "2024/02/06",
            "02/06/2024",
            "Sept 30 2023 is not it but Feb 6, 2024 is",
        ] {
            let got = find_dates(text, Order::Mdy).last().map(|f| f.date);
            if text.starts_with("Sept") {
                assert_eq!(got, want, "{text}");
                assert_eq!(first(text, Order::Mdy), Some(d("2023-09-30")));
            } else {
                assert_eq!(got, want, "{text}");
            }
        }
    }

    #[test]
    fn numeric_dates_follow_the_configured_order() {
        assert_eq!(first("03/04/2024", Order::Mdy), Some(d("2024-03-04")));
        assert_eq!(first("03/04/2024", Order::Dmy), Some(d("2024-04-03")));
        assert_eq!(first("06.02.2024", Order::Dmy), Some(d("2024-02-06")));
        assert_eq!(first("03/04/2024", Order::Ymd), None);
        assert_eq!(first("2/6/24", Order::Mdy), Some(d("2024-02-06")));
        assert_eq!(first("13/13/2024", Order::Mdy), None);
        assert_eq!(first("Feb 30, 2024", Order::Mdy), None);
    }

    #[test]
    fn date_shapes_agree_with_a_byte_by_byte_reading() {
        // The reading the block skip replaced: every byte in turn.
        fn by_bytes(text: &str) -> (bool, bool) {
            let b = text.as_bytes();
            let (mut year, mut numeric, mut run) = (false, false, 0usize);
            for (i, &c) in b.iter().enumerate() {
                if c.is_ascii_digit() {
                    run += 1;
                    year |= run >= 4;
                } else {
                    numeric |= run > 0
                        && matches!(c, b'/' | b'.' | b'-')
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                    run = 0;
                }
            }
            (year, numeric)
        }
        let long = "The ferries sailed again on Tuesday morning after the storm, officials said";
        let texts = [
            String::new(),
            "2024".to_string(),
            "6/2".to_string(),
            "6/".to_string(),
            "Aktualisiert am 07.02.2024 um 10:30 Uhr".to_string(),
            "Publié le 6 février 2024".to_string(),
            "Publicado el 6-2".to_string(),
            format!("{long} 2024"),
            format!("{long}, on 6.2.24 at 8"),
            format!("{long}{long}{long}7"),
            format!("{long} 123 {long} 45/ {long} 678.9"),
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 19".to_string(),
        ];
        for t in &texts {
            assert_eq!(date_shapes(t), by_bytes(t), "{t}");
            for from in 0..=t.len() {
                let want = t.bytes().skip(from).position(|c| c.is_ascii_digit());
                assert_eq!(
                    next_ascii_digit(t.as_bytes(), from),
                    want.map(|p| from + p),
                    "{t} {from}"
                );
            }
        }
    }

    #[test]
    fn month_name_groups_read_off_the_match_agree_with_the_captures() {
        let mut texts: Vec<String> = [
            "Published Tuesday, Feb. 6, 2024 at 10:30",
            "Tue Feb 6 2024, Sept 30th 2023, sept. 3rd, 2023 and MARCH 9,2025",
            "Thursday,  February 6th,\t2024",
            "Veröffentlicht am Dienstag, 6. Februar 2024, 6. Jänner 2024 und 6. MÄRZ 2024",
            "Publié le mardi 6 février 2024, le 1er mars 2024 et le 6 févr., 2024",
            "Publicado el martes, 6 de febrero de 2024 y el 6 de dic. de 2024",
            "6th of February, 2024; Tues. 6 Feb 2024; wed 6 déc 2024",
            "Feb 66 2024, 6 Feb 20245, Febr 6 2024, 6 ſept 2024, ſept 6 2024",
            "6 \u{212A}eb 2024 ٦ Feb ٢٠٢٤ Feb ٦, 2024 6 Feb ٢٠٢٤",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(glued_texts(
            &[
                "Tue", "Tuesday", "wed.", ",", " ", "  ", "\u{a0}", "Feb", "Feb.", "février",
                "MÄRZ", "de", "DE", "of", "6", "06", "٦", "th", "er", ".", "2024", "٢٠٢٤", "x",
                "sept", "ſept",
            ],
            8000,
            10,
            6,
        ));
        for t in &texts {
            for (re, parts) in [
                (
                    &*MDY,
                    month_first_parts as fn(&str) -> Option<(&str, &str, &str)>,
                ),
                (&*DMY, day_first_parts),
            ] {
                let by_captures: Vec<_> = matches(re, t)
                    .map(|(base, c)| {
                        let whole = c.get(0).expect("group 0");
                        (
                            base + whole.start(),
                            base + whole.end(),
                            Some((c["m"].to_string(), c["d"].to_string(), c["y"].to_string())),
                        )
                    })
                    .collect();
                let read_off: Vec<_> = re
                    .find_iter(t)
                    .map(|m| {
                        (
                            m.start(),
                            m.end(),
                            parts(m.as_str())
                                .map(|(mo, d, y)| (mo.to_string(), d.to_string(), y.to_string())),
                        )
                    })
                    .collect();
                // `month_number` drops the month's trailing dot; the captures' month has none.
                let read_off: Vec<_> = read_off
                    .into_iter()
                    .map(|(s, e, p)| {
                        (
                            s,
                            e,
                            p.map(|(mo, d, y)| (mo.trim_end_matches('.').to_string(), d, y)),
                        )
                    })
                    .collect();
                assert_eq!(read_off, by_captures, "{t:?}");
            }
        }
    }

    #[test]
    fn date_line_gates_agree_with_their_regexes() {
        let mut texts: Vec<String> = [
            "February 6, 20248:47 AM GMT+1Updated a year ago",
            "Veröffentlicht am 6. Februar 2024, 14:30 Uhr, vor 3 Stunden aktualisiert",
            "Publié il y a 3 heures, mis à jour à 14h30",
            "Publicado hace 2 horas, actualizado a las 14:30",
            "updated just now",
            "updated juſt now, 3 hrs ago, an hour ago",
            "3 hours agoUpdated, 2024PublishedToday",
            "٣:٠٥ pm, +02:00, 9am",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(glued_texts(
            &[
                "a", "A", "b", "Ba", "3", "ago", "just", "t", " now", "now", " ", "hours", "h",
                "ſ", "é", "É", "٣", ":", "30", "+", "-", "am", "p.m.", "Ü",
            ],
            8000,
            10,
            9,
        ));
        for t in &texts {
            assert_eq!(unglue_words(t), GLUED_WORD.replace_all(t, "$1 $2"), "{t:?}");
            // The last two run on lower-case text.
            let lower = t.to_lowercase();
            assert_eq!(
                without_ages(&lower),
                RELATIVE_AGE.replace_all(&lower, " "),
                "{lower:?}"
            );
            assert_eq!(
                without_times(&lower),
                TIME.replace_all(&lower, " "),
                "{lower:?}"
            );
            for w in crate::ingest::locate::alnum_words(&lower, false) {
                assert_eq!(
                    DATE_LINE_SET.contains(w),
                    DATE_LINE_WORDS.contains(&w),
                    "{w:?}"
                );
            }
        }
        for w in DATE_LINE_WORDS {
            assert!(DATE_LINE_SET.contains(w), "{w}");
        }
    }

    /// The votes as the regex reads them over the whole text: the reference.
    fn numeric_votes_whole(text: &str) -> (usize, usize) {
        let mut votes = (0, 0);
        count_numeric_votes(text, &mut votes);
        votes
    }

    #[test]
    fn numeric_votes_read_in_runs_agree_with_the_whole_text() {
        let mut texts: Vec<String> = [
            "Stand: 13.11.2019, 05.11.2019 und 11/13/2019.",
            "Publié le 13/11/2019 à 10h, mis à jour le 14-11-2019.",
            "Publicado el 13.11.19; actualizado el 2/6/24 y 6/2/24.",
            "Updated 11/13/2019 and 11/05/2019 (see 1.2.3.4.5 and v2.13.2019).",
            "a13.11.2019 13.11.2019b 13.11.2019_ _13.11.2019 -13.11.2019- 13.11.2019.",
            "Ölçü 13.11.2019é é13.11.2019 ١٣/١١/٢٠١٩ 13/١١/2019 ٣.٤.٢٠٢٤",
            "1.2.2024.3.4.2024 13/11/2019/14/11/2019 13--11--2019",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(glued_texts(
            &[
                "1", "13", "05", "2019", "24", "/", ".", "-", " ", "a", "é", "٣", "١١", "\n", "x",
                "_", ".\n", "—",
            ],
            6000,
            14,
            16,
        ));
        for t in &texts {
            assert_eq!(numeric_votes(t), numeric_votes_whole(t), "{t:?}");
        }
    }

    /// `date_line`'s label test as it was: on the lowered text.
    fn has_bare_label_lowered(text: &str) -> bool {
        let lower = text.to_lowercase();
        BARE_LABELS.iter().any(|l| lower.contains(l))
    }

    #[test]
    fn bare_labels_found_without_lowering_agree_with_the_lowered_text() {
        // The characters beyond ASCII whose lower case holds an ASCII byte: the reasoning in
        // `has_bare_label` rests on there being only these two.
        let ascii_lowering: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(ascii_lowering, ['\u{130}', '\u{212A}']);
        let mut texts: Vec<String> = [
            "| Last update :",
            "PUBLISHED",
            "Zuletzt aktualisiert – Updated",
            "Veröffentlicht (published)",
            "Mis à jour · Posted",
            "Modifié, MODIFIED",
            "Publicado, Actualizado",
            "MODİFIED PUBLİSH",
            "\u{212A}posted upDATed",
            "Publ ish, up dated, post ed",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(glued_texts(
            &[
                "publ", "PUBL", "ish", "İSH", "İ", "i", "\u{307}", "upd", "UPD", "at", "AT",
                "posted", "pos", "ted", "modif", "MODİF", "ied", " ", "\u{212A}", "é", "Σ",
            ],
            6000,
            6,
            17,
        ));
        for t in &texts {
            assert_eq!(has_bare_label(t), has_bare_label_lowered(t), "{t:?}");
        }
    }

    #[test]
    fn date_lines() {
        let l = date_line(
            "Published 10:30 AM GMT, Feb 6, 2024 | Updated Feb 7, 2024",
            Order::Mdy,
        )
        .unwrap();
        assert_eq!(l.published, Some(d("2024-02-06")));
        assert_eq!(l.updated, Some(d("2024-02-07")));
        let l = date_line("Updated 3:45 PM EST, Tue February 6, 2024", Order::Mdy).unwrap();
        assert_eq!((l.published, l.updated), (None, Some(d("2024-02-06"))));
        assert!(date_line("| Last update :", Order::Mdy)
            .unwrap()
            .is_label_only());
        assert!(date_line("Published On 6 Feb 2024", Order::Mdy).is_some());
        let l = date_line("Published 2024-02-06T08:15:00Z", Order::Mdy).unwrap();
        assert_eq!(l.published, Some(d("2024-02-06")));
        assert!(date_line("Published 2024-02-06Tomorrow", Order::Mdy).is_none());
        assert!(date_line("Talks resumed on February 6, 2024 in Cairo", Order::Mdy).is_none());
        assert!(date_line("On Monday", Order::Mdy).is_none());
        let l = date_line(
            "February 6, 20248:47 AM GMT+1Updated a year ago",
            Order::Mdy,
        )
        .unwrap();
        assert_eq!(l.published, Some(d("2024-02-06")));
    }

    #[test]
    fn date_lines_with_times_zones_and_update_clauses() {
        for text in [
            "March 9, 2025 7:15 PM GMT+2 Updated 5 hours ago",
            "March 9, 2025 14:05 CET",
            "March 9, 2025, 10:30 a.m. ET",
            "March 9, 2025 18:00 UTC Last updated 2 days ago",
            "Published March 9, 2025, 7:15 PM",
            "Mar 9, 2025 · 7:15 PM",
            "9 March 2025 07:15 BST, updated just now",
            "Sunday, March 9, 2025 at 7:15 p.m. EDT | Updated an hour ago",
        ] {
            let l = date_line(text, Order::Mdy).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(l.published, Some(d("2025-03-09")), "{text}");
        }
        let l = date_line(
            "March 9, 2025 7:15 PM GMT+2 Updated March 10, 2025 8:00 AM GMT+2",
            Order::Mdy,
        )
        .unwrap();
        assert_eq!(l.published, Some(d("2025-03-09")));
        assert_eq!(l.updated, Some(d("2025-03-10")));
        // A count that is not an age, or prose after the date, keeps the line out.
        assert!(date_line("March 9, 2025 7:15 PM 3 people hurt", Order::Mdy).is_none());
        assert!(date_line("March 9, 2025 12 hours ago the talks ended", Order::Mdy).is_none());
    }

    #[test]
    fn url_and_dateline_dates() {
        assert_eq!(
            url_date("https://x.test/world/2024/02/06/story-slug/"),
            Some(d("2024-02-06"))
        );
        assert_eq!(
            url_date("https://x.test/news/2024-02-06-story"),
            Some(d("2024-02-06"))
        );
        assert_eq!(
            url_date("https://x.test/a/20240206/story"),
            Some(d("2024-02-06"))
        );
        assert_eq!(url_date("https://x.test/p/4c4vX"), None);
        assert_eq!(find_month_day("PARIS, Feb 6 (Reuters) -"), Some((2, 6)));
    }
}
