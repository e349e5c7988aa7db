"""The batch dialog and old place names: per-row warnings with the new name, a count in the
summary, "apply all suggestions" that changes this run's rows (and their file names) but
never the sheet, undo, and the English UI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from guihelpers import PREVIEW_TIMEOUT_MS
from PySide6.QtCore import Qt
from test_batch_dialog import open_dialog, run, status_texts, write_sheet

from ansinh.gui import i18n, theme
from ansinh.gui.batch_dialog import BatchDialog

EA_KAO, KRONG_PAC = "Thôn 1 – xã Ea Kao", "Buôn Ea Sah – huyện Krông Pắc"


def old_places_sheet(folder: Path) -> Path:
    return write_sheet(folder / "thon.csv", [
        [1, EA_KAO, "nong-dan"],
        [2, KRONG_PAC, "nong-dan"],
        [3, "Thôn 3 – phường Tân Lập", "nong-dan"],
    ])


def cell(dialog: BatchDialog, row: int, column: int, role: Any = Qt.ItemDataRole.DisplayRole
         ) -> Any:
    return dialog.rows_model.index(row, column).data(role)


def tooltip(dialog: BatchDialog, row: int) -> str:
    """The check column's tooltip as one line (it is wrapped for the screen)."""
    return " ".join(cell(dialog, row, 0, Qt.ItemDataRole.ToolTipRole).split())


def test_old_places_are_marked_per_row_applied_undone_and_used_for_the_files(
        sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    sheet = old_places_sheet(tmp_path)
    sheet_bytes = sheet.read_bytes()
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", sheet)

    # Each note on its own row (Excel rows 3 and 4), as a warning with the full message.
    assert status_texts(dialog) == {"3": "⚠ xã Ea Kao → phường Ea Kao",
                                    "4": "⚠ huyện Krông Pắc: địa danh cũ",
                                    "5": "✓ Hợp lệ"}
    assert "Đề xuất: «phường Ea Kao»" in tooltip(dialog, 0)
    assert "là đơn vị cấp huyện" in tooltip(dialog, 1)
    for row in (0, 1):
        colour = cell(dialog, row, 0, Qt.ItemDataRole.ForegroundRole).color().name()
        assert colour.lower() == theme.WARNING.lower()
    assert dialog.summary.text() == "3 dòng · 3 hợp lệ"
    assert dialog.places_bar.isVisibleTo(dialog)
    assert dialog.places_note.text() == "⚠ 2 địa danh cũ — 1 có tên mới"
    dialog.only_problems.setChecked(True)  # the rows to look at
    assert set(status_texts(dialog)) == {"3", "4"}
    dialog.only_problems.setChecked(False)
    dialog.stop_bad.setChecked(True)  # warnings never block a run, even then
    assert dialog.run_button.isEnabled()
    assert dialog.places_button.text() == "Áp dụng mọi gợi ý địa danh"
    assert dialog.places_button.isEnabled()

    # Apply: the one unambiguous name is written into the row (and its file name).
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        qtbot.mouseClick(dialog.places_button, Qt.MouseButton.LeftButton)
    assert status_texts(dialog)["3"] == "✓ Đã thay: xã Ea Kao → phường Ea Kao"
    assert status_texts(dialog)["4"] == "⚠ huyện Krông Pắc: địa danh cũ"
    assert cell(dialog, 0, 2) == "Thôn 1 – phường Ea Kao"
    assert cell(dialog, 0, 2, Qt.ItemDataRole.ToolTipRole) == f"Trong bảng tính: {EA_KAO}"
    assert cell(dialog, 1, 2) == KRONG_PAC
    assert dialog.plan.rows[0].name == "Thôn 1 – phường Ea Kao"
    assert dialog.places_note.text() == "⚠ 1 địa danh cũ · đã thay 1 địa danh"
    assert dialog.places_button.text() == "Hoàn tác thay địa danh"
    assert sheet.read_bytes() == sheet_bytes

    # Ctrl+Z takes it back at once; the button applies it again.
    qtbot.keyClick(dialog.rows, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_texts(dialog)["3"] == "⚠ xã Ea Kao → phường Ea Kao"
    assert cell(dialog, 0, 2) == EA_KAO and dialog.plan.rows[0].name == EA_KAO
    assert dialog.places_button.text() == "Áp dụng mọi gợi ý địa danh"
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.places_button.click()

    # Rows checked again (another segment choice) keep the new names.
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.one_segment.setChecked(True)
    assert cell(dialog, 0, 2) == "Thôn 1 – phường Ea Kao"
    assert dialog.places_button.text() == "Hoàn tác thay địa danh"

    # The run uses the new name for the piece and its files; the sheet is untouched.
    outcome = run(dialog, qtbot)
    assert outcome.error is None and outcome.rows_ok == 3, outcome.error
    manifest = json.loads((outcome.folder / "manifest.json").read_text(encoding="utf-8"))
    files = {f["row"]: f["file"] for f in manifest["files"] if f["format"] == "pdf"}
    assert "phường-Ea-Kao" in files[3] and "xã" not in files[3]
    assert "huyện-Krông-Pắc" in files[4]  # no single new name: kept as the sheet has it
    document = pdfium.PdfDocument(outcome.folder / files[3])
    try:
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    assert "phường Ea Kao" in text and "xã Ea Kao" not in text
    assert sheet.read_bytes() == sheet_bytes


def test_a_sheet_without_suggestions_has_no_apply_button_to_press(
        sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "thon.csv", [[1, KRONG_PAC, "nong-dan"],
                                                [2, "Thôn A", "nong-dan"]])
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", sheet)
    assert dialog.places_note.text() == "⚠ 1 địa danh cũ"
    assert not dialog.places_button.isEnabled()
    qtbot.keyClick(dialog.rows, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_texts(dialog)["3"] == "⚠ huyện Krông Pắc: địa danh cũ"


def test_place_notes_speak_english(sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", old_places_sheet(tmp_path))
    i18n.set_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Batch from a spreadsheet", timeout=3000)
    assert dialog.places_note.text() == "⚠ 2 old place name(s) — 1 with a new name"
    assert dialog.places_button.text() == "Apply all place suggestions"
    assert status_texts(dialog)["4"] == "⚠ huyện Krông Pắc: old place name"
    assert "Suggested: “phường Ea Kao”" in tooltip(dialog, 0)
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.places_button.click()
    assert status_texts(dialog)["3"] == "✓ Replaced: xã Ea Kao → phường Ea Kao"
    assert dialog.places_note.text() == "⚠ 1 old place name(s) · 1 place name(s) replaced"
    assert dialog.places_button.text() == "Undo place changes"
    assert cell(dialog, 0, 2, Qt.ItemDataRole.ToolTipRole) == f"In the sheet: {EA_KAO}"
