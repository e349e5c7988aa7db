"""Claims in free text checked against the law: old figures, half-true legal lines.

Officers type figures into titles, paragraphs, captions and scripts ("lương cơ sở
1.800.000 đồng", "đóng đủ 20 năm là có lương hưu"). Those are not computed from the
policy data, so nothing keeps them current. The rules live in data
(`assets/data/claims.toml`, plus the office's own `claims.toml` in its user folder):

* a **figure** rule names a policy series and the words that introduce it; a number
  beside those words that is an older value of the series (or a listed old value) is
  flagged with the value in force on the campaign date and its document;
* a **claim** rule is a pattern (with words that must be near, and words that clear it)
  flagged with its correction and source.

Checks are warnings naming the field. Each text is checked once per campaign date and
rule set (cached), so a batch whose rows share their texts pays for them once.
"""

from __future__ import annotations

import functools
import os
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import paths
from .checks import Check, warning
from .errors import UserError
from .policy import Entry, PolicyData, load_policy_data, policy_at
from .safedata import Table, file_version, load_toml

CLAIMS_FILE = "claims.toml"
MAX_RULES = 200

# 1.800.000 · 1,8 triệu · 2.2 triệu · 700 nghìn · 50% · 50 %
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(triệu|tr\b|nghìn|ngàn|%)?",
    re.IGNORECASE)
# Clauses end at ; ! ? a new line, or a full stop before a space (not the dots of 1.800.000).
_CLAUSE_END = re.compile(r"[;!?\n]|\.(?=\s|$)")


@dataclass(frozen=True)
class FigureRule:
    series: str
    value: str  # "amount", or "support.poor" for one group of a table
    unit: str  # "" (money) or "%"
    context: tuple[str, ...]
    old_values: tuple[float, ...]


@dataclass(frozen=True)
class ClaimRule:
    id: str
    match: re.Pattern[str]
    near: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    vi: str
    en: str
    source: str


@dataclass(frozen=True)
class Rules:
    figures: tuple[FigureRule, ...]
    claims: tuple[ClaimRule, ...]


def _pattern(table: Table, key: str) -> re.Pattern[str] | None:
    text = table.text(key, "", max_len=500)
    if not text:
        return None
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise table.error(key, f"một biểu thức chính quy hợp lệ ({exc})",
                          f"a valid regular expression ({exc})", text) from None


def _read_rules(path: Path) -> Rules:
    what = "Quy tắc kiểm tra nội dung"
    table = Table(load_toml(path, what, max_bytes=256 * 1024), what, path=str(path))
    figures = tuple(
        FigureRule(
            series=t.text("series", max_len=40),
            value=t.text("value", "amount", max_len=40),
            unit=t.text("unit", "", max_len=2),
            context=tuple(c.lower() for c in _items(t, "context", str)),
            old_values=tuple(float(v) for v in _items(t, "old_values", int | float)),
        )
        for t in table.tables("figure", max_count=MAX_RULES)
    )
    claims = tuple(
        ClaimRule(id=t.text("id", max_len=80), match=_pattern(t, "match") or re.compile("$^"),
                  near=_pattern(t, "near"), unless=_pattern(t, "unless"),
                  vi=t.text("vi", max_len=500), en=t.text("en", max_len=500),
                  source=t.text("source", "", max_len=300))
        for t in table.tables("claim", max_count=MAX_RULES)
    )
    return Rules(figures, claims)


def _items(table: Table, key: str, kind: type) -> list:
    """A short list of texts (≤ 80 characters) or numbers."""
    items = table.raw(key, [])
    if not isinstance(items, list) or len(items) > 50 or not all(
            isinstance(i, kind) and not isinstance(i, bool) and len(str(i)) <= 80 for i in items):
        raise table.error(key, "một danh sách ngắn (tối đa 50 mục)",
                          "a short list (at most 50 items)", items)
    return items


def load_rules() -> Rules:
    """Shipped rules, then the office's own (cached per file version)."""
    shipped = paths.data_dir() / CLAIMS_FILE
    mine = paths.user_dir() / CLAIMS_FILE
    return _load(shipped, file_version(shipped), mine, file_version(mine))


@functools.lru_cache(maxsize=4)
def _load(shipped: Path, _: object, mine: Path, mine_stamp: object) -> Rules:
    rules = _read_rules(shipped)
    if mine_stamp is None:
        return rules
    extra = _read_rules(mine)
    return Rules(rules.figures + extra.figures, rules.claims + extra.claims)


RECHECK_SECONDS = 2.0
_latest: dict[str, tuple[float, Rules, PolicyData]] = {}  # by user folder


