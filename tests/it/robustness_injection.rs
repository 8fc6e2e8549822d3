//! Injection: a document whose every field carries markup, script, quotes, CDATA ends and
//! template syntax is built, and every output format is parsed to prove it came out inert:
//! HTML (an HTML5 parser), Atom and sitemap (an XML parser), JSON-LD and any JSON file
//! (serde_json).

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use scraper::{Html, Selector};

/// Everything at once: closing and opening script, a javascript: URL, both quotes, a CDATA
/// end, Tera output and statement syntax, an HTML comment opener.
const PAYLOAD: &str = "Evil </script><script>alert(1)</script> <img src=x onerror=alert(2)> \"dq\" 'sq' ]]> {{ site.title }} {% if true %}T{% endif %} javascript:alert(3) <!--";

fn yaml_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn injected_site() -> tempfile::TempDir {
    let dir = site("basic");
    let p = yaml_quoted(PAYLOAD);
    let body = format!(
        "{PAYLOAD}\n\n<script>alert(4)</script>\n\n<a href=\"javascript:alert(5)\" onclick=\"alert(6)\">raw link</a>\n\n[md link](javascript:alert(7)) and ![img](javascript:alert(8)) and [ok](https://example.org/?a=\"'<>)\n\n{{{{ config }}}} {{% for x in [1] %}}loop{{% endfor %}}\n"
    );
    let text = format!(
        "---\ntitle: {p}\ndate: 2024-03-05T10:00:00+01:00\nauthors: [{p}]\nsummary: {p}\nsource: {p}\nsection: {p}\ntopics: [{p}, Harbour Works]\nurl: \"https://evil.example/a?b=</script>&c='\\\"\"\nslug: injected\n---\n{body}"
    );
    std::fs::write(dir.path().join("content/articles/2024/injected.md"), text).unwrap();
    dir
}

