"""The change log: every accepted change as its resulting values, numbered (D15, rule 3).

Numbers come from one counter row whose lock the writing transaction takes before it
numbers anything and holds until it commits: transactions that number changes commit
one after the other, in number order, so a reader that sees number N sees everything
below it and never passes a number that is still invisible (SYNC-LESSONS: a plain
PostgreSQL sequence commits out of order). On SQLite the write lock is taken at BEGIN.
A push takes the lock last, after its ops are applied (``push``), and writes its rows
with one statement per table (``LogRows``), so the lock is held for milliseconds.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ...models import Area, DistrictTeam, HelpRequest, User
from ...models.base import utcnow
from ...services.changes import ResultingChange, record_fields
from ...services.pushed import MODELS
from ..models import ChangeLogEntry, FieldStamp, LosingValueEntry, SyncCounter
from . import checksum

# The directory: logged whole at every change (``log_directory``), for every laptop.
DIRECTORY = ("areas", "district_teams", "users")

# Records that belong to a request, by the column naming it.
_REQUEST_COLUMN = "request_id"


@dataclass
class Numbering:
    """The counter, locked for this transaction: ``next()`` hands out numbers, ``save()``
    writes the last one back before the commit."""

    session: Session
    last: int
    epoch: str
    stored: int  # the counter's value as this transaction left it

    @classmethod
    def locked(cls, session: Session, count: int = 0) -> Numbering:
        """The counter locked; ``count``: the numbers the caller will take, moved on
        in the same statement (so ``save()`` has nothing left to write)."""
        if count:
            row = session.execute(
                update(SyncCounter)
                .where(SyncCounter.id == 1)
                .values(last_seq=SyncCounter.last_seq + count)
                .returning(SyncCounter.last_seq, SyncCounter.epoch)
            ).one()
            return cls(session, row.last_seq - count, row.epoch, row.last_seq)
        row = session.execute(
            select(SyncCounter.last_seq, SyncCounter.epoch)
            .where(SyncCounter.id == 1)
            .with_for_update()
        ).one()
        return cls(session, row.last_seq, row.epoch, row.last_seq)

    def next(self) -> int:
        self.last += 1
        return self.last

    def save(self) -> None:
        if self.last != self.stored:
            self.session.execute(
                update(SyncCounter).where(SyncCounter.id == 1).values(last_seq=self.last)
            )
            self.stored = self.last


def last_seq(session: Session) -> tuple[int, str]:
    """The newest committed number and the epoch, without locking."""
    row = session.execute(select(SyncCounter.last_seq, SyncCounter.epoch)).one()
    return row.last_seq, row.epoch


def request_of(
    session: Session, entity: str, record_id: uuid.UUID, values: dict[str, Any]
) -> uuid.UUID | None:
    """The request a record belongs to, for the pull's visibility."""
    if entity == HelpRequest.__tablename__:
        return record_id
    model = MODELS.get(entity)
    if model is None or _REQUEST_COLUMN not in model.__table__.columns:
        return None
    if _REQUEST_COLUMN in values:
        return uuid.UUID(str(values[_REQUEST_COLUMN]))
    record = session.get(model, record_id)
    return getattr(record, _REQUEST_COLUMN, None)


@dataclass(frozen=True)
class Origin:
    """Where a change came from: the op, its (clamped) clock value, user and device."""

    op_id: uuid.UUID | None
    hlc: str | None
    user_id: uuid.UUID | None
    device_id: uuid.UUID | None


@dataclass
class LosingValue:
    """A value that lost a concurrent edit, for the request's owner (numbered when the
    log is written)."""

    row: dict[str, Any]


