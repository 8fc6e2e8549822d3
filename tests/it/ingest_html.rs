//! Saved web pages in the inbox: every metadata form, every encoding, MHTML archives, hostile
//! markup (the built site is parsed to prove nothing from the page runs), and pages that are
//! too big, too deep or not HTML at all. The pages are written here for these tests.

use std::path::Path;

use crate::common::*;
use dossier::ingest::{html, ConvertOptions, Converted};
use scraper::{Html, Selector};

fn convert(name: &str, page: &[u8]) -> Converted {
    html::convert_page(
        page,
        &format!("content/inbox/{name}"),
        &ConvertOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The conversion dropped a block by `rule`.
fn assert_dropped(c: &Converted, rule: &str) {
    assert!(
        c.dropped.iter().any(|d| d.rule == rule),
        "no {rule} in {:?}",
        c.dropped
    );
}

fn origin(c: &Converted, field: &str) -> String {
    c.front.extra["field_sources"][field]
        .as_str()
        .unwrap_or("")
        .to_string()
}

const ARTICLE_BODY: &str = "<p>The harbour board voted on Tuesday to widen the northern quay, ending a dispute that had lasted three winters and cost the fishing fleet two seasons of work.</p>
<p>Engineers said the work would start in spring. “We have waited long enough,” said Mara Olsen, who chairs the fishermen’s association, after the vote in the town hall.</p>
<p>The plan moves the fish market inland and doubles the number of berths. Shopkeepers on the waterfront said they feared months of noise, but most welcomed the decision.</p>
<p>The board will publish the timetable for the works next month, with a public meeting before the first contracts are signed.</p>";

fn page(head: &str, before_body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav><main><article>{before_body}{ARTICLE_BODY}</article></main><footer><p>© 2024 Harbour Post</p></footer></body></html>"
    )
}

#[test]
fn json_ld_news_article() {
    let p = page(
        r#"<title>Board widens the quay | Harbour Post</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Harbour Post"},
          {"@type":"NewsArticle","headline":"Board widens the quay","datePublished":"2024-02-06T09:30:00+01:00",
           "author":[{"@type":"Person","name":"Ana Ruiz"},{"@id":"urn:kim"}],
           "publisher":{"@type":"Organization","name":"Harbour Post"},
           "image":{"@type":"ImageObject","url":"https://harbourpost.com/img/quay.jpg"},
           "mainEntityOfPage":"https://harbourpost.com/news/quay"},
          {"@type":"Person","@id":"urn:kim","name":"Kim Sato"}]}</script>"#,
        "<h1>Board widens the quay</h1>",
    );
    let c = convert("a.html", p.as_bytes());
    assert_eq!(c.front.title.as_deref(), Some("Board widens the quay"));
    assert_eq!(
        c.front.date.unwrap().to_string(),
        "2024-02-06T09:30:00+01:00"
    );
    assert_eq!(c.front.authors, ["Ana Ruiz", "Kim Sato"]);
    assert_eq!(c.front.source.as_deref(), Some("Harbour Post"));
    assert_eq!(
        c.front.url.as_deref(),
        Some("https://harbourpost.com/news/quay")
    );
    assert_eq!(
        c.front.image.as_deref(),
        Some("https://harbourpost.com/img/quay.jpg")
    );
    assert_eq!(origin(&c, "date"), "json-ld datePublished");
    assert_eq!(origin(&c, "authors"), "json-ld author");
    assert_eq!(origin(&c, "title"), "h1");
    assert!(c
        .body
        .contains("Engineers said the work would start in spring."));
    assert!(!c.body.contains("Home"), "{}", c.body);
    assert_dropped(&c, "navigation");
}

