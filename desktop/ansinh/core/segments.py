"""Audience segments: every render is for exactly one of them.

Shipped in assets/data/segments.toml; a segments.toml in the user's data folder adds
segments or overrides shipped ones by slug. Templates read the traits (`large_type`,
`support_group`, `address`) to adapt wording and type size. Both files are read with
every value's type and length checked, so a colleague's malformed list is refused with
the file and key named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import UserError
from .safedata import Table, load_toml

SUPPORT_GROUPS = ("poor", "near_poor", "ethnic", "island", "other")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WHAT = "Danh sách đối tượng"
# Generous for a province's lists, small enough that a stray file cannot slow every
# command; the address is read aloud in every loudspeaker script.
MAX_SEGMENTS = 500
MAX_SLUG = 60
MAX_NAME = 200
MAX_DESCRIPTION = 2000
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Segment:
    slug: str
    name: str
    description: str
    address: str = "bà con"
    large_type: bool = False
    support_group: str = "other"


def _read(path: Path) -> list[Segment]:
    data = Table(load_toml(path, _WHAT, max_bytes=MAX_BYTES), _WHAT, path=str(path))
    segments = []
    for entry in data.tables("segment", max_count=MAX_SEGMENTS):
        slug = entry.text("slug", max_len=MAX_SLUG)
        name = entry.text("name", max_len=MAX_NAME)
        if not _SLUG.match(slug) or not name:
            raise UserError(
                f"Đối tượng «{slug}» cần mã (chữ thường không dấu, gạch nối) và tên.",
                f"Segment «{slug}» needs a slug (lowercase ASCII, hyphens) and a name.",
                path=str(path),
            )
        group = entry.text("support_group", "other", max_len=MAX_NAME)
        if group not in SUPPORT_GROUPS:
            raise UserError(
                f"Đối tượng «{slug}»: nhóm hỗ trợ «{group}» không hợp lệ.",
                f"Segment «{slug}»: unknown support group «{group}».",
                path=str(path),
            )
        segments.append(
            Segment(
                slug=slug,
                name=name,
                description=entry.text("description", max_len=MAX_DESCRIPTION),
                address=entry.text("address", "bà con", max_len=MAX_NAME),
                large_type=entry.flag("large_type"),
                support_group=group,
            )
        )
    return segments


def load_segments() -> dict[str, Segment]:
    """All segments by slug, shipped first, then the user's (which win)."""
    found: dict[str, Segment] = {}
    for path in (paths.data_dir() / "segments.toml", paths.user_dir() / "segments.toml"):
        if path.exists():  # a folder or pipe in its place is refused by name, not skipped
            found.update((s.slug, s) for s in _read(path))
    return found


def get_segment(slug: str, segments: dict[str, Segment] | None = None) -> Segment:
    segments = segments if segments is not None else load_segments()
    try:
        return segments[slug]
    except KeyError:
        known = ", ".join(sorted(segments))
        raise UserError(
            f"Không có đối tượng «{slug}». Các mã có: {known}",
            f"No segment «{slug}». Known slugs: {known}",
        ) from None
