"""Change capture (D2): every write records its outbox ops in the same transaction."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from dorpsondersteuner.clock import today
from dorpsondersteuner.errors import ConflictError
from dorpsondersteuner.models import (
    Contact,
    DeviceState,
    FieldVersion,
    HelpRequest,
    HistoryEvent,
    OpKind,
    OutboxOp,
)
from dorpsondersteuner.models.enums import ContactKind, Level, Outcome, Urgency
from dorpsondersteuner.register import Register
from dorpsondersteuner.services import records, search, workflow
from dorpsondersteuner.services.changes import collected_changes
from dorpsondersteuner.sync import PROTOCOL_VERSION
from dorpsondersteuner.sync.hlc import HLC

from .conftest import user_id


def ops(town: Register, after: int = 0) -> list[OutboxOp]:
    with town.sessions() as session:
        return list(
            session.scalars(
                select(OutboxOp).where(OutboxOp.position > after).order_by(OutboxOp.position)
            )
        )


def last_position(town: Register) -> int:
    with town.sessions() as session:
        return session.scalar(select(func.max(OutboxOp.position))) or 0


def test_intake_records_creates_for_resident_request_and_history(town, intake):
    request_id = intake()
    recorded = ops(town)
    assert [(op.kind, op.entity) for op in recorded] == [
        (OpKind.CREATE, "residents"),
        (OpKind.CREATE, "help_requests"),
        (OpKind.CREATE, "history_events"),
    ]
    request_op = recorded[1]
    assert request_op.record_id == request_id
    assert request_op.payload["question"].startswith("Kan niet meer")
    assert request_op.payload["level"] == "village"
    assert request_op.base_version is None
    with town.sessions() as session:
        device = session.scalars(select(DeviceState)).one()
    for op in recorded:
        assert op.user_id == user_id("ingrid")
        assert op.device_id == device.device_id
        assert op.protocol_version == PROTOCOL_VERSION
    clocks = [HLC.decode(op.hlc) for op in recorded]
    assert clocks == sorted(clocks) and len(set(clocks)) == len(clocks)


def test_set_ops_carry_the_version_last_seen_of_their_field(town, people, intake):
    request_id = intake()
    with town.transaction() as session:  # as if a sync had seen these versions
        session.add(
            FieldVersion(entity="help_requests", record_id=request_id, field="urgency", version=41)
        )
        session.add(
            FieldVersion(entity="help_requests", record_id=request_id, field="status", version=57)
        )
    start = last_position(town)
    with town.transaction() as session:
        workflow.edit_request(
            session, people["ingrid"], request_id, urgency=Urgency.HIGH, question="Nieuw"
        )
    edits = [op for op in ops(town, start) if op.kind is OpKind.SET]
    assert {op.payload["field"]: (op.payload["value"], op.base_version) for op in edits} == {
        "urgency": ("high", 41),
        "question": ("Nieuw", None),  # never synced: no base version
    }

    start = last_position(town)
    with town.transaction() as session:
        workflow.close(
            session, people["ingrid"], request_id, outcome=Outcome.SOLVED, note="Buurman helpt"
        )
    (step,) = ops(town, start)
    assert step.kind is OpKind.STEP and step.base_version == 57
    assert step.payload["step"] == "close"
    assert step.payload["expect"] == {"level": "village", "status": "open"}
    assert step.payload["outcome"] == "solved" and step.payload["reason"] == "Buurman helpt"
    with town.sessions() as session:  # the step's history event travels inside the step
        event = session.get_one(HistoryEvent, uuid.UUID(step.payload["event_id"]))
    assert event.reason == "Buurman helpt"


@pytest.mark.parametrize(
    ("step", "kwargs"),
    [
        (workflow.give_consent, {"scope": Level.DISTRICT_TEAM, "given_on": None}),
        (workflow.withdraw_consent, {"withdrawn_on": None}),
        (workflow.set_waiting, {"waiting": True}),
        (workflow.escalate, {"reason": "Acuut", "acute": True}),
        (workflow.close, {"outcome": Outcome.NO_HELP_NEEDED}),
    ],
)
def test_every_workflow_step_is_one_step_op(town, people, intake, step, kwargs):
    request_id = intake()
    kwargs = {key: (today() if value is None else value) for key, value in kwargs.items()}
    start = last_position(town)
    with town.transaction() as session:
        step(session, people["ingrid"], request_id, **kwargs)
    recorded = ops(town, start)
    assert [(op.kind, op.record_id) for op in recorded] == [(OpKind.STEP, request_id)]


def test_reassignment_is_a_step_too(town, people, intake):
    request_id = intake()
    with town.sessions() as session:
        reference = session.get_one(HelpRequest, request_id).reference
    start = last_position(town)
    with town.transaction() as session:
        workflow.reassign(session, people["beheer"], reference, new_owner_id=user_id("jos"))
    (op,) = ops(town, start)
    assert (op.kind, op.payload["step"], op.payload["new_owner_id"]) == (
        OpKind.STEP,
        "reassign",
        str(user_id("jos")),
    )
    assert op.user_id == user_id("beheer")


def test_contacts_are_created_edited_and_tombstoned(town, people, intake):
    request_id = intake()
    start = last_position(town)
    contact_input = records.ContactInput(ContactKind.HOME_VISIT, today(), 50, "Keukentafelgesprek")
    with town.transaction() as session:
        contact_id = records.add_contact(session, people["ingrid"], request_id, contact_input)
    with town.transaction() as session:
        session.add(
            FieldVersion(entity="contacts", record_id=contact_id, field="minutes", version=9)
        )
    with town.transaction() as session:
        records.edit_contact(
            session,
            people["ingrid"],
            contact_id,
            records.ContactInput(ContactKind.HOME_VISIT, today(), 60, "Keukentafelgesprek"),
        )
    with town.transaction() as session:
        records.delete_contact(session, people["ingrid"], contact_id)
    contact_ops = [(op.kind, op.base_version) for op in ops(town, start) if op.entity == "contacts"]
    assert contact_ops == [(OpKind.CREATE, None), (OpKind.SET, 9), (OpKind.TOMBSTONE, 9)]
    with town.sessions() as session:
        assert session.get_one(Contact, contact_id).deleted_at is not None


def test_a_failing_write_leaves_neither_data_nor_ops(town, people, intake, monkeypatch):
    request_id = intake()
    before_ops = last_position(town)
    with town.sessions() as session:
        updated_before = session.get_one(HelpRequest, request_id).updated_at

    def broken_index(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(search, "index_contact", broken_index)
    with pytest.raises(RuntimeError), town.transaction() as session:
        records.add_contact(
            session,
            people["ingrid"],
            request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Gebeld"),
        )
    assert last_position(town) == before_ops
    with town.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0
        request = session.get_one(HelpRequest, request_id)
        assert len(session.scalars(select(HistoryEvent)).all()) == 1
        assert request.updated_at == updated_before


def test_a_refused_step_records_nothing(town, people, intake):
    request_id = intake()
    start = last_position(town)
    with pytest.raises(ConflictError), town.transaction() as session:
        workflow.escalate(session, people["ingrid"], request_id, reason="Geen toestemming")
    assert ops(town, start) == []


def test_writes_report_what_they_changed(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        records.add_follow_up(
            session, people["ingrid"], request_id, description="Terugbellen", due_on=today()
        )
        changes = collected_changes(session)
    assert changes.entities == {"follow_ups", "help_requests", "history_events"}
    assert request_id in changes.record_ids
