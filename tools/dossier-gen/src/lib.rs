//! dossier-gen: write a complete synthetic Dossier site for benchmarks and tests.
//!
//! ```text
//! cargo run --release -p dossier-gen -- --docs 10000 --out /tmp/site [--seed 7] [--raw]
//! ```
//!
//! The site has a `site.yaml` with about twenty topics, front-mattered Markdown under
//! `content/articles/<yyyy>/<mm>/`, and with `--raw` (or `--form raw|both`) the same documents
//! as raw page text under `content/inbox/`. `--topics-out FILE` also lists the topics a Dossier
//! build assigns to each document (bench/to_hugo.py gives Hugo the same taxonomy with it). The same seed and document count always give a
//! byte-identical tree: every random choice comes from a SplitMix64 stream derived from the
//! seed and the item's index, never from the order in which threads run.
//!
//! A development tool of this repository (a workspace member, never installed with
//! `dossier`): tests and benches call [`run`] in-process; `src/main.rs` is its command line.

mod page;
mod rng;
mod text;
mod world;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use chrono::{Days, NaiveDate};
use clap::{Parser, ValueEnum};
use rayon::prelude::*;

use dossier::config::{Config, SourceConfig, TopicConfig};
use dossier::content::slugify;

use page::Published;
use rng::Rng;
use text::{Ctx, Event, Storyline};
use world::{World, COUNTRIES, OUTLETS, THEMES};

/// The command line, parsed by `main.rs` or by [`run`].
#[derive(Parser)]
#[command(
    name = "dossier-gen",
    about = "Write a synthetic Dossier site (site.yaml and news documents) for benchmarks"
)]
pub struct Args {
    /// Number of documents to write
    #[arg(long)]
    pub docs: usize,
    /// Site folder to create (site.yaml and content/ go inside)
    #[arg(long)]
    pub out: PathBuf,
    /// Seed: the same seed and --docs always give the same bytes
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Which versions of each document to write
    #[arg(long, value_enum, default_value_t = Form::Markdown)]
    pub form: Form,
    /// Also write raw page text to content/inbox/ (the same as --form both)
    #[arg(long)]
    pub raw: bool,
    /// First day of the period the news covers
    #[arg(long, default_value = "2022-01-03", value_parser = parse_day)]
    pub start: NaiveDate,
    /// Length of the period in days
    #[arg(long, default_value_t = 730, value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub days: u32,
    /// Also write, per document, the topics a Dossier build assigns to it (one line each:
    /// path under content/, then the topic names, tab-separated), for converters such as
    /// bench/to_hugo.py that give another generator the same taxonomy
    #[arg(long, value_name = "FILE")]
    pub topics_out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    /// Front-mattered Markdown under content/articles/
    Markdown,
    /// Raw page text under content/inbox/
    Raw,
    /// Both
    Both,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date like 2022-01-03"))
}

// Independent random streams.
const STREAM_WORLD: u64 = 1;
const STREAM_PLAN: u64 = 2;
const STREAM_EVENT: u64 = 3;
const STREAM_TITLE: u64 = 4;
const STREAM_BODY: u64 = 5;
const STREAM_RAW: u64 = 6;

/// Written inside content/ so a later run may replace a tree this tool made, and only that.
const MARKER: &str = ".dossier-gen";

/// One document to write: which event, which outlet, how many days after the event.
struct DocPlan {
    event: u32,
    outlet: u8,
    offset: u8,
    /// Place among the outlets covering the event.
    position: u8,
}

struct Plan {
    storylines: Vec<Storyline>,
    events: Vec<Event>,
    docs: Vec<DocPlan>,
}

