"""The access policy: who may see and do what, by role and area (D5, DOMAIN "Roles").

The one place these rules live: other services ask it rather than look at a role
themselves (the indicators only count supporters' hours by role). Each rule is written
once, as a *scope* (which areas, which levels), and read by both faces: a SQL clause
per entity for lists, search and the server's pull, and a check on one object for
actions. Tests run both faces over the same data and require them to agree. The
desktop app reads these rules through ``capabilities.py``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..errors import ForbiddenError, NotFoundError
from ..models import Area, Contact, Helper, HelpRequest, HistoryEvent, Resident, User
from ..models.enums import Level, Role


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the policy sees them: role and the areas they work for.

    ``area_ids`` are a supporter's own areas, a district-team member's team areas,
    and every area for municipality staff and administrators.
    """

    user_id: uuid.UUID
    username: str
    display_name: str
    role: Role
    team_id: uuid.UUID | None
    area_ids: frozenset[uuid.UUID]

    @property
    def level(self) -> Level | None:
        """The level this user works at; administrators work at none."""
        return _ROLE_LEVEL.get(self.role)


_ROLE_LEVEL = {
    Role.VILLAGE_SUPPORTER: Level.VILLAGE,
    Role.DISTRICT_TEAM: Level.DISTRICT_TEAM,
    Role.MUNICIPALITY: Level.MUNICIPALITY,
}


def load_principal(session: Session, user_id: uuid.UUID) -> Principal:
    """The principal of an active user; ``NotFoundError`` for an unknown or inactive one."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.deleted_at is not None:
        raise NotFoundError("no such active user")
    if user.role is Role.VILLAGE_SUPPORTER:
        area_ids = frozenset(area.id for area in user.areas)
    elif user.role is Role.DISTRICT_TEAM:
        area_ids = frozenset(area.id for area in user.team.areas) if user.team else frozenset()
    else:
        area_ids = frozenset(session.scalars(select(Area.id).where(Area.deleted_at.is_(None))))
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        team_id=user.team_id,
        area_ids=area_ids,
    )


# --- The rules, once -----------------------------------------------------------------


@dataclass(frozen=True)
class RequestScope:
    """Which requests' content a principal sees: those in ``area_ids`` (None: every
    area) whose highest level reached is at least ``min_highest_level``."""

    area_ids: frozenset[uuid.UUID] | None
    min_highest_level: Level
    sees_professionals_only: bool


def request_scope(principal: Principal) -> RequestScope | None:
    """None: the principal sees no case content at all (administrators, D5)."""
    match principal.role:
        case Role.VILLAGE_SUPPORTER:
            # Every request of the own areas, at every level it reached: the supporter
            # stays involved after escalating. Never "professionals only" contacts.
            return RequestScope(principal.area_ids, Level.VILLAGE, False)
        case Role.DISTRICT_TEAM:
            # The team's areas, only what is or was at district-team level or higher.
            return RequestScope(principal.area_ids, Level.DISTRICT_TEAM, True)
        case Role.MUNICIPALITY:
            return RequestScope(None, Level.MUNICIPALITY, True)
        case Role.ADMINISTRATOR:
            return None
    raise AssertionError(principal.role)


def works_with_helpers(principal: Principal) -> bool:
    """Neighbourhood helpers are visible to supporters and district-team members of
    their area; the municipality sees only counts; administrators nothing (D5)."""
    return principal.role in (Role.VILLAGE_SUPPORTER, Role.DISTRICT_TEAM)


def helper_area_ids(principal: Principal) -> frozenset[uuid.UUID]:
    """The areas whose neighbourhood helpers the principal sees (``works_with_helpers``)."""
    return principal.area_ids if works_with_helpers(principal) else frozenset()


def resident_area_ids(principal: Principal) -> frozenset[uuid.UUID]:
    """The areas whose residents the principal sees and corrects without a request of
    theirs: a supporter's own areas, to look a resident up before an intake."""
    if principal.role is Role.VILLAGE_SUPPORTER:
        return principal.area_ids
    return frozenset()


