"""Where the shipped files and the user's own files live.

Shipped `templates/` and `assets/` sit at the repository root beside `desktop/` (an
editable install) or in the packaged app's own folder (`sys._MEIPASS`, where PyInstaller
puts data: packaging/ansinh.spec); `ANSINH_HOME` points elsewhere for a relocated
install. The user's own templates and segments live in the platform's user-data folder
and are looked up first; `ANSINH_USER_DIR` overrides it (tests isolate themselves with
it), and then holds the cache too. Exports go beside the sources, or for the packaged
app in the user's Documents folder (its own folder may be read-only, and an uninstall
removes it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "AnSinhStudio"
# Resolved once: a batch asks for shipped files on every row.
_SOURCE_ROOT = Path(getattr(sys, "_MEIPASS", None) or Path(__file__).resolve().parents[3])


def app_root() -> Path:
    override = os.environ.get("ANSINH_HOME")
    if override:
        return Path(override).resolve()
    return _SOURCE_ROOT


def assets_dir() -> Path:
    return app_root() / "assets"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def data_dir() -> Path:
    return assets_dir() / "data"


def shipped_templates_dir() -> Path:
    return app_root() / "templates"


def default_exports_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(platformdirs.user_documents_dir()) / APP_NAME
    return app_root() / "exports"


def user_dir() -> Path:
    override = os.environ.get("ANSINH_USER_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_templates_dir() -> Path:
    return user_dir() / "templates"


def cache_dir() -> Path:
    """What the app can make again (cleaned images, render processes' temporary files)."""
    if os.environ.get("ANSINH_USER_DIR"):
        return user_dir() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
