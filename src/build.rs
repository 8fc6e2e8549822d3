//! One build, stage by stage: config, content, analysis and grouping, render, output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::analyze::{self, Features, TopicMatcher};
use crate::content::ContentFile;
use crate::render::RenderCache;

use crate::config::Config;
use crate::content;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::output::{self, OutputReport, WriteCache};
use crate::render::doc_links::DocLinks;
use crate::render::{self, Page, Theme};
use crate::site::Site;

/// What `dossier build` and `dossier check` are asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.yaml, content/, templates/).
    pub root: PathBuf,
    /// Where to write; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include documents marked `draft: true`.
    pub drafts: bool,
    /// Convert new or changed raw documents in the inbox before building.
    pub ingest: bool,
    /// Publish documents dated in the future (otherwise held back until their date, unless
    /// site.yaml says `build_future: true`).
    pub future: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            ingest: true,
            future: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// One stage of a build, as `-v` reports it.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub time: Duration,
    /// Peak resident memory of the process so far, in bytes (Linux only; `None` elsewhere).
    pub peak_memory: Option<u64>,
}

impl Stage {
    fn ended(name: &'static str, started: Instant) -> Stage {
        Stage {
            name,
            time: started.elapsed(),
            peak_memory: peak_memory(),
        }
    }
}

/// The process's peak resident set size (`VmHWM`), where the system says it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// What a build did, for the command line to report.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub documents: usize,
    pub pages: usize,
    /// Pages rendered (the rest were unchanged and reused).
    pub rendered: usize,
    /// Per template: pages rendered and render time.
    pub by_template: std::collections::BTreeMap<&'static str, (usize, Duration)>,
    /// What converting the inbox did, when it did anything.
    pub ingest: Option<String>,
    pub output: OutputReport,
    pub warnings: Vec<Diagnostic>,
    /// Each stage, in order: its wall time, and the process's peak memory when it ended.
    pub timings: Vec<Stage>,
    /// Documents dated after the build's time, left out until their date.
    pub held_back: usize,
    /// Documents without a date (listed on the Undated page; the command line says how to
    /// date them, the public page does not).
    pub undated: usize,
}

/// Read and check site.yaml, applying command-line overrides.
/// Interface strings the site's language lacks (shown in English), as warnings on site.yaml.
fn ui_warnings(opts: &BuildOptions, config: &Config) -> Vec<Diagnostic> {
    let (_, messages) = crate::lang::Ui::new(config);
    messages
        .into_iter()
        .map(|m| {
            Diagnostic::warning(opts.root.join("site.yaml"), m)
                .hint("give them under `strings:` in site.yaml; docs/content.md lists the keys")
        })
        .collect()
}

pub fn load_config(opts: &BuildOptions) -> Result<Config> {
    let path = opts.root.join("site.yaml");
    let mut config = Config::load(&path)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
        // Re-validate with the override in place.
        let text = crate::yaml::to_string(&config)
            .map_err(|e| Error::Config(Box::new(Diagnostic::error(&path, e.message))))?;
        config = Config::parse(Path::new("--base-url"), &text)?;
    }
    Ok(config)
}

/// Load all documents; every content error of the site at once, or the documents and the
/// warnings.
pub fn load_content(
    opts: &BuildOptions,
    config: &Config,
) -> Result<(Vec<content::Document>, Vec<Diagnostic>)> {
    let content_dir = opts.root.join("content");
    let inbox = opts.root.join(&config.inbox);
    split_errors(content::load_dir(&content_dir, &[inbox], opts.drafts))
}

/// Files of the site's `static/` folder, copied as they are.
fn static_files(root: &Path) -> Result<Vec<Page>> {
    let dir = root.join("static");
    let mut pages = Vec::new();
    if !dir.is_dir() {
        return Ok(pages);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Output {
            path: dir.clone(),
            message: format!("cannot list the static folder: {e}"),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel: Vec<String> = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let bytes =
            std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), "reading", e))?;
        pages.push(Page {
            path: rel.join("/"),
            bytes: bytes.into(),
        });
    }
    Ok(pages)
}

/// A file's parse as last seen, with the listing it came from.
type ParsedFile = (ContentFile, content::LoadResult);
/// The templates folder's files with their times and sizes: when it changes, reload.
type ThemeStamp = Vec<(PathBuf, Option<SystemTime>, u64)>;

