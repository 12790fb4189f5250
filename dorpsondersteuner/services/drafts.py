"""Drafts: the content of open forms, kept in the (encrypted) register so nothing a
user typed is lost to a crash or power loss. Laptop-only; never synced."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..models import Draft


def save_draft(
    session: Session, user_id: uuid.UUID, form: str, key: str, content: dict[str, Any]
) -> None:
    """Keep (or replace) the draft of one form for one user."""
    draft = session.get(Draft, (form, key, user_id))
    if draft is None:
        session.add(Draft(form=form, key=key, user_id=user_id, content=content))
    else:
        draft.content = content
        draft.saved_at = now_utc()


def load_draft(
    session: Session, user_id: uuid.UUID, form: str, key: str
) -> tuple[dict[str, Any], datetime] | None:
    draft = session.get(Draft, (form, key, user_id))
    return None if draft is None else (dict(draft.content), draft.saved_at)


def discard_draft(session: Session, user_id: uuid.UUID, form: str, key: str) -> None:
    session.execute(
        delete(Draft).where(Draft.form == form, Draft.key == key, Draft.user_id == user_id)
    )


def list_drafts(session: Session, user_id: uuid.UUID) -> list[tuple[str, str, datetime]]:
    """The user's drafts (form, key, when saved), newest first: what to restore."""
    rows = session.execute(
        select(Draft.form, Draft.key, Draft.saved_at)
        .where(Draft.user_id == user_id)
        .order_by(Draft.saved_at.desc())
    )
    return [(form, key, saved_at) for form, key, saved_at in rows]
