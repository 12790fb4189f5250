"""Move-in and move-out (rule 7, D16): when a user gains access to a request, the next
pull brings it whole, however old; when access ends, the next pull purges it, and only
what changed moves — never a full download again."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import Contact, FollowUp, HelpRequest, HistoryEvent, OpKind
from dorpsondersteuner.models.enums import ContactKind, Level, Role
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.models import PushedOp
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.sync.protocol import Op, OpResult, RejectReason

from ..conftest import Server, run_cli
from .conftest import Laptop, LaptopFactory
from .test_push_pull import escalate, intake


def whole(laptop: Laptop, request_id: uuid.UUID) -> dict[str, int]:
    """How many records of each kind the laptop holds of one request."""
    held = laptop.held()
    with laptop.register.sessions() as session:
        request = session.get(HelpRequest, request_id)
        if request is None:
            return {}
        counts = {"resident": int(request.resident_id in held["residents"])}
        for model in (Contact, FollowUp, HistoryEvent):
            counts[model.__tablename__] = len(
                session.scalars(select(model.id).where(model.request_id == request_id)).all()
            )
        return counts


def test_a_supporter_whose_areas_change_loses_and_regains_a_request_whole(
    laptops: LaptopFactory, make_user, server: Server
) -> None:
    ingrid = laptops("ingrid")
    request_id = intake(ingrid, name="Verhuisd")
    ingrid.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.PHONE, today(), 10, "Gebeld over de boodschappen"),
    )
    ingrid.do(records.add_follow_up, request_id, description="Terugbellen", due_on=today())
    ingrid.push()
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    colleague = laptops(account.username, account.password)
    colleague.pull()
    before = whole(colleague, request_id)
    assert before == whole(ingrid, request_id) and before["contacts"] == 1

    # She no longer works for Bakel: her next pull purges the request and its resident.
    with server.transaction() as session:
        admin.update_user(session, account.username, area_codes=["MIL"])
    colleague.do(  # written offline before she synced
        records.add_follow_up, request_id, description="Nog even langs", due_on=today()
    )
    colleague.pull()
    assert request_id not in colleague.held()["help_requests"]
    assert whole(colleague, request_id) == {}
    # Her offline work on it is refused like anything she cannot see, and kept.
    results = colleague.push()
    assert {r.result for r in results} == {OpResult.REJECTED}
    assert {r.reason for r in results} == {RejectReason.NOT_FOUND}
    with server.transaction() as session:
        kept = session.scalars(
            select(PushedOp.payload).where(PushedOp.op_id.in_([r.op_id for r in results]))
        ).all()
        assert all(payload for payload in kept)

    # Back to Bakel: the request moves in again, whole, with everything recorded before.
    with server.transaction() as session:
        admin.update_user(session, account.username, area_codes=["BAK"])
    colleague.pull()
    assert whole(colleague, request_id) == whole(ingrid, request_id)


def test_a_team_whose_areas_change_and_a_new_member_get_exactly_their_requests(
    laptops: LaptopFactory, make_user, server: Server
) -> None:
    team_name = f"Wijkteam {uuid.uuid4().hex[:6]}"
    with server.transaction() as session:
        admin.create_team(session, team_name, ["BAK"])
    member = make_user(Role.DISTRICT_TEAM, team=team_name)
    ingrid = laptops("ingrid")
    request_id = intake(ingrid, name="Teamwissel")
    escalate(ingrid, request_id)
    ingrid.push()
    team = laptops(member.username, member.password)
    team.pull()
    assert request_id in team.held()["help_requests"]

    with server.transaction() as session:
        admin.set_team_areas(session, team_name, ["MIL"])
    team.pull()
    assert request_id not in team.held()["help_requests"]

    # A member who joins later gets the older request whole on the first pull.
    with server.transaction() as session:
        admin.set_team_areas(session, team_name, ["BAK"])
    newcomer = make_user(Role.DISTRICT_TEAM, team=team_name)
    late = laptops(newcomer.username, newcomer.password)
    late.pull()
    team.pull()
    assert whole(late, request_id) == whole(team, request_id) == whole(ingrid, request_id)


def test_escalation_to_the_municipality_moves_the_whole_history_in_and_a_hand_back_keeps_it(
    laptops: LaptopFactory,
) -> None:
    ingrid, joyce, evelien = laptops("ingrid"), laptops("joyce"), laptops("evelien")
    request_id = intake(ingrid, name="Gemeente")
    escalate(ingrid, request_id)
    ingrid.push()
    joyce.pull()
    joyce.do(workflow.pick_up, request_id)
    joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.MEETING, today(), 60, "Overleg", professionals_only=True),
    )
    joyce.do(workflow.give_consent, request_id, scope=Level.MUNICIPALITY, given_on=today())
    joyce.do(workflow.escalate, request_id, reason="Wmo-voorziening nodig")
    joyce.push()
    evelien.pull()
    assert whole(evelien, request_id) == whole(joyce, request_id)
    assert whole(evelien, request_id)["contacts"] == 1  # professionals see it

    evelien.do(workflow.pick_up, request_id)
    evelien.do(workflow.hand_back, request_id, advice="Geen voorziening nodig")
    evelien.push()
    evelien.pull()
    joyce.pull()
    # It was at the municipality: it stays theirs to see, back at the district team.
    assert request_id in evelien.held()["help_requests"]
    with joyce.register.sessions() as session:
        assert session.get_one(HelpRequest, request_id).level is Level.DISTRICT_TEAM


def test_a_reassignment_by_the_administrator_reaches_the_laptops(
    laptops: LaptopFactory, server: Server
) -> None:
    ingrid, jos = laptops("ingrid"), laptops("jos")
    request_id = intake(ingrid, name="Overdracht")
    ingrid.push()
    jos.pull()
    with ingrid.register.sessions() as session:
        reference = session.get_one(HelpRequest, request_id).reference

    done = run_cli(
        "admin", "reassign", reference, "jos", "--reason", "Verlof",
        database_url=server.database_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Jos van der Zanden" in done.stdout
    ingrid.pull()
    jos.pull()
    for laptop in (ingrid, jos):
        with laptop.register.sessions() as session:
            assert session.get_one(HelpRequest, request_id).owner_id == jos.user_id
    missing = run_cli(
        "admin", "reassign", "BAK-1999-ZZ-999", "jos", database_url=server.database_url
    )
    assert missing.returncode != 0 and "no request" in missing.stderr


def test_an_administrator_reassigns_from_the_desktop_with_a_step_op(
    laptops: LaptopFactory,
) -> None:
    ingrid, jos, beheer = laptops("ingrid"), laptops("jos"), laptops("beheer")
    request_id = intake(ingrid, name="Bureaublad")
    ingrid.push()
    step = {
        "step": "reassign",
        "expect": {"level": "village", "status": "open"},
        "event_id": str(uuid.uuid4()),
        "at": "2026-12-02T09:00:00+00:00",
        "reason": "Verlof",
        "new_owner_id": str(jos.user_id),
    }
    op = Op(
        op_id=uuid.uuid4(),
        kind=OpKind.STEP,
        entity="help_requests",
        record_id=request_id,
        payload=step,
        hlc=f"{1_800_000_000_000:015d}-000000-{beheer.device_id.hex}",
        user_id=beheer.user_id,
        device_id=beheer.device_id,
    )
    assert [r.result for r in beheer.push_ops([op])] == [OpResult.APPLIED]
    # A supporter sending the same step is refused: reassigning is the administrator's.
    forged = op.model_copy(
        update={
            "op_id": uuid.uuid4(),
            "user_id": ingrid.user_id,
            "device_id": ingrid.device_id,
            "payload": {**step, "event_id": str(uuid.uuid4())},
        }
    )
    assert [r.reason for r in ingrid.push_ops([forged])] == [RejectReason.FORBIDDEN]
    jos.pull()
    with jos.register.sessions() as session:
        assert session.get_one(HelpRequest, request_id).owner_id == jos.user_id
