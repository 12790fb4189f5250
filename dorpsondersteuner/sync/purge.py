"""Purge (D9, D16): the laptop drops what its user may no longer see.

A request goes with everything recorded about it — contacts, follow-ups, arranged help,
history — with their field versions and search rows, and the list snapshots, which
may show it, go too; all in the caller's transaction, the one that stores the page's
cursor. Purge is local: it never makes an op. Unsent work on a purged record is the
sync engine's to report (rule 7), never silently dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import (
    ArrangedHelp,
    Contact,
    FieldVersion,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
from ..models.base import Base
from ..services import search
from ..services.changes import note_change
from ..services.snapshots import clear_list_snapshots
from .protocol import Purge

_ROOTS: dict[str, type[Base]] = {
    "help_requests": HelpRequest,
    "residents": Resident,
    "helpers": Helper,
    "contacts": Contact,
}
_ORDER = ("help_requests", "contacts", "helpers", "residents")
_CHILDREN: tuple[type[Base], ...] = (Contact, FollowUp, ArrangedHelp, HistoryEvent)
_SEARCH_KIND = {
    "help_requests": "request",
    "residents": "resident",
    "contacts": "contact",
    "follow_ups": "follow_up",
}


def purge(session: Session, purges: Sequence[Purge]) -> int:
    """Drop each purged record with what belongs to it; the number of records gone."""
    gone = 0
    # Requests before the residents they name.
    for item in sorted(
        purges, key=lambda item: _ORDER.index(item.entity) if item.entity in _ORDER else 0
    ):
        model = _ROOTS.get(item.entity)
        if model is None or session.get(model, item.record_id) is None:
            continue
        if model is HelpRequest:
            for child in _CHILDREN:
                ids = list(
                    session.scalars(
                        select(child.id).where(child.request_id == item.record_id)  # type: ignore[attr-defined]
                    )
                )
                gone += _drop(session, child, ids)
        gone += _drop(session, model, [item.record_id])
    if gone:
        clear_list_snapshots(session)
    return gone


def _drop(session: Session, model: type[Base], ids: list[uuid.UUID]) -> int:
    if not ids:
        return 0
    entity = model.__tablename__
    kind = _SEARCH_KIND.get(entity)
    for record_id in ids:
        if kind is not None:
            search.unindex(session, kind, record_id)
        note_change(session, entity, record_id)
    session.execute(
        delete(FieldVersion).where(FieldVersion.entity == entity, FieldVersion.record_id.in_(ids))
    )
    session.execute(delete(model).where(model.id.in_(ids)))  # type: ignore[attr-defined]
    return len(ids)