fn built(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let run = build_site(dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    tree(&dir.join("public"))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// (src, type, text) of every script element of every page: what the theme itself emits.
fn theme_scripts(pages: &std::collections::BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, bytes) in pages {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for s in html.select(&sel("script")) {
            let ty = s.value().attr("type").unwrap_or("");
            if ty == "application/ld+json" {
                continue;
            }
            out.insert(format!(
                "{}|{}|{}",
                s.value().attr("src").unwrap_or(""),
                ty,
                s.text().collect::<String>()
            ));
        }
    }
    out
}

#[test]
fn every_output_format_keeps_the_payload_inert() {
    let clean_dir = site("basic");
    let clean = built(clean_dir.path());
    let allowed_scripts = theme_scripts(&clean);

    let dir = injected_site();
    let pages = built(dir.path());
    assert!(pages.contains_key("articles/injected/index.html"));

    let mut ld_blocks = 0;
    let mut payload_pages = 0;
    for (path, bytes) in &pages {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
        if path.ends_with(".html") {
            let html = Html::parse_document(text);
            for el in html.select(&sel("*")) {
                let v = el.value();
                for (name, value) in v.attrs() {
                    assert!(
                        !name.to_ascii_lowercase().starts_with("on"),
                        "{path}: <{} {name}={value:?}>",
                        v.name()
                    );
                    if matches!(name, "href" | "src" | "action" | "formaction" | "srcset") {
                        let scheme: String = value
                            .trim()
                            .chars()
                            .filter(|c| !c.is_whitespace() && !c.is_control())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        for bad in ["javascript:", "vbscript:", "data:"] {
                            assert!(!scheme.starts_with(bad), "{path}: {name}={value:?}");
                        }
                    }
                }
                assert!(
                    !matches!(v.name(), "iframe" | "object" | "embed" | "img" if v.attr("src") == Some("x")),
                    "{path}: an element from the document's markup"
                );
            }
            for s in html.select(&sel("script")) {
                let ty = s.value().attr("type").unwrap_or("");
                let body: String = s.text().collect();
                if ty == "application/ld+json" {
                    ld_blocks += 1;
                    let value: serde_json::Value = serde_json::from_str(&body)
                        .unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse ({e}): {body}"));
                    assert!(body.trim_end().ends_with('}'), "{path}: JSON-LD cut short");
                    if path == "articles/injected/index.html" {
                        // Shortened for search engines, otherwise the raw text.
                        let headline = value["headline"].as_str().unwrap();
                        assert!(
                            PAYLOAD.starts_with(headline.trim_end_matches('…')),
                            "{path}: headline {headline:?}"
                        );
                        assert_eq!(value["description"], PAYLOAD, "{path}: description");
                        let authors = value["author"].to_string();
                        assert!(authors.contains(&serde_json::to_string(PAYLOAD).unwrap()));
                    }
                } else {
                    let key = format!("{}|{}|{}", s.value().attr("src").unwrap_or(""), ty, body);
                    assert!(
                        allowed_scripts.contains(&key),
                        "{path}: a script the theme does not emit: {key}"
                    );
                }
            }
            // Where the title is shown, it is shown as the exact text written.
            let shown: Vec<String> = html
                .select(&sel("h1, h2, h3, a, title, p, li, span"))
                .map(|e| e.text().collect::<String>())
                .collect();
            if shown.iter().any(|t| t.contains(PAYLOAD)) {
                payload_pages += 1;
            }
            for t in &shown {
                assert!(
                    !t.contains("Fixture Briefing T"),
                    "{path}: template syntax was evaluated: {t}"
                );
            }
        }
        if path.ends_with(".xml") {
            let doc = roxmltree::Document::parse(text)
                .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}"));
            assert!(
                doc.descendants().all(|n| !n.has_tag_name("script")),
                "{path}: an element came from the document"
            );
        }
        if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(text)
                .unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"));
        }
    }
    assert!(ld_blocks > 0, "no JSON-LD was checked");
    assert!(
        payload_pages >= 3,
        "the title was shown whole on {payload_pages} pages"
    );

    let article =
        Html::parse_document(std::str::from_utf8(&pages["articles/injected/index.html"]).unwrap());
    let h1: String = article.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1, PAYLOAD);
    let body: String = article.select(&sel("#p1")).next().unwrap().text().collect();
    assert_eq!(body, PAYLOAD, "the first paragraph is the payload, as text");
    let all_text: String = article.root_element().text().collect();
    assert!(
        all_text.contains("{{ config }}")
            && all_text.contains("{% for x in [1] %}loop{% endfor %}")
    );
    let canonical = article.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://example.org/fixture/articles/injected/")
    );
    let original: Vec<&str> = article
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with("https://evil.example"))
        .collect();
    assert_eq!(original, vec!["https://evil.example/a?b=</script>&c='\""]);

    // The feed: the entry's title and author are the raw strings.
    let feed = std::str::from_utf8(&pages["atom.xml"]).unwrap();
    let doc = roxmltree::Document::parse(feed).unwrap();
    let entry = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.children()
                .any(|c| c.has_tag_name("title") && c.text() == Some(PAYLOAD))
        })
        .expect("an Atom entry titled with the payload");
    let author = entry
        .descendants()
        .find(|n| n.has_tag_name("name"))
        .and_then(|n| n.text());
    assert_eq!(author, Some(PAYLOAD));
    assert!(entry
        .children()
        .any(|c| c.has_tag_name("category") && c.attribute("term") == Some(PAYLOAD)));
    let summary = entry
        .children()
        .find(|c| c.has_tag_name("summary"))
        .and_then(|c| c.text());
    assert_eq!(summary, Some(PAYLOAD));

    let sitemap = std::str::from_utf8(&pages["sitemap.xml"]).unwrap();
    let doc = roxmltree::Document::parse(sitemap).unwrap();
    assert!(doc.descendants().any(|n| n.has_tag_name("loc")
        && n.text() == Some("https://example.org/fixture/articles/injected/")));
}
