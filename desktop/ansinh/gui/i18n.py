"""The UI language: Vietnamese (the source language of every UI string) or English.

UI strings are written in Vietnamese in the code (`self.tr("…")`) and translated with
Qt Linguist: `i18n/ansinh_en.ts` is the source of the English translation and
`i18n/ansinh_en.qm` its compiled form (`pyside6-lupdate` / `pyside6-lrelease`, see
`i18n/README.md`). Texts that come from the core (errors, checks, field labels) carry both
languages already; `pick` chooses between them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
SOURCE_LANGUAGE = "vi"

_state: dict[str, object] = {"lang": SOURCE_LANGUAGE, "translator": None}


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
    old = _state["translator"]
    translator = None
    if lang != SOURCE_LANGUAGE:
        translator = QTranslator()
        if not translator.load(str(I18N_DIR / f"ansinh_{lang}.qm")):
            return False
    if app is not None:
        if old is not None:
            app.removeTranslator(old)  # type: ignore[arg-type]
        if translator is not None:
            app.installTranslator(translator)
    _state["translator"] = translator
    _state["lang"] = lang
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en"
                               else QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return True

