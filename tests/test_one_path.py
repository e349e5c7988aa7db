"""One path: a batch row and the piece rendered alone go through the same finish step
(the same checks, outputs and manifest entries), and a batch makes exactly what its
template makes."""

from __future__ import annotations

import ast
import csv
import json
import pickle
from pathlib import Path

import pytest

from ansinh.cli.main import main
from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import Piece
from ansinh.core.render.chunk import render_rows
from ansinh.core.render.layers import Role, _page_role
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.render.results import RenderRow
from ansinh.core.render.session import RenderSession, Task, process_session
from ansinh.core.render.worker import RenderPool

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
SNOWMAN = "\u2603"  # in DejaVu Sans, in neither shipped font



def render_rows_of(plan) -> list[RenderRow]:
    """The plan's rows as `run_batch` hands them to the render layer."""
    return [RenderRow(row.number, row.segment, row.values, plan.adjust) for row in plan.rows]

def write_rows(path: Path, header: str, values: list[str], segment: str = "Nông dân") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header, "Đối tượng"])
        writer.writerows([value, segment] for value in values)
    return path


def test_a_social_batch_writes_each_rows_caption_as_the_piece_alone(
    tmp_path: Path, sample_campaign, capsys
) -> None:
    headlines = ["Về già có lương hưu", "Đóng ít, hưởng lâu dài", "Nhà nước hỗ trợ tiền đóng"]
    rows = write_rows(tmp_path / "t.csv", "Tiêu đề", headlines)
    out = tmp_path / "out"
    args = ["batch", "social-bhxh", "--rows", str(rows), "--out", str(out), "--size", "1200x630"]
    assert main([*args, "--campaign", str(SAMPLE), "--format", "pdf,png,txt"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    captions = [f for f in manifest["files"] if f["role"] == "caption"]
    assert len(captions) == len(headlines)
    plan = plan_batch("social-bhxh", rows, sample_campaign, size="1200x630")
    options = RenderOptions(formats=("pdf", "png", "txt"), png_width=1500, png_compress=1)
    for entry, row in zip(captions, plan.rows, strict=True):
        alone = render_piece(Piece("social-bhxh", row.segment, "1200x630", row.values),
                             sample_campaign, options)
        want = alone.artifact("txt", "caption")
        assert (out / entry["file"]).read_bytes() == want.data
        assert entry["row"] == row.number and entry["stats"] == want.stats
        assert entry["format"] == "txt" and entry["segment"] == "nong-dan"
    # The same manifest entries for each row's picture, too.
    roles = sorted((f["row"], f["format"], f["role"]) for f in manifest["files"])
    assert roles == sorted(
        (row.number, fmt, role)
        for row in plan.rows
        for fmt, role in (("pdf", "piece"), ("png", "piece"), ("txt", "caption"))
    )


@pytest.mark.parametrize(
    ("template", "formats", "made"),
    [("banner-bhxh", "pdf,txt", "pdf, png"), ("sms-bhxh", "pdf", "txt")],
)
def test_batch_formats_are_what_the_template_makes(
    tmp_path: Path, capsys, template: str, formats: str, made: str
) -> None:
    rows = write_rows(tmp_path / "t.csv", "Tên thôn", ["Thôn 1"])
    out = tmp_path / "out"
    field = "place" if template == "banner-bhxh" else "sender"
    args = ["--lang", "en", "batch", template, "--rows", str(rows), "--out", str(out)]
    args += ["--map", f"Tên thôn={field}", "--campaign", str(SAMPLE), "--format", formats]
    assert main(args) == 2
    error = capsys.readouterr().err
    assert f"it makes {made}." in error and template in error
    assert not out.exists()  # refused before anything is rendered


def snowman_template(user_dir: Path) -> None:
    """A template whose field text fits the fonts and whose own text does not."""
    folder = user_dir / "templates" / "tuyet"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "tuyet"\nname = "Tuyết"\nkind = "poster"\nhtml = "p.html.j2"\n'
        '[[sizes]]\nid = "A6"\nwidth_mm = 105\nheight_mm = 148\n'
        '[[fields]]\nid = "ten"\ntype = "text"\nlabel = "Tên"\n',
        encoding="utf-8",
    )
    (folder / "p.html.j2").write_text(
        '{% extends "page.html.j2" %}{% block style %}'
        ".ten { position: absolute; left: 10mm; top: 20mm; width: 85mm; height: 12mm; }"
        ".tuyet { position: absolute; left: 10mm; top: 60mm; }{% endblock %}"
        '{% block sheet %}<div class="ten" data-field="ten">{{ f.ten }}</div>'
        f'<p class="tuyet" style="font-family: \'DejaVu Sans\'">Mùa đông {SNOWMAN}</p>'
        "{% endblock %}",
        encoding="utf-8",
    )


def test_a_fallback_glyph_in_the_templates_own_text_is_caught_in_a_batch_too(
    tmp_path: Path, isolated_user_dir: Path, sample_campaign
) -> None:
    snowman_template(isolated_user_dir)
    names = ["Thôn Một", "Thôn Hai", "Thôn Ba", "Thôn Bốn"]  # enough rows for layers
    rows = write_rows(tmp_path / "t.csv", "Tên", names)
    plan = plan_batch("tuyet", rows, sample_campaign)
    options = RenderOptions(formats=("pdf", "png"), png_dpi=48)
    outputs = render_rows(
        "tuyet", render_rows_of(plan), plan.size, sample_campaign, options, RenderSession()
    )
    for output, row in zip(outputs, plan.rows, strict=True):
        piece = Piece("tuyet", row.segment, "A6", row.values)
        alone = render_piece(piece, sample_campaign, options)
        glyph = [c for c in alone.checks if c.code == "glyph"]
        if not glyph:
            pytest.skip("no system font on this machine draws U+2603")
        assert glyph[0].is_error and not alone.ok
        assert output.checks == alone.checks
    # Through the whole batch: every row refused with that check, no file written.
    events = list(run_batch(plan, sample_campaign, tmp_path / "out", options, jobs=1))
    assert [e.kind for e in events] == ["failed"] * len(names) + ["finished"]
    assert all(any(c.code == "glyph" for c in e.checks) for e in events[:-1])
    assert events[-1].bundle.entries == []


# --- state you can see -------------------------------------------------------------

RENDER = ROOT / "desktop" / "ansinh" / "core" / "render"
MUTATORS = {
    "append", "add", "clear", "extend", "insert", "move_to_end", "pop", "popitem",
    "remove", "setdefault", "update", "discard",
}  # fmt: skip
CONTAINERS = {"dict", "list", "set", "OrderedDict", "defaultdict", "deque", "Counter"}


def mutated_module_containers(source: str) -> set[str]:
    """Module-level names bound to a container that the module changes later."""
    tree = ast.parse(source)
    containers = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        value = getattr(node, "value", None)
        made = isinstance(value, ast.Dict | ast.List | ast.Set) or (
            isinstance(value, ast.Call)
            and getattr(value.func, "id", getattr(value.func, "attr", None)) in CONTAINERS
        )
        if made:
            containers |= {t.id for t in targets if isinstance(t, ast.Name)}
    changed = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATORS
            and isinstance(node.func.value, ast.Name)
        ):
            changed.add(node.func.value.id)
        stored = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del)
        if stored and isinstance(node.value, ast.Name):
            changed.add(node.value.id)
    return containers & changed


