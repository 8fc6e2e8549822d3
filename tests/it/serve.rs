//! `dossier serve` and `dossier build --watch`, driven as a real process on loopback, plus the
//! incremental session they rely on. Every wait is bounded; every child is killed at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;
use dossier::build::{BuildOptions, Session};

/// Long enough for a debug build on a busy machine; short enough that a hang fails fast.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `dossier` process; killed when dropped, whatever the test did.
struct Running {
    child: Child,
    stdout: Receiver<String>,
    seen: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn start(args: &[&str], root: &Path) -> Running {
        Running::start_with(args, root, &[])
    }

    /// [`Running::start`] with extra environment variables.
    fn start_with(args: &[&str], root: &Path, env: &[(&str, &Path)]) -> Running {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .args(args)
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .arg("--root")
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the dossier binary starts");
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        Running {
            child,
            stdout,
            seen: Vec::new(),
            stderr,
        }
    }

    /// Wait for a stdout line containing `needle`; return it.
    fn line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line with {needle:?} on stdout; saw {:#?}\nstderr:\n{}",
                    self.seen,
                    self.stderr()
                ),
            }
        }
    }

    /// The URL `serve` prints once the first build is done.
    fn url(&mut self) -> String {
        let line = self.line("Serving");
        let start = line.find("http://").expect("a URL on the Serving line");
        line[start..].split_whitespace().next().unwrap().to_string()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Stdout lines so far (drained without waiting).
    fn lines(&mut self) -> &[String] {
        while let Ok(line) = self.stdout.try_recv() {
            self.seen.push(line);
        }
        &self.seen
    }
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    panic!("timed out waiting for: {what}");
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn host_of(url: &str) -> String {
    url.trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

/// One request over a plain TCP connection, the target sent exactly as given.
fn request(url: &str, method: &str, target: &str) -> Response {
    request_as(url, &host_of(url), method, target)
}

/// [`request`] with the `Host` header a browser would send for `host_header`.
fn request_as(url: &str, host_header: &str, method: &str, target: &str) -> Response {
    let host = host_of(url);
    let mut s = TcpStream::connect(&host).expect("the server accepts");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {host_header}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("a complete response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(url: &str, target: &str) -> Response {
    request(url, "GET", target)
}

/// An open event stream; events arrive as (name, data).
struct Events {
    rx: Receiver<(String, String)>,
    _stream: TcpStream,
}

impl Events {
    fn open(url: &str) -> Events {
        let host = host_of(url);
        let mut stream = TcpStream::connect(&host).unwrap();
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let reader = stream.try_clone().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(reader).lines().map_while(Result::ok);
            // Skip the response head.
            for line in lines.by_ref() {
                if line.is_empty() {
                    break;
                }
            }
            let (mut name, mut data) = (String::new(), Vec::<String>::new());
            for line in lines {
                if line.is_empty() {
                    if !name.is_empty() && tx.send((name.clone(), data.join("\n"))).is_err() {
                        break;
                    }
                    name.clear();
                    data.clear();
                } else if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push(d.to_string());
                }
            }
        });
        let events = Events {
            rx,
            _stream: stream,
        };
        events.next("hello");
        events
    }

    /// Wait for the next event called `name`, returning its data; other events are returned
    /// in the list of what came before it.
    fn next_after(&self, name: &str) -> (String, Vec<String>) {
        let deadline = Instant::now() + PATIENCE;
        let mut before = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((n, data)) if n == name => return (data, before),
                Ok((n, _)) => before.push(n),
                Err(_) => panic!("no {name:?} event (saw {before:?})"),
            }
        }
    }

    fn next(&self, name: &str) -> String {
        self.next_after(name).0
    }
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// Replace a file the way editors save: write a temporary file, rename it over the old one.
fn atomic_save(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp-save",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn preview(site: &Path) -> PathBuf {
    site.join(".dossier/preview")
}

