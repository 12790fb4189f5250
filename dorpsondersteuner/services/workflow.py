"""The life of a help request (DOMAIN.md, D8): intake, edits and the workflow steps.

Every function takes a Session and the acting Principal, checks the access policy and
the workflow rules, changes the data, records the outbox ops (services/changes.py) and
a history event, keeps the search index in step, and returns plain values. Callers
own the transaction: a refused step raises before anything is written, and a failure
half-way rolls back data and ops together.

It builds on ``residents.py`` (a new resident's fields, the lookup) and ``history.py``
(history events), never the other way round; ``capabilities.py`` reads ``refusal()``
to tell the desktop app which steps to offer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import local_date, now_utc
from ..enums import Refusal as Refusal
from ..enums import Step as Step
from ..errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from ..models import Area, HelpRequest, HistoryEvent, Resident
from ..models.enums import EventKind, Level, LifeDomain, Outcome, Status, Urgency
from ..references import next_reference
from . import validation
from .access import (
    Action,
    Principal,
    acts_at,
    administers,
    load_principal,
    may,
    require,
    stays_involved,
)
from .access import may_register_requests as may_register_requests
from .changes import ChangeRecorder
from .history import add_history_event
from .residents import ResidentInput as ResidentInput
from .residents import validated_resident_fields, visible_resident
from .views import ReferenceView

_STEP_ACTION = {
    Step.ESCALATE: Action.ESCALATE,
    Step.ESCALATE_ACUTE: Action.ESCALATE,
    Step.PICK_UP: Action.PICK_UP,
    Step.HAND_BACK: Action.HAND_BACK,
    Step.CLOSE: Action.CLOSE,
    Step.REOPEN: Action.REOPEN,
    Step.WAIT: Action.SET_STATUS,
    Step.RESUME: Action.SET_STATUS,
    Step.GIVE_CONSENT: Action.EDIT,
    Step.WITHDRAW_CONSENT: Action.EDIT,
    Step.REASSIGN: Action.REASSIGN,
}


def consent_for(request: HelpRequest, level: Level) -> date | None:
    """The date the resident consented to sharing with ``level``, if still valid."""
    if request.consent_withdrawn_on is not None:
        return None
    if level is Level.DISTRICT_TEAM:
        return request.consent_district_team_on
    if level is Level.MUNICIPALITY:
        return request.consent_municipality_on
    return request.consent_record_on


def refusal(principal: Principal, request: HelpRequest, step: Step) -> Refusal | None:
    """Why ``step`` is not possible for this principal on this request now, or None.

    The one statement of the workflow rules: the steps below enforce it and the UI
    reads it to enable actions and say why one is not available.
    """
    if not may(principal, _STEP_ACTION[step], request):
        return Refusal.NOT_YOURS
    closed = request.status is Status.CLOSED
    if request.anonymised_at is not None:
        return Refusal.ANONYMISED  # nothing brings its personal data back
    if step is Step.REOPEN:
        return None if closed else Refusal.NOT_CLOSED
    if closed:
        return Refusal.CLOSED
    match step:
        case Step.ESCALATE:
            target = request.level.above()
            if target is None:
                return Refusal.TOP_LEVEL
            if request.owner_id is None:
                return Refusal.NOT_PICKED_UP
            if request.consent_withdrawn_on is not None:
                return Refusal.CONSENT_WITHDRAWN
            if consent_for(request, target) is None:
                return Refusal.NO_CONSENT
        case Step.ESCALATE_ACUTE:
            if request.level is Level.MUNICIPALITY:
                return Refusal.TOP_LEVEL
            if request.owner_id is None:
                return Refusal.NOT_PICKED_UP
        case Step.PICK_UP:
            if request.owner_id is not None:
                return Refusal.ALREADY_OWNED
        case Step.HAND_BACK:
            if request.level is Level.VILLAGE:
                return Refusal.BOTTOM_LEVEL
            if request.owner_id is None:
                return Refusal.NOT_PICKED_UP
        case Step.CLOSE:
            if request.owner_id is None:
                return Refusal.NOT_PICKED_UP
        case Step.WAIT:
            if request.status is not Status.OPEN:
                return Refusal.NOT_OPEN
        case Step.RESUME:
            if request.status is not Status.WAITING:
                return Refusal.NOT_WAITING
        case Step.WITHDRAW_CONSENT:
            if request.consent_withdrawn_on is not None:
                return Refusal.CONSENT_WITHDRAWN
    return None


def available_steps(
    session: Session, principal: Principal, request_id: uuid.UUID
) -> dict[Step, Refusal | None]:
    """Every step with the reason it is refused (None: possible now)."""
    request = visible_request(session, principal, request_id)
    return {step: refusal(principal, request, step) for step in Step}


# --- Intake and edits ----------------------------------------------------------------


@dataclass(frozen=True)
class IntakeInput:
    question: str
    life_domains: LifeDomain
    consent_record_on: date | None
    urgency: Urgency = Urgency.NORMAL


def edit_refusal_of(principal: Principal, request: HelpRequest) -> Refusal | None:
    """Why the principal may not change this request or its records now, or None."""
    if not may(principal, Action.EDIT, request):
        return Refusal.NOT_YOURS
    if request.anonymised_at is not None:
        return Refusal.ANONYMISED
    if request.status is Status.CLOSED:
        return Refusal.CLOSED  # reopened first
    return None


def edit_refusal(session: Session, principal: Principal, request_id: uuid.UUID) -> Refusal | None:
    """Why ``edit_request`` would refuse this principal now, or None: the UI reads it
    to offer or explain the edit, the same answer the edit itself enforces."""
    return edit_refusal_of(principal, visible_request(session, principal, request_id))


def require_editable(session: Session, principal: Principal, request_id: uuid.UUID) -> HelpRequest:
    """The request, when the principal may change it or its records now; else raise."""
    request = visible_request(session, principal, request_id)
    reason = edit_refusal_of(principal, request)
    if reason is Refusal.NOT_YOURS:
        raise ForbiddenError(f"{principal.role.value} may not change this request")
    if reason is Refusal.ANONYMISED:
        raise ConflictError("this request was anonymised after its retention period", code=reason)
    if reason is not None:
        raise ConflictError("a closed request is reopened before it is changed", code=reason)
    return request


def intake_problems(
    intake: IntakeInput,
    *,
    resident_chosen: bool,
    new_resident: ResidentInput | None,
    today: date,
) -> validation.Problems:
    """Everything wrong with an intake, in the form's order: the resident (looked up
    or new, field by field), the question, the life domains, the consent. No database:
    the form asks it again while the user corrects, to take away what is right now."""
    problems = validation.Problems()
    if resident_chosen == (new_resident is not None):
        problems.add(
            ValidationError("give either an existing resident or a new one", field="resident")
        )
    elif new_resident is not None:
        problems.check(validated_resident_fields, new_resident)
    problems.check(validation.text, intake.question, "question")
    if not intake.life_domains:
        problems.add(
            ValidationError(
                "choose at least one life domain", field="life_domains", code="required"
            )
        )
    if intake.consent_record_on is None:
        problems.add(
            ValidationError(
                "the resident's consent to record is required",
                field="consent_record_on",
                code="no_consent_to_record",
            )
        )
    else:
        problems.check(
            validation.not_in_future, intake.consent_record_on, today, "consent_record_on"
        )
    return problems


def register_request(
    session: Session,
    principal: Principal,
    intake: IntakeInput,
    *,
    resident_id: uuid.UUID | None = None,
    new_resident: ResidentInput | None = None,
) -> uuid.UUID:
    """Intake (DOMAIN step 1): a village supporter records the question of a resident
    they looked up first (``resident_id``) or a new resident. The request starts at
    village level, open, owned by the supporter. Returns the new request's id."""
    if not may_register_requests(principal):
        raise ForbiddenError("only village supporters register new requests")
    now = now_utc()
    today = local_date(now)
    intake_problems(
        intake, resident_chosen=resident_id is not None, new_resident=new_resident, today=today
    ).raise_any()
    question = validation.text(intake.question, "question")
    assert intake.consent_record_on is not None  # checked above

    recorder = ChangeRecorder(session, principal)
    if new_resident is not None:
        fields = validated_resident_fields(new_resident)
        _require_own_area(principal, new_resident.area_id)
        resident = Resident(id=uuid.uuid4(), **fields)
        recorder.create(resident)
    else:
        assert resident_id is not None
        resident = visible_resident(session, principal, resident_id)
        _require_own_area(principal, resident.area_id)

    area = session.get_one(Area, resident.area_id)
    request = HelpRequest(
        id=uuid.uuid4(),
        reference=next_reference(session, area.code, today.year),
        resident_id=resident.id,
        area_id=area.id,
        question=question,
        life_domains=intake.life_domains,
        urgency=intake.urgency,
        level=Level.VILLAGE,
        status=Status.OPEN,
        highest_level=Level.VILLAGE,
        owner_id=principal.user_id,
        contact_person_id=principal.user_id,
        created_by_id=principal.user_id,
        consent_record_on=intake.consent_record_on,
        outcome_note="",
        created_at=now,
        updated_at=now,
    )
    recorder.create(request)
    add_history_event(
        recorder, request, EventKind.CREATED, now, to_level=Level.VILLAGE, to_status=Status.OPEN
    )
    return request.id


