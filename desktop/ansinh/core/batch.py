"""Batches: one spreadsheet row per village → banners, posters, scripts.

The work is a generator of `BatchEvent`s (row done, row failed, finished) that the CLI
shows as a progress bar and the GUI drives; closing the generator cancels at once.

1. `plan_batch` reads the sheet (`sheets`), maps columns to fields (by field id, label
   or alias, ignoring case and diacritics; `--map` overrides), takes the segment from a
   column or one for all, and validates every row before anything renders. Problems
   carry the row number Excel shows.
2. `run_batch` sends chunks of rows to worker processes. A worker lays a whole chunk out
   in ONE WeasyPrint pass (a shared head, one sheet per row), reads each page's boxes
   back (which row, overflow, line counts, the natural width of shrink-to-fit text),
   lays out again only the rows whose text must shrink, then writes each row's PDF and
   PNG (`render/chunk.py`: what the rows share is painted once per chunk). The parent
   writes files atomically under safe, unique names, streams every page into one
   combined print PDF (`pdfcopy`), and keeps `batch.json` (row → status) so a re-run can
   redo only the rows that failed.
3. A chunk stopped by a render limit (CPU time, memory, a worker that died) is sent
   again one row at a time, so only the row at fault fails, with its row number. A dead
   worker fails every chunk in flight on its pool, so a lone row it took down is tried
   once more with nothing else running before it is called at fault.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sheets
from .bundle import Bundle, BundleEntry
from .campaign import Adjust, Campaign, Look
from .checks import Check, error
from .errors import UserError
from .filenames import StagedFiles, atomic_output, make_output_folder, write_json_atomic
from .pdfcopy import PdfWriter, SourcePdf
from .places import PlaceIssue, apply_suggestions, find_place_issues
from .render.results import RenderOptions, RenderResult, RenderRow
from .render.session import Task
from .render.worker import RenderPool, RenderStopped, WorkerDied
from .safedata import parse_json, read_file
from .segments import Segment, load_segments
from .templates import Template, TemplateRegistry
from .templates.fields import resolve_fields

STATE_FILE = "batch.json"
SEGMENT_HEADERS = ("doi tuong", "doi tuong muc tieu", "nhom doi tuong", "segment")
DEFAULT_CHUNK = 40
MIN_CHUNK = 12  # below this a chunk's own work (its document, fonts, shared pages) shows


def header_key(text: str) -> str:
    """Compare headers as officers write them: no case, no diacritics, no punctuation."""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str | None
    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        message = self.en if lang == "en" else self.vi
        return f"Dòng {self.row}: {message}" if lang != "en" else f"Row {self.row}: {message}"


@dataclass
class BatchRow:
    number: int  # as Excel shows it
    segment: str
    values: dict[str, Any]
    name: str  # what the files are named after


@dataclass
class BatchPlan:
    template: Template
    size: str | None
    mapping: dict[str, str]  # column header -> field id
    segment_column: str | None
    rows: list[BatchRow]
    problems: list[RowProblem]
    total_rows: int
    sheet: str | None = None
    encoding: str = ""
    # Old-map place names in the rows' texts (warnings: the rows still render).
    places: list[PlaceNote] = field(default_factory=list)
    place_context: str = ""  # the campaign's unit and address: names the province
    adjust: dict[str, Adjust] = field(default_factory=dict)  # slots placed on the piece
    look: Look = field(default_factory=Look)  # the piece's layout, font and colours

    @property
    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems}

    def apply_place_suggestions(self) -> int:
        """Write the new name into every row whose old place name has exactly one;
        returns how many were replaced (the sheet file itself is not changed)."""
        by_row = {row.number: row for row in self.rows}
        applied = [n for n in self.places if n.issue.suggestion and n.row in by_row]
        for note in applied:
            values = by_row[note.row].values
            values[note.field] = apply_suggestions(str(values[note.field]), self.place_context)
            if by_row[note.row].name == note.text:  # the files are named after it too
                by_row[note.row].name = str(values[note.field])
        self.places = [n for n in self.places if n not in applied]
        return len(applied)


@dataclass(frozen=True)
class PlaceNote:
    """A row's field names a place that is not on the 2025 map."""

    row: int
    field: str
    text: str  # the field's whole text
    issue: PlaceIssue

    def text_for(self, lang: str = "vi") -> str:
        return RowProblem(self.row, self.field, self.issue.vi, self.issue.en).text(lang)


