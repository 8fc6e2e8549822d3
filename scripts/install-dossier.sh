#!/usr/bin/env bash
# The steps of action.yml (kept here so they can be read and tested as plain shell).
#
#   install-dossier.sh resolve   VERSION=latest|X.Y.Z  -> writes version=X.Y.Z to $GITHUB_OUTPUT
#   install-dossier.sh install   VERSION=X.Y.Z BIN_DIR=DIR -> DIR/dossier
#
# DOSSIER_REPO names the repository whose releases hold the archives; GH_TOKEN lets the gh
# command line (preinstalled on GitHub's runners) read them.
set -euo pipefail

mode="${1:?resolve or install}"
repo="${DOSSIER_REPO:?the repository that publishes dossier releases}"

case "$mode" in
  resolve)
    version="${VERSION:-latest}"
    if [ "$version" = latest ]; then
      tag=$(gh release view --repo "$repo" --json tagName --jq .tagName 2>/dev/null || true)
      if [ -z "$tag" ]; then
        echo "::error::no release found in $repo; give a version: with the action" >&2
        exit 1
      fi
      version="${tag#v}"
    fi
    version="${version#v}"
    echo "version=$version" >> "${GITHUB_OUTPUT:-/dev/stdout}"
    ;;
  install)
    version="${VERSION:?a version such as 0.1.0}"
    bin_dir="${BIN_DIR:?where to put the binary}"
    case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
      Linux-X64 | Linux-x86_64) target=x86_64-unknown-linux-gnu ext=tar.gz ;;
      Linux-ARM64 | Linux-aarch64) target=aarch64-unknown-linux-gnu ext=tar.gz ;;
      macOS-ARM64 | Darwin-arm64) target=aarch64-apple-darwin ext=tar.gz ;;
      macOS-X64 | Darwin-x86_64) target=x86_64-apple-darwin ext=tar.gz ;;
      Windows-X64) target=x86_64-pc-windows-msvc ext=zip ;;
      *) target="" ext="" ;;
    esac
    mkdir -p "$bin_dir"
    work=$(mktemp -d)
    archive="dossier-$target.$ext"
    if [ -n "$target" ] && gh release download "v$version" --repo "$repo" \
        --pattern "$archive" --pattern "$archive.sha256" --dir "$work" 2>/dev/null; then
      # The checksum file names the archive; check it where it was downloaded.
      (cd "$work" && if command -v sha256sum >/dev/null; then sha256sum -c "$archive.sha256";
        else shasum -a 256 -c "$archive.sha256"; fi)
      case "$ext" in
        tar.gz) tar -xzf "$work/$archive" -C "$bin_dir" ;;
        zip) unzip -o -q "$work/$archive" -d "$bin_dir" ;;
      esac
      echo "installed the release binary of dossier $version for $target"
    else
      # No archive for this runner: build the tagged version from source.
      echo "no release archive for ${target:-this runner}; building dossier $version with cargo install"
      cargo install --locked --git "https://github.com/$repo" --tag "v$version" \
        --root "$work/cargo" dossier
      cp "$work/cargo/bin/"dossier* "$bin_dir/"
    fi
    ;;
  *)
    echo "unknown mode $mode (resolve or install)" >&2
    exit 2
    ;;
esac
