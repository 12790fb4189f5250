"""A fresh laptop's first sync as one snapshot (rule 13, D17), against the real server
over HTTP on SQLite and PostgreSQL, with real SQLCipher registers: the snapshot and
the pulls after it give exactly what pulling everything gives; the file is encrypted
on disk and on the server; a broken-off download resumes on another server process;
only the device that asked gets it, and only for 24 hours; each user's snapshot holds
exactly what they may see."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import (
    Area,
    DistrictTeam,
    FieldVersion,
    HelpRequest,
    Resident,
    User,
    team_areas,
    user_areas,
)
from dorpsondersteuner.models.base import utcnow
from dorpsondersteuner.models.enums import ContactKind
from dorpsondersteuner.rawdb import connect_raw
from dorpsondersteuner.server.models import (
    ChangeLogEntry,
    DeviceScope,
    FieldStamp,
    SyncSnapshot,
    SyncSnapshotChunk,
)
from dorpsondersteuner.server.settings import ENV_PREFIX
from dorpsondersteuner.services import records, search, workflow
from dorpsondersteuner.services.changes import field_version, field_versions, record_fields
from dorpsondersteuner.sync.protocol import Change, PullPage, SnapshotTicket
from dorpsondersteuner.sync.snapshot_import import (
    SnapshotError,
    build_search_index,
    download_snapshot,
    import_snapshot,
)

from ..checksums import assert_kept_sums_hold
from ..conftest import Server, bearer
from ..serving import serve
from .conftest import HELD_MODELS, Laptop, LaptopFactory, new_laptop
from .test_push_pull import escalate, intake

DIRECTORY_MODELS = (Area, DistrictTeam, User)
CASE_ENTITIES = {model.__tablename__ for model in HELD_MODELS}


def take_snapshot(laptop: Laptop) -> SnapshotTicket:
    answer = laptop.http.post("/sync/snapshot", json={}, headers=laptop.headers)
    assert answer.status_code == 200, answer.text
    return SnapshotTicket.model_validate(answer.json())


def fetch(laptop: Laptop, ticket: SnapshotTicket, folder: Path) -> Path:
    path = folder / f"{laptop.device_id}.snapshot"
    return download_snapshot(
        laptop.http,
        f"/sync/snapshot/{ticket.snapshot_id}",
        path,
        size=ticket.size,
        sha256=ticket.sha256,
        headers=laptop.headers,
    )


def first_sync(laptop: Laptop, folder: Path) -> SnapshotTicket:
    """As the desktop's first sync does it: snapshot, download, import with the cursor
    in the same transaction, then the search index."""
    ticket = take_snapshot(laptop)
    path = fetch(laptop, ticket, folder)
    cursors: list[str] = []
    imported = import_snapshot(
        laptop.register,
        path,
        bytes.fromhex(ticket.key),
        before_commit=lambda session, snapshot: cursors.append(snapshot.cursor),
    )
    assert cursors == [imported.cursor] == [ticket.cursor]
    assert imported.counts == ticket.counts
    build_search_index(laptop.register)
    laptop.cursor = imported.cursor
    path.unlink()
    return ticket


def content(laptop: Laptop) -> dict[str, Any]:
    """Every shared record the laptop holds with its synced values, and the memberships."""
    with laptop.register.sessions() as session:
        held: dict[str, Any] = {
            model.__tablename__: {
                record.id: record_fields(record) for record in session.scalars(select(model))
            }
            for model in (*DIRECTORY_MODELS, *HELD_MODELS)
        }
        for membership in (team_areas, user_areas):
            held[membership.name] = {tuple(row) for row in session.execute(select(membership))}
        return held


def versions(laptop: Laptop, entities: set[str]) -> dict[tuple[str, uuid.UUID, str], int]:
    """The version of each field the laptop holds, whichever form its rows take."""
    models = {model.__tablename__: model for model in (*DIRECTORY_MODELS, *HELD_MODELS)}
    rows: dict[tuple[str, uuid.UUID], list[tuple[str, int]]] = {}
    with laptop.register.sessions() as session:
        for row in session.scalars(select(FieldVersion).where(FieldVersion.entity.in_(entities))):
            rows.setdefault((row.entity, row.record_id), []).append((row.field, row.version))
    return {
        (entity, record_id, name): version
        for (entity, record_id), fields in rows.items()
        for name, version in field_versions(models[entity], fields).items()
    }


def server_versions(
    server: Server, held: dict[tuple[str, uuid.UUID, str], int]
) -> dict[tuple[str, uuid.UUID, str], int]:
    """The server's field stamps of the fields a laptop has versions of."""
    with server.transaction() as session:
        stamps = {
            (row.entity, row.record_id, row.field): row.version
            for row in session.scalars(
                select(FieldStamp).where(
                    FieldStamp.record_id.in_({record_id for _, record_id, _ in held})
                )
            )
        }
    return {key: stamps[key] for key in held if key in stamps}


