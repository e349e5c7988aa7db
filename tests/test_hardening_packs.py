"""Issue 10, points 5 and 7: segment lists and template packs from other people.

A malformed `segments.toml` or `template.toml` (wrong types, deep nesting) ends in one
message naming the file and the key; a pack's sizes, fields, templates and texts are
capped before any per-entry work; a killed import leaves no staging folder after the
next registry load or import.
"""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import textwrap
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.cli.main import main
from ansinh.core import paths
from ansinh.core.errors import UserError
from ansinh.core.packs import MAX_TEMPLATES, import_pack
from ansinh.core.segments import load_segments
from ansinh.core.templates.manifest import (
    MANIFEST,
    MAX_FIELDS,
    MAX_SIZES,
    load_template,
    parse_manifest,
)
from ansinh.core.templates.registry import STAGING_PREFIX, TemplateRegistry

HEAD = """id = "{tid}"
name = "Áp phích thử"
kind = "poster"
html = "piece.html.j2"
"""
SIZE = '[[sizes]]\nid = "S{n}"\nwidth_mm = 105\nheight_mm = 148\n'
FIELD = '[[fields]]\nid = "f{n}"\ntype = "text"\nlabel = "Trường {n}"\n'
PAGE = b'<h1 data-field="f0">{{ f.f0 }}</h1>\n'


def manifest(tid: str = "ap-phich-thu", sizes: int = 1, fields: int = 1, extra: str = "") -> str:
    return (HEAD.format(tid=tid) + extra + "\n"
            + "".join(SIZE.format(n=n) for n in range(sizes))
            + "".join(FIELD.format(n=n) for n in range(fields)))


def make_pack(path: Path, templates: dict[str, str]) -> Path:
    """A pack with one folder per {folder: manifest text}."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, text in templates.items():
            archive.writestr(f"{folder}/{MANIFEST}", text.encode())
            archive.writestr(f"{folder}/piece.html.j2", PAGE)
    return path


def user_root() -> Path:
    return paths.user_templates_dir()


def installed() -> list[str]:
    root = user_root()
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


# --- wrong types and deep nesting ----------------------------------------------------


def toml_value(value: Any) -> str:
    """TOML for a value (JSON strings are valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


SCALARS = st.one_of(
    st.text(max_size=12), st.integers(-10**20, 10**20), st.floats(), st.booleans(),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                   max_size=3),
    max_leaves=8,
)

SEGMENT_KEYS = ("slug", "name", "description", "address", "large_type", "support_group")
DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"

BAD_SEGMENTS = {
    "segment-a-text": ('segment = "lao-dong"\n', "«segment»"),
    "segment-a-table": ('segment = { slug = "a", name = "A" }\n', "«segment»"),
    "segment-numbers": ("segment = [1, 2]\n", "«segment[1]»"),
    "slug-a-number": ('[[segment]]\nslug = 5\nname = "A"\n', "«segment[1].slug»"),
    "name-a-list": ('[[segment]]\nslug = "a"\nname = ["A"]\n', "«segment[1].name»"),
    "large-type-a-text": ('[[segment]]\nslug = "a"\nname = "A"\nlarge_type = "no"\n',
                          "«segment[1].large_type»"),
    "group-a-list": ('[[segment]]\nslug = "a"\nname = "A"\nsupport_group = ["poor"]\n',
                     "«segment[1].support_group»"),
    "address-a-number": ('[[segment]]\nslug = "a"\nname = "A"\naddress = 3\n',
                         "«segment[1].address»"),
    "address-huge": ('[[segment]]\nslug = "a"\nname = "A"\naddress = "' + "à" * 100_000 + '"\n',
                     "«segment[1].address»"),
    "deep": (DEEP, "quá sâu"),
}


@pytest.mark.parametrize("name", sorted(BAD_SEGMENTS))
def test_a_malformed_segment_list_names_the_file_and_key(
    name: str, isolated_user_dir: Path
) -> None:
    text, expected = BAD_SEGMENTS[name]
    path = isolated_user_dir / "segments.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_segments()
    assert caught.value.path == str(path)
    assert expected in caught.value.vi and caught.value.en != caught.value.vi


def test_a_segment_list_that_is_a_folder_is_refused_by_name(isolated_user_dir: Path) -> None:
    (isolated_user_dir / "segments.toml").mkdir()
    with pytest.raises(UserError, match="segments.toml"):
        load_segments()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(SEGMENT_KEYS), value=VALUES, whole=st.none() | VALUES)
