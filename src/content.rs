//! Documents: front matter, Markdown body, loading from `content/`, slugs.
//!
//! Front-mattered Markdown is the on-disk contract between `ingest` (which writes it), the
//! user (who corrects it) and the build (which reads it).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Diagnostic;
use crate::yaml;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A publication date as the user wrote it: a day, or a moment with or without an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocDate {
    Day(NaiveDate),
    /// A local time with no offset: read in the site's time zone.
    Local(NaiveDateTime),
    Moment(DateTime<FixedOffset>),
}

impl DocDate {
    /// Parse the forms the front matter accepts: `2024-02-06`, `2024-02-06T09:30:00+01:00`,
    /// `2024-02-06T09:30Z`, `2024-02-06 09:30` and `2024-02-06T09:30:00`.
    pub fn parse(text: &str) -> Result<DocDate, String> {
        let t = text.trim();
        let err = || {
            format!(
                "{t:?} is not a date; write 2024-02-06, or 2024-02-06T09:30:00+01:00 with a time"
            )
        };
        let date = if t.len() == 10 {
            DocDate::Day(NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| err())?)
        } else if let Ok(moment) = DateTime::parse_from_rfc3339(t) {
            DocDate::Moment(moment)
        } else if let Ok(moment) = DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M%:z") {
            DocDate::Moment(moment)
        } else if let Some(utc) = t
            .strip_suffix(['Z', 'z'])
            .and_then(|m| NaiveDateTime::parse_from_str(m, "%Y-%m-%dT%H:%M").ok())
        {
            // `%:z` does not read `Z`; RFC 3339 does, but only with seconds.
            DocDate::Moment(utc.and_utc().fixed_offset())
        } else if let Some(local) = [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        {
            DocDate::Local(local)
        } else {
            return Err(err());
        };
        let year = date.naive_day().year();
        if !(1..=9999).contains(&year) {
            return Err(format!(
                "{t:?} has the year {year}, outside 1 to 9999; check the date"
            ));
        }
        Ok(date)
    }

    /// The calendar day as written (before any time zone conversion).
    fn naive_day(&self) -> NaiveDate {
        match self {
            DocDate::Day(d) => *d,
            DocDate::Local(dt) => dt.date(),
            DocDate::Moment(m) => m.date_naive(),
        }
    }

    /// The moment this date stands for, in the site's zone; a bare day is its midnight.
    pub fn moment(&self, tz: chrono_tz::Tz) -> DateTime<FixedOffset> {
        let local = match self {
            DocDate::Moment(m) => return *m,
            DocDate::Day(d) => d.and_time(NaiveTime::MIN),
            DocDate::Local(dt) => *dt,
        };
        let zoned = tz
            .from_local_datetime(&local)
            .earliest()
            .unwrap_or_else(|| tz.from_utc_datetime(&local));
        zoned.fixed_offset()
    }

    /// The day this date falls on in the site's time zone.
    pub fn day(&self, tz: chrono_tz::Tz) -> NaiveDate {
        match self {
            DocDate::Day(d) => *d,
            DocDate::Local(dt) => dt.date(),
            DocDate::Moment(m) => m.with_timezone(&tz).date_naive(),
        }
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            DocDate::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            DocDate::Moment(m) => write!(f, "{}", m.to_rfc3339()),
        }
    }
}

impl Serialize for DocDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = DocDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2024-02-06 or 2024-02-06T09:30:00+01:00")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DocDate, E> {
                DocDate::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// How a document's date was found (written by `ingest`, shown on article pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Printed as the publication date (dateline, byline, date line under the headline).
    Stated,
    /// Taken from a photo or video caption.
    Caption,
    /// Worked out from the text (e.g. a weekday and a nearby date).
    Inferred,
    /// Set by the user.
    User,
}

