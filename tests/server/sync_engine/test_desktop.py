"""The desktop app with a real register, against the real server over HTTP: the start
screen's connect (a wrong password, an unreachable server, then for real), the status
bar's states, background sync, signing in again, unlocking offline, and the owner's
one-click restore of a value lost to a concurrent edit."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from dorpsondersteuner import cli
from dorpsondersteuner.clock import today
from dorpsondersteuner.enums import ContactKind, Outcome
from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.models.enums import Role
from dorpsondersteuner.models.local import SyncState
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.admin import DEMO_PASSWORD
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.workflow import edit_request
from dorpsondersteuner.ui import sync as ui_sync
from dorpsondersteuner.ui.app import Desktop, Options
from dorpsondersteuner.ui.i18n import install_translators, remove_translators
from dorpsondersteuner.ui.main_window import MainWindow
from dorpsondersteuner.ui.tasks import WriteOp

from ..conftest import Server, free_port
from .conftest import DeskFactory
from .helpers import intake

WAIT_MS = 30_000
# When set, the screens of a real register are saved there (README "Screenshots").
SHOTS_ENV = "DORPSONDERSTEUNER_SYNC_SHOTS"


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get(SHOTS_ENV)
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"), "PNG")


@pytest.fixture(autouse=True)
def dutch(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "nl")
    yield
    remove_translators(qapp, translators)


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[list[Desktop]]:
    started: list[Desktop] = []
    yield started
    for desktop in started:
        desktop.shutdown()


def start(qtbot: QtBot, data: Path, windows: list[Desktop]) -> Desktop:
    window = MainWindow()
    qtbot.addWidget(window)
    desktop = Desktop(window, Options(data_dir=data, demo=False))
    windows.append(desktop)
    window.show()
    qtbot.waitUntil(lambda: desktop.start_page is not None, timeout=WAIT_MS)
    return desktop


def connect(desktop: Desktop, url: str, username: str, password: str) -> None:
    page = desktop.start_page
    assert page is not None
    page.server.setText(url)
    page.username.setText(username)
    page.connect_password.setText(password)
    page.connect_button.click()


def synced(desktop: Desktop) -> bool:
    sync = desktop.sync
    return (
        sync is not None
        and not sync.running
        and sync.overview is not None
        and sync.overview.last_sync_at is not None
        and not desktop.tasks.busy  # type: ignore[union-attr]
    )


def test_connect_refusals_say_what_happened_and_make_nothing(
    qtbot: QtBot, server: Server, tmp_path: Path, windows: list[Desktop]
) -> None:
    data = tmp_path / "laptop"
    desktop = start(qtbot, data, windows)
    page = desktop.start_page
    assert page is not None
    assert "Demoregister" in page.registers.item(0).text()

    connect(desktop, server.url, "ingrid", "not her password")
    qtbot.waitUntil(lambda: page.connect_button.isEnabled(), timeout=WAIT_MS)
    assert "accepteert deze gebruikersnaam en dit wachtwoord niet" in page.connect_message.text()
    assert "niets gemaakt" in page.connect_message.text()
    assert cli.real_registers(data) == []

    nowhere = f"http://127.0.0.1:{free_port()}"
    connect(desktop, nowhere, "ingrid", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: page.connect_button.isEnabled(), timeout=WAIT_MS)
    assert "niet bereikbaar" in page.connect_message.text()
    assert nowhere in page.connect_message.text()
    assert cli.real_registers(data) == [] and not (data / cli.USERS_FOLDER / "ingrid").exists()


def test_a_real_register_syncs_in_the_background_and_says_so(
    qtbot: QtBot,
    server: Server,
    desks: DeskFactory,
    tmp_path: Path,
    windows: list[Desktop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui_sync, "SOON_MS", 200)
    other = desks("ingrid")  # her other laptop, headless
    request_id = intake(other)
    assert other.sync().complete

    data = tmp_path / "laptop"
    desktop = start(qtbot, data, windows)
    connect(desktop, server.url, "ingrid", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: desktop.work is not None and synced(desktop), timeout=WAIT_MS)
    window = desktop.window
    assert "Demo" not in window.windowTitle()
    assert window.sync_action.isEnabled()
    assert "Online" in window.sync_label.text()
    assert "Bijgewerkt om" in window.sync_label.text()
    assert desktop.sync is not None and desktop.sync.problem_label.text() == ""
    shot(window, "sync-online")
    assert desktop.work is not None
    qtbot.waitUntil(lambda: desktop.work.model.rowCount() > 0, timeout=WAIT_MS)  # type: ignore[union-attr]

    # A local change: counted as unsent at once, sent shortly after without asking.
    tasks = desktop.tasks
    assert tasks is not None
    user_id = desktop.user_id

    outcomes: list[object] = []

    def edit(question: str) -> None:
        def write(session):  # type: ignore[no-untyped-def]
            return edit_request(
                session, load_principal(session, user_id), request_id, question=question
            )

        WriteOp(write, outcomes.append).failure(outcomes.append).run(tasks)

    edit("Boodschappen en de apotheek, twee keer per week.")
    qtbot.waitUntil(lambda: "Nog niet verstuurd: 1" in window.sync_label.text(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: synced(desktop) and "Nog niet verstuurd" not in window.sync_label.text(),
        timeout=WAIT_MS,
    )
    assert other.sync().received >= 1
    question = other.read(lambda session: session.get_one(HelpRequest, request_id).question)
    assert question == "Boodschappen en de apotheek, twee keer per week."

    # A remote change reaches the open window through Changes.
    other.do(edit_request, request_id, question="Alleen de apotheek.")
    assert other.sync().complete
    window.sync_action.trigger()  # Nu synchroniseren
    qtbot.waitUntil(lambda: synced(desktop), timeout=WAIT_MS)
    assert desktop.sync.last_report is not None and desktop.sync.last_report.received >= 1

    # A remote change to the request open in the edit form: shown beside it, the draft kept.
    work = desktop.work
    work.show_request(request_id)
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=WAIT_MS)
    work.start_edit()
    qtbot.waitUntil(lambda: work.form_is_open(), timeout=WAIT_MS)
    work.form.question.setPlainText("Mijn concept, nog niet bewaard.")
    other.do(edit_request, request_id, question="Ook de huisarts bellen.")
    assert other.sync().complete
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: work.form.remote.isVisible(), timeout=WAIT_MS)
    assert "Ook de huisarts bellen." in work.form.remote.text()
    assert work.form.question.toPlainText() == "Mijn concept, nog niet bewaard."
    shot(window, "sync-remote-change")
    work.form.cancel()

    # Offline: the work goes on, the status bar says so and when it tries again.
    nowhere = f"http://127.0.0.1:{free_port()}"

    def point_at(url: str) -> None:
        def write(session):  # type: ignore[no-untyped-def]
            session.get_one(SyncState, 1).server_url = url

        WriteOp(write).run(tasks)

    point_at(nowhere)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=WAIT_MS)
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: desktop.sync.problem == "offline", timeout=WAIT_MS)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Offline" in window.sync_label.text(), timeout=WAIT_MS)
    assert "niet bereikbaar" in desktop.sync.problem_label.text()
    assert "Nieuwe poging om" in desktop.sync.problem_label.text()
    shot(window, "sync-offline")
    assert desktop.sync._retry.isActive()

    # The sign-in ended: it asks for the password, and never blocks the work.
    point_at(server.url)

    def forget_token(session):  # type: ignore[no-untyped-def]
        session.get_one(SyncState, 1).token = "ended"

    WriteOp(forget_token).run(tasks)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=WAIT_MS)
    desktop.sync.sync_now()
    qtbot.waitUntil(lambda: desktop.sync.problem == "sign_in", timeout=WAIT_MS)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "opnieuw aan" in desktop.sync.problem_label.text(), timeout=WAIT_MS)  # type: ignore[union-attr]
    assert desktop.sync.sign_in_action.isVisible() and not desktop.sync.automatic
    desktop.sync.renew(DEMO_PASSWORD)
    qtbot.waitUntil(
        lambda: desktop.sync.problem is None and synced(desktop),  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    assert not desktop.sync.sign_in_action.isVisible()


def test_later_starts_unlock_offline_and_the_owner_restores_a_lost_value(
    qtbot: QtBot,
    server: Server,
    desks: DeskFactory,
    tmp_path: Path,
    windows: list[Desktop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui_sync, "SOON_MS", 200)
    laptop = desks("ingrid")  # made by connect; the window opens it later
    other = desks("ingrid")
    request_id = intake(other)
    assert other.sync().complete and laptop.sync().complete

    desktop = start(qtbot, laptop.data, windows)
    page = desktop.start_page
    assert page is not None
    assert page.registers.item(0).text() == "Register van ingrid"
    page.password.setText("not her password")
    page.open_button.click()
    qtbot.waitUntil(lambda: page.open_button.isEnabled(), timeout=WAIT_MS)
    assert page.open_message.text() == "Dit wachtwoord opent het register van ingrid niet."
    page.password.setText(DEMO_PASSWORD)
    page.open_button.click()
    qtbot.waitUntil(lambda: desktop.work is not None and synced(desktop), timeout=WAIT_MS)
    assert desktop.key_file == laptop.folder / cli.KEY_FILE_NAME

    # Ctrl+L hides everything; the register's password, and only that, unlocks it.
    window = desktop.window
    window.lock_action.trigger()
    locker = desktop.locker
    assert locker is not None and locker.locked and locker.page.password.isVisible()
    locker.page.password.setText("not her password")
    locker.page.unlock_button.click()
    qtbot.waitUntil(lambda: locker.page.unlock_button.isEnabled(), timeout=WAIT_MS)
    assert locker.locked
    locker.page.password.setText(DEMO_PASSWORD)
    locker.page.unlock_button.click()
    qtbot.waitUntil(lambda: not locker.locked, timeout=WAIT_MS)
    assert window.pages.currentWidget() is desktop.work

    # Two edits of one field: the other laptop's loses, and its owner sees both.
    other.do(edit_request, request_id, question="Waarde van de andere laptop.")
    assert other.sync().complete
    tasks, user_id = desktop.tasks, desktop.user_id
    assert tasks is not None and user_id is not None

    def write(session):  # type: ignore[no-untyped-def]
        edit_request(session, load_principal(session, user_id), request_id, question="Waarde hier.")

    WriteOp(write).run(tasks)
    sync = desktop.sync
    assert sync is not None
    qtbot.waitUntil(
        lambda: sync.overview is not None and sync.overview.losing_values == 1 and synced(desktop),
        timeout=WAIT_MS,
    )
    sync.show_panel()
    panel = sync.panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.lost_list.topLevelItemCount() == 1, timeout=WAIT_MS)
    row = panel.lost_list.topLevelItem(0)
    assert row is not None
    assert row.text(2) == "Waarde hier." and row.text(3) == "Waarde van de andere laptop."
    assert panel.tabs.tabText(2) == "Verloren waarden (1)"
    assert panel.restore_button.isEnabled()
    shot(panel, "sync-panel")
    panel.restore_button.click()  # one click: a normal edit, synced as a new op
    qtbot.waitUntil(lambda: panel.lost_list.topLevelItemCount() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: synced(desktop) and sync.overview.unsent == 0, timeout=WAIT_MS)  # type: ignore[union-attr]
    other.sync()
    assert (
        other.read(lambda session: session.get_one(HelpRequest, request_id).question)
        == "Waarde van de andere laptop."
    )
    assert other.read(lambda session: session.scalars(select(HelpRequest.id)).all()) != []
    assert isinstance(request_id, uuid.UUID)


def test_a_refused_step_is_shown_on_its_request_with_what_to_do(
    qtbot: QtBot,
    server: Server,
    desks: DeskFactory,
    windows: list[Desktop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui_sync, "SOON_MS", 200)
    laptop = desks("ingrid")
    other = desks("ingrid")
    request_id = intake(other)
    assert other.sync().complete and laptop.sync().complete

    desktop = start(qtbot, laptop.data, windows)
    page = desktop.start_page
    assert page is not None
    page.password.setText(DEMO_PASSWORD)
    page.open_button.click()
    qtbot.waitUntil(lambda: desktop.work is not None and synced(desktop), timeout=WAIT_MS)

    # Meanwhile the request was closed on her other laptop.
    other.do(workflow.close, request_id, outcome=Outcome.SOLVED)
    assert other.sync().complete

    # This laptop did not know yet: its edit is refused, and said so on the request.
    tasks, user_id = desktop.tasks, desktop.user_id
    assert tasks is not None and user_id is not None

    def write(session):  # type: ignore[no-untyped-def]
        edit_request(session, load_principal(session, user_id), request_id, question="Te laat.")

    WriteOp(write).run(tasks)
    sync = desktop.sync
    assert sync is not None
    qtbot.waitUntil(
        lambda: sync.overview is not None and sync.overview.rejected >= 1 and synced(desktop),
        timeout=WAIT_MS,
    )
    work = desktop.work
    assert work is not None
    work.show_request(request_id)
    qtbot.waitUntil(lambda: work.detail.refused.isVisible(), timeout=WAIT_MS)
    assert work.detail.refused.text() == (
        "Je wijziging is door de server geweigerd: De hulpvraag is intussen afgesloten. "
        "Heropen hem als er nieuw werk is, en doe de wijziging dan opnieuw."
    )
    # The close that came with the sync reached the list: closed, it left "Mijn hulpvragen".
    assert work.model.row_of(request_id) is None
    shot(desktop.window, "sync-refused")
    sync.show_panel()
    panel = sync.panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.refused_list.topLevelItemCount() >= 1, timeout=WAIT_MS)
    assert panel.tabs.currentIndex() == 1  # opens on what needs looking at


def test_work_on_a_request_that_left_this_computer_is_reported_not_delivered(
    qtbot: QtBot,
    server: Server,
    desks: DeskFactory,
    make_user: Any,
    windows: list[Desktop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui_sync, "SOON_MS", 200)
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    laptop = desks(account.username, account.password)
    other = desks("ingrid")
    request_id = intake(other)
    assert other.sync().complete and laptop.sync().complete

    desktop = start(qtbot, laptop.data, windows)
    page = desktop.start_page
    assert page is not None
    page.password.setText(account.password)
    page.open_button.click()
    qtbot.waitUntil(lambda: desktop.work is not None and synced(desktop), timeout=WAIT_MS)

    # An administrator moves her to Milheeze; she writes a contact on the Bakel request.
    with server.transaction() as session:
        admin.update_user(session, account.username, area_codes=["MIL"])
    tasks, user_id = desktop.tasks, desktop.user_id
    assert tasks is not None and user_id is not None

    def write(session):  # type: ignore[no-untyped-def]
        records.add_contact(
            session,
            load_principal(session, user_id),
            request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Nog even nagebeld"),
        )

    WriteOp(write).run(tasks)
    sync = desktop.sync
    assert sync is not None
    qtbot.waitUntil(
        lambda: sync.overview is not None and sync.overview.not_delivered >= 1 and synced(desktop),
        timeout=WAIT_MS,
    )
    assert sync.overview is not None and sync.overview.unsent == 0
    sync.show_panel()
    panel = sync.panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.not_delivered_list.topLevelItemCount() >= 1, timeout=WAIT_MS)
    assert panel.tabs.currentIndex() == 3 and panel.tabs.tabText(3).startswith("Niet afgeleverd")
    row = panel.not_delivered_list.topLevelItem(0)
    assert row is not None
    assert (
        row.text(2) == "De hulpvraag staat niet meer op deze computer (je gebieden zijn veranderd)."
    )
    shot(panel, "sync-not-delivered")
