"""Opening a register: the encrypted SQLite file that holds a laptop's data (D1, D4, D10).

``open_register`` is the one way in. It checks the key before anything touches the
file, turns on WAL, foreign keys and ``secure_delete`` for every connection, and
migrates the schema to this program's version (after a backup) or refuses a register
written by a newer program.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .errors import RegisterNotFoundError, RegisterTooNewError, WrongKeyError

# Re-exported: the demo key and key size have always been importable from here.
from .rawdb import DEMO_REGISTER_KEY as DEMO_REGISTER_KEY
from .rawdb import KEY_BYTES as KEY_BYTES
from .rawdb import connect_raw as _connect_raw

# The newest revision of the `register` Alembic tree. A register at this revision
# opens without loading Alembic at all; tests/core/test_migrations.py keeps it true.
REGISTER_SCHEMA_HEAD = "0013"

BACKUPS_KEPT = 3
MIGRATIONS_DIR = Path(__file__).parent / "migrations" / "register"


@dataclass(frozen=True)
class Register:
    """An open register: a connection pool and a session factory over one file."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        # Refresh the planner's statistics where the data grew (SQLite's advice for
        # closing a connection); analysis_limit keeps it to milliseconds.
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


def open_register(path: Path | str, key: bytes, *, create: bool = False) -> Register:
    """Open (or with ``create`` make) the register at ``path`` with a raw 256-bit key.

    Raises ``WrongKeyError`` when the key does not open the file (the file is left
    untouched), ``RegisterNotFoundError`` when there is no file and ``create`` is
    false, and ``RegisterTooNewError`` when a newer program wrote the file.
    """
    path = Path(path)
    if len(key) != KEY_BYTES:
        raise ValueError(f"a register key is {KEY_BYTES} bytes, not {len(key)}")
    if path.exists():
        _check_key(path, key)
    elif create:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        raise RegisterNotFoundError(f"no register at {path}")

    engine = _make_engine(path, key)
    try:
        _migrate(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Register(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _check_key(path: Path, key: bytes) -> None:
    """Read the schema through a read-only connection: a wrong key changes nothing."""
    connection = _connect_raw(path, key, read_only=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        raise WrongKeyError(f"the key does not open {path.name}") from error
    finally:
        connection.close()


def _make_engine(path: Path, key: bytes) -> Engine:
    def connect() -> Any:
        return _connect_raw(path, key)

    # `module` makes SQLAlchemy recognise sqlcipher3's exceptions as DBAPI errors.
    engine = create_engine("sqlite://", creator=connect, module=sqlcipher3.dbapi2)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        # Removed text is overwritten, not left in free pages (D9).
        dbapi_connection.execute("PRAGMA secure_delete = ON")
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")
        dbapi_connection.execute("PRAGMA analysis_limit = 1000")
        # A 64 MiB page cache (the default is 2 MiB): lists and search over 100,000
        # requests then read decrypted pages from memory instead of decrypting again.
        dbapi_connection.execute("PRAGMA cache_size = -65536")

    return engine


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the register is at, or None for an empty file."""
    with engine.connect() as connection:
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if not has_table:
            return None
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None


def _migrate(engine: Engine, path: Path) -> None:
    revision = schema_revision(engine)
    if revision == REGISTER_SCHEMA_HEAD:
        return

    from alembic.script import ScriptDirectory  # only when there is work to do

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    known = {rev.revision for rev in script.walk_revisions()}
    if revision is not None and revision not in known:
        raise RegisterTooNewError(
            f"{path.name} is at schema {revision}, newer than this program "
            f"({REGISTER_SCHEMA_HEAD}): update the program"
        )
    if revision is not None:
        backup_register(engine, path, label=revision)
    _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        # Altering a column copies its table (SQLite), and dropping the old copy would
        # orphan its children while foreign keys are on: off for the upgrade (SQLite
        # only honours that outside a transaction), checked before it commits.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise RuntimeError(f"the migrated register breaks a foreign key: {broken}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


def backup_register(engine: Engine, path: Path, *, label: str) -> Path:
    """Copy the register beside itself before a migration; keep the newest three.

    The copy is as encrypted as the original (same key): it is the file itself,
    with the write-ahead log folded in first.
    """
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = path.with_name(f"{path.name}.backup-{stamp}-{label}")
    shutil.copy2(path, backup)
    for old in list_backups(path)[:-BACKUPS_KEPT]:
        old.unlink()
    return backup


def list_backups(path: Path) -> list[Path]:
    """The register's backups, oldest first (the timestamp in the name sorts)."""
    return sorted(path.parent.glob(f"{path.name}.backup-*"))
