"""Dates and times as a Dutch list shows them (UI.md): 23-11-2026, 14:05, "3 dagen
geleden". Calendar words ("today") are Europe/Amsterdam (D7)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit

from ..clock import now_utc


def local_zone() -> tzinfo | None:
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:  # no tz data: the laptop's own zone
        return None


ZONE = local_zone()


def today() -> date:
    return now_utc().astimezone(ZONE).date()


def day_text(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def instant_text(instant: datetime) -> str:
    return instant.astimezone(ZONE).strftime("%d-%m-%Y %H:%M")


def ago_text(instant: datetime, now: datetime | None = None) -> str:
    """List style: "vandaag, 14:05", "gisteren, 14:05", "3 dagen geleden", "23-11-2026"."""
    local = instant.astimezone(ZONE)
    current = (now or now_utc()).astimezone(ZONE)
    days = (current.date() - local.date()).days
    clock = local.strftime("%H:%M")
    if days <= 0:
        return QCoreApplication.translate("Dates", "today, %1").replace("%1", clock)
    if days == 1:
        return QCoreApplication.translate("Dates", "yesterday, %1").replace("%1", clock)
    if days < 7:
        return QCoreApplication.translate("Dates", "%n days ago", "", days)
    return day_text(local.date())


def due_text(due: date, on: date | None = None) -> str:
    """A follow-up's date relative to today: "vandaag", "morgen", "over 3 dagen",
    "3 dagen te laat", else the date."""
    days = (due - (on or today())).days
    if days == 0:
        return QCoreApplication.translate("Dates", "today")
    if days == 1:
        return QCoreApplication.translate("Dates", "tomorrow")
    if 1 < days < 7:
        return QCoreApplication.translate("Dates", "in %n days", "", days)
    if days < 0:
        return QCoreApplication.translate("Dates", "%n days late", "", -days)
    return day_text(due)


def local_day(instant: datetime) -> date:
    return instant.astimezone(ZONE).date()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> date:
    """The day a date field shows."""
    day = edit.date()
    return date(day.year(), day.month(), day.day())
