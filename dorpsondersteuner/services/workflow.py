"""The life of a help request (DOMAIN.md, D8): intake, edits and the workflow steps.

Every function takes a Session and the acting Principal, checks the access policy and
the workflow rules, changes the data, records the outbox ops (services/changes.py) and
a history event, keeps the search index in step, and returns plain values. Callers
own the transaction: a refused step raises before anything is written, and a failure
half-way rolls back data and ops together.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import local_date, now_utc
from ..errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from ..models import Area, HelpRequest, HistoryEvent, Resident
from ..models.enums import EventKind, Level, LifeDomain, Outcome, Role, Status, Urgency
from ..references import next_reference
from . import search, validation
from .access import Action, Principal, acts_at, load_principal, may, require
from .changes import ChangeRecorder
from .views import ReferenceView


class Step(StrEnum):
    ESCALATE = "escalate"
    ESCALATE_ACUTE = "escalate_acute"  # acute safety: straight to the municipality
    PICK_UP = "pick_up"
    HAND_BACK = "hand_back"
    CLOSE = "close"
    REOPEN = "reopen"
    WAIT = "wait"  # open -> waiting on the resident or a third party
    RESUME = "resume"  # waiting -> open
    GIVE_CONSENT = "give_consent"
    WITHDRAW_CONSENT = "withdraw_consent"


class Refusal(StrEnum):
    """Why a step is not possible now; the UI explains each in plain Dutch."""

    NOT_YOURS = "not_yours"  # another level or area handles the request
    CLOSED = "closed"
    NOT_CLOSED = "not_closed"
    TOP_LEVEL = "top_level"
    BOTTOM_LEVEL = "bottom_level"
    NOT_PICKED_UP = "not_picked_up"  # waiting for pick-up at its level
    ALREADY_OWNED = "already_owned"
    NO_CONSENT = "no_consent"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NOT_OPEN = "not_open"
    NOT_WAITING = "not_waiting"
    ANONYMISED = "anonymised"  # past its retention period: personal data removed (D9)


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
class ResidentInput:
    first_name: str
    last_name: str
    area_id: uuid.UUID
    name_prefix: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    place: str = ""
    phone: str = ""


@dataclass(frozen=True)
class IntakeInput:
    question: str
    life_domains: LifeDomain
    consent_record_on: date | None
    urgency: Urgency = Urgency.NORMAL


def validated_resident_fields(data: ResidentInput) -> dict[str, Any]:
    return {
        "first_name": validation.text(data.first_name, "first_name", limit=validation.MAX_NAME),
        "name_prefix": validation.text(data.name_prefix, "name_prefix", required=False, limit=20),
        "last_name": validation.text(data.last_name, "last_name", limit=validation.MAX_NAME),
        "street": validation.text(data.street, "street", required=False, limit=120),
        "house_number": validation.text(
            data.house_number, "house_number", required=False, limit=12
        ),
        "postcode": validation.postcode(data.postcode),
        "place": validation.text(data.place, "place", required=False, limit=80),
        "phone": validation.phone(data.phone),
        "area_id": data.area_id,
    }


def may_register_requests(principal: Principal) -> bool:
    """Whether the principal does intakes: village supporters only (DOMAIN step 1)."""
    return principal.role is Role.VILLAGE_SUPPORTER


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
    if (resident_id is None) == (new_resident is None):
        raise ValidationError("give either an existing resident or a new one", field="resident")
    now = now_utc()
    today = local_date(now)
    question = validation.text(intake.question, "question")
    if not intake.life_domains:
        raise ValidationError(
            "choose at least one life domain", field="life_domains", code="required"
        )
    if intake.consent_record_on is None:
        raise ValidationError(
            "the resident's consent to record is required",
            field="consent_record_on",
            code="no_consent_to_record",
        )
    validation.not_in_future(intake.consent_record_on, today, "consent_record_on")

    recorder = ChangeRecorder(session, principal)
    if new_resident is not None:
        fields = validated_resident_fields(new_resident)
        _require_own_area(principal, new_resident.area_id)
        resident = Resident(id=uuid.uuid4(), **fields)
        recorder.create(resident)
        search.index_resident(session, resident)
    else:
        assert resident_id is not None
        from .residents import visible_resident  # residents.py builds on this module

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
    search.index_request(session, request)
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
    if "question" in changed:
        search.index_request(session, request)
    return True


# --- Workflow steps ------------------------------------------------------------------


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
    request = visible_request(session, principal, request_id)
    step = Step.ESCALATE_ACUTE if acute else Step.ESCALATE
    _check(principal, request, step)
    field = "justification" if acute else "reason"
    reason = validation.text(reason, field)
    target = Level.MUNICIPALITY if acute else request.level.above()
    assert target is not None  # refusal() checked TOP_LEVEL
    without_consent = consent_for(request, target) is None
    details = {"acute": acute, "without_consent": without_consent}
    if acute:
        request.urgency = Urgency.ACUTE
    if request.contact_person_id is None and principal.role is Role.VILLAGE_SUPPORTER:
        request.contact_person_id = principal.user_id
    _move(
        session,
        principal,
        request,
        step,
        EventKind.ESCALATED,
        target,
        Status.OPEN,
        None,
        reason,
        details,
    )


def pick_up(session: Session, principal: Principal, request_id: uuid.UUID) -> None:
    """Take a request waiting at my level: I become its owner."""
    request = visible_request(session, principal, request_id)
    _check(principal, request, Step.PICK_UP)
    _move(
        session,
        principal,
        request,
        Step.PICK_UP,
        EventKind.PICKED_UP,
        request.level,
        request.status,
        principal.user_id,
        "",
    )


def hand_back(
    session: Session, principal: Principal, request_id: uuid.UUID, *, advice: str
) -> None:
    """Move the request one level down with advice. Back at the village it returns to
    its contact person while they still work there; otherwise, and at the district
    team, it waits for pick-up."""
    request = visible_request(session, principal, request_id)
    _check(principal, request, Step.HAND_BACK)
    advice = validation.text(advice, "advice")
    target = request.level.below()
    assert target is not None
    owner = None
    if target is Level.VILLAGE and request.contact_person_id is not None:
        try:
            contact_person = load_principal(session, request.contact_person_id)
        except NotFoundError:  # left, or deactivated
            contact_person = None
        if contact_person is not None and acts_at(contact_person, target, request.area_id):
            owner = contact_person.user_id
    _move(
        session,
        principal,
        request,
        Step.HAND_BACK,
        EventKind.HANDED_BACK,
        target,
        Status.OPEN,
        owner,
        advice,
    )


def close(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    outcome: Outcome,
    note: str = "",
) -> None:
    """Close with an outcome; the level at close is recorded automatically (D8)."""
    request = visible_request(session, principal, request_id)
    _check(principal, request, Step.CLOSE)
    note = validation.text(note, "note", required=False)
    now = now_utc()
    request.closed_at = now
    request.closed_level = request.level
    request.outcome = outcome
    request.outcome_note = note
    _move(
        session,
        principal,
        request,
        Step.CLOSE,
        EventKind.CLOSED,
        request.level,
        Status.CLOSED,
        request.owner_id,
        note,
        {"outcome": outcome.value},
        extra={"outcome": outcome, "note": note},
        now=now,
    )


def reopen(session: Session, principal: Principal, request_id: uuid.UUID, *, reason: str) -> None:
    request = visible_request(session, principal, request_id)
    _check(principal, request, Step.REOPEN)
    reason = validation.text(reason, "reason")
    request.closed_at = None
    request.closed_level = None
    request.outcome = None
    request.outcome_note = ""
    owner = request.owner_id or principal.user_id
    _move(
        session,
        principal,
        request,
        Step.REOPEN,
        EventKind.REOPENED,
        request.level,
        Status.OPEN,
        owner,
        reason,
    )


def set_waiting(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    waiting: bool,
    reason: str = "",
) -> None:
    """Mark the request as waiting on the resident or a third party, or open again."""
    request = visible_request(session, principal, request_id)
    step = Step.WAIT if waiting else Step.RESUME
    _check(principal, request, step)
    reason = validation.text(reason, "reason", required=False)
    target = Status.WAITING if waiting else Status.OPEN
    _move(
        session,
        principal,
        request,
        step,
        EventKind.STATUS_CHANGED,
        request.level,
        target,
        request.owner_id,
        reason,
    )


def give_consent(
    session: Session, principal: Principal, request_id: uuid.UUID, *, scope: Level, given_on: date
) -> None:
    """Record the resident's consent to share with the district team or municipality."""
    request = visible_request(session, principal, request_id)
    _check(principal, request, Step.GIVE_CONSENT)
    if scope is Level.VILLAGE:
        raise ValidationError(
            "consent to share is for the district team or municipality", field="scope"
        )
    now = now_utc()
    validation.not_in_future(given_on, local_date(now), "given_on")
    if scope is Level.DISTRICT_TEAM:
        request.consent_district_team_on = given_on
    else:
        request.consent_municipality_on = given_on
    request.consent_withdrawn_on = None
    details = {"scope": scope.value, "on": given_on.isoformat()}
    _move(
        session,
        principal,
        request,
        Step.GIVE_CONSENT,
        EventKind.CONSENT_GIVEN,
        request.level,
        request.status,
        request.owner_id,
        "",
        details,
        extra={"scope": scope, "given_on": given_on},
        now=now,
    )


