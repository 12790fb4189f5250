"""A workaround for a reference-count bug of PySide6 6.12.0 on CPython 3.11.

Every ``SignalInstance.emit()`` called from Python there returns ``True`` without
owning a reference to it, so each emit lowers ``True``'s reference count by one; after
a few hundred emits the interpreter aborts ("Fatal Python error: bool_dealloc"). A
model emits ``dataChanged`` and a task manager a signal per task, so the program would
die within minutes. ``emit()`` below gives the reference back, only when a probe shows
that the running PySide6 has the bug (a fixed PySide6 needs no change here).
Every emit from Python in ``ui/`` goes through it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_broken: bool | None = None


class _Probe(QObject):
    ping = Signal()


def _returns_unowned_bool() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # the probe's own emit
    return lost > 0


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, without the bug's lost reference."""
    global _broken
    if _broken is None:
        _broken = _returns_unowned_bool()
    signal.emit(*args)
    if _broken:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
