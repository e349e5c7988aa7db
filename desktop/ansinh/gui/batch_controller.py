"""The batch dialog's state and work, with no widgets: `BatchController`.

It holds the sheet, the template/size/segment choice, the column → field mapping, the
plan (every row checked by `batch.plan_batch`), each row's result, the old place names
applied (with Undo), the run's options and the run itself, and it drives the core off
the UI thread: reading the sheet on one background lane, checking the rows in a render
process (`jobs.check_rows`, from that lane), `run_batch` on another lane with the
dialog's own render processes. It reports through signals; the
`BatchDialog` view forwards the officer's actions here and shows what it hears. Tests
drive it without a window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..core import sheets
from ..core.batch import (
    SEGMENT_HEADERS,
    STATE_FILE,
    BatchPlan,
    PlaceNote,
    RowProblem,
    auto_map,
    header_key,
    run_batch,
)
from ..core.campaign import Campaign, Piece
from ..core.errors import UserError
from ..core.filenames import slugify
from ..core.render.results import RenderOptions
from ..core.render.worker import RenderPool
from ..core.templates.manifest import Template
from . import i18n, jobs
from . import settings as S
from .background import Lane, Task

REPLAN_DELAY_MS = 150  # after a mapping change, before the rows are checked again


@dataclass
class BatchOptions:
    """The run's output choices (saved with the campaign between runs)."""

    folder: str = ""
    formats: tuple[str, ...] = ("pdf", "png")  # of a visual template
    combined: bool = True  # one PDF of every row for the print shop
    stop_on_error: bool = False  # refuse to run while a row is bad


@dataclass
class BatchOutcome:
    folder: Path | None = None
    files: int = 0
    rows_ok: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # row -> why (render checks)
    combined: str | None = None
    cancelled: bool = False
    error: BaseException | None = None
    seconds: float = 0.0


@dataclass
class RowPlaces:
    """A row's old place names: those still there and those replaced by their new names."""

    left: list[PlaceNote] = field(default_factory=list)
    replaced: list[PlaceNote] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # field id -> text with new names


def row_places(plan: BatchPlan, before: BatchPlan | None) -> dict[int, RowPlaces]:
    """Row number → its place notes; `before` is the plan as the sheet has it when the
    new names are applied in `plan`."""
    places: dict[int, RowPlaces] = {}
    for note in plan.places:
        places.setdefault(note.row, RowPlaces()).left.append(note)
    if before is not None:
        left = set(plan.places)
        values = {row.number: row.values for row in plan.rows}
        for note in before.places:
            if note not in left:
                entry = places.setdefault(note.row, RowPlaces())
                entry.replaced.append(note)
                entry.values[note.field] = values[note.row][note.field]
    return places


# --- work done on the background lanes ---------------------------------------------------


@dataclass
class _Run:
    plan: BatchPlan
    campaign: Campaign
    out_dir: Path
    options: RenderOptions
    combined: bool
    resume: bool
    pool: RenderPool


