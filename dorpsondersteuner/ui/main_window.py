"""The main window's shell: menus, a message page, the status bar.

It is shown and painted before anything heavy is imported (SETUP-NOTES "Import
costs"): this module touches QtWidgets only. The working area (navigation, request
list, detail) is built into it later, by ``ui/work.py``, once the register is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .plain import PlainLabel
from .textsize import TextSize, relative_font


def with_shortcut(text: str, shortcut: QKeySequence | None) -> str:
    """A tooltip that names the key: "Nieuwe hulpvraag (Ctrl+N)" (UI.md: shortcuts shown)."""
    if shortcut is None or shortcut.isEmpty():
        return text
    key = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({key})"


class MainWindow(QMainWindow):
    painted = Signal()  # each paint of the window (the benchmark waits for the first)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dorpsondersteuner"))
        self.resize(1280, 800)

        self.pages = QStackedWidget()
        self.message_page = QWidget()
        self.message_page.setObjectName("messagePage")
        layout = QVBoxLayout(self.message_page)
        layout.setContentsMargins(64, 64, 64, 64)
        layout.addStretch(1)
        self.message = PlainLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        relative_font(self.message, 1.2)
        layout.addWidget(self.message)
        self.message_buttons = QHBoxLayout()
        self.message_buttons.addStretch(1)
        self.message_buttons.addStretch(1)
        layout.addSpacing(24)
        layout.addLayout(self.message_buttons)
        layout.addStretch(2)
        self.pages.addWidget(self.message_page)
        self.setCentralWidget(self.pages)

        self._make_actions()

        self.user_label = PlainLabel()
        self.user_label.setObjectName("user")
        self.sync_label = PlainLabel()
        self.sync_label.setObjectName("sync")
        self.sync_label.setContentsMargins(16, 0, 0, 0)
        self.count_label = PlainLabel()
        self.count_label.setObjectName("count")
        self.count_label.setContentsMargins(16, 0, 0, 0)
        # Permanent: a passing message (a menu's hint, "saved") never hides who is
        # signed in or the sync state; it shows to their left.
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _action(
        self, text: str, tip: str, shortcut: QKeySequence | None = None, enabled: bool = False
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(with_shortcut(tip, shortcut))
        action.setStatusTip(tip)
        action.setEnabled(enabled)
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence
        self.new_action = self._action(
            self.tr("&New help request"),
            self.tr("Record a new help request"),
            keys(keys.StandardKey.New),
        )
        self.edit_action = self._action(
            self.tr("&Edit help request"), self.tr("Change the question, life domains or urgency")
        )
        self.window_action = self._action(
            self.tr("Open in its own &window"),
            self.tr("Open the chosen help request in a window of its own (or double-click it)"),
            keys(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_O),
        )
        self.escalate_action = self._action(
            self.tr("Es&calate…"),
            self.tr("Send the help request one level up"),
            keys(Qt.Modifier.CTRL | Qt.Key.Key_E),
        )
        # Enabled by a real register's sync controller (ui/sync.py); the demo never syncs.
        self.sync_action = self._action(
            self.tr("Sync &now"),
            self.tr("The demo register is never synchronised"),
            keys(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_S),
        )
        # Every step and record the rules allow on the chosen request, with its key;
        # shown only when the core offers it (set by the work area).
        ctrl_shift = Qt.Modifier.CTRL | Qt.Modifier.SHIFT
        self.step_actions: dict[str, QAction] = {
            "pick_up": self._action(
                self.tr("Pic&k up…"),
                self.tr("Become the owner of this help request"),
                keys(ctrl_shift | Qt.Key.Key_P),
            ),
            "hand_back": self._action(
                self.tr("&Hand back…"),
                self.tr("Send the help request one level down, with advice"),
                keys(ctrl_shift | Qt.Key.Key_B),
            ),
            "close": self._action(
                self.tr("C&lose help request…"),
                self.tr("Close the help request with an outcome"),
                keys(ctrl_shift | Qt.Key.Key_X),
            ),
            "reopen": self._action(
                self.tr("&Reopen help request…"),
                self.tr("Open a closed help request again"),
                keys(ctrl_shift | Qt.Key.Key_R),
            ),
            "contact": self._action(
                self.tr("Add a con&tact…"),
                self.tr("Record a visit, call or talk"),
                keys(ctrl_shift | Qt.Key.Key_K),
            ),
            "follow_up": self._action(
                self.tr("Add a &follow-up…"),
                self.tr("Something to do by a date"),
                keys(ctrl_shift | Qt.Key.Key_A),
            ),
            "help": self._action(
                self.tr("Arrange help from the own c&ircle…"),
                self.tr("Arrange help from a neighbourhood helper or the resident's own circle"),
                keys(ctrl_shift | Qt.Key.Key_H),
            ),
        }
        self.save_action = self._action(
            self.tr("&Save"), self.tr("Save what you filled in"), keys(keys.StandardKey.Save)
        )
        self.cancel_action = self._action(
            self.tr("&Cancel"), self.tr("Stop without saving"), keys(Qt.Key.Key_Escape)
        )
        self.find_action = self._action(
            self.tr("&Search"),
            self.tr("Search by name, address, reference or words from the question"),
            keys(keys.StandardKey.Find),
        )
        self.previous_action = self._action(
            self.tr("&Previous help request"),
            self.tr("Go to the help request above in the list"),
            keys(Qt.Modifier.ALT | Qt.Key.Key_Up),
        )
        self.next_action = self._action(
            self.tr("Ne&xt help request"),
            self.tr("Go to the help request below in the list"),
            keys(Qt.Modifier.ALT | Qt.Key.Key_Down),
        )
        self.help_action = self._action(
            self.tr("&Short help"),
            self.tr("How the program works, in short"),
            keys(keys.StandardKey.HelpContents),
            enabled=True,
        )
        self.help_action.triggered.connect(self.show_help)
        self.help_dialog: QDialog | None = None
        self.quit_action = self._action(
            self.tr("&Quit the program"),
            self.tr("Close the program"),
            keys(keys.StandardKey.Quit),
            True,
        )
        self.quit_action.triggered.connect(self.close)
        # Hide the data behind a page that asks who you are (lock.py); once signed in.
        self.lock_action = self._action(
            self.tr("&Lock"),
            self.tr("Hide all data until you unlock, for example when you step away"),
            keys(Qt.Modifier.CTRL | Qt.Key.Key_L),
        )
        # The demo register only: sign in as someone else (the program starts again).
        self.switch_user_action = self._action(
            self.tr("&Other user…"),
            self.tr("Start again as another demo user; what you typed is kept as a draft"),
        )
        self.switch_user_action.setVisible(False)

        # Text size: readable at arm's length, larger or smaller, remembered per user.
        self.text_size = TextSize()
        self.larger_action = self._action(
            self.tr("&Larger text"),
            self.tr("Make all text larger"),
            keys(keys.StandardKey.ZoomIn),
            True,
        )
        self.larger_action.setShortcuts(
            [keys(keys.StandardKey.ZoomIn), keys(Qt.Modifier.CTRL | Qt.Key.Key_Equal)]
        )
        self.smaller_action = self._action(
            self.tr("&Smaller text"),
            self.tr("Make all text smaller"),
            keys(keys.StandardKey.ZoomOut),
            True,
        )
        self.normal_size_action = self._action(
            self.tr("&Normal text size"),
            self.tr("Text at its normal size again"),
            keys(Qt.Modifier.CTRL | Qt.Key.Key_0),
            True,
        )
        self.larger_action.triggered.connect(self.text_size.larger)
        self.smaller_action.triggered.connect(self.text_size.smaller)
        self.normal_size_action.triggered.connect(self.text_size.normal)

        menus = self.menuBar()
        program = menus.addMenu(self.tr("&Program"))
        self.program_menu = program
        program.addAction(self.sync_action)
        program.addSeparator()
        program.addAction(self.lock_action)
        program.addAction(self.switch_user_action)
        program.addAction(self.quit_action)
        request = menus.addMenu(self.tr("&Help request"))
        for action in (self.new_action, self.edit_action, self.window_action):
            request.addAction(action)
        request.addSeparator()
        request.addAction(self.escalate_action)
        for action in self.step_actions.values():
            request.addAction(action)
        self.request_menu = request
        self.more_anchor = request.addSeparator()  # the request's "More" menu goes here
        request.addAction(self.save_action)
        request.addAction(self.cancel_action)
        request.addSeparator()
        for action in (self.find_action, self.previous_action, self.next_action):
            request.addAction(action)
        view_menu = menus.addMenu(self.tr("&View"))
        for action in (self.larger_action, self.smaller_action, self.normal_size_action):
            view_menu.addAction(action)
        help_menu = menus.addMenu(self.tr("H&elp"))
        help_menu.addAction(self.help_action)
        for menu in (program, request, view_menu, help_menu):
            menu.setToolTipsVisible(True)

    def show_message(
        self, text: str, buttons: list[tuple[str, Callable[[], None]]] | None = None
    ) -> None:
        """A page with one message and, only when they do something, buttons."""
        self.message.setText(text)
        while self.message_buttons.count() > 2:
            item = self.message_buttons.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for position, (label, handler) in enumerate(buttons or []):
            button = QPushButton(label)
            button.clicked.connect(handler)
            button.setDefault(position == 0)
            self.message_buttons.insertWidget(1 + position, button)
        self.pages.setCurrentWidget(self.message_page)

    def show_help(self) -> None:
        """F1: help for the screen on show (its ``help_screen()``), in a window."""
        from .help import HelpDialog

        page = self.pages.currentWidget()
        screen = getattr(page, "help_screen", lambda: "start")()
        if self.help_dialog is not None:
            self.help_dialog.close()
        self.help_dialog = HelpDialog(screen, self)
        self.help_dialog.open()

    def show_page(self, page: QWidget) -> None:
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

    def set_status(self, user: str, sync: str) -> None:
        self.user_label.setText(user)
        self.sync_label.setText(sync)

    # Asked before the window closes; False keeps it open (unsaved work, UI "nothing lost").
    close_guard: Callable[[], bool] | None = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()
