//! Rendering an article two ways: front-mattered Markdown (what `dossier ingest` produces and
//! the build reads), and the raw text a reader gets by copying the outlet's web page.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use dossier::content::{DocDate, FrontMatter};

use crate::rng::Rng;
use crate::text::{Article, Block};
use crate::world::{BylineStyle, DateStyle, DatelineStyle, Outlet, OutletKind};

/// When a document was published, as its outlet printed it.
#[derive(Clone, Copy)]
pub struct Published {
    pub day: NaiveDate,
    /// Local time of the newsroom, when the outlet prints one.
    pub time: Option<(u32, u32)>,
}

impl Published {
    fn local(&self) -> Option<NaiveDateTime> {
        let (h, m) = self.time?;
        self.day.and_hms_opt(h, m, 0)
    }

    pub fn doc_date(&self, outlet: &Outlet) -> DocDate {
        let offset = FixedOffset::east_opt(outlet.utc_offset * 60);
        match (self.local(), offset) {
            (Some(local), Some(offset)) => match offset.from_local_datetime(&local).single() {
                Some(moment) => DocDate::Moment(moment),
                None => DocDate::Day(self.day),
            },
            _ => DocDate::Day(self.day),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Wire-style abbreviations: short months are spelled out.
const WIRE_MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn weekday(day: NaiveDate) -> &'static str {
    WEEKDAYS[day.weekday().num_days_from_monday() as usize]
}

fn dateline(a: &Article, outlet: &Outlet, day: NaiveDate) -> Option<String> {
    let city = &a.dateline_city;
    match outlet.dateline {
        DatelineStyle::Wire => Some(format!(
            "{city}, {} {} ({}) - ",
            WIRE_MONTHS[day.month0() as usize],
            day.day(),
            outlet.short
        )),
        DatelineStyle::Agency => Some(format!("{city} ({}) — ", outlet.short)),
        DatelineStyle::Plain => Some(format!("{city} — ")),
        DatelineStyle::None => None,
    }
}

/// The Markdown file: front matter and body.
pub fn markdown(
    a: &Article,
    outlet: &Outlet,
    published: Published,
    url: Option<String>,
    draft: bool,
) -> Result<String, String> {
    let front = FrontMatter {
        title: Some(a.title.clone()),
        date: Some(published.doc_date(outlet)),
        authors: a.authors.clone(),
        source: Some(outlet.name.to_string()),
        url,
        section: Some(a.section.to_string()),
        topics: a.topics.clone(),
        summary: Some(a.summary.clone()),
        kind: Some(a.kind.to_string()),
        draft,
        ..FrontMatter::default()
    };
    let yaml = dossier::yaml::to_string(&front).map_err(|e| e.message)?;
    let mut out = String::with_capacity(yaml.len() + 8 * 1024);
    out.push_str("---\n");
    out.push_str(&yaml);
    out.push_str("---\n");
    let mut first = true;
    for block in &a.blocks {
        match block {
            Block::Speaker(_) => continue,
            Block::Para(p) => {
                out.push('\n');
                if first {
                    if let Some(d) = dateline(a, outlet, published.day) {
                        out.push_str(&d);
                    }
                }
                out.push_str(p);
                out.push('\n');
            }
            Block::Heading(h) => {
                out.push_str("\n## ");
                out.push_str(h);
                out.push('\n');
            }
            Block::List(intro, items) => {
                out.push('\n');
                out.push_str(intro);
                out.push_str("\n\n");
                for item in items {
                    out.push_str("- ");
                    out.push_str(item);
                    out.push('\n');
                }
            }
            Block::Quote { text, who } => {
                out.push_str("\n> ");
                out.push_str(text);
                out.push_str("\n> — ");
                out.push_str(who);
                out.push('\n');
            }
        }
        first = false;
    }
    Ok(out)
}

fn twelve_hour(h: u32, m: u32) -> String {
    let (hh, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{hh}:{m:02} {ampm}")
}

fn date_line(outlet: &Outlet, p: Published, rng: &mut Rng) -> String {
    let d = p.day;
    let month = MONTHS[d.month0() as usize];
    let time = p.local();
    match outlet.date {
        DateStyle::UsLong => format!("{month} {}, {}", d.day(), d.year()),
        DateStyle::UsLongTime => match time {
            Some(t) => {
                let mut s = format!(
                    "{month} {}, {} {} {}",
                    d.day(),
                    d.year(),
                    twelve_hour(t.hour(), t.minute()),
                    outlet.tz_label
                );
                if rng.chance(0.5) {
                    s.push_str(&format!(" Updated {} hours ago", rng.range(1, 9)));
                }
                s
            }
            None => format!("{month} {}, {}", d.day(), d.year()),
        },
        DateStyle::DayMonth => format!("{} {month} {}", d.day(), d.year()),
        DateStyle::Published => match time {
            Some(t) => format!(
                "Published {} {} {}, {:02}:{:02} {}",
                d.day(),
                &month[..3],
                d.year(),
                t.hour(),
                t.minute(),
                outlet.tz_label
            ),
            None => format!("Published {} {} {}", d.day(), &month[..3], d.year()),
        },
        DateStyle::Iso => match time {
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => d.format("%Y-%m-%d").to_string(),
        },
        DateStyle::Dotted => d.format("%d.%m.%Y").to_string(),
        DateStyle::Numeric => d.format("%m/%d/%Y").to_string(),
        DateStyle::Weekday => match time {
            Some(t) => format!(
                "{} {} {month} {} {:02}.{:02} {}",
                weekday(d),
                d.day(),
                d.year(),
                t.hour(),
                t.minute(),
                outlet.tz_label
            ),
            None => format!("{}, {} {month} {}", weekday(d), d.day(), d.year()),
        },
    }
}

fn byline(a: &Article, outlet: &Outlet) -> Option<String> {
    let names = &a.authors;
    if names.is_empty() {
        return match outlet.kind {
            OutletKind::Newspaper => Some("Staff and agencies".to_string()),
            _ => None,
        };
    }
    let and_list = || match names.len() {
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    Some(match outlet.byline {
        BylineStyle::ByAnd => format!("By {}", and_list()),
        BylineStyle::Pipes => names.join(" | "),
        BylineStyle::ByOutlet => format!("By {}, {}", and_list(), outlet.short),
        BylineStyle::Label if names.len() == 1 => format!("Author: {}", names[0]),
        BylineStyle::Label => format!("Authors: {}", names.join(", ")),
        BylineStyle::NameRole => format!(
            "{}\n{}",
            and_list(),
            if names.len() == 1 {
                "Correspondent"
            } else {
                "Correspondents"
            }
        ),
    })
}

/// The text of the outlet's web page as a reader would copy it: menus, banners, teasers and all.
pub fn raw(
    a: &Article,
    outlet: &Outlet,
    published: Published,
    country: &str,
    slug: &str,
    teasers: &[String],
    rng: &mut Rng,
) -> String {
    let mut lines: Vec<String> = Vec::with_capacity(64);
    let blank = |lines: &mut Vec<String>| lines.push(String::new());
    for (i, s) in outlet.skip.iter().enumerate() {
        lines.push(if outlet.numbered_skip {
            format!("{}. {s}", i + 1)
        } else {
            s.to_string()
        });
    }
    blank(&mut lines);
    let cookie_on_top = rng.chance(0.3);
    if cookie_on_top {
        lines.extend(outlet.cookie.iter().map(|s| s.to_string()));
        blank(&mut lines);
    }
    let crumb = if outlet.crumb_sep.is_empty() {
        format!("{}{country}", a.section)
    } else if rng.chance(0.5) {
        format!(
            "Home{sep}{}{sep}{country}",
            a.section,
            sep = outlet.crumb_sep
        )
    } else {
        format!("{}{sep}{country}", a.section, sep = outlet.crumb_sep)
    };
    lines.push(crumb);
    blank(&mut lines);
    lines.push(a.title.clone());
    blank(&mut lines);
    if outlet.kind != OutletKind::Wire && rng.chance(0.7) {
        lines.push(a.summary.clone());
        blank(&mut lines);
    }
    if a.kind == "video" {
        lines.push(format!("{:02}:{:02}", rng.range(0, 4), rng.range(0, 59)));
        blank(&mut lines);
        lines.push(outlet.player.to_string());
        blank(&mut lines);
    }
    if let Some(b) = byline(a, outlet) {
        lines.push(b);
    }
    lines.push(date_line(outlet, published, rng));
    if rng.chance(0.3) {
        lines.push(format!(
            "https://www.{}/{}/{}",
            outlet.domain,
            a.section.to_lowercase(),
            slug
        ));
    }
    blank(&mut lines);
    let caption = format!("{}. Photo: {}/{}", a.caption, a.photo_credit, outlet.short);
    let caption_on_top = a.kind != "video" && rng.chance(0.5);
    if caption_on_top {
        lines.push(caption.clone());
        blank(&mut lines);
    }
    if a.kind == "video" {
        lines.push(
            rng.pick(&["Transcript", "Video transcript", "Read the transcript"])
                .to_string(),
        );
        blank(&mut lines);
    }
    let mut first = true;
    let middle = a.blocks.len() / 2;
    for (i, block) in a.blocks.iter().enumerate() {
        match block {
            Block::Speaker(s) => lines.push(s.clone()),
            Block::Para(p) => {
                let mut text = String::new();
                if first && a.kind != "video" {
                    if let Some(d) = dateline(a, outlet, published.day) {
                        text.push_str(&d);
                    }
                }
                text.push_str(p);
                lines.push(text);
                first = false;
            }
            Block::Heading(h) => lines.push(h.clone()),
            Block::List(intro, items) => {
                lines.push(intro.clone());
                for item in items {
                    lines.push(format!("• {item}"));
                }
            }
            Block::Quote { text, who } => {
                lines.push(text.clone());
                lines.push(format!("— {who}"));
            }
        }
        if !matches!(block, Block::Speaker(_)) {
            blank(&mut lines);
        }
        if i == middle && !caption_on_top && a.kind != "video" {
            lines.push(caption.clone());
            blank(&mut lines);
        }
        if i == middle && outlet.kind == OutletKind::Digital && rng.chance(0.5) {
            lines.push("Advertisement".to_string());
            blank(&mut lines);
        }
    }
    if outlet.credit_line && !a.authors.is_empty() {
        let editor = a.correspondent.as_str();
        let mut credit = format!(
            "Reporting by {} in {}",
            a.authors.join(" and "),
            title_city(&a.dateline_city)
        );
        credit.push_str(&format!("; Editing by {editor}"));
        lines.push(credit);
        blank(&mut lines);
    }
    if !cookie_on_top {
        lines.extend(outlet.cookie.iter().map(|s| s.to_string()));
        blank(&mut lines);
    }
    if !teasers.is_empty() {
        lines.push(outlet.related.to_string());
        blank(&mut lines);
        for t in teasers {
            lines.push(t.clone());
            if outlet.read_time {
                lines.push(format!("{} min read", rng.range(2, 8)));
            }
            blank(&mut lines);
        }
    }
    lines.extend(outlet.newsletter.iter().map(|s| s.to_string()));
    blank(&mut lines);
    lines.extend(outlet.footer.iter().map(|s| s.to_string()));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn title_city(upper: &str) -> String {
    upper
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_string() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
