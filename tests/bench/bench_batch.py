"""Batch benchmark (run on demand): `.venv/bin/python tests/bench/bench_batch.py [ROWS…]`.

Prints, in one run on the same machine: ms per row of our batch and of a naive loop
(one WeasyPrint call per row, then rasterize) on 200 banners 5 × 0.8 m with per-row
PDF + 1500 px PNG, and their ratio — our batch twice: started cold in a fresh process
as the CLI runs it (the render processes' fork server imports WeasyPrint inside the
timed run, ~1.2 s), and with its render processes started beforehand, as the batch
dialog has them (it starts and warms them when it opens). Then wall time and peak
memory (parent + largest worker RSS) for bigger batches (default 1,000 and 5,000
rows, cold). Each figure comes with the CPU time spent per row (all processes, the
fork server's included): on a shared machine wall time follows the load, CPU time
much less.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing import forkserver
from pathlib import Path

from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.render.worker import RenderPool

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE, SIZE = "banner-bhxh", "5x0.8m"
OPTIONS = RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1)
COMMUNES = ["Ea Kao", "Hòa Thắng", "Cư Ê Wi", "Ea Tu", "Hòa Phú", "Krông Búk", "Tân Lợi"]


def write_rows(path: Path, count: int, first: int = 1) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["DANH SÁCH THÔN TREO BĂNG RÔN"])
        writer.writerow(["STT", "Tên thôn", "Đối tượng"])
        for i in range(first, first + count):
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


def ours(
    rows: Path, out: Path, campaign, pool: RenderPool | None = None
) -> tuple[float, int, float, float]:
    """Wall time, files written, the largest worker's peak memory, and CPU time (the
    workers', the fork server's and the parent's). With `pool`, its processes are
    already running; else a pool is started inside the timed run."""
    plan = plan_batch(TEMPLATE, rows, campaign, size=SIZE, mapping={"Tên thôn": "place"})
    started, cpu_started = time.perf_counter(), time.process_time()
    server_cpu = fork_server_cpu()
    files = 0
    running = pool or RenderPool()
    try:
        workers_cpu = worker_cpu(running)
        for event in run_batch(plan, campaign, out, OPTIONS, pool=running):
            files += len(event.files)
        # Workers are the forkserver's children, so read them before they exit.
        worker_peak = max(map(high_water_mb, worker_pids(running)), default=0.0)
        cpu = worker_cpu(running) - workers_cpu + fork_server_cpu() - server_cpu
    finally:
        if pool is None:
            running.close()
    cpu += time.process_time() - cpu_started
    return time.perf_counter() - started, files, worker_peak, cpu


def worker_pids(pool: RenderPool) -> list[int]:
    return list(pool._executor._processes) if pool._executor else []


def worker_cpu(pool: RenderPool) -> float:
    return sum(map(cpu_seconds, worker_pids(pool)))


def fork_server_cpu() -> float:
    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    return cpu_seconds(pid) if pid else 0.0


def warm_pool(campaign, work: Path) -> RenderPool:
    """A pool whose processes have each rendered a few banners already (other villages
    than the measured rows: nothing about those is known in advance)."""
    pool = RenderPool()
    rows = work / "warm.csv"
    write_rows(rows, 8 * pool.workers, first=100_000)
    ours(rows, work / "warm", campaign, pool)
    return pool


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
        cold = subprocess.run(
            [sys.executable, __file__, "--one", "200", "--quiet"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        cold_s, cold_cpu = (float(x) for x in cold.stdout.split())
        pool = warm_pool(campaign, work)
        try:
            warm_s, files, _, warm_cpu = ours(rows, work / "ours200", campaign, pool)
        finally:
            pool.close()
        print(f"200 banners {SIZE}, PDF + 1500 px PNG per row ({files} files)")
        print(f"  naive loop             : {naive_s * 5:6.1f} ms/row, CPU {naive_cpu * 5:5.1f}")
        print(f"  our batch, cold start  : {cold_s * 5:6.1f} ms/row, CPU {cold_cpu * 5:5.1f}"
              f"  → {naive_s / cold_s:4.1f}× the naive loop")  # fmt: skip
        print(f"  our batch, pool started: {warm_s * 5:6.1f} ms/row, CPU {warm_cpu * 5:5.1f}"
              f"  → {naive_s / warm_s:4.1f}× the naive loop")  # fmt: skip
        for count in sizes:
            # Each size in a fresh process, so the parent's peak is that batch's alone.
            subprocess.run([sys.executable, __file__, "--one", str(count)], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def one(count: int, quiet: bool = False) -> None:
    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    work = Path(tempfile.mkdtemp(prefix="ansinh-bench-"))
    try:
        rows = work / "rows.csv"
        write_rows(rows, count)
        seconds, files, worker, cpu = ours(rows, work / "out", campaign)
        parent = high_water_mb(os.getpid())
        if quiet:  # for the parent benchmark: wall and CPU seconds
            print(seconds, cpu)
            return
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
        one(int(sys.argv[2]), quiet="--quiet" in sys.argv)
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 5000])
