//! Analysis, grouping and linking on generated corpora.
//!
//! `cargo bench --bench corpus -- 10000 100000` generates realistic synthetic news corpora
//! (Zipf-distributed vocabulary; people with roles, places, organisations; stories covered
//! by several outlets over one to three days; threads of stories over months; some undated
//! documents), then times `analyze_all`, `group` and first-mention linking (Markdown parse,
//! link, HTML) and prints one table row per size, with the peak resident memory of the
//! process so far and how well the stories found match the generated ones (pairwise
//! precision and recall over dated documents). Run one size per process under
//! `/usr/bin/time -v` for an exact peak. `-- --site DIR` does the same on a site folder's
//! documents instead (e.g. one `dossier-gen` wrote), with its site.yaml.

/// Building a site allocates many small strings and JSON maps on every thread; mimalloc's
/// per-thread heaps do that faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use dossier::analyze::{analyze_all, markdown_options, TopicMatcher};
use dossier::content::{DocDate, Document, FrontMatter};
use dossier::corpus::{group, link_first_mentions, Control, MentionTargets};
use dossier::Config;
use rayon::prelude::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Roughly Zipf over `n` ranks: log-uniform.
    fn zipf(&mut self, n: usize) -> usize {
        ((n as f64).powf(self.unit()) as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
    fn pick(&mut self, v: &[&'static str]) -> &'static str {
        v[self.below(v.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st",
    "t", "tr", "v", "z", "sh", "ch", "th", "w",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "s", "l", "m", "nd", "st", "rt", "k"];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(VOWELS));
    }
    w.push_str(rng.pick(CODAS));
    w
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from",
    "was", "were", "is", "it", "its", "after", "while", "but", "which", "their", "has", "have",
];
const ROLES: &[&str] = &[
    "Minister",
    "President",
    "Senator",
    "Governor",
    "Foreign Minister",
    "Prime Minister",
    "Secretary",
    "Mayor",
    "General",
    "Ambassador",
    "Director",
    "Spokesperson",
];
const ORG_MARKERS: &[&str] = &[
    "Ministry",
    "Council",
    "Party",
    "Agency",
    "Institute",
    "Union",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const REAL_PLACES: &[&str] = &[
    "Berlin", "Nairobi", "Lima", "Jakarta", "Cairo", "Oslo", "Manila", "Quito", "Tunis", "Hanoi",
];

struct World {
    vocab: Vec<String>,
    people: Vec<(String, String)>,
    places: Vec<String>,
    orgs: Vec<String>,
    outlets: Vec<String>,
}

fn world(rng: &mut Rng) -> World {
    let mut vocab: Vec<String> = Vec::with_capacity(30_000);
    let mut seen = std::collections::HashSet::new();
    while vocab.len() < 30_000 {
        let syl = 1 + rng.below(3);
        let w = word(rng, syl);
        if w.len() >= 4 && seen.insert(w.clone()) {
            vocab.push(w);
        }
    }
    let people = (0..20_000)
        .map(|_| {
            let syllables = 2 + rng.below(2);
            (capital(&word(rng, 2)), capital(&word(rng, syllables)))
        })
        .collect();
    let mut places: Vec<String> = (0..600).map(|_| capital(&word(rng, 2))).collect();
    places.extend(REAL_PLACES.iter().map(|s| s.to_string()));
    let orgs = (0..800)
        .map(|i| {
            if i % 4 == 0 {
                (0..3)
                    .map(|_| (b'A' + rng.below(26) as u8) as char)
                    .collect()
            } else {
                format!("{} {}", capital(&word(rng, 2)), rng.pick(ORG_MARKERS))
            }
        })
        .collect();
    let outlets = (0..40)
        .map(|_| format!("{} News", capital(&word(rng, 2))))
        .collect();
    World {
        vocab,
        people,
        places,
        orgs,
        outlets,
    }
}

struct StorySpec {
    day: NaiveDate,
    lead: usize,
    others: [usize; 2],
    place: usize,
    org: usize,
    role: &'static str,
    event: Vec<usize>,
    theme: Vec<usize>,
}

fn sentence(rng: &mut Rng, w: &World, s: &StorySpec, out: &mut String) {
    let n = 10 + rng.below(13);
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        let r = rng.unit();
        if r < 0.35 {
            out.push_str(rng.pick(FUNCTION));
        } else if r < 0.55 {
            out.push_str(&w.vocab[s.event[rng.below(s.event.len())]]);
        } else if r < 0.65 {
            out.push_str(&w.vocab[s.theme[rng.below(s.theme.len())]]);
        } else {
            out.push_str(&w.vocab[rng.zipf(w.vocab.len())]);
        }
    }
}

fn paragraph(rng: &mut Rng, w: &World, s: &StorySpec, day: NaiveDate, out: &mut String) {
    let (first, last) = &w.people[s.lead];
    let other = &w.people[s.others[rng.below(2)]];
    let weekday = WEEKDAYS[chrono::Datelike::weekday(&day).num_days_from_monday() as usize];
    match rng.below(6) {
        0 => {
            out.push_str(&format!(
                "{} {first} {last} met officials in {} on {weekday} as ",
                s.role, w.places[s.place]
            ));
            sentence(rng, w, s, out);
            out.push('.');
        }
        1 => {
            out.push('"');
            let mut q = String::new();
            sentence(rng, w, s, &mut q);
            out.push_str(&capital(&q));
            out.push_str(&format!(",\" {last} said. The "));
            sentence(rng, w, s, out);
            out.push('.');
        }
        2 => {
            out.push_str(&format!("The {} said ", w.orgs[s.org]));
            sentence(rng, w, s, out);
            out.push_str(&format!(", according to {} {}.", other.0, other.1));
        }
        3 => {
            out.push_str(&format!("In {}, ", w.places[s.place]));
            sentence(rng, w, s, out);
            out.push_str(&format!(". {last} is expected to ",));
            sentence(rng, w, s, out);
            out.push('.');
        }
        _ => {
            let mut q = String::new();
            sentence(rng, w, s, &mut q);
            out.push_str(&capital(&q));
            out.push_str(". ");
            let mut q = String::new();
            sentence(rng, w, s, &mut q);
            out.push_str(&capital(&q));
            out.push('.');
        }
    }
}

/// `n` documents and, per document, the story it was generated for.
fn corpus(n: usize, seed: u64) -> (Vec<Document>, Vec<usize>) {
    let mut rng = Rng(seed);
    let w = world(&mut rng);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let mut docs = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    let threads = (n / 40).max(2);
    let thread_spec: Vec<(usize, Vec<usize>, i64)> = (0..threads)
        .map(|_| {
            let lead = rng.below(w.people.len());
            let theme = (0..25).map(|_| 300 + rng.below(5000)).collect();
            (lead, theme, rng.below(540) as i64)
        })
        .collect();
    let mut story = 0usize;
    let mut thread_pos = vec![0i64; threads];
    while docs.len() < n {
        let t = rng.below(threads);
        let (lead, theme, offset) = &thread_spec[t];
        thread_pos[t] += 4 + rng.below(20) as i64;
        let day = start + Duration::days((offset + thread_pos[t]) % 600);
        let lead = if rng.unit() < 0.7 {
            *lead
        } else {
            rng.below(w.people.len())
        };
        let spec = StorySpec {
            day,
            lead,
            others: [rng.below(w.people.len()), rng.below(w.people.len())],
            place: rng.below(w.places.len()),
            org: rng.below(w.orgs.len()),
            role: ROLES[rng.below(ROLES.len())],
            event: (0..14).map(|_| 2000 + rng.below(28_000)).collect(),
            theme: theme.clone(),
        };
        let size = 1 + rng.zipf(8);
        for k in 0..size {
            if docs.len() >= n {
                break;
            }
            let day = spec.day + Duration::days(rng.below(3) as i64);
            let mut title = format!("{} ", w.people[spec.lead].1);
            sentence(&mut rng, &w, &spec, &mut title);
            title.truncate(title.char_indices().nth(70).map_or(title.len(), |(i, _)| i));
            let mut body = String::new();
            for _ in 0..(7 + rng.below(6)) {
                paragraph(&mut rng, &w, &spec, day, &mut body);
                body.push_str("\n\n");
            }
            let date = if rng.unit() < 0.03 {
                None
            } else {
                Some(DocDate::Day(day))
            };
            let name = format!("d{:06}-{k}", docs.len());
            let source = w.outlets[rng.below(w.outlets.len())].clone();
            docs.push(Document {
                path: PathBuf::from(format!("content/{name}.md")),
                rel_path: format!("{name}.md"),
                front: FrontMatter {
                    title: Some(title.clone()),
                    date,
                    source: Some(source),
                    ..Default::default()
                },
                title,
                slug: name,
                date,
                hash: format!("{:032x}", rng.next()),
                body,
                body_released: false,
                body_line: 5,
                lang: None,
            });
            truth.push(story);
        }
        story += 1;
    }
    (docs, truth)
}

/// CPU seconds (user + system) of this process so far: honest on a busy machine, where wall
/// time is not.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn peak_rss_mib() -> f64 {
    resident_mib("VmHWM:")
}

/// A memory line of /proc/self/status ("VmRSS:" now, "VmHWM:" the peak), in MiB.
fn resident_mib(line: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(line))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Pairwise precision and recall of found stories against generated ones (dated docs).
fn story_quality(docs: &[Document], truth: &[usize], found: &[Option<usize>]) -> (f64, f64) {
    use std::collections::HashMap;
    let pairs = |key: &dyn Fn(usize) -> Option<usize>| -> HashMap<usize, Vec<usize>> {
        let mut m: HashMap<usize, Vec<usize>> = HashMap::new();
        for (d, doc) in docs.iter().enumerate() {
            if doc.date.is_some() {
                if let Some(k) = key(d) {
                    m.entry(k).or_default().push(d);
                }
            }
        }
        m
    };
    let t = pairs(&|d| Some(truth[d]));
    let f = pairs(&|d| found[d]);
    let count = |m: &HashMap<usize, Vec<usize>>| -> u64 {
        m.values()
            .map(|v| (v.len() * v.len().saturating_sub(1) / 2) as u64)
            .sum()
    };
    let mut both = 0u64;
    for v in f.values() {
        for (i, &a) in v.iter().enumerate() {
            for &b in &v[i + 1..] {
                if truth[a] == truth[b] {
                    both += 1;
                }
            }
        }
    }
    let (tp, fp) = (count(&t), count(&f));
    (
        if fp == 0 {
            1.0
        } else {
            both as f64 / fp as f64
        },
        if tp == 0 {
            1.0
        } else {
            both as f64 / tp as f64
        },
    )
}

fn run(n: usize) {
    let t0 = Instant::now();
    let (docs, truth) = corpus(n, 0x5eed_0000 + n as u64);
    let gen = t0.elapsed().as_secs_f64();
    measure(docs, Some(&truth), gen, Config::default());
}

/// A site folder's documents (e.g. one `dossier-gen` wrote), loaded as a build loads them;
/// the "gen s" column is the load time. No generated stories to compare with.
fn run_site(root: &str) {
    let opts = dossier::BuildOptions::new(root);
    let config = match dossier::build::load_config(&opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{root}: {e}");
            std::process::exit(1);
        }
    };
    let t0 = Instant::now();
    let docs = match dossier::build::load_content(&opts, &config) {
        Ok((docs, _)) => docs,
        Err(e) => {
            eprintln!("{root}: {e}");
            std::process::exit(1);
        }
    };
    let load = t0.elapsed().as_secs_f64();
    measure(docs, None, load, config);
}

fn measure(docs: Vec<Document>, truth: Option<&[usize]>, gen: f64, config: Config) {
    let n = docs.len();
    let rss_loaded = resident_mib("VmRSS:");
    let matcher = TopicMatcher::new(&config.topics);

    let c0 = cpu_seconds();
    let t = Instant::now();
    let features = analyze_all(&docs, &matcher);
    let analyze = t.elapsed().as_secs_f64();
    let c1 = cpu_seconds();
    let rss_analyzed = (resident_mib("VmRSS:"), peak_rss_mib());

    let t = Instant::now();
    let mut control = Control::new();
    let g = group(&docs, &features, &config, &mut control).unwrap_or_default();
    let phases = control.phases;
    let grouping = t.elapsed().as_secs_f64();
    let c2 = cpu_seconds();
    let rss_grouped = (resident_mib("VmRSS:"), peak_rss_mib());

    let t = Instant::now();
    let targets =
        MentionTargets::from_topics(&g.topics, |_, topic| format!("topics/{}/", topic.slug));
    let bytes: usize = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let view = targets.only(&g.doc_topics[i]);
            let events: Vec<_> =
                pulldown_cmark::Parser::new_ext(&d.body, markdown_options()).collect();
            let linked = link_first_mentions(events, &view);
            let mut html = String::with_capacity(d.body.len() + 256);
            pulldown_cmark::html::push_html(&mut html, linked.into_iter());
            html.len()
        })
        .sum();
    let link = t.elapsed().as_secs_f64();
    let c3 = cpu_seconds();

    let phases: Vec<String> = phases
        .iter()
        .map(|(name, d)| format!("{name} {:.2}", d.as_secs_f64()))
        .collect();
    eprintln!("{n}: group phases (wall s): {}", phases.join(", "));
    eprintln!(
        "{n}: resident MiB (peak so far): documents {rss_loaded:.0}, analyzed {:.0} ({:.0}), grouped {:.0} ({:.0})",
        rss_analyzed.0, rss_analyzed.1, rss_grouped.0, rss_grouped.1
    );
    let (precision, recall) = truth.map_or((f64::NAN, f64::NAN), |truth| {
        story_quality(&docs, truth, &g.doc_story)
    });
    let words: u64 = features.iter().map(|f| u64::from(f.words)).sum();
    let multi = g.stories.iter().filter(|s| s.docs.len() > 1).count();
    println!(
        "| {n:>7} | {:>5.1} M | {gen:>5.2} | {analyze:>5.2} ({:>5.2}) | {grouping:>5.2} ({:>5.2}) | {link:>5.2} ({:>5.2}) | {:>5.2} ({:>5.2}) | {:>8.0} | {:>6} | {multi:>7} | {:>7} | {:>5.3} | {:>6.3} | {:>4} MB |",
        words as f64 / 1e6,
        c1 - c0,
        c2 - c1,
        c3 - c2,
        analyze + grouping + link,
        c3 - c0,
        peak_rss_mib(),
        g.topics.len(),
        g.storylines.len(),
        precision,
        recall,
        bytes / 1_000_000,
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() && !std::env::args().any(|a| a == "--site") {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    println!("threads: {}", rayon::current_num_threads());
    println!("seconds: wall (CPU)");
    println!("|    docs |   words | gen s |     analyze    |      group     |      link      |      total     | peak MiB | topics | stories | s.lines | prec. | recall |    HTML |");
    println!("|--------:|--------:|------:|---------------:|---------------:|---------------:|---------------:|---------:|-------:|--------:|--------:|------:|-------:|--------:|");
    for n in sizes {
        run(n);
    }
    let args: Vec<String> = std::env::args().collect();
    for pair in args.windows(2).filter(|w| w[0] == "--site") {
        run_site(&pair[1]);
    }
}
