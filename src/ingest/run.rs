//! The file side of ingest: find raw documents, convert new and changed ones in parallel,
//! write them under `articles_dir`, never touching raw files or files the user edited.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::slugify;
use crate::error::{Diagnostic, Error};

use super::frontmatter::{file_state, FileState};
use super::html::convert_any as convert;
use super::manifest::{self, lexical_clean, Entry, Manifest};
use super::report::{DocResult, DocStatus, RunReport};
use super::{ConvertOptions, Converted, Unconvertible};

/// Raw files larger than this are refused (a news page is a few hundred kilobytes at most).
pub const MAX_RAW_BYTES: u64 = 16 * 1024 * 1024;

/// Extensions of raw documents.
const RAW_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "mhtml", "mht",
];

/// The warning for a file of another kind, naming every kind ingest converts.
fn not_raw_message() -> String {
    let kinds: Vec<String> = RAW_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    format!(
        "is not a kind of file ingest converts ({}); not converted",
        kinds.join(", ")
    )
}

/// What to convert and how.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Files or folders; empty means the inbox. Relative paths are taken from the site root.
    pub paths: Vec<PathBuf>,
    /// Show what would be written; write nothing.
    pub dry_run: bool,
    /// Convert every document, even those whose raw file did not change.
    pub force: bool,
    /// Fetch converted pages' lead images into `static/images/inbox/` (also when site.yaml's
    /// `ingest.download_images` is set).
    pub download_images: bool,
}

/// Per raw file, before writing.
enum Prepared {
    Unchanged {
        entry: Entry,
        converted: Option<Converted>,
    },
    Converted(Converted),
    Skipped(Diagnostic),
}

