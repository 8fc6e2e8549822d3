//! Every page's context. The variables are documented in docs/templates.md; keep the two in
//! step.
//!
//! Links inside contexts are relative to the site root (`articles/x/index.html`); templates
//! prefix them with `root`, the way back from the page to the site root.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::Event;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::context::{
    self, archive, article, feed, home, source, story, topic, Edition, OutletLink, StoryBrief,
    StorylineLink,
};
use super::doc_links::DocLinks;
use super::escape_html;
use super::markdown::{self, RenderedBody};
use super::outlets;
use super::urls::{self, Links};
use super::{Page, PageSpec, SharedVars};
use crate::corpus::compare;
use crate::corpus::{link_first_mentions, MentionTargets};
use crate::lang::Ui;
use crate::site::Site;

/// Builds a JSON object like `json!`, but lets values that are already `Value`s move in
/// (`=>`) where `json!` would serialise them into a copy. Contexts are built for every page.
macro_rules! obj {
    ({ $($k:literal $op:tt $v:expr),* $(,)? }) => {{
        #[allow(unused_mut)]
        let mut m = Map::new();
        $( m.insert($k.to_string(), obj!(@value $op $v)); )*
        Value::Object(m)
    }};
    // `"key": value` copies by serialising, as `json!` does; `"key" => value` moves a
    // value that is already a `Value` (or converts with `From`).
    (@value : $v:expr) => { serde_json::to_value(&$v).unwrap_or(Value::Null) };
    (@value => $v:expr) => { Value::from($v) };
}

mod quotes;

const WORDS_PER_MINUTE: usize = 220;
/// Stories and quotes shown beside a topic's list.
const TOPIC_SIDEBAR_ITEMS: usize = 12;
/// Pages either side of the current one that a pager links to.
const PAGER_WINDOW: usize = 3;
/// The sitemap format's limit per file.
const SITEMAP_MAX_URLS: usize = 50_000;

/// What every page of one build shares, and each document's rendered parts.
pub struct Shared {
    site: Site,
    links: Links,
    /// `site` and `t`, which every page has (kept once per rendering thread).
    shared_vars: SharedVars,
    /// Each document's body. Without `keep_html` only its lead is kept (`html` empty,
    /// `words` 0): the article page converts the body itself (a one-off build: the HTML of
    /// every body at once is the biggest thing a build would hold), so the HTML is made
    /// once, there, and the first reading finds the lead alone ([`markdown::lead_of`]).
    bodies: Vec<RenderedBody>,
    keep_html: bool,
    /// Each article's words counted for the search index on the reading of its body above,
    /// taken by the index ([`Shared::search_words`]); empty without search.
    search_words: Vec<std::sync::Mutex<Option<super::search::ArticleWords>>>,
    topic_values: Vec<Value>,
    /// Each document's card, kept in watch mode only (see [`Shared::card`]).
    cards: Vec<Value>,
    /// Per topic: what a card shows of it (name, link, kind).
    topic_chips: Vec<Value>,
    /// Per source: what a card shows of it (name, link), made once.
    source_values: Vec<Value>,
    /// Per day with documents: what a card shows of its date (the date, long and short
    /// forms, the day page's link), formatted once.
    day_values: BTreeMap<NaiveDate, [Value; 4]>,
    story_values: Vec<Value>,
    /// Per topic: the stories it appears in.
    topic_stories: Vec<Vec<usize>>,
    /// A story needs coverage from two documents at least; a lone document may still be an
    /// episode of a storyline, but gets no story page.
    is_story: Vec<bool>,
    /// Each document's story, if that story is one (see `is_story`).
    doc_story: Vec<Option<usize>>,
    /// Each document's position in `site.chrono`.
    chrono_pos: Vec<usize>,
    /// Bodies of documents that appear in a feed, with absolute links.
    feed_bodies: BTreeMap<usize, String>,
    /// The days with documents of each month, oldest first.
    months: BTreeMap<(i32, u32), Vec<NaiveDate>>,
    /// Topic names to link at their first mention in a body (unless turned off).
    mentions: Option<MentionTargets>,
    /// Per document: its quotations (indices into `grouping.quotes`).
    doc_quotes: Vec<Vec<usize>>,
    /// The site's picture for shared pages (site.yaml `image`), absolute.
    default_image: Option<String>,
    /// The newest document's day: the sitemap's date for pages that are about every day.
    newest_day: Option<NaiveDate>,
    /// Per source: its topics, worked out once for all its pages.
    source_topics: Vec<std::sync::OnceLock<Vec<Value>>>,
    /// Where Markdown links to other documents and to files point.
    doc_links: Option<DocLinks>,
    /// The interface's language, strings and date formats.
    ui: Ui,
    /// Bodies that could not be read again (their file changed during the build): the build
    /// fails with these after rendering, before anything is written.
    body_errors: std::sync::Mutex<Vec<crate::error::Diagnostic>>,
    /// The files next to documents that bodies link to (paths under `content/`).
    media: BTreeSet<String>,
}

/// A page to make. Its path and template are known when the site is planned (the sitemap
/// lists the paths); its context is built only when the page is rendered and is dropped with
/// it, so a build holds the contexts of the pages in flight, not of the whole site.
pub struct Job<'a> {
    pub path: String,
    pub template: &'static str,
    /// When the page's content last changed, for the sitemap (the newest day otherwise).
    lastmod: Option<NaiveDate>,
    make: Maker<'a>,
}

type Maker<'a> = Box<dyn Fn(&Shared) -> PageSpec + Send + Sync + 'a>;

impl<'a> Job<'a> {
    fn new(
        folder_or_file: &str,
        template: &'static str,
        make: impl Fn(&Shared) -> PageSpec + Send + Sync + 'a,
    ) -> Job<'a> {
        Job {
            path: page_file(folder_or_file),
            template,
            lastmod: None,
            make: Box::new(make),
        }
    }

    fn lastmod(mut self, day: Option<NaiveDate>) -> Job<'a> {
        self.lastmod = day;
        self
    }

    /// The page's template and its whole context.
    pub fn spec(&self, shared: &Shared) -> PageSpec {
        shared.shared_vars.complete(self.own_spec(shared))
    }

    /// The page's template and its context without the variables every page shares (see
    /// [`SharedVars`]): what [`super::Theme::render_with`] takes.
    pub fn own_spec(&self, shared: &Shared) -> PageSpec {
        let spec = (self.make)(shared);
        debug_assert_eq!(
            spec.path, self.path,
            "a page's planned and built paths differ"
        );
        spec
    }
}

/// The file a page is written to: folders get an `index.html`.
fn page_file(folder_or_file: &str) -> String {
    if folder_or_file.is_empty() || folder_or_file.ends_with('/') {
        Links::file(folder_or_file)
    } else {
        folder_or_file.to_string()
    }
}

/// Every page of the site, in a fixed order.
pub fn plan(shared: &Shared) -> Vec<Job<'_>> {
    let site = &shared.site;
    let mut jobs = vec![Job::new("", "index.html", |s| s.home())];
    jobs.extend((0..site.docs.len()).map(|i| {
        let doc = &site.docs[i];
        Job::new(&urls::article(&doc.slug), "article.html", move |s| {
            s.article(i)
        })
        .lastmod(doc.front.updated.or(doc.date).map(|d| d.day(site.tz)))
    }));
    jobs.extend(shared.topic_jobs());
    jobs.extend(shared.archive_jobs());
    jobs.extend(shared.source_jobs());
    jobs.extend(shared.story_jobs());
    jobs.extend(quotes::jobs(shared));
    jobs.push(Job::new("404.html", "404.html", |s| s.not_found()));
    if site.config.search {
        jobs.push(Job::new(urls::SEARCH, "search.html", |s| s.search_page()));
    }
    jobs.extend(shared.feed_jobs());
    let sitemaps = shared.sitemap_jobs(&jobs);
    jobs.extend(sitemaps);
    jobs.push(Job::new("robots.txt", "robots.txt", |s| s.robots()));
    jobs
}

/// Files that need no template.
pub fn extra_files(site: &Site) -> Vec<Page> {
    let mut out = vec![Page {
        path: ".nojekyll".into(),
        bytes: Vec::new().into(),
    }];
    if let Some(cname) = site.config.cname.as_deref().map(str::trim) {
        if !cname.is_empty() {
            out.push(Page {
                path: "CNAME".into(),
                bytes: format!("{cname}\n").into_bytes().into(),
            });
        }
    }
    out
}

/// Documents whose whole body the site-wide Atom feed carries (the newest dated ones).
fn feed_documents(site: &Site) -> BTreeSet<usize> {
    let size = site.config.feed.size;
    let dated = |list: &[usize]| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&i| site.docs[i].date.is_some())
            .take(size)
            .collect()
    };
    dated(&site.chrono).into_iter().collect()
}

/// The absolute address of a picture given in front matter or site.yaml: a web address as it
/// is, a path as a file of the site; anything else (another scheme) is not used.
fn absolute_image(links: &Links, image: &str) -> Option<String> {
    let image = image.trim();
    if image.is_empty() || !markdown::safe_url(image) {
        return None;
    }
    let lower = image.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(image.to_string())
    } else if lower.starts_with("mailto:") || image.starts_with("//") {
        None
    } else {
        Some(links.absolute(image.trim_start_matches(['/', '.'])))
    }
}

/// The lead image a card shows: `src`, and `local` when `src` is a path from the site's root
/// (the template puts the page's `root` before it). Null without a usable image.
fn card_image(image: Option<&str>) -> Value {
    let Some(image) = image.map(str::trim).filter(|i| markdown::safe_url(i)) else {
        return Value::Null;
    };
    let lower = image.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        json!({"src": image, "local": false})
    } else if crate::content::is_site_path(image) {
        json!({"src": image.trim_start_matches(['/', '.']), "local": true})
    } else {
        Value::Null
    }
}

