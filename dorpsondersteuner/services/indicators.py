"""The half-year indicators (DOMAIN.md "Monitoring"): counts, shares and medians per
period, area and life domain. Anonymous by construction: only numbers leave here.

Who sees which areas: the municipality and administrators the whole municipality,
a district-team member the team's areas, a supporter their own areas; the hours of one
person only to that person (hours per person is staff monitoring, which needs the
works council).
"""

from __future__ import annotations

import itertools
import statistics
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from ..clock import AMSTERDAM
from ..models import ArrangedHelp, Contact, Helper, HelpRequest, HistoryEvent, User, user_areas
from ..models.enums import EventKind, Level, LifeDomain, Outcome, Role, Status
from .access import Principal
from .wmo import INVESTIGATION

SUPPORTER_HOURS_PER_WEEK = 8  # the contracted budget per village supporter


@dataclass(frozen=True)
class Period:
    """Calendar dates in Europe/Amsterdam, both included (D7)."""

    start: date
    end: date

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        if half == 1:
            return cls(date(year, 1, 1), date(year, 6, 30))
        return cls(date(year, 7, 1), date(year, 12, 31))

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    def instants(self) -> tuple[datetime, datetime]:
        """From the start of the first day to the start of the day after the last."""
        begin = datetime.combine(self.start, time(), AMSTERDAM)
        after = datetime.combine(self.end + timedelta(days=1), time(), AMSTERDAM)
        return begin, after


@dataclass(frozen=True)
class Indicators:
    period: Period
    new_requests: int
    closed: int
    closed_by_level: dict[Level, int]
    closed_without_municipality_share: float | None  # goal: at least 0.8
    escalations_to: dict[Level, int]
    hand_backs_from: dict[Level, int]
    median_lead_days_by_level: dict[Level, float]
    supporter_hours: float
    supporter_budget_hours: float
    own_hours: float | None  # the principal's own contact hours (supporters only)
    requests_with_own_circle_help: int
    active_helpers: int
    open_older_than_weeks: int
    older_than_weeks: int
    outcomes: dict[Outcome, int]
    repeat_requests: int
    escalations_without_consent: int
    wmo_meldingen: int
    wmo_investigated_in_time: int


