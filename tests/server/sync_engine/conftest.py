"""Laptops that sync with the product's own engine and commands (``dorpsondersteuner
connect``, ``sync``, ``status``), against the real server over HTTP.

The server fixtures are the server tests' own (a uvicorn subprocess with the demo
directory); here on SQLite only, with one PostgreSQL case of its own.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dorpsondersteuner import cli
from dorpsondersteuner.keys import unlock_with_password
from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.models.local import OutboxOp, SyncState
from dorpsondersteuner.register import Register, open_register
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.admin import DEMO_PASSWORD
from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.models import PushedOp
from dorpsondersteuner.server.passwords import Hasher
from dorpsondersteuner.server.settings import TEST_HASHING
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.sync.client import SyncClient
from dorpsondersteuner.sync.engine import SyncReport, ledger, status, sync

from ..conftest import Databases, Server

# Registers made here wrap their key with cheap password hashing (asked for by name).
os.environ[cli.TEST_KEY_HASHING_ENV] = "1"

T = TypeVar("T")


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Databases:
    """SQLite only: the engine's behaviour does not depend on the server's database
    (test_postgresql.py runs the main path on PostgreSQL once)."""
    return Databases("sqlite", tmp_path_factory.mktemp("sqlite"))


def run_program(*args: str, password: str | None = None) -> tuple[int, str, str]:
    """``dorpsondersteuner ARGS`` in this process, the password on stdin; exit code,
    output and errors."""
    from dorpsondersteuner.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO((password or "") + "\n")
    saved = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


@dataclass
class Desk:
    """One user's laptop: a data folder with the real register ``connect`` made."""

    data: Path
    username: str
    url: str
    password: str = DEMO_PASSWORD
    transport: httpx.BaseTransport | None = None
    reports: list[SyncReport] = field(default_factory=list)
    _key: bytes | None = None

    @property
    def folder(self) -> Path:
        return cli.user_folder(self.data, self.username)

    def program(self, command: str, *args: str) -> tuple[int, str, str]:
        base = [command, *args]
        if command == "connect":
            base = [command, self.url, "--user", self.username, *args]
        elif "--user" not in args:
            base += ["--user", self.username]
        return run_program(
            *base, "--password-stdin", "--data-dir", str(self.data), password=self.password
        )

    def connect(self) -> None:
        code, out, err = self.program("connect")
        assert code == 0, out + err

    @contextlib.contextmanager
    def register(self) -> Iterator[Register]:
        if self._key is None:
            self._key = unlock_with_password(self.folder / cli.KEY_FILE_NAME, self.password)
        opened = open_register(self.folder / "register.db", self._key)
        try:
            yield opened
        finally:
            opened.close()

    def do(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A service as this user, in one transaction, as the program runs it."""
        with self.register() as register, register.transaction() as session:
            state = session.get_one(SyncState, 1)
            return action(session, load_principal(session, state.user_id), *args, **kwargs)

    def read(self, query: Callable[[Session], T]) -> T:
        with self.register() as register, register.sessions() as session:
            return query(session)

    def client(self, **options: Any) -> SyncClient:
        token = self.read(lambda session: session.get_one(SyncState, 1).token)
        return SyncClient(self.url, token, transport=self.transport, **options)

    def sync(self, **options: Any) -> SyncReport:
        """One sync through the engine (what ``dorpsondersteuner sync`` runs)."""
        return self.sync_with(engine_options=options)

    def sync_with(
        self, *, engine_options: dict[str, Any] | None = None, **client_options: Any
    ) -> SyncReport:
        with self.register() as register, self.client(**client_options) as client:
            report = sync(register, client, **(engine_options or {}))
        self.reports.append(report)
        return report

    def status(self, *, command: bool = False) -> dict[str, Any]:
        """What ``status --json`` prints: by running it (``command``), else read straight
        from the register with the key already unwrapped (no password hashing)."""
        if command:
            code, out, err = self.program("status", "--json")
            assert code == 0, err
            return dict(json.loads(out))
        with self.register() as register:
            return cli.status_json(status(register))

    def requests(self) -> set[uuid.UUID]:
        return self.read(lambda session: set(session.scalars(select(HelpRequest.id))))

    def ledger_holds(self, server: Server | None = None) -> None:
        """Every op made on this laptop is in exactly one state; with ``server``, every
        answer the laptop keeps is the one the server keeps for that op."""

        def check(session: Session) -> dict[uuid.UUID, str]:
            made = session.scalars(select(OutboxOp.op_id)).all()
            assert ledger(session).total == len(made)
            return dict(
                session.execute(
                    select(OutboxOp.op_id, OutboxOp.result).where(OutboxOp.result.is_not(None))
                ).all()
            )

        answered = self.read(check)
        if server is not None:
            with server.transaction() as session:
                kept = dict(
                    session.execute(
                        select(PushedOp.op_id, PushedOp.result).where(
                            PushedOp.op_id.in_(list(answered))
                        )
                    ).all()
                )
            assert kept == answered


DeskFactory = Callable[..., Desk]


def load_demo(database_url: str) -> None:
    """The demo directory into a server's (migrated) database, as ``admin load-demo``
    does, without starting a program for it."""
    engine = make_engine(database_url)
    try:
        with sessionmaker(engine).begin() as session:
            admin.load_demo(session, Hasher(TEST_HASHING))
    finally:
        engine.dispose()


@pytest.fixture
def desks(server: Server, tmp_path: Path) -> DeskFactory:
    """Factory: a connected laptop of a demo user (or of ``password``'s user)."""
    made = 0

    def make(username: str, password: str = DEMO_PASSWORD, *, connect: bool = True) -> Desk:
        nonlocal made
        made += 1
        desk = Desk(tmp_path / f"laptop-{made}", username, server.url, password)
        if connect:
            desk.connect()
        return desk

    return make
