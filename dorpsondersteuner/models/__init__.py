"""SQLAlchemy 2.0 ORM tables. Importing this package registers every table."""

from .base import Base, LocalBase, RecordMixin, UTCDateTime, new_id, utcnow
from .cases import ArrangedHelp, Contact, FollowUp, Helper, HelpRequest, HistoryEvent, Resident
from .directory import Area, DistrictTeam, User, team_areas, user_areas
from .local import (
    AccessLogEntry,
    DeviceState,
    Draft,
    FieldVersion,
    ListSnapshot,
    OpKind,
    OutboxOp,
    RegisterKind,
    SearchRow,
)

REGISTER_METADATA = (Base.metadata, LocalBase.metadata)

__all__ = [
    "REGISTER_METADATA",
    "AccessLogEntry",
    "Area",
    "ArrangedHelp",
    "Base",
    "Contact",
    "DeviceState",
    "DistrictTeam",
    "Draft",
    "FieldVersion",
    "FollowUp",
    "HelpRequest",
    "Helper",
    "HistoryEvent",
    "ListSnapshot",
    "LocalBase",
    "OpKind",
    "OutboxOp",
    "RecordMixin",
    "RegisterKind",
    "Resident",
    "SearchRow",
    "UTCDateTime",
    "User",
    "new_id",
    "team_areas",
    "user_areas",
    "utcnow",
]
