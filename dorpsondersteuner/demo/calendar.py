"""The demo register follows the calendar (D1): opened on a later day than the one its
data was made for, every date and instant in it moves by the days that passed. So the
follow-ups due today, the overdue ones and the requests waiting for pick-up are there on
any day, as they were on the day the register was made.

What moves: every ``Date`` and ``UTCDateTime`` column of the domain tables (``Base``),
found from the models, so a column added later moves too; and the consent day kept in a
consent event's details. What does not: the laptop-only tables (``LocalBase``). The
access log records real events in a hash chain, drafts hold what someone typed, the
outbox what waits to be sent. The list snapshots (what each user last saw, dates
written out as text) are dropped instead; the next session saves them anew.

How: SQL over the stored text, in one transaction. Dates are stored as ``YYYY-MM-DD``
and move with SQLite's ``date(…, '+N days')``. Instants (``models/base.py``
``UTCDateTime``) are stored as naive UTC text, ``YYYY-MM-DD HH:MM:SS.ffffff``; they
move N days in Amsterdam and keep their local time of day, so a visit at 10:00 in
winter is at 10:00 in summer too (an hour less in UTC) and an instant's local date moves
exactly as the dates do (D7). Amsterdam's summer time is the EU rule: from the last
Sunday of March to the last Sunday of October, both at 01:00 UTC.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Date, DateTime, TypeDecorator, select
from sqlalchemy.types import TypeEngine

from ..clock import local_date
from ..clock import today as local_today
from ..models import Base, DeviceState, RegisterKind
from ..register import DEMO_REGISTER_KEY, Register, open_register
from ..services.snapshots import clear_list_snapshots

# Dates inside JSON columns: a consent event keeps the day consent was given or
# withdrawn (services/workflow.py), which must stay the day in the request's columns.
DATES_IN_JSON: dict[str, tuple[tuple[str, str], ...]] = {"history_events": (("details", "on"),)}


def open_demo_register(path: Path) -> Register:
    """Open the demo register with its published key and move its dates to today.

    A real register never opens here: its key is not the demo key.
    """
    register = open_register(path, DEMO_REGISTER_KEY)
    try:
        follow_the_calendar(register)
    except BaseException:
        register.close()
        raise
    return register


def follow_the_calendar(register: Register, *, today: date | None = None) -> int:
    """Move a demo register's dates from the day they were made for to ``today``
    (Amsterdam). Returns the days moved: 0 on the same day, and always 0 for a register
    that is not a demo register, whose dates are facts and never move."""
    today = today or local_today()
    with register.transaction() as session:
        device = session.scalars(select(DeviceState)).one_or_none()
        if device is None or device.register_kind != RegisterKind.DEMO.value:
            return 0
        # A demo register made before the day was kept: the generator made it for the
        # day it was created on (the app always does), and device_state never moves.
        dated_for = device.demo_dated_for or local_date(device.created_at)
        days = (today - dated_for).days
        if days == 0:
            return 0
        move_dates(session.connection(), days)
        clear_list_snapshots(session)
        device.demo_dated_for = today
    return days


def move_dates(connection: Connection, days: int) -> None:
    """Move every date and instant of the domain tables by ``days`` whole days, within
    the caller's transaction."""
    for statement in move_statements(days):
        connection.exec_driver_sql(statement)


def move_statements(days: int) -> list[str]:
    """One UPDATE per domain table that holds a date or an instant."""
    modifier = _days(days)
    statements = []
    for table in Base.metadata.sorted_tables:
        assignments = []
        for column in table.columns:
            kind = _stored_kind(column)
            if kind is DateTime:
                assignments.append(f"{_q(column.name)} = {moved_instant(column.name, days)}")
            elif kind is Date:
                assignments.append(f"{_q(column.name)} = date({_q(column.name)}, {modifier})")
        for name, key in DATES_IN_JSON.get(table.name, ()):
            assignments.append(f"{_q(name)} = {_moved_json_date(name, key, modifier)}")
        if assignments:
            statements.append(f"UPDATE {_q(table.name)} SET {', '.join(assignments)}")
    return statements


def moved_instant(column: str, days: int) -> str:
    """SQL for a stored UTC instant moved by whole days in Amsterdam: the UTC text moved
    by the days, then an hour either way when summer time differs between the two.
    Only the hour changes, so the fraction of a second is kept as stored."""
    stored, modifier = _q(column), _days(days)
    moved = f"(date(substr({stored}, 1, 10), {modifier}) || substr({stored}, 11))"
    change = f"({_summer_time(stored)} - {_summer_time(moved)})"
    return (
        f"CASE {change} WHEN 0 THEN {moved} "
        f"ELSE strftime('%Y-%m-%d %H:%M:%S', {stored}, {modifier}, {change} || ' hours')"
        f" || substr({stored}, 20) END"
    )


def _summer_time(instant: str) -> str:
    """SQL: 1 when the UTC text ``instant`` falls in Amsterdam's summer time, else 0.

    A simple CASE reads the month once; only March and October compare the time with
    that month's last Sunday at 01:00 UTC.
    """
    last_sunday = f"date(substr({instant}, 1, 8) || '25', 'weekday 0') || ' 01'"
    summer = " ".join(f"WHEN '{month:02d}' THEN 1" for month in range(4, 10))
    return (
        f"(CASE substr({instant}, 6, 2) "
        f"WHEN '03' THEN {instant} >= {last_sunday} "
        f"WHEN '10' THEN {instant} < {last_sunday} "
        f"{summer} ELSE 0 END)"
    )


def _moved_json_date(column: str, key: str, modifier: str) -> str:
    """SQL for JSON text with its date under ``key`` moved. The quoted date is replaced
    in place, so the text stays as json.dumps wrote it, only the date differs."""
    stored = _q(column)
    old = f"json_extract({stored}, '$.{key}')"
    return (
        f"CASE WHEN instr({stored}, '\"{key}\"') AND {old} IS NOT NULL "
        f"THEN replace({stored}, '\"' || {old} || '\"', '\"' || date({old}, {modifier}) || '\"') "
        f"ELSE {stored} END"
    )


def _stored_kind(column: Column[Any]) -> type[TypeEngine[Any]] | None:
    """``DateTime`` for an instant, ``Date`` for a calendar date, None otherwise."""
    stored = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(stored, DateTime):
        return DateTime
    if isinstance(stored, Date):
        return Date
    return None


def _days(days: int) -> str:
    """A date modifier: ``'+40 days'``. From an int, so nothing else reaches the SQL."""
    return f"'{int(days):+d} days'"


def _q(name: str) -> str:
    return f'"{name}"'
