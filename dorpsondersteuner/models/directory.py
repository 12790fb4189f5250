"""The user directory: areas, district teams and users (D5, D12).

On a real register these rows come from the server; on the demo register from the
demo generator. Users of the program are staff; residents are not users.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RecordMixin
from .enums import AreaKind, Role
from .types import text_enum

team_areas = Table(
    "team_areas",
    Base.metadata,
    Column("team_id", Uuid, ForeignKey("district_teams.id"), primary_key=True),
    Column("area_id", Uuid, ForeignKey("areas.id"), primary_key=True),
)

user_areas = Table(
    "user_areas",
    Base.metadata,
    Column("user_id", Uuid, ForeignKey("users.id"), primary_key=True),
    Column("area_id", Uuid, ForeignKey("areas.id"), primary_key=True),
)


class Area(RecordMixin, Base):
    """A village (kern) or a district of a larger village; its code starts references."""

    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[AreaKind] = mapped_column(text_enum(AreaKind))


class DistrictTeam(RecordMixin, Base):
    """Professionals serving several areas (wijkteam)."""

    __tablename__ = "district_teams"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    areas: Mapped[list[Area]] = relationship(secondary=team_areas, order_by=Area.code)


class User(RecordMixin, Base):
    """A person who uses the program, with one role.

    A village supporter works for their ``areas``; a district-team member for the
    areas of their ``team``; municipality staff and administrators for the whole
    municipality (administrators never see case content, D5).
    """

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(text_enum(Role))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("district_teams.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    team: Mapped[DistrictTeam | None] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=user_areas, order_by=Area.code)