/// A builder that remembers between builds: each file's parse (by modification time and
/// size), each document's analysis (by content hash), the theme (by its files' times) and each
/// page's render (by template and context). `dossier build` uses a fresh one; watch mode keeps
/// one alive, so a rebuild after one edit costs little more than the pages that changed.
pub struct Session {
    pub opts: BuildOptions,
    files: HashMap<PathBuf, ParsedFile>,
    features: HashMap<String, Features>,
    topics_seen: Option<Vec<crate::config::TopicConfig>>,
    theme: Option<(ThemeStamp, Theme)>,
    render: RenderCache,
    /// Keep rendered pages for the next build (watch mode); a one-off build need not.
    keep_pages: bool,
    written: WriteCache,
    /// The last good build's site and per-document parts, for watch mode's quick path.
    last: Option<render::pages::Shared>,
    /// Raised (by watch mode) when newer changes make the running build pointless.
    cancel: Arc<AtomicBool>,
}

impl Session {
    /// A session for repeated builds (watch mode).
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            files: HashMap::new(),
            features: HashMap::new(),
            topics_seen: None,
            theme: None,
            render: RenderCache::default(),
            keep_pages: true,
            written: WriteCache::default(),
            last: None,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// A session for one build: nothing is kept for a next one.
    pub fn once(opts: BuildOptions) -> Session {
        Session {
            keep_pages: false,
            ..Session::new(opts)
        }
    }

