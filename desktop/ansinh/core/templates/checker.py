"""`ansinh-cli check`: every problem in a template, with its file and line.

Three passes: the manifest (parsed by `manifest`), the Jinja sources (syntax errors
and `f.<name>` references to fields the manifest does not declare), and a trial
render of every size (in each of its layout variants) with the field defaults and the
sample campaign, so layout overflow in a shipped template is caught before an officer
meets it; a template with a free area is rendered again with its free text as long as
it may be, which must fit the area and be readable on it in every layout.

Templates are untrusted code, so the caller chooses how each template's Jinja pass and
each size's trial render run (`run`: the CLI's bounded render worker). One that hits
a limit there is reported naming the template and size, and the next one is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from .. import paths
from ..campaign import Campaign, Look, Piece, load_campaign
from ..errors import UserError
from ..render.jinja import make_environment
from .manifest import FREE_TEXT, MANIFEST, Template
from .registry import TemplateRegistry

TRIAL_SEGMENT = "toan-dan"
TRIAL_NOTE = "Họp dân lúc 19 giờ thứ Bảy tại nhà văn hóa thôn, cán bộ BHXH hướng dẫn kê khai. "


def _sources(template: Template) -> list[str]:
    return [s for s in (template.html, template.text, template.caption) if s]


def _jinja_problems(template: Template, registry: TemplateRegistry) -> list[UserError]:
    env = make_environment([template.folder, registry.shared_folder()], html=template.is_visual)
    field_ids = {f.id for f in template.fields}
    problems = []
    for source in _sources(template):
        path = template.folder / source
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), source, str(path))
        except TemplateSyntaxError as exc:
            problems.append(
                UserError(
                    f"Lỗi cú pháp Jinja: {exc.message}",
                    f"Jinja syntax error: {exc.message}",
                    path=str(path),
                    line=exc.lineno,
                )
            )
            continue
        for node in tree.find_all(nodes.Getattr):
            if (
                isinstance(node.node, nodes.Name)
                and node.node.name == "f"
                and node.attr not in field_ids
            ):
                problems.append(
                    UserError(
                        f"Mẫu dùng trường «{node.attr}» chưa khai báo trong {MANIFEST}.",
                        f"The template uses field «{node.attr}», not declared in {MANIFEST}.",
                        path=str(path),
                        line=node.lineno,
                    )
                )
    return problems


def _trial_campaign() -> Campaign:
    sample = paths.assets_dir() / "sample" / "campaign.toml"
    return load_campaign(sample) if sample.is_file() else Campaign(name="Thử mẫu")


def trial_note(limit: int) -> str:
    """A free text of as many whole words as `limit` characters hold."""
    text = TRIAL_NOTE * (limit // len(TRIAL_NOTE) + 1)
    return text[: text.rfind(" ", 0, limit + 1)].rstrip(" ,")


def _trial_render(
    template: Template,
    size_id: str | None,
    registry: TemplateRegistry,
    campaign: Campaign,
    variant: str | None = None,
    free: bool = False,
) -> list[UserError]:
    """The errors of one size (in one layout variant) rendered with the defaults, and
    with the longest free text if `free`."""
    from ..render.piece import RenderOptions, render_piece  # heavy: only when rendering

    values = {FREE_TEXT: trial_note(template.field(FREE_TEXT).max_chars or 0)} if free else {}
    piece = Piece(template.id, TRIAL_SEGMENT, size_id, values, look=Look(variant=variant))
    try:
        result = render_piece(
            piece, campaign, RenderOptions(formats=("pdf", "txt")), registry=registry
        )
    except UserError as exc:
        return [exc]
    label = _label(" · ".join(filter(None, (size_id, variant, FREE_TEXT if free else None))))
    return [
        UserError(
            f"{label}Dựng thử với giá trị mặc định: {check.vi}",
            f"{label}Trial render with defaults: {check.en}",
            path=_where(template),
            field=check.field,
        )
        for check in result.checks
        if check.is_error
    ]


def _label(where: str | None) -> str:
    return f"[{where}] " if where else ""


def _where(template: Template) -> str:
    return str(template.folder / (template.html or template.text or MANIFEST))


def _stopped(template: Template, size_id: str | None, exc: UserError) -> UserError:
    """A check that could not finish (a render limit, a dead worker), naming the
    template and size."""
    size_vi = f" khổ {size_id}" if size_id else ""
    size_en = f" size {size_id}" if size_id else ""
    return UserError(
        f"Kiểm tra mẫu «{template.id}»{size_vi} bị dừng: {exc.vi}",
        f"Checking template «{template.id}»{size_en} was stopped: {exc.en}",
        path=_where(template),
    )


def _call(fn: Callable, *args: Any) -> Any:
    return fn(*args)


def check_templates(
    registry: TemplateRegistry,
    ids: list[str] | None = None,
    render: bool = True,
    run: Callable[..., Any] = _call,
) -> tuple[list[UserError], int]:
    """Return every problem found and how many templates were checked; `run(fn, *args)`
    calls each template's Jinja pass and trial renders (a `UserError` it raises is a
    check stopped by a limit, reported as such)."""
    registry.all()  # loads manifests and collects their problems
    wanted = set(ids) if ids else None

    def chosen(folder: Path) -> bool:
        return wanted is None or folder.name in wanted

    problems = [p for p in registry.problems if chosen(Path(p.path or "").parent)]
    templates = [t for t in registry.all() if wanted is None or t.id in wanted]
    if wanted:
        found = {t.id for t in templates} | {Path(p.path or "").parent.name for p in problems}
        for missing in sorted(wanted - found):
            problems.append(UserError(f"Không có mẫu «{missing}».", f"No template «{missing}»."))
    campaign = _trial_campaign() if render else None
    for template in templates:
        try:
            jinja_problems = run(_jinja_problems, template, registry)
        except UserError as exc:
            problems.append(_stopped(template, None, exc))
            continue
        problems += jinja_problems
        if not render or jinja_problems:
            continue
        for size in template.sizes or (None,):
            size_id = size.id if size else None
            variants = (None, *(v.id for v in template.variants))
            frees = (False, True) if template.has_free_area else (False,)
            for variant, free in ((v, free) for free in frees for v in variants):
                try:
                    problems += run(
                        _trial_render, template, size_id, registry, campaign, variant, free
                    )
                except UserError as exc:
                    problems.append(_stopped(template, size_id, exc))
    checked = len(templates) + len(
        {Path(p.path or "").parent for p in registry.problems if chosen(Path(p.path or "").parent)}
    )
    return problems, checked
