"""Many rows of one template in one WeasyPrint pass (a batch worker's job).

Laying out N pages in one document is ~20× cheaper than N documents: the stylesheet,
fonts and images are parsed once. Pages are matched back to rows through the
`data-row` of each sheet; a row whose shrink-to-fit text is too wide is laid out again
(only those rows, in a second shared pass) at the size that fits, and text every row
shares (the slogan) is measured on one row before a worker's first chunk.

Rows that differ only in some fields are laid out in two paint layers (`_layer_css`):
per segment one shared page paints what the rows have in common, each row's own page
only its fields. WeasyPrint writes all the chunk's pages as one PDF; each row's PDF is
copied out of it (`pdfcopy`) with its own metadata, its page drawn over the shared one,
and its PNG is its page rasterized over the shared page's pixels. A row whose layers
would not add up to its whole page is laid out whole."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pydyf
import pypdfium2 as pdfium
import weasyprint

from ..campaign import Campaign, Piece
from ..checks import Check, error
from ..errors import UserError
from ..pdfcopy import PdfWriter, SourcePdf
from ..segments import load_segments
from ..templates.registry import current_registry
from . import layout, strip
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
    resource_roots,
    write_pdf,
)
from .raster import Underlay

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


# Words a sheet's data-row carries after its row number (or, for the page a group of
# rows shares, its segment) when a chunk is laid out in two paint layers.
_OWN, _SHARED = "row-layer", "shared-layer"
_MIN_LAYERED = 3  # rows per shared page below which layers cost more than they save


def _varying(prepared: list[Prepared]) -> set[str]:
    """The fields whose values differ between the rows."""
    first = prepared[0].resolved.values
    return {f for p in prepared[1:] for f, v in p.resolved.values.items() if v != first.get(f)}


def _layered(prepared: list[Prepared], varying: set[str], options: RenderOptions) -> list[str]:
    """The fields the rows' own pages show, if the chunk is worth laying out in layers
    (`_layer_css`); else none. PDF/X-4 rows are written whole by WeasyPrint."""
    groups = {p.segment.slug for p in prepared}  # everything else is the same within one
    if options.pdf_x4 or len(prepared) < _MIN_LAYERED * len(groups):
        return []
    return sorted(varying)


def _layer_css(fields: list[str]) -> str:
    """Paint layers for rows that differ only in `fields`: the page each segment's rows
    share paints all but those fields, a row's own page only them. Visibility, not
    display: every page keeps every box, so the layout and its checks are the whole
    page's, and each row's PDF draws its own page over the shared one. Visibility is
    inherited, so the rules name only the sheet and the slots (a template that sets it
    on other elements makes `_Layout.adds_up` fail: those rows are laid out whole)."""

    def slots(scope: str) -> str:
        return ", ".join(f'[data-row~="{scope}"] [data-field="{f}"]' for f in fields)

    return (
        f"<style>{slots(_SHARED)} {{ visibility: hidden !important; }}\n"
        f'[data-row~="{_OWN}"] {{ visibility: hidden !important; }}\n'
        f"{slots(_OWN)} {{ visibility: visible !important; }}</style>"
    )


@dataclass
class _Layout:
    """One WeasyPrint pass over some rows of a chunk."""

    document: Any
    fields: list[str]  # laid out in layers when not empty
    pages: dict[int, list[int]] = field(default_factory=dict)  # row number -> page indexes
    reports: dict[int, layout.PageReport] = field(default_factory=dict)
    shared: dict[str, int] = field(default_factory=dict)  # segment -> its shared page
    refused: list[str] = field(default_factory=list)
    shared_layers: dict[str, list[tuple] | None] = field(default_factory=dict)  # paint_layer
    stripped: set[int] = field(default_factory=set)  # rows whose own page a strip gave
    unstripped: list[int] = field(default_factory=list)  # rows a strip could not show

    def adds_up(self, number: int, prepared: Prepared) -> bool:
        """Whether the row's page drawn over its shared page is the whole page."""
        if not self.fields or len(self.pages.get(number, [])) != 1 or number in self.stripped:
            return True  # not layered, not written (a row on two pages is an error) or checked
        fields, slug = set(self.fields), prepared.segment.slug
        if slug not in self.shared_layers:
            shared = self.document.pages[self.shared[slug]]
            self.shared_layers[slug] = layout.paint_layer(shared, fields, own=False)
        own = self.document.pages[self.pages[number][0]]
        mine = layout.paint_layer(own, fields, own=True)
        return mine is not None and mine == self.shared_layers[slug]

    def take_strips(
        self, strips: dict[str, list[int]], at: dict[str, int], bases: dict[str, layout.PageReport]
    ) -> None:
        """Each row's own page cut out of its segment's strip page (`at`), with the
        report of its whole page: its shared page's (`bases`), its own slots' from the
        strip."""
        for slug, numbers in strips.items():
            shared = self.document.pages[self.shared[slug]]
            pages = strip.split(shared, self.document.pages[at[slug]], self.fields, numbers) or {}
            base = bases[slug]
            for number in numbers:
                if number not in pages:
                    self.unstripped.append(number)
                    continue
                own = layout.inspect_page(pages[number])
                self.pages[number] = [len(self.document.pages)]
                self.document.pages.append(pages[number])
                slots = {**base.slots, **own.slots}
                stray = base.stray_overflow or own.stray_overflow
                self.reports[number] = layout.PageReport(slots, stray, str(number))
                self.stripped.add(number)


