"""Push and pull over HTTP against the real server, on SQLite and PostgreSQL, with real
laptop registers: every change exactly once, to exactly the people who may see it
(ARCHITECTURE "Sync", rules 1-9; D3, D5, D15, D16)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
from sqlalchemy import func, select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import Area, Contact, HelpRequest, HistoryEvent, OpKind
from dorpsondersteuner.models.enums import (
    ContactKind,
    EventKind,
    Level,
    LifeDomain,
    Outcome,
    Role,
    Status,
)
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.models import ChangeLogEntry, PushedOp, ServerAccessLogEntry
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.residents import ResidentInput
from dorpsondersteuner.services.workflow import IntakeInput
from dorpsondersteuner.sync.protocol import Op, OpResult, RejectReason

from ..conftest import Server
from .conftest import Laptop, LaptopFactory


def area_id(laptop: Laptop, code: str) -> uuid.UUID:
    with laptop.register.sessions() as session:
        return session.scalars(select(Area.id).where(Area.code == code)).one()


def intake(laptop: Laptop, *, area: str = "BAK", name: str = "Jansen") -> uuid.UUID:
    """An intake on the laptop, for a new resident, as the intake form makes it."""
    return laptop.do(
        workflow.register_request,
        IntakeInput(
            "Kan na een val niet meer zelf boodschappen doen.",
            LifeDomain.CARE,
            today() - timedelta(days=1),
        ),
        new_resident=ResidentInput(
            first_name="Truus",
            last_name=name,
            area_id=area_id(laptop, area),
            street="Kerkstraat",
            house_number="12",
            postcode="5761 AB",
            place="Bakel",
        ),
    )


def escalate(laptop: Laptop, request_id: uuid.UUID) -> None:
    laptop.do(workflow.give_consent, request_id, scope=Level.DISTRICT_TEAM, given_on=today())
    laptop.do(workflow.escalate, request_id, reason="Te zwaar voor de buren")


def state(laptop: Laptop, request_id: uuid.UUID) -> tuple[object, ...]:
    with laptop.register.sessions() as session:
        request = session.get_one(HelpRequest, request_id)
        events = session.scalars(
            select(HistoryEvent.id).where(HistoryEvent.request_id == request_id)
        ).all()
        contacts = session.scalars(select(Contact.id).where(Contact.request_id == request_id))
        return (
            request.level,
            request.status,
            request.owner_id,
            request.question,
            request.highest_level,
            request.outcome,
            frozenset(events),
            frozenset(contacts),
        )


def test_an_offline_intake_goes_up_and_back_and_every_laptop_ends_the_same(
    laptops: LaptopFactory,
) -> None:
    ingrid, joyce, anja = laptops("ingrid"), laptops("joyce"), laptops("anja")
    request_id = intake(ingrid)
    escalate(ingrid, request_id)
    results = ingrid.push()
    assert {result.result for result in results} == {OpResult.APPLIED}
    assert all(result.seq for result in results)

    joyce.pull()
    assert request_id in joyce.held()["help_requests"]
    joyce.do(workflow.pick_up, request_id)
    joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.HOME_VISIT, today(), 45, "Keukentafelgesprek"),
    )
    joyce.do(workflow.hand_back, request_id, advice="Buurtcirkel inschakelen")
    assert {result.result for result in joyce.push()} == {OpResult.APPLIED}

    ingrid.pull()
    ingrid.do(workflow.close, request_id, outcome=Outcome.SOLVED, note="Buren helpen")
    assert {result.result for result in ingrid.push()} == {OpResult.APPLIED}
    joyce.pull()
    anja.pull()

    assert state(ingrid, request_id) == state(joyce, request_id)
    level, status, owner, *_ = state(ingrid, request_id)
    assert (level, status, owner) == (Level.VILLAGE, Status.CLOSED, ingrid.user_id)
    with ingrid.register.sessions() as session:
        kinds = set(
            session.scalars(select(HistoryEvent.kind).where(HistoryEvent.request_id == request_id))
        )
    assert {EventKind.ESCALATED, EventKind.PICKED_UP, EventKind.HANDED_BACK} <= kinds
    assert {EventKind.CONTACT_ADDED, EventKind.CLOSED} <= kinds
    assert request_id not in anja.held()["help_requests"]  # Gemert never sees it
    assert not ingrid.set_aside and not joyce.set_aside


def test_a_retried_batch_and_a_lost_answer_apply_each_op_once(
    laptops: LaptopFactory, server: Server
) -> None:
    ingrid = laptops("ingrid")
    intake(ingrid)
    ops = ingrid.unsent()
    first = ingrid.push_ops(ops)
    with server.transaction() as session:
        logged = session.scalar(select(func.count()).select_from(ChangeLogEntry))

    # The answer was lost: the laptop sends the whole batch again, and then once more
    # with the ops duplicated inside one batch.
    assert ingrid.push_ops(ops) == first
    assert ingrid.push_ops(ops + ops)[: len(ops)] == first
    with server.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ChangeLogEntry)) == logged
        kept = session.scalar(
            select(func.count())
            .select_from(PushedOp)
            .where(PushedOp.op_id.in_([op.op_id for op in ops]))
        )
        assert kept == len(ops)


def _edit_question(laptop: Laptop, request_id: uuid.UUID, question: str) -> None:
    laptop.do(workflow.edit_request, request_id, question=question)


def test_concurrent_edits_of_one_field_the_later_clock_wins_and_the_loser_is_kept(
    laptops: LaptopFactory,
) -> None:
    ingrid, jos = laptops("ingrid"), laptops("jos")
    request_id = intake(ingrid)
    ingrid.push()
    jos.pull()

    # Both edit the question offline; Jos's edit is the later one.
    _edit_question(ingrid, request_id, "Boodschappen en de tuin")
    _edit_question(jos, request_id, "Boodschappen, tuin en vervoer")
    jos_results = jos.push()
    ingrid_results = ingrid.push()

    def result_of_set(results: list, laptop: Laptop) -> OpResult:
        sets = [op.op_id for op in laptop.recorded() if op.kind is OpKind.SET]
        return {r.op_id: r.result for r in results}[sets[-1]]

    assert result_of_set(jos_results, jos) is OpResult.APPLIED
    assert result_of_set(ingrid_results, ingrid) is OpResult.LOST
    ingrid.pull()
    jos.pull()
    assert state(ingrid, request_id) == state(jos, request_id)
    assert state(ingrid, request_id)[3] == "Boodschappen, tuin en vervoer"
    # The owner (Ingrid) gets her losing value back for review, with both values.
    lost = [value for value in ingrid.losing_values if value.record_id == request_id]
    assert [(v.field, v.losing_value, v.winning_value) for v in lost] == [
        ("question", "Boodschappen en de tuin", "Boodschappen, tuin en vervoer")
    ]
    assert lost[0].losing_user_id == ingrid.user_id

    # The other way round: the earlier edit arrives first, the later one wins over it.
    _edit_question(ingrid, request_id, "Alleen vervoer")
    _edit_question(jos, request_id, "Vervoer naar het ziekenhuis")
    assert result_of_set(ingrid.push(), ingrid) is OpResult.APPLIED
    assert result_of_set(jos.push(), jos) is OpResult.APPLIED_OVER
    ingrid.pull()
    assert state(ingrid, request_id)[3] == "Vervoer naar het ziekenhuis"
    assert ("question", "Alleen vervoer") in {
        (v.field, v.losing_value) for v in ingrid.losing_values
    }


def test_edits_of_different_fields_and_own_edits_out_of_order_are_no_conflict(
    laptops: LaptopFactory,
) -> None:
    ingrid, jos = laptops("ingrid"), laptops("jos")
    request_id = intake(ingrid)
    ingrid.push()
    jos.pull()
    _edit_question(ingrid, request_id, "Hulp bij de administratie")
    jos.do(workflow.edit_request, request_id, life_domains=LifeDomain.FINANCES)
    assert OpResult.LOST not in {r.result for r in jos.push() + ingrid.push()}

    # Two edits of one field by one laptop, the later one arriving first.
    _edit_question(ingrid, request_id, "Eerste versie")
    _edit_question(ingrid, request_id, "Tweede versie")
    ops = [op for op in ingrid.unsent() if op.kind is OpKind.SET]
    assert {r.result for r in ingrid.push_ops([ops[-1], ops[0]])} == {OpResult.APPLIED}
    ingrid.mark_sent()
    jos.pull()
    assert state(jos, request_id)[3] == "Tweede versie"
    assert not [v for v in jos.losing_values if v.record_id == request_id]


def test_a_stale_step_is_rejected_with_its_reason_and_the_rest_applied(
    laptops: LaptopFactory,
) -> None:
    ingrid, jos = laptops("ingrid"), laptops("jos")
    request_id = intake(ingrid)
    ingrid.push()
    jos.pull()
    jos.do(workflow.close, request_id, outcome=Outcome.SOLVED)
    jos.push()

    # Offline, Ingrid escalates the request Jos closed meanwhile, then adds a follow-up.
    escalate(ingrid, request_id)
    ingrid.do(records.add_follow_up, request_id, description="Bellen", due_on=today())
    results = {r.op_id: r for r in ingrid.push()}
    ops = ingrid.recorded()
    steps = [op for op in ops if op.kind is OpKind.STEP]
    rejected = [results[op.op_id] for op in steps if op.op_id in results]
    assert all(r.result is OpResult.REJECTED for r in rejected)
    assert {r.reason for r in rejected} == {RejectReason.STALE}
    assert "closed" in rejected[-1].detail
    # The follow-up on a closed request is refused by the rule for closed requests; the
    # batch went on past both.
    follow_up_create = next(op for op in ops if op.entity == "follow_ups")
    assert results[follow_up_create.op_id].reason is RejectReason.CLOSED


def _op(laptop: Laptop, kind: OpKind, entity: str, record_id: uuid.UUID, payload: dict) -> Op:
    return Op(
        op_id=uuid.uuid4(),
        kind=kind,
        entity=entity,
        record_id=record_id,
        payload=payload,
        hlc=f"{1_000_000_000_000:015d}-000000-{laptop.device_id.hex}",
        user_id=laptop.user_id,
        device_id=laptop.device_id,
    )


def test_forged_ops_are_rejected_each_with_its_code(laptops: LaptopFactory) -> None:
    ingrid, anja = laptops("ingrid"), laptops("anja")
    own = intake(ingrid)
    ingrid.push()
    gemert = intake(anja, area="GEN", name="Pietersen")
    anja.push()
    create = next(op for op in ingrid.recorded() if op.entity == "help_requests")
    forged_request = {**create.payload, "id": None, "owner_id": str(anja.user_id)}
    new_id = uuid.uuid4()
    forged_request["id"] = str(new_id)
    forged_request["reference"] = "BAK-2026-XX-001"
    contact = {
        "id": None,
        "request_id": str(own),
        "kind": "phone",
        "contact_date": today().isoformat(),
        "minutes": 10,
        "summary": "Alleen voor professionals",
        "professionals_only": True,
        "author_id": str(ingrid.user_id),
    }
    contact_id = uuid.uuid4()
    contact["id"] = str(contact_id)

    def set_question(record: uuid.UUID, field: str = "question", value: object = "x") -> dict:
        return {"field": field, "value": value}

    rq = "help_requests"
    cases = {
        "level": _op(ingrid, OpKind.SET, rq, own, set_question(own, "level", "municipality")),
        "owner": _op(ingrid, OpKind.SET, rq, own, set_question(own, "owner_id", str(anja.user_id))),
        "unknown field": _op(ingrid, OpKind.SET, rq, own, set_question(own, "colour")),
        "unknown entity": _op(ingrid, OpKind.SET, "credentials", own, set_question(own, "hash")),
        "other area": _op(ingrid, OpKind.SET, rq, gemert, set_question(gemert)),
        "no such record": _op(ingrid, OpKind.SET, rq, uuid.uuid4(), set_question(own)),
        "forged owner": _op(ingrid, OpKind.CREATE, rq, new_id, forged_request),
        "professionals only": _op(ingrid, OpKind.CREATE, "contacts", contact_id, contact),
        "too long": _op(ingrid, OpKind.SET, rq, own, set_question(own, value="x" * 5000)),
        "another user": _op(ingrid, OpKind.SET, rq, own, set_question(own)).model_copy(
            update={"user_id": anja.user_id}
        ),
    }
    results = dict(zip(cases, ingrid.push_ops(list(cases.values())), strict=True))
    expected = {
        "level": RejectReason.FIELD_NOT_WRITABLE,
        "owner": RejectReason.FIELD_NOT_WRITABLE,
        "unknown field": RejectReason.UNKNOWN_FIELD,
        "unknown entity": RejectReason.UNKNOWN_ENTITY,
        "other area": RejectReason.NOT_FOUND,
        "no such record": RejectReason.NOT_FOUND,
        "forged owner": RejectReason.FIELD_NOT_WRITABLE,
        "professionals only": RejectReason.FORBIDDEN,
        "too long": RejectReason.INVALID,
        "another user": RejectReason.NOT_YOUR_IDENTITY,
    }
    assert {name: r.reason for name, r in results.items()} == expected
    assert all(r.result is OpResult.REJECTED for r in results.values())
    # A record of another village answers exactly as one that does not exist.
    hidden, missing = results["other area"], results["no such record"]
    assert (hidden.detail, hidden.field) == (missing.detail, missing.field)
    assert results["too long"].field == "question"
    ingrid.pull()
    assert state(ingrid, own)[0] is Level.VILLAGE


def test_pull_sends_each_user_only_what_their_role_and_areas_may_see(
    laptops: LaptopFactory,
) -> None:
    ingrid = laptops("ingrid")
    request_id = intake(ingrid, name="Matrix")
    ingrid.push()
    joyce, sanne, evelien, beheer, anja = (
        laptops(name) for name in ("joyce", "sanne", "evelien", "beheer", "anja")
    )
    for laptop in (joyce, sanne, evelien, anja):
        laptop.pull()
    # At village level: only the village's supporters.
    assert request_id not in joyce.held()["help_requests"]
    assert request_id not in evelien.held()["help_requests"]
    assert request_id not in anja.held()["help_requests"]

    escalate(ingrid, request_id)
    ingrid.push()
    joyce.pull()
    assert request_id in joyce.held()["help_requests"]
    joyce.do(workflow.pick_up, request_id)
    professional = joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(
            ContactKind.MEETING, today(), 30, "Overleg met de huisarts", professionals_only=True
        ),
    )
    joyce.push()
    ingrid.pull()
    sanne.pull()
    evelien.pull()
    assert request_id in ingrid.held()["help_requests"]
    assert professional not in ingrid.held()["contacts"]  # never to a supporter
    assert request_id not in sanne.held()["help_requests"]  # another team's area
    assert request_id not in evelien.held()["help_requests"]  # never reached the municipality

    # The administrator's laptop: references, owners, levels; no content.
    answer = beheer.http.post(
        "/sync/pull", json={"cursor": None, "limit": 5000}, headers=beheer.headers
    )
    projected = [c for c in answer.json()["changes"] if c["entity"] == "help_requests"]
    assert str(request_id) in {change["record_id"] for change in projected}
    for change in answer.json()["changes"]:
        if change["entity"] == "help_requests":
            assert set(change["values"]) <= {"reference", "area_id", "level", "status", "owner_id"}
        else:
            assert change["entity"] in {"areas", "district_teams", "users"}


def test_an_unknown_cursor_asks_for_a_new_snapshot_and_an_old_program_to_update(
    laptops: LaptopFactory,
) -> None:
    ingrid = laptops("ingrid")
    answer = ingrid.http.post(
        "/sync/pull", json={"cursor": "abc.12.0", "limit": 10}, headers=ingrid.headers
    )
    assert answer.status_code == 409
    assert answer.json()["error"] == "unknown_cursor"
    assert "snapshot" in answer.json()["message"]
    answer = ingrid.http.post(
        "/sync/push", json={"ops": [], "protocol_version": 99}, headers=ingrid.headers
    )
    assert answer.status_code == 426
    assert "update the program" in answer.json()["message"]


def test_without_a_token_nothing_is_pushed_or_pulled(server: Server) -> None:
    with httpx.Client(base_url=server.url) as http:
        assert http.post("/sync/pull", json={"cursor": None}).status_code == 401
        assert http.post("/sync/push", json={"ops": []}).status_code == 401


def test_a_deactivated_user_gets_nothing_more(
    laptops: LaptopFactory, make_user, server: Server
) -> None:
    account = make_user(Role.VILLAGE_SUPPORTER)
    laptop = laptops(account.username, account.password)
    laptop.pull()
    with server.transaction() as session:
        admin.set_active(session, account.username, False)
    answer = laptop.http.post("/sync/pull", json={"cursor": laptop.cursor}, headers=laptop.headers)
    assert answer.status_code == 401


def test_a_batch_too_large_is_refused_naming_what_and_each_push_and_pull_is_logged(
    laptops: LaptopFactory, server: Server
) -> None:
    ingrid = laptops("ingrid")
    intake(ingrid)
    op = ingrid.unsent()[0].model_dump(mode="json")
    answer = ingrid.http.post("/sync/push", json={"ops": [op] * 501}, headers=ingrid.headers)
    assert answer.status_code == 422
    assert answer.json()["details"][0]["location"] == "body.ops"
    huge = {**op, "payload": {**op["payload"], "question": "x" * 2_000_000}}
    answer = ingrid.http.post("/sync/push", json={"ops": [huge]}, headers=ingrid.headers)
    assert answer.status_code == 413

    ingrid.push()
    ingrid.pull()
    with server.transaction() as session:
        entries = session.execute(
            select(ServerAccessLogEntry.action, ServerAccessLogEntry.count).where(
                ServerAccessLogEntry.device_id == ingrid.device_id
            )
        ).all()
    actions = [entry.action for entry in entries]
    assert actions[0] == "push" and "pull" in actions
    assert entries[0].count == 3  # resident, request, its creation in the history


def test_a_contact_marked_and_unmarked_professionals_only_leaves_and_reaches_supporters(
    laptops: LaptopFactory,
) -> None:
    ingrid, joyce = laptops("ingrid"), laptops("joyce")
    request_id = intake(ingrid, name="Markering")
    escalate(ingrid, request_id)
    ingrid.push()
    joyce.pull()
    joyce.do(workflow.pick_up, request_id)
    summary = "Gesprek met de huisarts"
    contact_id = joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.MEETING, today(), 20, summary, professionals_only=True),
    )
    joyce.push()
    ingrid.pull()
    assert contact_id not in ingrid.held()["contacts"]

    unmarked = records.ContactInput(ContactKind.MEETING, today(), 20, summary)
    joyce.do(records.edit_contact, contact_id, unmarked)
    joyce.push()
    ingrid.pull()
    with ingrid.register.sessions() as session:
        assert session.get_one(Contact, contact_id).summary == summary

    marked = records.ContactInput(
        ContactKind.MEETING, today(), 20, summary, professionals_only=True
    )
    joyce.do(records.edit_contact, contact_id, marked)
    joyce.push()
    ingrid.pull()
    assert contact_id not in ingrid.held()["contacts"]
    assert not ingrid.set_aside


def test_a_clock_far_ahead_is_pulled_back_and_flagged_never_refused(
    laptops: LaptopFactory,
) -> None:
    ingrid = laptops("ingrid")
    request_id = intake(ingrid, name="Klok")
    ingrid.push()
    ahead = f"{4_000_000_000_000:015d}-000000-{ingrid.device_id.hex}"  # the year 2096
    op = _op(
        ingrid, OpKind.SET, "help_requests", request_id, {"field": "question", "value": "Later"}
    )
    [result] = ingrid.push_ops([op.model_copy(update={"hlc": ahead})])
    assert (result.result, result.clamped) == (OpResult.APPLIED, True)
    ingrid.pull()
    assert state(ingrid, request_id)[3] == "Later"


def test_the_owner_sees_a_colleagues_rejected_change_with_its_reason(
    laptops: LaptopFactory,
) -> None:
    ingrid, jos = laptops("ingrid"), laptops("jos")
    request_id = intake(ingrid, name="Afgewezen")
    ingrid.push()
    jos.pull()
    ingrid.do(workflow.close, request_id, outcome=Outcome.SOLVED)
    ingrid.push()
    _edit_question(jos, request_id, "Toch nog iets")  # offline, on the open request
    results = jos.push()
    assert {r.reason for r in results} == {RejectReason.CLOSED}

    ingrid.pull()
    seen = [r for r in ingrid.rejected_for_me if r.request_id == request_id]
    assert {(r.user_id, r.reason) for r in seen} == {(jos.user_id, RejectReason.CLOSED)}
    assert {r.op_id for r in seen} == {r.op_id for r in results}
    ingrid.pull()
    assert len([r for r in ingrid.rejected_for_me if r.request_id == request_id]) == len(seen)
    # Jos's copy is back at the server's state: closed, with the old question; only his
    # own refused history entry stays on his laptop, to be shown to him.
    jos.pull()
    assert state(jos, request_id)[:6] == state(ingrid, request_id)[:6]
    refused = {r.record_id for r in seen if r.entity == "history_events"}
    assert state(jos, request_id)[6] - state(ingrid, request_id)[6] == refused
