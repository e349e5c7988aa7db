"""Policy figures picked by the campaign date, and the tables templates print.

Figures live in data, never in code, in two layers:

* the shipped file `assets/data/policy.toml`, the default;
* the office's own overlay, `policy.toml` in the user data folder, which wins: an
  overlay entry replaces the shipped entry of the same series and date, any other is
  added. `ansinh-cli policy …` and Tệp › Số liệu chính sách write it (atomically), and
  a province shares one update as a policy pack (the same format, validated whole).

Every entry carries its value(s), the date it takes effect, the document that sets it
(`document`), where it was found (`source`), whether that document is confirmed, and
who entered it when. Entries with `confirmed = false` are proposals: used only when
the campaign opts in. `policy_at(day)` takes, for each series, the latest entry in
force on that day and computes the contribution tables; `Policy.used` names the
entries a piece was computed from (bundles list them in their manifests), and
`freshness_checks` warns when a campaign date lies past an unconfirmed scheduled
change or long after the data was last checked.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import paths
from .checks import Check, error, warning
from .errors import UserError
from .safedata import MAX_TEXT_BYTES, Table, file_version, load_toml, parse_toml

SUPPORT_GROUP_NAMES = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "ethnic": "Người dân tộc thiểu số",
    "island": "Người sống ở xã đảo, đặc khu",
    "other": "Đối tượng khác",
}
BHYT_SUPPORT_NAMES = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "student": "Học sinh, sinh viên",
}
CHECK_EVERY_DAYS = 183  # data last checked more than ~6 months before the campaign: warn
MAX_ENTRIES = 200  # per series, in a file or a pack
POLICY_FILE = "policy.toml"


# --- what each series holds ------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One value of an entry: its kind fixes the type and range it must have."""

    key: str
    kind: str  # "money", "rate", "rates", "shares", "months"
    keys: tuple[str, ...] = ()  # for "rates": the groups


@dataclass(frozen=True)
class Series:
    name: str
    vi: str
    en: str
    values: tuple[Value, ...]
    required: bool = True  # every campaign date needs one; optional series may be absent


SERIES: dict[str, Series] = {s.name: s for s in (
    Series("base_salary", "Lương cơ sở (đồng/tháng)", "Base salary (VND/month)",
           (Value("amount", "money"),)),
    Series("poverty_line", "Chuẩn nghèo nông thôn — thu nhập thấp nhất đóng BHXH tự nguyện",
           "Rural poverty line — lowest income for voluntary social insurance",
           (Value("amount", "money"),)),
    Series("bhxh_voluntary", "BHXH tự nguyện: tỷ lệ đóng và mức Nhà nước hỗ trợ",
           "Voluntary social insurance: rate and State support",
           (Value("rate", "rate"), Value("support", "rates", tuple(SUPPORT_GROUP_NAMES)),
            Value("max_support_months", "months"))),
    Series("bhyt_household", "BHYT hộ gia đình: tỷ lệ đóng và mức giảm từ người thứ hai",
           "Household health insurance: rate and shares from the second member",
           (Value("rate", "rate"), Value("member_shares", "shares"))),
    Series("bhyt_support", "BHYT: mức Nhà nước hỗ trợ theo nhóm",
           "Health insurance: State support by group",
           (Value("support", "rates", tuple(BHYT_SUPPORT_NAMES)),), required=False),
)}

MONEY_RANGE = (100_000, 100_000_000)
MONEY_STEP = 5.0  # a new amount more than 5× (or under 1/5 of) the one before is a typo


@dataclass(frozen=True)
class Entry:
    """One value of one series, in force from `effective`."""

    series: str
    effective: date
    values: dict[str, Any]
    document: str  # the legal document that sets it ("Nghị định 161/2026/NĐ-CP")
    source: str = ""  # where the value was found: a link, a gazette, a page
    confirmed: bool = True
    entered_by: str = ""
    entered_at: str = ""  # ISO date-time
    origin: str = "shipped"  # or "user" (the overlay)

    @property
    def amount(self) -> Any:
        return self.values.get("amount")

    def to_toml(self) -> dict[str, Any]:
        table: dict[str, Any] = {"effective": self.effective, **self.values,
                                 "document": self.document, "source": self.source,
                                 "confirmed": self.confirmed}
        for key in ("entered_by", "entered_at"):
            if getattr(self, key):
                table[key] = getattr(self, key)
        return table

    def described(self) -> dict[str, Any]:
        """What a manifest says of an entry used for a piece."""
        return {"series": self.series, "effective": self.effective.isoformat(),
                **self.values, "document": self.document, "source": self.source,
                "confirmed": self.confirmed, "origin": self.origin}


