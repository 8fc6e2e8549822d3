#!/usr/bin/env bash
# Load on the preview server, loopback only, bounded in time: wrk with 100 connections for
# 10 s on the sample's home page and stylesheet, while 500 idle connections hold half a request
# head; then how long a save takes to reach an open page as a reload event.
#
#   bench/serve_load.sh            (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
cargo build --release --quiet --bin dossier
site="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$site"' EXIT
cp -r site.yaml content templates "$site/"
target/release/dossier serve --quiet --port 0 --root "$site" > "$site/serve.log" 2>&1 &
server=$!
# --quiet prints no URL: find the port the server listens on.
for _ in $(seq 100); do
  port=$(ss -ltnp 2>/dev/null | awk -v pid="pid=$server," '$0 ~ pid {split($4, a, ":"); print a[length(a)]; exit}')
  [ -n "$port" ] && curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
url="http://127.0.0.1:$port"
echo "server: $url (release build, pid $server)"
python3 bench/serve_load.py "$url" "$site"