/// The YAML front matter of a document. Unknown keys are errors; free-form data goes in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DocDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DocDate>,
    #[serde(
        default,
        alias = "author",
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub authors: Vec<String>,
    /// An organisation, wire or staff byline ("Associated Press", "Metro Desk Staff"): not a
    /// person, so not among `authors`; set by ingest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_org: Option<String>,
    /// The publisher, e.g. "Reuters".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The original article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// A picture for the document's shared page (Open Graph, Twitter cards, JSON-LD): a web
    /// address, or a path relative to the site root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(
        default,
        alias = "tags",
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The captions of the page's pictures and videos, in page order: set by ingest, which
    /// keeps them out of the body (a text copy has no picture for them to stand under).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub captions: Vec<String>,
    /// article, video, statement, transcript, liveblog, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The document's language as a BCP 47 tag ("en", "de", "pt-BR"): set by ingest or by
    /// hand (`lang:` or `language:`); when absent, the loader detects it from the text.
    #[serde(default, alias = "language", skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    /// The text the date was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_evidence: Option<String>,
    /// The raw document this file was converted from, relative to the site root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    /// blake3 of the raw document's bytes when it was converted: a changed raw file is
    /// converted again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_hash: Option<String>,
    /// Hash of the generated file's content at the time `ingest` wrote it: if the file no
    /// longer matches, the user edited it and it is never overwritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingest_hash: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    // A visitor rather than an untagged enum: its error names what was expected and keeps the
    // position of the value.
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a name or a list of names")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Vec<String>, D2::Error> {
            d.deserialize_any(V)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// A loaded document: front matter, body, and what the build derives from them.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file as found (site root joined), for messages.
    pub path: PathBuf,
    /// Path relative to the content folder, with `/` separators.
    pub rel_path: String,
    pub front: FrontMatter,
    pub title: String,
    pub slug: String,
    pub date: Option<DocDate>,
    /// The Markdown body; empty once [`Document::release_body`] has let it go (read it with
    /// [`Document::body_text`] wherever that may have happened).
    pub body: String,
    /// Set by [`Document::release_body`]: the body is in the file, not here.
    pub body_released: bool,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// blake3 of the file's bytes, hex: identifies this exact version for caches.
    pub hash: String,
    /// The document's language: its front matter's `lang` as a tag in the usual case, else
    /// the one read from its text; `None` when neither says (the site's is used).
    pub lang: Option<String>,
}

impl Document {
    pub fn is_draft(&self) -> bool {
        self.front.draft
    }

    /// Let go of the body: a one-off build does this once the analyses are made, so the
    /// bodies of 100,000 documents are not held through grouping and rendering; whatever
    /// needs one later reads it again ([`Document::body_text`]).
    pub fn release_body(&mut self) {
        self.body = String::new();
        self.body_released = true;
    }

    /// The Markdown body: the one held, or, once released, the file's again. The file must
    /// be the version this build loaded (same hash): a page never mixes two versions.
    pub fn body_text(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        if !self.body_released {
            return Ok(std::borrow::Cow::Borrowed(&self.body));
        }
        let changed = || {
            Diagnostic::error(
                &self.path,
                "changed or vanished while the site was being built",
            )
            .hint("build again; nothing in the output folder was changed")
        };
        let bytes = std::fs::read(&self.path).map_err(|_| changed())?;
        if blake3::hash(&bytes).to_hex()[..32] != self.hash {
            return Err(changed());
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| changed())?;
        let (_, body, _) = split_front_matter(text).ok_or_else(changed)?;
        Ok(std::borrow::Cow::Owned(body.to_string()))
    }

    /// The document's language: its front matter's, else the one detected on load, else
    /// the site's (`site`).
    pub fn lang<'a>(&'a self, site: &'a str) -> &'a str {
        self.lang.as_deref().unwrap_or(site)
    }
}

/// Split `text` into front matter and body. Returns `(yaml, body, body_line)`, where
/// `body_line` is the 1-based line the body starts on; `None` if there is no front matter.
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (line, l) in (2..).zip(rest.split_inclusive('\n')) {
        let bare = l.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + l.len()..];
            return Some((yaml, body, line + 1));
        }
        offset += l.len();
    }
    None
}

