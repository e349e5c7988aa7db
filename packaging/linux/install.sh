#!/bin/sh
# Adds An Sinh Studio to this user's application menu, with its icon and the .ansinh
# file type, pointing at this folder (no administrator rights needed). Run it again after
# moving the folder. `./install.sh --remove` takes the entries out again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
  done_line="An Sinh Studio: đã gỡ khỏi menu / removed from the menu"
  rm -f "$data/applications/ansinh.desktop" "$data/mime/packages/ansinh-mime.xml"
  find "$data/icons/hicolor" -name ansinh.png -delete 2>/dev/null || true
else
  done_line="An Sinh Studio: $data/applications/ansinh.desktop"
  mkdir -p "$data/applications" "$data/mime/packages" "$data/icons"
  sed -e "s|^Exec=ansinh|Exec=\"$here/ansinh\"|" -e "s|^TryExec=ansinh|TryExec=$here/ansinh|" \
    "$here/ansinh.desktop" > "$data/applications/ansinh.desktop"
  cp "$here/ansinh-mime.xml" "$data/mime/packages/"
  cp -R "$here/share/icons/hicolor" "$data/icons/"
fi
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "$done_line"
