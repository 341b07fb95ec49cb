#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run the whole suite.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh tests/test_state.py -x
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Browser tests use Debian's Chromium; Playwright's own browser download cannot work here.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
fi
command -v pdftoppm >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
}

# The accessibility tests inject axe-core (pinned in tests/e2e/package.json) into the pages.
if [ ! -f tests/e2e/node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null 2>&1 || {
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
  }
  npm ci --prefix tests/e2e --silent --no-audit --no-fund
fi

exec python3 -m pytest "$@"
