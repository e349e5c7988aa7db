"""Settings › Văn bản và đọc: the tone-mark style and the office's abbreviations (issue 11.6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ansinh.core import abbreviations, paths, preferences
from ansinh.core.campaign import Piece
from ansinh.core.render.piece import prepare
from ansinh.core.templates.registry import TemplateRegistry
from ansinh.core.vntext import read_aloud
from ansinh.gui import settings as S
from ansinh.gui.settings_dialog import SettingsDialog


def _dialog(qtbot: Any) -> SettingsDialog:
    dialog = SettingsDialog(S.Settings())
    qtbot.addWidget(dialog)
    return dialog


def _row(dialog: SettingsDialog, key: str) -> int:
    table = dialog.abbreviations.table
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == key)


def test_entries_listed_with_their_reading_and_edits_saved(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    table = dialog.abbreviations.table
    row = _row(dialog, "HSSV")
    assert table.item(row, 1).text() == "học sinh, sinh viên"
    assert not table.cellWidget(row, 2).isEnabled()  # a shipped entry keeps its use
    table.item(_row(dialog, "BHXH"), 1).setText("bảo hiểm xã hội Việt Nam")
    dialog.abbreviations.add_entry()
    new = table.rowCount() - 1
    table.item(new, 0).setText("ĐTN")
    table.item(new, 1).setText("Đoàn thanh niên")
    dialog.accept()
    saved = abbreviations.read(abbreviations.user_path())
    assert saved.words == {"BHXH": "bảo hiểm xã hội Việt Nam", "ĐTN": "Đoàn thanh niên"}
    assert read_aloud("ĐTN và BHXH") == "Đoàn thanh niên và bảo hiểm xã hội Việt Nam"

    again = _dialog(qtbot)  # removing: the office's row goes, a shipped one reads as shipped
    again.abbreviations.table.selectRow(_row(again, "ĐTN"))
    again.abbreviations.remove_selected()
    again.abbreviations.table.selectRow(_row(again, "BHXH"))
    again.abbreviations.remove_selected()
    again.accept()
    assert abbreviations.read(abbreviations.user_path()) == abbreviations.Abbreviations()


def test_a_bad_entry_keeps_the_dialog_open_and_the_file(qtbot: Any, recorder: Any) -> None:
    abbreviations.save(abbreviations.Abbreviations(words={"ĐTN": "Đoàn thanh niên"}))
    before = abbreviations.user_path().read_bytes()
    dialog = _dialog(qtbot)
    dialog.abbreviations.add_entry()
    table = dialog.abbreviations.table
    table.item(table.rowCount() - 1, 0).setText(" X ")
    table.item(table.rowCount() - 1, 1).setText("ích")
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and "«words. X »" in recorder.errors[-1].vi
    assert abbreviations.user_path().read_bytes() == before


def test_a_broken_user_file_is_shown_not_overwritten(qtbot: Any) -> None:
    path = abbreviations.user_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[words\n", encoding="utf-8")
    dialog = _dialog(qtbot)
    assert "sai cú pháp" in dialog.abbreviations.note.text()
    assert not dialog.abbreviations.table.isEnabled()
    dialog.accept()
    assert path.read_text(encoding="utf-8") == "[words\n"


def test_tone_style_setting_reaches_the_render(qtbot: Any, sample_campaign: Any) -> None:
    def typed(text: str) -> str:
        piece = Piece("sms-bhxh", "toan-dan", None, {"message": text})
        return prepare(piece, sample_campaign, TemplateRegistry()).resolved.values["message"]

    assert typed("Tuỳ hoà") == "Tuỳ hoà"  # default: kept as typed
    dialog = _dialog(qtbot)
    dialog.tone_style.setCurrentIndex(dialog.tone_style.findData("new"))
    dialog.accept()
    assert S.Settings().get(S.TONE_STYLE) == "new" == preferences.tone_style()
    assert Path(paths.user_dir() / preferences.SETTINGS_FILE).is_file()
    assert typed("Tuỳ hoà") == "Tùy hòa"
    dialog = _dialog(qtbot)
    dialog.tone_style.setCurrentIndex(dialog.tone_style.findData("old"))
    dialog.accept()
    assert typed("Tùy hòa") == "Tuỳ hoà"
