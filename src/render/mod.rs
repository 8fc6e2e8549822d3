//! Pages: each one a pure function of its template and its context.
//!
//! `pages` builds every page's context from the [`Site`]; this module loads the theme and
//! turns contexts into bytes, in parallel.

pub mod context;
pub mod doc_links;
pub mod markdown;
pub mod outlets;
pub mod pages;
pub mod search;
pub mod story_index;
pub mod urls;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Tera;

use crate::error::{Error, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use embedded::SAMPLE_SITE;

/// The default theme's files: templates, and static assets under `assets/`.
pub fn default_theme() -> &'static [(&'static str, &'static str)] {
    embedded::THEME
}

/// One output file, path relative to the output folder with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    /// Shared, so a cached page is handed out without copying.
    pub bytes: Arc<[u8]>,
}

/// A page before rendering: which template, and everything it may show.
#[derive(Debug, Clone)]
pub struct PageSpec {
    pub path: String,
    pub template: &'static str,
    pub context: serde_json::Value,
}

/// Variables every page of a build has with the same value (`site`, `t`). Each rendering
/// thread keeps them in its Tera context for the whole build and moves each page's own
/// variables in and out around its rendering: copying the interface strings and the site's
/// values into every page's context cost about 3 % of a build.
pub struct SharedVars {
    /// Tells one build's variables from another's in a thread's kept context.
    id: u64,
    vars: serde_json::Map<String, serde_json::Value>,
    /// Part of every page's cache key: a page rendered with other shared values differs.
    hash: [u8; 32],
}

impl SharedVars {
    pub fn new(vars: serde_json::Map<String, serde_json::Value>) -> SharedVars {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let bytes = serde_json::to_vec(&vars).unwrap_or_default();
        SharedVars {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            hash: *blake3::hash(&bytes).as_bytes(),
            vars,
        }
    }

    /// The shared variable `name`, or null.
    pub fn get(&self, name: &str) -> &serde_json::Value {
        static NULL: serde_json::Value = serde_json::Value::Null;
        self.vars.get(name).unwrap_or(&NULL)
    }