# --- reading and validating --------------------------------------------------------------


def _read_value(spec: Value, table: Table) -> Any:
    if spec.kind == "money":
        amount = table.number(spec.key, math.nan, lo=MONEY_RANGE[0], hi=MONEY_RANGE[1])
        if amount != int(amount):
            raise table.error(spec.key, "một số đồng nguyên", "a whole number of đồng", amount)
        return int(amount)
    if spec.kind == "rate":
        return float(table.number(spec.key, math.nan, lo=0, hi=1))
    if spec.kind == "months":
        return int(table.number(spec.key, math.nan, lo=0, hi=600))
    if spec.kind == "rates":
        groups = table.table(spec.key)
        unknown = sorted(set(groups.data) - set(spec.keys))
        if unknown:
            raise groups.error(unknown[0], f"một nhóm đã biết ({', '.join(spec.keys)})",
                               f"a known group ({', '.join(spec.keys)})", groups.raw(unknown[0]))
        return {key: float(groups.number(key, math.nan, lo=0, hi=1)) for key in spec.keys}
    shares = table.raw(spec.key)
    if not isinstance(shares, list) or not 1 <= len(shares) <= 10:
        raise table.error(spec.key, "một danh sách 1–10 tỷ lệ", "a list of 1–10 rates", shares)
    items = Table({str(n): v for n, v in enumerate(shares, 1)}, table.what, path=table.path,
                  where=f"{table.where}{spec.key}.")
    return [float(items.number(str(n), math.nan, lo=0, hi=1)) for n in range(1, len(shares) + 1)]


def _read_entry(series: Series, table: Table, origin: str) -> Entry:
    known = {"effective", "document", "source", "confirmed", "entered_by", "entered_at",
             *(v.key for v in series.values)}
    unknown = sorted(set(table.data) - known)
    if unknown:
        raise table.error(unknown[0], "một khóa đã biết: " + ", ".join(sorted(known)),
                          "a known key: " + ", ".join(sorted(known)), table.raw(unknown[0]))
    effective = table.day("effective", date.min)
    if not date(1990, 1, 1) <= effective <= date(2100, 1, 1):
        raise table.error("effective", "một ngày từ 1990 đến 2100", "a date from 1990 to 2100",
                          table.raw("effective"))
    # Older files name the document in `source`: it is both.
    document = table.text("document", table.text("source", ""), max_len=300)
    if not document.strip():
        raise table.error("document", "số hiệu văn bản (ví dụ Nghị định 161/2026/NĐ-CP)",
                          "the document's number (e.g. Nghị định 161/2026/NĐ-CP)", document)
    return Entry(
        series=series.name,
        effective=effective,
        values={v.key: _read_value(v, table) for v in series.values},
        document=document,
        source=table.text("source", "", max_len=1000),
        confirmed=table.flag("confirmed", True),
        entered_by=table.text("entered_by", "", max_len=100),
        entered_at=table.text("entered_at", "", max_len=40),
        origin=origin,
    )


@dataclass(frozen=True, eq=False)  # hashed by identity: loads are cached, checks key on them
class PolicyData:
    """Every entry of every series (sorted by date) and when the data was last checked."""

    entries: dict[str, tuple[Entry, ...]]
    checked: date | None = None

    def series(self, name: str) -> tuple[Entry, ...]:
        return self.entries.get(name, ())

    def find(self, name: str, effective: date) -> Entry | None:
        return next((e for e in self.series(name) if e.effective == effective), None)


