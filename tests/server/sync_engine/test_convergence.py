"""Convergence (issue 15's proof, rules 2-8 and 12) through the laptop's own engine.

Several laptops — real registers made by ``dorpsondersteuner connect`` — work offline
in a random order: intakes, edits of a request's fields, contacts, follow-ups,
escalations with consent, pick-ups and hand-backs by a district-team member, closes;
an administrator changes who works where; and they sync with ``sync()`` over HTTP to
one real server, on a network that loses answers after the server processed the
request, delivers a request twice, and delivers an old request late. Each laptop's
clock is off by hours, and is set right (or wrong) again now and then.

After every step the acting laptop's ledger holds: every op it made is still there,
pending, applied, lost, rejected with its reason, or not delivered, with the answer the
server keeps for it; and no pulled change reached it twice. After everything synced
twice: every laptop holds exactly what its user may see, with the server's field
versions and values; every edit is the current value, was overwritten by an edit made
with it in view, or is kept as a losing value; no op was applied twice; and the
engine's checksums agree.

``./test`` runs a few examples; ``DORPSONDERSTEUNER_SLOW=1`` runs the long one (marked
slow), until ``SLOW_EXAMPLES`` examples or ``SLOW_MINUTES`` have passed.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any, ClassVar

import httpx
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import func, select

from dorpsondersteuner import clock
from dorpsondersteuner.enums import LifeDomain, Urgency
from dorpsondersteuner.errors import DorpsondersteunerError
from dorpsondersteuner.models import Contact, FollowUp, HelpRequest, Resident
from dorpsondersteuner.models.enums import ContactKind, Level, Outcome, Role, Status
from dorpsondersteuner.models.local import FieldVersion, OutboxOp
from dorpsondersteuner.server import admin
from dorpsondersteuner.server.models import (
    ChangeLogEntry,
    FieldStamp,
    LosingValueEntry,
    PushedOp,
)
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.changes import field_versions, synced_fields, to_wire
from dorpsondersteuner.sync import engine
from dorpsondersteuner.sync.client import OfflineError
from dorpsondersteuner.sync.engine import SyncReport
from dorpsondersteuner.sync.protocol import OpResult

from ..checksums import assert_kept_sums_hold
from ..conftest import Account, Server
from ..sync.test_oracle import laptop_view, server_face
from .conftest import Desk, DeskFactory
from .helpers import escalate, intake

SLOW = os.environ.get("DORPSONDERSTEUNER_SLOW") == "1"
SLOW_EXAMPLES = 2000
ROUND = 2  # examples per round between looks at the time
SLOW_MINUTES = float(os.environ.get("DORPSONDERSTEUNER_SLOW_MINUTES", "60"))

AREA_CHOICES = [("BAK",), ("MIL",), ("BAK", "GEN")]
SKEW_HOURS = [-9, -3, 0, 0, 2, 7]
SUPPORTERS = ["ingrid", "mover"]
EDITORS = ["ingrid", "mover", "team"]
EVERYONE = ["ingrid", "mover", "team", "anja"]
FAULTS = ["ok", "lose", "repeat", "late"]
EDITABLE = ("question", "urgency", "life_domains")


class Network(httpx.HTTPTransport):
    """The way between one laptop and the server. Each push or pull meets the next
    fault planned: ``lose`` (the server answers, the answer never arrives), ``repeat``
    (the request arrives twice; the laptop reads the second answer) or ``late`` (an
    earlier request of the same kind arrives again first). It notes the changes each
    pull answer that reached the laptop carried."""

    FAULTY = ("/sync/push", "/sync/pull")

    def __init__(self) -> None:
        super().__init__()
        self.plan: list[str] = []
        self.earlier: dict[str, list[httpx.Request]] = {path: [] for path in self.FAULTY}
        self.delivered: Counter[int] = Counter()
        self.repulled = False

    def _send(self, request: httpx.Request) -> httpx.Response:
        copy = httpx.Request(
            request.method, request.url, headers=request.headers, content=request.content
        )
        response = super().handle_request(copy)
        response.read()
        response.close()
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        request.read()
        if path == "/sync/repull":
            self.repulled = True
        fault = self.plan.pop(0) if path in self.FAULTY and self.plan else "ok"
        if fault == "late" and self.earlier[path]:
            self._send(self.earlier[path][0])
        response = self._send(request)
        if fault == "repeat":
            response = self._send(request)
        if path in self.FAULTY:
            self.earlier[path] = [*self.earlier[path], request][-4:]
        if fault == "lose":
            raise httpx.ReadError("the connection dropped", request=request)
        if path == "/sync/pull" and response.status_code == 200:
            page = json.loads(response.content)
            self.delivered.update(c["seq"] for c in page["changes"] if c.get("hlc") is not None)
        return response


@contextlib.contextmanager
def clock_off_by(hours: int) -> Iterator[None]:
    """The program's clock ``hours`` ahead of (or behind) the tests' own."""
    saved = os.environ.get(clock.PINNED_NOW_VARIABLE)
    if hours:
        skewed = clock.now_utc() + timedelta(hours=hours)
        os.environ[clock.PINNED_NOW_VARIABLE] = f"{skewed.isoformat()}@{time.time()}"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(clock.PINNED_NOW_VARIABLE, None)
        else:
            os.environ[clock.PINNED_NOW_VARIABLE] = saved


@dataclass
class Laptop:
    desk: Desk
    network: Network
    skew: int = 0
    made: dict[uuid.UUID, OutboxOp] = field(default_factory=dict)  # every op, as made
    position: int = 0
    delivered: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True)
class Edit:
    op_id: uuid.UUID
    entity: str
    record_id: uuid.UUID
    field: str
    value: Any
    base_version: int | None
    device_id: uuid.UUID


class Convergence(RuleBasedStateMachine):
    server: Server
    desks: DeskFactory
    mover: Account  # a supporter whose areas the administrator changes
    team_name: str  # a district team whose areas the administrator changes
    team_member: Account
    examples = 0
    outcomes: ClassVar[Counter[str]] = Counter()  # what became of the ops made, over all examples

    def __init__(self) -> None:
        super().__init__()
        type(self).examples += 1
        with self.server.transaction() as session:
            admin.update_user(session, self.mover.username, area_codes=["BAK"])
            admin.set_team_areas(session, self.team_name, ["BAK"])
        self.laptops: dict[str, Laptop] = {}

    @initialize(skews=st.lists(st.sampled_from(SKEW_HOURS), min_size=4, max_size=4))
    def connect(self, skews: list[int]) -> None:
        accounts = {
            "ingrid": ("ingrid", None),
            "mover": (self.mover.username, self.mover.password),
            "team": (self.team_member.username, self.team_member.password),
            "anja": ("anja", None),
        }
        for (name, (username, password)), skew in zip(accounts.items(), skews, strict=True):
            with clock_off_by(skew):
                desk = self.desks(username, password) if password else self.desks(username)
            network = Network()
            desk.transport = network
            self.laptops[name] = Laptop(desk, network, skew)
        # Something to work on from the first step: a request everyone in Bakel holds.
        self.take_intake("ingrid")
        self._sync("ingrid", [])

    # --- helpers -------------------------------------------------------------------------

    def _do(self, name: str, action: Any, *args: Any, **kwargs: Any) -> None:
        """A user's action as the program offers it: a refused one changes nothing."""
        laptop = self.laptops[name]
        with clock_off_by(laptop.skew), contextlib.suppress(DorpsondersteunerError):
            laptop.desk.do(action, *args, **kwargs)
        self._note_made(laptop)
        self._ledger_holds(name)

    def _note_made(self, laptop: Laptop) -> None:
        def new(session: Any) -> list[OutboxOp]:
            rows = session.scalars(
                select(OutboxOp)
                .where(OutboxOp.position > laptop.position)
                .order_by(OutboxOp.position)
            ).all()
            session.expunge_all()
            return list(rows)

        for row in laptop.desk.read(new):
            laptop.made[row.op_id] = row
            laptop.position = row.position

    def _today(self, name: str) -> date:
        """The day as this laptop's clock has it."""
        with clock_off_by(self.laptops[name].skew):
            return clock.today()

    def _requests(self, name: str) -> list[HelpRequest]:
        def read(session: Any) -> list[HelpRequest]:
            rows = session.scalars(
                select(HelpRequest)
                .where(HelpRequest.deleted_at.is_(None))
                .order_by(HelpRequest.reference)
            ).all()
            session.expunge_all()
            return list(rows)

        return self.laptops[name].desk.read(read)

    def _user_id(self, name: str) -> uuid.UUID:
        return uuid.UUID(str(self.laptops[name].desk.status()["user_id"]))

    def _sync(self, name: str, faults: list[str]) -> SyncReport | None:
        laptop = self.laptops[name]
        laptop.network.plan = list(faults)
        laptop.network.delivered = Counter()
        laptop.network.repulled = False
        report = None
        with clock_off_by(laptop.skew):
            try:
                report = laptop.desk.sync()
            except OfflineError:
                assert faults.count("lose") >= engine.BATCH_RETRIES + 1, faults
        if not laptop.network.repulled:  # a re-pull sends what differs again, by design
            laptop.delivered.update(laptop.network.delivered)
        twice = [seq for seq, count in laptop.delivered.items() if count > 1]
        assert not twice, f"{name} received changes {twice[:5]} twice"
        if report is not None:
            assert report.set_aside == 0, name
            assert report.checksum in (None, "ok"), (name, report.checksum_differs)
        with laptop.desk.register() as register:
            assert_kept_sums_hold(register)
        self._ledger_holds(name)
        return report

    def _ledger_holds(self, name: str) -> None:
        """Every op made on this laptop is still there, in one state, the rejected
        ones with their reason; every answer it keeps is the server's."""
        laptop = self.laptops[name]

        def read(session: Any) -> dict[uuid.UUID, tuple[str | None, str | None, str | None]]:
            return {
                row.op_id: (row.result, row.reason, row.not_delivered_reason)
                for row in session.execute(
                    select(
                        OutboxOp.op_id,
                        OutboxOp.result,
                        OutboxOp.reason,
                        OutboxOp.not_delivered_reason,
                    )
                )
            }

        held = laptop.desk.read(read)
        missing = set(laptop.made) - set(held)
        assert not missing, f"{name} lost ops {list(missing)[:3]}"
        for op_id, (result, reason, _not_delivered) in held.items():
            if result == OpResult.REJECTED.value:
                assert reason, f"{name}: op {op_id} rejected without a reason"
        laptop.desk.ledger_holds(self.server)

    # --- what people do ------------------------------------------------------------------

    @rule(who=st.sampled_from(["ingrid", "mover", "anja"]))
    def take_intake(self, who: str) -> None:
        laptop = self.laptops[who]
        area = "GEN" if who == "anja" else "BAK"
        with clock_off_by(laptop.skew), contextlib.suppress(DorpsondersteunerError):
            intake(laptop.desk, area=area, name=f"Conv{uuid.uuid4().hex[:4]}")
        self._note_made(laptop)

    @rule(
        who=st.sampled_from(EDITORS),
        pick=st.integers(0, 50),
        field_name=st.sampled_from(EDITABLE),
        choice=st.integers(0, 2),
    )
    def edit(self, who: str, pick: int, field_name: str, choice: int) -> None:
        held = self._requests(who)
        if not held:
            return
        request = held[pick % len(held)]
        values: dict[str, Any] = {
            "question": f"Vraag {uuid.uuid4().hex[:6]}",
            "urgency": list(Urgency)[choice],
            "life_domains": [LifeDomain.CARE, LifeDomain.HOUSING | LifeDomain.WELLBEING][
                choice % 2
            ],
        }
        self._do(who, workflow.edit_request, request.id, **{field_name: values[field_name]})

    @rule(who=st.sampled_from(EDITORS), pick=st.integers(0, 50), professional=st.booleans())
    def contact(self, who: str, pick: int, professional: bool) -> None:
        held = self._requests(who)
        if held:
            request = held[pick % len(held)]
            data = records.ContactInput(
                ContactKind.PHONE, self._today(who), 10, "Gebeld", professionals_only=professional
            )
            self._do(who, records.add_contact, request.id, data)

    @rule(
        who=st.sampled_from(EDITORS),
        pick=st.integers(0, 50),
        delete=st.booleans(),
        minutes=st.sampled_from([5, 20, 45]),
    )
    def change_contact(self, who: str, pick: int, delete: bool, minutes: int) -> None:
        held = self.laptops[who].desk.read(
            lambda session: list(
                session.scalars(
                    select(Contact.id).where(Contact.deleted_at.is_(None)).order_by(Contact.id)
                )
            )
        )
        if not held:
            return
        contact_id = held[pick % len(held)]
        if delete:
            self._do(who, records.delete_contact, contact_id)
        else:
            data = records.ContactInput(ContactKind.PHONE, self._today(who), minutes, "Gebeld")
            self._do(who, records.edit_contact, contact_id, data)

    @rule(who=st.sampled_from(EDITORS), pick=st.integers(0, 50), complete=st.booleans())
    def follow_up(self, who: str, pick: int, complete: bool) -> None:
        if complete:
            open_ones = self.laptops[who].desk.read(
                lambda session: list(
                    session.scalars(
                        select(FollowUp.id)
                        .where(FollowUp.done_on.is_(None), FollowUp.deleted_at.is_(None))
                        .order_by(FollowUp.id)
                    )
                )
            )
            if open_ones:
                self._do(who, records.complete_follow_up, open_ones[pick % len(open_ones)])
            return
        held = self._requests(who)
        if held:
            request = held[pick % len(held)]
            self._do(
                who,
                records.add_follow_up,
                request.id,
                description="Nabellen",
                due_on=self._today(who) + timedelta(days=7),
            )

    @rule(who=st.sampled_from(EDITORS), pick=st.integers(0, 50))
    def escalate(self, who: str, pick: int) -> None:
        held = [r for r in self._requests(who) if r.status is Status.OPEN]
        if held:
            request = held[pick % len(held)]
            target = request.level.above()
            if target is not None:
                given_on = self._today(who)
                self._do(who, workflow.give_consent, request.id, scope=target, given_on=given_on)
            self._do(who, workflow.escalate, request.id, reason="Te zwaar voor de buren")

    @rule(pick=st.integers(0, 50))
    def pick_up(self, pick: int) -> None:
        waiting = [r for r in self._requests("team") if r.owner_id is None]
        if waiting:
            self._do("team", workflow.pick_up, waiting[pick % len(waiting)].id)

    @rule(pick=st.integers(0, 50))
    def hand_back(self, pick: int) -> None:
        me = self._user_id("team")
        own = [r for r in self._requests("team") if r.owner_id == me]
        if own:
            self._do("team", workflow.hand_back, own[pick % len(own)].id, advice="Terug")

    @rule(who=st.sampled_from(SUPPORTERS), pick=st.integers(0, 50))
    def close(self, who: str, pick: int) -> None:
        held = [r for r in self._requests(who) if r.level is Level.VILLAGE]
        if held:
            request = held[pick % len(held)]
            self._do(who, workflow.close, request.id, outcome=Outcome.SOLVED, note="Opgelost")

    @rule(areas=st.sampled_from(AREA_CHOICES), team=st.sampled_from(AREA_CHOICES))
    def change_scope(self, areas: tuple[str, ...], team: tuple[str, ...]) -> None:
        with self.server.transaction() as session:
            admin.update_user(session, self.mover.username, area_codes=list(areas))
            admin.set_team_areas(session, self.team_name, list(team))

    @rule(who=st.sampled_from(EVERYONE), hours=st.sampled_from(SKEW_HOURS))
    def set_clock(self, who: str, hours: int) -> None:
        self.laptops[who].skew = hours

    @rule(
        who=st.sampled_from(EVERYONE),
        faults=st.lists(st.sampled_from(FAULTS), max_size=6),
    )
    def sync(self, who: str, faults: list[str]) -> None:
        self._sync(who, faults)

    # --- everything settles ----------------------------------------------------------------

    def teardown(self) -> None:
        if len(self.laptops) < len(EVERYONE):
            return  # connecting failed: that failure is the one reported
        try:
            for _ in range(2):
                for name in self.laptops:
                    report = self._sync(name, [])
                    assert report is not None and report.unsent == 0, name
            for name in self.laptops:
                assert self.laptops[name].desk.reports[-1].checksum == "ok", name
                self._holds_what_the_server_holds(name)
            self._every_edit_is_kept()
            self._no_op_applied_twice()
            for laptop in self.laptops.values():
                type(self).outcomes.update(asdict(laptop.desk.read(engine.ledger)))
                type(self).outcomes["purged"] += sum(r.purged for r in laptop.desk.reports)
        finally:
            for laptop in self.laptops.values():
                laptop.network.close()
                shutil.rmtree(laptop.desk.data, ignore_errors=True)

    def _refused(self, laptop: Laptop) -> set[uuid.UUID]:
        """Records of this laptop's own creations the server refused: they stay on the
        laptop, to be shown to the user, and are on no other."""
        rejected = set(
            laptop.desk.read(
                lambda session: session.scalars(
                    select(OutboxOp.op_id).where(OutboxOp.result == OpResult.REJECTED.value)
                ).all()
            )
        )
        refused: set[uuid.UUID] = set()
        for op_id, op in laptop.made.items():
            if op_id not in rejected:
                continue
            if op.kind.value == "create":
                refused.add(op.record_id)
            elif op.kind.value == "step":
                refused.add(uuid.UUID(op.payload["event_id"]))
        return refused

    def _holds_what_the_server_holds(self, name: str) -> None:
        laptop = self.laptops[name]
        refused = self._refused(laptop)
        user_id = self._user_id(name)
        face = server_face(self.server, user_id)
        with laptop.desk.register() as register:
            held = laptop_view(SimpleNamespace(register=register))  # type: ignore[arg-type]
            with register.sessions() as session:
                rows: dict[tuple[str, uuid.UUID], list[tuple[str, int]]] = {}
                for row in session.scalars(select(FieldVersion)):
                    rows.setdefault((row.entity, row.record_id), []).append(
                        (row.field, row.version)
                    )
                versions = {
                    key: {
                        name: version
                        for name, version in field_versions(MODELS[key[0]], pairs).items()
                        if name in synced_fields(MODELS[key[0]])
                    }
                    for key, pairs in rows.items()
                    if key[0] in MODELS
                }
                mine_requests = {
                    request.id: _request_values(request)
                    for request in session.scalars(select(HelpRequest))
                    if request.id not in refused
                }
        differences = {
            kind: {"extra": (held[kind] - refused) - ids, "missing": ids - held[kind]}
            for kind, ids in face.items()
            if held[kind] - refused != ids
        }
        assert not differences, (name, differences)
        visible = {
            (kind, record_id)
            for kind, ids in face.items()
            if kind != "history_events"
            for record_id in ids
        }
        with self.server.transaction() as session:
            stamps: dict[tuple[str, uuid.UUID], dict[str, int]] = {}
            for kind, ids in face.items():
                if kind not in MODELS:
                    continue
                for chunk in _chunks(sorted(ids)):
                    for stamp in session.scalars(
                        select(FieldStamp).where(
                            FieldStamp.entity == kind, FieldStamp.record_id.in_(chunk)
                        )
                    ):
                        if stamp.field in synced_fields(MODELS[kind]):  # not each side's own
                            key = (stamp.entity, stamp.record_id)
                            stamps.setdefault(key, {})[stamp.field] = stamp.version
            theirs_requests = {
                request.id: _request_values(request)
                for chunk in _chunks(sorted(face["help_requests"]))
                for request in session.scalars(select(HelpRequest).where(HelpRequest.id.in_(chunk)))
            }
        wrong = {
            key: {
                name: (mine.get(name), theirs.get(name))
                for name in mine.keys() | theirs.keys()
                if mine.get(name) != theirs.get(name)
            }
            for key in visible
            if (mine := versions.get(key, {})) != (theirs := stamps.get(key, {}))
        }
        assert not wrong, (name, list(wrong.items())[:3])
        assert {k: v for k, v in mine_requests.items() if k in theirs_requests} == theirs_requests

    def _every_edit_is_kept(self) -> None:
        """Each edit made is the field's value now, was overwritten by an edit made
        with it in view, or is kept as a losing value for review."""
        edits = {
            op_id: Edit(
                op_id,
                op.entity,
                op.record_id,
                op.payload["field"],
                op.payload["value"],
                op.base_version,
                op.device_id,
            )
            for laptop in self.laptops.values()
            for op_id, op in laptop.made.items()
            if op.kind.value == "set"
        }
        if not edits:
            return
        with self.server.transaction() as session:
            answers = {
                row.op_id: (row.result, row.seq)
                for chunk in _chunks(list(edits))
                for row in session.execute(
                    select(PushedOp.op_id, PushedOp.result, PushedOp.seq).where(
                        PushedOp.op_id.in_(chunk)
                    )
                )
            }
            kept = {
                (row.record_id, row.field, row.losing_device_id, json.dumps(row.losing_value))
                for row in session.scalars(
                    select(LosingValueEntry).where(
                        LosingValueEntry.record_id.in_({e.record_id for e in edits.values()})
                    )
                )
            }
            by_field: dict[tuple[str, uuid.UUID, str], list[tuple[int, Edit]]] = {}
            for op_id, edit in edits.items():
                result, seq = answers.get(op_id, (None, None))
                key = (edit.record_id, edit.field, edit.device_id, json.dumps(edit.value))
                if result == OpResult.LOST.value:
                    assert key in kept, f"a lost value was not kept: {edit}"
                elif result in APPLIED and seq is not None:  # without a number: no change
                    by_field.setdefault((edit.entity, edit.record_id, edit.field), []).append(
                        (seq, edit)
                    )
            for (entity, record_id, field_name), applied in by_field.items():
                applied.sort(key=lambda pair: pair[0])
                stamp = session.get_one(FieldStamp, (entity, record_id, field_name))
                last_seq, last = applied[-1]
                if stamp.version == last_seq:
                    record = session.get_one(MODELS[entity], record_id)
                    assert to_wire(getattr(record, field_name)) == last.value, last
                else:
                    assert stamp.version > last_seq, (stamp.version, last)
                for (seq, earlier), (_, later) in itertools.pairwise(applied):
                    # One device's later edit has its earlier ones in view (they are not
                    # a conflict); another's had it when its base was at least its number.
                    saw_it = later.device_id == earlier.device_id or (
                        later.base_version is not None and later.base_version >= seq
                    )
                    if not saw_it and earlier.value != later.value:
                        key = (record_id, field_name, earlier.device_id, json.dumps(earlier.value))
                        assert key in kept, f"an overwritten value was not kept: {earlier}"

    def _no_op_applied_twice(self) -> None:
        made = [op_id for laptop in self.laptops.values() for op_id in laptop.made]
        with self.server.transaction() as session:
            twice = [
                row
                for chunk in _chunks(made)
                for row in session.execute(
                    select(ChangeLogEntry.op_id, ChangeLogEntry.record_id, func.count())
                    .where(ChangeLogEntry.op_id.in_(chunk))
                    .group_by(ChangeLogEntry.op_id, ChangeLogEntry.record_id)
                    .having(func.count() > 1)
                )
            ]
        assert not twice, twice[:3]


