"""The demo municipality's requests on a server (``admin load-demo --requests N``).

The rows come from the demo register's generator (demo/generator.py), so a demo server
and a demo register hold the same kind of municipality. Every record is logged as if a
laptop had pushed it: one ``create`` in the change log with its resulting values, and a
field stamp per field (D3, D15), numbered under the counter's lock like every change.

That is the work of ``changelog.write``, one record at a time; for the hundreds of
thousands of records a benchmark needs, the rows are written in bulk instead: the
domain rows and the change log with ``COPY`` on PostgreSQL (``executemany`` on SQLite),
the values computed from the generated rows rather than read back, and the field stamps
made by the database from the logged values. tests/server/test_demo_server.py proves
the bulk path writes exactly what ``changelog.write`` writes.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Table, Uuid, inspect, text
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..clock import today as local_today
from ..demo.generator import COLUMNS, MODELS, Row, RowWriter, generate
from ..models.base import UTCDateTime
from ..services.changes import _LOCAL_COLUMNS
from .models import FieldStamp
from .sync import checksum
from .sync.changelog import Numbering

log = logging.getLogger("dorpsondersteuner.server.demo")

# A converter from the generator's stored form of a value to its wire form
# (services/changes.py ``to_wire`` of the column's Python value).
Convert = Callable[[Any], Any]


def _uuid(value: str | None) -> str | None:
    if value is None:
        return None
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def _instant(value: str | None) -> str | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC).isoformat()


def _boolean(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _converter(column_type: Any) -> Convert | None:
    """None where the stored form is the wire form already (text, numbers, dates as ISO
    text, enums and flag sets as their stored value)."""
    if isinstance(column_type, Uuid):
        return _uuid
    if isinstance(column_type, UTCDateTime):
        return _instant
    if isinstance(column_type, Boolean):
        return _boolean
    if isinstance(column_type, JSON):
        return _json
    return None


class LoggedWriter(RowWriter):
    """Writes the generated rows to the server's tables and logs every record, numbered
    by ``numbering`` (held by the caller's transaction)."""

    # The stamps are made by one statement per batch, not record by record.
    stamps_in_bulk = True

    def __init__(self, session: Session, numbering: Numbering) -> None:
        super().__init__()
        self.session = session
        self.numbering = numbering
        self.postgresql = session.get_bind().dialect.name == "postgresql"
        self.at = _stored_instant(now_utc())
        # Per table: the synced fields in record_fields' order, as (name, index, convert).
        self.fields: dict[str, list[tuple[str, int, Convert | None]]] = {}
        self.request_column: dict[str, int | None] = {}
        for model in MODELS:
            table = cast(Table, model.__table__)
            columns = COLUMNS[table.name]
            self.fields[table.name] = [
                (attribute.key, columns.index(column.name), _converter(column.type))
                for attribute in inspect(model).column_attrs
                if attribute.key not in _LOCAL_COLUMNS
                for column in attribute.columns[:1]
            ]
            self.request_column[table.name] = (
                0
                if table.name == "help_requests"
                else columns.index("request_id")
                if "request_id" in columns
                else None
            )

    def insert(self, table: str, rows: list[Row]) -> None:
        self._write(table, COLUMNS[table], rows)
        self.log(table, rows)

    def log(self, table: str, rows: list[Row]) -> None:
        """One numbered ``create`` per record, and its field stamps."""
        first = self.numbering.last
        fields = self.fields[table]
        request_column = self.request_column[table]
        entries: list[Row] = []
        for row in rows:
            values = {
                name: row[index] if convert is None else convert(row[index])
                for name, index, convert in fields
            }
            entries.append(
                (
                    self.numbering.next(),
                    "create",
                    table,
                    row[0],
                    None if request_column is None else row[request_column],
                    json.dumps(values),
                    None,
                    None,
                    None,
                    None,
                    self.at,
                )
            )
        self._write("change_log", _LOG_COLUMNS, entries)
        # The stamps: one per logged field, at the record's number, as write() adds them.
        self.session.execute(
            _STAMPS_POSTGRESQL if self.postgresql else _STAMPS_SQLITE,
            {"first": first, "last": self.numbering.last},
        )

    def _write(self, table: str, columns: tuple[str, ...], rows: list[Row]) -> None:
        connection = self.session.connection().connection.driver_connection
        assert connection is not None
        names = ", ".join(f'"{name}"' for name in columns)
        if self.postgresql:
            # Text COPY: PostgreSQL reads the generator's stored SQLite forms as they
            # are (ids as 32 hex digits, instants without offset, booleans as 0/1).
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join("?" * len(columns))
            connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


_LOG_COLUMNS = (
    "seq", "kind", "entity", "record_id", "request_id", "values", "hlc", "op_id",
    "device_id", "user_id", "at",
)  # fmt: skip
_STAMPS_SQLITE = text(
    "INSERT INTO field_stamps (entity, record_id, field, version, hlc, device_id, user_id) "
    "SELECT c.entity, c.record_id, j.key, c.seq, NULL, NULL, NULL "
    'FROM change_log AS c, json_each(c."values") AS j '
    "WHERE c.seq > :first AND c.seq <= :last"
)
_STAMPS_POSTGRESQL = text(
    "INSERT INTO field_stamps (entity, record_id, field, version, hlc, device_id, user_id) "
    'SELECT entity, record_id, json_object_keys("values"), seq, NULL, NULL, NULL '
    "FROM change_log WHERE seq > :first AND seq <= :last"
)


def _stored_instant(instant: datetime) -> str:
    """An instant as a naive UTC ``DateTime`` column stores it on SQLite (and as
    PostgreSQL reads it)."""
    return instant.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def load_requests(
    session: Session,
    requests: int,
    *,
    seed: int = 2026,
    today: date | None = None,
    writer: Callable[[Session, Numbering], LoggedWriter] = LoggedWriter,
) -> dict[str, int]:
    """Generate ``requests`` demo requests into the server's tables, logged for the
    laptops, in the caller's transaction; the number of rows per table. The demo
    directory must be there (``demo.directory.install_directory``)."""
    started = time.perf_counter()
    numbering = Numbering.locked(session)
    session.flush()
    target = writer(session, numbering)
    sqlite = not target.postgresql
    if sqlite:
        # The stamps' key is a random id: with SQLite's small default page cache every
        # insert would read its index page from the file again.
        session.execute(text("PRAGMA cache_size = -262144"))
    stamps_key = cast(Table, FieldStamp.__table__).primary_key
    build_key_last = target.postgresql and target.stamps_in_bulk
    if build_key_last:
        # Built once at the end, by sorting, instead of taking millions of stamps one
        # by one at random places (a third of the time of a large load). Pulls and
        # pushes wait for the load either way.
        session.execute(text(f"ALTER TABLE field_stamps DROP CONSTRAINT {stamps_key.name}"))
    try:
        generate(target, requests=requests, seed=seed, today=today or local_today())
    finally:
        if sqlite:
            session.execute(text("PRAGMA cache_size = -2000"))
    if build_key_last:
        columns = ", ".join(column.name for column in stamps_key.columns)
        session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        session.execute(
            text(
                f"ALTER TABLE field_stamps ADD CONSTRAINT {stamps_key.name} PRIMARY KEY ({columns})"
            )
        )
    numbering.save()
    written = time.perf_counter()
    # The checksums are kept up to date record by record (changelog.write); the bulk
    # path passes them by, so they are rebuilt once for the whole load.
    checksum.rebuild(session)
    log.info(
        "demo requests loaded: %s; written and logged in %.1f s, checksums in %.1f s",
        target.counts,
        written - started,
        time.perf_counter() - written,
    )
    return dict(target.counts)
