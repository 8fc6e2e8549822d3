//! Watch mode: file events under the site's sources become rebuilds.
//!
//! The watcher listens to `site.yaml`, `content/` (the raw inbox included), `templates/` and
//! `static/`; nothing else under the site folder (the output folder, `.git`, `.dossier`) can
//! trigger a build. Events pass through a debouncer (editors' save-by-rename and a
//! `git checkout` touching a thousand files arrive as bursts), then wait for a short quiet
//! spell, so a burst ends in one rebuild. Every rebuild goes through the same [`Session`],
//! whose caches make it cost roughly the pages that changed.

use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};

use crate::build::{load_config, BuildOptions, BuildReport, Session};
use crate::error::Error;

/// How long the debouncer holds an event back, waiting for related ones (an editor's
/// temporary file and rename, a second write). Counted in the save-to-page latency.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(25);

/// The longest a continuous stream of events may postpone a build.
const MAX_BATCH_WAIT: Duration = Duration::from_secs(2);

/// A change that arrives while a rebuild runs stops it, so that its quick path and the
/// rebuild that includes it start at once; but a writer saving faster than the site builds
/// must still see whole rebuilds, so after this many stopped in a row one runs to the end.
const MAX_SUPERSEDED_IN_A_ROW: u32 = 3;

#[derive(Debug, Clone)]
pub struct WatchSettings {
    pub debounce: Duration,
}

impl Default for WatchSettings {
    fn default() -> Self {
        WatchSettings {
            debounce: DEFAULT_DEBOUNCE,
        }
    }
}

/// What the watcher saw change since the last build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Every path events named (files or folders; some may no longer exist), sorted.
    pub paths: BTreeSet<PathBuf>,
    /// The subset in the raw inbox: documents waiting to be converted.
    pub inbox: BTreeSet<PathBuf>,
    /// `site.yaml` changed.
    pub config: bool,
    /// The watcher lost track (its event queue overflowed): anything may have changed.
    pub rescan: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }

    /// Add what `other` saw.
    fn merge(&mut self, other: Changes) {
        self.paths.extend(other.paths);
        self.inbox.extend(other.inbox);
        self.config |= other.config;
        self.rescan |= other.rescan;
    }
}

/// One build's result, as watch mode reports it.
#[derive(Debug)]
pub struct Outcome {
    /// What triggered the build; `None` for the first one.
    pub changes: Option<Changes>,
    pub result: Result<BuildReport, Error>,
    pub elapsed: Duration,
}

/// Pages the quick path rewrote ahead of a full rebuild.
#[derive(Debug)]
pub struct Quick {
    /// Output paths written, sorted.
    pub pages: Vec<String>,
    pub elapsed: Duration,
}

