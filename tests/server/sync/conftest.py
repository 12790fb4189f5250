"""Laptops for the sync tests: real registers (SQLCipher files with the demo directory),
signed in to the real server over HTTP, that make their changes through the core's
services (so their outbox holds what the program would push), push them, and apply
pulled pages with the laptop's own apply and purge in one transaction per page.

The cursor is kept here, in memory; storing it in the register with the page is the
desktop sync's (ARCHITECTURE "Sync in the desktop app").
"""

from __future__ import annotations

import secrets
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from dorpsondersteuner.demo.directory import install_directory
from dorpsondersteuner.models import (
    Area,
    ArrangedHelp,
    Contact,
    DeviceState,
    DistrictTeam,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    OutboxOp,
    RegisterKind,
    Resident,
    User,
)
from dorpsondersteuner.models.local import SyncState
from dorpsondersteuner.register import Register, open_register
from dorpsondersteuner.server.admin import DEMO_PASSWORD
from dorpsondersteuner.services.access import Principal, load_principal
from dorpsondersteuner.services.changes import from_wire, record_fields
from dorpsondersteuner.sync.apply import apply_changes
from dorpsondersteuner.sync.protocol import LosingValue, Op, PullPage, PushResult, RejectedOp
from dorpsondersteuner.sync.purge import purge

from ..conftest import Server, bearer

KEY = secrets.token_bytes(32)
T = TypeVar("T")

HELD_MODELS = (Resident, HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent, Helper)


@pytest.fixture(scope="session")
def laptop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register with the demo directory, as every server of these tests has it."""
    path = tmp_path_factory.mktemp("laptop-template") / "register.db"
    register = open_register(path, KEY, create=True)
    with register.transaction() as session:
        install_directory(session)
    with register.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    register.close()
    return path


@dataclass
class Laptop:
    register: Register
    http: httpx.Client
    username: str
    user_id: uuid.UUID
    device_id: uuid.UUID
    token: str
    cursor: str | None = None
    sent_upto: int = 0  # outbox position pushed so far
    results: dict[uuid.UUID, PushResult] = field(default_factory=dict)
    losing_values: list[LosingValue] = field(default_factory=list)
    rejected_for_me: list[RejectedOp] = field(default_factory=list)
    set_aside: list[tuple[int, str]] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)

    def principal(self, session: Session) -> Principal:
        return load_principal(session, self.user_id)

    def do(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service as this laptop's user, in one transaction (its outbox op too)."""
        with self.register.transaction() as session:
            return action(session, self.principal(session), *args, **kwargs)

    def unsent(self) -> list[Op]:
        return self.recorded(after=self.sent_upto)

    def recorded(self, after: int = 0) -> list[Op]:
        """The ops in this laptop's outbox after ``after``, sent or not."""
        with self.register.sessions() as session:
            rows = session.scalars(
                select(OutboxOp).where(OutboxOp.position > after).order_by(OutboxOp.position)
            ).all()
            return [op_of(row) for row in rows]

    def mark_sent(self) -> None:
        """Everything recorded so far counts as sent (a test pushed it by hand)."""
        with self.register.sessions() as session:
            self.sent_upto = max(session.scalars(select(OutboxOp.position)).all(), default=0)

    def push(self, batch: int = 200) -> list[PushResult]:
        results: list[PushResult] = []
        ops = self.unsent()
        for start in range(0, len(ops), batch):
            results += self.push_ops(ops[start : start + batch])
        if ops:
            self.mark_sent()
        return results

    def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        """As the desktop does: a 429 is waited out for its Retry-After, then sent again."""
        while True:
            answer = self.http.post(path, json=body, headers=self.headers)
            if answer.status_code != 429:
                return answer
            time.sleep(float(answer.headers["Retry-After"]))

    def push_ops(self, ops: list[Op]) -> list[PushResult]:
        body = {"ops": [op.model_dump(mode="json") for op in ops]}
        answer = self.post("/sync/push", body)
        assert answer.status_code == 200, answer.text
        results = [PushResult.model_validate(item) for item in answer.json()["results"]]
        assert [result.op_id for result in results] == [op.op_id for op in ops]
        self.results.update((result.op_id, result) for result in results)
        return results

    def pull_page(self, limit: int = 1000) -> PullPage:
        answer = self.post("/sync/pull", {"cursor": self.cursor, "limit": limit})
        assert answer.status_code == 200, answer.text
        return PullPage.model_validate(answer.json())

    def apply(self, page: PullPage) -> None:
        """A page and its cursor in one transaction."""
        with self.register.transaction() as session:
            purge(session, page.purge)
            batch = apply_changes(session, self.principal(session), page.changes)
        self.set_aside += batch.set_aside
        self.losing_values += page.losing_values
        self.rejected_for_me += page.rejected
        self.cursor = page.cursor

    def pull(self, limit: int = 1000) -> int:
        """Pull until there is no more; the number of pages."""
        pages = 0
        while True:
            page = self.pull_page(limit)
            self.apply(page)
            pages += 1
            if not page.more:
                return pages

    def sync(self, limit: int = 1000) -> None:
        self.push()
        self.pull(limit)

    def held(self) -> dict[str, set[uuid.UUID]]:
        """The ids of the case records this laptop holds, per table."""
        with self.register.sessions() as session:
            return {
                model.__tablename__: set(session.scalars(select(model.id))) for model in HELD_MODELS
            }

    def close(self) -> None:
        self.register.close()