def may_register_requests(principal: Principal) -> bool:
    """Whether the principal does intakes: village supporters only (DOMAIN step 1)."""
    return principal.role is Role.VILLAGE_SUPPORTER


def may_mark_professionals_only(principal: Principal) -> bool:
    """Whether the principal may mark a contact "professionals only": only those who
    see such contacts, so nobody writes what they could not read back (D5)."""
    scope = request_scope(principal)
    return scope is not None and scope.sees_professionals_only


def stays_involved(principal: Principal) -> bool:
    """Whether the principal stays on a request after sending it up: the supporter who
    escalated remains its contact person and keeps working on it at every level it
    reaches (D5, DOMAIN "Roles")."""
    return principal.role is Role.VILLAGE_SUPPORTER


def records_consent_to_share(principal: Principal) -> bool:
    """Whether the principal records a resident's consent to share: those who can send
    a request to a level above their own; the municipality has none above it."""
    return principal.level is not None and principal.level.above() is not None


def handles_wmo(principal: Principal) -> bool:
    """Whether the principal registers the formal Wmo track: the municipality."""
    return principal.role is Role.MUNICIPALITY


def administers(principal: Principal) -> bool:
    """Administrators see references, owners and access-log entries, never content,
    and hand requests to someone else (D5)."""
    return principal.role is Role.ADMINISTRATOR


def handling_users() -> ColumnElement[bool]:
    """WHERE clause on ``User``: the users whose role works at a level."""
    return User.role.in_(list(_ROLE_LEVEL))


def levels_from(level: Level) -> list[Level]:
    return [candidate for candidate in Level if candidate.rank >= level.rank]


def acts_at(principal: Principal, level: Level, area_id: uuid.UUID) -> bool:
    """Whether the principal is one of the people who handle requests at ``level`` in
    this area: workflow steps at a level are theirs."""
    if principal.level is not level:
        return False
    return principal.role is Role.MUNICIPALITY or area_id in principal.area_ids


def still_works_there(session: Session, user_id: uuid.UUID | None, area_id: uuid.UUID) -> bool:
    """Whether the user is still active and still works at their level in this area:
    someone who left, was deactivated or moved elsewhere no longer does."""
    if user_id is None:
        return False
    try:
        user = load_principal(session, user_id)
    except NotFoundError:  # left, or deactivated
        return False
    return user.level is not None and acts_at(user, user.level, area_id)


def may_change_contact(
    principal: Principal,
    *,
    author_id: uuid.UUID,
    owner_id: uuid.UUID | None,
    author_works_there: bool,
) -> bool:
    """Whether the principal may change or delete a contact: its author, or the
    request's current owner once the author no longer works there, so a resident's
    right to rectification (AVG art. 16) never depends on someone who left. Everyone
    else reads it. Whether the request may change at all is asked separately."""
    if principal.user_id == author_id:
        return True
    return not author_works_there and owner_id is not None and principal.user_id == owner_id


# --- The SQL face --------------------------------------------------------------------


def visible_requests(principal: Principal) -> ColumnElement[bool]:
    """WHERE clause on ``HelpRequest``: the requests whose content the principal sees."""
    scope = request_scope(principal)
    if scope is None:
        return false()
    clauses = [HelpRequest.deleted_at.is_(None)]
    if scope.area_ids is not None:
        clauses.append(HelpRequest.area_id.in_(scope.area_ids))
    if scope.min_highest_level is not Level.VILLAGE:
        clauses.append(HelpRequest.highest_level.in_(levels_from(scope.min_highest_level)))
    return and_(*clauses)


def _request_visible(
    principal: Principal, request_id: InstrumentedAttribute[uuid.UUID]
) -> ColumnElement[bool]:
    return exists().where(HelpRequest.id == request_id, visible_requests(principal))


def visible_contacts(principal: Principal) -> ColumnElement[bool]:
    scope = request_scope(principal)
    if scope is None:
        return false()
    clauses = [Contact.deleted_at.is_(None), _request_visible(principal, Contact.request_id)]
    if not scope.sees_professionals_only:
        clauses.append(Contact.professionals_only.is_(False))
    return and_(*clauses)


