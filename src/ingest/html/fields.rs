//! The front-matter fields of a page, chosen from what [`metadata`](super::metadata) found:
//! the visible headline and byline win over meta data that disagrees with them (meta titles
//! carry the site's name, meta authors go stale). Each choice says where it came from.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use super::super::bylines;
use super::super::dates::{self, Order};
use super::super::sources::{normalise_host, Sources};
use super::metadata::{Found, HeaderLine, PageMeta};
use crate::content::DocDate;

/// The chosen fields, with where each came from (`field -> origin`).
#[derive(Debug, Default)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<DocDate>,
    pub date_evidence: Option<String>,
    pub updated: Option<DocDate>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub section: Option<String>,
    pub image: Option<String>,
    pub lang: Option<String>,
    pub origins: BTreeMap<&'static str, String>,
}

/// Lower-case words of a text, for comparing titles.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Alphanumerics only, lower case: "9to5Mac" and "9to5mac.com" compare.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The labels of a host that name the site ("news.example.co.uk" → ["news", "example"]).
fn host_labels(host: &str) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "www", "com", "co", "uk", "org", "net", "ca", "in", "info", "au", "nz", "us", "edu", "gov",
        "io", "news", "de", "fr", "jp", "kr", "m", "amp", "blog", "blogs",
    ];
    let labels: Vec<String> = host
        .split('.')
        .filter(|l| !GENERIC.contains(l))
        .map(str::to_string)
        .collect();
    if labels.is_empty() {
        host.split('.').map(str::to_string).collect()
    } else {
        labels
    }
}

/// Does `name` spell out every distinctive label of `host` ("9to5Mac" / 9to5mac.com,
/// "Spokesman-Review" / spokesman.com)? A shorter or looser name ("Smithsonian" for
/// smithsonianmag.com, "ProFootballTalk" for profootballtalk.nbcsports.com) is a brand the
/// sources table can map; without it the host itself names the site unambiguously.
fn spells_host(name: &str, host: &str) -> bool {
    const GENERIC: &[&str] = &["www", "com", "co", "uk", "org", "net", "ca", "in", "info"];
    let n = squash(name);
    let labels: Vec<&str> = host.split('.').filter(|l| !GENERIC.contains(l)).collect();
    !labels.is_empty() && (labels.iter().all(|l| n.contains(l)) || n.contains(&labels.concat()))
}

pub fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    u.host_str().map(normalise_host)
}

