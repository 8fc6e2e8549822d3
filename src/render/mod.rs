//! Pages: each one a pure function of its template and its context.
//!
//! `pages` builds every page's context from the [`Site`]; this module loads the theme and
//! turns contexts into bytes, in parallel.

pub mod markdown;
pub mod pages;
pub mod urls;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::Tera;

use crate::error::{Error, Result};
use crate::site::Site;

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
    pub bytes: Vec<u8>,
}

/// A page before rendering: which template, and everything it may show.
#[derive(Debug, Clone)]
pub struct PageSpec {
    pub path: String,
    pub template: &'static str,
    pub context: serde_json::Value,
}

/// The templates and assets in use: the embedded default theme, overridden file by file by
/// the site's `templates/` folder.
pub struct Theme {
    tera: Tera,
    assets: BTreeMap<String, Vec<u8>>,
    /// Template sources by name, for hashing (a page is re-rendered when its template changed).
    pub sources: BTreeMap<String, String>,
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
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| Error::from_tera(&first_template_in(&e, dir), &e))?;
        Ok(Theme {
            tera,
            assets,
            sources,
        })
    }

    /// Render one page.
    pub fn render(&self, spec: &PageSpec) -> Result<Page> {
        let context = tera::Context::from_value(spec.context.clone())
            .map_err(|e| Error::from_tera(spec.template, &e))?;
        let text = self
            .tera
            .render(spec.template, &context)
            .map_err(|e| Error::from_tera(spec.template, &e))?;
        Ok(Page {
            path: spec.path.clone(),
            bytes: text.into_bytes(),
        })
    }

    /// Static files of the theme, copied as they are.
    pub fn assets(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.assets.iter()
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }
}

/// Escape text for HTML and XML text and quoted attributes. Unlike Tera's default it leaves
/// `/` alone, so URLs stay readable.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
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

/// Render every page of the site and its assets, in parallel. The first template error stops
/// the build (all pages share the templates, so one error is usually many).
pub fn render_site(site: &Site, theme: &Theme, progress: Progress) -> Result<Vec<Page>> {
    let specs = pages::build(site);
    let total = specs.len();
    let done = AtomicUsize::new(0);
    let mut out: Vec<Page> = specs
        .par_iter()
        .map(|spec| {
            let page = theme.render(spec);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            page
        })
        .collect::<Result<Vec<_>>>()?;
    for (name, bytes) in theme.assets() {
        out.push(Page {
            path: name.clone(),
            bytes: bytes.clone(),
        });
    }
    out.extend(pages::extra_files(site));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
