"""One way to apply a change, wherever it is recorded (D15): the laptop's own changes go
to its outbox, the server takes the same steps on its own state and keeps the resulting
values, and another laptop writes those values as they are: no op, no echo, the search
index and the views in step."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import install_directory
from dorpsondersteuner.errors import ConflictError
from dorpsondersteuner.models import (
    AccessLogEntry,
    FieldVersion,
    HelpRequest,
    HistoryEvent,
    OpKind,
    OutboxOp,
)
from dorpsondersteuner.models.base import Base
from dorpsondersteuner.models.enums import EventKind, Level, Status
from dorpsondersteuner.register import Register, open_register
from dorpsondersteuner.server.db import make_engine, upgrade
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.access import Principal, load_principal
from dorpsondersteuner.services.changes import (
    ChangeRecorder,
    ResultSink,
    from_wire,
    record_changes_in,
)
from dorpsondersteuner.services.search import matching_request_ids
from dorpsondersteuner.sync.apply import apply_changes
from dorpsondersteuner.sync.protocol import Change, Op

from ..core.conftest import TOWN_KEY, IntakeFactory, add_device, user_id

MODELS = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


class Server:
    """The server's side of a push as far as the domain goes: a create is written as
    it came, a step is taken again on the server's own state (``refusal()`` and the
    effect derived there), and every change is kept as its resulting values with a
    sequence number. Access checks of pushed fields and the change log's table come
    with the sync endpoints."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.changes: list[Change] = []

    def push(self, ops: list[Op]) -> None:
        for op in ops:
            sink = ResultSink(op.device_id)
            with self.sessions.begin() as session, record_changes_in(session, sink):
                self._apply(session, load_principal(session, op.user_id), op)
            for result in sink.changes:
                self.changes.append(
                    Change(
                        seq=len(self.changes) + 1,
                        kind=result.kind,  # type: ignore[arg-type]
                        entity=result.entity,
                        record_id=result.record_id,
                        values=result.values,
                        hlc=op.hlc,
                    )
                )

    def _apply(self, session: Session, principal: Principal, op: Op) -> None:
        model = MODELS[op.entity]
        recorder = ChangeRecorder(session, principal)
        if op.kind is OpKind.CREATE:
            values = {name: from_wire(model, name, value) for name, value in op.payload.items()}
            recorder.create(model(**values))
        elif op.kind is OpKind.SET:
            record = session.get_one(model, op.record_id)
            field = op.payload["field"]
            recorder.set(record, field, from_wire(model, field, op.payload["value"]))
        elif op.kind is OpKind.TOMBSTONE:
            recorder.tombstone(session.get_one(model, op.record_id), workflow.now_utc())
        elif op.kind is OpKind.STEP:
            step = op.step()
            ask = workflow.StepInput(
                step.step, step.reason, step.outcome, step.scope, step.on, step.new_owner_id
            )
            workflow.take_step(
                session, principal, op.record_id, ask, event_id=step.event_id, at=step.at
            )

    def since(self, seq: int) -> list[Change]:
        return [change for change in self.changes if change.seq > seq]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A real server database (its own schema, no laptop tables) with the directory."""
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        install_directory(session)
    yield Server(sessions)
    engine.dispose()


@pytest.fixture
def laptop_b(tmp_path: Path, town_template: Path) -> Iterator[Register]:
    """Ruud's laptop (Wijkteam Bakel), holding nothing yet but the directory."""
    shutil.copyfile(town_template, tmp_path / "b.db")
    register = open_register(tmp_path / "b.db", TOWN_KEY)
    add_device(register, "T2")
    yield register
    register.close()


def outbox(register: Register, after: int = 0) -> list[Op]:
    with register.sessions() as session:
        return [
            Op.model_validate(
                {
                    "op_id": op.op_id,
                    "kind": op.kind,
                    "entity": op.entity,
                    "record_id": op.record_id,
                    "payload": op.payload,
                    "base_version": op.base_version,
                    "hlc": op.hlc,
                    "user_id": op.user_id,
                    "device_id": op.device_id,
                    "protocol_version": op.protocol_version,
                }
            )
            for op in session.scalars(
                select(OutboxOp).where(OutboxOp.position > after).order_by(OutboxOp.position)
            )
        ]


