"""The task manager and its typed operations: all register work on one worker thread,
results on the GUI thread.

Modelled on Anki's ``aqt/taskman.py`` and ``aqt/operations`` (``QueryOp`` and
``CollectionOp``): an operation is the work, typed by what it returns, and what to do
with that result or with a failure, run by the task manager:

- ``QueryOp(op, success)``: ``op(session)`` in a fresh Session that is closed
  afterwards (a read);
- ``WriteOp(op, success)``: ``op(session)`` in one transaction, then ``changed`` is
  emitted with the ``Changes`` the write collected, so views refresh from what changed,
  not by polling (Anki's ``CollectionOp``, ``OpChanges`` and ``operation_did_execute``);
- ``CallOp(op, success)``: any function on the worker (opening the register, making
  the demo register).

``success`` gets exactly what ``op`` returned, and the type checker knows its type.
Every callback runs on the GUI thread: the worker only emits a queued signal, it never
touches a widget. A Session, an engine or an ORM object never leaves the worker;
operations return the services' frozen DTOs.

A read may be the ``latest(key)``: a newer operation with the same key replaces an
older one that has not started, and the result of an older one that did start is
dropped. Typing in the search box thus runs only the newest search ("latest wins").

One worker keeps SQLite single-writer and ordered. A second, network worker (started
only for a real register: the demo never syncs) runs ``NetOp``s: the HTTP of a sync. A
``NetOp`` hands each piece of register work to the DB worker with ``on_db`` and waits
for it, so a pulled page is applied on the one writer and the GUI thread never waits
for the network.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, Self, TypeVar

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # SQLAlchemy loads on the worker, after the first paint
    from sqlalchemy.orm import Session

    from ..register import Register
    from ..services.changes import Changes

log = logging.getLogger(__name__)

T = TypeVar("T")
Failure = Callable[[BaseException], object]
Work = Callable[["Session"], object]  # what a form or dialog asks to be written


class _Pending(ABC):
    """An operation as the task manager handles it, whatever it returns."""

    def __init__(self) -> None:
        self.number = 0
        self.key: str | None = None
        self.cancelled = False
        self.error: BaseException | None = None
        self.changes: Changes | None = None  # a write's, once it is done
        self.done = threading.Event()
        self._failure: Failure | None = None

    @abstractmethod
    def execute(self, register: Register | None) -> None:
        """On the worker: do the work, keep its result."""

    @abstractmethod
    def succeeded(self) -> None:
        """On the GUI thread: hand the result on."""

    def failed(self, otherwise: Failure) -> None:
        """On the GUI thread: hand the error on, to ``otherwise`` if nobody asked."""
        assert self.error is not None
        (self._failure or otherwise)(self.error)


class Op(_Pending, Generic[T]):
    """The work, and what to do with its result (``success``) or its failure."""

    _result: T

    def __init__(self, success: Callable[[T], object] | None = None) -> None:
        super().__init__()
        self._success = success

    def failure(self, failure: Failure) -> Self:
        """Call ``failure`` with the error instead of reporting it as unhandled."""
        self._failure = failure
        return self

    def run(self, tasks: TaskManager) -> None:
        tasks.submit(self)

    def succeeded(self) -> None:
        if self._success is not None:
            self._success(self._result)


class CallOp(Op[T]):
    """Any function on the worker, no session."""

    def __init__(self, op: Callable[[], T], success: Callable[[T], object] | None = None) -> None:
        super().__init__(success)
        self._op = op

    def latest(self, key: str) -> Self:
        """A newer operation with this key replaces this one (latest wins)."""
        self.key = key
        return self

    def execute(self, register: Register | None) -> None:
        self._result = self._op()


class QueryOp(Op[T]):
    """A read: ``op(session)`` in a session of its own. It commits all the same, so
    that reading case data keeps its access-log entry (D11); it announces no changes."""

    def __init__(
        self, op: Callable[[Session], T], success: Callable[[T], object] | None = None
    ) -> None:
        super().__init__(success)
        self._op = op

    def latest(self, key: str) -> Self:
        """A newer operation with this key replaces this one (latest wins)."""
        self.key = key
        return self

    def execute(self, register: Register | None) -> None:
        if register is None:
            raise RuntimeError("no register is open")
        with register.transaction() as session:
            self._result = self._op(session)


class WriteOp(Op[T]):
    """A write: ``op(session)`` in one transaction; on success ``success(result)`` and
    then ``TaskManager.changed`` with what it changed. On failure nothing is written."""

    def __init__(
        self, op: Callable[[Session], T], success: Callable[[T], object] | None = None
    ) -> None:
        super().__init__(success)
        self._op = op

    def execute(self, register: Register | None) -> None:
        if register is None:
            raise RuntimeError("no register is open")
        from ..services.changes import collected_changes

        with register.transaction() as session:
            self._result = self._op(session)
            self.changes = collected_changes(session)


class NetOp(CallOp[T]):
    """Any function on the network worker (``TaskManager.submit_network``); it reaches
    the register only through ``TaskManager.on_db``."""


class _Piece(_Pending):
    """Register work a ``NetOp`` waits for; never delivered to the GUI thread."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self._work = work
        self.result: object = None

    def execute(self, register: Register | None) -> None:
        self.result = self._work()

    def succeeded(self) -> None:  # pragma: no cover - pieces are not delivered
        pass


