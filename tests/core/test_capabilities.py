"""What the core tells the UI a user may do (services/capabilities.py): per request the
steps with their refusals and which are offered, edits, records, "professionals only",
the Wmo track and consent; per user the lists and pages they have."""

from __future__ import annotations

import uuid
from typing import Any

from dorpsondersteuner.clock import today
from dorpsondersteuner.enums import Level, Outcome, Refusal, Step, Urgency
from dorpsondersteuner.register import Register
from dorpsondersteuner.services import workflow
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.admin_views import reference_list
from dorpsondersteuner.services.capabilities import (
    RequestCapabilities,
    ViewCapabilities,
    request_capabilities,
    view_capabilities,
)
from dorpsondersteuner.services.lists import request_detail

from .conftest import IntakeFactory


def act(town: Register, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with town.transaction() as session:
        return fn(session, *args, **kwargs)


def can(town: Register, who: Principal, request_id: uuid.UUID) -> RequestCapabilities:
    return act(town, request_capabilities, who, request_id)


def escalated_and_picked_up(town: Register, people: dict[str, Principal], request_id: uuid.UUID):
    act(town, workflow.give_consent, people["ingrid"], request_id, scope=Level.DISTRICT_TEAM,
        given_on=today())  # fmt: skip
    act(town, workflow.escalate, people["ingrid"], request_id, reason="Familie kan niet.")
    act(town, workflow.pick_up, people["joyce"], request_id)


def test_a_supporter_on_their_new_request(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    mine = can(town, people["ingrid"], request_id)
    assert mine.steps[Step.ESCALATE] is Refusal.NO_CONSENT
    # No consent yet is something to act on: escalating stays offered and asks for it.
    assert {Step.ESCALATE, Step.ESCALATE_ACUTE, Step.CLOSE, Step.WAIT} <= mine.offered
    assert {Step.GIVE_CONSENT, Step.WITHDRAW_CONSENT} <= mine.offered
    assert not mine.offered & {Step.PICK_UP, Step.HAND_BACK, Step.REOPEN, Step.RESUME}
    assert Step.REASSIGN not in mine.offered
    escalation = mine.escalation
    assert escalation.target is Level.DISTRICT_TEAM
    assert (escalation.needs_consent, escalation.normal, escalation.acute) == (True, True, True)
    assert mine.editable and mine.records and mine.resident
    assert not mine.professionals_only  # a supporter could not read it back (D5)
    assert not mine.wmo


def test_waiting_for_pick_up_offers_only_picking_it_up(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    act(town, workflow.escalate, people["ingrid"], request_id, reason="Onveilig.", acute=True)
    queue = can(town, people["evelien"], request_id)
    assert queue.refusal(Step.PICK_UP) is None
    assert Step.PICK_UP in queue.offered
    assert not queue.offered & {Step.ESCALATE, Step.ESCALATE_ACUTE, Step.HAND_BACK, Step.CLOSE}
    assert queue.refusal(Step.CLOSE) is Refusal.NOT_PICKED_UP  # said when asked for


def test_the_district_team_may_escalate_acutely_with_or_without_consent(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    escalated_and_picked_up(town, people, request_id)
    team = can(town, people["joyce"], request_id)
    assert team.escalation.target is Level.MUNICIPALITY
    assert team.escalation.refusal is Refusal.NO_CONSENT  # no consent for the municipality
    assert team.escalation.acute  # DOMAIN/D8: acute safety does not wait for consent
    assert {Step.ESCALATE_ACUTE, Step.GIVE_CONSENT} <= team.offered
    assert team.professionals_only
    assert not team.wmo

    act(town, workflow.escalate, people["joyce"], request_id, reason="Onveilig.", acute=True)
    seen = act(town, request_detail, people["evelien"], request_id)
    assert (seen.level, seen.urgency) == (Level.MUNICIPALITY, Urgency.ACUTE)


def test_the_municipality_registers_the_wmo_track_and_records_no_consent_to_share(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    act(town, workflow.escalate, people["ingrid"], request_id, reason="Onveilig.", acute=True)
    act(town, workflow.pick_up, people["evelien"], request_id)
    municipality = can(town, people["evelien"], request_id)
    assert municipality.wmo
    assert municipality.refusal(Step.GIVE_CONSENT) is None  # the core would take it…
    assert Step.GIVE_CONSENT not in municipality.offered  # …but there is no level above
    assert not municipality.escalation.possible
    assert municipality.escalation.refusal is Refusal.TOP_LEVEL
    assert {Step.HAND_BACK, Step.CLOSE} <= municipality.offered
    # The supporter still reads it and works on it, but the Wmo track is not theirs.
    supporter = can(town, people["ingrid"], request_id)
    assert supporter.records and not supporter.wmo
    assert not supporter.offered & {Step.ESCALATE, Step.CLOSE, Step.HAND_BACK}


def test_a_closed_request_offers_reopening_and_no_changes(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    act(town, workflow.close, people["ingrid"], request_id, outcome=Outcome.SOLVED)
    closed = can(town, people["ingrid"], request_id)
    assert closed.edit_refusal is Refusal.CLOSED
    assert not (closed.editable or closed.records or closed.resident)
    assert Step.REOPEN in closed.offered
    assert not closed.offered & {Step.ESCALATE, Step.ESCALATE_ACUTE, Step.CLOSE, Step.WAIT}


def test_a_request_of_another_level_is_read_only(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    escalated_and_picked_up(town, people, request_id)
    act(town, workflow.hand_back, people["joyce"], request_id, advice="Buurthulp regelen.")
    team = can(town, people["joyce"], request_id)  # back at the village: Ingrid's again
    assert team.edit_refusal is Refusal.NOT_YOURS
    assert not (team.records or team.resident)
    assert team.offered == frozenset()
    assert team.escalation.refusal is Refusal.NOT_YOURS and not team.escalation.possible


def test_the_views_each_role_has(people: dict[str, Principal]) -> None:
    assert view_capabilities(people["ingrid"]) == ViewCapabilities(
        requests=True,
        review_queue=True,
        helpers=True,
        wmo_deadlines=False,
        admin_page=False,
        intake=True,
    )
    assert view_capabilities(people["joyce"]) == ViewCapabilities(
        requests=True,
        review_queue=True,
        helpers=True,
        wmo_deadlines=False,
        admin_page=False,
        intake=False,
    )
    assert view_capabilities(people["evelien"]) == ViewCapabilities(
        requests=True,
        review_queue=True,
        helpers=False,  # the municipality sees only counts of helpers (D5)
        wmo_deadlines=True,
        admin_page=False,
        intake=False,
    )
    assert view_capabilities(people["beheer"]) == ViewCapabilities(
        requests=False,
        review_queue=False,
        helpers=False,
        wmo_deadlines=False,
        admin_page=True,
        intake=False,
    )


def test_the_reference_list_says_which_requests_can_be_reassigned(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    open_id, closed_id = intake(), intake(last_name="Dicht")
    act(town, workflow.close, people["ingrid"], closed_id, outcome=Outcome.SOLVED)
    rows = act(town, reference_list, people["beheer"], include_closed=True)
    refusals = {row.id: row.reassign_refusal for row in rows}
    assert refusals[open_id] is None
    assert refusals[closed_id] is Refusal.CLOSED  # the workflow's own rule