def last_position(register: Register) -> int:
    with register.sessions() as session:
        return session.scalar(select(func.max(OutboxOp.position))) or 0


def pull(register: Register, username: str, changes: list[Change]) -> Any:
    with register.transaction() as session:
        return apply_changes(session, load_principal(session, user_id(username)), changes)


def escalated_request(town: Register, people: dict[str, Principal], intake: IntakeFactory):
    request_id = intake()
    with town.transaction() as session:
        workflow.give_consent(
            session, people["ingrid"], request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, people["ingrid"], request_id, reason="Te zwaar voor de buren")
    return request_id


def test_a_pulled_change_is_applied_without_an_op(
    town: Register, people, intake, server: Server, laptop_b: Register
) -> None:
    request_id = escalated_request(town, people, intake)
    ops = outbox(town)
    assert [op.kind for op in ops][-2:] == [OpKind.STEP, OpKind.STEP]
    server.push(ops)

    batch = pull(laptop_b, "ruud", server.since(0))

    assert batch.applied == len(server.changes) and not batch.set_aside
    assert batch.changes.touches("help_requests") and request_id in batch.changes.record_ids
    with laptop_b.sessions() as session:
        request = session.get_one(HelpRequest, request_id)
        assert (request.level, request.status, request.owner_id) == (
            Level.DISTRICT_TEAM,
            Status.OPEN,
            None,
        )
        assert request.highest_level is Level.DISTRICT_TEAM
        assert request.contact_person_id == user_id("ingrid")
        kinds = session.scalars(
            select(HistoryEvent.kind).where(HistoryEvent.request_id == request_id)
        ).all()
        assert set(kinds) == {EventKind.CREATED, EventKind.CONSENT_GIVEN, EventKind.ESCALATED}
        assert session.scalar(select(func.count()).select_from(OutboxOp)) == 0  # no echo
        level_version = session.scalar(
            select(FieldVersion.version).where(
                FieldVersion.record_id == request_id, FieldVersion.field == "level"
            )
        )
        assert level_version == max(
            change.seq
            for change in server.changes
            if change.record_id == request_id and "level" in change.values
        )
        found = session.scalars(matching_request_ids(people["ruud"], "Jansen")).all()
        assert found == [request_id]  # the search index came along
        received = session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.action == "receive")
        ).all()
        assert [(entry.count, entry.user_id) for entry in received] == [
            (batch.applied, user_id("ruud"))
        ]


def test_laptop_and_server_derive_the_same_step_effects(
    town: Register, people, intake, server: Server, laptop_b: Register
) -> None:
    request_id = escalated_request(town, people, intake)
    server.push(outbox(town))
    pull(laptop_b, "ruud", server.since(0))
    with laptop_b.transaction() as session:  # Ruud picks it up and closes it
        ruud = load_principal(session, user_id("ruud"))
        workflow.pick_up(session, ruud, request_id)
        workflow.close(session, ruud, request_id, outcome=workflow.Outcome.SOLVED, note="Klaar")
        local = session.get_one(HelpRequest, request_id)
        on_laptop = (local.status, local.closed_level, local.owner_id, local.outcome_note)
    steps = outbox(laptop_b)
    assert all(op.kind is OpKind.STEP for op in steps)
    for op in steps:  # a step travels as what was asked, never as its effect
        assert not {"owner_id", "level", "status", "closed_level"} & set(op.payload) - {"expect"}
    seen = len(server.changes)
    server.push(steps)

    pull(town, "ingrid", server.since(0))
    with town.sessions() as session:
        there = session.get_one(HelpRequest, request_id)
        assert (there.status, there.closed_level, there.owner_id, there.outcome_note) == on_laptop
        assert on_laptop == (Status.CLOSED, Level.DISTRICT_TEAM, user_id("ruud"), "Klaar")
        assert session.scalar(
            select(func.count()).select_from(OutboxOp).where(OutboxOp.position > 0)
        ) == len(outbox(town))  # applying added no op to Ingrid's outbox
    assert len(server.since(seen)) == 4  # two steps: the request's values and an event each


