//! What a saved page says about itself: JSON-LD, Open Graph and `article:*`, Twitter cards,
//! `meta` author/date/description, parsely and Dublin Core tags, `<time datetime>`,
//! `rel=canonical`, `<html lang>`, plus what it visibly shows (the first `<h1>`, a byline).
//! Every value keeps the name of the place it was read from.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;
use serde_json::Value;

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?)?\s*,?\s*(\p{Lu}[\p{L}0-9&'’ -]{1,40}?)\s*(?:\.|,|\||(?i:all rights)|$)")
        .expect("valid regex")
});

/// One value and where it came from (`json-ld headline`, `meta og:title`, `h1`...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub value: String,
    pub from: String,
}

/// Entities left in a value that was escaped twice ("&#039;", "&amp;amp;").
pub fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| !c.is_control())
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

impl Found {
    fn new(value: &str, from: impl Into<String>) -> Option<Found> {
        let value = clean(&unescape(value));
        (!value.is_empty()).then(|| Found {
            value,
            from: from.into(),
        })
    }
}

/// Everything found, each list in order of trust.
#[derive(Debug, Default)]
pub struct PageMeta {
    pub lang: Option<String>,
    pub urls: Vec<Found>,
    /// Meta titles: JSON-LD headline, og:title, twitter:title, `<title>`...
    pub titles: Vec<Found>,
    /// The first non-empty `<h1>` of the page.
    pub h1: Option<Found>,
    pub published: Vec<Found>,
    pub modified: Vec<Found>,
    /// Author names as the metadata gives them (one `Found` per name).
    pub authors: Vec<Found>,
    /// Texts of elements marked as the byline or author (visible).
    pub bylines: Vec<Found>,
    pub site_names: Vec<Found>,
    pub descriptions: Vec<Found>,
    pub sections: Vec<Found>,
    pub images: Vec<Found>,
    /// Short texts printed just after the headline, nearest first, then those just before
    /// it: where pages show the date and byline.
    pub header_lines: Vec<HeaderLine>,
    /// JSON-LD blocks that did not parse.
    pub bad_json_ld: usize,
}

/// An element's text with its line breaks and blocks as new lines, each line collapsed.
pub fn lines_text(n: &NodeRef) -> String {
    let mut raw = String::new();
    for d in n.descendants_it() {
        if d.is_text() {
            // Share bars and social links sit in bylines too; their labels are not names.
            let social = d
                .ancestors_it(Some(6))
                .take_while(|a| a.id != n.id)
                .any(|a| {
                    a.attr("class").is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("share") || c.contains("social")
                    })
                });
            if !social {
                raw.push_str(&d.text());
            }
        } else if d.node_name().is_some_and(|t| {
            matches!(
                &*t,
                "br" | "p" | "div" | "li" | "span" | "time" | "h1" | "h2" | "h3" | "h4" | "ul"
            )
        }) {
            // Spans too: bylines set the name and the date in sibling spans with no space.
            raw.push(if matches!(d.node_name().as_deref(), Some("span")) {
                ' '
            } else {
                '\n'
            });
        }
    }
    raw.lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lower-case words.
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// White space collapsed, trimmed.
pub fn clean(s: &str) -> String {
    crate::ingest::blocks::collapse(s)
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "posting",
];

fn types_of(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(text_of),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(text_of),
        _ => None,
    }
}

/// Names of people or organisations in an `author`/`creator` value: a string, an object
/// with `name` (or `givenName`/`familyName`), or an array of these.
fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| names_of(x, out)),
        Value::Object(o) => {
            // An organisation listed as an author is the publisher, not a writer.
            if types_of(v)
                .iter()
                .any(|t| t.ends_with("organization") || t == "corporation")
            {
                return;
            }
            if let Some(n) = o.get("name").and_then(text_of) {
                out.push(n);
            } else if let (Some(g), Some(f)) = (
                o.get("givenName").and_then(Value::as_str),
                o.get("familyName").and_then(Value::as_str),
            ) {
                out.push(format!("{g} {f}"));
            }
        }
        _ => {}
    }
}

fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(image_of),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .or_else(|| o.get("@id"))
            .and_then(image_of),
        _ => None,
    }
}

/// Every object of a JSON-LD value: arrays and `@graph` flattened (not nested properties).
fn objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| objects(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                objects(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Control characters inside strings become spaces; commas before `}` or `]` go.
fn repair_json(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut in_str = false;
    let mut escaped = false;
    for c in t.chars() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            out.push(if c.is_control() { ' ' } else { c });
            continue;
        }
        match c {
            '"' => in_str = true,
            '}' | ']' => {
                let trimmed = out.trim_end().len();
                if out[..trimmed].ends_with(',') {
                    out.truncate(trimmed - 1);
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn read_json_ld(text: &str, m: &mut PageMeta) {
    // Some pages put HTML comments or a CDATA wrapper around the JSON; some end it with `;`.
    let t = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim()
        .trim_end_matches(';');
    let v: Value = match serde_json::from_str(t) {
        Ok(v) => v,
        // Hand-written blocks often hold raw line breaks or tabs inside strings, or a
        // trailing comma: read them as a browser's JSON-LD consumers leniently do.
        Err(_) => match serde_json::from_str(&repair_json(t)) {
            Ok(v) => v,
            Err(_) => {
                m.bad_json_ld += 1;
                return;
            }
        },
    };
    let mut all = Vec::new();
    objects(&v, &mut all, 0);
    // Names by @id: a graph's article may point at its author ({"@id": ...}).
    let by_id: std::collections::HashMap<&str, &Value> = all
        .iter()
        .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
        .filter(|(_, o)| o.get("name").is_some())
        .collect();
    let resolve = |v: &Value| -> Value {
        let one = |x: &Value| match x.get("@id").and_then(Value::as_str) {
            Some(id) if x.get("name").is_none() => {
                by_id.get(id).map_or(x.clone(), |o| (*o).clone())
            }
            _ => x.clone(),
        };
        match v {
            Value::Array(a) => Value::Array(a.iter().map(one).collect()),
            other => one(other),
        }
    };
    // Articles first, then web pages (some sites describe the article as a WebPage or a
    // MedicalWebPage), then anything else that carries a headline or publication date (a
    // ClaimReview); organisations, people and sites give only names.
    let mut articles: Vec<(&Value, u8)> = Vec::new();
    for o in &all {
        let types = types_of(o);
        let is = |f: &dyn Fn(&str) -> bool| types.iter().any(|t| f(t));
        if is(&|t| ARTICLE_TYPES.contains(&t) || t.ends_with("article") || t.ends_with("posting")) {
            articles.push((o, 0));
        } else if is(&|t| t.ends_with("webpage") || t == "itempage") {
            articles.push((o, 1));
        } else if !is(&|t| {
            matches!(
                t,
                "organization"
                    | "newsmediaorganization"
                    | "person"
                    | "website"
                    | "breadcrumblist"
                    | "imageobject"
                    | "listitem"
            )
        }) && (o.get("headline").is_some() || o.get("datePublished").is_some())
        {
            articles.push((o, 2));
        }
        if types.iter().any(|t| t == "website") {
            if let Some(n) = o.get("name").and_then(text_of) {
                m.site_names.extend(Found::new(&n, "json-ld WebSite name"));
            }
        }
    }
    articles.sort_by_key(|(_, tier)| *tier);
    for (o, tier) in articles {
        let is_article = tier == 0;
        let kind = match tier {
            0 => "json-ld".to_string(),
            _ => format!(
                "json-ld {}",
                types_of(o).first().map_or("item", |t| t.as_str())
            ),
        };
        if let Some(h) = o.get("headline").and_then(text_of) {
            m.titles.extend(Found::new(&h, format!("{kind} headline")));
        }
        if is_article {
            if let Some(h) = o.get("name").and_then(text_of) {
                m.titles.extend(Found::new(&h, format!("{kind} name")));
            }
        }
        if let Some(d) = o.get("datePublished").and_then(text_of) {
            m.published
                .extend(Found::new(&d, format!("{kind} datePublished")));
        }
        if let Some(d) = o.get("dateCreated").and_then(text_of) {
            m.published
                .extend(Found::new(&d, format!("{kind} dateCreated")));
        }
        if let Some(d) = o.get("dateModified").and_then(text_of) {
            m.modified
                .extend(Found::new(&d, format!("{kind} dateModified")));
        }
        let mut names = Vec::new();
        if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
            names_of(&resolve(a), &mut names);
        }
        for n in names {
            m.authors.extend(Found::new(&n, format!("{kind} author")));
        }
        if let Some(n) = o.get("publisher").map(&resolve).as_ref().and_then(text_of) {
            m.site_names
                .extend(Found::new(&n, format!("{kind} publisher")));
        }
        if let Some(i) = o
            .get("image")
            .or_else(|| o.get("thumbnailUrl"))
            .and_then(image_of)
        {
            m.images.extend(Found::new(&i, format!("{kind} image")));
        }
        if let Some(u) = o.get("url").and_then(text_of) {
            m.urls.extend(Found::new(&u, format!("{kind} url")));
        }
        if let Some(u) = o.get("mainEntityOfPage").and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(text_of),
            _ => None,
        }) {
            m.urls
                .extend(Found::new(&u, format!("{kind} mainEntityOfPage")));
        }
        if let Some(d) = o.get("description").and_then(text_of) {
            m.descriptions
                .extend(Found::new(&d, format!("{kind} description")));
        }
        if let Some(s) = o.get("articleSection").and_then(text_of) {
            m.sections
                .extend(Found::new(&s, format!("{kind} articleSection")));
        }
        if m.lang.is_none() {
            m.lang = o.get("inLanguage").and_then(text_of);
        }
    }
}

/// The meta keys read, by what they give.
enum Slot {
    Title,
    Published,
    Modified,
    Author,
    SiteName,
    Description,
    Section,
    Image,
    Url,
}

fn slot(key: &str) -> Option<Slot> {
    use Slot::*;
    Some(match key {
        "og:title" | "twitter:title" | "dc.title" | "dcterms.title" | "parsely-title"
        | "sailthru.title" | "headline" => Title,
        "article:published_time"
        | "og:article:published_time"
        | "article:published"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "published_time"
        | "published-date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "dc.date"
        | "dc.date.issued"
        | "dc.date.created"
        | "dcterms.date"
        | "dcterms.issued"
        | "dcterms.created"
        | "citation_publication_date"
        | "citation_date"
        | "article.published"
        | "og:published_time"
        | "datecreated"
        | "originalpublicationdate"
        | "displaydate"
        | "release_date" => Published,
        "article:modified_time"
        | "og:updated_time"
        | "datemodified"
        | "dc.date.modified"
        | "dcterms.modified"
        | "last-modified"
        | "lastmod"
        | "article.updated" => Modified,
        "author" | "article:author" | "og:article:author" | "parsely-author"
        | "sailthru.author" | "dc.creator" | "dcterms.creator" | "citation_author" | "byl"
        | "authors" => Author,
        "og:site_name" | "application-name" | "publisher" | "dc.publisher"
        | "dcterms.publisher" | "cxenseparse:site" => SiteName,
        "description"
        | "og:description"
        | "twitter:description"
        | "dc.description"
        | "dcterms.description" => Description,
        "article:section" | "parsely-section" | "section" | "sailthru.section" => Section,
        "og:image"
        | "og:image:url"
        | "og:image:secure_url"
        | "twitter:image"
        | "twitter:image:src"
        | "thumbnailurl" => Image,
        "og:url" | "parsely-link" => Url,
        _ => return None,
    })
}

fn push(m: &mut PageMeta, slot: Slot, value: &str, from: String) {
    let list = match slot {
        Slot::Title => &mut m.titles,
        Slot::Published => &mut m.published,
        Slot::Modified => &mut m.modified,
        Slot::Author => {
            // article:author is often a profile URL; a handle is not a name.
            if value.contains("://") || value.starts_with('@') {
                return;
            }
            &mut m.authors
        }
        Slot::SiteName => &mut m.site_names,
        Slot::Description => &mut m.descriptions,
        Slot::Section => &mut m.sections,
        Slot::Image => &mut m.images,
        Slot::Url => &mut m.urls,
    };
    list.extend(Found::new(value, from));
}

/// The parsely-page tag: JSON with title, pub_date, author(s), link, section.
fn read_parsely_page(text: &str, m: &mut PageMeta) {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return;
    };
    if let Some(t) = v.get("title").and_then(text_of) {
        m.titles.extend(Found::new(&t, "meta parsely-page title"));
    }
    if let Some(d) = v.get("pub_date").and_then(text_of) {
        m.published
            .extend(Found::new(&d, "meta parsely-page pub_date"));
    }
    let mut names = Vec::new();
    if let Some(a) = v.get("authors").or_else(|| v.get("author")) {
        names_of(a, &mut names);
    }
    for n in names {
        m.authors.extend(Found::new(&n, "meta parsely-page author"));
    }
    if let Some(u) = v.get("link").and_then(text_of) {
        m.urls.extend(Found::new(&u, "meta parsely-page link"));
    }
}

/// Is this element (or an ancestor, a few levels up) marked as a byline or author?
fn is_author_marked(s: &NodeRef) -> bool {
    let mark = |c: &str| {
        let c = c.to_ascii_lowercase();
        c.contains("byline") || c.contains("author") || c.contains("contributor")
    };
    s.attr("class").is_some_and(|c| mark(&c))
        || s.attr("id").is_some_and(|c| mark(&c))
        || s.attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || s.attr("itemprop")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"))
}

/// A short text near the headline.
#[derive(Debug, Clone, Default)]
pub struct HeaderLine {
    pub text: String,
    /// After the headline (else before it).
    pub after: bool,
    /// Inside a `<time>` or an element whose class or id names a date, byline or meta line.
    pub marked: bool,
}

/// Is the text node inside something marked as a date or byline?
fn date_marked(n: &NodeRef) -> bool {
    n.ancestors_it(Some(4)).any(|a| {
        if a.node_name().is_some_and(|t| &*t == "time") {
            return true;
        }
        ["class", "id", "itemprop"].iter().any(|k| {
            a.attr(k).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                [
                    "date", "time", "publish", "posted", "byline", "dateline", "author", "meta",
                ]
                .iter()
                .any(|w| v.contains(w))
            })
        })
    })
}

