"""Crash safety: a sync killed with SIGKILL inside its transactions — while recording a
push's answers, mid-page, during a purge, during the snapshot import — leaves a register
that opens, passes ``PRAGMA integrity_check``, has lost no acknowledged answer, and
whose next sync completes with every op applied once. ``DORPSONDERSTEUNER_SLOW=1``
(it kills some 50 syncs, each in a process of its own)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dorpsondersteuner import cli
from dorpsondersteuner.clock import today
from dorpsondersteuner.models.enums import ContactKind, Role
from dorpsondersteuner.models.local import OutboxOp, SyncState
from dorpsondersteuner.rawdb import connect_raw
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.models import PushedOp
from dorpsondersteuner.services import records
from dorpsondersteuner.sync.client import SyncClient

from ..checksums import assert_kept_sums_hold
from ..conftest import Server
from .conftest import Desk, DeskFactory
from .helpers import intake

SLOW = os.environ.get("DORPSONDERSTEUNER_SLOW") == "1"
ROOT = Path(__file__).resolve().parents[3]  # the project
KILL_AT = (1, 2, 1, 3)


def killed_sync(desk: Desk, kill_at: int) -> bool:
    """One sync that dies in its ``kill_at``-th transaction; True when it was killed."""
    token = desk.read(lambda session: session.get_one(SyncState, 1).token)
    assert desk._key is not None
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.server.sync_engine.crash_sync",
            str(desk.folder / "register.db"),
            desk._key.hex(),
            desk.url,
            str(token),
            str(kill_at),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode == -signal.SIGKILL:
        return True
    assert done.returncode == 0, done.stderr
    return False


def answers(desk: Desk) -> dict[uuid.UUID, str]:
    return desk.read(
        lambda session: dict(
            session.execute(
                select(OutboxOp.op_id, OutboxOp.result).where(OutboxOp.result.is_not(None))
            ).all()
        )
    )


def intact(desk: Desk) -> None:
    connection = connect_raw(desk.folder / "register.db", desk._key or b"")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    with desk.register() as register:
        assert_kept_sums_hold(register)


def kill_until_done(desk: Desk, kept: dict[uuid.UUID, str]) -> int:
    """Kill syncs in their 1st, 2nd, 1st, 3rd … transaction, in turn, until one ends;
    after each, the register is whole and no acknowledged answer is lost. A killed sync
    commits up to two transactions first, so every transaction of the work is killed in
    some run. The number of kills."""
    for kills in range(400):
        if not killed_sync(desk, KILL_AT[kills % len(KILL_AT)]):
            return kills
        intact(desk)
        now = answers(desk)
        assert kept.items() <= now.items(), "an acknowledged answer was lost"
        kept = now
    raise AssertionError("the sync never ended")


def test_a_first_sync_killed_in_its_snapshot_import_resumes(
    desks: DeskFactory, make_user, server: Server, tmp_path: Path
):
    """The short run in ``./test``: a fresh laptop's first sync killed just before its
    first two commits (the snapshot import, the search index), then one that ends."""
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    ingrid = desks("ingrid")
    intake(ingrid, name="Crash")
    assert ingrid.sync().complete
    fresh = Desk(tmp_path / "fresh", account.username, server.url, account.password)
    with SyncClient(server.url) as client:
        login = client.login(account.username, account.password, uuid.uuid4())
        cli._make_register(fresh.folder, account.password, server.url, login, "village_supporter")
    fresh.read(lambda session: None)  # unwraps the key
    for kill_at in (1, 2):
        assert killed_sync(fresh, kill_at)
        intact(fresh)
    report = fresh.sync()
    assert report.complete and report.checksum == "ok"
    assert fresh.requests() >= ingrid.requests()


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="set DORPSONDERSTEUNER_SLOW=1 for the long run")
def test_a_sync_killed_inside_its_transactions_resumes_and_loses_nothing(
    desks: DeskFactory, make_user, server: Server, tmp_path: Path
):
    # A Bakel colleague whose laptop is fresh: its first sync is the snapshot.
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    ingrid = desks("ingrid")
    for number in range(16):
        intake(ingrid, name=f"Crash {number}")
    assert ingrid.sync().complete

    fresh = Desk(tmp_path / "fresh", account.username, server.url, account.password)
    with SyncClient(server.url) as client:
        login = client.login(account.username, account.password, uuid.uuid4())
        cli._make_register(fresh.folder, account.password, server.url, login, "village_supporter")
    fresh.read(lambda session: None)  # unwraps the key
    kills = kill_until_done(fresh, {})  # during the snapshot import and the pull after it
    assert fresh.requests() >= ingrid.requests()

    # Offline work on both sides; then she leaves Bakel, with unsent work on a request.
    for number in range(8):
        intake(fresh, name=f"Offline {number}")
    request_id = next(iter(ingrid.requests()))
    for number in range(4):
        intake(ingrid, name=f"Later {number}")
    assert ingrid.sync().complete
    kills += kill_until_done(fresh, answers(fresh))
    fresh.do(  # written offline; meanwhile she leaves Bakel
        records.add_contact,
        request_id,
        records.ContactInput(ContactKind.PHONE, today(), 5, "Gebeld"),
    )
    with server.transaction() as session:
        admin.update_user(session, account.username, area_codes=["MIL"])
    kills += kill_until_done(fresh, answers(fresh))

    report = fresh.sync()
    assert report.complete and report.checksum == "ok"
    fresh.ledger_holds(server)
    assert request_id not in fresh.requests()
    assert fresh.status()["not_delivered"] >= 1
    op_ids = list(answers(fresh))
    with server.transaction() as session:
        pushed = session.scalar(
            select(func.count()).select_from(PushedOp).where(PushedOp.op_id.in_(op_ids))
        )
    assert pushed == len(op_ids)  # each op once
    assert kills >= 50, kills
    print(f"{kills} syncs killed")
