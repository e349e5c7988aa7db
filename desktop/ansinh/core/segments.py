"""Audience segments: every render is for exactly one of them.

Shipped in assets/data/segments.toml; a segments.toml in the user's data folder adds
segments or overrides shipped ones by slug. Templates read the traits (`large_type`,
`support_group`, `address`) to adapt wording and type size.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import UserError

SUPPORT_GROUPS = ("poor", "near_poor", "ethnic", "other")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Segment:
    slug: str
    name: str
    description: str
    address: str = "bà con"
    large_type: bool = False
    support_group: str = "other"


def _read(path: Path) -> list[Segment]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(
            f"Không đọc được danh sách đối tượng: {exc}",
            f"Cannot read the segment list: {exc}",
            path=str(path),
        ) from exc
    segments = []
    for entry in data.get("segment", []):
        slug = str(entry.get("slug", ""))
        if not _SLUG.match(slug) or not entry.get("name"):
            raise UserError(
                f"Đối tượng «{slug}» cần mã (chữ thường không dấu, gạch nối) và tên.",
                f"Segment «{slug}» needs a slug (lowercase ASCII, hyphens) and a name.",
                path=str(path),
            )
        group = entry.get("support_group", "other")
        if group not in SUPPORT_GROUPS:
            raise UserError(
                f"Đối tượng «{slug}»: nhóm hỗ trợ «{group}» không hợp lệ.",
                f"Segment «{slug}»: unknown support group «{group}».",
                path=str(path),
            )
        segments.append(
            Segment(
                slug=slug,
                name=entry["name"],
                description=entry.get("description", ""),
                address=entry.get("address", "bà con"),
                large_type=bool(entry.get("large_type", False)),
                support_group=group,
            )
        )
    return segments


def load_segments() -> dict[str, Segment]:
    """All segments by slug, shipped first, then the user's (which win)."""
    found: dict[str, Segment] = {}
    for path in (paths.data_dir() / "segments.toml", paths.user_dir() / "segments.toml"):
        if path.is_file():
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
