"""The fixed vocabularies of the domain (DOMAIN.md), values stored as text or bits.

A module of its own outside ``models``, importing only the standard library: the
desktop app's first paint (``ui/preview.py``) and the UI's words use these enums
without loading SQLAlchemy. ``models.enums`` re-exports them for the ORM tables.
The workflow's ``Step`` and ``Refusal`` are here too: what the UI offers and why a
step is not possible are words of the same vocabulary (services/workflow.py states
the rules that use them).
"""

from __future__ import annotations

from enum import IntFlag, StrEnum


class Role(StrEnum):
    VILLAGE_SUPPORTER = "village_supporter"
    DISTRICT_TEAM = "district_team"
    MUNICIPALITY = "municipality"
    ADMINISTRATOR = "administrator"


class AreaKind(StrEnum):
    VILLAGE = "village"
    DISTRICT = "district"


class Level(StrEnum):
    """Where a request is handled; ordered from the village up."""

    VILLAGE = "village"
    DISTRICT_TEAM = "district_team"
    MUNICIPALITY = "municipality"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)

    def above(self) -> Level | None:
        index = self.rank + 1
        return _LEVEL_ORDER[index] if index < len(_LEVEL_ORDER) else None

    def below(self) -> Level | None:
        return _LEVEL_ORDER[self.rank - 1] if self.rank > 0 else None


_LEVEL_ORDER = (Level.VILLAGE, Level.DISTRICT_TEAM, Level.MUNICIPALITY)


class Status(StrEnum):
    OPEN = "open"
    WAITING = "waiting"  # on the resident or a third party, not on pick-up (D8)
    CLOSED = "closed"


class Urgency(StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    ACUTE = "acute"


class Outcome(StrEnum):
    SOLVED = "solved"
    REFERRED = "referred"  # to an external provision
    WITHDRAWN = "withdrawn"  # by the resident
    NO_HELP_NEEDED = "no_help_needed"


class ContactKind(StrEnum):
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    KITCHEN_TABLE = "kitchen_table"
    MEETING = "meeting"
    MESSAGE = "message"
    OTHER = "other"


class LifeDomain(IntFlag):
    """Life domains of a request, stored as a bit set so one column holds them all and
    a filter is a plain ``life_domains & bit`` test on SQLite and PostgreSQL alike.
    The bit values are part of the stored format: never renumber them."""

    HOUSING = 1
    WELLBEING = 2
    CARE = 4
    WORK_AND_INCOME = 8
    TRANSPORT = 16
    SOCIAL_CONTACT = 32
    INFORMAL_CARE = 64
    FINANCES = 128
    OTHER = 256


class HelperSkill(IntFlag):
    """What a neighbourhood helper can do; stored as a bit set like ``LifeDomain``."""

    SHOPPING = 1
    TRANSPORT = 2
    ODD_JOBS = 4
    GARDENING = 8
    VISITING = 16
    PAPERWORK = 32
    COMPUTER = 64
    MEALS = 128
    PETS = 256
    OTHER = 512


class WmoDecision(StrEnum):
    """The municipality's decision on a Wmo application (aanvraag)."""

    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"


class EventKind(StrEnum):
    """Kinds of entries in a request's append-only history."""

    CREATED = "created"
    EDITED = "edited"
    CONTACT_ADDED = "contact_added"
    CONTACT_EDITED = "contact_edited"
    CONTACT_DELETED = "contact_deleted"
    FOLLOW_UP_ADDED = "follow_up_added"
    FOLLOW_UP_DONE = "follow_up_done"
    FOLLOW_UP_EDITED = "follow_up_edited"
    FOLLOW_UP_DELETED = "follow_up_deleted"
    HELP_ARRANGED = "help_arranged"
    HELP_ENDED = "help_ended"
    STATUS_CHANGED = "status_changed"
    ESCALATED = "escalated"
    PICKED_UP = "picked_up"
    HANDED_BACK = "handed_back"
    CLOSED = "closed"
    REOPENED = "reopened"
    CONSENT_GIVEN = "consent_given"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    REASSIGNED = "reassigned"
    RESIDENT_MERGED = "resident_merged"
    WMO_MELDING = "wmo_melding"
    WMO_PERSONAL_PLAN = "wmo_personal_plan"
    WMO_AANVRAAG = "wmo_aanvraag"
    WMO_DECISION = "wmo_decision"
    DELETED = "deleted"


class Step(StrEnum):
    """The workflow steps (D2, D8): each travels as a ``step`` op."""

    ESCALATE = "escalate"
    ESCALATE_ACUTE = "escalate_acute"  # acute safety: straight to the municipality
    PICK_UP = "pick_up"
    HAND_BACK = "hand_back"
    CLOSE = "close"
    REOPEN = "reopen"
    WAIT = "wait"  # open -> waiting on the resident or a third party
    RESUME = "resume"  # waiting -> open
    GIVE_CONSENT = "give_consent"
    WITHDRAW_CONSENT = "withdraw_consent"
    REASSIGN = "reassign"  # an administrator hands the request to someone else (D5)


class Refusal(StrEnum):
    """Why a step is not possible now; the UI explains each in plain Dutch."""

    NOT_YOURS = "not_yours"  # another level or area handles the request
    CLOSED = "closed"
    NOT_CLOSED = "not_closed"
    TOP_LEVEL = "top_level"
    BOTTOM_LEVEL = "bottom_level"
    NOT_PICKED_UP = "not_picked_up"  # waiting for pick-up at its level
    ALREADY_OWNED = "already_owned"
    NO_CONSENT = "no_consent"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NOT_OPEN = "not_open"
    NOT_WAITING = "not_waiting"
    ANONYMISED = "anonymised"  # past its retention period: personal data removed (D9)
