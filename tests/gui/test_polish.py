"""Issue 15's list of things a new user trips over, each fixed and checked in the window:
search and sort as Vietnamese reads, whole dialogs on a 1366 × 768 screen, the batch
dialog's defaults and counts, messages in the user's words, text pieces without print
controls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSpinBox


def test_gallery_search_ignores_diacritics(window: Any) -> None:
    gallery = window.gallery
    gallery.search.setText("bang ron")
    visible = {i.data(Qt.ItemDataRole.UserRole) for i in gallery._items.values()
               if not i.isHidden()}
    assert "banner-bhxh" in visible and "poster-bhxh" not in visible
    gallery.search.setText("BĂNG RÔN")
    assert "banner-bhxh" in {i.data(Qt.ItemDataRole.UserRole)
                             for i in gallery._items.values() if not i.isHidden()}


def test_lists_sort_in_vietnamese_order(window: Any) -> None:
    names = [window.form.segment_combo.itemText(i)
             for i in range(window.form.segment_combo.count())]
    assert names, names
    firsts = [n[0] for n in names]
    # Đ right after D (not after X), accented vowels with their base letter.
    order = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    base = {"Á": "A", "À": "A", "Ả": "A", "Ã": "A", "Ạ": "A"}
    ranks = [order.index(base.get(c, c)) for c in firsts]
    assert ranks == sorted(ranks), names
    from ansinh.gui.names import sorted_by_name
    assert sorted_by_name(["Xã", "Đoàn", "Dân", "Ảnh", "Áp", "An", "Tờ"], str) == [
        "An", "Ảnh", "Áp", "Dân", "Đoàn", "Tờ", "Xã"]


def test_a_long_gallery_title_is_elided_with_an_ellipsis() -> None:
    from ansinh.gui.gallery import title_lines
    font = QFont()
    font.setPixelSize(14)
    title = "Băng rôn tuyên truyền bảo hiểm xã hội tự nguyện cho người lao động tự do " * 2
    lines = title_lines(title, font, 150)
    assert len(lines) == 2 and lines[1].endswith("…"), lines
    assert title_lines("Áp phích", font, 150) == ["Áp phích"]


def placeholder_room(edit: Any) -> tuple[int, int]:
    """(pixels the placeholder needs, pixels the empty box has for it): from where the
    text starts (the cursor, after the search icon) to the end of the contents rect less
    QLineEdit's 2 px margin (the clear button takes no room while the box is empty)."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    assert not edit.text()
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    text = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    cursor = edit.cursorRect()
    start = cursor.left() + cursor.width() // 2
    room = text.left() + text.width() - 2 - start
    return QFontMetrics(edit.font()).horizontalAdvance(edit.placeholderText()), room


def test_the_gallery_search_shows_its_whole_placeholder(window: Any, qtbot: Any) -> None:
    from ansinh.gui import i18n

    window.resize(1366, 700)  # an office screen, the window maximised
    window.show_gallery()
    qtbot.waitUntil(lambda: window.gallery.search.isVisible())
    for lang in ("vi", "en"):
        i18n.set_language(lang)
        qtbot.wait(50)  # the layout takes the new texts
        need, room = placeholder_room(window.gallery.search)
        assert need <= room, (lang, window.gallery.search.placeholderText(), need, room)
    i18n.set_language("vi")


def test_the_gallery_names_the_audience_the_new_piece_is_for(window: Any, qtbot: Any) -> None:
    gallery = window.gallery
    gallery.segment_combo.setCurrentIndex(gallery.segment_combo.findData("ho-ngheo"))
    gallery.segment_combo.activated.emit(gallery.segment_combo.currentIndex())
    name = gallery.segment_combo.currentText()
    assert name in gallery.create_button.text()


def test_open_folder_without_a_file_manager_gives_the_path_to_copy(
        sample_window: Any, qtbot: Any, recorder: Any, monkeypatch: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    from ansinh.gui.export_dialog import ExportDialog, ExportOutcome

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    dialog = ExportDialog(sample_window.model, sample_window.templates, sample_window.segments,
                          sample_window.work_pool, tmp_path, None, sample_window)
    qtbot.addWidget(dialog)
    folder = tmp_path / "ban-xuat"
    folder.mkdir()
    dialog.outcome = ExportOutcome(path=folder)
    dialog.open_result()
    assert recorder.infos and str(folder) in recorder.infos[-1][1]
    assert QGuiApplication.clipboard().text() == str(folder)


def test_exports_default_to_the_users_documents(monkeypatch: Any, tmp_path: Path) -> None:
    import platformdirs

    from ansinh.gui import settings as S

    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "Tài liệu"))
    assert S.Settings().export_folder() == tmp_path / "Tài liệu" / "An Sinh Studio"


