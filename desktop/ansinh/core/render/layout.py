"""WeasyPrint layout and what we read back from its boxes.

One `lay_out` call lays out an HTML document (one page per piece; batches put many
pieces in one document, which is ~20× faster than one call each). `inspect_page`
walks one page's box tree and reports, per field slot (`data-field` elements):
rendered line count against `data-lines`, text or images running past the slot's
box or the page, the natural width of shrink-to-fit text, and the placed size of
images (for their effective resolution). `paint_layer` tells whether a batch page laid
out in two paint layers adds up to the whole page.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.text.fonts import FontConfiguration

from .. import paths
from .fetcher import SafeFetcher

FONT_FAMILY = "Be Vietnam Pro"
# The shipped Noto Sans faces (scripts/fallback_font.py) draw what Be Vietnam Pro lacks:
# ƀ Ƀ ĕ ĭ ŏ ŭ … of the Central Highlands and northern minority scripts, capitals from
# a copy sized to Be Vietnam Pro's cap height, the rest to its x-height. The CSS names
# are our own, so no font installed on the machine can stand in for them. base.css
# lists the families in this order.
FAMILY_FILES = {
    FONT_FAMILY: "BeVietnamPro",
    "An Sinh Noto Sans Caps": "NotoSansCaps",
    "An Sinh Noto Sans": "NotoSans",
}
_WEIGHTS = {
    "Regular": (400, "normal"),
    "Italic": (400, "italic"),
    "Medium": (500, "normal"),
    "SemiBold": (600, "normal"),
    "Bold": (700, "normal"),
    "ExtraBold": (800, "normal"),
    "Black": (900, "normal"),
}
PX_PER_MM = 96 / 25.4
TOLERANCE_PX = 0.5  # sub-pixel rounding in layout is not an overflow

# WeasyPrint reports missing resources and unsupported CSS through logging.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _font_files() -> list[tuple[str, str, Path]]:
    """(CSS family, face name, file) of every shipped face, each family in every weight."""
    return [
        (family, style_name, paths.fonts_dir() / f"{stem}-{style_name}.ttf")
        for family, stem in FAMILY_FILES.items()
        for style_name in _WEIGHTS
    ]


def font_face_css() -> str:
    rules = []
    for family, style_name, font in _font_files():
        weight, style = _WEIGHTS[style_name]
        rules.append(
            f"@font-face {{ font-family: '{family}'; src: url('{font.as_uri()}'); "
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


@functools.cache
def font_codepoints() -> frozenset[int]:
    """Characters the shipped fonts draw, the fallback's included (in each family all
    weights share one character set)."""
    codepoints: set[int] = set()
    for stem in FAMILY_FILES.values():
        with TTFont(paths.fonts_dir() / f"{stem}-Regular.ttf", lazy=True) as font:
            codepoints.update(font.getBestCmap())
    return frozenset(codepoints)


def is_shipped_font(pdf_name: str) -> bool:
    """Whether a font a PDF names is one of the shipped faces. WeasyPrint names an
    embedded font by its CSS family and Pango style: "ABCDEF+An-Sinh-Noto-Sans-Heavy"."""
    name = pdf_name.split("+")[-1]
    return any(
        name == prefix or name.startswith(prefix + "-")
        for prefix in (family.replace(" ", "-") for family in FAMILY_FILES)
    )


@functools.cache
def font_config() -> FontConfiguration:
    # Kept per process: @font-face files are loaded once, not per render.
    return FontConfiguration()


@dataclass
class SlotReport:
    field: str
    lines: int = 0
    max_lines: int | None = None
    overflow_box: bool = False
    overflow_page: bool = False
    natural_width: float = 0.0  # widest line of text, CSS px
    available_width: float = 0.0  # the slot's content width, CSS px
    images: list[tuple[str, float, float]] = field(default_factory=list)  # (src, w_px, h_px)


@dataclass
class PageReport:
    slots: dict[str, SlotReport]
    stray_overflow: bool = False  # content outside the page that belongs to no slot
    row: str | None = None  # the batch row this page shows (its sheet's data-row)


STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_SHEETS: OrderedDict[tuple, tuple[weasyprint.CSS, list[str]]] = OrderedDict()
_SHEETS_KEPT = 16


def _stylesheet(
    text: str, base_url: str, roots: list[Path], fetcher: SafeFetcher
) -> weasyprint.CSS:
    """A parsed stylesheet, kept: a preview re-rendered on every pause in typing, and
    every chunk of a batch, carry the same CSS; parsing it and compiling its selectors
    is a fifth of a poster's layout. Keyed by the roots too (its fetcher's reach); what
    its fetcher refused (@import, @font-face) is reported again on every use."""
    key = (text, base_url, tuple(roots))
    if key in _SHEETS:
        _SHEETS.move_to_end(key)
    else:
        own = SafeFetcher(roots)
        sheet = weasyprint.CSS(
            string=text, base_url=base_url, url_fetcher=own, font_config=font_config()
        )
        _SHEETS[key] = (sheet, list(own.refused))
        if len(_SHEETS) > _SHEETS_KEPT:
            _SHEETS.popitem(last=False)
    sheet, refused = _SHEETS[key]
    fetcher.refused.extend(refused)
    return sheet


def lay_out(
    html: str, base_url: Path, roots: list[Path]
) -> tuple[weasyprint.Document, SafeFetcher]:
    """Lay `html` out. The <style> elements of its head become cached stylesheets: the
    same cascade, as they are the document's only author styles, in the same order."""
    fetcher = SafeFetcher(roots)
    base = str(base_url) + "/"
    sheets: list[weasyprint.CSS] = []

    def take(match: re.Match[str]) -> str:
        sheets.append(_stylesheet(match.group(1), base, roots, fetcher))
        return ""

    head, end_of_head, rest = html.partition("</head>")
    if end_of_head:
        html = STYLE.sub(take, head) + end_of_head + rest
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
        font_config=font_config(), stylesheets=sheets
    )
    return document, fetcher


