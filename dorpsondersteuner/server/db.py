"""The server database: engines for SQLite and PostgreSQL, and the `server` schema tree.

``serve`` migrates an empty database by itself, but refuses one whose schema is behind
(several processes may share it: migrating is a deliberate step, ``migrate``) or ahead
(a newer program wrote it). Checking and migrating happen under a database-wide lock,
so processes started at the same moment take turns instead of migrating twice.

Transactions: on SQLite a transaction takes the write lock up front (``BEGIN
IMMEDIATE``), except on a read-only engine (``read_only``), which reads without any lock
and refuses to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

# The newest revision of the `server` tree. A database at this revision is served
# without loading Alembic; tests/server/test_migrations.py keeps it true.
SERVER_SCHEMA_HEAD = "0010"

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations" / "server"
VERSION_TABLE = "alembic_version"

# The key of the PostgreSQL advisory lock held while checking and migrating the schema:
# any fixed 64-bit number no other program on the database uses ("dorpssch" in ASCII).
MIGRATION_LOCK_KEY = 0x646F_7270_7373_6368
# Connections per process: kept, and at most. A request may hold one while it waits for
# a worker thread (FastAPI validates a plain route's answer in a thread of its own before
# the request's session is closed), so the pool must not run dry before the threads
# (anyio's 40) do: it takes some 90 requests in flight in one process for a request to
# wait for a connection at all.
POOL_SIZE = 20
POOL_OVERFLOW = 30
# The execution option that marks a read-only engine (see ``read_only``).
READ_ONLY_OPTION = "dorpsondersteuner_read_only"


class SchemaError(Exception):
    """The database cannot be served as it is; the message says what to do."""


def make_engine(
    url: str, *, pool_size: int = POOL_SIZE, max_overflow: int = POOL_OVERFLOW
) -> Engine:
    """An engine for the server database; a SQLite file's folder is made if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": 30}, pool_size=pool_size, max_overflow=max_overflow
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # BEGIN is sent below, not by the driver
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            if connection.get_execution_options().get(READ_ONLY_OPTION):
                # A snapshot to read: in WAL mode it never waits for, nor blocks, a writer.
                connection.exec_driver_sql("BEGIN")
                return
            # Take the write lock up front: a read-then-write transaction (throttle
            # counters, tokens) then waits its turn instead of failing with "locked"
            # when another process wrote in between.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # No JIT compilation: PostgreSQL estimates the access policy's clauses far above
    # what they cost and compiled a pull's or a snapshot cut's statements to machine
    # code for 0.4-0.8 s each at 100,000 requests, many times what running them takes;
    # every statement here is short (OLTP), where JIT does not pay.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
        connect_args={"options": "-c jit=off"},
    )


class ReadOnlyError(RuntimeError):
    """A statement that is not a read, on a read-only engine: a bug in the caller."""


# What a read-only connection may send: queries, and the BEGIN of a SQLite snapshot.
_READ = re.compile(r"\s*(SELECT|WITH|BEGIN)\b", re.IGNORECASE)


def _refuse_writes(
    _connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: Any,
    _executemany: bool,
) -> None:
    if not _READ.match(statement):
        raise ReadOnlyError(f"a read-only session may not run: {statement[:60]}")


