"""Restoring a backup loses nothing (issue "Sync server 3", "Versions and restores";
docs/server.md "Backup and restore"), on SQLite and PostgreSQL.

Laptops push and pull; a backup is taken; more ops are pushed, acknowledged and pulled
by another laptop; the backup is restored and ``admin restored`` run. Every laptop's
cursor is then refused (another epoch), each sends again the ops it keeps, and pulls
from scratch: the server ends with every acknowledged change, each once, and every
laptop holds exactly what its user may see. And ops written by an older program
whose protocol version is still served are applied (rule 10).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, or_, select
from sqlalchemy.engine import make_url

from dorpsondersteuner.clock import today
from dorpsondersteuner.errors import ConflictError
from dorpsondersteuner.models import (
    ArrangedHelp,
    Contact,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
from dorpsondersteuner.models.enums import ContactKind
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.cli import main
from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.models import ChangeLogEntry, PushedOp, SyncCounter
from dorpsondersteuner.server.sync import push as push_module
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.changes import record_fields
from dorpsondersteuner.sync import PROTOCOL_VERSION
from dorpsondersteuner.sync.protocol import OpResult, RejectReason

from ..conftest import Databases, Server, _wait_until_healthy, free_port, server_env
from .conftest import Laptop, LaptopFactory, new_laptop
from .test_oracle import laptop_view, server_face
from .test_push_pull import escalate, intake, state

DEMO_REQUESTS = 20  # a few in each of the laptops' areas
CASE_MODELS = (Resident, Helper, HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent)


@dataclass
class OwnServer:
    """A server of this test alone, stopped and started again on its port around the
    restore, as an operator does."""

    databases: Databases
    folder: Path
    database_url: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    server: Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        log_path = self.folder / f"server-{uuid.uuid4().hex[:6]}.log"
        with log_path.open("wb") as log_file:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "dorpsondersteuner.server", "serve"),
                    *("--port", str(self.port), "--database-url", self.database_url),
                ],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=server_env(),
            )
        _wait_until_healthy(self.process, self.url, log_path)
        self.server = Server(self.url, self.database_url, log_path, make_engine(self.database_url))
        return self.server

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None
        if self.server is not None:
            self.server.engine.dispose()
            log = self.server.log()
            assert "Traceback" not in log, log
            self.server = None

    # Backup and restore, as docs/server.md describes them.

    def backup(self) -> Path:
        """Taken while the server runs."""
        if self.databases.kind == "sqlite":
            target = self.folder / "backup.db"
            with contextlib.closing(sqlite3.connect(self._sqlite_path())) as source:
                source.execute("VACUUM INTO ?", (str(target),))
            return target
        cluster = self.databases.cluster
        assert cluster is not None
        target = cluster.folder / f"backup-{uuid.uuid4().hex[:6]}.dump"
        cluster.run("pg_dump", *self._pg_args(), "--format=custom", "-f", str(target), self._db())
        return target

    def restore(self, backup: Path) -> None:
        """With the server stopped."""
        if self.databases.kind == "sqlite":
            path = self._sqlite_path()
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            shutil.copyfile(backup, path)
            return
        cluster = self.databases.cluster
        assert cluster is not None
        cluster.run("dropdb", *self._pg_args(), self._db())
        cluster.run("createdb", *self._pg_args(), self._db())
        cluster.run("pg_restore", *self._pg_args(), "-d", self._db(), str(backup))

    def _sqlite_path(self) -> Path:
        database = make_url(self.database_url).database
        assert database is not None
        return Path(database)

    def _db(self) -> str:
        return str(make_url(self.database_url).database)

    def _pg_args(self) -> list[str]:
        cluster = self.databases.cluster
        assert cluster is not None
        return ["-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres"]


@pytest.fixture
def own_server(databases: Databases, tmp_path: Path) -> Iterator[OwnServer]:
    own = OwnServer(databases, tmp_path, databases.new_url())
    server = own.start()
    with server.transaction() as session:
        admin.load_demo(session, server.hasher)
    try:
        yield own
    finally:
        own.stop()


def admin_cli(*args: str, database_url: str) -> None:
    """``dorpsondersteuner-server admin …`` as an operator runs it, in this process."""
    assert main(["admin", *args, "--database-url", database_url]) == 0


def server_records(server: Server) -> dict[str, dict[uuid.UUID, dict[str, Any]]]:
    """Every case record on the server with its synced values."""
    with server.transaction() as session:
        return {
            model.__tablename__: {
                record.id: record_fields(record)  # type: ignore[attr-defined]
                for record in session.scalars(select(model))
            }
            for model in CASE_MODELS
        }


def contact(laptop: Laptop, request_id: uuid.UUID, summary: str) -> None:
    laptop.do(
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.PHONE, today(), 10, summary),
    )


def refused_cursor(laptop: Laptop) -> httpx.Response:
    return laptop.http.post(
        "/sync/pull", json={"cursor": laptop.cursor, "limit": 100}, headers=laptop.headers
    )


def test_a_restored_backup_with_a_new_epoch_loses_no_acknowledged_change(
    own_server: OwnServer,
    laptop_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = own_server.server
    assert server is not None
    http = httpx.Client(base_url=own_server.url, timeout=60)

    engine = server.engine

    def laptop(name: str) -> Laptop:
        return new_laptop(tmp_path / f"{name}.db", laptop_template, http, engine, name)

    ingrid, joyce, jos = laptop("ingrid"), laptop("joyce"), laptop("jos")
    try:
        # The demo's requests, loaded after the laptops' first pull (admin load-demo
        # --requests), reach the laptops that already hold a cursor; never loaded twice.
        for each in (ingrid, joyce, jos):
            each.pull()
        admin_cli("load-demo", "--requests", str(DEMO_REQUESTS), database_url=server.database_url)
        assert f"{DEMO_REQUESTS} help_requests" in capsys.readouterr().out
        for each in (ingrid, joyce, jos):
            each.pull(limit=500)
            assert laptop_view(each) == server_face(server, each.user_id), each.username
        assert ingrid.held()["help_requests"] and jos.held()["help_requests"]
        with (
            pytest.raises(ConflictError, match="holds requests already"),
            server.transaction() as session,
        ):
            admin.load_demo(session, server.hasher, requests=5)

        # Before the backup: an intake escalated and picked up, and one in the village.
        first = intake(ingrid)
        escalate(ingrid, first)
        second = intake(ingrid, name="Pietersen")
        ingrid.push()
        joyce.pull()
        joyce.do(workflow.pick_up, first)
        joyce.push()
        for each in (ingrid, joyce, jos):
            each.pull()
        backup = own_server.backup()

        # After the backup: acknowledged, and pulled by another laptop.
        contact(ingrid, second, "Buurman helpt met boodschappen")
        third = intake(ingrid, name="Hendriks")
        ingrid.do(workflow.edit_request, second, question="Boodschappen en de tuin")
        contact(joyce, first, "Keukentafelgesprek gevoerd")
        late = ingrid.push() + joyce.push()
        assert late and {result.result for result in late} == {OpResult.APPLIED}
        for each in (jos, ingrid, joyce):
            each.pull()
        assert third in jos.held()["help_requests"]
        acknowledged = {
            op.op_id: each.results[op.op_id].result
            for each in (ingrid, joyce, jos)
            for op in each.recorded()
        }
        before = server_records(server)
        with server.transaction() as session:
            old_epoch = session.scalar(select(SyncCounter.epoch))
        laptops_before = {each.username: laptop_view(each) for each in (ingrid, joyce, jos)}

        own_server.stop()
        own_server.restore(backup)
        # (`migrate` comes first when the backup is older than the program.)
        admin_cli("restored", database_url=own_server.database_url)
        said = capsys.readouterr().out
        server = own_server.start()
        with server.transaction() as session:
            new_epoch = session.scalar(select(SyncCounter.epoch))
        assert new_epoch is not None and new_epoch != old_epoch and new_epoch in said
        assert third not in server_records(server)["help_requests"]  # the backup lacks it

        for each in (ingrid, joyce, jos):
            answer = refused_cursor(each)
            assert answer.status_code == 409, answer.text
            assert answer.json()["error"] == "unknown_cursor"
        # Each sends again every op it keeps (the desktop keeps acknowledged ops for 30
        # days): those the backup holds get their first answer, the rest are applied.
        for each in (ingrid, joyce, jos):
            kept = each.recorded()
            if kept:
                again = each.push_ops(kept)
                assert {result.op_id: result.result for result in again} == {
                    op.op_id: acknowledged[op.op_id] for op in kept
                }
        for each in (ingrid, joyce, jos):
            each.cursor = None
            each.pull(limit=60)  # several pages: the fresh start resumes page by page

        assert server_records(server) == before, "the server lost or changed a change"
        with server.transaction() as session:
            ledger = Counter(
                session.scalars(
                    select(PushedOp.op_id).where(PushedOp.op_id.in_(list(acknowledged)))
                )
            )
            assert ledger == Counter(dict.fromkeys(acknowledged, 1)), "each op once"
            events = session.scalar(select(func.count()).select_from(HistoryEvent))
            assert events == len(before["history_events"])
        for each in (ingrid, joyce, jos):
            assert laptop_view(each) == server_face(server, each.user_id), each.username
            assert laptop_view(each) == laptops_before[each.username], each.username
            assert not each.set_aside, each.set_aside
        assert state(ingrid, second) == state(jos, second)
        assert state(ingrid, first) == state(joyce, first)

        # And work goes on in the new epoch.
        contact(ingrid, third, "Nagebeld")
        assert {result.result for result in ingrid.push()} == {OpResult.APPLIED}
        jos.pull()
        assert state(jos, third) == state(ingrid, third)
    finally:
        for each in (ingrid, joyce, jos):
            each.close()
        http.close()


def test_a_laptop_connected_again_with_a_new_register_gets_everything_it_may_see(
    server: Server, laptops: LaptopFactory, laptop_template: Path, tmp_path: Path
) -> None:
    """The server still lists what the device held; a pull from no cursor is a fresh
    start all the same: also a request the change log has no history of (written
    before the log existed) comes whole."""
    ingrid = laptops("ingrid")
    unlogged = intake(ingrid, name="Oud")
    ingrid.push()
    with server.transaction() as session:
        resident = session.get_one(HelpRequest, unlogged).resident_id
        session.execute(
            delete(ChangeLogEntry).where(
                or_(ChangeLogEntry.request_id == unlogged, ChangeLogEntry.record_id == resident)
            )
        )
    intake(ingrid, name="Opnieuw")
    ingrid.push()
    ingrid.pull()
    assert unlogged in ingrid.held()["help_requests"]
    again = new_laptop(
        tmp_path / "again.db",
        laptop_template,
        ingrid.http,
        server.engine,
        "ingrid",
        device_id=ingrid.device_id,
    )
    try:
        again.pull()
        assert laptop_view(again) == server_face(server, again.user_id)
        assert laptop_view(again) == laptop_view(ingrid)
    finally:
        again.close()


def test_ops_of_an_older_protocol_version_still_served_are_applied(
    server: Server, laptops: LaptopFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rule 10: the next program's server, speaking versions 1 to 2, applies the ops a
    laptop of version 1 wrote (kept in its outbox through the update), and rejects an
    op of a version it does not serve with that reason; a request outside the range
    gets 426 (test_push_pull.py)."""
    ingrid = laptops("ingrid")
    request_id = intake(ingrid, name="Oudere versie")
    older = ingrid.unsent()
    assert older and {op.protocol_version for op in older} == {PROTOCOL_VERSION}
    newer = older[0].model_copy(
        update={"op_id": uuid.uuid4(), "protocol_version": PROTOCOL_VERSION + 2}
    )
    monkeypatch.setattr(push_module, "PROTOCOL_VERSION", PROTOCOL_VERSION + 1)
    with server.transaction() as session:
        principal = load_principal(session, ingrid.user_id)
        results = push_module.push(session, principal, ingrid.device_id, [*older, newer])
    assert [result.result for result in results[:-1]] == [OpResult.APPLIED] * len(older)
    assert results[-1].result is OpResult.REJECTED
    assert results[-1].reason is RejectReason.PROTOCOL_VERSION
    ingrid.mark_sent()
    ingrid.pull()
    assert request_id in ingrid.held()["help_requests"]