    /// `spec` with the shared variables copied into its context: the whole context a
    /// template sees, for callers that look at it (tests, tools).
    pub fn complete(&self, mut spec: PageSpec) -> PageSpec {
        if let serde_json::Value::Object(map) = &mut spec.context {
            for (k, v) in &self.vars {
                map.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        spec
    }
}

/// The most a rendering thread keeps of its page buffer between pages.
const KEPT_BUFFER_BYTES: usize = 4 << 20;

thread_local! {
    /// This thread's Tera context: the shared variables of the build it last rendered for
    /// (by [`SharedVars::id`]), between pages; and the buffer its pages are rendered into.
    static THREAD_CONTEXT: std::cell::RefCell<(u64, tera::Context, Vec<u8>)> =
        std::cell::RefCell::new((0, tera::Context::new(), Vec::new()));
}

/// Earlier versions of the default theme's files (`theme_history.txt`: path and BLAKE3 of the
/// bytes, from the project's git history; a test in `tests/it/templates.rs` keeps it current).
static THEME_HISTORY: std::sync::LazyLock<std::collections::HashSet<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        include_str!("theme_history.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .collect()
    });

/// Whether `bytes` is an earlier default version of the theme file `rel`: a site's copy that
/// `dossier init` wrote and nobody edited. Such a copy is not an override: after an upgrade it
/// would pair an old page script or template with a new index or context.
pub fn is_earlier_default(rel: &str, bytes: &[u8]) -> bool {
    let hash = blake3::hash(bytes).to_hex();
    THEME_HISTORY.contains(&(rel, hash.as_str()))
}

/// The templates and assets in use: the embedded default theme, overridden file by file by
/// the site's `templates/` folder (except unedited copies of earlier defaults).
pub struct Theme {
    tera: Tera,
    assets: BTreeMap<String, Vec<u8>>,
    /// Template sources by name.
    pub sources: BTreeMap<String, String>,
    /// Per template: a hash of its source and of every template it extends, includes or
    /// imports. A page is rendered again when this or its context changes.
    keys: BTreeMap<String, [u8; 32]>,
}

impl Theme {
    /// Load the default theme, then the files of `dir` (if it exists) over it.
    pub fn load(dir: &Path) -> Result<Theme> {
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (name, text) in default_theme() {
            match name.strip_prefix("assets/") {
                Some(asset) => {
                    assets.insert(asset.to_string(), text.as_bytes().to_vec());
                }
                None => {
                    sources.insert(name.to_string(), text.to_string());
                }
            }
        }
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::Template {
                    template: dir.display().to_string(),
                    detail: format!("cannot list the templates folder: {e}"),
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if rel.split('/').any(|part| part.starts_with('.')) {
                    continue;
                }
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| Error::io(entry.path(), "reading template", e))?;
                if is_earlier_default(&rel, &bytes) {
                    // Written by an earlier Dossier's `init` and never edited: this
                    // Dossier's version goes with the pages and index it makes.
                    continue;
                }
                match rel.strip_prefix("assets/") {
                    Some(asset) => {
                        assets.insert(asset.to_string(), bytes);
                    }
                    None => {
                        let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                            template: entry.path().display().to_string(),
                            detail: "not valid UTF-8; save the template as UTF-8".into(),
                        })?;
                        sources.insert(rel, text);
                    }
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("fill", fill_filter);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| Error::from_tera(&first_template_in(&e, dir), &e))?;
        let keys = template_keys(&sources);
        Ok(Theme {
            tera,
            assets,
            sources,
            keys,
        })
    }

    /// Render one page.
    pub fn render(&self, spec: PageSpec) -> Result<Page> {
        let context = tera::Context::from_value(spec.context)
            .map_err(|e| Error::from_tera(spec.template, &e))?;
        let text = self
            .tera
            .render(spec.template, &context)
            .map_err(|e| self.render_error(spec.template, &spec.path, &e))?;
        Ok(Page {
            path: spec.path,
            bytes: text.into_bytes().into(),
        })
    }

    /// Render one page whose context holds its own variables, with `shared`'s as well
    /// (see [`SharedVars`]).
    pub fn render_with(&self, spec: PageSpec, shared: &SharedVars) -> Result<Page> {
        let serde_json::Value::Object(own) = spec.context else {
            return self.render(shared.complete(spec));
        };
        let keys: Vec<String> = own.keys().cloned().collect();
        // A page that sets a shared name shadows it for its own rendering; the thread's
        // context is then made again for the next page.
        let shadows = keys.iter().any(|k| shared.vars.contains_key(k));
        let own = tera::Context::from_value(serde_json::Value::Object(own))
            .map_err(|e| Error::from_tera(spec.template, &e))?;
        let rendered = THREAD_CONTEXT.with(|cell| {
            let mut kept = cell.borrow_mut();
            let (id, context, buffer) = &mut *kept;
            if *id != shared.id {
                *context =
                    tera::Context::from_value(serde_json::Value::Object(shared.vars.clone()))
                        .unwrap_or_default();
                *id = shared.id;
            }
            context.extend(own);
            // Into the thread's kept buffer, which has grown to the largest page so far:
            // Tera's own `render` starts each page in 2 KB and grows it (copying it each
            // time), then checks the whole page is UTF-8 and hands back a `String` that
            // `Page` copies once more. Tera writes only `str`s, so the bytes are UTF-8.
            buffer.clear();
            let rendered = self.tera.render_to(spec.template, context, &mut *buffer);
            for k in &keys {
                context.remove(k);
            }
            if shadows {
                *id = 0;
            }
            let bytes = rendered.map(|()| Arc::<[u8]>::from(buffer.as_slice()));
            // An exceptionally large page's buffer is not kept for the rest of the build.
            if buffer.capacity() > KEPT_BUFFER_BYTES {
                *buffer = Vec::new();
            }
            bytes
        });
        let bytes = rendered.map_err(|e| self.render_error(spec.template, &spec.path, &e))?;
        Ok(Page {
            path: spec.path,
            bytes,
        })
    }

    /// A render error that names the page being rendered and, where Tera names the
    /// variable, filter or function that failed, the template and line that use it (Tera's
    /// own render errors carry no line).
    fn render_error(&self, template: &str, page: &str, err: &tera::Error) -> Error {
        let Error::Template { detail, .. } = Error::from_tera(template, err) else {
            unreachable!("from_tera makes template errors")
        };
        let place = failing_name(&detail)
            .and_then(|name| self.locate(template, &name))
            .map(|(file, line)| format!("templates/{file}:{line}"))
            .unwrap_or_else(|| format!("templates/{template}"));
        Error::Template {
            template: place,
            detail: format!("{detail}\n  while rendering the page {page}"),
        }
    }

    /// The first line that mentions `name` in `template` or in what it extends, includes or
    /// imports (the page's own template first).
    fn locate(&self, template: &str, name: &str) -> Option<(String, usize)> {
        let mut seen = std::collections::BTreeSet::new();
        let mut queue = std::collections::VecDeque::from([template.to_string()]);
        while let Some(t) = queue.pop_front() {
            if !seen.insert(t.clone()) {
                continue;
            }
            let Some(text) = self.sources.get(&t) else {
                continue;
            };
            if let Some(line) = text.lines().position(|l| mentions(l, name)) {
                return Some((t, line + 1));
            }
            queue.extend(template_references(text));
        }
        None
    }

    /// Static files of the theme, copied as they are.
    pub fn assets(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.assets.iter()
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }
}

