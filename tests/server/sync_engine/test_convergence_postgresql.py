"""The convergence state machine (test_convergence.py) against a server on PostgreSQL:
the long run only (``DORPSONDERSTEUNER_SLOW=1``, marked slow)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dorpsondersteuner.server.db import make_engine

from ..conftest import PostgresCluster, Server
from ..serving import serve
from .conftest import load_demo
from .test_convergence import SLOW, SLOW_EXAMPLES, SLOW_MINUTES, Convergence, _run, machine

__all__ = ["machine"]  # the fixture, shared with the SQLite run


@pytest.fixture(scope="module")
def server(postgres: PostgresCluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """This module's server: the real one over a new PostgreSQL database."""
    database_url = postgres.new_database()
    log_path = tmp_path_factory.mktemp("server-postgresql") / "server.log"
    with serve(database_url, log_path) as process:
        load_demo(database_url)
        engine = make_engine(database_url)
        try:
            yield Server(process.url, database_url, log_path, engine)
        finally:
            engine.dispose()


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="set DORPSONDERSTEUNER_SLOW=1 for the long run")
def test_laptops_syncing_through_a_bad_network_converge_on_postgresql(
    machine: type[Convergence],
) -> None:
    _run(machine, examples=SLOW_EXAMPLES, steps=40, minutes=SLOW_MINUTES)
