//! The site-wide "who said what" page (`quotes/`): everyone quoted, by name, with their
//! quotations (each once, however many outlets repeat it) and where each was reported.

use serde_json::{Map, Value};

use super::{truncate, Job, Shared};
use crate::render::PageSpec;

/// Where the page lives.
pub const QUOTES: &str = "quotes/";

/// The page's job, when anyone is quoted.
pub(super) fn jobs(shared: &Shared) -> Vec<Job<'_>> {
    if shared.site.grouping.speakers.is_empty() {
        return Vec::new();
    }
    vec![Job::new(QUOTES, "quotes.html", quotes_page)]
}

fn article(shared: &Shared, doc: usize) -> Value {
    let card = &shared.cards[doc];
    obj!({
        "title": card["title"],
        "url": card["url"],
        "source": card["source"],
        "date_short": card["date_short"],
    })
}

fn quotes_page(shared: &Shared) -> PageSpec {
    let g = &shared.site.grouping;
    let speakers: Vec<Value> = g
        .speakers
        .iter()
        .map(|sp| {
            let quotes: Vec<Value> = sp
                .quotes
                .iter()
                .map(|&q| {
                    let quote = &g.quotes[q];
                    let first = article(shared, quote.doc);
                    let url = format!("{}#p{}", first["url"].as_str().unwrap_or(""), quote.paragraph);
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
                "quotes" => quotes,
            })
        })
        .collect();
    shared.page(
        QUOTES,
        "quotes.html",
        shared.ui.get("quotes_title"),
        obj!({ "speakers" => speakers }),
    )
}
