#!/usr/bin/env bash
# Writes requirements-lock.txt: every Python package that scripts/setup.sh installs, at one exact
# version with the sha256 of each of its files, for Python 3.11 on Linux x86_64 (the CI
# machines; the lowest Python that pyproject.toml allows, so the lock installs on every newer one).
# It covers pyproject.toml's dependencies, its `test` extra and its `build` group (setuptools,
# to install this project without fetching an unchecked build backend).
#
#   bash scripts/lock.sh                            # after editing pyproject.toml: keeps the other pins
#   bash scripts/lock.sh --upgrade                  # newest versions that pyproject.toml allows
#   bash scripts/lock.sh --upgrade-package pyyaml   # one package newer (repeatable)
#
# Extra arguments go to `uv pip compile`. uv itself is installed into .cache/lock-tools/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UV_VERSION=0.13.9
tools=.cache/lock-tools
if [ "$("$tools/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "${PYTHON:-python3}" -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet "uv==$UV_VERSION"
fi
exec "$tools/bin/uv" pip compile pyproject.toml --extra test --group build \
  --generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
  --custom-compile-command "bash scripts/lock.sh" --output-file requirements-lock.txt --quiet "$@"
