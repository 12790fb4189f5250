"""List snapshots: what a user last saw of a list, shown at the next start before the
live list is in (``dorpsondersteuner/snapshot.py`` reads them without SQLAlchemy).

Laptop-only and never synced: no outbox op and no change is noted, so saving one does
not make any view refresh. The content is personal data kept only inside the encrypted
register; it goes with the user's access (``clear_list_snapshots``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..models import ListSnapshot


def save_list_snapshot(
    session: Session, username: str, view: str, content: dict[str, Any], language: str
) -> None:
    """Keep (or replace) what ``username`` saw of ``view``, rendered in ``language``."""
    snapshot = session.get(ListSnapshot, (username, view))
    if snapshot is None:
        session.add(ListSnapshot(username=username, view=view, content=content, language=language))
    else:
        snapshot.content = content
        snapshot.language = language
        snapshot.saved_at = now_utc()


def clear_list_snapshots(session: Session, username: str | None = None) -> None:
    """Forget the snapshots of one user (all users when None): whenever access ends."""
    statement = delete(ListSnapshot)
    if username is not None:
        statement = statement.where(ListSnapshot.username == username)
    session.execute(statement)
