"""Manifests and batch state stay valid JSON when nothing, or everything, was written."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from ansinh.core.batch import plan_batch, run_batch

ROOT = Path(__file__).resolve().parents[1]
TOO_LONG = "Thôn " + "Đồng Tâm Hòa Bình " * 4


def write_csv(path: Path, names: list[str]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["STT", "Tên thôn", "Đối tượng"])
        writer.writerows([number, name, "Nông dân"] for number, name in enumerate(names, 1))
    return path


def test_a_batch_whose_rows_all_fail_writes_valid_state_and_reruns_them(
        tmp_path: Path, sample_campaign) -> None:
    rows = write_csv(tmp_path / "t.csv", [f"{TOO_LONG[:78]} {n}" for n in range(3)])
    out = tmp_path / "out"
    events = list(run_batch(plan_batch("banner-bhxh", rows, sample_campaign), sample_campaign,
                            out))
    assert not [e for e in events if e.kind == "row" and e.ok]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    state = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert manifest["files"] == [] and state["entries"] == []
    assert sorted(state["rows"]) == ["2", "3", "4"] and "ok" not in state["rows"].values()

    write_csv(rows, ["Thôn 1", "Thôn 2", "Thôn 3"])
    events = list(run_batch(plan_batch("banner-bhxh", rows, sample_campaign), sample_campaign,
                            out, only_failed=True))
    assert [e.row for e in events if e.kind == "row"] == [2, 3, 4]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted({f["row"] for f in manifest["files"]}) == [2, 3, 4]


def test_a_damaged_state_file_is_reported_not_silently_started_over(tmp_path: Path) -> None:
    rows = write_csv(tmp_path / "t.csv", ["Thôn 1"])
    out = tmp_path / "out"
    out.mkdir()
    for damaged in ('{"rows": {"2": "ok"}, "entries": [{"file": "../../etc/passwd"}]}',
                    '{"files":\n]', '{"rows": []}'):
        (out / "batch.json").write_text(damaged, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "ansinh.cli.main", "--lang", "en", "batch", "banner-bhxh",
             "--rows", str(rows),
             "--out", str(out), "--only-failed"],
            capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 2, done.stderr
        assert "batch.json" in done.stderr and "damaged" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_an_output_folder_that_cannot_hold_files_says_so(tmp_path: Path) -> None:
    from ansinh.core.errors import UserError
    from ansinh.core.filenames import make_output_folder

    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for folder in (Path("/proc/ansinh-test"), a_file / "out"):
        try:
            make_output_folder(folder)
        except UserError as error:
            assert "system folder" in error.text("en") and "does not exist" not in error.text("en")
        else:
            raise AssertionError(f"{folder} was accepted")
    make_output_folder(tmp_path / "new" / "folder")
    assert (tmp_path / "new" / "folder").is_dir()