/// Inside a menu or the site's banner?
fn in_site_chrome(n: &NodeRef) -> bool {
    n.ancestors_it(Some(24)).any(|a| {
        let name = a.node_name();
        let name = name.as_deref().unwrap_or("");
        let marks = |k: &str| {
            a.attr(k).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("site-header") || v.contains("masthead") || v.contains("banner")
            })
        };
        name == "nav" || marks("class") || marks("id") || marks("role")
    })
}

/// Texts around the headline (see [`PageMeta::header_lines`]).
fn header_lines(doc: &Document, h1: dom_query::NodeId) -> Vec<HeaderLine> {
    const BEFORE: usize = 12;
    const AFTER: usize = 80;
    let Some(body) = doc.select("body").nodes().first().cloned() else {
        return Vec::new();
    };
    let mut before: std::collections::VecDeque<HeaderLine> = std::collections::VecDeque::new();
    let mut after: Vec<HeaderLine> = Vec::new();
    let mut in_h1: Option<dom_query::NodeId> = None;
    let mut passed = false;
    let mut long = 0;
    for n in body.descendants_it() {
        if n.id == h1 {
            in_h1 = Some(h1);
            continue;
        }
        if !n.is_text() {
            continue;
        }
        let skip = n.parent().and_then(|p| p.node_name()).is_some_and(|p| {
            matches!(
                &*p,
                "script" | "style" | "noscript" | "template" | "option" | "title"
            )
        });
        if skip {
            continue;
        }
        let t = clean(&n.text());
        if t.is_empty() {
            continue;
        }
        if let Some(h) = in_h1 {
            // Still inside the headline?
            if n.ancestors_it(Some(16)).any(|a| a.id == h) {
                continue;
            }
            in_h1 = None;
            passed = true;
        }
        if !passed {
            before.push_back(HeaderLine {
                marked: t.len() <= 200 && date_marked(&n),
                text: t,
                after: false,
            });
            if before.len() > BEFORE {
                before.pop_front();
            }
            continue;
        }
        if t.split_whitespace().count() > 25 {
            long += 1;
            if long >= 2 {
                break;
            }
            continue;
        }
        if t.len() <= 200 {
            after.push(HeaderLine {
                marked: date_marked(&n),
                text: t,
                after: true,
            });
        }
        if after.len() >= AFTER {
            break;
        }
    }
    after.extend(before.into_iter().rev().filter(|t| t.text.len() <= 200));
    after
}