/// A typed context as the JSON a template receives.
fn to_value(context: &impl serde::Serialize) -> Value {
    serde_json::to_value(context).unwrap_or(Value::Null)
}

/// Plain text compared loosely: lower-case letters and digits only.
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Is a standfirst just the body's first paragraph (or the start of it, shortened)?
fn repeats_lead(standfirst: &str, lead: &str) -> bool {
    let s = loose(standfirst.trim_end_matches(['…', '.', ' ']));
    let l = loose(lead);
    !s.is_empty() && (l.starts_with(&s) || s.starts_with(&l) && !l.is_empty())
}

/// The first one or two sentences of a summary, up to about `max_chars`.
fn first_sentences(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    let mut end = 0;
    let mut sentences = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            end = i + 1;
            sentences += 1;
            if sentences == 2 || end >= max_chars / 2 {
                break;
            }
        }
    }
    let cut = if end == 0 { text } else { &text[..end] };
    truncate(cut, max_chars)
}

/// How a document's date was found, in words for readers (the evidence goes behind a
/// toggle); nothing for a date the author wrote.
fn date_note(ui: &Ui, source: Option<crate::content::DateSource>) -> Option<String> {
    use crate::content::DateSource;
    let key = match source? {
        DateSource::Stated => "date_note_stated",
        DateSource::Caption => "date_note_caption",
        DateSource::Inferred => "date_note_inferred",
        DateSource::User => return None,
    };
    Some(ui.get(key).to_string())
}

/// JSON for a `<script>` element: `<`, `>` and `&` escaped so no text can close the element.
fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

impl Shared {
    pub fn new(site: Site) -> Shared {
        Shared::with_doc_links(site, None, true)
    }

    /// [`Shared::new`], with Markdown links between documents and to files resolved.
    /// `keep_html`: keep each body's HTML between its uses (watch mode, which re-renders one
    /// article at a time) rather than convert it again for the article page.
    pub fn with_doc_links(site: Site, doc_links: Option<DocLinks>, keep_html: bool) -> Shared {
        let config = &site.config;
        let (ui, _) = Ui::new(config);
        let links = Links {
            index_html: config.link_index_html,
            base_url: config.base_url(),
        };
        let site_value = to_value(&context::SiteInfo {
            title: config.title.clone(),
            description: config.description.clone(),
            language: ui.lang.clone(),
            dir: ui.dir,
            publisher: config.publisher.clone(),
            base_url: links.base_url.clone(),
            extra: config.extra.clone(),
            feed_url: "atom.xml",
            editions_feed_url: urls::EDITIONS_FEED,
            topics_url: links.href(urls::TOPICS),
            sources_url: links.href(urls::SOURCES),
            search_url: config.search.then(|| links.href(urls::SEARCH)),
            stories_url: links.href(urls::STORIES),
            timeline_url: links.href(urls::TIMELINE),
            undated_url: links.href(urls::UNDATED),
            has_stories: site.grouping.stories.iter().any(|s| s.docs.len() >= 2),
            has_undated: !site.undated.is_empty(),
        });
        let g = &site.grouping;
        // The first mention of each of a document's topics links to the topic page.
        let mentions = config.grouping.link_topics.then(|| {
            MentionTargets::from_topics(&g.topics, |_, t| links.href(&urls::topic(&t.slug)))
        });
        let topic_values: Vec<Value> = g
            .topics
            .iter()
            .map(|t| {
                obj!({
                    "name": t.name,
                    "slug": t.slug,
                    "kind": t.kind,
                    "description": t.description,
                    // For lists: cut at a word, never inside one.
                    "short_description": truncate(&t.description, 120),
                    "count": t.doc_count,
                    "url": links.href(&urls::topic(&t.slug)),
                    "feed_url": format!("{}atom.xml", urls::topic(&t.slug)),
                })
            })
            .collect();
        let story_values: Vec<Value> = g
            .stories
            .iter()
            .map(|s| {
                // The title is one report's: it is in that report's language.
                let lang = s
                    .docs
                    .iter()
                    .map(|&i| &site.docs[i])
                    .find(|d| d.title == s.title)
                    .map_or(ui.lang.as_str(), |d| d.lang(&ui.lang));
                obj!({
                    "title": s.title,
                    "lang": lang,
                    "dir": crate::lang::dir(lang),
                    "slug": s.slug,
                    "url": links.href(&urls::story(&s.slug)),
                    "count": s.docs.len(),
                    "first_day": s.first_day.to_string(),
                    "last_day": s.last_day.to_string(),
                    "first_display": ui.short(s.first_day),
                    "last_display": ui.short(s.last_day),
                })
            })
            .collect();
        let topic_chips: Vec<Value> = topic_values
            .iter()
            .map(|v| obj!({"name" => v["name"].clone(), "url" => v["url"].clone(), "kind" => v["kind"].clone()}))
            .collect();
        let day_values: BTreeMap<NaiveDate, [Value; 4]> = site
            .by_day
            .keys()
            .map(|&d| {
                (
                    d,
                    [
                        Value::from(d.to_string()),
                        Value::from(ui.long(d)),
                        Value::from(ui.short(d)),
                        Value::from(links.href(&urls::day(d))),
                    ],
                )
            })
            .collect();
        let source_values: Vec<Value> = site
            .sources
            .iter()
            .map(|src| obj!({"name" => src.name.clone(), "url" => links.href(&urls::source(&src.slug))}))
            .collect();
        let is_story: Vec<bool> = g.stories.iter().map(|s| s.docs.len() >= 2).collect();
        let doc_story: Vec<Option<usize>> = g
            .doc_story
            .iter()
            .map(|s| s.filter(|&s| is_story[s]))
            .collect();
        let mut topic_stories = vec![Vec::new(); g.topics.len()];
        for (s, story) in g.stories.iter().enumerate().filter(|(s, _)| is_story[*s]) {
            for &t in &story.topics {
                if let Some(list) = topic_stories.get_mut(t) {
                    list.push(s);
                }
            }
        }
        let mut chrono_pos = vec![0; site.docs.len()];
        for (p, &i) in site.chrono.iter().enumerate() {
            chrono_pos[i] = p;
        }
        let mut months: BTreeMap<(i32, u32), Vec<NaiveDate>> = BTreeMap::new();
        for d in site.by_day.keys() {
            months.entry((d.year(), d.month())).or_default().push(*d);
        }
        let mut doc_quotes = vec![Vec::new(); site.docs.len()];
        for (q, quote) in g.quotes.iter().enumerate() {
            if let Some(list) = doc_quotes.get_mut(quote.doc) {
                list.push(q);
            }
        }
        // The theme's neutral card when the site names no picture of its own.
        let default_image = config
            .image
            .as_deref()
            .and_then(|i| absolute_image(&links, i))
            .or_else(|| Some(links.absolute("share.svg")));
        let newest_day = site.by_day.keys().next_back().copied();
        let shared_vars = SharedVars::new(
            [
                ("site".to_string(), site_value),
                ("t".to_string(), ui.value.clone()),
            ]
            .into_iter()
            .collect(),
        );
        let mut shared = Shared {
            links,
            shared_vars,
            bodies: Vec::new(),
            keep_html,
            search_words: Vec::new(),
            topic_values,
            cards: Vec::new(),
            topic_chips,
            source_values,
            day_values,
            story_values,
            topic_stories,
            is_story,
            doc_story,
            chrono_pos,
            feed_bodies: BTreeMap::new(),
            months,
            mentions,
            doc_quotes,
            default_image,
            newest_day,
            source_topics: (0..site.sources.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            doc_links,
            ui,
            site,
            body_errors: std::sync::Mutex::new(Vec::new()),
            media: BTreeSet::new(),
        };
        // Article pages sit two folders deep. The files bodies link to are found on the same
        // reading of each body.
        // The search index's word counts too: counting here, on the one parse of each body,
        // spares the index a reading, a hash check and a parse per article, and is spread
        // over the cores with the rest of this pass.
        let search = shared.site.config.search;
        // Counts wait here until the index takes them; past this many bytes (a large site's
        // later articles) they are not made here but counted by the index from the body read
        // again, so a build's peak memory does not grow with the site for them. Either way the
        // index is the same.
        const HELD_WORDS_BYTES: usize = 64 << 20;
        let held = std::sync::atomic::AtomicUsize::new(0);
        type Read = (
            RenderedBody,
            Vec<String>,
            Option<super::search::ArticleWords>,
        );
        let read: Vec<Read> = (0..shared.site.docs.len())
            .into_par_iter()
            .map(|i| {
                let text = shared.body(i);
                let media = match &shared.doc_links {
                    Some(links) => links.media_of(&shared.site.docs[i].rel_path, &text),
                    None => Vec::new(),
                };
                let count =
                    search && held.load(std::sync::atomic::Ordering::Relaxed) < HELD_WORDS_BYTES;
                let (body, words) = if keep_html {
                    shared.body_html_and_words(i, &text, "../../", count)
                } else {
                    // The lists need only the lead; the article page makes the HTML.
                    let events = markdown::events(&text);
                    let words = count.then(|| {
                        super::search::article_words(&shared.site, i, &events, text.len())
                    });
                    let lead = markdown::lead_of(&events);
                    let body = RenderedBody {
                        lead,
                        ..RenderedBody::default()
                    };
                    (body, words)
                };
                if let Some(w) = &words {
                    held.fetch_add(w.heap_bytes(), std::sync::atomic::Ordering::Relaxed);
                }
                (body, media, words)
            })
            .collect();
        let mut media = BTreeSet::new();
        shared.bodies = Vec::with_capacity(read.len());
        for (body, m, words) in read {
            shared.bodies.push(body);
            media.extend(m);
            if search {
                shared.search_words.push(std::sync::Mutex::new(words));
            }
        }
        shared.media = media;
        // Feeds are read away from the site: their copies link with absolute addresses.
        shared.feed_bodies = feed_documents(&shared.site)
            .into_par_iter()
            .map(|i| (i, shared.body_html(i, &shared.links.base_url).html))
            .collect();
        if keep_html {
            // Watch mode renders every page's context on each rebuild: cards made once each.
            shared.cards = (0..shared.site.docs.len())
                .into_par_iter()
                .map(|i| shared.make_card(i))
                .collect();
        }
        shared
    }

    /// The interface this build renders with.
    pub fn ui(&self) -> &Ui {
        &self.ui
    }

    /// The site this build renders.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Put a new version of a document in place of the one at the same path, for the quick
    /// re-render of its page while watching. Refused (`None`) when the change reaches beyond
    /// the document's own page (its address, date, source, topics or draft state: those move
    /// it between lists) so the full rebuild handles it; otherwise the document's index.
    pub fn replace_document(&mut self, doc: crate::content::Document) -> Option<usize> {
        let i = self.site.docs.iter().position(|d| d.path == doc.path)?;
        let old = &self.site.docs[i];
        let same_place = old.slug == doc.slug
            && old.date == doc.date
            && old.front.source == doc.front.source
            && old.front.topics == doc.front.topics
            && old.front.draft == doc.front.draft;
        if !same_place {
            return None;
        }
        self.site.docs[i] = doc;
        let search = self.site.config.search;
        let text = self.body(i);
        let (mut body, words) = self.body_html_and_words(i, &text, "../../", search);
        drop(text);
        if !self.keep_html {
            body.html = String::new();
        }
        self.bodies[i] = body;
        if let Some(slot) = self.search_words.get_mut(i) {
            *slot = std::sync::Mutex::new(words);
        }
        if i < self.cards.len() {
            self.cards[i] = self.make_card(i);
        }
        Some(i)
    }

    /// Document `i`'s Markdown body. One that cannot be read again is recorded for
    /// [`Shared::body_errors`] and reads as empty (the build then fails).
    pub fn body(&self, i: usize) -> std::borrow::Cow<'_, str> {
        self.site.docs[i].body_text().unwrap_or_else(|d| {
            if let Ok(mut errors) = self.body_errors.lock() {
                errors.push(d);
            }
            std::borrow::Cow::Borrowed("")
        })
    }

