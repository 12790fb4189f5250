"""A request's append-only history (DOMAIN "The life of a help request"): the events
that are records of their own. A workflow step's event travels inside its step op
(services/workflow.py ``take_step``); every other change of a request or its records
appends one with ``add_history_event``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..models import HelpRequest, HistoryEvent
from ..models.enums import EventKind, Level, Status
from .changes import ChangeRecorder


def add_history_event(
    recorder: ChangeRecorder,
    request: HelpRequest,
    kind: EventKind,
    at: datetime,
    *,
    from_level: Level | None = None,
    to_level: Level | None = None,
    from_status: Status | None = None,
    to_status: Status | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> HistoryEvent:
    """Append a history event that is not a step's (a step's travels inside its op):
    a record of its own, created like any other."""
    event = HistoryEvent(
        id=uuid.uuid4(),
        request_id=request.id,
        at=at,
        actor_id=recorder.principal.user_id,
        device_id=recorder.device_id,
        kind=kind,
        from_level=from_level,
        to_level=to_level,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        details=details or {},
    )
    recorder.create(event)
    return event
