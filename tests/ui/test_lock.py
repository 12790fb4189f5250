"""*Vergrendelen* (Ctrl+L): a locked window shows no data anywhere, the keys that would
show or change data do nothing, and unlocking brings back the same view with
everything typed; the demo register unlocks with *Ontgrendelen* or Enter, a real
register only with the password that opens its key file."""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dorpsondersteuner.keys import Argon2Parameters, create_key_file
from dorpsondersteuner.ui import ops
from dorpsondersteuner.ui.app import Desktop
from dorpsondersteuner.ui.lock import LockPage

from .conftest import StartProgram, wait_idle
from .test_drafts import drafts_in

WAIT = 10_000
TYPED = "Nog niet bewaard: de heg moet gesnoeid, buurman helpt niet meer"
CTRL_L = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L)


def _texts_of_model(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for row in range(model.rowCount(root)):
        for column in range(columns):
            value = model.data(model.index(row, column, root))
            if value:
                found.append(str(value))
    return found


def visible_texts() -> list[str]:
    """Every text a user could see: the visible windows' titles, and the labels, fields,
    buttons, lists and tables of every visible widget in them."""
    found = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        found.append(window.windowTitle())
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel):
                found.append(widget.text())
            elif isinstance(widget, QLineEdit):
                found += [widget.text(), widget.placeholderText()]
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                found.append(widget.toPlainText())
            elif isinstance(widget, QAbstractButton):
                found.append(widget.text())
            elif isinstance(widget, QComboBox):
                found.append(widget.currentText())
            elif isinstance(widget, QAbstractItemView):
                found += _texts_of_model(widget)
    return found


def data_on_screen(qtbot: QtBot, desktop: Desktop) -> set[str]:
    """Names, references and questions of the requests the list and detail show."""
    work: Any = desktop.work
    words = set()
    for row in range(min(work.model.rowCount(), 50)):
        qtbot.waitUntil(lambda row=row: work.model.row_data(row) is not None, timeout=WAIT)
        data = work.model.row_data(row)
        words |= {data.resident_name, data.reference, data.question[:30]}
    return words


def press_ctrl_l(qtbot: QtBot, on: QWidget) -> None:
    qtbot.keyClick(on, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_locking_hides_all_data_and_unlocking_brings_back_the_same_view_and_what_was_typed(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    window, work = desktop.window, desktop.work
    assert window.lock_action.shortcut() == CTRL_L
    program = window.menuBar().actions()[0].menu()
    names = [a.text() for a in program.actions() if a.isVisible() and not a.isSeparator()]
    assert "&Vergrendelen" in names and "&Andere gebruiker…" in names  # the demo register

    work.select_view("all")
    wait_idle(qtbot, desktop)
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=WAIT)
    shown_id = work.current_id
    own = work.open_in_window(work.model.id_at(1))
    qtbot.waitUntil(lambda: own.shown is not None, timeout=WAIT)
    window.new_action.trigger()
    qtbot.keyClicks(work.form.question, TYPED)
    secrets_shown = data_on_screen(qtbot, desktop) | {TYPED, own.shown.detail.resident.full_name}
    seen = "\n".join(visible_texts())
    assert TYPED in seen and own.shown.detail.resident.full_name in seen  # the check sees

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    work.form.question.setFocus()
    qtbot.waitUntil(work.form.question.hasFocus, timeout=WAIT)
    press_ctrl_l(qtbot, work.form.question)
    locker = desktop.locker
    assert locker is not None and locker.locked
    assert window.pages.currentWidget() is locker.page
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    seen = "\n".join(visible_texts())
    leaks = sorted(text for text in secrets_shown if text and text in seen)
    assert leaks == []
    assert "Het programma is vergrendeld" in seen
    assert "Ingrid Kuijpers" in locker.page.who.text()  # who is signed in, by name
    assert locker.page.unlock_button.text() == "Ontgrendelen"
    assert not locker.page.password.isVisible()  # the demo register has no passwords
    # What was typed is kept in the register too, in case the laptop is closed now.
    qtbot.waitUntil(lambda: any(d[1] == "new" for d in drafts_in(demo_dir)), timeout=WAIT)

    # The keys that would show data do nothing while locked.
    for key, modifiers in (
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),  # escalate
        (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),  # stop the form
    ):
        qtbot.keyClick(locker.page.unlock_button, key, modifiers)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert window.pages.currentWidget() is locker.page
    assert not window.request_menu.menuAction().isEnabled()
    window.statusBar().showMessage(f"Opgeslagen: {TYPED}", 5000)  # a save that finished
    assert window.statusBar().currentMessage() == ""

    # Enter unlocks: the same view, the same request, the form with what was typed.
    qtbot.keyClick(locker.page.unlock_button, Qt.Key.Key_Return)
    assert not locker.locked
    assert window.pages.currentWidget() is work
    assert work.view == "all" and work.current_id == shown_id
    assert work.form_is_open() and work.form.question.toPlainText() == TYPED
    assert own.isVisible()
    assert window.request_menu.menuAction().isEnabled()
    qtbot.waitUntil(lambda: window.focusWidget() is work.form.question, timeout=WAIT)
    work.form.dirty = False
    work.form.cancel()


def test_ctrl_l_in_a_dialog_locks_and_the_dialog_comes_back_with_its_text(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work: Any = desktop.work
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=WAIT)
    name = work.detail_shown.detail.resident.full_name
    work.detail.record_buttons["contact"].click()
    dialog = work.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.keyClicks(dialog.summary, "Gebeld met de huisarts.")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    press_ctrl_l(qtbot, dialog.summary)
    assert desktop.locker.locked
    assert not dialog.isVisible()
    seen = "\n".join(visible_texts())
    assert name not in seen and "Gebeld met de huisarts." not in seen

    qtbot.mouseClick(desktop.locker.page.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.summary.toPlainText() == "Gebeld met de huisarts."
    dialog.dirty = False
    dialog.done(0)


def test_a_real_registers_lock_page_opens_only_for_the_password_of_its_key_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    key_file = tmp_path / "register.key"
    cheap = Argon2Parameters(memory_kib=64, time_cost=1, parallelism=1)
    create_key_file(
        key_file, "lange zin als wachtwoord", secrets.token_bytes(32),
        device_id=uuid.uuid4(), params=cheap,
    )  # fmt: skip
    page = LockPage(
        "Ingrid Kuijpers · Dorpsondersteuner",
        lambda password, done: done(ops.password_opens(key_file, password)),
    )
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=WAIT)
    page.take_focus()
    unlocked: list[bool] = []
    page.unlock.connect(lambda: unlocked.append(True))
    assert page.password.isVisible() and page.password.hasFocus()
    assert "wachtwoord" in page.explain.text()

    qtbot.keyClicks(page.password, "verkeerd")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert unlocked == []
    assert page.problem.isVisible() and "niet je wachtwoord" in page.problem.text()
    assert page.password.text() == ""

    qtbot.keyClick(page, Qt.Key.Key_Return)  # Enter without a password: nothing
    assert unlocked == []
    qtbot.keyClicks(page.password, "lange zin als wachtwoord")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert unlocked == [True]


def test_f1_on_the_lock_page_explains_it_and_shows_no_data(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    window = desktop.window
    window.lock_action.trigger()
    locker = desktop.locker
    assert locker is not None and locker.locked
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(locker.page.unlock_button, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_dialog is not None, timeout=WAIT)
    text = window.help_dialog.text.toPlainText()
    assert "Het programma is vergrendeld" in text and "Ctrl+L" in text
    assert locker.locked and window.pages.currentWidget() is locker.page
    window.help_dialog.close()
