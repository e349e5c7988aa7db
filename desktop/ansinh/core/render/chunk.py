"""Many rows of one template in one WeasyPrint pass (a batch worker's job).

Laying out N pages in one document is ~20× cheaper than N documents: the stylesheet,
fonts and images are parsed once. Pages are matched back to rows through the
`data-row` of each sheet; a row whose shrink-to-fit text is too wide is laid out again
(only those rows, in a second shared pass) at the size that fits, and text every row
shares (the slogan) is measured on one row before a worker's first chunk.

Rows that differ only in some fields are laid out in two paint layers (`layers`): a
shared page paints what the rows have in common, each row's own page only its fields
(on a banner, the village name, from a strip: `strip`). WeasyPrint writes all the
chunk's pages as one PDF; each row's PDF is copied out of it (`pdfcopy`) with its own
metadata, its page drawn over the shared one, and its PNG is its page rasterized over
the shared page's pixels. A row whose layers would not add up to its whole page is
laid out whole."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium

from ..campaign import Campaign, Piece
from ..checks import Check, error
from ..errors import UserError
from ..pdfcopy import PdfWriter, SourcePdf
from ..segments import load_segments
from ..templates.registry import current_registry
from . import engine, layers, layout
from .layers import Shared
from .piece import (
    Artifact,
    Prepared,
    RenderOptions,
    fit_sizes,
    layout_checks,
    metadata,
    png_artifact,
    png_underlay,
    prepare,
    refused_checks,
    render_html,
    render_text,
    write_pdf,
)

if TYPE_CHECKING:
    from weasyprint.document import Page

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
def _segments() -> dict:
    return load_segments()


# Shrink-to-fit sizes already measured in this worker, by (stylesheets, field, text,
# large type): a slogan shared by every row is measured once, not once per chunk, so the
# second layout pass only takes the rows whose own text needs shrinking. The stylesheets
# (template, size, campaign: a logo moves the slots) tell one layout from another.
_FIT_CACHE: dict[tuple, float] = {}


def _fit_context(prepared: Prepared, options: RenderOptions) -> int:
    start, _ = fit_sizes(prepared.template, None, {})
    head = render_html(prepared, current_registry(), options, start, "head")
    return hash((prepared.template.folder, tuple(layout.STYLE.findall(head))))


def _fit_key(prepared: Prepared, field_id: str, context: int) -> tuple:
    text = prepared.resolved.texts.get(field_id, "")
    return (context, field_id, text, prepared.segment.large_type)


def _known_fit(prepared: Prepared, context: int) -> dict[str, float]:
    start, _ = fit_sizes(prepared.template, None, {})
    return {f: _FIT_CACHE.get(_fit_key(prepared, f, context), pt) for f, pt in start.items()}


def _remember_fit(prepared: Prepared, fit: dict[str, float], context: int) -> None:
    if len(_FIT_CACHE) > 50_000:  # bounded memory for very long batches
        _FIT_CACHE.clear()
    for field_id, pt in fit.items():
        _FIT_CACHE[_fit_key(prepared, field_id, context)] = pt


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
    """The row's document information dictionary: what WeasyPrint writes from
    `_set_metadata`."""
    meta = metadata(prepared)
    keywords = [k.strip() for k in meta["Keywords"].split(",")]
    custom = _custom_metadata(meta)
    return engine.info_dictionary(meta["Title"], meta["Subject"], keywords, custom, generator or "")


def _write_rows(
    document, rows: list[tuple[RowOutput, Prepared, list[Page], Shared | None]], options
) -> None:
    """The rows' PDFs and PNGs from their pages (each drawn over its shared page, if
    any). WeasyPrint writes all those pages as one PDF, so fonts are subset once, not
    per row; each row's PDF is copied out of it with the row's own metadata, its page
    drawn over its shared page. PNGs are rasterized from that PDF's pages, a row's own
    page over its shared page's pixels (rendered once per worker): the same drawing as
    its PDF. PDF/X-4 also keeps metadata in the catalogue's XMP, so there `rows` is
    one row, written as it is, by `document` (its layout's)."""
    wanted: dict[int, Page] = {}
    for _, _, own, under in rows:
        for page in ([under.page] if under else []) + own:
            wanted.setdefault(id(page), page)
    single = document.copy(list(wanted.values()))
    if options.pdf_x4:
        _set_metadata(single, rows[0][1])
    pdf = write_pdf(single, options, rows[0][1].size)
    at = {key: n for n, key in enumerate(wanted)}  # page -> its index in `pdf`
    source = None if options.pdf_x4 else SourcePdf(pdf)
    lang = document.metadata.lang
    catalogue = b"/Lang " + engine.pdf_string(lang) if lang else b""
    pages = pdfium.PdfDocument(pdf) if "png" in options.formats else None
    try:
        for output, prepared, own, under in rows:
            own_pdf = pdf
            if source is not None:
                buffer = io.BytesIO()
                writer = PdfWriter(buffer)
                below = None if under is None else source.pages[at[id(under.page)]]
                writer.add_pages(source, [source.pages[at[id(p)]] for p in own], below)
                writer.finish(_info(prepared, document.metadata.generator), catalogue)
                own_pdf = buffer.getvalue()
            if "pdf" in options.formats:
                output.artifacts.append(Artifact("pdf", "piece", own_pdf, {"pages": len(own)}))
            if pages is not None:
                pixels = None
                if under is not None:
                    if under.underlay is None or under.underlay[0] != options:
                        drawn = png_underlay(pages, at[id(under.page)], prepared, options)
                        layers.keep_pixels(under, options, drawn)
                    pixels = under.underlay[1]
                png = png_artifact(pages, at[id(own[0])], prepared, options, pixels)
                output.artifacts.append(png)
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
    registry, outputs, items = current_registry(), {}, []
    for row in rows:
        try:
            prepared = prepare(
                Piece(template_id, row.segment, size, row.values), campaign, registry, _segments()
            )
        except UserError as exc:
            outputs[row.number] = RowOutput(row.number, [error("value", exc.vi, exc.en)])
            continue
        items.append((row, prepared))
    if items and not items[0][1].template.is_visual:
        for row, prepared in items:
            result = render_text(prepared, registry)
            outputs[row.number] = RowOutput(row.number, result.checks, result.artifacts)
        return [outputs[row.number] for row in rows]
    if not items:
        return [outputs[row.number] for row in rows]

    template = items[0][1].template
    varying = layers.varying([p for _, p in items])
    fields = layers.layered([p for _, p in items], varying, options)
    # Shrink-to-fit text every row shares (the slogan) that this worker has not measured
    # yet is measured on one row first: else its first chunk is laid out twice.
    first_row, first = items[0]
    context = _fit_context(first, options)
    start = _known_fit(first, context)
    shared = set(start) - varying
    if len(items) > 1 and any(_fit_key(first, f, context) not in _FIT_CACHE for f in shared):
        probe = layers.lay_out([(first_row, first, start)], options, [])
        measured = fit_sizes(template, probe.reports.get(first_row.number), start)[0]
        _remember_fit(first, measured, context)
    fits = {row.number: _known_fit(prepared, context) for row, prepared in items}
    where = layers.layouts([(row, p, fits[row.number]) for row, p in items], options, fields)
    problems: dict[int, list[Check]] = {}
    redo = []
    for row, prepared in items:
        report = where[row.number].reports.get(row.number)
        fit, problems[row.number] = fit_sizes(template, report, fits[row.number])
        _remember_fit(prepared, fit, context)
        if fit != fits[row.number]:
            fits[row.number] = fit
            redo.append((row, prepared, fit))
    if redo:
        where.update(layers.layouts(redo, options, fields))
    # Rows whose two layers would not add up to their whole page are laid out whole.
    whole = [(r, p, fits[r.number]) for r, p in items if not where[r.number].adds_up(r.number)]
    if whole:
        laid = layers.lay_out(whole, options, [])
        where.update({row.number: laid for row, _, _ in whole})
    refused = [url for laid in {id(w): w for w in where.values()}.values() for url in laid.refused]

    to_write: dict[int, tuple[Any, list]] = {}  # one PDF for the chunk (per row for PDF/X-4)
    for row, prepared in items:
        laid = where[row.number]
        pages, report = laid.pages.get(row.number, []), laid.reports.get(row.number)
        checks = prepared.checks + problems[row.number]
        checks += layout_checks(prepared, len(pages), report)
        output = RowOutput(row.number, checks)
        outputs[row.number] = output
        if output.ok:  # nothing is written for a row that would print wrong
            output.checks += refused_checks(refused)
            group = row.number if options.pdf_x4 else 0
            under = laid.under.get(row.number)
            written = to_write.setdefault(group, (laid.document, []))[1]
            written.append((output, prepared, pages, under))
    for document, written in to_write.values():
        _write_rows(document, written, options)
    return [outputs[row.number] for row in rows]