    /// The flag that stops a running [`Session::build`] before it writes anything: set it
    /// from another thread and the build returns [`Error::Superseded`] at its next check,
    /// leaving the output folder, the caches and the quick path as the last good build left
    /// them. The build does not lower it; whoever raises it does, before the next build.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    fn check_cancel(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(Error::Superseded)
        } else {
            Ok(())
        }
    }

    /// Forget what is known of these files, so the next build reads them again even if their
    /// time and size look unchanged (watch mode passes the paths its events name).
    pub fn invalidate(&mut self, paths: &[PathBuf]) {
        let templates = self.opts.root.join("templates");
        for p in paths {
            self.files.remove(p);
            if p.starts_with(&templates) {
                self.theme = None;
            }
        }
    }

    fn output_guard(&self) -> Result<PathBuf> {
        let out = self.opts.output_dir();
        let root = &self.opts.root;
        output::check_location(
            &out,
            root,
            &[
                root.join("content"),
                root.join("templates"),
                root.join("static"),
                root.join("site.yaml"),
            ],
        )?;
        Ok(out)
    }

    /// Load the content, parsing only files that changed since the last call.
    fn load(&mut self, config: &Config) -> Result<(Vec<content::Document>, Vec<Diagnostic>)> {
        let content_dir = self.opts.root.join("content");
        let inbox = self.opts.root.join(&config.inbox);
        if !self.keep_pages {
            // A one-off build has no next build to remember parses for: one copy of each
            // document, not two.
            return split_errors(content::load_dir(&content_dir, &[inbox], self.opts.drafts));
        }
        let (files, listing) = content::list_dir(&content_dir, &[inbox]);
        let mut previous = std::mem::take(&mut self.files);
        let stale: Vec<&ContentFile> = files
            .iter()
            .filter(|f| match previous.get(&f.path) {
                Some((old, _)) => old != *f || old.modified.is_none(),
                None => true,
            })
            .collect();
        let parsed: Vec<_> = stale
            .par_iter()
            .map(|f| ((*f).clone(), content::load_file(f)))
            .collect();
        for (file, result) in parsed {
            previous.remove(&file.path);
            self.files.insert(file.path.clone(), (file, result));
        }
        let mut results = Vec::with_capacity(files.len());
        for f in &files {
            if let Some(entry) = previous.remove(&f.path) {
                self.files.insert(f.path.clone(), entry);
            }
            if let Some((_, r)) = self.files.get(&f.path) {
                results.push(r.clone());
            }
        }
        split_errors(content::collect(results, listing, self.opts.drafts))
    }

    fn theme(&mut self) -> Result<&Theme> {
        let dir = self.opts.root.join("templates");
        let stamp: ThemeStamp = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                Some((e.path().to_path_buf(), m.modified().ok(), m.len()))
            })
            .collect();
        let fresh = matches!(&self.theme, Some((s, _)) if *s == stamp);
        if !fresh {
            self.theme = Some((stamp, Theme::load(&dir)?));
        }
        match &self.theme {
            Some((_, theme)) => Ok(theme),
            None => unreachable!("theme was just loaded"),
        }
    }

    /// Build into the output folder. On any error nothing in the output folder changes.
    pub fn build(&mut self, progress: render::Progress) -> Result<BuildReport> {
        // The last good build serves the quick path until this one writes; a superseded
        // build leaves it in place, a failed one clears it (only a good build may serve it).
        let mut previous = self.last.take();
        let result = self.build_stages(progress, &mut previous);
        if matches!(result, Err(Error::Superseded)) {
            self.last = previous;
        }
        result
    }

    fn build_stages(
        &mut self,
        progress: render::Progress,
        previous: &mut Option<render::pages::Shared>,
    ) -> Result<BuildReport> {
        let mut timings = Vec::new();
        let t = Instant::now();
        self.check_cancel()?;
        let config = load_config(&self.opts)?;
        let out = self.output_guard()?;
        let mut ingest_warnings = Vec::new();
        let mut ingest_summary = None;
        if self.opts.ingest && self.opts.root.join(&config.inbox).is_dir() {
            let report = crate::ingest::run(
                &self.opts.root,
                &config,
                &crate::ingest::RunOptions {
                    paths: Vec::new(),
                    dry_run: false,
                    force: false,
                    // site.yaml's `ingest.download_images` still applies.
                    download_images: false,
                },
            )?;
            if report.written + report.conflicts + report.duplicates + report.skipped > 0 {
                ingest_summary = Some(report.summary());
            }
            ingest_warnings = report.diagnostics;
            timings.push(Stage::ended("ingest", t));
        }
        let (mut docs, mut warnings) = self.load(&config)?;
        warnings.extend(ingest_warnings);
        warnings.extend(ui_warnings(&self.opts, &config));
        let held_back = if self.opts.future || config.build_future {
            0
        } else {
            hold_back_future(&mut docs, &config, chrono::Utc::now())
        };
        timings.push(Stage::ended("load", t));
        self.check_cancel()?;

        let t = Instant::now();
        self.theme()?;
        timings.push(Stage::ended("templates", t));

        let t = Instant::now();
        if self.topics_seen.as_ref() != Some(&config.topics) {
            self.features.clear();
            self.topics_seen = Some(config.topics.clone());
        }
        let matcher = TopicMatcher::new(&config.topics);
        let mut known = std::mem::take(&mut self.features);
        let features: Vec<Features> = docs
            .iter()
            .map(|d| known.remove(&d.hash))
            .collect::<Vec<_>>()
            .into_par_iter()
            .zip(&docs)
            .map(|(cached, d)| cached.unwrap_or_else(|| analyze::analyze(d, &matcher)))
            .collect();
        if !self.keep_pages {
            // The analyses hold what grouping needs; a one-off build lets the bodies go, and
            // whatever needs one later (a story's summary, a page) reads it again.
            for d in &mut docs {
                d.release_body();
            }
        }
        timings.push(Stage::ended("analyze", t));
        let t = Instant::now();
        let documents = docs.len();
        let undated = docs.iter().filter(|d| d.date.is_none()).count();
        let cancel = Arc::clone(&self.cancel);
        let stop = move || cancel.load(Ordering::Relaxed);
        let hashes: Vec<String> = docs.iter().map(|d| d.hash.clone()).collect();
        let Some(site) = Site::with_features_until(config, docs, &features, &stop) else {
            // Keep the analyses for the build that follows.
            self.features = hashes.into_iter().zip(features).collect();
            return Err(Error::Superseded);
        };
        // Moved, not cloned: the site only borrowed them. A one-off build has no use for them
        // after grouping.
        if self.keep_pages {
            self.features = site
                .docs
                .iter()
                .map(|d| d.hash.clone())
                .zip(features)
                .collect();
        } else {
            // A hundred thousand analyses are millions of small allocations: freed on
            // every core rather than on this thread alone.
            features.into_par_iter().for_each(drop);
        }
        timings.push(Stage::ended("group", t));
        self.check_cancel()?;

        let t = Instant::now();
        let theme = match &self.theme {
            Some((_, theme)) => theme,
            None => unreachable!("theme loaded above"),
        };
        let statics = static_files(&self.opts.root)?;
        let doc_links = doc_links(&self.opts.root, &site, &statics);
        let shared = render::pages::Shared::with_doc_links(site, Some(doc_links), self.keep_pages);
        let media = media_files(&self.opts.root, &shared)?;
        let statics = statics.into_iter().chain(media);
        let (pages, stats, report) = if self.keep_pages {
            // Watch mode keeps every page for the next build's render cache: render them all,
            // then write what changed.
            let (mut pages, stats) = render::render_site(
                &shared,
                theme,
                progress,
                Some(&mut self.render),
                Some(&self.cancel),
            )?;
            merge_static(&self.opts.root, statics, &mut pages)?;
            timings.push(Stage::ended("render", t));
            // The last check: once writing starts, the build runs to its end.
            self.check_cancel()?;
            *previous = None;
            let t = Instant::now();
            let report = output::write_cached(&out, &pages, &mut self.written)?;
            timings.push(Stage::ended("write", t));
            (pages.len(), stats, report)
        } else {
            // A one-off build stages each page in the output folder as it is rendered and
            // keeps only its path and hash; the commit then moves them all into place.
            let staging = output::Staging::open(&out)?;
            let (mut staged, stats) = render::render_site_into(
                &shared,
                theme,
                progress,
                None,
                Some(&self.cancel),
                &|page| staging.stage(page.path, &page.bytes, None),
            )?;
            staged.sort_by(|a, b| a.path.cmp(&b.path));
            let generated = staged.len();
            for file in statics {
                if staged[..generated]
                    .binary_search_by(|s| s.path.as_str().cmp(&file.path))
                    .is_ok()
                {
                    return Err(static_clash(&self.opts.root, &file.path));
                }
                staged.push(staging.stage(file.path, &file.bytes, None)?);
            }
            timings.push(Stage::ended("render", t));
            let unreadable = shared.body_errors();
            if !unreadable.is_empty() {
                return Err(Error::Content(Diagnostics(unreadable)));
            }
            self.check_cancel()?;
            *previous = None;
            let t = Instant::now();
            let pages = staged.len();
            let report = staging.commit(staged)?;
            timings.push(Stage::ended("write", t));
            (pages, stats, report)
        };
        if self.keep_pages {
            self.last = Some(shared);
        }
        Ok(BuildReport {
            documents,
            pages,
            rendered: stats.rendered,
            by_template: stats.by_template,
            ingest: ingest_summary,
            output: report,
            warnings,
            timings,
            held_back,
            undated,
        })
    }
}

