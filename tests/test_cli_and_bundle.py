"""The command line and the export bundle, end to end, as an officer uses them."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ansinh.cli.main import main
from helpers import pdf_pages, pdf_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
KINDS = {"poster", "banner", "flag", "infographic", "social", "loudspeaker", "sms"}


def test_templates_json_lists_every_kind_with_sizes_and_fields(capsys) -> None:
    assert main(["templates", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert {t["kind"] for t in listing} >= KINDS
    for template in listing:
        assert template["fields"], template["id"]
        if template["kind"] not in ("loudspeaker", "sms"):
            assert template["sizes"] and all(s["width"] > 0 for s in template["sizes"])


def test_export_sample_campaign_writes_a_segment_tagged_bundle(tmp_path: Path, capsys) -> None:
    assert main(["export", str(SAMPLE), "--out", str(tmp_path), "--zip"]) == 0
    folders = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(folders) == 1
    bundle = folders[0]
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert manifest["skipped"] == []
    on_disk = {p.name for p in bundle.iterdir()} - {"manifest.json", "manifest.csv"}
    assert on_disk == {entry["file"] for entry in files}
    for entry in files:
        data = (bundle / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert entry["segment"] and entry["segment"] in entry["file"]
        assert entry["campaign"] == manifest["campaign"]
        if entry["format"] == "pdf":  # one PNG per page, named by page when several
            pngs = [e for e in files if e["format"] == "png"
                    and e["file"].split("-")[0] == entry["file"].split("-")[0]]
            assert entry["stats"]["pages"] == pdf_pages(data) == len(pngs)
    channels = {entry["channel"] for entry in files}
    assert {"print", "loudspeaker", "sms"} <= channels
    with (bundle / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["file"] for row in rows] == [entry["file"] for entry in files]
    assert all(row["segment"] for row in rows)
    with zipfile.ZipFile(bundle.with_suffix(".zip")) as archive:
        assert len(archive.namelist()) == len(files) + 2


def test_render_one_piece_from_a_data_file(tmp_path: Path) -> None:
    data = tmp_path / "thon.toml"
    data.write_text('title = "Thôn Ea Kao tham gia BHXH"\n', encoding="utf-8")
    code = main(
        [
            "render",
            "poster-bhxh",
            "--size",
            "A4",
            "--segment",
            "nong-dan",
            "--data",
            str(data),
            "--campaign",
            str(SAMPLE),
            "--out",
            str(tmp_path),
            "--format",
            "pdf",
        ]
    )
    assert code == 0
    pdfs = list(tmp_path.glob("*/*.pdf"))
    assert len(pdfs) == 1 and "nong-dan" in pdfs[0].name
    assert "THÔN EA KAO THAM GIA BHXH" in pdf_text(pdfs[0].read_bytes())


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["render", "khong-co", "--segment", "toan-dan"], "Không có mẫu", "No template"),
        (["render", "poster-bhxh", "--segment", "ai-do"], "Không có đối tượng", "No segment"),
        (
            ["render", "poster-bhxh", "--segment", "toan-dan", "--size", "A9"],
            "không có khổ",
            "has no size",
        ),
        (
            ["render", "poster-bhxh", "--segment", "toan-dan", "--data", "/nope.toml"],
            "Không thấy tệp dữ liệu",
            "not found",
        ),
        (["export", "/nope/campaign.toml"], "Không thấy tệp chiến dịch", "not found"),
    ],
)
def test_bad_input_is_one_line_in_the_chosen_language(args, vi, en, capsys) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert vi in err and "\n" not in err and "Traceback" not in err
    assert main(["--lang", "en", *args]) == 2
    assert en in capsys.readouterr().err


def test_overlong_title_fails_naming_the_field(tmp_path: Path, capsys) -> None:
    data = tmp_path / "d.json"
    data.write_text(
        json.dumps(
            {"title": "Vận động toàn dân tham gia BHXH tự nguyện và BHYT hộ gia đình năm 2026"}
        ),
        encoding="utf-8",
    )
    code = main(
        [
            "render",
            "poster-bhxh",
            "--size",
            "A4",
            "--segment",
            "toan-dan",
            "--data",
            str(data),
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "Tiêu đề" in err and "Không xuất được" in err
    assert not list(tmp_path.glob("*/*.pdf"))


def test_check_reports_problems_with_file_and_line(isolated_user_dir: Path, capsys) -> None:
    broken = isolated_user_dir / "templates" / "hong"
    broken.mkdir(parents=True)
    (broken / "template.toml").write_text(
        'id = "hong"\nname = "Mẫu hỏng"\nkind = "poster"\nhtml = "p.html.j2"\n\n'
        '[[sizes]]\nid = "A4"\nwidth_mm = 210\nheight_mm = 297\n\n'
        '[[fields]]\nid = "tieu_de"\ntype = "chu"\nlabel = "Tiêu đề"\n',
        encoding="utf-8",
    )
    (broken / "p.html.j2").write_text(
        '{% extends "page.html.j2" %}\n{% block sheet %}\n{{ f.tieu_de }\n{% endblock %}\n',
        encoding="utf-8",
    )
    assert main(["check", "hong"]) == 1
    out = capsys.readouterr().out
    assert f"{broken / 'template.toml'}:13:" in out and "chu" in out


def test_check_passes_on_every_shipped_template(capsys) -> None:
    assert main(["check"]) == 0, capsys.readouterr().out


def test_cli_never_prints_a_traceback_for_a_broken_template(isolated_user_dir: Path) -> None:
    folder = isolated_user_dir / "templates" / "loi"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "loi"\nname = "Lỗi"\nkind = "poster"\nhtml = "p.html.j2"\n'
        '[[sizes]]\nid = "A4"\nwidth_mm = 210\nheight_mm = 297\n',
        encoding="utf-8",
    )
    (folder / "p.html.j2").write_text("{{ khong_co.thu_gi }}", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ansinh.cli.main", "render", "loi", "--segment", "toan-dan"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ},
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "loi" in done.stderr


def test_check_refuses_sources_outside_the_template_folder(isolated_user_dir: Path,
                                                           capsys) -> None:
    folder = isolated_user_dir / "templates" / "ngoai"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "ngoai"\nname = "Ngoài"\nkind = "poster"\nhtml = "../../../../etc/passwd"\n'
        '[[sizes]]\nid = "A4"\nwidth_mm = 210\nheight_mm = 297\n', encoding="utf-8")
    assert main(["check", "ngoai", "--quick"]) == 1
    assert f"{folder / 'template.toml'}:4:" in capsys.readouterr().out
