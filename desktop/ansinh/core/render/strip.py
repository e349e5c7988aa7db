"""Many rows' own paint layers laid out on one page (a strip), then split per row.

In a layered batch chunk (see `chunk`), a row's own page paints only the fields that
vary between rows — on a street banner, the village name. Laying out a whole page for
that costs ~20 ms (the page, every box's style, the hidden rest); laying out only the
slot costs ~1.5 ms. So rows whose page differs from their segment's shared page only
inside those slots put just their slot elements, all of them, into one sheet (the
strip) styled exactly like their own page, one layout pass lays the strip out, and each
row's own page is cut out of it: the strip page's box tree with only that row's slots.

It must be the very page a whole layout would give, so a row goes into a strip only if
- its sheet's HTML is the shared sheet's except inside the slots, and each slot is one
  element holding plain text (`slot_parts`): the rest of its page is the shared page;
- the template's CSS never selects by position among siblings or by children
  (`position_free`): a slot then gets the same style among the strip's siblings as in
  its own sheet (same element, same ancestors);
- after layout (`engine.split_strip`), the shared page's slot is an absolutely positioned child of
  the sheet, so its content moves nothing else, and the row's slot in the strip has the
  same border box: the same place, containing block and size; it has no generated
  content (counters would differ); the pages have no margin boxes (running heads could
  show a slot's text); and the paint order is safe (`engine.paint_layer`, on the
  strip here and on the shared page by the caller).
A row that fails is laid out on its own page as before, by the caller.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import tinycss2

from . import layout

_DATA_ROW = re.compile(r'\sdata-row="[^"]*"')
_SECTION = re.compile(r"<section\b[^>]*>")
# Pseudo-classes that look at siblings or children; `+` and `~` are sibling combinators.
_STRUCTURAL = {
    "first-child", "last-child", "only-child", "first-of-type", "last-of-type",
    "only-of-type", "empty", "nth-child", "nth-last-child", "nth-of-type",
    "nth-last-of-type", "has",
}  # fmt: skip


@functools.cache
def _slot_pattern(field: str) -> re.Pattern[str]:
    """One element carrying data-field="field" whose content is text only."""
    name = re.escape(field)
    return re.compile(rf'<([a-zA-Z][\w-]*)\b[^<>]*\sdata-field="{name}"[^<>]*>[^<]*</\1\s*>')


def slot_parts(sheet: str, fields: list[str]) -> tuple[str, list[str]] | None:
    """The sheet's HTML without its data-row and with each field's slot element cut
    out, and those elements; None unless every field has exactly one slot element
    holding only text."""
    rest, cut = sheet, []
    for field in fields:
        if rest.count(f'data-field="{field}"') != 1:
            return None
        match = _slot_pattern(field).search(rest)
        if match is None:
            return None
        cut.append(match.group(0))
        rest = f"{rest[: match.start()]}\0{field}\0{rest[match.end() :]}"
    return _DATA_ROW.sub("", rest, count=1), cut


def strip_sheet(shared_sheet: str, row_id: str, elements: list[str]) -> str:
    """A sheet like the shared one (its <section> start tag, with `row_id` as data-row)
    holding only `elements`, the slots of many rows."""
    section = _SECTION.search(shared_sheet)
    assert section is not None  # page.html.j2 wraps every sheet in one
    start = _DATA_ROW.sub(f' data-row="{row_id}"', section.group(0), count=1)
    return start + "".join(elements) + "</section>"


@functools.lru_cache(maxsize=32)
def position_free(head: str) -> bool:
    """Whether no rule of the head's stylesheets selects by position among siblings or
    by children. (WeasyPrint's own stylesheet does only for form controls.)"""
    for css in layout.STYLE.findall(head):
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        if any(_structural(rule) for rule in rules):
            return False
    return True


def _structural(rule) -> bool:
    if rule.type == "at-rule":
        if rule.lower_at_keyword == "import":
            return True  # its rules are not read here
        if rule.lower_at_keyword in ("page", "font-face") or rule.content is None:
            return False  # page selectors and descriptors pick no element
        inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        return any(_structural(child) for child in inner)
    if rule.type != "qualified-rule":
        return False
    tokens = list(_flatten(rule.prelude))
    for before, token in zip([None, *tokens], tokens, strict=False):
        if token.type == "literal" and token.value in ("+", "~"):
            return True
        if before is not None and before.type == "literal" and before.value == ":":
            name = getattr(token, "lower_value", None) or getattr(token, "lower_name", "")
            if token.type in ("ident", "function") and name in _STRUCTURAL:
                return True
    # Nested rules (`.a { &:first-child { … } }`), which WeasyPrint reads too.
    nested = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    return any(_structural(child) for child in nested)


def _flatten(tokens) -> Iterator:
    for token in tokens:
        if token.type == "whitespace" or token.type == "comment":
            continue
        yield token
        if token.type == "function":
            yield from _flatten(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _flatten(token.content)

