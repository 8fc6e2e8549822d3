//! `dossier init`: a new site from the embedded sample, never overwriting a file.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::{default_theme, SAMPLE_SITE};

/// Write the sample site and the default theme into `dir`. Refuses a folder that already
/// holds a site.yaml; other existing files are left as they are and reported.
pub fn init(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    if dir.join("site.yaml").exists() {
        return Err(Error::Output {
            path: dir.join("site.yaml"),
            message: "already exists: this folder holds a site; nothing was written".into(),
        });
    }
    let mut written = Vec::new();
    let mut kept = Vec::new();
    let theme = default_theme()
        .iter()
        .map(|(p, text)| (format!("templates/{p}"), text.as_bytes()));
    let sample = SAMPLE_SITE.iter().map(|(p, b)| (p.to_string(), *b));
    for (rel, bytes) in sample.chain(theme) {
        let path = dir.join(&rel);
        if path.exists() {
            kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "creating", e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, "writing", e))?;
        written.push(path);
    }
    Ok((written, kept))
}
