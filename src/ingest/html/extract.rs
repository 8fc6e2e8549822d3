//! The article inside a page: `dom_smoothie` (a port of Mozilla's Readability, chosen by
//! measuring, see CONVERSION-HTML.md) finds the main content; `ammonia` then keeps only safe
//! tags and attributes and makes every address absolute against the page's URL, so nothing
//! executable and nothing relative reaches the Markdown.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeRef};

use super::metadata::clean;

/// Block elements whose text is listed when it does not reach the article.
const BLOCKS: &str = "body p, body li, body h1, body h2, body h3, body h4, body h5, body h6, body blockquote, body figcaption, body td, body dd, body dt";

/// Elements removed with their content before anything else reads the page.
pub const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "form", "button", "input", "select", "textarea", "svg", "math", "canvas", "audio",
    "video", "dialog", "link", "meta", "base",
];

/// A block of the page left out of the article, with the rule that left it out.
pub struct Left {
    pub text: String,
    pub rule: &'static str,
}

/// What the page's landmarks say a block is.
fn landmark_rule(n: &NodeRef) -> &'static str {
    for a in n.ancestors_it(Some(40)) {
        let Some(name) = a.node_name() else { continue };
        let role = a.attr("role").map(|r| r.to_ascii_lowercase());
        match (&*name, role.as_deref()) {
            ("nav", _) | (_, Some("navigation")) => return "navigation",
            ("footer", _) | (_, Some("contentinfo")) => return "site-footer",
            ("header", _) | (_, Some("banner")) => return "site-header",
            ("aside", _) | (_, Some("complementary")) => return "aside",
            ("form", _) | (_, Some("search")) => return "form",
            _ => {}
        }
    }
    "not-article"
}

/// The page's text blocks, in order, with the rule that would name them if left out.
fn page_blocks(doc: &Document) -> Vec<(String, &'static str)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for s in doc.select(BLOCKS).nodes() {
        let t = clean(&s.text());
        if t.is_empty() || !seen.insert(t.clone()) {
            continue;
        }
        out.push((t, landmark_rule(s)));
        if out.len() >= 5000 {
            break;
        }
    }
    out
}

/// Remove what never holds article text, counting by element name.
pub fn strip_never_content(doc: &Document) -> Vec<Left> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for name in NEVER_CONTENT {
        let sel = doc.select(&format!("body {name}"));
        let n = sel.length();
        if n > 0 {
            counts.insert(name, n);
            sel.remove();
        }
    }
    let mut left: Vec<Left> = counts
        .into_iter()
        .map(|(name, n)| Left {
            text: format!("{n} <{name}> element{}", if n == 1 { "" } else { "s" }),
            rule: if matches!(name, "form" | "button" | "input" | "select" | "textarea") {
                "form"
            } else if name == "script" || name == "noscript" {
                "script"
            } else {
                "embedded"
            },
        })
        .collect();
    left.sort_by(|a, b| a.text.cmp(&b.text));
    left
}

/// Words in a class or id that mark page furniture around an article: teasers, rails,
/// recirculation, share bars, comments, ads, newsletter boxes. Matched against whole tokens
/// of the attribute split at spaces, `-` and `_` (so `sidebar` matches `l-sidebar` but not
/// `sidebarless`).
const FURNITURE_TOKENS: &[&str] = &[
    "teaser",
    "teasers",
    "rail",
    "related",
    "recirc",
    "recirculation",
    "promo",
    "promos",
    "newsletter",
    "share",
    "sharing",
    "sharebar",
    "social",
    "comments",
    "comment",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adunit",
    "sponsored",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "sidebar",
    "subscribe",
    "signup",
    "breadcrumb",
    "breadcrumbs",
    "widget",
    "nav",
    "navbar",
    "menu",
    "footer",
    "masthead",
    "more-stories",
    "read-more",
    "readmore",
    "cookie",
    "consent",
];

fn furniture_mark(n: &NodeRef) -> Option<String> {
    for k in ["class", "id"] {
        let Some(v) = n.attr(k) else { continue };
        let v = v.to_ascii_lowercase();
        for token in v.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
            if FURNITURE_TOKENS.contains(&token) {
                return Some(format!("{k}={}", v.chars().take(40).collect::<String>()));
            }
        }
    }
    None
}

