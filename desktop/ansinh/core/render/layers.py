"""Batch rows laid out in two paint layers: a page they share, and each row's own.

Rows of a chunk that differ only in some fields (the village name) are laid out in
two paint layers (`_layer_css`): a shared page paints what the rows have in common,
each row's own page only its fields, and a row's PDF draws its page over the shared
one (see `chunk`). Visibility, not display: every page keeps every box, so layout and
checks are the whole page's. A row whose layers might not add up to its whole page
(`Layout.adds_up`) is laid out whole by the caller.

A row whose sheet is the shared sheet's except inside plain-text slots does not get a
page of its own in the layout: its slots go into its group's strip (see `strip`), and
its shared page is kept by the worker's session (`RenderSession.kept`) for the next
chunks whose rows match it, so a street banner's shared page is laid out once per
worker, not per chunk.
Other rows share the page of the first row of their segment, laid out with them.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from weasyprint.document import Page

from ..pdfcopy import SourcePdf
from ..templates.registry import current_registry
from . import engine, layout, strip
from .piece import Prepared, RenderOptions, render_html, resource_roots
from .raster import Underlay
from .session import RenderSession


class Role(StrEnum):
    """What a page of a layered pass shows: the word its sheet's data-row carries after
    its row number (or, for a shared page or a strip, its group's label)."""

    OWN = "row-layer"  # a row's own layer (a strip's rows too)
    SHARED = "shared-layer"  # the page a group of rows is drawn over
    STRIP = "strip-layer"  # many rows' own layers on one page (`strip`)


def _page_role(row: str) -> tuple[str, Role | None]:
    """A page's row number or group label, and its role (None: a row's whole page)."""
    key, *words = row.split()
    for role in (Role.SHARED, Role.STRIP, Role.OWN):
        if role in words:
            return key, role
    return key, None


@dataclass
class Item:
    """A row of a pass: its number, its piece prepared, its shrink-to-fit sizes."""

    number: int
    prepared: Prepared
    fit: dict[str, float]


_MIN_LAYERED = 3  # rows per segment below which layers cost more than they save


def varying(prepared: list[Prepared]) -> set[str]:
    """The fields whose values differ between the rows."""
    first = prepared[0].resolved.values
    return {f for p in prepared[1:] for f, v in p.resolved.values.items() if v != first.get(f)}


def layered(prepared: list[Prepared], fields: set[str], options: RenderOptions) -> list[str]:
    """The fields the rows' own pages show (those that vary), if the chunk is worth
    laying out in layers; else none. PDF/X-4 rows are written whole by WeasyPrint, and
    so are exact rows (`engine.fast_paths`)."""
    groups = {p.segment.slug for p in prepared}  # everything else is the same within one
    if options.pdf_x4 or not engine.fast_paths(options.exact):
        return []
    if len(prepared) < _MIN_LAYERED * len(groups):
        return []
    return sorted(fields)


def _layer_css(fields: list[str]) -> str:
    """Paint layers for rows that differ only in `fields`: the shared page paints all
    but those fields, a row's own page only them. Visibility is inherited, so the rules
    name only the sheet and the slots (a template that sets it on other elements makes
    `Layout.adds_up` fail: those rows are laid out whole)."""

    def slots(scope: str) -> str:
        return ", ".join(f'[data-row~="{scope}"] [data-field="{f}"]' for f in fields)

    return (
        f"<style>{slots(Role.SHARED)} {{ visibility: hidden !important; }}\n"
        f'[data-row~="{Role.OWN}"] {{ visibility: hidden !important; }}\n'
        f"{slots(Role.OWN)} {{ visibility: visible !important; }}</style>"
    )


@dataclass(eq=False)  # one per shared page: its identity is its key
class WrittenPage:
    """A kept shared page as the first chunk that drew it wrote it: a PDF of that page
    alone (copied out of the chunk's, its fonts subset there), read once, and the fonts
    it uses. Later chunks draw their rows over it without drawing it again (`chunk`)."""

    pdf: bytes
    source: SourcePdf  # `pdf`'s objects, joined to each later chunk's (`SourcePdf.joined`)
    fonts: set[str]
    fast: bool  # written with `RenderOptions.fast_pdf` (whole fonts, uncompressed)


@dataclass
class Shared:
    """A page rows share: every box of their sheet, the varying slots hidden."""

    page: Page
    report: engine.PageReport
    refused: list[str]
    fields: list[str]
    underlay: tuple[RenderOptions, Underlay] | None = None  # its PNG pixels, kept
    written: WrittenPage | None = None  # its PDF, once a chunk wrote it and it is kept

    @functools.cached_property
    def rest(self) -> list[tuple] | None:
        """What it paints besides the slots (`engine.paint_layer`)."""
        return engine.paint_layer(self.page, set(self.fields), own=False)


@dataclass
class Layout:
    """One WeasyPrint pass over some rows of a chunk (in layers when `fields`)."""

    document: Any
    fields: list[str]
    pages: dict[int, list[Page]] = field(default_factory=dict)  # row number -> its pages
    reports: dict[int, engine.PageReport] = field(default_factory=dict)
    # Row number -> its shared page; None when its sheet made none or several.
    under: dict[int, Shared | None] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    stripped: set[int] = field(default_factory=set)  # rows whose own page a strip gave
    unstripped: list[int] = field(default_factory=list)  # rows a strip could not show
    # Rows with a page holding another sheet's boxes, or whose boxes went on on the next
    # sheet's page (`engine.PageReport.foreign`): `layouts` lays them out alone.
    tangled: set[int] = field(default_factory=set)

    def adds_up(self, number: int) -> bool:
        """Whether the row's page drawn over its shared page is the whole page."""
        if number not in self.under:
            return True  # not layered
        if len(self.pages.get(number, [])) != 1:
            return False  # a row on two pages (an error, still finished): laid out whole
        if number in self.stripped:
            return True  # checked by `engine.split_strip`
        if self.under[number] is None:
            return False
        shared = self.under[number].rest
        mine = engine.paint_layer(self.pages[number][0], set(self.fields), own=True)
        return mine is not None and mine == shared


@dataclass
class _Group:
    """Rows drawn over one shared page, in one pass."""

    label: str
    key: tuple
    shared: Shared | None = None  # laid out in this pass, or kept from an earlier one
    kept: bool = False
    strip_rows: list[int] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)  # the strip rows' slot elements
    sheet: str = ""  # a strip row's own sheet (the strip copies its <section> tag)