fn plan(world: &World, seed: u64, n_docs: usize, days: u32) -> Plan {
    let mut rng = Rng::derive(seed, STREAM_PLAN, 0);
    let n_story = (n_docs / 250).clamp(4, 400);
    let storylines: Vec<Storyline> = (0..n_story)
        .map(|_| {
            let start = rng.below(days as usize) as u32;
            let len = rng.range(30.min(days as usize), (days as usize / 2).max(30)) as u32;
            let len = len.min(days - start).max(1);
            Storyline::new(world, start, len, &mut rng)
        })
        .collect();
    let mut events = Vec::new();
    let mut docs = Vec::with_capacity(n_docs);
    let mut outlets: Vec<u8> = (0..OUTLETS.len() as u8).collect();
    while docs.len() < n_docs {
        let mut ev_rng = Rng::derive(seed, STREAM_EVENT, events.len() as u64);
        let event = if rng.chance(0.6) {
            // A few storylines run hot, most simmer: square the draw toward low indexes.
            let s = (n_story as f64 * rng.unit().powi(2)) as usize;
            let s = s.min(n_story - 1);
            let story = &storylines[s];
            let day = story.start + rng.below(story.len as usize) as u32;
            Event::new(world, &storylines, story.theme, Some(s), day, &mut ev_rng)
        } else {
            let theme = rng.below(THEMES.len());
            let day = rng.below(days as usize) as u32;
            Event::new(world, &storylines, theme, None, day, &mut ev_rng)
        };
        let coverage = 1 + rng.weighted(&[30, 25, 22, 13, 10]);
        let coverage = coverage.min(n_docs - docs.len());
        // A partial Fisher-Yates shuffle picks distinct outlets.
        for i in 0..coverage {
            let j = i + rng.below(outlets.len() - i);
            outlets.swap(i, j);
        }
        for (i, &outlet) in outlets.iter().take(coverage).enumerate() {
            let offset = if i == 0 {
                0
            } else {
                rng.weighted(&[45, 35, 12, 8]) as u8
            };
            docs.push(DocPlan {
                event: events.len() as u32,
                outlet,
                offset,
                position: i as u8,
            });
        }
        events.push(event);
    }
    Plan {
        storylines,
        events,
        docs,
    }
}

fn day_of(start: NaiveDate, n: u32) -> NaiveDate {
    start
        .checked_add_days(Days::new(u64::from(n)))
        .unwrap_or(start)
}

/// About twenty topics: every theme, plus the people and countries of the busiest storylines.
fn site_config(world: &World, plan: &Plan, n_docs: usize, seed: u64) -> Config {
    let mut per_story = vec![0usize; plan.storylines.len()];
    for d in &plan.docs {
        if let Some(s) = plan.events[d.event as usize].storyline {
            per_story[s] += 1;
        }
    }
    let mut busiest: Vec<usize> = (0..plan.storylines.len()).collect();
    busiest.sort_by(|&a, &b| per_story[b].cmp(&per_story[a]).then(a.cmp(&b)));

    let mut topics: Vec<TopicConfig> = THEMES
        .iter()
        .map(|t| TopicConfig {
            name: t.name.to_string(),
            slug: None,
            description: t.description.to_string(),
            aliases: t.aliases.iter().map(|s| s.to_string()).collect(),
            kind: Some("theme".into()),
        })
        .collect();
    let mut people = BTreeSet::new();
    let mut countries = BTreeSet::new();
    for &s in &busiest {
        let story = &plan.storylines[s];
        let p = story.people[0];
        if people.len() < 5 && people.insert(p) {
            let person = &world.people[p];
            topics.push(TopicConfig {
                name: person.full(),
                slug: None,
                description: format!("{} {}.", person.full(), person.role_phrase()),
                aliases: vec![format!("{} {}", person.title_phrase(), person.last)],
                kind: Some("person".into()),
            });
        }
        let c = story.countries[0];
        if countries.len() < 4 && countries.insert(c) {
            let country = &COUNTRIES[c];
            topics.push(TopicConfig {
                name: country.name.to_string(),
                slug: None,
                description: format!("News from and about {}.", country.name),
                aliases: vec![country.demonym.to_string(), country.cities[0].to_string()],
                kind: Some("place".into()),
            });
        }
        if people.len() >= 5 && countries.len() >= 4 {
            break;
        }
    }
    let sources = OUTLETS
        .iter()
        .map(|o| SourceConfig {
            name: o.name.to_string(),
            slug: None,
            domains: vec![o.domain.to_string()],
            aliases: o.aliases.iter().map(|s| s.to_string()).collect(),
            url: Some(format!("https://www.{}/", o.domain)),
            country: None,
            kind: None,
        })
        .collect();
    Config {
        title: "Synthetic briefing".into(),
        description: format!(
            "{n_docs} generated news documents (dossier-gen, seed {seed}) about invented countries and people."
        ),
        base_url: "https://example.org/briefing/".into(),
        publisher: "dossier-gen".into(),
        topics,
        sources,
        ..Config::default()
    }
}