    /// Document `i`'s words for the search index: those counted when its body was read (each
    /// taken once), else counted now from the body read again.
    pub fn search_words(&self, i: usize) -> super::search::ArticleWords {
        let counted = self
            .search_words
            .get(i)
            .and_then(|slot| slot.lock().ok().and_then(|mut w| w.take()));
        counted.unwrap_or_else(|| {
            let text = self.body(i);
            super::search::article_words(&self.site, i, &markdown::events(&text), text.len())
        })
    }

    /// The variables every page shares, for [`super::Theme::render_with`].
    pub fn shared_vars(&self) -> &SharedVars {
        &self.shared_vars
    }

    /// The files next to documents that bodies link to (paths under `content/`), to copy
    /// into the output.
    pub fn media(&self) -> &BTreeSet<String> {
        &self.media
    }

    /// The bodies that could not be read again during rendering, each file once.
    pub fn body_errors(&self) -> Vec<crate::error::Diagnostic> {
        let mut errors = self
            .body_errors
            .lock()
            .map(|mut e| std::mem::take(&mut *e))
            .unwrap_or_default();
        errors.sort();
        errors.dedup();
        errors
    }

    /// A document's body as HTML, the first mention of each of its topics linked (with
    /// `prefix` before the links: the way from the page to the site root).
    fn body_html(&self, i: usize, prefix: &str) -> RenderedBody {
        self.body_html_of(i, &self.body(i), prefix)
    }

    /// [`Shared::body_html`] of `body`, document `i`'s body already read.
    fn body_html_of(&self, i: usize, body: &str, prefix: &str) -> RenderedBody {
        self.html_of_events(i, markdown::events(body), prefix)
    }

    /// [`Shared::body_html_of`], and with `search` the index's words of the body, from the
    /// same parse.
    fn body_html_and_words(
        &self,
        i: usize,
        body: &str,
        prefix: &str,
        search: bool,
    ) -> (RenderedBody, Option<super::search::ArticleWords>) {
        let events = markdown::events(body);
        let words =
            search.then(|| super::search::article_words(&self.site, i, &events, body.len()));
        (self.html_of_events(i, events, prefix), words)
    }

    /// The HTML of document `i`'s body parsed into `events`.
    fn html_of_events(&self, i: usize, events: Vec<Event<'_>>, prefix: &str) -> RenderedBody {
        let doc = &self.site.docs[i];
        let mut events = events;
        if let Some(links) = &self.doc_links {
            events = links.rewrite(events, &doc.rel_path, prefix);
        }
        match &self.mentions {
            Some(m) => {
                let view = m
                    .only(&self.site.grouping.doc_topics[i])
                    .with_href_prefix(prefix);
                markdown::to_html(link_first_mentions(events, &view))
            }
            None => markdown::to_html(events),
        }
    }

    /// A document as it appears in lists: watch mode's kept one, else made now. A one-off
    /// build keeps none: a card per document held for the whole render is hundreds of
    /// megabytes at 100,000 documents, and making one costs little more than copying it.
    pub(crate) fn card(&self, i: usize) -> Value {
        match self.cards.get(i) {
            Some(card) => card.clone(),
            None => self.make_card(i),
        }
    }

    fn make_card(&self, i: usize) -> Value {
        let site = &self.site;
        let doc = &site.docs[i];
        let lang = doc.lang(&self.ui.lang);
        // Lists show a few topics per entry: name, link and kind are enough there.
        let topics: Vec<Value> = site.grouping.doc_topics[i]
            .iter()
            .take(8)
            .map(|&t| self.topic_chips[t].clone())
            .collect();
        let story = self.doc_story[i].map(|s| self.story_values[s].clone());
        let [date, date_display, date_short, day_url] = self.card_dates(i);
        obj!({
            "title" => doc.title.clone(),
            "url" => self.card_url(i),
            "slug" => doc.slug.clone(),
            "date" => date,
            "datetime" => self.card_datetime(i),
            "date_display" => date_display,
            "date_short" => date_short,
            "day_url" => day_url,
            "source" => self.card_source(i),
            "authors": doc.front.authors,
            "summary" => self.card_summary(i),
            "kind" => doc.front.kind.clone().unwrap_or_else(|| "article".into()),
            "topics" => topics,
            "story" => story,
            "lang" => lang,
            "dir" => crate::lang::dir(lang),
            "image" => card_image(doc.front.image.as_deref()),
        })
    }

    // A card's fields one at a time, for pages that link to a document without listing it
    // (feeds, quotes, timelines): making the whole card for one field would cost ten times
    // as much.

    /// A card's `url`: the document's article page.
    fn card_url(&self, i: usize) -> String {
        self.links.href(&urls::article(&self.site.docs[i].slug))
    }

    /// A card's `source`: the outlet's name and page, or null.
    fn card_source(&self, i: usize) -> Value {
        self.site.doc_source[i]
            .and_then(|s| self.source_values.get(s))
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// A card's `date`, `date_display`, `date_short` and `day_url` (nulls when undated).
    fn card_dates(&self, i: usize) -> [Value; 4] {
        match self.site.days[i] {
            Some(d) => match self.day_values.get(&d) {
                Some(v) => v.clone(),
                None => [
                    Value::from(d.to_string()),
                    Value::from(self.ui.long(d)),
                    Value::from(self.ui.short(d)),
                    Value::from(self.links.href(&urls::day(d))),
                ],
            },
            None => [Value::Null, Value::Null, Value::Null, Value::Null],
        }
    }

    /// A card's `date_short`.
    fn card_date_short(&self, i: usize) -> Value {
        let [_, _, short, _] = self.card_dates(i);
        short
    }

    /// A card's `datetime`: the document's moment in RFC 3339.
    fn card_datetime(&self, i: usize) -> Option<String> {
        let site = &self.site;
        site.docs[i].date.map(|d| d.moment(site.tz).to_rfc3339())
    }

    /// A card's `summary`: the document's own, else the start of its lead.
    fn card_summary(&self, i: usize) -> String {
        self.site.docs[i]
            .front
            .summary
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| truncate(&self.bodies[i].lead, 280))
    }

    /// A page's context: the common variables ([`context::Common`]) and its own (`own`, a
    /// typed context from [`context`] as a value). The page's own `description` and `image` win over
    /// the site's.
    fn page(
        &self,
        folder_or_file: &str,
        template: &'static str,
        title: &str,
        own: Value,
    ) -> PageSpec {
        let file = page_file(folder_or_file);
        let root = urls::root_of(&file);
        let text = |k: &str| {
            own.get(k)
                .and_then(Value::as_str)
                .filter(|d| !d.trim().is_empty())
                .map(String::from)
        };
        let canonical = self.links.absolute(match file.strip_suffix("index.html") {
            Some(folder) => folder,
            None => &file,
        });
        let common = context::Common {
            site: self.shared_vars.get("site"),
            home: format!("{root}{}", self.links.href("")),
            root,
            page: context::PageInfo {
                title: title.to_string(),
                kind: template.trim_end_matches(".html").to_string(),
                path: file.clone(),
                canonical,
            },
            // Every page describes itself and has a picture for link previews: its own,
            // or the site's.
            description: text("description")
                .or_else(|| {
                    let site = self.site.config.description.trim();
                    (!site.is_empty()).then(|| truncate(site, 300))
                })
                .unwrap_or_else(|| self.title_line(title)),
            image: text("image").or_else(|| self.default_image.clone()),
            lang: self.ui.lang.clone(),
            dir: self.ui.dir,
            t: self.shared_vars.get("t"),
        };
        let mut context = to_value(&common);
        if let (Value::Object(ctx), Value::Object(own)) = (&mut context, own) {
            for (k, v) in own {
                if k != "description" && k != "image" {
                    ctx.insert(k, v);
                }
            }
        }
        PageSpec {
            path: file,
            template,
            context,
        }
    }

