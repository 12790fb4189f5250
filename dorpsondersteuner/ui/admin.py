"""The administrator's page (D5): requests by reference with area, level, status and
owner, a search on reference or owner, and "Overdragen" to hand a request to a
colleague who works at its level and area.

Administrators never see content: this page only shows what the core's
``admin_views.reference_list`` returns (``ReferenceView``), which has no resident,
question, contact or history in it. Whether a request can be reassigned now is the
workflow's answer on each row (``reassign_refusal``); the dialog is
``dialogs/admin.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..enums import Refusal, Step
from ..services.changes import Changes
from ..services.views import ReferenceView
from . import dialogs, ops
from .main_window import MainWindow, with_shortcut
from .messages import describe, refusal_text
from .plain import PlainLabel
from .tasks import QueryOp, TaskManager
from .textsize import relative_font
from .words import level_icon, level_word, role_word, status_word, sync_state_text
from .worklists import Column, ShortListModel


def _header(key: str) -> str:
    words = {
        "Reference": QCoreApplication.translate("AdminPage", "Reference"),
        "Area": QCoreApplication.translate("AdminPage", "Area"),
        "Level": QCoreApplication.translate("AdminPage", "Level"),
        "Status": QCoreApplication.translate("AdminPage", "Status"),
        "Owner": QCoreApplication.translate("AdminPage", "Owner"),
    }
    return words[key]


def _owner(row: ReferenceView) -> str:
    if row.owner_name:
        return row.owner_name
    return QCoreApplication.translate("AdminPage", "nobody (waiting for pick-up)")


def reference_model(parent: QObject | None = None) -> ShortListModel[ReferenceView]:
    return ShortListModel(
        [
            Column(lambda: _header("Reference"), lambda r: r.reference),
            Column(lambda: _header("Area"), lambda r: r.area_name or r.area_code),
            Column(
                lambda: _header("Level"),
                lambda r: level_word(r.level),
                icon=lambda r: level_icon(r.level),
            ),
            Column(lambda: _header("Status"), lambda r: status_word(r.status)),
            Column(lambda: _header("Owner"), _owner),
        ],
        parent,
    )


class AdminPage(QWidget):
    """What an administrator works with: references and owners, never content."""

    def __init__(self, window: MainWindow, tasks: TaskManager, signed_in: ops.SignedIn) -> None:
        super().__init__()
        self.setObjectName("adminPage")
        self.window_ = window
        self.tasks = tasks
        self.principal = signed_in.principal
        self.loaded = False
        self.dialog: dialogs.FormDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 0)
        heading = PlainLabel(self.tr("Reassign help requests"))
        heading.setObjectName("adminHeading")
        relative_font(heading, 1.15, bold=True)
        layout.addWidget(heading)
        intro = PlainLabel(
            self.tr(
                "As an administrator you see only the reference, area, level, status and owner "
                "of a help request, never what it is about. Choose one and click “Reassign” to "
                "hand it to a colleague, for example during leave."
            )
        )
        intro.setObjectName("adminIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        tools = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("adminSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: reference or owner's name"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setToolTip(
            with_shortcut(
                self.tr("Search by (part of) the reference or the owner's name"),
                window.find_action.shortcut(),
            )
        )
        self.search.textChanged.connect(lambda _text: self.reload())
        tools.addWidget(self.search, 1)
        self.show_closed = QCheckBox(self.tr("Also show closed requests"))
        self.show_closed.setObjectName("adminShowClosed")
        self.show_closed.toggled.connect(lambda _on: self.reload())
        tools.addWidget(self.show_closed)
        self.reassign_button = QPushButton(self.tr("Reassign…"))
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.setToolTip(
            self.tr("Hand the chosen help request to someone at its level and area")
        )
        self.reassign_button.setEnabled(False)
        self.reassign_button.clicked.connect(self.reassign)
        tools.addWidget(self.reassign_button)
        layout.addLayout(tools)

        self.stack = QStackedWidget()
        self.model = reference_model(self)
        self.table = QTableView()
        # One tab stop: the arrows move inside, Tab goes on to the buttons.
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("references")
        self.table.setAccessibleName(self.tr("Help requests by reference"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((190, 160, 150, 120)):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self.table.activated.connect(lambda _index: self.reassign())
        self.stack.addWidget(self.table)
        self.empty = PlainLabel()
        self.empty.setObjectName("adminEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.shown_count = PlainLabel()
        self.shown_count.setObjectName("adminCount")
        self.shown_count.setWordWrap(True)
        layout.addWidget(self.shown_count)

        who = f"{self.principal.display_name} · {role_word(self.principal.role)}"
        window.set_status(who, sync_state_text(signed_in.register_kind))
        window.find_action.setEnabled(True)
        window.find_action.triggered.connect(self.focus_search)
        tasks.changed.connect(self.on_changes)
        self.reload()

    # --- The list ----------------------------------------------------------------------

    def reload(self) -> None:
        principal, text = self.principal, self.search.text()
        closed = self.show_closed.isChecked()
        QueryOp(lambda s: ops.references(s, principal, text, closed), self._show).failure(
            self._on_failed
        ).latest("references").run(self.tasks)

    def _show(self, page: ops.ReferencePage) -> None:
        chosen = self.chosen()
        self.model.set_rows(list(page.rows))
        self.loaded = True
        count = len(page.rows)
        if count < page.total:
            self.shown_count.setText(
                self.tr(
                    "The first %1 of %2 help requests are shown. Search by reference or owner "
                    "to find the one you need."
                )
                .replace("%1", f"{count:n}")
                .replace("%2", f"{page.total:n}")
            )
        else:
            self.shown_count.setText(self.tr("%n help request(s)", "", count))
        if not count:
            text = self.search.text().strip()
            self.empty.setText(
                self.tr("No help request found for “%1”. Check the reference.").replace("%1", text)
                if text
                else self.tr("There are no open help requests.")
            )
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
            row = next((i for i, r in enumerate(page.rows) if chosen and r.id == chosen.id), 0)
            self.table.selectRow(row)
        self._update_button()

    def chosen(self) -> ReferenceView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_button(self) -> None:
        chosen = self.chosen()
        refusal = chosen.reassign_refusal if chosen is not None else None
        self.reassign_button.setEnabled(chosen is not None and refusal is None)
        if refusal is Refusal.CLOSED:
            tip = self.tr(
                "A closed help request has no one working on it: reopening is its owner's."
            )
        elif refusal is not None:
            tip = refusal_text(refusal, Step.REASSIGN)
        else:
            tip = self.tr("Hand the chosen help request to someone at its level and area")
        self.reassign_button.setToolTip(tip)

    # --- Reassigning -------------------------------------------------------------------

    def reassign(self) -> None:
        chosen = self.chosen()
        if chosen is None or chosen.reassign_refusal is not None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        dialog = dialogs.ReassignDialog(self.tasks, self.principal, chosen, self.window())
        dialog.done_.connect(self._on_reassigned)
        dialog.finished.connect(lambda _code: self.table.setFocus())
        self.dialog = dialog
        dialog.open()

    def _on_reassigned(self, result: ReferenceView) -> None:
        self.window_.statusBar().showMessage(
            self.tr("%1 now belongs to %2.")
            .replace("%1", result.reference)
            .replace("%2", result.owner_name or ""),
            8000,
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("help_requests") or changes.record_ids & {r.id for r in self.model.rows}:
            self.reload()

    def _on_failed(self, error: BaseException) -> None:
        self.window_.statusBar().showMessage(describe(error).text, 15000)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def help_screen(self) -> str:
        """Which screen F1 explains."""
        return "admin"