def test_settings_speak_the_users_language(qtbot: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel

    from ansinh.core import paths
    from ansinh.gui import settings as S
    from ansinh.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(S.Settings())
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    texts += [w.title() for w in dialog.findChildren(QGroupBox)]
    texts += [c.itemText(i) for c in dialog.findChildren(QComboBox) for i in range(c.count())]
    shown = " ".join(texts + [w.suffix() for w in dialog.findChildren(QSpinBox)])
    assert " ms" not in shown and "ngừng gõ" not in shown
    assert str(paths.user_dir()) not in shown
    assert "Nâng cao" in shown
    dialog.delay.setCurrentIndex(2)
    dialog.accept()
    assert S.Settings().get(S.PREVIEW_DELAY_MS) > S.PREVIEW_DELAY_MS.default


def squeezed_widgets(dialog: Any) -> list[str]:
    """Visible widgets cut off: outside the dialog, lower than they need, or word-wrapped
    labels given fewer lines than their text takes."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QLabel, QPushButton, QWidget

    inside = QRect(0, 0, dialog.width(), dialog.height())
    problems = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog) or widget.width() == 0:
            continue
        rect = QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
        name = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        if not inside.contains(rect):
            problems.append(f"{name} outside {rect}")
        elif isinstance(widget, QLabel) and widget.wordWrap() and widget.text() and \
                widget.height() < widget.heightForWidth(widget.width()):
            problems.append(f"{name} {widget.height()} < {widget.heightForWidth(widget.width())}")
        elif isinstance(widget, QAbstractSpinBox | QCheckBox | QPushButton) and \
                widget.height() < widget.minimumSizeHint().height():
            problems.append(f"{name} {widget.height()} < {widget.minimumSizeHint().height()}")
    return problems


def office_screen(monkeypatch: Any) -> None:
    """Dialogs size themselves for a 1366 × 768 screen with a 40 px taskbar."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1366, 728))


def test_the_export_dialog_fits_a_1366_by_768_screen(sample_window: Any, qtbot: Any,
                                                     monkeypatch: Any, tmp_path: Path) -> None:
    from ansinh.gui.export_dialog import ExportDialog

    office_screen(monkeypatch)
    dialog = ExportDialog(sample_window.model, sample_window.templates, sample_window.segments,
                          sample_window.work_pool, tmp_path, 0, sample_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 728
    assert squeezed_widgets(dialog) == [], (dialog.size(), squeezed_widgets(dialog))
    # The PNG resolution box says what it is; the audience list shows several groups.
    assert dialog.dpi_label.buddy() is dialog.dpi and dialog.dpi_label.text()
    assert dialog.segment_list.viewport().height() >= 3 * dialog.segment_list.sizeHintForRow(0)


def _batch_dialog(window: Any, qtbot: Any, monkeypatch: Any) -> Any:
    """The batch dialog as Ctrl+B opens it."""
    from ansinh.gui.batch_dialog import BatchDialog

    shown: list[Any] = []
    monkeypatch.setattr(BatchDialog, "exec", lambda self: shown.append(self) or 0)
    window.act_batch.trigger()
    qtbot.addWidget(shown[0])
    return shown[0]


def test_the_batch_dialog_starts_on_the_campaigns_banner_with_its_edited_values(
        sample_window: Any, qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    from guihelpers import PREVIEW_TIMEOUT_MS
    from test_batch_dialog import write_sheet

    window = sample_window
    banner = next(i for i, p in enumerate(window.model.pieces) if p.template == "banner-bhxh")
    window.model.set_field(banner, "title", "Khẩu hiệu riêng của huyện")
    loudspeaker = next(i for i, p in enumerate(window.model.pieces) if p.template == "loa-bhxh")
    window.pieces_panel.select(loudspeaker)  # whatever is open does not decide
    dialog = _batch_dialog(window, qtbot, monkeypatch)
    assert dialog.current_template.id == "banner-bhxh"
    assert dialog.segment.currentData() == window.model.piece(banner).segment
    sheet = write_sheet(tmp_path / "thon.csv", [[1, "Thôn A", "nong-dan"]])
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.load(sheet)
    piece = dialog.controller.row_piece(dialog.table.rows[0])
    assert piece.values["title"] == "Khẩu hiệu riêng của huyện"  # not the template default
    assert piece.values["place"] == "Thôn A"


def test_the_batch_dialog_fits_a_1366_by_768_screen_with_rows_to_read(
        sample_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    """Every control inside the screen, and enough of the sheet's rows (6) and of the
    column table (4) to work with, without moving a splitter."""
    from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE

    office_screen(monkeypatch)
    dialog = _batch_dialog(sample_window, qtbot, monkeypatch)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.load(SAMPLE.with_name("thon-diem.csv"))
    assert dialog.steps.currentWidget() is dialog.rows_box  # every required field has a column
    assert dialog.width() <= 1366 and dialog.height() <= 728
    for table, rows in ((dialog.mapping, 4), (dialog.rows, 6)):
        dialog.steps.setCurrentWidget(dialog.steps.widget(
            next(i for i in range(dialog.steps.count())
                 if dialog.steps.widget(i).isAncestorOf(table))))
        qtbot.waitUntil(table.isVisible)
        assert squeezed_widgets(dialog) == [], (dialog.size(), squeezed_widgets(dialog))
        height = table.verticalHeader().sectionSize(0)
        assert table.viewport().height() >= rows * height, (table, table.viewport().height())


def test_a_typed_or_pasted_sheet_path_is_read(sample_window: Any, qtbot: Any,
                                              monkeypatch: Any, tmp_path: Path) -> None:
    from guihelpers import PREVIEW_TIMEOUT_MS
    from test_batch_dialog import write_sheet

    dialog = _batch_dialog(sample_window, qtbot, monkeypatch)
    assert not dialog.path.isReadOnly()
    dialog.path.setText(str(tmp_path / "khong-co.csv"))
    dialog.path.editingFinished.emit()
    assert dialog.info.objectName() == "error" and "khong-co.csv" in dialog.info.text()
    sheet = write_sheet(tmp_path / "thôn điểm.csv", [[1, "Thôn A", "nong-dan"],
                                                     [2, "Thôn B", "nong-dan"]])
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.path.setText(f'"{sheet}"')  # Explorer's «Copy as path»
        dialog.path.editingFinished.emit()
    assert dialog.sheet_path == sheet and len(dialog.plan.rows) == 2


def test_the_window_names_no_command_line_option(sample_window: Any, qtbot: Any,
                                                 monkeypatch: Any, tmp_path: Path) -> None:
    from guihelpers import PREVIEW_TIMEOUT_MS
    from test_batch_dialog import write_sheet

    dialog = _batch_dialog(sample_window, qtbot, monkeypatch)
    sheet = write_sheet(tmp_path / "thon.csv", [[1, "Thôn A", "nong-dan"]])
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.load(sheet)
    with qtbot.waitSignal(dialog.controller.planned, timeout=PREVIEW_TIMEOUT_MS) as checked:
        for header in list(dialog.current_mapping()):
            dialog.controller.map_column(header, None)
    error = checked.args[0]
    assert error is not None
    for lang in ("vi", "en"):
        assert "--" not in error.text(lang) and "banner-bhxh" not in error.text(lang)


def test_stop_then_continue_counts_every_row(sample_window: Any, qtbot: Any,
                                             monkeypatch: Any, tmp_path: Path) -> None:
    from guihelpers import PREVIEW_TIMEOUT_MS
    from test_batch_dialog import RUN_TIMEOUT_MS, write_sheet

    total = 40  # a few chunks: the stop lands before the end
    dialog = _batch_dialog(sample_window, qtbot, monkeypatch)
    dialog.folder.setText(str(tmp_path / "out"))
    sheet = write_sheet(tmp_path / "thon.csv",
                        [[i, f"Thôn {i}", "nong-dan"] for i in range(1, total + 1)])
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.load(sheet)
    stop = dialog.controller.progressed.connect(lambda *_: dialog.stop())
    with qtbot.waitSignal(dialog.finished_batch, timeout=RUN_TIMEOUT_MS) as stopped:
        dialog.start()
    dialog.controller.progressed.disconnect(stop)
    assert stopped.args[0].cancelled and 0 < stopped.args[0].rows_ok < total
    with qtbot.waitSignal(dialog.finished_batch, timeout=RUN_TIMEOUT_MS) as done:
        dialog.start()  # «Chạy tiếp»
    assert not done.args[0].cancelled and done.args[0].rows_ok == total
    assert dialog.status.text().startswith(f"Xong: {total} dòng, {2 * total} tệp")


def test_a_counter_turns_red_when_the_check_says_the_text_does_not_fit(
        sample_window: Any, qtbot: Any) -> None:
    from guihelpers import PREVIEW_TIMEOUT_MS

    window = sample_window
    title = window.form.editor("title")
    text = "BẢO HIỂM XÃ HỘI TỰ NGUYỆN CHỖ DỰA KHI VỀ GIÀ"  # wide letters, few of them
    assert len(text) <= title.spec.max_chars
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.set_field(0, "title", text)
    errors = [c for c in window.preview_panel.data.checks if c.is_error and c.field == "title"]
    assert errors, window.preview_panel.checks.items_text()
    assert title.counter.property("over") is True
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.set_field(0, "title", "Chỗ dựa khi về già")
    assert not title.counter.property("over")


def test_the_last_campaign_reopens_at_start(sample_window: Any, make_window: Any,
                                            qtbot: Any, tmp_path: Path) -> None:
    saved = tmp_path / "thang-11.ansinh"
    assert sample_window.save_to(saved)
    sample_window.close()
    again = make_window()
    again.start_up()
    assert again.model.path == saved
    assert again.model.campaign.name == sample_window.model.campaign.name


def test_text_pieces_show_a_text_preview_without_print_controls(
        sample_window: Any, qtbot: Any) -> None:
    from guihelpers import PREVIEW_TIMEOUT_MS

    window, panel = sample_window, sample_window.preview_panel
    assert panel.guides_button.isVisible() and panel.title.text() == "Xem trước bản in"
    for template, fact in (("loa-bhxh", "đọc khoảng"), ("sms-bhxh", "tin")):
        index = next(i for i, p in enumerate(window.model.pieces) if p.template == template)
        with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
            window.pieces_panel.select(index)
        assert panel.title.text() == "Xem trước văn bản"
        assert not any(w.isVisible() for w in (panel.zoom_box, panel.zoom_in, panel.zoom_out,
                                               panel.fit_button, panel.guides_button))
        assert fact in panel.size_label.text(), panel.size_label.text()
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.pieces_panel.select(0)
    assert panel.guides_button.isVisible() and panel.title.text() == "Xem trước bản in"


def test_export_progress_names_pieces_not_template_ids(sample_window: Any, qtbot: Any,
                                                       tmp_path: Path) -> None:
    from ansinh.gui.export_dialog import ExportDialog

    dialog = ExportDialog(sample_window.model, sample_window.templates, sample_window.segments,
                          sample_window.work_pool, tmp_path, 0, sample_window)
    qtbot.addWidget(dialog)
    piece = next(p for p in sample_window.model.pieces if p.template == "loa-bhxh")
    dialog._progressed((1, 12, piece))
    text = dialog.status.text()
    assert "loa-bhxh" not in text and piece.segment not in text
    assert sample_window.segments[piece.segment].name in text


def test_help_has_a_vietnamese_guide_with_pictures_and_about_names_the_version(
        window: Any, qtbot: Any, recorder: Any, monkeypatch: Any) -> None:
    from PySide6.QtGui import QTextDocument

    from ansinh import __version__
    from ansinh.gui.guide import GuideDialog

    assert window.act_guide in window.menu_help.actions()
    assert window.act_guide.text() == "Hướng dẫn"
    shown: list[Any] = []
    monkeypatch.setattr(GuideDialog, "exec", lambda self: shown.append(self) or 0)
    window.act_guide.trigger()
    dialog = shown[0]
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for task in ("Chọn mẫu", "Điền nội dung", "Kiểm tra", "Xuất ấn phẩm", "Tạo hàng loạt"):
        assert task in text
    document = dialog.browser.document()
    images = [document.resource(QTextDocument.ResourceType.ImageResource, url)
              for url in (dialog.browser.source().resolved(name) for name in (
                  "1-chon-mau.png", "2-dien-noi-dung.png", "3-kiem-tra.png", "4-xuat.png",
                  "5-hang-loat.png"))]
    assert all(image is not None and not image.isNull() for image in images)
    window.act_about.trigger()
    assert __version__ in recorder.infos[-1][1]
