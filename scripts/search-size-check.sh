#!/usr/bin/env bash
# CI's guard on the search budgets: a 10,000-document site from tools/dossier-gen, built, then
# - scripts/search-budget.py opens its search page in headless Chromium for a set of queries and
#   fails if any loads more than 300 KB (gzip, file by file) before its first result, or shows
#   no result;
# - scripts/search-keystrokes.js --settle types queries a key at a time and fails if a keystroke
#   waits for more than one round of file loads, one after another: while one word is typed
#   its shard file is fetched ahead and carries its best results' rows; with several words
#   the later postings the next keystroke reads are fetched ahead too, and carry the rows of
#   their words' next best items, and the likely next queries are ranked ahead and their
#   results' rows loaded. Rounds, not milliseconds: wall time on a shared machine
#   varies by tens of milliseconds between identical runs (BENCHMARKS.md "Search index").
#
#   scripts/search-size-check.sh [DOSSIER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "chromium is not installed (scripts/install-tools.sh)"; exit 1; }
bin="${1:-target/release/dossier}"
[ -x "$bin" ] || cargo build --quiet --release --bin dossier
cargo build --quiet --release -p dossier-gen
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/dossier-gen --docs 10000 --out "$work/site" >/dev/null
"$bin" build --quiet --root "$work/site" --output "$work/public"
# A rare word, common words alone and together, a stop word among them, a prefix being typed,
# a quoted phrase, and a speaker's name.
python3 scripts/search-budget.py "$work/public" --max-kb 300 \
  minister "election results" "prime minister of" "the government said" mini 'pre' \
  '"senior official said"' "said the president"
page="$work/public/search/index.html"
node scripts/search-keystrokes.js --settle --max-waits 1 "$page" minister president election coalition reporters \
  "election results" "prime minister of" "the government said" '"senior official said"' "said the president"
