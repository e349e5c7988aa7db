#!/usr/bin/env bash
# On demand, not in CI: installs the newest release of every dependency — past the
# upper bounds in pyproject.toml and ignoring constraints.txt — into a scratch venv and
# runs the suite there, to see what an upgrade of WeasyPrint, pydyf, pypdfium2 or
# PySide6 breaks before raising a bound. Prints the versions that differ from
# constraints.txt first. Arguments go to pytest (e.g. `-x -k render`).
#   scripts/try-newest.sh [PYTEST ARGS…]      (KEEP=1 keeps the venv and prints where)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
py="$scratch/venv/bin/python"
# Every requirement's name without its version bounds, then the package without deps.
mapfile -t names < <(python3 - <<'PY'
import re, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(re.match(r"[A-Za-z0-9_.\-]+(\[[^\]]*\])?", spec).group(0))
PY
)
"$py" -m pip install -q --disable-pip-version-check --upgrade "${names[@]}"
"$py" -m pip install -q --disable-pip-version-check --no-deps -e .
echo "Newer than constraints.txt:"
{ diff <(grep -v '^#' constraints.txt | tr 'A-Z_' 'a-z-' | sort) \
       <("$py" -m pip freeze --exclude ansinh-studio | tr 'A-Z_' 'a-z-' | sort) || true; } |
  grep '^[<>]' || echo "  (nothing)"
[ -z "${KEEP:-}" ] || echo "venv kept: $scratch/venv"
"$py" -m pytest -p no:cacheprovider "$@"
