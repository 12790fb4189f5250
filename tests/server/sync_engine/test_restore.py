"""A server restored from a backup no longer knows the laptop's cursor (409): the
laptop sends every op it kept again and pulls from the start; what the backup missed
is on the server again, and nothing on the laptop is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.server.db import make_engine

from ..serving import serve
from .conftest import Desk, load_demo
from .helpers import escalate, intake


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
    with serve(database_url, tmp_path / "server.log") as server:
        load_demo(database_url)
        ingrid = Desk(tmp_path / "laptop", "ingrid", server.url)
        ingrid.connect()
        before = intake(ingrid, name="Voor de backup")
        assert ingrid.sync().complete
        backup = tmp_path / "backup.db"
        copy(database, backup)
        after = intake(ingrid, name="Na de backup")
        escalate(ingrid, after)
        assert ingrid.sync().complete
        assert {before, after} <= server_requests(database_url)

        # The server's database goes back to the backup: the second intake is gone.
        copy(backup, database)
        assert after not in server_requests(database_url)

        report = ingrid.sync()
        assert report.restored and report.complete and report.rejected == 0
        assert report.checksum == "ok"
        assert {before, after} <= server_requests(database_url)
        assert {before, after} <= ingrid.requests()
        ingrid.ledger_holds()
        status = ingrid.status()
        assert status["unsent"] == 0 and status["problem"] is None
        # And it goes on as usual from the new cursor.
        assert not ingrid.sync().restored


def copy(source: Path, target: Path) -> None:
    """One SQLite database onto another, whole and consistent, with SQLite's online
    backup (the server may keep running: its next transaction sees the copy)."""
    reading, writing = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reading.backup(writing)
    finally:
        reading.close()
        writing.close()
