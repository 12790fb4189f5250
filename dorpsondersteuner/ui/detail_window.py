"""One request's detail in a window of its own (UI.md Layout: beside the list, or on a
second screen): *Hulpvraag → In een eigen venster openen* (Ctrl+Shift+O) or a
double-click on a row. It follows every change like the detail pane does.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ..services.changes import Changes
from . import ops
from .detail import RequestDetailView
from .messages import describe
from .plain import PlainLabel
from .tasks import QueryOp

if TYPE_CHECKING:
    from .work import WorkArea


class DetailWindow(QWidget):
    """One request's detail in a window of its own (UI.md Layout: beside the list, or
    on a second screen). It refreshes from the task manager's changes like the pane,
    and its steps and records open the same dialogs; editing the question stays in the
    main window's form (*Bewerken* here opens it there). Esc or Ctrl+W closes it."""

    def __init__(self, work: WorkArea, request_id: uuid.UUID) -> None:
        super().__init__(work.window(), Qt.WindowType.Window)
        self.setObjectName("detailWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.work = work
        self.request_id = request_id
        self.shown: ops.DetailResult | None = None
        self.setWindowTitle(self.tr("Help request"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.placeholder = PlainLabel(self.tr("Loading…"))
        self.placeholder.setObjectName("detailWindowPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setContentsMargins(32, 32, 32, 32)
        self.stack.addWidget(self.placeholder)
        self.view = RequestDetailView()
        # The form lives in the main window: Edit brings it there, for this request.
        self.view.edit_button.clicked.connect(lambda: self.work.edit_in_main(self.request_id))
        self.view.action.connect(lambda name: self.work.actions_.on_action(name, self))
        self.view.link.connect(lambda href: self.work.actions_.on_link(href, self))
        self.stack.addWidget(self.view)
        closing = {QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_W)}
        closing.update(QKeySequence.keyBindings(QKeySequence.StandardKey.Close))
        for key in closing:
            QShortcut(key, self, self.close)
        lock = work.window_.lock_action  # Ctrl+L locks from here too
        QShortcut(lock.shortcut(), self, lock.trigger)
        layout.addWidget(self.stack)
        self.resize(640, 760)
        work.tasks.changed.connect(self.on_changes)
        self.load()

    def load(self) -> None:
        principal, request_id = self.work.principal, self.request_id
        QueryOp(lambda s: ops.detail(s, principal, request_id), self._show).failure(
            self._on_failed
        ).latest(f"detail-window-{request_id}").run(self.work.tasks)

    def _show(self, result: ops.DetailResult) -> None:
        self.shown = result
        detail = result.detail
        self.setWindowTitle(
            self.tr("%1 · %2 — Help request")
            .replace("%1", detail.resident.full_name)
            .replace("%2", detail.reference)
        )
        self.view.set_actions(result.can)
        self.view.show_request(detail, result.can.edit_refusal)
        self.stack.setCurrentWidget(self.view)

    def _on_failed(self, error: BaseException) -> None:
        self.shown = None
        self.placeholder.setText(describe(error).text)
        self.stack.setCurrentWidget(self.placeholder)

    def on_changes(self, changes: Changes) -> None:
        if self.request_id in changes.record_ids or changes.touches("residents"):
            self.load()

    def closeEvent(self, event: QCloseEvent) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.work.tasks.changed.disconnect(self.on_changes)
        self.work.detail_windows.pop(self.request_id, None)
        if self.work.dialog is not None and self.work.dialog.parent() is self:
            self.work.dialog = None  # deleted with this window
        super().closeEvent(event)
