"""Findings of a render: what is wrong, in which field, in both UI languages.

Errors block an export (an overflowing banner never becomes a clipped PDF);
warnings are shown beside the preview and listed in the bundle manifest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Check:
    severity: str  # "error" or "warning"
    code: str  # overflow, lines, page, glyph, required, limit, value, image, fit
    vi: str
    en: str
    field: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi

    def to_dict(self) -> dict:
        return asdict(self)


def error(code: str, vi: str, en: str, field: str | None = None) -> Check:
    return Check("error", code, vi, en, field)


def warning(code: str, vi: str, en: str, field: str | None = None) -> Check:
    return Check("warning", code, vi, en, field)
