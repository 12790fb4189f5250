"""Alembic environment of the server database (D12): domain tables plus server-only ones.

``dorpsondersteuner-server migrate`` (and ``serve`` on an empty database) passes its
connection in ``config.attributes``. Run from the command line
(``alembic -c dorpsondersteuner/migrations/server/alembic.ini``) it uses ``DATABASE_URL``
or the scratch SQLite file of alembic.ini, which is all autogenerate needs.
"""

import os

from alembic import context
from sqlalchemy import create_engine

from dorpsondersteuner.models import Base
from dorpsondersteuner.models.base import UTCDateTime
from dorpsondersteuner.models.types import FlagSet
from dorpsondersteuner.server.models import SERVER_METADATA

config = context.config
TARGET_METADATA = [Base.metadata, *SERVER_METADATA]


def render_item(type_, obj, autogen_context):
    """Write the project's column types as the plain SQL types they store, so old
    migrations never depend on today's Python classes."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    if type_ == "type" and isinstance(obj, FlagSet):
        return "sa.Integer()"
    return False


def run_with(connection):
    context.configure(
        connection=connection,
        target_metadata=TARGET_METADATA,
        # SQLite alters tables by copying them; PostgreSQL alters them in place.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url or "sqlite:///server-dev.db")
    with engine.begin() as dev_connection:
        run_with(dev_connection)