APPLIED = (OpResult.APPLIED.value, OpResult.APPLIED_OVER.value)
MODELS: dict[str, Any] = {
    model.__tablename__: model for model in (Resident, HelpRequest, Contact, FollowUp)
}


def _request_values(request: HelpRequest) -> tuple[object, ...]:
    return (
        request.level,
        request.status,
        request.owner_id,
        request.question,
        request.urgency,
        request.life_domains,
        request.outcome,
    )


def _chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@pytest.fixture
def machine(
    server: Server, desks: DeskFactory, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> type[Convergence]:
    # A lost answer is asked again at once: the pause between tries is for real networks.
    monkeypatch.setattr(engine, "RETRY_PAUSE_SECONDS", 0)
    team_name = f"Wijkteam convergentie {uuid.uuid4().hex[:6]}"
    with server.transaction() as session:
        admin.create_team(session, team_name, ["BAK"])
    Convergence.server = server
    Convergence.desks = staticmethod(desks)
    Convergence.mover = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK",))
    Convergence.team_name = team_name
    Convergence.team_member = make_user(Role.DISTRICT_TEAM, team=team_name)
    return Convergence


def _run(machine: type[Convergence], examples: int, steps: int, minutes: float) -> None:
    """Examples in rounds until ``examples`` ran or ``minutes`` passed; the count and
    the rate are printed (``pytest -s``) for the record."""
    started = time.monotonic()
    machine.examples = 0
    machine.outcomes = Counter()
    while machine.examples < examples and time.monotonic() - started < minutes * 60:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=min(ROUND, examples - machine.examples),
                stateful_step_count=steps,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                # The server's database outlives an example, so a replay never sees the
                # same state again: report the first failing run as it happened.
                phases=[Phase.generate],
            ),
        )
    seconds = time.monotonic() - started
    print(
        f"convergence: {machine.examples} examples of up to {steps} steps in {seconds:.0f} s, "
        f"{machine.examples / seconds:.3f} examples/s, load average {os.getloadavg()[0]:.2f}; "
        f"ops: {dict(machine.outcomes)}"
    )


