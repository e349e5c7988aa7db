"""The batch dialog's controller driven with no dialog: a sheet read, columns mapped, rows
checked, place suggestions applied and undone, a small run, a run stopped and continued.
Signals need the application object; no widget is ever made."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE
from PySide6.QtWidgets import QApplication
from test_batch_dialog import RUN_TIMEOUT_MS, write_sheet
from test_batch_dialog_places import EA_KAO, old_places_sheet

from ansinh.core.campaign import Adjust, load_campaign
from ansinh.core.render.worker import RenderPool
from ansinh.core.templates import TemplateRegistry
from ansinh.gui.batch_controller import BatchController, BatchOptions


@pytest.fixture
def controller(qapp: Any, pools: Any, tmp_path: Path) -> Iterator[BatchController]:
    campaign = load_campaign(SAMPLE)
    banner = next(p for p in campaign.pieces if p.template == "banner-bhxh")
    templates = {t.id: t for t in TemplateRegistry().all()}
    widgets = set(QApplication.allWidgets())
    made = BatchController(campaign, templates, banner, RenderPool(workers=1),
                           BatchOptions(folder=str(tmp_path / "out")))
    made.set_template("banner-bhxh")
    made.set_segment("toan-dan")
    yield made
    made.shutdown()
    assert set(QApplication.allWidgets()) == widgets  # the controller made no widget


def load(controller: BatchController, qtbot: Any, sheet: Path) -> None:
    with qtbot.waitSignal(controller.planned, timeout=PREVIEW_TIMEOUT_MS) as checked:
        controller.load(sheet)
    assert checked.args == [None]


def run(controller: BatchController, qtbot: Any) -> Any:
    with qtbot.waitSignal(controller.finished, timeout=RUN_TIMEOUT_MS) as done:
        assert controller.start()
    return done.args[0]


def test_a_sheet_is_mapped_checked_and_its_place_names_applied_and_undone(
        controller: BatchController, qtbot: Any, tmp_path: Path) -> None:
    sheet = old_places_sheet(tmp_path)
    sheet_bytes = sheet.read_bytes()
    load(controller, qtbot, sheet)
    assert controller.mapping == {"Tên thôn": "place"}
    assert controller.by_column and controller.segment_column == "Đối tượng"
    assert controller.status == {3: "", 4: "", 5: ""}
    assert sorted(controller.places) == [3, 4]
    assert controller.can_run() and controller.can_toggle_places()

    # One field, one column: mapping STT to the place frees the name column; the rows
    # are checked again after a pause (no run meanwhile).
    controller.map_column("STT", "place")
    assert controller.mapping == {"STT": "place"}
    assert controller.replan_pending and not controller.can_run()
    with qtbot.waitSignal(controller.planned, timeout=PREVIEW_TIMEOUT_MS):
        pass
    assert controller.plan is not None and controller.plan.rows[0].values["place"] == 1
    controller.auto_match()
    with qtbot.waitSignal(controller.planned, timeout=PREVIEW_TIMEOUT_MS):
        pass
    assert controller.mapping == {"Tên thôn": "place"}

    # Apply the suggestions: this run's rows change, the sheet does not; Undo at once.
    with qtbot.waitSignal(controller.planned, timeout=PREVIEW_TIMEOUT_MS):
        controller.toggle_place_names()
    assert controller.places_applied
    assert controller.plan.rows[0].values["place"] == "Thôn 1 – phường Ea Kao"
    assert [n.issue.text for n in controller.places[3].replaced] == ["xã Ea Kao"]
    assert controller.row_piece(controller.table.rows[0]).values["place"] == \
        "Thôn 1 – phường Ea Kao"
    assert sheet.read_bytes() == sheet_bytes
    controller.undo_place_names()
    assert not controller.places_applied
    assert controller.plan.rows[0].name == EA_KAO
    assert [n.issue.text for n in controller.places[3].left] == ["xã Ea Kao"]


def test_the_rows_are_checked_in_a_render_process_not_the_windows(
        controller: BatchController, qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    """The checks load the map of places (its JSON parse holds Python's lock ~0.2 s) and
    every manifest: on a thread of the window's process that stalled the UI (issue 15's
    bench: 193 ms). Here they may not run at all, yet the rows are checked."""
    from ansinh.core import batch, places

    def not_here(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("rows checked in the window's process")

    for module, name in ((batch, "plan_batch"), (places, "load"),
                         (batch.BatchPlan, "apply_place_suggestions")):
        monkeypatch.setattr(module, name, not_here)
    load(controller, qtbot, old_places_sheet(tmp_path))
    assert controller.status == {3: "", 4: "", 5: ""} and sorted(controller.places) == [3, 4]
    with qtbot.waitSignal(controller.planned, timeout=PREVIEW_TIMEOUT_MS) as applied:
        controller.toggle_place_names()
    assert applied.args == [None] and controller.places_applied


def test_bad_rows_stop_a_run_only_when_asked(controller: BatchController, qtbot: Any,
                                            tmp_path: Path) -> None:
    load(controller, qtbot, write_sheet(tmp_path / "thon.csv", [
        [1, "Thôn A", "nong-dan"], [2, "Thôn B", "người ngoài hành tinh"]]))
    assert controller.status[3] == "" and "người ngoài hành tinh" in controller.status[4]
    assert [p.row for p in controller.row_problems(4)] == [4]
    assert controller.can_run()
    controller.set_options(BatchOptions(folder=controller.options.folder, stop_on_error=True))
    assert not controller.can_run() and not controller.start()


def test_a_run_renders_the_rows_and_a_stopped_run_continues_in_its_folder(
        controller: BatchController, qtbot: Any, tmp_path: Path) -> None:
    total = 120
    load(controller, qtbot, write_sheet(tmp_path / "thon.csv", [
        [i, f"Thôn số {i} – xã Ea Kao", "nong-dan"] for i in range(1, total + 1)]))
    progress: list[int] = []
    controller.progressed.connect(lambda done, *_: progress.append(done))
    controller.progressed.connect(lambda *_: len(progress) == 1 and controller.stop())
    outcome = run(controller, qtbot)
    assert outcome.cancelled and outcome.error is None
    assert 0 < outcome.rows_ok < total and not controller.running
    folder = outcome.folder
    assert controller.resume_dir == folder and controller.out_dir() == folder

    outcome = run(controller, qtbot)  # Continue: the rows still missing, same folder
    assert not outcome.cancelled and outcome.error is None, outcome.error
    assert outcome.folder == folder and controller.resume_dir is None
    assert len(list(folder.glob("*.png"))) == total
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted({f["row"] for f in manifest["files"]}) == list(range(3, total + 3))
    assert set(controller.status.values()) == {""}


def test_rows_keep_the_slots_placed_on_the_source_piece(
    controller: BatchController, qtbot: Any, tmp_path: Path
) -> None:
    # A banner whose place line was dragged on the preview: the batch plans and previews
    # every row with that placement.
    placed = {"place": Adjust(dy=-2.0)}
    controller.piece = dataclasses.replace(controller.piece, adjust=placed)
    sheet = write_sheet(tmp_path / "thon.csv", [[1, "Thôn Đồng Tâm", "Nông dân"],
                                                [2, "Buôn Kô Siêr", "Nông dân"]])
    load(controller, qtbot, sheet)
    assert controller.plan is not None and controller.plan.adjust == placed
    row = controller.table.rows[0]
    assert controller.row_piece(row).adjust == placed
