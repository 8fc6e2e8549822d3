#!/usr/bin/env bash
# Build the release binary, convert ../shared/devset/docs/*.txt with `dossier ingest` and score
# the output with the dev set's score.py: all outlets, then each half of the outlets.
#   scripts/score-devset.sh [--out DIR] [--json FILE] [--per-doc]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --bin dossier
exec python3 scripts/score_devset.py "$@"
