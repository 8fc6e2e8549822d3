//! Bad input: every problem named with file, line and column, all reported together, and the
//! previous output left as it was.

mod common;

use common::*;
use predicates::prelude::*;

fn write(site: &std::path::Path, rel: &str, text: &[u8]) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn all_content_errors_are_reported_together_and_public_is_kept() {
    let site = site("basic");
    let root = site.path();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .assert()
        .success();
    let before = tree(&root.join("public"));

    write(
        root,
        "content/bad/yaml.md",
        b"---\ntitle: \"unclosed\ndate: 2024-01-01\n---\nBody\n",
    );
    write(
        root,
        "content/bad/type.md",
        b"---\ntitle: Fine\ndraft: perhaps\n---\n",
    );
    write(
        root,
        "content/bad/date.md",
        b"---\ntitle: Fine\ndate: 2024-02-30\n---\n",
    );
    write(
        root,
        "content/bad/untitled.md",
        b"---\ndate: 2024-02-01\n---\nNo title.\n",
    );
    write(root, "content/bad/latin1.md", b"---\ntitle: Caf\xe9\n---\n");
    write(
        root,
        "content/bad/escape.md",
        b"---\ntitle: Sneaky\nslug: ../../etc\n---\n",
    );
    write(
        root,
        "content/bad/nofm.md",
        b"Just text, no front matter.\n",
    );
    write(
        root,
        "content/bad/js.md",
        b"---\ntitle: Link\nurl: javascript:alert(1)\n---\n",
    );

    let assert = dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
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
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert_eq!(
        before,
        tree(&root.join("public")),
        "a failed build changed public/"
    );
}

#[test]
fn two_documents_claiming_one_url_are_both_named() {
    let site = site("basic");
    let root = site.path();
    write(
        root,
        "content/other/harbour-opens.md",
        b"---\ntitle: Same slug\ndate: 2024-05-04\n---\n",
    );
    dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("other/harbour-opens.md"))
        .stderr(predicate::str::contains(
            "articles/2024/harbour-opens.md claims too",
        ));
}

#[test]
fn template_errors_name_template_and_line() {
    let site = site("basic");
    let root = site.path();
    write(root, "templates/article.html", b"{% extends \"base.html\" %}\n{% block content %}\n{{ article.title | nosuchfilter }}\n{% endblock content %}\n");
    dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("article.html"))
        .stderr(predicate::str::contains("nosuchfilter"));

    write(root, "templates/article.html", b"{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock content %}\n");
    dossier()
        .arg("check")
        .arg("--root")
        .arg(root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("article.html"))
        .stderr(predicate::str::contains("4:"));
}

#[test]
fn site_yaml_unknown_key_and_wrong_type_name_the_line() {
    let site = site("basic");
    let root = site.path();
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(root.join("site.yaml"), format!("{yaml}colour: blue\n")).unwrap();
    let lines = yaml.lines().count() + 1;
    dossier()
        .arg("check")
        .arg("--root")
        .arg(root)
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("site.yaml:{lines}:")))
        .stderr(predicate::str::contains("unknown field `colour`"));
    std::fs::write(
        root.join("site.yaml"),
        yaml.replace("per_page: 2", "per_page: two"),
    )
    .unwrap();
    dossier()
        .arg("check")
        .arg("--root")
        .arg(root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("per_page"));
}

#[test]
fn output_inside_content_is_refused() {
    let site = site("basic");
    let root = site.path();
    dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(root.join("content/out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("overlaps"));
    dossier()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(root)
        .assert()
        .failure();
}

/// `dossier check` renders every page without writing and fails on what a reader would find
/// broken, naming the file and line where it was written.
#[test]
fn check_names_broken_links_images_anchors_and_template_variables() {
    let site = site("basic");
    let root = site.path();
    dossier()
        .arg("check")
        .arg("-r")
        .arg(root)
        .assert()
        .success();

    write(
        root,
        "content/articles/2024/links.md",
        b"---\ntitle: Links of every kind\ndate: 2024-02-02\n---\nFirst, [a good one](budget-row.md) and [a lost one](../nowhere.md).\n\n![A missing map](/img/no-map.png)\n\nThen [a missing part](#no-such-part).\n",
    );
    let out = dossier().arg("check").arg("-r").arg(root).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
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
    assert!(!root.join("public").exists(), "check writes nothing");

    // Fixed, the document's links are rewritten to pages and the build's links all resolve.
    write(
        root,
        "content/articles/2024/links.md",
        b"---\ntitle: Links of every kind\ndate: 2024-02-02\n---\nFirst, [a good one](budget-row.md).\n",
    );
    dossier()
        .arg("check")
        .arg("-r")
        .arg(root)
        .assert()
        .success();

    // A template with an unknown variable: the template, its line and the page.
    write(
        root,
        "templates/article.html",
        b"{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.title }}</h1>\n{{ article.titel }}\n{% endblock content %}\n",
    );
    dossier()
        .arg("check")
        .arg("-r")
        .arg(root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("templates/article.html:4"))
        .stderr(predicate::str::contains("article.titel"))
        .stderr(predicate::str::contains(
            "while rendering the page articles/",
        ));
}

#[test]
fn document_links_and_images_work_from_disk_and_under_a_sub_path() {
    let site = site("basic");
    let root = site.path();
    write(
        root,
        "content/articles/2024/img/chart.png",
        b"\x89PNG chart",
    );
    write(
        root,
        "content/articles/2024/links.md",
        b"---\ntitle: Links of every kind\ndate: 2024-02-02\n---\nSee [the budget](budget-row.md#p1), [the memo](@/notes/draft.md) and ![chart](img/chart.png).\n",
    );
    dossier()
        .args(["build", "--drafts", "-r"])
        .arg(root)
        .assert()
        .success();
    let public = root.join("public");
    let page = std::fs::read_to_string(public.join("articles/links/index.html")).unwrap();
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
    let site = site("basic");
    let root = site.path();
    write(
        root,
        "content/articles/2024/three.md",
        b"---\ntitle: Three problems\ndate: 2024-02-30x\nautor: Someone\ndraft: perhaps\n---\nBody.\n",
    );
    let out = dossier().arg("check").arg("-r").arg(root).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
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
