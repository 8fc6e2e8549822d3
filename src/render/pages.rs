//! Every page's context. The variables are documented in docs/templates.md; keep the two in
//! step.
//!
//! Links inside contexts are relative to the site root (`articles/x/index.html`); templates
//! prefix them with `root`, the way back from the page to the site root.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::markdown::{self, RenderedBody};
use super::urls::{self, Links};
use super::{Page, PageSpec};
use crate::corpus::{link_first_mentions, MentionTargets};
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
    site_value: Value,
    bodies: Vec<RenderedBody>,
    cards: Vec<Value>,
    topic_values: Vec<Value>,
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
}

/// A page to make. Its path and template are known when the site is planned (the sitemap
/// lists the paths); its context is built only when the page is rendered and is dropped with
/// it, so a build holds the contexts of the pages in flight, not of the whole site.
pub struct Job<'a> {
    pub path: String,
    pub template: &'static str,
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
            make: Box::new(make),
        }
    }

    /// The page's template and context.
    pub fn spec(&self, shared: &Shared) -> PageSpec {
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
        Job::new(
            &urls::article(&site.docs[i].slug),
            "article.html",
            move |s| s.article(i),
        )
    }));
    jobs.extend(shared.topic_jobs());
    jobs.extend(shared.archive_jobs());
    jobs.extend(shared.source_jobs());
    jobs.extend(shared.story_jobs());
    jobs.extend(quotes::jobs(shared));
    jobs.push(Job::new("404.html", "404.html", |s| s.not_found()));
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

