"""The plain frozen dataclasses the services return: never ORM objects (ARCHITECTURE)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from ..enums import (
    ContactKind,
    EventKind,
    HelperSkill,
    Level,
    LifeDomain,
    Outcome,
    Refusal,
    Role,
    Status,
    Urgency,
    WmoDecision,
)


@dataclass(frozen=True)
class ResidentView:
    id: uuid.UUID
    first_name: str
    name_prefix: str
    last_name: str
    street: str
    house_number: str
    postcode: str
    place: str
    phone: str
    area_id: uuid.UUID
    area_name: str

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    @property
    def address(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        town = " ".join(p for p in (self.postcode, self.place) if p)
        return ", ".join(p for p in (street, town) if p)


@dataclass(frozen=True)
class ResidentMatch:
    """A lookup result before intake: enough to recognise the person, nothing more."""

    id: uuid.UUID
    full_name: str
    address: str
    area_name: str
    score: float


@dataclass(frozen=True)
class RequestRow:
    """One line of the request list."""

    id: uuid.UUID
    reference: str
    resident_name: str
    area_code: str
    area_name: str
    question: str
    life_domains: LifeDomain
    urgency: Urgency
    level: Level
    status: Status
    owner_name: str | None
    created_at: datetime
    updated_at: datetime
    next_due: date | None
    overdue_follow_ups: int


@dataclass(frozen=True)
class ContactView:
    id: uuid.UUID
    request_id: uuid.UUID
    kind: ContactKind
    contact_date: date
    minutes: int
    summary: str
    professionals_only: bool
    author_name: str


@dataclass(frozen=True)
class FollowUpView:
    id: uuid.UUID
    request_id: uuid.UUID
    description: str
    due_on: date
    done_on: date | None
    assignee_name: str | None


@dataclass(frozen=True)
class HelperView:
    id: uuid.UUID
    name: str
    phone: str
    email: str
    area_id: uuid.UUID
    area_name: str
    skills: HelperSkill
    skills_note: str
    availability: str
    consent_registered_on: date
    active: bool


@dataclass(frozen=True)
class ArrangedHelpView:
    id: uuid.UUID
    request_id: uuid.UUID
    helper_id: uuid.UUID | None
    helper_name: str | None
    description: str
    arranged_on: date
    ended_on: date | None


@dataclass(frozen=True)
class HistoryView:
    id: uuid.UUID
    at: datetime
    actor_name: str | None
    kind: EventKind
    from_level: Level | None
    to_level: Level | None
    from_status: Status | None
    to_status: Status | None
    reason: str


@dataclass(frozen=True)
class Deadline:
    """One statutory deadline as the user sees it."""

    kind: str  # "investigation" | "decision"
    due_on: date
    days_left: int  # negative when overdue
    met: bool  # the step it waits for has happened
    at_risk: bool
    overdue: bool


@dataclass(frozen=True)
class WmoStatus:
    melding_on: date | None
    personal_plan_on: date | None
    personal_plan_until: date | None
    aanvraag_on: date | None
    decision_on: date | None
    decision: WmoDecision | None
    deadlines: tuple[Deadline, ...]


@dataclass(frozen=True)
class RequestDetail:
    id: uuid.UUID
    reference: str
    resident: ResidentView
    area_id: uuid.UUID
    area_name: str
    question: str
    life_domains: LifeDomain
    urgency: Urgency
    level: Level
    status: Status
    highest_level: Level
    owner_id: uuid.UUID | None
    owner_name: str | None
    contact_person_name: str | None
    consent_record_on: date
    consent_district_team_on: date | None
    consent_municipality_on: date | None
    consent_withdrawn_on: date | None
    outcome: Outcome | None
    outcome_note: str
    closed_level: Level | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    contacts: tuple[ContactView, ...]
    follow_ups: tuple[FollowUpView, ...]
    arranged_help: tuple[ArrangedHelpView, ...]
    history: tuple[HistoryView, ...]
    wmo: WmoStatus | None = None  # the formal Wmo track, once a melding is registered


@dataclass(frozen=True)
class ReferenceView:
    """What an administrator sees of a request: its reference and owner, no content."""

    id: uuid.UUID
    reference: str
    area_code: str
    level: Level
    status: Status
    owner_id: uuid.UUID | None
    owner_name: str | None
    area_name: str
    reassign_refusal: Refusal | None  # why it cannot be handed to someone else now


@dataclass(frozen=True)
class UserView:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