#[test]
fn open_graph_article_tags_and_twitter() {
    let p = page(
        r#"<meta property="og:title" content="Board widens the quay - Harbour Post">
        <meta property="og:site_name" content="Harbour Post">
        <meta property="og:url" content="https://harbourpost.com/news/quay">
        <meta property="og:image" content="/img/quay.jpg">
        <meta property="article:published_time" content="2024-02-06T23:30:00-05:00">
        <meta property="article:section" content="Local">
        <meta name="twitter:title" content="Board widens the quay">
        <meta name="description" content="The northern quay will be widened.">"#,
        "",
    );
    let c = convert("b.html", p.as_bytes());
    // No <h1>: the meta title without the site's name.
    assert_eq!(c.front.title.as_deref(), Some("Board widens the quay"));
    // The publisher's own calendar day, not UTC's.
    assert_eq!(c.front.date.unwrap().to_string()[..10], *"2024-02-06");
    assert_eq!(c.front.section.as_deref(), Some("Local"));
    assert_eq!(
        c.front.summary.as_deref(),
        Some("The northern quay will be widened.")
    );
    // Relative image addresses are made absolute against the page's address.
    assert_eq!(
        c.front.image.as_deref(),
        Some("https://harbourpost.com/img/quay.jpg")
    );
    assert_eq!(origin(&c, "title"), "meta og:title");
    assert_eq!(origin(&c, "date"), "meta article:published_time");
}

#[test]
fn meta_author_parsely_dublin_core_time_and_canonical() {
    let p = page(
        r#"<meta name="parsely-page" content='{"title":"Board widens the quay","pub_date":"2024-02-06T08:00:00Z","authors":["Lee Park"]}'>
        <meta name="DC.date.issued" content="2024-02-06">
        <meta name="dc.creator" content="Lee Park">
        <link rel="canonical" href="https://harbourpost.com/news/quay?ref=canonical">"#,
        r#"<h1>Board widens the quay</h1><p class="byline">By Lee J. Park</p>
        <time datetime="2024-02-06T08:00:00Z" class="published">February 6, 2024</time>"#,
    );
    let c = convert("c.html", p.as_bytes());
    // The visible byline's spelling wins over the metadata's.
    assert_eq!(c.front.authors, ["Lee J. Park"]);
    assert!(
        origin(&c, "authors").starts_with("byline"),
        "{}",
        origin(&c, "authors")
    );
    assert_eq!(
        c.front.url.as_deref(),
        Some("https://harbourpost.com/news/quay?ref=canonical")
    );
    assert_eq!(origin(&c, "url"), "link rel=canonical");
    assert_eq!(c.front.date.unwrap().to_string()[..10], *"2024-02-06");
    // The byline and the date line are front matter, not body.
    assert!(!c.body.contains("Lee J. Park"), "{}", c.body);
    assert!(!c.body.contains("February 6, 2024"), "{}", c.body);
    assert_eq!(c.front.extra["language"], "en");
}

#[test]
fn visible_headline_and_date_win_over_stale_meta() {
    let p = page(
        r#"<meta property="og:title" content="Quay vote delayed again | Harbour Post">
        <meta property="article:published_time" content="2023-01-10T10:00:00+00:00">
        <meta name="author" content="Old Editor Name">"#,
        r#"<h1>Board finally widens the northern quay</h1>
        <div class="post-meta">By Ana Ruiz | Published March 3, 2024</div>"#,
    );
    let c = convert("d.html", p.as_bytes());
    // The meta title shares few words with the headline and appears nowhere on the page.
    assert_eq!(
        c.front.title.as_deref(),
        Some("Board finally widens the northern quay")
    );
    assert_eq!(c.front.date.unwrap().to_string(), "2024-03-03");
    assert!(
        origin(&c, "date").contains("page text after the headline"),
        "{}",
        origin(&c, "date")
    );
    assert_eq!(c.front.authors, ["Ana Ruiz"]);
}

#[test]
fn organisation_bylines_give_no_authors() {
    let p = page(
        r#"<meta name="author" content="Harbour Post Staff">"#,
        r#"<h1>Board widens the quay</h1><p class="byline">By Associated Press</p>"#,
    );
    let c = convert("e.html", p.as_bytes());
    assert!(c.front.authors.is_empty(), "{:?}", c.front.authors);
}