def withdraw_consent(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    withdrawn_on: date,
    reason: str = "",
) -> None:
    """The resident withdraws consent to share: it blocks further sharing (D8)."""
    request = visible_request(session, principal, request_id)
    _check(principal, request, Step.WITHDRAW_CONSENT)
    now = now_utc()
    validation.not_in_future(withdrawn_on, local_date(now), "withdrawn_on")
    reason = validation.text(reason, "reason", required=False)
    request.consent_withdrawn_on = withdrawn_on
    request.consent_district_team_on = None
    request.consent_municipality_on = None
    _move(
        session,
        principal,
        request,
        Step.WITHDRAW_CONSENT,
        EventKind.CONSENT_WITHDRAWN,
        request.level,
        request.status,
        request.owner_id,
        reason,
        {"on": withdrawn_on.isoformat()},
        extra={"withdrawn_on": withdrawn_on},
        now=now,
    )


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
    request = session.scalar(
        select(HelpRequest).where(
            HelpRequest.reference == reference.strip().upper(), HelpRequest.deleted_at.is_(None)
        )
    )
    if principal.role is not Role.ADMINISTRATOR:
        raise ForbiddenError("only administrators reassign requests")
    if request is None:
        raise NotFoundError(f"no request with reference {reference}")
    if request.status is Status.CLOSED:
        raise ConflictError("a closed request has no one working on it", code=Refusal.CLOSED)

    try:
        new_owner = load_principal(session, new_owner_id)
    except NotFoundError:
        raise ValidationError("the new owner is not an active user", field="new_owner_id") from None
    if not acts_at(new_owner, request.level, request.area_id):
        raise ValidationError(
            "the new owner does not work at this request's level and area", field="new_owner_id"
        )
    reason = validation.text(reason, "reason", required=False)
    previous = request.owner_id
    _move(
        session,
        principal,
        request,
        "reassign",
        EventKind.REASSIGNED,
        request.level,
        request.status,
        new_owner.user_id,
        reason,
        {"from_owner": str(previous) if previous else None, "to_owner": str(new_owner.user_id)},
        extra={"new_owner_id": new_owner.user_id},
    )
    area = session.get_one(Area, request.area_id)
    return ReferenceView(
        id=request.id,
        reference=request.reference,
        area_code=area.code,
        level=request.level,
        status=request.status,
        owner_id=new_owner.user_id,
        owner_name=new_owner.display_name,
        area_name=area.name,
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


def _move(
    session: Session,
    principal: Principal,
    request: HelpRequest,
    step: str,
    kind: EventKind,
    to_level: Level,
    to_status: Status,
    owner_id: uuid.UUID | None,
    reason: str,
    details: dict[str, Any] | None = None,
    *,
    extra: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    """Apply a step: new level, status and owner, the history event, and one ``step``
    op that carries the state it expects so the server can check it again (rule 6)."""
    now = now or now_utc()
    recorder = ChangeRecorder(session, principal)
    expect = {"level": request.level, "status": request.status}
    from_level, from_status = request.level, request.status
    request.level = to_level
    request.status = to_status
    request.owner_id = owner_id
    if to_level.rank > request.highest_level.rank:
        request.highest_level = to_level
    request.updated_at = now
    event = add_history_event(
        recorder,
        request,
        kind,
        now,
        from_level=from_level,
        to_level=to_level,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        details=details,
        travels_with_step=True,
    )
    payload: dict[str, Any] = {
        "step": step,
        "expect": expect,
        "event_id": event.id,
        "at": now,
        "reason": reason,
        "owner_id": owner_id,
        **(details or {}),
        **(extra or {}),
    }
    recorder.step(request, payload)


def add_history_event(
    recorder: ChangeRecorder,
    request: HelpRequest,
    kind: EventKind,
    at: datetime,
    *,
    from_level: Level | None = None,
    to_level: Level | None = None,
    from_status: Status | None = None,
    to_status: Status | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    travels_with_step: bool = False,
) -> HistoryEvent:
    """Append a history event. A step's event travels inside the step op (the server
    recreates it with the same id); any other event is its own ``create`` op."""
    event = HistoryEvent(
        id=uuid.uuid4(),
        request_id=request.id,
        at=at,
        actor_id=recorder.principal.user_id,
        device_id=recorder.device_id,
        kind=kind,
        from_level=from_level,
        to_level=to_level,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        details=details or {},
    )
    if travels_with_step:
        recorder.add_without_op(event)
    else:
        recorder.create(event)
    return event
