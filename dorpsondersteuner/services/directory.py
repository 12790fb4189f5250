"""Small facts about the register and its directory that forms and the status bar show."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Area, DeviceState
from .access import Principal


@dataclass(frozen=True)
class AreaChoice:
    id: uuid.UUID
    code: str
    name: str


def area_choices(session: Session, principal: Principal) -> list[AreaChoice]:
    """The principal's own areas (where they may register residents), by name."""
    if not principal.area_ids:
        return []
    rows = session.execute(
        select(Area.id, Area.code, Area.name)
        .where(Area.id.in_(principal.area_ids), Area.deleted_at.is_(None))
        .order_by(Area.name)
    )
    return [AreaChoice(area_id, code, name) for area_id, code, name in rows]


def register_kind(session: Session) -> str | None:
    """``demo`` or ``real`` (models.RegisterKind), None before the device is set up."""
    return session.scalar(select(DeviceState.register_kind))
