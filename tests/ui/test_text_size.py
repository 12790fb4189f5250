"""Readable at arm's length: a readable default, Ctrl+Plus / Ctrl+Minus / Ctrl+0, and
the size remembered per user across a restart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dorpsondersteuner.ui.textsize import READABLE_POINTS

from .conftest import StartProgram, wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier


def test_text_size_changes_what_is_drawn_and_survives_a_restart(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work: Any = desktop.work
    window = desktop.window
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=10_000)
    normal = QApplication.font().pointSizeF()
    assert normal >= READABLE_POINTS
    title = work.detail.title.font().pointSizeF()
    before = window.grab().toImage()

    window.larger_action.trigger()  # Ctrl+Plus
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    wait_idle(qtbot, desktop)
    qtbot.wait(50)
    assert QApplication.font().pointSizeF() > normal * 1.2
    assert work.detail.title.font().pointSizeF() > title * 1.2  # headings follow
    after = window.grab().toImage()
    assert after != before
    larger = QApplication.font().pointSizeF()
    desktop.shutdown()  # remembered in ui-state.json, per user

    again = start_program("ingrid")
    assert QApplication.font().pointSizeF() == larger
    qtbot.keyClick(again.window, Qt.Key.Key_0, CTRL)
    assert QApplication.font().pointSizeF() == normal
    qtbot.keyClick(again.window, Qt.Key.Key_Minus, CTRL)
    assert QApplication.font().pointSizeF() < normal
    again.window.normal_size_action.trigger()


def test_another_user_keeps_their_own_text_size(qtbot: QtBot, start_program: StartProgram) -> None:
    desktop = start_program("ingrid")
    normal = QApplication.font().pointSizeF()
    desktop.window.larger_action.trigger()
    desktop.shutdown()
    start_program("jos")
    assert QApplication.font().pointSizeF() == normal