def test_any_wrong_type_in_a_segment_list_is_a_user_error(
    key: str, value: Any, whole: Any, isolated_user_dir: Path
) -> None:
    entry = {"slug": "ngu-dan", "name": "Ngư dân", key: value}
    segment = [entry] if whole is None else whole
    text = f"segment = {toml_value(segment)}\n"
    (isolated_user_dir / "segments.toml").write_text(text, encoding="utf-8")
    try:
        segments = load_segments()
    except UserError as exc:
        assert exc.path and exc.path.endswith("segments.toml")
        return
    mine = segments.get("ngu-dan")
    if mine is not None:
        assert all(isinstance(getattr(mine, k), str) for k in SEGMENT_KEYS if k != "large_type")
        assert isinstance(mine.large_type, bool)


BAD_MANIFESTS = {
    "sizes-a-text": (manifest(sizes=0, extra='sizes = "A4"'), "«sizes»"),
    "sizes-numbers": (manifest(sizes=0, extra="sizes = [1]"), "«sizes[1]»"),
    "sizes-a-table": (manifest(sizes=0, extra='sizes = { id = "A4" }'), "«sizes»"),
    "fields-a-text": (manifest(fields=0, extra='fields = "x"'), "«fields»"),
    "fields-lists": (manifest(fields=0, extra="fields = [[1]]"), "«fields[1]»"),
    "id-a-number": (manifest().replace('id = "ap-phich-thu"', "id = 5"), "«id»"),
    "name-a-list": (manifest().replace('name = "Áp phích thử"', 'name = ["x"]'), "«name»"),
    "kind-a-list": (manifest().replace('kind = "poster"', "kind = []"), "«kind»"),
    "html-a-number": (manifest().replace('html = "piece.html.j2"', "html = 3"), "«html»"),
    "bleed-a-text": (manifest(extra='bleed_mm = "3"'), "«bleed_mm»"),
    "caption-limit-a-text": (manifest(extra='caption_limit = "x"'), "«caption_limit»"),
    "tags-a-text": (manifest(extra='tags = "bhxh"'), "«tags»"),
    "tags-numbers": (manifest(extra="tags = [1]"), "«tags»"),
    "size-bleed-nan": (manifest(fields=0) + "bleed_mm = nan\n", "«sizes[1].bleed_mm»"),
    "size-dpi-a-text": (manifest(fields=0) + 'png_dpi = "x"\n', "«sizes[1].png_dpi»"),
    "size-label-a-list": (manifest(fields=0) + "label = []\n", "«sizes[1].label»"),
    "size-width-a-bool": (manifest(sizes=0, fields=0)
                          + '[[sizes]]\nid = "A"\nwidth_mm = true\nheight_mm = 1\n', "Khổ «A»"),
    "field-fit-a-number": (manifest() + "fit = 3\n", "«fields[1].fit»"),
    "field-choices-a-text": (manifest() + 'choices = "ab"\n', "«fields[1].choices»"),
    "field-choice-value-a-list": (manifest() + "choices = [{ value = [] }]\n",
                                  "«fields[1].choices[1].value»"),
    "field-min-dpi-a-text": (manifest() + 'min_dpi = "x"\n', "«fields[1].min_dpi»"),
    "field-aliases-a-number": (manifest() + "aliases = 3\n", "«fields[1].aliases»"),
    "field-type-a-list": (manifest().replace('type = "text"', "type = []"), "«fields[1].type»"),
    "field-campaign-default-a-list": (manifest() + "campaign_default = []\n",
                                      "«fields[1].campaign_default»"),
    "field-default-a-list": (manifest() + "default = [1]\n", "«fields[1].default»"),
    "field-min-a-text": (manifest() + 'min = "x"\n', "«fields[1].min»"),
    "field-required-a-text": (manifest() + 'required = "no"\n', "«fields[1].required»"),
    "field-label-huge": (manifest() + 'help = "' + "a" * 5000 + '"\n', "«fields[1].help»"),
    "deep": (manifest() + DEEP, "quá sâu"),
    "not-utf8": (manifest() + 'help = "\udcff"\n', "UTF-8"),
}


def _write_manifest(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "piece.html.j2").write_bytes(PAGE)
    (folder / MANIFEST).write_bytes(text.encode("utf-8", errors="surrogateescape"))
    return folder


