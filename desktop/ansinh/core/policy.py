"""Policy figures picked by the campaign date, and the tables templates print.

The figures live in assets/data/policy.toml with effective dates and sources, never
in code: a new decree is a data edit. `policy_at(day)` takes, for each series, the
latest entry in force on that day and computes the contribution tables.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import paths
from .errors import UserError

SUPPORT_GROUP_NAMES = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "ethnic": "Người dân tộc thiểu số",
    "other": "Đối tượng khác",
}
_SERIES = ("base_salary", "poverty_line", "bhxh_voluntary", "bhyt_household")


@dataclass(frozen=True)
class BhxhRow:
    group: str
    name: str
    support_rate: float
    support: int
    net: int


@dataclass(frozen=True)
class BhytRow:
    member: int
    label: str
    share: float
    monthly: int
    yearly: int


@dataclass(frozen=True)
class Policy:
    day: date
    base_salary: int
    poverty_line: int
    bhxh_rate: float
    bhxh_min_contribution: int
    bhxh_max_income: int
    max_support_months: int
    bhxh_table: tuple[BhxhRow, ...]
    bhyt_rate: float
    bhyt_table: tuple[BhytRow, ...]
    sources: tuple[str, ...]
    # When each series' figures took effect, for lines like "áp dụng từ 01/07/2025".
    effective: dict[str, date]

    def bhxh_row(self, group: str) -> BhxhRow:
        return next(row for row in self.bhxh_table if row.group == group)


def _round_vnd(amount: float) -> int:
    # Contributions are whole đồng; round half up as the BHXH notices do.
    return int(amount + 0.5)


def _in_force(entries: list[dict], day: date, name: str, unconfirmed: bool) -> dict:
    usable = [
        e for e in entries if e["effective"] <= day and (unconfirmed or e.get("confirmed", True))
    ]
    if not usable:
        raise UserError(
            f"Chưa có số liệu «{name}» áp dụng cho ngày {day:%d/%m/%Y}.",
            f"No «{name}» figures apply on {day:%Y-%m-%d}.",
        )
    return max(usable, key=lambda e: e["effective"])


def load_policy_data(path: Path | None = None) -> dict:
    path = path or paths.data_dir() / "policy.toml"
    stamp = path.stat().st_mtime_ns
    return _parse_policy(path, stamp)


@functools.lru_cache(maxsize=8)
def _parse_policy(path: Path, stamp: int) -> dict:
    # Cached per file version: a batch prepares thousands of rows against one file.
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    missing = [s for s in _SERIES if not data.get(s)]
    if missing:
        raise UserError(
            f"Tệp chính sách thiếu mục: {', '.join(missing)}",
            f"The policy file lacks: {', '.join(missing)}",
            path=str(path),
        )
    return data


def policy_at(day: date, *, unconfirmed: bool = False, data: dict | None = None) -> Policy:
    data = data or load_policy_data()
    pick = {s: _in_force(data[s], day, s, unconfirmed) for s in _SERIES}
    base = pick["base_salary"]["amount"]
    poverty = pick["poverty_line"]["amount"]
    voluntary = pick["bhxh_voluntary"]
    household = pick["bhyt_household"]

    minimum = _round_vnd(poverty * voluntary["rate"])
    bhxh_rows = []
    for group, name in SUPPORT_GROUP_NAMES.items():
        support_rate = voluntary["support"][group]
        support = _round_vnd(minimum * support_rate)
        bhxh_rows.append(BhxhRow(group, name, support_rate, support, minimum - support))

    first = base * household["rate"]
    shares = household["member_shares"]
    bhyt_rows = []
    for index, share in enumerate(shares, start=1):
        label = f"Người thứ {index}" + (" trở đi" if index == len(shares) else "")
        monthly = _round_vnd(first * share)
        bhyt_rows.append(BhytRow(index, label, share, monthly, monthly * 12))

    return Policy(
        day=day,
        base_salary=base,
        poverty_line=poverty,
        bhxh_rate=voluntary["rate"],
        bhxh_min_contribution=minimum,
        # The highest income is 20 × the reference level, today equal to the base salary.
        bhxh_max_income=20 * base,
        max_support_months=voluntary["max_support_months"],
        bhxh_table=tuple(bhxh_rows),
        bhyt_rate=household["rate"],
        bhyt_table=tuple(bhyt_rows),
        sources=tuple(dict.fromkeys(pick[s]["source"] for s in _SERIES)),
        effective={s: pick[s]["effective"] for s in _SERIES},
    )
