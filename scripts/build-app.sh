#!/usr/bin/env bash
# Builds the packaged app (Linux x86-64): dist/AnSinhStudio/ with `ansinh` (the window)
# and `ansinh-cli`, Python, Qt, WeasyPrint with its Pango/HarfBuzz/fontconfig libraries
# (taken from this system: run scripts/setup.sh first), the fonts, templates and assets;
# then dist/AnSinhStudio-<version>-linux-x86_64.tar.gz. packaging/linux/ holds the desktop
# entry and install.sh, which the archive carries. A constraints file (pinned versions),
# when the project has one, is used for the build tools too: ANSINH_CONSTRAINTS or
# ./constraints.txt. Takes a few minutes; tests/test_bundle.py tests the result.
set -euo pipefail
cd "$(dirname "$0")/.."

py=.venv/bin/python
[ -x "$py" ] || { echo "Chạy scripts/setup.sh trước / run scripts/setup.sh first" >&2; exit 2; }
constraints="${ANSINH_CONSTRAINTS:-constraints.txt}"
pin=()
[ -f "$constraints" ] && pin=(-c "$constraints")
"$py" -m pip install -q --disable-pip-version-check "${pin[@]}" -e ".[build]"

version=$("$py" -c 'import importlib.metadata as m; print(m.version("ansinh-studio"))')
app=dist/AnSinhStudio
rm -rf "$app" build/pyinstaller
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/ansinh.spec

# Desktop integration, installed per user by install.sh (icon, menu entry, .ansinh type).
QT_QPA_PLATFORM=offscreen "$py" packaging/icons.py "$app/share/icons"
cp packaging/linux/ansinh.desktop packaging/linux/ansinh-mime.xml packaging/linux/install.sh "$app/"
cp LICENSE* "$app/" 2>/dev/null || true

archive="dist/AnSinhStudio-$version-linux-x86_64.tar.gz"
tar -C dist -czf "$archive" AnSinhStudio
echo "$app: $(du -sm "$app" | cut -f1) MB; $archive: $(du -sm "$archive" | cut -f1) MB"