def lay_out(
    items: list[Item],
    options: RenderOptions,
    fields: list[str],
    session: RenderSession,
    strips: bool = True,
) -> Layout:
    """One pass over `items`, in paint layers when `fields`; with `strips`, rows that may
    have their own layer from a strip."""
    registry = current_registry()
    first = items[0]
    head = render_html(first.prepared, registry, options, first.fit, "head")
    roots = sorted({r for item in items for r in resource_roots(item.prepared, registry)})
    if fields:
        head = head.replace("</head>", _layer_css(fields) + "</head>", 1)
    sheets, groups, membership = _sheets(items, options, fields, head, roots, session, strips)
    tail = render_html(first.prepared, registry, options, first.fit, "tail")
    document, fetcher = layout.lay_out(
        "".join([head, *sheets, tail]), first.prepared.template.folder, roots, session
    )
    laid = Layout(document, fields, refused=list(fetcher.refused))
    shared_pages: dict[str, list[tuple[Page, engine.PageReport]]] = {}
    strip_pages: dict[str, Page] = {}
    shown: list[tuple[str, Role | None, bool]] = []  # each page's row or group, role, foreign
    for page in document.pages:
        report = engine.inspect_page(page)
        if report.row is None:
            shown.append(("", None, report.foreign))
            continue
        key, role = _page_role(report.row)
        shown.append((key, role, report.foreign))
        if role is Role.SHARED:
            shared_pages.setdefault(key, []).append((page, report))
        elif role is Role.STRIP:
            strip_pages.setdefault(key, page)
        else:
            laid.pages.setdefault(int(key), []).append(page)
            laid.reports.setdefault(int(key), report)
    for group in groups:
        if group.kept:
            laid.refused += group.shared.refused
            continue
        laid_out = shared_pages.get(group.label, [])
        # Else its rows are laid out whole (`Layout.adds_up`); and a page holding another
        # sheet's boxes is not kept for the next chunks.
        if len(laid_out) == 1 and not laid_out[0][1].foreign:
            page, report = laid_out[0]
            group.shared = Shared(page, report, list(fetcher.refused), fields)
            if group.strip_rows:
                session.keep(group.key, group.shared)
    for number, group in membership.items():
        laid.under[number] = group.shared  # None: no single shared page, laid out whole
    for group in groups:
        if group.strip_rows:
            _take_strip(laid, group, strip_pages.get(group.label), session)

    def rows(key: str, role: Role | None) -> set[int]:
        if role in (Role.SHARED, Role.STRIP):
            return {number for number, group in membership.items() if group.label == key}
        return {int(key)} if key else set()

    for before, (key, role, foreign) in zip([("", None, False), *shown], shown, strict=False):
        if foreign:
            laid.tangled |= rows(key, role) | rows(*before[:2])
    return laid


