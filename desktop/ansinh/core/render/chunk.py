"""Many rows of one template in one WeasyPrint pass (a batch worker's job).

Laying out N pages in one document is ~20× cheaper than N documents: the stylesheet,
fonts and images are parsed once. Pages are matched back to rows through the
`data-row` of each sheet; a row whose shrink-to-fit text is too wide is laid out again
(only those rows, in a second shared pass) at the size that fits. Each row then gets its
own PDF (`Document.copy` of its pages, with its own metadata) and PNG.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pydyf
import pypdfium2 as pdfium
import weasyprint

from ..campaign import Campaign, Piece
from ..checks import Check, error
from ..errors import UserError
from ..pdfcopy import PdfWriter, SourcePdf
from ..segments import load_segments
from ..templates.registry import TemplateRegistry
from . import layout
from .piece import (
    Artifact,
    Prepared,
    RenderOptions,
    fit_sizes,
    layout_checks,
    metadata,
    png_artifact,
    prepare,
    refused_checks,
    render_html,
    render_text,
    resource_roots,
    write_pdf,
)

if TYPE_CHECKING:
    from ..batch import BatchRow


@dataclass
class RowOutput:
    """What a worker hands back for one row: its checks and, if it may print, its files."""

    number: int
    checks: list[Check]
    artifacts: list[Artifact] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(c.is_error for c in self.checks)


@functools.cache
def _registry() -> TemplateRegistry:
    return TemplateRegistry()


@functools.cache
def _segments() -> dict:
    return load_segments()


# Shrink-to-fit sizes already measured in this worker, by (template, size, field, text,
# large type): a slogan shared by every row is measured once, not once per chunk, so the
# second layout pass only takes the rows whose own text needs shrinking.
_FIT_CACHE: dict[tuple, float] = {}


def _fit_key(prepared: Prepared, field_id: str) -> tuple:
    size = prepared.size.id if prepared.size else ""
    text = prepared.resolved.texts.get(field_id, "")
    return (prepared.template.id, size, field_id, text, prepared.segment.large_type)


def _known_fit(prepared: Prepared) -> dict[str, float]:
    start, _ = fit_sizes(prepared.template, None, {})
    return {f: _FIT_CACHE.get(_fit_key(prepared, f), pt) for f, pt in start.items()}


def _remember_fit(prepared: Prepared, fit: dict[str, float]) -> None:
    if len(_FIT_CACHE) > 50_000:  # bounded memory for very long batches
        _FIT_CACHE.clear()
    for field_id, pt in fit.items():
        _FIT_CACHE[_fit_key(prepared, field_id)] = pt


def _lay_out(items: list[tuple[Prepared, dict[str, float]]], options: RenderOptions):
    registry = _registry()
    first = items[0][0]
    html = [render_html(first, registry, options, items[0][1], "head")]
    html += [render_html(p, registry, options, fit, "sheet") for p, fit in items]
    html.append(render_html(first, registry, options, items[0][1], "tail"))
    roots = {root for p, _ in items for root in resource_roots(p, registry)}
    document, fetcher = layout.lay_out("".join(html), first.template.folder, sorted(roots))
    pages: dict[str, list[int]] = {}
    reports: dict[str, layout.PageReport] = {}
    for index, page in enumerate(document.pages):
        report = layout.inspect_page(page)
        if report.row is not None:
            pages.setdefault(report.row, []).append(index)
            reports.setdefault(report.row, report)
    return document, pages, reports, fetcher.refused


def _custom_metadata(meta: dict[str, str]) -> dict[str, str]:
    return {
        "ansinh-campaign": meta["Campaign"],
        "ansinh-channel": meta["Channel"],
        "ansinh-segment": meta["Segment"],
        "ansinh-template": meta["Template"],
    }


def _set_metadata(document, prepared: Prepared) -> None:
    meta = metadata(prepared)
    document.metadata.title = meta["Title"]
    document.metadata.description = meta["Subject"]
    document.metadata.keywords = [k.strip() for k in meta["Keywords"].split(",")]
    document.metadata.custom.update(_custom_metadata(meta))


def _info(prepared: Prepared, generator: str | None) -> bytes:
    """The row's document information dictionary, with the entries WeasyPrint writes
    from `_set_metadata` (custom keys keep only their letters and digits, as there)."""
    meta = metadata(prepared)
    entries = {
        "Producer": f"WeasyPrint {weasyprint.__version__}",
        "Title": meta["Title"],
        "Subject": meta["Subject"],
        "Keywords": ", ".join(k.strip() for k in meta["Keywords"].split(",")),
        "Creator": generator or "",
    }
    for key, value in _custom_metadata(meta).items():
        entries["".join(ch for ch in key if ch.isalnum())] = value
    return pydyf.Dictionary({k: pydyf.String(v) for k, v in entries.items() if v}).data


def _write_rows(document, rows: list[tuple[RowOutput, Prepared, list[int]]], options) -> None:
    """The rows' PDFs and PNGs from their pages of `document`. WeasyPrint writes all the
    rows' pages as one PDF (fonts are subset once, not per row) and each row's PDF is
    copied out of it with the row's own metadata; the PNGs are rasterized from that
    PDF's pages, the very objects the row's PDF holds. PDF/X-4 also keeps metadata in
    the catalogue's XMP, so there `rows` is one row, written as it is."""
    size = rows[0][1].size
    single = document.copy([document.pages[i] for _, _, indexes in rows for i in indexes])
    if options.pdf_x4:
        _set_metadata(single, rows[0][1])
    pdf = write_pdf(single, options, size)
    source = None if options.pdf_x4 else SourcePdf(pdf)
    lang = document.metadata.lang
    catalogue = b"/Lang " + pydyf.String(lang).data if lang else b""
    pages = pdfium.PdfDocument(pdf) if "png" in options.formats else None
    at = 0
    try:
        for output, prepared, indexes in rows:
            own = pdf
            if source is not None:
                buffer = io.BytesIO()
                writer = PdfWriter(buffer)
                writer.add_pages(source, source.pages[at : at + len(indexes)])
                writer.finish(_info(prepared, document.metadata.generator), catalogue)
                own = buffer.getvalue()
            if "pdf" in options.formats:
                output.artifacts.append(Artifact("pdf", "piece", own, {"pages": len(indexes)}))
            if pages is not None:
                output.artifacts.append(png_artifact(pages, at, prepared, options))
            at += len(indexes)
    finally:
        if pages is not None:
            pages.close()