class LogRows:
    """Change-log rows, field stamps and losing values, numbered in order and written
    with one statement per table (``insert``), in the transaction that holds the
    counter's lock."""

    def __init__(self) -> None:
        self.at = utcnow()
        self.changes: list[dict[str, Any]] = []
        self.stamps: dict[tuple[str, uuid.UUID, str], dict[str, Any]] = {}
        self.losing: list[dict[str, Any]] = []

    def add(
        self,
        session: Session,
        numbering: Numbering,
        changes: list[ResultingChange],
        origin: Origin,
    ) -> int | None:
        """Number ``changes`` and stamp each field written with its new version; the
        last number, or None when there was nothing to log."""
        seq = None
        for change in changes:
            seq = numbering.next()
            self.changes.append(
                {
                    "seq": seq,
                    "kind": change.kind,
                    "entity": change.entity,
                    "record_id": change.record_id,
                    "request_id": request_of(
                        session, change.entity, change.record_id, change.values
                    ),
                    "values": change.values,
                    "hlc": origin.hlc,
                    "op_id": origin.op_id,
                    "device_id": origin.device_id,
                    "user_id": origin.user_id,
                    "at": self.at,
                }
            )
            for name in change.values:
                self.stamps[(change.entity, change.record_id, name)] = {
                    "entity": change.entity,
                    "record_id": change.record_id,
                    "field": name,
                    "version": seq,
                    "hlc": origin.hlc,
                    "device_id": origin.device_id,
                    "user_id": origin.user_id,
                }
        return seq

    def add_losing(self, numbering: Numbering, losing: LosingValue) -> int:
        seq = numbering.next()
        self.losing.append({**losing.row, "seq": seq, "at": self.at})
        return seq

    def insert(
        self,
        session: Session,
        before: dict[tuple[str, uuid.UUID], dict[str, int]] | None = None,
    ) -> None:
        """The rows written; ``before``: the field versions of the changed records as
        they were, when the caller read them where they could not change meanwhile
        (``checksum.stamped``), so that they need not be read again under the lock."""
        connection = session.connection()
        if self.changes:
            connection.execute(insert(ChangeLogEntry), self.changes)
        if self.stamps:
            connection.execute(_upsert_stamps(connection.dialect.name), list(self.stamps.values()))
            records = list(dict.fromkeys(key[:2] for key in self.stamps))
            versions = None
            if before is not None:
                versions = {key: dict(before.get(key, {})) for key in records}
                for (entity, record_id, name), row in self.stamps.items():
                    versions[(entity, record_id)][name] = row["version"]
            # Under the counter's lock: the checksums move with the stamps, in one order.
            checksum.note(session, records, versions)
        if self.losing:
            connection.execute(insert(LosingValueEntry), self.losing)
        self.changes, self.stamps, self.losing = [], {}, []


def _upsert_stamps(dialect: str) -> Any:
    """A field's stamp, new or replacing the one it had."""
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(FieldStamp)
    return statement.on_conflict_do_update(
        index_elements=["entity", "record_id", "field"],
        set_={
            name: statement.excluded[name] for name in ("version", "hlc", "device_id", "user_id")
        },
    )


def write(
    session: Session, numbering: Numbering, changes: list[ResultingChange], origin: Origin
) -> int | None:
    """Number and log ``changes`` now (see ``LogRows.add``)."""
    rows = LogRows()
    seq = rows.add(session, numbering, changes, origin)
    rows.insert(session)
    return seq


def losing_value(
    session: Session,
    *,
    entity: str,
    record_id: uuid.UUID,
    field: str,
    losing_value: Any,
    winning_value: Any,
    loser: Origin,
    winner: Origin,
) -> LosingValue:
    """A value that lost a concurrent edit, kept for the request's owner."""
    request_id = request_of(session, entity, record_id, {})
    request = session.get(HelpRequest, request_id) if request_id else None
    assert loser.user_id is not None and loser.device_id is not None and loser.hlc is not None
    return LosingValue(
        {
            "entity": entity,
            "record_id": record_id,
            "request_id": request_id,
            "owner_id": request.owner_id if request else None,
            "field": field,
            "losing_value": losing_value,
            "winning_value": winning_value,
            "losing_user_id": loser.user_id,
            "losing_device_id": loser.device_id,
            "losing_hlc": loser.hlc,
            "winning_user_id": winner.user_id,
            "winning_hlc": winner.hlc,
        }
    )


def log_directory(session: Session, record: Area | DistrictTeam | User) -> int:
    """Log a directory record as it is now, whole, for every laptop: colleagues' names,
    teams and areas, and whose areas changed (which moves requests in and out). A
    user's or team's areas travel as ``area_ids``."""
    session.flush()
    values = record_fields(record)
    if isinstance(record, User | DistrictTeam):
        values["area_ids"] = sorted(str(area.id) for area in record.areas)
    numbering = Numbering.locked(session)
    seq = write(
        session,
        numbering,
        [ResultingChange("create", record.__tablename__, record.id, values)],
        Origin(None, None, None, None),
    )
    numbering.save()
    assert seq is not None
    return seq
