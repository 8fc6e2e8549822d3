//! Pick the publication date among every date the page prints, by where and how it is
//! printed: near the headline and byline, on a line of its own, labelled "Published" rather
//! than "Updated", not in the article's sentences, not in a copyright line, not among other
//! stories' teasers or readers' comments.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::blocks::Unit;
use super::dates::{self, Order};

struct Cues {
    published: Vec<&'static str>,
    updated: Vec<&'static str>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut cues = Cues {
        published: Vec::new(),
        updated: Vec::new(),
    };
    let mut section = "";
    for line in include_str!("data/date_cues.txt").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
        } else if section == "[published]" {
            cues.published.push(line);
        } else if section == "[updated]" {
            cues.updated.push(line);
        }
    }
    cues
});

/// Every published label, then every updated label, found with their overlaps: each
/// occurrence of each label is reported.
static CUE_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(CUES.published.iter().chain(&CUES.updated))
        .expect("short literals")
});

/// Every label in `lower`: start, end and whether it is a published label.
fn label_spans(lower: &str) -> Vec<(usize, usize, bool)> {
    CUE_FINDER
        .find_overlapping_iter(lower)
        .map(|m| {
            (
                m.start(),
                m.end(),
                m.pattern().as_usize() < CUES.published.len(),
            )
        })
        .collect()
}

/// Where the last published (or updated) label wholly inside the first `len` bytes starts:
/// the latest of `lower[..len].rfind(label)` over the labels of that kind.
fn last_label(spans: &[(usize, usize, bool)], len: usize, published: bool) -> Option<usize> {
    spans
        .iter()
        .filter(|&&(_, end, p)| p == published && end <= len)
        .map(|&(start, _, _)| start)
        .max()
}

/// A one-word date label ("Updated", "Publié"), any case.
pub fn is_label(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_end_matches(':');
    CUES.published.iter().chain(&CUES.updated).any(|c| *c == w)
}

/// The page's layout around the dates: where the headline and the article are.
pub struct Layout {
    pub title: Option<usize>,
    /// The article's densest run of prose.
    pub run: Option<(usize, usize)>,
}

/// The most likely publication date, the text it was read from and the unit it is in.
pub fn pick(units: &[Unit], layout: &Layout, order: Order) -> Option<(NaiveDate, String, usize)> {
    pick_reading_copies(units, layout, order, true)
}

/// `pick`, reading a copy of a line again when `reuse` is false (the tests' reference).
fn pick_reading_copies(
    units: &[Unit],
    layout: &Layout,
    order: Order,
    reuse: bool,
) -> Option<(NaiveDate, String, usize)> {
    let anchor = layout.title.or(layout.run.map(|r| r.0))?;
    let (run_start, run_end) = layout.run.unwrap_or((anchor, anchor));
    let mut best: Option<(f64, NaiveDate, String, usize)> = None;
    let mut first_copy: crate::analyze::fasthash::FastMap<&str, usize> = Default::default();
    let mut readings: Vec<Reading> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        // A paragraph of prose is no date stamp (and would score below one): not searched.
        if u.words > 40 || !dates::may_hold_date(&u.text) {
            continue;
        }
        if u.text.contains('©') || u.lower.contains("copyright") {
            continue;
        }
        // A copy of a line read before (same text, lower case and word count) reads the
        // same: its reading is taken again.
        let at = match first_copy.get(u.text.as_str()).filter(|_| reuse) {
            Some(&k) if readings[k].unit.words == u.words && readings[k].unit.lower == u.lower => k,
            _ => {
                first_copy.insert(&u.text, readings.len());
                readings.push(Reading::of(u, order));
                readings.len() - 1
            }
        };
        let r = &readings[at];
        if r.found.is_empty() {
            continue;
        }
        let (text, lower, found, labels, stamp) =
            (r.text(), r.lower(), &r.found, &r.labels, r.stamp);
        for f in found {
            let mut score = 0.0;
            let d = i.abs_diff(anchor) as f64;
            score -= 0.15 * d.min(60.0);
            if i > anchor && i < run_start {
                // Between the headline and the lead: the article's header.
                score += 3.0;
            } else if i < anchor && anchor - i <= 5 {
                score += 1.5;
            }
            if stamp {
                score += 2.0;
            } else {
                score -= 2.0;
            }
            if i >= run_end {
                // After the article: other stories and comments.
                score -= 2.0;
            } else if i >= run_start && !stamp {
                score -= 1.0;
            }
            // A date with its clock time ("Nov. 19, 2019 8:03 am ET") is a publication
            // stamp; the bare date of a masthead or a teaser rarely carries one.
            if has_clock_time(&text[f.end..]) {
                score += CLOCK_TIME;
            }
            // The label just before the date says which date it is.
            let before = &lower[..f.start.min(lower.len())];
            let label_at = |published: bool| last_label(labels, before.len(), published);
            // An "Updated" date loses to any other, but is taken when it is all the page
            // shows (an update is usually close to publication).
            match (label_at(true), label_at(false)) {
                (Some(p), Some(u)) if u > p => score -= 1.5,
                (Some(_), _) => score += 1.5,
                (None, Some(_)) => score -= 1.5,
                (None, None) => {}
            }
            if best.as_ref().is_none_or(|(b, _, _, _)| score > *b) {
                let snippet: String = text.chars().take(120).collect();
                best = Some((score, f.date, snippet, i));
            }
        }
    }
    best.filter(|(s, _, _, _)| *s >= 0.5)
        .map(|(_, d, e, i)| (d, e, i))
}

