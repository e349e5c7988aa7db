"""`ansinh-cli check`: every problem in a template, with its file and line.

Three passes: the manifest (parsed by `manifest`), the Jinja sources (syntax errors
and `f.<name>` references to fields the manifest does not declare), and a trial
render of every size with the field defaults and the sample campaign, so layout
overflow in a shipped template is caught before an officer meets it.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from .. import paths
from ..campaign import Campaign, Piece, load_campaign
from ..errors import UserError
from ..render.jinja import make_environment
from .manifest import MANIFEST, Template
from .registry import TemplateRegistry

TRIAL_SEGMENT = "toan-dan"


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


def _render_problems(
    template: Template, registry: TemplateRegistry, campaign: Campaign
) -> list[UserError]:
    from ..render.piece import RenderOptions, render_piece  # heavy: only when rendering

    problems = []
    where = str(template.folder / (template.html or template.text or MANIFEST))
    for size in template.sizes or (None,):
        piece = Piece(template.id, TRIAL_SEGMENT, size.id if size else None)
        label = f"[{size.id}] " if size else ""
        try:
            result = render_piece(
                piece, campaign, RenderOptions(formats=("pdf", "txt")), registry=registry
            )
        except UserError as exc:
            problems.append(exc)
            continue
        for check in result.checks:
            if check.is_error:
                problems.append(
                    UserError(
                        f"{label}Dựng thử với giá trị mặc định: {check.vi}",
                        f"{label}Trial render with defaults: {check.en}",
                        path=where,
                        field=check.field,
                    )
                )
    return problems


def check_templates(
    registry: TemplateRegistry, ids: list[str] | None = None, render: bool = True
) -> tuple[list[UserError], int]:
    """Return every problem found and how many templates were checked."""
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
        jinja_problems = _jinja_problems(template, registry)
        problems += jinja_problems
        if render and not jinja_problems:
            assert campaign is not None
            problems += _render_problems(template, registry, campaign)
    checked = len(templates) + len(
        {Path(p.path or "").parent for p in registry.problems if chosen(Path(p.path or "").parent)}
    )
    return problems, checked