def read_only(engine: Engine) -> Engine:
    """The same engine and pool, for sessions that only read.

    SQLite: a deferred ``BEGIN``, a snapshot that takes no write lock, so reads never
    queue behind writes nor behind each other. PostgreSQL: autocommit, so each query is
    its own snapshot, as it would be in a READ COMMITTED transaction anyway, without the
    round trips for BEGIN and ROLLBACK; ending such a session sends nothing. Either way a
    statement that is not a read fails before it reaches the database.
    """
    options: dict[str, Any] = {READ_ONLY_OPTION: True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "AUTOCOMMIT"
    reader = engine.execution_options(**options)
    event.listen(reader, "before_cursor_execute", _refuse_writes)
    return reader


def reader_engine(url: str, connections: int) -> Engine:
    """A small engine of its own for a path that only reads and must be cheap (the token
    check on every signed-in request), with at most ``connections`` connections.

    As ``read_only`` (SQLite: the same), but on PostgreSQL its connections stay in
    autocommit for good instead of being switched at each use and back, are not reset
    when they go back to the pool (a read in autocommit leaves nothing to roll back),
    and are not tested with a round trip each time they are taken: the caller handles a
    connection the database dropped itself (``DBAPIError.connection_invalidated``).
    """
    if make_url(url).get_backend_name() == "sqlite":
        return read_only(make_engine(url, pool_size=connections, max_overflow=0))
    engine = create_engine(
        url,
        isolation_level="AUTOCOMMIT",
        pool_size=connections,
        max_overflow=0,
        pool_reset_on_return=None,
    )
    reader = engine.execution_options(**{READ_ONLY_OPTION: True})
    event.listen(reader, "before_cursor_execute", _refuse_writes)
    return reader


def describe(url: str) -> str:
    """The URL without its password, for logs and messages."""
    return make_url(url).render_as_string(hide_password=True)


class SchemaState(StrEnum):
    EMPTY = "empty"
    CURRENT = "current"
    BEHIND = "behind"
    AHEAD = "ahead"
    FOREIGN = "foreign"  # tables, but not ours


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    revision: str | None
    head: str

    def problem(self, url: str) -> str | None:
        """What is wrong and what to run, or None when ``serve`` may go on."""
        where = describe(url)
        if self.state is SchemaState.BEHIND:
            return (
                f"the database schema is at revision {self.revision}, this program needs "
                f"{self.head}: back up the database, then run "
                f"`dorpsondersteuner-server migrate --database-url {where}` "
                "(stop every server process first)"
            )
        if self.state is SchemaState.AHEAD:
            return (
                f"the database schema is at revision {self.revision}, which this program "
                f"does not know (its newest is {self.head}): a newer program wrote it; "
                "update the program"
            )
        if self.state is SchemaState.FOREIGN:
            return (
                "the database has tables but no dorpsondersteuner schema version: it is not "
                "a dorpsondersteuner server database; give an empty database instead"
            )
        return None


def script_directory(location: Path = MIGRATIONS_DIR) -> ScriptDirectory:
    from alembic.script import ScriptDirectory  # only when there is work to do

    return ScriptDirectory(str(location))


@contextmanager
def _connected(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as connection:
            yield connection


def current_revision(bind: Engine | Connection) -> str | None:
    with _connected(bind) as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        row = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").first()
        return None if row is None else str(row[0])


def schema_status(bind: Engine | Connection, script: ScriptDirectory | None = None) -> SchemaStatus:
    """Where the schema stands. Without the migration lock (``migration_transaction``) a
    state other than CURRENT may be a glimpse of another process migrating."""
    with _connected(bind) as connection:
        revision = current_revision(connection)
        if script is None and revision == SERVER_SCHEMA_HEAD:
            return SchemaStatus(state=SchemaState.CURRENT, revision=revision, head=revision)
        script = script or script_directory()
        head = script.get_current_head()
        assert head is not None, "the server tree has no migrations"
        if revision is None:
            tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
            state = SchemaState.FOREIGN if tables else SchemaState.EMPTY
        elif revision == head:
            state = SchemaState.CURRENT
        elif revision in {rev.revision for rev in script.walk_revisions()}:
            state = SchemaState.BEHIND
        else:
            state = SchemaState.AHEAD
        return SchemaStatus(state=state, revision=revision, head=head)


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the database-wide migration lock until it ends.

    Two processes starting at once on an empty database would otherwise both see it
    empty and both create the schema (PostgreSQL: a duplicate key), or one would see the
    other's tables without its version row (SQLite: "not a dorpsondersteuner database").
    PostgreSQL: a transaction-level advisory lock. SQLite: the write lock, which
    ``BEGIN IMMEDIATE`` takes; the schema changes in the same transaction, so whoever
    waited sees all of it or none of it.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        yield connection


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the `server` tree up to ``revision`` in one transaction, under the migration
    lock: a second ``migrate`` at the same time waits, then finds nothing left to do."""
    with migration_transaction(engine) as connection:
        _upgrade(connection, revision)


def prepare_for_serving(engine: Engine, url: str) -> SchemaStatus:
    """Migrate an empty database; raise ``SchemaError`` for one that is behind or ahead."""
    status = schema_status(engine)
    if status.state is SchemaState.CURRENT:
        return status  # the usual start: no lock, no Alembic
    with migration_transaction(engine) as connection:
        # Looked at again under the lock: another process may have been migrating.
        status = schema_status(connection)
        if status.state is SchemaState.EMPTY:
            _upgrade(connection, "head")
            status = schema_status(connection, script_directory())
    problem = status.problem(url)
    if problem is not None:
        raise SchemaError(problem)
    return status