def _require_own_area(principal: Principal, area_id: uuid.UUID) -> None:
    if area_id not in principal.area_ids:
        raise ForbiddenError("the resident lives outside your areas")


def edit_request(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    question: str | None = None,
    life_domains: LifeDomain | None = None,
    urgency: Urgency | None = None,
) -> bool:
    """Change the request's own fields; one ``set`` op per changed field and one
    history entry naming them. Returns whether anything changed."""
    request = require_editable(session, principal, request_id)
    wanted: dict[str, Any] = {}
    if question is not None:
        wanted["question"] = validation.text(question, "question")
    if life_domains is not None:
        if not life_domains:
            raise ValidationError(
                "choose at least one life domain", field="life_domains", code="required"
            )
        wanted["life_domains"] = life_domains
    if urgency is not None:
        wanted["urgency"] = urgency
    recorder = ChangeRecorder(session, principal)
    changed = [name for name, value in wanted.items() if recorder.set(request, name, value)]
    if not changed:
        return False
    now = now_utc()
    request.updated_at = now
    add_history_event(recorder, request, EventKind.EDITED, now, details={"fields": changed})
    return True


# --- Workflow steps ------------------------------------------------------------------
#
# Every step goes the same way (D15): ``refusal()`` says whether it may be taken now,
# ``validated()`` checks what the user typed, ``step_effect()`` derives from the
# request's current state what the step does to it, and ``take_step()`` writes that
# with its history event through the session's sink. On the laptop the sink is the
# outbox, whose step op carries only what the user asked for (``StepInput``); the
# server runs the same ``take_step()`` on its own state and records the resulting
# values, which laptops then write as they are.