/// What [`Watch::run`] reports while it runs.
#[derive(Debug)]
pub enum Event<'a> {
    /// Edited documents' own pages were rewritten at once; a full rebuild follows.
    Quick(&'a Quick),
    /// A build finished, well or not. After an error the output folder is as the last good
    /// build left it.
    Build(&'a Outcome),
    /// The watcher had a problem (events may have been missed); watching goes on.
    WatchProblem(String),
}

/// Errors that stop watch mode before it starts.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    #[error("cannot start the file watcher: {0}")]
    Start(#[source] notify::Error),
    #[error("{}: cannot resolve the path: {source}", path.display())]
    Path {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

enum Signal {
    Fs(DebounceEventResult),
    Stop,
    /// The rebuild running on its own thread has finished.
    Built,
}

/// Stops a running [`Watch`] from another thread (a Ctrl-C handler, a test).
#[derive(Clone)]
pub struct Stopper(Sender<Signal>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Signal::Stop);
    }
}

/// Watch mode: build, then rebuild on every change until stopped.
pub struct Watch {
    tx: Sender<Signal>,
    rx: Receiver<Signal>,
}

impl Default for Watch {
    fn default() -> Self {
        Watch::new()
    }
}

impl Watch {
    pub fn new() -> Watch {
        let (tx, rx) = mpsc::channel();
        Watch { tx, rx }
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }

    /// Start watching, build once, then rebuild after each burst of changes until a
    /// [`Stopper`] fires. Build errors are reported through `on_event` and never end the loop.
    pub fn run(
        self,
        opts: BuildOptions,
        settings: &WatchSettings,
        mut on_event: impl FnMut(Event),
    ) -> Result<(), WatchError> {
        let opts = absolute_options(opts)?;
        let mut scope = Scope::new(&opts);
        let tx = self.tx.clone();
        let debounce = settings.debounce.max(Duration::from_millis(1));
        let mut debouncer = new_debouncer(debounce, None, move |r: DebounceEventResult| {
            let _ = tx.send(Signal::Fs(r));
        })
        .map_err(WatchError::Start)?;
        // The site folder itself, not recursively: it tells when site.yaml is replaced and
        // when content/, templates/ or static/ appear.
        debouncer
            .watch(&opts.root, RecursiveMode::NonRecursive)
            .map_err(|source| WatchError::Watch {
                path: opts.root.clone(),
                source,
            })?;
        let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
        sync_watches(&mut debouncer, &scope, &mut watched, &mut on_event);

        let mut session = Session::new(opts);
        let outcome = build_once(&mut session, None);
        on_event(Event::Build(&outcome));

        // A burst ends when no event arrived for this long; the debouncer emits a batch every
        // quarter of its delay while events keep coming.
        let quiet = debounce / 2;
        // Changes not built yet: seen while a rebuild ran, or by a rebuild that was stopped.
        let mut changes = Changes::default();
        let mut superseded_in_a_row = 0;
        let mut settling = Settling::default();
        loop {
            if changes.is_empty() {
                match self.rx.recv() {
                    Ok(Signal::Fs(r)) => scope.absorb(r, &mut changes, &mut on_event),
                    Ok(Signal::Built) => continue,
                    Ok(Signal::Stop) | Err(_) => break,
                }
            }
            let started = Instant::now();
            let mut stop = false;
            while started.elapsed() < MAX_BATCH_WAIT {
                match self.rx.recv_timeout(quiet) {
                    Ok(Signal::Fs(r)) => scope.absorb(r, &mut changes, &mut on_event),
                    Ok(Signal::Built) => {}
                    Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => {
                        stop = true;
                        break;
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            if stop {
                break;
            }
            if changes.is_empty() {
                continue;
            }
            // A watched folder that was itself removed or replaced lost its watch.
            for p in &changes.paths {
                if watched.remove(p) {
                    let _ = debouncer.unwatch(p);
                }
            }
            if changes.config {
                // site.yaml may move the inbox.
                scope = Scope::new(&session.opts);
            }
            sync_watches(&mut debouncer, &scope, &mut watched, &mut on_event);
            if let Some(quick) = quick_path(&mut session, &scope, &changes) {
                on_event(Event::Quick(&quick));
            }
            let building = std::mem::take(&mut changes);
            let may_supersede = superseded_in_a_row < MAX_SUPERSEDED_IN_A_ROW;
            let (outcome, stop) = self.build_listening(
                &mut session,
                building,
                &scope,
                &mut changes,
                may_supersede,
                &mut on_event,
            );
            if matches!(outcome.result, Err(Error::Superseded)) {
                // Nothing was written: build everything it was building with what came since.
                superseded_in_a_row += 1;
                if let Some(older) = outcome.changes {
                    changes.merge(older);
                }
            } else if let Some(again) = settling.hold_back(&outcome) {
                // Nothing was written either; the files are built again once the writer has
                // been quiet for a spell, and the error is reported only if it stays.
                changes.paths.extend(again);
                if let Some(older) = outcome.changes {
                    changes.merge(older);
                }
            } else {
                superseded_in_a_row = 0;
                settling.clear();
                on_event(Event::Build(&outcome));
            }
            if stop {
                break;
            }
        }
        debouncer.stop();
        Ok(())
    }
}

impl Watch {
    /// Rebuild on a thread of its own while this one keeps taking events into `pending`; a
    /// change (when `may_supersede`) or a stop request stops the rebuild before it writes.
    /// Returns the rebuild's outcome and whether to stop watching.
    fn build_listening(
        &self,
        session: &mut Session,
        changes: Changes,
        scope: &Scope,
        pending: &mut Changes,
        may_supersede: bool,
        on_event: &mut impl FnMut(Event),
    ) -> (Outcome, bool) {
        let cancel = session.cancel_flag();
        cancel.store(false, Ordering::Relaxed);
        let started = Instant::now();
        let mut stop = false;
        let joined = std::thread::scope(|threads| {
            let tx = self.tx.clone();
            let held = Arc::clone(&cancel);
            let worker = threads.spawn(move || {
                hold_for_tests(&held);
                let outcome = build_once(session, Some(changes));
                let _ = tx.send(Signal::Built);
                outcome
            });
            loop {
                match self.rx.recv() {
                    Ok(Signal::Built) | Err(_) => break,
                    Ok(Signal::Stop) => {
                        stop = true;
                        cancel.store(true, Ordering::Relaxed);
                    }
                    Ok(Signal::Fs(r)) => {
                        scope.absorb(r, pending, on_event);
                        if may_supersede && !pending.is_empty() {
                            cancel.store(true, Ordering::Relaxed);
                        }
                    }
                }
            }
            worker.join()
        });
        cancel.store(false, Ordering::Relaxed);
        // build_once catches panics itself; this is the thread failing to run at all.
        let outcome = joined.unwrap_or_else(|_| Outcome {
            changes: None,
            result: Err(Error::Internal("the build thread failed".into())),
            elapsed: started.elapsed(),
        });
        (outcome, stop)
    }
}

/// The environment variable of the test-only pause point, see [`hold_for_tests`].
#[doc(hidden)]
pub const HOLD_ENV: &str = "DOSSIER_TEST_HOLD_REBUILD";

/// A pause point for tests of a save made during a rebuild, which otherwise depend on how
/// long a rebuild takes on the machine running them. When `DOSSIER_TEST_HOLD_REBUILD` names
/// a file that does not exist yet, the next rebuild creates it and then waits, before it
/// starts, until a newer change stops it. A test waits for the file, saves, and knows the
/// save landed while a rebuild was running. Only the first rebuild after the file is
/// created holds; later ones run as usual. Nothing else reads the variable.
fn hold_for_tests(cancel: &AtomicBool) {
    let Some(marker) = std::env::var_os(HOLD_ENV) else {
        return;
    };
    let marker = PathBuf::from(marker);
    if marker.exists() || std::fs::write(&marker, b"held\n").is_err() {
        return;
    }
    // A guard against hanging, not a timing assumption: the test's save ends the wait.
    let deadline = Instant::now() + Duration::from_secs(120);
    while !cancel.load(Ordering::Relaxed) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// When a batch only edits Markdown documents, rewrite their pages before the full rebuild
/// (see [`Session::quick_articles`]).
fn quick_path(session: &mut Session, scope: &Scope, changes: &Changes) -> Option<Quick> {
    let started = Instant::now();
    let only_documents = !changes.config
        && !changes.rescan
        && changes.inbox.is_empty()
        && changes.paths.iter().all(|p| {
            scope.role(p) == Some(Role::Content) && p.extension().is_some_and(|e| e == "md")
        });
    if !only_documents {
        return None;
    }
    let paths: Vec<PathBuf> = changes.paths.iter().cloned().collect();
    let mut pages = std::panic::catch_unwind(AssertUnwindSafe(|| session.quick_articles(&paths)))
        .unwrap_or_default();
    pages.sort();
    (!pages.is_empty()).then(|| Quick {
        pages,
        elapsed: started.elapsed(),
    })
}

/// The one place a rebuild happens, for the first build and every later one.
///
/// Raw documents dropped into the inbox are in `changes.inbox`. The ingest stage (being
/// written separately) will be called here, before `session.build`, to convert them into
/// `content/articles/`; the files it writes then come back as ordinary content events.
/// Until then a change in the inbox simply triggers a build like any other.
fn build_once(session: &mut Session, changes: Option<Changes>) -> Outcome {
    let started = Instant::now();
    if let Some(c) = &changes {
        let paths: Vec<PathBuf> = c.paths.iter().cloned().collect();
        session.invalidate(&paths);
    }
    let mut result = guarded_build(session);
    // A file caught half-written (an editor or `git checkout` writing in place, slower than
    // the quiet spell) fails the build; its next event would fix it, but the writer would
    // see a false error first. Files written moments before this build began, or while it
    // ran, get one more chance. Measured from the build's start, not from now: on a loaded
    // machine the failed build itself can outlast any fixed window.
    if let Err(Error::Content(d)) = &result {
        let fresh: Vec<PathBuf> =
            d.0.iter()
                .filter(|d| written_lately(&d.path, started))
                .map(|d| d.path.clone())
                .collect();
        if !fresh.is_empty() {
            std::thread::sleep(SETTLE_RETRY_DELAY);
            session.invalidate(&fresh);
            result = guarded_build(session);
        }
    }
    Outcome {
        changes,
        result,
        elapsed: started.elapsed(),
    }
}

/// Failed builds held back because the files they failed on were still being written.
///
/// A burst of saves (a branch switch, a script writing hundreds of files on a loaded
/// machine) can catch a different file half-written in each rebuild; the one retry inside
/// [`build_once`] cannot outlast it. A failure on files written during or just before the
/// build is not reported: they are built again after the next quiet spell. A file is held
/// back again only when it changed since it last failed, so a file saved broken is reported
/// on its second failure, and a writer that never stops is reported after
/// [`MAX_HELD_BACK_IN_A_ROW`] tries.
#[derive(Default)]
struct Settling {
    /// Each held-back file's modification time when it failed.
    failed: HashMap<PathBuf, SystemTime>,
    in_a_row: u32,
}

const MAX_HELD_BACK_IN_A_ROW: u32 = 10;

impl Settling {
    /// The files to build again when `outcome` failed only on files still being written.
    fn hold_back(&mut self, outcome: &Outcome) -> Option<Vec<PathBuf>> {
        let Err(Error::Content(d)) = &outcome.result else {
            return None;
        };
        if d.0.is_empty() || self.in_a_row >= MAX_HELD_BACK_IN_A_ROW {
            return None;
        }
        let started = Instant::now()
            .checked_sub(outcome.elapsed)
            .unwrap_or_else(Instant::now);
        let mut times = Vec::with_capacity(d.0.len());
        for diag in &d.0 {
            let modified = std::fs::metadata(&diag.path)
                .and_then(|m| m.modified())
                .ok()?;
            let changed = self.failed.get(&diag.path) != Some(&modified);
            if !changed || !written_lately(&diag.path, started) {
                return None;
            }
            times.push((diag.path.clone(), modified));
        }
        self.in_a_row += 1;
        let paths = times.iter().map(|(p, _)| p.clone()).collect();
        self.failed.extend(times);
        Some(paths)
    }

    fn clear(&mut self) {
        self.failed.clear();
        self.in_a_row = 0;
    }
}

/// Whether `path` was modified less than [`SETTLE_RETRY_WINDOW`] before the build that began
/// at `started`, or since.
fn written_lately(path: &Path, started: Instant) -> bool {
    let since = SystemTime::now()
        .checked_sub(started.elapsed() + SETTLE_RETRY_WINDOW)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= since)
}

/// A file modified this long before a build began, or during it, may still be being
/// written when it fails to load.
const SETTLE_RETRY_WINDOW: Duration = Duration::from_millis(500);
/// How long to let it settle before the one retry.
const SETTLE_RETRY_DELAY: Duration = Duration::from_millis(150);

fn guarded_build(session: &mut Session) -> Result<BuildReport, Error> {
    let silent = |_: usize, _: usize| {};
    // A bug that panics inside a build must not end the writer's session: report it and
    // start from a clean cache.
    match std::panic::catch_unwind(AssertUnwindSafe(|| session.build(&silent))) {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            *session = Session::new(session.opts.clone());
            Err(Error::Internal(format!("a build panicked ({what})")))
        }
    }
}

/// Events name absolute paths; the session must use the same ones to match them.
fn absolute_options(mut opts: BuildOptions) -> Result<BuildOptions, WatchError> {
    let abs = |p: &Path| {
        std::path::absolute(p).map_err(|source| WatchError::Path {
            path: p.to_path_buf(),
            source,
        })
    };
    opts.root = abs(&opts.root)?;
    if let Some(out) = &opts.output {
        opts.output = Some(abs(out)?);
    }
    Ok(opts)
}

/// Add a recursive watch for every source folder that exists and is not watched yet.
fn sync_watches<W: notify::Watcher, C: notify_debouncer_full::FileIdCache>(
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    scope: &Scope,
    watched: &mut BTreeSet<PathBuf>,
    on_event: &mut impl FnMut(Event),
) {
    for dir in scope.folders() {
        if watched.contains(&dir) || !dir.is_dir() {
            continue;
        }
        match debouncer.watch(&dir, RecursiveMode::Recursive) {
            Ok(()) => {
                watched.insert(dir);
            }
            Err(e) => on_event(Event::WatchProblem(format!(
                "cannot watch {}: {e}; changes there will be missed until it is recreated",
                dir.display()
            ))),
        }
    }
}

/// Which paths matter to a build, and what they are.
#[derive(Debug, Clone)]
struct Scope {
    /// The site folder as given, and resolved: some platforms (macOS) report events under
    /// the resolved path, which is mapped back before anything else.
    root: PathBuf,
    real_root: Option<PathBuf>,
    output: PathBuf,
    site_yaml: PathBuf,
    content: PathBuf,
    templates: PathBuf,
    statics: PathBuf,
    inbox: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Config,
    Content,
    Inbox,
    Template,
    Static,
}

impl Scope {
    fn new(opts: &BuildOptions) -> Scope {
        let root = opts.root.clone();
        // An unreadable site.yaml is the build's to report; the default inbox will do here.
        let inbox = load_config(opts)
            .map(|c| c.inbox)
            .unwrap_or_else(|_| crate::config::Config::default().inbox);
        let real_root = root.canonicalize().ok().filter(|r| *r != root);
        Scope {
            real_root,
            output: opts.output_dir(),
            site_yaml: root.join("site.yaml"),
            content: root.join("content"),
            templates: root.join("templates"),
            statics: root.join("static"),
            inbox: root.join(inbox),
            root,
        }
    }

    /// An event's path under the site folder as the session names it.
    fn logical(&self, path: &Path) -> PathBuf {
        match &self.real_root {
            Some(real) if !path.starts_with(&self.root) => match path.strip_prefix(real) {
                Ok(rel) => self.root.join(rel),
                Err(_) => path.to_path_buf(),
            },
            _ => path.to_path_buf(),
        }
    }

    fn folders(&self) -> Vec<PathBuf> {
        let mut dirs = vec![
            self.content.clone(),
            self.templates.clone(),
            self.statics.clone(),
        ];
        if !self.inbox.starts_with(&self.content) {
            dirs.push(self.inbox.clone());
        }
        dirs
    }

    /// What a path is to the build, or `None` when no build reads it.
    fn role(&self, path: &Path) -> Option<Role> {
        if path.starts_with(&self.output) || is_scratch_file(path) {
            return None;
        }
        if path == self.site_yaml {
            return Some(Role::Config);
        }
        let (role, base) = if path.starts_with(&self.inbox) {
            (Role::Inbox, &self.inbox)
        } else if path.starts_with(&self.content) {
            (Role::Content, &self.content)
        } else if path.starts_with(&self.templates) {
            (Role::Template, &self.templates)
        } else if path.starts_with(&self.statics) {
            (Role::Static, &self.statics)
        } else {
            return None;
        };
        let rel = path.strip_prefix(base).unwrap_or(path);
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => n.to_string_lossy().starts_with('.'),
            _ => false,
        });
        // The content loader and the theme skip hidden entries; static/ copies them (but
        // never a .git folder).
        let ignored = match role {
            Role::Static => rel.components().any(|c| c.as_os_str() == ".git"),
            _ => hidden,
        };
        (!ignored).then_some(role)
    }

    /// Fold a debouncer batch into `changes`.
    fn absorb(
        &self,
        result: DebounceEventResult,
        changes: &mut Changes,
        on_event: &mut impl FnMut(Event),
    ) {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    on_event(Event::WatchProblem(format!("file watcher: {e}")));
                }
                // Whatever was lost, a build re-reads what changed on disk.
                changes.rescan = true;
                return;
            }
        };
        for event in events {
            self.absorb_event(&event, changes);
        }
    }

    fn absorb_event(&self, event: &DebouncedEvent, changes: &mut Changes) {
        if event.need_rescan() {
            changes.rescan = true;
            return;
        }
        let relevant = match event.kind {
            // Reads (the build's own included) are not changes; a write is done when closed.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) | EventKind::Other => false,
            EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => {
                true
            }
        };
        if !relevant {
            return;
        }
        for path in &event.paths {
            let path = &self.logical(path);
            match self.role(path) {
                None => {}
                Some(role) => {
                    if role == Role::Config {
                        changes.config = true;
                    }
                    if role == Role::Inbox {
                        changes.inbox.insert(path.clone());
                    }
                    changes.paths.insert(path.clone());
                }
            }
        }
    }
}