    /// A page's title with the site's, for a page with no description of its own on a site
    /// without one (an empty meta description helps no one).
    fn title_line(&self, title: &str) -> String {
        let site = &self.site.config.title;
        if title == site {
            site.clone()
        } else {
            format!("{title} · {site}")
        }
    }

    fn cards_of(&self, docs: &[usize]) -> Vec<Value> {
        docs.iter().map(|&i| self.card(i)).collect()
    }

    /// Documents grouped by day, in the order given (newest first).
    fn by_day(&self, docs: &[usize]) -> Vec<Value> {
        let mut groups: Vec<(Option<NaiveDate>, Vec<usize>)> = Vec::new();
        for &i in docs {
            let day = self.site.days[i];
            match groups.last_mut() {
                Some((d, list)) if *d == day => list.push(i),
                _ => groups.push((day, vec![i])),
            }
        }
        groups
            .into_iter()
            .map(|(day, list)| {
                // A day's strings were formatted once ([`Shared::day_values`]).
                let (date, display, url) = match day.and_then(|d| self.day_values.get(&d)) {
                    Some([date, long, _, url]) => (date.clone(), long.clone(), url.clone()),
                    None => (
                        obj!(@value : day.map(|d| d.to_string())),
                        Value::from(
                            day.map(|d| self.ui.long(d))
                                .unwrap_or_else(|| self.ui.get("undated").into()),
                        ),
                        Value::from(
                            day.map(|d| self.links.href(&urls::day(d)))
                                .unwrap_or_else(|| self.links.href(urls::UNDATED)),
                        ),
                    ),
                };
                obj!({
                    "date" => date,
                    "display" => display,
                    "url" => url,
                    "articles" => self.cards_of(&list),
                })
            })
            .collect()
    }

    /// The document a story is named after (the one whose title it took), else its first.
    fn lead_doc(&self, s: usize) -> usize {
        let st = &self.site.grouping.stories[s];
        st.docs
            .iter()
            .copied()
            .find(|&i| self.site.docs[i].title == st.title)
            .or_else(|| st.docs.first().copied())
            .unwrap_or_default()
    }

    /// A story's one- or two-sentence summary, for briefings and its page: the one place
    /// that chooses it.
    fn story_summary(&self, s: usize) -> String {
        // Grouping's extractive summary (the lead sentences the reports share most), else the
        // lead report's own summary.
        let story = &self.site.grouping.stories[s];
        if !story.summary.trim().is_empty() {
            return story.summary.clone();
        }
        let i = self.lead_doc(s);
        first_sentences(&self.card_summary(i), 320)
    }

    /// The outlets of `docs`, each once, in the order given; and how many have no outlet.
    fn outlets_of(&self, docs: &[usize]) -> (Vec<OutletLink>, usize) {
        let site = &self.site;
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut unnamed = 0;
        for &i in docs {
            match site.doc_source[i] {
                Some(x) => {
                    if seen.insert(x) {
                        let src = &site.sources[x];
                        out.push(OutletLink {
                            name: src.name.clone(),
                            url: self.links.href(&urls::source(&src.slug)),
                        });
                    }
                }
                None => unnamed += 1,
            }
        }
        (out, unnamed)
    }

    /// A document's time of day (`HH:MM`, site time zone), when its date has one.
    fn doc_time(&self, i: usize) -> Option<String> {
        match self.site.docs[i].date? {
            crate::content::DocDate::Day(_) => None,
            d => Some(
                d.moment(self.site.tz)
                    .with_timezone(&self.site.tz)
                    .format("%H:%M")
                    .to_string(),
            ),
        }
    }

    /// A story as one edition's briefing shows it; `day_docs` are its reports that day,
    /// newest first.
    fn story_brief(&self, s: usize, day: NaiveDate, day_docs: &[usize]) -> StoryBrief {
        let g = &self.site.grouping;
        let st = &g.stories[s];
        let (outlets, unnamed) = self.outlets_of(&st.docs);
        let topic = st
            .topics
            .first()
            .or_else(|| g.doc_topics[self.lead_doc(s)].first())
            .map(|&t| self.topic_values[t].clone());
        let latest = day_docs.first().copied();
        let entry = &self.story_values[s];
        StoryBrief {
            title: st.title.clone(),
            lang: entry["lang"].as_str().unwrap_or_default().to_string(),
            dir: entry["dir"].as_str().unwrap_or_default().to_string(),
            url: self.links.href(&urls::story(&st.slug)),
            summary: self.story_summary(s),
            outlets,
            unnamed_reports: unnamed,
            report_count: st.docs.len(),
            topic,
            time: latest.and_then(|i| self.doc_time(i)),
            datetime: latest.and_then(|i| self.card_datetime(i)),
            // Dates decide: a story first reported this day is new, one with earlier
            // reports gained new ones since the previous edition.
            status: if st.first_day >= day {
                "new"
            } else {
                "updated"
            },
            reports: self.cards_of(day_docs),
        }
    }

    /// One day's edition: its stories, the most widely covered first, then its other
    /// reports.
    fn edition(&self, day: NaiveDate, docs: &[usize]) -> Edition {
        let mut story_docs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut reports = Vec::new();
        for &i in docs {
            match self.doc_story[i] {
                Some(s) => story_docs.entry(s).or_default().push(i),
                None => reports.push(self.card(i)),
            }
        }
        let mut stories: Vec<StoryBrief> = story_docs
            .iter()
            .map(|(&s, list)| self.story_brief(s, day, list))
            .collect();
        stories.sort_by(|a, b| {
            (b.outlets.len(), b.report_count)
                .cmp(&(a.outlets.len(), a.report_count))
                .then(b.datetime.cmp(&a.datetime))
                .then(a.url.cmp(&b.url))
        });
        Edition {
            date: day.to_string(),
            display: self.ui.long(day),
            url: self.links.href(&urls::day(day)),
            count: docs.len(),
            stories,
            reports,
        }
    }

    fn home(&self) -> PageSpec {
        let site = &self.site;
        let g = &site.grouping;
        let window: Vec<(NaiveDate, &Vec<usize>)> = site
            .by_day
            .iter()
            .rev()
            .take(site.config.pagination.home_days.max(1))
            .map(|(d, docs)| (*d, docs))
            .collect();
        // Per topic: reports in the days shown, in the week up to the latest day, in the
        // week before.
        let mut counts: BTreeMap<usize, [usize; 3]> = BTreeMap::new();
        for (_, docs) in &window {
            for &i in docs.iter() {
                for &t in &g.doc_topics[i] {
                    counts.entry(t).or_default()[0] += 1;
                }
            }
        }
        if let Some(&(latest, _)) = window.first() {
            let week_start = latest - chrono::Days::new(6);
            let before_start = latest - chrono::Days::new(13);
            for (d, docs) in site.by_day.range(before_start..=latest) {
                let slot = if *d >= week_start { 1 } else { 2 };
                for &i in docs {
                    for &t in &g.doc_topics[i] {
                        if let Some(c) = counts.get_mut(&t) {
                            c[slot] += 1;
                        }
                    }
                }
            }
        }
        let mut top: Vec<(usize, [usize; 3])> = counts.into_iter().collect();
        // The week's count first (what the trend says), then the days shown.
        top.sort_by(|a, b| {
            (b.1[1], b.1[0])
                .cmp(&(a.1[1], a.1[0]))
                .then(g.topics[b.0].doc_count.cmp(&g.topics[a.0].doc_count))
                .then(g.topics[a.0].name.cmp(&g.topics[b.0].name))
        });
        let top_topics: Vec<home::TopicTrend> = top
            .iter()
            .take(10)
            .map(|&(t, [recent, this_week, last_week])| home::TopicTrend {
                topic: self.topic_values[t].clone(),
                recent,
                this_week,
                last_week,
                trend: match this_week {
                    0 => self.ui.get("trend_quiet").to_string(),
                    n => self.ui.fill("trend_up", Some(n as i64), &[]),
                },
            })
            .collect();
        let mut editions = window.iter().map(|(d, docs)| self.edition(*d, docs));
        let edition = editions.next();
        // A story is briefed once, on the newest day it has reports; a day left with
        // nothing new is not repeated.
        let mut shown: BTreeSet<String> = edition
            .iter()
            .flat_map(|e| e.stories.iter().map(|b| b.url.clone()))
            .collect();
        let earlier: Vec<Edition> = editions
            .filter_map(|mut e| {
                e.stories.retain(|b| shown.insert(b.url.clone()));
                (!e.stories.is_empty() || !e.reports.is_empty()).then_some(e)
            })
            .collect();
        let older_url = window
            .last()
            .and_then(|(d, _)| site.by_day.range(..*d).next_back())
            .map(|(d, _)| self.links.href(&urls::month(d.year(), d.month())));
        let context = home::HomePage {
            edition,
            earlier,
            top_topics,
            older_url,
            undated_count: site.undated.len(),
            article_count: site.docs.len(),
        };
        let title = site.config.title.clone();
        self.page("", "index.html", &title, to_value(&context))
    }

