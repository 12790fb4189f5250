"""The detail in a window of its own (UI.md Layout), and counts beside the views that
agree with the pages they open."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dorpsondersteuner.clock import today
from dorpsondersteuner.models.enums import Level
from dorpsondersteuner.services.records import add_follow_up
from dorpsondersteuner.services.workflow import escalate, give_consent, pick_up
from dorpsondersteuner.ui.detail_window import DetailWindow
from dorpsondersteuner.ui.navigation import VIEWS

from .conftest import StartProgram
from .test_workflow import click, in_register, new_request, run_dialog, show

WAIT = 10_000


def test_a_request_opens_in_its_own_window_and_follows_changes(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Vensters")
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    assert desktop.window.window_action.isEnabled()
    desktop.window.window_action.trigger()  # Hulpvraag → In een eigen venster openen
    window = work.detail_windows[request_id]
    assert isinstance(window, DetailWindow) and window.isVisible() and window.isWindow()
    qtbot.waitUntil(lambda: window.shown is not None, timeout=WAIT)
    assert window.view.title.text() == "Harrie Vensters"
    assert "Meneer kan na de operatie niet meer zelf koken." in window.view.body.text()
    assert "Harrie Vensters" in window.windowTitle()

    # A contact recorded from the main window's pane shows in the own window too.
    click(qtbot, desktop, "contact")
    qtbot.keyClicks(work.dialog.summary, "Gebeld met de dochter over maaltijden.")
    run_dialog(qtbot, desktop)
    qtbot.waitUntil(
        lambda: "Gebeld met de dochter over maaltijden." in window.view.body.text(), timeout=WAIT
    )
    # Its own buttons open the same dialogs, over the own window.
    qtbot.mouseClick(window.view.record_buttons["follow_up"], Qt.MouseButton.LeftButton)
    assert work.dialog is not None and work.dialog.parent() is window
    work.dialog.reject()

    # Opening it again brings the same window forward; double-clicking a row opens one.
    assert work.open_in_window(request_id) is window
    window.close()
    qtbot.waitUntil(lambda: request_id not in work.detail_windows, timeout=WAIT)
    index = work.model.index(0, 0)
    rect = work.table.visualRect(index)
    qtbot.mouseClick(work.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(work.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    first = work.model.id_at(0)
    assert first in work.detail_windows
    qtbot.waitUntil(lambda: work.detail_windows[first].shown is not None, timeout=WAIT)


def count_beside(work: object, view: str) -> int:
    text = work.nav.item(VIEWS.index(view)).text()  # type: ignore[attr-defined]
    found = re.search(r"\((\d+)\)$", text)
    assert found, text
    return int(found.group(1))


def team_follow_up(folder: Path) -> uuid.UUID:
    """A request at the Wijkteam Bakel, picked up by Ruud, with a follow-up of his due
    today: on Joyce's team's page, not on her own."""
    request_id = new_request(folder, "Teamafspraak")

    def escalate_it(session: Any, ingrid: Any) -> None:
        give_consent(session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today())
        escalate(session, ingrid, request_id, reason="Zorg is te zwaar voor de buren.")

    def follow_up(session: Any, ruud: Any) -> None:
        pick_up(session, ruud, request_id)
        add_follow_up(session, ruud, request_id, description="Huisbezoek", due_on=today())

    in_register(folder, escalate_it)
    in_register(folder, follow_up, "ruud")
    return request_id


def test_the_follow_ups_count_agrees_with_the_page(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    team_follow_up(demo_dir)
    desktop = start_program("joyce")
    work = desktop.work
    work.select_view("followups")
    model = work.short_lists.follow_ups
    assert work.short_lists.only_mine.isChecked()
    qtbot.waitUntil(lambda: not desktop.tasks.busy, timeout=WAIT)
    mine = model.rowCount()
    assert count_beside(work, "followups") == mine
    work.short_lists.only_mine.setChecked(False)  # the team's too: the count follows
    qtbot.waitUntil(lambda: not desktop.tasks.busy, timeout=WAIT)
    assert model.rowCount() > mine  # Ruud's follow-up at least
    assert count_beside(work, "followups") == model.rowCount()
    assert work.state()["only_mine"] is False  # remembered for the next start
