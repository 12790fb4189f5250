"""The table model of the request list.

It holds the service's frozen rows and makes each cell's text only when the view asks
for it. Never a QStandardItemModel: on PySide6 6.12 its ``setItem`` loop corrupts
``None``'s reference count and aborts (SETUP-NOTES).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..services.overview import OverviewRow
from .words import LEVEL_COLOURS, level_word, status_word

REFERENCE, RESIDENT, AREA, LEVEL, STATUS, UPDATED = range(6)
COLUMN_COUNT = 6


def _local_zone() -> tzinfo | None:
    # Calendar words ("today") are Europe/Amsterdam (D7); without tz data: the laptop's.
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:
        return None


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("RequestTableModel", text, None, n)


class RequestTableModel(QAbstractTableModel):
    """Requests as rows: reference, resident, area, level, status, last change."""

    def __init__(
        self,
        rows: Sequence[OverviewRow] = (),
        *,
        now: Callable[[], datetime] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._rows: tuple[OverviewRow, ...] = tuple(rows)
        self._zone = _local_zone()
        self._now = now or (lambda: datetime.now(self._zone))

    def set_rows(self, rows: Sequence[OverviewRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> OverviewRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < COLUMN_COUNT:
            return None
        return (
            _tr("Reference"),
            _tr("Resident"),
            _tr("Area"),
            _tr("Level"),
            _tr("Status"),
            _tr("Last change"),
        )[section]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        request = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == REFERENCE:
                return request.reference
            if column == RESIDENT:
                return request.resident_name
            if column == AREA:
                return request.area_name
            if column == LEVEL:
                return level_word(request.level)
            if column == STATUS:
                return status_word(request.status)
            if column == UPDATED:
                return self._when(request.updated_at)
        elif role == Qt.ItemDataRole.DecorationRole and column == LEVEL:
            return LEVEL_COLOURS[request.level]
        elif role == Qt.ItemDataRole.ToolTipRole and column == UPDATED:
            return self._local(request.updated_at).strftime("%d-%m-%Y %H:%M")
        return None

    def _local(self, instant: datetime) -> datetime:
        return instant.astimezone(self._zone)

    def _when(self, instant: datetime) -> str:
        """Dutch list style (UI.md): "vandaag, 14:05", "3 dagen geleden", "23-11-2026"."""
        local = self._local(instant)
        days = (self._now().astimezone(self._zone).date() - local.date()).days
        clock = local.strftime("%H:%M")
        if days <= 0:
            return _tr("today, %1").replace("%1", clock)
        if days == 1:
            return _tr("yesterday, %1").replace("%1", clock)
        if days < 7:
            return _tr("%n days ago", days)
        return local.strftime("%d-%m-%Y")
