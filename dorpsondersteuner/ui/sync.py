"""Background sync of a real register's window, and what the status bar says of it.

The HTTP runs on the task manager's network worker (``NetOp``); every piece of register
work of the sync — a batch's answers, a pulled page with its cursor — runs on the one DB
worker (``TaskManager.on_db``), so the GUI thread never waits for either. Remote
changes reach the open views through ``TaskManager.changed`` like local writes do.

When: at start, a few seconds after a local change (debounced), every few minutes, and
on "Nu synchroniseren" (Ctrl+Shift+S). Offline or a server in trouble: again after a
pause that doubles up to a limit, with jitter so laptops do not come back together; a
server that asks to wait (``Retry-After``) is waited for. A token that ended asks for
the password again (Program → Sign in again); offline work goes on meanwhile. The demo
register never gets a controller (D1).
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QProgressBar, QPushButton

from ..clock import now_utc
from .plain import PlainLabel
from .tasks import NetOp, QueryOp

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..register import Register
    from ..services.changes import Changes
    from ..sync.client import SyncClient
    from ..sync.engine import SyncProgress, SyncReport
    from .main_window import MainWindow
    from .sync_panel import SyncPanel
    from .tasks import TaskManager

log = logging.getLogger(__name__)

SOON_MS = 3_000  # after a local change: a few seconds, so a burst of edits goes as one
EVERY_MS = 5 * 60_000  # periodically, for what others changed
BACKOFF_FIRST_S = 15.0
BACKOFF_MAX_S = 15 * 60.0
JITTER = (0.5, 1.5)
PROGRESS_AFTER = 50  # a progress bar only for syncs with more than this to send or take


def show_download(bar: QProgressBar, progress: SyncProgress) -> None:
    """The first sync's snapshot file arriving: how many of its megabytes are here."""
    bar.setRange(0, max(1, progress.download_size >> 10))  # KiB: a bar counts in ints
    bar.setValue(progress.downloaded >> 10)
    bar.setFormat(
        QCoreApplication.translate("Sync", "Downloading: %1 of %2 MB")
        .replace("%1", _megabytes(progress.downloaded))
        .replace("%2", _megabytes(progress.download_size))
    )
    bar.show()


def _megabytes(size: int) -> str:
    return QLocale().toString(size / 1_000_000, "f", 1)


@dataclass(frozen=True)
class SyncOverview:
    """What the status bar and the sync panel show, read from the register."""

    server: str
    username: str
    unsent: int
    rejected: int
    lost: int
    not_delivered: int
    losing_values: int
    rejected_for_review: int
    last_sync_at: datetime | None
    last_problem: str | None
    last_checksum: str | None


def read_overview(session: Session) -> SyncOverview:
    from sqlalchemy import func, select

    from ..models.local import OutboxOp, ReceivedLosingValue, ReceivedRejectedOp
    from ..sync.engine import ledger, sync_state

    state = sync_state(session)
    counts = ledger(session)
    # A change as the user sees it: its history entry travels as an op of its own.
    unsent = session.scalar(
        select(func.count())
        .select_from(OutboxOp)
        .where(OutboxOp.result.is_(None), OutboxOp.not_delivered_reason.is_(None))
        .where(OutboxOp.entity != "history_events")
    )

    def unreviewed(model: type[ReceivedLosingValue] | type[ReceivedRejectedOp]) -> int:
        query = select(func.count()).select_from(model).where(model.reviewed_at.is_(None))
        return int(session.scalar(query) or 0)

    return SyncOverview(
        server=state.server_url,
        username=state.username,
        unsent=int(unsent or 0),
        rejected=counts.rejected,
        lost=counts.lost,
        not_delivered=counts.not_delivered,
        losing_values=unreviewed(ReceivedLosingValue),
        rejected_for_review=unreviewed(ReceivedRejectedOp),
        last_sync_at=state.last_sync_at,
        last_problem=state.last_problem,
        last_checksum=state.last_checksum,
    )


