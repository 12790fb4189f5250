"""Request lists, filters, sorting, search and the request detail, all in SQL and all
through the access policy's SQL face: a user never lists or finds what they may not see.

Lists are lazy: ``request_ids`` returns the ordered ids of everything that matches
(cheap: one narrow query) and ``request_rows`` the display rows of one page of them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..clock import today as local_today
from ..errors import NotFoundError
from ..models import (
    Area,
    ArrangedHelp,
    Contact,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
    User,
)
from ..models.enums import Level, LifeDomain, Status, Urgency
from . import search
from .access import Principal, visible_contacts, visible_history, visible_requests
from .access_log import AccessAction, log_access
from .residents import resident_view
from .views import (
    ArrangedHelpView,
    ContactView,
    FollowUpView,
    HistoryView,
    RequestDetail,
    RequestRow,
)
from .wmo import wmo_status


class SortKey(StrEnum):
    REFERENCE = "reference"
    RESIDENT = "resident"
    AREA = "area"
    LEVEL = "level"
    STATUS = "status"
    URGENCY = "urgency"
    CREATED = "created"
    UPDATED = "updated"


@dataclass(frozen=True)
class RequestFilter:
    """What to list. Empty sets mean "any"; every part narrows the list further."""

    levels: frozenset[Level] = frozenset()
    statuses: frozenset[Status] = frozenset()
    area_ids: frozenset[uuid.UUID] = frozenset()
    life_domain: LifeDomain | None = None
    owner_id: uuid.UUID | None = None
    mine: bool = False  # I own it or am its contact person
    overdue_follow_ups: bool = False
    waiting_for_pick_up: bool = False  # open, no owner, at my level in my areas (D8)
    text: str = ""


def _rank(column: Any, order: tuple[str, ...]) -> Any:
    return case({value: index for index, value in enumerate(order)}, value=column)


def _overdue(today: date) -> ColumnElement[bool]:
    # Driven from the (few) open follow-ups past due, through their partial index,
    # rather than probing follow-ups once for every visible request.
    return HelpRequest.id.in_(
        select(FollowUp.request_id).where(
            FollowUp.done_on.is_(None),
            FollowUp.deleted_at.is_(None),
            FollowUp.due_on < today,
        )
    )


def _filtered(principal: Principal, where: RequestFilter, today: date) -> Select[Any] | None:
    query = select(HelpRequest.id).where(visible_requests(principal))
    if where.levels:
        query = query.where(HelpRequest.level.in_(where.levels))
    if where.statuses:
        query = query.where(HelpRequest.status.in_(where.statuses))
    if where.area_ids:
        query = query.where(HelpRequest.area_id.in_(where.area_ids))
    if where.life_domain:
        query = query.where(HelpRequest.life_domains.op("&")(int(where.life_domain)) != 0)
    if where.owner_id is not None:
        query = query.where(HelpRequest.owner_id == where.owner_id)
    if where.mine:
        query = query.where(
            or_(
                HelpRequest.owner_id == principal.user_id,
                HelpRequest.contact_person_id == principal.user_id,
            )
        )
    if where.overdue_follow_ups:
        query = query.where(_overdue(today))
    if where.waiting_for_pick_up:
        if principal.level is None:
            return None
        query = query.where(
            HelpRequest.status == Status.OPEN,
            HelpRequest.owner_id.is_(None),
            HelpRequest.level == principal.level,
            HelpRequest.area_id.in_(principal.area_ids),
        )
    if where.text.strip():
        matches = search.matching_request_ids(principal, where.text)
        if matches is None:
            return None
        query = query.where(HelpRequest.id.in_(matches))
    return query


def _order(query: Select[Any], sort: SortKey, descending: bool) -> Select[Any]:
    match sort:
        case SortKey.REFERENCE:
            keys: list[Any] = [HelpRequest.reference]
        case SortKey.RESIDENT:
            query = query.join(Resident, Resident.id == HelpRequest.resident_id)
            keys = [Resident.last_name, Resident.first_name]
        case SortKey.AREA:
            query = query.join(Area, Area.id == HelpRequest.area_id)
            keys = [Area.name]
        case SortKey.LEVEL:
            keys = [_rank(HelpRequest.level, tuple(level.value for level in Level))]
        case SortKey.STATUS:
            keys = [_rank(HelpRequest.status, tuple(status.value for status in Status))]
        case SortKey.URGENCY:
            keys = [_rank(HelpRequest.urgency, tuple(urgency.value for urgency in Urgency))]
        case SortKey.CREATED:
            keys = [HelpRequest.created_at]
        case SortKey.UPDATED:
            keys = [HelpRequest.updated_at]
    keys.append(HelpRequest.id)  # a stable order among equals
    return query.order_by(*(key.desc() if descending else key.asc() for key in keys))


def request_ids(
    session: Session,
    principal: Principal,
    where: RequestFilter = RequestFilter(),
    sort: SortKey = SortKey.UPDATED,
    *,
    descending: bool = True,
    today: date | None = None,
) -> list[uuid.UUID]:
    """The ids of every visible request that matches, in list order."""
    query = _filtered(principal, where, today or local_today())
    if query is None:
        return []
    return list(session.scalars(_order(query, sort, descending)))


def count_requests(
    session: Session, principal: Principal, where: RequestFilter = RequestFilter()
) -> int:
    query = _filtered(principal, where, local_today())
    if query is None:
        return 0
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def request_rows(
    session: Session, principal: Principal, ids: list[uuid.UUID], *, today: date | None = None
) -> list[RequestRow]:
    """Display rows for the given ids, in the same order; ids the principal may not see
    (or that are gone) are left out."""
    if not ids:
        return []
    today = today or local_today()
    owner = aliased(User)
    open_follow_ups = and_(
        FollowUp.request_id == HelpRequest.id,
        FollowUp.done_on.is_(None),
        FollowUp.deleted_at.is_(None),
    )
    next_due = select(func.min(FollowUp.due_on)).where(open_follow_ups).scalar_subquery()
    overdue = select(func.count()).where(open_follow_ups, FollowUp.due_on < today).scalar_subquery()
    rows = session.execute(
        select(
            HelpRequest.id,
            HelpRequest.reference,
            Resident.first_name,
            Resident.name_prefix,
            Resident.last_name,
            Area.code,
            Area.name,
            HelpRequest.question,
            HelpRequest.life_domains,
            HelpRequest.urgency,
            HelpRequest.level,
            HelpRequest.status,
            owner.display_name,
            HelpRequest.created_at,
            HelpRequest.updated_at,
            next_due,
            overdue,
        )
        .join(Resident, Resident.id == HelpRequest.resident_id)
        .join(Area, Area.id == HelpRequest.area_id)
        .outerjoin(owner, owner.id == HelpRequest.owner_id)
        .where(HelpRequest.id.in_(ids), visible_requests(principal))
    ).all()
    by_id = {}
    for row in rows:
        (request_id, reference, first, prefix, last, area_code, area_name, *rest) = row
        question, domains, urgency, level, status, owner_name, created, updated, due, late = rest
        by_id[request_id] = RequestRow(
            id=request_id,
            reference=reference,
            resident_name=" ".join(part for part in (first, prefix, last) if part),
            area_code=area_code,
            area_name=area_name,
            question=question,
            life_domains=domains,
            urgency=urgency,
            level=level,
            status=status,
            owner_name=owner_name,
            created_at=created,
            updated_at=updated,
            next_due=due,
            overdue_follow_ups=late or 0,
        )
    return [by_id[request_id] for request_id in ids if request_id in by_id]


def _names(session: Session, user_ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {user_id for user_id in user_ids if user_id is not None}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def request_detail(session: Session, principal: Principal, request_id: uuid.UUID) -> RequestDetail:
    """Everything about one request that the principal may see."""
    request = session.scalar(
        select(HelpRequest).where(HelpRequest.id == request_id, visible_requests(principal))
    )
    if request is None:
        raise NotFoundError("no such request")
    # Opening a request is logged (D11); the caller's transaction commits the entry.
    log_access(session, principal.user_id, AccessAction.VIEW, "help_requests", request.id)
    resident = session.get_one(Resident, request.resident_id)
    area = session.get_one(Area, request.area_id)
    contacts = session.scalars(
        select(Contact)
        .where(Contact.request_id == request.id, visible_contacts(principal))
        .order_by(Contact.contact_date.desc(), Contact.created_at.desc())
    ).all()
    follow_ups = session.scalars(
        select(FollowUp)
        .where(FollowUp.request_id == request.id, FollowUp.deleted_at.is_(None))
        .order_by(FollowUp.done_on.is_not(None), FollowUp.due_on)
    ).all()
    arranged = session.execute(
        select(ArrangedHelp, Helper.name)
        .outerjoin(Helper, Helper.id == ArrangedHelp.helper_id)
        .where(ArrangedHelp.request_id == request.id, ArrangedHelp.deleted_at.is_(None))
        .order_by(ArrangedHelp.arranged_on.desc())
    ).all()
    history = session.scalars(
        select(HistoryEvent)
        .where(HistoryEvent.request_id == request.id, visible_history(principal))
        .order_by(HistoryEvent.at, HistoryEvent.id)
    ).all()
    names = _names(
        session,
        {request.owner_id, request.contact_person_id}
        | {contact.author_id for contact in contacts}
        | {follow_up.assignee_id for follow_up in follow_ups}
        | {event.actor_id for event in history},
    )
    return RequestDetail(
        id=request.id,
        reference=request.reference,
        resident=resident_view(session, resident),
        area_id=area.id,
        area_name=area.name,
        question=request.question,
        life_domains=request.life_domains,
        urgency=request.urgency,
        level=request.level,
        status=request.status,
        highest_level=request.highest_level,
        owner_id=request.owner_id,
        owner_name=names.get(request.owner_id) if request.owner_id else None,
        contact_person_name=(
            names.get(request.contact_person_id) if request.contact_person_id else None
        ),
        consent_record_on=request.consent_record_on,
        consent_district_team_on=request.consent_district_team_on,
        consent_municipality_on=request.consent_municipality_on,
        consent_withdrawn_on=request.consent_withdrawn_on,
        outcome=request.outcome,
        outcome_note=request.outcome_note,
        closed_level=request.closed_level,
        closed_at=request.closed_at,
        created_at=request.created_at,
        updated_at=request.updated_at,
        contacts=tuple(
            ContactView(
                id=c.id,
                request_id=c.request_id,
                kind=c.kind,
                contact_date=c.contact_date,
                minutes=c.minutes,
                summary=c.summary,
                professionals_only=c.professionals_only,
                author_name=names.get(c.author_id, ""),
            )
            for c in contacts
        ),
        follow_ups=tuple(
            FollowUpView(
                id=f.id,
                request_id=f.request_id,
                description=f.description,
                due_on=f.due_on,
                done_on=f.done_on,
                assignee_name=names.get(f.assignee_id) if f.assignee_id else None,
            )
            for f in follow_ups
        ),
        arranged_help=tuple(
            ArrangedHelpView(
                id=a.id,
                request_id=a.request_id,
                helper_id=a.helper_id,
                helper_name=helper_name,
                description=a.description,
                arranged_on=a.arranged_on,
                ended_on=a.ended_on,
            )
            for a, helper_name in arranged
        ),
        history=tuple(
            HistoryView(
                id=e.id,
                at=e.at,
                actor_name=names.get(e.actor_id) if e.actor_id else None,
                kind=e.kind,
                from_level=e.from_level,
                to_level=e.to_level,
                from_status=e.from_status,
                to_status=e.to_status,
                reason=e.reason,
            )
            for e in history
        ),
        wmo=wmo_status(request),
    )
