"""The domain's vocabularies for the ORM tables: defined in ``dorpsondersteuner/enums.py``
(no SQLAlchemy there, so the desktop app can use them before the first paint)."""

from __future__ import annotations

from ..enums import (
    AreaKind,
    ContactKind,
    EventKind,
    HelperSkill,
    Level,
    LifeDomain,
    Outcome,
    Role,
    Status,
    Urgency,
    WmoDecision,
)

__all__ = [
    "AreaKind",
    "ContactKind",
    "EventKind",
    "HelperSkill",
    "Level",
    "LifeDomain",
    "Outcome",
    "Role",
    "Status",
    "Urgency",
    "WmoDecision",
]
