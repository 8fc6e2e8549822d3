//! Lead images of saved pages: kept as web addresses and shown on cards, or, when the user asks
//! (`--download-images`), fetched into `static/images/inbox/` within a size limit, and only
//! when the bytes are a raster image. The "outlet" is a local HTTP server the test runs.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

use crate::common::*;

/// A tiny valid PNG (1x1, grey).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
    0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x68, 0x00, 0x00, 0x00,
    0x82, 0x00, 0x81, 0x4C, 0x17, 0xD7, 0xDF, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// Serve a few fixed answers on 127.0.0.1 until the test ends; returns the base address.
fn outlet_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Read the headers to their end so the client sees a well-behaved server.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/");
            let big = {
                let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0];
                b.resize(5000, 7);
                b
            };
            let (status, kind, body): (&str, &str, Vec<u8>) = match path {
                "/lead.png" => ("200 OK", "image/png", PNG.to_vec()),
                "/big.jpg" => ("200 OK", "image/jpeg", big),
                "/evil.png" => (
                    "200 OK",
                    "image/png",
                    b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .to_vec(),
                ),
                _ => ("404 Not Found", "text/plain", b"no".to_vec()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    base
}

/// A saved page; `topic` picks one of four unrelated reports, so no two form a story.
fn saved_page(title: &str, image: &str, topic: usize) -> String {
    let body = [
        "The harbour board voted on Tuesday to widen the northern quay, ending a dispute that had lasted three winters. Engineers said the berths would be doubled along the whole length of the quay.",
        "Winter sailings to the islands will leave an hour later from March, the ferry company said, after complaints from commuters about the early crossing and the cold waiting room.",
        "Traders at the old fish market will move to a new hall beside the ring road next year. Several stallholders said rents in the new building were twice what they pay today.",
        "Restorers finished repairing the clock tower's face, which the autumn gale tore loose. The bells, silent since October, will ring again at noon on Sunday for the first time.",
    ][topic];
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:image" content="{image}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2024-02-06T09:00:00Z","author":{{"@type":"Person","name":"Ines Duarte"}}}}</script>
</head><body><article><h1>{title}</h1>
<p>{body}</p>
</article></body></html>"#
    )
}

fn front_matter(root: &Path, stem: &str) -> String {
    for e in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            if text.contains(&format!("source_file: content/inbox/{stem}.html")) {
                return text;
            }
        }
    }
    panic!("no document converted from {stem}.html");
}

fn image_line(md: &str) -> String {
    md.lines()
        .find(|l| l.starts_with("image:"))
        .unwrap_or("")
        .trim_start_matches("image:")
        .trim()
        .to_string()
}

#[test]
fn lead_images_are_downloaded_on_request_within_limits() {
    let base = outlet_server();
    let dir = site("basic");
    let root = dir.path();
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        format!("{yaml}\ningest:\n  image_max_bytes: 4000\n"),
    )
    .unwrap();
    let inbox = root.join("content/inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    for (topic, (stem, title, path)) in [
        ("quay", "Board widens the northern quay", "/lead.png"),
        ("ferry", "Ferry timetable changes for winter", "/big.jpg"),
        ("market", "Fish market moves inland", "/evil.png"),
        ("tower", "Clock tower restored after storm", "/gone.jpg"),
    ]
    .into_iter()
    .enumerate()
    {
        std::fs::write(
            inbox.join(format!("{stem}.html")),
            saved_page(title, &format!("{base}{path}"), topic),
        )
        .unwrap();
    }

    // Without the flag nothing is fetched: the web address stays, and cards show it.
    let run = run_dossier(&[
        "ingest".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--dry-run".as_ref(),
        "--download-images".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !root.join("static/images/inbox").exists(),
        "a dry run fetched"
    );

    let run = run_dossier(&[
        "ingest".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--download-images".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The PNG is on the site, named by its content; the original address is kept beside it.
    let quay = front_matter(root, "quay");
    let local = image_line(&quay);
    assert!(
        local.starts_with("/images/inbox/") && local.ends_with(".png"),
        "{quay}"
    );
    let file = root.join("static").join(local.trim_start_matches('/'));
    assert_eq!(std::fs::read(&file).unwrap(), PNG);
    assert!(
        quay.contains(&format!("image_url: {base}/lead.png")),
        "{quay}"
    );

    // Too big, not an image, missing: each keeps its web address and gets a warning naming
    // the raw file and the reason.
    for (stem, path, why) in [
        ("ferry", "/big.jpg", "over the limit of 4000"),
        ("market", "/evil.png", "did not give a JPEG, PNG"),
        ("tower", "/gone.jpg", "404"),
    ] {
        assert_eq!(
            image_line(&front_matter(root, stem)),
            format!("{base}{path}")
        );
        let warning = run
            .stderr
            .lines()
            .find(|l| l.contains(&format!("{stem}.html")) && l.contains("lead image"))
            .unwrap_or_else(|| panic!("no warning for {stem}: {}", run.stderr));
        assert!(warning.contains(why), "{warning}");
    }
    let stored: Vec<_> = std::fs::read_dir(root.join("static/images/inbox"))
        .unwrap()
        .collect();
    assert_eq!(stored.len(), 1, "only the PNG is stored");

    // The build shows the lead images on cards (the local one relative to the page, so it works
    // from file:// and under a sub-path) and in link previews (absolute).
    let run = build_site(root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = root.join("public");
    let day = std::fs::read_to_string(public.join("archive/2024/02/06/index.html")).unwrap();
    let local_src = format!("src=\"../../../../{}\"", local.trim_start_matches('/'));
    assert!(
        day.contains(&format!("<img class=\"card-image\" {local_src}")),
        "{day}"
    );
    assert!(
        day.contains(&format!("src=\"{base}/big.jpg\"")),
        "remote image not on its card"
    );
    assert!(public.join(local.trim_start_matches('/')).is_file());
    let article = walkdir::WalkDir::new(public.join("articles"))
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .find(|p| {
            p.ends_with("index.html")
                && std::fs::read_to_string(p)
                    .unwrap()
                    .contains("<title>Board widens the northern quay")
        })
        .expect("the quay article page");
    let page = std::fs::read_to_string(article).unwrap();
    assert!(
        page.contains(&format!(
            "<meta property=\"og:image\" content=\"https://example.org/fixture{local}\">"
        )),
        "{page}"
    );
}

#[test]
fn image_paths_in_front_matter_stay_on_the_site() {
    let dir = site("basic");
    let root = dir.path();
    let doc = root.join("content/articles/escape.md");
    for (image, ok) in [
        ("/images/lead.jpg", true),
        ("images/lead.jpg", true),
        ("https://cdn.example/lead.jpg", true),
        ("../../etc/passwd", false),
        ("javascript:alert(1)", false),
        ("//evil.example/x.jpg", false),
    ] {
        std::fs::write(
            &doc,
            format!(
                "---\ntitle: Escape test\ndate: 2024-02-06\nimage: \"{image}\"\n---\nBody text.\n"
            ),
        )
        .unwrap();
        let run = build_site(root);
        assert_eq!(run.code == 0, ok, "{image}: {}", run.stderr);
        if !ok {
            assert!(
                run.stderr.contains("escape.md") && run.stderr.contains("image"),
                "{}",
                run.stderr
            );
        }
    }
}
