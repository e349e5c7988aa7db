"""`ansinh-cli policy`: the office's own policy figures (see `ansinh.core.policy`).

    policy show [SERIES]                       every entry: value, date, document, source
    policy set SERIES VALUE|key=value… --effective DATE --document DOC --source SRC
    policy confirm SERIES --effective DATE [--document DOC] [--source SRC]
    policy import PACK.toml / policy export --out PACK.toml
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ..core import policy
from ..core.errors import UserError
from ..core.safedata import parse_toml


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày phải viết dạng 2027-07-01 / a date is written 2027-07-01: {text}") from None


def _value(text: str) -> Any:
    """A command-line value as TOML reads it: 2530000, 0.22, [1.0, 0.7], { poor = 0.5 }."""
    try:
        return parse_toml(f"v = {text}", "Giá trị")["v"]
    except UserError:
        return text  # left as text: the series' check names what it must be


def _values(series: policy.Series, items: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep:
            if len(series.values) != 1:
                raise UserError(
                    f"«{series.name}» có nhiều giá trị: viết khóa=giá trị "
                    f"({', '.join(v.key for v in series.values)}).",
                    f"«{series.name}» has several values: write key=value "
                    f"({', '.join(v.key for v in series.values)}).",
                )
            key, text = series.values[0].key, item
        key = key.strip()
        group, dot, member = key.partition(".")
        if dot:  # support.poor=0.5 changes one group of a table
            values.setdefault(group, {})[member] = _value(text)
        else:
            values[key] = _value(text)
    return values


def _show_value(entry: policy.Entry) -> str:
    parts = []
    for key, value in entry.values.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v:.0%}" for k, v in value.items())
        elif isinstance(value, list):
            value = " / ".join(f"{v:.0%}" for v in value)
        elif isinstance(value, float):
            value = f"{value:.1%}"
        else:
            value = f"{value:,}".replace(",", ".")
        parts.append(f"{key} {value}")
    return "; ".join(parts)


def cmd_policy_show(args: argparse.Namespace, out: Any) -> int:
    data = policy.load_policy_data()
    names = [args.series] if args.series else list(policy.SERIES)
    checked = data.checked.strftime("%d/%m/%Y") if data.checked else "?"
    out.say(f"Số liệu rà soát lần cuối: {checked}", f"Last checked: {checked}")
    for name in names:
        series = policy.get_series(name)
        out.say(f"\n{name} — {series.vi}", f"\n{name} — {series.en}")
        for entry in data.series(name):
            state = "" if entry.confirmed else " [DỰ KIẾN / PROPOSAL]"
            who = f" · {entry.entered_by} {entry.entered_at}".rstrip() if entry.entered_at else ""
            origin = "của đơn vị" if entry.origin == "user" else "kèm ứng dụng"
            origin_en = "the office's" if entry.origin == "user" else "shipped"
            line = f"  {entry.effective:%d/%m/%Y}  {_show_value(entry)}{state}"
            out.say(f"{line}\n    {entry.document} ({origin}{who})"
                    + (f"\n    Nguồn: {entry.source}" if entry.source else ""),
                    f"{line}\n    {entry.document} ({origin_en}{who})"
                    + (f"\n    Source: {entry.source}" if entry.source else ""))
    return 0


def cmd_policy_set(args: argparse.Namespace, out: Any) -> int:
    series = policy.get_series(args.series)
    entry = policy.set_entry(series.name, args.effective, _values(series, args.values),
                             document=args.document or args.source, source=args.source,
                             confirmed=not args.proposal)
    out.say(f"Đã lưu {series.name} từ {entry.effective:%d/%m/%Y}: {_show_value(entry)} "
            f"({entry.document}).",
            f"Saved {series.name} from {entry.effective}: {_show_value(entry)} "
            f"({entry.document}).")
    return 0


def cmd_policy_confirm(args: argparse.Namespace, out: Any) -> int:
    entry = policy.confirm_entry(args.series, args.effective, document=args.document,
                                 source=args.source)
    out.say(f"Đã xác nhận {args.series} từ {entry.effective:%d/%m/%Y} ({entry.document}).",
            f"Confirmed {args.series} from {entry.effective} ({entry.document}).")
    return 0


def cmd_policy_import(args: argparse.Namespace, out: Any) -> int:
    pack = policy.import_pack(args.pack)
    count = sum(len(entries) for entries in pack.entries.values())
    out.say(f"Đã nhập {count} mục số liệu từ {args.pack.name}.",
            f"Imported {count} policy entries from {args.pack.name}.")
    return 0


def cmd_policy_export(args: argparse.Namespace, out: Any) -> int:
    policy.export_pack(args.out)
    out.say(f"Đã xuất số liệu của đơn vị vào {args.out}.",
            f"Exported the office's policy figures to {args.out}.")
    return 0


def add_policy_parser(sub: Any) -> None:
    p = sub.add_parser("policy", help="số liệu chính sách của đơn vị / the office's policy "
                       "figures")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("show", help="lịch sử từng mục / every entry's history")
    q.add_argument("series", nargs="?", choices=list(policy.SERIES))
    q.set_defaults(run=cmd_policy_show)

    q = actions.add_parser("set", help="thêm một mức mới / add a value")
    q.add_argument("series", choices=list(policy.SERIES))
    q.add_argument("values", nargs="+", metavar="VALUE|key=value")
    q.add_argument("--effective", type=_day, required=True, help="ngày hiệu lực / in force from")
    q.add_argument("--source", required=True, help="nguồn đã đối chiếu / where it was checked")
    q.add_argument("--document", help="số hiệu văn bản (mặc định: nguồn) / the document's "
                   "number (default: the source)")
    q.add_argument("--proposal", action="store_true",
                   help="chưa có văn bản chính thức / not yet enacted")
    q.set_defaults(run=cmd_policy_set)

    q = actions.add_parser("confirm", help="xác nhận một mức dự kiến / confirm a proposal")
    q.add_argument("series", choices=list(policy.SERIES))
    q.add_argument("--effective", type=_day, required=True)
    q.add_argument("--document")
    q.add_argument("--source")
    q.set_defaults(run=cmd_policy_confirm)

    q = actions.add_parser("import", help="nhập gói số liệu / import a policy pack")
    q.add_argument("pack", type=Path)
    q.set_defaults(run=cmd_policy_import)

    q = actions.add_parser("export", help="xuất gói số liệu / export a policy pack")
    q.add_argument("--out", type=Path, required=True)
    q.set_defaults(run=cmd_policy_export)
