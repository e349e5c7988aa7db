"""Render worker processes with time and memory bounds.

PDFium is not thread-safe and WeasyPrint gives no resource guarantees, so renders
run in child processes: each worker caps its address space (RLIMIT_AS) and each task
gets a CPU-time budget (a profiling timer that raises inside the task). A worker that
dies anyway (a crash in native code) breaks the pool; `RenderPool` reports that as a
clear error and starts a fresh pool for the next task.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import UserError

DEFAULT_MEMORY_MB = 3072
DEFAULT_CPU_SECONDS = 120.0


class RenderTimeout(Exception):
    pass


def _on_cpu_timer(signum: int, frame: Any) -> None:
    raise RenderTimeout


def _init_worker(memory_mb: int) -> None:
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGPROF, _on_cpu_timer)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop


def _bounded_call(cpu_seconds: float, fn: Callable, args: tuple, kwargs: dict) -> Any:
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    try:
        return fn(*args, **kwargs)
    except RenderTimeout:
        raise UserError(
            f"Dựng mẫu vượt quá {cpu_seconds:g} giây và đã bị dừng: mẫu có thể quá phức tạp.",
            f"Rendering took over {cpu_seconds:g} s of CPU and was stopped: the template may "
            "be too complex.",
        ) from None
    except MemoryError:
        raise UserError(
            "Dựng mẫu cần quá nhiều bộ nhớ và đã bị dừng.",
            "Rendering needed too much memory and was stopped.",
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


class RenderPool:
    """A small pool of render processes; `submit` returns a Future of fn's result."""

    def __init__(
        self,
        workers: int | None = None,
        memory_mb: int = DEFAULT_MEMORY_MB,
        cpu_seconds: float = DEFAULT_CPU_SECONDS,
    ) -> None:
        self.workers = workers or max(1, min(os.cpu_count() or 1, 4))
        self.memory_mb = memory_mb
        self.cpu_seconds = cpu_seconds
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # forkserver: workers never inherit the GUI's Qt state or threads.
            context = multiprocessing.get_context("forkserver")
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.memory_mb,),
            )
        return self._executor

    def submit(self, fn: Callable, *args: Any, **kwargs: Any) -> Future:
        try:
            return self._pool().submit(_bounded_call, self.cpu_seconds, fn, args, kwargs)
        except BrokenProcessPool:
            self.restart()
            return self._pool().submit(_bounded_call, self.cpu_seconds, fn, args, kwargs)

    def result(self, future: Future) -> Any:
        """The task's result; a dead worker becomes a UserError and a fresh pool."""
        try:
            return future.result()
        except BrokenProcessPool:
            self.restart()
            raise UserError(
                "Tiến trình dựng hình bị dừng đột ngột (hết bộ nhớ hoặc lỗi phông/ảnh).",
                "The render process stopped abruptly (out of memory or a font/image fault).",
            ) from None

    def terminate(self) -> None:
        """Stop now (cancel): kill the workers instead of waiting for their tasks."""
        if self._executor is not None:
            processes = list((self._executor._processes or {}).values())  # no public API in 3.11
            self._executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.kill()
            for process in processes:
                process.join(timeout=2)
            self._executor = None

    def restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
