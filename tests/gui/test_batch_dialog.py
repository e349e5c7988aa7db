"""The batch dialog: a small sheet end to end, per-row checks with Excel row numbers, the
editable mapping, a row preview, cancelling mid-way (only complete files stay) and
continuing, and the English UI."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from guihelpers import PREVIEW_TIMEOUT_MS
from PySide6.QtCore import Qt

from ansinh.gui import i18n
from ansinh.gui.batch_dialog import BatchDialog

RUN_TIMEOUT_MS = 180_000


def write_sheet(path: Path, rows: list[list[Any]]) -> Path:
    """A CSV as Excel saves it: BOM, CRLF, a title row above the header."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["DANH SÁCH THÔN ĐIỂM", "", ""])
        writer.writerow(["STT", "Tên thôn", "Đối tượng"])
        writer.writerows(rows)
    return path


def open_dialog(window: Any, qtbot: Any, folder: Path, sheet: Path | None = None,
                template: str = "banner-bhxh") -> BatchDialog:
    index = next(i for i, p in enumerate(window.model.pieces) if p.template == template)
    window.pieces_panel.select(index)
    dialog = BatchDialog(window.model, window.templates, window.segments, window.preview_pool,
                         folder, window.model.piece(index), window)
    qtbot.addWidget(dialog)
    dialog.show()
    if sheet is not None:
        with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
            dialog.load(sheet)
    return dialog


def status_texts(dialog: BatchDialog) -> dict[str, str]:
    """Excel row number (vertical header) → the check column's text, as shown."""
    model = dialog.rows.model()
    return {str(model.headerData(r, Qt.Orientation.Vertical)): model.index(r, 0).data()
            for r in range(model.rowCount())}


def run(dialog: BatchDialog, qtbot: Any) -> Any:
    with qtbot.waitSignal(dialog.finished_batch, timeout=RUN_TIMEOUT_MS) as done:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    return done.args[0]


def test_a_small_sheet_runs_end_to_end_with_row_checks(
        sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "thon.csv", [
        [1, "Thôn Đồng Tâm – phường Ea Kao", "Nông dân, ngư dân, diêm dân"],
        [2, "Buôn Kô Siêr", "người ngoài hành tinh"],
        [3, "Thôn 3 – phường Tân Lập", "tieu-thuong"],  # old places: test_batch_dialog_places.py
    ])
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", sheet)

    # Detected as Excel shows it: header on row 2, data rows 3-5, segment from its column.
    assert "tiêu đề ở dòng 2" in dialog.info.text()
    assert dialog.current_mapping() == {"Tên thôn": "place"}
    assert dialog.column_segment.isChecked()
    assert dialog.segment_column.currentText() == "Đối tượng"
    statuses = status_texts(dialog)
    assert set(statuses) == {"3", "4", "5"}
    assert statuses["3"] == statuses["5"] == "✓ Hợp lệ"
    assert statuses["4"].startswith("✗") and "người ngoài hành tinh" in statuses["4"]
    assert dialog.summary.text() == "3 dòng · 2 hợp lệ · 1 dòng lỗi"
    assert not dialog.places_bar.isVisibleTo(dialog)  # no old place names
    assert dialog.run_button.isEnabled() and "2" in dialog.run_button.text()

    # Refusing to run while a row is bad is a choice.
    dialog.stop_bad.setChecked(True)
    assert not dialog.run_button.isEnabled()
    dialog.skip_bad.setChecked(True)
    assert dialog.run_button.isEnabled()

    # Previewing a row renders that row's piece, with the row's own problem on top.
    with qtbot.waitSignal(dialog.preview.ready, timeout=PREVIEW_TIMEOUT_MS):
        dialog.rows.selectRow(1)
    assert "4" in dialog.preview_panel.title.text()
    assert "người ngoài hành tinh" in dialog.preview_panel.checks.items_text()[0]
    first_image = dialog.preview_panel.canvas.image.copy()
    with qtbot.waitSignal(dialog.preview.ready, timeout=PREVIEW_TIMEOUT_MS):
        dialog.rows.selectRow(2)
    assert dialog.preview_panel.canvas.image != first_image  # another village name

    # The run's processes were started and warmed when the dialog opened, and do the run.
    pool = dialog.run_pool
    qtbot.waitUntil(lambda: pool._executor is not None and len(pool._executor._processes)
                    == pool.workers, timeout=PREVIEW_TIMEOUT_MS)
    processes = dict(pool._executor._processes)
    warmed = set(processes)
    outcome = run(dialog, qtbot)
    assert set(pool._executor._processes) == warmed
    assert pool._executor._queue_count > pool.workers  # its chunks went to them too
    assert outcome.error is None and not outcome.cancelled, outcome.error
    assert outcome.rows_ok == 2 and not outcome.failed
    manifest = json.loads((outcome.folder / "manifest.json").read_text(encoding="utf-8"))
    rows = {(f["row"], f["segment"], f["format"]) for f in manifest["files"]}
    assert rows == {(3, "nong-dan", "pdf"), (3, "nong-dan", "png"),
                    (5, "tieu-thuong", "pdf"), (5, "tieu-thuong", "png")}
    for entry in manifest["files"]:
        assert (outcome.folder / entry["file"]).is_file()
    combined = pdfium.PdfDocument(outcome.folder / outcome.combined)
    try:
        assert len(combined) == 2
        texts = [combined[i].get_textpage().get_text_range() for i in range(2)]
    finally:
        combined.close()
    assert "Thôn Đồng Tâm" in texts[0] and "Thôn 3" in texts[1]
    assert "Xong: 2 dòng, 4 tệp" in dialog.status.text()
    assert dialog.open_button.isEnabled()
    assert sample_window.model.exports[-1].files == 4  # in the campaign's export history
    dialog.close()  # stops its processes at once (killed and reaped)
    assert pool._executor is None and not [p for p in processes.values() if p.is_alive()]


