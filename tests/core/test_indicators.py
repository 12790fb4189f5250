"""The half-year indicators, on a small register whose answers are counted by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dorpsondersteuner.models import (
    ArrangedHelp,
    Contact,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
from dorpsondersteuner.models.enums import (
    ContactKind,
    EventKind,
    HelperSkill,
    Level,
    LifeDomain,
    Outcome,
    Status,
)
from dorpsondersteuner.services.indicators import Period, compute_indicators

from .conftest import AREA_ID, user_id


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def half_year(town):
    """Bakel, first half of 2026 (see the test for what each request stands for)."""
    with town.transaction() as session:
        truus = Resident(first_name="Truus", last_name="Aarts", area_id=AREA_ID["BAK"])
        piet = Resident(first_name="Piet", last_name="Bos", area_id=AREA_ID["BAK"])
        gerda = Resident(first_name="Gerda", last_name="Cox", area_id=AREA_ID["GEN"])
        session.add_all([truus, piet, gerda])
        session.flush()

        def request(number, resident, created, *, area="BAK", domains=LifeDomain.CARE, **kw):
            r = HelpRequest(
                reference=f"{area}-2026-T1-{number:03d}", resident_id=resident.id,
                area_id=AREA_ID[area], question="Vraag", life_domains=domains,
                created_by_id=user_id("ingrid"), consent_record_on=created,
                created_at=noon(created), updated_at=noon(created), **kw,
            )  # fmt: skip
            session.add(r)
            session.flush()
            return r

        def closed(level, highest, outcome, on):
            return {
                "status": Status.CLOSED, "level": level, "highest_level": highest,
                "closed_level": level, "outcome": outcome, "closed_at": noon(on),
            }  # fmt: skip

        r1 = request(
            1,
            truus,
            date(2026, 2, 1),
            domains=LifeDomain.HOUSING,
            **closed(Level.VILLAGE, Level.VILLAGE, Outcome.SOLVED, date(2026, 3, 1)),
        )
        r2 = request(
            2,
            piet,
            date(2026, 2, 10),
            **closed(Level.DISTRICT_TEAM, Level.DISTRICT_TEAM, Outcome.REFERRED, date(2026, 4, 10)),
        )
        r3 = request(
            3,
            piet,
            date(2026, 3, 1),
            wmo_melding_on=date(2026, 3, 5),
            wmo_aanvraag_on=date(2026, 4, 10),
            **closed(Level.MUNICIPALITY, Level.MUNICIPALITY, Outcome.SOLVED, date(2026, 5, 1)),
        )
        request(4, piet, date(2025, 12, 1))  # before the period, still open: old
        r5 = request(5, truus, date(2026, 6, 1))  # Truus again within a year: a repeat
        request(6, gerda, date(2026, 2, 1), area="GEN")  # Gemert-Noord
        session.add_all([
            HistoryEvent(request_id=r2.id, kind=EventKind.ESCALATED, at=noon(date(2026, 2, 20)),
                         from_level=Level.VILLAGE, to_level=Level.DISTRICT_TEAM,
                         details={"acute": False, "without_consent": False}),
            HistoryEvent(request_id=r2.id, kind=EventKind.HANDED_BACK, at=noon(date(2026, 3, 15)),
                         from_level=Level.DISTRICT_TEAM, to_level=Level.VILLAGE),
            HistoryEvent(request_id=r3.id, kind=EventKind.ESCALATED, at=noon(date(2026, 3, 2)),
                         from_level=Level.VILLAGE, to_level=Level.MUNICIPALITY,
                         details={"acute": True, "without_consent": True}),
            Contact(request_id=r1.id, kind=ContactKind.HOME_VISIT, contact_date=date(2026, 2, 2),
                    minutes=60, author_id=user_id("ingrid")),
            Contact(request_id=r5.id, kind=ContactKind.PHONE, contact_date=date(2026, 6, 2),
                    minutes=30, author_id=user_id("jos")),
            Contact(request_id=r2.id, kind=ContactKind.MEETING, contact_date=date(2026, 3, 1),
                    minutes=45, author_id=user_id("joyce")),  # a professional's time
            ArrangedHelp(request_id=r1.id, description="Buurman", arranged_on=date(2026, 2, 15)),
            Helper(name="A", area_id=AREA_ID["BAK"], skills=HelperSkill.SHOPPING,
                   consent_registered_on=date(2026, 1, 1)),
            Helper(name="B", area_id=AREA_ID["BAK"], skills=HelperSkill.TRANSPORT,
                   consent_registered_on=date(2026, 1, 1)),
            Helper(name="C", area_id=AREA_ID["BAK"], skills=HelperSkill.TRANSPORT,
                   consent_registered_on=date(2026, 1, 1), active=False),
        ])  # fmt: skip


def test_the_indicators_of_a_supporters_area(town, people, half_year):
    with town.sessions() as session:
        seen = compute_indicators(session, people["ingrid"], Period.half_year(2026, 1))
    assert seen.new_requests == 4
    assert seen.closed == 3
    assert seen.closed_by_level == {Level.VILLAGE: 1, Level.DISTRICT_TEAM: 1, Level.MUNICIPALITY: 1}
    assert seen.closed_without_municipality_share == pytest.approx(2 / 3)
    assert seen.escalations_to == {Level.VILLAGE: 0, Level.DISTRICT_TEAM: 1, Level.MUNICIPALITY: 1}
    assert seen.hand_backs_from[Level.DISTRICT_TEAM] == 1
    assert seen.median_lead_days_by_level == {
        Level.VILLAGE: 28, Level.DISTRICT_TEAM: 59, Level.MUNICIPALITY: 61,
    }  # fmt: skip
    assert seen.supporter_hours == 1.5 and seen.own_hours == 1.0
    assert seen.supporter_budget_hours == pytest.approx(2 * 8 * 181 / 7)  # ingrid and jos
    assert (seen.requests_with_own_circle_help, seen.active_helpers) == (1, 2)
    assert seen.open_older_than_weeks == 1
    assert seen.outcomes[Outcome.SOLVED] == 2 and seen.outcomes[Outcome.REFERRED] == 1
    assert seen.repeat_requests == 3  # Truus's second; Piet's second and third
    assert seen.escalations_without_consent == 1
    assert (seen.wmo_meldingen, seen.wmo_investigated_in_time) == (1, 1)


def test_the_municipality_counts_everything_and_filters_narrow(town, people, half_year):
    with town.sessions() as session:
        everything = compute_indicators(session, people["evelien"], Period.half_year(2026, 1))
        housing = compute_indicators(
            session, people["evelien"], Period.half_year(2026, 1), life_domain=LifeDomain.HOUSING
        )
        gemert = compute_indicators(
            session, people["evelien"], Period.half_year(2026, 1), area_id=AREA_ID["GEN"]
        )
        later = compute_indicators(session, people["evelien"], Period.half_year(2026, 2))
        outside = compute_indicators(
            session, people["ingrid"], Period.half_year(2026, 1), area_id=AREA_ID["GEN"]
        )
    assert everything.new_requests == 5 and everything.own_hours is None
    assert housing.new_requests == 1
    assert gemert.new_requests == 1 and gemert.closed == 0
    assert later.new_requests == 0 and later.closed_without_municipality_share is None
    assert outside.new_requests == 0  # a supporter asks about an area not theirs