/// The variable, filter, test or function a Tera render error names (between backticks or
/// single quotes after "Variable", "Filter", "Test" or "Function").
fn failing_name(detail: &str) -> Option<String> {
    for kind in ["Variable", "Filter", "Test", "Function"] {
        let Some(at) = detail.find(&format!("{kind} ")) else {
            continue;
        };
        let rest = &detail[at + kind.len() + 1..];
        let quote = rest.chars().next().filter(|c| matches!(c, '`' | '\''))?;
        let inner = &rest[1..];
        let end = inner.find(quote)?;
        return Some(inner[..end].to_string());
    }
    None
}

/// Does a template line use `name` as a whole name (not `name_x` or `x.name`)?
fn mentions(line: &str, name: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    line.match_indices(name).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + name.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Hash each template together with everything it pulls in.
fn template_keys(sources: &BTreeMap<String, String>) -> BTreeMap<String, [u8; 32]> {
    let deps: BTreeMap<&str, Vec<String>> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), template_references(text)))
        .collect();
    sources
        .keys()
        .map(|name| {
            let mut seen = std::collections::BTreeSet::new();
            let mut stack = vec![name.clone()];
            while let Some(n) = stack.pop() {
                if seen.insert(n.clone()) {
                    if let Some(d) = deps.get(n.as_str()) {
                        stack.extend(d.iter().cloned());
                    }
                }
            }
            let mut h = blake3::Hasher::new();
            for n in &seen {
                h.update(n.as_bytes());
                h.update(&[0]);
                h.update(sources.get(n).map(String::as_bytes).unwrap_or_default());
                h.update(&[0]);
            }
            (name.clone(), *h.finalize().as_bytes())
        })
        .collect()
}

