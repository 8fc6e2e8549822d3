//! The preview server: serves the preview folder over HTTP, adds a live-reload script to HTML
//! responses, and tells open pages about each build over Server-Sent Events.
//!
//! Built on axum and hyper (HTTP/1.1 on a small tokio runtime of its own, so the rest of
//! Dossier stays synchronous). Slow or idle clients cost a task, not a thread: a request head
//! must arrive within [`HEADER_TIMEOUT`], and half-open connections never keep a new client
//! waiting. Only `GET` and `HEAD` are answered, and no path outside the preview folder is ever
//! served: request paths are decoded, refused if they hold `..`, backslashes or NUL, then
//! canonicalised and checked to lie inside the (canonical) folder, which also stops symbolic
//! links that lead out. A preview on a loopback address answers only loopback host names.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use crate::watch::Outcome;

/// The event stream open pages listen to.
pub const EVENTS_PATH: &str = "/__dossier/events";
/// The live-reload script, added to every HTML response (never written to disk).
pub const SCRIPT_PATH: &str = "/__dossier/live.js";
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;
/// Connections served at once; past it a new connection waits for a slot (slow heads time
/// out, so slots come free).
const MAX_CONNECTIONS: usize = 1024;
/// A request head that has not arrived by then closes its connection.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest accepted request head (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// An idle event stream gets a comment this often, which also finds closed connections.
const KEEPALIVE: Duration = Duration::from_secs(15);

const LIVE_JS: &str = include_str!("serve_live.js");

/// Where `dossier serve` builds: inside the site's `.dossier/` folder, never `public/`.
pub fn preview_dir(root: &Path) -> PathBuf {
    root.join(".dossier").join("preview")
}

/// Create the preview folder, and a `.gitignore` in `.dossier/` so that nothing in it is
/// ever committed.
pub fn prepare_preview_dir(root: &Path) -> Result<PathBuf, ServeError> {
    let dir = preview_dir(root);
    std::fs::create_dir_all(&dir).map_err(|source| ServeError::Io {
        path: dir.clone(),
        action: "creating the preview folder",
        source,
    })?;
    let ignore = root.join(".dossier").join(".gitignore");
    if !ignore.exists() {
        std::fs::write(
            &ignore,
            "# Dossier's working files (the live preview); never commit them.\n*\n",
        )
        .map_err(|source| ServeError::Io {
            path: ignore.clone(),
            action: "writing",
            source,
        })?;
    }
    Ok(dir)
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}; choose another --port or --bind")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    #[error("ports {first} to {last} on {ip} are all busy; choose another --port (0 picks any free port)")]
    NoFreePort { ip: IpAddr, first: u16, last: u16 },
    #[error("{}: {action} failed: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
}

#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder to serve (the preview build's output).
    pub dir: PathBuf,
    pub bind: IpAddr,
    /// The port to try first; 0 lets the system pick a free one.
    pub port: u16,
}

