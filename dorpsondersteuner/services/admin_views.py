"""What an administrator sees of the requests (D5): references, areas, levels, status
and owners, never content, and the people a request can be handed to.

Administrators see no resident, question, contact or history text; these functions
only ever load the columns of a ``ReferenceView`` and the few the workflow reads to say
whether a request can be reassigned now (``workflow.refusal``), so nothing else can
leak. The reassignment itself is ``workflow.reassign``; who may receive a request is
the access policy's ``acts_at``, the same rule ``reassign`` checks.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, load_only

from ..errors import ForbiddenError, NotFoundError
from ..models import Area, HelpRequest, User
from ..models.enums import Status
from .access import Principal, acts_at, administers, handling_users, load_principal
from .views import ReferenceView, UserView
from .workflow import Step, refusal

REFERENCE_LIMIT = 500  # rows per answer; the search narrows the rest


def _require_administrator(principal: Principal) -> None:
    if not administers(principal):
        raise ForbiddenError("only administrators see the reference list")


def _where(text: str, include_closed: bool) -> ColumnElement[bool]:
    clauses: list[ColumnElement[bool]] = [HelpRequest.deleted_at.is_(None)]
    if not include_closed:
        clauses.append(HelpRequest.status != Status.CLOSED)
    words = text.split()
    for word in words:
        pattern = f"%{word.replace('%', '').replace('_', '')}%"
        # A reference, or the owner's name (leave: "everything of Ingrid"); no content.
        clauses.append(
            or_(
                func.upper(HelpRequest.reference).like(pattern.upper()),
                func.lower(User.display_name).like(pattern.lower()),
            )
        )
    return and_(*clauses)


def reference_list(
    session: Session,
    principal: Principal,
    text: str = "",
    *,
    include_closed: bool = False,
    limit: int = REFERENCE_LIMIT,
) -> list[ReferenceView]:
    """Requests by reference with area, level, status and owner, for an administrator;
    ``text`` narrows on (part of) the reference or the owner's name."""
    _require_administrator(principal)
    rows = session.execute(
        select(HelpRequest, Area.code, User.display_name, Area.name)
        .options(
            # These columns only: reading any other (a question, a name) raises.
            load_only(
                HelpRequest.reference,
                HelpRequest.area_id,
                HelpRequest.level,
                HelpRequest.status,
                HelpRequest.owner_id,
                HelpRequest.deleted_at,
                HelpRequest.anonymised_at,
                raiseload=True,
            )
        )
        .join(Area, Area.id == HelpRequest.area_id)
        .outerjoin(User, User.id == HelpRequest.owner_id)
        .where(_where(text, include_closed))
        .order_by(HelpRequest.reference)
        .limit(limit)
    )
    return [
        reference_view(principal, request, area_code, owner_name, area_name)
        for request, area_code, owner_name, area_name in rows
    ]


def reference_view(
    principal: Principal,
    request: HelpRequest,
    area_code: str,
    owner_name: str | None,
    area_name: str,
) -> ReferenceView:
    """A request as an administrator sees it, with whether it can be reassigned now."""
    return ReferenceView(
        id=request.id,
        reference=request.reference,
        area_code=area_code,
        level=request.level,
        status=request.status,
        owner_id=request.owner_id,
        owner_name=owner_name,
        area_name=area_name,
        reassign_refusal=refusal(principal, request, Step.REASSIGN),
    )


def reference_count(
    session: Session, principal: Principal, text: str = "", *, include_closed: bool = False
) -> int:
    """How many requests ``reference_list`` would list without its limit."""
    _require_administrator(principal)
    return (
        session.scalar(
            select(func.count(HelpRequest.id))
            .outerjoin(User, User.id == HelpRequest.owner_id)
            .where(_where(text, include_closed))
        )
        or 0
    )


def reassign_candidates(
    session: Session, principal: Principal, request_id: uuid.UUID
) -> list[UserView]:
    """The active users a request can be handed to: those who work at its level in its
    area (``access.acts_at``), by name, its current owner left out."""
    _require_administrator(principal)
    request = session.get(HelpRequest, request_id)
    if request is None or request.deleted_at is not None:
        raise NotFoundError("no such request")
    users = session.execute(
        select(User.id, User.username, User.display_name, User.role)
        .where(User.active.is_(True), User.deleted_at.is_(None), handling_users())
        .order_by(User.display_name)
    )
    return [
        UserView(user_id, username, name, role)
        for user_id, username, name, role in users
        if user_id != request.owner_id
        and acts_at(load_principal(session, user_id), request.level, request.area_id)
    ]
