"""The server's checksums (rule 12): count and hash per partition, kept as changes are
written, so an answer costs a few rows, never a scan.

Which partition a record counts in, and how it is hashed, is ``sync/checksum.py``'s
rule, shared with the laptop. Three tables hold the sums:

- ``checksum_records``: each record's hash from its field stamps, and where it counts;
- ``checksum_trees``: the sums of each request's tree (the request and everything
  recorded about it), so a request that changes area or highest level, or is deleted,
  moves between partitions as one row;
- ``checksum_partitions``: the sums per partition, and the administrator's projection.

``note`` is called by ``changelog.write`` for every change it logs, under the counter's
lock, so writers update the sums one after the other and a reader that sees a sequence
number sees the sums of exactly that state. ``rebuild`` computes every table from the
field stamps and gives the same rows (a bulk load and a restore call it).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, delete, insert, or_, select, text, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ...enums import Level
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
from ...services.access import Principal, administers, visible_residents
from ...sync.checksum import (
    ALL,
    CHECKED,
    CHILDREN,
    CONTACTS,
    DEVICE,
    HELPERS,
    MOD,
    PROFESSIONALS,
    PROJECTION,
    REQUESTS,
    RESIDENTS,
    TREE,
    WIDE,
    Sum,
    combined,
    helper_partition,
    member_slot,
    projection_hash,
    projection_partition,
    record_hash,
    resident_partition,
    sees,
    tree_base,
    tree_partition,
)
from ...sync.protocol import ChecksumAnswer, PartitionSum
from ..models import ChecksumPartition, ChecksumRecord, ChecksumTree, DeviceScope, FieldStamp

_MODELS: dict[str, type[Base]] = {
    model.__tablename__: model
    for model in (HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent, Resident, Helper)
}

T = TypeVar("T")

# partition -> [count, hash, projection count, projection hash], changes to apply
Deltas = defaultdict[str, list[int]]


def _deltas() -> Deltas:
    return defaultdict(lambda: [0, 0, 0, 0])


# --- Kept as changes are written -------------------------------------------------------


def note(
    session: Session,
    records: Sequence[tuple[str, uuid.UUID]],
    known: dict[tuple[str, uuid.UUID], dict[str, int]] | None = None,
) -> None:
    """Move the sums for the changed ``records`` (entity, id), already applied and
    stamped in this session; ``known``: their field versions now, when the caller
    knows them (else they are read).

    Under the counter's lock, so set-wise: the rows it reads come in a few statements
    (``_preload``), are changed in memory, and are written back with a statement per
    table (``_write``, ``_apply``), however many records changed."""
    keys = [key for key in dict.fromkeys(records) if key[0] in CHECKED]
    if not keys:
        return
    keys.sort(key=lambda key: key[0] != REQUESTS)  # a request before its records
    session.flush()
    stamps = _stamps(session, keys) if known is None else known
    _preload(session, keys)
    deltas = _deltas()
    residents: dict[uuid.UUID, None] = {}  # to place again, in order
    trees: dict[uuid.UUID, None] = {}  # touched, to drop when nothing counts in them
    for entity, record_id in keys:
        versions = stamps.get((entity, record_id), {})
        if entity in TREE:
            trees.update(
                dict.fromkeys(_member(session, entity, record_id, versions, deltas, residents))
            )
        elif entity == HELPERS:
            _helper(session, record_id, versions, deltas)
        else:
            residents[record_id] = None
    if residents:
        _residents(session, list(residents), stamps, deltas)
    for request_id in trees:
        tree = _get(session, ChecksumTree, request_id)
        if tree is not None and not (tree.count_all or tree.count_professionals or tree.proj_count):
            _put(session, ChecksumTree, request_id, None)
    _write(session)
    _apply(session, deltas)


# Rows read for one ``note`` in a few queries, and which were not there (None), as
# detached copies: ``note`` changes them in memory and ``_write`` writes what differs
# from what was read (``_READ``).
_CACHE = "checksum_rows"
_READ = "checksum_rows_read"
_COLUMNS: dict[type, tuple[str, ...]] = {
    ChecksumRecord: ("entity", "record_id", "hash", "request_id", "slot", "partition"),
    ChecksumTree: (
        "request_id",
        "base",
        "resident_id",
        "count_all",
        "hash_all",
        "count_professionals",
        "hash_professionals",
        "proj_count",
        "proj_hash",
    ),
}


def _values(model: type, row: Any) -> tuple[Any, ...] | None:
    return None if row is None else tuple(getattr(row, name) for name in _COLUMNS[model])


def _load(session: Session, model: type, keys: Iterable[Any], where: Any) -> None:
    """Rows of ``model`` into the cache, as detached copies; ``keys`` not found: None."""
    cache = session.info[_CACHE]
    read = session.info[_READ]
    for key in keys:
        cache[(model, key)] = read[(model, key)] = None
    columns = _COLUMNS[model]
    for found in session.execute(select(*(getattr(model, name) for name in columns)).where(where)):
        row = model(**dict(zip(columns, found, strict=True)))
        key = (found[0], found[1]) if model is ChecksumRecord else found[0]
        if (model, key) in cache:
            cache[(model, key)] = row
            read[(model, key)] = tuple(found)


def _preload(session: Session, keys: Sequence[tuple[str, uuid.UUID]]) -> None:
    """The checksum rows of ``keys`` and of the trees they count in, and what places
    them (``_facts``), a statement per table and entity: the primary keys lead with the
    entity."""
    session.info[_CACHE], session.info[_READ] = {}, {}
    ids_of: dict[str, list[uuid.UUID]] = defaultdict(list)
    for entity, record_id in keys:
        ids_of[entity].append(record_id)
    _load(
        session, ChecksumRecord, keys, _keyed(ChecksumRecord.entity, ChecksumRecord.record_id, keys)
    )
    requests = set(ids_of.get(REQUESTS, ()))
    for entity, ids in ids_of.items():
        if entity in CHILDREN:
            requests.update(facts[0] for facts in _facts(session, entity, ids) if facts)
    for key in keys:
        row = _get(session, ChecksumRecord, key)
        if row is not None and row.request_id is not None:
            requests.add(row.request_id)
    if requests:
        _load(session, ChecksumTree, requests, ChecksumTree.request_id.in_(requests))
        _facts(session, REQUESTS, list(requests))


def _facts(session: Session, entity: str, ids: Sequence[uuid.UUID]) -> list[Any]:
    """Into the cache, what places each record of a request's tree: a request's area,
    highest level, whether it is deleted, its resident; a record's request and whether
    it is a contact marked "professionals only". None: no such record."""
    model: Any = _MODELS[entity]
    if entity == REQUESTS:
        columns = [model.area_id, model.highest_level, model.deleted_at, model.resident_id]
    else:
        columns = [model.request_id]
        if entity == CONTACTS:
            columns.append(model.professionals_only)
    cache = session.info[_CACHE]
    for record_id in ids:
        cache[(model, record_id)] = None
    for row in session.execute(select(model.id, *columns).where(model.id.in_(ids))):
        facts: tuple[Any, ...]
        if entity == REQUESTS:
            facts = (row[1], row[2], row[3] is not None, row[4])
        else:
            facts = (row[1], bool(row[2]) if entity == CONTACTS else False)
        cache[(model, row[0])] = facts
    return [cache[(model, record_id)] for record_id in ids]


def _fact(session: Session, entity: str, record_id: uuid.UUID) -> tuple[Any, ...] | None:
    """What ``_facts`` read of a record."""
    return session.info[_CACHE][(_MODELS[entity], record_id)]  # type: ignore[no-any-return]


def _get(session: Session, model: type[T], key: Any) -> T | None:
    return session.info[_CACHE][(model, key)]  # type: ignore[no-any-return]


def _put(session: Session, model: type, key: Any, row: Any) -> None:
    session.info[_CACHE][(model, key)] = row


def _write(session: Session) -> None:
    """The rows ``note`` changed, added or dropped, with a statement per table and kind."""
    cache: dict[tuple[type, Any], Any] = session.info.pop(_CACHE)
    read: dict[tuple[type, Any], Any] = session.info.pop(_READ)
    connection = session.connection()
    for model in (ChecksumRecord, ChecksumTree):
        changed: list[dict[str, Any]] = []
        dropped: list[Any] = []
        for (kind, key), row in sorted(
            cache.items(), key=lambda item: str(item[0][1])
        ):  # one order for every writer
            if kind is not model:
                continue
            values = _values(model, row)
            if values == read.get((model, key)):
                continue
            if values is None:
                dropped.append(key)
            else:
                changed.append(dict(zip(_COLUMNS[model], values, strict=True)))
        if dropped:
            key_columns = (
                tuple_(ChecksumRecord.entity, ChecksumRecord.record_id)
                if model is ChecksumRecord
                else ChecksumTree.request_id
            )
            connection.execute(delete(model).where(key_columns.in_(dropped)))
        if changed:
            keys = ["entity", "record_id"] if model is ChecksumRecord else ["request_id"]
            connection.execute(_upsert(connection.dialect.name, model, keys), changed)


def _upsert(dialect: str, model: type, keys: list[str]) -> Any:
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)
    return statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: statement.excluded[name] for name in _COLUMNS[model] if name not in keys},
    )


def stamped(
    session: Session, records: Iterable[tuple[str, uuid.UUID]]
) -> dict[tuple[str, uuid.UUID], dict[str, int]]:
    """The field versions of ``records`` (entity, id) that count in the checksums."""
    return _stamps(session, [key for key in dict.fromkeys(records) if key[0] in CHECKED])


def _stamps(
    session: Session, keys: Sequence[tuple[str, uuid.UUID]]
) -> dict[tuple[str, uuid.UUID], dict[str, int]]:
    found: dict[tuple[str, uuid.UUID], dict[str, int]] = defaultdict(dict)
    for start in range(0, len(keys), 500):
        where = _keyed(FieldStamp.entity, FieldStamp.record_id, keys[start : start + 500])
        for row in session.execute(
            select(
                FieldStamp.entity, FieldStamp.record_id, FieldStamp.field, FieldStamp.version
            ).where(where)
        ):
            found[(row.entity, row.record_id)][row.field] = row.version
    return found


def _keyed(entity: Any, record_id: Any, keys: Iterable[tuple[str, uuid.UUID]]) -> Any:
    """Rows of ``keys`` (entity, id), in one statement that uses the primary key, which
    leads with the entity: an IN per entity."""
    ids_of: dict[str, list[uuid.UUID]] = defaultdict(list)
    for key in keys:
        ids_of[key[0]].append(key[1])
    return or_(*(and_(entity == name, record_id.in_(ids)) for name, ids in ids_of.items()))


def _member(
    session: Session,
    entity: str,
    record_id: uuid.UUID,
    versions: dict[str, int],
    deltas: Deltas,
    residents: dict[uuid.UUID, None],
) -> list[uuid.UUID]:
    """A record of a request's tree (the request itself too) changed: the trees it
    counted in and counts in now."""
    touched: list[uuid.UUID] = []
    row = _get(session, ChecksumRecord, (entity, record_id))
    if row is not None and row.request_id is not None:
        old_tree = _get(session, ChecksumTree, row.request_id)
        if old_tree is not None:
            _tree_add(old_tree, row.slot or ALL, -1, -row.hash, deltas)
            if entity == REQUESTS:
                _tree_projection(old_tree, None, deltas)
            touched.append(row.request_id)
    facts = _fact(session, entity, record_id)
    if facts is None or not versions:
        if row is not None:
            _put(session, ChecksumRecord, (entity, record_id), None)
        return touched
    request_id = record_id if entity == REQUESTS else facts[0]
    slot = member_slot(entity, entity != REQUESTS and facts[1])
    value = record_hash(entity, record_id, versions)
    tree = _tree(session, request_id, deltas, residents)
    _tree_add(tree, slot, 1, value, deltas)
    if entity == REQUESTS:
        _tree_projection(tree, projection_hash(record_id, versions), deltas)
    if row is None:
        row = ChecksumRecord(
            entity=entity, record_id=record_id, hash=value, request_id=request_id, slot=slot
        )
        _put(session, ChecksumRecord, (entity, record_id), row)
    else:
        row.hash, row.request_id, row.slot, row.partition = value, request_id, slot, None
    return [*touched, request_id]


def _tree(
    session: Session, request_id: uuid.UUID, deltas: Deltas, residents: dict[uuid.UUID, None]
) -> ChecksumTree:
    """The request's tree, where its request is now: moved whole when its area or
    highest level changed, or it was deleted (its resident's place may change too)."""
    tree = _get(session, ChecksumTree, request_id)
    request = _fact(session, REQUESTS, request_id)
    base = tree_base(*request[:3]) if request is not None else None
    resident_id = request[3] if request is not None else None
    if tree is None:
        tree = ChecksumTree(
            request_id=request_id,
            base=base,
            resident_id=resident_id,
            count_all=0,
            hash_all=0,
            count_professionals=0,
            hash_professionals=0,
            proj_count=0,
            proj_hash=0,
        )
        _put(session, ChecksumTree, request_id, tree)
        if resident_id is not None:
            residents[resident_id] = None
        return tree
    if tree.base != base:
        for slot, count, value in (
            (ALL, tree.count_all, tree.hash_all),
            (PROFESSIONALS, tree.count_professionals, tree.hash_professionals),
        ):
            _move(deltas, tree.base, base, slot, count, value)
        if tree.base is not None:
            _add(deltas, tree_partition(tree.base, ALL), 0, 0, -tree.proj_count, -tree.proj_hash)
        if base is not None:
            _add(deltas, tree_partition(base, ALL), 0, 0, tree.proj_count, tree.proj_hash)
        tree.base = base
        if resident_id is not None:
            residents[resident_id] = None
    if tree.resident_id != resident_id:
        for moved in (tree.resident_id, resident_id):
            if moved is not None:
                residents[moved] = None
        tree.resident_id = resident_id
    return tree


def _move(
    deltas: Deltas, old: str | None, new: str | None, slot: str, count: int, value: int
) -> None:
    if old is not None:
        _add(deltas, tree_partition(old, slot), -count, -value)
    if new is not None:
        _add(deltas, tree_partition(new, slot), count, value)


def _tree_add(tree: ChecksumTree, slot: str, count: int, value: int, deltas: Deltas) -> None:
    if slot == PROFESSIONALS:
        tree.count_professionals += count
        tree.hash_professionals = (tree.hash_professionals + value) % MOD
    else:
        tree.count_all += count
        tree.hash_all = (tree.hash_all + value) % MOD
    if tree.base is not None:
        _add(deltas, tree_partition(tree.base, slot), count, value)


def _tree_projection(tree: ChecksumTree, value: int | None, deltas: Deltas) -> None:
    """The request's own hash as an administrator holds it: ``value``, or none."""
    count = 0 if value is None else 1
    if tree.base is not None:
        _add(
            deltas,
            tree_partition(tree.base, ALL),
            0,
            0,
            count - tree.proj_count,
            (value or 0) - tree.proj_hash,
        )
    tree.proj_count, tree.proj_hash = count, value or 0


def _residents(
    session: Session,
    resident_ids: list[uuid.UUID],
    stamps: dict[tuple[str, uuid.UUID], dict[str, int]],
    deltas: Deltas,
) -> None:
    """Residents that changed, or whose requests did: their hashes and places, read for
    all of them at once."""
    cache = session.info[_CACHE]
    unread = [
        (RESIDENTS, key) for key in resident_ids if (ChecksumRecord, (RESIDENTS, key)) not in cache
    ]
    if unread:
        where = _keyed(ChecksumRecord.entity, ChecksumRecord.record_id, unread)
        _load(session, ChecksumRecord, unread, where)
    unstamped = [
        (RESIDENTS, key)
        for key in resident_ids
        if (RESIDENTS, key) not in stamps
        and _get(session, ChecksumRecord, (RESIDENTS, key)) is None
    ]
    stamped_before = _stamps(session, unstamped) if unstamped else {}
    people = {
        person.id: person
        for person in session.execute(
            select(
                Resident.id, Resident.area_id, Resident.deleted_at, Resident.merged_into_id
            ).where(Resident.id.in_(resident_ids))
        )
    }
    live: dict[uuid.UUID, list[tuple[uuid.UUID, Any]]] = defaultdict(list)
    for request in session.execute(
        select(HelpRequest.resident_id, HelpRequest.area_id, HelpRequest.highest_level).where(
            HelpRequest.resident_id.in_(resident_ids), HelpRequest.deleted_at.is_(None)
        )
    ):
        live[request.resident_id].append((request.area_id, request.highest_level))
    for resident_id in resident_ids:
        key = (RESIDENTS, resident_id)
        row = _get(session, ChecksumRecord, key)
        versions = stamps.get(key)
        if versions is None:
            # Without a row: its stamps; with one, the hash stands and only the place moves.
            versions = stamped_before.get(key) if row is None else {}
        _resident(session, resident_id, row, versions, people.get(resident_id), live, deltas)


def _resident(
    session: Session,
    resident_id: uuid.UUID,
    row: ChecksumRecord | None,
    versions: dict[str, int] | None,
    resident: Any,
    live: dict[uuid.UUID, list[tuple[uuid.UUID, Any]]],
    deltas: Deltas,
) -> None:
    """One resident's hash and place (``resident``: its row, None when gone)."""
    if row is not None and row.partition not in (None, WIDE):
        _add(deltas, row.partition, -1, -row.hash)
    if resident is None or (not versions and row is None):
        if row is not None:
            _put(session, ChecksumRecord, (RESIDENTS, resident_id), None)
        return
    value = record_hash(RESIDENTS, resident_id, versions) if versions else row.hash  # type: ignore[union-attr]
    partition = resident_partition(
        resident.area_id,
        resident.deleted_at is not None or resident.merged_into_id is not None,
        live.get(resident_id, ()),
    )
    if partition not in (None, WIDE):
        _add(deltas, partition, 1, value)
    if row is None:
        row = ChecksumRecord(
            entity=RESIDENTS, record_id=resident_id, hash=value, partition=partition
        )
        _put(session, ChecksumRecord, (RESIDENTS, resident_id), row)
    else:
        row.hash, row.partition = value, partition


def _helper(
    session: Session, helper_id: uuid.UUID, versions: dict[str, int], deltas: Deltas
) -> None:
    row = _get(session, ChecksumRecord, (HELPERS, helper_id))
    if row is not None and row.partition is not None:
        _add(deltas, row.partition, -1, -row.hash)
    helper = session.get(Helper, helper_id)
    if helper is None or not versions:
        if row is not None:
            _put(session, ChecksumRecord, (HELPERS, helper_id), None)
        return
    value = record_hash(HELPERS, helper_id, versions)
    partition = helper_partition(helper.area_id, helper.deleted_at is not None)
    if partition is not None:
        _add(deltas, partition, 1, value)
    if row is None:
        row = ChecksumRecord(entity=HELPERS, record_id=helper_id, hash=value, partition=partition)
        _put(session, ChecksumRecord, (HELPERS, helper_id), row)
    else:
        row.hash, row.partition = value, partition


def _add(
    deltas: Deltas, partition: str, count: int, value: int, proj_count: int = 0, proj: int = 0
) -> None:
    delta = deltas[partition]
    delta[0] += count
    delta[1] += value
    delta[2] += proj_count
    delta[3] += proj


def _apply(session: Session, deltas: Deltas) -> None:
    """The partitions' sums moved in SQL, in name order (every writer takes the rows in
    the same order), with one statement; those left empty are dropped with another."""
    names = sorted(
        name
        for name, (count, value, proj_count, proj) in deltas.items()
        if count or value % MOD or proj_count or proj % MOD
    )
    if not names:
        return
    connection = session.connection()
    dialect = connection.dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(ChecksumPartition)
    now, moved = ChecksumPartition, statement.excluded
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["partition"],
            set_={
                "count": now.count + moved.count,
                "hash": (now.hash + moved.hash) % MOD,
                "proj_count": now.proj_count + moved.proj_count,
                "proj_hash": (now.proj_hash + moved.proj_hash) % MOD,
            },
        ),
        [
            {
                "partition": name,
                "count": deltas[name][0],
                "hash": deltas[name][1] % MOD,
                "proj_count": deltas[name][2],
                "proj_hash": deltas[name][3] % MOD,
            }
            for name in names
        ],
    )
    connection.execute(
        delete(ChecksumPartition).where(
            ChecksumPartition.partition.in_(names),
            ChecksumPartition.count == 0,
            ChecksumPartition.hash == 0,
            ChecksumPartition.proj_count == 0,
            ChecksumPartition.proj_hash == 0,
        )
    )


