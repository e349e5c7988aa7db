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
   PNG. The parent writes files atomically under safe, unique names, streams every page
   into one combined print PDF, and keeps `batch.json` (row → status) so a re-run can
   redo only the rows that failed.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from . import sheets
from .bundle import Bundle, BundleEntry
from .campaign import Campaign
from .checks import Check
from .errors import UserError
from .filenames import LazyList, atomic_output, write_json_atomic
from .render.results import RenderOptions, RenderResult
from .render.worker import RenderPool, run_engine
from .segments import Segment, load_segments
from .templates import Template, TemplateRegistry
from .templates.fields import resolve_fields

STATE_FILE = "batch.json"
SEGMENT_HEADERS = ("doi tuong", "doi tuong muc tieu", "nhom doi tuong", "segment")
DEFAULT_CHUNK = 40
MIN_CHUNK = 8  # below this a chunk's shared work (stylesheet, fonts) starts to show


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

    @property
    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems}


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


# Strings are matched (and left alone) so that only real references are renumbered.
_REFERENCE = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|\b(\d+)\s+\d+\s+R\b")
_OBJECT_HEAD = re.compile(rb"\s*(\d+)\s+\d+\s+obj\b\s*")
_STREAM_START = re.compile(rb">>\s*stream\r?\n")


def _number(text: bytes, key: bytes) -> int:
    found = re.search(rb"/" + key + rb"\s+(\d+)", text)
    if found is None:
        raise ValueError(f"PDF dictionary without /{key.decode()}")
    return int(found.group(1))


def _body(data: bytes, start: int, end: int) -> bytes:
    """An object's text between "N G obj" and "endobj"."""
    head = _OBJECT_HEAD.match(data, start)
    if head is None:
        raise ValueError(f"no PDF object at byte {start}")
    return data[head.end() : data.rindex(b"endobj", start, end)].rstrip()


def _stream_data(body: bytes) -> bytes:
    opened = _STREAM_START.search(body)
    assert opened is not None
    data = body[opened.end() : opened.end() + _number(body[: opened.end()], b"Length")]
    return zlib.decompress(data) if b"/FlateDecode" in body[: opened.end()] else data


def _pdf_objects(data: bytes) -> tuple[dict[int, bytes], bytes]:
    """Every object of a PDF that WeasyPrint (pydyf) wrote — one cross-reference section,
    as a table or a stream, objects plain or in object streams — by number, and the
    trailer dictionary."""
    xref_at = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
    offsets: dict[int, int] = {}
    packed: dict[int, tuple[int, int]] = {}  # number -> (object stream, index)
    if data.startswith(b"xref", xref_at):
        trailer_at = data.index(b"trailer", xref_at)
        table = data[xref_at + 4 : trailer_at].split()
        i = 0
        while i < len(table):
            first, count = int(table[i]), int(table[i + 1])
            for k in range(count):
                offset, kind = table[i + 2 + 3 * k], table[i + 4 + 3 * k]
                if kind == b"n":
                    offsets[first + k] = int(offset)
            i += 2 + 3 * count
        trailer = data[trailer_at + 7 : data.index(b"startxref", trailer_at)]
    else:
        trailer = _body(data, xref_at, len(data))
        widths = [int(w) for w in re.search(rb"/W\s*\[([\d\s]+)\]", trailer).group(1).split()]
        index = re.search(rb"/Index\s*\[([\d\s]+)\]", trailer)
        ranges = index.group(1).split() if index else [0, _number(trailer, b"Size")]
        ranges = [int(n) for n in ranges]
        rows, at = _stream_data(trailer), 0
        for first, count in zip(ranges[::2], ranges[1::2], strict=True):
            for number in range(first, first + count):
                fields = []
                for width in widths:
                    fields.append(int.from_bytes(rows[at : at + width], "big") if width else 1)
                    at += width
                if fields[0] == 1:
                    offsets[number] = fields[1]
                elif fields[0] == 2:
                    packed[number] = (fields[1], fields[2])
        trailer = trailer[: _STREAM_START.search(trailer).start() + 2]
    following = dict(itertools.pairwise(sorted({*offsets.values(), xref_at, len(data)})))
    objects = {n: _body(data, at, following[at]) for n, at in offsets.items()}
    streams: dict[int, list[bytes]] = {}
    for number, (holder, index_in) in packed.items():
        if holder not in streams:
            body = objects[holder]
            content, first = _stream_data(body), _number(body, b"First")
            header = [int(n) for n in content[:first].split()]
            starts = [first + offset for offset in header[1::2]] + [len(content)]
            streams[holder] = [content[a:b].strip() for a, b in itertools.pairwise(starts)]
        objects[number] = streams[holder][index_in]
    return objects, trailer