def test_the_server_checks_a_step_against_its_own_state(
    town: Register, people, intake, server: Server, laptop_b: Register
) -> None:
    """Two district-team members pick up the same request offline: the server takes
    the first and refuses the second, as the rules say (rule 6)."""
    request_id = escalated_request(town, people, intake)
    server.push(outbox(town))
    pull(laptop_b, "ruud", server.since(0))
    with town.transaction() as session:  # the same changes on a laptop of Joyce's
        apply_changes(session, people["joyce"], server.since(0))
        workflow.pick_up(session, people["joyce"], request_id)
    joyce_ops = outbox(town, after=last_position(town) - 1)
    with laptop_b.transaction() as session:
        workflow.pick_up(session, load_principal(session, user_id("ruud")), request_id)

    server.push(outbox(laptop_b))
    with pytest.raises(ConflictError) as refused:
        server.push(joyce_ops)
    assert refused.value.code is workflow.Refusal.ALREADY_OWNED
    with server.sessions() as session:
        assert session.get_one(HelpRequest, request_id).owner_id == user_id("ruud")


def test_edits_and_deletes_keep_the_search_index_in_step(
    town: Register, people, intake, server: Server, laptop_b: Register
) -> None:
    request_id = escalated_request(town, people, intake)
    with town.transaction() as session:
        contact_id = records.add_contact(
            session,
            people["ingrid"],
            request_id,
            records.ContactInput(
                kind=records.ContactKind.HOME_VISIT,
                contact_date=today() - timedelta(days=1),
                minutes=30,
                summary="Gesprek over de mantelzorg van de buurvrouw",
            ),
        )
    server.push(outbox(town))
    pull(laptop_b, "ruud", server.since(0))
    ruud = people["ruud"]
    with laptop_b.sessions() as session:
        assert session.scalars(matching_request_ids(ruud, "mantelzorg")).all() == [request_id]

    start = last_position(town)
    with town.transaction() as session:
        workflow.edit_request(session, people["ingrid"], request_id, question="Hulp bij tuinwerk")
        records.delete_contact(session, people["ingrid"], contact_id)
    seen = len(server.changes)
    server.push(outbox(town, after=start))
    batch = pull(laptop_b, "ruud", server.since(seen))

    assert batch.changes.touches("contacts") and contact_id in batch.changes.record_ids
    with laptop_b.sessions() as session:
        assert session.scalars(matching_request_ids(ruud, "tuinwerk")).all() == [request_id]
        assert session.scalars(matching_request_ids(ruud, "boodschappen")).all() == []
        assert session.scalars(matching_request_ids(ruud, "mantelzorg")).all() == []


def test_a_change_that_cannot_be_placed_is_set_aside_and_the_rest_applied(
    town: Register, people, intake, server: Server, laptop_b: Register
) -> None:
    escalated_request(town, people, intake)
    server.push(outbox(town))
    good = server.since(0)
    top = good[-1].seq
    odd = [
        Change(
            seq=top + 1, kind="create", entity="unknown_things", record_id=uuid.uuid4(), values={}
        ),
        Change(
            seq=top + 2,
            kind="update",
            entity="help_requests",
            record_id=uuid.uuid4(),
            values={"question": "?"},
        ),
        Change(
            seq=top + 3,
            kind="update",
            entity="help_requests",
            record_id=good[0].record_id,
            values={"no_such_field": 1},
        ),
    ]
    batch = pull(laptop_b, "ruud", [*odd, *good])
    assert [seq for seq, _ in batch.set_aside] == [top + 1, top + 2, top + 3]
    assert batch.applied == len(good)


def test_the_own_change_coming_back_moves_its_version_and_adds_no_op(
    town: Register, people, intake, server: Server
) -> None:
    request_id = intake()
    server.push(outbox(town))
    before = last_position(town)
    pull(town, "ingrid", server.since(0))
    assert last_position(town) == before  # no echo
    start = last_position(town)
    with town.transaction() as session:
        workflow.edit_request(session, people["ingrid"], request_id, question="Nu met de tuin")
    (edit,) = [op for op in outbox(town, after=start) if op.kind is OpKind.SET]
    created = next(change for change in server.changes if change.record_id == request_id)
    assert edit.base_version == created.seq  # the base the server will compare against
