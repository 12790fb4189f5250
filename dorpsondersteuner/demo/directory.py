"""The fictional demo municipality, modelled on Gemert-Bakel: areas, district teams
and users. The demo register and the server's `admin load-demo` both install it, with
the same ids, so demo data and a demo server fit together.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..models import Area, DistrictTeam, User
from ..models.enums import AreaKind, Role

_NAMESPACE = uuid.UUID("5b0f3c52-6a63-4d0e-9a3e-1f7d2b9c8a01")

# The demo user the program starts as when none is chosen (a village supporter).
DEFAULT_DEMO_USER = "ingrid"


def demo_id(kind: str, key: str) -> uuid.UUID:
    """A stable id for a demo directory entry, the same on every machine."""
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")


@dataclass(frozen=True)
class DemoArea:
    code: str
    name: str
    kind: AreaKind
    inhabitants: int

    @property
    def id(self) -> uuid.UUID:
        return demo_id("area", self.code)


@dataclass(frozen=True)
class DemoTeam:
    name: str
    area_codes: tuple[str, ...]

    @property
    def id(self) -> uuid.UUID:
        return demo_id("team", self.name)


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    area_codes: tuple[str, ...] = ()  # a village supporter's areas
    team_name: str | None = None  # a district-team member's team

    @property
    def id(self) -> uuid.UUID:
        return demo_id("user", self.username)


AREAS: tuple[DemoArea, ...] = (
    DemoArea("GEN", "Gemert-Noord", AreaKind.DISTRICT, 5800),
    DemoArea("GEC", "Gemert-Centrum", AreaKind.DISTRICT, 5600),
    DemoArea("GEZ", "Gemert-Zuid", AreaKind.DISTRICT, 5600),
    DemoArea("BAK", "Bakel", AreaKind.VILLAGE, 6000),
    DemoArea("MIL", "Milheeze", AreaKind.VILLAGE, 2300),
    DemoArea("HAN", "Handel", AreaKind.VILLAGE, 1850),
    DemoArea("MOR", "De Mortel", AreaKind.VILLAGE, 1700),
    DemoArea("RIP", "De Rips", AreaKind.VILLAGE, 1150),
    DemoArea("ELS", "Elsendorp", AreaKind.VILLAGE, 1100),
)

TEAMS: tuple[DemoTeam, ...] = (
    DemoTeam("Wijkteam Gemert", ("GEN", "GEC", "GEZ", "HAN", "MOR", "ELS")),
    DemoTeam("Wijkteam Bakel", ("BAK", "MIL", "RIP")),
)

_S = Role.VILLAGE_SUPPORTER
_T = Role.DISTRICT_TEAM
_M = Role.MUNICIPALITY

USERS: tuple[DemoUser, ...] = (
    DemoUser("anja", "Anja Vermeulen", _S, ("GEN",)),
    DemoUser("wim", "Wim van den Heuvel", _S, ("GEN",)),
    DemoUser("marieke", "Marieke Verhoeven", _S, ("GEC",)),
    DemoUser("ton", "Ton Swinkels", _S, ("GEC",)),
    DemoUser("ria", "Ria van Bakel", _S, ("GEZ",)),
    DemoUser("gerrit", "Gerrit Manders", _S, ("GEZ",)),
    DemoUser("ingrid", "Ingrid Kuijpers", _S, ("BAK",)),
    DemoUser("jos", "Jos van der Zanden", _S, ("BAK",)),
    DemoUser("hanneke", "Hanneke Raijmakers", _S, ("MIL",)),
    DemoUser("els", "Els Jacobs", _S, ("MIL", "RIP")),
    DemoUser("piet", "Piet Verbakel", _S, ("HAN",)),
    DemoUser("lies", "Lies Hendriks", _S, ("MOR",)),
    DemoUser("frans", "Frans Donkers", _S, ("RIP",)),
    DemoUser("truus", "Truus Bouwmans", _S, ("ELS",)),
    DemoUser("sanne", "Sanne de Wit", _T, team_name="Wijkteam Gemert"),
    DemoUser("mohamed", "Mohamed el Amrani", _T, team_name="Wijkteam Gemert"),
    DemoUser("linda", "Linda Coolen", _T, team_name="Wijkteam Gemert"),
    DemoUser("bart", "Bart Rovers", _T, team_name="Wijkteam Gemert"),
    DemoUser("joyce", "Joyce van Dijk", _T, team_name="Wijkteam Bakel"),
    DemoUser("ruud", "Ruud Martens", _T, team_name="Wijkteam Bakel"),
    DemoUser("fatima", "Fatima Yilmaz", _T, team_name="Wijkteam Bakel"),
    DemoUser("evelien", "Evelien Smits", _M),
    DemoUser("dennis", "Dennis Kanters", _M),
    DemoUser("monique", "Monique Bekkers", _M),
    DemoUser("beheer", "Rob Aarts (beheer)", Role.ADMINISTRATOR),
)


@dataclass(frozen=True)
class DemoUserChoice:
    """A demo user as the "who are you" choice shows them (D1)."""

    username: str
    display_name: str
    role: Role
    areas: str  # area or team names, to recognise the user


def demo_user_choices() -> list[DemoUserChoice]:
    """The demo users by role, village supporters first, then by name."""
    names = {area.code: area.name for area in AREAS}
    order = list(Role)
    return [
        DemoUserChoice(
            user.username,
            user.display_name,
            user.role,
            user.team_name or ", ".join(names[code] for code in user.area_codes),
        )
        for user in sorted(USERS, key=lambda u: (order.index(u.role), u.display_name))
    ]


def install_directory(session: Session) -> None:
    """Add the demo areas, teams and users to an empty directory (register or server)."""
    areas = {
        area.code: Area(id=area.id, code=area.code, name=area.name, kind=area.kind)
        for area in AREAS
    }
    teams = {
        team.name: DistrictTeam(
            id=team.id, name=team.name, areas=[areas[code] for code in team.area_codes]
        )
        for team in TEAMS
    }
    users = [
        User(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            team=teams[user.team_name] if user.team_name else None,
            areas=[areas[code] for code in user.area_codes],
        )
        for user in USERS
    ]
    session.add_all([*areas.values(), *teams.values(), *users])
