//! The site as a briefing for readers (issue #19): what pages show and what they must not,
//! built from tests/fixtures/briefing (one event told by three outlets with different
//! tolls, a report dated in the future, an undated one).

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// Build the fixture (with extra arguments) and return its pages as text, by path.
fn build(args: &[&str]) -> (tempfile::TempDir, BTreeMap<String, String>, String) {
    let dir = site("briefing");
    let out = dir.path().join("public");
    let assert = dossier()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .args(args)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let pages = text_tree(&out);
    (dir, pages, stdout)
}

fn text_tree(out: &Path) -> BTreeMap<String, String> {
    tree(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".xml"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

const STORY: &str =
    "stories/pier-collapse-at-marsh-county-ferry-terminal-leaves-at-least-27-dead/index.html";

fn html_pages(pages: &BTreeMap<String, String>) -> impl Iterator<Item = (&String, &String)> {
    pages.iter().filter(|(p, _)| p.ends_with(".html"))
}

#[test]
fn no_machine_text_or_author_instructions_on_any_page() {
    let (_dir, pages, _) = build(&[]);
    for (path, html) in html_pages(&pages) {
        for bad in [
            "stated from",
            "Date stated",
            "caption from",
            "Add <code>date:",
            "front matter",
            "Unknown source",
            "· Month<",
            ">Month</a>",
        ] {
            assert!(!html.contains(bad), "{path} shows {bad:?}");
        }
    }
    // Date provenance in words, the evidence behind a toggle.
    let article = &pages["articles/ledger-pier/index.html"];
    assert!(article.contains(
        "<details class=\"provenance\"><summary>Date as printed on the original page</summary>"
    ));
    assert!(article.contains("April 9, 2025 7:40 AM UTC Updated 2 hours ago"));
}

#[test]
fn the_day_breadcrumb_names_its_month() {
    let (_dir, pages, _) = build(&[]);
    let day = &pages["archive/2025/04/09/index.html"];
    assert!(
        day.contains(">2025</a> · <a href=\"../../../../archive/2025/04/index.html\">April</a>"),
        "{day}"
    );
}

#[test]
fn descriptions_are_escaped_once() {
    let (_dir, pages, _) = build(&[]);
    let home = &pages["index.html"];
    assert!(home.contains(
        "<meta name=\"description\" content=\"Marsh County&#39;s harbour, its ferries and the mayor&#39;s plans"
    ));
    for (path, html) in html_pages(&pages) {
        assert!(!html.contains("&amp;#39;"), "{path} escapes twice");
        assert!(!html.contains("&amp;amp;"), "{path} escapes twice");
    }
}

#[test]
fn future_documents_are_held_back_unless_asked() {
    let (_dir, pages, stdout) = build(&[]);
    assert!(!pages.contains_key("articles/future-festival/index.html"));
    assert!(pages.values().all(|p| !p.contains("Harbour festival")));
    assert!(
        stdout.contains("1 document dated in the future held back until its date"),
        "{stdout}"
    );
    assert!(stdout.contains("1 document has no date"), "{stdout}");

    let (_dir, pages, stdout) = build(&["--future"]);
    assert!(pages.contains_key("articles/future-festival/index.html"));
    assert!(!stdout.contains("held back"), "{stdout}");
}

#[test]
fn a_document_held_back_or_published_leaves_the_pier_story_as_it_is() {
    // The council's budget note shares only "Marsh County" and a common word with the pier
    // reports. With the festival published, those words are no longer in every document and
    // weigh a little: that alone must not file the note under the pier collapse.
    for args in [&[][..], &["--future"][..]] {
        let (_dir, pages, _) = build(args);
        let story = &pages[STORY];
        for member in [
            "ledger-pier",
            "radio-pier",
            "wire-pier",
            "ledger-pier-update",
        ] {
            assert!(
                story.contains(&format!("articles/{member}/")),
                "{args:?}: {member}"
            );
        }
        for outside in ["council-budget", "future-festival", "undated-notice"] {
            assert!(
                !story.contains(&format!("articles/{outside}/")),
                "{args:?}: {outside}"
            );
        }
    }
}

#[test]
fn build_future_in_site_yaml_publishes_them() {
    let dir = site("briefing");
    let yaml = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}build_future: true\n")).unwrap();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir
        .path()
        .join("public/articles/future-festival/index.html")
        .is_file());
}

