"""The one door to the internals of the libraries we render with.

Everything here reaches past a public API: WeasyPrint's box tree (`Page._page_box`,
`AbsolutePlaceholder._box`, box classes and their fields, a `Page` built from a pruned
tree) and its paint order, pydyf's objects and the bytes it writes, a pypdfium2 bitmap
whose fill is skipped, and the parts of `ProcessPoolExecutor` a quick stop needs. The
rest of the app calls these functions, so an upgrade of one of those libraries is
checked, and fixed, in this one file.

The versions these uses were tested with are `TESTED`. The check runs at import: on
another version the fast paths of a batch (paint layers and strips: pruned pages,
pages drawn over other pages) are off and every page is laid out whole, the way a
single piece is; `VERSION_PROBLEM` says which library and version, in both languages.

Importing this module is cheap (no WeasyPrint, pydyf or PDFium): the window's process
uses the pool and reads PDFs without loading the render engine.
"""

from __future__ import annotations

import functools
import importlib.metadata
import itertools
import logging
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from ..errors import UserError

# Library -> (lowest tested version, first version not tested).
TESTED = {
    "weasyprint": ((70, 0), (71,)),
    "pydyf": ((0, 13), (0, 14)),
    "pypdfium2": ((5, 15), (5, 16)),
}
TOLERANCE_PX = 0.5  # sub-pixel rounding in layout is not an overflow


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def _shown(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def in_range(version: str, low: tuple[int, ...], high: tuple[int, ...]) -> bool:
    return low <= _version(version) < high


def tested_range(low: tuple[int, ...], high: tuple[int, ...]) -> tuple[str, str]:
    """The range in words (Vietnamese, English)."""
    return (f"{_shown(low)} – {_shown(high)} (không gồm {_shown(high)})",
            f"{_shown(low)} – {_shown(high)} ({_shown(high)} excluded)")


def version_problem(installed: dict[str, str] | None = None) -> UserError | None:
    """What is wrong with the installed engine libraries (`installed`: name -> version,
    default: read from the environment), or None when they are the tested ones."""
    if installed is None:
        installed = {name: importlib.metadata.version(name) for name in TESTED}
    for name, (low, high) in TESTED.items():
        if not in_range(installed[name], low, high):
            tested_vi, tested_en = tested_range(low, high)
            return UserError(
                f"{name} {installed[name]} chưa được kiểm thử với An Sinh Studio (đã kiểm thử: "
                f"{tested_vi}). Mọi trang được dựng chính xác từng trang (chậm hơn); để dựng "
                f"nhanh, hãy cài {name} {_shown(low)}.",
                f"{name} {installed[name]} is not tested with An Sinh Studio (tested: "
                f"{tested_en}). Every page is laid out whole (slower); for the fast batch paths "
                f"install {name} {_shown(low)}.",
            )
    return None


VERSION_PROBLEM = version_problem()
if VERSION_PROBLEM is not None:
    logging.getLogger(__name__).warning("%s\n%s", VERSION_PROBLEM.vi, VERSION_PROBLEM.en)


def fast_paths(exact: bool) -> bool:
    """Whether a batch may lay rows out in paint layers and strips: not when exact
    pages are asked for (`RenderOptions.exact`), nor on untested engine versions."""
    return not exact and VERSION_PROBLEM is None


@functools.cache
def _weasy() -> Any:
    """WeasyPrint's box classes, imported on first use (see the module docstring)."""
    from weasyprint.document import Page
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    classes = {name: value for name, value in vars(boxes).items() if name.endswith("Box")}
    return SimpleNamespace(**classes, Page=Page, Placeholder=AbsolutePlaceholder)


def _internal(error: AttributeError) -> UserError:
    return UserError(
        "Phiên bản WeasyPrint này khác cấu trúc đã kiểm thử, không đọc được trang đã dàn "
        f"({error}). Hãy cài phiên bản đã kiểm thử.",
        f"This WeasyPrint version is built differently from the tested one; a laid-out page "
        f"cannot be read ({error}). Install the tested version.",
    )


def page_box(page: Any) -> Any:
    """The root of a laid-out page's box tree."""
    try:
        return page._page_box
    except AttributeError as exc:
        raise _internal(exc) from None


def placed(box: Any) -> Any:
    """The box itself, or the absolutely positioned box its placeholder stands for."""
    return box._box if isinstance(box, _weasy().Placeholder) else box


def children(box: Any) -> list:
    if isinstance(box, _weasy().Placeholder):
        return [box._box]
    return list(getattr(box, "children", None) or [])


# ---------------------------------------------------------------- reading a page


@dataclass(frozen=True)
class TextRun:
    """A run of text as laid out: its border box (CSS px from the trim box's top left),
    its colour (sRGB 0–1 and alpha), font size (CSS px) and weight."""

    box: tuple[float, float, float, float]
    rgba: tuple[float, float, float, float]
    size_px: float
    weight: int


@dataclass
class SlotReport:
    field: str
    lines: int = 0
    max_lines: int | None = None
    overflow_box: bool = False
    overflow_page: bool = False
    cut: bool = False  # broken at the page's bottom: the rest is not printed (`inspect_page`)
    natural_width: float = 0.0  # widest line of text, CSS px
    available_width: float = 0.0  # the slot's content width, CSS px
    images: list[tuple[str, float, float]] = field(default_factory=list)  # (src, w_px, h_px)
    texts: list[TextRun] = field(default_factory=list)
    box: tuple[float, float, float, float] | None = None  # its padding box, CSS px


@dataclass
class PageReport:
    slots: dict[str, SlotReport]
    stray_overflow: bool = False  # content outside the page (or cut) that belongs to no slot
    row: str | None = None  # the batch row this page shows (its sheet's data-row)
    # The page holds boxes of a sheet that began on an earlier page (`inspect_page`).
    foreign: bool = False


def _walk(
    box: Any, slot: str | None, out_of_flow: bool, skip: set[int]
) -> Iterator[tuple[Any, str | None, bool]]:
    """The boxes under `box` but those in `skip` (ids), each with its field slot and
    whether it is in an absolutely positioned or floated box."""
    element = getattr(box, "element", None)
    if element is not None and element.get("data-field") and box.element_tag != "html":
        slot = element.get("data-field")
    out_of_flow = out_of_flow or box.is_absolutely_positioned() or box.is_floated()
    yield box, slot, out_of_flow
    for child in children(box):
        if id(child) not in skip:
            yield from _walk(child, slot, out_of_flow, skip)


def _foreign(root: Any) -> list[Any]:
    """The boxes of a batch page (one with a data-row sheet) outside its sheet: another
    sheet's. WeasyPrint goes on laying out an absolutely positioned or floated box broken
    at a page's bottom at the top of the next page, which in a batch is the next sheet's."""
    html = [box for box in children(root) if box.element_tag == "html"]
    tops = [child for box in html for child in children(box)]  # the body, boxes going on
    tops += [child for box in tops if box.element_tag == "body" for child in children(box)]
    sheets = [box for box in tops if box.element is not None and box.element.get("data-row")]
    if not sheets:  # a piece alone
        return []
    return [box for box in tops if box.element_tag != "body" and box is not sheets[0]]


def _padding_box(box: Any) -> tuple[float, float, float, float]:
    left = box.position_x + box.margin_left + box.border_left_width
    top = box.position_y + box.margin_top + box.border_top_width
    return (
        left,
        top,
        left + box.padding_left + box.width + box.padding_right,
        top + box.padding_top + box.height + box.padding_bottom,
    )


def _broken(box: Any) -> bool:
    """Whether a block-level box goes on on the next page (WeasyPrint drops the bottom
    decoration of a box it fragments, unless `box-decoration-break: clone`)."""
    boxes = _weasy()
    return (
        isinstance(box, boxes.ParentBox)
        and not isinstance(box, boxes.LineBox | boxes.InlineLevelBox | boxes.PageBox)
        and "bottom" in box.remove_decoration_sides
    )


def inspect_page(page: Any) -> PageReport:
    """Per field slot (`data-field` elements): rendered line count against
    `data-lines`, text or images running past the slot's box or the page, the natural
    width of shrink-to-fit text, the placed size of images, and whether it is cut at the
    page's bottom.

    An absolutely positioned or floated box whose content runs past the page's bottom
    is broken there by WeasyPrint: the rest would go on the next page, and after a
    piece's last page it is dropped. The slots in such a box that are not whole on the
    page are `cut`; cut content of no slot is `stray_overflow`. (A box broken in the
    page's flow makes another page, which the caller counts.)"""
    boxes = _weasy()
    root = page_box(page)
    page_edges = (0.0, 0.0, root.margin_width(), root.margin_height())
    slots: dict[str, SlotReport] = {}
    slot_boxes: dict[str, tuple[float, float, float, float]] = {}
    stray = False
    row = None
    cut: list[tuple[Any, str | None]] = []  # out-of-flow boxes broken here, and their slot
    foreign = _foreign(root)
    for box, slot, out_of_flow in _walk(root, None, False, {id(b) for b in foreign}):
        element = getattr(box, "element", None)
        if row is None and element is not None and element.get("data-row"):
            row = element.get("data-row")
        if out_of_flow and _broken(box):
            cut.append((box, slot))
        if (
            slot
            and element is not None
            and element.get("data-field") == slot
            and slot not in slot_boxes
            and isinstance(box, boxes.BlockContainerBox | boxes.ReplacedBox | boxes.FlexBox)
        ):
            report = slots.setdefault(slot, SlotReport(slot))
            lines = element.get("data-lines")
            report.max_lines = int(lines) if lines and lines.isdigit() else None
            slot_boxes[slot] = report.box = _padding_box(box)
            report.available_width = box.width
        is_content = isinstance(box, boxes.TextBox | boxes.ReplacedBox)
        if isinstance(box, boxes.LineBox) and slot in slot_boxes:
            slots[slot].lines += 1
            text_width = sum(
                child.margin_width()
                for child in box.descendants()
                if isinstance(child, boxes.TextBox)
            )
            slots[slot].natural_width = max(slots[slot].natural_width, text_width)
        if not is_content:
            continue
        right = box.position_x + box.margin_width()
        bottom = box.position_y + box.margin_height()
        outside_page = (
            box.position_x < page_edges[0] - TOLERANCE_PX
            or box.position_y < page_edges[1] - TOLERANCE_PX
            or right > page_edges[2] + TOLERANCE_PX
            or bottom > page_edges[3] + TOLERANCE_PX
        )
        if slot in slot_boxes:
            report = slots[slot]
            left, top, slot_right, slot_bottom = slot_boxes[slot]
            if (
                right > slot_right + TOLERANCE_PX
                or bottom > slot_bottom + TOLERANCE_PX
                or box.position_x < left - TOLERANCE_PX
                or box.position_y < top - TOLERANCE_PX
            ):
                report.overflow_box = True
            report.overflow_page |= outside_page
            if isinstance(box, boxes.TextBox):
                report.texts.append(_text_run(box))
            if isinstance(box, boxes.ReplacedBox):
                report.images.append(
                    (element.get("src", "") if element is not None else "", box.width, box.height)
                )
        elif outside_page:
            stray = True
    broken_slots = {slot for box, slot in cut}
    for box, slot in cut:
        # The slots inside the broken box that did not reach this page, or are broken.
        inside = {el.get("data-field") for el in box.element.iter() if el.get("data-field")}
        lost = {f for f in inside if f not in slot_boxes or f in broken_slots}
        lost |= {slot} if slot else set()
        for name in lost:
            slots.setdefault(name, SlotReport(name)).cut = True
        stray |= not lost
    return PageReport(slots, stray, row, bool(foreign))


def _text_run(box: Any) -> TextRun:
    style = box.style
    color = style["color"]
    rgb = tuple(float(c) for c in color.to("srgb").coordinates)
    return TextRun(
        border_box(box), (*rgb, float(color.alpha)), style["font_size"], int(style["font_weight"])
    )


def border_box(box: Any) -> tuple[float, float, float, float]:
    left, top = box.position_x + box.margin_left, box.position_y + box.margin_top
    return (left, top, left + box.border_width(), top + box.border_height())


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE_PX
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE_PX
    )


