"""The demo on a server (issue "Sync server 3", "Trying it"): ``admin load-demo
--requests N`` writes the demo register's kind of requests so that laptops pull them,
and ``serve --demo`` is a throw-away demo server in one command."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from dorpsondersteuner.demo.directory import install_directory
from dorpsondersteuner.demo.generator import MODELS
from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.server import demo_load
from dorpsondersteuner.server.admin import DEMO_PASSWORD
from dorpsondersteuner.server.cli import main
from dorpsondersteuner.server.db import make_engine, upgrade
from dorpsondersteuner.server.demo_load import LoggedWriter
from dorpsondersteuner.server.sync.changelog import Origin, write
from dorpsondersteuner.services.changes import ResultingChange, record_fields

from .conftest import Databases, Server, free_port, server_env
from .sync import conftest as sync_conftest
from .sync.conftest import new_laptop
from .sync.test_oracle import SLOW, laptop_view, server_face

# The sync tests' register with the demo directory, as a fixture here too.
laptop_template = sync_conftest.laptop_template

REQUESTS = 12  # the bulk path against the per-record one
DEMO_REQUESTS = 60  # enough for the generator's planted requests of every demo user


class OneByOne(LoggedWriter):
    """The same rows, each record logged through ``changelog.write`` as a push's
    changes are: what the bulk path must equal."""

    stamps_in_bulk = False

    def log(self, table: str, rows: list[Any]) -> None:
        model = next(model for model in MODELS if model.__tablename__ == table)
        for row in rows:
            record = self.session.get_one(model, uuid.UUID(str(row[0])))
            change = ResultingChange("create", table, record.id, record_fields(record))  # type: ignore[attr-defined]
            write(self.session, self.numbering, [change], Origin(None, None, None, None))
        self.session.flush()


def _loaded(url: str, writer: type[LoggedWriter]) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    with sessionmaker(engine).begin() as session:
        install_directory(session)
        session.flush()
        demo_load.load_requests(session, REQUESTS, writer=writer)
    return engine


def _log_and_stamps(session: Session) -> tuple[list[Any], list[Any]]:
    log = session.execute(
        text(
            'SELECT seq, kind, entity, record_id, request_id, "values", hlc, op_id, '
            "device_id, user_id FROM change_log ORDER BY seq"
        )
    ).all()
    stamps = session.execute(
        text("SELECT * FROM field_stamps ORDER BY entity, record_id, field")
    ).all()
    return [tuple(row) for row in log], [tuple(row) for row in stamps]


def test_the_bulk_load_logs_exactly_what_logging_each_record_would(
    databases: Databases,
) -> None:
    bulk = _loaded(databases.new_url(), LoggedWriter)
    one_by_one = _loaded(databases.new_url(), OneByOne)
    try:
        with Session(bulk) as first, Session(one_by_one) as second:
            log, stamps = _log_and_stamps(first)
            assert len(log) > 10 * REQUESTS and len(stamps) > 8 * len(log)
            assert {row[2] for row in log} >= {"residents", "help_requests", "history_events"}
            expected_log, expected_stamps = _log_and_stamps(second)
            # Values compared as JSON: the key order is the driver's business.
            assert [(*row[:5], _json(row[5]), *row[6:]) for row in log] == [
                (*row[:5], _json(row[5]), *row[6:]) for row in expected_log
            ]
            assert stamps == expected_stamps
            counter = "SELECT last_seq FROM sync_counter"
            assert first.scalar(text(counter)) == second.scalar(text(counter)) == len(log)
    finally:
        bulk.dispose()
        one_by_one.dispose()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@contextlib.contextmanager
def demo_server(
    log_path: Path, *options: str
) -> Iterator[tuple[subprocess.Popen[bytes], httpx.Client, float]]:
    """``serve --demo``, answering: the process, a client and the seconds it took."""
    port = free_port()
    started = time.monotonic()
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "dorpsondersteuner.server", "serve", "--demo"),
                *(f"--port={port}", *options),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=server_env(),
        )
    http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        while True:
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() - started < 300, log_path.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if http.get("/health").status_code == 200:
                    break
            time.sleep(0.05)
        yield process, http, time.monotonic() - started
    finally:
        http.close()
        process.terminate()
        process.wait(timeout=30)


def _database(log_path: Path) -> str:
    found = re.search(r"(sqlite:///\S+demo\.db)", log_path.read_text())
    assert found is not None, log_path.read_text()
    return found.group(1)


def test_serve_demo_starts_a_throw_away_server_a_laptop_syncs_with(
    laptop_template: Path, tmp_path: Path
) -> None:
    log_path = tmp_path / "demo.log"
    with demo_server(log_path, "--requests", str(DEMO_REQUESTS)) as (process, http, _):
        log = log_path.read_text()
        assert f"Demo server on {http.base_url}".rstrip("/") in log
        assert DEMO_PASSWORD in log and "ingrid" in log and "joyce" in log
        database = _database(log_path)
        folder = Path(database.removeprefix("sqlite:///")).parent
        login = http.post(
            "/auth/login",
            json={"username": "anja", "password": DEMO_PASSWORD, "device_id": str(uuid.uuid4())},
        )
        assert login.status_code == 200, login.text

        engine = make_engine(database)
        try:
            joyce = new_laptop(tmp_path / "j.db", laptop_template, http, engine, "joyce")
            joyce.pull()
            assert joyce.held()["help_requests"]
            server = Server(str(http.base_url), database, log_path, engine)
            assert laptop_view(joyce) == server_face(server, joyce.user_id)
            joyce.close()
        finally:
            engine.dispose()
    assert process.returncode == 0, log_path.read_text()
    assert not folder.exists(), "the temporary database outlived the demo server"
    assert "Traceback" not in log_path.read_text()


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="set DORPSONDERSTEUNER_SLOW=1 for the long run")
def test_serve_demo_with_its_five_thousand_requests_starts_in_seconds(tmp_path: Path) -> None:
    with demo_server(tmp_path / "demo.log") as (_, _http, seconds):
        assert "5,000 requests" in (tmp_path / "demo.log").read_text()
        print(f"serve --demo answered after {seconds:.1f} s")
        assert seconds < 60
        engine = make_engine(_database(tmp_path / "demo.log"))
        try:
            with sessionmaker(engine)() as session:
                assert len(session.scalars(select(HelpRequest.id)).all()) == 5000
        finally:
            engine.dispose()


def test_serve_refuses_a_demo_with_a_database_and_requests_without_a_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for options, message in (
        (["--demo", "--database-url", f"sqlite:///{tmp_path / 'x.db'}"], "makes its own"),
        (["--requests", "5"], "--requests goes with --demo"),
    ):
        assert main(["serve", *options]) == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
