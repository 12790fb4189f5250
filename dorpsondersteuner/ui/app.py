"""Start-up of the desktop app: window first, then the register.

The main window's shell is shown and painted before SQLAlchemy or the register is
imported (SETUP-NOTES "Import costs"); then the task manager's worker imports them,
opens the register and loads the first page of the list.

When the user is known at start (``--user``, or the benchmark's and screenshots'
default), the list that user saw last time is shown first: right after the first paint
and before the worker starts importing, the snapshot kept in the register is read with
plain ``sqlcipher3`` (``snapshot.py``) and shown read-only (``preview.py``) until the
live list has its first page. Each time the live list loads in its start state, a fresh
snapshot is written through the task manager.

``DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT=1`` (used by ``bench/``) prints
``first-paint <s>`` at the first paint, ``first-rows <s>`` when rows are first painted
(the snapshot's or the live list's) and ``first-live-rows <s>`` when the live list's
rows are, in seconds since ``DORPSONDERSTEUNER_T0`` (else since process start), then
exits 0 once the fresh snapshot is written. It starts as the default demo user, without
the "who are you" choice.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from . import LIST_VIEWS
from .i18n import DEFAULT_LANGUAGE, install_translators
from .main_window import MainWindow

if TYPE_CHECKING:  # imported where they are used, after the first paint
    from sqlalchemy.orm import Session

    from .admin import AdminPage
    from .lock import Locker
    from .ops import SignedIn
    from .preview import PreviewPage
    from .start import StartPage
    from .sync import SyncController
    from .tasks import TaskManager
    from .work import WorkArea

log = logging.getLogger(__name__)

EXIT_AFTER_FIRST_PAINT_ENV = "DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT"
T0_ENV = "DORPSONDERSTEUNER_T0"
DEFAULT_DEMO_USER = "ingrid"  # demo.directory.DEFAULT_DEMO_USER; that module is heavy
SCREENSHOT_SIZE = (1280, 800)
# The demo user each screenshot is taken as: the one whose daily work the view shows.
SCREENSHOT_USERS = {"review": "joyce", "deadlines": "evelien", "admin": "beheer"}
PREVIEW_PAINT_WAIT_MS = 250  # start the worker anyway if the preview is not painted by then
PREVIEW_LIMIT_MS = 5000  # show the work area anyway if the live list is not in by then


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
    """Calls back once the live list's viewport, or the preview's, paints with rows."""

    def __init__(self, desktop: Desktop) -> None:
        super().__init__()
        self.desktop = desktop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        work, preview = self.desktop.work, self.desktop.preview
        if work is not None and watched is work.table.viewport() and work.model.rowCount() > 0:
            self.desktop.on_rows_painted(live=True)
        elif (
            preview is not None
            and watched is preview.table.viewport()
            and preview.model.rowCount() > 0
        ):
            self.desktop.on_rows_painted(live=False)
        return False


class _ProgressBridge(QObject):
    """Counts from the network worker to the GUI thread (a queued signal)."""

    progressed = Signal(object)  # SyncProgress


def _sync_problem(error: BaseException) -> str:
    from ..errors import SyncError
    from ..sync.engine import problem_of
    from .sync import problem_text

    return problem_text(problem_of(error).value if isinstance(error, SyncError) else "server")


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
        self.tasks: TaskManager | None = None  # made after the first paint
        self.work: WorkArea | None = None  # once signed in
        self.admin: AdminPage | None = None  # once an administrator is signed in
        self.signed_in: SignedIn | None = None
        self.username: str | None = None
        self.error: BaseException | None = None
        self.restart_as_other = False  # "Other user": start again with the chooser
        self.preview: PreviewPage | None = None  # while the live list is not in
        self.locker: Locker | None = None  # Program → Lock, once signed in
        # A real register's key file, whose password unlocks the lock page (D4); set by
        # the sign-in to a server once that exists. Without it a real register's lock
        # page does not open (Quit still works, and what was typed is kept as a draft).
        self.key_file: Path | None = None
        self.start_page: StartPage | None = None
        self.sync: SyncController | None = None  # a real register's background sync
        self.user_id: uuid.UUID | None = None  # a real register's user
        self._painted = False
        self._rows_reported = False
        self._live_rows_reported = False
        self._saving_snapshot = False
        self._save_after_paint = False
        self._saved_snapshots: dict[str, dict[str, Any]] = {}  # by view, this session
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
        if self.options.screenshot is not None and self.options.view == "start":
            self.show_start_screen()
        elif self.options.demo or self.options.screenshot is not None:
            if not self.show_preview():
                self.open_demo()
        else:
            self.show_start_screen()

    def known_user(self) -> str | None:
        """The user to start as without asking, if any."""
        if self.options.user is None and (self.bench or self.options.screenshot is not None):
            return SCREENSHOT_USERS.get(self.options.view, DEFAULT_DEMO_USER)
        return self.options.user

    # --- The list as the user last saw it ------------------------------------------------

    def show_preview(self) -> bool:
        """Show the known user's snapshot of their start view, if the register has one in
        this language; the worker starts once it is painted. On the GUI thread, before
        anything heavy is imported: plain sqlcipher3, a few milliseconds."""
        user = self.known_user()
        if user is None or self.options.screenshot is not None:
            return False  # screenshots show the live program only
        self.username = user
        view = self._load_state().get("view", "mine")

        if view not in LIST_VIEWS:
            return False
        from ..rawdb import DEMO_REGISTER_KEY
        from ..snapshot import read_snapshot

        snapshot = read_snapshot(self.demo_path, DEMO_REGISTER_KEY, user, view)
        if snapshot is None or snapshot.language != self.options.language or not snapshot.rows:
            return False
        from .preview import PreviewPage

        self.preview = PreviewPage(snapshot)
        self.preview.table.viewport().installEventFilter(self._rows_filter)
        self.window.show_page(self.preview)
        self.window.statusBar().showMessage(self._updating_text())
        QTimer.singleShot(PREVIEW_PAINT_WAIT_MS, self._after_preview)
        return True

    @staticmethod
    def _updating_text() -> str:
        return QCoreApplication.translate("Desktop", "Updating…")

    def _after_preview(self) -> None:
        if self.tasks is None:
            self.open_demo()

    def _replace_preview(self) -> None:
        """The live list is in (or will not come): the work area takes the preview's place."""
        preview, self.preview = self.preview, None
        if preview is None:
            return
        if self.work is not None:
            self._show_signed_in_page(self.work)
        status = self.window.statusBar()
        if status.currentMessage() == self._updating_text():
            status.clearMessage()  # but not a message saying why the list did not come
        self.window.pages.removeWidget(preview)
        preview.deleteLater()

    def _on_list_loaded(self) -> None:
        self._replace_preview()
        if self._live_rows_reported:
            self._save_snapshot()
        else:  # once the live rows are on screen: no write on the worker competes with that
            self._save_after_paint = True

    def _save_snapshot(self) -> None:
        """Keep what the live list shows now, for the next start (on the worker)."""
        self._save_after_paint = False
        content = None
        if self.options.screenshot is None and self.work is not None and self.username:
            from .preview import list_snapshot

            content = list_snapshot(self.work)
        view = self.work.view if self.work is not None else ""
        if content is None or not content["rows"] or content == self._saved_snapshots.get(view):
            self._maybe_quit()
            return
        self._saved_snapshots[view] = content
        self._saving_snapshot = True
        username, language = self.username or "", self.options.language

        def save(session: Session) -> None:
            from ..services.snapshots import save_list_snapshot

            save_list_snapshot(session, username, view, content, language)

        def done(_result: object) -> None:
            self._saving_snapshot = False
            self._maybe_quit()

        def failed(_error: BaseException) -> None:  # only a faster next start is lost
            log.warning("could not keep the list snapshot", exc_info=_error)
            done(None)

        from .tasks import WriteOp

        assert self.tasks is not None  # the live list came through it
        WriteOp(save, done).failure(failed).run(self.tasks)

    def show_start_screen(self) -> None:
        """The registers on this computer, and connecting to the server (D1, D4)."""
        from ..cli import real_registers
        from .start import StartPage

        page = StartPage(real_registers(self.options.data_dir))
        page.open_demo.connect(self.open_demo)
        page.open_real.connect(self.open_real)
        page.connect_server.connect(self.connect_server)
        self.start_page = page
        self.window.show_page(page)
        page.registers.setFocus()
        if self.bench:
            QTimer.singleShot(0, QCoreApplication.quit)

    def _tasks(self) -> TaskManager:
        from .tasks import TaskManager

        if self.tasks is None:
            self.tasks = TaskManager(self)
            self.tasks.failed.connect(self._on_failed)
        return self.tasks

    def open_real(self, username: str, password: str) -> None:
        """A user's real register, unlocked offline with their password."""
        from ..cli import KEY_FILE_NAME, user_folder
        from .tasks import CallOp

        folder = user_folder(self.options.data_dir, username)
        tasks = self._tasks()

        def work() -> object:
            from . import ops

            register, user = ops.open_real(folder, password)
            tasks.use_register(register)
            return user

        def refused(error: BaseException) -> None:
            from .ops import WrongRegisterPasswordError

            if self.start_page is None:
                self._on_failed(error)
            elif isinstance(error, WrongRegisterPasswordError):
                self.start_page.open_refused(
                    QCoreApplication.translate(
                        "Desktop", "This password does not open the register of %1."
                    ).replace("%1", username)
                )
            else:
                from .messages import describe

                self.start_page.open_refused(describe(error).text)

        self.key_file = folder / KEY_FILE_NAME
        CallOp(work, self._on_real_opened).failure(refused).run(tasks)

    def connect_server(self, url: str, username: str, password: str) -> None:
        """Sign in, make the real register, take its first sync; then work in it."""
        from ..cli import KEY_FILE_NAME, user_folder
        from .start import refusal_text
        from .tasks import NetOp

        tasks = self._tasks()
        page = self.start_page
        assert page is not None
        folder = user_folder(self.options.data_dir, username)
        bridge = _ProgressBridge(self)
        bridge.progressed.connect(page.connect_progress)

        def work() -> object:
            from .. import cli
            from ..sync.client import SyncClient
            from ..sync.engine import sync
            from . import ops

            with SyncClient(url) as client:
                made, data_key = cli.sign_in_and_make(client, url, username, data, password)

                def open_it() -> ops.RealUser:
                    register, user = ops.open_with_key(made / REGISTER_NAME, data_key)
                    tasks.use_register(register)
                    return user

                user = tasks.on_db(open_it)
                register = tasks.on_db(tasks.held_register)
                sync(
                    register,
                    client,
                    db=tasks.on_db,
                    progress=bridge.progressed.emit,
                )
            return user

        def refused(error: BaseException) -> None:
            from ..cli import Refused
            from ..errors import SyncError

            if isinstance(error, Refused):
                page.connect_refused(refusal_text(error.reason, url, str(error)))
            elif isinstance(error, SyncError) and folder.exists():
                # Signed in and made, but the first sync stopped: the register is here,
                # and opens with the password; the next sync goes on.
                page.connect_refused(
                    QCoreApplication.translate(
                        "Desktop",
                        "Your register was made, but receiving your data stopped: %1 Open "
                        "your register to go on; the rest comes with the next sync.",
                    ).replace("%1", _sync_problem(error))
                )
            else:
                from .messages import describe

                page.connect_refused(describe(error).text)

        from ..paths import REGISTER_NAME

        data = self.options.data_dir
        self.key_file = folder / KEY_FILE_NAME
        op: NetOp[object] = NetOp(work, self._on_real_opened)
        tasks.submit_network(op.failure(refused))

    def _on_real_opened(self, user: object) -> None:
        from .ops import RealUser

        assert isinstance(user, RealUser)
        self.user_id = user.user_id
        self.sign_in(user.username)

    def open_demo(self) -> None:
        from .tasks import CallOp, TaskManager

        if self.tasks is None:
            self.tasks = TaskManager(self)
            self.tasks.failed.connect(self._on_failed)
        if self.preview is not None:
            pass  # the list as last seen stays in view while the register opens
        elif self.demo_path.exists():
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

        CallOp(work, self._on_opened).failure(self._on_failed).run(tasks)

    def _on_opened(self, _result: None) -> None:
        user = self.known_user()
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
        from .tasks import QueryOp

        self.username = username
        user_id = self.user_id or ops.demo_user_id(username)
        assert self.tasks is not None  # the register was opened through it
        QueryOp(lambda s: ops.sign_in(s, user_id, username), self._on_signed_in).failure(
            self._on_failed
        ).run(self.tasks)

    def _on_signed_in(self, signed_in: SignedIn) -> None:
        from .work import WorkArea

        assert self.tasks is not None
        self.signed_in = signed_in
        if signed_in.register_kind == "demo":
            self.window.setWindowTitle(
                QCoreApplication.translate("Desktop", "Dorpsondersteuner — Demo — made-up data")
            )
        elif self.sync is None:
            from .sync import SyncController

            self.sync = SyncController(self.window, self.tasks, self)
            self.sync.start()
        switch = self.window.switch_user_action
        if signed_in.register_kind == "demo" and not switch.isVisible():
            switch.setVisible(True)
            switch.setEnabled(True)
            switch.triggered.connect(self.switch_user)
        self._make_lock(signed_in)
        if signed_in.views.admin_page:
            # Administrators see references and owners, never content (D5): their page.
            from .admin import AdminPage

            self._replace_preview()
            if self.bench:
                QCoreApplication.exit(1)
                return
            self.admin = AdminPage(self.window, self.tasks, signed_in)
            self._show_signed_in_page(self.admin)
            return
        self.work = WorkArea(self.window, self.tasks, signed_in, self._load_state())
        self.work.table.viewport().installEventFilter(self._rows_filter)
        self.work.model.loaded.connect(self._on_list_loaded)
        if self.preview is None:
            self._show_signed_in_page(self.work)
        else:  # the preview stays until the live list has its first page
            self.work.model.load_failed.connect(lambda _error: self._replace_preview())
            QTimer.singleShot(PREVIEW_LIMIT_MS, self._replace_preview)

    # --- Vergrendelen ------------------------------------------------------------------

    def _make_lock(self, signed_in: SignedIn) -> None:
        from .lock import Locker, LockPage
        from .words import role_word

        principal = signed_in.principal
        who = f"{principal.display_name} · {role_word(principal.role)}"
        # The demo register has a published key and no passwords (D1): Unlock, or Enter.
        check = None if signed_in.register_kind == "demo" else self._check_password
        self.locker = Locker(self.window, LockPage(who, check), self._keep_drafts)

    def _show_signed_in_page(self, page: QObject) -> None:
        """The work area or the administrator's page; behind the lock if locked."""
        from PySide6.QtWidgets import QWidget

        assert isinstance(page, QWidget)
        if self.locker is not None:
            self.locker.show_when_unlocked(page)
        else:
            self.window.show_page(page)

    def _keep_drafts(self) -> None:
        """Before locking: what was typed is kept in the register too."""
        work = self.work
        if work is None:
            return
        if work.form_is_open():
            work.form.save_draft()
        if work.dialog is not None and work.dialog.isVisible():
            work.dialog.save_draft()

    def _check_password(self, password: str, done: Callable[[bool], None]) -> None:
        from . import ops
        from .tasks import CallOp

        key_file = self.key_file
        if key_file is None or self.tasks is None:
            done(False)
            return
        CallOp(lambda: ops.password_opens(key_file, password), done).failure(
            lambda _error: done(False)
        ).run(self.tasks)

    def on_rows_painted(self, *, live: bool) -> None:
        if not self._rows_reported:
            self._rows_reported = True
            if self.bench:
                # After this paint has reached the screen, before the worker starts.
                QTimer.singleShot(0, lambda: self._report("first-rows"))
            if not live:
                QTimer.singleShot(0, self._after_preview)
        if live and not self._live_rows_reported:
            self._live_rows_reported = True
            if self._save_after_paint:
                QTimer.singleShot(0, self._save_snapshot)
            if self.bench:
                QTimer.singleShot(0, self._report_live_rows)

    def _report_live_rows(self) -> None:
        self._report("first-live-rows")
        self._maybe_quit()

    def _maybe_quit(self) -> None:
        """The benchmark ends once the live rows are painted and the snapshot is kept."""
        if (
            self.bench
            and self._live_rows_reported
            and not (self._saving_snapshot or self._save_after_paint)
        ):
            QCoreApplication.quit()

    def switch_user(self) -> None:
        """*Andere gebruiker* (demo register): close as usual (unsaved work asks first
        and is kept as a draft), then the program starts again and asks who you are."""
        self.restart_as_other = True
        if self.window.close():
            return
        box = getattr(self.work, "_close_box", None)
        if box is None:
            self.restart_as_other = False
            return

        def answered(_result: int) -> None:
            # "Go back": no restart; "Close the program" closes, and restarts.
            QTimer.singleShot(0, lambda: setattr(self, "restart_as_other", self._closing()))

        box.finished.connect(answered)

    def _closing(self) -> bool:
        return not self.window.isVisible()

    def _on_failed(self, error: BaseException) -> None:
        from .messages import describe

        self.error = error
        self._replace_preview()
        text = describe(error).text
        if self.work is not None:
            self.window.statusBar().showMessage(text, 15000)
        else:
            self.window.show_message(text)
        if self.bench or self.options.screenshot is not None:
            one_line = " ".join(text.split())
            print(f"dorpsondersteuner: {one_line}", file=sys.stderr, flush=True)
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
        if self.sync is not None:
            self.sync.stop()
        if self.tasks is not None:
            self.tasks.shutdown()