#[test]
fn body_markdown_keeps_structure_and_absolute_links() {
    let p = page(
        r#"<link rel="canonical" href="https://harbourpost.com/news/quay">"#,
        r#"<h1>Board widens the quay</h1>
        <h2>What changes</h2><ul><li>Twice the berths</li><li>A new fish market</li></ul>
        <blockquote><p>It is a good day for the harbour.</p></blockquote>
        <p>Read the <a href="/docs/plan.pdf">full plan</a> and the <a href="minutes.html">minutes</a>.</p>
        <figure><img src="/img/quay.jpg" alt="The northern quay"><figcaption>The quay at dawn, before the works.</figcaption></figure>"#,
    );
    let c = convert("f.html", p.as_bytes());
    let b = &c.body;
    assert!(b.contains("## What changes"), "{b}");
    assert!(b.contains("- Twice the berths\n- A new fish market"), "{b}");
    assert!(b.contains("> It is a good day for the harbour."), "{b}");
    assert!(
        b.contains("[full plan](<https://harbourpost.com/docs/plan.pdf>)"),
        "{b}"
    );
    assert!(
        b.contains("[minutes](<https://harbourpost.com/news/minutes.html>)"),
        "{b}"
    );
    assert!(
        b.contains(
            "![The northern quay](<https://harbourpost.com/img/quay.jpg> \"The quay at dawn, before the works.\")"
        ),
        "{b}"
    );
    // A caption is beside the running text, not in it: kept with its picture, as the image's
    // title, and listed as set aside from the text.
    assert_eq!(b.matches("The quay at dawn").count(), 1, "{b}");
    let line = 1 + p[..p.find("The quay at dawn").unwrap()]
        .matches('\n')
        .count();
    assert!(
        c.dropped.iter().any(|d| d.rule == "caption"
            && d.text == "The quay at dawn, before the works."
            && d.line == line),
        "{:?}",
        c.dropped
    );
    // The headline is the title, not the body's first line.
    assert!(
        !b.starts_with("# Board") && !b.contains("## Board widens"),
        "{b}"
    );
}

#[test]
fn article_end_furniture_and_repeated_images_are_left_out() {
    let gallery = r#"<figure><img src="https://cdn.example/slide.jpg" alt="Boats moored along the old quay wall"></figure>"#;
    let p = page(
        r#"<link rel="canonical" href="https://harbourpost.com/news/quay">"#,
        &format!(
            r#"<h1>Board widens the quay</h1><p class="byline">By Ines Duarte</p>
            <figure><img data-src="x" src="https://cdn.example/quay.jpg?w=335 335w, https://cdn.example/quay.jpg?w=480 480w" alt="The northern quay at dawn"><figcaption>The northern quay at dawn, before the works. Photo: Harbour Post</figcaption></figure>
            {gallery}{gallery}"#
        ),
    );
    let tail = r#"<p>Updated Feb. 6, 2024 8:21 am / Posted Feb. 6, 2024 8:02 am</p>
        <ul><li><a href="/a">Ferry timetable changes for the winter</a></li><li><a href="/b">Lighthouse keeper retires after forty years</a></li></ul>
        <p>Ines Duarte is a reporter who covers the harbour and the town council for the Post.</p>
        </article>"#;
    let p = p.replacen("</article>", tail, 1);
    let c = convert("end.html", p.as_bytes());
    let b = &c.body;
    // The caption says what the alt text said: the image keeps its address, not the words twice.
    assert!(
        b.contains("![](<https://cdn.example/quay.jpg?w=335> \"The northern quay at dawn, before the works. Photo: Harbour Post\")"),
        "{b}"
    );
    assert_eq!(b.matches("The northern quay at dawn").count(), 1, "{b}");
    assert_eq!(b.matches("slide.jpg").count(), 1, "{b}");
    for gone in [
        "Ferry timetable",
        "Lighthouse keeper",
        "is a reporter",
        "Posted Feb",
    ] {
        assert!(!b.contains(gone), "{gone:?} stayed in\n{b}");
    }
    let rules: Vec<&str> = c.dropped.iter().map(|d| d.rule.as_str()).collect();
    for rule in [
        "link-block",
        "author-bio",
        "date-line",
        "repeated-image",
        "caption",
    ] {
        assert!(rules.contains(&rule), "no {rule} in {rules:?}");
    }
    // The article itself is whole.
    assert!(b.contains("The board will publish the timetable"), "{b}");
}

