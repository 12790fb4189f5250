"""Issue 15's story over HTTP, every laptop syncing with the product's engine: an intake
made offline in Bakel goes to the district team and back and is closed; every laptop
that may see it ends with the same state and history, Gemert never receives it, and a
colleague who loses Bakel has it purged with her unsent work on it reported, not lost."""

from __future__ import annotations

from sqlalchemy import select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import HistoryEvent
from dorpsondersteuner.models.enums import ContactKind, EventKind, Level, Outcome, Role, Status
from dorpsondersteuner.models.local import OutboxOp
from dorpsondersteuner.server import admin
from dorpsondersteuner.services import records, workflow

from ..conftest import Server
from .conftest import DeskFactory
from .helpers import escalate, intake, state


def test_an_offline_intake_goes_to_the_team_and_back_and_a_colleague_who_moves_loses_it(
    desks: DeskFactory, make_user, server: Server
):
    ingrid, joyce, anja = desks("ingrid"), desks("joyce"), desks("anja")
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    colleague = desks(account.username, account.password)

    # Offline in Bakel: the intake and the escalation wait in the outbox.
    request_id = intake(ingrid, name="Verhoeven")
    escalate(ingrid, request_id)
    assert ingrid.status()["unsent"] >= 3
    report = ingrid.sync()
    assert report.complete and report.rejected == report.lost == 0

    joyce.sync()
    assert request_id in joyce.requests()
    joyce.do(workflow.pick_up, request_id)
    joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.HOME_VISIT, today(), 45, "Keukentafelgesprek"),
    )
    joyce.do(records.add_follow_up, request_id, description="Buurtcirkel bellen", due_on=today())
    joyce.do(workflow.hand_back, request_id, advice="Buurtcirkel inschakelen")
    assert joyce.sync().complete

    # A colleague in Bakel holds it too. She writes a contact offline; meanwhile an
    # administrator moves her to Milheeze: her next sync purges the request, and her
    # contact on it is reported as not delivered, never lost.
    colleague.sync()
    assert request_id in colleague.requests()
    colleague.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.PHONE, today(), 10, "Nog even nagebeld"),
    )
    with server.transaction() as session:
        admin.update_user(session, account.username, area_codes=["MIL"])
    report = colleague.sync()
    assert request_id not in colleague.requests()
    assert report.purged >= 1 and report.not_delivered >= 1
    status = colleague.status()
    assert status["not_delivered"] >= 1 and status["lost"] == 0 and status["unsent"] == 0
    reasons = colleague.read(
        lambda session: set(
            session.scalars(
                select(OutboxOp.not_delivered_reason).where(OutboxOp.entity == "contacts")
            )
        )
    )
    assert reasons == {"no_longer_visible"}
    colleague.ledger_holds(server)
    # What she could not deliver stays listed: the next sync neither drops nor resends it.
    assert colleague.sync().sent == 0
    assert colleague.status()["not_delivered"] == status["not_delivered"]

    ingrid.sync()
    ingrid.do(workflow.close, request_id, outcome=Outcome.SOLVED, note="Buren helpen")
    assert ingrid.sync().complete
    joyce.sync()
    anja.sync()

    assert state(ingrid, request_id) == state(joyce, request_id)
    level, status, _owner, *_ = state(ingrid, request_id)
    assert (level, status) == (Level.VILLAGE, Status.CLOSED)
    kinds = ingrid.read(
        lambda session: set(
            session.scalars(select(HistoryEvent.kind).where(HistoryEvent.request_id == request_id))
        )
    )
    assert {EventKind.ESCALATED, EventKind.PICKED_UP, EventKind.HANDED_BACK} <= kinds
    assert {EventKind.CONTACT_ADDED, EventKind.CLOSED} <= kinds
    assert request_id not in anja.requests()  # Gemert never receives it
    for desk in (ingrid, joyce, anja, colleague):
        desk.ledger_holds(server)
        assert desk.status()["unsent"] == 0
        assert not any(report.set_aside for report in desk.reports)
        assert desk.reports[-1].checksum == "ok", desk.reports[-1].checksum_differs
