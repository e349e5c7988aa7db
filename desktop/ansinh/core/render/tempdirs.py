"""The render processes' own temporary folder, under the user cache.

WeasyPrint copies a template's fonts into a `weasyprint-*` folder that it removes only
when its font configuration is garbage-collected, which a pool worker never reaches: it
ends with `os._exit`, or is killed by a limit. multiprocessing keeps the fork server's
socket in a `pymp-*` folder that an owner killed outright leaves behind. So these go in
a folder of the app's own, where nothing outlives the process that made it:

    <cache>/tmp/<owner>/             one per process that owns pools, locked while it runs
        lock
        pymp-*/                      that process's multiprocessing folder
        pool-<n>/                    one per pool's set of workers: their TMPDIR

A pool's folder is removed when its workers stop (the pool closes, is cancelled, or
starts afresh after a crash); the owner's folder when its process exits. A process
killed outright leaves its folder, so the first pool of the next start sweeps every
owner folder whose lock is free.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing.util
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from .. import paths
from ..filenames import try_lock

LOCK = "lock"
# A free folder younger than this may be one another process is still setting up (made,
# its lock not yet taken): the sweep leaves it to the next start.
STALE_SECONDS = 10.0
TEMP_VARIABLES = ("TMPDIR", "TEMP", "TMP")  # what native libraries read, on every platform

_guard = threading.RLock()  # reentrant: a deep folder adopts a short one while held
_owners: dict[Path, Path] = {}  # temp root -> this process's folder in it
_pool_numbers = itertools.count(1)


def temp_root() -> Path:
    return paths.cache_dir() / "tmp"  # short: the fork server's socket path lives below it


def _abandoned(folder: Path) -> bool:
    """True if no running process owns `folder` (its lock is free) and it is not new."""
    try:
        if time.time() - folder.stat().st_mtime < STALE_SECONDS:
            return False
        with open(folder / LOCK, "a+b") as handle:
            return try_lock(handle)  # closing the handle releases it again
    except OSError:
        return False


def sweep(root: Path) -> int:
    """Remove the folders of owners that are gone; returns how many were removed."""
    removed = 0
    with contextlib.suppress(OSError):
        for folder in root.iterdir():
            if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed


def _remove_owner(folder: Path, handle: IO[bytes]) -> None:
    handle.close()  # Windows cannot remove an open file
    shutil.rmtree(folder, ignore_errors=True)


def _owner_folder(root: Path | None = None) -> Path | None:
    """This process's folder under `root` (the current temp root), made (after sweeping
    the dead owners' folders) on first use; None if the cache cannot be written, and
    then the system temp folder is used as before."""
    root = root or temp_root()
    with _guard:
        if root in _owners:
            return _owners[root]
        try:
            root.mkdir(parents=True, exist_ok=True)
            sweep(root)
            folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
            handle = open(folder / LOCK, "a+b")  # noqa: SIM115 - held until exit
        except OSError:
            return None
        if not try_lock(handle):
            handle.close()
            return None
        # After multiprocessing's own exit handlers (its pymp-* removal is at -100).
        multiprocessing.util.Finalize(None, _remove_owner, (folder, handle), exitpriority=-200)
        _owners[root] = folder
        if root == temp_root():
            _adopt_multiprocessing_folder(folder)
        return folder


# A Unix socket's path is at most 108 bytes (104 on macOS); the fork server's is
# <folder>/pymp-xxxxxxxx/listener-xxxxxxxx, 32 bytes more than the folder.
SOCKET_PATH_MAX = 100


def _adopt_multiprocessing_folder(folder: Path) -> None:
    """multiprocessing makes its folder (the fork server's socket) on first need, in the
    system temp folder; make it now, in ours — unless our folder's path is too long for
    a socket (a deep user folder), where the system temp folder, or /tmp, has to do.
    A no-op if multiprocessing has its folder already."""
    def fits(candidate: Path | None) -> bool:
        return candidate is not None and len(os.fsencode(candidate)) + 32 <= SOCKET_PATH_MAX

    if not fits(folder):
        # A folder of ours in the system temp folder (or /tmp), swept like the others.
        user = getattr(os, "getuid", lambda: 0)()
        for base in (Path(tempfile.gettempdir()), Path("/tmp")):
            short = base / f"ansinh-{user}"
            if fits(short / "12345678-abcdefgh"):
                folder = _owner_folder(short)
                break
        if not fits(folder):
            return  # nothing shorter to offer: multiprocessing says why it cannot start
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        multiprocessing.util.get_temp_dir()
    finally:
        tempfile.tempdir = saved


def prepare() -> None:
    """Make this process's folder now (before the fork server starts)."""
    _owner_folder()


def pool_folder() -> Path | None:
    """A new folder for one set of a pool's workers (`remove` it once they are gone)."""
    owner = _owner_folder()
    if owner is None:
        return None
    folder = owner / f"pool-{next(_pool_numbers)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def use(folder: Path | None) -> None:
    """In a worker: make `folder` the temporary folder of Python and native code."""
    if folder is None:
        return
    tempfile.tempdir = str(folder)
    for name in TEMP_VARIABLES:
        os.environ[name] = str(folder)


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
