"""What the first window loads, off the GUI thread, after it has painted.

Everything heavy (SQLAlchemy, the register, the demo generator) is imported here, on
first use, never before the window is on screen: importing SQLAlchemy first made the
first paint ~2.5 times slower (SETUP-NOTES, "Import costs").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services.access import Principal
    from ..services.overview import OverviewRow


@dataclass(frozen=True)
class FirstRows:
    rows: Sequence[OverviewRow]
    principal: Principal


class UnknownDemoUserError(Exception):
    def __init__(self, username: str, known: Sequence[str]) -> None:
        super().__init__(f"no demo user {username!r}")
        self.username = username
        self.known = known


class SeesNoContentError(Exception):
    """The user sees no case content at all (administrators, D5)."""


DEMO_REQUESTS = 5000  # in the demo register made on first start


def create_demo(path: Path) -> None:
    """Make the demo register on first start."""
    from ..demo.generator import create_demo_register

    create_demo_register(path, requests=DEMO_REQUESTS)


def load_first_rows(path: Path, username: str, limit: int) -> FirstRows:
    """The demo user's principal and the newest requests in their areas."""
    from ..demo.directory import USERS, demo_id
    from ..errors import NotFoundError
    from ..register import DEMO_REGISTER_KEY, open_register
    from ..services.access import load_principal, request_scope
    from ..services.overview import recent_requests

    register = open_register(path, DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            try:
                principal = load_principal(session, demo_id("user", username))
            except NotFoundError:
                raise UnknownDemoUserError(username, [user.username for user in USERS]) from None
            if request_scope(principal) is None:
                raise SeesNoContentError(username)
            rows = recent_requests(session, principal, limit=limit)
    finally:
        register.close()
    return FirstRows(rows=rows, principal=principal)


def count_visible(path: Path, principal: Principal) -> int:
    from ..register import DEMO_REGISTER_KEY, open_register
    from ..services.overview import count_requests

    register = open_register(path, DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            return count_requests(session, principal)
    finally:
        register.close()
