"""The demo register's "who are you" choice (D1): pick a demo user to look through."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .ops import DemoUserChoice
from .plain import PlainLabel
from .textsize import relative_font
from .words import role_word


class UserChooser(QWidget):
    chosen = Signal(str)  # the username

    def __init__(
        self, users: Sequence[DemoUserChoice], default: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("userChooser")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 48, 96, 48)
        title = PlainLabel(self.tr("Who are you?"))
        relative_font(title, 1.6, bold=True)
        layout.addWidget(title)
        intro = PlainLabel(
            self.tr(
                "This is the demo register, with made-up residents. Choose whose eyes you "
                "want to look through: a village supporter sees their own village, a "
                "district team member what reached the team, the municipality what reached "
                "the municipality."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.users = QListWidget()
        self.users.setObjectName("demoUsers")
        for user in users:  # in the order the core gives: supporters first, by name
            text = f"{user.display_name} — {role_word(user.role)}"
            if user.areas:
                text += f", {user.areas}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, user.username)
            self.users.addItem(item)
            if user.username == default:
                self.users.setCurrentItem(item)
        self.users.itemActivated.connect(lambda _item: self._go())
        layout.addWidget(self.users, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.go = QPushButton(self.tr("Continue"))
        self.go.setObjectName("continueButton")
        self.go.setDefault(True)
        self.go.clicked.connect(self._go)
        row.addWidget(self.go)
        layout.addLayout(row)

    def help_screen(self) -> str:
        """Which screen F1 explains."""
        return "chooser"

    def _go(self) -> None:
        item = self.users.currentItem()
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
