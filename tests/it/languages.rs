//! A site in five languages (tests/fixtures/languages): each page's `lang` and `dir`, the
//! interface in the site's language, strings from site.yaml and their English fallback,
//! quotes in German, and one story from a German and an English report of one event.

use std::path::Path;

use crate::common::{dossier, site};

fn build(dir: &Path) -> String {
    let out = dossier()
        .arg("--root")
        .arg(dir)
        .args(["build", "-v"])
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout)
}

fn read(dir: &Path, page: &str) -> String {
    std::fs::read_to_string(dir.join("public").join(page)).unwrap()
}

/// The `<html ...>` start tag of a page.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").unwrap();
    &page[start..start + page[start..].find('>').unwrap() + 1]
}

#[test]
fn each_page_carries_its_language_and_direction() {
    let dir = site("languages");
    build(dir.path());
    let root = dir.path();
    for (slug, tag) in [
        ("kessling-barrier-en", r#"<html lang="en">"#),
        // Detected: its front matter names no language.
        ("kessling-barrier-de", r#"<html lang="de">"#),
        // `language:` is read as `lang:`.
        ("tramway-lyon-fr", r#"<html lang="fr">"#),
        ("erdogan-madrid-es", r#"<html lang="es">"#),
        ("library-sfax-ar", r#"<html lang="ar" dir="rtl">"#),
    ] {
        let page = read(root, &format!("articles/{slug}/index.html"));
        assert_eq!(html_tag(&page), tag, "{slug}");
        let lang = &tag[12..14];
        assert!(
            page.contains(&format!(r#""inLanguage":"{lang}""#)),
            "{slug}: JSON-LD inLanguage"
        );
        // The interface around another language's article keeps the site's.
        let masthead = if lang == "en" {
            r#"<header class="masthead">"#.to_string()
        } else {
            r#"<header class="masthead" lang="en" dir="ltr">"#.to_string()
        };
        if lang == "ar" || lang == "en" {
            assert!(page.contains(&masthead), "{slug}: {masthead}");
        } else {
            assert!(
                page.contains(r#"<header class="masthead" lang="en">"#),
                "{slug}"
            );
        }
    }
    // Lists mark the entries in another language than the site's.
    let home = read(root, "index.html");
    assert_eq!(html_tag(&home), r#"<html lang="en">"#);
    assert!(
        home.contains(r#"lang="ar" dir="rtl">افتتاح مكتبة"#),
        "{home}"
    );
    assert!(home.contains(r#"lang="es" dir="ltr">Erdoğan visita Madrid"#));
    // Feed entries say their language where it is not the feed's.
    let feed = read(root, "atom.xml");
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#));
    assert!(feed.contains(r#"<entry xml:lang="ar">"#));
    assert!(feed.contains(r#"<entry xml:lang="de">"#));
    // The topic written "Erdogan" in site.yaml finds "Erdoğan" in the Spanish report.
    let topic = read(root, "topics/recep-tayyip-erdogan/index.html");
    assert!(topic.contains("Erdoğan visita Madrid"), "{topic}");
}

#[test]
fn a_german_and_an_english_report_of_one_event_make_one_story() {
    let dir = site("languages");
    build(dir.path());
    let index: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "stories/index.json")).unwrap();
    let stories = index["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{index:#}");
    let mut urls: Vec<&str> = stories[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["url"].as_str().unwrap())
        .collect();
    urls.sort();
    assert_eq!(
        urls,
        vec![
            "articles/kessling-barrier-de/",
            "articles/kessling-barrier-en/"
        ]
    );
}

#[test]
fn a_german_quote_is_attributed_to_its_speaker() {
    let dir = site("languages");
    build(dir.path());
    let quotes = read(dir.path(), "quotes/index.html");
    let at = quotes
        .find("Wir haben die Lage unter Kontrolle")
        .expect("the German quotation is on the quotes page");
    let speaker = quotes[..at].rfind("<h2>").map(|k| &quotes[k..at]).unwrap();
    assert!(speaker.contains("Ilse Brandauer"), "{speaker}");
}

#[test]
fn a_german_site_speaks_german() {
    let dir = site("languages");
    let yaml = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    std::fs::write(
        dir.path().join("site.yaml"),
        yaml.replace("language: en", "language: de"),
    )
    .unwrap();
    let log = build(dir.path());
    assert!(!log.contains("warning"), "{log}");
    let home = read(dir.path(), "index.html");
    assert_eq!(html_tag(&home), r#"<html lang="de">"#);
    for words in [
        ">Aktuell</a>",
        ">Chronik</a>",
        ">Themen</a>",
        "Neueste Ausgabe",
        "Dienstag, 6. Februar 2024",
        "Zum Inhalt springen",
        "Frühere Tage",
    ] {
        assert!(home.contains(words), "{words} in {home}");
    }
    // An English report on a German site is marked as English.
    let day = read(dir.path(), "archive/2024/02/06/index.html");
    assert!(
        day.contains(r#"lang="en" dir="ltr">Flood barrier"#),
        "{day}"
    );
    let article = read(dir.path(), "articles/kessling-barrier-de/index.html");
    assert_eq!(html_tag(&article), r#"<html lang="de">"#);
    assert!(article.contains("Min. Lesezeit"), "{article}");
    let english = read(dir.path(), "articles/kessling-barrier-en/index.html");
    assert!(english.contains(r#"<header class="masthead" lang="de">"#));
}

#[test]
fn strings_from_site_yaml_and_english_for_the_missing_ones() {
    let dir = site("languages");
    let yaml = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    std::fs::write(
        dir.path().join("site.yaml"),
        yaml.replace(
            "language: en",
            "language: it\nstrings:\n  nav_latest: Ultime notizie\n  nav_topics: Argomenti",
        ),
    )
    .unwrap();
    let log = build(dir.path());
    assert!(
        log.contains("warning") && log.contains("`it`") && log.contains("`about_topic`"),
        "{log}"
    );
    assert!(!log.contains("`nav_latest`"), "{log}");
    let home = read(dir.path(), "index.html");
    assert!(home.contains(">Ultime notizie</a>"));
    assert!(home.contains(">Argomenti</a>"));
    // No Italian table: English, and the dates in Italian all the same.
    assert!(home.contains(">Timeline</a>"));
    assert!(home.contains("martedì, 6 febbraio 2024"), "{home}");

    // A key the interface does not have is an error naming it.
    std::fs::write(
        dir.path().join("site.yaml"),
        "title: X\nstrings:\n  nav_lates: Oops\n",
    )
    .unwrap();
    dossier()
        .arg("--root")
        .arg(dir.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicates::str::contains("strings.nav_lates"));
}

#[test]
fn a_bad_language_tag_is_an_error_with_its_line() {
    let dir = site("languages");
    let path = dir.path().join("content/articles/tramway-lyon-fr.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("language: fr", "language: French")).unwrap();
    dossier()
        .arg("--root")
        .arg(dir.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicates::str::contains("tramway-lyon-fr.md:5"))
        .stderr(predicates::str::contains("not a language tag"));
}
