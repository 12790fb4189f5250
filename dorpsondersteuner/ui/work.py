"""The working area of the main window: navigation, the request list, the detail pane.

Built once the register is open and the user is known. Every question to the register
goes through the task manager; every write comes back as ``TaskManager.changed`` and
the list, the counts and the detail refresh from it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..enums import HelperSkill, Refusal, Status, Step
from ..services import access_log
from ..services.changes import Changes
from ..services.lists import RequestFilter
from ..services.views import HelperView
from . import LIST_VIEWS, dates, dialogs, ops
from .detail import RequestDetailView
from .form import RequestForm
from .main_window import MainWindow, with_shortcut
from .messages import describe, refusal_text
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
from .words import level_word, pick_up_icon, role_word, skill_word, sync_state_text
from .worklists import (
    ShortListModel,
    deadline_model,
    follow_up_model,
    helper_model,
    queue_model,
    request_of,
)

# Test-only: type this text into a new intake form once the window is ready (the
# draft test kills the program afterwards and checks that the text comes back).
TYPE_ENV = "DORPSONDERSTEUNER_TEST_TYPE"
SEARCH_DELAY_MS = 0  # searching is fast enough to follow every keystroke (bench/)
VIEWS = ("mine", "all", "pickup", "followups", "deadlines", "helpers")
SEARCH_LOG_DELAY_MS = 2000  # typing has stopped: the search is logged once
STEP_NAMES = {
    "pick_up": Step.PICK_UP,
    "hand_back": Step.HAND_BACK,
    "close": Step.CLOSE,
    "reopen": Step.REOPEN,
    "wait": Step.WAIT,
    "resume": Step.RESUME,
    "give_consent": Step.GIVE_CONSENT,
    "withdraw_consent": Step.WITHDRAW_CONSENT,
}
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
SIZES = [180, 620, 480]  # navigation, list, detail at 1280 pixels (detail: its buttons fit)


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
        self.detail_windows: dict[uuid.UUID, DetailWindow] = {}

        self.nav = self._make_nav()
        self.addWidget(self.nav)
        self.addWidget(self._make_middle())
        self.addWidget(self._make_right())
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        self.setSizes(SIZES)

        # A search is logged once typing has stopped for a while, not per keystroke (D11).
        self.search_log_timer = QTimer(self)
        self.search_log_timer.setSingleShot(True)
        self.search_log_timer.setInterval(SEARCH_LOG_DELAY_MS)
        self.search_log_timer.timeout.connect(self._log_search)

        self._connect_actions()
        tasks.changed.connect(self.on_changes)
        self.model.loaded.connect(self._on_list_loaded)
        self.model.load_failed.connect(self._on_failed)

        who = f"{self.principal.display_name} · {role_word(self.principal.role)}"
        window.set_status(who, self._sync_text())
        self.restore(state or {})
        typed = os.environ.get(TYPE_ENV)
        if typed:
            QTimer.singleShot(0, lambda: self._type_for_test(typed))

    def _type_for_test(self, text: str) -> None:
        self.start_intake()
        self.form.question.setPlainText(text)

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
            "followups": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "deadlines": QStyle.StandardPixmap.SP_BrowserReload,
            "helpers": QStyle.StandardPixmap.SP_DirLinkIcon,
        }
        views = self.signed_in.views
        shown = {
            "mine": views.requests,
            "all": views.requests,
            "pickup": views.review_queue,
            "followups": views.requests,
            "deadlines": views.wmo_deadlines,
            "helpers": views.helpers,
        }
        for view in VIEWS:
            icon = pick_up_icon() if view == "pickup" else style.standardIcon(icons[view])
            item = QListWidgetItem(icon, self._view_title(view))
            item.setData(Qt.ItemDataRole.UserRole, view)
            item.setToolTip(self._view_tip(view))
            item.setSizeHint(QSize(160, 40))
            nav.addItem(item)
            item.setHidden(not shown[view])
        nav.currentItemChanged.connect(self._on_nav)
        nav.setMinimumWidth(170)
        return nav

    def _view_title(self, view: str, count: int | None = None) -> str:
        titles = {
            "mine": self.tr("My help requests"),
            "all": self.tr("All help requests"),
            "pickup": self.tr("Waiting for pick-up"),
            "followups": self.tr("Follow-ups"),
            "deadlines": self.tr("Wmo deadlines"),
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
            "followups": self.tr("Follow-ups due today and overdue"),
            "deadlines": self.tr("Statutory Wmo deadlines, fewest days left first"),
            "helpers": self.tr("Neighbours and volunteers who can help (own circle)"),
        }
        return tips[view]

    def _make_middle(self) -> QWidget:
        middle = self.middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self._make_draft_banner())

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
        layout.addWidget(self._make_tools())

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
        self.table.doubleClicked.connect(
            lambda index: self.open_in_window(self.model.id_at(index.row()))
        )
        self.list_stack.addWidget(self.table)

        self.empty = QLabel()
        self.empty.setObjectName("emptyList")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(32, 32, 32, 32)
        self.list_stack.addWidget(self.empty)

        self.short_models: dict[str, ShortListModel[Any]] = {
            "pickup": queue_model(self),
            "followups": follow_up_model(self),
            "deadlines": deadline_model(self),
            "helpers": helper_model(self),
        }
        names = {
            "pickup": self.tr("Help requests waiting for pick-up"),
            "followups": self.tr("Follow-ups due"),
            "deadlines": self.tr("Wmo deadlines"),
            "helpers": self.tr("Neighbourhood helpers"),
        }
        self.short_tables: dict[str, QTableView] = {}
        for view, model in self.short_models.items():
            table = QTableView()
            table.setObjectName(f"{view}Table")
            table.setAccessibleName(names[view])
            table.setModel(model)
            table.verticalHeader().hide()
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
            table.setAlternatingRowColors(True)
            table.setShowGrid(False)
            table.setWordWrap(False)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
            table.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            )
            # Selection, not the current index: a table taking focus after a dialog makes
            # its first row current without selecting it, and must not open that request.
            table.selectionModel().selectionChanged.connect(
                lambda _selected, _deselected, v=view: self._on_short_selection(v)
            )
            self.list_stack.addWidget(table)
            self.short_tables[view] = table
        self.short_tables["helpers"].doubleClicked.connect(lambda _index: self.edit_helper())
        self.short_tables["helpers"].activated.connect(lambda _index: self.edit_helper())
        self.short_tables["pickup"].activated.connect(lambda _index: self.on_action("pick_up"))

        self.loading = QLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack.addWidget(self.loading)
        self.list_stack.setCurrentWidget(self.loading)
        layout.addWidget(self.list_stack, 1)
        return middle

    def _make_draft_banner(self) -> QWidget:
        """Unsaved work found at start (a crash, a flat battery): offered, never lost."""
        self.draft_banner = QWidget()
        self.draft_banner.setObjectName("draftBanner")
        row = QHBoxLayout(self.draft_banner)
        row.setContentsMargins(0, 0, 0, 6)
        self.draft_text = QLabel()
        self.draft_text.setObjectName("draftText")
        self.draft_text.setWordWrap(True)
        row.addWidget(self.draft_text, 1)
        self.draft_restore = QPushButton(self.tr("Continue"))
        self.draft_restore.setObjectName("draftRestore")
        self.draft_restore.setToolTip(self.tr("Open the form again with what you typed"))
        self.draft_restore.clicked.connect(self.restore_draft)
        self.draft_discard = QPushButton(self.tr("Throw away"))
        self.draft_discard.setObjectName("draftDiscard")
        self.draft_discard.setToolTip(self.tr("Throw away what you typed then"))
        self.draft_discard.clicked.connect(self.discard_found_draft)
        row.addWidget(self.draft_restore)
        row.addWidget(self.draft_discard)
        self.draft_banner.hide()
        self.found_draft: ops.DraftInfo | None = None
        return self.draft_banner

    def _make_tools(self) -> QWidget:
        """Per-view tools under the heading: "only mine", helper filters, buttons."""
        tools = QWidget()
        tools.setObjectName("listTools")
        row = QHBoxLayout(tools)
        row.setContentsMargins(0, 0, 0, 4)
        # The count beside "Afspraken" always counts what this page lists with this box
        # as it is (refresh_counts): a supporter who reads "Afspraken (2)" and opens the
        # page expects those 2 rows, not 9. Ticked at start, because what is due for
        # *you* today is the question the page answers; the choice is remembered.
        self.only_mine = QCheckBox(self.tr("Only my follow-ups"))
        self.only_mine.setObjectName("onlyMine")
        self.only_mine.setChecked(True)
        self.only_mine.toggled.connect(lambda _on: self.reload_short())
        self.only_mine.toggled.connect(lambda _on: self.refresh_counts())
        row.addWidget(self.only_mine)
        self.done_button = QPushButton(self.tr("Mark as done"))
        self.done_button.setObjectName("doneButton")
        self.done_button.setToolTip(self.tr("The chosen follow-up is done today"))
        self.done_button.clicked.connect(self.complete_chosen_follow_up)
        row.addWidget(self.done_button)
        self.pick_up_button = QPushButton(self.tr("Pick up"))
        self.pick_up_button.setObjectName("queuePickUp")
        self.pick_up_button.setToolTip(self.tr("Become the owner of the chosen help request"))
        self.pick_up_button.clicked.connect(lambda: self.on_action("pick_up"))
        row.addWidget(self.pick_up_button)
        self.helper_area = QComboBox()
        self.helper_area.setObjectName("helperArea")
        self.helper_area.setAccessibleName(self.tr("Village or district"))
        self.helper_area.addItem(self.tr("All my areas"), None)
        for area in self.signed_in.areas:
            self.helper_area.addItem(area.name, area.id)
        self.helper_area.currentIndexChanged.connect(lambda _i: self.reload_short())
        row.addWidget(self.helper_area)
        self.helper_skill = QComboBox()
        self.helper_skill.setObjectName("helperSkill")
        self.helper_skill.setAccessibleName(self.tr("Helps with"))
        self.helper_skill.addItem(self.tr("Helps with anything"), 0)
        for skill in HelperSkill:
            self.helper_skill.addItem(skill_word(skill), int(skill))
        self.helper_skill.currentIndexChanged.connect(lambda _i: self.reload_short())
        row.addWidget(self.helper_skill)
        row.addStretch(1)
        self.new_helper_button = QPushButton(self.tr("New helper"))
        self.new_helper_button.setObjectName("newHelper")
        self.new_helper_button.setToolTip(self.tr("Register a neighbourhood helper"))
        self.new_helper_button.clicked.connect(lambda: self.edit_helper(new=True))
        row.addWidget(self.new_helper_button)
        self.edit_helper_button = QPushButton(self.tr("Change"))
        self.edit_helper_button.setObjectName("editHelper")
        self.edit_helper_button.setToolTip(self.tr("Change the chosen helper"))
        self.edit_helper_button.clicked.connect(lambda: self.edit_helper())
        row.addWidget(self.edit_helper_button)
        self.tools = tools
        return tools

    def _show_tools(self, view: str) -> None:
        self.only_mine.setVisible(view == "followups")
        self.done_button.setVisible(view == "followups")
        self.pick_up_button.setVisible(view == "pickup")
        for widget in (
            self.helper_area,
            self.helper_skill,
            self.new_helper_button,
            self.edit_helper_button,
        ):
            widget.setVisible(view == "helpers")
        self.helper_area.setVisible(view == "helpers" and len(self.signed_in.areas) > 1)
        self.tools.setVisible(view not in LIST_VIEWS)

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
        self.detail.action.connect(self.on_action)
        self.detail.link.connect(self.on_link)
        self.detail.step_buttons["escalate"].setToolTip(
            with_shortcut(
                self.tr("Send the help request one level up"),
                self.window_.escalate_action.shortcut(),
            )
        )
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
        w.new_action.setEnabled(self.signed_in.views.intake)
        if not self.signed_in.views.intake:
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
        w.escalate_action.triggered.connect(lambda: self.on_action("escalate"))
        w.window_action.triggered.connect(lambda: self.open_in_window())
        w.close_guard = self.may_close
        self.dialog: dialogs.FormDialog | None = None
        self._closing_confirmed = False
        principal = self.principal
        self.tasks.query(lambda s: ops.list_drafts(s, principal), self._offer_drafts)

    def _sync_text(self) -> str:
        return sync_state_text(self.signed_in.register_kind)

    # --- State per user ----------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {"sizes": self.sizes(), "view": self.view, "only_mine": self.only_mine.isChecked()}

    def restore(self, state: dict[str, Any]) -> None:
        only_mine = state.get("only_mine")
        if isinstance(only_mine, bool):
            self.only_mine.blockSignals(True)
            self.only_mine.setChecked(only_mine)
            self.only_mine.blockSignals(False)
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
        self.search.setEnabled(self.view in (*LIST_VIEWS, "helpers"))
        self.show_closed.setVisible(self.view in LIST_VIEWS)
        self._show_tools(self.view)
        if self.view in LIST_VIEWS:
            self.reload_list()
        else:
            self.list_stack.setCurrentWidget(self.loading)
            self._fresh_view = True  # a view just chosen opens its own first row
            self.reload_short()
            self.refresh_counts()

    def reload_short(self) -> None:
        """Load the current short list (queue, follow-ups, deadlines or helpers)."""
        view, principal = self.view, self.principal
        if view in LIST_VIEWS:
            return
        if view == "helpers":
            area_id = self.helper_area.currentData()
            skill = HelperSkill(self.helper_skill.currentData() or 0) or None
            text = self.search.text()

            def work(session: Any) -> list[Any]:
                return ops.helpers(session, principal, area_id=area_id, skill=skill, text=text)

        elif view == "followups":
            mine = self.only_mine.isChecked()

            def work(session: Any) -> list[Any]:
                return ops.due_follow_ups(session, principal, mine_only=mine)

        elif view == "pickup":

            def work(session: Any) -> list[Any]:
                return ops.review_queue(session, principal)

        else:

            def work(session: Any) -> list[Any]:
                return ops.open_deadlines(session, principal)

        def show(rows: list[Any]) -> None:
            self._show_short(view, rows)

        self.tasks.query(
            work,
            show,
            self._on_failed,
            key="short-list",
        )

    def _show_short(self, view: str, rows: list[Any]) -> None:
        if view != self.view:
            return
        model, table = self.short_models[view], self.short_tables[view]
        wanted = self.current_id
        fresh, self._fresh_view = getattr(self, "_fresh_view", False), False
        model.set_rows(rows)
        self.heading.setText(self._view_title(view, len(rows)))
        self.window_.count_label.setText("")
        if not rows:
            self.empty.setText(self._empty_text())
            self.list_stack.setCurrentWidget(self.empty)
            self.done_button.setEnabled(False)
            self.pick_up_button.setEnabled(False)
            self.edit_helper_button.setEnabled(False)
            return
        self.list_stack.setCurrentWidget(table)
        table.resizeColumnsToContents()
        for column in range(model.columnCount()):
            table.setColumnWidth(column, min(table.columnWidth(column) + 12, 260))
        found = [row for row, item in enumerate(rows) if wanted and request_of(item) == wanted]
        if found:
            table.selectRow(found[0])
        elif wanted is None or view == "helpers" or self.detail_shown is None or fresh:
            table.selectRow(0)
        # else: the shown request left this list (just picked up, done): keep showing it.
        self.done_button.setEnabled(True)
        self.pick_up_button.setEnabled(True)
        self.edit_helper_button.setEnabled(True)

    def _on_short_selection(self, view: str) -> None:
        rows = self.short_tables[view].selectionModel().selectedRows()
        if rows:
            self._on_short_row(view, rows[0])

    def _on_short_row(self, view: str, current: QModelIndex) -> None:
        if view != self.view or not current.isValid():
            return
        request_id = request_of(self.short_models[view].row_at(current.row()))
        if request_id is None:
            return
        if request_id == self.current_id and self.detail_loaded:
            return
        self.current_id = request_id
        self.load_detail()

    def current_filter(self, view: str | None = None, *, with_text: bool = True) -> RequestFilter:
        view = view or self.view
        statuses = frozenset() if self.show_closed.isChecked() else ACTIVE
        text = self.search.text() if with_text else ""
        if view == "mine":
            return RequestFilter(mine=True, statuses=statuses, text=text)
        if view == "pickup":
            return RequestFilter(waiting_for_pick_up=True, text=text)
        return RequestFilter(statuses=statuses, text=text)

    def reload_list(self) -> None:
        if self.view not in LIST_VIEWS:
            return
        self.model.set_filter(self.current_filter())
        self.refresh_counts()

    def refresh_counts(self) -> None:
        principal = self.principal
        filters = {view: self.current_filter(view, with_text=False) for view in LIST_VIEWS}
        filters["pickup"] = RequestFilter(waiting_for_pick_up=True)
        deadlines = self.signed_in.views.wmo_deadlines
        mine = self.only_mine.isChecked()

        def show(counts: dict[str, int]) -> None:
            for row, view in enumerate(VIEWS):
                item = self.nav.item(row)
                if item is not None and view in counts:
                    item.setText(self._view_title(view, counts[view]))

        self.tasks.query(
            lambda session: ops.nav_counts(session, principal, filters, deadlines, mine),
            show,
            key="nav-counts",
        )

    def _on_search_text(self, text: str) -> None:
        if self.view == "helpers":
            self.reload_short()
        else:
            self.reload_list()
            if text.strip():
                self.search_log_timer.start()

    def _log_search(self) -> None:
        if self.view not in LIST_VIEWS or not self.search.text().strip():
            return
        principal, found = self.principal, self.model.rowCount()
        self.tasks.query(lambda s: access_log.log_search(s, principal, found), None)

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
        if self.view not in LIST_VIEWS:
            return  # a late answer for a list no longer shown
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
        if self.view == "followups":
            return self.tr("No follow-ups are due today or overdue. Well done.")
        if self.view == "deadlines":
            return self.tr(
                "No open Wmo deadlines. Register a melding from a help request at the "
                "municipality (More → Register as a Wmo melding)."
            )
        if self.view == "helpers":
            return self.tr("No neighbourhood helpers found. Click “New helper” to register one.")
        if self.signed_in.views.intake:
            return self.tr("No help requests yet. Click “New help request” or press Ctrl+N.")
        return self.tr("There are no help requests here for you yet.")

    # --- The detail --------------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.view not in LIST_VIEWS:
            return
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
        self.detail.show_request(result.detail, result.can.edit_refusal)
        self.detail.set_actions(result.can)
        self.window_.escalate_action.setEnabled(True)
        self.window_.window_action.setEnabled(True)
        self.window_.edit_action.setEnabled(result.can.editable)
        if self.right.currentWidget() is not self.form:
            self.right.setCurrentWidget(self.detail)

    def open_in_window(self, request_id: uuid.UUID | None = None) -> DetailWindow | None:
        """The chosen request (or ``request_id``) in a window of its own; one per request."""
        request_id = request_id or self.current_id
        if request_id is None:
            return None
        window = self.detail_windows.get(request_id)
        if window is None:
            window = self.detail_windows[request_id] = DetailWindow(self, request_id)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _on_detail_failed(self, error: BaseException) -> None:
        self.detail_loaded = True
        self.placeholder.setText(describe(error).text)
        if self.right.currentWidget() is not self.form:
            self.right.setCurrentWidget(self.placeholder)

    def step_request(self, step: int) -> None:
        table = self.table if self.view in LIST_VIEWS else self.short_tables[self.view]
        model = table.model()
        if model.rowCount() == 0:
            return
        current = table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(model.rowCount() - 1, row))
        index = model.index(row, 0)
        table.setCurrentIndex(index)
        table.scrollTo(index)

    def focus_search(self) -> None:
        if self.view not in (*LIST_VIEWS, "helpers"):
            self.select_view("all")
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- Forms -------------------------------------------------------------------------

    def _form_open(self, is_open: bool) -> None:
        # A form gets the list's room too; the list comes back when it closes.
        self.middle.setVisible(not is_open)
        self.window_.save_action.setEnabled(is_open)
        self.window_.cancel_action.setEnabled(is_open)
        self.window_.new_action.setEnabled(self.signed_in.views.intake and not is_open)
        self.window_.edit_action.setEnabled(
            not is_open and self.detail_shown is not None and self.detail_shown.can.editable
        )

    def start_intake(self) -> None:
        if not self.signed_in.views.intake or self.right.currentWidget() is self.form:
            return
        self.form.start_intake()
        self.right.setCurrentWidget(self.form)
        self._form_open(True)
        self.form.lookup.setFocus()

    def start_edit(self) -> None:
        shown = self.detail_shown
        if shown is None or not shown.can.editable:
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

    # --- Workflow steps and records ------------------------------------------------------

    def on_action(self, name: str, source: DetailWindow | None = None) -> None:
        """A step or record action on the shown request (or the one in ``source``, a
        detail window): its dialog when the core allows it, else the core's reason in
        plain Dutch."""
        if source is None:
            shown = self.detail_shown
            if shown is None or not self.detail_loaded or self.right.currentWidget() is self.form:
                return
            view, parent = self.detail, self.window()
        else:
            shown, view, parent = source.shown, source.view, source
            if shown is None:
                return
        detail, can, principal = shown.detail, shown.can, self.principal
        dialog: dialogs.FormDialog | None = None
        if name == "escalate":
            escalation = can.escalation
            if escalation.possible:
                dialog = dialogs.EscalateDialog(self.tasks, principal, detail, escalation, parent)
            else:
                view.show_notice(refusal_text(escalation.refusal or Refusal.NOT_YOURS, "escalate"))
        elif name in STEP_NAMES:
            step = STEP_NAMES[name]
            refusal = can.refusal(step)
            if refusal is not None:
                view.show_notice(refusal_text(refusal, step.value))
            else:
                dialog = dialogs.step_dialog(step, self.tasks, principal, detail, parent)
        elif can.edit_refusal is not None:
            view.show_notice(refusal_text(can.edit_refusal))
        elif name == "contact":
            dialog = dialogs.ContactDialog(
                self.tasks, principal, detail, can.professionals_only, parent=parent
            )
        elif name == "follow_up":
            dialog = dialogs.FollowUpDialog(self.tasks, principal, detail, parent=parent)
        elif name == "help":
            dialog = dialogs.ArrangeHelpDialog(self.tasks, principal, detail, parent)
        elif name == "resident":
            dialog = dialogs.ResidentDialog(self.tasks, principal, detail, parent)
        elif name == "merge":
            dialog = dialogs.MergeDialog(self.tasks, principal, detail, parent)
        elif name.startswith("wmo:"):
            kind = name.split(":", 1)[1]
            dialog = dialogs.WmoDialog(self.tasks, principal, detail, kind, parent)
        if dialog is not None:
            self.open_dialog(dialog, view)

    def open_dialog(
        self, dialog: dialogs.FormDialog, view: RequestDetailView | None = None
    ) -> None:
        """Window-modal but not blocking: the event loop (and the tests) keep running."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        (view or self.detail).show_notice("")
        self.dialog = dialog
        dialog.done_.connect(lambda _result: self._on_dialog_done(dialog))
        if view is None or view is self.detail:
            dialog.finished.connect(lambda _code: self.table.setFocus())
        dialog.open()
        dialog.offer_draft()

    def _on_dialog_done(self, dialog: dialogs.FormDialog) -> None:
        self.window_.statusBar().showMessage(
            self.tr("Saved: %1").replace("%1", dialog.windowTitle()), 8000
        )

    def on_link(self, href: str, source: DetailWindow | None = None) -> None:
        shown = self.detail_shown if source is None else source.shown
        view = self.detail if source is None else source.view
        if shown is None or ":" not in href:
            return
        kind, _, raw = href.partition(":")
        try:
            record_id = uuid.UUID(raw)
        except ValueError:
            return
        detail, principal = shown.detail, self.principal
        parent = self.window() if source is None else source
        if kind == "contact":
            contact = next((c for c in detail.contacts if c.id == record_id), None)
            if contact is not None:
                dialog = dialogs.ContactDialog(
                    self.tasks, principal, detail, shown.can.professionals_only, contact, parent
                )
                self.open_dialog(dialog, view)
        elif kind == "follow_up":
            follow_up = next((f for f in detail.follow_ups if f.id == record_id), None)
            if follow_up is not None:
                self.open_dialog(
                    dialogs.FollowUpDialog(self.tasks, principal, detail, follow_up, parent),
                    view,
                )
        elif kind == "done":
            self.complete_follow_up(record_id)
        elif kind == "end_help":
            today = dates.today()
            self.tasks.write(
                lambda s: ops.end_help(s, principal, record_id, ended_on=today),
                lambda _r: self.window_.statusBar().showMessage(self.tr("Help ended."), 5000),
                lambda error: view.show_notice(describe(error).text),
            )

    def complete_follow_up(self, follow_up_id: uuid.UUID) -> None:
        principal = self.principal
        self.tasks.write(
            lambda s: ops.complete_follow_up(s, principal, follow_up_id),
            lambda _r: self.window_.statusBar().showMessage(
                self.tr("Follow-up marked as done."), 5000
            ),
            self._on_failed,
        )

    def complete_chosen_follow_up(self) -> None:
        table = self.short_tables["followups"]
        row = self.short_models["followups"].row_at(table.currentIndex().row())
        if row is not None:
            self.complete_follow_up(row.follow_up_id)

    def edit_helper(self, *, new: bool = False) -> None:
        helper: HelperView | None = None
        if not new:
            table = self.short_tables["helpers"]
            helper = self.short_models["helpers"].row_at(table.currentIndex().row())
            if helper is None:
                return
        dialog = dialogs.HelperDialog(
            self.tasks, self.principal, self.signed_in.areas, helper, self.window()
        )
        dialog.done_.connect(lambda _r: self.reload_short())
        self.open_dialog(dialog)

    # --- Nothing typed is lost --------------------------------------------------------------

    def _offer_drafts(self, found: list[ops.DraftInfo]) -> None:
        """At start: the request form's unsaved work from last time, if any."""
        drafts = [draft for draft in found if draft.form == "request"]
        if not drafts:
            return
        draft = drafts[0]
        self.found_draft = draft
        what = (
            self.tr("a new help request")
            if draft.key == "new"
            else self.tr("changes to a help request")
        )
        self.draft_text.setText(
            self.tr(
                "You were working on %1 and had not saved it (%2). Continue where you left off?"
            )
            .replace("%1", what)
            .replace("%2", dates.instant_text(draft.saved_at))
        )
        self.draft_banner.show()

    def restore_draft(self) -> None:
        draft = self.found_draft
        self.draft_banner.hide()
        if draft is None:
            return
        if draft.key == "new":
            self.start_intake()
            return
        try:
            request_id = uuid.UUID(draft.key)
        except ValueError:
            return
        principal = self.principal

        def edit(result: ops.DetailResult) -> None:
            self.current_id = request_id
            self._show_detail(result)
            self.start_edit()

        self.tasks.query(
            lambda s: ops.detail(s, principal, request_id),
            edit,
            lambda error: self.window_.statusBar().showMessage(describe(error).text, 15000),
        )

    def discard_found_draft(self) -> None:
        draft, principal = self.found_draft, self.principal
        self.draft_banner.hide()
        self.found_draft = None
        if draft is not None:
            self.tasks.write(lambda s: ops.discard_draft(s, principal, draft.form, draft.key))

    def unsaved_work(self) -> bool:
        form_dirty = self.right.currentWidget() is self.form and self.form.dirty
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return form_dirty
        return form_dirty or (dialog.dirty and dialog.typed_text())

    def may_close(self) -> bool:
        """Closing the window with unsaved work asks first; the draft is kept either way."""
        if self._closing_confirmed or not self.unsaved_work():
            return True
        if self.right.currentWidget() is self.form:
            self.form.save_draft()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.save_draft()
        box = QMessageBox(self.window())
        box.setObjectName("confirmClose")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close the program?"))
        box.setText(
            self.tr(
                "You have not saved what you typed. It is kept as a draft and offered again "
                "when you start the program. Close anyway?"
            )
        )
        close = box.addButton(self.tr("Close the program"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def answered(_result: int) -> None:
            if box.clickedButton() is close:
                self._closing_confirmed = True
                self.window_.close()

        box.finished.connect(answered)
        self._close_box = box
        box.open()
        return False

    # --- Changes -----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """A write finished: refresh the list, the counts and an affected detail."""
        if not changes.entities:
            return  # a draft saved while typing: nothing shown changed
        self.model.apply_changes(changes)
        self.refresh_counts()
        if self.view not in LIST_VIEWS:
            self.reload_short()
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


class DetailWindow(QWidget):
    """One request's detail in a window of its own (UI.md Layout: beside the list, or
    on a second screen). It refreshes from the task manager's changes like the pane,
    and its steps and records open the same dialogs; editing the question stays in the
    main window's form."""

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
        self.placeholder = QLabel(self.tr("Loading…"))
        self.placeholder.setObjectName("detailWindowPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setContentsMargins(32, 32, 32, 32)
        self.stack.addWidget(self.placeholder)
        self.view = RequestDetailView()
        self.view.edit_button.hide()  # the form lives in the main window
        self.view.action.connect(lambda name: self.work.on_action(name, self))
        self.view.link.connect(lambda href: self.work.on_link(href, self))
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack)
        self.resize(640, 760)
        work.tasks.changed.connect(self.on_changes)
        self.load()

    def load(self) -> None:
        principal, request_id = self.work.principal, self.request_id
        self.work.tasks.query(
            lambda session: ops.detail(session, principal, request_id),
            self._show,
            self._on_failed,
            key=f"detail-window-{request_id}",
        )

    def _show(self, result: ops.DetailResult) -> None:
        self.shown = result
        detail = result.detail
        self.setWindowTitle(
            self.tr("%1 · %2 — Help request")
            .replace("%1", detail.resident.full_name)
            .replace("%2", detail.reference)
        )
        self.view.show_request(detail, result.can.edit_refusal)
        self.view.set_actions(result.can)
        self.view.edit_button.hide()
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