/// A running preview server. Stops when [`Preview::shutdown`] is called or it is dropped.
pub struct Preview {
    url: String,
    addr: SocketAddr,
    requested: u16,
    shared: Arc<ServerState>,
    /// Ends the accept loop.
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

struct ServerState {
    /// Canonical: every served file must lie under it.
    dir: PathBuf,
    hub: Hub,
    /// Tells a page whose event stream reconnects whether it reached a new server.
    instance: String,
    /// The address listened on (decides which `Host` headers are answered).
    bound: IpAddr,
}

impl Preview {
    /// Listen (on the next free port if the one asked for is busy) and serve `opts.dir`.
    pub fn start(opts: &ServeOptions) -> Result<Preview, ServeError> {
        let dir = opts.dir.canonicalize().map_err(|source| ServeError::Io {
            path: opts.dir.clone(),
            action: "opening the folder to serve",
            source,
        })?;
        let listener = bind(opts.bind, opts.port)?;
        let addr = listener.local_addr().map_err(|source| ServeError::Bind {
            addr: SocketAddr::new(opts.bind, opts.port),
            source,
        })?;
        let io_error = |action: &'static str| {
            let path = opts.dir.clone();
            move |source| ServeError::Io {
                path,
                action,
                source,
            }
        };
        listener
            .set_nonblocking(true)
            .map_err(io_error("setting up the listener"))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("dossier-serve")
            .enable_io()
            .enable_time()
            .build()
            .map_err(io_error("starting the server runtime"))?;
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
            .to_string();
        let shared = Arc::new(ServerState {
            dir,
            hub: Hub::default(),
            instance,
            bound: addr.ip(),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)
                .map_err(io_error("setting up the listener"))?
        };
        let app = router(shared.clone());
        let thread = std::thread::Builder::new()
            .name("dossier-serve".into())
            .spawn(move || {
                runtime.block_on(accept_loop(listener, app, stopped));
                // Streams and slow clients still open are dropped, not waited for.
                runtime.shutdown_timeout(Duration::from_millis(200));
            })
            .map_err(io_error("starting the server thread"))?;
        Ok(Preview {
            url: format!(
                "http://{}/",
                SocketAddr::new(reachable(addr.ip()), addr.port())
            ),
            addr,
            requested: opts.port,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address to open in a browser, ending in `/`; also the preview's base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port asked for, when it was busy and another was taken.
    pub fn busy_port(&self) -> Option<u16> {
        (self.requested != 0 && self.requested != self.addr.port()).then_some(self.requested)
    }

    /// Tell open pages about a build: reload (or swap stylesheets when only CSS changed),
    /// show its error, or clear a shown error.
    pub fn publish(&self, outcome: &Outcome) {
        match &outcome.result {
            Ok(report) => self.shared.hub.publish(Published::Built {
                changed: &report.output.changed,
            }),
            Err(e) => self.shared.hub.publish(Published::Failed(e.to_string())),
        }
    }

    /// Tell open pages that these pages changed (watch mode's quick path).
    pub fn publish_pages(&self, pages: &[String]) {
        self.shared.hub.publish(Published::Built { changed: pages });
    }

    /// Stop accepting, end every event stream and wait for the server thread.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.hub.close();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Accept connections until `stopped`, each served on a task of its own.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            _ = &mut stopped => return,
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => return,
            },
        };
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or a reset before accept: wait a little.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(MAX_HEAD.max(8192))
                .serve_connection(io, service)
                .await;
        });
    }
}

fn router(shared: Arc<ServerState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(site_file)
        .layer(axum::middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Every request: the `Host` check, GET and HEAD only, and the headers every answer carries.
async fn guard(
    State(shared): State<Arc<ServerState>>,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or(""));
    let mut response = if !host_allowed(host, shared.bound) {
        plain(
            StatusCode::FORBIDDEN,
            "Forbidden: this preview answers only at localhost or 127.0.0.1 addresses",
        )
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed: the preview only answers GET and HEAD",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

/// A file of the preview folder: HTML with the live script added, anything else streamed
/// (with ranges and validators) by tower-http.
async fn site_file(State(shared): State<Arc<ServerState>>, request: Request) -> Response {
    // Only origin-form targets ("/path?query"): no authority or absolute forms.
    let uri = request.uri();
    let target = match uri.path_and_query() {
        Some(p) if uri.authority().is_none() && p.as_str().starts_with('/') => {
            p.as_str().to_string()
        }
        _ => return plain(StatusCode::BAD_REQUEST, "Bad request: path refused"),
    };
    let dir = shared.dir.clone();
    let resolved = tokio::task::spawn_blocking(move || resolve(&dir, &target))
        .await
        .unwrap_or(Resolved::Bad);
    match resolved {
        Resolved::File(file) => serve_file(&shared, file, request).await,
        Resolved::Redirect(location) => {
            let mut r = plain(
                StatusCode::MOVED_PERMANENTLY,
                "Moved: this is a folder; its address ends in a slash",
            );
            if let Ok(value) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, value);
            }
            r
        }
        Resolved::NotFound => not_found(&shared).await,
        Resolved::Bad => plain(StatusCode::BAD_REQUEST, "Bad request: path refused"),
    }
}

async fn serve_file(shared: &ServerState, file: PathBuf, request: Request) -> Response {
    let ty = content_type(&file);
    if is_html(ty) {
        return match tokio::fs::read(&file).await {
            Ok(bytes) => html(StatusCode::OK, &bytes),
            // Removed between resolving and reading: a rebuild is under way.
            Err(_) => not_found(shared).await,
        };
    }
    match tower_http::services::ServeFile::new(&file)
        .oneshot(request)
        .await
    {
        Ok(response) if response.status() != StatusCode::NOT_FOUND => {
            let mut response = response.map(Body::new);
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
            response
        }
        _ => not_found(shared).await,
    }
}

/// An HTML page with the live-reload script.
fn html(status: StatusCode, bytes: &[u8]) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        inject_script(bytes),
    )
        .into_response()
}

