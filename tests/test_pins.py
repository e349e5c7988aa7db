"""The engine libraries are pinned to the versions tested, in one consistent way.

pyproject.toml bounds WeasyPrint, pydyf, pypdfium2 and PySide6 to exactly the ranges the
code states it was tested with (`engine.TESTED`, `gui.app.QT_TESTED`), constraints.txt
pins versions inside them, and a version outside is named at import.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from ansinh.core.render import engine
from ansinh.gui import app as gui_app

ROOT = Path(__file__).resolve().parents[1]

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REQUIREMENTS = {Requirement(spec).name.lower(): Requirement(spec)
                for spec in PROJECT["dependencies"]}
PINS = dict(line.split("==") for line in
            (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))


def test_pyproject_bounds_are_the_tested_ranges() -> None:
    tested = {**engine.TESTED, "pyside6-essentials": gui_app.QT_TESTED}
    for name, (low, high) in tested.items():
        bounds = {(s.operator, Version(s.version)) for s in REQUIREMENTS[name].specifier}
        assert bounds == {(">=", Version(".".join(map(str, low)))),
                          ("<", Version(".".join(map(str, high))))}, name


def test_constraints_pin_every_dependency_inside_its_bounds() -> None:
    pins = {name.lower().replace("_", "-"): Version(v) for name, v in PINS.items()}
    for name, requirement in REQUIREMENTS.items():
        assert name.replace("_", "-") in pins, f"{name} is not in constraints.txt"
        assert pins[name.replace("_", "-")] in requirement.specifier, name


def test_an_out_of_range_engine_is_one_message_at_import() -> None:
    """WeasyPrint reported as 71.0 when the engine module is imported (a fresh process,
    so the import-time check runs): the message names it, the fast paths are off."""
    code = (
        "import importlib.metadata as m\n"
        "real = m.version\n"
        "m.version = lambda name: '71.0' if name == 'weasyprint' else real(name)\n"
        "from ansinh.core.render import engine\n"
        "print(engine.fast_paths(exact=False))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout == "False\n"
    assert done.stderr.splitlines() == [
        "weasyprint 71.0 chưa được kiểm thử với An Sinh Studio (đã kiểm thử: 70.0 – 71 "
        "(không gồm 71)). Mọi trang được dựng chính xác từng trang (chậm hơn); để dựng "
        "nhanh, hãy cài weasyprint 70.0.",
        "weasyprint 71.0 is not tested with An Sinh Studio (tested: 70.0 – 71 (71 excluded))."
        " Every page is laid out whole (slower); for the fast batch paths install "
        "weasyprint 70.0.",
    ]
