"""``dorpsondersteuner connect``, ``sync`` and ``status`` against the real server: a real
register per user, made only when the server said yes, the demo register untouched."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dorpsondersteuner import cli
from dorpsondersteuner.clock import now_utc
from dorpsondersteuner.errors import SyncError
from dorpsondersteuner.keys import WrongPasswordError, unlock_with_password
from dorpsondersteuner.models import DeviceState, RegisterKind
from dorpsondersteuner.models.enums import Role
from dorpsondersteuner.models.local import OutboxOp, SyncState
from dorpsondersteuner.register import Register
from dorpsondersteuner.server import admin
from dorpsondersteuner.sync.client import SyncClient, UpdateProgramError
from dorpsondersteuner.sync.engine import NotSyncableError, SyncProgress, sync

from ..conftest import Server, free_port
from .conftest import Desk, DeskFactory, run_program
from .helpers import intake


def test_connect_makes_the_register_and_sync_sends_an_offline_intake(
    desks: DeskFactory, server: Server
):
    ingrid = desks("ingrid", connect=False)
    code, out, err = ingrid.program("connect")
    assert code == 0, out + err
    assert "First sync from the server's snapshot" in out
    status = ingrid.status(command=True)
    assert status["user"] == "ingrid" and status["unsent"] == 0
    request_id = intake(ingrid)
    assert ingrid.status()["unsent"] > 0
    code, out, err = ingrid.program("sync")
    assert code == 0, out + err
    status = ingrid.status()
    assert status["unsent"] == 0 and status["requests"] >= 1 and status["last_sync"]
    assert status["checksum"] == "ok"
    assert request_id in ingrid.requests()
    ingrid.ledger_holds(server)


def test_connect_leaves_the_demo_register_alone_and_each_user_gets_a_register_of_their_own(
    desks: DeskFactory, tmp_path: Path
):
    ingrid = desks("ingrid", connect=False)
    demo = ingrid.data / "demo-register.db"
    demo.parent.mkdir(parents=True)
    demo.write_bytes(b"the demo register, as it was")
    ingrid.connect()
    jos = Desk(ingrid.data, "jos", ingrid.url)  # the same computer account
    jos.connect()
    assert demo.read_bytes() == b"the demo register, as it was"
    assert cli.real_registers(ingrid.data) == ["ingrid", "jos"]
    assert ingrid.status()["device_id"] != jos.status()["device_id"]

    code, _out, err = run_program("sync", "--password-stdin", "--data-dir", str(ingrid.data))
    assert code == 2 and "several users" in err and "--user" in err
    code, _out, err = ingrid.program("status", "--user", "ingrid", "--json")
    assert code == 0


def test_a_wrong_password_or_an_unreachable_server_makes_nothing(
    desks: DeskFactory, tmp_path: Path
):
    wrong = desks("ingrid", "not her password", connect=False)
    code, out, err = wrong.program("connect")
    assert code == 2, out + err
    assert "did not accept this username and password" in err and "Nothing" in err
    assert not (wrong.data / cli.USERS_FOLDER).exists() or not any(
        (wrong.data / cli.USERS_FOLDER).iterdir()
    )

    away = Desk(tmp_path / "away", "ingrid", f"http://127.0.0.1:{free_port()}")
    code, out, err = away.program("connect")
    assert code == 1, out + err
    assert "could not be reached" in err and "Nothing was changed" in err
    assert not away.data.exists() or not any(away.data.rglob("*.db"))


def test_an_ended_sign_in_is_renewed_with_the_password_and_the_sync_goes_on(
    desks: DeskFactory,
):
    ingrid = desks("ingrid")
    request_id = intake(ingrid, name="Verlopen")

    def forget_token(session) -> None:  # type: ignore[no-untyped-def]
        session.get_one(SyncState, 1).token = "an-ended-token"

    with ingrid.register() as register, register.transaction() as session:
        forget_token(session)
    code, out, err = ingrid.program("sync")
    assert code == 0, out + err
    assert ingrid.status()["unsent"] == 0
    assert request_id in ingrid.requests()


def test_an_old_program_is_told_to_update_and_keeps_its_work(desks: DeskFactory):
    ingrid = desks("ingrid")
    intake(ingrid, name="Oud")
    unsent = ingrid.status()["unsent"]
    with (
        ingrid.register() as register,
        ingrid.client(protocol_version=99) as client,
        pytest.raises(UpdateProgramError, match="update the program"),
    ):
        sync(register, client)
    status = ingrid.status()
    assert status["problem"] == "update_program" and status["unsent"] == unsent


def test_after_a_password_reset_connect_opens_the_register_again_with_its_unsent_work(
    desks: DeskFactory, make_user, server: Server
):
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    desk = desks(account.username, account.password)
    request_id = intake(desk, name="Vergeten")
    new_password = "een nieuw en lang genoeg wachtwoord"
    with server.transaction() as session:  # she forgot it; the administrator resets it
        admin.set_password(session, server.hasher, account.username, new_password)

    code, out, err = desk.program("sync")  # the old password still opens the laptop
    assert code == 1 and "does not accept this password" in err, out + err
    assert desk.status()["unsent"] > 0

    forgetful = Desk(desk.data, desk.username, desk.url, new_password)
    code, out, err = forgetful.program("connect")
    assert code == 0, out + err
    assert forgetful.status()["unsent"] == 0
    assert request_id in forgetful.requests()
    with pytest.raises(WrongPasswordError):
        unlock_with_password(desk.folder / cli.KEY_FILE_NAME, account.password)
    assert cli.real_registers(desk.data) == [desk.username]  # the same register, not a new one


def test_a_demo_register_never_syncs(register: Register):
    with register.transaction() as session:
        session.add(
            DeviceState(device_id=uuid.uuid4(), short_code="D1", register_kind=RegisterKind.DEMO)
        )
    with (
        SyncClient("http://127.0.0.1:9") as client,
        pytest.raises(NotSyncableError, match="never syncs"),
    ):
        sync(register, client)


def test_applied_ops_are_kept_thirty_days_and_then_forgotten(desks: DeskFactory):
    ingrid = desks("ingrid")
    intake(ingrid, name="Oud nieuws")
    intake(ingrid, name="Recent")
    ingrid.sync()
    applied = ingrid.status()["applied"]
    assert applied >= 6

    def age(session: Session) -> None:
        rows = session.scalars(select(OutboxOp).order_by(OutboxOp.position)).all()
        half = len(rows) // 2
        for number, row in enumerate(rows):
            days = 31 if number < half else 29
            row.acknowledged_at = now_utc() - timedelta(days=days)

    with ingrid.register() as register, register.transaction() as session:
        age(session)
    ingrid.sync()
    assert ingrid.status()["applied"] == applied - applied // 2
    ingrid.ledger_holds()


def test_status_without_a_terminal_or_a_password_says_how_to_give_one(desks: DeskFactory):
    ingrid = desks("ingrid")
    command = [sys.executable, "-m", "dorpsondersteuner", "status", "--json"]
    finished = subprocess.run(
        [*command, "--data-dir", str(ingrid.data)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,  # no terminal to ask on
        timeout=60,
    )
    assert finished.returncode == 2, finished.stderr
    assert "no password given" in finished.stderr and "--password-stdin" in finished.stderr
    assert "Traceback" not in finished.stderr


class BreaksTheSnapshotOff(httpx.HTTPTransport):
    """A village connection that drops the first snapshot download just before its
    last byte; it records each request's path and Range header."""

    def __init__(self) -> None:
        super().__init__()
        self.broken = False
        self.sent: list[tuple[str, str | None]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.url.path, request.headers.get("Range")))
        response = super().handle_request(request)
        if not request.url.path.startswith("/sync/snapshot/") or self.broken:
            return response
        self.broken = True
        body = response.read()[:-1]

        def broken() -> Iterator[bytes]:
            yield body
            raise httpx.ReadError("the connection dropped", request=request)

        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Stream(broken()),
            request=request,
        )