/// The site's own 404 page with status 404, or a plain one when the site has none yet.
async fn not_found(shared: &ServerState) -> Response {
    let dir = shared.dir.clone();
    let page = tokio::task::spawn_blocking(move || match resolve(&dir, "/404.html") {
        Resolved::File(page) => std::fs::read(page).ok(),
        _ => None,
    })
    .await
    .ok()
    .flatten();
    match page {
        Some(bytes) => html(StatusCode::NOT_FOUND, &bytes),
        None => html(
            StatusCode::NOT_FOUND,
            b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>No page at this address (yet): the preview may still be building.</p></body></html>",
        ),
    }
}

fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{text}\n"),
    )
        .into_response()
}

/// The event stream: `hello` (and the current error) at once, then what each build brings.
async fn events(State(shared): State<Arc<ServerState>>) -> impl IntoResponse {
    let mut updates = shared.hub.subscribe();
    let seen = updates.borrow_and_update().clone();
    let mut first = vec![
        SseEvent::default().retry(Duration::from_millis(1000)),
        sse_event("hello", &shared.instance),
    ];
    let error_shown = seen.error.clone();
    if let Some(e) = &error_shown {
        first.push(sse_event("build-error", e));
    }
    let later = stream::unfold(
        (updates, seen, error_shown),
        |(mut updates, seen, mut error_shown)| async move {
            loop {
                if seen.closed || updates.changed().await.is_err() {
                    return None;
                }
                let now = updates.borrow_and_update().clone();
                if now.closed {
                    return None;
                }
                let mut batch = Vec::new();
                if now.reload_seq > seen.reload_seq {
                    batch.push(sse_event("reload", ""));
                } else if now.css_seq > seen.css_seq {
                    batch.push(sse_event("css", &now.css_paths.join("\n")));
                }
                if now.error != error_shown {
                    batch.push(match &now.error {
                        Some(e) => sse_event("build-error", e),
                        None => sse_event("build-ok", ""),
                    });
                    error_shown = now.error.clone();
                }
                if !batch.is_empty() {
                    return Some((stream::iter(batch), (updates, now, error_shown)));
                }
            }
        },
    );
    let all: std::pin::Pin<Box<dyn Stream<Item = Result<SseEvent, Infallible>> + Send>> =
        Box::pin(futures_util::StreamExt::map(
            futures_util::StreamExt::chain(
                stream::iter(first),
                futures_util::StreamExt::flatten(later),
            ),
            Ok,
        ));
    (
        [("X-Accel-Buffering", "no")],
        Sse::new(all).keep_alive(KeepAlive::new().interval(KEEPALIVE)),
    )
}

/// One Server-Sent Events message (multi-line data becomes several `data:` lines).
fn sse_event(name: &str, data: &str) -> SseEvent {
    let data = data.replace("\r\n", "\n").replace('\r', "\n");
    SseEvent::default().event(name).data(data)
}

/// An address a local browser can reach for a listener bound to `ip`.
fn reachable(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other,
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    if port == 0 {
        let addr = SocketAddr::new(ip, 0);
        return TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source });
    }
    let last = port.saturating_add(PORT_TRIES - 1);
    for p in port..=last {
        let addr = SocketAddr::new(ip, p);
        match TcpListener::bind(addr) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => continue,
            Err(source) => return Err(ServeError::Bind { addr, source }),
        }
    }
    Err(ServeError::NoFreePort {
        ip,
        first: port,
        last,
    })
}