/// Convert the raw documents under `opts.paths` (default: the inbox) and write them.
pub fn run(root: &Path, config: &Config, opts: &RunOptions) -> Result<RunReport, Error> {
    let copts = ConvertOptions::from_config(config)?;
    let articles = lexical_clean(&root.join(&config.articles_dir));
    let mut report = RunReport {
        dry_run: opts.dry_run,
        ..RunReport::default()
    };

    let inputs: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![root.join(&config.inbox)]
    } else {
        opts.paths.iter().map(|p| root.join(p)).collect()
    };
    // A site without an inbox simply has nothing to ingest; a path the user named must exist.
    if opts.paths.is_empty() && !inputs[0].exists() {
        return Ok(report);
    }
    let files = collect_files(&inputs, &articles, &mut report.diagnostics);

    let mut manifest = Manifest::load(root, &articles);
    find_moved_outputs(root, &articles, &mut manifest);
    let want_report = config.ingest.report.is_some() || opts.dry_run;

    // Per file, in parallel: read, hash, and convert when new or changed.
    let prepared: Vec<(PathBuf, String, Prepared)> = files
        .par_iter()
        .map(|path| {
            let source_file = relative_to(root, path);
            let prep = prepare(
                path,
                &source_file,
                Folders {
                    root,
                    articles: &articles,
                },
                &manifest,
                &copts,
                opts.force,
                want_report,
            );
            (path.clone(), source_file, prep)
        })
        .collect();
    let mut prepared = prepared;
    if (opts.download_images || config.ingest.download_images) && !opts.dry_run {
        let fresh: Vec<&mut Converted> = prepared
            .iter_mut()
            .filter_map(|(_, _, p)| match p {
                Prepared::Converted(c) => Some(c),
                _ => None,
            })
            .collect();
        let warnings = super::images::download(root, fresh, config.ingest.image_max_bytes);
        report.diagnostics.extend(warnings);
    }

    let mut claimed: BTreeSet<PathBuf> = BTreeSet::new();
    // A file's name is its document's URL (articles/<stem>/), whatever its folder: a name
    // used anywhere under the articles folder is taken.
    let mut stems = markdown_stems(&articles);
    let owned: BTreeMap<String, String> = manifest
        .entries
        .iter()
        .map(|(src, e)| (e.output.clone(), src.clone()))
        .collect();
    // Outputs of unchanged documents stay theirs.
    for (_, _, p) in &prepared {
        if let Prepared::Unchanged { entry, .. } = p {
            if let Some(full) = manifest::resolve(root, &articles, &entry.output) {
                claimed.insert(full);
            }
        }
    }

    let mut identities: BTreeMap<(String, String, String), String> = BTreeMap::new();
    for (path, source_file, prep) in prepared {
        let result = match prep {
            Prepared::Skipped(d) => {
                report.skipped += 1;
                report.diagnostics.push(d);
                DocResult {
                    source_file,
                    raw_path: path,
                    output: None,
                    status: DocStatus::Skipped,
                    converted: None,
                }
            }
            Prepared::Unchanged { entry, converted } => {
                report.unchanged += 1;
                note_duplicate(
                    &mut identities,
                    &mut report,
                    &source_file,
                    &path,
                    &entry.title,
                    entry.date.as_deref(),
                    entry.source.as_deref(),
                );
                DocResult {
                    source_file,
                    raw_path: path,
                    output: Some(entry.output),
                    status: DocStatus::Unchanged,
                    converted,
                }
            }
            Prepared::Converted(conv) => {
                let (status, output) = place(
                    Folders {
                        root,
                        articles: &articles,
                    },
                    &path,
                    &source_file,
                    &conv,
                    Claims {
                        manifest: &mut manifest,
                        owned: &owned,
                        claimed: &mut claimed,
                        stems: &mut stems,
                    },
                    opts.dry_run,
                    &mut report,
                )?;
                match status {
                    DocStatus::Written | DocStatus::WouldWrite => report.written += 1,
                    DocStatus::Unchanged => report.unchanged += 1,
                    DocStatus::Conflict => report.conflicts += 1,
                    DocStatus::Skipped => report.skipped += 1,
                }
                let out_name = output.clone().unwrap_or_else(|| source_file.clone());
                let date = conv.front.date.map(|d| d.to_string());
                note_duplicate(
                    &mut identities,
                    &mut report,
                    &source_file,
                    &path,
                    conv.front.title.as_deref().unwrap_or(""),
                    date.as_deref(),
                    conv.front.source.as_deref(),
                );
                document_warnings(&mut report, &path, &out_name, &conv);
                DocResult {
                    source_file,
                    raw_path: path,
                    output,
                    status,
                    converted: Some(conv),
                }
            }
        };
        report.documents.push(result);
    }

    if !opts.dry_run {
        manifest.save(root)?;
        if let Some(rp) = &config.ingest.report {
            let p = root.join(rp);
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(dir, "creating the folder", e))?;
            }
            manifest::write_atomic(&p, report.render_report().as_bytes())?;
        }
    }
    report.diagnostics.sort();
    Ok(report)
}

/// A converted file the user moved to another folder is still its raw document's: it is
/// found again by the provenance its front matter records (`source_file`), not by the path
/// the manifest remembers, so the next run neither converts it again nor writes a copy.
fn find_moved_outputs(root: &Path, articles: &Path, manifest: &mut Manifest) {
    let gone =
        |e: &Entry| manifest::resolve(root, articles, &e.output).is_none_or(|p| !p.is_file());
    if !manifest.entries.values().any(gone) {
        return;
    }
    let found = Manifest::rebuild(root, articles);
    for (src, entry) in manifest.entries.iter_mut() {
        if gone(entry) {
            if let Some(f) = found.entries.get(src) {
                entry.output = f.output.clone();
            }
        }
    }
}

/// The site root and the folder converted documents go to.
#[derive(Clone, Copy)]
struct Folders<'a> {
    root: &'a Path,
    articles: &'a Path,
}

/// What placing one run's conversions shares: the manifest and the names already taken.
struct Claims<'a> {
    manifest: &'a mut Manifest,
    owned: &'a BTreeMap<String, String>,
    claimed: &'a mut BTreeSet<PathBuf>,
    stems: &'a mut BTreeMap<String, Vec<PathBuf>>,
}