/// What `pick` reads from a line's text alone: the text with glued years parted, its dates,
/// its date labels and whether it is a stamp.
struct Reading<'a> {
    /// The line first read.
    unit: &'a Unit,
    /// The text with glued years parted, when that changed it, and its lower case.
    unglued: Option<(String, String)>,
    found: Vec<dates::Found>,
    labels: Vec<(usize, usize, bool)>,
    stamp: bool,
}

impl<'a> Reading<'a> {
    fn of(u: &'a Unit, order: Order) -> Reading<'a> {
        // A year glued to what follows ("March 23, 2020timer", "Feb 7, 20243:05 PM") is
        // read as if a space stood there.
        let unglued = match unglue_year(&u.text) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(t) => {
                let lower = t.to_lowercase();
                Some((t, lower))
            }
        };
        let mut r = Reading {
            unit: u,
            unglued,
            found: Vec::new(),
            labels: Vec::new(),
            stamp: false,
        };
        r.found = dates::find_dates(r.text(), order);
        if r.found.is_empty() {
            return r;
        }
        // Every date label on the line, found once for all its dates.
        r.labels = label_spans(r.lower());
        let date_bytes: usize = r.found.iter().map(|f| f.end - f.start).sum();
        // A date stamp or header line, not a sentence that mentions a date.
        r.stamp = u.words <= 14
            || date_bytes * 3 >= r.text().len()
            || u.words <= 24 && !super::blocks::ends_sentence(r.text());
        r
    }

    fn text(&self) -> &str {
        self.unglued.as_ref().map_or(&self.unit.text, |(t, _)| t)
    }

    fn lower(&self) -> &str {
        self.unglued.as_ref().map_or(&self.unit.lower, |(_, l)| l)
    }
}

/// A stamp without a year under the headline ("Posted Nov 19, 6:51 AM", "Jane Roe • Nov 18"),
/// dated in the year of the page's copyright line: pages leave the year out of their own
/// recent stories, and their footer carries the current year. Taken only when no full date
/// is found.
pub fn pick_without_year(units: &[Unit], layout: &Layout) -> Option<(NaiveDate, String, usize)> {
    let title = layout.title?;
    let lead = layout.run.map_or(units.len(), |r| r.0);
    let year = copyright_year(units)?;
    let end = lead.min(title + 8).min(units.len());
    for (i, u) in units.iter().enumerate().take(end).skip(title + 1) {
        if u.words > 14 {
            continue;
        }
        // "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM": the published stamp is read.
        let read = |t: &str| dates::find_month_day(t).or_else(|| day_month(t));
        let Some((m, d)) = read(&u.text[published_from(&u.text)..]).or_else(|| read(&u.text))
        else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
            let stamp: String = u.text.chars().take(100).collect();
            let evidence = format!("{stamp} (the year from the copyright line: {year})");
            return Some((date, evidence, i));
        }
    }
    None
}

