"""sync snapshots

The snapshots a fresh laptop downloads for its first sync (D17), stored where every
server process can serve them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_snapshots",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("cursor", sa.String(length=80), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("chunk_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_sync_snapshots_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_snapshots_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_snapshots")),
    )
    op.create_index(
        op.f("ix_sync_snapshots_device_id"), "sync_snapshots", ["device_id"], unique=False
    )
    op.create_index(
        op.f("ix_sync_snapshots_expires_at"), "sync_snapshots", ["expires_at"], unique=False
    )
    op.create_table(
        "sync_snapshot_chunks",
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["sync_snapshots.id"],
            name=op.f("fk_sync_snapshot_chunks_snapshot_id_sync_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("snapshot_id", "number", name=op.f("pk_sync_snapshot_chunks")),
    )


def downgrade() -> None:
    op.drop_table("sync_snapshot_chunks")
    op.drop_index(op.f("ix_sync_snapshots_expires_at"), table_name="sync_snapshots")
    op.drop_index(op.f("ix_sync_snapshots_device_id"), table_name="sync_snapshots")
    op.drop_table("sync_snapshots")
