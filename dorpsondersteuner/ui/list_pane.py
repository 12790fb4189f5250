"""The middle of the work area: the search box, the list's heading, and the list itself.

The request lists (*Mijn hulpvragen*, *Alle hulpvragen*) are one lazy table model
(``request_model.py``): ordered ids first, rows on demand, sorted and filtered in SQL,
narrowed with every letter typed. The short lists (``short_lists.py``) take the same
place. An empty list says what to do next, never a blank pane (UI.md).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..clock import now_utc
from ..enums import Level, LifeDomain, Status, Urgency
from ..services import access_log
from ..services.lists import RequestFilter
from . import LIST_VIEWS, dates
from .columns import ColumnFitter
from .main_window import with_shortcut
from .plain import PlainLabel
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
    header_text,
)
from .tasks import QueryOp
from .textsize import relative_font
from .words import level_word, life_domain_word, urgency_word

if TYPE_CHECKING:
    from .work import WorkArea

SEARCH_LOG_DELAY_MS = 2000  # typing has stopped: the search is logged once
IMPORTANT_COLUMNS = 6
ACTIVE = frozenset({Status.OPEN, Status.WAITING})  # closed requests hidden unless asked
# In average characters, so they grow with the text size.
COLUMN_WIDTHS = {
    RESIDENT: 18,
    LEVEL: 14,
    STATUS: 10,
    URGENCY: 10,
    FOLLOW_UP: 15,
    UPDATED: 18,
    AREA: 17,
    REFERENCE: 21,
}


class ListPane(QWidget):
    """The list column of ``work``; ``banner`` (unsaved work found at start) on top."""

    def __init__(self, work: WorkArea, banner: QWidget) -> None:
        super().__init__()
        self.work = work
        window = work.window_
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(banner)

        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, address, reference or a word"))
        self.search.setToolTip(
            with_shortcut(
                self.tr("Search by name, address, reference or words from the question"),
                window.find_action.shortcut(),
            )
        )
        self.search.setAccessibleName(self.tr("Search"))
        self.search.textChanged.connect(work.on_search_text)
        top.addWidget(self.search, 1)
        # Life domains are a filter beside the search, not a word to type (the core
        # narrows the list in SQL; it composes with the search and the other filters).
        self.life_domain = QComboBox()
        self.life_domain.setObjectName("lifeDomainFilter")
        self.life_domain.setAccessibleName(self.tr("Life domain"))
        self.life_domain.setToolTip(self.tr("Show only help requests about this life domain"))
        self.life_domain.addItem(self.tr("All life domains"), 0)
        for domain in LifeDomain:
            self.life_domain.addItem(life_domain_word(domain), int(domain))
        self.life_domain.currentIndexChanged.connect(lambda _i: work.reload_list())
        top.addWidget(self.life_domain)
        self.new_button = QToolButton()
        self.new_button.setObjectName("newButton")
        self.new_button.setDefaultAction(window.new_action)
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_button.setIcon(
            QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        )
        top.addWidget(self.new_button)
        layout.addLayout(top)

        heading_row = QHBoxLayout()
        self.heading = PlainLabel()
        self.heading.setObjectName("listHeading")
        relative_font(self.heading, 1.15, bold=True)
        heading_row.addWidget(self.heading, 1)
        self.show_closed = QCheckBox(self.tr("Also show closed requests"))
        self.show_closed.setObjectName("showClosed")
        self.show_closed.toggled.connect(lambda _on: work.reload_list())
        heading_row.addWidget(self.show_closed)
        layout.addLayout(heading_row)
        layout.addWidget(work.short_lists.tools)

        self.list_stack = QStackedWidget()
        self.table = QTableView()
        # One tab stop: the arrows move inside, Tab goes on to the buttons.
        self.table.setTabKeyNavigation(False)
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
        self.model = RequestListModel(work.tasks, work.principal, parent=work)
        self.table.setModel(self.model)
        # Resident, level, status, urgency, follow-up and changed stay in sight; area
        # and reference give way when the list is narrow.
        # Room left over goes to the names, so long ones are not cut off beside a gap.
        self.fitter = ColumnFitter(self.table, IMPORTANT_COLUMNS, stretch=RESIDENT)
        self.fitter.natural_widths = self._natural_widths
        self.fitter.set_natural(self._natural_widths())
        header.setSortIndicator(UPDATED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        self.table.selectionModel().currentRowChanged.connect(work.on_current_row)
        self.table.doubleClicked.connect(
            lambda index: work.open_in_window(self.model.id_at(index.row()))
        )
        self.list_stack.addWidget(self.table)

        self.empty = PlainLabel()
        self.empty.setObjectName("emptyList")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(32, 32, 32, 32)
        self.list_stack.addWidget(self.empty)
        for table in work.short_lists.tables.values():
            self.list_stack.addWidget(table)

        self.loading = PlainLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack.addWidget(self.loading)
        self.list_stack.setCurrentWidget(self.loading)
        layout.addWidget(self.list_stack, 1)

        # A search is logged once typing has stopped for a while, not per keystroke (D11).
        self.search_log_timer = QTimer(self)
        self.search_log_timer.setSingleShot(True)
        self.search_log_timer.setInterval(SEARCH_LOG_DELAY_MS)
        self.search_log_timer.timeout.connect(self._log_search)

    def _natural_widths(self) -> list[int]:
        char = self.table.fontMetrics().averageCharWidth()
        widths = {column: chars * char for column, chars in COLUMN_WIDTHS.items()}
        # An overdue follow-up is bold with an icon ("⚠ 8 dagen te laat"): it fits.
        bold = QFont(self.table.font())
        bold.setBold(True)
        late = dates.due_text(dates.today() - timedelta(days=8))
        needed = QFontMetrics(bold).horizontalAdvance(late) + self.table.iconSize().width() + 16
        widths[FOLLOW_UP] = max(widths[FOLLOW_UP], needed)
        # Level, urgency and "last change" as wide as their longest words, no wider,
        # so the room goes to the names.
        metrics, now = self.table.fontMetrics(), now_utc()
        icon = self.table.iconSize().width() + 4
        samples = [dates.ago_text(now - timedelta(days=days), now) for days in (1, 6, 30)]
        for column, texts, extra in (
            (LEVEL, [level_word(level) for level in Level], icon),
            (URGENCY, [urgency_word(u) for u in Urgency if u is not Urgency.NORMAL], icon),
            (UPDATED, samples, 0),
        ):
            font = bold if column == URGENCY else self.table.font()
            words = max(QFontMetrics(font).horizontalAdvance(text) for text in texts) + extra
            title = metrics.horizontalAdvance(header_text(column)) + 12
            widths[column] = max(words + 10, title)
        return [widths[column] for column in sorted(widths)]

    def chosen_life_domain(self) -> LifeDomain | None:
        return LifeDomain(self.life_domain.currentData() or 0) or None

    def current_filter(self, view: str, *, narrowed: bool = True) -> RequestFilter:
        """The filter of a request list as the pane is set; without ``narrowed`` the
        search text and the life domain are left out (the counts on the left)."""
        statuses = frozenset() if self.show_closed.isChecked() else ACTIVE
        text = self.search.text() if narrowed else ""
        domain = self.chosen_life_domain() if narrowed else None
        if view == "mine":
            return RequestFilter(mine=True, statuses=statuses, text=text, life_domain=domain)
        if view == "pickup":
            return RequestFilter(waiting_for_pick_up=True, text=text, life_domain=domain)
        return RequestFilter(statuses=statuses, text=text, life_domain=domain)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.list_stack.setCurrentWidget(self.empty)

    def empty_text(self, view: str) -> str:
        text = self.search.text().strip()
        domain = self.chosen_life_domain() if view in LIST_VIEWS else None
        if domain is not None:
            word = life_domain_word(domain)
            found = (
                self.tr("Nothing found for “%1” with the life domain %2.")
                .replace("%2", word)
                .replace("%1", text)
                if text
                else self.tr("There are no help requests with the life domain %1 here.").replace(
                    "%1", word
                )
            )
            return f"{found} " + self.tr("Choose “All life domains” to see the others.")
        if text:
            return self.tr(
                "Nothing found for “%1”. Check the spelling, search for part of a name, or "
                "look in “All help requests”."
            ).replace("%1", text)
        if view == "pickup":
            return self.tr("No help requests are waiting to be picked up at your level.")
        if view == "followups":
            return self.tr("No follow-ups are due today or overdue. Well done.")
        if view == "deadlines":
            return self.tr(
                "No open Wmo deadlines. Register a notification (melding) from a help "
                "request at the municipality (More → Register as a Wmo notification)."
            )
        if view == "helpers":
            return self.tr("No neighbourhood helpers found. Click “New helper” to register one.")
        if self.work.signed_in.views.intake:
            return self.tr("No help requests yet. Click “New help request” or press Ctrl+N.")
        return self.tr("There are no help requests here for you yet.")

    def _log_search(self) -> None:
        if self.work.view not in LIST_VIEWS or not self.search.text().strip():
            return
        principal, found = self.work.principal, self.model.rowCount()
        QueryOp(lambda s: access_log.log_search(s, principal, found)).run(self.work.tasks)

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