    /// A day's documents as a briefing: per topic, one entry per story (or lone article).
    fn day_sections(&self, day: NaiveDate, docs: &[usize]) -> Vec<Value> {
        let g = &self.site.grouping;
        // One entry per story on this day, or per article outside any story.
        let mut entries: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
        let mut story_entry: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in docs {
            match self.doc_story[i] {
                Some(s) => match story_entry.get(&s) {
                    Some(&e) => entries[e].1.push(i),
                    None => {
                        story_entry.insert(s, entries.len());
                        entries.push((Some(s), vec![i]));
                    }
                },
                None => entries.push((None, vec![i])),
            }
        }
        // Each entry goes under its story's main topic, else its first document's.
        let mut sections: Vec<(Option<usize>, Vec<Value>)> = Vec::new();
        for (story, list) in entries {
            let topic = story
                .and_then(|s| g.stories[s].main_topic)
                .or_else(|| g.doc_topics[list[0]].first().copied());
            // Each outlet once, even when it filed several reports that day.
            let (outlets, unnamed) = self.outlets_of(&list);
            let status = story.map(|s| {
                if g.stories[s].first_day >= day {
                    "new"
                } else {
                    "updated"
                }
            });
            let entry = obj!({
                "story" => story.map(|s| self.story_values[s].clone()),
                "articles" => self.cards_of(&list),
                "outlets": outlets,
                "unnamed": unnamed,
                "status": status,
            });
            match sections.iter_mut().find(|(t, _)| *t == topic) {
                Some((_, items)) => items.push(entry),
                None => sections.push((topic, vec![entry])),
            }
        }
        sections.sort_by(|a, b| match (a.0, b.0) {
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            _ => b.1.len().cmp(&a.1.len()),
        });
        sections
            .into_iter()
            .map(|(t, items)| {
                obj!({
                    "topic" => t.map(|t| self.topic_values[t].clone()),
                    "entries" => items,
                })
            })
            .collect()
    }