def _run(task: Task, run: _Run) -> BatchOutcome:
    """`run_batch` in the dialog's render processes; reports (done, total, row, problem)
    per row. Stop kills the processes (see `BatchController.stop`), so the events end."""
    started = time.monotonic()
    outcome = BatchOutcome(folder=run.out_dir)
    events = None
    try:
        events = run_batch(run.plan, run.campaign, run.out_dir, run.options,
                           only_failed=run.resume, combined=run.combined, pool=run.pool)
        for event in events:
            if event.kind == "finished":
                bundle = event.bundle
                outcome.files = len(bundle.entries) if bundle else 0
                outcome.combined = bundle.combined if bundle else None
                continue
            problem = ""
            if event.kind == "failed":
                problem = "; ".join(c.text(i18n.current()) for c in event.checks if c.is_error)
                outcome.failed[event.row or 0] = problem
            else:
                outcome.rows_ok += 1
            task.report((event.done, event.total, event.row or 0, problem))
            if task.cancelled:
                break
    except (UserError, CancelledError) as exc:
        if not task.cancelled:
            outcome.error = exc
            if run.resume and isinstance(exc, UserError) and exc.path and \
                    Path(exc.path).name == STATE_FILE:  # its message names a CLI option
                outcome.error = UserError(
                    "Không đọc được ghi chép của lần chạy đã dừng nên không biết dòng nào "
                    "đã xong. Hãy chọn lại bảng tính và chạy cả lô vào một thư mục mới.",
                    "The stopped run's record cannot be read, so which rows were done is "
                    "unknown. Choose the sheet again and run the whole batch into a new "
                    "folder.", path=exc.path)
    except OSError as exc:
        outcome.error = UserError(f"Không ghi được tệp: {exc.strerror or exc}",
                                  f"Could not write a file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - reported to the user, logged
        outcome.error = exc
    finally:
        if events is not None:
            events.close()  # cancelled: kills the workers, keeps only complete files
    outcome.cancelled = task.cancelled
    outcome.seconds = time.monotonic() - started
    return outcome


# --- the controller ----------------------------------------------------------------------


class BatchController(QObject):
    """See the module docstring. Choices are plain attributes set through the `set_…`
    methods (each schedules the rows to be checked again)."""

    loaded = Signal(object)  # the sheet is read: None, or the error that stopped it
    mappingChanged = Signal()
    planning = Signal(str)  # rows are being checked: "rows", or "places" (names applied)
    planChanged = Signal()  # the plan shown, its rows' results and place notes changed
    planned = Signal(object)  # a check of the rows ended: None, or its error
    stateChanged = Signal()  # what can be done now changed (run, apply names, …)
    started = Signal()
    progressed = Signal(int, int, int, str)  # done, total, row, problem ("" when ok)
    finished = Signal(object)  # BatchOutcome

    def __init__(self, campaign: Campaign, templates: dict[str, Template],
                 piece: Piece | None, pool: RenderPool, options: BatchOptions | None = None,
                 parent: QObject | None = None, check_pool: RenderPool | None = None) -> None:
        """`pool` renders the run; `check_pool` (default: `pool`) checks the rows, best
        one whose worker is warm (the window's preview pool)."""
        super().__init__(parent)
        self.campaign, self.templates, self.piece, self.pool = campaign, templates, piece, pool
        self.check_pool = check_pool or pool
        self.options = options or BatchOptions()
        self.path: Path | None = None
        self.table: sheets.Table | None = None
        self.template_id = next(iter(templates))
        self.size: str | None = None
        self.segment = ""  # one segment for every row (slug)
        self.by_column = False  # ... or each row's from `segment_column`
        self.segment_column = ""
        self.mapping: dict[str, str] = {}  # column header -> field id
        self.plan: BatchPlan | None = None  # as the run will use it
        self.plan_before_places: BatchPlan | None = None  # as the sheet has it (for Undo)
        self.status: dict[int, str] | None = None  # row -> problem, "" = valid; None: unchecked
        self.places: dict[int, RowPlaces] = {}
        self.busy_planning = False  # a plan is being made: the one shown is about to change
        self.planned_settings: jobs.BatchSettings | None = None
        self.outcome: BatchOutcome | None = None
        self.resume_dir: Path | None = None  # a stopped run's folder, continued by the next
        self._rows_stopped = 0  # rows the stopped run(s) in `resume_dir` finished
        self._resuming = False
        self.run_task: Task | None = None
        self._read_generation = self._plan_generation = 0
        self._io = Lane("batch-sheet")
        self._runner = Lane("batch-run")
        self._replan_timer = QTimer(self, singleShot=True, interval=REPLAN_DELAY_MS)
        self._replan_timer.timeout.connect(self.replan)

    # --- choices ---------------------------------------------------------------------------

    @property
    def template(self) -> Template:
        return self.templates[self.template_id]

    def source_piece(self) -> Piece | None:
        """The piece whose edited values fill the fields the sheet has no column for: the
        open piece if it uses the chosen template, else the campaign's first that does."""
        if self.piece is not None and self.piece.template == self.template_id:
            return self.piece
        return next((p for p in self.campaign.pieces if p.template == self.template_id), None)

    def constants(self) -> dict[str, Any]:
        """Values for the fields the sheet has no column for (see `source_piece`)."""
        piece = self.source_piece()
        return dict(piece.values) if piece is not None else {}

    def piece_look(self) -> dict[str, Any]:
        """The source piece's placement and look, which the rows wear (BatchSettings)."""
        piece = self.source_piece()
        return {} if piece is None else {"adjust": dict(piece.adjust), "look": piece.look}

    def set_template(self, template_id: str) -> None:
        """Another template: its first size, the columns matched to its fields again."""
        self.template_id = template_id
        template = self.template
        self.size = template.sizes[0].id if template.is_visual and template.sizes else None
        self.resume_dir = None
        if self.table is not None:
            self.auto_match()
        self.schedule_replan()

    def set_size(self, size: str | None) -> None:
        self.size = size
        self.schedule_replan()

    def set_segment(self, slug: str) -> None:
        self.segment = slug
        self.schedule_replan()

    def set_segment_by_column(self, on: bool, column: str | None = None) -> None:
        self.by_column = on
        if column is not None:
            self.segment_column = column
        self.schedule_replan()

    def set_options(self, options: BatchOptions) -> None:
        self.options = options
        self.stateChanged.emit()

    def formats(self) -> tuple[str, ...]:
        if not self.template.is_visual:
            return ("txt",)
        return tuple(f for f in ("pdf", "png") if f in self.options.formats)

    # --- the sheet and the mapping ----------------------------------------------------------

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read the file on the lane; `loaded` follows, then the rows are checked."""
        self.path = path
        self._read_generation += 1
        generation = self._read_generation
        self._io.run(lambda _task: sheets.read_table(path, sheet or None), parent=self,
                     on_done=lambda table: self._sheet_read(generation, table, None),
                     on_error=lambda exc: self._sheet_read(generation, None, exc))

    def _sheet_read(self, generation: int, table: sheets.Table | None,
                    error: BaseException | None) -> None:
        if generation != self._read_generation:
            return
        self.resume_dir = None
        self.table = table
        self.plan = self.plan_before_places = self.planned_settings = None
        self.status, self.places = None, {}
        headers = table.headers if table else []
        self.segment_column = headers[0] if headers else ""
        column = next((h for h in headers if header_key(h) in SEGMENT_HEADERS), None)
        if column is not None:
            self.segment_column, self.by_column = column, True
        self.mapping = auto_map(headers, self.template) if table else {}
        self.mappingChanged.emit()
        self.loaded.emit(error)
        if table is not None:
            self.replan()
        else:
            self.stateChanged.emit()

    def auto_match(self) -> None:
        if self.table is None:
            return
        self.mapping = auto_map(self.table.headers, self.template)
        self.mappingChanged.emit()
        self.schedule_replan()

    def map_column(self, header: str, field_id: str | None) -> None:
        """Column `header` fills `field_id` (None: no field). One field, one column:
        a field taken by another column is taken from it."""
        mapping = {h: f for h, f in self.mapping.items() if h != header and f != field_id}
        if field_id:
            mapping[header] = field_id
        headers = self.table.headers if self.table else []
        self.mapping = {h: mapping[h] for h in headers if h in mapping}
        self.mappingChanged.emit()
        self.schedule_replan()

    def missing_fields(self) -> list[str]:
        """Required fields with no column, no value from the open piece and no default."""
        constants, mapped = self.constants(), set(self.mapping.values())
        return [f.id for f in self.template.fields
                if f.required and f.id not in mapped and not constants.get(f.id)
                and f.default in (None, "")]

    # --- checking every row ---------------------------------------------------------------

    def settings(self) -> jobs.BatchSettings | None:
        if self.path is None or self.table is None:
            return None
        template = self.template
        by_column = self.by_column and self.segment_column in self.table.headers
        return jobs.BatchSettings(
            path=self.path, sheet=self.table.sheet, template=template.id,
            size=self.size if template.is_visual else None, mapping=dict(self.mapping),
            segment=None if by_column else self.segment,
            segment_column=self.segment_column if by_column else None,
            constants=self.constants(),
            **self.piece_look())

    @property
    def replan_pending(self) -> bool:
        return self._replan_timer.isActive()

    def schedule_replan(self) -> None:
        """Check the rows again shortly (a burst of changes checks them once)."""
        if self.table is not None:
            self._replan_timer.start()
        self.stateChanged.emit()

    def replan(self) -> None:
        """Check every row again (on the lane) with the current choices."""
        self._replan_timer.stop()
        settings = self.settings()
        if settings is None or settings == self.planned_settings:
            self.stateChanged.emit()
            return
        self.planned_settings = settings
        if not settings.mapping or (settings.segment is None and not settings.segment_column):
            # The core's own message names command-line options: the window says it its way.
            self.plan = self.plan_before_places = None
            self.status, self.places = None, {}
            self.planChanged.emit()
            self.stateChanged.emit()
            self.planned.emit(UserError(
                "Chưa ghép cột nào của bảng tính với một trường của mẫu: chọn trường cho ít "
                "nhất một cột trong bảng «Ghép cột».",
                "No column of the sheet is matched to a field of the template: choose a "
                "field for at least one column in the column table.")
                if not settings.mapping else UserError(
                "Hãy chọn một đối tượng cho cả bảng, hoặc một cột đối tượng.",
                "Choose one segment for every row, or a segment column."))
            return
        # New place names applied stay applied to the rows checked again.
        self._check_rows("rows", jobs.check_rows, settings, self.campaign,
                         self.plan_before_places is not None)

    def _check_rows(self, what: str, work: Callable[..., jobs.Checked], *args: Any) -> None:
        """`work(*args)` in the check pool's process, waited for on the lane: the plan and
        (or None) its copy with the new place names; `_plan_made` shows it."""
        self._plan_generation += 1
        generation = self._plan_generation
        self.busy_planning = True
        self.planning.emit(what)
        self.stateChanged.emit()
        pool = self.check_pool

        def make(_task: Task) -> jobs.Checked:
            return pool.result(pool.submit(work, *args))

        self._io.run(make, parent=self,
                     on_done=lambda made: self._plan_made(generation, made, None),
                     on_error=lambda exc: self._plan_made(generation, None, exc))

    def _plan_made(self, generation: int, made: tuple[BatchPlan, BatchPlan | None] | None,
                   error: BaseException | None) -> None:
        if generation != self._plan_generation:
            return
        self.busy_planning = False
        if made is None:
            self.plan = self.plan_before_places = None
            self.status, self.places = None, {}
            self.planChanged.emit()
            self.stateChanged.emit()
        else:
            plan, applied = made
            self._show_plan(applied or plan, plan if applied else None)
        self.planned.emit(error)

    def _show_plan(self, plan: BatchPlan, before: BatchPlan | None) -> None:
        """`before` is the plan as the sheet has it when `plan` has the new place names."""
        self.plan, self.plan_before_places = plan, before
        status: dict[int, str] = {row.number: "" for row in plan.rows}
        for problem in plan.problems:
            text = i18n.pick(problem.vi, problem.en)
            status[problem.row] = f"{status[problem.row]}; {text}" \
                if status.get(problem.row) else text
        self.status, self.places = status, row_places(plan, before)
        self.planChanged.emit()
        self.stateChanged.emit()

    def row_problems(self, number: int) -> list[RowProblem]:
        """The row's own problems (unknown segment, …) from the last check."""
        return [p for p in self.plan.problems if p.row == number] if self.plan else []

    def row_piece(self, row: sheets.Row) -> Piece | None:
        """The piece one row makes, as the batch will render it."""
        settings = self.planned_settings
        if settings is None or self.plan is None:
            return None
        planned = next((r for r in self.plan.rows if r.number == row.number), None)
        if planned is not None:
            return Piece(settings.template, planned.segment, settings.size, planned.values,
                         adjust=settings.adjust, look=settings.look)
        values = dict(settings.constants)
        values.update({f: "" if row.values.get(c) is None else row.values[c]
                       for c, f in settings.mapping.items()})
        return Piece(settings.template, settings.segment or self.segment, settings.size, values,
                     adjust=settings.adjust, look=settings.look)

    # --- old place names ------------------------------------------------------------------

    @property
    def places_applied(self) -> bool:
        return self.plan_before_places is not None

    def can_toggle_places(self) -> bool:
        plan = self.plan
        return (plan is not None and not self.running and not self.busy_planning
                and (self.places_applied or any(n.issue.suggestion for n in plan.places)))

    def toggle_place_names(self) -> None:
        """Write every unambiguous new place name into this run's rows, or take them back."""
        if self.places_applied:
            self.undo_place_names()
        elif self.can_toggle_places():
            self.resume_dir = None  # other names: a stopped run's folder is not continued
            self._check_rows("places", jobs.apply_place_names, self.plan)

    def undo_place_names(self) -> None:
        """The rows as the sheet has them again (at once: that plan was kept)."""
        if self.plan_before_places is not None and self.can_toggle_places():
            self.resume_dir = None
            self._show_plan(self.plan_before_places, None)

    # --- running --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.run_task is not None

    def can_run(self) -> bool:
        plan = self.plan
        return (plan is not None and bool(plan.rows) and not self.running
                and not self.replan_pending and not self.busy_planning and bool(self.formats())
                and self.planned_settings == self.settings()
                and not (self.options.stop_on_error and plan.problems))

    def out_dir(self) -> Path:
        """A new folder per run, or the stopped run's (Continue)."""
        if self.resume_dir is not None:
            return self.resume_dir
        parent = Path(self.options.folder.strip() or ".").expanduser()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{slugify(self.campaign.name)[:40]}-hang-loat-{self.template_id}"
        return parent / f"{name}-{stamp}"

    def start(self) -> bool:
        """Render the valid rows (or, after Stop, those still missing); False if not now."""
        plan = self.plan
        if plan is None or not self.can_run():
            return False
        self.outcome = None
        self._resuming = self.resume_dir is not None
        # Valid rows start clean (a failure from an earlier run is not theirs any more).
        self.status = {**(self.status or {}), **dict.fromkeys((r.number for r in plan.rows), "")}
        run = _Run(plan, self.campaign, self.out_dir(),
                   RenderOptions(formats=self.formats(), png_width=1500, png_compress=1,
                                 exact=S.Settings().get(S.EXACT_PAGES)),
                   self.options.combined, self.resume_dir is not None, self.pool)
        self.run_task = self._runner.run(_run, run, parent=self, on_progress=self._progressed,
                                         on_done=self._done)
        self.planChanged.emit()
        self.started.emit()
        self.stateChanged.emit()
        return True

    def stop(self) -> None:
        """Stop now: kill the render processes instead of waiting for the chunk."""
        if self.run_task is not None:
            self.run_task.cancel()
            self.pool.terminate()

    def _progressed(self, progress: tuple[int, int, int, str]) -> None:
        done, total, row, problem = progress
        if problem and self.status is not None:
            self.status[row] = problem
        self.progressed.emit(done, total, row, problem)

    def _done(self, outcome: BatchOutcome) -> None:
        self.run_task = None
        self.outcome = outcome
        if self._resuming:  # the rows the stopped run made count too («Xong: 8 dòng»)
            outcome.rows_ok += self._rows_stopped
        if outcome.error is None:
            self.resume_dir = outcome.folder if outcome.cancelled else None
            self._rows_stopped = outcome.rows_ok if outcome.cancelled else 0
        self.stateChanged.emit()
        self.finished.emit(outcome)

    def shutdown(self) -> None:
        """The dialog closes: stop the processes (not close(): a warm-up still running
        must not be waited for) and drop any work not started."""
        self.pool.terminate()
        self._io.shutdown()
        self._runner.shutdown()
