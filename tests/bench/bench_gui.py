#!/usr/bin/env python3
"""Benchmarks of the desktop app (run on demand; pytest ignores tests/bench).

    python tests/bench/bench_gui.py [--rounds N]

Measures, offscreen, with the sample campaign:
* preview latency: from the last keystroke of a burst of typing in the A3 poster's
  title to the new preview image on screen (includes the typing pause, 80 ms by default);
* dragging the poster's title on the preview: handling each mouse move (the outline
  follows at once), release → the exact preview, and the loop's stall meanwhile;
* the longest stall of the UI event loop while previews render, while an export runs
  and while a batch dialog opens, checks and runs the sample sheet (a 5 ms timer notes
  how late it fires);
* cold start: from launching a fresh Python process to a shown, usable main window.
Goals (issue): preview ≤ 250 ms median, no stall > 50 ms, cold start ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
TICK_MS = 5

STARTUP = r"""
import sys, time
started = float(sys.argv[1])
from ansinh.gui import app, jobs
from ansinh.gui.settings import Settings
jobs.configure_workers()
qt = app.create_app([sys.argv[0]])
from ansinh.gui.mainwindow import MainWindow
from PySide6.QtCore import QTimer
window = MainWindow(Settings())
window.show()
def ready():
    qt.processEvents()
    print(f"READY {time.time() - started:.4f}", flush=True)
    window.close()
    qt.quit()
QTimer.singleShot(0, ready)
qt.exec()
"""


class StallMeter:
    """How late a 5 ms timer fires: the event loop's longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.ends: list[float] = []  # when each gap ended (perf_counter)
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000 - TICK_MS)
        self.ends.append(now)
        self._last = now

    def worst_between(self, start: float, end: float) -> float:
        """The longest stall that ended in [start, end] (a phase's share)."""
        return max((g for g, t in zip(self.gaps, self.ends, strict=True) if start <= t <= end),
                   default=0.0)

    def start(self) -> None:
        self.gaps.clear()
        self.ends.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        gaps = sorted(self.gaps) or [0.0]
        return {"max": gaps[-1], "p99": gaps[int(len(gaps) * 0.99) - 1 if len(gaps) > 1 else 0],
                "ticks": len(gaps)}


def wait_until(condition, timeout: float = 120.0) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError
        QApplication.processEvents()
        time.sleep(0.001)


def type_burst(widget, text: str, gap_s: float) -> float:  # noqa: ANN001
    """Type like a person (a key every gap_s); returns the time of the last key."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    last = 0.0
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))
        last = time.perf_counter()
        end = last + gap_s
        while time.perf_counter() < end:
            QApplication.processEvents()
            time.sleep(0.001)
    return last


def bench_cold_start(rounds: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.time()
        done = subprocess.run([sys.executable, "-c", STARTUP, f"{started}"], env=env,
                              capture_output=True, text=True, timeout=120)
        line = next((x for x in done.stdout.splitlines() if x.startswith("READY")), None)
        if line is None:
            raise RuntimeError(done.stderr[-2000:])
        times.append(float(line.split()[1]))
    return times


def bench_drag(window, shown: list[float], rounds: int) -> dict[str, object]:  # noqa: ANN001
    """Drag the poster's title on the preview like a hand (a move every 16 ms): how long
    each move takes to handle (the outline follows at once), the loop's stall meanwhile,
    and release → the exact new preview."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    canvas, editor = window.preview_panel.canvas, window.preview_panel.slot_editor
    meter, moves, latencies = StallMeter(), [], []
    meter.start()
    for n in range(rounds):
        start = editor.slot_rect("title").center().toPoint()
        step = QPoint(3 if n % 2 == 0 else -3, 1 if n % 2 == 0 else -1)
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
        for k in range(1, 13):
            began = time.perf_counter()
            QTest.mouseMove(canvas, start + step * k)
            moves.append((time.perf_counter() - began) * 1000)
            frame = time.monotonic() + 0.016
            wait_until(lambda end=frame: time.monotonic() > end)
        count = len(shown)
        released = time.perf_counter()
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + step * 12)
        wait_until(lambda c=count: len(shown) > c and not window.preview.busy)
        latencies.append((shown[-1] - released) * 1000)
    return {"moves": moves, "latencies": latencies, "stall": meter.stop()}


