"""The one way the window runs work off the UI thread: a `Lane` of threads runs a
function, and its `Task` brings the result, the error and any progress back to the UI
thread as signals.

The preview, the gallery's thumbnails, exports, the batch dialog (reading the sheet,
checking rows, the run) and the autosave all go through it. Renders themselves run in
`RenderPool` processes (PDFium and WeasyPrint never run in the window's process); a lane
thread submits them and waits for their results, so the UI thread never does. Each owner
has its own lane, so a long export never queues a preview behind it.

The function runs as `fn(task, *args)`: it may call `task.report(value)` (progress) and
look at `task.cancelled` (Stop was pressed). A result for a task whose owner is gone
(the dialog was closed) is dropped.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal


def deliver(receiver: QObject, signal: str, *args: Any) -> None:
    """Emit from another thread, unless the receiver is already gone (window closed)."""
    if shiboken6.isValid(receiver):
        with contextlib.suppress(RuntimeError):
            getattr(receiver, signal).emit(*args)


class Task(QObject):
    """One call on a lane; its signals fire on the thread that made the task (the UI)."""

    progressed = Signal(object)  # what the function reported
    done = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised
    _arrived = Signal(str, object)  # from the lane's thread to ours

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.finished = False
        self._arrived.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the function to stop; it decides when (it may also be stopped by its
        owner killing the render processes it waits for)."""
        self._cancel.set()

    def report(self, value: Any) -> None:
        """From the function: progress for the UI."""
        deliver(self, "_arrived", "progressed", value)

    def _run(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            result = fn(self, *args)
        except BaseException as exc:  # noqa: BLE001 - handed to the owner, who reports it
            deliver(self, "_arrived", "failed", exc)
        else:
            deliver(self, "_arrived", "done", result)

    def _dispatch(self, kind: str, value: Any) -> None:
        if kind != "progressed":
            self.finished = True
        getattr(self, kind).emit(value)


def _stop(jobs: queue.SimpleQueue, threads: list[threading.Thread]) -> None:
    """Drop the queued work and let each thread end after the call it is in."""
    with contextlib.suppress(queue.Empty):
        while True:
            jobs.get_nowait()
    for _ in threads:
        jobs.put(None)


class Lane:
    """Threads for one owner's background work (one thread: tasks run in order).

    Daemon threads: a call still waiting for a render never holds up the app's exit
    (a `ThreadPoolExecutor` joins its threads then). A lane no one holds stops itself."""

    def __init__(self, name: str, threads: int = 1) -> None:
        self._name, self._size = name, max(1, threads)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._closed = False
        self._live: set[Task] = set()  # kept until their result is delivered
        weakref.finalize(self, _stop, self._jobs, self._threads)

    def run(self, fn: Callable[..., Any], *args: Any,
            on_done: Callable[[Any], Any] | None = None,
            on_error: Callable[[BaseException], Any] | None = None,
            on_progress: Callable[[Any], Any] | None = None,
            parent: QObject | None = None) -> Task:
        """Run `fn(task, *args)` on this lane; the callbacks run on the UI thread. With
        `parent`, the task goes with it (a closed dialog hears nothing more)."""
        task = Task(parent)
        for signal, slot in ((task.done, on_done), (task.failed, on_error),
                             (task.progressed, on_progress)):
            if slot is not None:
                signal.connect(slot)
        if self._closed:
            return task
        self._live.add(task)
        for signal in (task.done, task.failed):
            signal.connect(lambda _, t=task: self._live.discard(t))
        self._jobs.put((task, fn, args))
        if len(self._threads) < self._size:
            thread = threading.Thread(target=_work, args=(self._jobs,), daemon=True,
                                      name=f"{self._name}-{len(self._threads)}")
            self._threads.append(thread)
            thread.start()
        return task

    def shutdown(self, wait: bool = False) -> None:
        """No new work; queued work is dropped, and the work running is waited for only
        with `wait`."""
        self._closed = True
        self._live.clear()
        _stop(self._jobs, self._threads)
        if wait:
            for thread in self._threads:
                thread.join()


def _work(jobs: queue.SimpleQueue) -> None:
    while (job := jobs.get()) is not None:
        task, fn, args = job
        task._run(fn, args)