#[test]
fn every_page_has_link_preview_metadata() {
    let (_dir, pages, _) = build(&[]);
    for (path, html) in html_pages(&pages) {
        for tag in [
            "<meta property=\"og:title\"",
            "<meta property=\"og:description\"",
            "<meta property=\"og:url\"",
            "<meta property=\"og:image\" content=\"https://",
            "<meta name=\"twitter:card\"",
        ] {
            assert!(html.contains(tag), "{path} has no {tag}");
        }
    }
    // The article's own picture, in its cards and its JSON-LD with the original address.
    let article = &pages["articles/ledger-pier/index.html"];
    assert!(article
        .contains("<meta property=\"og:image\" content=\"https://ledger.example/img/pier.jpg\">"));
    assert!(article.contains("\"image\":[\"https://ledger.example/img/pier.jpg\"]"));
    assert!(article.contains("\"isBasedOn\":\"https://ledger.example/2025/04/pier-collapse\""));
    // Other pages fall back to the site's picture.
    assert!(pages["index.html"]
        .contains("<meta property=\"og:image\" content=\"https://example.org/desk/share.svg\">"));
}

#[test]
fn every_sitemap_url_has_a_lastmod() {
    let (_dir, pages, _) = build(&[]);
    let sitemap = &pages["sitemap.xml"];
    let urls = sitemap.matches("<url>").count();
    assert!(urls > 10);
    assert_eq!(sitemap.matches("<lastmod>").count(), urls, "{sitemap}");
    assert!(sitemap.contains("<lastmod>2025-04-09</lastmod>"));
}