/// Editors' swap, backup and save-in-progress files: never part of a site, and noisy.
fn is_scratch_file(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let name = name.as_ref();
    name.ends_with('~')
        || name == "4913" // vim probes whether it may write in the folder
        || name == ".DS_Store"
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || name.starts_with(".goutputstream-")
        || [".swp", ".swo", ".swx", ".tmp", ".crswap", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{CreateKind, ModifyKind, RemoveKind};

    fn scope() -> Scope {
        let root = PathBuf::from("/site");
        Scope {
            real_root: Some(PathBuf::from("/private/site")),
            output: root.join("public"),
            site_yaml: root.join("site.yaml"),
            content: root.join("content"),
            templates: root.join("templates"),
            statics: root.join("static"),
            inbox: root.join("content/inbox"),
            root,
        }
    }

    fn event(kind: EventKind, path: &str) -> DebouncedEvent {
        DebouncedEvent::new(
            notify::Event::new(kind).add_path(PathBuf::from(path)),
            Instant::now(),
        )
    }

    #[test]
    fn a_file_written_before_a_long_failed_build_gets_its_retry() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.md");
        std::fs::write(&file, "---\n").unwrap();
        let set_age = |age: Duration| {
            let f = std::fs::File::options().write(true).open(&file).unwrap();
            f.set_modified(SystemTime::now() - age).unwrap();
        };
        // The build began 2 s ago (a loaded machine); the file was written just before it.
        let started = Instant::now() - Duration::from_secs(2);
        set_age(Duration::from_millis(2_100));
        assert!(written_lately(&file, started));
        // Written during the build.
        set_age(Duration::from_millis(900));
        assert!(written_lately(&file, started));
        // Written well before the build: a real error, reported at once.
        set_age(Duration::from_secs(3));
        assert!(!written_lately(&file, started));
        assert!(!written_lately(&dir.path().join("gone.md"), started));
    }

    #[test]
    fn a_failure_on_files_still_being_written_is_held_back_once_per_change() {
        use crate::error::{Diagnostic, Diagnostics};
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("burst-108.md");
        let failed = |elapsed: Duration| Outcome {
            changes: None,
            result: Err(Error::Content(Diagnostics(vec![Diagnostic::error(
                &file,
                "no front matter",
            )]))),
            elapsed,
        };
        let mut settling = Settling::default();

        // Caught empty, mid-write: held back, to be built again.
        std::fs::write(&file, "").unwrap();
        assert_eq!(
            settling.hold_back(&failed(Duration::from_millis(40))),
            Some(vec![file.clone()])
        );
        // Failing again unchanged: a file saved broken, reported.
        assert_eq!(settling.hold_back(&failed(Duration::from_millis(40))), None);
        // Written again since: still settling.
        let later = SystemTime::now() + Duration::from_secs(1);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(settling
            .hold_back(&failed(Duration::from_millis(40)))
            .is_some());

        // An old file's failure is a real error, reported at once.
        settling.clear();
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(settling.hold_back(&failed(Duration::from_millis(40))), None);

        // Other errors are never held back.
        let other = Outcome {
            changes: None,
            result: Err(Error::Internal("x".into())),
            elapsed: Duration::ZERO,
        };
        assert_eq!(settling.hold_back(&other), None);

        // A writer that never stops is reported after a bounded number of tries.
        settling.clear();
        let mut held = 0;
        for k in 0..100u64 {
            let t = SystemTime::now() + Duration::from_millis(k + 1);
            std::fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_modified(t)
                .unwrap();
            match settling.hold_back(&failed(Duration::ZERO)) {
                Some(_) => held += 1,
                None => break,
            }
        }
        assert_eq!(held, MAX_HELD_BACK_IN_A_ROW);
    }

    #[test]
    fn roles_of_paths() {
        let s = scope();
        let role = |p: &str| s.role(Path::new(p));
        assert_eq!(role("/site/site.yaml"), Some(Role::Config));
        assert_eq!(role("/site/content/articles/a.md"), Some(Role::Content));
        assert_eq!(role("/site/content/inbox/raw.txt"), Some(Role::Inbox));
        assert_eq!(role("/site/templates/base.html"), Some(Role::Template));
        assert_eq!(role("/site/static/.htaccess"), Some(Role::Static));
        for ignored in [
            "/site/public/index.html",
            "/site/.git/index",
            "/site/.dossier/preview/index.html",
            "/site/README.md",
            "/site/content/.git/HEAD",
            "/site/content/articles/.a.md.swp",
            "/site/content/articles/a.md~",
            "/site/content/articles/4913",
            "/site/content/articles/#a.md#",
            "/site/templates/.hidden.html",
            "/site/static/.git/config",
        ] {
            assert_eq!(role(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn output_inside_the_site_is_ignored_even_when_named_like_a_source() {
        let mut s = scope();
        s.output = PathBuf::from("/site/static-out");
        assert_eq!(s.role(Path::new("/site/static-out/x.css")), None);
    }

    #[test]
    fn reads_are_not_changes() {
        let s = scope();
        let mut c = Changes::default();
        let mut sink = |_: Event| {};
        s.absorb(
            Ok(vec![
                event(
                    EventKind::Access(AccessKind::Open(AccessMode::Any)),
                    "/site/content/a.md",
                ),
                event(
                    EventKind::Access(AccessKind::Close(AccessMode::Read)),
                    "/site/content/a.md",
                ),
            ]),
            &mut c,
            &mut sink,
        );
        assert!(c.is_empty());
        s.absorb(
            Ok(vec![event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                "/site/content/a.md",
            )]),
            &mut c,
            &mut sink,
        );
        assert_eq!(
            c.paths.iter().collect::<Vec<_>>(),
            [Path::new("/site/content/a.md")]
        );
    }

    #[test]
    fn batches_merge_and_classify() {
        let s = scope();
        let mut c = Changes::default();
        let mut sink = |_: Event| {};
        s.absorb(
            Ok(vec![
                event(
                    EventKind::Create(CreateKind::File),
                    "/site/content/inbox/x.txt",
                ),
                event(EventKind::Modify(ModifyKind::Any), "/site/site.yaml"),
                event(EventKind::Remove(RemoveKind::File), "/site/public/old.html"),
            ]),
            &mut c,
            &mut sink,
        );
        s.absorb(
            Ok(vec![event(
                EventKind::Remove(RemoveKind::Folder),
                "/site/content/articles/2023",
            )]),
            &mut c,
            &mut sink,
        );
        assert!(c.config);
        assert_eq!(c.inbox.len(), 1);
        s.absorb(
            Ok(vec![event(
                EventKind::Create(CreateKind::File),
                "/private/site/templates/x.html",
            )]),
            &mut c,
            &mut sink,
        );
        assert!(c.paths.contains(Path::new("/site/templates/x.html")));
        assert_eq!(c.paths.len(), 4, "{:?}", c.paths);
        assert!(!c.rescan);
    }

    #[test]
    fn watcher_errors_force_a_rescan_and_are_reported() {
        let s = scope();
        let mut c = Changes::default();
        let mut problems = Vec::new();
        s.absorb(
            Err(vec![notify::Error::generic("queue overflow")]),
            &mut c,
            &mut |e| {
                if let Event::WatchProblem(p) = e {
                    problems.push(p)
                }
            },
        );
        assert!(c.rescan && !c.is_empty());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn scratch_files() {
        for name in ["a.md~", ".a.md.swp", "#a.md#", ".#a.md", "x.tmp", "4913"] {
            assert!(is_scratch_file(Path::new(name)), "{name}");
        }
        for name in ["a.md", "style.css", "tmp.md", "index.html"] {
            assert!(!is_scratch_file(Path::new(name)), "{name}");
        }
    }
}
