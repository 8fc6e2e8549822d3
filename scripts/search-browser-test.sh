#!/usr/bin/env bash
# The search page in a real browser: headless Chromium opens the sample site's search page
# from file:// and from a local server under a sub-path (/briefing/), runs searches (a word
# found only in one article's body, quoted phrases, a speaker's name) and checks
# the results in the DOM after the page's script ran. Loopback only; exit 1 on any failure.
#
#   scripts/search-browser-test.sh [DOSSIER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "chromium is not installed (scripts/install-tools.sh)"; exit 1; }
bin="${1:-target/debug/dossier}"
[ -x "$bin" ] || cargo build --quiet --bin dossier
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp -r site.yaml content templates "$work/site/"
"$bin" build --quiet --root "$work/site" --output "$work/www/briefing"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/briefing/search/index.html" && break; sleep 0.1; done

dom() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --virtual-time-budget=5000 --dump-dom "$1" 2>/dev/null
}

failures=0
passes=0
check() { # name url must-match...
  local name="$1" url="$2"; shift 2
  local page; page="$(dom "$url")"
  for want in "$@"; do
    if ! grep -q -- "$want" <<<"$page"; then
      echo "FAIL $name: no match for $want at $url"
      failures=$((failures + 1))
      return
    fi
  done
  echo "ok   $name"
  passes=$((passes + 1))
}

for base in "file://$work/www/briefing" "http://127.0.0.1:$port/briefing"; do
  page="$base/search/index.html"
  # A word only one article's body uses: that article, with the word marked in its snippet
  # or found in its body.
  check "body word ($base)" "$page?q=causeway" \
    'search-hit' 'href="../articles/biden-orders-temporary-pier-gaza/index.html"' '1 result for causeway'
  # A quoted phrase: the quotation that says it, marked.
  check "phrase ($base)" "$page?q=%22dehumanize%20others%22" \
    '<p class="kicker">Quote' '<mark>dehumanize</mark> <mark>others</mark>'
  # A phrase found only in an article's body (the index ships its summary): that article;
  # the same words the other way round, side by side nowhere: no result.
  check "phrase in a body ($base)" "$page?q=%22floating%20platform%22" \
    'href="../articles/biden-orders-temporary-pier-gaza/index.html"' '1 result for'
  check "words apart ($base)" "$page?q=%22platform%20floating%22" 'No results for'
  # A speaker: their quotations.
  check "speaker ($base)" "$page?q=Kamala%20Harris" \
    '<p class="kicker">Quote' '<mark>Kamala</mark> <mark>Harris</mark>'
  # Without JavaScript the page links to the topics and the timeline.
  if ! grep -q 'Search runs in your browser and needs JavaScript' "$work/www/briefing/search/index.html"; then
    echo "FAIL no-JavaScript message"; failures=$((failures + 1))
  fi
done
echo "search browser test: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
