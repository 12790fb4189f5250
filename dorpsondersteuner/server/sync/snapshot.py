"""Snapshot: a fresh laptop's first sync as one file (rule 13, D17).

Instead of replaying history page by page, the server cuts, in one consistent read,
exactly what the device's user may see — the directory, every visible root whole (an
administrator's the content-free projection, a supporter's without "professionals
only" contacts), the version of every field — together with the cursor it
corresponds to, and writes it as a SQLCipher file under a new random key. The file's
tables mirror the register's domain tables (no indexes, no search rows: the laptop
builds those), so the laptop imports it with ``ATTACH … KEY`` and ``INSERT … SELECT``
(``sync/snapshot_import.py``).

Field versions are compact: each record row carries the version of its ``id`` field
(``sync_version``, the version its creation gave every field), and
``snapshot_field_versions`` holds only the fields whose version differs from it; the
fields each table's records have versions for are in ``snapshot_fields``.

The file is kept in the database in chunks (``SyncSnapshotChunk``), so any server
process serves it, with HTTP ranges, to the device that asked for it, until it
expires; the key goes to the device once and is not kept. The device's scope becomes
the snapshot's roots when it pulls from the snapshot's cursor, which shows it
imported the file (a ``ScopeDelta``, as a pulled page's, ``pull.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    TypeDecorator,
    Uuid,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    select,
    text,
    true,
    type_coerce,
)
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from ...models import (
    ArrangedHelp,
    Contact,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
from ...models.base import Base
from ...rawdb import connect_raw
from ...services.access import (
    Principal,
    administers,
    visible_helpers,
    visible_requests,
    visible_residents,
)
from ...services.changes import record_fields
from ...sync import PROTOCOL_VERSION
from ...sync.checksum import ADMIN_PROJECTION
from ...sync.protocol import SnapshotTicket
from ...sync.snapshot_import import (
    BASE_VERSION,
    CASE_MODELS,
    DIRECTORY_MODELS,
    FIELDS_TABLE,
    FORMAT,
    MEMBERSHIPS,
    META_TABLE,
    VERSIONS_TABLE,
)
from ..models import (
    ChangeLogEntry,
    FieldStamp,
    ScopeDelta,
    ServerAccessLogEntry,
    SyncSnapshot,
    SyncSnapshotChunk,
)
from .changelog import last_seq
from .pull import Cursor, _sees_professionals_only, held_roots, visible_roots

LIFETIME = timedelta(hours=24)
# A snapshot's cursor counts as one page that changed the device's scope (``Cursor``).
SERIAL = 1

# How the register stores values (``register.py``'s engine): the file is written the
# same way, so ``INSERT … SELECT`` copies stored values as they are.
_DIALECT = SQLiteDialect_pysqlite()


def _file_metadata() -> MetaData:
    """The file's tables: each domain table's columns without keys, constraints or
    indexes (record tables with their base version), and the snapshot's own three."""
    metadata = MetaData()
    tables: list[Table] = [model.__table__ for model in DIRECTORY_MODELS + CASE_MODELS]  # type: ignore[misc]
    for table in (*tables, *MEMBERSHIPS):
        columns = [Column(column.name, column.type) for column in table.columns]
        if "id" in table.columns:
            columns.append(Column(BASE_VERSION, BigInteger))
        Table(table.name, metadata, *columns)
    Table(FIELDS_TABLE, metadata, Column("entity", String), Column("field", String))
    Table(
        VERSIONS_TABLE,
        metadata,
        Column("entity", String),
        Column("record_id", Uuid),
        Column("field", String),
        Column("version", BigInteger),
    )
    Table(META_TABLE, metadata, Column("name", String), Column("value", String))
    return metadata


FILE_METADATA = _file_metadata()


class SnapshotGone(Exception):
    """The snapshot expired (and is deleted, or about to be)."""


@dataclass(frozen=True)
class Cut:
    """A snapshot file written to a temporary path, and what it holds."""

    path: Path
    key: bytes
    cursor: str
    roots: dict[uuid.UUID, str]
    counts: dict[str, int]


