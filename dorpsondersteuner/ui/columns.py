"""Columns that fit: a list's columns come in order of importance, and when the list is
too narrow for all of them the least important give way first (hidden, last first),
so the important ones are seen without scrolling sideways — also at 1280×800 with the
detail beside the list, and with a larger text size."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView


class ColumnFitter(QObject):
    """Keeps ``table``'s columns fitting its width: the columns after the first
    ``important`` are hidden first, last first; then the important ones narrow down to
    their title, except the first (who it is about), which keeps its width.

    A ``stretch`` column (the queue's *Waarom*) takes the room the others leave, at
    least its natural width, and never narrows; on a table that wraps its text the
    rows then grow to show it whole."""

    def __init__(self, table: QTableView, important: int, stretch: int | None = None) -> None:
        super().__init__(table)
        self.table = table
        self.important = important
        self.stretch = stretch
        self.natural: list[int] = []
        # Widths that follow the text size, asked again when the font changes.
        self.natural_widths: Callable[[], list[int]] | None = None
        table.viewport().installEventFilter(self)

    def set_natural(self, widths: list[int]) -> None:
        """The widths the columns would like; then fit them."""
        self.natural = widths
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and self.natural_widths is not None:
            self.natural = self.natural_widths()
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange) and self.natural:
            self.fit()
        return False

    def fit(self) -> None:
        table = self.table
        room = table.viewport().width()
        total = self._fit(room)
        if self.stretch is not None and self.stretch < len(self.natural) and total < room:
            table.setColumnWidth(self.stretch, self.natural[self.stretch] + room - total)
        if table.wordWrap():
            table.resizeRowsToContents()

    def _fit(self, room: int) -> int:
        """Show, hide and narrow the columns for ``room``; the width they take.

        The columns after the first ``important`` give way first. If the important
        ones do not fit either, they narrow down to their title (the first and the
        ``stretch`` column keep their width); if that is not enough, the last of them
        gives way too and the rest get their full width back to try again: fewer
        columns that can be read rather than every word cut off, or a scroll bar."""
        table, model = self.table, self.table.model()
        count = min(model.columnCount(), len(self.natural))
        shown = list(range(count))
        widths = list(self.natural[:count])
        while sum(widths[c] for c in shown) > room and len(shown) > self.important:
            shown.pop()
        while sum(widths[c] for c in shown) > room:
            self._narrow(shown, widths, sum(widths[c] for c in shown) - room)
            droppable = [c for c in shown if c not in (0, self.stretch)]
            if sum(widths[c] for c in shown) <= room or not droppable:
                break
            shown.remove(droppable[-1])
            widths = list(self.natural[:count])
        for column in range(count):
            table.setColumnHidden(column, column not in shown)
            table.setColumnWidth(column, widths[column])
        return sum(widths[c] for c in shown)

    def _narrow(self, shown: list[int], widths: list[int], excess: int) -> None:
        """Narrow the shown columns, the last first, down to their title."""
        model = self.table.model()
        metrics = self.table.horizontalHeader().fontMetrics()
        for column in reversed(shown):
            if excess <= 0:
                return
            if column in (0, self.stretch):
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            cut = min(widths[column] - metrics.horizontalAdvance(title) - 24, excess)
            if cut > 0:
                widths[column] -= cut
                excess -= cut


class WrappedRows(QStyledItemDelegate):
    """Rows of wrapped text with some air above and below, like the one-line rows."""

    PADDING = 10

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING)
