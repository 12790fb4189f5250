"""The main path once on PostgreSQL: connect, an offline intake escalated, synced, and
the district team's laptop receives it."""

from __future__ import annotations

from pathlib import Path

from ..conftest import PostgresCluster
from ..serving import serve
from .conftest import Desk, load_demo
from .helpers import escalate, intake


def test_connect_and_sync_against_a_postgresql_server(postgres: PostgresCluster, tmp_path: Path):
    database_url = postgres.new_database()
    with serve(database_url, tmp_path / "server.log") as server:
        load_demo(database_url)
        ingrid = Desk(tmp_path / "ingrid", "ingrid", server.url)
        joyce = Desk(tmp_path / "joyce", "joyce", server.url)
        ingrid.connect()
        joyce.connect()
        request_id = intake(ingrid, name="Postgres")
        escalate(ingrid, request_id)
        assert ingrid.sync().complete
        assert joyce.sync().complete
        assert request_id in joyce.requests()
        ingrid.ledger_holds()
