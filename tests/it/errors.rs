//! Bad input: every problem named with file, line and column, all reported together, and the
//! previous output left as it was.

use crate::common::*;

#[test]
fn all_content_errors_are_reported_together_and_public_is_kept() {
    let site = TestSite::fixture("basic");
    site.build().succeeds();
    let before = tree(&site.public());

    let site = site
        .file(
            "content/bad/yaml.md",
            "---\ntitle: \"unclosed\ndate: 2024-01-01\n---\nBody\n",
        )
        .file(
            "content/bad/type.md",
            "---\ntitle: Fine\ndraft: perhaps\n---\n",
        )
        .file(
            "content/bad/date.md",
            "---\ntitle: Fine\ndate: 2024-02-30\n---\n",
        )
        .file(
            "content/bad/untitled.md",
            "---\ndate: 2024-02-01\n---\nNo title.\n",
        )
        .file("content/bad/latin1.md", b"---\ntitle: Caf\xe9\n---\n")
        .file(
            "content/bad/escape.md",
            "---\ntitle: Sneaky\nslug: ../../etc\n---\n",
        )
        .file("content/bad/nofm.md", "Just text, no front matter.\n")
        .file(
            "content/bad/js.md",
            "---\ntitle: Link\nurl: javascript:alert(1)\n---\n",
        );

    let mut run = site.build().fails();
    for needle in [
        "bad/yaml.md:4:1: error: front matter: found unexpected end of stream, while scanning a quoted scalar at line 2 column 8",
        "bad/type.md:3:8:",
        "invalid type",
        "bad/date.md:3:",
        "2024-02-30",
        "bad/untitled.md:1:1: error: front matter has no title",
        "bad/latin1.md:2: error: not valid UTF-8",
        "bad/escape.md:3: error: slug \"../../etc\"",
        "bad/nofm.md:1:1: error: no front matter",
        "bad/js.md:3: error: url \"javascript:alert(1)\"",
        "8 errors in content; nothing was written",
        "help:",
    ] {
        run = run.stderr_has(needle);
    }
    assert_eq!(
        before,
        tree(&site.public()),
        "a failed build changed public/"
    );
}

#[test]
fn two_documents_claiming_one_url_are_both_named() {
    TestSite::fixture("basic")
        .file(
            "content/other/harbour-opens.md",
            "---\ntitle: Same slug\ndate: 2024-05-04\n---\n",
        )
        .build()
        .fails()
        .stderr_has("other/harbour-opens.md")
        .stderr_has("articles/2024/harbour-opens.md claims too");
}

#[test]
fn template_errors_name_template_and_line() {
    let site = TestSite::fixture("basic").file(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title | nosuchfilter }}\n{% endblock content %}\n",
    );
    site.build()
        .fails()
        .stderr_has("article.html")
        .stderr_has("nosuchfilter");

    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock content %}\n",
    );
    site.run(&["check"])
        .fails()
        .stderr_has("article.html")
        .stderr_has("4:");
}

#[test]
fn site_yaml_unknown_key_and_wrong_type_name_the_line() {
    let site = TestSite::fixture("basic");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}colour: blue\n"));
    let lines = yaml.lines().count() + 1;
    site.run(&["check"])
        .fails()
        .stderr_has(&format!("site.yaml:{lines}:"))
        .stderr_has("unknown field `colour`");
    site.write("site.yaml", yaml.replace("per_page: 2", "per_page: two"));
    site.run(&["check"]).fails().stderr_has("per_page");
}

#[test]
fn output_inside_content_is_refused() {
    let site = TestSite::fixture("basic");
    let inside = site.root().join("content/out");
    site.run(&["build", "--output", inside.to_str().unwrap()])
        .fails()
        .stderr_has("overlaps");
    let itself = site.root().to_str().unwrap().to_string();
    site.run(&["build", "--output", &itself]).fails();
}

/// `dossier check` renders every page without writing and fails on what a reader would find
/// broken, naming the file and line where it was written.
#[test]
fn check_names_broken_links_images_anchors_and_template_variables() {
    let site = TestSite::fixture("basic");
    site.run(&["check"]).succeeds();

    site.write(
        "content/articles/2024/links.md",
        "---\ntitle: Links of every kind\ndate: 2024-02-02\n---\nFirst, [a good one](budget-row.md) and [a lost one](../nowhere.md).\n\n![A missing map](/img/no-map.png)\n\nThen [a missing part](#no-such-part).\n",
    );
    let run = site.run(&["check"]).fails();
    let err = run.stderr();
    assert!(
        err.contains("links.md:5:") && err.contains("../nowhere.md"),
        "a broken document link, with its line: {err}"
    );
    assert!(
        err.contains("links.md:7:1: error: broken image \"/img/no-map.png\""),
        "a missing image: {err}"
    );
    assert!(
        err.contains("links.md:9:") && err.contains("no anchor #no-such-part"),
        "a missing anchor: {err}"
    );
    assert!(
        !err.contains("budget-row.md\""),
        "the good link passes: {err}"
    );
    assert!(!site.public().exists(), "check writes nothing");

    // Fixed, the document's links are rewritten to pages and the build's links all resolve.
    site.write(
        "content/articles/2024/links.md",
        "---\ntitle: Links of every kind\ndate: 2024-02-02\n---\nFirst, [a good one](budget-row.md).\n",
    );
    site.run(&["check"]).succeeds();

    // A template with an unknown variable: the template, its line and the page.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.title }}</h1>\n{{ article.titel }}\n{% endblock content %}\n",
    );
    site.run(&["check"])
        .fails()
        .stderr_has("templates/article.html:4")
        .stderr_has("article.titel")
        .stderr_has("while rendering the page articles/");
}

#[test]
fn document_links_and_images_work_from_disk_and_under_a_sub_path() {
    let site = TestSite::fixture("basic")
        .file("content/articles/2024/img/chart.png", b"\x89PNG chart")
        .file(
            "content/articles/2024/links.md",
            "---\ntitle: Links of every kind\ndate: 2024-02-02\n---\nSee [the budget](budget-row.md#p1), [the memo](@/notes/draft.md) and ![chart](img/chart.png).\n",
        );
    site.run(&["build", "--drafts"]).succeeds();
    let public = site.public();
    let page = site.page("articles/links/index.html");
    assert!(
        page.contains("href=\"../../articles/budget-row/index.html#p1\""),
        "{page}"
    );
    assert!(page.contains("src=\"../../media/articles/2024/img/chart.png\""));
    assert_eq!(
        std::fs::read(public.join("media/articles/2024/img/chart.png")).unwrap(),
        b"\x89PNG chart"
    );
    assert!(
        broken_links(&public).is_empty(),
        "{:?}",
        broken_links(&public)
    );
}

#[test]
fn every_front_matter_problem_of_a_file_is_reported() {
    let run = TestSite::fixture("basic")
        .file(
            "content/articles/2024/three.md",
            "---\ntitle: Three problems\ndate: 2024-02-30x\nautor: Someone\ndraft: perhaps\n---\nBody.\n",
        )
        .run(&["check"])
        .fails();
    let err = run.stderr();
    assert!(
        err.contains("three.md:3:1: error: front matter: date:"),
        "{err}"
    );
    assert!(
        err.contains("three.md:4:1: error: front matter: autor: unknown field"),
        "{err}"
    );
    assert!(
        err.contains("three.md:5:1: error: front matter: draft:"),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");
}
