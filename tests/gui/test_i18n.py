"""Every UI string has its English translation, and the compiled file is current."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ansinh.gui import i18n

TS = i18n.I18N_DIR / "ansinh_en.ts"
QM = i18n.I18N_DIR / "ansinh_en.qm"


def test_every_string_is_translated() -> None:
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 200
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    for message in ET.parse(TS).getroot().iter("message"):
        source, target = message.findtext("source"), message.findtext("translation")
        for mark in ("%1", "%2", "%3", "%4"):
            assert (mark in source) == (mark in target), source


def test_the_compiled_translation_is_current() -> None:
    assert QM.stat().st_mtime >= TS.stat().st_mtime - 1


def test_language_switch_and_fallback(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    assert i18n.set_language("en")
    assert QCoreApplication.translate("MainWindow", "&Tệp") == "&File"
    assert i18n.pick("Tệp", "File") == "File"
    assert i18n.set_language("vi")
    assert QCoreApplication.translate("MainWindow", "&Tệp") == "&Tệp"
    assert i18n.set_language("xx") and i18n.current() == "vi"


def test_every_ui_string_in_the_code_is_in_the_translation_file(tmp_path: object) -> None:
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import pytest

    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent /
                                                      "pyside6-lupdate")
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = Path(str(tmp_path)) / "fresh.ts"
    sources = sorted(str(p) for p in i18n.I18N_DIR.parent.glob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {(ctx.findtext("name"), m.findtext("source"))
                for ctx in root.iter("context") for m in ctx.iter("message")}

    assert keys(fresh) - keys(TS) == set()
