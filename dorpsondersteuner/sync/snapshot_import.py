"""A fresh laptop's first sync: download the server's snapshot and import it (rule 13,
D17).

The server cuts, in one consistent read, exactly what the user may see and the
cursor it corresponds to, as a SQLCipher file under a one-time key
(``server/sync/snapshot.py``). Here the laptop

1. downloads it (``download_snapshot``), resuming with an HTTP range from what is
   already on disk, and checks its size and SHA-256;
2. imports it into a fresh register (``import_snapshot``) in one transaction, without
   replaying ops: ``ATTACH … KEY`` and ``INSERT … SELECT`` into the domain tables and
   the field versions, with the caller's own writes (its sync state: the cursor) in
   the same transaction, so the lists are usable the moment it commits;
3. then builds the search index (``build_search_index``), which the file leaves out.

The file is encrypted on disk from its first byte to its removal; SQLite's temporary
data stays in memory (``temp_store``), so no decrypted page ever reaches the disk
except into the (encrypted) register.

The layout of the file, shared with the server: each domain table's columns, without
keys or indexes; record tables with ``sync_version``, the version of the record's
``id`` field, which its creation gave every field; ``snapshot_fields``, the fields each
table's records have versions for; ``snapshot_field_versions``, the versions that
differ from their record's ``sync_version``; and ``snapshot_meta``.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..errors import SyncError, SyncErrorKind
from ..models import (
    Area,
    ArrangedHelp,
    Contact,
    DeviceState,
    DistrictTeam,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
    User,
    team_areas,
    user_areas,
)
from ..models.base import Base
from ..models.local import ALL_FIELDS
from ..register import Register
from ..services.access_log import AccessAction, log_access
from ..services.changes import synced_fields
from ..services.search import rebuild_search_index

# --- the file's layout (the server writes what is named here) ------------------------

FORMAT = 1  # a laptop refuses a file of a layout it does not know
BASE_VERSION = "sync_version"
FIELDS_TABLE = "snapshot_fields"
VERSIONS_TABLE = "snapshot_field_versions"
META_TABLE = "snapshot_meta"
# The directory, then the roots and what belongs to them: parents before children.
DIRECTORY_MODELS: tuple[type[Base], ...] = (Area, DistrictTeam, User)
MEMBERSHIPS = (team_areas, user_areas)
CASE_MODELS: tuple[type[Base], ...] = (
    Resident, Helper, HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent,
)  # fmt: skip

_SCHEMA = "snapshot"  # the attached file's name in SQL
_DOWNLOAD_PIECE = 1 << 16
_HASH_PIECE = 1 << 20


class SnapshotError(SyncError):
    """The snapshot could not be downloaded or imported; nothing was imported.
    ``status`` is the server's HTTP status, when it refused."""

    def __init__(self, message: str, *, kind: SyncErrorKind, status: int | None = None) -> None:
        super().__init__(message, kind=kind)
        self.status = status


# --- download ------------------------------------------------------------------------


