"""WeasyPrint layout: the shipped fonts, the session's parsed stylesheets, `lay_out`.

One `lay_out` call lays out an HTML document (one page per piece; batches put many
pieces in one document, which is ~20× faster than one call each). What is read back
from the laid-out pages (`engine.inspect_page`: per field slot, its line count,
overflow, natural text width and placed images; `engine.paint_layer`: whether a batch
page laid out in two paint layers adds up to the whole page) reads WeasyPrint's box
tree, so it lives in `engine`, the one module that reaches into its internals.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.text.fonts import FontConfiguration

from .. import paths
from ..campaign import DEFAULT_FONT, FONTS
from .fetcher import SafeFetcher
from .session import RenderSession, process_session

# The shipped Noto Sans faces (scripts/fallback_font.py) draw what the piece's font
# (campaign.FONTS) lacks: ƀ Ƀ ĕ ĭ ŏ ŭ … of the Central Highlands and northern minority
# scripts, capitals from a copy sized to Be Vietnam Pro's cap height, the rest to its
# x-height. The CSS names are our own, so no font installed on the machine can stand in
# for them. base.css sets the piece's font (--font), then these, in this order.
FALLBACK_FILES = {
    "An Sinh Noto Sans Caps": "NotoSansCaps",
    "An Sinh Noto Sans": "NotoSans",
}
FAMILY_FILES = {font.family: font.stem for font in FONTS.values()} | FALLBACK_FILES
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

# WeasyPrint reports missing resources and unsupported CSS through logging.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _families(font: str) -> dict[str, str]:
    """CSS family → file stem of the font `font` (a FONTS id) and of the fallback."""
    chosen = FONTS[font]
    return {chosen.family: chosen.stem} | FALLBACK_FILES


def _font_files(font: str) -> list[tuple[str, str, Path]]:
    """(CSS family, face name, file) of the faces a piece set in `font` uses: that
    family and the fallback, each in every weight."""
    return [
        (family, style_name, paths.fonts_dir() / f"{stem}-{style_name}.ttf")
        for family, stem in _families(font).items()
        for style_name in _WEIGHTS
    ]


def font_face_css(font: str = DEFAULT_FONT) -> str:
    """The @font-face rules of `font` and the fallback, and `--font`, the family
    base.css sets the sheet in (only the faces a piece uses are loaded)."""
    rules = [f":root {{ --font: '{FONTS[font].family}'; }}"]
    for family, style_name, font_file in _font_files(font):
        weight, style = _WEIGHTS[style_name]
        rules.append(
            f"@font-face {{ font-family: '{family}'; src: url('{font_file.as_uri()}'); "
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


@functools.cache
def font_codepoints(font: str = DEFAULT_FONT) -> frozenset[int]:
    """Characters a piece set in `font` can draw, the fallback's included (in each
    family all weights share one character set)."""
    codepoints: set[int] = set()
    for stem in _families(font).values():
        with TTFont(paths.fonts_dir() / f"{stem}-Regular.ttf", lazy=True) as font:
            codepoints.update(font.getBestCmap())
    return frozenset(codepoints)


def is_shipped_font(pdf_name: str) -> bool:
    """Whether a font a PDF names is one of the shipped faces. WeasyPrint names an
    embedded font by its CSS family and Pango style: "ABCDEF+An-Sinh-Noto-Sans-Heavy",
    after a comma for a face of another width: "…+An-Sinh-Barlow-Condensed,-Condensed"."""
    name = pdf_name.split("+")[-1]
    return any(
        name == prefix or name.startswith((prefix + "-", prefix + ","))
        for prefix in (family.replace(" ", "-") for family in FAMILY_FILES)
    )


@functools.cache
def font_config() -> FontConfiguration:
    # Kept per process: @font-face files are loaded once, not per render.
    return FontConfiguration()


STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def _stylesheet(
    text: str, base_url: str, roots: list[Path], fetcher: SafeFetcher, session: RenderSession
) -> weasyprint.CSS:
    """A parsed stylesheet, kept by the session: a preview re-rendered on every pause in
    typing, and every chunk of a batch, carry the same CSS; parsing it and compiling its
    selectors is a fifth of a poster's layout. Keyed by the roots too (its fetcher's
    reach); what its fetcher refused (@import, @font-face) is reported again on every use."""

    def parse() -> tuple[weasyprint.CSS, list[str]]:
        own = SafeFetcher(roots)
        sheet = weasyprint.CSS(
            string=text, base_url=base_url, url_fetcher=own, font_config=font_config()
        )
        return sheet, list(own.refused)

    sheet, refused = session.sheet((text, base_url, tuple(roots)), parse)
    fetcher.refused.extend(refused)
    return sheet


def lay_out(
    html: str, base_url: Path, roots: list[Path], session: RenderSession | None = None
) -> tuple[weasyprint.Document, SafeFetcher]:
    """Lay `html` out. The <style> elements of its head become the session's parsed
    stylesheets (this process's session by default): the same cascade, as they are the
    document's only author styles, in the same order."""
    session = session or process_session()
    fetcher = SafeFetcher(roots)
    base = str(base_url) + "/"
    sheets: list[weasyprint.CSS] = []

    def take(match: re.Match[str]) -> str:
        sheets.append(_stylesheet(match.group(1), base, roots, fetcher, session))
        return ""

    head, end_of_head, rest = html.partition("</head>")
    if end_of_head:
        html = STYLE.sub(take, head) + end_of_head + rest
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
        font_config=font_config(), stylesheets=sheets
    )
    return document, fetcher
