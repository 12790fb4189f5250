"""Checks of typed input, shared by every service: one place for each limit."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import ParamSpec, TypeVar

from ..errors import ValidationError, ValidationErrors

P = ParamSpec("P")
T = TypeVar("T")

MAX_TEXT = 2000  # free text stays short and factual (AVG art. 5(1)(c))
MAX_NAME = 80

_POSTCODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})$")
_PHONE = re.compile(r"^\+?[\d\s\-()]{6,20}$")


def text(value: str, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(f"{field} is required", field=field, code="required")
    if len(cleaned) > limit:
        raise ValidationError(
            f"{field} is longer than {limit} characters", field=field, code="too_long"
        )
    return cleaned


def postcode(value: str, field: str = "postcode") -> str:
    cleaned = value.strip()
    if not cleaned:
        return ""
    match = _POSTCODE.match(cleaned)
    if not match:
        raise ValidationError(
            "postcode must be four digits and two letters, like 5761 AB",
            field=field,
            code="postcode",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def phone(value: str, field: str = "phone") -> str:
    cleaned = value.strip()
    if cleaned and not _PHONE.match(cleaned):
        raise ValidationError("phone number has unexpected characters", field=field, code="phone")
    return cleaned


def not_in_future(value: date, today: date, field: str) -> date:
    if value > today:
        raise ValidationError(f"{field} lies in the future", field=field, code="future_date")
    return value


def minutes(value: int, field: str = "minutes") -> int:
    if not 1 <= value <= 24 * 60:
        raise ValidationError(
            "minutes must be between 1 and 1440", field=field, code="minutes_range"
        )
    return value


class Problems:
    """Every problem of one form's input, in the form's order, instead of the first
    one only: a supporter sees all of them after one save."""

    def __init__(self) -> None:
        self.found: list[ValidationError] = []

    def check(self, rule: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """The rule's answer, or None after noting what it refused."""
        try:
            return rule(*args, **kwargs)
        except ValidationError as error:
            self.add(error)
            return None

    def add(self, error: ValidationError) -> None:
        if isinstance(error, ValidationErrors):
            self.found.extend(error.problems)
        else:
            self.found.append(error)

    def raise_any(self) -> None:
        if len(self.found) == 1:
            raise self.found[0]
        if self.found:
            raise ValidationErrors(self.found)
