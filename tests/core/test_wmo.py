"""The Wmo track at the municipality: melding, personal plan, aanvraag, decision, and
the statutory deadlines (DOMAIN step 5, D7)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dorpsondersteuner.clock import local_date, today
from dorpsondersteuner.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.models.enums import Level, WmoDecision
from dorpsondersteuner.services import wmo, workflow
from dorpsondersteuner.services.lists import request_detail


@pytest.fixture
def at_municipality(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        workflow.escalate(session, people["ingrid"], request_id, reason="Onveilig", acute=True)
        workflow.pick_up(session, people["evelien"], request_id)
    return request_id


def status(town, request_id, on):
    with town.sessions() as session:
        return wmo.wmo_status(session.get_one(HelpRequest, request_id), on)


def test_a_melding_gives_six_weeks_to_investigate_and_an_aanvraag_two_to_decide(
    town, people, at_municipality
):
    melding = today() - timedelta(days=40)
    with town.transaction() as session:
        wmo.register_melding(session, people["evelien"], at_municipality, melding_on=melding)
    track = status(town, at_municipality, today())
    (investigation,) = track.deadlines
    assert investigation.due_on == melding + timedelta(weeks=6)
    assert (investigation.days_left, investigation.at_risk, investigation.overdue) == (
        2,
        True,
        False,
    )
    assert track.personal_plan_until == melding + timedelta(days=7)

    assert status(town, at_municipality, today() + timedelta(days=3)).deadlines[0].overdue

    with town.transaction() as session:
        wmo.record_aanvraag(session, people["evelien"], at_municipality, aanvraag_on=today())
    investigation, decision = status(town, at_municipality, today()).deadlines
    assert investigation.met and not investigation.overdue
    assert decision.due_on == today() + timedelta(weeks=2) and decision.days_left == 14
    with town.transaction() as session:
        wmo.record_decision(
            session,
            people["evelien"],
            at_municipality,
            decided_on=today(),
            decision=WmoDecision.GRANTED,
        )
    with town.sessions() as session:
        seen = request_detail(
            session, people["ingrid"], at_municipality
        )  # the supporter sees it too
    assert seen.wmo is not None and seen.wmo.decision is WmoDecision.GRANTED
    assert all(deadline.met for deadline in seen.wmo.deadlines)


@pytest.mark.parametrize(
    ("melding", "instant", "days_left"),
    [
        # Spring: clocks go forward on 29 March 2026. Due 1 May; at 00:30 on 1 May in
        # Amsterdam it is still 30 April in UTC, yet the deadline is today, not tomorrow.
        (date(2026, 3, 20), datetime(2026, 4, 30, 22, 30, tzinfo=UTC), 0),
        (date(2026, 3, 20), datetime(2026, 4, 30, 21, 30, tzinfo=UTC), 1),
        # Autumn: clocks go back on 25 October 2026. Due 21 November.
        (date(2026, 10, 10), datetime(2026, 11, 20, 23, 30, tzinfo=UTC), 0),
        (date(2026, 10, 10), datetime(2026, 11, 21, 23, 30, tzinfo=UTC), -1),
    ],
)
def test_deadlines_count_calendar_days_in_amsterdam_across_daylight_saving(
    melding, instant, days_left
):
    request = HelpRequest(wmo_melding_on=melding)
    (investigation,) = wmo.wmo_status(request, local_date(instant)).deadlines
    assert investigation.due_on == melding + timedelta(weeks=6)
    assert investigation.days_left == days_left
    assert investigation.overdue is (days_left < 0)


def test_the_deadlines_view_lists_what_is_due_soonest_first(town, people, intake):
    ids = []
    for offset in (10, 45, 30):
        request_id = intake()
        with town.transaction() as session:
            workflow.escalate(session, people["ingrid"], request_id, reason="Acuut", acute=True)
            workflow.pick_up(session, people["evelien"], request_id)
            wmo.register_melding(
                session, people["evelien"], request_id, melding_on=today() - timedelta(days=offset)
            )
        ids.append(request_id)
    with town.sessions() as session:
        rows = wmo.open_deadlines(session, people["evelien"])
        assert [row.request_id for row in rows] == [ids[1], ids[2], ids[0]]
        assert [row.deadline.days_left for row in rows] == [-3, 12, 32]
        assert rows[0].deadline.overdue and not rows[1].deadline.at_risk
        assert wmo.open_deadlines(session, people["anja"]) == []


def test_the_wmo_track_is_the_municipality_s_and_in_order(town, people, intake, at_municipality):
    with pytest.raises(ForbiddenError), town.transaction() as session:
        wmo.register_melding(session, people["ingrid"], at_municipality, melding_on=today())
    with pytest.raises(ConflictError), town.transaction() as session:
        wmo.record_aanvraag(session, people["evelien"], at_municipality, aanvraag_on=today())
    with town.transaction() as session:
        wmo.register_melding(session, people["evelien"], at_municipality, melding_on=today())
    with pytest.raises(ValidationError), town.transaction() as session:
        wmo.record_aanvraag(
            session, people["evelien"], at_municipality, aanvraag_on=today() - timedelta(days=1)
        )
    with pytest.raises(ValidationError), town.transaction() as session:
        wmo.register_melding(
            session, people["evelien"], at_municipality, melding_on=today() + timedelta(days=1)
        )
    with pytest.raises(ConflictError), town.transaction() as session:
        wmo.record_decision(
            session,
            people["evelien"],
            at_municipality,
            decided_on=today(),
            decision=WmoDecision.REFUSED,
        )
    village_request = intake()
    with town.transaction() as session:
        workflow.give_consent(
            session, people["ingrid"], village_request, scope=Level.DISTRICT_TEAM, given_on=today()
        )
    with pytest.raises(NotFoundError), town.transaction() as session:  # not visible to her
        wmo.register_melding(session, people["evelien"], village_request, melding_on=today())
