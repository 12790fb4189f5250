"""The wire format (rule 10): what the laptop records is what the protocol accepts, and
within one version anything unknown is refused."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import OpKind, OutboxOp
from dorpsondersteuner.models.enums import Level, Outcome
from dorpsondersteuner.register import Register
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.sync.protocol import Change, Op, PullPage


def wire(op: OutboxOp) -> dict[str, Any]:
    return {
        "op_id": str(op.op_id),
        "kind": op.kind.value,
        "entity": op.entity,
        "record_id": str(op.record_id),
        "payload": op.payload,
        "base_version": op.base_version,
        "hlc": op.hlc,
        "user_id": str(op.user_id),
        "device_id": str(op.device_id),
        "protocol_version": op.protocol_version,
    }


def recorded_ops(town: Register) -> list[dict[str, Any]]:
    with town.sessions() as session:
        return [wire(op) for op in session.scalars(select(OutboxOp).order_by(OutboxOp.position))]


def test_every_kind_the_laptop_records_is_accepted(town: Register, people, intake) -> None:
    ingrid = people["ingrid"]
    request_id = intake()
    with town.transaction() as session:
        workflow.edit_request(session, ingrid, request_id, question="Hulp bij de tuin")
        contact_id = records.add_contact(
            session,
            ingrid,
            request_id,
            records.ContactInput(records.ContactKind.PHONE, today(), 10, "Gebeld"),
        )
        records.delete_contact(session, ingrid, contact_id)
        workflow.close(session, ingrid, request_id, outcome=Outcome.SOLVED, note="Klaar")
        workflow.reopen(session, ingrid, request_id, reason="Toch niet")
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.withdraw_consent(session, ingrid, request_id, withdrawn_on=today())
    ops = [Op.model_validate(op).checked() for op in recorded_ops(town)]
    assert {op.kind for op in ops} == {OpKind.CREATE, OpKind.SET, OpKind.TOMBSTONE, OpKind.STEP}
    steps = [op.step().step for op in ops if op.kind is OpKind.STEP]
    assert steps == [
        workflow.Step.CLOSE,
        workflow.Step.REOPEN,
        workflow.Step.GIVE_CONSENT,
        workflow.Step.WITHDRAW_CONSENT,
    ]
    assert Op.model_validate_json(ops[0].model_dump_json()) == ops[0]  # survives the wire


@pytest.mark.parametrize(
    "change",
    [
        lambda op: {**op, "colour": "red"},  # an unknown field
        lambda op: {**op, "kind": "upsert"},  # an unknown kind
        lambda op: {**op, "kind": "set", "payload": {"field": "question"}},  # no value
        lambda op: {**op, "kind": "tombstone", "payload": {"deleted_at": "2026-01-01"}},
        lambda op: {**op, "kind": "step", "payload": {"step": "fly", "expect": {}}},
        lambda op: {**op, "protocol_version": 0},
    ],
)
def test_anything_unknown_or_misshapen_is_refused(town: Register, intake, change) -> None:
    intake()
    first = recorded_ops(town)[0]
    Op.model_validate(first)
    with pytest.raises(ValidationError):
        Op.model_validate(change(first)).checked()


def test_a_step_payload_refuses_unknown_fields(town: Register, people, intake) -> None:
    request_id = intake()
    with town.transaction() as session:
        workflow.set_waiting(session, people["ingrid"], request_id, waiting=True)
    step = recorded_ops(town)[-1]
    assert step["kind"] == "step"
    Op.model_validate(step)
    with pytest.raises(ValidationError):
        Op.model_validate({**step, "payload": {**step["payload"], "owner_id": None}}).checked()


def test_a_change_page_is_strict_too() -> None:
    change = {
        "seq": 1,
        "kind": "create",
        "entity": "contacts",
        "record_id": str(uuid.uuid4()),
        "values": {"summary": "Gebeld"},
    }
    page = PullPage.model_validate({"changes": [change], "cursor": "c1"})
    assert page.changes == [Change.model_validate(change)]
    with pytest.raises(ValidationError):
        PullPage.model_validate({"changes": [{**change, "extra": 1}], "cursor": "c1"})
    with pytest.raises(ValidationError):
        Change.model_validate({**change, "seq": 0})
