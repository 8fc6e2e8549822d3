//! `dossier build` and `dossier check` on fixture sites the project wrote.

use crate::common::*;
use predicates::prelude::*;

#[test]
fn builds_every_page_of_the_fixture() {
    let site = site("basic");
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    let out = site.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "style.css",
        "favicon.svg",
        "hello.txt",
        "articles/council-votes/index.html",
        "articles/harbour-opens/index.html",
        "articles/radio-interview/index.html",
        "articles/budget-row/index.html",
        "articles/undated-note/index.html",
        "topics/index.html",
        "topics/harbour/index.html",
        "topics/harbour/atom.xml",
        "topics/budget/index.html",
        "archive/index.html",
        "archive/2024/index.html",
        "archive/2024/03/index.html",
        "archive/2024/03/04/index.html",
        "archive/2024/05/02/index.html",
        "archive/undated/index.html",
        "sources/index.html",
        "sources/daily-ledger/index.html",
        "sources/daily-ledger/page/2/index.html",
        "sources/city-radio/index.html",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    assert!(
        !out.join("articles/draft").exists(),
        "drafts are left out by default"
    );
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn article_page_carries_its_metadata() {
    let site = site("basic");
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    let html =
        std::fs::read_to_string(site.path().join("public/articles/council-votes/index.html"))
            .unwrap();
    for needle in [
        "<h1>Council votes to fund the harbour works</h1>",
        "By Ana Costa, Ben Ode",
        "<time datetime=\"2024-03-04T18:30:00+01:00\">",
        "min read",
        "rel=\"canonical\" href=\"https://example.org/fixture/articles/council-votes/\"",
        "property=\"og:title\"",
        "\"@type\":\"NewsArticle\"",
        "href=\"https://ledger.example/2024/council-votes\"",
        "href=\"../../topics/harbour/index.html\"",
        "href=\"../../sources/daily-ledger/index.html\"",
        "rel=\"next\"",
    ] {
        assert!(html.contains(needle), "article page lacks {needle:?}");
    }
}

#[test]
fn html_in_titles_is_escaped() {
    let site = site("basic");
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(
        site.path()
            .join("public/articles/radio-interview/index.html"),
    )
    .unwrap();
    assert!(
        !html.contains("<em>\"no delays\""),
        "raw HTML from a title reached the page"
    );
    assert!(html.contains("&lt;em&gt;&quot;no delays&quot;"));
}

#[test]
fn drafts_are_built_when_asked() {
    let site = site("basic");
    dossier()
        .args(["build", "--drafts", "--root"])
        .arg(site.path())
        .assert()
        .success();
    assert!(site
        .path()
        .join("public/articles/draft/index.html")
        .is_file());
}

#[test]
fn builds_are_byte_identical_across_runs_threads_and_folders() {
    let a = site("basic");
    let b = site("basic");
    dossier()
        .env("RAYON_NUM_THREADS", "1")
        .arg("build")
        .arg("--root")
        .arg(a.path())
        .assert()
        .success();
    dossier()
        .env("RAYON_NUM_THREADS", "4")
        .arg("build")
        .arg("--root")
        .arg(b.path())
        .assert()
        .success();
    let first = tree(&a.path().join("public"));
    assert_eq!(first, tree(&b.path().join("public")));
    // A second build into the same folder writes nothing.
    dossier()
        .arg("build")
        .arg("--root")
        .arg(a.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("0 written"));
    assert_eq!(first, tree(&a.path().join("public")));
}

#[test]
fn base_url_with_a_sub_path() {
    let site = site("basic");
    dossier()
        .args([
            "build",
            "--base-url",
            "https://user.github.io/my-repo/",
            "--root",
        ])
        .arg(site.path())
        .assert()
        .success();
    let out = site.path().join("public");
    let html = std::fs::read_to_string(out.join("articles/harbour-opens/index.html")).unwrap();
    assert!(html.contains("href=\"https://user.github.io/my-repo/articles/harbour-opens/\""));
    let feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(feed.contains("<id>https://user.github.io/my-repo/articles/harbour-opens/</id>"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://user.github.io/my-repo/topics/harbour/</loc>"));
    // Internal links never carry the sub-path: they are relative.
    assert!(!html.contains("href=\"/my-repo"));
    assert!(broken_links(&out).is_empty());
}

#[test]
fn output_elsewhere_and_removal_of_stale_pages() {
    let site = site("basic");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("articles/budget-row/index.html").is_file());
    std::fs::remove_file(site.path().join("content/articles/2024/budget-row.md")).unwrap();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    assert!(
        !out.join("articles/budget-row").exists(),
        "stale page removed"
    );
    assert!(broken_links(&out).is_empty());
}

#[test]
fn refuses_an_output_folder_it_did_not_create() {
    let site = site("basic");
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("thesis.docx"), "precious").unwrap();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--output")
        .arg(out.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("not created by Dossier"));
    assert_eq!(
        std::fs::read_to_string(out.path().join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn check_validates_without_writing() {
    let site = site("basic");
    dossier()
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("5 documents"));
    assert!(!site.path().join("public").exists());
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("newsite");
    dossier().arg("init").arg(&root).assert().success();
    assert!(root.join("site.yaml").is_file());
    assert!(root.join("templates/base.html").is_file());
    dossier()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .assert()
        .success();
    assert!(root.join("public/index.html").is_file());
    // A second init refuses to touch the site.
    dossier().arg("init").arg(&root).assert().failure();
}

#[test]
fn a_site_without_templates_uses_the_embedded_theme() {
    let site = site("basic");
    assert!(!site.path().join("templates").exists());
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    let css = std::fs::read_to_string(site.path().join("public/style.css")).unwrap();
    assert!(css.contains("prefers-color-scheme: dark"));
}

#[test]
fn one_template_can_be_overridden() {
    let site = site("basic");
    std::fs::create_dir(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Custom lost page</p>{% endblock content %}",
    )
    .unwrap();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(site.path().join("public/404.html")).unwrap();
    assert!(html.contains("Custom lost page"));
    assert!(
        html.contains("class=\"masthead\""),
        "the rest of the theme still applies"
    );
}

/// A speaker quoted more often than the who-said-what index shows gets paginated pages of
/// their own, linked from the index; the index stays short however many quotations there are.
#[test]
fn a_much_quoted_speaker_gets_pages_of_their_own() {
    let mut site =
        TestSite::empty().file("site.yaml", "title: Quotes\npagination:\n  per_page: 4\n");
    for day in 1..=9 {
        site = site.file(
            &format!("content/articles/report-{day}.md"),
            format!(
                "---\ntitle: Harbour report number {day}\ndate: 2024-03-{day:02}\n---\n\n\
                 The harbour board met again on day {day} of the month to discuss the pier.\n\n\
                 \"We will rebuild pier number {day} before the winter storms arrive,\" Maria Okafor said.\n"
            ),
        );
    }
    site.build().succeeds();
    let index = site.page("quotes/index.html");
    assert_eq!(
        index.matches("<blockquote>").count(),
        5,
        "the newest five only"
    );
    assert!(index.contains("pier number 9 "), "newest first");
    assert!(
        !index.contains("pier number 4 "),
        "older ones are on the speaker's pages"
    );
    assert!(
        index.contains("href=\"../quotes/maria-okafor/index.html\""),
        "{index}"
    );
    assert!(index.contains("All 9 quotes"));
    let first = site.page("quotes/maria-okafor/index.html");
    assert!(first.contains("Quotes: Maria Okafor"));
    assert_eq!(first.matches("<blockquote>").count(), 4);
    let last = site.page("quotes/maria-okafor/page/3/index.html");
    assert_eq!(last.matches("<blockquote>").count(), 1);
    assert!(last.contains("pier number 1 "));
    assert!(last.contains("Everyone quoted"));
}

/// A one-off build lets each body go after analysis and reads it again for the pages that
/// need it: a page shows the version that was analysed, and a file changed in between fails
/// the build by name instead of publishing another version or an empty page.
#[test]
fn released_bodies_are_read_again_and_a_changed_file_is_named() {
    use dossier::build::{load_config, load_content};
    use dossier::render::pages::Shared;
    use dossier::render::{render_site, Theme};
    use dossier::site::Site;

    let site = site("basic");
    let opts = dossier::BuildOptions::new(site.path());
    let config = load_config(&opts).unwrap();
    let (mut docs, _) = load_content(&opts, &config).unwrap();
    let harbour = docs
        .iter()
        .position(|d| d.slug == "harbour-opens")
        .expect("the fixture has the harbour article");
    let words: Vec<String> = docs[harbour]
        .body
        .split_whitespace()
        .filter(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
        .take(3)
        .map(String::from)
        .collect();
    assert!(!words.is_empty());
    for d in &mut docs {
        d.release_body();
    }
    let theme =
        Theme::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")).unwrap();
    let quiet = |_: usize, _: usize| {};

    let shared = Shared::new(Site::new(config.clone(), docs.clone()));
    let (pages, _) = render_site(&shared, &theme, &quiet, None, None).unwrap();
    assert!(shared.body_errors().is_empty());
    let page = pages
        .iter()
        .find(|p| p.path == "articles/harbour-opens/index.html")
        .unwrap();
    let html = String::from_utf8_lossy(&page.bytes);
    for w in &words {
        assert!(
            html.contains(w.as_str()),
            "{w} missing from the page read again"
        );
    }

    // The file changes between loading and rendering.
    let path = docs[harbour].path.clone();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nA late line.\n")).unwrap();
    let shared = Shared::new(Site::new(config, docs));
    render_site(&shared, &theme, &quiet, None, None).unwrap();
    let errors = shared.body_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].path.ends_with(path.file_name().unwrap()),
        "{}",
        errors[0]
    );
    assert!(errors[0].message.contains("changed"), "{}", errors[0]);
}

#[test]
fn the_index_counts_each_article_on_its_pages_own_reading() {
    use dossier::build::{load_config, load_content};
    use dossier::render::pages::Shared;
    use dossier::render::{render_site, Page, Theme};
    use dossier::site::Site;

    // Markup the index's text must see through (emphasis, links, code, a list, raw HTML, a
    // quotation) and diacritics; one article with a summary, the others snippeted from
    // their bodies.
    let site = TestSite::empty()
        .file(
            "content/crane.md",
            "---\ntitle: The harbour crane *returns*\ndate: 2025-03-01\nsummary: The old crane is back.\nauthors: [Ana Ruiz]\n---\nThe **old** crane returned to the [harbour](https://example.org/h) on `Monday`.\n\n- one item\n- <b>raw</b> words\n",
        )
        .file(
            "content/hafen.md",
            "---\ntitle: Der Hafen öffnet wieder\ndate: 2025-03-02\n---\nDie Fähre fährt ab Montag wieder. Grüße vom Kai.\n",
        )
        .file(
            "content/port.md",
            "---\ntitle: Le port rouvre\ndate: 2025-03-03\n---\nLe bac reprend ses traversées ; l'été sera chargé.\n\n> « Enfin », dit la capitaine.\n",
        )
        .file(
            "content/puerto.md",
            "---\ntitle: El puerto reabre\ndate: 2025-03-04\n---\nEl transbordador vuelve el miércoles, según la autoridad portuaria.\n",
        );
    let opts = dossier::BuildOptions::new(site.root());
    let config = load_config(&opts).unwrap();
    let (mut docs, _) = load_content(&opts, &config).unwrap();
    assert_eq!(docs.len(), 4);
    for d in &mut docs {
        d.release_body();
    }
    let theme =
        Theme::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")).unwrap();
    let quiet = |_: usize, _: usize| {};
    let index = |pages: &[Page]| -> Vec<(String, Vec<u8>)> {
        pages
            .iter()
            .filter(|p| p.path.starts_with("search/"))
            .map(|p| (p.path.clone(), p.bytes.to_vec()))
            .collect()
    };

    // Counted on the reading of each body for its page, as a build does...
    let shared = Shared::with_doc_links(Site::new(config.clone(), docs.clone()), None, false);
    let (counted, _) = render_site(&shared, &theme, &quiet, None, None).unwrap();
    // ... and with those counts taken away, so the index reads every body again.
    let again = Shared::with_doc_links(Site::new(config, docs), None, false);
    for i in 0..4 {
        drop(again.search_words(i));
    }
    let (read_again, _) = render_site(&again, &theme, &quiet, None, None).unwrap();
    let counted = index(&counted);
    assert!(counted.len() > 3, "{counted:?}");
    assert_eq!(counted, index(&read_again));
    let text: String = counted
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    for word in ["transbordador", "fahre", "traversees", "monday", "enfin"] {
        assert!(text.contains(word), "{word} not indexed");
    }
}

#[test]
fn a_one_off_build_makes_the_pages_a_kept_html_build_makes() {
    use dossier::build::{load_config, load_content};
    use dossier::render::pages::Shared;
    use dossier::render::{render_site, Theme};
    use dossier::site::Site;

    // Leads of every shape: raw HTML and an entity in the first paragraph, a picture-only
    // first paragraph, a heading first, soft and hard breaks, a footnote; topics shared, so
    // the lists show each other's cards (and the topic links change the article's HTML).
    let site = TestSite::empty()
        .file(
            "content/a.md",
            "---\ntitle: Harbour reopens\ndate: 2025-03-01\ntopics: [Harbour, Ferries]\nsource: Coast News\n---\nThe Harbour <b>reopens</b> &amp; the Ferries run\nagain from Monday.\n\nSecond paragraph about the Harbour.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: Ferries return\ndate: 2025-03-01\ntopics: [Ferries]\nsource: Bay Times\n---\n![](https://example.org/p.png)\n\nThe Ferries return  \nafter a long winter[^1].\n\n[^1]: Four months.\n",
        )
        .file(
            "content/c.md",
            "---\ntitle: Harbour fees\ndate: 2025-03-02\ntopics: [Harbour]\n---\n# Fees\n\nFees at the Harbour rise by 3 %, the port said.\n\n> A quotation later.\n",
        )
        .file(
            "content/d.md",
            "---\ntitle: Quiet day\ndate: 2025-03-03\nsummary: A summary of its own.\n---\n- a list first\n- and more\n\nThen text.\n",
        );
    let opts = dossier::BuildOptions::new(site.root());
    let config = load_config(&opts).unwrap();
    let (mut docs, _) = load_content(&opts, &config).unwrap();
    for d in &mut docs {
        d.release_body();
    }
    let theme =
        Theme::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")).unwrap();
    let quiet = |_: usize, _: usize| {};
    // Watch mode's way: every body's HTML made on the first reading and kept, leads from it.
    let kept = Shared::with_doc_links(Site::new(config.clone(), docs.clone()), None, true);
    let (kept, _) = render_site(&kept, &theme, &quiet, None, None).unwrap();
    // A one-off build's: the first reading finds the leads alone, the article page converts.
    let once = Shared::with_doc_links(Site::new(config, docs), None, false);
    let (once, _) = render_site(&once, &theme, &quiet, None, None).unwrap();
    assert!(kept.len() > 20, "{}", kept.len());
    assert_eq!(kept.len(), once.len());
    for (k, o) in kept.iter().zip(&once) {
        assert_eq!(k.path, o.path);
        assert!(
            k.bytes == o.bytes,
            "{} differs:\n{}\n---\n{}",
            k.path,
            String::from_utf8_lossy(&k.bytes),
            String::from_utf8_lossy(&o.bytes)
        );
    }
    let page = |path: &str| {
        let p = once.iter().find(|p| p.path == path).unwrap();
        String::from_utf8_lossy(&p.bytes).into_owned()
    };
    // The leads are in the lists (b's after its picture-only paragraph, which has no text).
    let ferries = page("topics/ferries/index.html");
    assert!(
        ferries.contains("The Ferries return after a long winter"),
        "{ferries}"
    );
    assert!(
        ferries.contains("&lt;b&gt;reopens&lt;/b&gt; &amp; the"),
        "{ferries}"
    );
}