def _lay_out(
    items: list[tuple[BatchRow, Prepared, dict[str, float]]],
    options: RenderOptions,
    fields: list[str],
    strips: bool = True,
) -> _Layout:
    """One pass over `items`, in paint layers when `fields`; rows that may are laid out
    in strips (see `strip`)."""
    registry = current_registry()
    first, first_fit = items[0][1], items[0][2]
    head = render_html(first, registry, options, first_fit, "head")
    sheets, shared, strip_rows = [], {}, {}
    if fields:  # each segment's shared page, from its first row
        head = head.replace("</head>", _layer_css(fields) + "</head>", 1)
        for _, p, fit in items:
            if p.segment.slug not in shared:
                row_id = f"{p.segment.slug} {_SHARED}"
                shared[p.segment.slug] = render_html(p, registry, options, fit, "sheet", row_id)
        sheets = list(shared.values())
    strips = strips and bool(fields) and strip.position_free(head)
    references = {slug: strip.slot_parts(html, fields) for slug, html in shared.items()}
    elements: dict[str, list[str]] = {}
    for row, p, fit in items:
        row_id = f"{row.number} {_OWN}" if fields else str(row.number)
        sheet = render_html(p, registry, options, fit, "sheet", row_id)
        parts = strip.slot_parts(sheet, fields) if strips else None
        reference = references.get(p.segment.slug)
        if parts is not None and reference is not None and parts[0] == reference[0]:
            strip_rows.setdefault(p.segment.slug, []).append(row.number)
            elements.setdefault(p.segment.slug, []).extend(parts[1])
        else:
            sheets.append(sheet)
    for slug, found in elements.items():
        sheets.append(strip.strip_sheet(shared[slug], f"{slug} {_OWN} {strip.STRIP}", found))
    html = [head, *sheets, render_html(first, registry, options, first_fit, "tail")]
    roots = {root for _, p, _ in items for root in resource_roots(p, registry)}
    document, fetcher = layout.lay_out("".join(html), first.template.folder, sorted(roots))
    laid = _Layout(document, fields, refused=fetcher.refused)
    strip_pages: dict[str, int] = {}
    bases: dict[str, layout.PageReport] = {}
    for index, page in enumerate(document.pages):
        report = layout.inspect_page(page)
        if report.row is None:
            continue
        key, *layers = report.row.split()
        if _SHARED in layers:
            laid.shared.setdefault(key, index)
            bases.setdefault(key, report)
        elif strip.STRIP in layers:
            strip_pages.setdefault(key, index)
        else:
            laid.pages.setdefault(int(key), []).append(index)
            laid.reports.setdefault(int(key), report)
    laid.take_strips(strip_rows, strip_pages, bases)
    return laid


def _layouts(
    items: list[tuple[BatchRow, Prepared, dict[str, float]]],
    options: RenderOptions,
    fields: list[str],
) -> dict[int, _Layout]:
    """Each row's layout: rows a strip could not show are laid out again on their own
    pages (a template whose slots a strip cannot take, see `strip`)."""
    laid = _lay_out(items, options, fields)
    where = {row.number: laid for row, _, _ in items}
    again = [item for item in items if item[0].number in laid.unstripped]
    if again:
        relaid = _lay_out(again, options, fields, strips=False)
        where.update({row.number: relaid for row, _, _ in again})
    return where


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