@dataclass
class _Sheet:
    """A row's own sheet in a pass, and where it goes."""

    item: Item
    html: str
    parts: tuple[str, list[str]] | None  # `strip.slot_parts`, if it may go into a strip
    key: tuple  # its group's


def _sheets(
    items: list[Item],
    options: RenderOptions,
    fields: list[str],
    head: str,
    roots: list,
    session: RenderSession,
    strips: bool,
) -> tuple[list[str], list[_Group], dict[int, _Group]]:
    """The pass's sheets; the groups of rows drawn over one shared page; each layered
    row's group. In layers, a row may go into a strip (`strip.slot_parts`): rows that
    make the same shared page form a group, whose page is kept by the worker. One such
    row alone, with no kept page, is laid out whole: a shared page and a strip would
    cost more than its page. Other rows get an own page over their segment's shared
    page (the first such row's)."""
    registry = current_registry()
    making = (items[0].prepared.template.folder, tuple(roots), tuple(layout.STYLE.findall(head)))
    strips = strips and bool(fields) and strip.position_free(head)
    rows: list[_Sheet] = []
    for item in items:
        p = item.prepared
        row_id = f"{item.number} {Role.OWN}" if fields else str(item.number)
        html = render_html(p, registry, options, item.fit, "sheet", row_id)
        parts = strip.slot_parts(html, fields) if strips else None
        key = (*making, parts[0]) if parts else ("segment", p.segment.slug)
        if parts and key in session.no_strip:
            parts, key = None, ("segment", p.segment.slug)
        rows.append(_Sheet(item, html, parts, key))
    size = Counter(row.key for row in rows if row.parts)
    sheets: list[str] = []
    groups: dict[tuple, _Group] = {}
    membership: dict[int, _Group] = {}
    for row in rows:
        number, key = row.item.number, row.key
        if not fields or (row.parts and size[key] == 1 and key not in session.kept):
            whole = f'data-row="{number}"'
            sheets.append(row.html.replace(f'data-row="{number} {Role.OWN}"', whole, 1))
            continue
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(f"g{len(groups)}", key)
            kept = session.kept_page(key)
            if kept is not None:
                group.shared, group.kept = kept, True
            else:
                label = f"{group.label} {Role.SHARED}"
                p, fit = row.item.prepared, row.item.fit
                sheets.append(render_html(p, registry, options, fit, "sheet", label))
        membership[number] = group
        if row.parts:
            group.strip_rows.append(number)
            group.elements.extend(row.parts[1])
            group.sheet = group.sheet or row.html
        else:
            sheets.append(row.html)
    for group in groups.values():
        if group.strip_rows:
            label = f"{group.label} {Role.OWN} {Role.STRIP}"
            sheets.append(strip.strip_sheet(group.sheet, label, group.elements))
    return sheets, list(groups.values()), membership


def _take_strip(
    laid: Layout, group: _Group, strip_page: Page | None, session: RenderSession
) -> None:
    """Each strip row's own page, cut out of the strip page, with the report of its
    whole page: the shared page's, its own slots' from the strip. Rows it cannot give
    (the sheet did not make one page, a slot could differ) go to `laid.unstripped`."""
    shared, pages = group.shared, {}
    if shared is not None and strip_page is not None and shared.rest is not None:
        # (`rest`: nothing paints over a slot on the shared page.)
        pages = engine.split_strip(shared.page, strip_page, laid.fields, group.strip_rows) or {}
    if not pages:  # never for this template and these fields: no strip from now on
        session.refuse_strip(group.key)
    for number in group.strip_rows:
        if number not in pages:
            laid.unstripped.append(number)
            continue
        own = engine.inspect_page(pages[number])
        laid.pages[number] = [pages[number]]
        slots = {**shared.report.slots, **own.slots}
        stray = shared.report.stray_overflow or own.stray_overflow
        laid.reports[number] = engine.PageReport(slots, stray, str(number))
        laid.stripped.add(number)


def layouts(
    items: list[Item], options: RenderOptions, fields: list[str], session: RenderSession
) -> dict[int, Layout]:
    """Each row's layout: rows a strip could not show are laid out again on their own
    pages (a template whose slots a strip cannot take, see `strip`); rows whose pages
    hold another row's boxes, or gave them (`Layout.tangled`: content broken at a page's
    bottom goes on on the next sheet's page), are laid out alone, as a piece is, before
    anything is read from their pages."""
    laid = lay_out(items, options, fields, session)
    where = {item.number: laid for item in items}
    again = [item for item in items if item.number in laid.unstripped]
    if again:
        relaid = lay_out(again, options, fields, session, strips=False)
        where.update({item.number: relaid for item in again})
    for item in items:
        if item.number in where[item.number].tangled:
            where[item.number] = lay_out([item], options, [], session)
    return where