def parse_policy(data: dict[str, Any], what: str, path: str | None, origin: str) -> PolicyData:
    """A parsed policy file or pack → entries, every value checked; any problem refuses
    the whole file with a message naming it and the entry."""
    table = Table(data, what, path=path)
    unknown = sorted(set(table.data) - {*SERIES, "checked"})
    if unknown:
        raise table.error(unknown[0], "một mục số liệu đã biết: " + ", ".join(SERIES),
                          "a known series: " + ", ".join(SERIES), table.raw(unknown[0]))
    checked = table.day("checked", date.min) if "checked" in table else None
    entries = {}
    for name, series in SERIES.items():
        items = [_read_entry(series, t, origin) for t in table.tables(name, max_count=MAX_ENTRIES)]
        _check_order(items, table, name)
        entries[name] = tuple(items)
    return PolicyData(entries, checked)


def _check_order(items: list[Entry], table: Table, name: str) -> None:
    """Dates strictly increasing; each amount within MONEY_STEP of the one before."""
    for before, after in zip(items, items[1:], strict=False):
        if after.effective <= before.effective:
            raise table.error(name, "các mục theo thứ tự ngày tăng dần",
                              "entries in increasing date order",
                              f"{after.effective} sau {before.effective}")
        _check_step(before, after, table)


def _check_step(before: Entry, after: Entry, table: Table | None = None) -> None:
    if before.amount is None or after.amount is None:
        return
    ratio = after.amount / before.amount
    if not 1 / MONEY_STEP <= ratio <= MONEY_STEP:
        vi = (f"{SERIES[after.series].vi}: {after.amount:,} đồng từ {after.effective:%d/%m/%Y} "
              f"gấp {ratio:.3g} lần mức trước ({before.amount:,} đồng) — gõ thừa hay thiếu "
              "số 0? Không nhận.").replace(",", ".")
        en = (f"{SERIES[after.series].en}: {after.amount:,} from {after.effective} is "
              f"{ratio:.3g}× the one before ({before.amount:,}) — a digit too many or too "
              "few? Refused.")
        raise UserError(vi, en, path=table.path if table else None)


def merge(shipped: PolicyData, overlay: PolicyData) -> PolicyData:
    """The overlay's entries win over shipped ones of the same series and date."""
    entries = {}
    for name in SERIES:
        by_day = {e.effective: e for e in shipped.series(name)}
        by_day.update((e.effective, e) for e in overlay.series(name))
        entries[name] = tuple(sorted(by_day.values(), key=lambda e: e.effective))
    dates = [d for d in (shipped.checked, overlay.checked) if d]
    return PolicyData(entries, max(dates) if dates else None)


def shipped_path() -> Path:
    return paths.data_dir() / POLICY_FILE


def overlay_path() -> Path:
    return paths.user_dir() / POLICY_FILE


def load_policy_data() -> PolicyData:
    """Shipped figures with the office's overlay on top (cached per file version: a
    batch prepares thousands of rows against the same files)."""
    shipped, overlay = shipped_path(), overlay_path()
    return _load(shipped, file_version(shipped), overlay, file_version(overlay))


@functools.lru_cache(maxsize=8)
def _load(shipped: Path, _: object, overlay: Path, overlay_stamp: object) -> PolicyData:
    base = _read(shipped, "shipped")
    missing = [name for name, s in SERIES.items() if s.required and not base.series(name)]
    if missing:
        raise UserError(f"Tệp chính sách thiếu mục: {', '.join(missing)}",
                        f"The policy file lacks: {', '.join(missing)}", path=str(shipped))
    if overlay_stamp is None:
        return base
    return merge(base, _read(overlay, "user"))


def _read(path: Path, origin: str, what: str = "Số liệu chính sách",
          max_bytes: int = MAX_TEXT_BYTES) -> PolicyData:
    return parse_policy(load_toml(path, what, max_bytes=max_bytes), what, str(path), origin)


def read_overlay() -> PolicyData:
    path = overlay_path()
    if not path.is_file():
        return PolicyData({name: () for name in SERIES})
    return _read(path, "user")


# --- changing the overlay -----------------------------------------------------------------


def to_toml(data: PolicyData) -> str:
    import tomli_w

    document: dict[str, Any] = {}
    if data.checked:
        document["checked"] = data.checked
    for name in SERIES:
        if data.series(name):
            document[name] = [e.to_toml() for e in data.series(name)]
    header = ("# Số liệu chính sách của đơn vị (An Sinh Studio). Mỗi mục: ngày hiệu lực,\n"
              "# giá trị, văn bản quy định, nguồn, đã xác nhận hay chưa, ai nhập khi nào.\n")
    return header + tomli_w.dumps(document)


