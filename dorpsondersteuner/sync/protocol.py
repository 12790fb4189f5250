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
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
)

from ..models import OpKind
from ..models.enums import Level, Outcome, Status
from ..services.workflow import Step
from . import PROTOCOL_VERSION

MAX_TEXT = 20_000  # characters of one field value; an op beyond it is refused


def _number_only(cls: type, value: Any) -> Any:
    """JSON's integers, also written as 2.0; never true, false or "2" (the schema says
    integer, and pydantic would take those)."""
    if value is None:
        return value  # where the field may be empty; else refused as a missing number
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number")
    return value


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

    _numbers = field_validator("base_version", "protocol_version", mode="before")(_number_only)

    def checked(self) -> Op:
        """This op, when its payload fits its kind; else pydantic's ValidationError.

        Not a validator of the envelope: a push takes a batch whose ops are checked one
        by one, so one misshapen op is rejected on its own and never blocks the rest
        (rule 8).
        """
        if self.kind is OpKind.STEP:
            StepPayload.model_validate(self.payload)
        elif self.kind is OpKind.SET:
            SetPayload.model_validate(self.payload)
        elif self.kind in (OpKind.TOMBSTONE, OpKind.ANONYMISE) and self.payload:
            raise ValidationError.from_exception_data(
                "Op",
                [
                    {
                        "type": "value_error",
                        "loc": ("payload",),
                        "input": self.payload,
                        "ctx": {"error": f"a {self.kind.value} op carries no payload"},
                    }
                ],
            )
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
    # A record sent whole (move-in, sent again) carries each field's own version, as the
    # server's field stamps hold it; without it every field's version is ``seq``.
    versions: dict[str, StrictInt] | None = None


# --- Push ------------------------------------------------------------------------------

MAX_OPS_PER_PUSH = 500


class OpResult(StrEnum):
    """What the server did with one pushed op."""

    APPLIED = "applied"
    # Applied; another device's concurrent value of the same field lost by HLC and is
    # kept for the request's owner to review.
    APPLIED_OVER = "applied_over"
    # Not applied: a concurrent value won by HLC; this op's value is kept for review.
    LOST = "lost"
    REJECTED = "rejected"


class RejectReason(StrEnum):
    """Why an op was rejected: stable codes the laptop explains in plain words."""

    NOT_FOUND = "not_found"  # no such record, or one this user may not see
    FORBIDDEN = "forbidden"  # the role may not make this change or step
    STALE = "stale"  # a step taken on a level or status the request has left
    REFUSED = "refused"  # the step's rule refuses it now (``detail`` names the rule)
    ANONYMISED = "anonymised"  # the record was anonymised or erased (D9)
    CLOSED = "closed"  # a closed request is reopened before it changes
    FIELD_NOT_WRITABLE = "field_not_writable"  # changes only through steps, or not at all
    UNKNOWN_ENTITY = "unknown_entity"
    UNKNOWN_FIELD = "unknown_field"
    INVALID = "invalid"  # a value that breaks a rule (``field`` names it)
    EXISTS = "exists"  # a create of a record that exists already
    NOT_YOUR_IDENTITY = "not_your_identity"  # user or device differ from the token's
    UNSUPPORTED = "unsupported"  # a kind of op the server does not take from laptops
    PROTOCOL_VERSION = "protocol_version"


def _version_field() -> Any:
    """The program's protocol version. The schema names the versions this program
    serves; a server answers one outside them with 426 (update the program), not 422."""
    return Field(
        default=PROTOCOL_VERSION,
        ge=1,
        json_schema_extra={"maximum": PROTOCOL_VERSION},
    )


class PushRequest(Strict):
    ops: list[Op] = Field(max_length=MAX_OPS_PER_PUSH)
    protocol_version: int = _version_field()

    _numbers = field_validator("protocol_version", mode="before")(_number_only)


class PushResult(Strict):
    """The answer for one op; the same on every retry of it."""

    op_id: uuid.UUID
    result: OpResult
    seq: int | None = Field(default=None, description="The last change it made, if any")
    reason: RejectReason | None = None
    field: str | None = None
    detail: str = ""
    clamped: bool = Field(default=False, description="Its HLC was ahead and was pulled back")


class PushResponse(Strict):
    results: list[PushResult]


