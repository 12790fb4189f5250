"""follow-ups searchable: each follow-up's description gets its own search row

No schema change: the follow-ups already in the register are added to the search
index (dorpsondersteuner/services/search.py at this revision indexes new ones).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:55:00.000000
"""

from alembic import op


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO search_rows (source_kind, source_id, request_id, resident_id, "
        "professionals_only) SELECT 'follow_up', f.id, f.request_id, NULL, 0 "
        "FROM follow_ups f JOIN help_requests q ON q.id = f.request_id "
        "WHERE f.deleted_at IS NULL AND q.deleted_at IS NULL AND q.anonymised_at IS NULL"
    )
    op.execute(
        "INSERT INTO search_fts (rowid, body) SELECT s.rowid, f.description "
        "FROM search_rows s JOIN follow_ups f ON f.id = s.source_id "
        "WHERE s.source_kind = 'follow_up'"
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM search_fts WHERE rowid IN "
        "(SELECT rowid FROM search_rows WHERE source_kind = 'follow_up')"
    )
    op.execute("DELETE FROM search_rows WHERE source_kind = 'follow_up'")