/// Parse one document's text. `path` and `rel_path` are only recorded and used in messages.
pub fn parse_document(
    path: &Path,
    rel_path: &str,
    bytes: &[u8],
) -> Result<Document, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        let what = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            "is UTF-16 (it starts with a UTF-16 byte order mark), ".to_string()
        } else {
            String::new()
        };
        vec![Diagnostic::error(path, format!("{what}not valid UTF-8 (byte {})", e.valid_up_to()))
            .at(Some(line), None)
            .hint("save the file as UTF-8, or move it to the inbox folder so `dossier ingest` converts it")]
    })?;
    let Some((yaml_text, body, body_line)) = split_front_matter(text) else {
        return Err(vec![Diagnostic::error(path, "no front matter")
            .at(Some(1), Some(1))
            .hint("start the file with a `---` line, `title: ...`, and a closing `---` line; raw documents belong in the inbox folder")]);
    };
    let front: FrontMatter = if yaml_text.trim().is_empty() {
        FrontMatter::default()
    } else {
        // The YAML starts on line 2 of the file.
        yaml::from_str_at(yaml_text, 2).map_err(|e| {
            // One problem stops the typed parse; look at each key alone for the others.
            let each = front_matter_key_problems(path, yaml_text);
            if each.len() > 1 {
                return each;
            }
            vec![
                Diagnostic::error(path, format!("front matter: {}", e.message))
                    .at(e.line, e.column)
                    .hint("fix the front matter; docs/content.md (in Dossier's repository) documents every field"),
            ]
        })?
    };
    let mut problems = Vec::new();
    if let Some((line, column, c)) = forbidden_char(text) {
        problems.push(
            Diagnostic::error(
                path,
                format!("contains the control character U+{:04X}, which web pages and feeds cannot carry", c as u32),
            )
            .at(Some(line), Some(column))
            .hint("delete it; a file full of them is not a text document (raw documents belong in the inbox folder)"),
        );
    }
    for p in field_problems(&front) {
        problems.push(
            Diagnostic::error(path, p.message)
                .at(
                    find_key_line(yaml_text, p.key).or_else(|| {
                        // `lang` may be written under its other name.
                        (p.key == "lang")
                            .then(|| find_key_line(yaml_text, "language"))
                            .flatten()
                    }),
                    None,
                )
                .hint(p.hint),
        );
    }
    let title = front
        .title
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    if title.is_empty() {
        problems.push(
            Diagnostic::error(path, "front matter has no title")
                .at(Some(1), Some(1))
                .hint("add `title: ...` to the front matter"),
        );
    }
    let slug = match &front.slug {
        Some(s) => s.clone(),
        None => slug_from_path(rel_path),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    // Written as a tag in its usual case; left out, read from the text when it is clear.
    let lang = match front.lang.as_deref() {
        Some(l) => crate::lang::normalise_tag(l),
        None => crate::lang::detect(&title, body),
    };
    Ok(Document {
        path: path.to_path_buf(),
        rel_path: rel_path.to_string(),
        title,
        slug,
        date: front.date,
        body: body.to_string(),
        body_released: false,
        body_line,
        hash: blake3::hash(bytes).to_hex()[..32].to_string(),
        front,
        lang,
    })
}

/// The most topics one document may list: every topic gets a page and a feed that list the
/// document with its topics, so the output grows with the square of this number.
pub const MAX_TOPICS: usize = 100;

/// A front matter value the build refuses (the loader reports it as an error; `ingest` drops
/// the field from a raw document's front matter with a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The front matter key, as written in the file.
    pub key: &'static str,
    pub message: String,
    pub hint: &'static str,
}

/// Characters HTML and XML cannot carry: C0 controls other than tab, line feed and carriage
/// return, and the two noncharacters XML forbids.
fn is_forbidden_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The first forbidden character of `text` with its 1-based line and column.
fn forbidden_char(text: &str) -> Option<(usize, usize, char)> {
    // Bytes, not chars: every file of the site goes through this.
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || (b == 0xEF
                && bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
    })?;
    let c = text[at..].chars().next()?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Some((line, column, c))
}