# --- Pull ------------------------------------------------------------------------------

MAX_PULL_LIMIT = 5000


class PullRequest(Strict):
    """``cursor`` as the last page gave it (none: from the start)."""

    cursor: str | None = Field(default=None, max_length=80)
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_LIMIT)
    protocol_version: int = _version_field()

    _numbers = field_validator("limit", "protocol_version", mode="before")(_number_only)


class Purge(Strict):
    """A record the device may no longer hold (D9 *purge*, D16 move-out). A request
    goes with everything recorded about it."""

    entity: str
    record_id: uuid.UUID


class LosingValue(Strict):
    """A value that lost a concurrent edit of one field (rule 4): kept, for the
    request's owner to review."""

    seq: int = Field(ge=1)
    entity: str
    record_id: uuid.UUID
    request_id: uuid.UUID | None
    field: str
    losing_value: Any
    winning_value: Any
    losing_user_id: uuid.UUID
    losing_device_id: uuid.UUID
    losing_hlc: str
    winning_user_id: uuid.UUID | None
    winning_hlc: str | None
    at: datetime


class RejectedOp(Strict):
    """Another user's op on a request this user owns that the server rejected, with
    its reason: for the owner to see (rule 6)."""

    seq: int = Field(ge=1)
    op_id: uuid.UUID
    kind: OpKind
    entity: str
    record_id: uuid.UUID
    request_id: uuid.UUID
    user_id: uuid.UUID
    reason: RejectReason
    field: str | None = None
    detail: str = ""


class PullPage(Strict):
    """One page of a pull: records that moved in (whole, at the state of ``cursor``),
    changes in sequence order, purges, values lost to concurrent edits, and the cursor
    after it all. The laptop applies a page and stores its cursor in one transaction."""

    changes: list[Change]
    purge: list[Purge] = []
    losing_values: list[LosingValue] = []
    rejected: list[RejectedOp] = []
    cursor: str
    more: bool = False


# --- Snapshot --------------------------------------------------------------------------


class SnapshotRequest(Strict):
    """A fresh laptop asks for its first sync as one file (rule 13, D17)."""

    protocol_version: int = _version_field()

    _numbers = field_validator("protocol_version", mode="before")(_number_only)


class SnapshotTicket(Strict):
    """A snapshot cut for this device: where to download it, the one-time key that
    opens it (sent once, kept by nobody but the laptop until it is imported), how to
    check the download, and the cursor to pull from once it is imported."""

    snapshot_id: uuid.UUID
    key: str = Field(pattern="^[0-9a-f]{64}$", description="The file's raw SQLCipher key, hex")
    size: int = Field(ge=0, description="Bytes in the file")
    sha256: str = Field(pattern="^[0-9a-f]{64}$", description="Of the whole file, hex")
    cursor: str = Field(max_length=80)
    counts: dict[str, int] = Field(description="Records per table")
    expires_at: datetime
    format: int = Field(ge=1, description="The snapshot file's layout")


# --- Checksum --------------------------------------------------------------------------


class ChecksumRequest(Strict):
    """``cursor``: the one the device's last pull ended at (``more`` false). Sent as
    query parameters, whose numbers are text."""

    cursor: str | None = Field(default=None, max_length=80)
    protocol_version: int = _version_field()


class PartitionSum(Strict):
    """How many records of a partition, and the sum of their hashes (``sync/checksum``)."""

    count: int = Field(ge=0)
    hash: int = Field(ge=0)


class ChecksumAnswer(Strict):
    """What the device should hold, as of ``seq``: compare only when ``current`` (the
    device's cursor is at ``seq``); else pull first. ``device_records`` are the records
    counted in the device's own part (``device``)."""

    seq: int = Field(ge=0)
    current: bool
    total: PartitionSum
    partitions: dict[str, PartitionSum]
    device_records: list[uuid.UUID] = []


class RepullRequest(Strict):
    """The partitions whose sums differed: their records come whole with the next pull."""

    partitions: list[Annotated[str, Field(max_length=100)]] = Field(max_length=2000)
    protocol_version: int = _version_field()

    _numbers = field_validator("protocol_version", mode="before")(_number_only)


class RepullAnswer(Strict):
    stale: int = Field(ge=0, description="Records that the next pull sends whole again")