#[test]
fn serve_shows_edits_reloads_pages_and_drops_deleted_documents() {
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let page = get(&url, "/articles/council-votes/");
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Council votes to fund the harbour works"));
    assert!(
        page.body
            .contains("<script src=\"/__dossier/live.js\"></script></body>"),
        "the live script is added before </body>"
    );
    // The preview is built with the local address and never lands in public/.
    assert!(page.body.contains(&format!(
        "rel=\"canonical\" href=\"{url}articles/council-votes/\""
    )));
    let on_disk =
        std::fs::read_to_string(preview(site.path()).join("articles/council-votes/index.html"))
            .unwrap();
    assert!(
        !on_disk.contains("__dossier"),
        "the script is never written"
    );
    assert!(!site.path().join("public").exists());
    assert!(get(&url, "/__dossier/live.js").body.contains("EventSource"));

    let events = Events::open(&url);
    let doc = site.path().join("content/articles/2024/council-votes.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    atomic_save(
        &doc,
        &text.replace(
            "title: Council votes to fund the harbour works",
            "title: Council approves the harbour budget",
        ),
    );
    events.next("reload");
    eventually("the edited title is served", || {
        get(&url, "/articles/council-votes/")
            .body
            .contains("Council approves the harbour budget")
    });
    run.line("Rebuilt");

    std::fs::remove_file(site.path().join("content/articles/2024/harbour-opens.md")).unwrap();
    events.next("reload");
    eventually("the deleted document's page is gone", || {
        get(&url, "/articles/harbour-opens/").status == 404
    });
    let gone = get(&url, "/articles/harbour-opens/");
    assert!(gone.body.contains("Page not found"), "the site's 404 page");
    assert!(gone.body.contains("/__dossier/live.js"));
    assert!(!preview(site.path()).join("articles/harbour-opens").exists());
}

#[test]
fn serve_reports_errors_keeps_serving_and_recovers() {
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    let events = Events::open(&url);

    // A template that does not parse.
    let template = site.path().join("templates/article.html");
    write(
        &template,
        "{% extends \"base.html\" %}{% block content %}{{ page.title {% endblock content %}",
    );
    let error = events.next("build-error");
    assert!(error.contains("article.html"), "{error}");
    eventually("the error on stderr", || {
        run.stderr().contains("article.html")
    });
    let page = get(&url, "/articles/council-votes/");
    assert_eq!(page.status, 200, "the last good build is still served");
    assert!(page
        .body
        .contains("Council votes to fund the harbour works"));

    // Back to the default theme: output as before, so no reload, just the all-clear.
    std::fs::remove_file(&template).unwrap();
    events.next("build-ok");

    // Bad front matter: the message names the file and the line, and quotes it safely.
    let bad = site.path().join("content/articles/2024/broken.md");
    write(&bad, "---\ntitle: Fine\ndate: [not <b>a date\n---\nBody.\n");
    let error = events.next("build-error");
    assert!(error.contains("broken.md:"), "file and line: {error}");
    eventually("the content error on stderr", || {
        run.stderr().contains("broken.md:")
    });
    assert_eq!(get(&url, "/").status, 200);
    // A new stream learns of the current error at once.
    let late = Events::open_expecting_error(&url);
    assert!(late.contains("broken.md"), "{late}");

    std::fs::remove_file(&bad).unwrap();
    events.next("build-ok");
    assert_eq!(get(&url, "/articles/council-votes/").status, 200);
}

impl Events {
    fn open_expecting_error(url: &str) -> String {
        let e = Events::open(url);
        e.next("build-error")
    }
}

#[test]
fn serve_never_answers_with_files_outside_the_site() {
    let site = site("basic");
    write(&site.path().join("secret.txt"), "TOP-SECRET-MARKER\n");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    let out = preview(site.path());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(site.path(), out.join("up")).unwrap();
    }
    for target in [
        "/../site.yaml",
        "/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2e%2e/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/..%2f..%2fsite.yaml",
        "/%2e%2e%5csite.yaml",
        "/%2e%2e%5c%2e%2e%5csite.yaml",
        "/..\\..\\site.yaml",
        "/%00/../site.yaml",
        "/index.html%00",
        "/..%2f..%2fsecret.txt",
        "/../../secret.txt",
        "/leak.txt",
        "/up/site.yaml",
        "/up/secret.txt",
        "/up/",
        "/.dossier-manifest",
        &format!("{}/site.yaml", site.path().display()),
        "site.yaml",
    ] {
        let r = get(&url, target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        assert!(
            !r.body.contains("base_url: https://example.org") && !r.body.contains("TOP-SECRET"),
            "{target} leaked a file"
        );
    }
    // A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused;
    // the loopback names are answered.
    let port = host_of(&url).rsplit(':').next().unwrap().to_string();
    let foreign = request_as(&url, &format!("rebind.example:{port}"), "GET", "/");
    assert_eq!(foreign.status, 403);
    assert!(!foreign.body.contains("<html"), "{}", foreign.body);
    for name in ["localhost", "127.0.0.1"] {
        let r = request_as(&url, &format!("{name}:{port}"), "GET", "/");
        assert_eq!(r.status, 200, "{name}");
    }
}