class StoppedError(RuntimeError):
    """The task manager stopped while a network task waited for the DB worker."""


class TaskManager(QObject):
    """One DB worker thread; results delivered on the GUI thread by a queued signal."""

    changed = Signal(object)  # services.changes.Changes, after every successful write
    failed = Signal(object)  # an error no callback handled (BaseException)
    idle = Signal()  # nothing queued or running any more
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Pending | None] = queue.Queue()
        self._numbers = itertools.count(1)
        self._latest: dict[str, int] = {}  # key -> number of the newest task with it
        self._pending: list[_Pending] = []  # GUI-thread view of tasks not yet delivered
        self._register: Register | None = None  # owned by the worker thread only
        self._deliver.connect(self._on_deliver)
        self._thread = threading.Thread(target=self._work, name="dorpsondersteuner-db", daemon=True)
        self._thread.start()
        self._stopped = False
        self._net_queue: queue.Queue[_Pending | None] = queue.Queue()
        self._net_thread: threading.Thread | None = None  # started by the first NetOp

    # --- GUI thread ------------------------------------------------------------------

    def submit(self, op: _Pending) -> None:
        """Queue ``op`` for the worker (``Op.run`` does this)."""
        if self._stopped:
            return
        op.number = next(self._numbers)
        if op.key is not None:
            self._latest[op.key] = op.number
            for older in self._pending:
                if older.key == op.key:
                    older.cancelled = True  # the worker skips it if not yet started
        self._pending.append(op)
        self._queue.put(op)

    def submit_network(self, op: NetOp[T]) -> None:
        """Queue ``op`` for the network worker, starting it the first time."""
        if self._stopped:
            return
        op.number = next(self._numbers)
        self._pending.append(op)
        if self._net_thread is None:
            self._net_thread = threading.Thread(
                target=self._work_network, name="dorpsondersteuner-net", daemon=True
            )
            self._net_thread.start()
        self._net_queue.put(op)

    def on_db(self, work: Callable[[], T]) -> T:
        """From the network worker: run ``work`` on the DB worker, wait, return its result
        (or raise its error). The register's writer stays the one DB worker."""
        assert threading.current_thread() is not self._thread, "already on the DB worker"
        piece = _Piece(work)
        self._queue.put(piece)
        while not piece.done.wait(0.2):
            if self._stopped and not self._thread.is_alive():
                raise StoppedError("the program is closing")
        if piece.error is not None:
            raise piece.error
        return piece.result  # type: ignore[return-value]

    def held_register(self) -> Register:
        """On the DB worker: the open register (for work a ``NetOp`` hands back to it)."""
        assert threading.current_thread() is self._thread, "only the worker holds the register"
        if self._register is None:
            raise RuntimeError("no register is open")
        return self._register

    # Shorthands for scripts and benchmarks (bench/desktop.py); the program uses the ops.

    def call(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_failed: Failure | None = None,
        *,
        key: str | None = None,
    ) -> None:
        op = CallOp(fn, on_done)
        op.key = key
        self.submit(op.failure(on_failed) if on_failed else op)

    def query(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], object] | None = None,
        on_failed: Failure | None = None,
        *,
        key: str | None = None,
    ) -> None:
        op = QueryOp(fn, on_done)
        op.key = key
        self.submit(op.failure(on_failed) if on_failed else op)

    def use_register(self, register: Register) -> None:
        """Called on the worker (inside a ``CallOp``) to hand it the open register."""
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
        self._net_queue.put(None)
        self._queue.put(None)
        self._thread.join(timeout)
        if self._net_thread is not None:
            # An HTTP request in flight ends by its own timeout; the thread is a daemon.
            self._net_thread.join(1.0)

    def _on_deliver(self, task: _Pending) -> None:
        if task in self._pending:
            self._pending.remove(task)
        superseded = task.key is not None and self._latest.get(task.key) != task.number
        if not (task.cancelled or superseded or self._stopped):
            try:
                if task.error is not None:
                    task.failed(self.failed.emit)
                else:
                    task.succeeded()
                    if task.changes is not None:
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
                    task.execute(self._register)
                except BaseException as error:  # delivered to the GUI thread, never lost
                    task.error = error
            task.done.set()
            if not isinstance(task, _Piece):
                self._deliver.emit(task)
        if self._register is not None:
            self._register.close()
            self._register = None
        # A network task still waiting for a piece is told the program is closing.
        while True:
            try:
                left = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(left, _Piece):
                left.error = StoppedError("the program is closing")
                left.done.set()

    def _work_network(self) -> None:
        while True:
            task = self._net_queue.get()
            if task is None:
                break
            if not task.cancelled:
                try:
                    task.execute(None)
                except BaseException as error:  # delivered to the GUI thread, never lost
                    task.error = error
            task.done.set()
            self._deliver.emit(task)