def pull_pages(laptop: Laptop) -> list[PullPage]:
    pages = []
    while True:
        page = laptop.pull_page()
        laptop.apply(page)
        pages.append(page)
        if not page.more:
            return pages


def open_file(path: Path, ticket: SnapshotTicket) -> Any:
    return connect_raw(path, bytes.fromhex(ticket.key), read_only=True)


def test_a_snapshot_and_the_pulls_after_it_hold_what_pulling_everything_holds(
    laptops: LaptopFactory, server: Server, tmp_path: Path
) -> None:
    ingrid, joyce, anja = laptops("ingrid"), laptops("joyce"), laptops("anja")
    first = intake(ingrid, name="Voorsnede")
    second = intake(ingrid, name="Tweedesnede")
    escalate(ingrid, second)
    ingrid.push()
    joyce.pull()
    joyce.do(workflow.pick_up, second)
    professional = joyce.do(
        records.add_contact,
        second,
        records.ContactInput(ContactKind.MEETING, today(), 30, "Overleg", professionals_only=True),
    )
    joyce.do(
        records.add_contact,
        second,
        records.ContactInput(ContactKind.HOME_VISIT, today(), 45, "Keukentafel"),
    )
    joyce.push()
    gemert = intake(anja, area="GEN", name="Gemertsnede")
    anja.push()

    jos = laptops("jos")
    ticket = first_sync(jos, tmp_path)
    assert_kept_sums_hold(jos.register)  # made anew after the import
    held = jos.held()
    assert {first, second} <= held["help_requests"]
    assert gemert not in held["help_requests"]
    assert professional not in held["contacts"]
    cut = int(ticket.cursor.split(".")[1])
    # A record imported whole has one version row (and one per field changed since):
    # the base version an edit on this laptop sends is still the field's own.
    with server.transaction() as session:
        stamps = {
            row.field: row.version
            for row in session.scalars(select(FieldStamp).where(FieldStamp.record_id == second))
        }
    with jos.register.sessions() as session:
        rows = session.scalars(select(FieldVersion).where(FieldVersion.record_id == second)).all()
        assert len(rows) < len(stamps) / 2
        request = session.get_one(HelpRequest, second)
        for name in ("question", "status", "level"):
            assert field_version(session, request, name) == stamps[name]
        assert field_version(session, request, None) == max(stamps.values())

    # After the cut: an edit, a new request, a contact; they come with the next pull.
    ingrid.do(workflow.edit_request, first, question="Boodschappen en de was")
    third = intake(ingrid, name="Nasnede")
    ingrid.push()
    joyce.do(
        records.add_contact,
        second,
        records.ContactInput(ContactKind.PHONE, today(), 10, "Nagebeld"),
    )
    joyce.push()
    pages = pull_pages(jos)
    snapshot_roots = held["help_requests"] | held["residents"] | held["helpers"]
    sent_whole = {c.record_id for page in pages for c in page.changes if c.kind == "create"}
    assert not sent_whole & snapshot_roots, "a root of the snapshot came again whole"
    logged = [c.seq for page in pages for c in page.changes if c.hlc is not None]
    assert len(logged) == len(set(logged)) and min(logged) > cut
    with server.transaction() as session:
        later = set(
            session.scalars(
                select(ChangeLogEntry.seq).where(
                    ChangeLogEntry.seq > cut,
                    ChangeLogEntry.request_id.in_([first, second, third]),
                )
            )
        )
        scope = set(
            session.scalars(
                select(DeviceScope.record_id).where(DeviceScope.device_id == jos.device_id)
            )
        )
    assert later <= set(logged)
    assert third in jos.held()["help_requests"]
    held = jos.held()
    assert scope == held["help_requests"] | held["residents"] | held["helpers"]
    with jos.register.sessions() as session:
        assert session.get_one(HelpRequest, first).question == "Boodschappen en de was"
        found = search.matching_request_ids(jos.principal(session), "Tweedesnede")
        assert found is not None and list(session.scalars(found)) == [second]

    everything = laptops("jos")
    everything.pull()
    assert content(jos) == content(everything)
    # The real version of every field, as the server's stamps hold it.
    own = versions(jos, CASE_ENTITIES | {model.__tablename__ for model in DIRECTORY_MODELS})
    assert own == server_versions(server, own)
    if "versions" in Change.model_fields:  # records sent whole carry their fields' versions
        assert versions(jos, CASE_ENTITIES) == versions(everything, CASE_ENTITIES)
    assert not jos.set_aside and not everything.set_aside
    # The import set the checksum triggers aside and back: they kept the sums since.
    assert_kept_sums_hold(jos.register)


