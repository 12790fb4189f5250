"""A server restored from a backup no longer knows the laptop's cursor (409): the
laptop sends every op it kept again and pulls from the start; what the backup missed
is on the server again, and nothing on the laptop is lost."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select

from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.server.db import make_engine

from ..server.conftest import free_port
from ..server.serving import Process, running
from .conftest import Desk, load_demo
from .helpers import escalate, intake


@contextlib.contextmanager
def serving(database_url: str, log_path: Path, port: int) -> Iterator[Process]:
    command = [sys.executable, "-m", "dorpsondersteuner.server", "serve", "--port", str(port)]
    with running([*command, "--database-url", database_url], log_path, port) as process:
        yield process


def server_requests(database_url: str) -> set:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return set(connection.scalars(select(HelpRequest.id)))
    finally:
        engine.dispose()


def test_after_a_restore_the_laptop_sends_its_kept_ops_again_and_loses_nothing(tmp_path: Path):
    database = tmp_path / "server.db"
    database_url = f"sqlite:///{database}"
    port = free_port()
    with serving(database_url, tmp_path / "server-1.log", port) as server:
        load_demo(database_url)
        ingrid = Desk(tmp_path / "laptop", "ingrid", server.url)
        ingrid.connect()
        before = intake(ingrid, name="Voor de backup")
        assert ingrid.sync().complete
        backup = tmp_path / "backup.db"
        source = sqlite3.connect(database)
        source.execute("VACUUM INTO ?", (str(backup),))  # a consistent copy, as an operator's
        source.close()
        after = intake(ingrid, name="Na de backup")
        escalate(ingrid, after)
        assert ingrid.sync().complete
        assert {before, after} <= server_requests(database_url)

    # The server's database goes back to the backup: the second intake is gone there.
    for leftover in database.parent.glob("server.db-*"):
        leftover.unlink()
    shutil.copyfile(backup, database)
    assert after not in server_requests(database_url)

    with serving(database_url, tmp_path / "server-2.log", port):
        report = ingrid.sync()
        assert report.restored and report.complete and report.rejected == 0
        assert {before, after} <= server_requests(database_url)
        assert {before, after} <= ingrid.requests()
        ingrid.ledger_holds()
        status = ingrid.status()
        assert status["unsent"] == 0 and status["problem"] is None
        # And it goes on as usual from the new cursor.
        assert not ingrid.sync().restored
