"""SQLAlchemy 2.0 ORM tables. Importing this package registers every table."""

from .base import Base, LocalBase, RecordMixin, UTCDateTime, new_id, utcnow
from .cases import ArrangedHelp, Contact, FollowUp, Helper, HelpRequest, HistoryEvent, Resident
from .directory import Area, DistrictTeam, User, team_areas, user_areas
from .local import DeviceState, RegisterKind

REGISTER_METADATA = (Base.metadata, LocalBase.metadata)

__all__ = [
    "REGISTER_METADATA",
    "Area",
    "ArrangedHelp",
    "Base",
    "Contact",
    "DeviceState",
    "DistrictTeam",
    "FollowUp",
    "HelpRequest",
    "Helper",
    "HistoryEvent",
    "LocalBase",
    "RecordMixin",
    "RegisterKind",
    "Resident",
    "UTCDateTime",
    "User",
    "new_id",
    "team_areas",
    "user_areas",
    "utcnow",
]