def test_the_mapping_is_editable_and_one_field_takes_one_column(
        sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "thon.csv", [[1, "Thôn A", "nong-dan"]])
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", sheet)
    piece_place = dialog.piece.values.get("place")
    assert dialog.plan.rows[0].values["place"] == "Thôn A"

    # The number column mapped to the same field frees the name column...
    stt = dialog._combo(0)
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        stt.setCurrentIndex(stt.findData("place"))
    assert dialog.current_mapping() == {"STT": "place"}
    assert dialog.plan.rows[0].values["place"] == 1  # typed as the sheet has it

    # ...and with no column at all, the field keeps the open piece's value.
    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        stt.setCurrentIndex(0)
    assert dialog.current_mapping() == {}
    assert dialog.plan is None or not dialog.run_button.isEnabled()
    assert "Chưa ghép cột nào" in dialog.mapping_note.text()

    with qtbot.waitSignal(dialog.planned, timeout=PREVIEW_TIMEOUT_MS):
        dialog.auto_button.click()
    assert dialog.current_mapping() == {"Tên thôn": "place"}
    assert dialog.piece.values.get("place") == piece_place  # the piece itself is untouched


def test_cancelling_mid_way_keeps_only_complete_files_and_continue_finishes(
        sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    total = 240
    sheet = write_sheet(tmp_path / "thon.csv",
                        [[i, f"Thôn số {i} – xã Ea Kao", "nong-dan"] for i in range(1, total + 1)])
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", sheet)
    assert len(dialog.plan.rows) == total
    progress: list[int] = []
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    dialog.controller.progressed.connect(lambda done, *_: progress.append(done))
    qtbot.waitUntil(lambda: bool(progress), timeout=RUN_TIMEOUT_MS)
    assert "còn khoảng" in dialog.status.text()  # the ETA
    assert not dialog.close_button.isEnabled()
    with qtbot.waitSignal(dialog.finished_batch, timeout=RUN_TIMEOUT_MS) as done:
        stopped_at = time.monotonic()
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    stop_seconds = time.monotonic() - stopped_at
    outcome = done.args[0]
    assert outcome.cancelled and outcome.error is None
    assert stop_seconds < 5, stop_seconds  # the workers are killed, not waited for
    assert 0 < outcome.rows_ok < total

    folder = outcome.folder
    pdfs = sorted(folder.glob("*.pdf"))
    assert not list(folder.glob("*.tmp")) and not list(folder.glob(".*"))
    assert len(pdfs) == len(list(folder.glob("*.png"))) == outcome.rows_ok
    for path in pdfs:
        document = pdfium.PdfDocument(path)  # complete: it opens and has its page
        assert len(document) == 1
        document.close()
    assert not list(folder.glob("*tat-ca*"))  # no combined PDF of a partial batch
    assert dialog.run_button.text() == "Chạy tiếp" and dialog.close_button.isEnabled()

    outcome = run(dialog, qtbot)
    assert not outcome.cancelled and outcome.error is None
    assert outcome.folder == folder
    assert len(list(folder.glob("*.png"))) == total
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted({f["row"] for f in manifest["files"]}) == list(range(3, total + 3))
    combined = pdfium.PdfDocument(folder / outcome.combined)
    assert len(combined) == total
    combined.close()


def test_a_file_that_cannot_be_read_is_explained_in_the_dialog(
        sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out")
    with qtbot.waitSignal(dialog.loaded, timeout=PREVIEW_TIMEOUT_MS):
        dialog.load(broken)
    assert dialog.info.objectName() == "error"
    assert "hong.xlsx" in dialog.info.text() or "Excel" in dialog.info.text()
    assert not dialog.run_button.isEnabled()
    assert dialog.rows.model().rowCount() == 0


def test_ctrl_b_opens_the_dialog_and_a_script_batch_makes_text(
        sample_window: Any, qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    shown: list[BatchDialog] = []
    monkeypatch.setattr(BatchDialog, "exec", lambda self: shown.append(self) or 0)
    sample_window.act_batch.trigger()
    assert shown
    dialog = shown[0]
    dialog.template.setCurrentIndex(dialog.template.findData("loa-bhxh"))
    assert dialog.current_template.id == "loa-bhxh"
    assert dialog.formats() == ("txt",)  # scripts are text: one .txt per row
    assert sample_window.act_batch.shortcut().toString() == "Ctrl+B"


def test_the_dialog_speaks_english(sample_window: Any, qtbot: Any, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "thon.csv", [[1, "Thôn A", "nong-dan"]])
    dialog = open_dialog(sample_window, qtbot, tmp_path / "out", sheet)
    vietnamese = (dialog.windowTitle(), dialog.steps.tabText(0), dialog.summary.text())
    i18n.set_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Batch from a spreadsheet", timeout=3000)
    english = (dialog.windowTitle(), dialog.steps.tabText(0), dialog.summary.text())
    assert all(v != e for v, e in zip(vietnamese, english, strict=True)), english
    assert english[2] == "1 row(s) · 1 valid"
    assert dialog.size.currentText().startswith("Long street banner 5 × 0.8 m")
    assert dialog.rows.model().index(0, 0).data() == "✓ Valid"


def test_the_run_processes_start_once_the_dialog_is_on_screen(
        sample_window: Any, qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    """Started while the widgets were built, the run's processes took the CPU and Python's
    lock from them (issue 15's bench: the opening stalled the UI); never after closing."""
    from ansinh.gui import jobs

    warmed: list[Any] = []
    monkeypatch.setattr(jobs, "warm_up_pools", lambda *pools: warmed.extend(pools))
    window = sample_window
    dialog = BatchDialog(window.model, window.templates, window.segments, window.preview_pool,
                         tmp_path, window.model.piece(0), window)
    qtbot.addWidget(dialog)
    assert warmed == []
    dialog.show()
    assert warmed == []  # not while show() lays it out either
    qtbot.waitUntil(lambda: warmed == [dialog.run_pool])
    closed = BatchDialog(window.model, window.templates, window.segments,
                         window.preview_pool, tmp_path, window.model.piece(0), window)
    qtbot.addWidget(closed)
    closed.show()
    closed.reject()
    qtbot.wait(50)
    assert warmed == [dialog.run_pool]
