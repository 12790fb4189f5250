"""An administrator's laptop over HTTP with the product's engine: it connects, syncs, and
holds the requests' references, areas, levels, status and owners, never their content
(D5); its checksum agrees, and a reassignment made on it reaches the new owner."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from dorpsondersteuner.models import (
    Contact,
    FieldVersion,
    HelpRequest,
    HistoryEvent,
    Resident,
    SearchRow,
    User,
)
from dorpsondersteuner.models.enums import Level, Status
from dorpsondersteuner.server.admin import DEMO_PASSWORD
from dorpsondersteuner.services import admin_views, workflow
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.sync.protocol import Purge
from dorpsondersteuner.sync.purge import purge
from dorpsondersteuner.ui import dialogs
from dorpsondersteuner.ui.app import Desktop

from ..conftest import Server
from . import test_desktop
from .conftest import Desk, DeskFactory
from .helpers import intake
from .test_desktop import WAIT_MS, connect, start, synced

# The window tests' fixtures: the screens in Dutch, the windows shut at the end.
dutch, windows = test_desktop.dutch, test_desktop.windows

# What no administrator's register holds of a request.
CONTENT = ("resident_id", "question", "created_by_id", "consent_record_on", "contact_person_id")


def user_id(desk: Desk, username: str) -> uuid.UUID:
    return desk.read(
        lambda session: session.scalars(select(User.id).where(User.username == username)).one()
    )


def held(desk: Desk, request_id: uuid.UUID) -> dict[str, object]:
    """A request's row in the laptop's register, every column, as stored."""

    def read(session: Session) -> dict[str, object]:
        table = HelpRequest.__table__
        row = session.execute(select(table).where(table.c.id == request_id)).mappings().one()
        return dict(row)

    return desk.read(read)


def no_content(desk: Desk) -> None:
    """Nothing but the requests' projection: no residents, contacts or search index, and
    no history but the administrator's own steps."""

    def count(session: Session) -> tuple[int, ...]:
        return tuple(
            len(session.scalars(select(model)).all()) for model in (Resident, Contact, SearchRow)
        )

    assert desk.read(count) == (0, 0, 0)
    actors = desk.read(lambda session: set(session.scalars(select(HistoryEvent.actor_id))))
    assert actors <= {user_id(desk, desk.username)}


def test_an_administrator_connects_syncs_and_reassigns_without_seeing_content(
    desks: DeskFactory, server: Server
):
    ingrid, jos = desks("ingrid"), desks("jos")
    first = intake(ingrid, name="Projectie")
    assert ingrid.sync().complete

    beheer = desks("beheer")  # the first sync is the snapshot
    row = held(beheer, first)
    assert row["reference"] == held(ingrid, first)["reference"]
    assert (row["level"], row["status"], row["owner_id"]) == (
        "village",
        "open",
        user_id(beheer, "ingrid"),
    )
    assert all(row[name] is None for name in CONTENT), row
    no_content(beheer)
    assert beheer.status()["checksum"] == "ok"

    # Another intake and a step on the first: the administrator's next sync is a pull.
    second = intake(ingrid, name="Tweede")
    ingrid.do(workflow.set_waiting, first, waiting=True, reason="Wacht op de dochter")
    assert ingrid.sync().complete
    report = beheer.sync()
    assert report.complete and report.rejected == report.lost == 0
    assert held(beheer, first)["status"] == "waiting"
    row = held(beheer, second)
    assert row["reference"] == held(ingrid, second)["reference"]
    assert all(row[name] is None for name in CONTENT), row
    no_content(beheer)
    assert beheer.status()["checksum"] == "ok"

    # The reference list, as the administrator's window shows it.
    def listed(session: Session) -> list[tuple[str, Level, Status, str | None]]:
        principal = load_principal(session, user_id(beheer, "beheer"))
        return [
            (view.reference, view.level, view.status, view.owner_name)
            for view in admin_views.reference_list(session, principal)
        ]

    references = {held(ingrid, first)["reference"], held(ingrid, second)["reference"]}
    rows = [row for row in beheer.read(listed) if row[0] in references]
    assert sorted(status for _, _, status, _ in rows) == [Status.OPEN, Status.WAITING]

    # Ingrid goes on leave: the administrator hands her requests to Jos, the first as
    # the snapshot brought it, the second as the pull did.
    for request_id in (first, second):
        reference = str(held(beheer, request_id)["reference"])
        beheer.do(
            workflow.reassign, reference, new_owner_id=user_id(beheer, "jos"), reason="Verlof"
        )
    report = beheer.sync()
    assert report.complete and report.sent >= 1 and report.rejected == 0
    assert {held(beheer, request_id)["owner_id"] for request_id in (first, second)} == {
        user_id(beheer, "jos")
    }
    no_content(beheer)
    assert beheer.status()["checksum"] == "ok"
    beheer.ledger_holds(server)

    for desk in (jos, ingrid):
        assert desk.sync().complete
        assert {held(desk, request_id)["owner_id"] for request_id in (first, second)} == {
            user_id(desk, "jos")
        }

    # A request the administrator may no longer hold leaves the register whole.
    with beheer.register() as register, register.transaction() as session:
        assert purge(session, [Purge(entity="help_requests", record_id=first)]) >= 1
    assert first not in beheer.requests() and second in beheer.requests()
    versions = beheer.read(
        lambda session: session.scalars(
            select(FieldVersion.record_id).where(FieldVersion.record_id == first)
        ).all()
    )
    assert versions == []


def test_an_administrator_connects_from_the_start_screen_and_reassigns_from_the_list(
    qtbot: QtBot, desks: DeskFactory, server: Server, tmp_path: Path, windows: list[Desktop]
) -> None:
    ingrid = desks("ingrid")
    request_id = intake(ingrid, name="Startscherm")
    assert ingrid.sync().complete
    reference = held(ingrid, request_id)["reference"]

    desktop = start(qtbot, tmp_path / "laptop", windows)
    connect(desktop, server.url, "beheer", DEMO_PASSWORD)
    qtbot.waitUntil(
        lambda: desktop.admin is not None and desktop.admin.loaded and synced(desktop),
        timeout=WAIT_MS,
    )
    page = desktop.admin
    assert page is not None and desktop.window.pages.currentWidget() is page
    assert "Demo" not in desktop.window.windowTitle()
    row = next(r for r in page.model.rows if r.reference == reference)
    assert row.owner_name == "Ingrid Kuijpers" and row.reassign_refusal is None

    qtbot.keyClicks(page.search, str(reference))
    qtbot.waitUntil(lambda: [r.id for r in page.model.rows] == [request_id], timeout=WAIT_MS)
    qtbot.mouseClick(page.reassign_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, dialogs.ReassignDialog)
    qtbot.waitUntil(lambda: dialog.owner.isEnabled(), timeout=WAIT_MS)
    assert dialog.owner.currentText().startswith("Jos van der Zanden")
    qtbot.keyClicks(dialog.reason, "Verlof")
    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rows[0].owner_name == "Jos van der Zanden", timeout=WAIT_MS)
    # "Nu synchroniseren" sends it; Ingrid's laptop hears of it.
    desktop.window.sync_action.trigger()
    qtbot.waitUntil(
        lambda: synced(desktop) and "Nog niet verstuurd" not in desktop.window.sync_label.text(),
        timeout=WAIT_MS,
    )
    assert ingrid.sync().complete
    assert held(ingrid, request_id)["owner_id"] == user_id(ingrid, "jos")
