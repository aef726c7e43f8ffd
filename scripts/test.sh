#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs them.
# Usage: bash scripts/test.sh   (CI runs it through .ci/run with CI=true)
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests (headless Chromium + axe-core) need Debian's chromium and npm packages.
if [ -f tests/browser/package.json ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "chromium is missing: install Debian's chromium package (apt-get install chromium)" >&2
    fi
  fi
  if [ ! -d tests/browser/node_modules ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
  fi
fi

cargo test --workspace --locked "$@"
