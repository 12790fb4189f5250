"""indexes for the pull: a resident's requests with what places them, and a device's
roots to send again

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 18:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_help_requests_resident_id", table_name="help_requests")
    op.create_index(
        "ix_help_requests_resident",
        "help_requests",
        ["resident_id", "deleted_at", "area_id", "highest_level"],
    )
    op.create_index(
        "ix_device_scope_stale",
        "device_scope",
        ["device_id"],
        sqlite_where=sa.text("stale = 1"),
        postgresql_where=sa.text("stale"),
    )


def downgrade() -> None:
    op.drop_index("ix_device_scope_stale", table_name="device_scope")
    op.drop_index("ix_help_requests_resident", table_name="help_requests")
    op.create_index("ix_help_requests_resident_id", "help_requests", ["resident_id"])