/// "Headline | Site", "Site - Headline": the title without the parts that name the site.
pub fn strip_site(title: &str, site_names: &[Found], host: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    for _ in 0..3 {
        let mut changed = false;
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", ": "] {
            // A part that is the site's name, not one that merely contains it
            // ("9to5Mac Gift Guide: ..." keeps its column name).
            let is_site = |part: &str| {
                let p = squash(part);
                let p = p
                    .strip_prefix("the")
                    .filter(|r| !r.is_empty())
                    .unwrap_or(&p);
                !p.is_empty()
                    && (site_names.iter().any(|s| {
                        let s = squash(&s.value);
                        s == p || s.strip_prefix("the") == Some(p)
                    }) || host
                        .is_some_and(|h| squash(h) == p || host_labels(h).iter().any(|l| l == p)))
            };
            if sep != ": " {
                if let Some((head, tail)) = t.rsplit_once(sep) {
                    if is_site(tail) && !head.trim().is_empty() {
                        t = head.trim().to_string();
                        changed = true;
                        continue;
                    }
                }
            }
            if let Some((head, tail)) = t.split_once(sep) {
                if is_site(head) && !tail.trim().is_empty() {
                    t = tail.trim().to_string();
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    t
}

/// "The Space Review: Seeking a bigger role" with the headline "Seeking a bigger role": the
/// part of the page's `<title>` beside the headline names the site.
fn title_beside_headline(m: &PageMeta) -> Option<String> {
    let title = m.titles.iter().find(|t| t.from == "<title>")?;
    let h = words(&m.h1.as_ref()?.value).join(" ");
    for sep in [" | ", " - ", " – ", " — ", ": ", " :: ", " · "] {
        if let Some((a, b)) = title.value.split_once(sep) {
            for (site, rest) in [(a, b), (b, a)] {
                let n = site.split_whitespace().count();
                if words(rest).join(" ") == h && (1..=5).contains(&n) {
                    return Some(site.trim().to_string());
                }
            }
        }
    }
    None
}

/// A date value from metadata: ISO 8601 in its common shapes, or a written date.
pub fn parse_date(value: &str, order: Order) -> Option<DocDate> {
    let v = value.trim();
    if let Ok(d) = DocDate::parse(v) {
        return Some(d);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%a, %d %b %Y %H:%M:%S %z",
    ] {
        if let Ok(m) = DateTime::parse_from_str(v, f) {
            return Some(DocDate::Moment(m));
        }
    }
    if let Ok(m) = DateTime::parse_from_rfc2822(v) {
        return Some(DocDate::Moment(m));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y%m%d%H%M%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v, f) {
            return Some(DocDate::Local(dt));
        }
    }
    // "2019-11-18T16:54:19.000Z", "2019-11-18T16:54:19 +00:00": the day is what counts.
    if v.len() >= 10 && v.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d") {
            return Some(DocDate::Day(d));
        }
    }
    if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(v, "%Y%m%d") {
            return Some(DocDate::Day(d));
        }
    }
    dates::find_dates(v, order)
        .first()
        .map(|f| DocDate::Day(f.date))
}

fn plausible(d: &DocDate) -> bool {
    let day = d.day(chrono_tz::UTC);
    (1990..=2100).contains(&chrono::Datelike::year(&day))
}

/// The calendar day a metadata date names in its own zone.
fn meta_day(d: &DocDate) -> NaiveDate {
    match d {
        DocDate::Day(d) => *d,
        DocDate::Local(dt) => dt.date(),
        DocDate::Moment(m) => m.date_naive(),
    }
}

/// A publication date printed near the headline.
struct Shown {
    day: NaiveDate,
    line: String,
    after: bool,
    marked: bool,
}

/// The publication dates printed near the headline, in the order of `lines`.
fn visible_dates(lines: &[HeaderLine], sources: &Sources, order: Order) -> Vec<Shown> {
    let mut out = Vec::new();
    let mut label_updated = false;
    for l in lines {
        let t = &l.text;
        let mut day = None;
        if let Some(dl) = dates::date_line(t, order) {
            if dl.is_label_only() {
                let lower = t.to_lowercase();
                label_updated = lower.contains("updat") || lower.contains("modif");
                continue;
            }
            day = dl.published.filter(|_| !label_updated);
        } else if let Some(p) = bylines::parse_byline(t, sources, order).and_then(|b| b.published) {
            day = Some(p);
        } else if l.marked {
            // A date or byline element says more than a date line does ("Written: 2023-11-07
            // 15:03 / Updated: ...", "By A - 2019-04-10"): its first date not labelled as an
            // update.
            day = dates::find_dates(t, order)
                .into_iter()
                .find(|f| {
                    let before = t[..f.start].to_lowercase();
                    let label = before
                        .rsplit(|c: char| c.is_ascii_digit())
                        .next()
                        .unwrap_or("");
                    !(label.contains("updat")
                        || label.contains("modif")
                        || label.contains("edited"))
                })
                .map(|f| f.date);
        }
        label_updated = false;
        if let Some(day) = day {
            out.push(Shown {
                day,
                line: t.clone(),
                after: l.after,
                marked: l.marked,
            });
        }
    }
    out
}

