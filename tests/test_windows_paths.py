"""The Windows code paths that can run here (the Windows build itself runs in CI only).

Render workers started with `spawn` (Windows has no fork server) that look like Windows
inside (tests/windows_like/sitecustomize.py: no `resource`, no profiling timer,
platformdirs' Windows layout); a user folder under a Windows profile whose name has
Vietnamese letters and spaces; a campaign file, a spreadsheet and export folders with
such names; village names that are Windows device names or end in dots and spaces.
"""

from __future__ import annotations

import csv
import os
import signal
import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from ansinh.core import images, paths, storage
from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.export import export_campaign
from ansinh.core.render import worker
from ansinh.core.render.worker import RenderPool, WorkerDied
from helpers import pdf_text, png_image

WINDOWS_LIKE = Path(__file__).with_name("windows_like")
RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in "123456789"}
VILLAGES = ["CON", "NUL.", "COM1 ", "lpt1.txt", "Thôn Đồng Tâm. "]


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Spawned, Windows-like workers and platformdirs' Windows layout here too, under a
    profile "Nguyễn Văn Ánh"; returns its AppData/Local folder."""
    local = tmp_path / "Users" / "Nguyễn Văn Ánh" / "AppData" / "Local"
    roaming = local.parent / "Roaming"
    monkeypatch.setenv("ANSINH_TEST_CSIDL_LOCAL_APPDATA", str(local))
    monkeypatch.setenv("ANSINH_TEST_CSIDL_APPDATA", str(roaming))
    monkeypatch.delenv("ANSINH_USER_DIR")  # the user folder comes from platformdirs
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        lambda name: os.environ[f"ANSINH_TEST_{name}"])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(WINDOWS_LIKE), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setattr(worker, "start_method", lambda: "spawn")
    return local


def worker_facts() -> dict[str, object]:
    """Run in a render worker: what it sees of its platform."""
    return {"resource": "resource" in sys.modules and sys.modules["resource"] is not None,
            "timer": hasattr(signal, "setitimer"), "user_dir": str(paths.user_dir()),
            "temp": os.environ.get("TMPDIR", "")}


def spin() -> None:
    """Run in a render worker: CPU work that never ends."""
    while True:
        pass


def test_user_folders_follow_the_windows_layout(windows: Path) -> None:
    app = windows / "AnSinhStudio"
    assert paths.user_dir() == app
    assert paths.user_templates_dir() == app / "templates"
    assert paths.cache_dir() == app / "Cache"  # platformdirs puts it inside, on Windows
    assert images.cache_dir().is_relative_to(paths.cache_dir())
    storage.recovery_dir().mkdir(parents=True)
    assert storage.recovery_dir().is_relative_to(app)


def test_spawned_windows_like_workers_render_a_piece_and_a_batch(
    windows: Path, tmp_path: Path, sample_campaign
) -> None:
    campaign_file = tmp_path / "Chiến dịch tháng 11" / "Vận động BHXH tự nguyện.ansinh"
    campaign_file.parent.mkdir()
    storage.save_document(storage.Document(sample_campaign), campaign_file)
    campaign = storage.load_document(campaign_file).campaign
    sheet = tmp_path / "Bảng tính thôn" / "danh sách thôn điểm.csv"
    sheet.parent.mkdir()
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["STT", "Tên thôn", "Đối tượng"])
        rows.writerows([n, name, "Nông dân"] for n, name in enumerate(VILLAGES, start=1))

    with RenderPool(workers=2) as pool:
        facts = pool.result(pool.submit(worker_facts))
        assert facts["resource"] is False and facts["timer"] is False
        assert facts["user_dir"] == str(windows / "AnSinhStudio")
        assert Path(str(facts["temp"])).is_relative_to(windows / "AnSinhStudio" / "Cache")

        exports = tmp_path / "Xuất bản" / "Đợt 1 (tháng 11)"
        events = list(export_campaign(campaign, exports, pieces=campaign.pieces[:1], pool=pool))
        assert events[-1].error is None
        bundle = events[-1].bundle
        bundle.close()
        pdfs = sorted(bundle.folder.glob("*.pdf"))
        assert len(pdfs) == 1 and pdf_text(pdfs[0].read_bytes()).strip()

        plan = plan_batch("banner-bhxh", sheet, campaign, size="3x1m")
        out = tmp_path / "Xuất bản" / "Băng rôn các thôn"
        batch = list(run_batch(plan, campaign, out, jobs=2, pool=pool, combined=False))
        assert [e.row for e in batch if e.kind == "failed"] == []
        temp = pool.temp_folder
    assert temp is not None and not temp.exists()  # the workers' folder goes with them

    files = [entry.file for entry in batch[-1].bundle.entries]
    assert len(files) == 2 * len(VILLAGES)
    for name in files:
        assert name.partition(".")[0].casefold() not in RESERVED, name
        assert not name.endswith((".", " ")) and name == name.strip(), name
        assert (out / name).is_file()
    texts = [pdf_text((out / name).read_bytes()) for name in files if name.endswith(".pdf")]
    assert any("Thôn Đồng Tâm" in text for text in texts)
    assert any("CON" in text for text in texts)
    assert all(png_image((out / n).read_bytes()).width for n in files if n.endswith(".png"))


def test_a_runaway_task_on_windows_is_stopped_by_the_cpu_watch(windows: Path) -> None:
    """No RLIMIT_CPU and no profiling timer: the worker's own thread ends it, and the
    next task gets a fresh worker."""
    with RenderPool(workers=1, cpu_seconds=1) as pool:
        assert pool.result(pool.submit(worker_facts))["timer"] is False
        with pytest.raises(WorkerDied):
            pool.result(pool.submit(spin))
        assert pool.result(pool.submit(worker_facts))["timer"] is False
