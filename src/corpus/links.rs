//! Link the first mention of each topic in a Markdown body to the topic's page.

use std::collections::HashSet;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::Topic;
use crate::analyze::PhraseMatcher;

#[derive(Debug)]
struct Inner {
    matcher: PhraseMatcher,
    hrefs: Vec<String>,
}

/// Surface forms (names and aliases) of link targets, each target with the href the caller
/// gives. Built once per site; [`MentionTargets::only`] and
/// [`MentionTargets::with_href_prefix`] make cheap per-page views sharing the same matcher.
#[derive(Debug, Clone)]
pub struct MentionTargets {
    inner: Arc<Inner>,
    /// Sorted target indices allowed on this view; `None`: all.
    allowed: Option<Arc<Vec<usize>>>,
    prefix: Arc<str>,
}

impl MentionTargets {
    /// `targets[i]` = (surface forms, href). Matching is whole-word and case-aware: a form
    /// with a capital matches as written (or in capitals), a lower-case form in any case.
    /// Where forms overlap, the longest wins; a form given to two targets belongs to the
    /// first.
    pub fn new(targets: impl IntoIterator<Item = (Vec<String>, String)>) -> Self {
        let mut phrases = Vec::new();
        let mut hrefs = Vec::new();
        for (i, (forms, href)) in targets.into_iter().enumerate() {
            for f in forms {
                phrases.push((f, i));
            }
            hrefs.push(href);
        }
        MentionTargets {
            inner: Arc::new(Inner {
                matcher: PhraseMatcher::new(phrases),
                hrefs,
            }),
            allowed: None,
            prefix: Arc::from(""),
        }
    }

    /// One target per topic (target index = topic index): its name and aliases, linked to
    /// `href(index, topic)`.
    pub fn from_topics(topics: &[Topic], href: impl Fn(usize, &Topic) -> String) -> Self {
        MentionTargets::new(topics.iter().enumerate().map(|(i, t)| {
            let forms = std::iter::once(t.name.clone())
                .chain(t.aliases.iter().cloned())
                .collect();
            (forms, href(i, t))
        }))
    }

    /// A view that links only these targets (e.g. a document's own topics).
    pub fn only(&self, targets: &[usize]) -> MentionTargets {
        let mut allowed = targets.to_vec();
        allowed.sort_unstable();
        allowed.dedup();
        MentionTargets {
            inner: Arc::clone(&self.inner),
            allowed: Some(Arc::new(allowed)),
            prefix: Arc::clone(&self.prefix),
        }
    }

    /// A view whose hrefs start with `prefix` (e.g. `../../` for a page two folders deep).
    pub fn with_href_prefix(&self, prefix: &str) -> MentionTargets {
        MentionTargets {
            inner: Arc::clone(&self.inner),
            allowed: self.allowed.clone(),
            prefix: Arc::from(prefix),
        }
    }

    fn allows(&self, target: usize) -> bool {
        self.allowed
            .as_ref()
            .is_none_or(|a| a.binary_search(&target).is_ok())
    }
}

/// Where text must not be linked.
#[derive(Default)]
struct Context {
    link: usize,
    image: usize,
    heading: usize,
    code_block: usize,
    html_block: usize,
    metadata: usize,
    inline_html: usize,
}

impl Context {
    fn linkable(&self) -> bool {
        self.link == 0
            && self.image == 0
            && self.heading == 0
            && self.code_block == 0
            && self.html_block == 0
            && self.metadata == 0
            && self.inline_html == 0
    }

