"""The short work lists of the desktop app: the review queue (requests waiting for
pick-up at my level, with how long they have waited) and the follow-ups due today or
earlier, with the resident they are about.

Both are short by nature (tens of rows), so they are returned whole; visibility is the
access policy's SQL face, the same as every other list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..clock import today
from ..models import Area, FollowUp, HelpRequest, HistoryEvent, Resident, User
from ..models.enums import EventKind, Level, Status, Urgency
from .access import Principal, visible_requests
from .lists import RequestFilter, request_ids


@dataclass(frozen=True)
class QueueRow:
    """One request waiting for pick-up at the principal's level."""

    request_id: uuid.UUID
    reference: str
    resident_name: str
    area_name: str
    question: str
    urgency: Urgency
    level: Level
    waiting_since: datetime  # when it arrived at this level (escalated or handed back)
    sent_by: str | None  # who escalated or handed it back
    reason: str  # their reason or advice
    consent_district_team_on: date | None  # consent to share, per level (D8)
    consent_municipality_on: date | None
    consent_withdrawn_on: date | None


_ARRIVALS = (EventKind.ESCALATED, EventKind.HANDED_BACK, EventKind.CREATED)
_URGENCY_ORDER = {Urgency.ACUTE: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2}


def review_queue(session: Session, principal: Principal) -> list[QueueRow]:
    """Open requests without an owner at the principal's level in their areas, most
    urgent first, then the longest waiting."""
    ids = request_ids(session, principal, RequestFilter(waiting_for_pick_up=True))
    if not ids:
        return []
    last_arrival = (
        select(HistoryEvent.request_id, func.max(HistoryEvent.at).label("at"))
        .where(HistoryEvent.request_id.in_(ids), HistoryEvent.kind.in_(_ARRIVALS))
        .group_by(HistoryEvent.request_id)
        .subquery()
    )
    actor = aliased(User)
    rows = session.execute(
        select(HelpRequest, Resident, Area.name, HistoryEvent, actor.display_name)
        .join(Resident, Resident.id == HelpRequest.resident_id)
        .join(Area, Area.id == HelpRequest.area_id)
        .outerjoin(last_arrival, last_arrival.c.request_id == HelpRequest.id)
        .outerjoin(
            HistoryEvent,
            (HistoryEvent.request_id == HelpRequest.id)
            & (HistoryEvent.at == last_arrival.c.at)
            & HistoryEvent.kind.in_(_ARRIVALS),
        )
        .outerjoin(actor, actor.id == HistoryEvent.actor_id)
        .where(HelpRequest.id.in_(ids), visible_requests(principal))
    ).all()
    result: dict[uuid.UUID, QueueRow] = {}
    for request, resident, area_name, event, sent_by in rows:
        name = " ".join(
            p for p in (resident.first_name, resident.name_prefix, resident.last_name) if p
        )
        result[request.id] = QueueRow(
            request_id=request.id,
            reference=request.reference,
            resident_name=name,
            area_name=area_name,
            question=request.question,
            urgency=request.urgency,
            level=request.level,
            waiting_since=event.at if event is not None else request.updated_at,
            sent_by=sent_by if event is not None else None,
            reason=event.reason if event is not None else "",
            consent_district_team_on=request.consent_district_team_on,
            consent_municipality_on=request.consent_municipality_on,
            consent_withdrawn_on=request.consent_withdrawn_on,
        )
    return sorted(
        result.values(),
        key=lambda row: (_URGENCY_ORDER[row.urgency], row.waiting_since, row.reference),
    )


@dataclass(frozen=True)
class DueFollowUp:
    """An open follow-up due today or earlier, with the request it belongs to."""

    follow_up_id: uuid.UUID
    request_id: uuid.UUID
    reference: str
    resident_name: str
    description: str
    due_on: date
    days_late: int  # 0: due today
    assignee_name: str | None


def due_follow_ups(
    session: Session, principal: Principal, *, on: date | None = None, mine_only: bool = True
) -> list[DueFollowUp]:
    """Open follow-ups due on ``on`` (today in Amsterdam) or earlier on requests the
    principal sees and that are not closed, the most overdue first."""
    on = on or today()
    assignee = aliased(User)
    query = (
        select(FollowUp, HelpRequest.reference, Resident, assignee.display_name)
        .join(HelpRequest, HelpRequest.id == FollowUp.request_id)
        .join(Resident, Resident.id == HelpRequest.resident_id)
        .outerjoin(assignee, assignee.id == FollowUp.assignee_id)
        .where(
            visible_requests(principal),
            HelpRequest.status != Status.CLOSED,
            FollowUp.done_on.is_(None),
            FollowUp.deleted_at.is_(None),
            FollowUp.due_on <= on,
        )
        .order_by(FollowUp.due_on, HelpRequest.reference, FollowUp.id)
    )
    if mine_only:
        query = query.where(FollowUp.assignee_id == principal.user_id)
    return [
        DueFollowUp(
            follow_up_id=f.id,
            request_id=f.request_id,
            reference=reference,
            resident_name=" ".join(
                p for p in (resident.first_name, resident.name_prefix, resident.last_name) if p
            ),
            description=f.description,
            due_on=f.due_on,
            days_late=(on - f.due_on).days,
            assignee_name=name,
        )
        for f, reference, resident, name in session.execute(query)
    ]
