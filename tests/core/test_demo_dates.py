"""The demo register follows the calendar: opened on a later day, its dates move by the
days that passed, so every demo user finds something due, overdue and waiting on any day
(demo/calendar.py, the generator's planted requests). Each test pins the days it needs."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import Date, Table, select, update

from dorpsondersteuner.clock import AMSTERDAM, PINNED_NOW_VARIABLE
from dorpsondersteuner.demo.calendar import follow_the_calendar, moved_instant, open_demo_register
from dorpsondersteuner.demo.directory import USERS, demo_id
from dorpsondersteuner.demo.generator import DEVICE_ID, create_demo_register
from dorpsondersteuner.errors import WrongKeyError
from dorpsondersteuner.models import (
    AccessLogEntry,
    Base,
    DeviceState,
    Draft,
    FollowUp,
    HelpRequest,
    HistoryEvent,
    ListSnapshot,
    OpKind,
    OutboxOp,
    UTCDateTime,
)
from dorpsondersteuner.models.enums import EventKind, Role, Status
from dorpsondersteuner.register import DEMO_REGISTER_KEY, Register, open_register
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.access_log import AccessAction, log_access, verify_chain
from dorpsondersteuner.services.drafts import save_draft
from dorpsondersteuner.services.lists import RequestFilter, request_ids
from dorpsondersteuner.services.snapshots import save_list_snapshot
from dorpsondersteuner.services.worklists import due_follow_ups, review_queue

MADE_ON = date(2026, 12, 2)  # a Wednesday in winter time
REQUESTS = 300  # as small as the desktop tests' demo register (tests/ui/conftest.py)
INGRID = demo_id("user", "ingrid")


def pin(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """Move the program's clock to 10:00 in Amsterdam on ``day`` (either time of year)."""
    offset = datetime(day.year, day.month, day.day, 10, tzinfo=AMSTERDAM).strftime("%z")
    monkeypatch.setenv(PINNED_NOW_VARIABLE, f"{day.isoformat()}T10:00:00{offset}")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo register made for MADE_ON, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("demo-dates")
    with pytest.MonkeyPatch.context() as monkeypatch:
        pin(monkeypatch, MADE_ON)
        create_demo_register(folder / "demo.db", requests=REQUESTS, today=MADE_ON)
    return folder


