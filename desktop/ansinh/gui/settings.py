"""Every setting of the desktop app, declared once with its type and default.

The values live in an INI file in the user data folder (`ANSINH_USER_DIR` moves it, which
is how tests isolate themselves). Settings that belong to one campaign (its export
choices) are stored in the campaign document instead (`ansinh.core.storage`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs
from PySide6.QtCore import QSettings

from ..core import paths, preferences

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    doc: str


LANGUAGE = Setting("ui/language", "vi", "UI language: «vi» (default) or «en».")
AUTOSAVE_SECONDS = Setting("document/autosave_seconds", 30,
                           "Seconds between recovery copies while there are unsaved changes.")
RECENT_FILES: Setting[list[str]] = Setting("document/recent_files", [],
                       "Campaign files opened lately, newest first.")
LAST_FOLDER = Setting("document/last_folder", "", "Folder of the last open/save dialog.")
EXPORT_FOLDER = Setting("export/folder", "",
                        "Default export folder; empty: «An Sinh Studio» in the user's Documents.")
PREVIEW_DELAY_MS = Setting("preview/delay_ms", 80,
                           "Pause after typing before the preview is rendered again.")
PREVIEW_GUIDES = Setting("preview/guides", True, "Show trim, bleed and safe-area guides.")
EXACT_PAGES = Setting("batch/exact", False,
                      "Lay every batch row out whole, as alone: no shared paint layers or "
                      "strips (slower; the CLI's --exact).")
TONE_STYLE = Setting(preferences.TONE_STYLE_KEY, "keep",
                     "Tone marks in typed texts before rendering: «keep» as typed (default), "
                     "«new» (hòa, thủy) or «old» (hoà, thuỷ); renders read it in "
                     "ansinh.core.preferences.")
PIPER_VOICE = Setting(preferences.PIPER_VOICE_KEY, "",
                      "A Piper voice file (.onnx, its .onnx.json beside it) for loudspeaker audio; "
                      "empty: eSpeak NG. Stored with / separators (read in core.preferences).")
CHIME = Setting(preferences.CHIME_KEY, True, "Open and close loudspeaker audio with the chime.")
WINDOW_GEOMETRY = Setting("window/geometry", "", "Main window geometry (hex).")
WINDOW_STATE = Setting("window/state", "", "Main window splitters (hex).")

ALL = (LANGUAGE, AUTOSAVE_SECONDS, RECENT_FILES, LAST_FOLDER, EXPORT_FOLDER,
       PREVIEW_DELAY_MS, PREVIEW_GUIDES, EXACT_PAGES, TONE_STYLE, PIPER_VOICE, CHIME,
       WINDOW_GEOMETRY, WINDOW_STATE)
MAX_RECENT = 8


def _coerce(raw: Any, default: Any) -> Any:
    if raw is None:
        return default
    try:
        if isinstance(default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, list):
            if isinstance(raw, str):
                return [raw] if raw else []
            return [str(item) for item in raw]
        return str(raw)
    except (TypeError, ValueError):
        return default


class Settings:
    """Typed access to the app's settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.user_dir() / "settings.ini"
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        return _coerce(self._store.value(setting.key), setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)
        self._store.sync()

    def add_recent(self, path: Path) -> None:
        text = str(path)
        recent = [p for p in self.get(RECENT_FILES) if p != text]
        self.set(RECENT_FILES, [text, *recent][:MAX_RECENT])

    def export_folder(self) -> Path:
        chosen = self.get(EXPORT_FOLDER)
        return Path(chosen) if chosen else default_export_folder()


def default_export_folder() -> Path:
    """Exports go where the user keeps documents, not into the app's install folder."""
    return Path(platformdirs.user_documents_dir()) / "An Sinh Studio"
