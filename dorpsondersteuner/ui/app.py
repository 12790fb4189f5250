"""Start-up of the desktop app: window first, then the register.

The window is shown with a message and painted before SQLAlchemy or the register is
imported; the newest requests are then loaded off the GUI thread and put in the list.

``DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT=1`` (used by ``bench/``) prints
``first-paint <s>`` at the first paint and ``first-rows <s>`` when the list shows its
first rows, in seconds since ``DORPSONDERSTEUNER_T0`` (else since process start), then
exits 0.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication

from .first_window import FirstWindow, tr
from .i18n import install_dutch

log = logging.getLogger(__name__)

EXIT_AFTER_FIRST_PAINT_ENV = "DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT"
T0_ENV = "DORPSONDERSTEUNER_T0"
LIST_LIMIT = 100  # rows in the first window; the later main window pages lazily


@dataclass(frozen=True)
class Options:
    data_dir: Path
    demo: bool
    user: str


def process_start_time() -> float:
    """Wall-clock time the process started: ``DORPSONDERSTEUNER_T0`` when given (the
    benchmark sets it at spawn), else from /proc, else now."""
    given = os.environ.get(T0_ENV)
    if given:
        return float(given)
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            up = float(uptime.read().split()[0])
        return time.time() - up + started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


class Startup:
    """Drives the first window from empty to listed, and the benchmark's report."""

    def __init__(self, window: FirstWindow, options: Options, *, bench: bool) -> None:
        from ..paths import demo_register_path

        self.window = window
        self.options = options
        self.bench = bench
        self.t0 = process_start_time() if bench else 0.0
        self.register_path = demo_register_path(options.data_dir)
        self.model: Any = None
        self.loaded: Any = None  # loading.FirstRows once the list is in
        self._painted = False
        self._rows_reported = False
        window.painted.connect(self._on_first_paint)
        window.rows_painted.connect(self._on_rows_painted)

        if not options.demo:
            window.show_message(
                tr(
                    "There is no register on this computer yet.\n\n"
                    "To try the program, start it with --demo: it then opens the demo "
                    "register with fictional residents."
                )
            )
        elif not self.register_path.exists():
            window.show_message(
                tr(
                    "Creating the demo register with fictional residents. This takes a "
                    "moment, only the first time."
                )
            )
        else:
            window.show_message(tr("Opening the register…"))

    def _report(self, what: str) -> None:
        print(f"{what} {time.time() - self.t0:.4f}", flush=True)

    def _on_first_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        if self.bench:
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, lambda: self._report("first-paint"))
        if self.options.demo:
            QTimer.singleShot(0, self._load)
        elif self.bench:
            QTimer.singleShot(0, QCoreApplication.quit)

    def _load(self) -> None:
        from . import loading
        from .background import run_in_background

        path, user = self.register_path, self.options.user

        def work() -> loading.FirstRows:
            if not path.exists():
                loading.create_demo(path)
            return loading.load_first_rows(path, user, LIST_LIMIT)

        run_in_background(work, self._on_loaded, self._on_failed)

    def _on_loaded(self, loaded: Any) -> None:
        from .request_model import RequestTableModel
        from .words import role_word

        self.loaded = loaded
        self.window.set_status(
            tr("Signed in as %1 (%2)")
            .replace("%1", loaded.principal.display_name)
            .replace("%2", role_word(loaded.principal.role).lower()),
            tr("Demo register: fictional data, never synchronised"),
        )
        if not loaded.rows:
            self.window.show_message(tr("There are no help requests yet."))
            if self.bench:
                QTimer.singleShot(0, QCoreApplication.quit)
            return
        self.model = RequestTableModel(loaded.rows, parent=self.window)
        self.window.show_list(self.model)

    def _on_rows_painted(self) -> None:
        if self._rows_reported:
            return
        self._rows_reported = True
        if self.bench:
            QTimer.singleShot(0, self._report_rows_and_quit)
        else:
            QTimer.singleShot(0, self._count)

    def _report_rows_and_quit(self) -> None:
        self._report("first-rows")
        QCoreApplication.quit()

    def _count(self) -> None:
        from . import loading
        from .background import run_in_background

        path, principal = self.register_path, self.loaded.principal
        run_in_background(
            lambda: loading.count_visible(path, principal), self._on_counted, self._on_count_failed
        )

    def _on_counted(self, total: int) -> None:
        shown = self.model.rowCount() if self.model is not None else 0
        locale = QLocale()
        if shown >= total:
            text = QCoreApplication.translate("FirstWindow", "%Ln help requests", None, total)
        else:
            text = (
                tr("The %1 most recently changed of %2 help requests")
                .replace("%1", locale.toString(shown))
                .replace("%2", locale.toString(total))
            )
        self.window.count_label.setText(text)

    def _on_count_failed(self, error: BaseException) -> None:
        log.warning("counting the requests failed", exc_info=error)

    def _on_failed(self, error: BaseException) -> None:
        from . import loading

        if isinstance(error, loading.UnknownDemoUserError):
            text = tr("The demo register has no user “%1”. Choose one with --user: %2.")
            text = text.replace("%1", error.username).replace("%2", ", ".join(error.known))
        elif isinstance(error, loading.SeesNoContentError):
            text = tr(
                "This list shows the content of help requests, which administrators do not "
                "see. Start the demo with another user, for example --user ingrid."
            )
        else:
            log.error("opening the register failed", exc_info=error)
            text = tr(
                "The register could not be opened. Close the program and start it again; "
                "if that does not help, ask your administrator."
            )
        self.window.show_message(text)
        if self.bench:
            print(f"error {type(error).__name__}: {error}", file=sys.stderr, flush=True)
            QCoreApplication.exit(1)


def run(options: Options) -> int:
    bench = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Dorpsondersteuner")
    # Dutch is the default language (D14): numbers and dates too ("100.000").
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = install_dutch(app)
    window = FirstWindow()
    startup = Startup(window, options, bench=bench)
    window.show()
    code = app.exec()
    del startup, translator
    return code