def _union(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


# ---------------------------------------------------------------- paint order


# Styles with which WeasyPrint (`stacking.py`, `draw/`) paints a box and its
# descendants out of tree order, in a group of their own, or clipped: a stacking
# context (z-index, opacity, transform, overflow), a clip. CSS properties that make
# stacking contexts in browsers but that this WeasyPrint does not know (filter,
# isolation, mix-blend-mode, …) are ignored by it; a version that learns them is
# outside `TESTED`.
def _own_group(box: Any) -> bool:
    style = box.style
    return bool(
        style["opacity"] < 1
        or style["overflow"] != "visible"
        or (style["position"] == "absolute" and style["clip"])
        or isinstance(box, _weasy().InlineBlockBox | _weasy().InlineFlexBox)
    )


def paint_layer(page: Any, fields: set[str], own: bool) -> list[tuple] | None:
    """What a page of a layered batch paints besides `fields`, to compare with its
    shared page; None when painting it in two layers could change a pixel. This is
    the one place that knows WeasyPrint's paint order.

    A row's own page (`own`) paints only the slots of `fields`, drawn over the shared
    page, which paints everything else. That equals the whole page when the rest is
    the same on both (the same boxes, text and attributes: nothing else shows a row's
    value) and nothing else would be painted over a slot or share a group with it:
    - no z-index anywhere (it reorders painting, grid and flex items included) and no
      transform anywhere (a transformed box paints outside the box we can measure);
    - no slot in, or holding, a box painted as a group of its own (opacity, overflow
      other than visible, clip, inline blocks: `_own_group`), and no such group
      elsewhere whose boxes overlap a slot (its place in paint order is not its place
      in the tree);
    - nothing later in paint order (later in the tree, or positioned or floated over
      an unpositioned slot) overlapping a slot's box; and when a slot paints its own
      background or border, nothing at all overlapping it (inline content and floats
      earlier in the tree are painted over block backgrounds)."""
    boxes = _weasy()
    rest: list[tuple] = []
    others: list[tuple[int, tuple[float, ...], bool, int]] = []  # id, box, positioned, order
    # A slot: its box, positioned, order, its ancestors, whether it paints behind its text.
    slots: list[tuple[tuple[float, ...], bool, int, set[int], bool]] = []
    groups: list[tuple[float, ...]] = []  # extents of non-slot groups of their own
    ancestors: list[int] = []

    def visit(box: Any, in_slot: bool, grouped: bool) -> tuple[float, ...] | None:
        """The extent of the box and its descendants; None to refuse the page."""
        style, element = box.style, getattr(box, "element", None)
        field_name = element.get("data-field") if element is not None else None
        slot = in_slot or (field_name in fields and box.element_tag != "html")
        if style["z_index"] != "auto" or style["transform"]:
            return None
        if slot != own and _paints(box):
            return None  # the template's own visibility rules
        group = _own_group(box) and box.element_tag != "html"
        if slot and (group or grouped):
            return None
        positioned = style["position"] != "static" or style["float"] != "none"
        order = len(others) + len(slots)
        edges = border_box(box)  # the same arithmetic on both pages: equal floats
        if slot and not in_slot:
            backdrop = any(
                _paints(b) and not isinstance(b, boxes.TextBox | boxes.LineBox)
                for b in [box, *box.descendants()]
            )
            slots.append((edges, positioned, order, set(ancestors), backdrop))
        elif not slot:
            attributes = element.attrib if element is not None else {}
            rest.append(
                (
                    type(box).__name__,
                    box.element_tag,
                    sorted((k, v) for k, v in attributes.items() if k != "data-row"),
                    getattr(box, "text", None),
                    edges,
                )
            )
            others.append((id(box), edges, positioned, order))
        ancestors.append(id(box))
        extent = edges
        for child in children(box):
            inner = visit(child, slot, grouped or group)
            if inner is None:
                return None
            extent = _union(extent, inner)
        ancestors.pop()
        if group and not slot and not grouped:
            groups.append(extent)
        return extent

    root = page_box(page)
    if own and root.canvas_background is not None:
        return None  # a body/html background, moved to the canvas, would cover the shared page
    if visit(root, False, False) is None:
        return None
    for slot_box, slot_positioned, slot_order, above, backdrop in slots:
        if any(_overlap(extent, slot_box) for extent in groups):
            return None
        for number, box, positioned, order in others:
            painted_over = backdrop or order > slot_order or (positioned and not slot_positioned)
            if painted_over and number not in above and _overlap(box, slot_box):
                return None
    return rest


def _paints(box: Any) -> bool:
    """Whether the box itself draws anything (its children aside)."""
    boxes = _weasy()
    style = box.style
    if style["visibility"] == "hidden":
        return False
    if isinstance(box, boxes.TextBox | boxes.ReplacedBox):
        return True
    background = getattr(box, "background", None)
    if background is not None and (
        background.color.alpha > 0
        or any(layer.image for layer in background.layers)
        or style["box_shadow"]
    ):
        return True
    sides = ("top", "right", "bottom", "left")
    return any(style[f"border_{side}_width"] for side in sides) or bool(style["outline_width"])


# ---------------------------------------------------------------- strips


def _sheet_box(page: Any) -> Any | None:
    """The box of the page's sheet (the element carrying data-row)."""
    stack = [page_box(page)]
    while stack:
        box = stack.pop()
        element = getattr(box, "element", None)
        if element is not None and element.get("data-row") and box.element_tag != "html":
            return box
        stack.extend(reversed(children(box)))
    return None


def _slots(sheet: Any) -> list[tuple[str, object, Any]]:
    """The sheet's children that are field slots: (field, the child as listed, its box)."""
    found = []
    for child in sheet.children:
        box = placed(child)
        name = box.element.get("data-field") if box.element is not None else None
        if name:
            found.append((name, child, box))
    return found


def _generated(box: Any) -> bool:
    return any("::" in (b.element_tag or "") for b in box.descendants())


def _pruned(box: Any, keep: set[int]) -> Any | None:
    """A copy of the box tree holding only the boxes in `keep` and their ancestors."""
    boxes = _weasy()
    if id(box) in keep:
        return box
    if isinstance(box, boxes.Placeholder) or not isinstance(box, boxes.ParentBox):
        return None
    kept = [c for c in (_pruned(child, keep) for child in box.children) if c is not None]
    if not kept:
        return None
    copy = box.copy()  # not copy_with_children: that resets the original's decorations
    copy.children = kept
    return copy


def split_strip(shared: Any, strip: Any, fields: list[str], rows: list[int]) -> dict | None:
    """Each row's own page (row number -> Page), cut out of the strip page laid out for
    `rows` (their slots in order, `fields` each); rows missing from the answer must be
    laid out on their own page; None if none of them can be. The caller has checked
    that nothing on the shared page paints over a slot (`paint_layer`)."""
    boxes = _weasy()
    roots = page_box(shared), page_box(strip)
    if any(isinstance(b, boxes.MarginBox) for root in roots for b in root.children):
        return None
    shared_sheet, strip_sheet_box = _sheet_box(shared), _sheet_box(strip)
    if shared_sheet is None or strip_sheet_box is None:
        return None
    reference = {name: box for name, _, box in _slots(shared_sheet) if name in fields}
    if set(reference) != set(fields):  # a slot inside another element
        return None
    if any(box.style["position"] != "absolute" for box in reference.values()):
        return None
    if paint_layer(strip, set(fields), own=True) is None:
        return None
    placed_slots = _slots(strip_sheet_box)
    if [f for f, _, _ in placed_slots] != fields * len(rows):
        return None
    edges = {f: border_box(box) for f, box in reference.items()}
    pages = {}
    for at, number in enumerate(rows):
        own = placed_slots[at * len(fields) : (at + 1) * len(fields)]
        if all(border_box(box) == edges[f] and not _generated(box) for f, _, box in own):
            pruned = _pruned(roots[1], {id(child) for _, child, _ in own})
            pages[number] = boxes.Page(pruned)
    return pages


# ---------------------------------------------------------------- pydyf


def pdf_string(text: str) -> bytes:
    """`text` as a PDF string, written as pydyf writes it."""
    import pydyf

    return pydyf.String(text).data


def info_dictionary(
    title: str, description: str, keywords: list[str], custom: dict[str, str], generator: str
) -> bytes:
    """The document information dictionary WeasyPrint writes for a document with this
    metadata (`custom_metadata=True`; custom keys keep only their letters and digits, as
    there), for a PDF we assemble ourselves from WeasyPrint's pages."""
    import pydyf
    import weasyprint

    entries = {
        "Producer": f"WeasyPrint {weasyprint.__version__}",
        "Title": title,
        "Subject": description,
        "Keywords": ", ".join(keywords),
        "Creator": generator,
    }
    for key, value in custom.items():
        entries["".join(ch for ch in key if ch.isalnum())] = value
    return pydyf.Dictionary({k: pydyf.String(v) for k, v in entries.items() if v}).data


def set_bleed_box(bleed_pt: float, document: Any, pdf: Any) -> None:
    """A `write_pdf` finisher: every page's BleedBox is its trim grown by `bleed_pt`.
    WeasyPrint caps the BleedBox at 10 pt from the trim, and with crop marks the media
    also holds the slug."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/Page" and "TrimBox" in obj:
            left, top, right, bottom = obj["TrimBox"]
            obj["BleedBox"] = type(obj["TrimBox"])(
                [left - bleed_pt, top - bleed_pt, right + bleed_pt, bottom + bleed_pt]
            )


# ---------------------------------------------------------------- the PDF files pydyf writes

# WeasyPrint's PDFs, and the row PDFs `pdfcopy.PdfWriter` cuts out of them, are read and
# edited as bytes, which holds for what pydyf writes: one cross-reference section (a
# table or a stream), objects plain or in object streams, no comments in object bodies,
# one content stream per page, one resource dictionary every page of a document shares.
# Strings are matched (and left alone) so that only real references are renumbered.
_REFERENCE = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|\b(\d+)\s+\d+\s+R\b")
_OBJECT_HEAD = re.compile(rb"\s*(\d+)\s+\d+\s+obj\b\s*")
_STREAM_START = re.compile(rb">>\s*stream\r?\n")
_DRAW_UNDER = b"q /ansinhUnder Do Q"
_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]+)")
_LISTED = re.compile(rb"/(XObject|Pattern|Shading)\s*<<((?:[^<>]|<[^<])*?)>>")
_ENTRY = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*(\d+\s+\d+\s+R)")
_RESOURCES = re.compile(rb"/Resources\s+(\d+)\s+\d+\s+R")


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


@dataclass
class PdfParts:
    """A PDF's objects by number, its page tree and its pages in order."""

    objects: dict[int, bytes]
    tree: int
    pages: list[int]


def read_pdf(data: bytes) -> PdfParts:
    objects, trailer = _pdf_objects(data)
    root = objects[int(re.search(rb"/Root\s+(\d+)", trailer).group(1))]
    tree = int(re.search(rb"/Pages\s+(\d+)", root).group(1))
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", objects[tree]).group(1)
    return PdfParts(objects, tree, [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", kids)])


def own_resources(objects: dict[int, bytes], pages: list[int]) -> dict[int, bytes]:
    """The resource dictionaries of `pages` cut down to what their content names.

    WeasyPrint gives every page of a document one shared resource dictionary, so a
    page copied by itself would take every other page's forms, patterns and
    shadings along (a chunk's row PDF would be 6× larger). Sub-dictionaries that
    hold more than plain references are kept whole."""
    used: dict[int, set[bytes]] = {}
    for page in pages:
        body = objects[page]
        found = _RESOURCES.search(body)
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)", body)
        if found is None or contents is None:
            continue
        names = used.setdefault(int(found.group(1)), set())
        for number in re.findall(rb"(\d+)\s+\d+\s+R", contents.group(1)):
            names.update(_NAME.findall(_stream_data(objects[int(number)])))

    def prune(names: set[bytes], match: re.Match[bytes]) -> bytes:
        entries = _ENTRY.findall(match.group(2))
        if _ENTRY.sub(b"", match.group(2)).strip():
            return match.group(0)  # not just references: keep it as it is
        kept = b"".join(b"/%s %s" % (name, ref) for name, ref in entries if name in names)
        return b"/%s <<%s>>" % (match.group(1), kept)

    return {
        number: _LISTED.sub(functools.partial(prune, names), objects[number])
        for number, names in used.items()
    }


def renumbered(body: bytes, number: Callable[[int], int]) -> bytes:
    """An object's body with each reference to object n made a reference to
    `number(n)`, in the order they appear (a stream's data is left as it is)."""

    def swap(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)  # a string
        return b"%d 0 R" % number(int(match.group(1)))

    opened = _STREAM_START.search(body)
    split = opened.start() if opened else len(body)
    return _REFERENCE.sub(swap, body[:split]) + body[split:]


_SUBSET_TAG = re.compile(rb"(/(?:BaseFont|FontName)\s*/)([A-Z]{6})\+")
_OTHER_TAG = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"NOPQRSTUVWXYZABCDEFGHIJKLM"
)  # rot13: a tag this gives never equals the one it came from


def retagged(pdf: bytes) -> bytes:
    """`pdf` with every font subset's tag (the six capitals before "+" in its name)
    replaced by another, byte for byte the same length, so its cross-reference table
    still holds. A kept shared page's subsets are written beside another chunk's subsets
    of the same fonts in one row PDF, and subsets in one file must not share a tag (ISO
    32000-1, 9.6.4): WeasyPrint tags a subset by its font alone."""
    return _SUBSET_TAG.sub(lambda m: m[1] + m[2].translate(_OTHER_TAG) + b"+", pdf)


def retagged_name(name: str) -> str:
    """A font name as `retagged` leaves it."""
    named = b"/BaseFont /"  # as a font dictionary names it, for `retagged` to find
    return retagged(named + name.encode("latin-1"))[len(named) :].decode("latin-1")


def drawn_over(objects: dict[int, bytes], pages: list[int], under: int) -> dict[int, bytes]:
    """New bodies for `pages` that draw the page `under` first, and the new objects they
    refer to (numbered past the last object). WeasyPrint writes one content stream per
    page; the form reuses it as it is, with the page's box and resources."""
    body = objects[under]
    contents = re.search(rb"/Contents\s+(\d+)\s+\d+\s+R", body)
    resources = _RESOURCES.search(body)
    media = re.search(rb"/MediaBox\s*\[([^\]]*)\]", body)
    if contents is None or resources is None or media is None:
        raise ValueError("page without one content stream, resources or media box")
    free = itertools.count(max(objects) + 1)
    form, draw = next(free), next(free)
    stream = objects[int(contents.group(1))]
    new = {
        form: b"<</Type /XObject /Subtype /Form /BBox [%s] /Resources %s 0 R"
        % (media.group(1), resources.group(1))
        + stream[2:],
        draw: b"<</Length %d>>\nstream\n%s\nendstream" % (len(_DRAW_UNDER), _DRAW_UNDER),
    }
    for page in pages:
        own = objects[page]
        found = _RESOURCES.search(own)
        if found is None:
            raise ValueError("page without resources")
        number = next(free)
        listed = b"/ansinhUnder %d 0 R" % form
        entries = objects[int(found.group(1))]
        if b"/XObject <<" in entries:
            new[number] = entries.replace(b"/XObject <<", b"/XObject <<" + listed, 1)
        else:
            new[number] = entries[:-2] + b"/XObject <<" + listed + b">>>>"
        own = own.replace(found.group(0), b"/Resources %d 0 R" % number, 1)
        contents = rb"/Contents\s*(\d+\s+\d+\s+R)"
        new[page] = re.sub(contents, b"/Contents [%d 0 R \\1]" % draw, own, count=1)
    return new


# ---------------------------------------------------------------- pypdfium2


@functools.cache
def _bitmap_over_class() -> type:
    import pypdfium2 as pdfium

    class Over(pdfium.PdfBitmap):
        def fill_rect(self, *args: Any, **kwargs: Any) -> None:
            pass  # the buffer holds the page below already

    return Over


def bitmap_over(below: Any) -> Callable:
    """A `bitmap_maker` for `PdfPage.render` whose bitmap starts as a copy of `below`'s
    pixels (another page rendered with the same settings; the new bitmap may have fewer
    of its rows, from the top) instead of a plain fill: PDFium then draws the page over
    them, as a batch row's PDF shows its page over the shared one. pypdfium2 fills a new
    bitmap itself; the subclass skips that fill."""
    import ctypes

    over = _bitmap_over_class()

    def maker(width: int, height: int, format: int, rev_byteorder: bool) -> Any:
        assert width == below.width and height <= below.height
        pixels = (ctypes.c_ubyte * (below.stride * height)).from_buffer_copy(below.buffer)
        return over.new_native(width, height, format, rev_byteorder, pixels, below.stride)

    return maker


# ---------------------------------------------------------------- concurrent.futures


def kill_executor(executor: Any) -> None:
    """Stop a `ProcessPoolExecutor` now: kill its workers instead of waiting for their
    tasks. There is no public API for that in Python 3.11–3.13: the live process dict
    (workers a concurrent submit is still starting are in it once shutdown returns) and
    the result pipe are taken before shutdown drops them from the executor."""
    processes, results = executor._processes, executor._result_queue
    executor.shutdown(wait=False, cancel_futures=True)
    workers = list(processes.values())
    for process in workers:
        process.kill()
    for process in workers:
        process.join(timeout=2)
    # A worker killed while sending a result leaves half a message in the pipe, and the
    # executor's manager thread waits forever for the rest (so would Python's exit, which
    # joins that thread). With the workers gone, closing our own copy of the write end
    # turns the wait into an end of file: a broken pool, cleaned up.
    results._writer.close()