@pytest.fixture
def demo_path(tmp_path: Path, template: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    return folder / "demo.db"


@pytest.fixture
def opened(demo_path: Path) -> Iterator[Register]:
    """The copy opened without moving anything (open_register, not open_demo_register)."""
    register = open_register(demo_path, DEMO_REGISTER_KEY)
    yield register
    register.close()


def dated_tables() -> list[tuple[Table, list[str], list[str]]]:
    """Every domain table with its calendar-date and instant columns, from the models."""
    tables = []
    for table in Base.metadata.sorted_tables:
        instants = [c.name for c in table.columns if isinstance(c.type, UTCDateTime)]
        dates = [c.name for c in table.columns if isinstance(c.type, Date)]
        if instants or dates:
            tables.append((table, dates, instants))
    return tables


def dated_values(register: Register) -> dict[tuple[str, str, tuple[Any, ...]], Any]:
    """Every date and instant of the domain tables, by table, column and primary key."""
    values = {}
    with register.sessions() as session:
        for table, dates, instants in dated_tables():
            keys = list(table.primary_key.columns)
            for row in session.execute(select(table)).mappings():
                key = tuple(row[column] for column in keys)
                for name in dates + instants:
                    values[table.name, name, key] = row[name]
    return values


def raw_rows(register: Register, model: Any) -> list[tuple[Any, ...]]:
    with register.engine.connect() as connection:
        return list(connection.exec_driver_sql(f"SELECT * FROM {model.__tablename__}").all())


def local_wall(instant: datetime) -> datetime:
    return instant.astimezone(AMSTERDAM).replace(tzinfo=None)


def test_opened_later_every_date_and_instant_moves_by_the_days_that_passed(
    demo_path: Path, opened: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    """150 days on is summer time: instants keep their time of day in Amsterdam."""
    with opened.sessions() as session:
        follow_up = session.scalars(select(FollowUp).where(FollowUp.done_on.is_(None))).first()
        request = session.scalars(select(HelpRequest).order_by(HelpRequest.reference)).first()
        assert follow_up is not None and request is not None
        consents = {
            event.id: event.details["on"]
            for event in session.scalars(
                select(HistoryEvent).where(HistoryEvent.kind == EventKind.CONSENT_GIVEN)
            )
        }
    before = dated_values(opened)
    opened.close()

    later = MADE_ON + timedelta(days=150)
    pin(monkeypatch, later)
    register = open_demo_register(demo_path)
    try:
        with register.sessions() as session:
            moved_follow_up = session.get(FollowUp, follow_up.id)
            moved_request = session.get(HelpRequest, request.id)
            assert moved_follow_up is not None and moved_request is not None
            assert moved_follow_up.due_on == follow_up.due_on + timedelta(days=150)
            assert local_wall(moved_request.created_at) == local_wall(
                request.created_at
            ) + timedelta(days=150)
            assert moved_request.created_at - request.created_at == timedelta(days=150, hours=-1)
            device = session.scalars(select(DeviceState)).one()
            assert device.demo_dated_for == later
            for event_id, on in consents.items():
                event = session.get(HistoryEvent, event_id)
                assert event is not None
                assert date.fromisoformat(event.details["on"]) == date.fromisoformat(
                    on
                ) + timedelta(days=150)
        after = dated_values(register)
        with register.engine.connect() as connection:
            stored = connection.exec_driver_sql(
                "SELECT details FROM history_events WHERE kind = 'consent_given'"
            ).all()
    finally:
        register.close()

    assert stored and all(text == json.dumps(json.loads(text)) for (text,) in stored)
    assert after.keys() == before.keys()
    moved = 0
    for key, old in before.items():
        new = after[key]
        if old is None:
            assert new is None, key
        elif isinstance(old, datetime):
            assert local_wall(new) == local_wall(old) + timedelta(days=150), key
            assert new.microsecond == old.microsecond, key
        else:
            assert new == old + timedelta(days=150), key
        moved += old is not None
    assert moved > 10 * REQUESTS


def test_an_instant_keeps_its_time_of_day_in_amsterdam_across_summer_time() -> None:
    """The SQL that moves instants agrees with the time-zone database, every 53 minutes
    over two years, by days either way; wall times that a clock change skips or repeats
    are left out (they have no single answer)."""
    connection = sqlcipher3.connect(":memory:")
    connection.execute("CREATE TABLE t (at TEXT)")
    start = datetime(2027, 1, 1, tzinfo=UTC)
    instants = [start + timedelta(minutes=53 * n, microseconds=n) for n in range(20_000)]
    connection.executemany(
        "INSERT INTO t VALUES (?)",
        [(instant.strftime("%Y-%m-%d %H:%M:%S.%f"),) for instant in instants],
    )
    for days in (1, 40, 150, -200, 366):
        found = connection.execute(f"SELECT {moved_instant('at', days)} FROM t").fetchall()
        for instant, (text,) in zip(instants, found, strict=True):
            wall = local_wall(instant) + timedelta(days=days)
            expected = wall.replace(tzinfo=AMSTERDAM)
            if local_wall(expected) != wall or expected.replace(fold=1).utcoffset() != (
                expected.utcoffset()
            ):
                continue  # skipped or repeated by a clock change
            assert datetime.fromisoformat(text).replace(tzinfo=UTC) == expected, (instant, days)
    connection.close()


def test_the_access_log_drafts_and_outbox_stay_and_the_list_snapshots_go(
    demo_path: Path, opened: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    with opened.transaction() as session:
        request_id = session.scalars(select(HelpRequest.id)).first()
        log_access(session, INGRID, AccessAction.VIEW, "help_requests", request_id)
        log_access(session, INGRID, AccessAction.SEARCH, "help_requests", count=3)
        save_draft(session, INGRID, "follow_up", "", {"due_on": "2026-12-09"})
        session.add(
            OutboxOp(
                op_id=uuid.uuid4(),
                kind=OpKind.SET,
                entity="follow_ups",
                record_id=uuid.uuid4(),
                payload={"field": "due_on", "value": "2026-12-09"},
                base_version=None,
                hlc="0",
                user_id=INGRID,
                device_id=DEVICE_ID,
                protocol_version=1,
            )
        )
        save_list_snapshot(session, "ingrid", "mine", {"headers": [], "rows": []}, "nl")
    kept = {model: raw_rows(opened, model) for model in (AccessLogEntry, Draft, OutboxOp)}
    assert all(kept.values())
    opened.close()

    pin(monkeypatch, MADE_ON + timedelta(days=40))
    register = open_demo_register(demo_path)
    try:
        for model, rows in kept.items():
            assert raw_rows(register, model) == rows, model
        with register.sessions() as session:
            assert verify_chain(session) is None
            assert session.scalars(select(ListSnapshot)).all() == []
    finally:
        register.close()


def test_on_the_same_day_nothing_moves(opened: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    with opened.transaction() as session:
        save_list_snapshot(session, "ingrid", "mine", {"headers": [], "rows": []}, "nl")
    before = dated_values(opened)
    pin(monkeypatch, MADE_ON)
    assert follow_the_calendar(opened) == 0
    assert dated_values(opened) == before
    with opened.sessions() as session:
        assert session.scalars(select(DeviceState.demo_dated_for)).one() == MADE_ON
        assert len(session.scalars(select(ListSnapshot)).all()) == 1


def test_a_register_that_is_not_a_demo_register_never_moves(
    opened: Register, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    with opened.transaction() as session:
        session.execute(update(DeviceState).values(register_kind="real", demo_dated_for=None))
    before = dated_values(opened)
    pin(monkeypatch, MADE_ON + timedelta(days=40))
    assert follow_the_calendar(opened) == 0
    assert dated_values(opened) == before

    # A real register has a key of its own: the demo register's does not open it.
    register.close()
    content = register.path.read_bytes()
    with pytest.raises(WrongKeyError):
        open_demo_register(register.path)
    assert register.path.read_bytes() == content


def test_a_demo_register_made_before_the_day_was_kept_moves_from_the_day_it_was_made(
    opened: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made at 00:30 in Amsterdam on 28 November: the day before in UTC."""
    made_at = datetime(2026, 11, 28, 0, 30, tzinfo=AMSTERDAM)
    with opened.transaction() as session:
        session.execute(update(DeviceState).values(demo_dated_for=None, created_at=made_at))
    with opened.sessions() as session:
        follow_up = session.scalars(select(FollowUp)).first()
        assert follow_up is not None
    pin(monkeypatch, MADE_ON)
    assert follow_the_calendar(opened) == 4
    with opened.sessions() as session:
        moved = session.get(FollowUp, follow_up.id)
        assert moved is not None and moved.due_on == follow_up.due_on + timedelta(days=4)
        assert session.scalars(select(DeviceState.demo_dated_for)).one() == MADE_ON


# --- Something due, overdue and waiting for every demo user, on any day ------------------


def missing_work(register: Register) -> list[str]:
    """What a demo user who sees content lacks today, read as that user through the
    services the desktop app's lists use: a follow-up of theirs due today, one overdue,
    and something waiting (the review queue at their level; for a village supporter,
    whose queue stays empty, a request of theirs waiting on the resident or a third
    party)."""
    missing = []
    with register.sessions() as session:
        for user in USERS:
            if user.role is Role.ADMINISTRATOR:
                continue  # sees no content (D5)
            principal = load_principal(session, user.id)
            due = due_follow_ups(session, principal)
            if not any(follow_up.days_late == 0 for follow_up in due):
                missing.append(f"{user.username}: nothing due today")
            if not any(follow_up.days_late > 0 for follow_up in due):
                missing.append(f"{user.username}: nothing overdue")
            waiting: list[Any] = list(review_queue(session, principal))
            if user.role is Role.VILLAGE_SUPPORTER and not waiting:
                waiting = request_ids(
                    session,
                    principal,
                    RequestFilter(owner_id=user.id, statuses=frozenset({Status.WAITING})),
                )
            if not waiting:
                missing.append(f"{user.username}: nothing waiting")
    return missing


@pytest.mark.parametrize(
    "made_on",
    [
        MADE_ON,
        date(2026, 12, 7),  # a Monday
        date(2026, 12, 6),  # a Sunday
        date(2028, 2, 29),  # a leap day
        date(2027, 3, 28),  # summer time starts
    ],
)
def test_every_demo_user_has_something_due_overdue_and_waiting_when_made_and_weeks_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_on: date
) -> None:
    path = tmp_path / "demo.db"
    pin(monkeypatch, made_on)
    create_demo_register(path, requests=REQUESTS, today=made_on)
    for day in (made_on, made_on + timedelta(days=40)):
        pin(monkeypatch, day)
        register = open_demo_register(path)
        try:
            assert missing_work(register) == [], day
        finally:
            register.close()


def test_one_demo_register_opened_on_day_after_day_keeps_everyone_busy(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forward and back, over a weekend, a leap day and the start of summer time."""
    days = (
        MADE_ON,
        date(2027, 1, 11),  # a Monday
        date(2027, 1, 10),  # the Sunday before
        date(2028, 2, 29),
        date(2027, 3, 28),
    )
    for day in days:
        pin(monkeypatch, day)
        register = open_demo_register(demo_path)
        try:
            with register.sessions() as session:
                assert session.scalars(select(DeviceState.demo_dated_for)).one() == day
            assert missing_work(register) == [], day
            assert follow_the_calendar(register) == 0  # opened again the same day
        finally:
            register.close()