/// The names in `{% extends "x" %}`, `{% include "x" %}` and `{% import "x" as y %}`.
fn template_references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("{%") {
        rest = &rest[i + 2..];
        let tag = rest.trim_start_matches(['-', ' ', '\t', '\n', '\r']);
        let is_ref = ["extends", "include", "import"]
            .iter()
            .any(|k| tag.starts_with(k));
        if is_ref {
            let end = tag.find("%}").unwrap_or(tag.len());
            let inner = &tag[..end];
            for quote in ['"', '\''] {
                let mut parts = inner.split(quote);
                parts.next();
                while let (Some(name), Some(_)) = (parts.next(), parts.next()) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// The `fill` filter: a string of the interface (`t.*`) with its `{name}` marks filled from
/// the arguments; `n` also picks the form of a `one|other` string. Numbers are written as
/// numbers, anything else as text; the result is escaped like any value.
fn fill_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("fill: the value is not a string (use it on t.*)"))?;
    let n =
        match args.get("n") {
            None => None,
            Some(v) => Some(v.as_i64().ok_or_else(|| {
                tera::Error::msg(format!("fill: n must be a whole number, not {v}"))
            })?),
        };
    let mut named: Vec<(&str, String)> = args
        .iter()
        .filter(|(k, _)| k.as_str() != "n")
        .map(|(k, v)| {
            let text = match v {
                tera::Value::String(s) => s.clone(),
                tera::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k.as_str(), text)
        })
        .collect();
    named.sort();
    let pairs: Vec<(&str, &str)> = named.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(tera::Value::String(crate::lang::strings::fill(
        text, n, &pairs,
    )))
}

/// Escape text for HTML and XML text and quoted attributes. Unlike Tera's default it leaves
/// `/` alone, so URLs stay readable.
pub fn escape_html(input: &str) -> String {
    let bytes = input.as_bytes();
    // Most values (titles, links, dates) have nothing to escape: found eight bytes at a
    // time, and copied whole.
    let Some(first) = first_special(bytes) else {
        return input.to_string();
    };
    let mut out = String::with_capacity(input.len() + input.len() / 16 + 8);
    out.push_str(&input[..first]);
    let mut start = first;
    // Copy runs of ordinary bytes whole; every special character is ASCII, so byte indexes
    // always fall on character boundaries.
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// The first byte [`escape_html`] replaces (`&`, `<`, `>`, `"` or `'`), if any. Eight
/// bytes at a time: a byte equal to `c` is a zero byte of `word ^ c…c`, and a word has a
/// zero byte exactly when `(x - 0x01…01) & !x & 0x80…80` is not zero (its lowest set bit
/// marks the first one; bits above it may be false alarms, so the word's bytes are then
/// looked at one by one).
fn first_special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let is_special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hit = zero_byte(x ^ (ONES * u64::from(b'&')))
            | zero_byte(x ^ (ONES * u64::from(b'<')))
            | zero_byte(x ^ (ONES * u64::from(b'>')))
            | zero_byte(x ^ (ONES * u64::from(b'"')))
            | zero_byte(x ^ (ONES * u64::from(b'\'')));
        if hit != 0 {
            if let Some(k) = chunk.iter().position(|&b| is_special(b)) {
                return Some(at + k);
            }
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| is_special(b))
        .map(|k| at + k)
}

/// Tera names the failing template inside its message; pull it out for our heading.
fn first_template_in(err: &tera::Error, dir: &Path) -> String {
    let text = err.to_string();
    match text.split('\'').nth(1) {
        Some(name) if !name.is_empty() => dir.join(name).display().to_string(),
        _ => dir.display().to_string(),
    }
}

/// Progress callback: called with (done, total) as pages finish.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Each page's key (template hashes + context) and bytes from the last render, so that a
/// rebuild renders only pages whose inputs changed. One mechanism for every kind of change.
#[derive(Default)]
pub struct RenderCache {
    pages: HashMap<String, ([u8; 32], Arc<[u8]>)>,
}

/// How much of a render was reused.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RenderStats {
    pub rendered: usize,
    pub reused: usize,
    /// Per template: pages rendered and the time spent (summed over threads).
    pub by_template: BTreeMap<&'static str, (usize, std::time::Duration)>,
}

/// Render every page of the site and its assets, in parallel; with a cache, pages whose
/// template and context are unchanged are taken from it. The first template error stops the
/// build (all pages share the templates, so one error is usually many).
pub fn render_site(
    shared: &pages::Shared,
    theme: &Theme,
    progress: Progress,
    cache: Option<&mut RenderCache>,
    cancel: Option<&AtomicBool>,
) -> Result<(Vec<Page>, RenderStats)> {
    let (mut pages, stats) = render_site_into(shared, theme, progress, cache, cancel, &Ok)?;
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((pages, stats))
}