/// Names in a meta author value: "A and B", "A, B", "A; B".
fn split_names(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .or_else(|| s.strip_prefix("BY "))
        .unwrap_or(s);
    // A time or date glued after the name ("Jane Roe 15:35, Oct 29 2020") is not a name.
    let s = s.find(|c: char| c.is_ascii_digit()).map_or(s, |i| &s[..i]);
    s.split([',', ';', '|', '/', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Words that make a name field something other than a person.
const NOT_PERSON: &[&str] = &[
    "author",
    "authors",
    "admin",
    "administrator",
    "staff",
    "editor",
    "editors",
    "editorial",
    "team",
    "desk",
    "unknown",
    "anonymous",
    "guest",
    "contributor",
    "contributors",
    "no",
    "none",
    "null",
    "newsroom",
    "press",
    "wire",
    "wires",
    "agency",
    "reporter",
    "reporters",
    "correspondent",
    "media",
    "news",
    "online",
    "web",
    "digital",
    "writer",
    "writers",
    "updated",
    "published",
    "posted",
];

/// A word no person's name holds: a role, or a date glued to a byline ("Fri Nov 3 2023"),
/// except months that are also given names ("April Ryan").
fn not_person_word(lower: &str) -> bool {
    NOT_PERSON.contains(&lower) || crate::lang::calendar::word(lower).is_some_and(|w| !w.given_name)
}

/// The persons among names: organisations, staff and site bylines are not authors; degrees
/// after a comma are dropped ("Rachael Link, MS, RD").
fn persons(names: &[String], sources: &Sources, site: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let n = n.trim().trim_end_matches(['.', ',']).trim();
        let n = n
            .strip_prefix("By ")
            .or_else(|| n.strip_prefix("by "))
            .unwrap_or(n)
            .trim();
        // "Jane Roe Reuters": the outlet after the name is not part of it.
        let n = match sources.find_at_end(n) {
            Some((start, _)) if start > 0 => n[..start].trim().trim_end_matches([',', '-']).trim(),
            _ => n,
        };
        let role_word = n
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| not_person_word(&w.to_lowercase()));
        if role_word
            || sources.by_name(n).is_some()
            || site.iter().any(|s| squash(s) == squash(n))
            || !(bylines::is_person_name(n, false)
                || bylines::is_person_name(&bylines::title_case_shouted(n), false))
        {
            continue;
        }
        let n = if n
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            bylines::title_case_shouted(n)
        } else {
            n.to_string()
        };
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

/// A one-word name ("Regan") is a person only when the metadata's first author place names
/// that one word and nothing else, and a byline element prints it ("by Regan"): alone, one
/// word may be a desk, a brand or a handle. Nor is it the site's own name ("Acmenews" on
/// acmenews.com).
fn one_word_author(
    m: &PageMeta,
    sources: &Sources,
    site: &[String],
    host: Option<&str>,
) -> Option<String> {
    let place = m.authors.first()?.from.as_str();
    let mut names = m
        .authors
        .iter()
        .filter(|a| a.from == place)
        .map(|a| a.value.trim());
    let w = names.next()?;
    if names.any(|n| n != w) {
        return None;
    }
    let letters = w.chars().count();
    let word = (2..=24).contains(&letters)
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    if !word
        || not_person_word(&w.to_lowercase())
        || sources.by_name(w).is_some()
        || site.iter().any(|s| squash(s) == squash(w))
        || host.is_some_and(|h| {
            host_labels(h)
                .iter()
                .any(|l| squash(w).contains(l.as_str()) || l.contains(&squash(w)))
        })
    {
        return None;
    }
    let printed = m.bylines.iter().any(|b| {
        b.value.lines().any(|l| {
            let l = l.trim();
            let lower = l.to_lowercase();
            let name = ["written by ", "by "]
                .iter()
                .find_map(|p| {
                    if lower.starts_with(p) {
                        l.get(p.len()..)
                    } else {
                        None
                    }
                })
                .unwrap_or(l);
            name.trim() == w
        })
    });
    printed.then(|| w.to_string())
}

/// Last names, lower case, for comparing two author lists.
fn surnames(names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter_map(|n| n.split_whitespace().last())
        .map(str::to_lowercase)
        .collect()
}

/// Choose every field.
/// `visible` is the page's text (scripts and the like removed), lower-cased words joined by
/// single spaces, to tell whether a meta title is shown anywhere.
pub fn choose(
    m: &PageMeta,
    location: Option<&str>,
    visible: &str,
    sources: &Sources,
    order: Order,
) -> Fields {
    let mut f = Fields {
        lang: m.lang.clone(),
        ..Fields::default()
    };

    // Address: the canonical link, else og:url or JSON-LD, else where the archive was saved
    // from; relative ones are read against that. A canonical link to another site marks a
    // syndicated copy (a portal carrying a wire story): the page's own address (og:url, the
    // archive's location) names where it was read, which is what `url` and `source` record.
    let base = location.and_then(|l| url::Url::parse(l).ok());
    let absolute: Vec<(url::Url, &Found)> = m
        .urls
        .iter()
        .filter_map(|u| {
            let abs = match (&base, url::Url::parse(&u.value)) {
                (_, Ok(x)) => Some(x),
                (Some(b), Err(_)) => b.join(&u.value).ok(),
                (None, Err(_)) => None,
            }?;
            (matches!(abs.scheme(), "http" | "https") && abs.host_str().is_some())
                .then_some((abs, u))
        })
        .collect();
    let own_host = base
        .as_ref()
        .and_then(|b| b.host_str().map(normalise_host))
        .or_else(|| {
            absolute
                .iter()
                .find(|(_, u)| u.from == "meta og:url")
                .and_then(|(x, _)| x.host_str().map(normalise_host))
        });
    let pick = absolute
        .iter()
        .find(|(x, _)| own_host.is_none() || x.host_str().map(normalise_host) == own_host)
        .or(absolute.first());
    if let Some((x, u)) = pick {
        f.url = Some(x.to_string());
        f.origins.insert("url", u.from.clone());
    }
    if f.url.is_none() {
        if let Some(l) = &base {
            f.url = Some(l.to_string());
            f.origins.insert("url", "MHTML Content-Location".into());
        }
    }
    let host = f.url.as_deref().and_then(host_of);

    // Source: the sources table by host, else a site name that names the host, else the host.
    let site_names: Vec<String> = m.site_names.iter().map(|s| s.value.clone()).collect();
    if let Some(h) = &host {
        if let Some(name) = sources.by_host(h) {
            f.source = Some(name.to_string());
            f.origins.insert("source", format!("sources table ({h})"));
        } else if let Some(s) = m.site_names.iter().find(|s| spells_host(&s.value, h)) {
            f.source = Some(s.value.clone());
            f.origins.insert("source", s.from.clone());
        } else {
            f.source = Some(h.clone());
            f.origins.insert("source", "host of the url".into());
        }
    } else if let Some(s) = m.site_names.first() {
        f.source = Some(s.value.clone());
        f.origins.insert("source", s.from.clone());
    } else if let Some(name) = title_beside_headline(m) {
        f.source = Some(name);
        f.origins
            .insert("source", "<title> beside the headline".into());
    }

    // Title: the visible headline when it shares at least half its words with the meta
    // title, else the meta title without the site's name.
    let meta_title = m
        .titles
        .iter()
        .find(|t| t.from != "<title>")
        .or_else(|| m.titles.first())
        .map(|t| {
            (
                strip_site(&t.value, &m.site_names, host.as_deref()),
                t.from.clone(),
            )
        });
    let h1 = m.h1.as_ref().filter(|h| h.value.chars().count() >= 3);
    let chosen = match (h1, &meta_title) {
        (Some(h), Some((mt, _))) => {
            let hw = words(&h.value);
            let mw = words(mt);
            let shared = hw.iter().filter(|w| mw.contains(w)).count();
            let mt_shown = mw.is_empty() || visible.contains(&mw.join(" "));
            let (hj, mj) = (hw.join(" "), mw.join(" "));
            if hj.len() > mj.len() && !mj.is_empty() && hj.ends_with(&mj) {
                // A kicker glued to the headline ("AnalysisWhy ..."): the meta title is the
                // headline itself.
                meta_title.clone()
            } else if (!hw.is_empty() && shared * 2 >= hw.len()) || !mt_shown {
                // The meta title is the headline's variant, or the page never shows it.
                Some((h.value.clone(), h.from.clone()))
            } else {
                meta_title.clone()
            }
        }
        (Some(h), None) => Some((h.value.clone(), h.from.clone())),
        (None, Some(_)) => meta_title.clone(),
        (None, None) => None,
    };
    if let Some((t, from)) = chosen {
        f.title = Some(t);
        f.origins.insert("title", from);
    }

    // Date: the first publication date that reads, metadata before <time> elements (a page's
    // other times belong to comments and teasers).
    let mut published: Vec<&Found> = m
        .published
        .iter()
        .filter(|p| !p.from.starts_with("time["))
        .collect();
    published.extend(
        m.published
            .iter()
            .filter(|p| p.from.starts_with("time[datetime] (published)")),
    );
    published.extend(
        m.published
            .iter()
            .filter(|p| p.from.starts_with("time[datetime]") && !p.from.contains("(published)"))
            .take(1),
    );
    for p in published {
        if let Some(d) = parse_date(&p.value, order).filter(plausible) {
            f.date = Some(d);
            f.date_evidence = Some(format!("{}: {}", p.from, p.value));
            f.origins.insert("date", p.from.clone());
            break;
        }
    }
    // The date the page prints near its headline is the publisher's own calendar day. It
    // wins over a metadata time stamp a day off (another zone), and, when printed in a
    // date or byline element after the headline, over one further off (a re-save). A date
    // before the headline is used only when there is no other: site headers print today.
    let shown = visible_dates(&m.header_lines, sources, order);
    let after = |marked_only: bool| shown.iter().find(|v| v.after && (v.marked || !marked_only));
    let pick = match f.date.as_ref().map(meta_day) {
        None => after(false).or_else(|| shown.iter().find(|v| !v.after && v.marked)),
        Some(md) => {
            let near = after(false).filter(|v| (v.day - md).num_days().abs() <= 1);
            near.or_else(|| after(true))
        }
    };
    if let Some(v) = pick {
        let same = f.date.as_ref().is_some_and(|d| meta_day(d) == v.day);
        if !same {
            let place = if v.after { "after" } else { "before" };
            let from = match &f.date {
                Some(d) => format!(
                    "page text {place} the headline (the metadata said {})",
                    meta_day(d)
                ),
                None => format!("page text {place} the headline"),
            };
            f.origins.insert("date", from);
            f.date = Some(DocDate::Day(v.day));
            f.date_evidence = Some(v.line.clone());
        }
    }
    if f.date.is_none() {
        if let Some(d) = f.url.as_deref().and_then(dates::url_date) {
            f.date = Some(DocDate::Day(d));
            f.date_evidence = f.url.clone();
            f.origins.insert("date", "url".into());
        }
    }
    if let (Some(d), Some(u)) = (
        f.date,
        m.modified.iter().find_map(|p| parse_date(&p.value, order)),
    ) {
        if u.day(chrono_tz::UTC) > d.day(chrono_tz::UTC) {
            f.updated = Some(u);
        }
    }

    // Authors: the visible byline's persons; the metadata's when no byline names anyone.
    // Of the metadata, the first place (JSON-LD before meta tags) that names a person; places
    // are not mixed (a meta author tag often names the site's owner).
    let mut meta_authors = Vec::new();
    let mut meta_from = String::new();
    let mut places: Vec<&str> = Vec::new();
    for a in &m.authors {
        if !places.contains(&a.from.as_str()) {
            places.push(&a.from);
        }
    }
    for place in places {
        let names: Vec<String> = m
            .authors
            .iter()
            .filter(|a| a.from == place)
            .flat_map(|a| split_names(&a.value))
            .collect();
        let p = persons(&names, sources, &site_names);
        if !p.is_empty() {
            meta_authors = p;
            meta_from = place.to_string();
            break;
        }
    }
    // The first byline that reads as one ("By ..."), even one naming only an organisation,
    // decides; bare names count when no such byline comes before them. Of a few bylines in
    // a row, the one naming most people (a sticky header may shorten the list).
    let mut visible: Option<(Vec<String>, String)> = None;
    let mut tried = 0;
    for b in &m.bylines {
        // Name lines add up ("A," / "B"); the first "By ..." line closes the byline.
        let mut found: Vec<String> = Vec::new();
        let mut decided = false;
        for l in b.value.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match bylines::parse_byline(l, sources, order) {
                Some(by) => {
                    found.extend(persons(&by.authors, sources, &site_names));
                    decided = true;
                    break;
                }
                None => {
                    let p = persons(&split_names(l), sources, &site_names);
                    if p.is_empty() && decided {
                        // The names have ended ("Search for this author in: ...").
                        break;
                    }
                    decided |= !p.is_empty();
                    found.extend(p);
                }
            }
        }
        if !decided {
            continue;
        }
        // One person once, even when a glued label repeats the name ("BiographyJane Roe").
        let mut unique: Vec<String> = Vec::new();
        for n in found {
            let last = surnames(std::slice::from_ref(&n));
            if !unique
                .iter()
                .any(|u| surnames(std::slice::from_ref(u)) == last)
            {
                unique.push(n);
            }
        }
        if visible.as_ref().is_none_or(|(v, _)| unique.len() > v.len()) {
            visible = Some((unique, b.from.clone()));
        }
        tried += 1;
        if visible.as_ref().is_some_and(|(v, _)| v.is_empty()) || tried >= 3 {
            break;
        }
    }
    // No element is marked as the byline: a "By ..." line printed under the headline.
    if visible.is_none() {
        for l in m.header_lines.iter().filter(|l| l.after).take(30) {
            if let Some(by) = bylines::parse_byline(&l.text, sources, order) {
                let p = persons(&by.authors, sources, &site_names);
                visible = Some((p, "a line under the headline".to_string()));
                break;
            }
        }
    }
    match visible {
        Some((v, from)) if !v.is_empty() => {
            // A byline that shares no surname with the metadata may be another article's
            // (a teaser): keep it only when the metadata names no person or it sits under
            // the headline.
            let ms = surnames(&meta_authors);
            let vs = surnames(&v);
            // A byline printed right under the headline is the article's own, whatever the
            // metadata says (meta authors go stale).
            let under_headline = v.iter().any(|name| {
                m.header_lines
                    .iter()
                    .filter(|l| l.after)
                    .any(|l| l.text.contains(name.as_str()))
            });
            let agree =
                meta_authors.is_empty() || vs.iter().any(|s| ms.contains(s)) || under_headline;
            if agree {
                f.authors = v;
                f.origins.insert("authors", format!("byline {from}"));
            } else {
                f.authors = meta_authors;
                f.origins.insert("authors", meta_from);
            }
        }
        Some((_, from)) => {
            // The byline names an organisation or desk only.
            f.origins
                .insert("authors", format!("none: byline {from} names no person"));
        }
        None if !meta_authors.is_empty() => {
            f.authors = meta_authors;
            f.origins.insert("authors", meta_from);
        }
        None => {}
    }
    if f.authors.is_empty() {
        if let Some(w) = one_word_author(m, sources, &site_names, host.as_deref()) {
            f.authors = vec![w];
            f.origins
                .insert("authors", "byline and metadata, one word".to_string());
        }
    }

    if let Some(d) = m.descriptions.first() {
        f.summary = Some(d.value.clone());
        f.origins.insert("summary", d.from.clone());
    }
    if let Some(s) = m.sections.first() {
        f.section = Some(s.value.clone());
        f.origins.insert("section", s.from.clone());
    }
    let page = f
        .url
        .as_deref()
        .or(location)
        .and_then(|u| url::Url::parse(u).ok());
    for i in &m.images {
        let abs = match (&page, url::Url::parse(&i.value)) {
            (_, Ok(x)) => Some(x),
            (Some(b), Err(_)) => b.join(&i.value).ok(),
            _ => None,
        };
        if let Some(x) = abs.filter(|x| matches!(x.scheme(), "http" | "https")) {
            f.image = Some(x.to_string());
            f.origins.insert("image", i.from.clone());
            break;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(v: &str, from: &str) -> Found {
        Found {
            value: v.into(),
            from: from.into(),
        }
    }

    #[test]
    fn site_names_leave_titles() {
        let sites = [found("The Coast", "meta og:site_name")];
        assert_eq!(
            strip_site("Tide report | The Coast", &sites, None),
            "Tide report"
        );
        assert_eq!(
            strip_site("The Coast - Tide report", &sites, None),
            "Tide report"
        );
        assert_eq!(
            strip_site("Tide report - Coast News", &[], Some("coastnews.example")),
            "Tide report"
        );
        assert_eq!(strip_site("Tide - report", &[], None), "Tide - report");
    }

    #[test]
    fn sites_and_hosts() {
        assert!(spells_host("9to5Mac", "9to5mac.com"));
        assert!(spells_host("The Verge", "theverge.com"));
        assert!(spells_host("The Spokesman-Review", "spokesman.com"));
        assert!(!spells_host("Smithsonian", "smithsonianmag.com"));
        assert!(!spells_host("CNN", "msn.com"));
    }

    #[test]
    fn date_shapes() {
        let o = Order::Mdy;
        assert_eq!(
            parse_date("2019-11-18T16:54:19+0000", o)
                .unwrap()
                .to_string(),
            "2019-11-18T16:54:19+00:00"
        );
        assert_eq!(
            parse_date("2019-11-18T16:54:19.000Z", o)
                .unwrap()
                .to_string()[..10],
            *"2019-11-18"
        );
        assert_eq!(
            parse_date("2019-11-18 16:54:19", o).unwrap().to_string(),
            "2019-11-18T16:54:19"
        );
        assert_eq!(
            parse_date("November 18, 2019", o).unwrap().to_string(),
            "2019-11-18"
        );
        assert_eq!(parse_date("20191118", o).unwrap().to_string(), "2019-11-18");
        assert!(parse_date("yesterday", o).is_none());
    }

    #[test]
    fn visible_title_and_byline_win() {
        let m = PageMeta {
            titles: vec![found("Tide report rises | The Coast", "meta og:title")],
            h1: Some(found("Tide report rises again", "h1")),
            authors: vec![found("Troy Smith", "meta author")],
            bylines: vec![found("By Troy L. Smith, The Coast", "<p byline>")],
            site_names: vec![found("The Coast", "meta og:site_name")],
            urls: vec![found("https://www.thecoast.com/tide", "link rel=canonical")],
            published: vec![found(
                "2024-02-06T23:30:00-05:00",
                "meta article:published_time",
            )],
            ..PageMeta::default()
        };
        let f = choose(&m, None, "", &Sources::default(), Order::Mdy);
        assert_eq!(f.title.as_deref(), Some("Tide report rises again"));
        assert_eq!(f.authors, ["Troy L. Smith"]);
        assert_eq!(f.source.as_deref(), Some("The Coast"));
        assert_eq!(f.date.unwrap().to_string(), "2024-02-06T23:30:00-05:00");
        assert_eq!(f.origins["title"], "h1");
        assert_eq!(f.origins["date"], "meta article:published_time");
    }

    #[test]
    fn organisations_are_not_authors() {
        let m = PageMeta {
            authors: vec![
                found("Associated Press", "meta author"),
                found("HNN Staff", "json-ld author"),
            ],
            ..PageMeta::default()
        };
        assert!(choose(&m, None, "", &Sources::default(), Order::Mdy)
            .authors
            .is_empty());
    }
}