# --- Rebuilt from the field stamps -----------------------------------------------------


def rebuild(session: Session) -> None:
    """Every checksum table from the field stamps, in the caller's transaction: the
    same rows ``note`` keeps (a bulk load or a restore calls this)."""
    for table in (ChecksumRecord, ChecksumTree, ChecksumPartition):
        session.execute(delete(table))
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
    owners: dict[str, dict[uuid.UUID, tuple[uuid.UUID, bool]]] = {
        CONTACTS: {
            row.id: (row.request_id, bool(row.professionals_only))
            for row in session.execute(
                select(Contact.id, Contact.request_id, Contact.professionals_only)
            )
        }
    }
    for model in (FollowUp, ArrangedHelp, HistoryEvent):
        owners[model.__tablename__] = {
            record_id: (request_id, False)
            for record_id, request_id in session.execute(select(model.id, model.request_id))
        }
    live: dict[uuid.UUID, list[tuple[uuid.UUID, Any]]] = defaultdict(list)
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
    trees: dict[uuid.UUID, list[int]] = {}  # request -> [count a, hash a, count p, hash p, pc, ph]
    deltas = _deltas()
    batch: list[dict[str, Any]] = []
    for entity, record_id, versions in _all_stamps(session):
        value = record_hash(entity, record_id, versions)
        row: dict[str, Any] = {
            "entity": entity,
            "record_id": record_id,
            "hash": value,
            "request_id": None,
            "slot": None,
            "partition": None,
        }
        if entity in TREE:
            if entity == REQUESTS:
                if record_id not in requests:
                    continue
                request_id, slot = record_id, ALL
            else:
                owner = owners[entity].get(record_id)
                if owner is None:
                    continue
                request_id, slot = owner[0], member_slot(entity, owner[1])
            sums = trees.setdefault(request_id, [0, 0, 0, 0, 0, 0])
            at = 2 if slot == PROFESSIONALS else 0
            sums[at] += 1
            sums[at + 1] = (sums[at + 1] + value) % MOD
            if entity == REQUESTS:
                projected = projection_hash(record_id, versions)
                if projected is not None:
                    sums[4], sums[5] = 1, projected
            row["request_id"], row["slot"] = request_id, slot
        elif entity == RESIDENTS:
            if record_id not in residents:
                continue
            area_id, gone = residents[record_id]
            row["partition"] = resident_partition(area_id, gone, live.get(record_id, ()))
            if row["partition"] not in (None, WIDE):
                _add(deltas, row["partition"], 1, value)
        else:
            if record_id not in helpers:
                continue
            row["partition"] = helper_partition(*helpers[record_id])
            if row["partition"] is not None:
                _add(deltas, row["partition"], 1, value)
        batch.append(row)
        if len(batch) >= 5000:
            session.execute(insert(ChecksumRecord), batch)
            batch = []
    if batch:
        session.execute(insert(ChecksumRecord), batch)
    tree_rows: list[dict[str, Any]] = []
    for request_id, sums in trees.items():
        facts = requests.get(request_id)
        base = tree_base(facts[0], facts[1], facts[2]) if facts else None
        if base is not None:
            _add(deltas, tree_partition(base, ALL), sums[0], sums[1], sums[4], sums[5])
            _add(deltas, tree_partition(base, PROFESSIONALS), sums[2], sums[3])
        tree_rows.append(
            {
                "request_id": request_id,
                "base": base,
                "resident_id": facts[3] if facts else None,
                "count_all": sums[0],
                "hash_all": sums[1],
                "count_professionals": sums[2],
                "hash_professionals": sums[3],
                "proj_count": sums[4],
                "proj_hash": sums[5],
            }
        )
        if len(tree_rows) >= 5000:
            session.execute(insert(ChecksumTree), tree_rows)
            tree_rows = []
    if tree_rows:
        session.execute(insert(ChecksumTree), tree_rows)
    partitions = [
        {
            "partition": name,
            "count": count,
            "hash": value % MOD,
            "proj_count": proj_count,
            "proj_hash": proj % MOD,
        }
        for name, (count, value, proj_count, proj) in sorted(deltas.items())
        if count or value % MOD or proj_count or proj % MOD
    ]
    if partitions:
        session.execute(insert(ChecksumPartition), partitions)


