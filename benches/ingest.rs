//! Throughput of `ingest::convert` on one core: a synthetic news page of about 1 MB written
//! here, the specimen documents (read from ../shared/seeds when present) and the dev set's
//! pages (../shared/devset/docs when present).
//!
//! Run: `cargo bench --bench ingest` (criterion reports bytes per second).

use std::path::Path;

/// The allocator the `dossier` binary ships with (the default `mimalloc` feature), so that
/// the bench measures the conversion as the binary runs it.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::ingest::{convert, ConvertOptions};

/// A long page: furniture, a header, many paragraphs with quotes and captions, teasers.
fn synthetic_page(target_bytes: usize) -> String {
    let mut s = String::from(
        "Skip to main content\nMenu\nWorld\n\nHarbour talks drag on as ministers trade offers\n\nBy Ana Ruiz and Kim Sato, Reuters\nPublished February 6, 2024 | Updated February 7, 2024\n4 min read\n\n",
    );
    let paragraphs = [
        "CAIRO (Reuters) - Negotiators met again on Tuesday to settle the future of the old harbour, officials said, as both sides traded new offers late into the night.",
        "\"We are closer than we were a week ago, but there is a lot of work left,\" one delegate said, asking not to be named because the talks are private.",
        "Residents gather on the quay in the old town, Tuesday, Feb. 6, 2024. Jane Roe, Reuters",
        "The plan would double the number of berths and move the fish market inland, a change fishermen have resisted for a decade.",
        "Talks resume next week",
        "(Lina Haddad, harbour engineer)",
        "\"The sea wall will not survive another winter like the last one.\"",
        "ADVERTISEMENT",
        "Officials said a draft could be ready by the end of the month if the finance ministry agrees to cover two thirds of the cost, which it has so far refused to do.",
    ];
    let mut i = 0;
    while s.len() < target_bytes {
        s.push_str(paragraphs[i % paragraphs.len()]);
        // Vary the text so duplicate detection works as on real pages.
        s.push_str(&format!(" ({i})\n\n"));
        i += 1;
    }
    s.push_str("Reporting by Ana Ruiz in Cairo; Editing by Lee Park\n\nMore stories\n\nAnother headline about something else\n\nSubscribe to our newsletter\n\nWe use cookies to improve your experience on our site.\n");
    s
}

fn bench(c: &mut Criterion) {
    let opts = ConvertOptions::default();
    if let Some(dir) = std::env::var_os("INGEST_DUMP") {
        dump(Path::new(&dir), &opts);
        return;
    }
    let page = synthetic_page(1 << 20);
    let mut g = c.benchmark_group("convert");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("synthetic_1mb", |b| {
        b.iter(|| convert(page.as_bytes(), "content/inbox/page.txt", &opts).map(|c| c.body.len()))
    });
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let docs = text_files(&seeds);
    if docs.is_empty() {
        eprintln!(
            "note: {} not found; specimen benchmark skipped",
            seeds.display()
        );
    } else {
        let total: usize = docs.iter().map(Vec::len).sum();
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function("specimens", |b| {
            b.iter(|| {
                docs.iter()
                    .filter_map(|d| convert(d, "content/inbox/x.txt", &opts).ok())
                    .count()
            })
        });
    }
    // The dev set's 123 real pages (../shared/devset/docs), when present: the speed that
    // CONVERSION.md records (goal: at least 20 MB/s of raw text per core).
    let devset = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devset/docs");
    let pages = text_files(&devset);
    if pages.is_empty() {
        eprintln!(
            "note: {} not found; dev set benchmark skipped",
            devset.display()
        );
    } else {
        let total: usize = pages.iter().map(Vec::len).sum();
        cpu_throughput(&pages, &opts);
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function("devset_pages", |b| {
            b.iter(|| {
                pages
                    .iter()
                    .filter_map(|d| convert(d, "content/inbox/x.txt", &opts).ok())
                    .count()
            })
        });
    }
    g.finish();
}

/// This thread's CPU time in seconds: unlike wall time, it does not count the time other
/// processes on a shared machine hold the core.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Raw text converted per CPU second on this thread (the "per core" figure), printed once:
/// every page converted again until ten CPU seconds have passed (`INGEST_CPU_SECONDS`
/// sets another length: under `valgrind --tool=callgrind`, whose instruction counts do not
/// depend on the machine's load, one round takes about twenty).
fn cpu_throughput(pages: &[Vec<u8>], opts: &ConvertOptions) {
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let seconds: f64 = std::env::var("INGEST_CPU_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);
    let start = thread_cpu_seconds();
    let mut rounds = 0usize;
    while thread_cpu_seconds() - start < seconds {
        for p in pages {
            std::hint::black_box(
                convert(p, "content/inbox/x.txt", opts)
                    .map(|c| c.body.len())
                    .ok(),
            );
        }
        rounds += 1;
    }
    let cpu = thread_cpu_seconds() - start;
    let mib = (bytes * rounds) as f64 / 1_048_576.0;
    eprintln!(
        "devset pages: {} pages, {:.2} MiB, {rounds} rounds in {cpu:.2} CPU s: {:.1} MiB per CPU second",
        pages.len(),
        bytes as f64 / 1_048_576.0,
        mib / cpu
    );
}

/// `INGEST_DUMP=DIR cargo bench --bench ingest`: instead of timing, write what every dev-set
/// page (raw text and saved HTML) and specimen converts to (the generated file, the dropped
/// lines and the warnings) into DIR, one file per page, and stop. A speed change must leave
/// these byte-identical: `diff -r` the folders written before and after it.
fn dump(dir: &Path, opts: &ConvertOptions) {
    use std::io::Read;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared");
    std::fs::create_dir_all(dir).expect("the dump folder can be made");
    let mut inputs: Vec<(String, Vec<u8>, bool)> = Vec::new();
    for (label, sub) in [("devset", "devset/docs"), ("seed", "seeds")] {
        for (name, bytes) in named_files(&root.join(sub), "txt") {
            inputs.push((format!("{label}-{name}"), bytes, false));
        }
    }
    for (name, gz) in named_files(&root.join("devset/html"), "gz") {
        let mut page = Vec::new();
        if flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut page)
            .is_ok()
        {
            inputs.push((format!("html-{name}"), page, true));
        }
    }
    for (name, bytes, html) in &inputs {
        let out = if *html {
            dossier::ingest::html::convert_page(bytes, "content/inbox/x.html", opts)
        } else {
            convert(bytes, "content/inbox/x.txt", opts)
        };
        let text = match out {
            Ok(c) => format!(
                "{}\n--- dropped\n{:#?}\n--- warnings\n{:#?}\n",
                c.file_text()
                    .unwrap_or_else(|e| format!("no file text: {e}")),
                c.dropped,
                c.warnings
            ),
            Err(e) => format!("unconvertible: {e:?}\n"),
        };
        std::fs::write(dir.join(format!("{name}.out")), text).expect("the dump can be written");
    }
    eprintln!("{} conversions written to {}", inputs.len(), dir.display());
}

criterion_group!(benches, bench);
criterion_main!(benches);

/// The names and bytes of every file in `dir` whose name ends in `.ext`, by name.
fn named_files(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), std::fs::read(p).ok()?)))
        .collect()
}

/// The bytes of every `.txt` file in `dir`, by name; none when the folder is absent.
fn text_files(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}