def save_overlay(overlay: PolicyData) -> None:
    """Write the overlay atomically, after checking it still merges into sound data."""
    from .filenames import write_atomic

    _validate_merged(merge(load_shipped(), overlay))
    path = overlay_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, to_toml(overlay).encode("utf-8"))


def load_shipped() -> PolicyData:
    return _load(shipped_path(), file_version(shipped_path()), overlay_path(), None)


def _validate_merged(data: PolicyData) -> None:
    for name in SERIES:
        items = data.series(name)
        for before, after in zip(items, items[1:], strict=False):
            _check_step(before, after)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _who() -> str:
    import getpass

    try:
        return getpass.getuser()[:100]
    except Exception:  # no user name on this system: the entry is still recorded
        return ""


def set_entry(name: str, effective: date, values: dict[str, Any], *, document: str,
              source: str, confirmed: bool = True) -> Entry:
    """Add (or replace, same date) an entry in the overlay. Values not given are taken
    from the entry in force just before, so `set base_salary 2530000` needs one value."""
    series = get_series(name)
    current = load_policy_data()
    before = [e for e in current.series(name) if e.effective < effective]
    inherited = before[-1].values if before else {}
    merged = {key: {**inherited.get(key, {}), **value} if isinstance(value, dict) else value
              for key, value in values.items()}
    table = {**inherited, **merged, "effective": effective, "document": document, "source": source,
             "confirmed": confirmed, "entered_by": _who(), "entered_at": _now()}
    entry = _read_entry(series, Table(table, "Số liệu chính sách", where=f"{name}."), "user")
    later = [e for e in current.series(name) if e.effective > effective]
    if later:
        raise UserError(
            f"{series.vi}: đã có mức từ {later[-1].effective:%d/%m/%Y}; mức mới phải có ngày "
            f"hiệu lực sau ngày đó (hoặc trùng ngày một mục để sửa mục ấy).",
            f"{series.en}: there is already a value from {later[-1].effective}; a new one "
            "must take effect after it (or on the same date as an entry, to correct it).",
        )
    overlay = read_overlay()
    mine = {e.effective: e for e in overlay.series(name)}
    mine[effective] = entry
    updated = PolicyData({**overlay.entries, name: tuple(sorted(mine.values(),
                                                                key=lambda e: e.effective))},
                         date.today())
    save_overlay(updated)
    return entry


def confirm_entry(name: str, effective: date, *, document: str | None = None,
                  source: str | None = None) -> Entry:
    """Mark a proposal confirmed (in the overlay), naming the document that enacted it."""
    get_series(name)
    entry = load_policy_data().find(name, effective)
    if entry is None:
        raise UserError(
            f"Không có mục «{name}» hiệu lực ngày {effective:%d/%m/%Y}.",
            f"No «{name}» entry takes effect on {effective}.",
        )
    confirmed = replace(entry, confirmed=True, document=document or entry.document,
                        source=source or entry.source, entered_by=_who(), entered_at=_now(),
                        origin="user")
    overlay = read_overlay()
    mine = {e.effective: e for e in overlay.series(name)}
    mine[effective] = confirmed
    save_overlay(PolicyData({**overlay.entries, name: tuple(sorted(
        mine.values(), key=lambda e: e.effective))}, date.today()))
    return confirmed


def import_pack(path: Path) -> PolicyData:
    """Merge a policy pack into the overlay: all of it, or (any problem) nothing."""
    pack = _read(path, "user", "Gói số liệu", max_bytes=1024 * 1024)
    overlay = read_overlay()
    merged = merge(overlay, pack)
    save_overlay(merged)
    return pack


def export_pack(path: Path) -> None:
    """The overlay as a pack another office can import."""
    from .filenames import write_atomic

    write_atomic(Path(path), to_toml(read_overlay()).encode("utf-8"))


def get_series(name: str) -> Series:
    try:
        return SERIES[name]
    except KeyError:
        raise UserError(
            f"Không có mục số liệu «{name}». Các mục: {', '.join(SERIES)}",
            f"No series «{name}». Series: {', '.join(SERIES)}",
        ) from None


def parse_pack_text(text: str) -> PolicyData:
    """A pack's text → its entries (for previews and tests)."""
    return parse_policy(parse_toml(text, "Gói số liệu"), "Gói số liệu", None, "user")


