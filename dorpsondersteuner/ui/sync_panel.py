"""The sync panel: where a user's work is (issue "Seeing it").

Unsent changes; changes the server refused, with the reason and what to do; values
that lost a concurrent edit, field by field with both values, who and when, where the
request's owner restores the other value with one click (a normal edit: a new op that
syncs like any other); work not delivered because its request left this computer; and
the last checksum result. Read on the DB worker; nothing here decides who may do what:
restoring goes through ``services.workflow.edit_request``, which checks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .plain import PlainLabel, plain_tip
from .tasks import QueryOp, WriteOp

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .sync import SyncController

# Fields whose losing value can be restored with one click (the request's own fields,
# through ``edit_request``); others are shown, and kept as reviewed.
COLUMN_MAX = 320  # a long question is read in full in its tooltip
RESTORABLE = frozenset({"question", "urgency", "life_domains"})


@dataclass(frozen=True)
class OpLine:
    op_id: uuid.UUID
    what: str  # the request's reference, else the kind of record
    kind: str
    made_at: datetime
    reason: str | None
    detail: str | None


@dataclass(frozen=True)
class LostLine:
    id: int
    what: str
    entity: str
    record_id: uuid.UUID
    field: str
    mine: Any  # the value that lost
    kept: Any  # the value that won
    lost_by: str
    won_by: str
    at: datetime
    restorable: bool


@dataclass(frozen=True)
class PanelContent:
    unsent: tuple[OpLine, ...]
    rejected: tuple[OpLine, ...]
    lost: tuple[LostLine, ...]
    not_delivered: tuple[OpLine, ...]
    checksum: str | None
    checksum_at: datetime | None


def read_panel(session: Session) -> PanelContent:
    from sqlalchemy import select

    from ..models import HelpRequest, User
    from ..models.local import OutboxOp, ReceivedLosingValue, ReceivedRejectedOp
    from ..sync.engine import sync_state

    state = sync_state(session)
    references: dict[uuid.UUID, str] = {}

    def reference(request_id: uuid.UUID | None) -> str | None:
        if request_id is None:
            return None
        if request_id not in references:
            found = session.scalar(
                select(HelpRequest.reference).where(HelpRequest.id == request_id)
            )
            references[request_id] = found or ""
        return references[request_id] or None

    def what(entity: str, record_id: uuid.UUID, payload: dict[str, Any] | None) -> str:
        request_id = record_id if entity == HelpRequest.__tablename__ else None
        if request_id is None and payload and isinstance(payload.get("request_id"), str):
            try:
                request_id = uuid.UUID(payload["request_id"])
            except ValueError:
                request_id = None
        return reference(request_id) or entity_word(entity)

    def line(row: OutboxOp) -> OpLine:
        return OpLine(
            row.op_id,
            what(row.entity, row.record_id, row.payload),
            str(row.kind),
            row.created_at,
            row.not_delivered_reason or row.reason,
            row.detail,
        )

    ops = session.scalars(
        select(OutboxOp)
        .where(
            OutboxOp.result.is_(None)
            | (OutboxOp.result == "rejected")
            | OutboxOp.not_delivered_reason.is_not(None)
        )
        # A change's history entry travels as an op of its own: one line per change.
        .where(OutboxOp.entity != "history_events")
        .order_by(OutboxOp.position)
    ).all()
    unsent = [line(op) for op in ops if op.result is None and op.not_delivered_reason is None]
    rejected = [line(op) for op in ops if op.result == "rejected" and not op.not_delivered_reason]
    not_delivered = [line(op) for op in ops if op.not_delivered_reason]
    names = {
        row.id: row.display_name for row in session.execute(select(User.id, User.display_name))
    }
    for theirs in session.scalars(
        select(ReceivedRejectedOp)
        .where(ReceivedRejectedOp.reviewed_at.is_(None))
        .order_by(ReceivedRejectedOp.seq)
    ):
        by = names.get(theirs.user_id, QCoreApplication.translate("SyncPanel", "someone"))
        rejected.append(
            OpLine(
                theirs.op_id,
                f"{reference(theirs.request_id) or entity_word(theirs.entity)} ({by})",
                theirs.kind,
                theirs.received_at,
                theirs.reason,
                theirs.detail,
            )
        )
    lost = []
    for value in session.scalars(
        select(ReceivedLosingValue)
        .where(ReceivedLosingValue.reviewed_at.is_(None))
        .order_by(ReceivedLosingValue.at)
    ):
        lost.append(
            LostLine(
                value.id,
                reference(value.request_id) or entity_word(value.entity),
                value.entity,
                value.record_id,
                value.field,
                value.losing_value,
                value.winning_value,
                names.get(value.losing_user_id, QCoreApplication.translate("SyncPanel", "someone")),
                names.get(value.winning_user_id, QCoreApplication.translate("SyncPanel", "someone"))
                if value.winning_user_id
                else QCoreApplication.translate("SyncPanel", "someone"),
                value.at,
                value.entity == HelpRequest.__tablename__ and value.field in RESTORABLE,
            )
        )
    return PanelContent(
        tuple(unsent),
        tuple(rejected),
        tuple(lost),
        tuple(not_delivered),
        state.last_checksum,
        state.last_checksum_at,
    )


def restore_lost(session: Session, value_id: int, *, restore: bool) -> None:
    """The owner's choice on a lost value: restore it (a normal edit, a new op), or keep
    what won. Either way the value is reviewed."""
    from ..clock import now_utc
    from ..enums import LifeDomain, Urgency
    from ..models.local import ReceivedLosingValue, SyncState
    from ..services.access import load_principal
    from ..services.workflow import edit_request

    value = session.get_one(ReceivedLosingValue, value_id)
    if restore:
        state = session.get_one(SyncState, 1)
        principal = load_principal(session, state.user_id)
        wanted: dict[str, Any] = {}
        if value.field == "question":
            wanted["question"] = str(value.losing_value)
        elif value.field == "urgency":
            wanted["urgency"] = Urgency(value.losing_value)
        elif value.field == "life_domains":
            wanted["life_domains"] = LifeDomain(int(value.losing_value))
        edit_request(session, principal, value.record_id, **wanted)
    value.reviewed_at = now_utc()


def kind_word(kind: str) -> str:
    words = {
        "create": QCoreApplication.translate("SyncPanel", "new"),
        "set": QCoreApplication.translate("SyncPanel", "change"),
        "step": QCoreApplication.translate("SyncPanel", "step"),
        "tombstone": QCoreApplication.translate("SyncPanel", "removal"),
        "anonymise": QCoreApplication.translate("SyncPanel", "anonymisation"),
    }
    return words.get(kind, kind)


def field_word(field: str) -> str:
    words = {
        "question": QCoreApplication.translate("SyncPanel", "Question"),
        "urgency": QCoreApplication.translate("SyncPanel", "Urgency"),
        "life_domains": QCoreApplication.translate("SyncPanel", "Life domains"),
    }
    if field in words:
        return words[field]
    from .messages import field_label

    return field_label(field)


def entity_word(entity: str) -> str:
    words = {
        "help_requests": QCoreApplication.translate("SyncPanel", "help request"),
        "residents": QCoreApplication.translate("SyncPanel", "resident"),
        "contacts": QCoreApplication.translate("SyncPanel", "contact"),
        "follow_ups": QCoreApplication.translate("SyncPanel", "follow-up"),
        "arranged_help": QCoreApplication.translate("SyncPanel", "arranged help"),
        "helpers": QCoreApplication.translate("SyncPanel", "helper"),
        "history_events": QCoreApplication.translate("SyncPanel", "step"),
    }
    return words.get(entity, entity)


def reason_text(reason: str | None) -> tuple[str, str]:
    """A refusal's reason and what to do, in plain words."""
    from ..sync.protocol import RejectReason

    texts = {
        RejectReason.FORBIDDEN.value: (
            QCoreApplication.translate("SyncPanel", "You may no longer change this."),
            QCoreApplication.translate(
                "SyncPanel", "Ask the owner of the help request to make the change."
            ),
        ),
        RejectReason.NOT_FOUND.value: (
            QCoreApplication.translate("SyncPanel", "The record is no longer there for you."),
            QCoreApplication.translate(
                "SyncPanel", "Ask your coordinator whether it was moved to someone else."
            ),
        ),
        RejectReason.INVALID.value: (
            QCoreApplication.translate("SyncPanel", "The change did not fit the rules."),
            QCoreApplication.translate(
                "SyncPanel", "Make the change again; if it is refused again, tell your IT contact."
            ),
        ),
        RejectReason.CLOSED.value: (
            QCoreApplication.translate("SyncPanel", "The help request was closed meanwhile."),
            QCoreApplication.translate(
                "SyncPanel", "Reopen it if there is new work, then make the change again."
            ),
        ),
        RejectReason.STALE.value: (
            QCoreApplication.translate(
                "SyncPanel", "The help request moved on meanwhile (another level or status)."
            ),
            QCoreApplication.translate(
                "SyncPanel", "Look at the help request as it is now and take the step again."
            ),
        ),
        RejectReason.REFUSED.value: (
            QCoreApplication.translate("SyncPanel", "The step is not possible now."),
            QCoreApplication.translate(
                "SyncPanel", "Look at the help request as it is now; its steps say why."
            ),
        ),
        RejectReason.ANONYMISED.value: (
            QCoreApplication.translate("SyncPanel", "The record was anonymised or erased."),
            QCoreApplication.translate("SyncPanel", "Nothing to do: the change is not needed."),
        ),
        "no_longer_visible": (
            QCoreApplication.translate(
                "SyncPanel", "The help request is no longer on this computer (your areas changed)."
            ),
            QCoreApplication.translate(
                "SyncPanel", "The owner of the help request has been told. Tell them what you did."
            ),
        ),
    }
    return texts.get(
        reason or "",
        (
            QCoreApplication.translate("SyncPanel", "The server refused this change (%1).").replace(
                "%1", reason or "?"
            ),
            QCoreApplication.translate(
                "SyncPanel", "Make the change again, or ask your coordinator."
            ),
        ),
    )


