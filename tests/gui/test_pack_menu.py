"""Template packs from the File menu: export chosen templates, import a pack (asking
before replacing), and every view sees the new template at once."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ansinh.core import paths
from ansinh.core.errors import UserError
from ansinh.gui import dialogs


def renamed_pack(source: Path, target: Path, old: str, new: str, name: str) -> Path:
    """The exported pack with its template under another id and name (a province's own)."""
    with zipfile.ZipFile(source) as pack, zipfile.ZipFile(target, "w") as out:
        for info in pack.infolist():
            data = pack.read(info).decode("utf-8").replace(f'"{old}"', f'"{new}"')
            if info.filename.endswith("template.toml"):
                data = data.replace('name = "Băng rôn BHXH tự nguyện"', f'name = "{name}"', 1)
            out.writestr(info.filename.replace(f"{old}/", f"{new}/"), data)
    return target


def test_export_then_import_a_pack_adds_the_template_everywhere(
        window: Any, recorder: Any, monkeypatch: Any, tmp_path: Path) -> None:
    recorder.picked = ["banner-bhxh"]
    exported = window.export_pack(tmp_path / "goi.zip")
    assert exported == tmp_path / "goi.zip"
    with zipfile.ZipFile(exported) as pack:
        assert "banner-bhxh/template.toml" in pack.namelist()

    pack = renamed_pack(exported, tmp_path / "dak-lak.zip", "banner-bhxh", "bang-ron-dak-lak",
                        "Băng rôn BHXH – Đắk Lắk")
    report = window.import_pack(pack)
    assert report is not None and report.installed == ["bang-ron-dak-lak"]
    assert "bang-ron-dak-lak" in window.templates
    assert window.templates["bang-ron-dak-lak"].origin == "user"
    assert "bang-ron-dak-lak" in window.gallery._items  # the gallery shows it at once
    assert "Băng rôn BHXH – Đắk Lắk" in recorder.infos[-1][1]

    # Importing it again asks first; "no" leaves everything as it was.
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text, _y: asked.append(text) or False)
    assert window.import_pack(pack) is None
    assert asked and "Băng rôn BHXH – Đắk Lắk" in asked[0]
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    report = window.import_pack(pack)
    assert report is not None and report.replaced == ["bang-ron-dak-lak"]
    assert not recorder.errors


def test_a_broken_pack_is_refused_with_a_message(
        window: Any, recorder: Any, tmp_path: Path) -> None:
    broken = tmp_path / "hong.zip"
    broken.write_bytes(b"PK\x05\x06" + b"\0" * 10)
    before = set(window.templates)
    assert window.import_pack(broken) is None
    assert len(recorder.errors) == 1 and isinstance(recorder.errors[0], UserError)
    assert set(window.templates) == before
    user = paths.user_templates_dir()
    assert not user.exists() or not any(user.iterdir())  # nothing half-installed
