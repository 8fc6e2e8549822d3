//! Writing the output folder: only what changed, atomically per file, nothing outside it.
//!
//! The folder holds a manifest (`.dossier-manifest`: hash and path of every file Dossier
//! wrote). It proves Dossier made the folder (an unknown non-empty folder is never touched),
//! lets unchanged files be skipped without reading them, and says which files a build no
//! longer produces. A journal (`.dossier-pending`) written before any file lists the files a
//! build is about to write, so a build killed halfway is cleaned up by the next one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::Page;

pub const MANIFEST: &str = ".dossier-manifest";
const PENDING: &str = ".dossier-pending";
const TMP_DIR: &str = ".dossier-tmp";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Paths written or removed, sorted (what a live preview must reload).
    pub changed: Vec<String>,
}

/// Refuse output folders that would put the site's own files at risk.
pub fn check_location(out: &Path, site_root: &Path, protected: &[PathBuf]) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&p)
    };
    let out_abs = abs(out);
    let root_abs = abs(site_root);
    if root_abs.starts_with(&out_abs) {
        return Err(Error::Output {
            path: out.to_path_buf(),
            message: "is the site folder or contains it; building there would overwrite your files"
                .into(),
        });
    }
    for p in protected {
        let p_abs = abs(p);
        if out_abs.starts_with(&p_abs) || p_abs.starts_with(&out_abs) {
            return Err(Error::Output {
                path: out.to_path_buf(),
                message: format!("overlaps {}, which holds your sources", p.display()),
            });
        }
    }
    Ok(())
}

/// Resolve `.` and `..` without touching the file system (the folder may not exist yet).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A page path must name a file strictly inside the output folder.
fn check_page_path(path: &str) -> Result<()> {
    let bad = path.is_empty()
        || path.contains('\0')
        || path.contains('\\')
        || Path::new(path)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
    if bad {
        return Err(Error::Output {
            path: PathBuf::from(path),
            message: "a page path would leave the output folder; refused".into(),
        });
    }
    Ok(())
}

fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_string()
}

fn read_manifest(out: &Path) -> BTreeMap<String, String> {
    let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(_, p)| check_page_path(p).is_ok())
        .map(|(h, p)| (p.to_string(), h.to_string()))
        .collect()
}

fn write_atomically(out: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let tmp = out.join(TMP_DIR).join(name);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, "writing", e))?;
    let dest = out.join(name);
    std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, "replacing", e))
}

/// Create the folders `dirs` (relative to `out`) and their parents, each checked once, parents
/// first, refusing symbolic links, so nothing is ever written through a link to somewhere else.
fn ensure_dirs<'a>(out: &Path, dirs: impl IntoIterator<Item = &'a Path>) -> Result<()> {
    let mut all: BTreeSet<&Path> = BTreeSet::new();
    let mut last: Option<&Path> = None;
    for d in dirs {
        // Files of one folder mostly come together (the search index's thousands): and a
        // folder already in has its parents in too. (Paths compare component by component,
        // which cost an index of 1,946 files 55 M instructions here.)
        if last.is_some_and(|l| l.as_os_str() == d.as_os_str()) {
            continue;
        }
        last = Some(d);
        for a in d.ancestors().filter(|a| !a.as_os_str().is_empty()) {
            if !all.insert(a) {
                break;
            }
        }
    }
    // Paths order component by component: a parent comes before its children.
    for rel in all {
        let cur = out.join(rel);
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::Output {
                    path: cur,
                    message: "is a symbolic link inside the output folder; remove it".into(),
                })
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                std::fs::remove_file(&cur)
                    .map_err(|e| Error::io(&cur, "replacing a file with a folder", e))?;
                std::fs::create_dir(&cur).map_err(|e| Error::io(&cur, "creating folder", e))?;
            }
            Err(_) => {
                std::fs::create_dir(&cur).map_err(|e| Error::io(&cur, "creating folder", e))?
            }
        }
    }
    Ok(())
}

/// The hash of each page's bytes at the last write. A page handed the very same shared bytes
/// again (a page the render cache reused) is not hashed again: in watch mode that is nearly
/// every page.
#[derive(Default)]
pub struct WriteCache {
    hashes: HashMap<String, (Arc<[u8]>, String)>,
}

/// Make `out` hold exactly `pages` (plus any files Dossier never wrote, which are left alone).
pub fn write(out: &Path, pages: &[Page]) -> Result<OutputReport> {
    write_cached(out, pages, &mut WriteCache::default())
}

/// [`write`], remembering hashes between calls.
pub fn write_cached(out: &Path, pages: &[Page], cache: &mut WriteCache) -> Result<OutputReport> {
    let known = std::mem::take(&mut cache.hashes);
    let report = write_pages(out, pages, &known)?;
    cache.hashes = report.1;
    Ok(report.0)
}

