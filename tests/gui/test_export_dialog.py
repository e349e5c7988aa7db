"""Export from the dialog: the bundle with its segment-tagged manifest, progress,
cancelling, and the campaign's export history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guihelpers import SAMPLE
from PySide6.QtCore import Qt

from ansinh.gui.export_dialog import ExportDialog


def make_dialog(window: Any, qtbot: Any, folder: Path) -> ExportDialog:
    dialog = ExportDialog(window.model, window.templates, window.segments, window.work_pool,
                          folder, window.current_index(), window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(folder))
    dialog.show()
    return dialog


def test_export_from_the_dialog_writes_a_segment_tagged_bundle(
        window: Any, qtbot: Any, tmp_path: Path) -> None:
    assert window.open_path(SAMPLE)
    dialog = make_dialog(window, qtbot, tmp_path / "exports")
    poster = next(i for i, p in enumerate(window.model.pieces) if p.size == "A4")
    sms = next(i for i, p in enumerate(window.model.pieces) if p.template == "sms-bhxh")
    for row in range(dialog.piece_list.count()):
        item = dialog.piece_list.item(row)
        keep = item.data(Qt.ItemDataRole.UserRole) in (poster, sms)
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    dialog.set_segments(["tieu-thuong", "ho-ngheo"])
    assert "4" in dialog.summary.text()
    progress: list[tuple[int, int]] = []

    with qtbot.waitSignal(dialog.finished_export, timeout=180_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        dialog.task.progressed.connect(lambda p: progress.append(p[:2]))
    outcome = done.args[0]
    assert outcome.error is None and not outcome.cancelled, outcome.error
    assert progress and progress[-1] == (4, 4)
    manifest = json.loads((outcome.path / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert {(f["template"], f["segment"]) for f in files} == {
        ("poster-bhxh", "tieu-thuong"), ("poster-bhxh", "ho-ngheo"),
        ("sms-bhxh", "tieu-thuong"), ("sms-bhxh", "ho-ngheo")}
    for entry in files:
        assert entry["segment"] in entry["file"]
        assert (outcome.path / entry["file"]).is_file()
    assert {f["format"] for f in files} >= {"pdf", "png", "txt"}
    assert manifest["campaign"] == window.model.campaign.name
    assert outcome.files == len(files)
    assert dialog.open_button.isEnabled()

    # The export is recorded in the campaign's history (and shown in the dialog).
    history = window.model.exports
    assert len(history) == 1 and history[0].files == len(files)
    assert history[0].folder == str(outcome.path)
    assert dialog.history.rowCount() == 1
    assert window.model.setting("export")["formats"] == ["pdf", "png", "txt", "wav", "mp3"]


def test_export_as_zip(window: Any, qtbot: Any, tmp_path: Path) -> None:
    assert window.open_path(SAMPLE)
    folder = tmp_path / "zips"
    dialog = make_dialog(window, qtbot, folder)
    dialog._only(next(i for i, p in enumerate(window.model.pieces) if p.template == "sms-bhxh"))
    dialog.as_zip.setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as done:
        dialog.start()
    outcome = done.args[0]
    assert outcome.path.suffix == ".zip" and outcome.path.is_file()
    assert [p.suffix for p in folder.iterdir()] == [".zip"]  # no loose folder left


def test_an_export_can_be_stopped_and_leaves_nothing(window: Any, qtbot: Any,
                                                     tmp_path: Path) -> None:
    assert window.open_path(SAMPLE)
    folder = tmp_path / "exports"
    dialog = make_dialog(window, qtbot, folder)
    dialog.set_segments([s for s in window.segments][:4])  # 6 pieces × 4 segments
    with qtbot.waitSignal(dialog.finished_export, timeout=180_000) as done:
        dialog.start()
        dialog.task.progressed.connect(lambda _: dialog.stop())
    outcome = done.args[0]
    assert outcome.cancelled
    assert outcome.path is None
    assert list(folder.iterdir()) == []
    assert window.model.exports == []
    assert "Đã dừng" in dialog.status.text()
    assert dialog.close_button.isEnabled() and dialog.export_button.isEnabled()


def test_exporting_nothing_is_explained(window: Any, recorder: Any) -> None:
    assert window.export_dialog() is None
    assert recorder.infos and "chưa có ấn phẩm" in recorder.infos[0][1]