def test_laptops_syncing_through_a_bad_network_converge(machine: type[Convergence]) -> None:
    _run(machine, examples=10, steps=30, minutes=1)


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="set DORPSONDERSTEUNER_SLOW=1 for the long run")
def test_laptops_syncing_through_a_bad_network_converge_long(
    machine: type[Convergence],
) -> None:
    _run(machine, examples=SLOW_EXAMPLES, steps=40, minutes=SLOW_MINUTES)


def test_a_contact_no_longer_for_professionals_only_reaches_a_supporter_whole_and_once(
    desks: DeskFactory,
):
    """Found by the state machine: the edit that lifts "professionals only" also changed
    the minutes, logged first; the supporter got that update of a contact she did not
    hold (set aside), and so a value from while it was hidden from her."""
    ingrid, joyce = desks("ingrid"), desks("joyce")
    request_id = intake(ingrid, name="Beroepsgeheim")
    escalate(ingrid, request_id)
    assert ingrid.sync().complete
    joyce.sync()
    data = records.ContactInput(
        ContactKind.HOME_VISIT, clock.today(), 30, "Alleen wijkteam", professionals_only=True
    )
    contact_id = joyce.do(records.add_contact, request_id, data)
    assert joyce.sync().complete
    assert ingrid.sync().set_aside == 0
    shown = records.ContactInput(ContactKind.HOME_VISIT, clock.today(), 45, "Voor iedereen")
    joyce.do(records.edit_contact, contact_id, shown)
    assert joyce.sync().complete
    report = ingrid.sync()
    assert report.set_aside == 0 and report.checksum == "ok"
    held = ingrid.read(lambda session: session.get_one(Contact, contact_id))
    assert (held.minutes, held.summary, held.professionals_only) == (45, "Voor iedereen", False)
