"""The demo register generator (D1): a new register file with a fictional municipality.

The register holds ``requests`` help requests spread over the years before ``today``
(about 5,000 a year, the rate of Gemert-Bakel; DOMAIN.md "Real figures"), with their
residents, contacts, follow-ups, own-circle help, Wmo tracks and history, and the search
index over them. The data obeys the rules services/workflow.py enforces: levels and
owners, consent before sharing, the closing fields, and a history that replays to the
current level and status, written the way the services write it.

Each request is simulated from its intake as a plan of steps (work in the own circle,
escalate, pick up, hand back, close…). The simulation stops at the start of ``today``
(Europe/Amsterdam), so old requests are finished and recent ones are wherever their
plan had got to. A few recent requests get short plans that end in each level × status
combination, so every state can be shown whatever the seed; and a few are planted so that
every demo user who sees content has a follow-up due today, one overdue and something
waiting: their own request waiting on the resident (a village supporter) or one in their
review queue (district team, municipality). ``DeviceState.demo_dated_for`` keeps
``today``, so that opening the register on a later day moves it along (calendar.py).

Speed: rows are made as tuples in exactly the form SQLAlchemy stores them on SQLite
(UUIDs as 32 hex digits, instants as ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC, dates in
ISO form, booleans as 0/1, JSON as ``json.dumps`` writes it) and inserted with the
driver's ``executemany``: no ORM unit of work and no outbox (a demo register never
syncs, D2). Random draws use ``Random.random`` directly, several times cheaper than
``randint`` and ``choices``.
Deterministic for a seed and a ``today``.
"""

from __future__ import annotations

import bisect
import functools
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Generic, TypeVar, cast

from sqlalchemy import Connection, Index, Table
from sqlalchemy.orm import Session

from ..clock import AMSTERDAM
from ..clock import today as local_today
from ..models import (
    ArrangedHelp,
    Base,
    Contact,
    DeviceState,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    LocalBase,
    RegisterKind,
    Resident,
    SearchRow,
)
from ..models.enums import (
    ContactKind,
    EventKind,
    HelperSkill,
    Outcome,
    Role,
    Urgency,
    WmoDecision,
)
from ..references import Reference
from ..register import DEMO_REGISTER_KEY, open_register
from ..services.search import rebuild_search_index
from . import names, texts
from .directory import AREAS, TEAMS, USERS, demo_id, install_directory

REQUESTS_PER_YEAR = 5000
DEVICE_ID = demo_id("device", "demo")
DEVICE_SHORT_CODE = "D1"

_BATCH = 2000  # requests per executemany round: bounded memory, few round trips
_SHOWCASE_MIN_REQUESTS = 50

# Times of day in seconds after local midnight. Everything happens between 08:30 and
# midnight, so an instant's UTC date is always its local date.
_MORNING = 8 * 3600 + 30 * 60
_SUPPORTER_EVENING = 21 * 3600
_OFFICE_CLOSES = 17 * 3600 + 30 * 60
_LAST_SECOND = 24 * 3600 - 1

_REPEAT_SHARE = 0.3  # requests by a resident who asked before (≈ 0.7 residents a request)
_OWN_CIRCLE_FACTOR = 0.72  # scales the topics' own-circle chances to ~30% of requests
_ACUTE_DIRECT = 0.45  # acute requests that go straight to the municipality
_HANDBACK_SHARE = 0.18  # district-team requests handed back to the village
_LINGER_SHARE = 0.03  # requests whose steps are five times slower (open for months)
_WMO_SHARE = 0.7  # municipality requests on a Wmo topic that become a melding
# About 0.7 follow-ups a request; each is three rows (itself, added, done).
_FOLLOW_UP_AT_INTAKE = 0.35
_FOLLOW_UP_AFTER_CONTACT = 0.2

# Stored values, as plain strings: enum attribute access costs more than it seems.
_V, _D, _M = "village", "district_team", "municipality"
_OPEN, _WAITING, _CLOSED = "open", "waiting", "closed"
_RANK = {_V: 0, _D: 1, _M: 2}
_ABOVE = {_V: _D, _D: _M}
_BELOW = {_D: _V, _M: _D}
_E = {kind.name: kind.value for kind in EventKind}

T = TypeVar("T")


class _Truncated(Exception):
    """The next step of a plan lies after the start of today: the request stays put."""


@dataclass(frozen=True)
class DemoSummary:
    requests: int
    residents: int
    contacts: int
    follow_ups: int
    helpers: int
    arranged_help: int
    history_events: int
    seconds: float


def create_demo_register(
    path: Path, *, requests: int = 5000, seed: int = 2026, today: date | None = None
) -> DemoSummary:
    """Create a new demo register at ``path`` and fill it; refuse an existing file."""
    started = time.perf_counter()
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; a demo register is always new")
    if requests < 0:
        raise ValueError("requests must not be negative")
    dated_for = today or local_today()
    register = open_register(path, DEMO_REGISTER_KEY, create=True)
    try:
        with register.transaction() as session:
            install_directory(session)
            session.add(
                DeviceState(
                    device_id=DEVICE_ID,
                    short_code=DEVICE_SHORT_CODE,
                    register_kind=RegisterKind.DEMO.value,
                    next_reference_number=requests + 1,
                    demo_dated_for=dated_for,
                )
            )
        with register.engine.connect() as connection:
            counts = _load(connection, random.Random(seed), dated_for, requests)
    except BaseException:
        register.close()
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        raise
    register.close()
    return DemoSummary(
        requests=counts["help_requests"],
        residents=counts["residents"],
        contacts=counts["contacts"],
        follow_ups=counts["follow_ups"],
        helpers=counts["helpers"],
        arranged_help=counts["arranged_help"],
        history_events=counts["history_events"],
        seconds=time.perf_counter() - started,
    )