def compute_indicators(
    session: Session,
    principal: Principal,
    period: Period,
    *,
    area_id: uuid.UUID | None = None,
    life_domain: LifeDomain | None = None,
    older_than_weeks: int = 12,
) -> Indicators:
    areas = principal.area_ids  # the whole municipality for its staff and administrators
    if area_id is not None:
        areas = areas & {area_id}
    begin, after = period.instants()

    def scoped(*extra: ColumnElement[bool]) -> list[ColumnElement[bool]]:
        clauses = [HelpRequest.deleted_at.is_(None), HelpRequest.area_id.in_(areas), *extra]
        if life_domain:
            clauses.append(HelpRequest.life_domains.op("&")(int(life_domain)) != 0)
        return clauses

    new_requests = (
        session.scalar(
            select(func.count()).where(
                *scoped(HelpRequest.created_at >= begin, HelpRequest.created_at < after)
            )
        )
        or 0
    )

    closed_rows = session.execute(
        select(HelpRequest.closed_level, HelpRequest.highest_level, HelpRequest.outcome,
               HelpRequest.created_at, HelpRequest.closed_at)
        .where(*scoped(HelpRequest.status == Status.CLOSED,
                       HelpRequest.closed_at >= begin, HelpRequest.closed_at < after))
    ).all()  # fmt: skip
    closed_by_level = Counter(row.closed_level for row in closed_rows)
    never_municipality = sum(
        1 for row in closed_rows if row.highest_level is not Level.MUNICIPALITY
    )
    lead_days: dict[Level, list[float]] = {}
    for row in closed_rows:
        days = (row.closed_at - row.created_at).total_seconds() / 86400
        lead_days.setdefault(row.closed_level, []).append(days)

    def events(kind: EventKind, *extra: ColumnElement[bool]) -> list[HistoryEvent]:
        return list(
            session.scalars(
                select(HistoryEvent)
                .join(HelpRequest, HelpRequest.id == HistoryEvent.request_id)
                .where(
                    *scoped(HistoryEvent.kind == kind, HistoryEvent.at >= begin,
                            HistoryEvent.at < after, *extra)
                )
            )
        )  # fmt: skip

    escalations = events(EventKind.ESCALATED)
    hand_backs = events(EventKind.HANDED_BACK)

    author = aliased(User)
    minutes_by_author = session.execute(
        select(Contact.author_id, func.sum(Contact.minutes))
        .join(HelpRequest, HelpRequest.id == Contact.request_id)
        .join(author, author.id == Contact.author_id)
        .where(
            *scoped(Contact.deleted_at.is_(None), author.role == Role.VILLAGE_SUPPORTER,
                    Contact.contact_date >= period.start, Contact.contact_date <= period.end)
        )
        .group_by(Contact.author_id)
    ).all()  # fmt: skip
    supporter_minutes = sum(minutes for _author, minutes in minutes_by_author)
    own_minutes = (
        sum(m for author_id, m in minutes_by_author if author_id == principal.user_id)
        if principal.role is Role.VILLAGE_SUPPORTER
        else None
    )
    supporters = session.scalar(
        select(func.count(func.distinct(user_areas.c.user_id)))
        .join(User, User.id == user_areas.c.user_id)
        .where(user_areas.c.area_id.in_(areas), User.role == Role.VILLAGE_SUPPORTER,
               User.active.is_(True))
    ) or 0  # fmt: skip

    with_help = session.scalar(
        select(func.count(func.distinct(ArrangedHelp.request_id)))
        .join(HelpRequest, HelpRequest.id == ArrangedHelp.request_id)
        .where(*scoped(ArrangedHelp.deleted_at.is_(None),
                       ArrangedHelp.arranged_on >= period.start,
                       ArrangedHelp.arranged_on <= period.end))
    ) or 0  # fmt: skip
    active_helpers = (
        session.scalar(
            select(func.count()).where(
                Helper.deleted_at.is_(None), Helper.active.is_(True), Helper.area_id.in_(areas)
            )
        )
        or 0
    )

    cut_off = datetime.combine(
        period.end + timedelta(days=1) - timedelta(weeks=older_than_weeks), time(), AMSTERDAM
    )
    open_old = (
        session.scalar(
            select(func.count()).where(
                *scoped(HelpRequest.status != Status.CLOSED, HelpRequest.created_at < cut_off)
            )
        )
        or 0
    )

    # Repeat requests: a new request whose resident had another one in the 12 months
    # before it (counted here rather than in SQL: date arithmetic is not portable).
    recent = session.execute(
        select(HelpRequest.resident_id, HelpRequest.created_at)
        .where(*scoped(HelpRequest.created_at >= begin - timedelta(days=365),
                       HelpRequest.created_at < after))
        .order_by(HelpRequest.resident_id, HelpRequest.created_at)
    ).all()  # fmt: skip
    repeat = 0
    for previous, current in itertools.pairwise(recent):
        if (
            previous.resident_id == current.resident_id
            and current.created_at >= begin
            and current.created_at - previous.created_at <= timedelta(days=365)
        ):
            repeat += 1

    meldingen = session.execute(
        select(HelpRequest.wmo_melding_on, HelpRequest.wmo_aanvraag_on, HelpRequest.wmo_decision_on)
        .where(*scoped(HelpRequest.wmo_melding_on >= period.start,
                       HelpRequest.wmo_melding_on <= period.end))
    ).all()  # fmt: skip
    in_time = 0
    for melding, aanvraag, decided in meldingen:
        done: date | None = aanvraag or decided  # the investigation ends with either
        if melding is not None and done is not None and done <= melding + INVESTIGATION:
            in_time += 1

    return Indicators(
        period=period,
        new_requests=new_requests,
        closed=len(closed_rows),
        closed_by_level={level: closed_by_level.get(level, 0) for level in Level},
        closed_without_municipality_share=(
            never_municipality / len(closed_rows) if closed_rows else None
        ),
        escalations_to={
            level: sum(1 for e in escalations if e.to_level is level) for level in Level
        },
        hand_backs_from={
            level: sum(1 for e in hand_backs if e.from_level is level) for level in Level
        },
        median_lead_days_by_level={
            level: statistics.median(days) for level, days in lead_days.items()
        },
        supporter_hours=supporter_minutes / 60,
        supporter_budget_hours=supporters * SUPPORTER_HOURS_PER_WEEK * period.weeks,
        own_hours=None if own_minutes is None else own_minutes / 60,
        requests_with_own_circle_help=with_help,
        active_helpers=active_helpers,
        open_older_than_weeks=open_old,
        older_than_weeks=older_than_weeks,
        outcomes={
            outcome: sum(1 for r in closed_rows if r.outcome is outcome) for outcome in Outcome
        },
        repeat_requests=repeat,
        escalations_without_consent=sum(1 for e in escalations if e.details.get("without_consent")),
        wmo_meldingen=len(meldingen),
        wmo_investigated_in_time=in_time,
    )