def auto_map(
    headers: list[str],
    template: Template,
    overrides: dict[str, str] | None = None,
    *,
    auto: bool = True,
) -> dict[str, str]:
    """Column → field: explicit overrides first, then (with `auto`) matching id, label
    or alias. Without `auto` the overrides are the whole mapping (the desktop app's
    table, where a column can be left out on purpose)."""
    mapping: dict[str, str] = {}
    keys = {}
    for spec in template.fields:
        for name in (spec.id.replace("_", " "), spec.label, spec.label_en, *spec.aliases):
            if name:
                keys.setdefault(header_key(name), spec.id)
    field_ids = {f.id for f in template.fields}
    for column, target in (overrides or {}).items():
        if column not in headers:
            raise UserError(
                f"Bảng tính không có cột «{column}» (có: {', '.join(headers)}).",
                f"The sheet has no column «{column}» (has: {', '.join(headers)}).",
            )
        if target not in field_ids:
            raise UserError(
                f"Mẫu «{template.id}» không có trường «{target}».",
                f"Template «{template.id}» has no field «{target}».",
            )
        mapping[column] = target
    taken = set(mapping.values())
    for column in headers if auto else ():
        target = keys.get(header_key(column))
        if column not in mapping and target and target not in taken:
            mapping[column] = target
            taken.add(target)
    return mapping


def _segment_lookup(segments: dict[str, Segment]) -> dict[str, str]:
    lookup = {}
    for segment in segments.values():
        lookup[header_key(segment.slug)] = segment.slug
        lookup[header_key(segment.name)] = segment.slug
    return lookup


def plan_batch(
    template_id: str,
    rows_path: Path,
    campaign: Campaign,
    *,
    size: str | None = None,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    segment: str | None = None,
    segment_column: str | None = None,
    constants: dict[str, Any] | None = None,
    registry: TemplateRegistry | None = None,
    auto: bool = True,
    adjust: dict[str, Adjust] | None = None,
    look: Look | None = None,
) -> BatchPlan:
    registry = registry or TemplateRegistry()
    template = registry.get(template_id)
    if size is not None or template.is_visual:
        size = template.size(size).id if template.is_visual else None
    segments = load_segments()
    headers, _, stream = sheets.iter_rows(rows_path, sheet)
    columns = auto_map(headers, template, mapping, auto=auto)
    if segment_column is None and segment is None:
        segment_column = next((h for h in headers if header_key(h) in SEGMENT_HEADERS), None)
    if segment_column is not None and segment_column not in headers:
        raise UserError(
            f"Bảng tính không có cột đối tượng «{segment_column}».",
            f"The sheet has no segment column «{segment_column}».",
        )
    if segment is None and segment_column is None:
        raise UserError(
            "Hãy chọn một đối tượng cho cả bảng (--segment) hoặc cột đối tượng.",
            "Choose one segment for all rows (--segment) or a segment column.",
        )
    if segment is not None and segment not in segments:
        raise UserError(f"Không có đối tượng «{segment}».", f"No segment «{segment}».")
    if not columns:
        raise UserError(
            f"Không cột nào khớp với trường của mẫu «{template.id}»; hãy ghép cột bằng --map.",
            f"No column matches a field of «{template.id}»; map columns with --map.",
        )
    lookup = _segment_lookup(segments)
    name_field = next(
        (f.id for f in template.fields if f.fit and f.id in columns.values()),
        next(iter(columns.values())),
    )
    base_dir = Path(rows_path).resolve().parent
    sheet_campaign = campaign.context()
    plan = BatchPlan(
        template,
        size,
        columns,
        segment_column,
        [],
        [],
        0,
        sheet=stream.sheet,
        encoding=stream.encoding,
        place_context=f"{campaign.unit}\n{campaign.address}",
        adjust=dict(adjust or {}),
        look=look or Look(),
    )
    with stream:
        for row in stream:
            plan.total_rows += 1
            values = dict(constants or {})
            values.update({columns[c]: row.values.get(c) for c in columns})
            row_segment = segment
            if segment_column is not None:
                raw = row.values.get(segment_column)
                row_segment = lookup.get(header_key(raw or ""), segment)
                if row_segment is None:
                    plan.problems.append(
                        RowProblem(
                            row.number,
                            None,
                            f"đối tượng «{raw or ''}» không có trong danh sách.",
                            f"unknown segment «{raw or ''}».",
                        )
                    )
                    continue
            values = {k: (v if v is not None else "") for k, v in values.items()}
            resolved = resolve_fields(template, values, sheet_campaign, base_dir)
            problems = [c for c in resolved.checks if c.is_error]
            plan.problems += [RowProblem(row.number, c.field, c.vi, c.en) for c in problems]
            if not problems:
                plan.places += [
                    PlaceNote(row.number, field_id, text, issue)
                    for field_id, text in resolved.texts.items() if field_id in values and text
                    for issue in find_place_issues(text, plan.place_context)
                ]
                values = {k: (str(v) if k in resolved.images else v) for k, v in values.items()}
                for image_field, path in resolved.images.items():
                    values[image_field] = str(path)
                plan.rows.append(
                    BatchRow(
                        row.number,
                        row_segment or "",
                        values,
                        str(resolved.texts.get(name_field) or ""),
                    )
                )
    return plan