#[test]
fn alt_texts_that_are_not_descriptions_are_emptied() {
    let p = page(
        r#"<link rel="canonical" href="https://harbourpost.com/news/quay">"#,
        r#"<h1>Board widens the quay</h1>
        <p><img src="/img/a.jpg" alt="harbour-post-quay-works-2024-01"></p>
        <p><img src="/img/b.jpg" alt="Board widens the quay image"></p>
        <p><img src="/img/c.jpg" alt="IMG_0042.JPG"></p>
        <p><img src="/img/d.jpg" alt="Cranes over the empty berths"></p>
        <p><img src="/img/e.jpg" alt="Well-known"></p>"#,
    );
    let c = convert("alt.html", p.as_bytes());
    let b = &c.body;
    for (file, alt) in [
        ("a.jpg", ""),
        ("b.jpg", ""),
        ("c.jpg", ""),
        ("d.jpg", "Cranes over the empty berths"),
        ("e.jpg", "Well-known"),
    ] {
        assert!(
            b.contains(&format!("![{alt}](<https://harbourpost.com/img/{file}>)")),
            "{file}: {b}"
        );
    }
}

#[test]
fn a_caption_stamped_under_every_picture_is_kept_once() {
    let stamp = "Harbour works 2024, the northern quay";
    let figures: String = (1..=3)
        .map(|k| format!(r#"<p><img src="https://cdn.example/{k}.jpg"></p><p>{stamp}</p><p>Paragraph {k} of the article says something new about the quay.</p>"#))
        .collect();
    let p = page("", &format!("<h1>Board widens the quay</h1>{figures}"));
    let c = convert("stamp.html", p.as_bytes());
    let b = &c.body;
    assert_eq!(b.matches(stamp).count(), 1, "{b}");
    for k in 1..=3 {
        assert!(b.contains(&format!("Paragraph {k} of")), "{b}");
    }
    assert_dropped(&c, "repeated-caption");
}

#[test]
fn an_embedded_post_the_article_quotes_is_kept() {
    let embed = r#"<div class="social-media-embed"><blockquote class="post-embed"><p>The new berths are finally open and the boats are already queueing for them <a href="https://t.example/abc">https://t.example/abc</a></p>— Harbour Watcher (@harbourwatch) <a href="https://social.example/harbourwatch/1">February 6, 2024</a></blockquote></div>"#;
    let share = r#"<div class="share-bar"><a href="https://social.example/share">Share on social</a></div>"#;
    let p = page(
        r#"<link rel="canonical" href="https://harbourpost.com/news/quay">"#,
        &format!("<h1>Board widens the quay</h1><p>Many on social media welcomed the decision within minutes of the vote in the town hall on Tuesday.</p>{embed}{share}"),
    );
    let c = convert("embed.html", p.as_bytes());
    let b = &c.body;
    assert!(
        b.contains("> The new berths are finally open"),
        "embedded post lost:\n{b}"
    );
    assert!(b.contains("Harbour Watcher (@harbourwatch)"), "{b}");
    assert!(!b.contains("Share on social"), "{b}");
}

#[test]
fn a_one_word_byline_counts_when_the_metadata_names_the_same_word() {
    let with = |json_author: &str, byline: &str| {
        let p = page(
            &format!(
                r#"<link rel="canonical" href="https://harbourpost.com/news/quay"><script type="application/ld+json">{{"@type":"BlogPosting","headline":"Board widens the quay","author":{{"@type":"Person","name":"{json_author}"}}}}</script>"#
            ),
            &format!(
                r#"<h1>Board widens the quay</h1><span class="author vcard">by <a class="url fn n" href="/author/x/">{byline}</a></span>"#
            ),
        );
        convert("one.html", p.as_bytes()).front.authors
    };
    assert_eq!(with("Regan", "Regan"), ["Regan"]);
    // Either alone is not enough, nor a word that is the site's own name.
    assert!(with("Regan", "Catherine").is_empty());
    assert!(with("Harbourpost", "Harbourpost").is_empty());
    assert!(with("Staff", "Staff").is_empty());
}

fn latin_page(charset_decl: &str) -> Vec<u8> {
    let text = format!(
        "<html><head>{charset_decl}<title>Caf\u{e9} sur le quai</title></head><body><h1>Caf\u{e9} sur le quai</h1><p>Le pr\u{e9}sident du port a d\u{e9}clar\u{e9} que les travaux commenceront au printemps, apr\u{e8}s une ann\u{e9}e de d\u{e9}bats tr\u{e8}s anim\u{e9}s \u{e0} la mairie.</p><p>\u{ab} Nous avons assez attendu \u{bb}, a-t-il ajout\u{e9}, sous les applaudissements des p\u{ea}cheurs r\u{e9}unis devant l\u{2019}h\u{f4}tel de ville.</p></body></html>"
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn encodings_come_out_right() {
    for (decl, how) in [
        ("<meta charset=\"windows-1252\">", "meta"),
        (
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
            "meta",
        ),
        ("", "detected"),
    ] {
        let c = convert("latin.html", &latin_page(decl));
        assert_eq!(c.charset, "windows-1252", "{decl}");
        assert_eq!(c.front.title.as_deref(), Some("Café sur le quai"), "{decl}");
        assert!(c.body.contains("l’hôtel de ville"), "{decl}: {}", c.body);
        assert!(
            origin(&c, "charset").contains(how),
            "{decl}: {}",
            origin(&c, "charset")
        );
    }
    // UTF-16 with a byte-order mark.
    let text = page("", "<h1>Board widens the quay</h1>");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let c = convert("utf16.html", &utf16);
    assert_eq!(c.charset, "UTF-16LE");
    assert_eq!(c.front.title.as_deref(), Some("Board widens the quay"));
}

fn mhtml(html: &str) -> String {
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://harbourpost.com/news/quay\r\nSubject: Board widens the quay\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x1\"\r\n\r\n------MultipartBoundary--x1\r\nContent-Type: text/html\r\nContent-ID: <frame-0@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://harbourpost.com/news/quay\r\n\r\n{}\r\n------MultipartBoundary--x1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://harbourpost.com/img/a.png\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--x1--\r\n",
        html.replace('=', "=3D")
    )
}

#[test]
fn mhtml_archives() {
    let a = mhtml(&page(
        "",
        "<h1>Board widens the quay</h1><p>See the <a href=\"/plan\">plan</a>.</p>",
    ));
    let c = convert("saved.mhtml", a.as_bytes());
    assert_eq!(c.front.title.as_deref(), Some("Board widens the quay"));
    // No canonical link: the address the archive was saved from.
    assert_eq!(
        c.front.url.as_deref(),
        Some("https://harbourpost.com/news/quay")
    );
    assert!(
        c.body.contains("(<https://harbourpost.com/plan>)"),
        "{}",
        c.body
    );
}

const HOSTILE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<base href="javascript:alert(2)//">
<title>Quay &lt;script&gt;alert(3)&lt;/script&gt;</title>
<meta property="og:title" content="Quay <script>alert(4)</script>">
<meta property="og:image" content="javascript:alert(5)">
<link rel="canonical" href="javascript:alert(6)">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Quay </script><script>alert(7)</script>","author":{"name":"<img src=x onerror=alert(8)>"}}</script>
<style>body{background:url(javascript:alert(9))}</style>
</head><body onload="alert(10)">
<h1 onclick="alert(11)">Board widens the quay {{ site.title }} {% if true %}T{% endif %}</h1>
<article>
<p onmouseover="alert(12)">The harbour board voted on Tuesday to widen the northern quay, ending a dispute that had lasted three winters. <a href="javascript:alert(13)">click</a> <a href=" jAvAsCrIpT:alert(14)">spaced</a> <a href="data:text/html,<script>alert(15)</script>">data</a></p>
<p>Engineers said the work would start in spring <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTYpPg==" alt="x" onerror="alert(17)"> <img src=x onerror=alert(18)>, and the board will publish the timetable next month with a public meeting first.</p>
<iframe src="https://evil.example/frame"></iframe><object data="evil.swf"></object><embed src="evil.swf">
<form action="https://evil.example/steal"><input name="card"><button formaction="javascript:alert(19)">Pay</button></form>
<svg onload="alert(20)"><script>alert(21)</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror=alert(22)></style></mglyph></table></mtext></math>
<p style="position:fixed;top:0">Styled <span style="background:url(javascript:alert(23))">text</span> stays text.</p>
<noscript><p title="</noscript><img src=x onerror=alert(24)>">x</p></noscript>
<template><script>alert(25)</script></template>
<p>&lt;script&gt;alert(26)&lt;/script&gt; was written as text and stays text.</p>
</article></body></html>"#;

#[test]
fn hostile_markup_never_reaches_the_markdown() {
    let c = convert("hostile.html", HOSTILE.as_bytes());
    let md = c.file_text().unwrap();
    for bad in [
        "javascript:",
        "data:",
        "onerror",
        "onclick",
        "onload",
        "onmouseover",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<svg",
        "<style",
        "<script",
        "evil.example",
        "alert(",
    ] {
        // Text the page shows as text may mention "alert(": only the escaped forms remain.
        if bad == "alert(" || bad == "<script" {
            continue;
        }
        assert!(!md.to_lowercase().contains(bad), "{bad} in:\n{md}");
    }
    assert!(c.front.url.is_none(), "{:?}", c.front.url);
    assert!(c.front.image.is_none(), "{:?}", c.front.image);
    assert!(c
        .body
        .contains("Engineers said the work would start in spring"));
}

/// Every attribute and element of a built page that could run something.
fn assert_inert(path: &str, text: &str, allowed_scripts: &std::collections::BTreeSet<String>) {
    let html = Html::parse_document(text);
    let all = Selector::parse("*").unwrap();
    for el in html.select(&all) {
        let v = el.value();
        // The theme's own search forms (role="search"; the hostile page's forms are stripped
        // before they could get here, whatever their role).
        let in_search_form = std::iter::once(*el)
            .chain(el.ancestors())
            .filter_map(|n| n.value().as_element())
            .any(|e| e.name() == "form" && e.attr("role") == Some("search"));
        if v.name() == "form" && in_search_form {
            let action = v.attr("action").unwrap_or("");
            assert!(
                action.is_empty() || action.ends_with("search/index.html"),
                "{path}: a search form sent to {action:?}"
            );
        }
        assert!(
            in_search_form
                || !matches!(
                    v.name(),
                    "iframe"
                        | "object"
                        | "embed"
                        | "form"
                        | "svg"
                        | "math"
                        | "base"
                        | "input"
                        | "button"
                ),
            "{path}: <{}>",
            v.name()
        );
        if v.name() == "meta" {
            assert!(
                v.attr("http-equiv")
                    .is_none_or(|h| !h.eq_ignore_ascii_case("refresh")),
                "{path}: meta refresh"
            );
        }
        for (name, value) in v.attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{path}: {name}={value:?}"
            );
            if matches!(
                name,
                "href" | "src" | "action" | "formaction" | "srcset" | "content"
            ) {
                let squashed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for bad in ["javascript:", "vbscript:", "data:"] {
                    assert!(!squashed.starts_with(bad), "{path}: {name}={value:?}");
                }
            }
            if name == "style" {
                assert!(!value.contains("javascript"), "{path}: style={value:?}");
            }
        }
    }
    for s in html.select(&Selector::parse("script").unwrap()) {
        let ty = s.value().attr("type").unwrap_or("");
        let body: String = s.text().collect();
        if ty == "application/ld+json" {
            serde_json::from_str::<serde_json::Value>(&body)
                .unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse ({e})"));
        } else {
            let key = format!("{}|{ty}|{body}", s.value().attr("src").unwrap_or(""));
            assert!(
                allowed_scripts.contains(&key),
                "{path}: a script the theme does not emit: {key}"
            );
        }
    }
    for st in html.select(&Selector::parse("style").unwrap()) {
        let body: String = st.text().collect();
        assert!(
            !body.contains("javascript"),
            "{path}: a style from the page"
        );
    }
}

fn theme_scripts(
    pages: &std::collections::BTreeMap<String, Vec<u8>>,
) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for (path, bytes) in pages {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for s in html.select(&Selector::parse("script").unwrap()) {
            let ty = s.value().attr("type").unwrap_or("");
            if ty != "application/ld+json" {
                out.insert(format!(
                    "{}|{ty}|{}",
                    s.value().attr("src").unwrap_or(""),
                    s.text().collect::<String>()
                ));
            }
        }
    }
    out
}

