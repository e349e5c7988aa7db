"""Open-letter batch benchmark (run on demand):
`.venv/bin/python tests/bench/bench_letters.py [ROWS]` (default 500).

Prints ms per row for a batch of open letters to households (A4, PDF + 1500 px PNG per
row, as the batch writes previews), each household with its own name, address, group
and member count — so its own amount: once with the render processes started inside the
timed run (as the CLI runs it), once with them started beforehand (as the batch dialog
has them), then PDF only. Each figure comes with the CPU time per row of every process (see
bench_batch.py, whose measuring this reuses): on a shared machine wall time follows the
load, CPU time much less. Goal (issue 13): ≤ 10 ms/row, like the banners.
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import fork_server_cpu, worker_cpu

from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import load_campaign
from ansinh.core.render.piece import RenderOptions
from ansinh.core.render.worker import RenderPool

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE, SIZE = "thu-ngo-ho-gia-dinh", "A4"
OPTIONS = RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1)  # batch default
PDF_ONLY = RenderOptions(formats=("pdf",))
GROUPS = ["Hộ gia đình", "Hộ gia đình", "Hộ gia đình", "Hộ cận nghèo", "Hộ nghèo"]
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "H'Hen", "Y Bhim"]
PLACES = ["xã Hòa Phú", "phường Ea Kao", "phường Tân An", "phường Tân Lập", "phường Thành Nhất"]


def write_rows(path: Path, count: int, first: int = 1) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["DANH SÁCH HỘ GỬI THƯ NGỎ"])
        writer.writerow(["STT", "Chủ hộ", "Địa chỉ", "Nhóm hộ", "Số người"])
        for i in range(first, first + count):
            name = f"{'Ông' if i % 2 else 'Bà'} {FAMILY[i % len(FAMILY)]} {i}"
            address = f"Thôn {i % 17 + 1}, {PLACES[i % len(PLACES)]}"
            writer.writerow([i, name, address, GROUPS[i % len(GROUPS)], i % 6 + 1])


def run(
    rows: Path, out: Path, campaign, pool: RenderPool | None = None, options=OPTIONS
) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (all processes) and files written."""
    plan = plan_batch(TEMPLATE, rows, campaign, size=SIZE, segment="toan-dan")
    assert not plan.problems, plan.problems[:3]
    started, cpu_started = time.perf_counter(), time.process_time()
    server_cpu = fork_server_cpu()
    running = pool or RenderPool()
    files = 0
    try:
        workers_cpu = worker_cpu(running)
        for event in run_batch(plan, campaign, out, options, pool=running):
            files += len(event.files)
        cpu = worker_cpu(running) - workers_cpu + fork_server_cpu() - server_cpu
    finally:
        if pool is None:
            running.close()
    cpu += time.process_time() - cpu_started
    return time.perf_counter() - started, cpu, files


def main(count: int) -> None:
    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    work = Path(tempfile.mkdtemp(prefix="ansinh-bench-"))
    try:
        rows = work / "rows.csv"
        write_rows(rows, count)
        cold_s, cold_cpu, files = run(rows, work / "cold", campaign)
        pool = RenderPool()
        try:
            warm_rows = work / "warm.csv"
            write_rows(warm_rows, 8 * pool.workers, first=100_000)
            run(warm_rows, work / "warm", campaign, pool)
            warm_s, warm_cpu, _ = run(rows, work / "ours", campaign, pool)
            pdf_s, pdf_cpu, _ = run(rows, work / "pdf", campaign, pool, PDF_ONLY)
        finally:
            pool.close()
        per = 1000 / count
        print(f"{count} open letters A4, PDF + 1500 px PNG per row ({files} files)")
        print(f"  cold start  : {cold_s * per:6.1f} ms/row, CPU {cold_cpu * per:5.1f} ms/row")
        print(f"  pool started: {warm_s * per:6.1f} ms/row, CPU {warm_cpu * per:5.1f} ms/row")
        print(f"  PDF only    : {pdf_s * per:6.1f} ms/row, CPU {pdf_cpu * per:5.1f} ms/row")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:] else 500)
