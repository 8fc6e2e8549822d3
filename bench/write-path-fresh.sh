#!/usr/bin/env bash
# The write path's ways, each alone on a freshly made ext4 file system, with and without a
# journal (BENCHMARKS.md "Write path, per file"). Needs root (mkfs.ext4, loop mounts).
#
#   bench/write-path-fresh.sh [FILES]      default: 20000
#
# Environment:
#   RUNS   fresh file systems per way and kind [3]; the median is printed
#   WORK   where the 6 GB image file and the mount point go [${TMPDIR:-/tmp}/write-path-fresh]
#
# Why fresh: ext4 without a journal does not reuse an inode deleted in the last minute (five
# while its table block is unwritten); it scans past each such inode when allocating, so on a
# disk that just deleted a large tree every file created costs more, and the ways measured one
# after another in one folder measure each other's deletions.
set -euo pipefail

files=${1:-20000}
runs=${RUNS:-3}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${WORK:-${TMPDIR:-/tmp}/write-path-fresh}

if [ "$(id -u)" != 0 ]; then
    echo "write-path-fresh.sh: needs root to make and mount the file systems" >&2
    exit 1
fi
(cd "$repo" && cargo build --release --quiet --example write_path)
bin=$repo/target/release/examples/write_path

mkdir -p "$work/mnt"
image=$work/ext4.img
results=$(mktemp)
cleanup() {
    mountpoint -q "$work/mnt" && umount "$work/mnt"
    rm -f "$image" "$results"
}
trap cleanup EXIT

ways=("direct" "dirs-once" "staged" "staged+fsync" "staged, 2 threads" "staged beside")
echo "write-path-fresh: $files pages, $runs fresh file systems per way, load $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in journal no-journal; do
    features=()
    [ "$kind" = no-journal ] && features=(-O ^has_journal)
    for way in "${ways[@]}"; do
        for ((r = 0; r < runs; r++)); do
            truncate -s 6G "$image"
            mkfs.ext4 -q -F "${features[@]}" "$image"
            mount -o loop "$image" "$work/mnt"
            "$bin" "$work/mnt" --files "$files" --runs 1 --way "$way" |
                grep "^| $way |" | sed "s/^/$kind /" >>"$results"
            umount "$work/mnt"
            rm -f "$image"
        done
    done
done
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<'EOF'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    kind, rest = line.split(" ", 1)
    cells = [c.strip() for c in rest.strip().strip("|").split("|")]
    way, nums = cells[0], [float(re.sub(r"[^\d.]", "", c)) for c in cells[1:]]
    rows.setdefault((way, kind), []).append(nums)
print("| way | journal: wall / user / system per page | no journal: wall / user / system per page |")
print("|---|---|---|")
for way in dict.fromkeys(w for w, _ in rows):
    out = []
    for kind in ("journal", "no-journal"):
        s = rows.get((way, kind), [])
        med = [statistics.median(x[i] for x in s) for i in range(3)] if s else None
        out.append(" / ".join(f"{v:.1f}" for v in med) + " µs" if med else "–")
    print(f"| {way} | {out[0]} | {out[1]} |")
EOF
