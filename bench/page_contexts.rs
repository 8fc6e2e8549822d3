//! Page contexts to measure template engines on (issue #21, BENCHMARKS.md "Tera and its
//! alternatives"): builds a site's pages the way the build does and writes, for each
//! template, the contexts of up to N of its pages (spread evenly over the site's plan) as
//! JSON, with the bytes Dossier renders from each, so another engine's output can be compared
//! byte for byte. `bench/tera-compare` reads the folder.
//!
//! Usage: page_contexts SITE OUT [--per-template N]   (N defaults to 200)
//!
//! Writes OUT/<template>/<k>.json (`{"path", "template", "context"}`) and OUT/<template>/<k>.out
//! (the page as `dossier build` renders it), and prints, per template, how many pages the
//! site has and the time Dossier's Tera took for the ones written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::build::{load_config, load_content};
use dossier::render::pages::{plan, Shared};
use dossier::render::Theme;
use dossier::site::Site;
use dossier::BuildOptions;

fn usage() -> ! {
    eprintln!("usage: page_contexts SITE OUT [--per-template N]");
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut per_template = 200usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--per-template" => {
                per_template = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            s if s.starts_with('-') => usage(),
            s => positional.push(PathBuf::from(s)),
        }
    }
    let [site_dir, out] = positional.as_slice() else {
        usage()
    };
    if let Err(e) = run(site_dir, out, per_template) {
        eprintln!("page_contexts: {e}");
        std::process::exit(1);
    }
}

fn run(site_dir: &Path, out: &Path, per_template: usize) -> Result<(), Box<dyn std::error::Error>> {
    let opts = BuildOptions::new(site_dir);
    let config = load_config(&opts)?;
    let theme = Theme::load(&site_dir.join("templates"))?;
    let (docs, _) = load_content(&opts, &config)?;
    let shared = Shared::new(Site::new(config, docs));
    let jobs = plan(&shared);

    // Each template's pages in plan order; N of them, evenly spaced, so a template's
    // first page (often the biggest, e.g. a topic's newest page) is not all we see.
    let mut by_template: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, job) in jobs.iter().enumerate() {
        by_template.entry(job.template).or_default().push(i);
    }
    std::fs::create_dir_all(out)?;
    println!(
        "{:<20} {:>7} {:>7} {:>12}",
        "template", "pages", "written", "dossier µs/page"
    );
    for (template, indices) in &by_template {
        let dir = out.join(template);
        std::fs::create_dir_all(&dir)?;
        let step = indices.len().div_ceil(per_template).max(1);
        let mut spent = Duration::ZERO;
        let mut written = 0;
        for (k, &i) in indices.iter().step_by(step).enumerate() {
            let spec = jobs[i].spec(&shared);
            let record = serde_json::json!({
                "path": spec.path,
                "template": spec.template,
                "context": spec.context,
            });
            std::fs::write(dir.join(format!("{k}.json")), serde_json::to_vec(&record)?)?;
            let started = Instant::now();
            let page = theme.render(spec)?;
            spent += started.elapsed();
            std::fs::write(dir.join(format!("{k}.out")), &page.bytes)?;
            written += 1;
        }
        println!(
            "{:<20} {:>7} {:>7} {:>12.1}",
            template,
            indices.len(),
            written,
            spent.as_secs_f64() * 1e6 / written.max(1) as f64
        );
    }
    Ok(())
}
