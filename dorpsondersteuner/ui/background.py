"""Run one function off the GUI thread and get its result back on the GUI thread.

A stop-gap for the first window; the task manager (one DB worker, one network worker)
replaces it. The result travels by a queued signal: a worker never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Delivery(QObject):
    done = Signal(object)
    failed = Signal(object)


_running: set[_Delivery] = set()  # keeps each delivery alive until it has reported


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Call ``work()`` on a new thread; then ``on_done(result)`` or ``on_error(error)``
    on the GUI thread (this function must be called from the GUI thread)."""
    delivery = _Delivery()
    _running.add(delivery)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(delivery)
        callback(value)

    delivery.done.connect(lambda value: finish(on_done, value))
    delivery.failed.connect(lambda error: finish(on_error, error))

    def run() -> None:
        try:
            result = work()
        except BaseException as error:  # reported on the GUI thread, never lost
            delivery.failed.emit(error)
        else:
            delivery.done.emit(result)

    threading.Thread(target=run, name="dorpsondersteuner-load", daemon=True).start()
