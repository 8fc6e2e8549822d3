//! What writing a built site costs per file, by way of writing (issue #21, BENCHMARKS.md
//! "Write path, per file"). Each way writes the same N pages of SIZE bytes, each in its own
//! folder as article pages are (`p/<k>/index.html`), into a fresh folder under DIR, and is
//! timed alone: wall clock, and the process's user and system time (getrusage).
//!
//! Usage: write_path DIR [--files N] [--size BYTES] [--runs R] [--way NAME]...
//!
//! `--way` (repeatable) runs only the ways named. On a file system without a journal, ext4
//! skips inodes deleted in the last minute or more when it allocates one, so there each way
//! pays for the trees the ways before it deleted: `bench/write-path-fresh.sh` runs each way
//! alone on a freshly made file system.
//!
//! The ways:
//! - `direct`: `create_dir_all` of the page's folder, then write the page there (no crash
//!   safety: a killed build leaves half-written pages in the site);
//! - `dirs-once`: each folder created once, parents first, then every page written in place;
//! - `staged`: what `output::Staging` does: each page written to a flat temporary folder,
//!   then the folders created once, then each page renamed into place (a killed build leaves
//!   the site as it was);
//! - `staged+fsync`: `staged` with each page flushed to the disk (`sync_all`) before its
//!   rename, so that a power cut also leaves either the old or the new page;
//! - `staged, 2 threads`: `staged` with writes and renames spread over two threads, as the
//!   build spreads them over its rendering threads;
//! - `staged beside`: each page's folder created as the page is staged, the page written
//!   beside its final name (`index.html.tmp`), then renamed in place: crash-safe like
//!   `staged`, with each file made right after its folder, as in `direct`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn usage() -> ! {
    eprintln!("usage: write_path DIR [--files N] [--size BYTES] [--runs R] [--way NAME]...");
    std::process::exit(2)
}

/// User and system CPU seconds of this process so far.
fn cpu_times() -> (f64, f64) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(usage.ru_utime), secs(usage.ru_stime))
}

fn page(dir: &Path, k: usize) -> PathBuf {
    dir.join("p").join(k.to_string()).join("index.html")
}

fn write_file(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    if sync {
        f.sync_all()?;
    }
    Ok(())
}

fn dirs_once(dir: &Path, n: usize) -> std::io::Result<()> {
    fs::create_dir(dir.join("p"))?;
    for k in 0..n {
        fs::create_dir(dir.join("p").join(k.to_string()))?;
    }
    Ok(())
}

fn staged(dir: &Path, n: usize, bytes: &[u8], sync: bool, parallel: bool) -> std::io::Result<()> {
    let tmp = dir.join(".tmp");
    fs::create_dir(&tmp)?;
    let stage = |k: usize| write_file(&tmp.join(k.to_string()), bytes, sync);
    let rename = |k: usize| fs::rename(tmp.join(k.to_string()), page(dir, k));
    if parallel {
        (0..n).into_par_iter().try_for_each(stage)?;
        dirs_once(dir, n)?;
        (0..n).into_par_iter().try_for_each(rename)?;
    } else {
        (0..n).try_for_each(stage)?;
        dirs_once(dir, n)?;
        (0..n).try_for_each(rename)?;
    }
    fs::remove_dir(&tmp)
}

fn run(way: &str, dir: &Path, n: usize, bytes: &[u8]) -> std::io::Result<()> {
    match way {
        "direct" => (0..n).try_for_each(|k| {
            let p = page(dir, k);
            fs::create_dir_all(p.parent().expect("a page has a folder"))?;
            write_file(&p, bytes, false)
        }),
        "dirs-once" => {
            dirs_once(dir, n)?;
            (0..n).try_for_each(|k| write_file(&page(dir, k), bytes, false))
        }
        "staged" => staged(dir, n, bytes, false, false),
        "staged+fsync" => staged(dir, n, bytes, true, false),
        "staged, 2 threads" => staged(dir, n, bytes, false, true),
        "staged beside" => {
            (0..n).try_for_each(|k| {
                let p = page(dir, k);
                fs::create_dir_all(p.parent().expect("a page has a folder"))?;
                write_file(&p.with_extension("html.tmp"), bytes, false)
            })?;
            (0..n).try_for_each(|k| {
                let p = page(dir, k);
                fs::rename(p.with_extension("html.tmp"), &p)
            })
        }
        _ => unreachable!("a known way"),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut only: Vec<String> = Vec::new();
    let (mut n, mut size, mut runs) = (20_000usize, 15_000usize, 3usize);
    while let Some(a) = args.next() {
        let mut number = || {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage())
        };
        match a.as_str() {
            "--files" => n = number(),
            "--size" => size = number(),
            "--runs" => runs = number(),
            "--way" => only.push(args.next().unwrap_or_else(|| usage())),
            s if s.starts_with('-') => usage(),
            s => dir = Some(PathBuf::from(s)),
        }
    }
    let Some(dir) = dir else { usage() };
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build_global()
        .expect("one global pool");
    // Page-like bytes: markup and words, not zeros a file system might treat specially.
    let bytes: Vec<u8> = b"<p>Reports say the talks went on late into the night.</p>\n"
        .iter()
        .copied()
        .cycle()
        .take(size)
        .collect();
    let all = [
        "direct",
        "dirs-once",
        "staged",
        "staged+fsync",
        "staged, 2 threads",
        "staged beside",
    ];
    if let Some(unknown) = only.iter().find(|w| !all.contains(&w.as_str())) {
        eprintln!(
            "write_path: no way named {unknown:?}; the ways: {}",
            all.join(", ")
        );
        std::process::exit(2);
    }
    let ways = all
        .into_iter()
        .filter(|w| only.is_empty() || only.iter().any(|o| o == w));
    println!(
        "{n} pages of {size} bytes under {}, {runs} runs each (median)",
        dir.display()
    );
    println!("| way | wall per page | user per page | system per page |");
    println!("|---|---|---|---|");
    for way in ways {
        let mut samples = Vec::new();
        for r in 0..runs {
            let target = dir.join(format!("write-path-{r}"));
            let _ = fs::remove_dir_all(&target);
            fs::create_dir_all(&target).expect("a scratch folder");
            let (u0, s0) = cpu_times();
            let t0 = Instant::now();
            if let Err(e) = run(way, &target, n, &bytes) {
                eprintln!("write_path: {way}: {e}");
                std::process::exit(1);
            }
            let wall = t0.elapsed().as_secs_f64();
            let (u1, s1) = cpu_times();
            samples.push((wall, u1 - u0, s1 - s0));
            fs::remove_dir_all(&target).expect("scratch removed");
        }
        let median = |f: fn(&(f64, f64, f64)) -> f64| {
            let mut v: Vec<f64> = samples.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2] / n as f64 * 1e6
        };
        println!(
            "| {way} | {:.1} µs | {:.1} µs | {:.1} µs |",
            median(|s| s.0),
            median(|s| s.1),
            median(|s| s.2)
        );
    }
}
