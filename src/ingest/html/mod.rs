//! Saved web pages (`.html`, `.htm`) and single-file archives (`.mhtml`, `.mht`) → the same
//! [`Converted`] value the text conversion gives.
//!
//! decode (charset) → parse (html5ever, through `dom_query`) → [`metadata`] (JSON-LD, Open
//! Graph, meta tags, `<time>`, the visible headline and byline) → [`fields`] (choose each
//! field, recording where it came from) → [`extract`] (the article, by `dom_smoothie`,
//! sanitised by `ammonia`) → [`to_markdown`]. The page is hostile input: scripts, forms,
//! frames, event handlers and non-web addresses never get past `extract`.
//!
//! Rules of the dropped blocks: `navigation`, `site-header`, `site-footer`, `aside`, `form`,
//! `not-article` (outside the article the extractor found), `furniture` (an element whose
//! class or id names a teaser, rail, share bar, comments or ad), `script`, `embedded` (counts
//! of removed elements), `link-block` (a heading that is a link), `no-words`, the text
//! conversion's furniture rules (`share-widget`, `newsletter`, `copyright`...) and
//! `teaser-after-end`, `caption` (a figure's caption, beside the running text),
//! `repeated-caption`, `repeated-image`, and, moved to the front matter, `title`, `byline`,
//! `date-line`.

mod decode;
mod depth;
mod extract;
mod fields;
mod metadata;
mod mhtml;
mod to_markdown;

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;

use super::bylines;
use super::dates;
use super::{ConvertOptions, Converted, Dropped, Unconvertible};
use crate::content::{DateSource, FrontMatter};

pub use extract::sanitise;
pub use to_markdown::markdown;

/// Rule names shared with the text conversion.
const TEASER_AFTER_END: &str = "teaser-after-end";
const CONFIG_BOILERPLATE: &str = "config-boilerplate";
/// Rules of this module's own.
const LINK_BLOCK: &str = "link-block";
const DATE_LINE: &str = "date-line";
const AUTHOR_BIO: &str = "author-bio";
const REPEATED_IMAGE: &str = "repeated-image";
const CAPTION: &str = "caption";
const REPEATED_CAPTION: &str = "repeated-caption";

/// Is this file name one of a saved page?
pub fn is_page_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".html", ".htm", ".xhtml", ".mhtml", ".mht"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn is_archive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".mhtml") || lower.ends_with(".mht")
}

/// Convert any raw document: saved pages here, everything else as text.
pub fn convert_any(
    raw: &[u8],
    source_file: &str,
    opts: &ConvertOptions,
) -> Result<Converted, Unconvertible> {
    if is_page_name(source_file) {
        convert_page(raw, source_file, opts)
    } else {
        super::convert(raw, source_file, opts)
    }
}

static LOOKS_HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|h1|script|link)[\s>/]",
    )
    .expect("valid regex")
});

fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Convert a saved page.
pub fn convert_page(
    raw: &[u8],
    source_file: &str,
    opts: &ConvertOptions,
) -> Result<Converted, Unconvertible> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Unconvertible::Empty);
    }
    let mut warnings = Vec::new();
    let (decoded, location) = if is_archive_name(source_file) {
        match mhtml::page(raw) {
            Ok(p) => (
                decode::Decoded {
                    text: p.html,
                    charset: "UTF-8",
                    how: "declared",
                },
                p.location,
            ),
            Err(why) => {
                warnings.push(format!(
                    "is named like an MHTML archive but {}; read as a plain HTML page",
                    match why {
                        mhtml::NoPage::NotMime => "is not a MIME document",
                        mhtml::NoPage::NoHtmlPart => "holds no text/html part",
                    }
                ));
                (decode::decode(raw, None), None)
            }
        }
    } else {
        (decode::decode(raw, None), None)
    };
    let text = decoded.text;
    if text.contains('\u{0}') && text.matches('\u{0}').count() * 20 > text.len().min(1 << 20) {
        return Err(Unconvertible::Binary("NUL bytes: not an HTML page".into()));
    }
    let text = match depth::flatten(&text) {
        Some(flat) => {
            warnings.push(format!(
                "its markup is nested more than {} elements deep; the deeper tags were ignored and their text kept",
                depth::MAX_DEPTH
            ));
            flat
        }
        None => text,
    };
    let head_end = text
        .char_indices()
        .nth(64 * 1024)
        .map_or(text.len(), |(i, _)| i);
    if !LOOKS_HTML.is_match(&text[..head_end]) {
        // A text document saved with an .html name: the text conversion reads it.
        let mut c = super::convert(text.as_bytes(), source_file, opts)?;
        c.warnings.insert(
            0,
            "has no HTML markup (no <html>, <body> or <p> tags); it was converted as plain text"
                .to_string(),
        );
        return Ok(c);
    }

    let doc = Document::from(text.as_str());
    let meta = metadata::read(&doc);
    if meta.bad_json_ld > 0 {
        warnings.push(format!(
            "{} JSON-LD block{} could not be read as JSON and {} ignored",
            meta.bad_json_ld,
            if meta.bad_json_ld == 1 { "" } else { "s" },
            if meta.bad_json_ld == 1 { "was" } else { "were" }
        ));
    }
    let mut dropped: Vec<Dropped> = Vec::new();
    let removed = extract::strip_never_content(&doc);
    let visible = norm(&doc.select("body").text());
    let f = fields::choose(
        &meta,
        location.as_deref(),
        &visible,
        &opts.sources,
        opts.date_order,
    );
    let furniture = extract::strip_furniture(&doc, meta.h1.as_ref().map(|h| h.value.as_str()));
    let article = extract::article(doc, f.url.as_deref().or(location.as_deref()));
    if article.how != "dom_smoothie" {
        warnings.push(
            "no article was found in the page, so its whole text was kept; check the body".into(),
        );
    }
    let md = to_markdown::markdown(&article.html);
    let captions = md.captions;
    let md = md.text;

    // The headline, byline and date lines at the top of the article are front matter now.
    let title_norm = f.title.as_deref().map(norm).unwrap_or_default();
    let byline_norms: Vec<String> = meta
        .bylines
        .iter()
        .flat_map(|b| std::iter::once(b.value.as_str()).chain(b.value.lines()))
        .map(norm)
        .collect();
    let mut blocks: Vec<&str> = md.split("\n\n").collect();
    let mut moved = Vec::new();
    let mut i = 0;
    while i < blocks.len().min(8) {
        let (plain_text, _) = plain_and_link_share(blocks[i]);
        let plain = plain_text.trim();
        let n = norm(plain);
        let word_count = plain.split_whitespace().count();
        let short = word_count <= 16 || (word_count <= 40 && plain.starts_with("By "));
        let rule = if !title_norm.is_empty() && n == title_norm {
            Some("title")
        } else if short
            && !n.is_empty()
            && (byline_norms.contains(&n)
                || bylines::parse_byline(plain, &opts.sources, opts.date_order).is_some())
        {
            Some("byline")
        } else if short && dates::date_line(plain, opts.date_order).is_some() {
            Some(DATE_LINE)
        } else {
            None
        };
        match rule {
            Some(r) => {
                moved.push((plain.to_string(), r));
                blocks.remove(i);
            }
            None => i += 1,
        }
    }
    // A biography's or an "about us" paragraph's subject: the authors and the outlet.
    let subjects: Vec<String> = f
        .authors
        .iter()
        .filter(|a| a.split_whitespace().count() >= 2)
        .chain(f.source.iter())
        .cloned()
        .collect();
    let (kept, pruned) = prune(&blocks, &subjects, opts);
    let (kept, repeated) = tidy_images(kept, &title_norm, &captions);
    for (t, rule) in pruned.into_iter().chain(repeated) {
        moved.push((t, rule));
    }
    let mut body = kept.join("\n\n");
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }

    let mut positions = LineFinder::new(&text);
    for (t, rule) in moved {
        dropped.push(Dropped {
            line: positions.line_of(&t),
            text: t,
            rule: rule.to_string(),
        });
    }
    // Captions are in page order among themselves, not with the blocks above: a finder of
    // their own keeps each search forward (and short).
    let mut caption_positions = LineFinder::new(&text);
    for t in captions {
        dropped.push(Dropped {
            line: caption_positions.line_of(&t),
            text: t,
            rule: CAPTION.to_string(),
        });
    }
    for l in article.left_out {
        // The headline the extractor set aside is the title.
        let rule = if !title_norm.is_empty() && norm(&l.text) == title_norm {
            "title"
        } else {
            l.rule
        };
        dropped.push(Dropped {
            line: positions.line_of(&l.text),
            text: l.text,
            rule: rule.to_string(),
        });
    }
    for l in furniture {
        dropped.push(Dropped {
            line: positions.line_of(&l.text),
            text: l.text,
            rule: l.rule.to_string(),
        });
    }
    for l in removed {
        dropped.push(Dropped {
            line: 0,
            text: l.text,
            rule: l.rule.to_string(),
        });
    }

    let mut front = FrontMatter::default();
    match &f.title {
        Some(t) => front.title = Some(t.clone()),
        None => {
            front.title = Some(super::title_from_file_name(source_file));
            front
                .extra
                .insert("untitled".into(), serde_json::Value::Bool(true));
            warnings.push(format!(
                "no headline found; the title {:?} was made from the file name (marked `untitled: true` under `extra`): write the real `title:` in the generated file's front matter",
                front.title.as_deref().unwrap_or("")
            ));
        }
    }
    front.date = f.date;
    front.updated = f.updated;
    if f.date.is_some() {
        front.date_source = Some(DateSource::Stated);
        front.date_evidence = f.date_evidence.clone();
    } else {
        warnings.push(
            "no publication date found, so it is undated: add `date: YYYY-MM-DD` to the generated file's front matter".to_string(),
        );
    }
    front.authors = f.authors.clone();
    front.source = f.source.clone();
    front.url = f.url.clone();
    front.section = f.section.clone();
    front.summary = f.summary.clone();
    front.image = f.image.clone();
    front.kind = Some(super::kind::ARTICLE.to_string());
    front.source_file = Some(source_file.to_string());
    front.source_hash = Some(blake3::hash(raw).to_hex().to_string());
    if let Some(l) = &f.lang {
        front
            .extra
            .insert("language".into(), serde_json::Value::String(l.clone()));
    }
    // Where each field came from, as `date_source` does for dates.
    let mut origins = serde_json::Map::new();
    for (k, v) in &f.origins {
        origins.insert((*k).to_string(), serde_json::Value::String(v.clone()));
    }
    origins.insert(
        "body".into(),
        serde_json::Value::String(article.how.to_string()),
    );
    origins.insert(
        "charset".into(),
        serde_json::Value::String(format!("{} ({})", decoded.charset, decoded.how)),
    );
    front
        .extra
        .insert("field_sources".into(), serde_json::Value::Object(origins));
    // A value the build would refuse must not reach the generated file.
    for p in crate::content::field_problems(&front) {
        warnings.push(format!(
            "the page's `{}` was left out: {}",
            p.key, p.message
        ));
        match p.key {
            "url" => front.url = None,
            "title" => front.title = Some(super::title_from_file_name(source_file)),
            "authors" => front.authors.clear(),
            "source" => front.source = None,
            "section" => front.section = None,
            "summary" => front.summary = None,
            "image" => front.image = None,
            _ => {}
        }
    }
    if body.trim().is_empty() {
        warnings.push("no article text was found in the page; check the dropped blocks with `dossier ingest --dry-run`".to_string());
    }
    Ok(Converted {
        front,
        body,
        dropped,
        warnings,
        charset: decoded.charset,
    })
}

