"""The short lists of the work area, each held whole (tens of rows): the review queue
(*Wacht op oppakken*), follow-ups due (*Afspraken*), the Wmo deadlines and the
neighbourhood helpers (*Buurthulp*); with the row of tools above them (*Alleen mijn
afspraken*, *Afvinken*, *Oppakken*, the helpers' filters, *Nieuwe buurthulp*).

Their table models are in ``worklists.py``; this module loads them through the task
manager and shows them in the list pane (``list_pane.py``), in the place of the lazy
request list. Choosing a row opens its request in the detail pane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QWidget,
)

from ..enums import HelperSkill
from ..services.views import HelperView
from ..services.wmo import DeadlineRow
from ..services.worklists import DueFollowUp, QueueRow
from . import ops
from .columns import ColumnFitter, WrappedRows
from .tasks import QueryOp
from .words import skill_word
from .worklists import (
    ShortListModel,
    deadline_model,
    follow_up_model,
    helper_model,
    queue_model,
    request_of,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .work import WorkArea

Row = TypeVar("Row")
AnyShortList = (
    ShortListModel[QueueRow]
    | ShortListModel[DueFollowUp]
    | ShortListModel[DeadlineRow]
    | ShortListModel[HelperView]
)


# How many of each list's first columns must stay in sight (the rest give way first).
IMPORTANT_COLUMNS = {"pickup": 4, "followups": 3, "deadlines": 4, "helpers": 3}
# The review queue's *Waarom*: it takes the room the others leave, at least this many
# average characters wide, and wraps, so a reason is read whole, not cut off.
QUEUE_WHY = 3
WHY_CHARS = 34


class ShortLists(QObject):
    """The four short lists of ``work``: their models, tables, tools and loading."""

    def __init__(self, work: WorkArea) -> None:
        super().__init__(work)
        self.work = work
        self.tools = self._make_tools()
        self.queue: ShortListModel[QueueRow] = queue_model(work)
        self.follow_ups: ShortListModel[DueFollowUp] = follow_up_model(work)
        self.deadlines: ShortListModel[DeadlineRow] = deadline_model(work)
        self.helpers: ShortListModel[HelperView] = helper_model(work)
        self.models: dict[str, AnyShortList] = {
            "pickup": self.queue,
            "followups": self.follow_ups,
            "deadlines": self.deadlines,
            "helpers": self.helpers,
        }
        names = {
            "pickup": self.tr("Help requests waiting for pick-up"),
            "followups": self.tr("Follow-ups due"),
            "deadlines": self.tr("Wmo deadlines"),
            "helpers": self.tr("Neighbourhood helpers"),
        }
        self.tables: dict[str, QTableView] = {}
        self.fitters: dict[str, ColumnFitter] = {}
        for view, model in self.models.items():
            table = QTableView()
            # One tab stop: the arrows move inside, Tab goes on to the buttons.
            table.setTabKeyNavigation(False)
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
                lambda _selected, _deselected, v=view: self._on_selection(v)
            )
            self.tables[view] = table
            stretch = QUEUE_WHY if view == "pickup" else None
            self.fitters[view] = ColumnFitter(table, IMPORTANT_COLUMNS[view], stretch)
        queue = self.tables["pickup"]
        queue.setWordWrap(True)
        queue.setTextElideMode(Qt.TextElideMode.ElideNone)
        queue.setItemDelegate(WrappedRows(queue))
        self.tables["helpers"].doubleClicked.connect(lambda _index: self.edit_helper())
        self.tables["helpers"].activated.connect(lambda _index: self.edit_helper())
        self.tables["pickup"].activated.connect(lambda _index: work.actions_.on_action("pick_up"))
        self.fresh = False  # a view just chosen opens its own first row

    def _make_tools(self) -> QWidget:
        work = self.work
        tools = QWidget()
        tools.setObjectName("listTools")
        row = QHBoxLayout(tools)
        row.setContentsMargins(0, 0, 0, 4)
        # The count beside "Afspraken" always counts what this page lists with this box
        # as it is (WorkArea.refresh_counts): a supporter who reads "Afspraken (2)" and
        # opens the page expects those 2 rows, not 9. Ticked at start, because what is
        # due for *you* today is the question the page answers; the choice is remembered.
        self.only_mine = QCheckBox(self.tr("Only my follow-ups"))
        self.only_mine.setObjectName("onlyMine")
        self.only_mine.setChecked(True)
        self.only_mine.toggled.connect(lambda _on: self.reload())
        self.only_mine.toggled.connect(lambda _on: work.refresh_counts())
        row.addWidget(self.only_mine)
        self.done_button = QPushButton(self.tr("Mark as done"))
        self.done_button.setObjectName("doneButton")
        self.done_button.setToolTip(self.tr("The chosen follow-up is done today"))
        self.done_button.clicked.connect(self.complete_chosen_follow_up)
        row.addWidget(self.done_button)
        self.pick_up_button = QPushButton(self.tr("Pick up"))
        self.pick_up_button.setObjectName("queuePickUp")
        self.pick_up_button.setToolTip(self.tr("Become the owner of the chosen help request"))
        self.pick_up_button.clicked.connect(lambda: work.actions_.on_action("pick_up"))
        row.addWidget(self.pick_up_button)
        self.helper_area = QComboBox()
        self.helper_area.setObjectName("helperArea")
        self.helper_area.setAccessibleName(self.tr("Village or district"))
        self.helper_area.addItem(self.tr("All my areas"), None)
        for area in work.signed_in.areas:
            self.helper_area.addItem(area.name, area.id)
        self.helper_area.currentIndexChanged.connect(lambda _i: self.reload())
        row.addWidget(self.helper_area)
        self.helper_skill = QComboBox()
        self.helper_skill.setObjectName("helperSkill")
        self.helper_skill.setAccessibleName(self.tr("Helps with"))
        self.helper_skill.addItem(self.tr("Helps with anything"), 0)
        for skill in HelperSkill:
            self.helper_skill.addItem(skill_word(skill), int(skill))
        self.helper_skill.currentIndexChanged.connect(lambda _i: self.reload())
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
        return tools

    def show_tools(self, view: str) -> None:
        """The tools of ``view``; none for the request lists."""
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
        self.helper_area.setVisible(view == "helpers" and len(self.work.signed_in.areas) > 1)
        self.tools.setVisible(view in self.models)

    # --- Loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the current short list (queue, follow-ups, deadlines or helpers)."""
        work = self.work
        view, principal = work.view, work.principal
        if view not in self.models:
            return
        if view == "helpers":
            area_id = self.helper_area.currentData()
            skill = HelperSkill(self.helper_skill.currentData() or 0) or None
            text = work.list_pane.search.text()
            self._load(
                view,
                lambda s: ops.helpers(s, principal, area_id=area_id, skill=skill, text=text),
                self.helpers,
            )
        elif view == "followups":
            mine = self.only_mine.isChecked()
            self._load(
                view, lambda s: ops.due_follow_ups(s, principal, mine_only=mine), self.follow_ups
            )
        elif view == "pickup":
            self._load(view, lambda s: ops.review_queue(s, principal), self.queue)
        else:
            self._load(view, lambda s: ops.open_deadlines(s, principal), self.deadlines)

    def _load(
        self, view: str, load: Callable[[Session], list[Row]], model: ShortListModel[Row]
    ) -> None:
        QueryOp(load, lambda rows: self._show(view, model, rows)).failure(
            self.work.on_failed
        ).latest("short-list").run(self.work.tasks)

    def _show(self, view: str, model: ShortListModel[Row], rows: list[Row]) -> None:
        work = self.work
        if view != work.view:
            return
        table, pane = self.tables[view], work.list_pane
        wanted = work.current_id
        fresh, self.fresh = self.fresh, False
        model.set_rows(rows)
        pane.heading.setText(work.nav.title(view, len(rows)))
        work.window_.count_label.setText("")
        if not rows:
            pane.show_empty(pane.empty_text(view))
            self.done_button.setEnabled(False)
            self.pick_up_button.setEnabled(False)
            self.edit_helper_button.setEnabled(False)
            return
        pane.list_stack.setCurrentWidget(table)
        table.resizeColumnsToContents()
        natural = [
            min(table.columnWidth(column) + 12, 260) for column in range(model.columnCount())
        ]
        if view == "pickup":
            natural[QUEUE_WHY] = WHY_CHARS * table.fontMetrics().averageCharWidth()
        self.fitters[view].set_natural(natural)
        found = [row for row, item in enumerate(rows) if wanted and request_of(item) == wanted]
        if found:
            table.selectRow(found[0])
        elif wanted is None or view == "helpers" or work.detail_shown is None or fresh:
            table.selectRow(0)
        # else: the shown request left this list (just picked up, done): keep showing it.
        self.done_button.setEnabled(True)
        self.pick_up_button.setEnabled(True)
        self.edit_helper_button.setEnabled(True)

    def _on_selection(self, view: str) -> None:
        rows = self.tables[view].selectionModel().selectedRows()
        if not rows or view != self.work.view or not rows[0].isValid():
            return
        request_id = request_of(self.models[view].row_at(rows[0].row()))
        if request_id is not None:
            self.work.show_request(request_id)

    # --- The tools -----------------------------------------------------------------------

    def complete_chosen_follow_up(self) -> None:
        table = self.tables["followups"]
        row = self.follow_ups.row_at(table.currentIndex().row())
        if row is not None:
            self.work.actions_.complete_follow_up(row.follow_up_id)

    def chosen_helper(self) -> HelperView | None:
        return self.helpers.row_at(self.tables["helpers"].currentIndex().row())

    def edit_helper(self, *, new: bool = False) -> None:
        helper = None if new else self.chosen_helper()
        if helper is None and not new:
            return
        self.work.actions_.edit_helper(helper)
