#!/usr/bin/env python3
"""Convert the dev set's raw pages with the real binary and score them.

    scripts/score_devset.py [--bin target/release/dossier] [--devset ../shared/devset]
                            [--out DIR] [--json FILE] [--per-doc]

Steps: a fresh site (`dossier init`) with an empty inbox; the dev set's docs/*.txt copied into
it; `dossier ingest`; each converted file found by its `source_file` and copied to OUT/ID.md;
then the dev set's own score.py on OUT, once on every page and once on each half of the
outlets (the split below), so the cross-validated figures come from the same run.

Outlet halves: a publisher goes to half A or B by the parity of the sum of its name's bytes.
The split is fixed before any tuning and keyed to nothing but the name, so it is the same on
every run.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def half_of(publisher):
    return "A" if sum(publisher.encode()) % 2 == 0 else "B"


def source_file_of(md_text):
    m = re.search(r"^source_file:\s*['\"]?(.+?)['\"]?\s*$", md_text, re.M)
    return m.group(1) if m else None


def score(devset, outdir, truth, extra=()):
    cmd = [sys.executable, str(devset / "score.py"), str(outdir), "--truth", str(truth), *extra]
    return subprocess.run(cmd, capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "dossier"))
    ap.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset"))
    ap.add_argument("--out", help="folder for the ID.md files (default: a temporary one)")
    ap.add_argument("--json", help="write the whole-set scores as JSON here")
    ap.add_argument("--per-doc", action="store_true")
    a = ap.parse_args()
    devset = Path(a.devset).resolve()
    if not (devset / "score.py").exists():
        print(f"no dev set at {devset}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="dossier-devset-"))
    try:
        site = work / "site"
        subprocess.run([a.bin, "-q", "init", str(site)], check=True)
        content = site / "content"
        shutil.rmtree(content)
        (content / "inbox").mkdir(parents=True)
        for f in sorted((devset / "docs").glob("*.txt")):
            shutil.copy(f, content / "inbox" / f.name)
        subprocess.run([a.bin, "-q", "ingest", "--root", str(site)], check=True)
        out = Path(a.out) if a.out else work / "out"
        out.mkdir(parents=True, exist_ok=True)
        for md in sorted(content.rglob("*.md")):
            text = md.read_text(encoding="utf-8")
            src = source_file_of(text)
            if src:
                stem = Path(src).stem
                (out / f"{stem}.md").write_text(text, encoding="utf-8")
        truth_rows = [json.loads(l) for l in (devset / "truth.jsonl").open(encoding="utf-8") if l.strip()]
        extra = ["--per-doc"] if a.per_doc else []
        if a.json:
            extra += ["--json", a.json]
        r = score(devset, out, devset / "truth.jsonl", extra)
        print("== all outlets ==")
        print(r.stdout, end="")
        for half in "AB":
            t = work / f"truth-{half}.jsonl"
            rows = [row for row in truth_rows if half_of(row["publisher"]) == half]
            t.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
            pubs = len({row["publisher"] for row in rows})
            r = score(devset, out, t)
            print(f"== half {half}: {len(rows)} pages, {pubs} outlets ==")
            print(r.stdout, end="")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