/// Whether a request's `Host` may be answered. A preview on a loopback address answers only
/// to loopback names and IP addresses: a web page elsewhere could otherwise point a name of
/// its own at 127.0.0.1 (DNS rebinding) and read the preview from the user's browser. A
/// preview bound to another address (`--bind`) was opened to the network on purpose.
fn host_allowed(host: Option<&str>, bound: IpAddr) -> bool {
    if !bound.is_loopback() {
        return true;
    }
    let Some(host) = host else {
        // HTTP/1.0 clients may send none; browsers always do.
        return true;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:1111
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<IpAddr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

/// What a request path names inside the served folder.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need the slash.
    Redirect(String),
    NotFound,
    Bad,
}

/// Map a request target to a file strictly inside `root` (which must be canonical).
fn resolve(root: &Path, target: &str) -> Resolved {
    let (raw, query) = match target.split('#').next().unwrap_or_default().split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target.split('#').next().unwrap_or_default(), None),
    };
    if !raw.starts_with('/') {
        return Resolved::Bad;
    }
    let Some(bytes) = percent_decode(raw) else {
        return Resolved::Bad;
    };
    let Ok(path) = String::from_utf8(bytes) else {
        return Resolved::Bad;
    };
    if path.contains(['\0', '\\']) {
        return Resolved::Bad;
    }
    let mut segments = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Resolved::Bad,
            // The output writer's manifest and scratch files are not part of the site.
            s if s.starts_with(".dossier") => return Resolved::NotFound,
            s => segments.push(s),
        }
    }
    let rel: PathBuf = segments.iter().collect();
    // Drive prefixes and roots (Windows) would replace the folder on join.
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Resolved::Bad;
    }
    let Ok(found) = root.join(&rel).canonicalize() else {
        return Resolved::NotFound;
    };
    if !found.starts_with(root) {
        return Resolved::NotFound;
    }
    let wants_folder = path.ends_with('/');
    if found.is_dir() {
        if !wants_folder && !segments.is_empty() {
            let mut location = String::new();
            for s in &segments {
                location.push('/');
                location.push_str(&percent_encode(s));
            }
            location.push('/');
            if let Some(q) = query {
                location.push('?');
                location.push_str(&percent_encode_query(q));
            }
            return Resolved::Redirect(location);
        }
        return match found.join("index.html").canonicalize() {
            Ok(index) if index.starts_with(root) && index.is_file() => Resolved::File(index),
            _ => Resolved::NotFound,
        };
    }
    if wants_folder || !found.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(found)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Keep a query as it came, but never with bytes that could break the header.
fn percent_encode_query(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    for b in q.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type for a served file, from its name.
fn content_type(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ if name == "cname" || name == ".nojekyll" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

/// Add the live-reload script before the last `</body>` (or at the end).
fn inject_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The last builds' news, for every open event stream.
#[derive(Debug, Clone, Default)]
struct HubState {
    /// Bumped on every publish.
    seq: u64,
    /// `seq` of the last build that changed anything but stylesheets.
    reload_seq: u64,
    /// `seq` of the last build that changed only stylesheets.
    css_seq: u64,
    css_paths: Vec<String>,
    /// The last build's error, until a build succeeds.
    error: Option<String>,
    closed: bool,
}

/// Builds' news for every open event stream: a watch channel holds the latest state, and
/// each stream compares it with what it last told its page.
struct Hub {
    state: watch::Sender<HubState>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            state: watch::Sender::new(HubState::default()),
        }
    }
}

enum Published<'a> {
    Built { changed: &'a [String] },
    Failed(String),
}

impl Hub {
    fn subscribe(&self) -> watch::Receiver<HubState> {
        self.state.subscribe()
    }

    #[cfg(test)]
    fn snapshot(&self) -> HubState {
        self.state.borrow().clone()
    }

    fn publish(&self, news: Published) {
        self.state.send_modify(|s| {
            s.seq += 1;
            match news {
                Published::Built { changed } => {
                    s.error = None;
                    if changed.is_empty() {
                    } else if changed.iter().all(|p| p.ends_with(".css")) {
                        s.css_seq = s.seq;
                        s.css_paths = changed.to_vec();
                    } else {
                        s.reload_seq = s.seq;
                    }
                }
                Published::Failed(e) => s.error = Some(e),
            }
        });
    }