    /// The article page of document `i`.
    pub fn article(&self, i: usize) -> PageSpec {
        let site = &self.site;
        let doc = &site.docs[i];
        // A one-off build renders the body here and moves its HTML into the context; watch
        // mode keeps it and copies it.
        let mut fresh = (!self.keep_html).then(|| self.body_html(i, "../../"));
        let body = fresh.as_ref().unwrap_or(&self.bodies[i]);
        let words = body.words;
        let card = self.card(i);
        let folder = urls::article(&doc.slug);
        let canonical = self.links.absolute(&folder);
        // Neighbours in time among documents of the same kind (dated or undated).
        let pos = Some(self.chrono_pos[i]);
        let dated = doc.date.is_some();
        let neighbour = |p: Option<usize>| {
            p.and_then(|p| site.chrono.get(p))
                .filter(|&&j| site.docs[j].date.is_some() == dated)
                .map(|&j| self.card(j))
        };
        let newer = neighbour(pos.and_then(|p| p.checked_sub(1)));
        let older = neighbour(pos.map(|p| p + 1));
        let story = self.doc_story[i].map(|s| {
            let st = &site.grouping.stories[s];
            let others: Vec<usize> = st.docs.iter().copied().filter(|&j| j != i).collect();
            article::StoryCoverage {
                entry: self.story_values[s].clone(),
                others: self.cards_of(&others),
            }
        });
        // Related reading leaves out the story's own coverage: "Also covered by" lists it.
        let same_story: BTreeSet<usize> = self.doc_story[i]
            .map(|s| site.grouping.stories[s].docs.iter().copied().collect())
            .unwrap_or_default();
        let related_docs: Vec<usize> = site.grouping.related[i]
            .iter()
            .copied()
            .filter(|j| !same_story.contains(j))
            .collect();
        let related = self.cards_of(&related_docs);
        let image = doc
            .front
            .image
            .as_deref()
            .and_then(|img| absolute_image(&self.links, img))
            .or_else(|| self.default_image.clone());
        let summary = card["summary"].as_str().unwrap_or("").to_string();
        let authors: Vec<Value> = doc
            .front
            .authors
            .iter()
            .map(|a| obj!({"@type": "Person", "name": a}))
            .collect();
        let mut ld = obj!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": truncate(&doc.title, 110),
            "mainEntityOfPage": canonical,
            "url": canonical,
            "description": summary,
            "wordCount": words,
            "inLanguage": doc.lang(&self.ui.lang),
        });
        if let Some(d) = doc.date {
            ld["datePublished"] = json!(d.moment(site.tz).to_rfc3339());
        }
        if let Some(d) = doc.front.updated.or(doc.date) {
            ld["dateModified"] = json!(d.moment(site.tz).to_rfc3339());
        }
        if !authors.is_empty() {
            ld["author"] = json!(authors);
        }
        let publisher = if site.config.publisher.is_empty() {
            &site.config.title
        } else {
            &site.config.publisher
        };
        ld["publisher"] = obj!({"@type": "Organization", "name": publisher});
        if let Some(url) = doc
            .front
            .url
            .as_deref()
            .filter(|u| crate::content::is_web_url(u))
        {
            ld["isBasedOn"] = json!(url);
        }
        if let Some(image) = &image {
            ld["image"] = json!([image]);
        }
        // The standfirst is shown only when it is not simply the body's first paragraph (a
        // converted page's summary often is).
        let standfirst = doc
            .front
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty() && !repeats_lead(s, &body.lead))
            .map(String::from);
        let body_html = match fresh.take() {
            Some(b) => b.html,
            None => self.bodies[i].html.clone(),
        };
        let view = article::ArticleView {
            entry: card,
            body_html,
            standfirst,
            words,
            reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1),
            original_url: doc.front.url.clone(),
            updated: doc.front.updated.map(|d| d.day(site.tz).to_string()),
            updated_display: doc.front.updated.map(|d| self.ui.long(d.day(site.tz))),
            section: doc.front.section.clone(),
            date_source: doc.front.date_source,
            date_evidence: doc.front.date_evidence.clone(),
            date_note: date_note(&self.ui, doc.front.date_source),
            all_topics: site.grouping.doc_topics[i]
                .iter()
                .map(|&t| self.topic_values[t].clone())
                .collect(),
            extra: doc.front.extra.clone(),
        };
        let context = article::ArticlePage {
            article: view,
            newer,
            older,
            story,
            related,
            month_url: site.days[i].map(|d| self.links.href(&urls::month(d.year(), d.month()))),
            jsonld: script_json(&ld),
            description: truncate(&summary, 300),
            image,
        };
        let mut spec = self.page(&folder, "article.html", &doc.title, context.into_value());
        // The page is in the document's language; the interface around it keeps the site's.
        let lang = doc.lang(&self.ui.lang);
        spec.context["lang"] = json!(lang);
        spec.context["dir"] = json!(crate::lang::dir(lang));
        spec
    }

    /// A list split into pages of `per_page`; `make` builds one page's title and variables
    /// from its slice and its pager.
    fn paginate<'s>(
        &'s self,
        base: &str,
        items: &'s [usize],
        template: &'static str,
        make: impl Fn(&Shared, &[usize], Value) -> (String, Value) + Send + Sync + Clone + 's,
    ) -> Vec<Job<'s>> {
        let per = self.site.config.pagination.per_page.max(1);
        let total = items.len().div_ceil(per).max(1);
        (1..=total)
            .map(|number| {
                let base = base.to_string();
                let make = make.clone();
                Job::new(&urls::paged(&base, number), template, move |s| {
                    let start = ((number - 1) * per).min(items.len());
                    let chunk = &items[start..(start + per).min(items.len())];
                    let (title, extra) = make(s, chunk, s.pager(&base, number, total));
                    s.page(&urls::paged(&base, number), template, &title, extra)
                })
            })
            .collect()
    }

    fn pager(&self, base: &str, number: usize, total: usize) -> Value {
        obj!({
            "current": number,
            "total": total,
            "prev": (number > 1).then(|| self.links.href(&urls::paged(base, number - 1))),
            "next": (number < total).then(|| self.links.href(&urls::paged(base, number + 1))),
            // A window, not every page: a list of P pages would otherwise carry P² links.
            "pages": (1..=total)
                .filter(|&k| k == 1 || k == total || k.abs_diff(number) <= PAGER_WINDOW)
                .map(|k| obj!({"number": k, "url": self.links.href(&urls::paged(base, k))}))
                .collect::<Vec<_>>(),
        })
    }

    /// Topics with documents, the busiest first.
    fn topic_order(&self) -> Vec<usize> {
        let g = &self.site.grouping;
        let mut order: Vec<usize> = (0..g.topics.len())
            .filter(|&t| g.topics[t].doc_count > 0)
            .collect();
        order.sort_by(|&a, &b| {
            g.topics[b]
                .doc_count
                .cmp(&g.topics[a].doc_count)
                .then(g.topics[a].name.cmp(&g.topics[b].name))
        });
        order
    }

    fn topic_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let g = &site.grouping;
        let mut jobs = vec![Job::new(urls::TOPICS, "topics.html", |s| s.topics_index())];
        for t in self.topic_order() {
            let newest = g.topic_docs[t].iter().filter_map(|&i| site.days[i]).max();
            jobs.extend(
                self.paginate(
                    &urls::topic(&g.topics[t].slug),
                    &g.topic_docs[t],
                    "topic.html",
                    move |s, chunk, pager| s.topic_page(t, chunk, pager),
                )
                .into_iter()
                .map(|j| j.lastmod(newest)),
            );
        }
        jobs
    }

    fn topics_index(&self) -> PageSpec {
        let kinds = ["person", "place", "organisation", "theme"];
        let order = self.topic_order();
        let groups: Vec<topic::TopicGroup> = kinds
            .iter()
            .map(|&kind| topic::TopicGroup {
                kind,
                label: self.ui.get(&format!("group_{kind}")).to_string(),
                topics: order
                    .iter()
                    .filter(|&&t| self.topic_values[t]["kind"] == kind)
                    .map(|&t| self.topic_values[t].clone())
                    .collect(),
            })
            .filter(|g| !g.topics.is_empty())
            .collect();
        let context = topic::TopicsIndex { groups };
        self.page(
            urls::TOPICS,
            "topics.html",
            self.ui.get("topics_title"),
            to_value(&context),
        )
    }

    /// One page of a topic's list, with the topic's sidebar.
    fn topic_page(&self, t: usize, chunk: &[usize], pager: Value) -> (String, Value) {
        let g = &self.site.grouping;
        let topic = &self.topic_values[t];
        let related: Vec<Value> = g.topic_related[t]
            .iter()
            .map(|&r| self.topic_values[r].clone())
            .collect();
        // The sidebar lists are the same on every page of a topic: keep them short (newest
        // first), or a busy topic repeats thousands of entries per page.
        let stories: Vec<Value> = self.topic_stories[t]
            .iter()
            .rev()
            .take(TOPIC_SIDEBAR_ITEMS)
            .map(|&s| self.story_values[s].clone())
            .collect();
        let quotes: Vec<topic::TopicQuote> = g.topic_quotes[t]
            .iter()
            .take(TOPIC_SIDEBAR_ITEMS)
            .map(|&q| {
                let quote = &g.quotes[q];
                let url = self.card_url(quote.doc);
                topic::TopicQuote {
                    text: truncate(&quote.text, 400),
                    speaker: quote.speaker_name.clone(),
                    role: quote.role.clone(),
                    url: format!("{url}#p{}", quote.paragraph),
                    article: topic::QuotedArticle {
                        title: Value::from(self.site.docs[quote.doc].title.clone()),
                        url: Value::from(url),
                        source: self.card_source(quote.doc),
                        date_short: self.card_date_short(quote.doc),
                    },
                }
            })
            .collect();
        let context = topic::TopicPage {
            topic: topic.clone(),
            days: self.by_day(chunk),
            pagination: pager,
            related_topics: related,
            stories,
            quotes,
            description: truncate(topic["description"].as_str().unwrap_or(""), 300),
        };
        (g.topics[t].name.clone(), context.into_value())
    }

    fn archive_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let mut jobs: Vec<Job<'_>> = site
            .by_day
            .keys()
            .map(|&day| {
                Job::new(&urls::day(day), "day.html", move |s| s.day_page(day)).lastmod(Some(day))
            })
            .collect();
        jobs.extend(self.months.iter().map(|(&(y, m), days)| {
            Job::new(&urls::month(y, m), "month.html", move |s| {
                s.month_page(y, m)
            })
            .lastmod(days.last().copied())
        }));
        let years: BTreeSet<i32> = self.months.keys().map(|&(y, _)| y).collect();
        jobs.extend(years.into_iter().map(|y| {
            let newest = self.months.range((y, 0)..=(y, 12)).next_back();
            Job::new(&urls::year(y), "year.html", move |s| s.year_page(y))
                .lastmod(newest.and_then(|(_, days)| days.last().copied()))
        }));
        jobs.push(Job::new(urls::TIMELINE, "timeline.html", |s| s.timeline()));
        jobs.push(Job::new(urls::UNDATED, "undated.html", |s| {
            let context = archive::UndatedPage {
                articles: s.cards_of(&s.site.undated),
            };
            s.page(
                urls::UNDATED,
                "undated.html",
                s.ui.get("undated_title"),
                context.into_value(),
            )
        }));
        jobs
    }

    fn day_link(&self, d: NaiveDate) -> archive::DayLink {
        archive::DayLink {
            date: d.to_string(),
            display: self.ui.long(d),
            url: self.links.href(&urls::day(d)),
        }
    }

    fn day_page(&self, day: NaiveDate) -> PageSpec {
        let site = &self.site;
        let docs: &[usize] = site.by_day.get(&day).map(Vec::as_slice).unwrap_or(&[]);
        // Neighbours skip empty days: only days with documents are keys.
        let prev = site.by_day.range(..day).next_back().map(|(d, _)| *d);
        let next = day
            .succ_opt()
            .and_then(|n| site.by_day.range(n..).next())
            .map(|(d, _)| *d);
        let title = self.ui.long(day);
        let context = archive::DayPage {
            day: archive::DayInfo {
                date: day.to_string(),
                display: title.clone(),
            },
            prev_day: prev.map(|d| self.day_link(d)),
            next_day: next.map(|d| self.day_link(d)),
            month_url: self.links.href(&urls::month(day.year(), day.month())),
            month_name: self.ui.format(day, "%B"),
            year: day.year(),
            year_url: self.links.href(&urls::year(day.year())),
            edition: self.edition(day, docs),
            sections: self.day_sections(day, docs),
            articles: self.cards_of(docs),
            storylines: self.storylines_on(docs),
        };
        self.page(&urls::day(day), "day.html", &title, context.into_value())
    }

    fn month_title(&self, y: i32, m: u32) -> String {
        NaiveDate::from_ymd_opt(y, m, 1)
            .map(|d| self.ui.month(d))
            .unwrap_or_else(|| format!("{y}-{m:02}"))
    }

    fn month_link(&self, (y, m): (i32, u32)) -> archive::MonthLink {
        archive::MonthLink {
            display: self.month_title(y, m),
            url: self.links.href(&urls::month(y, m)),
        }
    }

    /// Months and years list their newest day first.
    fn month_page(&self, y: i32, m: u32) -> PageSpec {
        let site = &self.site;
        let mut docs: Vec<usize> = Vec::new();
        for d in self.months.get(&(y, m)).into_iter().flatten().rev() {
            docs.extend(&site.by_day[d]);
        }
        let prev = self.months.range(..(y, m)).next_back().map(|(k, _)| *k);
        let next = self
            .months
            .range((
                std::ops::Bound::Excluded((y, m)),
                std::ops::Bound::Unbounded,
            ))
            .next()
            .map(|(k, _)| *k);
        let title = self.month_title(y, m);
        let context = archive::MonthPage {
            month: archive::MonthInfo {
                display: title.clone(),
                year: y,
                number: m,
            },
            year_url: self.links.href(&urls::year(y)),
            days: self.by_day(&docs),
            prev_month: prev.map(|k| self.month_link(k)),
            next_month: next.map(|k| self.month_link(k)),
        };
        self.page(
            &urls::month(y, m),
            "month.html",
            &title,
            context.into_value(),
        )
    }

    fn year_summary(&self, y: i32) -> archive::YearSummary {
        let site = &self.site;
        let months: Vec<archive::MonthSummary> = self
            .months
            .range((y, 0)..=(y, 12))
            .rev()
            .map(|(&(y, m), days)| {
                let link = self.month_link((y, m));
                archive::MonthSummary {
                    display: link.display,
                    url: link.url,
                    count: days.iter().map(|d| site.by_day[d].len()).sum(),
                    days: days
                        .iter()
                        .rev()
                        .map(|d| archive::DaySummary {
                            date: d.to_string(),
                            display: self.ui.short(*d),
                            url: self.links.href(&urls::day(*d)),
                            count: site.by_day[d].len(),
                        })
                        .collect(),
                }
            })
            .collect();
        archive::YearSummary {
            year: y,
            url: self.links.href(&urls::year(y)),
            count: months.iter().map(|m| m.count).sum(),
            months,
        }
    }

    fn year_page(&self, y: i32) -> PageSpec {
        let prev = self.months.range(..(y, 0)).next_back().map(|(k, _)| k.0);
        let next = self.months.range((y + 1, 0)..).next().map(|(k, _)| k.0);
        let link = |y: i32| archive::YearLink {
            year: y,
            url: self.links.href(&urls::year(y)),
        };
        let context = archive::YearPage {
            year: self.year_summary(y),
            prev_year: prev.map(link),
            next_year: next.map(link),
        };
        self.page(
            &urls::year(y),
            "year.html",
            &y.to_string(),
            to_value(&context),
        )
    }

    fn timeline(&self) -> PageSpec {
        let years: BTreeSet<i32> = self.months.keys().map(|&(y, _)| y).collect();
        let context = archive::TimelinePage {
            years: years.iter().rev().map(|&y| self.year_summary(y)).collect(),
            undated_count: self.site.undated.len(),
            storylines: self.storyline_values(),
        };
        self.page(
            urls::TIMELINE,
            "timeline.html",
            self.ui.get("timeline_title"),
            to_value(&context),
        )
    }

    /// Sources with documents, by name.
    fn source_order(&self) -> Vec<usize> {
        let site = &self.site;
        let mut order: Vec<usize> = (0..site.sources.len())
            .filter(|&s| !site.sources[s].docs.is_empty())
            .collect();
        order.sort_by_cached_key(|&s| (site.sources[s].name.to_lowercase(), s));
        order
    }

    /// What a source page and the sources index say about an outlet.
    fn source_info(&self, src: usize) -> source::SourceInfo {
        let site = &self.site;
        let source = &site.sources[src];
        // site.yaml's word on an outlet wins over the built-in table's.
        let configured = site
            .config
            .sources
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(source.name.trim()));
        let about = outlets::about(&source.name);
        let country = configured
            .and_then(|c| c.country.clone())
            .or_else(|| about.map(|a| a.0.to_string()));
        let kind = configured
            .and_then(|c| c.kind.clone())
            .or_else(|| about.map(|a| a.1.to_string()));
        source::SourceInfo {
            name: source.name.clone(),
            url: self.links.href(&urls::source(&source.slug)),
            count: source.docs.len(),
            home: source.url.clone().filter(|u| crate::content::is_web_url(u)),
            country,
            kind,
            latest: source
                .docs
                .first()
                .and_then(|&i| site.days[i])
                .map(|d| self.ui.short(d)),
        }
    }

    /// An outlet's topics, the most reported first (its whole output, on every page).
    fn source_topics(&self, src: usize) -> Vec<Value> {
        match self.source_topics.get(src) {
            Some(cell) => cell.get_or_init(|| self.count_source_topics(src)).clone(),
            None => self.count_source_topics(src),
        }
    }

    fn count_source_topics(&self, src: usize) -> Vec<Value> {
        let g = &self.site.grouping;
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in &self.site.sources[src].docs {
            for &t in &g.doc_topics[i] {
                *counts.entry(t).or_default() += 1;
            }
        }
        let mut list: Vec<(usize, usize)> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list.into_iter()
            .take(TOPIC_SIDEBAR_ITEMS)
            .map(|(t, n)| {
                let mut v = self.topic_values[t].clone();
                v["count"] = json!(n);
                v
            })
            .collect()
    }

    fn source_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let mut jobs = vec![Job::new(urls::SOURCES, "sources.html", |s| {
            s.sources_index()
        })];
        for src in self.source_order() {
            let source = &site.sources[src];
            let newest = source.docs.first().and_then(|&i| site.days[i]);
            jobs.extend(
                self.paginate(
                    &urls::source(&source.slug),
                    &source.docs,
                    "source.html",
                    move |s, chunk, pager| {
                        let context = source::SourcePage {
                            source: s.source_info(src),
                            topics: s.source_topics(src),
                            days: s.by_day(chunk),
                            pagination: pager,
                        };
                        (s.site.sources[src].name.clone(), context.into_value())
                    },
                )
                .into_iter()
                .map(|j| j.lastmod(newest)),
            );
        }
        jobs
    }

    fn sources_index(&self) -> PageSpec {
        let context = source::SourcesIndex {
            sources: self
                .source_order()
                .iter()
                .map(|&s| self.source_info(s))
                .collect(),
        };
        self.page(
            urls::SOURCES,
            "sources.html",
            self.ui.get("sources_title"),
            to_value(&context),
        )
    }

    fn storyline_link(&self, l: &crate::corpus::Storyline) -> StorylineLink {
        StorylineLink {
            title: l.title.clone(),
            url: self.links.href(&urls::storyline(&l.slug)),
            count: l.stories.len(),
        }
    }

    fn storyline_values(&self) -> Vec<StorylineLink> {
        let g = &self.site.grouping;
        g.storylines
            .iter()
            .map(|l| self.storyline_link(l))
            .collect()
    }

    /// Storylines with a story on one of these days' documents.
    fn storylines_on(&self, docs: &[usize]) -> Vec<StorylineLink> {
        let g = &self.site.grouping;
        let stories: BTreeSet<usize> = docs.iter().filter_map(|&i| g.doc_story[i]).collect();
        g.storylines
            .iter()
            .filter(|l| l.stories.iter().any(|s| stories.contains(s)))
            .map(|l| self.storyline_link(l))
            .collect()
    }

    fn story_jobs(&self) -> Vec<Job<'_>> {
        let g = &self.site.grouping;
        let mut jobs = vec![Job::new(urls::STORIES, "stories.html", |s| {
            s.stories_index()
        })];
        jobs.extend(
            (0..g.stories.len())
                .filter(|&s| self.is_story[s])
                .map(|st| {
                    Job::new(&urls::story(&g.stories[st].slug), "story.html", move |s| {
                        s.story_page(st)
                    })
                    .lastmod(Some(g.stories[st].last_day))
                }),
        );
        jobs.extend((0..g.storylines.len()).map(|l| {
            Job::new(
                &urls::storyline(&g.storylines[l].slug),
                "storyline.html",
                move |s| s.storyline_page(l),
            )
        }));
        jobs
    }

    fn stories_index(&self) -> PageSpec {
        let g = &self.site.grouping;
        let mut order: Vec<usize> = (0..g.stories.len()).filter(|&s| self.is_story[s]).collect();
        order.sort_by(|&a, &b| {
            g.stories[b]
                .last_day
                .cmp(&g.stories[a].last_day)
                .then(g.stories[a].slug.cmp(&g.stories[b].slug))
        });
        let context = story::StoriesIndex {
            stories: order
                .iter()
                .map(|&s| self.story_values[s].clone())
                .collect(),
            storylines: self.storyline_values(),
        };
        self.page(
            urls::STORIES,
            "stories.html",
            self.ui.get("stories_title"),
            to_value(&context),
        )
    }

    fn story_page(&self, s: usize) -> PageSpec {
        let site = &self.site;
        let g = &site.grouping;
        let st = &g.stories[s];
        let (outlets, unnamed) = self.outlets_of(&st.docs);
        let source_name = |i: usize| site.doc_source[i].map(|x| site.sources[x].name.clone());
        // The timeline runs by the moment of publication (a bare day counts as its
        // midnight), undated reports last.
        let mut in_order = st.docs.clone();
        in_order.sort_by_key(|&i| {
            let moment = site.docs[i].date.map(|d| d.moment(site.tz));
            (moment.is_none(), moment, i)
        });
        let mut seen_outlets = BTreeSet::new();
        let timeline: Vec<story::TimelineEntry> = in_order
            .iter()
            .map(|&i| {
                let lang = site.docs[i].lang(&self.ui.lang);
                story::TimelineEntry {
                    title: site.docs[i].title.clone(),
                    url: self.card_url(i),
                    source: site.doc_source[i].map(|x| OutletLink {
                        name: site.sources[x].name.clone(),
                        url: self.links.href(&urls::source(&site.sources[x].slug)),
                    }),
                    date_short: self.card_date_short(i).as_str().map(String::from),
                    time: self.doc_time(i),
                    datetime: self.card_datetime(i),
                    summary: first_sentences(&self.card_summary(i), 240),
                    first_from_outlet: site.doc_source[i].is_none_or(|x| seen_outlets.insert(x)),
                    lang: lang.to_string(),
                    dir: crate::lang::dir(lang).to_string(),
                }
            })
            .collect();
        // Where the outlets' figures differ. A report without a known outlet stands alone.
        let labels: Vec<String> = st
            .docs
            .iter()
            .map(|&i| source_name(i).unwrap_or_else(|| format!("\u{0}{i}")))
            .collect();
        let bodies: Vec<std::borrow::Cow<'_, str>> =
            st.docs.iter().map(|&i| self.body(i)).collect();
        let reports: Vec<compare::Report<'_>> = st
            .docs
            .iter()
            .zip(&labels)
            .zip(&bodies)
            .map(|((&i, label), body)| compare::Report {
                doc: i,
                outlet: label,
                body,
            })
            .collect();
        let disagreements: Vec<story::Disagreement> = compare::disagreements(&reports)
            .into_iter()
            .map(|d| story::Disagreement {
                measure: d.measure.to_string(),
                figures: d
                    .figures
                    .into_iter()
                    .map(|f| story::FigureEntry {
                        outlet: source_name(f.doc),
                        phrase: f.phrase,
                        sentence: truncate(&f.sentence, 280),
                        url: format!("{}#p{}", self.card_url(f.doc), f.paragraph),
                        date_short: self.card_date_short(f.doc).as_str().map(String::from),
                    })
                    .collect(),
            })
            .collect();
        // Quotations, each once (the first report to print it keeps it).
        let mut seen_quotes = BTreeSet::new();
        let quotes: Vec<story::StoryQuote> = st
            .docs
            .iter()
            .flat_map(|&i| self.doc_quotes[i].iter().map(move |&q| (i, q)))
            .filter(|&(_, q)| seen_quotes.insert(loose(&g.quotes[q].text)))
            .take(TOPIC_SIDEBAR_ITEMS)
            .map(|(i, q)| {
                let quote = &g.quotes[q];
                story::StoryQuote {
                    text: truncate(&quote.text, 400),
                    speaker: quote.speaker_name.clone(),
                    role: quote.role.clone(),
                    outlet: source_name(i),
                    url: format!("{}#p{}", self.card_url(i), quote.paragraph),
                }
            })
            .collect();
        let storyline = g.story_storyline[s]
            .map(|l| &g.storylines[l])
            .map(|l| obj!({"title": l.title, "url": self.links.href(&urls::storyline(&l.slug))}));
        let topics: Vec<Value> = st
            .topics
            .iter()
            .map(|&t| self.topic_values[t].clone())
            .collect();
        let summary = self.story_summary(s);
        // The lead report's summary is the story's: not shown twice.
        let mut timeline = timeline;
        for e in &mut timeline {
            if repeats_lead(&e.summary, &summary) {
                e.summary.clear();
            }
        }
        let context = story::StoryPage {
            story: self.story_values[s].clone(),
            description: truncate(&summary, 300),
            summary,
            outlets,
            unnamed_reports: unnamed,
            timeline,
            disagreements,
            quotes,
            topics,
            storyline,
            articles: self.cards_of(&st.docs),
        };
        let mut value = context.into_value();
        let lead = self.lead_doc(s);
        value["image"] = json!(site.docs[lead]
            .front
            .image
            .as_deref()
            .and_then(|img| absolute_image(&self.links, img)));
        self.page(&urls::story(&st.slug), "story.html", &st.title, value)
    }

    fn storyline_page(&self, l: usize) -> PageSpec {
        let g = &self.site.grouping;
        let line = &g.storylines[l];
        let episodes: Vec<Value> = line
            .stories
            .iter()
            .map(|&s| {
                let mut v = self.story_values[s].clone();
                let docs = &g.stories[s].docs;
                // A one-document episode links to its article: it has no story page.
                if !self.is_story[s] {
                    if let Some(&d) = docs.first() {
                        v["url"] = Value::from(self.card_url(d));
                        v["title"] = Value::from(self.site.docs[d].title.clone());
                    }
                }
                v["articles"] = Value::from(self.cards_of(docs));
                v
            })
            .collect();
        let topics: Vec<Value> = line
            .topics
            .iter()
            .map(|&t| self.topic_values[t].clone())
            .collect();
        let context = story::StorylinePage {
            storyline: story::StorylineInfo {
                title: line.title.clone(),
                count: line.stories.len(),
            },
            episodes,
            topics,
        };
        self.page(
            &urls::storyline(&line.slug),
            "storyline.html",
            &line.title,
            to_value(&context),
        )
    }

    fn search_page(&self) -> PageSpec {
        self.page(
            urls::SEARCH,
            "search.html",
            self.ui.get("search_title"),
            to_value(&context::Search {
                // The page is search/index.html; its index files sit beside it.
                index_folder: "",
            }),
        )
    }

    fn not_found(&self) -> PageSpec {
        // Served for any missing path, at any depth: its links must be absolute.
        let mut spec = self.page(
            "404.html",
            "404.html",
            self.ui.get("not_found_title"),
            to_value(&context::NotFound {}),
        );
        let base = self.links.base_url.clone();
        spec.context["root"] = json!(base);
        spec.context["home"] = json!(format!("{base}{}", self.links.href("")));
        spec
    }

    /// The feed's author: the publisher, else the site's title.
    fn feed_author(&self) -> String {
        let config = &self.site.config;
        if config.publisher.is_empty() {
            config.title.clone()
        } else {
            config.publisher.clone()
        }
    }

    /// A feed page around its entries (newest first).
    fn feed_page(
        &self,
        path: &str,
        title: &str,
        alt: &str,
        entries: Vec<feed::FeedEntry>,
    ) -> PageSpec {
        let self_url = self.links.absolute(path);
        let context = feed::FeedPage {
            feed: feed::FeedInfo {
                title: title.to_string(),
                id: self_url.clone(),
                self_url,
                alternate_url: self.links.absolute(alt),
                updated: entries
                    .iter()
                    .map(|e| e.updated.clone())
                    .max()
                    .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into()),
                author: self.feed_author(),
            },
            entries,
        };
        self.page(path, "atom.xml", title, to_value(&context))
    }

    /// An Atom feed of `docs` (newest first). `full` puts each entry's whole body in the
    /// feed; topic feeds carry summaries only, since a large site has thousands of them.
    fn feed(&self, path: &str, title: &str, alt: &str, docs: &[usize], full: bool) -> PageSpec {
        let site = &self.site;
        let entries: Vec<feed::FeedEntry> = docs
            .iter()
            .filter_map(|&i| {
                let doc = &site.docs[i];
                let published = doc.date?.moment(site.tz).to_rfc3339();
                let updated = doc
                    .front
                    .updated
                    .map(|u| u.moment(site.tz).to_rfc3339())
                    .unwrap_or_else(|| published.clone());
                let url = self.links.absolute(&urls::article(&doc.slug));
                Some(feed::FeedEntry {
                    title: doc.title.clone(),
                    id: url.clone(),
                    url,
                    published,
                    updated,
                    authors: doc.front.authors.clone(),
                    summary: self.card_summary(i),
                    content: if full {
                        self.feed_bodies.get(&i).cloned()
                    } else {
                        None
                    },
                    topics: site.grouping.doc_topics[i]
                        .iter()
                        .map(|&t| site.grouping.topics[t].name.clone())
                        .collect(),
                    lang: doc.lang(&self.ui.lang).to_string(),
                })
            })
            .take(site.config.feed.size)
            .collect();
        self.feed_page(path, title, alt, entries)
    }

    /// The editions feed: one entry per day, its stories and reports as a list.
    fn editions_feed(&self) -> PageSpec {
        let site = &self.site;
        let entries: Vec<feed::FeedEntry> = site
            .by_day
            .iter()
            .rev()
            .take(site.config.feed.size)
            .map(|(&day, docs)| {
                let edition = self.edition(day, docs);
                let url = self.links.absolute(&urls::day(day));
                // The newest report's moment dates the edition.
                let updated = docs
                    .iter()
                    .filter_map(|&i| site.docs[i].date.map(|d| d.moment(site.tz)))
                    .max()
                    .map(|m| m.to_rfc3339())
                    .unwrap_or_default();
                let mut html = String::from("<ul>");
                let mut titles = Vec::new();
                for b in &edition.stories {
                    let outlets: Vec<&str> = b.outlets.iter().map(|o| o.name.as_str()).collect();
                    html.push_str(&format!(
                        "<li><a href=\"{}\">{}</a>: {}{}</li>",
                        escape_html(&self.links.absolute(b.url.trim_end_matches("index.html"))),
                        escape_html(&b.title),
                        escape_html(&b.summary),
                        if outlets.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", escape_html(&outlets.join(", ")))
                        }
                    ));
                    titles.push(b.title.clone());
                }
                for a in &edition.reports {
                    let title = a["title"].as_str().unwrap_or("");
                    let href = a["url"]
                        .as_str()
                        .unwrap_or("")
                        .trim_end_matches("index.html");
                    let source = a["source"]["name"].as_str();
                    html.push_str(&format!(
                        "<li><a href=\"{}\">{}</a>{}</li>",
                        escape_html(&self.links.absolute(href)),
                        escape_html(title),
                        source
                            .map(|s| format!(" ({})", escape_html(s)))
                            .unwrap_or_default()
                    ));
                    titles.push(title.to_string());
                }
                html.push_str("</ul>");
                feed::FeedEntry {
                    title: format!("{}: {}", edition.display, site.config.title),
                    id: url.clone(),
                    url,
                    published: updated.clone(),
                    updated,
                    authors: Vec::new(),
                    summary: truncate(&titles.join(" · "), 400),
                    content: Some(html),
                    topics: Vec::new(),
                    lang: self.ui.lang.clone(),
                }
            })
            .collect();
        let title = self
            .ui
            .fill("feed_editions_title", None, &[("site", &site.config.title)]);
        self.feed_page(urls::EDITIONS_FEED, &title, urls::TIMELINE, entries)
    }

    fn feed_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let mut jobs = vec![
            Job::new("atom.xml", "atom.xml", |s| {
                s.feed("atom.xml", &s.site.config.title, "", &s.site.chrono, true)
            }),
            Job::new(urls::EDITIONS_FEED, "atom.xml", |s| s.editions_feed()),
        ];
        if site.config.feed.per_topic {
            let g = &site.grouping;
            jobs.extend(
                (0..g.topics.len())
                    .filter(|&t| g.topics[t].doc_count > 0)
                    .map(|t| {
                        let base = urls::topic(&g.topics[t].slug);
                        let path = format!("{base}atom.xml");
                        Job::new(&path.clone(), "atom.xml", move |s| {
                            s.feed(
                                &path,
                                &format!("{}: {}", site.config.title, g.topics[t].name),
                                &base,
                                &g.topic_docs[t],
                                false,
                            )
                        })
                    }),
            );
        }
        jobs
    }

    /// One sitemap, or, past the format's 50,000 URLs, numbered parts and an index.
    fn sitemap_jobs<'s>(&'s self, jobs: &[Job<'s>]) -> Vec<Job<'s>> {
        // Every URL gets a date: its own content's, else the newest document's (lists and
        // indexes change whenever a document arrives).
        let mut entries: Vec<(String, Option<String>)> = jobs
            .iter()
            .filter(|j| j.path.ends_with("index.html"))
            .map(|j| {
                let folder = &j.path[..j.path.len() - "index.html".len()];
                let day = j.lastmod.or(self.newest_day);
                (self.links.absolute(folder), day.map(|d| d.to_string()))
            })
            .collect();
        entries.sort();
        let entries: std::sync::Arc<[(String, Option<String>)]> = entries.into();
        let part = move |s: &Shared, path: &str, range: std::ops::Range<usize>| {
            let context = feed::SitemapPage {
                entries: entries[range]
                    .iter()
                    .map(|(loc, lastmod)| feed::SitemapEntry {
                        loc: loc.clone(),
                        lastmod: lastmod.clone(),
                    })
                    .collect(),
            };
            s.page(path, "sitemap.xml", "Sitemap", to_value(&context))
        };
        let total = {
            let jobs_with_pages = jobs.iter().filter(|j| j.path.ends_with("index.html"));
            jobs_with_pages.count()
        };
        if total <= SITEMAP_MAX_URLS {
            return vec![Job::new("sitemap.xml", "sitemap.xml", move |s| {
                part(s, "sitemap.xml", 0..total)
            })];
        }
        let parts = total.div_ceil(SITEMAP_MAX_URLS);
        let mut out: Vec<Job<'s>> = (0..parts)
            .map(|n| {
                let part = part.clone();
                let path = format!("sitemap-{}.xml", n + 1);
                let range = n * SITEMAP_MAX_URLS..((n + 1) * SITEMAP_MAX_URLS).min(total);
                Job::new(&path.clone(), "sitemap.xml", move |s| {
                    part(s, &path, range.clone())
                })
            })
            .collect();
        out.push(Job::new("sitemap.xml", "sitemap_index.xml", move |s| {
            let context = feed::SitemapIndex {
                sitemaps: (1..=parts)
                    .map(|n| feed::SitemapRef {
                        loc: s.links.absolute(&format!("sitemap-{n}.xml")),
                    })
                    .collect(),
            };
            s.page(
                "sitemap.xml",
                "sitemap_index.xml",
                "Sitemap",
                to_value(&context),
            )
        }));
        out
    }

    fn robots(&self) -> PageSpec {
        self.page(
            "robots.txt",
            "robots.txt",
            "robots.txt",
            to_value(&feed::Robots {
                sitemap_url: self.links.absolute("sitemap.xml"),
            }),
        )
    }
}
