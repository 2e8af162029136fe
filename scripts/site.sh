#!/usr/bin/env bash
# Builds the public site from notes/ into site/ (`scripts/site.sh`), or serves it with
# live reload on http://127.0.0.1:8000 (`scripts/site.sh serve`). Extra arguments go to mkdocs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cmd=${1:-build}
shift || true
case "$cmd" in
  build) exec .venv/bin/mkdocs build --strict "$@" ;;
  serve) exec .venv/bin/mkdocs serve "$@" ;;
  *) echo "Gebruik: scripts/site.sh [build|serve] [mkdocs-opties]" >&2; exit 2 ;;
esac
