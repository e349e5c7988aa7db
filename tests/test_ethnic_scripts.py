"""Every letter of the Central Highlands and northern minority scripts prints.

Be Vietnam Pro lacks ƀ Ƀ ĕ Ĕ ĭ ŏ Ŏ ŭ …; the shipped Noto Sans faces draw them. Lines in
Ê Đê, Jrai, Ba Na, M'nông, H'Mông (RPA) and Thái (Latin script) are rendered in the
poster, banner and social templates and read back from the PDF: no glyph check, the
text extractable, the fallback embedded. A character neither font has is still refused.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from ansinh.core.campaign import FONTS as FONTS_BY_ID
from ansinh.core.campaign import Piece
from ansinh.core.render import layout
from ansinh.core.render.piece import RenderOptions, RenderResult, render_piece
from ansinh.core.render.raster import pdf_fonts
from ansinh.core.templates import TemplateRegistry
from helpers import pdf_text

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "assets" / "fonts"

EDE_TITLE = "Ƀuôn Ƀuôr – Ĕa Knŏp"
# Short lines as an office would print them, each with its language's own letters;
# "ơ̆" has no precomposed form and stays base letter + combining breve.
SAMPLES = {
    "ede": "Mnuih ƀuôn sang hdĭp jăk",
    "jrai": "Ƀing ană plơi hrŏm hơbĭt",
    "bana": "Tơdrŏng kon pơlei bơ̆n",
    "mnong": "Bunuyh ƀon lan M'nông",
    "hmong": "Peb txhua tus muaj pov hwm",
    "thai": "Xăm pí noọng bản mường",
}
# Letters Be Vietnam Pro lacks, all of which the fallback must draw.
SPECIAL = "ƀɃĕĔĭĬŏŎŭŬǎǍǐǏǒǑǔǓ"
# (template, size, field holding the line)
PLACES = [
    ("poster-bhxh", "A4", "title"),
    ("banner-bhxh", "3x1m", "title"),
    ("social-bhxh", "1080x1080", "headline"),
]
FALLBACK_PREFIX = "An-Sinh-Noto-Sans"


@cache
def _render(template_id: str, size: str, field: str, text: str) -> RenderResult:
    from ansinh.core.campaign import load_campaign

    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    return render_piece(
        Piece(template_id, "toan-dan", size, {field: text}),
        campaign,
        RenderOptions(formats=("pdf",)),
        registry=TemplateRegistry([(ROOT / "templates", "shipped")]),
    )


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    # PDFium reads a mark raised over its base (the breve of "ơ̆", set with a text rise)
    # as the end of a line; the PDF's text itself is whole.
    text = re.sub(r"([\u0300-\u036f])\s+", r"\1", text)
    return " ".join(text.split())


def _needs_fallback(text: str) -> bool:
    with TTFont(FONTS / "BeVietnamPro-Regular.ttf", lazy=True) as font:
        cmap = font.getBestCmap()
    return any(ord(ch) not in cmap for ch in unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(("template_id", "size", "field"), PLACES)
@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_sample_line_prints_with_no_glyph_check(
    language: str, template_id: str, size: str, field: str
) -> None:
    line = SAMPLES[language]
    result = _render(template_id, size, field, line)
    assert not [c.en for c in result.checks if c.code == "glyph"]
    assert result.ok, [c.en for c in result.checks if c.is_error]
    pdf = result.artifact("pdf").data
    assert _fold(line) in _fold(pdf_text(pdf))
    fonts = pdf_fonts(pdf)
    assert all(embedded for _, embedded in fonts), fonts
    assert all(layout.is_shipped_font(name) for name, _ in fonts), fonts
    fallback = any(FALLBACK_PREFIX in name for name, _ in fonts)
    assert fallback == _needs_fallback(line)


@pytest.mark.parametrize(("template_id", "size", "field"), PLACES)
def test_ede_title_prints_with_the_fallback_embedded(
    template_id: str, size: str, field: str
) -> None:
    result = _render(template_id, size, field, EDE_TITLE)
    assert not [c.en for c in result.checks if c.code == "glyph"]
    assert result.ok, [c.en for c in result.checks if c.is_error]
    pdf = result.artifact("pdf").data
    assert _fold(EDE_TITLE) in _fold(pdf_text(pdf))
    names = {name.split("+")[-1] for name, embedded in pdf_fonts(pdf) if embedded}
    # The title is set in 900; its fallback letters come from Noto Sans in 900 too.
    assert any(re.fullmatch(FALLBACK_PREFIX + r"(-Caps)?-Heavy", n) for n in names), names


@pytest.mark.parametrize(
    ("text", "char"), [("BHXH 社会保险", "U+793E"), ("Tham gia 🙂", "U+1F642")]
)
def test_a_character_neither_font_has_is_still_refused(text: str, char: str) -> None:
    result = _render("poster-bhxh", "A4", "title", text)
    glyph = [c for c in result.checks if c.code == "glyph"]
    assert glyph and glyph[0].is_error and glyph[0].field == "title"
    assert char in glyph[0].vi and char in glyph[0].en
    assert not result.ok


def test_text_set_in_a_system_font_is_still_flagged_after_layout() -> None:
    """Greek is in neither shipped font (the fallback is subset to Latin): drawn by a
    system font, the PDF-level check names it; the shipped faces pass."""
    from ansinh.core.render.piece import fallback_font_checks

    ede = _render("banner-bhxh", "3x1m", "title", EDE_TITLE).artifact("pdf").data
    assert fallback_font_checks(n for n, _ in pdf_fonts(ede)) == []
    greek = _render("banner-bhxh", "3x1m", "title", "Ωμέγα").artifact("pdf").data
    others = [n for n, _ in pdf_fonts(greek) if not layout.is_shipped_font(n)]
    if not others:
        pytest.skip("no system font on this machine draws Greek")
    checks = fallback_font_checks(others)
    assert checks and checks[0].code == "glyph" and checks[0].is_error


def test_format_characters_stay_refused() -> None:
    """Bidi overrides and zero-width joiners are invisible: the fallback does not claim
    them, so the glyph check still refuses them."""
    assert not {0x200B, 0x200D, 0x202E, 0x2066} & layout.font_codepoints()


@pytest.mark.parametrize("face", sorted(layout._WEIGHTS))
def test_each_weight_has_a_matching_fallback_face(face: str) -> None:
    primary = TTFont(FONTS / f"BeVietnamPro-{face}.ttf")
    lower = TTFont(FONTS / f"NotoSans-{face}.ttf")
    caps = TTFont(FONTS / f"NotoSansCaps-{face}.ttf")
    for font in (lower, caps):
        assert font["OS/2"].usWeightClass == primary["OS/2"].usWeightClass
        assert font["OS/2"].fsSelection & 1 == primary["OS/2"].fsSelection & 1  # italic
        # Same line metrics (in ems): a line with a fallback letter keeps its height.
        for key in ("ascent", "descent", "lineGap"):
            ours = getattr(font["hhea"], key) / font["head"].unitsPerEm
            assert ours == pytest.approx(getattr(primary["hhea"], key) / 1000, abs=0.002)
    assert _top(caps, "H") == pytest.approx(_top(primary, "H"), abs=0.003)
    assert _top(lower, "x") == pytest.approx(_top(primary, "x"), abs=0.003)
    lower_cmap, caps_cmap = lower.getBestCmap(), caps.getBestCmap()
    for ch in SPECIAL:
        font_cmap = caps_cmap if ch.isupper() else lower_cmap
        assert ord(ch) in font_cmap, (face, ch)
    assert not [ch for ch in SPECIAL if ch.islower() and ord(ch) in caps_cmap]


def _top(font: TTFont, char: str) -> float:
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.bounds[3] / font["head"].unitsPerEm


def test_every_template_lists_the_fallback_after_be_vietnam_pro() -> None:
    css = (ROOT / "templates" / "_shared" / "base.css").read_text(encoding="utf-8")
    body = re.search(r"body\s*\{[^}]*font-family:\s*([^;]+);", css)
    assert body
    # The piece's font (--font, Be Vietnam Pro unless its look picks another), then
    # the fallback.
    stack = [name.strip().strip("'\"") for name in body.group(1).split(",")]
    assert stack == ["var(--font", "Be Vietnam Pro')", *layout.FALLBACK_FILES, "sans-serif"]
    # No template or layout variant sets a font of its own, which would drop the fallback.
    for source in [*(ROOT / "templates").glob("*/*.j2"), *(ROOT / "templates").glob("*/*.css")]:
        if source.name != "base.css":
            assert "font-family" not in source.read_text(encoding="utf-8"), source
    for font in FONTS_BY_ID.values():
        faces = layout.font_face_css(font.id)
        assert f"--font: '{font.family}'" in faces
        for family in (font.family, *layout.FALLBACK_FILES):
            assert faces.count(f"font-family: '{family}'") == len(layout._WEIGHTS)
    assert (FONTS / "OFL-NotoSans.txt").is_file()


def test_the_app_does_not_need_the_font_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "fontpkg" not in pyproject
    sources = (ROOT / "desktop").rglob("*.py")
    assert not [p for p in sources if "fontpkg" in p.read_text(encoding="utf-8")]
