#!/usr/bin/env bash
# Judge a built site the way its readers' tools will: the W3C Nu HTML checker on every page,
# and every Atom feed and the sitemap against the rules of their formats.
#
#   scripts/validate.sh            build the bundled sample into a temporary folder, check it
#   scripts/validate.sh SITE_DIR   check an already built folder
#
# Installs the checker (npm package vnu-jar, needs java) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ge 1 ]; then
  site="$1"
else
  # Build a copy: the build converts the sample inbox, which writes into content/.
  work="$(mktemp -d)"
  cp -r site.yaml content templates "$work/"
  site="$work/public"
  cargo run --quiet --release -- build --quiet --root "$work"
fi

jar="$(npm root -g)/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$jar" ]; then
  echo "installing the Nu HTML checker (npm install -g vnu-jar)..."
  npm install -g --no-fund --no-audit vnu-jar >/dev/null
fi

pages=$(find "$site" -name '*.html' | wc -l)
echo "validating $pages HTML pages in $site"
java -jar "$jar" --skip-non-html --format gnu "$site"
echo "HTML: no errors"

python3 scripts/check_feeds.py "$site"