/// Make `out` ready: refuse to touch a content folder this tool did not write.
fn prepare(out: &Path) -> Result<()> {
    let content = out.join("content");
    if content.exists() {
        if !content.join(MARKER).is_file() {
            bail!(
                "{} already exists and was not written by dossier-gen; choose an empty --out folder",
                content.display()
            );
        }
        std::fs::remove_dir_all(&content)
            .with_context(|| format!("removing the earlier generated {}", content.display()))?;
    }
    std::fs::create_dir_all(&content).with_context(|| format!("creating {}", content.display()))?;
    Ok(())
}

/// Parse `args` (the first is the program name, as in `std::env::args`) and write the site;
/// returns the summary line the command prints.
pub fn run<I, T>(args: I) -> Result<String>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args = Args::try_parse_from(args)?;
    generate(&args)
}

/// Write the site `args` describe; returns the summary line.
pub fn generate(args: &Args) -> Result<String> {
    let started = Instant::now();
    let form = if args.raw && args.form == Form::Markdown {
        Form::Both
    } else {
        args.form
    };
    let (write_md, write_raw) = match form {
        Form::Markdown => (true, false),
        Form::Raw => (false, true),
        Form::Both => (true, true),
    };
    let seed = args.seed;
    let world = World::new(&mut Rng::derive(seed, STREAM_WORLD, 0));
    let plan = plan(&world, seed, args.docs, args.days);

    let weekday_of = |day: u32| page::weekday(day_of(args.start, day));
    let ctx_for = |i: usize, stream: u64| {
        let d = &plan.docs[i];
        let ev = &plan.events[d.event as usize];
        Ctx {
            world: &world,
            ev,
            story: ev.storyline.map(|s| &plan.storylines[s]),
            theme: &THEMES[ev.theme],
            outlet: &OUTLETS[d.outlet as usize],
            weekday: weekday_of(ev.day),
            rng: Rng::derive(seed, stream, i as u64),
            used: Vec::new(),
        }
    };

    // Titles first (cheap, parallel), so slugs can be made unique in document order.
    let heads: Vec<(&'static str, String)> = (0..plan.docs.len())
        .into_par_iter()
        .map(|i| {
            let mut ctx = ctx_for(i, STREAM_TITLE);
            let kind = text::pick_kind(ctx.outlet, &mut ctx.rng);
            (
                kind,
                text::headline(&mut ctx, kind, usize::from(plan.docs[i].position)),
            )
        })
        .collect();
    let mut taken = HashSet::with_capacity(heads.len());
    let slugs: Vec<String> = heads
        .iter()
        .map(|(_, title)| {
            let base = slugify(title);
            let mut slug = base.clone();
            let mut n = 2;
            while !taken.insert(slug.clone()) {
                // The loader slugs the file name again (at most 80 bytes): keep the numbered
                // form within that, or two files would claim one URL.
                let suffix = format!("-{n}");
                let keep = base.len().min(80 - suffix.len());
                let stem = base[..keep].trim_end_matches('-');
                slug = slugify(&format!("{stem}{suffix}"));
                n += 1;
            }
            slug
        })
        .collect();
    let days: Vec<NaiveDate> = plan
        .docs
        .iter()
        .map(|d| {
            day_of(
                args.start,
                plan.events[d.event as usize].day + u32::from(d.offset),
            )
        })
        .collect();

    prepare(&args.out)?;
    let content = args.out.join("content");
    let articles = content.join("articles");
    let inbox = content.join("inbox");
    if write_md {
        let months: BTreeSet<String> = days.iter().map(|d| d.format("%Y/%m").to_string()).collect();
        for m in &months {
            let dir = articles.join(m);
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
    }
    if write_raw {
        std::fs::create_dir_all(&inbox).with_context(|| format!("creating {}", inbox.display()))?;
    }
    let config = site_config(&world, &plan, args.docs, seed);
    let yaml = dossier::yaml::to_string(&config)
        .map_err(|e| anyhow::anyhow!("site.yaml: {}", e.message))?;
    let site_yaml = format!(
        "# Generated by dossier-gen (seed {seed}, {} documents). Every setting is explained in README.md.\n{yaml}",
        args.docs
    );
    write(&args.out.join("site.yaml"), site_yaml.as_bytes())?;
    write(
        &content.join(MARKER),
        format!(
            "dossier-gen seed={seed} docs={} form={}\n",
            args.docs,
            form_name(form)
        )
        .as_bytes(),
    )?;

    let bytes: u64 = (0..plan.docs.len())
        .into_par_iter()
        .map(|i| -> Result<u64> {
            let d = &plan.docs[i];
            let outlet = &OUTLETS[d.outlet as usize];
            let mut ctx = ctx_for(i, STREAM_BODY);
            let (kind, title) = &heads[i];
            let article = text::compose(&mut ctx, title.clone(), kind, d.outlet as usize);
            let time = if ctx.rng.chance(0.6) {
                Some((ctx.rng.range(6, 22) as u32, ctx.rng.below(60) as u32))
            } else {
                None
            };
            let published = Published { day: days[i], time };
            let slug = &slugs[i];
            let mut written = 0u64;
            if write_md {
                let url = ctx.rng.chance(0.5).then(|| {
                    format!(
                        "https://www.{}/{}/{}/{}",
                        outlet.domain,
                        article.section.to_lowercase(),
                        days[i].format("%Y/%m/%d"),
                        slug
                    )
                });
                let draft = ctx.rng.chance(0.003);
                let md = page::markdown(&article, outlet, published, url, draft)
                    .map_err(|e| anyhow::anyhow!("front matter of document {i}: {e}"))?;
                let path = articles
                    .join(days[i].format("%Y/%m").to_string())
                    .join(format!("{slug}.md"));
                write(&path, md.as_bytes())?;
                written += md.len() as u64;
            }
            if write_raw {
                let mut raw_rng = Rng::derive(seed, STREAM_RAW, i as u64);
                let n_teasers = raw_rng.range(2, 4);
                let mut teasers: Vec<String> = Vec::with_capacity(n_teasers);
                for _ in 0..n_teasers {
                    let e = &plan.events[raw_rng.below(plan.events.len())];
                    let t = text::teaser(&world, e, weekday_of(e.day));
                    if !teasers.contains(&t) && t != article.title {
                        teasers.push(t);
                    }
                }
                let country = COUNTRIES[ctx.ev.countries[0]].name;
                let text = page::raw(
                    &article,
                    outlet,
                    published,
                    country,
                    slug,
                    &teasers,
                    &mut raw_rng,
                );
                let name = format!("{i:06}_{:016x}.txt", raw_rng.next_u64());
                write(&inbox.join(name), text.as_bytes())?;
                written += text.len() as u64;
            }
            Ok(written)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;

    if let Some(path) = &args.topics_out {
        if !write_md {
            bail!("--topics-out needs the Markdown form (--form markdown or both)");
        }
        write_topics(&args.out, path)?;
    }

    let secs = started.elapsed().as_secs_f64();
    Ok(format!(
        "dossier-gen: {} documents ({}) in {}, {:.1} MB, {:.2} s",
        args.docs,
        form_name(form),
        args.out.display(),
        bytes as f64 / 1e6,
        secs
    ))
}

fn form_name(form: Form) -> &'static str {
    match form {
        Form::Markdown => "markdown",
        Form::Raw => "raw",
        Form::Both => "markdown and raw",
    }
}

/// Load the written site as a build does and list each document's topics, main topic first.
fn write_topics(site_root: &Path, out: &Path) -> Result<()> {
    let opts = dossier::BuildOptions::new(site_root);
    let config = dossier::build::load_config(&opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    let (docs, _) =
        dossier::build::load_content(&opts, &config).map_err(|e| anyhow::anyhow!("{e}"))?;
    let site = dossier::site::Site::new(config, docs);
    let mut text = String::new();
    for (doc, topics) in site.docs.iter().zip(&site.grouping.doc_topics) {
        text.push_str(&doc.rel_path);
        for &t in topics {
            text.push('\t');
            text.push_str(&site.grouping.topics[t].name);
        }
        text.push('\n');
    }
    write(out, text.as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn topics_file_lists_the_topics_a_build_assigns() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("site.yaml"),
            "title: T\ntopics:\n  - name: Flood defences\n    aliases: [levee]\n",
        )
        .unwrap();
        let articles = root.join("content/articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(
            articles.join("a.md"),
            "---\ntitle: The levee held\ndate: 2022-01-03\n---\n\nThe levee held overnight.\n",
        )
        .unwrap();
        std::fs::write(
            articles.join("b.md"),
            "---\ntitle: Budget vote\ndate: 2022-01-04\n---\n\nParliament voted.\n",
        )
        .unwrap();
        let out = root.join("topics.tsv");
        write_topics(root, &out).unwrap();
        let text = std::fs::read_to_string(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("articles/a.md\t"), "{text}");
        assert!(
            lines[0].split('\t').any(|t| t == "Flood defences"),
            "{text}"
        );
        assert!(!lines[1].contains("Flood defences"), "{text}");
    }

    #[test]
    fn plan_has_requested_size_and_multi_outlet_events() {
        let world = World::new(&mut Rng::new(3));
        let p = plan(&world, 3, 500, 730);
        assert_eq!(p.docs.len(), 500);
        let mut per_event: BTreeMap<u32, BTreeSet<u8>> = BTreeMap::new();
        for d in &p.docs {
            assert!(
                per_event.entry(d.event).or_default().insert(d.outlet),
                "an outlet covered one event twice"
            );
        }
        assert!(per_event.values().any(|o| o.len() >= 3));
        assert!(per_event.values().any(|o| o.len() == 1));
    }

    #[test]
    fn every_template_slot_exists() {
        // An unknown slot is marked ⟦name⟧: look for such marks in many texts.
        let world = World::new(&mut Rng::new(5));
        let p = plan(&world, 5, 300, 730);
        for (i, d) in p.docs.iter().enumerate() {
            let ev = &p.events[d.event as usize];
            let mut ctx = Ctx {
                world: &world,
                ev,
                story: ev.storyline.map(|s| &p.storylines[s]),
                theme: &THEMES[ev.theme],
                outlet: &OUTLETS[d.outlet as usize],
                weekday: "Monday",
                rng: Rng::new(i as u64),
                used: Vec::new(),
            };
            let kind = text::pick_kind(ctx.outlet, &mut ctx.rng);
            let title = text::headline(&mut ctx, kind, usize::from(d.position));
            let a = text::compose(&mut ctx, title, kind, d.outlet as usize);
            let mut all = a.title.clone() + &a.summary + &a.caption;
            for b in &a.blocks {
                match b {
                    text::Block::Para(t) | text::Block::Heading(t) | text::Block::Speaker(t) => {
                        all.push_str(t)
                    }
                    text::Block::List(i, items) => {
                        all.push_str(i);
                        items.iter().for_each(|s| all.push_str(s));
                    }
                    text::Block::Quote { text, who } => {
                        all.push_str(text);
                        all.push_str(who);
                    }
                }
            }
            assert!(!all.contains('⟦'), "unknown slot in {all}");
            assert!(
                !all.contains('{') && !all.contains('}'),
                "brace left in {all}"
            );
        }
    }
}
