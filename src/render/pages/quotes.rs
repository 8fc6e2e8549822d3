//! The site-wide "who said what" page (`quotes/`): everyone quoted, by name, with their
//! newest quotations (each once, however many outlets repeat it) and where each was reported.
//! A speaker quoted more often than the index shows gets pages of their own
//! (`quotes/<speaker>/`, paginated), so no page grows with the size of the corpus.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{truncate, Job, Shared};
use crate::corpus::Speaker;

/// Where the page lives.
pub const QUOTES: &str = "quotes/";

/// How many of a speaker's quotations the index shows (the newest).
pub const QUOTES_PER_SPEAKER: usize = 5;

/// The index's job, and the pages of each speaker with more quotations than it shows.
pub(super) fn jobs(shared: &Shared) -> Vec<Job<'_>> {
    let speakers = &shared.site.grouping.speakers;
    if speakers.is_empty() {
        return Vec::new();
    }
    let folders = speaker_folders(shared);
    let mut jobs = Vec::new();
    for (sp, folder) in speakers.iter().zip(&folders) {
        let Some(folder) = folder else { continue };
        jobs.extend(
            shared.paginate(folder, &sp.quotes, "quotes.html", move |s, chunk, pager| {
                let title =
                    s.ui.fill("speaker_quotes_title", None, &[("name", &sp.name)]);
                let entry = speaker_entry(s, sp, chunk, None);
                let mut own = Map::new();
                own.insert("speakers".into(), Value::Array(vec![entry]));
                own.insert("pagination".into(), pager);
                own.insert("index".into(), Value::String(QUOTES.into()));
                (title, Value::Object(own))
            }),
        );
    }
    jobs.push(Job::new(QUOTES, "quotes.html", move |s| {
        quotes_page(s, &folders)
    }));
    jobs
}

/// Each speaker's folder, for those with more quotations than the index shows: the
/// slug of their name, made unique in the speakers' order.
fn speaker_folders(shared: &Shared) -> Vec<Option<String>> {
    let mut taken = BTreeSet::new();
    shared
        .site
        .grouping
        .speakers
        .iter()
        .map(|sp| {
            if sp.quotes.len() <= QUOTES_PER_SPEAKER {
                return None;
            }
            let base = match crate::content::slugify(&sp.name) {
                s if s.is_empty() => "speaker".to_string(),
                s => s,
            };
            let mut slug = base.clone();
            let mut n = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            Some(format!("{QUOTES}{slug}/"))
        })
        .collect()
}

fn article(shared: &Shared, doc: usize) -> Value {
    obj!({
        "title" => shared.site.docs[doc].title.clone(),
        "url" => shared.card_url(doc),
        "source" => shared.card_source(doc),
        "date_short" => shared.card_date_short(doc),
    })
}

/// A speaker with the quotations `quotes` (indices into the grouping's), and the link to all
/// of them when the index shows only some.
fn speaker_entry(shared: &Shared, sp: &Speaker, quotes: &[usize], more: Option<&str>) -> Value {
    let g = &shared.site.grouping;
    let quotes: Vec<Value> = quotes
        .iter()
        .map(|&q| {
            let quote = &g.quotes[q];
            let first = article(shared, quote.doc);
            let url = format!(
                "{}#p{}",
                first["url"].as_str().unwrap_or(""),
                quote.paragraph
            );
            obj!({
                "text": truncate(&quote.text, 600),
                "role": quote.role,
                "url": url,
                "article" => first,
                "also" => quote.also.iter().map(|&d| article(shared, d)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let topic = sp.topic.map(|t| shared.topic_values[t]["url"].clone());
    obj!({
        "name": sp.name,
        "url": topic,
        "count": sp.quotes.len(),
        "more": more.map(|folder| shared.links.href(folder)),
        "quotes" => quotes,
    })
}

fn quotes_page(shared: &Shared, folders: &[Option<String>]) -> super::PageSpec {
    let speakers: Vec<Value> = shared
        .site
        .grouping
        .speakers
        .iter()
        .zip(folders)
        .map(|(sp, folder)| {
            let shown = &sp.quotes[..sp.quotes.len().min(QUOTES_PER_SPEAKER)];
            speaker_entry(shared, sp, shown, folder.as_deref())
        })
        .collect();
    shared.page(
        QUOTES,
        "quotes.html",
        shared.ui.get("quotes_title"),
        // The index is not paginated and is its own index: both null, so the context has
        // the same keys on every page of the template.
        obj!({ "speakers" => speakers, "pagination" => Value::Null, "index" => Value::Null }),
    )
}
