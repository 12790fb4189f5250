"""``--screenshot FILE [--view NAME]``: render one view of the register at 1280×800 as
the default demo user, save a PNG and exit, without any modal dialog.

Views: ``list`` (all requests the user may see, the first one open), ``detail`` (a
request with a history, the detail pane wide), ``intake`` (a new request, the resident
lookup showing its results).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from .app import Desktop

SETTLE_MS = 150  # let the last layout and paint happen before the grab
TIMEOUT_MS = 120_000


class Screenshot(QObject):
    def __init__(self, desktop: Desktop, path: Path, view: str) -> None:
        super().__init__()
        self.desktop = desktop
        self.path = path
        self.view = view
        self.saved = False
        self._started = False
        desktop.window.painted.connect(self._poll)
        QTimer.singleShot(TIMEOUT_MS, self._give_up)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        work = self.desktop.work
        if work is None or self._started or not work.model.ready:
            return
        if work.tasks.busy:
            return
        self._started = True
        self._timer.stop()
        if self.view == "list":
            work.select_view("all")
            self._when_idle(self._grab)
        elif self.view == "detail":
            work.select_view("all")
            self._when_idle(self._pick_rich_request)
        else:
            self._when_idle(self._intake)

    def _when_idle(self, then: Callable[[], None]) -> None:
        work = self.desktop.work

        def check() -> None:
            if work.tasks.busy or not work.model.ready:
                QTimer.singleShot(30, check)
            else:
                QTimer.singleShot(SETTLE_MS, then)

        QTimer.singleShot(30, check)

    def _pick_rich_request(self) -> None:
        from ..models.enums import Level

        work = self.desktop.work
        chosen = 0
        for row in range(min(work.model.rowCount(), 50)):
            data = work.model.row_data(row)
            if data is not None and data.level is not Level.VILLAGE and data.next_due:
                chosen = row
                break
        work.setSizes([170, 430, 680])
        work.table.selectRow(chosen)
        self._when_idle(self._grab)

    def _intake(self) -> None:
        work = self.desktop.work
        first = work.model.row_data(0)
        work.start_intake()
        if first is not None:
            work.form.lookup.setText(first.resident_name.split()[-1])
            work.form._lookup()
        self._when_idle(self._grab)

    def _grab(self) -> None:
        window = self.desktop.window
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.saved = window.grab().save(str(self.path), "PNG")
        print(f"saved {self.path}" if self.saved else f"could not save {self.path}", flush=True)
        QCoreApplication.exit(0 if self.saved else 1)

    def _give_up(self) -> None:
        if not self.saved:
            print("the view did not finish loading in time", flush=True)
            QCoreApplication.exit(1)
