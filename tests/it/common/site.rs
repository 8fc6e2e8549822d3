//! A site a test builds step by step: start from a fixture (or nothing), write files, run a
//! command on it, and assert on what the command said and what it wrote.
//!
//! ```ignore
//! let site = TestSite::fixture("basic").file("content/bad.md", "no front matter");
//! site.build().fails().stderr_has("bad.md:1:1: error: no front matter");
//! assert!(site.page("index.html").contains("Fixture Briefing"));
//! ```

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::{copy_dir, fixture, run_dossier, Run};

/// A temporary site folder, removed when the value is dropped.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(name), dir.path());
        TestSite { dir }
    }

    /// A site with only a `site.yaml` holding a title.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: Test Briefing\n").unwrap();
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Write `contents` at `rel` (folders made as needed); chainable.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        self.write(rel, contents);
        self
    }

    /// Write `contents` at `rel`, for a site already in use.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Run `dossier ARGS --root SITE`, checked as [`run_dossier`] checks every run (no panic,
    /// exit code 0 or 1).
    pub fn run(&self, args: &[&str]) -> Outcome {
        let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        all.push(OsStr::new("--root"));
        all.push(self.root().as_os_str());
        Outcome(run_dossier(&all))
    }

    /// `dossier build --root SITE`.
    pub fn build(&self) -> Outcome {
        self.run(&["build"])
    }

    /// A file of the output, as text.
    pub fn page(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }
}

/// What a command did, with chainable assertions.
pub struct Outcome(pub Run);

impl Outcome {
    pub fn succeeds(self) -> Self {
        assert_eq!(
            self.0.code, 0,
            "expected success; stderr:\n{}",
            self.0.stderr
        );
        self
    }

    pub fn fails(self) -> Self {
        assert_eq!(
            self.0.code, 1,
            "expected failure; stderr:\n{}",
            self.0.stderr
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.0.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.0.stderr
        );
        self
    }

    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.0.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.0.stdout
        );
        self
    }

    pub fn stderr(&self) -> &str {
        &self.0.stderr
    }

    pub fn stdout(&self) -> &str {
        &self.0.stdout
    }
}