/// On a page that prints no date of its own, the day of its earliest reader's comment: a
/// thread of comment stamps (two or more short lines in or after the article, each a full date
/// with its clock time) starts soon after publication, so its first day is the best
/// estimate the page offers. Taken only when nothing else dates the page.
pub fn pick_from_comments(
    units: &[Unit],
    layout: &Layout,
    order: Order,
) -> Option<(NaiveDate, String, usize)> {
    // From the article's first paragraph: the densest run may hold the thread, whose own
    // end rule cuts it from the body later.
    let after = layout.run.map(|r| r.0).or(layout.title)?;
    let mut stamps = 0usize;
    let mut earliest: Option<(NaiveDate, usize)> = None;
    for (i, u) in units.iter().enumerate().skip(after) {
        if u.words > 8 || !dates::may_hold_date(&u.text) {
            continue;
        }
        let Some(f) = dates::find_dates(&u.text, order)
            .into_iter()
            .find(|f| has_clock_time(&u.text[f.end..]))
        else {
            continue;
        };
        stamps += 1;
        if earliest.is_none_or(|(d, _)| f.date < d) {
            earliest = Some((f.date, i));
        }
    }
    let (date, i) = earliest.filter(|_| stamps >= 2)?;
    let stamp: String = units[i].text.chars().take(100).collect();
    let evidence = format!("{stamp} (the earliest of {stamps} readers' comment stamps)");
    Some((date, evidence, i))
}

/// Where a line's published stamp starts: after its last "Published"/"Posted" label when an
/// "Updated" label stands before it, else at the start.
fn published_from(text: &str) -> usize {
    // ASCII lower case keeps every byte offset of the text.
    let lower = text.to_ascii_lowercase();
    let last = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| lower.rfind(w).map(|at| at + w.len()))
            .max()
    };
    let first_updated = CUES.updated.iter().filter_map(|w| lower.find(w)).min();
    match (last(&CUES.published), first_updated) {
        (Some(p), Some(u)) if u < p => p,
        _ => 0,
    }
}

/// A day before its month, without a year ("19. November", "19 novembre", "19 de
/// noviembre"): month and day, read through the full-date reader.
fn day_month(text: &str) -> Option<(u32, u32)> {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("de"))
        .collect();
    words.windows(2).find_map(|w| {
        let day = w[0].trim_end_matches('.');
        let month = w[1].trim_end_matches([',', '.', ';']);
        if !(1..=2).contains(&day.len())
            || !day.bytes().all(|b| b.is_ascii_digit())
            || !dates::is_month_name(month)
        {
            return None;
        }
        let probe = format!("{day} {month} 2000");
        let found = dates::find_dates(&probe, Order::Dmy);
        let date = found.first()?.date;
        Some((date.month(), date.day()))
    })
}

/// The latest year a copyright line of the page names ("© 2009-2019 Outlet" -> 2019).
fn copyright_year(units: &[Unit]) -> Option<i32> {
    units
        .iter()
        .filter(|u| u.words <= 60 && (u.text.contains('©') || u.lower.contains("copyright")))
        .flat_map(|u| {
            u.text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
                .filter_map(|w| w.parse::<i32>().ok())
                .collect::<Vec<_>>()
        })
        .max()
}

/// A year with a clock time or a word glued to it.
static GLUED_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)\d{2})(\d{1,2}[:.]\d{2}|\p{Ll}{2,})").expect("valid regex")
});

