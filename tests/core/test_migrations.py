"""The `register` Alembic tree: same schema as the models, backups, too-new registers."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import AREAS, demo_id, install_directory
from dorpsondersteuner.errors import RegisterTooNewError
from dorpsondersteuner.models import (
    REGISTER_METADATA,
    Area,
    DeviceState,
    HelpRequest,
    HistoryEvent,
    RegisterKind,
)
from dorpsondersteuner.models.enums import AreaKind, LifeDomain
from dorpsondersteuner.register import (
    BACKUPS_KEPT,
    MIGRATIONS_DIR,
    REGISTER_SCHEMA_HEAD,
    Register,
    _make_engine,
    list_backups,
    open_register,
    schema_revision,
)
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.workflow import IntakeInput, ResidentInput, register_request
from dorpsondersteuner.sync.checksum import ADMIN_PROJECTION, CHECKED


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _migrate_to(path: Path, key: bytes, revision: str) -> None:
    engine = _make_engine(path, key)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_the_head_constant_is_the_newest_migration():
    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == REGISTER_SCHEMA_HEAD


def test_migrations_and_models_describe_the_same_schema(register: Register):
    with register.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, _t, _p: not (name or "").startswith("search_fts"),
            },
        )
        differences = compare_metadata(context, list(REGISTER_METADATA))
    relaxed = {difference[0][3] for difference in differences if _relaxed(difference)}
    assert relaxed == PROJECTION_ONLY_EMPTY
    assert [d for d in differences if not _relaxed(d)] == []


# Required in the shared model, empty allowed in the register only: an administrator's
# laptop holds the requests' projection and nothing else of them (D5).
PROJECTION_ONLY_EMPTY = {
    "resident_id", "question", "life_domains", "urgency", "highest_level",
    "created_by_id", "consent_record_on", "outcome_note", "created_at", "updated_at",
}  # fmt: skip


def _relaxed(difference: object) -> bool:
    return (
        isinstance(difference, list)
        and len(difference) == 1
        and difference[0][0] == "modify_nullable"
        and difference[0][2] == "help_requests"
        and difference[0][3] in PROJECTION_ONLY_EMPTY
        and difference[0][5:] == (True, False)  # empty allowed in the register, not the model
    )


def test_every_table_the_checksums_watch_has_its_triggers(register: Register):
    # SQLite drops a table's triggers when a migration copies the table: a later
    # migration that alters one of these must create them again.
    with register.engine.connect() as connection:
        found = set(
            connection.exec_driver_sql(
                "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).all()
        )
    watched = {(table, event) for table, sql in found for event in ("INSERT", "UPDATE", "DELETE")
               if f"AFTER {event}" in sql}  # fmt: skip
    assert watched == {
        (table, event) for table in (*CHECKED, "field_versions")
        for event in ("INSERT", "UPDATE", "DELETE")
    }  # fmt: skip


def test_the_projection_only_columns_are_all_a_request_has_beyond_its_projection():
    key_and_projection = {"id", *ADMIN_PROJECTION}
    required = {
        column.name
        for column in HelpRequest.__table__.columns
        if not column.nullable and column.name not in key_and_projection
    }
    assert required == PROJECTION_ONLY_EMPTY


@pytest.mark.parametrize("old_revision", _revisions_oldest_first()[:-1])
def test_an_older_register_is_backed_up_then_migrated_keeping_its_data(
    tmp_path: Path, register_key: bytes, old_revision: str
):
    path = tmp_path / "register.db"
    _migrate_to(path, register_key, old_revision)
    engine = _make_engine(path, register_key)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO areas (id, code, name, kind, created_at, updated_at) VALUES "
            "('0123456789abcdef0123456789abcdef', 'HAN', 'Handel', 'village', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    engine.dispose()

    register = open_register(path, register_key)
    assert schema_revision(register.engine) == REGISTER_SCHEMA_HEAD
    with register.sessions() as session:
        assert session.scalars(select(Area.name)).all() == ["Handel"]
    register.close()

    (backup,) = list_backups(path)
    assert backup.name.endswith(f"-{old_revision}")
    backup_engine = _make_engine(backup, register_key)
    assert schema_revision(backup_engine) == old_revision
    backup_engine.dispose()


def test_a_register_with_requests_keeps_them_and_its_foreign_keys_when_a_table_is_copied(
    tmp_path: Path, register_key: bytes
):
    # 0011 copies help_requests (SQLite alters a column so), which contacts, history and
    # more point at: the upgrade turns foreign keys off for that and on again.
    path = tmp_path / "register.db"
    _migrate_to(path, register_key, "0010")
    engine = _make_engine(path, register_key)
    bakel = next(area.id for area in AREAS if area.code == "BAK")
    with sessionmaker(engine).begin() as session:
        install_directory(session)
        session.add(DeviceState(device_id=demo_id("device", "T1"), short_code="T1",
                                register_kind=RegisterKind.DEMO))  # fmt: skip
        session.flush()
        request_id = register_request(
            session,
            load_principal(session, demo_id("user", "ingrid")),
            IntakeInput("Boodschappen na een val", LifeDomain.CARE, today()),
            new_resident=ResidentInput(first_name="Truus", last_name="Jansen", area_id=bakel),
        )
    engine.dispose()

    register = open_register(path, register_key)
    with register.sessions() as session:
        assert session.get_one(HelpRequest, request_id).question == "Boodschappen na een val"
        assert session.scalars(select(HistoryEvent.request_id)).all() == [request_id]
    with register.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    register.close()


def test_only_the_newest_backups_are_kept(register: Register, register_key: bytes):
    from dorpsondersteuner.register import backup_register

    made = [backup_register(register.engine, register.path, label=str(i)) for i in range(5)]
    assert list_backups(register.path) == made[-BACKUPS_KEPT:]


def test_a_register_from_a_newer_program_refuses_to_open_and_is_left_alone(
    register: Register, register_key: bytes
):
    with register.transaction() as session:
        session.add(Area(code="RIP", name="De Rips", kind=AreaKind.VILLAGE))
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = 'f00d'")
    register.close()
    before = register.path.read_bytes()

    with pytest.raises(RegisterTooNewError, match="update the program"):
        open_register(register.path, register_key)
    assert register.path.read_bytes() == before
    assert list_backups(register.path) == []
