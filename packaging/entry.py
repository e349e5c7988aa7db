"""The packaged app's entry point: `ansinh` (the window) and `ansinh-cli` are one frozen
program, told apart by the executable's name (packaging/ansinh.spec builds both from
this script).

Before anything heavy is imported it
- lets multiprocessing divert its own children: the fork server, the resource tracker
  and `spawn` workers re-run this executable, and PyInstaller's `freeze_support` turns
  those runs into the child instead of a second window;
- checks the bundle against the list of files the build wrote (`bundle-manifest.txt`):
  a damaged copy (a file deleted, an unpacking cut short) says which files are missing
  instead of failing later inside Qt or Pango;
- points fontconfig at the bundled configuration where the system has none (Windows
  always: fontconfig looks beside its DLL's parent folder, which the bundle does not
  have).

LD_LIBRARY_PATH, which PyInstaller's bootloader sets to the bundle's folder, is left as
it is: the fork server inherits it, and without it the render workers load the system's
Pango instead of the bundle's (seen in /proc/PID/maps; tests/test_bundle.py checks it).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

MANIFEST = "bundle-manifest.txt"
SHOWN_MISSING = 5


def missing_files(root: Path) -> list[str]:
    manifest = root / MANIFEST
    if not manifest.is_file():
        return [MANIFEST]
    names = manifest.read_text(encoding="utf-8").splitlines()
    return [name for name in names if name and not (root / name).exists()]


def damage_message(root: Path, missing: list[str]) -> str:
    shown = ", ".join(missing[:SHOWN_MISSING]) + (", …" if len(missing) > SHOWN_MISSING else "")
    return (
        f"An Sinh Studio bị hỏng: thiếu {len(missing)} tệp trong {root}: {shown}. "
        "Hãy cài đặt lại (hoặc giải nén lại gói tải về).\n"
        f"An Sinh Studio is damaged: {len(missing)} file(s) missing from {root}: {shown}. "
        "Reinstall it (or unpack the download again)."
    )


def report_damage(text: str, window: bool) -> None:
    print(text, file=sys.stderr)
    display = os.name == "nt" or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not (window and display):  # without a display Qt would abort, not show a box
        return
    try:  # Qt itself may be what is missing: the terminal line above stays the fallback
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "An Sinh Studio", text)
        app.quit()
    except Exception:  # noqa: BLE001, S110 - any failure here leaves the printed line
        pass


def use_bundled_fontconfig(root: Path) -> None:
    bundled = root / "etc" / "fonts" / "fonts.conf"
    system_has_one = os.name != "nt" and Path("/etc/fonts/fonts.conf").is_file()
    if bundled.is_file() and not system_has_one:
        os.environ.setdefault("FONTCONFIG_FILE", str(bundled))


def main() -> int:
    multiprocessing.freeze_support()
    root = Path(getattr(sys, "_MEIPASS", Path(__file__).parent))
    window = Path(sys.executable).stem.lower() != "ansinh-cli"
    missing = missing_files(root)
    if missing:
        report_damage(damage_message(root, missing), window)
        return 3
    use_bundled_fontconfig(root)
    if window:
        from ansinh.gui.app import main as run
    else:
        from ansinh.cli.main import main as run
    return run()


if __name__ == "__main__":
    sys.exit(main())
