"""The start screen (D1, D4): the registers on this computer, and connecting to the
municipality's server.

The demo register opens without a password; a user's real register opens offline with
that user's password. "Verbinden met de server van je gemeente" signs in, makes the real
register and takes its first sync, with a progress bar; a refusal says in plain words
what happened and that nothing was made. The work itself is the desktop's (app.py);
this page only asks and shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .plain import PlainLabel
from .sync import show_download

if TYPE_CHECKING:
    from ..sync.engine import SyncProgress
from .textsize import relative_font

DEMO = ""  # the demo register's entry in the list (real ones carry their username)


class StartPage(QWidget):
    open_demo = Signal()
    open_real = Signal(str, str)  # username, password
    connect_server = Signal(str, str, str)  # server address, username, password

    def __init__(self, users: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.setSpacing(40)

        # Left: the registers here.
        left = QVBoxLayout()
        heading = PlainLabel(QCoreApplication.translate("Start", "Registers on this computer"))
        relative_font(heading, 1.3, bold=True)
        left.addWidget(heading)
        self.registers = QListWidget()
        self.registers.setObjectName("registers")
        self.registers.setAccessibleName(
            QCoreApplication.translate("Start", "Registers on this computer")
        )
        for username in users:
            item = QListWidgetItem(
                QCoreApplication.translate("Start", "Register of %1").replace("%1", username)
            )
            item.setData(Qt.ItemDataRole.UserRole, username)
            self.registers.addItem(item)
        demo = QListWidgetItem(
            QCoreApplication.translate("Start", "Demo register — made-up data, never synchronised")
        )
        demo.setData(Qt.ItemDataRole.UserRole, DEMO)
        self.registers.addItem(demo)
        self.registers.setCurrentRow(0)
        self.registers.currentItemChanged.connect(self._chosen)
        self.registers.itemActivated.connect(lambda _item: self._open())
        self.registers.setMaximumHeight(240)
        left.addWidget(self.registers)
        unlock = QFormLayout()
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._open)
        self.password_label = PlainLabel(QCoreApplication.translate("Start", "&Password:"))
        self.password_label.setBuddy(self.password)
        unlock.addRow(self.password_label, self.password)
        left.addLayout(unlock)
        self.open_button = QPushButton(QCoreApplication.translate("Start", "&Open"))
        self.open_button.setObjectName("openRegister")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        left.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.open_message = PlainLabel()
        self.open_message.setObjectName("openMessage")
        self.open_message.setWordWrap(True)
        left.addWidget(self.open_message)
        left.addStretch(1)
        outer.addLayout(left, 1)

        # Right: connecting to the server.
        right = QVBoxLayout()
        self.connect_heading = PlainLabel(
            QCoreApplication.translate("Start", "Connect to your municipality's server")
        )
        relative_font(self.connect_heading, 1.3, bold=True)
        right.addWidget(self.connect_heading)
        explain = PlainLabel(
            QCoreApplication.translate(
                "Start",
                "The first time you work with real data: give the server's address and the "
                "username and password you got from your administrator. Your register is "
                "then made on this computer, encrypted with your password. After that it "
                "opens without the network too.",
            )
        )
        explain.setWordWrap(True)
        right.addWidget(explain)
        form = QFormLayout()
        self.server = QLineEdit()
        self.server.setObjectName("serverAddress")
        self.server.setPlaceholderText("https://sync.gemeente.nl")
        self.username = QLineEdit()
        self.username.setObjectName("connectUsername")
        self.connect_password = QLineEdit()
        self.connect_password.setObjectName("connectPassword")
        self.connect_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.connect_password.returnPressed.connect(self._connect)
        for label, field in (
            (QCoreApplication.translate("Start", "Server &address:"), self.server),
            (QCoreApplication.translate("Start", "&Username:"), self.username),
            (QCoreApplication.translate("Start", "Pass&word:"), self.connect_password),
        ):
            shown = PlainLabel(label)
            shown.setBuddy(field)
            form.addRow(shown, field)
        right.addLayout(form)
        self.connect_button = QPushButton(QCoreApplication.translate("Start", "&Connect"))
        self.connect_button.setObjectName("connectButton")
        self.connect_button.clicked.connect(self._connect)
        right.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignRight)
        self.progress = QProgressBar()
        self.progress.setObjectName("connectProgress")
        self.progress.hide()
        right.addWidget(self.progress)
        self.connect_message = PlainLabel()
        self.connect_message.setObjectName("connectMessage")
        self.connect_message.setWordWrap(True)
        right.addWidget(self.connect_message)
        right.addStretch(1)
        outer.addLayout(right, 1)
        self._chosen()

    def help_screen(self) -> str:
        return "start"

    def chosen_user(self) -> str:
        item = self.registers.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else DEMO

    def _chosen(self, *_args: object) -> None:
        real = self.chosen_user() != DEMO
        self.password.setVisible(real)
        self.password_label.setVisible(real)
        self.open_message.clear()

    def _open(self) -> None:
        username = self.chosen_user()
        if username == DEMO:
            self.open_demo.emit()
            return
        if not self.password.text():
            self.open_message.setText(
                QCoreApplication.translate("Start", "Type your password to open your register.")
            )
            self.password.setFocus()
            return
        self.busy(True)
        self.open_message.setText(QCoreApplication.translate("Start", "Opening the register…"))
        self.open_real.emit(username, self.password.text())

    def _connect(self) -> None:
        url, username = self.server.text().strip(), self.username.text().strip()
        password = self.connect_password.text()
        if not (url and username and password):
            self.connect_message.setText(
                QCoreApplication.translate(
                    "Start", "Fill in the server address, your username and your password."
                )
            )
            return
        if "://" not in url:
            url = "https://" + url
        self.busy(True)
        self.connect_message.setText(QCoreApplication.translate("Start", "Signing in…"))
        self.progress.setRange(0, 0)
        self.progress.setFormat("")
        self.progress.show()
        self.connect_server.emit(url, username, password)

    def busy(self, busy: bool) -> None:
        for widget in (self.open_button, self.connect_button, self.registers):
            widget.setEnabled(not busy)
        if not busy:
            self.progress.hide()

    def open_refused(self, text: str) -> None:
        self.busy(False)
        self.open_message.setText(text)
        self.password.selectAll()
        self.password.setFocus()

    def connect_refused(self, text: str) -> None:
        self.busy(False)
        self.connect_message.setText(text)

    def connect_progress(self, progress: SyncProgress) -> None:
        self.connect_message.setText(QCoreApplication.translate("Start", "Receiving your data…"))
        if progress.phase == "download":
            show_download(self.progress, progress)
            return
        self.progress.setRange(0, 0)
        self.progress.setFormat(
            QCoreApplication.translate("Start", "Received %1").replace("%1", str(progress.received))
        )


def refusal_text(reason: str, url: str, detail: str) -> str:
    """Why connecting made nothing, in plain words (``cli.Reason``)."""
    from ..cli import Reason

    texts = {
        Reason.PASSWORD: QCoreApplication.translate(
            "Start",
            "The server did not accept this username and password. Check them and try "
            "again. Nothing was made or changed on this computer.",
        ),
        Reason.UNREACHABLE: QCoreApplication.translate(
            "Start",
            "The server at %1 cannot be reached. Check the address and the network "
            "connection, and try again. Nothing was made or changed on this computer.",
        ),
        Reason.ADDRESS: QCoreApplication.translate(
            "Start", "This is not a server address; it looks like %1."
        ),
        Reason.USERNAME: QCoreApplication.translate(
            "Start", "This is not a username: use letters, digits, dots or dashes."
        ),
        Reason.WAIT: QCoreApplication.translate(
            "Start", "Too many attempts. Wait a few minutes and try again. Nothing was changed."
        ),
        Reason.DEVICE: QCoreApplication.translate(
            "Start",
            "The server does not accept this computer. Ask your administrator. "
            "Nothing was changed.",
        ),
        Reason.OTHER_ACCOUNT: QCoreApplication.translate(
            "Start",
            "The register of this user on this computer belongs to another account; it was "
            "left as it is.",
        ),
    }
    text = texts.get(reason)
    if text is None:
        return QCoreApplication.translate(
            "Start", "The server refused: %1. Nothing was made or changed."
        ).replace("%1", detail)
    example = "https://sync.gemeente.nl"
    return text.replace("%1", example if reason == Reason.ADDRESS else url)