#[test]
fn serve_answers_with_types_redirects_and_the_site_404() {
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    for (target, ty) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        (
            "/topics/harbour/atom.xml",
            "application/atom+xml; charset=utf-8",
        ),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/hello.txt", "text/plain; charset=utf-8"),
    ] {
        let r = get(&url, target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type"), Some(ty), "{target}");
        assert_eq!(
            r.header("Content-Length").and_then(|l| l.parse().ok()),
            Some(r.body.len()),
            "{target}"
        );
        assert_eq!(
            r.body.contains("/__dossier/live.js"),
            ty.starts_with("text/html"),
            "the script goes into HTML only: {target}"
        );
    }
    let moved = get(&url, "/articles/council-votes");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("Location"), Some("/articles/council-votes/"));

    let missing = get(&url, "/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));

    let head = request(&url, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(head.header("Content-Length").is_some_and(|l| l != "0"));
    assert_eq!(request(&url, "POST", "/").status, 405);
}

#[test]
fn serve_swaps_stylesheets_when_only_css_changed() {
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    let events = Events::open(&url);
    write(
        &site.path().join("templates/assets/style.css"),
        "body { color: rebeccapurple; }\n",
    );
    let (paths, before) = events.next_after("css");
    assert_eq!(paths, "style.css");
    assert!(!before.contains(&"reload".to_string()), "{before:?}");
    eventually("the new stylesheet is served", || {
        get(&url, "/style.css").body.contains("rebeccapurple")
    });
}

#[test]
fn serve_takes_the_next_port_when_one_is_busy() {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", &port.to_string()], site.path());
    let url = run.url();
    assert!(!url.contains(&format!(":{port}/")), "{url}");
    assert!(
        run.stderr().contains(&format!("port {port} is busy")),
        "{}",
        run.stderr()
    );
    assert_eq!(get(&url, "/").status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    let _events = Events::open(&url);
    let status = Command::new("kill")
        .args(["-INT", &run.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    let exit = loop {
        if let Some(s) = run.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "exit status {exit:?}");
    run.line("Stopped");
    assert!(
        TcpStream::connect(host_of(&url)).is_err(),
        "no longer listening"
    );
}

#[test]
fn build_watch_follows_saves_bursts_and_the_inbox() {
    let site = site("basic");
    let root = site.path();
    let mut run = Running::start(&["build", "--watch"], root);
    run.line("Watching");
    let public = root.join("public");
    let page = public.join("articles/council-votes/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("https://example.org/fixture/articles/council-votes/"),
        "build --watch keeps the site's base URL"
    );

    let doc = root.join("content/articles/2024/council-votes.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    atomic_save(&doc, &text.replace("on Monday evening", "late on Monday"));
    eventually("the saved edit reaches public/", || {
        std::fs::read_to_string(&page).is_ok_and(|h| h.contains("late on Monday"))
    });

    // A burst, as a branch switch makes it: many new files, deletions, a folder renamed.
    let rebuilds_before = run.lines().iter().filter(|l| l.contains("Rebuilt")).count();
    for i in 0..300 {
        write(
            &root.join(format!("content/articles/2025/burst-{i:03}.md")),
            &format!(
                "---\ntitle: Burst item {i}\ndate: 2025-01-{:02}\nsource: Daily Ledger\n---\nText {i} about the harbour project.\n",
                i % 28 + 1
            ),
        );
    }
    std::fs::remove_file(root.join("content/articles/2024/budget-row.md")).unwrap();
    std::fs::rename(root.join("content/notes"), root.join("content/memos")).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let expected = fresh.path().join("out");
    dossier()
        .args(["build", "--root"])
        .arg(root)
        .arg("-o")
        .arg(&expected)
        .assert()
        .success();
    let without_manifest = |dir: &Path| {
        let mut t = tree_now(dir);
        t.remove(dossier::output::MANIFEST);
        t
    };
    let want = without_manifest(&expected);
    assert!(want.contains_key("articles/burst-299/index.html"));
    assert!(!want.contains_key("articles/budget-row/index.html"));
    eventually("public/ matches a fresh build after the burst", || {
        without_manifest(&public) == want
    });
    std::thread::sleep(Duration::from_millis(300));
    let rebuilds = run.lines().iter().filter(|l| l.contains("Rebuilt")).count() - rebuilds_before;
    assert!(
        (1..=10).contains(&rebuilds),
        "a burst of 300 files takes a few rebuilds, not hundreds: {rebuilds}"
    );

    // A raw document dropped into the inbox triggers a build. (A file created at once inside
    // a brand-new folder can beat the watch on that folder, so the inbox comes first.)
    std::fs::create_dir(root.join("content/inbox")).unwrap();
    run.line("after content/inbox:");
    write(&root.join("content/inbox/dropped.txt"), "A raw note.\n");
    // The conversion writes into content/ during the build, which stops that build; the
    // one after it covers both the raw file and its conversion.
    eventually("the dropped note is converted and its page built", || {
        std::fs::read_dir(public.join("articles")).is_ok_and(|dirs| {
            dirs.flatten().any(|d| {
                std::fs::read_to_string(d.path().join("index.html"))
                    .is_ok_and(|h| h.contains("A raw note."))
            })
        })
    });
    assert!(
        !run.stderr().contains("error"),
        "no errors: {}",
        run.stderr()
    );
}

/// A site with `n` documents spread over days, topics and sources.
fn generated_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("site.yaml"),
        "title: Generated\nbase_url: https://example.org/\ntopics:\n  - name: Harbour\n  - name: Budget\n  - name: Schools\n",
    );
    let topics = ["Harbour", "Budget", "Schools"];
    let sources = ["Daily Ledger", "City Radio", "Evening Post", "Wire"];
    for i in 0..n {
        write(
            &dir.path().join(format!("content/articles/doc-{i:04}.md")),
            &format!(
                "---\ntitle: Item number {i}\ndate: 2024-{:02}-{:02}\nsource: {}\ntopics: [{}]\n---\nParagraph {i} of the generated briefing.\n",
                i % 12 + 1,
                i % 28 + 1,
                sources[i % sources.len()],
                topics[i % topics.len()],
            ),
        );
    }
    dir
}

#[test]
fn one_edit_rerenders_only_the_pages_it_touches() {
    let site = generated_site(240);
    let mut session = Session::new(BuildOptions::new(site.path()));
    let quiet = |_: usize, _: usize| {};
    let first = session.build(&quiet).unwrap();
    let total = first.rendered;
    assert!(total > 300, "a site of many pages: {total}");

    let again = session.build(&quiet).unwrap();
    assert_eq!(again.rendered, 0, "nothing changed, nothing rendered");
    assert!(again.output.changed.is_empty());

    // A body edit: the article and the few pages that show it.
    let doc = site.path().join("content/articles/doc-0100.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, text.replace("Paragraph 100", "Revised paragraph 100")).unwrap();
    session.invalidate(std::slice::from_ref(&doc));
    let edit = session.build(&quiet).unwrap();
    assert!(
        edit.rendered >= 1 && edit.rendered * 20 <= total,
        "{} of {total} pages rendered after one edit",
        edit.rendered
    );
    assert!(edit
        .output
        .changed
        .contains(&"articles/doc-0100/index.html".to_string()));
    let page = site.path().join("public/articles/doc-0100/index.html");
    assert!(std::fs::read_to_string(page)
        .unwrap()
        .contains("Revised paragraph 100"));

    // A template change: the pages using it, not the others.
    let article = dossier::render::default_theme()
        .iter()
        .find(|(n, _)| *n == "article.html")
        .unwrap()
        .1;
    let template = site.path().join("templates/article.html");
    write(
        &template,
        &article.replace("</article>", "<!-- edited --></article>"),
    );
    session.invalidate(std::slice::from_ref(&template));
    let themed = session.build(&quiet).unwrap();
    assert_eq!(themed.rendered, 240, "every article page, nothing else");

    // site.yaml: everything.
    let yaml = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("title: Generated", "title: Renamed")).unwrap();
    session.invalidate(std::slice::from_ref(&yaml));
    let all = session.build(&quiet).unwrap();
    assert_eq!(all.rendered, total);
}

#[test]
fn quick_path_writes_the_edited_page_and_the_full_rebuild_matches_a_clean_build() {
    let site = generated_site(60);
    let mut session = Session::new(BuildOptions::new(site.path()));
    let quiet = |_: usize, _: usize| {};
    session.build(&quiet).unwrap();
    let out = site.path().join("public");
    let before = tree(&out);

    // A body edit: only that page is rewritten at once, and named in the journal so the
    // full rebuild rewrites it whatever the manifest says.
    let doc = site.path().join("content/articles/doc-0007.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replace("Paragraph 7 ", "Quickly revised paragraph 7 "),
    )
    .unwrap();
    session.invalidate(std::slice::from_ref(&doc));
    let quick = session.quick_articles(std::slice::from_ref(&doc));
    assert_eq!(quick, vec!["articles/doc-0007/index.html".to_string()]);
    let now = tree(&out);
    let differing: Vec<&String> = now
        .keys()
        .filter(|k| !k.starts_with(".dossier") && before.get(*k) != now.get(*k))
        .collect();
    assert_eq!(differing, vec!["articles/doc-0007/index.html"]);
    assert!(
        String::from_utf8_lossy(&now["articles/doc-0007/index.html"])
            .contains("Quickly revised paragraph 7")
    );
    let pending = std::fs::read_to_string(out.join(".dossier-pending")).unwrap();
    assert!(pending.lines().any(|l| l == "articles/doc-0007/index.html"));

    // Edits the quick path cannot show alone are left to the full rebuild.
    let other = site.path().join("content/articles/doc-0008.md");
    let text8 = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, text8.replace("date: 2024-", "date: 2023-")).unwrap();
    assert!(session
        .quick_articles(std::slice::from_ref(&other))
        .is_empty());
    std::fs::write(&doc, "---\ntitle: [unclosed\n---\nbody\n").unwrap();
    assert!(session
        .quick_articles(std::slice::from_ref(&doc))
        .is_empty());

    // Back to a valid edit, then the full rebuild: the same tree as a clean build.
    std::fs::write(&doc, text.replace("Paragraph 7 ", "Finally paragraph 7 ")).unwrap();
    session.invalidate(&[doc.clone(), other.clone()]);
    session.quick_articles(std::slice::from_ref(&doc));
    session.build(&quiet).unwrap();
    assert!(!out.join(".dossier-pending").exists());
    let clean = tempfile::tempdir().unwrap();
    let mut opts = BuildOptions::new(site.path());
    opts.output = Some(clean.path().join("public"));
    dossier::build::build(&opts, &quiet).unwrap();
    assert_eq!(tree(&out), tree(&clean.path().join("public")));
}

#[test]
fn a_superseded_build_writes_nothing_and_keeps_the_quick_path() {
    let site = generated_site(60);
    let mut session = Session::new(BuildOptions::new(site.path()));
    let quiet = |_: usize, _: usize| {};
    session.build(&quiet).unwrap();
    let out = site.path().join("public");
    let before = tree(&out);

    let doc = site.path().join("content/articles/doc-0011.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, text.replace("Paragraph 11 ", "Amended paragraph 11 ")).unwrap();
    session.invalidate(std::slice::from_ref(&doc));
    let flag = session.cancel_flag();
    flag.store(true, Ordering::Relaxed);
    assert!(matches!(
        session.build(&quiet),
        Err(dossier::Error::Superseded)
    ));
    assert_eq!(tree(&out), before, "a superseded build writes nothing");

    // The last good build still serves the quick path.
    let quick = session.quick_articles(std::slice::from_ref(&doc));
    assert_eq!(quick, vec!["articles/doc-0011/index.html".to_string()]);

    flag.store(false, Ordering::Relaxed);
    session.build(&quiet).unwrap();
    let clean = tempfile::tempdir().unwrap();
    let mut opts = BuildOptions::new(site.path());
    opts.output = Some(clean.path().join("public"));
    dossier::build::build(&opts, &quiet).unwrap();
    assert_eq!(tree(&out), tree(&clean.path().join("public")));
}

#[test]
fn a_save_during_a_rebuild_stops_it_and_one_rebuild_covers_both() {
    // The watch loop's test-only pause point holds the rebuild before it starts until the
    // second save has been seen, so the save lands mid-rebuild however fast the machine is.
    let site = generated_site(200);
    let root = site.path();
    let hold = tempfile::tempdir().unwrap();
    let held = hold.path().join("held");
    let mut run = Running::start_with(
        &["build", "--watch"],
        root,
        &[(dossier::watch::HOLD_ENV, held.as_path())],
    );
    run.line("Watching");
    let rebuilds = |run: &mut Running| run.lines().iter().filter(|l| l.contains("Rebuilt")).count();
    let before = rebuilds(&mut run);

    // A new site title re-renders every page. Left to run, its rebuild would be followed by
    // a second one for the document; stopped, one rebuild covers both.
    let yaml = root.join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    atomic_save(&yaml, &text.replace("title: Generated", "title: Retitled"));
    eventually("the rebuild for site.yaml has started", || held.exists());
    let doc = root.join("content/articles/doc-0042.md");
    let body = std::fs::read_to_string(&doc).unwrap();
    atomic_save(
        &doc,
        &body.replace("Paragraph 42 ", "Saved mid-rebuild 42 "),
    );

    let done = run.line("Rebuilt");
    assert!(
        done.contains(" changes:"),
        "the rebuild that finishes covers both saves: {done}"
    );
    let page = std::fs::read_to_string(root.join("public/articles/doc-0042/index.html")).unwrap();
    assert!(page.contains("Saved mid-rebuild 42") && page.contains("Retitled"));

    let clean = tempfile::tempdir().unwrap();
    dossier()
        .args(["build", "--root"])
        .arg(root)
        .arg("-o")
        .arg(clean.path().join("out"))
        .assert()
        .success();
    let without_manifest = |dir: &Path| {
        let mut t = tree_now(dir);
        t.remove(dossier::output::MANIFEST);
        t
    };
    assert_eq!(
        without_manifest(&root.join("public")),
        without_manifest(&clean.path().join("out"))
    );
    assert!(!run.stderr().contains("error"), "{}", run.stderr());

    // Stopped now, the watcher has printed every rebuild it ran: the stopped one printed
    // nothing and the one after it covered both saves.
    #[cfg(unix)]
    {
        let status = Command::new("kill")
            .args(["-INT", &run.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        run.line("Stopped");
        assert_eq!(rebuilds(&mut run) - before, 1, "one rebuild, not two");
    }
}

/// Idle clients that never finish their request head, then a hundred busy ones: every request
/// gets its answer and a save still reaches open pages. Counts, not timings: the figures of
/// the same load are in BENCHMARKS.md (bench/serve_load.sh).
#[test]
fn half_open_connections_and_many_clients_do_not_stop_the_preview() {
    let site = site("basic");
    let mut run = Running::start(&["serve", "--port", "0"], site.path());
    let url = run.url();
    let host = host_of(&url);
    let events = Events::open(&url);

    // 500 connections that send half a request head and wait.
    let idle: Vec<TcpStream> = (0..500)
        .map(|_| {
            let mut s = TcpStream::connect(&host).expect("the server accepts");
            s.write_all(b"GET /index.html HTTP/1.1\r\nHo").unwrap();
            s
        })
        .collect();
    let page = get(&url, "/articles/council-votes/");
    assert_eq!(page.status, 200, "a normal request is served beside them");

    // 100 clients at once, 20 requests each, every one answered in full.
    let failures = Arc::new(Mutex::new(Vec::new()));
    let clients: Vec<_> = (0..100)
        .map(|c| {
            let url = url.clone();
            let failures = failures.clone();
            std::thread::spawn(move || {
                for i in 0..20 {
                    let target = if (c + i) % 2 == 0 { "/" } else { "/style.css" };
                    let r = get(&url, target);
                    if r.status != 200 || r.body.is_empty() {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{target}: {}", r.status));
                    }
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("a client thread finished");
    }
    assert!(
        failures.lock().unwrap().is_empty(),
        "{:?}",
        failures.lock().unwrap()
    );

    // A save still reaches the open page.
    let doc = site.path().join("content/articles/2024/council-votes.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    atomic_save(&doc, &text.replace("on Monday evening", "under load"));
    events.next("reload");
    drop(idle);
}