/// Pages a rendering thread takes at once (a page takes about half a millisecond; taking
/// one is a few hundred nanoseconds).
const PAGES_PER_JOB: usize = 4;

/// [`render_site`], handing each page to `keep` as soon as it is rendered and collecting what
/// `keep` returns, in no particular order. A one-off build stages each page in the output
/// folder there and drops its bytes, so rendered pages never pile up in memory.
pub fn render_site_into<T: Send>(
    shared: &pages::Shared,
    theme: &Theme,
    progress: Progress,
    cache: Option<&mut RenderCache>,
    cancel: Option<&AtomicBool>,
    keep: &(dyn Fn(Page) -> Result<T> + Sync),
) -> Result<(Vec<T>, RenderStats)> {
    let jobs = pages::plan(shared);
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let previous = cache.as_ref().map(|c| &c.pages);
    let per_template =
        std::sync::Mutex::new(BTreeMap::<&'static str, (usize, std::time::Duration)>::new());
    let keep_cache = previous.is_some();
    // Each page's context is built, keyed, rendered and dropped on one thread: contexts
    // never pile up.
    type Cached = (String, [u8; 32], Arc<[u8]>);
    // A one-off build makes the search index beside the pages, not after them: its serial
    // parts (merging each batch's counts, splitting the shards) then leave no core idle.
    let index = || -> Result<Option<(Vec<T>, std::time::Duration)>> {
        if !shared.site().config.search || cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Ok(None);
        }
        let started = std::time::Instant::now();
        let words = |i: usize| shared.search_words(i);
        let files = search::index_files(
            shared.site(),
            shared.site().config.link_index_html,
            &words,
            keep,
        )?;
        Ok(Some((files, started.elapsed())))
    };
    let pages = || -> Result<Vec<(T, Option<Cached>, bool)>> {
        jobs.into_par_iter()
            // Small pieces, so that a thread that comes free (after the index, or after a
            // run of cheap pages) always finds pages to take: rayon's own splitting left a
            // quarter of the site in one piece, and the render ended with one core idle.
            .with_max_len(PAGES_PER_JOB)
            .map(|job| {
                if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                    return Err(Error::Superseded);
                }
                let started = std::time::Instant::now();
                let spec = job.own_spec(shared);
                drop(job);
                // Keys cost a serialisation of the context: only worth it when a cache is kept.
                let key = if keep_cache {
                    page_key(theme, &spec, shared.shared_vars())
                } else {
                    [0; 32]
                };
                let hit = previous
                    .and_then(|p| p.get(&spec.path))
                    .filter(|(k, _)| *k == key)
                    .map(|(_, bytes)| Page {
                        path: spec.path.clone(),
                        bytes: bytes.clone(),
                    });
                let reused = hit.is_some();
                let template = spec.template;
                let page = match hit {
                    Some(page) => page,
                    None => theme.render_with(spec, shared.shared_vars())?,
                };
                if !reused {
                    if let Ok(mut t) = per_template.lock() {
                        let e = t.entry(template).or_default();
                        e.0 += 1;
                        e.1 += started.elapsed();
                    }
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                let cached = keep_cache.then(|| (page.path.clone(), key, page.bytes.clone()));
                Ok((keep(page)?, cached, reused))
            })
            .collect::<Result<Vec<_>>>()
    };
    // Watch mode renders with a cache and can be superseded mid-build: there the index waits
    // for the pages, so a superseded rebuild stops without building it.
    let (rendered, index) = if keep_cache {
        let rendered = pages()?;
        (rendered, index()?)
    } else {
        let (rendered, index) = rayon::join(pages, index);
        (rendered?, index?)
    };
    let mut stats = RenderStats {
        by_template: per_template.into_inner().unwrap_or_default(),
        ..RenderStats::default()
    };
    let mut out = Vec::with_capacity(rendered.len() + 8);
    let mut fresh = HashMap::with_capacity(if keep_cache { rendered.len() } else { 0 });
    for (kept, cached, reused) in rendered {
        if reused {
            stats.reused += 1;
        } else {
            stats.rendered += 1;
        }
        if let Some((path, key, bytes)) = cached {
            fresh.insert(path, (key, bytes));
        }
        out.push(kept);
    }
    if let Some(cache) = cache {
        cache.pages = fresh;
    }
    for (name, bytes) in theme.assets() {
        out.push(keep(Page {
            path: name.clone(),
            bytes: bytes.as_slice().into(),
        })?);
    }
    for page in pages::extra_files(shared.site()) {
        out.push(keep(page)?);
    }
    if let Some((files, took)) = index {
        // Shown by `-v` beside the templates (its time overlaps theirs).
        stats
            .by_template
            .insert("search index", (files.len(), took));
        out.extend(files);
    }
    out.push(keep(story_index::page(shared.site()))?);
    Ok((out, stats))
}

