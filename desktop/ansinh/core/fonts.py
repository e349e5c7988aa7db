"""The type families shipped in assets/fonts and the licence each comes under.

Read from the files themselves, so the About box and the campaign dialog name what is
really shipped: a family's name from each font file's name table, its licence from the
licence file beside its files (`<LICENCE>-<stem>.txt`, e.g. OFL-NotoSans.txt covers
NotoSans-*.ttf and the NotoSansCaps-*.ttf faces of the same family).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from . import paths

# "This Font Software is licensed under the SIL Open Font License, Version 1.1."
_LICENSED = re.compile(r"licensed under the (.+?),? Version (\d+(?:\.\d+)*)", re.IGNORECASE)
_TYPOGRAPHIC_FAMILY, _FAMILY = 16, 1  # name table IDs


@dataclass(frozen=True)
class Family:
    name: str
    licence: str  # "SIL Open Font License 1.1"; "" without a licence file
    licence_file: Path | None


def _family_name(font_file: Path) -> str:
    with TTFont(font_file, lazy=True) as font:
        names = font["name"]
        record = names.getName(_TYPOGRAPHIC_FAMILY, 3, 1) or names.getName(_FAMILY, 3, 1)
        return str(record)


def _licence(text: str, file: Path) -> str:
    found = _LICENSED.search(" ".join(text.split()))
    return f"{found[1]} {found[2]}" if found else file.stem.split("-")[0]


@functools.cache
def shipped_families(folder: Path | None = None) -> tuple[Family, ...]:
    """Every family with at least one font file in `folder` (assets/fonts), sorted by
    name. A family without a licence file beside it (a packaging mistake a test
    catches) is listed without a licence."""
    folder = folder or paths.fonts_dir()
    licences = {
        file.stem.split("-", 1)[1]: file for file in folder.glob("*-*.txt")
    }  # file stem it covers -> licence file
    stems_of: dict[str, set[str]] = {}
    for font_file in folder.glob("*.ttf"):
        stems_of.setdefault(_family_name(font_file), set()).add(font_file.stem.split("-")[0])
    families = []
    for name, stems in sorted(stems_of.items()):
        file = min((licences[stem] for stem in stems if stem in licences), default=None)
        text = file.read_text(encoding="utf-8", errors="replace") if file else ""
        families.append(Family(name, _licence(text, file) if file else "", file))
    return tuple(families)


def families_text() -> str:
    """"Barlow Condensed, Be Vietnam Pro, Noto Sans, Noto Serif (SIL Open Font License
    1.1)": the families, grouped under the licence they share."""
    by_licence: dict[str, list[str]] = {}
    for family in shipped_families():
        by_licence.setdefault(family.licence, []).append(family.name)
    return "; ".join(
        ", ".join(names) + (f" ({licence})" if licence else "")
        for licence, names in by_licence.items()
    )