def _write_rows(
    laid: _Layout, rows: list[tuple[RowOutput, Prepared, list[int]]], options: RenderOptions
) -> None:
    """The rows' PDFs and PNGs from their pages of one layout. WeasyPrint writes all
    those pages (and the shared ones) as one PDF, so fonts are subset once, not per row;
    each row's PDF is copied out of it with the row's own metadata, its page drawn over
    its segment's shared page when laid out in layers. PNGs are rasterized from that
    PDF's pages, a row's own page over its shared page's pixels (rendered once): the
    same drawing as its PDF. PDF/X-4 also keeps metadata in the catalogue's XMP, so
    there `rows` is one row, written as it is."""
    document = laid.document
    wanted = sorted({i for _, _, indexes in rows for i in indexes} | set(laid.shared.values()))
    single = document.copy([document.pages[i] for i in wanted])
    if options.pdf_x4:
        _set_metadata(single, rows[0][1])
    pdf = write_pdf(single, options, rows[0][1].size)
    at = {index: n for n, index in enumerate(wanted)}  # layout page -> page of `pdf`
    source = None if options.pdf_x4 else SourcePdf(pdf)
    lang = document.metadata.lang
    catalogue = b"/Lang " + pydyf.String(lang).data if lang else b""
    pages = pdfium.PdfDocument(pdf) if "png" in options.formats else None
    underlays: dict[str, Underlay] = {}
    try:
        for output, prepared, indexes in rows:
            slug = prepared.segment.slug
            under = laid.shared[slug] if laid.fields else None
            own = pdf
            if source is not None:
                buffer = io.BytesIO()
                writer = PdfWriter(buffer)
                below = None if under is None else source.pages[at[under]]
                writer.add_pages(source, [source.pages[at[i]] for i in indexes], below)
                writer.finish(_info(prepared, document.metadata.generator), catalogue)
                own = buffer.getvalue()
            if "pdf" in options.formats:
                output.artifacts.append(Artifact("pdf", "piece", own, {"pages": len(indexes)}))
            if pages is not None:
                if under is not None and slug not in underlays:
                    underlays[slug] = png_underlay(pages, at[under], prepared, options)
                png = png_artifact(pages, at[indexes[0]], prepared, options, underlays.get(slug))
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
    varying = _varying([p for _, p in items])
    fields = _layered([p for _, p in items], varying, options)
    # Shrink-to-fit text every row shares (the slogan) that this worker has not measured
    # yet is measured on one row first: else its first chunk is laid out twice.
    first_row, first = items[0]
    start = _known_fit(first)
    if len(items) > 1 and any(_fit_key(first, f) not in _FIT_CACHE for f in set(start) - varying):
        probe = _lay_out([(first_row, first, start)], options, [])
        _remember_fit(first, fit_sizes(template, probe.reports.get(first_row.number), start)[0])
    fits = {row.number: _known_fit(prepared) for row, prepared in items}
    where = _layouts([(row, p, fits[row.number]) for row, p in items], options, fields)
    final: dict[int, tuple[_Layout, list]] = {}  # row number -> its layout, fit problems
    redo = []
    for row, prepared in items:
        laid = where[row.number]
        fit, problems = fit_sizes(template, laid.reports.get(row.number), fits[row.number])
        _remember_fit(prepared, fit)
        if fit != fits[row.number]:
            fits[row.number] = fit
            redo.append((row, prepared, fit))
        final[row.number] = (laid, problems)
    if redo:
        for number, laid in _layouts(redo, options, fields).items():
            final[number] = (laid, final[number][1])
    # Rows whose two layers would not add up to their whole page are laid out whole.
    whole = [
        (r, p, fits[r.number]) for r, p in items if not final[r.number][0].adds_up(r.number, p)
    ]
    if whole:
        laid = _lay_out(whole, options, [])
        for row, _, _ in whole:
            final[row.number] = (laid, final[row.number][1])
    layouts = {id(laid): laid for laid, _ in final.values()}.values()
    refused = [url for laid in layouts for url in laid.refused]

    to_write: dict[int, tuple[_Layout, list]] = {}  # per layout (per row for PDF/X-4)
    for row, prepared in items:
        laid, problems = final[row.number]
        indexes, report = laid.pages.get(row.number, []), laid.reports.get(row.number)
        checks = prepared.checks + problems + layout_checks(prepared, len(indexes), report)
        output = RowOutput(row.number, checks)
        outputs[row.number] = output
        if output.ok:  # nothing is written for a row that would print wrong
            output.checks += refused_checks(refused)
            group = row.number if options.pdf_x4 else id(laid)
            to_write.setdefault(group, (laid, []))[1].append((output, prepared, indexes))
    for laid, rows_of_layout in to_write.values():
        _write_rows(laid, rows_of_layout, options)
    return [outputs[row.number] for row in rows]
