#!/usr/bin/env bash
# Installs the Python packages the site and the tests need into .venv/: exactly the versions in
# requirements-lock.txt, each file checked against its sha256 there, then this project itself
# (editable, no dependencies of its own choosing). Needs Python 3.11+ and access to PyPI.
# Idempotent: it installs again only when requirements-lock.txt or pyproject.toml changed.
# Sourced by site.sh, test.sh and kamervragen.sh (it leaves them in the repository root);
# the pipelines also run it alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LOCK=requirements-lock.txt

kv_stop() {  # a message (first line, then indented lines), then stop the calling script
  printf 'kamervragen: %s\n' "$1" >&2
  shift
  [ $# -eq 0 ] || printf '  %s\n' "$@" >&2
  exit 1
}

kv_python() {  # the first Python 3.11+ among $PYTHON, python3, python3.13 … python3.11
  local candidate
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  python=$(kv_python) || kv_stop \
    "Python 3.11 of nieuwer is nodig, maar ${PYTHON:-python3} ontbreekt of is ouder." \
    "Installeer het (Debian/Ubuntu: sudo apt-get install python3 python3-venv) of wijs het aan met PYTHON=/pad/naar/python3.11."
  "$python" -m venv .venv || kv_stop \
    "$python kon geen .venv/ maken. Debian/Ubuntu: sudo apt-get install python3-venv, daarna rm -rf .venv en opnieuw."
fi

# The stamp is a copy of what was installed from; any change to either file installs again.
stamp=.venv/.installed-from
if ! cat "$LOCK" pyproject.toml | cmp -s - "$stamp"; then
  rm -f "$stamp"
  .venv/bin/python -m pip install --quiet --require-hashes -r "$LOCK" \
    || kv_stop "Installeren uit $LOCK is mislukt (zie pip hierboven): is PyPI bereikbaar?"
  .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e . \
    || kv_stop "Installeren van het project zelf (pip install -e .) is mislukt (zie pip hierboven)."
  # Every dependency in pyproject.toml must be installed now; if not, the lock is out of date.
  problems=$(.venv/bin/python -m pip check) \
    || kv_stop "$LOCK past niet meer bij pyproject.toml:" "$problems" "Werk het bij met: bash scripts/lock.sh"
  cat "$LOCK" pyproject.toml >"$stamp"
fi
export NO_MKDOCS_2_WARNING=1
