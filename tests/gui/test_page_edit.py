"""Editing on the page: a click on the preview selects the field under it; a movable
slot dragged on the preview is stored with the piece (undoable) and re-rendered there;
a photo is panned and zoomed inside its frame."""

from __future__ import annotations

from typing import Any

import pytest
from guihelpers import PREVIEW_TIMEOUT_MS
from PySide6.QtCore import QPoint, Qt

from ansinh.core.campaign import Adjust


def centre(window: Any, field_id: str) -> QPoint:
    rect = window.preview_panel.slot_editor.slot_rect(field_id)
    assert rect is not None, window.preview_panel.data.slots
    return rect.center().toPoint()


def test_clicking_the_title_on_the_preview_selects_the_title_field(
    sample_window: Any, qtbot: Any
) -> None:
    window = sample_window
    canvas = window.preview_panel.canvas
    focused = []
    window.form.fieldFocused.connect(focused.append)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=centre(window, "subtitle"))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=centre(window, "title"))
    assert focused == ["subtitle", "title"]


def test_dragging_the_title_moves_it_in_the_piece_and_undo_puts_it_back(
    sample_window: Any, qtbot: Any
) -> None:
    window = sample_window
    canvas, panel = window.preview_panel.canvas, window.preview_panel
    index = window.current_index()
    before = dict(panel.data.slots)
    start = centre(window, "title")
    width_px = canvas.width() * (panel.data.trim[2] - panel.data.trim[0]) / (
        panel.data.media[2] - panel.data.media[0]
    )
    right = round(width_px * 0.04)  # 4 % of the sheet's width
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(right // 2, 0))
    qtbot.mouseMove(canvas, start + QPoint(right, 0))
    assert panel.slot_editor.outline.rect_shown is not None  # the outline follows at once
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(right, 0))
    moved = window.model.piece(index).adjust["title"]
    assert moved.dx == pytest.approx(4.0, abs=0.5) and moved.dy == 0
    # The new render draws the title there: its slot moved by as much on the page.
    shift = panel.data.slots["title"][0] - before["title"][0]
    page_width = panel.data.trim[2] - panel.data.trim[0]
    assert shift == pytest.approx(page_width * moved.dx / 100, abs=0.5)
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.undo_stack.undo()
    assert window.model.piece(index).adjust == {}
    assert panel.data.slots["title"] == pytest.approx(before["title"])


def test_a_photo_is_panned_and_zoomed_in_its_frame(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    index = window.current_index()
    editor = window.preview_panel.slot_editor
    assert "photo" in editor.photos and "photo" not in editor.movable
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        editor.photoZoomed.emit("photo", 2)
    zoom = window.model.piece(index).adjust["photo"].zoom
    assert zoom == pytest.approx(1.25**2, abs=0.001)
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        editor.photoPanned.emit("photo", -40.0, 0.0)
    assert window.model.piece(index).adjust["photo"] == Adjust(focus_x=50 - 40 / zoom, zoom=zoom)
