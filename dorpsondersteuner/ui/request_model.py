"""The request list's table model: lazy, sorted and filtered in SQL (Anki's
``browser/table/model.py``).

It holds the ordered ids of the whole list (one narrow query) and fetches display rows
a page at a time, on the task manager's worker, when the view first asks for them;
until a page is in, its cells are empty. Never a QStandardItemModel (SETUP-NOTES) and
never a proxy sort: sorting is a new id query.

After a write the ids are fetched again and the difference is applied as removed,
inserted and moved rows, so the selection and scroll position stay; there is no model
reset for one changed row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ..enums import Status, Urgency
from ..services.access import Principal
from ..services.changes import Changes
from ..services.lists import RequestFilter, SortKey
from ..services.views import RequestRow
from . import dates, ops
from .plain import plain_tip
from .tasks import QueryOp, TaskManager
from .words import level_icon, level_word, status_word, urgency_icon, urgency_word, warning_icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RESIDENT, LEVEL, STATUS, URGENCY, FOLLOW_UP, UPDATED, AREA, REFERENCE = range(8)
COLUMN_COUNT = 8

SORT_KEYS: dict[int, SortKey] = {
    RESIDENT: SortKey.RESIDENT,
    LEVEL: SortKey.LEVEL,
    STATUS: SortKey.STATUS,
    URGENCY: SortKey.URGENCY,
    UPDATED: SortKey.UPDATED,
    AREA: SortKey.AREA,
    REFERENCE: SortKey.REFERENCE,
}

# Entities whose changes can alter a list row or the list's membership.
LIST_ENTITIES = frozenset(
    {"help_requests", "residents", "follow_ups", "contacts", "arranged_help", "history_events"}
)

EMPTY = QModelIndex()
MAX_DIFF = 200  # rows added or removed one by one after a write; more: a reset


def header_text(section: int) -> str:
    return (
        QCoreApplication.translate("RequestListModel", "Resident"),
        QCoreApplication.translate("RequestListModel", "Level"),
        QCoreApplication.translate("RequestListModel", "Status"),
        QCoreApplication.translate("RequestListModel", "Urgency"),
        QCoreApplication.translate("RequestListModel", "Follow-up"),
        QCoreApplication.translate("RequestListModel", "Last change"),
        QCoreApplication.translate("RequestListModel", "Area"),
        QCoreApplication.translate("RequestListModel", "Reference"),
    )[section]


class RequestListModel(QAbstractTableModel):
    """Rows: visible requests matching ``where``, in ``sort`` order (all in SQL)."""

    loaded = Signal()  # the ids of a new filter or sort order are in
    load_failed = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        *,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._principal = principal
        self._now = now  # a clock for tests; None: the real one
        self.where = RequestFilter()
        self.sort_key = SortKey.UPDATED
        self.descending = True
        self._ids: list[uuid.UUID] = []
        self._pos: dict[uuid.UUID, int] = {}
        self._rows: dict[uuid.UUID, RequestRow] = {}
        self._loading: set[int] = set()  # pages asked for and not yet in
        self._generation = 0
        self.ready = False  # the first ids have arrived

    # --- Loading -----------------------------------------------------------------------

    def set_filter(self, where: RequestFilter) -> None:
        self.where = where
        self.reload()

    def set_sort(self, key: SortKey, descending: bool) -> None:
        self.sort_key, self.descending = key, descending
        self.reload()

    def reload(self) -> None:
        """Fetch the ids (and the first page) for the current filter and order."""
        principal, where, key, descending = (
            self._principal,
            self.where,
            self.sort_key,
            self.descending,
        )
        QueryOp(lambda s: ops.list_ids(s, principal, where, key, descending), self._on_ids).failure(
            self.load_failed.emit
        ).latest("request-list").run(self._tasks)

    def _on_ids(self, result: ops.ListResult) -> None:
        self.beginResetModel()
        self._generation += 1
        self._ids = list(result.ids)
        self._pos = {request_id: row for row, request_id in enumerate(self._ids)}
        self._rows = {row.id: row for row in result.first_rows}
        self._loading.clear()
        self.endResetModel()
        self.ready = True
        self.loaded.emit()

    def _fetch_page(self, page: int) -> None:
        if page in self._loading:
            return
        self._loading.add(page)
        wanted = self._ids[page * ops.PAGE : (page + 1) * ops.PAGE]
        generation, principal = self._generation, self._principal

        def done(rows: list[RequestRow]) -> None:
            if generation != self._generation:
                return  # the list changed meanwhile; the view will ask again
            self._loading.discard(page)
            self._store(rows)

        QueryOp(lambda s: ops.rows(s, principal, wanted), done).run(self._tasks)

    def _store(self, rows: list[RequestRow]) -> None:
        positions = []
        for row in rows:
            self._rows[row.id] = row
            if row.id in self._pos:
                positions.append(self._pos[row.id])
        if positions:
            self.dataChanged.emit(
                self.index(min(positions), 0), self.index(max(positions), COLUMN_COUNT - 1)
            )

    # --- After a write -----------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Refresh from what a write changed: new membership and order, changed rows."""
        if not (changes.entities & LIST_ENTITIES):
            return
        principal, where, key, descending = (
            self._principal,
            self.where,
            self.sort_key,
            self.descending,
        )
        changed = set(changes.record_ids)
        # Only the changed rows the view has loaded come again now; the others are
        # fetched when scrolled to (a sync's page may change a thousand requests).
        loaded = changed & set(self._rows)
        names_changed = changes.touches("residents")

        def work(session: Session) -> tuple[list[uuid.UUID], list[RequestRow]]:
            ids = ops.ids(session, principal, where, key, descending)
            wanted = [i for i in ids if i in loaded] + ids[: ops.PAGE]
            return ids, ops.rows(session, principal, list(dict.fromkeys(wanted)))

        QueryOp(
            work, lambda result: self._apply(result[0], result[1], names_changed, changed)
        ).failure(self.load_failed.emit).latest("request-list").run(self._tasks)

    def _apply(
        self,
        ids: list[uuid.UUID],
        fresh: list[RequestRow],
        names_changed: bool,
        changed: set[uuid.UUID],
    ) -> None:
        if names_changed:
            self._rows.clear()  # a resident's name can sit on any row
        for request_id in changed:
            self._rows.pop(request_id, None)  # not fetched again: fetched when shown
        for row in fresh:
            self._rows[row.id] = row
        self._loading.clear()
        self._generation += 1
        if len(set(self._ids).symmetric_difference(ids)) > MAX_DIFF:
            # A different list altogether (another view after an intake): reset it.
            self.beginResetModel()
            self._ids = list(ids)
            self._pos = {request_id: row for row, request_id in enumerate(self._ids)}
            self.endResetModel()
        else:
            self._diff_to(ids)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1)
            )
        self.loaded.emit()

    def _diff_to(self, new: list[uuid.UUID]) -> None:
        """Turn the current ids into ``new`` by removals, insertions at the end and one
        layout change: selections and persistent indexes follow their request."""
        wanted = set(new)
        for row in range(len(self._ids) - 1, -1, -1):
            if self._ids[row] not in wanted:
                self.beginRemoveRows(EMPTY, row, row)
                del self._ids[row]
                self.endRemoveRows()
        present = set(self._ids)
        added = [request_id for request_id in new if request_id not in present]
        if added:
            start = len(self._ids)
            self.beginInsertRows(EMPTY, start, start + len(added) - 1)
            self._ids.extend(added)
            self.endInsertRows()
        if self._ids != new:
            self.layoutAboutToBeChanged.emit()
            position = {request_id: row for row, request_id in enumerate(new)}
            before = self.persistentIndexList()
            after = [
                self.index(position[self._ids[index.row()]], index.column())
                if 0 <= index.row() < len(self._ids)
                else QModelIndex()
                for index in before
            ]
            self._ids = list(new)
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
        self._pos = {request_id: row for row, request_id in enumerate(self._ids)}

    # --- Lookups for the view ----------------------------------------------------------

    def id_at(self, row: int) -> uuid.UUID | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, request_id: uuid.UUID) -> int | None:
        return self._pos.get(request_id)

    def row_data(self, row: int) -> RequestRow | None:
        request_id = self.id_at(row)
        return self._rows.get(request_id) if request_id is not None else None

    # --- Qt's model interface ----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = EMPTY) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = EMPTY) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if section in SORT_KEYS:
                return QCoreApplication.translate("RequestListModel", "Click to sort by this")
            return QCoreApplication.translate(
                "RequestListModel", "The next follow-up that is not done yet"
            )
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        request = self._rows.get(self._ids[index.row()])
        if request is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._fetch_page(index.row() // ops.PAGE)
                return ""
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(request, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == LEVEL:
                return level_icon(request.level)
            if column == URGENCY:
                return urgency_icon(request.urgency)
            if column == FOLLOW_UP and request.overdue_follow_ups:
                return warning_icon()
        elif role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(request, column)
        elif role == Qt.ItemDataRole.FontRole:
            late = column == FOLLOW_UP and request.overdue_follow_ups
            if late or (column == URGENCY and request.urgency is not Urgency.NORMAL):
                font = QFont()
                font.setBold(True)
                return font
        elif role == Qt.ItemDataRole.ForegroundRole and request.status is Status.CLOSED:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        elif role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(request, column)
        return None

    def _text(self, request: RequestRow, column: int) -> str:
        if column == RESIDENT:
            return request.resident_name
        if column == LEVEL:
            return level_word(request.level)
        if column == STATUS:
            return status_word(request.status)
        if column == URGENCY:
            return "" if request.urgency is Urgency.NORMAL else urgency_word(request.urgency)
        if column == FOLLOW_UP:
            return dates.due_text(request.next_due) if request.next_due else ""
        if column == UPDATED:
            now = self._now() if self._now else None
            return dates.ago_text(request.updated_at, now)
        if column == AREA:
            return request.area_name
        return request.reference

    def _tooltip(self, request: RequestRow, column: int) -> str | None:
        if column == RESIDENT:
            return plain_tip(request.question)
        if column == UPDATED:
            return dates.instant_text(request.updated_at)
        if column == FOLLOW_UP and request.next_due:
            text = dates.day_text(request.next_due)
            if request.overdue_follow_ups:
                late = QCoreApplication.translate(
                    "RequestListModel", "%n follow-up(s) overdue", "", request.overdue_follow_ups
                )
                text = f"{text} — {late}"
            return text
        return None