class _Stream(httpx.SyncByteStream):
    def __init__(self, pieces: Iterator[bytes]) -> None:
        self.pieces = pieces

    def __iter__(self) -> Iterator[bytes]:
        return self.pieces


def kept_ticket(desk: Desk) -> str | None:
    return desk.read(lambda session: session.get_one(SyncState, 1).snapshot_ticket)


def test_a_first_sync_broken_off_resumes_its_download_at_the_next_sync(
    desks: DeskFactory, server: Server
):
    colleague = desks("ingrid")
    intake(colleague, name="Onderweg")
    assert colleague.sync().complete
    ingrid = desks("ingrid", connect=False)
    with SyncClient(server.url) as client:
        cli.sign_in_and_make(client, server.url, "ingrid", ingrid.data, ingrid.password)
    ingrid.transport = network = BreaksTheSnapshotOff()
    with pytest.raises(SyncError):
        ingrid.sync()
    left = list(ingrid.folder.glob("register.db.snapshot-*"))
    ticket = json.loads(kept_ticket(ingrid) or "{}")
    assert len(left) == 1 and left[0].name.endswith(ticket["snapshot_id"])
    arrived, size = left[0].stat().st_size, ticket["size"]
    assert 0 < arrived < size
    assert ingrid.requests() == set()

    seen: list[SyncProgress] = []
    report = ingrid.sync(progress=seen.append)
    assert report.complete and report.snapshot
    # The progress bar counts the file's bytes from what was already there.
    downloads = [(step.downloaded, step.download_size) for step in seen if step.phase == "download"]
    assert downloads[0] == (arrived, size) and downloads[-1] == (size, size)
    asked = [path for path, _ in network.sent if path == "/sync/snapshot"]
    assert len(asked) == 1  # the same snapshot, not a new one
    assert (left[0].name.split("snapshot-")[1], f"bytes={arrived}-") in [
        (path.rsplit("/", 1)[1], header)
        for path, header in network.sent
        if path.startswith("/sync/snapshot/")
    ]
    assert list(ingrid.folder.glob("register.db.snapshot-*")) == []
    assert kept_ticket(ingrid) is None
    assert ingrid.requests() == colleague.requests() and ingrid.requests()
