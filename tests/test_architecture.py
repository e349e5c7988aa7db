"""The core stays Qt-free: statically (import-linter contract in pyproject.toml and an
AST scan) and at run time (importing every core module pulls in no Qt)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "desktop" / "ansinh" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "ansinh.gui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(("." * node.level) + node.module)
    return names


def test_no_core_module_names_qt_or_the_gui() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for name in _imports(path):
            if name.startswith(FORBIDDEN) or name.lstrip(".").startswith("gui"):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(
        "ansinh."
        + ".".join(p.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ansinh.gui'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_window_starts_without_the_render_engine() -> None:
    """Cold start: WeasyPrint, PDFium and openpyxl load in the render processes and in
    the dialogs that need them, never while the main window is being imported."""
    code = (
        "import sys\n"
        "import ansinh.gui.app, ansinh.gui.mainwindow\n"
        "heavy = ('weasyprint', 'pypdfium2', 'openpyxl', 'ansinh.core.render.piece')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "assert not bad, bad\n"
        # Exports and batches run in the window's threads and unpickle render results:
        # neither may load the engine there (an import holds Python's lock ~1 s).
        "import pickle\n"
        "import ansinh.core.export, ansinh.core.batch, ansinh.gui.export_dialog\n"
        # Opening the batch dialog: openpyxl loads in its reading thread.
        "import ansinh.gui.batch_dialog\n"
        "from ansinh.core.render.results import RenderResult\n"
        "from ansinh.core.templates import TemplateRegistry\n"
        "from ansinh.core.segments import load_segments\n"
        "t = TemplateRegistry().get('banner-bhxh')\n"
        "result = RenderResult(t, t.sizes[0], load_segments()['toan-dan'], [], [])\n"
        "pickle.loads(pickle.dumps(result))\n"
        "bad = [m for m in heavy + ('markdown', 'segno') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)


def test_import_linter_contract_holds() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    done = subprocess.run([lint], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" in done.stdout and "0 broken" in done.stdout