    fn track(&mut self, event: &Event<'_>) {
        fn inc(x: &mut usize) {
            *x += 1;
        }
        fn dec(x: &mut usize) {
            *x = x.saturating_sub(1);
        }
        match event {
            Event::Start(Tag::Link { .. }) => inc(&mut self.link),
            Event::End(TagEnd::Link) => dec(&mut self.link),
            Event::Start(Tag::Image { .. }) => inc(&mut self.image),
            Event::End(TagEnd::Image) => dec(&mut self.image),
            Event::Start(Tag::Heading { .. }) => inc(&mut self.heading),
            Event::End(TagEnd::Heading(_)) => dec(&mut self.heading),
            Event::Start(Tag::CodeBlock(_)) => inc(&mut self.code_block),
            Event::End(TagEnd::CodeBlock) => dec(&mut self.code_block),
            Event::Start(Tag::HtmlBlock) => inc(&mut self.html_block),
            Event::End(TagEnd::HtmlBlock) => dec(&mut self.html_block),
            Event::Start(Tag::MetadataBlock(_)) => inc(&mut self.metadata),
            Event::End(TagEnd::MetadataBlock(_)) => dec(&mut self.metadata),
            Event::InlineHtml(html) => {
                let h = html.trim();
                let name: String = h
                    .trim_start_matches("</")
                    .trim_start_matches('<')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let void = matches!(
                    name.as_str(),
                    "br" | "img"
                        | "hr"
                        | "input"
                        | "wbr"
                        | "meta"
                        | "link"
                        | "source"
                        | "area"
                        | "col"
                        | "embed"
                        | "track"
                        | "param"
                        | "base"
                );
                if h.starts_with("</") {
                    dec(&mut self.inline_html);
                } else if !(h.starts_with("<!") || h.starts_with("<?") || h.ends_with("/>") || void)
                    && h.starts_with('<')
                {
                    inc(&mut self.inline_html);
                }
            }
            _ => {}
        }
    }
}

/// Link the first mention of each target in a Markdown event stream: never inside a link,
/// image, heading, code span or block, HTML, or front-matter block; each target once per
/// call (one call per document); whole words, case-aware, longest match first; in document
/// order, so the result is deterministic. Adjacent text events are merged first (the HTML is
/// the same).
pub fn link_first_mentions<'a>(events: Vec<Event<'a>>, targets: &MentionTargets) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len() + 8);
    let mut ctx = Context::default();
    let mut linked: HashSet<usize> = HashSet::new();
    let mut pending: Vec<CowStr<'a>> = Vec::new();
    let flush =
        |pending: &mut Vec<CowStr<'a>>, out: &mut Vec<Event<'a>>, linked: &mut HashSet<usize>| {
            if pending.is_empty() {
                return;
            }
            let text: CowStr<'a> = if pending.len() == 1 {
                pending.pop().unwrap_or(CowStr::Borrowed(""))
            } else {
                let joined: String = pending.iter().map(|s| s.as_ref()).collect();
                pending.clear();
                CowStr::from(joined)
            };
            link_text(text, targets, linked, out);
        };
    for event in events {
        match event {
            Event::Text(t) if ctx.linkable() => pending.push(t),
            other => {
                flush(&mut pending, &mut out, &mut linked);
                ctx.track(&other);
                out.push(other);
            }
        }
    }
    flush(&mut pending, &mut out, &mut linked);
    out
}

/// A capitalised mention followed by another capitalised word is the start of a longer
/// name that is not this topic: "Brussels" in "Brussels Sprouts", "New York" in "New York
/// Times", "Black" in "Black Friday". Such a mention is not linked; a later one may be.
fn inside_longer_name(text: &str, start: usize, end: usize) -> bool {
    let capitalised = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    capitalised(&text[start..end]) && text[end..].strip_prefix(' ').is_some_and(capitalised)
}

fn link_text<'a>(
    text: CowStr<'a>,
    targets: &MentionTargets,
    linked: &mut HashSet<usize>,
    out: &mut Vec<Event<'a>>,
) {
    // Every target this page may link is linked already: the rest of the text needs no scan.
    if targets
        .allowed
        .as_ref()
        .is_some_and(|a| linked.len() >= a.len())
    {
        out.push(Event::Text(text));
        return;
    }
    let found: Vec<_> = targets
        .inner
        .matcher
        .find(&text)
        .into_iter()
        .filter(|m| targets.allows(m.id))
        .collect();
    let mut cuts = Vec::new();
    for m in found {
        if !inside_longer_name(&text, m.start, m.end) && linked.insert(m.id) {
            cuts.push(m);
        }
    }
    if cuts.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut pos = 0;
    for m in cuts {
        if m.start > pos {
            out.push(Event::Text(CowStr::from(text[pos..m.start].to_string())));
        }
        let href = format!("{}{}", targets.prefix, targets.inner.hrefs[m.id]);
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(href),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(CowStr::from(text[m.start..m.end].to_string())));
        out.push(Event::End(TagEnd::Link));
        pos = m.end;
    }
    if pos < text.len() {
        out.push(Event::Text(CowStr::from(text[pos..].to_string())));
    }
}