# --- writing -------------------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "residents": (
        "id", "first_name", "name_prefix", "last_name", "street", "house_number", "postcode",
        "place", "phone", "area_id", "merged_into_id", "anonymised_at", "created_at",
        "updated_at", "deleted_at",
    ),
    "helpers": (
        "id", "name", "phone", "email", "area_id", "skills", "skills_note", "availability",
        "consent_registered_on", "active", "created_at", "updated_at", "deleted_at",
    ),
    "help_requests": (
        "id", "reference", "resident_id", "area_id", "question", "life_domains", "urgency",
        "level", "status", "highest_level", "owner_id", "contact_person_id", "created_by_id",
        "consent_record_on", "consent_district_team_on", "consent_municipality_on",
        "consent_withdrawn_on", "closed_at", "closed_level", "outcome", "outcome_note",
        "anonymised_at", "wmo_melding_on", "wmo_personal_plan_on", "wmo_aanvraag_on",
        "wmo_decision_on", "wmo_decision", "created_at", "updated_at", "deleted_at",
    ),
    "contacts": (
        "id", "request_id", "kind", "contact_date", "minutes", "summary", "professionals_only",
        "author_id", "created_at", "updated_at", "deleted_at",
    ),
    "follow_ups": (
        "id", "request_id", "description", "due_on", "done_on", "assignee_id", "created_at",
        "updated_at", "deleted_at",
    ),
    "arranged_help": (
        "id", "request_id", "helper_id", "description", "arranged_on", "ended_on",
        "created_at", "updated_at", "deleted_at",
    ),
    "history_events": (
        "id", "request_id", "at", "actor_id", "device_id", "kind", "from_level", "to_level",
        "from_status", "to_status", "reason", "details",
    ),
}  # fmt: skip

# Parents before children.
MODELS: tuple[type[Base], ...] = (
    Resident, Helper, HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent,
)  # fmt: skip

Row = tuple[object, ...]


def _table(model: type[Base | LocalBase]) -> Table:
    return cast(Table, model.__table__)


def _load(connection: Connection, rng: random.Random, today: date, requests: int) -> dict[str, int]:
    """Generate and insert everything, and build the search index, in one transaction.

    Foreign keys are checked by the tests rather than row by row here, and the secondary
    indexes (the models' own definitions) are dropped and built again at the end:
    sorting once is far cheaper than inserting random UUIDs into them row by row.
    """
    # Pragmas that only work outside a transaction. The rollback journal in memory
    # writes each page once, where the write-ahead log would write it twice (log, then
    # checkpoint); a new file has nothing to roll back to anyway.
    connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
    connection.exec_driver_sql("PRAGMA journal_mode = MEMORY")
    connection.exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        connection.exec_driver_sql("BEGIN")
        tables = [_table(model) for model in MODELS] + [_table(SearchRow)]
        indexes: list[Index] = [index for table in tables for index in table.indexes]
        for index in indexes:
            index.drop(connection)
        writer = _Writer(connection)
        _Generator(rng, today, requests, writer).run()
        with Session(bind=connection) as session:  # joins this transaction, never ends it
            rebuild_search_index(session)
        for index in indexes:
            index.create(connection)
        connection.commit()
    finally:
        connection.rollback()
        connection.exec_driver_sql("PRAGMA journal_mode = WAL")
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        connection.exec_driver_sql("PRAGMA cache_size = -2000")
    return writer.counts


class RowWriter:
    """Buffers the generated rows per table (in their stored SQLite form, in the column
    order of ``COLUMNS``) and hands them to ``insert`` at each ``flush``, parents first.
    The demo register writes them with the driver; the server's ``admin load-demo``
    writes them and logs them for the laptops (server/demo_load.py)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {}
        self.counts: dict[str, int] = {}
        for model in MODELS:
            table = _table(model)
            # Every column is written: a column added to a model without a change here
            # fails loudly instead of silently missing its ORM default.
            if set(COLUMNS[table.name]) != set(table.c.keys()):
                raise RuntimeError(f"the demo generator does not know all columns of {table}")
            self.rows[table.name] = []
            self.counts[table.name] = 0

    def insert(self, table: str, rows: list[Row]) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        for name, rows in self.rows.items():  # parents first
            if rows:
                self.insert(name, rows)
                self.counts[name] += len(rows)
                rows.clear()


class _Writer(RowWriter):
    """Inserts with the driver's ``executemany``."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self.connection = connection
        self.statements: dict[str, str] = {}
        for name, columns in COLUMNS.items():
            placeholders = ", ".join("?" * len(columns))
            self.statements[name] = (
                f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({placeholders})"
            )

    def insert(self, table: str, rows: list[Row]) -> None:
        self.connection.exec_driver_sql(self.statements[table], rows)


def generate(writer: RowWriter, *, requests: int, seed: int = 2026, today: date) -> None:
    """Generate the demo municipality's helpers and ``requests`` requests (with their
    residents, contacts, follow-ups, help and history) into ``writer``, dated for
    ``today``. Deterministic for a seed and a ``today``."""
    if requests < 0:
        raise ValueError("requests must not be negative")
    _Generator(random.Random(seed), today, requests, writer).run()


# --- small tools -----------------------------------------------------------------------


class _Weighted(Generic[T]):
    """A weighted choice with the cumulative weights computed once."""

    def __init__(self, values: Sequence[T], weights: Sequence[float]) -> None:
        self.values = tuple(values)
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, random: Callable[[], float]) -> T:
        return self.values[bisect.bisect_right(self.cumulative, random() * self.total)]


_PHONE, _HOME_VISIT, _KITCHEN_TABLE, _MEETING, _MESSAGE = (
    ContactKind.PHONE.value, ContactKind.HOME_VISIT.value, ContactKind.KITCHEN_TABLE.value,
    ContactKind.MEETING.value, ContactKind.MESSAGE.value,
)  # fmt: skip
_VILLAGE_KINDS = _Weighted(
    (_PHONE, _HOME_VISIT, _KITCHEN_TABLE, _MESSAGE, _MEETING), (45, 35, 5, 10, 5)
)
_PRO_KINDS = _Weighted((_HOME_VISIT, _PHONE, _MEETING, _MESSAGE), (35, 35, 20, 10))
_INTAKE_KINDS = _Weighted((_HOME_VISIT, _PHONE, _KITCHEN_TABLE), (55, 30, 15))
_MINUTES = {
    _PHONE: (10, 15),
    _HOME_VISIT: (45, 60),
    _KITCHEN_TABLE: (60, 90),
    _MEETING: (30, 60),
    _MESSAGE: (5, 5),
}
_OUTCOMES = {
    level: _Weighted(
        (Outcome.SOLVED, Outcome.REFERRED, Outcome.WITHDRAWN, Outcome.NO_HELP_NEEDED), weights
    )
    for level, weights in ((_V, (62, 13, 10, 15)), (_D, (55, 30, 8, 7)), (_M, (45, 45, 5, 5)))
}
_VILLAGE_CONTACTS = _Weighted((0, 1, 2, 3, 4), (30, 35, 20, 10, 5))  # after the intake
_PRO_CONTACTS = _Weighted((1, 2, 3), (30, 40, 30))
_WMO_DECISIONS = _Weighted(
    (WmoDecision.GRANTED.value, WmoDecision.PARTLY_GRANTED.value, WmoDecision.REFUSED.value),
    (70, 15, 15),
)
_GENERATIONS = _Weighted((0, 1, 2), (65, 25, 10))  # older, middle-aged, younger
_SKILLS = _Weighted(tuple(HelperSkill), (20, 22, 18, 14, 20, 8, 8, 5, 4, 2))
_INHABITANTS = sum(area.inhabitants for area in AREAS)