@dataclass(frozen=True)
class StepInput:
    """What the user asks: the step and what they filled in. ``reason`` is the step's
    text (the reason, an acute justification, hand-back advice, a closing note); ``on``
    the day consent was given or withdrawn."""

    step: Step
    reason: str = ""
    outcome: Outcome | None = None
    scope: Level | None = None
    on: date | None = None
    new_owner_id: uuid.UUID | None = None


# Per step: the name of its text field in messages, and whether it is required.
_STEP_TEXT: dict[Step, tuple[str, bool]] = {
    Step.ESCALATE: ("reason", True),
    Step.ESCALATE_ACUTE: ("justification", True),
    Step.HAND_BACK: ("advice", True),
    Step.CLOSE: ("note", False),
    Step.REOPEN: ("reason", True),
    Step.WAIT: ("reason", False),
    Step.RESUME: ("reason", False),
    Step.WITHDRAW_CONSENT: ("reason", False),
    Step.REASSIGN: ("reason", False),
}


def validated(ask: StepInput, today: date) -> StepInput:
    """The input with its text cleaned; raises ``ValidationError`` naming the field."""
    reason = ""
    if ask.step in _STEP_TEXT:
        field, required = _STEP_TEXT[ask.step]
        reason = validation.text(ask.reason, field, required=required)
    if ask.step is Step.CLOSE and ask.outcome is None:
        raise ValidationError("choose an outcome", field="outcome", code="required")
    if ask.step is Step.GIVE_CONSENT:
        if ask.scope not in (Level.DISTRICT_TEAM, Level.MUNICIPALITY):
            raise ValidationError(
                "consent to share is for the district team or municipality", field="scope"
            )
        _required_day(ask.on, today, "given_on")
    if ask.step is Step.WITHDRAW_CONSENT:
        _required_day(ask.on, today, "withdrawn_on")
    if ask.step is Step.REASSIGN and ask.new_owner_id is None:
        raise ValidationError("choose the new owner", field="new_owner_id", code="required")
    return replace(ask, reason=reason)