    fn close(&self) {
        self.state.send_modify(|s| s.closed = true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("articles/a")).unwrap();
        std::fs::write(root.join("index.html"), "<html><body>home</body></html>").unwrap();
        std::fs::write(root.join("articles/a/index.html"), "a").unwrap();
        std::fs::write(root.join("style.css"), "body{}").unwrap();
        std::fs::write(root.join(".dossier-manifest"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let (_d, root) = site();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/articles/a/"),
            Resolved::File(root.join("articles/a/index.html"))
        );
        assert_eq!(
            resolve(&root, "/articles/a/?x=1#top"),
            Resolved::File(root.join("articles/a/index.html"))
        );
        assert_eq!(
            resolve(&root, "/articles/a?x=1"),
            Resolved::Redirect("/articles/a/?x=1".into())
        );
        assert_eq!(
            resolve(&root, "/st%79le.css"),
            Resolved::File(root.join("style.css"))
        );
        assert_eq!(resolve(&root, "/style.css/"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/missing.html"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/articles/"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/.dossier-manifest"), Resolved::NotFound);
    }

    #[test]
    fn never_leaves_the_folder() {
        let (_d, root) = site();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/%2e%2e%5csecret.txt",
            "/..\\secret.txt",
            "/articles/../../secret.txt",
            "/index.html%00.css",
            "/%zz",
            "/%c0%ae%c0%ae/secret.txt",
            "secret.txt",
            "http://example.org/secret.txt",
            "//../secret.txt",
        ] {
            let r = resolve(&root, bad);
            assert!(
                matches!(r, Resolved::Bad | Resolved::NotFound),
                "{bad}: {r:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused() {
        let (d, root) = site();
        std::os::unix::fs::symlink(d.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(d.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("style.css"), root.join("inside.css")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/up/secret.txt"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/up/"), Resolved::NotFound);
        assert_eq!(
            resolve(&root, "/inside.css"),
            Resolved::File(root.join("style.css"))
        );
    }

    #[test]
    fn redirects_cannot_point_elsewhere() {
        let (_d, root) = site();
        std::fs::create_dir_all(root.join("evil.example")).unwrap();
        assert_eq!(
            resolve(&root, "//evil.example"),
            Resolved::Redirect("/evil.example/".into())
        );
        assert_eq!(
            resolve(&root, "/articles/a?a\r\nSet-Cookie:%20x"),
            Resolved::Redirect("/articles/a/?a%0D%0ASet-Cookie:%20x".into())
        );
    }

    #[test]
    fn content_types() {
        for (name, ty) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("favicon.svg", "image/svg+xml"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("topics/x/atom.xml", "application/atom+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("data.json", "application/json"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("p.PNG", "image/png"),
            ("p.jpg", "image/jpeg"),
            ("p.webp", "image/webp"),
            ("f.woff2", "font/woff2"),
            ("favicon.ico", "image/x-icon"),
            ("blob", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), ty, "{name}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></BODY></html>";
        let out = String::from_utf8(inject_script(html)).unwrap();
        assert_eq!(
            out,
            format!("<html><body><p>&lt;/body&gt;</p><script src=\"{SCRIPT_PATH}\"></script></BODY></html>")
        );
        let bare = String::from_utf8(inject_script(b"hi")).unwrap();
        assert!(bare.starts_with("hi<script"));
    }

    #[test]
    fn loopback_previews_answer_loopback_hosts_only() {
        let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
        for ok in [
            None,
            Some("127.0.0.1:1111"),
            Some("localhost:1111"),
            Some("LocalHost"),
            Some("app.localhost:8080"),
            Some("[::1]:1111"),
            Some("192.168.1.5:1111"),
        ] {
            assert!(host_allowed(ok, local), "{ok:?}");
        }
        for bad in [
            Some("evil.example:1111"),
            Some("evil.example"),
            Some("localhost.evil.example"),
            Some(""),
        ] {
            assert!(!host_allowed(bad, local), "{bad:?}");
        }
        // Opened to the network on purpose: any name.
        let lan = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(host_allowed(Some("mybox.lan:1111"), lan));
    }

    #[test]
    fn the_hub_tells_css_from_pages_and_keeps_errors() {
        let hub = Hub::default();
        hub.publish(Published::Built {
            changed: &["style.css".to_string()],
        });
        let s = hub.snapshot();
        assert_eq!((s.css_seq, s.reload_seq), (1, 0));
        hub.publish(Published::Failed("x.md:1: error".into()));
        assert_eq!(hub.snapshot().error.as_deref(), Some("x.md:1: error"));
        hub.publish(Published::Built {
            changed: &["index.html".to_string(), "style.css".to_string()],
        });
        let s = hub.snapshot();
        assert_eq!((s.css_seq, s.reload_seq, s.error), (1, 3, None));
    }

    #[test]
    fn the_overlay_shows_text_never_markup() {
        assert!(LIVE_JS.contains(".textContent = text"));
        assert!(!LIVE_JS.contains("innerHTML"));
        assert!(LIVE_JS.contains(EVENTS_PATH));
    }
}
