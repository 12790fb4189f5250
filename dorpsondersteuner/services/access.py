"""The access policy: who may see and do what, by role and area (D5).

The one place these rules live. Its two faces must agree: a SQL clause per entity
(for lists, search and the server's pull) and a check on one object (for actions).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..models import Area, User
from ..models.enums import Role


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
