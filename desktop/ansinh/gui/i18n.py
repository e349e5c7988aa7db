"""The UI language: Vietnamese (the source language of every UI string) or English.

UI strings are written in Vietnamese in the code (`self.tr("…")`) and translated with
Qt Linguist: `i18n/ansinh_en.ts` is the source of the English translation and
`i18n/ansinh_en.qm` its compiled form (`pyside6-lupdate` / `pyside6-lrelease`, see
`i18n/README.md`). Texts that come from the core (errors, checks, field labels) carry both
languages already; `pick` chooses between them.

Qt's own widgets speak English: PySide6 ships no Vietnamese translation of Qt. File dialogs
are the platform's own where it has them (Windows, macOS, a Linux desktop's portal: they
follow the system language); Qt's fallback file dialog, the colour picker, standard buttons
and text-field context menus use `i18n/qtbase_vi.ts` (the Qt strings, from qtbase's
contexts, translated here), installed while the UI is in Vietnamese.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
SOURCE_LANGUAGE = "vi"

_state: dict[str, object] = {"lang": SOURCE_LANGUAGE, "translator": None, "qt": None}


def _load(name: str) -> QTranslator | None:
    translator = QTranslator()
    return translator if translator.load(str(I18N_DIR / f"{name}.qm")) else None


def current() -> str:
    return str(_state["lang"])


def pick(vi: str, en: str) -> str:
    """The text in the current UI language (English falls back to Vietnamese)."""
    return (en or vi) if current() == "en" else vi


def set_language(lang: str) -> bool:
    """Switch the UI language; every widget gets a LanguageChange event.

    Returns False (and stays in Vietnamese) if the translation file is missing.
    """
    app = QCoreApplication.instance()
    lang = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    translator = None
    if lang != SOURCE_LANGUAGE:
        translator = _load(f"ansinh_{lang}")
        if translator is None:
            return False
    # Qt's strings are English to begin with: only Vietnamese needs them translated.
    qt = _load(f"qtbase_{lang}") if lang == "vi" else None
    if app is not None:
        for old in (_state["translator"], _state["qt"]):
            if old is not None:
                app.removeTranslator(old)  # type: ignore[arg-type]
        for new in (translator, qt):
            if new is not None:
                app.installTranslator(new)
    _state["translator"], _state["qt"] = translator, qt
    _state["lang"] = lang
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en"
                               else QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return True