/// Remove documents dated after `now` (they are published by the first build on or after
/// their date); returns how many. A date without a time counts from the start of its day in
/// the site's time zone.
pub fn hold_back_future(
    docs: &mut Vec<content::Document>,
    config: &Config,
    now: chrono::DateTime<chrono::Utc>,
) -> usize {
    let tz = config.tz();
    let before = docs.len();
    docs.retain(|d| d.date.is_none_or(|x| x.moment(tz) <= now));
    before - docs.len()
}

impl Session {
    /// Watch mode's quick path: after edits to documents, write each one's article page at
    /// once, from the last build's grouping and the document's new text, so the page a writer
    /// is looking at changes within milliseconds. The full rebuild that must follow brings
    /// everything else up to date (lists, related articles, topic pages), and the page itself
    /// if its grouping changed. Edits the quick path cannot show alone (a new, moved, redated
    /// or invalid document; anything but Markdown under content/) are left to the full
    /// rebuild. Returns the pages written.
    pub fn quick_articles(&mut self, paths: &[PathBuf]) -> Vec<String> {
        let (Some(shared), Some((_, theme))) = (self.last.as_mut(), self.theme.as_ref()) else {
            return Vec::new();
        };
        let out = self.opts.output_dir();
        let content_dir = self.opts.root.join("content");
        let mut written = Vec::new();
        for path in paths {
            let Ok(rel) = path.strip_prefix(&content_dir) else {
                continue;
            };
            let Ok(meta) = std::fs::metadata(path) else {
                continue;
            };
            let file = ContentFile {
                path: path.clone(),
                rel: rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
                modified: meta.modified().ok(),
                len: meta.len(),
            };
            let Ok(doc) = content::load_file(&file) else {
                continue;
            };
            let Some(i) = shared.replace_document(doc) else {
                continue;
            };
            let Ok(page) = theme.render_with(shared.article(i), shared.shared_vars()) else {
                continue;
            };
            if output::write_page(&out, &page).is_ok() {
                written.push(page.path);
            }
        }
        written
    }
}