/// Values that must not reach the output: a slug that could name another folder, a link that
/// is not a web address, more than [`MAX_TOPICS`] topics, control characters (written as
/// YAML escapes such as `"\0"`) in any text.
pub fn field_problems(front: &FrontMatter) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if let Some(s) = &front.slug {
        if let Err(why) = check_slug(s) {
            out.push(FieldProblem {
                key: "slug",
                message: format!("slug {s:?} {why}"),
                hint: "use lowercase letters, digits and hyphens, e.g. `slug: blinken-in-cairo`",
            });
        }
    }
    if let Some(url) = &front.url {
        if !is_web_url(url) {
            out.push(FieldProblem {
                key: "url",
                message: format!("url {url:?} is not an http(s) address"),
                hint: "give the original article's address, starting with https://",
            });
        }
    }
    if let Some(lang) = &front.lang {
        if crate::lang::normalise_tag(lang).is_none() {
            out.push(FieldProblem {
                key: "lang",
                message: format!("lang {lang:?} is not a language tag"),
                hint: "use a BCP 47 tag such as en, de, fr, es, ar or pt-BR (or leave it out to let Dossier detect it)",
            });
        }
    }
    if let Some(image) = &front.image {
        if !is_web_url(image) && !is_site_path(image) {
            out.push(FieldProblem {
                key: "image",
                message: format!(
                    "image {image:?} is neither an http(s) address nor a path on the site"
                ),
                hint: "give the lead image's address (https://...) or the path of a file in static/ (/images/lead.jpg)",
            });
        }
    }
    if front.topics.len() > MAX_TOPICS {
        out.push(FieldProblem {
            key: "topics",
            message: format!(
                "lists {} topics, more than the {MAX_TOPICS} a document may have",
                front.topics.len()
            ),
            hint: "keep the topics the document is really about",
        });
    }
    let texts: [(&'static str, Vec<&String>); 10] = [
        ("title", front.title.iter().collect()),
        ("authors", front.authors.iter().collect()),
        ("source", front.source.iter().collect()),
        ("section", front.section.iter().collect()),
        ("topics", front.topics.iter().collect()),
        ("summary", front.summary.iter().collect()),
        ("captions", front.captions.iter().collect()),
        ("kind", front.kind.iter().collect()),
        ("date_evidence", front.date_evidence.iter().collect()),
        ("source_file", front.source_file.iter().collect()),
    ];
    for (key, values) in texts {
        if let Some(c) = values
            .iter()
            .find_map(|v| v.chars().find(|&c| is_forbidden_char(c)))
        {
            out.push(FieldProblem {
                key,
                message: format!(
                    "`{key}` contains the control character U+{:04X}, which web pages and feeds cannot carry",
                    c as u32
                ),
                hint: "remove the escape (such as \\0 or \\x01) from the quoted text",
            });
        }
    }
    if let Some(c) = front.extra.values().find_map(forbidden_in_json) {
        out.push(FieldProblem {
            key: "extra",
            message: format!(
                "`extra` contains the control character U+{:04X}, which web pages and feeds cannot carry",
                c as u32
            ),
            hint: "remove the escape (such as \\0 or \\x01) from the quoted text",
        });
    }
    out
}

fn forbidden_in_json(v: &serde_json::Value) -> Option<char> {
    match v {
        serde_json::Value::String(s) => s.chars().find(|&c| is_forbidden_char(c)),
        serde_json::Value::Array(a) => a.iter().find_map(forbidden_in_json),
        serde_json::Value::Object(o) => o.iter().find_map(|(k, v)| {
            k.chars()
                .find(|&c| is_forbidden_char(c))
                .or_else(|| forbidden_in_json(v))
        }),
        _ => None,
    }
}

