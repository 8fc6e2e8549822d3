#!/usr/bin/env python3
"""Dossier against Hugo on generated corpora: the measuring half of bench/compare.sh.

For each corpus size N it generates a site with dossier-gen (Markdown, and raw text for
`dossier ingest`), converts it to a Hugo site with to_hugo.py, then, run by run, alternating
the two tools so both see the same machine load:

- cold build: empty output folder;
- no-change rebuild: the same command again;
- one-document rebuild: append a sentence to one document, run the build again (a new
  process: what a user gets without watch mode);
- watch latency: `dossier build --watch` and `hugo server` kept running; from the moment an
  edited document is saved to the moment its page on disk holds the edit;
- ingest throughput: `dossier ingest` on the raw form (Dossier only);
- peak memory (`/usr/bin/time -v`), output size and file count.

Each figure is a median with its spread (min–max) over the runs, with the 1-minute load
average taken as each measurement starts. CPU time (user+sys) is the robust figure on a
shared machine; wall time is what a user waits.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TIME = "/usr/bin/time"


# ---------------------------------------------------------------- measuring one command


def loadavg():
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def timed(cmd, cwd=None, env=None):
    """Run cmd under /usr/bin/time -v: wall, user, sys, peak RSS, load, and its output."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    load = loadavg()
    t0 = time.perf_counter()
    p = subprocess.run(
        [TIME, "-v", "-o", tpath, *map(str, cmd)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    wall = time.perf_counter() - t0
    report = Path(tpath).read_text(errors="replace")
    os.unlink(tpath)
    if p.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stderr[-3000:]}{p.stdout[-2000:]}"
        )

    def field(name):
        m = re.search(re.escape(name) + r":\s*([\d.]+)", report)
        return float(m.group(1)) if m else float("nan")

    return {
        "wall": wall,
        "user": field("User time (seconds)"),
        "sys": field("System time (seconds)"),
        "cpu": field("User time (seconds)") + field("System time (seconds)"),
        "rss_mb": field("Maximum resident set size (kbytes)") / 1024,
        "load": load,
        "stdout": p.stdout,
        "stderr": p.stderr,
    }


def mem_available_mb():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return float("inf")


# Peak memory per document when no smaller run has measured it yet (MB), generous guesses.
RSS_GUESS_MB_PER_DOC = {"dossier": 0.12, "hugo": 0.25}


def fits_in_memory(tool, n, measured):
    """Whether a build of n documents should fit in the free memory, judging from the peak
    per document of the largest smaller run (the machine is shared: no swapping others out)."""
    per_doc = measured.get(tool, RSS_GUESS_MB_PER_DOC[tool])
    need = per_doc * n * 1.3
    free = mem_available_mb()
    return need < 0.75 * free, need, free


def tree_size(path):
    """(bytes on disk as du counts them, number of files)."""
    du = subprocess.run(["du", "-sk", str(path)], stdout=subprocess.PIPE, text=True)
    kb = int(du.stdout.split()[0]) if du.returncode == 0 and du.stdout else 0
    files = sum(len(f) for _, _, f in os.walk(path))
    return kb * 1024, files


def rmtree(path):
    if Path(path).exists():
        shutil.rmtree(path)


# ---------------------------------------------------------------- the two tools


DURATION = re.compile(r"([\d.]+)(ns|µs|us|ms|s)$")


def seconds(text):
    m = DURATION.search(text.strip())
    if not m:
        return None
    scale = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]
    return float(m.group(1)) * scale


def dossier_details(stdout):
    """Pages, stage timings and per-template times from `dossier build -v`."""
    out = {"stages": {}, "templates": {}}
    m = re.search(r"Built (\d+) documents into (\d+) pages", stdout)
    if m:
        out["documents"], out["pages"] = int(m.group(1)), int(m.group(2))
    for line in stdout.splitlines():
        t = re.match(r"^    (\S+)\s+(\d+) pages\s+(\S+)$", line)
        if t:
            out["templates"][t.group(1)] = (int(t.group(2)), seconds(t.group(3)))
            continue
        s = re.match(r"^  (\S[^\d]*?)\s{2,}(\S+)(?:\s+peak memory \d+ MiB)?$", line)
        if s and seconds(s.group(2)) is not None:
            out["stages"][s.group(1).strip()] = seconds(s.group(2))
    return out