def test_the_render_layer_keeps_no_state_in_module_globals() -> None:
    assert mutated_module_containers("_A = {}\ndef f():\n    _A[1] = 2\n") == {"_A"}
    assert mutated_module_containers("_B = OrderedDict()\ndef f():\n    _B.popitem()\n") == {"_B"}
    # Not a cache: the temp folder this process holds locked (the parent's too), removed
    # by a finalizer at exit.
    owned = {"tempdirs.py": {"_owners"}}
    for path in sorted(RENDER.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert mutated_module_containers(source) == owned.get(path.name, set()), path.name
        # The render layer has its own row type; it never imports the batch's.
        assert "..batch" not in source, path.name


def memoized_functions(source: str) -> set[str]:
    """Module-level functions whose results functools keeps (cache, lru_cache)."""
    found = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                called = decorator.func if isinstance(decorator, ast.Call) else decorator
                if ast.unparse(called) in ("functools.cache", "functools.lru_cache"):
                    found.add(node.name)
    return found


# The only results the render layer keeps outside a session: each a function of what
# ships with the app or of its arguments alone, the same for every task of a process.
PURE_MEMOS = {
    "engine.py": {"_weasy", "_bitmap_over_class"},  # imported classes
    "jinja.py": {"_environment"},  # compiled templates (Jinja reloads a changed file)
    "layout.py": {"font_codepoints", "font_config"},  # the shipped fonts
    "session.py": {"process_session"},  # the session itself
    "strip.py": {"_slot_pattern", "position_free"},  # of the text they are given
}


def test_the_render_layer_caches_nothing_a_session_should_own() -> None:
    assert memoized_functions("@functools.lru_cache(maxsize=2)\ndef f(): pass\n") == {"f"}
    for path in sorted(RENDER.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert memoized_functions(source) == PURE_MEMOS.get(path.name, set()), path.name


def test_a_workers_state_lives_in_its_session(tmp_path: Path, sample_campaign) -> None:
    rows = write_rows(tmp_path / "t.csv", "Tên thôn", ["Thôn 1", "Thôn 2", "Thôn 3"])
    plan = plan_batch("banner-bhxh", rows, sample_campaign, size="5x0.8m")
    options = RenderOptions(formats=("png",), png_dpi=6)
    before = len(process_session().kept), len(process_session().fits)
    first, second = RenderSession(), RenderSession(kept_max=0)
    render_rows("banner-bhxh", render_rows_of(plan), plan.size, sample_campaign, options, first)
    assert len(first.kept) == 1 and first.fits and first.sheets and first.segments
    kept = next(iter(first.kept.values()))
    assert kept.underlay is not None  # its pixels, for the next chunk's rows
    # Nothing leaked into this process's own session; a session's limits hold.
    assert (len(process_session().kept), len(process_session().fits)) == before
    render_rows("banner-bhxh", render_rows_of(plan), plan.size, sample_campaign, options, second)
    assert not second.kept and second.fits


def test_tasks_are_named_by_a_registry(sample_campaign) -> None:
    assert pickle.loads(pickle.dumps(Task.RENDER_ROWS)) is Task.RENDER_ROWS
    piece = Piece("sms-bhxh", "nong-dan")
    with RenderPool(workers=1) as pool:
        result = pool.result(pool.submit(Task.RENDER_PIECE.run, piece, sample_campaign))
    assert result.artifacts == render_piece(piece, sample_campaign).artifacts


def test_page_roles_are_read_back_from_a_sheets_data_row() -> None:
    assert _page_role("12") == ("12", None)
    assert _page_role(f"12 {Role.OWN}") == ("12", Role.OWN)
    assert _page_role(f"g0 {Role.SHARED}") == ("g0", Role.SHARED)
    assert _page_role(f"g1 {Role.OWN} {Role.STRIP}") == ("g1", Role.STRIP)
