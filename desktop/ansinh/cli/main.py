"""ansinh-cli: the command line over the same core the desktop app uses.

Every failure the user can act on ends as one line in Vietnamese (or English with
--lang en) and a non-zero exit status, never a traceback (ANSINH_DEBUG=1 shows it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core import paths
from ..core.batch import check_formats, plan_batch, run_batch
from ..core.bundle import Bundle
from ..core.campaign import FONTS, STYLES, Campaign, Look, Piece, load_campaign
from ..core.errors import UserError
from ..core.export import export_campaign
from ..core.packs import PackConflict, export_pack, import_pack
from ..core.policy import freshness_checks
from ..core.render.piece import RenderOptions, render_piece
from ..core.render.worker import RenderPool, start_fork_server
from ..core.safedata import COLOUR, Table, load_json, load_toml
from ..core.segments import load_segments
from ..core.templates import TemplateRegistry
from ..core.templates.checker import check_templates
from ..core.templates.manifest import Template
from .policy import add_policy_parser

EXIT_USER_ERROR = 2
EXIT_CHECKS_FAILED = 1
FORMATS = ("pdf", "png", "txt", "wav", "mp3")  # wav, mp3: loudspeaker scripts, spoken


class Output:
    """Prints in the chosen language; `say` takes the two texts side by side."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def say(self, vi: str, en: str, *, err: bool = False) -> None:
        print(en if self.lang == "en" else vi, file=sys.stderr if err else sys.stdout, flush=True)

    def progress(self, done: int, total: int, started: float, label: str) -> None:
        elapsed = time.monotonic() - started
        eta = elapsed / done * (total - done) if done else 0
        width = 24
        bar = "█" * round(width * done / total) + "░" * (width - round(width * done / total))
        tail = f"ETA {eta:4.0f}s" if done < total else f"{elapsed:.1f}s"
        print(
            f"\r{bar} {done}/{total} {tail} {label[:40]:<40}", end="", file=sys.stderr, flush=True
        )
        if done == total:
            print(file=sys.stderr)


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UserError(
            f"Định dạng không hợp lệ: {text} (dùng {','.join(FORMATS)}).",
            f"Unknown format: {text} (use {','.join(FORMATS)}).",
        )
    return chosen


def _read_values(path: Path) -> dict[str, Any]:
    """`--data`: a table of field = value (or one under [values]), bounded and typed."""
    what = "Tệp dữ liệu"
    data = load_json(path, what) if path.suffix.lower() == ".json" else load_toml(path, what)
    table = Table(data, what, path=str(path))
    if "values" in table:
        table = table.table("values")
    return {key: table.value(key) for key in table.data}


def _options(args: argparse.Namespace) -> RenderOptions:
    return RenderOptions(
        formats=_formats(args.format),
        png_dpi=args.dpi,
        crop_marks=args.crop_marks,
        pdf_x4=args.pdf_x4,
        exact=args.exact,
    )


