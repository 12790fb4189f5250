"""Start-up of the desktop app: window first, then the register.

The main window's shell is shown and painted before SQLAlchemy or the register is
imported (SETUP-NOTES "Import costs"); then the task manager's worker imports them,
opens the register and loads the first page of the list.

``DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT=1`` (used by ``bench/``) prints
``first-paint <s>`` at the first paint and ``first-rows <s>`` when the list shows its
first rows, in seconds since ``DORPSONDERSTEUNER_T0`` (else since process start), then
exits 0. It starts as the default demo user, without the "who are you" choice.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from .i18n import DEFAULT_LANGUAGE, install_translators
from .main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_AFTER_FIRST_PAINT_ENV = "DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT"
T0_ENV = "DORPSONDERSTEUNER_T0"
DEFAULT_DEMO_USER = "ingrid"  # demo.directory.DEFAULT_DEMO_USER; that module is heavy
SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_VIEWS = ("list", "detail", "intake")


@dataclass(frozen=True)
class Options:
    data_dir: Path
    demo: bool
    user: str | None = None
    language: str = DEFAULT_LANGUAGE
    screenshot: Path | None = None
    view: str = "list"


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


class _RowsPainted(QObject):
    """Calls back once the list's viewport paints with rows in it."""

    def __init__(self, desktop: Desktop) -> None:
        super().__init__()
        self.desktop = desktop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        work = self.desktop.work
        if (
            event.type() == QEvent.Type.Paint
            and work is not None
            and watched is work.table.viewport()
            and work.model.rowCount() > 0
        ):
            self.desktop.on_rows_painted()
        return False


