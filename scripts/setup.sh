#!/usr/bin/env bash
# Installs everything the site and the tests need, on a fresh machine with Python 3.11+.
# Idempotent: a second run only checks. Sourced by site.sh and test.sh, not run alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
export NO_MKDOCS_2_WARNING=1
