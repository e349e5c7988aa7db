"""Batch benchmark (run on demand): `.venv/bin/python tests/bench/bench_batch.py [ROWS…]`.

Prints, in one run on the same machine: ms per row of our batch and of a naive loop
(one WeasyPrint call per row, then rasterize) on 200 banners 5 × 0.8 m with per-row
PDF + 1500 px PNG, their ratio; then wall time and peak memory (parent + largest
worker RSS) for bigger batches (default 1,000 and 5,000 rows). Each figure comes with
the CPU time spent per row (all processes): on a shared machine wall time follows the
load, CPU time much less.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.render.worker import RenderPool

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE, SIZE = "banner-bhxh", "5x0.8m"
OPTIONS = RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1)
COMMUNES = ["Ea Kao", "Hòa Thắng", "Cư Ê Wi", "Ea Tu", "Hòa Phú", "Krông Búk", "Tân Lợi"]


def write_rows(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["DANH SÁCH THÔN TREO BĂNG RÔN"])
        writer.writerow(["STT", "Tên thôn", "Đối tượng"])
        for i in range(1, count + 1):
            village = f"Thôn {i} – xã {COMMUNES[i % len(COMMUNES)]}"
            if i % 5 == 0:  # every fifth name is long enough to need shrinking
                village = f"Buôn Kô Siêr {i} – phường Tân Lợi, thành phố Buôn Ma Thuột, Đắk Lắk"
            writer.writerow([i, village, "Nông dân" if i % 2 else "Đồng bào dân tộc thiểu số"])


def high_water_mb(pid: int) -> float:
    """Peak resident memory of a live process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ours(rows: Path, out: Path, campaign) -> tuple[float, int, float, float]:
    """Wall time, files written, the largest worker's peak memory, and CPU time (the
    workers' and the parent's)."""
    plan = plan_batch(TEMPLATE, rows, campaign, size=SIZE, mapping={"Tên thôn": "place"})
    started, cpu_started = time.perf_counter(), time.process_time()
    files = 0
    with RenderPool() as pool:
        for event in run_batch(plan, campaign, out, OPTIONS, pool=pool):
            files += len(event.files)
        # Workers are the forkserver's children, so read them before they exit.
        workers = pool._executor._processes.values() if pool._executor else []
        worker_peak = max((high_water_mb(p.pid) for p in workers), default=0.0)
        cpu = sum(cpu_seconds(p.pid) for p in workers)
    cpu += time.process_time() - cpu_started
    return time.perf_counter() - started, files, worker_peak, cpu


def naive(rows: Path, out: Path, campaign) -> tuple[float, float]:
    """Wall and CPU time."""
    plan = plan_batch(TEMPLATE, rows, campaign, size=SIZE, mapping={"Tên thôn": "place"})
    out.mkdir(parents=True, exist_ok=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    for row in plan.rows:
        result = render_piece(Piece(TEMPLATE, row.segment, SIZE, row.values), campaign, OPTIONS)
        for artifact in result.artifacts:
            (out / f"{row.number}.{artifact.format}").write_bytes(artifact.data)
    return time.perf_counter() - started, time.process_time() - cpu_started


def main(sizes: list[int]) -> None:
    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    work = Path(tempfile.mkdtemp(prefix="ansinh-bench-"))
    try:
        rows = work / "rows200.csv"
        write_rows(rows, 200)
        naive_s, naive_cpu = naive(rows, work / "naive", campaign)
        ours_s, files, _, ours_cpu = ours(rows, work / "ours200", campaign)
        print(f"200 banners {SIZE}, PDF + 1500 px PNG per row ({files} files)")
        print(f"  naive loop : {naive_s * 5:7.1f} ms/row, CPU {naive_cpu * 5:5.1f} ms/row")
        print(f"  our batch  : {ours_s * 5:7.1f} ms/row, CPU {ours_cpu * 5:5.1f} ms/row")
        print(f"  ratio      : {naive_s / ours_s:7.1f}×")
        for count in sizes:
            # Each size in a fresh process, so the parent's peak is that batch's alone.
            subprocess.run([sys.executable, __file__, "--one", str(count)], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def one(count: int) -> None:
    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    work = Path(tempfile.mkdtemp(prefix="ansinh-bench-"))
    try:
        rows = work / "rows.csv"
        write_rows(rows, count)
        seconds, files, worker, cpu = ours(rows, work / "out", campaign)
        parent = high_water_mb(os.getpid())
        print(
            f"{count} rows: {seconds:6.1f} s wall, {seconds / count * 1000:5.1f} ms/row "
            f"(CPU {cpu / count * 1000:4.1f} ms/row), {files} files + combined PDF; "
            f"peak memory: parent {parent:.0f} MB, largest worker {worker:.0f} MB",
            flush=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(int(sys.argv[2]))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 5000])
