#!/usr/bin/env bash
# Profile one cold Dossier build with perf and summarise where the time goes.
#
#   bench/profile.sh [N]              default N = 10000
#
# Uses the corpus bench/compare.sh generates (BENCH_DIR/nN/dossier), generating it if needed.
# perf samples cpu-clock (works where hardware counters are not exposed, e.g. in VMs) with
# DWARF call graphs; the release profile keeps line tables. Writes BENCH_DIR/perf-N.data and
# BENCH_DIR/perf-N.txt (the summary, also printed).
set -euo pipefail

n=${1:-10000}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/dossier-bench}
perf=${PERF:-perf}
command -v "$perf" >/dev/null || { echo "profile.sh: perf is missing (apt-get install linux-perf)" >&2; exit 1; }

(cd "$repo" && cargo build --release --quiet -p dossier -p dossier-gen --bins)
dossier=$repo/target/release/dossier
site=$work/n$n/dossier
if [ ! -f "$site/site.yaml" ]; then
    mkdir -p "$work/n$n"
    "$repo/target/release/dossier-gen" --docs "$n" --out "$site" >/dev/null
fi

rm -rf "$site/public"
data=$work/perf-$n.data
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$perf" record -e cpu-clock -F "${PERF_FREQ:-99}" --call-graph dwarf,65528 -o "$data" -- \
    "$dossier" build -v --root "$site" 2>&1 | grep -v '^\[ perf record' >&2
"$perf" script -i "$data" -F tid,period,ip,sym 2>/dev/null |
    python3 "$repo/bench/perf_summary.py" | tee "$work/perf-$n.txt"
