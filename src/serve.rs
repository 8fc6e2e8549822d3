//! The preview server: serves the preview folder over HTTP, adds a live-reload script to HTML
//! responses, and tells open pages about each build over Server-Sent Events.
//!
//! Written on `std::net` with a thread per connection: a preview has a handful of clients,
//! and each event stream is one long-lived response. Only `GET` and `HEAD` are answered, every
//! response closes its connection, and no path outside the preview folder is ever served:
//! request paths are decoded, refused if they hold `..`, backslashes or NUL, then
//! canonicalised and checked to lie inside the (canonical) folder, which also stops symbolic
//! links that lead out.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::watch::Outcome;

/// The event stream open pages listen to.
pub const EVENTS_PATH: &str = "/__dossier/events";
/// The live-reload script, added to every HTML response (never written to disk).
pub const SCRIPT_PATH: &str = "/__dossier/live.js";
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;
const MAX_CONNECTIONS: usize = 256;
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
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

struct Shared {
    /// Canonical: every served file must lie under it.
    dir: PathBuf,
    hub: Hub,
    stopping: AtomicBool,
    connections: AtomicUsize,
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
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
            .to_string();
        let shared = Arc::new(Shared {
            dir,
            hub: Hub::default(),
            stopping: AtomicBool::new(false),
            connections: AtomicUsize::new(0),
            instance,
            bound: addr.ip(),
        });
        let accept = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("dossier-serve".into())
                .spawn(move || accept_loop(listener, shared))
                .map_err(|source| ServeError::Io {
                    path: opts.dir.clone(),
                    action: "starting the server thread",
                    source,
                })?
        };
        Ok(Preview {
            url: format!(
                "http://{}/",
                SocketAddr::new(reachable(addr.ip()), addr.port())
            ),
            addr,
            requested: opts.port,
            shared,
            accept: Some(accept),
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
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.hub.close();
        if let Some(handle) = self.accept.take() {
            // The accept loop sleeps in accept(): wake it with a connection of our own.
            let wake = SocketAddr::new(reachable(self.addr.ip()), self.addr.port());
            if TcpStream::connect_timeout(&wake, Duration::from_secs(1)).is_ok() {
                let _ = handle.join();
            }
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.stop();
    }
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

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors or a reset before accept: wait a little, go on.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            continue; // dropping the stream closes it
        }
        let conn_shared = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("dossier-conn".into())
            .spawn(move || {
                let _count = ConnectionCount(&conn_shared.connections);
                handle_connection(stream, &conn_shared);
            });
        if spawned.is_err() {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

struct ConnectionCount<'a>(&'a AtomicUsize);

impl Drop for ConnectionCount<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    /// Not HTTP, or cut short.
    Malformed,
    TooLarge,
    /// The connection failed or timed out: nothing to answer.
    Gone,
}

#[derive(Debug, PartialEq, Eq)]
struct RequestHead {
    method: String,
    target: String,
    /// The `Host` header, if any.
    host: Option<String>,
}

