"""The free area in the window: the form offers «Chữ thêm» and «Ảnh thêm» only for a
template that leaves room for them; filling and clearing them is undoable; a click on
the free text in the preview selects its field."""

from __future__ import annotations

from typing import Any

from guihelpers import PREVIEW_TIMEOUT_MS
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from ansinh.core.templates.manifest import FREE_IMAGE, FREE_TEXT

FREE = {FREE_TEXT, FREE_IMAGE}


def open_piece(window: Any, qtbot: Any, template: str) -> int:
    index = next(i for i, p in enumerate(window.model.pieces) if p.template == template)
    if window.current_index() != index:
        with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
            window.pieces_panel.select(index)
    return index


def test_the_form_offers_the_free_fields_only_where_the_template_has_room(
    sample_window: Any, qtbot: Any
) -> None:
    window = sample_window
    open_piece(window, qtbot, "poster-bhxh")
    rows = window.form.rows
    assert set(rows) >= FREE
    assert rows[FREE_TEXT].label.text() == "Chữ thêm"
    assert rows[FREE_IMAGE].label.text() == "Ảnh thêm"
    assert all(rows[f].isVisibleTo(window) for f in FREE)
    open_piece(window, qtbot, "banner-bhxh")
    assert not FREE & set(window.form.rows)


def test_filling_and_clearing_the_free_fields_is_undoable(
    sample_window: Any, qtbot: Any, tmp_path: Any
) -> None:
    window = sample_window
    index = open_piece(window, qtbot, "poster-bhxh")
    editor = window.form.rows[FREE_TEXT].editor
    editor.edit.setPlainText("Họp dân 19 giờ thứ Bảy.")
    assert window.model.piece(index).values[FREE_TEXT] == "Họp dân 19 giờ thứ Bảy."
    picture = tmp_path / "anh.png"
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(picture))
    pictures = window.form.rows[FREE_IMAGE].editor
    pictures._chosen(str(picture))  # what the file dialog or a drop does
    assert window.model.piece(index).values[FREE_IMAGE] == str(picture)
    stack = window.model.undo_stack
    stack.undo()
    assert FREE_IMAGE not in window.model.piece(index).values
    assert pictures.name.text() == "Chưa có ảnh"  # the form follows the model
    stack.redo()
    assert pictures.name.text() == "anh.png"
    pictures.clear.click()  # «Bỏ ảnh»
    assert window.model.piece(index).values[FREE_IMAGE] == ""
    stack.undo()
    stack.undo()
    assert not FREE & set(window.model.piece(index).values)
    assert editor.value() == ""


def test_clicking_the_free_text_on_the_preview_selects_it(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    index = open_piece(window, qtbot, "poster-bhxh")
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.set_field(index, FREE_TEXT, "Họp dân 19 giờ thứ Bảy.")
    panel = window.preview_panel
    assert FREE_TEXT in panel.slot_editor.movable
    rect = panel.slot_editor.slot_rect(FREE_TEXT)
    assert rect is not None, panel.data.slots
    focused = []
    window.form.fieldFocused.connect(focused.append)
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert focused == [FREE_TEXT]
