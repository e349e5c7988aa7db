"""Render processes never outlive the process that owns their pool."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

OWNER = """
import os, sys, time
from ansinh.core.render.worker import RenderPool

if __name__ == "__main__":
    pool = RenderPool(workers=2)
    futures = [pool.submit(os.getpid) for _ in range(8)]
    pids = {f.result() for f in futures} | set(pool._executor._processes)
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_leave_when_their_owner_is_killed(tmp_path: Path) -> None:
    """A killed window or CLI must not leave render processes waiting for work forever
    (they would keep memory and the owner's output pipe open: a CI run never ends)."""
    script = tmp_path / "owner.py"
    script.write_text(OWNER, encoding="utf-8")
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                             stderr=subprocess.DEVNULL,  # its tracker reports the kill
                             start_new_session=True)
    workers: list[int] = []
    try:
        assert owner.stdout is not None
        workers += [int(pid) for pid in owner.stdout.readline().split()]
        assert len(workers) == 2 and all(_running(pid) for pid in workers)
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_running(pid) for pid in workers)
    finally:
        if owner.poll() is None:
            owner.kill()
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def _send_half_a_result_then_die() -> None:
    """As if killed while sending a result: the header of a 1 MB message, 100 bytes of
    it, then gone (the pipe of `ProcessPoolExecutor`'s worker, found up the stack)."""
    frame = sys._getframe()
    while "result_queue" not in frame.f_locals:
        frame = frame.f_back
    writer = frame.f_locals["result_queue"]._writer
    os.write(writer.fileno(), struct.pack("!i", 1_000_000) + b"x" * 100)
    os._exit(1)


def test_stopping_after_a_worker_died_mid_result_leaves_no_thread_waiting() -> None:
    """Otherwise the pool's manager thread waits forever for the rest of the message,
    and so does Python's exit, which joins it (a CI run that never ended)."""
    from ansinh.core.render.worker import RenderPool

    pool = RenderPool(workers=1)
    future = pool.submit(_send_half_a_result_then_die)
    manager = pool._executor._executor_manager_thread
    worker = next(iter(pool._executor._processes.values()))
    worker.join(timeout=30)
    assert worker.exitcode == 1 and not future.done()
    pool.terminate()
    manager.join(timeout=10)
    assert not manager.is_alive()
    with pytest.raises(BrokenProcessPool):
        future.result(timeout=0)
