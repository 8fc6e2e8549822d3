//! Watch-mode latency: the time from saving one document to its updated page on disk, beside
//! the time of a full build. Run through `bench/watch.sh SITE`; see BENCHMARKS.md.
//!
//! Usage: watch_latency SITE [--runs N] [--doc CONTENT_REL] [--page OUTPUT_REL] [--bin DOSSIER]
//!
//! The site is left as it was found: the edited document is restored at the end, and every
//! build goes into a temporary folder.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

struct Args {
    site: PathBuf,
    runs: usize,
    doc: Option<String>,
    page: Option<String>,
    bin: PathBuf,
}

fn usage() -> ! {
    eprintln!(
        "usage: watch_latency SITE [--runs N] [--doc CONTENT_REL] [--page OUTPUT_REL] [--bin DOSSIER]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut it = std::env::args().skip(1);
    let mut site = None;
    let mut runs = 20;
    let mut doc = None;
    let mut page = None;
    // Examples land in target/<profile>/examples/; the binary is one folder up.
    let mut bin = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("dossier")))
        .unwrap_or_else(|| PathBuf::from("dossier"));
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--doc" => doc = Some(it.next().unwrap_or_else(|| usage())),
            "--page" => page = Some(it.next().unwrap_or_else(|| usage())),
            "--bin" => bin = PathBuf::from(it.next().unwrap_or_else(|| usage())),
            s if s.starts_with('-') => usage(),
            s => site = Some(PathBuf::from(s)),
        }
    }
    Args {
        site: site.unwrap_or_else(|| usage()),
        runs,
        doc,
        page,
        bin,
    }
}

fn first_markdown(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir).ok()?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            if let Some(found) = first_markdown(&p) {
                return Some(found);
            }
        } else if p.extension().is_some_and(|x| x == "md") {
            return Some(p);
        }
    }
    None
}

fn full_build(args: &Args, out: &Path) -> (Duration, String) {
    let t = Instant::now();
    let o = Command::new(&args.bin)
        .args(["-v", "build", "--root"])
        .arg(&args.site)
        .arg("-o")
        .arg(out)
        .output()
        .expect("dossier runs");
    let elapsed = t.elapsed();
    assert!(
        o.status.success(),
        "full build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (elapsed, String::from_utf8_lossy(&o.stdout).into_owned())
}

struct Watcher {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    fn wait_for(&self, needle: &str, limit: Duration) -> Vec<String> {
        let deadline = Instant::now() + limit;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    let hit = l.contains(needle);
                    seen.push(l);
                    if hit {
                        return seen;
                    }
                }
                Err(_) => panic!("watcher never printed {needle:?}; saw {seen:#?}"),
            }
        }
    }

    /// Lines printed so far, then the timing lines that follow a "Rebuilt" line.
    fn drain(&self) -> Vec<String> {
        let mut out = Vec::new();
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(50)) {
            out.push(l);
        }
        out
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// "  render   12.34ms" → ("render", 12.34 ms)
fn timing(line: &str) -> Option<(String, Duration)> {
    let line = line.trim();
    let split = line.rfind(' ')?;
    let (stage, value) = (line[..split].trim(), line[split + 1..].trim());
    let secs = if let Some(v) = value.strip_suffix("ms") {
        v.parse::<f64>().ok()? / 1000.0
    } else if let Some(v) = value.strip_suffix("µs") {
        v.parse::<f64>().ok()? / 1e6
    } else if let Some(v) = value.strip_suffix("ns") {
        v.parse::<f64>().ok()? / 1e9
    } else if let Some(v) = value.strip_suffix('s') {
        v.parse::<f64>().ok()?
    } else {
        return None;
    };
    Some((stage.to_string(), Duration::from_secs_f64(secs)))
}

