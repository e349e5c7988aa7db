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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium

from ..campaign import Campaign, Piece
from ..checks import Check, error
from ..errors import UserError
from ..pdfcopy import PdfWriter, SourcePdf
from ..templates.registry import current_registry
from . import engine, layers, layout, raster
from . import pages as multipage
from .layers import Shared
from .piece import (
    Prepared,
    RenderOptions,
    Written,
    finish,
    fit_sizes,
    layout_checks,
    metadata,
    png_underlay,
    prepare,
    render_html,
    render_text,
    write_pdf,
)
from .results import RenderResult, RenderRow
from .session import RenderSession

if TYPE_CHECKING:
    from weasyprint.document import Page


# Shrink-to-fit sizes already measured in this worker (`RenderSession.fits`) are keyed
# by (stylesheets, field, text, large type): a slogan shared by every row is measured
# once, not once per chunk, so the second layout pass only takes the rows whose own text
# needs shrinking. The stylesheets (template, size, campaign: a logo moves the slots)
# tell one layout from another.
def _fit_context(prepared: Prepared, options: RenderOptions) -> int:
    start, _ = fit_sizes(prepared.template, None, {})
    head = render_html(prepared, current_registry(), options, start, "head")
    return hash((prepared.template.folder, tuple(layout.STYLE.findall(head))))


def _fit_key(prepared: Prepared, field_id: str, context: int) -> tuple:
    text = prepared.resolved.texts.get(field_id, "")
    return (context, field_id, text, prepared.segment.large_type)


def _known_fit(prepared: Prepared, context: int, session: RenderSession) -> dict[str, float]:
    start, _ = fit_sizes(prepared.template, None, {})
    fits = session.fits
    return {f: fits.get(_fit_key(prepared, f, context), pt) for f, pt in start.items()}


def _remember_fit(
    prepared: Prepared, fit: dict[str, float], context: int, session: RenderSession
) -> None:
    session.remember_fits({_fit_key(prepared, f, context): pt for f, pt in fit.items()})


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


@dataclass
class _Finishing:
    """A row laid out, on its way to `finish`: its checks so far and its pages."""

    number: int
    prepared: Prepared
    checks: list[Check]
    pages: list[Page]
    under: Shared | None
    slots: list[engine.SlotReport]


def _write_rows(
    document,
    rows: list[_Finishing],
    options: RenderOptions,
    refused: list[str],
    session: RenderSession,
) -> dict[int, RenderResult]:
    """The rows' results, each row's page finished like a piece alone (`finish`).
    WeasyPrint writes all their pages, and their shared pages, as one PDF, so fonts are
    subset once, not per row; each row's PDF is copied out of it with the row's own
    metadata, its page drawn over its shared page. A shared page the worker keeps is
    written once (`_keep_written`): later chunks join that PDF to theirs instead of
    drawing the page again. A row's PNG is its page rasterized over the shared page's
    pixels (rendered once per worker): the same drawing as its PDF, whose fonts are those
    of both pages. PDF/X-4 also keeps metadata in the catalogue's XMP, so there `rows`
    is one row, written as it is, by `document` (its layout's)."""

    def reused(shared: Shared | None) -> layers.WrittenPage | None:
        """The shared page's PDF an earlier chunk wrote, if written as this one is."""
        written = shared.written if shared is not None else None
        return written if written is not None and written.fast == options.fast_pdf else None

    wanted: dict[int, Page] = {}
    for row in rows:
        under = [row.under.page] if row.under and reused(row.under) is None else []
        for page in under + row.pages:
            wanted.setdefault(id(page), page)
    single = document.copy(list(wanted.values()))
    if options.pdf_x4:
        _set_metadata(single, rows[0].prepared)
    pdf = write_pdf(single, options, rows[0].prepared.size)
    at = {key: n for n, key in enumerate(wanted)}  # page -> its index in `pdf`
    source = None if options.pdf_x4 else SourcePdf(pdf)
    lang = document.metadata.lang
    catalogue = b"/Lang " + engine.pdf_string(lang) if lang else b""
    registry, results = current_registry(), {}
    pages = pdfium.PdfDocument(pdf)
    facts = functools.cache(functools.partial(raster.page_facts, pages))  # page -> boxes, fonts
    joined = functools.cache(functools.partial(_joined, source))
    try:
        for row in rows:
            own, shared = [at[id(page)] for page in row.pages], row.under
            earlier = reused(shared)
            below = None if shared is None or earlier else at[id(shared.page)]
            own_pdf = pdf
            if source is not None:
                buffer = io.BytesIO()
                writer = PdfWriter(buffer)
                from_pdf, under = source, None if below is None else source.pages[below]
                if earlier is not None:
                    from_pdf, under = joined(earlier)
                writer.add_pages(from_pdf, [source.pages[n] for n in own], under)
                writer.finish(_info(row.prepared, document.metadata.generator), catalogue)
                own_pdf = buffer.getvalue()
            pixels = None
            if shared is not None:  # its PNG and `finish`'s contrast check read them
                if shared.underlay is None or shared.underlay[0] != options:
                    drawn = _underlay(earlier, pages, below, row.prepared, options)
                    session.keep_pixels(shared, options, drawn)
                pixels = shared.underlay[1]
            used = set().union(*(facts(n)[1] for n in own))  # the fonts its PDF draws with
            if shared is not None:
                used |= earlier.fonts if earlier else facts(below)[1]
            written = Written(
                own_pdf, len(own), used, facts(own[0])[0], pages, own[0], pixels, row.slots
            )
            results[row.number] = finish(
                row.prepared, registry, options, row.checks, written, refused
            )
        if source is not None:
            _keep_written(rows, source, at, facts, session, options.fast_pdf)
    finally:
        pages.close()
    return results