def op_of(row: OutboxOp) -> Op:
    return Op.model_validate(
        {
            "op_id": row.op_id,
            "kind": row.kind,
            "entity": row.entity,
            "record_id": row.record_id,
            "payload": row.payload,
            "base_version": row.base_version,
            "hlc": row.hlc,
            "user_id": row.user_id,
            "device_id": row.device_id,
            "protocol_version": row.protocol_version,
        }
    )


LaptopFactory = Callable[..., Laptop]


def new_laptop(
    path: Path,
    template: Path,
    http: httpx.Client,
    engine: Engine,
    username: str,
    password: str = DEMO_PASSWORD,
    device_id: uuid.UUID | None = None,
) -> Laptop:
    """A register at ``path`` signed in through ``http`` with a device id of its own
    (or ``device_id``: a laptop connected again with a new register), holding the
    directory of the server's database ``engine``."""
    shutil.copyfile(template, path)
    register = open_register(path, KEY)
    device_id = device_id or uuid.uuid4()
    answer = http.post(
        "/auth/login",
        json={"username": username, "password": password, "device_id": str(device_id)},
    )
    assert answer.status_code == 200, answer.text
    login = answer.json()
    copy_directory(engine, register)
    with register.transaction() as session:
        session.add(
            DeviceState(
                device_id=device_id,
                short_code=login["device"]["short_code"],
                register_kind=RegisterKind.REAL,
            )
        )
        # As ``connect`` makes it; it also keeps the laptop's checksum sums.
        session.add(
            SyncState(
                server_url=str(http.base_url).rstrip("/"),
                user_id=uuid.UUID(login["user_id"]),
                username=username,
                role=session.get_one(User, uuid.UUID(login["user_id"])).role,
                token=login["token"],
            )
        )
    return Laptop(register, http, username, uuid.UUID(login["user_id"]), device_id, login["token"])


def copy_directory(engine: Engine, register: Register) -> None:
    """The server's directory as it is now onto the laptop, as the first sync's snapshot
    brings it (issue "Sync server 3"); later changes come with the pulls."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as source, register.transaction() as target:
        for model in (Area, DistrictTeam, User):
            for record in source.scalars(select(model)):
                values = record_fields(record)
                copy = target.get(model, record.id) or model(id=record.id)
                for name, value in values.items():
                    setattr(copy, name, from_wire(model, name, value))
                if isinstance(record, User | DistrictTeam):
                    copy.areas = [target.get_one(Area, area.id) for area in record.areas]  # type: ignore[union-attr]
                target.add(copy)
            target.flush()


@pytest.fixture
def laptops(server: Server, laptop_template: Path, tmp_path: Path) -> Iterator[LaptopFactory]:
    """Factory: a laptop of ``username`` (a demo user unless a password is given),
    signed in to the server with a device id of its own."""
    made: list[Laptop] = []
    http = httpx.Client(base_url=server.url, timeout=60)

    def make(username: str, password: str = DEMO_PASSWORD) -> Laptop:
        path = tmp_path / f"{username}-{len(made)}.db"
        laptop = new_laptop(path, laptop_template, http, server.engine, username, password)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()
    http.close()