def value_text(value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("SyncPanel", "(empty)")
    if isinstance(value, list | dict):
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return str(value)


def _when(moment: datetime) -> str:
    from .sync import clock_time

    return f"{moment.date().isoformat()} {clock_time(moment)}"


class SyncPanel(QDialog):
    """Program → Synchronisation overview (also the status bar's button)."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncPanel")
        self.setWindowTitle(QCoreApplication.translate("SyncPanel", "Synchronisation"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.summary = PlainLabel()
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.unsent_list = self._tree(
            [
                QCoreApplication.translate("SyncPanel", "Help request"),
                QCoreApplication.translate("SyncPanel", "Change"),
                QCoreApplication.translate("SyncPanel", "Made at"),
            ]
        )
        self.refused_list = self._tree(
            [
                QCoreApplication.translate("SyncPanel", "Help request"),
                QCoreApplication.translate("SyncPanel", "Change"),
                QCoreApplication.translate("SyncPanel", "Why refused"),
                QCoreApplication.translate("SyncPanel", "What to do"),
            ]
        )
        self.not_delivered_list = self._tree(
            [
                QCoreApplication.translate("SyncPanel", "Help request"),
                QCoreApplication.translate("SyncPanel", "Change"),
                QCoreApplication.translate("SyncPanel", "Why"),
                QCoreApplication.translate("SyncPanel", "What to do"),
            ]
        )
        lost_page = QWidget()
        lost_layout = QVBoxLayout(lost_page)
        lost_layout.setContentsMargins(0, 0, 0, 0)
        self.lost_list = self._tree(
            [
                QCoreApplication.translate("SyncPanel", "Help request"),
                QCoreApplication.translate("SyncPanel", "Field"),
                QCoreApplication.translate("SyncPanel", "Value now"),
                QCoreApplication.translate("SyncPanel", "Value that lost"),
                QCoreApplication.translate("SyncPanel", "Lost by"),
                QCoreApplication.translate("SyncPanel", "When"),
            ]
        )
        lost_layout.addWidget(self.lost_list, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button = QPushButton(
            QCoreApplication.translate("SyncPanel", "&Restore the value that lost")
        )
        self.restore_button.setObjectName("restoreLost")
        self.keep_button = QPushButton(
            QCoreApplication.translate("SyncPanel", "&Keep the value now")
        )
        self.keep_button.setObjectName("keepLost")
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.restore_button)
        lost_layout.addLayout(buttons)
        self.restore_button.clicked.connect(lambda: self._review(restore=True))
        self.keep_button.clicked.connect(lambda: self._review(restore=False))
        self.lost_list.currentItemChanged.connect(lambda *_: self._lost_chosen())
        self.checksum = PlainLabel()
        self.checksum.setObjectName("syncChecksum")
        self.checksum.setWordWrap(True)
        self.checksum.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.tabs.addTab(self.unsent_list, "")
        self.tabs.addTab(self.refused_list, "")
        self.tabs.addTab(lost_page, "")
        self.tabs.addTab(self.not_delivered_list, "")
        self.tabs.addTab(
            self.checksum, QCoreApplication.translate("SyncPanel", "Check with the server")
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        self.sync_button = close.addButton(
            QCoreApplication.translate("SyncPanel", "Sync &now"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.sync_button.clicked.connect(controller.sync_now)
        layout.addWidget(close)
        self.content: PanelContent | None = None
        # F1 here explains this panel (the main window's F1 does not reach a dialog).
        self.help_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)
        self.help_shortcut.activated.connect(self.show_help)
        self.help_dialog: QDialog | None = None
        controller.overview_changed.connect(lambda _overview: self.reload())
        self._lost_chosen()

    def help_screen(self) -> str:
        return "sync"

    def show_help(self) -> None:
        from .help import HelpDialog

        if self.help_dialog is not None:
            self.help_dialog.close()
        self.help_dialog = HelpDialog("sync", self)
        self.help_dialog.open()

    @staticmethod
    def _tree(headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(True)
        return tree

    def reload(self) -> None:
        if not self.isVisible():
            return
        QueryOp(read_panel, self.show_content).latest("sync-panel").run(self.controller.tasks)

    def show_content(self, content: PanelContent) -> None:
        first = self.content is None
        self.content = content
        self.unsent_list.clear()
        for op in content.unsent:
            QTreeWidgetItem(self.unsent_list, [op.what, kind_word(op.kind), _when(op.made_at)])
        self.refused_list.clear()
        for op in content.rejected:
            why, todo = reason_text(op.reason)
            item = QTreeWidgetItem(self.refused_list, [op.what, kind_word(op.kind), why, todo])
            item.setToolTip(3, todo)
            if op.detail:
                item.setToolTip(2, plain_tip(op.detail))
        self.not_delivered_list.clear()
        for op in content.not_delivered:
            why, todo = reason_text(op.reason)
            item = QTreeWidgetItem(
                self.not_delivered_list, [op.what, kind_word(op.kind), why, todo]
            )
            item.setToolTip(2, why)
            item.setToolTip(3, todo)
        self.lost_list.clear()
        for value in content.lost:
            item = QTreeWidgetItem(
                self.lost_list,
                [
                    value.what,
                    field_word(value.field),
                    value_text(value.kept),
                    value_text(value.mine),
                    value.lost_by,
                    _when(value.at),
                ],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, value.id)
            item.setToolTip(3, plain_tip(value_text(value.mine)))
            item.setToolTip(
                2,
                plain_tip(
                    QCoreApplication.translate("SyncPanel", "Changed by %1").replace(
                        "%1", value.won_by
                    )
                ),
            )
        for tree in (self.unsent_list, self.refused_list, self.not_delivered_list, self.lost_list):
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)
                tree.setColumnWidth(column, min(tree.columnWidth(column), COLUMN_MAX))
        top = self.lost_list.topLevelItem(0)
        if top is not None:
            self.lost_list.setCurrentItem(top)
        for index, (label, count) in enumerate(
            (
                (QCoreApplication.translate("SyncPanel", "Not yet sent (%1)"), len(content.unsent)),
                (QCoreApplication.translate("SyncPanel", "Refused (%1)"), len(content.rejected)),
                (QCoreApplication.translate("SyncPanel", "Lost values (%1)"), len(content.lost)),
                (
                    QCoreApplication.translate("SyncPanel", "Not delivered (%1)"),
                    len(content.not_delivered),
                ),
            )
        ):
            self.tabs.setTabText(index, label.replace("%1", str(count)))
        if content.checksum == "ok":
            checksum = QCoreApplication.translate(
                "SyncPanel", "All in order: this computer holds the same as the server."
            )
        elif content.checksum == "mismatch":
            checksum = QCoreApplication.translate(
                "SyncPanel",
                "Some data differs from the server's; it is being repaired with the next "
                "sync. Nothing is deleted to repair it.",
            )
        else:
            checksum = QCoreApplication.translate("SyncPanel", "Not compared with the server yet.")
        if content.checksum_at is not None:
            checksum += " " + QCoreApplication.translate("SyncPanel", "(compared %1)").replace(
                "%1", _when(content.checksum_at)
            )
        self.checksum.setText(checksum)
        from .sync import problem_text, state_text

        overview = self.controller.overview
        summary = (
            state_text(overview, online=self.controller.online, syncing=self.controller.running)
            if overview is not None
            else ""
        )
        problem = problem_text(self.controller.problem, self.controller.retry_at)
        self.summary.setText(f"{summary}\n{problem}".strip())
        self._lost_chosen()
        if first:  # open on what needs looking at, the most pressing first
            counts = (content.lost, content.rejected, content.not_delivered, content.unsent)
            tabs = (2, 1, 3, 0)
            self.tabs.setCurrentIndex(next((t for t, c in zip(tabs, counts, strict=True) if c), 0))

    def _chosen_lost(self) -> LostLine | None:
        item = self.lost_list.currentItem()
        if item is None or self.content is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((value for value in self.content.lost if value.id == wanted), None)

    def _lost_chosen(self) -> None:
        value = self._chosen_lost()
        self.keep_button.setEnabled(value is not None)
        self.restore_button.setEnabled(value is not None and value.restorable)

    def _review(self, *, restore: bool) -> None:
        value = self._chosen_lost()
        if value is None:
            return
        value_id = value.id
        WriteOp(lambda session: restore_lost(session, value_id, restore=restore), None).failure(
            self._failed
        ).run(self.controller.tasks)

    def _failed(self, error: BaseException) -> None:
        from .messages import describe

        self.summary.setText(describe(error).text)
