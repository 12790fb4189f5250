"""The authenticated path under concurrency (issue 10): reads never wait for SQLite's
write lock, last-seen is written at most once a minute, nothing about a token is kept in
a process between requests, and the fast principal is the access policy's."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text, update

from dorpsondersteuner.models import Area, User
from dorpsondersteuner.models.enums import AreaKind, Role
from dorpsondersteuner.server import admin, auth
from dorpsondersteuner.server.db import ReadOnlyError, make_engine, read_only
from dorpsondersteuner.server.deps import principal_of
from dorpsondersteuner.server.models import Device, DeviceToken
from dorpsondersteuner.services.access import load_principal

from .conftest import (
    SERVER_START_SECONDS,
    Databases,
    Server,
    bearer,
    free_port,
    login,
    run_cli,
    server_env,
)


def test_the_principal_is_the_one_the_access_policy_loads(server: Server, make_user):
    """``deps.principal_of`` reads plain ids for speed; it must agree with
    ``load_principal`` for every role, also in the corners: a deleted area, a
    district-team member without a team."""
    make_user(Role.VILLAGE_SUPPORTER, areas=("BAK", "MIL"))
    make_user(Role.DISTRICT_TEAM, team="Wijkteam Gemert")
    teamless = make_user(Role.DISTRICT_TEAM)
    make_user(Role.MUNICIPALITY)
    make_user(Role.ADMINISTRATOR)
    with server.transaction() as session:
        user = session.get(User, teamless.user_id)
        assert user is not None
        user.team_id = None
        gone = Area(code=f"X{uuid.uuid4().hex[:5].upper()}", name="Gone", kind=AreaKind.VILLAGE)
        session.add(gone)
        session.flush()
        gone.deleted_at = gone.created_at
    with server.transaction() as session, read_only(server.engine).connect() as connection:
        users = session.scalars(select(User).where(User.active, User.deleted_at.is_(None)))
        compared = 0
        for user in users:
            owner = auth.TokenOwner(
                token_hash="",
                user_id=user.id,
                device_id=uuid.uuid4(),
                short_code="",
                username=user.username,
                display_name=user.display_name,
                role=user.role,
                team_id=user.team_id,
            )
            assert principal_of(connection, owner) == load_principal(session, user.id)
            compared += 1
        assert compared > 25


def test_a_read_only_engine_refuses_to_write(new_database_url: str):
    """GET requests get a read-only session: a write there is a bug, and fails at once
    (on PostgreSQL it would otherwise commit by itself: reads run in autocommit)."""
    from dorpsondersteuner.server.db import upgrade

    engine = make_engine(new_database_url)
    upgrade(engine)
    reader = read_only(engine)
    with reader.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
        with pytest.raises(ReadOnlyError):
            connection.execute(text("UPDATE users SET active = active"))
    engine.dispose()


@contextlib.contextmanager
def _write_lock_held(server: Server) -> Iterator[None]:
    """Another process's write transaction, open (SQLite: holding the write lock)."""
    with server.engine.connect() as connection, connection.begin():
        connection.execute(update(User).where(User.username == "nobody").values(active=True))
        yield


def test_reads_do_not_wait_for_a_write(server: Server, client: httpx.Client, make_user):
    """Every transaction used to start with BEGIN IMMEDIATE, so on SQLite each /me (and
    /health) waited for any write in progress, up to the 30 s busy timeout."""
    account = make_user()
    token = login(client, account.username, account.password).json()["token"]
    with _write_lock_held(server):
        started = time.monotonic()
        assert client.get("/me", headers=bearer(token)).status_code == 200
        assert client.get("/health").status_code == 200
        assert time.monotonic() - started < 2.0


def test_last_seen_is_written_at_most_once_a_minute(
    server: Server, client: httpx.Client, make_user
):
    account = make_user()
    device = uuid.uuid4()
    token = login(client, account.username, account.password, device).json()["token"]
    token_hash = auth.hash_token(token)

    def last_seen() -> tuple[object, object]:
        with server.transaction() as session:
            return (
                session.scalar(
                    select(DeviceToken.last_seen_at).where(DeviceToken.token_hash == token_hash)
                ),
                session.scalar(select(Device.last_seen_at).where(Device.id == device)),
            )

    at_login = last_seen()
    for _ in range(5):
        assert client.get("/me", headers=bearer(token)).status_code == 200
    assert last_seen() == at_login  # used within the minute: nothing written

    with server.transaction() as session:
        earlier = session.scalar(
            select(DeviceToken.last_seen_at).where(DeviceToken.token_hash == token_hash)
        )
        assert earlier is not None
        session.execute(
            update(DeviceToken)
            .where(DeviceToken.token_hash == token_hash)
            .values(last_seen_at=earlier - timedelta(minutes=2))
        )
    assert client.get("/me", headers=bearer(token)).status_code == 200
    token_seen, device_seen = last_seen()
    assert token_seen is not None and token_seen > earlier - timedelta(minutes=2)
    assert device_seen == token_seen


# --- several processes ------------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    url: str
    database_url: str


@pytest.fixture
def two_process_server(databases: Databases, tmp_path: Path) -> Iterator[Served]:
    """``serve --workers 2`` over a new database with the demo directory."""
    database_url = databases.new_url()
    port = free_port()
    log_path = tmp_path / "serve.log"
    command = [sys.executable, "-m", "dorpsondersteuner.server", "serve", "--workers", "2"]
    command += ["--port", str(port), "--database-url", database_url]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=server_env()
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.05)
        loaded = run_cli("admin", "load-demo", database_url=database_url)
        assert loaded.returncode == 0, loaded.stderr
        yield Served(url, database_url)
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "Traceback" not in log_path.read_text(errors="replace")


def _refusals(url: str, token: str, times: int = 8) -> set[str]:
    """What ``times`` requests get, each on a new connection so that they spread over
    the processes: the error codes, or "ok"."""
    answers = set()
    for _ in range(times):
        answer = httpx.get(f"{url}/me", headers=bearer(token), timeout=10)
        answers.add("ok" if answer.status_code == 200 else answer.json()["error"])
    return answers


def test_a_token_ended_elsewhere_fails_on_its_very_next_request(two_process_server: Served):
    """No process keeps anything about a token between requests: tokens in constant use,
    ended by a logout, a revoked device or a deactivated account, fail on their next
    request in every process."""
    url, database_url = two_process_server.url, two_process_server.database_url
    devices = {name: uuid.uuid4() for name in ("ingrid", "joyce", "evelien")}
    with httpx.Client(base_url=url, timeout=10) as client:
        tokens = {
            name: login(client, name, admin.DEMO_PASSWORD, device).json()["token"]
            for name, device in devices.items()
        }
        for token in tokens.values():
            assert _refusals(url, token) == {"ok"}

        assert client.post("/auth/logout", headers=bearer(tokens["ingrid"])).status_code == 204
    revoked = run_cli(
        "admin",
        "revoke-device",
        str(devices["joyce"]),
        "--keep-password",
        database_url=database_url,
    )
    assert revoked.returncode == 0, revoked.stderr
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(update(User).where(User.username == "evelien").values(active=False))
    engine.dispose()

    assert _refusals(url, tokens["ingrid"]) == {"invalid_token"}
    assert _refusals(url, tokens["joyce"]) == {"device_revoked"}
    assert _refusals(url, tokens["evelien"]) == {"account_inactive"}
