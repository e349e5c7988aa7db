"""Where the shipped files and the user's own files live.

Shipped `templates/` and `assets/` sit at the repository root beside `desktop/`
(the app runs from an editable install or a frozen copy of that tree);
`ANSINH_HOME` points elsewhere for a relocated install. The user's own templates
and segments live in the platform's user-data folder and are looked up first;
`ANSINH_USER_DIR` overrides it (tests isolate themselves with it), and then holds the
cache too.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "AnSinhStudio"
# Resolved once: a batch asks for shipped files on every row.
_SOURCE_ROOT = Path(__file__).resolve().parents[3]


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
