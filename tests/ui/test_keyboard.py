"""Everything by keyboard: the list is one tab stop, every step the rules allow is in
the *Hulpvraag* menu with its key, and a request's own window closes with Esc or
Ctrl+W and offers *Bewerken*."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.models.enums import Level
from dorpsondersteuner.services import workflow
from dorpsondersteuner.ui import dialogs

from .conftest import StartProgram, wait_idle
from .test_workflow import in_register, new_request, show

WAIT = 10_000
MAX_TABS = 6


def test_tab_from_the_search_box_passes_the_list_once_and_reaches_the_buttons(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work: Any = desktop.work
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=WAIT)
    work.list_pane.search.setFocus()
    qtbot.waitUntil(lambda: work.list_pane.search.hasFocus(), timeout=WAIT)
    seen = []
    for _ in range(MAX_TABS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if isinstance(seen[-1], QPushButton) and work.detail.isAncestorOf(seen[-1]):
            break
    assert seen.count(work.table) == 1, [w.objectName() for w in seen]
    last = seen[-1]
    assert isinstance(last, QPushButton | QToolButton) and work.detail.isAncestorOf(last), [
        w.objectName() for w in seen
    ]

    # Inside the list the arrows move; Tab leaves it at once.
    work.table.setFocus()
    row = work.table.currentIndex().row()
    qtbot.keyClick(work.table, Qt.Key.Key_Down)
    assert work.table.currentIndex().row() == row + 1
    qtbot.keyClick(work.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not work.table


def test_the_help_request_menu_offers_each_allowed_step_with_its_key(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Menukaart")

    def escalate(session: Any, ingrid: Any) -> None:
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, ingrid, request_id, reason="Eigen kring geprobeerd.")

    in_register(demo_dir, escalate)
    desktop = start_program("joyce")
    window = desktop.window
    work: Any = desktop.work
    show(qtbot, desktop, request_id)
    steps = window.step_actions
    assert steps["pick_up"].isVisible() and steps["pick_up"].isEnabled()
    assert not steps["reopen"].isVisible()
    menu_texts = [action.text() for action in window.request_menu.actions()]
    assert "O&ppakken…" in menu_texts
    for name, action in steps.items():
        assert not action.shortcut().isEmpty(), name
    assert steps["pick_up"].shortcut().toString() == "Ctrl+Shift+P"

    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(work.dialog, dialogs.PickUpDialog), timeout=WAIT)
    work.dialog.done(0)

    # While a form is open nothing in the menu acts on a request.
    work.start_edit()
    assert not any(action.isEnabled() for action in steps.values())
    work.form.dirty = False
    work.form.cancel()
    wait_idle(qtbot, desktop)
    assert demo_id("user", "joyce")


def test_the_own_window_closes_with_esc_or_ctrl_w_and_offers_edit(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work: Any = desktop.work
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=WAIT)
    request_id = work.current_id
    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        own = work.open_in_window()
        qtbot.waitUntil(lambda own=own: own.shown is not None, timeout=WAIT)
        own.activateWindow()
        qtbot.waitUntil(own.isActiveWindow, timeout=WAIT)
        qtbot.keyClick(own.view, key, modifier)
        qtbot.waitUntil(lambda: request_id not in work.detail_windows, timeout=WAIT)

    own = work.open_in_window()
    qtbot.waitUntil(lambda: own.shown is not None, timeout=WAIT)
    edit = own.view.edit_button
    assert edit.isVisibleTo(own) and edit.isEnabled()
    work.select_view("mine")  # another request may be in the pane meanwhile
    wait_idle(qtbot, desktop)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: work.form_is_open(), timeout=WAIT)
    assert work.form.mode == "edit" and work.form.request_id == request_id
    own.close()
    work.form.dirty = False
    work.form.cancel()
