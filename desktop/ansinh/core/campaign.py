"""A campaign: content shared by every piece, and the pieces themselves.

The campaign-wide values (issuing unit, hotline, key message, call to action, date,
logo, brand colours) are read by every template, so changing the hotline once
changes it on every poster, banner, script and SMS. A piece is one template in one
size for one audience segment with its own field values.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import UserError
from .vntext import normalize

DEFAULT_PRIMARY = "#0B5CAD"  # the blue of Vietnam Social Security's identity
DEFAULT_ACCENT = "#F2A900"


@dataclass(frozen=True)
class Piece:
    template: str
    segment: str
    size: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    title: str = ""

    def with_values(self, **changes: Any) -> Piece:
        return replace(self, values={**self.values, **changes})


@dataclass(frozen=True)
class Campaign:
    name: str
    unit: str = "Bảo hiểm xã hội tỉnh"
    hotline: str = "1900 9068"
    key_message: str = ""
    call_to_action: str = ""
    website: str = "https://baohiemxahoi.gov.vn"
    address: str = ""
    day: date = field(default_factory=date.today)
    logo: Path | None = None
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    unconfirmed_figures: bool = False
    pieces: tuple[Piece, ...] = ()
    base_dir: Path = field(default_factory=Path.cwd)  # relative image paths start here

    def context(self) -> dict[str, Any]:
        """What templates see as `campaign`."""
        return {
            "name": self.name,
            "unit": self.unit,
            "hotline": self.hotline,
            "key_message": self.key_message,
            "call_to_action": self.call_to_action,
            "website": self.website,
            "address": self.address,
            "date": self.day,
            "primary": self.primary,
            "accent": self.accent,
        }


def _text(value: Any) -> str:
    return normalize(str(value)) if value is not None else ""


def load_campaign(path: Path) -> Campaign:
    """Read a campaign from a TOML file (the sample campaign, hand-written campaigns)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(
            f"Không đọc được tệp chiến dịch: {exc}",
            f"Cannot read the campaign file: {exc}",
            path=str(path),
        ) from exc
    info = data.get("campaign", {})
    if not info.get("name"):
        raise UserError(
            "Tệp chiến dịch cần mục [campaign] có «name».",
            "The campaign file needs a [campaign] table with «name».",
            path=str(path),
        )
    day = info.get("date", date.today())
    if not isinstance(day, date):
        raise UserError(
            "Ngày chiến dịch phải viết dạng 2026-05-01.",
            "The campaign date must be written as 2026-05-01.",
            path=str(path),
        )
    logo = info.get("logo")
    pieces = tuple(
        Piece(
            template=str(p["template"]),
            segment=str(p["segment"]),
            size=p.get("size"),
            title=_text(p.get("title", "")),
            values={
                k: _text(v) if isinstance(v, str) else v for k, v in p.get("values", {}).items()
            },
        )
        for p in data.get("piece", [])
    )
    return Campaign(
        name=_text(info["name"]),
        unit=_text(info.get("unit", Campaign.unit)),
        hotline=_text(info.get("hotline", Campaign.hotline)),
        key_message=_text(info.get("key_message", "")),
        call_to_action=_text(info.get("call_to_action", "")),
        website=_text(info.get("website", Campaign.website)),
        address=_text(info.get("address", "")),
        day=day,
        logo=(path.parent / logo) if logo else None,
        primary=info.get("primary", DEFAULT_PRIMARY),
        accent=info.get("accent", DEFAULT_ACCENT),
        unconfirmed_figures=bool(info.get("unconfirmed_figures", False)),
        pieces=pieces,
        base_dir=path.parent,
    )
