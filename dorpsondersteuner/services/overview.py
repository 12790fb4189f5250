"""The overview of recent help requests: what the first window lists.

The most recently changed requests first. Each area's newest rows come from the
``(area_id, updated_at)`` index and are merged, so the cost does not grow with the
register: one ``ORDER BY updated_at`` over every area made SQLite sort the whole
table (SETUP-NOTES, "Lists").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, union_all
from sqlalchemy.orm import Session

from ..models import Area, HelpRequest, Resident
from ..models.enums import Level, Status
from .access import Principal, request_scope, visible_requests

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class OverviewRow:
    """One line of the first window's request list."""

    id: uuid.UUID
    reference: str
    resident_name: str
    area_name: str
    level: Level
    status: Status
    updated_at: datetime  # timezone-aware, UTC


def resident_name(first_name: str, name_prefix: str, last_name: str) -> str:
    """A resident's name as written in Dutch: "Jan van den Heuvel"."""
    return " ".join(part for part in (first_name, name_prefix, last_name) if part)


def _scope(
    session: Session, viewer: Principal | None
) -> tuple[list[uuid.UUID], ColumnElement[bool]] | None:
    """The areas to look in and the visibility clause; None when nothing is visible."""
    if viewer is None:  # the whole register: benchmarks and tools, never a user's list
        areas = list(session.scalars(select(Area.id).order_by(Area.code)))
        return areas, HelpRequest.deleted_at.is_(None)
    scope = request_scope(viewer)
    if scope is None:
        return None
    if scope.area_ids is None:
        areas = list(session.scalars(select(Area.id).order_by(Area.code)))
    else:
        areas = sorted(scope.area_ids)
    return areas, visible_requests(viewer)


def recent_requests(
    session: Session, viewer: Principal | None = None, *, limit: int = DEFAULT_LIMIT
) -> list[OverviewRow]:
    """The ``limit`` most recently changed requests ``viewer`` may see, newest first.

    ``viewer`` None lists the whole register (not for a signed-in user).
    """
    scope = _scope(session, viewer)
    if scope is None or limit <= 0:
        return []
    areas, visible = scope
    if not areas:
        return []

    # One index range per area; SQLite wants each limited branch in its own subquery.
    branches = []
    for area_id in areas:
        branch = (
            select(HelpRequest.id, HelpRequest.updated_at)
            .where(HelpRequest.area_id == area_id, visible)
            .order_by(HelpRequest.updated_at.desc())
            .limit(limit)
            .subquery()
        )
        branches.append(select(branch.c.id, branch.c.updated_at))
    merged = (union_all(*branches) if len(branches) > 1 else branches[0]).subquery()
    # The ids first, then their rows: in one statement SQLite pushed the joins into
    # every branch and did them for all areas' rows, not just the ones kept.
    newest = list(
        session.scalars(
            select(merged.c.id).order_by(merged.c.updated_at.desc(), merged.c.id).limit(limit)
        )
    )
    if not newest:
        return []

    query = (
        select(
            HelpRequest.id,
            HelpRequest.reference,
            Resident.first_name,
            Resident.name_prefix,
            Resident.last_name,
            Area.name,
            HelpRequest.level,
            HelpRequest.status,
            HelpRequest.updated_at,
        )
        .join(Resident, Resident.id == HelpRequest.resident_id)
        .join(Area, Area.id == HelpRequest.area_id)
        .where(HelpRequest.id.in_(newest))
        .order_by(HelpRequest.updated_at.desc(), HelpRequest.id)
    )
    return [
        OverviewRow(
            id=row.id,
            reference=row.reference,
            resident_name=resident_name(row.first_name, row.name_prefix, row.last_name),
            area_name=row.name,
            level=row.level,
            status=row.status,
            updated_at=row.updated_at,
        )
        for row in session.execute(query)
    ]


def count_requests(session: Session, viewer: Principal | None = None) -> int:
    """How many requests ``viewer`` may see (None: every request not deleted)."""
    if viewer is None:
        visible: ColumnElement[bool] = HelpRequest.deleted_at.is_(None)
    elif request_scope(viewer) is None:
        return 0
    else:
        visible = visible_requests(viewer)
    query = select(func.count()).select_from(HelpRequest).where(visible)
    return session.scalar(query) or 0
