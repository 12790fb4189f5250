"""The first window's overview: newest requests first, only what the viewer may see."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from dorpsondersteuner.demo.directory import AREAS, demo_id
from dorpsondersteuner.models import HelpRequest, Resident
from dorpsondersteuner.models.enums import Level, Status
from dorpsondersteuner.register import Register
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.overview import count_requests, recent_requests

AREA_ID = {area.code: area.id for area in AREAS}
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def add_request(
    register: Register,
    reference: str,
    *,
    hours_ago: float,
    area: str = "BAK",
    level: Level = Level.VILLAGE,
    highest: Level | None = None,
    status: Status = Status.OPEN,
    name: tuple[str, str, str] = ("Jan", "van den", "Heuvel"),
    deleted: bool = False,
) -> uuid.UUID:
    when = NOW - timedelta(hours=hours_ago)
    with register.transaction() as session:
        resident = Resident(
            first_name=name[0], name_prefix=name[1], last_name=name[2], area_id=AREA_ID[area]
        )
        session.add(resident)
        session.flush()
        request = HelpRequest(
            reference=reference,
            resident_id=resident.id,
            area_id=AREA_ID[area],
            question="Hulp bij de boodschappen.",
            level=level,
            highest_level=highest or level,
            status=status,
            created_by_id=demo_id("user", "ingrid"),
            consent_record_on=date(2026, 1, 5),
            created_at=when,
            updated_at=when,
            deleted_at=NOW if deleted else None,
        )
        session.add(request)
        session.flush()
        return request.id


@pytest.fixture
def filled(town: Register) -> Register:
    add_request(town, "BAK-2026-T1-001", hours_ago=50)
    add_request(town, "GEN-2026-T1-001", hours_ago=1, area="GEN", name=("Truus", "", "Jansen"))
    add_request(
        town,
        "MIL-2026-T1-001",
        hours_ago=5,
        area="MIL",
        level=Level.DISTRICT_TEAM,
        status=Status.WAITING,
    )
    add_request(town, "BAK-2026-T1-002", hours_ago=3, deleted=True)
    add_request(
        town,
        "BAK-2026-T1-003",
        hours_ago=10,
        level=Level.VILLAGE,
        highest=Level.MUNICIPALITY,
        status=Status.CLOSED,
    )
    return town


def test_lists_the_newest_first_with_names_and_areas(filled: Register) -> None:
    with filled.sessions() as session:
        rows = recent_requests(session)
    assert [row.reference for row in rows] == [
        "GEN-2026-T1-001",
        "MIL-2026-T1-001",
        "BAK-2026-T1-003",
        "BAK-2026-T1-001",
    ]
    first = rows[0]
    assert first.resident_name == "Truus Jansen"
    assert first.area_name == "Gemert-Noord"
    assert first.updated_at == NOW - timedelta(hours=1)
    assert rows[-1].resident_name == "Jan van den Heuvel"
    assert (rows[1].level, rows[1].status) == (Level.DISTRICT_TEAM, Status.WAITING)


def test_a_deleted_request_is_not_listed_nor_counted(filled: Register) -> None:
    with filled.sessions() as session:
        references = {row.reference for row in recent_requests(session)}
        assert "BAK-2026-T1-002" not in references
        assert count_requests(session) == 4


def test_limit_keeps_the_newest(filled: Register) -> None:
    with filled.sessions() as session:
        rows = recent_requests(session, limit=2)
    assert [row.reference for row in rows] == ["GEN-2026-T1-001", "MIL-2026-T1-001"]


def test_each_viewer_sees_only_their_requests(
    filled: Register, people: dict[str, Principal]
) -> None:
    with filled.sessions() as session:

        def seen(username: str) -> list[str]:
            return [row.reference for row in recent_requests(session, people[username])]

        # The Bakel supporter: every request of Bakel, whatever level it reached.
        assert seen("ingrid") == ["BAK-2026-T1-003", "BAK-2026-T1-001"]
        # Wijkteam Bakel (Bakel, Milheeze, De Rips): only what is or was at its level.
        assert seen("joyce") == ["MIL-2026-T1-001", "BAK-2026-T1-003"]
        # The municipality: only what reached the municipality.
        assert seen("evelien") == ["BAK-2026-T1-003"]
        # Administrators never see content.
        assert seen("beheer") == []
        assert count_requests(session, people["ingrid"]) == 2
        assert count_requests(session, people["joyce"]) == 2
        assert count_requests(session, people["beheer"]) == 0


def test_an_empty_register_lists_nothing(town: Register) -> None:
    with town.sessions() as session:
        assert recent_requests(session) == []
        assert count_requests(session) == 0


def test_the_list_never_scans_or_sorts_the_whole_table(filled: Register) -> None:
    """Each area's newest rows come from its index; only those few rows are sorted."""
    statements: list[tuple[str, Any]] = []

    def remember(*args: Any) -> None:  # connection, cursor, statement, parameters, …
        statements.append((args[2], args[3]))

    event.listen(filled.engine, "before_cursor_execute", remember)
    try:
        with filled.sessions() as session:
            recent_requests(session)
    finally:
        event.remove(filled.engine, "before_cursor_execute", remember)

    with filled.engine.connect() as connection:
        for statement, parameters in statements:
            if "help_requests" not in statement:
                continue
            plan = [
                row[3]
                for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            ]
            assert not [step for step in plan if step.startswith("SCAN help_requests")], plan
            searches = [step for step in plan if step.startswith("SEARCH help_requests")]
            assert searches, plan
            assert all(
                "ix_help_requests_area_updated" in step or "(id=?)" in step for step in searches
            ), plan
