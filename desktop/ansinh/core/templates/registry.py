"""Finding templates: the user's own folder first, then the shipped ones.

A template folder holds `template.toml`; folders starting with "_" are shared
building blocks (the base page layout) and not templates themselves. A user
template with the id of a shipped one replaces it, as MkDocs themes do.
"""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..errors import UserError
from .manifest import MANIFEST, Template, parse_manifest

SHARED_FOLDER = "_shared"


class TemplateRegistry:
    def __init__(self, roots: list[tuple[Path, str]] | None = None) -> None:
        # (folder, origin) pairs in lookup order.
        self.roots = roots or [
            (paths.user_templates_dir(), "user"),
            (paths.shipped_templates_dir(), "shipped"),
        ]
        self._templates: dict[str, Template] | None = None
        self.problems: list[UserError] = []

    def folders(self) -> list[tuple[Path, str]]:
        found = []
        for root, origin in self.roots:
            if root.is_dir():
                found.extend(
                    (folder, origin)
                    for folder in sorted(root.iterdir())
                    if folder.is_dir()
                    and not folder.name.startswith(("_", "."))
                    and (folder / MANIFEST).is_file()
                )
        return found

    def _load(self) -> dict[str, Template]:
        if self._templates is None:
            self._templates, self.problems = {}, []
            for folder, origin in self.folders():
                template, problems = parse_manifest(folder, origin)
                self.problems.extend(problems)
                if template and template.id not in self._templates:
                    self._templates[template.id] = template
        return self._templates

    def all(self) -> list[Template]:
        return sorted(self._load().values(), key=lambda t: (t.kind, t.id))

    def get(self, template_id: str) -> Template:
        templates = self._load()
        if template_id in templates:
            return templates[template_id]
        known = ", ".join(sorted(templates))
        raise UserError(
            f"Không có mẫu «{template_id}». Các mẫu có: {known}",
            f"No template «{template_id}». Templates: {known}",
        )

    def shared_folder(self) -> Path:
        return paths.shipped_templates_dir() / SHARED_FOLDER


_current: dict[str, object] = {}


def current_registry() -> TemplateRegistry:
    """The registry, kept between calls and read again when a template folder comes,
    goes or changes its manifest: render processes outlive a template the officer
    imports meanwhile, and parsing every manifest per render would cost each one."""
    registry = TemplateRegistry()
    stamp = tuple((str(folder), (folder / MANIFEST).stat().st_mtime_ns)
                  for folder, _ in registry.folders())
    if _current.get("stamp") != stamp:
        _current["stamp"], _current["registry"] = stamp, registry
    return _current["registry"]  # type: ignore[return-value]