def visible_history(principal: Principal) -> ColumnElement[bool]:
    if request_scope(principal) is None:
        return false()
    return _request_visible(principal, HistoryEvent.request_id)


def visible_helpers(principal: Principal) -> ColumnElement[bool]:
    areas = helper_area_ids(principal)
    if not areas:
        return false()
    return and_(Helper.deleted_at.is_(None), Helper.area_id.in_(areas))


def visible_residents(principal: Principal) -> ColumnElement[bool]:
    """A resident is visible with one of their requests; a supporter also sees the
    residents of their own areas, to look them up before an intake."""
    scope = request_scope(principal)
    if scope is None:
        return false()
    has_visible_request = exists().where(
        HelpRequest.resident_id == Resident.id, visible_requests(principal)
    )
    own_areas = resident_area_ids(principal)
    own_area = Resident.area_id.in_(own_areas) if own_areas else false()
    return and_(
        Resident.deleted_at.is_(None),
        Resident.merged_into_id.is_(None),
        or_(own_area, has_visible_request),
    )


# --- The object face -----------------------------------------------------------------


class RequestFacts(Protocol):
    """What the policy reads of one request (an ORM row or a DTO both fit)."""

    @property
    def area_id(self) -> uuid.UUID: ...
    @property
    def level(self) -> Level: ...
    @property
    def highest_level(self) -> Level: ...
    @property
    def deleted_at(self) -> object: ...


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # fields, contacts, follow-ups, own-circle help, consent
    ESCALATE = "escalate"
    PICK_UP = "pick_up"
    HAND_BACK = "hand_back"
    CLOSE = "close"
    REOPEN = "reopen"
    SET_STATUS = "set_status"  # open <-> waiting
    REASSIGN = "reassign"


# Steps that belong to the people handling the request at its current level.
_LEVEL_ACTIONS = frozenset(
    {
        Action.ESCALATE,
        Action.PICK_UP,
        Action.HAND_BACK,
        Action.CLOSE,
        Action.REOPEN,
        Action.SET_STATUS,
    }
)


def can_view_request(principal: Principal, request: RequestFacts) -> bool:
    scope = request_scope(principal)
    if scope is None or request.deleted_at is not None:
        return False
    if scope.area_ids is not None and request.area_id not in scope.area_ids:
        return False
    return request.highest_level.rank >= scope.min_highest_level.rank


def can_view_contact(principal: Principal, request: RequestFacts, professionals_only: bool) -> bool:
    scope = request_scope(principal)
    return (
        scope is not None
        and can_view_request(principal, request)
        and (scope.sees_professionals_only or not professionals_only)
    )


def can_view_helper(principal: Principal, area_id: uuid.UUID, deleted: bool = False) -> bool:
    return not deleted and area_id in helper_area_ids(principal)


def may(principal: Principal, action: Action, request: RequestFacts) -> bool:
    """Whether the principal's role and areas allow ``action`` on the request. Whether
    the request's state allows it is the workflow's question (services/workflow.py)."""
    if action is Action.REASSIGN:
        return administers(principal) and request.deleted_at is None
    if not can_view_request(principal, request):
        return False
    if action is Action.VIEW:
        return True
    if action in _LEVEL_ACTIONS:
        return acts_at(principal, request.level, request.area_id)
    # EDIT: the supporter stays involved at every level; professionals work on what
    # is at or above their own level.
    assert principal.level is not None  # administrators see nothing (above)
    return request.level.rank >= principal.level.rank or stays_involved(principal)


def require(principal: Principal, action: Action, request: RequestFacts) -> None:
    """Raise unless allowed. A request the principal may not see is 'not found', so
    guessing ids reveals nothing (PRIVACY-SECURITY 8)."""
    if action is not Action.REASSIGN and not can_view_request(principal, request):
        raise NotFoundError("no such request")
    if not may(principal, action, request):
        raise ForbiddenError(f"{principal.role.value} may not {action.value} this request")