def clock_time(moment: datetime) -> str:
    """14:05, in this computer's time zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%H:%M")


def problem_text(problem: str | None, retry_at: datetime | None = None) -> str:
    """A sync problem in plain words, with what to do; "" when there is none."""
    when = clock_time(retry_at) if retry_at is not None else ""
    if problem == "offline":
        text = QCoreApplication.translate(
            "Sync",
            "The server cannot be reached. Your work is kept on this computer and is sent "
            "as soon as the server can be reached.",
        )
    elif problem == "sign_in":
        text = QCoreApplication.translate(
            "Sync",
            "Sign in again to send your work: Program → Sign in again. You can go on "
            "working meanwhile.",
        )
    elif problem == "update_program":
        return QCoreApplication.translate(
            "Sync",
            "The server no longer accepts this version of the program. Your work is kept: "
            "ask your IT contact to update the program.",
        )
    elif problem == "rate_limited":
        text = QCoreApplication.translate(
            "Sync", "The server asks to wait a moment. Your work is kept."
        )
    elif problem == "server":
        text = QCoreApplication.translate(
            "Sync", "The server has a problem. Your work is kept on this computer."
        )
    elif problem == "restored":
        return QCoreApplication.translate(
            "Sync",
            "The server was restored from a backup: this computer sent everything again. "
            "Nothing of your work is lost.",
        )
    elif problem == "repairing":
        return QCoreApplication.translate(
            "Sync", "Some data differs from the server's; it is being repaired with the next sync."
        )
    else:
        return ""
    if when:
        text += " " + QCoreApplication.translate("Sync", "Trying again at %1.").replace("%1", when)
    return text


def problem_short(problem: str | None, retry_at: datetime | None = None) -> str:
    """The problem as the status bar says it (the full text is its tooltip)."""
    texts = {
        "offline": QCoreApplication.translate(
            "Sync", "Server cannot be reached — your work is kept"
        ),
        "sign_in": QCoreApplication.translate("Sync", "Sign in again: Program → Sign in again"),
        "update_program": QCoreApplication.translate(
            "Sync", "Update the program — your work is kept"
        ),
        "rate_limited": QCoreApplication.translate(
            "Sync", "The server asks to wait — your work is kept"
        ),
        "server": QCoreApplication.translate("Sync", "Server problem — your work is kept"),
        "restored": QCoreApplication.translate("Sync", "Server restored — nothing is lost"),
        "repairing": QCoreApplication.translate("Sync", "Being repaired with the next sync"),
    }
    text = texts.get(problem or "", "")
    if text and retry_at is not None and problem not in ("restored", "repairing"):
        text += " · " + QCoreApplication.translate("Sync", "Trying again at %1.").replace(
            "%1", clock_time(retry_at)
        )
    return text


def state_text(overview: SyncOverview, *, online: bool | None, syncing: bool) -> str:
    """The status bar's short sync state: "Online · Nog niet verstuurd: 3 · Bijgewerkt
    om 14:05"."""
    parts = []
    if syncing:
        parts.append(QCoreApplication.translate("Sync", "Synchronising…"))
    elif online is True:
        parts.append(QCoreApplication.translate("Sync", "Online"))
    elif online is False:
        parts.append(QCoreApplication.translate("Sync", "Offline"))
    if overview.unsent:
        parts.append(
            QCoreApplication.translate("Sync", "Not yet sent: %1").replace(
                "%1", str(overview.unsent)
            )
        )
    if overview.last_sync_at is not None:
        parts.append(
            QCoreApplication.translate("Sync", "Updated at %1").replace(
                "%1", clock_time(overview.last_sync_at)
            )
        )
    else:
        parts.append(QCoreApplication.translate("Sync", "Not synchronised yet"))
    return " · ".join(parts)