def render_rows(
    template_id: str,
    rows: list[BatchRow],
    size: str | None,
    campaign: Campaign,
    options: RenderOptions,
) -> list[RowOutput]:
    registry, outputs, items = _registry(), {}, []
    for row in rows:
        try:
            prepared = prepare(
                Piece(template_id, row.segment, size, row.values), campaign, registry, _segments()
            )
        except UserError as exc:
            outputs[row.number] = RowOutput(row.number, [error("value", exc.vi, exc.en)])
            continue
        prepared.context["row_id"] = str(row.number)
        items.append((row, prepared))
    if items and not items[0][1].template.is_visual:
        for row, prepared in items:
            result = render_text(prepared, registry)
            outputs[row.number] = RowOutput(row.number, result.checks, result.artifacts)
        return [outputs[row.number] for row in rows]
    if not items:
        return [outputs[row.number] for row in rows]

    template = items[0][1].template
    starts = [_known_fit(prepared) for _, prepared in items]
    document, pages, reports, refused = _lay_out(
        [(p, start) for (_, p), start in zip(items, starts, strict=True)], options
    )
    final = {}  # row number -> (document, page indexes, report, fit problems)
    redo = []
    for (row, prepared), start in zip(items, starts, strict=True):
        key = str(row.number)
        fit, problems = fit_sizes(template, reports.get(key), start)
        _remember_fit(prepared, fit)
        if fit != start:
            redo.append((row, prepared, fit, problems))
        final[row.number] = (document, pages.get(key, []), reports.get(key), problems)
    if redo:
        again, pages2, reports2, refused2 = _lay_out([(p, fit) for _, p, fit, _ in redo], options)
        refused += refused2
        for row, _, _, problems in redo:
            key = str(row.number)
            final[row.number] = (again, pages2.get(key, []), reports2.get(key), problems)

    to_write: dict[int, tuple[object, list]] = {}  # per layout document
    for row, prepared in items:
        doc, indexes, report, problems = final[row.number]
        checks = prepared.checks + problems + layout_checks(prepared, len(indexes), report)
        output = RowOutput(row.number, checks)
        outputs[row.number] = output
        if output.ok:  # nothing is written for a row that would print wrong
            output.checks += refused_checks(refused)
            group = row.number if options.pdf_x4 else id(doc)
            to_write.setdefault(group, (doc, []))[1].append((output, prepared, indexes))
    for doc, rows_of_doc in to_write.values():
        _write_rows(doc, rows_of_doc, options)
    return [outputs[row.number] for row in rows]