# Words in a note that say what kind of contact it was, checked in this order.
_KIND_WORDS = (
    ("keukentafelgesprek", _KITCHEN_TABLE),
    ("huisbezoek", _HOME_VISIT),
    ("gebeld", _PHONE),
    ("telefonisch", _PHONE),
    ("belde", _PHONE),
    ("overleg", _MEETING),
    ("afstemming", _MEETING),
    ("casus besproken", _MEETING),
    ("langsgegaan", _HOME_VISIT),
    ("koffie gedronken", _HOME_VISIT),
    ("bekeken", _HOME_VISIT),
    ("thuis", _HOME_VISIT),
    ("samen", _HOME_VISIT),
)


@functools.cache
def _kind_of(template: str) -> str | None:
    """The contact kind a note template implies ("Nagebeld: …" is a phone call)."""
    lowered = template.lower()
    for word, kind in _KIND_WORDS:
        if word in lowered:
            return kind
    return None


def _uuid_text(hex_id: str) -> str:
    """An id as ``str(uuid)`` writes it: how the services put ids in ``details``."""
    return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"


def _details(key: str, value: str) -> str:
    return f'{{"{key}": "{value}"}}'  # what json.dumps writes for one string value


def _escalation_details(acute: bool, without_consent: bool) -> str:
    flag = ("false", "true")
    return f'{{"acute": {flag[acute]}, "without_consent": {flag[without_consent]}}}'


def _email(first: str, prefix: str, last: str) -> str:
    plain = unicodedata.normalize("NFKD", f"{first}.{prefix}{last}").encode("ascii", "ignore")
    return plain.decode().lower().replace(" ", "") + "@example.com"


# --- the municipality ----------------------------------------------------------------


@dataclass
class _Street:
    name: str
    postcode_digits: str
    letters: tuple[str, ...]  # one pair of letters per block of 30 house numbers


@dataclass
class _HelperRef:
    id: str
    name: str
    active: bool


@dataclass
class _Area:
    code: str
    id: str
    inhabitants: int
    place: names.Place
    supporters: tuple[str, ...]
    team: tuple[str, ...]
    streets: list[_Street] = field(default_factory=list)
    residents: list[tuple[str, bool]] = field(default_factory=list)  # (id, female)
    # Per skill bit: the helpers' consent days (sorted) and the helpers in that order.
    helper_days: dict[int, list[int]] = field(default_factory=dict)
    helpers: dict[int, list[_HelperRef]] = field(default_factory=dict)


def _areas() -> list[_Area]:
    team_of = {code: team.name for team in TEAMS for code in team.area_codes}
    result = []
    for area in AREAS:
        supporters = tuple(
            user.id.hex
            for user in USERS
            if user.role is Role.VILLAGE_SUPPORTER and area.code in user.area_codes
        )
        team = tuple(
            user.id.hex
            for user in USERS
            if user.role is Role.DISTRICT_TEAM and user.team_name == team_of[area.code]
        )
        place = names.PLACES[area.code]
        result.append(_Area(area.code, area.id.hex, area.inhabitants, place, supporters, team))
    return result


class _Slots(dict[str, str]):
    """Template values for one request, chosen on first use and then kept."""

    def __init__(self, gen: _Generator, female: bool, place: str) -> None:
        super().__init__(
            aanhef="mw." if female else "dhr.",
            plaats=place,
            partner="mijn man" if female else "mijn vrouw",
            de_partner="haar man" if female else "zijn vrouw",
            hem_haar="hem" if female else "haar",
        )
        self.gen = gen

    def __missing__(self, key: str) -> str:
        if key[0].isupper():
            value = self[key.lower()]
            value = value[0].upper() + value[1:]
        elif key == "de_familielid":
            value = self["familielid"].replace("mijn ", "de ", 1)
        elif key == "de_kind":
            value = "de " + self["kind"].split()[1]
        else:
            value = self.gen.pick(texts.SLOTS[key])
        self[key] = value
        return value


# --- one request -----------------------------------------------------------------------

# Plans that end in each level × status (and waiting for pick-up, owner empty), for the
# showcase requests. In these short plans "work" is one contact.
_SHOWCASE_PLANS: tuple[tuple[str, ...], ...] = (
    ("work",),
    ("work", "wait"),
    ("work", "close"),
    ("work", "escalate"),
    ("work", "escalate", "pickup", "work"),
    ("work", "escalate", "pickup", "work", "wait"),
    ("work", "escalate", "pickup", "work", "close"),
    ("work", "escalate", "pickup", "work", "escalate"),
    ("work", "escalate", "pickup", "work", "escalate", "pickup", "work"),
    ("work", "escalate", "pickup", "work", "escalate", "pickup", "work", "wait"),
    ("work", "escalate", "pickup", "work", "escalate", "pickup", "work", "close"),
)

# Plans planted for the demo users (see _Generator._plants): a village supporter's own
# request with something due today and overdue, waiting on the resident; a district-team
# member's or municipal officer's request they picked up, with the same; and a request
# waiting in each review queue.
_SUPPORTER_PLAN = ("work", "due_and_overdue", "wait")
_TEAM_PLAN = ("work", "escalate", "pickup", "work", "due_and_overdue")
_MUNICIPALITY_PLAN = (
    "work", "escalate", "pickup", "work", "escalate", "pickup", "work", "due_and_overdue",
)  # fmt: skip
_TEAM_QUEUE_PLAN = ("work", "escalate")
_MUNICIPALITY_QUEUE_PLAN = ("work", "escalate", "pickup", "work", "escalate")