def bench_in_process(rounds: int) -> dict[str, object]:
    from ansinh.gui import app, jobs
    from ansinh.gui.export_dialog import ExportDialog
    from ansinh.gui.mainwindow import MainWindow
    from ansinh.gui.settings import Settings

    jobs.configure_workers()
    qt = app.create_app([sys.argv[0]])
    window = MainWindow(Settings())
    window.resize(1440, 900)
    window.show()
    shown: list[float] = []
    renders: list[float] = []
    window.previewShown.connect(lambda: shown.append(time.perf_counter()))
    window.preview.ready.connect(lambda data: renders.append(data.seconds))
    window.open_path(SAMPLE)
    wait_until(lambda: bool(shown) and not window.preview.busy)
    assert window.model.piece(0).size == "A3"
    title = window.form.editor("title").line
    title.setFocus()

    # Warm-up (first render in the process pays for fonts and caches).
    type_burst(title, " x", 0.05)
    wait_until(lambda: len(shown) >= 2 and not window.preview.busy)

    meter = StallMeter()
    latencies = []
    meter.start()
    for n in range(rounds):
        count = len(shown)
        last_key = type_burst(title, f" {n}ab", 0.06)
        wait_until(lambda c=count: len(shown) > c and not window.preview.busy)
        latencies.append((shown[-1] - last_key) * 1000)
        pause = time.monotonic() + 0.05  # a breath between bursts, with the loop running
        wait_until(lambda end=pause: time.monotonic() > end)
    preview_stall = meter.stop()
    drag = bench_drag(window, shown, rounds)

    dialog = ExportDialog(window.model, window.templates, window.segments, window.work_pool,
                          Path(tempfile.mkdtemp(prefix="ansinh-bench-")), 0, window)
    dialog.show()
    finished: list[object] = []
    dialog.finished_export.connect(finished.append)
    meter.start()
    started = time.perf_counter()
    dialog.start()
    wait_until(lambda: bool(finished), timeout=600)
    export_seconds = time.perf_counter() - started
    export_stall = meter.stop()
    outcome = finished[0]
    dialog.close()

    # A batch from the sample sheet: opening the dialog, checking the rows, the run.
    from ansinh.gui.batch_dialog import BatchDialog

    banner = next(i for i, p in enumerate(window.model.pieces) if p.template == "banner-bhxh")
    meter.start()
    phases = [time.perf_counter()]
    batch = BatchDialog(window.model, window.templates, window.segments, window.preview_pool,
                        Path(tempfile.mkdtemp(prefix="ansinh-bench-")),
                        window.model.piece(banner), window)
    batch.show()
    planned: list[int] = []
    batch.planned.connect(lambda: planned.append(1))
    wait_until(lambda: len(meter.gaps) > 2)  # on screen: the first ticks after the paint
    phases.append(time.perf_counter())
    batch.load(SAMPLE.with_name("thon-diem.csv"))
    wait_until(lambda: bool(planned))
    phases.append(time.perf_counter())
    batch_done: list[object] = []
    batch.finished_batch.connect(batch_done.append)
    started = time.perf_counter()
    batch.start()
    wait_until(lambda: bool(batch_done), timeout=600)
    batch_seconds = time.perf_counter() - started
    phases.append(time.perf_counter())
    batch_stall = meter.stop()
    batch_stall["phases"] = [meter.worst_between(a, b) for a, b in itertools.pairwise(phases)]
    batch_rows = getattr(batch_done[0], "rows_ok", 0)
    batch.reject()
    window.model.mark_saved(Path(tempfile.mkdtemp()) / "bench.ansinh")
    window.close()
    qt.processEvents()
    return {
        "latencies": latencies,
        "render_ms": [r * 1000 for r in renders[-rounds:]],
        "preview_stall": preview_stall,
        "export_stall": export_stall,
        "batch_stall": batch_stall,
        "batch_seconds": batch_seconds,
        "batch_rows": batch_rows,
        "export_seconds": export_seconds,
        "export_files": getattr(outcome, "files", 0),
        "export_pieces": getattr(outcome, "pieces", 0),
        "delay_ms": window.preview._timer.interval(),
        "drag": drag,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="ansinh-bench-user-"))
    os.environ["ANSINH_USER_DIR"] = str(scratch)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "desktop"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}

    cold = bench_cold_start(5, env)
    result = bench_in_process(args.rounds)
    lat = sorted(result["latencies"])
    print(f"CPU: {os.cpu_count()} cores · Python {sys.version.split()[0]}")
    print(f"preview latency, last keystroke → new image (A3 poster, {len(lat)} bursts, "
          f"{result['delay_ms']} ms typing pause included):")
    print(f"  median {statistics.median(lat):.0f} ms · p90 {lat[int(len(lat) * 0.9) - 1]:.0f} ms"
          f" · min {lat[0]:.0f} ms · max {lat[-1]:.0f} ms")
    print(f"  of which rendering in the worker: median "
          f"{statistics.median(result['render_ms']):.0f} ms")
    drag = result["drag"]
    moves, drops = sorted(drag["moves"]), sorted(drag["latencies"])
    print(f"dragging the title on the preview ({len(drops)} drags, a move every 16 ms): "
          f"a move handled in median {statistics.median(moves):.1f} ms, max {moves[-1]:.1f} ms; "
          f"release → exact preview median {statistics.median(drops):.0f} ms, "
          f"max {drops[-1]:.0f} ms; stall max {drag['stall']['max']:.1f} ms · "
          f"p99 {drag['stall']['p99']:.1f} ms")
    ps, es = result["preview_stall"], result["export_stall"]
    print(f"UI event-loop stall during previews: max {ps['max']:.1f} ms · p99 {ps['p99']:.1f} ms"
          f" ({ps['ticks']} ticks)")
    print(f"UI event-loop stall during export ({result['export_pieces']} pieces, "
          f"{result['export_files']} files, {result['export_seconds']:.1f} s): "
          f"max {es['max']:.1f} ms · p99 {es['p99']:.1f} ms ({es['ticks']} ticks)")
    bs = result["batch_stall"]
    print(f"UI event-loop stall during a batch (dialog, row checks, {result['batch_rows']} "
          f"banners, {result['batch_seconds']:.1f} s): max {bs['max']:.1f} ms · "
          f"p99 {bs['p99']:.1f} ms ({bs['ticks']} ticks)")
    print("  worst stall while the dialog opens {:.1f} ms · reads and checks the sheet {:.1f} ms"
          " · runs {:.1f} ms".format(*bs["phases"]))
    print(f"cold start to usable window: median {statistics.median(cold):.2f} s "
          f"(runs: {', '.join(f'{c:.2f}' for c in cold)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