def cmd_templates(args: argparse.Namespace, out: Output) -> int:
    registry = TemplateRegistry()
    templates = registry.all()
    if args.json:
        listing = [
            {
                "id": t.id,
                "name": t.name,
                "name_en": t.name_en,
                "kind": t.kind,
                "channel": t.channel,
                "origin": t.origin,
                "outputs": list(t.outputs),
                "pages": {"min": t.pages[0], "max": t.pages[1]},
                "description": t.description,
                "variants": [
                    {"id": v.id, "label": v.label, "label_en": v.label_en} for v in t.variants
                ],
                "sizes": [
                    {
                        "id": s.id,
                        "label": s.label,
                        "label_en": s.label_en,
                        "width": s.width,
                        "height": s.height,
                        "unit": s.unit,
                        "bleed_mm": s.bleed_mm,
                    }
                    for s in t.sizes
                ],
                "fields": [
                    {
                        "id": f.id,
                        "type": f.type,
                        "label": f.label,
                        "required": f.required,
                        "max_chars": f.max_chars,
                        "max_lines": f.max_lines,
                        "campaign_default": f.campaign_default,
                        "fit": None
                        if not f.fit
                        else {"min_pt": f.fit.min_pt, "max_pt": f.fit.max_pt},
                        "choices": [v for v, _ in f.choices],
                    }
                    for f in t.fields
                ],
            }
            for t in templates
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    for t in templates:
        sizes = ", ".join(s.id for s in t.sizes) or "—"
        name = t.name_en if out.lang == "en" and t.name_en else t.name
        print(f"{t.id:<24} {t.kind:<12} {sizes:<28} {name}")
    return 0


_YES = ("c", "co", "có", "y", "yes")


def cmd_templates_import(args: argparse.Namespace, out: Output) -> int:
    try:
        report = import_pack(args.pack, overwrite=args.force)
    except PackConflict as conflict:
        if not sys.stdin.isatty():
            raise
        out.say(conflict.vi, conflict.en)
        prompt = "Ghi đè? [c/K] " if out.lang != "en" else "Overwrite? [y/N] "
        try:
            answer = input(prompt).strip().casefold()
        except EOFError:
            answer = ""
        if answer not in _YES:
            out.say("Chưa cài mẫu nào.", "Nothing was installed.")
            return EXIT_USER_ERROR
        report = import_pack(args.pack, overwrite=True)
    ids = ", ".join(report.installed)
    out.say(f"Đã cài mẫu: {ids} (vào {report.folder})", f"Installed: {ids} (into {report.folder})")
    if report.replaced:
        replaced = ", ".join(report.replaced)
        out.say(f"Đã thay mẫu cũ: {replaced}", f"Replaced: {replaced}")
    if report.skipped:
        skipped = ", ".join(report.skipped[:10]) + (" …" if len(report.skipped) > 10 else "")
        out.say(
            f"Bỏ qua {len(report.skipped)} tệp không dùng cho mẫu: {skipped}",
            f"Left out {len(report.skipped)} files templates do not use: {skipped}",
        )
    return 0


def cmd_templates_export(args: argparse.Namespace, out: Output) -> int:
    names = export_pack(args.ids, args.out)
    out.say(
        f"Đã xuất {len(args.ids)} mẫu ({len(names)} tệp) vào {args.out}",
        f"Exported {len(args.ids)} templates ({len(names)} files) to {args.out}",
    )
    return 0


def cmd_segments(args: argparse.Namespace, out: Output) -> int:
    segments = load_segments()
    if args.json:
        print(json.dumps([vars(s) for s in segments.values()], ensure_ascii=False, indent=2))
    else:
        for segment in segments.values():
            print(f"{segment.slug:<26} {segment.name}")
    return 0


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    registry = TemplateRegistry()
    # Templates are untrusted code: each one's checks run in a bounded worker, like every
    # render, one at a time, so a limit stops only the check it hit.
    with RenderPool(workers=1) as pool:
        problems, checked = check_templates(
            registry,
            args.templates or None,
            render=not args.quick,
            run=lambda fn, *fn_args: pool.result(pool.submit(fn, *fn_args)),
        )
    for problem in problems:
        out.say(problem.text("vi"), problem.text("en"))
    if problems:
        out.say(
            f"{len(problems)} vấn đề trong {checked} mẫu.",
            f"{len(problems)} problems in {checked} templates.",
            err=True,
        )
        return EXIT_CHECKS_FAILED
    out.say(
        f"Đã kiểm tra {checked} mẫu: không có vấn đề.", f"Checked {checked} templates: no problems."
    )
    return 0


def _campaign(path: Path | None, style: str | None = None) -> Campaign:
    """The campaign file's campaign (a neutral one without a file), in `style` if given."""
    campaign = Campaign(name="An Sinh Studio", base_dir=Path.cwd()) if path is None \
        else load_campaign(path)
    return replace(campaign, style=style) if style else campaign


def _font(value: str | None) -> str | None:
    if value is None or value in FONTS:
        return value
    vi = ", ".join(f"{f.id} ({f.label})" for f in FONTS.values())
    en = ", ".join(f"{f.id} ({f.label_en})" for f in FONTS.values())
    raise UserError(
        f"Không có phông chữ «{value}» (--font). Chọn một trong: {vi}.",
        f"No font «{value}» (--font). Choose one of: {en}.",
    )


def _colour(value: str | None, option: str) -> str | None:
    if value is None or COLOUR.fullmatch(value):
        return value
    raise UserError(
        f"{option} phải là một màu dạng #RRGGBB, ví dụ #1B6E3A (có «{value}»).",
        f"{option} must be a colour written #RRGGBB, e.g. #1B6E3A (got «{value}»).",
    )


def _variant(template: Template, value: str) -> str:
    """`value` if `template` has that layout, else an error listing the ones it has."""
    if any(v.id == value for v in template.variants):
        return value
    if not template.variants:
        raise UserError(
            f"Mẫu «{template.id}» chỉ có bố cục gốc, không có «{value}» (--variant).",
            f"Template «{template.id}» has only its own layout, not «{value}» (--variant).",
        )
    vi = ", ".join(f"{v.id} ({v.label})" for v in template.variants)
    en = ", ".join(f"{v.id} ({v.label_en or v.label})" for v in template.variants)
    raise UserError(
        f"Mẫu «{template.id}» không có bố cục «{value}» (--variant). Chọn một trong: {vi}.",
        f"Template «{template.id}» has no layout «{value}» (--variant). Choose one of: {en}.",
    )


def _look(args: argparse.Namespace, look: Look, variant: str | None = None) -> Look:
    """`look` with what the command line chose (already checked) put in its place."""
    chosen = {
        "variant": variant,
        "font": _font(args.font),
        "primary": _colour(args.primary, "--primary"),
        "accent": _colour(args.accent, "--accent"),
    }
    return replace(look, **{key: value for key, value in chosen.items() if value})


def _export_looks(args: argparse.Namespace, campaign: Campaign) -> Campaign:
    """Every piece in the command line's font and colours; `--variant MAU=BO_CUC` gives
    the pieces of one template that layout."""
    registry = TemplateRegistry()
    variants = {
        template: _variant(registry.get(template), variant)
        for template, variant in _pairs(args.variant, "--variant").items()
    }
    unused = ", ".join(sorted(variants.keys() - {piece.template for piece in campaign.pieces}))
    if unused:
        raise UserError(
            f"Chiến dịch không có ấn phẩm nào theo mẫu «{unused}» (--variant).",
            f"The campaign has no piece made from template «{unused}» (--variant).",
        )
    pieces = tuple(
        replace(piece, look=_look(args, piece.look, variants.get(piece.template)))
        for piece in campaign.pieces
    )
    return replace(campaign, pieces=pieces)


def _report_checks(result: Any, out: Output) -> None:
    for check in result.checks:
        mark = "✗" if check.is_error else "!"
        out.say(f"  {mark} {check.vi}", f"  {mark} {check.en}", err=check.is_error)


def _note_once(checks: list[Any], said: set[str], out: Output) -> None:
    """Say a warning every loudspeaker piece would repeat (no audio engine) once."""
    for check in checks:
        if check.code == "audio" and check.vi not in said:
            said.add(check.vi)
            out.say(f"\nLưu ý: {check.vi}", f"\nNote: {check.en}", err=True)


def cmd_render(args: argparse.Namespace, out: Output) -> int:
    campaign = _campaign(args.campaign, args.style)
    values = _read_values(args.data) if args.data else {}
    if args.data:
        campaign = replace(campaign, base_dir=args.data.parent)
    template = TemplateRegistry().get(args.template)
    variant = _variant(template, args.variant) if args.variant else None
    piece = Piece(args.template, args.segment, args.size, values,
                  look=_look(args, Look(), variant))
    _policy_gate(args, out, campaign)
    with RenderPool(workers=1) as pool:  # bounded in CPU time and memory, like the app's
        result = pool.result(pool.submit(render_piece, piece, campaign, _options(args)))
    _report_checks(result, out)
    if not result.ok:
        first = next(c for c in result.checks if c.is_error)
        raise UserError(
            f"Không xuất được: {first.vi}", f"Not exported: {first.en}", field=first.field
        )
    bundle = Bundle(args.out, campaign)
    for entry in bundle.add(result, 1):
        out.say(f"  → {entry.file}", f"  → {entry.file}")
    target = bundle.close(make_zip=args.zip)
    out.say(f"Đã xuất vào {target}", f"Exported to {target}")
    return 0


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    campaign = _export_looks(args, _campaign(args.campaign, args.style))
    _policy_gate(args, out, campaign)
    segments = [s.strip() for s in args.segments.split(",")] if args.segments else None
    started = time.monotonic()
    bundle = None
    failures = 0
    said: set[str] = set()
    for event in export_campaign(campaign, args.out, _options(args), segments_override=segments):
        bundle = event.bundle
        label = f"{event.piece.template} · {event.piece.segment}"
        out.progress(event.done, event.total, started, label)
        if event.result:
            _note_once(event.result.checks, said, out)
        if event.error:
            failures += 1
            out.say(f"  ✗ {label}: {event.error.vi}", f"  ✗ {label}: {event.error.en}", err=True)
        elif event.result and not event.result.ok:
            failures += 1
            out.say(f"  ✗ {label}:", f"  ✗ {label}:", err=True)
            _report_checks(event.result, out)
    assert bundle is not None
    target = bundle.close(make_zip=args.zip)
    out.say(
        f"Đã xuất {len(bundle.entries)} tệp vào {target}",
        f"Exported {len(bundle.entries)} files to {target}",
    )
    if failures:
        out.say(
            f"{failures} ấn phẩm có lỗi, chưa xuất (xem manifest.json).",
            f"{failures} pieces have errors and were not exported (see manifest.json).",
            err=True,
        )
        return EXIT_CHECKS_FAILED
    return 0


def _pairs(items: list[str], what: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(
                f"{what} phải viết dạng A=B (có «{item}»).",
                f"{what} must be written A=B (got «{item}»).",
            )
        pairs[key.strip()] = value.strip()
    return pairs


def cmd_batch(args: argparse.Namespace, out: Output) -> int:
    start_fork_server()  # the render processes' imports overlap reading the sheet
    campaign = _campaign(args.campaign, args.style)
    _policy_gate(args, out, campaign)
    bundle = None
    template = TemplateRegistry().get(args.template)
    look = _look(args, Look(), _variant(template, args.variant) if args.variant else None)
    mapping = _pairs(args.map, "--map")
    if args.map_file:
        mapping.update(_read_values(args.map_file))
    plan = plan_batch(
        args.template,
        args.rows,
        campaign,
        size=args.size,
        sheet=args.sheet,
        mapping=mapping,
        segment=args.segment,
        segment_column=args.segment_column,
        constants=_pairs(args.set, "--set"),
        look=look,
    )
    formats = _formats(args.format) if args.format else plan.template.outputs
    check_formats(plan.template, formats)
    columns = ", ".join(f"{c} → {f}" for c, f in plan.mapping.items())
    out.say(f"Ghép cột: {columns}", f"Columns: {columns}")
    for problem in plan.problems:
        out.say(problem.text("vi"), problem.text("en"), err=True)
    for note in plan.places:
        out.say(f"Lưu ý: {note.text_for('vi')}", f"Note: {note.text_for('en')}", err=True)
    if args.apply_place_suggestions and plan.places:
        count = plan.apply_place_suggestions()
        out.say(f"Đã thay {count} địa danh cũ bằng tên mới.",
                f"Replaced {count} old place names with the new ones.", err=True)
    if plan.problems and args.stop_on_error:
        out.say(
            f"{len(plan.bad_rows)} dòng lỗi: chưa dựng gì (bỏ --stop-on-error để bỏ qua "
            "các dòng lỗi).",
            f"{len(plan.bad_rows)} bad rows: nothing rendered (drop --stop-on-error to skip them).",
            err=True,
        )
        return EXIT_CHECKS_FAILED
    options = RenderOptions(
        formats=formats,
        png_width=args.png_width,
        crop_marks=args.crop_marks,
        pdf_x4=args.pdf_x4,
        exact=args.exact,
        png_compress=1,
    )
    started = time.monotonic()
    failed = 0
    said: set[str] = set()
    events = run_batch(
        plan, campaign, args.out, options, jobs=args.jobs, only_failed=args.only_failed
    )
    try:
        for event in events:
            if event.kind == "finished":
                bundle = event.bundle
                break
            _note_once(event.checks, said, out)
            if event.kind == "failed":
                failed += 1
                for check in event.checks:
                    if check.is_error:
                        out.say(
                            f"\nDòng {event.row}: {check.vi}",
                            f"\nRow {event.row}: {check.en}",
                            err=True,
                        )
            out.progress(event.done, event.total, started, event.files[0] if event.files else "")
    finally:
        events.close()  # Ctrl-C lands here: the workers are stopped, no half-written files
    assert bundle is not None
    combined = f" + {bundle.combined}" if bundle.combined else ""
    out.say(
        f"Đã dựng {len(bundle.entries)} tệp{combined} vào {bundle.folder}",
        f"Rendered {len(bundle.entries)} files{combined} into {bundle.folder}",
    )
    bad = failed + len(plan.bad_rows)
    if bad:
        out.say(
            f"{bad} dòng chưa dựng được; sửa rồi chạy lại với --only-failed.",
            f"{bad} rows not rendered; fix them and re-run with --only-failed.",
            err=True,
        )
        return EXIT_CHECKS_FAILED
    return 0


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=paths.default_exports_dir(), help="thư mục xuất / output folder"
    )
    parser.add_argument("--format", default="pdf,png,txt,wav,mp3", help="pdf,png,txt,wav,mp3")
    parser.add_argument("--dpi", type=float, default=None, help="PNG dpi (khổ in / print)")
    parser.add_argument("--crop-marks", action="store_true", help="dấu xén / crop marks")
    parser.add_argument("--pdf-x4", action="store_true", help="PDF/X-4")
    parser.add_argument("--zip", action="store_true", help="nén .zip / make a .zip")
    _add_exact(parser)
    _add_strict(parser)


def _add_style(parser: argparse.ArgumentParser, *, whole_campaign: bool = False) -> None:
    """--style, and the look of the pieces: layout variant, font, colours."""
    names = "; ".join(f"{s.id}: {s.label} / {s.label_en}" for s in STYLES.values())
    parser.add_argument(
        "--style", choices=list(STYLES),
        help=f"phong cách hình ảnh thay cho phong cách của chiến dịch / visual style instead of "
        f"the campaign's ({names})",
    )
    fonts = "; ".join(f"{f.id}: {f.label}" for f in FONTS.values())
    parser.add_argument(
        "--font", metavar="PHONG_CHU",
        help=f"phông chữ cho mọi ấn phẩm / the font of every piece ({fonts})",
    )
    if whole_campaign:
        parser.add_argument(
            "--variant", action="append", default=[], metavar="MAU=BO_CUC",
            help="bố cục cho các ấn phẩm của một mẫu / a layout for one template's pieces "
            "(xem / see: ansinh-cli templates --json)",
        )
    else:
        parser.add_argument(
            "--variant", metavar="BO_CUC",
            help="bố cục khác của mẫu / another layout of the template "
            "(xem / see: ansinh-cli templates --json)",
        )
    for option, vi, en in (("--primary", "màu chính", "main colour"),
                           ("--accent", "màu nhấn", "accent colour")):
        parser.add_argument(
            option, metavar="#RRGGBB",
            help=f"{vi} thay cho màu của chiến dịch / {en} instead of the campaign's",
        )


def _add_exact(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exact", action="store_true",
        help="dựng chính xác từng trang, không dùng lớp chung (chậm hơn) / lay every page out "
        "whole, without shared layers (slower)",
    )


def _add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict", action="store_true",
        help="số liệu chính sách cũ hoặc chưa xác nhận thì không xuất / refuse out-of-date "
        "or unconfirmed policy figures",
    )


