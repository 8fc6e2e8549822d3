#!/usr/bin/env python3
"""Watch mode: how long a save made while a rebuild is running waits for its page.

Usage: bench/save_during_rebuild.py SITE [--bin DOSSIER] [--rounds N] [--gap SECONDS]

Starts `dossier -v build --watch` on SITE (output into a temporary folder), then N times:
saves document A, waits for A's page (the quick path), waits GAP seconds (the full rebuild
that follows is then still running on a large site), saves document B and times how long B's
page takes to show the save. Before a rebuild could be stopped, B waited for the rest of A's
rebuild; now that rebuild stops and B's page is written at once. Prints one line per round
and the median. The two documents are restored at the end.
"""

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def page_of(site, doc, out):
    """The article page of a content file: articles/<slug>/index.html, slug from the front
    matter when it has one, else the file stem."""
    slug = doc.stem
    for line in doc.read_text(encoding="utf-8").splitlines()[1:40]:
        if line.startswith("slug:"):
            slug = line.split(":", 1)[1].strip().strip("'\"")
        if line.strip() == "---":
            break
    return out / "articles" / slug / "index.html"


def wait_for(path, marker, timeout):
    needle = marker.encode()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            if needle in path.read_bytes():
                return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.002)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--bin", default=str(Path(__file__).resolve().parent.parent / "target/release/dossier"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--gap", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()

    docs = sorted((args.site / "content" / "articles").rglob("*.md"))
    if len(docs) < 2:
        sys.exit("the site needs at least two documents under content/articles/")
    a, b = docs[len(docs) // 3], docs[2 * len(docs) // 3]
    originals = {a: a.read_bytes(), b: b.read_bytes()}
    out = Path(tempfile.mkdtemp(prefix="dossier-sdr-"))
    proc = subprocess.Popen(
        [args.bin, "-v", "build", "--watch", "--root", str(args.site), "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()

    def until(needle, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if needle in line:
                return line
        return None

    waits = []
    try:
        if until("Watching", args.timeout) is None:
            sys.exit("the watcher did not start")
        pa, pb = page_of(args.site, a, out), page_of(args.site, b, out)
        for k in range(args.rounds):
            time.sleep(1.0)
            ma, mb = f"sdr-a-{k}-{time.time_ns()}", f"sdr-b-{k}-{time.time_ns()}"
            with open(a, "a", encoding="utf-8") as f:
                f.write(f"\n{ma}\n")
            quick_a = wait_for(pa, ma, args.timeout)
            time.sleep(args.gap)
            t0 = time.perf_counter()
            with open(b, "a", encoding="utf-8") as f:
                f.write(f"\n{mb}\n")
            took = wait_for(pb, mb, args.timeout)
            rebuilt = until("Rebuilt", args.timeout)
            # The quick path names its pages in a journal that a full write removes: once it
            # is gone, the round's last rebuild has finished.
            deadline = time.monotonic() + args.timeout
            while (out / ".dossier-pending").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            waits.append(took)
            print(f"round {k + 1}: A's page {quick_a * 1000:.0f} ms; B saved {args.gap:.1f} s later, "
                  f"B's page {took * 1000:.0f} ms; {rebuilt.strip() if rebuilt else 'no rebuild line'}",
                  flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        for path, data in originals.items():
            path.write_bytes(data)
        shutil.rmtree(out, ignore_errors=True)
    ok = [w for w in waits if w is not None]
    if ok:
        print(f"median wait for B's page: {statistics.median(ok) * 1000:.0f} ms "
              f"(min {min(ok) * 1000:.0f} ms, max {max(ok) * 1000:.0f} ms, {len(ok)} rounds)")


if __name__ == "__main__":
    main()