def _joined(source: SourcePdf, written: layers.WrittenPage) -> tuple[SourcePdf, int]:
    """The chunk's PDF joined to a shared page an earlier chunk wrote, and that page's
    number in it."""
    joined, shift = source.joined(written.source)
    return joined, written.source.pages[0] + shift


def _underlay(
    earlier: layers.WrittenPage | None,
    pages: pdfium.PdfDocument,
    index: int | None,
    prepared: Prepared,
    options: RenderOptions,
) -> raster.Underlay:
    """A shared page's pixels: page `index` of the chunk's PDF, or the PDF of it an
    earlier chunk wrote."""
    if earlier is None:
        return png_underlay(pages, index, prepared, options)
    alone = pdfium.PdfDocument(earlier.pdf)
    try:
        return png_underlay(alone, 0, prepared, options)
    finally:
        alone.close()


def _keep_written(
    rows: list[_Finishing],
    source: SourcePdf,
    at: dict[int, int],
    facts: Callable[[int], tuple[Any, set[str]]],
    session: RenderSession,
    fast: bool,
) -> None:
    """Each shared page this chunk drew that the worker keeps, as a PDF of its own (its
    objects copied out of the chunk's, its font subsets given other tags: a row PDF
    carries them beside a later chunk's subsets of the same fonts): the next chunks'
    rows are drawn over it."""
    for shared in {id(row.under): row.under for row in rows if row.under}.values():
        index = at.get(id(shared.page))
        if index is not None and session.keeps(shared):
            buffer = io.BytesIO()
            writer = PdfWriter(buffer)
            writer.add_pages(source, [source.pages[index]])
            writer.finish()
            pdf = engine.retagged(buffer.getvalue())
            fonts = {engine.retagged_name(name) for name in facts(index)[1]}
            shared.written = layers.WrittenPage(pdf, SourcePdf(pdf), fonts, fast)


def render_rows(
    template_id: str,
    rows: list[RenderRow],
    size: str | None,
    campaign: Campaign,
    options: RenderOptions,
    session: RenderSession,
) -> list[RenderResult]:
    """The rows' results, in their order: each what `render_piece` gives for the row's
    piece alone (the same checks and outputs, through the same `finish`). `session`
    keeps what the worker's next chunks reuse (fit sizes, shared pages)."""
    registry, results, items = current_registry(), {}, []
    template, segments = registry.get(template_id), session.loaded_segments()
    for row in rows:
        try:
            prepared = prepare(
                Piece(template_id, row.segment, size, row.values, adjust=row.adjust,
                      look=row.look),
                campaign,
                registry,
                segments,
            )
        except UserError as exc:
            segment, shown = segments.get(row.segment), template.size(size) if size else None
            check = error("value", exc.vi, exc.en)
            results[row.number] = RenderResult(template, shown, segment, [check], [])
            continue
        items.append(layers.Item(row.number, prepared, {}))
    if not template.is_visual:
        for item in items:
            results[item.number] = render_text(item.prepared, registry, options)
        return [results[row.number] for row in rows]
    if not items:
        return [results[row.number] for row in rows]

    varying = layers.varying([item.prepared for item in items])
    fields = layers.layered([item.prepared for item in items], varying, options)
    # Shrink-to-fit text every row shares (the slogan) that this worker has not measured
    # yet is measured on one row first: else its first chunk is laid out twice.
    first = items[0].prepared
    context = _fit_context(first, options)
    start = _known_fit(first, context, session)
    shared = set(start) - varying
    if len(items) > 1 and any(_fit_key(first, f, context) not in session.fits for f in shared):
        probe = layers.lay_out([layers.Item(items[0].number, first, start)], options, [], session)
        measured = fit_sizes(template, probe.reports.get(items[0].number), start)[0]
        _remember_fit(first, measured, context, session)
    for item in items:
        item.fit = _known_fit(item.prepared, context, session)
    where = layers.layouts(items, options, fields, session)
    problems: dict[int, list[Check]] = {}
    redo = []
    for item in items:
        report = where[item.number].reports.get(item.number)
        fit, problems[item.number] = fit_sizes(template, report, item.fit)
        _remember_fit(item.prepared, fit, context, session)
        if fit != item.fit:
            item.fit = fit
            redo.append(item)
    if redo:
        where.update(layers.layouts(redo, options, fields, session))
    # Rows whose two layers would not add up to their whole page are laid out whole.
    whole = [item for item in items if not where[item.number].adds_up(item.number)]
    if whole:
        where.update(layers.layouts(whole, options, [], session))
    refused = [url for laid in {id(w): w for w in where.values()}.values() for url in laid.refused]

    to_write: dict[int, tuple[Any, list]] = {}  # one PDF for the chunk (per row for PDF/X-4)
    for item in items:
        number, prepared, laid = item.number, item.prepared, where[item.number]
        pages = multipage.padded(template, laid.pages.get(number, []))
        report = laid.reports.get(number)
        checks = prepared.checks + problems[number]
        checks += layout_checks(prepared, pages, report)
        if not pages:  # its sheet made no page: nothing to finish
            results[number] = RenderResult(template, prepared.size, prepared.segment, checks, [])
            continue
        group = number if options.pdf_x4 else 0
        slots = list(report.slots.values()) if report else []
        finishing = _Finishing(number, prepared, checks, pages, laid.under.get(number), slots)
        to_write.setdefault(group, (laid.document, []))[1].append(finishing)
    for document, written in to_write.values():
        results.update(_write_rows(document, written, options, refused, session))
    return [results[row.number] for row in rows]
