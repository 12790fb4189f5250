"""``--screenshot FILE [--view NAME]``: render one view of the register at 1280×800 as
the default demo user, save a PNG and exit, without any modal dialog.

Views: ``list`` (all requests the user may see, the first one open), ``detail`` (a
request with a history, the detail pane wide), ``intake`` (a new request, the resident
lookup showing its results), ``escalate`` (the escalate dialog over the window),
``review`` (the district team's queue, as Joyce van Dijk), ``followups`` (follow-ups due),
``helpers`` (neighbourhood helpers), ``deadlines`` (Wmo deadlines, as Evelien Smits)
``admin`` (the administrator's reference list, as Rob Aarts), ``filter`` (all
requests narrowed to one life domain), ``help`` (F1 over the list) and ``lock`` (the
window after Program → Lock), ``start`` (the start screen: the registers on this computer
and connecting to the municipality's server).
A dialog is drawn onto the window's picture, never shown modally. A view the user
does not have (``--view admin`` as a supporter, a list as the administrator) is refused
at once with one line on stderr and exit code 2, never a wait.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..enums import Level

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from .app import Desktop
    from .work import WorkArea

# Which of the core's view capabilities each screenshot view needs.
NEEDS = {
    "list": "requests",
    "detail": "requests",
    "intake": "intake",
    "escalate": "requests",
    "review": "review_queue",
    "followups": "requests",
    "helpers": "helpers",
    "deadlines": "wmo_deadlines",
    "admin": "admin_page",
    "filter": "requests",
    "help": "requests",
    "lock": "requests",
}
REFUSED_EXIT = 2

SETTLE_MS = 150  # let the last layout and paint happen before the grab
TIMEOUT_MS = 120_000


class Screenshot(QObject):
    def __init__(self, desktop: Desktop, path: Path, view: str) -> None:
        super().__init__()
        self.desktop = desktop
        self.path = path
        self.view = view
        self.saved = False
        self.dialog: QDialog | None = None  # drawn over the window when set
        self._started = False
        desktop.window.painted.connect(self._poll)
        QTimer.singleShot(TIMEOUT_MS, self._give_up)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _refused(self) -> bool:
        """Once signed in: whether this user has the view; if not, say so and stop."""
        signed_in = self.desktop.signed_in
        if signed_in is None:
            return False
        if getattr(signed_in.views, NEEDS.get(self.view, "requests")):
            return False
        self._started = True
        self._timer.stop()
        print(
            f"dorpsondersteuner: {self.desktop.username} has no {self.view!r} view; "
            f"choose another --view or --user",
            file=sys.stderr,
            flush=True,
        )
        QCoreApplication.exit(REFUSED_EXIT)
        return True

    def _poll(self) -> None:
        if self._started or self._refused():
            return
        if self.view == "start":
            page = self.desktop.start_page
            if page is None:
                return
            self._started = True
            self._timer.stop()
            page.server.setText("https://sync.gemeente-gemert-bakel.nl")
            page.username.setText("ingrid")
            page.connect_password.setFocus()
            QTimer.singleShot(SETTLE_MS, self._grab)
            return
        admin = self.desktop.admin
        if self.view == "admin":
            if admin is None or self._started or not admin.loaded or admin.tasks.busy:
                return
            self._started = True
            self._timer.stop()
            QTimer.singleShot(SETTLE_MS, self._grab)
            return
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
        elif self.view == "escalate":
            work.select_view("mine")
            self._when_idle(self._escalate)
        elif self.view == "review":
            work.select_view("pickup")
            self._when_idle(self._grab)
        elif self.view == "filter":
            work.select_view("all")
            self._when_idle(self._filter)
        elif self.view == "help":
            work.select_view("all")
            self._when_idle(self._help)
        elif self.view == "lock":
            work.select_view("all")
            self._when_idle(self._lock)
        elif self.view in ("followups", "helpers", "deadlines"):
            work.short_lists.only_mine.setChecked(False)  # the team's too: a fuller picture
            work.select_view(self.view)
            self._when_idle(self._grab)
        else:
            self._when_idle(self._intake)

    @property
    def work(self) -> WorkArea:
        work = self.desktop.work
        assert work is not None  # _poll waits for it before anything else runs
        return work

    def _when_idle(self, then: Callable[[], None]) -> None:
        work = self.work

        def check() -> None:
            if work.tasks.busy or not work.model.ready:
                QTimer.singleShot(30, check)
            else:
                QTimer.singleShot(SETTLE_MS, then)

        QTimer.singleShot(30, check)

    def _pick_rich_request(self) -> None:
        work = self.work
        chosen = 0
        for row in range(min(work.model.rowCount(), 50)):
            data = work.model.row_data(row)
            if data is not None and data.level is not Level.VILLAGE and data.next_due:
                chosen = row
                break
        work.setSizes([170, 430, 680])
        work.table.selectRow(chosen)
        self._when_idle(self._grab)

    def _escalate(self) -> None:
        work = self.work
        chosen = 0
        for row in range(min(work.model.rowCount(), 50)):
            data = work.model.row_data(row)
            if data is not None and data.level is Level.VILLAGE:
                chosen = row
                break
        work.table.selectRow(chosen)

        def open_dialog() -> None:
            from .dialogs import EscalateDialog

            work.actions_.on_action("escalate")
            dialog = work.dialog
            if not isinstance(dialog, EscalateDialog):
                self._grab()
                return
            dialog.reason.setPlainText(
                QCoreApplication.translate(
                    "Screenshot",
                    "Buurvrouw deed boodschappen, maar verhuist. Mantelzorg door de dochter "
                    "lukt niet meer; er is een keukentafelgesprek nodig over zorg thuis.",
                )
            )
            self.dialog = dialog
            self._when_idle(self._grab)

        self._when_idle(open_dialog)

    def _filter(self) -> None:
        from ..enums import LifeDomain

        box = self.work.list_pane.life_domain
        box.setCurrentIndex(box.findData(int(LifeDomain.FINANCES)))
        self._when_idle(self._grab)

    def _help(self) -> None:
        window = self.desktop.window
        window.show_help()
        dialog = window.help_dialog
        self.dialog = dialog
        self._when_idle(self._grab)

    def _lock(self) -> None:
        self.desktop.window.lock_action.trigger()
        self._when_idle(self._grab)

    def _intake(self) -> None:
        work = self.work
        first = work.model.row_data(0)
        work.start_intake()
        if first is not None:
            work.form.lookup.setText(first.resident_name.split()[-1])
            work.form._lookup()
        self._when_idle(self._grab)

    def _grab(self) -> None:
        window = self.desktop.window
        self.path.parent.mkdir(parents=True, exist_ok=True)
        picture = window.grab()
        dialog = self.dialog
        if dialog is not None:
            # The dialog drawn centred over the window, with a thin frame.
            from PySide6.QtGui import QPainter, QPalette

            inner = dialog.grab()
            painter = QPainter(picture)
            # Logical pixels: the same place at 100 % and at 200 % scaling.
            outer_size, inner_size = picture.deviceIndependentSize(), inner.deviceIndependentSize()
            x = int(outer_size.width() - inner_size.width()) // 2
            y = int(outer_size.height() - inner_size.height()) // 2
            painter.fillRect(
                x - 1,
                y - 1,
                int(inner_size.width()) + 2,
                int(inner_size.height()) + 2,
                dialog.palette().color(QPalette.ColorRole.Dark),
            )
            painter.drawPixmap(x, y, inner)
            painter.end()
        self.saved = picture.save(str(self.path), "PNG")
        print(f"saved {self.path}" if self.saved else f"could not save {self.path}", flush=True)
        QCoreApplication.exit(0 if self.saved else 1)

    def _give_up(self) -> None:
        if not self.saved:
            print("the view did not finish loading in time", flush=True)
            QCoreApplication.exit(1)
