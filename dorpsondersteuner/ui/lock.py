"""*Vergrendelen* (Ctrl+L): the window hides every piece of data behind a page that
asks who you are before it shows anything again; unlocking brings back exactly what
was there, nothing typed lost.

While locked, the work area (or the administrator's page), every other window of the
program (a request in its own window, an open dialog, a question) and every tooltip
are hidden; the menu items and keys that would show or change data do nothing. What
was typed stays in its fields and is kept as a draft as well, in case the laptop is
closed while locked.

The demo register's key is a published constant and its users have no password
(D1): its lock page names who is signed in and unlocks with *Ontgrendelen* or Enter.
A real register's lock page asks the user's password and unlocks only when the
password opens the register's key file (D4); the check runs on the task manager's
worker, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from .main_window import MainWindow
from .palette import mark_as_error
from .plain import PlainLabel
from .textsize import relative_font

# Asked with the password and a callback that gets whether it opens the register.
PasswordCheck = Callable[[str, Callable[[bool], None]], None]


class LockPage(QWidget):
    """What a locked window shows: who is signed in, and the way back in."""

    unlock = Signal()

    def __init__(self, who: str, check: PasswordCheck | None = None) -> None:
        super().__init__()
        self.setObjectName("lockPage")
        self._check = check
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 64, 48, 64)
        column = QWidget()
        column.setMaximumWidth(620)  # short lines, read at a glance
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.addStretch(1)
        title = PlainLabel(self.tr("The program is locked"))
        title.setObjectName("lockTitle")
        relative_font(title, 1.6, bold=True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        layout.addSpacing(12)
        self.who = PlainLabel(who)
        self.who.setObjectName("lockWho")
        relative_font(self.who, 1.2)
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.who)
        layout.addSpacing(12)
        explain = (
            self.tr(
                "The residents' data is hidden until you unlock. Type your password to "
                "continue where you were."
            )
            if check is not None
            else self.tr(
                "The residents' data is hidden until you unlock. Click Unlock or press "
                "Enter to continue where you were."
            )
        )
        self.explain = PlainLabel(explain)
        self.explain.setObjectName("lockExplain")
        self.explain.setWordWrap(True)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.explain)
        layout.addSpacing(24)

        row = QHBoxLayout()
        row.addStretch(1)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setMinimumWidth(260)
        self.password.returnPressed.connect(self._try)
        self.password.setVisible(check is not None)
        row.addWidget(self.password)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAutoDefault(True)  # Enter presses it
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._try)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.problem = PlainLabel()
        self.problem.setObjectName("lockProblem")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark_as_error(self.problem)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(2)

    def help_screen(self) -> str:
        """Which screen F1 explains."""
        return "lock"

    def take_focus(self) -> None:
        self.password.clear()
        self.problem.hide()
        target = self.password if self._check is not None else self.unlock_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter anywhere on the page unlocks the demo register (the password field
        # answers Enter itself).
        if self._check is None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._try()
            return
        super().keyPressEvent(event)

    def _try(self) -> None:
        if self._check is None:
            self.unlock.emit()
            return
        password = self.password.text()
        if not password:
            self.password.setFocus()
            return
        self.unlock_button.setEnabled(False)
        self._check(password, self._checked)

    def _checked(self, opens: bool) -> None:
        self.unlock_button.setEnabled(True)
        if opens:
            self.unlock.emit()
            return
        self.password.clear()
        self.problem.setText(
            "⚠ " + self.tr("That is not your password. Type it again; mind Caps Lock.")
        )
        self.problem.show()
        self.password.setFocus()


class Locker(QObject):
    """Locks and unlocks ``window``: hides and brings back, never closes or throws
    away. ``keep_drafts`` keeps what was typed in the register first."""

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: MainWindow,
        page: LockPage,
        keep_drafts: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.page = page
        self.keep_drafts = keep_drafts
        self.locked = False
        self._previous: QWidget | None = None
        self._focus: QWidget | None = None
        self._hidden: list[QWidget] = []
        # What still works while locked: nothing here shows or changes data.
        self._allowed: set[QAction] = {
            window.quit_action,
            window.help_action,
            window.larger_action,
            window.smaller_action,
            window.normal_size_action,
            window.switch_user_action,
        }
        page.unlock.connect(self.unlock)
        # A message that arrives while locked (a save that finished) is not shown.
        window.statusBar().messageChanged.connect(self._on_message)
        window.lock_action.setEnabled(True)
        window.lock_action.triggered.connect(self.lock)

    def lock(self) -> None:
        if self.locked:
            return
        self.keep_drafts()
        self.locked = True
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._focus = app.focusWidget()
        popup = app.activePopupWidget()
        while popup is not None:  # an open menu or list of choices
            popup.close()
            popup = app.activePopupWidget()
        QToolTip.hideText()
        self._hidden = [
            widget
            for widget in app.topLevelWidgets()
            if widget is not self.window
            and widget.isVisible()
            and widget.windowType() != Qt.WindowType.ToolTip
        ]
        for widget in self._hidden:
            widget.hide()
        self._previous = self.window.pages.currentWidget()
        self.window.show_page(self.page)
        self.window.statusBar().clearMessage()
        self.window.request_menu.menuAction().setEnabled(False)
        self.window.lock_action.setEnabled(False)
        app.installEventFilter(self)
        self.page.take_focus()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.removeEventFilter(self)
        self.locked = False
        self.window.request_menu.menuAction().setEnabled(True)
        self.window.lock_action.setEnabled(True)
        if self._previous is not None:
            self.window.show_page(self._previous)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        focus, self._focus = self._focus, None
        if focus is not None:
            # Where the typing was, once the windows shown again have settled.
            QTimer.singleShot(0, lambda: self._refocus(focus))
        self.locked_changed.emit(False)

    def _refocus(self, focus: QWidget) -> None:
        if self.locked or not focus.isVisible():
            return
        focus.window().activateWindow()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_message(self, message: str) -> None:
        if self.locked and message:
            self.window.statusBar().clearMessage()

    def show_when_unlocked(self, page: QWidget) -> None:
        """Show ``page`` now, or once unlocked if locked (the list came in meanwhile)."""
        if self.locked:
            self._previous = page
        else:
            self.window.show_page(page)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The keys of what would show or change data do nothing while locked.
        return (
            event.type() == QEvent.Type.Shortcut
            and isinstance(watched, QAction)
            and watched not in self._allowed
        )
