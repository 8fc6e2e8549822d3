//! Throughput of the saved-page conversion (`ingest::html::convert_page`) on one core: a
//! synthetic saved page of about 1 MB written here (scripts, menus, a 100 KB article, teasers), and the dev set's saved pages (read from
//! ../shared/devset/html when present).
//!
//! Run: `cargo bench --bench ingest_html` (criterion reports bytes per second).

use std::io::Read;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::ingest::{html, ConvertOptions};

/// A saved news page of about `target_bytes`, shaped like the dev set's: most of the bytes are
/// inline scripts and styles, menus and teaser rails; the article is about a tenth.
fn synthetic_page(target_bytes: usize) -> String {
    let mut s = String::from(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour talks drag on | Harbour Post</title>
<meta property="og:title" content="Harbour talks drag on"><meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="2024-02-06T09:30:00+01:00"><link rel="canonical" href="https://harbourpost.com/news/talks">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour talks drag on","author":{"@type":"Person","name":"Ana Ruiz"}}</script>
"#,
    );
    // Inline scripts and styles: a third of the page.
    let mut i = 0;
    while s.len() < target_bytes / 3 {
        s.push_str(&format!(
            "<script>window.cfg_{i} = {{\"slot\": \"ad-{i}\", \"sizes\": [[300, 250], [728, 90]], \"targeting\": {{\"section\": \"news\"}}}};</script>\n<style>.c{i}{{margin:0 auto;padding:{i}px;color:#333}}</style>\n"
        ));
        i += 1;
    }
    s.push_str("</head><body><header class=\"masthead\"><nav class=\"site-nav\"><ul>");
    // Menus: another fifth.
    while s.len() < target_bytes * 8 / 15 {
        s.push_str(&format!("<li class=\"menu-item\"><a href=\"/section/{i}\">Section {i}</a><ul><li><a href=\"/section/{i}/a\">Local</a></li><li><a href=\"/section/{i}/b\">World</a></li></ul></li>\n"));
        i += 1;
    }
    s.push_str("</ul></nav></header><main><article><h1>Harbour talks drag on</h1><p class=\"byline\">By Ana Ruiz</p><time datetime=\"2024-02-06T09:30:00+01:00\">February 6, 2024</time>\n");
    let paragraphs = [
        "<p>Negotiators met again on Tuesday to settle the future of the old harbour, officials said, as both sides traded <a href=\"/offers\">new offers</a> late into the night.</p>",
        "<p>“We are closer than we were a week ago, but there is a lot of work left,” one delegate said, asking not to be named because the talks are private.</p>",
        "<figure><img src=\"/img/quay.jpg\" alt=\"The quay\"><figcaption>Residents gather on the quay in the old town.</figcaption></figure>",
        "<h2>What is on the table</h2><ul><li>Twice the berths</li><li>A new fish market</li></ul>",
        "<blockquote><p>The sea wall will not survive another winter like the last one.</p></blockquote>",
        "<div class=\"ad-slot\"><script>show_ad()</script>Advertisement</div>",
        "<p>Officials said a draft could be ready by the end of the month if the finance ministry agrees to cover <em>two thirds</em> of the cost, which it has so far refused to do.</p>",
    ];
    // The article: about a tenth.
    let article_end = s.len() + target_bytes / 10;
    let mut k = 0;
    while s.len() < article_end {
        s.push_str(paragraphs[k % paragraphs.len()]);
        s.push('\n');
        k += 1;
    }
    s.push_str("</article><aside class=\"rail\">");
    // Teasers: the rest.
    while s.len() < target_bytes {
        s.push_str(&format!("<div class=\"teaser\"><a href=\"/story/{i}\"><img src=\"/t/{i}.jpg\" alt=\"\"><h3>Another headline about something else, number {i}</h3></a><p>A line of summary under the teaser.</p></div>\n"));
        i += 1;
    }
    s.push_str("</aside></main><footer><p>© 2024 Harbour Post</p></footer></body></html>");
    s
}

fn bench(c: &mut Criterion) {
    let opts = ConvertOptions::default();
    let page = synthetic_page(1 << 20);
    let mut g = c.benchmark_group("convert_html");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("synthetic_1mb", |b| {
        b.iter(|| {
            html::convert_page(page.as_bytes(), "content/inbox/page.html", &opts)
                .map(|c| c.body.len())
        })
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devset/html");
    let mut pages: Vec<Vec<u8>> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
            .collect();
        paths.sort();
        for p in paths {
            let mut raw = Vec::new();
            if let Ok(f) = std::fs::File::open(&p) {
                if flate2::read::GzDecoder::new(f)
                    .read_to_end(&mut raw)
                    .is_ok()
                {
                    pages.push(raw);
                }
            }
        }
    }
    if pages.is_empty() {
        eprintln!(
            "note: {} not found; dev-set benchmark skipped",
            dir.display()
        );
    } else {
        let bytes: usize = pages.iter().map(Vec::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("devset_pages", |b| {
            b.iter(|| {
                pages
                    .iter()
                    .filter_map(|p| html::convert_page(p, "content/inbox/page.html", &opts).ok())
                    .map(|c| c.body.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