/// 1-based file line of a top-level `key:` in front matter text (which starts on line 2).
/// Every key of a front matter that is unknown or has a value of the wrong type, each on its
/// own line (the typed parse stops at the first). Empty when the YAML does not parse at all.
fn front_matter_key_problems(path: &Path, yaml_text: &str) -> Vec<Diagnostic> {
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(yaml_text)
    else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (key, value) in map {
        let mut alone = serde_yaml::Mapping::new();
        alone.insert(key.clone(), value);
        if let Err(e) = serde_yaml::from_value::<FrontMatter>(serde_yaml::Value::Mapping(alone)) {
            let name = key.as_str().unwrap_or("");
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            let message = if message.starts_with(name) {
                message.to_string()
            } else {
                format!("{name}: {message}")
            };
            problems.push(
                Diagnostic::error(path, format!("front matter: {message}"))
                    .at(find_key_line(yaml_text, name), Some(1))
                    .hint("fix the front matter; docs/content.md (in Dossier's repository) documents every field"),
            );
        }
    }
    problems
}

fn find_key_line(yaml_text: &str, key: &str) -> Option<usize> {
    yaml_text
        .lines()
        .position(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        .map(|i| i + 2)
}

/// Is `url` an absolute http(s) URL (so it can never be `javascript:` or a relative path)?
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// A file of the site by its path from the root (`/images/a.jpg`, `images/a.jpg`): no scheme,
/// no `..`, nothing a browser would read as another host.
pub fn is_site_path(path: &str) -> bool {
    let p = path.trim();
    !p.is_empty()
        && !p.starts_with("//")
        && !p.contains(':')
        && !p.contains('\\')
        && !p.split('/').any(|part| part == "..")
        && !p.chars().any(|c| c.is_control() || c.is_whitespace())
}

const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A slug becomes one folder name under the output folder: it must not be able to name
/// anything else.
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.is_empty() {
        return Err("is empty");
    }
    if slug.len() > 200 {
        return Err("is longer than 200 bytes");
    }
    if slug.contains(['/', '\\', '\0']) || slug.contains("..") {
        return Err("contains a path separator, `..` or NUL, so it could escape the output folder");
    }
    if slug.starts_with('.') || slug.starts_with('-') {
        return Err("starts with `.` or `-`");
    }
    if !slug
        .chars()
        .all(|c| c.is_alphanumeric() && !c.is_uppercase() || c == '-' || c == '_' || c == '.')
    {
        return Err("has characters other than lowercase letters, digits, `-`, `_` and `.`");
    }
    let stem = slug.split('.').next().unwrap_or(slug);
    if WINDOWS_RESERVED.contains(&stem) {
        return Err("is a reserved file name on Windows");
    }
    Ok(())
}

/// Turn any text into a URL slug: ASCII lowercase words joined by hyphens, at most 80 bytes,
/// never empty, never a reserved name.
pub fn slugify(text: &str) -> String {
    let mut slug = slug::slugify(text);
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        return "untitled".into();
    }
    if WINDOWS_RESERVED.contains(&slug.as_str()) {
        return format!("{slug}-page");
    }
    slug
}

fn slug_from_path(rel_path: &str) -> String {
    let stem = Path::new(rel_path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("untitled");
    let stem = if stem == "index" {
        // `foo/index.md` is the document `foo`.
        Path::new(rel_path)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or(stem)
    } else {
        stem
    };
    slugify(stem)
}

/// What loading the content folder found: documents sorted by path, and every problem.
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A Markdown file found under the content folder, with what tells whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    pub path: PathBuf,
    /// Path relative to the content folder, `/` separated.
    pub rel: String,
    pub modified: Option<std::time::SystemTime>,
    pub len: u64,
}