def download_snapshot(
    http: httpx.Client,
    url: str,
    destination: Path,
    *,
    size: int,
    sha256: str,
    headers: Mapping[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Download the snapshot file at ``url`` to ``destination``, continuing after the
    bytes already there (an interrupted download, from any server process), and check
    it is whole: ``size`` bytes with this SHA-256. A file that fails the check is
    removed, so the next try starts over. The file is the server's encrypted file, as
    it is: nothing decrypted is written. ``progress`` hears the bytes on disk as they
    grow."""
    have = destination.stat().st_size if destination.exists() else 0
    if have > size:
        destination.unlink()
        have = 0
    if have < size:
        _fetch(http, url, destination, have, dict(headers or {}), progress or (lambda _n: None))
    if destination.stat().st_size != size or _sha256(destination) != sha256:
        destination.unlink()
        raise SnapshotError(
            "the downloaded snapshot is not the one the server cut: downloading it again",
            kind=SyncErrorKind.NETWORK,
        )
    return destination


def _fetch(
    http: httpx.Client,
    url: str,
    destination: Path,
    have: int,
    headers: dict[str, str],
    progress: Callable[[int], None],
) -> None:
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        with http.stream("GET", url, headers=headers) as answer:
            if answer.status_code == 200:
                mode = "wb"  # the whole file: start over
            elif answer.status_code == 206 and _range_start(answer) == have:
                mode = "ab"
            else:
                answer.read()
                raise _refused(answer)
            done = have if mode == "ab" else 0
            progress(done)
            with destination.open(mode) as file:
                for piece in answer.iter_bytes(_DOWNLOAD_PIECE):
                    file.write(piece)
                    done += len(piece)
                    progress(done)
                file.flush()
                os.fsync(file.fileno())
    except httpx.HTTPError as error:
        # What arrived stays on disk: the next try resumes after it.
        raise SnapshotError(
            f"the snapshot download broke off: {error.__class__.__name__}",
            kind=SyncErrorKind.NETWORK,
        ) from error


def _range_start(answer: httpx.Response) -> int | None:
    content_range = answer.headers.get("Content-Range", "")
    unit, _, spec = content_range.partition(" ")
    first = spec.split("-", 1)[0]
    return int(first) if unit == "bytes" and first.isdigit() else None


def _refused(answer: httpx.Response) -> SnapshotError:
    try:
        body = answer.json()
        message = f"{body['error']}: {body['message']}"
    except (ValueError, KeyError, TypeError):
        message = f"HTTP {answer.status_code}"
    kind = SyncErrorKind.AUTH if answer.status_code == 401 else SyncErrorKind.SERVER
    return SnapshotError(
        f"the server refused the snapshot download ({message})",
        kind=kind,
        status=answer.status_code,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while piece := file.read(_HASH_PIECE):
            digest.update(piece)
    return digest.hexdigest()


# --- import --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedSnapshot:
    """What a snapshot held: the cursor to pull from next, records per table, and
    whose it is."""

    cursor: str
    counts: dict[str, int]
    user_id: uuid.UUID
    device_id: uuid.UUID
    cut_at: datetime


def import_snapshot(
    register: Register,
    path: Path,
    key: bytes,
    *,
    before_commit: Callable[[Session, ImportedSnapshot], None] | None = None,
) -> ImportedSnapshot:
    """Import the snapshot file at ``path`` (opened with its one-time ``key``) into
    ``register``, which must hold no case records yet, in one transaction.

    ``before_commit`` runs in that transaction, with a session on it, so the caller
    stores its sync state (the cursor) with the data or not at all. The search index
    is not built here: ``build_search_index`` next, while the lists are usable.
    Raises ``SnapshotError`` and imports nothing when the file does not fit.
    """
    with register.engine.connect() as connection:
        # Sorting and temporary tables stay in memory: nothing decrypted goes to a file
        # (this build's default already; said here so no setting elsewhere changes it).
        connection.exec_driver_sql("PRAGMA temp_store = MEMORY")
        try:
            connection.exec_driver_sql(
                f"ATTACH DATABASE ? AS {_SCHEMA} KEY ?", (str(path), f"x'{key.hex()}'")
            )
        except Exception as error:
            connection.rollback()
            raise SnapshotError(
                "the snapshot file cannot be opened with its key", kind=SyncErrorKind.SERVER
            ) from error
        try:
            info = _meta(connection)
            _check(connection, info)
            try:
                counts = _copy(connection)
            except DBAPIError as error:
                # A record that breaks a rule of the register: nothing is imported.
                raise SnapshotError(
                    f"the snapshot does not fit this register: {error.orig}",
                    kind=SyncErrorKind.SERVER,
                ) from error
            imported = ImportedSnapshot(
                info.cursor, counts, info.user_id, info.device_id, info.cut_at
            )
            with Session(bind=connection) as session:
                log_access(
                    session,
                    info.user_id,
                    AccessAction.RECEIVE,
                    "snapshot",
                    count=sum(counts.values()),
                )
                if before_commit is not None:
                    before_commit(session, imported)
                session.flush()
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.exec_driver_sql(f"DETACH DATABASE {_SCHEMA}")
            connection.commit()
    return imported


def build_search_index(register: Register) -> None:
    """The search index over everything imported (after ``import_snapshot``)."""
    with register.transaction() as session:
        rebuild_search_index(session)


@dataclass(frozen=True)
class _Meta:
    cursor: str
    user_id: uuid.UUID
    device_id: uuid.UUID
    cut_at: datetime


def _meta(connection: Connection) -> _Meta:
    try:
        rows = connection.exec_driver_sql(f"SELECT name, value FROM {_SCHEMA}.{META_TABLE}")
        meta: dict[str, str] = {name: value for name, value in rows}
    except Exception as error:
        # A wrong key reads as "file is not a database".
        raise SnapshotError(
            "the snapshot file cannot be read with its key", kind=SyncErrorKind.SERVER
        ) from error
    if meta.get("format") != str(FORMAT):
        raise SnapshotError(
            f"the snapshot has layout {meta.get('format')!r}, this program reads {FORMAT}: "
            "update the program",
            kind=SyncErrorKind.PROTOCOL_VERSION,
        )
    return _Meta(
        cursor=meta["cursor"],
        user_id=uuid.UUID(meta["user_id"]),
        device_id=uuid.UUID(meta["device_id"]),
        cut_at=datetime.fromisoformat(meta["cut_at"]),
    )


def _check(connection: Connection, info: _Meta) -> None:
    with Session(bind=connection) as session:
        state = session.scalars(select(DeviceState)).one_or_none()
        if state is not None and state.device_id != info.device_id:
            raise SnapshotError(
                "this snapshot was cut for another laptop", kind=SyncErrorKind.SERVER
            )
        for model in CASE_MODELS:
            if session.scalar(select(model.id).limit(1)) is not None:  # type: ignore[attr-defined]
                raise SnapshotError(
                    "a snapshot goes only into a new register; this one holds records",
                    kind=SyncErrorKind.SERVER,
                )


def _copy(connection: Connection) -> dict[str, int]:
    """Everything into the register's tables, the field versions last."""
    counts: dict[str, int] = {}
    fields = _fields(connection)
    # The laptop's checksum sums are made anew at the next comparison, so the triggers
    # that keep them (``HeldChecksum``) stand aside until the copy is done: into a table
    # without triggers SQLite copies rows wholesale, a second faster at 19,000 requests.
    connection.exec_driver_sql("UPDATE sync_state SET checksum_sums_for = NULL")
    triggers = connection.exec_driver_sql(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'"
    ).all()
    for name, _ in triggers:
        connection.exec_driver_sql(f"DROP TRIGGER main.{name}")
    for model in DIRECTORY_MODELS:
        counts[model.__tablename__] = _upsert(connection, model)
    for membership in MEMBERSHIPS:
        columns = ", ".join(column.name for column in membership.columns)
        connection.exec_driver_sql(f"DELETE FROM main.{membership.name}")
        inserted = connection.exec_driver_sql(
            f"INSERT INTO main.{membership.name} ({columns}) "
            f"SELECT {columns} FROM {_SCHEMA}.{membership.name}"
        )
        counts[membership.name] = inserted.rowcount
    for model in CASE_MODELS:
        name = model.__tablename__
        columns = ", ".join(column.name for column in model.__table__.columns)
        inserted = connection.exec_driver_sql(
            f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM {_SCHEMA}.{name}"
        )
        counts[name] = inserted.rowcount
    for model in DIRECTORY_MODELS + CASE_MODELS:
        name = model.__tablename__
        known = sorted(set(fields.get(name, ())) & set(model.__table__.columns.keys()))
        if set(known) == set(synced_fields(model)):
            known = [ALL_FIELDS]  # one row per record, not one per field
        # In the order of the register's key (entity, record, field), so each row lands
        # at the end of the index instead of somewhere in it: the server writes the
        # records in id order, and the fields go sorted.
        connection.exec_driver_sql(
            "INSERT OR REPLACE INTO main.field_versions (entity, record_id, field, version) "
            f"SELECT ?, t.id, f.value, t.{BASE_VERSION} FROM {_SCHEMA}.{name} AS t "
            f"CROSS JOIN json_each(?) AS f WHERE t.{BASE_VERSION} IS NOT NULL",
            (name, json.dumps(known)),
        )
    connection.exec_driver_sql(
        "INSERT OR REPLACE INTO main.field_versions (entity, record_id, field, version) "
        f"SELECT entity, record_id, field, version FROM {_SCHEMA}.{VERSIONS_TABLE}"
    )
    for _, definition in triggers:
        connection.exec_driver_sql(definition)
    return counts


def _fields(connection: Connection) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for entity, field in connection.exec_driver_sql(
        f"SELECT entity, field FROM {_SCHEMA}.{FIELDS_TABLE}"
    ):
        fields.setdefault(entity, []).append(field)
    return fields


def _upsert(connection: Connection, model: type[Base]) -> int:
    """The directory as the server has it: a register may hold some of it already."""
    name = model.__tablename__
    names = [column.name for column in model.__table__.columns]
    columns = ", ".join(names)
    updates = ", ".join(f"{column} = excluded.{column}" for column in names if column != "id")
    result = connection.exec_driver_sql(
        f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM {_SCHEMA}.{name} "
        f"WHERE true ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    count: int = result.rowcount
    return count
