//! The rendered fixture site, page kind by page kind, as reviewed snapshots: a change in output
//! shows up as a diff in `tests/it/snapshots/` to accept (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test it snapshots`) or to fix.

use crate::common::*;

/// One page of each kind, the feeds and the sitemap: enough to see any change to the theme,
/// the contexts or the escaping, few enough to review.
const PAGES: &[&str] = &[
    "index.html",
    "articles/harbour-opens/index.html",
    "topics/index.html",
    "topics/harbour/index.html",
    "archive/index.html",
    "archive/2024/index.html",
    "archive/2024/05/index.html",
    "sources/index.html",
    "sources/daily-ledger/index.html",
    "stories/index.html",
    "stories/index.json",
    "quotes/index.html",
    "search/index.html",
    "404.html",
    "atom.xml",
    "archive/atom.xml",
    "topics/harbour/atom.xml",
    "sitemap.xml",
    "robots.txt",
];

/// The briefing fixture: a story covered by several outlets, its page and its day's edition.
const BRIEFING_PAGES: &[&str] = &[
    "index.html",
    "stories/pier-collapse-at-marsh-county-ferry-terminal-leaves-at-least-27-dead/index.html",
    "archive/2025/04/09/index.html",
    "stories/index.json",
];

#[test]
fn fixture_site_pages() {
    snapshot_pages("basic", PAGES);
}

#[test]
fn briefing_pages() {
    snapshot_pages("briefing", BRIEFING_PAGES);
}

fn snapshot_pages(fixture: &str, pages: &[&str]) {
    let site = TestSite::fixture(fixture);
    site.build().succeeds();
    let public = site.public();
    let mut missing = Vec::new();
    for rel in pages {
        if !public.join(rel).is_file() {
            missing.push(*rel);
            continue;
        }
        let name = format!("{fixture}__{}", rel.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, site.page(rel));
    }
    assert!(
        missing.is_empty(),
        "pages the snapshot list names were not built: {missing:?} (update the list)"
    );
}