def _required_day(day: date | None, today: date, field: str) -> None:
    if day is None:
        raise ValidationError("give the date", field=field, code="required")
    validation.not_in_future(day, today, field)


@dataclass(frozen=True)
class StepEffect:
    """What a step does to a request: its new level, status and owner, the other
    fields it sets, and the history event that records it."""

    kind: EventKind
    level: Level
    status: Status
    owner_id: uuid.UUID | None
    values: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


def step_effect(
    session: Session, principal: Principal, request: HelpRequest, ask: StepInput, now: datetime
) -> StepEffect:
    """The one place each step's effect is derived, from the request as it is now."""
    level, status, owner = request.level, request.status, request.owner_id
    match ask.step:
        case Step.ESCALATE | Step.ESCALATE_ACUTE:
            acute = ask.step is Step.ESCALATE_ACUTE
            target = Level.MUNICIPALITY if acute else level.above()
            assert target is not None  # refusal() checked TOP_LEVEL
            values: dict[str, Any] = {"urgency": Urgency.ACUTE} if acute else {}
            if request.contact_person_id is None and stays_involved(principal):
                values["contact_person_id"] = principal.user_id  # stays on it (D5)
            without_consent = consent_for(request, target) is None
            details: dict[str, Any] = {"acute": acute, "without_consent": without_consent}
            return StepEffect(EventKind.ESCALATED, target, Status.OPEN, None, values, details)
        case Step.PICK_UP:
            return StepEffect(EventKind.PICKED_UP, level, status, principal.user_id)
        case Step.HAND_BACK:
            target = level.below()
            assert target is not None  # refusal() checked BOTTOM_LEVEL
            back_to = _contact_person_at(session, request, target)
            return StepEffect(EventKind.HANDED_BACK, target, Status.OPEN, back_to)
        case Step.CLOSE:
            assert ask.outcome is not None  # validated()
            values = {
                "closed_at": now,
                "closed_level": level,  # recorded automatically (D8)
                "outcome": ask.outcome,
                "outcome_note": ask.reason,
            }
            details = {"outcome": ask.outcome.value}
            return StepEffect(EventKind.CLOSED, level, Status.CLOSED, owner, values, details)
        case Step.REOPEN:
            values = {"closed_at": None, "closed_level": None, "outcome": None, "outcome_note": ""}
            owner = owner or principal.user_id
            return StepEffect(EventKind.REOPENED, level, Status.OPEN, owner, values)
        case Step.WAIT:
            return StepEffect(EventKind.STATUS_CHANGED, level, Status.WAITING, owner)
        case Step.RESUME:
            return StepEffect(EventKind.STATUS_CHANGED, level, Status.OPEN, owner)
        case Step.GIVE_CONSENT:
            assert ask.scope is not None and ask.on is not None  # validated()
            scope_field = (
                "consent_district_team_on"
                if ask.scope is Level.DISTRICT_TEAM
                else "consent_municipality_on"
            )
            values = {scope_field: ask.on, "consent_withdrawn_on": None}
            details = {"scope": ask.scope.value, "on": ask.on.isoformat()}
            return StepEffect(EventKind.CONSENT_GIVEN, level, status, owner, values, details)
        case Step.WITHDRAW_CONSENT:
            assert ask.on is not None  # validated()
            values = {
                "consent_withdrawn_on": ask.on,
                "consent_district_team_on": None,
                "consent_municipality_on": None,
            }
            details = {"on": ask.on.isoformat()}
            return StepEffect(EventKind.CONSENT_WITHDRAWN, level, status, owner, values, details)
        case Step.REASSIGN:
            new_owner = _new_owner(session, request, ask.new_owner_id)
            details = {
                "from_owner": str(owner) if owner else None,
                "to_owner": str(new_owner.user_id),
            }
            return StepEffect(EventKind.REASSIGNED, level, status, new_owner.user_id, {}, details)
    raise AssertionError(f"no effect for {ask.step}")


