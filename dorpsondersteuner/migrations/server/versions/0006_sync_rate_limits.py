"""sync rate limits

Per device and kind of sync request (push, pull, snapshot), the state of its request
rate limit, so every server process sees the same allowance.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 11:02:14.510623
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_rate_limits",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("full_at_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_sync_rate_limits_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", "kind", name=op.f("pk_sync_rate_limits")),
    )


def downgrade() -> None:
    op.drop_table("sync_rate_limits")