def _copy_pages(data: bytes, out: BinaryIO, offsets: list[int]) -> list[int]:
    """Append one PDF's pages to `out` as objects numbered on from `len(offsets)`, and
    their offsets to `offsets`; returns the pages' new numbers. Objects are numbered as
    they are first referred to and written in that order: the pages and everything
    they reach, nothing else. A page's /Parent becomes the combined page tree (2)."""
    objects, trailer = _pdf_objects(data)
    root = objects[int(re.search(rb"/Root\s+(\d+)", trailer).group(1))]
    tree = int(re.search(rb"/Pages\s+(\d+)", root).group(1))
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", objects[tree]).group(1)
    pages = [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", kids)]
    queue = deque(pages)  # numbered, not yet written; the first is being written
    numbers = {tree: 2} | {page: len(offsets) + i for i, page in enumerate(pages)}

    def swap(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)  # a string
        number = int(match.group(1))
        if number not in numbers:
            numbers[number] = len(offsets) + len(queue)
            queue.append(number)
        return b"%d 0 R" % numbers[number]

    while queue:
        body = objects[queue[0]]
        opened = _STREAM_START.search(body)
        split = opened.start() if opened else len(body)
        head = _REFERENCE.sub(swap, body[:split])
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % numbers[queue.popleft()])
        out.write(head + body[split:] + b"\nendobj\n")
    return [numbers[page] for page in pages]


def combine_pdfs(paths: list[Path], target: Path) -> int:
    """Join finished per-row PDFs into the one file the print shop asked for.

    Streamed: each row's pages and what they use (fonts, images, content) are copied
    with new object numbers as the row is read, and only byte offsets are kept, so
    memory stays flat however many rows there are. Object 1 is the catalogue and 2 the
    page tree, written last."""
    offsets: list[int] = [0, 0, 0]
    kids: list[int] = []
    with atomic_output(target) as temp, open(temp, "wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for path in paths:
            kids += _copy_pages(path.read_bytes(), out, offsets)
        offsets[2] = out.tell()
        refs = b" ".join(b"%d 0 R" % kid for kid in kids)
        out.write(b"2 0 obj\n<</Type /Pages /Kids [%s] /Count %d>>\nendobj\n" % (refs, len(kids)))
        offsets[1] = out.tell()
        out.write(b"1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n")
        xref_at = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(offsets))
        out.writelines(b"%010d 00000 n \n" % offset for offset in offsets[1:])
        out.write(b"trailer\n<</Size %d /Root 1 0 R>>\n" % len(offsets))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return len(kids)


def split_chunks(rows: list[BatchRow], chunk_size: int, workers: int) -> list[list[BatchRow]]:
    """Chunks of `chunk_size` rows that shrink towards the end (to `MIN_CHUNK`), so the
    workers run out of work together instead of one finishing a whole chunk alone."""
    chunks, start = [], 0
    while start < len(rows):
        share = -(-(len(rows) - start) // (2 * workers))  # ceil: two rounds left per worker
        size = min(chunk_size, max(MIN_CHUNK, share))
        chunks.append(rows[start : start + size])
        start += size
    return chunks


def _load_state(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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
    options = options or RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1)
    out_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(out_dir) if only_failed else {}
    done_before = {int(k) for k, v in state.get("rows", {}).items() if v == "ok"}
    rows = [r for r in plan.rows if r.number not in done_before]
    kept = [BundleEntry(**e) for e in state.get("entries", [])] if only_failed else []
    bundle = Bundle(out_dir.parent, campaign, folder=out_dir, entries=kept)
    segments = load_segments()
    status: dict[str, str] = dict(state.get("rows", {}))
    for problem in plan.problems:
        status[str(problem.row)] = "invalid"
    own_pool = pool is None
    pool = pool or RenderPool(workers=jobs)
    chunks = split_chunks(rows, chunk_size, pool.workers)
    # Keep two chunks per worker in flight: enough to stay busy, and memory stays flat
    # because a chunk's results are dropped as soon as its files are written.
    in_flight: deque[Future] = deque()
    upcoming = iter(chunks)

    def submit_next() -> None:
        rows_of_chunk = next(upcoming, None)
        if rows_of_chunk is not None:
            in_flight.append(
                pool.submit(
                    run_engine,
                    "chunk:render_rows",
                    plan.template.id,
                    rows_of_chunk,
                    plan.size,
                    campaign,
                    options,
                )
            )

    done = 0
    finished = False
    try:
        for _ in range(max(2, pool.workers * 2)):
            submit_next()
        for chunk_rows in chunks:
            outputs = pool.result(in_flight.popleft())
            submit_next()
            by_number = {r.number: r for r in chunk_rows}
            for output in outputs:
                done += 1
                row = by_number[output.number]
                result = RenderResult(
                    plan.template,
                    plan.template.size(plan.size) if plan.size else None,
                    segments[row.segment],
                    output.checks,
                    output.artifacts,
                )
                entries = bundle.add(result, row.number, label=row.name, row=row.number)
                status[str(row.number)] = "ok" if entries else "failed"
                yield BatchEvent(
                    "row" if entries else "failed",
                    done,
                    len(rows),
                    row.number,
                    [e.file for e in entries],
                    output.checks,
                    bundle,
                )
        finished = True
    finally:
        for future in in_flight:
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
            "entries": LazyList(vars(e) for e in bundle.entries),
            "finished": finished,
        }
        write_json_atomic(out_dir / STATE_FILE, state, sync_folder=False)
        bundle.close()  # syncs the folder once for every file of the batch
    yield BatchEvent("finished", done, len(rows), bundle=bundle)
