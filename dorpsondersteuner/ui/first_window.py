"""The program's first window: the newest help requests of the register.

A later issue replaces it with the full main window. It is shown before anything
heavy is imported, with a message in place of the list; the list comes when loaded.
Module imports stay at QtWidgets level: this runs before the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QTableView


COLUMN_PADDING = 16  # pixels


def tr(text: str) -> str:
    return QCoreApplication.translate("FirstWindow", text)


class FirstWindow(QMainWindow):
    """A message page (loading, no register, errors) and the request list."""

    painted = Signal()  # every paint of the window itself
    rows_painted = Signal()  # every paint of the list with rows in it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Dorpsondersteuner"))
        self.resize(1000, 640)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setContentsMargins(48, 48, 48, 48)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.message.setFont(font)

        self.table: QTableView | None = None  # made with the first rows

        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)
        self.setCentralWidget(self.pages)

        self.user_label = QLabel()
        self.register_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self.register_label.setContentsMargins(16, 0, 0, 0)  # apart from the user
        self.statusBar().addWidget(self.register_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)

    def _make_table(self) -> QTableView:
        # Not before the first paint: every Qt class touched then delays it.
        from PySide6.QtWidgets import QAbstractItemView, QTableView

        table = QTableView()
        table.setObjectName("requests")
        table.setAccessibleName(tr("Help requests"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        table.viewport().installEventFilter(self)
        self.pages.addWidget(table)
        return table

    def show_list(self, model: QAbstractItemModel) -> None:
        from PySide6.QtWidgets import QHeaderView

        if self.table is None:
            self.table = self._make_table()
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        # Fit the columns once, to the first rows: ResizeToContents mode measured every
        # cell on each layout (60 ms for 100 rows here).
        header.setResizeContentsPrecision(50)
        self.table.resizeColumnsToContents()
        for column in range(model.columnCount()):  # room between the columns
            header.resizeSection(column, header.sectionSize(column) + COLUMN_PADDING)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the resident
        self.pages.setCurrentWidget(self.table)
        if model.rowCount() > 0:
            self.table.selectRow(0)
        self.table.setFocus()

    def set_status(self, user: str, register: str) -> None:
        self.user_label.setText(user)
        self.register_label.setText(register)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and self.table is not None
            and watched is self.table.viewport()
            and self.table.model() is not None
            and self.table.model().rowCount() > 0
        ):
            self.rows_painted.emit()
        return super().eventFilter(watched, event)