def backoff_seconds(failures: int, rng: random.Random | None = None) -> float:
    """The pause after ``failures`` failed syncs in a row: doubling, capped, jittered."""
    base = min(BACKOFF_FIRST_S * 2 ** max(failures - 1, 0), BACKOFF_MAX_S)
    return float(base * (rng or random).uniform(*JITTER))


class SyncController(QObject):
    """Runs the syncs of one real register's window and keeps its status bar current."""

    progressed = Signal(object)  # SyncProgress, from the network worker
    remote_changes = Signal(object)  # Changes, from the network worker
    overview_changed = Signal(object)  # SyncOverview
    finished = Signal(object)  # SyncReport, or the error that ended the sync

    def __init__(self, window: MainWindow, tasks: TaskManager, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.tasks = tasks
        self.running = False
        self.online: bool | None = None
        self.problem: str | None = None
        self.retry_at: datetime | None = None
        self.failures = 0
        self.overview: SyncOverview | None = None
        self.last_report: SyncReport | None = None
        self.automatic = True  # off when only the user can help (password, update)
        self._again = False
        self._sync_if_unsent = False
        self._applying_remote = False
        self._client: SyncClient | None = None  # used on the network worker only
        self._client_address: str | None = None
        self._soon = QTimer(self, singleShot=True, interval=SOON_MS)
        self._soon.timeout.connect(self.sync_now)
        self._every = QTimer(self, interval=EVERY_MS)
        self._every.timeout.connect(self._periodic)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.sync_now)

        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.problem_label = PlainLabel()
        self.problem_label.setObjectName("syncProblem")
        self.problem_label.setWordWrap(False)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel_button = QPushButton(QCoreApplication.translate("Sync", "Synchronisation…"))
        self.panel_button.setObjectName("syncPanelButton")
        self.panel_button.setFlat(True)
        self.panel_button.setToolTip(
            QCoreApplication.translate("Sync", "What is unsent, refused, lost or not delivered")
        )
        self.panel_button.clicked.connect(self.show_panel)
        status = window.statusBar()
        status.addWidget(self.problem_label, 1)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.panel_button)

        self.sign_in_action = QAction(QCoreApplication.translate("Sync", "Sign &in again…"), window)
        self.sign_in_action.setStatusTip(
            QCoreApplication.translate("Sync", "Give your password again so syncing can go on")
        )
        self.sign_in_action.setVisible(False)
        self.sign_in_action.triggered.connect(self.sign_in_again)
        self.panel_action = QAction(
            QCoreApplication.translate("Sync", "S&ynchronisation overview…"), window
        )
        self.panel_action.setStatusTip(
            QCoreApplication.translate("Sync", "What is unsent, refused, lost or not delivered")
        )
        self.panel_action.triggered.connect(self.show_panel)
        menu = window.program_menu
        after = window.sync_action
        for action in (self.panel_action, self.sign_in_action):
            index = menu.actions().index(after) + 1
            if index < len(menu.actions()):
                menu.insertAction(menu.actions()[index], action)
            else:
                menu.addAction(action)
            after = action
        self.panel: SyncPanel | None = None

        self.progressed.connect(self._on_progress)
        self.remote_changes.connect(self._on_remote_changes)
        tasks.changed.connect(self._on_local_changes)

    # --- when ----------------------------------------------------------------------------

    def start(self) -> None:
        action = self.window.sync_action
        action.setEnabled(True)
        tip = QCoreApplication.translate(
            "Sync", "Send your work and receive what others changed, now"
        )
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(self.sync_now)
        self._every.start()
        self.refresh()
        QTimer.singleShot(0, self.sync_now)

    def stop(self) -> None:
        for timer in (self._soon, self._every, self._retry):
            timer.stop()
        if self._client is not None:
            client, self._client = self._client, None
            client.close()  # a sync still running on it ends with a network error

    def _client_for(self, register: Register) -> SyncClient:
        """The HTTP client for the register's server, kept between syncs while the
        address stays (on the network worker): a new one costs a TLS context and a
        connection every time."""
        from ..sync.client import SyncClient
        from ..sync.engine import sync_state

        def url() -> str:
            with register.sessions() as session:
                return sync_state(session).server_url

        address = self.tasks.on_db(url)
        if self._client is None or self._client_address != address:
            if self._client is not None:
                self._client.close()
            self._client = SyncClient(address)
            self._client_address = address
        return self._client

    def _periodic(self) -> None:
        if self.automatic and not self._retry.isActive():
            self.sync_now()

    def _on_local_changes(self, _changes: Changes) -> None:
        if self._applying_remote:
            return
        self.refresh(sync_if_unsent=True)

    def _on_remote_changes(self, changes: Changes) -> None:
        self._applying_remote = True
        try:
            self.tasks.changed.emit(changes)
        finally:
            self._applying_remote = False

    # --- one sync ------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Start a sync, or one more right after the running one."""
        if self.running:
            self._again = True
            return
        self._soon.stop()
        self._retry.stop()
        self.running = True
        self._again = False
        self._show()
        tasks = self.tasks

        def run() -> SyncReport:
            from ..sync.engine import sync

            register = tasks.on_db(tasks.held_register)
            return sync(
                register,
                self._client_for(register),
                progress=self.progressed.emit,
                db=tasks.on_db,
                changed=self.remote_changes.emit,
            )

        op: NetOp[SyncReport] = NetOp(run, self._on_synced)
        self.tasks.submit_network(op.failure(self._on_sync_failed))

    def _on_progress(self, progress: SyncProgress) -> None:
        bar = self.progress
        if progress.phase == "download":
            show_download(bar, progress)
        elif progress.phase == "push" and progress.to_send > PROGRESS_AFTER:
            bar.setRange(0, progress.to_send)
            bar.setValue(progress.sent)
            bar.setFormat(
                QCoreApplication.translate("Sync", "Sent %1 of %2")
                .replace("%1", str(progress.sent))
                .replace("%2", str(progress.to_send))
            )
            bar.show()
        elif progress.phase == "pull" and (progress.received > PROGRESS_AFTER or bar.isVisible()):
            bar.setRange(0, 0)  # how much will come is not known: a busy bar with counts
            bar.setFormat(
                QCoreApplication.translate("Sync", "Received %1").replace(
                    "%1", str(progress.received)
                )
            )
            bar.show()
        elif progress.phase == "verify" and bar.isVisible():
            bar.setRange(0, 0)
            bar.setFormat(QCoreApplication.translate("Sync", "Checking…"))

    def _on_synced(self, report: SyncReport) -> None:
        self.running = False
        self.last_report = report
        self.online = True
        self.failures = 0
        self.retry_at = None
        self.automatic = True
        self.problem = None
        if report.restored:
            self.problem = "restored"
        elif report.checksum == "mismatch":
            self.problem = "repairing"
        self.sign_in_action.setVisible(False)
        self.progress.hide()
        self.finished.emit(report)
        self._show()
        self.refresh()
        if self._again or report.unsent:
            self._soon.start()

    def _on_sync_failed(self, error: BaseException) -> None:
        from ..errors import SyncError
        from ..sync.client import NotSignedInError, RateLimitedError, UpdateProgramError
        from ..sync.engine import NotSyncableError

        self.running = False
        self.progress.hide()
        self.finished.emit(error)
        if isinstance(error, NotSyncableError):
            self.stop()
            return
        if not isinstance(error, SyncError):
            log.error("the sync failed", exc_info=error)
            self.online = None
            self.problem = "server"
        elif isinstance(error, NotSignedInError):
            self.online, self.problem, self.automatic = True, "sign_in", False
            self.sign_in_action.setVisible(True)
        elif isinstance(error, UpdateProgramError):
            self.online, self.problem, self.automatic = True, "update_program", False
        elif isinstance(error, RateLimitedError):
            self.online, self.problem = True, "rate_limited"
            self._retry_in(max(error.retry_after, 1.0))
        else:
            from ..sync.client import OfflineError

            self.online = not isinstance(error, OfflineError)
            self.problem = "offline" if isinstance(error, OfflineError) else "server"
            self.failures += 1
            self._retry_in(backoff_seconds(self.failures))
        self._show()  # at once, with the counts as they were; fresh ones follow
        self.refresh()

    def _retry_in(self, seconds: float) -> None:
        self.retry_at = now_utc() + timedelta(seconds=seconds)
        self._retry.start(int(seconds * 1000))

    # --- sign in again -------------------------------------------------------------------

    def sign_in_again(self) -> None:
        password, given = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("Sync", "Sign in again"),
            QCoreApplication.translate(
                "Sync", "Your sign-in with the server has ended. Your password:"
            ),
            QLineEdit.EchoMode.Password,
        )
        if given and password:
            self.renew(password)

    def renew(self, password: str) -> None:
        """Sign in with ``password`` (on the network worker), keep the new token, sync."""
        tasks = self.tasks

        def run() -> None:
            from sqlalchemy import select

            from ..models import DeviceState
            from ..sync.client import SyncClient
            from ..sync.engine import remember_sign_in, sync_state

            register = tasks.on_db(tasks.held_register)

            def who() -> tuple[str, str, uuid.UUID]:
                with register.sessions() as session:
                    state = sync_state(session)
                    device = session.scalars(select(DeviceState.device_id)).one()
                    return state.server_url, state.username, device

            url, username, device_id = tasks.on_db(who)
            with SyncClient(url) as client:
                answer = client.login(username, password, device_id)

            def keep() -> None:
                with register.transaction() as session:
                    remember_sign_in(session, answer)

            tasks.on_db(keep)

        def renewed(_none: None) -> None:
            self.automatic = True
            self.sign_in_action.setVisible(False)
            self.problem = None
            self.sync_now()

        def refused(error: BaseException) -> None:
            from ..sync.client import NotSignedInError

            if isinstance(error, NotSignedInError):
                self.problem_label.setText(
                    QCoreApplication.translate(
                        "Sync", "The server did not accept this password. Your work is kept."
                    )
                )
            else:
                self._on_sync_failed(error)

        op: NetOp[None] = NetOp(run, renewed)
        tasks.submit_network(op.failure(refused))

    # --- showing -------------------------------------------------------------------------

    def refresh(self, *, sync_if_unsent: bool = False) -> None:
        """Read the counts again and show them; ``sync_if_unsent``: after a local change,
        a sync shortly when something waits to be sent (a list snapshot kept is not)."""
        self._sync_if_unsent = self._sync_if_unsent or sync_if_unsent

        def shown(overview: SyncOverview) -> None:
            self.overview = overview
            self._show()
            self.overview_changed.emit(overview)
            wanted = self._sync_if_unsent and overview.unsent
            if wanted and self.automatic and not self._retry.isActive():
                self._soon.start()
            self._sync_if_unsent = False

        QueryOp(read_overview, shown).latest("sync-overview").failure(
            lambda error: log.warning("could not read the sync state", exc_info=error)
        ).run(self.tasks)

    def _show(self) -> None:
        if self.overview is None:
            self.window.sync_label.setText(
                QCoreApplication.translate("Sync", "Synchronising…") if self.running else ""
            )
            return
        self.window.sync_label.setText(
            state_text(self.overview, online=self.online, syncing=self.running)
        )
        self.window.sync_label.setToolTip(
            QCoreApplication.translate("Sync", "Server: %1").replace("%1", self.overview.server)
        )
        self.problem_label.setText(problem_short(self.problem, self.retry_at))
        self.problem_label.setToolTip(problem_text(self.problem, self.retry_at))

    def show_panel(self) -> None:
        from .sync_panel import SyncPanel

        if self.panel is None:
            self.panel = SyncPanel(self, self.window)
        self.panel.show()
        self.panel.raise_()
        self.panel.reload()
