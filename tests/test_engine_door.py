"""The one door to the rendering engine's internals (`render/engine.py`): no other
render module reaches into WeasyPrint, pydyf, pypdfium2 or the executor; the version
check names an untested library; the paint-order check refuses stacking contexts
over a slot; `--exact` prints what the fast path prints."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from ansinh.core.render import engine, layers, layout
from ansinh.core.render.results import RenderOptions

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "desktop" / "ansinh" / "core"
SCANNED = [*sorted((CORE / "render").glob("*.py")), CORE / "pdfcopy.py"]
ENGINE_LIBRARIES = ("weasyprint", "pydyf", "pypdfium2", "concurrent")
# Public modules of those libraries others may import (their documented API).
PUBLIC = {"weasyprint", "weasyprint.document", "weasyprint.text.fonts", "weasyprint.urls",
          "pypdfium2", "pypdfium2.raw", "concurrent.futures", "concurrent.futures.process"}


def _reaches_inside(path: Path) -> list[str]:
    """Private attribute uses (`x._name` on anything but self, cls or our own
    modules), imports of engine libraries' non-public modules, and regular expressions
    over bytes: what WeasyPrint's PDFs hold is read by how pydyf writes them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = {"self", "cls"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            own.update(alias.asname or alias.name for alias in node.names)
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            modules = [node.module]
        for module in modules:
            if module.split(".")[0] in ENGINE_LIBRARIES and module not in PUBLIC:
                found.append(f"{path.name}:{node.lineno} imports {module}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in own)
            and ast.unparse(node) != "os._exit"  # the standard way out of a forked worker
        ):
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and ast.unparse(node.func.value) == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, bytes)
        ):
            found.append(f"{path.name}:{node.lineno} parses bytes with re.{node.func.attr}")
    return found


def test_only_the_engine_module_reaches_into_engine_internals() -> None:
    assert (CORE / "render" / "engine.py") in SCANNED
    found = [hit for path in SCANNED if path.name != "engine.py" for hit in _reaches_inside(path)]
    assert found == []
    # The scan does see them where they are.
    inside = _reaches_inside(CORE / "render" / "engine.py")
    assert any("_page_box" in hit for hit in inside)
    assert any("parses bytes with re.compile" in hit for hit in inside)


def test_an_untested_version_is_named_and_turns_the_fast_paths_off(monkeypatch) -> None:
    tested = {"weasyprint": "70.0", "pydyf": "0.13.0", "pypdfium2": "5.15.2"}
    assert engine.version_problem(tested) is None
    problem = engine.version_problem({**tested, "weasyprint": "71.0"})
    assert problem is not None
    assert "weasyprint 71.0" in problem.vi and "chậm hơn" in problem.vi
    assert "weasyprint 71.0" in problem.en and "tested: 70.0" in problem.en
    assert "pydyf 0.12.1" in engine.version_problem({**tested, "pydyf": "0.12.1"}).en

    monkeypatch.setattr(engine, "VERSION_PROBLEM", problem)
    assert not engine.fast_paths(exact=False)


def test_exact_turns_layers_off(monkeypatch) -> None:
    class Segment:
        slug = "one"

    class Prepared:
        segment = Segment()

    rows = [Prepared()] * 6
    assert layers.layered(rows, {"place"}, RenderOptions()) == ["place"]
    assert layers.layered(rows, {"place"}, RenderOptions(exact=True)) == []
    monkeypatch.setattr(engine, "VERSION_PROBLEM", engine.version_problem({"pydyf": "9"} | {
        "weasyprint": "70.0", "pypdfium2": "5.15.2"}))
    assert layers.layered(rows, {"place"}, RenderOptions()) == []


PAGE = """<html><head><style>@page {{ size: 400px 200px; margin: 0 }}
.slot {{ position: absolute; left: 20px; top: 20px; width: 200px; height: 40px;
  visibility: hidden; }}  /* as on a shared page (`layers._layer_css`) */
.badge {{ position: absolute; left: 0; top: 100px; width: 60px; height: 60px;
  background: red; {badge} }}
</style></head><body><section data-row="1">
<div class="badge"></div><p class="slot" data-field="place">Thôn Đồng Tâm</p>
</section></body></html>"""


@pytest.mark.parametrize(
    ("badge", "safe"),
    [
        ("", True),  # beside the slot, painted before it
        ("transform: rotate(30deg) scale(4);", False),  # rotated over the slot
        ("opacity: 0.5; top: 30px;", False),  # a group of its own over the slot
        ("overflow: hidden; top: 30px;", False),
        ("z-index: 1;", False),  # z-index anywhere reorders painting
        ("top: 30px; display: grid;", True),  # earlier in the tree: under the slot
    ],
)
def test_paint_order_refuses_stacking_contexts_over_a_slot(tmp_path, badge, safe) -> None:
    document, _ = layout.lay_out(PAGE.format(badge=badge), tmp_path, [tmp_path])
    assert (engine.paint_layer(document.pages[0], {"place"}, own=False) is not None) is safe


@pytest.mark.slow
@pytest.mark.parametrize("one_segment", [False, True])
def test_exact_batch_equals_the_fast_batch_on_the_sample_sheet(tmp_path, one_segment) -> None:
    """The sample sheet as it is has too few rows per segment for paint layers; with
    every row in one segment its rows are drawn over a shared page, which `--exact`
    turns off: the same pixels, and the same words in another order."""
    segment = ["--segment", "nong-dan"] if one_segment else []

    def batch(name: str, *extra: str) -> Path:
        out = tmp_path / name
        subprocess.run(
            [str(Path(sys.executable).with_name("ansinh-cli")), "batch", "banner-bhxh", "--rows",
             str(ROOT / "assets" / "sample" / "thon-diem.csv"), "--size", "5x0.8m",
             "--out", str(out), "--format", "pdf,png", "--jobs", "1", *segment, *extra],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        return out

    fast, exact = batch("fast"), batch("exact", "--exact")
    def files(folder: Path, kind: str) -> list[Path]:
        return sorted(p.relative_to(folder) for p in folder.rglob(f"*.{kind}"))

    pdfs, pngs = files(fast, "pdf"), files(fast, "png")  # the combined print file too
    assert len(pngs) >= 8 and len(pdfs) > len(pngs)
    assert (pdfs, pngs) == (files(exact, "pdf"), files(exact, "png"))
    rows = [name for name in pdfs if name.with_suffix(".png") in pngs]
    layered = [
        sum(b"/ansinhUnder" in (folder / name).read_bytes() for name in rows)
        for folder in (fast, exact)
    ]
    assert layered == [len(rows) if one_segment else 0, 0]
    for name in pdfs:
        texts = []
        for folder in (fast, exact):
            document = pdfium.PdfDocument((folder / name).read_bytes())
            pages = [page.get_textpage().get_text_range() for page in document]
            document.close()
            # A layered row's PDF draws its shared page first: its own words come last.
            texts.append([sorted(text.split()) for text in pages] if one_segment else pages)
        assert texts[0] == texts[1], name
    for name in pngs:
        images = [Image.open(io.BytesIO((folder / name).read_bytes())) for folder in (fast, exact)]
        assert images[0].size == images[1].size, name
        assert ImageChops.difference(*(i.convert("RGB") for i in images)).getbbox() is None, name
