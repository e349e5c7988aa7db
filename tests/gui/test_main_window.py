"""The main window end to end: live preview, checks, undo/redo, files, shared content,
language. Renders run in real worker processes, as in the app."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE, type_text
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from ansinh.core import storage, vntext
from ansinh.core.campaign import load_campaign
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.gui import settings as S
from ansinh.gui.campaign_dialog import CampaignDialog
from ansinh.gui.model import MISSING
from ansinh.gui.settings_dialog import SettingsDialog


def differing_pixels(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32).scaled(a.size())
    step = 3
    return sum(1 for y in range(0, a.height(), step) for x in range(0, a.width(), step)
               if a.pixel(x, y) != b.pixel(x, y))


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split())
                        for page in document)
    finally:
        document.close()


def test_the_sample_campaign_opens_with_its_pieces_and_a_preview(sample_window: Any) -> None:
    window = sample_window
    assert len(window.model.pieces) == len(load_campaign(SAMPLE).pieces)
    assert window.current_index() == 0
    assert window.pages.currentWidget() is window.editor_split
    canvas = window.preview_panel.canvas
    assert not canvas.image.isNull()
    assert canvas.image.width() >= canvas.width() > 100  # at least as sharp as it is shown
    assert "A3" in window.preview_panel.size_label.text()
    assert window.isWindowModified()  # imported from TOML: not saved as a campaign file yet


def test_a_hidpi_screen_gets_the_preview_at_its_own_pixels(sample_window: Any,
                                                            qtbot: Any) -> None:
    """At 150 % (common on office laptops) the render is 1.5× wider and drawn as is:
    neither blurred by scaling it down and up again, nor scaled on the UI thread."""
    window = sample_window
    panel, canvas = window.preview_panel, window.preview_panel.canvas
    panel.devicePixelRatioF = canvas.devicePixelRatioF = lambda: 1.5
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        panel.set_zoom(canvas.zoom * 2)  # wider than any render so far: a new one
    page = canvas._scaled_page()
    assert page.devicePixelRatio() == 1.5
    assert page.width() == round(canvas.width() * 1.5)
    assert canvas.image.width() == panel.wanted_width() >= page.width()


def test_filling_a_field_changes_the_preview_image(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    before = window.preview_panel.canvas.image.copy()
    shown: list[int] = []
    window.previewShown.connect(lambda: shown.append(1))
    title = window.form.editor("title").line
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        type_text(title, " cho mọi nhà")
    after = window.preview_panel.canvas.image
    assert window.model.piece(0).values["title"] == "Bảo hiểm xã hội tự nguyện cho mọi nhà"
    assert differing_pixels(before, after) > 200
    # Typing is debounced: one render for the whole burst, not one per keystroke.
    qtbot.wait(600)
    assert len(shown) <= 2


def test_an_overlong_title_shows_the_overflow_check_and_clicking_it_focuses_the_field(
        sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    title = window.form.editor("title")
    window.form.editor("benefits").focus_input()
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.set_field(0, "title", "Bảo hiểm xã hội tự nguyện " * 3)
    checks = window.preview_panel.checks
    overflow = [i for i in range(checks.count())
                if checks.item(i).data(Qt.ItemDataRole.UserRole) == "title"]
    assert overflow, checks.items_text()
    assert any("tràn" in checks.item(i).text() for i in overflow)
    assert title.line.property("problem") is True  # the field is marked too

    window.activateWindow()
    item = checks.item(overflow[0])
    qtbot.mouseClick(checks.viewport(), Qt.MouseButton.LeftButton,
                     pos=checks.visualItemRect(item).center())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title.line, timeout=3000)


def test_undo_and_redo_restore_field_values_exactly(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    model = window.model
    original = dict(model.piece(0).values)
    assert "title" not in original  # the template default shows, no value stored

    title = window.form.editor("title").line
    title.setFocus()
    qtbot.keyClicks(title, "!")
    benefits = window.form.editor("benefits").edit
    benefits.setFocus()
    benefits.moveCursor(benefits.textCursor().MoveOperation.End)
    type_text(benefits, "\n- Thêm dòng")
    window.form.segment_combo.setCurrentIndex(window.form.segment_combo.findData("tieu-thuong"))
    window.form.segment_combo.activated.emit(window.form.segment_combo.currentIndex())
    edited_piece = model.piece(0)
    assert edited_piece.values["title"].endswith("!")
    assert edited_piece.segment == "tieu-thuong"

    # Ctrl+Z in a text box goes to the campaign's undo stack, not the box's own undo.
    for _ in range(3):
        qtbot.keyClick(benefits, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.piece(0) == dataclasses.replace(edited_piece, values=original,
                                                 segment="lao-dong-tu-do")
    assert model.piece(0).values == original  # keys that were absent are absent again
    assert title.text() == "Bảo hiểm xã hội tự nguyện"
    for _ in range(3):
        qtbot.keyClick(benefits, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert model.piece(0) == edited_piece
    assert title.text() == edited_piece.values["title"]


def test_undo_keys_in_a_dialog_box_stay_with_the_box(sample_window: Any, qtbot: Any) -> None:
    """Only the form's boxes send Ctrl+Z to the campaign: in a dialog's box it undoes
    the typing, and the campaign is untouched."""
    window = sample_window
    window.model.set_field(0, "title", "Sửa trong cửa sổ")
    revision = window.model.revision
    dialog = QDialog(window)
    box = QLineEdit(dialog)
    dialog.show()
    box.setFocus()
    qtbot.keyClicks(box, "thon")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == ""
    assert window.model.revision == revision
    assert window.model.piece(0).values["title"] == "Sửa trong cửa sổ"
    dialog.close()


def test_clearing_a_field_is_kept_and_undo_brings_the_default_back(window: Any) -> None:
    window.open_path(SAMPLE)
    model = window.model
    model.set_field(0, "subtitle", "")
    assert model.piece(0).values["subtitle"] == ""
    model.undo_stack.undo()
    assert model.piece(0).values.get("subtitle", MISSING) is MISSING


def test_save_close_open_gives_an_identical_campaign(sample_window: Any, make_window: Any,
                                                     tmp_path: Path, recorder: Any) -> None:
    window = sample_window
    window.model.set_field(1, "title", "Lan tỏa BHXH – đến từng buôn làng")
    window.model.set_campaign(hotline="0262 3999 888")
    before = window.model.campaign
    path = tmp_path / "chiến dịch tháng 11.ansinh"
    assert window.save_to(path)
    assert not window.isWindowModified()
    assert "chiến dịch tháng 11.ansinh" in window.windowTitle()
    window.close()
    assert not window.isVisible()
    assert recorder.errors == []

    again = make_window()
    assert again.open_path(path)
    after = again.model.campaign
    assert after.pieces == before.pieces
    assert dataclasses.replace(after, logo=None, base_dir=Path()) == \
        dataclasses.replace(before, logo=None, base_dir=Path())
    assert after.logo.read_bytes() == before.logo.read_bytes()
    assert not again.isWindowModified()
    assert str(path) in again.settings.get(S.RECENT_FILES)


def test_a_failed_save_says_why_and_keeps_the_work(sample_window: Any, tmp_path: Path,
                                                   recorder: Any) -> None:
    window = sample_window
    window.model.set_field(0, "title", "Chưa lưu")
    assert not window.save_to(tmp_path / "no-such-folder" / "c.ansinh")
    assert len(recorder.errors) == 1
    assert "không tồn tại" in recorder.errors[0].text("vi")
    assert window.isWindowModified()
    assert window.model.piece(0).values["title"] == "Chưa lưu"


def test_changing_the_hotline_in_campaign_settings_changes_every_piece(
        sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    new_hotline = "0262 3999 888"

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CampaignDialog)
        dialog.hotline.selectAll()
        qtbot.keyClicks(dialog.hotline, new_hotline)
        dialog.accept()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.campaign_dialog()
    campaign = window.model.campaign
    assert campaign.hotline == new_hotline
    spoken = vntext.read_aloud(f"gọi đường dây nóng {new_hotline}.").removeprefix(
        "gọi đường dây nóng ").rstrip(".")
    kinds = set()
    for piece in campaign.pieces:
        result = render_piece(piece, campaign, RenderOptions(formats=("pdf", "txt")))
        kinds.add(result.template.kind)
        pdf = result.artifact("pdf")
        if pdf is not None:
            text = pdf_text(pdf.data)
            assert new_hotline in text and "1900 9068" not in text
            continue
        texts = {a.role: a.data.decode() for a in result.artifacts}
        if "read-aloud" in texts:
            assert spoken in texts["read-aloud"]
            assert "chín không sáu tám" not in texts["read-aloud"]
        else:
            assert new_hotline in texts["sms"]
            assert new_hotline in texts["sms-ascii"]
    assert {"poster", "loudspeaker", "sms"} <= kinds
    # One undo step brings the old hotline back everywhere.
    window.model.undo_stack.undo()
    assert window.model.campaign.hotline == "1900 9068"


def test_switching_to_english_changes_the_visible_ui(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    assert window.menu_file.title() == "&Tệp"
    assert window.act_save.text() == "Lưu"
    assert window.pieces_panel.title.text() == "Ấn phẩm của chiến dịch"

    def choose(code: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        dialog.language.setCurrentIndex(dialog.language.findData(code))
        dialog.accept()

    QTimer.singleShot(0, lambda: choose("en"))
    window.settings_dialog()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File", timeout=3000)
    assert window.act_save.text() == "Save"
    assert window.act_export.text() == "Export…"
    assert window.pieces_panel.title.text() == "Campaign pieces"
    assert window.preview_panel.title.text() == "Print preview"
    assert window.form.rows["title"].label.text().startswith("Title")  # the template's label_en
    assert window.form.size_label.text() == "Size"
    assert window.form.size_combo.currentText() == "A3 portrait (297 × 420 mm)"
    assert window.preview_panel.size_label.text().startswith("A3 portrait (297 × 420 mm)")
    assert window.settings.get(S.LANGUAGE) == "en"

    QTimer.singleShot(0, lambda: choose("vi"))
    window.settings_dialog()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&Tệp", timeout=3000)
    assert window.form.rows["title"].label.text().startswith("Tiêu đề")
    assert window.form.size_combo.currentText() == "A3 dọc (297 × 420 mm)"


def test_the_title_shows_unsaved_changes(window: Any, tmp_path: Path) -> None:
    assert not window.isWindowModified()
    window.create_piece("sms-bhxh", "tieu-thuong")
    assert window.isWindowModified()
    assert window.windowTitle().endswith("[*] — An Sinh Studio")
    assert window.save_to(tmp_path / "a.ansinh")
    assert not window.isWindowModified()
    window.model.undo_stack.undo()
    assert window.isWindowModified()


def test_text_pieces_preview_their_script(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    loudspeaker = next(i for i, p in enumerate(window.model.pieces) if p.template == "loa-bhxh")
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.pieces_panel.select(loudspeaker)
    panel = window.preview_panel
    assert panel.stack.currentWidget() is panel.text_view
    text = panel.text_view.toPlainText()
    assert "một chín không không, chín không sáu tám" in text
    assert "Thời lượng đọc" in text


def test_siblings_and_segments_come_prefilled(sample_window: Any, recorder: Any) -> None:
    window = sample_window
    model = window.model
    model.set_field(0, "call_to_action", "Đến UBND xã ngay hôm nay.")
    count = len(model.pieces)
    recorder.picked = ["sms-bhxh", "loa-bhxh"]
    window.create_siblings(0)
    assert len(model.pieces) == count + 2
    made = {p.template: p for p in model.pieces[count:]}
    assert made["loa-bhxh"].values["call_to_action"] == "Đến UBND xã ngay hôm nay."
    assert made["loa-bhxh"].segment == model.piece(0).segment

    recorder.picked = ["nong-dan", "tieu-thuong"]
    window.create_for_segments(0)
    assert [p.segment for p in model.pieces[1:3]] == ["nong-dan", "tieu-thuong"]
    assert model.piece(1).values == model.piece(0).values
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert len(model.pieces) == count


def test_the_gallery_creates_a_piece(window: Any, qtbot: Any) -> None:
    assert window.pages.currentWidget() is window.gallery  # an empty campaign starts here
    gallery = window.gallery
    gallery.kind_combo.setCurrentIndex(gallery.kind_combo.findData("sms"))
    gallery._filter()
    visible = [i for i in gallery._items.values() if not i.isHidden()]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in visible] == ["sms-bhxh"]
    gallery.segment_combo.setCurrentIndex(gallery.segment_combo.findData("ho-ngheo"))
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        qtbot.mouseClick(gallery.create_button, Qt.MouseButton.LeftButton)
    assert [(p.template, p.segment) for p in window.model.pieces] == [("sms-bhxh", "ho-ngheo")]
    assert window.pages.currentWidget() is window.editor_split

    gallery.kind_combo.setCurrentIndex(0)
    gallery.search.setText("loa truyền thanh")
    visible = [i.data(Qt.ItemDataRole.UserRole) for i in gallery._items.values()
               if not i.isHidden()]
    assert visible == ["loa-bhxh"]


def test_gallery_thumbnails_are_rendered_from_the_templates(window: Any, qtbot: Any) -> None:
    window.show_gallery()
    items = list(window.gallery._items.values())

    def all_drawn() -> bool:
        pixmaps = [item.data(Qt.ItemDataRole.DecorationRole) for item in items]
        return all(p is not None and not p.isNull() for p in pixmaps)

    qtbot.waitUntil(all_drawn, timeout=PREVIEW_TIMEOUT_MS)
    poster = window.gallery._items["poster-bhxh"].data(Qt.ItemDataRole.DecorationRole)
    assert poster.height() > poster.width()  # a portrait poster, drawn from the template
    assert any((storage.paths.user_dir() / "cache" / "thumbnails").iterdir())


def test_zoom_fit_and_guides(sample_window: Any) -> None:
    panel = sample_window.preview_panel
    assert panel.fit_button.isChecked()
    panel._zoom_step(1)
    assert not panel.fit_button.isChecked()
    zoomed = panel.canvas.size()
    panel._zoom_step(1)
    assert panel.canvas.width() > zoomed.width()
    panel.fit_button.setChecked(True)
    viewport = panel.area.viewport().size()
    assert panel.canvas.width() <= viewport.width() and panel.canvas.height() <= viewport.height()
    with_guides = panel.canvas.page_points()
    panel.guides_button.setChecked(False)
    trimmed = panel.canvas.page_points()
    assert trimmed[0] < with_guides[0]  # without guides the page is shown trimmed
    assert abs(trimmed[0] - 841.89) < 1  # A3 width in points
    image = panel.canvas.grab().toImage()
    assert image.pixelColor(QPoint(2, image.height() // 2)).name() != "#d81b60"


def test_the_usual_shortcuts(window: Any) -> None:
    shortcuts = {action.shortcut().toString(): action for action in (
        window.act_new, window.act_open, window.act_save, window.act_undo, window.act_redo,
        window.act_export, window.act_batch)}
    assert set(shortcuts) == {"Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Z", "Ctrl+Y", "Ctrl+E",
                              "Ctrl+B"}
    assert "Ctrl+Shift+Z" in [k.toString() for k in window.act_redo.shortcuts()]


def test_a_render_process_that_dies_is_reported_and_replaced(sample_window: Any,
                                                             qtbot: Any) -> None:
    import os

    window = sample_window
    panel = window.preview_panel
    failed: list[Any] = []
    window.preview.failed.connect(failed.append)
    doomed = window.preview_pool.submit(os._exit, 1)  # the worker dies without a word
    window.model.set_field(0, "title", "Sau sự cố")
    qtbot.waitUntil(lambda: doomed.done(), timeout=PREVIEW_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=PREVIEW_TIMEOUT_MS)
    if failed:  # the render in flight went down with the worker: said in words
        assert "dừng đột ngột" in panel.message.text() or "stopped" in panel.message.text()
    # The next edit renders again in a fresh process.
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.set_field(0, "title", "Đã chạy lại")
    assert panel.stack.currentWidget() is panel.area