fn main() {
    let args = parse_args();
    let site = args.site.canonicalize().expect("the site folder exists");
    let args = Args { site, ..args };
    let scratch_dir = tempfile::tempdir().expect("a scratch folder");
    let scratch = scratch_dir.path().to_path_buf();
    let doc = match &args.doc {
        Some(rel) => args.site.join("content").join(rel),
        None => first_markdown(&args.site.join("content/articles"))
            .or_else(|| first_markdown(&args.site.join("content")))
            .expect("a Markdown document under content/"),
    };
    let page_rel = args.page.clone().unwrap_or_else(|| {
        let stem = doc.file_stem().unwrap_or_default().to_string_lossy();
        format!("articles/{stem}/index.html")
    });
    let docs = count_markdown(&args.site.join("content"));
    println!("site: {} ({docs} documents)", args.site.display());
    println!("dossier: {}", args.bin.display());
    println!(
        "edited document: {}\nwatched page: {page_rel}",
        doc.display()
    );

    // Full builds: into an empty folder (cold), then again into the same folder (warm).
    let (cold, cold_out) = full_build(&args, &scratch.join("full"));
    let (warm, _) = full_build(&args, &scratch.join("full"));
    println!("\nfull build, empty output folder: {}", ms(cold));
    for l in cold_out.lines().filter(|l| l.starts_with("  ")) {
        println!("  {}", l.trim());
    }
    println!("full build, output up to date:  {}", ms(warm));

    let out = scratch.join("watch");
    let mut child = Command::new(&args.bin)
        .args(["-v", "build", "--watch", "--root"])
        .arg(&args.site)
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("dossier build --watch starts");
    let (tx, lines) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped stdout");
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let watcher = Watcher { child, lines };
    watcher.wait_for("Watching", Duration::from_secs(600));
    let page = out.join(&page_rel);
    assert!(
        page.is_file(),
        "{} is not in the output; pass --page",
        page.display()
    );

    let original = std::fs::read_to_string(&doc).expect("the document reads");
    let mut latencies = Vec::new();
    let mut rebuilds = Vec::new();
    let mut settled = Vec::new();
    let mut stages: std::collections::BTreeMap<String, Vec<Duration>> = Default::default();
    let mut order: Vec<String> = Vec::new();
    for run in 0..args.runs {
        std::thread::sleep(Duration::from_millis(300));
        watcher.drain();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let marker = format!("watchbench{run}x{nanos}");
        let t = Instant::now();
        std::fs::write(&doc, format!("{original}\n{marker}\n")).expect("the document writes");
        loop {
            if std::fs::read_to_string(&page).is_ok_and(|h| h.contains(&marker)) {
                break;
            }
            assert!(
                t.elapsed() < Duration::from_secs(60),
                "the page never showed the edit"
            );
            std::thread::sleep(Duration::from_micros(500));
        }
        latencies.push(t.elapsed());
        // The page above comes from the quick path; the rest of the site follows.
        let printed = watcher.wait_for("Rebuilt", Duration::from_secs(180));
        settled.push(t.elapsed());
        let mut after = watcher.drain();
        let rebuilt = printed.last().cloned().unwrap_or_default();
        if let Some(v) = rebuilt
            .strip_prefix("Rebuilt in ")
            .and_then(|r| r.split(' ').next())
            .and_then(|v| timing(&format!("x {v}")))
        {
            rebuilds.push(v.1);
        }
        after.retain(|l| l.starts_with("  "));
        for (stage, d) in after.iter().filter_map(|l| timing(l)) {
            if !order.contains(&stage) {
                order.push(stage.clone());
            }
            stages.entry(stage).or_default().push(d);
        }
    }
    std::fs::write(&doc, &original).expect("the document is restored");

    latencies.sort();
    rebuilds.sort();
    println!(
        "\nsave → updated page on disk, {} runs (debounce {} ms):",
        latencies.len(),
        dossier::watch::DEFAULT_DEBOUNCE.as_millis()
    );
    println!(
        "  median {}  p90 {}  min {}  max {}",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.9)),
        ms(latencies[0]),
        ms(latencies[latencies.len() - 1])
    );
    settled.sort();
    println!(
        "save → full rebuild finished (every page consistent): median {}  p90 {}  max {}",
        ms(percentile(&settled, 0.5)),
        ms(percentile(&settled, 0.9)),
        ms(settled[settled.len() - 1])
    );
    if !rebuilds.is_empty() {
        println!(
            "rebuild itself (as reported): median {}  max {}",
            ms(percentile(&rebuilds, 0.5)),
            ms(rebuilds[rebuilds.len() - 1])
        );
    }
    println!("rebuild stages, median:");
    for stage in order {
        let mut v = stages.remove(&stage).unwrap_or_default();
        v.sort();
        if !v.is_empty() {
            println!("  {stage:<18} {}", ms(percentile(&v, 0.5)));
        }
    }
    drop(watcher);
}

fn count_markdown(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                count_markdown(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "md"))
            }
        })
        .sum()
}
