"""The list as the user last saw it, shown read-only at start until the live list is in.

Cold start (bench/README.md): the window paints at ~1.4× a bare PySide6 window, but the
live list needs SQLAlchemy, the models and the services imported (~0.4–0.7 s, holding
the GIL), the register opened and the user signed in. So right after the first paint,
before the worker starts importing, ``ui/app.py`` reads the snapshot the user left
(``dorpsondersteuner/snapshot.py``: plain ``sqlcipher3``) and shows it here, in the place
where the list will appear; the work area replaces it once the live list has its first
page. The strings were rendered when the snapshot was saved, so this module needs no
domain code: Qt, the snapshot and the domain's enums (``enums.py``) only.

``list_snapshot`` makes the snapshot's content from the live work area; it is called
only after the list has loaded, when everything is imported anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..enums import Level
from ..snapshot import MAX_ROWS, Snapshot, SnapshotRow
from . import LIST_VIEWS
from .palette import level_colour
from .plain import PlainLabel
from .textsize import relative_font

if TYPE_CHECKING:
    from .work import WorkArea

EMPTY = QModelIndex()
SIZES = [190, 690, 400]  # work.SIZES: navigation, list, detail at 1280 pixels

_dots: dict[tuple[Level, str], QIcon] = {}


def level_dot(level: Level) -> QIcon:
    """The level's filled dot, as ``words.level_icon`` draws it."""
    colour = level_colour(level)
    key = (level, colour.name())  # the palette may change between starts of a view
    if key not in _dots:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(4, 4, 24, 24)
        painter.end()
        _dots[key] = QIcon(pixmap)
    return _dots[key]


class PreviewModel(QAbstractTableModel):
    """The stored strings of a snapshot: read-only, nothing to load."""

    def __init__(
        self,
        headers: tuple[str, ...],
        rows: tuple[SnapshotRow, ...],
        level_column: int = -1,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows = rows
        self._level_column = level_column

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = EMPTY) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = EMPTY) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled  # shown, never selected or edited

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.cells[index.column()]
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.column() == self._level_column
            and row.level is not None
        ):
            return level_dot(row.level)
        return None


class PreviewPage(QSplitter):
    """A page shaped like the work area (navigation, list, detail) with only the list
    filled in, from the snapshot; nothing on it reacts to the mouse or keyboard."""

    def __init__(self, snapshot: Snapshot, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("listPreview")
        self.snapshot = snapshot
        nav = QListWidget()
        nav.setEnabled(False)
        nav.setMinimumWidth(170)
        self.addWidget(nav)

        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(8, 8, 8, 0)
        self.heading = PlainLabel(snapshot.title)
        relative_font(self.heading, 1.15, bold=True)
        layout.addWidget(self.heading)

        self.model = PreviewModel(snapshot.headers, snapshot.rows, snapshot.level_column, self)
        table = self.table = QTableView()
        # One tab stop: the arrows move inside, Tab goes on to the buttons.
        table.setTabKeyNavigation(False)
        table.setObjectName("requestsPreview")
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Help requests as you last saw them, being updated"))
        table.setToolTip(self.tr("The list as you last saw it. It is being updated…"))
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setIconSize(QSize(16, 16))
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(snapshot.widths):
            header.resizeSection(column, width)
        layout.addWidget(table, 1)
        self.addWidget(middle)

        self.addWidget(QWidget())
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        sizes = list(snapshot.sizes) if len(snapshot.sizes) == 3 else SIZES
        self.setSizes(sizes)
        for handle in range(self.count()):
            self.handle(handle).setEnabled(False)


def list_snapshot(work: WorkArea) -> dict[str, Any] | None:
    """The content of a snapshot of ``work``'s list (a ``WorkArea``), as it is drawn now;
    None unless it shows what the next start will show first: a request list with no
    search text or life domain, closed requests hidden, newest change first, its first
    page in."""
    from .request_model import COLUMN_COUNT, LEVEL, SORT_KEYS, UPDATED

    model = work.model
    if (
        work.view not in LIST_VIEWS
        or work.list_pane.search.text()
        or work.list_pane.show_closed.isChecked()
        or work.list_pane.chosen_life_domain() is not None
        or model.sort_key is not SORT_KEYS[UPDATED]
        or not model.descending
        or not model.ready
    ):
        return None
    display = Qt.ItemDataRole.DisplayRole
    rows = []
    for row in range(min(MAX_ROWS, model.rowCount())):
        request = model.row_data(row)
        if request is None:
            break  # only rows that are in: never a half-empty line
        cells = [str(model.data(model.index(row, column)) or "") for column in range(COLUMN_COUNT)]
        rows.append({"cells": cells, "level": str(request.level.value)})
    header = work.table.horizontalHeader()
    return {
        "headers": [
            str(model.headerData(column, Qt.Orientation.Horizontal, display))
            for column in range(COLUMN_COUNT)
        ],
        "widths": [header.sectionSize(column) for column in range(COLUMN_COUNT)],
        "level_column": LEVEL,
        "title": work.list_pane.heading.text(),
        "sizes": list(work.sizes()),
        "rows": rows,
    }
