#!/usr/bin/env bash
# What the search index adds to a full build (issue #22's budget: at most 15 %).
#
#   bench/search-cost.sh [DOCS]          default: 10000
#
# Builds one `dossier-gen` site twice per round, with `search: true` and with `search: false`,
# alternating which goes first, each into an emptied output folder; prints every run and the
# medians of wall, user and system time, and exits 1 when the index adds more than 15 % to
# the median wall or CPU (user + system) time.
#
# Environment:
#   ROUNDS   pairs of builds [3]
#   OUT_DIR  where the outputs go [/dev/shm if it exists, else ${TMPDIR:-/tmp}]. A file system
#            without a journal (`ls /proc/fs/jbd2/` lists none for it) makes every file created
#            soon after many were deleted scan past them (ext4's recently-deleted inode check):
#            the per-file cost then depends on what else the disk did in the last minutes, see
#            BENCHMARKS.md "The search index's build cost on ext4".
#   WORK     where the generated sites go [${TMPDIR:-/tmp}/dossier-search-cost]
#   DOSSIER  the binary to measure [built here: target/release/dossier]
set -euo pipefail

docs=${1:-10000}
rounds=${ROUNDS:-3}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${WORK:-${TMPDIR:-/tmp}/dossier-search-cost}
if [ -z "${OUT_DIR:-}" ]; then
    if [ -d /dev/shm ]; then OUT_DIR=/dev/shm; else OUT_DIR=${TMPDIR:-/tmp}; fi
fi
out="$OUT_DIR/dossier-search-cost-out"

if [ ! -x /usr/bin/time ]; then
    echo "search-cost.sh: /usr/bin/time (GNU time) is missing; install it (apt-get install time)" >&2
    exit 1
fi
(cd "$repo" && cargo build --release --quiet -p dossier -p dossier-gen --bins)
dossier=${DOSSIER:-$repo/target/release/dossier}
gen=$repo/target/release/dossier-gen

# Two copies of one generated site that differ only in `search:`.
site=$work/$docs
if [ ! -f "$site/with/site.yaml" ]; then
    rm -rf "$site"
    mkdir -p "$site"
    "$gen" --docs "$docs" --seed 1 --out "$site/with" >/dev/null
    cp -a "$site/with" "$site/without"
fi
sed -i 's/^search: .*/search: true/' "$site/with/site.yaml"
sed -i 's/^search: .*/search: false/' "$site/without/site.yaml"
grep -q '^search: true' "$site/with/site.yaml" || {
    echo "search-cost.sh: $site/with/site.yaml has no 'search:' line to switch" >&2
    exit 1
}

times=$(mktemp)
trap 'rm -f "$times"; rm -rf "$out"' EXIT
build() { # variant
    rm -rf "$out"
    sync
    /usr/bin/time -f "$1 %e %U %S" -a -o "$times" \
        "$dossier" build --quiet --root "$site/$1" --output "$out"
}
echo "search-cost: $docs documents, $rounds rounds, output in $OUT_DIR, load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < rounds; i++)); do
    if ((i % 2 == 0)); then build with; build without; else build without; build with; fi
done
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$times" <<'EOF'
import statistics, sys
runs = {"with": [], "without": []}
for line in open(sys.argv[1]):
    name, wall, user, system = line.split()
    runs[name].append((float(wall), float(user), float(system)))
def med(name, i):
    return statistics.median(r[i] for r in runs[name])
def cpu(name):
    return statistics.median(r[1] + r[2] for r in runs[name])
print("| build | wall (s), each run | median wall | median user | median system |")
print("|---|---|---|---|---|")
for name in ("without", "with"):
    each = ", ".join(f"{r[0]:.2f}" for r in runs[name])
    print(f"| search {name} | {each} | {med(name, 0):.2f} | {med(name, 1):.2f} | {med(name, 2):.2f} |")
wall = med("with", 0) / med("without", 0) - 1
cpus = cpu("with") / cpu("without") - 1
print(f"the index adds {wall * 100:+.1f} % wall, {cpus * 100:+.1f} % CPU (user + system); budget +15 %")
sys.exit(0 if wall <= 0.15 and cpus <= 0.15 else 1)
EOF