def placed(box: boxes.Box) -> boxes.Box:
    """The box itself, or the absolutely positioned box its placeholder stands for."""
    return box._box if isinstance(box, AbsolutePlaceholder) else box


def children(box: boxes.Box) -> list[boxes.Box]:
    if isinstance(box, AbsolutePlaceholder):
        return [box._box]
    return list(getattr(box, "children", None) or [])


def _walk(box: boxes.Box, slot: str | None) -> Iterator[tuple[boxes.Box, str | None]]:
    element = getattr(box, "element", None)
    if element is not None and element.get("data-field") and box.element_tag != "html":
        slot = element.get("data-field")
    yield box, slot
    for child in children(box):
        yield from _walk(child, slot)


def _padding_box(box: boxes.Box) -> tuple[float, float, float, float]:
    left = box.position_x + box.margin_left + box.border_left_width
    top = box.position_y + box.margin_top + box.border_top_width
    return (
        left,
        top,
        left + box.padding_left + box.width + box.padding_right,
        top + box.padding_top + box.height + box.padding_bottom,
    )


def inspect_page(page: weasyprint.Page) -> PageReport:
    root = page._page_box
    page_box = (0.0, 0.0, root.margin_width(), root.margin_height())
    slots: dict[str, SlotReport] = {}
    slot_boxes: dict[str, tuple[float, float, float, float]] = {}
    stray = False
    row = None
    for box, slot in _walk(root, None):
        element = getattr(box, "element", None)
        if row is None and element is not None and element.get("data-row"):
            row = element.get("data-row")
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
            slot_boxes[slot] = _padding_box(box)
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
            box.position_x < page_box[0] - TOLERANCE_PX
            or box.position_y < page_box[1] - TOLERANCE_PX
            or right > page_box[2] + TOLERANCE_PX
            or bottom > page_box[3] + TOLERANCE_PX
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
            if isinstance(box, boxes.ReplacedBox):
                report.images.append(
                    (element.get("src", "") if element is not None else "", box.width, box.height)
                )
        elif outside_page:
            stray = True
    return PageReport(slots, stray, row)


def border_box(box: boxes.Box) -> tuple[float, float, float, float]:
    left, top = box.position_x + box.margin_left, box.position_y + box.margin_top
    return (left, top, left + box.border_width(), top + box.border_height())


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE_PX
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE_PX
    )


def paint_layer(page: weasyprint.Page, fields: set[str], own: bool) -> list[tuple] | None:
    """What a page of a layered batch paints besides `fields`, to compare with its
    shared page; None when painting it in two layers could change a pixel.

    A row's own page (`own`) paints only the slots of `fields`, drawn over the shared
    page, which paints everything else. That equals the whole page when the rest is
    the same on both (the same boxes, text and attributes: nothing else shows a row's
    value) and nothing else would be painted over a slot or share a transparency group
    with it: no z-index, no ancestor with opacity, nothing later in paint order (later
    in the tree, or positioned over an unpositioned slot) overlapping a slot's box."""
    rest: list[tuple] = []
    others: list[tuple[int, tuple[float, ...], bool, int]] = []  # id, box, positioned, order
    slots: list[tuple[tuple[float, ...], bool, int, set[int]]] = []  # ... and ancestors
    ancestors: list[int] = []

    def visit(box: boxes.Box, in_slot: bool, faded: bool) -> bool:
        style, element = box.style, getattr(box, "element", None)
        field = element.get("data-field") if element is not None else None
        slot = in_slot or (field in fields and box.element_tag != "html")
        if style["z_index"] != "auto" or (slot != own and _paints(box)):
            return False  # z-index reorders painting; the template's own visibility rules
        positioned = style["position"] != "static" or style["float"] != "none"
        order = len(others) + len(slots)
        if slot and not in_slot:
            if faded:
                return False
            slots.append((border_box(box), positioned, order, set(ancestors)))
        elif not slot:
            attributes = element.attrib if element is not None else {}
            edges = border_box(box)  # the same arithmetic on both pages: equal floats
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
        faded = faded or style["opacity"] < 1
        safe = all(visit(child, slot, faded) for child in children(box))
        ancestors.pop()
        return safe

    if own and page._page_box.canvas_background is not None:
        return None  # a body/html background, moved to the canvas, would cover the shared page
    if not visit(page._page_box, False, False):
        return None
    for slot_box, slot_positioned, slot_order, above in slots:
        for number, box, positioned, order in others:
            painted_over = order > slot_order or (positioned and not slot_positioned)
            if painted_over and number not in above and _overlap(box, slot_box):
                return None
    return rest


def _paints(box: boxes.Box) -> bool:
    """Whether the box itself draws anything (its children aside)."""
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
