"""What an administrator sees of the requests (D5): references, areas, levels, status
and owners, never content, and the people a request can be handed to.

Administrators see no resident, question, contact or history text; these functions
only ever select the columns of a ``ReferenceView``, so nothing else can leak. The
reassignment itself is ``workflow.reassign``; who may receive a request is the access
policy's ``acts_at``, the same rule ``reassign`` checks.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from ..errors import ForbiddenError, NotFoundError
from ..models import Area, HelpRequest, User
from ..models.enums import Role, Status
from .access import Principal, acts_at, load_principal
from .views import ReferenceView, UserView

REFERENCE_LIMIT = 500  # rows per answer; the search narrows the rest


def _require_administrator(principal: Principal) -> None:
    if principal.role is not Role.ADMINISTRATOR:
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
        select(
            HelpRequest.id,
            HelpRequest.reference,
            Area.code,
            HelpRequest.level,
            HelpRequest.status,
            HelpRequest.owner_id,
            User.display_name,
            Area.name,
        )
        .join(Area, Area.id == HelpRequest.area_id)
        .outerjoin(User, User.id == HelpRequest.owner_id)
        .where(_where(text, include_closed))
        .order_by(HelpRequest.reference)
        .limit(limit)
    )
    return [ReferenceView(*row) for row in rows]


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
        .where(User.active.is_(True), User.deleted_at.is_(None), User.role != Role.ADMINISTRATOR)
        .order_by(User.display_name)
    )
    return [
        UserView(user_id, username, name, role)
        for user_id, username, name, role in users
        if user_id != request.owner_id
        and acts_at(load_principal(session, user_id), request.level, request.area_id)
    ]
