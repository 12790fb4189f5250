"""Checksums that heal (rule 12): count and hash over the records a device holds.

After a sync the laptop compares, per *partition*, how many records it holds and a hash
over their ids and field versions with what the server says it should hold; a partition
that differs is named, and the server sends its records whole again (re-pull), which
heals without deleting anything the laptop holds unsent.

The rule of which partition a record belongs to lives here, once, for both sides: the
server keeps its sums per partition as changes are written (``server/sync/checksum.py``),
the laptop computes the same over its register's field versions (``local_sums``).

Partitions, by what decides who sees a record (``services/access.py``):

- ``requests:<area>:<level>`` — a request that is not deleted, by its area and the
  highest level it reached, with everything recorded about it (contacts, follow-ups,
  arranged help, history; tombstones too, as the laptop holds them);
- ``professionals:<area>:<level>`` — the request's contacts marked "professionals only";
- ``residents:<area>:<reach>`` — a resident (not deleted, not merged), by their own area
  and the highest level any of their live requests reached (``none`` without one); a
  resident with a live request in another area than their own is ``wide``, and counted
  per device instead (below);
- ``helpers:<area>`` — a neighbourhood helper that is not deleted;
- ``projection:<area>`` — the administrator's: the requests of an area (their
  projection holds no highest level), the sum of its ``requests:`` partitions'
  projections.

A device's answer is the sum of the partitions its user's role sees, plus ``device``:
the records it holds for reasons no whole partition covers — today the ``wide``
residents it sees, found by the access policy's own SQL face. The administrator sees
the requests' projection only (``ADMIN_PROJECTION``), hashed over those fields alone.

Only records with field versions count: a laptop's record that never reached the server
has none, so unsent work never makes a mismatch. The directory (areas, teams, users)
reaches every device whole and is not part of these sums.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..enums import Level
from ..models import (
    ArrangedHelp,
    Base,
    Contact,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
from ..models.local import HeldChecksum, HeldChecksumSum, SyncState
from ..services.access import (
    Principal,
    administers,
    helper_area_ids,
    request_scope,
    resident_area_ids,
)
from ..services.changes import _LOCAL_COLUMNS as _NOT_SENT
from ..services.changes import field_versions

# Sums are kept modulo 2**40: a record's hash is below it, so SQL's SUM over millions of
# rows stays far inside a 64-bit integer on SQLite.
BITS = 40
MOD = 1 << BITS

# What an administrator's device holds of a request: no content (D5).
ADMIN_PROJECTION = ("reference", "area_id", "level", "status", "owner_id")

REQUESTS = "help_requests"
RESIDENTS = "residents"
HELPERS = "helpers"
CONTACTS = "contacts"
CHILDREN = ("contacts", "follow_ups", "arranged_help", "history_events")
TREE = (REQUESTS, *CHILDREN)
CHECKED = (*TREE, RESIDENTS, HELPERS)
_MODELS: dict[str, type[Base]] = {
    model.__tablename__: model
    for model in (HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent, Resident, Helper)
}

DEVICE = "device"  # the per-device part of an answer
PROJECTION = "projection"  # an administrator's
WIDE = "wide"  # a resident counted per device, never in a whole partition
NO_REQUEST = "none"
_LEVELS = frozenset(level.value for level in Level)

# A tree's slots: everything anyone who sees the request holds, and the contacts marked
# "professionals only".
ALL, PROFESSIONALS = "a", "p"


# An id, or its text as ``str(uuid.UUID)`` writes it (the laptop reads ids as text).
Id = uuid.UUID | str


def record_hash(entity: str, record_id: Id, versions: Mapping[str, int]) -> int:
    """H(entity, id, sorted (field, version)), below ``MOD``, over the fields a record
    sent whole carries (``created_at`` and ``updated_at`` are each side's own)."""
    text = f"{entity}|{record_id}|" + ";".join(
        f"{name}={versions[name]}" for name in sorted(versions) if name not in _NOT_SENT
    )
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=BITS // 8).digest(), "big")


def projection_hash(record_id: Id, versions: Mapping[str, int]) -> int | None:
    """A request's hash as an administrator's device holds it; None without those fields."""
    projected = {name: versions[name] for name in ADMIN_PROJECTION if name in versions}
    return record_hash(REQUESTS, record_id, projected) if projected else None


# --- The partition of a record, for both sides -----------------------------------------


def tree_base(area_id: Id, highest_level: Level | str, deleted: bool) -> str | None:
    """Where a request's tree is: its area and highest level reached; None when deleted
    (no device holds it)."""
    return None if deleted else f"{area_id}:{Level(highest_level).value}"


def tree_partition(base: str, slot: str) -> str:
    return f"{'professionals' if slot == PROFESSIONALS else 'requests'}:{base}"


def member_slot(entity: str, professionals_only: bool) -> str:
    return PROFESSIONALS if entity == CONTACTS and professionals_only else ALL


def resident_partition(
    area_id: Id, gone: bool, live_requests: Iterable[tuple[Id, Level | str]]
) -> str | None:
    """``live_requests``: (area, highest level) of the resident's requests not deleted."""
    if gone:
        return None
    reach: Level | None = None
    for request_area, level in live_requests:
        if request_area != area_id:
            return WIDE
        level = Level(level)
        if reach is None or level.rank > reach.rank:
            reach = level
    return f"residents:{area_id}:{reach.value if reach else NO_REQUEST}"


def helper_partition(area_id: Id, deleted: bool) -> str | None:
    return None if deleted else f"helpers:{area_id}"


def projection_partition(area_id: Id) -> str:
    return f"{PROJECTION}:{area_id}"


def sees(principal: Principal, partition: str) -> bool:
    """Whether the principal's device holds the records of ``partition`` (the policy's
    scope, read through ``services/access.py``)."""
    kind, _, rest = partition.partition(":")
    if kind == DEVICE:
        return True
    try:
        area_text, _, level_text = rest.partition(":")
        area_id = uuid.UUID(area_text)
    except ValueError:
        return False
    if kind == HELPERS:
        return not level_text and area_id in helper_area_ids(principal)
    scope = request_scope(principal)
    if administers(principal):
        return kind == PROJECTION and not level_text
    if scope is None:
        return False
    if kind == RESIDENTS:
        if level_text == NO_REQUEST:
            return area_id in resident_area_ids(principal)
        return area_id in resident_area_ids(principal) or _sees_tree(principal, area_id, level_text)
    if kind == "requests":
        return _sees_tree(principal, area_id, level_text)
    if kind == "professionals":
        return scope.sees_professionals_only and _sees_tree(principal, area_id, level_text)
    return False


def _sees_tree(principal: Principal, area_id: uuid.UUID, level_text: str) -> bool:
    scope = request_scope(principal)
    if scope is None or level_text not in _LEVELS:
        return False
    if scope.area_ids is not None and area_id not in scope.area_ids:
        return False
    return Level(level_text).rank >= scope.min_highest_level.rank


# --- Sums ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sum:
    """How many records, and the sum of their hashes modulo ``MOD``."""

    count: int = 0
    hash: int = 0

    def __add__(self, other: Sum) -> Sum:
        return Sum(self.count + other.count, (self.hash + other.hash) % MOD)


def combined(sums: Mapping[str, Sum]) -> Sum:
    total = Sum()
    for value in sums.values():
        total += value
    return total


def differing(mine: Mapping[str, Sum], theirs: Mapping[str, Sum]) -> list[str]:
    """The partitions whose sums differ (a partition missing on one side is empty)."""
    return sorted(
        name for name in set(mine) | set(theirs) if mine.get(name, Sum()) != theirs.get(name, Sum())
    )


# --- The laptop's side -----------------------------------------------------------------

# What the laptop's kept sums are made for (``SyncState.checksum_sums_for``).
CONTENT, PROJECTED = "content", "projection"
_CHUNK = 2000  # records placed and hashed per statement


def local_sums(
    session: Session, principal: Principal, device_records: Iterable[uuid.UUID] = ()
) -> dict[str, Sum]:
    """The laptop's sums per partition over the records it holds with field versions.

    Kept, not computed from scratch: each record's partition and hash live in
    ``HeldChecksum``, the partitions' sums in ``HeldChecksumSum``; triggers mark a
    record stale when its versions or what places it change, and this computes the
    stale ones again and moves the sums by the difference (everything, once, when the
    sums are to be made anew). So it writes, in the caller's transaction.

    ``device_records`` are the records the server counts in the device's own part
    (the server's answer names them): the laptop cannot tell from what it holds whether
    a resident has a request it does not see.
    """
    refresh(session, PROJECTED if administers(principal) else CONTENT)
    sums: dict[str, Sum] = {
        row.partition: Sum(row.count, row.hash % MOD)
        for row in session.scalars(select(HeldChecksumSum).where(HeldChecksumSum.count != 0))
    }
    device = list(dict.fromkeys(device_records))
    for start in range(0, len(device), _CHUNK):
        for row in session.execute(
            select(HeldChecksum.partition, HeldChecksum.hash).where(
                HeldChecksum.entity == RESIDENTS,
                HeldChecksum.record_id.in_(device[start : start + _CHUNK]),
                HeldChecksum.hash.is_not(None),
            )
        ):
            if _counted(row.partition):
                sums[row.partition] = _moved(sums.get(row.partition, Sum()), -1, row.hash)
            sums[DEVICE] = _moved(sums.get(DEVICE, Sum()), 1, row.hash)
    return {name: value for name, value in sums.items() if value != Sum()}


def refresh(session: Session, made_for: str) -> int:
    """Compute the stale records' parts again and move the partitions' sums; the
    number of records computed.

    In SQL over the ids as the register stores them (32 hex digits): made anew, this
    reads 250,000 records for a supporter of a large village, and making an object of
    every id would cost more than hashing them."""
    state = session.get_one(SyncState, 1)
    connection = session.connection()
    if state.checksum_sums_for != made_for:
        # Made anew: every record with field versions is stale.
        session.execute(delete(HeldChecksum))
        session.execute(delete(HeldChecksumSum))
        checked = ", ".join(f"'{entity}'" for entity in CHECKED)
        connection.exec_driver_sql(
            "INSERT INTO held_checksums (entity, record_id, stale) SELECT DISTINCT "
            f"entity, record_id, 1 FROM field_versions WHERE entity IN ({checked})"
        )
        state.checksum_sums_for = made_for
        session.flush()
    stale: dict[str, list[tuple[str, str | None, int | None]]] = defaultdict(list)
    for entity, record_id, partition, value in connection.exec_driver_sql(
        "SELECT entity, record_id, partition, hash FROM held_checksums WHERE stale = 1"
    ):
        stale[entity].append((record_id, partition, value))
    deltas: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    computed = 0
    for entity, rows in stale.items():
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            computed += len(chunk)
            _compute(connection, entity, chunk, made_for, deltas)
    for partition, (count, hash_sum) in sorted(deltas.items()):
        if count or hash_sum % MOD:
            upsert = sqlite_insert(HeldChecksumSum).values(
                partition=partition, count=count, hash=hash_sum % MOD
            )
            session.execute(
                upsert.on_conflict_do_update(
                    index_elements=["partition"],
                    set_={
                        "count": HeldChecksumSum.count + count,
                        "hash": (HeldChecksumSum.hash + hash_sum % MOD) % MOD,
                    },
                )
            )
    return computed


def _compute(
    connection: Connection,
    entity: str,
    rows: list[tuple[str, str | None, int | None]],
    made_for: str,
    deltas: dict[str, list[int]],
) -> None:
    """One table's stale records: placed, hashed, written, the sums' deltas noted."""
    ids = [record_id for record_id, _, _ in rows]
    model = _MODELS[entity]
    fields: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for record_id, name, version in _select(
        connection,
        "SELECT record_id, field, version FROM field_versions WHERE entity = ? AND record_id",
        ids,
        entity,
    ):
        fields[record_id].append((name, version))
    places = _places(connection, entity, ids, made_for)
    gone: list[str] = []
    updates: list[tuple[str | None, str | None, int | None, str, str]] = []
    for record_id, old_partition, old_hash in rows:
        if _counted(old_partition) and old_hash is not None:
            delta = deltas[old_partition]
            delta[0], delta[1] = delta[0] - 1, delta[1] - old_hash
        if record_id not in fields:
            gone.append(record_id)  # no versions (purged): counts nowhere
            continue
        versions = field_versions(model, fields[record_id])
        partition, request_id = places.get(record_id, (None, None))
        value = (
            projection_hash(_dashed(record_id), versions)
            if made_for == PROJECTED
            else record_hash(entity, _dashed(record_id), versions)
        )
        if _counted(partition) and value is not None:
            delta = deltas[partition]
            delta[0], delta[1] = delta[0] + 1, delta[1] + value
        updates.append((request_id, partition, value, entity, record_id))
    for start in range(0, len(gone), _CHUNK):
        part = gone[start : start + _CHUNK]
        connection.exec_driver_sql(
            f"DELETE FROM held_checksums WHERE entity = ? AND record_id IN ({_marks(part)})",
            (entity, *part),
        )
    if updates:
        connection.exec_driver_sql(
            "UPDATE held_checksums SET request_id = ?, partition = ?, hash = ?, stale = 0 "
            "WHERE entity = ? AND record_id = ?",
            updates,
        )


def _select(connection: Connection, query: str, ids: list[str], *before: Any) -> list[Any]:
    """``query`` ending in a column, ``IN`` the ``ids``; ``before``: its earlier
    parameters."""
    return list(connection.exec_driver_sql(f"{query} IN ({_marks(ids)})", (*before, *ids)).all())


def _marks(ids: list[str]) -> str:
    return ", ".join("?" * len(ids))


def _dashed(hex_id: str) -> str:
    """An id as ``str(uuid.UUID)`` writes it, which the hashes and partitions use."""
    return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"


def _counted(partition: str | None) -> TypeGuard[str]:
    return partition is not None and partition != WIDE


def _moved(value: Sum, count: int, hash_value: int) -> Sum:
    return Sum(value.count + count, (value.hash + count * hash_value) % MOD)


def _places(
    connection: Connection, entity: str, ids: list[str], made_for: str
) -> dict[str, tuple[str | None, str | None]]:
    """Each record's partition and request, from what the register holds now."""
    if made_for == PROJECTED:
        if entity != REQUESTS:
            return {}
        return {
            record_id: (None if deleted else projection_partition(_dashed(area_id)), record_id)
            for record_id, area_id, deleted in _select(
                connection,
                "SELECT id, area_id, deleted_at IS NOT NULL FROM help_requests WHERE id",
                ids,
            )
        }
    if entity == RESIDENTS:
        live: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for resident_id, area_id, level in _select(
            connection,
            "SELECT resident_id, area_id, highest_level FROM help_requests "
            "WHERE deleted_at IS NULL AND resident_id",
            ids,
        ):
            live[resident_id].append((_dashed(area_id), level))
        return {
            record_id: (
                resident_partition(_dashed(area_id), bool(gone), live.get(record_id, ())),
                None,
            )
            for record_id, area_id, gone in _select(
                connection,
                "SELECT id, area_id, deleted_at IS NOT NULL OR merged_into_id IS NOT NULL "
                "FROM residents WHERE id",
                ids,
            )
        }
    if entity == HELPERS:
        return {
            record_id: (helper_partition(_dashed(area_id), bool(deleted)), None)
            for record_id, area_id, deleted in _select(
                connection, "SELECT id, area_id, deleted_at IS NOT NULL FROM helpers WHERE id", ids
            )
        }
    # A request's tree: the request itself, or a record about it.
    members: dict[str, tuple[str, bool]]
    if entity == REQUESTS:
        members = {record_id: (record_id, False) for record_id in ids}
    else:
        flag = "professionals_only" if entity == CONTACTS else "0"
        members = {
            record_id: (request_id, bool(professionals_only))
            for record_id, request_id, professionals_only in _select(
                connection, f"SELECT id, request_id, {flag} FROM {entity} WHERE id", ids
            )
        }
    wanted = list({request_id for request_id, _ in members.values()})
    requests = {
        request_id: tree_base(_dashed(area_id), level, bool(deleted))
        for request_id, area_id, level, deleted in _select(
            connection,
            "SELECT id, area_id, highest_level, deleted_at IS NOT NULL FROM help_requests WHERE id",
            wanted,
        )
    }
    return {
        record_id: (
            tree_partition(base, member_slot(entity, professionals_only))
            if (base := requests.get(request_id))
            else None,
            request_id,
        )
        for record_id, (request_id, professionals_only) in members.items()
    }
