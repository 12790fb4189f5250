"""a request's content columns may be empty in the register: an administrator's laptop
holds the requests' projection only (reference, area, level, status, owner; D5)

The shared model keeps them required (the server's database, a supporter's register
always fills them); only this tree relaxes them. SQLite alters a column by copying the
table, which ``open_register`` does with foreign keys off and checked afterwards.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 15:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_LEVEL = sa.Enum(
    "village", "district_team", "municipality", name="level", native_enum=False, length=32
)
_URGENCY = sa.Enum("normal", "high", "acute", name="urgency", native_enum=False, length=32)

# Every required column of help_requests outside the projection and the key.
_CONTENT = (
    ("resident_id", sa.Uuid()),
    ("question", sa.Text()),
    ("life_domains", sa.Integer()),
    ("urgency", _URGENCY),
    ("highest_level", _LEVEL),
    ("created_by_id", sa.Uuid()),
    ("consent_record_on", sa.Date()),
    ("outcome_note", sa.Text()),
    ("created_at", sa.DateTime()),
    ("updated_at", sa.DateTime()),
)


def upgrade() -> None:
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        for name, type_ in _CONTENT:
            batch_op.alter_column(name, existing_type=type_, nullable=True)


def downgrade() -> None:
    # The columns stay relaxed: the older program writes them anyway, and requiring them
    # again would copy the table under foreign keys and refuse an administrator's rows.
    pass