@dataclass(frozen=True)
class _Special:
    """A recent request made to end in a set state, in one day or two (its plan runs
    fast): a showcase of one level × status, or one planted for a demo user."""

    plan: tuple[str, ...]
    area: _Area | None = None  # None: the area drawn for it
    supporter: str | None = None  # who takes it in; None: one of the area's supporters
    pickups: tuple[str | None, ...] = ()  # who picks it up at each level; None: anyone


class _Case:
    """One request being simulated: its state, and the rows it produces.

    Steps (services/workflow.py ``_move``) are history events with the level and status
    before and after; records added to the request (contacts, follow-ups, help, the Wmo
    dates) are events without levels, as ``add_history_event`` writes them.
    """

    def __init__(
        self,
        gen: _Generator,
        request_id: str,
        area: _Area,
        topic: texts.Topic,
        slots: _Slots,
        supporter: str,
        day: int,
        sec: int,
        fast: bool,
    ) -> None:
        self.g = gen
        self.random = gen.random
        self.id = request_id
        self.area = area
        self.topic = topic
        self.slots = slots
        self.supporter = supporter
        self.day = day
        self.sec = sec
        self.fast = fast
        self.slow = 5 if not fast and self.random() < _LINGER_SHARE else 1
        self.urgency = ""
        self.level: str | None = None
        self.status: str | None = None
        self.owner: str | None = supporter
        self.highest = _V
        self.consent_district_team: int | None = None
        self.consent_municipality: int | None = None
        self.consent_withdrawn: int | None = None
        self.closed_at: str | None = None
        self.closed_level: str | None = None
        self.outcome: str | None = None
        self.outcome_note = ""
        self.wmo: list[object] = [None, None, None, None, None]  # melding … decision
        self.last_at = ""
        self.will_arrange = False
        self.pickups: list[str | None] = []  # who picks it up at each level; None: anyone
        self.open_follow_ups: list[list[object]] = []
        self.open_help: list[tuple[list[object], _HelperRef | None]] = []

    # The clock. Every step first moves it; at the start of today the plan stops.

    def _tick(self, low: int, high: int) -> None:
        self.sec += low + int(self.random() * (high - low + 1))  # inlined: called most
        if self.sec > _LAST_SECOND:
            self.day += 1
            self.sec = self.g.between(_MORNING, _MORNING + 3 * 3600)
        if self.day >= self.g.today:
            raise _Truncated

    def _advance(self, low_days: int, high_days: int, office: bool = False) -> None:
        days = 0 if self.fast else self.g.between(low_days, high_days) * self.slow
        if days == 0:
            self._tick(600, 7200)
            return
        day = self.day + days
        if office:  # professionals work on weekdays
            weekday = (day - 1) % 7  # day 1 (1 January of year 1) was a Monday
            if weekday >= 5:
                day += 7 - weekday
        if day >= self.g.today:
            raise _Truncated
        self.day = day
        self.sec = self.g.between(_MORNING, _OFFICE_CLOSES if office else _SUPPORTER_EVENING)

    def _text(self, templates: Sequence[str]) -> str:
        return self.g.pick(templates).format_map(self.slots)

    # History events.

    def _append(
        self,
        kind: str,
        actor: str | None,
        levels: Row,
        reason: str,
        details: str,
        tick: bool = True,
    ) -> str:
        if tick:
            self._tick(30, 300)
        g = self.g
        at = g.instant(self.day, self.sec)
        g.events.append(
            (g.new_id(), self.id, at, actor, g.device_id, kind, *levels, reason, details)
        )
        self.last_at = at
        return at

    def _event(self, kind: str, actor: str | None, details: str = "{}") -> str:
        """A record was added or changed: an event without levels."""
        return self._append(kind, actor, (None, None, None, None), "", details)

    def _step(
        self,
        kind: str,
        actor: str | None,
        to_level: str | None = None,
        to_status: str | None = None,
        reason: str = "",
        details: str = "{}",
    ) -> str:
        """A workflow step: an event from the current level and status to the new ones."""
        to_level = to_level or self.level
        to_status = to_status or self.status
        at = self._append(
            kind, actor, (self.level, to_level, self.status, to_status), reason, details
        )
        if _RANK[cast(str, to_level)] > _RANK[self.highest]:
            self.highest = cast(str, to_level)
        self.level, self.status = to_level, to_status
        return at

    # Records attached to the request.

    def _contact(self, template: str, default: _Weighted[str], author: str, private: bool) -> None:
        g = self.g
        kind = _kind_of(template) or default.pick(self.random)
        low, high = _MINUTES[kind]
        contact_id = g.new_id()
        at = self._event(_E["CONTACT_ADDED"], author, _details("contact", _uuid_text(contact_id)))
        g.contacts.append(
            (
                contact_id, self.id, kind, g.day_text(self.day), g.between(low, high),
                template.format_map(self.slots), int(private), author, at, at, None,
            )
        )  # fmt: skip

    def _follow_up(self, description: str, assignee: str, low: int, high: int) -> None:
        self._follow_up_due(description, assignee, self.day + self.g.between(low, high))

    def _follow_up_due(self, description: str, assignee: str, due_day: int) -> None:
        g = self.g
        follow_up_id = g.new_id()
        at = self._event(
            _E["FOLLOW_UP_ADDED"], assignee, _details("follow_up", _uuid_text(follow_up_id))
        )
        due = g.day_text(due_day)
        self.open_follow_ups.append(
            [follow_up_id, self.id, description, due, None, assignee, at, at, None]
        )

    def _finish_follow_ups(self) -> None:
        """Follow-ups belong to one level: they are done before the request moves on."""
        while self.open_follow_ups:
            row = self.open_follow_ups[0]
            assignee, follow_up_id = cast(str, row[5]), cast(str, row[0])
            at = self._event(
                _E["FOLLOW_UP_DONE"], assignee, _details("follow_up", _uuid_text(follow_up_id))
            )
            row[4] = self.g.day_text(self.day)
            row[7] = at
            self.g.follow_ups.append(tuple(self.open_follow_ups.pop(0)))

    def _arrange(self) -> None:
        g = self.g
        helper = None
        if self.topic.skill is not None and self.topic.arranged and self.random() < 0.7:
            helper = g.pick_helper(self.area, self.topic.skill, self.day)
        if helper is not None:
            self.slots["helper"] = helper.name
            description = self._text(self.topic.arranged)
        else:
            description = self._text(self.topic.own_network)
        arranged_id = g.new_id()
        at = self._event(_E["HELP_ARRANGED"], self.owner, _details("help", _uuid_text(arranged_id)))
        row: list[object] = [
            arranged_id, self.id, helper.id if helper else None, description,
            g.day_text(self.day), None, at, at, None,
        ]  # fmt: skip
        self.open_help.append((row, helper))
        self.will_arrange = False

    def _end_help(self) -> None:
        """At close, one-off help ends and so does help by a helper who stopped since;
        the rest goes on after the request is closed."""
        still_open = []
        for row, helper in self.open_help:
            if (helper is not None and not helper.active) or self.random() < 0.5:
                at = self._event(
                    _E["HELP_ENDED"], self.owner, _details("help", _uuid_text(cast(str, row[0])))
                )
                row[5] = self.g.day_text(self.day)
                row[7] = at
                self.g.arranged.append(tuple(row))
            else:
                still_open.append((row, helper))
        self.open_help = still_open

    # The steps of a plan.

    def intake(self) -> None:
        levels = (None, _V, None, _OPEN)
        self._append(_E["CREATED"], self.supporter, levels, "", "{}", tick=False)
        self.level, self.status = _V, _OPEN
        self._contact(self.g.pick(texts.INTAKE_NOTES), _INTAKE_KINDS, self.supporter, False)
        if self.random() < _FOLLOW_UP_AT_INTAKE:
            self._follow_up(self._text(self.topic.follow_ups), self.supporter, 3, 14)

    def work(self) -> None:
        random = self.random
        village = self.level == _V
        if self.fast:
            count = 1
        elif village:
            count = _VILLAGE_CONTACTS.pick(random)
        else:
            count = _PRO_CONTACTS.pick(random)
        if self.will_arrange and village:
            self._advance(1, 10)
            self._arrange()
        for _ in range(count):
            if village:
                self._advance(2, 14)
            else:
                self._advance(3, 21, office=True)
            if self.open_follow_ups and random() < 0.85:
                self._finish_follow_ups()
            self._work_contact()
            if random() < _FOLLOW_UP_AFTER_CONTACT:
                self._follow_up(self._follow_up_text(), cast(str, self.owner), 5, 21)
            if not self.fast and random() < (0.12 if village else 0.15):
                self.wait()
                self._advance(5, 30, office=not village)
                reason = self._text(texts.RESUMED_REASONS)
                self._step(_E["STATUS_CHANGED"], self.owner, to_status=_OPEN, reason=reason)

    def _work_contact(self) -> None:
        random, g = self.random, self.g
        owner = cast(str, self.owner)
        if self.level == _V:
            author = owner if random() < 0.9 else g.pick(self.area.supporters)
            pool = self.topic.notes if random() < 0.7 else texts.VILLAGE_NOTES
            self._contact(g.pick(pool), _VILLAGE_KINDS, author, False)
            return
        if self.level == _D:
            author = owner if random() < 0.85 else g.pick(self.area.team)
            private_pool, pool = texts.DISTRICT_PRIVATE_NOTES, texts.DISTRICT_NOTES
        else:
            author = owner if random() < 0.85 else g.pick(g.municipality)
            private_pool, pool = texts.MUNICIPALITY_PRIVATE_NOTES, texts.MUNICIPALITY_NOTES
        private = random() < 0.3  # health, suspicions, signals of third parties (D5)
        if private:
            pool = private_pool
        elif self.topic.professional_notes and random() < 0.5:
            pool = self.topic.professional_notes
        self._contact(g.pick(pool), _PRO_KINDS, author, private)

    def due_and_overdue(self) -> None:
        """Two follow-ups for the owner: one due today and one a few days late (planted)."""
        g, owner = self.g, cast(str, self.owner)
        # Due after the day it is made (on it, when that was yesterday), and before today.
        late_from = min(max(self.day + 1, g.today - 5), g.today - 1)
        self._follow_up_due(self._follow_up_text(), owner, g.between(late_from, g.today - 1))
        self._follow_up_due(self._follow_up_text(), owner, g.today)

    def _follow_up_text(self) -> str:
        if self.level == _V:
            return self._text(self.topic.follow_ups)
        if self.level == _D:
            return self._text(texts.DISTRICT_FOLLOW_UPS)
        return self._text(texts.MUNICIPALITY_FOLLOW_UPS)

    def wait(self) -> None:
        self._advance(0, 3, office=self.level != _V)
        reason = self._text(texts.WAITING_REASONS)
        self._step(_E["STATUS_CHANGED"], self.owner, to_status=_WAITING, reason=reason)

    def _give_consent(self, scope: str) -> None:
        given_on = self.day
        details = f'{{"scope": "{scope}", "on": "{self.g.day_text(given_on)}"}}'
        self._step(_E["CONSENT_GIVEN"], self.owner, details=details)
        if scope == _D:
            self.consent_district_team = given_on
        else:
            self.consent_municipality = given_on
        self.consent_withdrawn = None

    def escalate(self) -> None:
        """One level up with the resident's consent for that level (D8); the request
        then waits there for pick-up."""
        level = cast(str, self.level)
        target = _ABOVE[level]
        self._advance(0, 5, office=level != _V)
        self._finish_follow_ups()
        if (self.consent_district_team if target == _D else self.consent_municipality) is None:
            self._give_consent(target)
        if target == _D:
            reason = self._text(self.topic.escalation_reasons)
        else:
            reason = self._text(self.topic.municipality_reasons or texts.MUNICIPALITY_REASONS)
        details = _escalation_details(False, False)
        self._step(_E["ESCALATED"], self.owner, target, _OPEN, reason, details)
        self.owner = None

    def acute(self) -> None:
        """Straight from the village to the municipality, with a justification and with
        or without consent (D8)."""
        self._tick(600, 3600)
        self._finish_follow_ups()
        reason = self._text(texts.ACUTE_JUSTIFICATIONS)
        with_consent = self.random() < 0.5
        if with_consent:
            self._give_consent(_M)
        else:
            reason += texts.NO_CONSENT_SENTENCE
        details = _escalation_details(True, not with_consent)
        self._step(_E["ESCALATED"], self.owner, _M, _OPEN, reason, details)
        self.owner = None

    def pickup(self) -> None:
        g = self.g
        if self.level == _D:
            self._advance(0, 7, office=True)
            actor = g.pick(self.area.team)
        elif self.urgency == Urgency.ACUTE.value:  # the same or the next working day
            self._advance(0, 1, office=True)
            actor = g.pick(g.municipality)
        else:
            self._advance(1, 12, office=True)
            actor = g.pick(g.municipality)
        planned = self.pickups.pop(0) if self.pickups else None
        actor = planned or actor
        self._step(_E["PICKED_UP"], actor)
        self.owner = actor

    def handback(self) -> None:
        """One level down with advice: back at the village to the contact person; at
        the district team it waits for pick-up (as workflow.hand_back does)."""
        level = cast(str, self.level)
        self._advance(1, 10, office=True)
        self._finish_follow_ups()
        if level == _D:
            advice, new_owner = texts.HANDBACK_ADVICE, self.supporter
        else:
            advice, new_owner = texts.MUNICIPALITY_HANDBACK_ADVICE, None
        self._step(_E["HANDED_BACK"], self.owner, _BELOW[level], _OPEN, self._text(advice))
        self.owner = new_owner

    def withdraw(self) -> None:
        """The resident withdraws consent to share; the share dates are cleared."""
        self._advance(1, 14, office=self.level != _V)
        withdrawn_on = self.day
        reason = self._text(texts.CONSENT_WITHDRAWN_REASONS)
        details = _details("on", self.g.day_text(withdrawn_on))
        self._step(_E["CONSENT_WITHDRAWN"], self.owner, reason=reason, details=details)
        self.consent_withdrawn = withdrawn_on
        self.consent_district_team = self.consent_municipality = None

    def wmo_track(self) -> None:
        """At the municipality a request may become a Wmo melding: an investigation
        (usually a kitchen-table talk) within six weeks, maybe a personal plan within a
        week, then an aanvraag decided within two weeks (services/wmo.py)."""
        g, random, owner = self.g, self.random, cast(str, self.owner)
        self._advance(0, 3, office=True)
        self._wmo(0, '["wmo_melding_on"]', g.day_text(self.day))
        if random() < 0.3:
            self._advance(1, 7)
            self._wmo(1, '["wmo_personal_plan_on"]', g.day_text(self.day))
        self._advance(7, 30, office=True)
        self._contact(g.pick(texts.WMO_INVESTIGATION_NOTES), _PRO_KINDS, owner, False)
        # Mostly within the six weeks; some investigations run late.
        self._advance(0, 10 if random() < 0.85 else 40, office=True)
        self._wmo(2, '["wmo_aanvraag_on"]', g.day_text(self.day))
        self._advance(1, 13 if random() < 0.9 else 25, office=True)
        self._wmo(3, '["wmo_decision_on", "wmo_decision"]', g.day_text(self.day))
        self.wmo[4] = _WMO_DECISIONS.pick(random)

    def _wmo(self, index: int, fields: str, on: str) -> None:
        kind = ("WMO_MELDING", "WMO_PERSONAL_PLAN", "WMO_AANVRAAG", "WMO_DECISION")[index]
        self._event(_E[kind], self.owner, f'{{"fields": {fields}}}')
        self.wmo[index] = on

    def close(self) -> None:
        level = cast(str, self.level)
        self._advance(0, 10, office=level != _V)
        self._finish_follow_ups()
        self._end_help()
        if self.consent_withdrawn is not None:
            outcome = Outcome.WITHDRAWN
        else:
            outcome = _OUTCOMES[level].pick(self.random)
        note = self._text(self._outcome_notes(outcome, level))
        details = _details("outcome", outcome.value)
        at = self._step(_E["CLOSED"], self.owner, to_status=_CLOSED, reason=note, details=details)
        self.closed_at, self.closed_level = at, level
        self.outcome, self.outcome_note = outcome.value, note

    def _outcome_notes(self, outcome: Outcome, level: str) -> tuple[str, ...]:
        topic = self.topic
        if outcome is Outcome.WITHDRAWN:
            return texts.WITHDRAWN_NOTES
        if outcome is Outcome.NO_HELP_NEEDED:
            return texts.NO_HELP_NEEDED_NOTES
        if outcome is Outcome.REFERRED:
            return topic.referred if level == _V else topic.referred + texts.PROFESSIONAL_REFERRED
        if level == _D:
            return texts.DISTRICT_SOLVED
        if level == _M:
            return texts.MUNICIPALITY_SOLVED
        return topic.solved

    def reopen(self) -> None:
        self._advance(7, 60)
        reason = self._text(texts.REOPEN_REASONS)
        self._step(_E["REOPENED"], self.owner, to_status=_OPEN, reason=reason)
        self.closed_at = self.closed_level = self.outcome = None
        self.outcome_note = ""

    def finish(self) -> None:
        """Write what is still open as it is."""
        self.g.follow_ups.extend(tuple(row) for row in self.open_follow_ups)
        self.g.arranged.extend(tuple(row) for row, _ in self.open_help)


