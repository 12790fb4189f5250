"""The formal Wmo 2015 track at the municipality and its statutory deadlines.

A request at municipality level may become a *melding* (DOMAIN step 5): the
municipality then has six weeks to investigate (Wmo 2015 art. 2.3.2), the resident may
hand in a personal plan within seven days, and an *aanvraag* handed in after the
investigation must be decided within two weeks. Dates are calendar dates in
Europe/Amsterdam (D7), so a daylight-saving change moves no deadline.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..clock import now_utc, today
from ..errors import ConflictError, ForbiddenError, ValidationError
from ..models import HelpRequest, Resident
from ..models.enums import EventKind, Level, Status, WmoDecision
from . import validation
from .access import Principal, handles_wmo, visible_requests
from .changes import ChangeRecorder
from .history import add_history_event
from .views import Deadline, WmoStatus
from .workflow import edit_refusal_of, require_editable

INVESTIGATION = timedelta(weeks=6)
PERSONAL_PLAN = timedelta(days=7)
DECISION = timedelta(weeks=2)
# Flag a deadline as at risk this many days before it falls.
INVESTIGATION_AT_RISK_DAYS = 7
DECISION_AT_RISK_DAYS = 3


def _deadline(kind: str, due_on: date, met: bool, at_risk_days: int, on: date) -> Deadline:
    days_left = (due_on - on).days
    return Deadline(
        kind=kind,
        due_on=due_on,
        days_left=days_left,
        met=met,
        at_risk=not met and 0 <= days_left <= at_risk_days,
        overdue=not met and days_left < 0,
    )


def wmo_status(request: HelpRequest, on: date | None = None) -> WmoStatus | None:
    """The request's Wmo track with its deadlines as of ``on`` (today in Amsterdam);
    None when no melding was made."""
    if request.wmo_melding_on is None:
        return None
    on = on or today()
    melding = request.wmo_melding_on
    deadlines = [
        _deadline(
            "investigation",
            melding + INVESTIGATION,
            request.wmo_aanvraag_on is not None or request.wmo_decision_on is not None,
            INVESTIGATION_AT_RISK_DAYS,
            on,
        )
    ]
    if request.wmo_aanvraag_on is not None:
        deadlines.append(
            _deadline(
                "decision",
                request.wmo_aanvraag_on + DECISION,
                request.wmo_decision_on is not None,
                DECISION_AT_RISK_DAYS,
                on,
            )
        )
    return WmoStatus(
        melding_on=melding,
        personal_plan_on=request.wmo_personal_plan_on,
        personal_plan_until=melding + PERSONAL_PLAN,
        aanvraag_on=request.wmo_aanvraag_on,
        decision_on=request.wmo_decision_on,
        decision=request.wmo_decision,
        deadlines=tuple(deadlines),
    )


def _wmo_problem(
    principal: Principal, request: HelpRequest
) -> ForbiddenError | ConflictError | None:
    """Why the principal may not register the Wmo track of a request they may change,
    or None."""
    if not handles_wmo(principal):
        return ForbiddenError("only the municipality registers the Wmo track")
    if request.level is not Level.MUNICIPALITY:
        return ConflictError(
            "the Wmo track starts at municipality level", code="not_at_municipality"
        )
    return None


def may_record_wmo(principal: Principal, request: HelpRequest) -> bool:
    """Whether the principal may register the request's Wmo dates now: what the four
    functions below check before anything else (the order of the dates aside)."""
    return edit_refusal_of(principal, request) is None and _wmo_problem(principal, request) is None


def _request_for_wmo(session: Session, principal: Principal, request_id: uuid.UUID) -> HelpRequest:
    request = require_editable(session, principal, request_id)
    problem = _wmo_problem(principal, request)
    if problem is not None:
        raise problem
    return request


def _record(
    session: Session,
    principal: Principal,
    request: HelpRequest,
    kind: EventKind,
    values: dict[str, object],
) -> None:
    recorder = ChangeRecorder(session, principal)
    changed = [name for name, value in values.items() if recorder.set(request, name, value)]
    if changed:
        now = now_utc()
        request.updated_at = now
        add_history_event(recorder, request, kind, now, details={"fields": changed})


def _date(value: date, field: str, not_before: date | None, before_label: str) -> date:
    validation.not_in_future(value, today(), field)
    if not_before is not None and value < not_before:
        raise ValidationError(f"{field} lies before the {before_label}", field=field, code="before")
    return value


def register_melding(
    session: Session, principal: Principal, request_id: uuid.UUID, *, melding_on: date
) -> None:
    request = _request_for_wmo(session, principal, request_id)
    if request.wmo_aanvraag_on is not None and melding_on > request.wmo_aanvraag_on:
        raise ValidationError("the melding lies after the aanvraag", field="melding_on")
    _record(
        session, principal, request, EventKind.WMO_MELDING,
        {"wmo_melding_on": _date(melding_on, "melding_on", None, "")},
    )  # fmt: skip


def _require_melding(request: HelpRequest) -> date:
    if request.wmo_melding_on is None:
        raise ConflictError("register the melding first", code="no_melding")
    return request.wmo_melding_on


def record_personal_plan(
    session: Session, principal: Principal, request_id: uuid.UUID, *, handed_in_on: date
) -> None:
    request = _request_for_wmo(session, principal, request_id)
    melding = _require_melding(request)
    value = _date(handed_in_on, "handed_in_on", melding, "melding")
    _record(
        session, principal, request, EventKind.WMO_PERSONAL_PLAN, {"wmo_personal_plan_on": value}
    )


def record_aanvraag(
    session: Session, principal: Principal, request_id: uuid.UUID, *, aanvraag_on: date
) -> None:
    request = _request_for_wmo(session, principal, request_id)
    melding = _require_melding(request)
    value = _date(aanvraag_on, "aanvraag_on", melding, "melding")
    _record(session, principal, request, EventKind.WMO_AANVRAAG, {"wmo_aanvraag_on": value})


def record_decision(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    decided_on: date,
    decision: WmoDecision,
) -> None:
    request = _request_for_wmo(session, principal, request_id)
    _require_melding(request)
    if request.wmo_aanvraag_on is None:
        raise ConflictError("record the aanvraag first", code="no_aanvraag")
    value = _date(decided_on, "decided_on", request.wmo_aanvraag_on, "aanvraag")
    _record(
        session, principal, request, EventKind.WMO_DECISION,
        {"wmo_decision_on": value, "wmo_decision": decision},
    )  # fmt: skip


@dataclass(frozen=True)
class DeadlineRow:
    """One line of the "deadlines" view."""

    request_id: uuid.UUID
    reference: str
    resident_name: str
    deadline: Deadline


def open_deadlines(
    session: Session, principal: Principal, *, on: date | None = None
) -> list[DeadlineRow]:
    """Every deadline not yet met on requests the principal sees, fewest days left
    first (overdue at the top)."""
    on = on or today()
    rows = session.execute(
        select(HelpRequest, Resident.first_name, Resident.name_prefix, Resident.last_name)
        .join(Resident, Resident.id == HelpRequest.resident_id)
        .where(
            visible_requests(principal),
            HelpRequest.wmo_melding_on.is_not(None),
            or_(HelpRequest.wmo_decision_on.is_(None), HelpRequest.wmo_aanvraag_on.is_(None)),
            HelpRequest.status != Status.CLOSED,
        )
    ).all()
    result: list[DeadlineRow] = []
    for request, first, prefix, last in rows:
        status = wmo_status(request, on)
        assert status is not None
        name = " ".join(part for part in (first, prefix, last) if part)
        result.extend(
            DeadlineRow(request.id, request.reference, name, deadline)
            for deadline in status.deadlines
            if not deadline.met
        )
    result.sort(key=lambda row: (row.deadline.days_left, row.reference))
    return result
