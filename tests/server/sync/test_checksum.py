"""Checksums that heal (rule 12), over HTTP against the real server on SQLite and
PostgreSQL, with real laptop registers: after a sync the laptop's count and hash per
partition agree with the server's for every role; a record lost or a field left behind
on the laptop is found, named by its partition, and a re-pull heals it without touching
unsent work; and the sums kept as changes are written equal a rebuild from scratch."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import Contact, FieldVersion, FollowUp, HelpRequest, Resident
from dorpsondersteuner.models.enums import ContactKind, Level
from dorpsondersteuner.server.models import (
    ChecksumPartition,
    ChecksumRecord,
    ChecksumTree,
    FieldStamp,
)
from dorpsondersteuner.server.sync.checksum import rebuild
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.changes import ChangeRecorder
from dorpsondersteuner.sync.checksum import (
    Sum,
    differing,
    local_sums,
    projection_hash,
    projection_partition,
)
from dorpsondersteuner.sync.protocol import ChecksumAnswer, OpResult

from ..checksums import assert_kept_sums_hold
from ..conftest import Server
from .conftest import Laptop, LaptopFactory
from .test_push_pull import area_id, escalate, intake


def server_sums(laptop: Laptop) -> tuple[ChecksumAnswer, dict[str, Sum]]:
    params = {"cursor": laptop.cursor} if laptop.cursor else {}
    answer = laptop.http.get("/sync/checksum", params=params, headers=laptop.headers)
    assert answer.status_code == 200, answer.text
    parsed = ChecksumAnswer.model_validate(answer.json())
    return parsed, {name: Sum(p.count, p.hash) for name, p in parsed.partitions.items()}


def compare(laptop: Laptop) -> list[str]:
    """The partitions whose sums differ, as the laptop finds them after a sync."""
    answer, theirs = server_sums(laptop)
    assert answer.current, "compare only at the server's newest number"
    assert_kept_sums_hold(laptop.register)
    with laptop.register.transaction() as session:
        mine = local_sums(session, laptop.principal(session), answer.device_records)
    return differing(mine, theirs)


def settled_differences(laptop: Laptop, server: Server | None = None) -> list[str]:
    """After a sync with nothing left to send: pull until at the server's newest
    number, then compare (with ``server``, the records that differ are named)."""
    while not server_sums(laptop)[0].current:
        laptop.pull()
    differ = compare(laptop)
    if differ and server is not None:
        return [*differ, *record_differences(laptop, server, differ)]
    return differ


def record_differences(laptop: Laptop, server: Server, partitions: list[str]) -> list[str]:
    """Each record of a request partition held differently, with its versions."""
    found: list[str] = []
    bases = {name.split(":", 1)[1] for name in partitions if name.startswith("requests:")}
    with server.transaction() as session:
        requests = set(
            session.scalars(select(ChecksumTree.request_id).where(ChecksumTree.base.in_(bases)))
        )
        theirs = {
            (row.entity, row.record_id): row.hash
            for row in session.scalars(
                select(ChecksumRecord).where(
                    ChecksumRecord.request_id.in_(requests), ChecksumRecord.slot == "a"
                )
            )
        }
        stamps: dict[tuple[str, uuid.UUID], dict[str, int]] = {}
        for key in theirs:
            stamps[key] = {
                stamp.field: stamp.version
                for stamp in session.scalars(
                    select(FieldStamp).where(
                        FieldStamp.entity == key[0], FieldStamp.record_id == key[1]
                    )
                )
            }
    with laptop.register.sessions() as session:
        mine: dict[tuple[str, uuid.UUID], dict[str, int]] = {}
        for row in session.scalars(select(FieldVersion)):
            mine.setdefault((row.entity, row.record_id), {})[row.field] = row.version
        for key, versions in stamps.items():
            held = mine.get(key)
            if held != versions:
                extra = {k: v for k, v in (held or {}).items() if versions.get(k) != v}
                wanted = {k: v for k, v in versions.items() if (held or {}).get(k) != v}
                found.append(f"{key[0]} {key[1]}: laptop {extra} server {wanted}")
        for request_id in requests:
            request = session.get(HelpRequest, request_id)
            if request is None:
                found.append(f"help_requests {request_id}: not on the laptop")
        held_requests = session.scalars(select(HelpRequest)).all()
        for request in held_requests:
            base = f"{request.area_id}:{request.highest_level.value}"
            if base in bases and request.id not in requests and request.deleted_at is None:
                found.append(f"help_requests {request.id}: laptop places it in {base}")
    return found


def repull(laptop: Laptop, partitions: list[str]) -> int:
    answer = laptop.post("/sync/repull", {"partitions": partitions})
    assert answer.status_code == 200, answer.text
    return int(answer.json()["stale"])


def pulled_projection(laptop: Laptop) -> dict[str, Sum]:
    """An administrator's sums over the pages a pull delivers, as the laptop would
    store them (each field at its version; a version never goes back)."""
    versions: dict[uuid.UUID, dict[str, int]] = {}
    areas: dict[uuid.UUID, str] = {}
    while True:
        page = laptop.pull_page(limit=5000)
        for gone in page.purge:
            versions.pop(gone.record_id, None)
        for change in page.changes:
            if change.entity != "help_requests":
                continue
            held = versions.setdefault(change.record_id, {})
            for name in change.values:
                version = (change.versions or {}).get(name, change.seq)
                held[name] = max(held.get(name, 0), version)
            if "area_id" in change.values:
                areas[change.record_id] = change.values["area_id"]
        laptop.cursor = page.cursor
        if not page.more:
            break
    sums: dict[str, Sum] = {}
    for record_id, held in versions.items():
        name = projection_partition(areas[record_id])
        sums[name] = sums.get(name, Sum()) + Sum(1, projection_hash(record_id, held) or 0)
    return sums


def checksum_tables(session: Session) -> dict[str, set[tuple[Any, ...]]]:
    return {
        "records": {
            (r.entity, r.record_id, r.hash, r.request_id, r.slot, r.partition)
            for r in session.scalars(select(ChecksumRecord))
        },
        "trees": {
            (
                t.request_id,
                t.base,
                t.resident_id,
                t.count_all,
                t.hash_all,
                t.count_professionals,
                t.hash_professionals,
                t.proj_count,
                t.proj_hash,
            )
            for t in session.scalars(select(ChecksumTree))
        },
        "partitions": {
            (p.partition, p.count, p.hash, p.proj_count, p.proj_hash)
            for p in session.scalars(select(ChecksumPartition))
        },
    }


def assert_incremental_equals_rebuild(server: Server) -> None:
    with server.transaction() as session:
        kept = checksum_tables(session)
        rebuild(session)
        assert checksum_tables(session) == kept
        session.rollback()


def tree_base(server: Server, request_id: uuid.UUID) -> str | None:
    with server.transaction() as session:
        return session.get_one(ChecksumTree, request_id).base


def test_every_role_agrees_after_a_sync_and_an_escalation_moves_the_tree(
    laptops: LaptopFactory, server: Server
) -> None:
    ingrid, joyce, evelien, beheer = (
        laptops("ingrid"),
        laptops("joyce"),
        laptops("evelien"),
        laptops("beheer"),
    )
    request_id = intake(ingrid, name="Somma")
    ingrid.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.PHONE, today(), 10, "Gebeld"),
    )
    ingrid.do(records.add_follow_up, request_id, description="Terugbellen", due_on=today())
    ingrid.sync()
    bakel = area_id(ingrid, "BAK")
    assert tree_base(server, request_id) == f"{bakel}:village"
    assert compare(ingrid) == []

    escalate(ingrid, request_id)
    ingrid.sync()
    # The whole tree moved as one: its sums left the village partition for the team's.
    assert tree_base(server, request_id) == f"{bakel}:district_team"
    joyce.pull()
    joyce.do(workflow.pick_up, request_id)
    joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.MEETING, today(), 30, "Huisarts", professionals_only=True),
    )
    joyce.do(workflow.give_consent, request_id, scope=Level.MUNICIPALITY, given_on=today())
    joyce.do(workflow.escalate, request_id, reason="Wmo nodig")
    joyce.sync()
    assert tree_base(server, request_id) == f"{bakel}:municipality"
    for laptop in (ingrid, joyce, evelien):
        laptop.sync()
        assert compare(laptop) == [], laptop.username
    # An administrator's laptop holds projections, which a register cannot store yet:
    # the pages as pulled are compared instead.
    projection = pulled_projection(beheer)
    answer, theirs = server_sums(beheer)
    assert answer.current and differing(projection, theirs) == []
    assert theirs[f"projection:{bakel}"].count >= 1
    _, sums = server_sums(joyce)
    assert sums[f"professionals:{bakel}:municipality"].count >= 1
    assert not any(name.startswith("professionals:") for name in server_sums(ingrid)[1])
    # The administrator holds every request's projection, and nothing else.
    assert all(name.startswith("projection:") for name in theirs)
    assert not ingrid.set_aside and not joyce.set_aside
    assert_incremental_equals_rebuild(server)


def test_a_resident_with_a_request_in_another_area_counts_in_the_device_part(
    laptops: LaptopFactory, server: Server
) -> None:
    els = laptops("els")  # Milheeze and De Rips
    request_id = intake(els, area="MIL", name="Verhuizer")
    els.sync()
    with els.register.sessions() as session:
        resident_id = session.get_one(HelpRequest, request_id).resident_id
    rips = area_id(els, "RIP")

    def move(session: Session, principal: Any) -> None:
        ChangeRecorder(session, principal).set(
            session.get_one(Resident, resident_id), "area_id", rips
        )

    els.do(move)
    els.push()
    # Its own push moved the server on: it pulls before it compares.
    assert not server_sums(els)[0].current
    els.pull()
    answer, sums = server_sums(els)
    assert resident_id in answer.device_records and sums["device"].count >= 1
    assert compare(els) == []
    assert_incremental_equals_rebuild(server)


def test_a_lost_record_and_a_field_left_behind_are_found_and_healed_keeping_unsent_work(
    laptops: LaptopFactory, server: Server
) -> None:
    ingrid = laptops("ingrid")
    request_id = intake(ingrid, name="Heling")
    follow_up_id = ingrid.do(
        records.add_follow_up, request_id, description="Langsgaan", due_on=today()
    )
    other_id = intake(ingrid, name="Achterstand")
    escalate(ingrid, other_id)
    ingrid.sync()
    assert compare(ingrid) == []
    bakel = area_id(ingrid, "BAK")

    # Unsent work on the request that is about to be damaged.
    question = "Ook hulp bij de was"
    ingrid.do(workflow.edit_request, request_id, question=question)
    unsent = ingrid.unsent()
    assert request_id in {op.record_id for op in unsent}
    with ingrid.register.transaction() as session:
        # Behind sync's back: a follow-up lost, and a field of the other request left at
        # an older version (a change the laptop missed).
        session.execute(delete(FieldVersion).where(FieldVersion.record_id == follow_up_id))
        session.execute(delete(FollowUp).where(FollowUp.id == follow_up_id))
        version = session.scalars(
            select(FieldVersion.version).where(
                FieldVersion.record_id == other_id, FieldVersion.field == "question"
            )
        ).one()
        session.execute(
            update(FieldVersion)
            .where(FieldVersion.record_id == other_id, FieldVersion.field == "question")
            .values(version=version - 1)
        )
        session.execute(
            update(HelpRequest).where(HelpRequest.id == other_id).values(question="Verouderd")
        )

    differ = compare(ingrid)
    assert differ == sorted([f"requests:{bakel}:village", f"requests:{bakel}:district_team"])
    assert repull(ingrid, differ) >= 2
    ingrid.pull()
    assert follow_up_id in ingrid.held()["follow_ups"]
    with ingrid.register.sessions() as session:
        assert session.get_one(HelpRequest, other_id).question != "Verouderd"
    # The unsent change is still to be sent, and comes back with it.
    assert ingrid.unsent() == unsent
    assert compare(ingrid) == []
    ingrid.sync()
    assert compare(ingrid) == []
    assert all(ingrid.results[op.op_id].result is OpResult.APPLIED for op in unsent)
    for side in (server.transaction(), ingrid.register.sessions()):
        with side as session:
            assert session.get_one(HelpRequest, request_id).question == question
    assert_incremental_equals_rebuild(server)


def test_a_contact_marked_professionals_only_leaves_the_supporters_sums(
    laptops: LaptopFactory,
) -> None:
    ingrid, joyce = laptops("ingrid"), laptops("joyce")
    request_id = intake(ingrid, name="Gemarkeerd")
    escalate(ingrid, request_id)
    ingrid.sync()
    joyce.pull()
    joyce.do(workflow.pick_up, request_id)
    contact_id = joyce.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.MEETING, today(), 20, "Overleg"),
    )
    joyce.sync()
    ingrid.pull()
    assert compare(ingrid) == [] and compare(joyce) == []
    marked = records.ContactInput(
        ContactKind.MEETING, today(), 20, "Overleg", professionals_only=True
    )
    joyce.do(records.edit_contact, contact_id, marked)
    joyce.sync()
    ingrid.pull()
    assert contact_id not in ingrid.held()["contacts"]
    assert compare(ingrid) == [] and compare(joyce) == []
    unmarked = records.ContactInput(ContactKind.MEETING, today(), 20, "Overleg")
    joyce.do(records.edit_contact, contact_id, unmarked)
    joyce.sync()
    ingrid.pull()
    with ingrid.register.sessions() as session:
        assert session.get(Contact, contact_id) is not None
    assert compare(ingrid) == [] and compare(joyce) == []
