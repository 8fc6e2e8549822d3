#!/usr/bin/env bash
# Score the HTML conversion on the dev set's saved pages: unzip ../shared/devset/html/*.html.gz
# into a temporary site's inbox, run the real binary's `dossier ingest`, collect one ID.md per
# page and run the dev set's scorer on them.
#
#   scripts/score-devset-html.sh [score.py options, e.g. --per-doc or --json FILE]
#
# DOSSIER=path/to/dossier uses that binary (default: a release build); DEVSET=dir points at
# another dev set; OUT=dir keeps the converted files there.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
devset=${DEVSET:-$here/../shared/devset}
bin=${DOSSIER:-}
if [ -z "$bin" ]; then
  (cd "$here" && cargo build --release --quiet)
  bin=$here/target/release/dossier
fi
site=$(mktemp -d)
out=${OUT:-$site/out}
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/content/inbox" "$out"
printf 'title: "HTML dev set"\n' > "$site/site.yaml"
for f in "$devset"/html/*.html.gz; do
  gunzip -c "$f" > "$site/content/inbox/$(basename "$f" .gz)"
done
"$bin" ingest --root "$site" -q || true
# Each generated file names its raw file in `source_file:`; save it as ID.md.
python3 - "$site/content/articles" "$out" <<'PY'
import os, re, shutil, sys
src, out = sys.argv[1], sys.argv[2]
for d, _, files in os.walk(src):
    for f in files:
        p = os.path.join(d, f)
        m = re.search(r"^source_file: *['\"]?content/inbox/([^'\"\n]+)\.html", open(p, encoding="utf-8").read(), re.M)
        if m:
            shutil.copy(p, os.path.join(out, m.group(1) + ".md"))
PY
python3 "$devset/score.py" "$out" --truth "$devset/truth.jsonl" "$@"