/// List the Markdown files under `content_dir` (skipping hidden entries and `exclude`d
/// folders such as the raw inbox), in a stable order. Unlistable entries and symbolic link
/// loops are warnings.
pub fn list_dir(content_dir: &Path, exclude: &[PathBuf]) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(content_dir, "content folder not found")
                .hint("create it, or run `dossier init` to start a new site"),
        );
        return (files, diagnostics);
    }
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            !hidden && !exclude.iter().any(|x| e.path() == x)
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                if matches!(
                    p.extension().and_then(|x| x.to_str()),
                    Some("md" | "markdown")
                ) {
                    let meta = e.metadata().ok();
                    files.push(ContentFile {
                        path: p.to_path_buf(),
                        rel: p
                            .strip_prefix(content_dir)
                            .unwrap_or(p)
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy())
                            .collect::<Vec<_>>()
                            .join("/"),
                        modified: meta.as_ref().and_then(|m| m.modified().ok()),
                        len: meta.map(|m| m.len()).unwrap_or(0),
                    });
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content_dir.to_path_buf());
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else {
                    format!("cannot be listed: {err}; skipped")
                };
                diagnostics.push(
                    Diagnostic::warning(path, message)
                        .hint("remove the link or fix the folder's permissions"),
                );
            }
        }
    }
    (files, diagnostics)
}

/// One file's outcome: a document, or problems (a file that vanished since it was listed
/// gives a warning only).
pub type LoadResult = Result<Document, Vec<Diagnostic>>;

/// Read and parse one listed file.
pub fn load_file(file: &ContentFile) -> LoadResult {
    let bytes = read_limited(&file.path)?;
    parse_document(&file.path, &file.rel, &bytes)
}

/// Put loaded documents together: drop drafts unless wanted, find slug clashes, sort
/// the diagnostics.
pub fn collect(
    results: impl IntoIterator<Item = LoadResult>,
    mut diagnostics: Vec<Diagnostic>,
    drafts: bool,
) -> Loaded {
    let mut documents = Vec::new();
    for r in results {
        match r {
            Ok(doc) if drafts || !doc.is_draft() => documents.push(doc),
            Ok(_) => {}
            Err(mut d) => diagnostics.append(&mut d),
        }
    }
    diagnostics.extend(duplicate_slugs(&documents));
    diagnostics.sort();
    Loaded {
        documents,
        diagnostics,
    }
}

/// Read every Markdown file under `content_dir` (except those under `exclude`, such as the
/// raw inbox) in parallel. Drafts are dropped unless `drafts` is set. Problems are collected,
/// never thrown: the caller decides whether errors stop the build.
pub fn load_dir(content_dir: &Path, exclude: &[PathBuf], drafts: bool) -> Loaded {
    let (files, diagnostics) = list_dir(content_dir, exclude);
    let results: Vec<_> = files.par_iter().map(load_file).collect();
    collect(results, diagnostics, drafts)
}

