"""sync checksums

Count and hash per partition of the shared records, kept as changes are written, for
the checksum a laptop compares after a sync (rule 12): each record's hash, each
request tree's sums and each partition's.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:30:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checksum_records",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("slot", sa.String(length=1), nullable=True),
        sa.Column("partition", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("entity", "record_id", name=op.f("pk_checksum_records")),
    )
    op.create_index(
        op.f("ix_checksum_records_partition"), "checksum_records", ["partition"], unique=False
    )
    op.create_table(
        "checksum_trees",
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("base", sa.String(length=80), nullable=True),
        sa.Column("resident_id", sa.Uuid(), nullable=True),
        sa.Column("count_all", sa.BigInteger(), nullable=False),
        sa.Column("hash_all", sa.BigInteger(), nullable=False),
        sa.Column("count_professionals", sa.BigInteger(), nullable=False),
        sa.Column("hash_professionals", sa.BigInteger(), nullable=False),
        sa.Column("proj_count", sa.Integer(), nullable=False),
        sa.Column("proj_hash", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_checksum_trees")),
    )
    op.create_index(op.f("ix_checksum_trees_base"), "checksum_trees", ["base"], unique=False)
    op.create_table(
        "checksum_partitions",
        sa.Column("partition", sa.String(length=100), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("proj_count", sa.BigInteger(), nullable=False),
        sa.Column("proj_hash", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("partition", name=op.f("pk_checksum_partitions")),
    )
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM field_stamps LIMIT 1")).first() is not None:
        # A server with records already: its sums from its field stamps.
        from dorpsondersteuner.server.sync.checksum import rebuild

        rebuild(Session(bind=bind))


def downgrade() -> None:
    op.drop_index(op.f("ix_checksum_trees_base"), table_name="checksum_trees")
    op.drop_table("checksum_partitions")
    op.drop_table("checksum_trees")
    op.drop_index(op.f("ix_checksum_records_partition"), table_name="checksum_records")
    op.drop_table("checksum_records")
