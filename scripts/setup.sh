#!/usr/bin/env bash
# Installs what An Sinh Studio needs on a Debian machine: the system libraries
# WeasyPrint uses (Pango, and HarfBuzz's subsetter, which makes writing a PDF ~15x
# faster than the pure-Python fallback), a virtual environment in .venv, the package
# itself (editable) with the tested versions of its dependencies (constraints.txt), and
# the libraries Qt's X11 platform plugin loads, so the window opens wherever a display
# exists, and eSpeak NG, the voice of the loudspeaker audio. `scripts/setup.sh test`
# adds the test tools and a virtual display (Xvfb) with a key sender (xdotool) for the
# test that starts the real window.
set -euo pipefail
cd "$(dirname "$0")/.."

install_packages() {
  (($#)) || return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Cần cài thêm / please install: $*" >&2
  fi
}

missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
have_lib libharfbuzz-subset.so.0 || missing+=(libharfbuzz-subset0)
# The default voice of the loudspeaker audio (core/audio.py): eSpeak NG's Vietnamese.
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
if [ "${1:-}" = "test" ]; then
  command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
  command -v xdotool >/dev/null || missing+=(xdotool)
fi
install_packages "${missing[@]}"

[ -x .venv/bin/python ] || python3 -m venv .venv
extras=""
[ "${1:-}" = "test" ] && extras="[test]"
.venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -e ".${extras}"

# What Qt's xcb plugin cannot load here, as Debian packages: ldd on the plugin itself,
# mapped by the table scripts/qt-system-libs.sh derived (desktop/ansinh/gui/syslibs.py).
read -r -a qt_missing <<< "$(.venv/bin/python -m ansinh.gui.syslibs --packages)"
install_packages "${qt_missing[@]}"
