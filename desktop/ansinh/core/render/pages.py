"""Pieces of more than one page: leaflets with two sides, booklets, slide decks.

A template declares the pages it makes (`pages = 2`, or `pages = "4-32"` for content
that flows from page to page; `Template.pages`). A piece may have those pages and no
more: flowing content past the most is an error naming the field that runs over and
the page count, and the field checks (`engine.inspect_page`) cover every page, not only
the first. Page numbers, running heads and fold marks are the templates' own CSS
(@page margin boxes, `string-set`, `target-counter`), which WeasyPrint lays out.

A saddle-stitched booklet's pages come in fours (`page_multiple = 4`): its template
lays out, before the back cover, filler pages (notes pages, each holding an element
with an id starting `filler-`), as many as a count may lack; `padded` keeps the first
ones the count needs and drops the rest, so the back cover is the last page of a
multiple of four with no second layout.

A batch lays a multi-page template out one row per document (`batch.run_batch`): page
counters and a contents page's page references count from the document's first page,
so rows sharing one document would number on from each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from ..checks import Check, error
from ..templates.manifest import Template
from . import engine

Label = Callable[[str | None, int], str]  # (field id, 0 = Vietnamese / 1 = English) -> name
FILLER = "filler-"


def _is_filler(page: Any) -> bool:
    return any(anchor.startswith(FILLER) for anchor in page.anchors)


def padded(template: Template, pages: Sequence[Any]) -> list[Any]:
    """`pages` (a piece's laid-out pages) with as many of its filler pages as make the
    count a multiple of `template.page_multiple`, the first ones, in their place."""
    if template.page_multiple == 1:
        return list(pages)
    fillers = [id(page) for page in pages if _is_filler(page)]
    needed = -(len(pages) - len(fillers)) % template.page_multiple
    dropped = set(fillers[needed:])
    return [page for page in pages if id(page) not in dropped]


def _flowing_field(template: Template, pages: Sequence[Any]) -> str | None:
    """The field that makes the piece run past the last page allowed: of the fields
    shown from that page on, a paragraph (flowing text) first; where only filler pages
    and the back cover are past it, the paragraph that pushed them there."""
    shown: dict[str, None] = {}
    for page in pages[template.pages[1] - 1 :]:
        shown.update(dict.fromkeys(engine.inspect_page(page).slots))
    paragraphs = [f.id for f in template.fields if f.type == "paragraph"]
    if not any(field in shown for field in paragraphs) and template.page_multiple > 1:
        for page in pages:
            shown.update(dict.fromkeys(engine.inspect_page(page).slots))
    flowing = [field for field in paragraphs if field in shown]
    return (flowing or list(shown) or [None])[0]


def count_checks(template: Template, pages: Sequence[Any], label: Label) -> list[Check]:
    """The piece's page count against the pages its template declares."""
    least, most = template.pages
    count = len(pages)
    if most == 1 and count > 1:
        return [
            error(
                "page",
                f"Nội dung tràn sang trang thứ hai ({count} trang): hãy rút ngắn chữ.",
                f"The content spills onto a second page ({count} pages): shorten the text.",
            )
        ]
    if count > most:
        field = _flowing_field(template, pages)
        vi, en = (f"«{label(field, 0)}» ", f"«{label(field, 1)}» ") if field else ("", "")
        return [
            error(
                "page",
                f"{vi}làm ấn phẩm dài {count} trang, mẫu chỉ cho tối đa {most} trang: "
                "hãy rút bớt nội dung.",
                f"{en}makes the piece {count} pages long; the template allows at most "
                f"{most}: shorten the content.",
                field,
            )
        ]
    if count % template.page_multiple:
        return [
            error(
                "page",
                f"Ấn phẩm có {count} trang, không chia hết cho {template.page_multiple} để "
                "đóng ghim: mẫu thiếu trang chèn (filler).",
                f"The piece has {count} pages, not a multiple of {template.page_multiple} "
                "for binding: the template lacks filler pages.",
            )
        ]
    if count < least:
        return [
            error(
                "page",
                f"Ấn phẩm chỉ có {count} trang, mẫu cần ít nhất {least} trang.",
                f"The piece has only {count} pages; the template needs at least {least}.",
            )
        ]
    return []


def whole_report(pages: Sequence[Any], first: engine.PageReport | None) -> engine.PageReport | None:
    """`first` (the first page's report) with the slots of the later pages added: a field
    that flows over pages is checked on each."""
    if first is None or len(pages) < 2:
        return first
    slots = {name: _copy(slot) for name, slot in first.slots.items()}
    stray = first.stray_overflow
    for page in pages[1:]:
        report = engine.inspect_page(page)
        stray |= report.stray_overflow
        for name, slot in report.slots.items():
            if name not in slots:
                slots[name] = _copy(slot)
                continue
            whole = slots[name]
            whole.lines += slot.lines
            whole.overflow_box |= slot.overflow_box
            whole.overflow_page |= slot.overflow_page
            whole.natural_width = max(whole.natural_width, slot.natural_width)
            whole.images += slot.images
    return engine.PageReport(slots, stray, first.row)


def _copy(slot: engine.SlotReport) -> engine.SlotReport:
    return engine.SlotReport(**{**vars(slot), "images": list(slot.images)})


def more_pngs(
    first: Any, written: Any, prepared: Any, options: Any, draw: Callable[..., Any]
) -> list[Any]:
    """The PNGs of a multi-page piece's later pages (its pages follow one another in
    `written.document`), drawn by `draw` (`piece.png_artifact`). Each PNG's stats number
    its page, `first`'s (page 1's) too: the bundle names the files by page."""
    if written.pages < 2:
        return []
    first.stats["page"] = 1
    later = []
    for page in range(1, written.pages):
        png = draw(written.document, written.index + page, prepared, options)
        png.stats["page"] = page + 1
        later.append(png)
    return later


# --- sections: a paragraph field written as "## Heading" lines, each followed by its text

_HEADING = re.compile(r"<h[1-6]>(.*?)</h[1-6]>", re.S)


def sections(html: str) -> list[dict[str, Markup]]:
    """A paragraph field's sections, in order (a booklet's questions, a deck's slides):
    `heading` (the heading's text, inline markup kept) and `body` (the HTML up to the
    next heading). The HTML is the field's own Markdown rendering (`fields.paragraph_html`:
    the user's text escaped, then Markdown), so its headings are whole elements; any
    other text is escaped first, so it has no sections and no markup reaches the page.
    Text before the first heading is not a section."""
    parts = _HEADING.split(str(html if isinstance(html, Markup) else escape(html)))
    return [
        {"heading": Markup(parts[i].strip()), "body": Markup(parts[i + 1].strip())}
        for i in range(1, len(parts) - 1, 2)
    ]
