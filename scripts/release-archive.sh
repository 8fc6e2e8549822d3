#!/usr/bin/env bash
# Make the release archive for this machine as .github/workflows/release.yml does on a tag:
# `cargo build --release --locked`, the binary alone at the top of dossier-<target>.tar.gz,
# and dossier-<target>.tar.gz.sha256 beside it. Used to try a release locally.
#
#   scripts/release-archive.sh [OUT_DIR]     (default: target/dist)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/dist}"
target=$(rustc -vV | sed -n 's/^host: //p')
cargo build --release --locked --bin dossier
mkdir -p "$out"
archive="dossier-$target.tar.gz"
tar -czf "$out/$archive" -C target/release dossier
(cd "$out" && sha256sum "$archive" > "$archive.sha256")
echo "$out/$archive"