fn prepare(
    path: &Path,
    source_file: &str,
    folders: Folders<'_>,
    manifest: &Manifest,
    copts: &ConvertOptions,
    force: bool,
    want_conversion: bool,
) -> Prepared {
    let Folders { root, articles } = folders;
    let bytes = match read_raw(path) {
        Ok(b) => b,
        Err(d) => return Prepared::Skipped(d),
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if !force {
        if let Some(entry) = manifest.entries.get(source_file) {
            let exists =
                manifest::resolve(root, articles, &entry.output).is_some_and(|p| p.is_file());
            if entry.source_hash == hash && exists {
                let converted = want_conversion
                    .then(|| convert(&bytes, source_file, copts).ok())
                    .flatten();
                return Prepared::Unchanged {
                    entry: entry.clone(),
                    converted,
                };
            }
        }
    }
    match convert(&bytes, source_file, copts) {
        Ok(c) => Prepared::Converted(c),
        Err(Unconvertible::Empty) => Prepared::Skipped(
            Diagnostic::warning(path, "is empty; skipped")
                .hint("put the text of the article in it, or remove it"),
        ),
        Err(Unconvertible::Binary(why)) => Prepared::Skipped(
            Diagnostic::warning(path, format!("is not a text document ({why}); skipped"))
                .hint("save the article's text as a .txt or .md file in the inbox"),
        ),
    }
}

fn read_raw(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let too_big = |len: u64| {
        Diagnostic::warning(
            path,
            format!(
                "is {:.1} MB, more than the {} MB a raw document may have; skipped",
                len as f64 / 1_048_576.0,
                MAX_RAW_BYTES / 1_048_576
            ),
        )
        .hint("a news page is far smaller: split the file into one file per article")
    };
    let unreadable = |e: std::io::Error| {
        Diagnostic::warning(path, format!("cannot be read ({e}); skipped"))
            .hint("check that the file exists and is readable")
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_RAW_BYTES {
        return Err(too_big(meta.len()));
    }
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte past the limit: a file that grew since is refused, not loaded.
    file.take(MAX_RAW_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_RAW_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Decide the generated file of one conversion and write it unless that would overwrite the
/// user's edits.
fn place(
    folders: Folders<'_>,
    raw: &Path,
    source_file: &str,
    conv: &Converted,
    claims: Claims<'_>,
    dry_run: bool,
    report: &mut RunReport,
) -> Result<(DocStatus, Option<String>), Error> {
    let Folders { root, articles } = folders;
    let Claims {
        manifest,
        owned,
        claimed,
        stems,
    } = claims;
    let text = conv.file_text().map_err(|e| Error::Output {
        path: raw.to_path_buf(),
        message: format!("could not write front matter: {e}"),
    })?;
    let previous = manifest
        .entries
        .get(source_file)
        .and_then(|e| manifest::resolve(root, articles, &e.output))
        .filter(|p| p.is_file());

    // The user edited the file this raw document produced: keep it, say so.
    if let Some(prev) = &previous {
        let current = std::fs::read_to_string(prev).unwrap_or_default();
        if current == text {
            claimed.insert(prev.clone());
            return Ok((DocStatus::Unchanged, Some(manifest::rel(root, prev))));
        }
        if file_state(&current) == FileState::Edited {
            report.diagnostics.push(
                Diagnostic::warning(
                    prev,
                    format!(
                        "was edited after `dossier ingest` wrote it, and its raw document {} has changed; kept your version",
                        raw.display()
                    ),
                )
                .hint(format!(
                    "to take the new conversion, move {} aside and run `dossier ingest` again, then merge your edits",
                    prev.display()
                )),
            );
            claimed.insert(prev.clone());
            return Ok((DocStatus::Conflict, Some(manifest::rel(root, prev))));
        }
    }

    let folder = match conv.front.date {
        Some(d) => {
            let day = d.day(chrono_tz::UTC);
            articles
                .join(day.format("%Y").to_string())
                .join(day.format("%m").to_string())
        }
        None => articles.join("undated"),
    };
    let base = conv
        .front
        .slug
        .clone()
        .filter(|s| crate::content::check_slug(s).is_ok())
        .unwrap_or_else(|| slugify(conv.front.title.as_deref().unwrap_or("untitled")));
    let mut target = folder.join(format!("{base}.md"));
    let mut k = 2;
    loop {
        let is_previous = previous.as_ref() == Some(&target);
        let rel_target = manifest::rel(root, &target);
        let owner = owned.get(&rel_target).map(String::as_str);
        // A file that names this raw document in its front matter is this document's own,
        // whatever a stale manifest says.
        let ours = is_previous || (target.is_file() && names_source(&target, source_file));
        let stem_used = target
            .file_stem()
            .and_then(|s| stems.get(s.to_string_lossy().as_ref()))
            .is_some_and(|ps| {
                ps.iter()
                    .any(|p| *p != target && Some(p) != previous.as_ref())
            });
        let taken = claimed.contains(&target)
            || stem_used
            || (!ours && (target.exists() || owner.is_some_and(|o| o != source_file)));
        if !taken {
            break;
        }
        target = folder.join(format!("{base}-{k}.md"));
        k += 1;
    }
    claimed.insert(target.clone());
    if let Some(stem) = target.file_stem() {
        stems
            .entry(stem.to_string_lossy().into_owned())
            .or_default()
            .push(target.clone());
    }
    let rel_target = manifest::rel(root, &target);
    if previous.is_none() && target.is_file() {
        // Found through its front matter: the same rules as for a known previous file.
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        if current != text && file_state(&current) == FileState::Edited {
            report.diagnostics.push(
                Diagnostic::warning(
                    &target,
                    format!(
                        "was edited after `dossier ingest` wrote it, and its raw document {} has changed; kept your version",
                        raw.display()
                    ),
                )
                .hint(format!(
                    "to take the new conversion, move {} aside and run `dossier ingest` again, then merge your edits",
                    target.display()
                )),
            );
            record(manifest, source_file, &rel_target, conv);
            return Ok((DocStatus::Conflict, Some(rel_target)));
        }
    }

    if target.is_file() && std::fs::read_to_string(&target).ok().as_deref() == Some(text.as_str()) {
        record(manifest, source_file, &rel_target, conv);
        return Ok((DocStatus::Unchanged, Some(rel_target)));
    }
    if dry_run {
        return Ok((DocStatus::WouldWrite, Some(rel_target)));
    }
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, "creating the folder", e))?;
    // A symbolic link inside articles_dir must not carry the write elsewhere.
    let real_folder = folder
        .canonicalize()
        .map_err(|e| Error::io(&folder, "resolving", e))?;
    let real_articles = articles
        .canonicalize()
        .map_err(|e| Error::io(articles, "resolving", e))?;
    if !real_folder.starts_with(&real_articles) {
        return Err(Error::Output {
            path: folder,
            message:
                "leads outside the articles folder (a symbolic link?); nothing was written there"
                    .into(),
        });
    }
    manifest::write_atomic(&target, text.as_bytes())?;
    // The previous generation under an old name (the title or date changed): it was ours and
    // unedited, so it goes.
    if let Some(prev) = previous {
        if prev != target {
            let _ = std::fs::remove_file(&prev);
        }
    }
    record(manifest, source_file, &rel_target, conv);
    Ok((DocStatus::Written, Some(rel_target)))
}

/// The Markdown files under `articles` by file stem.
fn markdown_stems(articles: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut stems: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(articles).into_iter().flatten() {
        let p = e.path();
        if e.file_type().is_file() && p.extension().is_some_and(|x| x == "md") {
            if let Some(stem) = p.file_stem() {
                stems
                    .entry(stem.to_string_lossy().into_owned())
                    .or_default()
                    .push(p.to_path_buf());
            }
        }
    }
    stems
}

/// Does the front matter of the file at `path` say it was made from `source_file`? A text
/// search of the front matter lines, no YAML parse.
fn names_source(path: &Path, source_file: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Some((yaml, _, _)) = crate::content::split_front_matter(&text) else {
        return false;
    };
    yaml.lines().any(|l| {
        l.strip_prefix("source_file:")
            .map(|v| v.trim().trim_matches(['\'', '"']))
            .is_some_and(|v| v == source_file)
    })
}

fn record(manifest: &mut Manifest, source_file: &str, output: &str, conv: &Converted) {
    manifest.entries.insert(
        source_file.to_string(),
        Entry {
            source_hash: conv.front.source_hash.clone().unwrap_or_default(),
            output: output.to_string(),
            title: conv.front.title.clone().unwrap_or_default(),
            date: conv.front.date.map(|d| d.to_string()),
            source: conv.front.source.clone(),
        },
    );
}

/// Two raw documents that become the same article (same title, date and source).
fn note_duplicate(
    seen: &mut BTreeMap<(String, String, String), String>,
    report: &mut RunReport,
    source_file: &str,
    raw: &Path,
    title: &str,
    date: Option<&str>,
    source: Option<&str>,
) {
    let key = (
        title.trim().to_lowercase(),
        date.unwrap_or("").to_string(),
        source.unwrap_or("").to_lowercase(),
    );
    if key.0.is_empty() {
        return;
    }
    match seen.get(&key) {
        Some(first) => {
            report.duplicates += 1;
            report.diagnostics.push(
                Diagnostic::warning(raw, format!("is the same article as {first} (same title, date and source); both were kept"))
                    .hint("remove one of the two raw documents, or delete one generated file"),
            );
        }
        None => {
            seen.insert(key, source_file.to_string());
        }
    }
}

fn document_warnings(report: &mut RunReport, raw: &Path, output: &str, conv: &Converted) {
    if conv.front.date.is_none() {
        report.diagnostics.push(
            Diagnostic::warning(
                raw,
                format!("is undated: no publication date was found, so {output} has no date"),
            )
            .hint(format!(
                "add `date: YYYY-MM-DD` to the front matter of {output}"
            )),
        );
    }
    if conv.front.extra.get("untitled") == Some(&serde_json::Value::Bool(true)) {
        report.diagnostics.push(
            Diagnostic::warning(
                raw,
                format!(
                    "has no headline; {output} got the title {:?} from the file name (marked `untitled: true`)",
                    conv.front.title.as_deref().unwrap_or("")
                ),
            )
            .hint(format!("write the real `title:` in the front matter of {output}")),
        );
    }
    for w in &conv.warnings {
        if w.starts_with("no publication date") || w.starts_with("no headline") {
            continue;
        }
        report.diagnostics.push(Diagnostic::warning(raw, w.clone()));
    }
}

/// Does ingest convert this file? By extension, in this one place (new input kinds are
/// added here).
fn is_raw(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| RAW_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Raw files under `inputs`, sorted, hidden files and the articles folder left out.
fn collect_files(
    inputs: &[PathBuf],
    articles: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files = BTreeSet::new();
    for input in inputs {
        let input = lexical_clean(input);
        if input.is_file() {
            if is_raw(&input) {
                files.insert(input);
            } else {
                diagnostics.push(
                    Diagnostic::warning(&input, not_raw_message())
                        .hint("save the article's text as a .txt file, or the page as .html"),
                );
            }
            continue;
        }
        if !input.is_dir() {
            diagnostics.push(
                Diagnostic::warning(&input, "does not exist; nothing to ingest there")
                    .hint("create the inbox folder and drop raw documents into it, or pass the right path"),
            );
            continue;
        }
        let walker = walkdir::WalkDir::new(&input)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                !hidden && !e.path().starts_with(articles)
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && is_raw(e.path()) => {
                    files.insert(e.path().to_path_buf());
                }
                // A file ingest does not convert is named, never skipped silently.
                Ok(e) if e.file_type().is_file() => diagnostics.push(
                    Diagnostic::warning(e.path(), not_raw_message()).hint(
                        "save the article's text as a .txt file or the page as .html, or move this file out of the inbox",
                    ),
                ),
                // Links are not followed (one could loop, or lead into the articles folder):
                // say so rather than skip them silently.
                Ok(e) if e.path_is_symlink() => diagnostics.push(
                    Diagnostic::warning(e.path(), "is a symbolic link; skipped")
                        .hint("put the raw document itself in the inbox, not a link to it"),
                ),
                Ok(_) => {}
                Err(err) => diagnostics.push(
                    Diagnostic::warning(
                        err.path().unwrap_or(&input),
                        format!("cannot be listed: {err}; skipped"),
                    )
                    .hint("check the folder's permissions"),
                ),
            }
        }
    }
    files.into_iter().collect()
}

/// Remove `.` and resolve `..` lexically.
/// `path` relative to `root` with `/` separators, using `..` when it lies outside.
fn relative_to(root: &Path, path: &Path) -> String {
    let abs = |p: &Path| {
        p.canonicalize().unwrap_or_else(|_| {
            let joined = if p.is_absolute() {
                p.to_path_buf()
            } else {
                std::env::current_dir().unwrap_or_default().join(p)
            };
            lexical_clean(&joined)
        })
    };
    let (r, p) = (abs(root), abs(path));
    let rc: Vec<_> = r.components().collect();
    let pc: Vec<_> = p.components().collect();
    let common = rc.iter().zip(&pc).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..rc.len() {
        parts.push("..".into());
    }
    for c in &pc[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_deleted_after_listing_is_skipped_with_a_warning() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let inbox = root.join("content/inbox");
        std::fs::create_dir_all(&inbox).unwrap();
        std::fs::write(inbox.join("gone.txt"), "Headline of a story\n\nText.\n").unwrap();
        let mut diagnostics = Vec::new();
        let articles = root.join("content/articles");
        let files = collect_files(std::slice::from_ref(&inbox), &articles, &mut diagnostics);
        assert_eq!(files.len(), 1);
        std::fs::remove_file(&files[0]).unwrap();
        let manifest = Manifest::load(root, &articles);
        let prep = prepare(
            &files[0],
            "content/inbox/gone.txt",
            Folders {
                root,
                articles: &articles,
            },
            &manifest,
            &ConvertOptions::default(),
            false,
            false,
        );
        match prep {
            Prepared::Skipped(w) => {
                assert!(!w.is_error() && w.path.ends_with("gone.txt"), "{w}");
                assert!(w.message.contains("cannot be read"), "{w}");
            }
            _ => panic!("a vanished file was not skipped"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_inbox_are_reported() {
        let d = tempfile::tempdir().unwrap();
        let inbox = d.path().join("inbox");
        std::fs::create_dir_all(&inbox).unwrap();
        std::os::unix::fs::symlink("..", inbox.join("loop")).unwrap();
        let mut diagnostics = Vec::new();
        let files = collect_files(
            std::slice::from_ref(&inbox),
            &d.path().join("articles"),
            &mut diagnostics,
        );
        assert!(files.is_empty());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert!(diagnostics[0].path.ends_with("loop"));
        assert!(diagnostics[0].message.contains("symbolic link"));
    }

    #[test]
    fn relative_paths() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("site");
        std::fs::create_dir_all(root.join("content/inbox")).unwrap();
        std::fs::create_dir_all(d.path().join("other")).unwrap();
        std::fs::write(root.join("content/inbox/a.txt"), "x").unwrap();
        std::fs::write(d.path().join("other/b.txt"), "x").unwrap();
        assert_eq!(
            relative_to(&root, &root.join("content/inbox/a.txt")),
            "content/inbox/a.txt"
        );
        assert_eq!(
            relative_to(&root, &d.path().join("other/b.txt")),
            "../other/b.txt"
        );
    }
}
