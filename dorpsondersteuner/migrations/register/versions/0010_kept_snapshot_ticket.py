"""sync state keeps the first sync's snapshot ticket while it downloads, so a download
broken off resumes at the next sync

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 14:40:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_state", sa.Column("snapshot_ticket", sa.String(length=2000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("snapshot_ticket")