type Hashes = HashMap<String, (Arc<[u8]>, String)>;

fn write_pages(out: &Path, pages: &[Page], known: &Hashes) -> Result<(OutputReport, Hashes)> {
    for p in pages {
        check_page_path(&p.path)?;
    }
    let staging = Staging::open(out)?;
    let staged: Vec<Staged> = pages
        .par_iter()
        .map(|p| {
            let known = match known.get(&p.path) {
                Some((bytes, h)) if Arc::ptr_eq(bytes, &p.bytes) => Some(h.clone()),
                _ => None,
            };
            staging.stage(p.path.clone(), &p.bytes, known)
        })
        .collect::<Result<_>>()?;
    let hashes = pages
        .iter()
        .zip(&staged)
        .map(|(p, s)| (p.path.clone(), (p.bytes.clone(), s.hash.clone())))
        .collect();
    Ok((staging.commit(staged)?, hashes))
}

/// A page handed to [`Staging::stage`]: its hash, and where its new bytes wait, if they
/// differ from what the output folder holds.
#[derive(Debug)]
pub struct Staged {
    pub path: String,
    pub hash: String,
    /// Number of the file in the temporary folder; `None` when the page is unchanged.
    waiting: Option<usize>,
}

/// One build's write into the output folder, in two steps so that pages can be written as
/// they are rendered without ever showing a half-built site: [`Staging::stage`] puts each
/// changed page in the folder's temporary folder (any thread, any order), and
/// [`Staging::commit`] moves them all into place, removes what the build no longer makes and
/// records the manifest. Dropped without a commit (a template error, a superseded build), it
/// removes the temporary folder and leaves the output as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// The manifest of the last build: path → hash.
    old: BTreeMap<String, String>,
    /// Files a killed build may have replaced: theirs is not the manifest's content.
    pending_old: Vec<String>,
    untrusted: BTreeSet<String>,
    next: AtomicUsize,
    /// The output folder did not exist before: remove it again if nothing is committed.
    created: bool,
    committed: bool,
}

