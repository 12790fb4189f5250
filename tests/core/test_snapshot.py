"""The list snapshot: written through the services, read back through plain sqlcipher3
before SQLAlchemy is imported, and "no snapshot" for anything that is not right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from dorpsondersteuner.register import MIGRATIONS_DIR, Register, _make_engine, open_register
from dorpsondersteuner.services.snapshots import clear_list_snapshots, save_list_snapshot
from dorpsondersteuner.snapshot import MAX_ROWS, read_snapshot

CONTENT: dict[str, Any] = {
    "headers": ["Inwoner", "Niveau", "Kenmerk"],
    "widths": [165, 100, 150],
    "level_column": 1,
    "title": "Mijn hulpvragen",
    "sizes": [190, 690, 400],
    "rows": [
        {"cells": ["Diana de Wit", "Dorp", "BAK-2026-D1-1"], "level": "village"},
        {"cells": ["Omar Haile", "Wijkteam", "BAK-2026-D1-2"], "level": "district_team"},
    ],
}


def _save(register: Register, username: str, view: str, content: dict[str, Any]) -> None:
    with register.transaction() as session:
        save_list_snapshot(session, username, view, content, "nl")


def test_a_snapshot_round_trips_through_the_encrypted_register(
    register: Register, register_key: bytes
) -> None:
    _save(register, "ingrid", "mine", CONTENT)
    changed = {**CONTENT, "rows": CONTENT["rows"][:1]}
    _save(register, "ingrid", "mine", changed)  # replaced, not added
    _save(register, "ingrid", "all", CONTENT)

    snapshot = read_snapshot(register.path, register_key, "ingrid", "mine")
    assert snapshot is not None
    assert snapshot.headers == ("Inwoner", "Niveau", "Kenmerk")
    assert snapshot.widths == (165, 100, 150)
    assert (snapshot.level_column, snapshot.title, snapshot.sizes) == (
        1,
        "Mijn hulpvragen",
        (190, 690, 400),
    )
    assert [(row.cells, row.level) for row in snapshot.rows] == [
        (("Diana de Wit", "Dorp", "BAK-2026-D1-1"), "village")
    ]
    assert snapshot.language == "nl"
    assert snapshot.saved_at is not None and snapshot.saved_at.tzinfo is not None
    every = read_snapshot(register.path, register_key, "ingrid", "all")
    assert every is not None and len(every.rows) == 2
    # Only that user's, only that view.
    assert read_snapshot(register.path, register_key, "joyce", "mine") is None
    assert read_snapshot(register.path, register_key, "ingrid", "pickup") is None

    with register.transaction() as session:
        clear_list_snapshots(session, "ingrid")
    assert read_snapshot(register.path, register_key, "ingrid", "mine") is None


def test_the_snapshot_is_read_without_sqlalchemy(register: Register, register_key: bytes) -> None:
    _save(register, "ingrid", "mine", CONTENT)
    register.close()
    code = (
        "import sys\n"
        "from dorpsondersteuner.snapshot import read_snapshot\n"
        f"snapshot = read_snapshot({str(register.path)!r}, bytes.fromhex({register_key.hex()!r}),"
        " 'ingrid', 'mine')\n"
        "assert snapshot is not None and snapshot.rows[0].cells[0] == 'Diana de Wit'\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
        " or m.startswith(('dorpsondersteuner.models', 'dorpsondersteuner.register')))\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_wrong_key_gives_no_snapshot_and_leaves_the_file_alone(
    register: Register, register_key: bytes
) -> None:
    _save(register, "ingrid", "mine", CONTENT)
    register.close()
    before = register.path.read_bytes()
    assert read_snapshot(register.path, bytes(32), "ingrid", "mine") is None
    assert register.path.read_bytes() == before
    assert read_snapshot(register.path.with_name("absent.db"), register_key, "x", "mine") is None


def test_a_register_from_before_snapshots_gives_none(tmp_path: Path, register_key: bytes) -> None:
    path = tmp_path / "old.db"
    engine = _make_engine(path, register_key)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    engine.dispose()
    assert read_snapshot(path, register_key, "ingrid", "mine") is None
    open_register(path, register_key).close()  # migrated: now there is a table, no row
    assert read_snapshot(path, register_key, "ingrid", "mine") is None


def test_content_that_does_not_fit_gives_none(register: Register, register_key: bytes) -> None:
    bad_row = {**CONTENT, "rows": [{"cells": ["only one cell"], "level": "village"}]}
    _save(register, "ingrid", "mine", bad_row)
    assert read_snapshot(register.path, register_key, "ingrid", "mine") is None
    _save(register, "ingrid", "mine", {"rows": []})
    assert read_snapshot(register.path, register_key, "ingrid", "mine") is None
    many = {**CONTENT, "rows": CONTENT["rows"] * MAX_ROWS}
    _save(register, "ingrid", "mine", many)
    snapshot = read_snapshot(register.path, register_key, "ingrid", "mine")
    assert snapshot is not None and len(snapshot.rows) == MAX_ROWS