# --- the whole register --------------------------------------------------------------


class _Generator:
    def __init__(self, rng: random.Random, today: date, requests: int, writer: RowWriter) -> None:
        self.rng = rng
        self.random = rng.random
        self.today = today.toordinal()  # days are proleptic ordinals of local dates
        self.requests = requests
        self.writer = writer
        self.span = max(1, round(requests / REQUESTS_PER_YEAR * 365.25))
        self.start = self.today - self.span
        self.device_id = DEVICE_ID.hex
        self.areas = _areas()
        self.municipality = tuple(user.id.hex for user in USERS if user.role is Role.MUNICIPALITY)
        self.topics = _Weighted(texts.TOPICS, [topic.weight for topic in texts.TOPICS])
        self.residents = writer.rows["residents"]
        self.help_requests = writer.rows["help_requests"]
        self.contacts = writer.rows["contacts"]
        self.follow_ups = writer.rows["follow_ups"]
        self.arranged = writer.rows["arranged_help"]
        self.events = writer.rows["history_events"]
        self._days: dict[int, tuple[str, str, int]] = {}
        self._clock = [
            f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000000"
            for second in range(24 * 3600)
        ]

    # Random draws, ids and time, in the stored form.

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def new_id(self) -> str:
        """A version-4 UUID from the seeded generator, as the 32 hex digits the ``Uuid``
        column stores (the same as ``uuid.UUID(int=bits, version=4).hex``)."""
        bits = self.rng.getrandbits(128)
        bits = (bits & ~(0xF000 << 64)) | (0x4000 << 64)  # version 4
        bits = (bits & ~(0xC000 << 48)) | (0x8000 << 48)  # RFC 4122 variant
        return f"{bits:032x}"

    def _day(self, day: int) -> tuple[str, str, int]:
        known = self._days.get(day)
        if known is None:
            noon = datetime.fromordinal(day).replace(hour=12, tzinfo=AMSTERDAM)
            offset = noon.utcoffset()
            assert offset is not None
            text = date.fromordinal(day).isoformat()
            known = (text, text + " ", int(offset.total_seconds()))
            self._days[day] = known
        return known

    def day_text(self, day: int) -> str:
        return (self._days.get(day) or self._day(day))[0]

    def instant(self, day: int, sec: int) -> str:
        """A local day and time of day as the stored UTC text (the same date, since
        nothing happens before 08:30)."""
        _, prefix, offset = self._days.get(day) or self._day(day)
        return prefix + self._clock[sec - offset]

    # The parts.

    def run(self) -> None:
        self._make_streets()
        self._make_helpers()
        self.writer.flush()
        random = self.random
        moments = []
        for _ in range(self.requests):
            day = self.start + int(random() * self.span)
            if (day - 1) % 7 >= 5 and random() < 0.75:  # fewer intakes at weekends
                day = self.start + int(random() * self.span)
            moments.append((day, self.between(_MORNING, 20 * 3600 + 1800)))
        moments.sort()
        areas = _Weighted(self.areas, [area.inhabitants for area in self.areas])
        specials = self._showcases(moments)
        specials.update(self._plants(moments, taken=set(specials)))
        for index, (day, sec) in enumerate(moments):
            area = areas.pick(random)
            special = specials.get(index)
            if special is not None and special.area is not None:
                area = special.area
            self._request(index + 1, area, day, sec, special)
            if (index + 1) % _BATCH == 0:
                self.writer.flush()
        self.writer.flush()

    def _showcases(self, moments: list[tuple[int, int]]) -> dict[int, _Special]:
        """Recent requests (at least six days old) that end in each level × status."""
        if self.requests < _SHOWCASE_MIN_REQUESTS:
            return {}
        candidates = [i for i, (day, _) in enumerate(moments) if day <= self.today - 6][-300:]
        chosen = self.rng.sample(candidates, min(len(candidates), 2 * len(_SHOWCASE_PLANS)))
        return {
            index: _Special(_SHOWCASE_PLANS[n % len(_SHOWCASE_PLANS)])
            for n, index in enumerate(chosen)
        }

    def _plants(self, moments: list[tuple[int, int]], taken: set[int]) -> dict[int, _Special]:
        """Recent requests planted so that every demo user who sees content has, on the
        day the register is made for, a follow-up due today, one overdue and something
        waiting, however small the register (tests/core/test_demo_dates.py).

        Each is taken in on a weekday at least three days ago: its fast plan ends within
        two days, so before today. With too few such requests (a register of a few dozen)
        the first plants in this order are made.
        """
        if self.requests < _SHOWCASE_MIN_REQUESTS:
            return {}
        plants = self._plant_list()
        candidates = [
            i
            for i, (day, _) in enumerate(moments)
            if day <= self.today - 3 and (day - 1) % 7 < 5 and i not in taken
        ][-300:]
        chosen = self.rng.sample(candidates, min(len(candidates), len(plants)))
        return {index: plants[n] for n, index in enumerate(chosen)}

    def _plant_list(self) -> list[_Special]:
        """What to plant, the work of every user first, then the review queues."""
        by_code = {area.code: area for area in self.areas}
        work: list[_Special] = []
        queues: list[_Special] = []
        for team in TEAMS:
            members = [user for user in USERS if user.team_name == team.name]
            for n, member in enumerate(members):
                area = by_code[team.area_codes[n % len(team.area_codes)]]
                work.append(_Special(_TEAM_PLAN, area, pickups=(member.id.hex,)))
            area = by_code[self.pick(team.area_codes)]
            queues.append(_Special(_TEAM_QUEUE_PLAN, area))
        for user in USERS:
            if user.role is Role.VILLAGE_SUPPORTER:
                area = by_code[user.area_codes[0]]
                work.append(_Special(_SUPPORTER_PLAN, area, supporter=user.id.hex))
            elif user.role is Role.MUNICIPALITY:
                work.append(_Special(_MUNICIPALITY_PLAN, pickups=(None, user.id.hex)))
        queues.append(_Special(_MUNICIPALITY_QUEUE_PLAN))
        return work + queues

    def _make_streets(self) -> None:
        alphabet = "ABCDEGHJKLMNPRSTVWXZ"
        letters = [
            first + second
            for first in alphabet
            for second in alphabet
            if first + second not in names.UNUSED_POSTCODE_LETTERS
        ]
        for area in self.areas:
            for street in area.place.streets:
                start = self.between(0, len(letters) - 6)
                digits = self.pick(area.place.postcodes)
                area.streets.append(_Street(street, digits, tuple(letters[start : start + 5])))

    def _person_name(self, female: bool) -> tuple[str, str, str]:
        if self.random() < 0.06:
            group = self.pick(names.NEWCOMER_NAMES)
            first = self.pick(group[0] if female else group[1])
            prefix, last = self.pick(group[2])
            return first, prefix, last
        generation = _GENERATIONS.pick(self.random)
        if female:
            pool = (names.FEMALE_OLDER, names.FEMALE_MIDDLE, names.FEMALE_YOUNGER)[generation]
        else:
            pool = (names.MALE_OLDER, names.MALE_MIDDLE, names.MALE_YOUNGER)[generation]
        prefix, last = self.pick(names.SURNAMES)
        return self.pick(pool), prefix, last

    def _mobile(self) -> str:
        return f"06-{self.between(10_000_000, 99_999_999)}"

    def _make_helpers(self) -> None:
        rows = self.writer.rows["helpers"]
        first_day = self.start - 730
        last_day = max(first_day + 1, self.today - 14)
        for area in self.areas:
            entries: list[tuple[int, _HelperRef, int]] = []
            for n in range(min(40, 20 + area.inhabitants // 300)):
                if n < len(names.ORGANISATIONS):
                    template, skills, note = names.ORGANISATIONS[n]
                    name = template.format(place=area.place.place)
                    email = ""
                    active = True
                else:
                    female = self.random() < 0.6
                    first, prefix, last = self._person_name(female)
                    name = " ".join(part for part in (first, prefix, last) if part)
                    skills = HelperSkill(0)
                    for _ in range(self.pick((1, 1, 2, 3))):
                        skills |= _SKILLS.pick(self.random)
                    own = [skill for skill in HelperSkill if skill & skills]
                    note = ""
                    if self.random() < 0.6:
                        note = self.pick(names.SKILL_NOTES[self.pick(own)])
                    email = _email(first, prefix, last) if self.random() < 0.5 else ""
                    active = self.random() < 0.88
                day = self.between(first_day, last_day)
                helper_id = self.new_id()
                at = self.instant(day, self.between(_MORNING, _OFFICE_CLOSES))
                rows.append(
                    (
                        helper_id, name, self._mobile(), email, area.id, int(skills), note,
                        self.pick(names.AVAILABILITY), self.day_text(day), int(active), at, at,
                        None,
                    )
                )  # fmt: skip
                entries.append((day, _HelperRef(helper_id, name, active), int(skills)))
            entries.sort(key=lambda entry: entry[0])
            for skill in HelperSkill:
                matching = [(day, ref) for day, ref, bits in entries if bits & skill]
                area.helper_days[int(skill)] = [day for day, _ in matching]
                area.helpers[int(skill)] = [ref for _, ref in matching]

    def pick_helper(self, area: _Area, skill: HelperSkill, day: int) -> _HelperRef | None:
        """A helper with the skill who had registered (with consent) by that day; one who
        has stopped since only for help that ended long ago."""
        available = bisect.bisect_right(area.helper_days[int(skill)], day)
        if available == 0:
            return None
        helper = area.helpers[int(skill)][int(self.random() * available)]
        if not helper.active and day > self.today - 400:
            return None
        return helper

    def _resident(self, area: _Area, day: int, sec: int) -> tuple[str, bool]:
        random = self.random
        if area.residents and random() < _REPEAT_SHARE:
            # Mostly someone who asked within about a year: a repeat request.
            recent = max(1, int(REQUESTS_PER_YEAR * area.inhabitants / _INHABITANTS * 0.7))
            return self.pick(area.residents if random() < 0.2 else area.residents[-recent:])
        female = random() < 0.58
        first, prefix, last = self._person_name(female)
        street = self.pick(area.streets)
        number = int(self.rng.triangular(1, 140, 8))
        house_number = str(number) + ("a" if random() < 0.04 else "")
        postcode = f"{street.postcode_digits} {street.letters[min(number // 30, 4)]}"
        roll = random()
        if roll < 0.25:
            phone = f"{area.place.phone_area}-{self.between(300_000, 399_999)}"
        elif roll < 0.28:
            phone = ""
        else:
            phone = self._mobile()
        resident_id = self.new_id()
        at = self.instant(day, sec)
        self.residents.append(
            (
                resident_id, first, prefix, last, street.name, house_number, postcode,
                area.place.place, phone, area.id, None, None, at, at, None,
            )
        )  # fmt: skip
        entry = (resident_id, female)
        area.residents.append(entry)
        return entry

    def _plan(self, topic: texts.Topic, urgency: Urgency) -> list[str]:
        random = self.random
        if urgency is Urgency.ACUTE:
            roll = random()
            if roll < _ACUTE_DIRECT:
                return ["acute", "pickup", "work", "close"]
            to_district_team = roll < 0.9
        else:
            chance = topic.escalate * (1.6 if urgency is Urgency.HIGH else 1.0)
            to_district_team = random() < chance
        plan = ["work"]
        if not to_district_team:
            if random() < 0.01:
                plan.append("withdraw")
            plan.append("close")
            if random() < 0.015:
                plan += ["reopen", "work", "close"]
            return plan
        plan += ["escalate", "pickup", "work"]
        roll = random()
        if roll < topic.to_municipality:
            plan += ["escalate", "pickup"]
            if topic.key in texts.WMO_TOPICS and random() < _WMO_SHARE:
                plan.append("wmo_track")
            plan.append("work")
            if random() < 0.1:
                plan += ["handback", "pickup", "work"]
        elif roll < topic.to_municipality + _HANDBACK_SHARE:
            plan += ["handback", "work"]
        elif random() < 0.04:
            plan.append("withdraw")
        plan.append("close")
        return plan

    def _request(
        self, number: int, area: _Area, day: int, sec: int, special: _Special | None
    ) -> None:
        random = self.random
        topic = self.topics.pick(random)
        roll = random()
        if roll < topic.acute:
            urgency = Urgency.ACUTE
        elif roll < topic.acute + topic.high:
            urgency = Urgency.HIGH
        else:
            urgency = Urgency.NORMAL
        resident_id, female = self._resident(area, day, sec)
        slots = _Slots(self, female, area.place.place)
        question = self.pick(topic.questions).format_map(slots)
        domains = topic.domains
        if topic.extra_domains and random() < 0.3:
            domains |= topic.extra_domains
        supporter = self.pick(area.supporters)
        if special is not None and special.supporter is not None:
            supporter = special.supporter
        request_id = self.new_id()
        case = _Case(self, request_id, area, topic, slots, supporter, day, sec, special is not None)
        case.urgency = urgency.value
        if special is None:
            plan: Sequence[str] = self._plan(topic, urgency)
            case.will_arrange = random() < topic.own_circle * _OWN_CIRCLE_FACTOR
        else:
            plan = special.plan
            case.pickups = list(special.pickups)
        try:
            case.intake()
            for step in plan:
                getattr(case, step)()
        except _Truncated:
            pass
        case.finish()
        reference = Reference(area.code, date.fromordinal(day).year, DEVICE_SHORT_CODE, number)
        created_at = self.instant(day, sec)
        district, municipality = case.consent_district_team, case.consent_municipality
        withdrawn = case.consent_withdrawn
        self.help_requests.append(
            (
                request_id, str(reference), resident_id, area.id, question, int(domains),
                case.urgency, case.level, case.status, case.highest, case.owner, supporter,
                supporter, self.day_text(day),
                None if district is None else self.day_text(district),
                None if municipality is None else self.day_text(municipality),
                None if withdrawn is None else self.day_text(withdrawn),
                case.closed_at, case.closed_level, case.outcome, case.outcome_note, None,
                *case.wmo, created_at, case.last_at, None,
            )
        )  # fmt: skip
