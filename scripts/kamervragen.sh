#!/usr/bin/env bash
# The staff command line, `kamervragen`, from a checkout: installs first when needed (setup.sh),
# then runs it in the folder it was started from, so relative paths mean what they say.
#   bash scripts/kamervragen.sh check
#   bash scripts/kamervragen.sh nieuw 2026Z01234 --titel "…" --thema weerbaar-bestuur
set -euo pipefail
here=$PWD
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
repo=$PWD
cd "$here"
exec "$repo/.venv/bin/kamervragen" "$@"
