"""The sync wire format, once, for the server and the laptop (ARCHITECTURE rule 10).

Two directions:

- An ``Op`` goes up (push): one change as the laptop recorded it in its outbox (D2),
  with what the user asked for; a workflow step carries the step and its input, never
  its effect: the server derives the effect against its own state (D15).
- A ``Change`` comes down (pull): the *resulting* field values of one record as the
  server's change log holds them, with the sequence number that is their version
  (D3). The laptop writes those values as they are; it never re-derives them.

Within one protocol version the schema is strict: an unknown field is an error, and a
new field means a new version.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..models import OpKind
from ..models.enums import Level, Outcome, Status
from ..services.workflow import Step
from . import PROTOCOL_VERSION

MAX_TEXT = 20_000  # characters of one field value; an op beyond it is refused


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Expect(Strict):
    """The state a step was taken on: the server refuses it when the request moved on."""

    level: Level
    status: Status


class StepPayload(Strict):
    """A workflow step as the user took it: which step, on what state, and its input.

    ``reason`` is the step's text: the reason, an acute justification, hand-back advice,
    a closing note. ``on`` is the day of consent given or withdrawn.
    """

    step: Step
    expect: Expect
    event_id: uuid.UUID
    at: datetime
    reason: str = Field(default="", max_length=MAX_TEXT)
    outcome: Outcome | None = None
    scope: Level | None = None
    on: date | None = None
    new_owner_id: uuid.UUID | None = None


class SetPayload(Strict):
    """One field's new value, as JSON (``services.changes.to_wire``)."""

    field: str = Field(max_length=64)
    value: Any


class Op(Strict):
    """One outbox op (D2)."""

    op_id: uuid.UUID
    kind: OpKind
    entity: str = Field(max_length=32)
    record_id: uuid.UUID
    payload: dict[str, Any]
    base_version: int | None = Field(default=None, ge=0)
    hlc: str = Field(max_length=64)
    user_id: uuid.UUID
    device_id: uuid.UUID
    protocol_version: int = Field(default=PROTOCOL_VERSION, ge=1)

    @model_validator(mode="after")
    def _payload_fits_kind(self) -> Op:
        if self.kind is OpKind.STEP:
            StepPayload.model_validate(self.payload)
        elif self.kind is OpKind.SET:
            SetPayload.model_validate(self.payload)
        elif self.kind in (OpKind.TOMBSTONE, OpKind.ANONYMISE) and self.payload:
            raise ValueError(f"a {self.kind.value} op carries no payload")
        return self

    def step(self) -> StepPayload:
        return StepPayload.model_validate(self.payload)


class Change(Strict):
    """The resulting values of one record after a change the server accepted.

    ``kind`` ``create`` carries the whole record; ``update`` only the fields that
    changed (a tombstone is an update of ``deleted_at``). ``hlc`` is the clock value of
    the op that caused it, which the laptop's clock receives (D3).
    """

    seq: int = Field(ge=1)
    kind: Literal["create", "update"]
    entity: str = Field(max_length=32)
    record_id: uuid.UUID
    values: dict[str, Any]
    hlc: str | None = Field(default=None, max_length=64)


class ChangePage(Strict):
    """One page of a pull, in sequence order, with the cursor after it."""

    changes: list[Change]
    cursor: int = Field(ge=0)
    more: bool = False