def test_each_snapshot_holds_exactly_what_its_user_may_see(
    laptops: LaptopFactory, tmp_path: Path
) -> None:
    ingrid, joyce = laptops("ingrid"), laptops("joyce")
    bakel = intake(ingrid, name="Zichtbaarbakel")
    escalate(ingrid, bakel)
    ingrid.push()
    joyce.pull()
    joyce.do(workflow.pick_up, bakel)
    professional = joyce.do(
        records.add_contact,
        bakel,
        records.ContactInput(ContactKind.MEETING, today(), 30, "Huisarts", professionals_only=True),
    )
    joyce.push()

    made: dict[str, Laptop] = {}

    def snapshot_of(username: str) -> tuple[SnapshotTicket, Path]:
        laptop = made[username] = laptops(username)
        ticket = take_snapshot(laptop)
        return ticket, fetch(laptop, ticket, tmp_path)

    ticket, path = snapshot_of("anja")  # a Gemert supporter
    with open_file(path, ticket) as file:
        requests = {row[0] for row in file.execute("SELECT id FROM help_requests")}
        names = {row[0] for row in file.execute("SELECT last_name FROM residents")}
    assert bakel.hex not in requests and "Zichtbaarbakel" not in names
    assert b"Zichtbaarbakel" not in path.read_bytes()

    ticket, path = snapshot_of("jos")  # a Bakel supporter: never "professionals only"
    with open_file(path, ticket) as file:
        requests = {row[0] for row in file.execute("SELECT id FROM help_requests")}
        contacts = {row[0] for row in file.execute("SELECT id FROM contacts")}
    assert bakel.hex in requests and professional.hex not in contacts

    ticket, path = snapshot_of("fatima")  # the Bakel district team sees it
    with open_file(path, ticket) as file:
        contacts = {row[0] for row in file.execute("SELECT id FROM contacts")}
    assert professional.hex in contacts

    ticket, path = snapshot_of("beheer")  # the administrator: the projection only
    with open_file(path, ticket) as file:
        content_columns = file.execute(
            "SELECT count(*) FROM help_requests WHERE question IS NOT NULL "
            "OR resident_id IS NOT NULL OR outcome_note IS NOT NULL"
        ).fetchone()[0]
        projected = file.execute(
            "SELECT count(*) FROM help_requests WHERE reference IS NOT NULL"
        ).fetchone()[0]
        others = [
            file.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("residents", "contacts", "follow_ups", "history_events", "helpers")
        ]
        fields = {
            row[0]
            for row in file.execute(
                "SELECT field FROM snapshot_fields WHERE entity = 'help_requests'"
            )
        }
    assert content_columns == 0 and projected >= 1 and others == [0] * 5
    assert fields == {"id", "reference", "area_id", "level", "status", "owner_id"}
    # The register keeps the projection as it came: a request without content.
    register = made["beheer"].register
    import_snapshot(register, path, bytes.fromhex(ticket.key))
    with register.sessions() as session:
        held = session.execute(select(HelpRequest.reference, HelpRequest.question)).all()
    assert len(held) == projected and {question for _, question in held} == {None}


