#!/usr/bin/env python3
"""Builds the fonts a piece may be set in besides Be Vietnam Pro (campaign.FONTS):
assets/fonts/NotoSerif-*.ttf and BarlowCondensed-*.ttf, with their licences.

    pip download --no-deps -d /tmp/fonts fontpkg-noto-serif fontpkg-barlow-condensed
    (cd /tmp/fonts && for w in *.whl; do unzip -oq "$w"; done)
    .venv/bin/python scripts/piece_fonts.py /tmp/fonts

Both are OFL. Each is written in the faces the templates use (fallback_font.FACES),
static (Noto Serif ships only as a variable font) and subset to the Latin ranges of
the fallback (fallback_font.RANGES: every Vietnamese letter, precomposed or combined,
and the punctuation and ₫ the templates print); letters a family lacks are drawn by
the Noto Sans fallback. The app only reads the result.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from pathlib import Path

from fallback_font import FACES, FONTS, subset_font
from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

# Vietnamese and what the templates print around it; the letters of other Latin
# orthographies (ƀ ĕ ŏ ǎ … of the Central Highlands) come from the fallback.
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: à á â ã è é ê ì í ò ó ô õ ù ú ý
    (0x0102, 0x0103),  # Ă ă
    (0x0110, 0x0111),  # Đ đ
    (0x0128, 0x0129),  # Ĩ ĩ
    (0x0168, 0x0169),  # Ũ ũ
    (0x01A0, 0x01A1),  # Ơ ơ
    (0x01AF, 0x01B0),  # Ư ư
    (0x0300, 0x0303),  # combining grave, acute, circumflex, tilde
    (0x0306, 0x0306),  # combining breve
    (0x0309, 0x0309),  # combining hook above
    (0x031B, 0x031B),  # combining horn
    (0x0323, 0x0323),  # combining dot below
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: ạ ả ấ … ỹ
    (0x2000, 0x206F),  # general punctuation
    (0x20AB, 0x20AB),  # ₫
    (0x25CC, 0x25CC),  # dotted circle: the shaper's base for a lone combining mark
]
UNICODES = [
    c for lo, hi in RANGES for c in range(lo, hi + 1) if unicodedata.category(chr(c)) != "Cf"
]


def noto_serif(files: Path, name: str, wght: int, italic: bool) -> TTFont:
    variable = files / f"NotoSerif{'-Italic' if italic else ''}[wdth,wght].ttf"
    return instantiateVariableFont(
        TTFont(variable), {"wght": wght, "wdth": 100}, updateFontNames=True
    )


def barlow_condensed(files: Path, name: str, wght: int, italic: bool) -> TTFont:
    return TTFont(files / f"BarlowCondensed-{name}.ttf")


FAMILIES = {
    "NotoSerif": ("fontpkg_noto_serif", noto_serif),
    "BarlowCondensed": ("fontpkg_barlow_condensed", barlow_condensed),
}


def main(root: Path) -> None:
    for stem, (package, source) in FAMILIES.items():
        folder = root / package
        for name, (wght, italic) in FACES.items():
            font = subset_font(source(folder / "files", name, wght, italic), UNICODES)
            out = FONTS / f"{stem}-{name}.ttf"
            font.save(out)
            print(f"{out.name}: {out.stat().st_size / 1024:.0f} KiB")
        shutil.copyfile(folder / "LICENSE", FONTS / f"OFL-{stem}.txt")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
