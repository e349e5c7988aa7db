"""Render worker processes with time and memory bounds.

PDFium is not thread-safe and WeasyPrint gives no resource guarantees, so renders
run in child processes: each worker caps its address space (RLIMIT_AS), and each task
gets a CPU-time budget — a profiling timer that raises inside the task (a clear
"stopped after N s" message), backed by RLIMIT_CPU set a little beyond the budget, so
a task stuck in native code (Pango, HarfBuzz) is killed by the kernel even when the
timer's Python-level handler cannot run. Windows has neither rlimits nor that timer: there
a thread in each worker ends it once a task's CPU time passes the same hard limit, and
memory is not capped. A worker that dies anyway (killed, or a crash
in native code) breaks the pool; `RenderPool` reports that as a clear error and starts
a fresh pool for the next task. Results are returned to the parent, which alone writes
files, so a stopped render leaves no half-written output.

Errors arrive intact and readable: `UserError` (whose constructor takes two messages)
pickles with every attribute (its `__reduce__`), so it survives the trip back to the
parent — without that, unpickling fails and the whole pool is reported as crashed — and any other
exception (WeasyPrint or Pillow failing on hostile input: OverflowError, ValueError, …)
becomes a `UserError` saying the piece could not be rendered, so one bad piece never
stops an export of many. The CPU timer raises a `BaseException`, so the render path's
own `except Exception` guards cannot turn a timeout into an empty message.

The environment variables that choose the user's folders (`ANSINH_USER_DIR`,
`ANSINH_HOME`) are sent with each task, since forkserver workers inherit the
environment of the moment the fork server started, not the current one. Each set of
workers writes its temporary files (WeasyPrint's font copies) in a folder of the app's
own, removed when those workers stop (`tempdirs`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import UserError
from . import engine, tempdirs

try:
    import resource
except ImportError:  # Windows: `_watch_cpu` stands in for RLIMIT_CPU
    resource = None  # type: ignore[assignment]

DEFAULT_MEMORY_MB = 3072
DEFAULT_CPU_SECONDS = 120.0
HARD_CPU_MARGIN = 5.0  # seconds past the budget before the kernel stops the worker
TASK_ENVIRONMENT = ("ANSINH_USER_DIR", "ANSINH_HOME")
# Renders yield the CPU to the window: with every core busy rendering (a batch, its
# warm-up), the UI thread must still get its turn at once or it stalls visibly.
WORKER_NICENESS = 5


class WorkerDied(UserError):
    """A render process died (killed by a limit, or a crash in native code). Every task
    in flight on its pool fails with this, not only the one that killed it."""


class RenderStopped(UserError):
    """The task's worker was stopped by `RenderPool.terminate` (a cancel)."""


class RenderTimeout(BaseException):
    """Raised by the CPU timer; a BaseException, so the `except Exception` guards in the
    render path (which turn template errors into messages) do not swallow it."""


def _on_cpu_timer(signum: int, frame: Any) -> None:
    raise RenderTimeout


def _leave_with_owner() -> None:
    """Exit as soon as the process that owns the pool is gone.

    A pool worker whose owner was killed (the window, the CLI, a test run) would wait
    for work forever — it holds its task queue's write end itself, so it never sees
    the queue close — keeping memory and the owner's stdout/stderr open; a CI run then
    never ends. The owner's sentinel (a pipe under forkserver, a handle under spawn)
    tells at once, on every platform."""
    owner = multiprocessing.parent_process()
    if owner is None:
        return

    def wait_for_owner() -> None:
        if hasattr(signal, "pthread_sigmask"):  # the CPU timer's SIGPROF is for the task
            signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        owner.join()
        os._exit(0)

    threading.Thread(target=wait_for_owner, name="owner-watch", daemon=True).start()


def _init_worker(memory_mb: int, temp_folder: Path | None) -> None:
    _leave_with_owner()
    tempdirs.use(temp_folder)
    with contextlib.suppress(AttributeError, OSError):  # no nice() on Windows
        os.nice(WORKER_NICENESS)
    if resource is None:
        threading.Thread(target=_watch_cpu, name="cpu-watch", daemon=True).start()
    else:
        with contextlib.suppress(ValueError, OSError):  # a killed worker leaves no core file
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if hasattr(signal, "SIGPROF"):
        signal.signal(signal.SIGPROF, _on_cpu_timer)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop


_cpu_deadline: float | None = None  # where there is no RLIMIT_CPU: `_watch_cpu`'s limit


def _watch_cpu() -> None:
    """End the worker once the task's CPU time passes `_cpu_deadline`, as the kernel does
    with RLIMIT_CPU: the pool reports `WorkerDied`."""
    while True:
        time.sleep(0.25)
        deadline = _cpu_deadline
        if deadline is not None and time.process_time() > deadline:
            os._exit(1)


def _set_hard_cpu_limit(seconds: float | None) -> None:
    """RLIMIT_CPU (soft) at `seconds` more than used so far; None lifts it."""
    global _cpu_deadline
    if resource is None:
        _cpu_deadline = None if seconds is None else time.process_time() + seconds
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if seconds is None:
            soft = hard
        else:
            soft = int(time.process_time() + seconds) + 1
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass  # not supported here: the profiling timer still applies


def _timeout_error(cpu_seconds: float) -> UserError:
    return UserError(
        f"Dựng mẫu vượt quá {cpu_seconds:g} giây và đã bị dừng: mẫu có thể quá phức tạp "
        "hoặc bị lỗi. Không có tệp nào được ghi.",
        f"Rendering took over {cpu_seconds:g} s of CPU and was stopped: the template may "
        "be too complex or broken. No file was written.",
    )


def _memory_error() -> UserError:
    return UserError(
        "Dựng mẫu cần quá nhiều bộ nhớ và đã bị dừng: mẫu có thể quá phức tạp hoặc bị lỗi. "
        "Không có tệp nào được ghi.",
        "Rendering needed too much memory and was stopped: the template may be too "
        "complex or broken. No file was written.",
    )


def _resource_error(exc: BaseException) -> UserError:
    if isinstance(exc, RecursionError):
        return UserError(
            "Mẫu lồng nhau quá sâu, không dựng được. Không có tệp nào được ghi.",
            "The template nests too deeply to render. No file was written.",
        )
    return _memory_error()


def _bounded_call(
    cpu_seconds: float,
    environment: dict[str, str | None],
    fn: Callable,
    args: tuple,
    kwargs: dict,
) -> Any:
    for key, value in environment.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    _set_hard_cpu_limit(cpu_seconds + HARD_CPU_MARGIN)
    _set_cpu_timer(cpu_seconds)
    try:
        return fn(*args, **kwargs)
    except RenderTimeout:
        raise _timeout_error(cpu_seconds) from None
    except (MemoryError, RecursionError) as exc:
        raise _resource_error(exc) from None
    except UserError as exc:
        # The render path wraps template failures into a UserError naming the template;
        # when the cause was a resource limit, say that instead of an empty message.
        cause = exc.__cause__
        if isinstance(cause, MemoryError | RecursionError):
            raise _resource_error(cause) from None
        raise
    except Exception as exc:  # layout or drawing failed on hostile input: one clear line
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        raise UserError(
            f"Không dựng được ấn phẩm: mẫu hoặc dữ liệu gây lỗi khi dàn trang ({detail}). "
            "Không có tệp nào được ghi.",
            f"The piece could not be rendered: the template or its data broke the layout "
            f"({detail}). No file was written.",
        ) from None
    finally:
        _set_cpu_timer(0)
        _set_hard_cpu_limit(None)


def _set_cpu_timer(seconds: float) -> None:
    """The profiling timer that raises `RenderTimeout` (0 stops it); not on Windows."""
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_PROF, seconds)


def _env_number(name: str, default: float) -> Any:
    try:
        value = type(default)(os.environ[name])
    except (KeyError, ValueError):
        return default
    return value if value > 0 else default


def _task_environment() -> dict[str, str | None]:
    return {key: os.environ.get(key) for key in TASK_ENVIRONMENT}


def start_method() -> str:
    """forkserver where there is one: workers start fast (the fork server has the render
    modules preloaded) and never inherit the window's Qt state or threads; spawn on
    Windows."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


# What every render process needs: imported once, by the fork server.
RENDER_MODULES = ("ansinh.core.render.chunk", "ansinh.core.render.piece", "markdown", "segno")


def start_fork_server(*modules: str) -> None:
    """Start the fork server now (if this platform has one), with the render modules
    and `modules` imported in it: every worker, and one restarted after a crash, is
    then forked with WeasyPrint and PDFium loaded instead of importing them itself
    (~1.2 s of CPU each, most of it cffi reading Pango's declarations). Called early
    (the window while it is built, the CLI before it reads the sheet), that import
    overlaps other work. Only the first call's modules count."""
    if start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*RENDER_MODULES, *modules])
    tempdirs.prepare()  # the fork server's socket goes in the app's temp folder
    forkserver.ensure_running()


