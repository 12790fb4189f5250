"""the laptop keeps its checksum per record and per partition, marked stale by triggers
when what a record's part is made of changes, so a comparison with the server reads a
few sums instead of every field version

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 17:45:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# The records checksums count (sync.checksum.CHECKED), and the columns that place each
# in its partition (sync.checksum: tree_base, member_slot, resident_partition,
# helper_partition). A request's own columns also place its tree and its resident.
_PLACED_BY = {
    "help_requests": ("area_id", "highest_level", "deleted_at", "resident_id"),
    "contacts": ("professionals_only", "request_id"),
    "follow_ups": ("request_id",),
    "arranged_help": ("request_id",),
    "history_events": ("request_id",),
    "residents": ("area_id", "deleted_at", "merged_into_id"),
    "helpers": ("area_id", "deleted_at"),
}
# Triggers do nothing while the sums are to be made anew (a snapshot import, a start
# from scratch), so those write at full speed.
_KEPT = "(SELECT checksum_sums_for FROM sync_state) IS NOT NULL"


def _mark(entity: str, record_id: str) -> str:
    return (
        f"UPDATE held_checksums SET stale = 1 "
        f"WHERE entity = '{entity}' AND record_id = {record_id};"
    )


def _triggers() -> dict[str, str]:
    checked = ", ".join(f"'{entity}'" for entity in _PLACED_BY)
    found: dict[str, str] = {}
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        body = (
            "INSERT INTO held_checksums (entity, record_id, stale) "
            f"VALUES ({row}.entity, {row}.record_id, 1) "
            "ON CONFLICT (entity, record_id) DO UPDATE SET stale = 1;"
            if event != "DELETE"
            else "UPDATE held_checksums SET stale = 1 "
            "WHERE entity = OLD.entity AND record_id = OLD.record_id;"
        )
        found[f"held_checksums_field_versions_{event.lower()}"] = (
            f"AFTER {event} ON field_versions WHEN {_KEPT} AND {row}.entity IN ({checked}) "
            f"BEGIN {body} END"
        )
    for table, columns in _PLACED_BY.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            body = _mark(table, f"{row}.id")
            if table == "help_requests":
                residents = (
                    "OLD.resident_id, NEW.resident_id"
                    if event == "UPDATE"
                    else f"{row}.resident_id"
                )
                body += (
                    f" UPDATE held_checksums SET stale = 1 WHERE request_id = {row}.id;"
                    " UPDATE held_checksums SET stale = 1 "
                    f"WHERE entity = 'residents' AND record_id IN ({residents});"
                )
            of = f" OF {', '.join(columns)}" if event == "UPDATE" else ""
            found[f"held_checksums_{table}_{event.lower()}"] = (
                f"AFTER {event}{of} ON {table} WHEN {_KEPT} BEGIN {body} END"
            )
    return found


def upgrade() -> None:
    op.add_column("sync_state", sa.Column("checksum_sums_for", sa.String(length=16), nullable=True))
    op.create_table(
        "held_checksums",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("partition", sa.String(length=120), nullable=True),
        sa.Column("hash", sa.Integer(), nullable=True),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", name=op.f("pk_held_checksums")),
    )
    op.create_index("ix_held_checksums_request", "held_checksums", ["request_id"])
    op.create_index(
        "ix_held_checksums_stale", "held_checksums", ["stale"], sqlite_where=sa.text("stale = 1")
    )
    op.create_table(
        "held_checksum_sums",
        sa.Column("partition", sa.String(length=120), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("hash", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("partition", name=op.f("pk_held_checksum_sums")),
    )
    for name, definition in _triggers().items():
        op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    for name in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("held_checksum_sums")
    op.drop_index("ix_held_checksums_stale", table_name="held_checksums")
    op.drop_index("ix_held_checksums_request", table_name="held_checksums")
    op.drop_table("held_checksums")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("checksum_sums_for")
