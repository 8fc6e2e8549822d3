#!/usr/bin/env bash
# Install the tools that judge a built site in a browser: headless Chromium (screenshots, print
# to PDF), poppler (pdfinfo counts the printed pages), Lighthouse and axe-core.
# scripts/validate.sh installs the Nu HTML checker itself.
# Needs root for apt-get; skips what is already installed.
set -euo pipefail

if ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null; then
  apt-get update
  apt-get install -y chromium chromium-driver poppler-utils
fi
if ! command -v lighthouse >/dev/null; then
  # Lighthouse 13 needs Node 22; 12 runs on Node 20.
  npm install -g --no-fund --no-audit lighthouse@12
fi
if ! command -v axe >/dev/null; then
  # --ignore-scripts: its own chromedriver download fails offline; we use Debian's.
  npm install -g --no-fund --no-audit --ignore-scripts @axe-core/cli
fi