/// Remove elements marked as furniture by their class or id, unless they hold the headline
/// or much of the page's text (a wrapper such as `<div class="has-sidebar">`).
pub fn strip_furniture(doc: &Document, headline: Option<&str>) -> Vec<Left> {
    let body_len = doc.select("body").text().len().max(1);
    let mut left = Vec::new();
    let candidates: Vec<NodeRef> = doc
        .select("body [class], body [id]")
        .nodes()
        .iter()
        .filter(|n| furniture_mark(n).is_some())
        .cloned()
        .collect();
    for n in candidates.into_iter().take(2000) {
        // Already gone with an ancestor?
        if n.ancestors_it(None).all(|a| !a.is("body")) {
            continue;
        }
        let text = n.text();
        if text.len() * 5 > body_len * 2 {
            continue;
        }
        let t = clean(&text);
        if headline.is_some_and(|h| !h.is_empty() && t.contains(h)) {
            continue;
        }
        // An embedded post ("social-media-embed" around a quoted post) is something the
        // article quotes: mostly a block quote.
        let quoted: usize = n
            .descendants_it()
            .filter(|d| d.has_name("blockquote"))
            .map(|d| d.text().len())
            .max()
            .unwrap_or(0);
        if quoted * 5 >= text.len() * 4 && !t.is_empty() {
            // Kept, as text the article quotes: its marks and links removed, or the
            // extractor would drop it as an unlikely candidate ("social", "share") or for
            // its share of link text (the post's address and date are links).
            n.remove_attrs(&["class", "id"]);
            n.strip_elements(&["a"]);
            continue;
        }
        if !t.is_empty() {
            left.push(Left {
                text: t.chars().take(200).collect(),
                rule: "furniture",
            });
        }
        n.remove_from_parent();
    }
    left
}

/// The sanitiser: structure, links and images only; addresses made absolute.
fn sanitiser(base: Option<&str>) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.tags(HashSet::from([
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "a",
        "img",
        "figure",
        "figcaption",
        "em",
        "strong",
        "b",
        "i",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "div",
        "span",
        "section",
        "article",
        "dl",
        "dt",
        "dd",
        "sup",
        "sub",
        "main",
        "header",
        "footer",
        "q",
        "cite",
        "small",
        "mark",
        "time",
        "abbr",
        "u",
        "s",
    ]))
    .clean_content_tags(HashSet::from([
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "form", "button", "select", "textarea", "nav", "title", "canvas", "audio", "video",
    ]))
    .tag_attributes(HashMap::from([
        ("a", HashSet::from(["href"])),
        ("img", HashSet::from(["src", "alt"])),
    ]))
    .url_schemes(HashSet::from(["http", "https", "mailto"]))
    .link_rel(None)
    .strip_comments(true);
    match base.and_then(|u| url::Url::parse(u).ok()) {
        Some(u) => b.url_relative(ammonia::UrlRelative::RewriteWithBase(u)),
        None => b.url_relative(ammonia::UrlRelative::Deny),
    };
    b
}

/// Sanitise an HTML fragment.
pub fn sanitise(html: &str, base: Option<&str>) -> String {
    sanitiser(base).clean(html).to_string()
}

/// The article's sanitised HTML and the page's blocks that did not reach it.
pub struct Article {
    pub html: String,
    pub left_out: Vec<Left>,
    /// `dom_smoothie`, or `whole page` when it found nothing.
    pub how: &'static str,
}

/// Find the article in `doc` (already stripped of never-content elements).
pub fn article(doc: Document, url: Option<&str>) -> Article {
    let blocks = page_blocks(&doc);
    let body_html = doc.select("body").inner_html().to_string();
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let found = dom_smoothie::Readability::with_document(doc, url, None)
        .and_then(|mut r| r.parse())
        .ok()
        .map(|a| a.content.to_string())
        .filter(|c| !clean(c).is_empty());
    let (raw, how) = match found {
        Some(c) => (c, "dom_smoothie"),
        None => (body_html, "whole page"),
    };
    let html = sanitise(&raw, url);
    // Which page blocks made it: compare by text.
    let kept: HashSet<String> = {
        let frag = Document::fragment(html.as_str());
        frag.select(BLOCKS.replace("body ", "").as_str())
            .nodes()
            .iter()
            .map(|n| clean(&n.text()))
            .collect()
    };
    let left_out = blocks
        .into_iter()
        .filter(|(t, _)| !kept.contains(t))
        .map(|(text, rule)| Left { text, rule })
        .collect();
    Article {
        html,
        left_out,
        how,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitising_keeps_structure_and_absolutises() {
        let out = sanitise(
            r#"<p onclick="x()">Hi <a href="/next" onmouseover="y()">next</a> <a href="javascript:alert(1)">bad</a><img src="data:image/png;base64,AAAA" alt="d"><img src="pic.jpg" alt="p"><script>alert(2)</script><iframe src="https://evil.example"></iframe><style>p{}</style></p>"#,
            Some("https://news.example/a/story"),
        );
        assert!(
            out.contains(r#"<a href="https://news.example/next">next</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"src="https://news.example/a/pic.jpg""#),
            "{out}"
        );
        for bad in [
            "onclick",
            "onmouseover",
            "javascript:",
            "data:",
            "<script",
            "alert(2)",
            "iframe",
            "<style",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
    }

    #[test]
    fn relative_addresses_without_a_base_are_dropped() {
        let out = sanitise(r#"<a href="/x">x</a><img src="y.png">"#, None);
        assert!(!out.contains("href") && !out.contains("src"), "{out}");
    }
}
