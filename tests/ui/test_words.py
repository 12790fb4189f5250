"""The words of the window: the program's menu says what closes, the demo register
offers another user, and a passing message never hides who is signed in."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from .conftest import StartProgram


def test_the_program_menu_says_what_it_closes_and_offers_another_demo_user(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    window = desktop.window
    program = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in program.actions() if action.isVisible()]
    assert "&Programma afsluiten" in texts
    assert "&Andere gebruiker…" in texts
    assert "&Afsluiten" not in texts  # that is closing a help request

    window.switch_user_action.trigger()  # nothing unsaved: closes, to start again
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert desktop.restart_as_other


def test_another_user_with_unsaved_work_asks_first_and_going_back_stays(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work: Any = desktop.work
    desktop.window.new_action.trigger()
    qtbot.keyClicks(work.form.question, "Nog niet bewaard")
    desktop.window.switch_user_action.trigger()
    box = work._close_box
    qtbot.waitUntil(box.isVisible, timeout=10_000)
    box.escapeButton().click()  # "Go back"
    qtbot.waitUntil(lambda: not desktop.restart_as_other, timeout=10_000)
    assert desktop.window.isVisible()
    work.form.dirty = False


def test_a_status_message_never_hides_who_is_signed_in(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    window = desktop.window
    window.statusBar().showMessage("Opgeslagen: een bericht dat even blijft staan", 10_000)
    qtbot.wait(20)
    assert window.user_label.isVisible() and "Ingrid Kuijpers" in window.user_label.text()
    assert window.sync_label.isVisible()
