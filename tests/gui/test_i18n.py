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


def _texts(dialog: object) -> set[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    widgets = dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)  # type: ignore
    return {w.text().replace("&", "") for w in widgets if w.text()}


def test_qts_own_dialogs_speak_vietnamese(qtbot: object) -> None:
    """The file dialog (Qt's, where the platform has none) and the colour picker."""
    from PySide6.QtWidgets import QColorDialog, QFileDialog

    assert i18n.set_language("vi")
    files = QFileDialog(None, "Chọn bảng tính")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    qtbot.addWidget(files)  # type: ignore[attr-defined]
    texts = _texts(files)
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:", "Mở", "Hủy"} <= texts, texts
    assert not texts & {"Look in:", "File name:", "Open", "Cancel"}
    colors = QColorDialog()
    colors.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    qtbot.addWidget(colors)  # type: ignore[attr-defined]
    texts = _texts(colors)
    assert {"Màu cơ bản", "Lấy màu trên màn hình", "Đồng ý", "Hủy"} <= texts, texts
    assert not texts & {"Basic colors", "Pick Screen Color", "Cancel"}

    assert i18n.set_language("en")  # English: Qt's own words again
    english = QColorDialog()
    english.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    qtbot.addWidget(english)  # type: ignore[attr-defined]
    assert "Basic colors" in _texts(english)
    i18n.set_language("vi")


def test_the_qt_translation_is_compiled_and_current() -> None:
    ts, qm = i18n.I18N_DIR / "qtbase_vi.ts", i18n.I18N_DIR / "qtbase_vi.qm"
    assert qm.stat().st_mtime >= ts.stat().st_mtime - 1
    for message in ET.parse(ts).getroot().iter("message"):
        source, target = message.findtext("source"), message.findtext("translation")
        assert target and target.count("&") == source.count("&"), source
        for mark in ("%1", "%2"):
            assert (mark in source) == (mark in target), source
