#!/usr/bin/env bash
# Runs the test suite after installing what it needs: the Python packages (setup.sh, from
# requirements-lock.txt), Debian's Chromium for the browser tests (apt-get, as root or with sudo),
# and the npm packages the tests compare against (npm ci, from package-lock.json).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser and not slow"`.
# Prerequisites are checked first; a missing one stops it with a message saying what to install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

chromium=${KV_CHROMIUM:-/usr/bin/chromium}  # Debian's; the browser tests start this one
missing=()
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  missing+=("Node.js en npm (voor npm ci): Debian/Ubuntu: sudo apt-get install nodejs npm")
fi
sudo_cmd=()
if [ ! -x "$chromium" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    missing+=("Chromium ($chromium) ontbreekt en zonder apt-get kan dit script het Debian-pakket chromium niet installeren: installeer het zelf, of draai de tests op Debian/Ubuntu")
  elif [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo)
    else
      missing+=("Chromium ($chromium) ontbreekt; apt-get install chromium vraagt root, en sudo is er niet: draai als root of installeer het pakket chromium")
    fi
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'kamervragen: de tests kunnen niet draaien, dit ontbreekt:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

source scripts/setup.sh

if [ ! -x "$chromium" ]; then
  { "${sudo_cmd[@]}" apt-get update -qq \
    && "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
    || kv_stop "apt-get install chromium is mislukt (zie hierboven): zijn Debians pakketbronnen bereikbaar?"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error \
    || kv_stop "npm ci is mislukt (zie hierboven): is de npm-registry bereikbaar?"
fi
exec .venv/bin/python -m pytest "$@"
