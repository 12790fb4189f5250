"""Request references (D6): ``BAK-2026-K3-042``.

Area code, year, the device's short code and a per-device counter: unique without a
server round trip, and never changed afterwards (also not when the request moves area).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from .models import DeviceState

_PATTERN = re.compile(r"^([A-Z]{2,8})-(\d{4})-([A-Z0-9]{1,8})-(\d{3,})$")


@dataclass(frozen=True)
class Reference:
    area_code: str
    year: int
    device_code: str
    number: int

    def __str__(self) -> str:
        return f"{self.area_code}-{self.year}-{self.device_code}-{self.number:03d}"

    @classmethod
    def parse(cls, text: str) -> Reference:
        match = _PATTERN.match(text.strip().upper())
        if not match:
            raise ValueError(f"not a request reference: {text!r}")
        area, year, device, number = match.groups()
        return cls(area, int(year), device, int(number))


def next_reference(session: Session, area_code: str, year: int) -> str:
    """Take the device's next number, in the caller's transaction, and make a reference.

    The counter is raised with one UPDATE … RETURNING, so two writers on one laptop
    never get the same number.
    """
    number = session.execute(
        update(DeviceState)
        .values(next_reference_number=DeviceState.next_reference_number + 1)
        .returning(DeviceState.next_reference_number - 1, DeviceState.short_code)
    ).one()
    return str(Reference(area_code, year, number[1], number[0]))
