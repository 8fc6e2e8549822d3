#!/usr/bin/env bash
# Screenshots of the pages a reader sees first, to look at after any change to the theme:
# home, story, article, topic, day and source pages of the bundled sample and of a site built
# from the five specimen documents (../shared/seeds), 1280 and 390 pixels wide, light and
# dark; and the home and story pages printed to PDF (print CSS).
#
#   scripts/screenshots.sh [OUT_DIR]     default: target/screenshots
#
# Needs headless Chromium (scripts/install-tools.sh). Uses $DOSSIER as the binary when set,
# otherwise builds the release binary. Writes only into OUT_DIR and a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
out="$(realpath -m "${1:-target/screenshots}")"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "${DOSSIER:-}" ]; then
  cargo build --quiet --release
  DOSSIER="$repo/target/release/dossier"
fi
DOSSIER="$(realpath "$DOSSIER")"

# The sample (a copy: building converts its inbox, which writes into content/).
mkdir -p "$work/sample"
cp -r site.yaml content "$work/sample/"
"$DOSSIER" build --quiet --root "$work/sample"
sites=(sample)

# The specimens, converted from their raw text by the build like any inbox.
seeds="$repo/../shared/seeds"
if [ -d "$seeds" ]; then
  mkdir -p "$work/specimens/content/inbox"
  cp "$seeds"/*.txt "$work/specimens/content/inbox/"
  printf 'title: "Specimen briefing"\ndescription: "Five news pages converted by Dossier."\nbase_url: "https://example.org/specimens/"\n' \
    > "$work/specimens/site.yaml"
  "$DOSSIER" build --quiet --root "$work/specimens"
  sites+=(specimens)
fi

# The largest page of a kind stands for it: it has the most to show and to break.
largest() {
  find "$1" -path "$2" -name index.html -printf '%s %p\n' 2>/dev/null | sort -rn | head -1 | cut -d' ' -f2-
}

shoot() { # url width scheme png
  local flags=()
  [ "$3" = dark ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/profile" "${flags[@]}" \
    --window-size="$2,$(( $2 > 800 ? 1500 : 1700 ))" --screenshot="$4" "$1" >/dev/null 2>&1
  [ -s "$4" ] || { echo "no screenshot of $1" >&2; exit 1; }
}

for site in "${sites[@]}"; do
  pub="$work/$site/public"
  declare -A pages=(
    [home]="$pub/index.html"
    [story]="$(largest "$pub/stories" "$pub/stories/*/*")"
    [article]="$(largest "$pub/articles" "$pub/articles/*/*")"
    [topic]="$(largest "$pub/topics" "$pub/topics/*/*")"
    [day]="$(find "$pub/archive" -path '*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/index.html' | sort | tail -1)"
    [source]="$(largest "$pub/sources" "$pub/sources/*/*")"
  )
  for kind in home story article topic day source; do
    page="${pages[$kind]}"
    if [ -z "$page" ]; then
      echo "$site: no $kind page"
      continue
    fi
    for width in 1280 390; do
      for scheme in light dark; do
        shoot "file://$page" "$width" "$scheme" "$out/$site-$kind-$width-$scheme.png"
      done
    done
    if [ "$kind" = home ] || [ "$kind" = story ]; then
      pdf="$out/$site-$kind.pdf"
      chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$pdf" \
        "file://$page" >/dev/null 2>&1
      pages_in_pdf=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
      echo "$site $kind: printed to $pages_in_pdf PDF page(s)"
    fi
    echo "$site $kind: ${page#"$pub/"}"
  done
  unset pages
done
echo "screenshots in $out"
