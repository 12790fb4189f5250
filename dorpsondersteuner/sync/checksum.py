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

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import Level
from ..models import (
    ArrangedHelp,
    Contact,
    FieldVersion,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
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
_CHECKED_MODELS = (HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent, Resident, Helper)

DEVICE = "device"  # the per-device part of an answer
PROJECTION = "projection"  # an administrator's
WIDE = "wide"  # a resident counted per device, never in a whole partition
NO_REQUEST = "none"
_LEVELS = frozenset(level.value for level in Level)

# A tree's slots: everything anyone who sees the request holds, and the contacts marked
# "professionals only".
ALL, PROFESSIONALS = "a", "p"


def record_hash(entity: str, record_id: uuid.UUID, versions: Mapping[str, int]) -> int:
    """H(entity, id, sorted (field, version)), below ``MOD``, over the fields a record
    sent whole carries (``created_at`` and ``updated_at`` are each side's own)."""
    text = f"{entity}|{record_id}|" + ";".join(
        f"{name}={versions[name]}" for name in sorted(versions) if name not in _NOT_SENT
    )
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=BITS // 8).digest(), "big")


def projection_hash(record_id: uuid.UUID, versions: Mapping[str, int]) -> int | None:
    """A request's hash as an administrator's device holds it; None without those fields."""
    projected = {name: versions[name] for name in ADMIN_PROJECTION if name in versions}
    return record_hash(REQUESTS, record_id, projected) if projected else None


# --- The partition of a record, for both sides -----------------------------------------


def tree_base(area_id: uuid.UUID, highest_level: Level | str, deleted: bool) -> str | None:
    """Where a request's tree is: its area and highest level reached; None when deleted
    (no device holds it)."""
    return None if deleted else f"{area_id}:{Level(highest_level).value}"


def tree_partition(base: str, slot: str) -> str:
    return f"{'professionals' if slot == PROFESSIONALS else 'requests'}:{base}"


def member_slot(entity: str, professionals_only: bool) -> str:
    return PROFESSIONALS if entity == CONTACTS and professionals_only else ALL


def resident_partition(
    area_id: uuid.UUID, gone: bool, live_requests: Iterable[tuple[uuid.UUID, Level | str]]
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


def helper_partition(area_id: uuid.UUID, deleted: bool) -> str | None:
    return None if deleted else f"helpers:{area_id}"


def projection_partition(area_id: uuid.UUID | str) -> str:
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


def local_sums(
    session: Session, principal: Principal, device_records: Iterable[uuid.UUID] = ()
) -> dict[str, Sum]:
    """The laptop's sums per partition over its register's field versions.

    ``device_records`` are the records the server counts in the device's own part
    (the server's answer names them): the laptop cannot tell from what it holds whether
    a resident has a request it does not see.
    """
    rows: dict[tuple[str, uuid.UUID], list[tuple[str, int]]] = defaultdict(list)
    for row in session.execute(
        select(
            FieldVersion.entity, FieldVersion.record_id, FieldVersion.field, FieldVersion.version
        ).where(FieldVersion.entity.in_(CHECKED))
    ):
        rows[(row.entity, row.record_id)].append((row.field, row.version))
    models = {model.__tablename__: model for model in _CHECKED_MODELS}
    versions = {key: field_versions(models[key[0]], fields) for key, fields in rows.items()}
    requests = {
        row.id: (row.area_id, row.highest_level, row.deleted_at is not None, row.resident_id)
        for row in session.execute(
            select(
                HelpRequest.id,
                HelpRequest.area_id,
                HelpRequest.highest_level,
                HelpRequest.deleted_at,
                HelpRequest.resident_id,
            )
        )
    }
    sums: dict[str, Sum] = defaultdict(Sum)

    def add(partition: str | None, value: int | None) -> None:
        if partition is not None and value is not None:
            sums[partition] += Sum(1, value)

    if administers(principal):
        for (entity, record_id), fields in versions.items():
            facts = requests.get(record_id) if entity == REQUESTS else None
            if facts is not None and not facts[2]:
                add(projection_partition(facts[0]), projection_hash(record_id, fields))
        return dict(sums)

    children = _children(session)
    live: dict[uuid.UUID, list[tuple[uuid.UUID, Level]]] = defaultdict(list)
    for area_id, level, deleted, resident_id in requests.values():
        if not deleted:
            live[resident_id].append((area_id, level))
    residents = {
        row.id: (row.area_id, row.deleted_at is not None or row.merged_into_id is not None)
        for row in session.execute(
            select(Resident.id, Resident.area_id, Resident.deleted_at, Resident.merged_into_id)
        )
    }
    helpers = {
        row.id: (row.area_id, row.deleted_at is not None)
        for row in session.execute(select(Helper.id, Helper.area_id, Helper.deleted_at))
    }
    device = set(device_records)
    for (entity, record_id), fields in versions.items():
        value = record_hash(entity, record_id, fields)
        if entity == RESIDENTS:
            if record_id in device:
                add(DEVICE, value)
            elif record_id in residents:
                area_id, gone = residents[record_id]
                partition = resident_partition(area_id, gone, live.get(record_id, ()))
                add(None if partition == WIDE else partition, value)
        elif entity == HELPERS:
            if record_id in helpers:
                add(helper_partition(*helpers[record_id]), value)
        elif entity in TREE:
            placed = (record_id, False) if entity == REQUESTS else children.get((entity, record_id))
            if placed is None or placed[0] not in requests:
                continue
            area_id, level, deleted, _ = requests[placed[0]]
            base = tree_base(area_id, level, deleted)
            if base is not None:
                add(tree_partition(base, member_slot(entity, placed[1])), value)
    return dict(sums)


def _children(session: Session) -> dict[tuple[str, uuid.UUID], tuple[uuid.UUID, bool]]:
    """Each child record: its request, and whether it is marked "professionals only"."""
    found: dict[tuple[str, uuid.UUID], tuple[uuid.UUID, bool]] = {}
    for row in session.execute(select(Contact.id, Contact.request_id, Contact.professionals_only)):
        found[(CONTACTS, row.id)] = (row.request_id, bool(row.professionals_only))
    for model in (FollowUp, ArrangedHelp, HistoryEvent):
        for record_id, request_id in session.execute(select(model.id, model.request_id)):
            found[(model.__tablename__, record_id)] = (request_id, False)
    return found
