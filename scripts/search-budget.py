#!/usr/bin/env python3
"""The search budgets on a built site: what a query loads before its first result (bytes, and
gzip-compressed bytes), and how long the page takes to show results in headless Chromium.

    scripts/search-budget.py PUBLIC_DIR [QUERY ...]

For each query it follows the page's own steps: meta.js, the shard file of each query word, then
the files of the items shown (the top 20 by the same BM25 as search.js). Then Chromium opens
search/index.html?q=QUERY from file:// and reads the time the page recorded (data-ms on the
result list: from the query to the results on screen, files loaded included)."""
import gzip
import json
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

K1, B, SHOWN = 1.2, 0.75, 20


def payload(path: Path):
    text = path.read_text(encoding="utf-8")
    inner = text[text.index("(") + 1: text.rindex(")")]
    return text, inner


def fold(t: str) -> str:
    t = unicodedata.normalize("NFD", t)
    t = "".join(c for c in t if not ("\u0300" <= c <= "\u036f"))
    return t.lower()


def words(t: str):
    return [w for w in re.split(r"[^\w]+|_", fold(t)) if len(w) > 1 or (len(w) == 1 and w.isdigit())]


def shard_file(w: str) -> str:
    two = w[:2]
    if re.fullmatch(r"[a-z0-9]+", two):
        return two
    return "-".join(f"u{ord(c):x}" for c in two)


def main():
    site = Path(sys.argv[1])
    queries = sys.argv[2:] or ["minister", "election results", "harbour"]
    idx = site / "search"
    meta_text, meta_inner = payload(idx / "meta.js")
    meta = json.loads(meta_inner)
    print(f"{meta['n']} items; search/ holds {sum(f.stat().st_size for f in idx.rglob('*.js')) / 1e6:.1f} MB "
          f"in {len(list(idx.rglob('*.js')))} files")
    for q in queries:
        files = {idx / "meta.js"}
        groups = []
        for w in words(q):
            f = idx / "t" / f"{shard_file(w)}.js"
            if not f.exists():
                groups.append({})
                continue
            files.add(f)
            _, inner = payload(f)
            inner = inner[inner.index(",") + 1:]
            post = json.loads(inner).get(w, "")
            groups.append({int(p.split(":")[0], 36): int(p.split(":")[1]) for p in post.split(",") if p})
        scores = []
        if groups and all(groups):
            first = min(groups, key=len)
            for i in first:
                if all(i in g for g in groups):
                    length = meta["items"][i][1] or 1
                    s = sum(math.log(1 + (meta["n"] - len(g) + 0.5) / (len(g) + 0.5)) * g[i] * (K1 + 1)
                            / (g[i] + K1 * (1 - B + B * length / meta["avgdl"])) for g in groups)
                    scores.append((-s, i))
        scores.sort()
        for _, i in scores[:SHOWN]:
            files.add(idx / "d" / f"{i // meta['chunk']}.js")
        raw = sum(f.stat().st_size for f in files)
        packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
        ms = browser_ms(site, q)
        print(f"{q!r}: {len(scores)} results; {len(files)} files, {raw / 1024:.0f} KB, "
              f"{packed / 1024:.0f} KB gzip before the first result; page: {ms} ms")


def browser_ms(site: Path, q: str) -> str:
    url = (site / "search" / "index.html").resolve().as_uri() + "?q=" + q.replace(" ", "%20")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'id="search-results"[^>]*data-ms="([\d.]+)"', dom) or re.search(r'data-ms="([\d.]+)"', dom)
    return m.group(1) if m else "?"


if __name__ == "__main__":
    main()
