#!/usr/bin/env python3
"""Builds the shipped fallback font, assets/fonts/NotoSans*-*.ttf, from Noto Sans.

    pip install --target /tmp/noto fontpkg-noto-sans
    .venv/bin/python scripts/fallback_font.py /tmp/noto/fontpkg_noto_sans/files

Be Vietnam Pro lacks letters of the Central Highlands and northern minority scripts
(Ƀ ƀ Ĕ ĕ Ĭ ĭ Ŏ ŏ Ŭ ŭ ǎ ǒ ǔ …). Noto Sans (OFL, no reserved font name) has them, but
`fontpkg-noto-sans` carries only the variable fonts. For each Be Vietnam Pro face this
writes static Noto Sans instances of the same weight and style, subset to the Latin
ranges and combining marks these orthographies use, with Be Vietnam Pro's plain I and J
(Noto's titling forms): `NotoSans-*` sized to Be Vietnam
Pro's x-height and `NotoSansCaps-*` (capitals only) to its cap height, both with Be
Vietnam Pro's line metrics so a line holding a fallback letter keeps its height and
baseline. The app only reads the result; it never needs the PyPI package.
"""

from __future__ import annotations

import copy
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

FONTS = Path(__file__).resolve().parents[1] / "assets" / "fonts"
# Face name → (wght, italic), the faces of Be Vietnam Pro the templates use.
FACES = {
    "Regular": (400, False),
    "Italic": (400, True),
    "Medium": (500, False),
    "SemiBold": (600, False),
    "Bold": (700, False),
    "ExtraBold": (800, False),
    "Black": (900, False),
}
RANGES = [
    (0x0020, 0x007E),  # Basic Latin: bases for combining marks the primary font lacks
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x024F),  # Latin Extended-A and -B: ĕ ĭ ŏ ŭ, ƀ Ƀ, ǎ ǐ ǒ ǔ
    (0x0250, 0x02FF),  # IPA extensions, spacing modifier letters (ʼ)
    (0x0300, 0x036F),  # combining diacritical marks
    (0x1AB0, 0x1AFF),  # combining diacritical marks extended
    (0x1DC0, 0x1DFF),  # combining diacritical marks supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency symbols (₫)
    (0x25CC, 0x25CC),  # dotted circle: the shaper's base for a lone combining mark
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E
]


def build_face(variable: Path, name: str, wght: int) -> list[Path]:
    """The two files of one face: all letters, sized to Be Vietnam Pro's x-height, and
    capitals only, sized to its cap height (Noto's capitals are 3.5 % shorter and its
    lower case up to 4 % taller; side by side in a title that shows)."""
    noto = instantiateVariableFont(
        TTFont(variable), {"wght": wght, "wdth": 100}, updateFontNames=True
    )
    plain_capital_i_and_j(noto)
    # Format characters (bidi overrides, zero-width joiners) are left out: invisible,
    # they stay flagged by the glyph check, as before.
    everything = [
        c for lo, hi in RANGES for c in range(lo, hi + 1) if unicodedata.category(chr(c)) != "Cf"
    ]
    capitals = [c for c in everything if unicodedata.category(chr(c)) in ("Lu", "Lt")]
    marks = [c for c in everything if unicodedata.category(chr(c)) == "Mn"]
    primary = TTFont(FONTS / f"BeVietnamPro-{name}.ttf")
    outputs = []
    for stem, unicodes, sample in (
        ("NotoSans", everything, "x"),
        # Marks and the space too, so a mark typed after a capital attaches to it.
        ("NotoSansCaps", capitals + marks + [0x20, 0x25CC], "H"),
    ):
        font = subset_font(copy.deepcopy(noto), unicodes)
        scale_to(font, height(primary, sample) / height(font, sample))
        match_vertical_metrics(font, primary)
        out = FONTS / f"{stem}-{name}.ttf"
        font.save(out)
        outputs.append(out)
    return outputs


def plain_capital_i_and_j(font: TTFont) -> None:
    """Noto Sans draws I with serifs and J below the baseline; Be Vietnam Pro's are
    plain and sit on it (Ĭ beside I in one word showed). Noto's ss04, "titling
    alternates I and J", has those forms: make them the default ones."""
    gsub = font["GSUB"].table
    alternates: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "ss04":
            for index in record.Feature.LookupListIndex:
                for table in gsub.LookupList.Lookup[index].SubTable:
                    alternates.update(getattr(table, "ExtSubTable", table).mapping)
    for table in font["cmap"].tables:
        table.cmap = {code: alternates.get(glyph, glyph) for code, glyph in table.cmap.items()}


def subset_font(font: TTFont, unicodes: list[int]) -> TTFont:
    options = subset.Options()
    # The default features (ccmp, locl, mark, mkmk, kern, liga …) place stacked
    # diacritics; stylistic sets and small capitals would double the glyph count.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # PDF output; the outlines are all that is drawn
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    return font


def height(font: TTFont, char: str) -> float:
    """Top of a flat-topped letter, in ems."""
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.bounds[3] / font["head"].unitsPerEm


def scale_to(font: TTFont, factor: float) -> None:
    """Draw every glyph `factor` times larger at the same font size: a smaller em, so
    outlines, advances, kerning and mark anchors all scale together."""
    font["head"].unitsPerEm = round(font["head"].unitsPerEm / factor)


def match_vertical_metrics(font: TTFont, primary: TTFont) -> None:
    """Line ascent, descent and gap of the primary font, so WeasyPrint lays out a line
    with a fallback glyph exactly like one without (same height, same baseline)."""
    scale = font["head"].unitsPerEm / primary["head"].unitsPerEm
    for table, keys in (
        ("hhea", ("ascent", "descent", "lineGap")),
        ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap")),
    ):
        for key in keys:
            setattr(font[table], key, round(getattr(primary[table], key) * scale))
    # Win metrics bound the drawing area on some renderers: never clip a glyph.
    for key in ("usWinAscent", "usWinDescent"):
        ours, theirs = getattr(font["OS/2"], key), getattr(primary["OS/2"], key)
        setattr(font["OS/2"], key, max(ours, round(theirs * scale)))


def main(files: Path) -> None:
    for name, (wght, italic) in FACES.items():
        variable = files / f"NotoSans{'-Italic' if italic else ''}[wdth,wght].ttf"
        for out in build_face(variable, name, wght):
            print(f"{out.name}: {out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
