"""Sandboxed Jinja2 environments and the filters templates share.

HTML templates autoescape (field values can never inject markup); text templates
do not escape but stay sandboxed. Filters write numbers the Vietnamese way:
"330.000 đồng", "22%", "01/07/2025".
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .. import vntext


def group_thousands(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + decimals if decimals else "")
    return f"{int(value):,}".replace(",", ".")


def vnd(value: float | int | None, unit: str = "đồng") -> str:
    return "" if value is None else f"{group_thousands(value)} {unit}"


def percent(rate: float | None) -> str:
    if rate is None:
        return ""
    return group_thousands(round(rate * 100, 2)) + "%"


def date_vn(value: date | None, pattern: str = "%d/%m/%Y") -> str:
    return "" if value is None else value.strftime(pattern)


FILTERS = {
    "vnd": vnd,
    "number": group_thousands,
    "percent": percent,
    "date_vn": date_vn,
    "spoken": vntext.read_aloud,
}


def make_environment(search_path: list[Path], *, html: bool) -> SandboxedEnvironment:
    """One environment per template folder and mode, kept for the process's life, so
    each source is compiled once (Jinja's cache lives in the environment)."""
    return _environment(tuple(str(p) for p in search_path), html)


@functools.lru_cache(maxsize=64)
def _environment(search_path: tuple[str, ...], html: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(list(search_path)),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=not html,
        lstrip_blocks=not html,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env