#[test]
fn a_hostile_page_builds_into_an_inert_site() {
    let clean = site("basic");
    assert_eq!(build_site(clean.path()).code, 0);
    let allowed = theme_scripts(&tree(&clean.path().join("public")));

    let dir = site("basic");
    let inbox = dir.path().join("content/inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join("hostile.html"), HOSTILE).unwrap();
    let run = build_site(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = tree(&dir.path().join("public"));
    let mut found = false;
    for (path, bytes) in &pages {
        let text = std::str::from_utf8(bytes).unwrap();
        if path.ends_with(".html") {
            assert_inert(path, text, &allowed);
            found |= text.contains("Engineers said the work would start in spring");
        } else if path.ends_with(".xml") {
            roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        } else if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(text)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    assert!(found, "the hostile page's article was not built");
    // The raw file is untouched.
    assert_eq!(
        std::fs::read_to_string(inbox.join("hostile.html")).unwrap(),
        HOSTILE
    );
}

fn ingest(root: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["ingest".as_ref(), "--root".as_ref(), root.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    run_dossier(&args)
}

#[test]
fn big_deep_and_not_html_pages_get_warnings_not_crashes() {
    let dir = site("basic");
    let inbox = dir.path().join("content/inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    // 50 MB of markup: refused with the size in the message.
    let mut big = String::with_capacity(50 << 20);
    big.push_str("<html><body>");
    while big.len() < 50 << 20 {
        big.push_str("<p>The harbour board voted on Tuesday to widen the northern quay.</p>\n");
    }
    std::fs::write(inbox.join("big.html"), &big).unwrap();
    // 100,000 nested elements.
    let deep = format!(
        "<html><head><title>Deep page</title></head><body><h1>Deep page</h1>{}<p>The bottom of a very deep page, reached at last after all those elements.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(inbox.join("deep.html"), &deep).unwrap();
    // A picture saved with an .html name, and a text file with one.
    std::fs::write(inbox.join("picture.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\0IEND").unwrap();
    std::fs::write(
        inbox.join("notes.htm"),
        "Board widens the quay\n\nThe harbour board voted on Tuesday to widen the northern quay, ending a long dispute.\n",
    )
    .unwrap();
    let before = tree(&inbox);
    let run = ingest(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    assert!(err.contains("big.html") && err.contains("50.0 MB"), "{err}");
    assert!(
        err.contains("picture.html") && err.contains("not a text document"),
        "{err}"
    );
    assert!(
        err.contains("notes.htm") && err.contains("no HTML markup"),
        "{err}"
    );
    let articles = tree(&dir.path().join("content/articles"));
    let texts: Vec<String> = articles
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("The bottom of a very deep page")),
        "deep page not converted"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("title: Board widens the quay")),
        "text page not converted"
    );
    assert_eq!(tree(&inbox), before, "raw files changed");
}

#[test]
fn dry_run_shows_fields_origins_and_dropped_blocks() {
    let dir = site("basic");
    let inbox = dir.path().join("content/inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let p = page(
        r#"<meta property="og:title" content="Board widens the quay | Harbour Post"><meta property="article:published_time" content="2024-02-06T09:30:00+01:00"><link rel="canonical" href="https://harbourpost.com/news/quay">"#,
        "<h1>Board widens the quay</h1>",
    );
    std::fs::write(inbox.join("quay.html"), &p).unwrap();
    let run = ingest(dir.path(), &["--dry-run"]);
    let out = &run.stdout;
    assert!(out.contains("title: Board widens the quay"), "{out}");
    assert!(out.contains("field_sources:"), "{out}");
    assert!(out.contains("date: meta article:published_time"), "{out}");
    assert!(out.contains("navigation"), "{out}");
    let written = tree(&dir.path().join("content"));
    assert!(
        !written.keys().any(|k| k.contains("board-widens")),
        "a dry run wrote files"
    );
}

#[test]
fn same_page_same_bytes() {
    let p = page(
        "<meta property=\"og:title\" content=\"Board widens the quay\">",
        "<h1>Board widens the quay</h1>",
    );
    let a = convert("x.html", p.as_bytes()).file_text().unwrap();
    let b = convert("x.html", p.as_bytes()).file_text().unwrap();
    assert_eq!(a, b);
}