impl Staging {
    /// Check that `out` is Dossier's (or empty, or absent), claim it, and make a clean
    /// temporary folder inside it (inside, so moving a file into place is a rename).
    pub fn open(out: &Path) -> Result<Staging> {
        let mut created = false;
        if out.exists() {
            let meta =
                std::fs::symlink_metadata(out).map_err(|e| Error::io(out, "inspecting", e))?;
            if !meta.is_dir() {
                return Err(Error::Output {
                    path: out.to_path_buf(),
                    message: "exists and is not a folder; choose another --output".into(),
                });
            }
            let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, "listing", e))?;
            let empty = entries.next().is_none();
            if !empty && !out.join(MANIFEST).is_file() {
                return Err(Error::Output {
                    path: out.to_path_buf(),
                    message: format!(
                        "is not empty and was not created by Dossier (it has no {MANIFEST}); refusing to write into it. Remove it or choose another --output"
                    ),
                });
            }
        } else {
            std::fs::create_dir_all(out).map_err(|e| Error::io(out, "creating", e))?;
            created = true;
        }

        let old = read_manifest(out);
        // Files a killed build may have written: Dossier's too, so they may be removed.
        let pending_old: Vec<String> = std::fs::read_to_string(out.join(PENDING))
            .unwrap_or_default()
            .lines()
            .filter(|p| check_page_path(p).is_ok())
            .map(str::to_string)
            .collect();
        if old.is_empty() && !out.join(MANIFEST).exists() {
            // Claim the folder before writing anything into it (a build killed right after
            // would otherwise leave a folder the next build refuses as not Dossier's).
            std::fs::write(out.join(MANIFEST), b"")
                .map_err(|e| Error::io(out, "writing manifest", e))?;
        }
        let tmp = out.join(TMP_DIR);
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, "clearing", e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, "creating", e))?;
        let untrusted = pending_old.iter().cloned().collect();
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            pending_old,
            untrusted,
            next: AtomicUsize::new(0),
            created,
            committed: false,
        })
    }

    /// Stage one page: hash it (unless its hash is `known`), and if the output folder does
    /// not already hold exactly these bytes, write them to the temporary folder. The caller
    /// may drop the bytes afterwards.
    pub fn stage(&self, path: String, bytes: &[u8], known: Option<String>) -> Result<Staged> {
        check_page_path(&path)?;
        let hash = known.unwrap_or_else(|| hash(bytes));
        // A file a killed build may have replaced no longer matches the manifest's hash, so
        // it is never taken as unchanged.
        let same = !self.untrusted.contains(&path)
            && self.old.get(&path) == Some(&hash)
            && std::fs::symlink_metadata(self.out.join(&path))
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        let waiting = if same {
            None
        } else {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            let tmp_path = self.tmp.join(n.to_string());
            let mut f =
                std::fs::File::create(&tmp_path).map_err(|e| Error::io(&tmp_path, "writing", e))?;
            f.write_all(bytes)
                .map_err(|e| Error::io(&tmp_path, "writing", e))?;
            Some(n)
        };
        Ok(Staged {
            path,
            hash,
            waiting,
        })
    }

    /// Make the output folder hold exactly the `staged` pages (plus files Dossier never
    /// wrote, which are left alone): move the changed ones into place, remove the files the
    /// last build wrote and this one did not, and write the manifest.
    pub fn commit(mut self, staged: Vec<Staged>) -> Result<OutputReport> {
        let out = self.out.clone();
        // The journal names every file this build may touch, before it touches any.
        let mut journal = self.pending_old.join("\n");
        for s in staged.iter().filter(|s| s.waiting.is_some()) {
            journal.push('\n');
            journal.push_str(&s.path);
        }
        write_atomically(&out, PENDING, journal.as_bytes())?;
        ensure_dirs(
            &out,
            staged
                .iter()
                .filter(|s| s.waiting.is_some())
                .filter_map(|s| Path::new(&s.path).parent()),
        )?;
        staged.par_iter().try_for_each(|s| {
            let Some(n) = s.waiting else {
                return Ok(());
            };
            let dest = out.join(&s.path);
            std::fs::rename(self.tmp.join(n.to_string()), &dest)
                .map_err(|e| Error::io(&dest, "replacing", e))
        })?;
        let written = staged.iter().filter(|s| s.waiting.is_some()).count();
        let total = staged.len();
        let new: BTreeMap<String, (String, bool)> = staged
            .into_iter()
            .map(|s| (s.path, (s.hash, s.waiting.is_some())))
            .collect();

        let mut removed = 0;
        let mut changed: Vec<String> = new
            .iter()
            .filter(|(_, (_, w))| *w)
            .map(|(p, _)| p.clone())
            .collect();
        let stale: BTreeSet<&String> = self
            .old
            .keys()
            .chain(self.pending_old.iter())
            .filter(|p| !new.contains_key(*p))
            .collect();
        for rel in stale {
            let path = out.join(rel);
            // Through a folder that became a symbolic link, the file is somewhere else: not ours.
            if behind_symlink(&out, Path::new(rel)) {
                continue;
            }
            if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                std::fs::remove_file(&path)
                    .map_err(|e| Error::io(&path, "removing stale file", e))?;
                removed += 1;
                changed.push(rel.clone());
            }
            // Also the folders a killed build made for a file it never wrote.
            prune_empty_parents(&out, Path::new(rel));
        }

        let mut manifest = String::new();
        for (p, (h, _)) in &new {
            manifest.push_str(h);
            manifest.push(' ');
            manifest.push_str(p);
            manifest.push('\n');
        }
        write_atomically(&out, MANIFEST, manifest.as_bytes())?;
        let _ = std::fs::remove_file(out.join(PENDING));
        let _ = std::fs::remove_dir_all(&self.tmp);
        self.committed = true;
        changed.sort();
        Ok(OutputReport {
            written,
            unchanged: total - written,
            removed,
            changed,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.tmp);
        if self.created {
            // Only the claim is in it now; remove_dir refuses a folder with anything else.
            let _ = std::fs::remove_file(self.out.join(MANIFEST));
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

/// Replace one page of a built output folder at once, ahead of the full write that follows
/// (watch mode's quick path). The page is named in the journal first, so the next full write
/// rewrites it whatever the manifest says, even if this process dies in between.
pub fn write_page(out: &Path, page: &Page) -> Result<()> {
    check_page_path(&page.path)?;
    if !out.join(MANIFEST).is_file() {
        return Err(Error::Output {
            path: out.to_path_buf(),
            message: "has not been built yet; a full build comes first".into(),
        });
    }
    let mut journal = std::fs::read_to_string(out.join(PENDING)).unwrap_or_default();
    journal.push('\n');
    journal.push_str(&page.path);
    write_atomically_via(out, PENDING, journal.as_bytes())?;
    if let Some(parent) = Path::new(&page.path).parent() {
        ensure_dirs(out, [parent])?;
    }
    write_atomically_via(out, &page.path, &page.bytes)
}

/// [`write_atomically`] when the temporary folder may not exist (between builds).
fn write_atomically_via(out: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let tmp = out.join(TMP_DIR);
    match std::fs::symlink_metadata(&tmp) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::Output {
                path: tmp,
                message: "is not a folder (a symbolic link?); remove it".into(),
            })
        }
        Err(_) => std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, "creating", e))?,
    }
    let tmp_file = tmp.join("quick");
    std::fs::write(&tmp_file, bytes).map_err(|e| Error::io(&tmp_file, "writing", e))?;
    let dest = out.join(name);
    std::fs::rename(&tmp_file, &dest).map_err(|e| Error::io(&dest, "replacing", e))
}