# --- running (the rows themselves render in workers: render/chunk.py) --------------


@dataclass
class BatchEvent:
    kind: str  # "row" (done), "failed", "finished"
    done: int
    total: int
    row: int | None = None
    files: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    bundle: Bundle | None = None


def combine_pdfs(paths: list[Path], target: Path) -> int:
    """Join finished per-row PDFs into the one file the print shop asked for, streamed:
    one row file is read at a time (`pdfcopy`), so memory stays flat."""
    with atomic_output(target) as temp, open(temp, "wb") as out:
        writer = PdfWriter(out)
        for path in paths:
            writer.add_pages(SourcePdf(path.read_bytes()))
        return writer.finish()


def split_chunks(rows: list[BatchRow], chunk_size: int, workers: int) -> list[list[BatchRow]]:
    """Chunks of `chunk_size` rows that shrink towards the end (to `MIN_CHUNK`), so the
    workers run out of work together instead of one finishing a whole chunk alone; a
    last few rows join the chunk before them (a chunk costs ~40 ms besides its rows)."""
    chunks, start, chunk_size = [], 0, max(1, chunk_size)
    while start < len(rows):
        share = -(-(len(rows) - start) // (2 * workers))  # ceil: two rounds left per worker
        size = min(chunk_size, max(MIN_CHUNK, share))
        if len(rows) - start - size < MIN_CHUNK and len(rows) - start <= chunk_size:
            size = len(rows) - start
        chunks.append(rows[start : start + size])
        start += size
    return chunks


@dataclass
class _Task:
    """Rows one worker renders in one call."""

    rows: list[BatchRow]
    alone: bool = False  # nothing else in flight: if its worker dies, this row did it


def _after_failure(task: _Task, exc: UserError) -> list[_Task]:
    """What to run again after `task` stopped with `exc` (a limit, a dead worker): a
    chunk's rows one by one; a lone row a dead worker took down, alone. Nothing for a
    row that is at fault."""
    if len(task.rows) > 1:
        return [_Task([row]) for row in task.rows]
    if isinstance(exc, WorkerDied) and not task.alone:
        return [_Task(task.rows, alone=True)]
    return []


def check_formats(template: Template, formats: tuple[str, ...]) -> None:
    """A batch writes what the template makes for each row (`Template.outputs`: a
    visual piece's PDF and PNG, and its caption if it has one; a text piece's texts),
    nothing else: asking for another format is an error naming those it makes."""
    unknown = [f for f in formats if f not in template.outputs]
    if unknown or not formats:
        made = ", ".join(template.outputs)
        raise UserError(
            f"Mẫu «{template.id}» không tạo định dạng {', '.join(unknown) or '(trống)'}: "
            f"chỉ tạo {made}.",
            f"Template «{template.id}» does not make {', '.join(unknown) or '(none)'}: "
            f"it makes {made}.",
        )


def _load_state(folder: Path) -> tuple[dict[str, str], list[BundleEntry]]:
    """The previous run's row status and files; a damaged state file is an error, not a
    silent fresh start (and its file names must be plain names in this folder)."""
    path = folder / STATE_FILE
    if not path.exists():
        return {}, []
    state = parse_json(read_file(path, "Tệp trạng thái"), "Tệp trạng thái", path=str(path))
    try:
        rows = state["rows"]
        if not all(k.isdigit() and isinstance(v, str) for k, v in rows.items()):
            raise ValueError(rows)
        entries = [BundleEntry(**e) for e in state.get("entries", [])]
        if not all(isinstance(e.file, str) and e.file == Path(e.file).name
                   and e.file not in ("", ".", "..") for e in entries):
            raise ValueError(entries)
    except (TypeError, KeyError, AttributeError, ValueError):
        raise UserError(
            f"Tệp {STATE_FILE} của lần chạy trước bị hỏng; không biết dòng nào đã xong. "
            "Hãy chạy lại cả lô (bỏ --only-failed) vào thư mục này.",
            f"The previous run's {STATE_FILE} is damaged; which rows were done is unknown. "
            "Run the whole batch again (without --only-failed) into this folder.",
            path=str(path),
        ) from None
    return rows, entries


def run_batch(
    plan: BatchPlan,
    campaign: Campaign,
    out_dir: Path,
    options: RenderOptions | None = None,
    *,
    jobs: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    only_failed: bool = False,
    combined: bool = True,
    pool: RenderPool | None = None,
) -> Iterator[BatchEvent]:
    """Render the plan's valid rows into `out_dir`; see the module docstring."""
    options = options or RenderOptions(
        formats=plan.template.outputs, png_width=1500, png_compress=1
    )
    check_formats(plan.template, options.formats)
    make_output_folder(out_dir)
    status, kept = _load_state(out_dir) if only_failed else ({}, [])
    done_before = {int(k) for k, v in status.items() if v == "ok"}
    rows = [r for r in plan.rows if r.number not in done_before]
    bundle = Bundle(out_dir.parent, campaign, folder=out_dir, entries=kept)
    segments = load_segments()
    for problem in plan.problems:
        status[str(problem.row)] = "invalid"
    own_pool = pool is None
    pool = pool or RenderPool(workers=jobs)
    if plan.template.multipage:  # one row per document: its page numbers start at 1
        chunk_size = 1
    pending = deque(_Task(chunk) for chunk in split_chunks(rows, chunk_size, pool.workers))
    # Keep two chunks per worker in flight: enough to stay busy, and memory stays flat
    # because a chunk's results are dropped as soon as its files are written.
    in_flight: deque[tuple[_Task, Future]] = deque()
    depth = max(2, pool.workers * 2)

    def submit() -> None:
        while pending and len(in_flight) < depth:
            if in_flight and (pending[0].alone or in_flight[0][0].alone):
                return  # a task that must run alone waits for, or holds, the pool
            task = pending.popleft()
            future = pool.submit(
                Task.RENDER_ROWS.run,
                plan.template.id,
                [
                    RenderRow(row.number, row.segment, row.values, plan.adjust, plan.look)
                    for row in task.rows
                ],
                plan.size,
                campaign,
                options,
            )
            in_flight.append((task, future))

    size = plan.template.size(plan.size) if plan.size else None
    done = 0
    finished = False
    try:
        submit()
        while in_flight:
            task, future = in_flight.popleft()
            try:
                rendered = list(zip(task.rows, pool.result(future), strict=True))
            except RenderStopped:
                raise  # cancelled: nothing to try again
            except UserError as exc:
                again = _after_failure(task, exc)
                pending.extendleft(reversed(again))  # before the chunks not started yet
                row, check = task.rows[0], error("limit", exc.vi, exc.en)
                failed = RenderResult(plan.template, size, segments[row.segment], [check], [])
                rendered = [] if again else [(row, failed)]
            submit()
            items = []
            for row, result in rendered:
                entries, files = bundle.files_for(result, row.number, row.name, row.number)
                items.append((row, result, entries, files))
            # The chunk's files are written and synced together; each row's are moved into
            # place just before its event, so a stop between two events leaves exactly
            # the reported rows' files (the others' are removed on leaving the block).
            with StagedFiles([file for *_, files in items for file in files]) as staged:
                for row, result, entries, files in items:
                    staged.place([path for path, _ in files])
                    bundle.record(result, row.number, row.number, entries)
                    done += 1
                    status[str(row.number)] = "ok" if entries else "failed"
                    yield BatchEvent(
                        "row" if entries else "failed",
                        done,
                        len(rows),
                        row.number,
                        [e.file for e in entries],
                        result.checks,
                        bundle,
                    )
        finished = True
    finally:
        for _, future in in_flight:
            future.cancel()
        if not finished:
            pool.terminate()  # cancel: stop the workers now, they hold no open files
        if own_pool:
            pool.close()
        row_pdfs = sorted(
            (e.row or 0, e.file) for e in bundle.entries if e.format == "pdf" and e.role == "piece"
        )
        if finished and combined and row_pdfs:
            name = f"{plan.template.id}-tat-ca-{len(row_pdfs)}-dong.pdf"
            combine_pdfs([out_dir / file for _, file in row_pdfs], out_dir / name)
            bundle.combined = name
        state = {
            "template": plan.template.id,
            "size": plan.size,
            "rows": status,
            "entries": (vars(e) for e in bundle.entries),
            "finished": finished,
        }
        write_json_atomic(out_dir / STATE_FILE, state, sync_folder=False)
        bundle.close()  # syncs the folder once for every file of the batch
    yield BatchEvent("finished", done, len(rows), bundle=bundle)
