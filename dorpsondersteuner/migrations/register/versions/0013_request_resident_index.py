"""a resident's requests indexed with what places them (the same index as the server's)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 18:45:00.000000
"""

from alembic import op


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_help_requests_resident_id", table_name="help_requests")
    op.create_index(
        "ix_help_requests_resident",
        "help_requests",
        ["resident_id", "deleted_at", "area_id", "highest_level"],
    )


def downgrade() -> None:
    op.drop_index("ix_help_requests_resident", table_name="help_requests")
    op.create_index("ix_help_requests_resident_id", "help_requests", ["resident_id"])