def _policy_gate(args: argparse.Namespace, out: Output, campaign: Campaign) -> None:
    """Say when the campaign's policy figures may be out of date; with --strict, stop."""
    checks = freshness_checks(campaign.day, unconfirmed=campaign.unconfirmed_figures,
                              strict=args.strict)
    for check in checks:
        label = "Lỗi" if check.is_error else "Lưu ý"
        out.say(f"{label}: {check.vi}", f"{'Error' if check.is_error else 'Note'}: {check.en}",
                err=True)
    if args.strict and checks:
        raise UserError(
            "Chưa xuất gì: số liệu chính sách cần được kiểm tra (bỏ --strict để vẫn xuất).",
            "Nothing exported: the policy figures need checking (drop --strict to export "
            "anyway).",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ansinh-cli", description="An Sinh Studio – dòng lệnh / command line"
    )
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("ANSINH_LANG", "vi"))
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("templates", help="liệt kê, nhập, xuất mẫu / list, import, export templates")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_templates)
    actions = p.add_subparsers(dest="action", metavar="{import,export}")
    q = actions.add_parser("import", help="cài mẫu từ gói .zip / install templates from a pack")
    q.add_argument("pack", type=Path, help="PACK.zip")
    q.add_argument(
        "--force", action="store_true", help="ghi đè mẫu đã có / replace existing templates"
    )
    q.set_defaults(run=cmd_templates_import)
    q = actions.add_parser("export", help="đóng gói mẫu thành .zip / pack templates into a .zip")
    q.add_argument("ids", nargs="+", metavar="ID")
    q.add_argument("--out", type=Path, required=True, help="PACK.zip")
    q.set_defaults(run=cmd_templates_export)

    p = sub.add_parser("segments", help="liệt kê đối tượng / list audience segments")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_segments)

    p = sub.add_parser("check", help="kiểm tra mẫu / validate templates")
    p.add_argument("templates", nargs="*")
    p.add_argument("--quick", action="store_true", help="không dựng thử / skip trial renders")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("render", help="dựng một ấn phẩm / render one piece")
    p.add_argument("template")
    p.add_argument("--size")
    p.add_argument("--segment", required=True)
    p.add_argument("--data", type=Path, help=".toml / .json")
    p.add_argument("--campaign", type=Path, help="tệp chiến dịch / campaign file (.toml)")
    _add_render_options(p)
    _add_style(p)
    p.set_defaults(run=cmd_render)

    p = sub.add_parser("export", help="xuất cả chiến dịch / export a whole campaign")
    p.add_argument("campaign", type=Path)
    p.add_argument("--segments", help="xuất lại cho các đối tượng này / re-target segments")
    _add_render_options(p)
    _add_style(p, whole_campaign=True)
    p.set_defaults(run=cmd_export)

    add_policy_parser(sub)

    p = sub.add_parser("batch", help="dựng hàng loạt từ bảng tính / render rows of a sheet")
    p.add_argument("template")
    p.add_argument("--rows", type=Path, required=True, help=".xlsx / .csv")
    p.add_argument("--sheet")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COT=TRUONG",
        help="ghép cột với trường / map a column to a field",
    )
    p.add_argument("--map-file", type=Path, help=".toml/.json: cột = trường")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="TRUONG=GIA_TRI",
        help="giá trị chung cho mọi dòng / a value for every row",
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--segment")
    group.add_argument("--segment-column")
    p.add_argument("--size")
    p.add_argument("--campaign", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument(
        "--format",
        help="pdf,png,txt,wav,mp3 (mặc định: mọi định dạng của mẫu / default: all it makes)",
    )
    p.add_argument("--png-width", type=int, default=1500)
    p.add_argument("--crop-marks", action="store_true")
    p.add_argument("--pdf-x4", action="store_true")
    _add_style(p)
    _add_exact(p)
    _add_strict(p)
    p.add_argument(
        "--only-failed",
        action="store_true",
        help="chỉ dựng lại các dòng lỗi lần trước / redo failed rows only",
    )
    p.add_argument(
        "--apply-place-suggestions",
        action="store_true",
        help="thay địa danh cũ bằng tên mới khi chỉ có một / write the new name where the "
        "old place has exactly one",
    )
    p.add_argument(
        "--stop-on-error",
        action="store_true",
        help="dòng lỗi thì dừng cả lô / stop if any row is bad",
    )
    p.set_defaults(run=cmd_batch)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = Output(args.lang)
    try:
        return args.run(args, out)
    except UserError as exc:
        out.say(f"Lỗi: {exc.text('vi')}", f"Error: {exc.text('en')}", err=True)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        out.say("Đã dừng theo yêu cầu.", "Stopped on request.", err=True)
        return 130
    except OSError as exc:
        if os.environ.get("ANSINH_DEBUG"):
            raise
        out.say(
            f"Lỗi tệp: {exc.strerror or exc} ({exc.filename or ''})",
            f"File error: {exc.strerror or exc} ({exc.filename or ''})",
            err=True,
        )
        return EXIT_USER_ERROR
    except Exception as exc:  # the last guard: one line, never a traceback
        if os.environ.get("ANSINH_DEBUG"):
            raise
        out.say(
            f"Lỗi không mong đợi: {type(exc).__name__}: {exc}",
            f"Unexpected error: {type(exc).__name__}: {exc}",
            err=True,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
