"""Residents, help requests and everything recorded about them (DOMAIN.md)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, RecordMixin, UTCDateTime, new_id, utcnow
from .enums import (
    ContactKind,
    EventKind,
    HelperSkill,
    Level,
    LifeDomain,
    Outcome,
    Status,
    Urgency,
    WmoDecision,
)
from .types import FlagSet, text_enum


class Resident(RecordMixin, Base):
    """The person with the question. No BSN: a supporter has no legal ground for it.

    Two laptops may register the same person offline; merging points the duplicate
    at the record that stays (``merged_into_id``) and moves its requests over.
    """

    __tablename__ = "residents"

    first_name: Mapped[str] = mapped_column(String(80))
    name_prefix: Mapped[str] = mapped_column(String(20), default="")  # "van der"
    last_name: Mapped[str] = mapped_column(String(80))
    street: Mapped[str] = mapped_column(String(120), default="")
    house_number: Mapped[str] = mapped_column(String(12), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    place: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("areas.id"), index=True)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("residents.id"))
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


_LIST_COLUMNS = (
    "deleted_at",
    "level",
    "status",
    "owner_id",
    "contact_person_id",
    "urgency",
    "life_domains",
    "created_at",
    "reference",
)


class HelpRequest(RecordMixin, Base):
    """One question of one resident, followed from intake to close.

    Consent has a date per scope: to record (required at intake) and to share with the
    district team and with the municipality; a withdrawal blocks further sharing (D8).
    ``highest_level`` is the highest level ever reached (D5), ``closed_level`` the level
    at close, so the indicators are plain column tests.
    """

    __tablename__ = "help_requests"
    __table_args__ = (
        # Lists and search read only these indexes, never the (large) rows: each holds
        # every column a list filters or sorts on (_LIST_COLUMNS), so finding 20,000
        # requests of a village costs index pages, not 20,000 decrypted table pages.
        # By area in the default order (supporters and district teams) ...
        Index(
            "ix_help_requests_area_updated",
            "area_id",
            "updated_at",
            "id",
            "highest_level",
            *_LIST_COLUMNS,
        ),
        # ... by highest level reached (the municipality) ...
        Index(
            "ix_help_requests_highest_updated",
            "highest_level",
            "updated_at",
            "id",
            "area_id",
            *_LIST_COLUMNS,
        ),
        # ... and by id, for the matches of a search.
        Index(
            "ix_help_requests_id_list",
            "id",
            "area_id",
            "highest_level",
            "updated_at",
            *_LIST_COLUMNS,
        ),
        Index("ix_help_requests_area_level_status", "area_id", "level", "status"),
        # A resident's requests with what places them: whether a resident is visible
        # with one of their requests (services.access.visible_residents) is answered
        # from this index alone, without reading the requests.
        Index("ix_help_requests_resident", "resident_id", "deleted_at", "area_id", "highest_level"),
    )

    reference: Mapped[str] = mapped_column(String(32), unique=True)
    resident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("residents.id"))
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("areas.id"))
    question: Mapped[str] = mapped_column(Text)
    life_domains: Mapped[LifeDomain] = mapped_column(FlagSet(LifeDomain), default=LifeDomain(0))
    urgency: Mapped[Urgency] = mapped_column(text_enum(Urgency), default=Urgency.NORMAL)
    level: Mapped[Level] = mapped_column(text_enum(Level), default=Level.VILLAGE)
    status: Mapped[Status] = mapped_column(text_enum(Status), default=Status.OPEN)
    highest_level: Mapped[Level] = mapped_column(text_enum(Level), default=Level.VILLAGE)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    contact_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    consent_record_on: Mapped[date] = mapped_column(Date)
    consent_district_team_on: Mapped[date | None] = mapped_column(Date)
    consent_municipality_on: Mapped[date | None] = mapped_column(Date)
    consent_withdrawn_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_level: Mapped[Level | None] = mapped_column(text_enum(Level))
    outcome: Mapped[Outcome | None] = mapped_column(text_enum(Outcome))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The formal Wmo 2015 track at the municipality (DOMAIN step 5): the melding starts
    # six weeks of investigation; an aanvraag is decided within two weeks.
    wmo_melding_on: Mapped[date | None] = mapped_column(Date)
    wmo_personal_plan_on: Mapped[date | None] = mapped_column(Date)
    wmo_aanvraag_on: Mapped[date | None] = mapped_column(Date)
    wmo_decision_on: Mapped[date | None] = mapped_column(Date)
    wmo_decision: Mapped[WmoDecision | None] = mapped_column(text_enum(WmoDecision))


class Contact(RecordMixin, Base):
    """A contact moment: home visit, phone call, kitchen-table talk, meeting.

    ``professionals_only`` hides the contact from village supporters (D5).
    """

    __tablename__ = "contacts"

    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("help_requests.id"), index=True)
    kind: Mapped[ContactKind] = mapped_column(text_enum(ContactKind))
    contact_date: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    professionals_only: Mapped[bool] = mapped_column(Boolean, default=False)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class FollowUp(RecordMixin, Base):
    """Something to do by a date (afspraak / actiepunt)."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        # "Follow-ups due" looks only at open ones; per request, the request_id index.
        Index(
            "ix_follow_ups_due_open",
            "due_on",
            sqlite_where=text("done_on IS NULL AND deleted_at IS NULL"),
            postgresql_where=text("done_on IS NULL AND deleted_at IS NULL"),
        ),
    )

    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("help_requests.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class Helper(RecordMixin, Base):
    """A neighbourhood helper: a neighbour, volunteer or association who can help.

    Registered only with their consent (``consent_registered_on``).
    """

    __tablename__ = "helpers"

    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("areas.id"), index=True)
    skills: Mapped[HelperSkill] = mapped_column(FlagSet(HelperSkill), default=HelperSkill(0))
    skills_note: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(String(200), default="")
    consent_registered_on: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ArrangedHelp(RecordMixin, Base):
    """Help arranged from the resident's own circle: a registered helper, or someone
    from the resident's own network described in words (``helper_id`` empty)."""

    __tablename__ = "arranged_help"

    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("help_requests.id"), index=True)
    helper_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("helpers.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    arranged_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class HistoryEvent(Base):
    """One entry of a request's append-only history: who, when, from which level and
    status to which, and why. Users never edit it; only anonymisation and erasure
    rewrite it (D9)."""

    __tablename__ = "history_events"
    __table_args__ = (Index("ix_history_events_request_at", "request_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("help_requests.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[EventKind] = mapped_column(text_enum(EventKind))
    from_level: Mapped[Level | None] = mapped_column(text_enum(Level))
    to_level: Mapped[Level | None] = mapped_column(text_enum(Level))
    from_status: Mapped[Status | None] = mapped_column(text_enum(Status))
    to_status: Mapped[Status | None] = mapped_column(text_enum(Status))
    reason: Mapped[str] = mapped_column(Text, default="")
    # Ids and field names only (which fields changed, which record merged), never content.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