/// Read up to the blank line ending the request head.
fn read_head(stream: &mut impl Read) -> Result<RequestHead, HeadError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    let end = loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) if buf.is_empty() => return Err(HeadError::Gone),
            Ok(0) => return Err(HeadError::Malformed),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(HeadError::Gone),
        };
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = find(&buf[from..], b"\r\n\r\n") {
            break from + i;
        }
        if let Some(i) = find(&buf[from..], b"\n\n") {
            break from + i;
        }
        if buf.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    };
    if end > MAX_HEAD {
        return Err(HeadError::TooLarge);
    }
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| HeadError::Malformed)?;
    let line = head.lines().next().ok_or(HeadError::Malformed)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    if !version.trim_end().starts_with("HTTP/1.") || method.is_empty() || target.is_empty() {
        return Err(HeadError::Malformed);
    }
    let host = head.lines().skip(1).find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("host")
            .then(|| value.trim().to_string())
    });
    Ok(RequestHead {
        method: method.to_string(),
        target: target.to_string(),
        host,
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn handle_connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_nodelay(true);
    let head = match read_head(&mut stream) {
        Ok(h) => h,
        Err(HeadError::Gone) => return,
        Err(HeadError::TooLarge) => {
            let _ = plain(&mut stream, 431, "Request header fields too large", false);
            return;
        }
        Err(HeadError::Malformed) => {
            let _ = plain(&mut stream, 400, "Bad request", false);
            return;
        }
    };
    if !host_allowed(head.host.as_deref(), shared.bound) {
        let _ = plain(
            &mut stream,
            403,
            "Forbidden: this preview answers only at localhost or 127.0.0.1 addresses",
            false,
        );
        return;
    }
    let head_only = match head.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let _ = respond(
                &mut stream,
                405,
                &[
                    ("Allow", "GET, HEAD"),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
                b"Method not allowed: the preview only answers GET and HEAD\n",
                false,
            );
            return;
        }
    };
    let path = head.target.split(['?', '#']).next().unwrap_or_default();
    let _ = match path {
        EVENTS_PATH => serve_events(&mut stream, shared, head_only),
        SCRIPT_PATH => respond(
            &mut stream,
            200,
            &[("Content-Type", "text/javascript; charset=utf-8")],
            LIVE_JS.as_bytes(),
            head_only,
        ),
        _ => match resolve(&shared.dir, &head.target) {
            Resolved::File(file) => serve_file(&mut stream, shared, &file, 200, head_only),
            Resolved::Redirect(location) => respond(
                &mut stream,
                301,
                &[
                    ("Location", &location),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
                b"Moved: this is a folder; its address ends in a slash\n",
                head_only,
            ),
            Resolved::NotFound => not_found(&mut stream, shared, head_only),
            Resolved::Bad => plain(&mut stream, 400, "Bad request: path refused", head_only),
        },
    };
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

fn serve_file(
    stream: &mut TcpStream,
    shared: &Shared,
    file: &Path,
    status: u16,
    head_only: bool,
) -> io::Result<()> {
    let ty = content_type(file);
    if is_html(ty) {
        return match std::fs::read(file) {
            Ok(bytes) => respond(
                stream,
                status,
                &[("Content-Type", ty)],
                &inject_script(&bytes),
                head_only,
            ),
            // Removed between resolving and reading: a rebuild is under way.
            Err(_) if status == 200 => not_found(stream, shared, head_only),
            Err(_) => plain(stream, 404, "Not found", head_only),
        };
    }
    let opened = std::fs::File::open(file).and_then(|f| f.metadata().map(|m| (f, m.len())));
    let Ok((mut f, len)) = opened else {
        return not_found(stream, shared, head_only);
    };
    let head = response_head(status, &[("Content-Type", ty)], len);
    stream.write_all(head.as_bytes())?;
    if !head_only {
        io::copy(&mut (&mut f).take(len), stream)?;
    }
    stream.flush()
}

/// The site's own 404 page with status 404, or a plain one when the site has none yet.
fn not_found(stream: &mut TcpStream, shared: &Shared, head_only: bool) -> io::Result<()> {
    if let Resolved::File(page) = resolve(&shared.dir, "/404.html") {
        if let Ok(bytes) = std::fs::read(&page) {
            return respond(
                stream,
                404,
                &[("Content-Type", "text/html; charset=utf-8")],
                &inject_script(&bytes),
                head_only,
            );
        }
    }
    let page = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>No page at this address (yet): the preview may still be building.</p></body></html>";
    respond(
        stream,
        404,
        &[("Content-Type", "text/html; charset=utf-8")],
        &inject_script(page),
        head_only,
    )
}

fn plain(stream: &mut TcpStream, status: u16, text: &str, head_only: bool) -> io::Result<()> {
    respond(
        stream,
        status,
        &[("Content-Type", "text/plain; charset=utf-8")],
        format!("{text}\n").as_bytes(),
        head_only,
    )
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}

fn response_head(status: u16, headers: &[(&str, &str)], len: u64) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {len}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    ));
    head
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let mut out = response_head(status, headers, body.len() as u64).into_bytes();
    if !head_only {
        out.extend_from_slice(body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

/// One Server-Sent Events message; every line of `data` becomes a `data:` line.
fn sse_message(event: &str, data: &str) -> String {
    let mut out = format!("event: {event}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push('\n');
    }
    out.push('\n');
    out
}

fn serve_events(stream: &mut TcpStream, shared: &Shared, head_only: bool) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n",
    )?;
    if head_only {
        return stream.flush();
    }
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let hub = &shared.hub;
    let (mut seen, mut error_shown) = {
        let state = hub.lock();
        (state.clone(), None::<String>)
    };
    let mut first = format!("retry: 1000\n\n{}", sse_message("hello", &shared.instance));
    if let Some(e) = &seen.error {
        first.push_str(&sse_message("build-error", e));
        error_shown = Some(e.clone());
    }
    stream.write_all(first.as_bytes())?;
    stream.flush()?;
    loop {
        let now = {
            let state = hub.lock();
            let (state, _) = hub
                .changed
                .wait_timeout_while(state, KEEPALIVE, |s| !s.closed && s.seq == seen.seq)
                .unwrap_or_else(|p| p.into_inner());
            state.clone()
        };
        if now.closed {
            return Ok(());
        }
        let mut out = String::new();
        if now.reload_seq > seen.reload_seq {
            out.push_str(&sse_message("reload", ""));
        } else if now.css_seq > seen.css_seq {
            out.push_str(&sse_message("css", &now.css_paths.join("\n")));
        }
        if now.error != error_shown {
            match &now.error {
                Some(e) => out.push_str(&sse_message("build-error", e)),
                None => out.push_str(&sse_message("build-ok", "")),
            }
            error_shown = now.error.clone();
        }
        if out.is_empty() {
            out.push_str(": keep-alive\n\n");
        }
        stream.write_all(out.as_bytes())?;
        stream.flush()?;
        seen = now;
    }
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

#[derive(Default)]
struct Hub {
    state: Mutex<HubState>,
    changed: Condvar,
}

enum Published<'a> {
    Built { changed: &'a [String] },
    Failed(String),
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn publish(&self, news: Published) {
        let mut s = self.lock();
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
        self.changed.notify_all();
    }

    fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
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
    fn request_heads() {
        let mut ok: &[u8] = b"GET /a%20b?x HTTP/1.1\r\nHost: x\r\n\r\n";
        assert_eq!(
            read_head(&mut ok),
            Ok(RequestHead {
                method: "GET".into(),
                target: "/a%20b?x".into(),
                host: Some("x".into()),
            })
        );
        let mut bad: &[u8] = b"GET /\r\n\r\n";
        assert_eq!(read_head(&mut bad), Err(HeadError::Malformed));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(read_head(&mut huge.as_bytes()), Err(HeadError::TooLarge));
        let mut cut: &[u8] = b"GET / HTTP/1.1\r\nHost";
        assert_eq!(read_head(&mut cut), Err(HeadError::Malformed));
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
    fn sse_messages_split_lines() {
        assert_eq!(
            sse_message("build-error", "a.md:3: bad\r\n  help: <fix>"),
            "event: build-error\ndata: a.md:3: bad\ndata:   help: <fix>\n\n"
        );
        assert_eq!(sse_message("reload", ""), "event: reload\ndata: \n\n");
    }

    #[test]
    fn the_hub_tells_css_from_pages_and_keeps_errors() {
        let hub = Hub::default();
        hub.publish(Published::Built {
            changed: &["style.css".to_string()],
        });
        let s = hub.lock().clone();
        assert_eq!((s.css_seq, s.reload_seq), (1, 0));
        hub.publish(Published::Failed("x.md:1: error".into()));
        assert_eq!(hub.lock().error.as_deref(), Some("x.md:1: error"));
        hub.publish(Published::Built {
            changed: &["index.html".to_string(), "style.css".to_string()],
        });
        let s = hub.lock().clone();
        assert_eq!((s.css_seq, s.reload_seq, s.error), (1, 3, None));
    }

    #[test]
    fn the_overlay_shows_text_never_markup() {
        assert!(LIVE_JS.contains(".textContent = text"));
        assert!(!LIVE_JS.contains("innerHTML"));
        assert!(LIVE_JS.contains(EVENTS_PATH));
    }
}
