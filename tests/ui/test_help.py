"""F1 opens help for the screen on show, in plain Dutch: the ladder, the keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dorpsondersteuner.ui.app import Desktop
from dorpsondersteuner.ui.help import HelpDialog

from .conftest import WAIT_MS, StartProgram


def press_f1(qtbot: QtBot, desktop: Desktop, on: QWidget) -> str:
    window = desktop.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    on.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or on, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_dialog is not None, timeout=WAIT_MS)
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    text = dialog.text.toPlainText()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)  # Esc closes it
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    return text


def names_the_ladder_and_the_keys(text: str) -> None:
    assert "De ladder: dorp, wijkteam, gemeente" in text
    assert "dorpsondersteuner" in text and "vangnet" in text
    assert "Toestemming" in text
    assert "groen" in text and "oranje" in text and "blauw" in text
    assert "Toetsen" in text
    for key in ("F1", "Ctrl+N", "Ctrl+F", "Ctrl+S", "Ctrl+E", "Alt+Up / Alt+Down"):
        assert key in text


def test_f1_on_the_main_window_explains_the_list(qtbot: QtBot, start_program: StartProgram) -> None:
    desktop = start_program("ingrid")
    text = press_f1(qtbot, desktop, desktop.work.table)
    names_the_ladder_and_the_keys(text)
    assert "De lijst en de hulpvraag" in text
    desktop.work.select_view("followups")
    assert "Afspraken" in press_f1(qtbot, desktop, desktop.work.table)


def test_f1_on_who_are_you(qtbot: QtBot, start_program: StartProgram) -> None:
    desktop = start_program(None)
    qtbot.waitUntil(lambda: getattr(desktop, "chooser", None) is not None, timeout=WAIT_MS)
    text = press_f1(qtbot, desktop, desktop.chooser.users)
    names_the_ladder_and_the_keys(text)
    assert "Wie ben je?" in text and "demo-register" in text