fn format_day(day: NaiveDate, pattern: &str) -> String {
    day.format(pattern).to_string()
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
        let config = &site.config;
        let links = Links {
            index_html: config.link_index_html,
            base_url: config.base_url(),
        };
        let site_value = obj!({
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "publisher": config.publisher,
            "base_url": links.base_url,
            "extra": config.extra,
            "feed_url": "atom.xml",
            "topics_url": links.href(urls::TOPICS),
            "sources_url": links.href(urls::SOURCES),
            "stories_url": links.href(urls::STORIES),
            "timeline_url": links.href(urls::TIMELINE),
            "undated_url": links.href(urls::UNDATED),
            "has_stories": site.grouping.stories.iter().any(|s| s.docs.len() >= 2),
            "has_undated": !site.undated.is_empty(),
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
                obj!({
                    "title": s.title,
                    "slug": s.slug,
                    "url": links.href(&urls::story(&s.slug)),
                    "count": s.docs.len(),
                    "first_day": s.first_day.to_string(),
                    "last_day": s.last_day.to_string(),
                    "first_display": format_day(s.first_day, &config.date_format.short),
                    "last_display": format_day(s.last_day, &config.date_format.short),
                })
            })
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
        let mut shared = Shared {
            links,
            site_value,
            bodies: Vec::new(),
            cards: Vec::new(),
            topic_values,
            story_values,
            topic_stories,
            is_story,
            doc_story,
            chrono_pos,
            feed_bodies: BTreeMap::new(),
            months,
            mentions,
            site,
        };
        // Article pages sit two folders deep.
        shared.bodies = (0..shared.site.docs.len())
            .into_par_iter()
            .map(|i| shared.body_html(i, "../../"))
            .collect();
        // Feeds are read away from the site: their copies link with absolute addresses.
        shared.feed_bodies = feed_documents(&shared.site)
            .into_par_iter()
            .map(|i| (i, shared.body_html(i, &shared.links.base_url).html))
            .collect();
        shared.cards = (0..shared.site.docs.len())
            .into_par_iter()
            .map(|i| shared.card(i))
            .collect();
        shared
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
        self.bodies[i] = self.body_html(i, "../../");
        self.cards[i] = self.card(i);
        Some(i)
    }

    /// A document's body as HTML, the first mention of each of its topics linked (with
    /// `prefix` before the links: the way from the page to the site root).
    fn body_html(&self, i: usize, prefix: &str) -> RenderedBody {
        let events = markdown::events(&self.site.docs[i].body);
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

    /// A document as it appears in lists.
    fn card(&self, i: usize) -> Value {
        let site = &self.site;
        let doc = &site.docs[i];
        let fmt = &site.config.date_format;
        let day = site.days[i];
        let summary = doc
            .front
            .summary
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| truncate(&self.bodies[i].lead, 280));
        let source = site.doc_source[i].map(|s| {
            let src = &site.sources[s];
            obj!({"name": src.name, "url": self.links.href(&urls::source(&src.slug))})
        });
        // Lists show a few topics per entry: name, link and kind are enough there.
        let topics: Vec<Value> = site.grouping.doc_topics[i]
            .iter()
            .take(8)
            .map(|&t| {
                let v = &self.topic_values[t];
                obj!({"name": v["name"], "url": v["url"], "kind": v["kind"]})
            })
            .collect();
        let story = self.doc_story[i].map(|s| self.story_values[s].clone());
        obj!({
            "title": doc.title,
            "url": self.links.href(&urls::article(&doc.slug)),
            "slug": doc.slug,
            "date": day.map(|d| d.to_string()),
            "datetime": doc.date.map(|d| d.moment(site.tz).to_rfc3339()),
            "date_display": day.map(|d| format_day(d, &fmt.long)),
            "date_short": day.map(|d| format_day(d, &fmt.short)),
            "day_url": day.map(|d| self.links.href(&urls::day(d))),
            "source" => source,
            "authors": doc.front.authors,
            "summary": summary,
            "kind": doc.front.kind.clone().unwrap_or_else(|| "article".into()),
            "topics" => topics,
            "story" => story,
        })
    }

    /// The context every page has; `extra` adds the page's own variables.
    fn page(
        &self,
        folder_or_file: &str,
        template: &'static str,
        title: &str,
        extra: Value,
    ) -> PageSpec {
        let file = page_file(folder_or_file);
        let root = urls::root_of(&file);
        let mut ctx = Map::new();
        ctx.insert("site".into(), self.site_value.clone());
        ctx.insert("root".into(), Value::String(root.clone()));
        ctx.insert(
            "home".into(),
            Value::String(format!("{root}{}", self.links.href(""))),
        );
        ctx.insert(
            "page".into(),
            obj!({
                "title": title,
                "kind": template.trim_end_matches(".html"),
                "path": file,
                "canonical": self.links.absolute(if file.ends_with("index.html") { &file[..file.len() - 10] } else { &file }),
            }),
        );
        if let Value::Object(extra) = extra {
            ctx.extend(extra);
        }
        PageSpec {
            path: file,
            template,
            context: Value::Object(ctx),
        }
    }

    fn cards_of(&self, docs: &[usize]) -> Vec<Value> {
        docs.iter().map(|&i| self.cards[i].clone()).collect()
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
        let fmt = &self.site.config.date_format;
        groups
            .into_iter()
            .map(|(day, list)| {
                obj!({
                    "date": day.map(|d| d.to_string()),
                    "display": day.map(|d| format_day(d, &fmt.long)).unwrap_or_else(|| "Undated".into()),
                    "url": day.map(|d| self.links.href(&urls::day(d))).unwrap_or_else(|| self.links.href(urls::UNDATED)),
                    "articles" => self.cards_of(&list),
                })
            })
            .collect()
    }

    fn home(&self) -> PageSpec {
        let site = &self.site;
        let window: Vec<(&NaiveDate, &Vec<usize>)> = site
            .by_day
            .iter()
            .rev()
            .take(site.config.pagination.home_days)
            .collect();
        let fmt = &site.config.date_format;
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut stories = BTreeSet::new();
        for (_, docs) in &window {
            for &i in docs.iter() {
                for &t in &site.grouping.doc_topics[i] {
                    *counts.entry(t).or_default() += 1;
                }
                if let Some(s) = self.doc_story[i] {
                    stories.insert(s);
                }
            }
        }
        let mut top: Vec<(usize, usize)> = counts.into_iter().collect();
        let g = &site.grouping;
        top.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(g.topics[b.0].doc_count.cmp(&g.topics[a.0].doc_count))
                .then(g.topics[a.0].name.cmp(&g.topics[b.0].name))
        });
        let top_topics: Vec<Value> = top
            .iter()
            .take(12)
            .map(|&(t, n)| {
                let mut v = self.topic_values[t].clone();
                v["recent"] = json!(n);
                v
            })
            .collect();
        let days: Vec<Value> = window
            .iter()
            .map(|(day, docs)| {
                obj!({
                    "date": day.to_string(),
                    "display": format_day(**day, &fmt.long),
                    "url": self.links.href(&urls::day(**day)),
                    "sections" => self.day_sections(docs),
                    "count": docs.len(),
                })
            })
            .collect();
        let older = window
            .last()
            .and_then(|(d, _)| site.by_day.range(..**d).next_back())
            .map(|(d, _)| self.links.href(&urls::month(d.year(), d.month())));
        let title = site.config.title.clone();
        self.page(
            "",
            "index.html",
            &title,
            obj!({
                "days" => days,
                "top_topics" => top_topics,
                "stories": stories.iter().map(|&s| self.story_values[s].clone()).collect::<Vec<_>>(),
                "older_url": older,
                "undated_count": site.undated.len(),
                "article_count": site.docs.len(),
            }),
        )
    }

    /// A day's documents as a briefing: per topic, one entry per story (or lone article).
    fn day_sections(&self, docs: &[usize]) -> Vec<Value> {
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
        // Each entry goes under its story's main topic, else its document's first topic.
        let mut sections: Vec<(Option<usize>, Vec<Value>)> = Vec::new();
        for (story, list) in entries {
            let topic = story
                .and_then(|s| g.stories[s].main_topic)
                .or_else(|| g.doc_topics[list[0]].first().copied());
            let sources: Vec<Value> = list
                .iter()
                .filter_map(|&i| self.cards[i].get("source").cloned())
                .filter(|s| !s.is_null())
                .collect();
            let entry = obj!({
                "story" => story.map(|s| self.story_values[s].clone()),
                "articles" => self.cards_of(&list),
                "sources" => sources,
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
        let body = &self.bodies[i];
        let card = &self.cards[i];
        let folder = urls::article(&doc.slug);
        let canonical = self.links.absolute(&folder);
        // Neighbours in time among documents of the same kind (dated or undated).
        let pos = Some(self.chrono_pos[i]);
        let dated = doc.date.is_some();
        let neighbour = |p: Option<usize>| {
            p.and_then(|p| site.chrono.get(p))
                .filter(|&&j| site.docs[j].date.is_some() == dated)
                .map(|&j| self.cards[j].clone())
        };
        let newer = neighbour(pos.and_then(|p| p.checked_sub(1)));
        let older = neighbour(pos.map(|p| p + 1));
        let story = self.doc_story[i].map(|s| {
            let st = &site.grouping.stories[s];
            let others: Vec<usize> = st.docs.iter().copied().filter(|&j| j != i).collect();
            let mut v = self.story_values[s].clone();
            v["others"] = json!(self.cards_of(&others));
            v
        });
        let related = self.cards_of(&site.grouping.related[i]);
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
            "wordCount": body.words,
            "inLanguage": site.config.language,
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
        if let Some(url) = &doc.front.url {
            ld["isBasedOn"] = json!(url);
        }
        let mut article = card.clone();
        article["body_html"] = json!(body.html);
        // The standfirst is shown only when it is not simply the body's first paragraph.
        article["standfirst"] = json!(doc
            .front
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()));
        article["words"] = json!(body.words);
        article["reading_minutes"] = json!(body.words.div_ceil(WORDS_PER_MINUTE).max(1));
        article["original_url"] = json!(doc.front.url);
        article["updated"] = json!(doc.front.updated.map(|d| d.day(site.tz).to_string()));
        article["updated_display"] = json!(doc
            .front
            .updated
            .map(|d| format_day(d.day(site.tz), &site.config.date_format.long)));
        article["section"] = json!(doc.front.section);
        article["date_source"] = json!(doc.front.date_source);
        article["date_evidence"] = json!(doc.front.date_evidence);
        article["all_topics"] = json!(site.grouping.doc_topics[i]
            .iter()
            .map(|&t| self.topic_values[t].clone())
            .collect::<Vec<_>>());
        article["extra"] = json!(doc.front.extra);
        let month_url = site.days[i].map(|d| self.links.href(&urls::month(d.year(), d.month())));
        self.page(
            &folder,
            "article.html",
            &doc.title,
            obj!({
                "article" => article,
                "newer" => newer,
                "older" => older,
                "story" => story,
                "related" => related,
                "month_url": month_url,
                "jsonld": script_json(&ld),
                "description": truncate(&summary, 300),
            }),
        )
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
            jobs.extend(self.paginate(
                &urls::topic(&g.topics[t].slug),
                &g.topic_docs[t],
                "topic.html",
                move |s, chunk, pager| s.topic_page(t, chunk, pager),
            ));
        }
        jobs
    }

    fn topics_index(&self) -> PageSpec {
        let kinds = [
            ("person", "People"),
            ("place", "Places"),
            ("organisation", "Organisations"),
            ("theme", "Themes"),
        ];
        let order = self.topic_order();
        let groups: Vec<Value> = kinds
            .iter()
            .map(|(kind, label)| {
                let list: Vec<Value> = order
                    .iter()
                    .filter(|&&t| self.topic_values[t]["kind"] == *kind)
                    .map(|&t| self.topic_values[t].clone())
                    .collect();
                obj!({"kind": kind, "label": label, "topics": list})
            })
            .filter(|v| v["topics"].as_array().is_some_and(|a| !a.is_empty()))
            .collect();
        self.page(
            urls::TOPICS,
            "topics.html",
            "Topics",
            obj!({"groups": groups}),
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
        let quotes: Vec<Value> = g.topic_quotes[t]
            .iter()
            .take(TOPIC_SIDEBAR_ITEMS)
            .map(|&q| {
                let quote = &g.quotes[q];
                let doc = &self.cards[quote.doc];
                obj!({
                    "text": truncate(&quote.text, 400),
                    "speaker": quote.speaker_name,
                    "role": quote.role,
                    "article" => obj!({
                        "title": doc["title"],
                        "url": doc["url"],
                        "source": doc["source"],
                        "date_short": doc["date_short"],
                    }),
                    "url": format!("{}#p{}", doc["url"].as_str().unwrap_or(""), quote.paragraph),
                })
            })
            .collect();
        (
            g.topics[t].name.clone(),
            obj!({
                "topic" => topic.clone(),
                "days" => self.by_day(chunk),
                "pagination" => pager,
                "related_topics" => related,
                "stories" => stories,
                "quotes" => quotes,
                "description": truncate(topic["description"].as_str().unwrap_or(""), 300),
            }),
        )
    }

    fn archive_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let mut jobs: Vec<Job<'_>> = site
            .by_day
            .keys()
            .map(|&day| Job::new(&urls::day(day), "day.html", move |s| s.day_page(day)))
            .collect();
        jobs.extend(self.months.keys().map(|&(y, m)| {
            Job::new(&urls::month(y, m), "month.html", move |s| {
                s.month_page(y, m)
            })
        }));
        let years: BTreeSet<i32> = self.months.keys().map(|&(y, _)| y).collect();
        jobs.extend(
            years
                .into_iter()
                .map(|y| Job::new(&urls::year(y), "year.html", move |s| s.year_page(y))),
        );
        jobs.push(Job::new(urls::TIMELINE, "timeline.html", |s| s.timeline()));
        jobs.push(Job::new(urls::UNDATED, "undated.html", |s| {
            s.page(
                urls::UNDATED,
                "undated.html",
                "Undated",
                obj!({"articles" => s.cards_of(&s.site.undated)}),
            )
        }));
        jobs
    }

    fn day_link(&self, d: NaiveDate) -> Value {
        let fmt = &self.site.config.date_format;
        obj!({"date": d.to_string(), "display": format_day(d, &fmt.long), "url": self.links.href(&urls::day(d))})
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
        let title = format_day(day, &site.config.date_format.long);
        self.page(
            &urls::day(day),
            "day.html",
            &title,
            obj!({
                "day" => obj!({"date": day.to_string(), "display": title}),
                "prev_day" => prev.map(|d| self.day_link(d)),
                "next_day" => next.map(|d| self.day_link(d)),
                "month_url": self.links.href(&urls::month(day.year(), day.month())),
                "year_url": self.links.href(&urls::year(day.year())),
                "sections" => self.day_sections(docs),
                "articles" => self.cards_of(docs),
                "storylines" => self.storylines_on(docs),
            }),
        )
    }

    fn month_title(&self, y: i32, m: u32) -> String {
        NaiveDate::from_ymd_opt(y, m, 1)
            .map(|d| format_day(d, &self.site.config.date_format.month))
            .unwrap_or_else(|| format!("{y}-{m:02}"))
    }

    fn month_link(&self, (y, m): (i32, u32)) -> Value {
        obj!({"display": self.month_title(y, m), "url": self.links.href(&urls::month(y, m))})
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
        self.page(
            &urls::month(y, m),
            "month.html",
            &title,
            obj!({
                "month" => obj!({"display": title, "year": y, "number": m}),
                "year_url": self.links.href(&urls::year(y)),
                "days" => self.by_day(&docs),
                "prev_month": prev.map(|k| self.month_link(k)),
                "next_month": next.map(|k| self.month_link(k)),
            }),
        )
    }

    fn year_value(&self, y: i32) -> Value {
        let site = &self.site;
        let fmt = &site.config.date_format;
        let mut total = 0;
        let months: Vec<Value> = self
            .months
            .range((y, 0)..=(y, 12))
            .rev()
            .map(|(&(y, m), days)| {
                let count: usize = days.iter().map(|d| site.by_day[d].len()).sum();
                total += count;
                let mut v = self.month_link((y, m));
                v["count"] = json!(count);
                let day_list: Vec<Value> = days
                    .iter()
                    .rev()
                    .map(|d| {
                        obj!({
                            "date": d.to_string(),
                            "display": format_day(*d, &fmt.short),
                            "url": self.links.href(&urls::day(*d)),
                            "count": site.by_day[d].len(),
                        })
                    })
                    .collect();
                v["days"] = json!(day_list);
                v
            })
            .collect();
        obj!({
            "year": y,
            "url": self.links.href(&urls::year(y)),
            "count": total,
            "months" => months,
        })
    }

    fn year_page(&self, y: i32) -> PageSpec {
        let prev = self.months.range(..(y, 0)).next_back().map(|(k, _)| k.0);
        let next = self.months.range((y + 1, 0)..).next().map(|(k, _)| k.0);
        let link = |y: i32| obj!({"year": y, "url": self.links.href(&urls::year(y))});
        self.page(
            &urls::year(y),
            "year.html",
            &y.to_string(),
            obj!({
                "year" => self.year_value(y),
                "prev_year" => prev.map(link),
                "next_year" => next.map(link),
            }),
        )
    }

    fn timeline(&self) -> PageSpec {
        let years: BTreeSet<i32> = self.months.keys().map(|&(y, _)| y).collect();
        let timeline: Vec<Value> = years.iter().rev().map(|&y| self.year_value(y)).collect();
        self.page(
            urls::TIMELINE,
            "timeline.html",
            "Timeline",
            obj!({
                "years" => timeline,
                "undated_count": self.site.undated.len(),
                "storylines" => self.storyline_values(),
            }),
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

    fn source_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let mut jobs = vec![Job::new(urls::SOURCES, "sources.html", |s| {
            s.sources_index()
        })];
        for src in self.source_order() {
            let source = &site.sources[src];
            jobs.extend(self.paginate(
                &urls::source(&source.slug),
                &source.docs,
                "source.html",
                move |s, chunk, pager| {
                    let source = &s.site.sources[src];
                    let value = obj!({"name": source.name, "count": source.docs.len(), "home": source.url.as_deref().filter(|u| crate::content::is_web_url(u))});
                    (
                        source.name.clone(),
                        obj!({"source" => value, "days" => s.by_day(chunk), "pagination" => pager}),
                    )
                },
            ));
        }
        jobs
    }

    fn sources_index(&self) -> PageSpec {
        let site = &self.site;
        let list: Vec<Value> = self
            .source_order()
            .iter()
            .map(|&s| {
                let src = &site.sources[s];
                obj!({"name": src.name, "url": self.links.href(&urls::source(&src.slug)), "count": src.docs.len(), "home": src.url})
            })
            .collect();
        self.page(
            urls::SOURCES,
            "sources.html",
            "Sources",
            obj!({"sources": list}),
        )
    }

    fn storyline_values(&self) -> Vec<Value> {
        let g = &self.site.grouping;
        g.storylines
            .iter()
            .map(|l| {
                obj!({
                    "title": l.title,
                    "url": self.links.href(&urls::storyline(&l.slug)),
                    "count": l.stories.len(),
                })
            })
            .collect()
    }

    /// Storylines with a story on one of these days' documents.
    fn storylines_on(&self, docs: &[usize]) -> Vec<Value> {
        let g = &self.site.grouping;
        let stories: BTreeSet<usize> = docs.iter().filter_map(|&i| g.doc_story[i]).collect();
        g.storylines
            .iter()
            .filter(|l| l.stories.iter().any(|s| stories.contains(s)))
            .map(|l| obj!({"title": l.title, "url": self.links.href(&urls::storyline(&l.slug)), "count": l.stories.len()}))
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
        let list: Vec<Value> = order
            .iter()
            .map(|&s| self.story_values[s].clone())
            .collect();
        self.page(
            urls::STORIES,
            "stories.html",
            "Stories",
            obj!({"stories" => list, "storylines" => self.storyline_values()}),
        )
    }

    fn story_page(&self, s: usize) -> PageSpec {
        let site = &self.site;
        let g = &site.grouping;
        let story = &g.stories[s];
        // Coverage grouped by source, each source's documents by date.
        let mut by_source: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in &story.docs {
            let name = site.doc_source[i]
                .map(|x| site.sources[x].name.clone())
                .unwrap_or_default();
            by_source.entry(name).or_default().push(i);
        }
        let coverage: Vec<Value> = by_source
            .into_iter()
            .map(|(name, docs)| obj!({"source": if name.is_empty() { Value::Null } else { json!(name) }, "articles" => self.cards_of(&docs)}))
            .collect();
        let storyline = g.story_storyline[s]
            .map(|l| &g.storylines[l])
            .map(|l| obj!({"title": l.title, "url": self.links.href(&urls::storyline(&l.slug))}));
        let topics: Vec<Value> = story
            .topics
            .iter()
            .map(|&t| self.topic_values[t].clone())
            .collect();
        self.page(
            &urls::story(&story.slug),
            "story.html",
            &story.title,
            obj!({
                "story": self.story_values[s],
                "articles" => self.cards_of(&story.docs),
                "coverage" => coverage,
                "topics" => topics,
                "storyline": storyline,
            }),
        )
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
                        v["url"] = self.cards[d]["url"].clone();
                        v["title"] = self.cards[d]["title"].clone();
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
        self.page(
            &urls::storyline(&line.slug),
            "storyline.html",
            &line.title,
            obj!({
                "storyline" => obj!({"title": line.title, "count": line.stories.len()}),
                "episodes": episodes,
                "topics": topics,
            }),
        )
    }

    fn not_found(&self) -> PageSpec {
        // Served for any missing path, at any depth: its links must be absolute.
        let mut spec = self.page("404.html", "404.html", "Page not found", obj!({}));
        let base = self.links.base_url.clone();
        spec.context["root"] = json!(base);
        spec.context["home"] = json!(format!("{base}{}", self.links.href("")));
        spec
    }

    /// An Atom feed of `docs` (newest first). `full` puts each entry's whole body in the
    /// feed; topic feeds carry summaries only, since a large site has thousands of them.
    fn feed(&self, path: &str, title: &str, alt: &str, docs: &[usize], full: bool) -> PageSpec {
        let site = &self.site;
        let entries: Vec<(usize, String, String)> = docs
            .iter()
            .filter_map(|&i| {
                let d = site.docs[i].date?;
                let published = d.moment(site.tz).to_rfc3339();
                let updated = site.docs[i]
                    .front
                    .updated
                    .map(|u| u.moment(site.tz).to_rfc3339())
                    .unwrap_or_else(|| published.clone());
                Some((i, published, updated))
            })
            .take(site.config.feed.size)
            .collect();
        let updated = entries
            .iter()
            .map(|e| e.2.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
        let author = if site.config.publisher.is_empty() {
            site.config.title.clone()
        } else {
            site.config.publisher.clone()
        };
        let entries: Vec<Value> = entries
            .into_iter()
            .map(|(i, published, updated)| {
                let doc = &site.docs[i];
                let url = self.links.absolute(&urls::article(&doc.slug));
                obj!({
                    "title": doc.title,
                    "id": url,
                    "url": url,
                    "published": published,
                    "updated": updated,
                    "authors": doc.front.authors,
                    "summary": self.cards[i]["summary"],
                    "content": if full { self.feed_bodies.get(&i).map(String::as_str) } else { None },
                    "topics": site.grouping.doc_topics[i].iter().map(|&t| site.grouping.topics[t].name.clone()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let self_url = self.links.absolute(path);
        self.page(
            path,
            "atom.xml",
            title,
            obj!({
                "feed" => obj!({
                    "title": title,
                    "id": self_url,
                    "self_url": self_url,
                    "alternate_url": self.links.absolute(alt),
                    "updated": updated,
                    "author": author,
                }),
                "entries": entries,
            }),
        )
    }

    fn feed_jobs(&self) -> Vec<Job<'_>> {
        let site = &self.site;
        let mut jobs = vec![Job::new("atom.xml", "atom.xml", |s| {
            s.feed("atom.xml", &s.site.config.title, "", &s.site.chrono, true)
        })];
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
        let site = &self.site;
        let mut lastmod: HashMap<String, String> = HashMap::new();
        for doc in &site.docs {
            if let Some(d) = doc.front.updated.or(doc.date) {
                lastmod.insert(
                    Links::file(&urls::article(&doc.slug)),
                    d.day(site.tz).to_string(),
                );
            }
        }
        let mut entries: Vec<(String, Option<String>)> = jobs
            .iter()
            .filter(|j| j.path.ends_with("index.html"))
            .map(|j| {
                let folder = &j.path[..j.path.len() - "index.html".len()];
                (self.links.absolute(folder), lastmod.remove(&j.path))
            })
            .collect();
        entries.sort();
        let entries: std::sync::Arc<[(String, Option<String>)]> = entries.into();
        let part = move |s: &Shared, path: &str, range: std::ops::Range<usize>| {
            let list: Vec<Value> = entries[range]
                .iter()
                .map(|(loc, lastmod)| obj!({"loc": loc, "lastmod": lastmod}))
                .collect();
            s.page(path, "sitemap.xml", "Sitemap", obj!({"entries" => list}))
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
            let list: Vec<Value> = (1..=parts)
                .map(|n| obj!({"loc": s.links.absolute(&format!("sitemap-{n}.xml"))}))
                .collect();
            s.page(
                "sitemap.xml",
                "sitemap_index.xml",
                "Sitemap",
                obj!({"sitemaps" => list}),
            )
        }));
        out
    }

    fn robots(&self) -> PageSpec {
        self.page(
            "robots.txt",
            "robots.txt",
            "robots.txt",
            obj!({"sitemap_url": self.links.absolute("sitemap.xml")}),
        )
    }
}