/// `GLUED_YEAR.replace_all(text, "$1 $2")`, the regex asked only when a year can be glued:
/// a "19" or "20" of ASCII digits followed by two `\d` characters and a `\d` or a lower-case
/// letter. A character beyond ASCII may be either, so any byte beyond ASCII where they stand
/// leaves the answer to the regex.
fn unglue_year(text: &str) -> std::borrow::Cow<'_, str> {
    if may_glue_year(text) {
        GLUED_YEAR.replace_all(text, "$1 $2")
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether `GLUED_YEAR` can match `text` (true whenever it does).
fn may_glue_year(text: &str) -> bool {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(start) = dates::next_ascii_digit(b, from) {
        let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        for p in start..end.saturating_sub(1) {
            if !matches!(&b[p..p + 2], b"19" | b"20") {
                continue;
            }
            let mut q = p + 2;
            let mut digits = true;
            for _ in 0..2 {
                match b.get(q) {
                    Some(c) if c.is_ascii_digit() => q += 1,
                    Some(&c) if c >= 0x80 => return true,
                    _ => {
                        digits = false;
                        break;
                    }
                }
            }
            if digits
                && b.get(q)
                    .is_some_and(|&c| c.is_ascii_digit() || c.is_ascii_lowercase() || c >= 0x80)
            {
                return true;
            }
        }
        from = end;
    }
    false
}

/// Weight of a clock time right after the date (see CONVERSION.md).
const CLOCK_TIME: f64 = 1.5;

/// Whether `after` (the text after a date) opens with a clock time: "8:03 am", ", 22:11",
/// " - 15.30 Uhr", "à 10h30".
fn has_clock_time(after: &str) -> bool {
    let head: String = after.chars().take(16).collect();
    let b = head.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b':' | b'.' | b'h')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    }) || b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && matches!(w[2], b':' | b'.' | b'h')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks;

    fn pick_in(text: &str, title: usize, run: (usize, usize), order: Order) -> Option<String> {
        let units = blocks::units(text, false);
        pick(
            &units,
            &Layout {
                title: Some(title),
                run: Some(run),
            },
            order,
        )
        .map(|(d, _, _)| d.to_string())
    }

    #[test]
    fn the_date_under_the_headline_beats_teasers_and_copyright() {
        let text = "Older story from the archive\n\nMarch 1, 2019\n\nHarbour reopens after the storm\n\nBy Ana Ruiz\n\nFebruary 6, 2024\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\nMore stories\n\nJanuary 2, 2024\n\n© 2024 Harbour Gazette\n";
        assert_eq!(
            pick_in(text, 2, (5, 6), Order::Mdy).as_deref(),
            Some("2024-02-06")
        );
    }

    #[test]
    fn a_year_glued_to_the_next_word_is_read() {
        for (stamp, order) in [
            ("Mon., March 23, 2020timer 5 min. read", Order::Mdy),
            ("Mo., 23. März 2020lesezeit 5 Min.", Order::Dmy),
            ("Lun. 23 mars 2020lecture 5 min", Order::Dmy),
            ("Lun., 23 de marzo de 202014:05", Order::Dmy),
        ] {
            let text = format!("Harbour reopens after the storm\n\n{stamp}\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\nMore stories\n\nMarch 1, 2019\n");
            assert_eq!(
                pick_in(&text, 0, (2, 3), order).as_deref(),
                Some("2020-03-23"),
                "{stamp}"
            );
        }
    }

    #[test]
    fn a_stamp_without_a_year_takes_the_copyright_year() {
        for (stamp, footer) in [
            (
                "Posted Nov 19, 6:51 AM",
                "© 2009-2019 Harbour Gazette. All rights reserved.",
            ),
            (
                "Veröffentlicht am 19. November, 06:51 Uhr",
                "© 2019 Hafenblatt",
            ),
            (
                "Publié le 19 novembre à 06h51",
                "Copyright © 2019 Le Courrier du Port",
            ),
            (
                "Publicado el 19 de noviembre, 06:51",
                "© 2019 El Diario del Puerto",
            ),
        ] {
            let text = format!("Harbour reopens after the storm\n\n{stamp}\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\n{footer}\n");
            assert_eq!(
                yearless_date_of(&text).as_deref(),
                Some("2019-11-19"),
                "{stamp}"
            );
        }
        // No copyright year, no date.
        let units = blocks::units("Harbour reopens\n\nPosted Nov 19\n\nThe harbour reopened on Tuesday after three days, the port authority said.\n", false);
        let layout = Layout {
            title: Some(0),
            run: Some((2, 3)),
        };
        assert_eq!(pick_without_year(&units, &layout), None);
    }

    /// The date `pick_without_year` reads on a page whose headline is its first unit and
    /// whose article is its third.
    fn yearless_date_of(text: &str) -> Option<String> {
        let units = blocks::units(text, false);
        let layout = Layout {
            title: Some(0),
            run: Some((2, 3)),
        };
        pick_without_year(&units, &layout).map(|(d, _, _)| d.to_string())
    }

    #[test]
    fn a_stamp_without_a_year_reads_its_published_date_after_the_updated_one() {
        for stamp in [
            "Updated Nov 20, 9:41 AM; Posted Nov 19, 8:19 PM",
            "Aktualisiert am 20. November; veröffentlicht am 19. November",
            "Mis à jour le 20 novembre ; publié le 19 novembre",
            "Actualizado el 20 de noviembre; publicado el 19 de noviembre",
        ] {
            let text = format!("Harbour reopens after the storm\n\n{stamp}\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\n© 2019 Harbour Gazette\n");
            assert_eq!(
                yearless_date_of(&text).as_deref(),
                Some("2019-11-19"),
                "{stamp}"
            );
        }
    }

    #[test]
    fn the_earliest_comment_dates_a_page_without_a_date() {
        for (stamps, order) in [
            (
                ["August 9, 2018 at 7:07 pm", "August 8, 2018 at 3:17 pm"],
                Order::Mdy,
            ),
            (
                ["9. August 2018 um 19:07", "8. August 2018 um 15:17"],
                Order::Dmy,
            ),
            (["9 août 2018 à 19h07", "8 août 2018 à 15h17"], Order::Dmy),
            (
                [
                    "9 de agosto de 2018 a las 19:07",
                    "8 de agosto de 2018 a las 15:17",
                ],
                Order::Dmy,
            ),
        ] {
            let text = format!("Harbour reopens after the storm\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\nAna Ruiz\n\n{}\n\nGreat news for the town.\n\nPedro Gil\n\n{}\n\nAbout time too.\n", stamps[0], stamps[1]);
            let units = blocks::units(&text, false);
            let layout = Layout {
                title: Some(0),
                run: Some((1, 2)),
            };
            assert_eq!(
                pick_from_comments(&units, &layout, order).map(|(d, _, _)| d.to_string()),
                Some("2018-08-08".to_string()),
                "{}",
                stamps[1]
            );
        }
        // One stamp is no thread.
        let units = blocks::units("Harbour reopens after the storm\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\nAugust 8, 2018 at 3:17 pm\n", false);
        let layout = Layout {
            title: Some(0),
            run: Some((1, 2)),
        };
        assert_eq!(pick_from_comments(&units, &layout, Order::Mdy), None);
    }

    #[test]
    fn the_year_gate_lets_every_glued_year_through() {
        let mut texts: Vec<String> = [
            "Mon., March 23, 2020timer 5 min. read",
            "Feb 7, 20243:05 PM",
            "Mo., 23. März 2020lesezeit 5 Min.",
            "23. März 2020Ärger",
            "Lun. 23 mars 2020lecture 5 min",
            "Lun., 23 de marzo de 202014:05",
            "23 de marzo de 2020élite",
            "March 23, 2020 timer",
            "Le 23 mars 2020, à 14h05",
            "Stand: 23.03.2020 14:05 Uhr",
            "2020٣:٠٥ and 20٢٠ab",
            "1999x 2001Z 20199 120201",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(dates::glued_texts(
            &[
                "19", "20", "2", "0", "9", "24", "3:05", ".", ":", " ", "timer", "Uhr", "é", "É",
                "٣", "ab", "x", "Z", "_", "h30",
            ],
            4000,
            8,
            24,
        ));
        for t in &texts {
            if GLUED_YEAR.is_match(t) {
                assert!(may_glue_year(t), "{t:?}");
            }
            assert_eq!(unglue_year(t), GLUED_YEAR.replace_all(t, "$1 $2"), "{t:?}");
        }
    }

    #[test]
    fn labels_found_once_agree_with_a_search_per_word() {
        let lines = [
            "updated: february 8, 2024 | published: february 6, 2024",
            "published february 6, 2024, last updated february 8, 2024",
            "veröffentlicht am 6. februar 2024, aktualisiert am 8. februar 2024",
            "erschienen am 6.2.2024 geändert am 8.2.2024 publiziert",
            "publié le 6 février 2024 mis à jour le 8 février 2024, modifié",
            "publiée le 6 février 2024, publié le 7",
            "publicado el 6 de febrero de 2024, actualizado el 8 de febrero de 2024",
            "publicada el 6 de febrero; actualizada el 8; original",
            "posted 2/6/2024 modified 2/8/2024 updatedupdated",
            "no label here at all",
            "",
        ];
        for lower in lines {
            let spans = label_spans(lower);
            for len in (0..=lower.len()).filter(|&i| lower.is_char_boundary(i)) {
                let before = &lower[..len];
                for (published, words) in [(true, &CUES.published), (false, &CUES.updated)] {
                    let by_words = words.iter().filter_map(|w| before.rfind(w)).max();
                    assert_eq!(
                        last_label(&spans, len, published),
                        by_words,
                        "{lower:?} {len} {published}"
                    );
                }
            }
        }
    }

    #[test]
    fn copies_of_a_line_read_once_pick_as_when_each_is_read() {
        let pages = [
            (
                "Harbour reopens after the storm",
                "February 6, 2024",
                "Updated February 8, 2024",
                "March 1, 2019",
                Order::Mdy,
            ),
            (
                "Hafen wieder offen",
                "6. Februar 2024",
                "Aktualisiert am 8. Februar 2024",
                "1. März 2019",
                Order::Dmy,
            ),
            (
                "Le port rouvre",
                "6 février 2024",
                "Mis à jour le 8 février 2024",
                "1 mars 2019",
                Order::Dmy,
            ),
            (
                "El puerto reabre",
                "6 de febrero de 2024",
                "Actualizado el 8 de febrero de 2024",
                "1 de marzo de 2019",
                Order::Dmy,
            ),
        ];
        for (title, date, updated, teaser, order) in pages {
            // The same stamps over the headline, under it and among the teasers, each printed
            // two or three times, and a line glued to its year.
            let text = format!(
                "{teaser}\n\n{updated}\n\n{title}\n\n{updated}\n\n{date}\n\n{date}ab\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n\n{teaser}\n\n{date}\n\n{teaser}\n\n{date}ab\n"
            );
            let units = blocks::units(&text, false);
            for title_at in [0, 2, 4] {
                for run in [(6, 7), (7, 8), (3, 9)] {
                    let layout = Layout {
                        title: Some(title_at),
                        run: Some(run),
                    };
                    assert_eq!(
                        pick(&units, &layout, order),
                        pick_reading_copies(&units, &layout, order, false),
                        "{title} {title_at} {run:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn published_beats_updated() {
        let text = "Harbour reopens\n\nUpdated: February 8, 2024\n\nPublished: February 6, 2024\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n";
        assert_eq!(
            pick_in(text, 0, (3, 4), Order::Mdy).as_deref(),
            Some("2024-02-06")
        );
    }

    #[test]
    fn labels_in_german_french_and_spanish() {
        for (updated, published) in [
            (
                "Aktualisiert am 8. Februar 2024",
                "Veröffentlicht am 6. Februar 2024",
            ),
            ("Mis à jour le 8 février 2024", "Publié le 6 février 2024"),
            (
                "Actualizado el 8 de febrero de 2024",
                "Publicado el 6 de febrero de 2024",
            ),
        ] {
            let text = format!("Titel der Meldung hier\n\n{updated}\n\n{published}\n\nDer Hafen wurde am Dienstag nach drei Tagen wieder geöffnet, teilte die Hafenbehörde mit.\n");
            assert_eq!(
                pick_in(&text, 0, (3, 4), Order::Dmy).as_deref(),
                Some("2024-02-06"),
                "{published}"
            );
        }
    }

    #[test]
    fn a_date_only_in_the_prose_is_not_taken() {
        let text = "Harbour reopens\n\nThe harbour, which first opened on May 3, 1921 after years of building, reopened on Tuesday, the port authority said.\n";
        assert_eq!(pick_in(text, 0, (1, 2), Order::Mdy), None);
    }

    #[test]
    fn a_clock_time_follows_a_stamp_in_four_languages() {
        for after in [
            " 8:03 am ET",
            ", 22:11 GMT+10",
            " um 15.30 Uhr",
            " à 10h30",
            " a las 9:45",
        ] {
            assert!(has_clock_time(after), "{after:?}");
        }
        for after in [" in Olympia, Wash.", "; 2,300 people came", "", " 2024"] {
            assert!(!has_clock_time(after), "{after:?}");
        }
    }

    #[test]
    fn the_stamp_with_a_time_beats_a_bare_date_as_near() {
        // Today's date over the masthead and the article's stamp both sit one line from the
        // headline; the stamp carries its time.
        let text = "20 November 2019\n\nHarbour reopens after the storm\n\n19 November 2019, 08:03\n\nThe harbour reopened on Tuesday after three days, the port authority said in a statement.\n";
        assert_eq!(
            pick_in(text, 1, (3, 4), Order::Dmy).as_deref(),
            Some("2019-11-19")
        );
    }
}
