"""The task manager: work on one worker thread, results on the GUI thread, in order."""

from __future__ import annotations

import gc
import sys
import threading

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from dorpsondersteuner.ui.tasks import TaskManager


def test_results_come_back_on_the_gui_thread_and_latest_wins(qtbot: QtBot) -> None:
    tasks = TaskManager()
    gui = threading.current_thread()
    seen: list[tuple[str, object]] = []
    workers: set[str] = set()

    def work(value: int) -> int:
        workers.add(threading.current_thread().name)
        return value

    for value in range(5):
        tasks.call(lambda v=value: work(v), lambda r: seen.append(("search", r)), key="search")
    tasks.call(lambda: work(99), lambda r: seen.append(("other", r)))
    tasks.call(lambda: 1 / 0, None, lambda e: seen.append(("failed", type(e).__name__)))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert threading.current_thread() is gui
    assert workers == {"dorpsondersteuner-db"}
    assert seen == [("search", 4), ("other", 99), ("failed", "ZeroDivisionError")]
    tasks.shutdown()


def test_many_tasks_do_not_wear_out_the_interpreter(qtbot: QtBot) -> None:
    """PySide6 6.12.0 lost a reference to True on every emit (hence its exclusion in
    pyproject.toml): a few hundred tasks aborted the process."""
    tasks = TaskManager()
    # Widgets of earlier tests waiting for deletion would drop their references to True
    # during the loop: delete them first, so only the tasks are measured.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    before = sys.getrefcount(True)
    done: list[int] = []
    for value in range(2000):
        tasks.call(lambda v=value: v, done.append)
    qtbot.waitUntil(lambda: len(done) == 2000, timeout=20_000)
    assert sys.getrefcount(True) >= before - 50
    tasks.shutdown()
