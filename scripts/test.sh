#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run the whole suite, or one tier:
#   bash scripts/test.sh           everything, as CI runs it (about 11 minutes on 2 cores)
#   bash scripts/test.sh --fast    lint + the library tier: no app runs, PDFs, processes or
#                                  browsers (about a minute; installs nothing)
#   bash scripts/test.sh --app     the app, PDF and command-line tests (AppTest, no browser), not slow
#   bash scripts/test.sh --slow    the slow tests only (URL fuzz, every muscle x audience)
#   bash scripts/test.sh --e2e     the browser tests only (tests/e2e)
# The tiers are markers that tests/conftest.py sets from what each test does. Extra arguments
# go to pytest, e.g.  bash scripts/test.sh --fast -k lookup   or   bash scripts/test.sh tests/test_links.py -x
set -euo pipefail
cd "$(dirname "$0")/.."

tier=all
case "${1:-}" in
  --fast|--app|--slow|--e2e) tier=${1#--}; shift ;;
esac

if [ "$tier" = fast ]; then
  # Nothing to install: the library tier needs what one full run (or requirements-dev.txt) set up.
  python3 -m ruff check .
  exec python3 -m pytest -m "not app and not pdf and not cli and not slow" --ignore=tests/e2e "$@"
fi

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

# Handout tests render PDFs with poppler's pdftoppm.
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils
if [ "$tier" = all ] || [ "$tier" = e2e ]; then
  # Browser tests use Debian's Chromium (Playwright's own browser download cannot work here).
  command -v chromium >/dev/null 2>&1 || apt_install chromium
  # The deployment tests run deploy/replicas.sh (curl, envsubst) behind Debian's nginx.
  deploy_tools=()
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || deploy_tools+=(nginx)
  command -v curl >/dev/null 2>&1 || deploy_tools+=(curl)
  command -v envsubst >/dev/null 2>&1 || deploy_tools+=(gettext-base)
  [ ${#deploy_tools[@]} -eq 0 ] || apt_install "${deploy_tools[@]}"
fi

# The map's JS is tested under node in jsdom; the accessibility tests inject axe-core into
# the pages. Both are pinned in tests/package.json.
if [ ! -f tests/node_modules/axe-core/axe.min.js ] || [ ! -f tests/node_modules/jsdom/package.json ]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  npm ci --prefix tests --silent --no-audit --no-fund
fi

# The tests without a browser are CPU-bound (AppTest runs, PDFs, hypothesis): two pytest-xdist
# workers share the 2 cores. The browser tests run in one process: each already keeps the app
# server and Chromium busy, and two at once were slower than one after the other (measured).
parallel=(-n 2)

case "$tier" in
  all)
    # Lint first: CI fails on a lint error as on a failing test (tests/test_lint.py checks it too).
    python3 -m ruff check .
    for arg in "$@"; do
      # Test files or folders named on the command line: one plain run of them.
      [ -e "${arg%%::*}" ] && exec python3 -m pytest "$@"
    done
    status=0
    python3 -m pytest "${parallel[@]}" --ignore=tests/e2e "$@" || status=$?
    python3 -m pytest tests/e2e "$@" || status=$?
    exit "$status" ;;
  app) exec python3 -m pytest "${parallel[@]}" -m "(app or pdf or cli) and not slow" --ignore=tests/e2e "$@" ;;
  slow) exec python3 -m pytest "${parallel[@]}" -m "slow" --ignore=tests/e2e "$@" ;;
  e2e) exec python3 -m pytest tests/e2e "$@" ;;
esac