def hugo_details(stdout):
    out = {}
    m = re.search(r"Pages\s*│\s*(\d+)", stdout)
    if m:
        out["pages"] = int(m.group(1))
    m = re.search(r"Paginator pages\s*│\s*(\d+)", stdout)
    if m:
        out["paginator_pages"] = int(m.group(1))
    m = re.search(r"Total in (\d+) ms", stdout)
    if m:
        out["total_s"] = int(m.group(1)) / 1000
    return out


def has_subcommand(binary, args):
    try:
        p = subprocess.run(
            [binary, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return False, ""
    return p.returncode == 0, p.stdout + p.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A long-running rebuilder (dossier build --watch, hugo server) and its output lines."""

    def __init__(self, cmd, cwd=None):
        self.lines = queue.Queue()
        self.log = []
        self.proc = subprocess.Popen(
            [str(c) for c in cmd],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.log.append(line)
            self.lines.put(line)

    def wait_for(self, pattern, timeout):
        """The first new line matching pattern, or None at timeout or exit."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    return None
                continue
            if rx.search(line):
                return line
        return None

    def drain(self):
        got = []
        while True:
            try:
                got.append(self.lines.get_nowait())
            except queue.Empty:
                return got

    def stop(self):
        if self.proc.poll() is None:
            # Our own process group: the server and nothing else.
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def append_edit(doc, marker):
    """Save an edit to one document: a sentence with a unique marker at the end of its body."""
    with open(doc, "a", encoding="utf-8") as f:
        f.write(f"\nThe benchmark edited this report ({marker}).\n")


def wait_for_text(page, marker, timeout):
    """Poll a file until it holds marker; the seconds it took, or None."""
    t0 = time.perf_counter()
    needle = marker.encode()
    while time.perf_counter() - t0 < timeout:
        try:
            if needle in Path(page).read_bytes():
                return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.002)
    return None


def watch_latency(server, ready, doc, page, edits, timeout, after_line=None, tag="w"):
    """Median save-to-page latency over `edits` saves, and the rebuild times the tool logs."""
    if server.wait_for(ready, timeout) is None:
        server.stop()
        tail = "".join(server.log[-20:])
        raise RuntimeError(f"server did not come up:\n{tail}")
    latencies, logged = [], []
    for k in range(edits):
        time.sleep(1.0)  # a quiet spell, so each save is its own rebuild
        server.drain()
        marker = f"edit-{tag}-{k}-{time.time_ns()}"
        load = loadavg()
        append_edit(doc, marker)
        took = wait_for_text(page, marker, timeout)
        if took is None:
            server.stop()
            raise RuntimeError(f"{page} never showed the edit to {doc}:\n{''.join(server.log[-20:])}")
        latencies.append({"wall": took, "load": load})
        if after_line:
            # Wait for the whole rebuild (a minute at 100,000 documents): a save made while
            # it still runs would time the rest of it, not the tool's answer to the save.
            line = server.wait_for(after_line, timeout)
            if line:
                m = re.search(r"(?:in|Total in)\s+([\d.]+\s*(?:ns|µs|us|ms|s))\b", line)
                if m:
                    logged.append(seconds(m.group(1).replace(" ", "")))
    server.stop()
    return latencies, logged


# ---------------------------------------------------------------- statistics and tables


def med(xs):
    xs = [x for x in xs if x is not None and x == x]
    return statistics.median(xs) if xs else None


def spread(xs):
    xs = [x for x in xs if x is not None and x == x]
    return (min(xs), max(xs)) if xs else (None, None)


def fmt_s(x):
    if x is None:
        return "–"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    if x < 10:
        return f"{x:.2f} s"
    return f"{x:.1f} s"


def cell(samples, key="wall", fmt=fmt_s):
    xs = [s[key] for s in samples]
    m = med(xs)
    if m is None:
        return "–"
    lo, hi = spread(xs)
    if len(xs) == 1:
        return fmt(m)
    return f"{fmt(m)} ({fmt(lo)}–{fmt(hi)})"


def ratio(a, b, key="wall"):
    x, y = med([s[key] for s in a]), med([s[key] for s in b])
    if x is None or not y:
        return "–"
    return f"{x / y:.2f}"


def load_cell(samples):
    """The median 1-minute load average over a row's runs."""
    m = med([s["load"] for s in samples])
    return "–" if m is None else f"{m:.1f}"


def mb(x):
    return f"{x / 1e6:.1f} MB"


# ---------------------------------------------------------------- one corpus size


def prepare(args, n):
    base = Path(args.work) / f"n{n}"
    site, raw, hsite = base / "dossier", base / "raw", base / "hugo"
    stamp = base / "generated"
    # A corpus is reused only if the generator and the converter are the very same.
    tools = hashlib.sha256(Path(args.gen).read_bytes() + (BENCH / "to_hugo.py").read_bytes())
    want = f"docs={n} seed={args.seed} tools={tools.hexdigest()[:16]}\n"
    if not (stamp.is_file() and stamp.read_text() == want):
        rmtree(base)
        base.mkdir(parents=True)
        topics = base / "topics.tsv"
        gen = [args.gen, "--docs", str(n), "--seed", str(args.seed)]
        subprocess.run([*gen, "--out", site, "--topics-out", topics], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*gen, "--out", raw, "--form", "raw"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            [sys.executable, BENCH / "to_hugo.py", site, hsite, "--topics", topics],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(want)
    # A document in the middle of the corpus, the same in both sites.
    docs = sorted((site / "content" / "articles").rglob("*.md"))
    rel = docs[len(docs) // 2].relative_to(site / "content")
    # Restore it, as earlier runs appended to it.
    for root, doc in ((site, site / "content" / rel), (hsite, hsite / "content" / rel)):
        orig = root / ".orig-edited.md"
        if orig.is_file():
            shutil.copy(orig, doc)
        else:
            shutil.copy(doc, orig)
    return base, site, raw, hsite, rel


def reset_raw(raw, listing):
    """Remove everything `dossier ingest` wrote, so each run converts every document."""
    for dirpath, dirnames, filenames in os.walk(raw, topdown=False):
        for f in filenames:
            p = Path(dirpath) / f
            if p not in listing:
                p.unlink()
        for d in dirnames:
            p = Path(dirpath) / d
            if p not in listing and not any(p.iterdir()):
                p.rmdir()


def bench_size(args, n, runs, caps, measured):
    r = {k: [] for k in ("d_cold", "d_same", "d_one", "h_cold", "h_same", "h_one", "ingest")}
    info = {"n": n, "runs": runs, "notes": []}
    use_hugo = n <= args.hugo_max
    if not use_hugo:
        info["notes"].append(f"Hugo not run at N = {n:,} (over --hugo-max {args.hugo_max:,}).")
    # Before generating anything: a corpus too big for this machine is not even written.
    for tool in ("dossier", "hugo"):
        ok, need, free = fits_in_memory(tool, n, measured)
        if not ok:
            msg = (f"{tool} not run at N = {n:,}: it would need about {need / 1024:.1f} GB "
                   f"(peak per document of the smaller runs, +30%) and {free / 1024:.1f} GB is available.")
            info["notes"].append(msg)
            log("note: " + msg)
            if tool == "dossier":
                return {"info": info, "samples": r}
            use_hugo = False
    if use_hugo and n >= args.hugo_lean:
        info["notes"].append(
            f"Hugo's no-change rebuild is not run at N = {n:,} (from --hugo-lean {args.hugo_lean:,}): "
            "Hugo re-renders everything on every run, so it costs what its one-doc rebuild costs."
        )
    base, site, raw, hsite, rel = prepare(args, n)
    info["edited"] = str(rel)
    slug = rel.stem
    d_doc, h_doc = site / "content" / rel, hsite / "content" / rel
    d_out, h_out = site / "public", hsite / "public"
    d_page = d_out / "articles" / slug / "index.html"
    h_page = h_out / "articles" / slug / "index.html"
    dossier = [args.dossier, "build", "-v", "--root", site]
    hugo = [args.hugo, "--source", hsite, "--destination", h_out]
    log(f"N={n}: {runs} runs; editing {rel}")
    for i in range(runs):
        # Dossier
        rmtree(d_out)
        s = timed(dossier)
        s.update(dossier_details(s["stdout"]))
        r["d_cold"].append(s)
        s = timed(dossier)
        s.update(dossier_details(s["stdout"]))
        r["d_same"].append(s)
        append_edit(d_doc, f"run-{i}")
        s = timed(dossier)
        s.update(dossier_details(s["stdout"]))
        if f"run-{i}".encode() not in d_page.read_bytes():
            raise RuntimeError(f"{d_page} does not show the edit")
        r["d_one"].append(s)
        # Hugo
        if use_hugo:
            rmtree(h_out)
            s = timed(hugo)
            s.update(hugo_details(s["stdout"]))
            r["h_cold"].append(s)
            if n < args.hugo_lean:
                s = timed(hugo)
                s.update(hugo_details(s["stdout"]))
                r["h_same"].append(s)
            append_edit(h_doc, f"run-{i}")
            s = timed(hugo)
            s.update(hugo_details(s["stdout"]))
            if f"run-{i}".encode() not in h_page.read_bytes():
                raise RuntimeError(f"{h_page} does not show the edit")
            r["h_one"].append(s)
        # Ingest
        if caps["ingest"]:
            if i == 0:
                listing = {Path(d) / f for d, _, fs in os.walk(raw) for f in fs}
                listing |= {Path(d) / x for d, ds, _ in os.walk(raw) for x in ds}
                listing.add(raw)
            reset_raw(raw, listing)
            s = timed([args.dossier, "ingest", "--root", raw])
            r["ingest"].append(s)
        log(
            f"  run {i + 1}/{runs}: dossier cold {fmt_s(r['d_cold'][-1]['wall'])}, "
            f"hugo cold {fmt_s(r['h_cold'][-1]['wall']) if r['h_cold'] else '–'}, load {loadavg():.1f}"
        )
    info["d_size"] = tree_size(d_out)
    info["h_size"] = tree_size(h_out) if use_hugo else None
    info["raw_bytes"] = sum(
        p.stat().st_size for p in (raw / "content" / "inbox").rglob("*") if p.is_file()
    )
    # Watch mode and the Hugo server: a few saves each.
    edits = args.edits
    if caps["watch"] and not args.no_watch and n <= args.watch_max:
        srv = Server([args.dossier, "build", "--watch", "--root", site])
        lat, logged = watch_latency(
            srv, r"Watching", d_doc, d_page, edits, args.timeout, after_line=r"Rebuilt in", tag="d"
        )
        r["d_watch"] = lat
        info["d_watch_logged"] = logged
    if not args.no_watch and use_hugo and n > args.server_max:
        info["notes"].append(
            f"`hugo server` not measured at N = {n:,} (over --server-max {args.server_max:,}): "
            "each server start is one more full build."
        )
    if not args.no_watch and use_hugo and n <= args.server_max:
        for key, extra in (("h_server", []), ("h_server_full", ["--disableFastRender"])):
            if extra and n > args.full_render_max:
                continue
            h_srv_out = base / "hugo-server-public"
            rmtree(h_srv_out)
            port = free_port()
            srv = Server(
                [args.hugo, "server", "--source", hsite, "--destination", h_srv_out, "--port", port,
                 "--bind", "127.0.0.1", "--disableLiveReload", *extra]
            )
            lat, logged = watch_latency(
                srv,
                r"Web Server is available",
                h_doc,
                h_srv_out / "articles" / slug / "index.html",
                edits,
                args.timeout,
                after_line=r"Total in",
                tag="h",
            )
            r[key] = lat
            info[key + "_logged"] = logged
            rmtree(h_srv_out)
    for s in (x for v in r.values() for x in v):
        s.pop("stdout", None)
        s.pop("stderr", None)
    return {"info": info, "samples": r}


# ---------------------------------------------------------------- report


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def machine():
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    free = subprocess.run(["free", "-h"], stdout=subprocess.PIPE, text=True).stdout
    mem = next((l.split()[1] for l in free.splitlines() if l.startswith("Mem:")), "?")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "memory": mem,
        "kernel": platform.release(),
        "uptime": subprocess.run(["uptime"], stdout=subprocess.PIPE, text=True).stdout.strip(),
    }


def report(results, meta):
    out = []
    w = out.append
    m = meta["machine"]
    w(f"Date: {m['date']}  ")
    w(f"Machine: {m['cpu']}, {m['nproc']} cores (nproc), {m['memory']} RAM (free -h), Linux {m['kernel']}  ")
    w(f"Load at start: `{m['uptime']}`  ")
    w(f"Dossier: {meta['dossier_version']} (commit {meta['commit']}); Hugo: {meta['hugo_version']}  ")
    w(f"Command: `{meta['command']}`")
    w("")
    w("Median of the runs, min–max in brackets. CPU = user+sys from /usr/bin/time (the robust")
    w("figure on a shared machine); load = median 1-minute load average as each measurement")
    w("started (it includes the benchmark's own previous command).")
    fl = lambda xs: f"{fmt_s(med(xs))} ({fmt_s(min(xs))}–{fmt_s(max(xs))})" if xs else "–"
    for res in results:
        info, s = res["info"], res["samples"]
        n = info["n"]
        d, h = s["d_cold"], s["h_cold"]
        w("")
        w(f"### N = {n:,} documents ({info['runs']} run{'s' if info['runs'] != 1 else ''})")
        w("")
        if not d:
            w("Not measured: " + " ".join(info["notes"]))
            continue
        w("| measure | Dossier | Hugo | Dossier/Hugo | load D / H |")
        w("|---|---|---|---|---|")
        rows = [
            ("cold build, wall", "d_cold", "h_cold", "wall"),
            ("cold build, CPU", "d_cold", "h_cold", "cpu"),
            ("no-change rebuild, wall", "d_same", "h_same", "wall"),
            ("no-change rebuild, CPU", "d_same", "h_same", "cpu"),
            ("one-doc rebuild (new process), wall", "d_one", "h_one", "wall"),
            ("one-doc rebuild (new process), CPU", "d_one", "h_one", "cpu"),
        ]
        for label, a, b, key in rows:
            w(
                f"| {label} | {cell(s[a], key)} | {cell(s[b], key)} | {ratio(s[a], s[b], key)} | "
                f"{load_cell(s[a])} / {load_cell(s[b])} |"
            )
        dw, hw, hf = s.get("d_watch"), s.get("h_server"), s.get("h_server_full")
        if dw or hw:
            w(
                f"| one-doc, watch: save → page on disk | {cell(dw) + ' (`build --watch`)' if dw else 'not measured'} | "
                f"{cell(hw) + ' (`hugo server`)' if hw else 'not measured'} | "
                f"{ratio(dw, hw) if dw and hw else '–'} | {load_cell(dw or [])} / {load_cell(hw or [])} |"
            )
        if hf:
            w(
                f"| one-doc, watch, Hugo `--disableFastRender` | | {cell(hf)} | "
                f"{ratio(dw, hf) if dw else '–'} | – / {load_cell(hf)} |"
            )
        dl, hl = info.get("d_watch_logged"), info.get("h_server_logged")
        if dl or hl:
            w(f"| one-doc, watch: rebuild time the tool logs | {fl(dl)} | {fl(hl)} | | |")
        w(
            f"| peak memory (cold build) | {cell(d, 'rss_mb', lambda x: f'{x:.0f} MB')} | "
            f"{cell(h, 'rss_mb', lambda x: f'{x:.0f} MB')} | {ratio(d, h, 'rss_mb')} | |"
        )
        dsz, hsz = info["d_size"], info.get("h_size")
        w(
            f"| output (du), files | {mb(dsz[0])}, {dsz[1]:,} files | "
            f"{f'{mb(hsz[0])}, {hsz[1]:,} files' if hsz else '–'} | "
            f"{f'{dsz[0] / hsz[0]:.2f}' if hsz else '–'} | |"
        )
        hp = f"{h[-1].get('pages')} (+{h[-1].get('paginator_pages')} paginator pages)" if h else "–"
        w(f"| pages (as each tool counts them) | {d[-1].get('pages')} | {hp} | | |")
        if s.get("ingest"):
            ing = s["ingest"]
            rate = [{"r": n / x["wall"], "c": n / x["cpu"], "load": x["load"]} for x in ing]
            per = lambda k: cell(rate, k, lambda x: f"{x:,.0f} docs/s")
            w(f"| ingest (raw → Markdown), throughput by wall | {per('r')} | n/a | | {load_cell(ing)} / – |")
            w(f"| ingest, throughput per CPU second | {per('c')} | n/a | | |")
            w(f"| ingest, wall / CPU | {cell(ing)} / {cell(ing, 'cpu')}, {mb(info['raw_bytes'])} raw | n/a | | |")
        elif not meta["caps"]["ingest"]:
            w("| ingest (raw → Markdown) | not measured: no `dossier ingest` in this build | n/a | | |")
        stages = {}
        for x in d:
            for k, v in x.get("stages", {}).items():
                stages.setdefault(k, []).append(v)
        if stages:
            w("")
            w(
                "Dossier cold build by stage (median wall): "
                + ", ".join(f"{k} {fmt_s(med(v))}" for k, v in stages.items())
                + "."
            )
        for note in info["notes"]:
            w("")
            w(note)
    w("")
    w("### Scaling: cost per document")
    w("")
    w("| N | Dossier cold, wall/doc | Dossier cold, CPU/doc | Dossier no-change, CPU/doc | Dossier one-doc, CPU/doc | Dossier peak MB | Hugo cold, wall/doc | Hugo cold, CPU/doc |")
    w("|---|---|---|---|---|---|---|---|")
    for res in results:
        s, n = res["samples"], res["info"]["n"]
        if not s["d_cold"]:
            continue

        def per(k, key):
            x = med([v[key] for v in s[k]])
            return "–" if x is None else f"{x / n * 1000:.3f} ms"

        w(
            f"| {n:,} | {per('d_cold', 'wall')} | {per('d_cold', 'cpu')} | {per('d_same', 'cpu')} | "
            f"{per('d_one', 'cpu')} | {med([x['rss_mb'] for x in s['d_cold']]):.0f} | "
            f"{per('h_cold', 'wall')} | {per('h_cold', 'cpu')} |"
        )
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    ap.add_argument("--dossier")
    ap.add_argument("--gen")
    ap.add_argument("--hugo")
    ap.add_argument("--work")
    ap.add_argument("--runs", type=int, default=0,
                    help="runs per size (default: 5 below 10,000 documents, 3 below 100,000, then 1)")
    ap.add_argument("--edits", type=int, default=5, help="saves per watch-latency measurement")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-watch", action="store_true", help="skip watch mode and hugo server")
    ap.add_argument("--full-render-max", type=int, default=10000,
                    help="largest N for the extra `hugo server --disableFastRender` measurement")
    ap.add_argument("--hugo-max", type=int, default=100_000, help="largest N to build with Hugo")
    ap.add_argument("--hugo-lean", type=int, default=100_000,
                    help="from this N, skip Hugo's no-change rebuild (the same full build again)")
    ap.add_argument("--server-max", type=int, default=10_000,
                    help="largest N for `hugo server` (each start is one more full build)")
    ap.add_argument("--watch-max", type=int, default=100_000,
                    help="largest N for `dossier build --watch`")
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--command", default="")
    ap.add_argument("--report-only", metavar="JSON",
                    help="print the tables of an earlier run's results.json and stop")
    args = ap.parse_args()
    if args.report_only:
        saved = json.loads(Path(args.report_only).read_text())
        print(report(saved["results"], saved["meta"]))
        return

    ok_ingest, _ = has_subcommand(args.dossier, ["ingest", "--help"])
    ok_build, build_help = has_subcommand(args.dossier, ["build", "--help"])
    caps = {"ingest": ok_ingest, "watch": ok_build and "--watch" in build_help}
    if not caps["ingest"]:
        log("note: `dossier ingest --help` failed: ingest throughput is skipped")
    if not caps["watch"]:
        log("note: `dossier build --watch` is not there: Dossier's watch latency is skipped")
    version = lambda cmd: subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip().splitlines()[0]
    commit = subprocess.run(
        ["git", "-C", str(BENCH.parent), "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE, text=True
    ).stdout.strip()
    meta = {
        "machine": machine(),
        "dossier_version": version([args.dossier, "--version"]),
        "hugo_version": version([args.hugo, "version"]).split(" BuildDate")[0],
        "commit": commit or "?",
        "command": args.command or " ".join(sys.argv),
        "caps": caps,
    }
    results = []
    measured = {}
    for n in sorted(args.sizes):
        runs = args.runs or (5 if n < 10_000 else 3 if n < 100_000 else 1)
        res = bench_size(args, n, runs, caps, measured)
        results.append(res)
        for tool, key in (("dossier", "d_cold"), ("hugo", "h_cold")):
            peak = med([x["rss_mb"] for x in res["samples"][key]])
            if peak:
                measured[tool] = peak / n
        # Write as we go: a long run that is stopped keeps what it measured.
        Path(args.work, "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    text = report(results, meta)
    notes = []
    if not caps["ingest"]:
        notes.append("- Ingest: not measured, `dossier ingest --help` failed (the command is not in this build).")
    if not caps["watch"]:
        notes.append("- Watch: Dossier's watch latency not measured, `dossier build --watch` is not in this build.")
    if notes:
        text += "\n" + "\n".join(notes) + "\n"
    Path(args.work, "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
