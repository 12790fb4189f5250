"""Alembic environment of the laptop register.

``open_register`` passes its own (encrypted) connection in ``config.attributes``.
Run from the command line (``alembic -c dorpsondersteuner/migrations/register/alembic.ini``)
it works on a plain SQLite file, which is all autogenerate needs.
"""

import sqlcipher3
from alembic import context
from sqlalchemy import create_engine

from dorpsondersteuner.models import REGISTER_METADATA
from dorpsondersteuner.models.base import UTCDateTime
from dorpsondersteuner.models.types import FlagSet

config = context.config


def render_item(type_, obj, autogen_context):
    """Write the project's column types as the plain SQL types they store, so old
    migrations never depend on today's Python classes."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    if type_ == "type" and isinstance(obj, FlagSet):
        return "sa.Integer()"
    return False


def include_name(name, type_, parent_names):
    """The FTS5 search table and its shadow tables are made by hand in a migration."""
    return not (type_ == "table" and (name or "").startswith("search_fts"))


def run_with(connection):
    context.configure(
        connection=connection,
        target_metadata=list(REGISTER_METADATA),
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        render_item=render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    # SQLCipher's SQLite without a key: a plain file, but the same SQLite version (FTS5
    # options) as the program's registers.
    engine = create_engine(
        config.get_main_option("sqlalchemy.url") or "sqlite:///register-dev.db",
        module=sqlcipher3.dbapi2,
    )
    with engine.begin() as dev_connection:
        run_with(dev_connection)