def _all_stamps(session: Session) -> Iterable[tuple[str, uuid.UUID, dict[str, int]]]:
    """Every checked record's field versions, one record at a time, streamed. Read as
    the driver gives them (no ORM rows, an id converted once per record, not per
    field): a rebuild reads every stamp of the database."""
    rows = session.connection().execute(
        text(
            "SELECT entity, record_id, field, version FROM field_stamps"
            " WHERE entity IN :entities ORDER BY entity, record_id"
        ).bindparams(bindparam("entities", expanding=True)),
        {"entities": list(CHECKED)},
        execution_options={"yield_per": 20_000},
    )
    key: tuple[str, Any] | None = None
    versions: dict[str, int] = {}
    for entity, record_id, name, version in rows:
        if (entity, record_id) != key:
            if key is not None:
                yield key[0], _as_uuid(key[1]), versions
            key, versions = (entity, record_id), {}
        versions[name] = version
    if key is not None:
        yield key[0], _as_uuid(key[1]), versions


def _as_uuid(value: Any) -> uuid.UUID:
    """An id as the driver gave it: a UUID (PostgreSQL) or its 32 hex digits (SQLite)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


# --- Answers ---------------------------------------------------------------------------


def answer(session: Session, principal: Principal, cursor_text: str | None) -> ChecksumAnswer:
    """What the device should hold now, per partition its user sees, in the caller's
    transaction (one snapshot: the sums are of exactly the sequence number read)."""
    from .changelog import last_seq
    from .pull import Cursor  # pull imports the change log, which imports this module

    last, epoch = last_seq(session)
    cursor = Cursor.decode(cursor_text, epoch, last)
    admin = administers(principal)
    sums: dict[str, Sum] = {}
    for row in session.execute(
        select(
            ChecksumPartition.partition,
            ChecksumPartition.count,
            ChecksumPartition.hash,
            ChecksumPartition.proj_count,
            ChecksumPartition.proj_hash,
        )
    ):
        partition, count, value, proj_count, proj = row
        if admin:
            kind, _, base = partition.partition(":")
            if kind == "requests" and proj_count:
                name = projection_partition(base.split(":")[0])
                sums[name] = sums.get(name, Sum()) + Sum(proj_count, proj)
        elif count and sees(principal, partition):
            sums[partition] = Sum(count, value)
    device: list[uuid.UUID] = []
    if not admin:
        device_sum = Sum()
        for record_id, value in _wide(session, principal):
            device.append(record_id)
            device_sum += Sum(1, value)
        if device_sum.count:
            sums[DEVICE] = device_sum
    total = combined(sums)
    return ChecksumAnswer(
        seq=last,
        current=cursor.seq == last,
        total=PartitionSum(count=total.count, hash=total.hash),
        partitions={
            name: PartitionSum(count=value.count, hash=value.hash)
            for name, value in sorted(sums.items())
        },
        device_records=sorted(device),
    )


def _wide(session: Session, principal: Principal) -> list[tuple[uuid.UUID, int]]:
    """The residents with requests in another area than their own whom the principal
    sees, by the policy's SQL face: few, found through their own index."""
    rows = session.execute(
        select(ChecksumRecord.record_id, ChecksumRecord.hash)
        .join(Resident, Resident.id == ChecksumRecord.record_id)
        .where(
            ChecksumRecord.partition == WIDE,
            ChecksumRecord.entity == RESIDENTS,
            visible_residents(principal),
        )
    )
    return [(row.record_id, row.hash) for row in rows]


