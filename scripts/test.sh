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

# Keep cargo's output, then close with one line that adds up every test binary's results.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo test --workspace --locked "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
