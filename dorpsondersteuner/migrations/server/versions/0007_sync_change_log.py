"""sync change log

The tables of push and pull: the sequence counter (one row, with this database's
epoch), the change log, the version of every field, every pushed op with its result,
values that lost a concurrent edit, and each device's scope with the change its last
page made to it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 08:00:00.000000
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    counter = op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_counter")),
    )
    op.bulk_insert(counter, [{"id": 1, "last_seq": 0, "epoch": secrets.token_hex(6)}])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=True),
        sa.Column("op_id", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    op.create_index("ix_change_log_request_seq", "change_log", ["request_id", "seq"])
    op.create_table(
        "field_stamps",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("entity", "record_id", "field", name=op.f("pk_field_stamps")),
    )
    op.create_table(
        "pushed_ops",
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("clamped", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_pushed_ops_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pushed_ops_user_id_users")
        ),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_pushed_ops")),
    )
    op.create_index("ix_pushed_ops_device_at", "pushed_ops", ["device_id", "at"])
    op.create_index(op.f("ix_pushed_ops_seq"), "pushed_ops", ["seq"])
    op.create_table(
        "losing_values",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("losing_value", sa.JSON(), nullable=True),
        sa.Column("winning_value", sa.JSON(), nullable=True),
        sa.Column("losing_user_id", sa.Uuid(), nullable=False),
        sa.Column("losing_device_id", sa.Uuid(), nullable=False),
        sa.Column("losing_hlc", sa.String(length=64), nullable=False),
        sa.Column("winning_user_id", sa.Uuid(), nullable=True),
        sa.Column("winning_hlc", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_losing_values")),
    )
    op.create_table(
        "device_scope",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_device_scope_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", "record_id", name=op.f("pk_device_scope")),
    )
    op.create_table(
        "scope_deltas",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("cursor", sa.String(length=80), nullable=False),
        sa.Column("added", sa.JSON(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_scope_deltas_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_scope_deltas")),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])


def downgrade() -> None:
    for table in (
        "access_log",
        "scope_deltas",
        "device_scope",
        "losing_values",
        "pushed_ops",
        "field_stamps",
        "change_log",
        "sync_counter",
    ):
        op.drop_table(table)