def run(options: Options) -> int:
    bench = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Dorpsondersteuner")
    from .palette import VisibleIndicators

    # The platform's style; on a dark palette check boxes get an outline to be seen.
    app.setStyle(VisibleIndicators(app.style().name()))
    translators = install_translators(app, options.language)
    window = MainWindow()
    desktop = Desktop(window, options, bench=bench)
    app.aboutToQuit.connect(desktop.shutdown)
    shot = None
    if options.screenshot is not None:
        from .palette import SCREENSHOT_PALETTE_ENV, VisibleIndicators, dark_palette
        from .screenshot import Screenshot

        if os.environ.get(SCREENSHOT_PALETTE_ENV) == "dark":  # to check the dark look
            app.setStyle(VisibleIndicators("Fusion"))
            app.setPalette(dark_palette())

        window.resize(*SCREENSHOT_SIZE)
        shot = Screenshot(desktop, options.screenshot, options.view)
    window.show()
    code = app.exec()
    if shot is not None and not shot.saved and code == 0:
        code = 1
    desktop.shutdown()
    del translators
    if desktop.restart_as_other:
        restart_with_chooser(options)
    return code


def restart_with_chooser(options: Options) -> None:
    """Start the program again on the same data, without ``--user``: it asks who you are."""
    import subprocess

    args = [sys.executable, "-m", "dorpsondersteuner", "--demo", "--data-dir"]
    args += [str(options.data_dir), "--lang", options.language]
    subprocess.Popen(args, start_new_session=True)