def _contact_person_at(session: Session, request: HelpRequest, target: Level) -> uuid.UUID | None:
    """Back at the village a request returns to its contact person while they still
    work there; otherwise it waits for pick-up."""
    if target is not Level.VILLAGE or request.contact_person_id is None:
        return None
    try:
        contact_person = load_principal(session, request.contact_person_id)
    except NotFoundError:  # left, or deactivated
        return None
    if acts_at(contact_person, target, request.area_id):
        return contact_person.user_id
    return None


def _new_owner(session: Session, request: HelpRequest, user_id: uuid.UUID | None) -> Principal:
    assert user_id is not None  # validated()
    try:
        new_owner = load_principal(session, user_id)
    except NotFoundError:
        raise ValidationError("the new owner is not an active user", field="new_owner_id") from None
    if not acts_at(new_owner, request.level, request.area_id):
        raise ValidationError(
            "the new owner does not work at this request's level and area", field="new_owner_id"
        )
    return new_owner


def take_step(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    ask: StepInput,
    *,
    event_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> HistoryEvent:
    """Take a workflow step: check it, derive its effect, write it with its history
    event, and record it in the session's sink. ``event_id`` and ``at`` are given when
    the step was taken elsewhere (a pushed op): the event keeps its id and moment."""
    request = session.get(HelpRequest, request_id)
    if request is None:
        raise NotFoundError("no such request")
    require(principal, Action.REASSIGN if ask.step is Step.REASSIGN else Action.VIEW, request)
    _check(principal, request, ask.step)
    now = now_utc()
    ask = validated(ask, local_date(now))
    at = at or now
    effect = step_effect(session, principal, request, ask, at)
    recorder = ChangeRecorder(session, principal)
    values = {
        "level": effect.level,
        "status": effect.status,
        "owner_id": effect.owner_id,
        **effect.values,
        "updated_at": at,
    }
    # An administrator's laptop may not know it: it holds the request's projection (D5).
    highest = request.highest_level
    if highest is not None and effect.level.rank > highest.rank:
        values["highest_level"] = effect.level
    event = HistoryEvent(
        id=event_id or uuid.uuid4(),
        request_id=request.id,
        at=at,
        actor_id=principal.user_id,
        device_id=recorder.device_id,
        kind=effect.kind,
        from_level=request.level,
        to_level=effect.level,
        from_status=request.status,
        to_status=effect.status,
        reason=ask.reason,
        details=effect.details,
    )
    payload = step_payload(ask, request, event)
    recorder.step(request, payload, values, event)
    return event


def step_payload(ask: StepInput, request: HelpRequest, event: HistoryEvent) -> dict[str, Any]:
    """The step as it travels (``sync.protocol.StepPayload``): what the user asked, the
    state it was taken on, and its event's id and moment."""
    return {
        "step": ask.step,
        "expect": {"level": request.level, "status": request.status},
        "event_id": event.id,
        "at": event.at,
        "reason": ask.reason,
        "outcome": ask.outcome,
        "scope": ask.scope,
        "on": ask.on,
        "new_owner_id": ask.new_owner_id,
    }


def escalate(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    reason: str,
    acute: bool = False,
) -> None:
    """Move the request one level up, to wait there for pick-up (D8). ``acute``: an
    acute safety concern goes straight to the municipality, with a written
    justification (``reason``), with or without consent."""
    step = Step.ESCALATE_ACUTE if acute else Step.ESCALATE
    take_step(session, principal, request_id, StepInput(step, reason=reason))


def pick_up(session: Session, principal: Principal, request_id: uuid.UUID) -> None:
    """Take a request waiting at my level: I become its owner."""
    take_step(session, principal, request_id, StepInput(Step.PICK_UP))


def hand_back(
    session: Session, principal: Principal, request_id: uuid.UUID, *, advice: str
) -> None:
    """Move the request one level down with advice."""
    take_step(session, principal, request_id, StepInput(Step.HAND_BACK, reason=advice))


def close(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    outcome: Outcome,
    note: str = "",
) -> None:
    """Close with an outcome; the level at close is recorded automatically (D8)."""
    take_step(session, principal, request_id, StepInput(Step.CLOSE, reason=note, outcome=outcome))


def reopen(session: Session, principal: Principal, request_id: uuid.UUID, *, reason: str) -> None:
    take_step(session, principal, request_id, StepInput(Step.REOPEN, reason=reason))


def set_waiting(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    waiting: bool,
    reason: str = "",
) -> None:
    """Mark the request as waiting on the resident or a third party, or open again."""
    step = Step.WAIT if waiting else Step.RESUME
    take_step(session, principal, request_id, StepInput(step, reason=reason))


def give_consent(
    session: Session, principal: Principal, request_id: uuid.UUID, *, scope: Level, given_on: date
) -> None:
    """Record the resident's consent to share with the district team or municipality."""
    ask = StepInput(Step.GIVE_CONSENT, scope=scope, on=given_on)
    take_step(session, principal, request_id, ask)


def withdraw_consent(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    withdrawn_on: date,
    reason: str = "",
) -> None:
    """The resident withdraws consent to share: it blocks further sharing (D8)."""
    ask = StepInput(Step.WITHDRAW_CONSENT, reason=reason, on=withdrawn_on)
    take_step(session, principal, request_id, ask)


def reassign(
    session: Session,
    principal: Principal,
    reference: str,
    *,
    new_owner_id: uuid.UUID,
    reason: str = "",
) -> ReferenceView:
    """An administrator hands a request to another supporter or team member (leave,
    departure), by reference, without seeing its content (D5)."""
    if not administers(principal):
        raise ForbiddenError("only administrators reassign requests")
    request = session.scalar(
        select(HelpRequest).where(
            HelpRequest.reference == reference.strip().upper(), HelpRequest.deleted_at.is_(None)
        )
    )
    if request is None:
        raise NotFoundError(f"no request with reference {reference}")
    ask = StepInput(Step.REASSIGN, reason=reason, new_owner_id=new_owner_id)
    take_step(session, principal, request.id, ask)
    area = session.get_one(Area, request.area_id)
    owner = load_principal(session, new_owner_id)
    return ReferenceView(
        id=request.id,
        reference=request.reference,
        area_code=area.code,
        level=request.level,
        status=request.status,
        owner_id=owner.user_id,
        owner_name=owner.display_name,
        area_name=area.name,
        reassign_refusal=refusal(principal, request, Step.REASSIGN),
    )


# --- Shared machinery ----------------------------------------------------------------


def visible_request(session: Session, principal: Principal, request_id: uuid.UUID) -> HelpRequest:
    request = session.get(HelpRequest, request_id)
    if request is None:
        raise NotFoundError("no such request")
    require(principal, Action.VIEW, request)
    return request


def _check(principal: Principal, request: HelpRequest, step: Step) -> None:
    reason = refusal(principal, request, step)
    if reason is Refusal.NOT_YOURS:
        raise ForbiddenError(f"{principal.role.value} may not {step.value} this request now")
    if reason is not None:
        raise ConflictError(f"cannot {step.value}: {reason.value}", code=reason)
