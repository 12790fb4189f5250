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

from dorpsondersteuner.errors import RegisterTooNewError
from dorpsondersteuner.models import REGISTER_METADATA, Area
from dorpsondersteuner.models.enums import AreaKind
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
    assert differences == []


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
