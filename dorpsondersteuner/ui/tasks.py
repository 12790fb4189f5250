"""The task manager: all register work on one worker thread, results on the GUI thread.

Modelled on Anki's ``aqt/taskman.py`` and ``aqt/operations`` (QueryOp/CollectionOp):

- ``call(fn)`` runs any function on the DB worker (opening the register, making the
  demo register);
- ``query(fn)`` runs ``fn(session)`` in a fresh Session that is closed afterwards;
- ``write(fn)`` runs ``fn(session)`` in one transaction, then emits ``changed`` with the
  ``Changes`` the write collected, so views refresh from what changed, not by polling
  (Anki's ``OpChanges`` and ``operation_did_execute``).

Every callback runs on the GUI thread: the worker only emits a queued signal, it never
touches a widget. A Session, an engine or an ORM object never leaves the worker; tasks
return the services' frozen DTOs.

A task may carry a ``key``: a newer task with the same key replaces an older one that
has not started, and the result of an older one that did start is dropped. Typing in
the search box thus runs only the newest search ("latest wins").

One worker keeps SQLite single-writer and ordered; a network worker arrives with sync.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass
class _Task:
    number: int
    kind: str  # call | query | write
    fn: Callable[..., Any]
    on_done: Callback | None
    on_failed: Callback | None
    key: str | None
    cancelled: bool = False
    result: Any = None
    error: BaseException | None = None
    changes: Any = None
    done: threading.Event = field(default_factory=threading.Event)


class TaskManager(QObject):
    """One DB worker thread; results delivered on the GUI thread by a queued signal."""

    changed = Signal(object)  # services.changes.Changes, after every successful write
    failed = Signal(object)  # an error no callback handled (BaseException)
    idle = Signal()  # nothing queued or running any more
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._numbers = itertools.count(1)
        self._latest: dict[str, int] = {}  # key -> number of the newest task with it
        self._pending: list[_Task] = []  # GUI-thread view of tasks not yet delivered
        self._register: Any = None  # owned by the worker thread only
        self._deliver.connect(self._on_deliver)
        self._thread = threading.Thread(target=self._work, name="dorpsondersteuner-db", daemon=True)
        self._thread.start()
        self._stopped = False

    # --- GUI thread ------------------------------------------------------------------

    def call(
        self,
        fn: Callable[[], Any],
        on_done: Callback | None = None,
        on_failed: Callback | None = None,
        *,
        key: str | None = None,
    ) -> None:
        self._submit("call", fn, on_done, on_failed, key)

    def query(
        self,
        fn: Callable[[Any], Any],
        on_done: Callback | None = None,
        on_failed: Callback | None = None,
        *,
        key: str | None = None,
    ) -> None:
        """Run ``fn(session)`` on the worker: a read. It commits all the same, so that
        reading case data keeps its access-log entry (D11); it announces no changes."""
        self._submit("query", fn, on_done, on_failed, key)

    def write(
        self,
        fn: Callable[[Any], Any],
        on_done: Callback | None = None,
        on_failed: Callback | None = None,
    ) -> None:
        """Run ``fn(session)`` in one transaction; on success ``on_done(result)`` and
        then ``changed(changes)``. On failure nothing is written."""
        self._submit("write", fn, on_done, on_failed, None)

    def use_register(self, register: Any) -> None:
        """Called on the worker (inside a ``call``) to hand it the open register."""
        assert threading.current_thread() is self._thread, "only the worker holds the register"
        if self._register is not None:
            self._register.close()
        self._register = register

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Finish the running task, drop the rest, close the register, stop the worker."""
        if self._stopped:
            return
        self._stopped = True
        for task in self._pending:
            task.cancelled = True
        self._queue.put(None)
        self._thread.join(timeout)

    def _submit(
        self,
        kind: str,
        fn: Callable[..., Any],
        on_done: Callback | None,
        on_failed: Callback | None,
        key: str | None,
    ) -> None:
        if self._stopped:
            return
        task = _Task(next(self._numbers), kind, fn, on_done, on_failed, key)
        if key is not None:
            self._latest[key] = task.number
            for older in self._pending:
                if older.key == key:
                    older.cancelled = True  # the worker skips it if not yet started
        self._pending.append(task)
        self._queue.put(task)

    def _on_deliver(self, task: _Task) -> None:
        if task in self._pending:
            self._pending.remove(task)
        superseded = task.key is not None and self._latest.get(task.key) != task.number
        if not (task.cancelled or superseded or self._stopped):
            try:
                if task.error is not None:
                    if task.on_failed is not None:
                        task.on_failed(task.error)
                    else:
                        self.failed.emit(task.error)
                else:
                    if task.on_done is not None:
                        task.on_done(task.result)
                    if task.kind == "write":
                        self.changed.emit(task.changes)
            except Exception as error:  # a bug in a callback: report, keep running
                log.exception("task callback failed")
                self.failed.emit(error)
        if not self._pending:
            self.idle.emit()

    # --- worker thread ---------------------------------------------------------------

    def _work(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                break
            if not task.cancelled:
                try:
                    self._run(task)
                except BaseException as error:  # delivered to the GUI thread, never lost
                    task.error = error
            task.done.set()
            self._deliver.emit(task)
        if self._register is not None:
            self._register.close()
            self._register = None

    def _run(self, task: _Task) -> None:
        if task.kind == "call":
            task.result = task.fn()
            return
        if self._register is None:
            raise RuntimeError("no register is open")
        if task.kind == "query":
            # Committed too: reading case data writes its access-log entry (D11).
            with self._register.transaction() as session:
                task.result = task.fn(session)
            return
        from ..services.changes import collected_changes

        with self._register.transaction() as session:
            task.result = task.fn(session)
            task.changes = collected_changes(session)