#[test]
fn the_story_page_compares_coverage() {
    let (_dir, pages, _) = build(&[]);
    let story = &pages[STORY];
    // The differing tolls side by side, each linked to its paragraph.
    assert!(story.contains("Where the reports differ"), "{story}");
    let ledger = story
        .find(
            "href=\"../../articles/ledger-pier/index.html#p2\">at least 27 people were killed</a>",
        )
        .expect("the ledger's toll");
    let radio = story
        .find("href=\"../../articles/radio-pier/index.html#p2\">30 people were killed</a>")
        .expect("the radio's toll");
    assert!(ledger < radio);
    // The timeline in order of publication, each outlet named once in the header.
    let order: Vec<usize> = [
        "articles/ledger-pier/",
        "articles/radio-pier/",
        "articles/wire-pier/",
        "articles/ledger-pier-update/",
    ]
    .iter()
    .map(|a| {
        story
            .find(&format!("timeline-title\"><a href=\"../../{a}"))
            .unwrap()
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(story.contains("3 outlets: <a href=\"../../sources/daily-ledger/index.html\">Daily Ledger</a> · <a href=\"../../sources/city-radio/index.html\">City Radio</a> · <a href=\"../../sources/harbour-wire/index.html\">Harbour Wire</a>"));
    // Three reports print the same quotation: it is shown once.
    assert_eq!(
        story
            .matches("We are still searching the water near the pier")
            .count(),
        1
    );
}

#[test]
fn the_home_page_leads_with_the_latest_editions_top_story() {
    let (_dir, pages, _) = build(&[]);
    let home = &pages["index.html"];
    let lead = home.find("class=\"brief-title\"").expect("a lead story");
    assert!(home[lead..].starts_with(
        "class=\"brief-title\"><a href=\"stories/pier-collapse-at-marsh-county-ferry-terminal-leaves-at-least-27-dead/index.html\">"
    ));
    // The story's extractive summary: the lead sentence the reports share most.
    assert!(home.contains(
        "<p class=\"brief-summary\">The wooden pier at the Marsh County ferry terminal fell into the harbour"
    ));
    assert!(
        home.contains("3 outlets: <a href=\"sources/daily-ledger/index.html\">Daily Ledger</a>")
    );
    assert!(home.contains("<span class=\"badge\">New</span>"));
    // The day before is an earlier edition.
    assert!(home.contains("Marsh County council passes its harbour budget"));
}

#[test]
fn an_outlet_is_named_once_per_story_on_day_pages() {
    let (_dir, pages, _) = build(&[]);
    let day = &pages["archive/2025/04/09/index.html"];
    let start = day.find("class=\"brief-outlets\"").unwrap();
    let line = &day[start..start + day[start..].find("</p>").unwrap()];
    assert_eq!(line.matches("Daily Ledger").count(), 1, "{line}");
    assert!(line.contains("3 outlets"), "{line}");
    // The day's reports of the story are listed under it, each once.
    assert_eq!(day.matches("articles/ledger-pier-update/").count(), 1);
}

#[test]
fn articles_do_not_repeat_themselves() {
    let (_dir, pages, _) = build(&[]);
    // The wire report's summary is its first paragraph shortened (as a converted page's
    // often is): it is not repeated as a standfirst above the paragraph itself.
    let wire = &pages["articles/wire-pier/index.html"];
    assert!(!wire.contains("class=\"standfirst\""));
    // A summary of its own is shown.
    let ledger = &pages["articles/ledger-pier/index.html"];
    assert!(ledger.contains("<p class=\"standfirst\">A crowded ferry pier gave way"));
    // "Related" does not list what "Also covered by" lists.
    let ledger = &pages["articles/ledger-pier/index.html"];
    if let Some(related) = ledger.find("<h2>Related</h2>") {
        let rest = &ledger[related..];
        for other in ["radio-pier", "wire-pier", "ledger-pier-update"] {
            assert!(!rest[..rest.find("</section>").unwrap()].contains(other));
        }
    }
}

#[test]
fn source_pages_say_what_they_know_of_the_outlet() {
    let dir = site("briefing");
    // A report from a well-known outlet: the built-in table knows its country and kind.
    std::fs::write(
        dir.path().join("content/articles/known.md"),
        "---\ntitle: \"Harbour fees rise\"\ndate: 2025-04-07\nsource: Reuters\n---\nFees at the Marsh County harbour rise.\n",
    )
    .unwrap();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .assert()
        .success();
    let page =
        std::fs::read_to_string(dir.path().join("public/sources/reuters/index.html")).unwrap();
    assert!(page.contains("Based in United Kingdom"), "{page}");
    assert!(page.contains("news agency"));
    let ledger =
        std::fs::read_to_string(dir.path().join("public/sources/daily-ledger/index.html")).unwrap();
    // Its topics, and no guess for an outlet the table does not know.
    assert!(ledger.contains("<h2>Its topics</h2>"));
    assert!(!ledger.contains("Based in"));
}

#[test]
fn each_day_is_an_edition_with_a_feed_entry() {
    let (_dir, pages, _) = build(&[]);
    let feed = &pages["archive/atom.xml"];
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(feed.contains("<id>https://example.org/desk/archive/2025/04/09/</id>"));
    assert!(feed.contains("<title>Wednesday, 9 April 2025: Harbour Desk</title>"));
    // The day's stories and reports, escaped once into the feed's HTML content.
    assert!(feed.contains("&lt;a href=&quot;https://example.org/desk/stories/pier-collapse"));
}

#[test]
fn a_story_with_new_reports_on_a_later_day_is_marked_updated() {
    let dir = site("briefing");
    std::fs::write(
        dir.path().join("content/articles/radio-pier-next-day.md"),
        "---\ntitle: \"Marsh County ferry terminal reopens a day after the pier collapse\"\ndate: 2025-04-10T08:00:00Z\nsource: City Radio\n---\nThe Marsh County ferry terminal reopened on Thursday morning, a day after the wooden pier collapse, as rescuers ended the search of the harbour wreckage.\n\nCommuters waited for the first ferry along the Marsh County coast. \"We are still searching the water near the pier,\" said Olga Brenn, the harbour master.\n",
    )
    .unwrap();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .assert()
        .success();
    let out = dir.path().join("public");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let lead = home.find("class=\"brief\"").expect("a lead story");
    assert!(
        home[lead..].contains("<span class=\"badge badge-updated\">Updated</span>"),
        "{home}"
    );
    // The earlier edition does not brief the same story again.
    assert_eq!(home.matches("stories/pier-collapse").count(), 1, "{home}");
    // On its first day the story was new.
    let day = std::fs::read_to_string(out.join("archive/2025/04/09/index.html")).unwrap();
    assert!(day.contains("<span class=\"badge\">New</span>"));
}

#[test]
fn site_yaml_tells_an_outlets_country_and_kind() {
    let dir = site("briefing");
    let yaml = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{text}\nsources:\n  - name: City Radio\n    country: Marsh County\n    kind: public broadcaster\n"),
    )
    .unwrap();
    dossier()
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let page =
        std::fs::read_to_string(dir.path().join("public/sources/city-radio/index.html")).unwrap();
    assert!(page.contains("Based in Marsh County"), "{page}");
    assert!(page.contains("· public broadcaster</p>"), "{page}");
    let index = std::fs::read_to_string(dir.path().join("public/sources/index.html")).unwrap();
    assert!(
        index.contains("Public broadcaster, Marsh County"),
        "{index}"
    );
}