/// Read a file that may vanish or be huge. A file deleted since it was listed is not an error
/// of the site: a warning says it was left out.
fn read_limited(path: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let vanished = || {
        vec![
            Diagnostic::warning(path, "was deleted while the site was being built; left out")
                .hint("build again if it should be part of the site"),
        ]
    };
    let too_big = |len: u64| {
        vec![Diagnostic::error(
            path,
            format!(
                "is {} MB, more than the {} MB a document may have",
                len / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        )
        .hint("split it into several documents or move it out of content/")]
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => return Err(too_big(m.len())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(vanished()),
        Err(e) => return Err(vec![read_error(path, &e)]),
    }
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => Err(too_big(bytes.len() as u64)),
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(vanished()),
        Err(e) => Err(vec![read_error(path, &e)]),
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot be read: {e}"))
        .hint("check the file's permissions (the build needs to read it)")
}

/// Two documents that would be written to the same page.
fn duplicate_slugs(documents: &[Document]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, &Document> = BTreeMap::new();
    let mut out = Vec::new();
    for doc in documents {
        if let Some(first) = seen.get(doc.slug.as_str()) {
            out.push(
                Diagnostic::error(
                    &doc.path,
                    format!(
                        "claims the URL articles/{}/, which {} claims too",
                        doc.slug,
                        first.path.display()
                    ),
                )
                .hint("give one of them a different `slug:` in its front matter"),
            );
        } else {
            seen.insert(&doc.slug, doc);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Document, Vec<Diagnostic>> {
        parse_document(Path::new("a.md"), "a.md", text.as_bytes())
    }

    #[test]
    fn reads_front_matter_and_body() {
        let d =
            parse("---\ntitle: Hello\ndate: 2024-02-06\nauthors: Jane Roe\n---\nBody\n").unwrap();
        assert_eq!(d.title, "Hello");
        assert_eq!(d.front.authors, vec!["Jane Roe"]);
        assert_eq!(d.body, "Body\n");
        assert_eq!(d.body_line, 6);
        assert_eq!(d.date.unwrap().to_string(), "2024-02-06");
    }

    /// `captions` (set by ingest) loads as a list, a single string as a one-item list, and
    /// prints back as it was read.
    #[test]
    fn captions_load_and_round_trip() {
        let d = parse("---\ntitle: Hello\ncaptions:\n  - \"Harbour at dawn. Photo: Jane Roe\"\n  - 'Der Hafen am Abend. Foto: Anna Weber'\n---\nBody\n").unwrap();
        assert_eq!(
            d.front.captions,
            [
                "Harbour at dawn. Photo: Jane Roe",
                "Der Hafen am Abend. Foto: Anna Weber"
            ]
        );
        let again = crate::ingest::render_file(&d.front, "Body\n").expect("front matter prints");
        let back = parse(&again).unwrap();
        assert_eq!(back.front.captions, d.front.captions);
        let one =
            parse("---\ntitle: Hello\ncaptions: \"Le port à l'aube. Photo : Marie Dupont\"\n---\n")
                .unwrap();
        assert_eq!(
            one.front.captions,
            ["Le port à l'aube. Photo : Marie Dupont"]
        );
        // Nothing is written for a document without captions.
        let none = parse("---\ntitle: Hello\n---\n").unwrap();
        let printed = crate::ingest::render_file(&none.front, "").unwrap();
        assert!(!printed.contains("captions"), "{printed}");
        // A caption carries no control characters either.
        assert!(parse("---\ntitle: T\ncaptions: [\"a\\x01b\"]\n---\n").is_err());
    }

    #[test]
    fn impossible_date_names_line() {
        let e = parse("---\ntitle: Hello\ndate: 2024-02-30\n---\n").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{}", e[0]);
    }

    #[test]
    fn wrong_type_names_line_and_column() {
        let e = parse("---\ntitle: Hello\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{}", e[0]);
        assert!(e[0].column.is_some());
    }

    #[test]
    fn a_map_for_topics_names_its_line() {
        let e = parse("---\ntitle: Hello\ntopics: {a: 1}\n---\n").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{}", e[0]);
        assert!(
            e[0].message.contains("a name or a list of names"),
            "{}",
            e[0]
        );
        let d = parse("---\ntitle: Hello\ntopics: One\nauthors: [A, B]\n---\n").unwrap();
        assert_eq!(d.front.topics, vec!["One"]);
        assert_eq!(d.front.authors, vec!["A", "B"]);
        assert!(parse("---\ntitle: Hello\ntopics:\n---\n").is_ok());
    }

    #[test]
    fn unknown_key_is_an_error() {
        let e = parse("---\ntitle: Hello\ncolour: red\n---\n").unwrap_err();
        assert!(e[0].message.contains("colour"), "{}", e[0]);
    }

    #[test]
    fn missing_title_is_an_error() {
        assert!(parse("---\ndate: 2024-02-06\n---\n").is_err());
    }

    #[test]
    fn dates_with_offsets_keep_their_day_in_the_site_zone() {
        let d = DocDate::parse("2024-02-06T23:30:00-05:00").unwrap();
        assert_eq!(d.day(chrono_tz::UTC).to_string(), "2024-02-07");
        assert_eq!(
            d.day(chrono_tz::America::New_York).to_string(),
            "2024-02-06"
        );
        assert!(DocDate::parse("0000-01-01").is_err());
        assert!(DocDate::parse("10000-01-01").is_err());
        let zulu = DocDate::parse("2024-02-06T09:30Z").unwrap();
        assert_eq!(zulu.to_string(), "2024-02-06T09:30:00+00:00");
    }

    #[test]
    fn slugs_cannot_escape() {
        for bad in ["../x", "/etc", "a/b", "a\0b", "con", "..", "A-B", ""] {
            assert!(check_slug(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_slug("blinken-in-cairo").is_ok());
        let e = parse("---\ntitle: T\nslug: ../../etc\n---\n").unwrap_err();
        assert_eq!(e[0].line, Some(3));
    }

    #[test]
    fn control_characters_are_refused_with_their_place() {
        let e = parse("---\ntitle: T\n---\nab\u{0}c\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (Some(4), Some(3)), "{}", e[0]);
        assert!(e[0].message.contains("U+0000"), "{}", e[0]);
        let e = parse("---\ntitle: \"a\\x01b\"\n---\n").unwrap_err();
        assert_eq!(e[0].line, Some(2), "{}", e[0]);
        assert!(e[0].message.contains("`title`"), "{}", e[0]);
        assert!(parse("---\ntitle: \"tab\\there\"\n---\nline\r\nand\ttab\n").is_ok());
    }

    #[test]
    fn too_many_topics_are_refused() {
        let list: String = (0..=MAX_TOPICS).map(|i| format!("  - t{i}\n")).collect();
        let e = parse(&format!("---\ntitle: T\ntopics:\n{list}---\n")).unwrap_err();
        assert_eq!(e[0].line, Some(3), "{}", e[0]);
        let list: String = (0..MAX_TOPICS).map(|i| format!("  - t{i}\n")).collect();
        assert!(parse(&format!("---\ntitle: T\ntopics:\n{list}---\n")).is_ok());
    }

    #[test]
    fn a_file_deleted_after_listing_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\n").unwrap();
        std::fs::write(dir.path().join("b.md"), "---\ntitle: B\n---\n").unwrap();
        let (files, listing) = list_dir(dir.path(), &[]);
        assert_eq!(files.len(), 2);
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        let loaded = collect(files.iter().map(load_file), listing, false);
        assert_eq!(loaded.documents.len(), 1);
        assert_eq!(loaded.diagnostics.len(), 1);
        let d = &loaded.diagnostics[0];
        assert!(!d.is_error() && d.path.ends_with("a.md"), "{d}");
        assert!(d.message.contains("deleted"), "{d}");
    }

    #[test]
    fn a_released_body_is_read_again_only_from_the_same_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text = "---\ntitle: A\n---\n\nFirst paragraph.\r\n\n## Later\n";
        std::fs::write(&path, text).unwrap();
        let (files, _) = list_dir(dir.path(), &[]);
        let mut doc = load_file(&files[0]).unwrap();
        let held = doc.body.clone();
        doc.release_body();
        assert!(doc.body.is_empty());
        assert_eq!(doc.body_text().unwrap(), held);
        // Another version of the file is never mixed into this build's pages.
        std::fs::write(&path, text.replace("First", "Second")).unwrap();
        let e = doc.body_text().unwrap_err();
        assert!(e.is_error() && e.path.ends_with("a.md"), "{e}");
        assert!(e.message.contains("changed"), "{e}");
        std::fs::remove_file(&path).unwrap();
        assert!(doc.body_text().is_err());
    }

    #[test]
    fn javascript_urls_are_rejected() {
        assert!(parse("---\ntitle: T\nurl: javascript:alert(1)\n---\n").is_err());
    }

    #[test]
    fn slugify_is_safe() {
        assert_eq!(slugify("Blinken in Cairo!"), "blinken-in-cairo");
        assert_eq!(slugify("../.."), "untitled");
        assert_eq!(slugify("CON"), "con-page");
        assert!(slugify(&"word ".repeat(100)).len() <= 80);
    }
}
