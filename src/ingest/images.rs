//! Lead images kept on the site: when the user asks (`dossier ingest --download-images` or
//! `ingest: {download_images: true}`), a converted page's remote `image` is fetched into
//! `static/images/inbox/` and the front matter points at the copy, so cards and link
//! previews no longer depend on the outlet's server.
//!
//! The address comes from a hostile page, so the fetch is careful: http(s) only, a size limit
//! read while streaming, a timeout, and the bytes must be a raster image by their own magic
//! numbers (JPEG, PNG, GIF, WebP, AVIF): never SVG or HTML, which a browser would run as a
//! page of the site. A failed fetch leaves the remote address and says why; nothing is lost.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rayon::prelude::*;

use super::manifest::write_atomic;
use super::Converted;
use crate::content::is_web_url;
use crate::error::Diagnostic;

/// Where downloaded images go, relative to the site root; the site serves it at `/images/inbox/`.
pub const FOLDER: &str = "static/images/inbox";

/// A lead image larger than this by default is not downloaded (most are under 500 KB).
pub const DEFAULT_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// How long one image may take, from connecting to the last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Fetch the remote lead image of each converted document, in parallel, and point its
/// front matter at the local copy. Returns a warning per image that stays remote.
pub fn download(root: &Path, docs: Vec<&mut Converted>, max_bytes: u64) -> Vec<Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(true)
        .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut warnings: Vec<Diagnostic> = docs
        .into_par_iter()
        .filter_map(|doc| {
            let url = doc.front.image.clone()?;
            if !is_web_url(&url) {
                return None;
            }
            let source = doc.front.source_file.clone().unwrap_or_default();
            match fetch(&agent, &url, max_bytes).and_then(|img| store(root, &img)) {
                Ok(site_path) => {
                    doc.front.image = Some(site_path);
                    doc.front
                        .extra
                        .insert("image_url".into(), serde_json::Value::String(url));
                    None
                }
                Err(why) => Some(
                    Diagnostic::warning(
                        root.join(&source),
                        format!("the lead image {url} was not downloaded: {why}"),
                    )
                    .hint("the front matter keeps its web address; run `dossier ingest --download-images --force` to try again"),
                ),
            }
        })
        .collect();
    warnings.sort();
    warnings
}

/// A downloaded image: its bytes and the extension its magic numbers give.
pub struct Image {
    pub bytes: Vec<u8>,
    pub ext: &'static str,
}

/// GET `url`, reading at most `max_bytes`; the body must be a raster image.
pub fn fetch(agent: &ureq::Agent, url: &str, max_bytes: u64) -> Result<Image, String> {
    let response = agent.get(url).call().map_err(|e| e.to_string())?;
    if let Some(len) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        if len > max_bytes {
            return Err(format!(
                "it is {len} bytes, over the limit of {max_bytes} (ingest.image_max_bytes)"
            ));
        }
    }
    let mut bytes = Vec::new();
    // One byte over the limit tells a too-large body from one exactly at it.
    response
        .into_body()
        .into_reader()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "it is over the limit of {max_bytes} bytes (ingest.image_max_bytes)"
        ));
    }
    let ext = raster_kind(&bytes).ok_or_else(|| {
        "the address did not give a JPEG, PNG, GIF, WebP or AVIF image".to_string()
    })?;
    Ok(Image { bytes, ext })
}

/// The extension of a raster image, by its first bytes; `None` for anything else (SVG,
/// HTML, scripts), whatever the server called it.
pub fn raster_kind(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("gif")
    } else if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("webp")
    } else if b.len() >= 12 && &b[4..8] == b"ftyp" && matches!(&b[8..12], b"avif" | b"avis") {
        Some("avif")
    } else {
        None
    }
}

/// Write the image under [`FOLDER`], named by its content (the same picture saved twice is one
/// file), and return its path on the site.
fn store(root: &Path, img: &Image) -> Result<String, String> {
    let hash = blake3::hash(&img.bytes).to_hex();
    let name = format!("{}.{}", &hash[..20], img.ext);
    let dir = root.join(FOLDER);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let path = dir.join(&name);
    if !path.exists() {
        write_atomic(&path, &img.bytes).map_err(|e| e.to_string())?;
    }
    Ok(format!("/images/inbox/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_raster_images_pass() {
        assert_eq!(raster_kind(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("jpg"));
        assert_eq!(raster_kind(b"\x89PNG\r\n\x1a\n\0\0"), Some("png"));
        assert_eq!(raster_kind(b"GIF89a...."), Some("gif"));
        assert_eq!(raster_kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(raster_kind(b"\0\0\0\x1cftypavif\0\0"), Some("avif"));
        for hostile in [
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
            b"<!doctype html><script>alert(1)</script>",
            b"",
            b"\xFF\xD8",
        ] {
            assert_eq!(raster_kind(hostile), None);
        }
    }
}