@pytest.mark.parametrize("name", sorted(BAD_MANIFESTS))
def test_a_malformed_manifest_names_the_file_and_key(name: str, tmp_path: Path) -> None:
    text, expected = BAD_MANIFESTS[name]
    folder = _write_manifest(tmp_path / "mau", text)
    with pytest.raises(UserError) as caught:
        load_template(folder, "user")
    assert caught.value.path == str(folder / MANIFEST)
    assert expected in caught.value.vi and caught.value.en != caught.value.vi


@pytest.mark.parametrize("name", ["sizes-a-text", "field-fit-a-number", "deep", "kind-a-list"])
def test_a_malformed_manifest_in_a_pack_is_one_line_and_exit_2(
    name: str, tmp_path: Path, capsys
) -> None:
    pack = make_pack(tmp_path / "goi.zip", {"ap-phich-thu": BAD_MANIFESTS[name][0]})
    assert main(["templates", "import", str(pack), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1, err
    assert "template.toml" in err and "không mong đợi" not in err
    assert installed() == []


def test_a_malformed_segment_list_through_the_cli_is_one_line_and_exit_2(
    isolated_user_dir: Path, capsys
) -> None:
    (isolated_user_dir / "segments.toml").write_text('segment = "x"\n', encoding="utf-8")
    assert main(["segments"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1 and "segments.toml" in err, err


MANIFEST_SPOTS = ("top", "size", "field")
MANIFEST_KEYS = {
    "top": ("id", "name", "name_en", "description", "kind", "html", "caption", "bleed_mm",
            "caption_limit", "tags", "sizes", "fields"),
    "size": ("id", "label", "label_en", "width_mm", "height_mm", "bleed_mm", "png_dpi"),
    "field": ("id", "type", "label", "help", "label_en", "required", "default",
              "campaign_default", "max_chars", "max_lines", "min", "max", "choices", "fit",
              "min_dpi", "aliases"),
}


@settings(max_examples=300, deadline=None)
@given(spot=st.sampled_from(MANIFEST_SPOTS), data=st.data(), value=VALUES)
def test_any_wrong_type_in_a_manifest_is_a_problem_never_a_crash(
    spot: str, data: st.DataObject, value: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    key = data.draw(st.sampled_from(MANIFEST_KEYS[spot]))
    line = f"{json.dumps(key)} = {toml_value(value)}\n"
    text = manifest()
    if spot == "top":
        text = line + text.replace(f"\n{key} = ", f"\n# {key} = ", 1)
        text = text.replace('id = "ap-phich-thu"', '# id', 1) if key == "id" else text
    else:
        marker = 'height_mm = 148\n' if spot == "size" else 'label = "Trường 0"\n'
        text = text.replace(f"\n{key} = ", f"\n# {key} = ").replace(marker, marker + line)
    folder = _write_manifest(tmp_path_factory.mktemp("m") / "mau", text)
    template, problems = parse_manifest(folder, "user")
    assert (template is None) == bool(problems)
    assert all(isinstance(p, UserError) and p.path == str(folder / MANIFEST) for p in problems)
    if template is not None:
        assert all(isinstance(s.width, float) and isinstance(s.label, str)
                   for s in template.sizes)
        assert all(isinstance(f.label, str) and isinstance(f.required, bool)
                   and all(isinstance(a, str) for a in f.aliases) for f in template.fields)
        assert isinstance(template.name, str) and isinstance(template.caption_limit, int)


# --- limits ---------------------------------------------------------------------------


def test_a_10000_size_pack_is_refused_at_import_quickly(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "goi.zip", {"ap-phich-thu": manifest(sizes=10_000)})
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        import_pack(pack)
    assert time.perf_counter() - started < 2.0
    assert "template.toml" in caught.value.vi
    assert installed() == []


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        ({"sizes": MAX_SIZES + 1}, f"«sizes» phải là tối đa {MAX_SIZES} mục"),
        ({"fields": MAX_FIELDS + 1}, f"«fields» phải là tối đa {MAX_FIELDS} mục"),
        ({"extra": 'description = "' + "x" * 3000 + '"'}, "«description»"),
        ({"extra": "tags = [" + ", ".join(['"a"'] * 21) + "]"}, "«tags»"),
    ],
)
def test_pack_limits_per_template(shape: dict, expected: str, tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "goi.zip", {"ap-phich-thu": manifest(**shape)})
    with pytest.raises(UserError) as caught:
        import_pack(pack)
    assert expected in caught.value.vi, caught.value.vi
    assert installed() == []


def test_the_limits_leave_room_for_a_full_template(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "goi.zip",
                     {"ap-phich-thu": manifest(sizes=MAX_SIZES, fields=MAX_FIELDS)})
    assert import_pack(pack).installed == ["ap-phich-thu"]
    template = TemplateRegistry().get("ap-phich-thu")
    assert len(template.sizes) == MAX_SIZES and len(template.fields) == MAX_FIELDS


def test_too_many_templates_in_a_pack_are_refused_before_any_is_read(tmp_path: Path) -> None:
    count = MAX_TEMPLATES + 1
    pack = make_pack(tmp_path / "goi.zip",
                     {f"mau-{n}": manifest(tid=f"mau-{n}") for n in range(count)})
    with pytest.raises(UserError) as caught:
        import_pack(pack)
    assert f"({count}, tối đa {MAX_TEMPLATES})" in caught.value.vi
    assert installed() == []


def test_a_10000_size_template_in_the_user_folder_is_refused_cheaply() -> None:
    """Copied in by hand (or installed by an older version): listing templates must stay
    fast, name the bad one and still offer every other template."""
    folder = _write_manifest(user_root() / "ap-phich-lon", manifest(tid="ap-phich-lon",
                                                                    sizes=10_000))
    started = time.perf_counter()
    registry = TemplateRegistry()
    ids = {t.id for t in registry.all()}
    assert time.perf_counter() - started < 1.0
    assert "poster-bhxh" in ids and "ap-phich-lon" not in ids
    assert [p.path for p in registry.problems] == [str(folder / MANIFEST)]


# --- staging folders left by killed imports -------------------------------------------


def _leftovers() -> list[str]:
    return sorted(p.name for p in user_root().glob(f"{STAGING_PREFIX}*"))


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def _leave_staging(name: str, age: float = 0) -> Path:
    folder = user_root() / name / "t0"
    folder.mkdir(parents=True)
    (folder / MANIFEST).write_text(manifest(), encoding="utf-8")
    if age:
        stamp = time.time() - age
        os.utime(folder.parent, (stamp, stamp))
    return folder.parent


def test_the_registry_load_sweeps_staging_folders_of_killed_imports() -> None:
    _leave_staging(".import-xxxx")  # no process named: an older version's
    _leave_staging(f".import-{_dead_pid()}-a1b2c3")  # its process is gone
    _leave_staging(f".import-{os.getpid()}-0ld0ld", age=2 * 3600)  # the id was reused since
    running = _leave_staging(f".import-{os.getpid()}-11ve11")  # an import running now
    TemplateRegistry().all()
    assert _leftovers() == [running.name]


def test_the_next_import_sweeps_a_leftover_staging_folder(tmp_path: Path) -> None:
    _leave_staging(".import-xxxx")
    import_pack(make_pack(tmp_path / "goi.zip", {"ap-phich-thu": manifest()}))
    assert _leftovers() == []
    assert installed() == ["ap-phich-thu"]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_import_leaves_nothing_after_the_next_start(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "goi.zip", {"ap-phich-thu": manifest()})
    script = textwrap.dedent(f"""
        import os, signal
        from ansinh.core import packs
        packs._check_sources = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        packs.import_pack({str(pack)!r})
    """)
    done = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), timeout=60)
    assert done.returncode == -9
    assert len(_leftovers()) == 1  # what the kill left
    assert main(["templates"]) == 0  # the next start (lists the templates)
    assert _leftovers() == []
    assert installed() == []


def test_a_pack_from_export_still_imports(tmp_path: Path) -> None:
    out = tmp_path / "poster.zip"
    assert main(["templates", "export", "poster-bhxh", "--out", str(out)]) == 0
    data = zipfile.ZipFile(out)
    renamed = io.BytesIO()
    with zipfile.ZipFile(renamed, "w") as archive:
        for info in data.infolist():
            body = data.read(info)
            if info.filename.endswith(MANIFEST):
                body = body.replace(b'id = "poster-bhxh"', b'id = "poster-cua-xa"')
            archive.writestr(info.filename.replace("poster-bhxh", "poster-cua-xa"), body)
    pack = tmp_path / "cua-xa.zip"
    pack.write_bytes(renamed.getvalue())
    assert import_pack(pack).installed == ["poster-cua-xa"]
    assert TemplateRegistry().get("poster-cua-xa").sizes
