"""The app settings that change what a render prints, read where renders run.

The window keeps its settings in `settings.ini` in the user folder (QSettings' INI format,
declared in `ansinh.gui.settings`). Render processes and the CLI have no Qt and follow the
same choices, so they read those keys here (cached per file version). A missing, unreadable
or odd value means the default.
"""

from __future__ import annotations

import configparser
import contextlib
import functools
from pathlib import Path

from . import paths
from .errors import UserError
from .safedata import file_version, read_file
from .vntext import TONE_STYLES

SETTINGS_FILE = "settings.ini"
TONE_STYLE_KEY = "text/tone_style"  # "keep" (default), "new" or "old": see vntext.tone_style
PIPER_VOICE_KEY = "audio/piper_voice"  # a Piper .onnx voice file; empty: eSpeak NG
CHIME_KEY = "audio/chime"  # "true" (default) or "false"


@functools.lru_cache(maxsize=4)
def _read(path: Path, _: object) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    with contextlib.suppress(UserError, configparser.Error):  # what was read still counts
        parser.read_string(read_file(path, "Tệp cài đặt", max_bytes=1024 * 1024)
                           .decode("utf-8", "replace"))
    return parser


def _value(key: str, default: str) -> str:
    path = paths.user_dir() / SETTINGS_FILE
    version = file_version(path)
    if version is None:
        return default
    section, _, name = key.partition("/")
    return _read(path, version).get(section, name, fallback=default).strip()


def tone_style() -> str:
    """Where the office wants tone marks in the texts it types ("keep": as typed)."""
    style = _value(TONE_STYLE_KEY, "keep")
    return style if style in TONE_STYLES else "keep"


def piper_voice() -> Path | None:
    """The Piper voice file (.onnx) the office chose for loudspeaker audio; None: eSpeak NG."""
    chosen = _value(PIPER_VOICE_KEY, "").strip('"')  # QSettings quotes some paths
    return Path(chosen).expanduser() if chosen else None


def chime() -> bool:
    """Whether loudspeaker audio opens and closes with the chime (yes unless turned off)."""
    return _value(CHIME_KEY, "true").lower() not in ("false", "0", "no", "off")