/// Text of a Markdown block without its syntax, and the share of its words inside links.
fn plain_and_link_share(block: &str) -> (String, f64) {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"!?\[((?:[^\[\]]|\\\[|\\\])*)\]\(<?[^)>]*>?\)").expect("valid regex")
    });
    let mut link_words = 0usize;
    let plain = LINK.replace_all(block, |c: &regex::Captures| {
        let t = c.get(1).map_or("", |m| m.as_str()).to_string();
        if !c[0].starts_with('!') {
            link_words += t.split_whitespace().count();
        }
        t
    });
    let plain: String = plain
        .chars()
        .filter(|c| !matches!(c, '*' | '#' | '>' | '\\' | '`'))
        .collect();
    let words = plain.split_whitespace().count().max(1);
    (plain, link_words as f64 / words as f64)
}

/// Leave out what the extractor kept around the article's text: blocks the text
/// conversion's furniture rules recognise (share widgets, newsletter prompts, "Related"
/// headings, copyright lines), blocks made of links (teaser lists), and blocks with no words
/// (gallery counters). After a "Related"/"More stories" heading or an end mark, the rest is
/// teasers (`teaser-after-end`). In the last two thirds, a paragraph or list made of links is
/// a teaser (`link-block`), and a paragraph that opens with an author's name and a verb is
/// the author's or the outlet's description (`author-bio`: "Jane Doe is a reporter...", "Acme
/// is a leading maker of..."). A short line that is only dates and publication
/// labels is a time stamp the front matter holds (`date-line`).
fn prune(
    blocks: &[&str],
    subjects: &[String],
    opts: &ConvertOptions,
) -> (Vec<String>, Vec<(String, &'static str)>) {
    let mut kept = Vec::new();
    let mut pruned = Vec::new();
    let mut ended = false;
    let total_words: usize = blocks.iter().map(|b| b.split_whitespace().count()).sum();
    let mut seen_words = 0usize;
    for b in blocks {
        let (plain, link_share) = plain_and_link_share(b);
        let plain = plain.trim().to_string();
        let words = plain.split_whitespace().count();
        seen_words += b.split_whitespace().count();
        if ended {
            pruned.push((plain, TEASER_AFTER_END));
            continue;
        }
        let is_image = b.trim_start().starts_with("![");
        let rule = if opts.boilerplate.iter().any(|r| r.is_match(&plain)) {
            Some(CONFIG_BOILERPLATE)
        } else if opts.keep.iter().any(|r| r.is_match(&plain)) {
            None
        } else if !is_image && !plain.chars().any(char::is_alphabetic) {
            Some("no-words")
        } else if !is_image && b.starts_with('#') && link_share >= 0.8 {
            // A heading that is a link: a teaser's headline.
            Some(LINK_BLOCK)
        } else if !is_image && link_share >= 0.8 && in_tail(seen_words, total_words) {
            // Paragraphs and lists that are only links, past the lead: teasers and "read
            // more" lists. Near the top they can be the article's own list of sources.
            Some(LINK_BLOCK)
        } else if !is_image && words <= 24 && dates::date_line(&plain, opts.date_order).is_some() {
            Some(DATE_LINE)
        } else if !is_image && in_tail(seen_words, total_words) && is_author_bio(&plain, subjects) {
            Some(AUTHOR_BIO)
        } else {
            let units = super::blocks::units(&plain, false);
            let rules: Vec<Option<&'static str>> = units
                .iter()
                .map(|u| super::boilerplate::line_rule(u).map(|r| r.name()))
                .collect();
            match rules.first() {
                Some(Some(r)) if rules.iter().all(|x| x == &Some(*r)) && words <= 40 => Some(*r),
                _ => None,
            }
        };
        match rule {
            Some(r) => {
                // A "Related" heading or an end mark in the last third of the article starts
                // the teasers.
                if (r == super::boilerplate::RELATED_BLOCK.name()
                    || r == super::boilerplate::END_MARK.name())
                    && seen_words * 3 >= total_words * 2
                {
                    ended = true;
                }
                pruned.push((plain, r));
            }
            None => kept.push(b.to_string()),
        }
    }
    (kept, pruned)
}

/// Past the first third of the article's words.
fn in_tail(seen_words: usize, total_words: usize) -> bool {
    seen_words * 3 > total_words
}

/// "Jane Doe is a reporter who covers...", "Jane Doe has written for...": a paragraph that
/// opens with one of the article's authors, then a verb of a biography's first sentence.
fn is_author_bio(plain: &str, subjects: &[String]) -> bool {
    let text = plain.trim_start_matches(|c: char| !c.is_alphanumeric());
    subjects.iter().any(|a| {
        !a.is_empty()
            && text.strip_prefix(a.as_str()).is_some_and(|rest| {
                let next = rest.split_whitespace().next().unwrap_or("");
                BIO_VERBS.contains(&next.to_lowercase().as_str())
            })
    })
}

/// First verbs of an author's biography, in the four languages conversion reads.
const BIO_VERBS: &[&str] = &[
    "is",
    "was",
    "has",
    "covers",
    "writes",
    "joined",
    "reports",
    "ist",
    "war",
    "schreibt",
    "berichtet",
    "est",
    "écrit",
    "couvre",
    "es",
    "escribe",
    "cubre",
];

/// Images as the article shows them once, and their alt text only where it describes the
/// picture. An alt text is emptied when a caption or the paragraph below repeats it
/// (`to_markdown` does it for a `<figcaption>` in the same `<figure>`; this pass sees what
/// the tree does not: a caption further away, or a paragraph in an element of its own
/// after the image), when it is a file name ("photo-2018-01.jpg", "IMG_0042") or when it
/// repeats the headline: it is not text of the article, and a screen reader would read it
/// twice. An image block whose address or alt text came before (galleries repeat their
/// slides) is left out, and so is a block right under an image that repeats an earlier
/// block word for word: a caption stamped under every picture.
fn tidy_images(
    blocks: Vec<String>,
    title_norm: &str,
    captions: &[String],
) -> (Vec<String>, Vec<(String, &'static str)>) {
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"!\[((?:[^\[\]]|\\\[|\\\])*)\]\(<([^>]*)>( "(?:[^"\\]|\\.)*")?\)"#)
            .expect("valid regex")
    });
    // Captions without spaces, sorted: "does one start with this alt text?" is one lookup.
    let captions: std::collections::BTreeSet<String> =
        captions.iter().map(|c| norm(c).replace(' ', "")).collect();
    let repeats_a_caption = |alt: &str| {
        captions
            .range(alt.to_string()..)
            .next()
            .is_some_and(|c| c.starts_with(alt))
    };
    let mut seen = std::collections::HashSet::new();
    let mut seen_blocks = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(blocks.len());
    let mut dropped = Vec::new();
    let mut after_image = false;
    for i in 0..blocks.len() {
        let b = blocks[i].trim();
        let whole = IMAGE.find(b).filter(|m| m.range() == (0..b.len()));
        if whole.is_none() {
            let n = norm(&plain_and_link_share(b).0);
            let fresh = seen_blocks.insert(n.clone());
            if after_image && !fresh && n.split_whitespace().count() >= 3 {
                dropped.push((b.to_string(), REPEATED_CAPTION));
                after_image = false;
                continue;
            }
            after_image = false;
        } else {
            after_image = true;
        }
        let below = blocks
            .get(i + 1)
            .map(|n| norm(n.trim()).replace(' ', ""))
            .unwrap_or_default();
        let mut again = None;
        let tidied = IMAGE.replace_all(b, |c: &regex::Captures| {
            let (alt, src) = (&c[1], &c[2]);
            // The caption, kept as the image's title.
            let title = c.get(3).map_or("", |t| t.as_str());
            let alt_norm = norm(alt);
            if whole.is_some()
                && (!seen.insert(src.to_string())
                    || (alt_norm.split_whitespace().count() >= 3 && !seen.insert(alt_norm.clone())))
            {
                again = Some(alt.to_string());
            }
            let squashed = alt_norm.replace(' ', "");
            let redundant = below.starts_with(&squashed)
                || repeats_a_caption(&squashed)
                || (!title_norm.is_empty() && alt_norm.contains(title_norm))
                || is_file_name(alt);
            if !alt_norm.is_empty() && redundant {
                format!("![](<{src}>{title})")
            } else {
                c[0].to_string()
            }
        });
        match again {
            Some(alt) => dropped.push((alt, REPEATED_IMAGE)),
            None if tidied == b => kept.push(blocks[i].clone()),
            None => kept.push(tidied.into_owned()),
        }
    }
    (kept, dropped)
}

