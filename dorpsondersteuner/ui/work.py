"""The working area of the main window: navigation, the request list, the detail pane.

Built once the register is open and the user is known. Every question to the register
goes through the task manager; every write comes back as ``TaskManager.changed`` and
the list, the counts and the detail refresh from it.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..models.enums import Status
from ..services.changes import Changes
from ..services.lists import RequestFilter
from ..services.views import HelperView
from . import ops
from .detail import RequestDetailView
from .form import RequestForm
from .main_window import MainWindow, with_shortcut
from .messages import describe
from .request_model import (
    AREA,
    FOLLOW_UP,
    LEVEL,
    REFERENCE,
    RESIDENT,
    SORT_KEYS,
    STATUS,
    UPDATED,
    URGENCY,
    RequestListModel,
)
from .tasks import TaskManager
from .words import level_word, role_word

SEARCH_DELAY_MS = 0  # searching is fast enough to follow every keystroke (bench/)
VIEWS = ("mine", "all", "pickup", "overdue", "helpers")
ACTIVE = frozenset({Status.OPEN, Status.WAITING})
COLUMN_WIDTHS = {
    RESIDENT: 165,
    LEVEL: 100,
    STATUS: 80,
    URGENCY: 80,
    FOLLOW_UP: 140,
    UPDATED: 110,
    AREA: 120,
    REFERENCE: 150,
}
SIZES = [190, 690, 400]  # navigation, list, detail at 1280 pixels


class HelperModel(QAbstractTableModel):
    """Neighbourhood helpers: a short list (tens per area), so it is held whole."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.helpers: list[HelperView] = []

    def set_helpers(self, helpers: list[HelperView]) -> None:
        self.beginResetModel()
        self.helpers = helpers
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.helpers)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"),
            self.tr("Area"),
            self.tr("Phone"),
            self.tr("Available"),
        )[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        helper = self.helpers[index.row()]
        return (helper.name, helper.area_name, helper.phone, helper.availability)[index.column()]


class WorkArea(QSplitter):
    def __init__(
        self,
        window: MainWindow,
        tasks: TaskManager,
        signed_in: ops.SignedIn,
        state: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setObjectName("workArea")
        self.window_ = window
        self.tasks = tasks
        self.signed_in = signed_in
        self.principal = signed_in.principal
        self.view = "mine"
        self.current_id: uuid.UUID | None = None
        self._select_after: uuid.UUID | None = None
        self.detail_shown: ops.DetailResult | None = None
        self.detail_loaded = False

        self.nav = self._make_nav()
        self.addWidget(self.nav)
        self.addWidget(self._make_middle())
        self.addWidget(self._make_right())
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        self.setSizes(SIZES)

        self._connect_actions()
        tasks.changed.connect(self.on_changes)
        self.model.loaded.connect(self._on_list_loaded)
        self.model.load_failed.connect(self._on_failed)

        who = f"{self.principal.display_name} · {role_word(self.principal.role)}"
        window.set_status(who, self._sync_text())
        self.restore(state or {})

    # --- Building ----------------------------------------------------------------------

    def _make_nav(self) -> QListWidget:
        nav = QListWidget()
        nav.setObjectName("navigation")
        nav.setIconSize(QSize(22, 22))
        nav.setSpacing(2)
        nav.setAccessibleName(self.tr("Views"))
        style = QApplication.style()
        icons = {
            "mine": QStyle.StandardPixmap.SP_DirHomeIcon,
            "all": QStyle.StandardPixmap.SP_FileDialogDetailedView,
            "pickup": QStyle.StandardPixmap.SP_ArrowUp,
            "overdue": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "helpers": QStyle.StandardPixmap.SP_DirLinkIcon,
        }
        for view in VIEWS:
            item = QListWidgetItem(style.standardIcon(icons[view]), self._view_title(view))
            item.setData(Qt.ItemDataRole.UserRole, view)
            item.setToolTip(self._view_tip(view))
            item.setSizeHint(QSize(160, 40))
            nav.addItem(item)
        nav.currentItemChanged.connect(self._on_nav)
        nav.setMinimumWidth(170)
        return nav

    def _view_title(self, view: str, count: int | None = None) -> str:
        titles = {
            "mine": self.tr("My help requests"),
            "all": self.tr("All help requests"),
            "pickup": self.tr("Waiting for pick-up"),
            "overdue": self.tr("Follow-ups overdue"),
            "helpers": self.tr("Neighbourhood helpers"),
        }
        title = titles[view]
        return f"{title} ({count:n})" if count is not None else title

    def _view_tip(self, view: str) -> str:
        level = self.principal.level
        tips = {
            "mine": self.tr("Help requests you own or are the contact person of"),
            "all": self.tr("Every help request you may see"),
            "pickup": self.tr(
                "Open help requests at your level (%1) that nobody has picked up"
            ).replace("%1", level_word(level) if level else "—"),
            "overdue": self.tr("Help requests with a follow-up whose date has passed"),
            "helpers": self.tr("Neighbours and volunteers who can help (own circle)"),
        }
        return tips[view]

    def _make_middle(self) -> QWidget:
        middle = self.middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(8, 8, 8, 0)

        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, address, reference or a word"))
        self.search.setToolTip(
            with_shortcut(
                self.tr("Search by name, address, reference or words from the question"),
                self.window_.find_action.shortcut(),
            )
        )
        self.search.setAccessibleName(self.tr("Search"))
        self.search.textChanged.connect(self._on_search_text)
        top.addWidget(self.search, 1)
        self.new_button = QToolButton()
        self.new_button.setObjectName("newButton")
        self.new_button.setDefaultAction(self.window_.new_action)
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_button.setIcon(
            QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        )
        top.addWidget(self.new_button)
        layout.addLayout(top)

        heading_row = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("listHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        heading_row.addWidget(self.heading, 1)
        self.show_closed = QCheckBox(self.tr("Also show closed requests"))
        self.show_closed.setObjectName("showClosed")
        self.show_closed.toggled.connect(lambda _on: self.reload_list())
        heading_row.addWidget(self.show_closed)
        layout.addLayout(heading_row)

        self.list_stack = QStackedWidget()
        self.table = QTableView()
        self.table.setObjectName("requests")
        self.table.setAccessibleName(self.tr("Help requests"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setIconSize(QSize(16, 16))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        self.model = RequestListModel(self.tasks, self.principal, parent=self)
        self.table.setModel(self.model)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSortIndicator(UPDATED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.list_stack.addWidget(self.table)

        self.empty = QLabel()
        self.empty.setObjectName("emptyList")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(32, 32, 32, 32)
        self.list_stack.addWidget(self.empty)

        self.helper_model = HelperModel(self)
        self.helper_table = QTableView()
        self.helper_table.setObjectName("helpers")
        self.helper_table.setModel(self.helper_model)
        self.helper_table.verticalHeader().hide()
        self.helper_table.setAlternatingRowColors(True)
        self.helper_table.setShowGrid(False)
        self.helper_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.helper_table.horizontalHeader().setStretchLastSection(True)
        self.list_stack.addWidget(self.helper_table)

        self.loading = QLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack.addWidget(self.loading)
        self.list_stack.setCurrentWidget(self.loading)
        layout.addWidget(self.list_stack, 1)
        return middle

    def _make_right(self) -> QWidget:
        self.right = QStackedWidget()
        self.right.setObjectName("rightPane")
        self.placeholder = QLabel(self.tr("Choose a help request in the list to read it here."))
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setContentsMargins(32, 32, 32, 32)
        self.right.addWidget(self.placeholder)
        self.detail = RequestDetailView()
        self.detail.edit_button.clicked.connect(self.start_edit)
        self.detail.edit_button.setToolTip(self.tr("Change the question, life domains or urgency"))
        self.right.addWidget(self.detail)
        self.form = RequestForm(self.tasks, self.signed_in)
        self.form.saved.connect(self._on_saved)
        self.form.closed.connect(self._on_form_closed)
        self.form.set_shortcut_tips(
            with_shortcut(self.tr("Save"), self.window_.save_action.shortcut()),
            with_shortcut(self.tr("Cancel"), self.window_.cancel_action.shortcut()),
        )
        self.right.addWidget(self.form)
        return self.right

    def _connect_actions(self) -> None:
        w = self.window_
        w.new_action.setEnabled(self.signed_in.may_register)
        if not self.signed_in.may_register:
            w.new_action.setToolTip(self.tr("Village supporters record new help requests"))
            self.new_button.setToolTip(w.new_action.toolTip())
        w.new_action.triggered.connect(self.start_intake)
        w.edit_action.triggered.connect(self.start_edit)
        w.save_action.triggered.connect(self.form.save)
        w.cancel_action.triggered.connect(self.cancel_form)
        w.find_action.setEnabled(True)
        w.find_action.triggered.connect(self.focus_search)
        w.previous_action.setEnabled(True)
        w.next_action.setEnabled(True)
        w.previous_action.triggered.connect(lambda: self.step_request(-1))
        w.next_action.triggered.connect(lambda: self.step_request(1))
        w.help_action.triggered.connect(self.show_help)

    def _sync_text(self) -> str:
        if self.signed_in.register_kind == "demo":
            return self.tr("Demo register: fictional data, never synchronised")
        return self.tr("Synchronisation: not set up yet")

    # --- State per user ----------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {"sizes": self.sizes(), "view": self.view}

    def restore(self, state: dict[str, Any]) -> None:
        sizes = state.get("sizes")
        if isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) for s in sizes):
            self.setSizes(sizes)
        view = state.get("view")
        self.select_view(view if view in VIEWS else "mine")

    # --- Views and the list ------------------------------------------------------------

    def select_view(self, view: str) -> None:
        self.nav.setCurrentRow(VIEWS.index(view))
        if self.view == view and self.model.ready:
            return
        self._on_nav(self.nav.currentItem(), None)

    def _on_nav(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        self.view = item.data(Qt.ItemDataRole.UserRole)
        self.heading.setText(self._view_title(self.view))
        helpers = self.view == "helpers"
        self.search.setEnabled(not helpers)
        self.show_closed.setVisible(self.view in ("mine", "all"))
        if helpers:
            principal = self.principal
            self.tasks.query(
                lambda session: ops.helpers(session, principal),
                self._show_helpers,
                self._on_failed,
                key="helpers",
            )
            return
        self.reload_list()

    def current_filter(self, view: str | None = None, *, with_text: bool = True) -> RequestFilter:
        view = view or self.view
        statuses = frozenset() if self.show_closed.isChecked() else ACTIVE
        text = self.search.text() if with_text else ""
        if view == "mine":
            return RequestFilter(mine=True, statuses=statuses, text=text)
        if view == "pickup":
            return RequestFilter(waiting_for_pick_up=True, text=text)
        if view == "overdue":
            return RequestFilter(overdue_follow_ups=True, text=text)
        return RequestFilter(statuses=statuses, text=text)

    def reload_list(self) -> None:
        if self.view == "helpers":
            return
        self.model.set_filter(self.current_filter())
        self.refresh_counts()

    def refresh_counts(self) -> None:
        principal = self.principal
        filters = {view: self.current_filter(view, with_text=False) for view in VIEWS[:-1]}

        def show(counts: dict[str, int]) -> None:
            for row, view in enumerate(VIEWS[:-1]):
                item = self.nav.item(row)
                if item is not None:
                    item.setText(self._view_title(view, counts.get(view)))

        self.tasks.query(
            lambda session: ops.counts(session, principal, filters), show, key="nav-counts"
        )

    def _on_search_text(self, _text: str) -> None:
        self.reload_list()

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEYS.get(column)
        header = self.table.horizontalHeader()
        if key is None:  # no order in SQL for this column: keep the current one
            header.blockSignals(True)
            previous = next(c for c, k in SORT_KEYS.items() if k is self.model.sort_key)
            header.setSortIndicator(
                previous,
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self.model.sort(column, order)

    def _on_list_loaded(self) -> None:
        count = self.model.rowCount()
        self.window_.count_label.setText(self.tr("%n help request(s)", "", count))
        if count == 0:
            self.empty.setText(self._empty_text())
            self.list_stack.setCurrentWidget(self.empty)
        else:
            self.list_stack.setCurrentWidget(self.table)
        wanted = self._select_after or self.current_id
        row = self.model.row_of(wanted) if wanted is not None else None
        if self._select_after is not None and row is not None:
            self._select_after = None
        if row is None and count:
            row = 0
        if row is not None:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        elif not count:
            self.current_id = None
            if self.right.currentWidget() is not self.form:
                self.right.setCurrentWidget(self.placeholder)

    def _empty_text(self) -> str:
        text = self.search.text().strip()
        if text:
            return self.tr(
                "Nothing found for “%1”. Check the spelling, search for part of a name, or "
                "look in “All help requests”."
            ).replace("%1", text)
        if self.view == "pickup":
            return self.tr("No help requests are waiting to be picked up at your level.")
        if self.view == "overdue":
            return self.tr("No follow-ups are overdue.")
        if self.signed_in.may_register:
            return self.tr("No help requests yet. Click “New help request” or press Ctrl+N.")
        return self.tr("There are no help requests here for you yet.")

    def _show_helpers(self, helpers: list[HelperView]) -> None:
        self.helper_model.set_helpers(helpers)
        self.heading.setText(self._view_title("helpers", len(helpers)))
        if helpers:
            self.list_stack.setCurrentWidget(self.helper_table)
            self.helper_table.resizeColumnsToContents()
        else:
            self.empty.setText(self.tr("There are no neighbourhood helpers you can see."))
            self.list_stack.setCurrentWidget(self.empty)

    # --- The detail --------------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        request_id = self.model.id_at(current.row()) if current.isValid() else None
        if request_id is None:
            return
        if request_id == self.current_id and self.detail_loaded:
            return
        self.current_id = request_id
        self.load_detail()

    def load_detail(self) -> None:
        request_id, principal = self.current_id, self.principal
        if request_id is None:
            return
        self.detail_loaded = False
        self.tasks.query(
            lambda session: ops.detail(session, principal, request_id),
            self._show_detail,
            self._on_detail_failed,
            key="detail",
        )

    def _show_detail(self, result: ops.DetailResult) -> None:
        self.detail_shown = result
        self.detail_loaded = True
        self.detail.show_request(result.detail, result.edit_refusal)
        self.window_.edit_action.setEnabled(result.edit_refusal is None)
        if self.right.currentWidget() is not self.form:
            self.right.setCurrentWidget(self.detail)

    def _on_detail_failed(self, error: BaseException) -> None:
        self.detail_loaded = True
        self.placeholder.setText(describe(error).text)
        if self.right.currentWidget() is not self.form:
            self.right.setCurrentWidget(self.placeholder)

    def step_request(self, step: int) -> None:
        if self.model.rowCount() == 0:
            return
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(self.model.rowCount() - 1, row))
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def focus_search(self) -> None:
        if self.view == "helpers":
            self.select_view("all")
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- Forms -------------------------------------------------------------------------

    def _form_open(self, is_open: bool) -> None:
        # A form gets the list's room too; the list comes back when it closes.
        self.middle.setVisible(not is_open)
        self.window_.save_action.setEnabled(is_open)
        self.window_.cancel_action.setEnabled(is_open)
        self.window_.new_action.setEnabled(self.signed_in.may_register and not is_open)
        self.window_.edit_action.setEnabled(
            not is_open and self.detail_shown is not None and self.detail_shown.edit_refusal is None
        )

    def start_intake(self) -> None:
        if not self.signed_in.may_register or self.right.currentWidget() is self.form:
            return
        self.form.start_intake()
        self.right.setCurrentWidget(self.form)
        self._form_open(True)
        self.form.lookup.setFocus()

    def start_edit(self) -> None:
        shown = self.detail_shown
        if shown is None or shown.edit_refusal is not None:
            return
        if self.right.currentWidget() is self.form:
            return
        self.form.start_edit(shown.detail)
        self.right.setCurrentWidget(self.form)
        self._form_open(True)

    def cancel_form(self) -> None:
        if self.right.currentWidget() is not self.form:
            return
        if self.form.dirty:
            answer = QMessageBox.question(
                self,
                self.tr("Stop without saving?"),
                self.tr("What you filled in has not been saved. Stop anyway and lose it?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.form.cancel()

    def _on_saved(self, request_id: uuid.UUID) -> None:
        self._select_after = request_id
        self.current_id = request_id
        if self.form.mode == "intake":
            # A new request is the user's own and open: show it in "My help requests".
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            if self.view != "mine":
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(VIEWS.index("mine"))
                self.nav.blockSignals(False)
                self.view = "mine"
                self.heading.setText(self._view_title("mine"))
                self.show_closed.setVisible(True)
            self.model.where = self.current_filter()
        self.window_.statusBar().showMessage(self.tr("Saved."), 5000)

    def _on_form_closed(self) -> None:
        self._form_open(False)
        if self.current_id is not None:
            self.right.setCurrentWidget(self.detail if self.detail_loaded else self.placeholder)
            self.load_detail()
        else:
            self.right.setCurrentWidget(self.placeholder)
        self.table.setFocus()

    # --- Changes -----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """A write finished: refresh the list, the counts and an affected detail."""
        self.model.apply_changes(changes)
        self.refresh_counts()
        if self.current_id is not None and (
            self.current_id in changes.record_ids or changes.touches("residents")
        ):
            self.load_detail()

    def _on_failed(self, error: BaseException) -> None:
        self.window_.statusBar().showMessage(describe(error).text, 15000)

    # --- Help --------------------------------------------------------------------------

    def show_help(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Short help"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            self.tr(
                "<p><b>Find a help request:</b> choose a list on the left, or type a name, "
                "address, reference or a word from the question in the search box "
                "(Ctrl+F).</p>"
                "<p><b>Read it:</b> click it in the list; it appears on the right. Alt+Up and "
                "Alt+Down go to the previous and next one.</p>"
                "<p><b>Register a new one:</b> click “New help request” (Ctrl+N). First look "
                "the resident up, then fill in the question and save (Ctrl+S).</p>"
                "<p><b>Change one:</b> click “Edit” above the request.</p>"
                "<p>Everything you save stays on this computer, encrypted.</p>"
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        self._help_box = box
