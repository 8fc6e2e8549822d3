#!/bin/sh
# Watch-mode latency on a site folder: save one document, time until its page on disk shows
# the edit; beside the time of a full build. Release mode. See BENCHMARKS.md.
#
#   bench/watch.sh SITE [RUNS]
set -eu
site=${1:?usage: bench/watch.sh SITE [RUNS]}
runs=${2:-20}
site=$(cd "$site" && pwd)
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin dossier --example watch_latency
exec target/release/examples/watch_latency "$site" --runs "$runs" --bin target/release/dossier