/// Read everything from a parsed page.
pub fn read(doc: &Document) -> PageMeta {
    let mut m = PageMeta {
        lang: doc
            .select("html")
            .attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        ..PageMeta::default()
    };
    for s in doc.select("script").iter() {
        let ty = s.attr("type").map(|t| t.to_ascii_lowercase());
        if ty
            .as_deref()
            .is_some_and(|t| t.trim() == "application/ld+json")
        {
            read_json_ld(&s.text(), &mut m);
        }
    }
    for s in doc.select("meta").iter() {
        let Some(content) = s.attr("content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop"] {
            let Some(key) = s.attr(attr) else { continue };
            let key = key.trim().to_ascii_lowercase();
            if key == "parsely-page" {
                read_parsely_page(&content, &mut m);
            } else if let Some(sl) = slot(&key) {
                let from = format!("meta {key}");
                push(&mut m, sl, &content, from);
            }
        }
    }
    // Microdata on any element: <span itemprop="datePublished" datetime=...>.
    for s in doc.select("[itemprop=datePublished]").iter() {
        if s.is("meta") {
            continue;
        }
        if let Some(d) = s.attr("datetime").or_else(|| s.attr("content")) {
            m.published.extend(Found::new(&d, "itemprop datePublished"));
        }
    }
    for s in doc.select("link[rel]").iter() {
        let rel = s.attr("rel").unwrap_or_default().to_ascii_lowercase();
        if rel.split_whitespace().any(|r| r == "canonical") {
            if let Some(h) = s.attr("href") {
                // The canonical link comes first: it is the page's own statement.
                if let Some(f) = Found::new(&h, "link rel=canonical") {
                    m.urls.insert(0, f);
                }
            }
        }
    }
    if let Some(t) = doc.select("head title").iter().next() {
        m.titles.extend(Found::new(&t.text(), "<title>"));
    }
    for t in doc.select("time[datetime]").iter() {
        if let Some(d) = t.attr("datetime") {
            // A <time> inside a byline or marked as published is trusted more than a page's
            // other times (comments, related articles), which come after metadata.
            let marked = t
                .attr("itemprop")
                .is_some_and(|p| p.contains("datePublished"))
                || t.has_attr("pubdate")
                || t.attr("class").is_some_and(|c| {
                    let c = c.to_ascii_lowercase();
                    c.contains("publish") || c.contains("posted")
                });
            let from = if marked {
                "time[datetime] (published)"
            } else {
                "time[datetime]"
            };
            if let Some(f) = Found::new(&d, from) {
                // Keep the visible text for comparing with the metadata.
                let shown = clean(&t.text());
                m.published.push(Found {
                    value: f.value,
                    from: if shown.is_empty() {
                        f.from
                    } else {
                        format!(
                            "{} “{}”",
                            f.from,
                            shown.chars().take(60).collect::<String>()
                        )
                    },
                });
            }
            if m.published.len() > 64 {
                break;
            }
        }
    }
    // The headline: of the page's first few <h1>s, the one sharing most words with the meta
    // titles (a site's logo is often an <h1> too); the first when none shares any.
    let title_words: std::collections::HashSet<String> =
        m.titles.iter().flat_map(|t| words(&t.value)).collect();
    let mut h1_id = None;
    let mut best = 0usize;
    for h in doc.select("body h1").nodes().iter().take(12) {
        let t = clean(&h.text());
        if t.is_empty() || t.chars().count() > 400 {
            continue;
        }
        let shared = words(&t)
            .iter()
            .filter(|w| title_words.contains(*w))
            .count();
        // A copy of the headline in a sticky site header or a menu counts less.
        let score = shared * 2 + usize::from(!in_site_chrome(h));
        if h1_id.is_none() || score > best {
            best = score;
            m.h1 = Some(Found {
                value: t,
                from: "h1".into(),
            });
            h1_id = Some(h.id);
        }
    }
    // A page without an <h1> may set its headline in an <h2>: the one that is a meta title.
    let anchor = h1_id.or_else(|| {
        let titles: Vec<String> = m.titles.iter().map(|t| words(&t.value).join(" ")).collect();
        doc.select("body h2, body h3")
            .nodes()
            .iter()
            .take(200)
            .find(|h| {
                let w = words(&h.text()).join(" ");
                !w.is_empty()
                    && titles
                        .iter()
                        .any(|t| t.contains(&w) && w.len() * 2 >= t.len())
            })
            .map(|h| h.id)
    });
    if let Some(id) = anchor {
        m.header_lines = header_lines(doc, id);
    }
    // Last resort for the site's name: the copyright line ("© 2019 Ascom").
    for c in doc
        .select("footer, [class*=copyright], [id*=copyright]")
        .nodes()
        .iter()
        .take(8)
    {
        let t = clean(&c.text());
        if let Some(name) = COPYRIGHT
            .captures(&t)
            .and_then(|cap| cap.get(1))
            .map(|g| g.as_str().trim().to_string())
        {
            m.site_names.extend(Found::new(&name, "copyright line"));
            break;
        }
    }
    let mut seen = 0;
    for s in doc
        .select("body [class], body [id], body [rel], body [itemprop]")
        .nodes()
    {
        if !is_author_marked(s) {
            continue;
        }
        if s.ancestors_it(Some(30)).any(|a| {
            ["class", "id"].iter().any(|k| {
                a.attr(k)
                    .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
            })
        }) {
            // Comment authors are not the article's.
            continue;
        }
        let t = lines_text(s);
        if !t.is_empty() && t.chars().count() <= 200 {
            let what = s.node_name().map(|n| n.to_string()).unwrap_or_default();
            let mark = s
                .attr("class")
                .or_else(|| s.attr("itemprop"))
                .or_else(|| s.attr("rel"))
                .or_else(|| s.attr("id"))
                .map(|c| clean(&c))
                .unwrap_or_default();
            m.bylines.push(Found {
                value: t,
                from: format!("<{what} {}>", mark.chars().take(40).collect::<String>()),
            });
            seen += 1;
            if seen >= 24 {
                break;
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMeta {
        read(&Document::from(html))
    }

    #[test]
    fn json_ld_graph_arrays_and_nested_people() {
        let m = meta(
            r#"<html lang="en-GB"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Harbour Post"},
          {"@type":["ReportageNewsArticle"],"headline":"Dock workers vote",
           "datePublished":"2024-02-06T09:30:00+01:00",
           "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","givenName":"Sam","familyName":"Poe"}],
           "publisher":{"@type":"Organization","name":"Harbour Post Ltd"},
           "image":[{"@type":"ImageObject","url":"https://img.example/a.jpg"}],
           "mainEntityOfPage":{"@id":"https://post.example/dock"}}]}
        </script></head><body></body></html>"#,
        );
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert_eq!(m.titles[0].value, "Dock workers vote");
        assert_eq!(m.titles[0].from, "json-ld headline");
        assert_eq!(m.published[0].value, "2024-02-06T09:30:00+01:00");
        let names: Vec<_> = m.authors.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(names, ["Jane Roe", "Sam Poe"]);
        let sites: Vec<_> = m.site_names.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(sites, ["Harbour Post", "Harbour Post Ltd"]);
        assert_eq!(m.images[0].value, "https://img.example/a.jpg");
        assert_eq!(m.urls[0].value, "https://post.example/dock");
    }

    #[test]
    fn blog_posting_in_an_array() {
        let m = meta(
            r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"A walk","author":"Ann Lee","datePublished":"2019-05-01"}]</script>"#,
        );
        assert_eq!(m.titles[0].value, "A walk");
        assert_eq!(m.authors[0].value, "Ann Lee");
        assert_eq!(m.published[0].from, "json-ld datePublished");
    }

    #[test]
    fn open_graph_twitter_parsely_dublin_core() {
        let m = meta(
            r#"<html><head>
          <meta property="og:title" content="Tide report | The Coast">
          <meta name="twitter:title" content="Tide report">
          <meta property="article:published_time" content="2023-10-01T22:10:00-04:00">
          <meta property="article:author" content="https://coast.example/staff/ann">
          <meta name="author" content="Ann Lee">
          <meta name="parsely-author" content="Bo Chen">
          <meta name="DC.date.issued" content="2023-10-01">
          <meta name="dc.creator" content="Cy Dunn">
          <meta property="og:site_name" content="The Coast">
          <meta name="description" content="Tides are high.">
          <meta property="article:section" content="Weather">
          <meta property="og:image" content="https://coast.example/t.jpg">
          <link rel="canonical" href="https://coast.example/tide">
          <title>Tide report - The Coast</title></head>
          <body><h1> Tide  report </h1><p class="byline">By Ann Lee</p>
          <time datetime="2023-10-01T22:10:00-04:00" class="published">Oct 1</time></body></html>"#,
        );
        let titles: Vec<_> = m.titles.iter().map(|f| f.from.as_str()).collect();
        assert_eq!(titles, ["meta og:title", "meta twitter:title", "<title>"]);
        assert_eq!(m.h1.as_ref().unwrap().value, "Tide report");
        let authors: Vec<_> = m.authors.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(authors, ["Ann Lee", "Bo Chen", "Cy Dunn"]);
        assert_eq!(m.published.len(), 3);
        assert!(m.published[2]
            .from
            .starts_with("time[datetime] (published)"));
        assert_eq!(m.urls[0].from, "link rel=canonical");
        assert_eq!(m.site_names[0].value, "The Coast");
        assert_eq!(m.sections[0].value, "Weather");
        assert_eq!(m.descriptions[0].value, "Tides are high.");
        assert_eq!(m.images[0].value, "https://coast.example/t.jpg");
        assert_eq!(m.bylines[0].value, "By Ann Lee");
    }

    #[test]
    fn broken_json_ld_is_counted_not_fatal() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", </script><h1>X</h1>"#,
        );
        assert_eq!(m.bad_json_ld, 1);
        assert_eq!(m.h1.unwrap().value, "X");
    }
}