fn page_key(theme: &Theme, spec: &PageSpec, shared: &SharedVars) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(&shared.hash);
    h.update(spec.template.as_bytes());
    h.update(
        theme
            .keys
            .get(spec.template)
            .map(|k| &k[..])
            .unwrap_or_default(),
    );
    // serde_json writes maps in key order, so equal contexts give equal bytes. One buffer
    // and one hash call: blake3 is slow on the many tiny writes a serialiser makes.
    let bytes = serde_json::to_vec(&spec.context).unwrap_or_default();
    h.update(&bytes);
    *h.finalize().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_errors_name_the_template_line_and_page() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("article.html"),
            "<main>\n<h1>{{ article.title }}</h1>\n<p>x</p>\n{{ article.titel }}\n</main>\n",
        )
        .unwrap();
        let theme = Theme::load(dir.path()).unwrap();
        let err = theme
            .render(PageSpec {
                path: "articles/x/index.html".into(),
                template: "article.html",
                context: serde_json::json!({ "article": { "title": "T" } }),
            })
            .unwrap_err()
            .to_string();
        assert!(err.contains("templates/article.html:4"), "{err}");
        assert!(err.contains("articles/x/index.html"), "{err}");
        assert_eq!(
            failing_name("Variable `article.titel` not found in context"),
            Some("article.titel".into())
        );
        assert!(mentions("{{ article.titel }}", "article.titel"));
        assert!(!mentions("{{ article.titel_x }}", "article.titel"));
    }

    #[test]
    fn template_references_are_found() {
        let t = r#"{% extends "base.html" %}{% import 'macros.html' as m %}{%- include "x.html" -%}{% if a %}"#;
        assert_eq!(
            template_references(t),
            vec!["base.html", "macros.html", "x.html"]
        );
    }

    /// The plain escaper, byte by byte: what [`escape_html`] must equal.
    fn escape_plain(input: &str) -> String {
        let mut out = String::new();
        for c in input.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn the_word_scan_escapes_as_the_plain_one() {
        // Specials at every position of a word and past its end, beside multi-byte
        // characters and bytes one off the specials (`%`, `'`+1, `=`, `?`).
        let mut texts = vec![String::new(), "plain words only, no specials".to_string()];
        for special in [
            '&', '<', '>', '"', '\'', '%', '(', '=', '?', '\u{e9}', '\u{2014}',
        ] {
            for len in 0..20 {
                for at in 0..len {
                    let mut t: String = (0..len).map(|k| (b'a' + k as u8 % 26) as char).collect();
                    t.insert(at, special);
                    texts.push(t.clone());
                    t.push('&');
                    texts.push(t);
                }
            }
        }
        texts.push("\u{1F600}<b>caf\u{e9} & th\u{e9}</b>\"'\u{80}\u{ff}".into());
        for t in &texts {
            assert_eq!(escape_html(t), escape_plain(t), "{t:?}");
            let first = t.bytes().position(|b| b"&<>\"'".contains(&b));
            assert_eq!(first_special(t.as_bytes()), first, "{t:?}");
        }
    }

    #[test]
    fn escaping_leaves_slashes() {
        assert_eq!(
            escape_html("<a href=\"/x\">'&'</a>"),
            "&lt;a href=&quot;/x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