class Desktop(QObject):
    """Drives the window from empty to working: register, user, list."""

    def __init__(self, window: MainWindow, options: Options, *, bench: bool = False) -> None:
        super().__init__()
        from ..paths import demo_register_path, register_path

        self.window = window
        self.options = options
        self.bench = bench
        self.t0 = process_start_time() if bench else 0.0
        self.demo_path = demo_register_path(options.data_dir)
        self.real_path = register_path(options.data_dir)
        self.tasks: Any = None  # tasks.TaskManager, made after the first paint
        self.work: Any = None  # work.WorkArea once signed in
        self.signed_in: Any = None
        self.username: str | None = None
        self.error: BaseException | None = None
        self._painted = False
        self._rows_reported = False
        self._rows_filter = _RowsPainted(self)
        window.painted.connect(self._on_first_paint)
        self.window.show_message(QCoreApplication.translate("Desktop", "Opening the register…"))

    # --- Start -------------------------------------------------------------------------

    def _on_first_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        if self.bench:
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, lambda: self._report("first-paint"))
        QTimer.singleShot(0, self.begin)

    def _report(self, what: str) -> None:
        print(f"{what} {time.time() - self.t0:.4f}", flush=True)

    def begin(self) -> None:
        if self.options.demo or self.options.screenshot is not None:
            self.open_demo()
        else:
            self.show_start_screen()

    def show_start_screen(self) -> None:
        """No register yet (D1): offer the demo register; say plainly what is not there."""
        self.window.show_message(
            QCoreApplication.translate(
                "Desktop",
                "There is no register on this computer yet.\n\n"
                "Would you like to try the program first? Open the demo register: made-up "
                "residents and help requests, only on this computer, never sent anywhere.\n\n"
                "Signing in to your municipality's server is not possible yet; it comes in "
                "a later version of the program.",
            ),
            [(QCoreApplication.translate("Desktop", "Open the demo register"), self.open_demo)],
        )
        if self.bench:
            QTimer.singleShot(0, QCoreApplication.quit)

    def open_demo(self) -> None:
        from .tasks import TaskManager

        if self.tasks is None:
            self.tasks = TaskManager(self)
            self.tasks.failed.connect(self._on_failed)
        if self.demo_path.exists():
            self.window.show_message(QCoreApplication.translate("Desktop", "Opening the register…"))
        else:
            self.window.show_message(
                QCoreApplication.translate(
                    "Desktop",
                    "Creating the demo register with made-up residents. This takes a "
                    "moment, only the first time.",
                )
            )
        path, tasks = self.demo_path, self.tasks

        def work() -> None:
            from . import ops  # SQLAlchemy and the services: on the worker, after the paint

            tasks.use_register(ops.open_demo(path))

        self.tasks.call(work, self._on_opened, self._on_failed)

    def _on_opened(self, _result: None) -> None:
        user = self.options.user
        if user is None and (self.bench or self.options.screenshot is not None):
            user = DEFAULT_DEMO_USER
        if user is None:
            self.choose_user()
        else:
            self.sign_in(user)

    def choose_user(self) -> None:
        from . import ops
        from .chooser import UserChooser

        chooser = UserChooser(ops.demo_users(), DEFAULT_DEMO_USER)
        chooser.chosen.connect(self.sign_in)
        self.chooser = chooser
        self.window.show_page(chooser)
        chooser.users.setFocus()

    def sign_in(self, username: str) -> None:
        from . import ops

        self.username = username
        user_id = ops.demo_user_id(username)
        self.tasks.query(
            lambda session: ops.sign_in(session, user_id, username),
            self._on_signed_in,
            self._on_failed,
        )

    def _on_signed_in(self, signed_in: Any) -> None:
        from .work import WorkArea

        self.signed_in = signed_in
        if not signed_in.sees_content:
            self.window.show_message(
                QCoreApplication.translate(
                    "Desktop",
                    "Administrators do not see the content of help requests, so this window "
                    "stays empty for you. Start the demo as another user, for example "
                    "--user ingrid.",
                )
            )
            if self.bench:
                QCoreApplication.exit(1)
            return
        self.work = WorkArea(self.window, self.tasks, signed_in, self._load_state())
        self.work.table.viewport().installEventFilter(self._rows_filter)
        self.window.show_page(self.work)

    def on_rows_painted(self) -> None:
        if self._rows_reported:
            return
        self._rows_reported = True
        if self.bench:
            QTimer.singleShot(0, self._report_rows_and_quit)

    def _report_rows_and_quit(self) -> None:
        self._report("first-rows")
        QCoreApplication.quit()

    def _on_failed(self, error: BaseException) -> None:
        from .messages import describe

        self.error = error
        text = describe(error).text
        if self.work is not None:
            self.window.statusBar().showMessage(text, 15000)
        else:
            self.window.show_message(text)
        if self.bench or self.options.screenshot is not None:
            print(f"error {type(error).__name__}: {error}", file=sys.stderr, flush=True)
            QCoreApplication.exit(1)

    # --- Remembered sizes and view, per user -------------------------------------------

    def _state_file(self) -> Path:
        from ..paths import ui_state_path

        return ui_state_path(self.options.data_dir)

    def _load_state(self) -> dict[str, Any]:
        if self.options.screenshot is not None or self.bench:
            return {}
        try:
            states = json.loads(self._state_file().read_text())
        except (OSError, ValueError):
            return {}
        state = states.get(self.username or "") if isinstance(states, dict) else None
        return state if isinstance(state, dict) else {}

    def save_state(self) -> None:
        if self.work is None or self.options.screenshot is not None or self.bench:
            return
        path = self._state_file()
        try:
            states = json.loads(path.read_text())
            if not isinstance(states, dict):
                states = {}
        except (OSError, ValueError):
            states = {}
        states[self.username or ""] = self.work.state()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(states, indent=1))
        except OSError:
            log.warning("could not remember the window state", exc_info=True)

    def shutdown(self) -> None:
        self.save_state()
        if self.tasks is not None:
            self.tasks.shutdown()


def run(options: Options) -> int:
    bench = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Dorpsondersteuner")
    translators = install_translators(app, options.language)
    window = MainWindow()
    desktop = Desktop(window, options, bench=bench)
    app.aboutToQuit.connect(desktop.shutdown)
    shot = None
    if options.screenshot is not None:
        from .screenshot import Screenshot

        window.resize(*SCREENSHOT_SIZE)
        shot = Screenshot(desktop, options.screenshot, options.view)
    window.show()
    code = app.exec()
    if shot is not None and not shot.saved and code == 0:
        code = 1
    desktop.shutdown()
    del translators
    return code
