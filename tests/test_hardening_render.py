"""Render limits stop one row or one template check, not the whole run, and render
processes leave no temporary folders behind (issue 10, points 8 and 9).

The CLI runs in a subprocess with TMPDIR set to an empty folder: WeasyPrint's font
copies and multiprocessing's folder must land in the app's own temp folder and be gone
when the run ends, a killed worker's included. A row over the limit is a template that
burns CPU in its own code when the row's name is NẶNG."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

HEAVY = "NẶNG"
# Pure template code: the CPU timer stops it exactly at the budget.
CPU_BURN = "{% set s = 'a' * 999999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
CPU_SECONDS = "2"
NAMES = ["Thôn Một", "Thôn Hai", HEAVY, "Thôn Bốn"]  # rows 2..5; the heavy one is row 4


def user_template(user_dir: Path, tid: str, heavy: str, *, default: str = "", sizes=("A6",),
                  extra: str = "") -> None:
    """A template whose field `ten` set to HEAVY runs `heavy`."""
    folder = user_dir / "templates" / tid
    folder.mkdir(parents=True)
    manifest = f'id = "{tid}"\nname = "Thử"\nkind = "poster"\nhtml = "p.html.j2"\n'
    for size in sizes:
        manifest += f'[[sizes]]\nid = "{size}"\nwidth_mm = 105\nheight_mm = 148\n'
    manifest += f'[[fields]]\nid = "ten"\ntype = "text"\nlabel = "Tên"\ndefault = "{default}"\n'
    (folder / "template.toml").write_text(manifest, encoding="utf-8")
    (folder / "p.html.j2").write_text(
        '{% extends "page.html.j2" %}{% block sheet %}<p>{{ f.ten }}</p>'
        f'{{% if f.ten == "{HEAVY}" %}}{heavy}{{% endif %}}{extra}{{% endblock %}}',
        encoding="utf-8",
    )


def write_rows(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tên"])
        writer.writerows([name] for name in NAMES)
    return path


@pytest.fixture
def system_tmp(tmp_path: Path) -> Path:
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    return folder


def cli(*args: str, tmp: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TMPDIR": str(tmp), **env}
    return subprocess.run(
        [sys.executable, "-m", "ansinh.cli.main", "--lang", "en", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def render_temp_root(user_dir: Path) -> Path:
    return user_dir / "cache" / "tmp"


def batch_state(out: Path) -> tuple[dict, dict]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    state = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    return manifest, state


# --- 8. A row over a render limit fails alone ----------------------------------------------


def test_a_row_over_the_cpu_limit_fails_alone_and_only_failed_reruns_it(
    tmp_path: Path, isolated_user_dir: Path, system_tmp: Path
) -> None:
    user_template(isolated_user_dir, "quay", CPU_BURN)
    rows, out = write_rows(tmp_path / "rows.csv"), tmp_path / "out"
    args = ("batch", "quay", "--rows", str(rows), "--segment", "nong-dan", "--out", str(out),
            "--format", "pdf")
    run = cli(*args, tmp=system_tmp, ANSINH_RENDER_CPU_SECONDS=CPU_SECONDS)
    assert run.returncode == 1, run.stderr
    assert "Row 4: Rendering took over 2 s" in run.stderr and "Traceback" not in run.stderr
    manifest, state = batch_state(out)
    assert state["rows"] == {"2": "ok", "3": "ok", "4": "failed", "5": "ok"}
    assert state["finished"] is True
    assert sorted(e["row"] for e in manifest["files"]) == [2, 3, 5]
    assert [(s["row"], s["checks"][0]["code"]) for s in manifest["skipped"]] == [(4, "limit")]
    written = {e["file"]: (out / e["file"]).stat().st_mtime_ns for e in manifest["files"]}
    assert len(written) == 3 and manifest["combined_pdf"]

    again = cli(*args, "--only-failed", tmp=system_tmp, ANSINH_RENDER_CPU_SECONDS=CPU_SECONDS)
    assert again.returncode == 1, again.stderr
    assert "Row 4: Rendering took over 2 s" in again.stderr
    assert " 1/1 " in again.stderr  # only that row was sent to render
    manifest, state = batch_state(out)
    assert state["rows"] == {"2": "ok", "3": "ok", "4": "failed", "5": "ok"}
    assert {e["file"]: (out / e["file"]).stat().st_mtime_ns for e in manifest["files"]} == written
    assert list(system_tmp.iterdir()) == []


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_render_export_and_a_batch_with_a_killed_worker_leave_no_temp_folders(
    tmp_path: Path, isolated_user_dir: Path, system_tmp: Path
) -> None:
    """Neither the system temp folder nor the app's own holds anything after a render, an
    export and a batch whose worker is killed once it has its WeasyPrint folder; the
    batch still writes every row but the one over the CPU limit."""
    user_template(isolated_user_dir, "quay", CPU_BURN)
    out = tmp_path / "out"
    render = cli("render", "quay", "--segment", "nong-dan", "--out", str(out / "render"),
                 "--format", "pdf,png", tmp=system_tmp)
    assert render.returncode == 0, render.stderr
    campaign = tmp_path / "campaign.toml"
    campaign.write_text(
        '[campaign]\nname = "Thử"\n'
        '[[piece]]\ntemplate = "quay"\nsegment = "nong-dan"\n'
        '[[piece]]\ntemplate = "sms-bhxh"\nsegment = "huu-tri"\n',
        encoding="utf-8",
    )
    export = cli("export", str(campaign), "--out", str(out / "export"), tmp=system_tmp)
    assert export.returncode == 0, export.stderr

    # One worker: the chunk stops at the CPU limit (in row 4's template code, before any
    # layout), its rows go again one by one, and the worker that laid out the first of
    # them (so holds a WeasyPrint folder) is killed.
    rows = write_rows(tmp_path / "rows.csv")
    batch = subprocess.Popen(
        [sys.executable, "-m", "ansinh.cli.main", "--lang", "en", "batch", "quay", "--rows",
         str(rows), "--segment", "nong-dan", "--out", str(out / "batch"), "--format", "pdf",
         "--jobs", "1"],
        env={**os.environ, "TMPDIR": str(system_tmp), "ANSINH_RENDER_CPU_SECONDS": CPU_SECONDS},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    killed = []
    deadline = time.monotonic() + 120
    while not killed and batch.poll() is None and time.monotonic() < deadline:
        if any(render_temp_root(isolated_user_dir).glob("*/pool-*/weasyprint-*")):
            for worker in [w for child in _children(batch.pid) for w in _children(child)]:
                os.kill(worker, signal.SIGKILL)
                killed.append(worker)
        time.sleep(0.02)
    _, stderr = batch.communicate(timeout=300)
    assert killed
    assert batch.returncode == 1, stderr
    assert "Row 4: Rendering took over 2 s" in stderr and "Traceback" not in stderr
    manifest, state = batch_state(out / "batch")
    assert state["rows"] == {"2": "ok", "3": "ok", "4": "failed", "5": "ok"}
    assert sorted(e["row"] for e in manifest["files"]) == [2, 3, 5]

    assert list(system_tmp.iterdir()) == []
    assert list(render_temp_root(isolated_user_dir).rglob("*")) == []


def test_cancelling_a_batch_stops_it_instead_of_retrying_its_rows(
    tmp_path: Path, isolated_user_dir: Path
) -> None:
    """A pool stopped on purpose (the window's Stop button) is not a dead worker: the
    rows it was rendering are not sent again one by one."""
    from ansinh.core.batch import plan_batch, run_batch
    from ansinh.core.campaign import Campaign
    from ansinh.core.render.results import RenderOptions
    from ansinh.core.render.worker import RenderPool, RenderStopped

    user_template(isolated_user_dir, "quay", CPU_BURN)
    plan = plan_batch("quay", write_rows(tmp_path / "rows.csv"), Campaign(name="Thử"),
                      segment="nong-dan")
    with RenderPool(workers=1, cpu_seconds=60) as pool:
        pool.result(pool.submit(os.getpid))  # started: the stop lands in the chunk
        stop = threading.Timer(1.0, pool.terminate)
        stop.start()
        started = time.monotonic()
        events = run_batch(plan, Campaign(name="Thử"), tmp_path / "out",
                           RenderOptions(formats=("pdf",)), pool=pool)
        with pytest.raises(RenderStopped):
            list(events)
        stop.join()
    assert time.monotonic() - started < 30
    assert not list((tmp_path / "out").glob("*.pdf"))


# --- 8. check names a template that hits a limit and goes on ---------------------------


def test_check_names_the_template_and_size_over_a_limit_and_goes_on(
    isolated_user_dir: Path, system_tmp: Path
) -> None:
    user_template(isolated_user_dir, "mau-quay", CPU_BURN, default=HEAVY, sizes=("A6", "A5"))
    user_template(isolated_user_dir, "mau-sau", "", extra="{{ f.khong_co }}")
    run = cli("check", "mau-quay", "mau-sau", tmp=system_tmp,
              ANSINH_RENDER_CPU_SECONDS=CPU_SECONDS)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    for size in ("A6", "A5"):
        assert any(
            f"Checking template «mau-quay» size {size} was stopped: Rendering took over 2 s"
            in line and "mau-quay" in line.split(":")[0] for line in lines
        ), run.stdout
    # The template after it was still checked.
    assert any("mau-sau" in line and "«khong_co»" in line for line in lines), run.stdout
    assert "3 problems in 2 templates" in run.stderr
    assert list(system_tmp.iterdir()) == []


# --- 9. The app's own temp folder --------------------------------------------------------


def test_a_pools_workers_write_their_temp_files_in_its_folder_removed_on_close(
    isolated_user_dir: Path,
) -> None:
    from ansinh.core.campaign import Campaign, Piece
    from ansinh.core.render.piece import RenderOptions, render_piece
    from ansinh.core.render.worker import RenderPool

    with RenderPool(workers=1) as pool:
        piece = Piece("poster-bhxh", "toan-dan", "A4", {})
        pool.result(pool.submit(render_piece, piece, Campaign(name="Thử"),
                                RenderOptions(formats=("pdf",))))
        folder = pool.temp_folder
        assert folder is not None and folder.is_relative_to(render_temp_root(isolated_user_dir))
        assert [p.name.startswith("weasyprint-") for p in folder.iterdir()] == [True]
        pool.terminate()  # a cancel removes the stopped workers' folder too
        assert not folder.exists()
        pool.result(pool.submit(os.getpid))
        folder = pool.temp_folder
        assert folder is not None and folder.is_dir()
    assert not folder.exists()


def test_a_start_sweeps_the_folders_of_owners_that_are_gone(isolated_user_dir: Path) -> None:
    from ansinh.core.render import tempdirs

    root = render_temp_root(isolated_user_dir)
    dead, live, new = root / "101-dead", root / "102-live", root / "103-new"
    for folder in (dead, live, new):
        (folder / "pool-1" / "weasyprint-abc").mkdir(parents=True)
        (folder / "pool-1" / "weasyprint-abc" / "font").write_bytes(b"x" * 1000)
        (folder / tempdirs.LOCK).touch()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom ansinh.core.filenames import try_lock\n"
         "handle = open(sys.argv[1], 'a+b')\nprint(try_lock(handle), flush=True)\n"
         "time.sleep(120)\n", str(live / tempdirs.LOCK)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        old = time.time() - 3600
        for folder in (dead, live):
            os.utime(folder, (old, old))
        mine = tempdirs.pool_folder()
        assert mine is not None and mine.parent.parent == root
        # Gone: its lock is free. Kept: a lock held by a running process, and a folder
        # too new to tell (its owner may not have taken its lock yet).
        assert not dead.exists()
        assert (live / "pool-1" / "weasyprint-abc" / "font").exists()
        assert new.exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
