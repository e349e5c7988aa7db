"""Work around a reference-counting bug in some PySide6 builds (seen in 6.12.0).

Those builds return `None` from void methods (`setText`, `processEvents`, …) and `True`
from `Signal.emit` without taking a reference, so every call takes one reference away
from the interpreter's singletons. Python 3.12+ makes the singletons immortal and never
notices; on Python 3.11 the count reaches zero after enough calls and the interpreter
aborts ("none_dealloc"/"bool_dealloc") — in a long editing session, or at exit.

`protect_singletons()` detects the leak and, only then, gives the singletons a reference
count so large that no session can exhaust it: the same thing Python 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_SINGLETONS = (None, True, False, Ellipsis, NotImplemented)
_MARGIN = 1 << 40
_state = {"protected": False}


def singletons_leak() -> bool:
    """True if calling Qt from Python loses references to None or True."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(16):
        probe.setObjectName("probe")
        probe.ping.emit()
    leaked = sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before
    probe.deleteLater()
    return leaked


def protect_singletons() -> bool:
    """Apply the workaround if this PySide6 build needs it; returns whether it did."""
    if _state["protected"] or sys.version_info >= (3, 12) or \
            sys.implementation.name != "cpython" or not singletons_leak():
        return _state["protected"]
    for obj in _SINGLETONS:
        before = sys.getrefcount(obj)
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, first field in CPython
        count.value += _MARGIN
        if sys.getrefcount(obj) != before + _MARGIN:  # not the layout we expect: undo
            count.value -= _MARGIN
            return False
    _state["protected"] = True
    return True