/// Add the site's static files (and the files documents link to) to the pages. A file with
/// a page's path would silently replace it: refused, loudly.
fn merge_static(
    root: &Path,
    files: impl IntoIterator<Item = Page>,
    pages: &mut Vec<Page>,
) -> Result<()> {
    for s in files {
        match pages.binary_search_by(|p| p.path.cmp(&s.path)) {
            Ok(_) => return Err(static_clash(root, &s.path)),
            Err(at) => pages.insert(at, s),
        }
    }
    Ok(())
}

/// The documents, or the content errors; warnings go along with the documents.
fn split_errors(loaded: content::Loaded) -> Result<(Vec<content::Document>, Vec<Diagnostic>)> {
    let (errors, warnings): (Vec<_>, Vec<_>) =
        loaded.diagnostics.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(Error::Content(Diagnostics(errors)));
    }
    Ok((loaded.documents, warnings))
}

fn static_clash(root: &Path, path: &str) -> Error {
    Error::Output {
        path: root.join("static").join(path),
        message: "has the same path as a generated page; rename or remove it".into(),
    }
}

/// How Markdown links between documents and to files resolve.
fn doc_links(root: &Path, site: &Site, statics: &[Page]) -> DocLinks {
    DocLinks::new(
        site.docs
            .iter()
            .map(|d| (d.rel_path.as_str(), d.slug.as_str())),
        statics.iter().map(|p| p.path.clone()),
        &root.join("content"),
        site.config.link_index_html,
    )
}

/// The files next to documents that bodies link to, copied into the output under `media/`.
fn media_files(root: &Path, shared: &render::pages::Shared) -> Result<Vec<Page>> {
    let content_dir = root.join("content");
    let mut media = Vec::with_capacity(shared.media().len());
    for rel in shared.media() {
        let path = content_dir.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, "reading", e))?;
        media.push(Page {
            path: format!("{}{rel}", render::doc_links::MEDIA),
            bytes: bytes.into(),
        });
    }
    Ok(media)
}

/// Build the site into its output folder. On any error nothing in the output folder changes.
pub fn build(opts: &BuildOptions, progress: render::Progress) -> Result<BuildReport> {
    Session::once(opts.clone()).build(progress)
}

/// Load, validate and render everything a build would, without writing: every template
/// error (with its template, line and page), every broken link, image and anchor, and every
/// undated document (a warning).
pub fn check(opts: &BuildOptions) -> Result<BuildReport> {
    let config = load_config(opts)?;
    let theme = Theme::load(&opts.root.join("templates"))?;
    let (mut docs, mut warnings) = load_content(opts, &config)?;
    warnings.extend(ui_warnings(opts, &config));
    let held_back = if opts.future || config.build_future {
        0
    } else {
        hold_back_future(&mut docs, &config, chrono::Utc::now())
    };
    for d in docs.iter().filter(|d| d.date.is_none()) {
        warnings.push(
            Diagnostic::warning(
                &d.path,
                "has no date: it is listed on the Undated page, not in the briefing or archives",
            )
            .at(Some(1), None)
            .hint("add `date: YYYY-MM-DD` (or a full time) to its front matter"),
        );
    }
    let documents = docs.len();
    let site = Site::new(config, docs);
    let statics = static_files(&opts.root)?;
    let links = doc_links(&opts.root, &site, &statics);
    let shared = render::pages::Shared::with_doc_links(site, Some(links.clone()), false);
    let media = media_files(&opts.root, &shared)?;
    let silent = |_: usize, _: usize| {};
    let (mut pages, _) = render::render_site(&shared, &theme, &silent, None, None)?;
    let rendered = pages.len();
    merge_static(&opts.root, statics.into_iter().chain(media), &mut pages)?;
    let problems = crate::check::links(&pages, &shared.site().docs, &links);
    if !problems.is_empty() {
        return Err(Error::Content(Diagnostics(problems)));
    }
    Ok(BuildReport {
        documents,
        pages: rendered,
        held_back,
        warnings,
        ..BuildReport::default()
    })
}
