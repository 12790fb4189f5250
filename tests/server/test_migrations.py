"""The `server` Alembic tree on both databases: models and migrations agree, `serve`
migrates an empty database but refuses one that is behind or ahead, saying what to do,
and two processes starting at once on an empty database take turns."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from dorpsondersteuner.models import Base
from dorpsondersteuner.server.cli import main
from dorpsondersteuner.server.db import (
    SERVER_SCHEMA_HEAD,
    SchemaError,
    SchemaState,
    make_engine,
    prepare_for_serving,
    schema_status,
    script_directory,
    upgrade,
)
from dorpsondersteuner.server.models import SERVER_METADATA

from .conftest import SERVER_START_SECONDS, Databases, Server, free_port, run_cli, server_env


def test_the_head_constant_is_the_newest_migration():
    assert script_directory().get_current_head() == SERVER_SCHEMA_HEAD


def test_migrations_and_models_describe_the_same_schema(server: Server):
    with server.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, [Base.metadata, *SERVER_METADATA])
    assert differences == []
    assert schema_status(server.engine).state is SchemaState.CURRENT


def test_serve_refuses_a_database_that_is_behind_until_migrated(new_database_url: str):
    head = script_directory().get_current_head()
    older = script_directory().get_revision(head).down_revision
    assert isinstance(older, str)
    engine = make_engine(new_database_url)
    upgrade(engine, older)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO areas (id, code, name, kind, created_at, updated_at) VALUES "
                "('0123456789abcdef0123456789abcdef', 'HAN', 'Handel', 'village', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    refused = run_cli("serve", "--port", "1", database_url=new_database_url)
    assert refused.returncode == 1
    assert f"at revision {older}" in refused.stderr
    assert "dorpsondersteuner-server migrate" in refused.stderr
    assert "Traceback" not in refused.stderr

    migrated = run_cli("migrate", database_url=new_database_url)
    assert migrated.returncode == 0, migrated.stderr
    assert schema_status(engine).state is SchemaState.CURRENT
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM areas")).scalars().all() == ["Handel"]
    engine.dispose()


def test_serve_and_migrate_refuse_a_database_from_a_newer_program(
    new_database_url: str, capsys: pytest.CaptureFixture[str]
):
    engine = make_engine(new_database_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    refused = run_cli("serve", "--port", "1", database_url=new_database_url)
    assert refused.returncode == 1, refused.stderr
    assert "update the program" in refused.stderr and "Traceback" not in refused.stderr
    # `migrate` refuses too (in-process: the same main() the script runs).
    assert main(["migrate", "--database-url", new_database_url]) == 1
    assert "update the program" in capsys.readouterr().err


def test_an_empty_database_is_migrated_and_a_foreign_one_refused(new_database_url: str):
    engine = make_engine(new_database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE something_else (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SchemaError, match="not a dorpsondersteuner server database"):
        prepare_for_serving(engine, new_database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE something_else"))
    assert prepare_for_serving(engine, new_database_url).state is SchemaState.CURRENT
    engine.dispose()


# The real `serve` (cli.main), started once its imports are done and the other process's
# are too, so that both look at the empty database at the same moment.
_AT_THE_SAME_MOMENT = """
import pathlib, sys, time
from dorpsondersteuner.server.cli import main
gate = pathlib.Path(sys.argv[1])
(gate / sys.argv[2]).touch()
deadline = time.monotonic() + 20
while len(list(gate.iterdir())) < 2 and time.monotonic() < deadline:
    time.sleep(0.001)
sys.exit(main(sys.argv[3:]))
"""


def _start_serve(
    database_url: str, gate: Path, name: str, log_path: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-c", _AT_THE_SAME_MOMENT, str(gate), name]
    command += ["serve", "--port", str(port), "--database-url", database_url]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=server_env()
        )
    return process, f"http://127.0.0.1:{port}"


def _healthy(process: subprocess.Popen[bytes], url: str, deadline: float) -> bool:
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return True
        time.sleep(0.02)
    return False


def test_two_servers_starting_at_once_on_an_empty_database_both_serve(
    databases: Databases, tmp_path: Path
):
    """Issue 10: without the migration lock one of the two exited (PostgreSQL: duplicate
    key; SQLite: "not a dorpsondersteuner server database") in every round: two rounds."""
    for round_number in range(2):
        database_url = databases.new_url()
        gate = tmp_path / f"gate-{round_number}"
        gate.mkdir()
        logs = [tmp_path / f"serve-{round_number}-{which}.log" for which in (1, 2)]
        started = [_start_serve(database_url, gate, log.stem, log) for log in logs]
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            for (process, url), log in zip(started, logs, strict=True):
                assert _healthy(process, url, deadline), log.read_text(errors="replace")
        finally:
            for process, _ in started:
                process.terminate()
            for process, _ in started:
                process.wait(timeout=15)
        engine = make_engine(database_url)
        assert schema_status(engine).state is SchemaState.CURRENT
        engine.dispose()
        for log in logs:
            assert "Traceback" not in log.read_text(errors="replace")