def cut(session: Session, principal: Principal, device_id: uuid.UUID, at: datetime) -> Cut:
    """Write what the user may see now, with its cursor, to a new encrypted file.

    ``session`` must read one consistent state (REPEATABLE READ on PostgreSQL, a read
    transaction on SQLite): the file and its cursor are then one unit. The caller
    removes the file (``Cut.path``) when it is stored.
    """
    last, epoch = last_seq(session)
    cursor = Cursor(epoch, last, SERIAL)
    roots = visible_roots(session, principal)
    key = secrets.token_bytes(32)
    handle, name = tempfile.mkstemp(prefix="dorpsondersteuner-snapshot-", suffix=".db")
    os.close(handle)
    path = Path(name)
    try:
        postgresql = session.get_bind().dialect.name == "postgresql"
        if postgresql:
            # Every row of each query is read, through a server-side cursor: planned for
            # its first tenth, a query sorted by id walks the key index of the whole
            # table and filters (history events: 2.6 times as slow at 20,000 requests).
            session.execute(text("SET LOCAL cursor_tuple_fraction = 1"))
        with _FileWriter.open(path, key, postgresql) as writer:
            counts = _write_content(session, principal, writer)
            writer.meta(
                {
                    "format": FORMAT,
                    "cursor": cursor.encode(),
                    "user_id": str(principal.user_id),
                    "device_id": str(device_id),
                    "protocol_version": PROTOCOL_VERSION,
                    "cut_at": at.isoformat(),
                    "counts": json.dumps(counts, sort_keys=True),
                }
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Cut(path, key, cursor.encode(), roots, counts)


def _write_content(session: Session, principal: Principal, writer: _FileWriter) -> dict[str, int]:
    counts: dict[str, int] = {}
    everything = true()
    writer.read_log(session, principal)
    for model in DIRECTORY_MODELS:
        counts[model.__tablename__] = writer.records(session, model, everything)
    for membership in MEMBERSHIPS:
        counts[membership.name] = writer.rows(session, membership, everything)
    for model, where in _case_tables(principal):
        counts[model.__tablename__] = writer.records(
            session,
            model,
            where,
            fields=ADMIN_PROJECTION if model is HelpRequest and administers(principal) else None,
        )
    return counts


def _case_tables(principal: Principal) -> list[tuple[type[Base], ColumnElement[bool]]]:
    """Each case table with the rows the user may see: the roots of ``visible_roots``
    (the access policy's SQL face) and everything recorded about a visible request,
    deleted records too (the laptop holds what the server holds, tombstones and all),
    as ``pull._whole`` gives a root whole."""
    if administers(principal):
        # The content-free projection of every request (D5).
        return [(HelpRequest, HelpRequest.deleted_at.is_(None))]
    requests = select(HelpRequest.id).where(visible_requests(principal))
    contacts: ColumnElement[bool] = Contact.request_id.in_(requests)
    if not _sees_professionals_only(principal):
        contacts = and_(contacts, Contact.professionals_only.is_(False))
    return [
        (Resident, visible_residents(principal)),
        (Helper, visible_helpers(principal)),
        (HelpRequest, visible_requests(principal)),
        (Contact, contacts),
        (FollowUp, FollowUp.request_id.in_(requests)),
        (ArrangedHelp, ArrangedHelp.request_id.in_(requests)),
        (HistoryEvent, HistoryEvent.request_id.in_(requests)),
    ]


class _FileWriter:
    """Rows into the snapshot file, as the register stores them.

    Values are read from the server's database already in the register's stored form
    (ids as 32 hex digits, instants as ``YYYY-MM-DD HH:MM:SS.ffffff``, …: ``_stored``)
    and written as they come, without turning each into a Python object and back: a
    Bakel supporter's snapshot holds a quarter of a million records. Queries run on the
    session's connection, not through the ORM, which would make a row object of each.
    """

    BATCH = 5000
    STAMP_BATCH = 500

    def __init__(self, connection: Any, postgresql: bool) -> None:
        self.connection = connection
        self.postgresql = postgresql
        self.logged: dict[str, dict[str, tuple[int | None, bool]]] = {}

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path, key: bytes, postgresql: bool) -> Iterator[_FileWriter]:
        connection = connect_raw(path, key)
        try:
            # A new file written once: no journal to roll back to, no waiting for the
            # disk; temporary data stays in memory, never in a plain file.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute("BEGIN")
            for table in FILE_METADATA.sorted_tables:
                connection.execute(str(CreateTable(table).compile(dialect=_DIALECT)))
            yield cls(connection, postgresql)
            connection.execute("COMMIT")
        finally:
            connection.close()

    def _insert(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" for _ in columns)
        self.connection.executemany(
            f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows
        )

    def rows(self, session: Session, table: Table, where: ColumnElement[bool]) -> int:
        """A table's rows that ``where`` selects, as they are (memberships)."""
        columns = list(table.columns)
        query = select(*(_stored(column, self.postgresql) for column in columns)).where(where)
        count = 0
        for batch in (
            session.connection().execute(query.execution_options(yield_per=self.BATCH)).partitions()
        ):
            self._insert(table.name, [column.name for column in columns], batch)
            count += len(batch)
        return count

    def records(
        self,
        session: Session,
        model: type[Base],
        where: ColumnElement[bool],
        fields: Sequence[str] | None = None,
    ) -> int:
        """The records of ``model`` that ``where`` selects (only ``fields`` of them, when
        given), each with its base version, and their fields' other versions."""
        table: Table = model.__table__  # type: ignore[assignment]
        entity = table.name
        named = list(fields) if fields is not None else list(record_fields(model()))
        stored = [table.c.id, *(table.c[name] for name in named if name != "id")]
        if fields is None:
            stored += [column for column in table.columns if column not in stored]
        with_id = ["id", *(name for name in named if name != "id")]
        self._insert(FIELDS_TABLE, ("entity", "field"), [(entity, name) for name in with_id])
        logged = self.logged.get(entity, {})
        query = (
            select(*(_stored(column, self.postgresql) for column in stored))
            .where(where)
            .order_by(table.c.id)
        )
        columns = [column.name for column in stored] + [BASE_VERSION]
        count = 0
        for batch in (
            session.connection().execute(query.execution_options(yield_per=self.BATCH)).partitions()
        ):
            # A record only ever created has every field at its creation's number; the
            # stamps are read only of records changed since (or that the log lacks).
            base: dict[str, int | None] = {}
            changed: list[str] = []
            for row in batch:
                created, updated = logged.get(row[0], (None, True))
                base[row[0]] = created
                if updated or created is None:
                    changed.append(row[0])
            exact, others = _stamped(
                session, entity, changed, with_id, only_those=fields is not None
            )
            base.update(exact)
            self._insert(entity, columns, [(*row, base[row[0]]) for row in batch])
            self._insert(VERSIONS_TABLE, ("entity", "record_id", "field", "version"), others)
            count += len(batch)
        return count

    def read_log(self, session: Session, principal: Principal) -> None:
        """What the change log says of every record the user may see, in one pass:
        per table and record (id as stored), the number of its creation and whether a
        change followed."""
        log = ChangeLogEntry
        query = select(
            log.entity,
            _stored(log.record_id, self.postgresql),
            func.max(case((log.kind == "create", log.seq))),
            func.max(case((log.kind == "create", 0), else_=1)),
        ).group_by(log.entity, log.record_id)
        directory = [model.__tablename__ for model in DIRECTORY_MODELS]
        roots = [*directory, Resident.__tablename__, Helper.__tablename__]
        if administers(principal):
            tree = query.where(log.entity == HelpRequest.__tablename__)
            roots = directory
        else:
            # By the change log's index, by request.
            tree = query.where(
                log.request_id.in_(select(HelpRequest.id).where(visible_requests(principal)))
            )
        others = query.where(log.request_id.is_(None), log.entity.in_(roots))
        self.logged = {}
        for part in (tree, others):
            for entity, record_id, created, updated in session.connection().execute(part).all():
                self.logged.setdefault(entity, {})[record_id] = (created, bool(updated))

    def meta(self, values: dict[str, Any]) -> None:
        self._insert(META_TABLE, ("name", "value"), [(k, str(v)) for k, v in values.items()])


def _stamped(
    session: Session, entity: str, ids: Sequence[str], fields: Sequence[str], *, only_those: bool
) -> tuple[dict[str, int | None], list[tuple[str, str, str, int]]]:
    """For these records (ids as stored): the version of each one's ``id`` field, the
    version its making gave every field, and the versions that differ from it — of
    ``fields``, or of any field unless ``only_those``."""
    base: dict[str, int | None] = {}
    others: list[tuple[str, str, str, int]] = []
    wanted = set(fields)
    for start in range(0, len(ids), _FileWriter.STAMP_BATCH):
        batch = [
            uuid.UUID(hex=record_id) for record_id in ids[start : start + _FileWriter.STAMP_BATCH]
        ]
        stamps: dict[uuid.UUID, dict[str, int]] = {}
        for record_id, field, version in session.connection().execute(
            select(FieldStamp.record_id, FieldStamp.field, FieldStamp.version).where(
                FieldStamp.entity == entity, FieldStamp.record_id.in_(batch)
            )
        ):
            stamps.setdefault(record_id, {})[field] = version
        for record_id, own in stamps.items():
            first = own.get("id")
            base[record_id.hex] = first
            others += [
                (entity, record_id.hex, field, version)
                for field, version in own.items()
                if (field in wanted or not only_those) and (version != first or field not in wanted)
            ]
    return base, others


def _stored(column: Any, postgresql: bool) -> ColumnElement[Any]:
    """``column`` as the register stores it (SQLAlchemy's SQLite forms), computed by
    the database: PostgreSQL converts; SQLite stores it so already."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    name = str(column.key)
    if not postgresql:
        plain: ColumnElement[Any] = type_coerce(
            column, Integer() if isinstance(kind, Integer | Boolean) else String()
        )
        return plain.label(name)
    if isinstance(kind, Uuid):
        converted: ColumnElement[Any] = func.replace(cast(column, Text), "-", "")
    elif isinstance(kind, DateTime):
        converted = func.to_char(column, "YYYY-MM-DD HH24:MI:SS.US")
    elif isinstance(kind, Date):
        converted = func.to_char(column, "YYYY-MM-DD")
    elif isinstance(kind, Boolean):
        converted = cast(column, Integer)
    elif isinstance(kind, JSON):
        converted = cast(column, Text)
    else:
        converted = type_coerce(column, Integer() if isinstance(kind, Integer) else String())
    return converted.label(name)


# --- storing and serving ---------------------------------------------------------------


def store(
    session: Session,
    snapshot: Cut,
    *,
    device_id: uuid.UUID,
    user_id: uuid.UUID,
    now: datetime,
    chunk_bytes: int,
) -> SnapshotTicket:
    """Keep the file in chunks, for every server process; hold the device's new scope
    until it pulls from the snapshot's cursor; drop expired snapshots and this device's
    earlier ones. In the caller's (writing) transaction."""
    _delete(
        session,
        select(SyncSnapshot.id).where(
            (SyncSnapshot.expires_at <= now) | (SyncSnapshot.device_id == device_id)
        ),
    )
    snapshot_id = uuid.uuid4()
    digest = hashlib.sha256()
    size = 0
    session.add(
        SyncSnapshot(
            id=snapshot_id,
            device_id=device_id,
            user_id=user_id,
            cursor=snapshot.cursor,
            size=0,
            sha256="",
            chunk_bytes=chunk_bytes,
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    session.flush()
    with snapshot.path.open("rb") as file:
        number = 0
        while piece := file.read(chunk_bytes):
            digest.update(piece)
            size += len(piece)
            session.execute(
                insert(SyncSnapshotChunk).values(snapshot_id=snapshot_id, number=number, data=piece)
            )
            number += 1
    row = session.get_one(SyncSnapshot, snapshot_id)
    row.size, row.sha256 = size, digest.hexdigest()
    held, _stale = held_roots(session, device_id)
    session.merge(
        ScopeDelta(
            device_id=device_id,
            cursor=snapshot.cursor,
            added=[f"{entity}:{root}" for root, entity in snapshot.roots.items()],
            removed=[f"{entity}:{root}" for root, entity in held.items()],
        )
    )
    records = sum(snapshot.counts.values())
    session.add(
        ServerAccessLogEntry(
            user_id=user_id,
            device_id=device_id,
            action="snapshot",
            count=records,
            result=f"{records} records, {len(snapshot.roots)} roots, {size} bytes",
        )
    )
    return SnapshotTicket(
        snapshot_id=snapshot_id,
        key=snapshot.key.hex(),
        size=size,
        sha256=row.sha256,
        cursor=snapshot.cursor,
        counts=snapshot.counts,
        expires_at=row.expires_at,
        format=FORMAT,
    )


def _delete(session: Session, ids: Select[uuid.UUID]) -> None:
    doomed = list(session.scalars(ids))
    if doomed:
        session.execute(delete(SyncSnapshotChunk).where(SyncSnapshotChunk.snapshot_id.in_(doomed)))
        session.execute(delete(SyncSnapshot).where(SyncSnapshot.id.in_(doomed)))


def find(
    session: Session, snapshot_id: uuid.UUID, device_id: uuid.UUID, now: datetime
) -> SyncSnapshot | None:
    """The device's own snapshot (None for another's: no one learns it exists);
    ``SnapshotGone`` once it expired."""
    row = session.get(SyncSnapshot, snapshot_id)
    if row is None or row.device_id != device_id:
        return None
    if row.expires_at <= now:
        raise SnapshotGone(f"snapshot {snapshot_id} expired at {row.expires_at.isoformat()}")
    return row


def read_bytes(
    sessions: Callable[[], Session], snapshot: SyncSnapshot, start: int, end: int
) -> Iterator[bytes]:
    """Bytes ``start`` to ``end`` (inclusive) of the file, a chunk at a time, each read
    in a short session of its own (a slow download holds no connection)."""
    size = snapshot.chunk_bytes
    for number in range(start // size, end // size + 1):
        with sessions() as session:
            data = session.scalar(
                select(SyncSnapshotChunk.data).where(
                    SyncSnapshotChunk.snapshot_id == snapshot.id,
                    SyncSnapshotChunk.number == number,
                )
            )
        if data is None:
            return  # deleted meanwhile: the download ends short, and the laptop resumes
        offset = number * size
        yield bytes(data[max(start - offset, 0) : end - offset + 1])


def delete_expired(session: Session, now: datetime) -> None:
    _delete(session, select(SyncSnapshot.id).where(SyncSnapshot.expires_at <= now))