# --- figures for a date -------------------------------------------------------------------


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
class BhytSupportRow:
    group: str
    name: str
    support_rate: float
    monthly: int  # what a card holder of this group pays a month (the first member's price)
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
    bhyt_support_table: tuple[BhytSupportRow, ...]
    sources: tuple[str, ...]
    # When each series' figures took effect, for lines like "áp dụng từ 01/07/2025".
    effective: dict[str, date]
    used: tuple[Entry, ...] = field(default=(), compare=False)

    def bhxh_row(self, group: str) -> BhxhRow:
        return next(row for row in self.bhxh_table if row.group == group)

    def bhyt_support_row(self, group: str) -> BhytSupportRow | None:
        return next((row for row in self.bhyt_support_table if row.group == group), None)


def _round_vnd(amount: float) -> int:
    # Contributions are whole đồng; round half up as the BHXH notices do.
    return int(amount + 0.5)


def _in_force(entries: Iterable[Entry], day: date, name: str, unconfirmed: bool,
              required: bool = True) -> Entry | None:
    usable = [e for e in entries if e.effective <= day and (unconfirmed or e.confirmed)]
    if not usable and required:
        raise UserError(
            f"Chưa có số liệu «{name}» áp dụng cho ngày {day:%d/%m/%Y}.",
            f"No «{name}» figures apply on {day:%Y-%m-%d}.",
        )
    return max(usable, key=lambda e: e.effective) if usable else None


def policy_at(day: date, *, unconfirmed: bool = False, data: PolicyData | None = None) -> Policy:
    data = data or load_policy_data()
    pick = {name: _in_force(data.series(name), day, name, unconfirmed, s.required)
            for name, s in SERIES.items()}
    used = tuple(e for e in pick.values() if e is not None)
    base = pick["base_salary"].values["amount"]
    poverty = pick["poverty_line"].values["amount"]
    voluntary = pick["bhxh_voluntary"].values
    household = pick["bhyt_household"].values

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

    support_rows = []
    if pick["bhyt_support"] is not None:
        for group, name in BHYT_SUPPORT_NAMES.items():
            rate = pick["bhyt_support"].values["support"][group]
            monthly = _round_vnd(first * (1 - rate))
            support_rows.append(BhytSupportRow(group, name, rate, monthly, monthly * 12))

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
        bhyt_support_table=tuple(support_rows),
        sources=tuple(dict.fromkeys(e.document for e in used)),
        effective={e.series: e.effective for e in used},
        used=used,
    )


def freshness_checks(day: date, *, unconfirmed: bool = False, strict: bool = False,
                     data: PolicyData | None = None) -> list[Check]:
    """Warnings (errors when `strict`) that the figures for `day` may be out of date."""
    data = data or load_policy_data()
    make: Callable[..., Check] = error if strict else warning
    checks = []
    for name, series in SERIES.items():
        pending = [e for e in data.series(name) if not e.confirmed and e.effective <= day]
        if pending and not unconfirmed:
            entry = pending[-1]
            checks.append(make(
                "policy",
                f"{series.vi}: thay đổi dự kiến từ {entry.effective:%d/%m/%Y} ({entry.document}) "
                "chưa được xác nhận, nên ấn phẩm vẫn dùng mức cũ. Hãy kiểm tra văn bản rồi xác "
                "nhận trong Tệp › Số liệu chính sách.",
                f"{series.en}: the change scheduled for {entry.effective} ({entry.document}) is "
                "not confirmed, so the piece still uses the old figure. Check the document and "
                "confirm it in File › Policy figures.",
            ))
    if data.checked is None or (day - data.checked).days > CHECK_EVERY_DAYS:
        when = f"{data.checked:%d/%m/%Y}" if data.checked else "chưa rõ"
        checks.append(make(
            "policy",
            f"Số liệu chính sách được rà soát lần cuối ngày {when}, hơn 6 tháng trước ngày "
            "chiến dịch: hãy kiểm tra lại các mức đóng.",
            f"The policy figures were last checked on "
            f"{data.checked.isoformat() if data.checked else 'an unknown date'}, more than 6 "
            "months before the campaign date: check the contribution figures again.",
        ))
    return checks