class RenderPool:
    """A small pool of render processes; `submit` returns a Future of fn's result."""

    def __init__(
        self,
        workers: int | None = None,
        memory_mb: int | None = None,
        cpu_seconds: float | None = None,
    ) -> None:
        self.workers = workers or max(1, min(os.cpu_count() or 1, 4))
        # Defaults may be tuned per machine (a slow office PC, the tests).
        self.memory_mb = memory_mb or _env_number("ANSINH_RENDER_MEMORY_MB", DEFAULT_MEMORY_MB)
        self.cpu_seconds = cpu_seconds or _env_number(
            "ANSINH_RENDER_CPU_SECONDS", DEFAULT_CPU_SECONDS
        )
        self._executor: ProcessPoolExecutor | None = None
        self._temps: dict[ProcessPoolExecutor, Path | None] = {}  # its workers' TMPDIR
        # Which executor ran a task, and which were stopped on purpose (not crashed).
        self._origin: weakref.WeakKeyDictionary[Future, ProcessPoolExecutor] = (
            weakref.WeakKeyDictionary()
        )
        self._terminated: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            start_fork_server()
            context = multiprocessing.get_context(start_method())
            temp = tempdirs.pool_folder()
            executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.memory_mb, temp),
            )
            self._temps[executor] = temp
            self._executor = executor
        return self._executor

    @property
    def temp_folder(self) -> Path | None:
        """The current workers' temporary folder (None before the first task)."""
        return self._temps.get(self._executor) if self._executor else None

    def _drop_executor(self) -> tuple[ProcessPoolExecutor | None, Path | None]:
        """Forget the executor (a next task starts a fresh one); the caller stops it and
        then removes its workers' temporary folder. One swap: `terminate` may run on
        another thread than the one starting the next executor."""
        executor, self._executor = self._executor, None
        return executor, self._temps.pop(executor, None) if executor else None

    def submit(self, fn: Callable, *args: Any, **kwargs: Any) -> Future:
        task = (_bounded_call, self.cpu_seconds, _task_environment(), fn, args, kwargs)
        try:
            executor = self._pool()
            future = executor.submit(*task)
        except BrokenProcessPool:
            self.restart()
            executor = self._pool()
            future = executor.submit(*task)
        self._origin[future] = executor
        return future

    def result(self, future: Future) -> Any:
        """The task's result; a dead worker becomes `WorkerDied` and a fresh pool, a
        worker stopped by `terminate` `RenderStopped`."""
        try:
            return future.result()
        except BrokenProcessPool:
            executor = self._origin.get(future)
            if executor in self._terminated:
                raise RenderStopped("Đã dừng theo yêu cầu.", "Stopped on request.") from None
            # Every task in flight fails with the dead worker's pool: only the first one
            # seen replaces it, not the fresh pool later tasks went to.
            if executor is self._executor:
                self.restart()
            raise WorkerDied(
                "Tiến trình dựng hình bị dừng đột ngột (quá thời gian, hết bộ nhớ hoặc lỗi "
                "phông/ảnh). Không có tệp nào được ghi.",
                "The render process stopped abruptly (out of time or memory, or a font/image "
                "fault). No file was written.",
            ) from None

    def terminate(self) -> None:
        """Stop now (cancel): kill the workers instead of waiting for their tasks.

        Safe to call from another thread than the one waiting for a result (the
        desktop app's Stop button): the executor is taken before it is torn down."""
        executor, temp = self._drop_executor()
        if executor is None:
            return
        self._terminated.add(executor)
        engine.kill_executor(executor)
        tempdirs.remove(temp)

    def restart(self) -> None:
        executor, temp = self._drop_executor()
        if executor is not None:
            # Not waited for: after a crash the executor stops its other workers itself.
            # Whatever they still write there is removed with the process's folder.
            executor.shutdown(wait=False, cancel_futures=True)
        tempdirs.remove(temp)

    def close(self) -> None:
        executor, temp = self._drop_executor()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        tempdirs.remove(temp)

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
