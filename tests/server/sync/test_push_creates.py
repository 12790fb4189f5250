"""Creates in a pushed batch: the server checks all of a batch's new ids at once and
writes the new records together, yet each create still answers as it would alone — an
id taken (on the server, or earlier in the same batch) is refused as existing, and a
record created and edited in one batch arrives edited and with the values its fields
default to."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from dorpsondersteuner.clock import now_ms, today
from dorpsondersteuner.models import Contact, HistoryEvent, OpKind
from dorpsondersteuner.sync.hlc import HLC
from dorpsondersteuner.sync.protocol import Op, OpResult, RejectReason

from .conftest import Laptop, LaptopFactory
from .test_push_pull import intake

_COUNTER = itertools.count(1)


def _op(
    laptop: Laptop, kind: OpKind, entity: str, record_id: uuid.UUID, payload: dict[str, Any]
) -> Op:
    return Op(
        op_id=uuid.uuid4(),
        kind=kind,
        entity=entity,
        record_id=record_id,
        payload=payload,
        hlc=HLC(now_ms(), next(_COUNTER), laptop.device_id).encode(),
        user_id=laptop.user_id,
        device_id=laptop.device_id,
    )


def _contact(laptop: Laptop, request_id: uuid.UUID, contact_id: uuid.UUID) -> dict[str, Any]:
    """A contact as a laptop might send it, leaving out the fields with a default."""
    return {
        "id": str(contact_id),
        "request_id": str(request_id),
        "kind": "phone",
        "contact_date": today().isoformat(),
        "minutes": 10,
        "author_id": str(laptop.user_id),
    }


def _event(laptop: Laptop, request_id: uuid.UUID, event_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": str(event_id),
        "request_id": str(request_id),
        "at": datetime.now(UTC).isoformat(),
        "actor_id": str(laptop.user_id),
        "device_id": str(laptop.device_id),
        "kind": "contact_added",
        "details": {},
    }


def test_an_id_taken_on_the_server_or_earlier_in_the_batch_is_refused_as_existing(
    laptops: LaptopFactory,
) -> None:
    ingrid, jos = laptops("ingrid"), laptops("jos")
    request_id = intake(ingrid)
    ingrid.push()
    jos.pull()
    recorded_event = next(op for op in ingrid.recorded() if op.entity == "history_events")
    contact_id, step_event = uuid.uuid4(), uuid.uuid4()
    step = {
        "step": "wait",
        "expect": {"level": "village", "status": "open"},
        "event_id": str(step_event),
        "at": datetime.now(UTC).isoformat(),
        "reason": "",
        "outcome": None,
        "scope": None,
        "on": None,
        "new_owner_id": None,
    }
    cases = {
        "new": _op(
            ingrid, OpKind.CREATE, "contacts", contact_id, _contact(ingrid, request_id, contact_id)
        ),
        "edited after": _op(
            ingrid, OpKind.SET, "contacts", contact_id, {"field": "minutes", "value": 45}
        ),
        "again": _op(
            ingrid, OpKind.CREATE, "contacts", contact_id, _contact(ingrid, request_id, contact_id)
        ),
        "on the server": _op(
            ingrid,
            OpKind.CREATE,
            "history_events",
            recorded_event.record_id,
            _event(ingrid, request_id, recorded_event.record_id),
        ),
        "step": _op(ingrid, OpKind.STEP, "help_requests", request_id, step),
        "the step's event": _op(
            ingrid,
            OpKind.CREATE,
            "history_events",
            step_event,
            _event(ingrid, request_id, step_event),
        ),
    }
    results = dict(zip(cases, ingrid.push_ops(list(cases.values())), strict=True))
    assert {name: (r.result, r.reason) for name, r in results.items()} == {
        "new": (OpResult.APPLIED, None),
        "edited after": (OpResult.APPLIED, None),
        "again": (OpResult.REJECTED, RejectReason.EXISTS),
        "on the server": (OpResult.REJECTED, RejectReason.EXISTS),
        "step": (OpResult.APPLIED, None),
        "the step's event": (OpResult.REJECTED, RejectReason.EXISTS),
    }

    # A colleague who holds the request gets the new contact with the values its
    # fields default to, then the edit, and the step's event as the step made it.
    page = jos.pull_page()
    created = next(c for c in page.changes if c.record_id == contact_id and c.kind == "create")
    assert (created.values["summary"], created.values["professionals_only"]) == ("", False)
    jos.apply(page)
    jos.pull()
    with jos.register.sessions() as session:
        contact = session.get_one(Contact, contact_id)
        assert (contact.minutes, contact.summary, contact.professionals_only) == (45, "", False)
        kinds = session.scalars(select(HistoryEvent.kind).where(HistoryEvent.id == step_event))
        assert [kind.value for kind in kinds] == ["status_changed"]
