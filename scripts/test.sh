#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run the whole suite.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh tests/test_state.py -x
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# The library as an installed (editable) package: tests, scripts and benchmarks import it
# without editing sys.path.
python3 -m pip install --quiet --disable-pip-version-check -e .

# Browser tests use Debian's Chromium (Playwright's own browser download cannot work here);
# handout tests render PDFs with poppler's pdftoppm.
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils
# The deployment tests run deploy/replicas.sh (curl, envsubst) behind Debian's nginx.
deploy_tools=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || deploy_tools+=(nginx)
command -v curl >/dev/null 2>&1 || deploy_tools+=(curl)
command -v envsubst >/dev/null 2>&1 || deploy_tools+=(gettext-base)
[ ${#deploy_tools[@]} -eq 0 ] || apt_install "${deploy_tools[@]}"

# The accessibility tests inject axe-core into the pages; the map's JS is tested under node
# in jsdom. Both are pinned in tests/e2e/package.json.
if [ ! -f tests/e2e/node_modules/axe-core/axe.min.js ] || [ ! -f tests/e2e/node_modules/jsdom/package.json ]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  npm ci --prefix tests/e2e --silent --no-audit --no-fund
fi

# Lint first: CI fails on a lint error as on a failing test.
python3 -m ruff check .

exec python3 -m pytest "$@"