/// An alt text that is a file name or a slug, not words: one token that names an image
/// file or joins three parts or more with `-` or `_` ("milano-design-week-2018-01",
/// "IMG_0042", "dock.jpg"); a hyphenated word ("Coca-Cola") or "U.S." is not one.
fn is_file_name(alt: &str) -> bool {
    let a = alt.trim().replace('\\', "").to_ascii_lowercase();
    if a.is_empty() || a.contains(char::is_whitespace) {
        return false;
    }
    let image_file = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
        .iter()
        .any(|e| a.ends_with(e));
    let parts = a.split(['-', '_']).filter(|p| !p.is_empty()).count();
    image_file || a.contains('_') && parts >= 2 || parts >= 3
}

/// Line numbers of texts in the page, searched forward from the last one found (blocks come
/// in page order), so finding them all is one pass over the page.
struct LineFinder<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    searches: usize,
}

/// Bounds on the search, so a page with thousands of left-out blocks stays linear.
const MAX_SEARCHES: usize = 400;
const SEARCH_WINDOW: usize = 128 * 1024;

impl<'a> LineFinder<'a> {
    fn new(text: &'a str) -> Self {
        LineFinder {
            text,
            at: 0,
            line: 1,
            searches: 0,
        }
    }

    fn line_of(&mut self, needle: &str) -> usize {
        // The first few words as they may appear in the markup (entities aside).
        let probe: String = needle.chars().take(24).collect();
        let probe = probe.trim();
        if probe.len() < 4 || self.searches >= MAX_SEARCHES {
            return 0;
        }
        self.searches += 1;
        let mut end = (self.at + SEARCH_WINDOW).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        match self.text[self.at..end].find(probe) {
            Some(off) => {
                let end = self.at + off;
                self.line += self.text[self.at..end]
                    .bytes()
                    .filter(|&b| b == b'\n')
                    .count();
                self.at = end;
                self.line
            }
            None => 0,
        }
    }
}