/// Is any folder between `out` and the file `rel` a symbolic link?
fn behind_symlink(out: &Path, rel: &Path) -> bool {
    let mut cur = out.to_path_buf();
    let Some(parent) = rel.parent() else {
        return false;
    };
    for c in parent.components() {
        cur.push(c);
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

fn prune_empty_parents(out: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir {
        if d.as_os_str().is_empty() {
            break;
        }
        // remove_dir fails on a folder that still has files: exactly the condition wanted.
        if std::fs::remove_dir(out.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            bytes: text.as_bytes().into(),
        }
    }

    #[test]
    fn writes_skips_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let r = write(&out, &[page("index.html", "a"), page("x/index.html", "b")]).unwrap();
        assert_eq!(r.written, 2);
        let r = write(&out, &[page("index.html", "a"), page("y/index.html", "c")]).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (1, 1, 1));
        assert!(!out.join("x").exists(), "stale folder pruned");
        assert_eq!(
            std::fs::read_to_string(out.join("y/index.html")).unwrap(),
            "c"
        );
    }

    /// A build killed after it replaced some files, then a build of the previous pages:
    /// files of the same length must not be taken as unchanged on the manifest's word.
    #[test]
    fn a_killed_build_is_undone_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let before = [page("index.html", "alpha"), page("a/index.html", "one")];
        write(&out, &before).unwrap();
        // What a build of other pages leaves when killed mid-way: its journal, one file
        // replaced (same length), one new file in a new folder, one folder made but empty.
        std::fs::write(
            out.join(PENDING),
            "index.html\nb/index.html\nc/d/index.html",
        )
        .unwrap();
        std::fs::write(out.join("index.html"), "bravo").unwrap();
        std::fs::create_dir_all(out.join("b")).unwrap();
        std::fs::write(out.join("b/index.html"), "new").unwrap();
        std::fs::create_dir_all(out.join("c/d")).unwrap();
        std::fs::create_dir_all(out.join(TMP_DIR)).unwrap();
        std::fs::write(out.join(TMP_DIR).join("7"), "half").unwrap();
        write(&out, &before).unwrap();
        let fresh = dir.path().join("fresh");
        write(&fresh, &before).unwrap();
        let list = |d: &Path| -> Vec<(String, Vec<u8>)> {
            walkdir::WalkDir::new(d)
                .sort_by_file_name()
                .into_iter()
                .map(|e| e.unwrap())
                .map(|e| {
                    let rel = e.path().strip_prefix(d).unwrap().display().to_string();
                    let bytes = if e.file_type().is_file() {
                        std::fs::read(e.path()).unwrap()
                    } else {
                        Vec::new()
                    };
                    (rel, bytes)
                })
                .collect()
        };
        assert_eq!(list(&out), list(&fresh));
    }

    #[test]
    fn refuses_a_folder_it_did_not_create() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        assert!(write(dir.path(), &[page("index.html", "a")]).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn leaves_files_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[page("index.html", "a")]).unwrap();
        std::fs::write(out.join("mine.txt"), "user").unwrap();
        write(&out, &[page("index.html", "b")]).unwrap();
        assert!(out.join("mine.txt").exists());
    }

    #[test]
    fn rejects_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x.html", "/etc/x", "a/../../b", "a\0b", ""] {
            assert!(
                write(&dir.path().join("o"), &[page(bad, "x")]).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn output_cannot_contain_the_site() {
        let root = Path::new("/tmp/site");
        assert!(check_location(Path::new("/tmp"), root, &[]).is_err());
        assert!(check_location(Path::new("/tmp/site"), root, &[]).is_err());
        assert!(check_location(
            Path::new("/tmp/site/content/x"),
            root,
            &[PathBuf::from("/tmp/site/content")]
        )
        .is_err());
        assert!(check_location(Path::new("/tmp/site/public"), root, &[]).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn never_removes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            &out,
            &[page("index.html", "a"), page("articles/x/index.html", "b")],
        )
        .unwrap();
        // Someone replaces a folder of the output with a link to their own files.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(elsewhere.join("x")).unwrap();
        std::fs::write(elsewhere.join("x/index.html"), "precious").unwrap();
        std::fs::remove_dir_all(out.join("articles")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("articles")).unwrap();
        write(&out, &[page("index.html", "a")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("x/index.html")).unwrap(),
            "precious"
        );
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        write(&out, &[page("index.html", "a")]).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("articles")).unwrap();
        assert!(write(&out, &[page("articles/x/index.html", "a")]).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }
}