def test_a_broken_off_download_resumes_on_another_server_process_encrypted_throughout(
    server: Server, laptop_template: Path, tmp_path: Path
) -> None:
    # A second process on the same database, keeping snapshots in small pieces.
    small_chunks = {ENV_PREFIX + "SNAPSHOT_CHUNK_BYTES": "4096"}
    with serve(server.database_url, tmp_path / "b.log", env=small_chunks) as first:
        engine = server.engine
        one = httpx.Client(base_url=first.url, timeout=60)
        other = httpx.Client(base_url=server.url, timeout=60)
        try:
            writer = new_laptop(tmp_path / "w.db", laptop_template, other, engine, "ingrid")
            planted = "Plantinga-Zwanenburg"
            for n in range(2):
                intake(writer, name=f"{planted}{n}")
            writer.push()
            fresh = new_laptop(tmp_path / "f.db", laptop_template, one, engine, "jos")
            ticket = take_snapshot(fresh)
            assert ticket.size > 3 * 4096
            url = f"/sync/snapshot/{ticket.snapshot_id}"

            # Half of it from the first process, then the connection is dropped.
            path = tmp_path / "snapshot.part"
            with one.stream("GET", url, headers=fresh.headers) as answer, path.open("wb") as file:
                assert answer.status_code == 200
                for piece in answer.iter_bytes(1000):
                    file.write(piece)
                    if file.tell() >= ticket.size // 2:
                        break
            assert 0 < path.stat().st_size < ticket.size
            download_snapshot(
                other, url, path, size=ticket.size, sha256=ticket.sha256, headers=fresh.headers
            )
            whole = other.get(url, headers=fresh.headers)
            assert whole.status_code == 200 and whole.content == path.read_bytes()
            assert planted.encode() not in path.read_bytes()
            with engine.connect() as connection:
                stored = b"".join(
                    connection.scalars(
                        select(SyncSnapshotChunk.data)
                        .where(SyncSnapshotChunk.snapshot_id == ticket.snapshot_id)
                        .order_by(SyncSnapshotChunk.number)
                    )
                )
            assert stored == path.read_bytes()

            # Ranges across the pieces it is kept in; beyond the end; another device.
            part = other.get(url, headers={**fresh.headers, "Range": "bytes=4000-8999"})
            assert part.status_code == 206 and part.content == path.read_bytes()[4000:9000]
            assert part.headers["Content-Range"] == f"bytes 4000-8999/{ticket.size}"
            tail = one.get(url, headers={**fresh.headers, "Range": "bytes=-10"})
            assert tail.status_code == 206 and tail.content == path.read_bytes()[-10:]
            beyond = one.get(url, headers={**fresh.headers, "Range": f"bytes={ticket.size}-"})
            assert beyond.status_code == 416
            assert beyond.headers["Content-Range"] == f"bytes */{ticket.size}"
            assert beyond.json()["error"] == "range_not_satisfiable"
            assert other.get(url, headers=writer.headers).json()["error"] == "not_found"
            unknown = f"/sync/snapshot/{uuid.uuid4()}"
            assert one.get(unknown, headers=fresh.headers).status_code == 404

            # The import decrypts into the (encrypted) register only.
            import_snapshot(fresh.register, path, bytes.fromhex(ticket.key))
            with fresh.register.sessions() as session:
                names = set(session.scalars(select(Resident.last_name)))
            assert {f"{planted}{n}" for n in range(2)} <= names
            for file in tmp_path.iterdir():
                if file.is_file() and not file.name.endswith(".log"):
                    assert planted.encode() not in file.read_bytes(), file.name
        finally:
            one.close()
            other.close()


def test_a_snapshot_is_refused_to_an_old_program_and_expires_after_a_day(
    laptops: LaptopFactory, server: Server, tmp_path: Path
) -> None:
    jos, older = laptops("jos"), laptops("jos")
    old = older.http.post("/sync/snapshot", json={"protocol_version": 99}, headers=older.headers)
    assert old.status_code == 426 and "update the program" in old.json()["message"]

    ticket = take_snapshot(jos)
    assert ticket.expires_at - utcnow() > timedelta(hours=23)
    with server.transaction() as session:
        session.execute(
            update(SyncSnapshot)
            .where(SyncSnapshot.id == ticket.snapshot_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    url = f"/sync/snapshot/{ticket.snapshot_id}"
    gone = jos.http.get(url, headers=jos.headers)
    assert gone.status_code == 410 and gone.json()["error"] == "snapshot_expired"
    with pytest.raises(SnapshotError) as refused:
        fetch(jos, ticket, tmp_path)
    assert refused.value.status == 410

    renewed = take_snapshot(jos)  # the expired one is deleted with it
    assert jos.http.get(url, headers=jos.headers).status_code == 404
    with server.transaction() as session:
        chunks = session.scalars(
            select(SyncSnapshotChunk.number).where(
                SyncSnapshotChunk.snapshot_id == ticket.snapshot_id
            )
        ).all()
    assert chunks == []
    assert (
        jos.http.get(f"/sync/snapshot/{renewed.snapshot_id}", headers=bearer(jos.token)).status_code
        == 200
    )


def test_a_snapshot_goes_only_into_a_new_register(laptops: LaptopFactory, tmp_path: Path) -> None:
    ingrid = laptops("ingrid")
    intake(ingrid, name="Alvol")
    ticket = take_snapshot(ingrid)
    path = fetch(ingrid, ticket, tmp_path)
    with pytest.raises(SnapshotError, match="new register"):
        import_snapshot(ingrid.register, path, bytes.fromhex(ticket.key))
    with pytest.raises(SnapshotError, match="key"):
        import_snapshot(laptops("jos").register, path, bytes(32))
