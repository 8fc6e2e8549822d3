//! One build, stage by stage: config, content, analysis and grouping, render, output.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::output::{self, OutputReport};
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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did, for the command line to report.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub documents: usize,
    pub pages: usize,
    pub output: OutputReport,
    pub warnings: Vec<Diagnostic>,
    /// Wall time of each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Read and check site.yaml, applying command-line overrides.
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
    let loaded = content::load_dir(&content_dir, &[inbox], opts.drafts);
    let (errors, warnings): (Vec<_>, Vec<_>) =
        loaded.diagnostics.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(Error::Content(Diagnostics(errors)));
    }
    Ok((loaded.documents, warnings))
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
            bytes,
        });
    }
    Ok(pages)
}

/// Render the whole site in memory. Nothing is written.
pub fn render_all(
    opts: &BuildOptions,
    config: Config,
    docs: Vec<content::Document>,
    progress: render::Progress,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Result<Vec<Page>> {
    let t = Instant::now();
    let theme = Theme::load(&opts.root.join("templates"))?;
    timings.push(("templates", t.elapsed()));
    let t = Instant::now();
    let site = Site::new(config, docs);
    timings.push(("analyse and group", t.elapsed()));
    let t = Instant::now();
    let mut pages = render::render_site(&site, &theme, progress)?;
    let statics = static_files(&opts.root)?;
    // A static file with a page's name would silently replace it: the page wins, loudly.
    for s in statics {
        match pages.binary_search_by(|p| p.path.cmp(&s.path)) {
            Ok(_) => {
                return Err(Error::Output {
                    path: opts.root.join("static").join(&s.path),
                    message: "has the same path as a generated page; rename or remove it".into(),
                })
            }
            Err(at) => pages.insert(at, s),
        }
    }
    timings.push(("render", t.elapsed()));
    Ok(pages)
}

/// Build the site into its output folder. On any error nothing in the output folder changes.
pub fn build(opts: &BuildOptions, progress: render::Progress) -> Result<BuildReport> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let config = load_config(opts)?;
    let out = opts.output_dir();
    output::check_location(
        &out,
        &opts.root,
        &[
            opts.root.join("content"),
            opts.root.join("templates"),
            opts.root.join("static"),
            opts.root.join("site.yaml"),
        ],
    )?;
    let (docs, warnings) = load_content(opts, &config)?;
    timings.push(("load", t.elapsed()));
    let documents = docs.len();
    let pages = render_all(opts, config, docs, progress, &mut timings)?;
    let t = Instant::now();
    let report = output::write(&out, &pages)?;
    timings.push(("write", t.elapsed()));
    Ok(BuildReport {
        documents,
        pages: pages.len(),
        output: report,
        warnings,
        timings,
    })
}

/// Load and validate everything a build would use, rendering nothing.
pub fn check(opts: &BuildOptions) -> Result<BuildReport> {
    let config = load_config(opts)?;
    Theme::load(&opts.root.join("templates"))?;
    let (docs, warnings) = load_content(opts, &config)?;
    Ok(BuildReport {
        documents: docs.len(),
        warnings,
        ..BuildReport::default()
    })
}