def repull(
    session: Session, principal: Principal, device_id: uuid.UUID, partitions: Sequence[str]
) -> int:
    """Mark the device's roots in ``partitions`` (those its user sees) to be sent whole
    with its next pull; the number marked. Nothing is purged: the laptop keeps what it
    holds and its unsent work, and gets every field at the server's version."""
    names = sorted({name for name in partitions if sees(principal, name)})
    roots: set[uuid.UUID] = set()
    bases = {
        name.split(":", 1)[1] for name in names if name.startswith(("requests:", "professionals:"))
    }
    bases.update(
        f"{name.split(':', 1)[1]}:{level.value}"
        for name in names
        if name.startswith(f"{PROJECTION}:")
        for level in Level
    )
    if bases:
        roots.update(
            session.scalars(
                select(ChecksumTree.request_id).where(ChecksumTree.base.in_(sorted(bases)))
            )
        )
    own = [name for name in names if name.startswith((f"{RESIDENTS}:", f"{HELPERS}:"))]
    if own:
        roots.update(
            session.scalars(
                select(ChecksumRecord.record_id).where(ChecksumRecord.partition.in_(own))
            )
        )
    if DEVICE in names and not administers(principal):
        roots.update(record_id for record_id, _ in _wide(session, principal))
    marked = 0
    ordered = sorted(roots)
    for start in range(0, len(ordered), 500):
        result = session.execute(
            update(DeviceScope)
            .where(
                DeviceScope.device_id == device_id,
                DeviceScope.record_id.in_(ordered[start : start + 500]),
            )
            .values(stale=True)
        )
        marked += result.rowcount  # type: ignore[attr-defined]
    return marked
