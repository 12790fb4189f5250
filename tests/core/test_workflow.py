"""The life of a help request: every workflow rule, allowed and refused (DOMAIN, D8)."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from dorpsondersteuner.clock import today
from dorpsondersteuner.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ValidationError,
    ValidationErrors,
)
from dorpsondersteuner.models import Area, HelpRequest, HistoryEvent, OutboxOp, Resident, User
from dorpsondersteuner.models.enums import EventKind, Level, LifeDomain, Outcome, Status, Urgency
from dorpsondersteuner.references import Reference
from dorpsondersteuner.register import Register
from dorpsondersteuner.services import workflow
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.lists import request_detail
from dorpsondersteuner.services.views import RequestDetail
from dorpsondersteuner.services.workflow import IntakeInput, Refusal, ResidentInput, Step

from .conftest import AREA_ID, IntakeFactory, user_id


def act(town: Register, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with town.transaction() as session:
        return fn(session, *args, **kwargs)


def detail(town: Register, who: Principal, request_id: uuid.UUID) -> RequestDetail:
    return act(town, request_detail, who, request_id)


def counts(town: Register) -> tuple[int, int, int, int]:
    with town.sessions() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table))
            for table in (HelpRequest, Resident, HistoryEvent, OutboxOp)
        )


def to_district_team(town: Register, people: dict[str, Principal], request_id: uuid.UUID) -> None:
    act(
        town,
        workflow.give_consent,
        people["ingrid"],
        request_id,
        scope=Level.DISTRICT_TEAM,
        given_on=today(),
    )
    act(
        town,
        workflow.escalate,
        people["ingrid"],
        request_id,
        reason="Buren en familie kunnen niet.",
    )
    act(town, workflow.pick_up, people["joyce"], request_id)


# --- Intake --------------------------------------------------------------------------


def test_intake_starts_at_the_village_owned_by_the_supporter(town, people, intake: IntakeFactory):
    request_id = intake()
    seen = detail(town, people["ingrid"], request_id)
    assert (seen.level, seen.status, seen.highest_level) == (
        Level.VILLAGE,
        Status.OPEN,
        Level.VILLAGE,
    )
    assert seen.owner_name == seen.contact_person_name == "Ingrid Kuijpers"
    assert seen.resident.full_name == "Truus Jansen" and seen.resident.postcode == "5761 AB"
    reference = Reference.parse(seen.reference)
    assert (reference.area_code, reference.year, reference.device_code) == (
        "BAK",
        today().year,
        "T1",
    )
    assert [event.kind for event in seen.history] == [EventKind.CREATED]
    assert seen.history[0].actor_name == "Ingrid Kuijpers"


def test_references_count_up_per_device(town, intake: IntakeFactory, people):
    numbers = [
        Reference.parse(detail(town, people["ingrid"], intake()).reference).number for _ in range(3)
    ]
    assert numbers == [1, 2, 3]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent_record_on": None}, "consent_record_on"),
        ({"question": "   "}, "question"),
        ({"life_domains": LifeDomain(0)}, "life_domains"),
        ({"consent_record_on": today() + timedelta(days=3)}, "consent_record_on"),
        ({"postcode": "57611"}, "postcode"),
        ({"first_name": ""}, "first_name"),
        ({"question": "x" * 2001}, "question"),
    ],
)
def test_bad_intake_input_is_refused_and_changes_nothing(town, people, change, field):
    before = counts(town)
    intake_fields = {
        "question": "Hulp bij post",
        "life_domains": LifeDomain.FINANCES,
        "consent_record_on": today(),
    }
    resident_fields = {
        "first_name": "Piet",
        "last_name": "Manders",
        "area_id": AREA_ID["BAK"],
        "postcode": "5761 AB",
    }
    for key, value in change.items():
        (intake_fields if key in intake_fields else resident_fields)[key] = value
    with pytest.raises(ValidationError) as refused:
        act(
            town,
            workflow.register_request,
            people["ingrid"],
            IntakeInput(**intake_fields),
            new_resident=ResidentInput(**resident_fields),
        )
    assert refused.value.field == field
    assert counts(town) == before


def test_every_problem_of_an_intake_is_reported_at_once_in_form_order(town, people):
    before = counts(town)
    with pytest.raises(ValidationErrors) as refused:
        act(
            town,
            workflow.register_request,
            people["ingrid"],
            IntakeInput("  ", LifeDomain(0), None),
            new_resident=ResidentInput(
                first_name="", last_name="Manders", area_id=AREA_ID["BAK"], postcode="57611"
            ),
        )
    fields = [problem.field for problem in refused.value.problems]
    assert fields == ["first_name", "postcode", "question", "life_domains", "consent_record_on"]
    assert refused.value.field == "first_name"  # the first, for whoever shows one
    assert counts(town) == before


def test_only_supporters_do_intake_and_only_in_their_own_areas(town, people):
    intake_input = IntakeInput("Vraag", LifeDomain.OTHER, today())
    resident = ResidentInput(first_name="Piet", last_name="Manders", area_id=AREA_ID["BAK"])
    with pytest.raises(ForbiddenError):
        act(town, workflow.register_request, people["joyce"], intake_input, new_resident=resident)
    with pytest.raises(ForbiddenError):
        act(town, workflow.register_request, people["anja"], intake_input, new_resident=resident)
    with pytest.raises(ForbiddenError):
        act(town, workflow.register_request, people["beheer"], intake_input, new_resident=resident)


def test_a_second_request_for_a_known_resident_reuses_the_record(town, people, intake):
    first = detail(town, people["ingrid"], intake())
    second_id = act(
        town,
        workflow.register_request,
        people["ingrid"],
        IntakeInput("Nu ook hulp bij de tuin", LifeDomain.HOUSING, today()),
        resident_id=first.resident.id,
    )
    assert detail(town, people["ingrid"], second_id).resident.id == first.resident.id


def test_edit_records_the_changed_fields_in_history(town, people, intake):
    request_id = intake()
    assert act(
        town,
        workflow.edit_request,
        people["ingrid"],
        request_id,
        urgency=Urgency.HIGH,
        question="Nieuwe vraag",
    )
    assert not act(town, workflow.edit_request, people["ingrid"], request_id, urgency=Urgency.HIGH)
    seen = detail(town, people["ingrid"], request_id)
    assert (seen.urgency, seen.question) == (Urgency.HIGH, "Nieuwe vraag")
    with town.sessions() as session:
        event = session.scalars(
            select(HistoryEvent).where(HistoryEvent.kind == EventKind.EDITED)
        ).one()
    assert sorted(event.details["fields"]) == ["question", "urgency"]


# --- Escalation chain ----------------------------------------------------------------


def test_escalation_needs_consent_to_share_with_the_district_team(town, people, intake):
    request_id = intake()
    before = counts(town)
    with pytest.raises(ConflictError) as refused:
        act(town, workflow.escalate, people["ingrid"], request_id, reason="Geprobeerd: buren")
    assert refused.value.code == Refusal.NO_CONSENT
    assert counts(town) == before


def test_escalation_needs_a_reason(town, people, intake):
    request_id = intake()
    act(
        town,
        workflow.give_consent,
        people["ingrid"],
        request_id,
        scope=Level.DISTRICT_TEAM,
        given_on=today(),
    )
    with pytest.raises(ValidationError) as refused:
        act(town, workflow.escalate, people["ingrid"], request_id, reason=" ")
    assert refused.value.field == "reason"


def test_the_whole_chain_village_district_team_municipality_and_back(town, people, intake):
    ingrid, joyce, evelien = people["ingrid"], people["joyce"], people["evelien"]
    request_id = intake()
    act(
        town, workflow.give_consent, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
    )
    act(town, workflow.escalate, ingrid, request_id, reason="Buren kunnen het niet opvangen.")

    waiting = detail(town, ingrid, request_id)  # the supporter stays involved
    assert (waiting.level, waiting.status, waiting.owner_id) == (
        Level.DISTRICT_TEAM,
        Status.OPEN,
        None,
    )
    assert waiting.contact_person_name == "Ingrid Kuijpers"
    assert waiting.highest_level is Level.DISTRICT_TEAM

    with pytest.raises(ForbiddenError):  # the supporter does not pick up for the team
        act(town, workflow.pick_up, ingrid, request_id)
    with pytest.raises(NotFoundError):  # another team does not even see it
        act(town, workflow.pick_up, people["sanne"], request_id)
    act(town, workflow.pick_up, joyce, request_id)
    assert detail(town, joyce, request_id).owner_id == user_id("joyce")
    with pytest.raises(ConflictError) as refused:
        act(town, workflow.pick_up, people["ruud"], request_id)
    assert refused.value.code == Refusal.ALREADY_OWNED

    with pytest.raises(ConflictError) as refused:
        act(town, workflow.escalate, joyce, request_id, reason="Wmo nodig")
    assert refused.value.code == Refusal.NO_CONSENT
    act(town, workflow.give_consent, joyce, request_id, scope=Level.MUNICIPALITY, given_on=today())
    act(town, workflow.escalate, joyce, request_id, reason="Wmo-voorziening nodig")
    act(town, workflow.pick_up, evelien, request_id)
    assert detail(town, evelien, request_id).highest_level is Level.MUNICIPALITY

    act(town, workflow.hand_back, evelien, request_id, advice="Eerst wijkteam laten begeleiden")
    back = detail(town, joyce, request_id)
    assert (back.level, back.owner_id, back.highest_level) == (
        Level.DISTRICT_TEAM,
        None,
        Level.MUNICIPALITY,
    )
    act(town, workflow.pick_up, joyce, request_id)
    act(town, workflow.hand_back, joyce, request_id, advice="Buurthulp inschakelen")
    home = detail(town, ingrid, request_id)
    assert (home.level, home.status, home.owner_name) == (
        Level.VILLAGE,
        Status.OPEN,
        "Ingrid Kuijpers",
    )
    assert [event.kind for event in home.history] == [
        EventKind.CREATED,
        EventKind.CONSENT_GIVEN,
        EventKind.ESCALATED,
        EventKind.PICKED_UP,
        EventKind.CONSENT_GIVEN,
        EventKind.ESCALATED,
        EventKind.PICKED_UP,
        EventKind.HANDED_BACK,
        EventKind.PICKED_UP,
        EventKind.HANDED_BACK,
    ]
    # Each event continues where the previous one left off.
    moves = [e for e in home.history if e.to_level is not None]
    for previous, event in itertools.pairwise(moves):
        assert event.from_level == previous.to_level
        assert event.from_status == previous.to_status


def test_a_request_waiting_for_pick_up_cannot_be_escalated_or_closed(town, people, intake):
    request_id = intake()
    act(
        town,
        workflow.give_consent,
        people["ingrid"],
        request_id,
        scope=Level.DISTRICT_TEAM,
        given_on=today(),
    )
    act(town, workflow.escalate, people["ingrid"], request_id, reason="Geprobeerd")
    for step, kwargs in (
        (workflow.escalate, {"reason": "x"}),
        (workflow.close, {"outcome": Outcome.SOLVED}),
    ):
        with pytest.raises(ConflictError) as refused:
            act(town, step, people["joyce"], request_id, **kwargs)
        assert refused.value.code == Refusal.NOT_PICKED_UP


def test_acute_escalation_goes_straight_to_the_municipality_without_consent(town, people, intake):
    request_id = intake(question="Vermoeden van ernstige verwaarlozing")
    with pytest.raises(ValidationError) as refused:
        act(town, workflow.escalate, people["ingrid"], request_id, reason="", acute=True)
    assert refused.value.field == "justification"

    act(
        town,
        workflow.escalate,
        people["ingrid"],
        request_id,
        reason="Onveilige situatie thuis",
        acute=True,
    )
    seen = detail(town, people["evelien"], request_id)
    assert (seen.level, seen.urgency, seen.owner_id) == (Level.MUNICIPALITY, Urgency.ACUTE, None)
    with town.sessions() as session:
        event = session.scalars(
            select(HistoryEvent).where(HistoryEvent.kind == EventKind.ESCALATED)
        ).one()
    assert event.details == {"acute": True, "without_consent": True}
    assert event.reason == "Onveilige situatie thuis"
    # "Is or was at district-team level or higher": the area's team sees it too.
    assert detail(town, people["joyce"], request_id).level is Level.MUNICIPALITY
    with pytest.raises(NotFoundError):
        detail(town, people["sanne"], request_id)


def test_withdrawn_consent_blocks_escalation(town, people, intake):
    request_id = intake()
    act(
        town,
        workflow.give_consent,
        people["ingrid"],
        request_id,
        scope=Level.DISTRICT_TEAM,
        given_on=today(),
    )
    act(
        town,
        workflow.withdraw_consent,
        people["ingrid"],
        request_id,
        withdrawn_on=today(),
        reason="Wil het zelf oplossen",
    )
    with pytest.raises(ConflictError) as refused:
        act(town, workflow.escalate, people["ingrid"], request_id, reason="Toch nodig")
    assert refused.value.code == Refusal.CONSENT_WITHDRAWN
    seen = detail(town, people["ingrid"], request_id)
    assert seen.consent_district_team_on is None and seen.consent_withdrawn_on == today()
    # Consent given again makes sharing possible again.
    act(
        town,
        workflow.give_consent,
        people["ingrid"],
        request_id,
        scope=Level.DISTRICT_TEAM,
        given_on=today(),
    )
    act(town, workflow.escalate, people["ingrid"], request_id, reason="Toch nodig")


def test_close_records_outcome_and_level_then_reopen(town, people, intake):
    request_id = intake()
    to_district_team(town, people, request_id)
    act(
        town,
        workflow.close,
        people["joyce"],
        request_id,
        outcome=Outcome.REFERRED,
        note="Naar fysiotherapeut",
    )
    closed = detail(town, people["ingrid"], request_id)
    assert (closed.status, closed.closed_level, closed.outcome) == (
        Status.CLOSED,
        Level.DISTRICT_TEAM,
        Outcome.REFERRED,
    )
    assert closed.closed_at is not None and closed.outcome_note == "Naar fysiotherapeut"

    for step, kwargs in (
        (workflow.escalate, {"reason": "x"}),
        (workflow.close, {"outcome": Outcome.SOLVED}),
        (workflow.set_waiting, {"waiting": True}),
    ):
        with pytest.raises(ConflictError) as refused:
            act(town, step, people["joyce"], request_id, **kwargs)
        assert refused.value.code == Refusal.CLOSED
    with pytest.raises(ConflictError):
        act(town, workflow.edit_request, people["ingrid"], request_id, question="Andere vraag")

    with pytest.raises(ValidationError):
        act(town, workflow.reopen, people["joyce"], request_id, reason="")
    act(town, workflow.reopen, people["joyce"], request_id, reason="Inwoner belt opnieuw")
    reopened = detail(town, people["joyce"], request_id)
    assert (reopened.status, reopened.outcome, reopened.closed_level) == (Status.OPEN, None, None)
    with pytest.raises(ConflictError) as refused:
        act(town, workflow.reopen, people["joyce"], request_id, reason="nogmaals")
    assert refused.value.code == Refusal.NOT_CLOSED


def test_closing_at_the_village_counts_as_solved_without_the_municipality(town, people, intake):
    request_id = intake()
    act(town, workflow.close, people["ingrid"], request_id, outcome=Outcome.SOLVED)
    seen = detail(town, people["ingrid"], request_id)
    assert seen.closed_level is Level.VILLAGE and seen.highest_level is Level.VILLAGE


def test_waiting_and_open_again(town, people, intake):
    request_id = intake()
    act(
        town,
        workflow.set_waiting,
        people["ingrid"],
        request_id,
        waiting=True,
        reason="Wacht op dochter",
    )
    assert detail(town, people["ingrid"], request_id).status is Status.WAITING
    with pytest.raises(ConflictError) as refused:
        act(town, workflow.set_waiting, people["ingrid"], request_id, waiting=True)
    assert refused.value.code == Refusal.NOT_OPEN
    act(town, workflow.set_waiting, people["ingrid"], request_id, waiting=False)
    assert detail(town, people["ingrid"], request_id).status is Status.OPEN


def test_available_steps_say_why_a_step_is_not_possible(town, people, intake):
    request_id = intake()
    steps = act(town, workflow.available_steps, people["ingrid"], request_id)
    assert steps[Step.ESCALATE] is Refusal.NO_CONSENT
    assert steps[Step.ESCALATE_ACUTE] is None
    assert steps[Step.CLOSE] is None
    assert steps[Step.HAND_BACK] is Refusal.BOTTOM_LEVEL
    assert steps[Step.REOPEN] is Refusal.NOT_CLOSED
    assert steps[Step.PICK_UP] is Refusal.ALREADY_OWNED
    # A colleague in another area sees nothing; the district team not yet either.
    for outsider in ("anja", "joyce", "evelien"):
        with pytest.raises(NotFoundError):
            act(town, workflow.available_steps, people[outsider], request_id)


# --- Reassignment by an administrator ------------------------------------------------


def test_an_administrator_reassigns_by_reference_without_seeing_content(town, people, intake):
    request_id = intake()
    reference = detail(town, people["ingrid"], request_id).reference
    with pytest.raises(NotFoundError):
        detail(town, people["beheer"], request_id)

    result = act(
        town,
        workflow.reassign,
        people["beheer"],
        reference.lower(),
        new_owner_id=user_id("jos"),
        reason="Verlof",
    )
    assert (result.reference, result.owner_name) == (reference, "Jos van der Zanden")
    assert not hasattr(result, "question")
    assert detail(town, people["jos"], request_id).owner_name == "Jos van der Zanden"

    with pytest.raises(ValidationError):  # Anja works in Gemert-Noord, not Bakel
        act(town, workflow.reassign, people["beheer"], reference, new_owner_id=user_id("anja"))
    with pytest.raises(ValidationError):  # a team member does not own village requests
        act(town, workflow.reassign, people["beheer"], reference, new_owner_id=user_id("joyce"))
    with pytest.raises(ForbiddenError):
        act(town, workflow.reassign, people["ingrid"], reference, new_owner_id=user_id("jos"))
    with pytest.raises(NotFoundError):
        act(
            town,
            workflow.reassign,
            people["beheer"],
            "BAK-1999-X9-001",
            new_owner_id=user_id("jos"),
        )


def test_handed_back_to_a_village_whose_contact_person_left_it_waits_for_pick_up(
    town, people, intake
):
    request_id = intake()
    to_district_team(town, people, request_id)
    with town.transaction() as session:  # Ingrid now supports Gemert-Noord, not Bakel
        session.get_one(User, user_id("ingrid")).areas = [session.get_one(Area, AREA_ID["GEN"])]
    act(town, workflow.hand_back, people["joyce"], request_id, advice="Terug naar het dorp")
    back = detail(town, people["jos"], request_id)
    assert (back.level, back.status, back.owner_id) == (Level.VILLAGE, Status.OPEN, None)
    act(town, workflow.pick_up, people["jos"], request_id)
    assert detail(town, people["jos"], request_id).owner_name == "Jos van der Zanden"