def _current() -> tuple[Rules, PolicyData]:
    """Rules and policy data, looked up again at most every RECHECK_SECONDS (or when the
    user folder changes): a batch checks thousands of rows, and the four stat() calls
    of a look-up cost more than checking a row."""
    now, folder = time.monotonic(), os.environ.get("ANSINH_USER_DIR", "")
    seen = _latest.get(folder)
    if seen is None or now - seen[0] > RECHECK_SECONDS:
        _latest.clear()
        seen = _latest[folder] = (now, load_rules(), load_policy_data())
    return seen[1], seen[2]


# --- checking ---------------------------------------------------------------------------


def _amount(digits: str, scale: str | None) -> float:
    scale = (scale or "").lower()
    if scale in ("triệu", "tr", "nghìn", "ngàn"):
        value = float(digits.replace(",", "."))
        return value * (1_000_000 if scale in ("triệu", "tr") else 1_000)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        return float(re.sub(r"[.,]", "", digits))
    return float(digits.replace(",", "."))


def _value_at(values: dict, path: str) -> float | None:
    value: object = values
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) else None


def _vnd(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", ".")


def _shown(value: float, unit: str) -> str:
    return f"{value * 100:g}%" if unit == "%" else f"{_vnd(value)} đồng"


@dataclass(frozen=True, eq=False)  # hashed by identity: built once per date, then cached
class _Figure:
    """A figure rule resolved for one campaign date: the value in force and older ones."""

    rule: FigureRule
    current: float | None
    entry: Entry
    older: dict[float, Entry]


@functools.lru_cache(maxsize=16)
def _figures(rules: Rules, data: PolicyData, day: date, unconfirmed: bool) -> tuple[_Figure, ...]:
    used = {e.series: e for e in policy_at(day, unconfirmed=unconfirmed, data=data).used}
    resolved = []
    for rule in rules.figures:
        entry = used.get(rule.series)
        if entry is None:
            continue
        older = {_value_at(e.values, rule.value): e for e in data.series(rule.series)
                 if e.effective < entry.effective}
        resolved.append(_Figure(rule, _value_at(entry.values, rule.value), entry, older))
    return tuple(resolved)


def _figure_problems(figure: _Figure, clause: str, day: date) -> list[tuple[str, str]]:
    rule, current, entry = figure.rule, figure.current, figure.entry
    lowered = clause.lower()
    spots = [m.start() for c in rule.context for m in re.finditer(re.escape(c), lowered)]
    if not spots or current is None:
        return []
    numbers = [(m.start(), _amount(m.group(1), m.group(2)), m)
               for m in _NUMBER.finditer(clause)
               if (m.group(2) == "%") == (rule.unit == "%")]
    problems = []
    for spot in spots if numbers else ():  # the number nearest the words that introduce it
        _, found, match = min(numbers, key=lambda n: abs(n[0] - spot))
        value = found / 100 if rule.unit == "%" else found
        if abs(value - current) < 1e-9:
            continue
        old = figure.older.get(value)
        if old is None and not any(abs(found - v) < 1e-9 for v in rule.old_values):
            continue
        since = f" (mức từ {old.effective:%d/%m/%Y}, {old.document})" if old else ""
        since_en = f" (the figure from {old.effective}, {old.document})" if old else ""
        problems.append((
            f"«{match.group(0).strip()}» là mức cũ{since}. Áp dụng ngày {day:%d/%m/%Y} là "
            f"{_shown(current, rule.unit)}, từ {entry.effective:%d/%m/%Y} ({entry.document}).",
            f"«{match.group(0).strip()}» is out of date{since_en}. On {day} it is "
            f"{_shown(current, rule.unit)}, since {entry.effective} ({entry.document}).",
        ))
    return problems


def _claim_problems(rule: ClaimRule, clause: str) -> list[tuple[str, str]]:
    if not rule.match.search(clause):
        return []
    if rule.near and not rule.near.search(clause):
        return []
    if rule.unless and rule.unless.search(clause):
        return []
    source = f" ({rule.source})" if rule.source else ""
    return [(rule.vi + source, rule.en + source)]


@functools.lru_cache(maxsize=4096)
def _problems(text: str, day: date, figures: tuple[_Figure, ...],
              claims: tuple[ClaimRule, ...]) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for clause in _CLAUSE_END.split(text):
        for figure in figures:
            found += _figure_problems(figure, clause, day)
        for claim in claims:
            found += _claim_problems(claim, clause)
    return tuple(dict.fromkeys(found))


def claims_checks(texts: dict[str, str], day: date, *, unconfirmed: bool = False) -> list[Check]:
    """Warnings for old figures and half-true legal lines in `texts` (field id → text)."""
    try:
        rules, data = _current()
        figures = _figures(rules, data, day, unconfirmed)
    except UserError as exc:  # a broken rules file must not stop a render: say so once
        return [warning("claim", exc.vi, exc.en)]
    return [warning("claim", vi, en, field_id)
            for field_id, text in texts.items() if text
            for vi, en in _problems(text, day, figures, rules.claims)]
