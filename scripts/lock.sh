#!/usr/bin/env bash
# Regenerates constraints.txt: the exact version of every package `.[test]` installs,
# resolved in a scratch venv with the current constraints.txt (so tested versions stay
# as they are and only new or changed dependencies are resolved afresh, within
# pyproject.toml's bounds). Run it after changing dependencies in pyproject.toml, then
# `scripts/setup.sh test` and the suite, and commit both files.
#   scripts/lock.sh            keep the pinned versions, add what is new
#   scripts/lock.sh --fresh    resolve everything anew within the bounds
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
pins=(-c constraints.txt)
{ [ "${1:-}" = "--fresh" ] || [ ! -f constraints.txt ]; } && pins=()
"$scratch/venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}" ".[test]"
{
  echo "# Exact versions of everything \`.[test]\` installs: the tested set. scripts/setup.sh"
  echo "# installs with \`pip install -c constraints.txt\`. Made by scripts/lock.sh; do not edit."
  "$scratch/venv/bin/python" -m pip freeze --disable-pip-version-check --exclude ansinh-studio
} > constraints.txt.new
mv constraints.txt.new constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages"
