#!/usr/bin/env python3
"""The search budgets on a built site: what a query loads before its first result (bytes, and
gzip-compressed bytes, file by file as a server would send them), and how long the page takes
from the query to its results in headless Chromium.

    scripts/search-budget.py PUBLIC_DIR [--max-kb N] [--keystrokes] [QUERY ...]

For each query Chromium opens search/index.html?q=QUERY from file:// and reads what the page
recorded on its result list: the index files it had loaded when it showed the results
(data-loaded) and the time from the query to the results, files loaded included (data-ms).
What is counted: the page's script (search.js) and those index files; the HTML page and the
style sheet, which every page of the site loads, are not.

--max-kb N: exit 1 if any query loads more than N KB (gzip) before its first result, or if a
query shows no result (the CI size check).
--keystrokes: also type each query into the open page a key at a time (scripts/
search-keystrokes.js, Puppeteer from the Lighthouse install) and report the slowest keystroke:
from the key to the results on screen, in real time rather than Chromium's virtual time."""
import argparse
import gzip
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

DEFAULT_QUERIES = ["minister", "election results", "harbour", "prime minister of", '"senior official said"', "mini"]


def dump(url: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", url],
            capture_output=True, text=True, timeout=180).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("queries", nargs="*")
    ap.add_argument("--max-kb", type=float)
    ap.add_argument("--keystrokes", action="store_true")
    args = ap.parse_intermixed_args()
    site = args.site
    idx = site / "search"
    files = list(idx.rglob("*.js"))
    print(f"search/ holds {sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {len(files)} files")
    failures = 0
    for q in args.queries or DEFAULT_QUERIES:
        url = (idx / "index.html").resolve().as_uri() + "?q=" + quote(q)
        dom = dump(url)
        lst = re.search(r'<ol id="search-results"[^>]*>', dom)
        attrs = dict(re.findall(r'(data-[a-z]+)="([^"]*)"', lst.group(0))) if lst else {}
        status = re.search(r'id="search-status"[^>]*>([^<]*)<', dom)
        status = html.unescape(status.group(1)) if status else "?"
        if "data-loaded" not in attrs:
            print(f"{q!r}: the page showed no results ({status})")
            failures += 1
            continue
        loaded = [site / "search.js"] + [idx / f"{name}.js" for name in attrs["data-loaded"].split()]
        raw = sum(f.stat().st_size for f in loaded)
        packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in loaded)
        hits = dom.count('class="search-hit"')
        print(f"{q!r}: {status!r}; {len(loaded)} files, {raw / 1024:.0f} KB, "
              f"{packed / 1024:.0f} KB gzip before the first result; page: {attrs.get('data-ms', '?')} ms")
        if args.max_kb is not None and (packed / 1024 > args.max_kb or hits == 0):
            print(f"  FAIL: over {args.max_kb:.0f} KB gzip or no result")
            failures += 1
    if args.keystrokes:
        script = Path(__file__).with_name("search-keystrokes.js")
        r = subprocess.run(["node", str(script), str((idx / "index.html").resolve())] + (args.queries or DEFAULT_QUERIES))
        failures += r.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
