"""Finding templates: the user's own folder first, then the shipped ones.

A template folder holds `template.toml`; folders starting with "_" are shared
building blocks (the base page layout) and not templates themselves. A user
template with the id of a shipped one replaces it, as MkDocs themes do.

Pack imports stage their templates in a hidden `.import-<process id>-…` folder of the
user template folder. An import that is killed leaves it there, so loading the
registry (and starting an import) sweeps the ones whose process is gone.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

from .. import paths
from ..errors import UserError
from .manifest import MANIFEST, Template, parse_manifest

SHARED_FOLDER = "_shared"
STAGING_PREFIX = ".import-"
STALE_AFTER = 3600  # seconds: an import takes seconds; past this a live id was reused


def staging_folder(root: Path) -> Path:
    """Where a new import stages, named for this process (not created yet)."""
    return root / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # exists, someone else's
    except (OSError, OverflowError):
        return False
    return True


def sweep_staging(root: Path) -> None:
    """Remove the staging folders killed imports left in `root`: their process is gone,
    they are older than `STALE_AFTER`, or their name carries no process id."""
    try:
        leftovers = [p for p in root.iterdir() if p.name.startswith(STAGING_PREFIX)]
    except OSError:
        return
    for folder in leftovers:
        pid = folder.name.removeprefix(STAGING_PREFIX).partition("-")[0]
        try:
            fresh = time.time() - folder.lstat().st_mtime < STALE_AFTER
        except OSError:
            continue
        if fresh and pid.isdigit() and _running(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)


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
            for root, origin in self.roots:
                if origin == "user":
                    sweep_staging(root)
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
