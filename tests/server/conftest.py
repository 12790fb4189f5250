"""Fixtures of the server tests: real databases (SQLite and a throwaway PostgreSQL), the
real server in a uvicorn subprocess on a free 127.0.0.1 port, and test-data factories.

Every test that uses ``server`` runs once per database. The server runs with cheap
(insecure) password hashing and fast login throttling, both asked for by name through
the environment; the default numbers are tested as constants in test_throttling.py.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from dorpsondersteuner.models.enums import Role
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.passwords import Hasher
from dorpsondersteuner.server.settings import ENV_PREFIX, TEST_HASHING, TEST_HASHING_ENV

# Small numbers so the throttling tests take a second, not an hour.
TEST_THROTTLE = {
    "LOGIN_FREE_FAILURES": "3",
    "LOGIN_FIRST_DELAY": "0.4",
    "LOGIN_MAX_DELAY": "0.8",
    "LOGIN_MAX_FAILURES": "5",
    "LOGIN_WINDOW": "3600",
}
TEST_MAX_BODY_BYTES = 64 * 1024
PASSWORD = "a long enough test password"


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env[TEST_HASHING_ENV] = "1"
    env[ENV_PREFIX + "MAX_BODY_BYTES"] = str(TEST_MAX_BODY_BYTES)
    env.update({ENV_PREFIX + name: value for name, value in TEST_THROTTLE.items()})
    # Sync tests pull in pages of a few changes, many times a second; the rate limits
    # have tests of their own (test_limits.py), with their own numbers.
    env.update({ENV_PREFIX + f"{kind}_PER_MINUTE": "0" for kind in ("PUSH", "PULL")})
    return env


def run_cli(
    *args: str, database_url: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``dorpsondersteuner-server`` as an operator runs it, in its own process."""
    command = [sys.executable, "-m", "dorpsondersteuner.server", *args]
    command += ["--database-url", database_url]
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        env=server_env(),
        timeout=60,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- PostgreSQL ------------------------------------------------------------------------


def _postgres_bindir() -> Path | None:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        bindir = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(bindir) / "initdb").exists():
            return Path(bindir)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


@dataclass
class PostgresCluster:
    bindir: Path
    folder: Path
    port: int
    as_postgres: list[str]
    created: list[str] = field(default_factory=list)

    def run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def new_database(self) -> str:
        name = f"test_{uuid.uuid4().hex[:12]}"
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster in a temporary folder, on a free port."""
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (./test installs it on Debian/Ubuntu)")
    # Not pytest's tmp_path: the postgres user must be able to reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="dorpsondersteuner-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        shutil.chown(folder, user="postgres", group="postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    cluster = PostgresCluster(bindir, folder, free_port(), as_postgres)
    data = str(folder / "data")
    cluster.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
    options = f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    cluster.run("pg_ctl", "-D", data, "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            cluster.run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


# --- databases ---------------------------------------------------------------------------


@dataclass
class Databases:
    """Makes empty databases of one kind."""

    kind: str
    folder: Path
    cluster: PostgresCluster | None = None

    def new_url(self) -> str:
        if self.cluster is not None:
            return self.cluster.new_database()
        return f"sqlite:///{self.folder / f'{uuid.uuid4().hex[:12]}.db'}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Databases:
    if request.param == "postgresql":
        return Databases("postgresql", Path(), request.getfixturevalue("postgres"))
    return Databases("sqlite", tmp_path_factory.mktemp("sqlite"))


@pytest.fixture
def new_database_url(databases: Databases) -> str:
    return databases.new_url()


# --- the server ----------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    database_url: str
    log_path: Path
    engine: Engine
    hasher: Hasher = field(default_factory=lambda: Hasher(TEST_HASHING))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        with sessionmaker(self.engine, expire_on_commit=False).begin() as session:
            yield session

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


# How long a server may take to start before a test gives up: generous, because on a
# busy machine (the suite runs on every core) starting Python and migrating takes a
# while. Nothing is timed by it.
SERVER_START_SECONDS = 120


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start:\n{log_path.read_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the server did not answer in time:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def server(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real server over a new database (migrated by ``serve`` itself), with the demo
    directory loaded through the admin CLI. At the end its log must show no traceback."""
    database_url = databases.new_url()
    port = free_port()
    log_path = tmp_path_factory.mktemp(f"server-{databases.kind}") / "server.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dorpsondersteuner.server",
                "serve",
                "--port",
                str(port),
                "--database-url",
                database_url,
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=server_env(),
        )
    url = f"http://127.0.0.1:{port}"
    engine = make_engine(database_url)
    try:
        _wait_until_healthy(process, url, log_path)
        loaded = run_cli("admin", "load-demo", database_url=database_url)
        assert loaded.returncode == 0, loaded.stderr
        yield Server(url, database_url, log_path, engine)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        engine.dispose()
    log = log_path.read_text(errors="replace")
    assert "Traceback" not in log, log
    assert "Exception in ASGI application" not in log, log
    assert "database unavailable" not in log, log  # no 503 from a locked or lost database
    assert admin.DEMO_PASSWORD not in log and PASSWORD not in log, "a password was logged"


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    user_id: uuid.UUID


@pytest.fixture
def make_user(server: Server):
    """Factory: a new user with a unique name (supporter in Bakel unless told otherwise)."""

    def make(
        role: Role = Role.VILLAGE_SUPPORTER,
        *,
        areas: tuple[str, ...] | None = None,
        team: str | None = None,
        password: str = PASSWORD,
    ) -> Account:
        username = f"u{uuid.uuid4().hex[:10]}"
        if areas is None:
            areas = ("BAK",) if role is Role.VILLAGE_SUPPORTER else ()
        if role is Role.DISTRICT_TEAM and team is None:
            team = "Wijkteam Bakel"
        with server.transaction() as session:
            user = admin.create_user(
                session,
                server.hasher,
                username=username,
                display_name=f"Test {username}",
                role=role,
                password=password,
                area_codes=areas,
                team_name=team,
            )
            return Account(username, password, user.id)

    return make


def login(
    client: httpx.Client, username: str, password: str, device_id: uuid.UUID | None = None
) -> httpx.Response:
    return client.post(
        "/auth/login",
        json={
            "username": username,
            "password": password,
            "device_id": str(device_id or uuid.uuid4()),
        },
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
